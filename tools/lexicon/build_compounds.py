#!/usr/bin/env python3
"""Build seigo's compound/word lexicon with readings from SudachiDict (core edition).

What it does
------------
Enumerates every public entry of the SudachiDict binary dictionary through SudachiPy's
``Dictionary.entries()`` (SudachiPy >= 0.7), reads each entry's word cost straight from the
dictionary's ``Entries`` block (SudachiPy does not expose the cost; see ``EntryCosts``), and
writes a table of the entries that matter for misconversion detection:

    surface  reading  pos  cost  units

* surface: 2-12 characters with at least one kanji (CJK ideograph, 々, 〆, ヶ), made only of
           kanji, kana, ー and Latin letters/digits (kaomoji and 1,2塁 are dropped)
* reading: Sudachi's reading form, katakana (a few entries with Latin letters are dropped)
* pos:     coarse classes, '|'-joined when one (surface, reading) has several:
           N (普通名詞 一般), Ns (普通名詞 サ変可能/サ変形状詞可能), Nk (other 普通名詞:
           形状詞可能, 副詞可能, 助数詞可能), NUM (数詞), V (動詞), ADJ (形容詞),
           NA (形状詞), ADV (副詞), SFX (接尾辞), PFX (接頭辞), PRN (代名詞), X (other);
           PROP* only with --keep-proper (PROPn 人名, PROPp 地名, PROPo 一般)
* cost:    Sudachi's word cost bucketed: 0 (< 6000), 1 (< 7500), 2 (< 9000), 3 (< 12000),
           4 (< 16000), 5 (>= 16000); lower = more frequent. Entry costs also grow with length,
           so compare classes among entries of similar length. Min over merged entries.
* units:   number of short (split mode A) units; 1 = a single morpheme, >= 2 = a compound
           that IPADIC-like analysers split. Min over merged entries.

Rows are unique by (surface, reading) and sorted by surface, then reading (UTF-8 byte order),
so the output is deterministic for a given dictionary build.

Cuts (--cut)
------------
* all        every non-proper entry that passes the surface filter, all conjugated forms
* lemma      (default) as ``all`` but verbs/adjectives only in their dictionary form
             (終止形-一般) or 連用形-一般 (the form that works as a noun: 返り咲き, 取り組み)
* compounds  ``lemma`` entries with units >= 2
* collide    ``compounds`` entries with >= 2 kanji-bearing units whose reading equals, or is
             one mora (substitution) from, the reading of another surface in ``lemma``

Proper nouns (POS 固有名詞) are dropped unless --keep-proper; they are counted in --stats.

Usage
-----
    pip install sudachipy sudachidict_core          # SudachiPy 0.7.0, SudachiDict 20261015
    python3 tools/lexicon/build_compounds.py --out data/lexicon/sudachi_lemma.tsv
    python3 tools/lexicon/build_compounds.py --stats      # counts for every cut, no output

Works offline once the two packages are installed. Takes ~20 s and ~1 GB of memory.
"""
import argparse
import collections
import os
import re
import struct
import sys

KANJI = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ]")
WORDCHARS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f々〆ヶ"
                       r"\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe0-9A-Za-z０-９Ａ-Ｚａ-ｚ]+")
KATAKANA = re.compile(r"[\u30a1-\u30fa\u30fc]+")
SMALL = set("ァィゥェォャュョヮ")
DICT_FORMS = {"*", "終止形-一般", "連用形-一般"}
COST_BOUNDS = (6000, 7500, 9000, 12000, 16000)


def cost_class(cost):
    for i, b in enumerate(COST_BOUNDS):
        if cost < b:
            return i
    return len(COST_BOUNDS)


