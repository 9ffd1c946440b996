//! Support that the body negates or leaves open is no support: a title's 「新素材を採用」 over a
//! body that only says 「採用するかどうかは未定」, a title's 「制裁を発動」 over 「制裁の発動に
//! 向けた検討に入った」. An action of the headline (a verb, or a サ変 noun standing alone) is
//! *told* by a body mention that states it; when every body mention negates it (採用しない,
//! 発見していない, 延長する予定はない, 非公開, 未発表) or leaves it open (かどうか, 未定, 検討, 見送り), the
//! headline claims what the body does not. So does an action the body never states whose
//! object the body tells only as undecided or unknown (発売日決定 over 「具体的な発売日はまだ
//! 発表されていません」) or, for a completion, as planned (月面着陸に成功 over 「月面への着陸は
//! 来年3月ごろを予定」): [`object_left_open`]. A decision or a completion the body tells
//! only as planned (再編案を決定 over 「来年2月の会議で決定する予定」) is left open too.

use crate::lang::ja::lexicon::WordSet;
use crate::lang::ja::{Analysis, LexiconId, Lexicons};
use crate::span::Span;

/// Words that leave an action open when they follow its mention closely (発動に向けた検討,
/// 採用は未定, 値上げを見送った).
const OPEN_AFTER: &[&str] = &[
    "かどうか",
    "か否か",
    "未定",
    "検討",
    "協議",
    "模索",
    "見送",
    "先送り",
    "見合わせ",
];

/// Words that leave an action open when its mention is their object (設置認可を申請した,
/// 値上げを文部科学省に要請): who applies for an approval has not been granted it. Not a
/// compound (承認申請の時点では) or a later clause's word (出産祝い金はいつ申請すれば).
const ASKED_AFTER: &[&str] = &["申請", "要請", "要望"];

/// What denies a plan noun (`plan-nouns`: 予定, つもり, 考え, こと …) after its particle
/// (予定はない, 予定もありません, ことはなかった), or a plan written as a verb (予定されていない).
const PLAN_DENIALS: &[&str] = &[
    "ない",
    "なく",
    "なかった",
    "ありません",
    "されていない",
    "されておらず",
    "されていません",
];

/// Characters after a mention within which an `OPEN_AFTER` word leaves it open: the
/// mention's own phrase (の発動に向けた検討, するかどうかは未定), not a later clause.
const OPEN_WINDOW: usize = 12;

/// What a headline's own wording says of an action right after its predicate chain: planned
/// (へ), asked (か, 何が変わった?), open (検討, 方針, 未定), a modal (にくい, やすい, たい): no
/// claim that it happened. A negated chain (失敗しない, 届かず) is no claim either.
const HEADLINE_HEDGES: &[&str] = &[
    "へ", "か", "?", "ず", "検討", "方針", "計画", "未定", "見送", "予定", "も", "にく", "やす",
    "たい", "そう", "よう", "べき", "申請", "要請", "要望", "求め",
];

