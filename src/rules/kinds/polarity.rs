//! `kind: polarity`: the same statement affirmed in one place and negated in another.
//!
//! Generated articles often restate a fact in each section and flip it on the way
//! (「二国間協力を重視し」 … 「二国間協力を重視しない」). No word list is involved: claims are
//! read off the lindera tokens and compared.
//!
//! **Claims.** A claim is *object phrase + particle + predicate + polarity*, with an optional
//! subject:
//! - the predicate is an independent verb (動詞,自立: 変わら → 変わる) or a サ変 noun followed by
//!   する (重視 + し), also after a noun (閣議決定する is 決定する); a passive/causative suffix
//!   (れる, させる …) is part of it, except that a passive with its subject (提出は決定されて
//!   いない) is the active claim about that subject as object (提出を決定していない);
//! - the object phrase is the noun run right before を/が/に/は that governs the predicate
//!   (only adverbs may stand between), including number and suffix nouns (二 + 国 + 間 + 協力)
//!   and `Xの` / `Xとの` modifiers (日米の二国間関係); an object written with fewer modifiers,
//!   all among the other's, is the same object (今国会への提出 / 今国会への関連法案の提出; not
//!   日米の協力 / 多国間の協力). In 「AよりもBを重視」 it is B. An object
//!   preceded by a modifier the claim cannot capture (a relative clause, an adjective, その)
//!   is too vague to compare and yields no claim; so do pronouns and 非自立 nouns;
//! - polarity is negative when exactly one negation (ない, ぬ/ず, ません) follows the predicate,
//!   possibly after ている/ます/た; the tense (past, non-past, or open for 連用形 like 重視し、)
//!   is kept so that 「重視しなかった」 and 「重視している」 (a change over time) do not clash;
//!   a past affirmative and a present negative (「決定した」 / 「決定していない」), the most
//!   common way news contradicts itself, do clash unless the text narrates a change: the
//!   earlier sentence tells the state before it (`earlier-states`: 当初, かつて …) or the
//!   later one the state after it (`turning-points`: その後, 一転, 今回 …). Two decisions
//!   (「当初、導入を見送った」 … 「その後、導入を決定した」) are excused the same way, but not
//!   two stances held now (見送らない方針だ / 見送る考えだ). A decision
//!   (`carriers`: 導入を決定した; or against the action, by an `opposites` word: 導入を
//!   見送った) places its action at no time of its own: 導入を見送った meets 来年度から導入する;
//! - the subject is the nearest noun run marked with は/が earlier in the same sentence,
//!   compared by its name: 氏/さん, titles (大統領, 首相 …) and anything from a prefix on
//!   (トランプ|前大統領) are dropped, and a person's name is reduced to the family name, so
//!   トランプ前大統領 = トランプ氏 and 石破茂首相 = 石破首相. A subject that is a quantity or
//!   time (一部は, 今回は), a pronoun, or modified by a clause makes the claims after it
//!   unusable; 一部の企業 is not 企業; an anaphoric subject (`anaphoric-subjects`: 同社, 同国,
//!   県, and any noun after the prefix 同) stands for a name given elsewhere and is compared
//!   like a missing one; a claim whose sentence names no subject is about the person (氏,
//!   さん) the sentence before it in its paragraph has as subject (石川氏は…訴えた。選挙戦で
//!   は、…支持を広げた: an adjunct set as topic, 選挙戦では, names no subject); after a person
//!   set as subject (藤本氏は), a later は or が marks a contrasted object (再開発の凍結は) or a
//!   clause of its own (知名度不足が響き), not another subject;
//! - the frame is what stands between the subject (or the last comma) and the object
//!   (「2025年に」黒字を確保した): claims whose frames differ are about different things;
//! - a relative clause is about its head noun (「値上げを発表していない企業」), so it makes no
//!   claim unless the head names a stance of the subject (「重視しない立場」, 「確保する方針」).
//!
//! **Not claims** (skipped entirely, counted as neither polarity): double negatives
//! (ないわけではない, なくはない, ないとは言えない, ざるを得ない: a second negation in the
//! clause), questions (the sentence ends with か or ?; also かどうか), conditionals and
//! concessives (すれば, なければ, ないと, なくても, たら, なら), imperatives and sentence-final
//! particles (重視せよ, 重視するな, 〜よ), conjecture, volition and
//! obligation (かもしれない, だろう, よう, たい, べき, 可能性, 必要, はず, ため of a purpose …), quotations
//! (inside 「」 or followed by quotative と/という/との), changes of state (なくなる),
//! partial-negation adverbs (必ずしも, あまり, ほとんど …), functional compounds
//! (について, に対して, にすぎない, を問わず …) and generic predicates (`ignore_predicates`).
//!
//! **Findings.** Claims with the same object, particle and predicate, opposite polarity,
//! compatible subjects and frames (equal, or one missing) and compatible tenses, in different
//! sentences, are reported once per
//! (subject, object, predicate): the primary span is the later claim (object … predicate and
//! negation), the related span the earliest earlier claim, labelled 「ここでは肯定」 or
//! 「ここでは否定」. The pass is linear: claims are indexed by key as they are read.
//!
//! ```yaml
//! kind: polarity
//! message: "「{match}」は前に述べた「{other}」と肯定・否定が食い違っています"
//! min_object_chars: 2        # shorter object phrases are too vague (寮を持たない)
//! ignore_predicates: [ある, いる, する, なる, できる]   # replaces the lexicon generic-predicates
//! same_sentence: false       # true: also report two claims inside one sentence
//! subject_required: false    # true: only claims with a subject (は/が) are compared
//! undecided: false           # true: a dated decision vs its event or date left open (未定)
//! opposites: [[否定する, 認める]]   # a predicate that negates another (関与を否定 = 認めない)
//! intransitives: [[決まる, 決める]]  # 時期は決まっていない = 時期を決めていない
//! synonyms: [[実施する, 開催する, 行う]]  # one predicate, named by the first
//! carriers: [決定する]       # 法案の提出を決定した also says 法案を提出する
//! performers: [行う]        # エンジンの再着火は行われた says エンジンを再着火した
//! any_case: [対応する]      # ICカードに対応 = ICカードは使える (with synonyms)
//! ```
//!
//! Reported speech is the subject's claim: after the quotative と, a `reporting-verbs` verb
//! (中止すると発表した, 関与を認めたという, 見送るとしている), or hearsay closing the sentence
//! (対応していないとのことでした, 予定されていないそうです, after a noun predicate 不要とのこと;
//! not the conjecture 降りそうだ), lets the
//! clause count, unless the report
//! is itself negated, hedged, passive (とされる) or modifies a noun other than a stance
//! (という報道). Adjuncts between the object and the predicate are read past: time and
//! number phrases (8月2日に, 今年は, 7月から, a rate's amount: 1株あたり140円から), a state kept
//! (前回予想の140円のまま), で/から/まで/へ/より phrases and manner nouns
//! (予定通り), a reason in を (判決を不服として, 量刑を理由に, 判決の内容をめぐって, 意見を
//! 踏まえ、: its noun is no object of the predicate), 形容動詞 stems with に (正式に, 無事に:
//! manner), a name in brackets before に or
//! と (名前は「こむぎ」に決まった: the value settled on, a setting), and one の-modifier inside
//! an adjunct (園内の投票で); a comma right after a topic は is read past (名前は、…決まった);
//! a time there is the claim's frame when none precedes the object. The label of a question
//! or answer line (A. , Q2: ) is not a frame. A topic
//! (は) before an active predicate is compared as its subject and as its object (配当は据え置く
//! = 配当を据え置く). A サ変 noun with a copula is its verb (大会は中止となった, 中止です,
//! 中止。 = 中止する; 全便運休とする = 運休する; set as topic before する, 控訴はしない =
//! 控訴しない), and so are a 形容動詞 stem (無効になっている) and the noun form of a verb of
//! `opposites`/`synonyms` (見送りとなった) with a copula, and a サ変 noun before a comma and
//! another action (可決、成立した).
//!
//! **Settings and frames.** Adjuncts read past between the object and the predicate set the
//! claim (8月2日に, 会場で, A社に, 10円; not manner words like 予定通り): a claim meets only
//! claims with the same setting or none. After a subject, a に-phrase without time or number is
//! the predicate's own argument and is not read past unless the predicate is passive. A time
//! topic (今回は, 当初は) frames the claims after it, meeting only the same frame, until a comma
//! that does not follow the topic directly; `partial-subjects` (一部は) make them unusable. A
//! condition earlier in the sentence (…場合、, …ときは, すれば、, 決まったら、) leaves no claim
//! after it. After a quotative と the subject is again the one before the quoted clause. 同 +
//! the end of a compound refers back to it (同条例案 / 県条例案); a bare last noun does not
//! (配当 may be another 配当 than 中間配当).
//!
//! Lexical negations: a predicate listed first in an `opposites` pair is read as the second
//! negated (a negated one affirms: 見送らなかった = 決定した); the noun form of a verb of
//! `opposites` or `synonyms` is its action before a carrier as a サ変 noun is (配当の引き上げを
//! 決めた = 配当を引き上げる, 大会の取りやめを決めた = 大会を開催しない), and a サ変 noun after a
//! `negating-prefixes` prefix (非対応, 未解除, 不採用) is its noun negated, with だ/です as
//! its copula. A binding particle may follow the case particle (eSIMにも対応 / eSIMには非対応).
//! A `predicate-nouns` noun said of a noun phrase is a predicate with a copula, なる/する or
//! ある (予約が必要です, 学生も対象となる, 対象とした, 必要はない), negated by the suffix 外
//! (対象外) or a following ない; after a verb (予約をする必要がある) it is that verb's
//! modality and no claim. A サ変 noun whose plan is denied (値上げの予定はない) is the noun
//! negated, as 値上げする予定はない is.
//!
//! Placeholders: `{match}` the later claim as written, `{other}` the earlier one, `{object}`
//! the object phrase, `{predicate}` the predicate in dictionary form (重視する), `{subject}`
//! the subject's name (empty when neither claim has one).

mod restated;
mod undecided;

use std::cell::OnceCell;
use std::sync::Arc;

use serde::Deserialize;

use super::numbers::{other_sections, section_subjects};
use super::preselect::sentences_holding;
use super::{CompileContext, Context, normalize_terms};
use crate::algo::hash::{FastHashMap, FastHashSet};
use crate::document::Sentence;
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::{Analysis, CharSet, Labels, LexiconEdit, LexiconId, Lexicons, Pos};
use crate::rules::message::Message;
use crate::rules::spec::RuleSource;
use crate::span::Span;

/// For each block, the names its section is about ([`section_subjects`]).
type Sections = Vec<Option<Vec<String>>>;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// Object phrases shorter than this (in characters) make no claim.
    #[serde(default = "default_min_object_chars")]
    pub min_object_chars: usize,
    /// Predicate base forms never considered; replaces the lexicon `generic-predicates`
    /// for this rule.
    #[serde(default)]
    pub ignore_predicates: Option<Vec<String>>,
    /// Also report two claims in the same sentence (「Aは重視したが、Bは重視しない」 is usually
    /// a contrast of subjects the parser did not see, so off by default).
    #[serde(default)]
    pub same_sentence: bool,
    /// Compare only claims whose subject was found.
    #[serde(default)]
    pub subject_required: bool,
    /// Also compare sentences that restate one another in other words: a predicate affirmed
    /// in one and negated in the other, when they share most of their content words and no
    /// number, name or qualifier tells them apart (「…入浴は、専門家も推奨しています」 /
    /// 「…入浴については、…専門家の間では推奨されていません」). Weaker evidence: reported one
    /// severity level below the rule's.
    #[serde(default)]
    pub restated: bool,
    /// Also compare an event told as decided with a date (「来年7月に再開することが決まった」)
    /// with the same event or its date told as not yet decided in another sentence
    /// (「再開時期は未定」, 「公開日はまだ決まっていない」, 「開設についてはまだ決めておらず」).
    /// Weaker evidence: reported one severity level below the rule's.
    #[serde(default)]
    pub undecided: bool,
    /// Predicates that negate another, as pairs in dictionary form: `[否定する, 認める]`
    /// reads 「関与を否定した」 as 「関与を認めなかった」, `[見送る, 決定する]` reads
    /// 「提出を見送る」 as 「提出を決定しない」.
    #[serde(default)]
    pub opposites: Vec<[String; 2]>,
    /// Intransitive verbs and their transitive counterparts, in dictionary form:
    /// `[決まる, 決める]` reads 「時期は決まっていない」 as 「時期を決めていない」, so it meets
    /// 「時期を決めた」.
    #[serde(default)]
    pub intransitives: Vec<[String; 2]>,
    /// Predicates that state one thing, in dictionary form, as groups: `[実施する, 開催する,
    /// 行う]` makes 「大会を開催した」 meet 「大会を実施しない」 (and, with `opposites:
    /// [[中止する, 実施する]]`, 「大会を中止した」). The first of a group is the name used in
    /// messages.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
    /// Predicates that state the action named by their object, in dictionary form: with
    /// `[決定する]`, 「法案の提出を決定した」 also says 「法案を提出する」, and (with `opposites:
    /// [[見送る, 決定する]]`) 「法案の提出を見送った」 says 「法案を提出しない」.
    #[serde(default)]
    pub carriers: Vec<String>,
    /// Predicates that do the action named by their object, in dictionary form: with
    /// `[行う]`, 「エンジンの再着火は行われた」 says 「エンジンを再着火した」 and 「シャトルバスの運行は
    /// 行っていない」 says 「シャトルバスを運行していない」, in the tense of the sentence.
    #[serde(default)]
    pub performers: Vec<String>,
    /// Predicates whose object is one thing whatever particle marks it, in dictionary form:
    /// with `[対応する]` and `synonyms: [[対応する, 使える, 受け付ける]]`, 「交通系ICカードに
    /// 対応し」 meets 「交通系ICカードは使えず」 and 「200ミリリットル献血は受け付けない」 meets
    /// 「200ミリリットル献血にも対応する」. Synonyms of a listed predicate are read the same way.
    #[serde(default)]
    pub any_case: Vec<String>,
}

fn default_min_object_chars() -> usize {
    2
}

pub const PLACEHOLDERS: &[&str] = &["match", "other", "object", "predicate", "subject"];

/// The lexicons this kind reads.
pub const LEXICONS: &[LexiconId] = &[
    LexiconId::GenericPredicates,
    LexiconId::NameSuffixes,
    LexiconId::TitlePrefixes,
    LexiconId::HedgingAdverbs,
    LexiconId::NotYetAdverbs,
    LexiconId::ModalWords,
    LexiconId::ModalAuxiliaries,
    LexiconId::ConditionalParticles,
    LexiconId::QuestionParticles,
    LexiconId::NegativeAuxiliaries,
    LexiconId::NegatingPrefixes,
    LexiconId::PredicateNouns,
    LexiconId::AnaphoricSubjects,
    LexiconId::TurningPoints,
    LexiconId::EarlierStates,
    LexiconId::StanceNouns,
    LexiconId::PlanNouns,
    LexiconId::Brackets,
    LexiconId::FunctionalAfterNi,
    LexiconId::FunctionalAfterWo,
    LexiconId::ReportingVerbs,
    LexiconId::PartialSubjects,
    LexiconId::FramesBeforeNi,
    LexiconId::QuantityQualifiers,
    LexiconId::OtherTimes,
    LexiconId::StanceDurations,
    LexiconId::DecisionVerbs,
    LexiconId::UndecidedWords,
    LexiconId::TimingNouns,
    LexiconId::EventTimes,
    LexiconId::AspectNouns,
];

#[derive(Debug)]
pub struct Polarity {
    min_object_chars: usize,
    /// Ignored base forms; for サ変 entries (重視する) the noun alone (重視) too.
    ignore: FastHashSet<String>,
    same_sentence: bool,
    subject_required: bool,
    restated: bool,
    undecided: bool,
    lexicons: Arc<Lexicons>,
    /// The openers and closers of `brackets`.
    openers: CharSet,
    closers: CharSet,
    /// `opposites`: a negating predicate (stem, サ変) → the predicate it negates.
    opposites: FastHashMap<(String, bool), (String, bool)>,
    /// `intransitives`: an intransitive verb → its transitive counterpart.
    transitive_of: FastHashMap<String, (String, bool)>,
    /// The reverse: a transitive verb → its intransitive counterparts (for pre-selection).
    intransitive_of: FastHashMap<(String, bool), Vec<String>>,
    /// `synonyms`: a predicate (stem, サ変) → the first of its group.
    canonical: FastHashMap<(String, bool), (String, bool)>,
    /// The reverse: the first of a group → every member (for pre-selection).
    members: FastHashMap<(String, bool), Vec<(String, bool)>>,
    /// `carriers`, as (stem, サ変) after `synonyms`.
    carriers: FastHashSet<(String, bool)>,
    /// `performers`, as (stem, サ変) after `synonyms`.
    performers: FastHashSet<(String, bool)>,
    /// `any_case`, as (stem, サ変) after `synonyms`.
    any_case: FastHashSet<(String, bool)>,
    /// The noun forms (連用形) of the verbs of `opposites` and `synonyms` → the verb:
    /// 見送り → 見送る, 据え置き → 据え置く.
    noun_forms: FastHashMap<String, String>,
    /// The noun forms of the negating verbs of `opposites` (for pre-selection).
    negating_nouns: Vec<String>,
    /// The words that say what can or cannot be done and may take the action from the topic
    /// (可能, and the words `opposites` make its negation: 禁止, 不可).
    potential_words: FastHashSet<String>,
}

/// How many nouns a run may have; bounds the backward walks on pathological input.
const MAX_RUN: usize = 16;
/// How many の-linked modifiers an object phrase may have.
const MAX_MODIFIERS: usize = 4;
/// How far past the predicate a second negation or a modal word still belongs to the clause.
const LOOKAHEAD: usize = 10;
/// How many adverbs may stand between the particle and the predicate.
const MAX_ADVERBS: usize = 2;
/// How many adjuncts (「8月2日に」「予定通り」「7月から」) may stand between the object and
/// the predicate.
const MAX_ADJUNCTS: usize = 3;
/// Claims kept per object head, subject and frame for comparing differently modified objects:
/// bounds the pairing on repetitive text.
const MAX_SAME_HEAD: usize = 8;

/// The case of the object phrase. は is read as が: a topic is far more often the subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Wo,
    Ga,
    Ni,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tense {
    Past,
    NonPast,
    /// 連用形 or ず: the tense is that of a later clause.
    Open,
    /// A negation that holds so far (まだ決めていない): it contradicts only a past
    /// affirmative (決めた), not what will be (完了します).
    NotYet,
}

impl Tense {
    fn index(self) -> usize {
        self as usize
    }

    /// The other tense a claim of this tense and polarity is also contrasted with, when
    /// neither sentence narrates a change: 「決定した」 against 「決定していない」 is how news
    /// most often contradicts itself (past affirmative, present negative). The reverse,
    /// 「重視しなかった」 then 「重視している」, is a change and stays apart.
    fn crossed(self, negative: bool) -> &'static [Tense] {
        match (self, negative) {
            (Tense::Past, false) => &[Tense::NonPast, Tense::NotYet],
            (Tense::NonPast | Tense::NotYet, true) => &[Tense::Past],
            _ => &[],
        }
    }

    /// Tenses a claim may be contrasted with: a past and a present statement are a change,
    /// not a contradiction.
    fn compatible(self) -> &'static [Tense] {
        match self {
            Tense::Past => &[Tense::Past, Tense::Open],
            Tense::NonPast => &[Tense::NonPast, Tense::Open],
            Tense::Open => &[Tense::Past, Tense::NonPast, Tense::Open],
            Tense::NotYet => &[],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject<'t> {
    None,
    Name(&'t str),
    /// A pronoun or a nominalised clause (これは, ことが): unknown, so comparable to nothing.
    Opaque,
}

/// Nouns after Xの that name who speaks for X (町の担当者, 同社の広報担当者): the subject is X.
const SPOKESPEOPLE: &[&str] = &[
    "担当者",
    "広報担当者",
    "広報担当",
    "広報",
    "関係者",
    "幹部",
    "職員",
    "担当課",
    "事務局",
];

/// What claims are grouped by: object, particle, predicate (stem, サ変 or not, voice suffix).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Key<'t> {
    object: &'t str,
    role: Role,
    stem: &'t str,
    sahen: bool,
    voice: &'t str,
}

#[derive(Debug, Clone, Copy)]
struct Claim<'t> {
    key: Key<'t>,
    /// The object's head: its last noun run (提出 of 今国会への関連法案の提出). Equal to
    /// `key.object` when the object has no modifier.
    head: &'t str,
    /// The head's last noun with its suffixes (条例案 of 県条例案 and of 同条例案).
    tail: &'t str,
    subject: Subject<'t>,
    /// What stands between the subject (or the last comma) and the object: 「2025年に」,
    /// 「多国間協力よりも」. Two claims with different frames are about different things.
    frame: Option<&'t str>,
    /// The frame starts with a time topic (今回は…): only the same frame compares.
    time_frame: bool,
    negative: bool,
    tense: Tense,
    sentence: usize,
    /// Object phrase … predicate and its auxiliaries.
    span: Span,
    /// The predicate's verb token (する for サ変), for rendering the dictionary form.
    verb: usize,
    /// Where the sentence places its statement in a narrated change: see [`Narration`].
    narration: Narration,
    /// The action of a decision taken (「大会の中止を決めた」 states 「大会を開催しない」): its
    /// tense is [`Tense::Open`], and a narrated change still excuses it against a claim of
    /// another tense.
    decided: bool,
    /// The predicate is a decision taken against something (見送った): see
    /// [`Predicate::declined`].
    declined: bool,
}

/// Where a sentence places its statement when it narrates a change of state. A past
/// affirmative and a present negative ([`Tense::crossed`]) tell a story, not a contradiction,
/// when the earlier of the two in the text tells the state before the change (当初, かつて:
/// `earlier-states`) or the later one tells the state after it (その後, 一転, 今回:
/// `turning-points`). A state after a change followed by its opposite in the present
/// (「今回から対応しました」 … 「非対応です」) is still a contradiction.
#[derive(Debug, Clone, Copy, Default)]
struct Narration {
    earlier_state: bool,
    new_state: bool,
}

impl Narration {
    /// Whether the crossed pair (`earlier` before `later` in the text) is a narrated change.
    fn excuses(earlier: Narration, later: Narration) -> bool {
        earlier.earlier_state || later.new_state || later.earlier_state
    }
}

/// A subject or frame in a lookup key: a known value (or its known absence), or any.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Slot<'t> {
    Is(Option<&'t str>),
    Any,
}

impl<'t> Slot<'t> {
    /// What a claim with this subject or frame may be compared with.
    fn lookups(value: Option<&'t str>) -> [Option<Slot<'t>>; 2] {
        match value {
            Some(_) => [Some(Slot::Is(value)), Some(Slot::Is(None))],
            None => [Some(Slot::Any), None],
        }
    }
}

impl<'t> Claim<'t> {
    fn name(&self) -> Option<&'t str> {
        match self.subject {
            Subject::Name(n) => Some(n),
            _ => None,
        }
    }
}

/// Where claims are being read: the sentence, and the subject and frame start seen so far.
struct Scope<'t> {
    sentence: usize,
    /// The sentence's token range.
    floor: usize,
    end: usize,
    subject: Subject<'t>,
    /// The first token after the last subject particle or comma.
    frame_from: usize,
    /// The frame starts with a time topic (今回は): compared only with the same frame.
    time_frame: bool,
    /// A condition was stated earlier in the sentence (…場合、, …すれば、): no claim after it.
    conditional: bool,
    /// A condition without a comma (5自治体以内なら…) governs the clause up to the next comma.
    clause_conditional: bool,
    narration: Narration,
}

/// The index of the earliest claim per tense ([`Tense::index`]) and polarity (0 affirmative,
/// 1 negative).
type Earliest = [[Option<usize>; 2]; 4];

/// What follows the particle: the predicate and its auxiliary chain.
struct Predicate<'t> {
    stem: &'t str,
    sahen: bool,
    voice: &'t str,
    verb: usize,
    negative: bool,
    tense: Tense,
    /// The adjuncts between the object and the predicate that set the claim (「8月2日に」,
    /// 「今年は」, 「A社に」), if any: the claim's frame when nothing precedes the object.
    setting: Option<Span>,
    /// A に-phrase without time or number was read past after a subject.
    ni_argument: bool,
    /// The last token of the chain.
    last: usize,
    /// A noun with a copula (中止です, 対象となる, 予約不要): a noun right before it, without a
    /// particle, is what it is said of.
    copular: bool,
    /// Where the predicate starts, after the adjuncts read past.
    head: usize,
    /// A decision taken against the action, said by the negating word of an `opposites`
    /// pair without a negation (見送った, 断念した; not 決めていない).
    declined: bool,
}