def pos_class(pos):
    p0, p1, p2 = pos[0], pos[1], pos[2]
    if p0 == "名詞":
        if p1 == "固有名詞":
            return {"人名": "PROPn", "地名": "PROPp"}.get(p2, "PROPo")
        if p1 == "数詞":
            return "NUM"
        if p1 == "普通名詞":
            if p2 == "一般":
                return "N"
            if p2.startswith("サ変"):
                return "Ns"
            return "Nk"
        return "X"
    return {"動詞": "V", "形容詞": "ADJ", "形状詞": "NA", "副詞": "ADV", "接尾辞": "SFX",
            "接頭辞": "PFX", "代名詞": "PRN"}.get(p0, "X")


def morae(reading):
    """Split a katakana reading into morae (small kana join the previous one)."""
    out = []
    for ch in reading:
        if ch in SMALL and out:
            out[-1] += ch
        else:
            out.append(ch)
    return out


class EntryCosts:
    """Word costs from the Entries block of a SudachiDict V1 binary ("SudachiBinaryDic").

    Layout found by inspection of SudachiDict 20261015 and checked entry by entry against
    SudachiPy: the header (magic, u64 version 1, u64 time, ...) lists named blocks as
    (varint-prefixed UTF-8 name, varint start, varint size); in the ``Entries`` block the entry
    with word id ``w`` starts at byte ``8*w`` with little-endian i16 left id, i16 right id,
    i16 cost, u16 POS id. The POS id is compared with SudachiPy's for every entry read, so a
    layout change fails loudly instead of producing wrong costs.
    """

    def __init__(self, path):
        with open(path, "rb") as f:
            self.b = f.read()
        b = self.b
        if b[:16] != b"SudachiBinaryDic" or struct.unpack_from("<Q", b, 16)[0] != 1:
            sys.exit(f"{path}: not a SudachiDict V1 binary; this script needs SudachiPy >= 0.7 "
                     "and a matching sudachidict_core")
        p = 0x28
        for _ in range(3):  # comment, signature, reference
            n, p = self._varint(p)
            p += n
        _, p = self._varint(p)  # number of indexed entries
        _, p = self._varint(p)  # number of entries
        nblocks, p = self._varint(p)
        self.blocks = {}
        for _ in range(nblocks):
            n, p = self._varint(p)
            name = b[p:p + n].decode()
            p += n
            start, p = self._varint(p)
            size, p = self._varint(p)
            self.blocks[name] = (start, size)
        self.entries = self.blocks["Entries"][0]

    def _varint(self, p):
        r = s = 0
        while True:
            c = self.b[p]
            p += 1
            r |= (c & 0x7F) << s
            s += 7
            if c < 0x80:
                return r, p

    def cost(self, word_id, pos_id):
        _l, _r, cost, pid = struct.unpack_from("<hhhH", self.b, self.entries + 8 * word_id)
        if pid != pos_id:
            sys.exit(f"entry {word_id}: POS id {pid} in the binary, {pos_id} from SudachiPy: "
                     "the Entries layout is not the one this script knows")
        return cost


def dictionary_path():
    import sudachidict_core
    return os.path.join(os.path.dirname(sudachidict_core.__file__), "resources", "system.dic")


def package_versions():
    from importlib.metadata import version
    return {p: version(p) for p in ("sudachipy", "sudachidict_core")}


def collect(keep_proper):
    """Return (rows, stats). rows: dict (surface, reading) -> [pos set, min cost, min units,
    dictionary-form flag]."""
    from sudachipy import Dictionary, SplitMode
    d = Dictionary(dict="core")
    costs = EntryCosts(dictionary_path())
    stats = collections.Counter()
    rows = {}
    indexed_cache = {}
    for m in d.entries():
        stats["entries"] += 1
        s = m.surface()
        if not (2 <= len(s) <= 12 and KANJI.search(s)):
            continue
        stats["surface 2-12 chars with kanji"] += 1
        pos = m.part_of_speech()
        wid = m.word_id()
        if s not in indexed_cache:
            indexed_cache[s] = {x.word_id() for x in d.lookup(s)}
        if wid not in indexed_cache[s]:
            stats["  not indexed (only reachable as a split part), dropped"] += 1
            continue
        if not WORDCHARS.fullmatch(s):
            stats["  surface has symbols or spaces (kaomoji, 1,2塁, 交〻), dropped"] += 1
            continue
        pc = pos_class(pos)
        if pc.startswith("PROP"):
            stats["  proper nouns (固有名詞)"] += 1
            stats[f"    {pc}"] += 1
            if not keep_proper:
                continue
        r = m.reading_form()
        if not KATAKANA.fullmatch(r):
            stats["  reading not all katakana, dropped"] += 1
            continue
        cost = costs.cost(wid, m.part_of_speech_id())
        units = max(1, len(m.split(SplitMode.A)))
        lemma = pos[5] in DICT_FORMS
        key = (s, r)
        row = rows.get(key)
        if row is None:
            rows[key] = [{pc}, cost, units, lemma, units_with_kanji(m, SplitMode)]
        else:
            row[0].add(pc)
            row[1] = min(row[1], cost)
            row[2] = min(row[2], units)
            row[3] = row[3] or lemma
            row[4] = min(row[4], units_with_kanji(m, SplitMode))
    return rows, stats


