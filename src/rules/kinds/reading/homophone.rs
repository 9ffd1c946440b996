//! The `homophone` signal: one noun written for another of the same reading (契機 for 景気 in
//! 「個人消費の回復で、契機は緩やかに持ち直している」). The written word is a real word, so
//! the lexicon alone cannot tell; word vectors can: 景気 sits much nearer to 個人消費, 回復 and
//! 持ち直す than 契機 does.
//!
//! A *target* is a common noun, サ変 noun or な-adjective stem with a kanji, in the vector
//! table ([`crate::lang::ja::word_vectors`]). Its *alternatives* are the lexicon nouns read
//! like it ([`dictionary::with_reading_key`]) with a kanji, in the table on another row (not
//! a spelling of the same word) and common (wordfreq Zipf ≥ 3). Each word's fit is its
//! distance-weighted mean cosine to the sentence's content words (weight 1/(1 + d/3), d
//! counted in tokens), on vectors centred so that what all words share does not count. An
//! alternative rarer than the word written pays 0.02 per Zipf point. The best alternative is
//! reported when it fits better than the written word by more than the margin. An
//! alternative the sentence itself writes is no evidence (世帯 next to 状態 fits the sentence
//! by its own occurrence). The margin depends on how much the article uses the alternative:
//! a slip replaces a word the article uses, so one it writes twice or more elsewhere needs
//! the least (`repeated_margin`), one it writes once the base margin, and one an article of
//! five sentences or more never writes the most (`unattested_margin`); the finding shows
//! the first place the article writes it.
//!
//! The grammar is evidence too. A word written in a slot it does not fit, by both
//! dictionaries (IPADIC's part of speech and the lexicon's classes: 気候した, 気象な動物,
//! 協力な台風), while an alternative of the same reading fits it (寄稿する, 希少な, 強力な),
//! needs no margin: the alternative must only fit the sentence better than the word written,
//! and the message names the slot (「気候する」の形では使わない語です). One dictionary alone
//! misses サ変 uses (Sudachi lacks 異動する), and both lack some (就農する, 継投する), which is
//! why the vectors must still agree. On the retired held-out sentences (3,307 misconversions,
//! 3,072 correct sentences) this found 22 more misconversions and flagged no more correct
//! sentences; on dev it found one more labelled misconversion (感想する for 乾燥する) and
//! nothing else changed on dev, JHARS, the fixtures or the bench corpus. The copula's な
//! (機会なので, 機会なのだ) is no slot.
//!
//! The `near-homophone` signal (`near_margin`) takes, for every such noun (with or without a
//! common homophone), the words one mora away in reading as well (voicing, a long vowel, a
//! geminate: 部下 ブカ / 物価 ブッカ); they must clear the wider margin, and an alternative of
//! the same reading that clears its own is preferred.
//!
//! Skipped, because the context says little or the word is deliberate: a target that makes a
//! lexicon word with a neighbouring token (個人 + 消費: part of a compound), a sentence with
//! fewer than `homophone_min_context` content words with vectors, a word written twice or more
//! in the document (an article's topic is rarely a slip), user-dictionary, unknown and proper
//! nouns, and words inside an `allow` term. These choices and the default margin come from a
//! study on eval/garble/dev.yaml and clean text (0 of 104 correct dev sentences flagged).

use super::{hiragana, overlaps_any};
use crate::finding::{Applicability, Hit};
use std::sync::Arc;

use crate::algo::memo::{Memo, memoised};
use crate::lang::ja::dictionary::WordClasses;
use crate::lang::ja::word_vectors::{self, Centroid, Vector};
use crate::lang::ja::{Analysis, LexiconId, Lexicons, dictionary, is_kanji};
use crate::rules::kinds::Context;
use crate::rules::message::Message;
use crate::span::Span;

