//! The restatement pass of `kind: polarity` (`restated: true`): one statement affirmed in one
//! sentence and negated in another that says the same thing in other words.
//!
//! The claim reader compares claims by their object phrase, and generated articles seldom
//! repeat a phrase: 「寝る90分ほど前の入浴は、睡眠の専門家も推奨しています」 and 「寝る前の入浴に
//! ついては、…専門家の間では推奨されていません」 share no object (one is modified by a clause,
//! the other is a topic of について). This pass compares sentences instead: two predicates of
//! one key (stem, after `synonyms`, `opposites` and `intransitives`; the voice is ignored), of
//! opposite polarity and compatible tenses, read by the claim reader's own predicate rules (so
//! questions, conditions, hedges, modality, quotations and relative clauses about another head
//! stay out), in sentences that share at least [`MIN_SHARED`] content words besides the
//! predicate, which are at least [`MIN_OVERLAP`] of the shorter sentence's.
//!
//! What can be done is compared by the action, whatever word says it: 撮影できる, 撮影が
//! 可能, 撮影は禁止 and 撮影はできない are one key (the action named before the particle, or
//! else the sentence's topic), never compared with 撮影する. The predicate's own words (不要,
//! 必須) are not shared content, and [`MIN_SHARED_ALONE`] shared words suffice whatever the
//! sentences' length.
//!
//! What tells two such sentences apart is kept apart: different numbers (1号機 / 2号機),
//! different proper nouns (A社は導入、B社は導入しない; a single letter marking a line, 「A.」,
//! is none), topics with one head modified differently (私立中学校の生徒 / 市立中学校の生徒;
//! by a relative clause with its case phrase: 手当を受給している世帯 / 勤務先から受け取っている
//! 世帯, 市から受け取っている世帯 / 勤務先から受け取っている世帯; any topic of the sentence, not
//! only the last: 「…世帯は、申請は不要です」), a sentence set at another time by its topic
//! (`other-times` before は: 昨年は…中止) beside one that is not (a comparison, 昨年と同じく, or
//! a reason, 昨年の混雑を踏まえ, sets no time)
//! or different heads neither sentence takes as an argument, different `quantity-qualifiers`
//! (今年 / 昨年, 男性 / 女性), a negation whose own sentence affirms the key in a relative
//! clause (前期に展示した作品は、後期には展示されません: a contrast); a past affirmative and a present negative are compared unless
//! either sentence narrates a change (`earlier-states`, `turning-points`). The evidence is
//! weaker than a shared object phrase: findings are one severity level below the rule's,
//! at the later predicate with the earlier one as a related span, and never where the claim
//! reader already reported.

use std::cell::OnceCell;

use super::super::Context;
use super::super::numbers::{list_runs, other_sections, section_subjects};
use super::super::preselect::sentences_holding;
use super::{Polarity, Role, Sections, Tense, earlier_label, has_sibling_model, model_name, pos};
use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::document::Sentence;
use crate::finding::Hit;
use crate::lang::ja::{Analysis, LexiconId};
use crate::rules::message::Message;
use crate::span::Span;

const INHERIT: bool = true;
/// The fewest content words two sentences share, besides the predicate.
const MIN_SHARED: usize = 2;
/// The least share of the shorter sentence's content words the two have in common, unless
/// they share [`MIN_SHARED_ALONE`].
const MIN_OVERLAP: f32 = 0.5;
/// Shared content words that are enough whatever else the sentences say.
const MIN_SHARED_ALONE: usize = 3;
/// Earlier statements of a key compared with a later one (after the filters on place), and
/// looked at in all: bound the pairing on long repetitive text.
const MAX_PER_KEY: usize = 16;
const MAX_SCANNED: usize = 256;

/// A predicate of a sentence, read as the claim reader reads one.
#[derive(Debug, Clone)]
struct Statement<'t> {
    sentence: usize,
    stem: &'t str,
    sahen: bool,
    /// What can be done (撮影できる, 撮影は禁止): `stem` is the action.
    potential: bool,
    negative: bool,
    tense: Tense,
    /// The predicate and its auxiliaries, with the noun phrase and particle before it.
    span: Span,
    /// The last noun of the phrase the predicate governs (対応 of マルチポイントに対応), if a
    /// particle stands right before the predicate.
    argument: Option<&'t str>,
}

/// The predicates a keyed reading of a sentence looks for: their keys, and the words that may
/// be read as one of them.
#[derive(Clone, Copy)]
struct Wanted<'k, 's> {
    keys: &'k FastHashSet<(&'s str, bool)>,
    forms: &'k FastHashSet<String>,
}

/// What a sentence is about: its content words and what tells it apart from another.
#[derive(Debug, Default)]
struct Content<'t> {
    /// Nouns by surface, verbs and adjectives by base form (sorted, unique).
    words: Vec<&'t str>,
    /// Numbers as (counter, value): 「9月」 is (月, 9); a bare number has an empty counter.
    numbers: Vec<(&'t str, &'t str)>,
    names: Vec<&'t str>,
    qualifiers: Vec<&'t str>,
    /// Model names with a sibling model named in the text (NoteSlate 10 beside NoteSlate 11).
    models: Vec<&'t str>,
    /// The sentence narrates a change (当初, その後, 一転 …).
    narrates: bool,
    /// The sentence is set at another time than the article's own by a time topic (昨年は,
    /// 前回は, 当時は: `other-times`).
    other_time: bool,
}

