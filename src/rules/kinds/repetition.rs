//! `kind: repetition`: sentences that occur twice or more, verbatim or nearly so.
//!
//! Machine-generated articles often restate whole sentences in several sections, with at most
//! a comma or a connective changed. Each group of such sentences is reported once: at the
//! second occurrence, with every other occurrence as a related span.
//!
//! ```yaml
//! kind: repetition
//! message: "同じ内容の文が{count}回出てきます（類似度 {similarity}）"
//! threshold: 0.8                  # Jaccard similarity of character n-gram sets, 0.5..=1
//! ngram: 3                        # n of the character n-grams (1..=8)
//! min_chars: 20                   # shorter sentences (after normalisation) are ignored
//! scope: [paragraph, list_item]   # block kinds whose sentences count; also headline, heading
//! skip_connectives: true          # ignore a leading 「また、」「特に、」 when comparing
//! unit: sentence                  # or `clause`: compare the clauses of sentences
//! min_occurrences: 2              # report clusters of at least this many occurrences
//! min_restatement_chars: 15       # optional: shorter paragraph sentences, restated with an edit
//! containment: 0.85               # optional: also join restatements with another ending
//! prose_only: false               # true: only sentences ending with 。！？ count
//! word_edits: 1                   # optional: also join short restatements by their words
//! ```
//!
//! `containment` catches what a fixed Jaccard threshold misses in short sentences: one
//! statement restated with another ending (メーカーです / メーカーとして知られています) or as
//! the first clause of a longer sentence. Paragraph sentences opening with the same
//! `OPENING_CHARS` normalised characters are bucketed (each compared with at most
//! `MAX_PROBES` before it, so it stays linear) and joined when the shorter has at least that
//! share of its n-grams in the longer, unless they state other facts. List items are left
//! out: a summary bullet restating the body is legitimate. `prose_only` drops data rows
//! (spec rows, prices, store links, step lists), which repeat by design. Contact data inside a
//! sentence (telephone numbers, web addresses) is left out of every comparison: two contact
//! lines about different things (分別についての… / アプリについてのお問い合わせ…、野川市環境課
//! (電話：0480-00-1234)まで) are not alike for sharing an office's number.
//!
//! `word_edits` catches what both miss in short sentences restated with another particle and
//! a word more or less (「青葉は先発の…が」 / 「先発の…は」, 「行います」 / 「行う予定です」):
//! paragraph sentences are keyed by their sorted content words (nouns by surface, verbs,
//! adjectives and adverbs by base form) and by each of those keys with one word left out, so
//! that sentences whose words differ by at most one added or dropped word share a bucket; a
//! pair is joined when it also has the same number of negations, 40% of its n-grams in common
//! and no other facts. A replaced word (今期 / 来期) is another statement and is never joined.
//!
//! With `unit: clause` the compared units are clauses instead of sentences: each in-scope
//! sentence is cut after every 「、」「，」「,」「；」「;」 (the delimiter stays with the clause
//! before it; nothing else, such as brackets or quotations, is taken into account), and each
//! clause is normalised, filtered by `min_chars`, compared and clustered exactly like a
//! sentence. Generated articles open otherwise different sentences with the same long clause
//! (「日本政府は、アメリカ大統領選で…確実となったことを受け、」); a clause rule with a large
//! `min_chars` and `min_occurrences: 3` reports that without firing on a phrase that an
//! ordinary article uses twice. `skip_connectives` does not apply to clauses: a leading
//! 「また、」 is a clause of its own and is shorter than any useful `min_chars`.
//!
//! Placeholders: `{count}` the number of occurrences, `{similarity}` the lowest similarity of
//! another occurrence to the reported one (rounded down to 2 decimals; `1.00` for verbatim
//! copies; with `containment`, between paragraph sentences, the higher of the Jaccard
//! similarity and the shorter's share in the longer), `{excerpt}` the beginning of the first
//! occurrence.
//!
//! Headings and the headline are out of scope by default: a summary heading repeating the
//! title is another rule's business, and body sentences often contain their heading.
//!
//! # Algorithm
//!
//! 1. Every in-scope sentence is normalised: a leading connective (a 接続詞 or 副詞, optionally
//!    with one particle, then 「、」) is skipped, and only letters and digits are kept, ASCII
//!    lower-cased, so 「日本政府は、…」 and 「日本政府は…」 compare equal.
//! 2. Verbatim copies (equal normalised text) are grouped with a hash map; from here on each
//!    group is one representative.
//! 3. Each representative becomes the set of its character n-grams (hashed with FNV-1a over
//!    code points), summarised by a 64-value MinHash signature. Signatures are cut into bands
//!    (LSH); representatives that agree on a whole band are candidate pairs. The band size is
//!    chosen from `threshold` so that a pair exactly at the threshold becomes a candidate with
//!    probability ≥ 99.9%. All hashing uses fixed functions and seeds, so findings never depend
//!    on the Rust version or the run.
//! 4. Candidates are verified with the exact Jaccard similarity |A∩B| / |A∪B| of their n-gram
//!    sets, and rejected when each sentence has a number or a proper noun the other lacks:
//!    「3回に山田の適時打で…」 and 「7回に山田の適時打で…」 state two facts, not one twice.
//! 5. Verified pairs are joined with union-find; each cluster of two or more sentences is one
//!    finding.
//!
//! Cost is linear in the document: normalising, hashing and signatures touch each character a
//! bounded number of times, and in each band a sentence is compared with at most the
//! `MAX_PROBES` sentences before it in its bucket, so a bucket of many look-alike sentences
//! cannot make it quadratic. Most of the time goes into the signatures, 64 splitmix64
//! evaluations per n-gram; they run on AVX-512 or AVX2 when the CPU has it, with the same
//! integer results, so findings do not depend on the CPU either. A 1 MB article checks in a
//! few tens of milliseconds at the default threshold (optimised build); thresholds below 0.5
//! are refused, as they would make most sentence pairs candidates.

use std::cell::OnceCell;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use super::{CompileContext, Context};
use crate::algo::fnv;
use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::algo::minhash::{self, Shingles};
use crate::algo::union_find::UnionFind;
use crate::document::BlockKind;
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::{Analysis, CharSet, Labels, LexiconId, Lexicons};
use crate::rules::message::Message;
use crate::rules::spec::{RuleSource, did_you_mean};
use crate::span::Span;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Spec {
    /// The n of the character n-grams compared.
    pub ngram: usize,
    /// Minimum Jaccard similarity of two sentences' n-gram sets to count as a repeat.
    pub threshold: f64,
    /// Sentences with fewer normalised characters are ignored (short ones repeat naturally).
    pub min_chars: usize,
    /// Block kinds whose sentences are compared: headline, heading, paragraph, list_item.
    pub scope: Vec<String>,
    /// Ignore a leading connective such as 「また、」 when comparing.
    pub skip_connectives: bool,
    /// What is compared: whole sentences, or clauses (sentences cut after 、，,；;).
    pub unit: Unit,
    /// Clusters with fewer occurrences are not reported (at least 2).
    pub min_occurrences: usize,
    /// Paragraph sentences shorter than `min_chars` but with at least this many normalised
    /// characters are compared too, as restatements only: a cluster holding one is reported
    /// when every occurrence is in a paragraph (a summary bullet restating the body is
    /// legitimate) and they are not all one text (a short set phrase repeated word for word,
    /// 詳しくは公式サイトをご覧ください, is no repeat; 行う / 行う予定だ is the writer repeating
    /// itself). Default: off.
    pub min_restatement_chars: Option<usize>,
    /// Also a repeat: two paragraph sentences that open alike and of which the shorter has at
    /// least this share of its n-grams in the longer (the same statement with another ending,
    /// メーカーです / メーカーとして知られています, or as the first clause of a longer
    /// sentence). Short sentences differ more in Jaccard terms for one such edit; list items
    /// are left out (a summary bullet restating the body is legitimate). Off when absent.
    pub containment: Option<f64>,
    /// Only prose counts: sentences ending with 。！？ and not opening with a note mark ※
    /// (spec rows, prices, links, step lists and notes repeat legitimately).
    pub prose_only: bool,
    /// Also a repeat: two paragraph sentences whose content words (nouns, verbs, adjectives
    /// and adverbs, by base form) are the same but for at most this many added or dropped
    /// (0 or 1), with the same negations and 40% of their n-grams in common (25% when the
    /// words are the same and in the same order; a verb is its kanji stem, so 止まる and
    /// 止める are one word). A short
    /// sentence restated with another particle or a word more (「青葉は先発の…が」 / 「先発の…は」,
    /// 「行います」 / 「行う予定です」) loses more of its n-grams than any fixed threshold
    /// allows; what it keeps is its words. A word replaced by another (今期 / 来期) is another
    /// statement. List items are left out, as for `containment`. Off when absent.
    pub word_edits: Option<usize>,
    /// Also a repeat: two paragraph sentences that share an unbroken run of at least this
    /// many normalised characters, of which the shorter has 70% of its n-grams in the longer
    /// and no number or name the other lacks (「先発の鷹取は立ち上がりから直球が走り、8回を
    /// 投げて4安打無失点…」 / 「…8回を4安打無失点…に抑える好投を見せた」): a sentence
    /// restated with a phrase inserted or dropped in its middle, which neither the similarity
    /// threshold nor `containment` (same opening) reaches. List items are left out. Off when
    /// absent.
    pub shared_run: Option<usize>,
}

/// The text unit a repetition rule compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Whole sentences.
    #[default]
    Sentence,
    /// Clauses: a sentence cut after each 、，,；; (the delimiter ends the clause).
    Clause,
}

impl Default for Spec {
    fn default() -> Self {
        Spec {
            ngram: 3,
            threshold: 0.8,
            min_chars: 20,
            scope: vec!["paragraph".into(), "list_item".into()],
            skip_connectives: true,
            unit: Unit::Sentence,
            min_occurrences: 2,
            min_restatement_chars: None,
            containment: None,
            prose_only: false,
            word_edits: None,
            shared_run: None,
        }
    }
}

pub const PLACEHOLDERS: &[&str] = &["count", "similarity", "excerpt"];

