//! What a headline number is supported by besides the same number in the body: a rounded
//! value, an age in brackets, a duration between clock times, a difference of two values, a
//! count a heading's own section uses, a count of the article's own items, the other
//! spelling of an ordinal. Kept apart from what the kind decides (`mod.rs`).

use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::document::Document;
use crate::lang::ja::quantity::{self, Quantity};
use crate::lang::ja::{LexiconId, Lexicons};
use crate::span::Span;

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
/// `rank-words`: ベスト5) and the article enumerates that many.
pub(super) fn counts_items(
    text: &str,
    span: Span,
    counts: &FastHashSet<usize>,
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
    (ranked || counted) && counts.contains(&n)
}

/// Whether a headline number (`42億円`, `2割増`, `約3万人`) is, rounded as written, a value
/// the body states in the same unit: 42億円 has two significant digits, so it stands for
/// 41.5億 to 42.5億 and 42億3000万円 supports it.
pub(super) fn rounds_to_body(unit: &str, body: &BodyValues) -> bool {
    let found = quantity::find(unit);
    let [q] = found.as_slice() else {
        return false;
    };
    if q.ordinal || q.unit.is_empty() || q.unit == "日付" {
        return false;
    }
    // 2割 is 15-25%; otherwise at most 5% either way (100人 is not 120人).
    let cap = if unit.contains('割') {
        5.0
    } else {
        q.value.abs() * 0.05
    };
    let half = (rounding_step(q.value) / 2.0).min(cap);
    let (low, high) = (q.low - half, q.high + half);
    body.overlaps(&q.unit, low, high)
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
        let mut rest = line;
        while let Some(open) = rest.find('(') {
            let before = rest[..open].chars().next_back();
            let after = &rest[open + 1..];
            let digits = after.bytes().take_while(u8::is_ascii_digit).count();
            let name_like = before.is_some_and(
                |c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '々'),
            );
            if name_like
                && (1..=3).contains(&digits)
                && after[digits..].starts_with(')')
                && let Ok(age) = after[..digits].parse::<f64>()
            {
                ages.push(age);
            }
            rest = after;
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
}

static CLOCK: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(午前|午後)?([0-9]{1,2})(?:時(?:([0-9]{1,2})分|(半))?|:([0-9]{2}))")
        .expect("valid regex")
});

impl Derivable {
    const MAX_TIMES: usize = 64;
    const MAX_VALUES: usize = 512;

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
        for (i, &a) in d.clock.iter().enumerate() {
            d.spans
                .extend(d.clock[i + 1..].iter().map(|&b| a.abs_diff(b)));
        }
        d.spans.sort_unstable();
        d
    }

    /// Whether a headline number is a duration between two body clock times (to the hour it
    /// is written in, 半 and 余り read) or, marked by a `difference-words` word (7差, 5人届かず),
    /// a difference of two body values of its unit.
    pub(super) fn supports(&self, text: &str, span: Span, lexicons: &Lexicons) -> bool {
        let unit = &text[span.range()];
        let found = quantity::find(unit);
        let [q] = found.as_slice() else {
            return false;
        };
        if q.ordinal {
            return false;
        }
        let words = lexicons.get(LexiconId::DifferenceWords);
        let after = text[span.end..].trim_start_matches(['に', 'も']);
        let difference = words
            .iter()
            .any(|w| unit.trim_end_matches(['後', '前']).ends_with(w) || after.starts_with(w));
        if difference {
            let Some(values) = self.values.get(&q.unit) else {
                return false;
            };
            return values.iter().any(|&x| {
                let y = x + q.value;
                let i = values.partition_point(|&v| v < y - 1e-9);
                values.get(i).is_some_and(|&v| (v - y).abs() < 1e-9)
            });
        }
        // Minutes the headline allows.
        let (low, high) = match q.unit.as_str() {
            "時間" => {
                // Written to the hour (or half hour): 3時間 is 2時間半 to 3時間半.
                // 7時間半: 半 is a token of its own after the unit.
                let half = if unit.contains('半') || text[span.end..].starts_with('半') {
                    30.0
                } else {
                    0.0
                };
                let high = if q.high.is_finite() {
                    q.high
                } else {
                    q.value + 1.0
                };
                let slack = if half > 0.0 { 15.0 } else { 30.0 };
                (q.low * 60.0 + half - slack, high * 60.0 + half + slack)
            }
            "分" => (q.low - 5.0, q.high.min(q.value + 30.0) + 5.0),
            _ => return false,
        };
        let i = self.spans.partition_point(|&d| f64::from(d) < low);
        self.spans.get(i).is_some_and(|&d| f64::from(d) <= high)
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
