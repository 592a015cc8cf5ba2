# Alerts: every unit the provider generates (homelab-*: the jobs, the foundation's sanoid and
# monitor units) reports failures and recoveries to this ntfy topic through the foundation's
# failure-notify@ template. The listed host units get OnFailure drop-ins too; zfs-zed.service is the
# name the foundation's ZED hook posts pool events (a faulted disk, scrub errors) under.

resource "homelab_ntfy_alert" "phone" {
  name     = "phone"
  url      = var.ntfy_url
  topic    = var.ntfy_topic
  priority = "high"
  tags     = ["rotating_light", "atlas"]

  token_wo         = var.ntfy_token
  token_wo_version = var.ntfy_token_version

  units = ["incus.service", "zfs-scrub.service", "zfs-zed.service"]
}
