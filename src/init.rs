//! `seigo init`: a config and a local pack with one commented example rule per kind, which
//! pass `seigo test` as written. Existing files are never overwritten.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The starter rules, one per kind, as `(file name, text)`.
pub const LOCAL_RULES: &[(&str, &str)] = &[
    ("garbled-word.yaml", include_str!("init/garbled-word.yaml")),
    ("word-swap.yaml", include_str!("init/word-swap.yaml")),
    (
        "headline-claims.yaml",
        include_str!("init/headline-claims.yaml"),
    ),
    (
        "title-mismatch.yaml",
        include_str!("init/title-mismatch.yaml"),
    ),
    (
        "affirm-negate.yaml",
        include_str!("init/affirm-negate.yaml"),
    ),
    (
        "repeated-phrase.yaml",
        include_str!("init/repeated-phrase.yaml"),
    ),
    (
        "price-mismatch.yaml",
        include_str!("init/price-mismatch.yaml"),
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
    let mut out = Vec::new();
    for (rel, text) in files() {
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
                out.push(Written::Created(rel));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => out.push(Written::Kept(rel)),
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Pack;
    use crate::rules::testing::run_examples;

    #[test]
    fn starter_rules_cover_every_kind_and_pass_their_examples() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path()).unwrap();
        let morphology = crate::Morphology::new();
        let pack = Pack::load_dir(&dir.path().join("rules/local"), &morphology)
            .unwrap_or_else(|e| panic!("{:?}", e.iter().map(|e| e.headline()).collect::<Vec<_>>()));
        let mut kinds: Vec<&str> = pack.rules.iter().map(|r| r.kind()).collect();
        kinds.sort();
        kinds.dedup();
        let mut all = crate::rules::kinds::KIND_NAMES.to_vec();
        all.sort();
        assert_eq!(kinds, all, "one starter rule per kind");
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