/// The lexicons this kind reads.
pub const LEXICONS: &[LexiconId] = &[
    LexiconId::ClauseDelimiters,
    LexiconId::SentenceTerminators,
    LexiconId::NoteMarks,
    LexiconId::NegativeAuxiliaries,
];

const SCOPE_NAMES: &[&str] = &["headline", "heading", "paragraph", "list_item"];
const MAX_NGRAM: usize = 8;
const MIN_THRESHOLD: f64 = 0.5;
/// Within one LSH bucket, a sentence is compared with at most this many sentences before it.
const MAX_PROBES: usize = 16;
/// How many normalised characters two sentences must share at their start to be compared
/// for `containment`.
const OPENING_CHARS: usize = 8;
/// The most content words `word_edits` may leave unmatched.
const MAX_WORD_EDITS: usize = 1;
/// `shared_run` bounds: a shorter run is a phrase any article repeats (次のような人です).
const MIN_SHARED_RUN: usize = 12;
/// The share of the shorter sentence's n-grams in the longer that `shared_run` asks for.
const SHARED_RUN_SHARE: f64 = 0.7;
/// Characters of a sentence `shared_run` reads (bounds the run search on endless lines).
const MAX_RUN_CHARS: usize = 400;
/// The share of n-grams two sentences joined by `word_edits` must have in common: the words
/// are the evidence, this only keeps them in roughly one order (a particle and an ending
/// changed in a 20-character sentence leave about 45%).
const WORD_EDITS_SIMILARITY: f64 = 0.4;
/// `WORD_EDITS_SIMILARITY` for two sentences whose content words are the same, in the same
/// order: the particles and endings between them may all have changed.
const SAME_WORDS_SIMILARITY: f64 = 0.25;
/// Sentences longer than this (normalised characters) are left to `threshold`: a particle
/// and a word changed in them still leave 80% of their n-grams.
const WORD_EDITS_MAX_CHARS: usize = 60;
/// Fewer content words than this say too little to be compared by their words.
const MIN_CONTENT_WORDS: usize = 4;
/// Characters of the first occurrence shown by `{excerpt}`.
const EXCERPT_CHARS: usize = 20;

/// Which block kinds are in scope.
#[derive(Debug, Clone, Copy, Default)]
struct Scope {
    headline: bool,
    heading: bool,
    paragraph: bool,
    list_item: bool,
}

impl Scope {
    fn contains(self, kind: BlockKind) -> bool {
        match kind {
            BlockKind::Headline => self.headline,
            BlockKind::Heading { .. } => self.heading,
            BlockKind::Paragraph => self.paragraph,
            BlockKind::ListItem => self.list_item,
        }
    }
}

#[derive(Debug)]
pub struct Repetition {
    ngram: usize,
    threshold: f64,
    min_chars: usize,
    scope: Scope,
    skip_connectives: bool,
    unit: Unit,
    min_occurrences: usize,
    /// The fewest characters of a paragraph sentence: `min_restatement_chars` when lower than
    /// `min_chars`.
    min_prose_chars: usize,
    /// Rows per LSH band, derived from `threshold`.
    rows: usize,
    containment: Option<f64>,
    prose_only: bool,
    word_edits: Option<usize>,
    shared_run: Option<usize>,
    /// The lexicons: `negative-auxiliaries` (ない, ぬ) for `word_edits`.
    lexicons: Arc<Lexicons>,
    /// 。！？ (`sentence-terminators`), for `prose_only`.
    terminators: CharSet,
    /// ※ (`note-marks`): a sentence opening with one is a note, not prose.
    note_marks: CharSet,
    /// Characters after which `unit: clause` cuts a sentence (`clause-delimiters`).
    clause_ends: CharSet,
}

impl super::RuleKind for Repetition {
    const NAME: &'static str = "repetition";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    const LEXICONS: &'static [LexiconId] = LEXICONS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let mut errors = Vec::new();
        if !(1..=MAX_NGRAM).contains(&spec.ngram) {
            errors.push(src.error(
                src.key("ngram"),
                format!("`ngram` must be between 1 and {MAX_NGRAM}"),
            ));
        }
        // Written so that NaN fails too. Below 0.5 sentences are related, not repeated, and
        // LSH would have to compare far more chance candidates.
        if !(MIN_THRESHOLD..=1.0).contains(&spec.threshold) {
            errors.push(
                src.error(
                    src.key("threshold"),
                    format!("`threshold` must be between {MIN_THRESHOLD} and 1"),
                )
                .with_help("0.8 reports sentences that share 80% of their character n-grams"),
            );
        }
        if spec.min_chars == 0 {
            errors.push(src.error(src.key("min_chars"), "`min_chars` must be at least 1"));
        }
        if let Some(c) = spec.containment
            && !(MIN_THRESHOLD..=1.0).contains(&c)
        {
            errors.push(
                src.error(
                    src.key("containment"),
                    format!("`containment` must be between {MIN_THRESHOLD} and 1"),
                )
                .with_help("0.8: the shorter sentence shares 80% of its n-grams with the longer"),
            );
        }
        if let Some(n) = spec.word_edits
            && n > MAX_WORD_EDITS
        {
            errors.push(
                src.error(
                    src.key("word_edits"),
                    format!("`word_edits` must be at most {MAX_WORD_EDITS}"),
                )
                .with_help("a word replaced by another makes another statement (今期 / 来期)"),
            );
        }
        if let Some(n) = spec.shared_run
            && n < MIN_SHARED_RUN
        {
            errors.push(
                src.error(
                    src.key("shared_run"),
                    format!("`shared_run` must be at least {MIN_SHARED_RUN}"),
                )
                .with_help("a shorter run is a phrase any article repeats (次のような人です)"),
            );
        }
        if spec.min_occurrences < 2 {
            errors.push(src.error(
                src.key("min_occurrences"),
                "`min_occurrences` must be at least 2",
            ));
        }
        if spec.scope.is_empty() {
            errors.push(
                src.error(
                    src.key("scope"),
                    "`scope` must name at least one block kind",
                )
                .with_help(format!("one or more of: {}", SCOPE_NAMES.join(", "))),
            );
        }
        let mut scope = Scope::default();
        for name in &spec.scope {
            match name.as_str() {
                "headline" => scope.headline = true,
                "heading" => scope.heading = true,
                "paragraph" => scope.paragraph = true,
                "list_item" => scope.list_item = true,
                other => errors.push(
                    src.error(
                        src.item(&["scope"], other),
                        format!("unknown block kind `{other}` in `scope`"),
                    )
                    .with_help(
                        did_you_mean(other, SCOPE_NAMES)
                            .replace("valid keys here", "valid block kinds"),
                    ),
                ),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Repetition {
            ngram: spec.ngram,
            threshold: spec.threshold,
            min_chars: spec.min_chars,
            scope,
            skip_connectives: spec.skip_connectives,
            unit: spec.unit,
            min_occurrences: spec.min_occurrences,
            min_prose_chars: spec
                .min_restatement_chars
                .map_or(spec.min_chars, |m| m.min(spec.min_chars)),
            rows: minhash::band_rows(spec.threshold),
            containment: spec.containment,
            prose_only: spec.prose_only,
            word_edits: spec.word_edits,
            shared_run: spec.shared_run,
            lexicons: context.lexicons.clone(),
            terminators: context
                .lexicons
                .get(LexiconId::SentenceTerminators)
                .first_chars(),
            note_marks: context.lexicons.get(LexiconId::NoteMarks).first_chars(),
            clause_ends: context
                .lexicons
                .get(LexiconId::ClauseDelimiters)
                .first_chars(),
        })
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let units = self.units(ctx);
        if units.spans.len() < self.min_occurrences {
            return;
        }
        let groups = Groups::build(&units);
        let reps = groups.reps.len();
        let mut shingles = shingles(&units, &groups.reps, self.ngram);
        let mut sets = UnionFind::new(reps);
        if reps >= 2 {
            let facts = Facts::new(ctx.analysis, &units, &groups);
            let keys = minhash::band_keys(&shingles, self.rows);
            self.join_similar(&facts, &mut shingles, &keys, &mut sets);
            if let Some(share) = self.containment {
                self.join_contained(&facts, &units, &groups, &mut shingles, share, &mut sets);
            }
            if let Some(edits) = self.word_edits {
                self.join_reworded(&facts, &units, &groups, &mut shingles, edits, &mut sets);
            }
            if let Some(run) = self.shared_run {
                join_shared_runs(&facts, &units, &groups, &mut shingles, run, &mut sets);
            }
        }

        // Clusters of at least `min_occurrences` in document order of their first sentence,
        // members in document order. (Sized first: most sentences are a cluster of one.)
        let mut size = vec![0; reps];
        for &rep in &groups.rep_of {
            size[sets.find(rep)] += 1;
        }
        let mut cluster_of_root = vec![usize::MAX; reps];
        let mut clusters: Vec<Vec<usize>> = Vec::new();
        for (unit, &rep) in groups.rep_of.iter().enumerate() {
            let root = sets.find(rep);
            if size[root] < self.min_occurrences {
                continue;
            }
            if cluster_of_root[root] == usize::MAX {
                cluster_of_root[root] = clusters.len();
                clusters.push(Vec::with_capacity(size[root]));
            }
            clusters[cluster_of_root[root]].push(unit);
        }
        for members in &clusters {
            // A sentence shorter than min_chars counts only as a restatement in paragraphs:
            // not next to a summary bullet, and not a set phrase word for word (詳しくは公式
            // サイトをご覧ください twice).
            if members
                .iter()
                .any(|&u| units.text(u).len() < self.min_chars)
            {
                let verbatim = members
                    .iter()
                    .all(|&u| groups.rep_of[u] == groups.rep_of[members[0]]);
                if verbatim || members.iter().any(|&u| units.in_list[u]) {
                    continue;
                }
            }
            out.push(self.hit(ctx, message, &units, &groups, &mut shingles, members));
        }
    }
}

