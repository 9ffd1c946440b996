//! A workspace: the configuration in effect, the linter compiled from it, and which files a
//! run checks (`.gitignore`, the config's `ignore` globs and extensions). Checking them is
//! [`crate::check`].
//!
//! Today one configuration governs a run: the one named with `--config`, or found upward from
//! the first path checked, or the defaults. Files are nonetheless matched to their
//! configuration one by one ([`Workspace::settings_for`], [`Discovered::settings`]), so that
//! per-file configuration (the nearest config above each file) adds entries to
//! [`Workspace`]'s settings without changing its callers.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use crate::config::Config;
use crate::engine::Linter;
use crate::error::Error;
use crate::lang::ja::Morphology;

/// Where the configuration comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// `seigo.yaml` or `.seigo.yaml` found upward from the start path, else the defaults.
    #[default]
    Discover,
    /// A config file named explicitly (`--config`).
    File(PathBuf),
    /// The built-in defaults, whatever files exist (`--no-config`).
    Defaults,
}

/// How a workspace is loaded.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceOptions {
    pub config: ConfigSource,
    /// A lindera user dictionary (`--user-dict`).
    pub user_dict: Option<PathBuf>,
    /// Report `seigo-disable` comments that suppress nothing.
    pub report_unused_disables: bool,
}

/// One configuration in effect and the linter compiled from its rules.
#[derive(Debug)]
pub struct Settings {
    config: Config,
    linter: Linter,
}

impl Settings {
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn linter(&self) -> &Linter {
        &self.linter
    }
}

/// Which [`Settings`] of a workspace govern a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SettingsId(usize);

/// The configurations in effect for a set of files, each with its compiled linter.
#[derive(Debug)]
pub struct Workspace {
    settings: Vec<Settings>,
}

/// Something to check: standard input (shown as, and formatted by, `name`), or a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Stdin { name: String },
    File(PathBuf),
}

impl Target {
    /// The name shown for the target: the path as given, or the stdin name.
    pub fn name(&self) -> String {
        match self {
            Target::Stdin { name } => name.clone(),
            Target::File(path) => path.display().to_string(),
        }
    }
}

/// A file to check and the settings that govern it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    pub target: Target,
    pub settings: SettingsId,
}

/// A path named for checking that cannot be used, and why.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {error}")]
pub struct PathError {
    pub path: String,
    #[source]
    pub error: std::io::Error,
}

/// What [`Workspace::discover`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by path, each file once however it was spelt; stdin where `-` was named.
    pub files: Vec<Discovered>,
    /// Named paths that are missing or unreadable, and directories the walk could not read.
    pub unusable: Vec<PathError>,
}

/// The path the configuration is discovered from for a run over `paths`: the first path that
/// is not stdin, else the stdin name.
pub fn config_start(paths: &[PathBuf], stdin_name: &str) -> PathBuf {
    paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from(stdin_name))
}

impl Workspace {
    /// Loads the configuration (explicit, discovered from `start`, or the defaults), its rule
    /// packs and the dictionary, and compiles the linter. Broken configs and rules are
    /// [`Error::Files`], each located.
    pub fn load(options: &WorkspaceOptions, start: &Path) -> Result<Workspace, Error> {
        let morphology = match &options.user_dict {
            Some(dict) => Morphology::with_user_dictionary(dict)?,
            None => Morphology::new(),
        };
        // The dictionary loads on another core while the rules compile: one-file latency is
        // the editor's case, and these are its two largest costs.
        let dictionary = {
            let morphology = morphology.clone();
            std::thread::spawn(move || morphology.preload())
        };
        let config = match &options.config {
            ConfigSource::File(path) => Config::load(path)?,
            ConfigSource::Defaults => Config::default(),
            ConfigSource::Discover => match Config::discover(start) {
                Some(path) => Config::load(&path)?,
                None => Config::default(),
            },
        };
        let loaded = config.load_rules(&morphology);
        dictionary
            .join()
            .map_err(|_| Error::DictionaryLoaderPanicked)??;
        let linter = Linter::new(loaded.map_err(Error::Files)?, morphology)
            .report_unused_disables(options.report_unused_disables);
        Ok(Workspace::new(config, linter))
    }

