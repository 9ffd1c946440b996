//! Japanese morphology: lindera's embedded IPADIC, seigo's segmenter over it, and user
//! dictionaries.
//!
//! Tokenizing is cheap; reading a token's features (POS, base form, reading) through lindera's
//! `get_details()` allocates a `Vec<String>` per token and made analysis 4x slower. Here a token
//! is a span and a word id, and features are decoded once per distinct word id into a cache
//! the first time any rule asks for them.
//!
//! IPADIC is immutable, so it is loaded once per process (on first use, or on
//! [`Morphology::preload`]) and shared, with the cache of its words' features, by every
//! [`Morphology`]. A user dictionary belongs to one `Morphology` value: two values with
//! different user dictionaries coexist in one process.

use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, OnceLock};

use lindera_core::dictionary::{Dictionary, UserDictionary};
use lindera_core::mode::Mode;
use lindera_dictionary::{DictionaryConfig, DictionaryKind};
use lindera_tokenizer::tokenizer::Tokenizer;

use super::pos::{Conjugation, Pos, Tag};
use super::{user_dict, viterbi};
use crate::algo::fnv;
use crate::span::Span;

#[derive(Debug, thiserror::Error)]
pub enum MorphError {
    #[error("cannot load the IPADIC dictionary: {0}")]
    Dictionary(String),
    #[error(transparent)]
    UserDictionary(#[from] user_dict::UserDictError),
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
    pub pos: Pos,
    /// Conjugation form (活用形), or [`Conjugation::None`].
    pub conjugation: Conjugation,
    /// Base (dictionary) form; `None` means the same as the surface.
    pub base: Option<Box<str>>,
    /// Katakana reading; `None` means unknown (or the surface, for katakana words).
    pub reading: Option<Box<str>>,
    /// The POS and conjugation strings as written, when they are not IPADIC's (a user
    /// dictionary's own): only for showing them.
    unlisted: Option<Box<(Box<str>, Box<str>)>>,
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
        let levels = [get(0), get(1), get(2), get(3)];
        let pos = Pos::parse(levels);
        let conjugation = Conjugation::parse(get(5));
        let listed = !pos.levels().contains(&Tag::Unlisted) && conjugation != Conjugation::Unlisted;
        let known = |s: &str| (s != "*" && !s.is_empty()).then(|| s.into());
        Features {
            pos,
            conjugation,
            base: known(get(6)),
            reading: known(get(7)),
            unlisted: (!listed).then(|| Box::new((levels.join(",").into(), get(5).into()))),
        }
    }

    /// The features of unknown words, one per [`CharClass`] in declaration order.
    fn unknown_classes() -> [Features; 6] {
        use Tag::*;
        let f = |levels: [Tag; 4]| Features {
            pos: Pos::new(levels),
            conjugation: Conjugation::None,
            base: None,
            reading: None,
            unlisted: None,
        };
        [
            f([Noun, Number, Empty, Empty]),
            f([Noun, ProperNoun, Organization, Empty]),
            f([Noun, ProperNoun, General, Empty]),
            f([Noun, General, Empty, Empty]),
            f([Symbol, General, Empty, Empty]),
            f([Noun, General, Empty, Empty]),
        ]
    }

    /// The POS as the dictionary writes it (`名詞,サ変接続,*,*`), for showing.
    pub fn pos_label(&self) -> String {
        match &self.unlisted {
            Some(raw) => raw.0.to_string(),
            None => self.pos.to_string(),
        }
    }

    /// The conjugation form as the dictionary writes it (`未然形`, `*`), for showing.
    pub fn conjugation_label(&self) -> &str {
        match &self.unlisted {
            Some(raw) => &raw.1,
            None => self.conjugation.as_str(),
        }
    }
}

/// A dictionary word's features and the hashes the per-document indexes key it by, cached
/// per word id so that building an index does not hash every token's text again.
#[derive(Debug)]
pub(super) struct Entry {
    pub(super) features: Features,
    /// `fnv::hash` of the base form (when `features.base` is set).
    pub(super) base_hash: u64,
    /// `fnv::hash` of the surface, or 0 until the first token of the word is indexed. A word
    /// id has one surface (the dictionary key the segmenter matched), so the first token's
    /// text gives every token's hash.
    pub(super) surface_hash: AtomicU64,
    /// False for the shared entries of unknown words, whose surfaces differ per token.
    pub(super) per_word: bool,
}

