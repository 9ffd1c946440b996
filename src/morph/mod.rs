//! Japanese morphology: the only module that knows about lindera.
//!
//! Tokenizing is cheap; reading a token's features (POS, base form, reading) through lindera's
//! `get_details()` allocates a `Vec<String>` per token and made analysis 4x slower. Here a token
//! is a span and a word id, and features are decoded once per distinct word id into a shared
//! cache the first time any rule asks for them.

use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use lindera_core::mode::Mode;
use lindera_dictionary::{DictionaryConfig, DictionaryKind};
use lindera_tokenizer::tokenizer::Tokenizer;

use crate::span::Span;

pub mod user_dict;
mod viterbi;

#[derive(Debug, thiserror::Error)]
pub enum MorphError {
    #[error("cannot load the IPADIC dictionary: {0}")]
    Dictionary(String),
    #[error(transparent)]
    UserDictionary(#[from] user_dict::UserDictError),
    #[error("the tokenizer was already initialised without this user dictionary")]
    AlreadyInitialised,
}

/// A token: where it is, and which dictionary word it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    word: Word,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    System(u32),
    User(u32),
    Unknown(CharClass),
}

/// Character class of an unknown word, standing in for IPADIC's unk.def category, whose
/// details lindera 0.28 does not expose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Numeric,
    Alpha,
    Katakana,
    Kanji,
    Symbol,
    Other,
}

/// A dictionary word's features, decoded once per word id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Features {
    /// The four IPADIC POS levels joined by commas, e.g. `名詞,サ変接続,*,*`.
    pub pos: Box<str>,
    /// Conjugation form (活用形), e.g. `未然形`, or `*`.
    pub conjugation: Box<str>,
    /// Base (dictionary) form; `None` means the same as the surface.
    pub base: Option<Box<str>>,
    /// Katakana reading; `None` means unknown (or the surface, for katakana words).
    pub reading: Option<Box<str>>,
}

/// A word's feature strings, borrowed from the dictionary: what lindera's `word_details`
/// returns, without a `String` per field. lindera stores them with bincode 1's default
/// encoding: a `Vec<String>` as a `u64` count, then each string as a `u64` length and its
/// bytes, all little-endian; `index` holds a `u32` offset per word id.
fn word_details<'d>(index: &[u8], words: &'d [u8], id: usize) -> Option<Vec<&'d str>> {
    let at = index.get(id * 4..id * 4 + 4)?;
    let mut data = words.get(u32::from_le_bytes(at.try_into().ok()?) as usize..)?;
    let next_u64 = |data: &mut &'d [u8]| -> Option<usize> {
        let (n, rest) = data.split_at_checked(8)?;
        *data = rest;
        usize::try_from(u64::from_le_bytes(n.try_into().ok()?)).ok()
    };
    let count = next_u64(&mut data)?;
    let mut out = Vec::with_capacity(count.min(16));
    for _ in 0..count {
        let len = next_u64(&mut data)?;
        let (field, rest) = data.split_at_checked(len)?;
        out.push(std::str::from_utf8(field).ok()?);
        data = rest;
    }
    Some(out)
}

impl Features {
    fn from_details(details: &[&str]) -> Self {
        let get = |i: usize| details.get(i).copied().unwrap_or("*");
        let pos = format!("{},{},{},{}", get(0), get(1), get(2), get(3));
        let known = |s: &str| (s != "*" && !s.is_empty()).then(|| s.into());
        Features {
            pos: pos.into(),
            conjugation: get(5).into(),
            base: known(get(6)),
            reading: known(get(7)),
        }
    }

    /// The features of unknown words, one per [`CharClass`] in declaration order.
    fn unknown_classes() -> [Features; 6] {
        let f = |pos: &str| Features {
            pos: pos.into(),
            conjugation: "*".into(),
            base: None,
            reading: None,
        };
        [
            f("名詞,数,*,*"),
            f("名詞,固有名詞,組織,*"),
            f("名詞,固有名詞,一般,*"),
            f("名詞,一般,*,*"),
            f("記号,一般,*,*"),
            f("名詞,一般,*,*"),
        ]
    }

    /// The POS level `i` (0-based), or `*`.
    pub fn pos_level(&self, i: usize) -> &str {
        self.pos.split(',').nth(i).unwrap_or("*")
    }

    pub fn is_noun(&self) -> bool {
        self.pos.starts_with("名詞,")
    }
}

