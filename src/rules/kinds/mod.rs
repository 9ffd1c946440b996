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

/// Compiled rule kinds. Adding a kind here forces every `match` below to handle it.
#[derive(Debug)]
pub enum Kind {
    Conflict(conflict::Conflict),
    Existence(existence::Existence),
    Substitution(substitution::Substitution),
    HeadlineSupport(headline_support::HeadlineSupport),
    Numbers(numbers::Numbers),
    Polarity(polarity::Polarity),
    Reading(reading::Reading),
    Repetition(repetition::Repetition),
}

/// The `kind:` values, for "did you mean" and docs.
pub const KIND_NAMES: &[&str] = &[
    "conflict",
    "existence",
    "headline-support",
    "numbers",
    "polarity",
    "reading",
    "repetition",
    "substitution",
];

/// Upper bound on a compiled regex, so a hostile `a{1000}{1000}` fails to load instead of
/// exhausting memory.
pub(crate) const REGEX_SIZE_LIMIT: usize = 1 << 22;

impl Kind {
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Conflict(_) => "conflict",
            Kind::Existence(_) => "existence",
            Kind::Substitution(_) => "substitution",
            Kind::HeadlineSupport(_) => "headline-support",
            Kind::Numbers(_) => "numbers",
            Kind::Polarity(_) => "polarity",
            Kind::Reading(_) => "reading",
            Kind::Repetition(_) => "repetition",
        }
    }

    /// The YAML keys this kind adds to the common ones.
    pub fn keys(kind: &str) -> Option<&'static [&'static str]> {
        match kind {
            "conflict" => Some(field_names::<conflict::Spec>()),
            "existence" => Some(field_names::<existence::Spec>()),
            "substitution" => Some(field_names::<substitution::Spec>()),
            "headline-support" => Some(field_names::<headline_support::Spec>()),
            "numbers" => Some(field_names::<numbers::Spec>()),
            "polarity" => Some(field_names::<polarity::Spec>()),
            "reading" => Some(field_names::<reading::Spec>()),
            "repetition" => Some(field_names::<repetition::Spec>()),
            _ => None,
        }
    }

    /// The JSON Schema of this kind's own keys (for `seigo schema` and editors).
    pub fn schema(kind: &str) -> Option<serde_json::Value> {
        fn of<T: schemars::JsonSchema>() -> serde_json::Value {
            schemars::SchemaGenerator::default()
                .into_root_schema_for::<T>()
                .to_value()
        }
        match kind {
            "conflict" => Some(of::<conflict::Spec>()),
            "existence" => Some(of::<existence::Spec>()),
            "headline-support" => Some(of::<headline_support::Spec>()),
            "numbers" => Some(of::<numbers::Spec>()),
            "polarity" => Some(of::<polarity::Spec>()),
            "reading" => Some(of::<reading::Spec>()),
            "repetition" => Some(of::<repetition::Spec>()),
            "substitution" => Some(of::<substitution::Spec>()),
            _ => None,
        }
    }

    /// The message placeholders this kind fills.
    pub fn placeholders(kind: &str) -> &'static [&'static str] {
        match kind {
            "conflict" => conflict::PLACEHOLDERS,
            "existence" => existence::PLACEHOLDERS,
            "substitution" => substitution::PLACEHOLDERS,
            "headline-support" => headline_support::PLACEHOLDERS,
            "numbers" => numbers::PLACEHOLDERS,
            "polarity" => polarity::PLACEHOLDERS,
            "reading" => reading::PLACEHOLDERS,
            "repetition" => repetition::PLACEHOLDERS,
            _ => &[],
        }
    }

    /// The lexicons this kind reads: a rule's `lexicons:` may edit these (or lexicons they
    /// include), nothing else.
    pub fn lexicons(kind: &str) -> &'static [LexiconId] {
        match kind {
            "conflict" => conflict::LEXICONS,
            "headline-support" => headline_support::LEXICONS,
            "numbers" => numbers::LEXICONS,
            "polarity" => polarity::LEXICONS,
            "repetition" => repetition::LEXICONS,
            _ => &[],
        }
    }

    /// Deserialises and compiles the kind-specific part of a rule file.
    pub fn compile(
        kind: &str,
        src: &RuleSource,
        value: &serde_yaml::Value,
        valid_keys: &[&str],
        context: &CompileContext<'_>,
    ) -> Result<Kind, Vec<FileError>> {
        fn spec<T: serde::de::DeserializeOwned>(
            src: &RuleSource,
            value: &serde_yaml::Value,
            keys: &[&str],
        ) -> Result<T, Vec<FileError>> {
            deserialize_located(src, value, keys).map_err(|e| vec![e])
        }
        match kind {
            "conflict" => conflict::Conflict::compile(spec(src, value, valid_keys)?, src, context)
                .map(Kind::Conflict),
            "existence" => existence::Existence::compile(spec(src, value, valid_keys)?, src)
                .map(Kind::Existence),
            "substitution" => {
                substitution::Substitution::compile(spec(src, value, valid_keys)?, src, context)
                    .map(Kind::Substitution)
            }
            "headline-support" => headline_support::HeadlineSupport::compile(
                spec(src, value, valid_keys)?,
                src,
                context,
            )
            .map(Kind::HeadlineSupport),
            "numbers" => numbers::Numbers::compile(spec(src, value, valid_keys)?, src, context)
                .map(Kind::Numbers),
            "polarity" => polarity::Polarity::compile(spec(src, value, valid_keys)?, src, context)
                .map(Kind::Polarity),
            "reading" => reading::Reading::compile(spec(src, value, valid_keys)?, src, context)
                .map(Kind::Reading),
            "repetition" => {
                repetition::Repetition::compile(spec(src, value, valid_keys)?, src, context)
                    .map(Kind::Repetition)
            }
            other => unreachable!("kind `{other}` was validated before compiling"),
        }
    }

    /// Strings one of which (ASCII case aside) occurs in every analysed text this rule can
    /// report anything on; `None` when the rule must always run. The engine searches all
    /// rules' strings in one pass and skips the rules whose strings are absent.
    pub fn required_literals(&self) -> Option<&[String]> {
        match self {
            Kind::Existence(k) => k.required_literals(),
            Kind::Substitution(k) => k.required_literals(),
            Kind::Conflict(_)
            | Kind::HeadlineSupport(_)
            | Kind::Polarity(_)
            | Kind::Numbers(_)
            | Kind::Reading(_)
            | Kind::Repetition(_) => None,
        }
    }

    pub fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        match self {
            Kind::Conflict(k) => k.check(ctx, message, out),
            Kind::Existence(k) => k.check(ctx, message, out),
            Kind::Substitution(k) => k.check(ctx, message, out),
            Kind::HeadlineSupport(k) => k.check(ctx, message, out),
            Kind::Polarity(k) => k.check(ctx, message, out),
            Kind::Numbers(k) => k.check(ctx, message, out),
            Kind::Reading(k) => k.check(ctx, message, out),
            Kind::Repetition(k) => k.check(ctx, message, out),
        }
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
