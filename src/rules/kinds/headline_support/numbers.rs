//! What a headline number is supported by besides the same number in the body: a rounded
//! value, an age in brackets, a duration between clock times, a difference of two values, a
//! count a heading's own section uses, a count of the article's own items or of the names
//! and people a body sentence lists, the other spelling of an ordinal. Kept apart from what the kind decides (`mod.rs`).

use crate::algo::hash::FastHashMap;
use crate::document::Document;
use crate::lang::ja::quantity::{self, Quantity};
use crate::lang::ja::{Analysis, LexiconId, Lexicons, bracketed_age, is_kanji};
use crate::span::Span;

/// The unit a quantity is compared in: its counter's (人, 円, %), or, for a counter the
/// quantity reader does not know (8室, 84施設, 8,000歩, 4都市), the noun written right after
/// the number, marked `~` so that it never meets a known unit. Empty for a bare number.
/// `q`'s spans are offsets into `a.text`.
pub(super) fn open_unit(a: &Analysis<'_>, q: &Quantity) -> String {
    if !q.unit.is_empty() {
        return q.unit.clone();
    }
    a.counter_noun_at(q.core.end)
        .map_or_else(String::new, |i| format!("~{}", a.surface(i)))
}

/// The quantities of `text[span]` with spans offset into the whole text and units opened
/// ([`open_unit`]).
pub(super) fn quantities_in(a: &Analysis<'_>, span: Span) -> Vec<Quantity> {
    quantity::find(&a.text[span.range()])
        .into_iter()
        .map(|mut q| {
            q.span = Span::new(q.span.start + span.start, q.span.end + span.start);
            q.core = Span::new(q.core.start + span.start, q.core.end + span.start);
            q
        })
        // 一度延期され (once), 一時中断: an adverb the segmenter reads whole is no count.
        .filter(|q| {
            let i = a.first_at(q.span.start);
            !(i < a.tokens.len() && a.tokens[i].span == q.span && a.features(i).pos.is_adverb())
        })
        .map(|mut q| {
            q.unit = open_unit(a, &q);
            // 1基目: an open counter before 目 counts a position.
            if q.unit.starts_with('~') {
                let after = q.core.end + q.unit.len() - '~'.len_utf8();
                q.ordinal |= a.text[after..].starts_with('目');
            }
            q
        })
        .collect()
}

/// The one quantity a headline unit states (`84` before 施設, `全8室`, `2割増`), read in the
/// whole text so that a counter after the unit counts.
pub(super) fn unit_quantity(a: &Analysis<'_>, span: Span) -> Option<Quantity> {
    let found = quantities_in(a, span);
    let Ok([q]) = <[Quantity; 1]>::try_from(found) else {
        return None;
    };
    // A hedge written after the unit (50%を超える): the quantity read on to the line's end,
    // when it is the same number.
    let line_end = a.text[span.end..]
        .find('\n')
        .map_or(a.text.len(), |n| span.end + n);
    let hedged = quantities_in(a, Span::new(span.start, line_end))
        .into_iter()
        .next()
        .filter(|h| h.core == q.core && h.value == q.value && h.unit == q.unit);
    let q = hedged.unwrap_or(q);
    if !q.exact() {
        return Some(q);
    }
    // 12万部突破, 5自治体超え: a hedge or a threshold crossed after a counter the reader did
    // not know, or a threshold crossed after a known one (1万人を突破): the value is a floor.
    let (after, q) = match q.unit.strip_prefix('~') {
        Some(noun) => {
            let after = &a.text[(q.core.end + noun.len()).min(line_end)..line_end];
            (after, q.hedged_after(after))
        }
        None => (&a.text[q.span.end.min(line_end)..line_end], q),
    };
    // 体重マイナス10kgを達成: a signed figure is a change; a body value of the measure itself
    // (72.5kg) is no change beyond it.
    let signed = signed_change(a.text, q.span.start).is_some();
    Some(
        match CROSSED.iter().any(|w| after.starts_with(w)) && q.exact() && !signed {
            true => q.at_least(),
            false => q,
        },
    )
}

/// Whether a headline word says a threshold was crossed (突破, 達成, 超え): after a figure,
/// it claims no more than the figure read as a floor.
pub(super) fn crosses_threshold(word: &str) -> bool {
    CROSSED.contains(&word)
}

/// Words after a headline figure that say a threshold was crossed (12万部突破, 1万人を達成):
/// the figure is the threshold, and any body value above it supports it.
const CROSSED: &[&str] = &[
    "突破",
    "を突破",
    "達成",
    "を達成",
    "到達",
    "に到達",
    "超え",
    "を超え",
];

/// A rank written at the start of `text` in ASCII digits and one of `suffixes` (2位, 3番目):
/// the rank and the byte length through the suffix. The text is NFKC-normalised, so
/// full-width digits are ASCII here.
pub(super) fn rank_written(text: &str, suffixes: &[&str]) -> Option<(u32, usize)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rank = text[..digits].parse().ok()?;
    let suffix = suffixes.iter().find(|s| text[digits..].starts_with(**s))?;
    Some((rank, digits + suffix.len()))
}

/// Units that count people or things one by one (人, 台, 個, or a counter the quantity
/// reader does not know: 杯, シーズン), for [`counts_one`].
const DISCRETE_UNITS: &[&str] = &[
    "人", "つ", "個", "台", "本", "枚", "社", "校", "店", "棟", "戸", "隻", "機", "頭", "匹",
    "世帯", "カ所", "件",
];

/// Whether a unit counts one person or thing (プランター1つ, 1杯分; 1人1台, one each):
/// Japanese leaves one unsaid (プランターで育てる, 端末を配る), so a body that never writes
/// the number tells it as often as not.
pub(super) fn counts_one(a: &Analysis<'_>, span: Span) -> bool {
    let found = quantities_in(a, span);
    !found.is_empty()
        && found.iter().all(|q| {
            q.exact()
                && q.value == 1.0
                && !q.ordinal
                && (q.unit.starts_with('~') || DISCRETE_UNITS.contains(&q.unit.as_str()))
        })
}

/// The other spelling of an ordinal: 第32回 → 32回目, 32回目 → 第32回.
pub(super) fn ordinal_spelling(key: &str) -> Option<String> {
    if !key.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    if let Some(rest) = key.strip_prefix('第') {
        return (!rest.ends_with('目')).then(|| format!("{rest}目"));
    }
    key.strip_suffix('目').map(|rest| format!("第{rest}"))
}

