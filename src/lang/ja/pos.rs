//! IPADIC's part of speech and conjugation form, typed and decoded once per word id.
//!
//! A word's POS is four levels (`名詞,固有名詞,人名,姓`, `*` for an empty level). Kinds ask
//! predicates (`pos.is_verb()`, `pos.is_person_name()`) instead of comparing strings, so a
//! misspelt tag cannot silently never match, and token patterns' `pos:` conditions are
//! checked against [`TAG_SET`] when a rule loads.

use std::fmt;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

named_enum! {
    /// One value of one IPADIC POS level, as IPADIC writes it.
    pub enum Tag {
        /// `*`: the level is empty.
        Empty = "*",
        /// A string that is not one of IPADIC's (possible in a user dictionary).
        Unlisted = "?",
        // Level 1: the major class.
        Noun = "名詞",
        Verb = "動詞",
        Adjective = "形容詞",
        Adverb = "副詞",
        Adnominal = "連体詞",
        Conjunction = "接続詞",
        Particle = "助詞",
        AuxiliaryVerb = "助動詞",
        Prefix = "接頭詞",
        Symbol = "記号",
        Filler = "フィラー",
        Interjection = "感動詞",
        Other = "その他",
        // Levels 2 to 4.
        General = "一般",
        ProperNoun = "固有名詞",
        Pronoun = "代名詞",
        AdverbialNoun = "副詞可能",
        Sahen = "サ変接続",
        AdjectivalNounStem = "形容動詞語幹",
        NaiAdjectiveStem = "ナイ形容詞語幹",
        Number = "数",
        NonIndependent = "非自立",
        Special = "特殊",
        Suffix = "接尾",
        VerbNonIndependentLike = "動詞非自立的",
        ConjunctionLike = "接続詞的",
        QuotedString = "引用文字列",
        Independent = "自立",
        CaseParticle = "格助詞",
        BindingParticle = "係助詞",
        ConjunctiveParticle = "接続助詞",
        AdverbialParticle = "副助詞",
        FinalParticle = "終助詞",
        ParallelParticle = "並立助詞",
        Adnominalizer = "連体化",
        Adverbializer = "副詞化",
        AdverbialParallelFinalParticle = "副助詞／並立助詞／終助詞",
        ParticleConnection = "助詞類接続",
        NounConnection = "名詞接続",
        NumberConnection = "数接続",
        VerbConnection = "動詞接続",
        AdjectiveConnection = "形容詞接続",
        Period = "句点",
        Comma = "読点",
        Space = "空白",
        OpeningBracket = "括弧開",
        ClosingBracket = "括弧閉",
        Alphabet = "アルファベット",
        Interjectional = "間投",
        PersonName = "人名",
        Organization = "組織",
        Region = "地域",
        Quotation = "引用",
        Compound = "連語",
        Counter = "助数詞",
        AuxiliaryStem = "助動詞語幹",
        Contraction = "縮約",
        Surname = "姓",
        GivenName = "名",
        Country = "国",
    }
}

impl Tag {
    /// The tag IPADIC writes as `s` (`*`: empty); [`Tag::Unlisted`] for any other string.
    pub fn parse(s: &str) -> Tag {
        Tag::from_text(s).unwrap_or(Tag::Unlisted)
    }
}

