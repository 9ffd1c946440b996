//! The analysis of one text: its tokens, their features, and per-document tables built on
//! first use and shared by every rule of a check.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::morphology::{Entry, Features, Morphology, Token};
use crate::algo::fnv;
use crate::algo::word_index::WordIndex;
use crate::span::Span;

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

/// The analysis of one text: its tokens plus feature access. `'t` is the life of the text and
/// of the morphology that analysed it.
#[derive(Debug)]
pub struct Analysis<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    morphology: &'t Morphology,
    by_surface: OnceLock<WordIndex>,
    by_base: OnceLock<WordIndex>,
    /// Every token's features, looked up in the shared cache once per token on first use:
    /// rules ask for a token's features many times, and each cache lookup is two atomic loads.
    /// `None` for a user-dictionary word, whose entry the morphology owns (looked up each
    /// time: user words are rare). Holding only `'static` references keeps `Analysis`
    /// covariant in `'t` (a `OnceLock` is invariant in what it holds).
    entries: OnceLock<Box<[Option<&'static Entry>]>>,
    /// Time spent building each of the lazy tables above ([`Table`]), in nanoseconds, for
    /// `--timings`: the first rule to need a table should not be charged for a cost every
    /// rule shares.
    build_nanos: [AtomicU64; 3],
}

impl<'t> Analysis<'t> {
    pub fn new(morphology: &'t Morphology, text: &'t str) -> Self {
        Analysis {
            text,
            tokens: morphology.tokenize(text),
            morphology,
            by_surface: OnceLock::new(),
            by_base: OnceLock::new(),
            entries: OnceLock::new(),
            build_nanos: Default::default(),
        }
    }

    /// The morphology that analysed the text.
    pub fn morphology(&self) -> &'t Morphology {
        self.morphology
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
        self.entries();
        self.timed(table, || {
            WordIndex::new(
                (0..self.tokens.len())
                    .map(|i| hash(i, self.entry(i)))
                    .collect(),
            )
        })
    }

    /// `fnv::hash` of token `i`'s surface, computed once per dictionary word.
    fn surface_hash(&self, i: usize, entry: &Entry) -> u64 {
        if !entry.per_word {
            return fnv::hash(self.surface(i));
        }
        match entry.surface_hash.load(Ordering::Relaxed) {
            0 => {
                let hash = fnv::hash(self.surface(i));
                entry.surface_hash.store(hash, Ordering::Relaxed);
                hash
            }
            hash => hash,
        }
    }

    /// `fnv::hash` of [`Analysis::base`].
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
        self.surfaces().get(fnv::hash(word))
    }

    /// For each prefix of `word` (one per char, shortest first), the indices of the tokens
    /// whose surface may be that prefix: where a run of tokens spelling `word` can start.
    /// Hashes the word once, not once per prefix.
    pub fn tokens_with_surface_prefixes<'a>(
        &'a self,
        word: &'a str,
    ) -> impl Iterator<Item = &'a [u32]> + 'a {
        let index = self.surfaces();
        let mut hash = fnv::OFFSET;
        word.chars().map(move |c| {
            let mut buf = [0; 4];
            hash = fnv::extend(hash, c.encode_utf8(&mut buf).as_bytes());
            index.get(hash)
        })
    }

    /// Indices of the tokens whose base form may be `word` (a superset: check each).
    pub fn tokens_with_base(&self, word: &str) -> &[u32] {
        self.by_base
            .get_or_init(|| self.index(Table::Bases, |i, e| self.base_hash(i, e)))
            .get(fnv::hash(word))
    }

    pub fn surface(&self, i: usize) -> &'t str {
        &self.text[self.tokens[i].span.range()]
    }

    pub fn features(&self, i: usize) -> &'t Features {
        &self.entry(i).features
    }

    /// Token `i`'s cache entry.
    fn entry(&self, i: usize) -> &'t Entry {
        match self.entries()[i] {
            Some(shared) => shared,
            None => self.morphology.entry(&self.tokens[i]),
        }
    }

    /// True when token `i` is not in the dictionary.
    pub fn is_unknown(&self, i: usize) -> bool {
        Morphology::is_unknown(&self.tokens[i])
    }

    /// True when token `i` is a word of the user dictionary: the user vouches for it.
    pub fn is_user_word(&self, i: usize) -> bool {
        Morphology::is_user_word(&self.tokens[i])
    }

    /// Every token's shared cache entry, looked up on first use.
    fn entries(&self) -> &[Option<&'static Entry>] {
        self.entries.get_or_init(|| {
            self.timed(Table::Features, || Morphology::shared_entries(&self.tokens))
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

    /// The noun written right after a number that ends at `offset` (8室, 84施設, 24公演): the
    /// token starting exactly there, a noun but no numeral, in kanji or katakana. What a
    /// quantity counts when the quantity reader knows no counter there.
    pub fn counter_noun_at(&self, offset: usize) -> Option<usize> {
        let i = self.first_at(offset);
        let token = self.tokens.get(i)?;
        let pos = self.features(i).pos;
        let written = self
            .surface(i)
            .chars()
            .all(|c| super::is_katakana(c) || super::is_kanji(c));
        (token.span.start == offset && pos.is_noun() && !pos.is_number() && written).then_some(i)
    }

    /// Index of the first token starting at or after `offset`.
    pub fn first_at(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < offset)
    }

    /// The first token of the run of nouns ending at token `last` (補聴 + 器 before a topic
    /// は), not before `floor` and at most `max` tokens long.
    pub fn noun_run_start(&self, last: usize, floor: usize, max: usize) -> usize {
        let mut start = last;
        while start > floor && last + 1 - start < max && self.features(start - 1).pos.is_noun() {
            start -= 1;
        }
        start
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
    use crate::lang::ja::Tag;

    fn analyse(text: &str) -> Analysis<'_> {
        static MORPHOLOGY: std::sync::LazyLock<Morphology> =
            std::sync::LazyLock::new(Morphology::new);
        Analysis::new(&MORPHOLOGY, text)
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
        assert!(a.features(shi).pos.is_verb());
        assert_eq!(a.reading(3), "キョウリョク");
    }

    #[test]
    fn unknown_words_get_a_class_pos() {
        let a = analyse("NATOの2027年");
        let nato = a.features(0);
        assert!(nato.pos.is_proper_noun());
        assert_eq!(a.base(0), "NATO");
        let digits = (0..a.tokens.len())
            .find(|&i| a.surface(i).starts_with('2'))
            .unwrap();
        assert_eq!(a.features(digits).pos.levels()[1], Tag::Number);
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
    fn features_are_shared_per_word_id() {
        let a = analyse("協力と協力");
        let first = a.features(0) as *const Features;
        let second = a.features(2) as *const Features;
        assert_eq!(first, second);
    }
}