/// Whether a number unit counts items (`item-counters`: 5つ, 6つの方法, 3選, 4件; after
/// `rank-words`: ベスト5) and the article enumerates that many; or, in any counter (5スポット),
/// the article numbers that many headings 1 … n.
pub(super) fn counts_items(
    text: &str,
    span: Span,
    items: &super::ItemCounts,
    lexicons: &Lexicons,
) -> bool {
    let unit = &text[span.range()];
    let digits: String = unit.chars().filter(char::is_ascii_digit).collect();
    let Ok(n) = digits.parse::<usize>() else {
        return false;
    };
    let after_digits = unit.trim_start_matches(|c: char| !c.is_ascii_digit());
    let after_digits = after_digits.trim_start_matches(|c: char| c.is_ascii_digit());
    let counter = if after_digits.is_empty() {
        &text[span.end..]
    } else {
        after_digits
    };
    let before = &text[..span.start];
    let ranked = lexicons
        .get(LexiconId::RankWords)
        .iter()
        .any(|w| before.ends_with(w) || unit.starts_with(w));
    let counted = lexicons
        .get(LexiconId::ItemCounters)
        .iter()
        .any(|c| counter.starts_with(c));
    // A unit the quantity reader knows (3人, 2週間) is an amount, not a count of items.
    let amount = quantity::find(unit)
        .first()
        .is_some_and(|q| !q.unit.is_empty());
    // 新人2人を破る over 坂本亮氏（52）と南由香里氏（45）を破り: a count of people named.
    let persons = counter.starts_with('人') || counter.starts_with('名');
    let people = persons && !counter[3..].starts_with('目') && items.people.contains(&n);
    // 2社 over 「マルキタ」と「フレッシュみなと」: a count of things named in 「」.
    // Only a plain count (not 2万円台, 2時間, 2倍): a measure counts no named things.
    let plain = quantity::find(unit)
        .first()
        .is_some_and(|q| q.exact() && q.value == n as f64 && !MEASURES.contains(&q.unit.as_str()));
    let quoted = !persons
        && plain
        && !unit.contains('第')
        && !counter.starts_with('目')
        && items.quoted.contains(&n);
    // 5つのポイント over headings ポイント1 … ポイント5 and an unnumbered 利用案内 after them:
    // a count of items in an item counter is a run of numbered sections too.
    ((ranked || counted) && (items.counts.contains(&n) || items.numbered.contains(&n)))
        || (!amount && items.numbered.contains(&n))
        || people
        || quoted
}

/// Whether a headline number (`42億円`, `2割増`, `約3万人`) is, rounded as written, a value
/// the body states in the same unit: 42億円 has two significant digits, so it stands for
/// 41.5億 to 42.5億 and 42億3000万円 supports it.
pub(super) fn rounds_to_body(a: &Analysis<'_>, span: Span, body: &BodyValues) -> bool {
    let Some(q) = unit_quantity(a, span) else {
        return false;
    };
    let unit = &a.text[span.range()];
    // 80代女性: an age group, supported by an age in it (母親（81）, 81歳).
    if q.unit == "~代" && q.exact() && (10.0..=100.0).contains(&q.value) && q.value % 10.0 == 0.0 {
        return body.overlaps("歳", q.value, q.value + 9.0);
    }
    if q.ordinal || q.unit.is_empty() || q.unit == "日付" {
        return false;
    }
    // 2割 is 15-25%; otherwise at most 5% either way (100人 is not 120人).
    let cap = if unit.contains('割') {
        5.0
    } else {
        q.value.abs() * 0.05
    };
    let (low, high) = rounded(&q, cap);
    body.overlaps(&q.unit, low, high)
}

/// The quantity a headline unit states and the token written right onto it (1人|死亡, 2度|の),
/// if one is.
fn count_before_word(a: &Analysis<'_>, span: Span) -> Option<(Quantity, usize)> {
    let q = unit_quantity(a, span)?;
    let next = a.first_at(q.span.end);
    (next < a.tokens.len() && a.tokens[next].span.start == q.span.end).then_some((q, next))
}

/// Whether `text` writes `word` as an event; for a person's state (`of_people`), not as the
/// name of a count of people (「けが人はいなかった」, 死者).
fn tells_event(text: &str, word: &str, of_people: bool) -> bool {
    text.match_indices(word)
        .any(|(at, _)| !of_people || !text[at + word.len()..].starts_with(['人', '者']))
}

/// Whether a headline count of one (1人死亡, 1棟全焼, 1人けが) tells an event the body narrates
/// of a single one without counting: the word right after the count is in the body, and no body
/// number of the count's unit, other than one, stands before that word (2人が死亡 would
/// contradict it). One is what a narration of one person's death says.
pub(super) fn one_of_an_event(
    a: &Analysis<'_>,
    span: Span,
    body: &[Span],
    found: &[Quantity],
) -> bool {
    let Some((q, next)) = count_before_word(a, span) else {
        return false;
    };
    if !q.exact() || q.value != 1.0 || q.ordinal || q.unit.is_empty() {
        return false;
    }
    let pos = a.features(next).pos;
    // 1人けが, 1人重体: a person's state noun tells the event as a サ変 noun does, where the
    // body narrates it of someone (軽いけがをした), not as the name of a count of people
    // (けが人); not a measure (1年間無料).
    let state = pos.is_common_noun() && matches!(q.unit.as_str(), "人" | "名");
    if !(pos.is_sahen_noun() || pos.is_independent_verb() || state) {
        return false;
    }
    let word = a.surface(next);
    let told = |line: &str| tells_event(line, word, state);
    if word.chars().count() < 2 || !body.iter().any(|l| told(&a.text[l.range()])) {
        return false;
    }
    !found.iter().any(|b| {
        let after = &a.text[b.span.end..];
        b.unit == q.unit
            && b.value != 1.0
            && (after.starts_with(word)
                || after
                    .strip_prefix("が")
                    .is_some_and(|r| r.starts_with(word)))
    })
}

/// Nouns that name one person in a narration (80代の女性, 運転していた男).
const PERSON_NOUNS: &[&str] = &[
    "男性", "女性", "男", "女", "男児", "女児", "少年", "少女", "乳児", "幼児",
];

/// Whether a headline count of two or more people with an event (2人死亡, 5人けが) is the
/// number of people the body narrates the event of without counting them all: in the body
/// sentences that tell the event word, the people counted (乗客4人) and the people a person
/// noun names without a count (80代の女性, 運転していた男) add up to it. The count as
/// written must come out exactly; one more or fewer is no support.
pub(super) fn people_of_an_event(
    a: &Analysis<'_>,
    span: Span,
    body: &[Span],
    found: &[Quantity],
) -> bool {
    let Some((q, next)) = count_before_word(a, span) else {
        return false;
    };
    if !q.exact() || q.value < 2.0 || q.ordinal || !matches!(q.unit.as_str(), "人" | "名") {
        return false;
    }
    let pos = a.features(next).pos;
    if !(pos.is_sahen_noun() || pos.is_common_noun()) {
        return false;
    }
    let word = a.surface(next);
    if word.chars().count() < 2 {
        return false;
    }
    let mut total = 0.0;
    for line in body {
        let mut from = line.start;
        for sentence in a.text[line.range()].split_inclusive('。') {
            let s = Span::new(from, from + sentence.len());
            from = s.end;
            if !tells_event(sentence, word, true) {
                continue;
            }
            // The body's quantities are in text order: the sentence's are one run of them.
            let first = found.partition_point(|b| b.span.start < s.start);
            total += found[first..]
                .iter()
                .take_while(|b| b.span.start < s.end)
                .filter(|b| b.span.end <= s.end)
                .filter(|b| matches!(b.unit.as_str(), "人" | "名") && b.exact() && !b.ordinal)
                .map(|b| b.value)
                .sum::<f64>();
            let tokens = a.within(s);
            total += tokens
                .clone()
                .filter(|&i| PERSON_NOUNS.contains(&a.surface(i)) && a.features(i).pos.is_noun())
                // 2人の男性, 男性2人: a person already counted by a number.
                .filter(|&i| {
                    let counted_before = i >= tokens.start + 2
                        && a.surface(i - 1) == "の"
                        && matches!(a.surface(i - 2), "人" | "名");
                    let counted_after = i + 1 < tokens.end && a.features(i + 1).pos.is_number();
                    !counted_before && !counted_after
                })
                .count() as f64;
        }
    }
    total == q.value
}

