//! What in a headline or heading claims nothing: a section's own number (1., その3,
//! チェックポイント2：, ①, ■1軒目, a ranking's 1位), a label heading that only names its section's
//! subject, a number in a heading's brackets, a 【…】 tag, and dates that frame a section.
//! Kept apart from what the kind decides (`mod.rs`).

use crate::document::Document;
use crate::lang::ja::lexicon::WordSet;
use crate::lang::ja::quantity;
use crate::lang::ja::{Analysis, LexiconId, Lexicons};
use crate::span::Span;

/// Whether a number unit of a heading is the heading's own number, not a claim: at the
/// start, or after a label of `enumerator-labels` (その3, ポイント2：), and followed by a
/// separator or nothing (`1. 見通し`, `(3)`, `2`); or `第2章`.
pub(super) fn is_ordinal(text: &str, place: Span, unit: Span, lexicons: &Lexicons) -> bool {
    let u = &text[unit.range()];
    if !u.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let before = text[place.start..unit.start].trim();
    let after = &text[unit.end..place.end];
    let section = u.strip_prefix('第').is_some_and(|rest| {
        ["章", "節", "部", "項"].iter().any(|c| rest.ends_with(c))
            && rest
                .trim_end_matches(['章', '節', '部', '項'])
                .bytes()
                .all(|b| b.is_ascii_digit())
    });
    let label = before.trim_start_matches(['(', '（', '[', '【']).trim_end();
    // チェックポイント2：, 作り方の手順3: a label ending with an enumerator word.
    let labelled = lexicons
        .get(LexiconId::EnumeratorLabels)
        .iter()
        .any(|w| label.ends_with(w));
    let leading = (label.is_empty() || labelled)
        && u.bytes().all(|b| b.is_ascii_digit())
        && (after.is_empty()
            || after.starts_with([
                '.', '．', '、', ')', '）', ':', '：', ' ', '　', ']', '】', '-', '/',
            ]));
    section || leading
}

/// Whether a heading only names the thing its section is about (### 厚焼きホットケーキ（880円）,
/// ### 港中央マルシェ（20日）): outside brackets nothing but nouns (no action noun, no number)
/// and symbols. A label states nothing for the body to repeat; a heading with a particle, a
/// verb, an action or a number (九州への影響, 3人死亡) makes a claim.
pub(super) fn is_label(a: &Analysis<'_>, place: Span) -> bool {
    let mut depth = 0usize;
    let mut nouns = 0;
    for i in a.within(place) {
        let surface = a.surface(i);
        if surface.starts_with('(') {
            depth += 1;
        }
        let inside = depth > 0;
        if surface.ends_with(')') {
            depth = depth.saturating_sub(1);
        }
        if inside {
            continue;
        }
        let pos = a.features(i).pos;
        if pos.is_symbol() || !surface.chars().any(char::is_alphanumeric) {
            continue;
        }
        if pos.is_number() || pos.is_sahen_noun() || surface.bytes().any(|b| b.is_ascii_digit()) {
            return false;
        }
        if pos.is_noun() && !pos.is_suffix() {
            nouns += 1;
        } else if !(pos.is_prefix() || pos.is_suffix()) {
            return false;
        }
    }
    nouns > 0
}

/// Whether `unit` stands inside round brackets within `place` (材料(2〜3人分)).
pub(super) fn in_brackets(text: &str, place: Span, unit: Span) -> bool {
    let before = &text[place.start..unit.start];
    let after = &text[unit.end..place.end];
    before
        .rfind('(')
        .is_some_and(|open| !before[open..].contains(')'))
        && after
            .find(')')
            .is_some_and(|close| !after[..close].contains('('))
}

/// Whether `unit` stands inside the round brackets that close `place` (…の比較動画(約12分)):
/// nothing but spaces after their closing bracket.
pub(super) fn in_closing_brackets(text: &str, place: Span, unit: Span) -> bool {
    let after = &text[unit.end..place.end];
    in_brackets(text, place, unit)
        && after
            .find(')')
            .is_some_and(|close| after[close + 1..].trim().is_empty())
}