impl Polarity {
    /// Reports restated statements of opposite polarity among `sentences`: the negated ones
    /// (`negated`, ascending) and those holding a predicate of one of their keys. `strict` is
    /// where the claim reader's findings start in `out`; `sections` the names each block's
    /// section is about, computed once for both passes.
    pub(super) fn restatements<'t>(
        &'t self,
        ctx: &Context<'t>,
        negated: &[usize],
        strict: usize,
        sections: &OnceCell<Sections>,
        message: &Message,
        out: &mut Vec<Hit>,
    ) {
        let (a, sentences) = (ctx.analysis, &ctx.doc.sentences[..]);
        let mut statements: Vec<Statement<'t>> = Vec::new();
        for &index in negated {
            self.statements(a, sentences, index, None, &mut statements);
        }
        statements.retain(|s| s.negative);
        if statements.is_empty() {
            return;
        }
        let keys: FastHashSet<(&str, bool)> =
            statements.iter().map(|s| (s.stem, s.sahen)).collect();
        // Only sentences holding a word that may be read as one of the keys (a synonym, an
        // opposite, an intransitive, a noun form) can hold a partner.
        let forms = self.forms_of(&keys);
        let mut wanted: Vec<usize> = Vec::new();
        for form in &forms {
            wanted.extend(a.tokens_with_base(form).iter().map(|&t| t as usize));
            wanted.extend(a.tokens_with_surface(form).iter().map(|&t| t as usize));
        }
        for index in sentences_holding(a, sentences, wanted) {
            let mut more = Vec::new();
            let wanted = Wanted {
                keys: &keys,
                forms: &forms,
            };
            self.statements(a, sentences, index, Some(wanted), &mut more);
            let was_read = negated.binary_search(&index).is_ok();
            statements.extend(more.into_iter().filter(|s| !(was_read && s.negative)));
        }
        statements.sort_by_key(|s| (s.sentence, s.span.start));
        // 「細菌には効きますが、ウイルスには効きません」: a sentence stating both polarities of
        // one key contrasts two things; neither of its statements is compared.
        let mut polarities: FastHashMap<(usize, &str, bool, bool), [bool; 2]> =
            FastHashMap::default();
        for x in &statements {
            polarities
                .entry((x.sentence, x.stem, x.sahen, x.potential))
                .or_default()[usize::from(x.negative)] = true;
        }
        statements
            .retain(|x| polarities[&(x.sentence, x.stem, x.sahen, x.potential)] != [true, true]);
        // 「デイキャンプは予約不要、宿泊は予約が必要」: a sentence naming a key and a word that
        // negates it contrasts two things even where one of them is not read as a statement.
        statements.retain(|x| !self.names_both(a, sentences[x.sentence].span, x.stem, x.sahen));
        // 「前期に展示した作品は、後期には展示されません」: a negation whose sentence affirms the
        // key in a relative clause contrasts two times or groups.
        statements.retain(|x| {
            !(x.negative && affirmed_in_clause(a, sentences[x.sentence].span, x.stem, x.span))
        });
        // Items of one list and sections about different names (a comparison of products)
        // tell different things.
        let (topics, every_topic) = topics(a, sentences);
        let lists = list_runs(ctx.doc);
        let sections = sections.get_or_init(|| section_subjects(ctx));
        let block = |s: &Statement<'_>| sentences[s.sentence].block;
        let apart = |x: &Statement<'_>, y: &Statement<'_>| {
            let (bx, by) = (block(x), block(y));
            (lists[bx].is_some() && lists[bx] == lists[by])
                || other_sections(&sections[bx], &sections[by])
        };
        let mut contents: Vec<Option<Content<'t>>> = Vec::new();
        contents.resize_with(sentences.len(), || None);
        let taken: Vec<Span> = out[strict..]
            .iter()
            .flat_map(|h| std::iter::once(h.span).chain(h.related.iter().map(|r| r.span)))
            .collect();
        let mut reported_sentences: FastHashSet<usize> = FastHashSet::default();
        // Statements by key and polarity, in document order: a later statement meets only
        // earlier ones of its key and the other polarity.
        let mut by_key: FastHashMap<(&str, bool, bool, bool), Vec<usize>> = FastHashMap::default();
        for (i, st) in statements.iter().enumerate() {
            by_key
                .entry((st.stem, st.sahen, st.potential, st.negative))
                .or_default()
                .push(i);
        }
        for (later_index, later) in statements.iter().enumerate() {
            if reported_sentences.contains(&later.sentence)
                || taken.iter().any(|t| t.overlaps(later.span))
            {
                continue;
            }
            // The words that may be read as the later statement's predicate, once per later
            // statement that meets a candidate.
            let forms = OnceCell::new();
            let earlier = by_key
                .get(&(later.stem, later.sahen, later.potential, !later.negative))
                .into_iter()
                .flatten()
                .take_while(|&&i| i < later_index)
                .take(MAX_SCANNED)
                .map(|&i| &statements[i])
                .filter(|e| {
                    e.sentence != later.sentence
                        && !taken.iter().any(|t| t.overlaps(e.span))
                        && !apart(e, later)
                })
                .take(MAX_PER_KEY)
                .find_map(|e| {
                    for index in [e.sentence, later.sentence] {
                        if contents[index].is_none() {
                            contents[index] = Some(self.content(a, sentences[index].span));
                        }
                    }
                    let (x, y) = (
                        contents[e.sentence].as_ref()?,
                        contents[later.sentence].as_ref()?,
                    );
                    (tenses_agree(e, later, x.narrates || y.narrates)
                        && arguments_meet(
                            (e, x, ctx.doc.slice(sentences[e.sentence].span)),
                            (later, y, ctx.doc.slice(sentences[later.sentence].span)),
                        )
                        && !groups_apart(&every_topic[e.sentence], &every_topic[later.sentence])
                        && topics_meet(
                            (
                                topics[e.sentence],
                                ctx.doc.slice(sentences[e.sentence].span),
                            ),
                            (
                                topics[later.sentence],
                                ctx.doc.slice(sentences[later.sentence].span),
                            ),
                        ))
                    .then(|| {
                        let forms = forms.get_or_init(|| {
                            self.forms_of(&[(later.stem, later.sahen)].into_iter().collect())
                        });
                        restate(x, y, forms)
                    })
                    .flatten()
                    .map(|shared| (e, shared))
                });
            if let Some((earlier, shared)) = earlier {
                reported_sentences.insert(later.sentence);
                out.push(self.restated_hit(a, later, earlier, &shared, message));
            }
        }
    }

    /// True when the sentence at `span` holds both the predicate `(stem, sahen)` and a word
    /// that negates it by `opposites` (必要 and 不要). The predicate named as what the negating
    /// word acts on (「花火大会の実施を取りやめ」: 実施 + を + 取りやめる) is one statement, not
    /// two.
    fn names_both(&self, a: &Analysis<'_>, span: Span, stem: &str, sahen: bool) -> bool {
        let r = a.within(span);
        let negates = |i: usize| {
            [a.surface(i), a.base(i)].into_iter().any(|word| {
                self.opposites
                    .get(&(word.to_string(), sahen))
                    .or_else(|| self.opposites.get(&(word.to_string(), !sahen)))
                    .is_some_and(|negated| negated.0 == stem && negated.1 == sahen)
            })
        };
        let (mut plain, mut negating) = (false, false);
        for i in r.clone() {
            if negates(i) {
                negating = true;
            } else if a.surface(i) == stem || a.base(i) == stem {
                let acted_on = i + 2 < r.end
                    && matches!(a.surface(i + 1), "を" | "は" | "も" | "の")
                    && negates(i + 2);
                plain |= !acted_on;
            }
        }
        plain && negating
    }

    /// The words that may be read as a predicate of `keys`: the stems, their synonyms, the
    /// predicates negating them, their intransitive counterparts and the noun forms of all.
    fn forms_of(&self, keys: &FastHashSet<(&str, bool)>) -> FastHashSet<String> {
        let mut forms: FastHashSet<String> = FastHashSet::default();
        for &(stem, sahen) in keys {
            let own = (stem.to_string(), sahen);
            forms.insert(own.0.clone());
            for (member, _) in self.members.get(&own).into_iter().flatten() {
                forms.insert(member.clone());
            }
            for verb in self.intransitive_of.get(&own).into_iter().flatten() {
                forms.insert(verb.clone());
            }
            for (negating, negated) in &self.opposites {
                if *negated == own {
                    forms.insert(negating.0.clone());
                }
            }
        }
        let nouns: Vec<String> = self
            .noun_forms
            .iter()
            .filter(|(_, verb)| forms.contains(*verb))
            .map(|(noun, _)| noun.clone())
            .collect();
        forms.extend(nouns);
        forms
    }

    /// Appends the statements of sentence `index`; with `keys`, only those of these keys.
    fn statements<'t>(
        &'t self,
        a: &Analysis<'t>,
        sentences: &[Sentence],
        index: usize,
        keys: Option<Wanted<'_, '_>>,
        out: &mut Vec<Statement<'t>>,
    ) {
        let r = a.within(sentences[index].span);
        if r.is_empty() || self.is_question(a, r.clone()) {
            return;
        }
        let mut conditional = false;
        let mut seen: FastHashSet<(&str, bool, bool, bool)> = FastHashSet::default();
        // A condition without a comma governs its clause, up to the next comma.
        let mut clause_conditional = false;
        // A quotation that no reporting verb makes the speaker's claim (「中古マンションは買わ
        // ない」と決めていました: a resolution; a bare 「…」) states nothing of its own: its
        // tokens start no statement (conditions inside it still govern the sentence, as before). The
        // claim reader reads nothing inside brackets; this pass keeps reported quotations
        // (「…」と話した), where generated articles restate what a speaker said.
        let mut unreported_until: Option<usize> = None;
        for j in r.clone() {
            if self.ends_condition(a, j, r.end) {
                conditional = true;
            }
            if pos(a, j).is_comma() {
                clause_conditional = false;
            }
            if self.conditions_its_clause(a, j, r.end) {
                clause_conditional = true;
            }
            if unreported_until.is_none() && self.is_opener(a.surface(j)) {
                let close = (j + 1..r.end).find(|&k| self.is_closer(a.surface(k)));
                let reported = close.is_some_and(|k| {
                    k + 2 < r.end
                        && pos(a, k + 1).is_quotative_particle()
                        && self.reporting_verb(a, k + 2, r.end).is_some()
                });
                unreported_until = close.filter(|_| !reported);
            }
            if unreported_until.is_some_and(|close| j < close) {
                continue;
            }
            unreported_until = None;
            let p = pos(a, j);
            let may_start = p.is_independent_verb()
                || p.is_sahen_noun()
                || p.is_prefix()
                || p.is_adjectival_noun()
                || p.is_common_noun();
            // 非対応 is read at 非; 対応 after it is no statement of its own.
            let negated_by_prefix = j > r.start
                && pos(a, j - 1).is_prefix()
                && self
                    .lexicons
                    .contains(LexiconId::NegatingPrefixes, a.surface(j - 1));
            if conditional || clause_conditional || !may_start || negated_by_prefix {
                continue;
            }
            // Keyed: a word of the keys' forms must start the predicate (or follow within it),
            // or be the action it says can be done (撮影 of 撮影は禁止).
            // A word of what can be done (可能, できる, 禁止) may take its action from the
            // topic.
            let of_potential =
                || a.base(j) == "できる" || self.potential_words.contains(a.surface(j));
            if let Some(Wanted { forms, .. }) = keys
                && !(j.saturating_sub(2).max(r.start)..r.end.min(j + 3))
                    .any(|t| forms.contains(a.base(t)) || forms.contains(a.surface(t)))
                && !of_potential()
            {
                continue;
            }
            // 「加湿はできません」: what can be done, named as the topic of できる.
            let action_topic = a.base(j) == "できる"
                && p.is_independent_verb()
                && j >= r.start + 2
                && matches!(a.surface(j - 1), "は" | "が" | "も")
                && pos(a, j - 2).is_sahen_noun();
            let Some(found) = self.predicate(a, j, r.end, Role::Wo, action_topic) else {
                continue;
            };
            // The predicate must start here, not after adjuncts read past (a noun's copula
            // may take particles: 対象となる, 必要はない).
            let elsewhere = if found.copular {
                found.head != j
            } else {
                found.verb < j
                    || found.verb > j + 2
                    || (j..found.verb).any(|k| pos(a, k).is_particle())
            };
            if elsewhere {
                continue;
            }
            // 「2.4GHzのみ対応」「時間外手数料のみが対象です」: a restricted statement also says
            // the others are not.
            let restricts = |t: usize| matches!(a.surface(t), "のみ" | "だけ" | "しか");
            if j > r.start
                && (restricts(j - 1)
                    || (j - 1 > r.start && pos(a, j - 1).is_case_particle() && restricts(j - 2)))
            {
                continue;
            }
            // The noun phrase and particle right before the predicate, for the reader; a
            // noun with a copula may follow its noun directly (予約不要, 撮影禁止).
            let mut start = j;
            let mut argument = None;
            let content_noun = |t: usize| {
                let p = pos(a, t);
                p.is_noun() && !p.is_suffix() && !p.is_number() && !p.is_pronoun()
            };
            // The first of the (up to five) nouns before the particle at token `particle`.
            let nouns_before = |particle: usize| {
                let mut k = particle;
                while k > r.start && pos(a, k - 1).is_noun() && particle - k < 5 {
                    k -= 1;
                }
                k
            };
            if start > r.start && pos(a, start - 1).is_particle() {
                let mut k = nouns_before(start - 1);
                if k < start - 1 {
                    argument = (k..start - 1).rev().find(|&t| content_noun(t));
                    // 「快速を3本に減らし」: an amount the predicate leads to is no argument;
                    // the phrase before it is (快速).
                    if argument.is_none()
                        && a.surface(start - 1) == "に"
                        && k > r.start + 1
                        && matches!(a.surface(k - 1), "を" | "が" | "は")
                        && pos(a, k - 1).is_particle()
                    {
                        argument = (nouns_before(k - 1)..k - 1)
                            .rev()
                            .find(|&t| content_noun(t));
                    }
                    // The whole figure, not from its middle (約2,000席: 2 | , | 000).
                    while k > r.start + 1 && a.surface(k - 1) == "," && pos(a, k - 2).is_number() {
                        k -= 2;
                    }
                    start = k;
                }
            } else if found.copular && start > r.start && content_noun(start - 1) {
                argument = Some(start - 1);
                start -= 1;
            }
            // 「時期は決まっていない」 says 「時期を決めていない」.
            let (mut stem, mut sahen) =
                self.transitive(&found).unwrap_or((found.stem, found.sahen));
            // What can be done (撮影できる, 撮影が可能, 撮影は禁止, 撮影はできない) is compared
            // only with what can be done, by the action: no restatement of what is done
            // (撮影しない), and 可能 of no named action says nothing.
            let mut potential = found.voice == "できる";
            if action_topic || stem == "可能" {
                // 「写真撮影は、作品保護のため禁止されている」: else the action is the
                // sentence's topic.
                let topic = || {
                    (r.start + 1..start)
                        .rev()
                        .find(|&t| a.surface(t) == "は" && pos(a, t).is_binding_particle())
                        .map(|t| t - 1)
                };
                let action = argument
                    .or_else(topic)
                    .filter(|&t| pos(a, t).is_sahen_noun());
                let Some(t) = action else {
                    continue;
                };
                (stem, sahen, potential) = (a.surface(t), true, true);
            }
            if keys.is_some_and(|w| !w.keys.contains(&(stem, sahen)))
                || !seen.insert((stem, sahen, potential, found.negative))
            {
                continue;
            }
            out.push(Statement {
                sentence: index,
                stem,
                sahen,
                potential,
                negative: found.negative,
                // 「ここではまだ、しょうゆとみりんは入れません」: まだ earlier in the sentence
                // makes a negation 'not yet', as between the particle and the predicate.
                tense: if found.negative
                    && matches!(found.tense, Tense::NonPast)
                    && (r.start..j).any(|t| {
                        self.lexicons
                            .contains(LexiconId::NotYetAdverbs, a.surface(t))
                    }) {
                    Tense::NotYet
                } else {
                    found.tense
                },
                span: Span::new(a.tokens[start].span.start, a.tokens[found.last].span.end),
                argument: argument.map(|t| a.surface(t)),
            });
        }
    }

    /// The content of the sentence at `span`.
    fn content<'t>(&self, a: &Analysis<'t>, span: Span) -> Content<'t> {
        let lex = &*self.lexicons;
        let mut c = Content::default();
        let tokens = a.within(span);
        for i in tokens.clone() {
            let p = pos(a, i);
            let surface = a.surface(i);
            if lex.contains(LexiconId::EarlierStates, surface)
                || lex.contains(LexiconId::TurningPoints, surface)
            {
                c.narrates = true;
            }
            if lex.contains(LexiconId::QuantityQualifiers, surface) {
                c.qualifiers.push(surface);
            }
            // 昨年は / 前回は: the time the sentence is set at, not a comparison (前期と同じ,
            // 去年より3日早い) or a reason (昨年の混雑を踏まえ) about another time.
            if i + 1 < tokens.end
                && a.surface(i + 1) == "は"
                && pos(a, i + 1).is_particle()
                && lex.contains(LexiconId::OtherTimes, surface)
            {
                c.other_time = true;
            }
            if p.is_number() || surface.bytes().any(|b| b.is_ascii_digit()) {
                let counted = i + 1 < a.tokens.len()
                    && a.tokens[i].span.end == a.tokens[i + 1].span.start
                    && (pos(a, i + 1).is_counter() || pos(a, i + 1).is_suffix());
                let counter = if counted { a.surface(i + 1) } else { "" };
                c.numbers.push((counter, surface));
                if let Some(model) = model_name(a, i)
                    && has_sibling_model(a.text, model)
                {
                    c.models.push(model);
                }
                continue;
            }
            // A single letter marking a line (「A. 本製品は」) or ending a number (5G) is a
            // label or a unit, not a name (A社 and B社 are two names).
            let label = surface.chars().count() == 1
                && ((i + 1 < a.tokens.len() && matches!(a.surface(i + 1), "." | ":" | ")"))
                    || (i > 0 && pos(a, i - 1).is_number()));
            if p.is_proper_noun() && !label {
                c.names.push(surface);
            }
            let word = if p.is_noun()
                && !p.is_pronoun()
                && !p.is_dependent_noun()
                && !p.is_suffix()
                && surface.chars().count() + usize::from(p.is_proper_noun()) >= 2
            {
                surface
            } else if p.is_independent_verb() || p.is_independent_adjective() {
                a.base(i)
            } else {
                continue;
            };
            if !self.ignore.contains(word) {
                c.words.push(word);
            }
        }
        c.numbers.sort_unstable();
        c.numbers.dedup();
        for list in [&mut c.words, &mut c.names, &mut c.qualifiers, &mut c.models] {
            list.sort_unstable();
            list.dedup();
        }
        c
    }

    fn restated_hit(
        &self,
        a: &Analysis<'_>,
        later: &Statement<'_>,
        earlier: &Statement<'_>,
        shared: &[&str],
        message: &Message,
    ) -> Hit {
        let predicate = if later.potential {
            format!("{}できる", later.stem)
        } else if later.sahen {
            format!("{}する", later.stem)
        } else {
            later.stem.to_string()
        };
        let text = message.render(&[
            ("match", &a.text[later.span.range()]),
            ("other", &a.text[earlier.span.range()]),
            ("object", &shared.join("・")),
            ("predicate", &predicate),
            ("subject", ""),
        ]);
        Hit::new(later.span, text)
            .with_related(earlier.span, earlier_label(earlier.negative))
            .weaker()
    }
}