/// A dictionary word's features and the hashes the per-document indexes key it by, cached
/// per word id so that building an index does not hash every token's text again.
#[derive(Debug)]
struct Entry {
    features: Features,
    /// `word_hash` of the base form (when `features.base` is set).
    base_hash: u64,
    /// `word_hash` of the surface, or 0 until the first token of the word is indexed. A word
    /// id has one surface (the dictionary key the segmenter matched), so the first token's
    /// text gives every token's hash.
    surface_hash: AtomicU64,
    /// False for the shared entries of unknown words, whose surfaces differ per token.
    per_word: bool,
}

impl Entry {
    fn new(features: Features, per_word: bool) -> Self {
        Entry {
            base_hash: features.base.as_deref().map_or(0, word_hash),
            features,
            surface_hash: AtomicU64::new(0),
            per_word,
        }
    }

    fn unknown(class: CharClass) -> &'static Entry {
        static CLASSES: OnceLock<Box<[Entry]>> = OnceLock::new();
        let all = CLASSES.get_or_init(|| {
            Features::unknown_classes()
                .into_iter()
                .map(|f| Entry::new(f, false))
                .collect()
        });
        &all[class as usize]
    }
}

/// One slot per word id of a chunk, filled on first request.
type Chunk = Box<[OnceLock<Box<Entry>>]>;

/// Words per lazily allocated chunk of the feature cache.
const CHUNK: usize = 1024;

/// Features decoded on demand, per word id. Chunks are allocated on first use, so starting a
/// process does not touch a slot for each of IPADIC's 390,000 words (measured: 6 MB of page
/// faults, a visible part of one-file latency).
struct FeatureCache {
    chunks: Vec<OnceLock<Chunk>>,
    words: usize,
}

impl FeatureCache {
    fn new(words: usize) -> Self {
        FeatureCache {
            chunks: (0..words.div_ceil(CHUNK))
                .map(|_| OnceLock::new())
                .collect(),
            words,
        }
    }

    fn slot(&self, id: usize) -> Option<&OnceLock<Box<Entry>>> {
        if id >= self.words {
            return None;
        }
        let chunk =
            self.chunks[id / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        Some(&chunk[id % CHUNK])
    }
}

/// The process-wide analyser: the dictionary, built once, and the feature cache.
pub struct Morph {
    tokenizer: Tokenizer,
    categories: viterbi::CategoryCache,
    system: FeatureCache,
    user: FeatureCache,
}

static MORPH: OnceLock<Morph> = OnceLock::new();

impl Morph {
    /// The shared analyser, built with the embedded IPADIC on first use.
    pub fn global() -> Result<&'static Morph, MorphError> {
        if let Some(m) = MORPH.get() {
            return Ok(m);
        }
        let m = Morph::new(None)?;
        Ok(MORPH.get_or_init(|| m))
    }

