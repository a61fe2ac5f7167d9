#!/usr/bin/env bash
# Adversarial scaling check: generates specs that are small on disk but
# large where a careless algorithm goes quadratic (50,000 parameters on one
# operation, 50,000 security alternatives shared by 4,000 operations, 50,000
# scopes, a `<<` merge of two 50,000-key mappings, 50,000 suppressions, a
# 20,000-link `$ref` chain, 50,000 schemas nested through `$ref`s, one
# suppression over 60 schemas that each `$ref` the previous one twice, a
# server URL with 5,000 variables, a description of 50,000 `<a on `
# fragments, 1,000 paths `$ref`-ing one path item of 8 methods x 2,000
# parameters, YAML alias bombs in depth and in size, a 1 MB string aliased
# 4,000 times, 300,000 repetitions of one key, a `<<` merge of 50,000
# aliases, a 400 KB path key over 50,000 findings, a folder of 1,100
# fragments in a `$ref` ring, FIFOs named and `$ref`'d, ...), lints each
# with the release build and prints wall time and peak RSS.
#
# Usage: scripts/hostile.sh
#   HOSTILE_TIMEOUT=10   seconds per spec before it counts as a hang
#   HOSTILE_BIG=1        also a 100 MB single-line spec (slow: generating it
#                        takes a minute, linting it about 10 s; raise
#                        HOSTILE_TIMEOUT)
#   OASGUARD_BIN         see scripts/lib.sh
#
# Exits non-zero when a spec crashes the linter, hangs, panics, or does
# not end with exit status 0, 1 or 2. Timing is printed, not asserted: this is a
# measurement, not a test.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

no_arguments "$@"

limit=${HOSTILE_TIMEOUT:-10}
[[ $limit =~ ^[1-9][0-9]*$ ]] || die "HOSTILE_TIMEOUT must be a positive integer"
need python3 timeout /usr/bin/time
resolve_bin

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import json, os, sys

out, N = sys.argv[1], 50_000

def base():
    return {
        "openapi": "3.1.0",
        "info": {"title": "hostile", "version": "1"},
        "paths": {},
        "components": {"securitySchemes": {"o": {"type": "oauth2", "flows": {
            "authorizationCode": {"authorizationUrl": "https://a.example",
                                  "tokenUrl": "https://t.example", "scopes": {}}}}}},
    }

def dump(name, doc):
    with open(f"{out}/{name}", "w") as f:
        json.dump(doc, f)

d = base()
d["paths"]["/admin/x"] = {"post": {
    "parameters": [{"name": f"p{i}", "in": "query", "schema": {"type": "string"}} for i in range(N)],
    "responses": {"200": {"description": "ok"}}}}
dump("parameters.json", d)

d = base()
d["components"]["securitySchemes"]["o"]["flows"]["authorizationCode"]["scopes"] = {
    f"s{i}:read": "x" for i in range(N)}
d["paths"]["/a"] = {"post": {"security": [{"o": [f"s{i}:read" for i in range(N)]}],
                             "responses": {"200": {"description": "ok"}}}}
dump("scopes.json", d)

d = base()
d["security"] = [{"o": [f"x{i}"]} for i in range(N)]
d["paths"] = {f"/p{i}": {"get": {"responses": {"200": {"description": "ok"}}}} for i in range(2000)}
d["paths"].update({f"/admin/p{i}": {"get": {"responses": {"200": {"description": "ok"}}}}
                   for i in range(2000)})
dump("alternatives.json", d)

d = base()
d["paths"]["/a"] = {"post": {
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S"}}}},
    "responses": {str(200 + i % 300) if i < 300 else f"x{i}": {
        "description": "ok", "headers": {f"h{i}": {"schema": {"type": "string"}}}} for i in range(N)}}}
d["components"]["schemas"] = {"S": {
    "type": "object",
    "properties": {f"f{i}": {"type": "string", "enum": [str(j) for j in range(10)]} for i in range(N)},
    "allOf": [{"$ref": f"#/components/schemas/B{i}"} for i in range(2000)]}}
d["components"]["schemas"].update({f"B{i}": {
    "type": "object", "properties": {"role": {"type": "string"}},
    "allOf": [{"$ref": f"#/components/schemas/B{(i + 1) % 2000}"}]} for i in range(2000)})
dump("schemas.json", d)

d = base()
d["paths"] = {f"/r{i}/{{id}}": {
    "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
    **{m: {"responses": {"200": {"description": "ok"}}} for m in ["get", "put", "post", "delete", "patch"]},
} for i in range(N // 5)}
dump("paths.json", d)

d = base()
d["paths"]["/a"] = {"post": {
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}},
    "responses": {"200": {"description": "ok"}}}}