/// Whether an earlier and a later statement of opposite polarity may contradict each other by
/// tense: the same tense (or an open one), or a past affirmative against a present negative
/// when neither sentence narrates a change.
fn tenses_agree(earlier: &Statement<'_>, later: &Statement<'_>, narrated: bool) -> bool {
    let (affirmative, negative) = if earlier.negative {
        (later, earlier)
    } else {
        (earlier, later)
    };
    affirmative.tense.compatible().contains(&negative.tense)
        || (!narrated
            && affirmative.tense == Tense::Past
            && matches!(negative.tense, Tense::NonPast | Tense::NotYet))
}

/// Most tokens of a topic's noun run.
const TOPIC_RUN: usize = 6;
/// Most の-modifiers kept with a topic.
const TOPIC_MODIFIERS: usize = 2;
/// The most tokens of a relative clause's predicate read before a topic (受給している: 3).
const TOPIC_CLAUSE: usize = 4;

/// Whether the sentence at `span` affirms `stem` in a relative clause outside `statement`: the
/// stem, its verb (展示した, 参加している) without a negation, then the noun it modifies.
fn affirmed_in_clause(a: &Analysis<'_>, span: Span, stem: &str, statement: Span) -> bool {
    let r = a.within(span);
    r.clone().any(|j| {
        if a.tokens[j].span.overlaps(statement) || (a.surface(j) != stem && a.base(j) != stem) {
            return false;
        }
        let mut k = j + 1;
        while k < r.end
            && k - j <= TOPIC_CLAUSE
            && (pos(a, k).is_verb() || pos(a, k).is_auxiliary_verb() || a.surface(k) == "て")
        {
            if matches!(a.base(k), "ない" | "ぬ" | "ず" | "ん") {
                return false;
            }
            k += 1;
        }
        k > j + 1 && k < r.end && pos(a, k).is_noun() && !pos(a, k).is_dependent_noun()
    })
}

