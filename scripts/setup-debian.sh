#!/usr/bin/env bash
# Installs and starts what the provider's real-component tests and the sandbox need on Debian 12.
# Idempotent; run as root. The .NET 10 SDK and terraform (or tofu) must already be on PATH.
set -euo pipefail

packages=(zfs-fuse sanoid restic nix-bin openssh-server curl zip unzip strace python3 iproute2 ca-certificates sqlite3 faketime)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# zfs-fuse gives real zfs/zpool without a kernel module; its daemon must run for them to work.
"$(dirname "$0")/zfs-fuse-daemon.sh"

command -v dotnet >/dev/null || { echo "setup: the .NET 10 SDK (dotnet) is required" >&2; exit 1; }
command -v terraform >/dev/null || command -v tofu >/dev/null || { echo "setup: terraform or tofu is required on PATH" >&2; exit 1; }
