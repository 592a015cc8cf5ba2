# Restic: the critical subset (scripts/sandbox.sh creates ${var.sandbox_dir}/critical) to a local
# repository under the sandbox. The password is write-only (Terraform/OpenTofu >= 1.11).
# Prove a restore with the command in the output `restic_restore_command`.
variable "restic_password" {
  description = "Password of the sandbox restic repository (write-only in the job)."
  type        = string
  sensitive   = true
  ephemeral   = true
  default     = "sandbox-only-password"
}

resource "homelab_restic_job" "critical" {
  name        = "critical"
  description = "sandbox critical subset"
  repository  = "${var.sandbox_dir}/restic-repo"

  password_wo         = var.restic_password
  password_wo_version = 1

  paths   = ["${var.sandbox_dir}/critical"]
  exclude = ["*.tmp"]
  tags    = ["critical", "sandbox"]

  schedule         = "*-*-* 03:15:00"
  max_age          = "36h"
  randomized_delay = "15min"

  retention = {
    keep_daily  = 7
    keep_weekly = 4
  }

  check = {
    schedule         = "weekly"
    read_data_subset = "10%"
  }
}

output "restic_backup_unit" {
  description = "Backup service; its ExecStart lines are what systemd (or the sandbox script) runs."
  value       = "${var.state_dir}/units/${homelab_restic_job.critical.unit_name}"
}

output "restic_restore_command" {
  description = "Restores the latest snapshot into <target>; compare with diff -r."
  value       = "restic -r ${var.sandbox_dir}/restic-repo --password-file ${var.state_dir}/restic/critical/password restore latest --target <target>"
}