/// Each sentence's topic: the last noun before a topic は in it (補聴器は, not 国内では),
/// or else the topic of the sentence before it in its block.
/// With it, every topic each sentence sets itself, in order: 「児童手当を市から受け取っている
/// 世帯は、申請は不要です」 is about 申請 of one group of 世帯.
fn topics<'t>(
    a: &Analysis<'t>,
    sentences: &[Sentence],
) -> (Vec<Option<Topic<'t>>>, Vec<Vec<Topic<'t>>>) {
    let mut out: Vec<Option<Topic<'t>>> = Vec::with_capacity(sentences.len());
    let mut every: Vec<Vec<Topic<'t>>> = Vec::with_capacity(sentences.len());
    for (index, sentence) in sentences.iter().enumerate() {
        let r = a.within(sentence.span);
        let own = r
            .clone()
            .filter(|&i| i > r.start && a.surface(i) == "は" && pos(a, i).is_particle())
            .filter(|&i| {
                let p = pos(a, i - 1);
                p.is_noun() && !p.is_pronoun() && !p.is_adverbial() && !p.is_number()
            })
            .map(|i| {
                // The whole noun run: 補聴器 is 補聴 + 器; with its の-modifiers, which
                // tell two groups apart (私立中学校の生徒 / 市立中学校の生徒).
                // With a prefix written onto it (最 of 最優遇金利).
                let run_start = |last: usize| {
                    let start = a.noun_run_start(last, r.start, TOPIC_RUN);
                    match start > r.start && pos(a, start - 1).is_prefix() {
                        true => start - 1,
                        false => start,
                    }
                };
                let head = run_start(i - 1);
                let mut k = head;
                for _ in 0..TOPIC_MODIFIERS {
                    if k < r.start + 2 || a.surface(k - 1) != "の" || !pos(a, k - 2).is_noun() {
                        break;
                    }
                    k = run_start(k - 2);
                }
                // A relative clause right before the topic tells groups apart too
                // (児童手当を受給している世帯 / 勤務先から受け取っている世帯): from its verb.
                if k == head {
                    let mut v = k;
                    while v > r.start
                        && k - v < TOPIC_CLAUSE
                        && (pos(a, v - 1).is_auxiliary_verb()
                            || (pos(a, v - 1).is_particle() && a.surface(v - 1) == "て")
                            || pos(a, v - 1).is_verb())
                    {
                        v -= 1;
                    }
                    if v < k && pos(a, v).is_verb() && pos(a, v).is_independent_verb() {
                        // 受給している: the サ変 noun is the verb.
                        if v > r.start && a.base(v) == "する" && pos(a, v - 1).is_sahen_noun() {
                            v -= 1;
                        }
                        // With the argument right before it (市から受け取っている世帯 /
                        // 勤務先から受け取っている世帯): one case phrase.
                        if v >= r.start + 2
                            && pos(a, v - 1).is_case_particle()
                            && a.surface(v - 1) != "が"
                            && pos(a, v - 2).is_noun()
                        {
                            v = a.noun_run_start(v - 2, r.start, TOPIC_RUN);
                        }
                        k = v;
                    }
                }
                let end = a.tokens[i - 1].span.end;
                Topic {
                    phrase: &a.text[a.tokens[k].span.start..end],
                    head: &a.text[a.tokens[head].span.start..end],
                }
            })
            .collect::<Vec<_>>();
        let inherited = (index > 0 && sentences[index - 1].block == sentence.block)
            .then(|| out[index - 1])
            .flatten();
        out.push(own.last().copied().or(inherited.filter(|_| INHERIT)));
        every.push(own);
    }
    (out, every)
}

