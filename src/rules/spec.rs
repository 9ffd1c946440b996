//! Reading one rule file: YAML → the common keys plus one kind's spec, with every error
//! located in the YAML source.
//!
//! The file is deserialised straight from the text (not via an intermediate value), so
//! serde_yaml can report the line and column of type errors. Unknown keys are checked against
//! the field names of the common keys and of the rule's kind, so a typo gets "did you mean".

use std::sync::Arc;

use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};

use super::yaml;
use crate::error::FileError;
use crate::finding::Severity;
use crate::span::Span;

/// Keys every rule file may have, whatever its kind.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct Common {
    /// The rule kind: what the rule checks and which other keys it takes.
    pub kind: String,
    /// What the user reads; placeholders such as `{match}` are filled in (which ones depends
    /// on the kind).
    pub message: String,
    /// How serious a finding is: `error`, `warning` (the default) or `info`.
    #[serde(default)]
    pub severity: Severity,
    /// Why the rule exists, shown by `seigo explain` and in SARIF help.
    #[serde(default)]
    pub description: String,
    /// The rule's tests: `bad` texts it must report (《 》 marks where), `good` texts it must not.
    #[serde(default)]
    pub examples: Examples,
    /// What the rule's terms, regexes and swap keys match: `normalized` (the default: the text
    /// after NFKC, so ＮＡＴＯ matches NATO and full-width digits match ASCII ones) or `source`
    /// (the text as written, for house style about 全角/半角: `regex: ['[０-９]+']`).
    #[serde(default)]
    pub match_on: MatchOn,
    /// Changes to the shared word lists for this rule: per lexicon, `add`, `remove` or
    /// `replace` (see docs/rules.md).
    #[serde(default)]
    pub lexicons: crate::lang::ja::LexiconEdits,
}

/// What a rule matches: the normalised text or the text as written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MatchOn {
    /// The NFKC-normalised text (full-width and half-width forms are the same).
    #[default]
    Normalized,
    /// The text as written.
    Source,
}

/// A rule's tests: `bad` texts must produce a finding from the rule, `good` texts none.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts the rule must report; `《 》` marks exactly where the finding must be.
    #[serde(default)]
    pub bad: Vec<Example>,
    /// Texts the rule must not report (no marks).
    #[serde(default)]
    pub good: Vec<Example>,
}

/// One example: a plain string, or `{text, fixed}` where `fixed` is the text after applying
/// the rule's suggested fixes. `《 》` in `text` marks the span the finding must cover.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub fixed: Option<String>,
}

impl<'de> Deserialize<'de> for Example {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Example;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an example text, or a map with `text` and `fixed`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Example, E> {
                Ok(Example {
                    text: v.to_string(),
                    fixed: None,
                })
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<Example, A::Error> {
                #[derive(Deserialize)]
                #[serde(deny_unknown_fields)]
                struct Full {
                    text: String,
                    fixed: Option<String>,
                }
                let f = Full::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Example {
                    text: f.text,
                    fixed: f.fixed,
                })
            }
        }
        d.deserialize_any(V)
    }
}

