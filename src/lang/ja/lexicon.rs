//! Lexicons: the Japanese word lists the rule kinds share, as YAML data.
//!
//! The lists live in `lexicons/*.yaml` next to this file, embedded in the binary and parsed
//! once. Each word is written once: where two kinds need different lists, one lexicon
//! `include`s another and adds its own words (`generic-predicates` is `light-verbs` plus
//! a few), rather than repeating it. A word is kept as written and in NFKC form, the form
//! the analysed text has (ＣＥＯ is also CEO).
//!
//! A rule file changes them for itself with one semantics, the same for every lexicon and
//! kind (docs/rules.md, "Lexicons"):
//!
//! ```yaml
//! lexicons:
//!   titles: {add: [顧問, 相談役]}
//!   generic-predicates: {remove: [考える]}
//!   linking-particles: {replace: [の]}
//! ```
//!
//! `replace` sets the lexicon's own words and drops what it includes; then `add` adds and
//! `remove` removes (a removed word must be there). An edit reaches every lexicon that
//! includes the edited one: adding to `titles` adds to `name-suffixes` too.

use std::collections::BTreeMap;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::algo::hash::FastHashSet;

named_enum! {
    /// A lexicon, by the name it has in the YAML files and in `lexicons:` keys.
    pub enum LexiconId {
        Honorifics = "honorifics",
        PersonMarkers = "person-markers",
        NameSuffixes = "name-suffixes",
        PersonalTitles = "personal-titles",
        Titles = "titles",
        TitlePrefixes = "title-prefixes",
        OfficeTitles = "office-titles",
        CountryAbbreviations = "country-abbreviations",
        LightVerbs = "light-verbs",
        ClaimlessVerbs = "claimless-verbs",
        GenericPredicates = "generic-predicates",
        HedgingAdverbs = "hedging-adverbs",
        NotYetAdverbs = "not-yet-adverbs",
        ModalWords = "modal-words",
        ModalAuxiliaries = "modal-auxiliaries",
        ConditionalParticles = "conditional-particles",
        QuestionParticles = "question-particles",
        NegativeAuxiliaries = "negative-auxiliaries",
        DenyingVerbs = "denying-verbs",
        NegatingPrefixes = "negating-prefixes",
        PredicateNouns = "predicate-nouns",
        AchievingVerbs = "achieving-verbs",
        RoleTakingVerbs = "role-taking-verbs",
        PastMarkers = "past-markers",
        TurningPoints = "turning-points",
        EarlierStates = "earlier-states",
        TitleAnnotations = "title-annotations",
        SentenceBrackets = "sentence-brackets",
        Brackets = "brackets",
        SentenceTerminators = "sentence-terminators",
        ClauseDelimiters = "clause-delimiters",
        NoteMarks = "note-marks",
        PluralSuffixes = "plural-suffixes",
        NonCompounding = "non-compounding",
        StanceNouns = "stance-nouns",
        PlanNouns = "plan-nouns",
        PartialSubjects = "partial-subjects",
        AnaphoricSubjects = "anaphoric-subjects",
        LinkingParticles = "linking-particles",
        FunctionalAfterNi = "functional-after-ni",
        FunctionalAfterWo = "functional-after-wo",
        ReportingVerbs = "reporting-verbs",
        FramesBeforeNi = "frames-before-ni",
        QuantityQualifiers = "quantity-qualifiers",
        PresentQualifiers = "present-qualifiers",
        OtherTimes = "other-times",
        StanceDurations = "stance-durations",
        KanjiVariants = "kanji-variants",
        AmountFillers = "amount-fillers",
        ChangeMarkers = "change-markers",
        QuantityNameSuffixes = "quantity-name-suffixes",
        ForecastWords = "forecast-words",
        MilestoneWords = "milestone-words",
        OutcomeWords = "outcome-words",
        CourtStages = "court-stages",
        PartHeads = "part-heads",
        EstimateVerbs = "estimate-verbs",
        ClockPeriods = "clock-periods",
        IncreaseSuffixes = "increase-suffixes",
        DecreaseSuffixes = "decrease-suffixes",
        HeadlineFraming = "headline-framing",
        EventClaims = "event-claims",
        CommonInitialisms = "common-initialisms",
        CountryInitials = "country-initials",
        EnumeratorLabels = "enumerator-labels",
        DifferenceWords = "difference-words",
        ItemCounters = "item-counters",
        RankWords = "rank-words",
        PlaceSuffixes = "place-suffixes",
        DecisionVerbs = "decision-verbs",
        UndecidedWords = "undecided-words",
        TimingNouns = "timing-nouns",
        AspectNouns = "aspect-nouns",
        EventTimes = "event-times",
        CompletionWords = "completion-words",
        DisclosureWords = "disclosure-words",
        PlanWords = "plan-words",
        PendingSteps = "pending-steps",
        EventCounters = "event-counters",
    }
}

