//! Rule kinds: one file each. A kind has a `Spec` (its YAML keys), a compile step that
//! validates the spec once at load, and a check that reports [`Hit`]s.

pub mod conflict;
pub mod existence;
pub mod headline_support;
pub mod numbers;
pub mod polarity;
mod preselect;
pub mod reading;
pub mod repetition;
pub mod substitution;

use std::sync::Arc;

use regex::{Regex, RegexBuilder};
use unicode_normalization::UnicodeNormalization;

use super::message::Message;
use super::pattern::TokenPattern;
use super::spec::{RuleSource, deserialize_located, field_names};
use super::yaml;
use crate::document::Document;
use crate::error::FileError;
use crate::finding::Hit;
use crate::lang::ja::{Analysis, LexiconEdit, LexiconEdits, LexiconId, Lexicons, Morphology};
use crate::span::Span;

/// What a check sees: the document and its tokens (computed once, shared by all rules).
pub struct Context<'a> {
    pub doc: &'a Document,
    pub analysis: &'a Analysis<'a>,
}

/// What a rule compiles against: the analyser (for readings) and the lexicons with the
/// rule's `lexicons:` edits.
pub struct CompileContext<'a> {
    pub morphology: &'a Morphology,
    /// The rule's own `lexicons:` key.
    pub edits: &'a LexiconEdits,
    /// The built-in lexicons with `edits` applied.
    pub lexicons: &'a Arc<Lexicons>,
}

impl CompileContext<'_> {
    /// The lexicons with edits from a kind's older keys (`honorifics:`,
    /// `ignore_predicates:`) applied first, and the rule's `lexicons:` after them. The keys'
    /// values are checked by the kind, so an error here names the key generically.
    pub fn lexicons_with(
        &self,
        aliases: Vec<(LexiconId, LexiconEdit)>,
        src: &RuleSource,
    ) -> Result<Arc<Lexicons>, Vec<FileError>> {
        if aliases.is_empty() {
            return Ok(self.lexicons.clone());
        }
        let aliases: LexiconEdits = aliases
            .into_iter()
            .map(|(id, edit)| (id.as_str().to_string(), edit))
            .collect();
        Lexicons::edited(&[&aliases, self.edits]).map_err(|errors| {
            errors
                .into_iter()
                .map(|e| src.error(src.key(&e.lexicon), e.message))
                .collect()
        })
    }
}

/// A rule kind: the `kind:` value of rule files, the YAML keys it adds to the common ones
/// (its `Spec`, with serde and a JSON Schema), the placeholders its messages may use, the
/// lexicons it reads, how a rule of it compiles (once, at load) and what it checks.
///
/// Adding a kind is a module implementing this trait and one line in [`KINDS`]: the rule
/// loader, `seigo schema`, the docs, key validation with did-you-mean, message placeholder
/// validation and lexicon edits all read the registry.
pub trait RuleKind: Sized + std::fmt::Debug + Send + Sync + 'static {
    /// The `kind:` value.
    const NAME: &'static str;
    /// The placeholders this kind fills in messages; any other is an error when a rule loads.
    const PLACEHOLDERS: &'static [&'static str];
    /// The lexicons this kind reads: a rule's `lexicons:` may edit these (or lexicons they
    /// include), nothing else.
    const LEXICONS: &'static [LexiconId] = &[];
    /// The kind's own keys.
    type Spec: serde::de::DeserializeOwned + schemars::JsonSchema;

    /// Validates the spec and builds what checking needs; errors are located in `src`.
    fn compile(
        spec: Self::Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>>;

    /// Reports what this rule finds in one document.
    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>);

    /// Strings one of which (ASCII case aside) occurs in every analysed text this rule can
    /// report anything on; `None` when the rule must always run. The engine searches all
    /// rules' strings in one pass and skips the rules whose strings are absent.
    fn required_literals(&self) -> Option<&[String]> {
        None
    }
}

/// What the engine calls on a compiled rule, whatever its kind (the object-safe part of
/// [`RuleKind`]).
trait Compiled: std::fmt::Debug + Send + Sync + std::any::Any {
    fn name(&self) -> &'static str;
    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>);
    fn required_literals(&self) -> Option<&[String]>;
    #[cfg(test)]
    fn as_any(&self) -> &dyn std::any::Any;
}

impl<K: RuleKind> Compiled for K {
    fn name(&self) -> &'static str {
        K::NAME
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        RuleKind::check(self, ctx, message, out)
    }

    fn required_literals(&self) -> Option<&[String]> {
        RuleKind::required_literals(self)
    }

    #[cfg(test)]
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// One kind in the registry: its name and what the loader needs of it, without a value.
pub struct Registration {
    pub name: &'static str,
    pub placeholders: &'static [&'static str],
    pub lexicons: &'static [LexiconId],
    keys: fn() -> &'static [&'static str],
    schema: fn() -> serde_json::Value,
    compile: CompileFn,
}

