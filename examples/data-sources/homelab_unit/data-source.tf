# Health as data: warn on every plan and apply once the offsite backup has not succeeded for
# 26 hours. last_success comes from <state>/status/<unit>.success (written by the foundation's
# success-notify@.service) and is known even where systemd does not run; null means "never".
check "offsite_backup_succeeded" {
  data "homelab_unit" "offsite" { name = "homelab-restic-offsite.service" }
  assert {
    condition = timecmp(
      coalesce(data.homelab_unit.offsite.last_success, "1970-01-01T00:00:00Z"),
      timeadd(plantimestamp(), "-26h")
    ) > 0
    error_message = "The offsite backup has not succeeded in the last 26 hours."
  }
}

# A timer: is it scheduled, and when did the service it starts last succeed?
data "homelab_unit" "replica_timer" {
  name = "homelab-syncoid-replica.timer"
}

output "replica_timer" {
  value = {
    systemd_running = data.homelab_unit.replica_timer.systemd_running
    active_state    = data.homelab_unit.replica_timer.active_state
    next_elapse     = data.homelab_unit.replica_timer.next_elapse
    last_success    = data.homelab_unit.replica_timer.last_success
  }
}

check "replica_timer_active" {
  assert {
    # Where systemd does not run, the systemd attributes are null: only last_success is known.
    condition     = !data.homelab_unit.replica_timer.systemd_running || data.homelab_unit.replica_timer.active_state == "active"
    error_message = "The replication timer is not active."
  }
}
