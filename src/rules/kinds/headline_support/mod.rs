//! `kind: headline-support`: claims in a headline that the body does not support.
//!
//! Machine-generated articles often carry a clickbait title (taken from a video or another
//! article) whose key claims never appear in the text below it. This kind splits the title
//! into content units and reports the units that no body line mentions.
//!
//! # What is checked, and against what
//!
//! * **Checked**: the headline; headings (`check_headings`); list items under a summary
//!   heading such as 「この記事の要約」 (`check_summary`); and the title captured from source
//!   lines such as `参考動画:<title>` (`source_lines` with a `title` group; a related story,
//!   `関連記事:<title>`, tells another story and is not checked). A heading
//!   `まとめ:<text>` is checked as `<text>`; a heading that repeats the title is reported like
//!   any other heading, with the headline as a related span.
//! * **Body** (the only evidence): paragraph and list-item lines, minus summary list items (a
//!   summary cannot support itself), boilerplate lines (`boilerplate`: 目次, share buttons, ad
//!   notices) and list items under a boilerplate heading (目次 entries repeat the headings),
//!   source lines, lines that merely repeat the title, and links to other articles (list items
//!   under 【関連記事】 or あわせて読みたい). Headlines and headings are never
//!   body; a boilerplate line is never checked either, even as the headline. Every checked place is outside the body, so the body is one set shared by
//!   all of them. A document without body text gets no findings.
//!
//! # Units
//!
//! Tokens are grouped into units, each a span of the checked text:
//! * noun chains: nouns joined through bound morphemes: prefixes (前大統領, 初優勝) and suffixes
//!   (アジア + 版 + NATO, 系 + 外 + 惑星). Two free nouns side by side are separate units (甲子園 /
//!   決勝), as are person names (石破 + 茂) and サ変 nouns, which are predicates (アジア版NATO /
//!   提案). So 「石破茂総理」 gives 石破茂 and 総理, 「トランプ前大統領」 トランプ and 前大統領;
//! * numbers with their counters: 2027年, 3割, 3万9800円, 46.59%, 10月; a date whole (5月20日,
//!   2025年5月), which a body day alone supports (3月22日 by 「北浜電鉄は22日、」);
//! * independent verbs, by base form (破り → 破る), except light verbs such as する, なる;
//! * a term of `synonyms` or `opposites` the segmenter cut into units (全会 | 一致) is one
//!   unit (全会一致, which the body's 賛成多数 contradicts);
//! * never: particles, symbols, adjectives, adverbs, pronouns, non-independent nouns,
//!   honorific, plural and temporal suffixes (氏, ら, 後, 中), bare suffixes, hedges (約),
//!   and the `ignore` terms.
//!
//! A unit is supported when one of its variants (itself, or a term sharing a `synonyms` group
//! with it) occurs in the body: as a substring of a body line (ASCII case-insensitive; the
//! text is NFKC already), or as the base form of a body token (拒否 ← 拒否した, 退ける ← 退けた).
//! A number must not be part of a longer number (2人 is not in 12人), and a body number may
//! carry decimals the unit lacks (5ポイント is in 5.32ポイント, not the reverse); suffixes after
//! the counter are optional (500円高 is supported by 500円). With
//! `compound_parts: true`, a chain is also supported when each of its nouns is.
//!
//! Beyond the words themselves, a unit is supported by what the body says another way:
//! * a chain whose pieces (a noun with its prefixes and suffixes, or a synonym of it) stand in
//!   one body sentence in order: 歴史的円安 / 歴史的な円安, W杯アジア予選 /
//!   「ワールドカップ」のアジア予選, 山辺県予算案 / 山辺県の…当初予算案; so do a name and a
//!   suffix that makes a kind of thing of it (若冲展 / 伊藤若冲の作品を紹介する特別展);
//! * an abbreviation of a body word: kanji standing in a body compound in order (国交省 /
//!   国土交通省; also at the head of a longer run, 陸自 / 陸上自衛隊霧島原駐屯地, within three
//!   times the abbreviation's length, and written onto a name the body writes before the run,
//!   桜ケ丘市教委 / 桜ケ丘市教育委員会), a clipped loanword (スマホ / スマートフォン), alone or
//!   joined to a body word (ノイキャンイヤホン / ノイズキャンセリング…イヤホン), or capitals
//!   opening the words of a katakana loanword (RPG / ロールプレイングゲーム, FP /
//!   ファイナンシャルプランナー);
//! * the doer or means of an action by the action: a サ変 noun with 手, 者, 家, 員 or 術
//!   (運転手 / 運転していた, 節約術 / 節約のコツ);
//! * a count of what one body sentence lists: names ending in the counter (2校 /
//!   高森高校と峰岸高校, 2中学校 / 北山中学校と西谷中学校), people with their ages (子ども2人 /
//!   長男（12）と長女（9））, or two by 両 (2日間 / 3、4の両日, 2校 / 両校, 2人 / 両氏);
//! * a verb's 連用形 by the noun it spells (響き / 響いた, and the other way round: the
//!   segmenter's verb まつり of 夏まつり / the body's noun 夏まつり);
//! * a duration by the same number without 間 (1年間 / 1年の流れ), an interval by trading
//!   days (3日ぶり / 3営業日ぶり);
//! * a year written onto a name (ペルセウス座流星群2025の見頃) by 今年 or 本年 in a body that
//!   names no other year;
//! * a number the body implies: a duration between two body clock times (約3時間後, 7時間半),
//!   a difference of two body values of one unit when the unit ends in 差 (勝ち点7差), a
//!   total of the values of one unit a body sentence lists (84施設 from 3, 19 and 62施設), a
//!   ratio or percent change of two values of one unit in one body sentence, or of the place's
//!   own value and a body value (1割以上増えた, 前週の1.7倍); a counter the quantity reader
//!   does not know is compared by the noun after the number (全8室 / 8室); days or weeks
//!   between two body dates, and the days a range of dates covers in weeks rounded (3週間 /
//!   5月12日から30日まで); months between two body dates, to half a month (育てて3か月 over
//!   4月29日 and 7月31日), or between two months one sentence names (2か月遅れ over 4月から
//!   6月に延期);
//! * a count of people with an event (2人死亡, 5人けが) that the body sentences telling the
//!   event add up to exactly: the people they count (乗客4人) and the people a person noun
//!   names without a count (80代の女性, 運転していた男);
//! * in a heading, a number counted in a counter its own section uses (全4基 over 1基目 …
//!   残る3基, 12回 over 7回・2回・3回) is a count or sum of the section, not a new claim (a
//!   wrong value is the numbers kind's); a heading that opens with an ordinal (■1軒目：)
//!   numbers its section;
//! * an opposite word in the body contradicts the headline only when said of the same thing
//!   or of nothing named (自然減は…拡大した says nothing of 減少幅は…縮小);
//! * the title (and a source title) is also supported by the article's headings, except a
//!   heading that repeats it (headings are checked themselves);
//! * a count of the article's own items: 5つの習慣 over five sibling headings (summary and
//!   boilerplate headings left out) or a run of numbered ones (5つのポイント over ポイント1 …
//!   ポイント5, whatever headings follow), ベスト3 over a list of three;
//! * 第32回 and 32回目 are one ordinal;
//! * never claims: a reading time a guide promises (3分で解説, 5分でわかる), a heading that only names its section's subject (nouns alone outside
//!   brackets: ### 厚焼きホットケーキ（880円）), a number in brackets in a heading (本日のブレンド（550円）, 材料（3人分）), and
//!   a 【…】 tag at either end of a title or heading (【動画まとめ】…);
//! * a number written onto Latin letters is part of a code (J2青嵐FC: J2 | 青嵐 | FC, not
//!   2青嵐), and a lone Latin letter (V字回復's V) or an initialism of a common noun (IT, SNS:
//!   `common-initialisms`) names nothing.
//!
//! A move in a ranking the title ends at one rank (首位浮上) while the body tells the same move
//! only at another (東地区の2位に浮上した) is contradicted, with the body's move shown.
//!
//! An event of a life or a company a headline states as news (`event-claims`: 結婚, 逮捕,
//! 辞任, 買収) is a strong unit like a name or a number: headlines reword their verbs, not
//! these (a death is not one: bodies tell it as 遺体が見つかった).
//!
//! A count of repetitions or of a succession (3度目, 2代目, 3連勝, 2冠, 5年連続, 3カ月 | 連続)
//! is not a strong unit: the body narrates it (過去2回は失敗, 父と祖父) more often than it
//! writes the count, so it is reported as a name or number only when the body gives it
//! another value (2度目). So is a count of one person or thing (プランター1つ, 1人1台):
//! Japanese leaves one unsaid (プランターで育てる). So is an age decade (40代) over a body that tells nobody's age: it
//! names an audience (40代から始める減塩) as often as a person; over a body that tells ages
//! (男性(52)) it is a claim about one of them.
//!
//! Headings and summary bullets are short paraphrases (「日米関係の構築急務」 for a section about
//! 関係構築を急ぐ), so by default (`heading_units: salient`) only their salient units count:
//! those with a proper noun, a digit, or a noun before 氏/さん (IPADIC has トランプ as a common
//! noun). The headline and source titles count every unit.
//!
//! A title's unit the body tells every time as missed (4強入り over 「初の4強入りはならなかった」,
//! 3連覇 over 「3連覇を逃した」) is not supported: the body's mention is shown (a title that
//! tells it as missed itself, 4強入りならず, agrees with the body).
//!
//! A record in the title (過去最高益, 県内最大, 県内初, 初優勝) is a claim ([`records`]): told
//! only as unmet (「過去最高には届かなかった」) or counted again (「県内で4例目」) it is
//! contradicted, reported at the rule's severity with the body phrase as a related span; never
//! told, it is reported one level lower however few other units are missing.
//!
//! One finding per checked place, when its share of supported units is below `min_coverage`:
//! the primary span is the first unsupported unit, the others are related spans, and so is
//! the body's value of a quantity an unsupported number gives another value (客席数は1200席 /
//! 客席数は980席, or 会員情報12万件 / 約3万8000件の会員情報). When nothing in the body answers a
//! title's claim (no other value, no opposite, no denial, no unmet record), the body sentence
//! that tells most of the claim's own phrase, then of the rest of the title, is shown as the
//! nearest (小児救急を24時間体制に / 小児救急の受け付けは平日の午後6時から10時まで): at least
//! two of the title's supported units, one of them from the phrase when it has any.
//!
//! # Cost
//!
//! The units of all checked places are gathered first (a few per place), then one
//! Aho-Corasick pass over the body lines and one hash lookup per conjugated body token mark
//! which are found: linear in the document, no allocation per body token.
//!
//! ```yaml
//! kind: headline-support
//! message: "{place}の{units}は本文に記述がありません"
//! min_coverage: 1.0        # report when fewer than this share of units is supported
//! check_headings: true
//! check_summary: true
//! heading_units: salient   # or `all`: which units of headings and summary bullets count
//! heading_evidence: absence # or `contradiction`: headings and summary bullets are reported
//!                           # only when the body gives another value or the opposite word
//! compound_parts: false    # true: アジア版NATO is supported by アジア and NATO apart
//! summary_headings: ['^(?:この記事の)?(?:要約|まとめ)$']
//! boilerplate: ['^目次$', 'URLをコピーしました']
//! source_lines:            # not body; a `title` group is checked, `label` names it
//!   - '^(?P<label>参考動画)\s*:\s*(?P<title>.+)$'
//!   - '^(?:引用|出典)\s*:'
//! ignore: [速報, 解説]
//! synonyms:
//!   - [総理, 首相]
//!   - [拒否, 一蹴, 拒絶, 退ける]
//! ```
//!
//! Placeholders: `{units}` the unsupported units as 「a」「b」, `{count}` how many, `{total}`
//! how many units were counted, `{place}` タイトル / 見出し / 要約 / `「<label>のタイトル」` (出典のタイトル
//! without a `label` group).
//!
//! The regex lists (`summary_headings`, `boilerplate`, `source_lines`) replace their defaults
//! when given; each regex is matched against one trimmed line (a heading's text for
//! `summary_headings`). `ignore` and `synonyms` terms are NFKC-normalised and compared
//! case-insensitively with whole units.

use std::sync::Arc;

use serde::Deserialize;

use super::{CompileContext, Context, compile_regexes, normalize_terms};
use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::algo::line_regex::LineRegex;
use crate::algo::lowercase::lowercase;
use crate::document::{BlockKind, Document, trim_span};
use crate::error::FileError;
use crate::finding::{Hit, Severity};
use crate::lang::ja::quantity;
use crate::lang::ja::{Analysis, Labels, LexiconId, Lexicons, is_hiragana, is_kanji, is_katakana};
use crate::rules::message::Message;
use crate::rules::spec::RuleSource;
use crate::span::Span;
use body_search::Keys;
use framing::{
    counts_repetitions, enumerated, episode_after_tag, framing_follows, in_brackets,
    in_closing_brackets, in_end_tag, is_date, is_day, is_edition_year, is_label, is_ordinal,
    is_reading_time, opens_with_ordinal,
};
use numbers::{
    BodyByUnit, BodyValues, Derivable, counted_bare, counterpart, counts_items, counts_one,
    crosses_threshold, following_counterpart, line_holding, names_listed, one_of_an_event,
    ordinal_spelling, people_listed, people_of_an_event, quantities_in, rounds_to_body,
    season_told, section_counts_in,
};

/// Which units of headings and summary bullets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum UnitScope {
    /// Only units with a proper noun, a digit, or a noun before 氏/さん: names and numbers are
    /// what a paraphrase keeps, so their absence means a claim the body does not make.
    #[default]
    Salient,
    /// Every unit, as for the headline.
    All,
}

/// What makes an unsupported unit of a heading or summary bullet worth a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum HeadingEvidence {
    /// The body does not state it, as for the headline.
    #[default]
    Absence,
    /// The body contradicts it: gives another value of the quantity (見出しの100億円, 本文の
    /// 興行収入5億2000万円) or says the opposite word. Headings and summaries compress, count
    /// and round what the body tells (4都市 over a table of four cities, 28分 from two clock
    /// times), so a unit they alone name is no sign of a false claim.
    Contradiction,
}

/// How places whose only unsupported units are weak (common nouns, actions, verbs: what a
/// headline rewords) are reported. Strong units (names, numbers) are always reported at the
/// rule's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WeakUnits {
    /// Like strong units.
    #[default]
    Report,
    /// One severity level below the rule's.
    Lower,
    /// One level below, and only when at least two and at least half of the place's units
    /// are unsupported (the headline is about something the body does not tell); a reworded
    /// word is not reported.
    Majority,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Spec {
    /// Report a place when the share of its supported units is below this (0.0..=1.0).
    pub min_coverage: f64,
    /// Check headings against the body.
    pub check_headings: bool,
    /// Check list items under a summary heading against the body.
    pub check_summary: bool,
    /// Which units of headings and summary bullets count.
    pub heading_units: UnitScope,
    /// What makes an unsupported unit of a heading or summary bullet a finding: `absence` (the
    /// body does not state it) or `contradiction` (the body gives another value or the
    /// opposite word).
    pub heading_evidence: HeadingEvidence,
    /// A noun chain is also supported when each of its nouns is.
    pub compound_parts: bool,
    /// How places whose unsupported units are all weak (no name, no number) are reported.
    pub weak_units: WeakUnits,
    /// With `weak_units: lower` or `majority`, the most severe level of a place whose
    /// unsupported units are all weak and tell no record (reworded words: no name, number,
    /// record, other value or opposite), which is otherwise one level below the rule's: `info`
    /// reports a reworded headline as a note. It only lowers.
    pub weak_severity: Option<Severity>,
    /// Regexes for summary headings (matched against the heading text). Replaces the default.
    pub summary_headings: Vec<String>,
    /// Regexes for lines that are not body (matched per line). Replaces the default.
    pub boilerplate: Vec<String>,
    /// Regexes for source lines (not body); a `title` group is checked like a headline unless
    /// it is a URL, and a `label` group names it in `{place}`. Replaces the default.
    pub source_lines: Vec<String>,
    /// Terms never counted as units.
    pub ignore: Vec<String>,
    /// Groups of interchangeable terms.
    pub synonyms: Vec<Vec<String>>,
    /// Pairs of words where one in the body contradicts the other in a headline (増益 / 減益,
    /// 実刑 / 執行猶予): a headline unit the body does not state while it states the opposite
    /// is reported at the rule's severity, however weak, with the body's word as related.
    pub opposites: Vec<[String; 2]>,
    /// Headline words for a measure going up or down (増益 / 減益) with the body nouns that name
    /// the measure (利益): every body change of the measure one way tells the word or
    /// contradicts it (営業利益は4.1%減 under 増益), with the body phrase as related.
    pub directions: Vec<directions::Direction>,
}

impl Default for Spec {
    fn default() -> Self {
        let list = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
        Spec {
            min_coverage: 1.0,
            check_headings: true,
            check_summary: true,
            heading_units: UnitScope::Salient,
            heading_evidence: HeadingEvidence::Absence,
            compound_parts: false,
            weak_units: WeakUnits::Report,
            weak_severity: None,
            summary_headings: list(&[
                r"^(?:この記事の|記事の)?(?:要約|まとめ|概要|要点|ポイント)$",
                r"^.{1,20}の(?:ポイント|要点)$",
                r"(?i)^(?:summary|tl;?dr|key points)$",
            ]),
            boilerplate: list(&[
                r"^目次$",
                r"^(?:よかったら|この記事を|記事を)?(?:SNSで)?シェア(?:してね|してください|お願いします|する)?[!。]*$",
                r"URLをコピーしました",
                r"(?:リンク|記事|ページ|サイト)には(?:アフィリエイト)?広告が含まれ",
                r"(?i)^(?:PR|広告|スポンサーリンク|sponsored)$",
                // Links to other articles: their titles are not this article's body.
                r"^【?(?:関連(?:記事|ニュース|リンク)|あわせて読みたい|合わせて読みたい|おすすめ記事)】?$",
            ]),
            source_lines: list(&[
                r"^(?P<label>(?:参考|元|引用)(?:動画|記事|ニュース))\s*:\s*(?P<title>.+)$",
                // A related story's title tells another story: not body, and no claim of this
                // article.
                r"^関連(?:動画|記事|ニュース)\s*:",
                r"(?i)^(?:参考|引用|引用元|出典|出所|参照|ソース|source|sources|via|reference)\s*:",
            ]),
            ignore: Vec::new(),
            synonyms: Vec::new(),
            opposites: Vec::new(),
            directions: Vec::new(),
        }
    }
}

mod body_search;
mod directions;
mod framing;
mod numbers;
mod records;
mod status;

pub const PLACEHOLDERS: &[&str] = &["units", "count", "total", "place"];

/// The lexicons this kind reads.
pub const LEXICONS: &[LexiconId] = &[
    LexiconId::ClaimlessVerbs,
    LexiconId::PluralSuffixes,
    LexiconId::HeadlineFraming,
    LexiconId::EventClaims,
    LexiconId::CommonInitialisms,
    LexiconId::CountryInitials,
    LexiconId::EnumeratorLabels,
    LexiconId::DifferenceWords,
    LexiconId::ItemCounters,
    LexiconId::RankWords,
    LexiconId::TitlePrefixes,
    LexiconId::PlaceSuffixes,
    LexiconId::NegatingPrefixes,
    LexiconId::PlanNouns,
    LexiconId::CompletionWords,
    LexiconId::DecisionVerbs,
    LexiconId::DisclosureWords,
    LexiconId::PlanWords,
    LexiconId::PendingSteps,
    LexiconId::EventCounters,
    LexiconId::OtherTimes,
];

#[derive(Debug)]
pub struct HeadlineSupport {
    min_coverage: f64,
    check_headings: bool,
    check_summary: bool,
    heading_units: UnitScope,
    heading_evidence: HeadingEvidence,
    compound_parts: bool,
    weak_units: WeakUnits,
    weak_severity: Option<Severity>,
    summary_headings: Vec<LineRegex>,
    boilerplate: Vec<LineRegex>,
    source_lines: Vec<LineRegex>,
    /// Lower-cased.
    ignore: FastHashSet<String>,
    /// Lower-cased term → the other terms of its groups.
    synonyms: FastHashMap<String, Vec<String>>,
    /// Lower-cased term → the terms opposite to it.
    opposites: FastHashMap<String, Vec<String>>,
    directions: directions::Directions,
    lexicons: Arc<Lexicons>,
}