/// Deserialises and compiles the kind-specific part of a rule file (see
/// [`Registration::compile`]).
type CompileFn = fn(
    &RuleSource,
    &serde_yaml::Value,
    &[&str],
    &CompileContext<'_>,
) -> Result<Kind, Vec<FileError>>;

impl Registration {
    /// The registration of kind `K`.
    pub const fn of<K: RuleKind>() -> Registration {
        Registration {
            name: K::NAME,
            placeholders: K::PLACEHOLDERS,
            lexicons: K::LEXICONS,
            keys: keys_of::<K>,
            schema: schema_of::<K>,
            compile: compile_as::<K>,
        }
    }

    /// The YAML keys this kind adds to the common ones.
    pub fn keys(&self) -> &'static [&'static str] {
        (self.keys)()
    }

    /// The JSON Schema of this kind's own keys (for `seigo schema` and editors).
    pub fn schema(&self) -> serde_json::Value {
        (self.schema)()
    }

    /// Deserialises (only `valid_keys` are accepted) and compiles the kind-specific part of
    /// a rule file.
    pub fn compile(
        &self,
        src: &RuleSource,
        value: &serde_yaml::Value,
        valid_keys: &[&str],
        context: &CompileContext<'_>,
    ) -> Result<Kind, Vec<FileError>> {
        (self.compile)(src, value, valid_keys, context)
    }
}

fn keys_of<K: RuleKind>() -> &'static [&'static str] {
    field_names::<K::Spec>()
}

fn schema_of<K: RuleKind>() -> serde_json::Value {
    schemars::SchemaGenerator::default()
        .into_root_schema_for::<K::Spec>()
        .to_value()
}

fn compile_as<K: RuleKind>(
    src: &RuleSource,
    value: &serde_yaml::Value,
    valid_keys: &[&str],
    context: &CompileContext<'_>,
) -> Result<Kind, Vec<FileError>> {
    let spec: K::Spec = deserialize_located(src, value, valid_keys).map_err(|e| vec![e])?;
    let compiled = K::compile(spec, src, context)?;
    Ok(Kind(Box::new(compiled)))
}

/// Every rule kind, in the order `seigo schema` and the docs list them. Registering a kind
/// is one line here.
pub static KINDS: &[Registration] = &[
    Registration::of::<conflict::Conflict>(),
    Registration::of::<existence::Existence>(),
    Registration::of::<headline_support::HeadlineSupport>(),
    Registration::of::<numbers::Numbers>(),
    Registration::of::<polarity::Polarity>(),
    Registration::of::<reading::Reading>(),
    Registration::of::<repetition::Repetition>(),
    Registration::of::<substitution::Substitution>(),
];

/// The registration of the kind named `name`.
pub fn registration(name: &str) -> Option<&'static Registration> {
    KINDS.iter().find(|k| k.name == name)
}

/// The `kind:` values, for "did you mean" and docs.
pub fn kind_names() -> Vec<&'static str> {
    KINDS.iter().map(|k| k.name).collect()
}

/// Upper bound on a compiled regex, so a hostile `a{1000}{1000}` fails to load instead of
/// exhausting memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 22;

/// A compiled rule kind.
#[derive(Debug)]
pub struct Kind(Box<dyn Compiled>);

impl Kind {
    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    /// See [`RuleKind::required_literals`].
    pub fn required_literals(&self) -> Option<&[String]> {
        self.0.required_literals()
    }

    pub fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        self.0.check(ctx, message, out)
    }

    /// The compiled rule as its kind's type, when it is of kind `K` (tests look inside).
    #[cfg(test)]
    pub fn downcast<K: RuleKind>(&self) -> Option<&K> {
        self.0.as_any().downcast_ref::<K>()
    }
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

/// NFKC-normalises literal terms; empty terms are errors.
pub(crate) fn normalize_terms(
    terms: &[String],
    key: &str,
    src: &RuleSource,
    errors: &mut Vec<FileError>,
) -> Vec<String> {
    let mut out = Vec::with_capacity(terms.len());
    for t in terms {
        if t.trim().is_empty() {
            errors.push(src.error(src.key(key), format!("`{key}` contains an empty term")));
            continue;
        }
        out.push(src.normalize(t));
    }
    out
}

