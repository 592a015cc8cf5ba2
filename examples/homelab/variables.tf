variable "host" {
  description = "SSH address of the NixOS host the foundation (nixgen) installed."
  type        = string
  default     = "ssh://root@atlas.lan:22"
}

variable "host_key_fingerprint" {
  description = "SHA256 fingerprint of the host's SSH key (ssh-keyscan atlas.lan | ssh-keygen -lf -)."
  type        = string
}

variable "restic_password" {
  description = "Password of the off-site restic repository (write-only: never stored in state)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "b2_key_id" {
  description = "Backblaze B2 application key id (S3-compatible API)."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "b2_key" {
  description = "Backblaze B2 application key."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "ntfy_token" {
  description = "Access token of the self-hosted ntfy server."
  type        = string
  sensitive   = true
  ephemeral   = true
}