    /// Builds the shared analyser with a user dictionary (lindera's CSV format:
    /// `surface,POS,reading` or the 13-column IPADIC form). Must be called before `global`.
    pub fn init_with_user_dict(path: &Path) -> Result<&'static Morph, MorphError> {
        if MORPH.get().is_some() {
            return Err(MorphError::AlreadyInitialised);
        }
        let m = Morph::new(Some(path))?;
        Ok(MORPH.get_or_init(|| m))
    }

    /// An analyser of its own (not the shared one) with a user dictionary: for tools that
    /// need several, such as the user-dictionary fuzz target.
    pub fn with_user_dictionary(path: &Path) -> Result<Morph, MorphError> {
        Morph::new(Some(path))
    }

    fn new(user_dict: Option<&Path>) -> Result<Morph, MorphError> {
        let dictionary = lindera_dictionary::load_dictionary_from_config(DictionaryConfig {
            kind: Some(DictionaryKind::IPADIC),
            path: None,
        })
        .map_err(|e| MorphError::Dictionary(e.to_string()))?;
        let user_dictionary = match user_dict {
            Some(path) => {
                // cost(previous right id, next left id) indexes `left + right * backward_size`:
                // left ids are below `backward_size`, right ids below the forward size.
                let costs = &dictionary.cost_matrix;
                let backward = costs.backward_size.max(1);
                let matrix = user_dict::Matrix {
                    left_ids: backward,
                    right_ids: (costs.costs_data.len() / 2) as u32 / backward,
                };
                Some(user_dict::load(path, matrix)?)
            }
            None => None,
        };
        let tokenizer = Tokenizer::new(dictionary, user_dictionary, Mode::Normal);
        let system = FeatureCache::new(tokenizer.dictionary.words_idx_data.len() / 4);
        let user = FeatureCache::new(
            tokenizer
                .user_dictionary
                .as_ref()
                .map_or(0, |u| u.words_idx_data.len() / 4),
        );
        Ok(Morph {
            tokenizer,
            categories: viterbi::CategoryCache::default(),
            system,
            user,
        })
    }

    /// Splits `text` into tokens, skipping whitespace. Spans are byte ranges into `text`.
    ///
    /// Uses seigo's own Viterbi pass over the dictionary (`morph/viterbi.rs`), which finds the
    /// same segmentation as lindera's tokenizer ([`Morph::tokenize_lindera`]) in about two
    /// thirds of the time.
    pub fn tokenize(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5);
        let dicts = self.dictionaries();
        let mut lattice = viterbi::Lattice::default();
        // The segmenter cuts long runs itself (as `pieces` does), without a pass to find them.
        lattice.segment(&dicts, text, |start, end, segment| {
            let surface = &text[start..end];
            if is_blank(surface) {
                return;
            }
            let word = match segment {
                viterbi::Segment::System(id) => Word::System(id),
                viterbi::Segment::User(id) => Word::User(id),
                viterbi::Segment::Unknown => Word::Unknown(classify(surface)),
            };
            out.push(Token {
                span: Span::new(start, end),
                word,
            });
        });
        out
    }

    /// The same as [`Morph::tokenize`], computed by lindera's own tokenizer: the reference the
    /// segmenter is tested against, and the "segmentation floor" of the benchmark.
    pub fn tokenize_lindera(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::with_capacity(text.len() / 5);
        for piece in pieces(text) {
            // lindera only fails on an internal error; an unanalysable text then has no
            // tokens, which makes token-based rules silent rather than crashing the run.
            let Ok(tokens) = self.tokenizer.tokenize(&text[piece.range()]) else {
                continue;
            };
            for t in tokens {
                let surface = t.text;
                if is_blank(surface) {
                    continue;
                }
                let word = if t.word_id.is_unknown() {
                    Word::Unknown(classify(surface))
                } else if t.word_id.is_system() {
                    Word::System(t.word_id.0)
                } else {
                    Word::User(t.word_id.0)
                };
                out.push(Token {
                    span: Span::new(piece.start + t.byte_start, piece.start + t.byte_end),
                    word,
                });
            }
        }
        out
    }

    fn dictionaries(&self) -> viterbi::Dictionaries<'_> {
        let dictionary = &self.tokenizer.dictionary;
        viterbi::Dictionaries {
            system: &dictionary.dict,
            user: self.tokenizer.user_dictionary.as_ref().map(|u| &u.dict),
            costs: &dictionary.cost_matrix,
            chars: &dictionary.char_definitions,
            categories: &self.categories,
            unknown: &dictionary.unknown_dictionary,
        }
    }

    /// The features of a token, decoded on first request and cached per word id.
    pub fn features(&self, token: &Token) -> &Features {
        &self.entry(token).features
    }

    fn entry(&self, token: &Token) -> &Entry {
        match token.word {
            Word::Unknown(class) => Entry::unknown(class),
            Word::System(id) => self.cached(&self.system, id, true),
            Word::User(id) => self.cached(&self.user, id, false),
        }
    }

    fn cached<'a>(&'a self, cache: &'a FeatureCache, id: u32, system: bool) -> &'a Entry {
        let Some(slot) = cache.slot(id as usize) else {
            return Entry::unknown(CharClass::Other);
        };
        slot.get_or_init(|| {
            let (index, words): (&[u8], &[u8]) = if system {
                let d = &self.tokenizer.dictionary;
                (&d.words_idx_data, &d.words_data)
            } else {
                match &self.tokenizer.user_dictionary {
                    Some(u) => (&u.words_idx_data, &u.words_data),
                    None => (&[], &[]),
                }
            };
            let details = word_details(index, words, id as usize).unwrap_or_default();
            Box::new(Entry::new(Features::from_details(&details), true))
        })
    }

    /// True when the token is not in the dictionary.
    pub fn is_unknown(token: &Token) -> bool {
        matches!(token.word, Word::Unknown(_))
    }

    /// A stable number for the word (for caching per distinct word); unknown words have none.
    pub fn word_key(token: &Token) -> Option<(bool, u32)> {
        match token.word {
            Word::System(id) => Some((true, id)),
            Word::User(id) => Some((false, id)),
            Word::Unknown(_) => None,
        }
    }
}