impl super::RuleKind for Polarity {
    const NAME: &'static str = "polarity";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    const LEXICONS: &'static [LexiconId] = LEXICONS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        let mut errors = Vec::new();
        if spec.min_object_chars == 0 {
            errors.push(
                src.error(
                    src.key("min_object_chars"),
                    "`min_object_chars` must be at least 1",
                )
                .with_help("the default is 2: one-character objects (寮を持たない) are too vague"),
            );
        }
        // The older key is a lexicon edit.
        let mut aliases = Vec::new();
        if let Some(list) = &spec.ignore_predicates {
            let words = normalize_terms(list, "ignore_predicates", src, &mut errors);
            aliases.push((LexiconId::GenericPredicates, LexiconEdit::replacing(words)));
        }
        let mut opposites = FastHashMap::default();
        for [negating, negated] in &spec.opposites {
            let words = normalize_terms(
                &[negating.clone(), negated.clone()],
                "opposites",
                src,
                &mut errors,
            );
            if let [negating, negated] = &words[..] {
                if negating == negated {
                    errors.push(src.error(
                        src.item(&["opposites"], negating),
                        format!("`{negating}` cannot be its own opposite"),
                    ));
                }
                opposites.insert(predicate_stem(negating), predicate_stem(negated));
            }
        }
        let mut transitive_of = FastHashMap::default();
        let mut intransitive_of: FastHashMap<(String, bool), Vec<String>> = FastHashMap::default();
        for pair in &spec.intransitives {
            let words = normalize_terms(pair, "intransitives", src, &mut errors);
            if let [intransitive, transitive] = &words[..] {
                if intransitive == transitive || intransitive.ends_with("する") {
                    errors.push(
                        src.error(
                            src.item(&["intransitives"], intransitive),
                            format!("`{intransitive}` / `{transitive}` is not an intransitive verb and its transitive"),
                        )
                        .with_help("write the intransitive verb first, both in dictionary form: [決まる, 決める]"),
                    );
                    continue;
                }
                transitive_of.insert(intransitive.clone(), (transitive.clone(), false));
                intransitive_of
                    .entry((transitive.clone(), false))
                    .or_default()
                    .push(intransitive.clone());
            }
        }
        let mut canonical = FastHashMap::default();
        let mut members: FastHashMap<(String, bool), Vec<(String, bool)>> = FastHashMap::default();
        for group in &spec.synonyms {
            let words = normalize_terms(group, "synonyms", src, &mut errors);
            if words.len() < 2 {
                errors.push(
                    src.error(
                        src.key("synonyms"),
                        "a `synonyms` group needs at least two predicates",
                    )
                    .with_help("write each group as a list: [実施する, 開催する, 行う]"),
                );
                continue;
            }
            let first = predicate_stem(&words[0]);
            for word in &words {
                let stem = predicate_stem(word);
                let earlier: Option<&(String, bool)> = canonical.get(&stem);
                if let Some(earlier) = earlier.filter(|e| **e != first) {
                    errors.push(src.error(
                        src.item(&["synonyms"], word),
                        format!("`{word}` is already in the group of `{}`", earlier.0),
                    ));
                    continue;
                }
                canonical.insert(stem.clone(), first.clone());
                members.entry(first.clone()).or_default().push(stem);
            }
        }
        // An opposite negates the whole group of what it negates, and an intransitive verb
        // states its transitive counterpart's group (決まる: 決める = 決定する).
        for negated in opposites.values_mut().chain(transitive_of.values_mut()) {
            if let Some(first) = canonical.get(negated) {
                *negated = first.clone();
            }
        }
        intransitive_of = intransitive_of
            .into_iter()
            .map(|(transitive, verbs)| {
                (
                    canonical.get(&transitive).cloned().unwrap_or(transitive),
                    verbs,
                )
            })
            .fold(
                FastHashMap::default(),
                |mut map: FastHashMap<_, Vec<String>>, (k, v)| {
                    map.entry(k).or_default().extend(v);
                    map
                },
            );
        let mut noun_forms = FastHashMap::default();
        let verbs = spec
            .opposites
            .iter()
            .flatten()
            .chain(spec.synonyms.iter().flatten());
        for verb in verbs.filter(|v| !v.ends_with("する")) {
            for noun in noun_forms_of(verb) {
                noun_forms.entry(noun).or_insert_with(|| verb.clone());
            }
        }
        let after_synonyms = |words: Vec<String>| {
            words
                .iter()
                .map(|word| {
                    let stem = predicate_stem(word);
                    canonical.get(&stem).cloned().unwrap_or(stem)
                })
                .collect::<FastHashSet<_>>()
        };
        let carriers = after_synonyms(normalize_terms(
            &spec.carriers,
            "carriers",
            src,
            &mut errors,
        ));
        let performers = after_synonyms(normalize_terms(
            &spec.performers,
            "performers",
            src,
            &mut errors,
        ));
        let any_case = after_synonyms(normalize_terms(
            &spec.any_case,
            "any_case",
            src,
            &mut errors,
        ));
        if !errors.is_empty() {
            return Err(errors);
        }
        let lexicons = context.lexicons_with(aliases, src)?;
        let mut ignore = FastHashSet::default();
        for t in lexicons.get(LexiconId::GenericPredicates).iter() {
            if let Some(noun) = t.strip_suffix("する").filter(|n| !n.is_empty()) {
                ignore.insert(noun.to_string());
            }
            ignore.insert(t.to_string());
        }
        let brackets = lexicons.get(LexiconId::Brackets);
        let negating_nouns = noun_forms
            .iter()
            .filter(|(_, verb)| opposites.contains_key(&((*verb).clone(), false)))
            .map(|(noun, _)| noun.clone())
            .collect();
        let potential_words = std::iter::once("可能".to_string())
            .chain(
                opposites
                    .iter()
                    .filter(|(_, negated)| negated.0 == "可能")
                    .map(|(word, _)| word.0.clone()),
            )
            .collect();
        Ok(Polarity {
            min_object_chars: spec.min_object_chars,
            ignore,
            same_sentence: spec.same_sentence,
            restated: spec.restated,
            undecided: spec.undecided,
            subject_required: spec.subject_required,
            openers: brackets.first_chars(),
            closers: brackets.second_chars(),
            lexicons,
            opposites,
            transitive_of,
            intransitive_of,
            canonical,
            members,
            carriers,
            performers,
            any_case,
            negating_nouns,
            noun_forms,
            potential_words,
        })
    }

    /// Reads the claims of the sentences that can matter, then pairs claims of opposite
    /// polarity.
    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let (a, sentences) = (ctx.analysis, &ctx.doc.sentences);
        let headline = ctx.doc.headline().map_or("", |b| ctx.doc.slice(b.span));
        let mut claims = Vec::new();
        let negated = self.preselect_negated_sentences(a, sentences);
        for &index in &negated {
            self.read_sentence(
                a,
                a.within(sentences[index].span),
                index,
                headline,
                &mut claims,
            );
        }
        let strict = out.len();
        let sections = OnceCell::new();
        if claims.iter().any(|c| c.negative) {
            let partners = self.preselect_partner_sentences(a, sentences, &claims, &negated);
            let first_pass = claims.len();
            for index in partners {
                self.read_sentence(
                    a,
                    a.within(sentences[index].span),
                    index,
                    headline,
                    &mut claims,
                );
            }
            if claims.len() > first_pass {
                // Stable: claims of one sentence stay in reading order.
                claims.sort_by_key(|c| c.sentence);
            }
            // 「石川氏は…訴えた。子育て世代を中心に支持を広げたが」: a claim with no subject
            // in its sentence is about the person the sentence before it in the paragraph is
            // about.
            for claim in &mut claims {
                if claim.subject == Subject::None
                    && let Some(person) = self.paragraph_person(a, sentences, claim)
                {
                    claim.subject = Subject::Name(person);
                }
            }
            // Sections about different names (a comparison of products) tell different
            // things.
            let sections = sections.get_or_init(|| section_subjects(ctx));
            let apart = |x: usize, y: usize| {
                other_sections(&sections[sentences[x].block], &sections[sentences[y].block])
            };
            self.report(a, &claims, &apart, message, out);
        }
        if self.undecided {
            self.undecided_events(ctx, strict, message, out);
        }
        if self.restated && !negated.is_empty() {
            self.restatements(ctx, &negated, strict, &sections, message, out);
        }
    }

    // Pre-selection, for speed only: which sentences `check` reads. A finding pairs a
    // negative claim with an affirmative one of the same key, and a claim depends only on its
    // own sentence. So the sentences with a negation are read first; without a negative
    // claim nothing can be reported, and otherwise only the sentences that contain one of
    // the negated predicates are read too. The claims left out have keys no negative claim
    // shares: they would neither be reported nor be anyone's partner, and `report` keeps
    // everything per key. Reading every sentence gives the same findings (a test checks it).
}

/// Whether the tokens from `m` are hearsay closing the sentence: the quotative と + の + こと
/// (「…とのことだ」「とのことでした」) or the hearsay auxiliary stem そう (名詞,特殊: 「…ないそう
/// です」, not the conjecture 「降りそうだ」, 名詞,接尾), followed only by a copula or the
/// sentence's end.
fn hearsay_end(a: &Analysis<'_>, m: usize, end: usize) -> bool {
    // After a noun (不要とのこと) the segmenter tags the quotative と as a plain case particle.
    let quotative =
        pos(a, m).is_quotative_particle() || (a.surface(m) == "と" && pos(a, m).is_case_particle());
    let rest = if quotative
        && m + 2 < end
        && a.surface(m + 1) == "の"
        && a.surface(m + 2) == "こと"
        && pos(a, m + 2).is_noun()
    {
        m + 3
    } else if a.surface(m) == "そう" && pos(a, m).is_special_noun() && pos(a, m).is_auxiliary_stem()
    {
        m + 1
    } else {
        return false;
    };
    (rest..end).all(|k| {
        let p = pos(a, k);
        p.is_auxiliary_verb() || p.is_period() || p.is_symbol() || p.is_final_particle()
    })
}

impl Polarity {
    /// The sentences holding a possible negation (ascending).
    fn preselect_negated_sentences(&self, a: &Analysis<'_>, sentences: &[Sentence]) -> Vec<usize> {
        // Tokens that may be a negation counted by `predicate`; a superset is fine.
        let mut negations: Vec<usize> = self
            .lexicons
            .get(LexiconId::NegativeAuxiliaries)
            .iter()
            .flat_map(|base| a.tokens_with_base(base))
            .map(|&i| i as usize)
            .filter(|&i| {
                let noun_before = |back: usize, id: LexiconId| {
                    i >= back && self.lexicons.contains(id, a.surface(i - back))
                };
                pos(a, i).is_auxiliary_verb()
                    // 「予定はない」「必要はない」「必要ない」: the adjective denying an
                    // intention or a predicate noun.
                    || (pos(a, i).is_independent_adjective()
                        && (noun_before(2, LexiconId::PlanNouns)
                            || noun_before(2, LexiconId::PredicateNouns)
                            || noun_before(1, LexiconId::PredicateNouns)))
                    // 「中断されることなく」: the ない of こと + なく.
                    || (i > 0 && koto_naku(a, i - 1, a.tokens.len()))
            })
            .collect();
        // 対象外: the suffix negating a predicate noun.
        negations.extend(
            a.tokens_with_surface("外")
                .iter()
                .map(|&i| i as usize)
                .filter(|&i| {
                    i > 0
                        && pos(a, i).is_suffix()
                        && self
                            .lexicons
                            .contains(LexiconId::PredicateNouns, a.surface(i - 1))
                }),
        );
        // Lexical negations: 非対応 (a prefix on a サ変 noun), 関与を否定 (a predicate of
        // `opposites`, as a verb or a サ変 noun before する).
        let sahen_next = |i: usize| i + 1 < a.tokens.len() && pos(a, i + 1).is_sahen_noun();
        let suru_next = |i: usize| i + 1 < a.tokens.len() && a.base(i + 1) == "する";
        let prefixes = self.lexicons.get(LexiconId::NegatingPrefixes);
        negations.extend(
            prefixes
                .iter()
                .flat_map(|p| a.tokens_with_surface(p))
                .map(|&i| i as usize)
                .filter(|&i| pos(a, i).is_prefix() && sahen_next(i)),
        );
        for (stem, sahen) in self.opposites.keys() {
            if *sahen {
                let tokens = a.tokens_with_surface(stem).iter().map(|&i| i as usize);
                // 中止する, 中止となった, and 中止を決めた (an action named by a carrier's object).
                let wo_next = |i: usize| i + 1 < a.tokens.len() && a.surface(i + 1) == "を";
                let comma_next = |i: usize| i + 1 < a.tokens.len() && pos(a, i + 1).is_comma();
                negations.extend(tokens.filter(|&i| {
                    suru_next(i)
                        || wo_next(i)
                        || comma_next(i)
                        || copula_after(a, i, a.tokens.len()).is_some()
                        || to_suru(a, i, a.tokens.len())
                }));
            } else {
                let tokens = a.tokens_with_base(stem).iter().map(|&i| i as usize);
                negations.extend(tokens.filter(|&i| pos(a, i).is_independent_verb()));
                // 無効です (a 形容動詞 stem with a copula).
                let nouns = a.tokens_with_surface(stem).iter().map(|&i| i as usize);
                negations.extend(nouns.filter(|&i| copula_after(a, i, a.tokens.len()).is_some()));
            }
        }
        // 見送りとなった, 取りやめを決めた: the noun form of a negating verb, with a copula or
        // as what a carrier decides.
        for noun in &self.negating_nouns {
            let nouns = a.tokens_with_surface(noun).iter().map(|&i| i as usize);
            negations.extend(nouns.filter(|&i| {
                copula_after(a, i, a.tokens.len()).is_some()
                    || (i + 1 < a.tokens.len() && a.surface(i + 1) == "を")
            }));
        }
        if negations.is_empty() {
            return Vec::new();
        }
        sentences_holding(a, sentences, negations)
    }

    /// The sentences not `read` yet holding a token that may be the predicate of a claim
    /// sharing a key with a negative one of `claims`.
    fn preselect_partner_sentences(
        &self,
        a: &Analysis<'_>,
        sentences: &[Sentence],
        claims: &[Claim<'_>],
        read: &[usize],
    ) -> Vec<usize> {
        let mut stems: FastHashSet<(&str, bool)> = FastHashSet::default();
        let mut wanted: Vec<u32> = Vec::new();
        for c in claims.iter().filter(|c| c.negative) {
            if stems.insert((c.key.stem, c.key.sahen)) {
                let own = [(c.key.stem.to_string(), c.key.sahen)];
                // A partner may be written with a synonym (開催した for 実施).
                let group = self.members.get(&own[0]).map_or(&own[..], Vec::as_slice);
                for (stem, sahen) in group {
                    wanted.extend_from_slice(if *sahen {
                        a.tokens_with_surface(stem)
                    } else {
                        a.tokens_with_base(stem)
                    });
                    // 「配当の引き上げを決めた」: the verb's noun form, as a carrier's object.
                    if !*sahen {
                        for (noun, _) in self.noun_forms.iter().filter(|(_, verb)| *verb == stem) {
                            wanted.extend_from_slice(a.tokens_with_surface(noun));
                        }
                    }
                }
                // A partner may be written with the intransitive counterpart (決まった).
                for other in self.intransitive_of.get(&own[0]).into_iter().flatten() {
                    wanted.extend_from_slice(a.tokens_with_base(other));
                }
                // 「再入場はできません」: a partner may say what can be done with 可能.
                if c.key.stem == "できる" && !c.key.sahen {
                    for word in &self.potential_words {
                        wanted.extend_from_slice(a.tokens_with_surface(word));
                    }
                }
            }
        }
        let mut more = sentences_holding(a, sentences, wanted.into_iter().map(|t| t as usize));
        more.retain(|index| read.binary_search(index).is_err());
        more
    }

    /// Appends the claims of one sentence (token range `r`).
    fn read_sentence<'t>(
        &'t self,
        a: &Analysis<'t>,
        r: std::ops::Range<usize>,
        sentence: usize,
        headline: &str,
        claims: &mut Vec<Claim<'t>>,
    ) {
        if self.is_question(a, r.clone()) {
            return;
        }
        let mut depth = 0usize;
        // The subject before the clause that began at the last comma.
        let mut outer = Subject::None;
        // The subject is a person (藤本氏は).
        let mut person_subject = false;
        let mut scope = Scope {
            sentence,
            floor: r.start,
            end: r.end,
            subject: Subject::None,
            frame_from: r.start,
            time_frame: false,
            conditional: false,
            clause_conditional: false,
            narration: r.clone().fold(Narration::default(), |n, i| {
                let surface = a.surface(i);
                let lex = &self.lexicons;
                Narration {
                    earlier_state: n.earlier_state
                        || lex.contains(LexiconId::EarlierStates, surface),
                    new_state: n.new_state || lex.contains(LexiconId::TurningPoints, surface),
                }
            }),
        };
        for i in r.clone() {
            let surface = a.surface(i);
            if self.is_opener(surface) {
                depth += 1;
                continue;
            }
            if self.is_closer(surface) {
                depth = depth.saturating_sub(1);
                continue;
            }
            if pos(a, i).is_comma() {
                scope.clause_conditional = false;
                // 「昨年は、…」: a comma right after a topic keeps the topic's frame.
                let after_topic = i > r.start && a.surface(i - 1) == "は";
                if !(after_topic && scope.time_frame) {
                    scope.frame_from = i + 1;
                    scope.time_frame = false;
                }
                outer = scope.subject;
                continue;
            }
            // 「…と予想された場合、運動会は行わず」: what follows a condition is conditional.
            if depth == 0 && self.ends_condition(a, i, r.end) {
                scope.conditional = true;
            }
            if depth == 0 && self.conditions_its_clause(a, i, r.end) {
                scope.clause_conditional = true;
            }
            // 「意図はなかったと起訴内容を否認した」: a topic inside a quoted clause is not the
            // subject of what follows the quotation.
            if pos(a, i).is_quotative_particle() && depth == 0 {
                scope.subject = outer;
                continue;
            }
            let Some(role) = role_of(a, i) else {
                continue;
            };
            if i == r.start {
                continue;
            }
            let head = i - 1;
            let marks_subject = matches!(surface, "は" | "が") && depth == 0;
            // 当初は / 今回は / 今年は: a time topic frames the claims after it (今回は and 前回は
            // are different claims); a part (一部は, 大半は) makes them unusable, below.
            if marks_subject
                && is_noun_part(a, head)
                && pos(a, head).is_adverbial()
                && !self
                    .lexicons
                    .contains(LexiconId::PartialSubjects, a.surface(head))
            {
                scope.frame_from = run_start(a, head + 1, r.start);
                scope.time_frame = true;
                continue;
            }
            if !is_noun_part(a, head) || pos(a, head).is_prefix() || pos(a, head).is_adverbial() {
                // これは / ことが / 一部は / 今回は: a subject the parser cannot name, or a
                // quantity or time that restricts the statement.
                if marks_subject && (is_opaque(a, head) || is_noun_part(a, head)) {
                    // 一番気になったのは、防水には非対応なので…: a clause made a noun by の and
                    // set off by a comma (a cleft) introduces what follows; it is not its
                    // subject, and what follows is said of the article's own subject.
                    // Not a focus (対応しているのは、A と B で、C は対応していません): the
                    // clause names what is then said, so what follows is about it.
                    let cleft = surface == "は"
                        && a.surface(head) == "の"
                        && head > r.start
                        && {
                            let before = pos(a, head - 1);
                            before.is_verb() || before.is_auxiliary_verb() || before.is_adjective()
                        }
                        && i + 1 < r.end
                        && pos(a, i + 1).is_comma()
                        && !focus(a, r.start..head, i + 1..r.end);
                    scope.subject = if cleft {
                        Subject::None
                    } else {
                        Subject::Opaque
                    };
                    scope.frame_from = i + 1;
                }
                continue;
            }
            let run = run_start(a, head + 1, r.start);
            if depth == 0
                && let Some(claim) = self.claim_at(a, &scope, run, i, role)
            {
                claims.push(claim);
                // 「配当は据え置く」 says 「配当を据え置く」: a topic is often the object of an
                // active verb, so it is compared as one too; before a noun as predicate, also
                // as the argument in に (「ワイヤレス充電は非対応」 = 「ワイヤレス充電に対応しない」).
                if matches!(surface, "は" | ":" | "も")
                    && claim.key.role == Role::Ga
                    && matches!(claim.key.voice, "" | "できる")
                {
                    let nominal = i + 1 < r.end && {
                        let next = pos(a, i + 1);
                        next.is_noun() || next.is_prefix()
                    };
                    let roles: &[Role] = if nominal {
                        &[Role::Wo, Role::Ni]
                    } else {
                        &[Role::Wo]
                    };
                    for &role in roles {
                        let key = Key { role, ..claim.key };
                        claims.push(Claim { key, ..claim });
                    }
                }
                // 「療法食にはまだ切り替えられていない」 against 「療法食に切り替えました」: not
                // (yet) able to do it, or not (yet) had it done, says it is not done; compared
                // as the active claim too (an ichidan verb's potential and passive are one
                // form).
                if claim.negative
                    && matches!(claim.key.voice, "れる" | "られる")
                    && matches!(claim.tense, Tense::NonPast | Tense::NotYet)
                    && {
                        let said = &a.text[claim.span.range()];
                        said.contains("ていな") || said.contains("ていませ")
                    }
                {
                    let key = Key {
                        voice: "",
                        ..claim.key
                    };
                    claims.push(Claim { key, ..claim });
                }
                // 「再入場が可能です」 says 「再入場ができる」 and 「撮影は禁止」「撮影は不可」
                // that it cannot (`opposites` of 可能): what can be done, compared with できる
                // of the same action (「再入場はできません」).
                if claim.key.stem == "可能" && !claim.key.sahen && pos(a, i - 1).is_sahen_noun() {
                    let key = Key {
                        stem: "できる",
                        voice: "",
                        ..claim.key
                    };
                    claims.push(Claim { key, ..claim });
                }
                if let Some(nested) = self.nested_claim(a, &scope, run, i, &claim) {
                    claims.push(nested);
                }
            }
            if marks_subject {
                // 藤本氏は再開発の凍結は公約に掲げておらず, 内藤氏は…、知名度不足が響き、支持は
                // 広がらなかった: after a person set as the sentence's subject, a later は or
                // が marks a contrasted object or a clause of its own, not another subject.
                let person = |k: usize| {
                    pos(a, k).is_name_suffix()
                        || pos(a, k).is_person_name()
                        || pos(a, k).is_surname()
                };
                let keeps_person = person_subject && !person(i - 1);
                if !keeps_person {
                    scope.subject = self.subject_name(a, run, i, r.start, headline);
                    person_subject = matches!(scope.subject, Subject::Name(_)) && person(i - 1);
                }
                scope.frame_from = i + 1;
                scope.time_frame = false;
            }
        }
    }