/// Whether a headline count (142球, 1万PV) is a bare body number of the same value in a
/// sentence that names what it counts before it with the counter's characters (投球数は142,
/// ページビュー（PV）が初めて1万を超えた): the body writes the count without its counter.
pub(super) fn counted_bare(
    a: &Analysis<'_>,
    span: Span,
    counter: Option<&str>,
    body: &[Quantity],
) -> bool {
    let (Some(q), Some(counter)) = (unit_quantity(a, span), counter) else {
        return false;
    };
    if !q.exact() || q.ordinal || q.is_date() || counter.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    body.iter()
        // Exactly, or within a hedge (1万を超えた).
        .filter(|b| {
            b.unit.is_empty()
                && !b.ordinal
                && if b.exact() {
                    b.value == q.value
                } else {
                    b.low <= q.value && q.value <= b.high
                }
        })
        .any(|b| sentence_up_to(a.text, b.span.start).contains(counter))
}

/// The sentence up to offset `at`: from the start of its line or the last 。 before it.
fn sentence_up_to(text: &str, at: usize) -> &str {
    let line = &text[text[..at].rfind('\n').map_or(0, |n| n + 1)..at];
    line.rfind('。')
        .map_or(line, |n| &line[n + '。'.len_utf8()..])
}

/// The values a quantity allows as written: an exact value widened by half its last digit's
/// place (at most `cap`: 42億 is 41.5億 to 42.5億); a hedged one as its hedge says, since its
/// bounds are stated (50%を超える is above 50%, 9,000万円台 is from 9,000万, 約 is ±10%).
fn rounded(q: &Quantity, cap: f64) -> (f64, f64) {
    if !q.exact() {
        return (q.low, q.high);
    }
    let half = (rounding_step(q.value) / 2.0).min(cap);
    (q.low - half, q.high + half)
}

/// The body's amounts by unit: exact values sorted (a binary search per question), and the
/// first few hedged or ranged ones (約, 以上, 3〜5日) scanned.
#[derive(Debug, Default)]
pub(super) struct BodyValues {
    exact: FastHashMap<String, Vec<f64>>,
    ranges: FastHashMap<String, Vec<(f64, f64)>>,
}

impl BodyValues {
    /// Hedged or ranged values kept per unit.
    const MAX_RANGES: usize = 256;

    pub(super) fn new(quantities: impl Iterator<Item = Quantity>) -> Self {
        let mut v = BodyValues::default();
        for q in quantities.filter(|q| !q.ordinal && !q.unit.is_empty()) {
            if q.exact() {
                v.exact.entry(q.unit).or_default().push(q.value);
            } else {
                let r = v.ranges.entry(q.unit).or_default();
                if r.len() < Self::MAX_RANGES {
                    r.push((q.low, q.high));
                }
            }
        }
        for values in v.exact.values_mut() {
            values.sort_by(f64::total_cmp);
        }
        v
    }

    /// Ages as news writes them after a name: 森本悠斗容疑者（22）, 田中さん(45). A headline's
    /// 22歳男 is supported by them. Only 1-3 digits directly after a name-like character.
    pub(super) fn add_ages(&mut self, line: &str) {
        let mut ages = Vec::new();
        for (open, _) in line.match_indices('(') {
            let before = line[..open].chars().next_back();
            let name_like = before.is_some_and(
                |c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '々'),
            );
            if name_like && let Some((age, _)) = bracketed_age(&line[open..]) {
                ages.push(f64::from(age));
            }
        }
        if !ages.is_empty() {
            let values = self.exact.entry("歳".into()).or_default();
            values.extend(ages);
            values.sort_by(f64::total_cmp);
        }
    }

    /// Whether a value of `unit` in the body lies in or overlaps `low..=high`.
    fn overlaps(&self, unit: &str, low: f64, high: f64) -> bool {
        let exact = self.exact.get(unit).is_some_and(|values| {
            let i = values.partition_point(|&v| v < low);
            values.get(i).is_some_and(|&v| v <= high)
        });
        exact
            || self
                .ranges
                .get(unit)
                .is_some_and(|r| r.iter().any(|&(l, h)| l <= high && low <= h))
    }
}

/// Whether a section's own blocks count something in `counter`: a number (digits or a kanji
/// numeral) written right before it (1基目, 3基 for 基; 7回 for 回).
pub(super) fn section_counts_in(doc: &Document, section: usize, counter: &str) -> bool {
    doc.sections[section].blocks.iter().any(|&b| {
        let text = doc.slice(doc.blocks[b].span);
        text.match_indices(counter).any(|(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || "一二三四五六七八九十百千".contains(c))
        })
    })
}

/// What the body implies without writing it: durations between its clock times (午前4時27分
/// … 午前7時30分 is about 3 hours) and differences between its numbers of one unit (勝ち点74
/// and 67 differ by 7). A headline or heading that computes such a number (約3時間後に解除,
/// 勝ち点7差) is supported by them.
#[derive(Debug, Default)]
pub(super) struct Derivable {
    /// Minutes after midnight, distinct, at most `MAX_TIMES`.
    clock: Vec<u32>,
    /// The minutes between every two of them, sorted.
    spans: Vec<u32>,
    /// Values as written by unit (bare numbers under ""; 23人以上 is 23), sorted, at most
    /// `MAX_VALUES` in all.
    values: FastHashMap<String, Vec<f64>>,
    /// Sums of two or more values of one unit written one after another in one sentence (休校
    /// は3施設、学年閉鎖は19施設、学級閉鎖は62施設 adds up to 84施設), by unit, sorted.
    sums: FastHashMap<String, Vec<f64>>,
    /// The exact values of each body sentence with a unit, for ratios (412人 and 356人: 1割
    /// 以上増えた).
    sentences: Vec<Vec<(String, f64)>>,
    /// Exact values with a unit anywhere in the body, for a ratio to a headline's own value.
    all: FastHashMap<String, Vec<f64>>,
    /// The days between every two body dates (5月20日 and 6月3日: 14), sorted.
    day_spans: Vec<u32>,
    /// Months between two months one body sentence names (4月から6月に: 2).
    month_spans: Vec<f64>,
    /// The days a body range of dates covers, both ends counted (5月12日から30日まで: 19).
    ranges: Vec<u32>,
    /// The days between every two body days of a month written alone or in a date (当初は13日
    /// の予定 and 15日に打ち上げ: 2), sorted.
    month_day_spans: Vec<u32>,
    /// Bare numbers the body gives as a difference (ゲーム差を1.5に, 差は3): what a headline's
    /// 1.5差 states, at most `MAX_TIMES`.
    stated: Vec<f64>,
    /// Lengths of time the body writes in hours and minutes (3時間28分, 47時間52分), in
    /// minutes, at most `MAX_TIMES`.
    durations: Vec<f64>,
    /// The sides of the match scores the body gives (2―1, 3-0, 2対1), at most `MAX_TIMES`:
    /// a team's goals or points (2発, 3得点) are one of them.
    scores: Vec<f64>,
}

