//! MinHash signatures and LSH banding over sets of 64-bit hashes, for finding similar sets
//! without comparing every pair; and the exact Jaccard similarity that verifies a candidate.
//!
//! Each set (its [`Shingles`]) is summarised by a [`SIGNATURE`]-value MinHash signature, cut
//! into bands of `rows` values ([`band_keys`]); sets that agree on a whole band are
//! candidates ([`chain_buckets`]). [`band_rows`] picks the band size from a similarity
//! threshold so that a pair exactly at the threshold becomes a candidate with probability
//! ≥ 99.9%. Every function is fixed (seeds included), so results never depend on the Rust
//! version, the run or the CPU.

use super::fnv;

/// MinHash signature length.
pub const SIGNATURE: usize = 64;

/// Sets of hashes in one flat buffer (one allocation for all of them). MinHash needs a
/// set's hashes in no order and tolerates repeats; [`Shingles::sort`] sorts and
/// deduplicates a set in place when its exact contents are needed, which most sets never
/// are.
#[derive(Debug, Default)]
pub struct Shingles {
    hashes: Vec<u64>,
    ranges: Vec<std::ops::Range<usize>>,
    sorted: Vec<bool>,
}

impl Shingles {
    pub fn with_capacity(hashes: usize, sets: usize) -> Self {
        Shingles {
            hashes: Vec::with_capacity(hashes),
            ranges: Vec::with_capacity(sets),
            sorted: Vec::with_capacity(sets),
        }
    }

    /// Adds a set (repeats allowed); its index is the number of sets before it.
    pub fn push(&mut self, hashes: impl IntoIterator<Item = u64>) {
        let start = self.hashes.len();
        self.hashes.extend(hashes);
        self.ranges.push(start..self.hashes.len());
        self.sorted.push(false);
    }

    /// Sorts and deduplicates set `i`'s hashes, once.
    pub fn sort(&mut self, i: usize) {
        if std::mem::replace(&mut self.sorted[i], true) {
            return;
        }
        let range = self.ranges[i].clone();
        let set = &mut self.hashes[range.clone()];
        set.sort_unstable();
        let mut kept = 0;
        for j in 0..set.len() {
            if j == 0 || set[j] != set[kept - 1] {
                set[kept] = set[j];
                kept += 1;
            }
        }
        self.ranges[i] = range.start..range.start + kept;
    }

    /// Set `i`'s hashes: the set itself once `sort(i)` ran, else with repeats, unordered.
    pub fn set(&self, i: usize) -> &[u64] {
        &self.hashes[self.ranges[i].clone()]
    }

    /// Whether the smaller of sets `a` and `b` has at least `share` of its hashes in the other
    /// (sorting both first).
    pub fn shorter_shares(&mut self, a: usize, b: usize, share: f64) -> bool {
        self.sort(a);
        self.sort(b);
        let (x, y) = (self.set(a), self.set(b));
        intersection(x, y) as f64 >= share * x.len().min(y.len()) as f64
    }

    pub fn len(&self) -> usize {
        self.ranges.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }
}

/// The largest band (rows per band) for which a pair at exactly `threshold` shares at least
/// one of the `SIGNATURE / rows` bands with probability ≥ 99.9%. Larger bands mean fewer
/// chance candidates.
pub fn band_rows(threshold: f64) -> usize {
    (1..=SIGNATURE)
        .rev()
        .find(|&rows| {
            let bands = (SIGNATURE / rows) as i32;
            1.0 - (1.0 - threshold.powi(rows as i32)).powi(bands) >= 0.999
        })
        .unwrap_or(1)
}

/// LSH keys: each band's hash of each set's MinHash signature, band-major
/// (`keys[band * sets + set]`).
///
/// 64 slot hashes per hash of each set are most of the work, and vector multiplies make
/// them fast: the same code is also compiled for AVX-512 and AVX2, and the widest the CPU
/// has runs. Integer arithmetic, so every path computes the same keys.
pub fn band_keys(shingles: &Shingles, rows: usize) -> Vec<u64> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f")
            && std::arch::is_x86_feature_detected!("avx512dq")
        {
            // SAFETY: the CPU has the features the function is compiled for.
            return unsafe { band_keys_avx512(shingles, rows) };
        }
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: as above.
            return unsafe { band_keys_avx2(shingles, rows) };
        }
    }
    band_keys_portable(shingles, rows)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512dq")]