    /// The claim whose object phrase ends with the noun run `run..particle`, if any.
    fn claim_at<'t>(
        &'t self,
        a: &Analysis<'t>,
        scope: &Scope<'t>,
        run: usize,
        particle: usize,
        role: Role,
    ) -> Option<Claim<'t>> {
        let subject = scope.subject;
        if scope.conditional
            || scope.clause_conditional
            || subject == Subject::Opaque
            || (self.subject_required && subject == Subject::None)
        {
            return None;
        }
        let mut start = object_start(a, run, scope.floor)?;
        // 一時運転を見合わせた: an `aspect-nouns` noun opening the run is the predicate's
        // (運転を一時見合わせた), not part of what is acted on.
        let mut run = run;
        if start == run
            && run + 1 < particle
            && is_noun_part(a, run + 1)
            && self
                .lexicons
                .contains(LexiconId::AspectNouns, a.surface(run))
        {
            run += 1;
            start = run;
        }
        let object_span = Span::new(a.tokens[start].span.start, a.tokens[particle - 1].span.end);
        let object = &a.text[object_span.range()];
        let head = &a.text[a.tokens[run].span.start..object_span.end];
        let tail = tail(a, run, particle);
        if object.chars().count() < self.min_object_chars {
            return None;
        }
        // 「eSIMにも対応」「eSIMには非対応」: a binding particle after the case particle.
        let mut from = particle + 1;
        if a.surface(particle) != "は"
            && from < scope.end
            && pos(a, from).is_binding_particle()
            && matches!(a.surface(from), "は" | "も")
        {
            from += 1;
        }
        // 「オンライン受験ができる」: an action as the object of できる is a claim about it.
        let action_object = pos(a, particle - 1).is_sahen_noun();
        let p = self.predicate(a, from, scope.end, role, action_object)?;
        if p.ni_argument && !matches!(p.voice, "れる" | "られる") {
            return None;
        }
        // 「提出は決定されていない」 says 「提出を決定していない」: the subject of a passive is
        // the object of the active verb.
        let (role, voice) = if role == Role::Ga && matches!(p.voice, "れる" | "られる") {
            (Role::Wo, "")
        } else {
            (role, p.voice)
        };
        // 「時期は決まっていない」 says 「時期を決めていない」: an intransitive verb's subject is
        // its transitive counterpart's object.
        let (role, stem, sahen) = match self.transitive(&p).filter(|_| role == Role::Ga) {
            Some((transitive, sahen)) => (Role::Wo, transitive, sahen),
            None => (role, p.stem, p.sahen),
        };
        // 「ICカードに対応」「ICカードは使えない」: one object whatever marks it (`any_case`).
        // 「シーズン2の制作が決定した」 says 「シーズン2の制作を決定した」: a carrier's サ変 noun
        // with が is its intransitive use (決まる of 決める), and what it carries is its object.
        let role = if self.any_case.contains(&(stem.to_string(), sahen)) {
            Role::Ni
        } else if role == Role::Ga
            && sahen
            && voice.is_empty()
            && self.carriers.contains(&(stem.to_string(), sahen))
        {
            Role::Wo
        } else {
            role
        };
        Some(Claim {
            head,
            tail,
            key: Key {
                object,
                role,
                stem,
                sahen,
                voice,
            },
            subject,
            time_frame: scope.time_frame,
            frame: frame(a, scope.frame_from, start)
                .or_else(|| p.setting.map(|span| &a.text[span.range()])),
            negative: p.negative,
            tense: p.tense,
            sentence: scope.sentence,
            span: Span::new(object_span.start, a.tokens[p.last].span.end),
            verb: p.verb,
            narration: scope.narration,
            decided: false,
            declined: p.declined,
        })
    }

    /// A noun used as a predicate, as (the token its chain follows, stem, サ変):
    /// - a サ変 noun with a copula (「大会は中止となった」「中止です」「中止。」 = 中止する; also
    ///   「妥結には至っていない」 = 妥結していない) or
    ///   ending a clause before another verb (「可決、成立した」 = 可決する);
    /// - a 形容動詞 stem with a copula (「有効になっている」「無効です」: 有効, 無効);
    /// - the noun form of a verb of `opposites` or `synonyms` with a copula (「見送りとなった」
    ///   = 見送る).
    fn nominal_predicate<'t>(
        &'t self,
        a: &Analysis<'t>,
        j: usize,
        end: usize,
    ) -> Option<(usize, &'t str, bool)> {
        let p = pos(a, j);
        // 「当面は全便運休とする」: a サ変 noun with とする is the action decided.
        if p.is_sahen_noun() && to_suru(a, j, end) {
            return Some((j + 2, a.surface(j), true));
        }
        if let Some(verb) = copula_after(a, j, end) {
            if p.is_sahen_noun() {
                return Some((verb, a.surface(j), true));
            }
            if p.is_adjectival_noun() {
                return Some((verb, a.surface(j), false));
            }
            if p.is_common_noun()
                && let Some(base) = self.noun_forms.get(a.surface(j))
            {
                return Some((verb, base.as_str(), false));
            }
            return None;
        }
        // 「可決、成立した」: a サ変 noun ending a clause, another action after the comma.
        let next_action = |k: usize| {
            k < end
                && (pos(a, k).is_independent_verb()
                    || (pos(a, k).is_sahen_noun() && is_suru(a, k + 1, end)))
        };
        (p.is_sahen_noun() && j + 1 < end && pos(a, j + 1).is_comma() && next_action(j + 2))
            .then(|| (j, a.surface(j), true))
    }

    /// A `predicate-nouns` noun used as the predicate (「予約が必要です」「学生も対象となる」
    /// 「対象とした」「必要がある」): the token its auxiliary chain follows, whether the suffix
    /// 外 negates it (対象外), and whether a following ない does (必要はない). The noun must be
    /// said of a noun phrase: after a verb (「予約をする必要がある」) it is the modality of that
    /// verb, not a statement.
    fn noun_predicate(
        &self,
        a: &Analysis<'_>,
        j: usize,
        end: usize,
    ) -> Option<(usize, bool, bool)> {
        if !pos(a, j).is_noun()
            || !self
                .lexicons
                .contains(LexiconId::PredicateNouns, a.surface(j))
        {
            return None;
        }
        if j > 0 && {
            let before = pos(a, j - 1);
            before.is_verb() || before.is_auxiliary_verb() || before.is_adjective()
        } {
            return None;
        }
        let mut last = j;
        let outside = j + 1 < end && a.surface(j + 1) == "外" && pos(a, j + 1).is_suffix();
        if outside {
            last += 1;
        }
        if let Some(verb) = copula_after(a, last, end) {
            return Some((verb, outside, false));
        }
        let next = last + 1;
        // 対象とした, 対象にする.
        if suru_after(a, last, end, &["と", "に"]) {
            return Some((next + 1, outside, false));
        }
        // 必要がある, 必要はありません, 必要ない, 必要はない.
        let mut k = next;
        if k < end && matches!(a.surface(k), "が" | "は" | "も") && pos(a, k).is_particle() {
            k += 1;
        }
        if k < end && !outside {
            if a.base(k) == "ある" && pos(a, k).is_independent_verb() {
                return Some((k, false, false));
            }
            if a.base(k) == "ない" && pos(a, k).is_independent_adjective() {
                return Some((k, false, true));
            }
        }
        None
    }

    /// Whether a decision's action and a claim of another tense (`earlier` before `later` in
    /// the text), or two decisions not both stances held now, are a narrated change:
    /// 「建設を決定していない」 … 「その後、建設を決定した」; 「当初、導入を見送った」 … 「その後、
    /// 導入を決定した」. A decision is the action of one ([`Claim::decided`]), one taken
    /// against it ([`Claim::declined`]), or an affirmed carrier (決定した).
    fn narrated_decision(&self, earlier: &Claim<'_>, later: &Claim<'_>) -> bool {
        let decision = |c: &Claim<'_>| {
            c.decided
                || c.declined
                || (!c.negative
                    && self
                        .carriers
                        .contains(&(c.key.stem.to_string(), c.key.sahen)))
        };
        let (e, l) = (decision(earlier), decision(later));
        // Two decisions tell a change of course, but two stances held now (見送らない方針だ /
        // 見送る考えだ) cannot both stand.
        let two_decisions =
            e && l && !(earlier.tense == Tense::NonPast && later.tense == Tense::NonPast);
        (e || l)
            && (earlier.tense != later.tense || two_decisions)
            && Narration::excuses(earlier.narration, later.narration)
    }

    /// 「法案の提出を見送った」 says 「法案を提出しない」: the claim about the action its object
    /// names (a サ変 noun after `Xの`), when the predicate is one of `carriers` (決定する) or
    /// negates one (見送る). The action may itself be an opposite (大会の中止を決めた).
    fn nested_claim<'t>(
        &'t self,
        a: &Analysis<'t>,
        scope: &Scope<'t>,
        run: usize,
        particle: usize,
        claim: &Claim<'t>,
    ) -> Option<Claim<'t>> {
        // 「エンジンの再着火」: a prefix on the action (再, 初) is part of its run.
        let noun = if prefixed_action(a, run, particle) {
            run + 1
        } else {
            run
        };
        if claim.key.role != Role::Wo
            || !claim.key.voice.is_empty()
            || noun + 1 != particle
            || run < scope.floor + 2
            || !(pos(a, noun).is_sahen_noun()
                || (pos(a, noun).is_noun() && self.noun_forms.contains_key(a.surface(noun))))
            || !(a.surface(run - 1) == "の" && pos(a, run - 1).is_adnominalizer())
        {
            return None;
        }
        let predicate = (claim.key.stem.to_string(), claim.key.sahen);
        let performed = self.performers.contains(&predicate);
        if !performed && !self.carriers.contains(&predicate) {
            return None;
        }
        // 「みなと花火大会」の中止: the name inside the brackets is what the action is of.
        let (x_run, end) = match bracketed_name_start(a, run - 1, scope.floor) {
            Some(open) => (open + 1, run - 2),
            None if is_noun_part(a, run - 2) => (run_start(a, run - 1, scope.floor), run - 1),
            None => return None,
        };
        let start = object_start(a, x_run, scope.floor)?;
        let object = &a.text[a.tokens[start].span.start..a.tokens[end - 1].span.end];
        if object.chars().count() < self.min_object_chars {
            return None;
        }
        // 「配当の引き上げを決めた」「大会の取りやめを決めた」: the noun form of a verb of
        // `opposites` or `synonyms` names its action as a サ変 noun does.
        let (action, own): ((String, bool), &str) = match self.noun_forms.get(a.surface(noun)) {
            Some(verb) => (predicate_stem(verb), verb.as_str()),
            _ => ((a.surface(noun).to_string(), true), a.surface(noun)),
        };
        let (stem, sahen, negates) = match self.opposites.get(&action) {
            Some((negated, sahen)) => (negated.as_str(), *sahen, true),
            None => match self.canonical.get(&action) {
                Some((first, sahen)) => (first.as_str(), *sahen, false),
                None => (own, action.1, false),
            },
        };
        if self.ignore.contains(stem) {
            return None;
        }
        // A decision taken: for the action (決めた) or against it (見送った); an action done
        // (再着火は行われた) is told in its own tense.
        let taken = !performed && (!claim.negative || claim.declined);
        Some(Claim {
            key: Key {
                object,
                role: Role::Wo,
                stem,
                sahen,
                voice: "",
            },
            head: &a.text[a.tokens[x_run].span.start..a.tokens[end - 1].span.end],
            tail: tail(a, x_run, end),
            negative: claim.negative != negates,
            // 「花火大会の中止を決めた」「中止を発表した」「導入を見送った」: a decision places
            // its action at no time of its own (done, or still to come), so the action is
            // compared with statements of either tense (「予定通り開催する」「開催された」「来年度
            // から導入する」). A decision not taken (決めていない) is about the decision and
            // keeps its tense.
            tense: if taken { Tense::Open } else { claim.tense },
            decided: taken,
            ..*claim
        })
    }

    /// Reads the predicate governed by the particle before `from`, and decides its polarity.
    /// `None` when there is none, or when the clause is not a plain statement.
    fn predicate<'t>(
        &'t self,
        a: &Analysis<'t>,
        from: usize,
        end: usize,
        role: Role,
        action_object: bool,
    ) -> Option<Predicate<'t>> {
        let mut j = from;
        let lex = &*self.lexicons;
        let (mut adverbs, mut adjuncts) = (0, 0);
        let mut ni_argument = false;
        let mut not_yet = false;
        // Where the time or number adjuncts between the particle and the predicate lie.
        let mut setting: Option<Span> = None;
        // 「赤ちゃんの名前は、投票で…決まった」: a comma right after a topic は or も leaves the
        // topic the predicate's.
        if j < end
            && j > 0
            && pos(a, j).is_comma()
            && pos(a, j - 1).is_binding_particle()
            && matches!(a.surface(j - 1), "は" | "も")
        {
            j += 1;
        }
        while j < end {
            if pos(a, j).is_adverb() {
                if adverbs == MAX_ADVERBS || lex.contains(LexiconId::HedgingAdverbs, a.surface(j)) {
                    return None;
                }
                not_yet |= lex.contains(LexiconId::NotYetAdverbs, a.surface(j));
                adverbs += 1;
                j += 1;
            } else if role != Role::Ni
                && adjuncts < MAX_ADJUNCTS
                // 「妥結には至っていない」: the outcome reached is the predicate, no adjunct.
                && !(pos(a, j).is_sahen_noun()
                    && copula_after(a, j, end).is_some_and(|k| a.base(k) == "至る"))
                && let Some((next, sets)) = adjunct(a, lex, j, end)
            {
                if sets {
                    // Without a trailing は/も: 「初期状態では」 sets as 「初期状態で」 does.
                    let mut last = next - 1;
                    if last > j && pos(a, last).is_binding_particle() {
                        last -= 1;
                    }
                    // A name in brackets (「こむぎ」に決まった) is a value, like a time.
                    if role == Role::Ga
                        && a.surface(last) == "に"
                        && !pos(a, j).is_opening_bracket()
                        && !(j..last).any(|t| pos(a, t).is_number() || pos(a, t).is_adverbial())
                    {
                        // 「X5はeSIMに対応していない」: after a subject, a に-phrase is the
                        // predicate's argument (its own claim, eSIMに対応していない), unless
                        // the predicate is passive (checked by the caller).
                        ni_argument = true;
                    }
                    let span = Span::new(a.tokens[j].span.start, a.tokens[last].span.end);
                    setting = Some(setting.map_or(span, |s| Span::new(s.start, span.end)));
                }
                adjuncts += 1;
                j = next;
            } else {
                break;
            }
        }
        if j >= end {
            return None;
        }
        let head = j;
        // 非対応, 未解除, 不採用: a negating prefix on a サ変 noun, used as the predicate.
        let nominal = pos(a, j).is_prefix()
            && lex.contains(LexiconId::NegatingPrefixes, a.surface(j))
            && j + 1 < end
            && pos(a, j + 1).is_sahen_noun();
        let mut copular = false;
        let mut potential = false;
        // A predicate noun negated by its suffix (対象外) or by a following ない (必要はない).
        let (mut noun_negated, mut denied) = (false, false);
        let mut plan_of_noun = false;
        let (mut stem, mut sahen, verb) = if nominal {
            (a.surface(j + 1), true, j + 1)
        } else if pos(a, j).is_sahen_noun()
            && is_suru(a, j + 1, end)
            && let Some(can) = koto_dekiru(a, j + 2, end)
        {
            // 加入することができる, 利用することもできない: what can be done, as 加入できる.
            potential = true;
            (a.surface(j), true, can)
        } else if pos(a, j).is_independent_verb()
            && let Some(can) = koto_dekiru(a, j + 1, end)
        {
            potential = true;
            (a.base(j), false, can)
        } else if pos(a, j).is_independent_verb() {
            (a.base(j), false, j)
        } else if pos(a, j).is_sahen_noun() && is_suru(a, j + 1, end) {
            (a.surface(j), true, j + 1)
        } else if pos(a, j).is_sahen_noun()
            && j + 1 < end
            && pos(a, j + 1).is_binding_particle()
            && matches!(a.surface(j + 1), "は" | "も")
            && is_suru(a, j + 2, end)
        {
            // 控訴はしない, 出馬もしない: the action set as topic is the verb (控訴しない).
            (a.surface(j), true, j + 2)
        } else if pos(a, j).is_sahen_noun() && is_verb(a, j + 1, end, "できる") {
            // 返品できる, 利用できない: what can be done, a claim of its own (利用できる is
            // not 利用する), compared with the same potential.
            potential = true;
            (a.surface(j), true, j + 1)
        } else if pos(a, j).is_common_noun()
            && !pos(a, j).is_sahen_noun()
            && j + 1 < end
            && pos(a, j + 1).is_sahen_noun()
            && is_suru(a, j + 2, end)
        {
            // 閣議決定する, 全面解除する: a compound action is its head (決定, 解除).
            (a.surface(j + 1), true, j + 2)
        } else if prefixed_action(a, j, end) && is_suru(a, j + 2, end) {
            // 再着火する, 再点検しない: so is one written with a prefix (着火, 点検).
            (a.surface(j + 1), true, j + 2)
        } else if pos(a, j).is_sahen_noun()
            && j + 2 < end
            && a.surface(j + 1) == "の"
            && self.denied_plan(a, j + 2, end).is_some()
        {
            // 「値上げの予定はない」 says 「値上げしない」, as 「値上げする予定はない」 does.
            plan_of_noun = true;
            (a.surface(j), true, j)
        } else if let Some((verb, negated, nai)) = self.noun_predicate(a, j, end) {
            // 予約が必要です, 学生も対象となる, 対象外です, 必要はない.
            copular = true;
            noun_negated = negated;
            denied = nai;
            (a.surface(j), pos(a, j).is_sahen_noun(), verb)
        } else if let Some((verb, stem, sahen)) = self.nominal_predicate(a, j, end) {
            copular = true;
            (stem, sahen, verb)
        } else {
            return None;
        };
        let dekiru_of_action = action_object && !sahen && stem == "できる";
        if (self.ignore.contains(stem) && !dekiru_of_action)
            || (!sahen && self.functional(role, stem))
            || conditional_or_imperative(a, verb)
        {
            return None;
        }
        let mut lexical = nominal || noun_negated;
        let mut opposed = false;
        if let Some((negated, negated_sahen)) = self.opposites.get(&(stem.to_string(), sahen)) {
            (stem, sahen, lexical) = (negated.as_str(), *negated_sahen, true);
            opposed = true;
        } else if let Some((first, first_sahen)) = self.canonical.get(&(stem.to_string(), sahen)) {
            (stem, sahen) = (first.as_str(), *first_sahen);
        }
        // Past the の of 「値上げの予定」, to the plan noun.
        let mut k = verb + 1 + usize::from(plan_of_noun);
        let mut last = verb;
        let mut voice = "";
        if potential {
            voice = "できる";
        } else if k < end && pos(a, k).is_verb_suffix() {
            voice = a.base(k);
            last = k;
            k += 1;
        }
        // Negative auxiliaries; a lexical negation flips the result once more
        // (「見送らなかった」 is 「決定した」).
        let mut negations = usize::from(denied);
        let mut past = false;
        while k < end {
            let p = pos(a, k);
            if p.is_conjunctive_particle()
                && matches!(a.surface(k), "て" | "で")
                && k + 1 < end
                && pos(a, k + 1).is_dependent_verb()
            {
                k += 1;
                continue;
            }
            if conditional_or_imperative(a, k) {
                return None;
            }
            if p.is_auxiliary_verb() {
                match a.base(k) {
                    base if lex.contains(LexiconId::NegativeAuxiliaries, base) => negations += 1,
                    "た" => past = true,
                    "ます" | "です" => {}
                    // 非対応だ, 非対応である.
                    "だ" | "である" if nominal || copular => {}
                    // だろう, よう, たい, まい, らしい, べき …: not a plain statement.
                    _ => return None,
                }
            } else if p.is_dependent_verb() {
                if lex.contains(LexiconId::ModalWords, a.base(k)) {
                    return None;
                }
            } else if p.is_verb_suffix() || p.is_dependent_adjective() {
                // させられる, 〜てほしい, 〜やすい: too far from the plain statement.
                return None;
            } else {
                break;
            }
            last = k;
            k += 1;
        }
        // 「中断されることなく進み」「知られることなしに」: an action that did not happen
        // while another did.
        if negations == 0 && koto_naku(a, k, end) {
            negations = 1;
            last = k + 1;
            k += 2;
        }
        // 「休止する予定はない」「値上げする考えはありません」: an intention denied is a
        // negative claim (a denied negation, 休止しない予定はない, is none).
        if let Some(denial) = self.denied_plan(a, k, end) {
            if negations > 0 {
                return None;
            }
            negations = 1;
            last = denial;
            k = denial + 1;
        }
        // 「休止することが決まっている」「値上げすることは決めていない」: a clause named as the
        // object of a carrier is stated with the carrier's polarity and tense.
        if negations <= 1
            && !not_yet
            && let Some(carried) = self.carried_by(a, k, end)
        {
            if carried.negative && (negations == 1 || lexical) {
                return None;
            }
            // 「延長しないことを決めた」 is about what will be (延長しない), 「延長することは
            // 決めていない」 about the decision.
            let tense = if carried.negative {
                carried.tense
            } else if past {
                Tense::Past
            } else {
                Tense::NonPast
            };
            return Some(Predicate {
                stem,
                sahen,
                voice,
                verb,
                negative: ((negations == 1) != lexical) != carried.negative,
                tense,
                last: carried.last,
                setting,
                ni_argument,
                copular,
                head,
                declined: false,
            });
        }
        if negations > 1
            || !self.plain_clause(
                a,
                k,
                end,
                negations > 0 || lexical,
                negations > 0 || nominal,
            )
            || !self.own_clause(a, k, end, negations > 0 || nominal)
        {
            return None;
        }
        // 「まだ続いている」: an affirmative so far says nothing about what was done.
        if not_yet && (negations != 1 || lexical) {
            return None;
        }
        let tense = if not_yet {
            Tense::NotYet
        } else if past {
            Tense::Past
        } else {
            let form = a.features(last).conjugation;
            if form.is_basic() || form.is_attributive() {
                Tense::NonPast
            } else {
                Tense::Open
            }
        };
        Some(Predicate {
            stem,
            sahen,
            voice,
            verb,
            negative: (negations == 1) != lexical,
            tense,
            last,
            setting,
            ni_argument,
            copular,
            head,
            declined: opposed && negations == 0,
        })
    }

    /// Pairs claims of opposite polarity, in one pass over the claims in document order.
    fn report(
        &self,
        a: &Analysis<'_>,
        claims: &[Claim<'_>],
        apart: &dyn Fn(usize, usize) -> bool,
        message: &Message,
        out: &mut Vec<Hit>,
    ) {
        // The earliest claim per key, subject and frame, each either exact (a value or its
        // absence) or any: a later claim looks up its own value and absence (one side
        // missing is compatible), or any when it has none itself. Linear in the claims.
        // Sections about different names keep claims apart unless the claims name one
        // subject themselves.
        let separate = |x: &Claim<'_>, y: &Claim<'_>| {
            apart(x.sentence, y.sentence) && !(x.name().is_some() && x.name() == y.name())
        };
        let mut earliest: FastHashMap<(Key, Slot, Slot), Earliest> = FastHashMap::default();
        let mut reported: FastHashSet<(Key, Option<&str>)> = FastHashSet::default();
        let mut pairs: FastHashSet<(Span, Span)> = FastHashSet::default();
        // Claims by their object's head, for objects written with more or fewer modifiers.
        let mut by_head: FastHashMap<(Key, Slot, Slot), Vec<usize>> = FastHashMap::default();
        // Claims by their object's last noun, for compounds written whole or in part.
        let mut by_tail: FastHashMap<(Key, Slot, Slot), Vec<usize>> = FastHashMap::default();
        for (index, claim) in claims.iter().enumerate() {
            let name = claim.name();
            let subjects = Slot::lookups(name);
            let frames = if claim.time_frame {
                [Some(Slot::Is(claim.frame)), None]
            } else {
                Slot::lookups(claim.frame)
            };
            let opposite = usize::from(!claim.negative);
            let crossed = claim.tense.crossed(claim.negative);
            let partner = subjects
                .iter()
                .flatten()
                .flat_map(|&s| frames.iter().flatten().map(move |&f| (s, f)))
                .filter_map(|(s, f)| earliest.get(&(claim.key, s, f)))
                .flat_map(|t| {
                    let tenses = claim.tense.compatible().iter();
                    let same = tenses
                        .filter_map(move |tense| t[tense.index()][opposite])
                        .filter(|&c| !self.narrated_decision(&claims[c], claim));
                    let other = crossed
                        .iter()
                        .filter_map(move |tense| t[tense.index()][opposite])
                        .filter(|&c| !Narration::excuses(claims[c].narration, claim.narration));
                    same.chain(other)
                })
                .filter(|&c| self.same_sentence || claims[c].sentence != claim.sentence)
                .filter(|&c| !separate(&claims[c], claim))
                .min();
            // 「今国会への提出」 and 「今国会への関連法案の提出」: one object written with more
            // modifiers (the other's are among them) is the same object; so is 同 + the end of
            // a compound (同条例案 / 県条例案).
            let related = |map: &FastHashMap<(Key, Slot, Slot), Vec<usize>>,
                           object: &str,
                           same: fn(&Claim<'_>, &Claim<'_>) -> bool| {
                let key = Key {
                    object,
                    ..claim.key
                };
                subjects
                    .iter()
                    .flatten()
                    .flat_map(|&s| frames.iter().flatten().map(move |&f| (s, f)))
                    .filter_map(|(s, f)| map.get(&(key, s, f)))
                    .flatten()
                    .copied()
                    .filter(|&c| {
                        let other = &claims[c];
                        other.negative != claim.negative
                            && other.key.object != claim.key.object
                            && same(claim, other)
                            && (self.same_sentence || other.sentence != claim.sentence)
                            && !separate(other, claim)
                            && ((claim.tense.compatible().contains(&other.tense)
                                && !self.narrated_decision(other, claim))
                                || (crossed.contains(&other.tense)
                                    && !Narration::excuses(other.narration, claim.narration)))
                    })
                    .min()
            };
            let partner = partner
                .or_else(|| related(&by_head, claim.head, same_object))
                .or_else(|| related(&by_tail, claim.tail, same_compound));
            if let Some(earlier) = partner.map(|c| &claims[c]) {
                let subject = name.or(earlier.name());
                // A topic is read as subject and as object: one pair of places, one finding.
                if reported.insert((claim.key, subject)) && pairs.insert((claim.span, earlier.span))
                {
                    out.push(self.hit(a, claim, earlier, subject, message));
                }
            }
            let polarity = usize::from(claim.negative);
            let head_key = Key {
                object: claim.head,
                ..claim.key
            };
            for s in [Slot::Is(name), Slot::Any] {
                let any = (!claim.time_frame).then_some(Slot::Any);
                for f in [Some(Slot::Is(claim.frame)), any].into_iter().flatten() {
                    let slots = earliest.entry((claim.key, s, f)).or_default();
                    slots[claim.tense.index()][polarity].get_or_insert(index);
                    let same_head = by_head.entry((head_key, s, f)).or_default();
                    if same_head.len() < MAX_SAME_HEAD {
                        same_head.push(index);
                    }
                    let tail_key = Key {
                        object: claim.tail,
                        ..claim.key
                    };
                    let same_tail = by_tail.entry((tail_key, s, f)).or_default();
                    if same_tail.len() < MAX_SAME_HEAD {
                        same_tail.push(index);
                    }
                }
            }
        }
    }

    fn hit(
        &self,
        a: &Analysis<'_>,
        claim: &Claim<'_>,
        earlier: &Claim<'_>,
        subject: Option<&str>,
        message: &Message,
    ) -> Hit {
        let key = claim.key;
        // The dictionary form: 重視する, 変わる; with a voice suffix 重視される, 変わられる.
        let predicate = match (key.sahen, key.voice) {
            (true, "") => format!("{}する", key.stem),
            (true, "できる") => format!("{}できる", key.stem),
            (false, "") => key.stem.to_string(),
            (true, voice) => format!("{}{}{voice}", key.stem, a.surface(claim.verb)),
            (false, voice) => format!("{}{voice}", a.surface(claim.verb)),
        };
        let text = message.render(&[
            ("match", &a.text[claim.span.range()]),
            ("other", &a.text[earlier.span.range()]),
            ("object", key.object),
            ("predicate", &predicate),
            ("subject", subject.unwrap_or_default()),
        ]);
        Hit::new(claim.span, text).with_related(earlier.span, earlier_label(earlier.negative))
    }

    /// True for a particle + verb pair that acts as a compound particle or fixed phrase, not
    /// a statement (について, を通じて).
    fn functional(&self, role: Role, stem: &str) -> bool {
        let list = match role {
            Role::Ni => LexiconId::FunctionalAfterNi,
            Role::Wo => LexiconId::FunctionalAfterWo,
            Role::Ga => return false,
        };
        self.lexicons.contains(list, stem)
    }

    fn is_opener(&self, surface: &str) -> bool {
        single_char(surface).is_some_and(|c| self.openers.contains(c))
    }

    fn is_closer(&self, surface: &str) -> bool {
        single_char(surface).is_some_and(|c| self.closers.contains(c))
    }

    /// The subject marked by the particle after the noun run `run..particle`: its modifiers
    /// as for an object (一部の企業 is not 企業), then the head without honorifics, titles or
    /// anything from a prefix on (トランプ前大統領 → トランプ), or only the family name of a
    /// person.
    fn subject_name<'t>(
        &self,
        a: &Analysis<'t>,
        run: usize,
        particle: usize,
        floor: usize,
        headline: &str,
    ) -> Subject<'t> {
        let Some(start) = object_start(a, run, floor) else {
            return Subject::Opaque;
        };
        let lex = &*self.lexicons;
        let title = |s: &str| {
            lex.contains(LexiconId::NameSuffixes, s) || lex.contains(LexiconId::TitlePrefixes, s)
        };
        let stop = if pos(a, run).is_surname() {
            run + 1
        } else {
            let mut stop = (run + 1..particle)
                .find(|&k| pos(a, k).is_prefix())
                .unwrap_or(particle);
            while stop > run + 1
                && (pos(a, stop - 1).is_name_suffix() || title(a.surface(stop - 1)))
            {
                stop -= 1;
            }
            stop
        };
        let span = Span::new(a.tokens[start].span.start, a.tokens[stop - 1].span.end);
        let name = &a.text[span.range()];
        // 町の担当者は, 同社の関係者は: who speaks for an organisation says what it says.
        let name = SPOKESPEOPLE
            .iter()
            .find_map(|w| {
                name.strip_suffix(w)
                    .and_then(|rest| rest.strip_suffix('の'))
                    .filter(|rest| !rest.is_empty())
            })
            .unwrap_or(name);
        // 同社, 同国, 県: another name for a subject named elsewhere, compatible with any; so
        // is any noun after the prefix 同 (同法案, 同選手).
        // The same for a name that starts with one (同国政府, 同社社長).
        let prefixed = a.surface(start) == "同" && pos(a, start).is_prefix() && stop > start + 1;
        if prefixed
            || lex.contains(LexiconId::AnaphoricSubjects, name)
            || lex.contains(LexiconId::AnaphoricSubjects, a.surface(start))
        {
            return Subject::None;
        }
        // 「NoteSlate 10は」 in an article about the NoteSlate 11: one model of a series the
        // article names several of is told apart from the others only by its name, which a
        // claim without a subject does not give; unless it is the model the headline names,
        // the article's own, which a claim without a subject is about.
        if has_sibling_model(a.text, name) && !names_model(headline, name) {
            return Subject::Opaque;
        }
        Subject::Name(name)
    }

    /// True when the clause after the predicate chain (tokens from `k`) leaves it a plain
    /// statement: no conditional or concessive ending, no question, quotation, hedge, change
    /// of state, or second negation before the next comma.
    /// `negative`: the claim is negative (an opposite included); `negated`: it is negated in
    /// its own words (ない, 非対応), which is what makes a following ため a reason.
    fn plain_clause(
        &self,
        a: &Analysis<'_>,
        k: usize,
        end: usize,
        negative: bool,
        negated: bool,
    ) -> bool {
        let lex = &*self.lexicons;
        if k < end {
            let p = pos(a, k);
            let s = a.surface(k);
            if p.is_conjunctive_particle() {
                if lex.contains(LexiconId::ConditionalParticles, s) {
                    return false;
                }
                if matches!(s, "て" | "で") && k + 1 < end && a.surface(k + 1) == "も" {
                    return false;
                }
            }
            // 重視しなくなった: a change, not a state.
            if negative && p.is_verb() && a.base(k) == "なる" {
                return false;
            }
            // 意味を確認しないまま始める: the way the main action is done, not a statement.
            if negative && s == "まま" && p.is_noun() {
                return false;
            }
            // 「返済額が変わることに不安を感じる」「変わるのが怖い」「上げることを検討」: a
            // clause named as the argument of another predicate is not stated (but
            // 「変わることになった」 is, and 「変わることを決めた」 is read by its carrier, above).
            if matches!(s, "こと" | "の") && p.is_noun() && k + 1 < end {
                let next = a.surface(k + 1);
                let naru = k + 2 < end && a.base(k + 2) == "なる";
                if matches!(next, "が" | "は" | "も" | "を") || (next == "に" && !naru) {
                    return false;
                }
            }
        }
        let mut m = k;
        while m < end.min(k + LOOKAHEAD) {
            let p = pos(a, m);
            let s = a.surface(m);
            if p.is_period() || p.is_comma() || p.is_closing_bracket() || self.is_closer(s) {
                break;
            }
            // 「中止すると発表した」「関与を認めたという」: a report of what the subject says is
            // the article's claim; the reporting verb's own chain is read on (発表していない,
            // 発表する見込み leave it out).
            if p.is_quotative_particle()
                && let Some(len) = self.reporting_verb(a, m + 1, end)
            {
                m += 1 + len;
                // 「認めたという報道」: a report about a report (「中止するという方針」 is the
                // subject's stance); 「認めたとされる」「と言われる」: hearsay.
                if m < end
                    && ((pos(a, m).is_noun()
                        && !lex.contains(LexiconId::StanceNouns, a.surface(m)))
                        || pos(a, m).is_verb_suffix())
                {
                    return false;
                }
                continue;
            }
            // 「対応していないとのことでした」「予定されていないそうです」: hearsay that ends the
            // sentence passes the statement on as the article's own, as a reporting verb does.
            if hearsay_end(a, m, end) {
                break;
            }
            // 「開催しないという報道」: a report about a report (連語 という).
            if s == "という"
                && m + 1 < end
                && pos(a, m + 1).is_noun()
                && !lex.contains(LexiconId::StanceNouns, a.surface(m + 1))
            {
                return false;
            }
            // 「中止するとしても」: a concession.
            if ((p.is_conjunctive_particle() && matches!(s, "て" | "で")) || s == "として")
                && m + 1 < end
                && a.surface(m + 1) == "も"
            {
                return false;
            }
            if is_reason(a, m, end, negated) {
                // 「非対応のため」「決定したため」: a reason states a fact; the clause ends here.
                break;
            }
            if p.is_quotative_particle()
                || p.is_final_particle()
                || (p.is_particle() && lex.contains(LexiconId::QuestionParticles, s))
                || self.is_negation(a, m)
                || conditional_or_imperative(a, m)
                || (p.is_auxiliary_verb() && lex.contains(LexiconId::ModalAuxiliaries, a.base(m)))
                || lex.contains(LexiconId::ModalWords, a.base(m))
            {
                return false;
            }
            m += 1;
        }
        true
    }

    /// The length in tokens of the reporting verb at `i` after a quotative と (`reporting-verbs`:
    /// いう, 述べる; 発表 + する; 明らか + に + する), if there is one and it is not in a
    /// conditional or imperative form.
    fn reporting_verb(&self, a: &Analysis<'_>, i: usize, end: usize) -> Option<usize> {
        let reporting = |k: usize| {
            self.lexicons.contains(
                LexiconId::ReportingVerbs,
                if pos(a, k).is_verb() {
                    a.base(k)
                } else {
                    a.surface(k)
                },
            )
        };
        let suru = |k: usize| is_suru(a, k, end);
        if i >= end || !reporting(i) {
            return None;
        }
        let (len, verb) = if pos(a, i).is_independent_verb() {
            (1, i)
        } else if pos(a, i).is_sahen_noun() && suru(i + 1) {
            (2, i + 1)
        } else if pos(a, i).is_noun() && i + 1 < end && a.surface(i + 1) == "に" && suru(i + 2) {
            (3, i + 2)
        } else {
            return None;
        };
        (!conditional_or_imperative(a, verb)).then_some(len)
    }

    /// The predicate of `carriers` (決定する, 決まる) whose object is the clause ending before
    /// `k` (「休止すること|が決まっている」), if there is one.
    fn carried_by<'t>(&'t self, a: &Analysis<'t>, k: usize, end: usize) -> Option<Predicate<'t>> {
        if k + 2 >= end
            || a.surface(k) != "こと"
            || !pos(a, k).is_noun()
            || !matches!(a.surface(k + 1), "が" | "を" | "は" | "も")
            || !pos(a, k + 1).is_particle()
        {
            return None;
        }
        // 「正式に」「新たに」: an adverbial 形容動詞 before the carrier.
        let mut j = k + 2;
        while j + 2 < end && pos(a, j).is_adjectival_noun() && a.surface(j + 1) == "に" {
            j += 2;
        }
        let carrier = self.predicate(a, j, end, Role::Wo, false)?;
        // 「ことを正式に決めた」: adverbs and adjuncts may stand between, not another object.
        if (k + 2..carrier.verb)
            .any(|t| matches!(a.surface(t), "を" | "が") && pos(a, t).is_particle())
        {
            return None;
        }
        let (stem, sahen) = self
            .transitive(&carrier)
            .unwrap_or((carrier.stem, carrier.sahen));
        self.carriers
            .contains(&(stem.to_string(), sahen))
            .then_some(carrier)
    }

    /// 「時期は決まっていない」 says 「時期を決めていない」: the transitive counterpart (stem,
    /// サ変) of an active intransitive predicate (決まる → 決める), when `intransitives` gives one.
    fn transitive<'t>(&'t self, p: &Predicate<'t>) -> Option<(&'t str, bool)> {
        if p.sahen || !p.voice.is_empty() {
            return None;
        }
        self.transitive_of
            .get(p.stem)
            .map(|(transitive, sahen)| (transitive.as_str(), *sahen))
    }

    /// The person the sentence before `claim`'s is about (its last 人名 + 氏/さん/さま marked
    /// by は or が), when it is in the same paragraph and `claim`'s own sentence has no topic
    /// or subject before the claim.
    fn paragraph_person<'t>(
        &self,
        a: &Analysis<'t>,
        sentences: &[Sentence],
        claim: &Claim<'t>,
    ) -> Option<&'t str> {
        let index = claim.sentence;
        if index == 0 || sentences[index - 1].block != sentences[index].block {
            return None;
        }
        // 選挙戦では、…: a は after a case particle sets an adjunct as topic, not a subject.
        let own = a.within(Span::new(sentences[index].span.start, claim.span.start));
        if own.clone().any(|i| {
            role_of(a, i) == Some(Role::Ga)
                && !(i > own.start && pos(a, i - 1).is_case_particle() && a.surface(i) == "は")
        }) {
            return None;
        }
        let before = a.within(sentences[index - 1].span);
        before.clone().rev().find_map(|i| {
            if i < before.start + 2 || role_of(a, i) != Some(Role::Ga) {
                return None;
            }
            let suffix = i - 1;
            let name = suffix - 1;
            (pos(a, suffix).is_name_suffix() && pos(a, name).is_person_name()).then(|| {
                let mut first = name;
                while first > before.start && pos(a, first - 1).is_person_name() {
                    first -= 1;
                }
                a.surface(first)
            })
        })
    }

    /// The last token of a denial of the intention named at `k` (`plan-nouns` + は/も + ない
    /// or ありません), in the present: 「予定はない」「考えはありません」, not 「予定はなかった」.
    fn denied_plan(&self, a: &Analysis<'_>, k: usize, end: usize) -> Option<usize> {
        let intention = k + 2 < end
            && pos(a, k).is_noun()
            && self.lexicons.contains(LexiconId::PlanNouns, a.surface(k))
            && pos(a, k + 1).is_binding_particle()
            && matches!(a.surface(k + 1), "は" | "も");
        if !intention {
            return None;
        }
        let mut last = k + 2;
        if a.base(last) == "ある" && pos(a, last).is_verb() {
            while last + 1 < end
                && pos(a, last + 1).is_auxiliary_verb()
                && a.base(last + 1) == "ます"
            {
                last += 1;
            }
            last += 1;
            if last >= end {
                return None;
            }
        }
        if !self.is_negation(a, last) {
            return None;
        }
        // 「予定はなかった」: a past intention, narrated.
        let past =
            last + 1 < end && pos(a, last + 1).is_auxiliary_verb() && a.base(last + 1) == "た";
        (!past).then_some(last)
    }

    fn is_negation(&self, a: &Analysis<'_>, i: usize) -> bool {
        let p = pos(a, i);
        (p.is_auxiliary_verb()
            && self
                .lexicons
                .contains(LexiconId::NegativeAuxiliaries, a.base(i)))
            || (p.is_independent_adjective() && a.base(i) == "ない")
    }

    /// False for a relative clause whose head noun is likely its subject (「値上げを発表して
    /// いない企業」, 「寮を持たない公立校」): the claim is about that noun, not the sentence's
    /// subject. Heads that name the content of the clause (「重視しない立場」, 「確保する方針」)
    /// keep it, and so does a reason (「対応していないため」, see [`is_reason`]).
    fn own_clause(&self, a: &Analysis<'_>, k: usize, end: usize, negated: bool) -> bool {
        if k >= end
            || !pos(a, k).is_noun()
            || is_reason(a, k, end, negated)
            || hearsay_end(a, k, end)
        {
            return true;
        }
        self.lexicons.contains(LexiconId::StanceNouns, a.surface(k))
    }

    /// Whether token `i` ends a condition that the rest of the sentence depends on: 場合, とき,
    /// 際 or 限り before a comma or a topic particle (「予想された場合、」「雨のときは」), or a
    /// conditional ば or form before a comma (「すれば、」「なければ、」「決まったら、」).
    fn ends_condition(&self, a: &Analysis<'_>, i: usize, end: usize) -> bool {
        let next = i + 1;
        if next >= end {
            return false;
        }
        let closes = pos(a, next).is_comma()
            || (pos(a, next).is_particle() && matches!(a.surface(next), "は" | "には" | "に"));
        let p = pos(a, i);
        if p.is_noun() && matches!(a.surface(i), "場合" | "とき" | "時" | "際" | "限り") {
            return closes;
        }
        // 「繰り下げている間は、年金を受け取れません」: while a state lasts is a condition too
        // (a period named by a verb before 間; not 3年間, nor 留守の間に, which dates a fact).
        if p.is_noun()
            && a.surface(i) == "間"
            && i > 0
            && (pos(a, i - 1).is_verb() || pos(a, i - 1).is_auxiliary_verb())
        {
            return pos(a, next).is_comma() || a.surface(next) == "は";
        }
        // ば and conditional forms (たら, なら); not と (「によると、」) or ても (a concession
        // asserts what follows).
        pos(a, next).is_comma()
            && ((p.is_conjunctive_particle() && a.surface(i) == "ば")
                || conditional_or_imperative(a, i))
    }

    /// Whether token `i` ends a condition written without a comma (「5自治体以内ならワンストップ
    /// 特例が使える」, 「申請すれば受け取れる」): it governs its own clause, up to the next comma
    /// (「住民なら誰でも参加でき、事前の申し込みは不要でした」 still states 不要).
    fn conditions_its_clause(&self, a: &Analysis<'_>, i: usize, end: usize) -> bool {
        let next = i + 1;
        if next >= end {
            return false;
        }
        let conditional = (pos(a, i).is_conjunctive_particle() && a.surface(i) == "ば")
            || a.features(i).conjugation.is_conditional();
        let q = pos(a, next);
        conditional
            && (q.is_noun() || q.is_verb() || q.is_adjective() || q.is_adverb() || q.is_prefix())
    }

    /// A question: the sentence contains ? or its last word is the particle か.
    fn is_question(&self, a: &Analysis<'_>, r: std::ops::Range<usize>) -> bool {
        let mut last_word = None;
        for i in r {
            let s = a.surface(i);
            if s.contains('?') || s.contains('？') {
                return true;
            }
            if !pos(a, i).is_symbol() && !self.is_closer(s) {
                last_word = Some(i);
            }
        }
        last_word.is_some_and(|i| pos(a, i).is_particle() && a.surface(i).starts_with('か'))
    }
}

