#!/usr/bin/env python3
"""Scores the garble sentences of retired held-out sets: the `garble/holdoutN.yaml` files whose
article set has been retired into dev (no `corpus/holdoutN/` beside them). `eval/run.py` no
longer scores them, and they may be read: with about 3,300 misconversion and 3,000 correct
sentences they are the largest pool for judging a garble change on text its rules were not
written from. Correct sentences flagged count every severity ("any"), not only warnings and
errors as `eval/run.py` does: a homophone finding is a note, and a note on a correct sentence
is still a false alarm.

    python3 eval/tools/retired_garble.py BIN [OUT.json]   # OUT: every sentence and its result

Compare two binaries by their OUT files to list the sentences that changed.
"""
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import run as R  # noqa: E402

if len(sys.argv) < 2:
    raise SystemExit(__doc__)
seigo = sys.argv[1]
out = sys.argv[2] if len(sys.argv) > 2 else None
files = [p for p in sorted((R.EVAL / "garble").glob("holdout*.yaml"))
         if not (R.EVAL / "corpus" / p.stem).exists()]
results = []
with tempfile.TemporaryDirectory(prefix="seigo-retired-") as tmp:
    paths, meta = [], []
    for f in files:
        for e in yaml.safe_load(f.read_text(encoding="utf-8")):
            text = e.get("bad") or e["good"]
            mark = None
            if "bad" in e:
                start = len(text[:text.index("《")].encode())
                mark = (start, len(text[:text.index("》")].encode()) - len("《".encode()))
            p = Path(tmp) / f"{f.stem}-{e['id']}.txt"
            p.write_text(text.replace("《", "").replace("》", "") + "\n", encoding="utf-8")
            paths.append(p)
            meta.append((f.stem, e, mark))
    found = R.run_seigo(seigo, paths)
    for p, (stem, e, mark) in zip(paths, meta):
        garbles = [f for f in found.get(str(p), []) if R.category(f) == "garble"]
        row = {"set": stem, "id": e["id"], "confusion": e["confusion"],
               "signal": e.get("signal", "?"), "bad": mark is not None,
               "text": e.get("bad") or e["good"]}
        if mark is not None:
            row["found"] = any(R.overlaps((f["span"]["start"], f["span"]["end"]), mark)
                               for f in garbles)
        else:
            row["flagged"] = bool(garbles)
            row["flagged_serious"] = any(f["severity"] in R.SERIOUS for f in garbles)
            row["message"] = garbles[0]["message"] if garbles else ""
        results.append(row)
if out:
    Path(out).write_text(json.dumps(results, ensure_ascii=False, indent=0), encoding="utf-8")
bad = [r for r in results if r["bad"]]
good = [r for r in results if not r["bad"]]
total, hit = Counter(r["signal"] for r in bad), Counter(r["signal"] for r in bad if r["found"])
print("sets:", ", ".join(f.stem for f in files))
print(f"misconversions found: {sum(hit.values())}/{len(bad)} "
      f"({', '.join(f'{k} {hit[k]}/{v}' for k, v in sorted(total.items()))})")
print(f"correct sentences flagged: {sum(r['flagged'] for r in good)}/{len(good)} at any severity, "
      f"{sum(r['flagged_serious'] for r in good)} at warning or error")