/// Alternatives rarer than this (wordfreq Zipf) are never proposed; the vector table's
/// `has_common_homophone` flag is computed with the same bound (tools/lexicon/build_vectors.py).
const MIN_ALTERNATIVE_ZIPF: f32 = 3.0;
/// What an alternative pays per Zipf point it is rarer than the word written.
const RARITY_PENALTY: f32 = 0.02;
/// Context words this many tokens away weigh half as much as an adjacent one (1 / (1 + d/3)).
const DISTANCE_SCALE: f32 = 3.0;
/// Context words named in the message.
const NAMED_CONTEXT: usize = 2;
/// How much better than the word written an alternative must fit its sentence when the word
/// written does not fit its grammatical slot ([`Target::misfit`]) and the alternative does.
const MISFIT_MARGIN: f32 = 0.0;
/// The fewest sentences of a document for the absence of a word from it to count as
/// evidence (`homophone_unattested_margin`): a lone sentence has no room to write it.
const MIN_ATTESTING_SENTENCES: usize = 5;

/// The signals' settings (`homophone_margin`, `near_homophone_margin`,
/// `homophone_min_context`); a margin is `None` when its signal is off.
#[derive(Debug)]
pub(super) struct Homophone {
    pub(super) margin: Option<f32>,
    /// The margin of a word of the same reading the document never writes.
    pub(super) unattested_margin: f32,
    /// The margin of a word of the same reading the document writes twice or more.
    pub(super) repeated_margin: f32,
    pub(super) near_margin: Option<f32>,
    pub(super) min_context: usize,
    /// For `light-verbs`, which are no context words.
    pub(super) lexicons: Arc<Lexicons>,
}

/// A content word of the sentence with a vector.
struct ContextWord {
    token: usize,
    row: u32,
    vector: Vector,
}

/// The lexicon nouns read `key` that may be proposed for any word: with a kanji, in the
/// vector table and common (Zipf ≥ [`MIN_ALTERNATIVE_ZIPF`]), in lexicon order. What depends
/// on the word written (its grammar, its own row) is checked by the caller.
///
/// Memoised per thread ([`crate::algo::memo`]): articles share most of their words, and the
/// lexicon's search by reading and the vector lookups cost more than the check itself.
fn read_as(key: &[u8]) -> Words {
    thread_local! {
        static MEMO: Memo<Vec<u8>, Words> = Memo::default();
    }
    memoised(&MEMO, key, || {
        dictionary::with_reading_key(key)
            .filter(|w| w.classes.is_noun() && w.surface.chars().any(is_kanji))
            .filter_map(|w| word_vectors::get(w.surface).map(|e| (w, e)))
            .filter(|(_, e)| e.zipf >= MIN_ALTERNATIVE_ZIPF)
            .collect()
    })
}

/// [`read_as`] for every reading one mora from `key` (a voicing change, a long vowel or
/// geminate dropped or added), in the order of [`super::one_mora_away_kept`]. Memoised per
/// thread like [`read_as`]: one lookup per noun instead of one per variant of its reading.
fn read_near(key: &[u8]) -> Words {
    thread_local! {
        static MEMO: Memo<Vec<u8>, Words> = Memo::default();
    }
    memoised(&MEMO, key, || {
        let mut words = Vec::new();
        for v in super::one_mora_away_kept(key, 0, key.len(), |v| !read_as(v).is_empty()) {
            words.extend(read_as(&v).iter().copied());
        }
        words.into()
    })
}

/// Lexicon words with their vector entries.
type Words = std::rc::Rc<[(dictionary::Word, word_vectors::Entry)]>;

/// Token `j`'s distance in tokens from the run `run` (0 inside it).
fn distance(j: usize, run: &std::ops::Range<usize>) -> usize {
    if j < run.start {
        run.start - j
    } else {
        j.saturating_sub(run.end - 1)
    }
}

/// Context words weighted by their distance from the tokens `at` (1 / (1 + d/3)).
fn weighted<'c>(
    context: impl IntoIterator<Item = &'c ContextWord>,
    at: &std::ops::Range<usize>,
) -> Vec<(&'c ContextWord, f32)> {
    context
        .into_iter()
        .map(|c| {
            (
                c,
                1.0 / (1.0 + distance(c.token, at) as f32 / DISTANCE_SCALE),
            )
        })
        .collect()
}

/// A word's fit to weighted context words: its weighted mean cosine with them, through one
/// weighted sum of their unit vectors (one dot product per word instead of one per context
/// word).
struct Fit {
    centroid: Centroid,
    total: f32,
}

