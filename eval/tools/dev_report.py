#!/usr/bin/env python3
"""Per-kind scores of the dev articles whose file names start with PREFIX, then (unless
--table) every false alarm and every missed defect with its text: for choosing classes on dev
and for scoring a blind dev batch once before reading it (--table prints numbers only).

    python3 eval/tools/dev_report.py target/release/seigo s29-a --table
    python3 eval/tools/dev_report.py target/release/seigo h31- numbers

Dev only: held-out sets are never listed (see eval/README.md).
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import run as R  # noqa: E402

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if len(args) < 2:
    raise SystemExit(__doc__)
table_only = "--table" in sys.argv
seigo, prefix = args[0], args[1]
kind = args[2] if len(args) > 2 else None

# Load only the files of the prefix, so that a batch still being written elsewhere in dev/
# is neither read nor able to fail the run.
_glob = Path.glob


def _prefixed(self, pattern):
    for p in _glob(self, pattern):
        if p.name.startswith(prefix) or self.name != "dev":
            yield p


Path.glob = _prefixed
articles = R.load_articles("dev")
Path.glob = _glob

found = R.run_seigo(seigo, [a.path for a in articles])
for a in articles:
    a.findings = found.get(str(a.path), [])
kinds, clean_serious, clean_count, false_alarms = R.score_articles(articles)
for k in R.KINDS:
    s = kinds[k]
    print(f"{k:11} found {s.found}/{s.defects} located {s.located} "
          f"findings {s.findings} true {s.true_findings} P {R.fmt(s.precision())}")
print("clean articles", clean_count, "warnings/errors", sum(clean_serious.values()),
      dict(clean_serious))
if table_only:
    sys.exit()


def snip(text: str, start: int, end: int) -> str:
    return text.encode()[start:end].decode(errors="replace")


for a, f in false_alarms:
    c = R.category(f)
    if kind and c != kind:
        continue
    text = a.path.read_text(encoding="utf-8")
    related = " | ".join(snip(text, r["span"]["start"], r["span"]["end"])
                         for r in f.get("related", []))
    print(f"FP {c} {f['severity']} {a.path.name} [{f['rule']}] "
          f"«{snip(text, f['span']['start'], f['span']['end'])}» rel «{related}» :: {f['message']}")
for a in articles:
    text = a.path.read_text(encoding="utf-8")
    for d in a.defects:
        if (kind and d.kind != kind) or d.found:
            continue
        print(f"MISS {d.kind} {a.path.name} :: "
              f"{' / '.join(snip(text, *s) for s in d.spans)} :: {d.note}")
