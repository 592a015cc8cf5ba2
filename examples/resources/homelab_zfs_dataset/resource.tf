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
  # Destroying refuses while snapshots or children exist, and a plan that would replace the
  # dataset (another pool, a creation-only property, ...) is refused naming what would be lost.
  # Set this and apply it on its own first to allow `zfs destroy -r` or the replacement.
  force_destroy = false
}

# A sparse volume on another remote (see examples/provider/provider.tf).
resource "homelab_zfs_dataset" "vm_disk" {
  remote  = "atlas"
  name    = "rpool/vms/router"
  type    = "volume"
  volsize = "20G" # grows in place; shrinking truncates the volume and needs force_destroy
  sparse  = true
  properties = {
    volblocksize = "16K" # creation-only: changing it replaces the volume (needs force_destroy)
  }
}