/// The first body mention of the action (any of `forms`: a verb's base form or a サ変 noun,
/// the word as the headline writes it, and its `synonyms`) when the body mentions it and every
/// mention negates it or leaves it open; [`Mentions::Told`] when one mention states it or
/// there is none.
/// A body word written like the headline's (受け入れ, the noun of a verb the headline puts in
/// its 連用形, 救急受け入れ、) is a mention too: 受け入れ件数が 9412件 states what
/// 受け入れられない alone would leave unaffirmed; so is a synonym (決定 in the headline,
/// 決まっていない in the body). A negated or open mention about something else counts for nothing: its
/// sentence's topic before it (the noun run before は) is not in the `headline` text
/// (「メタンは検出されなかった」 says nothing of a headline's 「水蒸気…を検出」), and an affirmed
/// mention whose argument the headline does not name (「閉鎖が決まった灯台」 under 「続編の製作も
/// 決定」) neither tells nor denies it.
pub(super) fn only_unaffirmed(
    a: &Analysis<'_>,
    body: &[Span],
    forms: &[&str],
    headline: &str,
    settled: bool,
    words: &StatusWords<'_>,
) -> Mentions {
    let mut first = None;
    let mut elsewhere = false;
    let settled = settled.then_some(headline);
    for &line in body {
        for i in a.within(line) {
            // 非公開 as one word: 公開 negated (`negating-prefixes`).
            let surface = a.surface(i);
            let fused = surface.chars().next().is_some_and(|c| {
                let rest = &surface[c.len_utf8()..];
                words.prefixes.contains(&surface[..c.len_utf8()])
                    && rest.chars().count() >= 2
                    && forms.contains(&rest)
            });
            if fused {
                first.get_or_insert(a.tokens[i].span);
                continue;
            }
            if !forms.contains(&a.surface(i)) && !forms.contains(&a.base(i)) {
                continue;
            }
            // 色づき始めたら: the second verb of a compound (始める after 色づき) adds an
            // aspect to the first and tells nothing of the headline's action.
            if i > a.within(line).start
                && a.features(i).pos.is_verb()
                && a.features(i - 1).pos.is_verb()
                && a.features(i - 1).conjugation.is_continuative()
                && a.tokens[i - 1].span.end == a.tokens[i].span.start
            {
                continue;
            }
            match unaffirmed(a, i, line, settled, words) {
                Some(span) => {
                    if !about_something_else(a, i, line, headline) {
                        first.get_or_insert(span);
                    }
                }
                // 「閉鎖が決まった灯台」 affirms a decision about something the headline does
                // not name: no support for its 「続編の製作も決定」.
                None if argument_elsewhere(a, i, line, headline, &["が", "を", "は"]) => {
                    elsewhere = true
                }
                None => return Mentions::Told,
            }
        }
    }
    match first {
        Some(span) => Mentions::Unaffirmed(span),
        None if elsewhere => Mentions::Elsewhere,
        None => Mentions::Told,
    }
}

/// The word lists that tell a body mention negated or left open ([`only_unaffirmed`]).
#[derive(Clone, Copy)]
pub(super) struct StatusWords<'l> {
    /// `negating-prefixes`: 未発表, 非公開.
    pub prefixes: &'l WordSet,
    /// `plan-nouns`: 延長する予定はない, 決定する予定.
    pub plans: &'l WordSet,
    /// `disclosure-words`: 発表されていない.
    pub disclosures: &'l WordSet,
}

/// What the body's mentions of a headline action say of it ([`only_unaffirmed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mentions {
    /// One mention states it, or none mentions it.
    Told,
    /// Every mention about it negates it or leaves it open: the first such mention.
    Unaffirmed(Span),
    /// The body states it only of something the headline does not name (打ち上げと分離は
    /// 無事に成功した under 月面着陸に成功): as good as unsaid.
    Elsewhere,
}

/// Most tokens of a topic's noun run.
const TOPIC_RUN: usize = 6;

/// Whether the mention at token `i` of `line` has an argument right before it (a noun run
/// with が, を or は: 閉鎖が決まった; past an adverb: 分離は無事に成功した) of which the
/// headline names no word: the action is told of something else. A mention without such an
/// argument (正式に決まった) is about whatever the sentence is about. `particles` are the
/// particles that mark such an argument (with も for a plan: デザインも決定する予定).
fn argument_elsewhere(
    a: &Analysis<'_>,
    i: usize,
    line: Span,
    headline: &str,
    particles: &[&str],
) -> bool {
    let r = a.within(line);
    if i < r.start + 2 {
        return false;
    }
    // 分離は無事に成功した, 日程はついに決まった: an adverb between the argument and the
    // mention leaves it the mention's argument.
    let mut particle = i - 1;
    while particle > r.start + 2 {
        let p = a.features(particle).pos;
        if p.is_adverb() {
            particle -= 1;
        } else if a.surface(particle) == "に" && a.features(particle - 1).pos.is_adjectival_noun()
        {
            particle -= 2;
        } else {
            break;
        }
    }
    let marks_argument =
        a.features(particle).pos.is_particle() && particles.contains(&a.surface(particle));
    if !marks_argument || !a.features(particle - 1).pos.is_noun() {
        return false;
    }
    let start = a.noun_run_start(particle - 1, r.start, TOPIC_RUN);
    !(start..particle).any(|k| {
        let p = a.features(k).pos;
        !p.is_suffix() && !p.is_number() && headline.contains(a.surface(k))
    })
}

