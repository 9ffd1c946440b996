//! Quantities written in Japanese text: a number (Arabic or kanji numerals, with 万/億/兆),
//! its hedges (約, 超, 以上, 前後, …) and its counter or unit (人, 円, %, 割, 日, …), read
//! as an interval of values so that two mentions can be compared: 約500人 is compatible with
//! 512人, 2割 with 20%, 1万人 with 10,000人 and 一万人, 3〜5日 with 4日, 2万円台 with 2万9800円,
//! and 42億3000万円 is not 43億2000万円.
//!
//! Text is the NFKC analysis text (full-width digits are already ASCII). Kanji numerals are
//! read only when a counter follows and no kanji precedes them (一部, 統一 and 三菱 are not
//! numbers).

use std::sync::LazyLock;

use regex::Regex;

use super::is_kanji;
use crate::span::Span;

/// What a quantity counts, normalised: `人`, `円`, `%`, `日付`, … Counters that mean the
/// same are one unit (割 is read as %, か所/ヶ所/箇所 as カ所, 度目/回目 as 回目).
pub type Unit = String;

/// A quantity in text.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The whole expression: hedges, number and counter (約42億3000万円).
    pub span: Span,
    /// Just the number and counter (42億3000万円), what a message quotes.
    pub core: Span,
    pub unit: Unit,
    /// The value as written, in the unit (円, not 万円).
    pub value: f64,
    /// The values the expression allows: equal to `value` for an exact number, wider for 約,
    /// 超, 以上, 台, ranges.
    pub low: f64,
    pub high: f64,
    /// An ordinal (2度目, 3例目, 第5回, 2位): a position, not an amount.
    pub ordinal: bool,
    /// The place of the last digit written, in the unit: 1 for 78%, 0.01 for 1.12倍, 1万
    /// for 1,480万円, 1000万 for 1.5億円. A value written with a coarser step may be the other
    /// one rounded (平均倍率1.1倍 / 1.12倍).
    pub step: f64,
}

/// The most a rounded value may differ from the value it rounds, as a share of the larger.
const MAX_ROUNDING: f64 = 0.1;

impl Quantity {
    /// Whether two quantities of the same unit can describe the same value: their intervals
    /// meet; or both are one-sided bounds (5自治体以内 / 6自治体以上: thresholds of a rule,
    /// not two values of one thing); or one is the other rounded to the place of its last
    /// digit (1.1倍 / 1.12倍, 78% / 78.4%; not 27点 / 24点, written to the same place), and at
    /// most a tenth from it (1万人 / 9,800人; not 1万人 / 8,000人).
    pub fn compatible(&self, other: &Quantity) -> bool {
        if self.unit != other.unit || (self.low <= other.high && other.low <= self.high) {
            return true;
        }
        if self.one_sided() && other.one_sided() {
            return true;
        }
        let coarser = self.step.max(other.step);
        let difference = (self.value - other.value).abs();
        self.exact()
            && other.exact()
            && !self.is_date()
            && !self.ordinal
            && self.step != other.step
            && difference <= coarser / 2.0 * (1.0 + 1e-9)
            // 1万人 is 9,800人 rounded, not 8,000人 (a quarter off): rounding moves a value by
            // at most a tenth.
            && difference <= self.value.abs().max(other.value.abs()) * MAX_ROUNDING
    }

    /// The quantity with a hedge written after a counter the reader did not know (5自治体
    /// 以内: `after` is the text after 自治体); itself when none follows or it is hedged already.
    pub fn hedged_after(&self, after: &str) -> Quantity {
        let mut q = self.clone();
        if !q.exact() {
            return q;
        }
        // The counter is the noun the reader did not know: no counter of its own.
        if let Some((word, hedge)) = suffix_hedge(after, "") {
            (q.low, q.high) = bounds(q.value, hedge);
            q.span.end += word.len();
        }
        q
    }

    /// The quantity as a floor: its value or more (a threshold crossed: 12万部突破).
    pub fn at_least(&self) -> Quantity {
        let mut q = self.clone();
        (q.low, q.high) = bounds(q.value, Hedge::AtLeast);
        q
    }

    /// Whether it is a bound open on one side (5人以上, 3日以内, 最大8時間).
    fn one_sided(&self) -> bool {
        self.low == f64::NEG_INFINITY || self.high == f64::INFINITY
    }

    /// Whether the value is stated exactly (no hedge, no range).
    pub fn exact(&self) -> bool {
        self.low == self.high
    }

    /// Whether it is a point in time (2025年3月14日, 2030年, 7月, 23日), not an amount.
    pub fn is_date(&self) -> bool {
        matches!(self.unit.as_str(), "日付" | "年" | "月" | "日")
    }
}

/// A number, optionally with 万/億/兆 groups, in digits or kanji.
static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<num>",
        // Arabic, with thousands separators and decimals, and myriad groups: 42億3000万, 1兆500億
        r"(?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[兆億万千](?:[0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?(?:[億万千])?)*)?)",
        r"|(?:[一二三四五六七八九十百千万億兆〇]+)",
        r")"
    ))
    .expect("valid number regex")
});