d["components"]["schemas"] = {f"S{i}": {"$ref": f"#/components/schemas/S{i + 1}"} if i % 60 else {
    "type": "object", "properties": {"x": {"$ref": f"#/components/schemas/S{i + 1}"}}}
    for i in range(20_000)}
d["components"]["schemas"]["S20000"] = {"type": "string"}
dump("ref-chain.json", d)

# 50,000 schemas nested through a property and an allOf each: a recursive
# walk would overflow the stack.
d = base()
d["paths"]["/a"] = {"post": {
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}},
    "responses": {"200": {"description": "ok"}}}}
d["components"]["schemas"] = {f"S{i}": {
    "type": "object",
    "properties": {"x": {"$ref": f"#/components/schemas/S{i + 1}"}},
    "allOf": [{"$ref": f"#/components/schemas/S{i + 1}"}]} for i in range(N)}
d["components"]["schemas"][f"S{N}"] = {"type": "string"}
dump("deep-nesting.json", d)

with open(f"{out}/merge.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-a: &a\n")
    f.writelines(f"  k{i}: {i}\n" for i in range(N))
    f.write("x-b:\n  <<: *a\n")
    f.writelines(f"  j{i}: {i}\n" for i in range(N))

with open(f"{out}/suppressions.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    post:\n"
            "      requestBody:\n        content:\n          application/json:\n"
            "            schema:\n              type: object\n              properties:\n")
    for i in range(N):
        f.write(f"                p{i}:\n                  type: string\n"
                f"                  x-oasguard-ignore: [string-unbounded, nope{i}]\n")
    f.write("      responses:\n        '200': {description: ok}\n")

# One suppression over 60 schemas that each `$ref` the previous one twice:
# 2^60 paths through the references lead to the finding in S0.
d = base()
d["paths"]["/a"] = {"post": {
    "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/S60"}}}},
    "responses": {"200": {"description": "ok"}}}}
d["components"]["schemas"] = {"S0": {"type": "string"}}
d["components"]["schemas"].update({f"S{i}": {"type": "object", "properties": {
    "a": {"$ref": f"#/components/schemas/S{i - 1}"},
    "b": {"$ref": f"#/components/schemas/S{i - 1}"}}} for i in range(1, 61)})
d["components"]["schemas"]["S60"]["x-oasguard-ignore"] = ["string-unbounded"]
dump("suppression-diamonds.json", d)

# Server URLs with 5,000 variables of two values each: in the path, and
# in the host after a `{scheme}` that can be http.
V = 5_000
variables = {f"v{i}": {"default": "a", "enum": ["a", "b"]} for i in range(V)}
d = base()
d["servers"] = [
    {"url": "https://api.example.com/" + "/".join(f"{{v{i}}}" for i in range(V)),
     "variables": variables},
    {"url": "{scheme}://" + "".join(f"{{v{i}}}" for i in range(V)) + ".example.com",
     "variables": {"scheme": {"default": "https", "enum": ["https", "http"]}, **variables}},
]
dump("server-variables.json", d)

# 50,000 tags that never close, each of which would be read to the end of
# the text; 1,500 runs of backticks of as many lengths, none closed, each of
# which would be matched against the rest of the line.
d = base()
d["info"]["description"] = "<a on " * N
d["tags"] = [{"name": "t", "description": "x".join("`" * i for i in range(1, 1500))}]
dump("markdown.json", d)

# 1,000 paths `$ref`-ing one path item of 8 methods x 2,000 parameters:
# 16 million (path, method, parameter) triples, 16,000 distinct parameters.
d = base()
d["components"]["pathItems"] = {"P": {m: {
    "parameters": [{"name": f"p{i}", "in": "query", "schema": {"type": "string"}}
                   for i in range(2000)],
    "responses": {"200": {"description": "ok"}}}
    for m in ["get", "put", "post", "delete", "options", "head", "patch", "trace"]}}
d["paths"] = {f"/p{i}": {"$ref": "#/components/pathItems/P"} for i in range(1000)}
dump("shared-path-item.json", d)

# YAML alias depth bomb: each anchor wraps 200 levels around an alias of
# the previous one, so the expanded tree is 40,000 levels deep in 60 KB.
with open(f"{out}/alias-depth.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-0: &a0 leaf\n")
    for i in range(1, 200):
        f.write(f"x-{i}: &a{i} " + "[" * 200 + f"*a{i - 1}" + "]" * 200 + "\n")