impl Repetition {
    /// The in-scope sentences (or their clauses), normalised, with at least `min_chars`
    /// characters.
    fn units(&self, ctx: &Context<'_>) -> Units {
        let mut units = Units::default();
        // Japanese characters take three bytes: room for most texts' characters up front.
        units.chars.reserve(ctx.doc.text.len() / 3);
        // The first token of the last sentence: sentences come in order, so the next one's
        // first token is found by stepping on from there.
        let mut token = 0;
        for sentence in &ctx.doc.sentences {
            let kind = ctx.doc.blocks[sentence.block].kind;
            if !self.scope.contains(kind) {
                continue;
            }
            let span = sentence.span;
            if self.prose_only && !self.is_prose(&ctx.doc.text[span.range()]) {
                continue;
            }
            // 「・政府は為替介入を実施する考えだ。」: a line opening with a bullet is an item
            // even where Markdown reads it as a paragraph.
            units.listed = matches!(kind, BlockKind::ListItem)
                || ctx.doc.text[ctx.doc.blocks[sentence.block].span.range()]
                    .trim_start()
                    .starts_with(['・', '•', '●']);
            match self.unit {
                Unit::Sentence => {
                    let from = if self.skip_connectives {
                        token = first_token(ctx.analysis, span.start, token);
                        body_start(ctx.analysis, span, token)
                    } else {
                        span.start
                    };
                    self.push_unit(&mut units, &ctx.doc.text, span, from);
                }
                Unit::Clause => self.push_clauses(&mut units, &ctx.doc.text, span),
            }
        }
        units
    }

    /// Adds `span` as a unit, compared from `from`, if it is long enough.
    fn push_unit(&self, units: &mut Units, text: &str, span: Span, from: usize) {
        let start = units.chars.len();
        let piece = &text[from..span.end];
        // 「お問い合わせは市環境課(電話：0480-00-1234)まで」: contact data is no prose, and two
        // sentences sharing it are not alike for that.
        let data = contact_data(piece);
        for (i, c) in piece.char_indices() {
            if is_word_char(c) && !data.iter().any(|r| r.contains(&i)) {
                units.chars.push(c.to_ascii_lowercase());
            }
        }
        self.keep_if_long(units, span, from, start);
    }

    /// Adds the clauses of `sentence` that are long enough: the sentence is cut after each of
    /// `CLAUSE_ENDS` (which stays with its clause), leading white space is trimmed and empty
    /// pieces are dropped. One pass over the text both cuts and normalises.
    fn push_clauses(&self, units: &mut Units, text: &str, sentence: Span) {
        let mut chars_start = units.chars.len();
        // Where the current clause starts: its first character that is not white space.
        let mut clause_start = None;
        let data = contact_data(&text[sentence.range()]);
        for (i, c) in text[sentence.range()].char_indices() {
            let at = sentence.start + i;
            if clause_start.is_none() && !c.is_whitespace() {
                clause_start = Some(at);
            }
            if is_word_char(c) && !data.iter().any(|r| r.contains(&i)) {
                units.chars.push(c.to_ascii_lowercase());
            } else if self.clause_ends.contains(c) {
                let start = clause_start.take().unwrap_or(at);
                self.keep_if_long(
                    units,
                    Span::new(start, at + c.len_utf8()),
                    start,
                    chars_start,
                );
                chars_start = units.chars.len();
            }
        }
        if let Some(start) = clause_start {
            self.keep_if_long(units, Span::new(start, sentence.end), start, chars_start);
        }
    }

    /// Keeps `span` as a unit if its normalised text, `units.chars[start..]`, is long enough.
    /// `from` is where its compared text starts (after a skipped connective).
    fn keep_if_long(&self, units: &mut Units, span: Span, from: usize, start: usize) {
        let min = match units.listed {
            true => self.min_chars,
            false => self.min_prose_chars,
        };
        if units.chars.len() - start < min {
            units.chars.truncate(start);
            return;
        }
        units.spans.push(span);
        units.from.push(from);
        units.text.push(start..units.chars.len());
        units.in_list.push(units.listed);
    }

    /// True when the sentence ends like prose, with 。！？ (before closing brackets).
    fn is_prose(&self, sentence: &str) -> bool {
        // ※最新の情報は公式サイトをご確認ください。: a note, however it ends.
        if sentence
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| self.note_marks.contains(c))
        {
            return false;
        }
        let last = sentence
            .trim_end()
            .trim_end_matches(['」', '』', ')', '）'])
            .chars()
            .next_back();
        last.is_some_and(|c| self.terminators.contains(c))
    }

    /// `containment`: paragraph sentences are bucketed by their first `OPENING_CHARS`
    /// normalised characters, and each is compared with at most `MAX_PROBES` before it in
    /// its bucket (linear), joining those where the shorter's n-grams are at least `share`
    /// in the longer.
    fn join_contained(
        &self,
        facts: &Facts<'_, '_>,
        units: &Units,
        groups: &Groups,
        shingles: &mut Shingles,
        share: f64,
        sets: &mut UnionFind,
    ) {
        let mut last: FastHashMap<&[char], usize> = FastHashMap::default();
        let mut previous: Vec<Option<usize>> = vec![None; groups.reps.len()];
        for (b, &unit) in groups.reps.iter().enumerate() {
            let text = units.text(unit);
            if units.in_list[unit] || text.len() < OPENING_CHARS {
                continue;
            }
            previous[b] = last.insert(&text[..OPENING_CHARS], b);
            let mut before = previous[b];
            for _ in 0..MAX_PROBES {
                let Some(a) = before else { break };
                before = previous[a];
                if sets.find(a) == sets.find(b) {
                    continue;
                }
                if shingles.shorter_shares(a, b, share) && !facts.differ(a, b) {
                    sets.union(a, b);
                }
            }
        }
    }

    /// LSH over the representatives' signatures, then exact verification of candidates.
    fn join_similar(
        &self,
        facts: &Facts<'_, '_>,
        shingles: &mut Shingles,
        keys: &[u64],
        sets: &mut UnionFind,
    ) {
        let reps = facts.len();
        let mut table = Vec::new();
        let mut previous = vec![None; reps];
        // A pair meets again in other bands: decide it once. (Template-like text has many
        // similar pairs about different things; re-deciding them per band made this rule the
        // top cost on generated corpora.)
        let mut decided: FastHashSet<(usize, usize)> = FastHashSet::default();
        for band_keys in keys.chunks_exact(reps) {
            minhash::chain_buckets(band_keys, &mut table, &mut previous);
            // Each sentence meets the `MAX_PROBES` before it in its bucket: enough to chain a
            // bucket of copies together, and never quadratic in the bucket's size. (Which pairs
            // meet is all that matters: the clusters do not depend on the order they meet in.)
            for b in 0..reps {
                let mut before = previous[b];
                for _ in 0..MAX_PROBES {
                    let Some(a) = before else { break };
                    before = previous[a];
                    if sets.find(a) == sets.find(b) || !decided.insert((a, b)) {
                        continue;
                    }
                    shingles.sort(a);
                    shingles.sort(b);
                    let (x, y) = (shingles.set(a), shingles.set(b));
                    // |A∩B| / |A∪B| ≤ min / max: a cheap bound before the merge.
                    let (short, long) = (x.len().min(y.len()), x.len().max(y.len()));
                    if (short as f64) < self.threshold * long as f64 {
                        continue;
                    }
                    let similar = minhash::jaccard(x, y) >= self.threshold && !facts.differ(a, b);
                    if similar {
                        sets.union(a, b);
                    }
                }
            }
        }
    }

    /// `word_edits`: paragraph sentences keyed by their content words, and by each of them
    /// left out, so that a pair whose words differ by at most one added or dropped word meets
    /// in one bucket (each compared with at most `MAX_PROBES` before it there: linear). A pair
    /// is joined when it has that few word edits, the same number of negations, at least
    /// `WORD_EDITS_SIMILARITY` of their n-grams in common, and no other facts.
    fn join_reworded(
        &self,
        facts: &Facts<'_, '_>,
        units: &Units,
        groups: &Groups,
        shingles: &mut Shingles,
        edits: usize,
        sets: &mut UnionFind,
    ) {
        let words: Vec<Option<Words>> = groups
            .reps
            .iter()
            .map(|&unit| {
                let span = Span::new(units.from[unit], units.spans[unit].end);
                (!units.in_list[unit] && units.text(unit).len() <= WORD_EDITS_MAX_CHARS)
                    .then(|| self.words(facts.analysis, span))
                    .filter(|w| w.hashes.len() >= MIN_CONTENT_WORDS)
            })
            .collect();
        // Key → the last representative filed under it; `previous` chains each filing to the
        // one before it under the same key. A key is (words hashed, whether one is left out).
        let keys: usize = words.iter().flatten().map(|w| w.hashes.len() + 1).sum();
        let mut last: FastHashMap<(u64, bool), usize> =
            FastHashMap::with_capacity_and_hasher(keys, Default::default());
        let mut filings: Vec<(usize, Option<usize>)> = Vec::with_capacity(keys);
        for (b, w) in words.iter().enumerate() {
            let Some(w) = w else { continue };
            let mut candidates: Vec<usize> = Vec::new();
            let probe = |key: (u64, bool), candidates: &mut Vec<usize>| {
                let mut at = last.get(&key).copied();
                for _ in 0..MAX_PROBES {
                    let Some(f) = at else { break };
                    candidates.push(filings[f].0);
                    at = filings[f].1;
                }
            };
            // A set's key is the sum of its words' hashes: one word left out is a subtraction.
            let whole = w.hashes.iter().fold(0u64, |sum, &h| sum.wrapping_add(h));
            probe((whole, false), &mut candidates);
            if edits > 0 {
                // b has a word more than a, or a word less.
                probe((whole, true), &mut candidates);
                for &h in &w.hashes {
                    probe((whole.wrapping_sub(h), false), &mut candidates);
                }
            }
            candidates.sort_unstable();
            candidates.dedup();
            for a in candidates {
                let Some(v) = &words[a] else { continue };
                if sets.find(a) == sets.find(b)
                    || v.negations != w.negations
                    || v.hashes.len() + w.hashes.len()
                        - 2 * minhash::intersection(&v.hashes, &w.hashes)
                        > edits
                {
                    continue;
                }
                shingles.sort(a);
                shingles.sort(b);
                // The same words in the same order need less of the wording kept: 連敗は4で止まり
                // / 連敗を4で止め changes a particle and an ending in every other n-gram.
                let needed = if v.order == w.order {
                    SAME_WORDS_SIMILARITY
                } else {
                    WORD_EDITS_SIMILARITY
                };
                if minhash::jaccard(shingles.set(a), shingles.set(b)) >= needed
                    && !facts.differ(a, b)
                {
                    sets.union(a, b);
                }
            }
            let mut file = |key: (u64, bool)| {
                let before = last.insert(key, filings.len());
                filings.push((b, before));
            };
            file((whole, false));
            if edits > 0 {
                for &h in &w.hashes {
                    file((whole.wrapping_sub(h), true));
                }
            }
        }
    }

    /// The content words of `span` (sorted, deduplicated) and its count of negations.
    fn words(&self, a: &Analysis<'_>, span: Span) -> Words {
        let mut hashes = Vec::new();
        let mut negations = 0;
        for i in a.within(span) {
            let p = a.features(i).pos;
            if p.is_auxiliary_verb()
                && self
                    .lexicons
                    .contains(LexiconId::NegativeAuxiliaries, a.base(i))
            {
                negations += 1;
            } else if p.is_independent_verb() {
                hashes.push(minhash::mix(fnv::hash(verb_stem(a.base(i)))));
            } else if p.is_independent_adjective() || (p.is_adverb() && !p.is_conjunction()) {
                hashes.push(minhash::mix(fnv::hash(a.base(i))));
            } else if p.is_noun()
                && !p.is_dependent_noun()
                && !p.is_pronoun()
                && !p.is_special_noun()
            {
                hashes.push(minhash::mix(fnv::hash(a.surface(i))));
            }
        }
        let order = hashes.clone();
        hashes.sort_unstable();
        hashes.dedup();
        Words {
            hashes,
            order,
            negations,
        }
    }

    fn hit(
        &self,
        ctx: &Context<'_>,
        message: &Message,
        units: &Units,
        groups: &Groups,
        shingles: &mut Shingles,
        members: &[usize],
    ) -> Hit {
        let labels = Labels::get();
        let primary = members[1];
        let primary_rep = groups.rep_of[primary];
        let mut lowest = 1.0f64;
        let mut related = Vec::with_capacity(members.len() - 1);
        for (index, &unit) in members.iter().enumerate() {
            if unit == primary {
                continue;
            }
            let rep = groups.rep_of[unit];
            let n = (index + 1).to_string();
            let label = if rep == primary_rep {
                labels.repetition_verbatim.fill(&[("n", &n)])
            } else {
                shingles.sort(rep);
                shingles.sort(primary_rep);
                let (x, y) = (shingles.set(rep), shingles.set(primary_rep));
                let mut similarity = minhash::jaccard(x, y);
                // A restatement joined by `containment`: its share in the other is what
                // made it one (a first clause has a low Jaccard similarity to the sentence).
                if self.containment.is_some() && !units.in_list[unit] && !units.in_list[primary] {
                    let share = minhash::intersection(x, y) as f64 / x.len().min(y.len()) as f64;
                    similarity = similarity.max(share);
                }
                lowest = lowest.min(similarity);
                labels
                    .repetition_similar
                    .fill(&[("n", &n), ("similarity", &two_decimals(similarity))])
            };
            related.push((units.spans[unit], label));
        }
        let first = ctx.doc.slice(units.spans[members[0]]);
        let excerpt = match first.char_indices().nth(EXCERPT_CHARS) {
            Some((cut, _)) => format!("{}…", &first[..cut]),
            None => first.to_string(),
        };
        let count = members.len().to_string();
        let text = message.render(&[
            ("count", &count),
            ("similarity", &two_decimals(lowest)),
            ("excerpt", &excerpt),
        ]);
        related.into_iter().fold(
            Hit::new(units.spans[primary], text),
            |hit, (span, label)| hit.with_related(span, label),
        )
    }
}

