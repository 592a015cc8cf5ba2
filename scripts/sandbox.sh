#!/usr/bin/env bash
# The main job on its embedded default: the seed's state-protection layer, for real, on this machine.
#  - installs what is needed (scripts/setup-debian.sh),
#  - publishes terraform-provider-homelab (Native AOT) into .sandbox/provider,
#  - writes a CLI config with dev_overrides (.sandbox/terraformrc),
#  - creates file-backed ZFS pools (hlsandbox, hlbackup), a local state dir and a critical subset,
#  - starts a stand-in ntfy server on 127.0.0.1:8090 (scripts/ntfy-standin.py),
#  - applies examples/sandbox with terraform (or tofu) and checks the next plan is empty,
#  - renders the NixOS foundation for examples/nixgen/homelab with nixgen,
#  - runs the jobs as the foundation would: sanoid snapshots, syncoid replicates to hlbackup,
#    restic backs up and a restore is compared byte for byte,
#  - induces a failure (restic repository gone) and runs failure-notify as systemd's OnFailure
#    would: the stand-in ntfy server must receive the alert;
#  - the backup works again: success-notify records the last success and sends one "recovered";
#  - the foundation's monitor finds a job past its max_age, while ntfy is down: the alert is
#    spooled and delivered exactly once when ntfy is back.
# Re-running is safe. `scripts/sandbox.sh destroy` tears it all down.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
sandbox="$root/.sandbox"
tf=$(command -v tofu || command -v terraform)

if [ "${1:-}" = "destroy" ]; then
  if [ -d "$sandbox/work" ]; then
    TF_CLI_CONFIG_FILE="$sandbox/terraformrc" TF_VAR_state_dir="$sandbox/state" TF_VAR_pool=hlsandbox \
      TF_VAR_backup_pool=hlbackup TF_VAR_sandbox_dir="$sandbox" \
      "$tf" -chdir="$sandbox/work" destroy -auto-approve -input=false -no-color || true
  fi
  for pool in hlsandbox hlbackup; do zpool destroy -f "$pool" 2>/dev/null || true; done
  rm -rf "$sandbox"
  echo "sandbox: removed"
  exit 0
fi

"$root/scripts/setup-debian.sh"
mkdir -p "$sandbox"/{provider,pools,state,work,foundation,critical}
step() { printf '\nsandbox: %s\n' "$*" >&2; }

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

# The critical subset restic ships off-site (a stand-in for the Vaultwarden DB and friends).
echo "vaultwarden db $(date -u +%F)" >"$sandbox/critical/db.sqlite3"
head -c 200000 /dev/urandom >"$sandbox/critical/attachments.bin"
mkdir -p "$sandbox/critical/authelia" && echo "jwt_secret: sandbox" >"$sandbox/critical/authelia/config.yml"

# A stand-in ntfy server: the alert's test message on apply and the induced failure land here.
ntfy_log="$sandbox/ntfy-requests.jsonl"
: >"$ntfy_log"
python3 "$root/scripts/ntfy-standin.py" 8090 "$ntfy_log" &
ntfy_pid=$!
trap 'kill "$ntfy_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (exec 3<>/dev/tcp/127.0.0.1/8090) 2>/dev/null && break
  sleep 0.1
done

