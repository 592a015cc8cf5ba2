# Replication of the sandbox: every 30 minutes to the replica pool on the "other disk".
# The unit lands in <state>/units; without systemd as PID 1 (CI, containers) the apply warns and
# the job can be run by hand from the unit's ExecStart= line.

resource "homelab_syncoid_job" "persistent" {
  name        = "persistent"
  description = "persistent to the replica pool"
  source      = homelab_zfs_dataset.persistent.name
  target      = "${var.backup_pool}/persistent"
  # The foundation's monitor alerts when the last successful run is older than this.
  max_age = "2h"
  # Replicate the policy's snapshots together with the sync snapshot.
  depends_on = [homelab_sanoid_policy.seed]
}

resource "homelab_syncoid_job" "home" {
  name        = "home"
  description = "home to the replica pool"
  source      = homelab_zfs_dataset.home.name
  target      = "${var.backup_pool}/home"
  depends_on  = [homelab_sanoid_policy.seed]
}