/// Whether `unit` is a bare year (1900–2099, four digits and nothing else) written onto the
/// word before it and followed by the end of `place`, a separator, a comma or a space
/// (紅葉2025｜…, シティマラソン2024、男子は…): the edition of a guide or an event, like 2025年版.
pub(super) fn is_edition_year(text: &str, place: Span, unit: Span, framing: &WordSet) -> bool {
    let u = &text[unit.range()];
    let year = u.len() == 4
        && u.bytes().all(|b| b.is_ascii_digit())
        && (u.starts_with("19") || u.starts_with("20"));
    let before = &text[place.start..unit.start];
    let after = &text[unit.end..place.end];
    let attached = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() && !c.is_ascii());
    // 夏まつり2024完全ガイド: a framing phrase closes it too.
    let closed = after.is_empty()
        || after.starts_with([
            '|', '｜', ' ', '　', '/', '-', '】', ')', '、', ',', ':', '!', '?',
        ])
        || framing_follows(after, framing);
    year && attached && closed
}

/// Whether `unit` is a reading time a guide promises (3分で解説, 5分でわかる, 10分で読める): a
/// number of minutes or seconds followed by で and a verb of explaining or understanding. The
/// article's length, not a claim about its subject (3分で完成 or 3分で到着 is one).
pub(super) fn is_reading_time(text: &str, place: Span, unit: Span) -> bool {
    const VERBS: &[&str] = &[
        "解説",
        "わかる",
        "分かる",
        "読める",
        "理解",
        "学べる",
        "学ぶ",
        "おさらい",
        "整理",
        "まとめ",
    ];
    let u = &text[unit.range()];
    let Some(number) = u.strip_suffix('分').or_else(|| u.strip_suffix('秒')) else {
        return false;
    };
    let after = &text[unit.end..place.end];
    !number.is_empty()
        && number.bytes().all(|b| b.is_ascii_digit())
        && after
            .strip_prefix('で')
            .is_some_and(|rest| VERBS.iter().any(|v| rest.starts_with(v)))
}

/// Whether `after` opens with a framing word of at least two characters (完全ガイド, まとめ).
pub(super) fn framing_follows(after: &str, framing: &WordSet) -> bool {
    framing
        .iter()
        .any(|w| w.chars().count() >= 2 && after.starts_with(w))
}

/// The brackets of a series or section tag around a title's end (【速報】, 〈連載・第3回〉,
/// 《独自》, [PR] after normalisation of ［］).
const TAGS: &[(char, char)] = &[
    ('【', '】'),
    ('〈', '〉'),
    ('《', '》'),
    ('[', ']'),
    ('≪', '≫'),
];

/// The tag that opens `s`: its closing bracket's byte offset and the bracket's length.
fn opening_tag(s: &str) -> Option<(usize, usize)> {
    let &(_, close) = TAGS.iter().find(|(open, _)| s.starts_with(*open))?;
    s.find(close).map(|at| (at, close.len_utf8()))
}

/// Whether `unit` lies inside a tag (【…】, 〈…〉: [`TAGS`]) that opens or closes `place`, with
/// text of the place outside the tag.
pub(super) fn in_end_tag(text: &str, place: Span, unit: Span) -> bool {
    let s = &text[place.range()];
    let (at, end) = (unit.start - place.start, unit.end - place.start);
    let opening =
        opening_tag(s).is_some_and(|(close, len)| end <= close && close + len < s.trim_end().len());
    let trimmed = s.trim_end();
    let closing = TAGS.iter().any(|&(open, close)| {
        trimmed.ends_with(close) && s.rfind(open).is_some_and(|o| o > 0 && at > o)
    });
    opening || closing
}

/// Whether `unit` is the episode number of a series (第3回, 第2話, vol.12) right after the
/// tag that opens `place` and followed by a separator: 【家計見直し講座】第3回　医療保険は…
/// numbers the series, not a claim (【開催告知】第32回みなみ川まつり names the event).
pub(super) fn episode_after_tag(text: &str, place: Span, unit: Span) -> bool {
    let s = &text[place.range()];
    let Some((close, len)) = opening_tag(s) else {
        return false;
    };
    let Some(between) = s.get(close + len..unit.start - place.start) else {
        return false;
    };
    let u = &text[unit.range()];
    let ordinal = u.bytes().any(|b| b.is_ascii_digit())
        && (u.starts_with('第') || u.to_ascii_lowercase().starts_with("vol"));
    let after = &text[unit.end..place.end];
    let separated = after.is_empty()
        || after.starts_with([' ', '　', '|', '｜', ':', '：', '/', '・', '-', '―']);
    between.trim().is_empty() && ordinal && separated
}

