# Replicate the persistent dataset to the backup pool on a separate disk every 30 minutes.
# Sends sanoid's snapshots (plus a fresh syncoid sync snapshot); a failure triggers
# failure-notify@homelab-syncoid-persistent.service, a success success-notify@…, and the
# foundation's monitor alerts when the last success is older than max_age.
resource "homelab_syncoid_job" "persistent" {
  name        = "persistent"
  description = "rpool/persistent to the HDD pool"
  source      = "rpool/persistent"
  target      = "backup/replica/persistent"
  recursive   = true
  schedule    = "*:0/30" # the default; any systemd OnCalendar expression
  persistent  = true     # catch up on a run missed while the host was off
  max_age     = "2h"     # stale after four missed runs: X-HomelabMaxAgeSec=7200
}

# Push to another machine over ssh as the unprivileged user "syncoid" (runs with
# --no-privilege-elevation; it needs `zfs allow` permissions on rpool/home here, e.g. through
# homelab_zfs_delegation, and on the target on the NAS), with a bandwidth cap. The key must be
# readable by that user, and the NAS's host key already in its known_hosts (read-only to the unit).
resource "homelab_syncoid_job" "offsite" {
  name             = "offsite"
  source           = "rpool/home"
  target           = "syncoid@nas.lan:tank/replica/home"
  identifier       = "nas" # one source, several targets: keep sync snapshots apart
  user             = "syncoid"
  compress         = "zstd-fast"
  source_bwlimit   = "20m"
  ssh_key          = "/persistent/secrets/syncoid_ed25519"
  ssh_options      = ["StrictHostKeyChecking=yes"]
  no_rollback      = true
  schedule         = "daily"
  randomized_delay = "30m"
  max_age          = "36h" # a daily job may miss one night before it counts as stale
}

# A job that needs root-style access opts out of the sandbox (the default is "strict").
resource "homelab_syncoid_job" "scratch" {
  name      = "scratch"
  source    = "rpool/scratch"
  target    = "backup/replica/scratch"
  hardening = "off"
}
