# The host the foundation (nixgen) installed. Defaults match examples/nixgen/homelab/host.yaml.

variable "host" {
  description = "SSH address of the NixOS host, or \"local\" when tofu runs on the host itself."
  type        = string
  default     = "ssh://root@atlas.lan:22"
}

variable "ssh_private_key_file" {
  description = "Private key the provider logs in with, e.g. \"~/.ssh/id_ed25519\"; null: the keys of ssh-agent, as ssh does."
  type        = string
  default     = null
}

variable "host_key_fingerprint" {
  description = "SHA256 fingerprint of the host's SSH key (ssh-keyscan atlas.lan | ssh-keygen -lf -)."
  type        = string
  default     = null
}

variable "state_dir" {
  description = "The foundation's homelab state dir (host.yaml homelab.stateDir)."
  type        = string
  default     = "/var/lib/homelab"
}

variable "system_pool" {
  description = "The system pool (host.yaml disks.system.pool)."
  type        = string
  default     = "rpool"
}

variable "backup_pool" {
  description = "The pool on the backup disk (host.yaml disks.replica.pool)."
  type        = string
  default     = "backup"
}

variable "services_mountpoint" {
  description = "Where the services' datasets are mounted on the host."
  type        = string
  default     = "/srv"
}

variable "sqlite3" {
  description = "sqlite3 on the host, by absolute path: units the provider writes do not get NixOS's PATH (the foundation installs sqlite)."
  type        = string
  default     = "/run/current-system/sw/bin/sqlite3"
}

variable "restic_repository" {
  description = "Off-site restic repository."
  type        = string
  default     = "s3:https://s3.us-west-004.backblazeb2.com/atlas-backups/restic"
}

variable "restic_password" {
  description = "Password of the off-site restic repository (write-only: never stored in state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "restic_environment" {
  description = "Credentials of the repository's backend, e.g. { AWS_ACCESS_KEY_ID = ..., AWS_SECRET_ACCESS_KEY = ... } (write-only)."
  type        = map(string)
  default     = {}
  sensitive   = true
  ephemeral   = true
}

variable "restic_secrets_version" {
  description = "Bump to push a changed restic password or environment to the host."
  type        = number
  default     = 1
}

variable "ntfy_url" {
  description = "ntfy server the alerts go to."
  type        = string
  default     = "https://ntfy.sh"
}

variable "ntfy_topic" {
  description = "ntfy topic of the alerts."
  type        = string
  default     = "atlas-homelab-alerts"
}

variable "ntfy_token" {
  description = "ntfy access token (write-only)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "ntfy_token_version" {
  description = "Bump to push a changed ntfy token to the host."
  type        = number
  default     = 1
}
