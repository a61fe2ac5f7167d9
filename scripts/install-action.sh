#!/usr/bin/env bash
# Installs oasguard for the GitHub Action: the release binary of the pinned
# version (static musl, Linux x86_64/aarch64), checked against its published
# SHA-256; anywhere else, or when the download fails, `cargo install
# --locked` of the same version from this repository's source (never a
# crates.io name, which someone else could hold).
# Reads OASGUARD_VERSION (empty: the version in the action's Cargo.toml) and
# ACTION_PATH.
set -euo pipefail

own_version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ACTION_PATH/Cargo.toml" | head -n 1)"
version="${OASGUARD_VERSION:-$own_version}"
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+([-+][0-9A-Za-z.-]+)?$ ]]; then
  echo "oasguard: '$version' is not a version (expected e.g. 0.1.0)" >&2
  exit 2
fi

bin_dir="${RUNNER_TEMP:-/tmp}/oasguard-$version"
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) target=x86_64-unknown-linux-musl ;;
  Linux-aarch64 | Linux-arm64) target=aarch64-unknown-linux-musl ;;
  *) target="" ;;
esac

download() {
  local name="oasguard-$version-$target.tar.gz"
  local url="https://github.com/oasguard/oasguard/releases/download/v$version/$name"
  local work
  work="$(mktemp -d)"
  curl --fail --silent --show-error --location --retry 3 -o "$work/$name" "$url" &&
    curl --fail --silent --show-error --location --retry 3 -o "$work/$name.sha256" "$url.sha256" &&
    (cd "$work" && sha256sum --check --status "$name.sha256") &&
    mkdir -p "$bin_dir" &&
    tar -xzf "$work/$name" -C "$bin_dir" oasguard
}

if [ -n "$target" ] && download; then
  echo "$bin_dir" >> "$GITHUB_PATH"
  echo "oasguard: installed release $version ($target)"
  exit 0
fi
echo "oasguard: no release binary for $version here; building it with cargo" >&2
cargo_root="${RUNNER_TEMP:-/tmp}/oasguard-cargo-$version"
if [ "$version" = "$own_version" ]; then
  cargo install --locked --path "$ACTION_PATH" --root "$cargo_root"
else
  cargo install --locked --git https://github.com/oasguard/oasguard --tag "v$version" --root "$cargo_root"
fi
echo "$cargo_root/bin" >> "$GITHUB_PATH"