impl LexiconId {
    /// How many characters each entry has, for lexicons of characters: brackets are an
    /// opening and a closing character, punctuation one.
    fn entry_chars(self) -> Option<usize> {
        match self {
            LexiconId::SentenceBrackets | LexiconId::Brackets => Some(2),
            LexiconId::SentenceTerminators | LexiconId::ClauseDelimiters | LexiconId::NoteMarks => {
                Some(1)
            }
            _ => None,
        }
    }

    /// Read by the document parser, before any rule runs: a rule cannot change it.
    fn fixed(self) -> bool {
        matches!(
            self,
            LexiconId::SentenceBrackets | LexiconId::SentenceTerminators
        )
    }

    /// What the lexicon holds, as its file describes it.
    pub fn description(self) -> &'static str {
        &DEFINITIONS.lexicons[self as usize].description
    }

    /// True when an edit of `self` reaches `other`: it is `other`, or `other` includes it
    /// (directly or through another lexicon).
    pub fn reaches(self, other: LexiconId) -> bool {
        self == other
            || DEFINITIONS.lexicons[other as usize]
                .include
                .iter()
                .any(|&inner| self.reaches(inner))
    }
}

/// The lexicon files, by name (in `lexicons/`), given to `$embed`.
macro_rules! lexicon_files {
    ($embed:ident) => {
        $embed![
            "brackets.yaml",
            "hedges.yaml",
            "honorifics.yaml",
            "light-verbs.yaml",
            "negations.yaml",
            "nouns.yaml",
            "particles.yaml",
            "quantities.yaml",
            "headlines.yaml",
            "punctuation.yaml",
            "time-qualifiers.yaml",
            "titles.yaml",
        ]
    };
}

/// The files as JSON (build.rs writes `lexicon-<file>.json`): JSON parses several times faster
/// than YAML, and this is read on every start.
macro_rules! json_of {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!(env!("OUT_DIR"), "/lexicon-", $name, ".json")))),*]
    };
}

/// The files as written.
#[cfg(test)]
macro_rules! yaml_of {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("lexicons/", $name)))),*]
    };
}

/// The embedded lexicon files, as JSON: what a run reads.
const JSON_FILES: &[(&str, &str)] = lexicon_files!(json_of);

/// The lexicon files as written: what tests check `JSON_FILES` against.
#[cfg(test)]
const FILES: &[(&str, &str)] = lexicon_files!(yaml_of);

/// One lexicon as a file defines it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Definition {
    /// What the words are and which kinds read them.
    description: String,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    words: Vec<String>,
}

/// A lexicon's definition, checked: what it includes and its own words.
#[derive(Debug, Default)]
struct Checked {
    description: String,
    include: Vec<LexiconId>,
    words: Vec<Box<str>>,
}

/// Every lexicon's definition, indexed by [`LexiconId`], and an order in which each comes
/// after what it includes.
#[derive(Debug)]
struct Definitions {
    lexicons: Vec<Checked>,
    order: Vec<LexiconId>,
}

static DEFINITIONS: LazyLock<Definitions> =
    LazyLock::new(|| match Definitions::parse_json(JSON_FILES) {
        Ok(d) => d,
        // The files are embedded and checked by a test; this is a broken build.
        Err(problems) => panic!(
            "the built-in lexicons are invalid:\n{}",
            problems.join("\n")
        ),
    });

/// How a word is stored: as written and, when that differs, in NFKC form (the analysed text
/// is NFKC, so that is the form found in it; a full-width ； in the data is also ;).
fn forms(word: &str) -> Vec<Box<str>> {
    let normal: String = word.nfkc().collect();
    if normal == word {
        vec![word.into()]
    } else {
        vec![word.into(), normal.into()]
    }
}

