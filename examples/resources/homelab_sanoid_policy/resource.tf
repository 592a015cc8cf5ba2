# The seed's first line of defence: hourly snapshots of the persistent and home datasets,
# kept 24 hours / 30 days / 6 months. Written as one template and two module sections into
# <state>/sanoid/sanoid.conf, which the foundation's homelab-sanoid.timer runs every 15 minutes.
resource "homelab_sanoid_policy" "persistent" {
  name        = "persistent"
  description = "24 hourly, 30 daily, 6 monthly"
  datasets    = ["rpool/persistent", "rpool/home"]

  frequently = 0
  hourly     = 24
  daily      = 30
  weekly     = 0
  monthly    = 6
  yearly     = 0
  autosnap   = true
  autoprune  = true
  recursive  = "zfs" # one atomic `zfs snapshot -r` per dataset

  # Alert thresholds for `sanoid --monitor-snapshots`.
  monitor_thresholds = {
    hourly_warn = "90m"
    hourly_crit = "6h"
    daily_warn  = "28h"
    daily_crit  = "32h"
  }

  # Any other key of the host's sanoid.defaults.conf.
  settings = {
    daily_hour = "2"
    daily_min  = "30"
  }
}

# A database dataset whose snapshots need a flush first. Hooks are plain absolute paths:
# sanoid runs them through /bin/sh, so arguments and shell syntax are refused.
resource "homelab_sanoid_policy" "db" {
  name                     = "db"
  datasets                 = ["rpool/persistent/postgres"]
  hourly                   = 48
  daily                    = 14
  pre_snapshot_script      = "/persistent/hooks/pg-checkpoint"
  no_inconsistent_snapshot = true
  script_timeout           = 30
}