impl Entry {
    fn new(features: Features, per_word: bool) -> Self {
        Entry {
            base_hash: features.base.as_deref().map_or(0, fnv::hash),
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

    /// The entry of word `id`, decoded from `index` and `words` (the dictionary's feature
    /// tables) on first request. Runs once per token of every document: the cached case is
    /// two loads, inlined; decoding is out of line.
    #[inline]
    fn entry(&self, id: u32, index: &[u8], words: &[u8], per_word: bool) -> &Entry {
        let id = id as usize;
        let cached = self
            .chunks
            .get(id / CHUNK)
            .and_then(OnceLock::get)
            .and_then(|chunk| chunk[id % CHUNK].get());
        match cached {
            Some(entry) => entry,
            None => self.decode(id, index, words, per_word),
        }
    }

    #[cold]
    fn decode(&self, id: usize, index: &[u8], words: &[u8], per_word: bool) -> &Entry {
        if id >= self.words {
            return Entry::unknown(CharClass::Other);
        }
        let chunk =
            self.chunks[id / CHUNK].get_or_init(|| (0..CHUNK).map(|_| OnceLock::new()).collect());
        chunk[id % CHUNK].get_or_init(|| {
            let details = word_details(index, words, id).unwrap_or_default();
            Box::new(Entry::new(Features::from_details(&details), per_word))
        })
    }
}

/// The embedded IPADIC and the features of its words, shared by every [`Morphology`].
struct Ipadic {
    /// lindera's tokenizer over IPADIC: the dictionary seigo's segmenter reads, and the
    /// reference tokenizer ([`Morphology::tokenize_lindera`]).
    tokenizer: Tokenizer,
    categories: viterbi::CategoryCache,
    features: FeatureCache,
}

static IPADIC: OnceLock<Result<Ipadic, String>> = OnceLock::new();

impl Ipadic {
    fn load() -> Result<Ipadic, String> {
        let dictionary = lindera_dictionary::load_dictionary_from_config(DictionaryConfig {
            kind: Some(DictionaryKind::IPADIC),
            path: None,
        })
        .map_err(|e| e.to_string())?;
        let features = FeatureCache::new(dictionary.words_idx_data.len() / 4);
        Ok(Ipadic {
            tokenizer: Tokenizer::new(dictionary, None, Mode::Normal),
            categories: viterbi::CategoryCache::default(),
            features,
        })
    }

    /// The shared dictionary, loaded by the first caller (others wait for it).
    fn get() -> Result<&'static Ipadic, MorphError> {
        IPADIC
            .get_or_init(Ipadic::load)
            .as_ref()
            .map_err(|e| MorphError::Dictionary(e.clone()))
    }

    fn dictionary(&self) -> &Dictionary {
        &self.tokenizer.dictionary
    }
}

/// IPADIC, which only a broken build fails to load; [`Morphology::preload`] reports that as
/// an error, and callers that skip it get the panic here.
fn ipadic() -> &'static Ipadic {
    match Ipadic::get() {
        Ok(ipadic) => ipadic,
        Err(e) => panic!("{e} (the embedded data is broken)"),
    }
}

/// Test helper: a morphology whose user dictionary has `rows` (CSV, as in a `.csv` file).
#[cfg(test)]
pub(crate) fn with_user_rows(rows: &str) -> Morphology {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("user.csv");
    std::fs::write(&path, rows).expect("writes");
    Morphology::with_user_dictionary(&path).expect("loads")
}

/// IPADIC's character definitions, for testing the segmenter's cache of them.
#[cfg(test)]
pub(super) fn ipadic_char_definitions()
-> &'static lindera_core::character_definition::CharacterDefinitions {
    &ipadic().dictionary().char_definitions
}

/// A user dictionary and the features of its words.
struct UserWords {
    dictionary: UserDictionary,
    features: FeatureCache,
    /// lindera's tokenizer with this user dictionary, built when first asked for (it copies
    /// IPADIC's tables): only [`Morphology::tokenize_lindera`], the reference, needs it.
    lindera: OnceLock<Tokenizer>,
}

/// The analyser: IPADIC and, optionally, a user dictionary. Cheap to clone (the clones share
/// the user dictionary and its feature cache); every linter holds one.
#[derive(Clone, Default)]
pub struct Morphology {
    user: Option<Arc<UserWords>>,
}

impl Morphology {
    /// IPADIC alone. The dictionary loads on first use; call [`Morphology::preload`] to load
    /// it at a time of your choosing (on another thread, say) and see a broken build as an
    /// error.
    pub fn new() -> Self {
        Morphology { user: None }
    }

