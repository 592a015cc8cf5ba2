provider "homelab" {
  default_remote = "atlas"

  remote {
    name                 = "atlas"
    address              = var.host
    private_key_file     = "~/.ssh/id_ed25519"
    host_key_fingerprint = var.host_key_fingerprint
    state_dir            = "/var/lib/homelab"
    # Incus owns everything below its dataset; the provider refuses to touch it.
    incus_datasets = ["rpool/incus"]
  }
}

provider "incus" {}