impl Fit {
    fn new(context: &[(&ContextWord, f32)]) -> Fit {
        let mut centroid = Centroid::new();
        for (c, w) in context {
            centroid.add(&c.vector, *w);
        }
        Fit {
            centroid,
            total: context.iter().map(|(_, w)| w).sum(),
        }
    }

    fn of(&self, v: &Vector) -> f32 {
        self.centroid.cosine_sum(v) / self.total
    }
}

/// A word that may be written for the target: its lexicon entry, frequency and vector row,
/// and whether it is read exactly like the target (or one mora away).
struct Alternative {
    word: dictionary::Word,
    zipf: f32,
    row: u32,
    exact: bool,
}

impl Homophone {
    /// Pushes a hit for every target of the document whose best alternative fits its
    /// sentence by more than the margin; `taken` are spans other signals already reported.
    pub(super) fn check(
        &self,
        ctx: &Context<'_>,
        allowed: &[Span],
        taken: &[Span],
        message: &Message,
        out: &mut Vec<Hit>,
    ) {
        let a = ctx.analysis;
        for sentence in &ctx.doc.sentences {
            let tokens = a.within(sentence.span);
            // Built on the first target with alternatives: most sentences have none.
            let mut context: Option<Vec<ContextWord>> = None;
            for i in tokens.clone() {
                let Some(target) = self.target(a, i, allowed, taken) else {
                    continue;
                };
                let context =
                    context.get_or_insert_with(|| context_words(a, tokens.clone(), &self.lexicons));
                // Whether the word is part of a compound costs up to three lexicon searches:
                // asked only of the few words the vectors would report.
                if let Some(hit) = self.judge(ctx, i, &target, context, message)
                    && !in_compound(a, i)
                    && !after_a_number(a, i)
                {
                    out.push(hit);
                }
            }
        }
    }

    /// How much better `candidate` fits the content words of `sentence` than `written` does,
    /// by the same distance-weighted mean cosine as a single word's alternatives, the tokens
    /// of `run` (where the words stand) left out; `None` when either word has no vector,
    /// both are one row, or the sentence has too few content words with vectors.
    pub(super) fn gain(
        &self,
        a: &Analysis<'_>,
        sentence: std::ops::Range<usize>,
        run: std::ops::Range<usize>,
        written: &str,
        candidate: &str,
    ) -> Option<f32> {
        let w = word_vectors::get(written)?;
        let c = word_vectors::get(candidate)?;
        if w.row == c.row {
            return None;
        }
        let words = context_words(a, sentence, &self.lexicons);
        let context = weighted(
            words
                .iter()
                .filter(|x| !run.contains(&x.token) && x.row != w.row && x.row != c.row),
            &run,
        );
        if context.len() < self.min_context {
            return None;
        }
        let fit = Fit::new(&context);
        Some(fit.of(&Vector::of(c.row)) - fit.of(&Vector::of(w.row)))
    }

