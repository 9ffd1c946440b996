//! `kind: reading`: misconversions nobody listed, found through readings. A run of adjacent
//! nouns that is not a word of the lexicon ([`crate::lang::ja::dictionary`]), read like a
//! compound that *is* one and that keeps the run's other part (既製緩和 キセイカンワ →
//! 規制緩和, 人事移動 → 人事異動, 社会保証 → 社会保障), is reported as a likely misconversion.
//!
//! ```yaml
//! kind: reading
//! message: "「{match}」は{reason}。{evidence}（{candidate_reading}）の「{candidate}」の誤変換の可能性があります"
//! signals: [same-reading, homophone] # default [same-reading]; near-reading, near-homophone for one-mora slips
//! allow: [既製服]                   # never report a run overlapping these
//! ```
//!
//! # Evidence
//!
//! A *run* is up to `max_tokens` adjacent noun tokens (prefixes and suffixes included,
//! numbers only as kanji numerals) with a kanji. The run is a candidate only when its text is
//! not a lexicon word. One part of it, one or two tokens (the part that may be misconverted),
//! is then swapped for a word with the same reading, keeping the rest of the run: the result
//! must be a noun compound of the lexicon (at least `min_units` short units) whose new part is
//! itself a noun of the lexicon (a word is swapped for a word), the kept part
//! at least `min_kept_chars` characters and the swapped part `min_replaced_chars`. Most
//! novel compounds are legitimate; what makes this evidence is that the run's reading *is* a
//! listed compound that shares its other part, while the run is not listed.
//!
//! - `same-reading`: the reading is identical. A fix when one candidate fits; safe only when
//!   `safe_fix` is on.
//! - `homophone`: a single noun written for another of the same reading (契機 for 景気),
//!   judged by word vectors: the other word fits the sentence's content words much better
//!   (`homophone_margin`, `homophone_min_context`; see the `homophone` module). Weaker
//!   evidence: reported one severity level below the rule's, the candidate only a suggestion.
//!   On the harness (margin 0.18) it found 11 of 37 dev homophone sentences (and 3 labelled
//!   as compounds or slips), flagged none of 104 correct dev sentences, and reported 0.67
//!   times per 100 JHARS documents. An article (five sentences or more) that never writes
//!   the other word asks for `homophone_unattested_margin` (0.22): a slip replaces a word the
//!   article uses. On the dev articles that kept 31 of 35 true findings and 9 of 18 false
//!   ones; lone sentences, which cannot attest a word, keep the base margin. One the article
//!   writes twice or more elsewhere asks only for `homophone_repeated_margin` (0.1: 高架 in
//!   three places, 効果化工事 once): on the dev articles, 4 more true findings and 1 more
//!   false one. The finding then shows where the article writes the word. A word written
//!   in a grammatical slot neither dictionary lets it take (論文を気候した, 気象な動物) needs
//!   no margin when a word of its reading takes it and fits the sentence better at all.
//! - `near-homophone`: the same for a single noun and a word one mora away in reading
//!   (voicing, a long vowel, a geminate: 部下 ブカ among 値上がり and 上昇 → 物価 ブッカ), the
//!   slips speech-to-text makes between two real words. Every noun is a target, so the
//!   margin is wider (`near_homophone_margin`, default 0.3: 0.25 flagged 2 of 242 correct dev
//!   sentences, 0.3 none). On the harness: near-reading sentences 29 → 49 of 122, no
//!   finding on the 435 clean dev articles, one more (info) on 450 JHARS documents.
//! - `near-reading`: the reading is one mora away inside the swapped part (voicing, a long
//!   vowel, a geminate: 経営破談 ハダン → 経営破綻 ハタン). Weaker: reported one severity level
//!   below the rule's, and the candidate is only a suggestion. The lexicon lacks many
//!   correct compounds (裁判制度 reads one mora from 再販制度), so a near reading counts only
//!   for a swapped part that makes fewer than [`NEAR_MIN_COMPOUNDS`] lexicon compounds on
//!   its side (破談 ends none, 裁判 starts dozens) and is not an adverbial noun (当時). On the
//!   harness: 29 of 122 dev near-reading sentences (1 without the signal), none of 242
//!   correct dev sentences, 0.9 times per 100 JHARS documents (at info).
//!
//! With the `homophone` signal on, its word vectors also judge runs: a run whose written word
//! (the tokens where it and the candidate differ: 公演 of 記念公演, against 公園) fits the
//! sentence's content words better than the candidate's word by more than
//! [`WRITTEN_FITS_MARGIN`] is a compound the lexicon lacks, written on purpose, and is not
//! reported (記念公演 in a sentence about a concert; 既製緩和 among 民泊 and 事業者 stays).
//!
//! A run whose swapped word the text writes on its own elsewhere (運航状況 in an article that
//! also writes 欠航や運航の見合わせ) is not reported: a misconversion puts in a word the writer
//! does not otherwise use. On the dev articles this dropped 11 findings, all false (運動期間,
//! 高温障害, 一部弁済 …), and no true one.
//!
//! Not reported: a swapped part that is only suffixes (厚生労働相 is not 厚生労働省), a proper
//! noun, an unknown word or a user-dictionary word; a single noun written right after a number
//! (IPADIC splits 1年6月下回った as 6|月下|回っ: 月下 is the counter and the next verb); a candidate that differs only in kana
//! spelling (焼きアナゴ, 焼き穴子; 口座振り込み, 口座振込) or swaps a different number of
//! characters (交換時期, 交換式); runs overlapping an occurrence of an `allow` term.
//!
//! Placeholders: `{match}` the run, `{reading}` its reading (hiragana), `{candidate}` the
//! lexicon word, `{candidate_reading}` its reading, `{evidence}` 同じ読み or 読みの近い語,
//! `{reason}` why the written word is suspect (辞書にない語です, or for a homophone
//! 文の内容（個人消費・回復）に合いにくい語です), `{context}` a homophone's sentence words
//! that favour the candidate (empty for runs).

mod homophone;

use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use homophone::Homophone;
use serde::Deserialize;

use super::{CompileContext, Context, normalize_terms};
use crate::algo::hash::FastHashMap;
use crate::error::FileError;
use crate::finding::{Applicability, Hit};
use crate::lang::ja::dictionary::{self, Place, Word};
use crate::lang::ja::{Analysis, LexiconId, is_kanji, katakana};
use crate::rules::message::Message;
use crate::rules::spec::RuleSource;
use crate::span::Span;

/// How much better (weighted mean cosine with the sentence) the written word of a run must
/// fit than the candidate's word for the run to count as a compound written on purpose.
const WRITTEN_FITS_MARGIN: f32 = 0.2;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// Which evidence to report: `same-reading` (the run reads exactly like a lexicon
    /// compound that keeps its other part), `near-reading` (one mora away, reported one
    /// severity level lower), `homophone` (a single noun that a word of the same reading
    /// fits the sentence much better than, by word vectors; one level lower) and
    /// `near-homophone` (the same for a word one mora away in reading, by a wider margin; one
    /// level lower). Default:
    /// `[same-reading]`; a near reading counts only for a part that makes almost no
    /// compounds on its side (裁判制度 is not 再販制度).
    #[serde(default = "default_signals")]
    pub signals: Vec<Signal>,
    /// Terms (product names, people, house terms) that are never reported: a run that
    /// overlaps one of their occurrences is skipped. Words of the user dictionary (`--user-dict`) are never swapped either.
    #[serde(default)]
    pub allow: Vec<String>,
    /// The longest run of tokens read as one word (2–8).
    #[serde(default = "default_max_tokens")]
    pub max_tokens: usize,
    /// The fewest characters of the run that the candidate must keep (記者 of 記者改憲).
    #[serde(default = "two")]
    pub min_kept_chars: usize,
    /// The fewest characters of the swapped part (改憲 of 記者改憲).
    #[serde(default = "two")]
    pub min_replaced_chars: usize,
    /// The fewest short units of a candidate: 2 asks for a compound of the lexicon.
    #[serde(default = "two_units")]
    pub min_units: u8,
    /// Whether a same-reading finding with exactly one candidate is a safe fix (`--fix`
    /// applies it). Otherwise, and always for near readings and homophones, the candidates
    /// are suggestions.
    #[serde(default)]
    pub safe_fix: bool,
    /// `homophone` only: how much better (in mean cosine to the sentence's content words) a
    /// word of the same reading must fit than the word written, 0–1. Default 0.18; lower
    /// finds more misconversions and flags more correct words.
    #[serde(default)]
    pub homophone_margin: Option<f32>,
    /// `homophone` only: the margin for a word of the same reading that an article (five
    /// sentences or more) never writes, 0–1. Default 0.22. A slip replaces a word the article
    /// uses (it writes 景気 elsewhere and 契機 once); a word it never writes (大将 for 対象) is
    /// seldom what was meant, so the written word gets more benefit of the doubt.
    /// `homophone_margin` applies when the document writes the word elsewhere, and to shorter
    /// texts, which have no room to write it.
    #[serde(default)]
    pub homophone_unattested_margin: Option<f32>,
    /// `homophone` only: the margin for a word of the same reading that the article writes
    /// twice or more elsewhere, 0–1. Default 0.1. A misconversion is an inconsistent spelling
    /// of a word the article uses: where it writes 高架 in three places, 効果 once among
    /// 工事 and 列車 needs less evidence. The finding shows where the article writes the word.
    #[serde(default)]
    pub homophone_repeated_margin: Option<f32>,
    /// `homophone` and `near-homophone`: the fewest content words of the sentence with a
    /// vector (besides the word itself) for its context to be judged, 1–20. Default 3.
    #[serde(default)]
    pub homophone_min_context: Option<usize>,
    /// `near-homophone` only: how much better a word one mora away in reading must fit the
    /// sentence than the word written, 0–1. Default 0.3: a near reading is weaker evidence
    /// than the same reading, so it asks for a wider margin than `homophone_margin`.
    #[serde(default)]
    pub near_homophone_margin: Option<f32>,
    /// `same-reading` with `homophone`'s word vectors: a run that keeps fewer characters than
    /// `min_kept_chars`, down to one (点 of 先生点 → 先制点), is reported only when the
    /// candidate's word fits the run's sentence better than the written word by at least this
    /// much, 0–1 (a kept suffix alone is weak evidence: novel compounds with 点, 者 or 性 are
    /// common). Off when absent.
    #[serde(default)]
    pub short_kept_margin: Option<f32>,
}

