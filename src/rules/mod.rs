//! Rule packs: directories of YAML rule files, one rule per file, compiled once at load.
//!
//! A rule's ID is `<pack>/<file-stem>`. The built-in packs under `rules/` are embedded in the
//! binary at build time.

pub(crate) mod builtin;
pub(crate) mod kinds;
pub(crate) mod message;
pub mod pattern;
pub mod spec;
pub mod testing;
pub(crate) mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::FileError;
use crate::finding::{Hit, Severity};
use crate::lang::ja::{LexiconError, LexiconId, Lexicons, Morphology};
use crate::span::Span;
use kinds::{CompileContext, Context, Kind};
use message::Message;
use spec::{Common, Examples, RuleSource, did_you_mean, field_names};

/// Where a rule came from, for `seigo explain` and for pointing test failures at the YAML.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file name as shown to users (`rules/ja-news/x.yaml`, or a path on disk).
    pub path: String,
    pub text: Arc<str>,
    pub builtin: bool,
}

/// What a rule file says about the rule for people: read lazily for built-in rules.
#[derive(Debug, Default, serde::Deserialize)]
struct Documentation {
    #[serde(default)]
    description: String,
    #[serde(default)]
    examples: Examples,
}

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    /// The description and examples, read when first asked for ([`Rule::description`],
    /// [`Rule::examples`]) for a built-in rule: a check never needs them, and they are three
    /// quarters of a pack's text.
    documentation: std::sync::OnceLock<Documentation>,
    pub origin: Origin,
    /// `match_on: source`: the rule runs on the text as written, not the normalised text.
    pub match_on: spec::MatchOn,
    message: Message,
    kind: Kind,
}

impl Rule {
    /// Parses and compiles one rule file against `morphology` (for readings) and the
    /// built-in lexicons with the rule's `lexicons:` edits. All problems found are returned,
    /// each located.
    pub fn load(
        id: impl Into<String>,
        source: RuleSource,
        builtin: bool,
        morphology: &Morphology,
    ) -> Result<Rule, Vec<FileError>> {
        Rule::load_extended(id, source, builtin, morphology, &[])
    }

    /// [`Rule::load`] with `extensions` merged into the file's keys, in order (a config's
    /// `options:`, so that a built-in rule's lists can be extended without copying it): see
    /// [`merge_options`]. Errors are located in the rule file, where the merged keys may not
    /// be; callers that merge say where the extension came from.
    pub fn load_extended(
        id: impl Into<String>,
        source: RuleSource,
        builtin: bool,
        morphology: &Morphology,
        extensions: &[&serde_yaml::Mapping],
    ) -> Result<Rule, Vec<FileError>> {
        Rule::load_with_kinds(id, source, builtin, morphology, extensions, kinds::KINDS)
    }

