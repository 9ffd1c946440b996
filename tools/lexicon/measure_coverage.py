#!/usr/bin/env python3
"""Measure how well a lexicon table from build_compounds.py serves misconversion detection.

    pip install sudachipy sudachidict_core fugashi ipadic
    python3 tools/lexicon/measure_coverage.py TABLE.tsv [TABLE2.tsv ...] [--details]

For each table:

1. news_compounds.txt (hand-written compounds that news text uses): the fraction that are a
   single row of the table (any reading).
2. misconversions.tsv (invented wrong forms, each with its right form): the fraction of wrong
   forms that are (wrongly) rows of the table.
3. The reading path: the wrong form's reading is computed by concatenating the readings of
   its parts as an analyser gives them (IPADIC via fugashi, as lindera's IPADIC would; and
   SudachiDict core, split mode C), then looked up in the table's reading -> surfaces index.
   A hit means the right form is among the surfaces with that reading:
   - exact:   same katakana reading
   - voicing: same reading once voiced kana are devoiced (rendaku: 帰り先 カエリサキ vs
              返り咲き カエリザキ) and long vowels normalised (ウ after オ/ウ rows, ー)
   - 1 mora:  the readings differ in one mora (substitution) after that normalisation
   It also reports how many surfaces the lookup returns (the candidates seigo would weigh).

Nothing is written; the output is the README's measurement.
"""
import argparse
import collections
import os
import statistics
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from build_compounds import KANJI, morae  # noqa: E402

VOICED = dict(zip("ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポヴ",
                  "カキクケコサシスセソタチツテトハヒフヘホハヒフヘホウ"))


def norm(reading):
    out = []
    for ch in reading:
        ch = VOICED.get(ch, ch)
        if ch == "ー" and out:
            ch = "ウ"  # IPADIC pronunciations lengthen with ー; readings use ウ/イ
        out.append(ch)
    return "".join(out)