/// Hedges before a number, and how wide they make it.
const PREFIX_HEDGES: &[(&str, Hedge)] = &[
    ("およそ", Hedge::About),
    ("約", Hedge::About),
    ("概ね", Hedge::About),
    ("おおむね", Hedge::About),
    ("ほぼ", Hedge::About),
    ("推定", Hedge::About),
    ("最大", Hedge::AtMost),
    ("最高", Hedge::AtMost),
    ("最低", Hedge::AtLeast),
    ("少なくとも", Hedge::AtLeast),
    ("最短", Hedge::AtLeast),
    ("最速", Hedge::Exact),
];

/// Hedges after the counter.
const SUFFIX_HEDGES: &[(&str, Hedge)] = &[
    ("以上", Hedge::AtLeast),
    ("超え", Hedge::AtLeast),
    ("を超え", Hedge::AtLeast),
    ("超", Hedge::AtLeast),
    ("強", Hedge::AtLeast),
    ("余り", Hedge::AtLeast),
    ("あまり", Hedge::AtLeast),
    ("以下", Hedge::AtMost),
    ("未満", Hedge::AtMost),
    ("以内", Hedge::AtMost),
    ("弱", Hedge::AtMost),
    ("近く", Hedge::AtMost),
    ("近い", Hedge::AtMost),
    ("足らず", Hedge::AtMost),
    ("前後", Hedge::About),
    ("程度", Hedge::About),
    ("ほど", Hedge::About),
    ("ぐらい", Hedge::About),
    ("くらい", Hedge::About),
    ("台", Hedge::Decade),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Hedge {
    Exact,
    About,
    AtLeast,
    AtMost,
    /// 2万円台: from the value to the next step of its leading digit.
    Decade,
}

/// Counters and units, longest first within a shared prefix; the second element is the
/// normalised unit; ordinals are marked.
const COUNTERS: &[(&str, &str, bool)] = &[
    ("パーセント", "%", false),
    ("ポイント", "ポイント", false),
    ("%", "%", false),
    ("割", "%", false),
    ("兆円", "円", false),
    ("億円", "円", false),
    ("万円", "円", false),
    ("千円", "円", false),
    ("円", "円", false),
    ("ドル", "ドル", false),
    ("ユーロ", "ユーロ", false),
    ("万人", "人", false),
    ("人", "人", false),
    ("名", "人", false),
    ("世帯", "世帯", false),
    ("歳", "歳", false),
    ("件", "件", false),
    ("例目", "例目", true),
    ("例", "例", false),
    ("度目", "回目", true),
    ("回目", "回目", true),
    ("勝目", "勝目", true),
    ("度", "度", false),
    ("回", "回", false),
    ("勝", "勝", false),
    ("敗", "敗", false),
    ("位", "位", true),
    ("倍", "倍", false),
    ("票", "票", false),
    ("議席", "議席", false),
    ("カ所", "カ所", false),
    ("か所", "カ所", false),
    ("ヶ所", "カ所", false),
    ("ケ所", "カ所", false),
    ("箇所", "カ所", false),
    ("カ国", "カ国", false),
    ("か国", "カ国", false),
    ("ヶ国", "カ国", false),
    ("カ月", "カ月", false),
    ("か月", "カ月", false),
    ("ヶ月", "カ月", false),
    ("時間", "時間", false),
    ("分間", "分", false),
    ("分", "分", false),
    ("秒", "秒", false),
    ("日間", "日間", false),
    ("週間", "週間", false),
    ("年間", "年間", false),
    ("年ぶり", "年ぶり", false),
    // An interval since the last time (3日ぶりの反発, 2週間ぶり): not a date or a duration;
    // trading days count as days (3営業日ぶり).
    ("営業日ぶり", "日ぶり", false),
    ("日ぶり", "日ぶり", false),
    ("週間ぶり", "週ぶり", false),
    ("週ぶり", "週ぶり", false),
    ("カ月ぶり", "カ月ぶり", false),
    ("か月ぶり", "カ月ぶり", false),
    ("ヶ月ぶり", "カ月ぶり", false),
    ("つ", "つ", false),
    ("個", "個", false),
    ("台", "台", false),
    ("本", "本", false),
    ("枚", "枚", false),
    ("社", "社", false),
    ("校", "校", false),
    ("店", "店", false),
    ("店舗", "店", false),
    ("棟", "棟", false),
    ("戸", "戸", false),
    ("隻", "隻", false),
    ("機", "機", false),
    ("頭", "頭", false),
    ("匹", "匹", false),
    ("点", "点", false),
    ("駅", "駅", false),
    ("路線", "路線", false),
    // A unit written with a prefix is one unit, read whole before the bare prefix (キロワット
    // is kW, not km; ミリリットル is mL, not mm), and every spelling of it is one unit
    // (14万kW / 14万キロワット, 5L / 5リットル, 50㎡ / 50平方メートル; ㎡ is m2 after NFKC).
    ("kWh", "kWh", false),
    ("キロワット時", "kWh", false),
    ("キロワットアワー", "kWh", false),
    ("Wh", "Wh", false),
    ("ワット時", "Wh", false),
    ("kW", "kW", false),
    ("キロワット", "kW", false),
    ("MW", "MW", false),
    ("メガワット", "MW", false),
    ("ギガワット", "GW", false),
    ("W", "W", false),
    ("ワット", "W", false),
    ("kcal", "kcal", false),
    ("キロカロリー", "kcal", false),
    ("mL", "mL", false),
    ("ml", "mL", false),
    ("ミリリットル", "mL", false),
    ("キロリットル", "kL", false),
    ("L", "L", false),
    ("リットル", "L", false),
    ("ha", "ha", false),
    ("ヘクタール", "ha", false),
    ("アール", "a", false),
    ("m2", "m2", false),
    ("平方メートル", "m2", false),
    ("km2", "km2", false),
    ("平方キロメートル", "km2", false),
    ("平方キロ", "km2", false),
    ("hPa", "hPa", false),
    ("kPa", "kPa", false),
    ("MPa", "MPa", false),
    ("Pa", "Pa", false),
    ("パスカル", "Pa", false),
    ("mmHg", "mmHg", false),
    ("lm", "lm", false),
    ("ルーメン", "lm", false),
    ("V", "V", false),
    ("ボルト", "V", false),
    ("Ah", "Ah", false),
    ("rpm", "rpm", false),
    ("fps", "fps", false),
    ("ppi", "ppi", false),
    ("dpi", "dpi", false),
    ("画素", "画素", false),
    ("ヘクトパスカル", "hPa", false),
    ("Hz", "Hz", false),
    ("ヘルツ", "Hz", false),
    ("kHz", "kHz", false),
    ("キロヘルツ", "kHz", false),
    ("MHz", "MHz", false),
    ("メガヘルツ", "MHz", false),
    ("GHz", "GHz", false),
    ("ギガヘルツ", "GHz", false),
    ("dB", "dB", false),
    ("デシベル", "dB", false),
    ("mSv", "mSv", false),
    ("ミリシーベルト", "mSv", false),
    ("μSv", "μSv", false),
    ("マイクロシーベルト", "μSv", false),
    ("ms", "ms", false),
    ("ミリ秒", "ms", false),
    ("KB", "KB", false),
    ("キロバイト", "KB", false),
    ("MB", "MB", false),
    ("メガバイト", "MB", false),
    ("ギガバイト", "GB", false),
    ("テラバイト", "TB", false),
    ("Mbps", "Mbps", false),
    ("Gbps", "Gbps", false),
    ("km", "km", false),
    ("キロメートル", "km", false),
    ("キロ", "km", false),
    ("センチメートル", "cm", false),
    ("ミリメートル", "mm", false),
    ("m", "m", false),
    ("メートル", "m", false),
    ("cm", "cm", false),
    ("mm", "mm", false),
    ("kg", "kg", false),
    ("キログラム", "kg", false),
    ("mg", "mg", false),
    ("ミリグラム", "mg", false),
    ("g", "g", false),
    ("グラム", "g", false),
    ("トン", "t", false),
    ("t", "t", false),
    ("GB", "GB", false),
    ("TB", "TB", false),
    ("ギガ", "GB", false),
    ("テラ", "TB", false),
    ("mAh", "mAh", false),
    ("インチ", "インチ", false),
    ("型", "型", false),
    ("℃", "℃", false),
    ("度C", "℃", false),
    ("ミリ", "mm", false),
    ("センチ", "cm", false),
    ("年", "年", false),
    ("月", "月", false),
    ("日", "日", false),
];

/// The counter a text starts with (the longest), normalised, and whether it is ordinal.
fn counter_at(rest: &str) -> Option<(&'static str, &'static str, bool)> {
    COUNTERS
        .iter()
        // A unit in Latin letters ends where the letters end: 3LDK is not 3 litres, 5min
        // not 5 metres.
        .filter(|(c, _, _)| {
            rest.strip_prefix(c).is_some_and(|after| {
                !(c.ends_with(|l: char| l.is_ascii_alphabetic())
                    && after.starts_with(|l: char| l.is_ascii_alphabetic()))
            })
        })
        .max_by_key(|(c, _, _)| c.len())
        .copied()
}

/// Multipliers written inside a number or as part of the counter (億円).
fn multiplier(c: char) -> Option<f64> {
    match c {
        '千' => Some(1e3),
        '万' => Some(1e4),
        '億' => Some(1e8),
        '兆' => Some(1e12),
        _ => None,
    }
}

/// Kanji that may follow the 半 of 2年半 (2年半前, 1時間半後, 3カ月半ぶり is kana): before, after,
/// about, more or less. Any other kanji makes 半 the start of a word (半導体, 半期).
const HALF_FOLLOWERS: [char; 9] = ['前', '後', '以', '程', '余', '近', '超', '強', '弱'];

/// Every quantity in `text`, left to right. Dates (2025年3月14日, 3月14日) are one quantity
/// with unit `日付`.
pub fn find(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(m) = NUMBER.find_at(text, from) {
        let (start, end) = (m.start(), m.end());
        from = end.max(start + 1);
        if let Some(q) = date_at(text, start).or_else(|| race_time_at(text, start)) {
            from = q.span.end;
            out.push(q);
            continue;
        }
        if let Some(q) = quantity_at(text, start, end) {
            from = from.max(q.span.end);
            out.push(q);
        }
    }
    out
}

/// Whether a number starting at byte `at` of `text` is the minutes of a clock time (7時30分,
/// 0時28分): it follows a digit and 時. A point in time, not an amount.
pub fn follows_clock_hour(text: &str, at: usize) -> bool {
    text[..at]
        .strip_suffix('時')
        .is_some_and(|hour| hour.ends_with(|c: char| c.is_ascii_digit()))
}

/// `2時間13分05秒`, `4分31秒2`, `13秒52`: a time to the second, as a race or a record
/// states it, one value in seconds (unit 秒); 2時間13分 without seconds is read piece by piece.
fn race_time_at(text: &str, start: usize) -> Option<Quantity> {
    static TIME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:(?:(?P<h>[0-9]{1,2})時間)?(?P<m>[0-9]{1,3})分)?(?P<s>[0-9]{1,2})秒(?P<f>[0-9]{1,2})?",
        )
        .expect("valid race time regex")
    });
    if preceded_by_digit(text, start) {
        return None;
    }
    let caps = TIME.captures(&text[start..])?;
    // 13秒52 needs its hundredths; 05秒 alone is any count of seconds, read as usual.
    if caps.name("m").is_none() && caps.name("f").is_none() {
        return None;
    }
    let part = |name: &str| {
        caps.name(name)
            .map_or(Ok(0.0), |m| m.as_str().parse::<f64>())
    };
    let fraction = caps.name("f").map(|m| m.as_str());
    let hundredths = match fraction {
        Some(f) => f.parse::<f64>().ok()? / 10f64.powi(f.len() as i32),
        None => 0.0,
    };
    let value = part("h").ok()? * 3600.0 + part("m").ok()? * 60.0 + part("s").ok()? + hundredths;
    let span = Span::new(start, start + caps.get(0)?.end());
    let step = fraction.map_or(1.0, |f| 10f64.powi(-(f.len() as i32)));
    Some(Quantity {
        span,
        core: span,
        unit: "秒".into(),
        value,
        low: value,
        high: value,
        ordinal: false,
        step,
    })
}