# YAML alias size bomb ("billion laughs"): ten aliases of ten aliases ...
with open(f"{out}/alias-size.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-0: &a0 [lol]\n")
    for i in range(1, 12):
        f.write(f"x-{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n")

# One 1 MB description aliased 2,000 times (as the descriptions of 2,000
# operations): copies must share the string, and rules must not copy it.
with open(f"{out}/alias-string.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1', description: &d '"
            + "<a on x " * 131_072 + "'}\npaths:\n")
    for i in range(2000):
        f.write(f"  /p{i}: {{get: {{description: *d, responses: {{'200': {{description: *d}}}}}}}}\n")

# 300,000 repetitions of the same key in one mapping, then 300,000 keys
# repeated once each.
with open(f"{out}/repeated-keys.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\nx-same:\n")
    f.writelines("  k: 1\n" for _ in range(300_000))
with open(f"{out}/repeated-keys.json", "w") as f:
    f.write('{"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}, "x-k": {')
    f.write(",".join(f'"k{i % 150_000}": 1' for i in range(300_000)))
    f.write("}}")

# A `<<` merge of 50,000 aliases of small mappings.
with open(f"{out}/merge-aliases.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n")
    f.writelines(f"x-{i}: &m{i} {{k{i}: {i}, shared: {i}}}\n" for i in range(N))
    f.write("x-merged:\n  <<: [" + ", ".join(f"*m{i}" for i in range(N)) + "]\n")

# A 400 KB path key holding an operation with 50,000 findings: every
# finding's JSON pointer starts with the key.
d = base()
d["paths"]["/" + "k" * 400_000] = {"post": {
    "parameters": [{"name": f"p{i}", "in": "query", "schema": {"type": "string"}} for i in range(N)],
    "responses": {"200": {"description": "ok"}}}}
dump("long-key.json", d)

# A folder (linted as `lint DIR`) of 1,100 fragments in a `$ref` ring: a
# walk must judge each file before reading what it references.
os.mkdir(f"{out}/ref-ring")
for i in range(1100):
    with open(f"{out}/ref-ring/f{i}.yaml", "w") as f:
        f.write(f"S:\n  type: object\n  properties:\n    next: {{$ref: 'f{(i + 1) % 1100}.yaml#/S'}}\n")

# Blocking reads: a FIFO named as a spec, and a spec whose `$ref` leads to a
# FIFO beside it. Nothing writes to them: a read would block forever.
os.mkfifo(f"{out}/fifo.yaml")
os.mkdir(f"{out}/fifo-ref")
os.mkfifo(f"{out}/fifo-ref/pipe.yaml")
with open(f"{out}/fifo-ref/openapi.yaml", "w") as f:
    f.write("openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
            "components:\n  schemas:\n    A: {$ref: 'pipe.yaml#/A'}\n")

# HOSTILE_BIG=1: a 100 MB single-line spec (many paths and schemas).
if os.environ.get("HOSTILE_BIG") == "1":
    d = base()
    d["paths"] = {f"/items{i}/{{id}}": {"get": {
        "operationId": f"get{i}",
        "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": {"description": "ok", "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/S{i}"}}}}}}} for i in range(130_000)}
    d["components"]["schemas"] = {f"S{i}": {"type": "object", "description": "an item " * 20,
        "properties": {f"f{j}": {"type": "string", "maxLength": 10} for j in range(6)}}
        for i in range(130_000)}
    dump("big-single-line.json", d)
PY

failed=0
printf '%-26s %8s %10s %s\n' spec "wall s" "peak MiB" outcome
for spec in "$dir"/*; do
  name=$(basename "$spec")
  st=0
  /usr/bin/time -f '%e %M' -o "$dir/.time" timeout -k 5 "$limit" \
    "$OASGUARD_BIN" lint --format compact "$spec" >/dev/null 2>"$dir/.err" || st=$?
  # GNU time puts "Command exited with non-zero status N" first when N > 0.
  read -r wall rss < <(tail -n 1 "$dir/.time" 2>/dev/null) || { wall=-; rss=0; }
  [[ $rss =~ ^[0-9]+$ ]] || rss=0
  if grep -q 'panicked' "$dir/.err"; then st=101; fi
  case $st in
    0 | 1 | 2) outcome=ok ;;
    124 | 137) outcome="HANG (over ${limit}s)"; failed=1 ;;
    *) outcome="FAILED (exit $st): $(head -c 200 "$dir/.err")"; failed=1 ;;
  esac
  printf '%-26s %8s %10s %s\n' "$name" "$wall" "$((rss / 1024))" "$outcome"
done
exit $failed