/// Whether the mention at token `i` of `line` is passive (検出されなかった) and has a topic of
/// its own before it in its sentence (a noun run marked by は, after the last 。) of which the
/// headline names no word: what is not found is something else (二酸化炭素 is not 水蒸気). The
/// topic of an active mention is who acts (外相理事会は…検討に入った), not what is acted on.
fn about_something_else(a: &Analysis<'_>, i: usize, line: Span, headline: &str) -> bool {
    let r = a.within(line);
    let passive = (i + 1..r.end.min(i + 3))
        .any(|k| a.features(k).pos.is_verb_suffix() && matches!(a.base(k), "れる" | "られる"));
    if !passive {
        return false;
    }
    let mut topic: Option<std::ops::Range<usize>> = None;
    for k in r.start..i {
        if a.surface(k) == "。" {
            topic = None;
        } else if k > r.start
            && a.surface(k) == "は"
            && a.features(k).pos.is_particle()
            && a.features(k - 1).pos.is_noun()
        {
            topic = Some(a.noun_run_start(k - 1, r.start, TOPIC_RUN)..k);
        }
    }
    topic.is_some_and(|t| !t.into_iter().any(|k| headline.contains(a.surface(k))))
}

/// Whether the headline (`place`) does not claim that the action at token `i` happened: its
/// own chain negates it (失敗しない, 決まっていない) or makes it a condition (重視なら, 成功
/// すれば), a hedge follows (採用へ, 発動か, 効きにくい),
/// a verb modifies the noun after it (薬が効く菌: a description, not the news), or a noun is
/// an argument of another predicate (制裁を発動: 制裁).
pub(super) fn hedged_in_headline(a: &Analysis<'_>, i: usize, place: Span) -> bool {
    let (negated, j) = predicate_chain(a, i, place.end);
    // カメラ重視なら, 成功すれば: a condition.
    if negated || conditional(a, i, j) {
        return true;
    }
    let chain_end = a.tokens[j - 1].span.end;
    let rest = &a.text[chain_end..place.end];
    if HEADLINE_HEDGES.iter().any(|h| rest.starts_with(h)) {
        return true;
    }
    let next = a
        .tokens
        .get(j)
        .filter(|t| t.span.end <= place.end)
        .map(|_| j);
    // 制裁を発動: a サ変 noun before a case particle is an argument, not the action.
    let argument = a.features(i).pos.is_noun()
        && next.is_some_and(|n| a.features(n).pos.is_particle() && a.surface(n) != "へ");
    // 伸びる株, 「続く」勉強法: a verb describing the noun after it (past a closing quote) is
    // what the noun is like, not an action the headline reports.
    let described = next.and_then(|n| {
        if a.features(n).pos.is_closing_bracket() {
            (n + 1 < a.tokens.len() && a.tokens[n + 1].span.end <= place.end).then_some(n + 1)
        } else {
            Some(n)
        }
    });
    argument
        || (a.features(i).pos.is_verb() && described.is_some_and(|n| a.features(n).pos.is_noun()))
}

/// Words after a headline's word that make it a forecast or a goal (16％増益を予想, 黒字化を
/// 見込む, 増収を目指す): what the body reports as done (2期ぶりの減益) does not contradict it.
const FORECASTS: &[&str] = &[
    "予想",
    "見込",
    "見通し",
    "予測",
    "計画",
    "目標",
    "目指",
    "めざ",
];

/// Whether the headline's word ending at `end` is a forecast or a goal ([`FORECASTS`]) before
/// `limit`, after を, の, と or に.
pub(super) fn forecast_in_headline(text: &str, end: usize, limit: usize) -> bool {
    let rest = &text[end..limit];
    let rest = rest.strip_prefix(['を', 'の', 'と', 'に']).unwrap_or(rest);
    FORECASTS.iter().any(|f| rest.starts_with(f))
}

/// Whether the headline negates the word at token `i` itself (失敗しない, 届かず): the
/// opposite word in the body (成功) then agrees with it.
pub(super) fn negated_in_headline(a: &Analysis<'_>, i: usize, place: Span) -> bool {
    predicate_chain(a, i, place.end).0
}

/// Whether the body word ending at byte `end` is negated by its own predicate: the word (or
/// its サ変 する) negated right after it, or the verb after one case particle (執行猶予を付け
/// なかった, 減益にはならなかった: the opposite of a headline word denied supports it).
pub(super) fn denied_after(a: &Analysis<'_>, end: usize, limit: usize) -> bool {
    let i = a.first_at(end);
    if i == 0 || i >= a.tokens.len() || a.tokens[i].span.start != end {
        return false;
    }
    if predicate_chain(a, i - 1, limit).0 {
        return true;
    }
    let mut j = i;
    while j < a.tokens.len()
        && j < i + 2
        && a.features(j).pos.is_particle()
        && matches!(a.surface(j), "を" | "は" | "も" | "が" | "に")
    {
        j += 1;
    }
    j > i
        && j < a.tokens.len()
        && a.tokens[j].span.end <= limit
        && a.features(j).pos.is_independent_verb()
        && predicate_chain(a, j, limit).0
}

