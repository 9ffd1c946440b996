//! A word dictionary with readings, far larger than IPADIC's: about 198,000 words and compounds
//! (規制緩和, 人事異動, 返り咲き) from SudachiDict core (Apache-2.0, with UniDic's BSD notice), and
//! about 49,000 noun compounds Sudachi core lacks (書類送検, 首相官邸) from EDICT (the EDRDG
//! licence, CC BY-SA); see `data/lexicon/`. `build.rs` compiles both into tables embedded in
//! the binary.
//!
//! Misconversion detection asks two things of it: is this run of characters a word at all
//! (既製緩和 is not), and which words are read like it (キセイカンワ → 規制緩和). Both are binary
//! searches over the embedded tables, each narrowed first by a small index of every 32nd key
//! (built on first use); pages of the tables are only touched by the lookups that need them.
//!
//! Layout of `dictionary.bin` (little-endian): `u32` row count *n*; *n* records of 12 bytes
//! sorted by surface (`u32` surface offset, `u32` reading offset, `u8` surface length, `u8`
//! reading length, `u8` part-of-speech classes, `u8` cost class << 4 | units); *n* `u32` row
//! ids sorted by reading; *n* `u32` row ids sorted by surface read backwards (bytes); the
//! string pool. Readings are stored one byte per katakana
//! (code point − U+30A0), which keeps their order.

use std::cmp::Ordering;
use std::sync::LazyLock;

use crate::algo::fnv;

/// The lowest cost class of EDICT rows (`tools/lexicon/build_jmdict.py`).
const EDICT_COST: u8 = 6;

static BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/dictionary.bin"));

const RECORD: usize = 12;

/// `build.rs`'s filter of the readings of noun compounds (a one-hash Bloom filter).
static COMPOUND_READINGS: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/compound_readings.bloom"));

/// Whether some noun compound (2 or more units) may be read `key`: `false` is certain, `true`
/// is right about 94% of the time. One bit instead of a binary search, for callers that try
/// many readings.
pub fn may_be_compound_reading(key: &[u8]) -> bool {
    let hash = fnv::extend(fnv::OFFSET, key);
    let bit = (hash as usize) % (COMPOUND_READINGS.len() * 8);
    COMPOUND_READINGS[bit / 8] & (1 << (bit % 8)) != 0
}

/// Coarse part-of-speech classes of a lexicon word (several when one spelling is both).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WordClasses(u8);

impl WordClasses {
    const NOUN: u8 = 1;
    const SURU_NOUN: u8 = 1 << 1;
    const OTHER_NOUN: u8 = 1 << 2;
    const ADJECTIVAL_NOUN: u8 = 1 << 3;
    const VERB: u8 = 1 << 4;
    const ADJECTIVE: u8 = 1 << 5;
    const ADVERB: u8 = 1 << 6;
    const SUFFIX: u8 = 1 << 7;

    /// A noun of any sort (普通名詞, サ変名詞, 形状詞).
    pub fn is_noun(self) -> bool {
        self.0 & (Self::NOUN | Self::SURU_NOUN | Self::OTHER_NOUN | Self::ADJECTIVAL_NOUN) != 0
    }

    /// A サ変 noun (takes する: 採決する).
    pub fn is_suru_noun(self) -> bool {
        self.0 & Self::SURU_NOUN != 0
    }

    /// A 形状詞 or a noun Sudachi lists as usable like one (Nk: 形状詞可能 and other
    /// non-general nouns): may take な or に (高価な, 公正に).
    pub fn may_take_na(self) -> bool {
        self.0 & (Self::OTHER_NOUN | Self::ADJECTIVAL_NOUN) != 0
    }

    pub fn is_verb(self) -> bool {
        self.0 & Self::VERB != 0
    }

    pub fn is_adjective(self) -> bool {
        self.0 & Self::ADJECTIVE != 0
    }

    pub fn is_adverb(self) -> bool {
        self.0 & Self::ADVERB != 0
    }

    pub fn is_suffix(self) -> bool {
        self.0 & Self::SUFFIX != 0
    }
}

