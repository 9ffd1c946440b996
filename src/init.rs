//! `seigo init`: a config, a local pack of house-style starter rules that pass `seigo test` as
//! written and do not repeat what the built-in pack finds, and (not enabled) an example rule of
//! each other kind. `seigo init --from <rule>` copies a built-in rule into the local pack to
//! change it. Existing files are never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The starter rules, enabled in `rules/local`, as `(file name, text)`: checks the built-in
/// pack does not make, so that no finding shows twice.
pub const LOCAL_RULES: &[(&str, &str)] = &[
    ("placeholder.yaml", include_str!("init/placeholder.yaml")),
    ("word-swap.yaml", include_str!("init/word-swap.yaml")),
];

/// One example rule of each kind the starters do not show, in `rules/examples`, which the
/// config does not enable (ja-news already checks these things).
pub const EXAMPLE_RULES: &[(&str, &str)] = &[
    (
        "headline-claims.yaml",
        include_str!("init/examples/headline-claims.yaml"),
    ),
    (
        "title-mismatch.yaml",
        include_str!("init/examples/title-mismatch.yaml"),
    ),
    (
        "affirm-negate.yaml",
        include_str!("init/examples/affirm-negate.yaml"),
    ),
    (
        "repeated-phrase.yaml",
        include_str!("init/examples/repeated-phrase.yaml"),
    ),
    (
        "price-mismatch.yaml",
        include_str!("init/examples/price-mismatch.yaml"),
    ),
    (
        "misconversion-by-reading.yaml",
        include_str!("init/examples/misconversion-by-reading.yaml"),
    ),
];

const CONFIG: &str = include_str!("init/seigo.yaml");

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    Created(PathBuf),
    /// The file existed and was left untouched.
    Kept(PathBuf),
}

/// `created rules/local/x.yaml`, or `kept    seigo.yaml (exists; not overwritten)`.
impl std::fmt::Display for Written {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Written::Created(p) => write!(f, "created {}", p.display()),
            Written::Kept(p) => write!(f, "kept    {} (exists; not overwritten)", p.display()),
        }
    }
}

/// The files `init` writes, relative to the target directory.
pub fn files() -> Vec<(PathBuf, String)> {
    let mut out = vec![(PathBuf::from("seigo.yaml"), CONFIG.to_string())];
    for (name, text) in LOCAL_RULES {
        out.push((Path::new("rules/local").join(name), text.to_string()));
    }
    for (name, text) in EXAMPLE_RULES {
        out.push((Path::new("rules/examples").join(name), text.to_string()));
    }
    out.push((
        PathBuf::from("rules/schema/rule.schema.json"),
        crate::schema::to_pretty(&crate::schema::rule_schema()),
    ));
    out.push((
        PathBuf::from("rules/schema/config.schema.json"),
        crate::schema::to_pretty(&crate::schema::config_schema()),
    ));
    out
}

/// Writes the starter files under `dir`, creating only files that do not exist yet.
pub fn init(dir: &Path) -> std::io::Result<Vec<Written>> {
    files()
        .into_iter()
        .map(|(rel, text)| create(dir, rel, &text))
        .collect()
}

/// Creates `dir/rel` with `text` unless it exists.
fn create(dir: &Path, rel: PathBuf, text: &str) -> std::io::Result<Written> {
    let path = dir.join(&rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // `create_new` fails if the file exists, so a race cannot overwrite either.
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut f) => {
            f.write_all(text.as_bytes())?;
            Ok(Written::Created(rel))
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(Written::Kept(rel)),
        Err(e) => Err(e),
    }
}