/// Whether a clause made a noun (`clause`, before its の) names a content word (a noun or
/// a verb other than する, なる, いる, ある) that the rest of the sentence (`rest`) repeats:
/// 対応しているのは、…対応していません is a focus on what the clause says, not a cleft that
/// introduces a new statement (一番気になったのは、防水には非対応なので).
fn focus(a: &Analysis<'_>, clause: std::ops::Range<usize>, rest: std::ops::Range<usize>) -> bool {
    let content = |k: usize| {
        let p = pos(a, k);
        (p.is_noun() && !p.is_dependent_noun() && !p.is_pronoun())
            || (p.is_verb() && !matches!(a.base(k), "する" | "なる" | "いる" | "ある"))
    };
    clause
        .filter(|&k| content(k))
        .any(|k| rest.clone().any(|j| content(j) && a.base(j) == a.base(k)))
}

/// ため at `m` giving a reason, not a purpose: after a negation in the predicate's own words
/// (`negated`; 見送るため is not one, though 見送る reads as 決定しない) or a noun predicate
/// (「非対応のため」, 「対応していないため」) or a past tense (「決定したため」) or a state
/// (「使用しているため」). After an
/// affirmative non-past verb (「対応するため」) and before に (「失敗しないために」) it is a purpose
/// and stays a modal word.
fn is_reason(a: &Analysis<'_>, m: usize, end: usize, negated: bool) -> bool {
    if !matches!(a.surface(m), "ため" | "為") || m == 0 || (m + 1 < end && a.surface(m + 1) == "に")
    {
        return false;
    }
    let before = m - 1;
    // 「使用しているため」: a state that holds is a reason; a purpose is not yet done.
    let state = matches!(a.base(before), "いる" | "おる")
        && before > 0
        && matches!(a.surface(before - 1), "て" | "で");
    negated
        || state
        || (a.surface(before) == "の" && pos(a, before).is_particle())
        || (pos(a, before).is_auxiliary_verb() && a.base(before) == "た")
}

/// Whether token `k` (before `end`) is the independent verb `base` (する, できる).
fn is_verb(a: &Analysis<'_>, k: usize, end: usize, base: &str) -> bool {
    k < end && pos(a, k).is_independent_verb() && a.base(k) == base
}

/// The できる of 「…ことができる」 (こと, が/も/は, できる from token `k`): what can be done.
fn koto_dekiru(a: &Analysis<'_>, k: usize, end: usize) -> Option<usize> {
    (k + 2 < end
        && a.surface(k) == "こと"
        && matches!(a.surface(k + 1), "が" | "も" | "は")
        && is_verb(a, k + 2, end, "できる"))
    .then_some(k + 2)
}

/// Whether tokens `k` and `k + 1` (before `end`) are こと and the adjective ない as なく or なし
/// (「中断されることなく」「知られることなしに」): a negation of the action before こと. The
/// preselection of negated sentences asks the same of every ない.
fn koto_naku(a: &Analysis<'_>, k: usize, end: usize) -> bool {
    k + 1 < end
        && a.surface(k) == "こと"
        && pos(a, k).is_dependent_noun()
        && a.base(k + 1) == "ない"
        && pos(a, k + 1).is_adjective()
        && matches!(a.surface(k + 1), "なく" | "なし")
}

/// Whether token `k` (before `end`) is the verb する.
fn is_suru(a: &Analysis<'_>, k: usize, end: usize) -> bool {
    is_verb(a, k, end, "する")
}

/// The last noun of the noun run `run..end` with the suffixes after it (条例案 of 県条例案).
fn tail<'t>(a: &Analysis<'t>, run: usize, end: usize) -> &'t str {
    let mut last = end - 1;
    while last > run && pos(a, last).is_suffix() {
        last -= 1;
    }
    &a.text[a.tokens[last].span.start..a.tokens[end - 1].span.end]
}

/// For a noun at `i` used as a predicate without する: the token its auxiliary chain follows.
/// 「中止となった」「中止になる」: the なる verb; 「中止です」「中止だ」「中止。」: the noun itself
/// (the chain reads です/だ, or nothing at the end of the sentence). The caller decides which
/// nouns can be predicates.
fn copula_after(a: &Analysis<'_>, i: usize, end: usize) -> Option<usize> {
    let next = i + 1;
    if next >= end {
        return Some(i);
    }
    let p = pos(a, next);
    if p.is_period() {
        return Some(i);
    }
    if p.is_auxiliary_verb() && matches!(a.base(next), "だ" | "です" | "である") {
        return Some(i);
    }
    // 「中止（雨天のため）」「対応(Qi規格)」: a note in brackets after the noun.
    if p.is_opening_bracket() || a.surface(next) == "(" {
        return Some(i);
    }
    if continuative_copula(a, next) {
        return Some(i);
    }
    // 「仲介手数料は不要とのことでした」「非対応とのこと」: hearsay closing the sentence right
    // after the noun says it with the copula it leaves out (不要だということでした).
    if hearsay_end(a, next, end) {
        return Some(i);
    }
    let naru =
        next + 1 < end && pos(a, next + 1).is_independent_verb() && a.base(next + 1) == "なる";
    if p.is_case_particle() && matches!(a.surface(next), "と" | "に") && naru {
        return Some(next + 1);
    }
    // 「妥結に至った」「妥結には至っていない」: reaching an outcome is having it.
    let mut k = next + 1;
    if k < end && matches!(a.surface(k), "は" | "も") && pos(a, k).is_binding_particle() {
        k += 1;
    }
    (p.is_case_particle()
        && a.surface(next) == "に"
        && k < end
        && pos(a, k).is_independent_verb()
        && a.base(k) == "至る")
        .then_some(k)
}

/// Whether token `k` is the continuative copula before a comma (「店舗は対象外で、」), which the
/// segmenter tags as the case particle で (a place, 「対象外での使用」, is followed by の, not
/// by a comma).
fn continuative_copula(a: &Analysis<'_>, k: usize) -> bool {
    a.surface(k) == "で" && k + 1 < a.tokens.len() && pos(a, k + 1).is_comma()
}