impl std::fmt::Debug for Morph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morph")
            .field("system_words", &self.system.words)
            .field("user_words", &self.user.words)
            .finish()
    }
}

/// The longest run of text lindera analyses in one lattice.
///
/// lindera restarts its Viterbi lattice at each 。、 newline or tab and sums path costs in an
/// `i32` over the run between them. A run of a few hundred thousand characters without one (a
/// 10 MB single-line file) overflowed that sum (a panic in debug builds, a garbage path in
/// release) and took gigabytes of lattice. Longer runs are cut into pieces of about this many
/// bytes, after a space or punctuation when there is one; a forced cut may split a word, which
/// only happens in text no article has. Worst case per piece: 4096 chars x 65534 (two `i16`
/// costs per step) < `i32::MAX`.
const MAX_RUN_BYTES: usize = 4096;

/// Byte ranges of `text` to tokenize separately: the whole text unless a run between
/// lindera's own sentence breaks exceeds [`MAX_RUN_BYTES`].
fn pieces(text: &str) -> Vec<Span> {
    if !has_long_run(text.as_bytes()) {
        return vec![Span::new(0, text.len())];
    }
    let mut out = Vec::new();
    let (mut piece_start, mut run_start) = (0, 0);
    // The last offset in the current run just after a space or punctuation: a soft cut.
    let mut soft: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        if end - run_start > MAX_RUN_BYTES {
            let cut = soft.filter(|&s| s > run_start).unwrap_or(i);
            out.push(Span::new(piece_start, cut));
            (piece_start, run_start, soft) = (cut, cut, None);
        }
        if matches!(c, '。' | '、' | '\n' | '\t') {
            (run_start, soft) = (end, None);
        } else if c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '！' | '？' | '」' | '』' | '）' | '・')
        {
            soft = Some(end);
        }
    }
    if piece_start < text.len() || out.is_empty() {
        out.push(Span::new(piece_start, text.len()));
    }
    out
}

/// True for a whitespace-only segment (lindera makes tokens of spaces; seigo drops them).
fn is_blank(surface: &str) -> bool {
    surface.chars().all(char::is_whitespace)
}

/// Whether some run between lindera's breaks (。、 newline, tab) is longer than
/// [`MAX_RUN_BYTES`]: a byte scan, as nearly every text has none and `pieces` then has
/// nothing to cut. 。 is E3 80 82 and 、 is E3 80 81 in UTF-8.
fn has_long_run(bytes: &[u8]) -> bool {
    let mut run_start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        // Counted with the break that ends it, as `pieces` counts a run: true exactly when
        // `pieces` cuts, so a run is cut or not whatever the rest of the text holds.
        if i + 1 - run_start > MAX_RUN_BYTES {
            return true;
        }
        let is_break = b == b'\n'
            || b == b'\t'
            || ((b == 0x81 || b == 0x82) && i >= 2 && bytes[i - 2] == 0xE3 && bytes[i - 1] == 0x80);
        if is_break {
            run_start = i + 1;
        }
    }
    false
}

fn classify(surface: &str) -> CharClass {
    let Some(c) = surface.chars().next() else {
        return CharClass::Other;
    };
    match c {
        '0'..='9' => CharClass::Numeric,
        'a'..='z' | 'A'..='Z' => CharClass::Alpha,
        'ァ'..='ヺ' | 'ー' => CharClass::Katakana,
        '\u{4E00}'..='\u{9FFF}' | '々' => CharClass::Kanji,
        c if c.is_ascii_punctuation() => CharClass::Symbol,
        _ => CharClass::Other,
    }
}

/// Token positions by a hash of a word, built on first use and shared by every rule of a
/// check. The (hash, token) pairs are placed in about one bucket per token by the hash's top
/// bits (a counting sort: linear, where sorting all pairs showed in profiles, as did a hash
/// map of vectors before it), then each bucket is sorted, so a lookup is a slice. Keyed by
/// hash (not `&str`) so `Analysis` stays covariant in its text lifetime; a collision only adds
/// a candidate that the pattern matcher then rejects.
#[derive(Debug, Default)]
struct WordIndex {
    /// Pairs (hash, token index), grouped by bucket, sorted within a bucket.
    hashes: Vec<u64>,
    tokens: Vec<u32>,
    /// `starts[b]..starts[b + 1]` is bucket `b`.
    starts: Vec<u32>,
    shift: u32,
}