    /// IPADIC with a user dictionary (lindera's CSV format: `surface,POS,reading` or the
    /// 13-column IPADIC form), checked row by row before lindera builds it.
    pub fn with_user_dictionary(path: &Path) -> Result<Self, MorphError> {
        let ipadic = Ipadic::get()?;
        // cost(previous right id, next left id) indexes `left + right * backward_size`:
        // left ids are below `backward_size`, right ids below the forward size.
        let costs = &ipadic.dictionary().cost_matrix;
        let backward = costs.backward_size.max(1);
        let matrix = user_dict::Matrix {
            left_ids: backward,
            right_ids: (costs.costs_data.len() / 2) as u32 / backward,
        };
        let dictionary = user_dict::load(path, matrix)?;
        let features = FeatureCache::new(dictionary.words_idx_data.len() / 4);
        Ok(Morphology {
            user: Some(Arc::new(UserWords {
                dictionary,
                features,
                lindera: OnceLock::new(),
            })),
        })
    }

    /// Loads IPADIC now, if no one has yet; fails only when the embedded data is broken.
    pub fn preload(&self) -> Result<(), MorphError> {
        Ipadic::get().map(|_| ())
    }

    /// Splits `text` into tokens, skipping whitespace. Spans are byte ranges into `text`.
    ///
    /// Uses seigo's own Viterbi pass over the dictionary (`viterbi.rs`), which finds the same
    /// segmentation as lindera's tokenizer ([`Morphology::tokenize_lindera`]) in about two
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