fn default_signals() -> Vec<Signal> {
    vec![Signal::SameReading]
}

fn default_max_tokens() -> usize {
    4
}

fn two() -> usize {
    2
}

fn two_units() -> u8 {
    2
}

/// A kind of evidence the rule reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    /// The run reads exactly like a lexicon compound keeping its other part (既製緩和 →
    /// 規制緩和).
    SameReading,
    /// The run reads one mora away from one (経営破談 → 経営破綻).
    NearReading,
    /// A single noun has a word of the same reading that fits the sentence's other words
    /// much better, by word vectors (契機 next to 個人消費 and 回復 → 景気). Reported one
    /// severity level lower.
    Homophone,
    /// A single noun has a word one mora away in reading (voicing, a long vowel, a geminate)
    /// that fits the sentence's other words much better, by word vectors (部下 next to 上昇
    /// and 家計 → 物価). Reported one severity level lower.
    NearHomophone,
}

pub const PLACEHOLDERS: &[&str] = &[
    "match",
    "reading",
    "candidate",
    "candidate_reading",
    "evidence",
    "reason",
    "context",
];

/// Defaults of the `homophone` signal (measured on eval/garble/dev.yaml and eval/corpus/dev).
const DEFAULT_HOMOPHONE_MARGIN: f32 = 0.18;
const DEFAULT_HOMOPHONE_MIN_CONTEXT: usize = 3;
const DEFAULT_NEAR_HOMOPHONE_MARGIN: f32 = 0.3;
const DEFAULT_HOMOPHONE_UNATTESTED_MARGIN: f32 = 0.22;
const DEFAULT_HOMOPHONE_REPEATED_MARGIN: f32 = 0.1;

/// How many lexicon compounds a swapped part may start or end before a near reading of it
/// is no evidence (measured on eval/garble/dev-near.yaml and the clean articles).
const NEAR_MIN_COMPOUNDS: usize = 3;

/// The most tokens of a lexicon word a window may lie inside (緊急/事態/宣言).
const MAX_WORD_TOKENS: usize = 8;

/// The most characters a kept or swapped part is compared over; runs are short.
const MAX_REPLACED_TOKENS: usize = 2;

#[derive(Debug)]
pub struct Reading {
    same: bool,
    near: bool,
    /// The `homophone` signal's settings, when it is on.
    homophone: Option<Homophone>,
    /// The `allow` terms; a window overlapping one of their occurrences is skipped.
    allow: Option<AhoCorasick>,
    max_tokens: usize,
    min_kept_chars: usize,
    min_replaced_chars: usize,
    min_units: u8,
    safe_fix: bool,
    /// `short_kept_margin`.
    short_kept_margin: Option<f32>,
    /// Variant kanji and their common forms (`kanji-variants`: 藝 → 芸).
    variants: FastHashMap<char, char>,
}

/// A run reported as a likely misconversion.
#[derive(Debug)]
struct Found {
    span: Span,
    /// The window's reading in katakana.
    reading: String,
    exact: bool,
    candidates: Vec<Word>,
    /// Whether the candidates keep fewer characters than `min_kept_chars` (see
    /// `short_kept_margin`).
    short: bool,
}

impl super::RuleKind for Reading {
    const NAME: &'static str = "reading";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    /// `light-verbs`: not context words of the `homophone` signal (する says nothing of a
    /// sentence's subject).
    const LEXICONS: &'static [LexiconId] = &[LexiconId::LightVerbs, LexiconId::KanjiVariants];
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let mut errors = Vec::new();
        if spec.signals.is_empty() {
            errors.push(
                src.error(
                    src.key("signals"),
                    "`signals` is empty: the rule reports nothing",
                )
                .with_help("signals: [same-reading, near-reading]"),
            );
        }
        if !(2..=8).contains(&spec.max_tokens) {
            errors.push(src.error(
                src.key("max_tokens"),
                format!("`max_tokens` is {}; it must be 2 to 8", spec.max_tokens),
            ));
        }
        if spec.min_kept_chars == 0 || spec.min_replaced_chars == 0 {
            errors.push(src.error(
                src.key(if spec.min_kept_chars == 0 {
                    "min_kept_chars"
                } else {
                    "min_replaced_chars"
                }),
                "a part of the run must have at least one character",
            ));
        }
        let homophone = spec.signals.contains(&Signal::Homophone);
        let near_homophone = spec.signals.contains(&Signal::NearHomophone);
        for (key, set, on, signal) in [
            (
                "homophone_margin",
                spec.homophone_margin.is_some(),
                homophone,
                "homophone",
            ),
            (
                "homophone_unattested_margin",
                spec.homophone_unattested_margin.is_some(),
                homophone,
                "homophone",
            ),
            (
                "homophone_repeated_margin",
                spec.homophone_repeated_margin.is_some(),
                homophone,
                "homophone",
            ),
            (
                "homophone_min_context",
                spec.homophone_min_context.is_some(),
                homophone || near_homophone,
                "homophone",
            ),
            (
                "near_homophone_margin",
                spec.near_homophone_margin.is_some(),
                near_homophone,
                "near-homophone",
            ),
            (
                "short_kept_margin",
                spec.short_kept_margin.is_some(),
                homophone,
                "homophone",
            ),
        ] {
            if set && !on {
                errors.push(
                    src.error(
                        src.key(key),
                        format!("`{key}` is set but `signals` does not include `{signal}`"),
                    )
                    .with_help(format!("signals: [same-reading, {signal}]")),
                );
            }
        }
        let margin = spec.homophone_margin.unwrap_or(DEFAULT_HOMOPHONE_MARGIN);
        let near_margin = spec
            .near_homophone_margin
            .unwrap_or(DEFAULT_NEAR_HOMOPHONE_MARGIN);
        let unattested_margin = spec
            .homophone_unattested_margin
            .unwrap_or(DEFAULT_HOMOPHONE_UNATTESTED_MARGIN);
        let repeated_margin = spec
            .homophone_repeated_margin
            .unwrap_or(DEFAULT_HOMOPHONE_REPEATED_MARGIN);
        for (key, value) in [
            ("homophone_margin", margin),
            ("homophone_unattested_margin", unattested_margin),
            ("homophone_repeated_margin", repeated_margin),
            ("near_homophone_margin", near_margin),
            ("short_kept_margin", spec.short_kept_margin.unwrap_or(0.0)),
        ] {
            if !(0.0..=1.0).contains(&value) {
                errors.push(src.error(
                    src.key(key),
                    format!("`{key}` is {value}; it must be 0 to 1"),
                ));
            }
        }
        let min_context = spec
            .homophone_min_context
            .unwrap_or(DEFAULT_HOMOPHONE_MIN_CONTEXT);
        if !(1..=20).contains(&min_context) {
            errors.push(src.error(
                src.key("homophone_min_context"),
                format!("`homophone_min_context` is {min_context}; it must be 1 to 20"),
            ));
        }
        let allow = normalize_terms(&spec.allow, "allow", src, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let allow = (!allow.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(&allow)
                .expect("literal terms always build")
        });
        let variants = context
            .lexicons
            .get(LexiconId::KanjiVariants)
            .iter()
            .filter_map(|entry| {
                let (variant, common) = entry.split_once('=')?;
                let one = |s: &str| {
                    let mut chars = s.chars();
                    chars.next().filter(|_| chars.next().is_none())
                };
                Some((one(variant)?, one(common)?))
            })
            .collect();
        Ok(Reading {
            variants,
            same: spec.signals.contains(&Signal::SameReading),
            near: spec.signals.contains(&Signal::NearReading),
            homophone: (homophone || near_homophone).then(|| Homophone {
                margin: homophone.then_some(margin),
                unattested_margin,
                repeated_margin,
                near_margin: near_homophone.then_some(near_margin),
                min_context,
                lexicons: context.lexicons.clone(),
            }),
            allow,
            max_tokens: spec.max_tokens,
            min_kept_chars: spec.min_kept_chars,
            min_replaced_chars: spec.min_replaced_chars,
            min_units: spec.min_units,
            safe_fix: spec.safe_fix,
            short_kept_margin: spec.short_kept_margin,
        })
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let a = ctx.analysis;
        let n = a.tokens.len();
        let allowed: Vec<Span> = match &self.allow {
            Some(ac) => ac
                .find_iter(a.text)
                .map(|m| Span::new(m.start(), m.end()))
                .collect(),
            None => Vec::new(),
        };
        let mut found = Vec::new();
        let mut i = if self.same || self.near { 0 } else { n };
        while i < n {
            if !is_run_token(a, i) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < n && is_run_token(a, j) && a.tokens[j].span.start == a.tokens[j - 1].span.end
            {
                j += 1;
            }
            if j - i >= 2 {
                self.check_run(a, i, j, &allowed, &mut found);
            }
            i = j;
        }
        // 先生点 / 先制点: a run that keeps one character only stands when the candidate's
        // word fits its sentence clearly better (`short_kept_margin`); judged before it can
        // shadow an overlapping window (賞首相者, a near reading of 受賞者).
        found.retain(|f| {
            !f.short
                || self
                    .homophone
                    .as_ref()
                    .and_then(|h| self.swap_gain(ctx, h, f))
                    .zip(self.short_kept_margin)
                    .is_some_and(|(g, m)| g >= m)
        });
        // Overlapping windows of one run: the surest (same reading), then the longest.
        found.sort_by(|x, y| {
            y.exact
                .cmp(&x.exact)
                .then(y.span.len().cmp(&x.span.len()))
                .then(x.span.start.cmp(&y.span.start))
        });
        let mut kept: Vec<Found> = Vec::new();
        for f in found {
            if kept
                .iter()
                .all(|k| k.span.end <= f.span.start || f.span.end <= k.span.start)
            {
                kept.push(f);
            }
        }
        kept.sort_by_key(|f| f.span.start);
        // 運航状況 for 運行状況 in an article that writes 運航 on its own elsewhere: the
        // writer uses the word; the compound is written on purpose.
        kept.retain(|f| !written_elsewhere(a, f));
        // 記念公演 / 記念公園, 運動期間 / 運動器官: a compound the lexicon lacks whose written
        // part fits its sentence at least as well as the candidate's part (by word vectors)
        // is more likely a compound written on purpose than a misconversion.
        if let Some(homophone) = &self.homophone {
            kept.retain(|f| {
                !self
                    .swap_gain(ctx, homophone, f)
                    .is_some_and(|g| g < -WRITTEN_FITS_MARGIN)
            });
        }
        let start = out.len();
        for f in kept {
            out.push(self.hit(a, f, message));
        }
        if let Some(homophone) = &self.homophone {
            let taken: Vec<Span> = out[start..].iter().map(|h| h.span).collect();
            homophone.check(ctx, &allowed, &taken, message, out);
            out[start..].sort_by_key(|h| h.span.start);
        }
    }
}

