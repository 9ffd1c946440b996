#!/usr/bin/env python3
"""Coverage of the news-compound list (and presence of the invented misconversions) in other
freely available Japanese lexicons, for the README's survey. Each source is optional.

    apt-get download edict skkdic-extra mecab-ipadic   # then: dpkg-deb -x PKG.deb DIR
    python3 tools/lexicon/survey_lexicons.py \
        --edict DIR/usr/share/edict/edict \
        --skk DIR/usr/share/skk/utf8/SKK-JISYO.L.utf8 \
        --ipadic DIR/usr/share/mecab/dic/ipadic \
        --sudachi-synonyms SudachiDict/src/main/text/synonyms.txt \
        --table data/lexicon/sudachi_lemma.tsv
"""
import argparse
import glob
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))


def load_list(path):
    with open(path, encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and not l.startswith("#")]


def load_pairs(path):
    out = []
    with open(path, encoding="utf-8") as f:
        for l in f:
            if l.strip() and not l.startswith("#"):
                out.append(tuple(l.rstrip("\n").split("\t")[:2]))
    return out


def edict(path):
    s = set()
    with open(path, encoding="euc_jp", errors="replace") as f:
        for l in f:
            head = l.split(" /", 1)[0]
            s.add(head.split(" [")[0].strip())
    return s


def skk(path):
    s = set()
    okuri_nasi = False
    with open(path, encoding="utf-8") as f:
        for l in f:
            if l.startswith(";; okuri-nasi"):
                okuri_nasi = True
            if l.startswith(";") or not okuri_nasi:
                continue
            _, _, cands = l.rstrip("\n").partition(" ")
            for c in cands.strip("/").split("/"):
                s.add(c.split(";")[0])
    return s


def ipadic(d):
    s = set()
    for p in glob.glob(os.path.join(d, "*.csv")):
        with open(p, encoding="euc_jp", errors="replace") as f:
            for l in f:
                s.add(l.split(",", 1)[0])
    return s


def synonyms(path):
    s = set()
    with open(path, encoding="utf-8") as f:
        for l in f:
            cols = l.rstrip("\n").split(",")
            if len(cols) > 8:
                s.add(cols[8])
    return s


def table(path):
    with open(path, encoding="utf-8") as f:
        return {l.split("\t", 1)[0] for l in f if not l.startswith("#")}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--edict")
    ap.add_argument("--skk")
    ap.add_argument("--ipadic")
    ap.add_argument("--sudachi-synonyms")
    ap.add_argument("--table", action="append", default=[])
    ap.add_argument("--details", action="store_true")
    args = ap.parse_args()
    comp = load_list(os.path.join(HERE, "news_compounds.txt"))
    pairs = load_pairs(os.path.join(HERE, "misconversions.tsv"))
    sources = []
    if args.edict:
        sources.append(("EDICT (JMdict subset, Debian edict)", edict(args.edict)))
    if args.skk:
        sources.append(("SKK-JISYO.L (Debian skkdic-extra, utf8)", skk(args.skk)))
    if args.ipadic:
        sources.append(("IPADIC 2.7.0 CSV (Debian mecab-ipadic)", ipadic(args.ipadic)))
    if args.sudachi_synonyms:
        sources.append(("SudachiDict synonyms.txt", synonyms(args.sudachi_synonyms)))
    for t in args.table:
        sources.append((t, table(t)))
    union = set()
    for name, s in sources:
        hit = [c for c in comp if c in s]
        wrong = [w for w, _ in pairs if w in s]
        print(f"{name}: {len(s)} surfaces; news compounds {len(hit)}/{len(comp)} "
              f"= {100 * len(hit) / len(comp):.1f}%; misconversions present {len(wrong)}/{len(pairs)}"
              + (f" [{' '.join(wrong)}]" if wrong else ""))
        if args.details:
            print("   missing:", " ".join(c for c in comp if c not in s))
        union |= set(hit)
    print(f"union of the sources above: {len(union)}/{len(comp)} = {100 * len(union) / len(comp):.1f}%")


if __name__ == "__main__":
    main()