impl super::RuleKind for HeadlineSupport {
    const NAME: &'static str = "headline-support";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    const LEXICONS: &'static [LexiconId] = LEXICONS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let mut errors = Vec::new();
        if !(0.0..=1.0).contains(&spec.min_coverage) {
            errors.push(src.error(
                src.key("min_coverage"),
                format!(
                    "`min_coverage` must be between 0.0 and 1.0, not {}",
                    spec.min_coverage
                ),
            ));
        }
        let summary_headings = compile_regexes(
            &spec.summary_headings,
            "summary_headings",
            false,
            src,
            &mut errors,
        );
        let boilerplate =
            compile_regexes(&spec.boilerplate, "boilerplate", false, src, &mut errors);
        let source_lines =
            compile_regexes(&spec.source_lines, "source_lines", false, src, &mut errors);
        let ignore = normalize_terms(&spec.ignore, "ignore", src, &mut errors)
            .into_iter()
            .map(|t| t.to_lowercase())
            .collect();
        let mut synonyms: FastHashMap<String, Vec<String>> = FastHashMap::default();
        for group in &spec.synonyms {
            let terms = normalize_terms(group, "synonyms", src, &mut errors);
            if terms.len() < 2 {
                errors.push(src.error(
                    src.key("synonyms"),
                    "each `synonyms` group needs at least two terms",
                ));
                continue;
            }
            for t in &terms {
                let others = synonyms.entry(t.to_lowercase()).or_default();
                for o in &terms {
                    if o != t && !others.contains(o) {
                        others.push(o.clone());
                    }
                }
            }
        }
        let mut opposites: FastHashMap<String, Vec<String>> = FastHashMap::default();
        for pair in &spec.opposites {
            let terms = normalize_terms(pair, "opposites", src, &mut errors);
            if let [x, y] = &terms[..] {
                if x == y {
                    errors.push(src.error(
                        src.item(&["opposites"], x),
                        format!("`{x}` cannot be its own opposite"),
                    ));
                    continue;
                }
                opposites
                    .entry(x.to_lowercase())
                    .or_default()
                    .push(y.clone());
                opposites
                    .entry(y.to_lowercase())
                    .or_default()
                    .push(x.clone());
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(HeadlineSupport {
            min_coverage: spec.min_coverage,
            check_headings: spec.check_headings,
            check_summary: spec.check_summary,
            heading_units: spec.heading_units,
            heading_evidence: spec.heading_evidence,
            compound_parts: spec.compound_parts,
            weak_units: spec.weak_units,
            weak_severity: spec.weak_severity,
            summary_headings: line_regexes(summary_headings),
            boilerplate: line_regexes(boilerplate),
            source_lines: line_regexes(source_lines),
            ignore,
            synonyms,
            opposites,
            directions: directions::Directions::new(&spec.directions),
            lexicons: context.lexicons.clone(),
        })
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let doc = ctx.doc;
        let a = ctx.analysis;
        let (places, body) = self.layout(doc);
        if body.is_empty() {
            return;
        }
        let mut keys = Keys::default();
        // Whether the body tells someone's age, read once and only for an age decade.
        let body_ages = std::cell::OnceCell::new();
        let tells_ages =
            || *body_ages.get_or_init(|| body.iter().any(|s| tells_an_age(&doc.text[s.range()])));
        let checked: Vec<(Place, Vec<Unit>)> = places
            .into_iter()
            .map(|p| {
                let units = self.units(doc, a, &p, &mut keys, &tells_ages);
                (p, units)
            })
            .filter(|(_, units)| !units.is_empty())
            .collect();
        if checked.is_empty() {
            return;
        }
        let found = keys.find_in(a, &body);
        let headline = doc.headline().map(|b| b.span);
        let labels = Labels::get();
        // The body's quantities are read once, for rounding and for what the body implies.
        let mut body_found: Option<Vec<quantity::Quantity>> = None;
        let mut body_values: Option<BodyValues> = None;
        let mut body_runs: Option<KanjiRuns> = None;
        let mut body_lowered: Option<String> = None;
        let mut heading_found: Option<Vec<bool>> = None;
        let mut item_counts: Option<ItemCounts> = None;
        let mut body_by_unit: Option<BodyByUnit> = None;
        let mut body_derived: Option<Derivable> = None;
        // Each search for a chain written apart scans the body: bounded per document (a
        // document of hundreds of headings must stay linear).
        let mut apart_budget = Self::MAX_APART_SEARCHES;
        for (place, units) in &checked {
            let supported = |u: &Unit| {
                u.variants.iter().any(|&k| found[k])
                    || (!u.parts.is_empty() && u.parts.iter().all(|p| p.iter().any(|&k| found[k])))
            };
            let mut missing: Vec<&Unit> = units.iter().filter(|u| !supported(u)).collect();
            // The title sums up the article, headings included: 生活習慣 in the title is told
            // by the heading 「生活習慣で気をつけたいこと」 (headings are checked themselves).
            if matches!(place.role, Role::Title | Role::Source) && !missing.is_empty() {
                let in_headings = heading_found.get_or_insert_with(|| {
                    // Not a heading that repeats the title (まとめ:<title>): no support.
                    let title_core = headline.map(|h| core(&doc.text[h.range()])).unwrap_or("");
                    let headings: Vec<Span> = doc
                        .blocks
                        .iter()
                        .filter(|b| matches!(b.kind, BlockKind::Heading { .. }))
                        .filter(|b| {
                            title_core.is_empty() || !core(doc.slice(b.span)).contains(title_core)
                        })
                        // 「5. まとめ」: a section's own number supports no count of the title.
                        .map(|b| {
                            let s = doc.slice(b.span);
                            let rest = without_number(s);
                            if rest.len() < s.len() && leading_number(s).is_some() {
                                Span::new(b.span.end - rest.len(), b.span.end)
                            } else {
                                b.span
                            }
                        })
                        .collect();
                    keys.find_in(a, &headings)
                });
                missing.retain(|u| !u.variants.iter().any(|&k| in_headings[k]));
            }
            // 5つの習慣 over five numbered sections, ベスト5 over a list of five: a count of the
            // article's own items.
            if missing.iter().any(|u| u.number) {
                let counts = item_counts.get_or_insert_with(|| self.item_counts(doc, a));
                let lexicons = &self.lexicons;
                missing.retain(|u| !u.number || !counts_items(a.text, u.span, counts, lexicons));
                // スポット5選 over sections numbered 1 to 4 is contradicted; over an article
                // that numbers nothing it frames the headline.
                if counts.numbered.is_empty() {
                    missing.retain(|u| !u.picks);
                }
            }
            // 2校 over 高森高校と峰岸高校を統合, 2人 over 長男(12)と長女(9): a count of the
            // names or people the body lists.
            missing.retain(|u| {
                !u.number
                    || u.counter.as_deref().is_none_or(|c| {
                        let unit = &a.text[u.span.range()];
                        !names_listed(a, unit, c, &body) && !people_listed(unit, c, a.text, &body)
                    })
            });
            // 3-1 for 3対1, 3マップ対1マップ, 3―1: a score however the body writes it.
            missing.retain(|u| !score_in_body(&a.text[u.span.range()], a.text, &body));
            // ペルセウス座流星群2025の見頃 over 今年のペルセウス座流星群: the body tells the
            // year as this year (and names no other).
            missing.retain(|u| !edition_year(a.text, u.span, &body));
            // 3月22日 over 「北浜電鉄は22日、…」: news writes a day of the current month alone.
            missing.retain(|u| !day_told_alone(&a.text[u.span.range()], a.text, &body));
            // 42億円 for 42億3000万円, 2割増 for 20.4%増: a rounded number is supported.
            if missing.iter().any(|u| u.number) {
                let found = body_found.get_or_insert_with(|| body_quantities(a, doc, &body));
                let quantities = body_values.get_or_insert_with(|| {
                    let mut values = BodyValues::new(found.iter().cloned());
                    for line in &body {
                        values.add_ages(&doc.text[line.range()]);
                    }
                    values
                });
                missing.retain(|u| !u.number || !rounds_to_body(a, u.span, quantities));
                missing.retain(|u| !u.number || !one_of_an_event(a, u.span, &body, found));
                // 2人死亡 over 80代の女性が…死亡 and 70代の男性が…死亡が確認された: the people
                // the body narrates the event of, counted (a headline's claim: each place
                // reads the body).
                if matches!(place.role, Role::Title | Role::Source) {
                    missing.retain(|u| !u.number || !people_of_an_event(a, u.span, &body, found));
                }
                // 142球 over 投球数は142: a count the body writes without its counter (a
                // headline's claim; a heading's number is its section's, and thousands of
                // headings would each read the body).
                if matches!(place.role, Role::Title | Role::Source) {
                    missing.retain(|u| {
                        !u.number || !counted_bare(a, u.span, u.counter.as_deref(), found)
                    });
                }
            }
            // 全4基 over a section that tells 1基目 … 残る3基, 12回 over 7回・2回・3回: a
            // heading's number counted in a unit its own section uses is a count, sum or
            // difference of the section's numbers (a contradiction is the numbers kind's).
            if let Some(section) = place.section {
                missing.retain(|u| {
                    u.counter
                        .as_deref()
                        .is_none_or(|c| !section_counts_in(doc, section, c))
                });
            }
            // 約3時間 from two clock times, 7差 from 74 and 67: a number the body implies.
            if missing.iter().any(|u| u.number) {
                let found = body_found.get_or_insert_with(|| body_quantities(a, doc, &body));
                let derived = body_derived.get_or_insert_with(|| Derivable::new(doc, &body, found));
                let lexicons = &self.lexicons;
                let own = quantities_in(a, place.span);
                missing.retain(|u| !u.number || !derived.supports(a, u.span, &own, lexicons));
            }
            // 12万部突破 over 12万8000部: the threshold word says what the supported figure
            // already claims (a floor the body value is above).
            let crossed_after_told = |u: &Unit| {
                let i = units.iter().position(|x| std::ptr::eq(x, u));
                let before = i.and_then(|i| i.checked_sub(1)).map(|i| &units[i]);
                before.is_some_and(|b| {
                    b.number
                        && !missing.iter().any(|m| std::ptr::eq(*m, b))
                        && matches!(
                            &a.text[b.span.end.min(u.span.start)..u.span.start],
                            "" | "を" | "に"
                        )
                        && crosses_threshold(&a.text[u.span.range()])
                })
            };
            let crossed: Vec<bool> = missing
                .iter()
                .map(|u| !u.number && crossed_after_told(u))
                .collect();
            let mut crossed = crossed.into_iter();
            missing.retain(|_| !crossed.next().unwrap_or(false));
            // 国交省 for 国土交通省, 安保理 for 安全保障理事会: a kanji abbreviation of a body
            // compound is supported; スマホ for スマートフォン: a clipped loanword too; RPG for
            // ロールプレイングゲーム: an initialism of one.
            if missing.iter().any(|u| !u.number) {
                let runs = body_runs.get_or_insert_with(|| KanjiRuns::new(doc, &body));
                missing.retain(|u| {
                    let unit = &a.text[u.span.range()];
                    // The whole katakana word: the segmenter may cut a clipped word (スマ|ホ).
                    let word = katakana_word(a.text, u.span);
                    u.number
                        || !(runs.abbreviated(unit)
                            || runs.abbreviated_after_name(unit)
                            || runs.clipped(word)
                            || runs.clipped_compound(word)
                            || runs.initialism(unit))
                });
            }
            // 日比 over フィリピンのロドリゲス外相, 米中 over 米国と中国: countries a headline
            // joins by one character each.
            if matches!(place.role, Role::Title | Role::Source) && missing.iter().any(|u| !u.number)
            {
                let countries = self.lexicons.get(LexiconId::CountryInitials);
                missing.retain(|u| {
                    u.number
                        || !countries_told(
                            joined_initials(a.text, u.span, countries),
                            countries,
                            a.text,
                            &body,
                        )
                });
            }
            // 2泊3日: the nights are the days less one; the days are checked on their own.
            missing.retain(|u| !nights_of_days(&a.text[u.span.start..place.span.end]));
            // 来春 over 来年3月: a season told by one of its months.
            if missing.iter().any(|u| !u.number) {
                missing
                    .retain(|u| u.number || !season_told(&a.text[u.span.range()], a.text, &body));
            }
            // 歴史的円安 for 歴史的な円安: a chain's pieces written apart in one sentence.
            if missing.iter().any(|u| !u.pieces.is_empty()) {
                let lowered = body_lowered.get_or_insert_with(|| a.text.to_ascii_lowercase());
                missing.retain(|u| {
                    if u.pieces.is_empty() || apart_budget == 0 {
                        return true;
                    }
                    apart_budget -= 1;
                    !spelled_apart(lowered, &body, &u.pieces)
                });
            }
            // 新素材を採用 over 採用するかどうかは未定: an action the body mentions only negated
            // or left open is not told.
            let mut unaffirmed: Vec<(&Unit, Span)> = Vec::new();
            // Actions the body states only of something the headline does not name.
            let mut told_elsewhere: Vec<&Unit> = Vec::new();
            if matches!(place.role, Role::Title | Role::Source) {
                let words = status::StatusWords {
                    prefixes: self.lexicons.get(LexiconId::NegatingPrefixes),
                    plans: self.lexicons.get(LexiconId::PlanNouns),
                    disclosures: self.lexicons.get(LexiconId::DisclosureWords),
                };
                for u in units {
                    let Some(word) = u.action.as_deref() else {
                        continue;
                    };
                    if missing.iter().any(|m| std::ptr::eq(*m, u))
                        || status::hedged_in_headline(a, a.first_at(u.span.start), place.span)
                    {
                        continue;
                    }
                    let headline = &a.text[place.span.range()];
                    // One character (見, 出) says too little to be the same word.
                    let written = Some(a.surface(a.first_at(u.span.start)))
                        .filter(|w| w.chars().count() >= 2)
                        .unwrap_or(word);
                    let mut forms = vec![word, written];
                    if let Some(others) = self.synonyms.get(word) {
                        forms.extend(others.iter().map(String::as_str));
                    }
                    // A decision or a completion told only as planned is not taken yet.
                    let settled = self.settles(word);
                    match status::only_unaffirmed(a, &body, &forms, headline, settled, &words) {
                        status::Mentions::Unaffirmed(at) => unaffirmed.push((u, at)),
                        status::Mentions::Elsewhere => told_elsewhere.push(u),
                        status::Mentions::Told => {}
                    }
                }
            }
            // 4強入り over 「初の4強入りはならなかった」: an achievement the body tells only
            // as missed.
            if matches!(place.role, Role::Title | Role::Source) {
                for u in units {
                    if u.action.is_some()
                        || missing.iter().any(|m| std::ptr::eq(*m, u))
                        || status::hedged_in_headline(a, a.first_at(u.span.start), place.span)
                        || status::missed_in_title(a.text, u.span.end, place.span)
                    {
                        continue;
                    }
                    if let Some(at) = status::only_missed(a.text, &body, &a.text[u.span.range()]) {
                        unaffirmed.push((u, at));
                    }
                }
            }
            missing.extend(unaffirmed.iter().map(|(u, _)| *u));
            // 発売日決定 over 「具体的な発売日はまだ発表されていません」, 月面着陸に成功 over
            // 「月面への着陸は来年3月ごろを予定」: an action the body never states, of an
            // object the body tells only as undecided, unknown or (for a completion) planned.
            if matches!(place.role, Role::Title | Role::Source) {
                for (k, u) in units.iter().enumerate().skip(1) {
                    let Some(word) = u.action.as_deref() else {
                        continue;
                    };
                    let completion = self.lexicons.contains(LexiconId::CompletionWords, word);
                    // 予算案を市議会で可決: past one adjunct with で, the object marked by を.
                    let gap = |x: &Unit, y: &Unit| &a.text[x.span.end..y.span.start];
                    let object = match k.checked_sub(2).map(|j| &units[j]) {
                        Some(o)
                            if gap(&units[k - 1], u) == "で" && gap(o, &units[k - 1]) == "を" =>
                        {
                            o
                        }
                        _ => &units[k - 1],
                    };
                    if !self.settles(word)
                        || !missing
                            .iter()
                            .chain(&told_elsewhere)
                            .any(|m| std::ptr::eq(*m, u))
                        || unaffirmed.iter().any(|(x, _)| std::ptr::eq(*x, u))
                        || object.number
                        || missing.iter().any(|m| std::ptr::eq(*m, object))
                        || (std::ptr::eq(object, &units[k - 1])
                            && !matches!(gap(object, u), "" | "に" | "を" | "が" | "は"))
                        || status::hedged_in_headline(a, a.first_at(u.span.start), place.span)
                    {
                        continue;
                    }
                    if let Some(at) = status::object_left_open(
                        a,
                        &body,
                        &a.text[object.span.range()],
                        completion,
                        &self.lexicons,
                    ) {
                        unaffirmed.push((u, at));
                    }
                }
                // An action told only of something else is reported like an unsaid one.
                for u in told_elsewhere {
                    if unaffirmed.iter().any(|(x, _)| std::ptr::eq(*x, u))
                        && !missing.iter().any(|m| std::ptr::eq(*m, u))
                    {
                        missing.push(u);
                    }
                }
            }
            // 過去最高益 over 「過去最高の340億円には届かなかった」, 県内初 over 「県内で4例目」:
            // a record is a claim the body must state; unmet or counted again, it is
            // contradicted; never said, it is missing (and weak: headlines reword).
            let mut records: Vec<(&Unit, Option<Span>)> = Vec::new();
            if matches!(place.role, Role::Title | Role::Source) {
                for (k, u) in units.iter().enumerate().filter(|(_, u)| !u.number) {
                    let Some(record) = records::Record::of(a, u.span) else {
                        continue;
                    };
                    if records::hedged(a, u.span.end, place.span) {
                        continue;
                    }
                    // 投票率は過去最高: what the record is said of, right before it.
                    let subject = k
                        .checked_sub(1)
                        .map(|j| &units[j])
                        .filter(|s| {
                            !s.number
                                && matches!(
                                    a.text[s.span.end..u.span.start].trim_end_matches("過去"),
                                    "" | "は" | "が" | "も" | "で" | "、"
                                )
                        })
                        .map(|s| &a.text[s.span.range()]);
                    match record.verdict(a, &body, subject) {
                        records::Verdict::Told => {}
                        records::Verdict::Untold => records.push((u, None)),
                        records::Verdict::Unmet(at) => records.push((u, Some(at))),
                    }
                }
            }
            for (u, _) in &records {
                if !missing.iter().any(|m| std::ptr::eq(*m, *u)) {
                    missing.push(u);
                }
            }
            // 増益 over 「営業利益は前年同期比4.1%減」: the body's changes of the measure tell
            // the word or contradict it.
            let mut reversed: Vec<(&Unit, Span)> = Vec::new();
            if !self.directions.is_empty() {
                missing.retain(|u| {
                    if u.number {
                        return true;
                    }
                    match self.directions.told(&a.text[u.span.range()], a.text, &body) {
                        Some(directions::Told::Agrees) => false,
                        Some(directions::Told::Reversed(at)) => {
                            reversed.push((u, at));
                            true
                        }
                        None => true,
                    }
                });
            }
            // 首位浮上 over 「東地区の2位に浮上した」: the body tells the title's move at another
            // rank only.
            if matches!(place.role, Role::Title | Role::Source)
                && let Some((title_rank, body_move)) =
                    directions::rank_moved(a.text, place.span, &body)
                && let Some(u) = units.iter().find(|u| u.span.overlaps(title_rank))
            {
                if !missing.iter().any(|m| std::ptr::eq(*m, u)) {
                    missing.push(u);
                }
                reversed.push((u, body_move));
            }
            let unmet = records.iter().any(|(_, at)| at.is_some());
            missing.sort_by_key(|u| u.span.start);
            let Some(first) = missing.first().copied() else {
                continue;
            };
            // 実刑 in the headline, 執行猶予 in the body: contradicted, not just unstated.
            // Not when the headline negates its own word: 失敗しない says what 成功 does.
            let contradicted = missing
                .iter()
                .filter(|u| {
                    !u.opposites.is_empty()
                        && !status::negated_in_headline(a, a.first_at(u.span.start), place.span)
                        && !status::forecast_in_headline(a.text, u.span.end, place.span.end)
                })
                .find_map(|u| {
                    // 営業利益予想を上方修正: a headline's outcome word is said of its object.
                    let subject = said_of(a.text, place.span.start, u.span.start, true);
                    u.opposites
                        .iter()
                        .find(|&&k| {
                            found[k] && opposite_of(a, &self.lexicons, &body, keys.text(k), subject)
                        })
                        .map(|&k| (u, k))
                });
            // 最大40畳 in the headline, 適用床面積 〜31畳 in the body: the other value.
            let mut others = Vec::new();
            for u in missing.iter().filter(|u| u.number) {
                let found = body_found.get_or_insert_with(|| body_quantities(a, doc, &body));
                let other = counterpart(a, place.span, u.span, found).or_else(|| {
                    let by_unit = body_by_unit.get_or_insert_with(|| BodyByUnit::new(found));
                    following_counterpart(a, u.span, &body, by_unit)
                });
                others.extend(other);
            }
            let coverage = (units.len() - missing.len()) as f64 / units.len() as f64;
            if coverage >= self.min_coverage
                && contradicted.is_none()
                && reversed.is_empty()
                && unaffirmed.is_empty()
                && records.is_empty()
            {
                continue;
            }
            // A heading that repeats the title makes the title's claim: held to the title's
            // evidence.
            if matches!(place.role, Role::Heading | Role::Summary)
                && !place.repeats_title
                && self.heading_evidence == HeadingEvidence::Contradiction
                && contradicted.is_none()
                && reversed.is_empty()
                && others.is_empty()
            {
                continue;
            }
            // A date is weak, unless the body gives its event another date (so is any unit
            // the body gives another value).
            let weak = missing.iter().all(|u| !u.strong)
                && contradicted.is_none()
                && reversed.is_empty()
                && unaffirmed.is_empty()
                && !unmet
                && others.is_empty();
            let weaker = weak && self.weak_units != WeakUnits::Report;
            // A record never said is reported however few units are missing, one level lower.
            if weak
                && self.weak_units == WeakUnits::Majority
                && records.is_empty()
                && (missing.len() < 2 || missing.len() * 2 < units.len())
            {
                continue;
            }
            let listed: String = missing
                .iter()
                .map(|u| format!("「{}」", &a.text[u.span.range()]))
                .collect();
            let role = place.role.label();
            let msg = message.render(&[
                ("units", &listed),
                ("count", &missing.len().to_string()),
                ("total", &units.len().to_string()),
                ("place", place.label.as_deref().unwrap_or(&role)),
            ]);
            let mut hit = Hit::new(first.span, msg);
            for u in &missing[1..] {
                hit = hit.with_related(u.span, labels.headline_missing.fill(&[]));
            }
            // The body's opposite shown is one the check counted, not one only asked for or
            // told of another time.
            if let Some((_, k)) = contradicted
                && let Some((_, at)) = mentions_in_body(a.text, &body, keys.text(k))
                    .find(|&(line, at)| tells_outcome(a, &self.lexicons, line, at, keys.text(k)))
            {
                let word = keys.text(k);
                let at = Span::new(at, at + word.len());
                hit = hit.with_related(at, labels.headline_contradicted.fill(&[("word", word)]));
            }
            for (_, at) in &reversed {
                let word = &a.text[at.range()];
                hit = hit.with_related(*at, labels.headline_contradicted.fill(&[("word", word)]));
            }
            for (_, at) in &unaffirmed {
                let phrase = &a.text[at.range()];
                hit = hit.with_related(*at, labels.headline_unaffirmed.fill(&[("phrase", phrase)]));
            }
            // Nothing in the body answers the claim: the body sentence that tells most of the
            // rest of it, for the editor to compare (タイトルの「24時間」体制 / 本文の「当面は
            // 平日の午後6時から午後10時まで」).
            let answered = !others.is_empty()
                || contradicted.is_some()
                || !reversed.is_empty()
                || !unaffirmed.is_empty()
                || records.iter().any(|(_, at)| at.is_some());
            if !answered && matches!(place.role, Role::Title | Role::Source) {
                // The units of the unsupported one's own phrase weigh more (小児救急を24時間
                // 体制に, not 新救急棟が完成 before it).
                let phrase = phrase_around(a.text, place.span, first.span);
                let told: Vec<(&str, bool)> = units
                    .iter()
                    .filter(|u| !missing.iter().any(|m| std::ptr::eq(*m, *u)))
                    .map(|u| (&a.text[u.span.range()], phrase.contains(u.span)))
                    .collect();
                if let Some((at, shared)) = nearest_sentence(doc, &body, &told) {
                    let listed: String = shared.iter().map(|w| format!("「{w}」")).collect();
                    hit = hit.with_related(at, labels.headline_nearest.fill(&[("units", &listed)]));
                }
            }
            for at in others {
                let value = &a.text[at.range()];
                hit = hit.with_related(at, labels.headline_other_value.fill(&[("value", value)]));
            }
            for at in records.iter().filter_map(|(_, at)| *at) {
                let phrase = &a.text[at.range()];
                hit =
                    hit.with_related(at, labels.headline_record_unmet.fill(&[("phrase", phrase)]));
            }
            if place.repeats_title
                && let Some(h) = headline
            {
                hit = hit.with_related(h, labels.headline_repeats_title.fill(&[]));
            }
            if weaker {
                hit = hit.weaker();
                // A record never said keeps one level below: a record is a claim.
                if let Some(severity) = self.weak_severity.filter(|_| records.is_empty()) {
                    hit = hit.capped(severity);
                }
            }
            out.push(hit);
        }
    }
}

/// Whether a title date of a month and a day (3月22日) is told by the body as the day alone
/// (22日, not 2月22日 or 122日): news writes the day of the current month without it.
fn day_told_alone(unit: &str, text: &str, body: &[Span]) -> bool {
    let Some((month, day)) = unit.split_once('月') else {
        return false;
    };
    if month.is_empty()
        || !month.chars().all(|c| c.is_ascii_digit())
        || !day.ends_with('日')
        || !day[..day.len() - '日'.len_utf8()]
            .chars()
            .all(|c| c.is_ascii_digit())
    {
        return false;
    }
    body.iter().any(|line| {
        let line = &text[line.range()];
        line.match_indices(day).any(|(at, _)| {
            !line[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit() || c == '月')
        })
    })
}

/// The body sentence that contains the most of `told` (a place's supported units, as
/// written, each marked when it stands in the unsupported unit's own phrase: those count
/// first, then all), with the units it contains: at least [`NEAREST_MIN_SHARED`] of them, one
/// of the phrase's if it has any; the first sentence on a tie. `None` when no sentence has
/// enough.
fn nearest_sentence<'w>(
    doc: &Document,
    body: &[Span],
    told: &[(&'w str, bool)],
) -> Option<(Span, Vec<&'w str>)> {
    if told.len() < NEAREST_MIN_SHARED {
        return None;
    }
    let in_phrase = told.iter().any(|(_, p)| *p);
    let mut best: Option<((usize, usize), Span, Vec<&'w str>)> = None;
    for sentence in &doc.sentences {
        if line_holding(body, sentence.span).is_none() {
            continue;
        }
        let text = doc.slice(sentence.span);
        let shared: Vec<(&str, bool)> = told
            .iter()
            .copied()
            .filter(|(w, _)| text.contains(w))
            .collect();
        let score = (shared.iter().filter(|(_, p)| *p).count(), shared.len());
        if shared.len() >= NEAREST_MIN_SHARED
            && (!in_phrase || shared.iter().any(|(_, p)| *p))
            && best.as_ref().is_none_or(|(b, _, _)| score > *b)
        {
            let words = shared.into_iter().map(|(w, _)| w).collect();
            best = Some((score, trim_span(doc.text.as_str(), sentence.span), words));
        }
    }
    best.map(|(_, at, words)| (at, words))
}

/// The phrase of `place` around `unit`: between the nearest breaks (a space, a comma, an
/// exclamation or question mark, a bracket) on either side.
fn phrase_around(text: &str, place: Span, unit: Span) -> Span {
    let breaks = |c: char| c.is_whitespace() || "、，,！!？?　「」【】".contains(c);
    let before = &text[place.start..unit.start];
    let start = before
        .char_indices()
        .rev()
        .find(|(_, c)| breaks(*c))
        .map_or(place.start, |(i, c)| place.start + i + c.len_utf8());
    let after = &text[unit.end..place.end];
    let end = after
        .char_indices()
        .find(|(_, c)| breaks(*c))
        .map_or(place.end, |(i, _)| unit.end + i);
    Span::new(start, end)
}

/// The fewest supported units a body sentence must share with a place to be shown as the
/// nearest to it.
const NEAREST_MIN_SHARED: usize = 2;

impl HeadlineSupport {
    /// The most pieces of a chain looked for written apart.
    const MAX_PIECES: usize = 6;
    /// Chains looked for written apart, per document.
    const MAX_APART_SEARCHES: usize = 32;

    /// The places to check, and the body lines that may support them.
    fn layout(&self, doc: &Document) -> (Vec<Place>, Vec<Span>) {
        let text = doc.text.as_str();
        let boilerplate = |s: &str| self.boilerplate.iter().any(|re| re.is_match(s));
        let headline = doc.headline().map(|b| b.span);
        let title_core = headline.map(|h| core(&text[h.range()])).unwrap_or("");
        let repeats_title = |s: &str| !title_core.is_empty() && core(s).contains(title_core);
        let items_under = |h: &str| {
            if self.is_summary_heading(h) {
                Items::Summary
            } else if boilerplate(h) {
                Items::Boilerplate
            } else {
                Items::Body
            }
        };
        // What the list items of each section are: a summary, a table of contents, or body;
        // also kept per heading block, which is checked only under `Items::Body` (the regexes
        // are the costly part of the layout, so each heading is matched once).
        let mut heading_items: Vec<Option<Items>> = vec![None; doc.blocks.len()];
        let sections: Vec<Items> = doc
            .sections
            .iter()
            .map(|section| match section.heading {
                Some(h) => *heading_items[h]
                    .get_or_insert_with(|| items_under(doc.slice(doc.blocks[h].span))),
                None => Items::Body,
            })
            .collect();
        let mut places = Vec::new();
        let mut body = Vec::new();
        for (index, block) in doc.blocks.iter().enumerate() {
            let s = &text[block.span.range()];
            match block.kind {
                BlockKind::Headline => {
                    if Some(block.span) == headline && !boilerplate(s) {
                        places.push(Place::new(Role::Title, block.span));
                    }
                }
                BlockKind::Heading { .. } => {
                    if !self.check_headings
                        || heading_items[index].unwrap_or_else(|| items_under(s)) != Items::Body
                    {
                        continue;
                    }
                    let span = self.strip_label(text, block.span);
                    let mut place = Place::new(Role::Heading, span);
                    place.repeats_title = repeats_title(&text[span.range()]);
                    place.section = doc.sections.iter().position(|s| s.heading == Some(index));
                    places.push(place);
                }
                BlockKind::ListItem if sections[block.section] == Items::Summary => {
                    if self.check_summary && !boilerplate(s) {
                        places.push(Place::new(Role::Summary, block.span));
                    }
                }
                BlockKind::ListItem if sections[block.section] == Items::Boilerplate => {}
                BlockKind::Paragraph | BlockKind::ListItem => {
                    for line in lines(text, block.span) {
                        let s = &text[line.range()];
                        if boilerplate(s) {
                            continue;
                        }
                        if let Some(title) = self.source_title(line, s) {
                            places.extend(title);
                            continue;
                        }
                        if !title_core.is_empty() {
                            let stripped = &text[self.strip_label(text, line).range()];
                            // `core` keeps the start of the trimmed line: most lines fail this
                            // before it trims anything.
                            if stripped.trim_start().starts_with(title_core)
                                && core(stripped) == title_core
                            {
                                continue;
                            }
                        }
                        body.push(line);
                    }
                }
            }
        }
        (places, body)
    }

    fn is_summary_heading(&self, s: &str) -> bool {
        // 「5. まとめ」: a summary numbered as the last section is a summary still.
        let s = without_number(s.trim());
        self.summary_headings.iter().any(|re| re.is_match(s))
    }

    /// `まとめ:<text>` → `<text>`, when the label is a summary heading.
    fn strip_label(&self, text: &str, span: Span) -> Span {
        let s = &text[span.range()];
        match s.find(':') {
            Some(i) if self.is_summary_heading(&s[..i]) => {
                trim_span(text, Span::new(span.start + i + 1, span.end))
            }
            _ => span,
        }
    }

    /// `None` when the line is not a source line; `Some(place)` when it is, with its title to
    /// check if it has one that is not a URL.
    fn source_title(&self, line: Span, s: &str) -> Option<Option<Place>> {
        // `captures` allocates; most lines are not source lines.
        let caps = self
            .source_lines
            .iter()
            .find(|re| re.is_match(s))?
            .captures(s)?;
        let Some(m) = caps.name("title") else {
            return Some(None);
        };
        let span = trim_span(s, Span::new(m.start(), m.end()));
        let title = &s[span.range()];
        let url = ["http://", "https://", "www."]
            .iter()
            .any(|p| title.starts_with(p));
        if title.is_empty() || url {
            return Some(None);
        }
        let mut place = Place::new(
            Role::Source,
            Span::new(line.start + span.start, line.start + span.end),
        );
        place.label = caps.name("label").map(|l| {
            Labels::get()
                .headline_place_labelled_source
                .fill(&[("label", l.as_str().trim())])
        });
        Some(Some(place))
    }

    /// The content units of a place, registering their variants in `keys`.
    /// `tells_ages`: whether the body tells someone's age (男性(52), 45歳).
    fn units(
        &self,
        doc: &Document,
        a: &Analysis<'_>,
        place: &Place,
        keys: &mut Keys,
        tells_ages: &dyn Fn() -> bool,
    ) -> Vec<Unit> {
        let salient_only = place.role != Role::Title
            && place.role != Role::Source
            && self.heading_units == UnitScope::Salient;
        let mut seen = FastHashSet::default();
        let mut units = Vec::new();
        let heading = matches!(place.role, Role::Heading | Role::Title);
        let mut previous_end = None;
        if place.role == Role::Heading && is_label(a, place.span) {
            return Vec::new();
        }
        let listed = |t: &str| {
            let known = |t: &str| self.synonyms.contains_key(t) || self.opposites.contains_key(t);
            if t.bytes().any(|b| b.is_ascii_uppercase()) {
                known(&lowercase(t))
            } else {
                known(t)
            }
        };
        for raw in merge_listed(
            a,
            split_units(a, a.within(place.span), &self.lexicons),
            listed,
        ) {
            let after = previous_end.replace(raw.span.end);
            // 日本ソムリエ協会(JSA), 欧州連合(EU): a name's abbreviation in brackets right
            // after it claims nothing the name does not (a number there, 容疑者(22), does).
            if after.is_some_and(|end| is_alias(a.text, end, raw.span)) {
                continue;
            }
            if salient_only && !raw.salient {
                continue;
            }
            if heading && is_ordinal(a.text, place.span, raw.span, &self.lexicons) {
                continue;
            }
            // ### 本日のブレンド(550円), 材料(3人分), 肩回し(1分): a number in brackets in a
            // heading annotates it (price, servings, time); 参考動画:…の比較動画(約12分),
            // …(2024年3月): a number in the brackets that close a cited title is the source's
            // length or date. Neither is a claim to find told.
            let annotation = match place.role {
                Role::Heading => in_brackets(a.text, place.span, raw.span),
                Role::Source => in_closing_brackets(a.text, place.span, raw.span),
                _ => false,
            };
            if annotation && a.text[raw.span.range()].bytes().any(|b| b.is_ascii_digit()) {
                continue;
            }
            // 【動画まとめ】…, …【iPhone・Android共通】: a tag in lenticular brackets at either end
            // of a title or heading frames it.
            if in_end_tag(a.text, place.span, raw.span)
                || episode_after_tag(a.text, place.span, raw.span)
            {
                continue;
            }
            // ①会場へのアクセス: NFKC made the enumerator ① a plain 1; the source still has it.
            if heading && raw.span.start == place.span.start && enumerated(doc, raw.span) {
                continue;
            }
            // ■1軒目：…, 3日目 …: a section heading that opens with an ordinal numbers its
            // section (a title's 3度目の優勝 is a claim).
            if place.role == Role::Heading && opens_with_ordinal(a.text, place.span, raw.span) {
                continue;
            }
            // A section heading that dates its section (7月10日, 23日) is structure; a year
            // (沖縄の2030年計画) is not.
            if place.role == Role::Heading && is_day(&a.text[raw.span.range()]) {
                continue;
            }
            // 3分で解説, 5分でわかる: how long the article takes to read.
            if is_reading_time(a.text, place.span, raw.span) {
                continue;
            }
            // 白峰高原の紅葉2025, 旅ガイド2026: a bare year written onto the end of a title's
            // noun is the edition, like 2025年版.
            let framing = self.lexicons.get(LexiconId::HeadlineFraming);
            if heading && is_edition_year(a.text, place.span, raw.span, framing) {
                continue;
            }
            // 3選, 2025年版, 徹底解説: how the headline is framed.
            let written = &a.text[raw.span.range()];
            // おすすめスポット5選 promises five items of the article's own: a count, checked
            // against what the article enumerates, not framing.
            // Written onto what is picked (スポット5選); not 「現職が3選」「4選果たす」, a number
            // of terms won after a particle.
            let first = a.first_at(raw.span.start);
            let picks = written
                .strip_suffix('選')
                .is_some_and(|n| n.ends_with(|c: char| c.is_ascii_digit()))
                && first > 0
                && a.tokens[first - 1].span.end == a.tokens[first].span.start
                && a.features(first - 1).pos.is_noun()
                && !a.features(first - 1).pos.is_number();
            // The framing word starts a token of its own (見直し|術, not 技術 or シリアル).
            let frames = |w: &str| written.ends_with(w) && a.is_boundary(raw.span.end - w.len());
            if !picks && framing.iter().any(frames) {
                continue;
            }
            // 完走記, 釣行記, 闘病記: a noun with the suffix 記 (a record of it) names what the
            // article is, as 日記 does (明記, 書記 are one word, not a suffix).
            let last = a.first_at(raw.span.end).saturating_sub(1);
            if last > first && a.surface(last) == "記" && a.features(last).pos.is_suffix() {
                continue;
            }
            // 完全|ガイド: a unit that begins a framing phrase the segmenter split (not
            // 完全治療法).
            let next = a.first_at(raw.span.end);
            if next < a.tokens.len() && a.tokens[next].span.start == raw.span.end {
                let phrase = &a.text[raw.span.start..a.tokens[next].span.end];
                if framing
                    .iter()
                    .any(|w| w.len() > written.len() && w.starts_with(written) && w == phrase)
                {
                    continue;
                }
            }
            let key = raw.key(a);
            let lower = lowercase(&key);
            if self.ignore.contains(&lower) || !seen.insert(lower.clone()) {
                continue;
            }
            let mut variants = vec![keys.id(&key)];
            if let Some(counted) = raw.counted.clone() {
                variants.push(keys.id(&surfaces(a, counted)));
            }
            if let Some(others) = self.synonyms.get(&lower) {
                variants.extend(others.iter().map(|o| keys.id(o)));
            }
            // 第32回 and 32回目 are one ordinal.
            if let Some(other) = ordinal_spelling(&key) {
                variants.push(keys.id(&other));
            }
            // 夏まつり: a verb's 連用形 the segmenter read in the headline is told by the same
            // word as a noun in the body (夏まつりが).
            if raw.verb
                && a.features(raw.tokens.start).conjugation.is_continuative()
                && a.surface(raw.tokens.start).chars().count() >= 2
            {
                variants.push(keys.id(a.surface(raw.tokens.start)));
            }
            // 猛暑響き: a verb's 連用形 written as a noun is told by the verb (響いた).
            if !raw.verb && raw.tokens.len() == 1 && a.features(raw.tokens.start).pos.is_noun() {
                for verb in verbs_of_stem(&key) {
                    variants.push(keys.id(&verb));
                }
            }
            // 1年間 is what the body tells as 1年の流れ: a duration's 間 is optional (not
            // 日間: the body's 3日 is as often a day of the month).
            if let Some(n) = ["年間", "カ月間", "か月間", "ヶ月間"]
                .iter()
                .find_map(|c| key.strip_suffix(c).map(|n| (n, c)))
                .filter(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            {
                let (n, counter) = n;
                variants.push(keys.id(&format!("{n}{}", &counter[..counter.len() - "間".len()])));
            }
            // 2日間 is what the body tells as 3、4の両日; 2校 as 両校, 2人 as 両氏.
            if let Some(counter) = key.strip_prefix('2').filter(|c| {
                !c.is_empty() && !c.starts_with(|ch: char| ch.is_ascii_digit() || ch == '.')
            }) {
                let counter = counter.strip_suffix("間").unwrap_or(counter);
                variants.push(keys.id(&format!("両{counter}")));
                if counter == "人" {
                    variants.extend(["両氏", "両者", "両名"].map(|w| keys.id(w)));
                }
            }
            // 1周年 is what the body tells as 開設から1年を迎えた.
            if let Some(years) = key
                .strip_suffix("周年")
                .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            {
                variants.push(keys.id(&format!("{years}年")));
            }
            // 元日本代表: a title prefix on a name the body may tell without it (日本代表として).
            if let Some(rest) = self
                .lexicons
                .get(LexiconId::TitlePrefixes)
                .iter()
                .find_map(|p| key.strip_prefix(p))
                .filter(|rest| rest.chars().count() >= 2)
            {
                variants.push(keys.id(rest));
            }
            // 運転手, 節約術, 相談員: the one who does an action, or how, is told by the action
            // (トラックを運転していた, 節約のコツ).
            if let Some(action) = action_of_agent(a, raw.tokens.clone(), &key) {
                variants.push(keys.id(action));
            }
            // 那覇線, 東京発, 県産: the place is the claim; the suffix relates it.
            if let Some(place) = self.without_place_suffix(&key) {
                variants.push(keys.id(place));
            }
            let parts = if self.compound_parts && raw.parts.len() > 1 {
                raw.parts
                    .iter()
                    .map(|&i| {
                        let part = a.surface(i);
                        let mut v = vec![keys.id(part)];
                        if let Some(others) = self.synonyms.get(&lowercase(part)) {
                            v.extend(others.iter().map(|o| keys.id(o)));
                        }
                        v
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let opposites = self
                .opposites
                .get(&lower)
                .map(|o| o.iter().map(|t| keys.id(t)).collect())
                .unwrap_or_default();
            let pieces = if raw.parts.len() > 1 {
                self.pieces(a, raw.tokens.clone())
            } else {
                name_and_kind(a, raw.tokens.clone())
            };
            units.push(Unit {
                span: raw.span,
                variants,
                parts,
                pieces,
                // A date frames the story in time; the body often says 同日 or nothing. A
                // count of repetitions (3度目, 2代目) sums up what the body narrates.
                // An age decade names an audience (40代から始める) over a body that tells
                // nobody's age, and one of the people (40代の男性) over one that tells ages.
                // 結婚を発表, 社長が辞任: an event of a life or a company is the claim.
                // A count of one (プランター1つ) is what a body leaves unsaid.
                strong: (raw.salient
                    || self
                        .lexicons
                        .contains(LexiconId::EventClaims, &a.text[raw.span.range()]))
                    && !is_date(&a.text[raw.span.range()])
                    && !counts_repetitions(a.text, raw.span)
                    && !counts_events(a, raw.span, &self.lexicons)
                    && !counts_one(a, raw.span)
                    && (age_decade(&key).is_none() || tells_ages()),
                number: a.text[raw.span.range()].bytes().any(|b| b.is_ascii_digit()),
                counter: raw
                    .tokens
                    .clone()
                    .skip_while(|&i| !a.features(i).pos.is_number())
                    .find(|&i| {
                        let p = a.features(i).pos;
                        !p.is_number() && a.surface(i).chars().all(|c| !c.is_ascii_punctuation())
                    })
                    .map(|i| a.surface(i).to_string()),
                picks,
                opposites,
                action: if raw.verb {
                    Some(a.base(raw.tokens.start).to_string())
                } else if raw.tokens.len() == 1 && a.features(raw.tokens.start).pos.is_sahen_noun()
                {
                    Some(a.surface(raw.tokens.start).to_string())
                } else {
                    None
                },
            });
        }
        units
    }

    /// How many items the article enumerates: the headings of each level under each parent
    /// (summary and boilerplate headings left out), and the items of each list; and, apart,
    /// the runs of headings numbered 1, 2, 3 … (「## 1. 野宮神社」 … 「## 5. 嵐山公園」).
    fn item_counts(&self, doc: &Document, a: &Analysis<'_>) -> ItemCounts {
        let mut counts = FastHashSet::default();
        let mut numbered = FastHashSet::default();
        // The last number of the run of numbered headings at each level.
        let mut run = [0usize; 7];
        // Open sibling counts per heading level (1..=6), reset under a new parent.
        let mut siblings = [0usize; 7];
        let mut list = 0usize;
        for block in &doc.blocks {
            match block.kind {
                // A table of contents counts its sections, not its まとめ.
                BlockKind::ListItem => {
                    if !self.is_summary_heading(doc.slice(block.span)) {
                        list += 1;
                    }
                    // ■ポイント1：実質2,000円で… read as a data row for its figure: a row
                    // labelled with an enumerator and its number is a numbered section all
                    // the same (the run is at the level plain-text headings get).
                    if let Some(n) = self.labelled_number(doc.slice(block.span)) {
                        continue_run(&mut run[2], &mut numbered, Some(n));
                    }
                }
                _ => {
                    if list > 0 {
                        counts.insert(list);
                    }
                    list = 0;
                }
            }
            if let BlockKind::Heading { level } = block.kind {
                let level = usize::from(level.clamp(1, 6));
                let s = doc.slice(block.span);
                if self.is_summary_heading(s) || self.boilerplate.iter().any(|re| re.is_match(s)) {
                    continue;
                }
                for deeper in &mut siblings[level + 1..] {
                    if *deeper > 0 {
                        counts.insert(*deeper);
                    }
                    *deeper = 0;
                }
                siblings[level] += 1;
                // A plain-text `1. 見出し` has its title after the number: the number is
                // the line's, before the title.
                let line_start = doc.text[..block.span.start]
                    .rfind('\n')
                    .map_or(0, |n| n + 1);
                // The separator stays (`1.`, `1 `): leading_number requires it.
                let before = doc.text[line_start..block.span.start].trim_start();
                let number = leading_number(s)
                    .or_else(|| self.labelled_number(s))
                    .or_else(|| leading_number(before));
                continue_run(&mut run[level], &mut numbered, number);
            }
        }
        if list > 0 {
            counts.insert(list);
        }
        counts.extend(siblings.iter().copied().filter(|&n| n > 0));
        numbered.extend(table_counts(doc));
        numbered.extend(run.iter().copied().filter(|&n| n >= 2));
        let (people, quoted) = named_counts(doc, a);
        ItemCounts {
            counts,
            numbered,
            people,
            quoted,
        }
    }

    /// The number after an `enumerator-labels` label at the start of `s` (コツ1：…, ステップ2
    /// …, ポイント3:…).
    fn labelled_number(&self, s: &str) -> Option<usize> {
        self.lexicons
            .get(LexiconId::EnumeratorLabels)
            .iter()
            .find_map(|l| s.trim_start().strip_prefix(l))
            .map(|rest| rest.trim_start().replacen(['：', ':'], ".", 1))
            .as_deref()
            .and_then(leading_number)
    }

    /// Whether a headline action settles something (a `completion-words` completion: 可決,
    /// 成功; or a `decision-verbs` decision: 決定): a body that tells it only as planned or
    /// its object only as undecided leaves it untaken.
    fn settles(&self, word: &str) -> bool {
        self.lexicons.contains(LexiconId::CompletionWords, word)
            || self.lexicons.contains(LexiconId::DecisionVerbs, word)
    }

    /// `word` without a `place-suffixes` suffix (那覇線 → 那覇), when two or more characters are
    /// left.
    fn without_place_suffix<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.lexicons
            .get(LexiconId::PlaceSuffixes)
            .iter()
            .find_map(|s| word.strip_suffix(s))
            .filter(|rest| rest.chars().count() >= 2)
    }

    /// The pieces of a noun chain: a new piece starts at each noun, name or number that
    /// follows a complete one (not a prefix's noun, not the second half of a name or
    /// number), so アジア版NATO is アジア版 | NATO and W杯アジア is W杯 | アジア.
    fn pieces(&self, a: &Analysis<'_>, tokens: std::ops::Range<usize>) -> Vec<Vec<String>> {
        let mut texts: Vec<String> = Vec::new();
        let mut last: Option<Class> = None;
        for i in tokens {
            let class = classify(a, i, &self.lexicons);
            let starts = match (last, class) {
                (None, _) | (Some(Class::Prefix), _) => last.is_none(),
                (Some(Class::Name), Class::Name) => false,
                (Some(Class::Num | Class::NumSymbol), Class::Num) => false,
                (_, Class::Free | Class::Sahen | Class::Name | Class::Num) => true,
                _ => false,
            };
            match texts.last_mut() {
                Some(piece) if !starts => piece.push_str(a.surface(i)),
                _ => texts.push(a.surface(i).to_string()),
            }
            last = Some(class);
        }
        // A chain of many pieces is not a headline's paraphrase; it is not looked for apart.
        if !(2..=Self::MAX_PIECES).contains(&texts.len()) {
            return Vec::new();
        }
        texts
            .into_iter()
            .map(|t| {
                let lower = t.to_ascii_lowercase();
                let mut variants = vec![lower.clone()];
                if let Some(place) = self.without_place_suffix(&t) {
                    variants.push(place.to_ascii_lowercase());
                }
                // 元W杯 of 元W杯日本代表: when a post was held is the conflict kinds' to check;
                // the piece is told by the body's W杯.
                if let Some(rest) = t
                    .strip_prefix(['元', '前', '現'])
                    .filter(|r| r.chars().count() >= 2)
                {
                    variants.push(rest.to_ascii_lowercase());
                }
                if let Some(others) = self.synonyms.get(&lowercase(&t)) {
                    variants.extend(others.iter().map(|o| o.to_ascii_lowercase()));
                }
                // EV向け over 電気自動車（EV）向け: an abbreviation the body gives in brackets
                // after the full name, the suffix after the bracket.
                let latin = lower
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .count();
                if latin > 0 && latin < lower.len() && !lower.as_bytes()[0].is_ascii_digit() {
                    variants.push(format!("{}){}", &lower[..latin], &lower[latin..]));
                }
                variants
            })
            .collect()
    }
}

/// How many items an article enumerates ([`HeadlineSupport::item_counts`]).
#[derive(Debug, Default)]
pub(super) struct ItemCounts {
    /// Sibling headings and list items, however written.
    pub(super) counts: FastHashSet<usize>,
    /// Runs of headings numbered 1, 2, 3 …, and the rows and columns of a table: items
    /// whatever the headline counts them in.
    pub(super) numbered: FastHashSet<usize>,
    /// How many people one phrase of a body sentence names (坂本亮氏（52）と南由香里氏（45）を
    /// 破り: 2), for a headline count of people (新人2人を破る).
    pub(super) people: FastHashSet<usize>,
    /// How many names in 「」 one phrase of a body sentence gives (「マルキタ」と「フレッシュ
    /// みなと」: 2), for a headline count of things (2社, 2車種).
    pub(super) quoted: FastHashSet<usize>,
}

/// How many people, and how many names in 「」, the phrases of `doc`'s body sentences name:
/// people are names (人名 tokens) with a name suffix (氏, さん) or an age in brackets after
/// them; a name in 「」 is a short one not followed by a quotative と (軽乗用車「ルミナ」と軽
/// トラック「ワークスK」). A phrase ends at a case or binding particle (…と…を破り counts the
/// two before を).
fn named_counts(doc: &Document, a: &Analysis<'_>) -> (FastHashSet<usize>, FastHashSet<usize>) {
    const MAX_QUOTED: usize = 15;
    let (mut people, mut quoted) = (FastHashSet::default(), FastHashSet::default());
    let mut close = |names: &mut Vec<&str>, titles: &mut Vec<&str>| {
        if names.len() >= 2 {
            people.insert(names.len());
        }
        if titles.len() >= 2 {
            quoted.insert(titles.len());
        }
        names.clear();
        titles.clear();
    };
    for sentence in &doc.sentences {
        if doc.blocks[sentence.block].kind == BlockKind::Headline {
            continue;
        }
        let range = a.within(sentence.span);
        let (mut names, mut titles): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
        let mut i = range.start;
        while i < range.end {
            let pos = a.features(i).pos;
            if pos.is_person_name() {
                let start = i;
                while i < range.end && a.features(i).pos.is_person_name() {
                    i += 1;
                }
                let name = &a.text[a.tokens[start].span.start..a.tokens[i - 1].span.end];
                let suffixed = i < range.end && a.features(i).pos.is_name_suffix();
                let aged = i + 2 < range.end
                    && a.surface(i) == "("
                    && a.features(i + 1).pos.is_number()
                    && a.surface(i + 2) == ")";
                if (suffixed || aged) && !names.contains(&name) {
                    names.push(name);
                }
                continue;
            }
            if a.surface(i) == "「"
                && let Some(end) =
                    (i + 1..range.end.min(i + 2 + MAX_QUOTED)).find(|&k| a.surface(k) == "」")
            {
                let title = &a.text[a.tokens[i].span.end..a.tokens[end].span.start];
                // 「…」と述べた quotes; 「ルミナ」と軽トラック「ワークスK」 lists.
                let quotation = end + 1 < range.end
                    && a.features(end + 1).pos.is_quotative_particle()
                    && !(end + 2 < range.end && {
                        let next = a.features(end + 2).pos;
                        next.is_noun() || next.is_prefix() || a.surface(end + 2) == "「"
                    });
                if !quotation
                    && !title.is_empty()
                    && title.chars().count() <= MAX_QUOTED
                    && !title.contains(['。', '、'])
                    && !titles.contains(&title)
                {
                    titles.push(title);
                }
                i = end + 1;
                continue;
            }
            // と, や and の join names into one phrase; が, を, は, に … end it.
            let ends = (pos.is_case_particle() && !matches!(a.surface(i), "と" | "の"))
                || pos.is_binding_particle()
                || pos.is_period();
            if ends {
                close(&mut names, &mut titles);
            }
            i += 1;
        }
        close(&mut names, &mut titles);
    }
    (people, quoted)
}

/// What each table of `doc` enumerates: its data rows (三賞は3力士 over a table of three
/// wrestlers) and the columns after its first (3モデル比較 over | 項目 | A | B | C |).
fn table_counts(doc: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    // Rows of the table being read, as (source line start, cells).
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut flush = |rows: &mut Vec<(usize, usize)>| {
        // The header row and the data rows (the |---| separator makes no block).
        if rows.len() >= 2 {
            out.push(rows.len() - 1);
            out.push(rows[0].1.saturating_sub(1));
        }
        rows.clear();
    };
    for index in 0..doc.blocks.len() {
        let Some(line) = doc.table_row_line(index) else {
            flush(&mut rows);
            continue;
        };
        match rows.last_mut() {
            Some((last, cells)) if *last == line => *cells += 1,
            _ => rows.push((line, 1)),
        }
    }
    flush(&mut rows);
    out.retain(|&n| n >= 2);
    out
}

/// A heading without the digits it opens with and their separator (「5. まとめ」 → 「まとめ」);
/// the heading itself when nothing else is left.
fn without_number(heading: &str) -> &str {
    let rest = heading
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', '．', ')', '）', '、'])
        .trim_start();
    if rest.is_empty() { heading } else { rest }
}

/// Carries a run of numbered sections (1, 2, 3 …) on by one more section numbered `number`:
/// the next number continues it; anything else ends it (a run of two or more is a count of
/// the article's items) and a 1 starts a new one.
fn continue_run(run: &mut usize, numbered: &mut FastHashSet<usize>, number: Option<usize>) {
    match number {
        Some(n) if n == *run + 1 => *run = n,
        number => {
            if *run >= 2 {
                numbered.insert(*run);
            }
            *run = usize::from(number == Some(1));
        }
    }
}

/// The number a heading opens with, followed by a separator (「1. 野宮神社」, 「2）竹林」).
fn leading_number(heading: &str) -> Option<usize> {
    let digits = heading.len()
        - heading
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = &heading[digits..];
    (digits > 0 && rest.starts_with(['.', '．', ')', '）', '、', ' ', '　']))
        .then(|| heading[..digits].parse().ok())
        .flatten()
}

/// The body's occurrences of `word`, in text order, as (their line, their offset). ASCII
/// case-insensitive is not needed: opposites are words of Japanese text.
fn mentions_in_body<'t>(
    text: &'t str,
    body: &'t [Span],
    word: &'t str,
) -> impl Iterator<Item = (Span, usize)> + 't {
    body.iter().flat_map(move |&l| {
        text[l.range()]
            .match_indices(word)
            .map(move |(i, _)| (l, l.start + i))
    })
}

/// Whether the body's `word` at byte `at` (of `line`) tells an outcome: not only asked for
/// ([`requested`]: 執行猶予付きの判決を求めていた), not told of another time
/// ([`of_another_time`]), and not denied by its own predicate ([`status::denied_after`]:
/// 執行猶予を付けなかった).
fn tells_outcome(a: &Analysis<'_>, lexicons: &Lexicons, line: Span, at: usize, word: &str) -> bool {
    let end = at + word.len();
    !requested(a.text, end)
        && !of_another_time(a, lexicons, line.start, at)
        && !status::denied_after(a, end, line.end)
}

/// Whether the body word at byte `at` (of the line starting at `line`) is told of another time
/// than the headline's: its sentence's topic before it is one (`other-times` marked by は,
/// alone or opening a noun phrase: 前回は失敗, 昨年の1号機は…失敗に終わっています, 過去2回は
/// 失敗): an earlier attempt's outcome, not this one's. Not a time inside a compound
/// (当初予算案を可決) or a comparison base (前年の同じ時期と比べて減少).
fn of_another_time(a: &Analysis<'_>, lexicons: &Lexicons, line: usize, at: usize) -> bool {
    /// Tokens from the time word to the は of the topic it opens.
    const TOPIC_REACH: usize = 8;
    let start = a.text[line..at]
        .rfind('。')
        .map_or(line, |i| line + i + '。'.len_utf8());
    let sentence = a.within(Span::new(start, at));
    let topic_of = |time: usize| {
        (time + 1..sentence.end.min(time + 1 + TOPIC_REACH))
            .take_while(|&i| {
                let pos = a.features(i).pos;
                a.surface(i) == "は" || a.surface(i) == "の" || pos.is_noun() || pos.is_prefix()
            })
            .any(|i| a.surface(i) == "は" && a.features(i).pos.is_binding_particle())
    };
    sentence
        .clone()
        .any(|i| lexicons.contains(LexiconId::OtherTimes, a.surface(i)) && topic_of(i))
}

/// Whether the body's `word` (the opposite of a headline word said of `subject`) answers the
/// headline: some mention of it is said of the same thing, of nothing named, or is not found
/// as written (a conjugated form). 減少幅は…縮小 is not answered by 自然減は…拡大した; a
/// mention that tells no outcome ([`tells_outcome`]) answers nothing.
fn opposite_of(
    a: &Analysis<'_>,
    lexicons: &Lexicons,
    body: &[Span],
    word: &str,
    subject: Option<&str>,
) -> bool {
    let mentions: Vec<(Span, usize)> = mentions_in_body(a.text, body, word)
        .take(MAX_OPPOSITE_MENTIONS)
        .collect();
    let told: Vec<(Span, usize)> = mentions
        .iter()
        .copied()
        .filter(|&(line, at)| tells_outcome(a, lexicons, line, at, word))
        .collect();
    if !mentions.is_empty() && told.is_empty() {
        return false;
    }
    let Some(subject) = subject else {
        return true;
    };
    told.is_empty()
        || told.iter().any(|&(line, at)| {
            // 据え置いた, 値上げした: a verb's object is what it is said of (売上高を…据え置いた);
            // not the object of another verb after an adjunct (議案を賛成多数で可決).
            let verbal = a.text[at + word.len()..]
                .chars()
                .next()
                .is_some_and(|c| is_hiragana(c) && !"でのにとがはをもへや".contains(c));
            said_of(a.text, line.start, at, verbal)
                .is_none_or(|other| related_subjects(subject, other))
        })
}

/// Verbs of asking, by their stems: a body word in a clause that ends in one (執行猶予付きの
/// 判決を求めていた, 無罪を主張した) is what someone asked for, not what happened.
const REQUESTS: &[&str] = &["求め", "求める", "要求", "要望", "主張", "訴え"];

/// Whether the clause from byte `from` ([`status::clause_after`]) asks for what stands
/// before it ([`REQUESTS`]).
fn requested(text: &str, from: usize) -> bool {
    let clause = status::clause_after(&text[from..], OPEN_CLAUSE_CHARS);
    REQUESTS.iter().any(|r| clause.contains(r))
}

/// Characters after a body word read for a verb of asking ([`requested`]).
const OPEN_CLAUSE_CHARS: usize = 16;

/// The topic or subject a word at `at` is said of: the run of kanji and katakana before the
/// word's own の (自然減の拡大: 自然減) or else before the nearest は or が between the start of
/// its clause (after 。, 、, a space, or `from`) and the word, of two characters or more
/// (「減少幅は2年連続で縮小」: 減少幅); with `object`, for a word used as a verb, before its
/// を too (売上高を従来の3,750億円に据え置いた: 売上高).
fn said_of(text: &str, from: usize, at: usize, object: bool) -> Option<&str> {
    // A clause is short: read back a bounded way (an endless line stays linear).
    let mut from = from.max(at.saturating_sub(SAID_OF_REACH));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..at];
    let clause = before.rfind(['。', '、', '　', ' ']).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let clause = &before[clause..];
    let after_word = |i: usize| {
        clause[..i]
            .chars()
            .next_back()
            .is_some_and(|p| is_kanji(p) || is_katakana(p))
    };
    // 自然減の拡大: the word as a noun, said of what stands before its の.
    let of = clause
        .strip_suffix('の')
        .filter(|rest| after_word(rest.len()))
        .map(str::len);
    let marker = match of {
        Some(m) => m,
        None => {
            clause
                .char_indices()
                .rev()
                .find(|&(i, c)| {
                    (matches!(c, 'は' | 'が') || (object && c == 'を')) && after_word(i)
                })?
                .0
        }
    };
    let run_start = clause[..marker]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_kanji(c) || is_katakana(c))
        .last()
        .map_or(marker, |(i, _)| i);
    let run = &clause[run_start..marker];
    (run.chars().count() >= 2).then_some(run)
}

/// How far back (bytes) a word's clause is read for what it is said of.
const SAID_OF_REACH: usize = 240;
/// Body mentions of an opposite word read for what they are said of.
const MAX_OPPOSITE_MENTIONS: usize = 32;

/// Whether two subjects may name one thing: one holds the other, or they share two
/// characters in a row (人口減少 / 減少幅 share 減少; 減少幅 / 自然減 share none).
fn related_subjects(x: &str, y: &str) -> bool {
    if x.contains(y) || y.contains(x) {
        return true;
    }
    let chars: Vec<char> = x.chars().collect();
    chars
        .windows(2)
        .any(|w| y.contains(&w.iter().collect::<String>()))
}

/// Whether `text` opens with a number of nights followed by that number of days plus one
/// (2泊3日): the nights say nothing the days do not.
fn nights_of_days(text: &str) -> bool {
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(text);
    let Some(rest) = text[n..].strip_prefix('泊') else {
        return false;
    };
    let m = digits(rest);
    let (Ok(nights), Ok(days)) = (text[..n].parse::<u32>(), rest[..m].parse::<u32>()) else {
        return false;
    };
    rest[m..].starts_with('日') && days == nights + 1
}

/// The run of country initials around the unit at `span` (日越 when the segmenter cut 日 | 越
/// into units of one character each), or the unit itself.
fn joined_initials<'t>(
    text: &'t str,
    span: Span,
    countries: &crate::lang::ja::lexicon::WordSet,
) -> &'t str {
    let initial = |c: char| country_names(countries, c).is_some();
    let unit = &text[span.range()];
    if unit.chars().count() != 1 || !unit.chars().all(initial) {
        return unit;
    }
    // A pair or a trio of countries (日米, 日米豪): at most two more on either side.
    run_around(text, span, 2, initial)
}

