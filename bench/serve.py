#!/usr/bin/env python3
"""Editor latency and memory inside a running server: `seigo serve` (web API) and `seigo lsp`.

Targets (issue 17): a re-check of the seed article after a one-character edit, median
<= 10 ms; a 100 KB article <= 100 ms; the server's memory does not grow over 1,000 checks of
different articles (RSS before and after is printed).

    python3 bench/serve.py                                  # target/release/seigo
    python3 bench/serve.py --seigo target/ci-release/seigo --edits 200 --articles 1000
    python3 bench/serve.py --smoke --seigo target/debug/seigo   # a few requests, judges nothing

Figures for the web API are the server's own time for the check (`elapsed_ms` in the answer)
and the round trip seen by this client (HTTP on loopback, JSON both ways). For the language
server, the time from sending `didChange` (with `debounceMs: 0`) until its
`publishDiagnostics` arrives: what an editor waits for after the debounce. Each edit inserts
one character at a different place, so no answer can be cached. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
import gen_corpus  # noqa: E402

SEED = (ROOT / "fixtures" / "seed-article.txt").read_text(encoding="utf-8")
EDIT_CHARS = "あいうえお、。一二三"
# The corpus generator's default defect rates (bench/gen_corpus.py --help).
RATES = gen_corpus.Rates(0.12, 0.2, 0.2, 0.25, 0.15)


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def edits(text: str, n: int, seed: int) -> list[str]:
    """`n` versions of `text`, each with one character inserted at a different place."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        at = rng.randrange(len(text))
        out.append(text[:at] + rng.choice(EDIT_CHARS) + text[at:])
    return out