/// Compiles regexes with a size limit; errors point inside the YAML string when possible.
pub(crate) fn compile_regexes(
    sources: &[String],
    key: &str,
    ignore_case: bool,
    src: &RuleSource,
    errors: &mut Vec<FileError>,
) -> Vec<Regex> {
    let mut out = Vec::new();
    for s in sources {
        let built = RegexBuilder::new(&src.normalize(s))
            .case_insensitive(ignore_case)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build();
        match built {
            Ok(re) => out.push(re),
            Err(e) => {
                let at = src.item(&[key], s);
                let (span, detail) = regex_error_position(s)
                    .map(|(inner, detail)| {
                        let span = at.map(|at| yaml::offset_in_value(&src.text, at, s, inner));
                        (span, detail)
                    })
                    .unwrap_or((at, first_line_of(&e)));
                errors.push(
                    src.error(span, format!("invalid regex: {detail}"))
                        .with_help("regex syntax: https://docs.rs/regex/latest/regex/#syntax (in YAML, prefer single quotes: '\\d+')"),
                );
            }
        }
    }
    out
}

fn first_line_of(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("the compiled regex exceeds the size limit of {limit} bytes; simplify it")
        }
        other => other
            .to_string()
            .lines()
            .last()
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// The position and description of a regex syntax error, from regex-syntax's parser.
fn regex_error_position(pattern: &str) -> Option<(Span, String)> {
    let err = regex_syntax::ast::parse::Parser::new()
        .parse(&nfkc(pattern))
        .err()?;
    let span = err.span();
    Some((
        Span::new(span.start.offset, span.end.offset),
        err.kind().to_string(),
    ))
}

/// Literals one of which every match of `pattern` starts (or ends) with, from regex-syntax's
/// literal extraction: of the prefix and the suffix set, the one whose shortest literal is
/// longer (`[0-9]+度目` → 0度目 … 9度目, not the ten digits); `None` when neither end has a finite,
/// non-empty set (`.*`, `\w+x?`).
pub(crate) fn regex_literals(pattern: &str, case_insensitive: bool) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .case_insensitive(case_insensitive)
        .build()
        .parse(pattern)
        .ok()?;
    let [prefixes, suffixes] = [ExtractKind::Prefix, ExtractKind::Suffix]
        .map(|kind| literal_set(&Extractor::new().kind(kind).extract(&hir)));
    let shortest = |set: &Option<Vec<String>>| {
        set.as_ref()
            .and_then(|s| s.iter().map(|l| l.chars().count()).min())
    };
    if shortest(&suffixes) > shortest(&prefixes) {
        suffixes
    } else {
        prefixes
    }
}

fn literal_set(seq: &regex_syntax::hir::literal::Seq) -> Option<Vec<String>> {
    let literals = seq.literals()?;
    if literals.is_empty() {
        return None;
    }
    literals
        .iter()
        .map(|l| {
            let s = std::str::from_utf8(l.as_bytes()).ok()?;
            (!s.is_empty()).then(|| s.to_string())
        })
        .collect()
}