    /// A workspace of one configuration and the linter compiled from it.
    pub fn new(config: Config, linter: Linter) -> Workspace {
        Workspace {
            settings: vec![Settings { config, linter }],
        }
    }

    pub fn settings(&self, id: SettingsId) -> &Settings {
        &self.settings[id.0]
    }

    /// The settings that govern `path` (a file, or a name such as the stdin name). One
    /// configuration governs every file today.
    pub fn settings_for(&self, _path: &Path) -> SettingsId {
        SettingsId(0)
    }

    pub fn config_for(&self, path: &Path) -> &Config {
        self.settings(self.settings_for(path)).config()
    }

    pub fn linter_for(&self, path: &Path) -> &Linter {
        self.settings(self.settings_for(path)).linter()
    }

    /// The files to check for `paths`: directories are walked (respecting `.gitignore`, the
    /// `ignore` globs of the configuration and its extensions, not following symbolic links);
    /// files named are kept whatever their extension; `-` is stdin, shown as `stdin_name`.
    /// Fails only on an invalid `ignore` glob.
    pub fn discover(&self, paths: &[PathBuf], stdin_name: &str) -> Result<Discovery, Error> {
        let ignore = Arc::new(IgnoreGlobs::of(self.settings.iter().map(Settings::config))?);
        let mut files = Vec::new();
        let mut unusable = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                files.push(path.clone());
                continue;
            }
            // The real reason a path cannot be used (not found, a symbolic link loop,
            // permission denied), rather than "no such file" for all of them.
            let meta = match std::fs::metadata(path) {
                Ok(meta) => meta,
                Err(e) => {
                    let error = if e.kind() == std::io::ErrorKind::NotFound {
                        std::io::Error::new(e.kind(), "no such file or directory")
                    } else {
                        e
                    };
                    unusable.push(PathError {
                        path: path.display().to_string(),
                        error,
                    });
                    continue;
                }
            };
            if !meta.is_dir() {
                // A file named on the command line is checked whatever its extension; a FIFO
                // or device is refused when it is read rather than blocking the run.
                files.push(path.clone());
                continue;
            }
            let ignore = Arc::clone(&ignore);
            let walker = ignore::WalkBuilder::new(path)
                .filter_entry(move |e| {
                    !ignore.is_ignored(e.path(), e.file_type().is_some_and(|t| t.is_dir()))
                })
                .sort_by_file_path(|a, b| a.cmp(b))
                .build();
            for entry in walker {
                let entry = match entry {
                    Ok(e) => e,
                    Err(e) => {
                        unusable.push(walk_error(path, &e));
                        continue;
                    }
                };
                let p = entry.path();
                let extensions = &self.config_for(p).extensions;
                let wanted = entry.file_type().is_some_and(|t| t.is_file())
                    && p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
                if wanted {
                    files.push(p.to_path_buf());
                }
            }
        }
        files.sort();
        files.dedup();
        // One file named twice (`a.txt` and `./a.txt`, or through a link) is checked once.
        let mut seen = HashSet::new();
        files.retain(|f| {
            f.as_os_str() == "-"
                || seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        });
        let files = files
            .into_iter()
            .map(|f| {
                let target = if f.as_os_str() == "-" {
                    Target::Stdin {
                        name: stdin_name.to_string(),
                    }
                } else {
                    Target::File(f)
                };
                let settings = self.settings_for(Path::new(&target.name()));
                Discovered { target, settings }
            })
            .collect();
        Ok(Discovery { files, unusable })
    }
}

/// The `ignore` globs of every configuration, each relative to the directory of the config
/// that declares it, whatever the working directory and however the paths were spelt: they
/// are matched against absolute paths.
struct IgnoreGlobs {
    sets: Vec<(PathBuf, ignore::gitignore::Gitignore)>,
}

