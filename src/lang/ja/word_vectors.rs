//! Word vectors for telling which of two words of one reading fits a sentence (契機 or 景気
//! next to 個人消費 and 回復): about 53,000 keys on 17,900 rows of 128 int8 components,
//! derived from chiVe (Works Applications, Apache-2.0) through the `ja_ginza` wheel, with
//! wordfreq's frequencies (CC BY-SA 4.0); see `data/lexicon/README.md` and
//! `tools/lexicon/build_vectors.py`, which documents the layout.
//!
//! The table is embedded and read in place: nothing is parsed when seigo starts, and a
//! lookup is a binary search over the sorted keys. Only the `reading` kind's `homophone`
//! signal reads it.

use std::cmp::Ordering;

static BIN: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/lexicon/homophone_vectors.bin"
));

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

fn key(i: usize) -> &'static [u8] {
    let at = HEADER + i * KEY_RECORD;
    let start = vectors_at() + rows() * dims() + u32_at(at);
    &BIN[start..start + BIN[at + 8] as usize]
}

/// The table's entry for `word` (a surface or base form).
pub fn get(word: &str) -> Option<Entry> {
    let (mut lo, mut hi) = (0, len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        match key(mid).cmp(word.as_bytes()) {
            Ordering::Less => lo = mid + 1,
            Ordering::Greater => hi = mid,
            Ordering::Equal => {
                let at = HEADER + mid * KEY_RECORD;
                return Some(Entry {
                    row: u32_at(at + 4) as u32,
                    zipf: f32::from(BIN[at + 9]) / 10.0,
                });
            }
        }
    }
    None
}

/// Row `row` as a unit vector (the stored int8 components, re-normalised).
pub fn unit(row: u32) -> Vec<f32> {
    let d = dims();
    let start = vectors_at() + row as usize * d;
    let v: Vec<f32> = BIN[start..start + d]
        .iter()
        .map(|&b| f32::from(b as i8))
        .collect();
    let norm = v
        .iter()
        .map(|x| x * x)
        .sum::<f32>()
        .sqrt()
        .max(f32::MIN_POSITIVE);
    v.into_iter().map(|x| x / norm).collect()
}

/// The cosine of two unit vectors.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_well_formed_and_sorted() {
        assert_eq!(&BIN[..4], b"SGHV");
        assert_eq!(BIN[4], 1);
        assert_eq!(dims(), 128);
        assert!(len() > 40_000 && rows() > 10_000);
        let pool = vectors_at() + rows() * dims();
        let last = HEADER + (len() - 1) * KEY_RECORD;
        assert_eq!(BIN.len(), pool + u32_at(last) + BIN[last + 8] as usize);
        for i in (1..len()).step_by(101) {
            assert!(key(i - 1) < key(i));
            assert!(std::str::from_utf8(key(i)).is_ok());
            assert!(u32_at(HEADER + i * KEY_RECORD + 4) < rows());
        }
    }

    #[test]
    fn homophones_and_their_contexts_are_keys() {
        for w in [
            "景気", "契機", "関心", "感心", "撤退", "回復", "個人", "消費", "高裁", "続く",
        ] {
            assert!(get(w).is_some(), "{w}");
        }
        assert!(get("既製緩和").is_none());
        assert!(get("景気").unwrap().zipf > get("契機").unwrap().zipf);
    }

    #[test]
    fn related_words_are_closer_than_unrelated_ones() {
        let v = |w: &str| unit(get(w).unwrap().row);
        let (economy, recovery, chance) = (v("景気"), v("回復"), v("契機"));
        assert!((cosine(&economy, &economy) - 1.0).abs() < 1e-4);
        assert!(cosine(&economy, &recovery) > cosine(&chance, &recovery));
    }
}