/// Every POS IPADIC's word list uses (69), plus none: what `pos:` conditions are validated
/// against. A test checks that every word of the dictionary decodes to one of them.
pub const TAG_SET: &[[Tag; 4]] = {
    use Tag::*;
    &[
        [Other, Interjectional, Empty, Empty],
        [Filler, Empty, Empty, Empty],
        [Adverb, General, Empty, Empty],
        [Adverb, ParticleConnection, Empty, Empty],
        [AuxiliaryVerb, Empty, Empty, Empty],
        [Particle, ParallelParticle, Empty, Empty],
        [Particle, BindingParticle, Empty, Empty],
        [Particle, AdverbialParticle, Empty, Empty],
        [Particle, AdverbialParallelFinalParticle, Empty, Empty],
        [Particle, Adverbializer, Empty, Empty],
        [Particle, ConjunctiveParticle, Empty, Empty],
        [Particle, CaseParticle, General, Empty],
        [Particle, CaseParticle, Quotation, Empty],
        [Particle, CaseParticle, Compound, Empty],
        [Particle, Special, Empty, Empty],
        [Particle, FinalParticle, Empty, Empty],
        [Particle, Adnominalizer, Empty, Empty],
        [Verb, Suffix, Empty, Empty],
        [Verb, Independent, Empty, Empty],
        [Verb, NonIndependent, Empty, Empty],
        [Noun, Sahen, Empty, Empty],
        [Noun, NaiAdjectiveStem, Empty, Empty],
        [Noun, General, Empty, Empty],
        [Noun, Pronoun, General, Empty],
        [Noun, Pronoun, Contraction, Empty],
        [Noun, AdverbialNoun, Empty, Empty],
        [Noun, VerbNonIndependentLike, Empty, Empty],
        [Noun, ProperNoun, General, Empty],
        [Noun, ProperNoun, PersonName, General],
        [Noun, ProperNoun, PersonName, GivenName],
        [Noun, ProperNoun, PersonName, Surname],
        [Noun, ProperNoun, Region, General],
        [Noun, ProperNoun, Region, Country],
        [Noun, ProperNoun, Organization, Empty],
        [Noun, QuotedString, Empty, Empty],
        [Noun, AdjectivalNounStem, Empty, Empty],
        [Noun, Suffix, Sahen, Empty],
        [Noun, Suffix, General, Empty],
        [Noun, Suffix, PersonName, Empty],
        [Noun, Suffix, AdverbialNoun, Empty],
        [Noun, Suffix, AuxiliaryStem, Empty],
        [Noun, Suffix, Counter, Empty],
        [Noun, Suffix, Region, Empty],
        [Noun, Suffix, AdjectivalNounStem, Empty],
        [Noun, Suffix, Special, Empty],
        [Noun, ConjunctionLike, Empty, Empty],
        [Noun, Number, Empty, Empty],
        [Noun, Special, AuxiliaryStem, Empty],
        [Noun, NonIndependent, General, Empty],
        [Noun, NonIndependent, AdverbialNoun, Empty],
        [Noun, NonIndependent, AuxiliaryStem, Empty],
        [Noun, NonIndependent, AdjectivalNounStem, Empty],
        [Adjective, Suffix, Empty, Empty],
        [Adjective, Independent, Empty, Empty],
        [Adjective, NonIndependent, Empty, Empty],
        [Interjection, Empty, Empty, Empty],
        [Conjunction, Empty, Empty, Empty],
        [Prefix, VerbConnection, Empty, Empty],
        [Prefix, NounConnection, Empty, Empty],
        [Prefix, AdjectiveConnection, Empty, Empty],
        [Prefix, NumberConnection, Empty, Empty],
        [Symbol, Alphabet, Empty, Empty],
        [Symbol, General, Empty, Empty],
        [Symbol, Period, Empty, Empty],
        [Symbol, ClosingBracket, Empty, Empty],
        [Symbol, OpeningBracket, Empty, Empty],
        [Symbol, Space, Empty, Empty],
        [Symbol, Comma, Empty, Empty],
        [Adnominal, Empty, Empty, Empty],
    ]
};

/// A word's part of speech: IPADIC's four levels, one byte each (the [`Tag`]'s index), so
/// that a predicate is one mask and compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Pos(u32);

/// Leading levels as a mask and a value over [`Pos`]'s bytes, computed at compile time.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    mask: u32,
    value: u32,
}

impl Prefix {
    const fn of(levels: &[Tag]) -> Prefix {
        let (mut mask, mut value, mut i) = (0, 0, 0);
        while i < levels.len() {
            mask |= 0xFF << (8 * i);
            value |= (levels[i] as u32) << (8 * i);
            i += 1;
        }
        Prefix { mask, value }
    }
}

impl Pos {
    pub const fn new(levels: [Tag; 4]) -> Self {
        Pos(Prefix::of(&levels).value)
    }

    /// Decodes the four level strings (`*`: empty).
    pub fn parse(levels: [&str; 4]) -> Self {
        Pos::new(levels.map(Tag::parse))
    }

    pub fn levels(self) -> [Tag; 4] {
        self.0.to_le_bytes().map(|b| Tag::ALL[usize::from(b)])
    }

    /// True when the levels start with `prefix`.
    fn is(self, prefix: Prefix) -> bool {
        self.0 & prefix.mask == prefix.value
    }

