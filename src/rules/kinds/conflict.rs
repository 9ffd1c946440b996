//! `kind: conflict`: the same subject described with mutually exclusive attributes, such as
//! 「トランプ大統領」 in the headline and 「トランプ前大統領」 in the body, or 「再選」 and
//! 「初当選」 for one person.
//!
//! ```yaml
//! kind: conflict
//! message: "「{subject}」が「{match}」（{attribute}）と「{other_match}」（{other}）の両方で書かれています"
//! subjects: auto            # default; or a list of names: [トランプ, [石破, 石破茂]]
//! titles: [大統領, [首相, 総理]]   # optional: each entry (with its aliases) is its own set
//! attributes:               # one exclusion set: every pair of attributes excludes each other
//!   - name: 前職            # shown as {attribute} / {other}
//!     terms: ["前{title}", "元{title}"]
//!   - name: 現職
//!     terms: ["{title}", "現{title}"]
//! transitions: [就任, 昇格]   # optional: words narrating a change; no report next to one
//! # sets:                   # instead of `attributes`: several independent exclusion sets
//! #   - titles: [...]       #   (optional, per set)
//! #     attributes: [...]
//! #     transitions: [起訴]  #   (optional, per set)
//! particles: [の, が, は]   # default; `[]` attaches attributes only directly (トランプ前大統領)
//! lexicons:                 # the shared word lists, changed for this rule (docs/rules.md)
//!   titles: {add: [顧問]}  # a name followed by 顧問 is a subject too
//! scope: subject            # default; `document`: terms of two attributes anywhere conflict
//! ```
//!
//! Algorithm (`scope: subject`), one linear pass per sentence:
//! 1. Subjects. With `subjects: auto`, a subject is a run of name tokens (IPADIC person names,
//!    katakana and Latin words, since トランプ is 名詞,一般 and ロバーツ is ロ + バーツ) directly
//!    followed by an attribute term or an honorific. A 姓 + 名 pair is keyed by the surname and
//!    a katakana `名・姓` by the part after the last `・` (鷲尾ホークス・高梨, a team and its
//!    player, gives no given name), so 石破茂 and 石破 are one subject;
//!    when a surname occurs with two different given names, only full names are used. A
//!    common noun written like a surname the text gives a full name for (山下 beside 山下亮太:
//!    the segmenter reads 山下 alone as 名詞,一般) is that surname, and so is the first of two
//!    kanji proper nouns with an age in brackets after them or after a title written onto them
//!    (佐伯拓海（34）, 佐伯拓海主将（34）, which the segmenter
//!    reads as two places: a person, named as news names people); a katakana position written
//!    onto a kanji name (主将のフランカー佐伯拓海) is not part of the name; a one-kanji prefix
//!    glued after a given name (真 of 三宅拓真七段) is part of it, unless a title prefix
//!    (山田太郎前社長), and so is one kanji proper noun glued between a surname and a title or
//!    personal honorific (拓海 of 佐伯拓海八段, a place to the segmenter). An unknown
//!    katakana word ending with a term (ソウザコーチ, ガルシア・アシスタントコーチ: the segmenter
//!    reads name and title as one word) is that name with that term when the name is written
//!    elsewhere as a person's (ガルシア監督, リカルド・ソウザ監督). Runs
//!    never seen as a person (with a given name, or before 氏/さん/選手/..., or an age, or a lone surname
//!    before a title that is not an office named after a place or company: 木村監督 but not
//!    松本市長) are ignored, which keeps offices such as 「ソニーグループ社長」 and
//!    「アメリカ大統領」 out. A list of `subjects` is matched literally instead, without that
//!    evidence.
//! 2. Mentions. An attribute attaches when its term directly follows the subject (with an
//!    optional country abbreviation: トランプ米大統領; after a full name, with a department of
//!    one or two common nouns: 中村浩二建設部長; a department before の may end with a unit
//!    suffix, 技術開発部次長の; after a surname the article writes in full
//!    elsewhere, with a function's department: 石黒広報課長), or precedes it before の (an
//!    abbreviation in brackets read past: 最高技術責任者（CTO）の三船隆之氏), or follows subject + honorific (with an
//!    optional 前/元/現/新/故/次期) + one of `particles` + at most one short modifier. Terms
//!    are matched on whole tokens, longest first (前大統領 is not also 大統領). With linking
//!    particles, a subject + honorific + は/が also takes the first term further on in its
//!    clause when that term is the predicate (井上陽子氏(26)は、…2,814票を集めて初当選を
//!    果たした; not past a bracket, another は/が or a date; a name with its age and no
//!    honorific, 桜井蓮（29）が, counts as one with it), or, failing that, a role it serves at
//!    its clause's end however far on (…映画「霧の関所」で…主演を務めることが分かった: past a
//!    title in brackets, not past another は/が, person or past time; not a role that
//!    describes a noun, 主演を務める俳優), and a term written before the
//!    name attaches as an apposition (主演の桐谷美咲さん, 元社長である西村さん; closed by で and
//!    a comma before the clause that ends at the name when the term follows の or opens its
//!    clause: 同社の元社長で、今は観光協会長を務める森下氏; set off by a
//!    comma before a full name when the term follows の or opens its clause: 保存会の会長、
//!    藤田正男さん, not 山田一郎さんが会長、山本健一氏が社長に) or in a relative clause the
//!    person achieved it in (再選を果たした川村氏, 助演として物語を支えた桐谷さん), holds it in
//!    (実行委員長を務める大楠氏; for a rule whose terms attach only directly, only this one,
//!    in the present: 監督を務める三浦さん, not 監督を務めた) or took it (`role-taking-verbs` after に: 助演に回った水野さん),
//!    also past a position before the name (主将の遊撃手・矢島蓮), unless it ends a longer
//!    word (前主将の, 4代目社長の); 副 + one or two nouns + a term is the term's deputy when
//!    the rule lists one (副実行委員長: 副委員長). A mention is dropped when its term is part
//!    of a longer compound (大統領選, 再選挙), is qualified as past (大統領(当時), a year or
//!    前回 in the same clause: 2017年に初当選, or a past marker set off at the sentence's
//!    start: 当時、斎藤組合長は), is negated or hypothetical (再選ならず, 当選すれば), is
//!    followed by の after a particle (前大統領のトランプ氏 describes someone else), or, after
//!    が/は or no particle, continues as a relative clause (当選した候補) or object (再選を支持).
//! 3. Report. A pair is skipped when one of its set's `transitions` occurs next to the later
//!    mention (in its sentence or the one before or after it in its paragraph: 「…容疑者を
//!    逮捕した。地検は12月、…起訴した」), in a sentence naming both attributes (「副主将から主将
//!    に昇格」), or in any sentence before the later mention after the person's name and one
//!    of the two titles (「地検は高野容疑者を起訴した」). A transition elsewhere narrates another
//!    change, and so does one into a title outside the pair (「学部長に就任予定の村上教授」: not
//!    准教授 → 教授); a word naming the record of a change already made (起訴内容, 起訴事実)
//!    narrates none, nor does one about another person (後任選び, 前任者, 退任した前任者).
//!    Per subject and exclusion set, the first mention of each attribute is kept; each pair
//!    of attributes present is reported once, at the later of the two first mentions, with
//!    the earlier one as the related span.
//!
//! With `scope: document` there are no subjects: the first occurrences (on token boundaries)
//! of terms of two attributes of one set anywhere in the document conflict.
//!
//! Placeholders: `{subject}` (the subject's name: the surname, or the full name when the
//! surname is ambiguous; empty with `scope: document`),
//! `{attribute}` and `{match}` (the reported mention's attribute name and term), `{other}` and
//! `{other_match}` (the earlier, related mention's).

use std::collections::HashMap;
use std::sync::Arc;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use super::preselect::sentences_holding;
use super::{CompileContext, Context, normalize_terms};
use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::document::{Document, Sentence};
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::{
    Analysis, Conjugation, Labels, LexiconEdit, LexiconId, Lexicons, Pos, bracketed_age,
    is_hiragana, is_kanji, is_katakana,
};
use crate::rules::message::Message;
use crate::rules::spec::RuleSource;
use crate::span::Span;

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// `subject` (default): attributes of one subject conflict; `document`: anywhere.
    #[serde(default)]
    pub scope: Scope,
    /// `auto` (default) or a list of names, each a string or a list of aliases.
    #[serde(default)]
    pub subjects: Option<Subjects>,
    /// Expands `{title}` in the terms of `attributes`: one exclusion set per entry.
    #[serde(default)]
    pub titles: Vec<OneOrMany>,
    /// One exclusion set.
    #[serde(default)]
    pub attributes: Vec<AttributeSpec>,
    /// Words that narrate a change from one attribute to another (起訴 turns a 容疑者 into a
    /// 被告): a pair of attributes is not reported when one occurs next to the later of the
    /// two mentions (its sentence, or the one before or after it in its paragraph) or in a
    /// sentence naming both attributes.
    #[serde(default)]
    pub transitions: Vec<String>,
    /// Words telling that a person left a position (退任, 辞任, 引退): a pair of attributes is
    /// not reported when a sentence anywhere names the person with one
    /// (「田村修一監督が退任し」 … 「田村前監督は」: the sitting title before, the former one after);
    /// not a departure whose clause has another subject with が (「坂口会長が退任し、山下氏を中心と
    /// する体制に」 is no departure of 山下).
    #[serde(default)]
    pub departures: Vec<String>,
    /// Several independent exclusion sets (instead of `attributes`).
    #[serde(default)]
    pub sets: Vec<SetSpec>,
    /// Particles linking subject (+ honorific) and attribute; replaces the lexicon
    /// `linking-particles` (の, が, は) for this rule.
    #[serde(default)]
    pub particles: Option<Vec<String>>,
    /// Deprecated: extra titles that may follow a name; the same as
    /// `lexicons: {titles: {add: [...]}}`.
    #[serde(default)]
    pub honorifics: Vec<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    #[default]
    Subject,
    Document,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Subjects {
    Auto(String),
    Names(Vec<OneOrMany>),
}

/// A name, or a list of aliases whose first entry is the one shown.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn items(&self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s.clone()],
            OneOrMany::Many(v) => v.clone(),
        }
    }
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributeSpec {
    /// The attribute's name, shown as `{attribute}` in the message; with `titles`, `{title}`
    /// in it is the set's title (`副{title}`: 副本部長).
    pub name: String,
    /// Words that state the attribute (`{title}` is expanded with `titles`).
    pub terms: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SetSpec {
    /// Expands `{title}` in this set's terms: one exclusion set per entry.
    #[serde(default)]
    pub titles: Vec<OneOrMany>,
    /// The attributes of this set, which exclude each other.
    pub attributes: Vec<AttributeSpec>,
    /// Words that narrate a change from one attribute to another (起訴, 就任): a pair of this
    /// set's attributes is not reported when one occurs next to the later of the two mentions
    /// (in its sentence, or the sentence before or after it in its paragraph: 「…石黒容疑者を
    /// 逮捕した。地検は12月、石黒容疑者を起訴した」 after a lead about 石黒被告), or in a
    /// sentence naming both attributes (「新監督に森下ヘッドコーチが昇格」). A transition
    /// elsewhere narrates another change (「2021年に就任した荒木監督」 in an article about a
    /// 主将; 起訴状 in the lead of an article that later calls the 被告 a 容疑者 at trial).
    #[serde(default)]
    pub transitions: Vec<String>,
    /// Words telling that the person left a position (退任, 辞任, 引退): a pair of this set's
    /// attributes is not reported when a sentence anywhere names the person with one
    /// (「田村修一監督が退任し」 … 「田村前監督は」); not a departure whose clause has another
    /// subject with が (坂口会長が退任し).
    #[serde(default)]
    pub departures: Vec<String>,
}

pub const PLACEHOLDERS: &[&str] = &["subject", "attribute", "match", "other", "other_match"];

const TITLE: &str = "{title}";

const EXAMPLE: &str = "add e.g.
  attributes:
    - name: 前職
      terms: [前大統領, 元大統領]
    - name: 現職
      terms: [大統領]";

/// The lexicons this kind reads.
pub const LEXICONS: &[LexiconId] = &[
    LexiconId::NameSuffixes,
    LexiconId::PersonMarkers,
    LexiconId::OfficeTitles,
    LexiconId::TitlePrefixes,
    LexiconId::CountryAbbreviations,
    LexiconId::NonCompounding,
    LexiconId::TitleAnnotations,
    LexiconId::NegativeAuxiliaries,
    LexiconId::DenyingVerbs,
    LexiconId::AchievingVerbs,
    LexiconId::RoleTakingVerbs,
    LexiconId::PastMarkers,
    LexiconId::LinkingParticles,
];

/// An exclusion set: the names of its attributes.
#[derive(Debug)]
struct Set {
    attributes: Vec<String>,
    /// Words (NFKC) that narrate a change between the attributes.
    transitions: Vec<String>,
    /// Words (NFKC) that tell the person left a position, anywhere in the article.
    departures: Vec<String>,
    /// Per attribute, its terms (NFKC), for a sentence narrating a change between two.
    terms: Vec<Vec<String>>,
}

impl Set {
    /// True when the text narrates a change between the attributes of two mentions: a
    /// transition next to the `later` one (in its sentence, or in the sentence before or
    /// after it in its block), or in a sentence that names both attributes (「新監督に森下
    /// ヘッドコーチが昇格」); or a departure (`departures`) in a sentence naming the person.
    fn excused(
        &self,
        text: &str,
        doc: &Document,
        earlier: &Mention<'_>,
        later: &Mention<'_>,
    ) -> bool {
        let sentences = &doc.sentences;
        // Whether a sentence holds one of `words`.
        let holds =
            |sentence: &str, words: &[String]| words.iter().any(|w| sentence.contains(w.as_str()));
        // A sentence that tells this person left (「田村修一監督が退任し」 … 「田村前監督は」):
        // the surname and a departure in one sentence, anywhere in the article (not the
        // reason of an election: 任期満了に伴う市長選, nor another subject's: 坂口会長が退任し).
        let surname = later.subject.surname;
        if !self.departures.is_empty()
            && sentences.iter().any(|s| {
                let sentence = &text[s.span.range()];
                sentence.contains(surname) && tells_departure(sentence, &self.departures, surname)
            })
        {
            return true;
        }
        if self.transitions.is_empty() {
            return false;
        }
        let (x, y) = (earlier.member.attr, later.member.attr);
        let pair: Vec<&str> = self.terms[x]
            .iter()
            .chain(&self.terms[y])
            .map(String::as_str)
            .collect();
        let narrates =
            |s: &Sentence| narrates_change(&text[s.span.range()], &self.transitions, &pair);
        let names = |attr: usize, sentence: &str| holds(sentence, &self.terms[attr]);
        if let Some(k) = doc.sentence_index_at(later.term.start) {
            let own = &sentences[k];
            // A neighbouring sentence narrates this change when it tells of the person or of
            // one of the two titles, or when its change is nobody's in particular (その後起訴
            // された); not when the change is another noun's (事業者の交代で職員が入れ替わり
            // before 野村副館長).
            let about_pair = |s: &Sentence| {
                let sentence = &text[s.span.range()];
                sentence.contains(surname)
                    || names(x, sentence)
                    || names(y, sentence)
                    || occurs_where(sentence, &self.transitions, |before, _| {
                        !before.ends_with('の')
                    })
            };
            let first = k.saturating_sub(1);
            let near = &sentences[first..sentences.len().min(k + 2)];
            if near.iter().enumerate().any(|(n, s)| {
                s.block == own.block && narrates(s) && (first + n == k || about_pair(s))
            }) {
                return true;
            }
            // Any sentence before narrating this person's change, the person with one of the two
            // titles the object of the transition (「地検は高野容疑者を起訴した」 before 「高野被告は
            // 起訴内容を認めた」; not 「番組を担当してきた小野寺さん」, nor 「佐藤健一社長が就任会見で」,
            // the change into the title, not out of it).
            if sentences[..k].iter().any(|s| {
                let sentence = &text[s.span.range()];
                sentence.match_indices(surname).any(|(at, _)| {
                    let rest = &sentence[at..];
                    // The first of the two titles after the name, and what follows it.
                    let title_end = pair
                        .iter()
                        .filter_map(|t| rest.find(t).map(|i| (i, i + t.len())))
                        .min()
                        .map(|(_, end)| end);
                    // The change is the title's own: its object, a few characters on, in the
                    // same clause (高野容疑者を起訴; not 石井監督は「…交代で入った選手が…」).
                    title_end.is_some_and(|end| {
                        let Some(after) = rest[end..].strip_prefix('を') else {
                            return false;
                        };
                        let clause: String = after
                            .chars()
                            .take_while(|c| !"「」、。".contains(*c))
                            .take(TRANSITION_REACH)
                            .collect();
                        narrates_change(&clause, &self.transitions, &pair)
                    })
                })
            }) {
                return true;
            }
        }
        sentences.iter().any(|s| {
            let sentence = &text[s.span.range()];
            names(x, sentence) && names(y, sentence) && narrates(s)
        })
    }
}

/// Whether `sentence` holds one of the departure `words` telling the person of `surname`
/// left: not one that names why an election is held (任期満了に伴う市長選挙: the formula of
/// the lead), nor one whose own clause gives it another subject with が (「創業家出身の坂口会長
/// が退任し、山下氏を中心とする新体制に」 is 坂口's departure, not 山下's).
fn tells_departure(sentence: &str, words: &[String], surname: &str) -> bool {
    occurs_where(sentence, words, |before, after| {
        !["に伴う", "に伴い", "による"]
            .iter()
            .any(|c| after.starts_with(c))
            && !departs_another(before, surname)
    })
}

/// Whether the clause before a departure word (from the last comma or full stop) names a
/// subject with が that is not the person of `surname`.
fn departs_another(before: &str, surname: &str) -> bool {
    let clause = before.rsplit(['、', '。']).next().unwrap_or(before);
    clause.contains('が') && !clause.contains(surname)
}

/// Whether `sentence` holds one of the transition `words` narrating a change of the titles
/// `pair`: not one that counts the time spent in a post since (「就任1年目のガルシア・アシスタ
/// ントコーチ」「就任2年目」), which tells how long a title has been held, nor one naming its
/// record ([`names_its_record`]: 起訴内容), nor one into another title (「学部長に就任予定の村上
/// 教授」 narrates no change between 教授 and 准教授), nor one about another person
/// ([`about_another`]: 「北村副社長は後任選びについて」 is the search for someone else's successor).
fn narrates_change(sentence: &str, words: &[String], pair: &[&str]) -> bool {
    occurs_where(sentence, words, |before, after| {
        !counts_tenure(after)
            && !names_its_record(after)
            && !into_other_title(before, pair)
            && !about_another(after)
            && !names_a_goal(after)
    })
}

/// Whether `rest` (the text after a transition word) makes it a goal still ahead, not a change
/// the sentence narrates: 初タイトル獲得まであと2勝, タイトル獲得に王手, 獲得を目指す,
/// 昇格に向けて; also past the rest of a compound (初タイトル|獲得まであと1勝).
fn names_a_goal(rest: &str) -> bool {
    let rest = rest.trim_start_matches(is_kanji);
    [
        "まであと",
        "まで残り",
        "まで、あと",
        "に王手",
        "へ王手",
        "を目指",
        "をめざ",
        "に向け",
        "へ向け",
        "に前進",
        "へ前進",
        "を狙",
        "をねら",
        "が懸か",
        "がかか",
        "に挑",
    ]
    .iter()
    .any(|w| rest.starts_with(w))
}

/// Whether `rest` (the text after a transition word) makes it about another person: the
/// person it names (前任者, 後任者) or a search for one (後任選び, 後任人事), or a clause on
/// such a person (退任した前任者).
fn about_another(rest: &str) -> bool {
    let rest = rest
        .strip_prefix("した")
        .or_else(|| rest.strip_prefix("する"))
        .unwrap_or(rest);
    ["者", "選び", "人事", "探し", "候補", "前任者", "後任者"]
        .iter()
        .any(|w| rest.starts_with(w))
}

/// Whether `rest` (the text after a transition word) makes it the name of what the change
/// left behind (起訴内容, 起訴事実, 起訴状): a change already made, not one the sentence
/// narrates (「公判で高野容疑者は起訴内容を認め」 is still no 容疑者 after 被告).
fn names_its_record(rest: &str) -> bool {
    ["内容", "事実", "状"].iter().any(|w| rest.starts_with(w))
}

/// Whether one of `words` occurs in `sentence` where `keep` accepts the text before and after
/// that occurrence.
fn occurs_where(sentence: &str, words: &[String], keep: impl Fn(&str, &str) -> bool) -> bool {
    words.iter().any(|w| {
        sentence
            .match_indices(w.as_str())
            .any(|(at, _)| keep(&sentence[..at], &sentence[at + w.len()..]))
    })
}

/// Whether `before` (the text before a transition word) ends with a title other than those of
/// `pair` taken on (学部長に, 部長へ): a title ending in 長, 官 or 役 before に or へ.
fn into_other_title(before: &str, pair: &[&str]) -> bool {
    let Some(target) = before
        .strip_suffix('に')
        .or_else(|| before.strip_suffix('へ'))
    else {
        return false;
    };
    let start = target
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_kanji(c) || is_katakana(c))
        .last()
        .map_or(target.len(), |(i, _)| i);
    let title = &target[start..];
    title.ends_with(['長', '官', '役']) && !pair.iter().any(|t| title.ends_with(t))
}

