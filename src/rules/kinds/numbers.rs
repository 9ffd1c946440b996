//! `kind: numbers`: one quantity stated with two values in one article: 総額は42億3000万円 /
//! 総額43億2000万円, 投票率は41.37% / 投票率が41.73%, 世界で2例目 / 世界で3例目.
//!
//! ```yaml
//! kind: numbers
//! message: "「{subject}」が「{match}」と「{other}」で食い違っています"
//! units: []            # compare only these units (default: every unit)
//! ignore_units: [年]   # never compare these units
//! slip_message: "…"   # optional: the message of a digit slip (same placeholders)
//! min_line_breaks: 3   # compare only values this many line breaks apart (0: every pair)
//! ```
//!
//! # What is one quantity
//!
//! A quantity is a number with its counter or unit, read by [`crate::lang::ja::quantity`]:
//! kanji numerals, 万/億, hedges (約, 超, 以上, 前後) and ranges become an interval of values,
//! so 約500人 agrees with 512人, 1万人 with 一万人 and 10,000人, 2割 with 20%. What it counts
//! is the *subject*: the noun chain nearest before it in its clause, across particles (総額は
//! 42億円 → 総額; 重さは187g → 重さ, an adjective's stem with さ; 打ち上げ数, a verb's noun with a
//! suffix), or the noun after it when it
//! modifies one (17の停留場 → 停留場, 259万7000円という価格 → 価格; past a time that qualifies it,
//! 約450キロという今年の収量 → 収量; not the part marker of 38億円のうち). A value in brackets right after another (3個（約450g）)
//! restates it and is compared only as that value is. A counter the
//! reader does not know (24公演, 約40株) is the unit, the noun written onto the number. Two mentions
//! are the same quantity when subject, unit and *qualifiers* agree. Qualifiers are what tells
//! two quantities of one name apart: the words of the `quantity-qualifiers` lexicon in the
//! clause (今年 and 昨年, 予想 and 実績, 男性 and 女性, 前作 and 今作, 最終…) and the owner a の
//! gives the subject (A社の売上高 and B社の売上高). A qualifier with の before the number
//! (前年度の3.8倍) qualifies it and is not its subject; so do a span of time earlier in the
//! sentence (24日間で…712万人 / 土日2日間で…52万人) and 計 after a list (「ルミナ」と「ワークスK」
//! の計1万1852台 is the list's total, not ワークスK's). Words of `amount-fillers` (全部, うち, 計, 平均) are skipped
//! when looking for the subject. Two mentions under contrasted topics (the nouns marked by は
//! or が nearest before them, different with one head: いす席が… / シート席は…) are different
//! quantities, and an entry of a timeline (9日午前：行方不明者は4人に) is dated by its stamp.
//! Mentions that each name a person the other does not (two runners of one school) are of
//! different people; sections headed by different occasions (■初日 / ■2日目) are apart even
//! when both headings name one place. A time to the second (13秒52, 2時間13分05秒) is one value
//! in seconds.
//! Two lists under their own label lines (「タルト生地」 over one list of ingredients,
//! 「レモンクリーム」 over the next: a short line that is no sentence, right before the list)
//! list different things, and a heading naming another time (`other-times`: ■去年うまくいかな
//! かったこと, not ■今年変えたこと) sets the figures under it at that time unless their clause
//! names its own (例年約6万人). A number of years (懲役8年, 任期4年; not 2024年, 令和4年,
//! 高校3年, 3年ぶり) is an amount, not a date, and the stage of a case its clause names
//! (`court-stages`: 懲役8年を求刑 / 懲役6年の判決) qualifies it. A condition named with the
//! suffix 時 (電子シャッター使用時, 折りたたみ時; not a clock time) qualifies the figures of its
//! clause.
//! A relative clause on the subject is a qualifier (受診したケース / 対応できなかったケース), and
//! so is このうち at the start of the sentence for every figure of it. A milestone after its
//! particle (30億円を突破; not a precise figure reached, 売上高1,248億円を達成, which is the level) and
//! the number of a model's name (PowerBox 1000の容量) are no amounts.
//! Two values of one paragraph of statistics (five or more values of their unit in one block)
//! are not compared: such a paragraph tells its figures apart by words the subject lacks.
//!
//! Some quantities are named several ways: the rule's `aliases` lists names of one thing
//! (被害額 / 損害額), an event's day or first day is its date (投開票日 / 投開票は4月20日,
//! 開業初日 / 開業, 10月1日から施行 / 7月1日の施行), 全14公演 / 全13公演 are one whole, and
//! an owner the headline names is the
//! article's own thing (中央図書館の蔵書 under a headline about 中央図書館). Two peaks of one
//! thing (最大8キロの渋滞 / 渋滞は最大6キロ) are one value, not two bounds, unless both are rows
//! of a spec list (each product's own). A period as the topic (前年同期は330億円) qualifies the
//! figure instead of naming it, and a date is a plan only by its own clause (17日に放送予定).
//!
//! Names tell quantities apart too: the proper nouns and 『titles』 of a mention's clause
//! (佐藤美和（無所属） 2,917票, 『名探偵ミナト』 興収54.9億円). A mention naming nobody is
//! compared with one naming the headline's subject, not with one naming someone else.
//! Increases and decreases (8%増, 8%減, 3.7%増加した, 2000人減った: `increase-suffixes`,
//! `decrease-suffixes`, read before `change-markers`), forecasts
//! (`forecast-words` anywhere in the sentence after the figure: 350億円を見込む, and the そう of
//! appearance: 32度前後に下がりそうだ, not the そう of hearsay: 2例目だそうです; not for a figure
//! inside the topic, 「総額43億円の予算案は、…採決される予定だ」; every figure of a section
//! headed by a forecast noun, ## あすの見通し), comparison bases (前期比;
//! 同 before a number repeats the base stated before it in the sentence: 営業利益は同12.4%増)
//! and periods (2026年3月期) are qualifiers; a value in brackets belongs to what the brackets
//! follow (1日乗車券（大人500円）).
//!
//! # When two values conflict
//!
//! When their intervals do not overlap. Not compared: two mentions in one sentence (a list
//! of values, a comparison), two items of one list (rows of a table; numbered points ① ②
//! and （1）（2） are items too), a quantity stated
//! with three or more values (a ranking), the start of a change (3人から5人に: a から right
//! after another figure; a bound with no figure after it in its clause, 価格は249万7000円から,
//! is compared only with another such bound; 68の国と地域から1243本 counts from a name), 44.90%を
//! 下回り, 3ポイント下回り: `change-markers`), numbers that are part of a name
//! (`quantity-name-suffixes`: 3号機, 2025年3月期) or a milestone (`milestone-words`: 100億円
//! 突破), a part of a period named by its place and length (最初の3カ月, 残り2週間), clock times (7時30分; a match clock after `clock-periods`: 後半18分), numbers without a unit (section numbers) and ordinals of
//! sections (第2章), a bare number written onto a word (要介護4, 震度5: a grade or name) and
//! the unit a rate is per (子ども1人あたり2万円, 1株につき, 1区画1泊4,000円). A subject of one character (町は17日に) is too vague to compare, and a
//! date's subject must be an event (発売日, 施行; 10月使用分 is a month's portion, no event's date). One finding per quantity: at the later
//! mention, with the earlier one as a related span.
//!
//! # Digit slips
//!
//! Two values with the same significant digits in another order (1,480万円 / 1,840万円,
//! 41万2,380票 / 41万2,830票) are one value misstated even when the mentions name what they
//! count differently or not at all (計約1,480万円を着服 has no subject): reported one severity
//! lower, with `slip_message`. Both need at least two significant digits and one magnitude;
//! their subjects must be one missing, one inside the other or alike in their first two
//! characters (not 営業利益 / 経常利益), and with only two digits (84棟 / 48棟) both must
//! name what they count and the same names (or one none, the other the headline's): two
//! digits reorder by chance more often; a figure owned by another of the kind the headline
//! names (東図書館の蔵書 under 「中央図書館が休館へ」) is not the article's own; the qualifiers of one must be among the other's (上旬 /
//! 下旬 stay apart), and an increase or decrease is compared only with another (a forecast is
//! compared with a figure told as a fact: 約186億円を見込む / 168億円に上る); table cells, dates, ordinals and bounds are left out, and so is
//! everything the comparison above keeps apart (one sentence, one list, contrasted topics,
//! other names or sections).
//!
//! Placeholders: `{subject}` what is counted, `{match}` the later value, `{other}` the
//! earlier value.

use serde::Deserialize;

use super::{CompileContext, Context};
use crate::document::BlockKind;
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::Conjugation;
use crate::lang::ja::quantity::{self, Quantity};
use crate::lang::ja::{Analysis, LexiconId, Lexicons, is_kanji, is_katakana};
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
    /// The message of a digit slip (two values with the same digits in another order,
    /// reported one level lower even when their subjects are written differently): the same
    /// placeholders as `message`, `{subject}` empty when neither mention names what it counts.
    /// Default: 「「{subject}」の「{match}」と「{other}」は数字の並びが同じで桁の順だけが違います。
    /// 同じ数値の書き間違い（数字の入れ替わり）の可能性があります」, without the subject part
    /// when there is none.
    #[serde(default)]
    pub slip_message: Option<String>,
    /// Names of one quantity: each list is one thing under several names (`[被害額, 損害額]`,
    /// `[来場者, 入場者]`), so 被害額は4億2000万円 and 損害額は3億6000万円 are compared.
    /// Qualifiers, owners and names still tell two of them apart; a qualifier word inside the
    /// name itself (最終 of 最終利益) is part of the name, not a qualifier.
    #[serde(default)]
    pub aliases: Vec<Vec<String>>,
    /// Compare only two values at least this many line breaks apart: two values of one name
    /// in one paragraph or the next (岸壁は水深12メートル… / 新しい岸壁は水深16メートル) are
    /// usually a comparison the writer draws, and an article that restates a figure wrongly
    /// does so in another part of it. Lines, not paragraphs: a text may break paragraphs with
    /// one newline or two. Digit slips are compared at any distance. 0 (the default): every
    /// pair.
    #[serde(default)]
    pub min_line_breaks: usize,
}

pub const PLACEHOLDERS: &[&str] = &["subject", "match", "other"];

pub const LEXICONS: &[LexiconId] = &[
    LexiconId::AnaphoricSubjects,
    LexiconId::QuantityQualifiers,
    LexiconId::PresentQualifiers,
    LexiconId::OtherTimes,
    LexiconId::AmountFillers,
    LexiconId::ChangeMarkers,
    LexiconId::QuantityNameSuffixes,
    LexiconId::EstimateVerbs,
    LexiconId::ForecastWords,
    LexiconId::MilestoneWords,
    LexiconId::OutcomeWords,
    LexiconId::CourtStages,
    LexiconId::ClockPeriods,
    LexiconId::IncreaseSuffixes,
    LexiconId::DecreaseSuffixes,
];

#[derive(Debug)]
pub struct Numbers {
    units: Vec<String>,
    ignore_units: Vec<String>,
    slip_message: Option<Message>,
    /// A name of `aliases` → the first name of its list.
    aliases: crate::algo::hash::FastHashMap<String, String>,
    /// See [`Spec::min_line_breaks`].
    min_line_breaks: usize,
    lexicons: std::sync::Arc<Lexicons>,
}

/// A quantity where it is stated, with what it counts.
#[derive(Debug, Clone)]
struct Mention {
    quantity: Quantity,
    /// The quantity's span in the analysis text.
    span: Span,
    sentence: usize,
    block: usize,
    key: Key,
    /// Who or what the clause names before the number: proper nouns and 『titles』. Two
    /// mentions about different names are different quantities.
    entities: Vec<String>,
    /// The people among `entities` (names the segmenter tags as a person's).
    people: Vec<String>,
    /// What it counts as written here, when an alias makes the key's subject another name.
    named: String,
    /// The superlative the value is hedged with (最大8キロ → 最大), if one of [`PEAKS`].
    peak: Option<&'static str>,
    /// Whether it is told in a paragraph, not a list item, table row or heading.
    prose: bool,
    /// What the clause is about when that is not what is counted: the noun marked by は or が
    /// nearest before the number (シート席は前売り9,000円). Two mentions under contrasted
    /// topics ([`contrasted`]) are different quantities; a mention without one is about any.
    topic: Option<String>,
}

/// What makes two mentions the same quantity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    unit: String,
    subject: String,
    qualifiers: Vec<String>,
}

/// The nearest comparison base (a noun chain ending in 比: 前期比, 前年同期比) in tokens
/// `from..to`, as text.
fn comparison_base_before(a: &Analysis<'_>, from: usize, to: usize) -> Option<String> {
    (from..to).rev().take(MAX_CLAUSE_TOKENS).find_map(|i| {
        (a.surface(i).ends_with('比') && a.features(i).pos.is_noun())
            .then(|| noun_chain_back(a, i, from).text)
    })
}

/// Whether a key's qualifiers make it the size of an increase or a decrease.
fn marks_change(qualifiers: &[String]) -> bool {
    qualifiers.iter().any(|q| q == "(増)" || q == "(減)")
}

/// A comparison base written out right before token `first` (前年より, 前年同期と比べて,
/// 前年同期に比べ; 前年同期から when the figure is a `change`), within the clause from
/// `clause`: the start of its noun chain and the base as the suffix 比 writes it (前年比,
/// 前年同期比).
fn written_comparison(
    a: &Analysis<'_>,
    clause: usize,
    first: usize,
    change: bool,
) -> Option<(usize, String)> {
    let mut k = first;
    // 比べて, 比べ: the verb and its て.
    if k > clause && a.surface(k - 1) == "て" && a.features(k - 1).pos.is_particle() {
        k -= 1;
    }
    let particle = if k > clause + 1 && a.base(k - 1) == "比べる" && a.features(k - 1).pos.is_verb()
    {
        k -= 1;
        matches!(a.surface(k - 1), "と" | "に").then_some(k - 1)?
    } else if k > clause + 1
        && a.features(k - 1).pos.is_particle()
        && (a.surface(k - 1) == "より" || (change && a.surface(k - 1) == "から"))
    {
        // 前年より15%増え; 前年同期から3.7%上昇 (から only before the change it measures).
        k - 1
    } else {
        return None;
    };
    if particle == clause || !a.features(particle - 1).pos.is_noun() {
        return None;
    }
    let chain = noun_chain_back(a, particle - 1, clause);
    Some((chain.start, format!("{}比", chain.text)))
}

/// Units of a length of time, as the quantity reader normalises them (か月 and ヶ月 are カ月):
/// followed by 前 or 後 (3時間前, 2日後) they make a point in time.
const DURATION_UNITS: &[&str] = &["秒", "分", "時間", "日", "週間", "カ月", "年"];

/// Words naming a part of a period by where it lies (最初の3カ月, 残り2週間): the length after
/// one names the part, it does not measure a thing.
const PERIOD_PARTS: &[&str] = &[
    "最初",
    "最後",
    "初め",
    "始め",
    "終わり",
    "冒頭",
    "序盤",
    "終盤",
    "残り",
];
/// Words that make the figure after them the portion of one step of a procedure (最初に30ml
/// のお湯を注ぐ, 次に50gの砂糖を加える), not the whole amount of what the step uses.
const STEP_PORTIONS: &[&str] = &[
    "最初に",
    "初めに",
    "はじめに",
    "まず",
    "次に",
    "続いて",
    "最後に",
    "残りの",
];
/// Qualifiers that say where a figure is told, not which figure: a whole (全14公演) is
/// the same whole wherever the sentence places it.
const PLACE_QUALIFIERS: &[&str] = &["全国", "国内", "海外", "世界", "県内", "市内", "国外"];
/// Words that make an amount a rate per period (年間3兆円, 月間50万人): a qualifier of the
/// figure, never what it counts.
const PER_PERIOD: &[&str] = &["年間", "月間", "週間", "通年"];
/// Superlative hedges that make a value the peak of what is measured (最大8キロの渋滞):
/// two peaks of one thing are one value, not two bounds that both hold.
const PEAKS: &[&str] = &["最大", "最高", "最低", "最短", "最長"];
/// What makes a number the unit a rate is per (1人あたり2万円, 1株につき) or a share each
/// time (コップ1杯ずつ, 3人ずつ): written right after the number and its counter.
const PER_UNIT: &[&str] = &["あたり", "当たり", "につき", "ごと", "毎", "ずつ"];
/// Whether one of a counter at `end` is the unit of what follows (1回の充電で48km, 1回の
/// 充電あたり, 1日の摂取量につき): の, a noun run of up to three words, then a `PER_UNIT` word or
/// で. Not a count of the noun told otherwise (1人の死亡が確認された).
fn per_one(a: &Analysis<'_>, end: usize, limit: usize) -> bool {
    let k = a.first_at(end);
    if k >= a.tokens.len() || a.tokens[k].span.start != end || a.surface(k) != "の" {
        return false;
    }
    let mut j = k + 1;
    while j < a.tokens.len()
        && j < k + 4
        && a.tokens[j].span.end <= limit
        && a.features(j).pos.is_noun()
    {
        j += 1;
    }
    j > k + 1
        && j < a.tokens.len()
        && a.tokens[j].span.end <= limit
        && (PER_UNIT.contains(&a.surface(j)) || a.surface(j) == "で")
}

/// Whether a figure with its counter is one of it (1区画, 1人, 一人): the unit of a rate when
/// another figure follows it directly.
fn is_one(figure: &str) -> bool {
    let rest = figure
        .strip_prefix('1')
        .or_else(|| figure.strip_prefix('一'));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with(|c: char| {
                c.is_ascii_digit() || matches!(c, ',' | '.' | '万' | '億' | '千' | '百' | '十')
            })
    })
}

/// How many tokens a clause may reach from a number (keeps one endless sentence linear).
const MAX_CLAUSE_TOKENS: usize = 64;
/// Values of one unit in one block that make it a paragraph of statistics.
const DENSE_BLOCK: usize = 5;

/// Most tokens of a bracketed name before a topic's head (「産業機器部品」部門).
const TOPIC_NAME_TOKENS: usize = 12;
/// How far (bytes) after a listed value the next one of its list is looked for.
const LIST_REACH: usize = 120;
/// How far before a number its topic (Xは, Xが) is looked for.
const MAX_TOPIC_TOKENS: usize = 24;

/// How many earlier mentions of one quantity a mention is compared with.
const MAX_LOOK_BACK: usize = 64;

/// How far back (in tokens) a subject is looked for.
const SUBJECT_REACH: usize = 8;

/// A noun chain found before a number: its text and first and last tokens.
#[derive(Debug, Clone)]
struct Chain {
    text: String,
    start: usize,
    last: usize,
}