    /// [`Rule::load_extended`] with the rule kinds of `registry` instead of seigo's
    /// (`kinds::KINDS`): how a kind is tested before it is registered.
    pub fn load_with_kinds(
        id: impl Into<String>,
        source: RuleSource,
        builtin: bool,
        morphology: &Morphology,
        extensions: &[&serde_yaml::Mapping],
        registry: &[kinds::Registration],
    ) -> Result<Rule, Vec<FileError>> {
        let id = id.into();
        let names: Vec<&str> = registry.iter().map(|k| k.name).collect();
        let src = &source;
        // The text of a built-in rule is fixed at build time and checked by a test
        // (`builtin::tests`): the checks for typing mistakes are for files people write.
        if !builtin {
            src.check_nesting().map_err(|e| vec![e])?;
            src.check_authoring_mistakes().map_err(|e| vec![e])?;
        }
        // A built-in rule's description and examples are read when asked for (its text is
        // known valid).
        let mut value: serde_yaml::Value = match src.parsed {
            // Embedded as JSON at build time (`builtin::tests` checks it is the YAML's value).
            Some(json) => serde_json::from_str(json).map_err(|e| {
                vec![src.error(None, format!("the built-in rule's embedded form: {e}"))]
            })?,
            None => {
                let parsed = if builtin {
                    yaml::without_top_level_keys(&src.text, &["examples", "description"])
                } else {
                    std::borrow::Cow::Borrowed(&*src.text)
                };
                serde_yaml::from_str(&parsed).map_err(|e| vec![src.yaml_error(&e, &[])])?
            }
        };
        for extension in extensions {
            merge_options(
                &mut value,
                &serde_yaml::Value::Mapping((*extension).clone()),
            );
        }
        let serde_yaml::Value::Mapping(map) = &value else {
            return Err(vec![src.error(
                Some(Span::new(0, src.text.len().min(1))),
                "a rule file must be a YAML map of keys such as `kind:` and `message:`",
            )]);
        };
        let kind = match map.get("kind") {
            Some(serde_yaml::Value::String(k)) => k.clone(),
            Some(_) => {
                return Err(vec![
                    src.error(src.key("kind"), "`kind` must be text")
                        .with_help(format!("one of: {}", names.join(", "))),
                ]);
            }
            None => {
                return Err(vec![
                    src.error(Some(Span::new(0, 0)), "missing key `kind`")
                        .with_help(format!(
                            "add `kind: <kind>` with one of: {}",
                            names.join(", ")
                        )),
                ]);
            }
        };
        let Some(registration) = registry.iter().find(|k| k.name == kind) else {
            let at = src
                .key("kind")
                .and_then(|k| yaml::value_span(&src.text, k.end, &kind));
            return Err(vec![
                src.error(at, format!("unknown rule kind `{kind}`"))
                    .with_help(crate::i18n::did_you_mean(
                        &kind,
                        &names,
                        "valid kinds",
                        "使える種類",
                    )),
            ]);
        };
        let valid: Vec<&str> = field_names::<Common>()
            .iter()
            .chain(registration.keys())
            .copied()
            .collect();
        let mut errors = Vec::new();
        for key in map.keys() {
            let name = match key {
                serde_yaml::Value::String(s) => s.as_str(),
                _ => {
                    errors.push(src.error(None, "rule keys must be text"));
                    continue;
                }
            };
            if !valid.contains(&name) {
                errors.push(
                    src.error(
                        src.key(name),
                        crate::i18n::tr(
                            format!("unknown key `{name}` for kind `{kind}`"),
                            format!("`{kind}` のルールに未知のキー `{name}` があります"),
                        ),
                    )
                    .with_help(did_you_mean(name, &valid)),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let common: Common = spec::deserialize_located(src, &value, &valid).map_err(|e| vec![e])?;
        let message = Message::parse(&common.message, registration.placeholders).map_err(|e| {
            let at = src
                .key("message")
                .and_then(|k| yaml::value_span(&src.text, k.end, &common.message));
            let span = at.map(|at| {
                yaml::offset_in_value(
                    &src.text,
                    at,
                    &common.message,
                    Span::new(e.at.start, e.at.end),
                )
            });
            vec![src.error(span, e.message)]
        })?;
        let src = &RuleSource {
            path: src.path.clone(),
            text: src.text.clone(),
            match_on: common.match_on,
            parsed: src.parsed,
        };
        let lexicons = Lexicons::edited(&[&common.lexicons]).map_err(|errors| {
            errors
                .iter()
                .map(|e| lexicon_error(src, e))
                .collect::<Vec<_>>()
        })?;
        let unread = unread_lexicons(src, registration, &common.lexicons);
        if !unread.is_empty() {
            return Err(unread);
        }
        let context = CompileContext {
            morphology,
            edits: &common.lexicons,
            lexicons: &lexicons,
        };
        let compiled = registration.compile(src, &value, &valid, &context)?;
        Ok(Rule {
            id,
            severity: common.severity,
            documentation: if builtin {
                std::sync::OnceLock::new()
            } else {
                std::sync::OnceLock::from(Documentation {
                    description: common.description,
                    examples: common.examples,
                })
            },
            match_on: common.match_on,
            origin: Origin {
                path: source.path.clone(),
                text: source.text.clone(),
                builtin,
            },
            message,
            kind: compiled,
        })
    }

    pub fn kind(&self) -> &'static str {
        self.kind.name()
    }

    /// The rule's `description` (empty when it has none).
    pub fn description(&self) -> &str {
        &self.documentation().description
    }

    /// The rule's examples.
    pub fn examples(&self) -> &Examples {
        &self.documentation().examples
    }

    /// A built-in rule's description and examples are read from its text the first time:
    /// the text was read once already without them, and is valid (the built-in packs' tests
    /// read every example through here).
    fn documentation(&self) -> &Documentation {
        self.documentation.get_or_init(|| {
            serde_yaml::from_str::<Documentation>(&self.origin.text).unwrap_or_default()
        })
    }

    /// Runs the rule over an analysed document.
    /// See `Kind::required_literals`.
    pub fn required_literals(&self) -> Option<&[String]> {
        // The prefilter searches the normalised text; a rule on the source text always runs.
        match self.match_on {
            spec::MatchOn::Normalized => self.kind.required_literals(),
            spec::MatchOn::Source => None,
        }
    }

    /// Whether the rule runs on the text as written (`match_on: source`).
    pub fn matches_source(&self) -> bool {
        self.match_on == spec::MatchOn::Source
    }

    pub fn check(&self, ctx: &Context<'_>) -> Vec<Hit> {
        let mut out = Vec::new();
        self.kind.check(ctx, &self.message, &mut out);
        out
    }
}

/// Locates a problem with a `lexicons:` edit: at the word, or at the lexicon's name.
fn lexicon_error(src: &RuleSource, e: &LexiconError) -> FileError {
    let lexicon = yaml::nested_key_span(&src.text, &["lexicons", &e.lexicon]);
    let span = match (e.operation, &e.word) {
        // A block list under the operation, or a flow map on the lexicon's line.
        (Some(operation), Some(word)) => {
            let under = |key: Span| yaml::value_span(&src.text, key.end, word);
            yaml::nested_key_span(&src.text, &["lexicons", &e.lexicon, operation])
                .and_then(under)
                .or_else(|| lexicon.and_then(under))
                .or(lexicon)
        }
        _ => lexicon,
    };
    let error = src.error(span, e.message.clone());
    match &e.help {
        Some(help) => error.with_help(help.clone()),
        None => error,
    }
}

/// Errors for edits of lexicons that the rule's kind does not read (they would change
/// nothing).
fn unread_lexicons(
    src: &RuleSource,
    kind: &kinds::Registration,
    edits: &crate::lang::ja::LexiconEdits,
) -> Vec<FileError> {
    let read = kind.lexicons;
    let kind = kind.name;
    edits
        .keys()
        .filter_map(|name| {
            let id = LexiconId::from_text(name)?;
            if read.iter().any(|&r| id.reaches(r)) {
                return None;
            }
            let help = if read.is_empty() {
                format!("kind `{kind}` reads no lexicon")
            } else {
                let names: Vec<&str> = read.iter().map(|r| r.as_str()).collect();
                format!("kind `{kind}` reads: {}", names.join(", "))
            };
            Some(
                src.error(
                    yaml::nested_key_span(&src.text, &["lexicons", name]),
                    format!("lexicon `{name}` changes nothing in a `{kind}` rule"),
                )
                .with_help(help),
            )
        })
        .collect()
}

/// Merges `extension` into `base`: maps key by key, lists appended (a group of synonyms, a
/// title added to a lexicon), anything else replaced.
pub fn merge_options(base: &mut serde_yaml::Value, extension: &serde_yaml::Value) {
    use serde_yaml::Value;
    match (base, extension) {
        (Value::Mapping(base), Value::Mapping(extension)) => {
            for (key, value) in extension {
                match base.get_mut(key) {
                    Some(existing) => merge_options(existing, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Sequence(base), Value::Sequence(extension)) => {
            base.extend(extension.iter().cloned());
        }
        (base, extension) => *base = extension.clone(),
    }
}

/// A named set of rules.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    /// The directory on disk, for local packs.
    pub dir: Option<PathBuf>,
    pub rules: Vec<Rule>,
}

impl Pack {
    /// Loads a pack directory: every `*.yaml` / `*.yml` file in it (not recursive), sorted,
    /// compiled against `morphology`.
    pub fn load_dir(dir: &Path, morphology: &Morphology) -> Result<Pack, Vec<FileError>> {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("local")
            .to_string();
        let entries = std::fs::read_dir(dir).map_err(|e| {
            vec![FileError::whole_file(
                dir.display().to_string(),
                format!("cannot read rule pack directory: {e}"),
            )]
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml"))
                    && !p.is_dir()
            })
            .collect();
        files.sort();
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for path in files {
            let shown = path.display().to_string();
            // A FIFO or device named like a rule file is reported, not skipped in silence.
            let text = match crate::input::read_config_text(
                &path,
                crate::input::MAX_RULE_BYTES,
                "rule file",
            ) {
                Ok(text) => text,
                Err(message) => {
                    errors.push(FileError::whole_file(shown, message));
                    continue;
                }
            };
            let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("rule");
            let id = format!("{name}/{stem}");
            match Rule::load(id, RuleSource::new(shown, text), false, morphology) {
                Ok(rule) => rules.push(rule),
                Err(mut e) => errors.append(&mut e),
            }
        }
        if errors.is_empty() {
            Ok(Pack {
                name,
                dir: Some(dir.to_path_buf()),
                rules,
            })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

    /// The first line of every error of loading `yaml`, with its position.
    fn load_errors(yaml: &str) -> Vec<String> {
        Rule::load(
            "t/r",
            RuleSource::new("t.yaml", yaml),
            false,
            &Morphology::new(),
        )
        .expect_err("does not load")
        .iter()
        .map(|e| match &e.help {
            Some(help) => format!("{} ({help})", e.headline()),
            None => e.headline(),
        })
        .collect()
    }

    const ELECTIONS: &str = "kind: conflict\nmessage: x\nattributes:\n  - name: 再選\n    terms: [再選]\n  - name: 当選\n    terms: [当選, 初当選]\n";

    #[test]
    fn a_rule_extends_the_lexicons_for_itself() {
        let text = "森川健二顧問の再選\n\n森川顧問が初当選した。";
        assert_hits(&rule_from_yaml(ELECTIONS), text, &[]);
        let extended = format!("{ELECTIONS}lexicons:\n  titles: {{add: [顧問]}}\n");
        assert_hits(&rule_from_yaml(&extended), text, &["初当選"]);
        // The older key is the same edit.
        let aliased = format!("{ELECTIONS}honorifics: [顧問]\n");
        assert_hits(&rule_from_yaml(&aliased), text, &["初当選"]);
        // Other rules keep the built-in lexicons.
        assert_hits(&rule_from_yaml(ELECTIONS), text, &[]);
        // Removing 氏 from the honorifics (and so from what follows a name) loses the link.
        let text = "木村氏の再選\n\n木村さやか氏が初当選した。";
        assert_hits(&rule_from_yaml(ELECTIONS), text, &["初当選"]);
        let removed = format!("{ELECTIONS}lexicons:\n  honorifics: {{remove: [氏]}}\n");
        assert_hits(&rule_from_yaml(&removed), text, &[]);
    }

    #[test]
    fn ignore_predicates_is_a_replacing_edit() {
        let polarity = "kind: polarity\nmessage: x\n";
        let text = "同社は寮を強化する。\n\n同社は寮を強化しない。";
        let texts = [
            text,
            "同社は輸出を重視する。同社は輸出を重視しない。",
            "市は規制を緩和した。市は規制を緩和しなかった。",
        ];
        for t in texts {
            let by_key = rule_from_yaml(&format!("{polarity}ignore_predicates: [強化する]\n"));
            let by_lexicon = rule_from_yaml(&format!(
                "{polarity}lexicons:\n  generic-predicates: {{replace: [強化する]}}\n"
            ));
            let found = |rule: &Rule| -> Vec<String> {
                crate::rules::testing::hits(rule, t)
                    .into_iter()
                    .map(|f| t[f.span.range()].to_string())
                    .collect()
            };
            assert_eq!(found(&by_key), found(&by_lexicon), "{t}");
        }
        // Adding keeps the built-in list.
        let added = rule_from_yaml(&format!(
            "{polarity}lexicons:\n  generic-predicates: {{add: [重視する]}}\n"
        ));
        assert_hits(
            &added,
            "同社は輸出を重視する。同社は輸出を重視しない。",
            &[],
        );
    }

    #[test]
    fn lexicon_edits_are_checked_and_located() {
        let errors = load_errors(&format!(
            "{ELECTIONS}lexicons:\n  title: {{add: [顧問]}}\n  honorifics:\n    remove: [閣下]\n"
        ));
        assert_eq!(
            errors,
            [
                "t.yaml:9:3: unknown lexicon `title` (did you mean `titles`?)",
                "t.yaml:11:14: `閣下` is not in lexicon `honorifics`",
            ]
        );
        let errors = load_errors(&format!(
            "{ELECTIONS}lexicons:\n  claimless-verbs: {{add: [語る]}}\n"
        ));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "t.yaml:9:3: lexicon `claimless-verbs` changes nothing in a `conflict` rule"
            ),
            "{errors:?}"
        );
        assert!(errors[0].contains("reads: name-suffixes"), "{errors:?}");
        let errors = load_errors(
            "kind: existence\nmessage: x\nterms: [a]\nlexicons:\n  titles: {add: [顧問]}\n",
        );
        assert!(errors[0].contains("reads no lexicon"), "{errors:?}");
        let errors = load_errors(
            "kind: polarity\nmessage: x\nlexicons:\n  sentence-brackets: {add: [〔〕]}\n  brackets: {add: [〔]}\n",
        );
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].contains("a rule cannot change it"), "{errors:?}");
        assert!(
            errors[1].starts_with("t.yaml:5:20: `〔` is not 2 characters"),
            "{errors:?}"
        );
        // A bracket added to `brackets` works for polarity: claims inside are quotes.
        let rule =
            rule_from_yaml("kind: polarity\nmessage: x\nlexicons:\n  brackets: {add: [〔〕]}\n");
        assert_hits(
            &rule,
            "同社は輸出を重視する。\n\n〔同社は輸出を重視しない〕",
            &[],
        );
    }

    #[test]
    fn unknown_pos_tags_in_patterns_are_located_errors() {
        let errors = load_errors(
            "kind: substitution\nmessage: x\npatterns:\n  - tokens: \"[以外] な pos:名刺\"\n    to: 意外\n",
        );
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0].starts_with(
                "t.yaml:4:25: invalid token pattern: unknown POS `名刺`; did you mean `名詞`?"
            ),
            "{errors:?}"
        );
    }

