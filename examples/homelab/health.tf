# Health as data: these checks run on every plan and apply and warn (never block) when the
# protection layer has quietly stopped working.

check "replica_fresh" {
  data "homelab_snapshots" "replica" {
    dataset = homelab_syncoid_job.replica["persistent"].target
  }
  assert {
    condition     = timecmp(coalesce(data.homelab_snapshots.replica.newest_time, "1970-01-01T00:00:00Z"), timeadd(plantimestamp(), "-2h")) > 0
    error_message = "The replica of persistent on the backup pool is older than 2 hours: is homelab-syncoid-replica-persistent.timer running?"
  }
}

check "snapshots_fresh" {
  data "homelab_snapshots" "persistent" {
    dataset     = data.homelab_zfs_dataset.persistent.name
    name_prefix = "autosnap_"
  }
  assert {
    condition     = timecmp(coalesce(data.homelab_snapshots.persistent.newest_time, "1970-01-01T00:00:00Z"), timeadd(plantimestamp(), "-2h")) > 0
    error_message = "The newest sanoid snapshot of persistent is older than 2 hours: is homelab-sanoid.timer running?"
  }
}

check "pools_healthy" {
  data "homelab_zpool" "system" {
    name = var.system_pool
  }
  data "homelab_zpool" "backup" {
    name = var.backup_pool
  }
  assert {
    condition     = alltrue([for p in [data.homelab_zpool.system, data.homelab_zpool.backup] : p.health == "ONLINE" && p.capacity < 80])
    error_message = "A pool is not ONLINE or is over 80% full: see `zpool status` (the foundation's ZED hook has alerted ntfy with the details)."
  }
}
