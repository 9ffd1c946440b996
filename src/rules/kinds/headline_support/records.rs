//! A record in a headline is a claim: 「過去最高益」「県内初」「初優勝」「過去最多」 say what the
//! body must say too. Headlines reword, so the body may write the record its own way (最も多い
//! for 最多, 初めて for 初), but a body that never says it, that tells it only as unmet
//! (「過去最高の340億円には届かなかった」「過去最多だった2019年に次ぐ」), or that counts the
//! event again (「県内で4例目」「5年ぶり2度目の優勝」 under 「初」) does not support it.
//!
//! What is a record: a superlative word of [`SUPERLATIVES`] ending the unit or followed only by
//! what it measures (最高益, 最高値, 最多記録), or 初 before an event (初優勝, 初当選: a サ変 noun
//! or one of [`FIRST_EVENTS`], also written apart: 初の決勝進出) or after a scope (世界初, 県内初:
//! [`SCOPES`]). Not 最高裁, 最大手,
//! 初日, 初回 or 初代: offices, sizes of companies and first days are names, not records.

use super::numbers::rank_written;
use crate::lang::ja::{Analysis, is_kanji, is_katakana};
use crate::span::Span;

/// Superlatives that make a record, with the body's periphrasis of each (最も多い).
const SUPERLATIVES: &[(&str, &str)] = &[
    ("最高", "最も高"),
    ("最多", "最も多"),
    ("最大", "最も大き"),
    ("最低", "最も低"),
    ("最少", "最も少な"),
    ("最小", "最も小さ"),
    ("最長", "最も長"),
    ("最短", "最も短"),
    ("最年少", "最も若"),
    ("最年長", "最も年上"),
    ("最速", "最も速"),
    ("最安", "最も安"),
];

/// Superlatives of size that tell one record of an amount (観測史上最大 / 最も多くなった).
const MAGNITUDES: &[&[&str]] = &[&["最大", "最多"], &["最小", "最少"]];

/// Words of a sentence that make its superlative one of all time (以来, 史上, 過去), not one
/// among the things it compares (全学部で最も多い, 県内の観測点で最も多い).
const ALL_TIME: &[&str] = &["以来", "史上", "過去"];

/// What a superlative may measure after it in one unit (最高益, 最高値, 最多記録, 最高気温).
const MEASURES: &[&str] = &[
    "益", "値", "記録", "額", "数", "気温", "水準", "件数", "人数", "更新",
];

/// Events 初 makes a record of besides サ変 nouns (初V, 初タイトル).
const FIRST_EVENTS: &[&str] = &["V", "タイトル", "メダル", "白星", "ゴール", "アーチ"];

/// Where a first is first: 世界初, 県内初, 球団初. A body first must be of the same scope.
const SCOPES: &[&str] = &[
    "世界",
    "国内",
    "日本",
    "全国",
    "県内",
    "市内",
    "道内",
    "府内",
    "都内",
    "町内",
    "村内",
    "史上",
    "球団",
    "チーム",
    "業界",
    "県勢",
    "民間",
    "大会",
];

/// The most nouns after 初の read for its event (初の全国大会出場).
const MAX_EVENT_CHAIN: usize = 4;

/// Words after a body mention that tell the record as unmet or as another time's
/// (届かなかった, 次ぐ, 以来の水準).
const UNMET_AFTER: &[&str] = &[
    "届か",
    "届いて",
    "及ば",
    "次ぐ",
    "次いで",
    "迫る",
    "迫った",
    "迫り",
    "下回",
    "ならず",
    "逃",
    "以来",
];

/// How many characters after a body mention an [`UNMET_AFTER`] word belongs to it.
const UNMET_WINDOW: usize = 16;

/// Ordinals that count an event again: 4例目, 2度目, 3回目.
const ORDINAL_COUNTERS: &[&str] = &[
    "例目",
    "度目",
    "回目",
    "番目",
    "件目",
    "人目",
    "校目",
    "社目",
    "カ所目",
    "か所目",
    "年目",
];

