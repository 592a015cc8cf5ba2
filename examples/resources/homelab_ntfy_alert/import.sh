# Import id: [<remote>:]<name>. The settings are read back from <state>/ntfy/<name>.env on the
# host; the write-only token must be supplied by the configuration again (the plan stays empty
# while token_wo_version equals the imported one). Create refuses an alert whose env file or
# OnFailure drop-in already exists (another workspace's, or made by hand); importing is how to
# take such an alert over.
terraform import homelab_ntfy_alert.phone phone
terraform import homelab_ntfy_alert.phone atlas:phone