/// A match score: two numbers of one or two digits joined by a dash or 対 (2―1, 3-0, 2対1).
static SCORE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?:^|[^0-9０-９])([0-9]{1,2})\s?[―−\-－–—対]\s?([0-9]{1,2})(?:[^0-9０-９]|$)",
    )
    .expect("valid regex")
});

/// Words after a number of days that make it a shift of a date (2日遅れ, 1日延期, 3日前倒し).
const SHIFT_WORDS: &[&str] = &[
    "遅れ",
    "延期",
    "順延",
    "繰り延べ",
    "前倒し",
    "繰り上げ",
    "早まっ",
];

/// Words before a value in its clause that add it to the value of its unit told before it
/// (アンコールでさらに3曲, 加えて2人).
const ADDED: &[&str] = &["さらに", "更に", "加えて", "追加で", "追加の"];

/// A length of time in hours and minutes (3時間28分), not after a digit.
static HOURS_MINUTES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?:^|[^0-9.])([0-9]{1,3})時間([0-9]{1,2})分").expect("valid regex")
});

/// Counters of what a team scores in a match (2発, 3得点, 2ゴール), told by one side of a score.
const SCORE_UNITS: &[&str] = &["発", "得点", "点", "ゴール"];

static CLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(午前|午後)?([0-9]{1,2})(?:時(?:([0-9]{1,2})分|(半))?|:([0-9]{2}))")
        .expect("valid regex")
});

impl Derivable {
    const MAX_TIMES: usize = 64;
    const MAX_VALUES: usize = 512;
    /// The most bytes between two months read as one sentence's pair.
    const MONTH_REACH: usize = 120;

    /// `quantities`: the body's quantities, in text order (also read by [`BodyValues`]).
    pub(super) fn new(doc: &Document, body: &[Span], quantities: &[Quantity]) -> Self {
        let mut d = Derivable::default();
        for line in body {
            let text = &doc.text[line.range()];
            for c in CLOCK.captures_iter(text).take(Self::MAX_TIMES) {
                // A clock time, not 3時間 or 10時台: nothing but the time ends it.
                let end = c.get(0).map_or(0, |m| m.end());
                if text[end..].starts_with(['間', '台']) {
                    continue;
                }
                let hour: u32 = c[2].parse().unwrap_or(99);
                let minute: u32 = match (c.get(3), c.get(4), c.get(5)) {
                    (Some(m), _, _) | (_, _, Some(m)) => m.as_str().parse().unwrap_or(99),
                    (_, Some(_), _) => 30,
                    _ => 0,
                };
                if hour > 24 || minute > 59 {
                    continue;
                }
                let afternoon = c.get(1).is_some_and(|m| m.as_str() == "午後") && hour < 12;
                let t = (hour + if afternoon { 12 } else { 0 }) * 60 + minute;
                if d.clock.len() < Self::MAX_TIMES && !d.clock.contains(&t) {
                    d.clock.push(t);
                }
            }
        }
        // 3時間28分: one length of time in two units.
        for line in body {
            for c in HOURS_MINUTES.captures_iter(&doc.text[line.range()]) {
                let (h, m): (f64, f64) = (c[1].parse().unwrap_or(0.0), c[2].parse().unwrap_or(0.0));
                if m < 60.0 && d.durations.len() < Self::MAX_TIMES {
                    d.durations.push(h * 60.0 + m);
                }
            }
        }
        // 2―1で逆転勝ち: the sides of a score.
        for line in body {
            for c in SCORE.captures_iter(&doc.text[line.range()]) {
                for side in [&c[1], &c[2]] {
                    let v: f64 = side.parse().unwrap_or(f64::NAN);
                    if v.is_finite() && d.scores.len() < Self::MAX_TIMES && !d.scores.contains(&v) {
                        d.scores.push(v);
                    }
                }
            }
        }
        // ゲーム差を1.5に, 差は3: a bare number after 差 and a particle.
        for q in quantities
            .iter()
            .filter(|q| q.unit.is_empty() && !q.ordinal && q.value.is_finite() && q.value > 0.0)
        {
            let before = doc.text[..q.span.start].trim_end_matches(['は', 'を', 'が', 'も']);
            if before.ends_with('差') && d.stated.len() < Self::MAX_TIMES {
                d.stated.push(q.value);
            }
        }
        // A hedged value counts as written (23人以上 is 23).
        for q in quantities
            .iter()
            .filter(|q| !q.ordinal && !q.is_date() && q.value.is_finite())
            .take(Self::MAX_VALUES)
        {
            d.values.entry(q.unit.clone()).or_default().push(q.value);
        }
        for v in d.values.values_mut() {
            v.sort_by(f64::total_cmp);
        }
        d.add_sentences(doc, quantities);
        // The body's exact dates, with their day of the year.
        let dated: Vec<(&Quantity, u32)> = quantities
            .iter()
            .filter(|q| q.unit == "日付" && q.exact())
            .filter_map(|q| day_of_year(q.value as u32).map(|day| (q, day)))
            .collect();
        // 解任から2週間 over 5月20日 and 6月3日: days between two dates of one year.
        let mut days: Vec<u32> = dated
            .iter()
            .map(|&(_, day)| day)
            .take(Self::MAX_TIMES)
            .collect();
        // 5月12日から30日まで, 5月12日～30日: a range whose end day is written without its
        // month.
        for &(q, first) in &dated {
            let month = q.value as u32 / 100;
            if let Some(last) = range_end_day(&doc.text[q.span.end..])
                .and_then(|day| day_of_year(month * 100 + day))
                && last > first
                && d.ranges.len() < Self::MAX_TIMES
            {
                d.ranges.push(last - first + 1);
            }
        }
        // 開所を4月から6月に延期 over 2か月遅れ: months one sentence names, without days.
        let months: Vec<&Quantity> = quantities
            .iter()
            .filter(|q| q.unit == "月" && q.exact() && (1.0..=12.0).contains(&q.value))
            .take(Self::MAX_TIMES)
            .collect();
        for (i, x) in months.iter().enumerate() {
            for y in &months[i + 1..] {
                // In text order; a sentence holds them within a short reach.
                if y.span.start < x.span.end || y.span.start - x.span.end > Self::MONTH_REACH {
                    break;
                }
                let between = &doc.text[x.span.end..y.span.start];
                if !between.contains(['。', '\n']) && x.value != y.value {
                    d.month_spans.push((y.value - x.value).abs());
                }
            }
        }
        // 13日の予定 / 15日に打ち上げ: days of a month, news's way of dating within it.
        let mut month_days: Vec<u32> = quantities
            .iter()
            .filter(|q| q.exact())
            .filter_map(|q| match q.unit.as_str() {
                "日" => Some(q.value as u32),
                "日付" => Some(q.value as u32 % 100),
                _ => None,
            })
            .filter(|d| (1..=31).contains(d))
            .take(Self::MAX_TIMES)
            .collect();
        month_days.sort_unstable();
        month_days.dedup();
        d.month_day_spans = gaps(&month_days);
        days.sort_unstable();
        days.dedup();
        d.day_spans = gaps(&days);
        d.spans = gaps(&d.clock);
        d
    }