/// Whether two sentences set one head as topic, each modified in its own way (児童手当を市から
/// 受け取っている世帯は / 勤務先から受け取っている世帯は), wherever the topics stand: two
/// groups, each told its own thing.
fn groups_apart(x: &[Topic<'_>], y: &[Topic<'_>]) -> bool {
    x.iter().any(|p| {
        y.iter().any(|q| {
            p.head == q.head
                && p.phrase != q.phrase
                && !p.phrase.contains(q.phrase)
                && !q.phrase.contains(p.phrase)
        })
    })
}

/// A sentence's topic: the noun run before は with its の-modifiers, and the run alone.
#[derive(Debug, Clone, Copy)]
struct Topic<'t> {
    phrase: &'t str,
    head: &'t str,
}

/// Whether two sentences (topic, text) may be about one thing by their topics: not when both
/// have one and neither topic contains the other, and then not when the two are one head
/// modified differently (私立中学校の生徒 / 市立中学校の生徒) or neither sentence takes the
/// other's head as an argument (「補聴器は…規制を受けており」 / 「集音器は…規制を受けない」, also
/// when the second adds 「補聴器には及ばない」: a comparison). 新庁舎 and 庁舎 may be one; so may
/// 「年間配当は…据え置く」 and 「同社は年間配当を引き上げる」, where one topic is the subject and
/// the other the object of one statement. A topic with a の-modifier is not what a sentence
/// without a topic names with another (変動型の最優遇金利は / 10年固定型の最優遇金利を).
fn topics_meet((tx, x): (Option<Topic<'_>>, &str), (ty, y): (Option<Topic<'_>>, &str)) -> bool {
    let argument_of = |topic: &str, text: &str| {
        text.match_indices(topic).any(|(at, _)| {
            let after = &text[at + topic.len()..];
            ["を", "が", "は", "も", "の"].iter().any(|particle| {
                after.starts_with(particle) && !after[particle.len()..].starts_with('、')
            })
        })
    };
    // 「変動型の最優遇金利は…据え置いた」 / 「10年固定型の最優遇金利を引き上げた」: the other
    // sentence writes the topic's head with a の-modifier of its own, not the topic's.
    let modified_otherwise = |topic: Topic<'_>, text: &str| {
        topic.phrase != topic.head
            && !text.contains(topic.phrase)
            && text.contains(&format!("の{}", topic.head))
    };
    match (tx, ty) {
        (Some(p), Some(q)) => {
            p.phrase.contains(q.phrase)
                || q.phrase.contains(p.phrase)
                || (p.head != q.head
                    && ((argument_of(p.head, y) && !modified_otherwise(p, y))
                        || (argument_of(q.head, x) && !modified_otherwise(q, x))))
        }
        (Some(p), None) => !modified_otherwise(p, y),
        (None, Some(q)) => !modified_otherwise(q, x),
        (None, None) => true,
    }
}