/// Whether the predicate chain of the action at token `i`, ending before token `j`
/// ([`predicate_chain`]), is in a conditional form (成功すれば, 重視なら, 決まったら).
fn conditional(a: &Analysis<'_>, i: usize, j: usize) -> bool {
    (i + 1..j).any(|k| a.features(k).conjugation.is_conditional())
}

/// The predicate chain after token `i` (する and its auxiliaries, て-forms, いる and the other
/// dependent verbs: おく, みる, しまう), within
/// `limit`: whether it negates, and the index after it. A サ変 noun's する may follow a は or
/// も that sets it apart (上陸はせず, 参加もしなかった).
fn predicate_chain(a: &Analysis<'_>, i: usize, limit: usize) -> (bool, usize) {
    let mut j = i + 1;
    if j + 1 < a.tokens.len()
        && a.tokens[j + 1].span.end <= limit
        && a.features(i).pos.is_sahen_noun()
        && a.features(j).pos.is_binding_particle()
        && matches!(a.surface(j), "は" | "も")
        && a.base(j + 1) == "する"
        && a.features(j + 1).pos.is_verb()
    {
        j += 1;
    }
    let mut negated = false;
    while j < a.tokens.len() && a.tokens[j].span.end <= limit && j < i + 8 {
        let f = a.features(j);
        // 知っておきたい, 試してみた: a verb that only adds an aspect to the one before it.
        let suru = f.pos.is_verb() && matches!(a.base(j), "する" | "できる" | "いる" | "おる")
            || f.pos.is_dependent_verb();
        let auxiliary = f.pos.is_auxiliary_verb() || f.pos.is_verb_suffix();
        let te = a.surface(j) == "て" || a.surface(j) == "で";
        if !(suru || auxiliary || te) {
            break;
        }
        negated |= matches!(a.base(j), "ない" | "ぬ" | "ん") && f.pos.is_auxiliary_verb();
        j += 1;
    }
    (negated, j)
}

