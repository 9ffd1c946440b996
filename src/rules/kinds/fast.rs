//! Small fast paths shared by the consistency kinds (conflict, headline-support, polarity),
//! which run on every document: a fixed hasher for their per-document maps and a lowercase
//! that skips the Unicode tables for Japanese text.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// `HashMap` with [`FxHasher`]: the keys are short words and ids, and hashing them with the
/// default SipHash showed in profiles. Iteration order is never relied upon.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc and Firefox: fixed (no random seed, so deterministic),
/// and a few instructions per word. Not DoS-resistant, which per-document maps do not need.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// True for characters that have no lowercase mapping other than themselves and are common in
/// Japanese text: kana, CJK ideographs, CJK symbols and full-width punctuation (the full-width
/// Latin letters `Ａ`-`Ｚ` are excluded: they lowercase).
#[inline]
fn caseless_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'     // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{FF01}'..='\u{FF20}'   // full-width punctuation and digits
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
    )
}

/// `s.to_lowercase()`, without the Unicode case tables when every character is ASCII or
/// caseless CJK (the usual Japanese word).
pub(crate) fn lowercase(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii() || caseless_cjk(c)) {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, Hash};

    use super::*;

    #[test]
    fn caseless_characters_agree_with_std_over_all_chars() {
        let mut caseless = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if caseless_cjk(c) {
                caseless += 1;
                assert!(
                    c.to_lowercase().eq([c]) && !c.is_ascii(),
                    "{c:?} ({:X}) is not caseless",
                    u32::from(c)
                );
            }
            let s = c.to_string();
            assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
        }
        assert!(caseless > 20_000, "{caseless}");
    }

    #[test]
    fn lowercase_agrees_with_std_on_mixed_text() {
        for s in [
            "",
            "NATO",
            "アジア版NATO",
            "ＮＡＴＯ",
            "İstanbul",
            "ΣΑΣ",
            "トランプ前大統領",
            "G7サミット、「ＡＢＣ」",
            "ẞ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
        }
    }

    #[test]
    fn fx_hash_is_fixed_and_tells_words_apart() {
        let build = BuildHasherDefault::<FxHasher>::default();
        let hash = |s: &str| build.hash_one(s);
        assert_eq!(hash("重視"), hash("重視"));
        assert_eq!(
            hash("重視"),
            BuildHasherDefault::<FxHasher>::default().hash_one("重視")
        );
        let words = [
            "",
            "a",
            "重視",
            "重視する",
            "大統領",
            "前大統領",
            "12345678",
            "123456789",
        ];
        let mut hashes: Vec<u64> = words.iter().map(|w| hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // Tuples and integers hash too (keys of the kinds' maps).
        let mut h = FxHasher::default();
        (1u32, "x", Some("y")).hash(&mut h);
        assert_ne!(h.finish(), 0);
        let mut map: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            map.insert(w, i);
        }
        assert!(words.iter().enumerate().all(|(i, w)| map[w] == i));
    }
}