/// `2025年3月14日`, `3月14日`: a calendar date as one value (year optional).
fn date_at(text: &str, start: usize) -> Option<Quantity> {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?P<d>[0-9]{1,2})日")
            .expect("valid date regex")
    });
    if preceded_by_digit(text, start) {
        return None;
    }
    let caps = DATE.captures(&text[start..])?;
    let month: u32 = caps["m"].parse().ok()?;
    let day: u32 = caps["d"].parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let whole = caps.get(0)?;
    let value = f64::from(month * 100 + day);
    let span = Span::new(start, start + whole.end());
    Some(Quantity {
        span,
        core: span,
        unit: "日付".into(),
        value,
        low: value,
        high: value,
        ordinal: false,
        step: 1.0,
    })
}

/// Whether the text before `at` ends inside a number (a digit, or a point or comma after a
/// digit): the match at `at` is the tail of a longer number. A point after a letter ends an
/// abbreviation (Ver.1.5, H.264, No.3): the number after it stands alone.
pub fn preceded_by_digit(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        Some(c) if c.is_ascii_digit() => true,
        Some('.' | ',') => before.next().is_some_and(|c| c.is_ascii_digit()),
        _ => false,
    }
}

fn quantity_at(text: &str, start: usize, end: usize) -> Option<Quantity> {
    let number = &text[start..end];
    if preceded_by_digit(text, start) {
        return None;
    }
    let kanji = !number.starts_with(|c: char| c.is_ascii_digit());
    // A lone kanji digit after a kanji is part of a word (統一, 同一人物); 例年八万人 is not.
    if kanji
        && number.chars().count() == 1
        && text[..start].chars().next_back().is_some_and(is_kanji)
    {
        return None;
    }
    let mut value = parse_number(number)?;
    let rest = &text[end..];
    // 3〜5日: a bare number before a range takes the counter after the range's end.
    let range_counter = || {
        let r = rest.strip_prefix(['〜', '~', '～'])?;
        let m = NUMBER.find(r).filter(|m| m.start() == 0)?;
        counter_at(&r[m.end()..])
    };
    let (counter, unit, ordinal) = counter_at(rest)
        .map(|c| (c.0, c.1, c.2))
        .or_else(|| range_counter().map(|_| ("", "", false)))
        .unwrap_or(("", "", false));
    let (unit, ordinal) = match (unit, range_counter()) {
        ("", Some((_, u, o))) => (u, o),
        _ => (unit, ordinal),
    };
    if kanji && counter.is_empty() {
        return None;
    }
    // 十分 (enough) and 十分に are a word, not ten minutes.
    if number == "十" && counter == "分" {
        return None;
    }
    // 億円, 万人, 割: the counter's own multiplier.
    let scale = counter_step(counter);
    value *= scale;
    let step = last_digit_step(number) * scale;
    let mut ordinal = ordinal;
    let mut qstart = start;
    // 第5回, 第3章: an ordinal whatever the counter.
    if text[..start].ends_with('第') {
        ordinal = true;
        qstart -= '第'.len_utf8();
    }
    // 2時間半, 1年半, 3カ月半, 2年半前: half a unit more (not 2025年半導体, 3年半ば: 半
    // starting a word; a kanji after it only when it says before, after or about).
    let mut counter_end = end + counter.len();
    let mut step = step;
    if matches!(unit, "時間" | "年" | "カ月" | "日" | "分" | "週間")
        && !ordinal
        && let Some(after) = text[counter_end..].strip_prefix('半')
        && (after.starts_with(HALF_FOLLOWERS)
            || !after.starts_with(|c: char| is_kanji(c) || c == 'ば'))
    {
        value += 0.5;
        step = step.min(0.5);
        counter_end += '半'.len_utf8();
    }
    let core = Span::new(qstart, counter_end);
    let mut hedge = Hedge::Exact;
    let before = &text[..qstart];
    let mut span_start = qstart;
    for &(word, h) in PREFIX_HEDGES {
        if let Some(head) = before.strip_suffix(word) {
            hedge = h;
            span_start = head.len();
            break;
        }
    }
    let mut span_end = core.end;
    let after = &text[core.end..];
    // A range: 3〜5日, 3~5日, 3-5日.
    let mut high_value = None;
    for sep in ['〜', '~', '～', '-', '－'] {
        if let Some(r) = after.strip_prefix(sep)
            && let Some(m) = NUMBER.find(r)
            && m.start() == 0
            && let Some(v) = parse_number(m.as_str())
        {
            let mut v = v;
            let r2 = &r[m.end()..];
            if r2.starts_with(counter) || counter.is_empty() {
                let counter = if counter.is_empty() {
                    counter_at(r2).map_or("", |c| c.0)
                } else {
                    counter
                };
                v *= counter_step(counter);
                high_value = Some(v);
                span_end = core.end + sep.len_utf8() + m.end() + counter.len();
                break;
            }
        }
    }
    if high_value.is_none()
        && let Some((word, h)) = suffix_hedge(&text[span_end..], counter)
    {
        hedge = if hedge == Hedge::Exact { h } else { hedge };
        span_end += word.len();
    }
    let (low, high) = match high_value {
        Some(h) => (value.min(h), value.max(h)),
        None => bounds(value, hedge),
    };
    Some(Quantity {
        span: Span::new(span_start, span_end),
        core,
        unit: unit.to_string(),
        value,
        low,
        high,
        ordinal,
        step,
    })
}