impl Definitions {
    /// Parses and checks the files: every lexicon defined once, includes known and acyclic,
    /// words non-empty and of the right shape.
    #[cfg(test)]
    fn parse(files: &[(&str, &str)]) -> Result<Definitions, Vec<String>> {
        Definitions::parse_by(files, |text| {
            serde_yaml::from_str(text).map_err(|e| e.to_string())
        })
    }

    /// [`Definitions::parse`] of the files' JSON form.
    fn parse_json(files: &[(&str, &str)]) -> Result<Definitions, Vec<String>> {
        Definitions::parse_by(files, |text| {
            serde_json::from_str(text).map_err(|e| e.to_string())
        })
    }

    fn parse_by(
        files: &[(&str, &str)],
        read: impl Fn(&str) -> Result<BTreeMap<String, Definition>, String>,
    ) -> Result<Definitions, Vec<String>> {
        let mut problems = Vec::new();
        let mut found: Vec<Option<Checked>> = LexiconId::ALL.iter().map(|_| None).collect();
        for (file, text) in files {
            let parsed: BTreeMap<String, Definition> = match read(text) {
                Ok(p) => p,
                Err(e) => {
                    problems.push(format!("{file}: {e}"));
                    continue;
                }
            };
            for (name, def) in parsed {
                let Some(id) = LexiconId::from_text(&name) else {
                    problems.push(format!("{file}: `{name}` is not a lexicon seigo knows"));
                    continue;
                };
                if found[id as usize].is_some() {
                    problems.push(format!("{file}: `{name}` is defined twice"));
                }
                let mut include = Vec::new();
                for inner in &def.include {
                    match LexiconId::from_text(inner) {
                        Some(i) => include.push(i),
                        None => problems.push(format!("{file}: `{name}` includes `{inner}`")),
                    }
                }
                let words: Vec<Box<str>> = def.words.iter().flat_map(|w| forms(w)).collect();
                for w in &words {
                    if let Err(why) = check_entry(id, w) {
                        problems.push(format!("{file}: `{name}`: {why}"));
                    }
                }
                found[id as usize] = Some(Checked {
                    description: def.description,
                    include,
                    words,
                });
            }
        }
        for &id in LexiconId::ALL {
            if found[id as usize].is_none() {
                problems.push(format!("no file defines `{}`", id.as_str()));
            }
        }
        let lexicons: Vec<Checked> = found.into_iter().map(Option::unwrap_or_default).collect();
        let order = include_order(&lexicons).unwrap_or_else(|cycle| {
            problems.push(format!("`{}` includes itself", cycle.as_str()));
            Vec::new()
        });
        if problems.is_empty() {
            Ok(Definitions { lexicons, order })
        } else {
            Err(problems)
        }
    }
}

/// The lexicons in an order where each comes after everything it includes, or one lexicon
/// on a cycle of includes.
fn include_order(lexicons: &[Checked]) -> Result<Vec<LexiconId>, LexiconId> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn visit(
        id: LexiconId,
        lexicons: &[Checked],
        marks: &mut [Mark],
        order: &mut Vec<LexiconId>,
    ) -> Result<(), LexiconId> {
        match marks[id as usize] {
            Mark::Done => return Ok(()),
            Mark::Open => return Err(id),
            Mark::New => {}
        }
        marks[id as usize] = Mark::Open;
        for &inner in &lexicons[id as usize].include {
            visit(inner, lexicons, marks, order)?;
        }
        marks[id as usize] = Mark::Done;
        order.push(id);
        Ok(())
    }
    let mut marks = vec![Mark::New; lexicons.len()];
    let mut order = Vec::with_capacity(lexicons.len());
    for &id in LexiconId::ALL {
        visit(id, lexicons, &mut marks, &mut order)?;
    }
    Ok(order)
}

/// Whether `word` can be an entry of `id`.
fn check_entry(id: LexiconId, word: &str) -> Result<(), String> {
    if word.trim().is_empty() {
        return Err("an empty word".into());
    }
    match id.entry_chars() {
        Some(n) if word.chars().count() != n => Err(format!(
            "`{word}` is not {} (each entry of `{}` is {})",
            if n == 1 {
                "one character".to_string()
            } else {
                format!("{n} characters")
            },
            id.as_str(),
            if n == 2 {
                "an opening and a closing bracket"
            } else {
                "one character"
            }
        )),
        _ => Ok(()),
    }
}