/// Whether と + する follows token `i` (運休とする, 中止とした).
fn to_suru(a: &Analysis<'_>, i: usize, end: usize) -> bool {
    suru_after(a, i, end, &["と"])
}

/// Whether one of the case particles `particles` and する follow token `i` (対象とした,
/// 対象にする).
fn suru_after(a: &Analysis<'_>, i: usize, end: usize, particles: &[&str]) -> bool {
    i + 2 < end
        && particles.contains(&a.surface(i + 1))
        && pos(a, i + 1).is_case_particle()
        && a.base(i + 2) == "する"
        && pos(a, i + 2).is_verb()
}

/// The noun forms a verb's 連用形 makes (見送る → 見送り; 取りやめる → 取りやめ; 据え置く → 据え置き);
/// both readings of a verb in る (五段 and 一段). Empty for a verb of one kana.
fn noun_forms_of(verb: &str) -> Vec<String> {
    let mut chars: Vec<char> = verb.chars().collect();
    let Some(last) = chars.pop() else {
        return Vec::new();
    };
    if chars.is_empty() {
        return Vec::new();
    }
    let stem: String = chars.into_iter().collect();
    // 決める → 決め (一段), and any る verb may be godan (見送る → 見送り).
    let ichidan = (last == 'る').then(|| stem.clone());
    let godan = crate::lang::ja::GODAN_RENYOU
        .iter()
        .find(|&&(u, _)| u == last)
        .map(|&(_, i)| format!("{stem}{i}"));
    ichidan.into_iter().chain(godan).collect()
}

/// The most tokens a name in brackets read as a value adjunct may hold (「さぬき未来信用金庫」).
const MAX_QUOTED_NAME: usize = 12;

/// The adjunct phrase starting at `i` that may stand between an object and its predicate
/// without changing what is claimed: a noun run (nouns joined by と count as one: 前期と同額)
/// before で, から, まで, へ, より, にかけて or と (「会場で」「7月から」「A社と」), or before に
/// unless it makes a fixed frame with the object (`frames-before-ni`: 「Xを理由に」); or a time,
/// quantity or manner word standing alone (「今年」「10円」「予定通り」); any of them may take は
/// or も. Returns the index after it and whether it sets the claim (a time, place, party or
/// amount: 「8月2日に」「会場で」「A社に」「10円」, against which another setting is another
/// claim); a manner word (「予定通り」) does not.
/// 「判決を不服として」「量刑を理由に」「協議を踏まえ、」「判決の内容をめぐって」: a noun run
/// (nouns joined by の included) with を that a frame takes (a noun with として or a
/// `frames-before-ni` noun with に), or a `functional-after-wo` verb in its connective form, or
/// a compound particle in を: the reason or ground of the predicate, whose object it is not
/// (弁護側は判決を不服として控訴した says 弁護側は控訴した). The token after it, past a comma.
fn reason_clause(a: &Analysis<'_>, lex: &Lexicons, i: usize, end: usize) -> Option<usize> {
    let mut k = i;
    while k < end && k - i < MAX_RUN && is_noun_part(a, k) && (k == i || adjacent(a, k - 1)) {
        k += 1;
        // 「判決の内容を不服として」: nouns joined by の.
        if k + 1 < end
            && a.surface(k) == "の"
            && pos(a, k).is_particle()
            && is_noun_part(a, k + 1)
            && !pos(a, k + 1).is_suffix()
        {
            k += 1;
        }
    }
    if k == i || k + 1 >= end {
        return None;
    }
    // 「判決の内容をめぐって」: IPADIC reads をめぐって, を通じて as one particle.
    if pos(a, k).is_compound_case_particle() && a.surface(k).starts_with('を') {
        return Some(if pos(a, k + 1).is_comma() {
            k + 2
        } else {
            k + 1
        });
    }
    if k + 2 >= end || a.surface(k) != "を" || !pos(a, k).is_case_particle() {
        return None;
    }
    let m = k + 1;
    // 「不服として」 (IPADIC reads として as one particle), 「理由に」: a frame on the noun.
    let framed = (pos(a, m).is_noun() && a.surface(m + 1) == "として")
        || (lex.contains(LexiconId::FramesBeforeNi, a.surface(m))
            && a.surface(m + 1) == "に"
            && pos(a, m + 1).is_particle());
    let after = if framed {
        m + 2
    } else if pos(a, m).is_verb() && lex.contains(LexiconId::FunctionalAfterWo, a.base(m)) {
        let connective = a.features(m).conjugation.is_continuative();
        match a.surface(m + 1) {
            "て" => m + 2,
            _ if connective && pos(a, m + 1).is_comma() => m + 1,
            _ => return None,
        }
    } else {
        return None;
    };
    if after >= end {
        return None;
    }
    Some(if pos(a, after).is_comma() {
        after + 1
    } else {
        after
    })
}

fn adjunct(a: &Analysis<'_>, lex: &Lexicons, i: usize, end: usize) -> Option<(usize, bool)> {
    // 「導入を当面見送る」「当分行わない」: how long a stance holds (`stance-durations`), not
    // when anything takes place; it sets nothing.
    if lex.contains(LexiconId::StanceDurations, a.surface(i)) && pos(a, i).is_noun() {
        let mut next = i + 1;
        if next < end && pos(a, next).is_binding_particle() && a.surface(next) == "は" {
            next += 1;
        }
        return Some((next, false));
    }
    if let Some(next) = reason_clause(a, lex, i, end) {
        return Some((next, false));
    }
    // 「正式に」「新たに」「無事に」: a 形容動詞 stem with に is the manner of the predicate
    // (not a complement: 有効にする, 中止となる); it sets nothing.
    if pos(a, i).is_adjectival_noun()
        && i + 2 < end
        && a.surface(i + 1) == "に"
        && pos(a, i + 1).is_particle()
        && !(pos(a, i + 2).is_verb() && matches!(a.base(i + 2), "なる" | "する"))
    {
        return Some((i + 2, false));
    }
    // 「名前は「こむぎ」に決まった」「愛称は「みなと号」と決定した」: a name in brackets before
    // に or と is the value the predicate settles on, a setting like 「8月2日に」. Only a name
    // (no verb inside: 「中止する」と発表した quotes a statement, which is no value).
    if pos(a, i).is_opening_bracket() {
        let close = (i + 1..end.min(i + MAX_QUOTED_NAME))
            .find(|&t| pos(a, t).is_closing_bracket() || pos(a, t).is_opening_bracket())
            .filter(|&t| pos(a, t).is_closing_bracket() && t > i + 1)?;
        let named = (i + 1..close).all(|t| {
            let p = pos(a, t);
            !(p.is_verb() || p.is_auxiliary_verb() || p.is_adjective() || p.is_particle())
        });
        let value = close + 1 < end
            && matches!(a.surface(close + 1), "と" | "に")
            && pos(a, close + 1).is_particle();
        return (named && value).then_some((close + 2, true));
    }
    // A time, quantity or manner word ends a run without a particle (「予定通り|開催」「今年|
    // 実施」「3日|開催」).
    let closes = |t: usize| {
        let p = pos(a, t);
        p.is_adverbial()
            || p.is_counter()
            || (p.is_suffix() && a.surface(t) == "通り")
            // 「5%」「0.25%」: a percentage is an amount like 10円.
            || (a.surface(t) == "%" && t > 0 && pos(a, t - 1).is_number())
    };
    let mut k = i;
    while k < end && k - i < MAX_RUN && is_noun_part(a, k) && (k == i || adjacent(a, k - 1)) {
        k += 1;
        // 「1株あたり140円から」: the unit a rate is per goes on into the amount.
        if k < end
            && closes(k - 1)
            && !pos(a, k).is_particle()
            && !matches!(a.surface(k), "あたり" | "当たり")
        {
            break;
        }
        // 「前期と同額に」: nouns joined by と.
        if k + 1 < end
            && a.surface(k) == "と"
            && pos(a, k).is_particle()
            && !pos(a, k).is_quotative_particle()
            && is_noun_part(a, k + 1)
            && !pos(a, k + 1).is_suffix()
        {
            let mut m = k + 1;
            while m < end && is_noun_part(a, m) && adjacent(a, m - 1) {
                m += 1;
            }
            if m < end && pos(a, m).is_case_particle() && a.surface(m) != "を" {
                k = m;
                break;
            }
        }
    }
    if k == i || k >= end || pos(a, i).is_suffix() {
        return None;
    }
    let timed = (i..k).any(|t| pos(a, t).is_number() || pos(a, t).is_adverbial());
    // 「140円のまま据え置かれた」「前回予想の140円のまま」: the state kept, a manner of the
    // predicate; it sets nothing.
    if k + 1 < end && a.surface(k) == "の" {
        if a.surface(k + 1) == "まま" {
            return Some((k + 2, false));
        }
        // One more noun run may stand between (前回予想|の|140円|のまま).
        let mut m = k + 1;
        while m < end && m - k <= MAX_RUN && is_noun_part(a, m) && adjacent(a, m - 1) {
            m += 1;
        }
        if m > k + 1 && m + 1 < end && a.surface(m) == "の" && a.surface(m + 1) == "まま" {
            return Some((m + 2, false));
        }
    }
    // 「園内の投票で」「市内の会場から」: one noun run of the first's may stand between it and
    // the particle (not before に, which may be the predicate's argument).
    if k + 2 < end && a.surface(k) == "の" && pos(a, k).is_adnominalizer() {
        let mut m = k + 1;
        while m < end && m - k <= MAX_RUN && is_noun_part(a, m) && adjacent(a, m - 1) {
            m += 1;
        }
        if m > k + 1
            && m < end
            && pos(a, m).is_case_particle()
            && matches!(a.surface(m), "で" | "から" | "まで" | "へ" | "より")
        {
            k = m;
        }
    }
    let p = pos(a, k);
    // 「中止となった」「有効にする」: a complement of なる or する, not an adjunct.
    if p.is_particle()
        && k + 1 < end
        && pos(a, k + 1).is_verb()
        && matches!(a.base(k + 1), "なる" | "する")
    {
        return None;
    }
    // 「店舗は対象外で、」「予約は不要で、」: a predicate noun with the continuative copula
    // ends a clause of its own; it sets nothing for a later predicate.
    let predicate_noun = |t: usize| lex.contains(LexiconId::PredicateNouns, a.surface(t));
    if continuative_copula(a, k)
        && (predicate_noun(k - 1)
            || (a.surface(k - 1) == "外" && k - 1 > i && predicate_noun(k - 2)))
    {
        return None;
    }
    // 「不要とのことでした」: the hearsay after a noun predicate, not a と-phrase.
    if hearsay_end(a, k, end) {
        return None;
    }
    let mut next = if p.is_case_particle() && !p.is_quotative_particle() {
        match a.surface(k) {
            "で" | "から" | "まで" | "へ" | "より" | "にかけて" | "にわたって" | "にわたり"
            | "と" => k + 1,
            "に" if timed || !lex.contains(LexiconId::FramesBeforeNi, a.surface(k - 1)) => k + 1,
            _ => return None,
        }
    } else if closes(k - 1) {
        // 「一度も中断されることなく」「3回も延期した」: a count with も stresses how often
        // (not even once, as many as); it sets nothing.
        if pos(a, k - 1).is_counter()
            && k < end
            && a.surface(k) == "も"
            && pos(a, k).is_binding_particle()
        {
            return Some((k + 1, false));
        }
        // 「今年」「10円」「予定通り」 without a particle, before the predicate.
        if !timed {
            let mut next = k;
            if next < end
                && pos(a, next).is_binding_particle()
                && matches!(a.surface(next), "は" | "も")
            {
                next += 1;
            }
            return Some((next, false));
        }
        k
    } else {
        return None;
    };
    if next < end && pos(a, next).is_binding_particle() && matches!(a.surface(next), "は" | "も")
    {
        next += 1;
    }
    (next > k || !pos(a, next.min(end - 1)).is_particle()).then_some((next, true))
}

/// The label of a finding's related span, the earlier statement: 「ここでは否定」 when it is
/// negative, else 「ここでは肯定」. One wording for every pass of the kind.
fn earlier_label(negative: bool) -> String {
    let labels = Labels::get();
    let label = if negative {
        &labels.polarity_negated
    } else {
        &labels.polarity_affirmed
    };
    label.fill(&[])
}

/// The only character of `s`, if it has one.
/// A predicate in dictionary form as (stem, サ変): 決定する → (決定, true), 認める →
/// (認める, false).
fn predicate_stem(word: &str) -> (String, bool) {
    match word.strip_suffix("する").filter(|n| !n.is_empty()) {
        Some(noun) => (noun.to_string(), true),
        None => (word.to_string(), false),
    }
}

fn single_char(s: &str) -> Option<char> {
    let mut chars = s.chars();
    let c = chars.next()?;
    chars.next().is_none().then_some(c)
}

fn pos(a: &Analysis<'_>, i: usize) -> Pos {
    a.features(i).pos
}

/// The particle's role, for を/が/に (case particles) and は (topic).
fn role_of(a: &Analysis<'_>, i: usize) -> Option<Role> {
    let p = pos(a, i);
    match a.surface(i) {
        "を" if p.is_plain_case_particle() => Some(Role::Wo),
        "が" if p.is_plain_case_particle() => Some(Role::Ga),
        "に" if p.is_plain_case_particle() => Some(Role::Ni),
        "は" if p.is_binding_particle() => Some(Role::Ga),
        // 「オンライン申請も受け付ける」: も stands for が or を, like は.
        "も" if p.is_binding_particle() => Some(Role::Ga),
        // 「■防水性能：非対応」: a row's label is the topic of its value.
        ":" => is_row_label(a, i).then_some(Role::Ga),
        _ => None,
    }
}

/// True for the colon after a row's label (「ワイヤレス充電：対応」), not one inside a
/// number or a Latin name (10:30).
fn is_row_label(a: &Analysis<'_>, i: usize) -> bool {
    a.surface(i) == ":"
        && pos(a, i).is_symbol()
        && !(i >= 1 && i + 1 < a.tokens.len() && latin(a, i - 1) && latin(a, i + 1))
}

/// A token that can be part of a noun phrase: nouns (also numbers and suffixes, 二 + 国 + 間),
/// noun prefixes (前 + 大統領) and the symbols inside numbers (1.5, 128,904, 1%); not pronouns
/// or 非自立 nouns (こと, ため).
fn is_noun_part(a: &Analysis<'_>, i: usize) -> bool {
    let p = pos(a, i);
    if p.is_symbol() {
        let digit = |k: usize| k < a.tokens.len() && pos(a, k).is_number();
        return match a.surface(i) {
            "%" => i > 0 && digit(i - 1),
            "." | "," => i > 0 && digit(i - 1) && digit(i + 1),
            // 「PX-7」: a hyphen inside a model name.
            "-" => {
                i > 0 && i + 1 < a.tokens.len() && latin(a, i - 1) && latin(a, i + 1) && {
                    adjacent(a, i - 1) && adjacent(a, i)
                }
            }
            _ => false,
        };
    }
    (p.is_noun()
        && !p.is_dependent_noun()
        && !p.is_pronoun()
        && !p.is_conjunctive_noun()
        && !p.is_special_noun())
        || p.is_prefix()
}

/// True when tokens `i` and `i + 1` touch (no space between them: 「初当選　現職」 is two phrases),
/// or are two Latin words of one name with a space between (「Pulsar Fit 3」, 「iPhone 15」).
/// Whether token `i` is a prefix written onto a サ変 noun before `end` (再|着火, 再|点検):
/// the action is the noun's.
fn prefixed_action(a: &Analysis<'_>, i: usize, end: usize) -> bool {
    pos(a, i).is_prefix()
        && i + 1 < end
        && pos(a, i + 1).is_sahen_noun()
        && a.tokens[i].span.end == a.tokens[i + 1].span.start
}

fn adjacent(a: &Analysis<'_>, i: usize) -> bool {
    let (x, y) = (a.tokens[i].span, a.tokens[i + 1].span);
    x.end == y.start
        || (y.start == x.end + 1
            && &a.text[x.end..y.start] == " "
            && latin(a, i)
            && latin(a, i + 1)
            && [i, i + 1]
                .iter()
                .any(|&k| a.surface(k).bytes().any(|b| b.is_ascii_alphabetic())))
}

/// True when `name` is a model name ending in a number (NoteSlate 10, PX-7) and `text` names
/// another model of its series (NoteSlate 11, PX-9).
fn has_sibling_model(text: &str, name: &str) -> bool {
    let series = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = &name[series.len()..];
    if number.is_empty()
        || !series
            .trim_end_matches([' ', '-'])
            .bytes()
            .any(|b| b.is_ascii_alphabetic())
    {
        return false;
    }
    text.match_indices(series).any(|(at, _)| {
        let rest = &text[at + series.len()..];
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        digits > 0 && &rest[..digits] != number
    })
}

/// True when `headline` names the model `name` itself, not another of its series (Fit 3 is
/// not named by 「Fit 30」).
fn names_model(headline: &str, name: &str) -> bool {
    headline
        .match_indices(name)
        .any(|(at, _)| !headline[at + name.len()..].starts_with(|c: char| c.is_ascii_digit()))
}

/// The model name a number token ends (「NoteSlate 10」, 「PX-7」): the number after a Latin word,
/// touching it or after a space or a hyphen.
fn model_name<'t>(a: &Analysis<'t>, i: usize) -> Option<&'t str> {
    if i == 0 || !a.surface(i).bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut start = i - 1;
    if a.surface(start) == "-" && start > 0 && is_noun_part(a, start) {
        start -= 1;
    } else if !adjacent(a, start) {
        return None;
    }
    (latin(a, start) && a.surface(start).bytes().any(|b| b.is_ascii_alphabetic()))
        .then(|| &a.text[a.tokens[start].span.start..a.tokens[i].span.end])
}

/// True for a token of ASCII letters and digits (a word of a Latin name or a model number).
fn latin(a: &Analysis<'_>, i: usize) -> bool {
    let s = a.surface(i);
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_opaque(a: &Analysis<'_>, i: usize) -> bool {
    let p = pos(a, i);
    p.is_dependent_noun() || p.is_pronoun()
}

/// The first token of the noun run ending before `end`, not before `floor`.
fn run_start(a: &Analysis<'_>, end: usize, floor: usize) -> usize {
    let mut k = end;
    while k > floor
        && end - k < MAX_RUN
        && is_noun_part(a, k - 1)
        && (k == end || adjacent(a, k - 1))
    {
        k -= 1;
    }
    k
}

/// Extends an object's noun run with `Xの` / `Xとの` modifiers; `None` when something the
/// claim cannot capture modifies it (新しい計画, その協力, 重視する姿勢を): comparing bare
/// heads of differently modified phrases would report different things as one.
fn object_start(a: &Analysis<'_>, run: usize, floor: usize) -> Option<usize> {
    let mut start = run;
    for _ in 0..MAX_MODIFIERS {
        if start <= floor || !(a.surface(start - 1) == "の" && pos(a, start - 1).is_adnominalizer())
        {
            break;
        }
        let mut end = start - 1;
        if end > floor
            && pos(a, end - 1).is_case_particle()
            && matches!(a.surface(end - 1), "と" | "で" | "へ" | "から" | "まで")
        {
            end -= 1;
        }
        // 「みなと花火大会」の中止: a name in brackets is a noun of the phrase.
        if let Some(open) = bracketed_name_start(a, end, floor) {
            start = open;
            continue;
        }
        if end <= floor || !is_noun_part(a, end - 1) || pos(a, end - 1).is_prefix() {
            return None;
        }
        start = run_start(a, end, floor);
    }
    // A suffix needs what it attaches to (「(67)ら2人」), which the run did not reach.
    if pos(a, start).is_suffix() {
        return None;
    }
    if start == floor {
        return Some(start);
    }
    let p = pos(a, start - 1);
    // 「14日夜に予定していた「みなと花火大会」の中止」: a name in brackets says which thing it
    // is by itself, so a clause before it describes the thing and does not restrict it.
    if described_name(a, start) {
        return Some(start);
    }
    // 「A. 年間配当は」: a joining symbol with a space after it bounds the phrase too; so
    // does the colon after a row's label (「防水性能：防水に対応」), which joins only
    // numbers and Latin words (10:30).
    let label = is_row_label(a, start - 1);
    let bounded = (p.is_symbol()
        && (!matches!(
            a.surface(start - 1),
            "." | "," | "-" | "/" | ":" | "・" | "&" | "+" | "~"
        ) || !adjacent(a, start - 1)
            || label))
        || p.is_conjunction()
        || p.is_adverb()
        || (p.is_particle() && !p.is_adnominalizer())
        // 「リンを抑えた腎臓ケア用の療法食に切り替えた」: a clause before a modified object
        // (one with の-modifiers) describes it; the object is the phrase after the clause.
        || (start < run && (p.is_verb() || p.is_auxiliary_verb() || p.is_adjective()));
    bounded.then_some(start)
}

/// Whether token `start` opens a name in 「」 or 『』 right after a clause that describes it
/// (a verb, an auxiliary or an adjective in its attributive form).
fn described_name(a: &Analysis<'_>, start: usize) -> bool {
    start > 0 && matches!(a.surface(start), "「" | "『") && {
        let p = pos(a, start - 1);
        p.is_verb() || p.is_auxiliary_verb() || p.is_adjective()
    }
}

/// The opening bracket of a name in 「」 or 『』 that ends right before token `end` (a name
/// of a few words: 「みなと花火大会」), within the scope from `floor`.
fn bracketed_name_start(a: &Analysis<'_>, end: usize, floor: usize) -> Option<usize> {
    let close = end.checked_sub(1).filter(|&c| c > floor)?;
    let opening = match a.surface(close) {
        "」" => "「",
        "』" => "『",
        _ => return None,
    };
    (close.saturating_sub(MAX_RUN).max(floor)..close)
        .rev()
        .take_while(|&k| a.surface(k) != "」" && a.surface(k) != "』")
        .find(|&k| a.surface(k) == opening)
        .filter(|&k| k + 1 < close)
}

/// Whether two claims with one head name the same object: the modifiers of the one with
/// fewer are all among the other's (提出 or 今国会への提出, against 今国会への関連法案の提出).
fn same_object(a: &Claim<'_>, b: &Claim<'_>) -> bool {
    let (short, long) = if a.key.object.len() <= b.key.object.len() {
        (a, b)
    } else {
        (b, a)
    };
    let modifiers = &short.key.object[..short.key.object.len() - short.head.len()];
    let long_modifiers = &long.key.object[..long.key.object.len() - long.head.len()];
    modifiers
        .split_terminator('の')
        .all(|m| long_modifiers.contains(m))
}

/// Whether two objects with one last noun name the same thing: one is 同 + the end of the
/// other (同条例案 refers back to 県条例案), or one is the other written apart with の or での
/// (オンラインでの申請 / オンライン申請). A bare last noun is not enough: 配当 may be the
/// 期末配当 of an article that also tells the 中間配当.
fn same_compound(a: &Claim<'_>, b: &Claim<'_>) -> bool {
    let refers = |x: &str, y: &str| {
        x.strip_prefix('同')
            .is_some_and(|rest| !rest.is_empty() && y.len() > rest.len() && y.ends_with(rest))
    };
    // 「オンラインでの申請」 / 「オンライン申請」, 「有料の観覧席」 / 「有料観覧席」: one compound,
    // written apart with の once; with more modifiers before a の on one side, still the same
    // object (専用サイトからのオンライン申請 / オンラインでの申請), as [`same_object`] has it
    // for one head. Not a compound of more nouns (中間配当 / 配当 may be two things).
    let squash = |x: &str| x.replace("での", "").replace('の', "");
    let last_phrase = |x: &'_ str| -> String { squash(x.rsplit('の').next().unwrap_or(x)) };
    let apart =
        |x: &str, y: &str| x != y && (squash(x) == squash(y) || last_phrase(x) == squash(y));
    refers(a.key.object, b.key.object)
        || refers(b.key.object, a.key.object)
        || apart(a.key.object, b.key.object)
        || apart(b.key.object, a.key.object)
}

/// The frame text between `from` and the object at `start`, without leading adverbs,
/// conjunctions and symbols; `None` when nothing is left.
fn frame<'t>(a: &Analysis<'t>, from: usize, start: usize) -> Option<&'t str> {
    // The clause before a name in brackets describes the name, not when or where the claim
    // holds (「14日に予定していた「みなと花火大会」の中止を決めた」).
    if described_name(a, start) {
        return None;
    }
    // 「A. 名前はまだ決まっておらず」: the letter that marks a question or an answer (Q., A:,
    // Q2.) at the start is a label of the line, not a frame.
    let from = if from < start && line_label(a.surface(from)) {
        let mut k = from + 1;
        if k < start && pos(a, k).is_number() {
            k += 1;
        }
        if k < start && pos(a, k).is_symbol() {
            k + 1
        } else {
            from
        }
    } else {
        from
    };
    let first = (from..start).find(|&k| {
        let p = pos(a, k);
        !(p.is_adverb() || p.is_conjunction() || p.is_symbol())
    })?;
    let span = Span::new(a.tokens[first].span.start, a.tokens[start - 1].span.end);
    Some(&a.text[span.range()])
}