impl Reading {
    /// Whether `written` is `word` with some kanji in a variant form (藝術大学 / 芸術大学,
    /// 附属病院 / 付属病院): another spelling of the word, not a misconversion.
    fn variant_spelling(&self, written: &str, word: &str) -> bool {
        written.chars().count() == word.chars().count()
            && written != word
            && written
                .chars()
                .zip(word.chars())
                .all(|(x, y)| x == y || self.variants.get(&x) == Some(&y))
    }

    fn hit(&self, a: &Analysis<'_>, f: Found, message: &Message) -> Hit {
        let best = f.candidates[0];
        let candidate_reading = hiragana(&best.reading());
        let m = &a.text[f.span.range()];
        let text = message.render(&[
            ("match", m),
            ("reason", "辞書にない語です"),
            ("reading", &hiragana(&f.reading)),
            ("candidate", best.surface),
            ("candidate_reading", &candidate_reading),
            (
                "evidence",
                if f.exact {
                    "同じ読み"
                } else {
                    "読みの近い語"
                },
            ),
        ]);
        let mut hit = Hit::new(f.span, text);
        let safe = self.safe_fix && f.exact && !f.short && f.candidates.len() == 1;
        for c in f.candidates.iter().take(3) {
            let applicability = match safe {
                true => Applicability::Safe,
                false => Applicability::Suggestion,
            };
            hit = hit.with_fix_as(f.span, c.surface, applicability);
        }
        // A near reading, or a run that keeps one character only: weaker evidence.
        if f.exact && !f.short {
            hit
        } else {
            hit.weaker()
        }
    }

    /// How much better the candidate's word fits the run's sentence than the word of `f`'s run
    /// that its best candidate swaps (the run's tokens where the two differ: 公演 of 記念公演
    /// against 公園), by [`Homophone::gain`]: below `-WRITTEN_FITS_MARGIN`, the written word
    /// fits clearly better. No vectors, or too little context: `None`.
    fn swap_gain(&self, ctx: &Context<'_>, homophone: &Homophone, f: &Found) -> Option<f32> {
        let a = ctx.analysis;
        let written = &a.text[f.span.range()];
        let candidate = f.candidates[0].surface;
        let (w, c): (Vec<char>, Vec<char>) =
            (written.chars().collect(), candidate.chars().collect());
        if w.len() != c.len() {
            return None;
        }
        let first = (0..w.len()).find(|&k| w[k] != c[k])?;
        let last = (0..w.len()).rev().find(|&k| w[k] != c[k]).unwrap_or(first);
        // The run's tokens that hold the differing characters, as character offsets.
        let run = a.within(f.span);
        let mut offset = 0;
        let (mut from, mut to) = (None, 0);
        for i in run.clone() {
            let n = a.surface(i).chars().count();
            if offset + n > first && offset <= last {
                from.get_or_insert(offset);
                to = offset + n;
            }
            offset += n;
        }
        let from = from?;
        let to = to.min(w.len());
        let written_part: String = w[from..to].iter().collect();
        let candidate_part: String = c[from..to].iter().collect();
        let sentence = ctx.doc.sentence_at(f.span.start)?;
        homophone.gain(
            a,
            a.within(sentence.span),
            run,
            &written_part,
            &candidate_part,
        )
    }

    /// Whether a lexicon word read `key` may be a candidate (the filter knows compounds).
    fn may_be_candidate(&self, key: &[u8]) -> bool {
        self.min_units < 2 || dictionary::may_be_compound_reading(key)
    }

    /// Every window of the run `start..end` (token indices) with a candidate.
    fn check_run(
        &self,
        a: &Analysis<'_>,
        start: usize,
        end: usize,
        allowed: &[Span],
        found: &mut Vec<Found>,
    ) {
        let readings: Vec<Option<Vec<u8>>> = (start..end).map(|i| reading_key(a, i)).collect();
        let mut key = Vec::new();
        for from in start..end {
            for to in from + 2..=end.min(from + self.max_tokens) {
                let span = Span::new(a.tokens[from].span.start, a.tokens[to - 1].span.end);
                let surface = &a.text[span.range()];
                // Too short to keep one part and swap another (大規模, 新制度).
                if surface.chars().count() < self.kept_floor() + self.min_replaced_chars {
                    continue;
                }
                key.clear();
                if readings[from - start..to - start]
                    .iter()
                    .any(|r| r.as_ref().map(|r| key.extend_from_slice(r)).is_none())
                {
                    continue;
                }
                // The lexicon lookup by reading first: almost every run of real words has
                // no compound of its reading, and that ends the work on it.
                let exact: Vec<Word> = match self.same && self.may_be_candidate(&key) {
                    true => dictionary::with_reading_key(&key).collect(),
                    false => Vec::new(),
                };
                if exact.is_empty() && !(self.near && self.near_possible(a, from, to)) {
                    continue;
                }
                // A run that is a word read as IPADIC reads it is among `exact`; one read
                // otherwise needs the lookup by surface.
                if !surface.chars().any(is_kanji)
                    || overlaps_any(allowed, span)
                    || exact.iter().any(|w| w.surface == surface)
                    || dictionary::contains(surface)
                {
                    continue;
                }
                let window = Window {
                    from,
                    to,
                    span,
                    key: &key,
                    readings: &readings[from - start..],
                };
                if let Some(f) = self.window(a, &window, exact)
                    && !inside_a_word(a, start..end, from..to)
                {
                    found.push(f);
                }
            }
        }
    }