/// One lexicon's change in a `lexicons:` key: words to add and to remove, or a list that
/// replaces its own words (and drops what it includes).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LexiconEdit {
    /// Words added to the lexicon.
    #[serde(default)]
    pub add: Vec<String>,
    /// Words removed from the lexicon; each must be in it.
    #[serde(default)]
    pub remove: Vec<String>,
    /// The lexicon's words instead of the built-in ones (before `add` and `remove`).
    #[serde(default)]
    pub replace: Option<Vec<String>>,
}

impl LexiconEdit {
    /// An edit that adds `words`.
    pub fn adding(words: Vec<String>) -> Self {
        LexiconEdit {
            add: words,
            ..LexiconEdit::default()
        }
    }

    /// An edit that replaces the lexicon with `words`.
    pub fn replacing(words: Vec<String>) -> Self {
        LexiconEdit {
            replace: Some(words),
            ..LexiconEdit::default()
        }
    }
}

/// A `lexicons:` key: edits by lexicon name.
pub type LexiconEdits = BTreeMap<String, LexiconEdit>;

/// A problem with an edit, for the caller to locate: the lexicon name as written, the
/// operation (`add`, `remove`, `replace`) and the word, when one is to blame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub lexicon: String,
    pub operation: Option<&'static str>,
    pub word: Option<String>,
    pub message: String,
    pub help: Option<String>,
}

/// A resolved lexicon: its words, included ones and edits applied.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: FastHashSet<Box<str>>,
    /// Bit `n` is set when a word is `n` bytes long (`n` < 64; bit 63 for longer words): a
    /// token of another length is rejected without hashing it, which is what most lookups
    /// (one per token in some kinds) come to.
    lengths: u64,
}

impl WordSet {
    fn new(words: FastHashSet<Box<str>>) -> Self {
        let lengths = words.iter().fold(0, |bits, w| bits | length_bit(w));
        WordSet { words, lengths }
    }

    pub fn contains(&self, word: &str) -> bool {
        self.lengths & length_bit(word) != 0 && self.words.contains(word)
    }

    /// The words, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| &**w)
    }

    /// The words sorted, for output that must not depend on hashing.
    pub fn sorted(&self) -> Vec<&str> {
        let mut words: Vec<&str> = self.iter().collect();
        words.sort_unstable();
        words
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The first characters of the entries (for bracket lexicons, the openers).
    pub fn first_chars(&self) -> CharSet {
        CharSet::new(self.iter().filter_map(|w| w.chars().next()))
    }

    /// The second characters of the entries (for bracket lexicons, the closers).
    pub fn second_chars(&self) -> CharSet {
        CharSet::new(self.iter().filter_map(|w| w.chars().nth(1)))
    }
}

/// A few characters, tested once per character of a text (the sentence splitter, clause
/// cutting): one bit per code point of the Basic Multilingual Plane, so a test is two loads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CharSet {
    /// Sorted.
    chars: Vec<char>,
    /// Bit `c % 64` of word `c / 64` is set for each member `c` below U+10000.
    bmp: Box<[u64]>,
}

impl CharSet {
    fn new(chars: impl IntoIterator<Item = char>) -> Self {
        let mut chars: Vec<char> = chars.into_iter().collect();
        chars.sort_unstable();
        chars.dedup();
        let mut bmp = vec![0u64; 0x10000 / 64].into_boxed_slice();
        for &c in &chars {
            let code = u32::from(c) as usize;
            if code < 0x10000 {
                bmp[code / 64] |= 1 << (code % 64);
            }
        }
        CharSet { chars, bmp }
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let code = u32::from(c) as usize;
        match self.bmp.get(code / 64) {
            Some(word) => word >> (code % 64) & 1 != 0,
            None => self.chars.contains(&c),
        }
    }

    /// The members, sorted.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The characters of both sets.
    pub fn union(&self, other: &CharSet) -> CharSet {
        CharSet::new(self.chars.iter().chain(&other.chars).copied())
    }
}