    pub fn is_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun]) })
    }
    pub fn is_verb(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Verb]) })
    }
    pub fn is_adjective(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Adjective]) })
    }
    pub fn is_adverb(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Adverb]) })
    }
    pub fn is_adnominal(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Adnominal]) })
    }
    pub fn is_conjunction(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Conjunction]) })
    }
    pub fn is_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle]) })
    }
    pub fn is_auxiliary_verb(self) -> bool {
        self.is(const { Prefix::of(&[Tag::AuxiliaryVerb]) })
    }
    pub fn is_prefix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Prefix]) })
    }
    pub fn is_symbol(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Symbol]) })
    }

    // Nouns.
    /// 名詞,固有名詞.
    pub fn is_proper_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ProperNoun]) })
    }
    /// 名詞,固有名詞,人名.
    pub fn is_person_name(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ProperNoun, Tag::PersonName]) })
    }
    /// 名詞,固有名詞,人名,姓.
    pub fn is_surname(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ProperNoun, Tag::PersonName, Tag::Surname]) })
    }
    /// 名詞,固有名詞,人名,名.
    pub fn is_given_name(self) -> bool {
        self.is(
            const { Prefix::of(&[Tag::Noun, Tag::ProperNoun, Tag::PersonName, Tag::GivenName]) },
        )
    }
    /// 名詞,固有名詞,地域: a place.
    pub fn is_place_name(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ProperNoun, Tag::Region]) })
    }
    /// 名詞,固有名詞,地域,国.
    pub fn is_country_name(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ProperNoun, Tag::Region, Tag::Country]) })
    }
    /// 名詞,一般: a common noun.
    pub fn is_common_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::General]) })
    }
    /// 名詞,副詞可能: a noun that can stand as an adverb (今回, 一部).
    pub fn is_adverbial_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::AdverbialNoun]) })
    }
    /// 名詞,ナイ形容詞語幹: a noun that takes ない as an adjective (申し訳).
    pub fn is_nai_adjective_stem(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::NaiAdjectiveStem]) })
    }
    /// 名詞,サ変接続: a noun that takes する (重視).
    pub fn is_sahen_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Sahen]) })
    }
    /// 名詞,形容動詞語幹: the stem of a な-adjective (見事).
    pub fn is_adjectival_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::AdjectivalNounStem]) })
    }
    /// 名詞,数: digits and numerals.
    pub fn is_number(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Number]) })
    }
    /// 名詞,代名詞.
    pub fn is_pronoun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Pronoun]) })
    }
    /// 名詞,非自立: nouns that need a modifier (こと, ため).
    pub fn is_dependent_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::NonIndependent]) })
    }
    /// 名詞,接続詞的.
    pub fn is_conjunctive_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::ConjunctionLike]) })
    }
    /// 名詞,特殊.
    pub fn is_special_noun(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Special]) })
    }
    /// 名詞,接尾: a suffix (版, 氏, 年).
    pub fn is_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix]) })
    }
    /// 名詞,接尾,一般: a suffix that makes a kind of thing (展, 戦, 版, 的).
    pub fn is_general_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix, Tag::General]) })
    }
    /// 名詞,接尾,助数詞: a counter (年, 割, 円).
    pub fn is_counter(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix, Tag::Counter]) })
    }
    /// 助動詞語幹 at the third level (名詞,接尾 or 名詞,特殊 or 名詞,非自立): the stem of an
    /// auxiliary (下がりそう, 行くよう).
    pub fn is_auxiliary_stem(self) -> bool {
        self.levels()[2] == Tag::AuxiliaryStem
    }
    /// 名詞,接尾,人名: a suffix after a person's name (氏, さん).
    pub fn is_name_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix, Tag::PersonName]) })
    }
    /// 名詞,接尾,地域: a suffix that makes a place (市, 町, 県).
    pub fn is_place_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix, Tag::Region]) })
    }
    /// 名詞,接尾,副詞可能: a suffix of time or extent (後, 中).
    pub fn is_adverbial_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Noun, Tag::Suffix, Tag::AdverbialNoun]) })
    }
    /// 副詞可能 at any level: a noun that can stand as an adverb (今回, 一部, 後).
    pub fn is_adverbial(self) -> bool {
        self.0.to_le_bytes().contains(&(Tag::AdverbialNoun as u8))
    }

    // Verbs and adjectives.
    /// 動詞,自立.
    pub fn is_independent_verb(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Verb, Tag::Independent]) })
    }
    /// 動詞,非自立: auxiliary verbs such as いる in している.
    pub fn is_dependent_verb(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Verb, Tag::NonIndependent]) })
    }
    /// 動詞,接尾: voice suffixes (れる, させる).
    pub fn is_verb_suffix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Verb, Tag::Suffix]) })
    }
    /// 形容詞,自立.
    pub fn is_independent_adjective(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Adjective, Tag::Independent]) })
    }
    /// 形容詞,非自立 (〜やすい, 〜ほしい).
    pub fn is_dependent_adjective(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Adjective, Tag::NonIndependent]) })
    }

    // Particles.
    /// 助詞,格助詞.
    pub fn is_case_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::CaseParticle]) })
    }
    /// 助詞,格助詞,一般 (を, が, に).
    pub fn is_plain_case_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::CaseParticle, Tag::General]) })
    }
    /// 助詞,格助詞,連語: a compound particle IPADIC reads as one (として, をめぐって, に対して).
    pub fn is_compound_case_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::CaseParticle, Tag::Compound]) })
    }
    /// 助詞,格助詞,引用: quotative と.
    pub fn is_quotative_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::CaseParticle, Tag::Quotation]) })
    }
    /// 助詞,係助詞 (は, も).
    pub fn is_binding_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::BindingParticle]) })
    }
    /// 助詞,接続助詞 (て, ば, が).
    pub fn is_conjunctive_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::ConjunctiveParticle]) })
    }
    /// 助詞,終助詞 (よ, ね, か).
    pub fn is_final_particle(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::FinalParticle]) })
    }
    /// 助詞,連体化: the の that links two nouns.
    pub fn is_adnominalizer(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::Adnominalizer]) })
    }
    /// 助詞,副詞化: に after a な-adjective stem (緩やかに).
    pub fn is_adverbializer(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Particle, Tag::Adverbializer]) })
    }

    // Prefixes.
    /// 接頭詞,名詞接続 (前, 初, 新).
    pub fn is_noun_prefix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Prefix, Tag::NounConnection]) })
    }
    /// 接頭詞,数接続 (約, 第).
    pub fn is_number_prefix(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Prefix, Tag::NumberConnection]) })
    }

    // Symbols.
    /// 記号,句点 (。).
    pub fn is_period(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Symbol, Tag::Period]) })
    }
    /// 記号,読点 (、).
    pub fn is_comma(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Symbol, Tag::Comma]) })
    }
    /// 記号,括弧開.
    pub fn is_opening_bracket(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Symbol, Tag::OpeningBracket]) })
    }
    /// 記号,括弧閉.
    pub fn is_closing_bracket(self) -> bool {
        self.is(const { Prefix::of(&[Tag::Symbol, Tag::ClosingBracket]) })
    }
}