/// The phrase of mention `i` when it negates or leaves the action open, else `None`.
/// `settled` holds the headline's text when its action is a decision or a completion, which a
/// plan noun after the mention leaves open (決定する予定).
fn unaffirmed(
    a: &Analysis<'_>,
    i: usize,
    line: Span,
    settled: Option<&str>,
    words: &StatusWords<'_>,
) -> Option<Span> {
    let StatusWords {
        prefixes,
        plans,
        disclosures,
    } = *words;
    let start = a.tokens[i].span.start;
    let (negated, j) = predicate_chain(a, i, line.end);
    let chain_end = a.tokens[j - 1].span.end;
    if negated {
        return Some(Span::new(start, chain_end));
    }
    // 着陸に成功すれば, 成功したら: a condition, not a statement that it happened.
    if conditional(a, i, j) {
        let end = a
            .tokens
            .get(j)
            .filter(|t| t.span.end <= line.end && a.surface(j) == "ば")
            .map_or(chain_end, |t| t.span.end);
        return Some(Span::new(start, end));
    }
    // 未発表, 不参加: a negating prefix written onto the mention (`negating-prefixes`), as
    // the polarity kind reads 非対応.
    if i > 0
        && a.tokens[i - 1].span.start >= line.start
        && a.tokens[i - 1].span.end == start
        && a.features(i - 1).pos.is_prefix()
        && prefixes.contains(a.surface(i - 1))
    {
        return Some(Span::new(a.tokens[i - 1].span.start, a.tokens[i].span.end));
    }
    let rest = &a.text[chain_end..line.end];
    // 延長する予定はない, 延長の予定はない, 延長は予定されていない: a plan for it denied, after
    // the は, の or も that makes the action its topic; so is the action itself through こと
    // (決まっていることはない, 値上げすることはありません).
    let topic = rest
        .strip_prefix(['は', 'の', 'も'])
        .map_or(0, |r| rest.len() - r.len());
    let after_topic = &rest[topic..];
    if let Some(plan) = plans.iter().find(|p| after_topic.starts_with(p)) {
        let after = &after_topic[plan.len()..];
        let particle = after
            .strip_prefix(['は', 'も'])
            .map_or(0, |r| after.len() - r.len());
        if let Some(w) = PLAN_DENIALS
            .iter()
            .find(|w| after[particle..].starts_with(*w))
        {
            let end = chain_end + topic + plan.len() + particle + w.len();
            return Some(Span::new(start, end));
        }
    }
    // 来年2月の会議で決定する予定, 正式な駅名を決める方針: a decision or a completion
    // (`settled`, with the headline's text) told as a plan has not been taken yet; not one
    // planned of something the headline does not name (デザインも決める予定).
    if let Some(headline) = settled
        && !argument_elsewhere(a, i, line, headline, &["が", "を", "は", "も"])
        && let Some(plan) = plans
            .iter()
            .filter(|p| *p != "こと")
            .find(|p| rest.strip_prefix('の').unwrap_or(rest).starts_with(p))
    {
        let end = chain_end + rest.find(plan).unwrap_or(0) + plan.len();
        return Some(Span::new(start, end));
    }
    let window = clause_after(rest, OPEN_WINDOW);
    let open = OPEN_AFTER
        .iter()
        .find_map(|w| window.find(w).map(|k| (k, w)))
        .or_else(|| {
            window
                .starts_with('を')
                .then(|| {
                    ASKED_AFTER
                        .iter()
                        .find_map(|w| window.find(w).map(|k| (k, w)))
                })
                .flatten()
        })
        .map(|(k, w)| Span::new(start, chain_end + k + w.len()));
    // 復帰の時期は決めていない, 結婚の日取りは発表されていない: a decision or disclosure
    // denied in the mention's own phrase leaves it open as 未定 does; not one denied only so
    // far (これまで誕生を公表せず: the state before the news, which the article now tells).
    open.or_else(|| {
        let clause_start = a.text[line.start..start]
            .rfind(['。', '、'])
            .map_or(line.start, |k| line.start + k + '、'.len_utf8());
        if SO_FAR
            .iter()
            .any(|w| a.text[clause_start..start].contains(w))
        {
            return None;
        }
        let limit = chain_end + window.len();
        (j..a.tokens.len())
            .take_while(|&k| a.tokens[k].span.end <= limit)
            .find(|&k| disclosures.contains(a.base(k)))
            .and_then(|k| {
                let (negated, after) = predicate_chain(a, k, line.end);
                negated.then(|| Span::new(start, a.tokens[after - 1].span.end))
            })
    })
}

/// Words that make a denial hold only up to now (これまで公表せず, 今まで明かしていなかった).
const SO_FAR: &[&str] = &["これまで", "今まで", "いままで"];

/// The clause that `rest` opens: up to its first 。, 、, !, ? or line break, and at most `max`
/// characters (a mention's own phrase, not a later clause).
pub(super) fn clause_after(rest: &str, max: usize) -> &str {
    let end = rest
        .char_indices()
        .take_while(|&(_, c)| !matches!(c, '。' | '、' | '!' | '?' | '\n'))
        .take(max)
        .last()
        .map_or(0, |(k, c)| k + c.len_utf8());
    &rest[..end]
}

/// Tokens after a headline object's body mention within which its predicate is read.
const OBJECT_WINDOW: usize = 12;

/// The first body mention of a headline action's `object` (発売日 of 発売日決定, 着陸 of 月面
/// 着陸に成功) when the body mentions it and every mention, as a topic or argument (the
/// object and は, が, を or も), is told as not decided or not known (a `disclosure-words` word
/// negated: 具体的な発売日はまだ発表されていません, or 未定) or, for a `completion` (成功, 可決),
/// as planned or at a step before it (`plan-words`: 月面への着陸は来年3月ごろを予定;
/// `pending-steps`: 予算案は2月定例会に提出する; an announcement of the object, 予算案を発表した,
/// tells nothing of its completion and is passed over); `None` when one mention says
/// otherwise or there is none. A mention modifying another noun (映画化の時期は未定) is about
/// that noun and counts for nothing.
pub(super) fn object_left_open(
    a: &Analysis<'_>,
    body: &[Span],
    object: &str,
    completion: bool,
    lexicons: &Lexicons,
) -> Option<Span> {
    let mut first = None;
    for &line in body {
        let text = &a.text[line.range()];
        for (at, _) in text.match_indices(object) {
            let start = line.start + at;
            let end = start + object.len();
            if !a.is_boundary(start) || !a.is_boundary(end) {
                continue;
            }
            let next = a.first_at(end);
            let r = a.within(line);
            if next >= r.end
                || !a.features(next).pos.is_particle()
                || !matches!(a.surface(next), "は" | "が" | "を" | "も")
            {
                continue;
            }
            match open_after(a, next + 1, r.end, completion, lexicons) {
                Mention::Open(k) => {
                    first.get_or_insert(Span::new(start, a.tokens[k].span.end));
                }
                Mention::Neutral => {}
                Mention::Told => return None,
            }
        }
    }
    first
}