/// The names `country-initials` gives the one-character initial `c` (米 → アメリカ|米国), as
/// written after its `=`.
fn country_names(countries: &crate::lang::ja::lexicon::WordSet, c: char) -> Option<&str> {
    let mut key = [0u8; 4];
    let key = c.encode_utf8(&mut key);
    countries
        .iter()
        .find_map(|e| e.strip_prefix(&*key).and_then(|r| r.strip_prefix('=')))
}

/// `span` widened over the characters `keep` accepts right before and after it, at most
/// `most` on either side.
fn run_around(text: &str, span: Span, most: usize, keep: impl Fn(char) -> bool) -> &str {
    let start = text[..span.start]
        .char_indices()
        .rev()
        .take(most)
        .take_while(|&(_, c)| keep(c))
        .last()
        .map_or(span.start, |(i, _)| i);
    let end = span.end
        + text[span.end..]
            .chars()
            .take(most)
            .take_while(|&c| keep(c))
            .map(char::len_utf8)
            .sum::<usize>();
    &text[start..end]
}

/// Whether `unit` joins countries by one character each (日米, 米中, 日比: `country-initials`)
/// and the body names every one of them but 日 (by a name of two characters or more).
fn countries_told(
    unit: &str,
    countries: &crate::lang::ja::lexicon::WordSet,
    text: &str,
    body: &[Span],
) -> bool {
    let chars: Vec<char> = unit.chars().collect();
    if !(2..=3).contains(&chars.len()) || !chars.iter().any(|&c| c != '日') {
        return false;
    }
    chars.iter().all(|&c| {
        let Some(names) = country_names(countries, c) else {
            return false;
        };
        c == '日'
            || names
                .split('|')
                .filter(|n| n.chars().count() >= 2)
                .any(|n| body.iter().any(|l| text[l.range()].contains(n)))
    })
}

/// Whether the unit at `span` counts how often an event happened (2度の延期, 3回の挑戦: a
/// number with 度 or 回, then の and a サ変 noun): a headline sums up what the body narrates
/// (一度延期され、…再び延期), as it does a count of repetitions; not a temperature or an
/// angle (30度の暑さ). So does a count of a game's scoring events (`event-counters`: 2発,
/// 3本塁打), which the body narrates one by one.
fn counts_events(a: &Analysis<'_>, span: Span, lexicons: &Lexicons) -> bool {
    let Some(counter) = framing::counter_of(&a.text[span.range()]) else {
        return false;
    };
    if lexicons.contains(LexiconId::EventCounters, counter) {
        return true;
    }
    let counted = matches!(counter, "度" | "回");
    let next = a.first_at(span.end);
    counted
        && next + 1 < a.tokens.len()
        && a.tokens[next].span.start == span.end
        && a.surface(next) == "の"
        && a.features(next + 1).pos.is_sahen_noun()
}

/// The quantities of the body lines, in text order, with their units opened
/// ([`numbers::open_unit`]); a table cell holding a bare number takes the unit its column's
/// header names ([`TableHeaders::unit_of`]: 24,615 under 得票数 is 24,615票).
fn body_quantities(a: &Analysis<'_>, doc: &Document, body: &[Span]) -> Vec<quantity::Quantity> {
    let headers = TableHeaders::new(&doc.source);
    body.iter()
        .flat_map(|&line| quantities_in(a, line))
        .map(|mut q| {
            if q.unit.is_empty()
                && let Some(unit) = headers.unit_of(&doc.source, doc.to_source(q.span).range())
            {
                q.unit = unit;
            }
            q
        })
        .collect()
}

/// The unit a table column's header names: in brackets at its end (金額（円）, 人数(人)) or
/// as the counter before 数 (得票数, 台数, 件数); not a date's.
fn header_unit(header: &str) -> Option<String> {
    let header = header.trim();
    let counter = match header.strip_suffix([')', '）']) {
        Some(open) => open[open.rfind(['(', '（'])?..].trim_start_matches(['(', '（']),
        None => {
            let stem = header.strip_suffix('数')?;
            let last = stem.chars().next_back()?;
            &stem[stem.len() - last.len_utf8()..]
        }
    };
    let one = format!("1{counter}");
    match quantity::find(&one).as_slice() {
        [q] if q.span.end == one.len() && !q.unit.is_empty() && !q.is_date() => {
            Some(q.unit.clone())
        }
        _ => None,
    }
}

/// The source lines of tables (lines starting with `|`, in Markdown and plain text alike),
/// each with the start of its table's first line, the header.
struct TableHeaders {
    /// (line start, header line start), in source order.
    rows: Vec<(usize, usize)>,
}

impl TableHeaders {
    fn new(source: &str) -> Self {
        let mut rows = Vec::new();
        let mut header = None;
        let mut start = 0;
        for line in source.split_inclusive('\n') {
            if line.trim_start().starts_with('|') {
                let first = *header.get_or_insert(start);
                rows.push((start, first));
            } else {
                header = None;
            }
            start += line.len();
        }
        TableHeaders { rows }
    }

    /// The unit the header names ([`header_unit`]) of the column whose data cell holds
    /// exactly the source bytes `at` (the number alone).
    fn unit_of(&self, source: &str, at: std::ops::Range<usize>) -> Option<String> {
        let line = source[..at.start].rfind('\n').map_or(0, |n| n + 1);
        let i = self.rows.partition_point(|&(start, _)| start < line);
        let &(row, header) = self.rows.get(i)?;
        if row != line || header == line {
            return None;
        }
        let line_end = source[at.end..]
            .find('\n')
            .map_or(source.len(), |n| at.end + n);
        let before = &source[line..at.start];
        let after = &source[at.end..line_end];
        let cell = &before[before.rfind('|')? + 1..];
        if !cell.trim().is_empty() || !after[..after.find('|')?].trim().is_empty() {
            return None;
        }
        let column = before.matches('|').count();
        let header_line = source[header..].lines().next()?;
        header_unit(header_line.split('|').nth(column)?)
    }
}

/// The pieces of a name with a suffix that makes a kind of thing of it (若冲展, 北斎展: an
/// exhibition of 若冲): the name and the suffix, which a body sentence may write apart
/// (伊藤若冲の作品を紹介する特別展). Not a place or person suffix (東京都, 田中氏); empty
/// otherwise.
fn name_and_kind(a: &Analysis<'_>, tokens: std::ops::Range<usize>) -> Vec<Vec<String>> {
    let [name, kind] = [tokens.start, tokens.start + 1];
    if tokens.len() != 2
        || !a.features(name).pos.is_proper_noun()
        || !a.features(kind).pos.is_general_suffix()
        || a.surface(name).chars().count() < 2
    {
        return Vec::new();
    }
    vec![
        vec![a.surface(name).to_ascii_lowercase()],
        vec![a.surface(kind).to_string()],
    ]
}

/// Whether the pieces of a chain appear in order in one body sentence: the body's way of
/// writing 歴史的円安 as 歴史的な円安, or 山辺県予算案 as 山辺県の…当初予算案. `lowered` is the
/// text ASCII-lower-cased.
fn spelled_apart(lowered: &str, lines: &[Span], pieces: &[Vec<String>]) -> bool {
    lines.iter().any(|l| {
        lowered[l.range()]
            .split(['。', '!', '?'])
            .any(|sentence| in_order(sentence, pieces))
    })
}

/// Whether each piece (any of its variants) occurs in `sentence` after the one before. The
/// variant ending first is always the best choice for the pieces after it, so one pass.
fn in_order(sentence: &str, pieces: &[Vec<String>]) -> bool {
    let mut at = 0;
    pieces.iter().all(|piece| {
        let end = piece
            .iter()
            .filter_map(|v| sentence[at..].find(v.as_str()).map(|i| at + i + v.len()))
            .min();
        end.map(|e| at = e).is_some()
    })
}

fn line_regexes(regexes: Vec<regex::Regex>) -> Vec<LineRegex> {
    regexes.into_iter().map(LineRegex::new).collect()
}

/// What the list items under a heading are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Items {
    Body,
    /// Under 「この記事の要約」: checked, never body.
    Summary,
    /// Under 「目次」: entries that repeat the headings, neither checked nor body.
    Boilerplate,
}

/// What kind of place is checked, for the `{place}` placeholder and the unit scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Heading,
    Summary,
    Source,
}

impl Role {
    /// `{place}` for this role.
    fn label(self) -> String {
        let labels = Labels::get();
        match self {
            Role::Title => &labels.headline_place_title,
            Role::Heading => &labels.headline_place_heading,
            Role::Summary => &labels.headline_place_summary,
            Role::Source => &labels.headline_place_source,
        }
        .fill(&[])
    }
}

#[derive(Debug)]
struct Place {
    role: Role,
    span: Span,
    /// A heading that repeats the title (まとめ:<title>): reported with the title as related.
    repeats_title: bool,
    /// `{place}` when not the role's: 「参考動画のタイトル」.
    label: Option<String>,
    /// A heading's section (index into `Document::sections`).
    section: Option<usize>,
}

impl Place {
    fn new(role: Role, span: Span) -> Self {
        Place {
            role,
            span,
            repeats_title: false,
            label: None,
            section: None,
        }
    }
}