fn length_bit(word: &str) -> u64 {
    1 << word.len().min(63)
}

/// Every lexicon, resolved. The built-in ones are shared ([`Lexicons::builtin`]); a rule
/// with `lexicons:` edits gets its own ([`Lexicons::edited`]).
#[derive(Debug, Clone)]
pub struct Lexicons {
    sets: Vec<WordSet>,
}

impl Lexicons {
    /// The lexicons as built in.
    pub fn builtin() -> &'static Arc<Lexicons> {
        static BUILTIN: LazyLock<Arc<Lexicons>> = LazyLock::new(|| {
            Arc::new(Lexicons::resolve(&[]).expect("no edits, nothing to reject"))
        });
        &BUILTIN
    }

    /// The built-in lexicons with `layers` of edits applied in order (a later layer edits
    /// the result of the earlier ones). All problems are returned.
    pub fn edited(layers: &[&LexiconEdits]) -> Result<Arc<Lexicons>, Vec<LexiconError>> {
        if layers.iter().all(|l| l.is_empty()) {
            return Ok(Lexicons::builtin().clone());
        }
        Lexicons::resolve(layers).map(Arc::new)
    }

    fn resolve<'a>(layers: &[&'a LexiconEdits]) -> Result<Lexicons, Vec<LexiconError>> {
        let defs = &*DEFINITIONS;
        let mut errors = Vec::new();
        // Edits by lexicon, per layer, after checking the names.
        let mut by_id: Vec<Vec<(&str, &'a LexiconEdit)>> = vec![Vec::new(); LexiconId::ALL.len()];
        for layer in layers {
            for (name, edit) in layer.iter() {
                let error = |message: String, help: Option<String>| LexiconError {
                    lexicon: name.clone(),
                    operation: None,
                    word: None,
                    message,
                    help,
                };
                match LexiconId::from_text(name) {
                    None => errors.push(error(
                        format!("unknown lexicon `{name}`"),
                        Some(suggest(name)),
                    )),
                    Some(id) if id.fixed() => errors.push(error(
                        format!(
                            "lexicon `{name}` is read before any rule runs; a rule cannot change it"
                        ),
                        None,
                    )),
                    Some(id) => by_id[id as usize].push((name, edit)),
                }
            }
        }
        let mut sets: Vec<Option<WordSet>> = vec![None; LexiconId::ALL.len()];
        for &id in &defs.order {
            let def = &defs.lexicons[id as usize];
            let mut words: FastHashSet<Box<str>> = def.words.iter().cloned().collect();
            for &inner in &def.include {
                let inner = sets[inner as usize].as_ref().expect("includes come first");
                words.extend(inner.words.iter().cloned());
            }
            for &(name, edit) in &by_id[id as usize] {
                // Each valid word of `list`, as written, with its stored forms.
                let mut checked = |operation: &'static str, list: &'a [String]| {
                    let mut out: Vec<(&'a String, Vec<Box<str>>)> = Vec::new();
                    for w in list {
                        let stored = forms(w);
                        match stored.iter().try_for_each(|f| check_entry(id, f)) {
                            Ok(()) => out.push((w, stored)),
                            Err(message) => errors.push(LexiconError {
                                lexicon: name.to_string(),
                                operation: Some(operation),
                                word: Some(w.clone()),
                                message,
                                help: None,
                            }),
                        }
                    }
                    out
                };
                if let Some(list) = &edit.replace {
                    words = checked("replace", list)
                        .into_iter()
                        .flat_map(|(_, stored)| stored)
                        .collect();
                }
                words.extend(checked("add", &edit.add).into_iter().flat_map(|(_, s)| s));
                for (written, stored) in checked("remove", &edit.remove) {
                    let mut removed = false;
                    for form in &stored {
                        removed |= words.remove(form);
                    }
                    if !removed {
                        errors.push(LexiconError {
                            lexicon: name.to_string(),
                            operation: Some("remove"),
                            word: Some(written.clone()),
                            message: format!("`{written}` is not in lexicon `{name}`"),
                            help: None,
                        });
                    }
                }
            }
            sets[id as usize] = Some(WordSet::new(words));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Lexicons {
            sets: sets.into_iter().map(Option::unwrap_or_default).collect(),
        })
    }

    pub fn get(&self, id: LexiconId) -> &WordSet {
        &self.sets[id as usize]
    }

    /// True when lexicon `id` has `word`.
    pub fn contains(&self, id: LexiconId, word: &str) -> bool {
        self.get(id).contains(word)
    }
}

/// "did you mean" for a lexicon name, or the list of names.
fn suggest(name: &str) -> String {
    let names: Vec<&str> = LexiconId::ALL.iter().map(|l| l.as_str()).collect();
    match names
        .iter()
        .map(|n| (strsim::damerau_levenshtein(name, n), *n))
        .min()
    {
        Some((d, n)) if d <= 3 => format!("did you mean `{n}`?"),
        _ => format!("lexicons: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edits(yaml: &str) -> LexiconEdits {
        serde_yaml::from_str(yaml).expect("valid edits")
    }

    #[test]
    fn the_builtin_files_define_every_lexicon_once() {
        let defs = Definitions::parse(FILES).expect("valid");
        assert_eq!(defs.order.len(), LexiconId::ALL.len());
        let lex = Lexicons::builtin();
        for &id in LexiconId::ALL {
            assert!(!lex.get(id).is_empty(), "{}", id.as_str());
            assert!(!id.description().trim().is_empty(), "{}", id.as_str());
            assert_eq!(LexiconId::from_text(id.as_str()), Some(id));
        }
    }

    /// What a run reads (the JSON build.rs embeds) is what the YAML files say, file by file.
    #[test]
    fn the_embedded_json_is_the_yaml_files() {
        let yaml = format!("{:?}", Definitions::parse(FILES).expect("valid"));
        let json = format!("{:?}", Definitions::parse_json(JSON_FILES).expect("valid"));
        assert_eq!(json, yaml);
        assert!(yaml.contains("今年"), "the definitions are read");
    }

    /// No word is written twice: not in two lexicons where one includes the other, and not
    /// in two lexicons that a third includes both of. Lexicons for unrelated purposes may
    /// share a word (よう is a modal word and an auxiliary).
    #[test]
    fn each_word_is_written_once_per_family() {
        let defs = Definitions::parse(FILES).expect("valid");
        for &outer in LexiconId::ALL {
            let mut seen: BTreeMap<&str, LexiconId> = BTreeMap::new();
            for &id in LexiconId::ALL {
                if !id.reaches(outer) {
                    continue;
                }
                for w in &defs.lexicons[id as usize].words {
                    if let Some(other) = seen.insert(w, id) {
                        panic!(
                            "`{w}` is written in `{}` and `{}`, both part of `{}`",
                            other.as_str(),
                            id.as_str(),
                            outer.as_str()
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn includes_compose_lexicons() {
        let lex = Lexicons::builtin();
        // name-suffixes = honorifics + titles (+ personal-titles through titles).
        for w in ["氏", "大統領", "容疑者"] {
            assert!(lex.contains(LexiconId::NameSuffixes, w), "{w}");
        }
        assert!(lex.contains(LexiconId::PersonMarkers, "容疑者"));
        assert!(!lex.contains(LexiconId::PersonMarkers, "大統領"));
        assert!(lex.contains(LexiconId::GenericPredicates, "する"));
        assert!(lex.contains(LexiconId::ClaimlessVerbs, "する"));
        assert!(!lex.contains(LexiconId::GenericPredicates, "行う"));
        assert!(LexiconId::Honorifics.reaches(LexiconId::NameSuffixes));
        assert!(LexiconId::PersonalTitles.reaches(LexiconId::NameSuffixes));
        assert!(!LexiconId::TitlePrefixes.reaches(LexiconId::NameSuffixes));
        // Brackets come in pairs; a full-width one stands for its ASCII form too.
        let sentence = lex.get(LexiconId::SentenceBrackets);
        assert_eq!(
            sentence.first_chars().chars(),
            ['(', '「', '『', '【', '（']
        );
        assert_eq!(
            sentence.second_chars().chars(),
            [')', '」', '』', '】', '）']
        );
        assert_eq!(lex.get(LexiconId::Brackets).len(), 9);
        let terminators = lex.get(LexiconId::SentenceTerminators).first_chars();
        assert_eq!(terminators.chars(), ['!', '?', '。', '！', '？']);
        // The filter never rejects a member, whatever its code point.
        for c in (0..=0x3100).filter_map(char::from_u32) {
            assert_eq!(
                terminators.contains(c),
                terminators.chars().contains(&c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn edits_add_remove_and_replace_and_reach_includers() {
        let lex = Lexicons::edited(&[&edits(
            "titles: {add: [顧問]}\nhonorifics: {remove: [殿]}\nlinking-particles: {replace: [の]}\n",
        )])
        .expect("valid");
        assert!(lex.contains(LexiconId::Titles, "顧問"));
        assert!(
            lex.contains(LexiconId::NameSuffixes, "顧問"),
            "reaches the includer"
        );
        assert!(!lex.contains(LexiconId::PersonMarkers, "顧問"));
        assert!(!lex.contains(LexiconId::NameSuffixes, "殿"));
        assert!(!lex.contains(LexiconId::PersonMarkers, "殿"));
        assert_eq!(lex.get(LexiconId::LinkingParticles).sorted(), vec!["の"]);
        // The built-in lexicons are untouched.
        assert!(!Lexicons::builtin().contains(LexiconId::Titles, "顧問"));
        // Replace drops what a lexicon includes; later layers edit earlier ones' result.
        let first = edits("generic-predicates: {replace: [言う]}\n");
        let second = edits("generic-predicates: {add: [語る]}\nlight-verbs: {add: [やる]}\n");
        let lex = Lexicons::edited(&[&first, &second]).expect("valid");
        assert_eq!(
            lex.get(LexiconId::GenericPredicates).sorted(),
            vec!["言う", "語る"]
        );
        assert!(lex.contains(LexiconId::ClaimlessVerbs, "やる"));
        // Words are kept as written and as the analysed text has them: ＣＴＯ is CTO.
        let lex = Lexicons::edited(&[&edits("titles: {add: [ＣＴＯ]}\n")]).expect("valid");
        assert!(lex.contains(LexiconId::Titles, "CTO"));
        assert!(lex.contains(LexiconId::Titles, "ＣＴＯ"));
        let lex = Lexicons::edited(&[&edits("titles: {remove: [ＣＴＯ]}\n")]);
        assert!(lex.is_err(), "not there in either form");
        // No edits: the shared built-in lexicons.
        let none = LexiconEdits::new();
        assert!(Arc::ptr_eq(
            &Lexicons::edited(&[&none]).expect("valid"),
            Lexicons::builtin()
        ));
    }

    #[test]
    fn bad_edits_are_reported_each() {
        let errors = Lexicons::edited(&[&edits(
            "title: {add: [顧問]}\nhonorifics: {remove: [閣下], add: ['']}\nbrackets: {add: [〔]}\nsentence-brackets: {add: [〔〕]}\n",
        )])
        .unwrap_err();
        let shown: Vec<String> = errors
            .iter()
            .map(|e| {
                format!(
                    "{} {:?} {:?}: {}{}",
                    e.lexicon,
                    e.operation,
                    e.word,
                    e.message,
                    e.help
                        .as_deref()
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            shown,
            [
                "sentence-brackets None None: lexicon `sentence-brackets` is read before any rule runs; a rule cannot change it",
                "title None None: unknown lexicon `title` (did you mean `titles`?)",
                "honorifics Some(\"add\") Some(\"\"): an empty word",
                "honorifics Some(\"remove\") Some(\"閣下\"): `閣下` is not in lexicon `honorifics`",
                "brackets Some(\"add\") Some(\"〔\"): `〔` is not 2 characters (each entry of `brackets` is an opening and a closing bracket)",
            ]
        );
    }

    #[test]
    fn broken_definitions_are_found() {
        let problems = Definitions::parse(&[
            ("a.yaml", "titles:\n  description: x\n  include: [titles]\n"),
            ("b.yaml", "nonsense:\n  description: x\n  words: [a]\nbrackets:\n  description: x\n  words: [「]\n"),
        ])
        .unwrap_err();
        let all = problems.join("\n");
        assert!(all.contains("`nonsense` is not a lexicon"), "{all}");
        assert!(all.contains("`「` is not 2 characters"), "{all}");
        assert!(all.contains("no file defines `honorifics`"), "{all}");
        assert!(all.contains("`titles` includes itself"), "{all}");
    }
}