/// Headline words after a record that make it no claim of a fact: a goal (過去最高へ), a
/// question (過去最高か), a forecast (過去最高の見通し), or unmet in the headline itself.
const HEADLINE_HEDGES: &[&str] = &[
    "へ",
    "か",
    "?",
    "見通し",
    "見込み",
    "予想",
    "目指",
    "狙",
    "迫る",
    "に迫",
    "ならず",
    "逃",
    "届か",
    "なるか",
    "も",
];

/// A record a headline unit claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Record {
    /// A superlative, with its periphrasis and what it measures (益 of 最高益), if anything.
    Superlative {
        word: &'static str,
        periphrasis: &'static str,
        measure: Option<&'static str>,
    },
    /// A first, with its scope (県内 of 県内初) and its event (優勝 of 初優勝), if named.
    First {
        scope: Option<&'static str>,
        event: Option<String>,
    },
}

/// What the body says of a headline's record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Verdict {
    /// The body states it.
    Told,
    /// The body never says it (a first of an event is not judged so: 初出場 is written
    /// 初めてフルマラソンに挑んだ as often as not).
    Untold,
    /// The body tells it only as unmet or counts the event again, here.
    Unmet(Span),
}

impl Record {
    /// The record the unit at `span` claims, if any.
    pub(super) fn of(a: &Analysis<'_>, span: Span) -> Option<Record> {
        let text = &a.text[span.range()];
        for &(word, periphrasis) in SUPERLATIVES {
            let Some(at) = text.find(word) else {
                continue;
            };
            let rest = &text[at + word.len()..];
            // 最高裁, 最大手, 最高経営責任者: a name or an office, not a record; nor is a
            // superlative the headline goes on writing a noun or a number onto (最高|裁判所,
            // 最大|40円: a hedge).
            let measure = MEASURES.iter().copied().find(|m| rest == *m);
            let next = a.text[span.end..].chars().next();
            let compounded =
                next.is_some_and(|c| c.is_ascii_digit() || is_kanji(c) || is_katakana(c));
            // 「掛け合いが最高だった」: without a scope (過去, 県内) or a measure (益, 値) a
            // superlative praises; it records nothing.
            // The scope may be a unit of its own (過去 | 最高, 県内 | 最大).
            let before = &a.text[..span.start + at];
            let scoped = before.ends_with("過去") || SCOPES.iter().any(|s| before.ends_with(s));
            if (rest.is_empty() && !compounded && scoped) || measure.is_some() {
                return Some(Record::Superlative {
                    word,
                    periphrasis,
                    measure: measure.filter(|m| *m != "更新"),
                });
            }
            return None;
        }
        if let Some(scope) = text
            .strip_suffix('初')
            .and_then(|s| SCOPES.iter().copied().find(|sc| s.ends_with(sc)))
        {
            return Some(Record::First {
                scope: Some(scope),
                event: None,
            });
        }
        // 初の決勝進出, 初の一般公開: a first written apart from its event (the サ変 noun
        // ending the noun chain after の).
        if text == "初" {
            let next = a.first_at(span.end);
            if next >= a.tokens.len() || a.surface(next) != "の" {
                return None;
            }
            let mut event = None;
            let mut chain_end = span.end;
            for t in next + 1..(next + 1 + MAX_EVENT_CHAIN).min(a.tokens.len()) {
                let pos = a.features(t).pos;
                if !pos.is_noun() || pos.is_number() {
                    break;
                }
                chain_end = a.tokens[t].span.end;
                if pos.is_sahen_noun() {
                    event = Some(a.surface(t).to_string());
                }
            }
            // 初の王座獲得へ: a goal, as after 初優勝 (see [`hedged`]).
            let line_end = a.text[chain_end..]
                .find('\n')
                .map_or(a.text.len(), |i| chain_end + i);
            if hedged(a, chain_end, Span::new(chain_end, line_end)) {
                return None;
            }
            return event.map(|e| Record::First {
                scope: None,
                event: Some(e),
            });
        }
        let event = text.strip_prefix('初')?;
        let token = a.first_at(span.start);
        // 初 is its own token before the event: 初 + 優勝, not 初日 or 初代 as one word.
        let event_token = (a.tokens[token].span.end == span.start + '初'.len_utf8())
            .then_some(token + 1)
            .filter(|&t| t < a.tokens.len() && a.tokens[t].span.start < span.end)?;
        let sahen = a.features(event_token).pos.is_sahen_noun();
        (sahen || FIRST_EVENTS.contains(&event)).then(|| Record::First {
            scope: None,
            event: Some(event.to_string()),
        })
    }

