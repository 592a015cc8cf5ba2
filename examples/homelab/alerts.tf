# Alerts: every unit the provider generates reports failures (and recoveries) to this ntfy topic
# through the foundation's failure-notify@ template; the listed host units get OnFailure drop-ins.

resource "homelab_ntfy_alert" "phone" {
  name     = "phone"
  url      = var.ntfy_url
  topic    = var.ntfy_topic
  priority = "high"
  tags     = ["rotating_light", "atlas"]

  token_wo         = var.ntfy_token
  token_wo_version = var.ntfy_token_version

  units = ["homelab-*", "incus.service", "zfs-scrub.service"]
}
