# Import id: [<remote>:]<job name>; the job is read back from homelab-syncoid-<name>.service/.timer.
terraform import homelab_syncoid_job.persistent persistent

# On a named remote:
terraform import homelab_syncoid_job.persistent atlas:persistent