impl super::RuleKind for Numbers {
    const NAME: &'static str = "numbers";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    const LEXICONS: &'static [LexiconId] = LEXICONS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let slip_message = spec
            .slip_message
            .as_deref()
            .map(|m| Message::parse(m, PLACEHOLDERS))
            .transpose()
            .map_err(|e| vec![src.error(src.key("slip_message"), e.message)])?;
        let mut aliases = crate::algo::hash::FastHashMap::default();
        for (n, names) in spec.aliases.iter().enumerate() {
            if names.len() < 2 {
                return Err(vec![src.error(
                    src.key("aliases"),
                    format!(
                        "aliases[{n}] lists {} name(s): a list names one quantity at least twice",
                        names.len()
                    ),
                )]);
            }
            for name in names {
                if let Some(first) = aliases.insert(name.clone(), names[0].clone())
                    && first != names[0]
                {
                    return Err(vec![src.error(
                        src.item(&["aliases"], name).or(src.key("aliases")),
                        format!(
                            "「{name}」 is in two lists of aliases (of 「{first}」 and of 「{}」)",
                            names[0]
                        ),
                    )]);
                }
            }
        }
        Ok(Numbers {
            aliases,
            units: spec.units,
            ignore_units: spec.ignore_units,
            slip_message,
            min_line_breaks: spec.min_line_breaks,
            lexicons: context.lexicons.clone(),
        })
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let mentions = self.mentions(ctx);
        if mentions.len() < 2 {
            return;
        }
        let topic = headline_entities(ctx);
        let lists = list_runs(ctx.doc);
        let labels = list_labels(ctx.doc, &lists);
        let sections = section_subjects(ctx);
        // Mentions grouped by key, in text order: only mentions of one key are compared.
        let text = ctx.analysis.text;
        let mut groups: Vec<Vec<&Mention>> = Vec::new();
        let mut index: crate::algo::hash::FastHashMap<&Key, usize> = Default::default();
        for m in mentions.iter().filter(|m| !m.key.subject.is_empty()) {
            let g = *index.entry(&m.key).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[g].push(m);
        }
        // Paragraphs of statistics: blocks with many values of one unit (成功率40.0%、26.9%、
        // QRコード決済が38.2%、クレジットカードが34.5%…) tell many quantities apart by words the
        // subject does not carry; two values of one such block are not compared.
        let mut per_block: crate::algo::hash::FastHashMap<(usize, &str), usize> =
            Default::default();
        for m in &mentions {
            *per_block.entry((m.block, m.key.unit.as_str())).or_default() += 1;
        }
        let dense = |m: &Mention| per_block[&(m.block, m.key.unit.as_str())] >= DENSE_BLOCK;
        // Two rows of one table (| 定期預金(1年) | … | and | 定期預金(5年) | … |) are two items,
        // told apart by cells no key reads.
        let one_table = |x: usize, y: usize| {
            let (x, y) = (x.min(y), x.max(y));
            x != y && (x..=y).all(|b| ctx.doc.in_table_row(b))
        };
        // 飲料部門は、…営業利益は12億円 / 主力の加工食品部門は、…営業利益も41億円: a topic set
        // off by a comma at a sentence's start is what its paragraph tells of from there on.
        // Computed on the first pair compared: most documents have none.
        let set_off = std::cell::OnceCell::new();
        // Told apart when the two are members of one kind (加工食品部門 / 飲料部門: one head) or
        // two names written in Latin letters (ASTRA X Ultra / ASTRA X); topics of different
        // kinds (事務所は、 / ツアーは、) may tell one quantity.
        let latin = |t: &str| t.bytes().any(|b| b.is_ascii_alphabetic());
        let other_topics = |x: &Mention, y: &Mention| {
            let set_off: &Vec<Option<String>> = set_off.get_or_init(|| self.set_off_topics(ctx));
            match (&set_off[x.sentence], &set_off[y.sentence]) {
                (Some(p), Some(q)) => {
                    contrasted(Some(p), Some(q)) || (p != q && latin(p) && latin(q))
                }
                // 主力の冷凍食品事業は、…売上高は512億円 / 売上高は1,284億円: a part's figure
                // and the whole's (`part-heads`).
                (Some(t), None) | (None, Some(t)) => self.names_a_part(t),
                (None, None) => false,
            }
        };
        // Whether two values of one unit may be one quantity misstated, whatever names they
        // carry: in other sentences, not two figures of one paragraph of statistics or two
        // items of one list, about the same topics and sections, and values that cannot both
        // hold.
        let apart = |m: &Mention, later: &Mention| {
            m.sentence != later.sentence
                && !(m.block == later.block && dense(m))
                && !(m.block != later.block
                    && lists[m.block].is_some()
                    && lists[m.block] == lists[later.block])
                && !one_table(m.block, later.block)
                && !matches!(
                    (labels[m.block], labels[later.block]),
                    (Some(x), Some(y)) if x != y
                )
                && !contrasted(m.topic.as_deref(), later.topic.as_deref())
                && !self.part_and_whole(m.topic.as_deref(), later.topic.as_deref())
                && !other_sections(&sections[m.block], &sections[later.block])
                && !in_sequence(m, later)
                && !other_topics(m, later)
                && !agree(m, later)
        };
        // The same, about the same names.
        let comparable = |m: &Mention, later: &Mention| {
            same_entities(&m.entities, &later.entities, &topic)
                && !other_people(&m.people, &later.people)
                && apart(m, later)
        };
        // 岸壁は水深12メートル… / 新しい岸壁は水深16メートル: a comparison the writer draws
        // (`min_line_breaks`).
        let near = |m: &Mention, later: &Mention| {
            self.min_line_breaks > 0
                && text
                    .get(m.span.end..later.span.start)
                    .unwrap_or("")
                    .bytes()
                    .filter(|&b| b == b'\n')
                    .take(self.min_line_breaks)
                    .count()
                    < self.min_line_breaks
        };
        // The mentions of one sentence (mentions are in document order).
        debug_assert!(mentions.windows(2).all(|w| w[0].sentence <= w[1].sentence));
        let in_sentence = |s: usize| {
            let from = mentions.partition_point(|o| o.sentence < s);
            let to = mentions.partition_point(|o| o.sentence <= s);
            &mentions[from..to]
        };
        let mut found: Vec<(&Mention, &Mention)> = Vec::new();
        for group in groups.iter().filter(|g| g.len() >= 2 && !is_listing(g)) {
            let pair = group.iter().enumerate().skip(1).find_map(|(j, later)| {
                // A bounded look back keeps a document with thousands of mentions of one
                // quantity linear; a contradiction is rarely stated that far apart in count.
                group[j.saturating_sub(MAX_LOOK_BACK)..j]
                    .iter()
                    .find(|m| {
                        comparable(m, later)
                            && !near(m, later)
                            // 重さは5.8kgと12.6kg: a sentence giving the quantity two values
                            // names them both; a later 12.6kg agrees with it.
                            && !in_sentence(m.sentence)
                                .iter()
                                .any(|o| o.key.unit == later.key.unit && agree(o, later))
                    })
                    .map(|earlier| (*later, *earlier))
            });
            found.extend(pair);
        }
        // The same digits in another order (1,480万円 / 1,840万円, 640人 / 460人): a slip of
        // one figure even where the two mentions name what they count differently or not at
        // all. Weaker evidence than one subject, so one severity lower.
        let reported: Vec<Span> = found.iter().flat_map(|(l, e)| [l.span, e.span]).collect();
        let mut slips: Vec<(&Mention, &Mention)> = Vec::new();
        // A table row names what it counts in another cell, which no key reads: its first
        // cell, the row's label (| 売上高 | 421億円 |), when that is a word.
        let in_table = |m: &Mention| ctx.doc.in_table_row(m.block);
        // A table cell and a figure of prose whose sentence names the cell's row label (売上高
        // は前年同期比8%増の412億円): one figure, when three digits or more are reordered.
        let labelled = |cell: &Mention, prose: &Mention, digits: &[u8]| {
            let Some(row) = ctx.doc.table_row_line(cell.block) else {
                return false;
            };
            digits.len() >= NAMED_SLIP_DIGITS
                && !in_table(prose)
                && row_label(ctx.doc, row).is_some_and(|label| {
                    text[ctx.doc.sentences[prose.sentence].span.range()].contains(label)
                })
                // The prose's figure is another cell of the row (平年（26.9度） / | 平均気温 |
                // 29.6度 | 26.9度 |): it agrees with the table.
                && !mentions.iter().any(|o| {
                    o.key.unit == prose.key.unit
                        && o.quantity.value == prose.quantity.value
                        && ctx.doc.table_row_line(o.block) == Some(row)
                })
        };
        // Per mention: its digits if a slip may have reordered them.
        let digits: Vec<Option<Vec<u8>>> =
            mentions.iter().map(|m| transposable(&m.quantity)).collect();
        let sibling = |k: &Key| k.qualifiers.iter().any(|q| q == SIBLING);
        for (j, later) in mentions.iter().enumerate() {
            let Some(later_digits) = &digits[j] else {
                continue;
            };
            if reported.contains(&later.span) || slips.iter().any(|(l, _)| l.key == later.key) {
                continue;
            }
            let from = j.saturating_sub(MAX_LOOK_BACK);
            let earlier = mentions[from..j]
                .iter()
                .zip(&digits[from..j])
                .find(|(m, d)| {
                    m.key.unit == later.key.unit
                        && d.as_deref()
                            .is_some_and(|d| is_adjacent_swap(d, later_digits))
                        && match (in_table(m), in_table(later)) {
                            (false, false) => true,
                            (true, false) => labelled(m, later, later_digits),
                            (false, true) => labelled(later, m, later_digits),
                            (true, true) => false,
                        }
                        && !reported.contains(&m.span)
                        && same_magnitude(m.quantity.value, later.quantity.value)
                        && self.related_settings(&m.key, &later.key)
                        && (related_names(&m.key, &later.key)
                            || names_owner(m, later)
                            || names_owner(later, m)
                            || owns(&m.key, &later.key)
                            || owns(&later.key, &m.key))
                        && sibling(&m.key) == sibling(&later.key)
                        && (later_digits.len() >= NAMED_SLIP_DIGITS
                            // Two figures of prose: a list item (a step, a row of a
                            // comparison) counts what its label or its place says.
                            || (lists[m.block].is_none() && lists[later.block].is_none())
                            || (!(m.key.subject.is_empty() || later.key.subject.is_empty())
                                && same_entities(&m.entities, &later.entities, &topic)))
                        // Nor two sentences of one list item.
                        && !(m.block == later.block && lists[m.block].is_some())
                        // A mention naming nobody may be about anyone named elsewhere.
                        && (m.entities.is_empty()
                            || later.entities.is_empty()
                            || same_entities(&m.entities, &later.entities, &topic))
                        && apart(m, later)
                });
            if let Some((earlier, _)) = earlier {
                slips.push((later, earlier));
            }
        }
        let value = |m: &Mention| text[m.span.range()].to_string();
        let mut hits: Vec<(Span, Hit)> = Vec::new();
        for (later, earlier) in found {
            let msg = message.render(&[
                ("subject", &later.named),
                ("match", &value(later)),
                ("other", &value(earlier)),
            ]);
            hits.push((
                later.span,
                Hit::new(later.span, msg)
                    .with_related(earlier.span, format!("ここでは「{}」", value(earlier))),
            ));
        }
        for (later, earlier) in slips {
            // The subject that names the thing (上野地区), not one referring back (両地区).
            let subjects = [&later.key.subject, &earlier.key.subject];
            let subject = subjects
                .iter()
                .find(|s| !s.is_empty() && !s.starts_with(REFERRING_PREFIXES))
                .or_else(|| subjects.iter().find(|s| !s.is_empty()))
                .map_or("", |s| s.as_str());
            let msg = match &self.slip_message {
                Some(m) => m.render(&[
                    ("subject", subject),
                    ("match", &value(later)),
                    ("other", &value(earlier)),
                ]),
                None => format!(
                    "{}「{}」と「{}」は数字の並びが同じで桁の順だけが違います。同じ数値の書き間違い（数字の入れ替わり）の可能性があります",
                    if subject.is_empty() {
                        String::new()
                    } else {
                        format!("「{subject}」の")
                    },
                    value(later),
                    value(earlier)
                ),
            };
            hits.push((
                later.span,
                Hit::new(later.span, msg)
                    .with_related(earlier.span, format!("ここでは「{}」", value(earlier)))
                    .weaker(),
            ));
        }
        hits.sort_by_key(|(at, _)| at.start);
        out.extend(hits.into_iter().map(|(_, h)| h));
    }
}

impl Numbers {
    /// Whether two mentions may count one thing by their keys' settings, for a digit slip: the same
    /// kind of figure (an increase, a decrease or neither; a forecast and a figure told as a fact
    /// may be one figure restated, 総事業費は約186億円を見込む / 168億円に上る総事業費), the same
    /// other time if any (`other-times`: 昨年 / none, 前回 / 今回 stay apart), the other qualifiers
    /// that set figures of one name apart (the `quantity-qualifiers` words and comparison bases:
    /// 上旬 / 下旬, 男性 / 女性, 前年比 / 前期比) of one among the other's. Qualifiers only one
    /// mention's clause happens to carry (1戸あたり, 年間, 上半期, a name) do not keep two such
    /// values apart. The subjects are compared apart: [`related_names`], or one the owner of what
    /// the other counts ([`names_owner`], [`owns`]).
    fn related_settings(&self, a: &Key, b: &Key) -> bool {
        let kind = |k: &Key| ["(増)", "(減)"].map(|m| k.qualifiers.iter().any(|q| q == m));
        let setting = |q: &&String| {
            q.ends_with('比') || self.lexicons.contains(LexiconId::QuantityQualifiers, q)
        };
        let within = |x: &Key, y: &Key| {
            x.qualifiers
                .iter()
                .filter(setting)
                .all(|q| y.qualifiers.contains(q))
        };
        let times = |k: &Key| {
            let mut t: Vec<String> = k
                .qualifiers
                .iter()
                .filter(|q| self.lexicons.contains(LexiconId::OtherTimes, q))
                .cloned()
                .collect();
            t.sort_unstable();
            t
        };
        kind(a) == kind(b) && times(a) == times(b) && (within(a, b) || within(b, a))
    }

