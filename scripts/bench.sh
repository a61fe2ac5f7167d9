#!/usr/bin/env bash
# Performance benchmark: wall time and peak RSS of
#   oasguard lint --format json --fail-on never <GitHub REST API description>
# over several runs, plus the findings per rule of one run.
#
# Usage: scripts/bench.sh
#   BENCH_RUNS=10        timed runs (after one untimed warm-up run)
#   BENCH_TIMEOUT=300    seconds before a run counts as a hang
#   BENCH_HYPERFINE=1    also run hyperfine if installed (0 to skip)
#   OASGUARD_BIN, OASGUARD_CORPUS, OCTOKIT_OPENAPI_VERSION: see scripts/lib.sh
#
# The spec (package/generated/api.github.com.json of the npm package
# @octokit/openapi, ~13 MB) is fetched once with `npm pack` into the cache
# dir. Wall time is taken around each process (including ~2 ms for the
# timeout and time wrappers; hyperfine, if installed, gives finer figures);
# peak RSS needs GNU time (/usr/bin/time; `apt-get install time`).
# Exits non-zero if the binary crashes, hangs or cannot lint the spec.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

no_arguments "$@"

runs=${BENCH_RUNS:-10}
limit=${BENCH_TIMEOUT:-300}
[[ $runs =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer"
need python3 timeout

resolve_bin
fetch_github_spec
enter_corpus
spec=${GITHUB_SPEC#"$CORPUS_DIR"/}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

gnu_time=
if /usr/bin/time -f '%e %M' -o /dev/null true >/dev/null 2>&1; then
  gnu_time=/usr/bin/time
else
  log "note: GNU time not found at /usr/bin/time (apt-get install time): peak RSS will be n/a"
fi

# check_status STATUS WHAT — stop on anything but a clean exit.
check_status() {
  local st=$1 what=$2
  case $st in
    0) return 0 ;;
    1) log "warning: $what exited 1 despite --fail-on never" ; return 0 ;;
    2) log "tool error: $what exited 2 (oasguard could not lint the spec)" ;;
    124 | 137) log "hang: $what did not finish within ${limit}s" ;;
    *) log "CRASH: $what exited with status $st" ;;
  esac
  log "--- stderr (last 20 lines) ---"
  tail -n 20 "$tmp/err" >&2 || true
  exit 1
}

cmd=("$OASGUARD_BIN" lint --format json --fail-on never "$spec")

# Warm-up run (also fills the page cache), kept for the findings per rule.
st=0
timeout -k 5 "$limit" "${cmd[@]}" >"$tmp/out.json" 2>"$tmp/err" || st=$?
check_status "$st" "warm-up run"

: >"$tmp/times"
for ((i = 1; i <= runs; i++)); do
  st=0 rss=n/a
  t0=$EPOCHREALTIME
  if [[ -n $gnu_time ]]; then
    timeout -k 5 "$limit" "$gnu_time" -o "$tmp/t" -f '%M' "${cmd[@]}" >/dev/null 2>"$tmp/err" || st=$?
  else
    timeout -k 5 "$limit" "${cmd[@]}" >/dev/null 2>"$tmp/err" || st=$?
  fi
  t1=$EPOCHREALTIME
  check_status "$st" "run $i"
  # GNU time may prefix a "Command exited with…" line; the figure is last.
  [[ -z $gnu_time ]] || rss=$(tail -n 1 "$tmp/t")
  printf '%s %s %s\n' "$t0" "$t1" "$rss" >>"$tmp/times"
done

python3 - "$tmp/out.json" "$tmp/times" <<'PY' >"$tmp/report" || die "could not read the JSON report"
import collections, json, statistics, sys

doc = json.load(open(sys.argv[1]))
walls, rss = [], []
for line in open(sys.argv[2]):
    t0, t1, mem = line.split()
    walls.append(float(t1.replace(',', '.')) - float(t0.replace(',', '.')))  # locale decimal comma
    if mem != "n/a":
        rss.append(int(mem))
print(f"wall (s):  min {min(walls):.3f}  median {statistics.median(walls):.3f}  max {max(walls):.3f}")
print(f"peak RSS:  {max(rss) / 1024:.1f} MiB (max over runs)" if rss else "peak RSS:  n/a (needs GNU time)")
versions = ", ".join(str(f.get("spec_version")) for f in doc.get("files", []))
print(f"openapi:   {versions or '?'}")
findings = doc["findings"]
by_sev = collections.Counter(f["severity"] for f in findings)
print(f"findings:  {len(findings)} ("
      + ", ".join(f"{s} {by_sev.get(s, 0)}" for s in ("error", "warning", "info")) + ")")
for rule, n in sorted(collections.Counter(f["rule"] for f in findings).items(),
                      key=lambda kv: (-kv[1], kv[0])):
    print(f"  {n:8d}  {rule}")
PY

size=$(stat -c %s "$spec")
mib=$(python3 -c "print(f'{$size / 1048576:.1f}')")
binary=$(bin_version)
echo "spec:      $GITHUB_SPEC"
echo "size:      $size bytes ($mib MiB)"
echo "package:   $GITHUB_PKG"
echo "binary:    $binary"
echo "runs:      $runs (after 1 warm-up)"
cat "$tmp/report"

if [[ ${BENCH_HYPERFINE:-1} != 0 ]] && command -v hyperfine >/dev/null 2>&1; then
  echo
  hyperfine --warmup 1 --runs "$runs" "$(printf '%q ' "${cmd[@]}")"
fi