impl fmt::Display for Pos {
    /// As IPADIC writes it: `名詞,サ変接続,*,*`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, tag) in self.levels().iter().enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            f.write_str(tag.as_str())?;
        }
        Ok(())
    }
}

named_enum! {
    /// A conjugation form (活用形), as IPADIC names it.
    pub enum Conjugation {
        /// `*`: the word does not conjugate.
        None = "*",
        /// A string that is not one of IPADIC's (possible in a user dictionary).
        Unlisted = "?",
        Basic = "基本形",
        BasicGeminate = "基本形-促音便",
        LiteraryBasic = "文語基本形",
        ModernBasic = "現代基本形",
        EuphonicBasic = "音便基本形",
        Irrealis = "未然形",
        IrrealisU = "未然ウ接続",
        IrrealisNu = "未然ヌ接続",
        IrrealisReru = "未然レル接続",
        IrrealisSpecial = "未然特殊",
        Continuative = "連用形",
        ContinuativeTa = "連用タ接続",
        ContinuativeTe = "連用テ接続",
        ContinuativeDe = "連用デ接続",
        ContinuativeNi = "連用ニ接続",
        ContinuativeGozai = "連用ゴザイ接続",
        Attributive = "体言接続",
        AttributiveSpecial = "体言接続特殊",
        AttributiveSpecial2 = "体言接続特殊２",
        Conditional = "仮定形",
        ConditionalContracted1 = "仮定縮約１",
        ConditionalContracted2 = "仮定縮約２",
        ImperativeE = "命令ｅ",
        ImperativeI = "命令ｉ",
        ImperativeRo = "命令ｒｏ",
        ImperativeYo = "命令ｙｏ",
        Garu = "ガル接続",
    }
}