    /// Whether a headline number is a duration between two body clock times or the body's
    /// minutes (to the hour it is written in, 半 and 余り read) or, marked by a `difference-words` word (7差, 5人届かず),
    /// a difference of two body values of its unit.
    pub(super) fn supports(
        &self,
        a: &Analysis<'_>,
        span: Span,
        place: &[Quantity],
        lexicons: &Lexicons,
    ) -> bool {
        let text = a.text;
        let unit = &text[span.range()];
        let Some(mut q) = unit_quantity(a, span) else {
            return false;
        };
        if q.ordinal {
            return false;
        }
        let words = lexicons.get(LexiconId::DifferenceWords);
        // 7差: a difference word after a bare number is no counter.
        if q.unit
            .strip_prefix('~')
            .is_some_and(|noun| words.iter().any(|w| w == noun))
        {
            q.unit.clear();
        }
        // A percent two values make is a change (2割増, 3割低く, 昨年より1割以上増えた); a bare
        // level (投票率は50%を超える) is no ratio.
        let change = q.unit != "%" || {
            let after = text[q.span.end..].trim_start_matches(['に', 'も', 'を', 'の', 'と']);
            CHANGE_MARKS.iter().any(|m| after.starts_with(m))
        };
        if self.sums_to(&q) || (change && self.ratio_of(&q, place)) {
            return true;
        }
        // 2発で逆転勝ち over 2―1: a team's goals are a side of the score (not 2点差, a
        // difference).
        if q.exact()
            && !unit.ends_with('差')
            && !text[span.end..].starts_with('差')
            && SCORE_UNITS.contains(&q.unit.trim_start_matches('~'))
            && self.scores.contains(&q.value)
        {
            return true;
        }
        let after = text[span.end..].trim_start_matches(['に', 'も']);
        let difference = words
            .iter()
            .any(|w| unit.trim_end_matches(['後', '前']).ends_with(w) || after.starts_with(w));
        if difference {
            // As written: 約2千票差 is 1,800 to 2,200 and 2千票差 1,900 to 2,100 (rounded, at
            // most 5% either way), so 1万8432票 and 1万6391票 support both; 7差 is 7.
            let (low, high) = rounded(&q, q.value.abs() * 0.05);
            let (low, high) = (low.max(1e-9) - 1e-9, high + 1e-9);
            // ゲーム差を1.5に縮めた: the body states the difference itself.
            if q.unit.is_empty() && self.stated.iter().any(|&v| low <= v && v <= high) {
                return true;
            }
            let Some(values) = self.values.get(&q.unit) else {
                return false;
            };
            return values.iter().any(|&x| {
                let i = values.partition_point(|&v| v < x + low);
                values.get(i).is_some_and(|&v| v <= x + high)
            });
        }
        // 2日遅れ, 1日延期: a shift by days between two days of a month the body names.
        if q.unit == "日"
            && q.exact()
            && SHIFT_WORDS.iter().any(|w| after.starts_with(w))
            && self.month_day_spans.contains(&(q.value as u32))
        {
            return true;
        }
        // 2週間, 14日間: the days between two body dates (a week to a day either way).
        if matches!(q.unit.as_str(), "週間" | "日間") && q.exact() {
            let (days, slack) = if q.unit == "週間" {
                (q.value * 7.0, 1.0)
            } else {
                (q.value, 0.0)
            };
            // A range of dates is told in whole weeks rounded (5月12日から30日まで, 19 days,
            // is 3週間).
            let rounded = |d: u32| {
                let d = f64::from(d);
                if q.unit == "週間" {
                    (d / 7.0).round() == q.value
                } else {
                    d == days
                }
            };
            return self
                .day_spans
                .iter()
                .any(|&d| (f64::from(d) - days).abs() <= slack)
                || self.ranges.iter().any(|&d| rounded(d));
        }
        // 育てて3か月 over 4月29日 and 7月31日: the months between two body dates, rounded
        // (half a month either way).
        if q.unit == "カ月" && q.exact() {
            return self
                .day_spans
                .iter()
                .any(|&d| (f64::from(d) / DAYS_PER_MONTH - q.value).abs() <= 0.5)
                || self.month_spans.contains(&q.value);
        }
        // Minutes the headline allows.
        let (low, high) = match q.unit.as_str() {
            "時間" => {
                // Written to the hour (or half hour): 3時間 is 2時間半 to 3時間半.
                // 7時間半: 半 is a token of its own after the unit.
                // The quantity reader counts a 半 written onto the unit (2時間半 is 2.5).
                let written = unit.contains('半') || text[span.end..].starts_with('半');
                let counted = text[q.core.range()].ends_with('半');
                let half = if written && !counted { 30.0 } else { 0.0 };
                let high = if q.high.is_finite() {
                    q.high
                } else {
                    q.value + 1.0
                };
                let slack = if written { 15.0 } else { 30.0 };
                (q.low * 60.0 + half - slack, high * 60.0 + half + slack)
            }
            "分" => (q.low - 5.0, q.high.min(q.value + 30.0) + 5.0),
            _ => return false,
        };
        let i = self.spans.partition_point(|&d| f64::from(d) < low);
        // 約2時間半 over 上映時間は148分: the body's minutes, when the headline writes hours.
        let minutes = q.unit == "時間"
            && self.values.get("分").is_some_and(|values| {
                let i = values.partition_point(|&v| v < low);
                values.get(i).is_some_and(|&v| v <= high)
            });
        // 約48時間 over プレイ時間は47時間52分: a length written in hours and minutes.
        let written = q.unit == "時間" && self.durations.iter().any(|&d| low <= d && d <= high);
        minutes || written || self.spans.get(i).is_some_and(|&d| f64::from(d) <= high)
    }
}

/// The differences between every two of `values` (distinct days or minutes), sorted.
fn gaps(values: &[u32]) -> Vec<u32> {
    let mut out: Vec<u32> = values
        .iter()
        .enumerate()
        .flat_map(|(i, &x)| values[i + 1..].iter().map(move |&y| x.abs_diff(y)))
        .collect();
    out.sort_unstable();
    out
}

/// The mean length of a month in days (365.25 / 12).
const DAYS_PER_MONTH: f64 = 30.44;

/// The day a range of dates ends on when `rest` (the text after its first date) goes on
/// with から or a dash and a day without its month (から30日, ～30日): 1 to 31.
fn range_end_day(rest: &str) -> Option<u32> {
    let rest = ["から", "～", "〜", "-", "－", "―"]
        .iter()
        .find_map(|m| rest.strip_prefix(m))?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let day: u32 = rest[..digits].parse().ok()?;
    (rest[digits..].starts_with('日') && (1..=31).contains(&day)).then_some(day)
}

/// The day of the year of a date valued month × 100 + day (520 is 5月20日), in a year of
/// 365 days.
fn day_of_year(date: u32) -> Option<u32> {
    const BEFORE: [u32; 12] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
    let (month, day) = (date / 100, date % 100);
    (1..=12)
        .contains(&month)
        .then(|| BEFORE[month as usize - 1] + day)
}

