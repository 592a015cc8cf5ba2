#!/usr/bin/env bash
# Builds the release artefacts of terraform-provider-homelab for one version:
#
#   scripts/release.sh X.Y.Z
#
# into artifacts/release/ (or $HOMELAB_RELEASE_DIR), named as the registries expect
# (docs/design/plugin-protocol.md, "Releases"):
#   terraform-provider-homelab_X.Y.Z_linux_amd64.zip   binary terraform-provider-homelab_vX.Y.Z
#   terraform-provider-homelab_X.Y.Z_linux_arm64.zip
#   terraform-provider-homelab_X.Y.Z_manifest.json     copy of terraform-registry-manifest.json
#   terraform-provider-homelab_X.Y.Z_SHA256SUMS        the zips and the manifest
#
# Binaries are Native AOT single files. linux_arm64 is cross-compiled with Native AOT when the
# Debian cross toolchain is installed (gcc-aarch64-linux-gnu, libc6-dev-arm64-cross, which carry
# aarch64-linux-gnu-gcc/-objcopy and an arm64 glibc); without it, or with HOMELAB_RELEASE_ARM64=jit,
# linux_arm64 falls back to a self-contained single-file (JIT) build, which starts slower, and the
# script says so.
#
# Environment:
#   HOMELAB_RELEASE_ARCHES  architectures to build, default "amd64 arm64" (CI builds "amd64" only)
#   HOMELAB_RELEASE_DIR     output directory, default artifacts/release
#   HOMELAB_RELEASE_ARM64   "aot" (fail without a cross toolchain), "jit" (always fall back) or
#                           "auto" (default: AOT when the cross toolchain is present)
#   SOURCE_DATE_EPOCH       timestamp of the files inside the zips (default: the last commit's)
set -euo pipefail

usage() { echo "usage: scripts/release.sh X.Y.Z" >&2; exit 2; }
[ $# -eq 1 ] || usage
version=$1
[[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || { echo "release: '$version' is not a semantic version X.Y.Z" >&2; exit 2; }

cd "$(dirname "$0")/.."
root=$(pwd)
name=terraform-provider-homelab
out=${HOMELAB_RELEASE_DIR:-$root/artifacts/release}
arches=${HOMELAB_RELEASE_ARCHES:-amd64 arm64}
arm64_mode=${HOMELAB_RELEASE_ARM64:-auto}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for tool in dotnet zip sha256sum; do
  command -v "$tool" >/dev/null || { echo "release: '$tool' is required (apt-get install zip for zip)" >&2; exit 1; }
done

epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
work=$(mktemp -d /tmp/homelab-release.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out/${name}_${version}_"*

host_arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
case "$host_arch" in x86_64) host_arch=amd64 ;; aarch64) host_arch=arm64 ;; esac

declare -A kinds=()
for arch in $arches; do
  case "$arch" in
    amd64) rid=linux-x64 ;;
    arm64) rid=linux-arm64 ;;
    *) echo "release: unsupported architecture '$arch' (amd64, arm64)" >&2; exit 2 ;;
  esac

  # Each build gets its own artifacts path: no clash with bin/obj of builds running in the tree.
  args=(publish provider/Homelab.Provider/Homelab.Provider.csproj -c Release -r "$rid"
        --artifacts-path "$work/build-$arch" -o "$work/publish-$arch" -nologo -v quiet
        "-p:Version=$version")
  kind="Native AOT"
  if [ "$arch" != "$host_arch" ]; then
    cross=$( [ "$arch" = arm64 ] && command -v aarch64-linux-gnu-gcc >/dev/null && command -v aarch64-linux-gnu-objcopy >/dev/null \
             && [ -e /usr/aarch64-linux-gnu/lib/libc.so.6 ] && echo yes || echo no)
    if [ "$arch" = arm64 ] && [ "$arm64_mode" != jit ] && [ "$cross" = yes ]; then
      # The ILCompiler targets pass clang's --target=aarch64-linux-gnu to the linker; the gcc
      # cross compiler knows its target and sysroot already and rejects the flag, so a wrapper
      # drops it.
      linker="$work/aarch64-linux-gnu-gcc"
      cat >"$linker" <<'WRAPPER'
#!/usr/bin/env bash
args=()
for a in "$@"; do [[ "$a" == --target=* ]] || args+=("$a"); done
exec aarch64-linux-gnu-gcc "${args[@]}"
WRAPPER
      chmod +x "$linker"
      args+=("-p:CppCompilerAndLinker=$linker" "-p:ObjCopyName=aarch64-linux-gnu-objcopy")
    elif [ "$arm64_mode" = aot ]; then
      echo "release: Native AOT for linux_$arch needs the cross toolchain: apt-get install gcc-aarch64-linux-gnu libc6-dev-arm64-cross" >&2
      exit 1
    else
      kind="self-contained single-file (JIT; Native AOT needs gcc-aarch64-linux-gnu and libc6-dev-arm64-cross)"
      echo "release: NOTE linux_$arch falls back to a $kind" >&2
      args+=(-p:PublishAot=false -p:PublishSingleFile=true --self-contained true
             -p:IncludeNativeLibrariesForSelfExtract=true -p:EnableCompressionInSingleFile=true)
    fi
  fi
  kinds[$arch]=$kind

  echo "release: building linux_$arch ($kind)" >&2
  dotnet "${args[@]}"
  binary="$work/publish-$arch/$name"
  [ -f "$binary" ] || { echo "release: publish produced no $binary" >&2; exit 1; }

  stage="$work/zip-$arch"
  mkdir -p "$stage"
  install -m 0755 "$binary" "$stage/${name}_v${version}"
  touch -d "@$epoch" "$stage/${name}_v${version}"
  zip_name="${name}_${version}_linux_${arch}.zip"
  # -X: no extra (uid/time) fields, so the same binary gives the same zip.
  (cd "$stage" && TZ=UTC zip -q -X -D "$work/$zip_name" "${name}_v${version}")
  mv "$work/$zip_name" "$out/$zip_name"
done

cp terraform-registry-manifest.json "$out/${name}_${version}_manifest.json"
(cd "$out" && sha256sum "${name}_${version}"_*.zip "${name}_${version}_manifest.json" >"${name}_${version}_SHA256SUMS")

echo "release: $version in ${out#"$root"/}:" >&2
for arch in $arches; do
  echo "  linux_$arch: ${kinds[$arch]}" >&2
done
(cd "$out" && ls -l "${name}_${version}_"*) >&2
