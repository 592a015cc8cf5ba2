terraform {
  required_version = ">= 1.11" # write-only attributes (restic password, ntfy token)

  required_providers {
    homelab = {
      source = "example.com/homelab/homelab"
    }
  }
}