def units_with_kanji(m, SplitMode):
    parts = m.split(SplitMode.A)
    if len(parts) <= 1:
        return 1 if KANJI.search(m.surface()) else 0
    return sum(1 for p in parts if KANJI.search(p.surface()))


def neighbour_keys(reading):
    mo = morae(reading)
    yield ("=", reading)
    for i in range(len(mo)):
        yield (i, "".join(mo[:i]) + "\0" + "".join(mo[i + 1:]), len(mo))


def cut(rows, name):
    if name == "all":
        return {k: v for k, v in rows.items()}
    lemma = {k: v for k, v in rows.items() if v[3]}
    if name == "lemma":
        return lemma
    comp = {k: v for k, v in lemma.items() if v[2] >= 2}
    if name == "compounds":
        return comp
    if name == "collide":
        buckets = collections.defaultdict(set)
        for (s, r) in lemma:
            for key in neighbour_keys(r):
                buckets[key].add(s)
        out = {}
        for (s, r), v in comp.items():
            if v[4] < 2:
                continue
            if any(len(buckets[key] - {s}) > 0 for key in neighbour_keys(r)):
                out[(s, r)] = v
        return out
    raise ValueError(name)


def write(table, path):
    lines = []
    for (s, r), (pcs, cost, units, _lemma, _ku) in table.items():
        lines.append(f"{s}\t{r}\t{'|'.join(sorted(pcs))}\t{cost_class(cost)}\t{units}\n")
    lines.sort(key=lambda x: x.encode("utf-8"))
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    vers = package_versions()
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(f"#surface\treading\tpos\tcost\tunits\t(SudachiDict core {vers['sudachidict_core']}"
                f" via SudachiPy {vers['sudachipy']}, Apache-2.0; see LICENSE-SudachiDict)\n")
        f.writelines(lines)
    return len(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cut", default="lemma", choices=["all", "lemma", "compounds", "collide"])
    ap.add_argument("--keep-proper", action="store_true", help="keep 固有名詞 entries")
    ap.add_argument("--out", help="write the table here (TSV)")
    ap.add_argument("--stats", action="store_true", help="print counts for every cut")
    args = ap.parse_args()
    rows, stats = collect(args.keep_proper)
    if args.stats:
        print(f"packages: {package_versions()}")
        for k, v in stats.items():
            print(f"{k}: {v}")
        print(f"(surface, reading) rows kept: {len(rows)}")
        for name in ("all", "lemma", "compounds", "collide"):
            t = cut(rows, name)
            pcs = collections.Counter(p for v in t.values() for p in v[0])
            cc = collections.Counter(cost_class(v[1]) for v in t.values())
            print(f"cut {name}: {len(t)} rows, {len({s for s, _ in t})} surfaces, "
                  f"{len({r for _, r in t})} readings; pos {dict(sorted(pcs.items()))}; "
                  f"cost classes {dict(sorted(cc.items()))}")
    if args.out:
        n = write(cut(rows, args.cut), args.out)
        print(f"wrote {n} rows to {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
