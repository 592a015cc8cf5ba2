# Import id: [<remote>:]<dataset name>. Without a remote prefix the default remote is used.
terraform import homelab_zfs_dataset.media tank/media

# On a named remote (the prefix counts as a remote only if such a remote is configured):
terraform import homelab_zfs_dataset.vm_disk atlas:rpool/vms/router
