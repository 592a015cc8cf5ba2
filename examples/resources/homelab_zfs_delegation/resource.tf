# On the backup host: a non-root user (here `syncoid`, e.g. the login of hosts that push) may
# receive replicas into backup/replica and everything below it. `mount` and `create` go with
# `receive`; `destroy` lets syncoid reset an interrupted resumable receive; `hold`/`release`
# protect the sync snapshots.
resource "homelab_zfs_delegation" "replica_receive" {
  dataset     = "backup/replica"
  user        = "syncoid"
  permissions = ["receive", "create", "mount", "destroy", "hold", "release", "rollback", "userprop"]
}

# On a source host that is pulled from (docs/guides/pull-replication.md): the pull user may
# only send. (nixgen's `replication.pullKeys` grants the same at boot; use one or the other.)
resource "homelab_zfs_delegation" "pull_source" {
  remote      = "atlas"
  dataset     = "rpool/persistent"
  user        = "syncoid-pull"
  permissions = ["send"]
}

# Local scope only, for a group: members may snapshot the dataset itself, not its children.
resource "homelab_zfs_delegation" "home_snapshots" {
  dataset     = "rpool/home"
  group       = "users"
  permissions = ["snapshot"]
  local       = true
  descendants = false
}