/// One row of the lexicon: a spelling with one of its readings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub surface: &'static str,
    reading: &'static [u8],
    pub classes: WordClasses,
    /// SudachiDict's word cost in six classes (0 commonest); a weak frequency signal. EDICT
    /// compounds have no frequency: 6 (a priority entry) or 7 ([`Word::from_edict`]).
    pub cost: u8,
    /// Short units the word splits into (1: one morpheme; 2 or more: a compound).
    pub units: u8,
}

impl Word {
    /// The reading in katakana.
    pub fn reading(&self) -> String {
        key_to_reading(self.reading)
    }

    /// A compound from EDICT, which SudachiDict core does not list (no frequency behind it).
    pub fn from_edict(&self) -> bool {
        self.cost >= EDICT_COST
    }

    /// An EDICT compound marked common (its priority tags: news1, ichi1, spec1, ...; cost
    /// class 6 in `jmdict_compounds.tsv`): 工作機械, not 協力態勢.
    pub fn is_common_edict(&self) -> bool {
        self.cost == EDICT_COST
    }

    pub fn is_compound(&self) -> bool {
        self.units >= 2
    }
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
}

fn rows() -> usize {
    u32_at(BIN, 0)
}

fn record(i: usize) -> Word {
    let at = 4 + i * RECORD;
    let strings = strings_at();
    let surface_at = strings + u32_at(BIN, at);
    let reading_at = strings + u32_at(BIN, at + 4);
    let (surface_len, reading_len) = (BIN[at + 8] as usize, BIN[at + 9] as usize);
    let surface = std::str::from_utf8(&BIN[surface_at..surface_at + surface_len])
        .expect("build.rs writes UTF-8 surfaces");
    Word {
        surface,
        reading: &BIN[reading_at..reading_at + reading_len],
        classes: WordClasses(BIN[at + 10]),
        cost: BIN[at + 11] >> 4,
        units: BIN[at + 11] & 0x0F,
    }
}

/// Row `i`'s surface bytes and reading key, without decoding the rest of the record: what
/// the binary searches compare, probe after probe.
fn surface_bytes(i: usize) -> &'static [u8] {
    let at = 4 + i * RECORD;
    let start = strings_at() + u32_at(BIN, at);
    &BIN[start..start + BIN[at + 8] as usize]
}

fn reading_bytes(i: usize) -> &'static [u8] {
    let at = 4 + i * RECORD;
    let start = strings_at() + u32_at(BIN, at + 4);
    &BIN[start..start + BIN[at + 9] as usize]
}

/// Where the string pool starts: after the records and the two indexes.
fn strings_at() -> usize {
    4 + rows() * (RECORD + 8)
}

/// The row id at position `k` of the reading-sorted index.
fn by_reading(k: usize) -> usize {
    u32_at(BIN, 4 + rows() * RECORD + 4 * k)
}

/// The row id at position `k` of the index by surface read backwards.
fn by_suffix(k: usize) -> usize {
    u32_at(BIN, 4 + rows() * (RECORD + 4) + 4 * k)
}

