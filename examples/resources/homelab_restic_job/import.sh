# Import by job name, optionally prefixed by the provider remote: [<remote>:]<name>.
# The job's settings are read from <state>/restic/<name>/job.json on the host. Write-only secrets
# cannot be read back: keep password_wo / environment_wo in the configuration. The plan stays empty
# while their *_version values equal the imported ones; bump one to write that secret again.
tofu import homelab_restic_job.offsite offsite
tofu import homelab_restic_job.offsite atlas:offsite