/// The place of a written number's last digit, before the counter's own multiplier: 1 for
/// 1,480 and 42億3000 (the digits end the number), 1万 for 1,480万, 0.1 for 1.5 and 1000万
/// for 1.5億. Kanji numerals are exact counts: 1.
fn last_digit_step(number: &str) -> f64 {
    let Some(last) = number.rfind(|c: char| c.is_ascii_digit()) else {
        return 1.0;
    };
    let group: f64 = number[last..].chars().filter_map(multiplier).product();
    let digits = &number[..=last];
    let decimals = match digits.rfind(|c: char| !c.is_ascii_digit()) {
        Some(at) if digits[at..].starts_with('.') => digits.len() - at - 1,
        _ => 0,
    };
    group * 10f64.powi(-(decimals as i32))
}

/// The hedge written at the start of `after`, the text after a number and its `counter`. 台
/// right after a number (no counter) is the counter 台 (3台の車), not 2万円台.
fn suffix_hedge(after: &str, counter: &str) -> Option<(&'static str, Hedge)> {
    SUFFIX_HEDGES
        .iter()
        .copied()
        .find(|&(word, _)| after.starts_with(word) && !(word == "台" && counter.is_empty()))
}

/// The multiplier a counter puts on the number written before it (億円: 1億, 割: 10%).
fn counter_step(counter: &str) -> f64 {
    if counter == "割" {
        return 10.0;
    }
    match counter.chars().next().and_then(multiplier) {
        Some(m) if counter.len() > '万'.len_utf8() => m,
        _ => 1.0,
    }
}