    /// Token `i`'s entry in the vector table and its alternatives, if it is a target.
    fn target(
        &self,
        a: &Analysis<'_>,
        i: usize,
        allowed: &[Span],
        taken: &[Span],
    ) -> Option<Target> {
        let pos = a.features(i).pos;
        if !(pos.is_common_noun() || pos.is_sahen_noun() || pos.is_adjectival_noun())
            || a.is_unknown(i)
            || a.is_user_word(i)
        {
            return None;
        }
        let surface = a.surface(i);
        let span = a.tokens[i].span;
        // One kanji has too many readings' worth of words (秋, 空き) for vectors to choose.
        if surface.chars().count() < 2
            || !surface.chars().any(is_kanji)
            || overlaps_any(allowed, span)
            || overlaps(taken, span)
        {
            return None;
        }
        // Cheapest first: most nouns have no common homophone, which a small filter tells
        // without the table (the flag is checked again below on the entry itself).
        let exact = self.margin.is_some()
            && (word_vectors::may_have_common_homophone(a.base(i))
                || word_vectors::may_have_common_homophone(surface));
        if !exact && self.near_margin.is_none() {
            return None;
        }
        let slot = Slot::after(a, i);
        let written = word_vectors::get(a.base(i)).or_else(|| word_vectors::get(surface))?;
        if written_twice(a, i) {
            return None;
        }
        let key = dictionary::reading_key(a.reading(i))?;
        // The table knows the words with a common homophone (half of them).
        let same = (exact && written.has_common_homophone).then(|| (read_as(&key), true));
        // 部下 / 物価, 処理 / 勝利: one mora away (voicing, a long vowel, a geminate).
        let near = self.near_margin.map(|_| (read_near(&key), false));
        let mut alternatives: Vec<Alternative> = Vec::new();
        for (words, exact) in same.into_iter().chain(near) {
            for &(w, e) in words.iter() {
                if !slot.admits(w.classes)
                    || w.surface == surface
                    || w.surface == a.base(i)
                    || same_kanji(w.surface, surface)
                    || e.row == written.row
                    || alternatives.iter().any(|x| x.row == e.row)
                {
                    continue;
                }
                alternatives.push(Alternative {
                    word: w,
                    zipf: e.zipf,
                    row: e.row,
                    exact,
                });
            }
        }
        if alternatives.is_empty() {
            return None;
        }
        // Both dictionaries must tell it: the token's own part of speech (IPADIC) and the
        // lexicon's classes (Sudachi) each miss some サ変 uses (異動する, 就農する).
        let tagged_fit = match slot {
            Slot::Suru => pos.is_sahen_noun(),
            Slot::Na | Slot::Ni => pos.is_adjectival_noun(),
            Slot::Any => true,
        };
        let misfit = (!tagged_fit && !fits_slot(surface, &key, slot)).then_some(slot);
        Some(Target {
            written,
            alternatives,
            misfit,
        })
    }

