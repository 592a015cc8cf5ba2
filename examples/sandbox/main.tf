# The sandbox homelab: the seed's state-protection layer on file-backed pools on this machine.
# scripts/sandbox.sh creates the pools and applies this with terraform or tofu.

terraform {
  required_providers {
    homelab = {
      source = "example.com/homelab/homelab"
    }
  }
}

variable "state_dir" {
  description = "Host state dir the provider writes (the sandbox keeps it under .sandbox/state)."
  type        = string
}

variable "pool" {
  description = "System pool (a file-backed stand-in for rpool)."
  type        = string
  default     = "hlsandbox"
}

variable "backup_pool" {
  description = "Replica pool on a separate disk (file-backed here)."
  type        = string
  default     = "hlbackup"
}

variable "sandbox_dir" {
  description = "Sandbox root, for paths the jobs back up."
  type        = string
}

# Everything runs on this machine ("local"); the state dir stands in for /var/lib/homelab.
provider "homelab" {
  default_remote = "local"

  remote {
    name      = "local"
    address   = "local"
    state_dir = var.state_dir
  }
}