    /// For each sentence, the topic set off by a comma at the start of it or of an earlier
    /// sentence of its paragraph (「飲料部門は、」, 「ASTRA Xは、」): a noun chain of two
    /// characters or more before は and a comma, not a time or other qualifier (今年は、),
    /// an anaphor (同社は、), a pronoun or a number.
    /// The `outcome-words` word the clause after a count of people ends in, reading on past
    /// the commas of a list of counts (現職17人、元職1人、新人8人が当選した).
    fn outcome_after<'t>(&self, a: &Analysis<'t>, next: usize, end: usize) -> Option<&'t str> {
        let end = end.min(next + MAX_CLAUSE_TOKENS);
        for k in next..end {
            match a.surface(k) {
                "。" => return None,
                "、" if !continues_clause(a, k) => return None,
                _ => {}
            }
            if self.lexicons.contains(LexiconId::OutcomeWords, a.base(k)) {
                return Some(a.base(k));
            }
        }
        None
    }

    fn set_off_topics(&self, ctx: &Context<'_>) -> Vec<Option<String>> {
        /// Tokens into a sentence the topic may end at.
        const OPENING: usize = 8;
        let (a, doc) = (ctx.analysis, ctx.doc);
        let mut out: Vec<Option<String>> = Vec::with_capacity(doc.sentences.len());
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let r = a.within(sentence.span);
            let opening = r.start + 1..r.end.min(r.start + OPENING);
            let binding_wa =
                |i: usize| a.surface(i) == "は" && a.features(i).pos.is_binding_particle();
            // The noun chain the は at `wa` marks; not a clause made a noun (延期となるのは、).
            let topic_at = |wa: usize| {
                let pos = a.features(wa - 1).pos;
                (pos.is_noun() && !pos.is_pronoun() && !pos.is_dependent_noun())
                    .then(|| noun_chain_back(a, wa - 1, r.start).text)
            };
            let own = opening
                .clone()
                .find(|&i| {
                    a.surface(i) == "は"
                        && a.features(i).pos.is_particle()
                        && i + 1 < r.end
                        && a.features(i + 1).pos.is_comma()
                })
                .and_then(topic_at)
                .filter(|t| {
                    self.names_a_topic(t)
                        && !self.lexicons.contains(LexiconId::AnaphoricSubjects, t)
                });
            // 「一方、自動車向け部門は販売不振が響き、売上高は4%減の516億円」: a part
            // (`part-heads`) as the sentence's first topic, and after a comma another topic
            // for the figures, sets the part off as a comma after it would.
            let own = own.or_else(|| {
                let wa = opening.clone().find(|&i| binding_wa(i))?;
                let comma = (wa + 1..r.end).find(|&i| a.features(i).pos.is_comma())?;
                (comma + 1..r.end).find(|&i| binding_wa(i))?;
                topic_at(wa).filter(|t| self.names_a_part(t))
            });
            let inherited = (s > 0 && doc.sentences[s - 1].block == sentence.block)
                .then(|| out[s - 1].clone())
                .flatten();
            out.push(own.or(inherited));
        }
        out
    }

    /// Every comparable quantity in the document, in text order.
    fn mentions(&self, ctx: &Context<'_>) -> Vec<Mention> {
        let doc = ctx.doc;
        let a = ctx.analysis;
        // The headline's first phrase names the article's own thing (「市立中央図書館、長期休館へ」);
        // a name after it (「北浜食品、増益 冷凍食品が好調」) is one among others.
        let headline_subject = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Headline)
            .map_or("", |b| doc.slice(b.span))
            .trim_start()
            .split(['、', '，', ',', '　', ' '])
            .next()
            .unwrap_or_default();
        // ## きょうの見通し, ## 来週の予想: a section headed by a forecast noun tells what is
        // expected; its figures are forecasts. Not a heading that only mentions one (築46年、
        // 耐震基準を満たさず; 年間600万人の来館見込む).
        let forecast_section: Vec<bool> = doc
            .sections
            .iter()
            .map(|section| {
                section.heading.is_some_and(|h| {
                    a.within(doc.blocks[h].span)
                        .rev()
                        .find(|&i| !a.features(i).pos.is_symbol())
                        .is_some_and(|i| {
                            a.features(i).pos.is_noun()
                                && self
                                    .lexicons
                                    .contains(LexiconId::ForecastWords, a.surface(i))
                        })
                })
            })
            .collect();
        let heading_times = self.heading_times(ctx);
        let mut out = Vec::new();
        for (s, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.slice(sentence.span);
            // 2. 9日午前：行方不明者は4人に: an entry of a timeline is dated by its stamp.
            let stamp = timeline_stamp(doc.slice(doc.blocks[sentence.block].span));
            let heading = !matches!(
                doc.blocks[sentence.block].kind,
                BlockKind::Paragraph | BlockKind::ListItem
            );
            let found = quantity::find(text);
            for (n, q) in found.iter().enumerate() {
                // 1勝2敗, 7時30分: a number written against another is part of one value; an
                // interval is a value of its own (2年ぶり8度目: two years, the eighth time).
                let interval = |o: &Quantity| o.unit.ends_with("ぶり");
                let touches = |o: Option<&Quantity>| {
                    o.is_some_and(|o| {
                        (o.span.end == q.span.start || q.span.end == o.span.start)
                            && !interval(o)
                            && !interval(q)
                    })
                };
                if touches(n.checked_sub(1).and_then(|p| found.get(p))) || touches(found.get(n + 1))
                {
                    continue;
                }
                let before = &text[..q.span.start];
                // 3:1, 2対1, 3-2: a ratio or a score, not an amount.
                let after_q = &text[q.span.end..];
                if [':', '：', '対', '-', '−', '―'].iter().any(|&c| {
                    before.ends_with(c)
                        || after_q.starts_with(c)
                            && after_q[c.len_utf8()..].starts_with(|d: char| d.is_ascii_digit())
                }) {
                    continue;
                }
                // 3個（約450g）: a value in brackets right after another restates it in another
                // unit; it is compared only as that value is.
                let restates = n > 0 && {
                    let between = &text[found[n - 1].span.end..q.span.start];
                    matches!(between.trim_end_matches('約'), "（" | "(")
                };
                if restates {
                    continue;
                }
                // みかんは200円と250円で450円: the items a sentence adds up to a total it gives
                // after them are parts of the total, not the thing's amount.
                let summed = n + 2 < found.len()
                    && after_q.starts_with('と')
                    && q.span.end + 'と'.len_utf8() == found[n + 1].span.start
                    && found[n + 1].unit == q.unit
                    && found[n + 2..].iter().any(|t| t.unit == q.unit);
                let item = n > 0
                    && text[found[n - 1].span.end..q.span.start] == *"と"
                    && found[n - 1].unit == q.unit
                    && found[n + 1..].iter().any(|t| t.unit == q.unit);
                if summed || item {
                    continue;
                }
                // 26本中7本, 10人中8人: attempts and successes, one ratio.
                let of_total = after_q.starts_with('中')
                    && after_q['中'.len_utf8()..].starts_with(|d: char| d.is_ascii_digit());
                let out_of = n > 0 && &text[found[n - 1].span.end..q.span.start] == "中";
                // 就寝の3時間前, 2日後: a point in time counted from an event, not an amount of it.
                let offset = (after_q.starts_with('前') || after_q.starts_with('後'))
                    && DURATION_UNITS.contains(&q.unit.as_str());
                // 最初の1カ月 / 最初の3カ月, 残りの2週間: a part of a period named by its
                // length, not an amount of anything.
                let part_of_period = DURATION_UNITS.contains(&q.unit.as_str())
                    && PERIOD_PARTS
                        .iter()
                        .any(|p| before.strip_suffix('の').unwrap_or(before).ends_with(p));
                let step_portion = STEP_PORTIONS
                    .iter()
                    .any(|p| before.trim_end_matches(['、', ' ']).ends_with(p));
                if of_total || out_of || offset || part_of_period || step_portion {
                    continue;
                }
                if quantity::follows_clock_hour(text, q.span.start) {
                    continue;
                }
                let span = Span::new(
                    sentence.span.start + q.span.start,
                    sentence.span.start + q.span.end,
                );
                // 3人から5人に: one value becoming another. A date from which something happens
                // (10月1日から施行される) is that event's date.
                let after = &doc.text[span.end..sentence.span.end];
                let starts_event = q.is_date()
                    && after
                        .strip_prefix("から")
                        .is_some_and(|rest| !rest.starts_with(|c: char| c.is_ascii_digit()));
                // A から after a name, not right after another figure, is where the figure is
                // counted from (68の国と地域から1243本) or its comparison base (前年同期から3.7%上昇),
                // not a change's start.
                let from_figure = before.ends_with("から")
                    && n > 0
                    && text[found[n - 1].span.end..q.span.start].starts_with("から");
                // 価格は249万7000円から: a bound with no figure after it in its clause (a price
                // from, the least of what is offered) is no change's start; it is compared only
                // with another such bound.
                let from_bound = !q.is_date()
                    && after.strip_prefix("から").is_some_and(|rest| {
                        let clause = rest.split(['、', '。', ',']).next().unwrap_or("");
                        !clause.chars().any(char::is_numeric)
                    });
                if (after.starts_with("から") && !starts_event && !from_bound) || from_figure {
                    continue;
                }
                if q.ordinal && (heading || q.unit.is_empty()) {
                    continue;
                }
                let Some((mut key, names)) = self.key(a, span, q, sentence.span, headline_subject)
                else {
                    continue;
                };
                // 要介護4の家族, 震度5の揺れ, レベル3: a bare number written onto a word (and
                // followed by no counter noun: 病床数302床) is part of a name or grade.
                if q.unit.is_empty()
                    && !key.unit.starts_with('~')
                    && q.span.start == q.core.start
                    && labels_a_word(before)
                {
                    continue;
                }
                // 24公演: the value shown with its counter noun, which starts where the
                // quantity ends (after a range too: 3-0快勝); 全14公演 with its 全.
                let span = match key.unit.strip_prefix('~') {
                    Some(noun) => {
                        let whole = key.subject.strip_prefix('全') == Some(noun)
                            && doc.text[..span.start].ends_with('全');
                        Span::new(
                            span.start - if whole { '全'.len_utf8() } else { 0 },
                            span.end + noun.len(),
                        )
                    }
                    None => span,
                };
                // 子ども1人あたり2万円, 1株につき: the unit a rate is per, not an amount; so is
                // one of a counter written right before another figure (1区画1泊4,000円).
                let after = &doc.text[span.end..sentence.span.end];
                if PER_UNIT.iter().any(|p| after.starts_with(p))
                    || (is_one(&doc.text[span.range()])
                        && (after.starts_with(|c: char| c.is_ascii_digit())
                            || (!q.ordinal && per_one(a, span.end, sentence.span.end))))
                {
                    continue;
                }
                // 2024年の来場者, 5月の売上高: a date in the clause before the number dates it.
                let first_token = a.first_at(span.start);
                let clause_token = self.clause_start(a, first_token, sentence.span);
                let clause = a.tokens[clause_token].span.start;
                // 24日間で712万人, 2日間で52万人 (anywhere before it in the sentence): what a
                // span of time added up to.
                for d in found[..n]
                    .iter()
                    .rev()
                    .take(8)
                    .filter(|d| d.span.end <= q.span.start)
                {
                    if d.is_date() && sentence.span.start + d.span.start >= clause {
                        key.qualifiers.push(text[d.span.range()].to_string());
                    }
                    let spanned = matches!(d.unit.as_str(), "日間" | "週間" | "年間")
                        || (DURATION_UNITS.contains(&d.unit.as_str())
                            && text[d.span.end..].starts_with('間'));
                    if spanned {
                        key.qualifiers.push(format!("({})", &text[d.span.range()]));
                    }
                }
                key.qualifiers.extend(stamp.map(str::to_string));
                if from_bound {
                    key.qualifiers.push("(から)".to_string());
                }
                if forecast_section[doc.blocks[sentence.block].section] {
                    key.qualifiers.push("(予想)".to_string());
                }
                // A time of the clause's own (例年約6万人 under ## 来年以降は…) is its time.
                if let Some(time) = heading_times[sentence.block] {
                    let own_time =
                        (clause_token..first_token).any(|i| self.names_a_time(a.surface(i)));
                    if !own_time {
                        key.qualifiers.push(time.to_string());
                    }
                }
                key.qualifiers.sort();
                key.qualifiers.dedup();
                if !self.units.is_empty() && !self.units.contains(&key.unit) {
                    continue;
                }
                if self.ignore_units.contains(&key.unit) {
                    continue;
                }
                // 続編も刊行された。こちらは初版1万部: a figure said of a demonstrative
                // (こちら, それ) is of the thing the sentence before named, not told here.
                if demonstrative_topic(a, sentence.span, span.start) {
                    continue;
                }
                // The topic counts only before the number and when it is not what is counted;
                // 「産業機器部品」部門は売上高が24.0%増: past the counted 売上高が, the topic
                // before it.
                let counted = |t: &str| {
                    !key.subject.is_empty()
                        && (key.subject.contains(t) || t.contains(key.subject.as_str()))
                };
                let topic = match self.topic_before(a, sentence.span, span.start) {
                    Some((t, end)) if counted(&t) => {
                        // Back past the marker (は or が, one character each) and the chain.
                        let before = end - "は".len() - t.len();
                        self.topic_before(a, sentence.span, before)
                    }
                    found => found,
                }
                .filter(|(t, end)| *end <= span.start && !counted(t))
                .map(|(t, _)| t);
                // 5自治体以内: a hedge after a counter noun the reader did not know.
                let quantity = match key.unit.strip_prefix('~') {
                    Some(_) => q.hedged_after(&doc.text[span.end..sentence.span.end]),
                    None => q.clone(),
                };
                let hedge = &text[q.span.start..q.core.start];
                let peak = PEAKS.iter().copied().find(|p| hedge.starts_with(p));
                // 渋滞は一時、最大6キロに及んだ: the topic is what the peak is of.
                let topic = match (peak, topic) {
                    (Some(p), Some(t)) if key.subject == p => {
                        key.subject = t;
                        None
                    }
                    (_, topic) => topic,
                };
                let named = key.subject.clone();
                if let Some(first) = self.aliases.get(&key.subject) {
                    key.subject = first.clone();
                }
                out.push(Mention {
                    named,
                    quantity,
                    peak,
                    prose: doc.blocks[sentence.block].kind == BlockKind::Paragraph
                        && !doc.in_table_row(sentence.block),
                    span,
                    sentence: s,
                    block: sentence.block,
                    key,
                    entities: names.all,
                    people: names.people,
                    topic,
                });
            }
        }
        out
    }

    /// Whether a topic names a part of a company or body by its last word (`part-heads`:
    /// 冷凍食品事業, 飲料部門), not the part word alone.
    fn names_a_part(&self, topic: &str) -> bool {
        self.lexicons
            .get(LexiconId::PartHeads)
            .iter()
            .any(|h| topic.len() > h.len() && topic.ends_with(h))
    }

    /// The change that ends a list a value at `span` (then 、) opens: the next value of the
    /// sentence has `q`'s unit and an increase (`Some(true)`) or decrease (`Some(false)`)
    /// word right after it, with no 。 between (「床上浸水は21棟、床下浸水は23棟増えた」).
    fn listed_change(
        &self,
        a: &Analysis<'_>,
        q: &Quantity,
        span: Span,
        sentence: Span,
    ) -> Option<bool> {
        // The next value stands close by: a bounded reach keeps an endless sentence of
        // listed values linear.
        let mut reach = (span.end + LIST_REACH).min(sentence.end);
        while !a.text.is_char_boundary(reach) {
            reach -= 1;
        }
        let rest = &a.text[span.end..reach];
        let rest = &rest[..rest.find('。').unwrap_or(rest.len())];
        let next = quantity::find(rest).into_iter().next()?;
        if next.unit != q.unit {
            return None;
        }
        let after = a.first_at(span.end + next.span.end);
        if after >= a.tokens.len() || a.tokens[after].span.start != span.end + next.span.end {
            return None;
        }
        self.change_word(a, after)
    }

    /// Whether token `i` (as written or by base form) is an increase word (`Some(true)`,
    /// `increase-suffixes`) or a decrease word (`Some(false)`, `decrease-suffixes`).
    fn change_word(&self, a: &Analysis<'_>, i: usize) -> Option<bool> {
        let at = |id: LexiconId| {
            self.lexicons.contains(id, a.surface(i)) || self.lexicons.contains(id, a.base(i))
        };
        if at(LexiconId::IncreaseSuffixes) {
            Some(true)
        } else if at(LexiconId::DecreaseSuffixes) {
            Some(false)
        } else {
            None
        }
    }

    /// Whether one of two figures is told of a part (its sentence's topic names one:
    /// 「産業機器部品」部門は売上高が24.0%増) and the other of no topic (売上高は8.7%増): a
    /// part's figure and the whole's.
    fn part_and_whole(&self, x: Option<&str>, y: Option<&str>) -> bool {
        match (x, y) {
            (Some(t), None) | (None, Some(t)) => self.names_a_part(t),
            _ => false,
        }
    }

    /// Whether a word names a time: another one (`other-times`: 去年, 前回) or the article's own
    /// (`present-qualifiers`: 今年, 今回).
    fn names_a_time(&self, w: &str) -> bool {
        self.lexicons.contains(LexiconId::OtherTimes, w)
            || self.lexicons.contains(LexiconId::PresentQualifiers, w)
    }

    /// For each block, the other time (`other-times`: 去年, 前回) that the nearest heading over
    /// it naming a time sets it at: 「■去年うまくいかなかったこと」 over 「容量10リットル」,
    /// 「■今年変えたこと」 over 「容量25リットル」. A heading of the article's own time (今年,
    /// 今回) sets none and ends the one above it.
    fn heading_times<'d>(&self, ctx: &Context<'d>) -> Vec<Option<&'d str>> {
        let (doc, a) = (ctx.doc, ctx.analysis);
        // Open headings by level, each with the time it names (or none).
        let mut open: Vec<(u8, Option<&'d str>)> = Vec::new();
        let mut out = Vec::with_capacity(doc.blocks.len());
        for block in &doc.blocks {
            if let BlockKind::Heading { level } = block.kind {
                open.retain(|&(l, _)| l < level);
                let named = a
                    .within(block.span)
                    .map(|i| a.surface(i))
                    .find(|w| self.names_a_time(w));
                if let Some(w) = named {
                    let other = self.lexicons.contains(LexiconId::OtherTimes, w);
                    open.push((level, other.then_some(w)));
                }
                out.push(None);
                continue;
            }
            out.push(open.last().and_then(|&(_, t)| t));
        }
        out
    }

    /// What a quantity at `span` counts: its unit, subject and qualifiers, and the names of
    /// its clause; `None` when it is not an amount of something that can be told.
    fn key(
        &self,
        a: &Analysis<'_>,
        span: Span,
        q: &Quantity,
        sentence: Span,
        headline_subject: &str,
    ) -> Option<(Key, Names)> {
        let first = a.first_at(span.start);
        let next = a.first_at(span.end);
        let end = a.first_at(sentence.end);
        // 懲役8年, 任期4年: a number of years is an amount, not a date.
        let date = q.is_date() && !years_amount(&a.text[..span.start], &a.text[span.end..], q);
        // リーグ2位の128本: a rank before の ranks what follows, not its own subject.
        if q.unit == "位"
            && next < end
            && a.surface(next) == "の"
            && a.tokens[next].span.start == span.end
        {
            return None;
        }
        // 後半18分, 延長5分: a reading of a match clock, a point in time like 7時30分.
        if first > 0
            && a.tokens[first - 1].span.end == span.start
            && self
                .lexicons
                .contains(LexiconId::ClockPeriods, a.surface(first - 1))
        {
            return None;
        }
        let mut qualifiers = Vec::new();
        if next < end && a.tokens[next].span.start == span.end {
            let word = a.surface(next);
            let pair = (next + 1 < end).then(|| format!("{word}{}", a.surface(next + 1)));
            // Token `i`'s surface or base form is a word of lexicon `id`.
            let at = |id: LexiconId, i: usize| {
                self.lexicons.contains(id, a.surface(i)) || self.lexicons.contains(id, a.base(i))
            };
            let is = |id: LexiconId| {
                at(id, next)
                    || pair
                        .as_deref()
                        .is_some_and(|p| self.lexicons.contains(id, p))
            };
            // The size of an increase or decrease (8%増, 3.7%増加した, 2000人減った): a
            // quantity of its own, whatever else the word is.
            let increase = is(LexiconId::IncreaseSuffixes);
            let decrease = !increase && is(LexiconId::DecreaseSuffixes);
            // A threshold reached is a round number (1万人達成); a figure of three significant
            // digits or more reached (売上高1,248億円を達成) is the level, compared like any
            // other. A threshold crossed (123万人を突破) stays a bound however precise.
            let reached = |i: usize| matches!(a.base(i), "達成" | "到達");
            let precise = || transposable(q).is_some_and(|d| d.len() >= PRECISE_LEVEL_DIGITS);
            // 2025年3月期, 3号機: a name; 100億円突破: a milestone; 3ポイント下回り: a change.
            if !(increase || decrease)
                && (is(LexiconId::QuantityNameSuffixes)
                    || (is(LexiconId::MilestoneWords) && !(reached(next) && precise()))
                    || is(LexiconId::ChangeMarkers))
            {
                return None;
            }
            // 30億円を突破, 1万人に到達: a milestone after its particle.
            if matches!(word, "を" | "に")
                && next + 1 < end
                && at(LexiconId::MilestoneWords, next + 1)
                && !(reached(next + 1) && precise())
            {
                return None;
            }
            // 5万9千円まで下げてくれた: where a change went, not the value as it stands
            // elsewhere (A社 7万8千円 was the quote before).
            if word == "まで" && next + 1 < end && self.is_change(a, next + 1) {
                return None;
            }
            // 床上浸水は21棟、床下浸水は23棟増えた: the change after the last value of a
            // list is the change of every value listed before it.
            let listed = (!(increase || decrease) && word == "、")
                .then(|| self.listed_change(a, q, span, sentence))
                .flatten();
            if increase || listed == Some(true) {
                qualifiers.push("(増)".to_string());
            } else if decrease || listed == Some(false) {
                qualifiers.push("(減)".to_string());
            }
        }
        // 積読が7冊減った: with a counter the quantity reader does not know (冊), the change
        // word stands after the counter noun.
        if !marks_change(&qualifiers)
            && open_counter(a, q, span, next, end).is_some()
            && next + 1 < end
            && a.tokens[next + 1].span.start == a.tokens[next].span.end
        {
            match self.change_word(a, next + 1) {
                Some(true) => qualifiers.push("(増)".to_string()),
                Some(false) => qualifiers.push("(減)".to_string()),
                None => {}
            }
        }
        let clause = self.clause_start(a, first, sentence);
        let clause_end = self.clause_end(a, next, end);
        // 44.90%を3.53ポイント下回り: the value a change starts from.
        if next < end && a.surface(next) == "を" && (next..clause_end).any(|i| self.is_change(a, i))
        {
            return None;
        }
        // 抽選券3枚で1回, 1,000円で1枚: a rate of exchange, not an amount of the thing.
        if next + 1 < end && a.surface(next) == "で" && a.features(next + 1).pos.is_number() {
            return None;
        }
        qualifiers.extend(self.qualifiers(a, clause..first));
        // 売上高が前年同期に比べて9.6%伸びた: the base written out is the base 前年同期比
        // writes, and the subject stands before it.
        let compared = written_comparison(a, clause, first, marks_change(&qualifiers));
        if let Some((base_start, base)) = &compared {
            self.drop_qualifiers_of(a, *base_start..first, &mut qualifiers);
            qualifiers.push(base.clone());
        }
        let subject_end = compared.as_ref().map_or(first, |(start, _)| *start);
        // 「ルミナ」と「ワークスK」の計1万1852台: the total of a list, not of its last item.
        let before = a.text[a.tokens[clause].span.start..span.start].trim_end_matches('約');
        if ["計", "合計", "総計"].iter().any(|t| before.ends_with(t))
            && (clause..first)
                .any(|i| matches!(a.surface(i), "と" | "や") && a.features(i).pos.is_particle())
        {
            qualifiers.push("(計)".to_string());
        }
        // 「このうちオレオレ詐欺は138件で、被害額は約6億2000万円」: a part announced at the
        // start of the sentence governs every clause of it.
        let sentence_start = a.first_at(sentence.start);
        // 「昨年度は雪が少なく、除雪費は約3億8000万円」, 「会社側は当初、4.6%の賃上げを提示」:
        // a time set off in an earlier clause (as a topic, or by a comma) is the time of every
        // figure of the sentence. Read within a clause's reach of the sentence's start, so that
        // an endless sentence stays linear.
        if clause > sentence_start {
            let set_off = (sentence_start..clause.min(sentence_start + MAX_CLAUSE_TOKENS))
                .filter(|&i| i + 1 < clause && matches!(a.surface(i + 1), "は" | "、"))
                .collect::<Vec<_>>();
            for i in set_off {
                // 前半のシュート数は、…北辰は5本: a topic's noun phrase qualifies it whole.
                let mut from = i;
                if a.surface(i + 1) == "は" {
                    while from > sentence_start
                        && i - from < MAX_TOPIC_RUN
                        && (a.surface(from - 1) == "の" || a.features(from - 1).pos.is_noun())
                    {
                        from -= 1;
                    }
                }
                qualifiers.extend(self.qualifiers(a, from..i + 1));
            }
        }
        if (sentence_start..clause.min(sentence_start + 3)).any(|i| a.surface(i) == "うち") {
            qualifiers.push("うち".to_string());
        }
        // 「売上高は前期比8.1%増、営業利益は同12.4%増」: 同 before a number repeats the
        // comparison base stated before it in the sentence.
        if first > sentence_start
            && a.surface(first - 1) == "同"
            && a.features(first - 1).pos.is_prefix()
            && let Some(base) = comparison_base_before(a, sentence_start, first - 1)
        {
            qualifiers.push(base);
        }
        // A date is planned only by its own clause (17日に放送予定); a plan told after it
        // (投開票日まで、両陣営は…を重ねる予定だ) is not the date's. A figure inside the topic
        // (「総額43億2000万円の予算案は、…採決される予定だ」) is what is talked about, given; a
        // forecast after the topic is the comment's.
        let reach = if date {
            clause_end
        } else {
            topic_of_figure(a, next, end).unwrap_or(end)
        };
        if (first..reach.min(first + MAX_CLAUSE_TOKENS)).any(|i| {
            self.lexicons.contains(LexiconId::ForecastWords, a.base(i)) || looks_likely(a, i)
        }) {
            qualifiers.push("(予想)".to_string());
        }
        // 24公演, 約40株: a counter the quantity reader does not know (a noun written onto the
        // number) is the unit; what is counted is found as for any unit.
        let unit = match open_counter(a, q, span, next, end) {
            Some(noun) => format!("~{noun}"),
            None => q.unit.clone(),
        };
        // 17の停留場: a number that modifies a noun counts that noun; so does one with a
        // counter noun (約1万発の花火).
        let of = if unit.starts_with('~') {
            a.counter_noun_at(span.end).map_or(next, |i| i + 1)
        } else {
            next
        };
        // 259万7000円という価格, 259万7000円からという価格: という links the value to what it
        // is of as の does.
        let link = if of + 1 < end && a.surface(of) == "から" && a.surface(of + 1) == "という"
        {
            of + 1
        } else {
            of
        };
        let following = (link < end
            && matches!(a.surface(link), "の" | "という")
            && a.tokens[of].span.start == a.tokens[of - 1].span.end
            && (of > next || a.tokens[of].span.start == span.end))
            .then(|| noun_chain_forward(a, link + 1))
            .flatten()
            // 38億円のうち: うち marks a part of the amount, not what it counts.
            .filter(|(n, _)| n != "うち")
            // 約450キロという今年の収量: a time before what is counted qualifies it.
            .and_then(|(n, after)| {
                let time = after + 1 < end
                    && a.surface(after) == "の"
                    && self.lexicons.contains(LexiconId::QuantityQualifiers, &n);
                if !time {
                    return Some((n, after));
                }
                if !self.lexicons.contains(LexiconId::PresentQualifiers, &n) {
                    qualifiers.push(n);
                }
                noun_chain_forward(a, after + 1)
            });
        if unit.is_empty() {
            // PowerBox 1000の容量: the number of a model's name, not an amount.
            let before = a.text[..span.start].trim_end_matches(' ');
            if before.ends_with(|c: char| c.is_ascii_alphabetic()) {
                return None;
            }
            let (subject, _) = following?;
            if subject.chars().count() < 2 {
                return None;
            }
            let entities = self.entities(a, clause..first);
            return Some((
                Key {
                    unit: subject.clone(),
                    subject,
                    qualifiers,
                },
                entities,
            ));
        }
        // 費用を年間約18億円と試算: an amount stated of the object of an estimate or a setting
        // (`estimate-verbs`) counts that object.
        // The verb (見込む) or the サ変 noun of one (試算した).
        let estimated = next + 1 < end
            && matches!(a.surface(next), "と" | "に")
            && (self
                .lexicons
                .contains(LexiconId::EstimateVerbs, a.base(next + 1))
                || a.features(next + 1).pos.is_sahen_noun()
                    && self
                        .lexicons
                        .contains(LexiconId::EstimateVerbs, a.surface(next + 1)));
        // 総額43億円の予算案 counts 総額 (the noun the number is written on); 2人の行方 with no
        // noun before it counts 行方.
        let attached = (first > clause)
            .then(|| {
                let p = a.features(first - 1).pos;
                let joined = a.tokens[first - 1].span.end == a.tokens[first].span.start;
                (joined && p.is_noun() && !p.is_number() && !p.is_pronoun())
                    .then(|| self.counted(noun_chain_back(a, first - 1, clause), a))
            })
            .flatten();
        let subject = match attached {
            Some(chain) if after_number(a, chain.start) => None,
            // 前期比6.1%増: what it is compared with, not what is counted.
            Some(chain) if chain.text.ends_with('比') => {
                qualifiers.push(chain.text.clone());
                self.subject_before(a, clause, chain.start, estimated, &mut qualifiers)
            }
            Some(chain) if self.is_filler(&chain.text) => {
                self.subject_before(a, clause, chain.start, estimated, &mut qualifiers)
            }
            // 年間3兆円: per year, not what is counted.
            Some(chain) if PER_PERIOD.contains(&chain.text.as_str()) => {
                qualifiers.push(format!("({})", chain.text));
                self.subject_before(a, clause, chain.start, estimated, &mut qualifiers)
            }
            Some(chain) => Some(chain),
            None => self.subject_before(a, clause, subject_end, estimated, &mut qualifiers),
        };
        // 全14公演, 全12話: the whole of what the counter counts (not 予定 of 全14公演の予定);
        // 全12席のカウンター is the whole of the カウンター.
        let names_thing = following.as_ref().is_some_and(|(n, _)| {
            !self.is_filler(n)
                && !self.lexicons.contains(LexiconId::ForecastWords, n)
                && !self.lexicons.contains(LexiconId::QuantityQualifiers, n)
        });
        let whole = unit
            .strip_prefix('~')
            .filter(|_| {
                !names_thing
                    && first > 0
                    && a.surface(first - 1) == "全"
                    && a.tokens[first - 1].span.end == a.tokens[first].span.start
            })
            .map(|noun| Chain {
                text: format!("全{noun}"),
                start: first - 1,
                last: first - 1,
            });
        // What the whole is, not which clause or place it is told in (全国12都市を回る全14
        // 公演 / 全13公演のうち); its time and kind of figure still count.
        let is_whole = whole.is_some();
        let subject = whole.or(subject);
        // 最速52分, 最大で3万人: a superlative says what is measured when nothing else does.
        let superlative = (q.core.start > q.span.start)
            .then(|| {
                let hedge = &a.text[span.start..span.start + (q.core.start - q.span.start)];
                hedge.starts_with('最').then(|| Chain {
                    text: hedge.to_string(),
                    start: first,
                    last: first,
                })
            })
            .flatten();
        // 3月14日に発売, 3月21日発売: a date is the date of the event that follows it.
        let event = date.then(|| following_event(a, next, end)).flatten();
        // 最大8キロの渋滞: what follows names what is measured before the superlative does.
        let followed = superlative.as_ref().and_then(|_| {
            following
                .as_ref()
                .filter(|(n, _)| !self.is_filler(n))
                .map(|(text, end)| Chain {
                    text: text.clone(),
                    start: next + 1,
                    last: end - 1,
                })
        });
        // Nothing names what is counted (計約1,480万円を着服): a mention without a subject,
        // compared only as a transposition of digits ([`transposable`]).
        // 通算8度目の全国大会出場, 今回で3度目の上演: an ordinal counts the event it numbers;
        // a subject marked as such (カード本体は10回目の誕生日, 電子証明書は5回目の誕生日) still
        // says whose event it is.
        let owned = subject
            .as_ref()
            .is_some_and(|c| c.last + 1 < first && matches!(a.surface(c.last + 1), "は" | "が"));
        let numbered = (q.ordinal && names_thing && !owned)
            .then_some(following.as_ref())
            .flatten()
            .map(|(text, end)| Chain {
                text: text.clone(),
                start: next + 1,
                last: end - 1,
            });
        let subject = match numbered.or(subject).or(followed).or(superlative).or(event) {
            Some(chain) => chain,
            None => match following.filter(|(n, _)| !self.is_filler(n)) {
                Some((text, end)) => Chain {
                    text,
                    start: next + 1,
                    last: end - 1,
                },
                None if date || q.ordinal => return None,
                None => Chain {
                    text: String::new(),
                    start: first,
                    last: first,
                },
            },
        };
        // A date is the date of an event (発売日, 施行), not of whoever acts on it (町は17日に);
        // one character says too little of what is counted.
        let mut subject = if date && !is_event(a, &subject) {
            following_event(a, next, end)?
        } else {
            subject
        };
        // 投開票日 / 投開票, 施行日 / 施行: the day of an event is the event's date; so is its
        // first day (リニューアル初日, 就航初日).
        if date
            && subject.text.chars().count() >= 3
            && let Some(event) = subject.text.strip_suffix('日')
        {
            let event = event
                .strip_suffix('初')
                .filter(|e| e.chars().count() >= 2)
                .unwrap_or(event);
            subject.text = event.to_string();
        }
        if subject.text.chars().count() == 1 {
            return None;
        }
        // 最終利益は412億円: a word of the name itself (最終 of 最終利益) does not qualify
        // it; the name is compared whole (and by its `aliases`: 当期純利益).
        if !subject.text.is_empty() && subject.start >= clause && subject.last < first {
            self.drop_qualifiers_of(a, subject.start..subject.last + 1, &mut qualifiers);
        }
        let entities = self.entities(a, clause..first);
        // Without a subject (a mention only the digit-slip pass compares) there is nothing a
        // clause, an owner or brackets could tell apart.
        if !subject.text.is_empty() {
            // 「受診したケースは約1万8000件」 / 「対応できなかったケースは318件」: a clause
            // that modifies what is counted tells which of them.
            if let Some(action) = modifying_clause(a, sentence_start, subject.start) {
                qualifiers.push(format!("({action})"));
            }
            // 現職17人、元職1人、新人8人が当選した / 現職2人が落選: the outcome said of the
            // people counted tells which of them (`outcome-words`).
            if q.unit == "人"
                && let Some(outcome) = self.outcome_after(a, next, end)
            {
                qualifiers.push(format!("({outcome})"));
            }
            // 懲役8年を求刑 / 懲役6年の判決: the stage of the case a term is told at
            // (`court-stages`), in its clause before or after it.
            if q.unit == "年" && !date {
                let stage = (clause..first)
                    .rev()
                    .chain(next..clause_end)
                    .map(|k| a.base(k))
                    .find(|w| self.lexicons.contains(LexiconId::CourtStages, w));
                if let Some(stage) = stage {
                    qualifiers.push(format!("({stage})"));
                }
            }
            // 中央図書館の蔵書 in an article headed 「市立中央図書館、長期休館へ」: the
            // article's own thing, as its other mentions say without naming it (冷凍食品の売上高
            // under 「北浜食品、増益 冷凍食品が好調」 is one segment's).
            if let Some(owner) = owner_of(a, &subject.text, clause, first)
                && !self.lexicons.contains(LexiconId::PresentQualifiers, &owner)
                && !headline_subject.contains(owner.as_str())
            {
                // 東図書館の蔵書 under 「中央図書館が休館へ」: another of the kind the article is
                // about, which even a slip's looser reading keeps apart.
                if sibling_of_headline(&owner, headline_subject) {
                    qualifiers.push(SIBLING.to_string());
                }
                qualifiers.push(owner);
            }
            // 1日乗車券（大人500円）: a value in brackets belongs to what the brackets follow.
            if let Some(owner) = bracket_owner(a, clause, first) {
                qualifiers.push(format!("({owner})"));
            }
        }
        // What the whole is, not which clause or place it is told in (全国12都市を回る全14
        // 公演 / 全13公演のうち); its time and kind of figure still count.
        if is_whole {
            qualifiers.retain(|q| {
                matches!(q.as_str(), "(予想)" | "(増)" | "(減)")
                    || !(q.starts_with('(') || PLACE_QUALIFIERS.contains(&q.as_str()))
            });
        }
        qualifiers.sort();
        qualifiers.dedup();
        Some((
            Key {
                unit,
                subject: subject.text,
                qualifiers,
            },
            entities,
        ))
    }

    /// 店舗数は1046店, 応募総数1423本: the number of X counts X (a chain ending in a filler
    /// token is the chain before it).
    fn counted(&self, chain: Chain, a: &Analysis<'_>) -> Chain {
        if chain.start < chain.last && self.is_filler(a.surface(chain.last)) {
            noun_chain_back(a, chain.last - 1, chain.start)
        } else {
            chain
        }
    }

    fn is_filler(&self, word: &str) -> bool {
        self.lexicons.contains(LexiconId::AmountFillers, word)
    }

    fn is_change(&self, a: &Analysis<'_>, i: usize) -> bool {
        let change = self.lexicons.get(LexiconId::ChangeMarkers);
        change.contains(a.surface(i)) || change.contains(a.base(i))
    }

    /// The first token of the clause holding token `first`: after the last 。 or 、 before it
    /// within the sentence. A 、 right after は/が (総額は、42億円) or right after a number
    /// (売上高5,100億円、純利益350億円: one list of figures) does not end the clause.
    fn clause_start(&self, a: &Analysis<'_>, first: usize, sentence: Span) -> usize {
        let start = a.first_at(sentence.start);
        let mut i = first;
        let floor = start.max(first.saturating_sub(MAX_CLAUSE_TOKENS));
        while i > floor {
            let s = a.surface(i - 1);
            if s == "。" {
                break;
            }
            if s == "、" && !continues_clause(a, i - 1) {
                break;
            }
            i -= 1;
        }
        i
    }

    /// The token after the clause holding token `next` (exclusive end, before `end`).
    fn clause_end(&self, a: &Analysis<'_>, next: usize, end: usize) -> usize {
        let end = end.min(next + MAX_CLAUSE_TOKENS);
        (next..end)
            .find(|&i| matches!(a.surface(i), "。" | "、"))
            .unwrap_or(end)
    }

    /// The nearest noun chain before token `first`, within the clause: particles, symbols,
    /// other numbers with what they count (18.9%増の), filler nouns and comparison bases
    /// (前期比, kept as qualifiers) are skipped; a verb or adjective in between means the
    /// number is not about a noun here, except a サ変 noun done right before the number
    /// (回答した312社 counts 回答). Past the size of a change (前年同期比11.3%増の2184億円) the
    /// chain is the change's subject, read whole, and the comparison base is not the level's.
    fn subject_before(
        &self,
        a: &Analysis<'_>,
        clause: usize,
        first: usize,
        estimated: bool,
        qualifiers: &mut Vec<String>,
    ) -> Option<Chain> {
        let mut i = first;
        let mut floor = clause.max(first.saturating_sub(SUBJECT_REACH));
        // 売上高は前年同期比11.3%増の2184億円: a value after the size of a change (11.3%増の)
        // is the level the change led to; it counts what the change counts, and the
        // comparison base qualifies the change, not the level.
        let mut after_change = false;
        // 全壊した41棟, 浸水した160棟: a サ変 noun done (した, された) right before the number
        // counts those it was done to or by: what is counted is the act.
        if first >= floor + 3
            && a.surface(first - 1) == "た"
            && a.features(first - 1).pos.is_auxiliary_verb()
            && matches!(a.base(first - 2), "する" | "れる" | "られる")
        {
            let mut stem = first - 2;
            if matches!(a.base(stem), "れる" | "られる")
                && stem > floor
                && a.base(stem - 1) == "する"
            {
                stem -= 1;
            }
            if stem > floor
                && a.base(stem) == "する"
                && a.features(stem - 1).pos.is_sahen_noun()
                && a.tokens[stem - 1].span.end == a.tokens[stem].span.start
            {
                return Some(noun_chain_back(a, stem - 1, floor));
            }
        }
        while i > floor {
            let j = i - 1;
            let pos = a.features(j).pos;
            // 総額は、投票率が、全部で: particles that link a thing to its amount; 空港南までを
            // 52分で is not the amount of 空港南.
            if pos.is_particle() {
                let object = estimated && a.surface(j) == "を";
                if !(object || matches!(a.surface(j), "は" | "が" | "も" | "の" | "で")) {
                    return None;
                }
                i = j;
                continue;
            }
            // 矢島は「4度目の…: a quotation opens a clause of its own; the speaker before it is
            // not what its numbers count.
            if pos.is_opening_bracket() {
                return None;
            }
            if pos.is_symbol() || pos.is_number() {
                i = j;
                continue;
            }
            if pos.is_noun() && !pos.is_pronoun() {
                // Past a change, the chain may start before the reach (売上高 | は | 前期比 …).
                let chain_floor = if after_change { clause } else { floor };
                let chain = self.counted(noun_chain_back(a, j, chain_floor), a);
                if after_number(a, chain.start) || self.is_filler(&chain.text) {
                    if after_number(a, chain.start)
                        && a.surface(chain.last + 1) == "の"
                        && [LexiconId::IncreaseSuffixes, LexiconId::DecreaseSuffixes]
                            .iter()
                            .any(|&id| self.lexicons.contains(id, &chain.text))
                    {
                        after_change = true;
                        floor = clause.max(chain.start.saturating_sub(SUBJECT_REACH));
                    }
                    i = chain.start;
                    continue;
                }
                if chain.text.ends_with('比') {
                    if !after_change {
                        qualifiers.push(chain.text.clone());
                    }
                    i = chain.start;
                    continue;
                }
                // 影響額は年間で約3兆円: per year, with whatever particle.
                if PER_PERIOD.contains(&chain.text.as_str()) {
                    qualifiers.push(format!("({})", chain.text));
                    i = chain.start;
                    continue;
                }
                // 「前年度の3.8倍」: a time or other qualifier modifying the number is not what
                // is counted (「世界で2例目」「目標は30億円」 keep theirs).
                // 「前年同期は330億円」: a period as the topic is when, not what (a goal keeps
                // its own: 「目標は30億円」).
                let linked = match a.surface(chain.last + 1) {
                    "の" => true,
                    "は" => !self
                        .lexicons
                        .contains(LexiconId::ForecastWords, &chain.text),
                    _ => false,
                };
                if linked
                    && self
                        .lexicons
                        .contains(LexiconId::QuantityQualifiers, &chain.text)
                {
                    if !self
                        .lexicons
                        .contains(LexiconId::PresentQualifiers, &chain.text)
                    {
                        qualifiers.push(chain.text.clone());
                    }
                    i = chain.start;
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

    /// Removes from `qualifiers` the ones tokens `range` gave it (one each): the words of a
    /// name (最終 of 最終利益) or of a comparison base (前年同期 of 前年同期に比べて), which
    /// the clause scan read as qualifiers of their own.
    fn drop_qualifiers_of(
        &self,
        a: &Analysis<'_>,
        range: std::ops::Range<usize>,
        qualifiers: &mut Vec<String>,
    ) {
        for own in self.qualifiers(a, range) {
            if let Some(k) = qualifiers.iter().position(|q| *q == own) {
                qualifiers.remove(k);
            }
        }
    }

    /// The qualifier words in tokens `range` (as written or by base form), and the periods
    /// a number names (2026年3月期).
    fn qualifiers(&self, a: &Analysis<'_>, range: std::ops::Range<usize>) -> Vec<String> {
        let words = self.lexicons.get(LexiconId::QuantityQualifiers);
        let present = self.lexicons.get(LexiconId::PresentQualifiers);
        let periods = self.lexicons.get(LexiconId::QuantityNameSuffixes);
        let mut out = Vec::new();
        for i in range.clone() {
            // 今回, 今年: the article's own time, what a mention without a qualifier means too.
            if present.contains(a.surface(i)) {
                continue;
            }
            // 昨年より2,000発多い, 前期比6.2%増, 前年同期比: what the figure is compared with,
            // not its time.
            let compared = i + 1 < a.tokens.len() && a.surface(i + 1) == "より"
                || starts_comparison_base(a, i);
            if compared {
                continue;
            }
            if words.contains(a.surface(i)) || words.contains(a.base(i)) {
                out.push(a.surface(i).to_string());
            } else if let Some(condition) = condition_at(a, i) {
                out.push(condition);
            } else if periods.contains(a.surface(i)) && i > range.start && after_number(a, i) {
                let mut s = i;
                while s > range.start
                    && a.tokens[s - 1].span.end == a.tokens[s].span.start
                    && (a.features(s - 1).pos.is_number() || after_number(a, s - 1))
                {
                    s -= 1;
                }
                out.push(a.text[a.tokens[s].span.start..a.tokens[i].span.end].to_string());
            }
        }
        out.sort();
        out.dedup();
        out
    }

    /// The noun chain nearest before offset `at` in the sentence that is marked by は or が,
    /// with the offset where the particle ends: not a time or other qualifier (今年は), not an
    /// anaphor (同社は), not a number.
    fn topic_before(&self, a: &Analysis<'_>, sentence: Span, at: usize) -> Option<(String, usize)> {
        let range = a.within(Span::new(sentence.start, at));
        let wa = topic_marker_before(a, sentence, at)?;
        if !a.features(wa - 1).pos.is_noun() {
            return None;
        }
        let chain = noun_chain_back(a, wa - 1, range.start);
        // 「産業機器部品」部門は: a name in brackets right before the head is part of it.
        let named = (chain.start > range.start
            && matches!(a.surface(chain.start - 1), "」" | "』")
            && a.tokens[chain.start - 1].span.end == a.tokens[chain.start].span.start)
            .then(|| {
                let close = a.surface(chain.start - 1);
                let open = if close == "」" { "「" } else { "『" };
                (range.start..chain.start - 1)
                    .rev()
                    .take(TOPIC_NAME_TOKENS)
                    .find(|&k| a.surface(k) == open)
            })
            .flatten();
        let t = match named {
            Some(k) => a.text[a.tokens[k].span.start..a.tokens[chain.last].span.end].to_string(),
            None => chain.text,
        };
        if !self.names_a_topic(&t) || a.features(wa - 1).pos.is_pronoun() {
            return None;
        }
        Some((t, a.tokens[wa].span.end))
    }

    /// Whether a noun chain before は or が can be a topic that tells figures apart: two
    /// characters or more, not an anaphor written with 同 (同社), not a number, not a time or
    /// other qualifier (今年は, 当初は).
    fn names_a_topic(&self, t: &str) -> bool {
        t.chars().count() >= 2
            && !t.starts_with('同')
            && !t.chars().any(|c| c.is_ascii_digit())
            && !self.lexicons.contains(LexiconId::QuantityQualifiers, t)
            && !self.lexicons.contains(LexiconId::PresentQualifiers, t)
    }

    /// Proper nouns (runs of them: 佐藤美和) and 『titles』 in tokens `range`.
    fn entities(&self, a: &Analysis<'_>, range: std::ops::Range<usize>) -> Names {
        let mut out = Vec::new();
        let mut people = Vec::new();
        let mut i = range.start;
        while i < range.end {
            if a.features(i).pos.is_proper_noun() {
                let s = i;
                while i + 1 < range.end
                    && a.features(i + 1).pos.is_proper_noun()
                    && a.tokens[i].span.end == a.tokens[i + 1].span.start
                {
                    i += 1;
                }
                let name = a.text[a.tokens[s].span.start..a.tokens[i].span.end].to_string();
                if a.features(s).pos.is_person_name() {
                    people.push(name.clone());
                }
                out.push(name);
            } else if a.surface(i) == "『" {
                let s = i + 1;
                while i + 1 < range.end && a.surface(i + 1) != "』" {
                    i += 1;
                }
                if s <= i && i + 1 < range.end {
                    out.push(a.text[a.tokens[s].span.start..a.tokens[i].span.end].to_string());
                }
                i += 1;
            }
            i += 1;
        }
        out.sort();
        out.dedup();
        people.sort();
        people.dedup();
        Names { all: out, people }
    }
}

/// Who or what a clause names before a number: every proper noun and 『title』, and the
/// people among them.
#[derive(Debug, Default)]
struct Names {
    all: Vec<String>,
    people: Vec<String>,
}

/// Whether token `i` is the そう of appearance (下がりそうだ, 高そうだ, 元気そうだ): a forecast,
/// after a verb's continuative form, an adjective's stem or a な-adjective. Not the そう of
/// hearsay (集まったそうです, 2例目だそうです), which reports a result.
fn looks_likely(a: &Analysis<'_>, i: usize) -> bool {
    if i == 0 || a.surface(i) != "そう" || !a.features(i).pos.is_auxiliary_stem() {
        return false;
    }
    let before = a.features(i - 1);
    matches!(
        before.conjugation,
        Conjugation::Continuative | Conjugation::Garu
    ) && (before.pos.is_verb() || before.pos.is_adjective())
        || before.pos.is_adjectival_noun()
}

/// Whether text ending right before a bare number makes it a label (要介護4, 震度5, レベル3,
/// Q2): it ends in a letter, kanji or katakana of a word the number is written onto, not in
/// a particle, punctuation or a prefix of amounts (約, 計, 全, 各, 第, 総, 延べ).
fn labels_a_word(before: &str) -> bool {
    before.chars().next_back().is_some_and(|c| {
        let letter = c.is_ascii_alphabetic() || ('Ａ'..='ｚ').contains(&c);
        (letter || is_kanji(c) || is_katakana(c))
            && !matches!(c, '約' | '計' | '全' | '各' | '第' | '総')
    })
}

/// Whether two ordinals count from the first on, in text order (1回目の挑戦は…しかし
/// 2回目の挑戦では, also in paragraphs told in turn): a narrated sequence of attempts, not
/// one event numbered twice. A count that starts later (世界で2例目 / 世界で3例目) is one
/// event's rank told two ways.
fn in_sequence(earlier: &Mention, later: &Mention) -> bool {
    earlier.quantity.ordinal
        && later.quantity.ordinal
        && earlier.quantity.value == 1.0
        && later.quantity.value == 2.0
}

/// Whether two mentions' values can both hold: two peaks of one thing (最大8キロ / 最大6キロ)
/// only when they are one value; other values when their intervals meet or round to each
/// other ([`Quantity::compatible`]).
fn agree(m: &Mention, other: &Mention) -> bool {
    // 1876年に創立 / 創立148年: a calendar year and a number of years are two things.
    let calendar = |q: &Quantity| q.value >= 1000.0;
    if m.key.unit == "年" && calendar(&m.quantity) != calendar(&other.quantity) {
        return true;
    }
    match (m.peak, other.peak) {
        // Peaks in a spec list of several products are each product's own.
        (Some(x), Some(y)) if x == y && m.key.subject != x && (m.prose || other.prose) => {
            let (mut p, mut q) = (m.quantity.clone(), other.quantity.clone());
            (p.low, p.high) = (p.value, p.value);
            (q.low, q.high) = (q.value, q.value);
            p.compatible(&q)
        }
        _ => m.quantity.compatible(&other.quantity),
    }
}

/// Whether the 、 at token `comma` continues its clause: after は/が, or after a number
/// and its counter.
fn continues_clause(a: &Analysis<'_>, comma: usize) -> bool {
    if comma == 0 {
        return false;
    }
    let prev = comma - 1;
    matches!(a.surface(prev), "は" | "が")
        || a.features(prev).pos.is_number()
        || after_number(a, prev)
}

/// Whether token `i` is written right after a number (a counter or a suffix of it: 増, 年).
fn after_number(a: &Analysis<'_>, i: usize) -> bool {
    i > 0
        && a.tokens[i - 1].span.end == a.tokens[i].span.start
        && (a.features(i - 1).pos.is_number() || a.surface(i - 1) == "%")
}

/// The サ変 noun right after a date, or after its に/から/まで (3月14日に発売される); not one
/// that 分 follows (10月使用分: the portion of a month).
fn following_event(a: &Analysis<'_>, next: usize, end: usize) -> Option<Chain> {
    let mut i = next;
    if i < end && matches!(a.surface(i), "に" | "から" | "まで") {
        i += 1;
    }
    // 10月使用分, 9月請求分: the portion of that month, a period named, not the date of an
    // event.
    let portion = i + 1 < end
        && a.surface(i + 1) == "分"
        && a.tokens[i + 1].span.start == a.tokens[i].span.end;
    (i < end && a.features(i).pos.is_sahen_noun() && !portion).then(|| Chain {
        text: a.surface(i).to_string(),
        start: i,
        last: i,
    })
}

/// Whether a subject names an event (a date's subject): it ends with a サ変 noun (施行,
/// 発売; not 来場者) or with 日, 式 or 会 (発売日, 開会式, 説明会).
/// Era names and school years a year number follows when it is a date or a grade (令和4年,
/// 高校3年), not a number of years.
const YEAR_NAMES: &[&str] = &[
    "令和", "平成", "昭和", "大正", "明治", "西暦", "元", "小学", "中学", "高校", "大学", "学年",
    "高", "中", "小",
];

/// Whether a quantity in 年 is a number of years (懲役8年, 任期4年) rather than a date
/// (2024年, 令和4年) or a grade (高校3年), by the text `before` and `after` it.
fn years_amount(before: &str, after: &str, q: &Quantity) -> bool {
    q.unit == "年"
        && q.value < 1000.0
        && !q.ordinal
        && !YEAR_NAMES.iter().any(|n| before.ends_with(n))
        && !after.starts_with(['生', '目', '度', '次', '組', 'ぶ', '前', '後', '代'])
}

fn is_event(a: &Analysis<'_>, subject: &Chain) -> bool {
    a.features(subject.last).pos.is_sahen_noun()
        || ["日", "式", "会"].iter().any(|e| subject.text.ends_with(e))
}

/// The significant digits of an amount that a slip may have reordered: an exact or hedged
/// value (not a date, an ordinal or a bound) with at least two of them (1,480 → 148;
/// 4億2,000万 → 42; 3億 → 3 has too few). Two digits reorder by chance more often than three,
/// so a slip of two in a list item needs both mentions to name what they count
/// ([`NAMED_SLIP_DIGITS`]).
fn transposable(q: &Quantity) -> Option<Vec<u8>> {
    if q.ordinal || q.is_date() || q.unit == "年" || q.low.is_infinite() || q.high.is_infinite() {
        return None;
    }
    let written = format!("{:.6}", q.value);
    let digits: Vec<u8> = written
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|&d| d == b'0')
        .collect();
    let end = digits.iter().rposition(|&d| d != b'0')? + 1;
    let digits = digits[..end].to_vec();
    (digits.len() >= MIN_TRANSPOSED_DIGITS).then_some(digits)
}

/// Fewest significant digits of a level reached that is compared (売上高1,248億円を達成),
/// not read as a round threshold (1万人達成, 20億円を達成).
const PRECISE_LEVEL_DIGITS: usize = 3;

/// Fewest significant digits [`transposable`] compares.
const MIN_TRANSPOSED_DIGITS: usize = 2;

/// Fewer significant digits than this (84億円 / 48億円, 約340人 / 約430人) are a slip in a list
/// item only when both mentions name what they count: a step or a row of a comparison counts what
/// its label or its place says (できあがるコーヒーは約210ml / 2投目は120mlまで,
/// テーブルとイス：計8.5kg / 重さ5.8kg). Two figures of prose with two digits reordered are still
/// reported without names: they were slips 13 times in 14 on dev (the one not:
/// 基金から14億円を取り崩す / 基金残高は約41億円).
const NAMED_SLIP_DIGITS: usize = 3;

/// Whether the noun written at token `i` opens a comparison base: the nouns written on to it
/// end in 比 (前期|比, 前年|同期|比), within a few tokens (a long run of nouns is read once
/// per qualifier, so the walk is bounded).
fn starts_comparison_base(a: &Analysis<'_>, i: usize) -> bool {
    const MAX_BASE_TOKENS: usize = 4;
    let mut j = i;
    while j + 1 < a.tokens.len().min(i + MAX_BASE_TOKENS)
        && a.tokens[j].span.end == a.tokens[j + 1].span.start
        && a.features(j + 1).pos.is_noun()
    {
        j += 1;
        if a.surface(j).ends_with('比') {
            return true;
        }
    }
    false
}

/// Whether two digit strings differ by two neighbouring digits swapped (1480 / 1840, 7820 /
/// 7280): the slip of a hand or an ear. Other orders of the same digits (1035 / 1503, 1254 /
/// 4512) are as often two figures that share digits by chance.
fn is_adjacent_swap(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let Some(i) = (0..a.len()).find(|&i| a[i] != b[i]) else {
        return false;
    };
    i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..]
}

/// Whether two values have as many digits before the point (1,480万 / 1,840万; not 18億 /
/// 1280億, which no slip of order makes).
fn same_magnitude(a: f64, b: f64) -> bool {
    a > 0.0 && b > 0.0 && a.log10().floor() == b.log10().floor()
}

/// Prefixes of a subject that refers back to what was named before (両地区, 同地区).
const REFERRING_PREFIXES: [char; 2] = ['両', '同'];

/// Whether two subjects may name one thing: one missing, one inside the other, the same
/// in their first two characters (被害額 / 被害総額, 発売戸数 / 発売), or one referring back
/// with 両 or 同 to what the other names (両地区 / 上野地区). Two compounds with one head are
/// two things (営業利益 / 経常利益, 植物油指数 / 砂糖指数).
fn related_names(a: &Key, b: &Key) -> bool {
    let start = |s: &str| s.chars().take(2).collect::<String>();
    // 両地区, 同地区: the places named before, whichever of them the other mention names
    // (上野地区).
    let refers_to = |x: &str, y: &str| {
        x.strip_prefix(REFERRING_PREFIXES)
            .is_some_and(|rest| rest.chars().count() >= 2 && y.ends_with(rest))
    };
    a.subject.is_empty()
        || b.subject.is_empty()
        || a.subject.contains(&b.subject)
        || b.subject.contains(&a.subject)
        || (a.subject.chars().count() >= 2 && start(&a.subject) == start(&b.subject))
        || refers_to(&a.subject, &b.subject)
        || refers_to(&b.subject, &a.subject)
}

/// The noun before an opening bracket that encloses token `first` within the clause:
/// 1日乗車券（大人500円） gives 乗車券.
fn bracket_owner(a: &Analysis<'_>, clause: usize, first: usize) -> Option<String> {
    let mut depth = 0usize;
    for i in (clause..first).rev() {
        match a.surface(i) {
            "）" | ")" => depth += 1,
            "（" | "(" if depth > 0 => depth -= 1,
            "（" | "(" => {
                if i == 0 || i <= clause {
                    return None;
                }
                let p = a.features(i - 1).pos;
                return (p.is_noun() && !p.is_number())
                    .then(|| noun_chain_back(a, i - 1, clause).text);
            }
            _ => {}
        }
    }
    None
}

/// Whether one key's mentions state three or more values that exclude each other: a table
/// or ranking (each row a different film, candidate or place), not one quantity misstated.
fn is_listing(group: &[&Mention]) -> bool {
    let mut distinct: Vec<&Quantity> = Vec::new();
    for m in group {
        if distinct.iter().all(|d| !d.compatible(&m.quantity)) {
            distinct.push(&m.quantity);
            if distinct.len() >= 3 {
                return true;
            }
        }
    }
    false
}

/// The action of a relative clause right before token `start` (受診した of 受診したケース, 対応
/// できなかった of 対応できなかったケース), by its verb's base form, or the サ変 noun before a
/// light verb (する, できる); `None` when no verb or adjective ends right before it.
fn modifying_clause(a: &Analysis<'_>, floor: usize, start: usize) -> Option<String> {
    let mut k = start;
    while k > floor && a.features(k - 1).pos.is_auxiliary_verb() {
        k -= 1;
    }
    let verb = k.checked_sub(1).filter(|&v| v >= floor)?;
    let p = a.features(verb).pos;
    if !(p.is_independent_verb() || p.is_independent_adjective() || p.is_dependent_verb()) {
        return None;
    }
    let base = a.base(verb);
    if matches!(base, "する" | "できる" | "なる" | "ある" | "いる")
        && verb > floor
        && a.features(verb - 1).pos.is_noun()
    {
        return Some(format!("{}{base}", a.surface(verb - 1)));
    }
    Some(base.to_string())
}

/// For each block, the run of consecutive list items it belongs to (items of one list
/// enumerate different things: their figures are not compared with each other).
pub(super) fn list_runs(doc: &crate::document::Document) -> Vec<Option<usize>> {
    let mut out = Vec::with_capacity(doc.blocks.len());
    let mut run = 0;
    let mut previous_item = false;
    for (b, block) in doc.blocks.iter().enumerate() {
        // ① 通信費… / ② 保険…: numbered points are items too, whatever the format read.
        let item = block.kind == BlockKind::ListItem || doc.enumerated(b);
        if item && !previous_item {
            run += 1;
        }
        out.push(item.then_some(run));
        previous_item = item;
    }
    out
}

/// The longest line read as the label of the list after it.
const MAX_LIST_LABEL_CHARS: usize = 30;

/// For each block of a list, the label written on its own line right before the list's first
/// item (「パートシュクレ(タルト生地)」 over one list of ingredients, 「レモンクリーム」 over the
/// next): a short paragraph that is no sentence (no 。, ！ or ？ at its end). Two lists under
/// different labels list different things, as two sections do.
pub(super) fn list_labels<'d>(
    doc: &'d crate::document::Document,
    lists: &[Option<usize>],
) -> Vec<Option<&'d str>> {
    let mut out: Vec<Option<&str>> = Vec::with_capacity(doc.blocks.len());
    for (b, run) in lists.iter().enumerate() {
        let label = match run {
            None => None,
            Some(run) if b > 0 && lists[b - 1] == Some(*run) => out[b - 1],
            Some(_) => (b > 0 && doc.blocks[b - 1].kind == BlockKind::Paragraph)
                .then(|| doc.slice(doc.blocks[b - 1].span).trim())
                .filter(|t| {
                    !t.is_empty()
                        && !t.contains('\n')
                        && t.chars().count() <= MAX_LIST_LABEL_CHARS
                        && !t.ends_with(['。', '！', '？', '!', '?'])
                }),
        };
        out.push(label);
    }
    out
}