/// A content unit of a checked place, with the key ids that support it.
#[derive(Debug)]
struct Unit {
    span: Span,
    /// The unit and its synonyms: any one found supports it.
    variants: Vec<usize>,
    /// With `compound_parts`: each noun's variants; all found supports the unit.
    parts: Vec<Vec<usize>>,
    /// A chain of two or more nouns: each piece (a noun with its prefixes and suffixes) with
    /// its synonyms, ASCII-lower-cased. The body may write the pieces apart in one sentence
    /// (歴史的な円安, 「ワールドカップ」のアジア予選, 山辺県の…予算案).
    pieces: Vec<Vec<String>>,
    /// A name or a number: a claim a rewording keeps.
    strong: bool,
    /// Has digits: may be supported by a body number it rounds.
    number: bool,
    /// A number's counter as written (基 of 全4基, 回 of 2回程度).
    counter: Option<String>,
    /// The key ids of its `opposites`.
    opposites: Vec<usize>,
    /// An action (a verb's base form, a サ変 noun standing alone): the body must state it,
    /// not only negate it or leave it open.
    action: Option<String>,
    /// A listicle's count (スポット5選): framing unless the article numbers another count of
    /// items.
    picks: bool,
}

/// Whether `unit` stands alone in brackets right after the unit ending at `previous_end`
/// (the analysis text has ASCII brackets after NFKC) and has no digit.
fn is_alias(text: &str, previous_end: usize, unit: Span) -> bool {
    text.get(previous_end..unit.start) == Some("(")
        && text[unit.end..].starts_with(')')
        && !text[unit.range()].bytes().any(|b| b.is_ascii_digit())
}

/// The distinct runs of kanji in the body, by first character: what a kanji abbreviation in a
/// headline (国交省, 安保理, 日銀) may abbreviate.
struct KanjiRuns<'t> {
    by_first: FastHashMap<char, Vec<&'t str>>,
    /// The body lines, for `katakana`.
    lines: Vec<&'t str>,
    /// Katakana words of the body, normalised ([`clipped_form`]), by first character: what a
    /// clipped loanword (スマホ, パソコン, デジカメ) may shorten. Read on the first katakana
    /// unit asked about.
    katakana: std::cell::OnceCell<FastHashMap<char, Vec<String>>>,
    /// Compounds of a clipped word still to look for (each reads the body lines).
    compounds_left: std::cell::Cell<usize>,
}

impl<'t> KanjiRuns<'t> {
    /// The longest abbreviation looked for, and how much longer than it a run may be.
    const MAX_ABBREVIATION: usize = 5;
    const MAX_STRETCH: usize = 3;
    /// Runs compared per abbreviation: bounds the work on pathological bodies.
    const MAX_TRIES: usize = 256;
    /// Tails taken per run (a run of thousands of kanji is not prose).
    const MAX_RUN: usize = 24;
    /// The longest katakana compound looked for as a clipped word and a body word.
    const MAX_COMPOUND: usize = 14;
    /// Compounds looked for, per document.
    const MAX_COMPOUND_SEARCHES: usize = 32;

    fn new(doc: &'t Document, body: &[Span]) -> Self {
        let mut seen: FastHashSet<&str> = FastHashSet::default();
        let mut by_first: FastHashMap<char, Vec<&str>> = FastHashMap::default();
        for line in body {
            let text = &doc.text[line.range()];
            let mut start = None;
            for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
                match (is_kanji(c), start) {
                    (true, None) => start = Some(i),
                    (false, Some(from)) => {
                        // The run and its tails: 県教委 abbreviates the 県教育委員会 of
                        // 山辺県教育委員会.
                        let run = &text[from..i];
                        for (at, first) in run.char_indices().take(Self::MAX_RUN) {
                            let tail = &run[at..];
                            if tail.chars().count() >= 3 && seen.insert(tail) {
                                by_first.entry(first).or_default().push(tail);
                            }
                        }
                        start = None;
                    }
                    _ => {}
                }
            }
        }
        KanjiRuns {
            by_first,
            lines: body.iter().map(|l| &doc.text[l.range()]).collect(),
            katakana: std::cell::OnceCell::new(),
            compounds_left: std::cell::Cell::new(Self::MAX_COMPOUND_SEARCHES),
        }
    }

    fn katakana(&self) -> &FastHashMap<char, Vec<String>> {
        self.katakana.get_or_init(|| {
            let mut seen: FastHashSet<&str> = FastHashSet::default();
            let mut katakana: FastHashMap<char, Vec<String>> = FastHashMap::default();
            for text in &self.lines {
                for word in text
                    .split(|c: char| !is_katakana(c))
                    .filter(|w| w.chars().count() >= 4)
                {
                    let form = clipped_form(word);
                    if let Some(first) = form.chars().next()
                        && seen.insert(word)
                    {
                        let list = katakana.entry(first).or_default();
                        if list.len() < Self::MAX_TRIES {
                            list.push(form);
                        }
                    }
                }
            }
            katakana
        })
    }

    /// Whether `unit` (3 to 6 katakana) clips a longer body loanword: both start alike and
    /// its sounds appear there in order (スマホ / スマートフォン, パソコン / パーソナルコンピュー
    /// ター, デジカメ / デジタルカメラ), the word at most four times as long.
    fn clipped(&self, unit: &str) -> bool {
        let n = unit.chars().count();
        if !(3..=6).contains(&n) || !unit.chars().all(is_katakana) {
            return false;
        }
        let short = clipped_form(unit);
        let Some(first) = short.chars().next() else {
            return false;
        };
        let n = short.chars().count();
        self.katakana().get(&first).is_some_and(|words| {
            words.iter().any(|word| {
                let len = word.chars().count();
                len > n && len <= n * 4 && is_subsequence(&short, word)
            })
        })
    }

    /// Whether a katakana `unit` joins a clipped loanword to a body word (ノイキャンイヤホン:
    /// ノイキャン clips the body's ノイズキャンセリング, イヤホン is in the body), either way
    /// round; each part at least three characters.
    fn clipped_compound(&self, unit: &str) -> bool {
        let chars: Vec<(usize, char)> = unit.char_indices().collect();
        if !(6..=Self::MAX_COMPOUND).contains(&chars.len())
            || !unit.chars().all(is_katakana)
            || self.compounds_left.get() == 0
        {
            return false;
        }
        self.compounds_left.set(self.compounds_left.get() - 1);
        let written = |part: &str| self.lines.iter().any(|line| line.contains(part));
        (3..=chars.len() - 3).any(|k| {
            let (head, tail) = unit.split_at(chars[k].0);
            (self.clipped(head) && written(tail)) || (written(head) && self.clipped(tail))
        })
    }

    /// Whether `unit` (2 to 5 capital letters) is the initialism of a body loanword written in
    /// katakana: RPG of ロールプレイングゲーム, FP of ファイナンシャルプランナー, NAS of ネットワーク・
    /// アタッチト・ストレージ. The word must open with the first letter's sound, and each
    /// further letter's sound must open a word inside it ([`word_starts`]), the last one
    /// running to the end of the word.
    fn initialism(&self, unit: &str) -> bool {
        let letters = unit.as_bytes();
        if !(2..=Self::MAX_ABBREVIATION).contains(&letters.len())
            || !letters.iter().all(u8::is_ascii_uppercase)
        {
            return false;
        }
        self.lines.iter().any(|text| {
            text.split(|c: char| !(is_katakana(c) || c == '・'))
                .filter(|w| w.chars().count() >= 2 * letters.len())
                .take(Self::MAX_TRIES)
                .any(|word| spells_initialism(word, letters))
        })
    }

    /// Whether `unit` (2 to 5 kanji) is an abbreviation of a longer body run or the tail of
    /// one: it starts the run (or tail), its characters appear there in order, and that is
    /// at most three times its length.
    fn abbreviated(&self, unit: &str) -> bool {
        let n = unit.chars().count();
        if !(2..=Self::MAX_ABBREVIATION).contains(&n) || !unit.chars().all(is_kanji) {
            return false;
        }
        let first = unit.chars().next().expect("two or more characters");
        let Some(runs) = self.by_first.get(&first) else {
            return false;
        };
        runs.iter()
            .take(Self::MAX_TRIES)
            .any(|run| Self::abbreviates(unit, run))
    }

    /// Whether `abbreviation` stands in order in the head of `run`, as long as an abbreviation
    /// may stretch (three times its length), the head longer than it: 陸自 abbreviates the
    /// 陸上自衛隊 of 陸上自衛隊霧島原駐屯地 (a body compound goes on into the unit's own name).
    fn abbreviates(abbreviation: &str, run: &str) -> bool {
        let n = abbreviation.chars().count();
        let head = match run.char_indices().nth(n * Self::MAX_STRETCH) {
            Some((end, _)) => &run[..end],
            None => run,
        };
        head.chars().count() > n && is_subsequence(abbreviation, head)
    }

    /// A name not all kanji with an abbreviation after it (桜ケ丘市教委): the body writes the
    /// name and right after it a kanji run the rest abbreviates (桜ケ丘市教育委員会). The
    /// kanji-only units are [`KanjiRuns::abbreviated`]'s.
    fn abbreviated_after_name(&self, unit: &str) -> bool {
        if unit.chars().all(is_kanji) {
            return false;
        }
        // Split points from the longest abbreviation down: the rest must be kanji.
        let splits = unit.char_indices().map(|(at, _)| at).filter(|&at| {
            at > 0 && {
                let rest = &unit[at..];
                let n = rest.chars().count();
                (2..=Self::MAX_ABBREVIATION).contains(&n) && rest.chars().all(is_kanji)
            }
        });
        for at in splits {
            let (name, rest) = unit.split_at(at);
            for line in self.lines.iter().take(Self::MAX_TRIES) {
                for (found, _) in line.match_indices(name).take(Self::MAX_TRIES) {
                    let after = &line[found + name.len()..];
                    let run_end = after
                        .char_indices()
                        .find(|&(_, c)| !is_kanji(c))
                        .map_or(after.len(), |(i, _)| i);
                    let run = &after[..run_end];
                    if run.chars().next() == rest.chars().next() && Self::abbreviates(rest, run) {
                        return true;
                    }
                }
            }
        }
        false
    }
}

/// The katakana word around `span` (the span's text itself when it is not all katakana).
fn katakana_word(text: &str, span: Span) -> &str {
    let unit = &text[span.range()];
    if unit.is_empty() || !unit.chars().all(is_katakana) {
        return unit;
    }
    run_around(text, span, usize::MAX, is_katakana)
}

/// A katakana word as its sounds are clipped: long vowel marks dropped, a small vowel after
/// フ/テ/デ/ヴ read with it (フォン → ホン, ティ → チ), so スマホ is in スマートフォン.
fn clipped_form(word: &str) -> String {
    let mut out = String::new();
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'ー' {
            continue;
        }
        let merged = match (c, chars.peek().copied()) {
            ('フ', Some('ォ')) => Some('ホ'),
            ('フ', Some('ィ')) => Some('ヒ'),
            ('フ', Some('ェ')) => Some('ヘ'),
            ('フ', Some('ァ')) => Some('ハ'),
            ('テ', Some('ィ')) => Some('チ'),
            ('デ', Some('ィ')) => Some('ジ'),
            _ => None,
        };
        match merged {
            Some(m) => {
                out.push(m);
                chars.next();
            }
            None => out.push(if c == 'ヴ' { 'ブ' } else { c }),
        }
    }
    out
}

/// Whether the characters of `short` appear in `long` in order.
fn is_subsequence(short: &str, long: &str) -> bool {
    let mut rest = long.chars();
    short.chars().all(|c| rest.any(|d| d == c))
}

/// The trimmed lines of a block.
fn lines(text: &str, span: Span) -> impl Iterator<Item = Span> + '_ {
    let s = &text[span.range()];
    let mut at = span.start;
    s.split('\n').filter_map(move |l| {
        let line = trim_span(text, Span::new(at, at + l.len()));
        at += l.len() + 1;
        (!line.is_empty()).then_some(line)
    })
}

/// A text without surrounding space and trailing 「!?。」, for comparing restated titles.
fn core(s: &str) -> &str {
    s.trim()
        .trim_end_matches(['!', '?', '。', '.', ' ', '　'])
        .trim()
}

/// How a token takes part in a unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// 接頭詞 (前, 初, 新, 第): binds to the next noun.
    Prefix,
    /// 名詞,接尾 (版, 選, 外): binds to the previous noun.
    Suffix,
    /// 名詞,接尾,助数詞 (年, 割, 円).
    Counter,
    /// 名詞,数: digits (unknown words) and kanji numerals.
    Num,
    /// `.` `,` inside a number, `%` after one.
    NumSymbol,
    /// 名詞,固有名詞,人名: 姓 + 名 stay together.
    Name,
    /// 名詞,サ変接続: an action, a unit of its own.
    Sahen,
    /// Other content nouns.
    Free,
    Verb,
    /// Ends a unit and is not part of one.
    Break,
}

fn classify(a: &Analysis<'_>, i: usize, lexicons: &Lexicons) -> Class {
    let pos = a.features(i).pos;
    let surface = a.surface(i);
    // 5つの方法: the segmenter reads the つ after a digit as an auxiliary verb.
    if surface == "つ"
        && i > 0
        && a.features(i - 1).pos.is_number()
        && a.tokens[i - 1].span.end == a.tokens[i].span.start
    {
        return Class::Counter;
    }
    // 2時間半, 1年半: the half after a counter is part of the number.
    if surface == "半"
        && i > 0
        && a.features(i - 1).pos.is_counter()
        && a.tokens[i - 1].span.end == a.tokens[i].span.start
    {
        return Class::Counter;
    }
    if !surface.chars().any(char::is_alphanumeric) {
        // Emoji, pictographs and symbols the unknown-word model tags as nouns (😀, ★) decorate
        // a headline; they claim nothing.
        return if pos.is_symbol() && matches!(surface, "." | "," | "%" | "-") {
            Class::NumSymbol
        } else {
            Class::Break
        };
    }
    if pos.is_number() {
        Class::Num
    } else if pos.is_counter() {
        Class::Counter
    } else if pos.is_suffix() {
        // 氏, さん (人名), 後, 中 (副詞可能) and plurals add nothing a body must repeat:
        // 「木村氏ら」 is supported by 木村, 「会談後」 by 会談.
        let empty = pos.is_name_suffix()
            || pos.is_adverbial_suffix()
            || lexicons.contains(LexiconId::PluralSuffixes, surface);
        if empty { Class::Break } else { Class::Suffix }
    } else if pos.is_person_name() {
        Class::Name
    } else if pos.is_sahen_noun() {
        Class::Sahen
    } else if pos.is_proper_noun()
        || pos.is_common_noun()
        || pos.is_adjectival_noun()
        || pos.is_adverbial_noun()
        || pos.is_nai_adjective_stem()
    {
        Class::Free
    } else if pos.is_noun_prefix() || (pos.is_number_prefix() && surface == "第") {
        // 約, およそ (数接続) hedge a number; the body may hedge differently. 第 makes an
        // ordinal.
        Class::Prefix
    } else if pos.is_independent_verb() {
        Class::Verb
    } else if pos.is_symbol() && matches!(surface, "." | "," | "%") {
        Class::NumSymbol
    } else {
        Class::Break
    }
}

/// Whether the unit at `span` is a year (1900–2099) written right onto a name, without 年
/// (ペルセウス座流星群2025の見頃), that the body tells as this year: it says 今年 or 本年 and
/// names no other year (2024年, 2024).
fn edition_year(text: &str, span: Span, body: &[Span]) -> bool {
    let unit = &text[span.range()];
    let year = |s: &str| {
        s.len() == 4
            && s.bytes().all(|b| b.is_ascii_digit())
            && (s.starts_with("19") || s.starts_with("20"))
    };
    let onto_name = text[..span.start]
        .chars()
        .next_back()
        .is_some_and(|c| is_kanji(c) || is_katakana(c) || c.is_ascii_alphabetic());
    let after = &text[span.end..];
    if !year(unit) || !onto_name || after.starts_with(['年', '-', '/', '.']) {
        return false;
    }
    let this_year = body.iter().any(|line| {
        let line = &text[line.range()];
        line.contains("今年") || line.contains("本年")
    });
    if !this_year {
        return false;
    }
    // Another year anywhere in the body: four digits from 19 or 20, not inside a longer number.
    !body.iter().any(|line| {
        let line = text[line.range()].as_bytes();
        (0..line.len().saturating_sub(3)).any(|i| {
            let candidate = &line[i..i + 4];
            let starts = i == 0 || !line[i - 1].is_ascii_digit();
            let ends = line.get(i + 4).is_none_or(|b| !b.is_ascii_digit());
            starts
                && ends
                && candidate.iter().all(u8::is_ascii_digit)
                && (candidate.starts_with(b"19") || candidate.starts_with(b"20"))
                && candidate != unit.as_bytes()
        })
    })
}

/// Whether `unit` is a score (3-1) and a body line writes it, with 対 or another dash and a
/// counter after each number or not (3対1, 3マップ対1マップ, 3―1).
fn score_in_body(unit: &str, text: &str, body: &[Span]) -> bool {
    let Some((x, y)) = unit.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(x) || !digits(y) {
        return false;
    }
    let Ok(re) = regex::Regex::new(&format!(
        r"(?:^|[^0-9.,]){x}[^0-9\s。、]{{0,4}}\s*[-−－–—―対]\s*{y}(?:[^0-9.,]|$)"
    )) else {
        return false;
    };
    body.iter().any(|l| re.is_match(&text[l.range()]))
}

/// Suffixes that name who does an action or how (運転手, 支援者, 相談員, 節約術).
const AGENT_SUFFIXES: &[&str] = &["手", "者", "家", "員", "術"];

/// The action a unit of a サ変 noun and an agent suffix names the doer or means of (運転 of
/// 運転手), when the unit is exactly those two tokens.
fn action_of_agent<'k>(
    a: &Analysis<'_>,
    tokens: std::ops::Range<usize>,
    key: &'k str,
) -> Option<&'k str> {
    if tokens.len() != 2 {
        return None;
    }
    let (stem, suffix) = (tokens.start, tokens.start + 1);
    let told = a.features(stem).pos.is_sahen_noun()
        && a.features(suffix).pos.is_suffix()
        && AGENT_SUFFIXES.contains(&a.surface(suffix));
    told.then(|| key.strip_suffix(a.surface(suffix)))
        .flatten()
        .filter(|s| s.chars().count() >= 2)
}

/// Whether the katakana `word` can be cut into words whose opening sounds spell `letters`
/// in order ([`initial_letters`]), each word after the first opening where a loanword may
/// start (after ・, a long vowel, ン, ッ or a sound English words end in: ル, ト, ク, グ, ス, ド, ム,
/// プ, ブ, フ, ジ), every word at least two characters long.
fn spells_initialism(word: &str, letters: &[u8]) -> bool {
    let chars: Vec<char> = word.chars().collect();
    // Positions where a word may start, besides the first.
    let may_start = |i: usize| {
        i >= 2
            && i + 2 <= chars.len()
            && chars[i] != '・'
            && !is_small_kana(chars[i])
            && matches!(
                chars[i - 1],
                '・' | 'ー'
                    | 'ン'
                    | 'ッ'
                    | 'ル'
                    | 'ト'
                    | 'ク'
                    | 'グ'
                    | 'ス'
                    | 'ド'
                    | 'ム'
                    | 'プ'
                    | 'ブ'
                    | 'フ'
                    | 'ジ'
            )
    };
    let opens = |i: usize, letter: u8| initial_letters(&chars[i..]).contains(&letter);
    // Depth-first over the letters: `at` is where the word of `letters[k]` starts.
    fn search(
        k: usize,
        at: usize,
        letters: &[u8],
        len: usize,
        may_start: &dyn Fn(usize) -> bool,
        opens: &dyn Fn(usize, u8) -> bool,
    ) -> bool {
        if !opens(at, letters[k]) {
            return false;
        }
        if k + 1 == letters.len() {
            return true;
        }
        (at + 2..len)
            .any(|next| may_start(next) && search(k + 1, next, letters, len, may_start, opens))
    }
    !chars.is_empty() && search(0, 0, letters, chars.len(), &may_start, &opens)
}

fn is_small_kana(c: char) -> bool {
    matches!(
        c,
        'ァ' | 'ィ' | 'ゥ' | 'ェ' | 'ォ' | 'ャ' | 'ュ' | 'ョ' | 'ッ' | 'ヮ' | 'ー'
    )
}

/// The capital letters an English word written in katakana from `sounds` may start with:
/// its consonant (フ F, ブ B or V, チ C or T), or for a vowel the letters such words open with
/// (エ A, E or X; ユ U or Y).
fn initial_letters(sounds: &[char]) -> &'static [u8] {
    let next = sounds.get(1).copied();
    match sounds.first().copied().unwrap_or(' ') {
        'ア' => b"AU",
        'イ' => b"IE",
        'ウ' if matches!(next, Some('ィ' | 'ェ' | 'ォ')) => b"W",
        'ウ' => b"UW",
        'エ' => b"AEX",
        'オ' => b"OA",
        'カ' | 'コ' => b"CK",
        'キ' | 'ケ' => b"KC",
        'ク' => b"CKQ",
        'ガ' | 'ギ' | 'グ' | 'ゲ' | 'ゴ' => b"G",
        'サ' | 'ス' | 'セ' | 'ソ' => b"SC",
        'シ' => b"SC",
        'ジ' => b"JG",
        'ザ' | 'ズ' | 'ゼ' | 'ゾ' => b"Z",
        'タ' | 'テ' | 'ト' | 'ツ' => b"T",
        'チ' => b"CT",
        'ダ' | 'デ' | 'ド' | 'ヂ' | 'ヅ' => b"D",
        'ナ' | 'ニ' | 'ヌ' | 'ネ' | 'ノ' => b"N",
        'ハ' | 'ヒ' | 'ヘ' | 'ホ' => b"H",
        'フ' if matches!(next, Some('ァ' | 'ィ' | 'ェ' | 'ォ')) => b"F",
        'フ' => b"FH",
        'ヴ' => b"V",
        'バ' | 'ビ' | 'ブ' | 'ベ' | 'ボ' => b"BV",
        'パ' | 'ピ' | 'プ' | 'ペ' | 'ポ' => b"P",
        'マ' | 'ミ' | 'ム' | 'メ' | 'モ' => b"M",
        'ヤ' | 'ヨ' => b"Y",
        'ユ' => b"UY",
        'ラ' | 'リ' | 'ル' | 'レ' | 'ロ' => b"RL",
        'ワ' => b"W",
        _ => b"",
    }
}

/// Whether a token is Latin letters only (J, COP, iPhone).
fn is_latin(surface: &str) -> bool {
    !surface.is_empty() && surface.bytes().all(|b| b.is_ascii_alphabetic())
}

/// A unit before filtering: token range `[first, last]`.
#[derive(Debug, Clone)]
struct RawUnit {
    span: Span,
    tokens: std::ops::Range<usize>,
    verb: bool,
    salient: bool,
    /// Token indices of the nouns of a chain, for `compound_parts`.
    parts: Vec<usize>,
    /// A number's tokens up to its counter, when suffixes follow: 500円高 → 500円.
    counted: Option<std::ops::Range<usize>>,
}

impl RawUnit {
    /// The text looked up in the body: a verb's base form, else the surfaces (no spaces).
    fn key(&self, a: &Analysis<'_>) -> String {
        if self.verb {
            return a.base(self.tokens.start).to_string();
        }
        surfaces(a, self.tokens.clone())
    }
}

fn surfaces(a: &Analysis<'_>, tokens: std::ops::Range<usize>) -> String {
    tokens.map(|i| a.surface(i)).collect()
}

/// The longest run of units read as one listed term.
const MAX_LISTED_PARTS: usize = 3;

/// Merges adjacent noun units that together spell a term of `synonyms` or `opposites`
/// (`listed`): the segmenter splits 全会一致 into 全会 | 一致, and the pair 全会一致 /
/// 賛成多数 is about the whole.
fn merge_listed(
    a: &Analysis<'_>,
    units: Vec<RawUnit>,
    listed: impl Fn(&str) -> bool,
) -> Vec<RawUnit> {
    // Each merge as (first, last) unit; most places have none and keep their units as read.
    let mut merges: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let joined = (i + 1..units.len().min(i + MAX_LISTED_PARTS))
            .take_while(|&j| {
                !units[i].verb && !units[j].verb && units[j - 1].span.end == units[j].span.start
            })
            .filter(|&j| listed(&a.text[units[i].span.start..units[j].span.end]))
            .last();
        match joined {
            Some(j) => {
                merges.push((i, j));
                i = j + 1;
            }
            None => i += 1,
        }
    }
    if merges.is_empty() {
        return units;
    }
    let mut out: Vec<RawUnit> = Vec::with_capacity(units.len());
    let mut next = merges.iter().peekable();
    let mut skip_to = 0;
    for (k, unit) in units.iter().enumerate() {
        if k < skip_to {
            continue;
        }
        match next.peek() {
            Some(&&(first, last)) if first == k => {
                let group = &units[first..=last];
                out.push(RawUnit {
                    span: Span::new(unit.span.start, units[last].span.end),
                    tokens: unit.tokens.start..units[last].tokens.end,
                    verb: false,
                    salient: group.iter().any(|u| u.salient),
                    parts: group.iter().flat_map(|u| u.parts.iter().copied()).collect(),
                    counted: None,
                });
                skip_to = last + 1;
                next.next();
            }
            _ => out.push(unit.clone()),
        }
    }
    out
}

