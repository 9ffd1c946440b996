//! Word vectors for telling which of two words of one reading fits a sentence (契機 or 景気
//! next to 個人消費 and 回復): about 53,000 keys on 17,900 rows of 128 int8 components,
//! derived from chiVe (Works Applications, Apache-2.0) through the `ja_ginza` wheel, with
//! wordfreq's frequencies (CC BY-SA 4.0); see `data/lexicon/README.md` and
//! `tools/lexicon/build_vectors.py`, which documents the layout.
//!
//! The table is embedded and read in place: nothing is parsed when seigo starts. A lookup is
//! one probe (rarely more) of a hash index `build.rs` writes over the keys. Only the `reading`
//! kind's `homophone` signal reads it.

use std::rc::Rc;

use crate::algo::fnv;
use crate::algo::memo::{Memo, memoised};

static BIN: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/homophone_vectors.bin"
));

/// `build.rs`'s open-addressing index of the keys: `u32` key ids, `u32::MAX` for an empty
/// slot, linear probing from the folded FNV-1a hash of the key.
static INDEX: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/homophone_vectors.index"));

const HEADER: usize = 16;
const KEY_RECORD: usize = 12;

/// A word of the table: its vector row and how common it is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry {
    /// Spellings of one word (and words chiVe merged) share a row.
    pub row: u32,
    /// wordfreq's Zipf frequency (log10 of occurrences per billion words; 0: unseen), to a
    /// tenth.
    pub zipf: f32,
    /// Whether a common word (Zipf ≥ 3) of one of its readings is a key on another row: only
    /// then may the word be a misconversion of a common word.
    pub has_common_homophone: bool,
}

fn u16_at(at: usize) -> usize {
    u16::from_le_bytes([BIN[at], BIN[at + 1]]) as usize
}

fn u32_at(at: usize) -> usize {
    u32::from_le_bytes([BIN[at], BIN[at + 1], BIN[at + 2], BIN[at + 3]]) as usize
}

/// Components per vector.
pub fn dims() -> usize {
    u16_at(6)
}

fn rows() -> usize {
    u32_at(8)
}

/// How many keys the table has.
pub fn len() -> usize {
    u32_at(12)
}

fn vectors_at() -> usize {
    HEADER + len() * KEY_RECORD
}

#[inline]
fn key(i: usize) -> &'static [u8] {
    let at = HEADER + i * KEY_RECORD;
    let start = vectors_at() + rows() * dims() + u32_at(at);
    &BIN[start..start + BIN[at + 8] as usize]
}