/// An occasion a heading names among others of one event told in turn (■初日, ■2日目,
/// 「1回目の失敗」, 第2戦, 前半, 予選, 決勝): the figures and statements under two headings
/// naming different occasions are told of different days, rounds or attempts.
static OCCASION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(concat!(
        r"初日|最終日|前日|(?:[0-9]+|[一二三四五六七八九十]+)(?:日目|回目|度目|戦目|試合目|年目|週目|[カか]月目|局目|本目)",
        r"|第(?:[0-9]+|[一二三四五六七八九十]+)(?:戦|日|回|節|局|試合|ステージ)",
        r"|前半|後半|前編|後編|予選|準々決勝|準決勝|決勝",
    ))
    .expect("valid occasion regex")
});

/// For each block, the names its section is about: the proper nouns a heading opens with,
/// before its first particle (「ルミナ 9はこんな人におすすめ」, 「アスター S3の特徴」), or the
/// occasions it names ([`OCCASION`]) when it names one, for the blocks up to the next heading;
/// `None` under a heading that names neither, or before any.
pub(super) fn section_subjects(ctx: &Context<'_>) -> Vec<Option<Vec<String>>> {
    let a = ctx.analysis;
    let mut current: Option<Vec<String>> = None;
    let mut out = Vec::with_capacity(ctx.doc.blocks.len());
    for block in &ctx.doc.blocks {
        if let BlockKind::Heading { .. } = block.kind {
            let mut names: Vec<String> = a
                .within(block.span)
                .take_while(|&i| !a.features(i).pos.is_particle())
                .filter(|&i| a.features(i).pos.is_proper_noun())
                .map(|i| a.surface(i).to_string())
                .collect();
            // 「### その1：純米吟醸「花泉」」: a name the heading puts in brackets.
            names.extend(bracketed_name(ctx.doc.slice(block.span)).map(str::to_string));
            // 「■初日：湊高原ヒルクライム」 / 「■2日目：湊湾ロードレース」: an occasion is what
            // sets a section apart; the place or series both name is shared ground.
            let occasions: Vec<String> = OCCASION
                .find_iter(ctx.doc.slice(block.span))
                .map(|m| m.as_str().to_string())
                .collect();
            if !occasions.is_empty() {
                names = occasions;
            }
            current = (!names.is_empty()).then_some(names);
        }
        out.push(current.clone());
    }
    out
}