/// Groups the tokens in `range` into units (see the module doc).
fn split_units(
    a: &Analysis<'_>,
    range: std::ops::Range<usize>,
    lexicons: &Lexicons,
) -> Vec<RawUnit> {
    struct Chain {
        start: usize,
        end: usize,
        last: Class,
        content: bool,
        salient: bool,
        parts: Vec<usize>,
        /// End of the last counter (or `%`) of a number, while only suffixes follow it.
        counted_end: Option<usize>,
        /// Has a 数 token.
        number: bool,
        /// Its number is written onto Latin letters (J2, G7, COP29): part of a code, so no
        /// noun after it joins as if counted (J2青嵐FC is J | 2 | 青嵐 | FC, not 2青嵐).
        code: bool,
    }
    let mut out = Vec::new();
    let mut cur: Option<Chain> = None;
    let flush = |cur: &mut Option<Chain>, out: &mut Vec<RawUnit>| {
        if let Some(c) = cur.take()
            && c.content
        {
            out.push(RawUnit {
                span: Span::new(a.tokens[c.start].span.start, a.tokens[c.end - 1].span.end),
                tokens: c.start..c.end,
                verb: false,
                salient: c.salient,
                parts: c.parts,
                counted: c.counted_end.filter(|&e| e < c.end).map(|e| c.start..e),
            });
        }
    };
    let end = range.end;
    let range_start = range.start;
    for i in range {
        let class = classify(a, i, lexicons);
        // IPADIC has トランプ as a common noun; before 氏 or さん it is a name.
        if let Some(c) = cur.as_mut()
            && a.features(i).pos.is_name_suffix()
        {
            c.salient = true;
        }
        let last = cur.as_ref().map(|c| c.last);
        let number = cur.as_ref().is_some_and(|c| c.number);
        // Tokens separated by a space (「2割増　ゲーム好調」) are never one unit.
        let adjacent = |j: usize| j > 0 && a.tokens[j - 1].span.end == a.tokens[j].span.start;
        // スマ|ホ, ミラー|レス: a katakana word the segmenter cut is one unit.
        let cut_katakana = adjacent(i)
            && cur.as_ref().is_some_and(|c| c.end == i)
            && !matches!(class, Class::Verb | Class::Break)
            && all_katakana(a.surface(i))
            && all_katakana(a.surface(i - 1));
        let joins = cut_katakana
            || adjacent(i)
                && match class {
                    Class::Suffix | Class::Counter => last.is_some(),
                    // 3-1で逆転勝ち: a score is one unit, found whole or not at all; not a range
                    // of counted values (4-6月期), whose parts the body may write with 〜.
                    Class::NumSymbol => {
                        last == Some(Class::Num)
                            && (a.surface(i) == "%"
                                || (i + 1 < end
                                    && adjacent(i + 1)
                                    && classify(a, i + 1, lexicons) == Class::Num
                                    && (a.surface(i) != "-"
                                        || !(i + 2 < end
                                            && adjacent(i + 2)
                                            && a.features(i + 2).pos.is_noun()))))
                    }
                    // アジア版NATO, but 40号 | 本塁打: a number's suffix binds no noun after it.
                    Class::Free => match last {
                        Some(Class::Prefix) => true,
                        // 夏まつり2024|完全ガイド: an edition year before a framing phrase.
                        Some(Class::Num) => {
                            let code = cur.as_ref().is_some_and(|c| c.code);
                            let edition = cur.as_ref().is_some_and(|c| c.end == c.start + 1)
                                && framing_follows(
                                    &a.text[a.tokens[i].span.start..],
                                    lexicons.get(LexiconId::HeadlineFraming),
                                );
                            !code && !edition
                        }
                        Some(Class::Suffix) => !number,
                        _ => false,
                    },
                    Class::Sahen => last == Some(Class::Prefix),
                    Class::Name => matches!(last, Some(Class::Name | Class::Prefix)),
                    // 5月20日, 2025年5月: a date is one unit, not a month and a day.
                    Class::Num => {
                        matches!(last, Some(Class::Num | Class::NumSymbol | Class::Prefix))
                            || (number && matches!(a.surface(i - 1), "年" | "月"))
                    }
                    Class::Prefix | Class::Verb | Class::Break => false,
                };
        if !joins {
            flush(&mut cur, &mut out);
        }
        match class {
            Class::Break => {}
            Class::Verb => {
                if !lexicons.contains(LexiconId::ClaimlessVerbs, a.base(i)) {
                    out.push(RawUnit {
                        span: a.tokens[i].span,
                        tokens: i..i + 1,
                        verb: true,
                        salient: false,
                        parts: Vec::new(),
                        counted: None,
                    });
                }
            }
            // A suffix with nothing to attach to is not a unit.
            Class::Suffix | Class::Counter | Class::NumSymbol if cur.is_none() => {}
            _ => {
                let c = cur.get_or_insert(Chain {
                    start: i,
                    end: i,
                    last: class,
                    content: false,
                    salient: false,
                    parts: Vec::new(),
                    counted_end: None,
                    number: false,
                    code: false,
                });
                c.code |= class == Class::Num && i > 0 && adjacent(i) && is_latin(a.surface(i - 1));
                c.end = i + 1;
                c.last = class;
                c.number |= class == Class::Num;
                match class {
                    Class::Counter | Class::NumSymbol => c.counted_end = Some(i + 1),
                    Class::Suffix => {}
                    _ => c.counted_end = None,
                }
                let is_content =
                    matches!(class, Class::Num | Class::Name | Class::Sahen | Class::Free);
                if is_content {
                    c.content = true;
                    c.parts.push(i);
                }
                // An unknown katakana word is tagged 固有名詞 by the unknown-word model, but
                // is far more often a loanword (スペック) than a name; unknown Latin letters
                // (NATO, JSA) are names.
                // A known name inside a cut katakana word (ミラー of ミラー|レス, スマ of スマ|ホ)
                // is a piece of a loanword, unless every piece is a name.
                let guessed = (a.is_unknown(i)
                    && a.surface(i)
                        .chars()
                        .all(|ch| matches!(ch, 'ァ'..='ヶ' | 'ー' | '・')))
                    || in_cut_loanword(a, i, range_start..end);
                // A lone Latin letter (V字回復's V, Z世代's Z) names nothing; nor does an
                // initialism of a common noun (IT, SNS: `common-initialisms`).
                let letter = a.surface(i).len() == 1 && is_latin(a.surface(i))
                    || lexicons.contains(LexiconId::CommonInitialisms, a.surface(i));
                c.salient |= (a.features(i).pos.is_proper_noun() && !guessed && !letter)
                    || a.surface(i).bytes().any(|b| b.is_ascii_digit());
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// The dictionary forms a noun may be the 連用形 of (響き → 響く, 響きる; 受け入れ → 受け入れる):
/// a word with a kanji ending in kana of the い or え row. A form that is no verb matches no
/// body token, so a guess costs nothing but a key.
fn verbs_of_stem(noun: &str) -> Vec<String> {
    const ICHIDAN: &str = "いきぎしじちにひびみりえけげせぜてでねへべめれ";
    let Some(last) = noun.chars().next_back() else {
        return Vec::new();
    };
    let stem = &noun[..noun.len() - last.len_utf8()];
    if !stem.chars().any(is_kanji) || !ICHIDAN.contains(last) {
        return Vec::new();
    }
    let mut out = vec![format!("{noun}る")];
    if let Some(&(u, _)) = crate::lang::ja::GODAN_RENYOU
        .iter()
        .find(|&&(_, i)| i == last)
    {
        out.push(format!("{stem}{u}"));
    }
    out
}

/// Whether a word is written in katakana alone (ー included).
fn all_katakana(word: &str) -> bool {
    !word.is_empty() && word.chars().all(is_katakana)
}

/// Whether token `i` is one piece of a katakana word the segmenter cut (ミラー|レス) of which
/// some piece is no proper noun: the word is a loanword, not a name.
fn in_cut_loanword(a: &Analysis<'_>, i: usize, range: std::ops::Range<usize>) -> bool {
    if !all_katakana(a.surface(i)) {
        return false;
    }
    let glued = |j: usize| a.tokens[j - 1].span.end == a.tokens[j].span.start;
    let mut start = i;
    while start > range.start && glued(start) && all_katakana(a.surface(start - 1)) {
        start -= 1;
    }
    let mut end = i + 1;
    while end < range.end && glued(end) && all_katakana(a.surface(end)) {
        end += 1;
    }
    end - start > 1 && (start..end).any(|k| !a.features(k).pos.is_proper_noun())
}

/// The first age of a decade of age written as a headline unit: 40 for 40代 (10代 … 90代;
/// not 1990年代 or 3代目).
fn age_decade(key: &str) -> Option<u32> {
    let digits = key.strip_suffix('代')?;
    let tens: u32 = digits.parse().ok()?;
    (digits.len() == 2 && tens.is_multiple_of(10) && (10..=90).contains(&tens)).then_some(tens)
}

/// Whether a body line tells someone's age: 45歳, or two digits in brackets after a name
/// (男性(45); the text is NFKC, so （45） is read as (45)).
fn tells_an_age(line: &str) -> bool {
    let bytes = line.as_bytes();
    let digit = |i: usize| bytes.get(i).is_some_and(u8::is_ascii_digit);
    line.match_indices('歳').any(|(i, _)| i > 0 && digit(i - 1))
        || line
            .match_indices('(')
            .any(|(i, _)| digit(i + 1) && digit(i + 2) && bytes.get(i + 3) == Some(&b')'))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::document::{Document, Format};
    use crate::engine::run_rule;
    use crate::finding::Finding;
    use crate::lang::ja::Morphology;
    use crate::rules::Rule;
    use crate::rules::testing::{assert_hits, hits, rule_errors_from_yaml, rule_from_yaml};

    fn builtin() -> Rule {
        crate::rules::testing::builtin_rule("ja-news/unsupported-headline")
    }

    fn rule(extra: &str) -> Rule {
        rule_from_yaml(&format!(
            "kind: headline-support\nmessage: \"{{place}}:{{units}}\"\n{extra}"
        ))
    }

    fn run_file(rule: &Rule, path: &Path) -> (String, Vec<Finding>) {
        crate::rules::testing::findings_in_file(rule, path)
    }

    /// The matched texts of a rule on `text` read as Markdown.
    fn markdown_hits(rule: &Rule, text: &str) -> Vec<String> {
        crate::rules::testing::findings_for_format(rule, text, Format::Markdown, &Morphology::new())
            .iter()
            .map(|f| text[f.span.range()].to_string())
            .collect()
    }

    /// Matched text, and each related span's text and label.
    fn describe<'s>(text: &'s str, f: &Finding) -> (&'s str, Vec<(&'s str, String)>) {
        (
            &text[f.span.range()],
            f.related
                .iter()
                .map(|r| (&text[r.span.range()], r.message.clone()))
                .collect(),
        )
    }

    /// The line pre-check of the default regexes agrees with the regexes.
    #[test]
    fn default_line_regexes_agree_with_the_regexes() {
        let spec = Spec::default();
        crate::algo::line_regex::tests::assert_agrees_on_sample_lines(
            &[spec.summary_headings, spec.boilerplate, spec.source_lines].concat(),
        );
    }

    #[test]
    fn reports_unsupported_units_once_per_headline() {
        let r = rule("");
        let text = "A社がB社を買収!\n\nA社は新製品を発表した。B社の業績も好調だった。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert_eq!(describe(text, &found[0]), ("買収", vec![]));
        assert_eq!(found[0].message, "タイトル:「買収」");

        let text = "トランプ大統領が石破茂総理のアジア版NATO提案を拒否!\n\n\
            トランプ氏は大統領に返り咲いた。石破茂首相はアジアの安全保障を語った。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            describe(text, &found[0]),
            (
                "総理",
                vec![
                    ("アジア版NATO", "本文に記述がない".to_string()),
                    ("提案", "本文に記述がない".to_string()),
                    ("拒否", "本文に記述がない".to_string()),
                    (
                        "トランプ氏は大統領に返り咲いた。",
                        "本文で最も近い記述（「トランプ」「大統領」を含む）".to_string()
                    ),
                ]
            )
        );
        assert_eq!(
            found[0].message,
            "タイトル:「総理」「アジア版NATO」「提案」「拒否」"
        );
    }

    #[test]
    fn supported_headlines_are_silent() {
        let r = rule("synonyms: [[総理, 首相], [拒否, 一蹴, 退ける]]\n");
        // Base forms (破り ← 破って), synonyms (総理 ← 首相, 拒否 ← 退けた), substrings of
        // longer words (大統領 in 前大統領), and name + title split apart.
        assert_hits(
            &r,
            "トランプ大統領が石破茂総理の提案を拒否、現職を破り初優勝\n\n\
             トランプ前大統領は石破茂首相の提案を退けた。新人が現職を破って初優勝した。\n",
            &[],
        );
        // NFKC and ASCII case: ＮＡＴＯ in the title, nato in the body.
        assert_hits(&r, "ＮＡＴＯが会合\n\nnatoの会合が開かれた。\n", &[]);
    }

    #[test]
    fn compounds_must_appear_whole_unless_parts_are_allowed() {
        let text = "アジア版NATOを構想\n\nアジアの安全保障とNATOの役割を構想した。\n";
        assert_hits(&rule(""), text, &["アジア版NATO"]);
        assert_hits(&rule("compound_parts: true\n"), text, &[]);
        // Free nouns side by side are separate units: 甲子園 and 決勝 each appear.
        assert_hits(
            &rule(""),
            "夏の甲子園決勝\n\n阪神甲子園球場で決勝があった。夏の大会だ。\n",
            &[],
        );
    }

    #[test]
    fn a_chain_written_apart_in_one_sentence_is_supported() {
        let r = rule("synonyms: [[W杯, ワールドカップ]]\n");
        // 歴史的円安 / 歴史的な円安; W杯アジア / 「…ワールドカップ」のアジア (a piece's synonym).
        assert_hits(
            &r,
            "歴史的円安が進む\n\n外国為替市場で歴史的な円安が進んだ。\n",
            &[],
        );
        assert_hits(
            &r,
            "W杯アジア予選で首位\n\n「FIFAワールドカップ」のアジア予選で首位に立った。\n",
            &[],
        );
        // A piece with a prefix of when a post was held (元北浦市 of 元北浦市職員) is told by
        // the place: the post's time is the conflict kinds' to check.
        let staff = |body: &str| format!("元北浦市職員に懲役4年\n\n{body}\n");
        assert_hits(
            &r,
            &staff("北浦市の公金を着服した元職員に懲役4年の判決。市職員の不祥事が続く。"),
            &[],
        );
        assert_hits(
            &r,
            &staff("南浦市の公金を着服した元職員に懲役4年の判決。市職員の不祥事が続く。"),
            &["元北浦市職員"],
        );
        // In one sentence, in order: 山辺県の…予算案 supports 山辺県予算案.
        assert_hits(
            &r,
            "山辺県予算案を発表\n\n山辺県の知事は14日、当初予算案を発表した。\n",
            &[],
        );
        assert_hits(
            &r,
            "歴史的円安が進む\n\n歴史的な高値だった。円安が進んだ。\n",
            &["歴史的円安"],
        );
        assert_hits(
            &r,
            "W杯アジア予選で首位\n\nアジアのワールドカップ予選で首位に立った。\n",
            &["W杯アジア"],
        );
        // A name with a suffix that makes a kind of thing of it (若冲展): the name and the
        // kind in one sentence (…若冲の作品を紹介する特別展).
        let show = |body: &str| format!("若冲展が開幕\n\n{body}\n");
        assert_hits(&r, &show("伊藤若冲の作品を紹介する特別展が開幕した。"), &[]);
        assert_hits(
            &r,
            &show("特別展が開幕した。伊藤若冲の作品もある。"),
            &["若冲展"],
        );
        // Not a person's suffix (田中氏) or a place's (東京都): the name alone.
        let morphology = Morphology::new();
        for text in ["田中氏", "東京都"] {
            let a = Analysis::new(&morphology, text);
            assert_eq!(a.tokens.len(), 2, "{text}");
            assert!(name_and_kind(&a, 0..2).is_empty(), "{text}");
        }
        let a = Analysis::new(&morphology, "若冲展");
        assert_eq!(name_and_kind(&a, 0..2), [["若冲"], ["展"]]);
    }

    #[test]
    fn durations_and_differences_the_body_implies_are_supported() {
        let r = rule("");
        // 4時27分 → 7時30分 is about 3 hours; 半 and 余り are read.
        let quake = "気象庁は午前4時27分に津波注意報を発表し、午前7時30分に解除した。\n";
        assert_hits(&r, &format!("注意報は約3時間後に解除\n\n{quake}"), &[]);
        assert_hits(&r, &format!("注意報は3時間余りで解除\n\n{quake}"), &[]);
        assert_hits(&r, &format!("注意報は5時間後に解除\n\n{quake}"), &["5時間"]);
        assert_hits(
            &r,
            "雨が7時間半降った\n\n雨は午前1時に降り始め、午前8時半まで降った。\n",
            &[],
        );
        assert_hits(
            &r,
            "雨が9時間半降った\n\n雨は午前1時に降り始め、午前8時半まで降った。\n",
            &["9時間半"],
        );
        // Hours over the body's minutes: 148分 is about 2時間半, not 3時間.
        let film = |title: &str| format!("上映{title}\n\n上映時間は148分と長めだ。\n");
        assert_hits(&r, &film("約2時間半"), &[]);
        assert_hits(&r, &film("2時間半"), &[]);
        assert_hits(&r, &film("3時間"), &["3時間"]);
        // 勝ち点74 and 67 differ by 7; 6差 is not supported, and 7 alone (no 差) is not.
        let table = "首位は勝ち点を74に伸ばし、2位は勝ち点67のままだ。\n";
        assert_hits(&r, &format!("首位に勝ち点7差\n\n{table}"), &[]);
        assert_hits(&r, &format!("首位に勝ち点6差\n\n{table}"), &["6差"]);
        assert_hits(&r, &format!("首位が7連勝\n\n{table}"), &["7"]);
        // Other words of a difference: 可決に5人届かず from 23人 and 18人.
        let vote =
            "不信任案の可決には23人以上の賛成が必要だったが、賛成は18人で届かず、否決された。\n";
        assert_hits(&r, &format!("不信任案否決、可決に5人届かず\n\n{vote}"), &[]);
        assert_hits(
            &r,
            &format!("不信任案否決、可決に4人届かず\n\n{vote}"),
            &["4人"],
        );
        // A change told with an intransitive verb or a shortfall: 19,800円 and 17,600円
        // differ by 2,200円; 1億1,000万円 and 8,500万円 by 2,500万円.
        let prices = "価格が上がった。新モデルは19,800円、旧モデルは17,600円だった。\n";
        assert_hits(&r, &format!("価格が2,200円上がった\n\n{prices}"), &[]);
        assert_hits(
            &r,
            &format!("価格が2,400円上がった\n\n{prices}"),
            &["2,400円"],
        );
        // A team's goals are a side of the match score (2―1); another count is not, nor is a
        // difference (2点差) merely equal to one side.
        let game = "FC湊はホームで北都と対戦し、2―1で逆転勝ちした。\n";
        assert_hits(&r, &format!("FC湊、2発で逆転勝ち\n\n{game}"), &[]);
        assert_hits(&r, &format!("FC湊、3発で逆転勝ち\n\n{game}"), &["3発"]);
        assert_hits(&r, &format!("FC湊、2点差で逆転勝ち\n\n{game}"), &["2点差"]);
        let fund = "積立金が不足した。工事費は1億1,000万円、積立金は8,500万円だった。\n";
        assert_hits(&r, &format!("積立金が2,500万円不足\n\n{fund}"), &[]);
    }

    #[test]
    fn a_heading_number_its_section_counts_is_derived() {
        let r = rule("");
        // 全4基 over 1基目 … 残る3基; 12回 over 7回・2回・3回.
        assert_hits(
            &r,
            "衛星の打ち上げ\n\n衛星を打ち上げた。\n\n## 全4基を分離\n\n1基目を分離し、残る3基も切り離した。\n",
            &[],
        );
        // A unit the section never counts in is still a claim, and so is a title's number.
        assert_hits(
            &r,
            "衛星の打ち上げ\n\n衛星を打ち上げた。\n\n## 全4基を分離\n\n衛星を順に切り離した。\n",
            &["全4基"],
        );
        assert_hits(
            &r,
            "全4基を分離\n\n1基目を分離し、残る3基も切り離した。\n",
            &["全4基"],
        );
        // チェックポイント2: a label ending with an enumerator word; 1位 opening a ranking's
        // heading.
        assert_hits(
            &r,
            "内見のコツ\n\n内見のコツを紹介する。\n\n## チェックポイント2:電波\n\n電波を確かめる。\n",
            &[],
        );
        assert_hits(
            &r,
            "週末の興行\n\n週末の興行を振り返る。\n\n## 1位『星屑』\n\n『星屑』が首位だった。\n",
            &[],
        );
        // ■1軒目: a heading opening with an ordinal numbers its section.
        assert_hits(
            &r,
            "朝市の海鮮丼\n\n朝市の海鮮丼を食べた。\n\n## 1軒目:丼屋うしお\n\n丼屋うしおの海鮮丼は2200円。\n",
            &[],
        );
    }

    #[test]
    fn a_headline_word_the_body_contradicts_is_reported_even_alone() {
        let r = rule("weak_units: majority\nopposites: [[実刑, 執行猶予]]\n");
        let text = "元職員に実刑判決\n\n地裁は元職員に懲役3年、執行猶予5年の判決を言い渡した。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert_eq!(
            describe(text, &found[0]),
            (
                "実刑",
                vec![("執行猶予", "本文では反対の「執行猶予」".to_string())]
            )
        );
        // Without the opposite in the body, one reworded word stays unreported.
        assert_hits(
            &r,
            "元職員に実刑判決\n\n地裁は元職員に懲役3年の判決を言い渡した。\n",
            &[],
        );
        // Both in the body: the headline is supported.
        assert_hits(
            &r,
            "元職員に実刑判決\n\n執行猶予は付かず、地裁は元職員に懲役3年の実刑判決を言い渡した。\n",
            &[],
        );
        // What one side asked for is no outcome: 執行猶予付きの判決を求めていた does not
        // contradict it; told as the outcome elsewhere, it still does.
        let asked = "弁護側は執行猶予付きの判決を求めていた。";
        assert_hits(
            &r,
            &format!("元職員に実刑判決\n\n地裁は元職員に懲役3年の判決を言い渡した。{asked}\n"),
            &[],
        );
        assert_hits(
            &r,
            &format!(
                "元職員に実刑判決\n\n地裁は元職員に懲役3年、執行猶予5年の判決を言い渡した。{asked}\n"
            ),
            &["実刑"],
        );
        // The body's opposite shown is the one told as the outcome, not one asked for
        // before it.
        let text = format!(
            "元職員に実刑判決\n\n{asked}地裁は元職員に懲役3年、執行猶予5年の判決を言い渡した。\n"
        );
        let found = hits(&r, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        let shown = found[0].related[0].span;
        assert_eq!(&text[shown.range()], "執行猶予");
        assert!(shown.start > text.find(asked).unwrap_or(0) + asked.len());
        // The opposite denied by its own predicate supports the headline.
        assert_hits(
            &r,
            "元職員に実刑判決\n\n地裁は元職員に懲役3年の判決を言い渡し、執行猶予を付けなかった。\n",
            &[],
        );
        assert_hits(
            &r,
            "元職員に実刑判決\n\n地裁は元職員に懲役3年の判決を言い渡し、執行猶予を付けた。\n",
            &["実刑"],
        );
    }

    #[test]
    fn an_opposite_told_of_another_time_does_not_contradict() {
        let r =
            rule("weak_units: majority\nopposites: [[成功, 失敗], [可決, 否決], [増加, 減少]]\n");
        let launch = |body: &str| format!("ロケット2号機、打ち上げ成功\n\n{body}\n");
        // An earlier attempt's outcome, told under a topic of another time.
        for earlier in [
            "昨年の1号機は打ち上げに失敗した。",
            "前回は打ち上げに失敗した。",
            "過去2回は打ち上げに失敗していた。",
        ] {
            assert_hits(
                &r,
                &launch(&format!(
                    "ロケット2号機を打ち上げ、衛星を軌道に投入した。{earlier}"
                )),
                &[],
            );
        }
        assert_hits(
            &r,
            &launch("ロケット2号機を打ち上げたが、打ち上げは失敗に終わった。"),
            &["成功"],
        );
        // A time inside a compound or a comparison base is no topic of another time.
        assert_hits(
            &r,
            "北浜市議会、予算案を否決\n\n北浜市議会は当初予算案を賛成多数で可決した。\n",
            &["否決"],
        );
        assert_hits(
            &r,
            "共通テストの志願者数が増加\n\n共通テストの志願者数は前年の同じ時期と比べて減少した。\n",
            &["増加"],
        );
    }

    #[test]
    fn an_enclosed_number_opening_a_heading_is_its_enumerator() {
        let text = "# 図書館の使い方\n\n図書館の使い方を紹介する。\n\n## ①会場へのアクセス\n\n駅から歩いて5分ほど。\n\n## ⑵利用の流れ\n\n受付で登録する。\n";
        let r = rule("");
        assert_eq!(markdown_hits(&r, text), Vec::<String>::new());
        // A plain digit glued to a word is still a claim.
        let text = "# 図書館の使い方\n\n図書館の使い方を紹介する。\n\n## 1会場へのアクセス\n\n駅から歩いて5分ほど。\n";
        assert_eq!(markdown_hits(&r, text).len(), 1);
    }

    #[test]
    fn what_the_article_itself_enumerates_and_annotates_is_no_claim() {
        let r = rule("");
        let run = |text: &str| markdown_hits(&r, text);
        let sections = "## 1. 買い物\n\n買い物は週2回。\n\n## 2. 献立\n\n献立は3日分。\n\n\
            ## 3. 在庫\n\n在庫を書く。\n\n## まとめ\n\n食費を減らす習慣を紹介した。\n";
        // Three numbered sections (まとめ left out) are the title's 3つ; 4つ they are not.
        assert!(run(&format!("# 食費を減らす3つの習慣\n\n{sections}")).is_empty());
        assert_eq!(
            run(&format!("# 食費を減らす4つの習慣\n\n{sections}")),
            ["4つ"]
        );
        // A list of three is a ベスト3.
        let list = "冬キャンプの道具を紹介する。\n\n- 寝袋\n- 湯たんぽ\n- 手袋\n";
        assert_eq!(
            run(&format!("# 冬キャンプ道具ベスト3\n\n{list}")),
            Vec::<String>::new()
        );
        // A heading supports the title: 習慣 and 見直し are told by a heading, not the body.
        assert!(
            run("# 肩こり対策と習慣の見直し\n\n肩こり対策を紹介する。\n\n## 習慣の見直し\n\n姿勢に気をつける。\n")
                .is_empty()
        );
        // 第32回 is 32回目; a tag at the title's start frames it; a bracketed number
        // annotates a heading.
        assert!(
            run("# 【開催告知】第32回みなみ川まつり\n\nみなみ川まつりは今年で32回目。\n\n### ブレンド(550円)\n\nブレンドは深煎り。\n\n## 材料（2〜3人分）\n\n鶏肉を使う。\n")
                .is_empty()
        );
        assert_eq!(
            run("# 第33回みなみ川まつり\n\nみなみ川まつりは今年で32回目。\n"),
            ["第33回"]
        );
    }

    #[test]
    fn a_rankings_top_is_framing_like_best() {
        let r = rule("");
        let list = "- 森のひろば\n- 川のキャンプ場\n- 星の丘\n";
        assert_hits(
            &r,
            &format!(
                "# 子連れキャンプ場ランキングTOP3\n\n子連れキャンプ場のランキングです。\n\n{list}"
            ),
            &[],
        );
    }

    #[test]
    fn a_heading_that_only_names_its_subject_claims_nothing() {
        let r = rule("");
        let body = "# 喫茶店めぐり\n\n喫茶店をめぐった。\n\n";
        let run = |heading: &str| {
            markdown_hits(
                &r,
                &format!("{body}{heading}\n\n生地がふわふわで、甘さは控えめ。\n"),
            )
        };
        assert!(run("### 厚焼きホットケーキ(880円)").is_empty());
        assert!(run("### 港中央マルシェ").is_empty());
        // A particle, an action or a number makes a claim.
        assert_eq!(run("### 九州への影響"), ["九州"]);
        assert_eq!(run("### 3人死亡"), ["3人"]);
    }

    #[test]
    fn a_number_written_onto_latin_letters_is_a_code() {
        let r = rule("");
        // J2青嵐FC: the club 青嵐FC of the league J2, not 2 of something called 青嵐.
        assert_hits(
            &r,
            "J2青嵐FCが首位\n\n明治安田J2リーグで、青嵐FCが首位に立った。\n",
            &[],
        );
        // Its number is still a claim: J3 is not J2.
        assert_hits(
            &r,
            "J3青嵐FCが首位\n\n明治安田J2リーグで、青嵐FCが首位に立った。\n",
            &["3"],
        );
    }

    #[test]
    fn a_listicle_count_is_held_to_the_items_and_a_numbered_summary_is_no_item() {
        let r = rule("");
        let sections = |n: usize, last: &str| {
            let mut t = String::new();
            for k in 1..=n {
                t.push_str(&format!(
                    "## {k}. 方法その{k}\n\n電気代の節約方法を紹介する。\n\n"
                ));
            }
            t.push_str(&format!(
                "## {}. {last}\n\n電気代の節約方法を紹介した。\n",
                n + 1
            ));
            t
        };
        // Four sections and a numbered まとめ are four ways: 5つ is not told.
        let text = format!("# 電気代の節約方法5つ\n\n{}", sections(4, "まとめ"));
        assert_hits(&r, &text, &["5つ"]);
        let text = format!("# 電気代の節約方法5つ\n\n{}", sections(4, "最後の方法"));
        assert_hits(&r, &text, &[]);
        // スポット5選 promises five; 「現職が3選」 is a number of terms won.
        let text = format!("# 電気代の節約方法5選\n\n{}", sections(4, "まとめ"));
        assert_hits(&r, &text, &["5選"]);
        let text = format!("# 電気代の節約方法5選\n\n{}", sections(4, "最後の方法"));
        assert_hits(&r, &text, &[]);
        assert_hits(
            &r,
            "北浜市長選、現職の佐藤氏が3選\n\n北浜市長選は現職の佐藤氏が当選した。\n",
            &[],
        );
        // コツ1：… numbers its sections as 1. does.
        let mut labelled = String::from("# 爪切りのコツ4選\n\n");
        for k in 1..=4 {
            labelled.push_str(&format!("## コツ{k}：準備\n\n爪切りのコツを紹介する。\n\n"));
        }
        labelled.push_str("## どうしても難しいときは\n\n爪切りのコツを紹介した。\n");
        assert_hits(&r, &labelled, &[]);
        // 4つ (an item counter the quantity reader knows) over コツ1 … コツ4 and another
        // heading after them: the numbered run counts the items.
        let counted = |n: usize| {
            let mut t = String::from("# 爪切りのコツ4つ\n\n");
            for k in 1..=n {
                t.push_str(&format!("## コツ{k}：準備\n\n爪切りのコツを紹介する。\n\n"));
            }
            t.push_str("## どうしても難しいときは\n\n爪切りのコツを紹介した。\n\n");
            t.push_str("## 道具の選び方\n\n爪切りのコツを紹介した。\n");
            t
        };
        assert_hits(&r, &counted(4), &[]);
        assert_hits(&r, &counted(3), &["4つ"]);
    }

    #[test]
    fn a_score_is_one_claim_however_the_body_writes_it() {
        let r = rule("");
        // 3-1 is found whole or not at all: a 3 and a 1 elsewhere do not support it.
        assert_hits(
            &r,
            "清嶺高が3-1で勝利\n\n清嶺高は東陵高を2-1で破り、3年ぶりに勝利した。\n",
            &["3-1"],
        );
        for body in [
            "3-1で破り",
            "3対1で破り",
            "3マップ対1マップで破り",
            "3―1で破り",
        ] {
            assert_hits(
                &r,
                &format!("清嶺高が3-1で勝利\n\n清嶺高は東陵高を{body}、勝利した。\n"),
                &[],
            );
        }
        // A range of counted values (4-6月期) is still its numbers, which 4〜6月期 writes.
        assert_hits(&r, "4-6月期決算\n\n同社の4〜6月期決算を見る。\n", &[]);
    }

    #[test]
    fn numbers_match_whole_numbers_with_their_counter() {
        let r = rule("");
        assert_hits(&r, "2人が当選\n\n12人が当選した。\n", &["2人"]);
        assert_hits(&r, "2人が当選\n\n候補者のうち2人が当選した。\n", &[]);
        assert_hits(&r, "金利を1%に\n\n金利を0.1%にする。\n", &["1%"]);
        assert_hits(&r, "金利を1%に\n\n金利を1%程度にする。\n", &[]);
        // The body may be more precise than the title, not the reverse.
        assert_hits(
            &r,
            "投票率5ポイント上昇\n\n投票率は5.32ポイント上昇した。\n",
            &[],
        );
        assert_hits(
            &r,
            "投票率5.32ポイント上昇\n\n投票率は5ポイント上昇した。\n",
            &["5.32ポイント"],
        );
        assert_hits(
            &r,
            "約3万9800円で発売\n\n価格は3万9800円で発売する。\n",
            &[],
        );
        assert_hits(&r, "128,904人が投票\n\n128人が投票した。\n", &["128,904人"]);
        // A number after an abbreviation's point (Ver.1.5, H.264) is a number of its own.
        assert_hits(&r, "新版Ver.1.5が配信\n\n新版Ver.1.5が配信された。\n", &[]);
        assert_hits(
            &r,
            "新型はH.264に対応\n\n新型はH.264の動画に対応する。\n",
            &[],
        );
        assert_hits(
            &r,
            "新版Ver.1.5が配信\n\n新版Ver.2.5が配信された。\n",
            &["1.5"],
        );
        // 高 (up) after the counter may be said otherwise in the body.
        assert_hits(&r, "株価が一時500円高\n\n株価は一時500円上昇した。\n", &[]);
        assert_hits(
            &r,
            "株価が一時500円高\n\n株価は一時50円上昇した。\n",
            &["500円高"],
        );
    }

    #[test]
    fn weak_units_are_reported_by_evidence() {
        // 乱れ is reworded in the body; 九州 (a name) is not there at all.
        let reworded = "大雪で交通に乱れ\n\n大雪の影響で、交通機関の運休が相次いだ。\n";
        let unnamed = "大雪で九州の交通に乱れ\n\n大雪の影響で、交通の運休が相次いだ。\n";
        let majority = rule("weak_units: majority\nseverity: error\n");
        assert_hits(&majority, reworded, &[]);
        assert_hits(&majority, unnamed, &["九州"]);
        // Most of the headline missing: reported, one level lower.
        let off = "知事が災害派遣を要請\n\n大雨で川が増水した。\n";
        let found = hits(&majority, off);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::finding::Severity::Warning);
        // `weak_severity: info`: reworded words are a note; a name missing stays an error.
        let noted = rule("weak_units: majority\nweak_severity: info\nseverity: error\n");
        let found = hits(&noted, off);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::finding::Severity::Info);
        assert_eq!(hits(&noted, unnamed)[0].severity, Severity::Error);
        // It only lowers: a weak place is never above one level below the rule's.
        let high = rule("weak_units: majority\nweak_severity: error\nseverity: error\n");
        assert_eq!(hits(&high, off)[0].severity, Severity::Warning);
        let lower = rule("weak_units: lower\nseverity: error\n");
        let found = hits(&lower, reworded);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::finding::Severity::Warning);
        // A strong unit keeps the rule's severity.
        let found = hits(&lower, unnamed);
        assert_eq!(found[0].severity, crate::finding::Severity::Error);
        assert_hits(&rule(""), reworded, &["乱れ"]);
        // An event of a life or a company (`event-claims`: 結婚) is a claim however few units
        // are missing; a verb a headline rewords (発表) is not.
        let wedding = |body: &str| {
            format!("俳優の桜井蓮、初の時代劇で主演　共演の水野彩花と結婚を発表\n\n{body}\n")
        };
        let told =
            "俳優の桜井蓮は初の時代劇で主演する。共演は水野彩花。製作発表会見で明らかにした。";
        assert_hits(&majority, &wedding(told), &["結婚"]);
        assert_hits(&majority, &wedding(&format!("{told}二人は結婚する。")), &[]);
        // So is the outcome of a vote (可決): a body that tells the vote tells how it went.
        let vote = |body: &str| format!("市議会、給食費無償化の条例案を可決\n\n{body}\n");
        let pending = "市は給食費を無償化する条例案を市議会に提出した。\
                       条例案は委員会の審査を経て、3月の本会議で採決される見通しだ。";
        assert_hits(&majority, &vote(pending), &["可決"]);
        let passed = "市議会は給食費を無償化する条例案を賛成多数で可決した。";
        assert_hits(&majority, &vote(passed), &[]);
        // A bill passed (可決) has become law (成立): the pack's synonyms say so.
        let enacted = "自転車条例が成立\n\n市議会は自転車条例の案を全会一致で可決した。\n";
        assert_hits(&majority, enacted, &["成立"]);
        assert_hits(&builtin(), enacted, &[]);
    }

    #[test]
    fn section_numbers_framing_and_section_dates_are_not_claims() {
        let r = rule("");
        for text in [
            "散歩の効果\n\n## 1. 今後の見通し\n\n散歩の効果と見通し。\n",
            "散歩の効果\n\n## 第2章 見通し\n\n散歩の効果と見通し。\n",
            "散歩の効果\n\n## ポイント2：見通し\n\n散歩の効果と見通し。\n",
            "散歩の効果\n\n## (3) 見通し\n\n散歩の効果と見通し。\n",
            "散歩の効果3選、2025年版\n\n散歩の効果を紹介する。\n",
            "散歩の効果\n\n## 7月10日\n\n散歩の効果を紹介する。\n",
        ] {
            assert_hits(&r, text, &[]);
        }
        // A number inside a heading's text is a claim.
        assert_hits(
            &r,
            "散歩の効果\n\n## 参加者は300人\n\n散歩の効果を紹介する。\n",
            &["300人"],
        );
    }

    #[test]
    fn a_number_with_a_counter_the_reader_does_not_know_is_compared_by_its_noun() {
        let r = rule("");
        // 全8室 / 8室, 8千歩 / 8,000歩: the noun after the number is the unit.
        assert_hits(&r, "全8室の宿\n\n客室はわずか8室で、静かな宿だ。\n", &[]);
        assert_hits(
            &r,
            "全9室の宿\n\n客室はわずか8室で、静かな宿だ。\n",
            &["全9室"],
        );
        assert_hits(
            &r,
            "1日8千歩で効果\n\n1日8,000歩以上の人に効果があった。\n",
            &[],
        );
        // 8 other things are not 8 rooms.
        assert_hits(
            &r,
            "全8室の宿\n\n客室は6室の宿で、8人まで泊まれる。\n",
            &["全8室"],
        );
    }

    #[test]
    fn a_total_of_values_one_sentence_lists_is_supported() {
        let r = rule("");
        let body = "休校は3施設、学年閉鎖は19施設、学級閉鎖は62施設に上った。\n";
        assert_hits(&r, &format!("休校など84施設\n\n{body}"), &[]);
        assert_hits(&r, &format!("休校など85施設\n\n{body}"), &["85"]);
        // Values in different sentences are not one breakdown.
        assert_hits(
            &r,
            "休校など84施設\n\n休校は22施設だった。学級閉鎖は62施設に上った。\n",
            &["84"],
        );
        // ...unless the later one is added to the earlier (さらに, 加えて).
        let live = |encore: &str| {
            format!(
                "武道館公演で全24曲\n\n武道館公演は本編21曲で締めくくられた。{encore}3曲を演奏した。\n"
            )
        };
        assert_hits(&r, &live("アンコールでさらに"), &[]);
        assert_hits(&r, &live("アンコールでも"), &["全24曲"]);
    }

    #[test]
    fn a_ratio_or_change_two_values_make_is_supported() {
        let r = rule("");
        // 412 / 356 is 15.7% more: 1割以上 and 16%増, not 3割以上.
        let body = "搬送された人は412人で、昨年の356人から56人増えた。\n";
        assert_hits(&r, &format!("搬送は昨年より1割以上増えた\n\n{body}"), &[]);
        assert_hits(&r, &format!("搬送16%増\n\n{body}"), &[]);
        assert_hits(
            &r,
            &format!("搬送は昨年より3割以上増えた\n\n{body}"),
            &["3割"],
        );
        // A comparative after the percent is a change too: 5.9 to 5.0 grams is 15% lighter.
        let body = "片耳の重さを5.9グラムから5.0グラムに減らした。\n";
        assert_hits(
            &r,
            &format!("新イヤホン、約15%軽量\n\n新イヤホンを軽量化した。{body}"),
            &[],
        );
        assert_hits(
            &r,
            &format!("新イヤホン、約30%軽量\n\n新イヤホンを軽量化した。{body}"),
            &["30%"],
        );
        // 32.4 in the headline over 18.65 in the body is 1.7倍, not 1.9倍.
        let body = "患者数は32.40人と、前週を上回った。\n\n前週は18.65人だった。\n";
        assert_hits(&r, &format!("患者数32.4人 前週の1.7倍に\n\n{body}"), &[]);
        assert_hits(
            &r,
            &format!("患者数32.4人 前週の1.9倍に\n\n{body}"),
            &["1.9倍"],
        );
    }

    /// Asserts one finding on `text`, at `unit`, that shows the body's `value` of it.
    fn assert_other_value(r: &Rule, text: &str, unit: &str, value: &str) {
        let found = hits(r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(&text[found[0].span.range()], unit);
        let shown = format!("本文では「{value}」");
        assert!(
            found[0].related.iter().any(|x| x.message == shown),
            "{found:?}"
        );
    }

    #[test]
    fn a_value_counting_what_it_is_written_onto_is_the_counterpart() {
        // 約3万8000件の会員情報: the body's value of 会員情報 stands before it.
        let text = "通販サイトで会員情報12万件が流出\n\n通販サイトで不正アクセスがあった。\n\n流出した可能性があるのは、最大で約3万8000件の会員情報です。\n";
        let found = hits(&rule(""), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(text, &found[0]),
            (
                "12万件",
                vec![("約3万8000件", "本文では「約3万8000件」".to_string())]
            )
        );
    }

    #[test]
    fn a_place_before_a_number_is_where_not_what_it_counts() {
        let r = rule("weak_units: majority\n");
        // 輪島市で1人が死亡: the town is where; the injured of that town are no other count of
        // the dead.
        assert_hits(
            &r,
            "輪島市で1人が死亡\n\n輪島市で男性が死亡した。輪島市と珠洲市で計14人がけがをした。\n",
            &[],
        );
        // What a number counts, told before it, still finds the other value.
        let text = "輪島市で死者2人\n\n輪島市で地震があった。死者は3人にのぼった。\n";
        assert_other_value(&r, text, "2人", "3人");
        // A rate's span before に is what is measured, not a place.
        let text =
            "流星群、1時間に100個\n\n流星群が見頃を迎える。流れ星は1時間に最大50個程度の見込み。\n";
        assert_other_value(&r, text, "100個", "最大50個程度");
    }

    #[test]
    fn the_body_sentence_nearest_to_an_unanswered_claim_is_shown() {
        // Nothing in the body gives 24時間 another value: the sentence that tells most of the
        // claim's own phrase (小児, 救急, 体制), not the lead that shares more of the rest.
        let text = "青葉市民病院に新救急棟が完成　小児救急を24時間体制に\n\n青葉市民病院の新救急棟が完成し、竣工式が行われた。\n\n小児救急の受け付けは当面、平日の午後6時から10時までとする体制だ。\n";
        let found = hits(&rule(""), text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(text, &found[0]),
            (
                "24時間",
                vec![(
                    "小児救急の受け付けは当面、平日の午後6時から10時までとする体制だ。",
                    "本文で最も近い記述（「小児」「救急」「体制」を含む）".to_string()
                )]
            )
        );
        // A heading is answered by its section or not at all: no nearest sentence.
        let heading = "# 新救急棟が完成\n\n青葉市民病院の新救急棟が完成した。\n\n## 小児救急を24時間体制に\n\n小児救急の体制を整える。\n";
        let found = hits(&rule("heading_units: all\n"), heading);
        assert!(
            found
                .iter()
                .all(|f| f.related.iter().all(|r| !r.message.contains("最も近い"))),
            "{found:?}"
        );
    }

    #[test]
    fn a_date_is_one_unit_met_by_its_events_other_date_or_told_as_the_day_alone() {
        let r = rule("weak_units: majority\n");
        // 5月20日 is one unit: the body's other date of the release contradicts it.
        let text = "新型掃除機「クリンボX3」が5月20日発売\n\n新型掃除機「クリンボX3」を発売する。発売日は6月10日。\n";
        assert_other_value(&r, text, "5月20日", "6月10日");
        // The day alone is the day of the current month (北浜電鉄は22日): told, even beside
        // the date first planned.
        assert_hits(
            &r,
            "北浜線、3月22日にダイヤ改正を実施\n\n北浜電鉄は22日、北浜線のダイヤ改正を実施した。当初は3月15日の実施を予定していた。\n",
            &[],
        );
    }

    #[test]
    fn a_count_of_one_is_weak_unless_the_body_gives_another() {
        let r = rule("weak_units: majority\n");
        // The body grows the tomatoes in a planter, and never writes 1つ.
        assert_hits(
            &r,
            "プランター1つでミニトマトを育てる方法\n\nベランダのプランターでミニトマトを育てる方法を紹介します。苗は5月に植えます。\n",
            &[],
        );
        // One each (1人1台) is a count of one too.
        assert_hits(
            &r,
            "北浜市の小中学校、1人1台のタブレット端末を更新\n\n北浜市の小中学校は、児童生徒が使うタブレット端末を更新する。\n",
            &[],
        );
        // Another count in the body contradicts it; a count of more than one is a number.
        let text = "北浜市で住宅火災、1人けが\n\n北浜市で住宅火災があった。住人2人がけがをした。\n";
        assert_other_value(&r, text, "1人", "2人");
        assert_hits(
            &r,
            "プランター2つでミニトマトを育てる方法\n\nベランダのプランターでミニトマトを育てる方法を紹介します。苗は5月に植えます。\n",
            &["2つ"],
        );
        // One of a measure is no count of a thing.
        assert_hits(
            &r,
            "ミニトマト、1時間で完売\n\nベランダで育てたミニトマトを販売し、完売した。\n",
            &["1時間"],
        );
    }

    #[test]
    fn a_count_of_repetitions_is_weak_unless_the_body_gives_another() {
        assert!(framing::is_repetition_count("3度目"));
        assert!(framing::is_repetition_count("2代目"));
        assert!(framing::is_repetition_count("3連勝"));
        assert!(framing::is_repetition_count("5年連続"));
        assert!(!framing::is_repetition_count("3期"));
        assert!(!framing::is_repetition_count("300人"));
        let r = rule("weak_units: majority\n");
        // The body narrates the two earlier attempts without counting the third.
        assert_hits(
            &r,
            "北斗ロケット、3度目の挑戦で打ち上げ成功\n\n北斗ロケットの打ち上げが成功した。過去2回は失敗していたが、今回の挑戦で成功した。\n",
            &[],
        );
        // The body counts it otherwise: contradicted, reported as before.
        let text = "北斗ロケット、3度目の挑戦で打ち上げ成功\n\n北斗ロケットの打ち上げが成功した。2度目の挑戦での成功となった。\n";
        assert_other_value(&r, text, "3度目", "2度目");
        // How often an event happened (2度の延期) sums up the narration as well; a
        // temperature (30度の暑さ) is a measure.
        assert_hits(
            &r,
            "北斗ロケット、2度の延期を乗り越え打ち上げ成功\n\n北斗ロケットの打ち上げが成功した。当初の日程は強風で延期され、次の日程も点検で延期されたが、乗り越えた。\n",
            &[],
        );
        assert_hits(
            &rule(""),
            "北斗ロケット、30度の暑さの中で打ち上げ成功\n\n北斗ロケットの打ち上げが成功した。当日は暑さが厳しかった。\n",
            &["30度"],
        );
        // 一度 (once), an adverb, is no other value of the count: 一度延期され tells the first
        // of the two.
        assert_hits(
            &r,
            "北斗ロケット、2度の延期経て打ち上げ成功\n\n北斗ロケットの打ち上げが成功した。強風で一度延期され、翌週も点検で延期された。\n",
            &[],
        );
        // So does a count of a game's scoring events (`event-counters`: 2発, 3本塁打), which
        // the body tells one by one; a body that counts them otherwise contradicts it.
        let homers =
            |body: &str| format!("ベアーズが3本塁打で快勝\n\nベアーズは打線が{body}、快勝した。\n");
        assert_hits(
            &r,
            &homers("初回に佐藤の本塁打で先制し、五回に田中、七回に鈴木が本塁打を放ち"),
            &[],
        );
        assert_other_value(&r, &homers("2本塁打を放ち"), "3本塁打", "2本");
        // A streak whose 連続 the segmenter writes apart (3カ月 | 連続) is a count of
        // repetitions too: weak alone, contradicted by another count.
        assert!(framing::counts_repetitions(
            "3カ月連続の引き上げ",
            Span::new(0, 7)
        ));
        assert!(!framing::counts_repetitions(
            "3カ月の引き上げ",
            Span::new(0, 7)
        ));
        assert_hits(
            &r,
            "住宅ローン金利、3カ月連続の引き上げ\n\n大手行は住宅ローン金利を引き上げた。4月、5月に続く引き上げとなった。\n",
            &[],
        );
        let text = "住宅ローン金利、3カ月連続の引き上げ\n\n大手行は住宅ローン金利を引き上げた。2カ月連続の引き上げとなった。\n";
        assert_other_value(&r, text, "3カ月", "2カ月");
        // An interval since the last time (3日ぶり) is a count too: told by the body's
        // trading days (3営業日ぶり), and the day of the month (19日) is no other value of it.
        assert!(framing::is_repetition_count("3日ぶり"));
        let rally = |body: &str| {
            format!("日経平均、3日ぶり反発\n\n19日の東京株式市場で、日経平均株価は{body}。\n")
        };
        assert_hits(&r, &rally("3営業日ぶりに反発した"), &[]);
        assert_hits(&r, &rally("反発した"), &[]);
        assert_other_value(
            &r,
            &rally("5営業日ぶりに反発した"),
            "3日ぶり",
            "5営業日ぶり",
        );
    }

    #[test]
    fn the_body_value_of_a_contradicted_headline_number_is_shown() {
        let r = rule("");
        let text = "新ホール完成、客席数は1200席\n\n新ホールが完成した。\n\n市によると、客席数は980席で、県内最大となる。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(text, &found[0]),
            ("1200席", vec![("980席", "本文では「980席」".to_string())])
        );
        // 980 of something else is no counterpart.
        let text =
            "新ホール完成、客席数は1200席\n\n新ホールが完成した。\n\n駐車場は980台分ある。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(text, &found[0]),
            (
                "客席数",
                vec![
                    ("1200席", "本文に記述がない".to_string()),
                    (
                        "新ホールが完成した。",
                        "本文で最も近い記述（「新ホール」「完成」を含む）".to_string()
                    )
                ]
            )
        );
        // Nor is a year of the calendar (2022年) or a time ago (5年前) a number of years (3年).
        let text = "図書館、3年の改修終え再開\n\n図書館は改修工事のため2022年から休館していた。\n\n図書館が再開した。隣町も5年前に改修を終えた。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            !found[0]
                .related
                .iter()
                .any(|r| r.message.contains("2022年") || r.message.contains("5年")),
            "{found:?}"
        );
        // Nor are the minutes of a clock time (5時20分) a number of minutes.
        let text = "新ダイヤ、運転間隔は15分に\n\n新ダイヤが始まる。\n\n運転間隔の見直しで、始発は5時20分になる。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .related
                .iter()
                .all(|x| !x.message.starts_with("本文では")),
            "{found:?}"
        );
    }

    #[test]
    fn a_headline_that_negates_its_word_agrees_with_the_opposite_in_the_body() {
        let r = rule("opposites: [[成功, 失敗]]\nweak_units: majority\n");
        // 失敗しない says what 成功 does: no contradiction, and one reworded word is no finding.
        assert_hits(
            &r,
            "初心者でも失敗しないミニトマト栽培\n\n初心者のミニトマト栽培は水やりが成功のコツです。\n",
            &[],
        );
        // Without the negation, the body's 成功 contradicts the headline's 失敗.
        assert_hits(
            &r,
            "初心者のミニトマト栽培が失敗\n\nミニトマト栽培は初心者でも成功した。\n",
            &["失敗"],
        );
    }

    #[test]
    fn a_forecast_in_the_headline_is_not_contradicted_by_the_result() {
        let r = rule("opposites: [[増益, 減益]]\nweak_units: majority\n");
        let text = |title: &str| {
            format!("{title}\n\n大和フーズは前期、2期ぶりの減益となった。今期は増収を予想する。\n")
        };
        assert_hits(&r, &text("大和フーズ、今期は増益を予想"), &[]);
        assert_hits(&r, &text("大和フーズ、今期は増益"), &["増益"]);
    }

    #[test]
    fn an_opposite_said_of_something_else_does_not_answer_the_headline() {
        let r = rule("opposites: [[縮小, 拡大]]\nweak_units: majority\n");
        let text = |body: &str| {
            format!(
                "県の人口、減少幅は2年連続で縮小\n\n県の人口の減少幅は2年連続で話題だ。{body}\n"
            )
        };
        // 自然減 is not 減少幅: its 拡大 says nothing of the headline's 縮小.
        assert_hits(&r, &text("減少幅は縮まった。自然減は380人拡大した。"), &[]);
        // Said of the same thing (or of nothing named), it contradicts.
        assert_hits(&r, &text("人口の減少幅は拡大した。"), &["縮小"]);
        assert_hits(&r, &text("前年より拡大した。"), &["縮小"]);
        assert_hits(&r, &text("自然減の拡大が続く。"), &[]);
        assert_eq!(
            said_of("県の人口、減少幅は2年連続で縮小", 0, 40, false),
            Some("減少幅")
        );
        assert_eq!(said_of("自然減の拡大", 0, 12, false), Some("自然減"));
        assert!(related_subjects("減少幅", "人口の減少幅"));
        assert!(!related_subjects("減少幅", "自然減"));
    }

    #[test]
    fn an_opposite_verb_is_said_of_its_object() {
        let r = rule("opposites: [[上方修正, 据え置]]\nweak_units: majority\n");
        let text = |body: &str| format!("北浜電機、通期の営業利益予想を上方修正\n\n{body}\n");
        // 売上高を…据え置いた: kept is the 売上高, not the headline's 営業利益予想.
        assert_hits(
            &r,
            &text(
                "北浜電機は通期の売上高を3750億円に据え置いた一方、営業利益予想を250億円に引き上げた。",
            ),
            &[],
        );
        // Kept of the same thing or of nothing named, it contradicts.
        assert_hits(
            &r,
            &text("北浜電機は通期の営業利益予想を240億円に据え置いた。"),
            &["上方修正"],
        );
        assert_hits(
            &r,
            &text("北浜電機は、通期の営業利益予想は据え置いた。"),
            &["上方修正"],
        );
        assert_eq!(
            said_of("売上高を従来の3,750億円に据え置いた", 0, 35, true),
            Some("売上高")
        );
        // Before the を of another verb after an adjunct (議案を賛成多数で可決), the word is
        // said of nothing named.
        assert_eq!(said_of("議案を賛成多数で可決", 0, 9, false), None);
    }

    #[test]
    fn an_achievement_the_body_tells_only_as_missed_is_not_supported() {
        let r = rule("weak_units: majority\n");
        let text = |told: &str| {
            format!(
                "北陵高、4強入り　全国高校サッカー\n\n全国高校サッカーの準々決勝で、北陵高は相模台高に1―2で敗れ、{told}。\n"
            )
        };
        let found = hits(&r, &text("初の4強入りはならなかった"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "タイトル:「4強入り」");
        assert!(
            found[0]
                .related
                .iter()
                .any(|x| x.message.starts_with("本文では"))
        );
        assert_hits(&r, &text("4強入りを逃した"), &["4強入り"]);
        // Told once as achieved, it is supported.
        assert_hits(&r, &text("4強入りを決めた"), &[]);
        // A title that tells it as missed itself agrees with the body.
        for title in [
            "北陵高、4強入りならず",
            "北陵高、4強入り逃す",
            "北陵高、4強入りを逃す",
        ] {
            assert_hits(
                &r,
                &format!(
                    "{title}\n\n全国高校サッカーの準々決勝で、北陵高は相模台高に1―2で敗れ、初の4強入りはならなかった。\n"
                ),
                &[],
            );
        }
        assert_hits(
            &r,
            &text("4強入りはならなかった。昨年は4強入りを果たした"),
            &[],
        );
        // A particle between the goal and the verb, in the title and in the body.
        for title in ["目標の100万人には届かず", "目標の100万人に届かず"] {
            assert_hits(
                &r,
                &format!(
                    "花博が閉幕　{title}\n\n花博が閉幕した。来場者は87万人で、目標としていた100万人には届かなかった。\n"
                ),
                &[],
            );
        }
        assert_hits(
            &r,
            "花博、100万人達成\n\n花博が閉幕した。来場者は目標の100万人には届かず、87万人だった。\n",
            &["100万人"],
        );
    }

    #[test]
    fn a_change_word_is_told_or_contradicted_by_the_body_s_changes_of_its_measure() {
        let r = rule(
            "weak_units: majority\ndirections:\n  - {up: 増益, down: 減益, measures: [利益]}\n  - {up: 増収, down: 減収, measures: [売上高]}\n",
        );
        let body = "東和精機の4～9月期は、売上高が前年同期比11.3%増の2184億円だった。\
                    営業利益は同4.1%減の186億円、純利益は同18.6%減の121億円だった。\n";
        let text = format!("東和精機、4～9月期は増収増益\n\n{body}");
        let found = hits(&r, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(&text, &found[0]),
            (
                "増益",
                vec![(
                    "利益は同4.1%減",
                    "本文では反対の「利益は同4.1%減」".to_string()
                )]
            )
        );
        // The body's changes agree: 増収 and 減益 are told.
        assert_hits(&r, &format!("東和精機、4～9月期は増収減益\n\n{body}"), &[]);
    }

    #[test]
    fn a_listed_term_the_segmenter_cut_is_one_unit() {
        // 全会一致 is read 全会 | 一致; the pair is about the whole.
        let r = rule("opposites: [[全会一致, 賛成多数]]\nweak_units: majority\n");
        let found = hits(
            &r,
            "条例案、全会一致で可決\n\n市議会は19日、条例案を賛成多数で可決した。\n",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "タイトル:「全会一致」");
        assert!(
            found[0]
                .related
                .iter()
                .any(|x| x.message.starts_with("本文では")),
            "{found:?}"
        );
        // Not listed: two units as before, and one reworded word is no finding.
        let unlisted = rule("weak_units: majority\n");
        assert_hits(
            &unlisted,
            "条例案、全会一致で可決\n\n市議会は19日、条例案を賛成多数で可決した。\n",
            &["全会"],
        );
    }

    #[test]
    fn a_katakana_word_the_segmenter_cut_is_one_unit_and_no_name() {
        let r = rule("");
        // ミラー (a surname in IPADIC) | レス: one loanword, looked up whole.
        let text = "ミラーレス一眼を発売\n\n一眼カメラを発売した。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].message, "タイトル:「ミラーレス」");
        assert_hits(
            &r,
            "ミラーレス一眼を発売\n\nミラーレス一眼を発売した。\n",
            &[],
        );
        // A loanword is no name: a heading that only names it claims nothing salient.
        let heading = rule("heading_units: salient\n");
        assert_hits(
            &heading,
            "# カメラ特集\n\n## ミラーレスの魅力\n\nカメラ特集です。\n",
            &[],
        );
        // A katakana name alone stays a name.
        assert_hits(
            &heading,
            "# カメラ特集\n\n## ミラー氏の新作\n\nカメラ特集です。\n",
            &["ミラー"],
        );
    }

    #[test]
    fn a_question_in_the_headline_claims_no_action() {
        let r = rule("");
        // 何が変わった? asks; the body's 変わらない answers it.
        assert_hits(
            &r,
            "新モデルで何が変わった?\n\n新モデルでも電池の持ちは変わらない。\n",
            &[],
        );
        assert_hits(
            &r,
            "新モデルで電池の持ちが変わった\n\n新モデルでも電池の持ちは変わらない。\n",
            &["変わっ"],
        );
        // 知っておきたい wishes through a dependent verb (おく): the body's 知られていない
        // does not deny it; 知った states it.
        let text = |title: &str| {
            format!(
                "{title}\n\n会社員の副業の所得にも3つのルールがある。意外と知られていないのが住民税の申告だ。\n"
            )
        };
        assert_hits(&r, &text("会社員が知っておきたい副業の3つのルール"), &[]);
        assert_hits(&r, &text("副業の3つのルールを会社員が知った"), &["知っ"]);
    }

    #[test]
    fn a_count_of_the_names_the_body_lists_is_told() {
        let r = rule("");
        let text = |schools: &str| {
            format!("県立高校2校を統合\n\n県教委は、県立{schools}を統合する計画案をまとめた。\n")
        };
        assert_hits(&r, &text("高森高校と県立峰岸高校"), &[]);
        assert_hits(&r, &text("高森高校、峰岸高校と南高校"), &["2校"]);
        assert_hits(&r, &text("高森高校"), &["2校"]);
        // A counter of several kanji: the names are a noun and that word (北山|中学校).
        let text = |schools: &str| {
            format!(
                "町の2中学校、来春統合へ\n\n町教委は、{schools}を来年4月に統合すると発表した。\n"
            )
        };
        assert_hits(&r, &text("北山中学校と西谷中学校"), &[]);
        assert_hits(
            &r,
            &text("北山中学校と西谷中学校と桜丘中学校"),
            &["2中学校"],
        );
    }

    #[test]
    fn a_verb_stem_in_the_headline_is_told_by_the_verb() {
        let r = rule("");
        assert_hits(
            &r,
            "梨の出荷量、猛暑響き減少\n\n梨の出荷量は減少した。猛暑が続いたことが響いた。\n",
            &[],
        );
        assert_hits(
            &r,
            "梨の出荷量、猛暑響き減少\n\n梨の出荷量は減少した。猛暑が続いた。\n",
            &["響き"],
        );
        // And a verb's stem the segmenter read in the headline by the noun in the body.
        assert_hits(&r, "夏まつり、開幕\n\n夏まつりが開幕した。\n", &[]);
        assert_hits(&r, "夏まつり、開幕\n\n夏の催しが開幕した。\n", &["まつり"]);
        assert_eq!(verbs_of_stem("響き"), ["響きる", "響く"]);
        assert_eq!(verbs_of_stem("受け入れ"), ["受け入れる"]);
        assert!(verbs_of_stem("ひびき").is_empty());
        assert!(verbs_of_stem("出荷").is_empty());
    }

    #[test]
    fn an_anniversary_is_told_by_its_years() {
        let r = rule("");
        assert_hits(
            &r,
            "こども食堂が1周年\n\nこども食堂は開設から1年を迎えた。\n",
            &[],
        );
        // Not by another number of years, nor by a year that ends in the same digit.
        assert_hits(
            &r,
            "こども食堂が2周年\n\nこども食堂は開設から1年を迎えた。\n",
            &["2周年"],
        );
        assert_hits(
            &r,
            "こども食堂が1周年\n\nこども食堂は2021年に開設した。\n",
            &["1周年"],
        );
    }

    #[test]
    fn nights_are_the_days_less_one() {
        let r = rule("");
        let trip = |title: &str| {
            format!("{title}の離島旅\n\n離島旅の1日目は洞窟へ。2日目は星空。3日目に帰った。\n")
        };
        assert_hits(&r, &trip("2泊3日"), &[]);
        assert_hits(&r, &trip("3泊3日"), &["3泊"]);
        assert!(nights_of_days("2泊3日の旅"));
        assert!(!nights_of_days("2泊4日"));
    }

    #[test]
    fn countries_joined_by_one_character_each_are_told_by_their_names() {
        let r = rule("");
        let talks = |body: &str| format!("日比外相が会談\n\n外相は{body}の外相と会談した。\n");
        assert_hits(&r, &talks("フィリピン"), &[]);
        assert_hits(&r, &talks("ベトナム"), &["日比"]);
        // 日越 and 日豪: the segmenter cuts the pair into units of one character each.
        let cut = |pair: &str, body: &str| {
            format!("{pair}外相が会談\n\n外相は9日、{body}の外相と会談した。\n")
        };
        assert_hits(&r, &cut("日越", "ベトナム"), &[]);
        assert_hits(&r, &cut("日越", "タイ"), &["越"]);
        assert_hits(&r, &cut("日印", "インド"), &[]);
        assert_hits(&r, &cut("日印", "タイ"), &["印"]);
    }

    #[test]
    fn an_initialism_of_a_common_noun_is_no_name() {
        let r = rule("weak_units: majority\n");
        let text = |title: &str| {
            format!("{title}に行ってきた\n\n地方の技術カンファレンスに行ってきた。\n")
        };
        assert_hits(&r, &text("地方ITカンファレンス"), &[]);
        // An initialism the lexicon does not list stays a name.
        assert_hits(&r, &text("地方JSAカンファレンス"), &["JSA"]);
        // A genre or a kind of content in Latin letters names no one either (the body tells
        // the game as ゲーム, the streamer as 配信者).
        let game = |title: &str| {
            format!("{title}を遊ぶ配信\n\n配信者の星宮さんが人気の新作ゲームを遊ぶ配信を見た。\n")
        };
        assert_hits(&r, &game("人気VTuber星宮さんが新作RPG"), &[]);
        assert_hits(&r, &game("人気JTuber星宮さんが新作XRG"), &["JTuber"]);
    }

    #[test]
    fn where_a_cited_video_is_posted_is_no_claim() {
        let r = rule("");
        let text = |source: &str| {
            format!(
                "ツアー最終日に行った\n\n春野ミオさんのツアー最終日に行った。「灯台」で始まった。\n\n参考動画:{source}\n"
            )
        };
        assert_hits(
            &r,
            &text("春野ミオ「灯台」Music Video（公式YouTubeチャンネル）"),
            &[],
        );
        assert_hits(&r, &text("【LIVE】春野ミオ ツアー最終日"), &[]);
        // What the video shows is still a claim.
        assert_hits(
            &r,
            &text("春野ミオ「灯台」Music Video（秋山ユウ監督）"),
            &["秋山ユウ"],
        );
    }

    #[test]
    fn a_count_the_body_writes_without_its_counter_is_told() {
        let r = rule("");
        let game =
            |body: &str| format!("高田が142球を投げ抜く\n\n高田は10回を投げ抜いた。{body}\n");
        assert_hits(&r, &game("投球数は142に上った。"), &[]);
        // Another value, or the value without the counter's characters before it, is not.
        assert_hits(&r, &game("投球数は140に上った。"), &["142球"]);
        assert_hits(&r, &game("観客は142に上った。"), &["142球"]);
        // A hedged value holds the headline's only within its hedge.
        assert_hits(&r, &game("投球数は約1100に上った。"), &["142球"]);
        let blog = |body: &str| format!("ブログで月1万PV\n\nブログを続けた。{body}\n");
        assert_hits(
            &r,
            &blog("月間のページビュー（PV）が初めて1万を超えた。"),
            &[],
        );
    }

    #[test]
    fn two_is_told_by_both() {
        let r = rule("");
        let festival = |body: &str| {
            format!("夏まつり、2日間の来場者\n\n夏まつりが{body}開かれ、来場者が集まった。\n")
        };
        assert_hits(&r, &festival("3、4の両日に"), &[]);
        assert_hits(&r, &festival("3日に"), &["2日間"]);
        assert_hits(
            &r,
            "2校が統合へ\n\n北山中と西谷中の両校が統合へ向かう。\n",
            &[],
        );
    }

    #[test]
    fn a_duration_is_told_without_its_kan() {
        let r = rule("");
        let farm = |body: &str| format!("りんご農家の1年間\n\nりんご農家の{body}を紹介する。\n");
        assert_hits(&r, &farm("1年の流れ"), &[]);
        assert_hits(&r, &farm("1年間の流れ"), &[]);
        // Not by another number, nor by a year that ends in it.
        assert_hits(&r, &farm("2年の流れ"), &["1年間"]);
        assert_hits(&r, &farm("2021年の流れ"), &["1年間"]);
        assert_hits(
            &r,
            "育児休業を6カ月間取得\n\n男性社員が6カ月の育児休業を取得した。\n",
            &[],
        );
    }

    #[test]
    fn an_age_decade_is_weak_unless_the_body_tells_ages() {
        let weak = rule("weak_units: majority\n");
        // Over a body that tells no age, it names an audience as often as a person.
        assert_hits(
            &weak,
            "40代から始める減塩のコツ\n\n減塩を始めるコツを紹介する。\n",
            &[],
        );
        // Over one that tells ages, it is a claim about one of them.
        assert_hits(
            &weak,
            "40代の男性が死亡\n\n会社員の男性（52）が死亡した。\n",
            &["40代"],
        );
        assert_hits(
            &weak,
            "40代の男性が死亡\n\n死亡したのは52歳の男性会社員。\n",
            &["40代"],
        );
        assert_hits(
            &weak,
            "40代の男性が死亡\n\n会社員の男性（45）が死亡した。\n",
            &[],
        );
        assert!(tells_an_age("男性(45)"));
        assert!(!tells_an_age("手順(3)"));
        assert_eq!(age_decade("40代"), Some(40));
        assert_eq!(age_decade("1990年代"), None);
        assert_eq!(age_decade("3代"), None);
        assert_eq!(age_decade("45代"), None);
    }

    #[test]
    fn a_verb_stem_the_body_writes_as_a_noun_is_told_by_it() {
        let r = rule("");
        // 救急受け入れ、: the headline's 連用形 of 受け入れる; the body's noun 受け入れ states it.
        assert_hits(
            &r,
            "病院の救急受け入れ、最多に\n\n病院の救急の受け入れ件数は最多だった。\n\
             処置が重なると受け入れられない場合もある。\n",
            &[],
        );
        assert_hits(
            &r,
            "病院の救急受け入れ、最多に\n\n病院の救急は最多だった。\n\
             処置が重なると受け入れられない場合もある。\n",
            &["受け入れ"],
        );
    }

    #[test]
    fn a_decision_the_body_tells_only_as_planned_is_not_supported() {
        let r = rule("");
        // 決定 and 決める (`decision-verbs`) told only with a plan noun after them: not taken.
        assert_hits(
            &r,
            "県教委、高校再編案を決定\n\n県教委は高校再編案について、来年2月の会議で決定する予定だ。\n",
            &["決定"],
        );
        assert_hits(
            &r,
            "新駅名を決定\n\n市は新駅名について、9月末までに決定する方針だ。\n",
            &["決定"],
        );
        // A plan of something the headline does not name (デザインも) says nothing of its
        // decision, and an action that is no decision or completion (開催する予定) is a
        // dated plan a headline may tell.
        assert_hits(
            &r,
            "県、新品種の作付けを決定\n\n県は来年度から新品種の作付けを始めることを決定した。\n\nロゴのデザインも決定する予定だ。\n",
            &[],
        );
        assert_hits(
            &r,
            "花火大会を開催\n\n市は花火大会を8月に開催する予定だ。\n",
            &[],
        );
    }

    #[test]
    fn an_action_the_body_only_negates_or_leaves_open_is_not_supported() {
        let r = rule("");
        // One finding, at `word`, with `denial` as the body's place that leaves it open.
        let assert_one_denial = |text: &str, word: &str, denial: &str| {
            let found = hits(&r, text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(
                describe(text, &found[0]),
                (
                    word,
                    vec![(denial, format!("本文では「{denial}」（未定・否定）"))]
                ),
                "{text}"
            );
        };
        // Every body mention of 採用 leaves it open, of 発動 too (に向けた検討), of 値上げ
        // negates it: the title claims what the body does not.
        let text =
            "A社、新素材を採用\n\nA社は新素材について、採用するかどうかは未定だとしている。\n";
        let found = hits(&r, text);
        assert_eq!(
            describe(text, &found[0]),
            (
                "採用",
                vec![(
                    "採用するかどうか",
                    "本文では「採用するかどうか」（未定・否定）".to_string()
                )]
            )
        );
        assert_hits(
            &r,
            "政府、制裁を発動\n\n政府は制裁の発動に向けた検討に入った。\n",
            &["発動"],
        );
        assert_hits(
            &r,
            "A社が値上げ\n\nA社は値上げしない方針を示した。\n",
            &["値上げ"],
        );
        // A condition (認可されれば) states nothing happened; a headline's own condition
        // (重視なら) claims nothing.
        assert_one_denial(
            "新学部の設置が決定\n\n大学は新学部の設置を計画している。設置が決定すれば県内初となる。\n",
            "決定",
            "決定すれば",
        );
        assert_hits(
            &r,
            "カメラ重視ならA機\n\nA機はカメラが強い。カメラを重視するならA機を選びたい。\n",
            &[],
        );
        // The action told only of something the headline does not name (打ち上げと分離は
        // 無事に成功した: the adverb leaves 分離 its argument) is as good as unsaid: over an
        // object told as planned, the completion is reported.
        assert_one_denial(
            "探査機かぐら、月面着陸に成功\n\n探査機かぐらは順調に飛行している。打ち上げと分離は無事に成功した。月面への着陸は来年3月ごろを予定している。\n",
            "成功",
            "着陸は来年3月ごろを予定",
        );
        // The second verb of a compound (色づき始めたら) is no mention of the action (the
        // pack's synonyms make 始める one of 始まる).
        assert_hits(
            &builtin(),
            "トマトの出荷が始まった\n\nトマトの出荷を担当している。実が色づき始めたら水を減らす。\n",
            &[],
        );
        // Applying for it (認可を申請した) is asking, not being granted; an application named
        // as a compound (承認申請の時点) or a later clause's 申請 says nothing of it.
        assert_one_denial(
            "文科省が学部設置を認可\n\nA大学は学部の設置認可を文部科学省に申請した。\n",
            "認可",
            "認可を文部科学省に申請",
        );
        assert_hits(
            &r,
            "新薬を承認\n\n国は新薬の製造販売を承認した。承認申請の時点では病院での注射を想定していた。\n",
            &[],
        );
        // A verb describing the noun after it, past a closing quote, is no action the title
        // reports: 「続く」勉強法 is not contradicted by 勉強が続きません. Ending the title, the
        // verb is the claim.
        assert_hits(
            &r,
            "講師に聞いた「続く」勉強法\n\n講師の田中さんに話を聞いた。多くの人は勉強が続きません。田中さんは毎日5分の勉強法を勧める。\n",
            &[],
        );
        assert_hits(
            &r,
            "講師に聞いた勉強法は「続く」\n\n講師の田中さんに話を聞いた。多くの人は勉強が続きません。田中さんは毎日5分の勉強法を勧める。\n",
            &["続く"],
        );
        // A は or も between the サ変 noun and its する (上陸はせず) negates it all the same;
        // 上陸はした states it.
        assert_hits(
            &r,
            "台風10号、鹿児島に上陸\n\n台風10号は鹿児島に上陸はせずに沖を通過した。\n",
            &["上陸"],
        );
        assert_hits(
            &r,
            "台風10号、鹿児島に上陸\n\n台風10号は鹿児島に上陸はしたが、勢力は弱かった。\n",
            &[],
        );
        // One mention that states it is support.
        assert_hits(
            &r,
            "A社、新素材を採用\n\nA社は新素材の採用を検討してきたが、新素材を採用した。\n",
            &[],
        );
        // The body may mention the action by a synonym of the headline's word: 決定 in the
        // title, only 決まっていない in the body, is not told; 決めた is.
        let synonyms = rule("synonyms: [[決定, 決める, 決まる]]\n");
        let title = "映画が興収30億円突破 続編の製作も決定\n\n映画の興行収入が30億円を突破した。";
        // 決定 reported, with `denial` (in `body`) as the body's place that leaves it open.
        let denied_by = |body: &str, denial: &str| {
            let text = format!("{title}{body}\n");
            let found = hits(&synonyms, &text);
            assert_eq!(
                describe(&text, &found[0]),
                (
                    "決定",
                    vec![(denial, format!("本文では「{denial}」（未定・否定）"))]
                )
            );
        };
        denied_by(
            "配給会社によると、続編の製作は決まっていない。",
            "決まっていない",
        );
        assert_hits(
            &synonyms,
            &format!("{title}配給会社は続編の製作を決めた。\n"),
            &[],
        );
        // A decision affirmed about something the headline does not name (閉鎖が決まった)
        // is no support; one about its own thing (製作が決まった) is.
        let lighthouse = "閉鎖が決まった灯台を描く。";
        assert_hits(
            &synonyms,
            &format!("{title}{lighthouse}続編の製作は決まっていない。\n"),
            &["決定"],
        );
        assert_hits(
            &synonyms,
            &format!("{title}{lighthouse}続編の製作が決まった。\n"),
            &[],
        );
        // 「決まっていることはない」 denies it through こと.
        denied_by(
            "配給会社によると、続編の製作について決まっていることはない。",
            "決まっていることはない",
        );
        // A negating prefix written onto it, apart (未|発表) or as one word (非公開).
        for (title, body, denial) in [
            ("A社、新製品を発表", "A社の新製品は未発表だ。", "未発表"),
            ("新機能を公開", "新機能は当面、非公開とする。", "非公開"),
        ] {
            let text = format!("{title}\n\n{body}\n");
            let found = hits(&r, &text);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
            assert_eq!(
                describe(&text, &found[0]).1,
                vec![(denial, format!("本文では「{denial}」（未定・否定）"))],
                "{text}"
            );
        }
        assert_hits(&r, "新機能を公開\n\n新機能を公開した。\n", &[]);
        // A plan for it denied (延長する予定はない, 延長の予定はない, 延長は予定されていない).
        for (body, denial) in [
            ("会期を延長する予定はないという。", "延長する予定はない"),
            ("会期延長の予定はないという。", "延長の予定はない"),
            (
                "会期の延長は予定されていないという。",
                "延長は予定されていない",
            ),
        ] {
            let text = format!("美術展、会期を延長\n\n美術展の来場者が増えている。{body}\n");
            assert_one_denial(&text, "延長", denial);
        }
        assert_hits(
            &r,
            "美術展、会期を延長\n\n美術展の来場者が増え、会期を延長する。\n",
            &[],
        );
        // A decision or disclosure denied in the mention's own phrase leaves it open as 未定
        // does (復帰の時期は決めていない, 復帰の時期は発表されていない); one told as taken
        // (復帰の時期を決めた) is support, and a denial in a later clause is about that.
        for (body, denial) in [
            (
                "監督は「復帰の時期は決めていない」と話した。",
                "復帰の時期は決めていない",
            ),
            (
                "復帰の時期はまだ発表されていない。",
                "復帰の時期はまだ発表されていない",
            ),
        ] {
            let text = format!("堀内が復帰\n\n堀内は右ひざを手術した。{body}\n");
            assert_one_denial(&text, "復帰", denial);
        }
        // A disclosure denied only so far (これまで…公表せず) tells the state before the
        // news the article itself tells.
        let twins = |body: &str| {
            format!(
                "動物園でレッサーパンダの双子誕生\n\n動物園でレッサーパンダの双子が生まれた。{body}\n"
            )
        };
        assert_hits(
            &r,
            &twins("同園はこれまで誕生を公表せず、見守ってきた。"),
            &[],
        );
        assert_one_denial(
            &twins("同園は誕生を公表していない。"),
            "誕生",
            "誕生を公表していない",
        );
        for body in [
            "監督は復帰の時期を決めた。",
            "堀内は復帰し、次の試合は決めていない。",
        ] {
            assert_hits(
                &r,
                &format!("堀内が復帰\n\n堀内は右ひざを手術した。{body}\n"),
                &[],
            );
        }
        // A plan named in the headline (伐採計画) claims no action: 伐採の時期は決まって
        // いない does not contradict it.
        assert_hits(
            &r,
            "市の伐採計画に署名\n\n市民が市の計画に反対する署名を集めた。伐採の時期はまだ決まっていない。\n",
            &[],
        );
        // The title itself hedges or negates it, or the verb only describes a noun.
        assert_hits(
            &r,
            "A社、新素材を採用へ\n\nA社は新素材について、採用するかどうかは未定だとしている。\n",
            &[],
        );
        assert_hits(&r, "失敗しない手順\n\n手順を守れば失敗しない。\n", &[]);
        assert_hits(&r, "薬が効きにくい菌\n\nこの菌には薬が効かない。\n", &[]);
        // A negation of the action for something else (メタン) does not deny the headline's
        // (水蒸気); one about the headline's thing does.
        assert_hits(
            &r,
            "系外惑星に水蒸気、チームが検出\n\n系外惑星のチームは水蒸気の吸収を確認した。\
             一方、メタンは検出されなかった。\n",
            &[],
        );
        assert_hits(
            &r,
            "系外惑星に水蒸気、チームが検出\n\n系外惑星のチームは観測を続けた。\
             水蒸気は検出されなかった。\n",
            &["検出"],
        );
        assert_hits(
            &r,
            "系外惑星に水蒸気、チームが検出\n\n系外惑星の水蒸気を探すチームは観測を続けたが、検出されなかった。\n",
            &["検出"],
        );
    }

    #[test]
    fn a_clipped_loanword_is_supported_by_the_whole_word() {
        let r = rule("");
        assert_hits(
            &r,
            "スマホの選び方\n\nスマートフォンの選び方を紹介する。\n",
            &[],
        );
        assert_hits(
            &r,
            "パソコンの選び方\n\nパーソナルコンピューターの選び方を紹介する。\n",
            &[],
        );
        assert_hits(
            &r,
            "デジカメの選び方\n\nデジタルカメラの選び方を紹介する。\n",
            &[],
        );
        // Sounds out of order, or another start, are another word.
        assert_hits(
            &r,
            "スマホの選び方\n\nスマートウォッチの選び方を紹介する。\n",
            &["スマホ"],
        );
        assert_hits(
            &r,
            "タブレットの選び方\n\nタイムラインの選び方を紹介する。\n",
            &["タブレット"],
        );
        // A clipped word joined to a body word: ノイキャン | イヤホン.
        let earphones = |body: &str| format!("ノイキャンイヤホンを発売\n\n{body}を発売した。\n");
        assert_hits(
            &r,
            &earphones("ノイズキャンセリング機能付きのワイヤレスイヤホン"),
            &[],
        );
        assert_hits(
            &r,
            &earphones("ノイズキャンセリング機能付きのスピーカー"),
            &["ノイキャンイヤホン"],
        );
    }

    #[test]
    fn a_hedged_headline_number_is_held_to_its_hedge() {
        let r = rule("");
        let body = "投票率は48.27%で、前回を上回った。平均価格は8,742万円だった。\n";
        // 50% may round 48.27%; 50%を超える and 9,000万円台 state bounds it does not meet.
        assert_hits(&r, &format!("投票率50%\n\n{body}"), &[]);
        let text = format!("投票率は50%を超える\n\n{body}");
        let found = hits(&r, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (primary, related) = describe(&text, &found[0]);
        assert_eq!(primary, "50%");
        assert!(
            related.contains(&("48.27%", "本文では「48.27%」".to_string())),
            "{related:?}"
        );
        assert_hits(
            &r,
            &format!("平均価格は9,000万円台\n\n{body}"),
            &["9,000万円台"],
        );
        // 9,000万円台 ends below 1億円; the label is found past 初の, by the chain's last words.
        let text = "新築マンション平均価格、初の9,000万円台\n\n新築マンションの平均価格は8,742万円だった。東京23区は1億円を超えた。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(
            describe(text, &found[0]),
            (
                "初",
                vec![
                    ("9,000万円台", "本文に記述がない".to_string()),
                    ("8,742万円", "本文では「8,742万円」".to_string())
                ]
            )
        );
        // A bare level is no ratio of two body values (41万 / 29万 is no 50%を超える).
        let text = "得票率は50%を超える\n\n大西氏が41万2,380票、杉浦氏が29万5,114票だった。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        let (_, related) = describe(text, &found[0]);
        assert!(
            related.contains(&("50%", "本文に記述がない".to_string())),
            "{related:?}"
        );
    }

    #[test]
    fn a_rounded_number_is_supported_by_the_exact_one() {
        let r = rule("");
        assert_hits(&r, "補正予算42億円\n\n補正予算は42億3000万円。\n", &[]);
        assert_hits(&r, "営業益2割増\n\n営業益は20.4%増えた。\n", &[]);
        assert_hits(
            &r,
            "補正予算45億円\n\n補正予算は42億3000万円。\n",
            &["45億円"],
        );
        // 100 is not a rounding of 120.
        assert_hits(&r, "参加者100人\n\n参加者は120人だった。\n", &["100人"]);
    }

    #[test]
    fn a_threshold_crossed_is_supported_by_any_value_above_it() {
        let r = rule("");
        let body = "\n\n小説の累計発行部数が12万8000部になったと発表した。\n";
        // 部 is a counter the quantity reader does not know; 突破 and 超え make 12万 a floor.
        assert_hits(&r, &format!("# 小説、累計12万部突破{body}"), &[]);
        assert_hits(&r, &format!("# 小説、累計12万部を突破{body}"), &[]);
        assert_hits(&r, &format!("# 小説、累計12万部超え{body}"), &[]);
        // A floor above the body's value, or a plain figure it does not round to, is not.
        assert_hits(&r, &format!("# 小説、累計13万部突破{body}"), &["13万部"]);
        assert_hits(&r, &format!("# 小説、累計12万部{body}"), &["12万部"]);
        // A signed figure is a change: the measure itself (72.5kg) is no value above it.
        let weight = "\n\n体重は72.5kgから68.1kgになり、4.4kg減った。\n";
        // (With weak words unsupported in the majority only, as ja-news reads titles, the
        // figure is what is reported.)
        let majority = rule("weak_units: majority\n");
        assert_hits(
            &majority,
            &format!("# 体重マイナス10kgを達成{weight}"),
            &["マイナス"],
        );
        assert_hits(
            &majority,
            &format!("# 体重10kg減を達成{weight}"),
            &["10kg減"],
        );
        // The body's change of the sign's direction is the other value shown (4.4kg減った),
        // not the weight (72.5kg).
        let text = format!("# 体重マイナス10kgを達成{weight}");
        let found = hits(&majority, &text);
        let (_, related) = describe(&text, &found[0]);
        assert!(
            related.contains(&("4.4kg", "本文では「4.4kg」".to_string())),
            "{related:?}"
        );
    }

    #[test]
    fn a_kanji_abbreviation_of_a_body_compound_is_supported() {
        let r = rule("");
        assert_hits(
            &r,
            "国交省が新基準\n\n国土交通省は新基準を公表した。\n",
            &[],
        );
        assert_hits(
            &r,
            "安保理が決議\n\n安全保障理事会は決議を採択した。\n",
            &[],
        );
        // Or of the tail of a longer run: 県教委 for the 県教育委員会 of 山辺県教育委員会.
        assert_hits(
            &r,
            "県教委が新方針\n\n山辺県教育委員会は新方針を公表した。\n",
            &[],
        );
        // Its characters must start the compound and stand in it in order.
        assert_hits(
            &r,
            "交国省が新基準\n\n国土交通省は新基準を公表した。\n",
            &["交国省"],
        );
        // Or of the head of a longer run: 陸自 for the 陸上自衛隊 of 陸上自衛隊霧島原駐屯地.
        let body = "\n\n防衛省は陸上自衛隊霧島原駐屯地に支援拠点を整備する。\n";
        assert_hits(&r, &format!("陸自駐屯地に支援拠点{body}"), &[]);
        // Characters spread over more than three times the abbreviation's length are none
        // (地 is the eleventh character of the run).
        assert_hits(&r, &format!("陸衛地に支援拠点{body}"), &["陸衛地"]);
        // A name not all kanji with the abbreviation written onto it: 桜ケ丘市教委 for the
        // body's 桜ケ丘市教育委員会; not when the body writes the name before another run.
        let body = "\n\n桜ケ丘市教育委員会は、小学校の統合計画を公表した。\n";
        assert_hits(&r, &format!("桜ケ丘市教委が統合計画{body}"), &[]);
        let other = "\n\n桜ケ丘市議会は、小学校の統合計画を公表した。\n";
        assert_hits(
            &r,
            &format!("桜ケ丘市教委が統合計画{other}"),
            &["桜ケ丘市教委"],
        );
    }

    #[test]
    fn a_count_of_people_is_told_by_the_people_the_body_lists() {
        let r = rule("");
        let body = "\n\n乗用車の事故で、後部座席の子ども、長男（12）と長女（9）が重傷を負った。\n";
        assert_hits(&r, &format!("乗用車事故で子ども2人重傷{body}"), &[]);
        // Another count than the list's is not told by it.
        assert_hits(&r, &format!("乗用車事故で子ども3人重傷{body}"), &["3人"]);
        // Ages in two sentences are no list.
        assert_hits(
            &r,
            "乗用車事故で子ども2人重傷\n\n乗用車の事故で子どもの長男（12）が重傷を負った。同乗の男性（40）は無事だった。\n",
            &["2人"],
        );
    }

    #[test]
    fn a_year_written_onto_a_name_is_told_by_this_year() {
        let r = rule("");
        let body = "\n\n今年のペルセウス座流星群は、13日未明に見頃を迎える。\n";
        assert_hits(&r, &format!("ペルセウス座流星群2025の見頃{body}"), &[]);
        // A body that names another year, or no year at all, does not tell it; a year with 年
        // is a date.
        let other = "\n\n2024年のペルセウス座流星群は、13日未明に見頃を迎える。\n";
        assert_hits(
            &r,
            &format!("ペルセウス座流星群2025の見頃{other}"),
            &["2025"],
        );
        let none = "\n\nペルセウス座流星群は、13日未明に見頃を迎える。\n";
        assert_hits(
            &r,
            &format!("ペルセウス座流星群2025の見頃{none}"),
            &["2025"],
        );
        assert_hits(
            &r,
            &format!("2025年のペルセウス座流星群の見頃{body}"),
            &["2025年"],
        );
    }

    #[test]
    fn an_abbreviation_in_brackets_tells_a_piece_with_its_suffix() {
        let r = rule("");
        assert_hits(
            &r,
            "東和精機、EV向け部品が好調\n\n東和精機は、電気自動車（EV）向けのモーター部品が好調だった。\n",
            &[],
        );
        // Without the abbreviation in the body, the piece is not told.
        assert_hits(
            &r,
            "東和精機、EV向け部品が好調\n\n東和精機は、電気自動車向けのモーター部品が好調だった。\n",
            &["EV向け部品"],
        );
    }

    #[test]
    fn who_does_an_action_is_told_by_the_action() {
        let r = rule("");
        assert_hits(
            &r,
            "国道で事故、運転手を逮捕\n\n警察は、国道でトラックを運転していた男を事故の疑いで逮捕した。\n",
            &[],
        );
        assert_hits(
            &r,
            "家計の節約術\n\n家計の節約について専門家に聞いた。\n",
            &[],
        );
        // Only the suffix of a doer: 助手 is a word of its own, a claim the action does not tell.
        assert_hits(
            &r,
            "国道で事故、運転手を逮捕\n\n警察は、国道でトラックを運転していた男を事故の疑いで逮捕した。\n"
                .replace("運転手を", "運転助手を")
                .as_str(),
            &["助手"],
        );
    }

    #[test]
    fn an_initialism_of_a_body_loanword_is_supported() {
        let r = rule("");
        let body = "\n\n新作ロールプレイングゲームの発売日を決定した。\n";
        assert_hits(&r, &format!("新作RPGの発売日が決定{body}"), &[]);
        assert_hits(
            &r,
            "FP直伝の家計術\n\nファイナンシャルプランナーに家計の見直し方を聞いた。\n",
            &["直伝"],
        );
        assert_hits(
            &r,
            "NASに脆弱性\n\nネットワーク・アタッチト・ストレージに脆弱性が見つかった。\n",
            &[],
        );
        // The letters must open the words in order, the first the loanword itself.
        assert_hits(&r, &format!("新作PRGの発売日が決定{body}"), &["PRG"]);
        assert_hits(&r, &format!("新作RPGAの発売日が決定{body}"), &["RPGA"]);
        assert_hits(&r, &format!("新作GPの発売日が決定{body}"), &["GP"]);
    }

    #[test]
    fn an_abbreviation_in_brackets_after_a_name_claims_nothing_more() {
        let r = rule("");
        let body = "\n\n日本ソムリエ協会の資格を取るには実務経験が必要だ。\n";
        assert_hits(&r, &format!("日本ソムリエ協会（JSA）の資格{body}"), &[]);
        // Not right after a name, or a number (an age) in the brackets: still claims.
        assert_hits(
            &r,
            &format!("日本ソムリエ協会の（JSA）資格{body}"),
            &["JSA"],
        );
        assert_hits(
            &r,
            "山田太郎容疑者（22）を逮捕\n\n警察は山田太郎容疑者を逮捕した。\n",
            &["22"],
        );
    }

    #[test]
    fn an_unknown_katakana_word_is_not_taken_for_a_name() {
        let r = rule("");
        let text = "散歩の効果\n\n## 基本スペック\n\n散歩の効果を紹介する。\n";
        assert_hits(&r, text, &[]);
    }

    #[test]
    fn an_age_in_parentheses_after_a_name_supports_the_headline_age() {
        let r = rule("");
        let text = "22歳男を逮捕\n\n県警は、アルバイト森本悠斗容疑者（22）を逮捕した。\n";
        assert_hits(&r, text, &[]);
        // Another age, or a number in parentheses that follows no name, does not.
        let text = "22歳男を逮捕\n\n県警は、アルバイト森本悠斗容疑者（23）を逮捕した。\n";
        assert_hits(&r, text, &["22歳男"]);
        let text = "22歳男を逮捕\n\n県警は、男を逮捕した（写真は2022年、22）。\n";
        assert_hits(&r, text, &["22歳男"]);
    }

    #[test]
    fn a_year_in_its_last_two_digits_is_the_bodys_year() {
        let r = rule("");
        let text = |year: &str| {
            format!(
                "# 海浜市、30年度目標を維持\n\n海浜市は{year}に排出量を半分にする目標を維持する。\n"
            )
        };
        assert_hits(&r, &text("2030年度"), &[]);
        assert_hits(&r, &text("1930年度"), &[]);
        // Not the last two digits of a year: another number.
        assert_hits(&r, &text("130年度"), &["30年度"]);
        assert_hits(&r, &text("12030年度"), &["30年度"]);
    }

    #[test]
    fn plain_text_numbered_lines_and_labelled_rows_are_numbered_sections() {
        let r = rule("");
        // `1. 見出し` lines of a plain text: the number stands before the title; a numbered
        // まとめ after them is no item. Other headings after the run (five headings in all
        // either way) leave the run to count the items.
        let numbered = |n: usize, others: usize| {
            let mut t = String::from("保活でやってよかった4つのこと\n\n");
            for k in 1..=n {
                t.push_str(&format!(
                    "{k}. 準備その{k}\n\n保活でやってよかった準備を紹介する。\n\n"
                ));
            }
            t.push_str(&format!(
                "{}. まとめ\n\n保活でやってよかった準備を紹介した。\n\n",
                n + 1
            ));
            for k in 1..=others {
                t.push_str(&format!(
                    "■余談その{k}\n\n保活でやってよかった準備を紹介した。\n\n"
                ));
            }
            t
        };
        assert_hits(&r, &numbered(4, 1), &[]);
        assert_hits(&r, &numbered(3, 2), &["4つ"]);
        // ■ポイント1：… with a figure in its value reads as a data row, and is a numbered
        // section all the same, in one run with the headings between.
        let labelled = |n: usize| {
            let mut t = String::from("ふるさと納税の4つのポイント\n\n");
            for k in 1..=n {
                let value = if k % 2 == 1 {
                    format!("上限は{k}万円")
                } else {
                    "申告は不要".to_string()
                };
                t.push_str(&format!(
                    "■ポイント{k}：{value}\n\nふるさと納税のポイントを紹介する。\n\n"
                ));
            }
            t.push_str("■わが家の場合\n\nふるさと納税のポイントを紹介した。\n");
            t
        };
        assert_hits(&r, &labelled(4), &[]);
        assert_hits(&r, &labelled(3), &["4つ"]);
    }

    #[test]
    fn a_count_in_any_counter_is_supported_by_as_many_numbered_headings() {
        let r = rule("");
        let md = |n: usize| {
            let sections: String = (1..=n)
                .map(|i| format!("## {i}. 名所{i}\n\n名所{i}を歩きます。\n\n"))
                .collect();
            format!("# 嵐山で巡る5スポット\n\n嵐山を巡ります。\n\n{sections}")
        };
        let run = |text: &str| markdown_hits(&r, text);
        assert!(run(&md(5)).is_empty(), "{:?}", run(&md(5)));
        assert_eq!(run(&md(4)), ["5スポット"]);
    }

    #[test]
    fn a_count_is_supported_by_as_many_table_rows_or_columns() {
        let r = rule("");
        let run = |text: &str| markdown_hits(&r, text);
        let rows = |n: usize| {
            let rows: String = (1..=n).map(|i| format!("| 力士{i} | 殊勲賞 |\n")).collect();
            format!("# 三賞は3力士\n\n三賞が決まった。\n\n| 力士 | 賞 |\n|---|---|\n{rows}")
        };
        assert!(run(&rows(3)).is_empty(), "{:?}", run(&rows(3)));
        assert_eq!(run(&rows(2)), ["3力士"]);
        let columns = |models: &[&str]| {
            let rule = "|---".repeat(models.len() + 1);
            let cells = " 6.1インチ |".repeat(models.len());
            format!(
                "# Kairo 7の3モデル比較\n\nKairo 7を比べた。\n\n| 項目 | {} |\n{rule}|\n| 画面 |{cells}\n",
                models.join(" | ")
            )
        };
        assert!(run(&columns(&["標準", "Plus", "Pro"])).is_empty());
        assert_eq!(run(&columns(&["標準", "Pro"])), ["3モデル"]);
    }

    #[test]
    fn a_count_of_people_is_supported_by_as_many_people_named_in_one_phrase() {
        let r = rule("");
        let body = |people: &str| {
            format!(
                "北山県知事選、現職の川島氏が4選　新人2人を破る\n\n\
                 北山県知事選は9日投開票され、現職の川島隆之氏（68）が、{people}を破り、4選を果たした。\n"
            )
        };
        assert_hits(&r, &body("新人の坂本亮氏（52）と南由香里氏（45）"), &[]);
        // One person named, or three: the count is not told.
        assert_hits(&r, &body("新人の坂本亮氏（52）"), &["2人"]);
        assert_hits(
            &r,
            &body("新人の坂本亮氏（52）と南由香里氏（45）と北村健氏（60）"),
            &["2人"],
        );
    }

    #[test]
    fn a_count_of_things_is_supported_by_as_many_names_in_brackets() {
        let r = rule("");
        let text = |names: &str| {
            format!("地場スーパー2社が協議\n\n地場スーパーの{names}が、協議を進めている。\n")
        };
        assert_hits(&r, &text("「マルキタ」と「フレッシュみなと」"), &[]);
        assert_hits(&r, &text("「マルキタ」"), &["2社"]);
        // A quotation is no name.
        let said =
            "地場スーパー2社が協議\n\n地場スーパーの社長は「反省している」「協議する」と述べた。\n";
        assert_hits(&r, said, &["2社"]);
    }

    #[test]
    fn a_season_is_told_by_one_of_its_months() {
        let r = rule("");
        let text = |when: &str| {
            format!("東西電鉄、来春に運賃改定へ\n\n東西電鉄は{when}に運賃を改定すると発表した。\n")
        };
        assert_hits(&r, &text("来年3月16日"), &[]);
        assert_hits(&r, &text("来年の4月"), &[]);
        assert_hits(&r, &text("来年10月"), &["来春"]);
        assert_hits(&r, &text("今年4月"), &["来春"]);
        // A season alone is told by any month of it.
        let alone = |when: &str| {
            format!(
                "秋ドラマ『灯台』の放送日

連続ドラマ『灯台』の放送日は{when}9日です。
"
            )
        };
        assert_hits(&r, &alone("10月"), &[]);
        assert_hits(&r, &alone("4月"), &["秋"]);
    }

    #[test]
    fn a_date_the_body_gives_its_event_otherwise_is_reported() {
        let r = rule("weak_units: majority\n");
        let text = |when: &str| {
            format!(
                "北浜線に新駅「みなと公園前」、来年4月開業\n\n北浜電気鉄道は、北浜線に建設している新駅の名称を「みなと公園前」に決めた。{when}の予定で、駅舎の工事が進む。\n"
            )
        };
        assert_hits(&r, &text("開業は来年3月"), &["4月"]);
        // Another event's date is no contradiction, and a date alone is weak.
        assert_hits(&r, &text("着工は来年3月"), &[]);
        // Any number the body gives another value of what it counts shows that value.
        let text = "3期連続の増益\n\n北浜食品の決算は、2期連続の増益となった。\n";
        let found = crate::rules::testing::hits(&r, text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(text[found[0].related[0].span.range()].starts_with('2'));
    }

    #[test]
    fn a_table_column_names_the_unit_of_its_bare_numbers() {
        assert_eq!(header_unit("得票数").as_deref(), Some("票"));
        assert_eq!(header_unit("金額（円）").as_deref(), Some("円"));
        assert_eq!(header_unit("人数(人)").as_deref(), Some("人"));
        assert_eq!(header_unit("候補者"), None);
        assert_eq!(header_unit("日数"), None);
        let r = rule("");
        let text = |votes: &str| {
            format!(
                "# 北浜市長選、坂口氏が初当選　約3800票差\n\n北浜市長選は坂口氏が初当選した。\n\n\
                 | 候補者 | 得票数 |\n|---|---|\n| 坂口 | 24,615 |\n| 平田 | {votes} |\n"
            )
        };
        assert_eq!(markdown_hits(&r, &text("20,807")), Vec::<String>::new());
        assert_eq!(
            markdown_hits(&r, &text("22,807")),
            vec!["3800票差".to_string()]
        );
        // Under a header that names no unit the numbers stay bare.
        let bare = "# 北浜市長選、坂口氏が初当選　約3800票差\n\n北浜市長選は坂口氏が初当選した。\n\n\
                    | 候補者 | 結果 |\n|---|---|\n| 坂口 | 24,615 |\n| 平田 | 20,807 |\n";
        assert_eq!(markdown_hits(&r, bare), vec!["3800票差".to_string()]);
    }

    #[test]
    fn hours_are_supported_by_a_length_in_hours_and_minutes() {
        let r = rule("");
        let text = |record: &str| {
            format!("マラソン、3時間半で完走\n\nマラソンを完走した。記録は{record}だった。\n")
        };
        assert_hits(&r, &text("3時間28分"), &[]);
        assert_hits(&r, &text("4時間28分"), &["3時間半"]);
    }

    #[test]
    fn a_span_of_days_is_derived_from_two_body_dates() {
        let r = rule("");
        let text = |appointed: &str| {
            format!(
                "新監督に森下氏　前監督の解任から2週間\n\nクラブは{appointed}、森下氏が新監督に就任すると発表した。前監督は5月20日に解任された。\n"
            )
        };
        assert_hits(&r, &text("6月3日"), &[]);
        assert_hits(&r, &text("6月10日"), &["2週間"]);
        // A range whose end day has no month, told in weeks rounded (12日から30日: 19 days).
        let text = |range: &str| {
            format!(
                "国道の夜間通行止め、5月12日から3週間\n\n国道事務所は、{range}までの平日夜間に国道を通行止めにすると発表した。\n"
            )
        };
        assert_hits(&r, &text("5月12日から30日"), &[]);
        assert_hits(&r, &text("5月12日から20日"), &["3週間"]);
        // Months between two body dates, rounded (4月29日 to 7月31日: 93 days, 3か月).
        let text = |last: &str| {
            format!(
                "ミニトマトを育てて3か月\n\n4月29日にミニトマトの苗を植え付けて育てた。{last}までに186個を収穫した。\n"
            )
        };
        assert_hits(&r, &text("7月31日"), &[]);
        assert_hits(&r, &text("6月10日"), &["3か月"]);
        // Months one sentence names without days (4月から6月に: 2).
        let text = |months: &str| {
            format!(
                "新施設の開所を2か月延期\n\n市は新施設の開所を、当初予定の{months}に延期すると発表した。\n"
            )
        };
        assert_hits(&r, &text("4月から6月"), &[]);
        assert_hits(&r, &text("4月から7月"), &["2か月"]);
        // A shift by days between two days of the month the body names alone (15日, 17日).
        let text = |day: &str| {
            format!(
                "小型ロケット、2日遅れで打ち上げ\n\n小型ロケットの打ち上げは当初15日に予定されていたが、強風で遅れ、{day}に打ち上げられた。\n"
            )
        };
        assert_hits(&r, &text("17日"), &[]);
        assert_hits(&r, &text("18日"), &["2日"]);
    }

    #[test]
    fn a_reading_time_frames_a_guide() {
        let r = rule("");
        assert_hits(
            &r,
            "ふるさと納税の特例を3分で解説\n\nふるさと納税の特例は、確定申告をしなくても控除を受けられる仕組みです。\n",
            &[],
        );
        // How long something takes is a claim.
        assert_hits(
            &r,
            "ふるさと納税の特例は3分で完了\n\nふるさと納税の特例は、確定申告をしなくても控除を受けられる仕組みです。\n",
            &["3分"],
        );
    }

    #[test]
    fn a_framing_phrase_the_segmenter_split_is_framing() {
        let r = rule("");
        // 完全|ガイド is one framing phrase; 完全治療法 is a claim.
        let text = "ミニトマトを育てる完全ガイド\n\nミニトマトを育てる方法を紹介します。\n";
        assert_hits(&r, text, &[]);
        let text = "がんの完全治療法\n\nがんの治療法を紹介します。\n";
        assert_hits(&r, text, &["完全"]);
    }

    #[test]
    fn a_series_number_after_the_opening_tag_is_framing() {
        let r = rule("");
        let text =
            "【家計見直し講座】第3回　医療保険は本当に必要？\n\n医療保険が本当に必要か考えます。\n";
        assert_hits(&r, text, &[]);
        // A number inside the tag is the tag's (this once sliced past the tag's end).
        assert_hits(&r, "【監督は通算第3回】\n\n監督は通算第3回。\n", &[]);
        // Inside a title's words it is a claim.
        let text = "医療保険の第3回講座\n\n医療保険の講座を開きます。\n";
        assert_hits(&r, text, &["第3回"]);
        // A tag in angle brackets frames the title as 【…】 does, and numbers it.
        let text =
            "〈連載・まちの居場所 第3回〉空き店舗を子ども食堂に\n\n空き店舗を子ども食堂にする。\n";
        assert_hits(&r, text, &[]);
        let text =
            "〈連載・まちの居場所〉第3回　空き店舗を子ども食堂に\n\n空き店舗を子ども食堂にする。\n";
        assert_hits(&r, text, &[]);
        let text =
            "連載・まちの居場所 第3回 空き店舗を子ども食堂に\n\n空き店舗を子ども食堂にする。\n";
        assert_hits(&r, text, &["まち"]);
    }

    #[test]
    fn a_raise_by_an_amount_is_the_difference_of_two_body_values() {
        let r = rule("");
        let text = |to: &str| {
            format!(
                "東西電鉄、初乗り10円引き上げ\n\n東西電鉄は初乗り運賃を現行の150円から{to}に引き上げる。\n"
            )
        };
        assert_hits(&r, &text("160円"), &[]);
        assert_hits(&r, &text("170円"), &["10円"]);
    }

    #[test]
    fn an_object_the_body_leaves_undecided_or_planned_does_not_support_the_action() {
        // As ja-news: a lone reworded action is no finding, so only the body's answer makes one.
        let r = rule("weak_units: majority\n");
        let related = |text: &str| -> Vec<(String, String)> {
            hits(&r, text)
                .iter()
                .map(|f| {
                    let rel = f.related.iter().map(|x| text[x.span.range()].to_string());
                    (
                        text[f.span.range()].to_string(),
                        rel.collect::<Vec<_>>().join("|"),
                    )
                })
                .collect()
        };
        // A decision whose object the body tells as not announced.
        assert_eq!(
            related(
                "新作ゲーム、発売日決定\n\n人気ゲームの新作が今冬に発売される。具体的な発売日はまだ発表されていません。\n"
            ),
            vec![(
                "決定".to_string(),
                "発売日はまだ発表されていません".to_string()
            )]
        );
        // A completion whose object the body tells as planned.
        assert_eq!(
            related(
                "探査機かぐら、月面着陸に成功\n\n探査機かぐらは順調に飛行している。月面への着陸は来年3月ごろを予定している。\n"
            ),
            vec![("成功".to_string(), "着陸は来年3月ごろを予定".to_string())]
        );
        // A completion whose object the body tells at a step before it (提出する), past an
        // announcement of the object (発表した), which tells nothing of it.
        assert_eq!(
            related(
                "北浜市、予算案を可決\n\n北浜市は予算案を発表した。予算案は2月定例会に提出する。\n"
            ),
            vec![("可決".to_string(), "予算案は2月定例会に提出".to_string())]
        );
        // The object past one adjunct with で (予算案を市議会で可決).
        assert_eq!(
            related(
                "北浜市、予算案を市議会で可決\n\n北浜市は予算案を発表した。予算案は2月の市議会に提出する。\n"
            ),
            vec![("可決".to_string(), "予算案は2月の市議会に提出".to_string())]
        );
        // A decision (決定) is told by an announcement of its object.
        assert_hits(
            &r,
            "北浜市、予算案を決定\n\n北浜市は予算案を発表した。予算案は2月定例会に提出する。\n",
            &[],
        );
        // A decision's date planned is a date decided; a mention modifying another noun
        // (映画化の時期) is about that noun; one mention told otherwise tells the object.
        for text in [
            "新作ゲーム、発売日決定\n\n人気ゲームの新作が発売される。発売日は12月5日を予定している。\n",
            "人気漫画の映画化決定\n\n人気漫画の映画化が決まった。映画化の時期は未定だ。\n",
            "新作ゲーム、発売日決定\n\n新作ゲームの発売日は12月5日だ。ただ、発売日は地域によってまだ発表されていない。\n",
        ] {
            assert_hits(&r, text, &[]);
        }
    }

    #[test]
    fn a_difference_is_held_to_its_rounding_and_may_be_stated() {
        let r = rule("");
        let text = |gap: &str| {
            format!(
                "桜川市長選、新人が初当選　現職を{gap}で破る\n\n桜川市長選は新人の村瀬氏が1万8432票を獲得し、現職の佐藤氏（1万6391票）を破って初当選した。\n"
            )
        };
        // 2,041 votes apart: 約2千 (±10%) and 2千 (rounded, at most 5%) hold it.
        for gap in ["約2千票差", "2千票差", "2041票差"] {
            assert_hits(&r, &text(gap), &[]);
        }
        assert_hits(&r, &text("2500票差"), &["2500票差"]);
        // ゲーム差を1.5に: the body states the difference.
        let text = |gap: &str| {
            format!(
                "海星、5連勝で首位と{gap}\n\n海星は勝って5連勝とし、首位とのゲーム差を1.5に縮めた。\n"
            )
        };
        assert_hits(&r, &text("1.5差"), &[]);
        assert_hits(&r, &text("2.5差"), &["2.5差"]);
    }

    #[test]
    fn a_count_is_supported_in_a_counter_of_its_synonyms() {
        let r = rule("synonyms: [[モデル, 機種]]\n");
        let text = "Kairo 7の3モデルを比較\n\n瑞光電子はKairo 7シリーズ3機種を発売し、比較した。\n";
        assert_hits(&r, text, &[]);
        assert_hits(&rule(""), text, &["3モデル"]);
    }

    #[test]
    fn a_place_with_a_route_or_origin_suffix_is_supported_by_the_place() {
        let r = rule("");
        let text = "スカイマリン、東浜―那覇線を就航\n\nスカイマリンは、東浜空港と那覇空港を結ぶ路線を就航する。\n";
        assert_hits(&r, text, &[]);
        let text = "東浜県産コシヒカリ、1等米比率78%\n\n東浜県は、今年産のコシヒカリの1等米比率が78%になったと発表した。\n";
        assert_hits(&r, text, &[]);
        // The place itself missing from the body is still missing.
        let text = "スカイマリン、東浜―那覇線を就航\n\nスカイマリンは、東浜空港と札幌空港を結ぶ路線を就航する。\n";
        assert_hits(&r, text, &["那覇線"]);
    }

    #[test]
    fn a_how_to_title_s_promise_is_framing() {
        let r = rule("");
        let text = "親子丼の作り方｜卵は2回に分けて入れるのがコツ\n\n親子丼を作ります。卵は2回に分けて入れます。\n";
        assert_hits(&r, text, &[]);
        // What a personal article is: a noun with the suffix 記 (完走記), 日記.
        for genre in ["完走記", "日記"] {
            let text = format!("初マラソン{genre}\n\n初マラソンを走った。\n");
            assert_hits(&r, &text, &[]);
        }
        // 明記 is one word, an action the body must tell.
        let text = "条例に明記\n\n市は条例の改正案を議会に出した。\n";
        assert_hits(&r, text, &["明記"]);
        // What a personal review says of itself (リアルな感想, 家計の見直し術) is framing too;
        // a word merely ending in the same characters is not: the framing word starts a token
        // (見直し|術, not 技術; 5選, not 初当選).
        let text = "格安SIMに乗り換えたリアルな感想\n\n格安SIMに乗り換えた。通信速度は十分だ。\n";
        assert_hits(&r, text, &[]);
        let text = "家計の見直し術\n\n家計を見直した。固定費を削った。\n";
        assert_hits(&r, text, &[]);
        let text = "A社、新技術を開発\n\nA社は新しい製品を作った。\n";
        assert_hits(&r, text, &["新技術"]);
        let text = "田中氏が初当選\n\n市長選で田中氏が勝った。\n";
        assert_hits(&r, text, &["初当選"]);
    }

    #[test]
    fn a_count_of_one_is_supported_by_a_narration_of_one() {
        let r = rule("");
        let text = "国道で正面衝突　1人死亡\n\n国道で車が正面衝突した。助手席の中島和子さん（68）が病院で死亡した。\n";
        assert_hits(&r, text, &[]);
        // A body count of another value before the same word contradicts it; a body that
        // never tells the event does not support it.
        let text = "国道で正面衝突　1人死亡\n\n国道で車が正面衝突し、2人が死亡した。\n";
        assert_hits(&r, text, &["1人"]);
        let text = "国道で正面衝突　1人死亡\n\n国道で車が正面衝突した。けが人はいなかった。\n";
        assert_hits(&r, text, &["1人"]);
        // A person's state (けが, 重体) narrated of someone; not as a count's name (けが人),
        // and not for a measure (1年間無料).
        let text =
            "国道で正面衝突　1人けが\n\n国道で車が正面衝突し、60代の男性が軽いけがをした。\n";
        assert_hits(&r, text, &[]);
        let text = "国道で正面衝突　1人けが\n\n国道で車が正面衝突した。けが人はいなかった。\n";
        assert_hits(&r, text, &["1人"]);
        let text = "新線が開業　乗車は1年間無料\n\n新線が開業した。開業日の乗車は無料だった。\n";
        assert_hits(&r, text, &["1年間"]);
    }

    #[test]
    fn a_count_of_people_is_supported_by_the_people_narrated() {
        let r = rule("");
        // Two people named in two sentences of the event.
        let text = "大雨で土砂崩れ、2人死亡\n\n大雨で土砂崩れが起き、80代の女性が下敷きになって死亡した。用水路を見に行った70代の男性も流され、死亡が確認された。\n";
        assert_hits(&r, text, &[]);
        // People counted and a person named, in one sentence.
        let text = "バスと乗用車が衝突、5人けが\n\n交差点でバスと乗用車が衝突した。バスの乗客4人と、乗用車を運転していた男が軽いけがをした。\n";
        assert_hits(&r, text, &[]);
        // One more or fewer than narrated is no support.
        let text = "大雨で土砂崩れ、3人死亡\n\n大雨で土砂崩れが起き、80代の女性が下敷きになって死亡した。用水路を見に行った70代の男性も流され、死亡が確認された。\n";
        assert_hits(&r, text, &["3人"]);
        // A person counted by a number is not named again (2人の男性).
        let text = "国道で事故、3人けが\n\n国道で事故があり、2人の男性が軽いけがをした。\n";
        assert_hits(&r, text, &["3人"]);
    }

    #[test]
    fn an_age_group_is_supported_by_an_age_in_it() {
        let r = rule("");
        let text = "80代の母親が搬送\n\n家には母親（81）が1人でいた。母親は病院に搬送された。\n";
        assert_hits(&r, text, &[]);
        let text = "80代女性が搬送\n\n家にいた女性（84歳）は病院に搬送された。\n";
        assert_hits(&r, text, &[]);
        // An age outside the group is no support.
        let text = "80代の母親が搬送\n\n家には母親（79）が1人でいた。母親は病院に搬送された。\n";
        assert_hits(&r, text, &["80代"]);
    }

    #[test]
    fn emoji_and_symbols_in_a_headline_claim_nothing() {
        // Every missing word reported, weak or not.
        let r = rule("weak_units: report\n");
        // Every word of the headline is in the body; the emoji and the star are not words.
        let text = "札幌で大雪😀★\n\n札幌で大雪が降った。\n";
        assert_hits(&r, text, &[]);
        // A missing name next to an emoji is still reported, and the emoji is not.
        let text = "函館で大雪😀\n\n札幌で大雪が降った。\n";
        assert_hits(&r, text, &["函館"]);
    }

    #[test]
    fn headings_count_only_names_and_numbers_by_default() {
        let r = rule("");
        let text = "北海道で大会\n\n1. 北海道大会の展望\n\n北海道で大会が開かれる。\n\n\
            2. 沖縄の2030年計画\n\n北海道の大会は続く。\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert_eq!(describe(text, &found[0]).0, "沖縄");
        assert_eq!(found[0].message, "見出し:「沖縄」「2030年」");
        assert_hits(&rule("check_headings: false\n"), text, &[]);
        // A common noun before 氏 is a name: salient.
        assert_hits(
            &r,
            "北海道で大会\n\n1. トランプ氏の展望\n\n北海道で大会が開かれる。\n",
            &["トランプ"],
        );
        let all = rule("heading_units: all\n");
        let found: Vec<_> = hits(&all, text)
            .iter()
            .map(|f| describe(text, f).0)
            .collect();
        assert_eq!(found, ["展望", "沖縄"]);
    }

    #[test]
    fn heading_evidence_contradiction_reports_only_what_the_body_contradicts() {
        let r = rule("heading_evidence: contradiction\nopposites: [[実刑, 執行猶予]]\n");
        // 東京 and 大阪 are only absent from the body: the summary may compress; the title is
        // still held to absence.
        let text = "東京で開催\n\nこの記事の要約\n\n・東京で開催される。\n・大阪の計画もある。\n\n本文\n\n\
            会議が開催される。\n";
        assert_hits(&r, text, &["東京"]);
        // Another value of the quantity, or the opposite word, is reported in a summary or a
        // heading.
        let text = "台風10号が接近\n\n台風10号が接近し、県内では停電戸数が1万2000戸に上った。\n\n\
            この記事の要約\n\n・停電は3万戸に上った\n";
        assert_hits(&r, text, &["3万戸"]);
        let text = "元職員に判決\n\n## 元職員に実刑\n\n地裁は元職員に懲役3年、執行猶予5年の判決を言い渡した。\n";
        let all = rule(
            "heading_evidence: contradiction\nheading_units: all\nopposites: [[実刑, 執行猶予]]\n",
        );
        assert_eq!(markdown_hits(&all, text), ["実刑"]);
    }

    #[test]
    fn summary_bullets_neither_support_nor_escape() {
        let r = rule("");
        // The headline's 東京 is only in the summary: not supported.
        let text = "東京で開催\n\nこの記事の要約\n\n・東京で開催される。\n・大阪の計画もある。\n\n本文\n\n\
            会議が開催される。\n";
        let found = hits(&r, text);
        let shown: Vec<_> = found
            .iter()
            .map(|f| (describe(text, f).0, f.message.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("東京", "タイトル:「東京」"),
                ("東京", "要約:「東京」"),
                ("大阪", "要約:「大阪」")
            ]
        );
        assert_hits(&rule("check_summary: false\n"), text, &["東京"]);
    }

    #[test]
    fn links_to_other_articles_are_not_body() {
        // 値上げ only in a related article's title neither supports a title's 値上げ nor
        // contradicts its 据え置き.
        let r = rule("opposites: [[据え置き, 値上げ]]\n");
        for heading in ["【関連記事】", "## あわせて読みたい"] {
            let links = format!("\n\n{heading}\n・スマホ各社、秋の新製品で値上げ相次ぐ\n");
            assert_hits(
                &r,
                &format!("A社、新スマホを値上げ\n\nA社は新しいスマホを発売する。{links}"),
                &["値上げ"],
            );
            assert_hits(
                &r,
                &format!(
                    "A社、新スマホの価格は据え置き\n\nA社は新しいスマホを発売する。価格は据え置きとした。{links}"
                ),
                &[],
            );
        }
    }

    #[test]
    fn boilerplate_and_source_lines_are_not_body() {
        let r = rule("synonyms: [[拒否, 一蹴]]\n");
        let text = "新型機をシェア\n\n新型機が発表された。\n\nよかったらシェアしてね!\n\n\
            参考動画:新型機の発売を一蹴!\n\n引用:https://example.com/シェア\n\n参考記事:https://example.com/x\n";
        let found = hits(&r, text);
        let shown: Vec<_> = found.iter().map(|f| describe(text, f)).collect();
        assert_eq!(
            shown,
            [
                ("シェア", vec![]),
                ("発売", vec![("一蹴", "本文に記述がない".to_string())]),
            ]
        );
        assert_eq!(found[1].message, "参考動画のタイトル:「発売」「一蹴」");
        // A related story's title tells another story: neither checked nor body.
        let text = "新型機を発表\n\n新型機が発表された。\n\n関連記事:旧型機の販売終了へ 来月から\n";
        assert_hits(&r, text, &[]);
        let text = "新型機の販売終了\n\n新型機が発表された。\n\n関連記事:新型機の販売終了へ\n";
        assert_hits(&r, text, &["販売"]);
    }

    #[test]
    fn a_title_prefix_and_an_edition_year_are_not_claims_of_their_own() {
        let r = rule("");
        // 元日本代表: the body tells 日本代表 without the prefix.
        assert_hits(
            &r,
            "瀬戸内FC、新監督に元日本代表の森下氏\n\n瀬戸内FCの新監督の森下氏は日本代表として活躍した。\n",
            &[],
        );
        assert_eq!(
            hits(
                &r,
                "瀬戸内FC、新監督に元日本代表の森下氏\n\n瀬戸内FCの新監督の森下氏は現役時代に活躍した。\n"
            )
            .len(),
            1
        );
        // 紅葉2025｜…: the guide's edition; 紅葉2025の… is a claim.
        let body = "\n\n白峰高原の紅葉の見頃は10月だ。\n";
        assert_hits(&r, &format!("白峰高原の紅葉2025｜見頃まとめ{body}"), &[]);
        // シティマラソン2024、…: an event's edition before a comma.
        assert_hits(&r, &format!("白峰高原の紅葉2025、見頃は10月{body}"), &[]);
        assert_hits(&r, &format!("白峰高原の紅葉2025の見頃{body}"), &["2025"]);
        // 紅葉2025完全ガイド: a framing phrase closes the edition as a separator does.
        assert_hits(&r, &format!("白峰高原の紅葉2025完全ガイド{body}"), &[]);
        assert_hits(
            &r,
            &format!("白峰高原の紅葉2025完全攻略{body}"),
            &["2025完全"],
        );
    }

    #[test]
    fn a_cited_videos_length_and_kind_are_not_claims() {
        let r = rule("");
        // The video's length in the brackets that close its title, and what the video is
        // (公式, 予告編, ハイライト), frame it; its subject is still a claim.
        let text = "新作映画を見た\n\n新作映画を見た。港町の物語だった。\n\n\
            参考動画:【公式】映画 港町 予告編(約1分30秒)\n\n\
            参考動画:港町のハイライト動画(12分)\n\n参考動画:山田監督が語る撮影秘話(8分)\n";
        let found = hits(&r, text);
        let shown: Vec<_> = found.iter().map(|f| describe(text, f).0).collect();
        assert_eq!(shown, ["山田"]);
        assert!(
            found[0].message.contains("「山田」「監督」"),
            "{}",
            found[0].message
        );
        assert!(!found[0].message.contains("8分"), "{}", found[0].message);
        // A number inside the title, not in its closing brackets, is still a claim.
        let text = "新作映画を見た\n\n新作映画を見た。港町の物語だった。\n\n\
            参考動画:港町の新作映画(公開3日目)が1位\n";
        let found = hits(&r, text);
        assert_eq!(found.len(), 1);
        assert!(
            found[0].message.contains("「3日目」"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn table_of_contents_and_boilerplate_titles_are_skipped() {
        let r = rule("");
        let md = "# 東京でAI会議\n\n## 目次\n\n- 大阪の展望\n\n## 大阪の展望\n\n\
            会議が東京で開かれた。AIの話題が中心だった。\n";
        let doc = Document::parse("t.md", md.to_string(), Format::Markdown);
        let morphology = Morphology::new();
        let analysis = Analysis::new(&morphology, &doc.text);
        let found = run_rule(&r, &doc, &analysis);
        let spans: Vec<_> = found.iter().map(|f| f.span.start).collect();
        // The 目次 entry neither supports the heading nor is checked itself.
        assert_eq!(spans, [md.rfind("大阪").unwrap()]);
        assert_hits(
            &r,
            "当ページのリンクには広告が含まれています。\n\n東京で会議が開かれた。\n",
            &[],
        );
    }

    #[test]
    fn a_heading_repeating_the_title_is_no_support_and_is_reported() {
        let r = rule("");
        let text =
            "東京でJSA会議\n\n会議が開かれた。\n\nまとめ:東京でJSA会議\n\n会議は終わった。\n";
        let found = hits(&r, text);
        let shown: Vec<_> = found.iter().map(|f| describe(text, f)).collect();
        let title = &text[..text.find('\n').unwrap()];
        assert_eq!(
            shown[0],
            ("東京", vec![("JSA", "本文に記述がない".to_string())])
        );
        assert_eq!(found[1].message, "見出し:「東京」「JSA」");
        assert_eq!(
            shown[1].1.last().unwrap(),
            &(title, "タイトルと同じ主張".to_string())
        );
        // A body line restating the title supports nothing either.
        assert_hits(
            &r,
            "東京でJSA会議\n\n東京でJSA会議!\n\n会議が開かれた。\n",
            &["東京"],
        );
    }

    #[test]
    fn min_coverage_and_ignore() {
        let text = "東京と大阪で速報会議\n\n東京で会議が開かれた。\n";
        assert_hits(&rule(""), text, &["大阪"]);
        assert_hits(&rule("min_coverage: 0.5\n"), text, &[]);
        assert_hits(&rule("min_coverage: 0.9\n"), text, &["大阪"]);
        assert_hits(
            &rule("ignore: [速報会議, 大阪]\n"),
            "東京と大阪で会合\n\n東京で会合。\n",
            &[],
        );
    }

    #[test]
    fn documents_without_body_are_not_judged() {
        assert_hits(&rule(""), "東京で会議\n", &[]);
        assert_hits(
            &rule(""),
            "東京で会議\n\n目次\n\nよかったらシェアしてね!\n",
            &[],
        );
    }

    #[test]
    fn spec_errors_are_located() {
        let load = |extra: &str| {
            rule_errors_from_yaml(&format!("kind: headline-support\nmessage: x\n{extra}"))
        };
        let e = load("min_coverage: 1.5\n");
        assert!(
            e[0].message.contains("between 0.0 and 1.0"),
            "{}",
            e[0].message
        );
        let e = load("boilerplate: ['(']\n");
        assert!(e[0].message.contains("invalid regex"), "{}", e[0].message);
        let e = load("synonyms: [[総理]]\n");
        assert!(e[0].message.contains("at least two"), "{}", e[0].message);
        let e = load("heading_units: some\n");
        assert!(e[0].message.contains("unknown variant"), "{}", e[0].message);
        let e = load("min_coverag: 1\n");
        assert!(e[0].message.contains("unknown key"), "{}", e[0].message);
    }

    #[test]
    fn unit_splitting() {
        let morphology = Morphology::new();
        let a = Analysis::new(
            &morphology,
            "トランプ前大統領が石破茂総理のアジア版NATO提案を拒否し、約90光年先の系外惑星で2027年3月に46.59%の水を検出する木村氏、木村さやからが会談後に大阪側と　2割増　ゲーム、40号本塁打",
        );
        let units: Vec<String> = split_units(&a, 0..a.tokens.len(), Lexicons::builtin())
            .iter()
            .map(|u| u.key(&a))
            .collect();
        assert_eq!(
            units,
            [
                "トランプ",
                "前大統領",
                "石破茂",
                "総理",
                "アジア版NATO",
                "提案",
                "拒否",
                "90光年先",
                "系外惑星",
                "2027年3月",
                "46.59%",
                "水",
                "検出",
                "木村",
                "木村さやか",
                "会談",
                "大阪",
                "2割増",
                "ゲーム",
                "40号",
                "本塁打",
            ]
        );
    }

    #[test]
    fn clean_fixtures_have_no_findings() {
        let r = builtin();
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures/clean exists") {
            let path = entry.expect("dir entry").path();
            let (source, found) = run_file(&r, &path);
            let shown: Vec<_> = found
                .iter()
                .map(|f| (&source[f.span.range()], f.message.as_str()))
                .collect();
            assert!(shown.is_empty(), "{}: {shown:?}", path.display());
            checked += 1;
        }
        assert!(checked >= 6, "only {checked} clean fixtures");
    }

    #[test]
    fn seed_article_findings() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let (source, found) = run_file(&builtin(), &path);
        let shown: Vec<_> = found.iter().map(|f| describe(&source, f)).collect();
        let missing = |s: &'static str| (s, "本文に記述がない".to_string());
        let title = source.lines().next().unwrap();
        // The body sentence nearest to the title's claim: the lead.
        let lead = "日本政府は、アメリカ大統領選でトランプ前大統領の当選が確実となったことを受け、石破茂首相がトランプ氏との関係構築を急いでいます。";
        let nearest = (
            lead,
            "本文で最も近い記述（「トランプ」「大統領」「石破茂」を含む）".to_string(),
        );
        assert_eq!(
            shown,
            [
                (
                    "アジア版NATO",
                    vec![missing("提案"), missing("拒否"), nearest.clone()]
                ),
                (
                    "アジア版NATO",
                    vec![(title, "タイトルと同じ主張".to_string())]
                ),
                ("アジア版NATO", vec![missing("一蹴"), nearest]),
            ]
        );
        // The headline's finding is on line 1, the repeat on the まとめ heading, the last on
        // the 参考動画 line.
        let line_of = |f: &Finding| source[..f.span.start].matches('\n').count() + 1;
        assert_eq!(found.iter().map(line_of).collect::<Vec<_>>(), [1, 61, 65]);
        assert!(
            found[0]
                .message
                .contains("「アジア版NATO」「提案」「拒否」")
        );
        assert!(
            found[2].message.starts_with(
                "参考動画のタイトルの「アジア版NATO」「一蹴」は本文で裏付けられていません"
            ),
            "{}",
            found[2].message
        );
    }
}