impl IgnoreGlobs {
    fn of<'a>(configs: impl Iterator<Item = &'a Config>) -> Result<IgnoreGlobs, Error> {
        let mut sets = Vec::new();
        for config in configs {
            let base = lexical_absolute(&config.base_dir());
            let mut builder = ignore::gitignore::GitignoreBuilder::new(&base);
            for glob in &config.ignore {
                builder
                    .add_line(None, glob)
                    .map_err(|source| Error::IgnoreGlob {
                        glob: glob.clone(),
                        source,
                    })?;
            }
            sets.push((base, builder.build()?));
        }
        Ok(IgnoreGlobs { sets })
    }

    fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        let path = lexical_absolute(path);
        self.sets.iter().any(|(base, globs)| {
            path.starts_with(base) && globs.matched_path_or_any_parents(&path, is_dir).is_ignore()
        })
    }
}

/// An absolute path with `.` and `..` resolved by name (not through symbolic links), so that
/// two spellings of a path compare equal.
fn lexical_absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A directory walk error (an unreadable subdirectory) as the path it happened at and why,
/// rather than the walked root and the `ignore` crate's nested message.
fn walk_error(root: &Path, e: &ignore::Error) -> PathError {
    let (mut e, mut at) = (e, None);
    loop {
        match e {
            ignore::Error::WithPath { path, err } => (at, e) = (Some(path.as_path()), err),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            _ => break,
        }
    }
    let at = at.unwrap_or(root);
    let error = match e {
        ignore::Error::Io(io) => {
            // walkdir's errors repeat the path: "IO error for operation on {path}: {why}".
            let text = io.to_string();
            let prefix = format!("IO error for operation on {}: ", at.display());
            let why = text.strip_prefix(&prefix).unwrap_or(&text);
            std::io::Error::new(io.kind(), format!("cannot read: {why}"))
        }
        other => std::io::Error::other(other.to_string()),
    };
    PathError {
        path: at.display().to_string(),
        error,
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;

    /// A workspace with no rules: discovery does not depend on them.
    fn workspace(config: Config) -> Workspace {
        Workspace::new(config, Linter::new(Vec::new(), Morphology::new()))
    }

    fn names(discovery: &Discovery, root: &Path) -> Vec<String> {
        discovery
            .files
            .iter()
            .map(|d| match &d.target {
                Target::File(p) => p.strip_prefix(root).unwrap_or(p).display().to_string(),
                Target::Stdin { name } => format!("stdin as {name}"),
            })
            .collect()
    }

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "題\n\n本文。\n").unwrap();
    }

    #[test]
    fn walks_sorted_by_path_with_the_configured_extensions() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in [
            "b.md",
            "a.txt",
            "sub/c.markdown",
            "sub/d.MD",
            "code.rs",
            "sub/e.yaml",
        ] {
            touch(&root.join(f));
        }
        let found = workspace(Config::default())
            .discover(&[root.to_path_buf()], "<stdin>")
            .unwrap();
        assert_eq!(
            names(&found, root),
            ["a.txt", "b.md", "sub/c.markdown", "sub/d.MD"]
        );
        assert!(found.unusable.is_empty());
    }

    #[test]
    fn files_named_are_kept_whatever_their_extension() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("notes.rst"));
        let found = workspace(Config::default())
            .discover(&[root.join("notes.rst")], "<stdin>")
            .unwrap();
        assert_eq!(names(&found, root), ["notes.rst"]);
    }

    #[test]
    fn one_file_named_several_ways_is_checked_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a.txt"));
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("link.txt")).unwrap();
        let paths = [
            root.join("a.txt"),
            root.join("./a.txt"),
            root.join("link.txt"),
            root.to_path_buf(),
        ];
        let found = workspace(Config::default())
            .discover(&paths, "<stdin>")
            .unwrap();
        assert_eq!(found.files.len(), 1, "{:?}", names(&found, root));
    }

    #[test]
    fn ignore_globs_are_relative_to_the_config_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for f in ["articles/a.txt", "articles/drafts/d.txt", "articles/b.txt"] {
            touch(&root.join(f));
        }
        touch(&root.join("articles/news/b.txt"));
        let config = Config::parse(
            &root.join("articles/seigo.yaml"),
            "ignore: [\"drafts/**\", \"/b.txt\"]\n",
        )
        .unwrap();
        let ws = workspace(config);
        let found = ws.discover(&[root.join("articles")], "-").unwrap();
        assert_eq!(
            names(&found, root),
            ["articles/a.txt", "articles/news/b.txt"],
            "drafts/** and the anchored /b.txt name paths beside the config"
        );
        // However the walked directory is spelt.
        let found = ws
            .discover(&[root.join("articles/./news/..")], "-")
            .unwrap();
        assert_eq!(
            names(&found, root),
            ["articles/./news/../a.txt", "articles/./news/../news/b.txt"]
        );
    }

    #[test]
    fn gitignored_files_are_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join(".git")).unwrap();
        fs::write(root.join(".gitignore"), "skip.md\n").unwrap();
        touch(&root.join("keep.md"));
        touch(&root.join("skip.md"));
        let found = workspace(Config::default())
            .discover(&[root.to_path_buf()], "<stdin>")
            .unwrap();
        assert_eq!(names(&found, root), ["keep.md"]);
    }

    #[test]
    fn missing_paths_are_reported_and_stdin_keeps_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("a.txt"));
        let missing = root.join("missing.md");
        let paths = [missing.clone(), PathBuf::from("-"), root.join("a.txt")];
        let found = workspace(Config::default())
            .discover(&paths, "piped.md")
            .unwrap();
        // `-` sorts as the path it is spelt as: after absolute paths.
        assert_eq!(names(&found, root), ["a.txt", "stdin as piped.md"]);
        assert_eq!(found.unusable.len(), 1);
        let e = &found.unusable[0];
        assert_eq!(e.path, missing.display().to_string());
        assert_eq!(e.error.kind(), std::io::ErrorKind::NotFound);
        assert_eq!(e.error.to_string(), "no such file or directory");
    }

    #[test]
    fn an_invalid_ignore_glob_is_an_error_naming_it() {
        let config = Config::parse(Path::new("seigo.yaml"), "ignore: [\"a{b\"]\n").unwrap();
        let e = workspace(config)
            .discover(&[PathBuf::from(".")], "<stdin>")
            .unwrap_err();
        assert!(
            matches!(&e, Error::IgnoreGlob { glob, .. } if glob == "a{b"),
            "{e:?}"
        );
        assert_eq!(e.to_string(), "invalid ignore glob `a{b` in config");
    }

    #[test]
    fn the_config_is_discovered_from_the_first_path_named() {
        assert_eq!(
            config_start(&["-".into(), "docs/a.md".into()], "<stdin>"),
            PathBuf::from("docs/a.md")
        );
        assert_eq!(
            config_start(&["-".into()], "drafts/x.md"),
            PathBuf::from("drafts/x.md")
        );
    }

    #[test]
    fn load_finds_the_config_above_the_start_path() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("seigo.yaml"), "disable: [ja-news/kaerisaki]\n").unwrap();
        touch(&root.join("sub/a.txt"));
        let options = WorkspaceOptions::default();
        let ws = Workspace::load(&options, &root.join("sub/a.txt")).unwrap();
        let config = ws.config_for(&root.join("sub/a.txt"));
        assert_eq!(
            config.path.as_deref(),
            Some(root.join("seigo.yaml").as_path())
        );
        let rules = ws.linter_for(&root.join("sub/a.txt")).rules();
        assert!(!rules.iter().any(|r| r.id == "ja-news/kaerisaki"));

        let defaults = WorkspaceOptions {
            config: ConfigSource::Defaults,
            ..WorkspaceOptions::default()
        };
        let ws = Workspace::load(&defaults, &root.join("sub/a.txt")).unwrap();
        assert!(ws.config_for(Path::new("x.txt")).path.is_none());
    }

    #[test]
    fn broken_configs_are_located_file_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seigo.yaml");
        fs::write(&path, "packs: [ja-newz]\n").unwrap();
        let options = WorkspaceOptions {
            config: ConfigSource::File(path),
            ..WorkspaceOptions::default()
        };
        match Workspace::load(&options, dir.path()) {
            Err(Error::Files(errors)) => {
                assert!(errors[0].message.contains("unknown pack `ja-newz`"));
            }
            other => panic!("{other:?}"),
        }
    }
}