    /// The hit for target `i` if an alternative fits the sentence better by the margin.
    fn judge(
        &self,
        ctx: &Context<'_>,
        i: usize,
        target: &Target,
        context: &[ContextWord],
        message: &Message,
    ) -> Option<Hit> {
        let a = ctx.analysis;
        let (written, alternatives) = (target.written, &target.alternatives);
        let context = weighted(
            context
                .iter()
                .filter(|c| c.token != i && c.row != written.row),
            &(i..i + 1),
        );
        if context.len() < self.min_context {
            return None;
        }
        let fit = Fit::new(&context);
        let fit = |v: &Vector| fit.of(v);
        let written_vector = Vector::of(written.row);
        let written_fit = fit(&written_vector);
        // The best alternative of the same reading that clears its margin, else the best one
        // mora away that clears the wider one. How much the article uses an alternative of
        // the same reading sets its margin: a slip replaces a word the article uses, so one
        // it writes twice or more elsewhere needs the least (`repeated_margin`), one it never
        // writes the most (`unattested_margin`; only a document long enough to have written
        // the word can attest it).
        let attesting = ctx.doc.sentences.len() >= MIN_ATTESTING_SENTENCES;
        let lowest = self.repeated_margin.min(self.margin.unwrap_or(f32::MAX));
        let best = |exact: bool, margin: Option<f32>| {
            let margin = margin?;
            // How often the document writes the alternative (as a word: the analysis indexes
            // surfaces and base forms) is asked only between the lowest and highest margins.
            let clears = |alt: &Alternative, gain: f32| {
                // The grammar already tells: an alternative of the same reading that fits the
                // slot needs only to fit the sentence as well as the word written.
                if exact && target.misfit.is_some() {
                    return gain > MISFIT_MARGIN;
                }
                if !exact {
                    return gain > margin;
                }
                if gain <= lowest {
                    return false;
                }
                if gain > margin.max(self.unattested_margin) {
                    return true;
                }
                let needed = match written_elsewhere(a, alt.word.surface, 2) {
                    0 if attesting => self.unattested_margin,
                    0 | 1 => margin,
                    _ => lowest,
                };
                gain > needed
            };
            alternatives
                .iter()
                // An alternative the sentence itself writes (世帯 next to 状態) fits it by its
                // own occurrence: no evidence.
                .filter(|alt| {
                    alt.exact == exact
                        && context.iter().all(|(c, _)| {
                            a.base(c.token) != alt.word.surface
                                && a.surface(c.token) != alt.word.surface
                        })
                })
                .map(|alt| {
                    let v = Vector::of(alt.row);
                    let penalty = RARITY_PENALTY * (written.zipf - alt.zipf).max(0.0);
                    (alt, fit(&v) - penalty - written_fit, v)
                })
                .filter(|(alt, gain, _)| clears(alt, *gain))
                .max_by(|x, y| x.1.total_cmp(&y.1))
        };
        let (best, _, best_vector) =
            best(true, self.margin).or_else(|| best(false, self.near_margin))?;
        // The context words that favour the alternative most, in the sentence's order.
        let mut favour: Vec<(usize, f32)> = context
            .iter()
            .map(|(c, w)| {
                let d = best_vector.cosine(&c.vector) - written_vector.cosine(&c.vector);
                (c.token, w * d)
            })
            .filter(|(_, d)| *d > 0.0)
            .collect();
        favour.sort_by(|x, y| y.1.total_cmp(&x.1));
        let mut named_bases: Vec<&str> = Vec::new();
        favour.retain(|(t, _)| {
            let fresh = !named_bases.contains(&a.base(*t));
            named_bases.push(a.base(*t));
            fresh
        });
        favour.truncate(NAMED_CONTEXT);
        favour.sort_by_key(|(t, _)| *t);
        let named: Vec<&str> = favour.iter().map(|(t, _)| a.base(*t)).collect();
        let span = a.tokens[i].span;
        // Where the article writes the alternative, to compare.
        let elsewhere = best
            .exact
            .then(|| first_written(a, best.word.surface))
            .flatten();
        let reason = match target.misfit.filter(|_| best.exact) {
            Some(slot) => format!(
                "「{}{}」の形では使わない語です",
                a.surface(i),
                slot.ending()
            ),
            None => format!("文の内容（{}）に合いにくい語です", named.join("・")),
        };
        let candidate_reading = match best.exact {
            true => hiragana(a.reading(i)),
            false => hiragana(&best.word.reading()),
        };
        let text = message.render(&[
            ("match", a.surface(i)),
            ("reading", &hiragana(a.reading(i))),
            ("candidate", best.word.surface),
            ("candidate_reading", &candidate_reading),
            (
                "evidence",
                if best.exact {
                    "同じ読み"
                } else {
                    "読みの近い語"
                },
            ),
            ("reason", &reason),
            ("context", &named.join("・")),
        ]);
        let mut hit =
            Hit::new(span, text).with_fix_as(span, best.word.surface, Applicability::Suggestion);
        if let Some(at) = elsewhere {
            hit = hit.with_related(
                a.tokens[at].span,
                format!("記事の別の箇所では「{}」", best.word.surface),
            );
        }
        Some(hit.weaker())
    }
}

/// A target: the written word's entry in the vector table, the words that may have been
/// meant, and the slot the written word does not fit, if any.
struct Target {
    written: word_vectors::Entry,
    alternatives: Vec<Alternative>,
    /// Neither IPADIC nor the lexicon lets the written word take the slot it stands in
    /// (気候した, 気象な動物): a word of its reading that takes it (寄稿した, 希少な) is then
    /// likelier meant, and needs only to fit the sentence better at all ([`MISFIT_MARGIN`]).
    misfit: Option<Slot>,
}

/// What the word after a target asks of an alternative: the alternative must fit the
/// sentence's grammar as the written word does (構成される is not 公正される, 主要な毒 is not
/// 腫瘍な毒).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    /// Followed by する (採血され → 採決): a サ変 noun.
    Suru,
    /// Followed by な (効果な → 高価な), not the copula's なの, なので, なのに: a 形状詞 or a
    /// noun used like one.
    Na,
    /// Followed by adverbial に (公正に): the same words as [`Slot::Na`].
    Ni,
    Any,
}

