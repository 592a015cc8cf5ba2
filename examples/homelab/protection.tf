# The three copies of the seed: sanoid snapshots (24 hourly / 30 daily / 6 monthly) of everything
# worth keeping, a replica of it on the backup disk every 30 minutes that keeps longer history
# (48 hourly / 30 daily / 6 monthly) and never fills the disk, and an encrypted off-site restic copy
# of the critical subset. Every job that fails alerts ntfy (alerts.tf).

locals {
  # What the sanoid policy snapshots and syncoid replicates: the foundation's datasets plus ours.
  protected = {
    persistent = data.homelab_zfs_dataset.persistent.name
    home       = data.homelab_zfs_dataset.home.name
    services   = homelab_zfs_dataset.services.name
  }
}

resource "homelab_sanoid_policy" "standard" {
  name        = "standard"
  description = "seed: 24 hourly, 30 daily, 6 monthly"
  datasets    = values(local.protected)

  hourly    = 24
  daily     = 30
  monthly   = 6
  autosnap  = true
  autoprune = true
  recursive = "zfs" # one atomic snapshot of each tree, children included
}

# Replication: syncoid sends each tree, with the sanoid snapshots it carries, below the
# foundation's replica dataset on the backup pool.
resource "homelab_syncoid_job" "replica" {
  for_each = local.protected

  name      = "replica-${each.key}"
  source    = each.value
  target    = "${data.homelab_zfs_dataset.replica.name}/${each.key}"
  recursive = true
  schedule  = "*:0/30"
  max_age   = "2h" # the foundation's monitor alerts when the last success is older
}

# Replica retention: the received sanoid snapshots are pruned on the backup pool by a policy of its
# own that takes no snapshots (autosnap = false) and keeps more history than the source. Syncoid's
# own sync snapshots (syncoid_*) are not sanoid's to prune; syncoid keeps only the newest one per
# target, which is the base of the next incremental send. recursive = "yes" covers every replica
# syncoid creates below the parent later on.
resource "homelab_sanoid_policy" "replicas" {
  name        = "replicas"
  description = "replica retention: 48 hourly, 30 daily, 6 monthly; never snapshots"
  datasets    = [data.homelab_zfs_dataset.replica.name]

  hourly    = 48
  daily     = 30
  monthly   = 6
  autosnap  = false
  autoprune = true
  recursive = "yes"
}

# Off-site: the critical subset, consistent. Vaultwarden's SQLite database is copied with SQLite's
# online backup first (never back up a live database file), then restic sends it with Traefik's
# certificate store to an S3-compatible bucket. The password and keys are write-only: never in state.
# The job's unit is sandboxed (ProtectSystem=strict): `before` may write only into the job's runtime
# directory /run/homelab-restic/<name>, so the copy goes there, never beside the live database.
resource "homelab_restic_job" "offsite" {
  name       = "offsite"
  repository = var.restic_repository

  password_wo            = var.restic_password
  password_wo_version    = var.restic_secrets_version
  environment_wo         = var.restic_environment
  environment_wo_version = var.restic_secrets_version

  before = "${var.sqlite3} ${local.data_dir.vaultwarden}/db.sqlite3 '.backup /run/homelab-restic/offsite/vaultwarden.sqlite3'"
  paths = [
    "/run/homelab-restic/offsite/vaultwarden.sqlite3",
    "${local.data_dir.vaultwarden}/attachments",
    "${local.data_dir.traefik}/acme.json",
  ]
  tags     = ["critical"]
  schedule = "daily"
  max_age  = "36h"

  retention = {
    keep_daily   = 7
    keep_weekly  = 5
    keep_monthly = 12
    prune        = true
  }
}