/// Normalised sentences: spans into the analysis text, and ranges into one shared `chars`
/// buffer (one allocation for the whole document, not one per sentence).
#[derive(Debug, Default)]
struct Units {
    spans: Vec<Span>,
    /// Per unit: where its compared text starts (after a skipped leading connective).
    from: Vec<usize>,
    text: Vec<Range<usize>>,
    chars: Vec<char>,
    /// Per unit: from a list item.
    in_list: Vec<bool>,
    /// Whether the units being added come from a list item.
    listed: bool,
}

impl Units {
    fn text(&self, unit: usize) -> &[char] {
        &self.chars[self.text[unit].clone()]
    }
}

/// Verbatim copies grouped: `reps` are the first unit of each distinct normalised text, and
/// `rep_of[unit]` is the index into `reps` of the unit's group.
struct Groups {
    reps: Vec<usize>,
    rep_of: Vec<usize>,
}

impl Groups {
    fn build(units: &Units) -> Self {
        let mut index: FastHashMap<&[char], usize> =
            FastHashMap::with_capacity_and_hasher(units.spans.len(), Default::default());
        let mut reps = Vec::new();
        let rep_of = (0..units.spans.len())
            .map(|unit| {
                *index.entry(units.text(unit)).or_insert_with(|| {
                    reps.push(unit);
                    reps.len() - 1
                })
            })
            .collect();
        Groups { reps, rep_of }
    }
}

/// Each representative's facts ([`facts_in`]), gathered on first use and shared by the
/// joins: a pair is decided by them only when its text is close enough, so most are never
/// gathered.
struct Facts<'a, 't> {
    analysis: &'a Analysis<'t>,
    spans: Vec<Span>,
    cells: Vec<OnceCell<Vec<&'t str>>>,
}

impl<'a, 't> Facts<'a, 't> {
    fn new(analysis: &'a Analysis<'t>, units: &Units, groups: &Groups) -> Self {
        Facts {
            analysis,
            spans: groups.reps.iter().map(|&unit| units.spans[unit]).collect(),
            cells: groups.reps.iter().map(|_| OnceCell::new()).collect(),
        }
    }

    /// How many representatives there are.
    fn len(&self) -> usize {
        self.cells.len()
    }

    /// Whether representatives `a` and `b` state other facts ([`states_other_facts`]).
    fn differ(&self, a: usize, b: usize) -> bool {
        let of = |r: usize| self.cells[r].get_or_init(|| facts_in(self.analysis, self.spans[r]));
        states_other_facts(of(a), of(b))
    }
}

/// The word `word_edits` compares a verb by: its kanji stem when kana follow it (止まる and
/// 止める, 決まる and 決める: one event told intransitively and transitively, as a
/// restatement does), else the base form.
fn verb_stem(base: &str) -> &str {
    let stem = base
        .char_indices()
        .find(|&(_, c)| !crate::lang::ja::is_kanji(c))
        .map_or(base.len(), |(k, _)| k);
    let rest = &base[stem..];
    if stem > 0 && !rest.is_empty() && rest.chars().all(crate::lang::ja::is_hiragana) {
        &base[..stem]
    } else {
        base
    }
}

/// A sentence's content words, for `word_edits`.
struct Words {
    /// The hash of each word (mixed FNV-1a of its base form or surface), sorted and
    /// deduplicated: sets are compared by these, and a set's key is their sum.
    hashes: Vec<u64>,
    /// The same hashes in the order the words are written, repeats kept.
    order: Vec<u64>,
    negations: usize,
}

/// Each representative's character n-grams, hashed: the sets MinHash summarises. A text
/// shorter than n (possible when min_chars < ngram) is one shingle.
fn shingles(units: &Units, reps: &[usize], n: usize) -> Shingles {
    let mut shingles = Shingles::with_capacity(units.chars.len(), reps.len());
    for &unit in reps {
        let text = units.text(unit);
        shingles.push(text.windows(n.min(text.len())).map(fnv::hash_chars));
    }
    shingles
}

/// `a.first_at(offset)`, found by stepping on from token `from` when it starts before
/// `offset` (a search over all tokens otherwise).
fn first_token(a: &Analysis<'_>, offset: usize, from: usize) -> usize {
    let starts_before = |i: usize| a.tokens.get(i).is_some_and(|t| t.span.start < offset);
    if !starts_before(from) {
        return a.first_at(offset);
    }
    let mut first = from + 1;
    while starts_before(first) {
        first += 1;
    }
    first
}

/// Where a sentence's comparable body starts: after a leading connective and its 読点
/// (「また、」「特に、」「一方で、」), which a rewrite adds or drops freely. `first` is the
/// sentence's first token, `a.first_at(span.start)`.
fn body_start(a: &Analysis<'_>, span: Span, first: usize) -> usize {
    // The tokens from `first` on that end within the span are `a.within(span)`: tokens are
    // sorted and do not overlap.
    let pos = |i: usize| {
        let inside = a.tokens.get(i).is_some_and(|t| t.span.end <= span.end);
        inside.then(|| a.features(i).pos)
    };
    if !pos(first).is_some_and(|p| p.is_conjunction() || p.is_adverb()) {
        return span.start;
    }
    let mut next = first + 1;
    if pos(next).is_some_and(|p| p.is_particle()) {
        next += 1;
    }
    match pos(next) {
        Some(p) if p.is_comma() => a.tokens[next].span.end,
        _ => span.start,
    }
}

