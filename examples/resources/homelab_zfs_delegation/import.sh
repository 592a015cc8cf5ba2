# Import id: [<remote>:]<dataset>:<who>[:local|:descendants], <who> = user:<name>, group:<name> or everyone.
# The imported permissions count as pre-existing: destroy unallows only what is granted later.
terraform import homelab_zfs_delegation.replica_receive backup/replica:user:syncoid

# On a named remote, local scope only:
terraform import homelab_zfs_delegation.home_snapshots atlas:rpool/home:group:users:local
