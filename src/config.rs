//! `seigo.yaml` / `.seigo.yaml`: which packs to use, rules to disable, severity overrides,
//! paths to ignore, and per-glob `overrides`. Each file is checked under the nearest config
//! above it; `extends:` inherits another config's settings; `--config` names one for all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::error::FileError;
use crate::finding::Severity;
use crate::lang::ja::Morphology;
use crate::rules::spec::{RuleSource, field_names};
use crate::rules::{Rule, builtin, yaml};

pub const FILE_NAMES: &[&str] = &["seigo.yaml", ".seigo.yaml"];

/// How many configs an `extends:` chain may hold (a cycle is reported before this).
const MAX_EXTENDS: usize = 32;

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Another config to start from (a path relative to this file): its packs, extensions,
    /// disabled rules, severities, ignore globs and overrides apply unless this file says
    /// otherwise. `packs` and `extensions` given here replace the inherited ones; `disable`,
    /// `severity`, `ignore`, `options` and `overrides` add to them.
    #[serde(default)]
    pub extends: Option<String>,
    /// Built-in pack names or pack directories (relative to the config file). Default:
    /// `[ja-news]`, or the packs of the config this one extends.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    packs: Option<Vec<String>>,
    /// Rule IDs to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule ID → severity override.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Rule ID → keys of that rule's kind (and `lexicons`) added to the rule without copying
    /// it: lists are appended to the rule's (a group of `synonyms`, a title in
    /// `lexicons: {titles: {add: [...]}}`), maps merged, other values replaced.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, serde_json::Value>>")]
    pub options: BTreeMap<String, serde_yaml::Mapping>,
    /// Glob patterns (gitignore syntax, relative to this file) of paths not to check.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// File extensions to check when walking directories (and when a file is named). Default:
    /// `[md, markdown, txt]`, or those of the config this one extends.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    extensions: Option<Vec<String>>,
    /// Settings for some files only: each entry's `files` globs (gitignore syntax, relative
    /// to this file) select the files its `packs`, `disable`, `severity` and `format` apply to.
    /// Later entries win.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Where the config was read from; `None` for the built-in default.
    #[serde(skip)]
    pub path: Option<PathBuf>,
    #[serde(skip)]
    text: Option<Arc<str>>,
    /// The config named by `extends`, loaded.
    #[serde(skip)]
    parent: Option<Arc<Config>>,
}

/// Settings for the files an `overrides` entry's globs select.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Globs (gitignore syntax, relative to the config file) of the files this entry is for.
    pub files: Vec<String>,
    /// More packs for these files (built-in names or directories relative to the config).
    #[serde(default)]
    pub packs: Vec<String>,
    /// Rule IDs to turn off for these files.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule ID → severity for these files.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Rule ID → options added to the rule for these files (as the top-level `options`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, BTreeMap<String, serde_json::Value>>")]
    pub options: BTreeMap<String, serde_yaml::Mapping>,
    /// Read these files as `markdown` or `text`, whatever their extension (and check them
    /// when named even if their extension is not in `extensions`).
    #[serde(default)]
    pub format: Option<FormatName>,
}

/// A document format named in a config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FormatName {
    Markdown,
    Text,
}

impl FormatName {
    pub fn format(self) -> crate::document::Format {
        match self {
            FormatName::Markdown => crate::document::Format::Markdown,
            FormatName::Text => crate::document::Format::PlainText,
        }
    }
}

fn default_packs() -> Vec<String> {
    vec!["ja-news".into()]
}

fn default_extensions() -> Vec<String> {
    vec!["md".into(), "markdown".into(), "txt".into()]
}

/// A pack to load, and the config that names it (for relative paths and located errors).
struct PackRef<'a> {
    name: &'a str,
    by: &'a Config,
    key: &'static str,
}

/// An `overrides` entry of some config in a chain, and that config.
#[derive(Debug, Clone, Copy)]
pub struct AppliedOverride<'a> {
    pub config: &'a Config,
    pub entry: &'a Override,
}

