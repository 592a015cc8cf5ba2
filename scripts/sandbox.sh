#!/usr/bin/env bash
# The main job on its embedded default: a sandbox homelab on this machine.
#  - installs what is needed (scripts/setup-debian.sh),
#  - publishes terraform-provider-homelab (Native AOT) into .sandbox/provider,
#  - writes a CLI config with dev_overrides (.sandbox/terraformrc),
#  - creates file-backed ZFS pools (hlsandbox, hlbackup) and a local state dir,
#  - applies examples/sandbox with terraform (or tofu) and checks the next plan is empty,
#  - renders the NixOS foundation for examples/nixgen/homelab with nixgen.
# Re-running is safe. `scripts/sandbox.sh destroy` tears it all down.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sandbox="$root/.sandbox"
tf=$(command -v tofu || command -v terraform)

if [ "${1:-}" = "destroy" ]; then
  if [ -d "$sandbox/work" ]; then
    TF_CLI_CONFIG_FILE="$sandbox/terraformrc" "$tf" -chdir="$sandbox/work" destroy -auto-approve -input=false || true
  fi
  for pool in hlsandbox hlbackup; do zpool destroy -f "$pool" 2>/dev/null || true; done
  rm -rf "$sandbox"
  echo "sandbox: removed"
  exit 0
fi

"$root/scripts/setup-debian.sh"
mkdir -p "$sandbox"/{provider,pools,state,work,foundation}

echo "sandbox: publishing terraform-provider-homelab (Native AOT)" >&2
dotnet publish provider/Homelab.Provider/Homelab.Provider.csproj -c Release -r linux-x64 \
  -o "$sandbox/provider" -nologo -v quiet
find "$sandbox/provider" -type f ! -name 'terraform-provider-homelab' -delete

cat >"$sandbox/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "example.com/homelab/homelab" = "$sandbox/provider"
  }
  direct {}
}
RC

# File-backed pools standing in for the host's SSD (system pool) and HDD (replica pool).
for pool in hlsandbox hlbackup; do
  if ! zpool list "$pool" >/dev/null 2>&1; then
    img="$sandbox/pools/$pool.img"
    [ -f "$img" ] || truncate -s 512M "$img"
    zpool import -d "$sandbox/pools" "$pool" 2>/dev/null || zpool create -f -m none "$pool" "$img"
  fi
done

cp examples/sandbox/*.tf "$sandbox/work/"
export TF_CLI_CONFIG_FILE="$sandbox/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0
export TF_VAR_state_dir="$sandbox/state" TF_VAR_pool=hlsandbox TF_VAR_backup_pool=hlbackup TF_VAR_sandbox_dir="$sandbox"
cd "$sandbox/work"
"$tf" apply -auto-approve -input=false
"$tf" plan -input=false -detailed-exitcode >/dev/null || { echo "sandbox: the plan after apply is not empty" >&2; exit 1; }
echo "sandbox: applied; the next plan is empty" >&2

cd "$root"
dotnet run --project nixgen/Homelab.NixGen -c Release -- render examples/nixgen/homelab/host.yaml -o "$sandbox/foundation"
echo "sandbox: NixOS foundation rendered into $sandbox/foundation" >&2
echo "sandbox: done. Inspect with: TF_CLI_CONFIG_FILE=$sandbox/terraformrc $tf -chdir=$sandbox/work show"