def article_of(kb: int) -> str:
    """A plain-text article of about `kb` KB, as bench/run.py generates its documents."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "a.txt")
        gen_corpus.write_single(path, kb / 1000, 1, RATES)
        return Path(path).read_text(encoding="utf-8")


def articles(n: int) -> list[str]:
    with tempfile.TemporaryDirectory() as d:
        gen_corpus.write_corpus(d, n, 7, RATES, 0.5)
        names = sorted(p for p in os.listdir(d) if p.startswith("article-"))
        return [Path(d, p).read_text(encoding="utf-8") for p in names]


class Web:
    def __init__(self, seigo: str):
        self.proc = subprocess.Popen([seigo, "serve", "--port", "0", "--no-config"],
                                     stdout=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if not m:
            raise RuntimeError(f"seigo serve printed {line!r}")
        self.url = m.group(0)

    def check(self, text: str) -> tuple[float, float]:
        body = json.dumps({"text": text}).encode()
        req = urllib.request.Request(self.url + "api/check", data=body,
                                     headers={"Content-Type": "application/json"})
        t = time.perf_counter()
        with urllib.request.urlopen(req) as r:
            answer = json.load(r)
        return answer["elapsed_ms"], (time.perf_counter() - t) * 1000

    def close(self):
        self.proc.terminate()
        self.proc.wait()


class Lsp:
    def __init__(self, seigo: str):
        self.proc = subprocess.Popen([seigo, "lsp", "--no-config"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE)
        self.id = 0
        self.request("initialize", {"processId": None, "rootUri": None, "capabilities": {},
                                    "initializationOptions": {"debounceMs": 0}})
        self.notify("initialized", {})
        self.version = 0

    def send(self, msg: dict):
        data = json.dumps(msg).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.proc.stdin.flush()

    def read(self) -> dict:
        length = 0
        while True:
            line = self.proc.stdout.readline()
            if line in (b"\r\n", b""):
                break
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method: str, params) -> dict:
        self.id += 1
        self.send({"jsonrpc": "2.0", "id": self.id, "method": method, "params": params})
        while True:
            msg = self.read()
            if msg.get("id") == self.id and "method" not in msg:
                return msg

    def notify(self, method: str, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str) -> dict:
        while True:
            msg = self.read()
            if msg.get("method") == "textDocument/publishDiagnostics" and msg["params"]["uri"] == uri:
                return msg["params"]

    def check(self, uri: str, text: str) -> float:
        """Milliseconds from the change to its diagnostics."""
        self.version += 1
        t = time.perf_counter()
        if self.version == 1:
            self.notify("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        else:
            self.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": self.version},
                "contentChanges": [{"text": text}]})
        while True:
            got = self.diagnostics(uri)
            if got.get("version") == self.version:
                return (time.perf_counter() - t) * 1000

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.wait(timeout=10)


def med(xs: list[float]) -> float:
    return statistics.median(xs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seigo", default=str(ROOT / "target" / "release" / "seigo"))
    ap.add_argument("--edits", type=int, default=200, help="one-character edits timed per text")
    ap.add_argument("--articles", type=int, default=1000, help="different articles for the memory check")
    ap.add_argument("--kb", type=int, default=100, help="size of the long article")
    ap.add_argument("--smoke", action="store_true", help="a few requests; judges nothing")
    ap.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()
    if args.smoke:
        args.edits, args.articles, args.kb = 5, 10, 10
    long_text = article_of(args.kb)
    corpus = articles(args.articles)
    rows = []

    web = Web(args.seigo)
    try:
        for text in edits(SEED, 5, 99):  # warm up: dictionary pages, allocator
            web.check(text)
        seed_server, seed_trip = zip(*(web.check(t) for t in edits(SEED, args.edits, 1)))
        long_server, long_trip = zip(*(web.check(t) for t in edits(long_text, max(args.edits // 4, 3), 2)))
        rss_before = rss_kb(web.proc.pid)
        for text in corpus:
            web.check(text)
        rss_after = rss_kb(web.proc.pid)
        for text in corpus:
            web.check(text)
        rss_after2 = rss_kb(web.proc.pid)
    finally:
        web.close()
    rows.append(("web: seed article, 1-char edit (server)", med(seed_server), 10.0))
    rows.append(("web: seed article, 1-char edit (round trip)", med(seed_trip), None))
    rows.append((f"web: {len(long_text.encode()) // 1000} KB article, 1-char edit (server)", med(long_server), 100.0))
    rows.append((f"web: {len(long_text.encode()) // 1000} KB article, 1-char edit (round trip)", med(long_trip), None))

    lsp = Lsp(args.seigo)
    try:
        uri = "file:///bench/seed.txt"
        lsp.check(uri, SEED)
        for text in edits(SEED, 5, 99):
            lsp.check(uri, text)
        lsp_seed = [lsp.check(uri, t) for t in edits(SEED, args.edits, 3)]
        uri = "file:///bench/long.txt"
        lsp.version = 0
        lsp.check(uri, long_text)
        lsp_long = [lsp.check(uri, t) for t in edits(long_text, max(args.edits // 4, 3), 4)]
        lsp_rss_before = rss_kb(lsp.proc.pid)
        uri = "file:///bench/many.txt"
        lsp.version = 0
        for text in corpus:
            lsp.check(uri, text)
        lsp_rss_after = rss_kb(lsp.proc.pid)
    finally:
        lsp.close()
    rows.append(("lsp: seed article, didChange -> diagnostics", med(lsp_seed), 10.0))
    rows.append((f"lsp: {len(long_text.encode()) // 1000} KB article, didChange -> diagnostics", med(lsp_long), 100.0))

    missed = False
    print(f"{'figure':<58} {'median ms':>10}  target")
    for name, value, target in rows:
        if args.smoke:  # a debug binary on tiny inputs: the targets do not apply
            verdict = "(smoke: not judged)"
        else:
            verdict = "" if target is None else ("ok" if value <= target else "MISSED")
        missed |= verdict == "MISSED"
        shown = "" if target is None else f"<= {target:g} ms {verdict}"
        print(f"{name:<58} {value:>10.2f}  {shown}")
    print(f"web RSS: {rss_before / 1024:.1f} MB before {len(corpus)} different articles, "
          f"{rss_after / 1024:.1f} MB after, {rss_after2 / 1024:.1f} MB after {len(corpus)} more")
    print(f"lsp RSS: {lsp_rss_before / 1024:.1f} MB before {len(corpus)} different articles, "
          f"{lsp_rss_after / 1024:.1f} MB after")
    if args.smoke:
        return 0
    return 1 if (missed and args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
