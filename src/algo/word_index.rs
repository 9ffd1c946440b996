//! Positions by a hash of a word: a multimap from `u64` to ascending `u32` positions, built
//! in linear time.
//!
//! The (hash, position) pairs are placed in about one bucket per position by the hash's top
//! bits (a counting sort: linear, where sorting all pairs showed in profiles, as did a hash
//! map of vectors before it), then each bucket is sorted, so a lookup is a slice. Keyed by
//! hash rather than by the word, so the index borrows nothing; a collision only adds a
//! candidate the caller checks.

#[derive(Debug, Default)]
pub struct WordIndex {
    /// Pairs (hash, position), grouped by bucket, sorted within a bucket.
    hashes: Vec<u64>,
    positions: Vec<u32>,
    /// `starts[b]..starts[b + 1]` is bucket `b`.
    starts: Vec<u32>,
    shift: u32,
}

/// Fibonacci hashing: spreads the hash's bits into the top ones that pick the bucket.
const SPREAD: u64 = 0x9E37_79B9_7F4A_7C15;

impl WordIndex {
    /// Indexes `hashes[i]` at position `i`.
    pub fn new(hashes: Vec<u64>) -> Self {
        let bits = hashes.len().max(2).next_power_of_two().trailing_zeros();
        let shift = 64 - bits;
        let bucket = |h: u64| (h.wrapping_mul(SPREAD) >> shift) as usize;
        let mut starts = vec![0u32; (1 << bits) + 1];
        for &h in &hashes {
            starts[bucket(h) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        let mut next = starts.clone();
        let mut pairs = vec![(0u64, 0u32); hashes.len()];
        for (i, &h) in hashes.iter().enumerate() {
            let at = &mut next[bucket(h)];
            pairs[*at as usize] = (h, i as u32);
            *at += 1;
        }
        for b in starts.windows(2) {
            let bucket = &mut pairs[b[0] as usize..b[1] as usize];
            if bucket.len() > 1 {
                bucket.sort_unstable();
            }
        }
        let (hashes, positions) = pairs.into_iter().unzip();
        WordIndex {
            hashes,
            positions,
            starts,
            shift,
        }
    }

    /// Positions (ascending) whose hash is `hash`.
    pub fn get(&self, hash: u64) -> &[u32] {
        let b = (hash.wrapping_mul(SPREAD) >> self.shift) as usize;
        let Some(range) = self.starts.get(b..b + 2) else {
            return &[];
        };
        let (from, to) = (range[0] as usize, range[1] as usize);
        let in_bucket = &self.hashes[from..to];
        let start = in_bucket.partition_point(|&h| h < hash);
        let end = start + in_bucket[start..].partition_point(|&h| h == hash);
        &self.positions[from + start..from + end]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_position_of_a_hash_in_order() {
        // Few distinct hashes, many repeats: crowded buckets.
        let hashes: Vec<u64> = (0..3000u64).map(|i| (i * 7 + i / 3) % 11).collect();
        let index = WordIndex::new(hashes.clone());
        for h in 0..12u64 {
            let expected: Vec<u32> = (0..hashes.len() as u32)
                .filter(|&i| hashes[i as usize] == h)
                .collect();
            assert_eq!(index.get(h), expected.as_slice(), "{h}");
        }
        assert!(index.get(u64::MAX).is_empty());
    }

    #[test]
    fn empty_and_single_indexes() {
        assert_eq!(WordIndex::new(Vec::new()).get(1), &[] as &[u32]);
        assert_eq!(WordIndex::new(vec![42]).get(42), &[0]);
        assert_eq!(WordIndex::default().get(42), &[] as &[u32]);
    }
}
