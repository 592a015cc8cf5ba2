provider "homelab" {
  default_remote = "atlas"

  remote {
    name                 = "atlas"
    address              = var.host
    private_key_file     = var.ssh_private_key_file
    host_key_fingerprint = var.host_key_fingerprint
    state_dir            = var.state_dir
    # Incus owns everything below its dataset (the foundation also marks it homelab:owner=incus);
    # the provider refuses to create, change or destroy anything there.
    incus_datasets = ["${var.system_pool}/incus"]
  }
}