impl Config {
    /// Parses a config file's text; errors are located in it. `extends` is not followed
    /// (see [`Config::load`]).
    pub fn parse(path: &Path, text: &str) -> Result<Config, FileError> {
        let src = RuleSource::new(path.display().to_string(), text);
        if text.trim().is_empty() {
            return Ok(Config {
                path: Some(path.to_path_buf()),
                text: Some(src.text.clone()),
                ..Config::default()
            });
        }
        src.check_nesting()?;
        src.check_authoring_mistakes()?;
        let mut config: Config =
            serde_yaml::from_str(text).map_err(|e| src.yaml_error(&e, field_names::<Config>()))?;
        config.path = Some(path.to_path_buf());
        config.text = Some(src.text);
        Ok(config)
    }

    /// Reads a config file and the configs it `extends`, transitively.
    pub fn load(path: &Path) -> Result<Config, FileError> {
        Config::load_chain(path, &mut Vec::new())
    }

    fn load_chain(path: &Path, seen: &mut Vec<PathBuf>) -> Result<Config, FileError> {
        let text = crate::input::read_config_text(path, crate::input::MAX_CONFIG_BYTES, "config")
            .map_err(|message| FileError::whole_file(path.display().to_string(), message))?;
        let mut config = Config::parse(path, &text)?;
        seen.push(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()));
        if let Some(extends) = config.extends.clone() {
            let target = config.base_dir().join(&extends);
            let identity = std::fs::canonicalize(&target).unwrap_or_else(|_| target.clone());
            let at = |message: String| {
                let span = config
                    .text
                    .as_deref()
                    .and_then(|t| yaml::list_item_span(t, &["extends"], &extends));
                FileError::new(
                    path.display().to_string(),
                    config.text.clone().unwrap_or_else(|| Arc::from("")),
                    span,
                    message,
                )
            };
            if seen.contains(&identity) {
                return Err(at(format!(
                    "`extends: {extends}` makes a cycle: this config extends itself"
                )));
            }
            if seen.len() >= MAX_EXTENDS {
                return Err(at(format!(
                    "`extends` chain longer than {MAX_EXTENDS} configs"
                )));
            }
            if !target.is_file() {
                return Err(at(format!(
                    "`extends: {extends}`: no config file {}",
                    relative_to_cwd(&target).display()
                )));
            }
            config.parent = Some(Arc::new(Config::load_chain(&target, seen)?));
        }
        Ok(config)
    }

    /// Looks for a config file in `start` (or its directory) and its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        let dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        dir.and_then(Config::discover_in)
    }

    /// The config file in `dir` or its nearest ancestor that has one.
    pub fn discover_in(dir: &Path) -> Option<PathBuf> {
        let mut dir = Some(dir);
        while let Some(d) = dir {
            for name in FILE_NAMES {
                let candidate = d.join(name);
                if candidate.is_file() {
                    return Some(candidate);
                }
            }
            dir = d.parent();
        }
        None
    }

    /// This config, then the configs it extends, nearest first.
    pub fn chain(&self) -> impl Iterator<Item = &Config> {
        std::iter::successors(Some(self), |c| c.parent.as_deref())
    }

    /// The packs in effect: this config's, else the nearest extended config's, else `ja-news`.
    pub fn packs(&self) -> Vec<String> {
        self.chain()
            .find_map(|c| c.packs.clone())
            .unwrap_or_else(default_packs)
    }

    /// The extensions in effect, like [`Config::packs`].
    pub fn extensions(&self) -> Vec<String> {
        self.chain()
            .find_map(|c| c.extensions.clone())
            .unwrap_or_else(default_extensions)
    }

    /// Whether `ext` (without the dot) is one of the extensions in effect.
    pub fn checks_extension(&self, ext: &str) -> bool {
        self.extensions()
            .iter()
            .any(|x| x.eq_ignore_ascii_case(ext))
    }

    /// The directory pack paths and globs are relative to.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn error_at(&self, key_path: &[&str], value: &str, message: String) -> FileError {
        match (&self.path, &self.text) {
            (Some(path), Some(text)) => {
                let span = yaml::list_item_span(text, key_path, value);
                FileError::new(path.display().to_string(), text.clone(), span, message)
            }
            _ => FileError::whole_file("<default config>", message),
        }
    }

    /// Loads every configured pack, compiled against `morphology`, then applies `disable`
    /// and `severity`. Unknown packs and rule IDs are errors pointing at the config line.
    pub fn load_rules(&self, morphology: &Morphology) -> Result<Vec<Rule>, Vec<FileError>> {
        self.load_rules_with(&[], morphology)
    }

    /// Every pack named by this config's chain and by any of its `overrides`, once each
    /// (for `seigo test` without arguments).
    pub fn pack_refs(&self) -> Vec<(String, PathBuf)> {
        let mut out: Vec<(String, PathBuf)> = Vec::new();
        let mut push = |name: &str, by: &Config| {
            let entry = (name.to_string(), by.base_dir());
            if !out.contains(&entry) {
                out.push(entry);
            }
        };
        let declaring = self.chain().find(|c| c.packs.is_some());
        match declaring {
            Some(c) => c.packs.iter().flatten().for_each(|p| push(p, c)),
            None => default_packs().iter().for_each(|p| push(p, self)),
        }
        for c in self.chain() {
            for o in &c.overrides {
                o.packs.iter().for_each(|p| push(p, c));
            }
        }
        out
    }

    /// The `overrides` entries of this config's chain whose globs select `path` (absolute or
    /// relative to the working directory), outermost config first, in file order.
    pub fn overrides_for(&self, path: &Path) -> Result<Vec<(usize, usize)>, crate::error::Error> {
        let chain: Vec<&Config> = self.chain().collect();
        let path = crate::workspace::lexical_absolute(path);
        let mut out = Vec::new();
        for (depth, c) in chain.iter().enumerate().rev() {
            let base = crate::workspace::lexical_absolute(&c.base_dir());
            if !path.starts_with(&base) {
                continue;
            }
            for (i, o) in c.overrides.iter().enumerate() {
                let globs = crate::workspace::compile_globs(&base, &o.files)?;
                if globs.matched_path_or_any_parents(&path, false).is_ignore() {
                    out.push((depth, i));
                }
            }
        }
        Ok(out)
    }

    /// The entries named by [`Config::overrides_for`]'s indices.
    pub fn applied<'a>(&'a self, picked: &[(usize, usize)]) -> Vec<AppliedOverride<'a>> {
        let chain: Vec<&Config> = self.chain().collect();
        picked
            .iter()
            .map(|&(depth, i)| AppliedOverride {
                config: chain[depth],
                entry: &chain[depth].overrides[i],
            })
            .collect()
    }

    /// Loads the packs in effect plus those of `overrides`, compiled against `morphology`,
    /// then applies the chain's `disable` and `severity` (outermost config first) and those of
    /// `overrides`. Rule IDs this config or the overrides name must exist; those inherited
    /// through `extends` may name rules of packs this config does not load.
    pub fn load_rules_with(
        &self,
        overrides: &[AppliedOverride<'_>],
        morphology: &Morphology,
    ) -> Result<Vec<Rule>, Vec<FileError>> {
        let mut refs: Vec<PackRef<'_>> = Vec::new();
        match self.chain().find(|c| c.packs.is_some()) {
            Some(c) => refs.extend(c.packs.iter().flatten().map(|name| PackRef {
                name,
                by: c,
                key: "packs",
            })),
            None => refs.push(PackRef {
                name: "ja-news",
                by: self,
                key: "packs",
            }),
        }
        for o in overrides {
            refs.extend(o.entry.packs.iter().map(|name| PackRef {
                name,
                by: o.config,
                key: "overrides",
            }));
        }
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        // A pack listed twice (`[ja-news, ja-news]`, or one directory by two spellings) is
        // loaded once; two different packs with the same name would give clashing rule IDs.
        let mut loaded: Vec<(String, PathBuf)> = Vec::new();
        for PackRef {
            name: pack,
            by,
            key,
        } in refs
        {
            let identity = if builtin::pack_names().contains(&pack) {
                (pack.to_string(), PathBuf::from(format!("<builtin>/{pack}")))
            } else {
                let dir = by.base_dir().join(pack);
                let name = dir
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or("local")
                    .to_string();
                (name, std::fs::canonicalize(&dir).unwrap_or(dir))
            };
            if loaded.contains(&identity) {
                continue;
            }
            if let Some((_, other)) = loaded.iter().find(|(n, _)| *n == identity.0) {
                errors.push(by.error_at(
                    &[key],
                    pack,
                    format!(
                        "two packs are named `{}` ({} and {}): their rule IDs would clash",
                        identity.0,
                        other.display(),
                        identity.1.display()
                    ),
                ));
                continue;
            }
            loaded.push(identity);
            let result = match builtin::load(pack, morphology) {
                Some(r) => r,
                None => {
                    let dir = relative_to_cwd(&by.base_dir().join(pack));
                    if dir.is_dir() {
                        crate::rules::Pack::load_dir(&dir, morphology)
                    } else {
                        let names = builtin::pack_names();
                        errors.push(
                            by.error_at(&[key], pack, format!("unknown pack `{pack}`: not a built-in pack and no directory {}", dir.display()))
                                .with_help(format!("built-in packs: {}", names.join(", "))),
                        );
                        continue;
                    }
                }
            };
            match result {
                Ok(p) => rules.extend(p.rules),
                Err(mut e) => errors.append(&mut e),
            }
        }
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mut check_id = |by: &Config, key_path: &[&str], id: &str| {
            if !ids.iter().any(|i| i == id) {
                let key = key_path.last().copied().unwrap_or_default();
                errors.push(
                    by.error_at(key_path, id, crate::i18n::unknown_rule_in(id, key))
                        .with_help(crate::i18n::did_you_mean_rule(id, &id_refs)),
                );
            }
        };
        for id in &self.disable {
            check_id(self, &["disable"], id);
        }
        for id in self.severity.keys() {
            check_id(self, &["severity"], id);
        }
        for id in self.options.keys() {
            check_id(self, &["options"], id);
        }
        for o in overrides {
            for id in &o.entry.disable {
                check_id(o.config, &["overrides", "disable"], id);
            }
            for id in o.entry.severity.keys() {
                check_id(o.config, &["overrides", "severity"], id);
            }
            for id in o.entry.options.keys() {
                check_id(o.config, &["overrides", "options"], id);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let chain: Vec<&Config> = self.chain().collect();
        let disabled = |id: &str| {
            chain.iter().any(|c| c.disable.iter().any(|d| d == id))
                || overrides
                    .iter()
                    .any(|o| o.entry.disable.iter().any(|d| d == id))
        };
        rules.retain(|r| !disabled(&r.id));
        let mut rules = self.extend_rules(rules, overrides, morphology)?;
        for rule in &mut rules {
            let severities = chain
                .iter()
                .rev()
                .map(|c| &c.severity)
                .chain(overrides.iter().map(|o| &o.entry.severity));
            for map in severities {
                if let Some(s) = map.get(&rule.id) {
                    rule.severity = *s;
                }
            }
        }
        Ok(rules)
    }

    /// Recompiles the rules that `options` (of the chain, outermost first, then of
    /// `overrides`) extend, with those options merged in ([`crate::rules::merge_options`]).
    /// Only a kind's own keys and `lexicons` may be given; mistakes are located in the config.
    pub fn extend_rules(
        &self,
        rules: Vec<Rule>,
        overrides: &[AppliedOverride<'_>],
        morphology: &Morphology,
    ) -> Result<Vec<Rule>, Vec<FileError>> {
        let chain: Vec<&Config> = self.chain().collect();
        let layers: Vec<(&Config, &[&str], &BTreeMap<String, serde_yaml::Mapping>)> = chain
            .iter()
            .rev()
            .map(|c| (*c, &["options"][..], &c.options))
            .chain(
                overrides
                    .iter()
                    .map(|o| (o.config, &["overrides", "options"][..], &o.entry.options)),
            )
            .filter(|(_, _, options)| !options.is_empty())
            .collect();
        if layers.is_empty() {
            return Ok(rules);
        }
        let mut out = Vec::with_capacity(rules.len());
        let mut errors = Vec::new();
        for rule in rules {
            let mine: Vec<(&Config, &[&str], &serde_yaml::Mapping)> = layers
                .iter()
                .filter_map(|(c, at, options)| options.get(&rule.id).map(|o| (*c, *at, o)))
                .collect();
            let Some(&(by, at, _)) = mine.last() else {
                out.push(rule);
                continue;
            };
            let mut bad_keys = Vec::new();
            for (c, at, options) in &mine {
                bad_keys.extend(c.option_key_errors(at, &rule, options));
            }
            if !bad_keys.is_empty() {
                errors.append(&mut bad_keys);
                continue;
            }
            let extensions: Vec<&serde_yaml::Mapping> = mine.iter().map(|(_, _, o)| *o).collect();
            let source = RuleSource::new(rule.origin.path.clone(), rule.origin.text.clone());
            let id = rule.id.clone();
            match Rule::load_extended(
                id.clone(),
                source,
                rule.origin.builtin,
                morphology,
                &extensions,
            ) {
                Ok(extended) => out.push(extended),
                Err(problems) => {
                    let path: Vec<&str> = at.iter().copied().chain([id.as_str()]).collect();
                    errors.extend(problems.into_iter().map(|p| {
                        let error = by.key_error(
                            &path,
                            crate::i18n::tr(
                                format!("the options for `{id}` do not apply: {}", p.message),
                                format!("`{id}` の options を適用できません: {}", p.message),
                            ),
                        );
                        match p.help {
                            Some(help) => error.with_help(help),
                            None => error,
                        }
                    }));
                }
            }
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// The keys of `options` for `rule` that its kind does not take (`message`, `severity`:
    /// they have their own config keys or belong to the rule).
    fn option_key_errors(
        &self,
        at: &[&str],
        rule: &Rule,
        options: &serde_yaml::Mapping,
    ) -> Vec<FileError> {
        let kind = rule.kind();
        let mut valid: Vec<&str> = crate::rules::kinds::registration(kind)
            .map(|k| k.keys().to_vec())
            .unwrap_or_default();
        valid.push("lexicons");
        let mut errors = Vec::new();
        for key in options.keys() {
            let name = key.as_str().unwrap_or_default();
            if valid.contains(&name) {
                continue;
            }
            let path: Vec<&str> = at.iter().copied().chain([rule.id.as_str(), name]).collect();
            let message = crate::i18n::tr(
                format!("`{name}` is not an option of `{}` (kind `{kind}`)", rule.id),
                format!(
                    "`{name}` は `{}`（種類 `{kind}`）のオプションではありません",
                    rule.id
                ),
            );
            let help = match name {
                "severity" => crate::i18n::tr(
                    "set a rule's severity with the config's `severity:` key".to_string(),
                    "重大度は設定の `severity:` で変えます".to_string(),
                ),
                _ => crate::rules::spec::did_you_mean(name, &valid),
            };
            errors.push(self.key_error(&path, message).with_help(help));
        }
        errors
    }

    /// An error at the key `path` of this config (or the nearest enclosing key found).
    fn key_error(&self, path: &[&str], message: String) -> FileError {
        match (&self.path, &self.text) {
            (Some(file), Some(text)) => {
                let span = (1..=path.len())
                    .rev()
                    .find_map(|n| yaml::nested_key_span(text, &path[..n]));
                FileError::new(file.display().to_string(), text.clone(), span, message)
            }
            _ => FileError::whole_file("<default config>", message),
        }
    }

    /// The document format an override sets for these files, if any (the last one wins).
    pub fn format_of(overrides: &[AppliedOverride<'_>]) -> Option<crate::document::Format> {
        overrides
            .iter()
            .rev()
            .find_map(|o| o.entry.format)
            .map(FormatName::format)
    }
}

/// Shows paths under the current directory relatively, as users typed them.
fn relative_to_cwd(path: &Path) -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
        .unwrap_or_else(|| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_use_ja_news() {
        let c = Config::parse(Path::new("seigo.yaml"), "").unwrap();
        assert_eq!(c.packs(), vec!["ja-news"]);
        assert!(!c.load_rules(&Morphology::new()).unwrap().is_empty());
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let e =
            Config::parse(Path::new("seigo.yaml"), "packs: [ja-news]\ndisabel: []\n").unwrap_err();
        assert_eq!(e.message, "unknown key `disabel`");
        assert_eq!(e.help.as_deref(), Some("did you mean `disable`?"));
        assert!(
            e.headline().starts_with("seigo.yaml:2:1:"),
            "{}",
            e.headline()
        );
    }

    #[test]
    fn unknown_pack_and_rule_are_located() {
        let c = Config::parse(
            Path::new("/nonexistent/seigo.yaml"),
            "packs:\n  - ja-newz\n",
        )
        .unwrap();
        let e = c.load_rules(&Morphology::new()).unwrap_err();
        assert!(e[0].message.contains("unknown pack `ja-newz`"));
        assert!(e[0].headline().contains(":2:5:"), "{}", e[0].headline());
        let c = Config::parse(Path::new("seigo.yaml"), "disable:\n  - ja-news/nope\n").unwrap();
        let e = c.load_rules(&Morphology::new()).unwrap_err();
        assert!(e[0].message.contains("unknown rule `ja-news/nope`"));
    }

    #[test]
    fn a_pack_listed_twice_is_loaded_once() {
        let once = Config::default()
            .load_rules(&Morphology::new())
            .unwrap()
            .len();
        let c = Config::parse(Path::new("seigo.yaml"), "packs: [ja-news, ja-news]\n").unwrap();
        assert_eq!(c.load_rules(&Morphology::new()).unwrap().len(), once);
    }

    #[test]
    fn severity_overrides_apply() {
        let rules = Config::default().load_rules(&Morphology::new()).unwrap();
        let id = rules[0].id.clone();
        let c = Config::parse(
            Path::new("seigo.yaml"),
            &format!("severity:\n  {id}: error\n"),
        )
        .unwrap();
        let rules = c.load_rules(&Morphology::new()).unwrap();
        assert_eq!(
            rules.iter().find(|r| r.id == id).unwrap().severity,
            Severity::Error
        );
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn extends_inherits_and_adds() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("seigo.yaml"),
            "disable: [ja-news/kaerisaki]\nseverity:\n  ja-news/shien-teishi: info\nextensions: [md]\n",
        );
        write(
            &root.join("opinion/seigo.yaml"),
            "extends: ../seigo.yaml\ndisable: [ja-news/kenen-ken-i]\nseverity:\n  ja-news/shien-teishi: warning\n",
        );
        let c = Config::load(&root.join("opinion/seigo.yaml")).unwrap();
        assert_eq!(c.extensions(), ["md"], "inherited");
        assert_eq!(c.packs(), ["ja-news"]);
        let rules = c.load_rules(&Morphology::new()).unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
        assert!(!ids.contains(&"ja-news/kaerisaki"), "parent's disable");
        assert!(!ids.contains(&"ja-news/kenen-ken-i"), "own disable");
        let shien = rules.iter().find(|r| r.id == "ja-news/shien-teishi");
        assert_eq!(shien.unwrap().severity, Severity::Warning, "child wins");
    }

    #[test]
    fn an_extends_cycle_or_missing_target_is_located() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("a/seigo.yaml"), "extends: ../b/seigo.yaml\n");
        write(&root.join("b/seigo.yaml"), "extends: ../a/seigo.yaml\n");
        let e = Config::load(&root.join("a/seigo.yaml")).unwrap_err();
        assert!(e.message.contains("makes a cycle"), "{}", e.message);
        assert!(
            e.headline().contains("seigo.yaml:1:10:"),
            "{}",
            e.headline()
        );
        write(&root.join("c/seigo.yaml"), "extends: nowhere.yaml\n");
        let e = Config::load(&root.join("c/seigo.yaml")).unwrap_err();
        assert!(e.message.contains("no config file"), "{}", e.message);
    }

    #[test]
    fn overrides_select_files_by_glob_relative_to_the_config() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("seigo.yaml"),
            "overrides:\n  - files: [\"opinion/**\"]\n    disable: [ja-news/kaerisaki]\n    severity:\n      ja-news/shien-teishi: info\n  - files: [\"*.mdx\"]\n    format: markdown\n",
        );
        let c = Config::load(&root.join("seigo.yaml")).unwrap();
        let picked = c.overrides_for(&root.join("opinion/a.md")).unwrap();
        assert_eq!(picked, [(0, 0)]);
        assert!(c.overrides_for(&root.join("news/a.md")).unwrap().is_empty());
        let mdx = c.overrides_for(&root.join("news/a.mdx")).unwrap();
        assert_eq!(
            Config::format_of(&c.applied(&mdx)),
            Some(crate::document::Format::Markdown)
        );
        let rules = c
            .load_rules_with(&c.applied(&picked), &Morphology::new())
            .unwrap();
        assert!(!rules.iter().any(|r| r.id == "ja-news/kaerisaki"));
        let shien = rules.iter().find(|r| r.id == "ja-news/shien-teishi");
        assert_eq!(shien.unwrap().severity, Severity::Info);
        assert!(
            c.load_rules(&Morphology::new())
                .unwrap()
                .iter()
                .any(|r| r.id == "ja-news/kaerisaki"),
            "other files keep the rule"
        );
    }

    #[test]
    fn an_unknown_rule_in_an_override_is_located() {
        let c = Config::parse(
            Path::new("seigo.yaml"),
            "overrides:\n  - files: [\"a/**\"]\n    disable: [ja-news/kaerisak]\n",
        )
        .unwrap();
        let picked = [(0, 0)];
        let e = c
            .load_rules_with(&c.applied(&picked), &Morphology::new())
            .unwrap_err();
        assert!(
            e[0].headline().starts_with("seigo.yaml:3:15:"),
            "{}",
            e[0].headline()
        );
        assert_eq!(
            e[0].help.as_deref(),
            Some("did you mean `ja-news/kaerisaki`?")
        );
    }

    #[test]
    fn override_packs_add_rules_for_the_files_they_select() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("opinion-rules/hedge.yaml"),
            "kind: existence\nmessage: x\nterms: [と思われる]\n",
        );
        write(
            &root.join("seigo.yaml"),
            "overrides:\n  - files: [\"opinion/**\"]\n    packs: [opinion-rules]\n    severity:\n      opinion-rules/hedge: info\n",
        );
        let c = Config::load(&root.join("seigo.yaml")).unwrap();
        let picked = c.overrides_for(&root.join("opinion/a.md")).unwrap();
        let rules = c
            .load_rules_with(&c.applied(&picked), &Morphology::new())
            .unwrap();
        let hedge = rules.iter().find(|r| r.id == "opinion-rules/hedge");
        assert_eq!(hedge.map(|r| r.severity), Some(Severity::Info));
        assert!(
            rules.iter().any(|r| r.id == "ja-news/kaerisaki"),
            "added to ja-news"
        );
        assert_eq!(c.pack_refs().len(), 2, "seigo test tests both packs");
        let elsewhere = c.load_rules(&Morphology::new()).unwrap();
        assert!(!elsewhere.iter().any(|r| r.id == "opinion-rules/hedge"));
    }
}