    /// What the body lines `body` say of this record; `subject` is what the headline says it
    /// of (投票率 of 投票率は過去最高), when it names it right before the record.
    pub(super) fn verdict(
        &self,
        a: &Analysis<'_>,
        body: &[Span],
        subject: Option<&str>,
    ) -> Verdict {
        let mut unmet = None;
        for &line in body {
            let text = &a.text[line.range()];
            for (at, len, measured) in self.mentions(text) {
                let after = &text[at + len..];
                let cut = clause_ahead(after, UNMET_WINDOW);
                if UNMET_AFTER.iter().any(|w| cut.contains(w)) {
                    unmet.get_or_insert(Span::new(
                        line.start + at,
                        line.start + at + len + cut.len(),
                    ));
                } else if measured {
                    return Verdict::Told;
                }
            }
        }
        if let Some(span) = unmet {
            return Verdict::Unmet(span);
        }
        if let Some(span) = self.counted_again(a, body) {
            return Verdict::Unmet(span);
        }
        if let (Record::Superlative { .. }, Some(subject)) = (self, subject)
            && let Some(span) = ranked_below(a.text, body, subject)
        {
            return Verdict::Unmet(span);
        }
        if let (Record::Superlative { word, .. }, Some(subject)) = (self, subject)
            && let Some(span) = short_of_before(a.text, body, subject, word)
        {
            return Verdict::Unmet(span);
        }
        match self {
            Record::First { event: Some(_), .. } => Verdict::Told,
            _ => Verdict::Untold,
        }
    }

    /// Where a body line names the record: (byte offset, length, whether the clause names
    /// what the record measures) of each mention.
    fn mentions(&self, text: &str) -> Vec<(usize, usize, bool)> {
        match self {
            Record::Superlative {
                word,
                periphrasis,
                measure,
            } => {
                let mut found: Vec<(usize, usize, bool)> = Vec::new();
                // 観測史上最大 over 統計を取り始めて以来、最も多くなった: a superlative of size
                // is told by its kin's periphrasis (最大 / 最多, 最小 / 最少) in a sentence of
                // all time, not by the kin word, which another record of the body may be.
                let kin = MAGNITUDES
                    .iter()
                    .find(|group| group.contains(word))
                    .into_iter()
                    .flat_map(|group| group.iter())
                    .filter(|k| *k != word)
                    .filter_map(|k| SUPERLATIVES.iter().find(|(w, _)| w == k))
                    .map(|&(_, p)| p);
                let kin: Vec<&str> = kin.collect();
                for w in [*word, *periphrasis].into_iter().chain(kin.iter().copied()) {
                    for (at, _) in text.match_indices(w) {
                        if kin.contains(&w)
                            && !ALL_TIME
                                .iter()
                                .any(|t| sentence_around(text, at).contains(t))
                        {
                            continue;
                        }
                        // 最高裁 in the body is no record.
                        let rest = &text[at + w.len()..];
                        if w.starts_with('最')
                            && !w.starts_with("最も")
                            && rest.starts_with(['裁', '手', '峰', '責'])
                        {
                            continue;
                        }
                        // 最高益 measures 利益: a body record of another measure in its clause
                        // (「売上高は過去最高となったが、純利益は減益」) does not tell it.
                        let clause = contrast_clause(sentence_around(text, at), text, at);
                        found.push((at, w.len(), measure.is_none_or(|m| clause.contains(m))));
                    }
                }
                found
            }
            Record::First { scope, event } => {
                let mut found = Vec::new();
                for w in ["初めて", "初"] {
                    for (at, _) in text.match_indices(w) {
                        if w == "初" && text[at..].starts_with("初めて") {
                            continue;
                        }
                        let rest = &text[at + w.len()..];
                        // 初日, 初代, 初回 …: not a first.
                        if w == "初"
                            && [
                                "日", "代", "回", "期", "旬", "心", "夏", "冬", "春", "秋", "年度",
                            ]
                            .iter()
                            .any(|n| rest.starts_with(n))
                        {
                            continue;
                        }
                        let sentence = sentence_around(text, at);
                        if scope.is_some_and(|s| !sentence.contains(s)) {
                            continue;
                        }
                        // 初V is 初優勝.
                        if let Some(e) = event
                            && !sentence.contains(e.as_str())
                            && !(e == "V" && sentence.contains("優勝"))
                        {
                            continue;
                        }
                        found.push((at, w.len(), true));
                    }
                }
                found
            }
        }
    }