/// Whether the phrases two predicates govern are compatible: when both have one, one of them
/// is a word of the other's sentence (「ウイルスには効きません」 and 「細菌には効きます」 are
/// about different things, 「入浴は…推奨しています」 and 「入浴については…推奨されていません」
/// about one).
///
/// A word the other sentence writes only as the の-modifier of that sentence's own argument
/// does not count: 「道路の整備を続ける」 is not about 道路 (「道路を続けない」), nor
/// 「救急医療の体制づくりを続けている」 about 救急医療.
fn arguments_meet(
    (x, cx, tx): (&Statement<'_>, &Content<'_>, &str),
    (y, cy, ty): (&Statement<'_>, &Content<'_>, &str),
) -> bool {
    // `word` stands in `text` other than as a modifier (word + の) of `argument` after it.
    let free = |word: &str, text: &str, argument: &str| {
        text.match_indices(word).any(|(at, _)| {
            let after = &text[at + word.len()..];
            !(after.starts_with('の') && after.contains(argument))
        })
    };
    match (x.argument, y.argument) {
        (Some(p), Some(q)) => {
            p == q
                || (cy.words.contains(&p) && free(p, ty, q))
                || (cx.words.contains(&q) && free(q, tx, p))
        }
        _ => true,
    }
}

/// The content words two sentences share besides the predicate (`predicate`: the words that
/// may be read as it, 不要 and 必須 beside 必要), when they are enough to call one a restatement
/// of the other and nothing tells them apart.
fn restate<'t>(
    x: &Content<'t>,
    y: &Content<'t>,
    predicate: &FastHashSet<String>,
) -> Option<Vec<&'t str>> {
    let apart =
        |p: &[&str], q: &[&str]| !p.is_empty() && !q.is_empty() && !p.iter().any(|w| q.contains(w));
    // One model of a series named beside another is told apart only by its name.
    let models = (!x.models.is_empty() || !y.models.is_empty()) && x.models != y.models;
    // Numbers tell two sentences apart when they count one thing with different values
    // (1号機 / 2号機, 120人 / 150人), not 9月末 beside 10キロ.
    let numbers_apart = x.numbers.iter().any(|&(counter, _)| {
        let ys: Vec<&str> = y
            .numbers
            .iter()
            .filter(|(k, _)| *k == counter)
            .map(|(_, v)| *v)
            .collect();
        !ys.is_empty()
            && !x
                .numbers
                .iter()
                .any(|(k, v)| *k == counter && ys.contains(v))
    });
    // 「昨年は強風で中止」 / 「8月3日に花火大会を開く」: a statement set at another time is
    // another statement than one of the article's own time.
    let times_apart = x.other_time != y.other_time;
    if numbers_apart
        || times_apart
        || apart(&x.names, &y.names)
        || apart(&x.qualifiers, &y.qualifiers)
        || models
    {
        return None;
    }
    let content = |w: &&&str| !predicate.contains(**w);
    let own = |c: &Content<'t>| c.words.iter().filter(content).count();
    let shared: Vec<&'t str> = x
        .words
        .iter()
        .filter(|w| content(w) && y.words.binary_search(w).is_ok())
        .copied()
        .collect();
    let shorter = own(x).min(own(y)).max(1);
    (shared.len() >= MIN_SHARED
        && (shared.len() >= MIN_SHARED_ALONE
            || shared.len() as f32 >= MIN_OVERLAP * shorter as f32))
        .then_some(shared)
}

#[cfg(test)]
mod tests {
    use crate::document::Format;
    use crate::finding::Severity;
    use crate::lang::ja::Morphology;
    use crate::rules::Rule;
    use crate::rules::testing::{assert_hits, findings_for_format, hits, rule_from_yaml};

    const RULE: &str =
        "kind: polarity\nseverity: error\nmessage: \"{object}|{predicate}|{match}|{other}\"\n";

    fn rule() -> Rule {
        rule_from_yaml(&format!("{RULE}restated: true\n"))
    }

    #[test]
    fn a_restated_statement_of_the_other_polarity_is_a_weaker_finding() {
        let text = "寝る前の入浴は、睡眠の専門家も推奨しています。\n\n\
            なお、寝る前の入浴については、体温が上がるため専門家の間では推奨されていません。\n";
        let found = hits(&rule(), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.range()], "推奨されていません");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(
            found[0].message.contains("推奨する"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("入浴"), "{}", found[0].message);
        assert_eq!(
            &text[found[0].related[0].span.range()],
            "専門家も推奨しています"
        );
        // The claim reader alone finds no common object phrase.
        assert_hits(&rule_from_yaml(RULE), text, &[]);
    }

    #[test]
    fn what_tells_two_sentences_apart_keeps_them_apart() {
        let r = rule();
        // Different topics, numbers, qualifiers: about different things.
        assert_hits(
            &r,
            "補聴器は国内で法的な規制を受けています。\n\n集音器は国内で法的な規制を受けません。\n",
            &[],
        );
        assert_hits(
            &r,
            "原発の1号機は来月から運転を再開した。\n\n原発の2号機は来月から運転を再開していない。\n",
            &[],
        );
        assert_hits(
            &r,
            "今年の花火大会は河川敷で開催した。\n\n昨年の花火大会は河川敷で開催しなかった。\n",
            &[],
        );
        // Numbers of different things tell nothing apart (9月末 / 10キロ).
        assert_eq!(
            hits(
                &r,
                "大会の申し込みは9月末で締め切り、大会当日のエントリーは受け付けない。\n\n\
                 10キロの部では、大会当日のエントリーを受け付けた。\n"
            )
            .len(),
            1
        );
        // A topic with a prefix and a の-modifier (変動型の最優遇金利は) is not what the other
        // sentence names with another modifier (10年固定型の最優遇金利を); without one it is.
        assert_hits(
            &r,
            "大手5行は、10年固定型の最優遇金利を引き上げた。\n\n変動型の最優遇金利は、各行とも引き上げなかった。\n",
            &[],
        );
        assert_eq!(
            hits(
                &r,
                "大手5行は、最優遇金利を引き上げた。\n\n変動型の最優遇金利は、各行とも引き上げなかった。\n"
            )
            .len(),
            1
        );
        // Different phrases governed by the predicate: 細菌に / ウイルスに.
        assert_hits(
            &r,
            "抗生物質は風邪の細菌に効きます。\n\n抗生物質は風邪のウイルスに効きません。\n",
            &[],
        );
        // One sentence's argument written in the other only as the の-modifier of that one's
        // own argument: 救急医療 / 救急医療の体制づくり are two things.
        let text = |first: &str| {
            format!(
                "石田院長は就任後も{first}を続けている。\n\n石田院長は「医師が疲れ切っては、救急医療は続けられない」と話した。\n"
            )
        };
        assert_hits(&r, &text("救急医療の体制づくり"), &[]);
        // Written on its own as well, it is the other's argument.
        assert_eq!(hits(&r, &text("救急医療")).len(), 1);
    }