/// Whether the source text of `span` starts with an enclosed or decorated number (①, ❶, ⑴,
/// ⒈, ㉑): an enumerator, though normalisation wrote it as a plain digit.
pub(super) fn enumerated(doc: &Document, span: Span) -> bool {
    let source = doc.to_source(span);
    doc.source
        .get(source.start..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| {
            matches!(c, '\u{2460}'..='\u{24ff}' | '\u{2776}'..='\u{2793}' | '\u{3251}'..='\u{325f}' | '\u{32b1}'..='\u{32bf}')
        })
}

/// Whether `unit` is an ordinal (1軒目, 3日目, 第2部, a ranking's 1位: a number with 第, 目
/// or 位) with nothing but symbols before it in `place`.
pub(super) fn opens_with_ordinal(text: &str, place: Span, unit: Span) -> bool {
    text[place.start..unit.start]
        .chars()
        .all(|c| !c.is_alphanumeric())
        && {
            let u = &text[unit.range()];
            u.bytes().any(|b| b.is_ascii_digit())
                && (u.ends_with('目') || u.ends_with('位') || u.starts_with('第'))
        }
}

/// Whether a unit is a date or a year (2025年, 7月10日, 23日).
pub(super) fn is_date(unit: &str) -> bool {
    let found = quantity::find(unit);
    matches!(found.as_slice(), [q] if q.is_date())
}

/// Counters of a repetition or a succession: how many times, in a row, or which generation.
const REPETITION_COUNTERS: &[&str] = &[
    "代目",
    "度目",
    "回目",
    "期目",
    "連勝",
    "連敗",
    "連覇",
    "連続",
    "冠",
    "年ぶり",
    "期ぶり",
    "日ぶり",
    "営業日ぶり",
    "週ぶり",
    "週間ぶり",
    "カ月ぶり",
    "か月ぶり",
    "ヶ月ぶり",
];

/// Whether a unit counts a repetition or a succession (3度目, 2代目, 3連勝, 2冠, 5年連続,
/// 2年ぶり): a headline compresses what the body narrates (two earlier attempts, a father
/// and a grandfather, the titles listed), so without a body value to contradict it the
/// count alone is weak evidence.
pub(super) fn is_repetition_count(unit: &str) -> bool {
    counter_of(unit).is_some_and(|rest| {
        REPETITION_COUNTERS.iter().any(|c| {
            rest == *c
                || rest
                    .strip_suffix(*c)
                    .is_some_and(|r| STREAK_PERIODS.contains(&r))
        })
    })
}

/// What follows a unit's leading number (ASCII digits or kanji numerals up to 十): 度目 of
/// 3度目, 本塁打 of 三本塁打; `None` when the unit does not open with a number.
pub(super) fn counter_of(unit: &str) -> Option<&str> {
    let rest =
        unit.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    (rest.len() < unit.len()).then_some(rest)
}

/// The periods a streak counts in (5年連続, 3カ月連続, 2大会連続).
const STREAK_PERIODS: &[&str] = &[
    "年",
    "カ月",
    "か月",
    "ヶ月",
    "期",
    "季",
    "試合",
    "大会",
    "シーズン",
    "週",
    "日",
];

/// [`is_repetition_count`] for the unit at `span` of `text`, with a 連続 the segmenter wrote as
/// a unit of its own after it (3カ月 | 連続の引き上げ).
pub(super) fn counts_repetitions(text: &str, span: Span) -> bool {
    let unit = &text[span.range()];
    is_repetition_count(unit)
        || (text[span.end..].starts_with("連続") && is_repetition_count(&format!("{unit}連続")))
}

/// Whether a unit is a day or a month (7月10日, 23日, 7月), not a year.
pub(super) fn is_day(unit: &str) -> bool {
    let found = quantity::find(unit);
    matches!(found.as_slice(), [q] if q.is_date() && q.unit != "年") && !unit.contains('年')
}