    /// A body ordinal of two or more that counts the first's event or scope again (県内で4例目,
    /// 5年ぶり2度目の優勝), or an interval since the event last happened named right before it
    /// (15年ぶりに一般公開 under 初の一般公開).
    fn counted_again(&self, a: &Analysis<'_>, body: &[Span]) -> Option<Span> {
        let Record::First { scope, event } = self else {
            return None;
        };
        for &line in body {
            let text = &a.text[line.range()];
            for counter in ORDINAL_COUNTERS {
                for (at, _) in text.match_indices(counter) {
                    let digits: String = text[..at]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    let n: u32 = digits
                        .chars()
                        .rev()
                        .collect::<String>()
                        .parse()
                        .unwrap_or(0);
                    if n < 2 {
                        continue;
                    }
                    let sentence = sentence_around(text, at);
                    let about = scope.is_some_and(|s| sentence.contains(s))
                        || event.as_deref().is_some_and(|e| {
                            sentence.contains(e) || (e == "V" && sentence.contains("優勝"))
                        });
                    if about {
                        let start = at - digits.len();
                        return Some(Span::new(
                            line.start + start,
                            line.start + at + counter.len(),
                        ));
                    }
                }
            }
            // 15年ぶりに一般公開, 3年ぶりの優勝: the event again after a while, named right
            // after the interval.
            if let Some(event) = event.as_deref() {
                for (at, _) in text.match_indices("ぶり") {
                    let before = &text[..at];
                    let Some(period) = INTERVAL_PERIODS.iter().find(|p| before.ends_with(*p))
                    else {
                        continue;
                    };
                    let digits = before[..before.len() - period.len()]
                        .chars()
                        .rev()
                        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十百".contains(*c))
                        .map(char::len_utf8)
                        .sum::<usize>();
                    if digits == 0 {
                        continue;
                    }
                    let after = text[at + "ぶり".len()..].trim_start_matches(['に', 'の', 'と']);
                    // Up to the phrase's end: not 3年ぶりの決勝進出で、優勝.
                    let named: String = after
                        .chars()
                        .take_while(|c| !"、。でがはも".contains(*c))
                        .take(INTERVAL_EVENT_WINDOW)
                        .collect();
                    if named.contains(event) || (event == "V" && named.contains("優勝")) {
                        let start = before.len() - period.len() - digits;
                        return Some(Span::new(
                            line.start + start,
                            line.start + at + "ぶり".len(),
                        ));
                    }
                }
            }
        }
        None
    }
}

/// Periods an interval since the last time is counted in (15年ぶり, 3カ月ぶり, 2大会ぶり).
const INTERVAL_PERIODS: &[&str] = &[
    "年",
    "か月",
    "カ月",
    "ヶ月",
    "ケ月",
    "季",
    "大会",
    "シーズン",
    "日",
    "週間",
];

/// Characters after an interval (15年ぶりに) within which its phrase names its event
/// (屏風を一般公開).
const INTERVAL_EVENT_WINDOW: usize = 8;