    #[test]
    fn a_quotation_counts_only_when_a_reporting_verb_makes_it_a_claim() {
        let r = rule();
        let text = |said: &str| {
            format!(
                "去年の秋、横浜市内の中古マンションを買いました。\n\n私は、「中古マンションは買わない」と{said}。\n"
            )
        };
        // A resolution or a thought once held, and a bare quotation, claim nothing.
        assert_hits(&r, &text("決めていました"), &[]);
        assert_hits(&r, &text("思っていました"), &[]);
        assert_hits(
            &r,
            "去年の秋、横浜市内の中古マンションを買いました。\n\n「中古マンションは買わない」\n",
            &[],
        );
        // Said (a reporting verb), it is the speaker's claim.
        assert_eq!(hits(&r, &text("話していました")).len(), 1);
    }

    #[test]
    fn an_amount_reached_is_not_the_argument() {
        // 快速を3本に減らし: what is reduced is 快速, not 3本; 普通列車の本数 is another thing.
        let text = "同社は、両駅に停車する普通列車の本数は減らさず、日中は1時間あたり4本を維持するとしている。\n\n\
            土休日の日中は、これまで1時間あたり4本だった快速を3本に減らし、代わりに普通列車を1本増やす。\n";
        assert_hits(&rule(), text, &[]);
        // The same reduction said of 本数: a restatement of the other polarity.
        assert_eq!(
            hits(
                &rule(),
                &text.replace("快速を3本に", "普通列車の本数を3本に")
            )
            .len(),
            1
        );
    }

    #[test]
    fn not_yet_earlier_in_the_sentence_meets_only_what_was_done() {
        // まだ before the comma: a step not taken yet, then taken; not a contradiction.
        let steps = "煮立ったらアクを取ります。ここではまだ、しょうゆとみりんは鍋に入れません。

            しょうゆとみりんは、砂糖の後で鍋に入れて煮ます。
";
        assert_hits(&rule(), steps, &[]);
        // Without まだ the two state opposite things.
        assert_eq!(hits(&rule(), &steps.replace("まだ、", "")).len(), 1);
    }

    #[test]
    fn contrasts_restrictions_and_items_of_one_list_are_not_compared() {
        let r = rule();
        // One sentence with both polarities contrasts two things.
        assert_hits(
            &r,
            "抗生物質は細菌には効きますが、ウイルスには効きません。\n\n抗生物質の効き方は細菌で効きます。\n",
            &[],
        );
        // So does one naming a predicate and a word that negates it, read as a statement or not.
        let opposed = rule_from_yaml(&format!(
            "{RULE}restated: true\nopposites: [[不要, 必要]]\n"
        ));
        let day =
            "デイキャンプ（日帰り）は予約不要で、当日に管理棟で受付をすれば利用できます。\n\n";
        assert_hits(
            &opposed,
            &format!("{day}・デイキャンプは予約不要、宿泊は事前予約が必要\n"),
            &[],
        );
        assert_eq!(
            hits(
                &opposed,
                &format!("{day}・デイキャンプも当日は事前予約が必要\n")
            )
            .len(),
            1
        );
        // A model of a series the text names several of is told apart by its name only.
        let models = "NoteSlate 11を発表した。手書きのペン入力に対応した。\n\n";
        assert_hits(
            &r,
            &format!("{models}NoteSlate 10は手書きのペン入力に対応しておらず、要望が多かった。\n"),
            &[],
        );
        assert_eq!(
            hits(
                &r,
                &format!("{models}NoteSlateは手書きのペン入力に対応しておらず、要望が多かった。\n")
            )
            .len(),
            1
        );
        // 「2.4GHzのみ対応」 says that the others are not supported.
        assert_hits(
            &r,
            "本機のWi-Fiは5GHzの通信に対応していません。\n\n本機のWi-Fiの通信は2.4GHzのみ対応しています。\n",
            &[],
        );
        // Items of one list enumerate different things (not so in two paragraphs).
        let md =
            |text: &str| findings_for_format(&r, text, Format::Markdown, &Morphology::new()).len();
        assert_eq!(
            md("## 入浴\n\n- 寝る前の入浴は、専門家も推奨しています\n\
                 - なお、寝る前の入浴については、専門家の間では推奨されていません\n"),
            0
        );
        assert_eq!(
            md("## 入浴\n\n寝る前の入浴は、専門家も推奨しています。\n\n\
                 なお、寝る前の入浴については、専門家の間では推奨されていません。\n"),
            1
        );
    }

    fn builtin() -> Rule {
        crate::rules::testing::builtin_rule("ja-news/polarity-conflict")
    }