/// Whether the noun marked by は or が nearest before offset `at` in the sentence is a
/// demonstrative pronoun (こちらは, それは, これが).
fn demonstrative_topic(a: &Analysis<'_>, sentence: Span, at: usize) -> bool {
    topic_marker_before(a, sentence, at).is_some_and(|wa| {
        a.features(wa - 1).pos.is_pronoun()
            && matches!(
                a.surface(wa - 1),
                "こちら" | "これ" | "それ" | "そちら" | "あちら" | "あれ"
            )
    })
}

/// The particle は or が nearest before offset `at` in the sentence (within
/// [`MAX_TOPIC_TOKENS`]), when a token stands before it in the sentence.
fn topic_marker_before(a: &Analysis<'_>, sentence: Span, at: usize) -> Option<usize> {
    let range = a.within(Span::new(sentence.start, at));
    range
        .clone()
        .rev()
        .take(MAX_TOPIC_TOKENS)
        .find(|&i| matches!(a.surface(i), "は" | "が") && a.features(i).pos.is_particle())
        .filter(|&wa| wa > range.start)
}

/// The first name a heading writes in 「」 or 『』 brackets (純米吟醸「花泉」 → 花泉).
fn bracketed_name(heading: &str) -> Option<&str> {
    let (open, close) = heading.char_indices().find_map(|(i, c)| match c {
        '「' => Some((i + c.len_utf8(), '」')),
        '『' => Some((i + c.len_utf8(), '』')),
        _ => None,
    })?;
    let rest = &heading[open..];
    let name = &rest[..rest.find(close)?];
    (!name.trim().is_empty()).then_some(name)
}

/// Whether two blocks are in sections about different names (a comparison of two products,
/// two candidates, two teams): their figures are of different things.
pub(super) fn other_sections(x: &Option<Vec<String>>, y: &Option<Vec<String>>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => !same_entities(x, y, &[]),
        _ => false,
    }
}

/// The proper nouns of the headline: what an article's unnamed figures are about.
fn headline_entities(ctx: &Context<'_>) -> Vec<String> {
    let a = ctx.analysis;
    let Some(headline) = ctx
        .doc
        .blocks
        .iter()
        .find(|b| b.kind == BlockKind::Headline)
    else {
        return Vec::new();
    };
    let range = a.first_at(headline.span.start)..a.first_at(headline.span.end);
    range
        .filter(|&i| a.features(i).pos.is_proper_noun())
        .map(|i| a.surface(i).to_string())
        .collect()
}

/// Whether two mentions can be about the same names: both name none, they share one (or
/// one is the other's prefix: 佐藤 and 佐藤美和), or only one names any and that is the
/// article's topic (a name of the headline).
/// The time stamp a block opens with before a colon (9日午前：…, 8月3日：…, 午後2時: …,
/// after a list marker): the block is an entry of a timeline, and its figures are of that
/// time.
fn timeline_stamp(block: &str) -> Option<&str> {
    static STAMP: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(concat!(
            r"^\s*(?:[-*+・]\s*|[0-9]+[.)]\s*)?",
            r"(?P<stamp>(?:[0-9]{1,2}月)?[0-9]{1,2}日(?:午前|午後|未明|早朝|朝|昼|夕方|夜)?",
            r"(?:[0-9]{1,2}時(?:[0-9]{1,2}分)?)?",
            r"|(?:午前|午後)?[0-9]{1,2}時(?:[0-9]{1,2}分|半)?)\s*[:：]"
        ))
        .expect("valid timeline regex")
    });
    STAMP
        .captures(block)
        .and_then(|c| c.name("stamp"))
        .map(|m| m.as_str())
}

/// Whether two sentence topics are contrasted members of one kind (いす席は… / シート席は…,
/// 住宅地は… / 商業地は…: different, with one head): their figures are different quantities.
/// Topics of different kinds (入館料は… / 美術館は…) may tell one quantity.
fn contrasted(x: Option<&str>, y: Option<&str>) -> bool {
    match (x, y) {
        (Some(x), Some(y)) => x != y && x.chars().next_back() == y.chars().next_back(),
        _ => false,
    }
}

/// Whether two mentions each name a person the other does not (1位 藤井拓海(みなと学院大) /
/// 2位 岩田美香(みなと学院大)): their figures are those of different people, whatever else
/// they share. 藤井 and 藤井拓海 are one person.
fn other_people(x: &[String], y: &[String]) -> bool {
    let own = |p: &[String], q: &[String]| p.iter().any(|e| !q.iter().any(|f| one_name(e, f)));
    own(x, y) && own(y, x)
}

/// Whether two names may name one thing: one is the other or begins it (藤井 / 藤井拓海,
/// 湊 / 湊市).
/// Whether `x` counts what `y` is an amount of: x's subject is the qualifier y's subject is
/// written onto with の (一般会計は1248億円 / 一般会計の総額は1284億円).
fn owns(x: &Key, y: &Key) -> bool {
    x.subject.chars().count() >= 2 && y.qualifiers.contains(&x.subject)
}

/// The first cell of the table row whose source line starts at byte `line`
/// ([`crate::document::Document::table_row_line`]), when it is a word (two characters or
/// more, not a number): what the row's figures count (| 売上高 | 421億円 |).
fn row_label(doc: &crate::document::Document, line: usize) -> Option<&str> {
    let row = doc.source[line..].lines().next()?;
    let label = row.trim().trim_start_matches('|').split('|').next()?.trim();
    (label.chars().count() >= 2
        && !label
            .chars()
            .all(|c| c.is_ascii_digit() || !c.is_alphanumeric()))
    .then_some(label)
}

/// Whether `x` counts the person `y` is about: x's subject is a person y's clause names as
/// the owner of what it counts (岡部氏が5,612票 / 岡部氏の得票は6,512票). Not a place: 上野地区
/// is not what 中尾・上野の両校 counts.
fn names_owner(x: &Mention, y: &Mention) -> bool {
    !x.key.subject.is_empty()
        && x.people.iter().any(|e| one_name(e, &x.key.subject))
        && y.people.iter().any(|e| one_name(e, &x.key.subject))
}

fn one_name(p: &str, q: &str) -> bool {
    p.starts_with(q) || q.starts_with(p)
}

fn same_entities(x: &[String], y: &[String], topic: &[String]) -> bool {
    let share = |p: &[String], q: &[String]| p.iter().any(|e| q.iter().any(|f| one_name(e, f)));
    match (x.is_empty(), y.is_empty()) {
        (true, true) => true,
        (false, false) => share(x, y),
        (true, false) => share(y, topic),
        (false, true) => share(x, topic),
    }
}

/// The noun chain (nouns, prefixes and suffixes without particles) ending at token `last`,
/// not before `floor`.
/// The condition a noun chain with the suffix 時 names at token `i` (メカシャッター使用時,
/// 折りたたみ時, 満充電時): figures told under two conditions are two figures (最高約20コマ
/// with the electronic shutter, 約10コマ with the mechanical one). Not a clock time (午後3時:
/// 時 as a counter) nor a word of its own (当時, 同時).
fn condition_at(a: &Analysis<'_>, i: usize) -> Option<String> {
    /// Tokens of the noun chain before 時 that are read.
    const CONDITION_TOKENS: usize = 6;
    if i == 0
        || a.surface(i) != "時"
        || !a.features(i).pos.is_adverbial_suffix()
        || a.tokens[i - 1].span.end != a.tokens[i].span.start
        || !a.features(i - 1).pos.is_noun()
        || a.features(i - 1).pos.is_number()
    {
        return None;
    }
    let chain = noun_chain_back(a, i - 1, i.saturating_sub(CONDITION_TOKENS));
    Some(a.text[a.tokens[chain.start].span.start..a.tokens[i].span.end].to_string())
}

fn noun_chain_back(a: &Analysis<'_>, last: usize, floor: usize) -> Chain {
    let katakana = |i: usize| {
        a.surface(i)
            .chars()
            .all(|c| crate::lang::ja::is_katakana(c) || c == '・')
    };
    let mut start = last;
    while start > floor {
        let p = a.features(start - 1).pos;
        let joined = a.tokens[start - 1].span.end == a.tokens[start].span.start;
        // イヤ|ホン: one katakana word the segmenter cut, whatever it called the first part.
        let cut_word = katakana(start - 1) && katakana(start);
        // 重|さ, 長|さ: an adjective's stem with the suffix さ names what is measured.
        let measure =
            p.is_adjective() && a.surface(start) == "さ" && a.features(start).pos.is_suffix();
        // 打ち上げ|数, 受け入れ|数: a verb's noun (its continuative form) with a suffix.
        let verb_noun = p.is_verb()
            && a.features(start - 1).conjugation.is_continuative()
            && a.features(start).pos.is_suffix();
        if !joined
            || !(p.is_noun() || p.is_prefix() || cut_word || measure || verb_noun)
            || p.is_number()
        {
            break;
        }
        start -= 1;
    }
    let span = Span::new(a.tokens[start].span.start, a.tokens[last].span.end);
    Chain {
        text: a.text[span.range()].to_string(),
        start,
        last,
    }
}

/// The noun chain starting at token `first`, if it is a noun, and the token after it.
/// The topic marker ending the noun phrase a figure modifies (「43億2000万円の予算案は」: the
/// は), when the figure at `next` (the token after it) is followed by の, a noun run and は.
fn topic_of_figure(a: &Analysis<'_>, next: usize, end: usize) -> Option<usize> {
    if next >= end || a.surface(next) != "の" {
        return None;
    }
    let mut k = next + 1;
    while k < end && k < next + 1 + MAX_TOPIC_RUN && a.features(k).pos.is_noun() {
        k += 1;
    }
    (k > next + 1 && k < end && a.surface(k) == "は" && a.features(k).pos.is_binding_particle())
        .then_some(k)
}

/// Most nouns between a figure's の and the topic marker in [`topic_of_figure`].
const MAX_TOPIC_RUN: usize = 6;

fn noun_chain_forward(a: &Analysis<'_>, first: usize) -> Option<(String, usize)> {
    if first >= a.tokens.len() {
        return None;
    }
    let p = a.features(first).pos;
    if !p.is_noun() || p.is_number() || p.is_pronoun() {
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

/// The noun a bare number is written onto when the quantity reader knows no counter there
/// (24公演, 40株, 8室): a noun of two or more characters, or one kanji, of kanji or katakana,
/// not a position (3基目) and not a number's own word (3号機 is caught before).
fn open_counter<'a>(
    a: &'a Analysis<'_>,
    q: &Quantity,
    span: Span,
    next: usize,
    end: usize,
) -> Option<&'a str> {
    if !q.unit.is_empty() || q.ordinal || next >= end {
        return None;
    }
    let i = a.counter_noun_at(span.end)?;
    let noun = a.surface(i);
    let position = i + 1 < end && a.surface(i + 1).starts_with('目');
    // 午後3時: a clock time, a point in time like 7時30分.
    let clock = noun.starts_with('時');
    (!a.features(i).pos.is_pronoun() && !position && !clock).then_some(noun)
}

/// The qualifier of a figure owned by another of the kind the headline's subject is (see
/// [`sibling_of_headline`]).
const SIBLING: &str = "(別)";