/// Whether the headline words after a record unit ending at `end` (within `place`) make it
/// no claim (過去最高へ, 初優勝なるか, 過去最高の見通し).
pub(super) fn hedged(a: &Analysis<'_>, end: usize, place: Span) -> bool {
    let rest = &a.text[end..place.end];
    let clause = rest
        .find(['、', ' ', '　', ','])
        .map_or(rest, |i| &rest[..i]);
    let clause: String = clause.chars().take(8).collect();
    HEADLINE_HEDGES.iter().any(|h| {
        clause.starts_with(h)
            || (h.chars().count() > 1 && clause.contains(h))
            || clause.trim_start_matches(['を', 'の', 'に']).starts_with(h)
    })
}

/// The part of `sentence` (a slice of `text`) around byte offset `at` of `text` between
/// contrast marks (が、, ものの、, 一方、): 「売上高は過去最高となったが、純利益は減益」 tells
/// 最高 of 売上高 only.
fn contrast_clause<'s>(sentence: &'s str, text: &str, at: usize) -> &'s str {
    let offset = sentence.as_ptr() as usize - text.as_ptr() as usize;
    let local = at - offset;
    const MARKS: &[&str] = &["が、", "ものの、", "一方、", "一方で、"];
    let start = MARKS
        .iter()
        .filter_map(|m| sentence[..local].rfind(m).map(|i| i + m.len()))
        .max()
        .unwrap_or(0);
    let end = MARKS
        .iter()
        .filter_map(|m| sentence[local..].find(m).map(|i| local + i))
        .min()
        .unwrap_or(sentence.len());
    &sentence[start..end]
}

/// The sentence of `text` around byte offset `at` (between 。 marks).
/// Scopes a rank is told in (過去2番目, 史上3位, 歴代2位).
const RANK_SCOPES: &[&str] = &["過去", "史上", "歴代"];

/// A body rank below the first in a record's scope (過去2番目の低さ, 史上3位) in a sentence
/// that names `subject`: the headline's superlative of it is not met.
fn ranked_below(text: &str, body: &[Span], subject: &str) -> Option<Span> {
    for line in body {
        let t = &text[line.range()];
        for scope in RANK_SCOPES {
            for (at, _) in t.match_indices(scope) {
                let Some((rank, len)) = rank_written(&t[at + scope.len()..], &["番目", "位"])
                else {
                    continue;
                };
                if rank >= 2 && sentence_around(t, at).contains(subject) {
                    let end = at + scope.len() + len;
                    return Some(Span::new(line.start + at, line.start + end));
                }
            }
        }
    }
    None
}

/// Earlier times a body compares a value with (前回を下回った, 前年度より減少).
const EARLIER_TIMES: &[&str] = &["前回", "前年", "昨年", "前期", "前月", "前年度", "昨年度"];

/// Words after an earlier time that put the value below it, and above it.
const BELOW_EARLIER: &[&str] = &["下回", "減", "低下", "低く", "少な"];
const ABOVE_EARLIER: &[&str] = &["上回", "増", "上昇", "高く", "多く"];

/// How many characters after the earlier time the comparison word may stand (前回を4.12ポイ
/// ント下回った).
const COMPARISON_WINDOW: usize = 14;

/// A body sentence naming `subject` that puts it below an earlier time's value (投票率は…前回
/// を4.12ポイント下回った) under a headline high (過去最高, 最多, 最大, 最長), or above it under
/// a low (最低, 最少, 最小, 最短): a value short of one before it is no record.
fn short_of_before(text: &str, body: &[Span], subject: &str, word: &str) -> Option<Span> {
    let against: &[&str] = match word {
        "最高" | "最多" | "最大" | "最長" => BELOW_EARLIER,
        "最低" | "最少" | "最小" | "最短" => ABOVE_EARLIER,
        _ => return None,
    };
    for line in body {
        let t = &text[line.range()];
        for earlier in EARLIER_TIMES {
            for (at, _) in t.match_indices(earlier) {
                let after = &t[at + earlier.len()..];
                let cut = clause_ahead(after, COMPARISON_WINDOW);
                let Some(end) = against
                    .iter()
                    .filter_map(|w| cut.find(w).map(|i| i + w.len()))
                    .min()
                else {
                    continue;
                };
                if sentence_around(t, at).contains(subject) {
                    let start = line.start + at;
                    return Some(Span::new(start, start + earlier.len() + end));
                }
            }
        }
    }
    None
}

