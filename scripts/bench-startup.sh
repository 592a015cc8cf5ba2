#!/usr/bin/env bash
# Startup benchmark of the published providers against a Go go-plugin provider, in one run:
#  1. spawn → handshake line, handshake → first RPC, peak RSS, Shutdown → exit (medians of RUNS);
#  2. wall time of a one-resource `terraform plan` and `apply` (medians of PLAN_RUNS), and the
#     summed lifetime of every provider process that one apply starts.
# usage: scripts/bench-startup.sh GO_BASELINE_DIR   (a directory with a built Go go-plugin provider;
#        the team keeps one outside this repository)
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

echo "== provider process startup"
dotnet tests/Homelab.StartupBench/bin/Release/net10.0/Homelab.StartupBench.dll "$runs" \
  go="$go_dir/terraform-provider-test" homelab="$work/homelab/terraform-provider-homelab" testfw="$work/testfw/terraform-provider-testfw"

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
setup testfw example.com/homelab/testfw "provider \"p\" {
  store_dir = \"$work/store\"
}
resource \"testfw_thing\" \"a\" {
  provider = p
  name     = \"bench\"
}" "$work/shim-testfw"

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_cmd() { local s e; s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }

echo "== one-resource terraform (medians of $plan_runs; ms)"
printf '%-8s %8s %8s %22s\n' provider plan apply "provider time in apply"
declare -A plan apply ptime
for p in go testfw; do
  export TF_CLI_CONFIG_FILE="$work/$p/rc"
  cd "$work/$p"
  plan[$p]=$(for _ in $(seq "$plan_runs"); do time_cmd terraform plan -input=false -lock=false; done | median)
  a=(); t=()
  for _ in $(seq "$plan_runs"); do
    rm -f terraform.tfstate* "$work/$p.log"
    a+=("$(time_cmd terraform apply -auto-approve -input=false)")
    t+=("$(awk '{ s += $1 } END { print int(s / 1000) }' "$work/$p.log")")
  done
  apply[$p]=$(printf '%s\n' "${a[@]}" | median)
  ptime[$p]=$(printf '%s\n' "${t[@]}" | median)
  printf '%-8s %8s %8s %22s\n' "$p" "${plan[$p]}" "${apply[$p]}" "${ptime[$p]}"
  cd "$root"
done
awk -v a="${plan[testfw]}" -v b="${plan[go]}" -v c="${apply[testfw]}" -v d="${apply[go]}" -v e="${ptime[testfw]}" -v f="${ptime[go]}" \
  'BEGIN { printf "ratio testfw/go: plan %.2fx, apply %.2fx, provider time in apply %.2fx\n", a/b, c/d, e/f }'