impl Slot {
    fn after(a: &Analysis<'_>, i: usize) -> Slot {
        let Some(next) = a.tokens.get(i + 1) else {
            return Slot::Any;
        };
        if next.span.start != a.tokens[i].span.end {
            return Slot::Any;
        }
        let pos = a.features(i + 1).pos;
        let surface = a.surface(i + 1);
        if pos.is_verb() && a.base(i + 1) == "する" {
            Slot::Suru
        } else if surface == "な" && pos.is_auxiliary_verb() {
            // 機会なので, 機会なのだ: the copula after any noun.
            let copula = a.tokens.get(i + 2).is_some_and(|t| {
                t.span.start == next.span.end && a.surface(i + 2).starts_with('の')
            });
            if copula { Slot::Any } else { Slot::Na }
        } else if surface == "に" && pos.is_adverbializer() {
            Slot::Ni
        } else {
            Slot::Any
        }
    }

    fn admits(self, classes: WordClasses) -> bool {
        match self {
            Slot::Suru => classes.is_suru_noun(),
            Slot::Na | Slot::Ni => classes.may_take_na(),
            Slot::Any => true,
        }
    }

    /// The slot's word, for the message (「気候する」の形では使わない語です).
    fn ending(self) -> &'static str {
        match self {
            Slot::Suru => "する",
            Slot::Na => "な",
            Slot::Ni => "に",
            Slot::Any => "",
        }
    }
}

/// The sentence's content words with a vector: nouns (not numbers, pronouns or dependent
/// nouns, nor people's names, which say nothing of the subject: 恵子は自信を示した is not
/// 自身), independent verbs (not light verbs: する, なる) and adjectives, looked up by base
/// form, then surface.
/// Whether two spellings have the same kanji in the same order (入口 / 入り口, 受付 / 受け付け):
/// one word with its okurigana written or left out, not a homophone.
fn same_kanji(x: &str, y: &str) -> bool {
    x.chars()
        .filter(|&c| is_kanji(c))
        .eq(y.chars().filter(|&c| is_kanji(c)))
}

fn context_words(
    a: &Analysis<'_>,
    tokens: std::ops::Range<usize>,
    lexicons: &Lexicons,
) -> Vec<ContextWord> {
    tokens
        .filter(|&j| {
            let pos = a.features(j).pos;
            pos.is_common_noun()
                || pos.is_sahen_noun()
                || pos.is_adjectival_noun()
                || (pos.is_proper_noun() && !pos.is_person_name())
                || (pos.is_independent_verb()
                    && !lexicons.contains(LexiconId::LightVerbs, a.base(j)))
                || pos.is_independent_adjective()
        })
        .filter_map(|j| {
            let e = word_vectors::get(a.base(j)).or_else(|| word_vectors::get(a.surface(j)))?;
            Some(ContextWord {
                token: j,
                row: e.row,
                vector: Vector::of(e.row),
            })
        })
        .collect()
}

/// Whether token `i` makes a lexicon word with the token before or after it (or both): then
/// it is part of a compound IPADIC split (個人 + 消費), not a word standing alone.
fn in_compound(a: &Analysis<'_>, i: usize) -> bool {
    let joined = |from: usize, to: usize| -> bool {
        let (s, e) = (a.tokens[from].span, a.tokens[to].span);
        (from..to).all(|k| a.tokens[k].span.end == a.tokens[k + 1].span.start)
            && dictionary::contains(&a.text[s.start..e.end])
    };
    let n = a.tokens.len();
    (i > 0 && joined(i - 1, i))
        || (i + 1 < n && joined(i, i + 1))
        || (i > 0 && i + 1 < n && joined(i - 1, i + 1))
}

/// Whether the lexicon lists `surface` (read `key`) as fitting `slot`; a word it does not list
/// at all fits (nothing is known against it).
fn fits_slot(surface: &str, key: &[u8], slot: Slot) -> bool {
    let mut listed = dictionary::with_reading_key(key)
        .filter(|w| w.surface == surface)
        .peekable();
    listed.peek().is_none() || listed.any(|w| slot.admits(w.classes))
}