    /// The candidates for a window: `exact` are the lexicon words read like it.
    fn window(&self, a: &Analysis<'_>, w: &Window<'_>, exact: Vec<Word>) -> Option<Found> {
        let surface = &a.text[w.span.range()];
        let mut near: Vec<Word> = Vec::new();
        let mut same: Vec<Word> = Vec::new();
        let length = |r: &[Option<Vec<u8>>]| -> usize {
            r.iter().map(|r| r.as_ref().map_or(0, Vec::len)).sum()
        };
        let fits = |part: &Parts<'_>, c: &Word| {
            part.fits(surface, c, self.min_units)
                && changes_a_word(a, w.from, w.to, w.span, c)
                && !self.variant_spelling(surface, c.surface)
        };
        for (k, l, part) in self.parts(a, w, self.min_kept_chars) {
            same.extend(exact.iter().copied().filter(|c| fits(&part, c)));
            // A near reading is weak evidence: only for a part that makes no compounds
            // on that side (破談 ends none; 制度 of 裁判制度 ends hundreds).
            // An adverbial noun (当時 of 当時教育次長) stands apart from what follows it.
            let adverbial = (k..l).any(|i| a.features(i).pos.is_adverbial_noun());
            if self.near && same.is_empty() && !adverbial && !part.makes_compounds() {
                let lo = length(&w.readings[..k - w.from]);
                let hi = lo + length(&w.readings[k - w.from..l - w.from]);
                for variant in one_mora_away_kept(w.key, lo, hi, |v| self.may_be_candidate(v)) {
                    near.extend(dictionary::with_reading_key(&variant).filter(|c| fits(&part, c)));
                }
            }
        }
        // 先生点 → 先制点: with `short_kept_margin`, a same-reading candidate that keeps less
        // (one character), judged later by the sentence.
        let mut short = false;
        if same.is_empty() && near.is_empty() && self.short_kept_margin.is_some() {
            for (_, _, part) in self.parts(a, w, 1) {
                same.extend(exact.iter().copied().filter(|c| fits(&part, c)));
            }
            short = !same.is_empty();
        }
        let (exact, mut candidates) = if !same.is_empty() {
            (true, same)
        } else {
            (false, near)
        };
        if candidates.is_empty() {
            return None;
        }
        candidates.sort_by(|x, y| {
            x.cost
                .cmp(&y.cost)
                .then(x.surface.cmp(y.surface))
                .then(x.reading().cmp(&y.reading()))
        });
        candidates.dedup_by(|x, y| x.surface == y.surface);
        Some(Found {
            span: w.span,
            reading: dictionary::key_to_reading(w.key),
            exact,
            candidates,
            short,
        })
    }

    /// The parts of window `w` that may be swapped, keeping at least `min_kept` characters:
    /// tokens `k..l` (one or two, never the whole window) with what they keep.
    fn parts<'t>(
        &'t self,
        a: &'t Analysis<'t>,
        w: &'t Window<'_>,
        min_kept: usize,
    ) -> impl Iterator<Item = (usize, usize, Parts<'t>)> + 't {
        (w.from..w.to).flat_map(move |k| {
            (k + 1..=w.to.min(k + MAX_REPLACED_TOKENS))
                .filter(move |&l| l - k != w.to - w.from)
                .filter_map(move |l| {
                    self.swappable(a, w.from, w.to, k, l, min_kept)
                        .map(|part| (k, l, part))
                })
        })
    }

    /// The fewest characters a candidate may keep: one with `short_kept_margin`.
    fn kept_floor(&self) -> usize {
        match self.short_kept_margin {
            Some(_) => 1,
            None => self.min_kept_chars,
        }
    }

    /// Whether some part of the window `from..to` may carry a near reading: one or two
    /// tokens, not the whole window, long enough, not adverbial, making almost no compounds
    /// on their side (see [`makes_compounds_on_its_side`]). A cheap gate before the lexicon lookups
    /// of the window (most windows are common words that make compounds freely); `window`
    /// checks the rest.
    fn near_possible(&self, a: &Analysis<'_>, from: usize, to: usize) -> bool {
        (from..to).any(|k| {
            (k + 1..=to.min(k + MAX_REPLACED_TOKENS)).any(|l| {
                if l - k == to - from || (k..l).any(|i| a.features(i).pos.is_adverbial_noun()) {
                    return false;
                }
                let part = &a.text[a.tokens[k].span.start..a.tokens[l - 1].span.end];
                part.chars().count() >= self.min_replaced_chars
                    && !makes_compounds_on_its_side(part, k == from, l == to)
            })
        })
    }

    /// The kept and swapped parts when tokens `k..l` of the window `from..to` may be swapped.
    fn swappable<'t>(
        &self,
        a: &Analysis<'t>,
        from: usize,
        to: usize,
        k: usize,
        l: usize,
        min_kept: usize,
    ) -> Option<Parts<'t>> {
        let text = a.text;
        let t = &a.tokens;
        let prefix = &text[t[from].span.start..t[k].span.start];
        let swapped = &text[t[k].span.start..t[l - 1].span.end];
        let suffix = &text[t[l - 1].span.end..t[to - 1].span.end];
        let chars = |s: &str| s.chars().count();
        let all_suffixes = (k..l).all(|i| a.features(i).pos.is_suffix());
        let vouched = (k..l)
            .any(|i| a.is_user_word(i) || a.is_unknown(i) || a.features(i).pos.is_proper_noun());
        (chars(swapped) >= self.min_replaced_chars
            && chars(prefix) + chars(suffix) >= min_kept
            && swapped.chars().any(is_kanji)
            && !all_suffixes
            && !vouched)
            .then_some(Parts {
                prefix,
                swapped,
                suffix,
            })
    }
}

/// Tokens `from..to` of a run, with the reading key of the window and of each token from
/// `from` on.
struct Window<'w> {
    from: usize,
    to: usize,
    span: Span,
    key: &'w [u8],
    readings: &'w [Option<Vec<u8>>],
}

/// Whether the word a run's finding would swap out (運航 of 運航状況, against 運行状況) is
/// written on its own elsewhere in the text, outside every occurrence of the run: a
/// misconversion puts in a word the writer does not otherwise use, so a writer who uses it
/// meant the compound (欠航や運航の見合わせ … 運航状況). A part of one character (会 of
/// 工作機会) is a piece of many words and is not looked for.
fn written_elsewhere(a: &Analysis<'_>, f: &Found) -> bool {
    let written = &a.text[f.span.range()];
    let word = f.candidates[0].surface;
    if written.chars().count() != word.chars().count() {
        return false;
    }
    let changed = changed_span(a, f.span, word);
    if changed.is_empty() {
        return false;
    }
    // The run's tokens the difference falls in: the word written.
    let part: String = (a.first_at(f.span.start)..a.tokens.len())
        .take_while(|&i| a.tokens[i].span.end <= f.span.end)
        .filter(|&i| {
            let t = a.tokens[i].span;
            t.end > changed.start && t.start < changed.end
        })
        .map(|i| a.surface(i))
        .collect();
    if part.chars().count() < 2 {
        return false;
    }
    let repeats: Vec<(usize, usize)> = a
        .text
        .match_indices(written)
        .map(|(at, m)| (at, at + m.len()))
        .collect();
    a.tokens_with_surface(&part).iter().any(|&i| {
        let t = a.tokens[i as usize].span;
        a.surface(i as usize) == part && !repeats.iter().any(|&(x, y)| x <= t.start && t.end <= y)
    })
}

/// A window split into the part that may be misconverted and the parts around it.
struct Parts<'t> {
    prefix: &'t str,
    swapped: &'t str,
    suffix: &'t str,
}