/// Units of measure, never a count of named things.
const MEASURES: &[&str] = &[
    "円",
    "時間",
    "分",
    "秒",
    "日",
    "年",
    "月",
    "%",
    "倍",
    "歳",
    "度",
    "回",
    "週間",
    "カ月",
    "km",
    "m",
    "kg",
    "g",
    "cm",
    "mm",
    "位",
    "点",
    "ポイント",
];

/// What follows a percent that is a change (増, 上昇, 低く, 上回る, 軽量, …).
const CHANGE_MARKS: &[&str] = &[
    "増",
    "減",
    "上昇",
    "下落",
    "低下",
    "上回",
    "下回",
    "アップ",
    "ダウン",
    "伸び",
    "高",
    "安",
    "低",
    "少な",
    "多",
    "拡大",
    "縮小",
    "改善",
    "悪化",
    // A comparative (約15%軽量, 2割短く): how much one thing differs from the other.
    "軽",
    "重",
    "短",
    "長",
    "小さ",
    "大き",
    "薄",
    "厚",
    "速",
    "遅",
];

/// Units whose values do not add up to a total (ages, shares, ratios, temperatures, ranks,
/// sizes).
const NOT_SUMMED: &[&str] = &["%", "倍", "歳", "℃", "度", "位", "型", "インチ", "ポイント"];

impl Derivable {
    /// Sentences whose values are kept, values kept per sentence, and sums kept per unit.
    const MAX_SENTENCES: usize = 256;
    const MAX_PER_SENTENCE: usize = 12;
    const MAX_RUN: usize = 6;

    /// Groups the body's exact values by sentence (a `。` or a line break between two
    /// quantities starts a new one) and records the sums of runs of one unit.
    fn add_sentences(&mut self, doc: &Document, quantities: &[Quantity]) {
        let mut previous: Option<Span> = None;
        let mut current: Vec<(String, f64)> = Vec::new();
        // The last exact value of each unit in the paragraph so far, with where it ends.
        let mut last: FastHashMap<String, (f64, usize)> = FastHashMap::default();
        for q in quantities {
            let new_sentence = previous.is_some_and(|p| {
                p.end > q.span.start || doc.text[p.end..q.span.start].contains(['。', '\n'])
            });
            if previous.is_some_and(|p| {
                p.end > q.span.start || doc.text[p.end..q.span.start].contains('\n')
            }) {
                last.clear();
            }
            previous = Some(q.span);
            if new_sentence && !current.is_empty() {
                self.close_sentence(std::mem::take(&mut current));
            }
            if self.sentences.len() >= Self::MAX_SENTENCES {
                break;
            }
            if q.ordinal || q.is_date() || q.unit.is_empty() || !q.exact() || !q.value.is_finite() {
                continue;
            }
            // 本編は21曲で締めくくられた。アンコールでさらに3曲: a value added to the one told
            // before it in the paragraph makes their total.
            if let Some(&(before, end)) = last.get(&q.unit) {
                let between = &doc.text[end..q.span.start];
                let clause = &between[between
                    .rfind(['。', '、'])
                    .map_or(0, |k| k + '、'.len_utf8())..];
                if ADDED.iter().any(|w| clause.contains(w)) {
                    let sums = self.sums.entry(q.unit.clone()).or_default();
                    if sums.len() < Self::MAX_PER_SENTENCE * 4 {
                        sums.push(before + q.value);
                    }
                }
            }
            last.insert(q.unit.clone(), (q.value, q.span.end));
            if current.len() < Self::MAX_PER_SENTENCE {
                current.push((q.unit.clone(), q.value));
            }
            let all = self.all.entry(q.unit.clone()).or_default();
            if all.len() < Self::MAX_PER_SENTENCE * 4 {
                all.push(q.value);
            }
        }
        if !current.is_empty() && self.sentences.len() < Self::MAX_SENTENCES {
            self.close_sentence(current);
        }
        for v in self.sums.values_mut() {
            v.sort_by(f64::total_cmp);
        }
    }

    fn close_sentence(&mut self, values: Vec<(String, f64)>) {
        let mut by_unit: FastHashMap<&str, Vec<f64>> = FastHashMap::default();
        for (unit, v) in &values {
            by_unit.entry(unit.as_str()).or_default().push(*v);
        }
        for (unit, v) in by_unit {
            if v.len() < 2 || NOT_SUMMED.contains(&unit) {
                continue;
            }
            let sums = self.sums.entry(unit.to_string()).or_default();
            for start in 0..v.len() {
                let mut total = v[start];
                for x in v[start + 1..].iter().take(Self::MAX_RUN - 1) {
                    total += x;
                    sums.push(total);
                }
            }
        }
        self.sentences.push(values);
    }

    /// Whether `q` (rounded as written) is the total of values of its unit one sentence lists.
    fn sums_to(&self, q: &Quantity) -> bool {
        let Some(sums) = self.sums.get(&q.unit) else {
            return false;
        };
        let (low, high) = rounded(q, q.value.abs() * 0.05);
        let i = sums.partition_point(|&v| v < low - 1e-9);
        sums.get(i).is_some_and(|&v| v <= high + 1e-9)
    }

    /// Whether `q`, a ratio (1.7倍) or a share or change in percent (2割増, 1割以上, 3割低く),
    /// is what two values of one unit make: both in one body sentence, or one in the checked
    /// place itself (`place`, 1機関あたり32.4人 前週の1.7倍) and one in the body.
    fn ratio_of(&self, q: &Quantity, place: &[Quantity]) -> bool {
        let (low, high) = match q.unit.as_str() {
            "倍" => rounded(q, 0.5),
            // 2割 is 15-25%, 12.7% is 12.65-12.75%.
            "%" => rounded(q, 5.0),
            _ => return false,
        };
        // A bound (1割以上, 50%を超える) states a value near it: at most twice it (half for
        // an upper bound); else any large ratio of two body values would meet 以上.
        let (low, high) = match (low.is_finite(), high.is_finite()) {
            (true, false) => (low, low * 2.0),
            (false, true) => (high / 2.0, high),
            _ => (low, high),
        };
        let percent = q.unit == "%";
        // A share of the larger value only for a stated value, not for a bound on a change.
        let share = q.low.is_finite() && q.high.is_finite();
        let fits = |x: f64, y: f64| {
            if x <= 0.0 || y <= 0.0 || x == y {
                return false;
            }
            let (small, large) = if x < y { (x, y) } else { (y, x) };
            let candidates = if percent {
                // A change from either value, or a share of the larger.
                [
                    (large - small) / small * 100.0,
                    (large - small) / large * 100.0,
                    if share {
                        small / large * 100.0
                    } else {
                        f64::NAN
                    },
                ]
            } else {
                [large / small, f64::NAN, f64::NAN]
            };
            candidates.iter().any(|&r| r >= low && r <= high)
        };
        let in_sentence = self.sentences.iter().any(|s| {
            s.iter()
                .enumerate()
                .any(|(i, (u, x))| s[i + 1..].iter().any(|(v, y)| u == v && fits(*x, *y)))
        });
        in_sentence
            || place
                .iter()
                .filter(|p| p.exact() && p.unit != q.unit && !p.unit.is_empty())
                .any(|p| {
                    self.all
                        .get(&p.unit)
                        .is_some_and(|values| values.iter().any(|&y| fits(p.value, y)))
                })
    }
}