/// What the clause from token `from` tells of an object's action: open up to a token (a
/// negated `disclosure-words` word: 発表されていません, 決まっておらず; 未定; for a completion a
/// `plan-words` word, 予定, 目指す, or a `pending-steps` word, 提出する), nothing of a
/// completion (an affirmed disclosure: 予算案を発表した), or told.
fn open_after(
    a: &Analysis<'_>,
    from: usize,
    end: usize,
    completion: bool,
    lexicons: &Lexicons,
) -> Mention {
    let end = end.min(from + OBJECT_WINDOW);
    let mut k = from;
    while k < end {
        let s = a.surface(k);
        if s == "。" || (s == "、" && k > from) {
            return Mention::Told;
        }
        if matches!(s, "未定" | "未発表" | "未公表") {
            return Mention::Open(k);
        }
        if completion
            && (lexicons.contains(LexiconId::PlanWords, a.base(k))
                || lexicons.contains(LexiconId::PendingSteps, a.base(k)))
        {
            return Mention::Open(k);
        }
        if lexicons.contains(LexiconId::DisclosureWords, a.base(k)) {
            let (negated, j) = predicate_chain(a, k, a.tokens[end - 1].span.end);
            return if negated {
                Mention::Open(j - 1)
            } else if completion {
                // 予算案を発表した tells nothing of its 可決.
                Mention::Neutral
            } else {
                Mention::Told
            };
        }
        k += 1;
    }
    Mention::Told
}

/// What a body mention of a headline action's object tells of the action.
enum Mention {
    /// Left open, denied or (for a completion) still to come, up to this token.
    Open(usize),
    /// Neither: an announcement of the object says nothing of a completion.
    Neutral,
    /// Told, or nothing read says otherwise.
    Told,
}

/// What tells an achievement as missed right after its mention (初の4強入りはならなかった,
/// 3連覇を逃した, 決勝進出を果たせず).
const MISSED_AFTER: &[&str] = &[
    "はならなかった",
    "はならず",
    "ならず",
    "を逃し",
    "を逃す",
    "には届かなかった",
    "に届かなかった",
    "に届かず",
    "には届かず",
    "を果たせなかった",
    "を果たせず",
    "はかなわなかった",
    "はかなわず",
];

/// What a title writes right after an achievement it tells as missed itself, besides the
/// body's forms ([`MISSED_AFTER`]): headlines drop the particle (3連覇逃す, 初優勝届かず).
const MISSED_IN_TITLE: &[&str] = &["逃す", "逃し", "届かず", "果たせず", "かなわず"];

/// Whether the title tells the unit ending at `end` as missed itself (4強入りならず,
/// 3連覇逃す), with or without a particle before the verb (目標の100万人には届かず).
pub(super) fn missed_in_title(text: &str, end: usize, place: Span) -> bool {
    let after = &text[end..place.end];
    let bare = ["には", "に", "は", "を", "も"]
        .iter()
        .find_map(|p| after.strip_prefix(p))
        .unwrap_or(after);
    MISSED_AFTER.iter().any(|m| after.starts_with(m))
        || [after, bare]
            .iter()
            .any(|rest| MISSED_IN_TITLE.iter().any(|m| rest.starts_with(m)))
}

/// The first body mention of `unit` when the body mentions it and tells it every time as
/// missed ([`MISSED_AFTER`]): a title's 4強入り over 「初の4強入りはならなかった」. `None`
/// when one mention does not, or there is none.
pub(super) fn only_missed(text: &str, body: &[Span], unit: &str) -> Option<Span> {
    let mut first = None;
    for line in body {
        let line_text = &text[line.range()];
        for (at, _) in line_text.match_indices(unit) {
            let after = &line_text[at + unit.len()..];
            if !MISSED_AFTER.iter().any(|m| after.starts_with(m)) {
                return None;
            }
            let start = line.start + at;
            first.get_or_insert(Span::new(start, start + unit.len()));
        }
    }
    first
}