    #[test]
    fn options_append_lists_merge_maps_and_replace_the_rest() {
        let mut base: serde_yaml::Value = serde_yaml::from_str(
            "synonyms: [[a, b]]\nswap: {x: y}\nmin_coverage: 1.0\nlexicons: {titles: {add: [氏]}}\n",
        )
        .unwrap();
        let extension: serde_yaml::Value = serde_yaml::from_str(
            "synonyms: [[c, d]]\nswap: {p: q}\nmin_coverage: 0.5\nlexicons: {titles: {add: [顧問]}}\nignore: [速報]\n",
        )
        .unwrap();
        merge_options(&mut base, &extension);
        let expected: serde_yaml::Value = serde_yaml::from_str(
            "synonyms: [[a, b], [c, d]]\nswap: {x: y, p: q}\nmin_coverage: 0.5\nlexicons: {titles: {add: [氏, 顧問]}}\nignore: [速報]\n",
        )
        .unwrap();
        assert_eq!(base, expected);
    }

    #[test]
    fn match_on_source_tells_full_width_from_half_width() {
        let text = "価格は１００円と100円。";
        let regex = "kind: existence\nmessage: x\nregex: ['[０-９]+']\n";
        assert_hits(&rule_from_yaml(regex), text, &["１００", "100"]);
        let source = rule_from_yaml(&format!("{regex}match_on: source\n"));
        assert!(source.matches_source());
        assert_eq!(source.required_literals(), None, "always runs");
        assert_hits(&source, text, &["１００"]);
        // A swap between the two widths is no longer "swapped for itself".
        let swap = rule_from_yaml(
            "kind: substitution\nmessage: x\nswap:\n  １００: 100\nmatch_on: source\n",
        );
        let found = hits(&swap, text);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.range()], "１００");
        assert_eq!(found[0].fixes[0].replacement, "100");
    }
}