/// The range of positions `0..n` where `cmp(position)` is `Equal`, for an order `cmp` agrees
/// with.
fn equal_range(n: usize, cmp: impl Fn(usize) -> Ordering) -> std::ops::Range<usize> {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cmp(mid) == Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let start = lo;
    let mut hi = n;
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cmp(mid) == Ordering::Greater {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    start..lo
}

/// Every [`SAMPLE`]th key of a sorted table, as its first 8 bytes: a cache-resident index in
/// front of the binary searches. A probe of the full table costs several cache misses (the
/// row id, the record, the string); the samples narrow the search to about two blocks first.
/// Built on first use from a few thousand rows (well under a millisecond).
struct Samples {
    prefixes: Vec<u64>,
}

/// Rows per sample.
const SAMPLE: usize = 32;

impl Samples {
    fn new(n: usize, key: impl Fn(usize) -> &'static [u8]) -> Samples {
        Samples {
            prefixes: (0..n).step_by(SAMPLE).map(|k| prefix(key(k))).collect(),
        }
    }

    /// The positions (of `0..n`) where a key equal to `key` can be: after every sample whose
    /// prefix is below `key`'s, before every sample whose prefix is above it. A prefix keeps
    /// the order of the keys (bytes are never 0, so padding sorts first), so the bounds are
    /// exact for any key.
    fn window(&self, key: &[u8], n: usize) -> std::ops::Range<usize> {
        let p = prefix(key);
        let below = self.prefixes.partition_point(|&s| s < p);
        let not_above = self.prefixes.partition_point(|&s| s <= p);
        let start = below.saturating_sub(1) * SAMPLE;
        let end = (not_above * SAMPLE).min(n);
        start..end.max(start)
    }
}

/// A key's first 8 bytes, big-endian, zero-padded: ordered as the keys are, up to ties.
fn prefix(key: &[u8]) -> u64 {
    let mut bytes = [0u8; 8];
    let len = key.len().min(8);
    bytes[..len].copy_from_slice(&key[..len]);
    u64::from_be_bytes(bytes)
}

static SURFACE_SAMPLES: LazyLock<Samples> = LazyLock::new(|| Samples::new(rows(), surface_bytes));
static READING_SAMPLES: LazyLock<Samples> =
    LazyLock::new(|| Samples::new(rows(), |k| reading_bytes(by_reading(k))));

/// [`equal_range`] within `window`.
fn equal_range_in(
    window: std::ops::Range<usize>,
    cmp: impl Fn(usize) -> Ordering,
) -> std::ops::Range<usize> {
    let found = equal_range(window.len(), |k| cmp(window.start + k));
    window.start + found.start..window.start + found.end
}

/// Every row spelt `surface` (one per reading).
pub fn get(surface: &str) -> impl Iterator<Item = Word> {
    surface_range(surface.as_bytes()).map(record)
}

fn surface_range(key: &[u8]) -> std::ops::Range<usize> {
    let window = SURFACE_SAMPLES.window(key, rows());
    equal_range_in(window, |i| surface_bytes(i).cmp(key))
}

/// Whether `surface` is a word of the lexicon.
pub fn contains(surface: &str) -> bool {
    get(surface).next().is_some()
}

/// Where a word stands in the compounds [`compounds_with`] counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The compound starts with it (人事 of 人事異動).
    Start,
    /// The compound ends with it (異動 of 人事異動).
    End,
}

/// How many noun compounds of the lexicon (two or more units) have `part` at `place` and
/// something more, counting up to `cap`: how freely a word makes compounds on that side.
/// 制度 ends hundreds; 破談 ends none, so 経営破談 is no compound anyone writes.
pub fn compounds_with(part: &str, place: Place, cap: usize) -> usize {
    let key = part.as_bytes();
    let range = match place {
        Place::Start => equal_range(rows(), |i| {
            let s = surface_bytes(i);
            if s.starts_with(key) {
                Ordering::Equal
            } else {
                s.cmp(key)
            }
        }),
        Place::End => equal_range(rows(), |k| {
            let s = surface_bytes(by_suffix(k));
            if s.ends_with(key) {
                Ordering::Equal
            } else {
                s.iter().rev().cmp(key.iter().rev())
            }
        }),
    };
    range
        .map(|k| match place {
            Place::Start => k,
            Place::End => by_suffix(k),
        })
        .map(record)
        .filter(|w| w.surface.len() > key.len() && w.is_compound() && w.classes.is_noun())
        .take(cap)
        .count()
}

/// Every row read `reading` (katakana or hiragana); none for a reading with other characters.
pub fn with_reading(reading: &str) -> impl Iterator<Item = Word> {
    let range = match reading_key(reading) {
        Some(key) => reading_range(&key),
        None => 0..0,
    };
    range.map(|k| record(by_reading(k)))
}

/// Every row whose reading is `key` (see [`reading_key`]): for callers that build many
/// readings from parts and look each up.
pub fn with_reading_key(key: &[u8]) -> impl Iterator<Item = Word> {
    reading_range(key).map(|k| record(by_reading(k)))
}

fn reading_range(key: &[u8]) -> std::ops::Range<usize> {
    let window = READING_SAMPLES.window(key, rows());
    equal_range_in(window, |k| reading_bytes(by_reading(k)).cmp(key))
}

/// How many rows the lexicon has.
pub fn len() -> usize {
    rows()
}

/// A kana reading as the lexicon's search key (one byte per katakana; hiragana is read as
/// katakana); `None` if it has other characters.
pub fn reading_key(reading: &str) -> Option<Vec<u8>> {
    reading
        .chars()
        .map(|c| {
            let cp = u32::from(super::katakana(c));
            (0x30A0..=0x30FF).contains(&cp).then(|| (cp - 0x30A0) as u8)
        })
        .collect()
}

