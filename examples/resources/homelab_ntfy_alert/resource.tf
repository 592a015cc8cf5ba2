# Alerts for every job the provider runs (restic, syncoid, sanoid) plus two host units, sent to a
# self-hosted ntfy server with an access token. A test message is published from the host on
# create and whenever the URL, topic or token changes.
variable "ntfy_token" {
  description = "ntfy access token (tk_...) allowed to publish to the topic."
  type        = string
  sensitive   = true
  ephemeral   = true
}

variable "ntfy_password" {
  description = "Password of the ntfy user `homelab`."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "homelab_ntfy_alert" "phone" {
  name     = "phone"
  url      = "https://ntfy.example.net"
  topic    = "homelab-alerts"
  priority = "high"
  tags     = ["rotating_light", "floppy_disk"]
  click    = "https://wiki.example.net/runbooks/backups"
  title    = "{host}: {unit} failed"

  # Write-only: never stored in state. Bump the version to apply a new token.
  token_wo         = var.ntfy_token
  token_wo_version = 1

  # Host units get an OnFailure= drop-in; the provider's own units alert anyway.
  units = ["incus.service", "zfs-scrub.service"]
}

# A second target that only hears about Incus, with basic auth and the lowest priority.
resource "homelab_ntfy_alert" "incus_log" {
  name                 = "incus-log"
  url                  = "https://ntfy.example.net"
  topic                = "incus"
  priority             = "low"
  username             = "homelab"
  password_wo          = var.ntfy_password
  password_wo_version  = 1
  units                = ["incus.service"]
  watch_provider_units = false
  send_test            = false
}

# A target whose token never passes through Terraform: sops-nix (or agenix) places it on the host,
# the env file only names the path, and failure-notify reads it at every send. Destroy leaves it.
resource "homelab_ntfy_alert" "pager" {
  name       = "pager"
  url        = "https://ntfy.example.net"
  topic      = "homelab-pager"
  priority   = "max"
  token_file = "/run/secrets/ntfy-token"
}
