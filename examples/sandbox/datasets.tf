# The datasets the seed protects, on the file-backed stand-in for rpool, and the parent of the
# replicas on the stand-in for the backup HDD (never mounted).

resource "homelab_zfs_dataset" "persistent" {
  name        = "${var.pool}/persistent"
  description = "State that survives an erase-your-darlings root"
  properties = {
    atime = "off"
  }
}

resource "homelab_zfs_dataset" "home" {
  name        = "${var.pool}/home"
  description = "Home directories"
}