/// Whether `word` may be a key with `has_common_homophone` set: false means it is not (a
/// Bloom filter over those keys, 64 KiB, built on first use). A caller that wants only such
/// words asks this first: most nouns are no such key, and the filter answers from a small
/// array where [`get`] reads the index, the key record and the key, three places far apart
/// in a table of 53,000 keys.
pub fn may_have_common_homophone(word: &str) -> bool {
    static FILTER: std::sync::OnceLock<Box<[u64]>> = std::sync::OnceLock::new();
    let filter = FILTER.get_or_init(|| {
        let mut bits = vec![0u64; BLOOM_BITS / 64].into_boxed_slice();
        for i in 0..len() {
            if entry(i).has_common_homophone {
                for bit in bloom_bits(fnv::extend(fnv::OFFSET, key(i))) {
                    bits[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
        bits
    });
    bloom_bits(fnv::hash(word))
        .iter()
        .all(|&bit| filter[bit / 64] & (1 << (bit % 64)) != 0)
}

/// Bits of the Bloom filter of [`may_have_common_homophone`] (a power of two). With about
/// 20,000 keys and three bits each, about one word in 700 passes falsely.
const BLOOM_BITS: usize = 1 << 19;

/// The three bits of a hash in the Bloom filter (the hash mixed first: FNV's low bits are
/// weak).
fn bloom_bits(hash: u64) -> [usize; 3] {
    let mut x = hash ^ (hash >> 33);
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    let mask = (BLOOM_BITS - 1) as u64;
    [
        (x & mask) as usize,
        ((x >> 21) & mask) as usize,
        ((x >> 42) & mask) as usize,
    ]
}

/// Key `id`'s entry, read from its key record.
#[inline]
fn entry(id: usize) -> Entry {
    let at = HEADER + id * KEY_RECORD;
    Entry {
        row: u32_at(at + 4) as u32,
        zipf: f32::from(BIN[at + 9]) / 10.0,
        has_common_homophone: BIN[at + 10] & 1 != 0,
    }
}

/// The table's entry for `word` (a surface or base form).
pub fn get(word: &str) -> Option<Entry> {
    let slots = INDEX.len() / 4;
    let hash = fnv::hash(word);
    let mut slot = ((hash ^ (hash >> 32)) as usize) % slots;
    loop {
        let id = u32::from_le_bytes([
            INDEX[4 * slot],
            INDEX[4 * slot + 1],
            INDEX[4 * slot + 2],
            INDEX[4 * slot + 3],
        ]);
        if id == u32::MAX {
            return None;
        }
        let id = id as usize;
        if key(id) == word.as_bytes() {
            return Some(entry(id));
        }
        slot = (slot + 1) % slots;
    }
}

/// Components per vector of the table (the header says so too; a test checks they agree).
pub const DIMS: usize = 128;

/// A row's vector: its int8 components, read in place, their length, and its unit vector in
/// `f32` for the centroid arithmetic.
#[derive(Debug, Clone)]
pub struct Vector {
    components: &'static [u8],
    norm: f32,
    unit: Rc<[f32; DIMS]>,
}

impl Vector {
    /// Row `row`'s vector.
    pub fn of(row: u32) -> Vector {
        let (components, norm) = (components(row as usize), norms()[row as usize]);
        Vector {
            components,
            norm,
            unit: unit(row, components, norm),
        }
    }

    /// The cosine of the two vectors.
    pub fn cosine(&self, other: &Vector) -> f32 {
        dot(self.components, other.components) as f32 / (self.norm * other.norm)
    }
}

/// A weighted sum of unit vectors: Σ wᵢ·vᵢ/|vᵢ|. Its dot product with a unit vector is the
/// weighted sum of the cosines, in one pass over the components instead of one per summed
/// vector. In `f32` over fixed-size arrays, so that both passes run on SIMD lanes.
#[derive(Debug, Clone)]
pub struct Centroid {
    sum: [f32; DIMS],
}

impl Centroid {
    pub fn new() -> Centroid {
        Centroid { sum: [0.0; DIMS] }
    }

    /// Adds `weight` times the unit vector of `v`.
    pub fn add(&mut self, v: &Vector, weight: f32) {
        for (s, &x) in self.sum.iter_mut().zip(v.unit.iter()) {
            *s += weight * x;
        }
    }

    /// Σ wᵢ·cos(v, vᵢ) over the added vectors.
    pub fn cosine_sum(&self, v: &Vector) -> f32 {
        // Eight partial sums: independent lanes the compiler keeps in SIMD registers (one
        // running sum would be 128 dependent additions).
        let mut lanes = [0.0f32; 8];
        for (s, x) in self.sum.chunks_exact(8).zip(v.unit.chunks_exact(8)) {
            for k in 0..8 {
                lanes[k] += s[k] * x[k];
            }
        }
        lanes.iter().sum()
    }
}

impl Default for Centroid {
    fn default() -> Self {
        Centroid::new()
    }
}

/// Row `row`'s int8 components, read in place.
fn components(row: usize) -> &'static [u8] {
    let d = dims();
    let start = vectors_at() + row * d;
    &BIN[start..start + d]
}

/// Every row's length, computed once (17,900 rows: a few milliseconds) instead of once per
/// lookup: a sentence's context words are looked up for each of its candidate words.
fn norms() -> &'static [f32] {
    static NORMS: std::sync::OnceLock<Box<[f32]>> = std::sync::OnceLock::new();
    NORMS.get_or_init(|| {
        (0..rows())
            .map(|row| {
                let c = components(row);
                (dot(c, c) as f32).sqrt().max(f32::MIN_POSITIVE)
            })
            .collect()
    })
}

/// Row `row`'s unit vector in `f32`, converted on its first use on this thread and memoised
/// ([`crate::algo::memo`]): a sentence's context words and a noun's alternatives come back
/// across sentences and articles, and a table of every row would cost a one-document check
/// the conversion of all 17,900 rows (9 MB, several milliseconds).
fn unit(row: u32, components: &[u8], norm: f32) -> Rc<[f32; DIMS]> {
    thread_local! {
        static MEMO: Memo<u32, Rc<[f32; DIMS]>> = Memo::default();
    }
    memoised(&MEMO, &row, || {
        let mut unit = [0.0; DIMS];
        for (u, &x) in unit.iter_mut().zip(components) {
            *u = f32::from(x as i8) / norm;
        }
        Rc::new(unit)
    })
}

/// The dot product of two int8 vectors (stored as bytes), exact in `i32`.
fn dot(a: &[u8], b: &[u8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x as i8) * i32::from(y as i8))
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bloom_filter_passes_every_word_with_a_common_homophone() {
        let mut with = 0;
        let mut passed_without = 0;
        for i in 0..len() {
            let word = std::str::from_utf8(key(i)).unwrap();
            let entry = get(word).unwrap();
            if entry.has_common_homophone {
                with += 1;
                assert!(may_have_common_homophone(word), "{word}");
            } else if may_have_common_homophone(word) {
                passed_without += 1;
            }
        }
        assert!(with > 10_000, "{with}");
        // Few false passes among the keys without one (the filter's purpose).
        assert!(passed_without * 100 < len(), "{passed_without}");
        assert!(!may_have_common_homophone("そのような語はない"));
    }

    #[test]
    fn the_table_is_well_formed_and_sorted() {
        assert_eq!(&BIN[..4], b"SGHV");
        assert_eq!(BIN[4], 1);
        assert_eq!(dims(), DIMS);
        assert!(len() > 40_000 && rows() > 10_000);
        let pool = vectors_at() + rows() * dims();
        let last = HEADER + (len() - 1) * KEY_RECORD;
        assert_eq!(BIN.len(), pool + u32_at(last) + BIN[last + 8] as usize);
        for i in (1..len()).step_by(101) {
            assert!(key(i - 1) < key(i));
            let word = std::str::from_utf8(key(i)).unwrap();
            assert_eq!(
                get(word).map(|e| e.row),
                Some(u32_at(HEADER + i * KEY_RECORD + 4) as u32)
            );
            assert!(std::str::from_utf8(key(i)).is_ok());
            assert!(u32_at(HEADER + i * KEY_RECORD + 4) < rows());
        }
    }

    #[test]
    fn a_centroid_sums_cosines() {
        let rows = [
            get("景気").unwrap().row,
            get("回復").unwrap().row,
            get("撤退").unwrap().row,
        ];
        let (x, y, z) = (
            Vector::of(rows[0]),
            Vector::of(rows[1]),
            Vector::of(rows[2]),
        );
        let mut c = Centroid::new();
        c.add(&y, 0.5);
        c.add(&z, 2.0);
        let expected = 0.5 * x.cosine(&y) + 2.0 * x.cosine(&z);
        assert!(
            (c.cosine_sum(&x) - expected).abs() < 1e-5,
            "{} {expected}",
            c.cosine_sum(&x)
        );
        assert!((Centroid::new().cosine_sum(&x)).abs() < 1e-9);
    }

    #[test]
    fn homophones_and_their_contexts_are_keys() {
        for w in [
            "景気", "契機", "関心", "感心", "撤退", "回復", "個人", "消費", "高裁", "続く",
        ] {
            assert!(get(w).is_some(), "{w}");
        }
        assert!(get("既製緩和").is_none());
        // 契機 reads like 景気; 政府 like 正負 (a rare word).
        assert!(get("契機").unwrap().has_common_homophone);
        assert!(!get("政府").unwrap().has_common_homophone);
        assert!(get("景気").unwrap().zipf > get("契機").unwrap().zipf);
    }

    #[test]
    fn related_words_are_closer_than_unrelated_ones() {
        let v = |w: &str| Vector::of(get(w).unwrap().row);
        let (economy, recovery, chance) = (v("景気"), v("回復"), v("契機"));
        assert!((economy.cosine(&economy) - 1.0).abs() < 1e-4);
        assert!(economy.cosine(&recovery) > chance.cosine(&recovery));
    }
}