/// `shared_run`: each paragraph sentence looks up every `MIN_SHARED_RUN`-character window of
/// its normalised text (a rolling hash) among the windows indexed so far, meeting the few
/// sentences (at most `MAX_PROBES`) that had one, and is joined with one when they share a
/// run of at least `run` characters, the shorter has `SHARED_RUN_SHARE` of its n-grams in the
/// longer and neither states a fact the other lacks. A sentence indexes only every
/// `run - MIN_SHARED_RUN + 1`-th window: a shared run of `run` characters holds one of them
/// whole. Linear: one lookup per character, one insertion per stride.
fn join_shared_runs(
    facts: &Facts<'_, '_>,
    units: &Units,
    groups: &Groups,
    shingles: &mut Shingles,
    run: usize,
    sets: &mut UnionFind,
) {
    const BASE: u64 = 0x0000_0100_0000_01B3;
    let stride = run + 1 - MIN_SHARED_RUN;
    // BASE^(MIN_SHARED_RUN - 1), to take the first character out of the window's hash.
    let top = (1..MIN_SHARED_RUN).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let mut last: FastHashMap<u64, usize> = FastHashMap::default();
    let mut met: Vec<usize> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    for (b, &unit) in groups.reps.iter().enumerate() {
        if units.in_list[unit] {
            continue;
        }
        let text = units.text(unit);
        let text = &text[..text.len().min(MAX_RUN_CHARS)];
        if text.len() < run {
            continue;
        }
        hashes.clear();
        let mut h = 0u64;
        for (i, &c) in text.iter().enumerate() {
            if i >= MIN_SHARED_RUN {
                h = h.wrapping_sub(u64::from(text[i - MIN_SHARED_RUN]).wrapping_mul(top));
            }
            h = h.wrapping_mul(BASE).wrapping_add(u64::from(c));
            if i + 1 >= MIN_SHARED_RUN {
                hashes.push(h);
            }
        }
        met.clear();
        for h in &hashes {
            if let Some(&a) = last.get(h)
                && !met.contains(&a)
                && met.len() < MAX_PROBES
            {
                met.push(a);
            }
        }
        for h in hashes.iter().step_by(stride) {
            last.insert(*h, b);
        }
        for &a in &met {
            // Facts that tell the pair apart (第3回 / 第4回) are known per sentence: checked
            // before the run, a quadratic scan of the two texts, which sentences that open
            // alike but differ in their figures would otherwise each pay up to `MAX_PROBES`
            // times.
            if sets.find(a) == sets.find(b) || facts.differ(a, b) {
                continue;
            }
            let other = units.text(groups.reps[a]);
            if longest_common_run(&other[..other.len().min(MAX_RUN_CHARS)], text) < run {
                continue;
            }
            if shingles.shorter_shares(a, b, SHARED_RUN_SHARE) {
                sets.union(a, b);
            }
        }
    }
}

/// The length of the longest run of characters `x` and `y` share (dynamic programming over
/// one row: both are at most `MAX_RUN_CHARS` long).
fn longest_common_run(x: &[char], y: &[char]) -> usize {
    let mut row = vec![0usize; y.len() + 1];
    let mut best = 0;
    for &c in x {
        let mut diagonal = 0;
        for (j, &d) in y.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if c == d { diagonal + 1 } else { 0 };
            best = best.max(row[j + 1]);
            diagonal = above;
        }
    }
    best
}

/// The numbers and proper nouns of a unit, sorted and deduplicated. A number is the whole
/// run of adjacent number tokens (「1兆500億」, not 「1」「兆」「500」「億」), so that
/// 「約500億円」 is not taken for a detail left out of 「約1兆500億円」.
fn facts_in<'t>(a: &Analysis<'t>, span: Span) -> Vec<&'t str> {
    let mut out: Vec<&str> = Vec::new();
    // The byte range of the number being read.
    let mut number: Option<(usize, usize)> = None;
    for i in a.within(span) {
        let pos = a.features(i).pos;
        let token = a.tokens[i].span;
        if pos.is_number() {
            number = Some(match number {
                Some((start, end)) if end == token.start => (start, token.end),
                Some((start, end)) => {
                    out.push(&a.text[start..end]);
                    (token.start, token.end)
                }
                None => (token.start, token.end),
            });
            continue;
        }
        if let Some((start, end)) = number.take() {
            out.push(&a.text[start..end]);
        }
        if pos.is_proper_noun() {
            out.push(a.surface(i));
        }
    }
    if let Some((start, end)) = number {
        out.push(&a.text[start..end]);
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// True when each unit has a number or proper noun that the other lacks: a parallel
/// statement about another thing, not a repeat.
fn states_other_facts(x: &[&str], y: &[&str]) -> bool {
    let subset = |p: &[&str], q: &[&str]| p.iter().all(|f| q.binary_search(f).is_ok());
    !subset(x, y) && !subset(y, x)
}

/// `c.is_alphanumeric()`, decided without a table search for ASCII, kana, the common CJK
/// ideographs and Japanese punctuation: std searches its Unicode tables for every non-ASCII
/// character, which made this filter a visible cost on Japanese text.
#[inline]
/// Byte ranges of `text` that are contact data rather than prose: telephone numbers (three
/// hyphenated digit groups from 0, ten or eleven digits: 0480-00-1234) and web addresses
/// (https://…).
fn contact_data(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    // Found from a marker byte (memchr): most sentences have neither, and this runs on every
    // unit of every document.
    for at in memchr::memchr_iter(b'h', b) {
        if b[at..].starts_with(b"http://") || b[at..].starts_with(b"https://") {
            let end = text[at..]
                .find(|c: char| c.is_whitespace() || !c.is_ascii() || c == ')')
                .map_or(b.len(), |n| at + n);
            out.push(at..end);
        }
    }
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'-', &b[from..]) {
        let hyphen = from + k;
        // The digits of the number's first group, before the hyphen.
        let mut i = hyphen;
        while i > 0 && b[i - 1].is_ascii_digit() {
            i -= 1;
        }
        if i == hyphen {
            from = hyphen + 1;
            continue;
        }
        let mut j = i;
        let mut groups = 1;
        while j < b.len()
            && (b[j].is_ascii_digit()
                || (b[j] == b'-' && j + 1 < b.len() && b[j + 1].is_ascii_digit()))
        {
            if b[j] == b'-' {
                groups += 1;
            }
            j += 1;
        }
        // A Japanese telephone number: three groups, the first from 0, ten or eleven digits
        // (03-1234-5678, 0480-00-1234, 0120-123-456); not a date (2024-12-06).
        let digits = b[i..j].iter().filter(|c| c.is_ascii_digit()).count();
        let in_address = out.iter().any(|r: &Range<usize>| r.contains(&i));
        if groups == 3 && b[i] == b'0' && (10..=11).contains(&digits) && !in_address {
            out.push(i..j);
        }
        from = j.max(hyphen + 1);
    }
    out.sort_unstable_by_key(|r| r.start);
    out
}

fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        // Hiragana, katakana with 「ー」, CJK unified ideographs.
        '\u{3041}'..='\u{3096}' | '\u{30a1}'..='\u{30fa}' | '\u{30fc}'..='\u{30ff}' => true,
        '\u{4e00}'..='\u{9fff}' => true,
        // 「　、。」 and brackets; 「・」; full-width punctuation such as 「（）！？」.
        '\u{3000}'..='\u{3004}' | '\u{3008}'..='\u{3020}' | '\u{30fb}' => false,
        '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' => false,
        '\u{ff5b}'..='\u{ff65}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Rounded down, so a similarity just under the threshold never prints as the threshold.
