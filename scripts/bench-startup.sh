#!/usr/bin/env bash
# Startup benchmark of the published providers against a Go go-plugin provider, in one run:
#  1. spawn → handshake line, handshake → first RPC, peak RSS, Shutdown → exit (medians of RUNS);
#  2. wall time of a one-resource `terraform plan` and `apply` (medians of PLAN_RUNS), and the
#     summed lifetime of every provider process that one apply starts.
# usage: [BEFORE_REV=<git revision>] scripts/bench-startup.sh GO_BASELINE_DIR
#        GO_BASELINE_DIR: a directory with a built Go go-plugin provider (the team keeps one outside
#        this repository). BEFORE_REV also publishes that revision's providers (from `git archive`,
#        into the temp dir) and measures them in the same run, interleaved with the current ones.
# Every measurement is interleaved (go, before, after, go, before, after, ...) so that a machine whose
# speed drifts moves all alike; ratios against go are medians of the per-round ratios.
# The Go baseline provider has resource test_thing { name = "..." }; ours is compared with the
# same-shaped testfw_thing (framework cost) and the homelab provider's handshake.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ $# -ge 1 ] || { echo "usage: $0 GO_BASELINE_DIR" >&2; exit 2; }
go_dir=$(realpath "$1")
runs=${RUNS:-20}
plan_runs=${PLAN_RUNS:-7}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: publishing providers (Native AOT)" >&2
dotnet publish provider/Homelab.Provider -c Release -r linux-x64 -o "$work/homelab" -nologo -v quiet
dotnet publish tests/Homelab.TestProvider -c Release -r linux-x64 -o "$work/testfw" -nologo -v quiet
dotnet build tests/Homelab.StartupBench -c Release -nologo -v quiet >/dev/null
before=()
if [ -n "${BEFORE_REV:-}" ]; then
  echo "bench: publishing $BEFORE_REV's providers" >&2
  mkdir -p "$work/before-src"
  git archive "$BEFORE_REV" | tar -x -C "$work/before-src"
  (cd "$work/before-src" \
    && dotnet publish provider/Homelab.Provider -c Release -r linux-x64 -o "$work/homelab-before" -nologo -v quiet \
    && dotnet publish tests/Homelab.TestProvider -c Release -r linux-x64 -o "$work/testfw-before" -nologo -v quiet)
  before=(homelab-before="$work/homelab-before/terraform-provider-homelab" testfw-before="$work/testfw-before/terraform-provider-testfw")
fi
ls -l "$work"/*/terraform-provider-* | awk '{ printf "binary %-60s %6.1f MB\n", $NF, $5 / 1048576 }'

echo "== provider process startup"
dotnet tests/Homelab.StartupBench/bin/Release/net10.0/Homelab.StartupBench.dll "$runs" \
  go="$go_dir/terraform-provider-test" "${before[@]}" homelab="$work/homelab/terraform-provider-homelab" testfw="$work/testfw/terraform-provider-testfw"

# A shim per provider records each process's lifetime (the shim's own cost is the same for both).
shim() { # name real-binary shim-dir log
  mkdir -p "$3"
  cat >"$3/$1" <<SH
#!/bin/bash
s=\$(date +%s%N); "$2" "\$@"; rc=\$?; echo \$(( (\$(date +%s%N) - s) / 1000 )) >>"$4"; exit \$rc
SH
  chmod +x "$3/$1"
}
shim terraform-provider-test "$go_dir/terraform-provider-test" "$work/shim-go" "$work/go.log"
shim terraform-provider-testfw "$work/testfw/terraform-provider-testfw" "$work/shim-testfw" "$work/testfw.log"
[ ${#before[@]} -eq 0 ] || shim terraform-provider-testfw "$work/testfw-before/terraform-provider-testfw" "$work/shim-testfw-before" "$work/testfw-before.log"

setup() { # name source resource-hcl provider-dir
  mkdir -p "$work/$1"
  cat >"$work/$1/rc" <<RC
provider_installation {
  dev_overrides { "$2" = "$4" }
  direct {}
}
RC
  cat >"$work/$1/main.tf" <<TF
terraform {
  required_providers {
    p = { source = "$2" }
  }
}
$3
TF
}
setup go example.com/bench/test 'resource "test_thing" "a" {
  provider = p
  name     = "bench"
}' "$work/shim-go"
for p in testfw ${before:+testfw-before}; do
  setup "$p" example.com/homelab/testfw "provider \"p\" {
  store_dir = \"$work/store-$p\"
}
resource \"testfw_thing\" \"a\" {
  provider = p
  name     = \"bench\"
}" "$work/shim-$p"
done
providers=(go ${before:+testfw-before} testfw)

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_cmd() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

echo "== one-resource terraform (medians of $plan_runs, interleaved; ms)"
declare -A plans applies ptimes
for _ in $(seq "$plan_runs"); do
  for p in "${providers[@]}"; do
    export TF_CLI_CONFIG_FILE="$work/$p/rc"
    cd "$work/$p"
    rm -f terraform.tfstate* "$work/$p.log"
    plans[$p]+="$(time_cmd terraform plan -input=false -lock=false) "
    rm -f "$work/$p.log"
    applies[$p]+="$(time_cmd terraform apply -auto-approve -input=false) "
    ptimes[$p]+="$( [ -f "$work/$p.log" ] && awk '{ s += $1 } END { print int(s / 1000) }' "$work/$p.log" || echo 0) "
    cd "$root"
  done
done
# Per-round ratio against go, then the median of those.
ratio() { paste -d' ' <(tr ' ' '\n' <<<"$1" | sed '/^$/d') <(tr ' ' '\n' <<<"$2" | sed '/^$/d') | awk '$2 > 0 { print $1 / $2 }' | median; }
spread() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | sort -n | awk '{a[NR]=$1} END {printf "%s–%s", a[1], a[NR]}'; }
printf '%-14s %8s %12s %8s %22s %12s %12s\n' provider plan "(min–max)" apply "provider time in apply" "plan ratio" "apply ratio"
for p in "${providers[@]}"; do
  printf '%-14s %8s %12s %8s %22s %11.2fx %11.2fx\n' "$p" "$(tr ' ' '\n' <<<"${plans[$p]}" | sed '/^$/d' | median)" "$(spread "${plans[$p]}")" \
    "$(tr ' ' '\n' <<<"${applies[$p]}" | sed '/^$/d' | median)" "$(tr ' ' '\n' <<<"${ptimes[$p]}" | sed '/^$/d' | median)" \
    "$(ratio "${plans[$p]}" "${plans[go]}")" "$(ratio "${applies[$p]}" "${applies[go]}")"
done
