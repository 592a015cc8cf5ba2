# The snapshots of the "offsite" homelab_restic_job: only its own count (its homelab-job=offsite
# tag, on its host), never another job's in the same repository or snapshots taken by hand.
data "homelab_restic_snapshots" "offsite" {
  job = "offsite"
}

output "offsite_backups" {
  value = {
    count       = data.homelab_restic_snapshots.offsite.snapshot_count
    newest      = data.homelab_restic_snapshots.offsite.newest_time
    newest_id   = data.homelab_restic_snapshots.offsite.newest_id
    oldest      = data.homelab_restic_snapshots.offsite.oldest_time
    newest_size = data.homelab_restic_snapshots.offsite.newest_size
  }
}

# Health as data: warn on every plan and apply once the newest snapshot is older than 26 hours
# (or there is none). Times are RFC 3339 UTC, so timecmp/timeadd/plantimestamp() work.
check "offsite_snapshot_fresh" {
  assert {
    condition = timecmp(
      coalesce(data.homelab_restic_snapshots.offsite.newest_time, "1970-01-01T00:00:00Z"),
      timeadd(plantimestamp(), "-26h")
    ) > 0
    error_message = "The offsite restic job has no snapshot from the last 26 hours."
  }
}
