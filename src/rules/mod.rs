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
use kinds::{Context, Kind};
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

#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub severity: Severity,
    pub description: String,
    pub examples: Examples,
    pub origin: Origin,
    /// `match_on: source`: the rule runs on the text as written, not the normalised text.
    pub match_on: spec::MatchOn,
    message: Message,
    kind: Kind,
}

impl Rule {
    /// Parses and compiles one rule file. All problems found are returned, each located.
    pub fn load(
        id: impl Into<String>,
        source: RuleSource,
        builtin: bool,
    ) -> Result<Rule, Vec<FileError>> {
        let id = id.into();
        let src = &source;
        src.check_nesting().map_err(|e| vec![e])?;
        src.check_authoring_mistakes().map_err(|e| vec![e])?;
        let value: serde_yaml::Value =
            serde_yaml::from_str(&src.text).map_err(|e| vec![src.yaml_error(&e, &[])])?;
        let serde_yaml::Value::Mapping(map) = &value else {
            return Err(vec![src.error(
                Some(crate::span::Span::new(0, src.text.len().min(1))),
                "a rule file must be a YAML map of keys such as `kind:` and `message:`",
            )]);
        };
        let kind = match map.get("kind") {
            Some(serde_yaml::Value::String(k)) => k.clone(),
            Some(_) => {
                return Err(vec![
                    src.error(src.key("kind"), "`kind` must be text")
                        .with_help(format!("one of: {}", kinds::KIND_NAMES.join(", "))),
                ]);
            }
            None => {
                return Err(vec![
                    src.error(Some(crate::span::Span::new(0, 0)), "missing key `kind`")
                        .with_help(format!(
                            "add `kind: <kind>` with one of: {}",
                            kinds::KIND_NAMES.join(", ")
                        )),
                ]);
            }
        };
        let Some(kind_keys) = Kind::keys(&kind) else {
            let at = src
                .key("kind")
                .and_then(|k| yaml::value_span(&src.text, k.end, &kind));
            return Err(vec![
                src.error(at, format!("unknown rule kind `{kind}`"))
                    .with_help(crate::i18n::did_you_mean(
                        &kind,
                        kinds::KIND_NAMES,
                        "valid kinds",
                        "使える種類",
                    )),
            ]);
        };
        let valid: Vec<&str> = field_names::<Common>()
            .iter()
            .chain(kind_keys)
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
        let message = Message::parse(&common.message, Kind::placeholders(&kind)).map_err(|e| {
            let at = src
                .key("message")
                .and_then(|k| yaml::value_span(&src.text, k.end, &common.message));
            let span = at.map(|at| {
                yaml::offset_in_value(
                    &src.text,
                    at,
                    &common.message,
                    crate::span::Span::new(e.at.start, e.at.end),
                )
            });
            vec![src.error(span, e.message)]
        })?;
        let src = &RuleSource {
            path: src.path.clone(),
            text: src.text.clone(),
            match_on: common.match_on,
        };
        let compiled = Kind::compile(&kind, src, &value, &valid)?;
        Ok(Rule {
            id,
            severity: common.severity,
            description: common.description,
            examples: common.examples,
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

/// A named set of rules.
#[derive(Debug)]
pub struct Pack {
    pub name: String,
    /// The directory on disk, for local packs.
    pub dir: Option<PathBuf>,
    pub rules: Vec<Rule>,
}

impl Pack {
    /// Loads a pack directory: every `*.yaml` / `*.yml` file in it (not recursive), sorted.
    pub fn load_dir(dir: &Path) -> Result<Pack, Vec<FileError>> {
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
            match Rule::load(id, RuleSource::new(shown, text), false) {
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
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

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
