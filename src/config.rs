//! `seigo.yaml` / `.seigo.yaml`: which packs to use, rules to disable, severity overrides and
//! paths to ignore. Found by walking up from the checked path; `--config` overrides.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::error::FileError;
use crate::finding::Severity;
use crate::lang::ja::Morphology;
use crate::rules::spec::{RuleSource, did_you_mean, field_names};
use crate::rules::{Rule, builtin, yaml};

pub const FILE_NAMES: &[&str] = &["seigo.yaml", ".seigo.yaml"];

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Built-in pack names or pack directories (relative to the config file).
    #[serde(default = "default_packs")]
    pub packs: Vec<String>,
    /// Rule IDs to turn off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Rule ID → severity override.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Glob patterns (gitignore syntax) of paths not to check.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// File extensions to check when walking directories.
    #[serde(default = "default_extensions")]
    pub extensions: Vec<String>,
    /// Where the config was read from; `None` for the built-in default.
    #[serde(skip)]
    pub path: Option<PathBuf>,
    #[serde(skip)]
    text: Option<Arc<str>>,
}

fn default_packs() -> Vec<String> {
    vec!["ja-news".into()]
}

fn default_extensions() -> Vec<String> {
    vec!["md".into(), "markdown".into(), "txt".into()]
}

impl Default for Config {
    fn default() -> Self {
        Config {
            packs: default_packs(),
            disable: Vec::new(),
            severity: BTreeMap::new(),
            ignore: Vec::new(),
            extensions: default_extensions(),
            path: None,
            text: None,
        }
    }
}

impl Config {
    /// Parses a config file's text; errors are located in it.
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
        let mut config: Config =
            serde_yaml::from_str(text).map_err(|e| src.yaml_error(&e, field_names::<Config>()))?;
        config.path = Some(path.to_path_buf());
        config.text = Some(src.text);
        Ok(config)
    }

    pub fn load(path: &Path) -> Result<Config, FileError> {
        let text = crate::input::read_config_text(path, crate::input::MAX_CONFIG_BYTES, "config")
            .map_err(|message| FileError::whole_file(path.display().to_string(), message))?;
        Config::parse(path, &text)
    }

    /// Looks for a config file in `start` (or its directory) and its ancestors.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        let start = std::path::absolute(start).ok()?;
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
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

    /// The directory pack paths and ignore globs are relative to.
    pub fn base_dir(&self) -> PathBuf {
        self.path
            .as_ref()
            .and_then(|p| p.parent())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }

    fn error_at(&self, key: &str, value: &str, message: String) -> FileError {
        match (&self.path, &self.text) {
            (Some(path), Some(text)) => {
                let span = yaml::list_item_span(text, &[key], value);
                FileError::new(path.display().to_string(), text.clone(), span, message)
            }
            _ => FileError::whole_file("<default config>", message),
        }
    }

    /// Loads every configured pack, compiled against `morphology`, then applies `disable`
    /// and `severity`. Unknown packs and rule IDs are errors pointing at the config line.
    pub fn load_rules(&self, morphology: &Morphology) -> Result<Vec<Rule>, Vec<FileError>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        // A pack listed twice (`[ja-news, ja-news]`, or one directory by two spellings) is
        // loaded once; two different packs with the same name would give clashing rule IDs.
        let mut loaded: Vec<(String, PathBuf)> = Vec::new();
        for pack in &self.packs {
            let identity = if builtin::pack_names().contains(&pack.as_str()) {
                (pack.clone(), PathBuf::from(format!("<builtin>/{pack}")))
            } else {
                let dir = self.base_dir().join(pack);
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
                errors.push(self.error_at(
                    "packs",
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
                    let dir = relative_to_cwd(&self.base_dir().join(pack));
                    if dir.is_dir() {
                        crate::rules::Pack::load_dir(&dir, morphology)
                    } else {
                        let names = builtin::pack_names();
                        errors.push(
                            self.error_at("packs", pack, format!("unknown pack `{pack}`: not a built-in pack and no directory {}", dir.display()))
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
        let mut check_id = |key: &str, id: &str| {
            if !ids.iter().any(|i| i == id) {
                errors.push(
                    self.error_at(key, id, format!("unknown rule `{id}` in `{key}`"))
                        .with_help(
                            did_you_mean(id, &id_refs).replace("valid keys here", "enabled rules"),
                        ),
                );
            }
        };
        for id in &self.disable {
            check_id("disable", id);
        }
        for id in self.severity.keys() {
            check_id("severity", id);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        rules.retain(|r| !self.disable.contains(&r.id));
        for rule in &mut rules {
            if let Some(s) = self.severity.get(&rule.id) {
                rule.severity = *s;
            }
        }
        Ok(rules)
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
        assert_eq!(c.packs, vec!["ja-news"]);
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
}
