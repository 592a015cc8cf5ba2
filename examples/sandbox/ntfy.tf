# Failure alerts of the sandbox: every unit the provider generates (the syncoid and restic jobs)
# reports to an ntfy topic. scripts/sandbox.sh runs a local stand-in server at var.ntfy_url that
# records what it receives; point the variable at a real server (and set a real token) to get
# the alerts on a phone.

variable "ntfy_url" {
  description = "ntfy server base URL (the sandbox's stand-in listens on 127.0.0.1:8090)."
  type        = string
  default     = "http://127.0.0.1:8090"
}

variable "ntfy_token" {
  description = "ntfy access token; the stand-in accepts any."
  type        = string
  default     = "tk_sandbox_standin_token"
  sensitive   = true
  ephemeral   = true
}

resource "homelab_ntfy_alert" "sandbox" {
  name     = "sandbox"
  url      = var.ntfy_url
  topic    = "homelab-sandbox"
  priority = "high"
  tags     = ["rotating_light", "sandbox"]
  title    = "{host}: {unit} failed (sandbox)"

  token_wo         = var.ntfy_token
  token_wo_version = 1
}
