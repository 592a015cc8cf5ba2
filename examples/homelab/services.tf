# Containers next to the protected data. Vaultwarden's data lives on a dataset we manage, so it
# is snapshotted, replicated and backed up with everything else.

resource "incus_instance" "vaultwarden" {
  name     = "vaultwarden"
  image    = "images:debian/12"
  profiles = ["default"]

  device {
    name = "data"
    type = "disk"
    properties = {
      source = homelab_zfs_dataset.vaultwarden.properties["mountpoint"]
      path   = "/var/lib/vaultwarden"
    }
  }
}

resource "incus_instance" "traefik" {
  name     = "traefik"
  image    = "images:debian/12"
  profiles = ["default"]

  device {
    name = "https"
    type = "proxy"
    properties = {
      listen  = "tcp:0.0.0.0:443"
      connect = "tcp:127.0.0.1:443"
    }
  }
}

resource "incus_instance" "ntfy" {
  name     = "ntfy"
  image    = "images:debian/12"
  profiles = ["default"]
}
