#!/usr/bin/env python3
"""Every finding two seigo binaries disagree on (rule, severity, span, message, related
spans), over dev, JHARS, the fixtures and, when it exists, the bench corpus: the check that a
rule change does what its commit message says and nothing else.

    python3 eval/tools/finding_diff.py OLD_BIN NEW_BIN [--bench DIR] [EXCLUDED_PREFIX ...]

`--bench` defaults to /tmp/bcache/articles-1000-seed1 (what `bench/run.py --cache-dir
/tmp/bcache` writes). A prefix leaves out dev files not yet scored (a blind batch being
written). A finding added at a span another rule already reports is marked as a duplicate.
"""
import collections
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
args = sys.argv[1:]
bench = Path("/tmp/bcache/articles-1000-seed1")
if "--bench" in args:
    i = args.index("--bench")
    bench = Path(args[i + 1])
    del args[i:i + 2]
if len(args) < 2:
    raise SystemExit(__doc__)
old, new, excluded = args[0], args[1], tuple(args[2:])

files = sorted(str(p) for p in (ROOT / "eval/corpus/dev").iterdir()
               if p.suffix in (".md", ".txt") and not (excluded and p.name.startswith(excluded)))
files += sorted(str(p) for p in (ROOT / "eval/jhars/docs").glob("*.txt"))
files += sorted(str(p) for p in (ROOT / "fixtures").rglob("*") if p.suffix in (".md", ".txt"))
if bench.is_dir():
    files += sorted(str(p) for p in bench.iterdir())


def findings(seigo: str) -> dict:
    out = {}
    for i in range(0, len(files), 300):
        proc = subprocess.run([seigo, "check", "--no-config", "--quiet", "--format", "json",
                               *files[i:i + 300]], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{seigo} failed ({proc.returncode}):\n{proc.stderr}")
        for f in json.loads(proc.stdout)["files"]:
            out[f["path"]] = f["findings"]
    return out


def key(f: dict) -> tuple:
    related = tuple((r["span"]["start"], r["span"]["end"]) for r in f.get("related", []))
    return (f["rule"], f["severity"], f["span"]["start"], f["span"]["end"], f["message"], related)


before, after = findings(old), findings(new)
count = 0
for path in files:
    a = collections.Counter(key(f) for f in before.get(path, []))
    b = collections.Counter(key(f) for f in after.get(path, []))
    if a == b:
        continue
    text = Path(path).read_bytes()
    name = Path(path).name

    def quote(k: tuple) -> str:
        return text[k[2]:k[3]].decode(errors="replace")

    for k in (a - b).elements():
        count += 1
        print("-", name, k[0], k[1], f"«{quote(k)}»", k[4][:120])
    for k in (b - a).elements():
        count += 1
        duplicate = any((x[2], x[3]) == (k[2], k[3]) and x[0] != k[0] for x in b)
        print("+", name, k[0], k[1], f"«{quote(k)}»", k[4][:120],
              "DUPLICATE OF another rule's finding" if duplicate else "")
print(f"differences: {count} in {len(files)} files")
