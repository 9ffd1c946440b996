//! The undecided pass of `kind: polarity` (`undecided: true`): an event told as decided, with
//! its date, in one sentence, and the same event or its date told as not yet decided in
//! another.
//!
//! News states a decision by nominalising the event (「来年7月に再開することが決まった」,
//! 「来年2月の打ち上げが正式に決定しており」) and its absence by the event's date or the event
//! as a topic (「再開時期は未定だ」, 「公開日はまだ決まっていない」, 「開設についてはまだ決めて
//! おらず」). The claim reader compares object phrases, and these share none: 再開すること is
//! not 再開時期. This pass reads both shapes around a `decision-verbs` word (or an
//! `undecided-words` noun) and compares the event they name, a サ変 noun (再開, 公開) or a
//! verb's noun form (引き上げ, 打ち上げ):
//!
//! - **decided**: `event` (する/される/させる) + こと/の + が/を/も + 決まった/決めた/決定した
//!   (ている, ており), or `event` + が/を/の + 決定 in the same tenses; *dated* when the
//!   event's clause (from its start or last comma to the event) holds a date (a number with
//!   年, 年度, 月, 日 or 時) or an `event-times` word (来年, 年内, 上旬); and, against a date
//!   told as open, the event stated with its date as a fact, without a decision word
//!   (新制度を2027年度入試から導入する): non-past (a past date is often another thing's:
//!   前作は2021年に発売された), not negated, hedged, planned or conditional (導入される見通し,
//!   導入する方針, 導入すれば), not a noun form (来年度の打ち上げ);
//! - **undecided**: a topic before a negated decision in the present (決まっていない,
//!   決めておらず, 決定していない) or an `undecided-words` noun (未定, 白紙): `event` +
//!   `timing-nouns` (再開時期, 公開日) or `event` + の + a timing noun (伐採の時期) leaves the
//!   date open; `event` itself (+ 化; with は, も, が or について) leaves the event open.
//!
//! An open date contradicts only a dated decision: 「続編の製作が決定した」 and 「公開日は未定」
//! are the usual way news tells a decision whose date is to come. An open event contradicts any
//! decision of it. Not compared: two mentions in one sentence, a sentence that narrates a
//! change (`earlier-states`, `turning-points`: 当初は未定だったが), a decision in a question
//! or condition (決まれば, 決まったら, 決まったか), a past negative (決まっていなかった) and an
//! open date reported as the state back then (「…まだ決めていない」と説明していた), which tell
//! the state before the decision. The evidence is a shape, not one object phrase:
//! findings are one severity level below the rule's, at the later mention with the earlier
//! one as a related span, and never where the claim reader already reported.

use super::super::Context;
use super::{Polarity, earlier_label, noun_forms_of, pos};
use crate::finding::Hit;
use crate::lang::ja::{Analysis, LexiconId};
use crate::rules::message::Message;
use crate::span::Span;

/// How far back from a decision word its topic or nominalised event may start.
const MAX_BACK: usize = 12;
/// How far past a decision word its negation or tense auxiliaries may stand.
const MAX_AHEAD: usize = 6;
/// Earlier mentions a later one is compared with.
const MAX_LOOK_BACK: usize = 64;
/// Occurrences of an event name read as a dated statement of it.
const MAX_ASSERTED: usize = 256;
/// Events that only carry out another (実施する): a decision to carry out is about the event
/// its sentence's topic names (統合は…実施することが決まった).
const LIGHT_EVENTS: &[&str] = &["実施", "実行"];
/// Units that make a number a date or time (7月, 12日, 2027年, 10時).
const DATE_UNITS: &[&str] = &["年", "年度", "月", "日", "時"];

/// An event told as decided or as not yet decided.
#[derive(Debug)]
struct Mention {
    sentence: usize,
    /// The event's names: a サ変 noun (再開), or a verb's noun forms (引き上げ).
    event: Vec<String>,
    decided: bool,
    /// Decided: the event's clause holds a date. Undecided: what is open is the date only.
    dated: bool,
    span: Span,
}

/// The phrase naming an event on either side: where it starts, the event's names, and
/// whether it dates the event (decided) or leaves only its date open (undecided).
#[derive(Debug)]
struct Phrase {
    first: usize,
    event: Vec<String>,
    dated: bool,
}

