//! The built-in packs, embedded at build time by `build.rs`.

use rayon::prelude::*;

use super::spec::RuleSource;
use super::{Pack, Rule};
use crate::error::FileError;
use crate::lang::ja::Morphology;

/// One embedded rule file.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinFile {
    pub pack: &'static str,
    pub stem: &'static str,
    pub text: &'static str,
    /// The file as JSON without `description` and `examples` (build.rs): what a run compiles,
    /// parsed several times faster than the YAML.
    pub parsed: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// The names of the built-in packs.
pub fn pack_names() -> Vec<&'static str> {
    let mut names: Vec<_> = FILES.iter().map(|f| f.pack).collect();
    names.dedup();
    names
}

/// Loads a built-in pack by name, compiled against `morphology`; `None` if there is no such
/// pack.
pub fn load(name: &str, morphology: &Morphology) -> Option<Result<Pack, Vec<FileError>>> {
    let files: Vec<_> = FILES.iter().filter(|f| f.pack == name).collect();
    if files.is_empty() {
        return None;
    }
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    // Rules compile independently; in parallel they stay off the one-file latency path.
    let loaded: Vec<_> = files
        .par_iter()
        .map(|f| {
            let id = format!("{}/{}", f.pack, f.stem);
            let shown = format!("rules/{}/{}.yaml", f.pack, f.stem);
            Rule::load(id, RuleSource::builtin(shown, f), true, morphology)
        })
        .collect();
    for result in loaded {
        match result {
            Ok(r) => rules.push(r),
            Err(mut e) => errors.append(&mut e),
        }
    }
    Some(if errors.is_empty() {
        Ok(Pack {
            name: name.to_string(),
            dir: None,
            rules,
        })
    } else {
        Err(errors)
    })
}

#[cfg(test)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin_tests.rs"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn ja_news_loads_without_errors() {
        let pack = super::load("ja-news", &crate::Morphology::new()).expect("ja-news is built in");
        let pack = pack.unwrap_or_else(|e| {
            panic!("{:#?}", e.iter().map(|e| e.headline()).collect::<Vec<_>>())
        });
        assert!(!pack.rules.is_empty());
    }

    /// What a run compiles (the JSON build.rs embeds) is what the YAML says without its
    /// description and examples.
    #[test]
    fn every_builtin_files_embedded_json_is_its_yaml() {
        for f in super::FILES {
            let yaml =
                crate::rules::yaml::without_top_level_keys(f.text, &["examples", "description"]);
            let from_yaml: serde_yaml::Value = serde_yaml::from_str(&yaml).expect("YAML");
            let from_json: serde_yaml::Value = serde_json::from_str(f.parsed).expect("JSON");
            assert_eq!(from_json, from_yaml, "{}/{}", f.pack, f.stem);
            let serde_yaml::Value::Mapping(map) = &from_json else {
                panic!("{}/{} is no map", f.pack, f.stem);
            };
            assert!(map.contains_key("kind") && !map.contains_key("examples"));
        }
    }

    /// Built-in rules skip the checks for typing mistakes when they load (their text is
    /// fixed): every one of them must pass those checks here.
    #[test]
    fn every_builtin_file_passes_the_authoring_checks() {
        for f in super::FILES {
            let src = super::RuleSource::new(format!("{}/{}", f.pack, f.stem), f.text);
            if let Err(e) = src
                .check_nesting()
                .and_then(|()| src.check_authoring_mistakes())
            {
                panic!("{}/{}: {}", f.pack, f.stem, e.headline());
            }
        }
    }
}