/// How many characters after a title a transition word of an earlier sentence may stand to
/// narrate that title's change (高野容疑者を起訴, 山田副社長が社長に昇格).
const TRANSITION_REACH: usize = 10;

/// Suffixes that close the name of a unit of an organisation (開発部, 広報課, 事務局) or of an
/// institution (バラ園, 市民会館, 駅前店): a department or an institution written onto a title
/// (技術開発部次長, バラ園副園長) ends with one.
const ORGANISATION_UNITS: &[&str] = &[
    "部", "課", "局", "室", "係", "班", "科", "署", "所", "団", "隊", "会", "園", "館", "院", "店",
];

/// Whether `rest` starts with a length of time held (1年目, 2年, 3季目, 5カ月): a number and
/// a unit of tenure.
fn counts_tenure(rest: &str) -> bool {
    let digits =
        rest.trim_start_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    digits.len() < rest.len()
        && ["年目", "年", "季目", "シーズン目", "カ月", "か月", "ヶ月"]
            .iter()
            .any(|u| digits.starts_with(u))
}

/// Which attribute of which set a term stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Member {
    set: usize,
    attr: usize,
}

#[derive(Debug)]
enum SubjectMode {
    Auto,
    /// Literal names (AC pattern index → subject index) and the shown name of each subject.
    Listed {
        ac: AhoCorasick,
        subject_of: Vec<usize>,
        shown: Vec<String>,
    },
}

#[derive(Debug)]
pub struct Conflict {
    scope: Scope,
    sets: Vec<Set>,
    /// Every term (NFKC) → the attributes it stands for, one per set at most.
    terms: FastHashMap<Box<str>, Vec<Member>>,
    max_term_len: usize,
    /// Every prefix (in whole characters) of every term: a term on whole tokens starts with
    /// a token whose surface is one of these.
    term_prefixes: Vec<Box<str>>,
    /// For `scope: document`: all terms, pattern index → key of `terms`.
    doc_terms: Option<(AhoCorasick, Vec<Box<str>>)>,
    /// Whether some term is written in katakana (see [`Conflict::fused_term`]).
    katakana_terms: bool,
    subjects: SubjectMode,
    /// Whether attributes attach through honorifics and particles (`particles: []`: no).
    linked: bool,
    /// The longest entry of `name-suffixes`, in bytes.
    max_honorific_len: usize,
    lexicons: Arc<Lexicons>,
}

impl super::RuleKind for Conflict {
    const NAME: &'static str = "conflict";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    const LEXICONS: &'static [LexiconId] = LEXICONS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let mut errors = Vec::new();
        let mut built = Builder::default();
        match (spec.attributes.is_empty(), spec.sets.is_empty()) {
            (true, true) => {
                return Err(vec![
                    src.error(
                        Some(src.key("kind").unwrap_or_default()),
                        "a conflict rule needs `attributes` (or `sets` of them)",
                    )
                    .with_help(EXAMPLE),
                ]);
            }
            (false, false) => {
                return Err(vec![
                    src.error(
                        src.key("sets"),
                        "use either `attributes` or `sets`, not both",
                    )
                    .with_help("move the top-level `attributes` into an entry of `sets`"),
                ]);
            }
            (false, true) => {
                built.add(
                    &spec.titles,
                    &spec.attributes,
                    (&spec.transitions, &spec.departures),
                    "attributes",
                    src,
                    &mut errors,
                );
            }
            (true, false) => {
                if !spec.titles.is_empty() {
                    errors.push(
                        src.error(src.key("titles"), "with `sets`, give `titles` per set")
                            .with_help("move `titles` into the sets that use `{title}`"),
                    );
                }
                for (key, words) in [
                    ("transitions", &spec.transitions),
                    ("departures", &spec.departures),
                ] {
                    if !words.is_empty() {
                        errors.push(
                            src.error(src.key(key), format!("with `sets`, give `{key}` per set"))
                                .with_help(format!("move `{key}` into the sets they are about")),
                        );
                    }
                }
                for set in &spec.sets {
                    built.add(
                        &set.titles,
                        &set.attributes,
                        (&set.transitions, &set.departures),
                        "sets",
                        src,
                        &mut errors,
                    );
                }
            }
        }
        let Builder { sets, terms } = built;

        let document = spec.scope == Scope::Document;
        if document {
            for (given, key) in [
                (spec.subjects.is_some(), "subjects"),
                (spec.particles.is_some(), "particles"),
                (!spec.honorifics.is_empty(), "honorifics"),
            ] {
                if given {
                    errors.push(src.error(
                        src.key(key),
                        format!("`{key}` has no effect with `scope: document`"),
                    ));
                }
            }
        }
        let subjects = match spec.subjects {
            None => SubjectMode::Auto,
            Some(Subjects::Auto(s)) if s == "auto" => SubjectMode::Auto,
            Some(Subjects::Auto(s)) => {
                errors.push(
                    src.error(
                        src.key("subjects"),
                        format!("unknown `subjects` value `{s}`"),
                    )
                    .with_help("write `subjects: auto`, or a list of names"),
                );
                SubjectMode::Auto
            }
            Some(Subjects::Names(names)) => {
                listed_subjects(&names, src, &mut errors).unwrap_or(SubjectMode::Auto)
            }
        };
        // The older keys are lexicon edits.
        let mut aliases = Vec::new();
        if let Some(list) = &spec.particles {
            let words = normalize_terms(list, "particles", src, &mut errors);
            aliases.push((LexiconId::LinkingParticles, LexiconEdit::replacing(words)));
        }
        if !spec.honorifics.is_empty() {
            let words = normalize_terms(&spec.honorifics, "honorifics", src, &mut errors);
            aliases.push((LexiconId::Titles, LexiconEdit::adding(words)));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let lexicons = context.lexicons_with(aliases, src)?;
        let max_honorific_len = lexicons
            .get(LexiconId::NameSuffixes)
            .iter()
            .map(str::len)
            .max()
            .unwrap_or(0);
        let max_term_len = terms.keys().map(|t| t.len()).max().unwrap_or(0);
        let mut term_prefixes: Vec<Box<str>> = terms
            .keys()
            .flat_map(|t| {
                t.char_indices()
                    .map(|(i, c)| Box::from(&t[..i + c.len_utf8()]))
            })
            .collect();
        term_prefixes.sort_unstable();
        term_prefixes.dedup();
        // Only a rule with katakana terms (コーチ, アシスタント) can find a name and a title read
        // as one word ([`Conflict::fused_term`]).
        let katakana_terms = terms.keys().any(|t| t.chars().all(is_katakana));
        let doc_terms = document.then(|| {
            let keys: Vec<Box<str>> = terms.keys().cloned().collect();
            let ac = AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(keys.iter().map(|k| k.as_bytes()))
                .expect("literal terms always build");
            (ac, keys)
        });
        Ok(Conflict {
            scope: spec.scope,
            sets,
            terms,
            max_term_len,
            term_prefixes,
            doc_terms,
            katakana_terms,
            subjects,
            linked: !lexicons.get(LexiconId::LinkingParticles).is_empty(),
            max_honorific_len,
            lexicons,
        })
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let from = out.len();
        match self.scope {
            Scope::Subject => self.check_subjects(ctx, message, out),
            Scope::Document => self.check_document(ctx, message, out),
        }
        out[from..].sort_by_key(|h| h.span);
    }
}

impl Conflict {
    /// Reads the mentions in the sentences that can matter, then reports each subject's
    /// conflicts.
    fn check_subjects(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let (a, sentences) = (ctx.analysis, &ctx.doc.sentences);
        let Some(with_terms) = self.preselect_term_sentences(a, sentences) else {
            return;
        };
        let mut scan = Scan::new(self, a);
        for &i in &with_terms {
            scan.sentence(&sentences[i]);
        }
        let Some(evidence) = self.preselect_evidence_sentences(ctx, &scan, &with_terms) else {
            return;
        };
        let mentions = scan.mentions.len();
        for i in evidence {
            scan.sentence(&sentences[i]);
        }
        debug_assert_eq!(
            scan.mentions.len(),
            mentions,
            "mentions outside term sentences"
        );
        self.report_subjects(ctx, scan, message, out);
    }

    /// Groups the mentions by subject and reports each subject's conflicts.
    fn report_subjects(
        &self,
        ctx: &Context<'_>,
        scan: Scan<'_>,
        message: &Message,
        out: &mut Vec<Hit>,
    ) {
        let Scan {
            mentions,
            persons,
            givens,
            ..
        } = scan;
        let auto = matches!(self.subjects, SubjectMode::Auto);
        // Subject key → the first mention of each (set, attribute), keys in order of appearance.
        let mut firsts: FastHashMap<(&str, Option<&str>), FastHashMap<Member, &Mention<'_>>> =
            FastHashMap::default();
        let mut order: Vec<(&str, Option<&str>)> = Vec::new();
        for m in &mentions {
            let surname = m.subject.surname;
            // Surnames seen with two different given names are ambiguous: key by full name.
            let seen_given = givens.get(surname);
            if auto && seen_given.is_none() && !persons.contains(surname) {
                continue;
            }
            let key = match seen_given {
                Some(list) if list.len() > 1 => match m.subject.given {
                    Some(g) => (surname, Some(g)),
                    None => continue,
                },
                _ => (surname, None),
            };
            firsts
                .entry(key)
                .or_insert_with(|| {
                    order.push(key);
                    FastHashMap::default()
                })
                .entry(m.member)
                .or_insert(m);
        }
        for key in order {
            let shown = match key {
                (surname, Some(given)) => format!("{surname}{given}"),
                (surname, None) => surname.to_string(),
            };
            self.report(ctx.analysis, ctx.doc, message, &shown, &firsts[&key], out);
        }
    }

    fn check_document(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let Some((ac, keys)) = &self.doc_terms else {
            return;
        };
        let a = ctx.analysis;
        let mut firsts: FastHashMap<Member, Mention<'_>> = FastHashMap::default();
        for m in ac.find_iter(a.text) {
            let span = Span::new(m.start(), m.end());
            if !(a.is_boundary(span.start) && a.is_boundary(span.end)) {
                continue;
            }
            for &member in &self.terms[&keys[m.pattern().as_usize()]] {
                firsts.entry(member).or_insert(Mention {
                    subject: Subject {
                        surname: "",
                        given: None,
                        start: span.start,
                    },
                    member,
                    term: span,
                    context: span,
                });
            }
        }
        let firsts: FastHashMap<Member, &Mention<'_>> =
            firsts.iter().map(|(k, v)| (*k, v)).collect();
        self.report(a, ctx.doc, message, "", &firsts, out);
    }

    /// Reports every pair of attributes of one set that both occur, once (also across sets):
    /// at the later of the two first mentions, with the earlier as the related span.
    fn report(
        &self,
        a: &Analysis<'_>,
        doc: &Document,
        message: &Message,
        subject: &str,
        firsts: &FastHashMap<Member, &Mention<'_>>,
        out: &mut Vec<Hit>,
    ) {
        let mut reported: Vec<(Span, Span)> = Vec::new();
        for (set, s) in self.sets.iter().enumerate() {
            let present: Vec<&Mention<'_>> = (0..s.attributes.len())
                .filter_map(|attr| firsts.get(&Member { set, attr }).copied())
                .collect();
            for (i, x) in present.iter().enumerate() {
                for y in &present[i + 1..] {
                    let (later, earlier) =
                        if (x.term.start, x.term.end) > (y.term.start, y.term.end) {
                            (x, y)
                        } else {
                            (y, x)
                        };
                    if reported.contains(&(later.term, earlier.term))
                        || s.excused(a.text, doc, earlier, later)
                    {
                        continue;
                    }
                    reported.push((later.term, earlier.term));
                    let names = &self.sets[later.member.set].attributes;
                    let other_names = &self.sets[earlier.member.set].attributes;
                    let msg = message.render(&[
                        ("subject", subject),
                        ("attribute", &names[later.member.attr]),
                        ("match", &a.text[later.term.range()]),
                        ("other", &other_names[earlier.member.attr]),
                        ("other_match", &a.text[earlier.term.range()]),
                    ]);
                    let label = Labels::get()
                        .conflict_earlier
                        .fill(&[("context", &a.text[earlier.context.range()])]);
                    out.push(Hit::new(later.term, msg).with_related(earlier.term, label));
                }
            }
        }
    }

    /// The longest term starting at token `i` (on whole tokens, before `end`).
    fn term_at(&self, a: &Analysis<'_>, i: usize, end: usize) -> Option<(usize, &[Member])> {
        longest_at(a, i, end, self.max_term_len, |s| {
            self.terms.get(s).map(Vec::as_slice)
        })
    }

    /// The longest term on whole tokens ending before token `stop` and starting at or after
    /// `floor`, as (first token, attributes), unless the term ends a longer compound
    /// (前主将, チーム主将: the word before is a prefix or a noun written against it).
    fn term_ending_at(
        &self,
        a: &Analysis<'_>,
        floor: usize,
        stop: usize,
    ) -> Option<(usize, &[Member])> {
        let (first, members) = self.longest_term_ending(a, floor, stop)?;
        let end = a.tokens[stop - 1].span.end;
        if let Some(deputy) = self.deputy_of(a, floor, first, end) {
            return Some(deputy);
        }
        if let Some(generation) = self.generation_onto_title(a, floor, first) {
            return Some(generation);
        }
        // 営農部長の, 代表取締役社長の, トヨタ社長の, 市住宅政策課長の: a department or an
        // organisation (up to three nouns) written onto the term holds the term; 前主将の,
        // 4代目社長の (a prefix, an ordinal) do not.
        // 技術開発部次長の: a unit suffix (部, 課, 局) closes the department it is written onto.
        let department = |k: usize| {
            let pos = a.features(k).pos;
            pos.is_noun()
                && (!pos.is_suffix() || ORGANISATION_UNITS.contains(&a.surface(k)))
                && !pos.is_number()
                && !pos.is_pronoun()
        };
        let mut k = first;
        while k > floor
            && first - k < 3
            && a.tokens[k - 1].span.end == a.tokens[k].span.start
            && department(k - 1)
        {
            k -= 1;
        }
        // 2年生エースの, 3年生主将の: a school year or a season count written onto the term is
        // who holds it, not another title.
        let grade = k == first
            && k >= floor + 2
            && matches!(a.surface(k - 1), "年生" | "年目" | "回生")
            && a.features(k - 2).pos.is_number();
        if k > floor && !grade {
            let pos = a.features(k - 1).pos;
            let glued = a.tokens[k - 1].span.end == a.tokens[k].span.start;
            // 同協会事務局長の: 同 before an organisation names the one just told of.
            let same_body = k < first && pos.is_prefix() && a.surface(k - 1) == "同";
            if !same_body && (pos.is_prefix() || (glued && pos.is_noun())) {
                return None;
            }
        }
        Some((first, members))
    }

    /// 三代目店主の, 初代社長の: a generation (a term ending in 代目, or 初代) written onto the
    /// title at token `title` holds the generation; the title itself stays unread (another
    /// title than the plain one: 4代目社長 may succeed a 社長).
    fn generation_onto_title(
        &self,
        a: &Analysis<'_>,
        floor: usize,
        title: usize,
    ) -> Option<(usize, &[Member])> {
        if title <= floor || a.tokens[title - 1].span.end != a.tokens[title].span.start {
            return None;
        }
        let (first, members) = self.longest_term_ending(a, floor, title)?;
        let text = &a.text[a.tokens[first].span.start..a.tokens[title - 1].span.end];
        (text.ends_with("代目") || text == "初代").then_some((first, members))
    }

    /// The longest term on whole tokens ending before token `stop` and starting at or after
    /// `floor`, as (first token, attributes), whatever stands before it.
    fn longest_term_ending(
        &self,
        a: &Analysis<'_>,
        floor: usize,
        stop: usize,
    ) -> Option<(usize, &[Member])> {
        let end = a.tokens.get(stop.checked_sub(1)?)?.span.end;
        let mut best = None;
        for j in (floor..stop).rev() {
            if end - a.tokens[j].span.start > self.max_term_len {
                break;
            }
            if let Some(members) = self.terms.get(&a.text[a.tokens[j].span.start..end]) {
                best = Some((j, members.as_slice()));
            }
        }
        best
    }

    /// 副実行委員長: 副 and one or two common nouns written onto the term on tokens
    /// `first..` (ending at byte `end`) name the term's deputy, when the rule has one (副委員長
    /// of 委員長), as (the token of 副, its attributes).
    fn deputy_of(
        &self,
        a: &Analysis<'_>,
        floor: usize,
        first: usize,
        end: usize,
    ) -> Option<(usize, &[Member])> {
        let glued = |k: usize| a.tokens[k].span.end == a.tokens[k + 1].span.start;
        let mut k = first;
        while k > floor && first - k < 2 && glued(k - 1) && {
            let p = a.features(k - 1).pos;
            p.is_noun() && !p.is_proper_noun() && !p.is_number() && !p.is_suffix()
        } {
            k -= 1;
        }
        if !(k < first && k > floor && glued(k - 1) && a.surface(k - 1) == "副") {
            return None;
        }
        let term = &a.text[a.tokens[first].span.start..end];
        self.terms
            .get(format!("副{term}").as_str())
            .map(|m| (k - 1, m.as_slice()))
    }

    fn honorific_at(&self, a: &Analysis<'_>, i: usize, end: usize) -> Option<usize> {
        longest_at(a, i, end, self.max_honorific_len, |s| {
            self.lexicons
                .contains(LexiconId::NameSuffixes, s)
                .then_some(())
        })
        .map(|(next, ())| next)
        .or_else(|| glued_honorific(a, i, end).then_some(i + 1))
    }

    /// Calls `f` with every occurrence of a term on whole tokens (the only ones `term_at`
    /// finds), as (first token, token after the last, attributes). The occurrences are
    /// reached through the shared surface index from the terms' possible first tokens,
    /// without a pass over the text (an Aho-Corasick search over it took longer than the rest
    /// of the check: with a hundred terms its prefilter is of little use on Japanese text).
    fn each_term(&self, a: &Analysis<'_>, mut f: impl FnMut(usize, usize, &[Member])) {
        for prefix in &self.term_prefixes {
            for &i in a.tokens_with_surface(prefix) {
                let i = i as usize;
                if a.surface(i) != &**prefix {
                    continue;
                }
                let start = a.tokens[i].span.start;
                for k in i..a.tokens.len() {
                    let stop = a.tokens[k].span.end;
                    if stop - start > self.max_term_len {
                        break;
                    }
                    if let Some(members) = self.terms.get(&a.text[start..stop]) {
                        f(i, k + 1, members);
                    }
                }
            }
        }
        if self.katakana_terms {
            for i in 0..a.tokens.len() {
                if let Some((_, _, members)) = self.fused_term(a, i) {
                    f(i, i + 1, members);
                }
            }
        }
    }