impl Phrase {
    fn new(first: usize, event: Vec<String>, dated: bool) -> Self {
        Phrase {
            first,
            event,
            dated,
        }
    }
}

impl Polarity {
    /// Reports an event decided with a date in one sentence and left open in another. `strict`
    /// is where the claim reader's findings start in `out`.
    pub(super) fn undecided_events(
        &self,
        ctx: &Context<'_>,
        strict: usize,
        message: &Message,
        out: &mut Vec<Hit>,
    ) {
        let a = ctx.analysis;
        let sentences = &ctx.doc.sentences;
        let mut at: Vec<usize> = Vec::new();
        for word in self.lexicons.get(LexiconId::DecisionVerbs).iter() {
            at.extend(a.tokens_with_base(word).iter().map(|&t| t as usize));
        }
        for word in self.lexicons.get(LexiconId::UndecidedWords).iter() {
            at.extend(a.tokens_with_surface(word).iter().map(|&t| t as usize));
        }
        if at.is_empty() {
            return;
        }
        at.sort_unstable();
        at.dedup();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut s = 0;
        for d in at {
            let offset = a.tokens[d].span.start;
            while s < sentences.len() && sentences[s].span.end <= offset {
                s += 1;
            }
            let Some(sentence) = sentences.get(s) else {
                break;
            };
            if sentence.span.start > offset {
                continue;
            }
            let range = a.within(sentence.span);
            if let Some(m) = self.mention(a, d, range.start, range.end, s) {
                mentions.push(m);
            }
        }
        if mentions.iter().all(|m| m.decided) {
            return;
        }
        // 新制度を2027年度入試から導入する: an event stated with its date, without a
        // decision word, for the events whose date is told as open.
        // Each event name is looked up once; a statement in the open mention's own sentence
        // is never paired with it.
        let mut open: Vec<String> = mentions
            .iter()
            .filter(|m| !m.decided && m.dated)
            .flat_map(|m| m.event.iter().cloned())
            .collect();
        open.sort_unstable();
        open.dedup();
        for name in &open {
            for &t in a.tokens_with_surface(name).iter().take(MAX_ASSERTED) {
                if let Some(m) = self.asserted(a, t as usize, sentences) {
                    mentions.push(m);
                }
            }
        }
        if !mentions.iter().any(|m| m.decided) {
            return;
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        // A change narrated before the mention in its sentence (その後、…決まった).
        let narrates = |m: &Mention| {
            let range = a.within(Span::new(sentences[m.sentence].span.start, m.span.end));
            range.into_iter().any(|i| {
                self.lexicons
                    .contains(LexiconId::EarlierStates, a.surface(i))
                    || self
                        .lexicons
                        .contains(LexiconId::TurningPoints, a.surface(i))
            })
        };
        let overlaps = |x: Span, y: Span| x.start < y.end && y.start < x.end;
        let mut reported: Vec<&[String]> = Vec::new();
        let mut hits = Vec::new();
        for (j, later) in mentions.iter().enumerate() {
            // One finding per event; a bounded look back keeps a document with thousands of
            // decisions linear.
            if reported
                .iter()
                .any(|e| e.iter().any(|x| later.event.contains(x)))
            {
                continue;
            }
            let earlier = mentions[j.saturating_sub(MAX_LOOK_BACK)..j]
                .iter()
                .find(|earlier| {
                    let (open, decision) = if later.decided {
                        (*earlier, later)
                    } else {
                        (later, *earlier)
                    };
                    earlier.decided != later.decided
                        && earlier.sentence != later.sentence
                        && open.event.iter().any(|e| decision.event.contains(e))
                        && (!open.dated || decision.dated)
                });
            let Some(earlier) = earlier else {
                continue;
            };
            if narrates(earlier)
                || narrates(later)
                || out[strict..].iter().any(|h| {
                    overlaps(h.span, later.span)
                        || overlaps(h.span, earlier.span)
                        || h.related
                            .iter()
                            .any(|r| overlaps(r.span, later.span) || overlaps(r.span, earlier.span))
                })
            {
                continue;
            }
            reported.push(&later.event);
            hits.push(self.undecided_hit(a, later, earlier, message));
        }
        out.extend(hits);
    }

    fn undecided_hit(
        &self,
        a: &Analysis<'_>,
        later: &Mention,
        earlier: &Mention,
        message: &Message,
    ) -> Hit {
        let text = message.render(&[
            ("match", &a.text[later.span.range()]),
            ("other", &a.text[earlier.span.range()]),
            ("object", &later.event[0]),
            ("predicate", "決定する"),
            ("subject", ""),
        ]);
        Hit::new(later.span, text)
            .with_related(earlier.span, earlier_label(!earlier.decided))
            .weaker()
    }

    /// The mention a decision word at token `d` makes in the sentence of tokens
    /// `start..end`, if it is one of the two shapes.
    fn mention(
        &self,
        a: &Analysis<'_>,
        d: usize,
        start: usize,
        end: usize,
        sentence: usize,
    ) -> Option<Mention> {
        let undecided_noun = self
            .lexicons
            .contains(LexiconId::UndecidedWords, a.surface(d));
        // Where the predicate ends, and whether it is negated, past or neither.
        let mut last = d;
        // 決定 is a サ変 noun: its する carries the tense.
        if pos(a, d).is_sahen_noun() && d + 1 < end && a.base(d + 1) == "する" {
            last = d + 1;
        }
        let mut negated = false;
        let mut past = false;
        let mut k = last + 1;
        while k < end && k <= last + MAX_AHEAD {
            let p = pos(a, k);
            let s = a.surface(k);
            if matches!(s, "たら" | "なら") {
                return None;
            }
            if self.is_negation(a, k) {
                negated = true;
            } else if p.is_auxiliary_verb() && a.base(k) == "た" {
                if negated {
                    // 決まっていなかった: the state before the decision.
                    return None;
                }
                past = true;
            } else if !(p.is_dependent_verb()
                || (p.is_conjunctive_particle() && matches!(s, "て" | "で"))
                || (p.is_auxiliary_verb() && matches!(a.base(k), "ます" | "です")))
            {
                break;
            }
            last = k;
            k += 1;
        }
        // 決まれば, 決まったら, 決まったか, 決まったかどうか: a condition or a question.
        if k < end {
            let s = a.surface(k);
            // 決まっていない場合: a condition; 決定しないわけではない: a double negative.
            if matches!(
                s,
                "ば" | "たら"
                    | "なら"
                    | "か"
                    | "かどうか"
                    | "場合"
                    | "とき"
                    | "限り"
                    | "わけ"
                    | "とは"
            ) {
                return None;
            }
        }
        if past && negated {
            return None;
        }
        let state = &a.text[a.tokens[d].span.start..a.tokens[last].span.end];
        // 決まった, 決めている, 決めています, 決定しており.
        let perfect = past || state.contains("てい") || state.contains("てお");
        let span = |from: usize| Span::new(a.tokens[from].span.start, a.tokens[last].span.end);
        let decided = !(undecided_noun || negated);
        if decided {
            if !perfect {
                return None;
            }
        } else {
            // 未定ではない: a negated undecided word.
            if undecided_noun && negated {
                return None;
            }
            // 「…まだ決めていない」と説明していた: reported as the state back then.
            let rest = &a.text[a.tokens[last].span.end..a.tokens[end - 1].span.end];
            if rest.contains("ていた") || rest.contains("でいた") {
                return None;
            }
        }
        let Phrase {
            first,
            event,
            dated,
        } = if decided {
            self.decided_event(a, d, start)?
        } else {
            self.open_topic(a, d, start)?
        };
        Some(Mention {
            sentence,
            event,
            decided,
            dated,
            span: span(first),
        })
    }

    /// An event at token `e` stated with its date as a fact (新制度を2027年度入試から導入する,
    /// 来年度から導入すると発表した): a サ変 noun with する or
    /// a verb's noun form, not negated, hedged, planned or conditional (導入される見通しだ,
    /// 導入する方針, 導入すれば).
    fn asserted(
        &self,
        a: &Analysis<'_>,
        e: usize,
        sentences: &[crate::document::Sentence],
    ) -> Option<Mention> {
        let offset = a.tokens[e].span.start;
        let sentence = sentences.partition_point(|s| s.span.end <= offset);
        let range = a.within(sentences.get(sentence)?.span);
        if !range.contains(&e) {
            return None;
        }
        let end = range.end;
        let event = event_at(a, e)?;
        // The predicate: the event's する (サ変) or the verb itself, not its noun form
        // (来年度の打ち上げ).
        let mut last = if pos(a, e).is_sahen_noun() {
            (e + 1 < end && a.base(e + 1) == "する").then_some(e + 1)?
        } else if pos(a, e).is_verb() && !is_noun_form(a, e) {
            e
        } else {
            return None;
        };
        let mut k = last + 1;
        while k < end && k <= last + MAX_AHEAD {
            let p = pos(a, k);
            // Negated, or past: 前作は2021年に発売された tells a date of the past, often of
            // another thing than the one whose date is open.
            if self.is_negation(a, k) || (p.is_auxiliary_verb() && a.base(k) == "た") {
                return None;
            }
            if !(p.is_verb_suffix()
                || p.is_dependent_verb()
                || (p.is_conjunctive_particle() && matches!(a.surface(k), "て" | "で"))
                || (p.is_auxiliary_verb() && a.base(k) == "ます"))
            {
                break;
            }
            last = k;
            k += 1;
        }
        // Hedged, planned, questioned or conditional: 導入される見通し, 導入する方針,
        // 導入するか, 導入すれば, 導入する場合.
        if (k..end.min(k + 3)).any(|i| {
            self.lexicons.contains(LexiconId::ModalWords, a.base(i))
                || self.lexicons.contains(LexiconId::PlanNouns, a.base(i))
                || self.lexicons.contains(LexiconId::StanceNouns, a.base(i))
                || matches!(
                    a.surface(i),
                    "ば" | "たら" | "なら" | "か" | "かどうか" | "場合" | "とき"
                )
        }) || a.features(last).conjugation.is_conditional()
        {
            return None;
        }
        let first = self.dated_clause(a, range.start, e)?;
        Some(Mention {
            sentence,
            event,
            decided: true,
            dated: true,
            span: Span::new(a.tokens[first].span.start, a.tokens[last].span.end),
        })
    }

    /// The first token of the clause before token `e` (back to a comma or `start`) when the
    /// clause dates the event at `e`: a number with a date unit (2027年度, 7月, 12日) or an
    /// `event-times` word (来年, 年内).
    fn dated_clause(&self, a: &Analysis<'_>, start: usize, e: usize) -> Option<usize> {
        let mut first = e;
        while first > start && !pos(a, first - 1).is_comma() && !pos(a, first - 1).is_period() {
            first -= 1;
        }
        (first..e)
            .any(|i| {
                (pos(a, i).is_number() && i < e && DATE_UNITS.contains(&a.surface(i + 1)))
                    || self.lexicons.contains(LexiconId::EventTimes, a.surface(i))
            })
            .then_some(first)
    }

    /// The topic a negated decision at `d` leaves open, as a [`Phrase`] (`dated`: only the
    /// date is open). Read back over adverbs (まだ, 何も, 現時点で), a subject (町は)
    /// and commas after a topic, to a noun phrase before は, も, が or について(は).
    fn open_topic(&self, a: &Analysis<'_>, d: usize, start: usize) -> Option<Phrase> {
        let floor = start.max(d.saturating_sub(MAX_BACK));
        let mut k = d;
        while k > floor {
            let i = k - 1;
            let s = a.surface(i);
            let p = pos(a, i);
            if p.is_period() || p.is_opening_bracket() {
                return None;
            }
            // A comma ends the clause unless it follows a topic (…については、町はまだ…).
            if p.is_comma() && !(i > floor && matches!(a.surface(i - 1), "は" | "について")) {
                return None;
            }
            let topic = p.is_particle() && matches!(s, "は" | "も" | "が" | "を" | "について");
            if topic {
                // The noun phrase before the particle (before について for については).
                let mut head = i;
                if matches!(s, "は" | "も") && head > floor && a.surface(head - 1) == "について"
                {
                    head -= 1;
                }
                // 増税を決定していない is the claim reader's: with を, only a date.
                if head > floor
                    && let Some(found) = self.open_event(a, head - 1, floor)
                    && (s != "を" || found.dated)
                {
                    return Some(found);
                }
            }
            // Read past adverbs, pronouns with も (何も, どこも), a time of the statement
            // (現時点で), subjects and topics that name no event, and the comma after a topic.
            k -= 1;
        }
        None
    }

    /// The event of a noun phrase ending at token `last`, as an open topic.
    fn open_event(&self, a: &Analysis<'_>, last: usize, floor: usize) -> Option<Phrase> {
        if !pos(a, last).is_noun() && !is_noun_form(a, last) {
            return None;
        }
        let timing = self
            .lexicons
            .contains(LexiconId::TimingNouns, a.surface(last));
        if timing {
            // 再開時期, 公開日: the event written onto the timing noun.
            if last > floor
                && let Some(event) = event_at(a, last - 1)
                && a.tokens[last - 1].span.end == a.tokens[last].span.start
            {
                return Some(Phrase::new(last - 1, event, true));
            }
            // 伐採の時期: the event before の.
            if last >= floor + 2
                && a.surface(last - 1) == "の"
                && let Some(event) = event_at(a, last - 2)
            {
                return Some(Phrase::new(last - 2, event, true));
            }
            return None;
        }
        // 常駐化: the event with the suffix 化.
        let head = if a.surface(last) == "化" && last > floor {
            last - 1
        } else {
            last
        };
        event_at(a, head).map(|event| Phrase::new(head, event, false))
    }

    /// The event a decision at `d` is about, as a [`Phrase`] from the start of the event's
    /// clause when the clause dates it (`dated`). 「…再開することが決まった」, 「…常駐させることを
    /// 決めた」, 「来年2月の打ち上げが正式に決定しており」.
    fn decided_event(&self, a: &Analysis<'_>, d: usize, start: usize) -> Option<Phrase> {
        let floor = start.max(d.saturating_sub(MAX_BACK));
        let mut k = d;
        // 正式に, すでに: adverbs before the decision.
        while k > floor && (pos(a, k - 1).is_adverb() || a.surface(k - 1) == "正式に") {
            k -= 1;
        }
        if k > floor + 1 && a.surface(k - 1) == "に" && a.surface(k - 2) == "正式" {
            k -= 2;
        }
        if k <= floor || !matches!(a.surface(k - 1), "が" | "を" | "も" | "の") {
            return None;
        }
        k -= 1;
        if k <= floor {
            return None;
        }
        let mut e = k - 1;
        let event = if matches!(a.surface(e), "こと" | "の") && pos(a, e).is_noun() {
            // The verb before こと, past its voice suffixes (される, させる).
            let mut v = e;
            while v > floor {
                v -= 1;
                let p = pos(a, v);
                if !(p.is_verb_suffix() || p.is_auxiliary_verb() && a.base(v) != "た") {
                    break;
                }
            }
            if !pos(a, v).is_verb() {
                return None;
            }
            if a.base(v) == "する" {
                if v <= floor {
                    return None;
                }
                e = v - 1;
                event_at(a, e)?
            } else {
                e = v;
                noun_forms_of(a.base(v))
            }
        } else {
            event_at(a, e)?
        };
        // 統合は2027年4月に実施することが決まった: carrying out names no event; the topic
        // does.
        let mut event = event;
        if event.iter().any(|n| LIGHT_EVENTS.contains(&n.as_str()))
            && let Some(topic) = (start.max(floor) + 1..e)
                .filter(|&k| a.surface(k) == "は" && pos(a, k).is_particle())
                .find_map(|k| event_at(a, k - 1))
        {
            event.extend(topic);
        }
        // The event's clause: back to the last comma or the sentence's start.
        let dated = self.dated_clause(a, start, e);
        Some(Phrase::new(dated.unwrap_or(e), event, dated.is_some()))
    }
}

/// Whether token `i` is a verb's continuative form used as a noun (打ち上げ, 引き上げ).
fn is_noun_form(a: &Analysis<'_>, i: usize) -> bool {
    let p = pos(a, i);
    p.is_verb()
        && p.is_independent_verb()
        && noun_forms_of(a.base(i)).iter().any(|n| n == a.surface(i))
}

/// The names of the event token `i` names: a サ変 noun (再開), or a verb's noun form
/// (打ち上げ, with 打ち上げる's other forms).
fn event_at(a: &Analysis<'_>, i: usize) -> Option<Vec<String>> {
    let p = pos(a, i);
    let surface = a.surface(i);
    // 値上げ, 取り壊し: a noun with okurigana is a verb's noun form.
    let deverbal = p.is_noun()
        && surface.chars().any(crate::lang::ja::is_kanji)
        && surface.ends_with(|c: char| ('\u{3041}'..='\u{3093}').contains(&c));
    if (p.is_sahen_noun() || deverbal) && surface.chars().count() >= 2 {
        return Some(vec![surface.to_string()]);
    }
    if is_noun_form(a, i) {
        return Some(noun_forms_of(a.base(i)));
    }
    None
}