impl Conjugation {
    /// The form IPADIC writes as `s` (`*`: none); [`Conjugation::Unlisted`] for any other
    /// string.
    pub fn parse(s: &str) -> Conjugation {
        Conjugation::from_text(s).unwrap_or(Conjugation::Unlisted)
    }

    /// 基本形 (also 基本形-促音便): the plain non-past form.
    pub fn is_basic(self) -> bool {
        matches!(self, Conjugation::Basic | Conjugation::BasicGeminate)
    }

    /// 連用形: the continuative form, also a verb's noun (打ち上げ of 打ち上げ数).
    pub fn is_continuative(self) -> bool {
        matches!(self, Conjugation::Continuative)
    }

    /// 体言接続 and its special forms: before a noun.
    pub fn is_attributive(self) -> bool {
        matches!(
            self,
            Conjugation::Attributive
                | Conjugation::AttributiveSpecial
                | Conjugation::AttributiveSpecial2
        )
    }

    /// 仮定形 and its contractions (すれば, すりゃ).
    pub fn is_conditional(self) -> bool {
        matches!(
            self,
            Conjugation::Conditional
                | Conjugation::ConditionalContracted1
                | Conjugation::ConditionalContracted2
        )
    }

    /// 命令形 of any ending (せよ, しろ).
    pub fn is_imperative(self) -> bool {
        matches!(
            self,
            Conjugation::ImperativeE
                | Conjugation::ImperativeI
                | Conjugation::ImperativeRo
                | Conjugation::ImperativeYo
        )
    }
}

impl fmt::Display for Conjugation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A `pos:` condition of a token pattern: up to four levels, `None` for `*` (any).
pub type PosPattern = Vec<Option<Tag>>;

/// Why a `pos:` condition names no POS of [`TAG_SET`]: the level (0-based) whose value is
/// wrong, and a message with the closest valid value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosPatternError {
    pub level: usize,
    pub message: String,
}

/// Parses `pos:` levels (NFKC-normalised, as rule text is) against [`TAG_SET`]: each level
/// must be `*` or a value that follows the levels before it in some POS of the set.
pub fn parse_pos_pattern(levels: &[&str]) -> Result<PosPattern, PosPatternError> {
    // Rule text is NFKC, so tags are compared in that form (副助詞／並立助詞／終助詞 has ／).
    static WRITTEN: LazyLock<Box<[String]>> = LazyLock::new(|| {
        Tag::ALL
            .iter()
            .map(|t| t.as_str().nfkc().collect())
            .collect()
    });
    let written = |t: Tag| WRITTEN[t as usize].as_str();
    let mut out: PosPattern = Vec::with_capacity(levels.len());
    for (level, &want) in levels.iter().enumerate() {
        if want == "*" {
            out.push(None);
            continue;
        }
        // The values this level can take after the levels before it.
        let mut valid: Vec<Tag> = TAG_SET
            .iter()
            .filter(|pos| {
                out.iter()
                    .zip(pos.iter())
                    .all(|(w, have)| w.is_none_or(|w| w == *have))
            })
            .map(|pos| pos[level])
            .filter(|t| *t != Tag::Empty)
            .collect();
        valid.sort();
        valid.dedup();
        match valid.iter().find(|&&t| written(t) == want) {
            Some(&tag) => out.push(Some(tag)),
            None => {
                let before = levels[..level].join(",");
                let context = if level == 0 {
                    String::new()
                } else {
                    format!(" after `{before}`")
                };
                let names: Vec<&str> = valid.iter().map(|&t| written(t)).collect();
                let closest = names
                    .iter()
                    .map(|n| (strsim::levenshtein(want, n), n))
                    .min()
                    .filter(|(d, n)| *d <= 2.max(n.chars().count() / 2));
                let message = if names.is_empty() {
                    format!("no POS has a level {} after `{before}`", level + 1)
                } else if let Some((_, n)) = closest {
                    format!("unknown POS `{want}`{context}; did you mean `{n}`?")
                } else {
                    format!(
                        "unknown POS `{want}`{context}; valid here: {}",
                        names.join(", ")
                    )
                };
                return Err(PosPatternError { level, message });
            }
        }
    }
    Ok(out)
}

