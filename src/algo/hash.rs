//! Hash maps and sets for per-document and per-rule tables: foldhash with a fixed seed. The
//! keys are short words and ids, and std's SipHash showed in profiles; a fixed seed keeps
//! every run the same. Not DoS-resistant: a document crafted to collide could make a map
//! slow, never a finding wrong.

use std::collections::{HashMap, HashSet};

pub type FastHashMap<K, V> = HashMap<K, V, foldhash::fast::FixedState>;
pub type FastHashSet<T> = HashSet<T, foldhash::fast::FixedState>;

#[cfg(test)]
mod tests {
    use std::hash::BuildHasher;

    use super::*;

    #[test]
    fn hashes_are_fixed_and_tell_words_apart() {
        let build = foldhash::fast::FixedState::default();
        let hash = |s: &str| build.hash_one(s);
        assert_eq!(
            hash("重視"),
            foldhash::fast::FixedState::default().hash_one("重視")
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
        let mut map: FastHashMap<(u32, &str), usize> = FastHashMap::default();
        for (i, w) in words.iter().enumerate() {
            map.insert((i as u32, w), i);
        }
        assert!(
            words
                .iter()
                .enumerate()
                .all(|(i, w)| map[&(i as u32, *w)] == i)
        );
        let set: FastHashSet<usize> = (0..100).collect();
        assert_eq!(set.len(), 100);
    }
}
