# What the foundation (nixgen's disko layout) creates when the host is installed. These datasets
# belong to the foundation: this configuration reads them and never creates, changes or destroys
# them, so the first apply on a freshly installed host creates nothing that already exists and a
# destroy leaves the host as it was installed. See docs/guides/host-contract.md, "Who owns what".

data "homelab_zfs_dataset" "persistent" {
  name = "${var.system_pool}/persistent"
}

data "homelab_zfs_dataset" "home" {
  name = "${var.system_pool}/home"
}

data "homelab_zfs_dataset" "replica" {
  name = "${var.backup_pool}/replica"
}
