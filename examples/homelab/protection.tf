# The three copies: hourly snapshots (24 h / 30 d / 6 mo), a replica on the second disk every
# 30 minutes, and an encrypted off-site copy of the critical subset. Any failure alerts ntfy.

resource "homelab_sanoid_policy" "standard" {
  name     = "standard"
  datasets = [homelab_zfs_dataset.persistent.name, homelab_zfs_dataset.home.name]

  hourly    = 24
  daily     = 30
  monthly   = 6
  autosnap  = true
  autoprune = true
  recursive = "zfs"
}

resource "homelab_syncoid_job" "replica" {
  name      = "replica"
  source    = homelab_zfs_dataset.persistent.name
  target    = "${homelab_zfs_dataset.replica.name}/persistent"
  recursive = true
  schedule  = "*:0/30"
}

resource "homelab_syncoid_job" "replica_home" {
  name      = "replica-home"
  source    = homelab_zfs_dataset.home.name
  target    = "${homelab_zfs_dataset.replica.name}/home"
  recursive = true
  schedule  = "*:0/30"
}

resource "homelab_restic_job" "offsite" {
  name       = "offsite"
  repository = "s3:https://s3.us-west-004.backblazeb2.com/atlas-backups/restic"

  password_wo         = var.restic_password
  password_wo_version = 1
  environment_wo = {
    AWS_ACCESS_KEY_ID     = var.b2_key_id
    AWS_SECRET_ACCESS_KEY = var.b2_key
  }
  environment_wo_version = 1

  paths = [
    homelab_zfs_dataset.vaultwarden.properties["mountpoint"],
    "/persistent/secrets/tofu",
    "/persistent/authelia",
  ]
  exclude_caches = true
  tags           = ["critical"]
  schedule       = "daily"

  retention = {
    keep_daily   = 7
    keep_weekly  = 5
    keep_monthly = 12
    prune        = true
  }
}

resource "homelab_ntfy_alert" "phone" {
  name     = "phone"
  url      = "https://ntfy.atlas.lan"
  topic    = "homelab-alerts"
  priority = "high"
  tags     = ["rotating_light", "atlas"]
  click    = "https://wiki.atlas.lan/runbooks/backups"

  token_wo         = var.ntfy_token
  token_wo_version = 1

  # Our own jobs alert by default; these host units get OnFailure drop-ins too.
  units = ["incus.service", "zfs-scrub.service"]
}