/// Compiles token patterns; syntax errors point at the offending step in the YAML string.
pub(crate) fn compile_patterns(
    sources: &[String],
    key_path: &[&str],
    src: &RuleSource,
    errors: &mut Vec<FileError>,
) -> Vec<TokenPattern> {
    let mut out = Vec::new();
    for s in sources {
        match TokenPattern::parse(s) {
            Ok(p) => out.push(p),
            Err(e) => {
                let span = src
                    .item(key_path, s)
                    .map(|at| yaml::offset_in_value(&src.text, at, s, e.at));
                errors.push(
                    src.error(span, format!("invalid token pattern: {}", e.message))
                        .with_help("steps are separated by spaces: `[以外] な pos:名詞`; see `seigo tokens` for how a phrase splits"),
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod literal_tests {
    use super::regex_literals;

    fn sorted(v: Option<Vec<String>>) -> Option<Vec<String>> {
        v.map(|mut v| {
            v.sort();
            v
        })
    }

    #[test]
    fn regex_literals_are_prefixes_or_suffixes_every_match_has() {
        assert_eq!(
            sorted(regex_literals("支援(兵士|停止)", false)),
            Some(vec!["支援停止".into(), "支援兵士".into()])
        );
        // The suffixes (0度目 … 9度目) beat the prefixes (the ten digits).
        assert_eq!(
            sorted(regex_literals("[0-9]+度目", false)),
            Some((0..10).map(|d| format!("{d}度目")).collect())
        );
        assert_eq!(
            sorted(regex_literals("ab", true)),
            Some(vec!["AB".into(), "Ab".into(), "aB".into(), "ab".into()])
        );
        assert_eq!(regex_literals(".*", false), None);
        assert_eq!(regex_literals("a?", false), None);
        assert_eq!(regex_literals("\\w+x?", false), None);
        assert_eq!(regex_literals("(", false), None);
    }
}

/// A kind written here, outside the registry, goes through the whole loader: that is what
/// "adding a kind is one module and one line" rests on.
#[cfg(test)]
mod registry_tests {
    use super::*;
    use crate::rules::Rule;
    use crate::rules::testing::{findings_for, run_examples};

    /// Reports every occurrence of one word.
    #[derive(Debug)]
    struct Toy {
        word: String,
    }

    /// Unknown keys are refused by the loader (it knows the spec's fields), not by serde.
    #[derive(serde::Deserialize, schemars::JsonSchema)]
    struct ToySpec {
        /// The word to report.
        word: String,
    }

    impl RuleKind for Toy {
        const NAME: &'static str = "toy";
        const PLACEHOLDERS: &'static [&'static str] = &["match"];
        type Spec = ToySpec;

        fn compile(
            spec: ToySpec,
            src: &RuleSource,
            _context: &CompileContext<'_>,
        ) -> Result<Self, Vec<FileError>> {
            if spec.word.is_empty() {
                return Err(vec![src.error(src.key("word"), "`word` is empty")]);
            }
            Ok(Toy {
                word: src.normalize(&spec.word),
            })
        }

        fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
            for (at, word) in ctx.doc.text.match_indices(&self.word) {
                let span = Span::new(at, at + word.len());
                out.push(Hit::new(span, message.render(&[("match", word)])));
            }
        }

        fn required_literals(&self) -> Option<&[String]> {
            Some(std::slice::from_ref(&self.word))
        }
    }

    static REGISTRY: &[Registration] = &[Registration::of::<Toy>()];

    fn load(yaml: &str) -> Result<Rule, Vec<FileError>> {
        let morphology = Morphology::new();
        Rule::load_with_kinds(
            "test/toy",
            RuleSource::new("toy.yaml", yaml),
            false,
            &morphology,
            &[],
            REGISTRY,
        )
    }

    #[test]
    fn a_new_kind_loads_checks_and_runs_its_examples_through_the_registry() {
        let rule = load(
            "kind: toy\nword: 帰り先\nmessage: 「{match}」を確認してください\n\
             examples:\n  bad: ['《帰り先》に備える']\n  good: ['返り咲きに備える']\n",
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(rule.kind(), "toy");
        let morphology = Morphology::new();
        let found = findings_for(&rule, "帰り先と帰り先", &morphology);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].message, "「帰り先」を確認してください");
        let report = run_examples(&rule, &morphology);
        assert_eq!((report.passed, report.failures.len()), (2, 0));
    }

    #[test]
    fn the_loader_validates_a_new_kind_from_its_registration() {
        let message = |yaml: &str| {
            let errors = load(yaml).expect_err(yaml);
            errors
                .iter()
                .map(|e| format!("{e} {}", e.help.as_deref().unwrap_or_default()))
                .collect::<Vec<_>>()
                .join("\n")
        };
        // Its keys, with did-you-mean from its spec.
        let e = message("kind: toy\nwrod: 帰り先\nmessage: x\n");
        assert!(e.contains("wrod") && e.contains("word"), "{e}");
        // Its placeholders.
        let e = message("kind: toy\nword: 帰り先\nmessage: '{other}'\n");
        assert!(e.contains("{other}") && e.contains("{match}"), "{e}");
        // Its own compile errors.
        let e = message("kind: toy\nword: ''\nmessage: x\n");
        assert!(e.contains("`word` is empty"), "{e}");
        // It reads no lexicon, so editing one is an error.
        let e = message("kind: toy\nword: a\nmessage: x\nlexicons:\n  titles:\n    add: [社長]\n");
        assert!(e.contains("reads no lexicon"), "{e}");
        // Kinds of another registry do not exist here.
        let e = message("kind: conflict\nmessage: x\n");
        assert!(e.contains("unknown rule kind"), "{e}");
        // Its schema comes from its spec.
        let schema = REGISTRY[0].schema();
        assert!(schema["properties"]["word"].is_object(), "{schema:#}");
        assert_eq!(REGISTRY[0].keys(), ["word"]);
    }

    #[test]
    fn every_registered_kind_has_a_unique_name_and_a_schema() {
        let mut names = kind_names();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KINDS.len());
        for kind in KINDS {
            assert!(registration(kind.name).is_some());
            assert!(kind.schema().is_object(), "{}", kind.name);
        }
    }
}