    /// The matched texts of the findings, in order.
    fn matched<'t>(rule: &Rule, text: &'t str) -> Vec<&'t str> {
        hits(rule, text)
            .iter()
            .map(|f| &text[f.span.range()])
            .collect()
    }

    #[test]
    fn what_can_be_done_is_compared_by_the_action() {
        let r = builtin();
        // 可能 / できない, 禁止 / できる: one action said to be possible and not. The claim
        // reader reads 写真撮影が可能 as 写真撮影ができる and reports the pair itself, at the
        // rule's severity; this pass adds nothing.
        let found = hits(
            &r,
            "会場では、展示室内の写真撮影が可能です。\n\n\
             なお、作品保護のため、展示室内での写真撮影はできない。\n",
        );
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::finding::Severity::Error);
        assert_eq!(
            matched(
                &r,
                "展示室内での写真撮影は、作品保護のため禁止されている。\n\n\
                 展示室内での写真撮影は、一部の作品を除いて可能で、SNSへの投稿も歓迎している。\n"
            )
            .len(),
            1
        );
        // What can be done is not what is done, and two actions are two statements.
        assert_hits(
            &r,
            "展示室内での写真撮影は可能です。\n\n来場者の多くは、展示室内で写真撮影しない。\n",
            &[],
        );
        assert_hits(
            &r,
            "ホテルの予約はサイトで変更できる。\n\nホテルの予約はサイトで取消できない。\n",
            &[],
        );
        // 可能 of no named action says nothing.
        assert_hits(
            &r,
            "ホテルの予約はサイトで可能です。\n\nホテルの予約はサイトでできない日もない。\n",
            &[],
        );
    }

    #[test]
    fn nouns_with_a_copula_state_what_they_name() {
        let r = builtin();
        // 不要 / 必須, with the noun right before it (予約不要).
        assert_eq!(
            matched(
                &r,
                "2つある貸切風呂は予約不要で、空いていれば自由に使えます。\n\n\
                 なお、貸切風呂はチェックイン時の事前予約が必須なので、フロントで伝えましょう。\n"
            )
            .len(),
            1
        );
        // 対象外 / 対象となる.
        assert_eq!(
            matched(
                &r,
                "人間ドックの費用は、医療費控除の対象外です。\n\n\
                 人間ドックの費用も、医療費控除の対象となります。\n"
            )
            .len(),
            1
        );
        // 対象外 with the continuative copula (対象外で、) ends a clause of its own.
        let outside = "他行のATMの手数料は、今回の改定の対象外で、現行のまま変わらない。\n\n";
        assert_eq!(
            matched(
                &r,
                &format!("{outside}他行のATMの手数料も、今回の改定の対象です。\n")
            )
            .len(),
            1
        );
        // A restriction with its particle (時間外手数料のみが対象) also says the others are not.
        assert_hits(
            &r,
            &format!("{outside}今回の改定はATMの時間外手数料のみが対象です。\n"),
            &[],
        );
        // Two different groups: 私立校の生徒 is not 市立校の生徒.
        assert_hits(
            &r,
            "私立中学校の生徒は補助の対象外です。\n\n市立中学校の生徒は補助の対象となります。\n",
            &[],
        );
        // 必要 after a verb is the verb's modality, not a statement about a noun.
        assert_hits(
            &r,
            "接種の予約をする必要があります。\n\n接種の予約は窓口では不要です。\n",
            &[],
        );
    }

    #[test]
    fn a_denied_plan_for_a_noun_is_a_negated_statement() {
        let r = builtin();
        assert_eq!(
            matched(
                &r,
                "来年度の保育料について、市は値上げの予定はないとしている。\n\n\
                 一方で市は、来年度から保育料を平均で月額1,500円値上げする。\n"
            )
            .len(),
            1
        );
        // 「予定はなかった」: a past intention, narrated.
        assert_hits(
            &r,
            "市は当時、保育料の値上げの予定はなかった。\n\n市は来年度から保育料を値上げする。\n",
            &[],
        );
    }

    #[test]
    fn topics_and_overlap_are_judged_by_what_the_sentences_say() {
        let r = builtin();
        // One topic is the subject, the other the object of one statement.
        assert_eq!(
            matched(
                &r,
                "年間配当は、前期と同じ1株あたり90円に据え置くとしています。\n\n\
                 - 同社は年間配当を引き上げる方針\n"
            )
            .len(),
            1
        );
        // A comparison (補聴器には及ばない) names the other topic without taking it.
        assert_hits(
            &r,
            "補聴器は、日本国内では法的な規制を受けています。\n\n\
             集音器は法的な規制を受けないため販売が容易ですが、効果の面で補聴器には及びません。\n",
            &[],
        );
        // 「A.」 of a Q&A is no name that tells two sentences apart.
        assert_eq!(
            matched(
                &r,
                "充電ケースはQi規格のワイヤレス充電に対応しており、置くだけで充電できる。\n\n\
                 A. 本製品の充電ケースはワイヤレス充電には対応していません。\n"
            )
            .len(),
            1
        );
        // Three shared content words are enough however long the sentences are; the
        // predicate's own words (不要, 必要) do not count.
        assert_eq!(
            matched(
                &r,
                "町によると、臨時駐車場は今年も会場周辺に設け、市役所や近くの小学校の校庭など\
                 計3カ所に約500台分を確保する方針だ。\n\n\
                 なお、今年は会場周辺に臨時駐車場を設けないため、電車での来場をお願いしたいとしている。\n"
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_negation_beside_its_own_affirmation_in_a_clause_is_a_contrast() {
        let r = builtin();
        let first = "企画展では、約180点の版画を前期と後期に分けて展示します。\n\n";
        assert_hits(
            &r,
            &format!("{first}版画は光に弱いため、前期に展示した作品は、後期には展示されません。\n"),
            &[],
        );
        // Without the clause, the negation restates the first sentence the other way.
        assert_eq!(
            matched(
                &r,
                &format!("{first}版画は光に弱いため、前期と後期には作品は展示されません。\n")
            )
            .len(),
            1
        );
    }

    #[test]
    fn a_relative_clause_on_the_topic_tells_two_groups_apart() {
        let r = builtin();
        let text = |clause: &str| {
            format!(
                "児童手当を受給している世帯は、原則として給付金の申請が不要です。\n\n\
                 公務員など、{clause}世帯は、9月末までに給付金の申請が必要となる。\n"
            )
        };
        assert_hits(&r, &text("勤務先から手当を受け取っている"), &[]);
        // The same clause on one head is one group.
        assert_eq!(matched(&r, &text("児童手当を受給している")).len(), 1);
    }

    #[test]
    fn a_case_phrase_in_the_clause_and_an_earlier_topic_tell_groups_apart() {
        let r = builtin();
        // The clauses differ only in their case phrase (市から / 勤務先から), and the group is
        // an earlier topic of its sentence than the one the predicate is about (申請は).
        let text = |source: &str| {
            format!(
                "児童手当を市から受け取っている世帯は、申請は不要です。\n\n\
                 一方、公務員など、児童手当を{source}から受け取っている世帯は申請が必要です。\n"
            )
        };
        assert_hits(&r, &text("勤務先"), &[]);
        assert_eq!(matched(&r, &text("市")).len(), 1);
    }

    #[test]
    fn a_statement_set_at_another_time_by_its_topic_is_another_statement() {
        let r = builtin();
        let text = |time: &str| {
            format!(
                "港まつり花火大会、2年ぶりに開催へ　{time}強風で中止\n\n\
                 「浜崎港まつり」の実行委員会は10日、8月3日に花火大会を開くと発表した。\
                 開催されれば2年ぶりとなる。\n"
            )
        };
        assert_hits(&r, &text("昨年は"), &[]);
        // Another time named only as a comparison sets nothing apart.
        assert_eq!(matched(&r, &text("昨年と同じく")).len(), 1);
    }

    #[test]
    fn an_action_named_as_what_its_opposite_acts_on_is_one_statement() {
        let r = builtin();
        // 「花火大会の実施を取りやめ」 names 実施 and negates it: one statement.
        assert_eq!(
            matched(
                &r,
                "2日目の夜には、祭りの目玉である花火大会が今年も開催される。\n\n\
                 警備員の確保が難しいため、今年は花火大会の実施を取りやめると説明した。\n"
            )
            .len(),
            1
        );
        // A sentence that does name both (宿泊は予約が必要, デイキャンプは予約不要) contrasts.
        assert_hits(
            &r,
            "デイキャンプは予約不要で利用できます。\n\n・デイキャンプは予約不要、宿泊は事前予約が必要\n",
            &[],
        );
    }

    #[test]
    fn a_prefixed_noun_is_one_negated_statement() {
        // 非搭載 is 搭載しない only; its 搭載 is no affirmative in the same sentence.
        assert_eq!(
            matched(
                &builtin(),
                "- 水拭き機能：非搭載\n\n本機は水拭き機能を搭載しているので、床の汚れも拭き取れます。\n"
            )
            .len(),
            1
        );
    }
}