/// Whether a word is the label of a question or an answer line: Q, A, Q2, A12.
fn line_label(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('Q' | 'A')) && chars.all(|c| c.is_ascii_digit())
}

/// すれば, なければ, たら, なら: a conditional form; also 重視せよ / 重視しろ (an imperative
/// asks for something, it does not state it).
fn conditional_or_imperative(a: &Analysis<'_>, i: usize) -> bool {
    let form = a.features(i).conjugation;
    form.is_conditional() || form.is_imperative()
}

#[cfg(test)]
mod tests {
    use crate::rules::kinds::RuleKind as _;
    use std::path::Path;

    use super::{Claim, CompileContext, Context, PLACEHOLDERS, Polarity, Spec};
    use crate::document::{Document, Format};
    use crate::engine::run_rule;
    use crate::finding::{Finding, Severity};
    use crate::lang::ja::{Analysis, Lexicons, Morphology};
    use crate::rules::Rule;
    use crate::rules::message::Message;
    use crate::rules::spec::RuleSource;
    use crate::rules::testing::{assert_hits, hits, rule_errors_from_yaml, rule_from_yaml};

    const RULE: &str =
        "kind: polarity\nmessage: \"{subject}|{object}|{predicate}|{match}|{other}\"\n";

    fn rule() -> Rule {
        rule_from_yaml(RULE)
    }

    fn rule_with(options: &str) -> Rule {
        rule_from_yaml(&format!("{RULE}{options}"))
    }

