#!/usr/bin/env bash
# Packs the provider framework as a NuGet package.
#   scripts/pack-framework.sh [VERSION] [OUT_DIR]
# VERSION defaults to the project's (VersionPrefix in Directory.Build.props); OUT_DIR to
# artifacts/packages. Prints the path of the .nupkg it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-}
out=${2:-artifacts/packages}
mkdir -p "$out"
args=(pack provider/Homelab.Provider.Framework -c Release -o "$out" --nologo)
[ -n "$version" ] && args+=("-p:Version=$version")
dotnet "${args[@]}" >&2
ls -t "$out"/Homelab.Provider.Framework.*.nupkg | grep -v '\.snupkg$' | head -n 1