/// True when `pos` has the levels of `pattern` (`None` matching anything).
pub fn pos_matches(pattern: &[Option<Tag>], pos: Pos) -> bool {
    pattern
        .iter()
        .zip(pos.levels())
        .all(|(want, have)| want.is_none_or(|w| w == have))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_their_strings() {
        for &tag in Tag::ALL {
            if tag != Tag::Unlisted && tag != Tag::Empty {
                assert_eq!(Tag::parse(tag.as_str()), tag);
            }
        }
        assert_eq!(Tag::parse("名詞ではない"), Tag::Unlisted);
        for &form in Conjugation::ALL {
            if form != Conjugation::Unlisted {
                assert_eq!(Conjugation::parse(form.as_str()), form);
            }
        }
        let pos = Pos::parse(["名詞", "サ変接続", "*", "*"]);
        assert_eq!(pos.to_string(), "名詞,サ変接続,*,*");
        assert!(pos.is_noun() && pos.is_sahen_noun() && !pos.is_verb());
    }

    #[test]
    fn the_tag_set_is_distinct_and_every_tag_is_used() {
        let mut seen = TAG_SET.to_vec();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), TAG_SET.len());
        assert_eq!(TAG_SET.len(), 69);
        for tags in TAG_SET {
            assert_eq!(Pos::new(*tags).levels(), *tags);
        }
        for &tag in Tag::ALL {
            let used = TAG_SET.iter().any(|p| p.contains(&tag));
            assert_eq!(used, tag != Tag::Unlisted, "{tag:?}");
        }
    }

    #[test]
    fn predicates_follow_the_levels() {
        let p = |s: &str| {
            let l: Vec<&str> = s.split(',').collect();
            Pos::parse([l[0], l[1], l[2], l[3]])
        };
        let surname = p("名詞,固有名詞,人名,姓");
        assert!(surname.is_noun() && surname.is_proper_noun() && surname.is_person_name());
        assert!(surname.is_surname() && !surname.is_given_name());
        assert!(p("名詞,接尾,助数詞,*").is_counter());
        assert!(p("名詞,接尾,助数詞,*").is_suffix());
        assert!(p("名詞,非自立,副詞可能,*").is_adverbial());
        assert!(p("名詞,副詞可能,*,*").is_adverbial());
        assert!(!p("名詞,一般,*,*").is_adverbial());
        assert!(p("助詞,格助詞,引用,*").is_quotative_particle());
        assert!(!p("助詞,格助詞,引用,*").is_plain_case_particle());
        assert!(p("動詞,自立,*,*").is_independent_verb());
        assert!(p("記号,読点,*,*").is_comma());
        assert!(Conjugation::parse("仮定縮約１").is_conditional());
        assert!(Conjugation::parse("基本形-促音便").is_basic());
        assert!(!Conjugation::parse("文語基本形").is_basic());
        assert!(Conjugation::parse("命令ｒｏ").is_imperative());
    }

    #[test]
    fn pos_patterns_are_checked_level_by_level() {
        let ok = |s: &str| parse_pos_pattern(&s.split(',').collect::<Vec<_>>());
        assert_eq!(ok("名詞").unwrap(), vec![Some(Tag::Noun)]);
        assert_eq!(
            ok("名詞,*,人名").unwrap(),
            vec![Some(Tag::Noun), None, Some(Tag::PersonName)]
        );
        // Written the way rule text is normalised (NFKC: full-width ／ becomes /).
        assert!(ok("助詞,副助詞/並立助詞/終助詞").is_ok());
        let err = ok("名刺").unwrap_err();
        assert_eq!(err.level, 0);
        assert_eq!(err.message, "unknown POS `名刺`; did you mean `名詞`?");
        let err = ok("名詞,サ変接続,人名").unwrap_err();
        assert_eq!(err.level, 2);
        assert!(
            err.message.contains("no POS has a level 3"),
            "{}",
            err.message
        );
        let err = ok("動詞,固有名詞").unwrap_err();
        assert_eq!(err.level, 1);
        assert!(
            err.message.contains("after `動詞`") && err.message.contains("自立"),
            "{}",
            err.message
        );
    }

    #[test]
    fn patterns_match_by_prefix() {
        let pos = Pos::new([Tag::Noun, Tag::ProperNoun, Tag::PersonName, Tag::Surname]);
        assert!(pos_matches(&[Some(Tag::Noun)], pos));
        assert!(pos_matches(
            &[Some(Tag::Noun), None, Some(Tag::PersonName)],
            pos
        ));
        assert!(!pos_matches(&[Some(Tag::Verb)], pos));
        assert!(pos_matches(&[], pos));
    }
}
