#!/usr/bin/env python3
"""Scores seigo against labelled text it was not written from (see eval/README.md).

    python3 eval/run.py                    # dev and every holdout set: articles + garble + JHARS
    python3 eval/run.py --split held-out   # every holdout set, and their pooled figures
    python3 eval/run.py --details          # also list dev misses and false alarms
    python3 eval/run.py --strict           # exit 1 when a target below is missed (pooled)
    python3 eval/run.py --smoke --seigo target/debug/seigo   # CI: proves it runs, judges nothing

holdout2 is a second held-out set of articles, written on 2026-12-03 (night) before the rule
changes of that session, by a writer who never saw the rules. holdout3 (20 + 20 articles) was
written on 2026-12-04 by a writer who never saw the rules or the other sets, at the start of
that day's session (scored with the rules of its start, d5cb686, before any change was scored
on it). Later sets (holdout5 … holdout50) are described in eval/README.md; holdout4,
holdout6–holdout14, holdout15–holdout39 were retired into dev after their verdicts. Every
held-out set is reported on its own and then pooled (their counts summed); the targets are
judged on the pool.

Holdout is only ever printed as numbers: its texts and per-article results are not shown, so
that nobody tunes rules to it. `--details` prints dev only.

Scoring (articles): a labelled defect is *found* when one finding of its kind overlaps one of
its labelled spans (by at least one byte) and, for a defect with two or more places, shows
another place as a related span; "located" counts the found defects whose every labelled
span the finding covers (labels mark one mention of each side; another mention of the same
side is as good, so "found" is the measure and "located" a stricter view). A finding
of a kind that covers no labelled defect of that kind in its article is a *false alarm*.
Precision = findings that found a defect / all findings of the kind. Findings are counted at
every severity for precision and recall; "clean" counts warnings and errors per article on the
articles labelled clean (the hard negatives). "P any" is a second, looser precision: findings
that point at a labelled defect of any kind (a summary's number that a numbers label covers,
reported by the headline kind, is no false alarm to the editor) / all findings of the kind.
The targets are judged on the strict precision.

Scoring (garble sentences): a bad sentence is found when a garble finding (substitution,
existence or reading rule) overlaps the 《》-marked word; a good sentence is a false alarm when
any garble finding at warning or error is reported on it.

Targets (issue 14 and 15; judged on the held-out sets of the run, pooled):
  per consistency kind  recall >= 0.8 at precision >= 0.9
  clean hard negatives  <= 0.1 warning/error findings per article
  JHARS                 <= 1 error per 100 documents
  garble                recall >= 0.6, false alarms <= 2% of good sentences,
                        <= 1 warning/error garble finding per 100 clean articles
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "eval"
KINDS = ["headline", "conflict", "polarity", "numbers", "repetition", "garble"]
CONSISTENCY = ["headline", "conflict", "polarity", "numbers", "repetition"]

# Rule kinds (the `kind` field of seigo's JSON) to the label kinds above.
CATEGORY = {
    "headline-support": "headline",
    "conflict": "conflict",
    "polarity": "polarity",
    "numbers": "numbers",
    "repetition": "repetition",
    "substitution": "garble",
    "existence": "garble",
    "reading": "garble",
}
SERIOUS = {"warning", "error"}
# Text of a writer's tool transcript, never of an article.
LEAK_MARKERS = ("<invoke", "</parameter>", "</invoke>")


@dataclass
class Defect:
    kind: str
    spans: list[tuple[int, int]]
    note: str = ""
    found: bool = False
    located: bool = False


@dataclass
class Article:
    path: Path
    clean: bool
    defects: list[Defect]
    findings: list[dict] = field(default_factory=list)


def byte_span(text: str, needle: str, path: Path) -> tuple[int, int]:
    i = text.find(needle)
    if i < 0 or text.find(needle, i + 1) >= 0:
        raise SystemExit(f"{path}: label span {needle!r} must occur exactly once")
    start = len(text[:i].encode())
    return start, start + len(needle.encode())


def load_articles(split: str) -> list[Article]:
    out = []
    for labels in sorted((EVAL / "corpus" / split).glob("*.labels.yaml")):
        stem = labels.name.removesuffix(".labels.yaml")
        matches = [p for p in labels.parent.glob(stem + ".*") if p != labels]
        if len(matches) != 1:
            raise SystemExit(f"{labels}: expected one article beside it, found {matches}")
        path = matches[0]
        text = path.read_text(encoding="utf-8")
        # A blind writer's working notes once leaked into an article (dev h9-c10: a tool call
        # and a second copy of the text), read as repeated sentences of a clean article.
        for marker in LEAK_MARKERS:
            if marker in text:
                raise SystemExit(f"{path}: holds {marker!r}: a writer's tool transcript, not article text")
        meta = yaml.safe_load(labels.read_text(encoding="utf-8"))
        defects = [
            Defect(d["kind"], [byte_span(text, s, path) for s in d["spans"]], d.get("note", ""))
            for d in meta.get("defects") or []
        ]
        for d in defects:
            if d.kind not in KINDS:
                raise SystemExit(f"{labels}: unknown kind {d.kind}")
        out.append(Article(path, bool(meta.get("clean")), defects))
    return out


def run_seigo(seigo: str, files: list[Path]) -> dict[str, list[dict]]:
    """Findings per file path (as given), from one `seigo check --format json` run."""
    by_path: dict[str, list[dict]] = {}
    for i in range(0, len(files), 200):
        chunk = [str(f) for f in files[i:i + 200]]
        proc = subprocess.run(
            [seigo, "check", "--no-config", "--quiet", "--format", "json", *chunk],
            capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise SystemExit(f"seigo failed ({proc.returncode}):\n{proc.stderr}")
        for f in json.loads(proc.stdout)["files"]:
            by_path[f["path"]] = f["findings"]
    return by_path


def category(finding: dict) -> str | None:
    return CATEGORY.get(finding["kind"])


def spans_of(finding: dict) -> list[tuple[int, int]]:
    spans = [finding["span"]] + [r["span"] for r in finding.get("related", [])]
    return [(s["start"], s["end"]) for s in spans]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def covers(finding: dict, defect: Defect) -> bool:
    """The finding is about the defect: one of its spans overlaps a labelled span, and a
    defect with two places (a contradiction, a repeat) is shown with another place too. The
    labelled span is one mention of each side; another mention of the same side is as good
    (the headline's 高城監督 against the body's 高城前監督)."""
    spans = spans_of(finding)
    if not any(overlaps(s, d) for s in spans for d in defect.spans):
        return False
    return len(defect.spans) < 2 or len(spans) >= 2


def locates_all(finding: dict, defect: Defect) -> bool:
    """Every labelled span is covered (the strict reading of a label)."""
    spans = spans_of(finding)
    return all(any(overlaps(s, d) for s in spans) for d in defect.spans)


@dataclass
class KindScore:
    defects: int = 0
    found: int = 0
    located: int = 0
    findings: int = 0
    true_findings: int = 0
    # Findings that match no defect of their kind but point at a labelled defect of another
    # kind (a summary's number that the numbers label covers, reported by the headline kind).
    elsewhere: int = 0

    def recall(self) -> float | None:
        return self.found / self.defects if self.defects else None

    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None

    def precision_any(self) -> float | None:
        """Findings that point at some labelled defect, of their kind or another."""
        return (self.true_findings + self.elsewhere) / self.findings if self.findings else None


def score_articles(articles: list[Article]):
    kinds = {k: KindScore() for k in KINDS}
    located = Counter()
    clean_serious = Counter()
    clean_count = 0
    false_alarms: list[tuple[Article, dict]] = []
    for a in articles:
        for d in a.defects:
            kinds[d.kind].defects += 1
        for f in a.findings:
            cat = category(f)
            if cat is None:
                continue
            kinds[cat].findings += 1
            hit = [d for d in a.defects if d.kind == cat and covers(f, d)]
            for d in hit:
                d.found = True
                if locates_all(f, d):
                    d.located = True
            if hit:
                kinds[cat].true_findings += 1
            elif any(covers(f, d) for d in a.defects):
                kinds[cat].elsewhere += 1
            else:
                false_alarms.append((a, f))
        if a.clean:
            clean_count += 1
            for f in a.findings:
                if category(f) and f["severity"] in SERIOUS:
                    clean_serious[category(f)] += 1
    for a in articles:
        for d in a.defects:
            if d.found:
                kinds[d.kind].found += 1
            if d.located:
                kinds[d.kind].located += 1
    return kinds, clean_serious, clean_count, false_alarms


def fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:4.2f}"


@dataclass
class GarbleScore:
    bad: int = 0
    found: int = 0
    good: int = 0
    false_alarms: int = 0
    by_signal: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))


def score_garble(seigo: str, split: str, details: bool) -> GarbleScore:
    entries = yaml.safe_load((EVAL / "garble" / f"{split}.yaml").read_text(encoding="utf-8"))
    score = GarbleScore()
    with tempfile.TemporaryDirectory(prefix="seigo-garble-") as tmp:
        files, marks = [], []
        for e in entries:
            text = e.get("bad") or e["good"]
            plain = text.replace("《", "").replace("》", "")
            mark = None
            if "bad" in e:
                start = len(text[:text.index("《")].encode())
                end = len(text[:text.index("》")].encode()) - len("《".encode())
                mark = (start, end)
            p = Path(tmp) / f"{e['id']}.txt"
            p.write_text(plain + "\n", encoding="utf-8")
            files.append(p)
            marks.append(mark)
        found = run_seigo(seigo, files)
        for e, p, mark in zip(entries, files, marks):
            garbles = [f for f in found.get(str(p), []) if category(f) == "garble"]
            if mark is not None:
                score.bad += 1
                hit = any(overlaps((f["span"]["start"], f["span"]["end"]), mark) for f in garbles)
                score.found += hit
                sig = score.by_signal[e.get("signal", "?")]
                sig[0] += 1
                sig[1] += hit
                if details and split == "dev" and not hit:
                    print(f"  garble miss  {e['id']} {e['confusion']}: {e['bad']}")
            else:
                score.good += 1
                serious = [f for f in garbles if f["severity"] in SERIOUS]
                score.false_alarms += bool(serious)
                if details and split == "dev" and serious:
                    print(f"  garble FALSE {e['id']} {e['confusion']}: {e['good']}  "
                          f"<- {serious[0]['rule']}: {serious[0]['message']}")
    return score


def jhars(seigo: str, limit: int | None) -> tuple[int, Counter]:
    docs = sorted((EVAL / "jhars" / "docs").glob("*.txt"))
    if limit:
        docs = docs[:limit]
    found = run_seigo(seigo, docs)
    counts = Counter()
    for p in docs:
        for f in found.get(str(p), []):
            if category(f):
                counts[(category(f), f["severity"])] += 1
    return len(docs), counts


def split_order(name: str) -> tuple[int, int]:
    """dev first, then holdout, holdout2, holdout3 … in the order they were written."""
    if name == "dev":
        return (0, 0)
    rest = name.removeprefix("holdout")
    return (1, int(rest) if rest.isdigit() else 1)


# Every set under eval/corpus: dev, and the held-out sets holdout, holdout2 … .
SPLITS = sorted((p.name for p in (EVAL / "corpus").iterdir() if p.is_dir()), key=split_order)


def print_table(title: str, kinds: dict, clean_serious: Counter, clean_count: int,
                defective: int) -> dict:
    """Prints one set's (or a pool's) article table; returns its numbers for --json."""
    print(f"\n== {title}: {defective} defective + {clean_count} clean articles")
    print(f"{'kind':12} {'defects':>7} {'found':>5} {'located':>7} {'recall':>6} "
          f"{'findings':>8} {'precision':>9} {'clean w+e/10':>12} {'P any':>6}")
    res = {}
    for k in KINDS:
        s = kinds[k]
        per10 = 10 * clean_serious[k] / clean_count if clean_count else 0.0
        print(f"{k:12} {s.defects:7} {s.found:5} {s.located:7} {fmt(s.recall()):>6} "
              f"{s.findings:8} {fmt(s.precision()):>9} {per10:12.2f} "
              f"{fmt(s.precision_any()):>6}")
        res[k] = {"defects": s.defects, "found": s.found, "located": s.located,
                  "recall": s.recall(),
                  "findings": s.findings, "precision": s.precision(),
                  "precision_any": s.precision_any(),
                  "clean_serious_per_10": per10}
    total_clean = sum(clean_serious.values())
    per_article = total_clean / clean_count if clean_count else 0.0
    print(f"clean articles: {total_clean} warning/error findings "
          f"({per_article:.2f} per article)")
    res["clean_serious_per_article"] = per_article
    return res


def print_garble(garble: GarbleScore) -> dict:
    recall = garble.found / garble.bad if garble.bad else 0.0
    fa = garble.false_alarms / garble.good if garble.good else 0.0
    signals = ", ".join(f"{k} {v[1]}/{v[0]}" for k, v in sorted(garble.by_signal.items()))
    print(f"garble sentences: recall {recall:.2f} ({garble.found}/{garble.bad}; {signals}), "
          f"false alarms {fa:.1%} ({garble.false_alarms}/{garble.good})")
    return {"recall": recall, "false_alarm_rate": fa,
            "by_signal": {k: v for k, v in garble.by_signal.items()}}


@dataclass
class Pool:
    """The held-out sets scored in one run, summed: the targets are judged on all of them
    together (a set of 7 defects per kind moves a recall by 0.14 per defect)."""
    splits: list[str] = field(default_factory=list)
    kinds: dict = field(default_factory=lambda: {k: KindScore() for k in KINDS})
    clean_serious: Counter = field(default_factory=Counter)
    clean_count: int = 0
    defective: int = 0
    garble: GarbleScore = field(default_factory=GarbleScore)
    garble_splits: list[str] = field(default_factory=list)

    def add(self, split: str, kinds: dict, clean_serious: Counter, clean_count: int,
            defective: int, garble: GarbleScore | None) -> None:
        self.splits.append(split)
        for k in KINDS:
            mine, theirs = self.kinds[k], kinds[k]
            for name in ("defects", "found", "located", "findings", "true_findings",
                         "elsewhere"):
                setattr(mine, name, getattr(mine, name) + getattr(theirs, name))
        self.clean_serious.update(clean_serious)
        self.clean_count += clean_count
        self.defective += defective
        if garble:
            self.garble_splits.append(split)
            g = self.garble
            g.bad += garble.bad
            g.found += garble.found
            g.good += garble.good
            g.false_alarms += garble.false_alarms
            for signal, (n, hit) in garble.by_signal.items():
                g.by_signal[signal][0] += n
                g.by_signal[signal][1] += hit


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seigo", default=str(ROOT / "target" / "release" / "seigo"))
    ap.add_argument("--split", choices=SPLITS + ["both", "held-out"],
                    default="both", help="both: dev and every holdout set; held-out: every "
                    "holdout set")
    ap.add_argument("--details", action="store_true", help="list dev misses and false alarms")
    ap.add_argument("--strict", action="store_true",
                    help="exit 1 if a target is missed on the pooled held-out sets")
    ap.add_argument("--smoke", action="store_true", help="a few files of each set; judge nothing")
    ap.add_argument("--json", type=Path, help="also write all numbers to this file")
    args = ap.parse_args()
    if not Path(args.seigo).exists():
        print(f"no seigo binary at {args.seigo} (cargo build --release)", file=sys.stderr)
        return 2
    if args.split == "both":
        splits = SPLITS
    elif args.split == "held-out":
        splits = [s for s in SPLITS if s != "dev"]
    else:
        splits = [args.split]
    results: dict = {}
    pool = Pool()
    for split in splits:
        articles = load_articles(split)
        if args.smoke:
            articles = articles[:3] + [a for a in articles if a.clean][:3]
        found = run_seigo(args.seigo, [a.path for a in articles])
        for a in articles:
            a.findings = found.get(str(a.path), [])
        kinds, clean_serious, clean_count, false_alarms = score_articles(articles)
        defective = sum(1 for a in articles if not a.clean)
        res = print_table(split, kinds, clean_serious, clean_count, defective)
        if args.details and split == "dev":
            for a in articles:
                for d in a.defects:
                    if not d.found:
                        print(f"  miss  {a.path.name} {d.kind}: {d.note}")
            for a, f in false_alarms:
                print(f"  FALSE {a.path.name}:{f['span']['line']} {f['rule']} "
                      f"[{f['severity']}] {f['message']}")
        has_sentences = (EVAL / "garble" / f"{split}.yaml").exists()
        garble = (score_garble(args.seigo, split, args.details)
                  if has_sentences and not args.smoke else None)
        if garble:
            res["garble_sentences"] = print_garble(garble)
        results[split] = res
        if split != "dev":
            pool.add(split, kinds, clean_serious, clean_count, defective, garble)
    missed: list[str] = []
    if pool.splits:
        res = print_table(f"held-out, pooled ({', '.join(pool.splits)})", pool.kinds,
                          pool.clean_serious, pool.clean_count, pool.defective)
        if pool.garble_splits:
            print(f"pooled over {', '.join(pool.garble_splits)}:")
            res["garble_sentences"] = print_garble(pool.garble)
        res["splits"] = pool.splits
        results["held_out_pooled"] = res
        if not args.smoke:
            for k in CONSISTENCY:
                r, p = pool.kinds[k].recall(), pool.kinds[k].precision()
                if pool.kinds[k].defects and (r is None or r < 0.8 or p is None or p < 0.9):
                    missed.append(f"{k}: recall {fmt(r)} precision {fmt(p)}")
            per_article = res["clean_serious_per_article"]
            if per_article > 0.1:
                missed.append(f"clean hard negatives: {per_article:.2f} per article")
            g = pool.garble
            if pool.garble_splits and (g.found / max(g.bad, 1) < 0.6
                                       or g.false_alarms / max(g.good, 1) > 0.02):
                missed.append("garble sentences")
            if pool.clean_count and 100 * pool.clean_serious["garble"] / pool.clean_count > 1:
                missed.append("garble false alarms on clean articles")
    n, counts = jhars(args.seigo, 20 if args.smoke else None)
    print(f"\n== JHARS: {n} LLM-written answers (real text, nearly all clean)")
    for (cat, sev), c in sorted(counts.items()):
        print(f"  {cat:12} {sev:8} {100 * c / n:6.2f} per 100 documents ({c})")
    errors = sum(c for (cat, sev), c in counts.items() if sev == "error")
    print(f"  errors: {100 * errors / n:.2f} per 100 documents")
    results["jhars"] = {"documents": n, "per_100": {f"{c}/{s}": 100 * v / n
                                                    for (c, s), v in counts.items()}}
    if not args.smoke and 100 * errors / n > 1:
        missed.append(f"JHARS errors: {100 * errors / n:.2f} per 100")
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    if args.smoke:
        print("\nsmoke run: the harness works; nothing judged")
        return 0
    if not pool.splits:
        print("\nno held-out set scored: no target judged")
        return 0
    if missed:
        print("\ntargets missed (held-out, pooled): " + "; ".join(missed))
        return 1 if args.strict else 0
    print("\nall targets met (held-out, pooled)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