    /// ソウザコーチ, ガルシア・アシスタントコーチ: the segmenter reads an unknown katakana name
    /// and the katakana title written onto it as one unknown word. For such a token `i`, the
    /// longest term ending it, when what stands before the term (less a ・) is written
    /// elsewhere in the article as a person's name (not メイン of メインパーソナリティー): (the
    /// name, the byte offset of the term in the token, its attributes).
    fn fused_term<'t>(&self, a: &Analysis<'t>, i: usize) -> Option<(&'t str, usize, &[Member])> {
        if !a.is_unknown(i) {
            return None;
        }
        let surface = a.surface(i);
        if !surface.chars().all(|c| is_katakana(c) || c == '・') {
            return None;
        }
        let (cut, members) = surface
            .char_indices()
            .skip(2)
            .find_map(|(at, _)| self.terms.get(&surface[at..]).map(|m| (at, m.as_slice())))?;
        let name = surface[..cut].trim_end_matches('・');
        // Written alone as a person's name, or as the surname of an unknown katakana full
        // name (リカルド・ソウザ).
        let written_as_name = |t: usize| {
            let other = a.surface(t);
            t != i
                && (other == name && a.features(t).pos.is_person_name()
                    || a.is_unknown(t)
                        && other
                            .strip_suffix(name)
                            .is_some_and(|given| given.ends_with('・')))
        };
        (name.chars().count() >= 2 && (0..a.tokens.len()).any(written_as_name))
            .then_some((name, cut, members))
    }

    // Pre-selection, for speed only: which sentences `check_subjects` reads. A mention needs
    // a term on whole tokens inside its sentence, and depends only on that sentence: so the
    // sentences with a term give every mention, and unless some exclusion set has terms of
    // two attributes, there is none to look at. A finding needs mentions of two attributes of
    // one set under one subject key, which is a surname (or a surname and a given name): so
    // only the surnames with such mentions can be reported. For them, the evidence of
    // persons and given names must be complete; it comes from name runs whose text contains
    // the surname, so the sentences containing one of these surnames are read too. Other
    // surnames may be missing evidence, which cannot matter: they have no conflict to
    // report. Reading every sentence gives the same findings (a test checks it).

    /// The sentences where a term starts (ascending), or `None` when no exclusion set has
    /// terms of two attributes in the document.
    fn preselect_term_sentences(
        &self,
        a: &Analysis<'_>,
        sentences: &[Sentence],
    ) -> Option<Vec<usize>> {
        let mut present: FastHashSet<Member> = FastHashSet::default();
        let mut starts: Vec<usize> = Vec::new();
        self.each_term(a, |first, next, members| {
            present.extend(members.iter().copied());
            starts.push(first);
            // 副実行委員長 holds the deputy of 委員長.
            let end = a.tokens[next - 1].span.end;
            if let Some((_, deputy)) = self.deputy_of(a, 0, first, end) {
                present.extend(deputy.iter().copied());
            }
        });
        let two_attributes = self.sets.iter().enumerate().any(|(set, s)| {
            let mut attrs =
                (0..s.attributes.len()).filter(|&attr| present.contains(&Member { set, attr }));
            attrs.nth(1).is_some()
        });
        // A superset of the sentences holding a term: reading more adds only evidence, which
        // is then complete for more surnames.
        two_attributes.then(|| sentences_holding(a, sentences, starts))
    }

    /// The sentences not `read` yet that contain a surname with mentions of two attributes
    /// of one set (so may hold evidence about it), or `None` when no surname has such.
    fn preselect_evidence_sentences(
        &self,
        ctx: &Context<'_>,
        scan: &Scan<'_>,
        read: &[usize],
    ) -> Option<Vec<usize>> {
        let mut by_surname: FastHashMap<&str, Vec<Member>> = FastHashMap::default();
        let mut candidates: Vec<&str> = Vec::new();
        for m in &scan.mentions {
            let seen = by_surname.entry(m.subject.surname).or_default();
            let conflicting = seen
                .iter()
                .any(|o| o.set == m.member.set && o.attr != m.member.attr);
            if conflicting && !candidates.contains(&m.subject.surname) {
                candidates.push(m.subject.surname);
            }
            seen.push(m.member);
        }
        if candidates.is_empty() {
            return None;
        }
        let more = ctx
            .doc
            .sentences
            .iter()
            .enumerate()
            .filter(|(i, sentence)| {
                let text = ctx.doc.slice(sentence.span);
                read.binary_search(i).is_err() && candidates.iter().any(|c| text.contains(c))
            });
        Some(more.map(|(i, _)| i).collect())
    }
}

/// Collects the exclusion sets and the term table while compiling.
#[derive(Default)]
struct Builder {
    sets: Vec<Set>,
    terms: FastHashMap<Box<str>, Vec<Member>>,
}

impl Builder {
    /// Adds one exclusion set per title (or one, without titles). `key` locates errors.
    fn add(
        &mut self,
        titles: &[OneOrMany],
        attributes: &[AttributeSpec],
        (transitions, departures): (&[String], &[String]),
        key: &str,
        src: &RuleSource,
        errors: &mut Vec<FileError>,
    ) {
        if attributes.len() < 2 {
            errors.push(
                src.error(
                    src.key(key),
                    "an exclusion set needs at least two attributes",
                )
                .with_help("a conflict is between two attributes, e.g. 前職 and 現職"),
            );
            return;
        }
        let mut templates = Vec::new();
        for attr in attributes {
            if attr.name.trim().is_empty() {
                errors.push(src.error(src.key(key), "an attribute has an empty `name`"));
            }
            if attr.terms.is_empty() {
                errors.push(src.error(
                    src.item(&[key], &attr.name),
                    format!("attribute `{}` has no `terms`", attr.name),
                ));
            }
            let normalized = normalize_terms(&attr.terms, key, src, errors);
            for t in &normalized {
                if titles.is_empty() && t.contains(TITLE) {
                    errors.push(
                        src.error(
                            src.item(&[key], t),
                            format!("`{t}` uses {TITLE} but no `titles` are given"),
                        )
                        .with_help("add e.g. `titles: [大統領, [首相, 総理]]`"),
                    );
                } else if !titles.is_empty() && !t.contains(TITLE) {
                    errors.push(
                        src.error(src.item(&[key], t), format!("`{t}` does not use {TITLE}"))
                            .with_help(
                                "with `titles`, every term names the title (e.g. `前{title}`), \
                                 or it would conflict across titles",
                            ),
                    );
                }
            }
            templates.push(normalized);
        }
        let mut title_sets: Vec<Vec<String>> = Vec::new();
        for entry in titles {
            let aliases = normalize_terms(&entry.items(), "titles", src, errors);
            if aliases.is_empty() {
                errors.push(src.error(src.key("titles"), "an entry of `titles` is empty"));
            }
            title_sets.push(aliases);
        }
        if title_sets.is_empty() {
            title_sets.push(Vec::new());
        }
        let transitions = normalize_terms(transitions, "transitions", src, errors);
        let departures = normalize_terms(departures, "departures", src, errors);
        for aliases in &title_sets {
            let set = self.sets.len();
            let mut owner: HashMap<String, usize> = HashMap::new();
            for (attr, list) in templates.iter().enumerate() {
                for template in list {
                    let expanded: Vec<String> = if aliases.is_empty() {
                        vec![template.clone()]
                    } else {
                        aliases.iter().map(|t| template.replace(TITLE, t)).collect()
                    };
                    for term in expanded {
                        match owner.get(&term) {
                            Some(&other) if other != attr => errors.push(src.error(
                                src.item(&[key], template),
                                format!(
                                    "`{term}` is a term of both `{}` and `{}`",
                                    attributes[other].name, attributes[attr].name
                                ),
                            )),
                            Some(_) => {}
                            None => {
                                owner.insert(term.clone(), attr);
                                self.terms
                                    .entry(term.into_boxed_str())
                                    .or_default()
                                    .push(Member { set, attr });
                            }
                        }
                    }
                }
            }
            let mut terms = vec![Vec::new(); attributes.len()];
            for (term, attr) in owner {
                terms[attr].push(term);
            }
            self.sets.push(Set {
                // 「{title}」「副{title}」: a name may name the title too.
                attributes: attributes
                    .iter()
                    .map(|a| match aliases.first() {
                        Some(title) => a.name.replace(TITLE, title),
                        None => a.name.clone(),
                    })
                    .collect(),
                transitions: transitions.clone(),
                departures: departures.clone(),
                terms,
            });
        }
    }
}

fn listed_subjects(
    names: &[OneOrMany],
    src: &RuleSource,
    errors: &mut Vec<FileError>,
) -> Option<SubjectMode> {
    if names.is_empty() {
        errors.push(
            src.error(src.key("subjects"), "`subjects` is an empty list")
                .with_help("write `subjects: auto` to find subjects automatically"),
        );
        return None;
    }
    let mut patterns = Vec::new();
    let mut subject_of = Vec::new();
    let mut shown = Vec::new();
    for entry in names {
        let aliases = normalize_terms(&entry.items(), "subjects", src, errors);
        let Some(first) = aliases.first() else {
            errors.push(src.error(src.key("subjects"), "an entry of `subjects` is empty"));
            continue;
        };
        shown.push(first.clone());
        for alias in aliases {
            patterns.push(alias);
            subject_of.push(shown.len() - 1);
        }
    }
    if patterns.is_empty() {
        return None;
    }
    let ac = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("literal names always build");
    Some(SubjectMode::Listed {
        ac,
        subject_of,
        shown,
    })
}

/// The longest run of whole tokens from `i` whose text `lookup` knows: (next token, value).
fn longest_at<T>(
    a: &Analysis<'_>,
    i: usize,
    end: usize,
    max_len: usize,
    lookup: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    let start = a.tokens.get(i)?.span.start;
    let mut best = None;
    for k in i..end {
        let stop = a.tokens[k].span.end;
        if stop - start > max_len {
            break;
        }
        if let Some(v) = lookup(&a.text[start..stop]) {
            best = Some((k + 1, v));
        }
    }
    best
}

/// Who a mention is about: a surname (or a whole name) and the given name, if written.
#[derive(Debug, Clone, Copy)]
struct Subject<'a> {
    surname: &'a str,
    given: Option<&'a str>,
    /// Where the subject's name starts, for the related label.
    start: usize,
}

#[derive(Debug, Clone, Copy)]
struct Mention<'a> {
    subject: Subject<'a>,
    member: Member,
    /// The attribute term.
    term: Span,
    /// Subject through term, shown in labels: 「トランプ前大統領の再選」.
    context: Span,
}

/// How an attribute term was reached from its subject; decides what may follow it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Link {
    /// Directly after the name: トランプ前大統領.
    Direct,
    /// After honorific + の: トランプ氏の再選 (a noun phrase, so anything may follow).
    Genitive,
    /// After honorific + が/は or nothing: 木村氏が初当選 (must end the predicate).
    Predicate,
}

/// One pass over the sentences, collecting mentions and person evidence.
struct Scan<'a> {
    rule: &'a Conflict,
    a: &'a Analysis<'a>,
    mentions: Vec<Mention<'a>>,
    /// Surnames (or names) seen before a personal honorific such as 氏.
    persons: FastHashSet<&'a str>,
    /// Surname → the distinct given names written with it anywhere (石破 → [茂]).
    givens: FastHashMap<&'a str, Vec<&'a str>>,
    /// The first token of the sentence being scanned.
    begin: usize,
    /// Surnames the text writes with a given name (山下亮太): alone, the segmenter may read
    /// them as common nouns (副主将の山下は: 山下 名詞,一般), and they are the surname still.
    surnames: FastHashSet<&'a str>,
}

impl<'a> Scan<'a> {
    fn new(rule: &'a Conflict, a: &'a Analysis<'a>) -> Self {
        let surnames = match rule.subjects {
            SubjectMode::Auto => (1..a.tokens.len())
                .filter(|&i| {
                    (a.features(i).pos.is_given_name() && a.features(i - 1).pos.is_surname()
                        || aged_name(a, i - 1))
                        && a.tokens[i - 1].span.end == a.tokens[i].span.start
                })
                .map(|i| a.surface(i - 1))
                .collect(),
            SubjectMode::Listed { .. } => FastHashSet::default(),
        };
        Scan {
            rule,
            a,
            mentions: Vec::new(),
            persons: FastHashSet::default(),
            givens: FastHashMap::default(),
            begin: 0,
            surnames,
        }
    }

    /// A common noun or place name written like a surname the text gives a full name for
    /// (山下; 松本 of 松本健二, which alone the segmenter reads as the city). A place name
    /// before an office named after a place (松本市長, 松本前市長) is the place.
    fn known_surname(&self, i: usize) -> bool {
        let (a, lexicons) = (self.a, &self.rule.lexicons);
        let pos = a.features(i).pos;
        if !self.surnames.contains(a.surface(i)) {
            return false;
        }
        if pos.is_common_noun() {
            return true;
        }
        let next = past_title_prefix(a, lexicons, i + 1, a.tokens.len());
        pos.is_place_name()
            && !(next < a.tokens.len()
                && lexicons.contains(LexiconId::OfficeTitles, a.surface(next)))
    }

    /// Collects the mentions (and person evidence) of one sentence.
    fn sentence(&mut self, sentence: &Sentence) {
        let a = self.a;
        let range = a.within(sentence.span);
        self.begin = range.start;
        match &self.rule.subjects {
            SubjectMode::Auto => self.auto(range),
            SubjectMode::Listed {
                ac,
                subject_of,
                shown,
            } => {
                let start = sentence.span.start;
                for m in ac.find_iter(&a.text[sentence.span.range()]) {
                    let (s, e) = (start + m.start(), start + m.end());
                    if !(a.is_boundary(s) && a.is_boundary(e)) {
                        continue;
                    }
                    let subject = Subject {
                        surname: &shown[subject_of[m.pattern().as_usize()]],
                        given: None,
                        start: s,
                    };
                    // A listed surname also covers the full name (石破 in 石破茂首相).
                    let mut j = a.first_at(e);
                    while j < range.end && a.features(j).pos.is_given_name() {
                        j += 1;
                    }
                    self.attach(subject, j, range.end);
                }
            }
        }
    }

    /// Finds name runs in `range` and attaches attributes to them.
    fn auto(&mut self, range: std::ops::Range<usize>) {
        let a = self.a;
        let mut run: Option<usize> = None;
        for i in range.clone() {
            if self.rule.katakana_terms && run.is_none() && self.fused_title(i, range.end) {
                continue;
            }
            let continues = match run {
                // GK森田: a term (here a position) written onto a name is not its start.
                None => {
                    (is_name(a, i, false) || self.known_surname(i))
                        && self.rule.term_at(a, i, range.end).is_none()
                }
                // A title may itself be katakana (コーチ): stop the name there.
                // 佐伯拓海（34）: a given name the segmenter reads as a place.
                Some(_) => {
                    (is_name(a, i, true)
                        || (i > range.start && aged_name(a, i - 1))
                        || self.prefix_in_given_name(i, range.end)
                        || self.proper_given_name(i, range.end))
                        && self.rule.term_at(a, i, range.end).is_none()
                        && self.rule.honorific_at(a, i, range.end).is_none()
                }
            };
            if continues {
                run.get_or_insert(i);
                continue;
            }
            // ガルシア・アシスタントコーチ: a name set off by ・ from the title after it.
            let stop = match run {
                Some(start)
                    if i > start + 1
                        && a.surface(i - 1) == "・"
                        && self.rule.term_at(a, i, range.end).is_some() =>
                {
                    i - 1
                }
                _ => i,
            };
            if let Some(start) = run.take()
                && let Some(subject) = subject_of(a, start, stop)
            {
                if let Some(given) = subject.given {
                    let list = self.givens.entry(subject.surname).or_default();
                    if !list.contains(&given) {
                        list.push(given);
                    }
                }
                if self
                    .rule
                    .lexicons
                    .contains(LexiconId::PersonMarkers, a.surface(i))
                    || self.surname_with_title(start, i, range.end)
                    || aged_name(a, i - 1)
                    || aged_name(a, start)
                {
                    self.persons.insert(subject.surname);
                }
                self.attach(subject, i, range.end);
                self.attach_before(subject, start, i, range.end);
            }
            // 主将のフランカー佐伯拓海（34）: a katakana position written onto a kanji name ends
            // at the name, which starts a run of its own.
            let katakana = |t: usize| a.surface(t).chars().all(is_katakana);
            if i > range.start
                && katakana(i - 1)
                && a.surface(i).chars().all(is_kanji)
                && a.tokens[i - 1].span.end == a.tokens[i].span.start
                && (is_name(a, i, false) || self.known_surname(i))
                && self.rule.term_at(a, i, range.end).is_none()
            {
                run = Some(i);
            }
        }
    }

    /// 三宅拓真七段: the last kanji of a given name the segmenter reads as a prefix of what
    /// follows (真 of 拓真, before 七段), glued between the given name and the next word; not a
    /// title prefix (山田太郎前社長, 新社長).
    fn prefix_in_given_name(&self, i: usize, end: usize) -> bool {
        let a = self.a;
        let glued = |k: usize| a.tokens[k - 1].span.end == a.tokens[k].span.start;
        i > 0
            && i + 1 < end
            && a.features(i).pos.is_prefix()
            && single_kanji(a.surface(i))
            && a.features(i - 1).pos.is_given_name()
            && glued(i)
            && glued(i + 1)
            && !self
                .rule
                .lexicons
                .contains(LexiconId::TitlePrefixes, a.surface(i))
            && !matches!(a.surface(i), "副" | "大" | "総")
    }

    /// 佐伯拓海八段: a given name the segmenter reads as another proper noun (拓海 as a place),
    /// between a surname and a title or a personal honorific glued on both sides.
    /// A place or company written there (鈴木東京支店長) reads as a given name too; the subject
    /// stays the surname unless the article writes it with another given name.
    fn proper_given_name(&self, i: usize, end: usize) -> bool {
        let a = self.a;
        i > 0
            && i + 1 < end
            && a.features(i - 1).pos.is_surname()
            && kanji_proper_given(a, i)
            && a.tokens[i].span.end == a.tokens[i + 1].span.start
            && (self.rule.term_at(a, i + 1, end).is_some()
                || self.rule.honorific_at(a, i + 1, end).is_some())
    }

    /// A name and a title read as one word ([`Conflict::fused_term`]): the term is the name's,
    /// pushed, and true returned.
    fn fused_title(&mut self, i: usize, end: usize) -> bool {
        let a = self.a;
        let Some((name, cut, members)) = self.rule.fused_term(a, i) else {
            return false;
        };
        let start = a.tokens[i].span.start;
        let subject = Subject {
            surname: name,
            given: None,
            start,
        };
        self.persons.insert(name);
        let term = Span::new(start + cut, a.tokens[i].span.end);
        self.push_term(subject, term, i + 1, end, members, Link::Direct);
        true
    }

    /// True when the name `[start, stop)` is one surname followed by a title that is not an
    /// office named after a place or a company (木村監督 is a person; 松本市長 may be the
    /// mayor of 松本, 鈴木社長 the president of a company called 鈴木).
    fn surname_with_title(&self, start: usize, stop: usize, end: usize) -> bool {
        let (a, rule) = (self.a, self.rule);
        if stop != start + 1 || !a.features(start).pos.is_surname() || stop >= end {
            return false;
        }
        let t = past_title_prefix(a, &rule.lexicons, stop, end);
        let Some(next) = rule.honorific_at(a, t, end) else {
            return false;
        };
        let title = &a.text[a.tokens[t].span.start..a.tokens[next - 1].span.end];
        !rule.lexicons.contains(LexiconId::OfficeTitles, title)
    }

