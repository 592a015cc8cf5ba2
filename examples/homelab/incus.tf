# The seed's services as Incus containers (OCI images), their data on the homelab datasets of
# storage.tf — so sanoid snapshots it, syncoid replicates it and restic sends its critical part
# off-site. Traefik terminates TLS with a Let's Encrypt wildcard certificate obtained by DNS-01 and
# routes ntfy.<domain> and vault.<domain> to the other containers by their Incus DNS names.
#
# Who owns what (docs/guides/host-contract.md): the foundation's Incus preseed owns the storage pool
# "default" and the bridge "incusbr0" and re-applies them on every Incus start, so they are read here
# (data sources), never declared. This file owns the instances and nothing else.

terraform {
  required_providers {
    incus = {
      source  = "lxc/incus"
      version = "~> 1.1" # 1.1.1 fixed drift on ZFS storage pools
    }
  }
}

# The Incus provider talks to the homelab host over HTTPS (the foundation listens on
# incus.httpsAddress), not to the machine running tofu. The first apply trusts this client with a
# one-time token: `incus config trust add tofu` on the host prints it.
provider "incus" {
  generate_client_certificates = true
  accept_remote_certificate    = true
  default_remote               = "atlas"

  remote {
    name    = "atlas"
    address = var.incus_address
    token   = var.incus_trust_token
  }

  remote {
    name     = "docker"
    address  = "https://docker.io"
    protocol = "oci"
    public   = true
  }
}

variable "incus_address" {
  description = "Incus API of the host (the foundation's incus.httpsAddress)."
  type        = string
  default     = "https://atlas.lan:8443"
}

variable "incus_trust_token" {
  description = "One-time trust token from `incus config trust add tofu` (only the first apply needs it)."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true
}

variable "domain" {
  description = "Domain the services are published under; Traefik gets a wildcard certificate for it."
  type        = string
  default     = "atlas.example.org"
}

variable "acme_email" {
  description = "Contact address for Let's Encrypt."
  type        = string
  default     = "ops@example.org"
}

variable "dns_secrets_dir" {
  description = "Host directory holding cf-dns-api-token (a Cloudflare API token with Zone.DNS edit), placed by the operator (sops-nix, agenix or nixos-anywhere --extra-files). The token never passes through tofu, so it is never in state or plan."
  type        = string
  default     = "/persistent/secrets/traefik"
}

data "incus_storage_pool" "default" {
  name = "default"
}

data "incus_network" "bridge" {
  name = "incusbr0"
}

locals {
  # Traefik's routes (file provider): each service by its Incus DNS name on the bridge.
  routes = yamlencode({
    http = {
      routers = {
        ntfy  = { rule = "Host(`ntfy.${var.domain}`)", service = "ntfy" }
        vault = { rule = "Host(`vault.${var.domain}`)", service = "vaultwarden" }
      }
      services = {
        ntfy        = { loadBalancer = { servers = [{ url = "http://ntfy.incus:80" }] } }
        vaultwarden = { loadBalancer = { servers = [{ url = "http://vaultwarden.incus:80" }] } }
      }
    }
  })
}