/// Why `seigo init --from` did nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("no built-in rule `{id}` ({help})")]
    UnknownRule { id: String, help: String },
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// `seigo init --from ja-news/x`: copies the built-in rule into `rules/local/x.yaml` (the rule
/// `local/x`), and writes a `seigo.yaml` that enables the local pack and disables the
/// built-in (when there is no config yet). Returns what was written and what to do next.
pub fn copy_builtin(dir: &Path, id: &str) -> Result<(Vec<Written>, String), InitError> {
    let files = crate::rules::builtin::FILES;
    let Some(file) = files
        .iter()
        .find(|f| format!("{}/{}", f.pack, f.stem) == id)
    else {
        let ids: Vec<String> = files
            .iter()
            .map(|f| format!("{}/{}", f.pack, f.stem))
            .collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        return Err(InitError::UnknownRule {
            id: id.to_string(),
            help: crate::i18n::did_you_mean(id, &refs, "built-in rules", "組み込みルール"),
        });
    };
    let rule = format!(
        "# Copied from the built-in rule {id} by `seigo init --from {id}`: this is local/{stem};\n# {id} is disabled in seigo.yaml so that findings do not show twice.\n{}",
        file.text,
        stem = file.stem
    );
    let mut written = vec![create(
        dir,
        Path::new("rules/local").join(format!("{}.yaml", file.stem)),
        &rule,
    )?];
    let config = format!(
        "# seigo configuration (see the README's \"Configuration\").\npacks:\n  - {}\n  - rules/local\n# The local copy replaces it.\ndisable:\n  - {id}\n",
        file.pack
    );
    let has_config = crate::config::FILE_NAMES
        .iter()
        .any(|name| dir.join(name).exists());
    let next = if has_config {
        format!(
            "next: in your seigo.yaml, add `rules/local` to `packs` and `{id}` to `disable` (so that findings do not show twice), then edit rules/local/{}.yaml and run `seigo test rules/local`",
            file.stem
        )
    } else {
        written.push(create(dir, PathBuf::from("seigo.yaml"), &config)?);
        format!(
            "next: edit rules/local/{}.yaml, then `seigo test rules/local && seigo check`",
            file.stem
        )
    };
    Ok((written, next))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Morphology;
    use crate::rules::Pack;
    use crate::rules::testing::run_examples;

    fn load(dir: &Path, morphology: &Morphology) -> Pack {
        Pack::load_dir(dir, morphology)
            .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| e.headline()).collect::<Vec<_>>()))
    }

    #[test]
    fn starter_rules_find_nothing_the_builtin_pack_finds() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        let morphology = Morphology::new();
        let local = load(&dir.path().join("rules/local"), &morphology);
        let builtin = crate::config::Config::default()
            .load_rules(&morphology)
            .unwrap();
        for rule in &local.rules {
            for example in &rule.examples().bad {
                let (text, _) = crate::rules::testing::strip_marks(&example.text);
                let mine = crate::rules::testing::findings_for(rule, &text, &morphology);
                assert!(!mine.is_empty(), "{}: {}", rule.id, example.text);
                for other in &builtin {
                    let theirs = crate::rules::testing::findings_for(other, &text, &morphology);
                    for f in &mine {
                        assert!(
                            !theirs.iter().any(|t| t.span == f.span),
                            "{} repeats {} on {:?}",
                            rule.id,
                            other.id,
                            example.text
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn from_copies_a_builtin_rule_and_disables_the_original() {
        let dir = tempfile::tempdir().unwrap();
        let (written, next) = copy_builtin(dir.path(), "ja-news/kaerisaki").unwrap();
        assert_eq!(
            written,
            [
                Written::Created(PathBuf::from("rules/local/kaerisaki.yaml")),
                Written::Created(PathBuf::from("seigo.yaml")),
            ]
        );
        assert!(next.contains("rules/local/kaerisaki.yaml"), "{next}");
        let config = crate::config::Config::load(&dir.path().join("seigo.yaml")).unwrap();
        let morphology = Morphology::new();
        let rules = config.load_rules(&morphology).unwrap();
        assert!(rules.iter().any(|r| r.id == "local/kaerisaki"));
        assert!(!rules.iter().any(|r| r.id == "ja-news/kaerisaki"));
        let copy = rules.iter().find(|r| r.id == "local/kaerisaki").unwrap();
        assert!(run_examples(copy, &morphology).failures.is_empty());
        // With a config already there, it is left alone and the next step says what to add.
        let (written, next) = copy_builtin(dir.path(), "ja-news/shien-teishi").unwrap();
        assert_eq!(written.len(), 1);
        assert!(next.contains("add `rules/local` to `packs`"), "{next}");
        let e = copy_builtin(dir.path(), "ja-news/kaerisak").unwrap_err();
        assert_eq!(
            e.to_string(),
            "no built-in rule `ja-news/kaerisak` (did you mean `ja-news/kaerisaki`?)"
        );
    }

    #[test]
    fn starter_and_example_rules_cover_every_kind_and_pass_their_examples() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        let morphology = Morphology::new();
        let local = load(&dir.path().join("rules/local"), &morphology);
        let examples = load(&dir.path().join("rules/examples"), &morphology);
        let pack = Pack {
            rules: local.rules.into_iter().chain(examples.rules).collect(),
            ..examples
        };
        let mut kinds: Vec<&str> = pack.rules.iter().map(|r| r.kind()).collect();
        kinds.sort();
        kinds.dedup();
        let mut all = crate::rules::kinds::kind_names();
        all.sort();
        assert_eq!(kinds, all, "one starter or example rule per kind");
        for rule in &pack.rules {
            let report = run_examples(rule, &morphology);
            assert!(
                report.failures.is_empty(),
                "{}: {:?}",
                rule.id,
                report.failures
            );
            assert!(report.passed >= 2, "{} has bad and good examples", rule.id);
        }
    }

    #[test]
    fn init_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("seigo.yaml"), "packs: [mine]\n").unwrap();
        let written = init(dir.path()).unwrap();
        assert!(written.contains(&Written::Kept(PathBuf::from("seigo.yaml"))));
        assert_eq!(
            std::fs::read_to_string(dir.path().join("seigo.yaml")).unwrap(),
            "packs: [mine]\n"
        );
        let again = init(dir.path()).unwrap();
        assert!(again.iter().all(|w| matches!(w, Written::Kept(_))));
    }
}
