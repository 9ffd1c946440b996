//! `kind: numbers`: one quantity stated with two values in one article: 総額は42億3000万円 /
//! 総額43億2000万円, 投票率は41.37% / 投票率が41.73%, 世界で2例目 / 世界で3例目.
//!
//! ```yaml
//! kind: numbers
//! message: "「{subject}」が「{match}」と「{other}」で食い違っています"
//! units: []            # compare only these units (default: every unit)
//! ignore_units: [年]   # never compare these units
//! ```
//!
//! # What is one quantity
//!
//! A quantity is a number with its counter or unit, read by [`crate::lang::ja::quantity`]:
//! kanji numerals, 万/億, hedges (約, 超, 以上, 前後) and ranges become an interval of values,
//! so 約500人 agrees with 512人, 1万人 with 一万人 and 10,000人, 2割 with 20%. What it counts
//! is the *subject*: the noun chain nearest before it in its clause, across particles (総額は
//! 42億円 → 総額), or the noun after it when it modifies one (17の停留場 → 停留場). Two mentions
//! are the same quantity when subject, unit and *qualifiers* agree. Qualifiers are what tells
//! two quantities of one name apart: the words of the `quantity-qualifiers` lexicon in the
//! clause (今年 and 昨年, 予想 and 実績, 男性 and 女性…) and the owner a の gives the subject
//! (A社の売上高 and B社の売上高). Words of `amount-fillers` (全部, うち, 計) are skipped when
//! looking for the subject.
//!
//! # When two values conflict
//!
//! When their intervals do not overlap. Not compared: two mentions in one sentence (a list
//! of values, a comparison), mentions in a sentence that narrates a change of value
//! (`change-markers`: 修正, 引き上げ, …から…に), numbers without a unit (section numbers,
//! years written alone) and ordinals of sections (第2章). One finding per quantity: at the
//! later mention, with the earlier one as a related span.
//!
//! Placeholders: `{subject}` what is counted, `{match}` the later value, `{other}` the
//! earlier value.

use serde::Deserialize;

use super::{CompileContext, Context};
use crate::document::BlockKind;
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::quantity::{self, Quantity};
use crate::lang::ja::{Analysis, LexiconId, Lexicons};
use crate::rules::message::Message;
use crate::rules::spec::RuleSource;
use crate::span::Span;

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// Compare only quantities of these units (normalised counters such as 人, 円, %, 日付);
    /// empty: every unit.
    #[serde(default)]
    pub units: Vec<String>,
    /// Never compare quantities of these units.
    #[serde(default)]
    pub ignore_units: Vec<String>,
}

pub const PLACEHOLDERS: &[&str] = &["subject", "match", "other"];

pub const LEXICONS: &[LexiconId] = &[
    LexiconId::QuantityQualifiers,
    LexiconId::AmountFillers,
    LexiconId::ChangeMarkers,
];

#[derive(Debug)]
pub struct Numbers {
    units: Vec<String>,
    ignore_units: Vec<String>,
    lexicons: std::sync::Arc<Lexicons>,
}

/// A quantity where it is stated, with what it counts.
#[derive(Debug, Clone)]
struct Mention {
    quantity: Quantity,
    /// The quantity's span in the analysis text.
    span: Span,
    sentence: usize,
    key: Key,
}

/// What makes two mentions the same quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    unit: String,
    subject: String,
    qualifiers: Vec<String>,
}

/// How far back (in tokens) a subject is looked for.
const SUBJECT_REACH: usize = 8;

impl Numbers {
    pub fn compile(
        spec: Spec,
        _src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        Ok(Numbers {
            units: spec.units,
            ignore_units: spec.ignore_units,
            lexicons: context.lexicons.clone(),
        })
    }

