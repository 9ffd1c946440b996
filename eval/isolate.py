#!/usr/bin/env python3
"""The isolation study: each labelled two-place defect of dev as a two-sentence document.

    python3 eval/isolate.py --seigo target/ci-release/seigo                # polarity and numbers
    python3 eval/isolate.py --seigo BIN --kind polarity --list missed      # which ones are missed

For every dev defect of the given kinds with two labelled spans, the sentences holding the two
spans become one plain-text document (a placeholder headline, then the two sentences as two
paragraphs, in article order). A defect is found in isolation when a finding of its kind
overlaps both sentences (the finding or its related span in each). The count separates what
the kind's reading of a sentence misses from what the surrounding article adds or blocks: a
pair missed in isolation is missed by the claim reader itself. Dev only (the texts are shown
with `--list`); see eval/README.md for the study's use.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import run  # noqa: E402  (the scorer's loaders and seigo runner)

SENTENCE_END = re.compile(r"[。！？!?]|\n")


def sentence_around(text: bytes, start: int, end: int) -> tuple[int, int]:
    """The byte range of the sentence (or line) of `text` holding `start..end`."""
    decoded = text.decode()
    # Character offsets of the span.
    cs = len(text[:start].decode(errors="ignore"))
    ce = len(text[:end].decode(errors="ignore"))
    left = max((m.end() for m in SENTENCE_END.finditer(decoded, 0, cs)), default=0)
    m = SENTENCE_END.search(decoded, ce)
    right = m.end() if m else len(decoded)
    return len(decoded[:left].encode()), len(decoded[:right].encode())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seigo", default=str(run.ROOT / "target" / "release" / "seigo"))
    ap.add_argument("--kind", action="append", choices=["polarity", "numbers", "conflict"])
    ap.add_argument("--list", choices=["found", "missed"])
    args = ap.parse_args()
    kinds = args.kind or ["polarity", "numbers"]
    with tempfile.TemporaryDirectory() as tmp:
        docs: list[tuple[str, Path, str]] = []
        for art in run.load_articles("dev"):
            raw = art.path.read_bytes()
            for n, d in enumerate(art.defects):
                if d.kind not in kinds or len(d.spans) != 2:
                    continue
                ranges = sorted(sentence_around(raw, s, e) for s, e in d.spans)
                if ranges[0] == ranges[1] or ranges[0][1] > ranges[1][0]:
                    continue
                parts = [raw[s:e].decode().strip() for s, e in ranges]
                body = "見出し\n\n" + "\n\n".join(p for p in parts) + "\n"
                path = Path(tmp) / f"{art.path.stem}-{n}.txt"
                path.write_text(body, encoding="utf-8")
                docs.append((d.kind, path, body))
        findings = run.run_seigo(args.seigo, [p for _, p, _ in docs])
        totals: dict[str, list[int]] = {k: [0, 0] for k in kinds}
        for kind, path, body in docs:
            raw = body.encode()
            # The two sentences' byte ranges in the document.
            first = raw.index(b"\n\n") + 2
            second = raw.index(b"\n\n", first) + 2
            sentences = [(first, second - 2), (second, len(raw))]
            found = False
            for f in findings.get(str(path), []):
                if run.category(f) != kind:
                    continue
                spans = run.spans_of(f)
                if all(any(s < b and a < e for s, e in spans) for a, b in sentences):
                    found = True
            totals[kind][0] += found
            totals[kind][1] += 1
            if args.list == ("found" if found else "missed"):
                print(f"== {path.name} ({kind})\n{body}")
        for kind, (found, total) in totals.items():
            print(f"{kind}: {found} of {total} two-place dev defects found in isolation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
