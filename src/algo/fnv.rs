//! FNV-1a: tiny, fixed (the same value on every run, Rust version and CPU), and fast on the
//! short inputs seigo hashes (words, character n-grams).

pub const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
pub const PRIME: u64 = 0x0000_0100_0000_01b3;

/// One step: folds `x` into `hash`.
#[inline(always)]
pub fn step(hash: u64, x: u64) -> u64 {
    (hash ^ x).wrapping_mul(PRIME)
}

/// FNV-1a of `prefix + bytes`, given the hash of `prefix` ([`OFFSET`] for none).
#[inline]
pub fn extend(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| step(h, u64::from(b)))
}

/// FNV-1a of a string's bytes.
#[inline]
pub fn hash(s: &str) -> u64 {
    extend(OFFSET, s.as_bytes())
}

/// FNV-1a over code points, one step per character (for character n-grams).
#[inline]
pub fn hash_chars(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(OFFSET, |h, &c| step(h, u64::from(u32::from(c))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // The reference FNV-1a 64 of "a" and "foobar".
        assert_eq!(hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash("foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(hash(""), OFFSET);
        // ASCII characters hash as their bytes.
        assert_eq!(hash_chars(&['f', 'o', 'o']), hash("foo"));
        assert_eq!(hash_chars(&['f', 'o', 'o']), 0xdcb2_7518_fed9_d577);
    }

    #[test]
    fn extending_equals_hashing_the_whole() {
        let word = "支援停止";
        let mut h = OFFSET;
        for (i, c) in word.char_indices() {
            h = extend(h, c.encode_utf8(&mut [0; 4]).as_bytes());
            assert_eq!(h, hash(&word[..i + c.len_utf8()]));
        }
    }
}