/// The first `chars` characters of `after`, up to its first 。 or 、: what a word right after a
/// body mention says of it in its own clause.
fn clause_ahead(after: &str, chars: usize) -> &str {
    let end = after
        .char_indices()
        .nth(chars)
        .map_or(after.len(), |(i, _)| i);
    let window = &after[..end];
    window.find(['。', '、']).map_or(window, |i| &window[..i])
}

fn sentence_around(text: &str, at: usize) -> &str {
    let start = text[..at].rfind('。').map_or(0, |i| i + '。'.len_utf8());
    let end = text[at..].find('。').map_or(text.len(), |i| at + i);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::{Record, Verdict};
    use crate::lang::ja::{Analysis, Morphology};
    use crate::span::Span;

    /// The record of the unit `unit` (a substring of `text`) and the verdict of the body
    /// `body` (after `text`).
    fn judge(unit: &str, body: &str) -> Option<Verdict> {
        let text = format!("{unit}\n{body}");
        let m = Morphology::new();
        let a = Analysis::new(&m, &text);
        let subject = unit.split_once('は').map(|(s, _)| s);
        let unit = unit.split_once('は').map_or(unit, |(_, u)| u);
        let at = text.find(unit)?;
        let record = Record::of(&a, Span::new(at, at + unit.len()))?;
        let body = [Span::new(text.find('\n')? + 1, text.len())];
        Some(record.verdict(&a, &body, subject))
    }

    #[test]
    fn records_are_superlatives_and_firsts_not_names() {
        for unit in [
            "過去最高",
            "過去最高益",
            "史上最多",
            "県内最大",
            "県内初",
            "世界初",
            "初優勝",
        ] {
            assert!(judge(unit, "本文").is_some(), "{unit}");
        }
        for unit in [
            "最高裁",
            "最大手",
            "初日",
            "初代",
            "最高経営責任者",
            "初心者",
            // A superlative that praises (掛け合いが最高だった).
            "最高",
            "最多",
        ] {
            assert_eq!(judge(unit, "本文"), None, "{unit}");
        }
    }

    #[test]
    fn a_record_the_body_states_is_told() {
        assert_eq!(
            judge("県内最大", "望遠鏡は口径60センチで、県内最大となる。"),
            Some(Verdict::Told)
        );
        assert_eq!(
            judge("初V", "チームは初優勝を果たした。"),
            Some(Verdict::Told)
        );
        // A first of an event the body words another way is not judged untold.
        assert_eq!(
            judge("初出場", "初めてフルマラソンに挑んだ大学生が優勝した。"),
            Some(Verdict::Told)
        );
        assert_eq!(
            judge("過去最高", "売上高は過去最高を更新した。"),
            Some(Verdict::Told)
        );
        assert_eq!(
            judge("過去最多", "来場者はこれまでで最も多い12万人だった。"),
            Some(Verdict::Told)
        );
        // A superlative of size is told by its kin's periphrasis in a sentence of all time,
        // not in one that compares things of now.
        assert_eq!(
            judge(
                "観測史上最大",
                "雨量は統計を取り始めて以来、最も多くなった。"
            ),
            Some(Verdict::Told)
        );
        assert_eq!(
            judge("観測史上最大", "雨量は県内の観測点で最も多くなった。"),
            Some(Verdict::Untold)
        );
        assert_eq!(
            judge("県内初", "導入は県内で初めてとなる。"),
            Some(Verdict::Told)
        );
        assert_eq!(
            judge("初優勝", "チームは創部以来初めて優勝した。"),
            Some(Verdict::Told)
        );
    }

    #[test]
    fn a_first_written_apart_from_its_event_is_a_record() {
        // 初の決勝進出: 初, then の and the event. The record of the unit 初 within a title.
        let judge_in = |title: &str, body: &str| {
            let text = format!("{title}\n{body}");
            let m = Morphology::new();
            let a = Analysis::new(&m, &text);
            let at = title.find('初').expect("初 in the title");
            let record = Record::of(&a, Span::new(at, at + '初'.len_utf8()))?;
            Some(record.verdict(&a, &[Span::new(title.len() + 1, text.len())], None))
        };
        assert!(matches!(
            judge_in(
                "三浦東が初の決勝進出",
                "三浦東は準決勝に勝ち、2年ぶり2度目の決勝進出を決めた。"
            ),
            Some(Verdict::Unmet(_))
        ));
        assert_eq!(
            judge_in("三浦東が初の決勝進出", "三浦東は初めて決勝に進んだ。"),
            Some(Verdict::Told)
        );
        // A goal (初の王座獲得へ), or 初 before no event, is no record.
        assert_eq!(
            judge_in(
                "高野八段、初の王座獲得へ",
                "タイトル戦への登場は3度目で、獲得はまだない。"
            ),
            None
        );
        assert_eq!(judge_in("初の舞台", "2度目の舞台だった。"), None);
    }

    #[test]
    fn a_record_told_as_unmet_or_counted_again_is_not() {
        assert!(matches!(
            judge(
                "過去最高益",
                "営業利益は伸びたものの、過去最高の340億円には届かなかった。"
            ),
            Some(Verdict::Unmet(_))
        ));
        assert!(matches!(
            judge("過去最多", "観光客は過去最多だった2019年に次ぐ水準だった。"),
            Some(Verdict::Unmet(_))
        ));
        assert!(matches!(
            judge("県内初", "県によると、無償化は県内で4例目となる。"),
            Some(Verdict::Unmet(_))
        ));
        assert!(matches!(
            judge("初優勝", "チームは5年ぶり2度目の優勝を果たした。"),
            Some(Verdict::Unmet(_))
        ));
        // An interval since the event last happened, named right before it: the event again.
        assert!(matches!(
            judge("初優勝", "チームは決勝で勝ち、3年ぶりに優勝した。"),
            Some(Verdict::Unmet(_))
        ));
        // An interval of another event (決勝進出) says nothing of this one.
        assert_eq!(
            judge("初優勝", "チームは3年ぶりの決勝進出で、優勝を果たした。"),
            Some(Verdict::Told)
        );
        // A record of another measure (売上高) does not tell 最高益.
        assert_eq!(
            judge("最高益", "売上高は過去最高となったが、純利益は減益だった。"),
            Some(Verdict::Untold)
        );
        // A first of a narrower scope does not tell 世界初.
        assert_eq!(
            judge("世界初", "この発見は国内では初めての報告となる。"),
            Some(Verdict::Untold)
        );
        assert_eq!(
            judge("過去最高", "寄付額は前年度を下回った。"),
            Some(Verdict::Untold)
        );
        // A rank below the first of what the headline says it of (投票率は過去最高 over
        // 投票率は…過去2番目の低さ) is unmet; of something else it says nothing.
        assert!(matches!(
            judge(
                "投票率は過去最高",
                "投票率は54.88%で、過去2番目の低さだった。"
            ),
            Some(Verdict::Unmet(_))
        ));
        assert!(matches!(
            judge("投票率は過去最高", "投票率は史上3位だった。"),
            Some(Verdict::Unmet(_))
        ));
        assert_eq!(
            judge("投票率は過去最高", "期日前投票の人数は過去2番目だった。"),
            Some(Verdict::Untold)
        );
    }

    #[test]
    fn a_value_short_of_an_earlier_one_is_no_record() {
        for body in [
            "投票率は48.2%で、前回を4.12ポイント下回った。",
            "今回の投票率は前回より低くなった。",
        ] {
            assert!(
                matches!(judge("投票率は過去最高", body), Some(Verdict::Unmet(_))),
                "{body}"
            );
        }
        // A low is contradicted by a rise.
        assert!(matches!(
            judge("出生数は過去最少", "出生数は前年を2%上回った。"),
            Some(Verdict::Unmet(_))
        ));
        // Of something else, or a rise under a high, it says nothing.
        assert_eq!(
            judge("投票率は過去最高", "期日前投票は前回を下回った。"),
            Some(Verdict::Untold)
        );
        assert_eq!(
            judge("投票率は過去最高", "投票率は前回を上回った。"),
            Some(Verdict::Untold)
        );
    }
}
