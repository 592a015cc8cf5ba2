# Health as data: warn on every plan and apply once the replica that syncoid keeps on the backup
# pool is older than 2 hours. Times are RFC 3339 UTC, so timecmp/timeadd/plantimestamp() work.
check "replica_fresh" {
  data "homelab_snapshots" "replica" { dataset = "backup/replica/persistent" }
  assert {
    condition     = timecmp(data.homelab_snapshots.replica.newest_time, timeadd(plantimestamp(), "-2h")) > 0
    error_message = "The replica is older than 2 hours."
  }
}

# Sanoid's own snapshots of the source, per period: a daily snapshot must be at most 26 hours old.
data "homelab_snapshots" "persistent" {
  dataset     = "rpool/persistent"
  name_prefix = "autosnap_"
}

output "persistent_snapshots" {
  value = {
    count        = data.homelab_snapshots.persistent.snapshot_count
    newest       = data.homelab_snapshots.persistent.newest_name
    newest_daily = lookup(data.homelab_snapshots.persistent.newest_by_period, "daily", null)
  }
}

check "daily_snapshot_fresh" {
  assert {
    condition = timecmp(
      lookup(data.homelab_snapshots.persistent.newest_by_period, "daily", "1970-01-01T00:00:00Z"),
      timeadd(plantimestamp(), "-26h")
    ) > 0
    error_message = "No sanoid daily snapshot of rpool/persistent in the last 26 hours."
  }
}
