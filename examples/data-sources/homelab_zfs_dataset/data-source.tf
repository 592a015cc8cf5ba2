# A dataset the NixOS foundation (disko) created: read it back instead of managing it.
data "homelab_zfs_dataset" "persistent" {
  name = "rpool/persistent"
}

check "persistent_has_room" {
  assert {
    condition     = data.homelab_zfs_dataset.persistent.available > 10 * 1024 * 1024 * 1024
    error_message = "rpool/persistent has less than 10 GiB available."
  }
  assert {
    condition     = data.homelab_zfs_dataset.persistent.properties["compression"].value != "off"
    error_message = "Compression is off on rpool/persistent (${data.homelab_zfs_dataset.persistent.properties["compression"].source})."
  }
}

output "persistent" {
  value = {
    mountpoint  = data.homelab_zfs_dataset.persistent.mountpoint
    mounted     = data.homelab_zfs_dataset.persistent.mounted
    used        = data.homelab_zfs_dataset.persistent.used
    created     = data.homelab_zfs_dataset.persistent.creation
    compression = data.homelab_zfs_dataset.persistent.properties["compression"].value
  }
}