resource "incus_instance" "traefik" {
  name     = "traefik"
  image    = "docker:traefik:v3.3"
  profiles = ["default"]

  config = {
    "boot.autostart" = true
    # Static configuration as environment variables; the routes come from the file below.
    "environment.TRAEFIK_ENTRYPOINTS_WEB_ADDRESS"                                      = ":80"
    "environment.TRAEFIK_ENTRYPOINTS_WEB_HTTP_REDIRECTIONS_ENTRYPOINT_TO"              = "websecure"
    "environment.TRAEFIK_ENTRYPOINTS_WEBSECURE_ADDRESS"                                = ":443"
    "environment.TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_CERTRESOLVER"                  = "letsencrypt"
    "environment.TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_MAIN"                = var.domain
    "environment.TRAEFIK_ENTRYPOINTS_WEBSECURE_HTTP_TLS_DOMAINS_0_SANS"                = "*.${var.domain}"
    "environment.TRAEFIK_CERTIFICATESRESOLVERS_LETSENCRYPT_ACME_EMAIL"                 = var.acme_email
    "environment.TRAEFIK_CERTIFICATESRESOLVERS_LETSENCRYPT_ACME_STORAGE"               = "/data/acme.json"
    "environment.TRAEFIK_CERTIFICATESRESOLVERS_LETSENCRYPT_ACME_DNSCHALLENGE_PROVIDER" = "cloudflare"
    "environment.TRAEFIK_PROVIDERS_FILE_FILENAME"                                      = "/etc/traefik/routes.yml"
    # lego reads the token from the file the secrets device mounts (the _FILE form of CF_DNS_API_TOKEN).
    "environment.CF_DNS_API_TOKEN_FILE" = "/run/secrets/cf-dns-api-token"
  }

  device {
    name = "data" # acme.json: in restic's critical subset (protection.tf)
    type = "disk"
    properties = {
      source = local.data_dir.traefik
      path   = "/data"
    }
  }

  device {
    name = "secrets"
    type = "disk"
    properties = {
      source   = var.dns_secrets_dir
      path     = "/run/secrets"
      readonly = "true"
    }
  }

  device {
    name = "http"
    type = "proxy"
    properties = {
      listen  = "tcp:0.0.0.0:80"
      connect = "tcp:127.0.0.1:80"
    }
  }

  device {
    name = "https"
    type = "proxy"
    properties = {
      listen  = "tcp:0.0.0.0:443"
      connect = "tcp:127.0.0.1:443"
    }
  }

  file {
    content     = local.routes
    target_path = "/etc/traefik/routes.yml"
    mode        = "0644"
  }
}

resource "incus_instance" "ntfy" {
  name     = "ntfy"
  image    = "docker:binwiederhier/ntfy:v2.11.0"
  profiles = ["default"]

  config = {
    "boot.autostart"                       = true
    "oci.entrypoint"                       = "ntfy serve"
    "environment.NTFY_BASE_URL"            = "https://ntfy.${var.domain}"
    "environment.NTFY_LISTEN_HTTP"         = ":80"
    "environment.NTFY_CACHE_FILE"          = "/var/lib/ntfy/cache.db"
    "environment.NTFY_AUTH_FILE"           = "/var/lib/ntfy/user.db"
    "environment.NTFY_BEHIND_PROXY"        = "true"
    "environment.NTFY_AUTH_DEFAULT_ACCESS" = "deny-all"
  }

  device {
    name = "data"
    type = "disk"
    properties = {
      source = local.data_dir.ntfy
      path   = "/var/lib/ntfy"
    }
  }
}

resource "incus_instance" "vaultwarden" {
  name     = "vaultwarden"
  image    = "docker:vaultwarden/server:1.33.2"
  profiles = ["default"]

  config = {
    "boot.autostart"              = true
    "environment.DOMAIN"          = "https://vault.${var.domain}"
    "environment.ROCKET_PORT"     = "80"
    "environment.DATA_FOLDER"     = "/data"
    "environment.SIGNUPS_ALLOWED" = "false"
  }

  device {
    name = "data" # db.sqlite3 (copied consistently before each restic run) and attachments
    type = "disk"
    properties = {
      source = local.data_dir.vaultwarden
      path   = "/data"
    }
  }
}

output "incus_storage_pool_source" {
  description = "The dataset the foundation's preseed gave Incus (must equal the provider's incus_datasets)."
  value       = data.incus_storage_pool.default.config["source"]
}

output "service_urls" {
  value = {
    ntfy  = "https://ntfy.${var.domain}"
    vault = "https://vault.${var.domain}"
  }
}

output "incus_bridge_ipv4" {
  description = "The preseed's bridge address (host.yaml incus.bridge.ipv4); the services resolve each other as <name>.incus on it."
  value       = data.incus_network.bridge.config["ipv4.address"]
}
