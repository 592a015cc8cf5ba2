# A filesystem with native and user properties. Sizes may be human (1T) or raw bytes: the
# provider compares them in parsed form, so the plan never flaps between the two.
resource "homelab_zfs_dataset" "media" {
  name        = "tank/media"
  description = "Films and music, replicated nightly."
  properties = {
    compression          = "on"
    atime                = "off"
    recordsize           = "1M"
    quota                = "1T"
    "com.example:backup" = "nightly"
  }
}

# A child: referencing the parent's name orders the creates (and renames follow it).
resource "homelab_zfs_dataset" "photos" {
  name = "${homelab_zfs_dataset.media.name}/photos"
  properties = {
    mountpoint = "/srv/photos"
  }
  # Destroying refuses while snapshots or children exist; set this (and apply) to allow
  # `zfs destroy -r` of the dataset together with them.
  force_destroy = false
}

# A sparse volume on another remote (see examples/provider/provider.tf).
resource "homelab_zfs_dataset" "vm_disk" {
  remote  = "atlas"
  name    = "rpool/vms/router"
  type    = "volume"
  volsize = "20G"
  sparse  = true
  properties = {
    volblocksize = "16K" # creation-only: changing it replaces the volume
  }
}
