//! A bounded per-thread memo for pure functions of a key: articles share most of their words,
//! so a lexicon search asked once per word is asked again and again. The memo is a
//! `thread_local!` map (rayon checks files on several threads, each with its own); it is
//! emptied when it grows past [`MAX_ENTRIES`], so memory stays bounded whatever the input. A
//! memoised function must be pure: the cache then changes no result.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::hash::Hash;
use std::thread::LocalKey;

use super::hash::FastHashMap;

/// The most entries a memo keeps before it is emptied.
pub const MAX_ENTRIES: usize = 1 << 16;

/// The type of a memo's `thread_local!` static.
pub type Memo<K, V> = RefCell<FastHashMap<K, V>>;

/// `compute()`, remembered in `memo` under `key` (looked up by borrowing, stored owned).
pub fn memoised<K, Q, V>(
    memo: &'static LocalKey<Memo<K, V>>,
    key: &Q,
    compute: impl FnOnce() -> V,
) -> V
where
    K: Borrow<Q> + Hash + Eq,
    Q: ToOwned<Owned = K> + Hash + Eq + ?Sized,
    V: Clone,
{
    if let Some(found) = memo.with(|m| m.borrow().get(key).cloned()) {
        return found;
    }
    // Computed outside the borrow: `compute` may itself use another memo (or this one).
    let found = compute();
    memo.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() >= MAX_ENTRIES {
            m.clear();
        }
        m.insert(key.to_owned(), found.clone());
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static SQUARES: Memo<u64, u64> = Memo::default();
        static LENGTHS: Memo<String, usize> = Memo::default();
    }

    #[test]
    fn a_value_is_computed_once_per_key_and_the_memo_stays_bounded() {
        let calls = std::cell::Cell::new(0);
        let square = |n: u64| {
            memoised(&SQUARES, &n, || {
                calls.set(calls.get() + 1);
                n * n
            })
        };
        assert_eq!(square(7), 49);
        assert_eq!(square(7), 49);
        assert_eq!(calls.get(), 1);
        for n in 0..(MAX_ENTRIES as u64 + 10) {
            assert_eq!(square(n), n * n);
        }
        assert!(SQUARES.with(|m| m.borrow().len()) <= MAX_ENTRIES);
        // A borrowed key finds what its owned form stored.
        assert_eq!(memoised(&LENGTHS, "語彙", || "語彙".len()), 6);
        assert_eq!(memoised(&LENGTHS, "語彙", || 0), 6);
    }
}