    /// (primary text, related text, related label) of each finding.
    fn pairs<'t>(found: &[Finding], text: &'t str) -> Vec<(&'t str, &'t str, String)> {
        found
            .iter()
            .map(|f| {
                assert_eq!(f.related.len(), 1, "{f:?}");
                let r = &f.related[0];
                (
                    &text[f.span.range()],
                    &text[r.span.range()],
                    r.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn a_cleft_introduces_a_statement_and_a_focus_is_about_its_clause() {
        // 一番気になったのは、…: a cleft is no subject; what it introduces is compared.
        let text = "防水は対応しています。音は良い。一番気になったのは、防水には非対応なので、雨の日に困ることです。";
        assert_eq!(
            pairs(&hits(&rule(), text), text),
            vec![(
                "防水には非対応な",
                "防水は対応しています",
                "ここでは肯定".into()
            )]
        );
        // 対応しているのは、AとBで、Cは対応していません: a focus on the clause (マルチポイント),
        // not a statement of C's own to compare with C of another feature.
        let text = "なお、マルチポイントに対応しているのは、Aria 2とBeat T5の2機種で、Coda Fitは対応していません。\n\nA. いいえ。Aria 2とCoda Fitは対応していますが、Beat T5は非対応です。";
        assert_hits(&rule(), text, &[]);
    }

    #[test]
    fn affirmed_then_negated_is_reported_at_the_later_claim() {
        let text = "トランプ氏は二国間協力を重視している。トランプ氏は二国間協力を重視しない。";
        let found = hits(&rule(), text);
        assert_eq!(
            pairs(&found, text),
            vec![(
                "二国間協力を重視しない",
                "二国間協力を重視している",
                "ここでは肯定".into()
            )]
        );
        assert_eq!(
            found[0].message,
            "トランプ|二国間協力|重視する|二国間協力を重視しない|二国間協力を重視している"
        );
    }

    #[test]
    fn a_passive_states_the_active_claim_about_its_subject() {
        // 提出は決定されていない = 提出を決定していない.
        let text = "政府は法案の提出を決定した。\n法案の提出は決定されていない。";
        let found = hits(&rule(), text);
        assert_eq!(
            pairs(&found, text),
            vec![(
                "法案の提出は決定されていない",
                "法案の提出を決定した",
                "ここでは肯定".into()
            )]
        );
        // A compound action is its head, and opposites apply: 見送った / 閣議決定された.
        let text = "政府は法案の提出を見送った。\n法案の提出は閣議決定された。";
        assert_eq!(
            pairs(&hits(&builtin(), text), text),
            vec![(
                "法案の提出は閣議決定された",
                "法案の提出を見送った",
                "ここでは否定".into()
            )]
        );
        // The same polarity, or another object, is no contradiction.
        assert_hits(
            &rule(),
            "専門家は入浴を推奨している。\n入浴は推奨されている。",
            &[],
        );
        assert_hits(
            &rule(),
            "政府は増税を決定した。\n減税は決定されていない。",
            &[],
        );
    }

    #[test]
    fn an_intransitive_verb_states_its_transitive_claim() {
        let r = rule_with("intransitives: [[決まる, 決める]]\n");
        let text = "政府は新料金を決めた。\n新料金は決まっていない。";
        assert_eq!(
            pairs(&hits(&r, text), text),
            vec![(
                "新料金は決まっていない",
                "新料金を決めた",
                "ここでは肯定".into()
            )]
        );
        // Negative first, the intransitive one read second (pre-selection finds it too).
        let text = "政府は新料金を決めていない。\n新料金は決まった。";
        assert_eq!(hits(&r, text).len(), 1);
        // Without the pair, or with the same polarity, nothing.
        assert_hits(
            &rule(),
            "政府は新料金を決めた。\n新料金は決まっていない。",
            &[],
        );
        assert_hits(&r, "政府は新料金を決めた。\n新料金は決まった。", &[]);
    }

    #[test]
    fn who_speaks_for_an_organisation_says_what_it_says() {
        assert_hits(
            &rule(),
            "地震\n東浜町は避難指示を解除した。\n東浜町の担当者は、避難指示を解除していないと説明した。",
            &["避難指示を解除していない"],
        );
        // Another organisation's spokesperson is another subject.
        assert_hits(
            &rule(),
            "地震\n東浜町は避難指示を解除した。\n西浜町の担当者は、避難指示を解除していないと説明した。",
            &[],
        );
    }

    #[test]
    fn reaching_an_outcome_is_having_it() {
        // 「妥結に至った」 = 妥結した, 「妥結には至っていない」 = 妥結していない.
        assert_hits(
            &rule(),
            "春闘\n同社の労使は妥結した。\n同社の労使は妥結には至っていない。",
            &["同社の労使は妥結には至っていない"],
        );
        assert_hits(
            &rule(),
            "春闘\n同社の労使は妥結に至った。\n同社の労使は妥結していない。",
            &["同社の労使は妥結していない"],
        );
    }

    #[test]
    fn a_compound_written_apart_and_mo_for_wo_are_the_same_claim() {
        // オンライン申請 / オンラインでの申請, 有料観覧席 / 有料の観覧席: one compound.
        assert_hits(
            &rule(),
            "給付金\n市はオンライン申請を受け付ける。\n市はオンラインでの申請を受け付けていません。",
            &["オンラインでの申請を受け付けていません"],
        );
        assert_hits(
            &rule(),
            "花火大会\n市は有料の観覧席を設けない。\n市は有料観覧席を設ける。",
            &["有料観覧席を設ける"],
        );
        // With more modifiers on one side, still the same object; a number written onto the
        // front (②一時金, an option of a list) is no modifier.
        assert_hits(
            &rule(),
            "給付金\n確認書は専用サイトからのオンライン申請を受け付ける。\n確認書は、オンラインでの申請は受け付けていません。",
            &["オンラインでの申請は受け付けていません"],
        );
        assert_hits(
            &rule(),
            "修繕\n理事会は②一時金を集める。\n理事会は一時金は集めず、融資で対応する。",
            &[],
        );
        // Two different compounds of one last noun stay apart.
        assert_hits(
            &rule(),
            "給付金\n市は郵送申請を受け付ける。\n市はオンラインでの申請を受け付けていません。",
            &[],
        );
        // 「…申請も受け付ける」: も stands for を.
        assert_hits(
            &rule(),
            "給付金\n市はオンライン申請も受け付ける。\n市はオンライン申請は受け付けていません。",
            &["オンライン申請は受け付けていません"],
        );
    }

    #[test]
    fn an_object_written_with_fewer_modifiers_is_the_same_object() {
        let text = "政府は今国会への関連法案の提出を見送った。\n今国会への提出は閣議決定された。";
        assert_eq!(
            pairs(&hits(&builtin(), text), text),
            vec![(
                "今国会への提出は閣議決定された",
                "今国会への関連法案の提出を見送った",
                "ここでは否定".into()
            )]
        );
        let text = "政府は日米の協力を重視している。\n政府は協力を重視しない。";
        assert_eq!(hits(&rule(), text).len(), 1);
        // Modifiers the other object lacks name another thing.
        assert_hits(
            &rule(),
            "政府は日米の協力を重視している。\n政府は多国間の協力を重視しない。",
            &[],
        );
    }

    #[test]
    fn any_noun_after_the_prefix_do_is_anaphoric() {
        let text = "政府は法案の提出を見送った。\n同法案は提出が閣議決定された。";
        assert_eq!(hits(&builtin(), text).len(), 1);
        // A named subject is still another subject.
        let text = "政府は法案の提出を見送った。\n野党は法案の提出を決定した。";
        assert_hits(&builtin(), text, &[]);
    }

    #[test]
    fn negated_then_affirmed_is_reported_too() {
        let text = "政府は輸出規制を緩和しなかった。その後、政府は輸出規制を緩和した。";
        let found = hits(&rule(), text);
        assert_eq!(
            pairs(&found, text),
            vec![(
                "輸出規制を緩和した",
                "輸出規制を緩和しなかった",
                "ここでは否定".into()
            )]
        );
        assert_eq!(found[0].message.split('|').nth(2), Some("緩和する"));
    }

    #[test]
    fn every_form_of_negation_counts() {
        for (negated, rest) in [
            ("決定しなかった", "。"),
            ("決定していない", "。"),
            ("決定しません", "。"),
            ("決定せず", "、批判を受けた。"),
        ] {
            let text = format!("政府は増税を決定し、予算を組んだ。政府は増税を{negated}{rest}");
            assert_hits(&rule(), &text, &[&format!("増税を{negated}")]);
        }
        let text = "市は方針が変わった。市は方針が変わらなかった。";
        assert_hits(&rule(), text, &["方針が変わらなかった"]);
    }

    #[test]
    fn the_object_is_the_phrase_governed_by_the_predicate() {
        // 「AよりもBを重視」: the object is B, so A is never compared.
        let base = "同社は多国間協力よりも二国間協力を重視した。";
        assert_hits(
            &rule(),
            &format!("{base}同社は多国間協力を重視しなかった。"),
            &[],
        );
        assert_hits(
            &rule(),
            &format!("{base}同社は二国間協力を重視しなかった。"),
            &["二国間協力を重視しなかった"],
        );
        // Number and suffix nouns are part of the phrase (二 + 国 + 間, 1 . 5 + 倍).
        assert_hits(
            &rule(),
            "売上は1.5倍に増えた。売上は2.5倍に増えなかった。",
            &[],
        );
    }

    #[test]
    fn same_polarity_twice_is_consistent() {
        let text = "防衛省幹部は日米の二国間関係は変わらないと見る。日米の二国間関係は変わらない。日米の二国間関係は変わらない。";
        assert_hits(&rule(), text, &[]);
        assert_hits(&rule(), "同社は輸出を重視した。同社は輸出を重視した。", &[]);
    }

    #[test]
    fn a_clause_named_as_an_argument_is_not_stated() {
        // 変わることに不安: a worry about a change, not the statement that it changes.
        for named in [
            "返済額が変わることに不安を感じる人もいる。",
            "返済額が変わるのが怖いという声もある。",
            "返済額が変わることは珍しくない。",
        ] {
            let text = format!("住宅ローン\n{named}\n完済まで返済額が変わらないので安心だ。");
            assert_hits(&rule(), &text, &[]);
        }
        // 変わることになった states it.
        assert_hits(
            &rule(),
            "住宅ローン\n返済額が変わることになった。\n完済まで返済額が変わらない。",
            &["返済額が変わらない"],
        );
    }

    #[test]
    fn double_negatives_are_not_negations() {
        let base = "政府は増税を決定し、予算を組んだ。";
        assert_hits(
            &rule(),
            &format!("{base}政府は増税を決定しない。"),
            &["増税を決定しない"],
        );
        for hedged in [
            "政府は増税を決定しないわけではない。",
            "政府は増税を決定しなくはない。",
            "政府は増税を決定しないとは言えない。",
            "政府は増税を決定せざるを得ない。",
        ] {
            assert_hits(&rule(), &format!("{base}{hedged}"), &[]);
        }
    }

    #[test]
    fn questions_conditionals_hedges_and_quotes_are_not_claims() {
        let base = "政府は増税を決定し、予算を組んだ。";
        assert_hits(
            &rule(),
            &format!("{base}政府は増税を決定しない。"),
            &["増税を決定しない"],
        );
        for other in [
            "政府は増税を決定しないのか。",
            "政府は増税を決定しないのですか?",
            "政府が増税を決定しなければ、財政は悪化する。",
            "政府が増税を決定しないと、財政は悪化する。",
            "政府が増税を決定しなくても、財政は改善する。",
            "政府は増税を決定しないかもしれない。",
            "政府は増税を決定しないだろう。",
            "政府は増税を決定しない可能性がある。",
            "政府が増税を決定しないかどうかが焦点だ。",
            "首相は「政府は増税を決定しない」と述べた。",
            "政府は増税を決定しないとの見方がある。",
            "政府は増税を決定しなくなった。",
            "政府は増税を決定しないまま予算を組み直した。",
            "政府は増税を必ずしも決定しない。",
            "政府は増税を決定するな。",
        ] {
            assert_hits(&rule(), &format!("{base}{other}"), &[]);
        }
        // A hypothetical affirmation does not clash with a negation either.
        assert_hits(
            &rule(),
            "政府が増税を決定すれば、財政は改善する。政府は増税を決定しない。",
            &[],
        );
        for intended in ["決定したい", "決定せよ"] {
            let text = format!("政府は増税を{intended}。政府は増税を決定しない。");
            assert_hits(&rule(), &text, &[]);
        }
    }

    #[test]
    fn subjects_are_compared_by_name() {
        let found =
            "トランプ前大統領は二国間協力を重視した。トランプ氏は二国間協力を重視しなかった。";
        assert_hits(&rule(), found, &["二国間協力を重視しなかった"]);
        assert_eq!(
            hits(&rule(), found)[0].message.split('|').next(),
            Some("トランプ")
        );
        let text = "石破茂首相は解散を決断した。石破首相は解散を決断しなかった。";
        assert_hits(&rule(), text, &["解散を決断しなかった"]);
        // One side without a subject is compatible.
        let text = "トランプ氏は二国間協力を重視した。二国間協力を重視しなかった。";
        assert_hits(&rule(), text, &["二国間協力を重視しなかった"]);
        // Different people may disagree.
        let text = "トランプ氏は二国間協力を重視した。バイデン氏は二国間協力を重視しなかった。";
        assert_hits(&rule(), text, &[]);
        // A relative clause is about its head noun, unless the head names a stance.
        let text = "A社は値上げを発表した。一方、値上げを発表していない企業も多い。";
        assert_hits(&rule(), text, &[]);
        let text =
            "トランプ氏は二国間協力を重視した。トランプ氏は二国間協力を重視しない国を批判した。";
        assert_hits(&rule(), text, &[]);
        let text = "トランプ氏は二国間協力を重視している。トランプ氏は二国間協力を重視しない姿勢を示した。";
        assert_hits(&rule(), text, &["二国間協力を重視しない"]);
    }

    #[test]
    fn anaphoric_subjects_stand_for_any_name() {
        assert_hits(
            &rule(),
            "新製品\n北辰化学は新型電池を発売した。\n同社は新型電池を発売していない。",
            &["新型電池を発売していない"],
        );
        assert_hits(
            &rule(),
            "新製品\n北辰化学は新型電池を発売した。\n南星工業は新型電池を発売していない。",
            &[],
        );
    }

    #[test]
    fn partial_and_time_subjects_are_not_the_whole() {
        let text = "野党は補正予算案に反対した。与党の一部は補正予算案に反対しなかった。";
        assert_hits(&rule(), text, &[]);
        let text = "企業は賃上げを実施した。一部の企業は賃上げを実施しなかった。";
        assert_hits(&rule(), text, &[]);
        let text = "同社は黒字を確保した。今回は黒字を確保しなかった。";
        assert_hits(&rule(), text, &[]);
    }

    #[test]
    fn claims_framed_differently_are_not_compared() {
        let text = "同社は2025年に黒字を確保した。同社は2026年に黒字を確保しなかった。";
        assert_hits(&rule(), text, &[]);
        let text = "同社は2025年に黒字を確保した。同社は2025年に黒字を確保しなかった。";
        assert_hits(&rule(), text, &["黒字を確保しなかった"]);
        // A frame on one side only is compatible.
        let text = "同社は2025年に黒字を確保した。同社は黒字を確保しなかった。";
        assert_hits(&rule(), text, &["黒字を確保しなかった"]);
    }

    #[test]
    fn an_aspect_noun_on_the_object_belongs_to_the_predicate() {
        // 一時運転を見合わせた says 運転を見合わせた, which 運転を見合わせず denies.
        assert_hits(
            &rule(),
            "新幹線は一時運転を見合わせた。新幹線は運転を見合わせず、影響はなかった。",
            &["運転を見合わせず"],
        );
        // 一部 is no aspect: a part of the service is another object than the whole.
        assert_hits(
            &rule(),
            "新幹線は一部運転を見合わせた。新幹線は運転を見合わせず、影響はなかった。",
            &[],
        );
    }

    #[test]
    fn differently_modified_objects_are_not_compared() {
        assert_hits(
            &rule(),
            "政府は新しい計画を支持した。政府は古い計画を支持しなかった。",
            &[],
        );
        assert_hits(
            &rule(),
            "日米の二国間関係は変わる。米中の二国間関係は変わらない。",
            &[],
        );
        assert_hits(
            &rule(),
            "日米の二国間関係は変わる。日米の二国間関係は変わらない。",
            &["日米の二国間関係は変わらない"],
        );
    }

    #[test]
    fn a_change_over_time_is_not_a_contradiction() {
        let text = "同社はかつて輸出を重視しなかった。同社は現在、輸出を重視している。";
        assert_hits(&rule(), text, &[]);
    }

    #[test]
    fn a_past_affirmative_and_a_present_negative_contradict_unless_a_change_is_narrated() {
        let done = "県は新庁舎の建設を決定した。";
        let open = "県は新庁舎の建設を決定していない。";
        for (text, later) in [
            (
                format!("新庁舎\n{done}\n{open}"),
                "新庁舎の建設を決定していない",
            ),
            (format!("新庁舎\n{open}\n{done}"), "新庁舎の建設を決定した"),
        ] {
            assert_hits(&rule(), &text, &[later]);
        }
        assert_hits(
            &rule(),
            &format!("新庁舎\n{open}\nその後、県は新庁舎の建設を決定した。"),
            &[],
        );
        assert_hits(
            &rule(),
            &format!("新庁舎\n県は当初、新庁舎の建設を決定していない。\n{done}"),
            &[],
        );
    }

    #[test]
    fn not_yet_contradicts_what_was_done_but_not_what_will_be() {
        let done = "町は入湯税の引き上げを決めた。";
        let not_yet = "町は入湯税の引き上げをまだ決めていない。";
        for (text, later) in [
            (
                format!("入湯税\n{done}\n{not_yet}"),
                "入湯税の引き上げをまだ決めていない",
            ),
            (
                format!("入湯税\n{not_yet}\n{done}"),
                "入湯税の引き上げを決めた",
            ),
        ] {
            assert_hits(&rule(), &text, &[later]);
        }
        // What will be, or a change narrated, is not a contradiction.
        for text in [
            "手続き\n申請はまだ完了していません。\nボタンを押すと申請は完了します。\n申請は完了する。",
            "入湯税\n町は入湯税の引き上げをまだ決めていない。\nその後、町は入湯税の引き上げを決めた。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn a_state_after_a_change_then_its_opposite_is_a_contradiction() {
        // The new state first, then its opposite: reported (「今回から」 does not excuse it).
        assert_hits(
            &rule(),
            "新製品\nX5は今回からeSIMにも対応しました。\nX5はeSIMには対応していません。",
            &["eSIMには対応していません"],
        );
        // The earlier state first, then the new one: a story.
        assert_hits(
            &rule(),
            "新製品\nX5はeSIMに対応していません。\nX5は今回からeSIMにも対応しました。",
            &[],
        );
        // The earlier state told as such, wherever it stands.
        assert_hits(
            &rule(),
            "新製品\nX5はeSIMに対応しました。\nX5は従来、eSIMに対応していません。",
            &[],
        );
    }

    #[test]
    fn a_reason_states_a_fact_and_a_purpose_does_not() {
        let text =
            "新製品\nX5はeSIMにも対応しました。\nX5はeSIMには非対応のため、物理SIMが前提です。";
        assert_hits(&rule(), text, &["eSIMには非対応"]);
        let text =
            "新製品\nX5はeSIMに対応しました。\nX5はeSIMに対応していないため、物理SIMが前提です。";
        assert_hits(&rule(), text, &["eSIMに対応していない"]);
        // A state that holds (「使用しているため」) is a reason too.
        let text = "菓子\n保存料は使用していません。\n保存料を使用しているため日持ちがよい。";
        assert_hits(&rule(), text, &["保存料を使用している"]);
        // 「対応するため」 is a purpose, 「対応しないために」 too: no claim.
        let text = "新製品\nX5はeSIMに対応しません。\nX5はeSIMに対応するため、部品を変えた。";
        assert_hits(&rule(), text, &[]);
        let text = "新製品\nX5はeSIMに対応しました。\nX5はeSIMに対応しないために、部品を変えた。";
        assert_hits(&rule(), text, &[]);
    }

    #[test]
    fn opposites_and_negating_prefixes_are_negations() {
        let opposed = rule_with("opposites: [[否定する, 認める], [見送る, 決定する]]\n");
        assert_hits(
            &opposed,
            "関与の有無\n同国政府は攻撃への関与を認めた。\n同国政府は声明で攻撃への関与を否定した。",
            &["攻撃への関与を否定した"],
        );
        // A negated negating predicate affirms: 見送らなかった is 決定した.
        assert_hits(
            &opposed,
            "利上げ\n日銀は追加利上げを見送った。\n日銀は追加利上げを見送らなかった。",
            &["追加利上げを見送らなかった"],
        );
        // Without the pair, two different predicates.
        assert_hits(
            &rule(),
            "関与の有無\n同国政府は攻撃への関与を認めた。\n同国政府は声明で攻撃への関与を否定した。",
            &[],
        );
        // 非対応 negates 対応, and a binding particle may follow the case particle.
        assert_hits(
            &rule(),
            "新型スマホ\nX5はeSIMにも対応しました。\n注意点として、X5はeSIMには非対応です。",
            &["eSIMには非対応です"],
        );
        assert_hits(
            &rule(),
            "新型スマホ\nX5はeSIMにも対応しました。\nX5はeSIMには非対応ではありません。",
            &[],
        );
    }

    #[test]
    fn one_finding_per_subject_object_and_predicate() {
        let text = "同社は輸出を重視する。同社は輸出を重視しない。同社は輸出を重視しない。同社は輸出を重視する。";
        assert_hits(&rule(), text, &["輸出を重視しない"]);
    }

    #[test]
    fn same_sentence_pairs_need_the_option() {
        let text = "同社は新型機を発売し、新型機を発売しない。";
        assert_hits(&rule(), text, &[]);
        assert_hits(
            &rule_with("same_sentence: true\n"),
            text,
            &["新型機を発売しない"],
        );
    }

    #[test]
    fn subject_required_drops_claims_without_subject() {
        let text = "二国間協力を重視する。二国間協力を重視しない。";
        assert_hits(&rule(), text, &["二国間協力を重視しない"]);
        assert_hits(&rule_with("subject_required: true\n"), text, &[]);
    }

    #[test]
    fn ignored_predicates_and_short_objects() {
        let text = "日本は防衛力を持つ。日本は防衛力を持たない。";
        assert_hits(&rule(), text, &["防衛力を持たない"]);
        assert_hits(&rule_with("ignore_predicates: [持つ]\n"), text, &[]);
        // サ変 predicates can be listed with or without する.
        let text = "日本は防衛力を強化する。日本は防衛力を強化しない。";
        assert_hits(&rule_with("ignore_predicates: [強化する]\n"), text, &[]);
        assert_hits(
            &rule(),
            "日本は防衛力を考える。日本は防衛力を考えない。",
            &[],
        );
        let text = "同校は寮を持つ。同校は寮を持たない。";
        assert_hits(&rule(), text, &[]);
        assert_hits(&rule_with("min_object_chars: 1\n"), text, &["寮を持たない"]);
    }

    #[test]
    fn a_reported_statement_is_the_subjects_claim() {
        // 〜と発表した, 〜という, 〜としている: the article reports it as the subject's.
        for report in [
            "開催しないと発表した",
            "開催しないという",
            "開催しないとしている",
            // Hearsay closing the sentence passes the statement on.
            "開催しないとのことだ",
            "開催しないとのことでした",
            "開催しないそうです",
        ] {
            assert_hits(
                &rule(),
                &format!("花火大会\n市は花火大会を{report}。\n市は花火大会を開催した。"),
                &["花火大会を開催した"],
            );
        }
        // Opinions, conjecture, hearsay, a report about a report, a negated or hedged report.
        for not_claimed in [
            "開催しないと思う",
            "開催しないとされる",
            "開催しないという報道があった",
            "開催しないとの見方を示した",
            "開催しないと発表していない",
            "開催しないと発表する見込みだ",
            "開催しないとしても",
            // Conjecture (そう after a stem), and とのこと with more after it.
            "開催しなさそうだ",
            "開催しないとのことで調整が続く",
        ] {
            assert_hits(
                &rule(),
                &format!("花火大会\n市は花火大会を{not_claimed}。\n市は花火大会を開催した。"),
                &[],
            );
        }
        // After a predicate noun the segmenter tags the quotative と as a plain particle:
        // 「不要とのことでした」 is the hearsay of 「不要です」, no と-phrase.
        let noun = rule_with("opposites: [[不要, 必要], [非対応, 対応する]]\n");
        for report in ["不要とのことでした", "不要とのこと"] {
            assert_hits(
                &noun,
                &format!("手数料\n仲介手数料は必要です。\n仲介手数料は{report}。"),
                &["仲介手数料は不要"],
            );
        }
        assert_hits(
            &noun,
            "手数料\n仲介手数料は必要です。\n仲介手数料は不要との声もある。",
            &[],
        );
        // 「中止するという方針」: a stance of the subject.
        assert_hits(
            &rule(),
            "花火大会\n市は花火大会を開催した。\n市は花火大会を開催しないという方針を示した。",
            &["花火大会を開催しない"],
        );
    }

    #[test]
    fn adjuncts_between_object_and_predicate_are_read_past() {
        for adjunct in ["8月2日に予定通り", "会場で", "今年も7月から8月にかけて"]
        {
            assert_hits(
                &rule(),
                &format!("花火大会\n市は花火大会を開催しない。\n市は花火大会を{adjunct}開催する。"),
                &[&format!("花火大会を{adjunct}開催する")],
            );
        }
        // A time after the object sets the claim: two different years are two claims.
        assert_hits(
            &rule(),
            "花火大会\n市は花火大会を今年は開催しない。\n市は花火大会を来年は開催する。",
            &[],
        );
        // 「Xを理由に」: a に-phrase that may be the predicate's own argument is not skipped.
        assert_hits(
            &rule(),
            "計画\n市は計画を中止しない。\n市は反対を理由に計画を中止した。",
            &["計画を中止した"],
        );
        assert_hits(
            &rule(),
            "計画\n市は住民の反対を中止しない。\n市は住民の反対を理由に中止した。",
            &[],
        );
        // A rate's unit goes on into its amount (1株あたり140円から), and the state kept
        // (前回予想の140円のまま) is a manner that sets nothing.
        let raised = rule_from_yaml(
            "kind: polarity\nmessage: 「{match}」/「{other}」\nopposites: [[据え置く, 引き上げる]]\n",
        );
        assert_hits(
            &raised,
            "配当\n会社は年間配当予想を1株あたり140円から150円に引き上げた。\n年間配当予想は据え置かれた。",
            &["年間配当予想は据え置かれた"],
        );
        assert_hits(
            &raised,
            "配当\n会社は年間配当予想を引き上げた。\n年間配当予想は前回予想の140円のまま据え置かれた。",
            &["年間配当予想は前回予想の140円のまま据え置かれた"],
        );
    }

    #[test]
    fn a_name_in_brackets_is_the_value_a_decision_settles_on() {
        for decided in ["「こむぎ」に決まった", "「みなと号」と決まった"] {
            assert_hits(
                &rule(),
                &format!(
                    "動物園\n赤ちゃんの名前は{decided}。\n赤ちゃんの名前はまだ決まっていない。"
                ),
                &["赤ちゃんの名前はまだ決まっていない"],
            );
        }
        // A quoted statement is no value: its clause is a quotation.
        assert_hits(
            &rule(),
            "動物園\n園は公開を「来月に延期する」と決めた。\n園は公開をまだ決めていない。",
            &[],
        );
    }

    #[test]
    fn a_manner_word_with_ni_is_no_argument() {
        for manner in ["正式に", "新たに", "無事に"] {
            assert_hits(
                &rule(),
                &format!("動物園\n赤ちゃんの名前は{manner}決まった。\n名前はまだ決まっていない。"),
                &["名前はまだ決まっていない"],
            );
        }
    }

    #[test]
    fn how_long_a_stance_holds_sets_no_time() {
        let opposed = rule_with("opposites: [[見送る, 決定する]]\n");
        let text = |adjunct: &str| {
            format!(
                "週休3日制\nミナト文具は週休3日制の導入を来年4月から決定した。\n同社は週休3日制の導入を{adjunct}見送る。"
            )
        };
        for duration in ["当面", "当分"] {
            assert_hits(
                &opposed,
                &text(duration),
                &[&format!("週休3日制の導入を{duration}見送る")],
            );
        }
        // A date is a time of its own: another year's decision is another claim.
        assert_hits(&opposed, &text("今年度"), &[]);
    }

    #[test]
    fn an_action_set_as_topic_before_suru_is_the_verb() {
        // 控訴はしない says 控訴しない; 控訴はした says 控訴した.
        assert_hits(
            &rule(),
            "判決\n弁護側は控訴はしない方針だ。\n弁護側は即日控訴した。",
            &["弁護側は即日控訴した"],
        );
        assert_hits(
            &rule(),
            "判決\n弁護側は控訴しない方針だ。\n弁護側は控訴はした。",
            &["弁護側は控訴はした"],
        );
        // Another action is another claim.
        assert_hits(
            &rule(),
            "判決\n弁護側は控訴はしない方針だ。\n弁護側は上告した。",
            &[],
        );
    }

    #[test]
    fn a_reason_in_wo_is_read_past_and_is_not_the_object() {
        let negated = "判決\n弁護側は控訴しない方針だ。\n";
        for reason in [
            "判決を不服として",
            "量刑を理由に",
            "判決の内容をめぐって",
            "判決の内容を踏まえ、",
        ] {
            let said = format!("弁護側は{reason}控訴した");
            assert_hits(&rule(), &format!("{negated}{said}。"), &[&said]);
        }
        // An object of the verb itself is another claim (判決を控訴した is no 控訴した).
        assert_hits(&rule(), &format!("{negated}弁護側は判決を控訴した。"), &[]);
    }

    #[test]
    fn a_comma_after_the_topic_keeps_it_the_predicates() {
        assert_hits(
            &rule(),
            "動物園\n赤ちゃんの名前は、投票で決まった。\n名前はまだ決まっていない。",
            &["名前はまだ決まっていない"],
        );
    }

    #[test]
    fn an_adjunct_may_have_one_modifier_before_its_particle() {
        assert_hits(
            &rule(),
            "動物園\n赤ちゃんの名前は園内の投票で決まった。\n名前はまだ決まっていない。",
            &["名前はまだ決まっていない"],
        );
    }

    #[test]
    fn the_label_of_an_answer_line_is_no_frame() {
        // The decided name sets the first claim; the label of the answer line sets nothing.
        for label in ["A. ", "A: ", "A2. "] {
            assert_hits(
                &rule(),
                &format!(
                    "よくある質問\n赤ちゃんの名前は「こむぎ」に決まった。\n{label}名前はまだ決まっていない。"
                ),
                &["名前はまだ決まっていない"],
            );
        }
    }

    #[test]
    fn a_percentage_between_object_and_predicate_is_an_amount_adjunct() {
        // 0.25%, like 10円, sets the claim but does not hide it.
        assert_hits(
            &rule(),
            "金利\n銀行は基準金利を引き上げなかった。\n銀行は基準金利を0.25%引き上げた。",
            &["基準金利を0.25%引き上げた"],
        );
    }

    #[test]
    fn a_stated_plan_is_a_claim_like_a_policy() {
        // 実施する予定だ against 実施する予定はない, as 実施する方針だ is.
        let opposed = rule_with("opposites: [[見送る, 決定する]]\n");
        assert_hits(
            &opposed,
            "追試験\n大学は追試験を実施する予定はないとしている。\n大学は3月中に追試験を実施する予定だ。",
            &["追試験を実施する"],
        );
        assert_hits(
            &opposed,
            "追試験\n大学は追試験を実施しない。\n大学は追試験を実施する予定だ。",
            &["追試験を実施する"],
        );
    }

    #[test]
    fn a_name_in_brackets_is_the_object_of_a_noun_of_action() {
        // 「みなと花火大会」の中止を決めた says the festival is not held.
        let opposed = rule_with(
            "opposites: [[中止する, 実施する]]\ncarriers: [決定する]\n\
             synonyms: [[実施する, 開催する], [決定する, 決める]]\n",
        );
        assert_hits(
            &opposed,
            "花火大会\n市は「湖畔花火大会」の中止を決めた。\n市は湖畔花火大会を開催した。",
            &["湖畔花火大会を開催した"],
        );
        // Another name in brackets is another festival.
        assert_hits(
            &opposed,
            "花火大会\n市は「湖畔花火大会」の中止を決めた。\n市は港まつりを開催した。",
            &[],
        );
    }

    #[test]
    fn a_carrier_with_ga_carries_its_subject_action() {
        // 「シーズン2の制作が決定した」 says 「シーズン2を制作する」.
        let text = "続編\n監督はシーズン2を制作する予定はない。\n関係者によると、シーズン2の制作がすでに決定している。";
        assert_hits(
            &rule_with("carriers: [決定する]\n"),
            text,
            &["シーズン2の制作がすでに決定している"],
        );
        // Without `carriers`, 決定する says nothing of what is decided.
        assert_hits(&rule(), text, &[]);
    }

    #[test]
    fn a_performer_does_the_action_its_object_names() {
        // 「エンジンの点火は行われた」 says 「エンジンを点火した」, in its own tense.
        let text = "打ち上げ\n第2段エンジンの点火は予定通り行われた。\n第2段エンジンは点火せず、衛星は軌道に届かなかった。";
        assert_hits(
            &rule_with("performers: [行う]\n"),
            text,
            &["第2段エンジンは点火せず"],
        );
        // Without `performers`, 行う says nothing of what is done.
        assert_hits(&rule(), text, &[]);
        // To be done and not done before is a change told in two tenses, not a
        // contradiction (a decision, 点検を決めた, would place the action at no time).
        assert_hits(
            &rule_with("performers: [行う]\n"),
            "点検\n町は歩道橋を点検しなかった。\n町は歩道橋の点検を行う。",
            &[],
        );
    }

    #[test]
    fn an_action_with_a_prefix_is_its_head() {
        // 再着火する is 着火する written with 再, as 閣議決定する is 決定する.
        assert_hits(
            &rule(),
            "打ち上げ\n管制はエンジンを再着火した。\n管制はエンジンを再着火しなかった。",
            &["エンジンを再着火しなかった"],
        );
        // And so in the object of a performer: 「エンジンの再着火は行われた」.
        assert_hits(
            &rule_with("performers: [行う]\n"),
            "打ち上げ\nエンジンの再着火は行われた。\nエンジンは再着火しなかった。",
            &["エンジンは再着火しなかった"],
        );
    }

    #[test]
    fn an_any_case_predicate_meets_its_object_whatever_marks_it() {
        // 「献血は受け付けない」 / 「献血にも対応する」: one object, は and に.
        let text = "献血\n400ミリリットル献血は受け付けない。\nセンターは400ミリリットル献血にも対応する。";
        let any_case =
            rule_with("synonyms: [[対応する, 使える, 受け付ける]]\nany_case: [対応する]\n");
        assert_hits(&any_case, text, &["400ミリリットル献血にも対応する"]);
        // Without `any_case` the particles keep them apart.
        assert_hits(
            &rule_with("synonyms: [[対応する, 使える, 受け付ける]]\n"),
            text,
            &[],
        );
        // Other objects stay apart.
        assert_hits(
            &any_case,
            "決済\n売店は交通系ICカードに対応している。\n売店ではクレジットカードは使えない。",
            &[],
        );
        // A listed word is read after its synonyms: `any_case: [使える]` is the group's.
        let by_member =
            rule_with("synonyms: [[対応する, 使える, 受け付ける]]\nany_case: [使える]\n");
        assert_hits(&by_member, text, &["400ミリリットル献血にも対応する"]);
    }

    #[test]
    fn a_name_starting_with_an_anaphoric_word_is_anaphoric() {
        assert_hits(
            &rule_with("opposites: [[否定する, 認める]]\n"),
            "関与\nバルドニア外務省は関与を否定した。\n同国政府は攻撃への関与を認めた。",
            &["攻撃への関与を認めた"],
        );
    }

    #[test]
    fn a_model_name_with_a_number_is_a_subject() {
        // 「Fit 3は」「PX-7は」 name a product, not a quantity that restricts the statement.
        for subject in ["Pulsar Fit 3", "PX-7", "iPhone 15 Pro"] {
            let text = format!("機能\n{subject}はGPSを内蔵していない。\nGPSを内蔵している。");
            assert_hits(&rule(), &text, &["GPSを内蔵している"]);
        }
        // Two products are two subjects; with another model of the series named, one
        // without a subject may be either.
        for text in [
            "機能\nPX-7はGPSを内蔵していない。\nPX-9はGPSを内蔵している。",
            "PX-9発表\nPX-9はGPSを内蔵している。\n前のPX-7は地図を表示できる。PX-7はGPSを内蔵していない。",
            "タブレット\nNoteSlate 11を発表した。ペン入力に対応した。\nNoteSlate 10はペン入力に対応しておらず、要望が多かった。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
        // The model the headline names is the article's own: a claim without a subject is
        // about it, though the article names an earlier model too.
        let own = |headline: &str| {
            format!(
                "{headline}\n前モデルの「Pulsar Fit 2」から買い替えた。\n\
                 Pulsar Fit 3は本体にGPSを内蔵しておらず、不便だ。\nGPSを内蔵しているので、記録できる。"
            )
        };
        assert_hits(
            &rule(),
            &own("「Pulsar Fit 3」レビュー"),
            &["GPSを内蔵している"],
        );
        assert_hits(&rule(), &own("「Pulsar Fit 30」レビュー"), &[]);
        assert_hits(&rule(), &own("スマートウォッチのレビュー"), &[]);
    }

    #[test]
    fn a_dated_decision_meets_its_event_or_date_left_open() {
        let undecided = rule_with("undecided: true\n");
        for (text, primary, related, label) in [
            (
                "映画\n映画は9月12日に全国公開されることが決まった。\n配給会社によると、公開日はまだ決まっていない。",
                "公開日はまだ決まっていない",
                "映画は9月12日に全国公開されることが決まった",
                "ここでは肯定",
            ),
            (
                "図書館\n工事は来年7月に再開することが決まった。\n現時点で再開時期は未定だという。",
                "再開時期は未定",
                "工事は来年7月に再開することが決まった",
                "ここでは肯定",
            ),
            (
                "ロケット\n打ち上げ日はまだ決まっていない。\n来年2月の打ち上げが正式に決定しており、準備が進む。",
                "来年2月の打ち上げが正式に決定しており",
                "打ち上げ日はまだ決まっていない",
                "ここでは否定",
            ),
            (
                "入湯税\n町は入湯税を来年4月から引き上げることを決めた。\n入湯税の引き上げについては、町はまだ決めておらず、議論が続く。",
                "引き上げについては、町はまだ決めておらず",
                "町は入湯税を来年4月から引き上げることを決めた",
                "ここでは肯定",
            ),
            (
                "避難所\n市は7日から避難所を開設することを決めています。\n避難所の開設についてはまだ決めておらず、進路を見て判断する。",
                "開設についてはまだ決めておらず",
                "市は7日から避難所を開設することを決めています",
                "ここでは肯定",
            ),
            (
                "伐採\n市は年内に並木を伐採することを決めた。\n伐採の時期はまだ決まっておらず、予算の審議を待つ。",
                "伐採の時期はまだ決まっておらず",
                "市は年内に並木を伐採することを決めた",
                "ここでは肯定",
            ),
            // Carrying out (実施) names the event its sentence's topic names (統合).
            (
                "再編\n統合は2027年4月に実施することが決まった。\n統合の時期についてはまだ決まっておらず、協議を続ける。",
                "統合の時期についてはまだ決まっておらず",
                "統合は2027年4月に実施することが決まった",
                "ここでは肯定",
            ),
            // The event stated with its date, without a decision word.
            (
                "入試\n県教委は新制度を2027年度入試から導入する。\n担当者は「新制度の導入時期はまだ決まっていない」と話した。",
                "導入時期はまだ決まっていない",
                "県教委は新制度を2027年度入試から導入する",
                "ここでは肯定",
            ),
        ] {
            let found = hits(&undecided, text);
            assert_eq!(
                pairs(&found, text),
                vec![(primary, related, label.to_string())],
                "{text}"
            );
            // One level below the rule's (warning).
            assert_eq!(found[0].severity, Severity::Info, "{text}");
        }
        // Off unless asked for.
        assert_hits(
            &rule(),
            "映画\n映画は9月12日に公開されることが決まった。\n公開日はまだ決まっていない。",
            &[],
        );
    }

    #[test]
    fn a_decision_without_a_date_or_a_narrated_one_leaves_its_date_open() {
        let undecided = rule_with("undecided: true\n");
        for text in [
            // A decision with its date to come: the usual news.
            "続編\n続編の製作が決定した。\n公開日は未定だ。",
            "続編\n続編を製作することが決まった。\n公開日はまだ決まっていない。",
            // The state before the decision, in the past or narrated.
            "工事\n再開時期は決まっていなかった。\n工事は来年7月に再開することが決まった。",
            "工事\n工事は来年7月に再開することが決まった。\nその後、再開時期は未定となった。",
            // A condition and a question.
            "工事\n工事は来年7月に再開することが決まった。\n再開時期が決まっていない場合は、連絡する。",
            "工事\n工事は来年7月に再開することが決まった。\n再開時期が決まったかどうかは分からない。",
            // Another event.
            "工事\n工事は来年7月に再開することが決まった。\n改修時期はまだ決まっていない。",
            // One sentence.
            "工事\n工事は来年7月に再開することが決まったが、再開時期は未定とする報道もある。",
            // A date stated of the past (often of another thing), in a plan or a hedge, or
            // of a noun phrase; an open date reported as the state back then.
            "新作\n前作は2021年に発売された。\n新作の発売日は未定だ。",
            "入試\n県教委は新制度を2027年度から導入する方針だ。\n導入時期はまだ決まっていない。",
            "入試\n新制度は2027年度から導入される見通しだ。\n導入時期はまだ決まっていない。",
            "探査機\n来年度の打ち上げに向け準備が進む。\n打ち上げ日はまだ決まっていない。",
            "申請\n同社は年内に承認を申請する。\n同社は先月、「申請の時期はまだ決めていない」と説明していた。",
            // A double negative, and an object of 決める (the claim reader's).
            "増税\n政府は来年4月に増税することを決めた。\n政府が増税を決定しないわけではない。",
            "増税\n政府は来年4月に増税することを決めた。\n政府は増税を決めていない。",
        ] {
            assert_hits(&undecided, text, &[]);
        }
    }

    #[test]
    fn what_can_be_done_is_a_claim_of_its_own() {
        // 返品できる / 返品できない, and an action as what できる is said of.
        for (earlier, later) in [
            ("セール品は返品できません。", "セール品は返品できます。"),
            ("大型犬は利用できない。", "大型犬も利用できる。"),
            ("オンライン受験はできない。", "オンライン受験ができる。"),
            // 加入することができる says 加入できる.
            (
                "地震保険は単独では加入できない。",
                "地震保険は単独で加入することができる。",
            ),
            (
                "会員は施設を利用することができない。",
                "会員も施設を利用できる。",
            ),
        ] {
            let text = format!("見出し\n{earlier}\n{later}");
            assert_eq!(hits(&rule(), &text).len(), 1, "{text}");
        }
        // 「再入場が可能です」 says 「再入場ができる」: 可能 of an action is compared with its
        // できる, whichever comes first, but not with the action done.
        for (earlier, later) in [
            ("再入場が可能です。", "再入場はできません。"),
            ("撮影はできません。", "撮影も可能です。"),
        ] {
            let text = format!("見出し\n{earlier}\n{later}");
            assert_hits(&rule(), &text, &[later.trim_end_matches('。')]);
        }
        assert_hits(
            &rule(),
            "見出し\n再入場が可能です。\n再入場はしません。",
            &[],
        );
        // What can be done is not what is done, in either pass.
        assert_hits(
            &rule_with("restated: true\n"),
            "見出し\n会員は施設を利用できる。\n会員は施設を利用しない。",
            &[],
        );
        assert_hits(
            &rule(),
            "見出し\n会員は施設を利用することができる。\n会員は施設を利用しない。",
            &[],
        );
    }

    #[test]
    fn not_yet_able_to_do_it_or_have_it_done_is_not_done() {
        let r = rule();
        let text = |negated: &str| {
            format!("猫の食事\n\n猫は療法食に切り替えました。\n\n猫はまだ{negated}。")
        };
        assert_hits(
            &r,
            &text("療法食には切り替えられていない"),
            &["療法食には切り替えられていない"],
        );
        assert_hits(
            &r,
            &text("療法食に切り替えられていません"),
            &["療法食に切り替えられていません"],
        );
        // What cannot be done (no ている) is no report of what was done.
        assert_hits(&r, &text("療法食には切り替えられない"), &[]);
    }

    #[test]
    fn a_clause_before_a_modified_object_describes_it() {
        let r = rule();
        // 「リンを抑えた腎臓ケア用の療法食」: the object after the clause, compared with the
        // same object written with fewer modifiers.
        assert_hits(
            &r,
            "猫の食事\n\n猫はリンを抑えた腎臓ケア用の療法食に切り替えた。\n\n猫はまだ療法食に切り替えていない。",
            &["療法食に切り替えていない"],
        );
        // A clause right before an unmodified noun says which one it is: no claim about the
        // noun alone.
        assert_hits(
            &r,
            "猫の食事\n\n猫はリンを抑えた療法食に切り替えた。\n\n猫はまだ療法食に切り替えていない。",
            &[],
        );
    }

    #[test]
    fn what_did_not_happen_while_something_else_did_is_negated() {
        let r = rule();
        // こと + なく / なし: 中断されることなく進んだ says it was not interrupted.
        assert_hits(
            &r,
            "対局\n\n対局は中断されることなく進んだ。\n\n停電で対局は中断した。",
            &["対局は中断した"],
        );
        assert_hits(
            &r,
            "対局\n\n対局は中断されることもあった。\n\n停電で対局は中断した。",
            &[],
        );
        // 一度も stresses the negation and sets no frame; 20分にわたって is an adjunct read
        // past like 20分かけて.
        assert_hits(
            &r,
            "対局\n\n対局は一度も中断されることなく進んだ。\n\n対局はおよそ20分にわたって中断した。",
            &["対局はおよそ20分にわたって中断した"],
        );
    }

    #[test]
    fn a_row_label_does_not_join_the_claim_after_it() {
        assert_hits(
            &rule(),
            "仕様\n- 防水性能：防水に対応\n本機は防水には非対応なので、注意が必要だ。",
            &["防水には非対応な"],
        );
    }

    #[test]
    fn a_row_label_is_the_topic_of_its_value() {
        // 「ワイヤレス充電：非対応」 = 「ワイヤレス充電は非対応」 = 「ワイヤレス充電に対応しない」.
        for row in [
            "■ワイヤレス充電：非対応",
            "- ワイヤレス充電:非対応(Qi規格)",
            "ワイヤレス充電は非対応です。",
        ] {
            let text = format!("仕様\n{row}\n本機はワイヤレス充電に対応している。");
            assert_hits(&rule(), &text, &["ワイヤレス充電に対応している"]);
        }
        // A time or a Latin name with a colon is no label; a label of another thing is
        // another claim.
        for text in [
            "仕様\n■ワイヤレス充電：非対応\n本機は急速充電に対応している。",
            "仕様\n開始は10:00\n10:00に対応している。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn sections_about_different_names_are_not_compared() {
        use crate::rules::testing::findings_for_format;
        let specs = |second: &str| {
            let text = format!(
                "# 比較\n\n## Sonora Buds\n\n- ワイヤレス充電：非対応\n\n\
                 ## {second}\n\n- ワイヤレス充電：対応\n"
            );
            findings_for_format(&rule(), &text, Format::Markdown, &Morphology::new()).len()
        };
        assert_eq!(specs("KAIRO AirFit"), 0);
        assert_eq!(specs("Sonora Buds の仕様"), 1);
    }

    #[test]
    fn a_claim_without_a_subject_is_about_the_person_the_paragraph_is_about() {
        let with = rule_with("intransitives: [[広がる, 広げる]]\n");
        let text = |second: &str| {
            format!(
                "市長選\n石川氏は市政の刷新を訴えた。子育て世代を中心に支持を広げた。\n{second}は統廃合を訴えたが、支持は広がらなかった。"
            )
        };
        assert_hits(&with, &text("大西氏"), &[]);
        assert_hits(&with, &text("石川氏"), &["支持は広がらなかった"]);
        // An adjunct set as topic (選挙戦では) names no subject of its own.
        let adjunct = |second: &str| {
            format!(
                "市長選\n石川氏は市政の刷新を訴えた。選挙戦では、子育て世代を中心に支持を広げた。\n{second}は統廃合を訴えたが、支持は広がらなかった。"
            )
        };
        assert_hits(&with, &adjunct("大西氏"), &[]);
        assert_hits(&with, &adjunct("石川氏"), &["支持は広がらなかった"]);
    }

    #[test]
    fn after_a_person_as_subject_a_later_topic_is_no_other_subject() {
        // 統廃合は: a contrasted object; 知名度不足が: the subject of a clause of its own.
        let text = |second: &str| {
            format!(
                "市長選\n石川氏は統廃合を公約に掲げた。\n{second}は、統廃合は公約に掲げなかった。"
            )
        };
        assert_hits(&rule(), &text("石川氏"), &["公約に掲げなかった"]);
        assert_hits(&rule(), &text("大西氏"), &[]);
        let with = rule_with("intransitives: [[広がる, 広げる]]\n");
        let clause = |second: &str| {
            format!(
                "市長選\n石川氏は子育て世代を中心に支持を広げた。\n{second}は統廃合を訴えたが、知名度不足が響き、支持は広がらなかった。"
            )
        };
        assert_hits(&with, &clause("大西氏"), &[]);
        assert_hits(&with, &clause("石川氏"), &["支持は広がらなかった"]);
    }

    #[test]
    fn an_intention_denied_is_a_negative_claim() {
        for denial in [
            "桐島は活動を休止する予定はありません。",
            "桐島は活動を休止する考えはないと述べた。",
            "桐島は活動を休止するつもりもない。",
            // 「〜することはない」: the action denied through こと.
            "桐島が活動を休止することはない。",
        ] {
            let text = format!("活動\n{denial}\n桐島は来月から活動を休止する。");
            assert_hits(&rule(), &text, &["活動を休止する"]);
        }
        // A past intention, a double negation, or an intention that stays open is none.
        for text in [
            "活動\n桐島は活動を休止する予定はなかった。\n桐島は来月から活動を休止する。",
            "活動\n桐島は活動を休止しない予定はない。\n桐島は来月から活動を休止しない。",
            "活動\n桐島は活動を休止する予定だ。\n桐島は来月から活動を休止する。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
    }

    #[test]
    fn a_clause_a_carrier_takes_is_stated_with_its_polarity() {
        let with = rule_with(
            "carriers: [決定する]\nsynonyms: [[決定する, 決める]]\nintransitives: [[決まる, 決める]]\n",
        );
        for (first, second, found) in [
            (
                "桐島は活動を休止する予定はない。",
                "桐島は来月から活動を休止することが決まっている。",
                "活動を休止することが決まっている",
            ),
            (
                "町は入湯税を引き上げることを決めた。",
                "町は入湯税を引き上げることは決めていない。",
                "入湯税を引き上げることは決めていない",
            ),
            (
                "市は補助制度を延長しない考えだ。",
                "市は補助制度を延長することを正式に決めた。",
                "補助制度を延長することを正式に決めた",
            ),
            (
                "政府は関税を引き上げる方針だ。",
                "政府は関税を引き上げないことを正式に決めた。",
                "関税を引き上げないことを正式に決めた",
            ),
        ] {
            assert_hits(&with, &format!("記事\n{first}\n{second}"), &[found]);
        }
        // Not a carrier (検討する), or a clause negated twice: nothing stated.
        for text in [
            "記事\n町は入湯税を引き上げない。\n町は入湯税を引き上げることを検討している。",
            "記事\n町は入湯税を引き上げる。\n町は入湯税を引き上げないことは決めていない。",
        ] {
            assert_hits(&with, text, &[]);
        }
    }

    #[test]
    fn synonyms_are_one_predicate() {
        let with = rule_with(
            "synonyms: [[実施する, 開催する, 行う]]\nopposites: [[中止する, 実施する]]\n",
        );
        assert_hits(
            &with,
            "花火大会\n市は花火大会を行わない。\n市は花火大会を開催した。",
            &["花火大会を開催した"],
        );
        // An opposite negates every member of its group.
        assert_hits(
            &with,
            "花火大会\n市は花火大会を中止した。\n市は花火大会を予定通り開催した。",
            &["花火大会を予定通り開催した"],
        );
        let message = &hits(
            &with,
            "花火大会\n市は花火大会を行わない。\n市は花火大会を開催した。",
        )[0]
        .message;
        assert!(message.contains("|実施する|"), "{message}");
        // Without the group, two different predicates.
        assert_hits(
            &rule(),
            "花火大会\n市は花火大会を行わない。\n市は花火大会を開催した。",
            &[],
        );
        // An intransitive verb states its transitive counterpart's group.
        assert_hits(
            &rule_with("synonyms: [[決定する, 決める]]\nintransitives: [[決まる, 決める]]\n"),
            "新料金\n運営会社は新料金を決定した。\n利用者によると、新料金は決まっていない。",
            &["新料金は決まっていない"],
        );
    }

    #[test]
    fn a_topic_is_also_compared_as_an_object() {
        let r = rule_with("opposites: [[据え置く, 引き上げる]]\n");
        assert_hits(
            &r,
            "配当\n配当は据え置く。\n同社は配当を引き上げた。",
            &["配当を引き上げた"],
        );
        // One finding for one pair of places, though the topic is read twice.
        assert_eq!(
            hits(&r, "配当\n配当は引き上げない。\n配当は引き上げた。").len(),
            1
        );
        // A passive topic stays its passive claim only.
        assert_hits(
            &rule(),
            "新料金\n新料金は決定されていない。\n新料金は決定されていた。",
            &["新料金は決定されていた"],
        );
    }

    #[test]
    fn a_sahen_noun_with_to_suru_is_the_action_decided() {
        let r = crate::rules::testing::builtin_rule("ja-news/polarity-conflict");
        assert_eq!(
            hits(
                &r,
                "バス路線\n東部循環線は土日・祝日も運行し、便数は平日の半分程度とする。\n\
                 なお、東部循環線は当面、土日・祝日を全便運休とする。"
            )
            .len(),
            1
        );
        // Different days are different statements.
        assert_hits(
            &r,
            "バス路線\n東部循環線は平日に運行する。\n東部循環線は土日・祝日を全便運休とする。",
            &[],
        );
    }

    #[test]
    fn a_sahen_noun_with_a_copula_is_a_predicate() {
        let r = rule_with("synonyms: [[実施する, 開催する]]\nopposites: [[中止する, 実施する]]\n");
        for nominal in ["中止となった", "中止になった", "中止です", "中止だ", "中止"]
        {
            assert_hits(
                &r,
                &format!("大会\n今年の大会は{nominal}。\n市は今年の大会を開催した。"),
                &["今年の大会を開催した"],
            );
        }
        // Negated, the copula affirms nothing to compare; a noun compound is no predicate.
        for not_claimed in ["中止ではない", "中止方針だ", "中止とならない可能性がある"]
        {
            assert_hits(
                &r,
                &format!("大会\n今年の大会は{not_claimed}。\n市は今年の大会を開催した。"),
                &[],
            );
        }
    }

    #[test]
    fn a_verbs_noun_form_is_an_action_a_carrier_states() {
        // The noun form of a verb of the pairs names its action as a サ変 noun does (引き上げ,
        // 据え置き, 取りやめ), whichever side comes first.
        let r = rule_with(
            "carriers: [決定する]\nsynonyms: [[決定する, 決める]]\nopposites: [[据え置く, 引き上げる], [取りやめる, 開催する]]\n",
        );
        assert_hits(
            &r,
            "配当\n同社は年間配当を据え置いた。\n同社は年間配当の引き上げを決めた。",
            &["年間配当の引き上げを決めた"],
        );
        assert_hits(
            &r,
            "配当\n同社は年間配当の据え置きを決めた。\n同社は年間配当を引き上げた。",
            &["年間配当を引き上げた"],
        );
        assert_hits(
            &r,
            "大会\n町は大会の取りやめを決めた。\n町は大会を開催する。",
            &["大会を開催する"],
        );
        // Of another object, no pair.
        assert_hits(
            &r,
            "配当\n同社は年間配当を据え置いた。\n同社は役員報酬の引き上げを決めた。",
            &[],
        );
    }

    #[test]
    fn a_carrier_states_the_action_its_object_names() {
        let r = rule_with(
            "carriers: [決定する, 発表する]\nopposites: [[見送る, 決定する], [中止する, 開催する]]\n",
        );
        // 法案の提出を見送った = 法案を提出しない.
        assert_hits(
            &r,
            "法案\n政府は法案の提出を見送った。\n政府は先月、法案を提出した。",
            &["法案を提出した"],
        );
        // 大会の中止を発表した = 大会を開催しない: the action is itself an opposite.
        assert_hits(
            &r,
            "大会\n市は大会の中止を発表した。\n市は大会を開催した。",
            &["大会を開催した"],
        );
        // A decision places its action at no time of its own: 中止を決めた (past) meets
        // 予定通り開催する (non-past) and 開催された.
        assert_hits(
            &r,
            "大会\n市は大会の中止を決定した。\n市は大会を予定通り開催する。",
            &["大会を予定通り開催する"],
        );
        // ... but a narrated change still excuses the pair.
        assert_hits(
            &r,
            "大会\n市は大会の中止を決定した。\nその後、市は大会を開催した。",
            &[],
        );
        // A decision against the action is a decision too: 導入を見送った (past) meets
        // 来年度から導入する (non-past).
        assert_hits(
            &r,
            "制度\n市は新制度の導入を見送った。\n市は来年度から新制度を導入する。",
            &["新制度を導入する"],
        );
        // Two decisions, one against the action and one for it: a contradiction, unless the
        // text narrates the change of course.
        assert_hits(
            &r,
            "制度\n市は新制度の導入を見送った。\n市は新制度の導入を決定した。",
            &["新制度の導入を決定した"],
        );
        assert_hits(
            &r,
            "制度\n市は当初、新制度の導入を見送った。\nその後、市は新制度の導入を決定した。",
            &[],
        );
        // Two stances held now cannot both stand, whatever the text narrates (今回 of a
        // greeting is no change of course).
        assert_hits(
            &r,
            "球団\nこんにちは！今回はリーグ優勝をめぐる重要なニュースについてお伝えします。球団は外国人選手の補強を見送らない方針だ。\n関係者によると、球団は外国人選手の補強を見送る方向で最終調整している。",
            &["外国人選手の補強を見送る"],
        );
        // A decision not taken yet keeps its tense: 決めていない is about the decision.
        assert_hits(
            &r,
            "制度\n市は新制度の導入を決めていない。\n市は先月、新制度を導入した。",
            &[],
        );
        // A clause before a name in brackets describes it and does not restrict it.
        assert_hits(
            &r,
            "大会\n市は、14日に予定していた「港花火大会」の中止を発表した。\n市は、港花火大会を予定通り開催する。",
            &["港花火大会を予定通り開催する"],
        );
        // Not a carrier (検討する), or no carriers at all: nothing about the action.
        assert_hits(
            &r,
            "大会\n市は大会の開催を検討した。\n市は大会を開催しない。",
            &[],
        );
        assert_hits(
            &rule_with("opposites: [[見送る, 決定する]]\n"),
            "法案\n政府は法案の提出を見送った。\n政府は先月、法案を提出した。",
            &[],
        );
    }

    #[test]
    fn nouns_and_adjectival_stems_as_predicates() {
        let r = rule_with(
            "opposites: [[無効, 有効], [見送る, 決定する], [否決する, 可決する], [無料, 有料]]\n",
        );
        // A `predicate-nouns` noun and the one `opposites` pairs it with.
        assert_hits(
            &r,
            "粗大ごみ\n戸別収集は有料です。\n戸別収集は無料です。",
            &["戸別収集は無料です"],
        );
        // A 形容動詞 stem with a copula; its opposite.
        assert_hits(
            &r,
            "暗号化\n暗号化は初期状態では無効になっている。\n暗号化が初期状態で有効になっており、便利だ。",
            &["暗号化が初期状態で有効になっており"],
        );
        // The noun form of a negating verb with a copula.
        assert_hits(
            &r,
            "作付け\n来年度からの一般作付けは見送りとなった。\n県は来年度からの一般作付けを決定した。",
            &["来年度からの一般作付けを決定した"],
        );
        // A サ変 noun ending a clause before another action (可決、成立した).
        assert_hits(
            &r,
            "条例\n県議会は条例案を可決、成立した。\nただ、条例案は反対多数で否決された。",
            &["条例案は反対多数で否決された"],
        );
        // Before anything but another action, a サ変 noun and a comma are no predicate.
        assert_hits(
            &r,
            "条例\n県議会は条例案を可決、修正案は否決した。\nただ、条例案は反対多数で否決された。",
            &[],
        );
    }

    #[test]
    fn adjuncts_set_the_claim() {
        let r = rule_with("opposites: [[据え置く, 引き上げる]]\n");
        // Nouns joined by と, an amount, a time: read past.
        assert_hits(
            &r,
            "配当\n同社は年間配当を10円引き上げた。\n年間配当は据え置かれました。",
            &["年間配当は据え置かれました"],
        );
        assert_hits(
            &r,
            "配当\n同社は年間配当を引き上げた。\n年間配当は前期と同額に据え置かれました。",
            &["年間配当は前期と同額に据え置かれました"],
        );
        // Two different parties, places or amounts are two claims.
        assert_hits(
            &rule(),
            "データ\n同社はA社にデータを提供していない。\n同社はデータをB社に提供した。",
            &[],
        );
        assert_hits(
            &rule(),
            "運動会\n第一小は運動会を校庭で行わない。\n第一小は運動会を体育館で行った。",
            &[],
        );
    }

    #[test]
    fn a_time_topic_frames_the_claims_after_it() {
        // 今回は / 前回は: different claims; 当初は inside a clause that a comma ends does not
        // frame what follows the comma.
        assert_hits(
            &rule(),
            "黒字\n同社は前回は黒字を確保した。\n同社は今回は黒字を確保しなかった。",
            &[],
        );
        assert_hits(
            &rule(),
            "黒字\n今回は黒字を確保した。\n今回は黒字を確保しなかった。",
            &["黒字を確保しなかった"],
        );
        assert_hits(
            &rule_with("opposites: [[否認する, 認める]]\n"),
            "公判\n木崎被告は起訴内容を認めた。\n木崎被告は、当初は運用するつもりだったとして、起訴内容を否認した。",
            &["起訴内容を否認した"],
        );
        // 「昨年は、」: the comma after the topic keeps its frame.
        assert_hits(
            &rule(),
            "運動会\n昨年は、全小学校が運動会を開いた。\n第一小は今年、運動会を開かない。",
            &[],
        );
    }

    #[test]
    fn a_topic_inside_a_quoted_clause_is_not_the_subject_after_it() {
        assert_hits(
            &rule_with("opposites: [[否認する, 認める]]\n"),
            "公判\n木崎被告は起訴内容を認めた。\n木崎被告は、意図はなかったと起訴内容を否認した。",
            &["起訴内容を否認した"],
        );
    }

    #[test]
    fn a_condition_earlier_in_the_sentence_leaves_no_claim() {
        for condition in [
            "31以上と予想された場合、",
            "雨のときは",
            "暑ければ、",
            "決まったら、",
            "工事をしている間は、",
        ] {
            assert_hits(
                &rule(),
                &format!("運動会\n第一小は運動会を開いた。\n第一小は{condition}運動会を開かない。"),
                &[],
            );
        }
        // A span of time (3年間) or a time a fact is dated by (休みの間に) is no condition.
        assert_hits(
            &rule(),
            "運動会\n第一小は運動会を開いた。\n第一小は3年間、運動会を開かない。",
            &["運動会を開かない"],
        );
        // A source (によると) or a concession (ても) is no condition.
        assert_hits(
            &rule(),
            "運動会\n第一小は運動会を開いた。\n声明によると、第一小は運動会を開かない。",
            &["運動会を開かない"],
        );
        // Without a comma a condition governs its own clause (雨なら運動会を開かない), and
        // only that: after the next comma the sentence states again.
        for text in [
            "運動会\n第一小は運動会を開いた。\n雨が降れば第一小は運動会を開かない。",
            "新製品\n同社は新製品を発売した。\n同社は部品が届かなければ新製品を発売しない。",
        ] {
            assert_hits(&rule(), text, &[]);
        }
        // So in the restatement pass.
        assert_hits(
            &rule_with("restated: true\n"),
            "特例\nワンストップ特例は使えません。\n寄付先が5自治体以内ならワンストップ特例が使える。",
            &[],
        );
        assert_hits(
            &rule(),
            "運動会\n第一小は運動会を開いた。\n児童なら誰でも参加でき、第一小は運動会を開かない。",
            &["運動会を開かない"],
        );
    }

    #[test]
    fn dou_and_the_end_of_a_compound_are_one_object() {
        let r = rule_with("opposites: [[否決する, 可決する]]\n");
        assert_hits(
            &r,
            "条例\n県議会は県条例案を可決した。\nただ、同条例案は否決されている。",
            &["同条例案は否決されている"],
        );
        assert_hits(
            &rule(),
            "協力\n政府は日米協力を重視している。\n政府は多国間協力を重視しない。",
            &[],
        );
        // A bare last noun may be another thing of that name.
        assert_hits(
            &rule(),
            "配当\n同社は中間配当を引き上げた。\n同社は配当を引き上げない。",
            &[],
        );
        // 「A. 」: a symbol with a space after it bounds the object.
        assert_hits(
            &rule(),
            "配当\n同社は配当を引き上げた。\nA. 配当は引き上げていません。",
            &["配当は引き上げていません"],
        );
    }

    #[test]
    fn invalid_options_fail_to_load() {
        for bad in [
            "min_object_chars: 0\n",
            "ignore_predicates: [\"\"]\n",
            "same_sentense: true\n",
            "opposites: [[認める, 認める]]\n",
            "intransitives: [[決定する, 決める]]\n",
            "intransitives: [[決める, 決める]]\n",
            "synonyms: [[実施する]]\n",
            "carriers: [\"\"]\n",
            "synonyms: [[実施する, 開催する], [行う, 開催する]]\n",
        ] {
            let errors = rule_errors_from_yaml(&format!("{RULE}{bad}"));
            assert_eq!(errors.len(), 1, "{bad}");
        }
    }

    fn fixture_findings(path: &Path, rule: &Rule) -> (String, Vec<Finding>) {
        crate::rules::testing::findings_in_file(rule, path)
    }

    fn builtin() -> Rule {
        crate::rules::testing::builtin_rule("ja-news/polarity-conflict")
    }

    #[test]
    fn seed_article_contradiction_is_found() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let (source, found) = fixture_findings(&path, &builtin());
        assert_eq!(
            pairs(&found, &source),
            vec![(
                "二国間協力を重視しない",
                "二国間協力を重視し",
                "ここでは肯定".into()
            )]
        );
        // Section 8 affirms, section 9 negates.
        let related = found[0].related[0].span.start;
        assert!(related < source.find("9. 日米二国間関係の変化").unwrap());
        assert!(found[0].span.start > source.find("9. 日米二国間関係の変化").unwrap());
        assert!(
            found[0].message.contains("二国間協力"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn clean_fixtures_have_no_findings() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        let rules = [builtin(), rule(), rule_with("same_sentence: true\n")];
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).expect("fixtures/clean") {
            let path = entry.expect("entry").path();
            for rule in &rules {
                let (source, found) = fixture_findings(&path, rule);
                assert!(
                    found.is_empty(),
                    "{}: {:?}",
                    path.display(),
                    found
                        .iter()
                        .map(|f| &source[f.span.range()])
                        .collect::<Vec<_>>()
                );
            }
            checked += 1;
        }
        assert_eq!(checked, 6);
    }

    /// Every claim of the document, reading each sentence: what `check` may skip.
    fn all_claims<'t>(p: &'t Polarity, a: &Analysis<'t>, doc: &Document) -> Vec<Claim<'t>> {
        let mut claims = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let headline = doc.headline().map_or("", |b| doc.slice(b.span));
            p.read_sentence(a, a.within(sentence.span), index, headline, &mut claims);
        }
        claims
    }

    #[test]
    fn reading_only_relevant_sentences_finds_the_same() {
        let seed = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt"),
        )
        .expect("seed");
        let mut texts = vec![
            seed.clone(),
            seed.repeat(3),
            "同社は輸出を重視する。同社は輸出を重視しない。同社は輸出を重視しない。同社は輸出を重視する。".to_string(),
            "政府は輸出規制を緩和しなかった。その後、政府は輸出規制を緩和した。".to_string(),
            "市は方針が変わった。市は方針が変わらなかった。".to_string(),
            "同社は新型機を発売し、新型機を発売しない。".to_string(),
            "同社は輸出を重視した。同社は輸出を重視した。".to_string(),
            "問題はない。同社は輸出を重視した。".to_string(),
            String::new(),
        ];
        let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/clean");
        for entry in std::fs::read_dir(clean).expect("fixtures/clean") {
            texts.push(std::fs::read_to_string(entry.expect("entry").path()).expect("fixture"));
        }
        let src = RuleSource::new("test.yaml", "");
        let options: [&str; 3] = ["{}", "same_sentence: true", "min_object_chars: 1"];
        let message = Message::parse("{match}|{other}|{subject}", PLACEHOLDERS).expect("message");
        let morphology = Morphology::new();
        let context = CompileContext {
            morphology: &morphology,
            edits: &Default::default(),
            lexicons: Lexicons::builtin(),
        };
        let mut reported = 0;
        for option in options {
            let spec: Spec = serde_yaml::from_str(option).expect("spec");
            let p = Polarity::compile(spec, &src, &context).expect("compiles");
            for text in &texts {
                let doc = Document::parse("t", text.clone(), Format::PlainText);
                let a = Analysis::new(&morphology, &doc.text);
                let (mut all, mut relevant) = (Vec::new(), Vec::new());
                let ctx = Context {
                    doc: &doc,
                    analysis: &a,
                };
                let sections = super::section_subjects(&ctx);
                let apart = |x: usize, y: usize| {
                    super::other_sections(
                        &sections[doc.sentences[x].block],
                        &sections[doc.sentences[y].block],
                    )
                };
                p.report(&a, &all_claims(&p, &a, &doc), &apart, &message, &mut all);
                p.check(&ctx, &message, &mut relevant);
                assert_eq!(relevant, all, "{option}: {text}");
                reported += all.len();
            }
        }
        assert!(reported >= 10, "{reported}");
    }

    #[test]
    fn repeated_text_stays_one_finding() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/seed-article.txt");
        let seed = std::fs::read_to_string(path).expect("seed");
        let big = seed.repeat(20);
        let doc = Document::parse("big", big, Format::PlainText);
        let morphology = Morphology::new();
        let analysis = Analysis::new(&morphology, &doc.text);
        assert_eq!(run_rule(&builtin(), &doc, &analysis).len(), 1);
    }
}