    /// Attaches the attribute terms that follow a subject ending before token `j`.
    fn attach(&mut self, subject: Subject<'a>, j: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        if j >= end {
            return;
        }
        // トランプ米大統領: skip a country abbreviation before the title.
        let lexicons = &rule.lexicons;
        let q = if is_country(a, j, lexicons) && j + 1 < end {
            j + 1
        } else {
            j
        };
        let direct = rule.term_at(a, q, end);
        if let Some((next, members)) = direct {
            self.push(subject, q, next, end, members, Link::Direct);
        } else if let Some((at, next, members)) = self.department_title(subject, q, end) {
            self.push(subject, at, next, end, members, Link::Direct);
            return;
        }
        if !rule.linked {
            return;
        }
        // Honorific, with an optional prefix: 氏, 前大統領, 新市長.
        let h = past_title_prefix(a, lexicons, q, end);
        // 桜井蓮（29）が: a name with its age and no honorific, as news writes people.
        let aged =
            || (q < end && bracketed_age(&a.text[a.tokens[q].span.start..]).is_some()).then_some(q);
        let Some(mut p) = rule
            .honorific_at(a, h, end)
            .or_else(|| rule.honorific_at(a, q, end))
            .or(direct.map(|(next, _)| next))
            .or_else(aged)
        else {
            return;
        };
        // 井上陽子氏(26)は: an age or an aside between the name and its particle.
        p = skip_aside(a, p, end);
        let mut link = Link::Predicate;
        let mut topic = false;
        if p < end
            && a.features(p).pos.is_particle()
            && lexicons.contains(LexiconId::LinkingParticles, a.surface(p))
        {
            if a.surface(p) == "の" {
                link = Link::Genitive;
            } else {
                topic = true;
            }
            p += 1;
        }
        for start in [p, skip_modifier(a, p, end)] {
            if let Some((next, members)) = rule.term_at(a, start, end) {
                self.push(subject, start, next, end, members, link);
                return;
            }
        }
        if topic {
            let before = self.mentions.len();
            self.attach_predicate(subject, p, end);
            if self.mentions.len() == before {
                self.attach_served(subject, p, end);
            }
        }
    }

    /// 桜井蓮（29）が、来年秋公開の映画「霧の関所」で…主演を務めることが分かった: a role the
    /// subject serves (`を` and 務める or 担う) at the end of its clause, however far after
    /// the subject: read past titles in brackets, not past another subject (は, が), another
    /// person's name or a past time (前作で, 2019年); a role that describes a noun (主演を
    /// 務める俳優) is left out by [`ends_predicate`].
    fn attach_served(&mut self, subject: Subject<'a>, p: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        let stop = end.min(p + SERVED_TOKENS);
        let mut k = p;
        while k < stop {
            let pos = a.features(k).pos;
            let s = a.surface(k);
            if pos.is_opening_bracket() {
                // A title in brackets (「霧の関所」) names a work, not a person.
                let Some(close) = (k + 1..stop).find(|&j| a.features(j).pos.is_closing_bracket())
                else {
                    return;
                };
                k = close + 1;
                continue;
            }
            // 前作で助演を務めた: a role of another time.
            if pos.is_period()
                || pos.is_person_name()
                || (pos.is_particle() && matches!(s, "は" | "が"))
                || is_date(a, k, end, &rule.lexicons)
            {
                return;
            }
            if let Some((next, members)) = rule.term_at(a, k, end) {
                let serves = next + 2 < end
                    && a.surface(next) == "を"
                    && matches!(a.base(next + 1), "務める" | "担う");
                if !serves {
                    return;
                }
                self.push(subject, k, next, end, members, Link::Predicate);
                return;
            }
            k += 1;
        }
    }

    /// 中村浩二建設部長, 佐藤花子総務課長: a full name, the department (one or two common
    /// nouns written onto it) and a term: the token the term starts at, the token after it and
    /// its attributes. Only after a given name, or a surname the article writes with a given
    /// name elsewhere (石黒広報課長 beside 石黒真由美氏): 鈴木建設社長 after a surname of nobody
    /// named is the president of a company called 鈴木建設.
    fn department_title(
        &self,
        subject: Subject<'a>,
        q: usize,
        end: usize,
    ) -> Option<(usize, usize, &'a [Member])> {
        let a = self.a;
        // After a lone surname, only a function's department (広報, 総務) of a person the
        // article names in full: 鈴木建設 is more likely a company than a department.
        let lone = subject.given.is_none();
        if lone
            && !(FUNCTION_DEPARTMENTS.contains(&a.surface(q)) && named_in_full(a, subject.surname))
        {
            return None;
        }
        let glued = |k: usize| k > 0 && a.tokens[k - 1].span.end == a.tokens[k].span.start;
        let department = |k: usize| {
            let pos = a.features(k).pos;
            pos.is_noun() && !pos.is_proper_noun() && !pos.is_number() && !pos.is_pronoun()
        };
        let mut k = q;
        let most = if lone { 1 } else { 2 };
        while k < end && k < q + most && glued(k) && department(k) {
            k += 1;
            if k < end
                && glued(k)
                && let Some((next, members)) = self.rule.term_at(a, k, end)
            {
                return Some((k, next, members));
            }
        }
        None
    }

    /// After 「name + honorific + は/が」, the first term further on in the clause, when it is
    /// the predicate: 「井上陽子氏は、…2,814票を集めて初当選を果たした」. Nothing is attached
    /// past a bracket, another は/が (a new subject), or a date (2017年に初当選 states an
    /// earlier fact).
    fn attach_predicate(&mut self, subject: Subject<'a>, p: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        let stop = end.min(p + PREDICATE_TOKENS);
        let mut k = p;
        while k < stop {
            // 高木隆氏（67）と: an age or an aside inside the clause is read past.
            let past = skip_aside(a, k, end);
            if past > k {
                k = past;
                continue;
            }
            let pos = a.features(k).pos;
            let s = a.surface(k);
            if pos.is_symbol() && !matches!(s, "、" | ",") {
                return;
            }
            if (pos.is_particle() && matches!(s, "は" | "が")) || is_date(a, k, end, &rule.lexicons)
            {
                return;
            }
            // 初当選　現職・藤野氏: a space (a headline's phrase break) ends the clause.
            if k > p && a.tokens[k - 1].span.end < a.tokens[k].span.start {
                return;
            }
            if let Some((next, members)) = rule.term_at(a, k, end) {
                // 2万2,871票、共産党推薦の新人・川端みどり氏: a term written before another name
                // is that name's.
                let names_next = next < end
                    && (a.surface(next) == "・" || a.features(next).pos.is_person_name());
                // 石黒市長は元県職員で: a former post (元 or 前 written onto the term's noun
                // chain, when no term of the set takes it) is of another time.
                if !names_next && !former_before(a, p, k) {
                    self.push(subject, k, next, end, members, Link::Predicate);
                }
                return;
            }
            k += 1;
        }
    }

    /// Attaches a term written before the name (tokens `[start, stop)`): an apposition
    /// (主演の桐谷美咲さん, 副主将の佐伯) or a relative clause in which the person achieved
    /// the term (再選を果たした川村氏, 当選した木村氏, 助演として物語を支えた桐谷さん).
    fn attach_before(&mut self, subject: Subject<'a>, start: usize, stop: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        let begin = self.begin;
        if start <= begin {
            return;
        }
        let before = start - 1;
        let f = a.features(before);
        // GK森田: a noun written onto the name, which may open the sentence.
        let glued = a.tokens[before].span.end == a.tokens[start].span.start
            && f.pos.is_noun()
            && !f.pos.is_number()
            && !f.pos.is_suffix();
        if start < begin + 2 && !(glued && rule.linked) {
            return;
        }
        // 主演の桐谷美咲さん, 会長である岡田さん: the marker of an apposition (の, or the
        // copula である), the term ending right before it.
        let genitive = if f.pos.is_particle() && a.surface(before) == "の" {
            Some(before)
        } else if f.pos.is_auxiliary_verb()
            && a.surface(before) == "ある"
            && before > begin + 1
            && a.surface(before - 1) == "で"
            && a.features(before - 1).pos.is_auxiliary_verb()
        {
            Some(before - 1)
        } else {
            None
        };
        // 前組合長の村井健一さん, 元代表・岡部氏: an apposition names what the person is, even
        // for a rule whose terms attach to a name only directly (titles).
        if !rule.linked {
            if let Some(marker) = genitive {
                self.push_ending_at(subject, marker, stop, end);
            } else if a.surface(before) == "・" {
                self.push_ending_at(subject, before, stop, end);
            } else if !self.attach_continued(subject, before, stop, end) {
                self.attach_serving(subject, before, stop, end);
            }
            return;
        }
        if subject.given.is_some() {
            self.topic_title(subject, start, stop, end);
        }
        if let Some(marker) = genitive {
            self.push_ending_at(subject, marker, stop, end);
            // 落選した元職の川島氏, 再選を果たした現職の川村氏: a relative clause before the
            // apposition (one to three nouns and の) is the person's too.
            let before = marker;
            let k = nouns_back(a, before, begin, |pos, _| {
                !pos.is_number() && !pos.is_pronoun()
            });
            if k < before && k > begin + 1 {
                self.attach_clause(subject, k - 1, stop, end);
            }
            return;
        }
        // 同社の社長、山本健一氏: a title set off by a comma before a full name, when the
        // title is itself an apposition (after の) or opens its clause; not 山田一郎さんが社長、
        // 藤田正男さんが副社長に (the first title is 山田さん's).
        if a.surface(before) == "、" && subject.given.is_some() {
            if let Some((first, members)) = rule.term_ending_at(a, begin, before) {
                // Past the nouns written onto the term (労働組合の執行委員長、).
                let mut k = first;
                while k > begin
                    && a.tokens[k - 1].span.end == a.tokens[k].span.start
                    && a.features(k - 1).pos.is_noun()
                {
                    k -= 1;
                }
                if k <= begin || matches!(a.surface(k - 1), "の" | "、" | "「" | "(" | "（") {
                    self.push_before(subject, first, before, stop, end, members);
                }
            }
            return;
        }
        // GK森田, 主将の遊撃手・矢島蓮, 主将のフランカー佐伯拓海: a position written onto the
        // name (or set off by ・) is the person's, and so is a title before the position's の.
        let dot = a.surface(before) == "・";
        if dot || glued {
            let last = if dot { before } else { start };
            // A surname with a role written onto it (ＤＦ森田) is a person, as one with a title
            // after it is.
            if self.push_ending_at(subject, last, stop, end)
                && glued
                && a.features(start).pos.is_surname()
            {
                self.persons.insert(subject.surname);
            }
            // A position in Latin capitals (主将のMF山下翔太) is read as an unknown proper noun.
            let k = nouns_back(a, last, begin, |pos, surface| {
                !pos.is_number() && (!pos.is_proper_noun() || position_code(surface))
            });
            if k < last
                && k > begin + 1
                && a.surface(k - 1) == "の"
                && a.features(k - 1).pos.is_particle()
            {
                self.push_ending_at(subject, k - 1, stop, end);
            }
            return;
        }
        if self.attach_continued(subject, before, stop, end) {
            return;
        }
        self.attach_clause(subject, before, stop, end);
    }

    /// 「北斗電工の元監督で、現在は解説の仕事に専念している森下浩一さん」: a title closing a
    /// clause with で and a comma, before the relative clause that ends at the name (token
    /// `before`), is the person's: what the person is, then what the person does. Only a
    /// title that is an apposition itself (after の, a comma or the sentence's start; not
    /// 山田氏が社長で、…: that title is 山田氏's), and a clause with no other person.
    fn attach_continued(
        &mut self,
        subject: Subject<'a>,
        before: usize,
        stop: usize,
        end: usize,
    ) -> bool {
        let (a, rule) = (self.a, self.rule);
        let begin = self.begin;
        if clause_verb(a, before).is_none() {
            return false;
        }
        let floor = begin.max(before.saturating_sub(CONTINUED_TOKENS));
        let Some(comma) = (floor + 1..before).rev().find(|&k| {
            let p = a.features(k).pos;
            p.is_comma() || p.is_period() || p.is_symbol() || p.is_person_name()
        }) else {
            return false;
        };
        if !a.features(comma).pos.is_comma()
            || comma < begin + 3
            || a.surface(comma - 1) != "で"
            || !a.features(comma - 1).pos.is_particle()
        {
            return false;
        }
        let Some((first, members)) = rule.term_ending_at(a, begin, comma - 1) else {
            return false;
        };
        let opens = first <= begin
            || matches!(a.surface(first - 1), "の" | "、" | "「")
            || (first >= 1 && a.features(first - 1).pos.is_prefix() && {
                first - 1 <= begin || matches!(a.surface(first - 2), "の" | "、" | "「")
            });
        if !opens {
            return false;
        }
        self.push_before(subject, first, comma - 1, stop, end, members);
        true
    }

    /// 「北斗電工の監督を務める森下浩一さん」: a title the person serves in now, written in the
    /// relative clause right before the name (not 務めた, served once), for a rule whose terms
    /// attach to a name only directly.
    fn attach_serving(&mut self, subject: Subject<'a>, before: usize, stop: usize, end: usize) {
        let a = self.a;
        if clause_verb(a, before) == Some(before)
            && a.base(before) == "務める"
            && before > self.begin + 1
            && a.surface(before - 1) == "を"
            && a.features(before - 1).pos.is_particle()
        {
            self.push_ending_at(subject, before - 1, stop, end);
        }
    }

    /// A relative clause ending at token `before` (just before the name, or before its
    /// apposition) in which the person served in or achieved a term: 助演を務めた桐谷さん,
    /// 実行委員長を務める大楠氏, 再選を果たした川村氏, 落選が決まった岡部氏, ピアノ伴奏を担当した
    /// 佐伯教諭.
    fn attach_clause(&mut self, subject: Subject<'a>, before: usize, stop: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        let begin = self.begin;
        // 助演を務めた桐谷さん, 実行委員長を務める大楠氏: a role served in, past or present;
        // 副実行委員長として準備を統括する村井さん: a role the person acts in.
        let Some(verb) = clause_verb(a, before) else {
            return;
        };
        if !a.features(verb).pos.is_verb() {
            return;
        }
        // 落選した岡部氏: the term the する makes a verb of; otherwise (主将として活躍した)
        // what the clause says before it.
        if a.base(verb) == "する" && self.push_ending_at(subject, verb, stop, end) {
            return;
        }
        // ピアノ伴奏を担当した佐伯教諭: the role a person was in charge of is the person's.
        if a.base(verb) == "する"
            && verb > begin + 2
            && a.surface(verb - 1) == "担当"
            && a.surface(verb - 2) == "を"
        {
            self.push_ending_at(subject, verb - 2, stop, end);
            return;
        }
        let achieving = rule
            .lexicons
            .contains(LexiconId::AchievingVerbs, a.base(verb));
        let floor = begin.max(verb.saturating_sub(PREDICATE_TOKENS));
        for k in (floor + 1..verb).rev() {
            let pos = a.features(k).pos;
            let s = a.surface(k);
            // 落選が決まった岡部氏: the result settled is the person's.
            if s == "が" && pos.is_particle() && k + 1 == verb && a.base(verb) == "決まる" {
                self.push_ending_at(subject, k, stop, end);
                return;
            }
            if pos.is_symbol() || (pos.is_particle() && matches!(s, "は" | "が")) {
                return;
            }
            let object = s == "を" && k + 1 == verb && achieving;
            // 助演に回った水野さん: the role the person took.
            let taken = s == "に"
                && k + 1 == verb
                && rule
                    .lexicons
                    .contains(LexiconId::RoleTakingVerbs, a.base(verb));
            if (object || taken || s == "として") && pos.is_particle() {
                self.push_ending_at(subject, k, stop, end);
                return;
            }
        }
    }

    /// 今季の主将は、…西野彩花選手が務めます; 守る会の代表は、…高田昌平さん。: a title as the
    /// topic of the sentence and a full name (with its honorific) as what the title is, the
    /// sentence ending there or going on with が務める.
    fn topic_title(&mut self, subject: Subject<'a>, start: usize, stop: usize, end: usize) {
        let (a, rule) = (self.a, self.rule);
        let begin = self.begin;
        let mut k = stop;
        if let Some(next) = rule.honorific_at(a, k, end) {
            k = next;
        }
        // 主演を務めるのは、俳優の水城怜さん（27）。: an age after the name.
        k = skip_aside(a, k, end);
        let copula =
            k < end && matches!(a.base(k), "だ" | "です") && a.features(k).pos.is_auxiliary_verb();
        let after = if copula { k + 1 } else { k };
        let ends = after >= end || a.features(after).pos.is_period();
        let serves = k + 1 < end
            && a.surface(k) == "が"
            && a.features(k).pos.is_particle()
            && a.base(k + 1) == "務める";
        if !(ends || serves) {
            return;
        }
        // The nearest は before the name, with no other subject between.
        let Some(wa) = (begin..start)
            .rev()
            .find(|&p| matches!(a.surface(p), "は" | "が") && a.features(p).pos.is_particle())
        else {
            return;
        };
        if a.surface(wa) != "は" || wa <= begin {
            return;
        }
        if self.push_ending_at(subject, wa, stop, end) {
            return;
        }
        // 連続ドラマ初主演を務めるのは、…水城怜さん: the role served (務める, 務めた), as a
        // clause made a noun by の, is the topic.
        if wa < begin + 4 || a.surface(wa - 1) != "の" {
            return;
        }
        let mut verb = wa - 2;
        if a.features(verb).pos.is_auxiliary_verb() && a.base(verb) == "た" {
            verb -= 1;
        }
        let served = verb > begin + 1
            && a.features(verb).pos.is_verb()
            && a.base(verb) == "務める"
            && a.surface(verb - 1) == "を"
            && a.features(verb - 1).pos.is_particle();
        if served {
            self.push_ending_at(subject, verb - 1, stop, end);
        }
    }

    /// Records a mention of the term ending before token `at` (in this sentence), written
    /// before the subject whose name ends before token `stop`; false when no term ends there.
    fn push_ending_at(&mut self, subject: Subject<'a>, at: usize, stop: usize, end: usize) -> bool {
        let a = self.a;
        if let Some((first, members)) = self.rule.term_ending_at(a, self.begin, at) {
            self.push_before(subject, first, at, stop, end, members);
            return true;
        }
        // 最高技術責任者（CTO）の三船隆之氏: the term's abbreviation in brackets before the の.
        let close = at
            .checked_sub(1)
            .filter(|&k| k > self.begin && a.surface(k) == ")");
        let open = close.and_then(|close| {
            (close.saturating_sub(ASIDE_TOKENS).max(self.begin)..close)
                .rev()
                .find(|&k| a.surface(k) == "(")
        });
        let Some(open) = open else {
            return false;
        };
        let Some((first, members)) = self.rule.term_ending_at(a, self.begin, open) else {
            return false;
        };
        self.push_before(subject, first, open, stop, end, members);
        true
    }

    /// Records a mention of the term on tokens `[i, next)` written before its subject, whose
    /// name ends before token `stop`, unless the clause dates it.
    fn push_before(
        &mut self,
        subject: Subject<'a>,
        i: usize,
        next: usize,
        stop: usize,
        end: usize,
        members: &[Member],
    ) {
        let a = self.a;
        if historical(a, self.begin, i, stop, end, &self.rule.lexicons) {
            return;
        }
        let term = Span::new(a.tokens[i].span.start, a.tokens[next - 1].span.end);
        let name_end = a.tokens[stop - 1].span.end;
        for &member in members {
            self.mentions.push(Mention {
                subject,
                member,
                term,
                context: Span::new(term.start, name_end),
            });
        }
    }

    /// Records a mention of the term on tokens `[i, next)` unless what follows rules it out.
    fn push(
        &mut self,
        subject: Subject<'a>,
        i: usize,
        next: usize,
        end: usize,
        members: &[Member],
        link: Link,
    ) {
        let a = self.a;
        let term = Span::new(a.tokens[i].span.start, a.tokens[next - 1].span.end);
        self.push_term(subject, term, next, end, members, link);
    }

    /// [`Scan::push`] for a term at `term` (its span in the text), before token `next`.
    fn push_term(
        &mut self,
        subject: Subject<'a>,
        term: Span,
        next: usize,
        end: usize,
        members: &[Member],
        link: Link,
    ) {
        let (a, lexicons) = (self.a, &*self.rule.lexicons);
        let first = a.first_at(subject.start);
        if !stands_alone(a, next, end, lexicons)
            || denied(a, next, end, lexicons)
            || historical(a, self.begin, first, next, end, lexicons)
        {
            return;
        }
        match link {
            Link::Direct => {}
            Link::Genitive => {
                if next < end && a.surface(next) == "の" {
                    return;
                }
            }
            Link::Predicate => {
                if !ends_predicate(a, next, end, lexicons) {
                    return;
                }
            }
        }
        for &member in members {
            self.mentions.push(Mention {
                subject,
                member,
                term,
                context: Span::new(subject.start, term.end),
            });
        }
    }
}

/// Whether token `i`, right after a given name, is the name's last kana glued to an
/// honorific by the segmenter (早瀬|ゆり|あさん: あさん read as a verb): one hiragana and
/// さん, さま or ちゃん, written onto the given name.
fn glued_honorific(a: &Analysis<'_>, i: usize, end: usize) -> bool {
    if i == 0 || i >= end || !a.features(i - 1).pos.is_given_name() {
        return false;
    }
    if a.tokens[i - 1].span.end != a.tokens[i].span.start || a.features(i).pos.is_noun() {
        return false;
    }
    let s = a.surface(i);
    let mut chars = s.chars();
    let kana = chars.next().is_some_and(is_hiragana);
    kana && matches!(chars.as_str(), "さん" | "さま" | "ちゃん")
}