/// Whether an owner is another of the kind the headline's first phrase names: its last two
/// characters (図書館's 書館, 工業's 工業) are in the phrase, with a name before them that the
/// phrase does not have (東図書館 under 中央図書館が休館へ).
fn sibling_of_headline(owner: &str, headline_subject: &str) -> bool {
    let chars: Vec<char> = owner.chars().collect();
    chars.len() >= 3 && {
        let head: String = chars[chars.len() - 2..].iter().collect();
        headline_subject.contains(&head)
    }
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
    let owner = noun_chain_back(a, at - 2, clause).text;
    // 同社の, 同市の: the article's own subject, whatever it is called elsewhere (but 同期
    // and 同業 are words of their own).
    let own = owner.starts_with('同')
        && owner.chars().count() == 2
        && !matches!(owner.as_str(), "同期" | "同業" | "同年" | "同月" | "同日");
    // 会社全体の売上高, 全体の売上高: the whole is what a figure without an owner is of.
    let whole = owner.ends_with("全体");
    (!own && !whole).then_some(owner)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

    /// One finding on `text`, a slip: one severity below the rule's.
    fn assert_one_slip(text: &str) {
        let h = hits(&rule(), text);
        assert_eq!(h.len(), 1, "{text}: {h:?}");
        assert_eq!(h[0].severity, rule().severity.lower(), "{text}");
    }

    fn rule() -> crate::rules::Rule {
        rule_from_yaml("kind: numbers\nmessage: 「{subject}」{match}/{other}\n")
    }

    #[test]
    fn a_section_headed_by_a_forecast_noun_tells_forecasts() {
        let text = |heading: &str| {
            format!(
                "猛暑日\n\n## きょうの結果\n\n東京都心の最高気温は34.2度だった。\n\n## {heading}\n\n\
                 東京都心の最高気温は35度となる。\n"
            )
        };
        // ## きょうの見通し: the figures under it are expected, not measured.
        assert_hits(&rule(), &text("あすの見通し"), &[]);
        // A heading that only mentions a forecast word is no outlook.
        assert_hits(&rule(), &text("気温35度を見込む理由"), &["35度"]);
        assert_hits(&rule(), &text("あすの天気"), &["35度"]);
    }

    #[test]
    fn a_figure_inside_the_topic_is_no_forecast() {
        // The plan (予定) is the comment's: 43億2000万円 is the 総額 talked about.
        assert_hits(
            &rule(),
            "総額は42億3000万円で、県議会に提出する。\n\n\
             総額43億2000万円の予算案は、10月3日の本会議で採決される予定だ。",
            &["43億2000万円"],
        );
        // A figure the forecast is about is still a forecast (総額43億円を見込む).
        assert_hits(
            &rule(),
            "総額は42億3000万円だった。\n\n市は来年度、総額43億2000万円を見込む。",
            &[],
        );
        // A possibility or a risk is a forecast too, compared with another forecast.
        assert_hits(
            &rule(),
            "事業費は約52億円だった。\n\n約62億円の事業費がさらに膨らむ恐れがある。",
            &[],
        );
        assert_hits(
            &rule(),
            "事業費は約52億円を見込む。\n\n約62億円の事業費がさらに膨らむ恐れがある。",
            &["約62億円"],
        );
    }

    #[test]
    fn a_rate_s_unit_a_grade_and_a_way_of_travel_are_no_amounts() {
        // 50点満点: the top of the scale, not a score (`quantity-name-suffixes` 満点).
        let exam = |first: &str| {
            format!("試験\n\n結果は{first}だった。\n\n勉強法を変えた。\n\n結果は41点だった。")
        };
        assert_hits(&rule(), &exam("50点満点中32点"), &[]);
        assert_hits(&rule(), &exam("50点満点"), &[]);
        assert_hits(&rule(), &exam("50点"), &["41点"]);
        // 子ども1人あたり: the unit the rate is per; the household's 2人 is the one count.
        assert_hits(
            &rule(),
            "子ども2人の世帯には、加算4万円を合わせた7万円を支給する。\n\n\
             子どもがいる場合は、子ども1人あたり2万円を加算します。",
            &[],
        );
        // ...while two counts of one thing still conflict.
        assert_hits(
            &rule(),
            "子ども2人の世帯には7万円を支給する。\n\n子ども3人の世帯にも同額を支給する。",
            &["3人"],
        );
        // コップ1杯ずつ: a share each time, not the amount drunk.
        assert_hits(
            &rule(),
            "朝起きたときにコップ2杯ほどを一気に飲む。\n\n\n\nコップ1杯ずつこまめに飲むとよい。",
            &[],
        );
        assert_hits(
            &rule(),
            "朝起きたときにコップ2杯ほどを一気に飲む。\n\n\n\n朝はコップ1杯を一気に飲む。",
            &["1杯"],
        );
        // 1区画1泊4,000円: one of a counter right before another figure is the unit of a
        // rate, not the number of オートサイト.
        assert_hits(
            &rule(),
            "オートサイトは42区画を用意した。\n\n\
             料金は据え置きで、オートサイトが1区画1泊4,000円。",
            &[],
        );
        // ...while a count of one is still a count (1区画 / 2区画, no figure after it).
        assert_hits(
            &rule(),
            "オートサイトは2区画を新設した。\n\n\
             今年、オートサイトは1区画を新設した。",
            &["1区画"],
        );
        // 要介護4, 要介護2: grades written onto a word, not numbers of 家族.
        assert_hits(
            &rule(),
            "要介護4の家族は、手続きが必要ですか。\n\n要介護2の家族がいます。",
            &[],
        );
        // A counter noun after the number still counts (病床数302床).
        assert_hits(
            &rule(),
            "病床数は320床となる。\n\n病床数302床は、県の構想に基づく。",
            &["302床"],
        );
        // 徒歩: how a distance is covered, not what is measured.
        assert_hits(
            &rule(),
            "徒歩5分圏内に小学校があります。\n\n■交通：大倉山駅 徒歩8分",
            &[],
        );
    }

    #[test]
    fn the_so_of_appearance_is_a_forecast_and_the_so_of_hearsay_a_result() {
        // 下がりそうだ: what is expected, not compared with what was measured.
        assert_hits(
            &rule(),
            "最高気温は35度以上の猛暑日となった。\n\n15日以降、最高気温は32度前後とやや下がりそうだ。",
            &[],
        );
        // 2例目だそうです: hearsay of a result, compared as any result.
        assert_hits(
            &rule(),
            "見つかったのは世界で2例目だそうです。\n\n発見は世界で3例目となる。",
            &["3例目"],
        );
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
    fn min_line_breaks_leaves_a_comparison_in_one_paragraph_or_the_next() {
        let apart = rule_from_yaml(
            "kind: numbers\nmessage: 「{subject}」{match}/{other}\nmin_line_breaks: 3\n",
        );
        let first = "定員は120人で、市内で最も多い。";
        let later = "定員は18人で、申し込みが相次いだ。";
        // One paragraph, the next after a blank line, the next line: a comparison drawn.
        for sep in ["", "\n\n", "\n"] {
            assert_hits(&apart, &format!("{first}{sep}{later}"), &[]);
            assert_hits(&rule(), &format!("{first}{sep}{later}"), &["18人"]);
        }
        // Another paragraph between: a restatement.
        let text = format!("{first}\n\n園庭は広い。\n\n{later}");
        assert_hits(&apart, &text, &["18人"]);
        // A digit slip is reported however near.
        let text = "売上高は1兆2840億円だった。\n\n売上高は1兆2480億円で過去最高となった。";
        assert_eq!(hits(&apart, text).len(), 1);
    }

    #[test]
    fn measures_weights_and_whole_scopes_name_what_is_counted() {
        // 深さ, 重さ: an adjective's stem with さ is what is measured.
        assert_hits(
            &rule(),
            "気象庁によると、震源の深さは約10キロだった。\n\n震源の深さが約30キロと比較的浅く、揺れの強い地域が限られた。",
            &["約30キロ"],
        );
        // Grams are a unit (they were no quantity at all).
        assert_hits(
            &rule(),
            "本体の重さは187gです。\n\n背面はガラス仕上げで、重さは178gと軽い部類だ。",
            &["178g"],
        );
        // 打ち上げ|数: a verb's noun with a suffix names what is counted (数 alone is too vague).
        assert_hits(
            &rule(),
            "打ち上げ数は12000個だった。\n\n会場は混雑した。\n\n打ち上げ数は8000個だった。",
            &["8000個"],
        );
        // 全学で: the whole as a scope, not what is counted.
        assert_hits(
            &rule(),
            "志願者数は全学で1万2,480人となった。\n\n志願者が1万2,840人に上ったことを受け、座席を増やす。",
            &["1万2,840人"],
        );
    }

    #[test]
    fn a_value_in_brackets_after_another_restates_it() {
        // 3個（約450g）: compared only as 3個 is (a spec row's value is not).
        assert_hits(
            &rule(),
            "材料\n\n- じゃがいも：3個（約450g）\n\nA. 材料を2倍にしてください。じゃがいもは6個（約900g）が目安です。",
            &[],
        );
        assert_hits(
            &rule(),
            "材料\n\nじゃがいもは約450gを使う。\n\nじゃがいもは約900gが目安です。",
            &["約900g"],
        );
    }

    #[test]
    fn an_event_date_is_compared_however_the_event_is_named() {
        // An event's first day is the event's date.
        assert_hits(
            &rule(),
            "臨海線は2026年3月14日に開業する。\n\n\n\n開業初日の3月15日には記念式典を開く。",
            &["3月15日"],
        );
        assert_hits(
            &rule(),
            "臨海線は3月14日に開業する。\n\n\n\n開業最終日の3月15日には記念式典を開く。",
            &[],
        );
        // A date from which something happens is that event's date; 3人から5人 stays a change.
        assert_hits(
            &rule(),
            "条例は10月1日から施行される。\n\n7月1日の施行に合わせ、市はチラシを配る。",
            &["7月1日"],
        );
        assert_hits(
            &rule(),
            "定員は3人から5人に増えた。\n\n定員は5人となった。",
            &[],
        );
        // 全341戸のうち: うち marks a part of the amount, not what it counts; 約450キロという
        // 今年の収量: a time before what is counted qualifies it.
        assert_hits(
            &rule(),
            "総戸数は314戸だ。\n\n\n\n全341戸のうち約3割をコンパクトな住戸とする。",
            &["341戸"],
        );
        assert_hits(
            &rule(),
            "今年の収量は約540キロだった。\n\n\n\n約450キロという今年の収量は想像以上だ。",
            &["約450キロ"],
        );
        assert_hits(
            &rule(),
            "昨年の収量は約540キロだった。\n\n\n\n約450キロという今年の収量は想像以上だ。",
            &[],
        );
        // A bound with no figure after it in its clause (a price from) is compared with
        // another such bound only; という links a value to what it is of, as の does.
        assert_hits(
            &rule(),
            "価格は249万7000円から。\n\n\n\n259万7000円からという価格は魅力だ。",
            &["259万7000円"],
        );
        assert_hits(
            &rule(),
            "価格は249万7000円から。\n\n\n\n価格は259万7000円からだ。",
            &["259万7000円"],
        );
        assert_hits(
            &rule(),
            "価格は249万7000円から。\n\n\n\n価格は259万7000円だ。",
            &[],
        );
        assert_hits(
            &rule(),
            "価格は249万7000円。\n\n\n\n259万7000円という価格は魅力だ。",
            &["259万7000円"],
        );
        // A から after a name is where a figure is counted from, not a change's start.
        assert_hits(
            &rule(),
            "映画祭には68の国と地域から1243本の応募があった。\n\n応募総数1423本のうち、20本が入選した。",
            &["1423本"],
        );
        // The day of an event (投開票日) is the event's date; a plan told in another clause
        // of the sentence does not make the date a forecast, one in its own clause does.
        let h = hits(
            &rule(),
            "投開票は4月20日。\n\n4月27日の投開票日まで、両陣営は演説を重ねる予定だ。",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].message, "「投開票」4月27日/4月20日");
        assert_hits(
            &rule(),
            "12月10日に放送された第5話をまとめます。\n\n第6話は12月17日に放送予定です。",
            &[],
        );
    }

    #[test]
    fn a_date_with_the_portion_of_an_event_names_a_period() {
        // 10月使用分 is the usage of October, not a date of 使用: two months' portions are
        // two quantities; 10月1日から使用 stays the date of an event.
        assert_hits(
            &rule(),
            "負担軽減策が9月使用分で終了したことを受け、値上がりする。\n\n- 10月使用分は大手10社すべてで値上がり",
            &[],
        );
        assert_hits(
            &rule(),
            "新しい回数券は10月1日から使用できる。\n\n9月1日の使用に向け、販売を始めた。",
            &["9月1日"],
        );
    }

    #[test]
    fn two_peaks_of_one_thing_are_one_value() {
        // 最大8キロ and 最大6キロ are not two bounds that both hold; the topic says what
        // the second peak is of.
        assert_hits(
            &rule(),
            "一時は最大8キロの渋滞となった。\n\n渋滞は一時、最大6キロに及んだという。",
            &["最大6キロ"],
        );
        // Bounds of a rule still agree, and peaks of several products in a spec list are
        // each product's own.
        assert_hits(
            &rule(),
            "参加は5人以上で申し込める。\n\n参加は8人以上が望ましい。",
            &[],
        );
        assert_hits(
            &rule(),
            "## A\n\n- 再生時間：最大8時間（ケース込み最大32時間）\n\n## B\n\n- 再生時間：最大7時間（ケース込み最大28時間）",
            &[],
        );
    }

    #[test]
    fn a_whole_is_compared_wherever_it_is_told() {
        let h = hits(
            &rule(),
            "全国12都市を回る全14公演の予定だ。\n\n全13公演のうち、残りは予定通り開催する。",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].message, "「全公演」全13公演/全14公演");
        // The whole of a thing named after it is that thing's (全12席のカウンター / カウンター10席).
        assert_hits(
            &rule(),
            "お店はカウンター10席のみだ。\n\n全12席のカウンターなので、昼は並ぶ。",
            &["12席"],
        );
        // Without 全 the counts are of whatever each clause counts.
        assert_hits(
            &rule(),
            "全国12都市を回る14公演の予定だ。\n\n13公演のうち、残りは予定通り開催する。",
            &[],
        );
    }

    #[test]
    fn the_headlines_subject_as_owner_is_the_articles_own_thing() {
        let text = "# 中央図書館が休館へ\n\n同館は鉄筋造りで、約32万冊の蔵書を持つ。\n\n中央図書館の蔵書約23万冊は倉庫で保管される。";
        assert_hits(&rule(), text, &["約23万冊"]);
        // Only the headline's first phrase names the article's own thing: a segment the
        // headline mentions after it is one owner among others.
        let segment = "# 北浜食品、増益 冷凍食品が好調\n\n冷凍食品の売上高は612億円だった。\n\n常温食品は振るわず、売上高は418億円だった。";
        assert_hits(&rule(), segment, &[]);
        // Another owner is another thing.
        let other = "# 中央図書館が休館へ\n\n同館は鉄筋造りで、約32万冊の蔵書を持つ。\n\n東図書館の蔵書約23万冊は倉庫で保管される。";
        assert_hits(&rule(), other, &[]);
    }

    #[test]
    fn a_comparison_base_is_no_time_and_a_cut_katakana_word_is_one_name() {
        // 昨年より多い来場者 are this year's, compared with last year's.
        assert_hits(
            &rule(),
            "来場者は1万5000人だった。\n\n昨年より来場者は1万2000人と多かった。",
            &["1万2000人"],
        );
        // イヤ|ホン単体 (the segmenter cut the word) names what イヤホン単体 names.
        assert_hits(
            &rule(),
            "- 連続再生時間：イヤホン単体で最大8時間\n\nバッテリーも優秀で、イヤホン単体で最大10時間持つ。",
            &["最大10時間"],
        );
    }

    #[test]
    fn a_calendar_year_and_a_number_of_years_are_two_things() {
        assert_hits(
            &rule(),
            "学校は1876年に創立された。\n\n創立148年の歴史に幕を下ろす。",
            &[],
        );
        assert_hits(
            &rule(),
            "学校は1876年に創立された。\n\n1867年に創立された学校が幕を下ろす。",
            &["1867年"],
        );
    }

    #[test]
    fn a_rate_per_period_is_qualified_not_named_by_it() {
        // 年間 says per year; what is counted is named elsewhere or not at all.
        assert_hits(
            &rule(),
            "影響額は年間で約3兆3500億円に上る。\n\n利払い負担は年間3兆2700億円増える。",
            &[],
        );
        assert_hits(
            &rule(),
            "費用は年間6億2000万円だ。\n\n費用は年間6億8000万円となる。",
            &["6億8000万円"],
        );
        // Per year and in all are two figures.
        assert_hits(
            &rule(),
            "費用は年間6億2000万円だ。\n\n費用は6億8000万円となる。",
            &[],
        );
    }

    #[test]
    fn a_period_as_topic_is_when_not_what() {
        // 前年同期は330億円 is last year's figure of what the sentence told before, not a
        // quantity named 前年同期.
        assert_hits(
            &rule(),
            "売上高の合計は372億円で、前年同期は330億円だった。\n\n営業利益の前年同期は40億3,000万円。",
            &[],
        );
        // A goal keeps its own name.
        assert_hits(
            &rule(),
            "目標は30億円だ。\n\n目標は35億円だという。",
            &["35億円"],
        );
    }

    #[test]
    fn a_time_set_off_earlier_in_the_sentence_is_every_figures_time() {
        // 昨年度は…、除雪費は: the topic of the first clause dates the second's figure.
        assert_hits(
            &rule(),
            "今年度の除雪費は6億9800万円となった。\n\n昨年度は雪が少なく、除雪費は約3億8000万円にとどまった。",
            &[],
        );
        // 当初、: the offer before the settlement.
        assert_hits(
            &rule(),
            "賃上げは5.1%で妥結した。\n\n会社側は当初、4.6%の賃上げを提示したが、追加回答を重ねた。",
            &[],
        );
        // Without it, the two values of one quantity are reported.
        assert_hits(
            &rule(),
            "今年度の除雪費は6億9800万円となった。\n\n雪が多く、除雪費は約3億8000万円にとどまった。",
            &["約3億8000万円"],
        );
    }

    #[test]
    fn a_rate_of_exchange_is_no_amount() {
        assert_hits(
            &rule(),
            "抽選券は1万枚を用意した。\n\n買い物ごとに抽選券を配り、抽選券3枚で1回くじを引ける。",
            &[],
        );
        // An amount of the same thing in another paragraph is still compared.
        assert_hits(
            &rule(),
            "抽選券は1万枚を用意した。\n\n抽選券は3枚を配る。",
            &["3枚"],
        );
    }

    #[test]
    fn a_sign_is_not_what_changed() {
        // プラス3.8% is the change of 商業地の平均, プラス0.9% that of 住宅地の平均.
        assert_hits(
            &rule(),
            "商業地の平均はプラス3.8%だった。\n\n県全体の住宅地の平均はプラス0.9%で、3番目に高かった。",
            &[],
        );
        assert_hits(
            &rule(),
            "商業地の平均はプラス3.8%だった。\n\n商業地の平均はプラス0.9%で、3番目に高かった。",
            &["0.9%"],
        );
    }

    #[test]
    fn the_size_of_an_increase_told_by_a_verb_is_a_quantity() {
        // 3.7%増加した is the size of the change, as 3.7%増 is; an increase and a decrease
        // stay different quantities, and 3人から5人に増えた stays a change of one value.
        assert_hits(
            &rule(),
            "決算\n\n同社の売上高は3.7%増加した。\n\n主力の家電が好調だった。\n\n同社の売上高は7.3%増加した。",
            &["7.3%"],
        );
        assert_hits(
            &rule(),
            "人口\n\n町の人口は5年で2000人減った。\n\n町の人口は5年で1200人減少した。",
            &["1200人"],
        );
        assert_hits(
            &rule(),
            "決算\n\n同社の売上高は3.7%増加した。\n\n同社の売上高は7.3%減少した。",
            &[],
        );
        assert_hits(
            &rule(),
            "定員\n\n定員は3人から5人に増えた。\n\n定員は5人となった。",
            &[],
        );
        // The change after the last value of a list is every listed value's change.
        let flood =
            |later: &str| format!("被害\n\n床上浸水は64棟だった。\n\n雨は止んだ。\n\n{later}");
        assert_hits(
            &rule(),
            &flood("床上浸水は21棟、床下浸水は23棟増えた。"),
            &[],
        );
        assert_hits(
            &rule(),
            &flood("床上浸水は21棟、床下浸水は23棟だった。"),
            &["21棟"],
        );
        assert_hits(
            &rule(),
            &flood("床上浸水は21棟、床下浸水は23件増えた。"),
            &["21棟"],
        );
        // With a counter noun the quantity reader does not know (冊), after the noun.
        let pile = |later: &str| format!("積読\n\n積読は50冊だった。\n\n本を読んだ。\n\n{later}");
        assert_hits(&rule(), &pile("1か月で積読が7冊減った。"), &[]);
        assert_hits(&rule(), &pile("積読は7冊だった。"), &["7冊"]);
        // Told with an intransitive verb: 3%上がった is a rise, 20%まで下がり where the value
        // went, not the value it stood at before.
        let fat = |later: &str| {
            format!(
                "記録\n\n健康診断で体脂肪率は25%を超えていた。\n\n週2回ジムに通った。\n\n{later}"
            )
        };
        assert_hits(&rule(), &fat("体脂肪率も20%まで下がった。"), &[]);
        assert_hits(&rule(), &fat("体脂肪率は20%だった。"), &["20%"]);
        assert_hits(
            &rule(),
            "料金\n\n運賃は3%上がった。\n\n利用者は減った。\n\n運賃は5%下がった。",
            &[],
        );
        assert_hits(
            &rule(),
            "料金\n\n運賃は3%上がった。\n\n利用者は減った。\n\n運賃は5%上がった。",
            &["5%"],
        );
    }

    #[test]
    fn the_items_a_sentence_adds_up_are_parts_of_its_total() {
        let text = |later: &str| format!("集計\n\nみかん: 450円\n\n集計した。\n\n{later}");
        assert_hits(&rule(), &text("みかんは200円と250円で450円になった。"), &[]);
        // Without a total after them, the values stay comparable.
        assert_hits(&rule(), &text("みかんは200円だった。"), &["200円"]);
    }

    #[test]
    fn the_portion_of_a_step_is_not_the_whole_amount() {
        let text = |step: &str| format!("作り方\n\n砂糖は200gを用意する。\n\n{step}");
        assert_hits(&rule(), &text("次に、50gの砂糖を加えて混ぜる。"), &[]);
        assert_hits(&rule(), &text("まず50gの砂糖を溶かす。"), &[]);
        // Without the step word, the value stays comparable.
        assert_hits(&rule(), &text("砂糖は50gを用意する。"), &["50g"]);
    }

    #[test]
    fn rows_of_a_table_thresholds_races_and_earlier_states_are_apart() {
        use crate::document::Format;
        use crate::lang::ja::Morphology;
        use crate::rules::testing::findings_for_format;
        let table = "# 金利\n\n| 商品 | 金利 |\n| --- | --- |\n| 定期預金(1年) | 年0.25% |\n\
            | 定期預金(5年) | 年0.35% |\n";
        assert!(
            findings_for_format(&rule(), table, Format::Markdown, &Morphology::new()).is_empty()
        );
        // Two paragraphs still compare: the check is about rows of one table.
        let prose = "# 金利\n\n定期預金(1年)の金利を上げる。\n\n定期預金(5年)の金利を上げる。\n";
        assert_eq!(
            findings_for_format(&rule(), prose, Format::Markdown, &Morphology::new()).len(),
            1
        );
        assert_hits(
            &rule(),
            "入居率は78%に低下した。\n\n上層階に空きが目立ち、入居率が5割を切る団地もある。",
            &[],
        );
        assert_hits(
            &rule(),
            "男子110メートル障害で優勝した。\n\n男子400メートルリレーでも2位に入った。",
            &[],
        );
        assert_hits(
            &rule(),
            "新しい岸壁は水深16メートルだ。\n\n従来の岸壁は水深12メートルまでしかなかった。",
            &[],
        );
        // これまで is as often 'so far' (これまでに確認された個体は約40株) as 'before': no
        // qualifier.
        assert_hits(
            &rule(),
            "確認された個体は約40株にとどまる。\n\nこれまで確認された個体は14株しかない。",
            &["14株"],
        );
        assert_hits(
            &rule(),
            "新しい岸壁は水深16メートルだ。\n\n岸壁は水深12メートルしかない。",
            &["12メートル"],
        );
    }

    #[test]
    fn figures_of_two_people_are_two_figures_whatever_else_they_share() {
        // Each names a person the other does not: two runners of one school.
        assert_hits(
            &rule(),
            "山田太郎（みなと学院大）の記録は10秒52だった。\n\n\n\n佐藤花子（みなと学院大）の記録は10秒58だった。",
            &[],
        );
        assert_hits(
            &rule(),
            "山田太郎（みなと学院大）の記録は10秒52だった。\n\n\n\n山田（みなと学院大）の記録は10秒58だった。",
            &["10秒58"],
        );
    }

    #[test]
    fn occasions_halves_and_rounds_tell_figures_apart() {
        use crate::document::Format;
        use crate::lang::ja::Morphology;
        use crate::rules::testing::findings_for_format;
        // Sections headed by different occasions of one event told in turn (■初日 / ■2日目,
        // 《1回目の挑戦》 / 《2回目の挑戦》) tell different days' or attempts' figures.
        let sections = |first: &str, second: &str| {
            format!("釣行記\n\n{first}\n\nアジは23匹釣れた。\n\n{second}\n\nアジは41匹釣れた。\n")
        };
        assert_hits(&rule(), &sections("■初日", "■2日目"), &[]);
        assert_hits(
            &rule(),
            &sections("《1回目の釣行》", "《2回目の釣行》"),
            &[],
        );
        assert_hits(&rule(), &sections("■港の様子", "■沖の様子"), &["41匹"]);
        // The place or series both headings name is shared ground; the occasions differ.
        assert_hits(
            &rule(),
            &sections("■初日：湊高原ヒルクライム", "■2日目：湊湾ロードレース"),
            &[],
        );
        assert_hits(
            &rule(),
            &sections("■湊高原ヒルクライム", "■湊高原ヒルクライム"),
            &["41匹"],
        );
        // A topic's noun phrase qualifies its sentence's figures whole: the first half's
        // shots are not the match's.
        let shots = |topic: &str| {
            format!(
                "試合\n\n{topic}は湊の6本に対し、北辰は5本だった。\n\n試合は引き分けた。\n\n・シュート：湊14本、北辰9本\n"
            )
        };
        assert_hits(&rule(), &shots("前半のシュート数"), &[]);
        assert_hits(&rule(), &shots("シュート数"), &["9本"]);
        // A distance before a round of a race (200メートル決勝) names the race.
        let race = |name: &str| {
            format!(
                "# 男子100m、渡部が初優勝\n\n東日本選手権の男子100mは渡部が制した。\n\n前日に行われた{name}は、柳田が制した。\n"
            )
        };
        let found = |text: &str| {
            findings_for_format(&rule(), text, Format::Markdown, &Morphology::new()).len()
        };
        assert_eq!(found(&race("男子200メートル決勝")), 0);
        assert_eq!(found(&race("男子200メートル")), 1);
    }

    #[test]
    fn a_topic_set_off_at_a_paragraphs_start_tells_its_figures_apart() {
        // Two segments of one kind (one head: 部門), each opening its paragraph.
        assert_hits(
            &rule(),
            "加工食品部門は、値上げが浸透した。営業利益も41億円と前期を上回った。\n\n\
             飲料部門は、容器の上昇が重荷となり、営業利益は12億円にとどまった。",
            &[],
        );
        // Two products named in Latin letters.
        assert_hits(
            &rule(),
            "ASTRA Ultraは、カメラを高めた。光学5倍の望遠レンズを搭載した。\n\n\
             ASTRA Liteは、価格を抑え、望遠レンズを光学3倍とした。",
            &[],
        );
        // Topics of different kinds (who acts, what is told) may tell one quantity.
        assert_hits(
            &rule(),
            "今回のツアーは、9月に始まった。ツアーは全14公演を回る。\n\n\
             事務所は、払い戻しに応じる。ツアーは全13公演を回る。",
            &["全13公演"],
        );
    }

    #[test]
    fn a_comparison_base_written_out_is_the_base_hi_writes() {
        // 前年同期に比べて = 前年同期比, and the subject stands before it; the whole (会社全体の)
        // is what a figure without an owner is of; 伸びた is an increase.
        assert_hits(
            &rule(),
            "決算\n\n売上高は前年同期比6.2%増の2415億円だった。\n\n主力の部品が好調だった。\n\n会社全体の売上高が前年同期に比べて9.6%伸びたことを評価する声が多い。",
            &["9.6%"],
        );
        // より, and から before the change it measures.
        assert_hits(
            &rule(),
            "観光\n\n観光客は前年比12%増の310万人だった。\n\n県は誘客を続ける。\n\n観光客は前年より15%増えた。",
            &["15%"],
        );
        assert_hits(
            &rule(),
            "マンション\n\n平均価格は前年同期比7.3%上昇した。\n\n供給は減った。\n\n平均価格は前年同期から4.1%上昇した。",
            &["4.1%"],
        );
        // Two bases are two figures: 前年より / 前月より.
        assert_hits(
            &rule(),
            "観光\n\n観光客は前年より15%増えた。\n\n県は誘客を続ける。\n\n観光客は前月より3%増えた。",
            &[],
        );
    }

    #[test]
    fn an_ordinal_counts_the_event_it_numbers() {
        // 通算3度目の優勝 counts 優勝, not 通算; after 2年ぶり, 8度目 is a value of its own.
        assert_hits(
            &rule(),
            "県予選\n\n青葉学院が北陵を下し、2年ぶり8度目の全国大会出場を決めた。\n\n通算9度目の全国大会出場に向け、練習を重ねる。",
            &["9度目"],
        );
        assert_hits(
            &rule(),
            "ミュージカル\n\n今回で3度目の上演となります。\n\n4度目の上演となる今回は、新しい演出が加わった。",
            &["4度目"],
        );
        // Whose event it is, when a subject says so, still tells two apart.
        assert_hits(
            &rule(),
            "有効期限\n\nカード本体は10回目の誕生日が期限だ。\n\n電子証明書は5回目の誕生日が期限となる。",
            &[],
        );
    }

    #[test]
    fn one_of_a_counter_the_noun_after_it_is_rated_by_is_no_count() {
        // 1回の充電で / 1回の充電あたり: the unit the distance is per, not how often it was
        // charged; 充電は26回 is the one count.
        for rate in [
            "1回の充電で平均48km走った。",
            "1回の充電あたり平均48kmだった。",
        ] {
            assert_hits(
                &rule(),
                &format!("電動自転車\n\n{rate}\n\n半年で充電は26回だった。"),
                &[],
            );
        }
        // Told as a count of the noun, one is a value like any other.
        assert_hits(
            &rule(),
            "電動自転車\n\n充電は1回だった。\n\n半年で充電は26回だった。",
            &["26回"],
        );
    }

    #[test]
    fn a_sentence_giving_a_quantity_two_values_names_them_both() {
        // 重さは5.8kgと12.6kg (two tents): a later 重さが12.6kg agrees with one of them.
        let text = "テント比較 重さは5.8kgと12.6kg\n\n一つめは軽い。\n\n二つめは重さが12.6kgある。";
        assert_hits(&rule(), text, &[]);
        // A value that agrees with neither is still another value.
        let text = "テント比較 重さは5.8kgと12.6kg\n\n一つめは軽い。\n\n二つめは重さが13.6kgある。";
        assert_eq!(hits(&rule(), text).len(), 1);
    }

    #[test]
    fn ordinals_counting_on_from_the_first_are_a_sequence() {
        assert_hits(
            &rule(),
            "1回目の挑戦は負けてしまいました。しかし2回目の挑戦では勝ちました。",
            &[],
        );
        // Counting on from the first across paragraphs too (1回目の結果は… / 2回目の結果
        // は…: a blog's attempts told in turn).
        assert_hits(
            &rule(),
            "1回目の挑戦で勝ちました。\n\n2回目の挑戦で勝った。",
            &[],
        );
        // Out of order, or not from the first, one attempt numbered twice is reported.
        assert_hits(
            &rule(),
            "2回目の挑戦で勝ちました。\n\n3回目の挑戦で勝った。",
            &["3回目"],
        );
        assert_hits(
            &rule(),
            "2回目の挑戦で勝ちました。その後、1回目の挑戦で勝った。",
            &["1回目"],
        );
    }

    #[test]
    fn aliases_name_one_quantity() {
        let text = "被害額は4億2000万円となった。\n\n損害額は3億6000万円に上った。";
        assert_hits(&rule(), text, &[]);
        let aliased = rule_from_yaml(
            "kind: numbers\nmessage: 「{subject}」{match}/{other}\naliases: [[被害額, 損害額]]\n",
        );
        let h = hits(&aliased, text);
        assert_eq!(h.len(), 1, "{h:?}");
        // The message names the quantity as the sentence does.
        assert_eq!(h[0].message, "「損害額」3億6000万円/4億2000万円");
        // A qualifier word inside the name (最終 of 最終利益) is part of the name, not a
        // qualifier that sets the figure apart from its alias's.
        let profit = rule_from_yaml(
            "kind: numbers\nmessage: 「{subject}」{match}/{other}\naliases: [[純利益, 最終利益, 当期純利益]]\n",
        );
        let h = hits(
            &profit,
            "最終利益は412億円だった。\n\n主力の工作機械が好調だった。\n\n当期純利益は452億円となった。",
        );
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].message, "「当期純利益」452億円/412億円");
        for (yaml, problem) in [
            ("aliases: [[被害額]]", "lists 1 name"),
            (
                "aliases: [[被害額, 損害額], [損害額, 被害総額]]",
                "in two lists",
            ),
        ] {
            let errors = crate::rules::testing::rule_errors_from_yaml(&format!(
                "kind: numbers\nmessage: m\n{yaml}\n"
            ));
            assert!(
                errors.iter().any(|e| e.message.contains(problem)),
                "{yaml}: {errors:?}"
            );
        }
    }

    #[test]
    fn a_slip_is_one_pair_of_neighbouring_digits_swapped() {
        let swap = |a: &str, b: &str| super::is_adjacent_swap(a.as_bytes(), b.as_bytes());
        assert!(swap("1480", "1840"));
        assert!(swap("7820", "7280"));
        assert!(swap("3865", "3685"));
        // Not neighbours, two swaps, a rotation, the same digits, another length.
        assert!(!swap("1254", "4512"));
        assert!(!swap("1234", "2143"));
        assert!(!swap("1035", "1503"));
        assert!(!swap("1480", "1480"));
        assert!(!swap("148", "1480"));
    }

    #[test]
    fn a_table_cell_and_prose_naming_its_row_are_one_figure() {
        let slips = |text: &str| {
            let rule = rule();
            let morphology = crate::lang::ja::Morphology::new();
            crate::rules::testing::findings_for_format(
                &rule,
                text,
                crate::document::Format::Markdown,
                &morphology,
            )
        };
        let table = |prose: &str| {
            format!(
                "# 決算\n\n{prose}\n\n| 項目 | 今期 | 前期 |\n|---|---|---|\n| 売上高 | 421億円 | 412億円 |\n| 営業利益 | 38億円 | 31億円 |\n"
            )
        };
        let found = slips(&table("売上高は前年同期比8%増の241億円だった。"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("数字の入れ替わり"),
            "{}",
            found[0].message
        );
        // A sentence that does not name the row, or a figure that is another cell of the row
        // (the earlier period's), or two digits only: no slip.
        for prose in [
            "受注高は前年同期比8%増の241億円だった。",
            "売上高は前期の412億円から伸びた。",
            "売上高は421億円、営業利益は83億円だった。",
        ] {
            let found = slips(&table(prose));
            assert!(found.is_empty(), "{prose}: {found:?}");
        }
    }

    #[test]
    fn a_slip_counts_a_thing_or_its_amount() {
        // 一般会計は (the account as subject) and 一般会計の総額 (its amount) count one thing.
        assert_one_slip(
            "予算\n\n一般会計の総額は1284億円だった。\n\n経緯\n\n一般会計は1248億円だった。",
        );
        // Another account's amount is another figure.
        assert_hits(
            &rule(),
            "予算\n\n特別会計の総額は1284億円だった。\n\n経緯\n\n一般会計は1248億円だった。",
            &[],
        );
    }

    #[test]
    fn a_slip_counts_a_person_or_the_persons_thing() {
        // 岡部氏が (the person as subject) and 岡部氏の得票 (the person's votes) count one thing.
        assert_one_slip("町長選\n\n岡部氏が5,612票を獲得した。\n\n岡部氏の得票は6,512票だった。");
        // Another person's votes are another figure.
        assert_hits(
            &rule(),
            "町長選\n\n岡部氏が5,612票を獲得した。\n\n三浦氏の得票は6,512票だった。",
            &[],
        );
    }

    #[test]
    fn a_slip_is_read_past_what_only_one_clause_says() {
        // A measure of one clause (1戸あたり), a period (上半期), a name only one mention's
        // clause gives: none tells two figures of one name apart, and two neighbouring digits
        // swapped are one figure misstated.
        for text in [
            "首都圏の新築マンションの1戸あたりの平均価格は7,820万円だった。\n\n物件の比較\n\n上半期の平均価格が7,280万円と高い水準が続く。",
            "平田被告は受給者に渡すはずだった現金を抜き取り、約1,480万円を着服した。\n\n経緯\n\n北浜市の担当者は「被害額の計1,840万円は返還されている」と話した。",
            "宮原町の観測点では8日午前9時までの24時間雨量が312ミリに達した。\n\n警戒\n\n気象台の担当者は「24時間で321ミリという雨量は平年の1か月分を上回る」と話した。",
        ] {
            assert_one_slip(text);
        }
    }

    #[test]
    fn figures_under_two_conditions_named_with_ji_are_two_figures() {
        // 使用時, 折りたたみ時: a condition sets a figure apart from one told under another
        // condition or under none.
        for text in [
            "カメラ\n\n電子シャッター使用時は、最高約20コマ/秒の連写が可能。\n\n比較\n\nメカシャッター使用時も最高約10コマ/秒で撮影できる。",
            "自転車\n\n折りたたみ時のサイズは高さ65cmです。\n\n仕様\n\n展開時のサイズは高さ100cmです。",
            "自転車\n\nサイズは高さ100cmです。\n\n仕様\n\n折りたたみ時のサイズは高さ65cmです。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
        // One condition on both sides is one figure; a clock time (午後3時) is no condition.
        assert_hits(
            &rule(),
            "カメラ\n\n電子シャッター使用時は、最高約20コマ/秒の連写が可能。\n\n比較\n\n電子シャッター使用時の連写は最高約10コマ/秒だ。",
            &["約10コマ"],
        );
        assert_hits(
            &rule(),
            "説明会\n\n午後3時から始まった説明会の参加者は約120人だった。\n\n経緯\n\n説明会の参加者は約80人にとどまった。",
            &["約80人"],
        );
    }

    #[test]
    fn two_digits_swapped_are_a_slip_in_prose_or_when_both_mentions_name_what_they_count() {
        for text in [
            "大雨で町内の床上浸水は84棟にのぼった。\n\n被害\n\n町によると、床上浸水は48棟で、床下浸水は200棟を超えた。",
            "避難所の避難者は約340人にのぼった。\n\n経緯\n\n午後3時時点の避難者は約430人だった。",
            // Prose: one mention naming nothing is still the same figure.
            "避難所の避難者は約340人にのぼった。\n\n経緯\n\n町によると、約430人が避難した。",
        ] {
            assert_one_slip(text);
        }
        // A list item's figure naming nothing counts what its label or its place says.
        for text in [
            "避難所の避難者は約340人にのぼった。\n\n- 町によると、約430人が避難した。",
            "手順\n\nお湯を240ml用意します。できあがるコーヒーは約210mlです。\n\n- 2投目は120mlまで注ぎます。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn a_forecast_does_not_keep_a_slip_apart() {
        // The plan's figure (約186億円を見込み) restated as a fact with two neighbouring digits
        // swapped is one figure misstated; so is a figure told within a forecast's sentence.
        for text in [
            "市の説明によると、総事業費は約186億円を見込む。\n\n経緯\n\n一方、168億円に上る総事業費をめぐっては、慎重論も根強かった。",
            "古座川町では24時間雨量が612ミリに達した。\n\n今後\n\n担当者は「古座川町の621ミリという雨量は、平年の1.5倍を超える」と話し、さらに雨が続く見込みだという。",
        ] {
            assert_one_slip(text);
        }
    }

    #[test]
    fn a_subject_referring_back_with_ryo_or_do_names_what_it_refers_to() {
        // 両地区 is 中尾地区 and 上野地区 together: a slip of the figure told of them.
        let text = "町は中尾地区と隣接する上野地区の計1,240世帯に避難指示を出した。\n\n経緯\n\n- 中尾・上野の両地区の計1,420世帯に避難指示";
        let h = hits(&rule(), text);
        assert_eq!(h.len(), 1, "{h:?}");
        assert!(h[0].message.contains("「上野地区」"), "{}", h[0].message);
        // A head of another thing (両校 beside 上野地区) refers to something else.
        assert_hits(
            &rule(),
            "町は中尾地区と隣接する上野地区の計1,240世帯に避難指示を出した。\n\n経緯\n\n- 中尾・上野の両校の計1,420世帯に避難指示",
            &[],
        );
    }

    #[test]
    fn digits_in_another_order_are_a_slip_even_without_one_subject() {
        // The two mentions name what they count differently (a vote count after a name, a
        // relative clause): the same digits reordered.
        let text = "知事選、現職の大西氏が3選\n\n確定得票は大西氏が41万2,380票、杉浦氏が29万5,114票だった。\n\n41万2,830票を獲得した大西氏は、26市町村で杉浦氏を上回った。";
        let h = hits(&rule(), text);
        assert_eq!(h.len(), 1, "{h:?}");
        assert_eq!(h[0].severity, rule().severity.lower());
        // A pack words it its own way.
        let worded = rule_from_yaml(
            "kind: numbers\nmessage: m\nslip_message: 「{match}」と「{other}」（{subject}）\n",
        );
        let reworded = hits(&worded, text);
        assert_eq!(
            reworded[0].message,
            "「41万2,830票」と「41万2,380票」（大西氏）"
        );
        assert!(
            crate::rules::testing::rule_errors_from_yaml(
                "kind: numbers\nmessage: m\nslip_message: 「{value}」\n"
            )
            .iter()
            .any(|e| e.message.contains("unknown placeholder `{value}`"))
        );
        assert!(
            h[0].message.contains("数字の入れ替わり"),
            "{}",
            h[0].message
        );
        assert_eq!(h[0].related.len(), 1);
        // Other digits, other magnitudes, two different compounds of one head, or cells of a
        // table: no slip.
        assert_hits(
            &rule(),
            "知事選、現職の大西氏が3選\n\n確定得票は大西氏が41万2,380票、杉浦氏が29万5,114票だった。\n\n41万2,950票を獲得した大西氏は、26市町村で杉浦氏を上回った。",
            &[],
        );
        assert_hits(
            &rule(),
            "予算は過去最大の18億2000万円となった。\n\n市の借金は1280億円に上る。",
            &[],
        );
        assert_hits(
            &rule(),
            "営業利益は113億円だった。\n\n経常利益は131億円だった。",
            &[],
        );
        // The same digits in another order than two neighbours swapped: two figures that
        // share digits by chance.
        assert_hits(
            &rule(),
            "砂糖指数は103.5ポイントだった。\n\n砂糖の指数は150.3ポイントに上がった。",
            &[],
        );
        // Qualifiers that set figures of one name apart (昨年 / 今年) keep a slip apart.
        assert_hits(
            &rule(),
            "昨年の来場者は1万2,480人だった。\n\n今年の来場者は1万2,840人だった。",
            &[],
        );
        let table =
            "| 項目 | 今期 |\n| --- | --- |\n| 営業利益 | 113億円 |\n| 経常利益 | 131億円 |\n";
        let rule = rule();
        let morphology = crate::lang::ja::Morphology::new();
        let found = crate::rules::testing::findings_for_format(
            &rule,
            table,
            crate::document::Format::Markdown,
            &morphology,
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_counter_noun_after_a_range_ends_the_value_on_a_character() {
        // The noun starts after the range, not after its first number: slicing at the
        // first number's end plus the noun's length cut 勝 in two.
        let text = "W杯予選 日本がオマーンに3-0快勝、首位守る\n\n日本はホームでオマーンと対戦し、3-0快勝を収めた。\n\n日本は2-0快勝だった。";
        let found = hits(&rule(), text);
        for h in &found {
            assert!(text.is_char_boundary(h.span.start) && text.is_char_boundary(h.span.end));
        }
    }

    #[test]
    fn a_rounded_value_and_two_thresholds_are_no_conflict() {
        assert_hits(
            &rule(),
            "平均倍率は1.12倍となった。\n\n全体の平均倍率は1.1倍で、前年度を下回った。",
            &[],
        );
        assert_hits(
            &rule(),
            "寄付先が5人以内なら使える。\n\n寄付先が6人以上になった場合は使えない。",
            &[],
        );
        // The same after a counter noun the quantity reader does not know.
        assert_hits(
            &rule(),
            "特例の条件\n\n寄付先が5自治体以内なら使える。\n\n寄付先が6自治体以上になった場合は使えない。",
            &[],
        );
        assert_hits(
            &rule(),
            "特例の条件\n\n寄付先は5自治体だった。\n\n寄付先は6自治体に増えた。",
            &["6自治体"],
        );
    }

    #[test]
    fn sections_about_different_names_count_different_things() {
        let rule = rule();
        let morphology = crate::lang::ja::Morphology::new();
        let run = |text: &str| {
            crate::rules::testing::findings_for_format(
                &rule,
                text,
                crate::document::Format::Markdown,
                &morphology,
            )
        };
        let compared = "# 2機種を比較\n\n## ルミナ 9の特徴\n\nストレージが256GBあるので安心です。\n\n## アスター S3の特徴\n\nストレージは128GBです。\n";
        assert!(run(compared).is_empty());
        // A section about no name (まとめ) is about any: the values still conflict.
        let summary = "# ルミナ 9を試す\n\n## ルミナ 9の特徴\n\nストレージが256GBあるので安心です。\n\n## まとめ\n\nストレージは128GBです。\n";
        assert_eq!(run(summary).len(), 1);
        // A name the heading writes in brackets, after a label (その1：): two products.
        let bracketed = "# 酒蔵見学\n\n### その1：純米吟醸「花泉」\n■価格：720ml 1980円\n\n見学を終えた。\n\nタンクが並ぶ。\n\n### その2：特別純米「雪あかり」\n■価格：720ml 1540円\n";
        assert!(run(bracketed).is_empty(), "{:?}", run(bracketed));
        // One bracketed name in both: one product, the values conflict.
        let same = bracketed.replace("特別純米「雪あかり」", "純米吟醸「花泉」の続き");
        assert_eq!(run(&same).len(), 1);
        // Two lists under their own label lines (a crust and a cream): two things listed.
        let labelled = |second: &str| {
            format!(
                "# レモンタルト\n\n## 材料\n\nタルト生地\n\n- 無塩バター 60g\n- 粉糖 40g\n- 薄力粉 120g\n\n\
                 {second}\n\n- 全卵 2個\n- グラニュー糖 80g\n- 無塩バター 50g\n"
            )
        };
        assert!(run(&labelled("レモンクリーム")).is_empty());
        // Under one label (or a sentence that labels nothing), one thing listed twice.
        assert_eq!(run(&labelled("タルト生地")).len(), 1);
        assert_eq!(run(&labelled("生地はよく冷やします。")).len(), 1);
    }

    #[test]
    fn a_level_after_a_change_counts_what_the_change_counts() {
        // 前年同期比11.3%増の2184億円: the level is the 売上高, the comparison base is the
        // change's, so a later 上期の売上高 with its digits swapped is compared with it.
        assert_hits(
            &rule(),
            "売上高は前年同期比11.3%増の2184億円だった。\n\n\n\n上期の売上高2148億円のうち、海外が6割を占めた。",
            &["2148億円"],
        );
        // The subject is read whole however far before the change it stands.
        assert_hits(
            &rule(),
            "営業利益は前期比18.4%増の1126億円だった。\n\n\n\n営業利益は1300億円だった。",
            &["1300億円"],
        );
        // A value before の that is no change (3社の) does not make what follows a level.
        assert_hits(
            &rule(),
            "売上高は前期比で3社の合計2184億円だった。\n\n\n\n上期の売上高2148億円のうち、海外が6割を占めた。",
            &[],
        );
    }

    #[test]
    fn a_count_after_an_act_done_counts_the_act() {
        // 回答した312社 / 回答した298社: the companies that answered, twice.
        assert_hits(
            &rule(),
            "回答した312社の平均賃上げ率は3.1%だった。\n\n\n\n回答した298社のうち、2割が価格転嫁できていた。",
            &["298社"],
        );
        // 回答した / 欠席した: two acts, two counts.
        assert_hits(
            &rule(),
            "回答した312社の平均賃上げ率は3.1%だった。\n\n\n\n欠席した298社には資料を送った。",
            &[],
        );
    }

    #[test]
    fn an_amount_stated_of_an_object_counts_the_object() {
        // 費用を年間約18億円と試算: the estimate is of 費用.
        let text = |later: &str| {
            format!("拡充\n\n県は拡充の費用を年間約18億円と試算した。\n\n財源は未定だ。\n\n{later}")
        };
        assert_hits(
            &rule(),
            &text("- 費用は年間およそ13億円"),
            &["およそ13億円"],
        );
        assert_hits(&rule(), &text("- 費用は年間およそ18億円"), &[]);
        // Not an object of another verb: 費用を年間13億円かけて is no statement of the amount.
        assert_hits(
            &rule(),
            "拡充\n\n県は費用を年間13億円かけて工事する。\n\n財源は未定だ。\n\n- 費用は年間およそ18億円",
            &[],
        );
    }

    #[test]
    fn a_half_is_part_of_the_value() {
        let text = |other: &str| {
            format!(
                "試合\n\n試合時間は2時間半だった。\n\n\n\n別の話題だ。\n\n\n\n試合時間は{other}だった。"
            )
        };
        assert_hits(&rule(), &text("2時間"), &["2時間"]);
        assert_hits(&rule(), &text("2時間半"), &[]);
    }

    #[test]
    fn a_part_set_off_as_topic_tells_its_own_figures() {
        // 主力の冷凍食品事業は、: the part's 売上高, not the company's.
        assert_hits(
            &rule(),
            "売上高は1284億円だった。\n\n\n\n主力の冷凍食品事業は、売上高が512億円だった。",
            &[],
        );
        // A topic that names no part (新しい決算は、) leaves the two comparable.
        assert_hits(
            &rule(),
            "売上高は1284億円だった。\n\n\n\n新しい決算は、売上高が1300億円だった。",
            &["1300億円"],
        );
        // A part as the sentence's own topic, without a comma, and named in brackets before
        // its head (「産業機器部品」部門は).
        let part = |topic: &str| {
            format!(
                "売上高は8.7%増の2140億円だった。\n\n\n\n{topic}売上高が24.0%増の812億円と伸びた。"
            )
        };
        assert_hits(&rule(), &part("「産業機器部品」部門は"), &[]);
        assert_hits(&rule(), &part("産業機器部門は"), &[]);
        assert_hits(&rule(), &part("部門は"), &["24.0%", "812億円"]);
        // A part as the sentence's first topic and, after a comma, the figures' own topic
        // (一方、自動車向け部門は販売不振が響き、売上高は…): the part's figures still; a first
        // topic that names no part leaves them comparable.
        let later = |topic: &str| {
            format!(
                "売上高は1842億円だった。\n\n\n\n一方、{topic}販売不振が響き、売上高は516億円にとどまった。"
            )
        };
        assert_hits(&rule(), &later("自動車向け部門は"), &[]);
        assert_hits(&rule(), &later("自動車向けの部品事業は"), &[]);
        assert_hits(&rule(), &later("新型車は"), &["516億円"]);
    }

    #[test]
    fn a_number_of_years_is_an_amount_told_at_its_stage_of_a_case() {
        // 任期4年 / 任期6年: a number of years, not a date.
        assert_hits(
            &rule(),
            "市長の任期は4年だ。\n\n\n\n市長の任期は6年だ。",
            &["6年"],
        );
        // One stage of a case twice with two terms: a conflict.
        assert_hits(
            &rule(),
            "検察側は被告に懲役8年を求刑した。\n\n\n\n被告に懲役6年が求刑された。",
            &["6年"],
        );
        // The demand and the sentence are two figures.
        assert_hits(
            &rule(),
            "検察側は懲役8年を求刑した。\n\n\n\n地裁は懲役6年の判決を言い渡した。",
            &[],
        );
        // Dates and grades stay what they were: 令和4年, 高校3年.
        assert_hits(
            &rule(),
            "息子は高校3年で部長になった。\n\n\n\n息子は高校2年で副部長だった。",
            &[],
        );
        assert!(super::years_amount(
            "懲役",
            "を求刑",
            &super::quantity::find("8年")[0]
        ));
        assert!(!super::years_amount(
            "令和",
            "に開館",
            &super::quantity::find("4年")[0]
        ));
        assert!(!super::years_amount(
            "",
            "に創立",
            &super::quantity::find("1876年")[0]
        ));
        assert!(!super::years_amount(
            "",
            "ぶりの優勝",
            &super::quantity::find("3年")[0]
        ));
    }

    #[test]
    fn a_heading_naming_another_time_sets_its_sections_figures_at_that_time() {
        let text = |first: &str, figure: &str| {
            format!(
                "ベランダ菜園2年目\n\n■{first}うまくいかなかったこと\n\n\
                 苗を植えたプランターは{figure}容量10リットルほどで、小さすぎました。\n\n\
                 ■今年変えたこと\n\n深型プランターを用意しました。プランターは容量25リットルです。\n"
            )
        };
        assert_hits(&rule(), &text("去年", ""), &[]);
        // A heading of no time, or a clause with a time of its own, is compared.
        assert_hits(&rule(), &text("最初に", ""), &["25リットル"]);
        assert_hits(&rule(), &text("去年", "今年も"), &["25リットル"]);
        // 〜ころ names a past stretch of time: the section of the days before a change.
        let before_after = "寝かしつけの工夫\n\n## 寝かしつけに悩んでいたころ\n\n- お昼寝：14時〜16時半（2時間半）\n\n\
                            ## 工夫\n\n夕方は寝かせないようにしました。\n\n## まとめ\n\n- お昼寝：13時〜14時半（1時間半）\n";
        assert_hits(&rule(), before_after, &[]);
        assert_hits(
            &rule(),
            &before_after.replace("悩んでいたころ", "悩んでいたこと"),
            &["1時間半"],
        );
    }

    #[test]
    fn an_outcome_tells_which_people_are_counted() {
        // 当選 / 落選 split one group: two counts of 現職, not one misstated.
        let text = "市議選\n\n40人が立候補し、現職17人、元職1人、新人8人が当選した。\n\n投票率は下がった。\n\n## 明暗\n\n現職2人が落選した。";
        assert_hits(&rule(), text, &[]);
        // One outcome said twice is one count.
        assert_hits(
            &rule(),
            &text.replace("現職2人が落選した", "現職15人が当選した"),
            &["15人"],
        );
    }

    #[test]
    fn a_figure_said_of_a_demonstrative_is_not_compared() {
        // こちらは: the sequel the sentence before named, not the book the article is about.
        let text = "絵本の発行部数\n\n初版は3,000部だった。\n\n人気が続いた。\n\n絵本を読む。\n\n今年3月には続編も刊行された。こちらは初版1万部で発売し、すぐに重版が決まった。";
        assert_hits(&rule(), text, &[]);
        // Without the demonstrative the two figures are one quantity.
        assert_hits(&rule(), &text.replace("こちらは", ""), &["1万部"]);
    }

    #[test]
    fn ratios_of_attempts_and_points_in_time_are_not_amounts() {
        // 26本中7本: attempts and successes; the 36本 is another count.
        assert_hits(
            &rule(),
            "大宮は3点シュートを26本中7本決めた。\n\n大宮は3点シュートを36本放った。",
            &[],
        );
        // 就寝の3時間前, 就寝1時間前: two moments before one event, not two lengths of it.
        assert_hits(
            &rule(),
            "夕食は就寝の3時間前までに済ませる。\n\n就寝1時間前からスマホを見ない。",
            &[],
        );
        // A length of time is still compared.
        assert_hits(
            &rule(),
            "睡眠時間は7時間だった。\n\n睡眠時間は5時間にとどまった。",
            &["5時間"],
        );
        // 最初の3カ月, 最初の1カ月: parts of a period named by their length.
        assert_hits(
            &rule(),
            "## 最初の3カ月でやったこと\n\n最初の1カ月は、入門書を1冊決めて打ち込んだ。",
            &[],
        );
        assert_hits(
            &rule(),
            "工期の残り2週間で仕上げる。\n\n\n\n工期の残り5週間で仕上げる。",
            &[],
        );
        assert_hits(
            &rule(),
            "工期は2週間の予定だ。\n\n\n\n工期は5週間の予定だ。",
            &["5週間"],
        );
    }

    #[test]
    fn a_speaker_is_not_what_the_quotation_counts() {
        // Walking back past 「 would count both as 矢島's 回目: two values of one quantity.
        assert_hits(
            &rule(),
            "矢島は「3度目の挑戦だった」と話した。\n\n矢島は「4度目の夏の大会だった」と語った。",
            &[],
        );
    }

    #[test]
    fn the_number_of_x_counts_x() {
        // 店舗数 ends in the filler 数: what is counted is 店舗, not nothing.
        assert_hits(
            &rule(),
            "店舗数は1046店だった。\n\n店舗数は1064店となった。",
            &["1064店"],
        );
        assert_hits(
            &rule(),
            "応募総数は1243本だった。\n\n今回の応募は1423本に上った。",
            &["1423本"],
        );
        // 9月末時点で / 9月末の: one time, however it is placed; 上旬 and 下旬 are two.
        assert_hits(
            &rule(),
            "店舗数は9月末時点で1046店となった。\n\n9月末の店舗数は1064店だった。",
            &["1064店"],
        );
        assert_hits(
            &rule(),
            "9月上旬の店舗数は1046店だった。\n\n9月下旬の店舗数は1064店だった。",
            &[],
        );
        // A filler alone still says nothing of what is counted.
        assert_hits(&rule(), "全部で19カ所だった。\n\n全部で17カ所ある。", &[]);
        // 合計 and 総計 are fillers as 計 is: the totals of two things are two quantities, and
        // one thing's total is found past them.
        assert_hits(
            &rule(),
            "アジは合計23匹だった。\n\n\n\nサバは合計18匹だった。",
            &[],
        );
        assert_hits(
            &rule(),
            "アジは総計23匹だった。\n\n\n\n総計18匹のアジを釣った。",
            &["18匹"],
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
            // What two spans of time added up to (24日間 / 土日2日間).
            "公開から24日間で、観客動員は712万人に達した。\n週末も、土日2日間で観客動員52万人を記録した。",
            // The total of a list, not its last item.
            "軽乗用車「ルミナ」と軽トラック「ワークスK」の計1万1852台をリコールした。\n内訳は、ルミナが8,310台、ワークスKが3,542台。",
            // A time word is no subject (前年度の3.8倍 is not 前年度's).
            "全体の志願倍率は4.2倍で、前年度の3.8倍を上回った。\n一方、工学部は3.2倍で、前年度の3.5倍を下回った。",
            // Another edition, or the final figure against one so far.
            "配給会社によると、公開から10日間の観客動員は約131万人、興行収入は18億3000万円に達した。\n\
             2021年に公開された前作は、ロングランとなり、最終的な興行収入は24億円を記録した。",
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
    fn a_counter_the_reader_does_not_know_is_the_noun_on_the_number() {
        // 株 and 室 are no known counters: the noun written onto the number is the unit, and
        // what is counted is found as for any unit.
        assert_hits(
            &rule(),
            "確認された個体は約40株にとどまる。\n確認された個体は、わずか14株しかない。",
            &["14株"],
        );
        assert_hits(
            &rule(),
            "確認された個体は約40株にとどまる。\n確認された個体は、約38株だった。",
            &[],
        );
        // A part of the whole names nothing that is counted: not compared.
        assert_hits(&rule(), "客室は8室ある。\n夏は3室を改装する。", &[]);
        // A position (3基目) and a number's own name (3号機, 簿記2級) are no amounts.
        assert_hits(&rule(), "1基目を撤去した。\n3基目も撤去した。", &[]);
        assert_hits(
            &rule(),
            "簿記2級に合格した。\n\n\n\n簿記3級は昨年の秋に取得済みだ。",
            &[],
        );
        assert_hits(&rule(), "開演は午後3時だ。\n開演は午後2時になった。", &[]);
    }

    #[test]
    fn a_number_modifying_a_noun_counts_that_noun() {
        assert_hits(
            &rule(),
            "停留場は全部で19カ所ある。\n17の停留場のうち5カ所に駐輪場がある。",
            &[],
        );
        assert_hits(&rule(), "19の停留場がある。\n17の停留場がある。", &["17"]);
        // One span of time, or a total of no list, is still one quantity.
        assert_hits(
            &rule(),
            "公開から24日間で、観客動員は712万人に達した。\n公開から24日間で、観客動員は721万人に達した。",
            &["721万人"],
        );
        // With a counter noun the reader does not know.
        assert_hits(
            &rule(),
            "花火大会\n約1万発の花火が打ち上げられる。\n約8000発の花火が打ち上げられる。",
            &["約8000発"],
        );
        // 今回 is the article's own time: the same quantity as a mention without a qualifier.
        assert_hits(
            &rule(),
            "事故の影響で、運休は計38本となった。\n今回の運休は41本にのぼった。",
            &["41本"],
        );
        assert_hits(
            &rule(),
            "今年の運休は41本だった。\n昨年の運休は38本だった。",
            &[],
        );
    }

    #[test]
    fn what_is_counted_is_told_from_the_words_around_the_number() {
        // A superlative names what is measured; a date is the date of the event after it.
        assert_hits(
            &rule(),
            "空港までを最速52分で結ぶ。\n- 空港までは最速で57分",
            &["57分"],
        );
        assert_hits(
            &rule(),
            "X5を発売\n\nX5は、3月14日に発売される。\n\n- 3月21日発売、価格は7万円",
            &["3月21日"],
        );
        // The start of a change is not the value: 44.90% is what 41.37% fell below.
        assert_hits(
            &rule(),
            "投票率は41.37%で、前回の44.90%を3.53ポイント下回った。\n投票率が41.73%にとどまった。",
            &["41.73%"],
        );
    }

    #[test]
    fn different_things_named_around_a_number_are_not_compared() {
        for text in [
            // An actor is not an event: the dates of what the town did.
            "町は17日に指示を解除した。\n町は15日に会見を開いた。",
            // A one-character subject says too little.
            "午後は3人だった。\n午後の部は5人。",
            // Different names in the clause.
            "東京都では感染者が300人だった。\n大阪府では感染者が200人だった。",
            // A figure naming nobody is not compared with a figure of someone else.
            "トヨタの決算\n\nホンダは、営業利益が20%増だった。\n\n営業利益は25%増だった。",
            // Rows of one list, and a ranking of three values.
            "開票結果\n\n- 佐藤（無所属・新） 2,917票\n- 鈴木（無所属・現） 3,842票",
            "興収は10億円だった。\n興収は20億円だった。\n興収は30億円だった。",
            // A forecast and a result; an increase and a decrease; a comparison base.
            "純利益は312億円だった。\n純利益は350億円を見込む。",
            // A requirement is not the result: 23人以上の賛成が必要 / 賛成は18人.
            "可決には23人以上の賛成が必要だった。\n採決の結果、賛成は18人だった。",
            "来場者は前年比10%増だった。\n来場者は前年比5%減となった。",
            "売上高は前期比6.1%増だった。\n純利益は前期比8.4%減だった。",
            // Numbered points (①, ②) are items of one list, each its own thing.
            "節約術\n\n① 通信費：格安プランに切り替え、年間では6万円の削減。\n\n\
             ② 保険：特約を外して月3,000円の削減。\n\n③ 電気：プランを変更し、年間で約6,000円の削減。",
            // An amount added on top (上乗せ, 加算) is not the level it raises.
            "- 補助額：改修費の2分の1（上限100万円）\n- 対象：市内の空き家\n\n## 加算\n\n\
             - 子育て世帯は上限が50万円上乗せ\n- 対象は市内の住宅",
            // A milestone, a period, a clock time, a ratio, a value in brackets.
            "興行収入は5億2000万円を記録した。\n興行収入は100億円突破が目前だ。",
            "2025年3月期の売上高は4,820億円だった。\n2026年3月期の売上高は5,100億円を見込む。",
            "午前7時30分に発表した。\n午前7時12分に解除した。",
            "後半18分、新井が同点ゴールを決めた。\n後半41分、柴田が勝ち越した。",
            "チームはリーグ3位で終えた。\n本塁打数はリーグ2位の128本だった。",
            "濃塩酸と濃硝酸を3:1のモル比で混ぜる。\n2のモル比では溶けない。",
            "運賃は大人200円だ。\n1日乗車券（大人500円）もある。",
            // Years in the clause date the figure.
            "2024年の来場者は3万人だった。\n2025年の来場者は4万人だった。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn a_paragraph_of_statistics_is_not_compared_within() {
        // Five percentages in one paragraph: 33.1% (all answers) and 38.2% (one answer) are
        // two questions the subject does not tell apart.
        let stats = "複数回答では、QRコード決済が33.1%、クレジットカードが30.2%だった。\
            一つだけ回答では、QRコード決済が38.2%、クレジットカードが34.5%、電子マネーが18.7%だった。";
        assert_hits(&rule(), stats, &[]);
        // In two paragraphs of prose, the two values contradict each other.
        assert_hits(
            &rule(),
            "QRコード決済が33.1%だった。\n\nQRコード決済が38.2%だった。",
            &["38.2%"],
        );
    }

    #[test]
    fn a_timeline_entry_is_of_its_time() {
        // The entries tell the toll as it was then; the lead tells it now.
        let timeline =
            "1. 8日午前：行方不明者は6人と発表\n2. 9日午前：2人が見つかり、行方不明者は4人に";
        assert_hits(
            &rule(),
            &format!("町は10日、死者が5人になったと発表した。行方不明者は2人だ。\n\n{timeline}\n"),
            &[],
        );
        // Without stamps the same lines contradict the lead.
        assert_hits(
            &rule(),
            "町は10日、死者が5人になったと発表した。行方不明者は2人だ。\n\n町によると、行方不明者は4人にのぼる。\n",
            &["4人"],
        );
        assert_eq!(super::timeline_stamp("2. 9日午前:行方"), Some("9日午前"));
        assert_eq!(
            super::timeline_stamp("- 午後2時30分: 発表"),
            Some("午後2時30分")
        );
        assert_eq!(super::timeline_stamp("9日に発表した"), None);
    }

    #[test]
    fn contrasted_topics_are_different_quantities() {
        // いす席 and シート席: two members of one kind, each with its own prices.
        assert_hits(
            &rule(),
            "料金はいす席が前売り2,500円、当日3,000円。\nシート席は前売り9,000円、当日1万円。",
            &[],
        );
        // 入館料 and 美術館 are not of one kind: the same price, told twice.
        assert_hits(
            &rule(),
            "小鹿洋館美術館を訪ねて\n\n入館料は大人1,200円で、カフェもある。\n小鹿洋館美術館は大人1500円とやや高めだ。",
            &["1500円"],
        );
        // 平均 says how a figure is taken, not what it is about; a streak is not compared.
        assert_hits(
            &rule(),
            "住宅地は平均3.1%上昇した。\n商業地は平均4.4%上昇した。",
            &[],
        );
        assert_hits(
            &rule(),
            "住宅地は平均3.1%上昇した。\n住宅地は平均4.4%上昇した。",
            &["4.4%"],
        );
        assert_hits(
            &rule(),
            "上昇幅が拡大し、3年連続のプラス。\n郊外の団地は5年連続で下落した。",
            &[],
        );
    }

    #[test]
    fn a_figure_naming_nobody_is_about_the_headline_subject() {
        assert_hits(
            &rule(),
            "トヨタの決算\n\nトヨタは、営業利益が20%増だった。\n\n営業利益は25%増だった。",
            &["25%"],
        );
    }

    #[test]
    fn dou_before_a_number_repeats_the_comparison_base() {
        assert_hits(
            &rule(),
            "決算\n\n売上高は前期比8.1%増、営業利益は同12.4%増となった。\n\n営業利益は前期比14.2%増だった。",
            &["14.2%"],
        );
        // Another base is another quantity.
        assert_hits(
            &rule(),
            "決算\n\n売上高は前年比8.1%増、営業利益は同12.4%増となった。\n\n営業利益は前期比14.2%増だった。",
            &[],
        );
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

    #[test]
    fn milestones_parts_model_numbers_and_clauses_tell_quantities_apart() {
        let r = rule();
        // 30億円を突破: a milestone after its particle, not the total.
        assert_hits(
            &r,
            "累計興収は30億円を突破した。\n\n累計興収は31億4200万円となった。",
            &[],
        );
        assert_hits(
            &r,
            "累計興収は30億円となった。\n\n累計興収は31億4200万円となった。",
            &["31億4200万円"],
        );
        // A precise figure reached (3 significant digits or more) is the level, compared; a
        // round one reached, or any one crossed, stays a milestone.
        assert_hits(
            &r,
            "売上高は1,284億円だった。\n\n\n\n売上高1,248億円を達成した。",
            &["1,248億円"],
        );
        assert_hits(
            &r,
            "来場者は12万人だった。\n\n\n\n来場者は10万人を達成した。",
            &[],
        );
        assert_hits(
            &r,
            "来場者は125万人だった。\n\n\n\n来場者は123万人を突破した。",
            &[],
        );
        // 5万9千円まで下げた: where a change went, not the quote as it stood.
        assert_hits(
            &r,
            "見積もり\n\nA社の見積もりは7万8千円だった。\n\n交渉の結果、A社の見積もりは5万9千円まで下げられた。",
            &[],
        );
        assert_hits(
            &r,
            "見積もり\n\nA社の見積もりは7万8千円だった。\n\n交渉の結果、A社の見積もりは5万9千円だった。",
            &["5万9千円"],
        );
        // このうち at the start of a sentence makes every figure of it a part.
        assert_hits(
            &r,
            "被害額は約19億4000万円にのぼる。このうち架空請求は138件で、被害額は約6億2000万円だった。",
            &[],
        );
        assert_hits(
            &r,
            "被害額は約19億4000万円にのぼる。架空請求は138件で、被害額は約6億2000万円だった。",
            &["約6億2000万円"],
        );
        // PowerBox 1000の容量: a model's number.
        assert_hits(
            &r,
            "PowerBox 500の容量は旧型の1.3倍です。\n\nPowerBox 1000の容量は大きい。",
            &[],
        );
        // A clause on what is counted tells which of them.
        assert_hits(
            &r,
            "救急外来を受診したケースは約1万8000件だった。\n\n受け入れに対応できなかったケースは318件あった。",
            &[],
        );
        assert_hits(
            &r,
            "救急外来を受診したケースは約1万8000件だった。\n\n救急外来を受診したケースは1万2000件だった。",
            &["1万2000件"],
        );
    }
}
