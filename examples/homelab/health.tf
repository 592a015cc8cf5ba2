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

# Each pool on its own: a check block holds one data source.
check "system_pool_healthy" {
  data "homelab_zpool" "system" {
    name = var.system_pool
  }
  assert {
    condition     = data.homelab_zpool.system.health == "ONLINE" && data.homelab_zpool.system.capacity < 80
    error_message = "The system pool is not ONLINE or is over 80% full: see `zpool status` (the foundation's ZED hook has alerted ntfy with the details)."
  }
}

check "backup_pool_healthy" {
  data "homelab_zpool" "backup" {
    name = var.backup_pool
  }
  assert {
    condition     = data.homelab_zpool.backup.health == "ONLINE" && data.homelab_zpool.backup.capacity < 80
    error_message = "The backup pool is not ONLINE or is over 80% full: replicas stop when it fills (see `zpool status`)."
  }
}