/// A search key back to katakana.
pub fn key_to_reading(key: &[u8]) -> String {
    key.iter()
        .filter_map(|&b| char::from_u32(0x30A0 + u32::from(b)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compounds_and_their_readings() {
        assert!(len() > 190_000);
        let w: Vec<Word> = get("規制緩和").collect();
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].reading(), "キセイカンワ");
        assert!(w[0].is_compound() && w[0].classes.is_noun());
        assert!(contains("人事異動"));
        assert!(!contains("既製緩和"));
        assert!(!contains("人事移動"));
    }

    #[test]
    fn compounds_with_a_part_at_either_end() {
        // 制度 ends hundreds of compounds (裁判制度 is not listed, 選挙制度 is).
        assert_eq!(compounds_with("制度", Place::End, 50), 50);
        assert!(compounds_with("人事", Place::Start, 10) >= 3);
        // 破談 and 休漁 end none; the word itself is not a compound with it.
        assert_eq!(compounds_with("破談", Place::End, 10), 0);
        assert_eq!(compounds_with("休漁", Place::End, 10), 0);
        assert_eq!(compounds_with("規制緩和", Place::Start, 10), 0);
        // The count stops at the cap.
        assert_eq!(compounds_with("制度", Place::End, 3), 3);
        // Only what ends with the part: 異動 is the end of 人事異動, 人事 is not.
        assert!(compounds_with("異動", Place::End, 10) >= 1);
        assert_eq!(compounds_with("人事異", Place::End, 10), 0);
    }

    #[test]
    fn words_by_reading() {
        let surfaces = |r: &str| with_reading(r).map(|w| w.surface).collect::<Vec<_>>();
        assert!(surfaces("キセイカンワ").contains(&"規制緩和"));
        assert!(surfaces("じんじいどう").contains(&"人事異動"));
        assert!(surfaces("カエリザキ").contains(&"返り咲き"));
        assert!(surfaces("ABC").is_empty());
    }

    #[test]
    fn every_noun_compound_passes_the_reading_filter() {
        let mut passed = 0;
        for i in 0..len() {
            let w = record(i);
            if w.is_compound() && w.classes.is_noun() {
                assert!(may_be_compound_reading(w.reading), "{w:?}");
            }
        }
        // The filter rejects most other readings (a tenth of its bits are set at most).
        for r in [
            "アイウエオカキ",
            "ケイエイハダン",
            "キセイカンワン",
            "ジンジイドウア",
        ] {
            passed += usize::from(may_be_compound_reading(&reading_key(r).unwrap()));
        }
        assert!(passed <= 2, "{passed}");
    }

    #[test]
    fn the_samples_narrow_to_the_full_search() {
        // Every row's key, and keys absent from the table: the windowed search finds what
        // the search of the whole table finds.
        let mut keys: Vec<Vec<u8>> = (0..len())
            .step_by(101)
            .map(|i| surface_bytes(i).to_vec())
            .collect();
        keys.extend(["", "a", "既製緩和", "人事", "人事異動の"].map(|k| k.as_bytes().to_vec()));
        keys.push(vec![0xFF; 12]);
        for key in &keys {
            let full = equal_range(rows(), |i| surface_bytes(i).cmp(key));
            assert_eq!(surface_range(key), full, "{key:?}");
        }
        let mut readings: Vec<Vec<u8>> = (0..len())
            .step_by(89)
            .map(|k| reading_bytes(by_reading(k)).to_vec())
            .collect();
        readings.extend(["キ", "キセイ", "キセイカンワン", "ア"].map(|r| reading_key(r).unwrap()));
        readings.push(Vec::new());
        for key in &readings {
            let full = equal_range(rows(), |k| reading_bytes(by_reading(k)).cmp(key));
            assert_eq!(reading_range(key), full, "{key:?}");
        }
    }

    #[test]
    fn every_row_is_found_by_its_surface_and_its_reading() {
        for i in (0..len()).step_by(997) {
            let w = record(i);
            assert!(get(w.surface).any(|x| x == w), "{w:?}");
            assert!(with_reading(&w.reading()).any(|x| x == w), "{w:?}");
        }
    }
}
