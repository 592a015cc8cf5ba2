# Off-site copy of the critical subset to Backblaze B2 (S3-compatible API, as restic recommends),
# encrypted client-side. Secrets are write-only (Terraform/OpenTofu >= 1.11): they reach the host's
# 0600 files, never the state. Bump a *_version to write a new value.
variable "restic_password" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "b2_key_id" {
  type      = string
  ephemeral = true
}

variable "b2_application_key" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "homelab_restic_job" "offsite" {
  name        = "offsite"
  description = "critical subset to B2"
  repository  = "s3:https://s3.eu-central-003.backblazeb2.com/homelab-backup/atlas"

  password_wo         = var.restic_password
  password_wo_version = 1

  environment_wo = {
    AWS_ACCESS_KEY_ID     = var.b2_key_id
    AWS_SECRET_ACCESS_KEY = var.b2_application_key
  }
  environment_wo_version = 1

  paths = [
    "/run/homelab-restic/offsite/vaultwarden.sqlite3", # the consistent copy `before` writes
    "/persistent/authelia",
    "/persistent/tofu",
  ]
  exclude        = ["*.tmp", "cache/"]
  exclude_caches = true
  # Every snapshot is also tagged homelab-job=offsite and taken with --host <this machine>;
  # retention below only ever forgets those, so other jobs and machines can share the bucket.
  tags = ["critical"]

  schedule         = "*-*-* 03:15:00"
  randomized_delay = "30min"
  # The foundation's monitor alerts when the last successful backup is older than this
  # (X-HomelabMaxAgeSec= in the backup service): one missed night is tolerated.
  max_age = "36h"

  # A consistent copy of the database before each backup; a failure fails the job (OnFailure fires).
  # The units are sandboxed (hardening = "strict", the default): the file system is read-only to
  # them except the job's runtime directory /run/homelab-restic/<name>, so the copy goes there.
  before = "sqlite3 /persistent/vaultwarden/db.sqlite3 '.backup /run/homelab-restic/offsite/vaultwarden.sqlite3'"

  # Run as an existing unprivileged user: read_all keeps only CAP_DAC_READ_SEARCH, so it reads
  # everything it backs up and can change nothing. The secrets stay root's 0600 files; systemd
  # hands them to the units as credentials.
  user     = "restic"
  read_all = true

  retention = {
    keep_daily   = 7
    keep_weekly  = 5
    keep_monthly = 12
    keep_yearly  = 3
  }

  check = {
    schedule         = "Sun *-*-* 05:00:00"
    read_data_subset = "5%"
  }
}