/// Whether token `i` is written right after a number: then its first character is often the
/// number's counter, split off wrongly (1年6月|下回った read as 月下, 60形|相当 as 形相), and
/// the word is no word of the text.
fn after_a_number(a: &Analysis<'_>, i: usize) -> bool {
    i > 0 && a.tokens[i - 1].span.end == a.tokens[i].span.start && a.features(i - 1).pos.is_number()
}

/// Whether the document has token `i`'s word at least twice: a word an article repeats is
/// its subject, rarely a slip.
fn written_twice(a: &Analysis<'_>, i: usize) -> bool {
    let base = a.base(i);
    a.tokens_with_base(base)
        .iter()
        .filter(|&&j| a.base(j as usize) == base)
        .nth(1)
        .is_some()
}

/// The tokens of the document that are `word`: those written so, then those of other
/// surfaces whose base form it is (each token once).
fn tokens_of_word<'a>(a: &'a Analysis<'_>, word: &'a str) -> impl Iterator<Item = usize> + 'a {
    let by_surface = a
        .tokens_with_surface(word)
        .iter()
        .filter(move |&&j| a.surface(j as usize) == word);
    let by_base = a
        .tokens_with_base(word)
        .iter()
        .filter(move |&&j| a.base(j as usize) == word && a.surface(j as usize) != word);
    by_surface.chain(by_base).map(|&j| j as usize)
}

/// How many tokens of the document are `word` (its surface or base form), counted up to
/// `cap`.
fn written_elsewhere(a: &Analysis<'_>, word: &str, cap: usize) -> usize {
    tokens_of_word(a, word).take(cap).count()
}

/// The first token of the document that is `word` (its surface or base form).
fn first_written(a: &Analysis<'_>, word: &str) -> Option<usize> {
    tokens_of_word(a, word).min()
}

/// Whether `span` overlaps one of `spans` (any order).
fn overlaps(spans: &[Span], span: Span) -> bool {
    spans
        .iter()
        .any(|s| s.start < span.end && span.start < s.end)
}

#[cfg(test)]
mod tests {
    use super::{Slot, in_compound, same_kanji};
    use crate::lang::ja::{Analysis, Morphology, dictionary};

    fn classes(word: &str) -> crate::lang::ja::dictionary::WordClasses {
        dictionary::get(word).next().expect(word).classes
    }

    #[test]
    fn an_alternative_must_fit_the_written_word_s_grammar() {
        let m = Morphology::new();
        let slot = |text: &str| Slot::after(&Analysis::new(&m, text), 0);
        assert_eq!(slot("構成される合議体"), Slot::Suru);
        assert_eq!(slot("採血し、"), Slot::Suru);
        assert_eq!(slot("主要な毒"), Slot::Na);
        assert_eq!(slot("自由に退職"), Slot::Ni);
        assert_eq!(slot("契機は"), Slot::Any);
        // The copula's な (機会なので, 機会なのだ) follows any noun.
        assert_eq!(slot("機会なので"), Slot::Any);
        assert_eq!(slot("機会なのだ"), Slot::Any);
        assert!(Slot::Ni.admits(classes("高価")));
        assert!(!Slot::Ni.admits(classes("腫瘍")));
        // 構成される is not 公正される; 採血され may be 採決され.
        assert!(!Slot::Suru.admits(classes("公正")));
        assert!(Slot::Suru.admits(classes("採決")));
        // 主要な is not 腫瘍な; 効果な may be 高価な.
        assert!(!Slot::Na.admits(classes("腫瘍")));
        assert!(Slot::Na.admits(classes("高価")));
        assert!(Slot::Any.admits(classes("腫瘍")));
    }

    #[test]
    fn a_spelling_with_other_okurigana_is_no_homophone() {
        assert!(same_kanji("入口", "入り口"));
        assert!(same_kanji("受付", "受け付け"));
        assert!(!same_kanji("辺り", "当たり"));
        assert!(!same_kanji("景気", "契機"));
    }

    #[test]
    fn a_word_inside_a_lexicon_compound_is_no_target() {
        let m = Morphology::new();
        let a = Analysis::new(&m, "個人消費の回復");
        assert!(in_compound(&a, 1), "個人 + 消費 is 個人消費");
        assert!(!in_compound(&a, 3), "回復 stands alone");
    }
}