impl WordIndex {
    fn new(hashes: Vec<u64>) -> Self {
        let bits = hashes.len().max(2).next_power_of_two().trailing_zeros();
        let shift = 64 - bits;
        let bucket = |h: u64| (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> shift) as usize;
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
        let (hashes, tokens) = pairs.into_iter().unzip();
        WordIndex {
            hashes,
            tokens,
            starts,
            shift,
        }
    }

    /// Token indices (ascending) whose word has `hash`.
    fn get(&self, hash: u64) -> &[u32] {
        let b = (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize;
        let Some(range) = self.starts.get(b..b + 2) else {
            return &[];
        };
        let (from, to) = (range[0] as usize, range[1] as usize);
        let in_bucket = &self.hashes[from..to];
        let start = in_bucket.partition_point(|&h| h < hash);
        let end = start + in_bucket[start..].partition_point(|&h| h == hash);
        &self.tokens[from + start..from + end]
    }
}

/// FNV-1a: tiny, fixed, and fast on short words.
fn word_hash(word: &str) -> u64 {
    extend_hash(FNV_OFFSET, word.as_bytes())
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a of `prefix + bytes`, given the hash of `prefix`.
fn extend_hash(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The per-document tables an [`Analysis`] builds on first use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Table {
    /// Every token's features.
    Features,
    /// Tokens by surface.
    Surfaces,
    /// Tokens by base form.
    Bases,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::Features, Table::Surfaces, Table::Bases];

    /// The row name in `--timings`.
    pub fn label(self) -> &'static str {
        match self {
            Table::Features => "(table: features)",
            Table::Surfaces => "(table: surface index)",
            Table::Bases => "(table: base index)",
        }
    }
}

/// The analysis of one text: its tokens plus feature access.
#[derive(Debug)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    pub morph: &'static Morph,
    by_surface: OnceLock<WordIndex>,
    by_base: OnceLock<WordIndex>,
    /// Every token's features, looked up in the shared cache once per token on first use:
    /// rules ask for a token's features many times, and each cache lookup is two atomic loads.
    entries: OnceLock<Box<[&'static Entry]>>,
    /// Time spent building each of the lazy tables above ([`Table`]), in nanoseconds, for
    /// `--timings`: the first rule to need a table should not be charged for a cost every
    /// rule shares.
    build_nanos: [AtomicU64; 3],
}

impl<'t> Analysis<'t> {
    pub fn new(morph: &'static Morph, text: &'t str) -> Self {
        Analysis {
            text,
            tokens: morph.tokenize(text),
            morph,
            by_surface: OnceLock::new(),
            by_base: OnceLock::new(),
            entries: OnceLock::new(),
            build_nanos: Default::default(),
        }
    }

    /// Time spent so far building each lazy per-document table, which the first rule to use
    /// it pays for.
    pub fn build_times(&self) -> [(Table, Duration); 3] {
        Table::ALL.map(|table| {
            let nanos = self.build_nanos[table as usize].load(Ordering::Relaxed);
            (table, Duration::from_nanos(nanos))
        })
    }

    /// Runs `build` and adds its time to `table`'s.
    fn timed<T>(&self, table: Table, build: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let built = build();
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.build_nanos[table as usize].fetch_add(nanos, Ordering::Relaxed);
        built
    }

    fn index(&self, table: Table, hash: impl Fn(usize, &Entry) -> u64) -> WordIndex {
        // The entries are built first and timed on their own, not as part of the index.
        let entries = self.entries();
        self.timed(table, || {
            WordIndex::new(
                entries
                    .iter()
                    .enumerate()
                    .map(|(i, e)| hash(i, e))
                    .collect(),
            )
        })
    }

    /// `word_hash` of token `i`'s surface, computed once per dictionary word.
    fn surface_hash(&self, i: usize, entry: &Entry) -> u64 {
        if !entry.per_word {
            return word_hash(self.surface(i));
        }
        match entry.surface_hash.load(Ordering::Relaxed) {
            0 => {
                let hash = word_hash(self.surface(i));
                entry.surface_hash.store(hash, Ordering::Relaxed);
                hash
            }
            hash => hash,
        }
    }