/// The place value of the last significant digit of `v` (4.2e9 → 1e8, 20 → 10, 39800 → 100).
fn rounding_step(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return 0.0;
    }
    let v = v.abs();
    let mut step = 10f64.powf(v.log10().floor());
    // Down to the last nonzero digit (at most 15 digits of precision).
    for _ in 0..15 {
        let r = v / step;
        if (r - r.round()).abs() < 1e-6 * r.max(1.0) {
            break;
        }
        step /= 10.0;
    }
    step
}

/// Words between what a headline number measures and the number that are no part of it:
/// 適用床面積は最大40畳, 定員：約30人, 平均価格、初の9,000万円台.
const BEFORE_NUMBER: &[&str] = &[
    "最大",
    "最小",
    "最高",
    "最低",
    "約",
    "計",
    "全",
    "合計",
    "総",
    "およそ",
    "初",
    "過去最高",
    "過去最多",
    // A sign (体重マイナス10kg): the figure is a change of 体重; see `signed_change`.
    "マイナス",
    "プラス",
];

/// Words after a body value that tell it as a decrease (4.4kg減りました, 3%減) or an increase.
const DECREASE_AFTER: &[&str] = &["減", "ダウン", "下が", "落ち", "マイナス"];
const INCREASE_AFTER: &[&str] = &["増", "アップ", "上が", "伸び", "プラス"];

/// The direction a headline figure's sign gives it: `Some(false)` after マイナス, `Some(true)`
/// after プラス, `None` unsigned.
fn signed_change(text: &str, start: usize) -> Option<bool> {
    let before = &text[..start];
    if before.ends_with("マイナス") {
        Some(false)
    } else if before.ends_with("プラス") {
        Some(true)
    } else {
        None
    }
}

/// The body's value for what a headline number the body does not support is the number of,
/// named after it: the noun after the number (来年4月開業 / 開業は来年3月の予定; 3期連続の増益 /
/// 2期連続の増益; 5つの方法 / 節約方法を4つに絞って). A body quantity of its unit with another
/// value, in a line that names that noun.
pub(super) fn following_counterpart(
    a: &Analysis<'_>,
    unit: Span,
    body_lines: &[Span],
    body: &BodyByUnit,
) -> Option<Span> {
    let q = unit_quantity(a, unit)?;
    if !q.exact() || q.unit.is_empty() {
        return None;
    }
    let mut next = a.first_at(unit.end);
    while next < a.tokens.len() && matches!(a.surface(next), "に" | "の" | "から" | "連続") {
        next += 1;
    }
    if next >= a.tokens.len()
        || !a.features(next).pos.is_noun()
        || a.features(next).pos.is_number()
        || a.surface(next).chars().count() < 2
    {
        return None;
    }
    let noun = a.surface(next);
    body.of(&q.unit)
        .filter(|b| b.ordinal == q.ordinal && !b.compatible(&q) && same_reckoning(a.text, &q, b))
        .find(|b| {
            line_holding(body_lines, b.span).is_some_and(|l| a.text[l.range()].contains(noun))
        })
        .map(|b| b.core)
}

/// Whether two values of one unit are reckoned alike: a number of years (1年半, 3年), a year
/// of the calendar (2022年) and a point in time counted back or on (3年前, 2日後) are not
/// other values of each other.
fn same_reckoning(text: &str, q: &Quantity, b: &Quantity) -> bool {
    let calendar = |x: &Quantity| x.unit == "年" && x.value >= 1000.0;
    let offset = |x: &Quantity| text[x.span.end..].starts_with(['前', '後']);
    calendar(q) == calendar(b) && offset(q) == offset(b)
}

/// The line of `lines` (in order, not overlapping) that holds all of `span`.
pub(super) fn line_holding(lines: &[Span], span: Span) -> Option<Span> {
    let i = lines.partition_point(|l| l.end < span.end);
    lines.get(i).copied().filter(|l| l.start <= span.start)
}

/// The body's quantities grouped by unit, at most [`BodyByUnit::MAX_PER_UNIT`] of each (the
/// first ones): a headline's checks look only at values of their own unit, and a body of
/// thousands of values of one unit stays linear.
#[derive(Debug, Default)]
pub(super) struct BodyByUnit {
    by_unit: FastHashMap<String, Vec<Quantity>>,
}

impl BodyByUnit {
    const MAX_PER_UNIT: usize = 64;

    pub(super) fn new(quantities: &[Quantity]) -> Self {
        let mut by_unit: FastHashMap<String, Vec<Quantity>> = FastHashMap::default();
        for q in quantities {
            let list = by_unit.entry(q.unit.to_string()).or_default();
            if list.len() < Self::MAX_PER_UNIT {
                list.push(q.clone());
            }
        }
        BodyByUnit { by_unit }
    }

    fn of<'s>(&'s self, unit: &str) -> impl Iterator<Item = &'s Quantity> {
        self.by_unit.get(unit).into_iter().flatten()
    }
}

/// Case particles that make a place before a number where it happens.
const ADJUNCT_PARTICLES: &[&str] = &["で", "から", "まで", "より", "に"];

/// The body's value for the quantity a headline number the body does not support states:
/// a body quantity of its unit with another value, in a sentence (or table row) that names
/// what the headline says the number measures, the noun chain right before it (適用床面積は
/// 最大40畳 / | 適用床面積 | 〜31畳). `place`: the checked headline or bullet.
pub(super) fn counterpart(
    a: &Analysis<'_>,
    place: Span,
    unit: Span,
    body: &[Quantity],
) -> Option<Span> {
    let q = unit_quantity(a, unit)?;
    if q.unit.is_empty() || q.ordinal || q.is_date() {
        return None;
    }
    let first = a.first_at(place.start);
    let mut i = a.first_at(unit.start);
    // Back over particles, symbols and hedges to the noun chain; not past a case particle
    // after a place (輪島市で1人が死亡: where it happened, not what is counted; 1時間に100個
    // and 2日間で8万人 name the rate's and the count's span).
    while i > first {
        let pos = a.features(i - 1).pos;
        let after_place = i - 1 > first && {
            let before = a.features(i - 2).pos;
            before.is_place_name() || before.is_place_suffix()
        };
        if pos.is_particle() && ADJUNCT_PARTICLES.contains(&a.surface(i - 1)) && after_place {
            return None;
        }
        if pos.is_particle()
            || pos.is_symbol()
            || pos.is_prefix()
            || BEFORE_NUMBER.contains(&a.surface(i - 1))
        {
            i -= 1;
        } else {
            break;
        }
    }
    let end = i;
    while i > first {
        let pos = a.features(i - 1).pos;
        if pos.is_noun() && !pos.is_number() && !BEFORE_NUMBER.contains(&a.surface(i - 1)) {
            i -= 1;
        } else {
            break;
        }
    }
    if i == end {
        return None;
    }
    // The chain's last two tokens at least (新築マンション平均価格 is named 平均価格 in the
    // body), or its one token.
    let label =
        &a.text[a.tokens[i.max(end.saturating_sub(2))].span.start..a.tokens[end - 1].span.end];
    if label.chars().count() < 2 {
        return None;
    }
    // 体重マイナス10kg / 4.4kg減りました: a signed figure's other value is a change of its
    // direction (not the weight itself, 72.5kg).
    let sign = signed_change(a.text, q.span.start);
    let changes_so = |b: &Quantity| {
        let after = &a.text[b.span.end..];
        match sign {
            None => true,
            Some(up) => {
                let words = if up { INCREASE_AFTER } else { DECREASE_AFTER };
                words.iter().any(|w| after.starts_with(w))
            }
        }
    };
    body.iter()
        .filter(|b| {
            b.unit == q.unit
                && !b.ordinal
                && !b.compatible(&q)
                && same_reckoning(a.text, &q, b)
                && changes_so(b)
        })
        // 0時28分: the minutes of a clock time measure no duration.
        .filter(|b| !(b.unit == "分" && quantity::follows_clock_hour(a.text, b.span.start)))
        .find(|b| {
            // The sentence up to the value, or what the value is written onto
            // (約3万8000件の会員情報).
            sentence_up_to(a.text, b.span.start).contains(label)
                || a.text[b.span.end..]
                    .strip_prefix('の')
                    .is_some_and(|rest| rest.starts_with(label))
        })
        .map(|b| match b.unit.strip_prefix('~') {
            // The span of an open unit's quantity stops before its noun: 980 | 席.
            Some(noun) => Span::new(b.span.start, b.span.end.max(b.core.end + noun.len())),
            None => b.span,
        })
}