/// True for a token that can be part of a name. `in_run`: a name has already started.
fn is_name(a: &Analysis<'_>, i: usize, in_run: bool) -> bool {
    let pos = a.features(i).pos;
    let s = a.surface(i);
    // Most tokens are not nouns; person names (名詞,固有名詞,人名) are.
    if !pos.is_noun() {
        return in_run && s == "・";
    }
    if pos.is_person_name() {
        return true;
    }
    if in_run && s == "・" {
        return true;
    }
    let katakana = s.chars().all(|c| matches!(c, 'ァ'..='ヺ' | 'ー' | '・'));
    if katakana {
        // アメリカ, ロシア: places are never the person; サ変 nouns are actions (キャンプ).
        return !pos.is_place_name() && !pos.is_sahen_noun();
    }
    if s.chars().all(|c| c.is_ascii_alphabetic()) {
        return true;
    }
    // An unknown kanji word right after a surname is the given name (石田陽翔), and so is a
    // one-kanji common noun glued to a given name (森本悠斗 is 悠 + 斗) and a hiragana
    // common noun glued to a surname (森下さくら, 水野ひかり; not 佐藤ほか).
    let glued = i > 0 && a.tokens[i - 1].span.end == a.tokens[i].span.start;
    in_run
        && i > 0
        && ((a.is_unknown(i) && a.features(i - 1).pos.is_surname())
            || (a.features(i - 1).pos.is_given_name() && glued && single_kanji(s))
            || (a.features(i - 1).pos.is_surname()
                && glued
                && pos.is_common_noun()
                && hiragana_given_name(s)))
}

/// A hiragana word of two to four characters that may be a given name (さくら, ひかり), not
/// one of the nouns written after a name (ほか, たち, ふたり).
fn hiragana_given_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n)
        && s.chars().all(|c| matches!(c, 'ぁ'..='ゖ' | 'ー'))
        && !matches!(
            s,
            "ほか"
                | "こと"
                | "もの"
                | "ため"
                | "とき"
                | "ところ"
                | "みな"
                | "みんな"
                | "あと"
                | "まえ"
                | "うち"
                | "ふたり"
                | "ひとり"
                | "たち"
                | "ども"
                | "さま"
                | "どの"
        )
}

/// True for one CJK ideograph.
fn single_kanji(s: &str) -> bool {
    let mut chars = s.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if matches!(c, '\u{4E00}'..='\u{9FFF}'))
}

/// Whether token `first` is a kanji surname or proper noun with a kanji proper noun glued
/// after it and an age in brackets after that (佐伯拓海（34）, which the segmenter reads as two
/// places; 木村拓海（34）): a person, named as news names people.
fn aged_name(a: &Analysis<'_>, first: usize) -> bool {
    let second = first + 1;
    if second >= a.tokens.len() || a.tokens[first].span.end != a.tokens[second].span.start {
        return false;
    }
    let kanji_proper = |i: usize| {
        let pos = a.features(i).pos;
        (pos.is_proper_noun() || pos.is_surname()) && a.surface(i).chars().all(is_kanji)
    };
    // The age right after the name, or after a title written onto it (佐伯拓海主将（34）).
    let third = second + 1;
    let aged = bracketed_age(&a.text[a.tokens[second].span.end..]).is_some()
        || (third < a.tokens.len()
            && a.tokens[second].span.end == a.tokens[third].span.start
            && a.features(third).pos.is_noun()
            && !a.features(third).pos.is_proper_noun()
            && bracketed_age(&a.text[a.tokens[third].span.end..]).is_some());
    kanji_proper(first) && kanji_proper(second) && aged
}

/// Token `i` may be a given name the segmenter reads as another proper noun (拓海 as a place):
/// one to three kanji, a proper noun but no person's name, glued to the token before it.
fn kanji_proper_given(a: &Analysis<'_>, i: usize) -> bool {
    let s = a.surface(i);
    let pos = a.features(i).pos;
    i > 0
        && pos.is_proper_noun()
        && !pos.is_person_name()
        && (1..=3).contains(&s.chars().count())
        && s.chars().all(is_kanji)
        && a.tokens[i - 1].span.end == a.tokens[i].span.start
}

/// Departments named by a function, never a company's name (広報課長, 総務部長): read between a
/// lone surname and its title.
const FUNCTION_DEPARTMENTS: &[&str] = &[
    "広報", "総務", "営業", "経理", "人事", "企画", "財務", "法務", "編集", "技術", "開発",
];

/// Whether the article writes `surname` (a token) with a given name glued to it somewhere
/// (石黒 of 石黒真由美).
fn named_in_full(a: &Analysis<'_>, surname: &str) -> bool {
    a.tokens_with_surface(surname).iter().any(|&t| {
        let t = t as usize;
        t + 1 < a.tokens.len()
            && a.features(t).pos.is_surname()
            && a.tokens[t].span.end == a.tokens[t + 1].span.start
            && a.features(t + 1).pos.is_given_name()
    })
}

/// The subject named by tokens `[start, end)`: 姓 + 名 → the surname, `名・姓` → the part
/// after the last `・`, otherwise the whole run.
fn subject_of<'t>(a: &Analysis<'t>, start: usize, end: usize) -> Option<Subject<'t>> {
    if a.surface(end - 1) == "・" {
        return None;
    }
    let whole = Span::new(a.tokens[start].span.start, a.tokens[end - 1].span.end);
    let text = &a.text[whole.range()];
    if let Some((given, surname)) = text.rsplit_once('・') {
        let given = given.trim_matches('・');
        // ジョー・バイデン: a foreign name, katakana on both sides of ・. 鷲尾ホークス・高梨 is
        // a team and its player: what stands before ・ is no given name.
        let foreign = |part: &str| {
            part.chars()
                .all(|c| is_katakana(c) || c == '・' || c.is_ascii_alphabetic())
        };
        let given = (!given.is_empty() && foreign(given) && foreign(surname)).then_some(given);
        return (!surname.is_empty()).then_some(Subject {
            surname,
            given,
            start: whole.start,
        });
    }
    let is_surname = |i: usize| a.features(i).pos.is_surname();
    if let Some(s) = (start..end).rev().find(|&i| is_surname(i)) {
        // 拓 + 真 of 三宅拓真: a prefix the run took in after a given name is part of it.
        let given_ok = (s + 1..end).all(|i| {
            (is_name(a, i, true)
                || (i > s + 1
                    && a.features(i).pos.is_prefix()
                    && a.features(i - 1).pos.is_given_name())
                // 拓海 of 佐伯拓海八段, read as a place (the run took it in before a title).
                || (i == s + 1 && end == s + 2 && kanji_proper_given(a, i)))
                && !is_surname(i)
        });
        if given_ok {
            let span = a.tokens[s].span;
            let given = (s + 1 < end)
                .then(|| &a.text[a.tokens[s + 1].span.start..a.tokens[end - 1].span.end]);
            return Some(Subject {
                surname: &a.text[span.range()],
                given,
                start: span.start,
            });
        }
    }
    // 佐伯拓海（34）: two proper nouns the segmenter reads as places, with an age after them,
    // are a surname and a given name.
    if end == start + 2 && aged_name(a, start) {
        let span = a.tokens[start].span;
        return Some(Subject {
            surname: &a.text[span.range()],
            given: Some(&a.text[a.tokens[start + 1].span.range()]),
            start: span.start,
        });
    }
    Some(Subject {
        surname: text,
        given: None,
        start: whole.start,
    })
}

fn is_country(a: &Analysis<'_>, i: usize, lexicons: &Lexicons) -> bool {
    let pos = a.features(i).pos;
    pos.is_noun()
        && (lexicons.contains(LexiconId::CountryAbbreviations, a.surface(i))
            || pos.is_country_name())
}

/// One short modifier between particle and term (見事な当選, いきなりの再選 is not one).
fn skip_modifier(a: &Analysis<'_>, i: usize, end: usize) -> usize {
    if i >= end {
        return i;
    }
    let pos = a.features(i).pos;
    if pos.is_adverb() || pos.is_adnominal() || pos.is_adjective() {
        return i + 1;
    }
    if pos.is_adjectival_noun() && i + 1 < end && a.surface(i + 1) == "な" {
        return i + 2;
    }
    i
}

/// False when the term continues into a longer compound (大統領選, 大統領夫人) or is marked as
/// past (大統領(当時)).
fn stands_alone(a: &Analysis<'_>, next: usize, end: usize, lexicons: &Lexicons) -> bool {
    let rest = &a.text[a.tokens[next - 1].span.end..];
    let rest = rest.trim_start_matches([' ', '\u{3000}', '(']);
    let dated = lexicons.get(LexiconId::TitleAnnotations);
    if dated.iter().any(|w| rest.starts_with(w)) {
        return false;
    }
    if next >= end || a.tokens[next].span.start != a.tokens[next - 1].span.end {
        return true;
    }
    !a.features(next).pos.is_noun() || lexicons.contains(LexiconId::NonCompounding, a.surface(next))
}

/// True when the few tokens after the term (up to punctuation) negate it or make it
/// hypothetical: 再選ならず, 当選を逃した, 当選すれば.
fn denied(a: &Analysis<'_>, next: usize, end: usize, lexicons: &Lexicons) -> bool {
    for i in next..(next + 5).min(end) {
        let f = a.features(i);
        if f.pos.is_symbol() {
            break;
        }
        let base = a.base(i);
        let negation = lexicons.contains(LexiconId::NegativeAuxiliaries, base)
            && (f.pos.is_auxiliary_verb() || f.pos.is_adjective());
        if negation
            || lexicons.contains(LexiconId::DenyingVerbs, base)
            || f.conjugation == Conjugation::Conditional
            || a.surface(i) == "場合"
        {
            return true;
        }
    }
    false
}

/// True when the clause around a mention (tokens `[first, next)`) dates it, so it may state
/// an earlier fact: 2017年に初当選, 前回の選挙で当選, トランプ大統領は2019年に.
fn historical(
    a: &Analysis<'_>,
    begin: usize,
    first: usize,
    next: usize,
    end: usize,
    lexicons: &Lexicons,
) -> bool {
    let is_date = |i: usize| is_date(a, i, end, lexicons);
    // 「当時、斎藤組合長は…と訴えていた」「昨年は、…」: a past marker set off at the sentence's
    // start dates every clause of it.
    let opening = begin + 1 < first
        && lexicons.contains(LexiconId::PastMarkers, a.surface(begin))
        && (a.surface(begin + 1) == "、"
            || (a.surface(begin + 1) == "は" && a.features(begin + 1).pos.is_particle()));
    if opening {
        return true;
    }
    let clause_end = |i: usize| a.features(i).pos.is_symbol();
    let before = (begin.max(first.saturating_sub(CLAUSE_TOKENS))..first)
        .rev()
        .take_while(|&i| !clause_end(i));
    let after = (next..(next + CLAUSE_TOKENS).min(end)).take_while(|&i| !clause_end(i));
    before.chain(after).any(is_date)
}

/// True for a word that dates a clause: a past marker (当時, 前回) or a year (2017年, 令和5年);
/// not a length of time (20年以上, 3年間, 8年ぶり, 2年目) or a time since (2021年から), which
/// date nothing.
fn is_date(a: &Analysis<'_>, i: usize, end: usize, lexicons: &Lexicons) -> bool {
    if lexicons.contains(LexiconId::PastMarkers, a.surface(i)) {
        return true;
    }
    if !(a.features(i).pos.is_number() && i + 1 < end && a.surface(i + 1) == "年") {
        return false;
    }
    let length = i + 2 < end
        && [
            "間", "以上", "ぶり", "目", "余り", "近く", "超", "前", "後", "連続",
        ]
        .iter()
        .any(|w| a.surface(i + 2).starts_with(w));
    // 2021年から調べてきた, 2019年以来: a time reaching now dates nothing; a range that ends
    // (2017年から2021年まで) is dated by its end.
    let since = i + 2 < end && matches!(a.surface(i + 2), "から" | "以来" | "以降");
    let before = &a.text[..a.tokens[i].span.start];
    let era = ["令和", "平成", "昭和", "大正"]
        .iter()
        .any(|e| before.ends_with(e));
    let calendar = a
        .surface(i)
        .parse::<u32>()
        .is_ok_and(|y| (1000..=2999).contains(&y));
    !length && !since && (calendar || era)
}

/// Skips an aside in brackets right at token `p` (an age: 井上陽子氏(26)), when it closes
/// within a few tokens (the closing bracket may share a token with what follows: `)。`).
fn skip_aside(a: &Analysis<'_>, p: usize, end: usize) -> usize {
    if p >= end || a.surface(p) != "(" {
        return p;
    }
    (p + 1..end.min(p + ASIDE_TOKENS))
        .find(|&k| a.surface(k).starts_with(')'))
        .map_or(p, |k| k + 1)
}

/// How long an aside `skip_aside` skips may be, in tokens.
const ASIDE_TOKENS: usize = 8;

/// The first of up to three nouns ending before token `at` (not before `floor`) that `keep`
/// accepts: an apposition's nouns between a clause or a title's の and the name.
/// Whether a word is a player's position in Latin capitals (MF, GK, DH): two or three of
/// them.
fn position_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// The first of up to three nouns before token `at` (not before `floor`) that `keep` accepts
/// by part of speech and surface.
fn nouns_back(
    a: &Analysis<'_>,
    at: usize,
    floor: usize,
    keep: impl Fn(Pos, &str) -> bool,
) -> usize {
    let mut k = at;
    while k > floor && at - k < 3 && {
        let pos = a.features(k - 1).pos;
        pos.is_noun() && keep(pos, a.surface(k - 1))
    } {
        k -= 1;
    }
    k
}

/// Whether the noun chain glued before token `k` (not before `floor`) holds a prefix of a
/// former post (元県職員, 前事務局長 read from 職員 or 事務局長).
fn former_before(a: &Analysis<'_>, floor: usize, k: usize) -> bool {
    let mut i = k;
    while i > floor && a.tokens[i - 1].span.end == a.tokens[i].span.start {
        let pos = a.features(i - 1).pos;
        if pos.is_prefix() && matches!(a.surface(i - 1), "元" | "前") {
            return true;
        }
        if !pos.is_noun() {
            return false;
        }
        i -= 1;
    }
    false
}

/// Token `t`, or the token after it when `t` is a title prefix (前, 元, 新: 前大統領, 新市長)
/// followed by another token before `end`.
fn past_title_prefix(a: &Analysis<'_>, lexicons: &Lexicons, t: usize, end: usize) -> usize {
    if t + 1 < end && lexicons.contains(LexiconId::TitlePrefixes, a.surface(t)) {
        t + 1
    } else {
        t
    }
}

/// How far from a subject its predicate (or from a name its relative clause) is looked
/// for, in tokens.
const PREDICATE_TOKENS: usize = 40;
/// Where a relative clause ending at token `before` has its verb: the token before a past た
/// (務めた), or the token itself when a verb in its plain or attributive form (務める); `None`
/// when the clause ends otherwise (after た the caller checks that a verb stands there).
fn clause_verb(a: &Analysis<'_>, before: usize) -> Option<usize> {
    let f = a.features(before);
    if f.pos.is_auxiliary_verb() && a.base(before) == "た" {
        Some(before - 1)
    } else if f.pos.is_verb() && (f.conjugation.is_basic() || f.conjugation.is_attributive()) {
        Some(before)
    } else {
        None
    }
}

/// The most tokens a relative clause between a title closed by で、 and the name may hold.
const CONTINUED_TOKENS: usize = 24;
/// How far after a subject a role it serves (主演を務める) is looked for.
const SERVED_TOKENS: usize = 60;

/// How far around a mention `historical` looks for a date, in tokens.
const CLAUSE_TOKENS: usize = 10;

/// After が/は (or no particle) the term must be the predicate: followed by nothing,
/// punctuation, a line break, する/した, or を + an achieving verb (を果たす). 「当選した候補」
/// and 「再選を支持」 are not.
/// Whether the verb ending before token `after` (with its た, if `after` is one) describes the
/// noun after it (主演を務める俳優, 主演を務めた作品): a relative clause, not a predicate of the
/// sentence's subject. A clause made a noun (務めること, 務めるのは) is the subject's.
fn describes_noun(a: &Analysis<'_>, after: usize, end: usize) -> bool {
    let after = after + usize::from(after < end && a.surface(after) == "た");
    after < end && a.features(after).pos.is_noun() && !matches!(a.surface(after), "こと" | "の")
}