rm -f "$sandbox"/work/*.tf
cp examples/sandbox/*.tf "$sandbox/work/"
export TF_CLI_CONFIG_FILE="$sandbox/terraformrc" TF_IN_AUTOMATION=1 TF_INPUT=0
export TF_VAR_state_dir="$sandbox/state" TF_VAR_pool=hlsandbox TF_VAR_backup_pool=hlbackup TF_VAR_sandbox_dir="$sandbox"
step "applying examples/sandbox"
cd "$sandbox/work"
"$tf" apply -auto-approve -input=false
"$tf" plan -input=false -detailed-exitcode >/dev/null || { echo "sandbox: the plan after apply is not empty" >&2; exit 1; }
echo "sandbox: applied; the next plan is empty" >&2

cd "$root"
dotnet run --project nixgen/Homelab.NixGen -c Release -- render examples/nixgen/homelab/host.yaml -o "$sandbox/foundation"
echo "sandbox: NixOS foundation rendered into $sandbox/foundation" >&2
state="$sandbox/state"
export HOMELAB_STATE_DIR="$state"
# zfs-fuse lacks `zfs get -t`, which sanoid and syncoid use; its compat shim goes first on PATH.
compat=()
if ! zfs get -H -t snapshot name hlsandbox >/dev/null 2>&1; then
  export PATH="$root/scripts/zfs-fuse-compat:$PATH"
  compat=(--prepend-path "$root/scripts/zfs-fuse-compat")
fi

step "snapshots: what homelab-sanoid.service runs"
# A cache of its own: sanoid's default one (/var/cache/sanoid) outlives `sandbox.sh destroy` and
# would still list the snapshots of the pools destroyed a few minutes ago.
sanoid_args=(--cache-dir "$sandbox/sanoid-cache" --run-dir "$sandbox/sanoid-run")
rm -rf "$sandbox/sanoid-cache"
sanoid --cron --configdir "$state/sanoid" "${sanoid_args[@]}"
snapshots=$(zfs list -H -t snapshot -o name -r hlsandbox | grep -c '@autosnap_' || true)
[ "$snapshots" -gt 0 ] || { echo "sandbox: sanoid took no snapshots" >&2; exit 1; }
echo "sandbox: $snapshots sanoid snapshots on hlsandbox" >&2

step "replication: the syncoid units' commands"
for unit in "$state"/units/homelab-syncoid-*.service; do
  python3 "$root/scripts/run-unit.py" "${compat[@]}" "$unit"
done
zfs list -H -o name -r hlbackup
zfs list -H -t snapshot -o name -r hlbackup | grep -q '@autosnap_' || { echo "sandbox: no replicated snapshots" >&2; exit 1; }

step "off-site backup: the restic backup unit, then a restore compared byte for byte"
python3 "$root/scripts/run-unit.py" "$state/units/homelab-restic-critical.service"
rm -rf "$sandbox/restore"
restic -r "$sandbox/restic-repo" --password-file "$state/restic/critical/password" restore latest --target "$sandbox/restore"
diff -r "$sandbox/critical" "$sandbox/restore$sandbox/critical"
echo "sandbox: restore identical to the source" >&2

step "failure path: repository gone, the backup fails, OnFailure runs failure-notify"
mv "$sandbox/restic-repo" "$sandbox/restic-repo.away"
if python3 "$root/scripts/run-unit.py" "$state/units/homelab-restic-critical.service"; then
  mv "$sandbox/restic-repo.away" "$sandbox/restic-repo"
  echo "sandbox: the backup did not fail without its repository" >&2
  exit 1
fi
mv "$sandbox/restic-repo.away" "$sandbox/restic-repo"
bash "$sandbox/foundation/scripts/failure-notify.sh" homelab-restic-critical.service
grep -q '"path": "/homelab-sandbox"' "$ntfy_log" && grep -q 'homelab-restic-critical' "$ntfy_log" \
  || { echo "sandbox: the stand-in ntfy server received no alert" >&2; exit 1; }
echo "sandbox: alert received by the stand-in ntfy server ($(wc -l <"$ntfy_log") requests in $ntfy_log)" >&2

notify="$sandbox/foundation/scripts/failure-notify.sh"
monitor="$sandbox/foundation/scripts/homelab-monitor.sh"
start_ntfy() {
  python3 "$root/scripts/ntfy-standin.py" 8090 "$ntfy_log" &
  ntfy_pid=$!
  for _ in $(seq 1 50); do
    (exec 3<>/dev/tcp/127.0.0.1/8090) 2>/dev/null && break
    sleep 0.1
  done
}
requests() { grep -c "$1" "$ntfy_log" || true; }

step "recovery: the backup works again, success-notify records it and sends one \"recovered\""
python3 "$root/scripts/run-unit.py" "$state/units/homelab-restic-critical.service"
bash "$notify" --success homelab-restic-critical.service
for unit in "$state"/units/homelab-syncoid-*.service; do bash "$notify" --success "${unit##*/}"; done
[ -s "$state/status/homelab-restic-critical.service.success" ] || { echo "sandbox: no status file after success" >&2; exit 1; }
grep -q 'recovered' "$ntfy_log" || { echo "sandbox: no recovered message" >&2; exit 1; }
echo "sandbox: last success recorded ($(cat "$state/status/homelab-restic-critical.service.success")); recovered message received" >&2

step "monitor: healthy now; a job past its max_age (2h) is found"
bash "$monitor" "${sanoid_args[@]}" || { echo "sandbox: the monitor failed on a healthy sandbox" >&2; exit 1; }
# As if the timer had stopped 3 hours ago: the last success the status file records is that old.
date -u -d '3 hours ago' +%Y-%m-%dT%H:%M:%SZ >"$state/status/homelab-syncoid-persistent.service.success"
if bash "$monitor" "${sanoid_args[@]}" >"$sandbox/monitor.out"; then
  echo "sandbox: the monitor missed a job older than its max_age" >&2
  exit 1
fi
grep -q 'homelab-syncoid-persistent.service' "$sandbox/monitor.out" || { echo "sandbox: the monitor did not name the stale job" >&2; exit 1; }
echo "sandbox: monitor reports: $(cat "$sandbox/monitor.out")" >&2

step "never lost: ntfy is down when the monitor fails; the alert is spooled and delivered once ntfy is back"
kill "$ntfy_pid" 2>/dev/null || true
wait "$ntfy_pid" 2>/dev/null || true
before=$(requests 'homelab-monitor')
bash "$notify" homelab-monitor.service && { echo "sandbox: failure-notify claims delivery while ntfy is down" >&2; exit 1; }
ls "$state/spool" | grep -q '\.alert$' || { echo "sandbox: nothing spooled while ntfy was down" >&2; exit 1; }
start_ntfy
bash "$notify" --retry
bash "$notify" --retry
after=$(requests 'homelab-monitor')
[ $((after - before)) -eq 1 ] || { echo "sandbox: the spooled alert arrived $((after - before)) times, not once" >&2; exit 1; }
ls "$state/spool" | grep -q '\.alert$' && { echo "sandbox: the spool is not empty after delivery" >&2; exit 1; }
bash "$notify" --success homelab-syncoid-persistent.service
echo "sandbox: the spooled alert was delivered exactly once after ntfy came back" >&2

echo "sandbox: done. Inspect with: TF_CLI_CONFIG_FILE=$sandbox/terraformrc $tf -chdir=$sandbox/work show"