/// The values a hedge allows around `value`.
fn bounds(value: f64, hedge: Hedge) -> (f64, f64) {
    match hedge {
        Hedge::Exact => (value, value),
        // 約500人 may be 512, but 約3万8000人 is not 約3万2000人: an approximation is wide by
        // a tenth, and at most by one and a half steps of its last significant digit.
        Hedge::About => {
            let half = (value.abs() * 0.1).min(1.5 * significant_step(value));
            (value - half, value + half)
        }
        Hedge::AtLeast => (value, f64::INFINITY),
        Hedge::AtMost => (f64::NEG_INFINITY, value),
        // 2万円台 is 2万 up to, not including, 3万.
        Hedge::Decade => (value, value + leading_step(value) * (1.0 - 1e-9)),
    }
}

/// The place of a number's last non-zero digit: 3万8000 → 1000, 500 → 100, 512 → 1, 1.12 →
/// 0.01 (a value of many digits, or zero, gives its own magnitude's smallest step tried).
fn significant_step(value: f64) -> f64 {
    let value = value.abs();
    if value == 0.0 || !value.is_finite() {
        return f64::INFINITY;
    }
    let top = value.log10().floor() as i32;
    (-6..=top)
        .rev()
        .map(|k| 10f64.powi(k))
        .find(|&p| {
            let q = value / p;
            (q - q.round()).abs() < 1e-6 * q.max(1.0)
        })
        .unwrap_or(1e-6)
}

