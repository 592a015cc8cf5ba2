# Datasets this configuration owns: the data of the services in incus.tf, one dataset each, so each
# can be snapshotted, rolled back and restored on its own. They mount below var.services_mountpoint
# (/srv) and are bind-mounted into the containers.

resource "homelab_zfs_dataset" "services" {
  name        = "${var.system_pool}/services"
  description = "Data of the services; snapshotted, replicated, the critical part backed up off-site."
  properties = {
    mountpoint = var.services_mountpoint
    atime      = "off"
  }
}

resource "homelab_zfs_dataset" "traefik" {
  name        = "${homelab_zfs_dataset.services.name}/traefik"
  description = "Traefik: acme.json (the wildcard certificate) and the dynamic routes."
}

resource "homelab_zfs_dataset" "ntfy" {
  name        = "${homelab_zfs_dataset.services.name}/ntfy"
  description = "ntfy: message cache and user database."
}

resource "homelab_zfs_dataset" "vaultwarden" {
  name        = "${homelab_zfs_dataset.services.name}/vaultwarden"
  description = "Vaultwarden: SQLite database and attachments."
  properties = {
    recordsize = "16K" # SQLite pages
  }
}

locals {
  # Where each service's data is mounted on the host (the children inherit the parent's mountpoint).
  data_dir = {
    for k, d in {
      traefik     = homelab_zfs_dataset.traefik
      ntfy        = homelab_zfs_dataset.ntfy
      vaultwarden = homelab_zfs_dataset.vaultwarden
    } : k => "${var.services_mountpoint}/${trimprefix(d.name, "${homelab_zfs_dataset.services.name}/")}"
  }
}
