# Datasets the operator owns. Incus gets its own dataset (rpool/incus, created by the foundation)
# and a storage pool on it; everything Incus creates below it is Incus's business.

resource "homelab_zfs_dataset" "persistent" {
  name        = "rpool/persistent"
  description = "State that survives an erase-your-darlings root: snapshotted and replicated."
  properties = {
    compression = "lz4"
    atime       = "off"
  }
}

resource "homelab_zfs_dataset" "home" {
  name        = "rpool/home"
  description = "Home directories: snapshotted and replicated."
  properties = {
    compression = "lz4"
  }
}

resource "homelab_zfs_dataset" "vaultwarden" {
  name        = "${homelab_zfs_dataset.persistent.name}/vaultwarden"
  description = "Vaultwarden data, mounted into its container."
  properties = {
    mountpoint = "/persistent/vaultwarden"
    recordsize = "16K" # SQLite pages
  }
}

resource "homelab_zfs_dataset" "replica" {
  name        = "backup/replica"
  description = "Receives syncoid replicas; never mounted."
  properties = {
    mountpoint = "none"
    canmount   = "off"
  }
}

resource "incus_storage_pool" "default" {
  name   = "default"
  driver = "zfs"
  config = {
    source = "rpool/incus"
  }
}

resource "incus_network" "bridge" {
  name = "incusbr0"
  config = {
    "ipv4.address" = "10.10.10.1/24"
    "ipv4.nat"     = "true"
    "ipv6.address" = "none"
  }
}