fn band_keys_avx512(shingles: &Shingles, rows: usize) -> Vec<u64> {
    band_keys_portable(shingles, rows)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn band_keys_avx2(shingles: &Shingles, rows: usize) -> Vec<u64> {
    band_keys_portable(shingles, rows)
}

/// `band_keys` for any CPU, and the body of its vector variants. Plain indexed loops over
/// fixed sizes: they vectorise, where iterator adapters were left uninlined, and so
/// unvectorised, in the `target_feature` copies.
#[inline(always)]
fn band_keys_portable(shingles: &Shingles, rows: usize) -> Vec<u64> {
    let sets = shingles.len();
    // MinHash: each slot is the least of its hash function over the set's hashes. Stored
    // slot-major (`by_slot[slot * sets + set]`) for the band hashes below.
    let mut by_slot = vec![0u32; SIGNATURE * sets];
    for set in 0..sets {
        let mut sig = [u32::MAX; SIGNATURE];
        for &h in shingles.set(set) {
            let g = fold(h);
            for slot in 0..SIGNATURE {
                sig[slot] = sig[slot].min(slot_hash(g, SEEDS[slot]));
            }
        }
        for slot in 0..SIGNATURE {
            by_slot[slot * sets + set] = sig[slot];
        }
    }
    // Band hashes, one slot of all sets at a time.
    let bands = SIGNATURE / rows;
    let mut keys = vec![fnv::OFFSET; bands * sets];
    for band in 0..bands {
        let keys = &mut keys[band * sets..(band + 1) * sets];
        for slot in band * rows..(band + 1) * rows {
            let values = &by_slot[slot * sets..(slot + 1) * sets];
            for set in 0..sets {
                keys[set] = band_step(keys[set], u64::from(values[set]));
            }
        }
    }
    keys
}

/// One row's step of a band's hash (which starts at `fnv::OFFSET`).
#[inline(always)]
fn band_step(hash: u64, row: u64) -> u64 {
    mix(hash ^ row).wrapping_mul(fnv::PRIME)
}

/// A shingle's hash mixed and folded to the 32 bits the MinHash functions read.
#[inline(always)]
fn fold(h: u64) -> u32 {
    let m = mix(h);
    (m ^ (m >> 32)) as u32
}

/// MinHash function `seed` of a folded shingle hash: murmur3's 32-bit finaliser of the two
/// xored, a bijection per seed. 32-bit lanes, because vector units multiply those natively
/// (AVX2 has no 64-bit multiply): the signature costs a fraction of 64-bit splitmix per slot,
/// and 32-bit minima are as good for banding (a tie between different shingles is rare and
/// only adds a candidate, which is verified).
#[inline(always)]
fn slot_hash(g: u32, seed: u32) -> u32 {
    let mut x = g ^ seed;
    x ^= x >> 16;
    x = x.wrapping_mul(0x85eb_ca6b);
    x ^= x >> 13;
    x = x.wrapping_mul(0xc2b2_ae35);
    x ^ (x >> 16)
}

/// The splitmix64 finaliser: a fixed, well-mixing bijection on u64.
pub const fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// One seed per MinHash function, from a fixed splitmix64 sequence (its high 32 bits).
const SEEDS: [u32; SIGNATURE] = {
    let mut seeds = [0u32; SIGNATURE];
    let mut state: u64 = 0x5e16_0000_0000_0001;
    let mut i = 0;
    while i < SIGNATURE {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = (mix(state) >> 32) as u32;
        i += 1;
    }
    seeds
};

/// One band's buckets as chains: sets `previous[set]` to the set before `set` with the same
/// key. The keys are hashes, so their top bits index an open-addressing table (`table`,
/// reused across bands).
pub fn chain_buckets(keys: &[u64], table: &mut Vec<usize>, previous: &mut [Option<usize>]) {
    const EMPTY: usize = usize::MAX;
    let bits = (2 * keys.len()).next_power_of_two().trailing_zeros().max(1);
    table.clear();
    table.resize(1 << bits, EMPTY);
    let mask = table.len() - 1;
    for (set, &key) in keys.iter().enumerate() {
        let mut slot = (key >> (64 - bits)) as usize;
        previous[set] = loop {
            match table[slot] {
                EMPTY => break None,
                other if keys[other] == key => break Some(other),
                _ => slot = (slot + 1) & mask,
            }
        };
        table[slot] = set;
    }
}

/// Jaccard similarity |A∩B| / |A∪B| of two sorted, deduplicated hash sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = intersection(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        1.0
    } else {
        shared as f64 / union as f64
    }
}