fn two_decimals(x: f64) -> String {
    format!("{:.2}", (x * 100.0 + 1e-9).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use crate::rules::kinds::RuleKind as _;
    use std::path::Path;

    use super::*;
    use crate::document::{Document, Format};
    use crate::engine::run_rule;
    use crate::finding::Finding;
    use crate::lang::ja::{Lexicons, Morphology};
    use crate::rules::Rule;
    use crate::rules::testing::{assert_hits, hits, rule_errors_from_yaml, rule_from_yaml};

    fn rule(extra: &str) -> Rule {
        rule_from_yaml(&format!(
            "kind: repetition\nmessage: \"{{count}}回 {{similarity}} {{excerpt}}\"\n{extra}"
        ))
    }

    fn load_errors(yaml: &str) -> Vec<String> {
        rule_errors_from_yaml(yaml)
            .iter()
            .map(|e| format!("{} {}", e.headline(), e.help.as_deref().unwrap_or("")))
            .collect()
    }

    fn run(rule: &Rule, path: &Path, text: String) -> Vec<Finding> {
        let doc = Document::parse(path.display().to_string(), text, Format::from_path(path));
        let morphology = Morphology::new();
        let analysis = Analysis::new(&morphology, &doc.text);
        run_rule(rule, &doc, &analysis)
    }

    /// Each finding as (primary text, [(label, related text)]).
    fn described<'t>(text: &'t str, found: &[Finding]) -> Vec<(&'t str, Vec<(String, &'t str)>)> {
        found
            .iter()
            .map(|f| {
                let related = f
                    .related
                    .iter()
                    .map(|r| (r.message.clone(), &text[r.span.range()]))
                    .collect();
                (&text[f.span.range()], related)
            })
            .collect()
    }

    const BODY: &str = "政府は来年度から全国の小中学校で給食費を無償化する方針を固めました。";

    #[test]
    fn a_verbatim_repeat_is_reported_at_its_second_occurrence() {
        let text = format!(
            "給食費の無償化\n\n{BODY}財源の確保が課題です。\n\n1. 今後の見通し\n\n{}",
            BODY.replacen("政府は", "政府は、", 1)
        );
        let found = hits(&rule(""), &text);
        assert_eq!(found.len(), 1);
        let second = text.rfind("政府は、").unwrap();
        assert_eq!(found[0].span.start, second);
        assert_eq!(found[0].related.len(), 1);
        assert_eq!(found[0].related[0].message, "1回目");
        assert_eq!(&text[found[0].related[0].span.range()], BODY);
        assert_eq!(
            found[0].message,
            "2回 1.00 政府は来年度から全国の小中学校で給食費を…"
        );
    }

    #[test]
    fn contact_data_is_not_what_makes_two_sentences_alike() {
        let line = "市環境課(電話：0480-00-1234)まで。詳細はhttps://example.jp/a まで";
        let data: Vec<&str> = super::contact_data(line)
            .into_iter()
            .map(|r| &line[r])
            .collect();
        assert_eq!(data, ["0480-00-1234", "https://example.jp/a"]);
        assert!(super::contact_data("2024-25シーズンの10-3の勝利、2024-12-06発売").is_empty());
        // Two contact lines about different things share only the office and its number.
        let text = "ごみの出し方\n\n## 5. お問い合わせ\n\n分別の方法についてのお問い合わせは、野川市環境課(電話：0480-00-1234)まで。\n\n市のごみ分別アプリ「のがわごみナビ」でも、品目ごとの出し方を検索できます。アプリについてのお問い合わせも、野川市環境課(電話：0480-00-1234)までお寄せください。\n";
        let shared = rule("shared_run: 20\n");
        assert!(hits(&shared, text).is_empty());
        // A date written with hyphens is a fact, not contact data: two sentences that differ
        // only in it are two statements.
        let text = "発売日\n\n新しいモデルは2024-12-05に全国の店舗で発売される予定です。\n\n新しいモデルは2024-12-06に全国の店舗で発売される予定です。\n";
        assert!(hits(&rule(""), text).is_empty());
        // A sentence repeated word for word with its number is still a repeat.
        let line = "分別の方法についてのお問い合わせは、野川市環境課(電話：0480-00-1234)までお寄せください。";
        let text = format!("ごみの出し方\n\n{line}\n\n収集日は地区ごとに異なります。\n\n{line}\n");
        assert_eq!(hits(&rule(""), &text).len(), 1);
    }

    #[test]
    fn near_repeats_form_one_cluster_with_their_similarity() {
        let near = BODY.replace("固めました", "固めています");
        let text =
            format!("見出し\n\n{BODY}\n\n別の話題について説明します。\n\n{near}\n\n{BODY}\n");
        let found = hits(&rule(""), &text);
        let described = described(&text, &found);
        assert_eq!(described.len(), 1, "{described:?}");
        let (primary, related) = &described[0];
        assert_eq!(*primary, near);
        assert_eq!(related[0], ("1回目 (類似度 0.80)".to_string(), BODY));
        assert_eq!(related[1], ("3回目 (類似度 0.80)".to_string(), BODY));
        assert!(
            found[0].message.starts_with("3回 0.80 "),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn leading_connectives_are_ignored_unless_disabled() {
        let text = format!("見出し\n\n{BODY}\n\nまた、{BODY}\n");
        let found = hits(&rule(""), &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related[0].message, "1回目");
        let found = hits(&rule("skip_connectives: false\n"), &text);
        assert_eq!(found.len(), 1);
        assert!(found[0].related[0].message.starts_with("1回目 (類似度 0.9"));
    }

    const SPA: &str = "小鹿温泉は、昔ながらの湯治場の雰囲気を今に残す温泉地です。";

    #[test]
    fn containment_joins_a_restatement_with_another_ending_or_as_a_first_clause() {
        let other_ending = SPA.replace("残す温泉地です", "残している温泉地です");
        let first_clause = SPA.replace(
            "温泉地です。",
            "温泉地で、美術館めぐりや食べ歩きも楽しめます。",
        );
        let text = format!(
            "小鹿温泉\n\n{SPA}\n\n名物はアマゴ寿司です。{other_ending}\n\n{first_clause}\n"
        );
        // Below the Jaccard threshold, one by one.
        assert_eq!(hits(&rule(""), &text).len(), 0);
        let found = hits(&rule("containment: 0.85\n"), &text);
        let described = described(&text, &found);
        assert_eq!(described.len(), 1, "{described:?}");
        assert_eq!(described[0].0, other_ending);
        let related: Vec<&str> = described[0].1.iter().map(|r| r.1).collect();
        assert_eq!(related, [SPA, first_clause.as_str()]);
        // The label shows the share that joined it to the reported one, not the lower Jaccard.
        let label = &described[0].1[0].0;
        let shown: f64 = label
            .trim_end_matches(')')
            .rsplit(' ')
            .next()
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("{label}"));
        assert!(shown >= 0.85, "{label}");
    }

    #[test]
    fn containment_leaves_list_items_and_other_facts_alone() {
        let bullet = SPA.replace("残す温泉地です", "残している温泉地として知られています");
        let text = format!("小鹿温泉\n\n{SPA}\n\n## まとめ\n\n- {bullet}\n");
        run_markdown_expecting_none(&text);
        // Same opening, another figure: two facts.
        let text = "来場者\n\n今年の来場者数は約3万人で、前年を上回りました。\n\n今年の来場者数は約5万人と発表されています。\n";
        assert_hits(&rule("containment: 0.85\n"), text, &[]);
    }

    fn run_markdown_expecting_none(text: &str) {
        let found = run(
            &rule("containment: 0.85\n"),
            Path::new("a.md"),
            text.to_string(),
        );
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn word_edits_join_a_short_restatement_with_a_particle_changed_and_a_word_more() {
        let first = "青葉は先発の右腕・北村が7回1失点と好投した。";
        let second = "先発の右腕・北村は7回1失点と好投した。";
        let text = format!("試合\n{first}\n打線は3回に先制した。\n{second}\n");
        // One particle and one word differ: too many n-grams for the threshold.
        assert_hits(&rule("min_chars: 15\n"), &text, &[]);
        assert_hits(&rule("min_chars: 15\nword_edits: 1\n"), &text, &[second]);
        // An ending with one word more (予定) and a particle for another (から / ため).
        let a = "雨の影響から、市は記念式典を体育館で行います。";
        let b = "雨の影響のため、市は記念式典を体育館で行う予定です。";
        let text = format!("式典\n{a}\n会場は午前9時に開く。\n{b}\n");
        assert_hits(&rule("min_chars: 15\n"), &text, &[]);
        assert_hits(&rule("min_chars: 15\nword_edits: 1\n"), &text, &[b]);
        // Word for word with no word left out: `word_edits: 0` joins it too.
        let c = "雨の影響で、市は記念式典を体育館で行います。";
        let d = "雨の影響で市は、記念式典を体育館で行う。";
        let text = format!("式典\n{c}\n会場は午前9時に開く。\n{d}\n");
        assert_hits(&rule("min_chars: 15\nword_edits: 0\n"), &text, &[d]);
        // The same words in the same order, a verb told intransitively then transitively
        // (止まり / 止め) and every particle changed: under half the n-grams are left.
        let e = "チームの連敗は4で止まり、借金は3となった。";
        let f = "チームは連敗を4で止め、借金は3となった。";
        let text = format!("試合\n{e}\n観衆は3万人だった。\n{f}\n");
        assert_hits(&rule("min_chars: 15\nword_edits: 1\n"), &text, &[f]);
        // The same words in another order keep the higher bar: 31% of the n-grams is not
        // enough there (the order may say something else, AがBに勝った / BがAに勝った).
        let g = "チームは借金が3となり、連敗を4で止めた。";
        let text = format!("試合\n{g}\n観衆は3万人だった。\n{f}\n");
        assert_hits(&rule("min_chars: 15\nword_edits: 1\n"), &text, &[]);
    }

    #[test]
    fn a_short_restatement_counts_in_paragraphs_but_not_a_set_phrase_or_a_bullet() {
        let rule = rule("min_chars: 20\nmin_restatement_chars: 15\nword_edits: 1\n");
        let a = "合格発表は予定通り3月8日に行う。";
        let b = "合格発表は予定通り3月8日に行う予定だ。";
        let text = format!("入試\n{a}\n追試験は3月1日に実施する。{b}\n");
        assert_hits(&rule, &text, &[b]);
        // Off by default: min_chars decides alone.
        assert_hits(&self::rule("min_chars: 20\nword_edits: 1\n"), &text, &[]);
        // A set phrase word for word.
        let phrase = "詳しくは公式サイトをご覧ください。";
        let text = format!("新商品\nカメラが出た。{phrase}\nレンズも出た。{phrase}\n");
        assert_hits(&rule, &text, &[]);
        assert_eq!(hits(&self::rule("min_chars: 15\n"), &text).len(), 1);
        // A summary bullet restated in the body, a Markdown list item or a line opening with ・.
        for bullet in ["- ", "・"] {
            let text = format!("入試\n\n{bullet}{b}\n\n追試験は3月1日に実施する。{a}\n");
            assert_hits(&rule, &text, &[]);
        }
    }

    #[test]
    fn word_edits_leave_other_words_negations_lists_and_facts_alone() {
        let rule = rule("min_chars: 15\nword_edits: 1\n");
        let pairs = [
            // A word replaced by another: another statement.
            (
                "同社は今期の売上高が過去最高になると予想している。",
                "同社は来期の売上高が過去最高になると予想している。",
            ),
            // The same words, one negated.
            (
                "市は記念式典を体育館で行うことを決めた。",
                "市は記念式典を体育館で行うことを決めていない。",
            ),
            // Another figure: another fact.
            (
                "北村は7回を投げて1失点と好投した。",
                "北村は7回を投げて3失点と好投した。",
            ),
            // Two words more.
            (
                "市は記念式典を体育館で行う。",
                "市は記念式典を急きょ屋外の体育館で行う。",
            ),
        ];
        for (x, y) in pairs {
            let text = format!("見出し\n{x}\n会場は午前9時に開く。\n{y}\n");
            assert_hits(&rule, &text, &[]);
        }
        // A summary bullet restating the body is legitimate.
        let text = "式典\n\n雨の影響から、市は記念式典を体育館で行います。\n\n## まとめ\n\n- 雨の影響のため、市は記念式典を体育館で行う予定です。\n";
        let found = run(&rule, Path::new("a.md"), text.to_string());
        assert!(found.is_empty(), "{found:#?}");
    }

    #[test]
    fn a_shared_run_joins_a_restatement_edited_in_its_middle() {
        let text = "試合\n\n先発の鷹取は立ち上がりから直球が走り、8回を投げて4安打無失点、9奪三振の好投を見せた。三回にピンチを迎えた。\n\n試合後、鷹取は笑顔を見せた。先発の鷹取は立ち上がりから直球が走り、8回を4安打無失点、9奪三振に抑える好投を見せた。\n";
        let second =
            "先発の鷹取は立ち上がりから直球が走り、8回を4安打無失点、9奪三振に抑える好投を見せた。";
        assert_hits(&rule("shared_run: 20\n"), text, &[second]);
        // Without the option, or with a run longer than the two share: not joined.
        assert_hits(&rule(""), text, &[]);
        assert_hits(&rule("shared_run: 30\n"), text, &[]);
    }

    #[test]
    fn a_shared_run_leaves_other_facts_and_short_phrases_alone() {
        // Another pitcher's line: a number the other lacks on each side.
        let text = "試合\n\n先発の鷹取は立ち上がりから直球が走り、8回を投げて4安打無失点の好投を見せた。\n\n二番手の久保は立ち上がりから直球が走り、2回を投げて1安打無失点の好投を見せた。\n";
        assert_hits(&rule("shared_run: 20\n"), text, &[]);
        // One phrase in common, the rest different.
        let text = "金利\n\n変動金利が向いているのは、次のような人です。\n\n一方、全期間固定金利が向いているのは、次のような人です。\n";
        assert_hits(&rule("shared_run: 20\n"), text, &[]);
        assert!(
            load_errors("kind: repetition\nmessage: m\nshared_run: 5\n")
                .iter()
                .any(|e| e.contains("`shared_run` must be at least 12"))
        );
    }

    #[test]
    fn prose_only_skips_data_rows() {
        let row = "価格：1万2000円（税込み）、送料無料のキャンペーン実施中";
        let text = format!("新製品\n\n{row}\n\n本体の詳しい仕様は後で説明します。\n\n{row}\n");
        assert_eq!(hits(&rule(""), &text).len(), 1);
        assert_hits(&rule("prose_only: true\n"), &text, &[]);
        let text = format!("給食費の無償化\n\n{BODY}\n\n{BODY}\n");
        assert_eq!(hits(&rule("prose_only: true\n"), &text).len(), 1);
        // A note under each item (※…ご確認ください。) ends like prose and repeats by design.
        let note = "※最新の情報は美術館の公式サイトをご確認ください。";
        let text =
            format!("展覧会\n\n常設展は月曜休館です。{note}\n\n企画展は9月に始まります。{note}\n");
        assert_eq!(hits(&rule(""), &text).len(), 1);
        assert_hits(&rule("prose_only: true\n"), &text, &[]);
    }

    #[test]
    fn different_sentences_are_not_reported() {
        let text = format!(
            "見出し\n\n{BODY}\n\n政府は来年度から全国の高校で授業料を無償化する方針を示しました。\n"
        );
        assert_hits(&rule(""), &text, &[]);
    }

    #[test]
    fn short_sentences_and_headings_are_ignored_by_default() {
        let text = "台風10号が接近、交通機関に影響\n\n詳しくは後ほどお伝えします。\n\n\
                    ■台風10号が接近、交通機関に影響\n\n台風10号が接近、交通機関に影響\n\n\
                    詳しくは後ほどお伝えします。\n";
        // The headline's text as a paragraph is one occurrence in scope; the short sentence
        // repeats but has fewer than 20 characters.
        assert_hits(&rule(""), text, &[]);
        assert_hits(
            &rule("min_chars: 12\n"),
            text,
            &["詳しくは後ほどお伝えします。"],
        );
        assert_hits(
            &rule("min_chars: 12\nscope: [headline, heading, paragraph]\n"),
            text,
            &[
                "台風10号が接近、交通機関に影響",
                "詳しくは後ほどお伝えします。",
            ],
        );
    }

    #[test]
    fn parallel_statements_about_other_numbers_or_places_are_not_repeats() {
        let tokyo = "午前9時の時点で、東京都内の観測地点の最大瞬間風速は32メートルに達しました。";
        let other_number = tokyo.replace("32", "35");
        let other_place = tokyo.replace("東京", "千葉");
        let reworded = tokyo.replace("観測地点", "観測点");
        for (other, reported) in [
            (other_number.as_str(), false),
            (other_place.as_str(), false),
            (reworded.as_str(), true),
        ] {
            let text = format!("見出し\n\n{tokyo}\n\n{other}\n");
            let found = hits(&rule(""), &text);
            assert_eq!(found.len(), usize::from(reported), "{other}");
        }
        // The numbers case is similar enough to be reported but for the guard.
        let text = format!("見出し\n\n{tokyo}\n\n{other_number}\n");
        let doc = Document::parse("t.txt", text.clone(), Format::PlainText);
        let morphology = Morphology::new();
        let context = CompileContext {
            morphology: &morphology,
            edits: &Default::default(),
            lexicons: Lexicons::builtin(),
        };
        let units = Repetition::compile(Spec::default(), &RuleSource::new("t", ""), &context)
            .unwrap()
            .units(&Context {
                doc: &doc,
                analysis: &Analysis::new(&morphology, &doc.text),
            });
        let groups = Groups::build(&units);
        let mut shingles = shingles(&units, &groups.reps, 3);
        shingles.sort(0);
        shingles.sort(1);
        assert!(minhash::jaccard(shingles.set(0), shingles.set(1)) >= 0.8);
    }

    #[test]
    fn a_number_is_compared_whole() {
        // 「1兆500億」 and 「500億」 are different amounts, not one with a detail left out.
        let larger = "政府は来年度の防衛費として約1兆500億円を計上する方針を固めました。";
        let smaller = larger.replace("1兆500億", "500億");
        let same = larger.replace("方針を固めました", "方針を固めた");
        for (other, reported) in [(smaller.as_str(), false), (same.as_str(), true)] {
            let text = format!("見出し\n\n{larger}\n\n{other}\n");
            assert_eq!(
                hits(&rule(""), &text).len(),
                usize::from(reported),
                "{other}"
            );
        }
    }

    #[test]
    fn a_subset_of_facts_is_still_a_repeat() {
        let full =
            "政府は2027年3月に期限を迎える協定について、米国との交渉を前倒しで始める方針です。";
        let fewer = full.replace("3月", "");
        let text = format!("見出し\n\n{full}\n\n{fewer}\n");
        assert_hits(&rule(""), &text, &[fewer.as_str()]);
    }

    #[test]
    fn threshold_and_ngram_change_what_counts() {
        let text = format!(
            "見出し\n\n{BODY}\n\n{}\n",
            BODY.replace("全国の小中学校で", "全国の公立の小中学校で")
        );
        assert_eq!(hits(&rule(""), &text).len(), 1);
        assert_eq!(hits(&rule("threshold: 0.95\n"), &text).len(), 0);
        assert_eq!(hits(&rule("ngram: 6\n"), &text).len(), 0);
    }

    #[test]
    fn invalid_options_are_located_errors() {
        let base = "kind: repetition\nmessage: x\n";
        let e = load_errors(&format!("{base}containment: 0.2\n"));
        assert!(
            e[0].contains("`containment` must be between 0.5 and 1"),
            "{e:?}"
        );
        let e = load_errors(&format!("{base}word_edits: 2\n"));
        assert!(e[0].contains("`word_edits` must be at most 1"), "{e:?}");
        let e = load_errors(&format!("{base}threshold: 1.5\n"));
        assert!(
            e[0].contains("`threshold` must be between 0.5 and 1"),
            "{e:?}"
        );
        assert!(e[0].starts_with("test.yaml:3:1"), "{e:?}");
        let e = load_errors(&format!("{base}ngram: 0\nmin_chars: 0\n"));
        assert_eq!(e.len(), 2, "{e:?}");
        let e = load_errors(&format!("{base}scope: [paragraph, list-item]\n"));
        assert!(e[0].contains("unknown block kind `list-item`"), "{e:?}");
        assert!(e[0].contains("did you mean `list_item`?"), "{e:?}");
        let e = load_errors(&format!("{base}scope: []\n"));
        assert!(e[0].contains("at least one block kind"), "{e:?}");
        let e = load_errors(&format!("{base}treshold: 0.9\n"));
        assert!(e[0].contains("did you mean `threshold`?"), "{e:?}");
        let e = load_errors("kind: repetition\nmessage: \"{match}\"\n");
        assert!(e[0].contains("{count}, {similarity}, {excerpt}"), "{e:?}");
    }

    #[test]
    fn word_chars_are_the_alphanumeric_chars() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(
                is_word_char(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    /// Every clean fixture, under each of `rules`, produces no finding.
    fn assert_clean_fixtures(rules: &[Rule]) {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let mut checked = 0;
        for rule in rules {
            for entry in std::fs::read_dir(&dir).expect("fixtures/clean exists") {
                let path = entry.expect("dir entry").path();
                let text = std::fs::read_to_string(&path).expect("fixture reads");
                let found = run(rule, &path, text.clone());
                assert!(
                    found.is_empty(),
                    "{}: {:?}",
                    path.display(),
                    described(&text, &found)
                );
                checked += 1;
            }
        }
        assert!(
            checked >= 6 * rules.len(),
            "only {checked} clean fixture runs"
        );
    }

    #[test]
    fn clean_articles_have_no_repeats() {
        assert_clean_fixtures(&[rule("")]);
    }

    /// The section (numbered heading) an offset of the seed article falls in.
    fn seed_section(text: &str, offset: usize) -> u32 {
        text[..offset]
            .lines()
            .rev()
            .find_map(|l| l.split_once(". ").and_then(|(n, _)| n.parse().ok()))
            .unwrap_or(0)
    }

    #[test]
    fn seed_article_repeats() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let text = std::fs::read_to_string(&path).expect("seed reads");
        let found = run(&rule(""), &path, text.clone());
        let at = |offset| seed_section(&text, offset);
        let summary: Vec<_> = found
            .iter()
            .map(|f| {
                let related: Vec<_> = f
                    .related
                    .iter()
                    .map(|r| (at(r.span.start), r.message.as_str(), &text[r.span.range()]))
                    .collect();
                (
                    at(f.span.start),
                    &text[f.span.range()],
                    f.message.as_str(),
                    related,
                )
            })
            .collect();
        let kantei = "アメリカ大統領選でトランプ前大統領の当選が確実となったことを受け、石破茂首相がトランプ氏との関係構築を急いでいます。";
        let anpo = "トランプ氏は1期目で日米安保条約の公平さを指摘し、防衛費の増額や在日米軍駐留経費の大幅な負担増を日本に求めました。";
        assert_eq!(
            summary,
            vec![
                (
                    2,
                    format!("日本政府は{kantei}").as_str(),
                    "2回 1.00 日本政府は、アメリカ大統領選でトランプ前…",
                    vec![(1, "1回目", format!("日本政府は、{kantei}").as_str())],
                ),
                (
                    9,
                    anpo,
                    "2回 1.00 トランプ氏は1期目で日米安保条約の公平さ…",
                    vec![(2, "1回目", anpo)],
                ),
                (
                    6,
                    "日米で推進するミサイル防衛装備の共同開発についても、米国の国内産業保護を優先することで遅れるリスクが指摘されています。",
                    "2回 0.81 また、日米で推進するミサイル防衛装備の共…",
                    vec![(
                        3,
                        "1回目 (類似度 0.81)",
                        "また、日米で推進するミサイル防衛装備の共同開発において、米国の国内産業保護を優先することで遅れるリスクが指摘されています。",
                    )],
                ),
            ]
        );
    }

    const CLAUSE_RULE: &str = "unit: clause\nmin_chars: 25\nmin_occurrences: 3\n";

    fn builtin_clause_rule() -> Rule {
        crate::rules::testing::builtin_rule("ja-news/repeated-clause")
    }

    /// The clause units of `text` as one sentence, with `min_chars` 1, and their
    /// normalised texts.
    fn clauses(text: &str) -> Vec<(&str, String)> {
        let spec = Spec {
            min_chars: 1,
            ..Spec::default()
        };
        let morphology = Morphology::new();
        let context = CompileContext {
            morphology: &morphology,
            edits: &Default::default(),
            lexicons: Lexicons::builtin(),
        };
        let rule = Repetition::compile(spec, &RuleSource::new("t", ""), &context).unwrap();
        let mut units = Units::default();
        rule.push_clauses(&mut units, text, Span::new(0, text.len()));
        (0..units.spans.len())
            .map(|u| {
                (
                    &text[units.spans[u].range()],
                    units.text(u).iter().collect(),
                )
            })
            .collect()
    }

    #[test]
    fn sentences_are_cut_into_clauses_after_commas() {
        let cut = clauses("前置き、 本文,English；最後。");
        let spans: Vec<_> = cut.iter().map(|(span, _)| *span).collect();
        assert_eq!(spans, ["前置き、", "本文,", "English；", "最後。"]);
        let normalised: Vec<_> = cut.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(normalised, ["前置き", "本文", "english", "最後"]);
        assert_eq!(
            clauses("終わりが読点、"),
            [("終わりが読点、", "終わりが読点".into())]
        );
        // A piece of white space after the last comma is no clause; neither is a bare comma.
        assert_eq!(clauses("本文、　"), [("本文、", "本文".into())]);
        assert_eq!(clauses("本文、、 "), [("本文、", "本文".into())]);
    }

    #[test]
    fn seed_article_repeated_clause_is_one_finding() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let text = std::fs::read_to_string(&path).expect("seed reads");
        let clause = "アメリカ大統領選でトランプ前大統領の当選が確実となったことを受け、";
        for rule in [rule(CLAUSE_RULE), builtin_clause_rule()] {
            let found = run(&rule, &path, text.clone());
            let with_clause: Vec<_> = found
                .iter()
                .filter(|f| text[f.span.range()].contains(clause))
                .collect();
            assert_eq!(with_clause.len(), 1, "{:?}", described(&text, &found));
            let f = with_clause[0];
            assert_eq!(&text[f.span.range()], format!("日本政府は{clause}"));
            assert_eq!(seed_section(&text, f.span.start), 2);
            let related: Vec<_> = f
                .related
                .iter()
                .map(|r| {
                    (
                        seed_section(&text, r.span.start),
                        &text[r.span.range()],
                        r.message.as_str(),
                    )
                })
                .collect();
            assert_eq!(
                related,
                [
                    (1, clause, "1回目 (類似度 0.85)"),
                    (4, clause, "3回目 (類似度 0.85)"),
                    (6, clause, "4回目 (類似度 0.85)"),
                ]
            );
        }
        // The same clause is not a repeated sentence: sentence-level similarity is low.
        let sentences = run(&rule(""), &path, text.clone());
        assert!(sentences.iter().all(|f| {
            !f.related
                .iter()
                .any(|r| seed_section(&text, r.span.start) == 4)
        }));
    }

    #[test]
    fn a_clause_repeated_twice_is_not_reported_with_min_occurrences_3() {
        let clause = "政府は物価高が長引いていることを受けて電気代とガス代の補助を見直す中で、";
        let twice = format!(
            "見出し\n\n{clause}延長の検討に入りました。\n\n{clause}年内に結論を出す方針です。\n"
        );
        assert_hits(&rule(CLAUSE_RULE), &twice, &[]);
        // With the default `min_occurrences: 2` the same pair is reported.
        assert_hits(&rule("unit: clause\nmin_chars: 25\n"), &twice, &[clause]);
        // Sentence units never see the clause on its own.
        assert_hits(&rule("min_chars: 25\n"), &twice, &[]);
        let thrice = format!("{twice}\n{clause}財源には予備費を充てます。\n");
        let found = hits(&rule(CLAUSE_RULE), &thrice);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.starts_with("3回 1.00 "),
            "{}",
            found[0].message
        );
        // Short clauses are ignored, however often they repeat.
        let short = "見出し\n\n関係者によりますと、雨は続きます。関係者によりますと、風も強まります。\
                     関係者によりますと、波も高くなります。\n";
        assert_hits(&rule(CLAUSE_RULE), short, &[]);
    }

    #[test]
    fn clean_articles_have_no_repeated_clauses() {
        assert_clean_fixtures(&[rule(CLAUSE_RULE), builtin_clause_rule()]);
    }

    #[test]
    fn min_occurrences_below_2_is_refused() {
        let e = load_errors("kind: repetition\nmessage: x\nmin_occurrences: 1\n");
        assert!(
            e[0].contains("`min_occurrences` must be at least 2"),
            "{e:?}"
        );
        let e = load_errors("kind: repetition\nmessage: x\nunit: phrase\n");
        assert!(!e.is_empty());
    }

    /// A deterministic generator of distinct sentences: 6 to 11 words from a vocabulary of
    /// 64 kanji compounds, joined by particles, so unrelated sentences share few n-grams.
    struct Sentences(u64);

    impl Sentences {
        const WORDS: [&str; 64] = [
            "政府",
            "委員会",
            "計画",
            "予算",
            "地域",
            "住民",
            "企業",
            "市場",
            "研究",
            "技術",
            "教育",
            "医療",
            "交通",
            "環境",
            "農業",
            "観光",
            "港湾",
            "鉄道",
            "電力",
            "通信",
            "財政",
            "税制",
            "雇用",
            "賃金",
            "物価",
            "金利",
            "為替",
            "貿易",
            "輸出",
            "輸入",
            "防災",
            "避難",
            "堤防",
            "河川",
            "道路",
            "橋梁",
            "空港",
            "病院",
            "学校",
            "図書館",
            "審議",
            "改正",
            "制度",
            "規制",
            "支援",
            "補助",
            "投資",
            "開発",
            "調査",
            "報告",
            "会議",
            "協定",
            "交渉",
            "合意",
            "選挙",
            "議会",
            "首長",
            "職員",
            "労働",
            "福祉",
            "年金",
            "保険",
            "食品",
            "漁業",
        ];
        const PARTICLES: [&str; 8] = ["の", "は", "と", "を", "で", "に", "や", "が"];

        fn next(&mut self) -> u64 {
            // Knuth's MMIX LCG; the high bits are the well-mixed ones.
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            self.0 >> 33
        }

        fn sentence(&mut self) -> String {
            let words = 6 + self.next() % 6;
            let mut s = String::new();
            for i in 0..words {
                s.push_str(Self::WORDS[(self.next() % 64) as usize]);
                if i + 1 < words {
                    s.push_str(Self::PARTICLES[(self.next() % 8) as usize]);
                }
            }
            s.push_str("を進めた。");
            s
        }
    }

    #[test]
    fn a_large_bucket_of_look_alikes_chains_into_one_cluster() {
        // 1,600 distinct sentences that differ from their neighbours in one word: nearly all
        // share every LSH bucket, so comparing within buckets unbounded would be quadratic.
        let words: Vec<&str> = Sentences::WORDS
            .iter()
            .copied()
            .filter(|w| w.chars().count() == 2)
            .take(40)
            .collect();
        let mut text = String::from("見出し\n\n");
        for a in &words {
            for b in &words {
                text.push_str(&format!(
                    "市は{a}と{b}の分野で来年度から新たな支援制度を設け、事業者への説明会を順次開く方針を固めました。\n\n"
                ));
            }
        }
        let found = hits(&rule(""), &text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].related.len(), 40 * 40 - 1);
    }

    #[test]
    fn a_megabyte_document_reports_exactly_the_planted_repeats() {
        let copied = "臨時国会の会期末を控え、与野党の国会対策委員長が断続的に会談を重ねています。";
        let original = "気象庁は週末にかけて東日本の太平洋側で大雨となるおそれがあるとして警戒を呼びかけました。";
        let near = "気象庁は週末にかけて東日本の太平洋側で大雨になるおそれがあるとして警戒を呼びかけました。";
        let mut sentences = Sentences(42);
        let mut text = String::from("長い文書\n\n");
        let mut paragraphs = 0;
        while text.len() < 1 << 20 {
            for _ in 0..5 {
                text.push_str(&sentences.sentence());
            }
            paragraphs += 1;
            match paragraphs {
                10 | 1000 | 2000 => text.push_str(copied),
                100 => text.push_str(original),
                1800 => text.push_str(near),
                _ => {}
            }
            text.push_str("\n\n");
        }
        assert!(paragraphs > 2000, "{paragraphs}");
        let found = hits(&rule(""), &text);
        let described = described(&text, &found);
        assert_eq!(
            described,
            vec![
                (
                    copied,
                    vec![("1回目".to_string(), copied), ("3回目".to_string(), copied)]
                ),
                (near, vec![("1回目 (類似度 0.86)".to_string(), original)]),
            ]
        );
    }
}
