#!/usr/bin/env python3
"""Build `data/lexicon/homophone_vectors.bin`, the word-vector table of the `reading` kind's
`homophone` signal (契機 written for 景気: a word of the same reading fits the sentence better).

Source: the word vectors of the `ja_ginza` 5.3.0 wheel (MIT), which are chiVe vectors
(Works Applications, Apache-2.0) reduced to 20,000 rows with several keys each; word
frequencies from `wordfreq` 3.1.1 (data CC BY-SA 4.0).

Run (deterministic for the same package versions):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install ja-ginza==5.3.0 ginza==5.3.0 \\
        spacy==3.8.18 wordfreq==3.1.1 numpy==2.4.6
    /tmp/venv/bin/python tools/lexicon/build_vectors.py --out data/lexicon/homophone_vectors.bin

Keys kept:
- (H) every noun or na-adjective of seigo's lexicon (data/lexicon/*.tsv) with a kanji that is
  a vector key and shares its reading with another such word on a different vector row: the
  words that may be written for each other;
- (C) the `--ctx-top` most frequent vector keys by wordfreq `ja`: the context words.

Vectors: centred over all rows of the ja_ginza table (the mean vector is shared by every word
and says nothing of the context), reduced to `--dims` by PCA over those rows, L2-normalised and
quantised to int8 per row (each row scaled so its largest component is ±127; the scale is
dropped, since the cosine re-normalises).

Layout (little-endian; `src/lang/ja/word_vectors.rs` reads it in place):
    b'SGHV' | u8 version = 1 | u8 0 | u16 dims | u32 n_rows | u32 n_keys
    n_keys * 12 bytes, sorted by key (UTF-8 bytes):
        u32 key offset in the string pool | u32 row | u8 key length | u8 round(zipf * 10) |
        u8 flags | u8 0
    flags bit 0: a common homophone: another lexicon noun with a kanji of one of the key's
    readings is a key on another row with Zipf >= 3 (MIN_ALTERNATIVE_ZIPF of
    src/rules/kinds/reading/homophone.rs); seigo looks alternatives up only for such words
    n_rows * dims int8 (the row vectors)
    the string pool (UTF-8 keys)
"""
import argparse
import collections
import math
import os
import re
import struct
import sys

import numpy as np
import wordfreq

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
LEXICONS = ['data/lexicon/sudachi_lemma.tsv', 'data/lexicon/jmdict_compounds.tsv']
NOUN_CLASSES = {'N', 'Ns', 'Nk', 'NA'}
KANJI = re.compile(r'[\u4e00-\u9fff々]')
MIN_ALTERNATIVE_ZIPF = 3.0


def ginza_vectors():
    """ja_ginza's vector matrix (float32) and key -> row."""
    import ja_ginza
    from spacy.vocab import Vocab
    path = os.path.join(os.path.dirname(ja_ginza.__file__), 'ja_ginza-5.3.0', 'vocab')
    vocab = Vocab().from_disk(path)
    matrix = np.asarray(vocab.vectors.data, dtype=np.float32)
    key_to_row = {vocab.strings[k]: int(r) for k, r in vocab.vectors.key2row.items()}
    return matrix, key_to_row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--dims', type=int, default=128, help='PCA dimensions (0: keep all)')
    ap.add_argument('--ctx-top', type=int, default=30000, help='context words kept by frequency')
    ap.add_argument('--out', required=True)
    a = ap.parse_args()

    matrix, key_to_row = ginza_vectors()
    freq = wordfreq.get_frequency_dict('ja')

    def zipf(w):
        return math.log10(freq[w]) + 9 if w in freq else 0.0

    by_reading = collections.defaultdict(set)
    for name in LEXICONS:
        with open(os.path.join(ROOT, name), encoding='utf-8') as f:
            for line in f:
                if line.startswith('#'):
                    continue
                surface, reading, pos = line.split('\t')[:3]
                if set(pos.split('|')) & NOUN_CLASSES and KANJI.search(surface) \
                        and surface in key_to_row:
                    by_reading[reading].add(surface)
    homophones = set()
    for words in by_reading.values():
        if len({key_to_row[w] for w in words}) > 1:
            homophones |= words
    common_homophone = set()
    for words in by_reading.values():
        for w in words:
            # The Zipf value as stored (to a tenth), as seigo compares it.
            if any(key_to_row[x] != key_to_row[w]
                   and min(255, round(zipf(x) * 10)) >= MIN_ALTERNATIVE_ZIPF * 10
                   for x in words):
                common_homophone.add(w)
    context = [w for w, _ in sorted(freq.items(), key=lambda x: (-x[1], x[0]))
               if w in key_to_row][:a.ctx_top]
    keys = sorted(homophones | set(context), key=lambda s: s.encode('utf-8'))
    old_rows = sorted({key_to_row[k] for k in keys})
    new_row = {r: i for i, r in enumerate(old_rows)}

    centred = matrix - matrix.mean(axis=0)
    if a.dims and a.dims < matrix.shape[1]:
        _, _, vt = np.linalg.svd(centred, full_matrices=False)
        x = centred[old_rows] @ vt[:a.dims].T
    else:
        x = centred[old_rows]
    x = x / np.linalg.norm(x, axis=1, keepdims=True)
    q = np.round(x / np.abs(x).max(axis=1, keepdims=True) * 127).astype(np.int8)
    dims = x.shape[1]

    pool = bytearray()
    records = bytearray()
    for k in keys:
        b = k.encode('utf-8')
        assert len(b) < 256
        records += struct.pack('<IIBBBB', len(pool), new_row[key_to_row[k]], len(b),
                               min(255, int(round(zipf(k) * 10))), int(k in common_homophone), 0)
        pool += b
    with open(a.out, 'wb') as f:
        f.write(b'SGHV' + struct.pack('<BBHII', 1, 0, dims, len(old_rows), len(keys)))
        f.write(records)
        f.write(q.tobytes())
        f.write(pool)
    print(f'homophone words {len(homophones)}, context words {len(context)}, keys {len(keys)}, '
          f'rows {len(old_rows)}, dims {dims}, bytes {os.path.getsize(a.out)}', file=sys.stderr)


if __name__ == '__main__':
    main()