    /// `word_hash` of [`Analysis::base`].
    fn base_hash(&self, i: usize, entry: &Entry) -> u64 {
        match entry.features.base {
            Some(_) => entry.base_hash,
            None => self.surface_hash(i, entry),
        }
    }

    fn surfaces(&self) -> &WordIndex {
        self.by_surface
            .get_or_init(|| self.index(Table::Surfaces, |i, e| self.surface_hash(i, e)))
    }

    /// Indices of the tokens whose surface may be `word` (a superset: check each), ascending.
    pub fn tokens_with_surface(&self, word: &str) -> &[u32] {
        self.surfaces().get(word_hash(word))
    }

    /// For each prefix of `word` (one per char, shortest first), the indices of the tokens
    /// whose surface may be that prefix: where a run of tokens spelling `word` can start.
    /// Hashes the word once, not once per prefix.
    pub fn tokens_with_surface_prefixes<'a>(
        &'a self,
        word: &'a str,
    ) -> impl Iterator<Item = &'a [u32]> + 'a {
        let index = self.surfaces();
        let mut hash = FNV_OFFSET;
        word.chars().map(move |c| {
            let mut buf = [0; 4];
            hash = extend_hash(hash, c.encode_utf8(&mut buf).as_bytes());
            index.get(hash)
        })
    }

    /// Indices of the tokens whose base form may be `word` (a superset: check each).
    pub fn tokens_with_base(&self, word: &str) -> &[u32] {
        self.by_base
            .get_or_init(|| self.index(Table::Bases, |i, e| self.base_hash(i, e)))
            .get(word_hash(word))
    }