    /// The same as [`Morphology::tokenize`], computed by lindera's own tokenizer: the
    /// reference the segmenter is tested against, and the "segmentation floor" of the
    /// benchmark.
    pub fn tokenize_lindera(&self, text: &str) -> Vec<Token> {
        let tokenizer = match &self.user {
            None => &ipadic().tokenizer,
            Some(user) => user.lindera.get_or_init(|| {
                Tokenizer::new(
                    ipadic().dictionary().clone(),
                    Some(user.dictionary.clone()),
                    Mode::Normal,
                )
            }),
        };
        let mut out = Vec::with_capacity(text.len() / 5);
        for piece in pieces(text) {
            // lindera only fails on an internal error; an unanalysable text then has no
            // tokens, which makes token-based rules silent rather than crashing the run.
            let Ok(tokens) = tokenizer.tokenize(&text[piece.range()]) else {
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
        let ipadic = ipadic();
        let dictionary = ipadic.dictionary();
        viterbi::Dictionaries {
            system: &dictionary.dict,
            user: self.user.as_ref().map(|u| &u.dictionary.dict),
            costs: &dictionary.cost_matrix,
            chars: &dictionary.char_definitions,
            categories: &ipadic.categories,
            unknown: &dictionary.unknown_dictionary,
        }
    }

    /// The features of a token, decoded on first request and cached per word id.
    pub fn features(&self, token: &Token) -> &Features {
        &self.entry(token).features
    }

    pub(super) fn entry(&self, token: &Token) -> &Entry {
        match Morphology::shared_entry(ipadic(), token) {
            Some(shared) => shared,
            None => self.user_entry(token),
        }
    }

    /// The entry of an IPADIC or unknown word (shared by every morphology); `None` for a
    /// user-dictionary word.
    fn shared_entry(ipadic: &'static Ipadic, token: &Token) -> Option<&'static Entry> {
        match token.word {
            Word::Unknown(class) => Some(Entry::unknown(class)),
            Word::System(id) => {
                let d = ipadic.dictionary();
                Some(
                    ipadic
                        .features
                        .entry(id, &d.words_idx_data, &d.words_data, true),
                )
            }
            Word::User(_) => None,
        }
    }

    /// [`Morphology::shared_entry`] of each token.
    pub(super) fn shared_entries(tokens: &[Token]) -> Box<[Option<&'static Entry>]> {
        let ipadic = ipadic();
        tokens
            .iter()
            .map(|token| Morphology::shared_entry(ipadic, token))
            .collect()
    }

    fn user_entry(&self, token: &Token) -> &Entry {
        match token.word {
            Word::User(id) => match &self.user {
                Some(u) => {
                    let d = &u.dictionary;
                    u.features
                        .entry(id, &d.words_idx_data, &d.words_data, false)
                }
                None => Entry::unknown(CharClass::Other),
            },
            _ => Entry::unknown(CharClass::Other),
        }
    }

    /// True when the token is not in the dictionary.
    pub fn is_unknown(token: &Token) -> bool {
        matches!(token.word, Word::Unknown(_))
    }

    /// True when the token is a word of the user dictionary (`--user-dict`).
    pub fn is_user_word(token: &Token) -> bool {
        matches!(token.word, Word::User(_))
    }
}

impl std::fmt::Debug for Morphology {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Morphology")
            .field(
                "user_words",
                &self.user.as_ref().map_or(0, |u| u.features.words),
            )
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
pub(super) const MAX_RUN_BYTES: usize = 4096;

/// Byte ranges of `text` to tokenize separately: the whole text unless a run between
/// lindera's own sentence breaks exceeds [`MAX_RUN_BYTES`].
pub(super) fn pieces(text: &str) -> Vec<Span> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
        let tokens = Morphology::new().tokenize(&text);
        assert_eq!(tokens.last().unwrap().span.end, text.len());
    }

    #[test]
    fn word_details_decode_as_lindera_decodes_them() {
        let d = ipadic().dictionary();
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

    /// Every word of IPADIC decodes to a POS of the tag set and a listed conjugation form,
    /// and shows as the dictionary wrote it. (Each distinct combination is decoded once: the
    /// test runs beside timed ones.)
    #[test]
    fn every_ipadic_word_has_a_known_pos_and_form() {
        let d = ipadic().dictionary();
        let words = d.words_idx_data.len() / 4;
        let mut combinations: std::collections::HashSet<[&str; 5]> = Default::default();
        for id in 0..words {
            let details = word_details(&d.words_idx_data, &d.words_data, id).expect("decodes");
            assert!(details.len() >= 6, "word id {id}: {details:?}");
            combinations.insert([details[0], details[1], details[2], details[3], details[5]]);
        }
        let mut seen = std::collections::HashSet::new();
        for c in &combinations {
            let f = Features::from_details(&[c[0], c[1], c[2], c[3], "*", c[4]]);
            assert!(
                super::super::pos::TAG_SET.contains(&f.pos.levels()),
                "{c:?}"
            );
            assert_ne!(f.conjugation, Conjugation::Unlisted, "{c:?}");
            assert_eq!(f.pos_label(), c[..4].join(","), "{c:?}");
            assert_eq!(f.conjugation_label(), c[4], "{c:?}");
            seen.insert(f.pos);
        }
        // Every POS of the set occurs.
        assert_eq!(seen.len(), super::super::pos::TAG_SET.len());
    }

    #[test]
    fn unlisted_tags_show_as_written() {
        let f = Features::from_details(&["独自品詞", "*", "*", "*", "*", "独自形", "語", "ゴ"]);
        assert_eq!(f.pos.levels()[0], Tag::Unlisted);
        assert!(!f.pos.is_noun());
        assert_eq!(f.pos_label(), "独自品詞,*,*,*");
        assert_eq!(f.conjugation_label(), "独自形");
    }

    /// Two morphologies with different user dictionaries, in one process, split one text
    /// differently; each keeps its own words' features.
    #[test]
    fn user_dictionaries_belong_to_their_morphology() {
        let a = with_user_rows("帰り咲き,名詞,カエリザキ\n");
        let b = with_user_rows("咲き帰り,名詞,サキガエリ\n");
        let plain = Morphology::new();
        let text = "市長に帰り咲きを果たした";
        let surfaces = |m: &Morphology| -> Vec<String> {
            m.tokenize(text)
                .iter()
                .map(|t| text[t.span.range()].to_string())
                .collect()
        };
        assert!(surfaces(&a).contains(&"帰り咲き".to_string()));
        assert!(!surfaces(&b).contains(&"帰り咲き".to_string()));
        assert_eq!(surfaces(&b), surfaces(&plain));
        let word = a
            .tokenize(text)
            .into_iter()
            .find(|t| &text[t.span.range()] == "帰り咲き")
            .expect("the user word");
        assert_eq!(a.features(&word).reading.as_deref(), Some("カエリザキ"));
        assert_eq!(a.tokenize(text), a.tokenize_lindera(text));
    }

    /// Every fixture and rule example, and the hard cases for unknown-word grouping, segment
    /// exactly as lindera segments them (the property test in tests/it covers random text).
    #[test]
    fn segmenter_matches_lindera_on_fixtures_and_examples() {
        let morph = Morphology::new();
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
