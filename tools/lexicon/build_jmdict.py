#!/usr/bin/env python3
"""Noun compounds with readings from EDICT (JMdict), for what SudachiDict core does not list.

SudachiDict core lists about 37% of the news compounds of `news_compounds.txt` as single
entries; EDICT lists 74% (see README.md, section 4). The `reading` rule kind can only suggest a
compound its lexicon holds (書類双肩 → 書類送検 needs 書類送検), so this script adds EDICT's noun
compounds that Sudachi core lacks, in the same row format as `sudachi_lemma.tsv`:

    surface  reading  pos  cost  units

Kept: entries with a kana reading whose part of speech includes a plain noun (n), 3-12
characters of kanji and katakana with a kanji (compounds as news writes them), that SudachiPy
(split mode A, SudachiDict core) splits into two or more short units it knows, and whose surface is not
already a Sudachi core entry. Dropped: irregular, outdated or wrong spellings (iK, ik, oK, ok,
io, rK, sK, ateji: 主脳会談 is listed as an iK form of 首脳会談, a misconversion we must not
learn as a word), archaic/obsolete/obscure entries (arch, obs, obsc), expressions (exp), proper
nouns, prefixes and suffixes. pos: Ns when the entry takes する (vs), else N. cost: 6 for
priority entries (P), else 7: classes Sudachi's 0-5 do not use, so the binary can tell an EDICT
compound (weaker evidence: no frequency behind it) from a Sudachi one. units: Sudachi's split-A
count.

Licence: EDICT is © the Electronic Dictionary Research and Development Group, under the EDRDG
licence (Creative Commons Attribution-ShareAlike 3.0 for this edition); the output is a derived data file under the
same licence. See data/lexicon/LICENSE-JMdict.

Usage (offline once the packages are here):

    apt-get download edict && dpkg-deb -x edict_*.deb /tmp/edict   # Debian edict 2021.02.03-1
    pip install sudachipy==0.7.0 sudachidict_core==20261015
    python3 tools/lexicon/build_jmdict.py --edict /tmp/edict/usr/share/edict/edict \\
        --sudachi data/lexicon/sudachi_lemma.tsv --out data/lexicon/jmdict_compounds.tsv
"""
import argparse
import re
import sys

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ]")
WORDCHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ"
                       r"\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe0-9A-Za-z]+")
HIRAGANA = re.compile(r"[\u3041-\u3096]")
KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
LINE = re.compile(r"^(\S+) \[([^\]]+)\] /(.*)$")
TAG = re.compile(r"\(([A-Za-z0-9,\-]+)\)")
BAD_FORMS = {"iK", "ik", "oK", "ok", "io", "rK", "sK", "ateji", "arch", "obs", "obsc"}
NOT_WORDS = {"exp", "n-suf", "n-pref", "pref", "suf", "pn", "n-pr", "int", "conj", "prt"}


def katakana(kana: str) -> str:
    return "".join(chr(ord(c) + 0x60) if "\u3041" <= c <= "\u3096" else c for c in kana)


def entries(path):
    with open(path, encoding="euc_jp", errors="strict") as f:
        for line in f:
            m = LINE.match(line.rstrip("\n"))
            if not m:
                continue
            surface, kana, rest = m.groups()
            codes = set()
            for group in TAG.findall(rest):
                codes.update(group.split(","))
            yield surface, kana, codes, "(P)" in rest


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--edict", required=True)
    ap.add_argument("--sudachi", required=True, help="sudachi_lemma.tsv (its surfaces are skipped)")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    from sudachipy import Dictionary, SplitMode

    tokenizer = Dictionary().tokenizer(SplitMode.A)
    known = set()
    with open(args.sudachi, encoding="utf-8") as f:
        for line in f:
            if not line.startswith("#"):
                known.add(line.split("\t", 1)[0])

    rows = {}
    counts = {"read": 0, "kept": 0}
    for surface, kana, codes, priority in entries(args.edict):
        counts["read"] += 1
        if codes & BAD_FORMS or codes & NOT_WORDS or "n" not in codes:
            continue
        # Compounds as news writes them: three or more characters, kanji and katakana only
        # (小型トラック, 内閣改造; not 交換しあい or ハシバミの実).
        if not (3 <= len(surface) <= 12) or not KANJI.search(surface) or HIRAGANA.search(surface):
            continue
        if WORDCHARS.fullmatch(surface) is None or surface in known:
            continue
        reading = katakana(kana)
        if KATAKANA.fullmatch(reading) is None:
            continue
        morphemes = tokenizer.tokenize(surface)
        # Two or more short units, each a word Sudachi knows (雌蕋 splits into unknowns).
        if len(morphemes) < 2 or any(m.is_oov() for m in morphemes):
            continue
        units = len(morphemes)
        pos = "Ns" if "vs" in codes else "N"
        cost = 6 if priority else 7
        key = (surface, reading)
        old = rows.get(key)
        if old is None or cost < old[1]:
            rows[key] = (pos, cost, min(units, 15))
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("#surface\treading\tpos\tcost\tunits\t(EDICT 2021.02.03 via Debian edict 2021.02.03-1, "
                  "EDRDG licence, CC BY-SA; see LICENSE-JMdict)\n")
        for (surface, reading) in sorted(rows, key=lambda k: (k[0].encode(), k[1].encode())):
            pos, cost, units = rows[(surface, reading)]
            out.write(f"{surface}\t{reading}\t{pos}\t{cost}\t{units}\n")
            counts["kept"] += 1
    print(f"read {counts['read']} EDICT lines, wrote {counts['kept']} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