    pub fn surface(&self, i: usize) -> &'t str {
        &self.text[self.tokens[i].span.range()]
    }

    pub fn features(&self, i: usize) -> &'static Features {
        &self.entries()[i].features
    }

    /// Every token's cache entry, looked up on first use.
    fn entries(&self) -> &[&'static Entry] {
        self.entries.get_or_init(|| {
            self.timed(Table::Features, || {
                self.tokens.iter().map(|t| self.morph.entry(t)).collect()
            })
        })
    }

    /// The base form, falling back to the surface for unknown words.
    pub fn base(&self, i: usize) -> &'t str {
        match &self.features(i).base {
            Some(b) => b,
            None => self.surface(i),
        }
    }

    /// The reading, falling back to the surface for unknown words.
    pub fn reading(&self, i: usize) -> &'t str {
        match &self.features(i).reading {
            Some(r) => r,
            None => self.surface(i),
        }
    }

    /// Index of the first token starting at or after `offset`.
    pub fn first_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    /// Tokens fully inside `span`, as an index range.
    pub fn within(&self, span: Span) -> std::ops::Range<usize> {
        let start = self.first_at(span.start);
        let end = self.tokens.partition_point(|t| t.span.end <= span.end);
        start..end.max(start)
    }

    /// True when `offset` is a token boundary (or outside any token).
    pub fn is_boundary(&self, offset: usize) -> bool {
        let i = self.tokens.partition_point(|t| t.span.end <= offset);
        match self.tokens.get(i) {
            Some(t) => t.span.start >= offset,
            None => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyse(text: &str) -> Analysis<'_> {
        Analysis::new(Morph::global().expect("dictionary"), text)
    }

    #[test]
    fn tokens_carry_pos_base_and_reading() {
        let a = analyse("二国間協力を重視しない。");
        let surfaces: Vec<_> = (0..a.tokens.len()).map(|i| a.surface(i)).collect();
        assert_eq!(
            surfaces,
            vec!["二", "国", "間", "協力", "を", "重視", "し", "ない", "。"]
        );
        let shi = surfaces.iter().position(|s| *s == "し").unwrap();
        assert_eq!(a.base(shi), "する");
        assert_eq!(a.features(shi).pos_level(0), "動詞");
        assert_eq!(a.reading(3), "キョウリョク");
    }

    #[test]
    fn unknown_words_get_a_class_pos() {
        let a = analyse("NATOの2027年");
        let nato = a.features(0);
        assert!(nato.pos.starts_with("名詞,固有名詞"));
        assert_eq!(a.base(0), "NATO");
        let digits = (0..a.tokens.len())
            .find(|&i| a.surface(i).starts_with('2'))
            .unwrap();
        assert_eq!(a.features(digits).pos_level(1), "数");
    }

    #[test]
    fn whitespace_is_not_a_token_and_spans_are_exact() {
        let text = "  石破 茂\n首相";
        let a = analyse(text);
        for t in &a.tokens {
            assert!(!text[t.span.range()].trim().is_empty());
        }
        assert!(a.is_boundary(0));
        let shu = text.find("首相").unwrap();
        assert!(a.is_boundary(shu));
    }

    #[test]
    fn long_runs_without_breaks_are_cut_into_pieces() {
        let text = "あ".repeat(10_000);
        let p = pieces(&text);
        assert!(p.len() > 1);
        assert!(p.iter().all(|s| s.len() <= MAX_RUN_BYTES + 4));
        assert_eq!((p[0].start, p.last().unwrap().end), (0, text.len()));
        assert!(p.windows(2).all(|w| w[0].end == w[1].start));
        // Ordinary text, and long text with sentence breaks, is one piece.
        assert_eq!(pieces("本文です。次。").len(), 1);
        assert!(!has_long_run("本文です。".repeat(10_000).as_bytes()));
        assert!(!has_long_run(
            format!("{}、{}", "あ".repeat(1300), "い".repeat(1300)).as_bytes()
        ));
        assert!(has_long_run("あ".repeat(1400).as_bytes()));
        assert!(!has_long_run("あ".repeat(1365).as_bytes()));
        // A run is measured with the break that ends it, as `pieces` measures it: 4,092 +
        // 3 bytes is not cut, 4,095 + 3 is, whatever else the text holds.
        for (n, long) in [(1364, false), (1365, true)] {
            let run = format!("{}。", "あ".repeat(n));
            assert_eq!(has_long_run(run.as_bytes()), long, "{n}");
            assert_eq!(pieces(&run).len() > 1, long, "{n}");
            let mixed = format!("{run}{}", "い".repeat(2000));
            assert_eq!(
                pieces(&mixed).iter().any(|p| p.end == run.len() - 3),
                long,
                "{n}"
            );
        }
        assert_eq!(pieces(&"本文です。".repeat(10_000)).len(), 1);
        // A cut prefers a space.
        let spaced = format!("{} {}", "い".repeat(1200), "う".repeat(1200));
        assert_eq!(pieces(&spaced)[0].end, "い".len() * 1200 + 1);
        // 120 KB of `1a` used to overflow lindera's i32 path cost (a panic with overflow
        // checks, as in tests; a garbage path in release).
        let text = "1a".repeat(60_000);
        let a = analyse(&text);
        assert_eq!(a.tokens.last().unwrap().span.end, text.len());
    }

    #[test]
    fn word_index_finds_every_token_of_a_word_in_order() {
        // Few distinct words, many repeats: crowded buckets.
        let words = ["の", "支援", "は", "停止", "の", "支援", "。"];
        let text: String = (0..300)
            .map(|i| words[(i * 7 + i / 3) % words.len()])
            .collect();
        let a = analyse(&text);
        for word in ["の", "支援", "は", "停止", "。", "無い"] {
            let expected: Vec<u32> = (0..a.tokens.len() as u32)
                .filter(|&i| a.surface(i as usize) == word)
                .collect();
            assert_eq!(a.tokens_with_surface(word), expected.as_slice(), "{word}");
        }
        assert!(!a.tokens_with_surface("の").is_empty());
        // Empty and one-token texts.
        assert_eq!(analyse("").tokens_with_surface("の"), &[] as &[u32]);
        assert_eq!(analyse("の").tokens_with_surface("の"), &[0]);
    }

    #[test]
    fn cached_word_hashes_index_like_the_text() {
        // Dictionary words (hashes cached per word id, reused by the second analysis) and
        // unknown words (hashed per token: 「ゼレンスキー」「NATO」「2027」 share entries
        // per character class), with base forms that differ from the surface (した → する).
        let texts = [
            "ゼレンスキー氏はNATOとの協議を2027年まで続けた。協議はしなかった。",
            "NATOは協議した。ゼレンスキー氏も協議し、2028年にも協議する。",
        ];
        for text in texts {
            let a = analyse(text);
            for i in 0..a.tokens.len() {
                let (surface, base) = (a.surface(i), a.base(i));
                let with_surface: Vec<u32> = (0..a.tokens.len() as u32)
                    .filter(|&j| a.surface(j as usize) == surface)
                    .collect();
                let with_base: Vec<u32> = (0..a.tokens.len() as u32)
                    .filter(|&j| a.base(j as usize) == base)
                    .collect();
                assert_eq!(a.tokens_with_surface(surface), with_surface, "{surface}");
                assert_eq!(a.tokens_with_base(base), with_base, "{base}");
            }
            assert!(!a.tokens_with_base("する").is_empty(), "{text}");
        }
    }

    #[test]
    fn table_build_times_are_recorded_per_table() {
        let a = analyse("協議を続けた。");
        assert!(a.build_times().iter().all(|(_, t)| t.is_zero()));
        a.tokens_with_base("続ける");
        let built: Vec<Table> = a
            .build_times()
            .iter()
            .filter(|(_, t)| !t.is_zero())
            .map(|(table, _)| *table)
            .collect();
        assert_eq!(built, [Table::Features, Table::Bases]);
    }

    #[test]
    fn prefix_lookups_equal_one_lookup_per_prefix() {
        let a = analyse("支援兵士の支援と支援停止。支");
        let word = "支援停止";
        let by_prefix: Vec<&[u32]> = a.tokens_with_surface_prefixes(word).collect();
        let one_by_one: Vec<&[u32]> = word
            .char_indices()
            .map(|(i, c)| a.tokens_with_surface(&word[..i + c.len_utf8()]))
            .collect();
        assert_eq!(by_prefix, one_by_one);
        assert_eq!(by_prefix.len(), 4);
        assert!(by_prefix.iter().any(|l| !l.is_empty()));
    }

    #[test]
    fn word_details_decode_as_lindera_decodes_them() {
        let morph = Morph::global().expect("dictionary");
        let d = &morph.tokenizer.dictionary;
        let words = d.words_idx_data.len() / 4;
        assert!(words > 300_000);
        for id in (0..words).step_by(97).chain([0, 1, words - 1]) {
            let ours = word_details(&d.words_idx_data, &d.words_data, id).expect("decodes");
            let theirs = d.word_details(id).expect("lindera decodes");
            assert_eq!(ours, theirs, "word id {id}");
        }
        assert_eq!(word_details(&d.words_idx_data, &d.words_data, words), None);
        assert_eq!(word_details(&[0, 0, 0, 0], &[1, 0], 0), None);
    }

    #[test]
    fn features_are_shared_per_word_id() {
        let a = analyse("協力と協力");
        let first = a.features(0) as *const Features;
        let second = a.features(2) as *const Features;
        assert_eq!(first, second);
    }

    /// Every fixture and rule example, and the hard cases for unknown-word grouping, segment
    /// exactly as lindera segments them (the property test in tests/it covers random text).
    #[test]
    fn segmenter_matches_lindera_on_fixtures_and_examples() {
        let morph = Morph::global().expect("dictionary");
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = [
            "",
            "　",
            "ＮＡＴＯとG7、EUの2027年度予算は１２３億円。",
            "ｶﾞｲﾄﾞﾌﾞｯｸ𠮷野家🇯🇵の\u{200D}ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ",
            "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨ",
            "abc def\tghi\r\njkl   mno",
            "!!??、、。。\n\n",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        // Runs longer than `MAX_RUN_BYTES`, which both cut into pieces: with and without a
        // space to cut after, next to short runs, and at the limit (4,095 and 4,098 bytes with
        // the 。 that ends them: `pieces` cuts only the second).
        texts.extend([
            "あ".repeat(10_000),
            format!(
                "短い文。{} {}。次の文。",
                "い".repeat(1200),
                "う".repeat(1200)
            ),
            "1a".repeat(30_000),
            format!("{}。{}。", "あ".repeat(1364), "い".repeat(1365)),
            format!("前。{}、後。", "カ".repeat(2000)),
        ]);
        let mut dirs = vec![root.join("fixtures"), root.join("rules")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if let Ok(text) = std::fs::read_to_string(&path) {
                    texts.push(text);
                }
            }
        }
        assert!(texts.len() > 50, "found {} texts", texts.len());
        for text in &texts {
            let ours = morph.tokenize(text);
            assert_eq!(text.trim().is_empty(), ours.is_empty());
            assert_eq!(ours, morph.tokenize_lindera(text), "{text:.80}");
        }
    }
}