/// |A∩B| of two sorted, deduplicated hash sets.
pub fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_catch_pairs_at_the_threshold() {
        assert_eq!(band_rows(0.8), 4);
        assert_eq!(band_rows(0.6), 2);
        assert_eq!(band_rows(1.0), SIGNATURE);
        for t in [0.5, 0.7, 0.8, 0.9, 0.95] {
            let rows = band_rows(t);
            let p = 1.0 - (1.0 - t.powi(rows as i32)).powi((SIGNATURE / rows) as i32);
            assert!(p >= 0.999, "{t}: {p}");
        }
    }

    #[test]
    fn seeds_are_a_fixed_sequence() {
        assert_eq!(
            SEEDS[0],
            (mix(0x5e16_0000_0000_0001u64.wrapping_add(0x9e37_79b9_7f4a_7c15)) >> 32) as u32
        );
    }

    /// Sets of pseudo-random hashes (xorshift), some sharing most of their members.
    fn sample_sets() -> Vec<Vec<u64>> {
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut sets: Vec<Vec<u64>> = (0..40)
            .map(|_| {
                let len = 1 + next() % 30;
                (0..len).map(|_| next() % 200).collect()
            })
            .collect();
        // A set with repeats, a copy, a near copy and the empty set.
        sets.push(vec![7, 7, 7, 7]);
        sets.push(sets[3].clone());
        let mut near = sets[5].clone();
        near.push(999);
        sets.push(near);
        sets.push(Vec::new());
        sets
    }

    fn shingles_of(sets: &[Vec<u64>]) -> Shingles {
        let mut shingles = Shingles::default();
        for set in sets {
            shingles.push(set.iter().copied());
        }
        shingles
    }

    /// The LSH keys computed the plain way: each set's whole MinHash signature, then each
    /// band's rows folded into its hash.
    fn plain_band_keys(shingles: &Shingles, rows: usize) -> Vec<u64> {
        let signatures: Vec<[u32; SIGNATURE]> = (0..shingles.len())
            .map(|set| {
                let mut sig = [u32::MAX; SIGNATURE];
                for &h in shingles.set(set) {
                    for (slot, seed) in sig.iter_mut().zip(&SEEDS) {
                        *slot = (*slot).min(slot_hash(fold(h), *seed));
                    }
                }
                sig
            })
            .collect();
        (0..SIGNATURE / rows)
            .flat_map(|band| {
                signatures.iter().map(move |sig| {
                    sig[band * rows..(band + 1) * rows]
                        .iter()
                        .fold(fnv::OFFSET, |h, &row| band_step(h, u64::from(row)))
                })
            })
            .collect()
    }

    #[test]
    fn band_keys_are_the_same_on_every_path() {
        let sets = sample_sets();
        let shingles = shingles_of(&sets);
        for rows in [1, 2, 4, 5, SIGNATURE] {
            let plain = plain_band_keys(&shingles, rows);
            assert_eq!(plain.len(), sets.len() * (SIGNATURE / rows));
            assert_eq!(band_keys(&shingles, rows), plain, "rows {rows}");
            assert_eq!(band_keys_portable(&shingles, rows), plain, "rows {rows}");
            #[cfg(target_arch = "x86_64")]
            {
                if std::arch::is_x86_feature_detected!("avx512f")
                    && std::arch::is_x86_feature_detected!("avx512dq")
                {
                    // SAFETY: the CPU has the features.
                    assert_eq!(unsafe { band_keys_avx512(&shingles, rows) }, plain);
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has the feature.
                    assert_eq!(unsafe { band_keys_avx2(&shingles, rows) }, plain);
                }
            }
        }
        // The copy agrees with its original in every band; repeats do not change a set.
        let keys = band_keys(&shingles, 4);
        let n = sets.len();
        for band in keys.chunks_exact(n) {
            assert_eq!(band[3], band[41]);
        }
        let mut once = Shingles::default();
        once.push([7]);
        assert_eq!(
            band_keys(&once, 4),
            band_keys(&shingles_of(&[vec![7; 4]]), 4)
        );
    }

    #[test]
    fn sorting_deduplicates_a_set_once() {
        let mut shingles = shingles_of(&[vec![3, 1, 3, 2, 1], vec![5, 4]]);
        assert_eq!(shingles.set(0).len(), 5);
        shingles.sort(0);
        shingles.sort(0);
        assert_eq!(shingles.set(0), &[1, 2, 3]);
        assert_eq!(shingles.set(1), &[5, 4]);
        assert_eq!(shingles.len(), 2);
    }

    #[test]
    fn bucket_chains_link_equal_keys_in_order() {
        // Few distinct keys, keys whose top bits collide (including at the table's end, so
        // probing wraps around), and unique keys.
        let mut keys: Vec<u64> = (0..30).map(|i| mix(i % 4)).collect();
        keys.extend((0..10).map(|i| u64::MAX - i % 3));
        keys.extend((0..10).map(|i| i % 5));
        keys.extend((100..110).map(mix));
        let mut table = Vec::new();
        let mut previous = vec![None; keys.len()];
        chain_buckets(&keys, &mut table, &mut previous);
        for (set, &key) in keys.iter().enumerate() {
            let expected = (0..set).rev().find(|&other| keys[other] == key);
            assert_eq!(previous[set], expected, "{set}");
        }
    }

    #[test]
    fn jaccard_of_sorted_sets() {
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
        assert_eq!(jaccard(&[1], &[1]), 1.0);
        assert_eq!(jaccard(&[], &[]), 1.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
    }
}
