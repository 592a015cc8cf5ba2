# Import id: [<remote>:]<policy name> (the name in `# BEGIN homelab_sanoid_policy <name>`).
terraform import homelab_sanoid_policy.persistent persistent

# On a named remote:
terraform import homelab_sanoid_policy.persistent atlas:persistent
