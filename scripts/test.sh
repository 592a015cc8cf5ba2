#!/usr/bin/env bash
# Runs every test project (unit, real-component and real-terraform acceptance tests) and prints
# one final line "N passed, N failed". Exit status is non-zero when anything failed.
#   scripts/test.sh           everything; installs and starts the real components first
#   scripts/test.sh --unit    only tests with the trait Tier=Unit (in-process, no host tools, no
#                             terraform): seconds, no root, no setup
# Further arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Sanoid").
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
args=()
unit=0
for a in "$@"; do
  if [ "$a" = "--unit" ]; then unit=1; else args+=("$a"); fi
done
if [ "$unit" = 1 ]; then
  args+=(--filter "Tier=Unit")
else
  "$root/scripts/setup-debian.sh"
fi

results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

zfs_log=${ZFS_FUSE_LOG:-/var/log/zfs-fuse-supervisor.log}
zfs_exits_before=$( (grep -c "zfs-fuse exited" "$zfs_log" 2>/dev/null) || true)

status=0
for project in tests/*.Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name" >&2
  if ! dotnet test "$project" --nologo --logger "trx;LogFileName=$name.trx" --results-directory "$results" "${args[@]}"; then
    status=1
    # A project that failed to build or crashed leaves no trx: count it as one failure.
    [ -f "$results/$name.trx" ] || echo "$name" >>"$results/broken-projects"
  fi
done

passed=0
failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
done
if [ -f "$results/broken-projects" ]; then
  failed=$((failed + $(wc -l <"$results/broken-projects")))
fi
# A zfs-fuse crash fails the tests in flight; say so, so the failures are read for what they are.
zfs_exits_after=$( (grep -c "zfs-fuse exited" "$zfs_log" 2>/dev/null) || true)
if [ "${zfs_exits_after:-0}" -gt "${zfs_exits_before:-0}" ]; then
  echo "zfs-fuse exited $((zfs_exits_after - zfs_exits_before)) time(s) during the run and was restarted:" >&2
  grep "zfs-fuse exited" "$zfs_log" | tail -n $((zfs_exits_after - zfs_exits_before)) >&2
fi
[ "$failed" -eq 0 ] || status=1
echo "$passed passed, $failed failed"
exit "$status"