fn ends_predicate(a: &Analysis<'_>, next: usize, end: usize, lexicons: &Lexicons) -> bool {
    // 石井航平五段（24）に勝ち: what follows an aside decides.
    let mut i = skip_aside(a, next, end);
    if i < end && a.surface(i) == "を" {
        return i + 1 < end
            && lexicons.contains(LexiconId::AchievingVerbs, a.base(i + 1))
            && !describes_noun(a, i + 2, end);
    }
    // 「松永さんは同法人の副理事長で、元小学校教諭」: the continuative copula before a comma.
    if i + 1 < end && a.surface(i) == "で" && a.features(i + 1).pos.is_comma() {
        return true;
    }
    while i < end {
        let pos = a.features(i).pos;
        if i > 0 && a.tokens[i].span.start != a.tokens[i - 1].span.end {
            return true;
        }
        if pos.is_symbol() || pos.is_conjunctive_particle() {
            return true;
        }
        let verbal =
            (pos.is_verb() && matches!(a.base(i), "する" | "なる")) || pos.is_auxiliary_verb();
        if !verbal {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use crate::rules::kinds::RuleKind as _;
    use std::path::Path;

    use super::{Context, Scan};
    use crate::document::{Document, Format};
    use crate::engine::run_rule;
    use crate::finding::{Finding, Hit};
    use crate::lang::ja::{Analysis, Morphology};
    use crate::rules::Rule;
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

    fn titles() -> Rule {
        rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」は{match}({attribute})か{other_match}({other})か\nparticles: []\ntitles: [大統領, [首相, 総理], 市長, 監督]\nattributes:\n  - name: 前職\n    terms: ['前{title}', '元{title}']\n  - name: 現職\n    terms: ['{title}', '現{title}']\n",
        )
    }

    fn elections() -> Rule {
        rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nattributes:\n  - name: 再選\n    terms: [再選]\n  - name: 当選\n    terms: [当選, 初当選]\n",
        )
    }

    fn related(f: &Finding, text: &str) -> Vec<String> {
        f.related
            .iter()
            .map(|r| format!("{}|{}", &text[r.span.range()], r.message))
            .collect()
    }

    #[test]
    fn a_goal_still_ahead_narrates_no_change() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 挑戦者\n        terms: [挑戦者]\n      - name: 保持者\n        terms: [棋聖]\n    transitions: [獲得, 初タイトル]\n",
        );
        let text = |after: &str| {
            format!("棋聖戦第3局\n\n村瀬隆之棋聖が先勝した。\n\n挑戦者の村瀬七段は{after}")
        };
        for goal in [
            "初タイトル獲得まであと2勝とした。",
            "タイトル獲得に王手をかけた。",
            "タイトル獲得を目指す。",
        ] {
            assert_eq!(hits(&rule, &text(goal)).len(), 1, "{goal}");
        }
        // A title taken is a change: no conflict.
        assert!(hits(&rule, &text("タイトルを獲得した。")).is_empty());
    }

    #[test]
    fn former_and_sitting_title_conflict_once() {
        let text = "トランプ大統領が来日\n\nトランプ氏は演説した。トランプ前大統領は笑った。トランプ前大統領は帰国した。トランプ大統領の時代だ。";
        let h = hits(&titles(), text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "前大統領");
        assert_eq!(h[0].message, "「トランプ」は前大統領(前職)か大統領(現職)か");
        assert_eq!(related(&h[0], text), ["大統領|ここでは「トランプ大統領」"]);
    }

    #[test]
    fn surname_and_full_name_are_one_subject_and_aliases_one_title() {
        let text = "石破茂首相が会見\n\n石破茂総理は述べた。石破元首相は笑った。";
        let h = hits(&titles(), text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "元首相");
        assert_eq!(related(&h[0], text), ["首相|ここでは「石破茂首相」"]);
        // Same attribute, or different title families: no conflict.
        assert_hits(
            &titles(),
            "石破茂首相が会見\n\n石破茂総理は述べた。石破首相も。",
            &[],
        );
        assert_hits(&titles(), "石破茂首相が会見\n\n石破元市長は述べた。", &[]);
    }

    #[test]
    fn different_people_do_not_conflict() {
        assert_hits(
            &titles(),
            "大川達夫前市長が引退\n\n木村さやか氏が就任した。木村市長は語った。",
            &[],
        );
        // Two people sharing a surname: the bare surname is ambiguous and not used.
        assert_hits(
            &titles(),
            "安倍晋太郎氏と安倍昭恵氏\n\n安倍昭恵氏は語った。安倍前首相の話だ。安倍首相だった。",
            &[],
        );
    }

    #[test]
    fn offices_and_places_are_not_people() {
        // No evidence that ソニーグループ or アメリカ is a person: an office, not a subject.
        assert_hits(
            &titles(),
            "アメリカ大統領の権限\n\nアメリカ大統領は強い。アメリカ前大統領も語った。",
            &[],
        );
    }

    #[test]
    fn compounds_and_past_qualifiers_are_not_titles() {
        assert_hits(
            &titles(),
            "トランプ前大統領が演説\n\nトランプ氏は語った。トランプ大統領選の話だ。トランプ大統領夫人も。",
            &[],
        );
        assert_hits(
            &titles(),
            "トランプ前大統領が演説\n\nトランプ氏は、トランプ大統領(当時)の政策を語った。",
            &[],
        );
        // A past marker set off at the sentence's start dates every clause of it; the same
        // marker later in another clause dates only its own.
        let text = |opening: &str| {
            format!(
                "漁協の転換\n\n前市長の斎藤敏夫氏が呼びかけた。{opening}斎藤市長は「頼っていては持たない」と訴えていた。"
            )
        };
        assert_hits(&titles(), &text("当時、"), &[]);
        assert_hits(&titles(), &text("当時は、"), &[]);
        assert_hits(&titles(), &text("その結果、"), &["市長"]);
    }

    #[test]
    fn country_abbreviations_and_katakana_full_names() {
        let text = "ドナルド・トランプ米大統領\n\nトランプ氏は語った。トランプ米前大統領は笑った。";
        let h = hits(&titles(), text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "前大統領");
        assert_eq!(
            related(&h[0], text),
            ["大統領|ここでは「ドナルド・トランプ米大統領」"]
        );
    }

    #[test]
    fn split_katakana_names_are_one_subject() {
        // IPADIC splits ロバーツ into ロ + バーツ.
        let text = "ロバーツ市長が視察\n\nロバーツ氏は語った。ロバーツ前市長は笑った。";
        assert_hits(&titles(), text, &["前市長"]);
    }

    #[test]
    fn events_attach_through_particles() {
        let text = "木村氏の再選\n\n木村さやか氏が初当選した。";
        let h = hits(&elections(), text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "初当選");
        assert_eq!(h[0].message, "「木村」の初当選と再選");
        assert_eq!(related(&h[0], text), ["再選|ここでは「木村氏の再選」"]);
        assert_hits(
            &elections(),
            "トランプ前大統領の再選を受け\n\nトランプ氏の当選が確実となった。",
            &["当選"],
        );
    }

    fn roles() -> Rule {
        rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主将\n        terms: [主将]\n      - name: 副主将\n        terms: [副主将]\n  - attributes:\n      - name: 再選\n        terms: [再選]\n      - name: 当選\n        terms: [当選, 初当選]\n  - attributes:\n      - name: 容疑者\n        terms: [容疑者]\n      - name: 被告\n        terms: [被告]\n    transitions: [起訴]\n",
        )
    }

    #[test]
    fn roles_written_before_the_name_attach() {
        let text = "チームの主将\n\n主将の木下健太選手が語った。副主将の木下選手は笑った。";
        let h = hits(&roles(), text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "副主将");
        assert_eq!(related(&h[0], text), ["主将|ここでは「主将の木下健太」"]);
        // A relative clause in which the person achieved it, or a role taken as (として).
        assert_hits(
            &roles(),
            "県議補選\n\n川村美紀氏が初当選した。再選を果たした川村氏は述べた。",
            &["再選"],
        );
        assert_hits(
            &roles(),
            "チームの主将\n\n副主将として試合を支えた木下健太選手は語った。主将の木下選手は笑った。",
            &["主将"],
        );
        // A role served in (副主将を務めた).
        assert_hits(
            &roles(),
            "チームの主将\n\n主将の木下健太選手が語った。副主将を務めた木下健太選手は笑った。",
            &["副主将"],
        );
        // The end of a longer word (前主将, 4代目主将), or an event the person did not have.
        assert_hits(
            &roles(),
            "チームの主将\n\n主将の木下健太選手が語った。前主将の木下選手は笑った。",
            &[],
        );
        assert_hits(
            &roles(),
            "チームの主将\n\n4代目主将の木下健太選手が語った。副主将の木下選手は笑った。",
            &[],
        );
        assert_hits(
            &roles(),
            "県議補選\n\n川村美紀氏が初当選した。再選を阻んだ川村氏は述べた。",
            &[],
        );
    }

    #[test]
    fn a_department_before_the_title_and_a_title_set_off_by_a_comma_attach() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 部長\n        terms: [部長]\n      - name: 課長\n        terms: [課長]\n  - attributes:\n      - name: 社長\n        terms: [社長]\n      - name: 会長\n        terms: [会長]\n",
        );
        // 営農部長の石井浩二さん holds 部長; 取締役 before 社長 too.
        assert_hits(
            &rule,
            "JA\n\n営農部長の石井浩二さんは話した。\n\n石井課長は意気込む。",
            &["課長"],
        );
        assert_hits(
            &rule,
            "上場\n\n代表取締役社長の野口真一氏は話した。\n\n野口会長は述べた。",
            &["会長"],
        );
        // 同社の社長、山本健一氏: a title set off by a comma before a full name.
        assert_hits(
            &rule,
            "決算\n\n同社の社長、山本健一氏は説明した。\n\n山本会長は述べた。",
            &["会長"],
        );
        // A title set off before a lone surname is no apposition (a list of who attended);
        // an organisation's name before the title still holds it.
        assert_hits(
            &rule,
            "決算\n\n同社の社長、山本氏らが出席した。\n\n山本会長は述べた。",
            &[],
        );
        assert_hits(
            &rule,
            "決算\n\nトヨタ社長の山本健一氏は説明した。\n\n山本会長は述べた。",
            &["会長"],
        );
        // Set off by a comma after the department written onto it (労働組合の執行委員長、):
        // still the apposition. A title ending another person's clause (山田一郎さんが社長、)
        // is not the next name's.
        assert_hits(
            &rule,
            "春闘\n\n同社労働組合の執行社長、山本健一氏は述べた。\n\n山本会長は話した。",
            &["会長"],
        );
        assert_hits(
            &rule,
            "人事\n\n山田一郎さんが会長、山本健一氏が社長に就く。\n\n山本健一社長は話した。",
            &[],
        );
    }

    #[test]
    fn a_school_year_written_onto_a_title_is_its_holder_s() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 投手\n        terms: [投手, エース]\n      - name: 捕手\n        terms: [捕手]\n",
        );
        // 2年生エースの高村悠斗 holds エース (a pitcher): 捕手の高村悠斗 is another position.
        assert_hits(
            &rule,
            "決勝\n\n先発した2年生エースの高村悠斗が完投した。\n\n決勝打は捕手の高村悠斗が放った。",
            &["捕手"],
        );
        // 2年生 alone holds no term.
        assert_hits(
            &rule,
            "決勝\n\n先発した2年生の高村悠斗が完投した。\n\n決勝打は捕手の高村悠斗が放った。",
            &[],
        );
    }

    #[test]
    fn a_title_as_the_topic_and_the_full_name_as_what_it_is_attach() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主将\n        terms: [主将]\n      - name: 副主将\n        terms: [副主将]\n",
        );
        assert_hits(
            &rule,
            "新体制\n\n今季の主将は、入団5年目の西野彩花選手が務めます。\n\n副主将の西野彩花選手が呼びかけた。",
            &["副主将"],
        );
        assert_hits(
            &rule,
            "新体制\n\n今季の主将は、入団5年目の西野彩花選手。\n\n副主将の西野彩花選手が呼びかけた。",
            &["副主将"],
        );
        // The name is not what the title is when the sentence goes on about something else,
        // or when another subject stands between.
        for text in [
            "新体制\n\n今季の主将は、西野彩花選手と話し合って決める。\n\n副主将の西野彩花選手が呼びかけた。",
            "新体制\n\n今季の主将は未定だが、西野彩花選手が務める。\n\n副主将の西野彩花選手が呼びかけた。",
        ] {
            assert_hits(&rule, text, &[]);
        }
    }

    #[test]
    fn a_year_dates_a_title_and_a_length_of_time_does_not() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 院長\n        terms: [院長]\n      - name: 副院長\n        terms: [副院長]\n",
        );
        // 20年以上 is how long, not when: the title holds now.
        assert_hits(
            &rule,
            "救急棟\n\n院長の長谷川誠氏は述べた。長谷川副院長は20年以上、救急部門を率いてきた。",
            &["副院長"],
        );
        // 2015年から…率いてきた runs to now: the title holds now.
        assert_hits(
            &rule,
            "救急棟\n\n院長の長谷川誠氏は述べた。長谷川副院長は2015年から救急部門を率いてきた。",
            &["副院長"],
        );
        // 2015年 and 令和5年 date the clause, as does the end of a range: an earlier title.
        for year in ["2015年", "令和5年", "2010年から2015年まで"] {
            assert_hits(
                &rule,
                &format!(
                    "救急棟\n\n院長の長谷川誠氏は述べた。長谷川副院長は{year}、救急部門を率いた。"
                ),
                &[],
            );
        }
    }

    #[test]
    fn a_department_between_a_full_name_and_its_title_attaches_the_title() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 部長\n        terms: [部長]\n      - name: 課長\n        terms: [課長]\n  - attributes:\n      - name: 社長\n        terms: [社長]\n      - name: 会長\n        terms: [会長]\n",
        );
        // 石黒広報課長 after 石黒真由美氏: a function's department after a surname written with
        // a given name elsewhere.
        assert_hits(
            &rule,
            "ダイヤ改正\n\n会見した広報部長の石黒真由美氏は話した。\n\n新ダイヤは3月から実施する。\n\n石黒広報課長によると、アプリでも確認できる。",
            &["課長"],
        );
        // ...not a surname nobody is named with in full.
        assert_hits(
            &rule,
            "ダイヤ改正\n\n会見した広報部長の石黒氏は話した。\n\n新ダイヤは3月から実施する。\n\n石黒広報課長によると、アプリでも確認できる。",
            &[],
        );
        // 中村浩二建設部長: the 部長 of the 建設 department is 部長.
        assert_hits(
            &rule,
            "橋の架け替え\n\n市建設課の中村浩二課長が話した。\n\n中村浩二建設部長によると、工事は続く。",
            &["部長"],
        );
        // After a lone surname the nouns may be a company's name (鈴木建設社長 is the
        // president of 鈴木建設), and a proper noun is never a department.
        assert_hits(
            &rule,
            "建設業界\n\n鈴木一郎会長が話した。\n\n鈴木建設社長は来月、会見を開く。",
            &[],
        );
        assert_hits(
            &rule,
            "建設業界\n\n鈴木一郎会長が話した。\n\n鈴木一郎トヨタ社長は来月、会見を開く。",
            &[],
        );
    }

    #[test]
    fn a_position_between_title_and_name_a_role_served_now_and_a_deputy_compound_attach() {
        // 主将の遊撃手・矢島蓮: a position stands between the title's の and the name.
        assert_hits(
            &roles(),
            "チームの主将\n\n主将の遊撃手・矢島蓮選手が本塁打を放った。副主将の矢島選手は語った。",
            &["副主将"],
        );
        // A position in Latin capitals, read as an unknown proper noun, itself a term of
        // the rule: 主将のMF山下翔太.
        let with_positions = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主将\n        terms: [主将]\n      - name: 副主将\n        terms: [副主将]\n  - attributes:\n      - name: MF\n        terms: [MF]\n      - name: FW\n        terms: [FW]\n",
        );
        assert_hits(
            &with_positions,
            "チームの主将\n\n主将のMF山下翔太が決勝点を挙げた。\n\n試合後、副主将の山下選手は喜んだ。",
            &["副主将"],
        );
        let chairs = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 委員長\n        terms: [委員長]\n      - name: 副委員長\n        terms: [副委員長]\n",
        );
        // 委員長を務める大楠博氏 (a role served now) and 副実行委員長の大楠氏 (副 + a compound
        // ending in 委員長: its deputy).
        let text = "映画祭の閉幕\n\n映画祭の委員長を務める大楠博氏はあいさつした。副実行委員長の大楠氏は語った。";
        let h = hits(&chairs, text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "副実行委員長");
        assert!(related(&h[0], text)[0].starts_with("委員長|"), "{h:#?}");
        // A compound without 副 (実行委員長) holds its last title, as 営農部長 holds 部長:
        // in one article 副委員長 and 実行委員長 of one festival exclude each other. After
        // 前 or an ordinal it is another title (前委員長, 2代目委員長).
        assert_hits(
            &chairs,
            "映画祭の閉幕\n\n映画祭の副委員長を務める大楠博氏はあいさつした。実行委員長の大楠氏は語った。",
            &["委員長"],
        );
        assert_hits(
            &chairs,
            "映画祭の閉幕\n\n映画祭の副委員長を務める大楠博氏はあいさつした。2代目委員長の大楠氏は語った。",
            &[],
        );
    }

    #[test]
    fn a_generation_written_onto_a_title_holds_the_generation() {
        // 三代目店主, 初代店主: the generation is what the person is, even where the title
        // after it (店主) is a term of another set.
        let generations = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 創業者\n        terms: [創業者, 初代]\n      - name: 3代目\n        terms: [3代目, 三代目]\n  - attributes:\n      - name: 店長\n        terms: [店長, 店主]\n      - name: 副店長\n        terms: [副店長]\n",
        );
        assert_hits(
            &generations,
            "老舗食堂\n\n三代目店主の川村恭平さんが厨房に立つ。\n\n初代店主の川村恭平さんがレシピを考案した。",
            &["初代店主"],
        );
        // Two people of the family: no conflict.
        assert_hits(
            &generations,
            "老舗食堂\n\n三代目店主の川村恭平さんが厨房に立つ。\n\n初代店主の川村信夫さんがレシピを考案した。",
            &[],
        );
    }

    #[test]
    fn a_position_written_onto_a_surname_attaches_and_shows_a_person() {
        let positions = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: GK\n        terms: [GK]\n      - name: DF\n        terms: [DF]\n",
        );
        // ＤＦ森田 (full-width; the text is NFKC-normalised, so it is DF) and GK森田: no
        // honorific or given name; the position written onto the surname shows it is a person.
        assert_hits(
            &positions,
            "試合結果\n\nGK森田が好セーブを見せた。\n\n試合後、主将を務めるＤＦ森田は語った。",
            &["ＤＦ"],
        );
        // Two players (ＤＦ森田, GK小池) are not one.
        assert_hits(
            &positions,
            "試合結果\n\nGK小池が好セーブを見せた。\n\n試合後、ＤＦ森田は語った。",
            &[],
        );
    }

    #[test]
    fn the_role_served_as_a_cleft_topic_is_the_named_person_s() {
        let cast = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主演\n        terms: [主演, 初主演]\n      - name: 助演\n        terms: [助演]\n",
        );
        // 初主演を務めるのは、俳優の水城怜さん（27）。: the role is the topic, the person what
        // it is (the closing bracket shares a token with the period).
        let later = "\n\n助演として主人公を支える水城怜さんは語った。";
        for served in ["務める", "務めた"] {
            assert_hits(
                &cast,
                &format!(
                    "新ドラマ\n\n連続ドラマ初主演を{served}のは、俳優の水城怜さん（27）。{later}"
                ),
                &["助演"],
            );
        }
        // Another verb (主演を見たのは) says nothing of the person's role.
        assert_hits(
            &cast,
            &format!("新ドラマ\n\n主演の舞台を見たのは、俳優の水城怜さん（27）。{later}"),
            &[],
        );
    }

    #[test]
    fn a_topic_takes_the_predicate_of_its_clause() {
        assert_hits(
            &roles(),
            "市議選\n\n新人の井上陽子氏(26)は、経験を生かし、2,814票を集めて初当選を果たした。井上氏は惜しくも再選し、喜んだ。",
            &["再選"],
        );
        // Not across a date, another subject or a quotation.
        for text in [
            "市議選\n\n新人の井上陽子氏は、初当選した。井上氏は2019年に再選を果たした。",
            "市議選\n\n新人の井上陽子氏は、初当選した。井上氏は、大川氏が再選を果たしたと述べた。",
            "市議選\n\n新人の井上陽子氏は、初当選した。井上氏は「再選を果たした」と述べた。",
        ] {
            assert_hits(&roles(), text, &[]);
        }
    }

    #[test]
    fn a_title_before_the_continuative_copula_is_the_predicate() {
        // 「西野さんは同チームの副主将で、…」: the topic's predicate, before a comma.
        assert_hits(
            &roles(),
            "新体制\n\n主将の西野彩花さんは抱負を語った。\n\n西野さんは同チームの副主将で、元日本代表。",
            &["副主将"],
        );
        // A former post written onto the predicate (元副主将) is of another time.
        assert_hits(
            &roles(),
            "新体制\n\n主将の西野彩花さんは抱負を語った。\n\n西野さんは元副主将で、元日本代表。",
            &[],
        );
        // で not before a comma is a place or means (副主将で話し合う is not read).
        assert_hits(
            &roles(),
            "新体制\n\n主将の西野彩花さんは抱負を語った。\n\n西野さんは副主将で話し合うと述べた。",
            &[],
        );
    }

    #[test]
    fn a_longer_department_and_the_body_just_told_of_hold_the_title() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 課長\n        terms: [課長]\n      - name: 係長\n        terms: [係長]\n  - attributes:\n      - name: 会長\n        terms: [会長]\n      - name: 事務局長\n        terms: [事務局長]\n",
        );
        // 市住宅政策課長の岡田隆さん: the city, the section and its policy, three nouns.
        assert_hits(
            &rule,
            "家賃補助\n\n市住宅政策課長の岡田隆さんが説明した。\n\n岡田係長は話した。",
            &["係長"],
        );
        // 同協会事務局長の: 同 before an organisation names the one told of.
        assert_hits(
            &rule,
            "秋祭り\n\n観光協会の会長、長谷部淳一さんは話した。\n\n同協会事務局長の長谷部淳一さんは述べた。",
            &["事務局長"],
        );
        // Other prefixes written onto the term still make another word (前会長の is not 会長).
        assert_hits(
            &rule,
            "秋祭り\n\n事務局長の長谷部淳一さんは話した。\n\n前会長の長谷部淳一さんは述べた。",
            &[],
        );
    }

    #[test]
    fn a_department_closed_by_a_unit_suffix_holds_the_title() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 部長\n        terms: [部長]\n      - name: 次長\n        terms: [次長]\n",
        );
        // 技術開発部次長の: 技術, 開発 and the unit suffix 部 are the department.
        assert_hits(
            &rule,
            "延期\n\n技術開発部長の松永優子氏が説明した。\n\n技術開発部次長の松永優子氏は話した。",
            &["次長"],
        );
        // 調査団副団長の: 団 closes the department too.
        let heads = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 団長\n        terms: [団長]\n      - name: 副団長\n        terms: [副団長]\n",
        );
        assert_hits(
            &heads,
            "居館跡\n\n調査団長の竹内修教授が話した。\n\n調査団副団長の竹内修教授は語った。",
            &["副団長"],
        );
        // バラ園副園長の: 園 closes an institution (バラ園, 市民会館, 駅前店).
        let directors = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 園長\n        terms: [園長]\n      - name: 副園長\n        terms: [副園長]\n",
        );
        assert_hits(
            &directors,
            "バラ園\n\n園長の中村康夫さんに話を聞いた。\n\nバラ園副園長の中村康夫さんは話した。",
            &["副園長"],
        );
        // 先生 after a surname, like さん, shows a person (園長の高木先生): a teacher, a doctor.
        assert_hits(
            &directors,
            "夏祭り\n\n園長の高木先生からあいさつがあった。\n\n副園長の高木先生は話した。",
            &["副園長"],
        );
        // 保存会副会長の: 会 closes an association (保存会, 後援会, 町内会).
        let chairs = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 会長\n        terms: [会長]\n      - name: 副会長\n        terms: [副会長]\n",
        );
        assert_hits(
            &chairs,
            "みこし\n\n保存会の会長、藤田正男さんは話す。\n\n保存会副会長の藤田正男さんは笑顔を見せた。",
            &["副会長"],
        );
        // A suffix that is no unit of an organisation still makes another word.
        assert_hits(
            &rule,
            "延期\n\n技術開発部長の松永優子氏が説明した。\n\n開発者次長の松永優子氏は話した。",
            &[],
        );
    }

    #[test]
    fn a_role_a_person_was_in_charge_of_is_the_person_s() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 指揮者\n        terms: [指揮者, 指揮]\n      - name: 伴奏者\n        terms: [伴奏者, ピアノ伴奏]\n",
        );
        assert_hits(
            &rule,
            "合唱\n\n指揮を務めた顧問の佐伯理沙教諭は話した。\n\n課題曲でピアノ伴奏を担当した佐伯教諭も語った。",
            &["ピアノ伴奏"],
        );
        // Something else in charge of: no role.
        assert_hits(
            &rule,
            "合唱\n\n指揮を務めた顧問の佐伯理沙教諭は話した。\n\n会計を担当した佐伯教諭も語った。",
            &[],
        );
    }

    #[test]
    fn a_given_name_kanji_read_as_a_prefix_stays_in_the_name() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 七段\n        terms: [七段]\n      - name: 八段\n        terms: [八段]\n  - attributes:\n      - name: 社長\n        terms: [社長]\n      - name: 会長\n        terms: [会長]\n",
        );
        // 拓真 is 拓 (given name) + 真 (a prefix to the segmenter) before 七段.
        assert_hits(
            &rule,
            "決勝\n\n三宅拓真七段が勝った。\n\n終局後、三宅拓真八段は話した。",
            &["八段"],
        );
        // A title prefix after a given name is the title's (山田太郎前社長 is no 社長).
        assert_hits(
            &rule,
            "決算\n\n山田太郎前社長が出席した。\n\n山田太郎会長は話した。",
            &[],
        );
    }

    #[test]
    fn a_given_name_read_as_a_place_between_surname_and_title_is_the_name() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 七段\n        terms: [七段]\n      - name: 八段\n        terms: [八段]\n",
        );
        // 拓海 of 佐伯拓海 is a place to the segmenter; glued between a surname and a title it
        // is the given name, and 佐伯七段 is the same person.
        assert_hits(
            &rule,
            "王座戦\n\n将棋の王座戦で、佐伯拓海八段が勝った。\n\n終局後、佐伯七段は「悔しい」と話した。",
            &["七段"],
        );
        // Not glued to the title: no given name, no person.
        assert_hits(
            &rule,
            "王座戦\n\n将棋の王座戦で、佐伯拓海の八段が勝った。\n\n終局後、佐伯七段は「悔しい」と話した。",
            &[],
        );
    }

    #[test]
    fn a_katakana_title_read_into_an_unknown_name_is_the_person_s() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 監督\n        terms: [監督]\n      - name: コーチ\n        terms: [コーチ, アシスタントコーチ]\n",
        );
        // ガルシアコーチ and ガルシア・アシスタントコーチ are one unknown word each.
        for later in ["ガルシアコーチ", "ガルシア・アシスタントコーチ"] {
            let text = format!(
                "勝利\n\n試合後、ガルシア監督は話した。\n\nチームは粘った。{later}は語った。"
            );
            assert_hits(
                &rule,
                &text,
                &[later
                    .trim_start_matches("ガルシア")
                    .trim_start_matches('・')],
            );
        }
        // The surname of a katakana full name told elsewhere (リカルド・ソウザ監督).
        assert_hits(
            &rule,
            "試合\n\nリカルド・ソウザ監督は話した。\n\n次節が楽しみだ。ソウザコーチが語った。",
            &["コーチ"],
        );
        // What precedes the title is nobody's name in the article: no person.
        assert_hits(
            &rule,
            "試合\n\nガルシア監督は話した。\n\n次節が楽しみだ。ロドリゲスコーチが語った。",
            &[],
        );
    }

    #[test]
    fn a_term_before_another_name_or_after_a_space_is_no_predicate() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 現職\n        terms: [現職]\n      - name: 新人\n        terms: [新人]\n",
        );
        // 佐伯氏が2万2,871票、共産党推薦の新人・川端みどり氏が…: 新人 is 川端's.
        assert_hits(
            &rule,
            "市長選\n\n現職の佐伯和夫氏が敗れた。\n\n佐伯氏が2万2,871票、共産党推薦の新人・川端みどり氏が5,930票だった。",
            &[],
        );
        // 三宅氏が初当選　現職・藤野氏に: the headline's space ends 三宅's clause.
        assert_hits(
            &rule,
            "東岡市長選、新人の三宅氏が初当選　現職・藤野氏に約2,300票差\n\n新人の三宅由紀子氏が初当選した。",
            &[],
        );
        // The term as the predicate itself is still read.
        assert_hits(
            &rule,
            "市長選\n\n現職の佐伯和夫氏が敗れた。\n\n佐伯氏は、共産党推薦の新人。",
            &["新人"],
        );
    }

    #[test]
    fn a_relative_clause_before_an_apposition_is_the_person_s() {
        // 再選を果たした現職の川村氏: the clause before 現職の is 川村's.
        assert_hits(
            &elections(),
            "市議選\n\n川村美紀氏が初当選した。\n\n再選を果たした現職の川村氏は支持者に感謝した。",
            &["再選"],
        );
        // Not through two の (再選を果たした陣営の幹部の川村氏 is about the 幹部's camp).
        assert_hits(
            &elections(),
            "市議選\n\n川村美紀氏が初当選した。\n\n再選を果たした陣営の幹部の川村氏は述べた。",
            &[],
        );
    }

    #[test]
    fn a_hiragana_given_name_and_a_role_acted_in_attach() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主演\n        terms: [主演]\n      - name: 助演\n        terms: [助演]\n  - attributes:\n      - name: 委員長\n        terms: [委員長]\n      - name: 副委員長\n        terms: [副委員長]\n",
        );
        // 森下さくら without an honorific: さくら (a common noun to the dictionary) is her
        // given name.
        assert_hits(
            &rule,
            "興行収入\n\n主演の森下さくらは話した。\n\n本作で助演を務めた森下は笑った。",
            &["助演"],
        );
        // 佐藤ほか: not a given name.
        assert_hits(
            &rule,
            "興行収入\n\n主演の森下ほか3人が登壇した。\n\n本作で助演を務めた森下は笑った。",
            &[],
        );
        // 副実行委員長として準備を統括する村井さん: a role the person acts in, now.
        assert_hits(
            &rule,
            "清掃活動\n\n実行委員長の村井健吾さんは話す。\n\n副実行委員長として準備を統括する村井さんは話す。",
            &["副実行委員長"],
        );
        // A verb of the clause that is no role (準備を統括する村井さん) attaches nothing.
        assert_hits(
            &rule,
            "清掃活動\n\n実行委員長の村井健吾さんは話す。\n\n準備を統括する村井さんは話す。",
            &[],
        );
    }

    #[test]
    fn a_result_settled_in_a_relative_clause_is_the_person_s() {
        // 落選が決まった岡部氏 had that result, as 再選を果たした川村氏 had hers.
        assert_hits(
            &roles(),
            "町長選\n\n新人の岡部真理子氏が初当選した。\n\n再選が決まった岡部氏は支持者と握手した。",
            &["再選"],
        );
        // Not someone else's (再選が決まった大西氏の陣営に岡部氏が).
        assert_hits(
            &roles(),
            "町長選\n\n新人の岡部真理子氏が初当選した。\n\n再選が決まった大西氏の陣営を岡部氏が訪れた。",
            &[],
        );
    }

    #[test]
    fn an_aside_in_the_clause_before_the_predicate_is_read_past() {
        // 岡部真理子氏（54）が、現職の村井健吾氏（71）を破り、初当選した: the ages are asides and
        // the result is the subject's.
        let first =
            "町長選\n\n新人の岡部真理子氏（54）が、現職の村井健吾氏（71）を破り、初当選した。";
        assert_hits(
            &elections(),
            &format!("{first}\n\n岡部氏の再選が決まった。"),
            &["再選"],
        );
        assert_hits(
            &elections(),
            &format!("{first}\n\n村井氏の再選が決まった。"),
            &[],
        );
        // A term after another name and its aside (石井航平五段（24）に) is that name's, not the
        // subject's predicate: what follows the aside decides.
        let ranks = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 四段\n        terms: [四段]\n      - name: 五段\n        terms: [五段]\n",
        );
        assert_hits(
            &ranks,
            "新星戦\n\n森田悠斗さん（19）が石井航平五段（24）に勝った。\n\n森田四段は喜んだ。",
            &[],
        );
        assert_hits(
            &ranks,
            "新星戦\n\n森田悠斗さん（19）が石井航平五段（24）に勝った。\n\n森田五段は喜んだ。\n\n森田四段は語った。",
            &["四段"],
        );
        // Another subject after the aside (村井健吾氏（71）が) takes the result.
        assert_hits(
            &elections(),
            "町長選\n\n岡部真理子氏（54）が推した村井健吾氏（71）が初当選した。\n\n岡部氏の再選が決まった。",
            &[],
        );
    }

    #[test]
    fn a_title_in_apposition_before_the_name_attaches_with_no_particles() {
        // 前市長の村井健一さん: the apposition says what the person is, for titles too.
        assert_hits(
            &titles(),
            "市長選\n\n前市長の村井健一さんが会見した。\n\n村井市長は計画を説明した。",
            &["市長"],
        );
        // 元市長・村井氏: set off by ・.
        assert_hits(
            &titles(),
            "市長選\n\n元市長・村井氏が会見した。\n\n村井市長は計画を説明した。",
            &["市長"],
        );
        // A title that is not the apposition (前市長の長男の村井さん) is someone else's.
        assert_hits(
            &titles(),
            "市長選\n\n前市長の長男の村井健一さんが会見した。\n\n村井市長は計画を説明した。",
            &[],
        );
        // 元市長である村井さん: the copula である makes an apposition as の does, for titles
        // and for roles.
        assert_hits(
            &titles(),
            "市長選\n\n元市長である村井健一さんが会見した。\n\n村井市長は計画を説明した。",
            &["市長"],
        );
        assert_hits(
            &roles(),
            "チームの主将\n\n主将の木下健太選手が語った。副主将である木下選手は笑った。",
            &["副主将"],
        );
        // である ending another clause (目標である優勝) names no person.
        assert_hits(
            &titles(),
            "市長選\n\n目標である村井健一さんの再選に向け動いた。\n\n村井市長は計画を説明した。",
            &[],
        );
    }

    #[test]
    fn a_title_served_now_before_the_name_is_the_person_s() {
        assert_hits(
            &titles(),
            "市長選\n\n元市長の村井健一さんが会見した。\n\n現在も市長を務める村井健一さんは笑った。",
            &["市長"],
        );
        // Served once (務めた) is no present title.
        assert_hits(
            &titles(),
            "市長選\n\n元市長の村井健一さんが会見した。\n\n市長を務めた村井健一さんは笑った。",
            &[],
        );
    }

    #[test]
    fn a_title_closed_by_de_before_a_clause_ending_at_the_name_is_the_person_s() {
        // 元市長で、現在は…務める村井さん: what the person is, then what the person does.
        assert_hits(
            &titles(),
            "市長選\n\n村井市長は計画を説明した。\n\n同市の元市長で、現在は地元の商工会で顧問を務める村井健一さんも訪れた。",
            &["元市長"],
        );
        // A title with a subject of its own (山田氏が市長で、) is that subject's.
        assert_hits(
            &titles(),
            "市長選\n\n村井市長は計画を説明した。\n\n山田氏が元市長で、現在は商工会で顧問を務める村井健一さんも訪れた。",
            &[],
        );
        // Another person in the clause takes it.
        assert_hits(
            &titles(),
            "市長選\n\n村井市長は計画を説明した。\n\n同市の元市長で、山田一郎さんの長男の村井健一さんも訪れた。",
            &[],
        );
    }

    #[test]
    fn a_place_name_the_text_gives_a_full_name_for_is_that_surname() {
        let r = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 監督\n        terms: [監督]\n      - name: コーチ\n        terms: [コーチ]\n  - titles: [市長]\n    attributes:\n      - name: 前職\n        terms: [\"前{title}\"]\n      - name: 現職\n        terms: [\"{title}\"]\n",
        );
        // 松本 alone is read as the city; 松本健二 says it is a surname here.
        assert_hits(
            &r,
            "逆転勝ち\n\n松本健二監督は試合後に話した。\n\n松本コーチは川上を評価した。",
            &["コーチ"],
        );
        // Without the full name, the city's coach; before an office named after a place
        // (松本市長, 松本前市長), the city still.
        assert_hits(
            &r,
            "逆転勝ち\n\n監督は試合後に話した。\n\n松本コーチは川上を評価した。",
            &[],
        );
        assert_hits(
            &r,
            "歓迎の式典\n\n松本健二監督が会見した。\n\n松本市長は歓迎した。松本前市長も出席した。",
            &[],
        );
    }

    #[test]
    fn a_departure_of_the_person_anywhere_excuses_sitting_and_former() {
        let yaml = |departures: &str| {
            rule_from_yaml(&format!(
                "kind: conflict\nmessage: 「{{subject}}」の{{match}}と{{other_match}}\nsets:\n  - titles: [監督]\n    attributes:\n      - name: 前職\n        terms: [\"前{{title}}\"]\n      - name: 現職\n        terms: [\"{{title}}\"]\n{departures}"
            ))
        };
        let with = yaml("    departures: [退任, 辞任]\n");
        let text = "田村監督が退任\n\nクラブは10日、田村修一監督（52）が退任すると発表した。\n\n松井新監督は抱負を語った。\n\n田村前監督は「申し訳ない」とコメントした。";
        assert_hits(&with, text, &[]);
        assert_hits(&yaml(""), text, &["前監督"]);
        // Someone else's departure is not this person's, even in a sentence naming this one.
        let text = "田村監督が続投\n\n前任の木下監督が退任したのは3年前だ。\n\n田村前監督は「選手を信じる」と話した。";
        assert_hits(&with, text, &["前監督"]);
        let text = "田村監督が会見\n\n田村修一監督は会見で抱負を語った。\n\nクラブは昨年、木下GMが退任し、田村氏を中心とする体制に移った。\n\n田村前監督は「選手を信じる」と話した。";
        assert_hits(&with, text, &["前監督"]);
        // The person's own departure with a topic set off by a comma (田村監督は、…退任する) or
        // in a relative clause (退任した田村監督) still is.
        for own in [
            "田村修一監督は、今季限りで退任する。",
            "今季限りで退任した田村修一監督が会見した。",
        ] {
            let text =
                format!("田村監督が退任\n\n{own}\n\n田村前監督は「申し訳ない」とコメントした。");
            assert_hits(&with, &text, &[]);
        }
        // 任期満了に伴う…選挙 names why an election is held, not that the person left.
        let with = yaml("    departures: [任期満了]\n");
        let text = "市長選\n\n任期満了に伴う市長選に、田村修一監督が立候補した。\n\n田村前監督は抱負を語った。";
        assert_hits(&with, text, &["前監督"]);
        assert_hits(
            &with,
            &text.replace("任期満了に伴う市長選に、", "任期満了で退いた後、市長選に"),
            &[],
        );
    }

    #[test]
    fn a_role_taken_in_a_relative_clause_is_the_persons() {
        let cast = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主演\n        terms: [主演]\n      - name: 助演\n        terms: [助演]\n    transitions: [交代, 降板]\n",
        );
        // 助演に回った: the role the person took (`role-taking-verbs` after に).
        assert_hits(
            &cast,
            "新作映画\n\n主演の水野遥さんが会見した。\n\n撮影を終え、助演に回った水野遥さんは笑顔を見せた。",
            &["助演"],
        );
        // Another verb after に says nothing of the person's role (助演に感謝した).
        assert_hits(
            &cast,
            "新作映画\n\n主演の水野遥さんが会見した。\n\n撮影を終え、助演に感謝した水野遥さんは笑顔を見せた。",
            &[],
        );
    }

    #[test]
    fn a_role_the_subject_serves_at_its_clause_s_end_is_the_subject_s() {
        let cast = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主演\n        terms: [主演]\n      - name: 助演\n        terms: [助演]\n    transitions: [交代, 降板]\n",
        );
        let later = "\n\n今作で助演を務める桜井さんにとって、大きな節目となりそうだ。";
        // A name with its age and no honorific; a title in brackets and a clause before the
        // role are read past.
        assert_hits(
            &cast,
            &format!(
                "新作映画\n\n俳優の桜井蓮（29）が、来年秋公開の映画「霧の関所」で初めて時代劇に挑戦し、主演を務めることが分かった。{later}"
            ),
            &["助演"],
        );
        // The role of a noun the clause describes, or of another person named in between.
        for first in [
            "俳優の桜井蓮（29）が、主演を務める俳優について語った。",
            "俳優の桜井蓮（29）が、水野彩花さんが主演を務める映画に出演する。",
        ] {
            assert_hits(&cast, &format!("新作映画\n\n{first}{later}"), &[]);
        }
    }

    #[test]
    fn a_given_name_s_last_kana_glued_to_its_honorific_is_still_the_name() {
        let cast = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主演\n        terms: [主演]\n      - name: 助演\n        terms: [助演]\n    transitions: [交代, 降板]\n",
        );
        // 早瀬|ゆり|あさん: the segmenter reads あさん as a verb.
        assert_hits(
            &cast,
            "舞台\n\n主演を務めるのは、俳優の早瀬ゆりあさん。\n\n助演の早瀬ゆりあさんが会見した。",
            &["助演"],
        );
        let m = Morphology::new();
        assert!(super::glued_honorific(
            &Analysis::new(&m, "早瀬ゆりあさん"),
            2,
            3
        ));
        // A particle after the given name is no honorific.
        assert!(!super::glued_honorific(
            &Analysis::new(&m, "早瀬ゆりが会見した"),
            2,
            4
        ));
    }

    #[test]
    fn a_transition_about_another_person_narrates_no_change_of_the_pair() {
        let presidents = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 社長\n        terms: [社長]\n      - name: 副社長\n        terms: [副社長]\n    transitions: [就任, 退任, 後任, 前任]\n",
        );
        // 後任選び: the search for someone else's successor.
        assert_hits(
            &presidents,
            "監督の解任\n\n北村哲也社長が会見した。\n\n北村副社長は後任選びについて語った。",
            &["副社長"],
        );
        // 退任した前任者: a clause on the person before, not this person's change.
        assert_hits(
            &presidents,
            "監督の解任\n\n北村哲也社長が会見した。\n\n北村副社長は、退任した前任者に感謝した。",
            &["副社長"],
        );
        // The person's own change still narrates it.
        assert_hits(
            &presidents,
            "監督の解任\n\n北村哲也社長が会見した。\n\n北村副社長は社長の後任として就任した。",
            &[],
        );
    }

    #[test]
    fn transitions_excuse_a_pair_only_where_they_narrate_its_change() {
        assert_hits(
            &roles(),
            "詐欺事件\n\n森本悠斗容疑者を逮捕した。森本被告は認めた。",
            &["被告"],
        );
        // Next to the later mention: the sentence before it.
        assert_hits(
            &roles(),
            "詐欺事件\n\n森本悠斗容疑者を逮捕した。その後起訴された。森本被告は認めた。",
            &[],
        );
        // A lead about the 被告, the arrest and indictment narrated later, one sentence after
        // the 容疑者.
        assert_hits(
            &roles(),
            "詐欺事件\n\n森本悠斗被告の初公判が開かれた。\n\n県警は昨年、森本悠斗容疑者を逮捕した。地検はその後、森本容疑者を起訴した。",
            &[],
        );
        // 起訴 in the lead (起訴内容) says nothing about a 容疑者 at the trial paragraphs later.
        assert_hits(
            &roles(),
            "詐欺事件\n\n森本悠斗被告の初公判が開かれた。森本被告は起訴内容を認めた。\n\n被告人質問で、森本容疑者は謝罪した。",
            &["容疑者"],
        );
        // An earlier sentence narrating a change into the first title excuses nothing.
        let presidents = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 社長\n        terms: [社長]\n      - name: 会長\n        terms: [会長]\n    transitions: [就任, 退任]\n",
        );
        assert_hits(
            &presidents,
            "新体制\n\n佐藤健一社長が就任会見で抱負を語った。\n\n業績は回復している。\n\n佐藤会長は話した。",
            &["会長"],
        );
        // 起訴内容 in the later mention's own sentence names an indictment already made.
        assert_hits(
            &roles(),
            "詐欺事件\n\n森本悠斗被告の判決公判が開かれた。\n\n公判で森本容疑者は起訴内容を認めた。",
            &["容疑者"],
        );
        let captains = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主将\n        terms: [主将]\n      - name: 副主将\n        terms: [副主将]\n    transitions: [就任, 昇格, 交代]\n",
        );
        // The sentence before narrates another noun's change (事業者の交代): not this pair's.
        assert_hits(
            &captains,
            "新体制\n\n主将の矢島蓮選手が話した。\n\nスポンサーの交代で体制が変わった。副主将の矢島選手は笑った。",
            &["副主将"],
        );
        // The change of one of the titles, or of nobody named, is this pair's.
        assert_hits(
            &captains,
            "新体制\n\n主将の矢島蓮選手が話した。\n\n主将の交代で体制が変わった。副主将の矢島選手は笑った。",
            &[],
        );
        assert_hits(
            &captains,
            "新体制\n\n主将の矢島蓮選手が話した。\n\n春に交代した。副主将の矢島選手は笑った。",
            &[],
        );
        // Someone else's 就任 is not the change of this pair.
        assert_hits(
            &captains,
            "朝霧商が優勝\n\n主将の矢島蓮選手が本塁打を放った。2021年に就任した荒木監督は喜んだ。\n\n打線の中心は3番の白石選手。\n\n副主将の矢島選手は「うれしい」と話した。",
            &["副主将"],
        );
        // 就任2年目 counts how long a title has been held: no change is narrated (就任した
        // does).
        assert_hits(
            &captains,
            "新体制\n\n主将の矢島蓮選手が話した。\n\n就任した副主将の矢島選手は笑った。",
            &[],
        );
        assert_hits(
            &captains,
            "新体制\n\n主将の矢島蓮選手が話した。\n\n就任2年目の副主将の矢島選手は笑った。",
            &["副主将"],
        );
        // Taking another title (学部長に就任) narrates no change between these two.
        let ranks = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 教授\n        terms: [教授]\n      - name: 准教授\n        terms: [准教授]\n    transitions: [就任, 昇任]\n",
        );
        assert_hits(
            &ranks,
            "新学部\n\n情報学部の村上聡准教授は話した。\n\n学部長に就任予定の村上聡教授は意欲を語った。",
            &["教授"],
        );
        assert_hits(
            &ranks,
            "新学部\n\n情報学部の村上聡准教授は話した。\n\n教授に昇任した村上聡教授は意欲を語った。",
            &[],
        );
        // A sentence naming both attributes with a transition narrates the change anywhere.
        assert_hits(
            &captains,
            "新主将に矢島蓮副主将が昇格\n\n朝霧商は新体制を発表した。\n\n練習は5日から始まる。\n\n主将の矢島選手は「頑張る」と話した。",
            &[],
        );
    }

    #[test]
    fn a_title_s_abbreviation_in_brackets_before_its_no_is_read_past() {
        let r = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: CEO\n        terms: [CEO, 最高経営責任者]\n      - name: CTO\n        terms: [CTO, 最高技術責任者]\n",
        );
        let text = |title: &str| {
            format!("障害\n\n{title}の三船隆之氏によると、障害は続いた。\n\n三船CEOは陳謝した。")
        };
        assert_hits(&r, &text("最高技術責任者（CTO）"), &["CEO"]);
        // An aside that is no abbreviation of a term leaves nothing to read.
        assert_hits(&r, &text("技術部門（東京）"), &[]);
    }

    #[test]
    fn a_team_before_a_players_surname_is_no_given_name() {
        let r = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 投手\n        terms: [投手]\n      - name: 外野手\n        terms: [外野手]\n",
        );
        let text = |headline: &str| {
            format!(
                "{headline}、年俸2億円で更改\n\n鷲尾ホークスの高梨翔太投手（27）が更改した。\n\n来季について、高梨外野手は抱負を語った。"
            )
        };
        // 鷲尾ホークス・高梨: the team and its player, not a second given name of 高梨.
        assert_hits(&r, &text("鷲尾ホークス・高梨"), &["外野手"]);
    }

    #[test]
    fn a_name_with_an_age_after_it_is_a_person() {
        let r = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」の{match}と{other_match}\nsets:\n  - attributes:\n      - name: 主将\n        terms: [主将]\n      - name: 副主将\n        terms: [副主将]\n",
        );
        // 佐伯 and 拓海 are place names to the segmenter; （34） after them names a person,
        // and so makes a surname of 佐伯 alone.
        let text = |name: &str, age: &str| {
            format!("引退\n\n主将の{name}{age}が今季限りで引退する。\n\n副主将の佐伯は声をかけた。")
        };
        assert_hits(&r, &text("佐伯拓海", "（34）"), &["副主将"]);
        assert_hits(&r, &text("佐伯拓海", ""), &[]);
        // The age may follow a title written onto the name (佐伯拓海主将（34）).
        assert_hits(
            &r,
            "引退\n\n佐伯拓海主将（34）が今季限りで引退する。\n\n副主将の佐伯は声をかけた。",
            &["副主将"],
        );
        // A katakana position written onto the name (主将のフランカー佐伯拓海) is not part of it.
        assert_hits(&r, &text("フランカー佐伯拓海", "（34）"), &["副主将"]);
        // Not a place with a number in brackets after it (佐伯市(3)).
        assert_hits(&r, &text("佐伯", "（3）"), &[]);
    }

    #[test]
    fn an_attribute_name_may_name_the_title() {
        let r = rule_from_yaml(
            "kind: conflict\nmessage: 「{subject}」は{attribute}か{other}か\nsets:\n  - titles: [本部長, 所長]\n    attributes:\n      - name: \"{title}\"\n        terms: [\"{title}\"]\n      - name: \"副{title}\"\n        terms: [\"副{title}\"]\n",
        );
        let found = hits(
            &r,
            "リコール\n\n中川浩二本部長が会見した。\n\n中川副本部長は述べた。",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].message.contains("副本部長か本部長か"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn a_surname_read_as_a_common_noun_is_the_surname_of_its_full_name() {
        // 山下 alone is 名詞,一般 to the segmenter; 山下亮太 names the person.
        assert_hits(
            &roles(),
            "決勝\n\n主将の山下亮太が決勝打を放った。\n\n副主将の山下は語った。",
            &["副主将"],
        );
        // Without the full name, 山下 stays a common noun.
        assert_hits(
            &roles(),
            "決勝\n\n主将の木下健太が決勝打を放った。\n\n副主将の山下は語った。",
            &[],
        );
    }

    #[test]
    fn a_surname_with_a_title_is_a_person_unless_the_title_is_an_office() {
        assert_hits(
            &titles(),
            "木村監督が会見\n\n木村前監督は述べた。",
            &["前監督"],
        );
        // 松本市長 and 松本前市長: the mayors of 松本, not a person called 松本.
        assert_hits(
            &titles(),
            "松本市長が会見\n\n松本前市長の計画を見直す。",
            &[],
        );
    }

    #[test]
    fn events_of_other_people_or_clauses_do_not_attach() {
        // 当選した is a relative clause on 候補; 再選を支持 is what 石破氏 supports.
        assert_hits(
            &elections(),
            "石破茂氏の再選\n\n石破氏は当選した候補を祝った。石破氏が再選を支持した。",
            &[],
        );
        // Negated and hypothetical mentions are not facts.
        assert_hits(
            &elections(),
            "木村さやか氏が初当選\n\n木村氏の再選はならなかった。木村氏の再選を逃した。",
            &[],
        );
        assert_hits(
            &elections(),
            "木村さやか氏が初当選\n\n木村氏が再選すれば三期目だ。",
            &[],
        );
        // Different subjects.
        assert_hits(
            &elections(),
            "木村さやか氏が初当選\n\n現職の大川達夫氏は再選を逃した。大川氏の再選はならず。",
            &[],
        );
        // A term followed by の after a particle describes something else.
        assert_hits(
            &elections(),
            "木村さやか氏が初当選\n\n木村氏の再選の可能性もあった。",
            &[],
        );
    }

    #[test]
    fn dated_clauses_state_earlier_facts() {
        let text = "大川達夫氏が3選\n\n大川氏の再選は2021年に続くもの。大川氏の当選が決まると拍手が起きた。";
        assert_hits(&elections(), text, &[]);
        let text =
            "大川達夫氏が3選\n\n大川氏の再選は続くもの。大川氏の当選が決まると拍手が起きた。";
        assert_hits(&elections(), text, &["当選"]);
        assert_hits(
            &titles(),
            "トランプ前大統領が来日\n\nトランプ氏は語った。トランプ大統領は2019年に来日した。",
            &[],
        );
    }

    #[test]
    fn extra_honorifics_link_attributes() {
        let text = "森川健二顧問の再選\n\n森川顧問が初当選した。";
        assert_hits(&elections(), text, &[]);
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: x\nhonorifics: [顧問]\nattributes:\n  - name: 再選\n    terms: [再選]\n  - name: 当選\n    terms: [当選, 初当選]\n",
        );
        assert_hits(&rule, text, &["初当選"]);
    }

    #[test]
    fn listed_subjects_need_no_evidence() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: x\nparticles: []\nsubjects: [[ソニーグループ, ソニーG]]\nattributes:\n  - name: 前職\n    terms: [前社長]\n  - name: 現職\n    terms: [社長]\n",
        );
        assert_hits(
            &rule,
            "ソニーグループ社長が会見\n\nソニーG前社長も出席。",
            &["前社長"],
        );
        assert_hits(&rule, "トヨタ社長が会見\n\nトヨタ前社長も出席。", &[]);
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: x\nsubjects: [石破]\nattributes:\n  - name: a\n    terms: [再選]\n  - name: b\n    terms: [初当選]\n",
        );
        assert_hits(&rule, "石破茂首相の再選\n\n石破氏が初当選。", &["初当選"]);
    }

    #[test]
    fn document_scope_reports_both_places() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: 「{match}」と「{other_match}」\nscope: document\nattributes:\n  - name: 再選\n    terms: [再選]\n  - name: 初当選\n    terms: [初当選]\n",
        );
        let text = "新人が初当選\n\n再選を果たした。再選挙ではない。初当選だ。";
        let h = hits(&rule, text);
        assert_eq!(h.len(), 1, "{h:#?}");
        assert_eq!(&text[h[0].span.range()], "再選");
        assert_eq!(h[0].message, "「再選」と「初当選」");
        assert_eq!(related(&h[0], text), ["初当選|ここでは「初当選」"]);
        assert_hits(&rule, "再選挙で初当選した。", &[]);
    }

    #[test]
    fn sets_are_independent_and_pairs_reported_once() {
        let rule = rule_from_yaml(
            "kind: conflict\nmessage: x\nsets:\n  - attributes:\n      - {name: 再選, terms: [再選]}\n      - {name: 当選, terms: [当選, 初当選]}\n  - attributes:\n      - {name: 返り咲き, terms: [返り咲き]}\n      - {name: 再選・初当選, terms: [再選, 初当選]}\n",
        );
        let text = "木村氏の返り咲き\n\n木村氏の再選だ。木村氏の当選だ。";
        assert_hits(&rule, text, &["再選", "当選"]);
        // 当選 and 返り咲き are in no common set.
        assert_hits(&rule, "木村氏の返り咲き\n\n木村氏の当選だ。", &[]);
    }

    #[test]
    fn invalid_specs_are_rejected_at_their_place() {
        let load = |yaml: &str| {
            Rule::load(
                "t/r",
                crate::rules::spec::RuleSource::new("t.yaml", yaml),
                false,
                &crate::Morphology::new(),
            )
            .unwrap_err()
            .iter()
            .map(|e| e.headline())
            .collect::<Vec<_>>()
            .join("\n")
        };
        let attrs = "attributes:\n  - {name: a, terms: [x]}\n  - {name: b, terms: [y]}\n";
        // Errors point at the offending value: line 4, column 24 is `前{title}`.
        assert_eq!(
            load(
                "kind: conflict\nmessage: m\nattributes:\n  - {name: a, terms: ['前{title}']}\n  - {name: b, terms: [y]}\n"
            ),
            "t.yaml:4:24: `前{title}` uses {title} but no `titles` are given"
        );
        assert!(load("kind: conflict\nmessage: m\n").contains("needs `attributes`"));
        assert!(
            load("kind: conflict\nmessage: m\nattributes:\n  - {name: a, terms: [x]}\n")
                .contains("at least two")
        );
        assert!(
            load("kind: conflict\nmessage: m\nattributes:\n  - {name: a, terms: [x]}\n  - {name: b, terms: [x]}\n")
                .contains("`x` is a term of both `a` and `b`")
        );
        assert!(
            load("kind: conflict\nmessage: m\nattributes:\n  - {name: a, terms: ['前{title}']}\n  - {name: b, terms: [y]}\n")
                .contains("no `titles`")
        );
        assert!(
            load("kind: conflict\nmessage: m\ntitles: [市長]\nattributes:\n  - {name: a, terms: ['前{title}']}\n  - {name: b, terms: [y]}\n")
                .contains("does not use {title}")
        );
        assert!(
            load(&format!(
                "kind: conflict\nmessage: m\nsubjects: all\n{attrs}"
            ))
            .contains("unknown `subjects` value")
        );
        assert!(
            load(&format!(
                "kind: conflict\nmessage: m\nscope: document\nparticles: [の]\n{attrs}"
            ))
            .contains("no effect")
        );
        assert!(
            load(&format!(
                "kind: conflict\nmessage: m\nscope: everywhere\n{attrs}"
            ))
            .contains("unknown variant")
        );
        assert!(
            load("kind: conflict\nmessage: m\nattributes:\n  - {name: a, terms: [x], term: [y]}\n")
                .contains("unknown field")
        );
        assert!(
            load(&format!("kind: conflict\nmessage: \"{{subjet}}\"\n{attrs}"))
                .contains("{subject}")
        );
    }

    fn fixture_findings(rule: &Rule, path: &Path) -> (String, Vec<Finding>) {
        crate::rules::testing::findings_in_file(rule, path)
    }

    fn builtin(stem: &str) -> Rule {
        crate::rules::testing::builtin_rule(&format!("ja-news/{stem}"))
    }

    #[test]
    fn clean_fixtures_have_no_conflicts() {
        let rules = [
            builtin("title-conflict"),
            builtin("election-conflict"),
            titles(),
            elections(),
        ];
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures/clean") {
            let path = entry.expect("entry").path();
            for rule in &rules {
                let (src, found) = fixture_findings(rule, &path);
                let shown: Vec<_> = found
                    .iter()
                    .map(|f| format!("{}: {}", &src[f.span.range()], f.message))
                    .collect();
                assert!(
                    shown.is_empty(),
                    "{}: {}: {shown:#?}",
                    path.display(),
                    rule.id
                );
            }
            checked += 1;
        }
        assert_eq!(checked, 6, "all clean fixtures are checked");
    }

    #[test]
    fn seed_article_conflicts() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let line_of = |src: &str, at: usize| src[..at].matches('\n').count() + 1;

        let (src, found) = fixture_findings(&builtin("title-conflict"), &path);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(&src[f.span.range()], "前大統領");
        assert_eq!(
            &src[f.span.start - "トランプ".len()..f.span.end],
            "トランプ前大統領"
        );
        assert_eq!(
            line_of(&src, f.span.start),
            9,
            "first mention, in the summary"
        );
        assert_eq!(f.related.len(), 1);
        assert_eq!(&src[f.related[0].span.range()], "大統領");
        assert_eq!(line_of(&src, f.related[0].span.start), 1, "the headline");
        assert_eq!(f.related[0].message, "ここでは「トランプ大統領」");
        assert!(f.message.contains("トランプ"), "{}", f.message);

        let (src, found) = fixture_findings(&builtin("election-conflict"), &path);
        assert_eq!(found.len(), 1, "{found:#?}");
        let f = &found[0];
        assert_eq!(&src[f.span.range()], "当選");
        assert!(src[f.span.end..].starts_with("が確実"));
        assert_eq!(line_of(&src, f.span.start), 19, "section 1");
        assert_eq!(&src[f.related[0].span.range()], "再選");
        assert_eq!(line_of(&src, f.related[0].span.start), 9);
        assert_eq!(f.related[0].message, "ここでは「トランプ前大統領の再選」");
        assert!(f.message.contains("トランプ"), "{}", f.message);
    }

    /// The hits of `check` and of reporting from a scan of every sentence, which `scan` may
    /// skip, on one text.
    fn hits_both_ways(rule: &Rule, text: &str) -> (Vec<Hit>, Vec<Hit>) {
        let conflict: &super::Conflict = rule.kind.downcast().expect("a conflict rule");
        let doc = Document::parse("t.md", text.to_string(), Format::Markdown);
        let morphology = Morphology::new();
        let analysis = Analysis::new(&morphology, &doc.text);
        let ctx = Context {
            doc: &doc,
            analysis: &analysis,
        };
        let mut checked = Vec::new();
        conflict.check(&ctx, &rule.message, &mut checked);
        let mut scan = Scan::new(conflict, &analysis);
        for sentence in &doc.sentences {
            scan.sentence(sentence);
        }
        let mut full = Vec::new();
        conflict.report_subjects(&ctx, scan, &rule.message, &mut full);
        full.sort_by_key(|h| h.span);
        (checked, full)
    }

    #[test]
    fn scanning_only_relevant_sentences_finds_the_same() {
        let listed = rule_from_yaml(
            "kind: conflict\nmessage: x\nsubjects: [[石破, 石破茂], トランプ]\nparticles: []\ntitles: [首相, 大統領]\nattributes:\n  - name: 前職\n    terms: ['前{title}']\n  - name: 現職\n    terms: ['{title}']\n",
        );
        let rules = [
            builtin("title-conflict"),
            builtin("election-conflict"),
            titles(),
            elections(),
            listed,
        ];
        let mut texts: Vec<String> = [
            // Two people share a surname: keyed by full name once both given names are seen,
            // including in a sentence without any title.
            "石破茂首相が会見\n\n石破茂首相は述べた。石破太郎氏も来た。石破前首相は欠席した。",
            "石破茂首相が会見\n\n石破前首相は欠席した。石破太郎氏も来た。",
            // Person evidence (氏) only in a sentence without a term.
            "トランプ大統領が来日\n\nトランプ前大統領が演説した。会場ではトランプ氏を歓迎した。",
            "トランプ大統領が来日\n\nトランプ前大統領が演説した。",
            "ジョー・バイデン大統領\n\nバイデン前大統領と、ハンター・バイデン氏。",
            "木村さやか氏が初当選\n\n汐見市長選で、木村氏の再選が決まった。木村一郎氏も応援した。",
            "",
        ]
        .map(String::from)
        .to_vec();
        for rule in &rules {
            for example in rule.examples().bad.iter().chain(&rule.examples().good) {
                texts.push(example.text.replace(['《', '》'], ""));
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = vec![root.join("seed-article.txt")];
        for entry in std::fs::read_dir(root.join("clean")).expect("fixtures/clean") {
            files.push(entry.expect("entry").path());
        }
        for file in files {
            texts.push(std::fs::read_to_string(file).expect("fixture"));
        }
        let mut reported = 0;
        for rule in &rules {
            for text in &texts {
                let (checked, full) = hits_both_ways(rule, text);
                assert_eq!(checked, full, "{}: {text}", rule.id);
                reported += full.len();
            }
        }
        assert!(reported >= 10, "{reported}");
    }

    #[test]
    /// A 1 MB document: one finding however many mentions (its time is judged by
    /// `bench/scaling.py`, not here: a timed test fails on a busy machine).
    fn large_documents_report_each_pair_once() {
        let paragraph = "トランプ前大統領の再選を受け、石破茂首相がトランプ氏と会談した。木村さやか氏が初当選した。\n\n";
        let text = format!("トランプ大統領が来日\n\n{}", paragraph.repeat(8_000));
        assert!(text.len() > 1_000_000);
        let doc = Document::parse("big.txt", text, Format::PlainText);
        let morphology = Morphology::new();
        let analysis = Analysis::new(&morphology, &doc.text);
        let rule = titles();
        let found = run_rule(&rule, &doc, &analysis);
        assert_eq!(found.len(), 1);
        let found = run_rule(&elections(), &doc, &analysis);
        assert_eq!(
            found.len(),
            0,
            "再選 (トランプ) and 初当選 (木村) are different people"
        );
    }
}