impl Parts<'_> {
    /// `w` keeps the prefix and suffix, swaps the middle for as many characters of other
    /// kanji (not another kana spelling: 口座振り込み, 口座振込), is a noun compound, and puts
    /// in a noun of the lexicon (for an EDICT-only compound, one no rarer than the word
    /// written).
    fn fits(&self, window: &str, w: &Word, min_units: u8) -> bool {
        let s = w.surface;
        if s == window
            || !w.classes.is_noun()
            || w.units < min_units
            || s.len() <= self.prefix.len() + self.suffix.len()
            || !s.starts_with(self.prefix)
            || !s.ends_with(self.suffix)
        {
            return false;
        }
        let Some(middle) = s.get(self.prefix.len()..s.len() - self.suffix.len()) else {
            return false;
        };
        let kanji = |s: &str| s.chars().filter(|&c| is_kanji(c)).collect::<String>();
        if !(middle.chars().any(is_kanji)
            && middle.chars().count() == self.swapped.chars().count()
            && as_katakana(middle) != as_katakana(self.swapped)
            && kanji(s) != kanji(window))
        {
            return false;
        }
        // A misconversion swaps a word for a word: what the candidate puts in the swapped
        // part's place is itself a noun of the lexicon (企業誘致 is not 企業 + 有地).
        let Some(put_in) = commonest_noun(middle) else {
            return false;
        };
        // An EDICT compound has no frequency behind it: when the word written is commoner
        // than the one the compound puts in its place (協力体制 and 協力態勢 are both in use),
        // the run is more likely a compound EDICT lacks than a misconversion; unless EDICT
        // marks the compound itself common (工作機械 for 工作機会).
        !(w.from_edict()
            && !w.is_common_edict()
            && commonest_noun(self.swapped).is_some_and(|written| written < put_in))
    }

    /// Whether the swapped part freely makes compounds on its side of the window (see
    /// [`makes_compounds_on_its_side`]).
    fn makes_compounds(&self) -> bool {
        makes_compounds_on_its_side(self.swapped, self.prefix.is_empty(), self.suffix.is_empty())
    }
}

/// Whether `part` starts (when it opens the window, `first`), ends (when it closes it,
/// `last`), or, in the middle, starts or ends at least [`NEAR_MIN_COMPOUNDS`] noun compounds
/// of the lexicon: a word that freely makes compounds there (価格 of 石油価格, 裁判 of 裁判制度)
/// is written on purpose, not misheard.
fn makes_compounds_on_its_side(part: &str, first: bool, last: bool) -> bool {
    let enough = |place| makes_compounds_at(part, place);
    match (first, last) {
        (true, _) => enough(Place::Start),
        (false, true) => enough(Place::End),
        (false, false) => enough(Place::Start) || enough(Place::End),
    }
}

/// Whether `part` starts (or ends) at least [`NEAR_MIN_COMPOUNDS`] noun compounds of the
/// lexicon. Memoised per thread ([`crate::algo::memo`]), one memo per side: every window of a
/// run asks it of the same few words, and articles share most of theirs.
fn makes_compounds_at(part: &str, place: Place) -> bool {
    use crate::algo::memo::{Memo, memoised};
    thread_local! {
        static STARTS: Memo<String, bool> = Memo::default();
        static ENDS: Memo<String, bool> = Memo::default();
    }
    let memo = match place {
        Place::End => &ENDS,
        Place::Start => &STARTS,
    };
    memoised(memo, part, || {
        dictionary::compounds_with(part, place, NEAR_MIN_COMPOUNDS) >= NEAR_MIN_COMPOUNDS
    })
}

/// The cost of the commonest noun spelled `s` in the lexicon.
fn commonest_noun(s: &str) -> Option<u8> {
    dictionary::get(s)
        .filter(|m| m.classes.is_noun())
        .map(|m| m.cost)
        .min()
}

/// Whether tokens `window` lie inside a longer stretch of the run `run` that is a lexicon
/// word: 事態宣言 is not a compound of its own inside 緊急事態宣言.
fn inside_a_word(a: &Analysis<'_>, run: Range<usize>, window: Range<usize>) -> bool {
    (run.start..=window.start).any(|from| {
        (window.end..=run.end.min(from + MAX_WORD_TOKENS)).any(|to| {
            (from, to) != (window.start, window.end)
                && to > from
                && dictionary::contains(
                    &a.text[a.tokens[from].span.start..a.tokens[to - 1].span.end],
                )
        })
    })
}

/// Whether `span` overlaps one of `spans` (sorted, not overlapping each other).
fn overlaps_any(spans: &[Span], span: Span) -> bool {
    let i = spans.partition_point(|s| s.end <= span.start);
    spans.get(i).is_some_and(|s| s.start < span.end)
}