def load_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def load_pairs(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for l in f:
            if l.startswith("#") or not l.strip():
                continue
            w, r = l.rstrip("\n").split("\t")[:2]
            out.append((w, r))
    return out


def load_table(path):
    surf = collections.defaultdict(set)  # surface -> readings
    by_reading = collections.defaultdict(set)
    by_norm = collections.defaultdict(set)
    by_mora = collections.defaultdict(set)
    with open(path, encoding="utf-8") as f:
        for l in f:
            if l.startswith("#"):
                continue
            s, r = l.split("\t")[:2]
            surf[s].add(r)
            by_reading[r].add(s)
            n = norm(r)
            by_norm[n].add(s)
            for key in mora_keys(n):
                by_mora[key].add(s)
    return surf, by_reading, by_norm, by_mora


def mora_keys(reading):
    mo = morae(reading)
    for i in range(len(mo)):
        yield (i, len(mo), "".join(mo[:i]) + "\0" + "".join(mo[i + 1:]))


class Readers:
    def __init__(self):
        from sudachipy import Dictionary, SplitMode
        self.sudachi = Dictionary(dict="core").tokenizer(SplitMode.C)
        try:
            import fugashi
            import ipadic
            self.ipadic = fugashi.GenericTagger(ipadic.MECAB_ARGS)
        except ImportError:
            self.ipadic = None
            print("(fugashi/ipadic not installed: IPADIC readings skipped)", file=sys.stderr)

    def ipadic_reading(self, text):
        parts = []
        for t in self.ipadic(text):
            f = t.feature
            if len(f) < 8 or f[7] in ("*", ""):
                return None, [t.surface for t in self.ipadic(text)]
            parts.append(f[7])
        return "".join(parts), [t.surface for t in self.ipadic(text)]

    def sudachi_reading(self, text):
        ms = self.sudachi.tokenize(text)
        return "".join(m.reading_form() for m in ms), [m.surface() for m in ms]


def pct(a, b):
    return f"{a}/{b} = {100.0 * a / b:.1f}%" if b else "0/0"


def measure(table_path, compounds, pairs, readers, details):
    surf, by_reading, by_norm, by_mora = load_table(table_path)
    print(f"== {table_path}: {len(surf)} surfaces, {len(by_reading)} readings")
    present = [c for c in compounds if c in surf]
    print(f"news compounds that are single rows: {pct(len(present), len(compounds))}")
    if details:
        print("  missing:", " ".join(c for c in compounds if c not in surf))
    wrong_present = [w for w, _ in pairs if w in surf]
    print(f"misconversions (wrongly) present as rows: {pct(len(wrong_present), len(pairs))}"
          + (f"  [{' '.join(wrong_present)}]" if wrong_present else ""))
    right_present = [r for _, r in pairs if r in surf]
    print(f"right forms of the misconversions present as rows: "
          f"{pct(len(right_present), len(pairs))}")
    for name, fn in (("IPADIC", readers.ipadic_reading if readers.ipadic else None),
                     ("Sudachi", readers.sudachi_reading)):
        if fn is None:
            continue
        hits = collections.Counter()
        cands = collections.defaultdict(list)
        rows = []
        for w, r in pairs:
            rd, parts = fn(w)
            if rd is None:
                hits["no reading (unknown word)"] += 1
                rows.append((w, r, None, "no reading", parts))
                continue
            kind = None
            if r in by_reading.get(rd, ()):
                kind = "exact"
                cands["exact"].append(len(by_reading[rd]))
            elif r in by_norm.get(norm(rd), ()):
                kind = "voicing"
                cands["voicing"].append(len(by_norm[norm(rd)]))
            else:
                found = set()
                for key in mora_keys(norm(rd)):
                    found |= by_mora.get(key, set())
                if r in found:
                    kind = "1 mora"
                    cands["1 mora"].append(len(found))
            hits[kind or "miss"] += 1
            rows.append((w, r, rd, kind or "miss", parts))
        present_pairs = sum(1 for _, r in pairs if r in surf)
        found = hits["exact"] + hits["voicing"] + hits["1 mora"]
        print(f"reading path via {name} readings of the wrong form: "
              f"exact {hits['exact']}, +voicing {hits['voicing']}, +1 mora {hits['1 mora']}, "
              f"miss {hits['miss']}, no reading {hits['no reading (unknown word)']}; "
              f"found {pct(found, len(pairs))} of all, {pct(found, present_pairs)} of those "
              f"whose right form is a row")
        for k, v in cands.items():
            print(f"  surfaces returned per lookup ({k}): median {statistics.median(v)}, "
                  f"max {max(v)}")
        if details:
            for w, r, rd, kind, parts in rows:
                if kind != "exact":
                    print(f"  {kind:10s} {w} -> {r}  reading {rd}  parts {'/'.join(parts)}"
                          f"  right's readings {sorted(surf.get(r, []))}")


def noun_runs(tagger, text, no_suffix, max_tokens=4):
    """Maximal runs of 2..max_tokens IPADIC noun tokens (not 数, 代名詞, 非自立; with
    no_suffix also not 接尾) that contain a kanji, as (surface, concatenated reading)."""
    runs, cur = [], []
    for t in list(tagger(text)) + [None]:
        f = t.feature if t is not None else None
        ok = (f is not None and f[0] == "名詞" and f[1] not in ("数", "代名詞", "非自立")
              and not (no_suffix and f[1] == "接尾") and len(f) > 7 and f[7] not in ("*", ""))
        if ok:
            cur.append((t.surface, f[7]))
            continue
        if 2 <= len(cur) <= max_tokens:
            s = "".join(x[0] for x in cur)
            if KANJI.search(s):
                runs.append((s, "".join(x[1] for x in cur)))
        cur = []
    return runs


def load_units(table_path):
    units = {}
    with open(table_path, encoding="utf-8") as f:
        for l in f:
            if not l.startswith("#"):
                c = l.rstrip("\n").split("\t")
                units[c[0]] = max(units.get(c[0], 0), int(c[4]))
    return units


def false_alarm_probe(table_path, docs_dir, readers, pairs):
    """A naive rule: an IPADIC noun run that is not a row, but whose concatenated reading is
    the reading of another row (a compound: units >= 2), is a misconversion of that row.
    Count what it flags on clean documents and what it finds among the misconversions."""
    surf, by_reading, by_norm, _ = load_table(table_path)
    units = load_units(table_path)
    files = sorted(f for f in os.listdir(docs_dir) if f.endswith(".txt"))
    texts = []
    for fn in files:
        with open(os.path.join(docs_dir, fn), encoding="utf-8") as f:
            texts.append((fn, f.read()))

    def flag(s, rd, voicing):
        if s in surf:
            return set()
        c = {x for x in by_reading.get(rd, ()) if units.get(x, 0) >= 2} - {s}
        if not c and voicing:
            c = {x for x in by_norm.get(norm(rd), ()) if units.get(x, 0) >= 2} - {s}
        return c

    print(f"false-alarm probe on {len(texts)} clean documents in {docs_dir} "
          "(naive rule: noun run not a row, same reading as a compound row):")
    for no_suffix in (False, True):
        for voicing in (False, True):
            flags, nruns = [], 0
            for fn, text in texts:
                for s, rd in noun_runs(readers.ipadic, text, no_suffix):
                    nruns += 1
                    c = flag(s, rd, voicing)
                    if c:
                        flags.append((fn, s, sorted(c)[0]))
            found = 0
            for w, r in pairs:
                if any(r in flag(s, rd, voicing)
                       for s, rd in noun_runs(readers.ipadic, w, no_suffix)):
                    found += 1
            print(f"  runs {'without 接尾 tokens' if no_suffix else 'incl. 接尾 tokens  '}, "
                  f"{'exact or voicing' if voicing else 'exact reading   '}: {nruns} runs, "
                  f"{len(flags)} flags = {100.0 * len(flags) / len(texts):.1f} per 100 docs; "
                  f"misconversions found {pct(found, len(pairs))}")
            print("     e.g.", ", ".join(f"{s}→{c}" for _, s, c in flags[:8]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tables", nargs="+")
    ap.add_argument("--compounds", default=os.path.join(HERE, "news_compounds.txt"))
    ap.add_argument("--pairs", default=os.path.join(HERE, "misconversions.tsv"))
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--probe-docs", help="a folder of clean .txt documents (eval/jhars/docs) "
                    "for the false-alarm probe (needs fugashi + ipadic)")
    args = ap.parse_args()
    compounds, pairs = load_list(args.compounds), load_pairs(args.pairs)
    print(f"{len(compounds)} news compounds, {len(pairs)} misconversion pairs")
    readers = Readers()
    # baseline: does SudachiDict core have each compound at all (any POS, incl. proper)?
    from sudachipy import Dictionary
    d = Dictionary(dict="core")
    any_entry = [c for c in compounds if len(d.lookup(c)) > 0]
    print(f"news compounds that SudachiDict core has as an entry at all: "
          f"{pct(len(any_entry), len(compounds))}")
    wrong_any = [w for w, _ in pairs if len(d.lookup(w)) > 0]
    print(f"misconversions SudachiDict core has as an entry at all (any POS): "
          f"{pct(len(wrong_any), len(pairs))}" + (f"  [{' '.join(wrong_any)}]" if wrong_any else ""))
    if readers.ipadic:
        single = [c for c in compounds if len(list(readers.ipadic(c))) == 1]
        print(f"news compounds that IPADIC has as one token: {pct(len(single), len(compounds))}")
    for t in args.tables:
        measure(t, compounds, pairs, readers, args.details)
        if args.probe_docs and readers.ipadic:
            false_alarm_probe(t, args.probe_docs, readers, pairs)


if __name__ == "__main__":
    main()