/// The step of a number's leading digit: 2万 → 1万, 300 → 100 (for 2万円台 = 2万..3万).
fn leading_step(value: f64) -> f64 {
    if value <= 0.0 {
        return 1.0;
    }
    10f64.powi(value.log10().floor() as i32)
}

/// Parses Arabic numbers with separators, decimals and 万/億/兆 groups (42億3000万), and kanji
/// numerals (八万, 二十五, 千五百, 三).
pub fn parse_number(s: &str) -> Option<f64> {
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        let mut total = 0.0;
        let mut digits = String::new();
        for c in s.chars() {
            match c {
                '0'..='9' | '.' => digits.push(c),
                ',' => {}
                c => {
                    let m = multiplier(c)?;
                    let n: f64 = if digits.is_empty() {
                        1.0
                    } else {
                        digits.parse().ok()?
                    };
                    total += n * m;
                    digits.clear();
                }
            }
        }
        if !digits.is_empty() {
            total += digits.parse::<f64>().ok()?;
        }
        return Some(total);
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut digit: Option<f64> = None;
    for c in s.chars() {
        let d = match c {
            '〇' => Some(0.0),
            '一' => Some(1.0),
            '二' => Some(2.0),
            '三' => Some(3.0),
            '四' => Some(4.0),
            '五' => Some(5.0),
            '六' => Some(6.0),
            '七' => Some(7.0),
            '八' => Some(8.0),
            '九' => Some(9.0),
            _ => None,
        };
        if let Some(d) = d {
            digit = Some(digit.unwrap_or(0.0) * 10.0 + d);
            continue;
        }
        let small = match c {
            '十' => Some(10.0),
            '百' => Some(100.0),
            '千' => Some(1000.0),
            _ => None,
        };
        if let Some(m) = small {
            section += digit.take().unwrap_or(1.0) * m;
            continue;
        }
        let big = multiplier(c)?;
        section += digit.take().unwrap_or(0.0);
        if section == 0.0 {
            section = 1.0;
        }
        total += section * big;
        section = 0.0;
    }
    Some(total + section + digit.unwrap_or(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quantity {
        let found = find(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn numbers_in_every_spelling() {
        assert_eq!(parse_number("42億3000万"), Some(4_230_000_000.0));
        assert_eq!(parse_number("1兆500億"), Some(1_050_000_000_000.0));
        assert_eq!(parse_number("3万9800"), Some(39_800.0));
        assert_eq!(parse_number("10,000"), Some(10_000.0));
        assert_eq!(parse_number("41.37"), Some(41.37));
        assert_eq!(parse_number("八万"), Some(80_000.0));
        assert_eq!(parse_number("一万"), Some(10_000.0));
        assert_eq!(parse_number("二十五"), Some(25.0));
        assert_eq!(parse_number("千五百"), Some(1500.0));
        assert_eq!(parse_number("三"), Some(3.0));
        assert_eq!(parse_number("二〇二五"), Some(2025.0));
    }

    #[test]
    fn a_time_to_the_second_is_one_value_in_seconds() {
        let value = |text: &'static str| {
            let q = one(text);
            (q.unit, q.value, &text[q.span.range()])
        };
        assert_eq!(value("記録は13秒52だった"), ("秒".into(), 13.52, "13秒52"));
        assert_eq!(
            value("タイムは2時間13分05秒で"),
            ("秒".into(), 7985.0, "2時間13分05秒")
        );
        assert_eq!(value("4分31秒2で"), ("秒".into(), 271.2, "4分31秒2"));
        // Seconds alone are a count like any other; hours and minutes without seconds are
        // read piece by piece.
        assert_eq!(value("約30秒で"), ("秒".into(), 30.0, "約30秒"));
        let pieces: Vec<String> = find("2時間13分で").iter().map(|q| q.unit.clone()).collect();
        assert_eq!(pieces, ["時間", "分"]);
    }

    #[test]
    fn a_half_written_onto_a_unit_of_time_is_half_a_unit_more() {
        let value = |text: &str| {
            let q = one(text);
            (q.unit, q.value, q.core.end - q.core.start)
        };
        assert_eq!(
            value("上映は2時間半だった"),
            ("時間".into(), 2.5, "2時間半".len())
        );
        assert_eq!(value("1年半ぶりに"), ("年".into(), 1.5, "1年半".len()));
        assert_eq!(
            value("3カ月半の工事"),
            ("カ月".into(), 3.5, "3カ月半".len())
        );
        // 半 starting a word is not a half.
        assert_eq!(value("3年半ばに"), ("年".into(), 3.0, "3年".len()));
        assert_eq!(value("5年半導体事業"), ("年".into(), 5.0, "5年".len()));
        // Before, after: a half still.
        assert_eq!(value("2年半前から"), ("年".into(), 2.5, "2年半".len()));
        assert_eq!(value("1時間半後に"), ("時間".into(), 1.5, "1時間半".len()));
        // Nor after another unit.
        assert_eq!(value("3割半ば"), ("%".into(), 30.0, "3割".len()));
    }

    #[test]
    fn units_and_values() {
        let q = one("総額は42億3000万円で");
        assert_eq!((q.unit.as_str(), q.value), ("円", 4_230_000_000.0));
        assert!(q.exact());
        let q = one("投票率は41.37%で");
        assert_eq!((q.unit.as_str(), q.value), ("%", 41.37));
        assert_eq!(one("2割が").value, 20.0);
        assert_eq!(one("2割が").unit, "%");
        assert_eq!(one("例年八万人が").value, 80_000.0);
        assert_eq!(one("一万人が").value, 10_000.0);
        assert_eq!(one("10,000人が").value, 10_000.0);
        assert_eq!(one("1万人が").value, 10_000.0);
        assert_eq!(one("三つの").unit, "つ");
        assert!(one("世界で3例目").ordinal);
        assert!(one("通算3度目の").ordinal);
        assert_eq!(one("通算3度目の").unit, "回目");
        assert!(one("第5回大会").ordinal);
        assert_eq!(one("19カ所").unit, "カ所");
        assert_eq!(one("19か所").unit, "カ所");
        // ギガ is how a headline writes GB (20ギガで月3000円).
        assert_eq!(one("20ギガで").unit, "GB");
        assert_eq!(one("20ギガで").value, one("20GBの").value);
        // 50店舗 and 50店 count the same stores.
        assert_eq!(one("50店舗を").unit, one("50店を").unit);
        // 十分 is enough, not ten minutes; 十五分 is minutes.
        assert!(find("毎日15分で十分です").iter().all(|q| q.value == 15.0));
        assert_eq!(one("それで十分だ。あと十五分で").value, 15.0);
        // An interval since the last time is neither a day of the month nor a duration;
        // trading days count as days.
        assert_eq!(one("3日ぶりに反発").unit, "日ぶり");
        assert_eq!(one("3営業日ぶりに反発").unit, "日ぶり");
        assert_eq!(one("2週間ぶり").unit, one("2週ぶり").unit);
        assert_eq!(one("5か月ぶり").unit, "カ月ぶり");
        assert_ne!(one("3日ぶり").unit, one("19日の").unit);
    }

    #[test]
    fn a_number_after_an_abbreviation_stands_alone() {
        assert_eq!(one("Ver.1.5の配信").value, 1.5);
        assert_eq!(one("H.264に対応").value, 264.0);
        // A point or comma after a digit continues the number.
        assert_eq!(one("1,480万円").value, 14_800_000.0);
        assert_eq!(one("3.75%").value, 3.75);
        // Just under: 5時間近い is 5 hours or a little less.
        let q = one("5時間近い熱戦");
        assert!(q.low < 5.0 && q.high == 5.0, "{q:?}");
    }

    #[test]
    fn a_unit_has_one_reading_in_every_spelling() {
        for (a, b) in [
            ("出力14万kWの", "出力14万キロワットの"),
            ("年間3億kWhを", "年間3億キロワット時を"),
            ("容量5Lの", "容量5リットルの"),
            ("20haの", "20ヘクタールの"),
            ("50m2の", "50平方メートルの"),
            ("950hPaの", "950ヘクトパスカルの"),
            ("3.5GHzの", "3.5ギガヘルツの"),
            ("500mLの", "500ミリリットルの"),
            ("200kcalの", "200キロカロリーの"),
            ("42kmの", "42キロメートルの"),
            ("最大5000Paの", "最大5000パスカルの"),
            ("800lmの", "800ルーメンの"),
            ("12Vの", "12ボルトの"),
        ] {
            assert_eq!(
                (one(a).unit, one(a).value),
                (one(b).unit, one(b).value),
                "{a} / {b}"
            );
        }
        // The units of product specifications: suction in Pa (not hPa), brightness, voltage,
        // battery charge, frame rates, resolution.
        for (text, unit) in [
            ("5000Paの吸引力", "Pa"),
            ("950hPaの", "hPa"),
            ("800lmの", "lm"),
            ("3.7Vの", "V"),
            ("5Ahの", "Ah"),
            ("60fpsで", "fps"),
            ("326ppiの", "ppi"),
            ("4570万画素の", "画素"),
            ("120mmHgの", "mmHg"),
        ] {
            assert_eq!(one(text).unit, unit, "{text}");
        }
        // A prefix before a unit is not the unit the prefix stands for alone.
        assert_eq!(one("14万キロワットの").unit, "kW");
        assert_ne!(one("500ミリリットルの").unit, one("500ミリの").unit);
        // Latin letters run on: not litres in 3LDK, not metres in 5min.
        assert!(find("3LDKの部屋").iter().all(|q| q.unit.is_empty()));
        assert!(find("5minで").iter().all(|q| q.unit != "m"));
    }

    #[test]
    fn a_value_rounded_to_its_last_digit_agrees_with_the_precise_one() {
        assert!(one("1.1倍").compatible(&one("1.12倍")));
        assert!(one("78.4%").compatible(&one("78%")));
        assert!(one("32億円").compatible(&one("32.4億円")));
        assert!(one("1.5億円").compatible(&one("1億4600万円")));
        // Written to the same place, or too far apart to be a rounding: two values.
        assert!(!one("27点").compatible(&one("24点")));
        assert!(!one("1.1倍").compatible(&one("1.16倍")));
        assert!(!one("12.4%").compatible(&one("14.2%")));
        assert!(!one("3,200万円").compatible(&one("3,215万円")));
        assert!(!one("1,200人").compatible(&one("1,240人")));
        // A value of one significant digit rounds a value a tenth away at most.
        assert!(one("1万人").compatible(&one("9,800人")));
        assert!(!one("1万人").compatible(&one("8,000人")));
        assert!(!one("2万人").compatible(&one("1万5000人")));
        assert_eq!(one("1,480万円").step, 1e4);
        assert_eq!(one("1.12倍").step, 0.01);
    }

    #[test]
    fn the_minutes_of_a_clock_time_follow_a_digit_and_ji() {
        assert!(follows_clock_hour("午前7時30分", "午前7時".len()));
        assert!(follows_clock_hour("0時28分", "0時".len()));
        assert!(!follows_clock_hour("当時20分", "当時".len()));
        assert!(!follows_clock_hour("30分", 0));
    }

    #[test]
    fn two_bounds_are_thresholds_not_values() {
        let open = one("5自治体以内");
        assert!(open.exact());
        let bound = open.hedged_after("以内なら");
        assert_eq!((bound.low, bound.high), (f64::NEG_INFINITY, 5.0));
        assert_eq!(one("5人").hedged_after("で").high, 5.0);
        assert!(one("5人以内").compatible(&one("6人以上")));
        assert!(!one("5人以内").compatible(&one("6人")));
        assert!(!one("10人以上").compatible(&one("8人")));
    }

    #[test]
    fn hedges_and_ranges_widen_the_value() {
        let about = one("約500人が");
        assert!(about.compatible(&one("512人が")));
        assert!(!about.compatible(&one("600人が")));
        assert!(one("1万人超が").compatible(&one("1万2000人が")));
        assert!(!one("1万人超が").compatible(&one("9000人が")));
        assert!(one("50%を超える").compatible(&one("52.1%")));
        assert!(!one("50%を超える").compatible(&one("48.27%")));
        assert!(one("3〜5日").compatible(&one("4日")));
        assert!(!one("3〜5日").compatible(&one("6日")));
        assert!(one("2万円台").compatible(&one("2万9800円")));
        assert!(!one("2万円台").compatible(&one("3万9800円")));
        assert!(!one("2万円台").compatible(&one("3万円")));
        assert!(!one("総額42億3000万円").compatible(&one("総額43億2000万円")));
        assert!(one("約8万人").compatible(&one("8万人")));
        assert!(!one("およそ八万人").compatible(&one("約6万人")));
        // An approximation is as wide as its last significant digit allows, at most a tenth.
        assert!(one("約500人").compatible(&one("512人")));
        assert!(one("約3万8000人").compatible(&one("3万7000人")));
        assert!(!one("約3万8000人").compatible(&one("約3万2000人")));
        assert!(!one("約6億2000万円").compatible(&one("約6億8000万円")));
        assert!(one("約85%").compatible(&one("84.2%")));
        assert!(one("約1万人").compatible(&one("9,500人")));
        assert_eq!(one("約500人が").span, Span::new(0, "約500人".len()));
    }

    #[test]
    fn dates_are_one_value() {
        let q = one("2025年3月14日に発売");
        assert_eq!(q.unit, "日付");
        assert!(!q.compatible(&one("3月21日発売")));
        assert!(q.compatible(&one("3月14日に")));
    }

    #[test]
    fn kanji_inside_words_are_not_numbers() {
        assert!(find("一部の店舗").is_empty());
        assert!(find("統一地方選").is_empty());
        assert!(find("三菱の車").is_empty());
        assert!(find("一方で").is_empty());
    }
}
