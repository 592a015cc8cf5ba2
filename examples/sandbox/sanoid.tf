# Snapshots of the sandbox: the seed's policy (24 hourly, 30 daily, 6 monthly) on the persistent
# and home datasets, written into <state>/sanoid/sanoid.conf. Run what the foundation's
# homelab-sanoid.timer runs to take them:  sanoid --cron --configdir <state>/sanoid

resource "homelab_sanoid_policy" "seed" {
  name        = "seed"
  description = "seed: 24 hourly, 30 daily, 6 monthly"
  datasets    = [homelab_zfs_dataset.persistent.name, homelab_zfs_dataset.home.name]
  frequently  = 0
  hourly      = 24
  daily       = 30
  weekly      = 0
  monthly     = 6
  yearly      = 0
  autosnap    = true
  autoprune   = true

  monitor_thresholds = {
    hourly_warn = "90m"
    hourly_crit = "6h"
  }
}