impl schemars::JsonSchema for Example {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Example".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An example text (《 》 marks the expected finding), or {text, fixed}.",
            "oneOf": [
                { "type": "string" },
                {
                    "type": "object",
                    "properties": {
                        "text": { "type": "string", "description": "The example text (《 》 marks the expected finding)." },
                        "fixed": { "type": "string", "description": "The text after applying the rule's fixes." }
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// The field names a `Deserialize` struct accepts, read from serde itself so the list of valid
/// keys can never drift from the struct.
pub fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Recorder<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Recorder<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("field recorder"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("field recorder"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Recorder(&mut fields));
    fields
}

/// A rule file being loaded: its name and text, for building located errors.
pub struct RuleSource {
    pub path: String,
    pub text: Arc<str>,
    /// What the rule matches (`match_on`): literal terms and regexes are NFKC-normalised like
    /// the text unless the rule matches the source as written.
    pub match_on: MatchOn,
    /// A built-in rule's keys as JSON, without its description and examples (`build.rs`):
    /// read instead of `text`, which stays for messages, `explain` and examples.
    pub parsed: Option<&'static str>,
}

impl RuleSource {
    pub fn new(path: impl Into<String>, text: impl Into<Arc<str>>) -> Self {
        RuleSource {
            path: path.into(),
            text: text.into(),
            match_on: MatchOn::Normalized,
            parsed: None,
        }
    }

    /// The source of an embedded rule file, with its JSON form.
    pub fn builtin(path: impl Into<String>, file: &super::builtin::BuiltinFile) -> Self {
        RuleSource {
            parsed: Some(file.parsed),
            ..RuleSource::new(path, file.text)
        }
    }

    /// A term or regex of the rule in the form the text it is matched against has.
    pub fn normalize(&self, s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        match self.match_on {
            MatchOn::Normalized => s.nfkc().collect(),
            MatchOn::Source => s.to_string(),
        }
    }

    pub fn error(&self, span: Option<Span>, message: impl Into<String>) -> FileError {
        FileError::new(self.path.clone(), self.text.clone(), span, message)
    }

    /// Converts a serde_yaml error into a located error, adding a hint for typos and types.
    pub fn yaml_error(&self, e: &serde_yaml::Error, valid_keys: &[&str]) -> FileError {
        let span = e.location().map(|l| {
            let at = l.index().min(self.text.len());
            let end = self.text[at..]
                .find([':', '\n'])
                .map_or(self.text.len(), |i| at + i)
                .max(at);
            Span::new(at, end)
        });
        // serde_yaml writes " at line N column M" into the message; the rendered snippet
        // shows the position already.
        static POSITION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(r" at line \d+ column \d+").expect("valid regex")
        });
        let message = POSITION.replace_all(&e.to_string(), "").into_owned();
        if message.contains("quoted scalar")
            && let Some(at) = yaml::unclosed_quote(&self.text)
        {
            let mistake = yaml::Mistake::UnclosedQuote;
            return self
                .error(Some(at), mistake.message())
                .with_help(mistake.help());
        }
        let mut err = self.error(span, message.clone());
        if let Some(unknown) = message
            .strip_prefix("unknown field `")
            .and_then(|r| r.split('`').next())
        {
            err.message = crate::i18n::tr(
                format!("unknown key `{unknown}`"),
                format!("未知のキー `{unknown}` です"),
            );
            err = err.with_help(did_you_mean(unknown, valid_keys));
        } else if message.contains("invalid type") {
            err = err.with_help(type_hint(&message));
        } else if message.contains("repetition limit exceeded") {
            // serde_yaml's guard against "billion laughs" alias bombs.
            err.message = "refused: the YAML aliases (`*name`) expand to too much data".into();
            err = err.with_help("anchors (`&name`) and aliases multiply data when nested; write the values out instead");
        } else if message.contains("recursion limit exceeded") {
            err = err.with_help("the YAML nests too deeply; rule files need a few levels at most");
        }
        err
    }

    /// Refuses YAML nested so deeply that parsing it would be pathologically slow (see
    /// `yaml::MAX_FLOW_DEPTH`); called before any parsing.
    pub fn check_nesting(&self) -> Result<(), FileError> {
        match yaml::flow_too_deep(&self.text, yaml::MAX_FLOW_DEPTH) {
            None => Ok(()),
            Some(at) => Err(self
                .error(
                    Some(Span::new(at, at + 1)),
                    format!(
                        "refused: `[` / `{{` nested more than {} levels deep",
                        yaml::MAX_FLOW_DEPTH
                    ),
                )
                .with_help(
                    "rule files need a few levels at most; is this file generated or corrupted?",
                )),
        }
    }

    /// Finds the YAML mistakes people make when typing rule files with a Japanese input method
    /// (a tab or a full-width space for indentation, a full-width colon after a key) and an
    /// unquoted `{placeholder}` at the start of a value, which the parser reports confusingly
    /// or on another line; says what to do, at the line. Block scalars (`|`, `>`) are text and
    /// are not looked into.
    pub fn check_authoring_mistakes(&self) -> Result<(), FileError> {
        match yaml::authoring_mistake(&self.text) {
            Some((span, mistake)) => Err(self
                .error(Some(span), mistake.message())
                .with_help(mistake.help())),
            None => Ok(()),
        }
    }

    /// The span of a top-level key, for errors about its value.
    pub fn key(&self, key: &str) -> Option<Span> {
        yaml::key_span(&self.text, key)
    }

    /// The span of a string value inside the list under `key` (or of the key).
    pub fn item(&self, key_path: &[&str], value: &str) -> Option<Span> {
        yaml::list_item_span(&self.text, key_path, value)
    }
}

/// Deserialises `T` from the already-parsed YAML; only if that fails is the text parsed again,
/// to get the error's line and column (serde_yaml tracks positions only when reading text).
/// Valid files, the common case, are parsed once instead of three times.
pub fn deserialize_located<T: serde::de::DeserializeOwned>(
    src: &RuleSource,
    value: &serde_yaml::Value,
    keys: &[&str],
) -> Result<T, FileError> {
    T::deserialize(value)
        .or_else(|_| serde_yaml::from_str(&src.text).map_err(|e| src.yaml_error(&e, keys)))
}

/// "did you mean `x`?" for the closest valid key, or the list of valid keys.
pub fn did_you_mean(unknown: &str, valid: &[&str]) -> String {
    crate::i18n::did_you_mean(unknown, valid, "valid keys here", "使えるキー")
}

fn type_hint(message: &str) -> String {
    if message.contains("expected a sequence") {
        "this key takes a list, e.g.\n  terms:\n    - 帰り先\n    - 支援兵士".into()
    } else if message.contains("expected a map") || message.contains("expected struct") {
        "this key takes a map of `key: value` lines, e.g.\n  swap:\n    帰り先: 返り咲き".into()
    } else if message.contains("expected a boolean") {
        "write `true` or `false`".into()
    } else if message.contains("expected a string") {
        "this key takes text; quote it if it starts with a special character: \"[以外] な\"".into()
    } else {
        "check the type of this value against the rule format in the README".into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    #[allow(dead_code)]
    struct Sample {
        terms: Vec<String>,
        #[serde(default)]
        substring: bool,
    }

    #[test]
    fn field_names_come_from_serde() {
        assert_eq!(field_names::<Sample>(), &["terms", "substring"]);
        assert!(field_names::<Common>().contains(&"examples"));
    }

    #[test]
    fn did_you_mean_suggests_close_keys() {
        assert_eq!(
            did_you_mean("termz", &["terms", "regex"]),
            "did you mean `terms`?"
        );
        assert!(did_you_mean("zzz", &["terms", "regex"]).starts_with("valid keys here"));
    }

    #[test]
    fn examples_accept_strings_and_maps() {
        let e: Examples =
            serde_yaml::from_str("bad:\n  - a\n  - text: b\n    fixed: c\ngood: [d]\n").unwrap();
        assert_eq!(e.bad[1].fixed.as_deref(), Some("c"));
        assert_eq!(e.good[0].text, "d");
        assert!(serde_yaml::from_str::<Examples>("bad:\n  - txt: b\n").is_err());
    }
}