/// Whether a season of a year in a headline (来春, 今秋, 来夏) is told by a month of that
/// season in the body: 来春 by 来年3月 or 来年4月 (spring is 3–5月, summer 6–8, autumn 9–11,
/// winter 12–2), 今秋 by 今年10月 or a bare 10月; a season alone (秋ドラマ, 2027年春に開校)
/// by any month of it.
pub(super) fn season_told(unit: &str, text: &str, body: &[Span]) -> bool {
    let mut chars = unit.chars();
    let (year, season) = match (chars.next(), chars.next(), chars.next()) {
        (Some(season), None, None) => (None, season),
        (Some(year), Some(season), None) => (Some(year), season),
        _ => return false,
    };
    let months: &[u32] = match season {
        '春' => &[3, 4, 5],
        '夏' => &[6, 7, 8],
        '秋' => &[9, 10, 11],
        '冬' => &[12, 1, 2],
        _ => return false,
    };
    let (marker, bare, any) = match year {
        None => ("", true, true),
        Some('来') => ("来年", false, false),
        Some('今') => ("今年", true, false),
        Some('昨') => ("昨年", false, false),
        Some(_) => return false,
    };
    body.iter().map(|l| &text[l.range()]).any(|line| {
        line.match_indices('月').any(|(at, _)| {
            let before = &line[..at];
            let digits = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            if digits == 0 || digits > 2 {
                return false;
            }
            let Ok(month) = before[before.len() - digits..].parse::<u32>() else {
                return false;
            };
            let prefix = before[..before.len() - digits].trim_end_matches('の');
            months.contains(&month)
                && (any
                    || prefix.ends_with(marker)
                    || (bare
                        && !prefix.ends_with('年')
                        && !prefix.ends_with(|c: char| c.is_ascii_digit())))
        })
    })
}

/// Whether a headline count of people (2人, 3人) is the number of people one body sentence
/// lists with their ages, as news writes them (長男(12)と長女(9)が重傷: 2人): a count of whom
/// the body names, not a number it must repeat. The list is ages in brackets joined by と, や,
/// 、 or ・ and a short name without a particle (と、助手席の妻(43)).
pub(super) fn people_listed(unit: &str, counter: &str, text: &str, body: &[Span]) -> bool {
    const SEPARATORS: &[&str] = &["と", "や", "、", "・", "及び", "および"];
    /// Characters of the name between two ages.
    const MAX_NAME: usize = 15;
    if counter != "人" {
        return false;
    }
    let Ok(count) = unit.trim_end_matches(counter).parse::<usize>() else {
        return false;
    };
    if count < 2 {
        return false;
    }
    // The ages of a line, as byte ranges.
    let ages = |line: &str| -> Vec<(usize, usize)> {
        line.match_indices('(')
            .filter_map(|(open, _)| bracketed_age(&line[open..]).map(|(_, len)| (open, open + len)))
            .collect()
    };
    let joins = |between: &str| {
        SEPARATORS.iter().any(|sep| {
            between.strip_prefix(sep).is_some_and(|name| {
                let name = name.strip_prefix('、').unwrap_or(name);
                let n = name.chars().count();
                (1..=MAX_NAME).contains(&n)
                    && !name.contains(['。', 'は', 'が', 'を', 'に', 'で', 'も', '('])
            })
        })
    };
    body.iter().any(|line| {
        let line = &text[line.range()];
        let found = ages(line);
        let mut run = 1;
        let mut best = usize::from(!found.is_empty());
        for pair in found.windows(2) {
            run = if joins(&line[pair[0].1..pair[1].0]) {
                run + 1
            } else {
                1
            };
            best = best.max(run);
        }
        best == count
    })
}

/// Whether a headline count in a kanji counter (2校, 3社, 4市, 2中学校) is the number of names
/// ending in that counter which one body sentence lists (高森高校と峰岸高校を統合: 2校; 北山中学校と
/// 西谷中学校: 2中学校): a count of what the body names, not a number it must repeat.
pub(super) fn names_listed(a: &Analysis<'_>, unit: &str, counter: &str, body: &[Span]) -> bool {
    const SEPARATORS: &[&str] = &["と", "や", "、", "・", "及び", "および"];
    /// Tokens between two names of a list: the second name's own words (県立, 峰岸).
    const MAX_GAP: usize = 6;
    if counter.is_empty() || !counter.chars().all(is_kanji) {
        return false;
    }
    let digits = unit.trim_end_matches(counter);
    let Ok(count) = digits.parse::<usize>() else {
        return false;
    };
    if count < 2 {
        return false;
    }
    // A name ends in the counter and has more than it: 高校, not 校 alone, for 2校; 北山|中学校
    // (a noun written onto the counter's word) for 2中学校.
    let length = counter.chars().count();
    let name = |i: usize| {
        let w = a.surface(i);
        let more = w.chars().count() > length
            || (length > 1
                && i > 0
                && a.tokens[i - 1].span.end == a.tokens[i].span.start
                && a.features(i - 1).pos.is_noun());
        w.ends_with(counter) && more && a.features(i).pos.is_noun()
    };
    body.iter().any(|&line| {
        // Two names at least: the counter twice in the line.
        if a.text[line.range()].matches(counter).nth(1).is_none() {
            return false;
        }
        let r = a.within(line);
        let mut best = 0;
        let mut i = r.start;
        while i < r.end {
            if !name(i) {
                i += 1;
                continue;
            }
            // Follow the list from this name.
            let mut items = 1;
            let mut at = i;
            loop {
                let next = at + 1;
                if next >= r.end || !SEPARATORS.contains(&a.surface(next)) {
                    break;
                }
                let Some(following) = (next + 1..r.end.min(next + 1 + MAX_GAP))
                    .take_while(|&k| a.surface(k) != "。" && !a.features(k).pos.is_particle())
                    .find(|&k| name(k))
                else {
                    break;
                };
                items += 1;
                at = following;
            }
            best = best.max(items);
            i = at + 1;
        }
        best == count
    })
}
