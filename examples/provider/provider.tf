# Commands run on "remotes". `local` (the machine running tofu) always exists; SSH remotes are
# declared with blocks. Connections open lazily, once per remote and provider process.
provider "homelab" {
  default_remote = "atlas"

  remote {
    name    = "atlas"
    address = "ssh://root@atlas.lan:22"

    # Key: a file, the key itself (sensitive; e.g. from a secret store), or the running ssh-agent
    # (`ssh_agent = true`; used by default when no key is set and SSH_AUTH_SOCK is).
    # Defaults: HOMELAB_PRIVATE_KEY_FILE / HOMELAB_PRIVATE_KEY.
    private_key_file = "~/.ssh/id_ed25519"

    # Host key pinning: unknown keys are refused. Pin the fingerprint printed by
    # `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host, or use a known_hosts file.
    host_key_fingerprint = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
    # known_hosts_file   = "~/.ssh/known_hosts"

    sudo      = false              # true: every command runs as `sudo -n -- …`
    state_dir = "/var/lib/homelab" # files the provider owns (units, sanoid.conf, restic, ntfy)

    # Datasets Incus owns besides those carrying homelab:owner=incus (set by the foundation).
    incus_datasets = ["rpool/incus"]

    # Tool paths are discovered once per run (`command -v`); override where needed.
    tools = {
      zfs = "/run/current-system/sw/bin/zfs"
    }

    command_timeout = 300 # seconds per host command
    connect_timeout = 15  # seconds to open the SSH session
  }

  # A second host, e.g. the off-site replica target.
  remote {
    name             = "vault"
    address          = "ssh://backup@vault.example.net:2222"
    private_key_file = "~/.ssh/homelab_backup"
    known_hosts_file = "~/.ssh/known_hosts"
    sudo             = true
  }
}