/// The bytes of the window at `span` that `word` writes otherwise: between the prefix and the
/// suffix they share (empty, at the end of the shared prefix, when nothing is left between).
fn changed_span(a: &Analysis<'_>, span: Span, word: &str) -> Span {
    let window = &a.text[span.range()];
    let same_start: usize = window
        .chars()
        .zip(word.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    let same_end: usize = window
        .chars()
        .rev()
        .zip(word.chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum();
    Span::new(
        span.start + same_start.min(window.len()),
        (span.end - same_end.min(window.len())).max(span.start + same_start.min(window.len())),
    )
}

/// Whether the characters `w` changes in the window (between the prefix and suffix they
/// share) touch a token that is not a suffix: 厚生労働相 → 厚生労働省 only changes 相.
fn changes_a_word(a: &Analysis<'_>, from: usize, to: usize, span: Span, w: &Word) -> bool {
    let changed = changed_span(a, span, w.surface);
    (from..to).any(|i| {
        let t = a.tokens[i].span;
        let touches = if changed.is_empty() {
            t.start <= changed.start && changed.start <= t.end
        } else {
            t.start < changed.end && changed.start < t.end
        };
        touches && !a.features(i).pos.is_suffix()
    })
}

/// Tokens a compound is made of: nouns (not pronouns, dependent nouns or digits), prefixes.
fn is_run_token(a: &Analysis<'_>, i: usize) -> bool {
    let pos = a.features(i).pos;
    if pos.is_prefix() {
        return true;
    }
    if !pos.is_noun() || pos.is_pronoun() || pos.is_dependent_noun() {
        return false;
    }
    !pos.is_number() || a.surface(i).chars().all(is_kanji)
}

/// Token `i`'s reading as a lexicon key, `None` when it is not all kana (an unknown word).
fn reading_key(a: &Analysis<'_>, i: usize) -> Option<Vec<u8>> {
    dictionary::reading_key(a.reading(i))
}

fn as_katakana(s: &str) -> String {
    s.chars().map(katakana).collect()
}

fn hiragana(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{30A1}'..='\u{30F6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Voiced and unvoiced pairs (カ/ガ, ハ/バ/パ): the commonest slip of a misheard reading.
const VOICING: &[(char, char)] = &[
    ('カ', 'ガ'),
    ('キ', 'ギ'),
    ('ク', 'グ'),
    ('ケ', 'ゲ'),
    ('コ', 'ゴ'),
    ('サ', 'ザ'),
    ('シ', 'ジ'),
    ('ス', 'ズ'),
    ('セ', 'ゼ'),
    ('ソ', 'ゾ'),
    ('タ', 'ダ'),
    ('チ', 'ヂ'),
    ('ツ', 'ヅ'),
    ('テ', 'デ'),
    ('ト', 'ド'),
    ('ハ', 'バ'),
    ('ヒ', 'ビ'),
    ('フ', 'ブ'),
    ('ヘ', 'ベ'),
    ('ホ', 'ボ'),
    ('ハ', 'パ'),
    ('ヒ', 'ピ'),
    ('フ', 'プ'),
    ('ヘ', 'ペ'),
    ('ホ', 'ポ'),
    ('バ', 'パ'),
    ('ビ', 'ピ'),
    ('ブ', 'プ'),
    ('ベ', 'ペ'),
    ('ボ', 'ポ'),
];

/// Marks that a mishearing drops or adds: a long vowel, a geminate.
const LENGTH_MARKS: [char; 3] = ['ウ', 'ー', 'ッ'];

/// The lexicon key of a katakana character.
const fn key(c: char) -> u8 {
    (c as u32 - 0x30A0) as u8
}

/// Reading keys one mora from `reading` by a change inside `lo..hi` (positions): a voicing
/// change, or a long vowel or geminate dropped or added.
#[cfg(test)]
fn one_mora_away(reading: &[u8], lo: usize, hi: usize) -> Vec<Vec<u8>> {
    one_mora_away_kept(reading, lo, hi, |_| true)
}

/// [`one_mora_away`], keeping only the variants `keep` accepts: each variant is built in one
/// scratch buffer and copied only when kept (most fail the lexicon's reading filter).
fn one_mora_away_kept(
    reading: &[u8],
    lo: usize,
    hi: usize,
    keep: impl Fn(&[u8]) -> bool,
) -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = Vec::new();
    let mut scratch: Vec<u8> = Vec::with_capacity(reading.len() + 1);
    let mut try_variant = |i: usize, replacement: Option<u8>, skip: usize| {
        scratch.clear();
        scratch.extend_from_slice(&reading[..i]);
        scratch.extend(replacement);
        scratch.extend_from_slice(&reading[i + skip..]);
        if keep(&scratch) {
            out.push(scratch.clone());
        }
    };
    for (i, &c) in reading.iter().enumerate().take(hi).skip(lo) {
        for &(x, y) in VOICING {
            if c == key(x) {
                try_variant(i, Some(key(y)), 1);
            } else if c == key(y) {
                try_variant(i, Some(key(x)), 1);
            }
        }
        if LENGTH_MARKS.iter().any(|&m| key(m) == c) {
            try_variant(i, None, 1);
        }
    }
    for i in lo..=hi.min(reading.len()) {
        for m in LENGTH_MARKS {
            try_variant(i, Some(key(m)), 0);
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::one_mora_away;
    use crate::finding::{Applicability, Severity};
    use crate::rules::testing::{assert_hits, hits, rule_errors_from_yaml, rule_from_yaml};

    const RULE: &str = "kind: reading\nseverity: warning\nmessage: \"「{match}」は辞書にない語です。{evidence}（{candidate_reading}）の「{candidate}」の誤変換の可能性があります\"\n";

    #[test]
    fn a_run_read_like_a_listed_compound_is_reported_with_the_compound() {
        let rule = rule_from_yaml(RULE);
        let found = hits(&rule, "政府は民泊の既製緩和を打ち出した。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            found[0].message,
            "「既製緩和」は辞書にない語です。同じ読み（きせいかんわ）の「規制緩和」の誤変換の可能性があります"
        );
        assert_eq!(found[0].severity, Severity::Warning);
        assert_eq!(found[0].fixes[0].replacement, "規制緩和");
        assert_eq!(found[0].fixes[0].applicability, Applicability::Suggestion);
        assert_hits(&rule, "4月1日付の人事移動を発表した。", &["人事移動"]);
    }

    #[test]
    fn compounds_sudachi_lacks_come_from_edict_without_its_wrong_spellings() {
        use crate::lang::ja::dictionary;
        let rule = rule_from_yaml(RULE);
        // 書類送検 and 首相官邸 are EDICT compounds that SudachiDict core does not list.
        assert_hits(&rule, "県警は運転手を書類双肩した。", &["書類双肩"]);
        assert_hits(&rule, "与党幹部が首相鑑定を訪れた。", &["首相鑑定"]);
        assert_hits(&rule, "県警は運転手を書類送検した。", &[]);
        assert!(dictionary::contains("書類送検") && dictionary::contains("首相官邸"));
        // EDICT marks 主脳会談 as an irregular spelling of 首脳会談: not learnt as a word.
        assert!(!dictionary::contains("主脳会談"));
    }

    #[test]
    fn a_candidate_swaps_a_word_for_a_word() {
        let rule = rule_from_yaml(RULE);
        // 企業有地 (company land) reads like 企業誘致, but 有地 is no word: nothing to swap in.
        assert_hits(&rule, "市は企業誘致に力を入れている。", &[]);
    }

    #[test]
    fn an_edict_compound_is_no_candidate_when_the_word_written_is_commoner_unless_marked_common() {
        use crate::lang::ja::dictionary;
        let rule = rule_from_yaml(RULE);
        // 協力態勢 is an EDICT compound; 体制 is commoner than 態勢, and 協力体制 is in use.
        assert!(dictionary::get("協力態勢").all(|w| w.from_edict()));
        assert_hits(&rule, "近隣国との協力体制を強化する。", &[]);
        // 双肩 is not commoner than 送検: 書類双肩 is still reported.
        assert_hits(&rule, "警察は男を書類双肩する方針だ。", &["書類双肩"]);
        // 機会 is commoner than 機械, but EDICT marks 工作機械 common: 工作機会 is reported.
        assert!(dictionary::get("工作機械").all(|w| w.is_common_edict()));
        assert!(dictionary::get("協力態勢").all(|w| !w.is_common_edict()));
        assert_hits(
            &rule,
            "一方、工作機会向けの部品は中国市場の低迷が続いた。",
            &["工作機会"],
        );
    }

    #[test]
    fn listed_words_and_novel_compounds_of_real_words_are_not_reported() {
        let rule = rule_from_yaml(RULE);
        assert_hits(&rule, "政府は民泊の規制緩和を打ち出した。", &[]);
        assert_hits(&rule, "4月1日付の人事異動を発表した。", &[]);
        assert_hits(&rule, "市は観光振興の新計画と庁舎建設の予算を示した。", &[]);
        // A swapped suffix is not evidence: 厚生労働相 is a minister, not the ministry.
        assert_hits(&rule, "厚生労働相は会見で述べた。", &[]);
        // Two spellings of one word are not a misconversion.
        assert_hits(&rule, "名物の焼きアナゴを食べた。", &[]);
        assert_hits(&rule, "代金は口座振り込みで支払う。", &[]);
        assert_hits(&rule, "フィルターの交換時期を知らせる。", &[]);
        // Nor is a kanji in a traditional or variant form (`kanji-variants`), while another
        // kanji of the same reading still is.
        assert_hits(&rule, "県内の藝術大学を卒業した。", &[]);
        assert_hits(&rule, "大学の附属病院で手術を受けた。", &[]);
        assert_hits(&rule, "大学の負属病院で手術を受けた。", &["負属病院"]);
    }

    #[test]
    fn a_word_the_article_writes_on_its_own_is_no_misconversion_in_a_compound() {
        let rule = rule_from_yaml(RULE);
        assert_hits(&rule, "各社の運航状況を確認した。", &["運航状況"]);
        assert_hits(
            &rule,
            "強風で欠航や運航の見合わせが相次いだ。各社の運航状況を確認した。",
            &[],
        );
        // The run itself written twice is no use of the word on its own.
        assert_hits(
            &rule,
            "各社の運航状況を確認した。運航状況は随時更新される。",
            &["運航状況", "運航状況"],
        );
    }

    #[test]
    fn a_near_reading_is_weaker_evidence_and_only_a_suggestion() {
        let rule = rule_from_yaml(&format!("{RULE}signals: [same-reading, near-reading]\n"));
        let found = hits(&rule, "老舗百貨店の経営破談で影響が広がった。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Info);
        assert!(
            found[0]
                .message
                .contains("読みの近い語（けいえいはたん）の「経営破綻」")
        );
        assert!(
            found[0]
                .fixes
                .iter()
                .all(|f| f.applicability == Applicability::Suggestion)
        );
        let same_only = rule_from_yaml(RULE);
        assert_hits(&same_only, "老舗百貨店の経営破談で影響が広がった。", &[]);
        assert_hits(
            &same_only,
            "政府は民泊の既製緩和を打ち出した。",
            &["既製緩和"],
        );
    }

    #[test]
    fn a_near_reading_needs_a_part_that_makes_no_compounds_on_its_side() {
        let rule = rule_from_yaml(&format!("{RULE}signals: [near-reading]\n"));
        // 破談 ends no compound, 完全 hardly any: misheard (経営破綻, 集団感染).
        assert_hits(
            &rule,
            "老舗百貨店の経営破談で影響が広がった。",
            &["経営破談"],
        );
        assert_hits(&rule, "高齢者施設で集団完全が確認された。", &["集団完全"]);
        // 価格 ends many compounds (石油化学 reads one mora away), 裁判 starts many (再販制度),
        // 収支 starts a few (週次報告書): written on purpose.
        assert_hits(&rule, "石油価格の上昇が続いている。", &[]);
        assert_hits(&rule, "裁判制度の見直しを議論した。", &[]);
        assert_hits(&rule, "政治資金の収支報告書を提出した。", &[]);
        // An adverbial noun stands apart from the words after it (投資教育 is one mora away).
        assert_hits(&rule, "当時教育次長だった木下氏が説明した。", &[]);
    }

    #[test]
    fn one_candidate_of_the_same_reading_is_a_safe_fix_when_the_rule_says_so() {
        let rule = rule_from_yaml(&format!(
            "{RULE}safe_fix: true\nsignals: [same-reading, near-reading]\n"
        ));
        let found = hits(&rule, "政府は民泊の既製緩和を打ち出した。");
        assert_eq!(found[0].fixes.len(), 1);
        assert_eq!(found[0].fixes[0].applicability, Applicability::Safe);
        let found = hits(&rule, "老舗百貨店の経営破談で影響が広がった。");
        assert_eq!(found[0].fixes[0].applicability, Applicability::Suggestion);
    }

    #[test]
    fn allowed_terms_and_user_words_are_not_reported() {
        let rule = rule_from_yaml(&format!("{RULE}allow: [既製緩和]\n"));
        assert_hits(&rule, "政府は民泊の既製緩和を打ち出した。", &[]);
        // A longer allowed name covers the run inside it, and only there.
        let rule = rule_from_yaml(&format!("{RULE}allow: [大気児童センター]\n"));
        assert_hits(
            &rule,
            "大気児童センターで、大気児童の解消を話し合った。",
            &["大気児童"],
        );
        let rule = rule_from_yaml(RULE);
        let user = crate::lang::ja::with_user_rows("既製,名詞,キセイ\n");
        let found =
            crate::rules::testing::findings_for(&rule, "民泊の既製緩和を打ち出した。", &user);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn bad_options_are_located_errors() {
        for (yaml, needle) in [
            ("signals: []\n", "`signals` is empty"),
            ("max_tokens: 1\n", "`max_tokens` is 1"),
            ("signals: [sound]\n", "sound"),
        ] {
            let err = rule_errors_from_yaml(&format!("{RULE}{yaml}"));
            assert!(
                err.iter().any(|e| e.headline().contains(needle)),
                "{yaml}: {:?}",
                err.iter().map(|e| e.headline()).collect::<Vec<_>>()
            );
        }
    }

    const HOMOPHONE: &str = "kind: reading\nseverity: warning\nsignals: [same-reading, homophone]\nmessage: \"「{match}」は{reason}。{evidence}（{candidate_reading}）の「{candidate}」の誤変換の可能性があります\"\n";

    #[test]
    fn a_compound_whose_written_word_fits_its_sentence_clearly_better_is_on_purpose() {
        // 記念公演 is not in the lexicon and reads like 記念公園; in a sentence about a
        // concert, 公演 fits the content words far better than 公園.
        let text = "楽団は創立50周年の記念公演で交響曲を演奏し、満員の聴衆が拍手を送った。";
        assert_hits(&rule_from_yaml(HOMOPHONE), text, &[]);
        // Without the vectors (the homophone signal off), the compound signal reports it.
        assert_hits(&rule_from_yaml(RULE), text, &["記念公演"]);
        // A misconversion whose candidate fits better stays reported with them.
        assert_hits(
            &rule_from_yaml(HOMOPHONE),
            "政府は民泊の既製緩和を打ち出し、事業者の参入を促す。",
            &["既製緩和"],
        );
    }

    #[test]
    fn a_run_that_keeps_one_character_needs_its_sentence() {
        // 先生点 keeps only 点 of 先制点: too weak alone (min_kept_chars 2), reported, one
        // level lower and as a suggestion, when 先制 fits the sentence clearly better than
        // 先生 (short_kept_margin).
        // (An unreachable homophone margin keeps the single-word signal out of it.)
        let text = "前半10分に先生点を許したが、後半に2点を奪って逆転勝ちした。";
        let base = format!("{HOMOPHONE}homophone_margin: 1.0\n");
        assert_hits(&rule_from_yaml(&base), text, &[]);
        let short = rule_from_yaml(&format!("{base}short_kept_margin: 0.1\n"));
        let found = hits(&short, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.range()], "先生点");
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].fixes[0].replacement, "先制点");
        assert_eq!(found[0].fixes[0].applicability, Applicability::Suggestion);
        // A margin the sentence cannot reach keeps it unreported.
        assert_hits(
            &rule_from_yaml(&format!("{base}short_kept_margin: 1.0\n")),
            text,
            &[],
        );
        // A short run the sentence does not vouch for shadows no overlapping window: 賞首相者
        // stays the near reading of 受賞者 (首相者 / 主唱者 keeps only 者).
        let near = format!(
            "{}short_kept_margin: 0.1\n",
            HOMOPHONE.replace(
                "[same-reading, homophone]",
                "[same-reading, near-reading, homophone]"
            )
        );
        let slip = "ノーベル賞首相者の記念講演に、多くの学生が詰めかけた。";
        let found = hits(&rule_from_yaml(&near), slip);
        assert!(
            found
                .iter()
                .any(|f| f.fixes.iter().any(|x| x.replacement.contains("受賞者"))),
            "{found:?}"
        );
        // Without the vectors the option is an error (it needs the homophone signal).
        let err = rule_errors_from_yaml(&format!("{RULE}short_kept_margin: 0.1\n"));
        assert!(
            err.iter()
                .any(|e| e.headline().contains("does not include `homophone`")),
            "{:?}",
            err.iter().map(|e| e.headline()).collect::<Vec<_>>()
        );
    }

    /// One finding, one level below the rule's (info), whose message starts and ends as
    /// given (the context words between vary), with `fix` as its only fix, a suggestion.
    fn assert_one_weaker_suggestion(
        found: &[crate::finding::Finding],
        starts: &str,
        ends: &str,
        fix: &str,
    ) {
        assert_eq!(found.len(), 1, "{found:?}");
        let message = &found[0].message;
        assert!(
            message.starts_with(starts) && message.ends_with(ends),
            "{message}"
        );
        assert_eq!(found[0].severity, Severity::Info);
        assert_eq!(found[0].fixes.len(), 1);
        assert_eq!(found[0].fixes[0].replacement, fix);
        assert_eq!(found[0].fixes[0].applicability, Applicability::Suggestion);
    }

    #[test]
    fn a_word_that_does_not_fit_its_sentence_is_a_weaker_homophone_finding() {
        let rule = rule_from_yaml(HOMOPHONE);
        assert_one_weaker_suggestion(
            &hits(&rule, "個人消費の回復で、契機は緩やかに持ち直している。"),
            "「契機」は文の内容（",
            "）に合いにくい語です。同じ読み（けいき）の「景気」の誤変換の可能性があります",
            "景気",
        );
        // The word in a sentence it fits, and the signal off, report nothing.
        assert_hits(&rule, "事故を契機に、安全対策の見直しが始まった。", &[]);
        assert_hits(
            &rule,
            "個人消費の回復で、景気は緩やかに持ち直している。",
            &[],
        );
        assert_hits(
            &rule_from_yaml(RULE),
            "個人消費の回復で、契機は緩やかに持ち直している。",
            &[],
        );
    }

    #[test]
    fn a_homophone_the_document_never_writes_needs_the_wider_margin() {
        // With an unreachable margin for unattested words, 景気 must be written elsewhere in
        // an article for 契機 to be judged a slip of it.
        let rule = rule_from_yaml(&format!("{HOMOPHONE}homophone_unattested_margin: 1.0\n"));
        let slip = "個人消費の回復で、契機は緩やかに持ち直している。";
        let filler = "市場の関係者は慎重だ。物価の上昇が続く。賃金の伸びは鈍い。雇用は堅調だ。";
        assert_hits(&rule, &format!("{filler}\n\n{slip}"), &[]);
        let attested = format!("景気の先行きに注目が集まる。{filler}\n\n{slip}");
        assert_hits(&rule, &attested, &["契機"]);
        // A lone sentence has no room to write the word: the base margin applies.
        assert_hits(&rule, slip, &["契機"]);
    }

    #[test]
    fn a_homophone_the_document_writes_twice_needs_only_the_repeated_margin() {
        // With the other margins out of reach, 契機 is a slip only where the article writes
        // 景気 twice or more elsewhere; the finding shows the first place.
        let rule = rule_from_yaml(&format!(
            "{HOMOPHONE}homophone_margin: 1.0\nhomophone_unattested_margin: 1.0\n"
        ));
        let slip = "個人消費の回復で、契機は緩やかに持ち直している。";
        let filler = "市場の関係者は慎重だ。物価の上昇が続く。賃金の伸びは鈍い。雇用は堅調だ。";
        let once = format!("景気の先行きに注目が集まる。{filler}\n\n{slip}");
        assert_hits(&rule, &once, &[]);
        let twice = format!("景気の先行きに注目が集まる。{filler}景気対策も議論された。\n\n{slip}");
        let found = hits(&rule, &twice);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&twice[found[0].span.range()], "契機");
        assert_eq!(found[0].related.len(), 1, "{found:?}");
        let related = &found[0].related[0];
        assert_eq!(related.span.start, 0, "the first 景気: {related:?}");
        assert_eq!(&twice[related.span.range()], "景気");
        assert_eq!(related.message, "記事の別の箇所では「景気」");
        // Out of reach too: nothing.
        let strict = rule_from_yaml(&format!(
            "{HOMOPHONE}homophone_margin: 1.0\nhomophone_unattested_margin: 1.0\nhomophone_repeated_margin: 1.0\n"
        ));
        assert_hits(&strict, &twice, &[]);
    }

    #[test]
    fn a_word_split_off_a_number_s_counter_is_no_homophone() {
        // IPADIC splits 6月|下回った as 6|月下|回っ: 月下 is no word of the text, so it is not
        // judged against 激化.
        let rule = rule_from_yaml(HOMOPHONE);
        let text = "検察側は論告で「組織的犯行に欠かせない役割を果たした」として懲役5年を求刑していたが、判決は弁償の事実などを踏まえ、これを1年6月下回った。";
        assert_hits(&rule, text, &[]);
        // The same word standing alone is judged.
        let text = "検察側は論告で「組織的犯行に欠かせない役割を果たした」として懲役5年を求刑していたが、判決は弁償の事実などを踏まえ、月下の争いとなった。";
        assert_hits(&rule, text, &["月下"]);
    }

    #[test]
    fn a_homophone_needs_context_and_is_not_the_article_s_subject() {
        let rule = rule_from_yaml(HOMOPHONE);
        // Too few content words to judge.
        assert_hits(&rule, "契機は持ち直した。", &[]);
        // A word the document writes twice is deliberate.
        assert_hits(
            &rule,
            "個人消費の回復で、契機は緩やかに持ち直している。契機について話した。",
            &[],
        );
        let strict = rule_from_yaml(&format!("{HOMOPHONE}homophone_min_context: 20\n"));
        assert_hits(
            &strict,
            "個人消費の回復で、契機は緩やかに持ち直している。",
            &[],
        );
        let lax = rule_from_yaml(&format!("{HOMOPHONE}homophone_margin: 0.5\n"));
        assert_hits(
            &lax,
            "個人消費の回復で、契機は緩やかに持ち直している。",
            &[],
        );
    }

    #[test]
    fn another_okurigana_of_the_same_word_is_no_homophone() {
        // 入口 and 入り口 are one word; the vectors rank them apart.
        assert_hits(
            &rule_from_yaml(HOMOPHONE),
            "入口で靴を脱いで上がるスタイルで、店内は畳の座敷席とテーブル席を合わせて16席。",
            &[],
        );
    }

    #[test]
    fn a_homophone_fits_the_written_word_s_grammar() {
        let rule = rule_from_yaml(HOMOPHONE);
        // 効果な takes な: 高価 may (高価な), and is proposed.
        let found = hits(&rule, "盗まれたのは、時価数百万円の効果な腕時計だった。");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].fixes[0].replacement, "高価");
        // People's names say nothing of a sentence's subject: not context words.
        assert_hits(&rule, "岡本拓也社長は今後の成長に自信を示した。", &[]);
        // A single kanji has too many words of its reading to choose from.
        assert_hits(
            &rule,
            "事件は2023年秋、受給者からの問い合わせで発覚した。",
            &[],
        );
    }

    #[test]
    fn a_word_that_does_not_fit_its_slot_needs_only_to_fit_worse() {
        // Margins out of reach: only the grammar can report. 気候 takes no する and 気象 no な
        // in either dictionary; 寄稿 and 希少 do, and fit the sentence at least as well.
        let rule = rule_from_yaml(&format!(
            "{HOMOPHONE}homophone_margin: 1.0\nhomophone_unattested_margin: 1.0\nhomophone_repeated_margin: 1.0\n"
        ));
        assert_one_weaker_suggestion(
            &hits(&rule, "教授は地元紙に環境問題についての論文を気候した。"),
            "「気候」は「気候する」の形では使わない語です",
            "。同じ読み（きこう）の「寄稿」の誤変換の可能性があります",
            "寄稿",
        );
        assert_one_weaker_suggestion(
            &hits(&rule, "森林の開発が進み、気象な野生動物が減っている。"),
            "「気象」は「気象な」の形では使わない語です",
            "。同じ読み（きしょう）の「希少」の誤変換の可能性があります",
            "希少",
        );
        // The copula's な (機会なので) follows any noun: no slot.
        assert_hits(
            &rule,
            "せっかくの機会なので、普段は入れない舞台裏も見学させてもらった。",
            &[],
        );
        // IPADIC tags 異動 as a サ変 noun: one dictionary is not enough (Sudachi lacks
        // 異動する, and both lack 就農する).
        assert_hits(
            &rule,
            "避難所の閉鎖に伴い、被災者は仮設住宅へ異動した。",
            &[],
        );
        // The word in a slot it fits is judged by the margins alone.
        assert_hits(
            &rule,
            "地元紙への寄稿を依頼された教授が、気候について書いた。",
            &[],
        );
    }

    #[test]
    fn allowed_terms_and_user_words_are_no_homophones() {
        let text = "個人消費の回復で、契機は緩やかに持ち直している。";
        let rule = rule_from_yaml(&format!("{HOMOPHONE}allow: [契機]\n"));
        assert_hits(&rule, text, &[]);
        let rule = rule_from_yaml(HOMOPHONE);
        let user = crate::lang::ja::with_user_rows("契機,名詞,ケイキ\n");
        let found = crate::rules::testing::findings_for(&rule, text, &user);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn bad_homophone_options_are_located_errors() {
        for (yaml, needle) in [
            ("homophone_margin: 1.5\n", "`homophone_margin` is 1.5"),
            ("homophone_min_context: 0\n", "`homophone_min_context` is 0"),
            (
                "homophone_unattested_margin: 1.5\n",
                "`homophone_unattested_margin` is 1.5",
            ),
            (
                "homophone_repeated_margin: -0.1\n",
                "`homophone_repeated_margin` is -0.1",
            ),
            ("short_kept_margin: 1.5\n", "`short_kept_margin` is 1.5"),
        ] {
            let err = rule_errors_from_yaml(&format!("{HOMOPHONE}{yaml}"));
            assert!(
                err.iter().any(|e| e.headline().contains(needle)),
                "{yaml}: {:?}",
                err.iter().map(|e| e.headline()).collect::<Vec<_>>()
            );
        }
        // A homophone option without the signal.
        for option in [
            "homophone_margin: 0.2\n",
            "homophone_unattested_margin: 0.3\n",
            "homophone_repeated_margin: 0.1\n",
        ] {
            let err = rule_errors_from_yaml(&format!("{RULE}{option}"));
            assert!(
                err.iter()
                    .any(|e| e.headline().contains("does not include `homophone`")),
                "{option}"
            );
        }
    }

    const NEAR_HOMOPHONE: &str = "kind: reading\nseverity: warning\nsignals: [same-reading, near-homophone]\nmessage: \"「{match}」は{reason}。{evidence}（{candidate_reading}）の「{candidate}」の誤変換の可能性があります\"\n";

    const NEAR_SLIP: &str = "円安で輸入品の値上がりが続き、部下の上昇が家計を圧迫している。";

    #[test]
    fn a_word_one_mora_from_one_that_fits_clearly_better_is_a_weaker_near_homophone() {
        let rule = rule_from_yaml(NEAR_HOMOPHONE);
        assert_one_weaker_suggestion(
            &hits(&rule, NEAR_SLIP),
            "「部下」は文の内容（",
            "）に合いにくい語です。読みの近い語（ぶっか）の「物価」の誤変換の可能性があります",
            "物価",
        );
        // The word in a sentence it fits reports nothing; nor does the `homophone` signal
        // alone (部下 has no common word of its own reading), nor a margin above the gain.
        assert_hits(
            &rule,
            "新しい課長は、部下の育成と職場の雰囲気づくりに力を入れている。",
            &[],
        );
        assert_hits(&rule_from_yaml(HOMOPHONE), NEAR_SLIP, &[]);
        let strict = rule_from_yaml(&format!("{NEAR_HOMOPHONE}near_homophone_margin: 0.6\n"));
        assert_hits(&strict, NEAR_SLIP, &[]);
    }

    #[test]
    fn an_alternative_the_sentence_itself_writes_is_no_evidence() {
        let rule = rule_from_yaml(NEAR_HOMOPHONE);
        // With 物価 written beside it, 部下 is not its slip: 物価 fits the sentence by its own
        // occurrence, which says nothing of the word written.
        assert_hits(
            &rule,
            "円安で輸入品の値上がりが続き、部下の上昇が家計を圧迫し、物価対策が急務だ。",
            &[],
        );
        assert_eq!(
            hits(
                &rule,
                "円安で輸入品の値上がりが続き、部下の上昇が家計を圧迫し、景気対策が急務だ。"
            )
            .len(),
            1
        );
    }

    #[test]
    fn bad_near_homophone_options_are_located_errors() {
        let err = rule_errors_from_yaml(&format!("{NEAR_HOMOPHONE}near_homophone_margin: 1.5\n"));
        assert!(
            err.iter()
                .any(|e| e.headline().contains("`near_homophone_margin` is 1.5"))
        );
        let err = rule_errors_from_yaml(&format!("{HOMOPHONE}near_homophone_margin: 0.3\n"));
        assert!(
            err.iter()
                .any(|e| e.headline().contains("does not include `near-homophone`"))
        );
        // homophone_min_context serves both signals; homophone_margin only the exact one.
        assert_hits(
            &rule_from_yaml(&format!("{NEAR_HOMOPHONE}homophone_min_context: 4\n")),
            NEAR_SLIP,
            &["部下"],
        );
        let err = rule_errors_from_yaml(&format!("{NEAR_HOMOPHONE}homophone_margin: 0.2\n"));
        assert!(
            err.iter()
                .any(|e| e.headline().contains("does not include `homophone`"))
        );
    }

    #[test]
    fn near_readings_change_one_mora_inside_the_swapped_part() {
        let key = |s: &str| crate::lang::ja::dictionary::reading_key(s).unwrap();
        let v = one_mora_away(&key("ケイエイハダン"), 4, 7);
        assert!(v.contains(&key("ケイエイハタン")));
        assert!(v.contains(&key("ケイエイパダン")));
        assert!(v.contains(&key("ケイエイハダンー")));
        // The kept part is never changed.
        assert!(!v.contains(&key("ゲイエイハダン")));
        assert!(!v.contains(&key("ケイエイハダン")));
    }
}