    pub fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let mentions = self.mentions(ctx);
        let mut reported: Vec<&Key> = Vec::new();
        for (j, later) in mentions.iter().enumerate() {
            if reported.contains(&&later.key) {
                continue;
            }
            let earlier = mentions[..j].iter().find(|m| {
                m.key == later.key
                    && m.sentence != later.sentence
                    && !m.quantity.compatible(&later.quantity)
            });
            let Some(earlier) = earlier else { continue };
            reported.push(&later.key);
            let text = ctx.analysis.text;
            let value = |m: &Mention| text[m.span.range()].to_string();
            let msg = message.render(&[
                ("subject", &later.key.subject),
                ("match", &value(later)),
                ("other", &value(earlier)),
            ]);
            out.push(
                Hit::new(later.span, msg)
                    .with_related(earlier.span, format!("ここでは「{}」", value(earlier))),
            );
        }
    }

    /// Every comparable quantity in the document, in text order.
    fn mentions(&self, ctx: &Context<'_>) -> Vec<Mention> {
        let doc = ctx.doc;
        let a = ctx.analysis;
        let change = self.lexicons.get(LexiconId::ChangeMarkers);
        let mut out = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.slice(sentence.span);
            if change.iter().any(|w| text.contains(w)) {
                continue;
            }
            let heading = !matches!(
                doc.blocks[sentence.block].kind,
                BlockKind::Paragraph | BlockKind::ListItem
            );
            let found = quantity::find(text);
            for q in &found {
                let span = Span::new(
                    sentence.span.start + q.span.start,
                    sentence.span.start + q.span.end,
                );
                // 3人から5人に: one value becoming another.
                let after = &doc.text[span.end..sentence.span.end];
                if after.starts_with("から") || text[..q.span.start].ends_with("から") {
                    continue;
                }
                if q.ordinal && (heading || q.unit.is_empty()) {
                    continue;
                }
                let Some(key) = self.key(a, span, q, sentence.span) else {
                    continue;
                };
                if !self.units.is_empty() && !self.units.contains(&key.unit) {
                    continue;
                }
                if self.ignore_units.contains(&key.unit) {
                    continue;
                }
                out.push(Mention {
                    quantity: q.clone(),
                    span,
                    sentence: s,
                    key,
                });
            }
        }
        out
    }

    /// What a quantity at `span` counts: its unit, subject and qualifiers; `None` when its
    /// subject cannot be told.
    fn key(&self, a: &Analysis<'_>, span: Span, q: &Quantity, sentence: Span) -> Option<Key> {
        let first = a.first_at(span.start);
        let next = a.first_at(span.end);
        let clause = self.clause_start(a, first, sentence);
        let qualifiers = self.qualifiers(a, clause..first);
        // 17の停留場: a number that modifies a noun counts that noun.
        let following = (next < a.tokens.len()
            && a.surface(next) == "の"
            && a.tokens[next].span.start == span.end)
            .then(|| noun_chain_forward(a, next + 1))
            .flatten();
        if q.unit.is_empty() {
            let (subject, _) = following?;
            return Some(Key {
                unit: subject.clone(),
                subject,
                qualifiers,
            });
        }
        // 総額43億円の予算案 counts 総額 (the noun the number is written on); 2人の行方 with no
        // noun before it counts 行方.
        let attached = (first > clause)
            .then(|| {
                let p = a.features(first - 1).pos;
                let joined = a.tokens[first - 1].span.end == a.tokens[first].span.start;
                (joined && p.is_noun() && !p.is_number() && !p.is_pronoun())
                    .then(|| noun_chain_back(a, first - 1, clause).0)
            })
            .flatten()
            .filter(|n| !self.is_filler(n));
        let subject = match (attached, following) {
            (Some(noun), _) => noun,
            (None, following) => match self.subject_before(a, clause, first) {
                Some(noun) => noun,
                None => following
                    .map(|(noun, _)| noun)
                    .filter(|n| !self.is_filler(n))?,
            },
        };
        let mut qualifiers = qualifiers;
        if let Some(owner) = owner_of(a, &subject, clause, first) {
            qualifiers.push(owner);
        }
        qualifiers.sort();
        qualifiers.dedup();
        Some(Key {
            unit: q.unit.clone(),
            subject,
            qualifiers,
        })
    }

    fn is_filler(&self, word: &str) -> bool {
        self.lexicons.contains(LexiconId::AmountFillers, word)
    }

    /// The first token of the clause holding token `first`: after the last 。 or 、 before it
    /// within the sentence (a 、 right after は/が does not end the clause: 総額は、42億円).
    fn clause_start(&self, a: &Analysis<'_>, first: usize, sentence: Span) -> usize {
        let start = a.first_at(sentence.start);
        let mut i = first;
        while i > start {
            let s = a.surface(i - 1);
            if s == "。" {
                break;
            }
            if s == "、" {
                let topic = i >= 2 && matches!(a.surface(i - 2), "は" | "が");
                if !topic {
                    break;
                }
            }
            i -= 1;
        }
        i
    }

    /// The nearest noun chain before token `first`, within the clause: particles, symbols
    /// and filler nouns are skipped; a verb or adjective in between means the number is not
    /// about a noun here.
    fn subject_before(&self, a: &Analysis<'_>, clause: usize, first: usize) -> Option<String> {
        let mut i = first;
        let floor = clause.max(first.saturating_sub(SUBJECT_REACH));
        while i > floor {
            let j = i - 1;
            let pos = a.features(j).pos;
            if pos.is_particle() || pos.is_symbol() {
                i = j;
                continue;
            }
            if pos.is_noun() && !pos.is_number() && !pos.is_pronoun() {
                let (chain, start) = noun_chain_back(a, j, floor);
                if self.is_filler(&chain) || self.is_filler(a.surface(j)) {
                    i = start;
                    continue;
                }
                return Some(chain);
            }
            if pos.is_prefix() || pos.is_adverb() {
                i = j;
                continue;
            }
            return None;
        }
        None
    }

    /// The qualifier words in tokens `range`.
    fn qualifiers(&self, a: &Analysis<'_>, range: std::ops::Range<usize>) -> Vec<String> {
        let words = self.lexicons.get(LexiconId::QuantityQualifiers);
        let mut out: Vec<String> = range
            .filter(|&i| words.contains(a.surface(i)))
            .map(|i| a.surface(i).to_string())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

/// The noun chain (nouns, prefixes and suffixes without particles) ending at token `last`,
/// not before `floor`, and where it starts.
fn noun_chain_back(a: &Analysis<'_>, last: usize, floor: usize) -> (String, usize) {
    let mut start = last;
    while start > floor {
        let p = a.features(start - 1).pos;
        let joined = a.tokens[start - 1].span.end == a.tokens[start].span.start;
        if !joined || !(p.is_noun() || p.is_prefix()) || p.is_number() {
            break;
        }
        start -= 1;
    }
    let span = Span::new(a.tokens[start].span.start, a.tokens[last].span.end);
    (a.text[span.range()].to_string(), start)
}

/// The noun chain starting at token `first`, if it is a noun.
fn noun_chain_forward(a: &Analysis<'_>, first: usize) -> Option<(String, usize)> {
    let p = a.features(first).pos;
    if first >= a.tokens.len() || !p.is_noun() || p.is_number() || p.is_pronoun() {
        return None;
    }
    let mut end = first + 1;
    while end < a.tokens.len() {
        let q = a.features(end).pos;
        let joined = a.tokens[end - 1].span.end == a.tokens[end].span.start;
        if !joined || !q.is_noun() || q.is_number() {
            break;
        }
        end += 1;
    }
    let span = Span::new(a.tokens[first].span.start, a.tokens[end - 1].span.end);
    Some((a.text[span.range()].to_string(), end))
}

/// `A社の売上高`: the noun chain joined to the subject by の, before it in the clause.
fn owner_of(a: &Analysis<'_>, subject: &str, clause: usize, first: usize) -> Option<String> {
    let at = (clause..first).rev().find(|&i| {
        a.text[a.tokens[i].span.start..].starts_with(subject)
            && a.tokens[i].span.start + subject.len() <= a.tokens[first.max(1) - 1].span.end
    })?;
    if at < clause + 2 || a.surface(at - 1) != "の" {
        return None;
    }
    let p = a.features(at - 2).pos;
    if !p.is_noun() || p.is_number() || p.is_pronoun() {
        return None;
    }
    let (owner, _) = noun_chain_back(a, at - 2, clause);
    // 同社の, 同市の: the article's own subject, whatever it is called elsewhere.
    (!owner.starts_with('同')).then_some(owner)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

    fn rule() -> crate::rules::Rule {
        rule_from_yaml("kind: numbers\nmessage: 「{subject}」{match}/{other}\n")
    }

    #[test]
    fn one_quantity_with_two_values_is_reported_at_the_later_one() {
        let text =
            "総額は42億3000万円で、県議会に提出する。\n\n総額43億2000万円の予算案は審査を経る。";
        let h = hits(&rule(), text);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].message, "「総額」43億2000万円/42億3000万円");
        assert_eq!(h[0].related.len(), 1);
        assert_hits(
            &rule(),
            "投票率は41.37%だった。\n投票率が41.73%にとどまった。",
            &["41.73%"],
        );
        assert_hits(
            &rule(),
            "世界で2例目だという。\n発見は世界で3例目となる。",
            &["3例目"],
        );
    }

    #[test]
    fn agreeing_spellings_are_one_value() {
        for text in [
            "来場者は約500人だった。\n来場者は512人と発表された。",
            "参加者は1万人に上った。\n参加者は10,000人を超えなかった。",
            "参加者は一万人に上った。\n参加者は1万人だった。",
            "支持率は2割だった。\n支持率は20%にとどまった。",
            "期間は3〜5日の予定だ。\n期間は4日となった。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn different_quantities_of_one_counter_are_not_compared() {
        for text in [
            // Different subjects.
            "死者は12人だった。\n負傷者は15人だった。",
            // Different times.
            "今年の来場者は3万人だった。\n昨年の来場者は2万人だった。",
            // Different owners.
            "A社の売上高は100億円だった。\nB社の売上高は200億円だった。",
            // One sentence lists or compares values.
            "大人は1,200円、大人(団体)は1,000円。",
            // A change narrated.
            "予想を3人から5人に上方修正した。\n予想は5人となった。",
            // Section numbers.
            "## 第1章 はじめに\n\n本文。\n\n## 第2章 まとめ\n\n本文。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn a_number_modifying_a_noun_counts_that_noun() {
        assert_hits(
            &rule(),
            "停留場は全部で19カ所ある。\n17の停留場のうち5カ所に駐輪場がある。",
            &[],
        );
        assert_hits(&rule(), "19の停留場がある。\n17の停留場がある。", &["17"]);
    }

    #[test]
    fn units_can_be_restricted() {
        let rule = rule_from_yaml("kind: numbers\nmessage: x\nignore_units: ['%']\n");
        assert_hits(
            &rule,
            "投票率は41.37%だった。\n投票率が41.73%にとどまった。",
            &[],
        );
    }
}
