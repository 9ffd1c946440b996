//! A workspace: the configurations in effect, the linters compiled from them, and which files
//! a run checks (`.gitignore`, the configs' `ignore` globs and extensions).
//! Checking them is [`crate::check`].
//!
//! Each file is checked under the nearest config above it (`seigo.yaml` or `.seigo.yaml`), or
//! under the one config named with `--config` (or the defaults with `--no-config`), plus the
//! config's `overrides` entries whose globs select the file. Every distinct combination is one
//! [`Settings`], compiled once, found again through [`Workspace::settings_for`]. Configs and
//! settings are loaded as paths need them, so a run over many directories loads each config
//! once, and the results do not depend on the order of the paths or the working directory.

use std::collections::{HashMap, HashSet};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::config::Config;
use crate::document::Format;
use crate::engine::Linter;
use crate::error::Error;
use crate::lang::ja::Morphology;
use crate::rules::Rule;

/// Where the configuration comes from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum ConfigSource {
    /// For each file, `seigo.yaml` or `.seigo.yaml` found upward from it, else the defaults.
    #[default]
    Discover,
    /// A config file named explicitly (`--config`), for every file.
    File(PathBuf),
    /// The built-in defaults, whatever files exist (`--no-config`).
    Defaults,
}

impl ConfigSource {
    /// The config in effect for files in `dir` (or for `dir`, a file): the one named, the
    /// defaults, or the nearest found upward (`seigo test` without packs tests its packs).
    pub fn config_at(&self, dir: &Path) -> Result<Config, crate::error::FileError> {
        match self {
            ConfigSource::File(path) => Config::load(path),
            ConfigSource::Defaults => Ok(Config::default()),
            ConfigSource::Discover => match Config::discover(dir) {
                Some(path) => Config::load(&path),
                None => Ok(Config::default()),
            },
        }
    }
}

/// How a workspace is loaded.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceOptions {
    pub config: ConfigSource,
    /// A lindera user dictionary (`--user-dict`).
    pub user_dict: Option<PathBuf>,
    /// Report `seigo-disable` comments that suppress nothing.
    pub report_unused_disables: bool,
    /// `--select`: only these rules (rule IDs, or pack names for all of a pack's rules) of
    /// those the configuration enables; `None` keeps them all.
    pub select: Option<Vec<String>>,
    /// `--ignore`: not these rules (rule IDs or pack names).
    pub ignore: Vec<String>,
    /// `--force-exclude`: `ignore` globs apply to files named explicitly too (pre-commit
    /// names files one by one).
    pub force_exclude: bool,
}

/// One configuration in effect (with the overrides that apply) and the linter compiled from
/// its rules.
#[derive(Debug)]
pub struct Settings {
    config: Arc<Config>,
    linter: Linter,
    /// The format an override sets for these files; by extension otherwise.
    format: Option<Format>,
}

impl Settings {
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// How a file governed by these settings is read: as an override says, else by its name.
    pub fn format_of(&self, name: &Path) -> Format {
        self.format.unwrap_or_else(|| Format::from_path(name))
    }
}

/// Which [`Settings`] of a workspace govern a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SettingsId(usize);

/// The configurations in effect for a set of files, each with its compiled linter.
#[derive(Debug)]
pub struct Workspace {
    resolver: Arc<Resolver>,
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

/// A file named explicitly that is not checked, and why: a note, not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: String,
    /// The extension, not one of those the governing config checks.
    pub extension: String,
    /// The extensions that config checks.
    pub checked: Vec<String>,
}

impl std::fmt::Display for Skipped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ext = if self.extension.is_empty() {
            crate::i18n::tr("no extension", "拡張子なし")
        } else {
            format!("`.{}`", self.extension)
        };
        let checked = self.checked.join(", ");
        f.write_str(&crate::i18n::tr(
            format!(
                "{}: not checked: {ext} is not an extension seigo checks here ({checked}); add it to `extensions`, or give the file a `format` in `overrides`",
                self.path
            ),
            format!(
                "{}: 検査しません: {ext} はここで検査する拡張子（{checked}）ではありません。`extensions` に加えるか、`overrides` で `format` を指定してください",
                self.path
            ),
        ))
    }
}

/// What [`Workspace::discover`] found.
#[derive(Debug, Default)]
pub struct Discovery {
    /// Sorted by path, each file once however it was spelt; stdin where `-` was named.
    pub files: Vec<Discovered>,
    /// Named paths that are missing or unreadable, and directories the walk could not read.
    pub unusable: Vec<PathError>,
    /// Files named whose extension is not checked (shown as notes).
    pub skipped: Vec<Skipped>,
}

/// The path the configuration is discovered from for a run over `paths`: the first path that
/// is not stdin, else the stdin name. Its settings are loaded first, so that a broken config
/// or rule is reported before any file is read.
pub fn config_start(paths: &[PathBuf], stdin_name: &str) -> PathBuf {
    paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from(stdin_name))
}

/// Loads configs and compiles settings as paths need them; shared with the directory walker.
#[derive(Debug)]
struct Resolver {
    options: WorkspaceOptions,
    /// The one morphology every settings' rules are compiled against and analyse with.
    morphology: Morphology,
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// Every config loaded, by index; `fixed` governs every file when set.
    configs: Vec<Arc<Config>>,
    fixed: Option<usize>,
    /// The defaults' index, once a directory without a config needed it.
    defaults: Option<usize>,
    /// Config file (lexically absolute) → index.
    by_file: HashMap<PathBuf, usize>,
    /// Directory (lexically absolute) → the index of the config governing its files.
    by_dir: HashMap<PathBuf, usize>,
    /// Per config: the `ignore` globs of its chain, each set with its base directory.
    ignores: HashMap<usize, Arc<Vec<(PathBuf, ignore::gitignore::Gitignore)>>>,
    /// Per config: the `overrides` of its chain: (depth in chain, index, base, globs).
    overrides: HashMap<usize, Arc<Vec<OverrideMatcher>>>,
    settings: Vec<Arc<Settings>>,
    /// (config, overrides applied) → settings.
    keys: HashMap<(usize, Vec<(usize, usize)>), usize>,
    /// Errors met where they cannot be returned (inside the directory walk's filter).
    errors: Vec<Error>,
}

#[derive(Debug)]
struct OverrideMatcher {
    at: (usize, usize),
    base: PathBuf,
    globs: ignore::gitignore::Gitignore,
}

impl Resolver {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The index of the config governing files in `dir` (lexically absolute).
    fn config_for_dir(&self, state: &mut State, dir: &Path) -> Result<usize, Error> {
        if let Some(fixed) = state.fixed {
            return Ok(fixed);
        }
        if let Some(&i) = state.by_dir.get(dir) {
            return Ok(i);
        }
        let index = match Config::discover_in(dir) {
            Some(file) => {
                let file = lexical_absolute(&file);
                match state.by_file.get(&file) {
                    Some(&i) => i,
                    None => {
                        let config = Config::load(&file)?;
                        state.configs.push(Arc::new(config));
                        let i = state.configs.len() - 1;
                        state.by_file.insert(file, i);
                        i
                    }
                }
            }
            None => match state.defaults {
                Some(i) => i,
                None => {
                    state.configs.push(Arc::new(Config::default()));
                    let i = state.configs.len() - 1;
                    state.defaults = Some(i);
                    i
                }
            },
        };
        state.by_dir.insert(dir.to_path_buf(), index);
        Ok(index)
    }

    /// The config governing `path` (a file, or a directory for the files in it).
    fn config_index(&self, state: &mut State, path: &Path) -> Result<usize, Error> {
        let abs = lexical_absolute(path);
        let dir = if path.is_dir() {
            abs
        } else {
            abs.parent().map(Path::to_path_buf).unwrap_or(abs)
        };
        self.config_for_dir(state, &dir)
    }

    fn ignores(
        &self,
        state: &mut State,
        config: usize,
    ) -> Result<Arc<Vec<(PathBuf, ignore::gitignore::Gitignore)>>, Error> {
        if let Some(sets) = state.ignores.get(&config) {
            return Ok(Arc::clone(sets));
        }
        let mut sets = Vec::new();
        for c in state.configs[config].chain() {
            let base = lexical_absolute(&c.base_dir());
            sets.push((base.clone(), compile_globs(&base, &c.ignore)?));
        }
        let sets = Arc::new(sets);
        state.ignores.insert(config, Arc::clone(&sets));
        Ok(sets)
    }

    fn override_matchers(
        &self,
        state: &mut State,
        config: usize,
    ) -> Result<Arc<Vec<OverrideMatcher>>, Error> {
        if let Some(m) = state.overrides.get(&config) {
            return Ok(Arc::clone(m));
        }
        let chain: Vec<&Config> = state.configs[config].chain().collect();
        let mut matchers = Vec::new();
        for (depth, c) in chain.iter().enumerate().rev() {
            let base = lexical_absolute(&c.base_dir());
            for (i, o) in c.overrides.iter().enumerate() {
                matchers.push(OverrideMatcher {
                    at: (depth, i),
                    base: base.clone(),
                    globs: compile_globs(&base, &o.files)?,
                });
            }
        }
        let matchers = Arc::new(matchers);
        state.overrides.insert(config, Arc::clone(&matchers));
        Ok(matchers)
    }

    /// Whether the `ignore` globs of the config governing `path` exclude it.
    fn is_ignored(&self, path: &Path, is_dir: bool) -> Result<bool, Error> {
        let mut state = self.lock();
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let config = self.config_index(&mut state, parent.unwrap_or(Path::new(".")))?;
        let sets = self.ignores(&mut state, config)?;
        let path = lexical_absolute(path);
        Ok(sets.iter().any(|(base, globs)| {
            path.starts_with(base) && globs.matched_path_or_any_parents(&path, is_dir).is_ignore()
        }))
    }

    /// The settings for `path`, compiled on first use.
    fn settings_for(&self, path: &Path) -> Result<SettingsId, Error> {
        let mut state = self.lock();
        let config = self.config_index(&mut state, path)?;
        let matchers = self.override_matchers(&mut state, config)?;
        let abs = lexical_absolute(path);
        let picked: Vec<(usize, usize)> = matchers
            .iter()
            .filter(|m| {
                abs.starts_with(&m.base)
                    && m.globs.matched_path_or_any_parents(&abs, false).is_ignore()
            })
            .map(|m| m.at)
            .collect();
        let key = (config, picked);
        if let Some(&i) = state.keys.get(&key) {
            return Ok(SettingsId(i));
        }
        let config_arc = Arc::clone(&state.configs[config]);
        let applied = config_arc.applied(&key.1);
        let rules = config_arc
            .load_rules_with(&applied, &self.morphology)
            .map_err(Error::Files)?;
        let rules = select_rules(rules, &self.options);
        let linter = Linter::new(rules, self.morphology.clone())
            .report_unused_disables(self.options.report_unused_disables);
        let format = Config::format_of(&applied);
        state.settings.push(Arc::new(Settings {
            config: config_arc,
            linter,
            format,
        }));
        let i = state.settings.len() - 1;
        state.keys.insert(key, i);
        Ok(SettingsId(i))
    }
}

/// Keeps the rules `--select` names (all when it is not given), minus those `--ignore` names.
fn select_rules(rules: Vec<Rule>, options: &WorkspaceOptions) -> Vec<Rule> {
    let named = |selectors: &[String], id: &str| selectors.iter().any(|s| selects(s, id));
    rules
        .into_iter()
        .filter(|r| options.select.as_ref().is_none_or(|s| named(s, &r.id)))
        .filter(|r| !named(&options.ignore, &r.id))
        .collect()
}

/// Whether a `--select`/`--ignore` value names a rule: its ID, or its pack's name.
fn selects(selector: &str, id: &str) -> bool {
    id == selector
        || id
            .strip_prefix(selector)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Gitignore-style globs relative to `base` (lexically absolute).
pub(crate) fn compile_globs(
    base: &Path,
    globs: &[String],
) -> Result<ignore::gitignore::Gitignore, Error> {
    let mut builder = ignore::gitignore::GitignoreBuilder::new(base);
    for glob in globs {
        builder
            .add_line(None, glob)
            .map_err(|source| Error::IgnoreGlob {
                glob: glob.clone(),
                source,
            })?;
    }
    Ok(builder.build()?)
}

impl Workspace {
    /// Loads the configuration (explicit, discovered, or the defaults) and compiles the
    /// settings for `start` (the first path of a run), with the dictionary: broken configs
    /// and rules are [`Error::Files`], each located, before any file is read. Configs
    /// elsewhere are loaded as files need them.
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
        let mut state = State::default();
        match &options.config {
            ConfigSource::File(path) => {
                state.configs.push(Arc::new(Config::load(path)?));
                state.fixed = Some(0);
            }
            ConfigSource::Defaults => {
                state.configs.push(Arc::new(Config::default()));
                state.fixed = Some(0);
            }
            ConfigSource::Discover => {}
        }
        let workspace = Workspace {
            resolver: Arc::new(Resolver {
                options: options.clone(),
                morphology,
                state: Mutex::new(state),
            }),
        };
        let first = workspace.settings_for(start);
        dictionary
            .join()
            .map_err(|_| Error::DictionaryLoaderPanicked)??;
        let first = first?;
        workspace.check_selectors(first)?;
        Ok(workspace)
    }

    /// A workspace of one configuration, for every file, with the linter compiled from it
    /// (files that `overrides` select get linters of their own).
    pub fn new(config: Config, linter: Linter) -> Workspace {
        let state = State {
            configs: vec![Arc::new(config)],
            fixed: Some(0),
            ..State::default()
        };
        let resolver = Resolver {
            options: WorkspaceOptions::default(),
            morphology: linter.morphology().clone(),
            state: Mutex::new(state),
        };
        {
            let mut state = resolver.lock();
            let config = Arc::clone(&state.configs[0]);
            state.settings.push(Arc::new(Settings {
                config,
                linter,
                format: None,
            }));
            state.keys.insert((0, Vec::new()), 0);
        }
        Workspace {
            resolver: Arc::new(resolver),
        }
    }

    /// `--select`/`--ignore` values must name rules: a typo would silently select nothing.
    fn check_selectors(&self, first: SettingsId) -> Result<(), Error> {
        let options = &self.resolver.options;
        let settings = self.settings(first);
        let mut known: Vec<String> = crate::rules::builtin::FILES
            .iter()
            .map(|f| format!("{}/{}", f.pack, f.stem))
            .collect();
        known.extend(settings.linter().rules().iter().map(|r| r.id.clone()));
        let packs: HashSet<String> = known
            .iter()
            .filter_map(|id| id.split_once('/').map(|(p, _)| p.to_string()))
            .collect();
        let refs: Vec<&str> = known.iter().map(String::as_str).collect();
        let named = options.select.iter().flatten().map(|s| ("select", s));
        for (flag, selector) in named.chain(options.ignore.iter().map(|s| ("ignore", s))) {
            if !packs.contains(selector.as_str()) && !known.contains(selector) {
                return Err(Error::UnknownSelector {
                    flag,
                    selector: selector.clone(),
                    help: crate::i18n::did_you_mean(selector, &refs, "rules", "ルール"),
                });
            }
        }
        Ok(())
    }

    pub fn settings(&self, id: SettingsId) -> Arc<Settings> {
        Arc::clone(&self.resolver.lock().settings[id.0])
    }

    /// Every settings compiled so far (after [`Workspace::discover`]: those of every file).
    pub fn all_settings(&self) -> Vec<Arc<Settings>> {
        self.resolver.lock().settings.clone()
    }

    /// The enabled rules of every settings compiled so far, each ID once (for SARIF).
    pub fn rules_in_use(&self) -> Vec<crate::render::RuleInfo> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for settings in self.all_settings() {
            for info in crate::render::RuleInfo::of(settings.linter().rules()) {
                if seen.insert(info.id.clone()) {
                    out.push(info);
                }
            }
        }
        out
    }

    /// The settings that govern `path` (a file, a directory for its files, or a name such as
    /// the stdin name): the nearest config above it (or the one config of the run) and the
    /// `overrides` entries that select it. Loads and compiles what it has not yet.
    pub fn settings_for(&self, path: &Path) -> Result<SettingsId, Error> {
        self.resolver.settings_for(path)
    }

    /// The config that governs `path`.
    pub fn config_for(&self, path: &Path) -> Result<Arc<Config>, Error> {
        let mut state = self.resolver.lock();
        let i = self.resolver.config_index(&mut state, path)?;
        Ok(Arc::clone(&state.configs[i]))
    }

    /// The settings (config, linter, format) that govern `path`.
    pub fn settings_of(&self, path: &Path) -> Result<Arc<Settings>, Error> {
        Ok(self.settings(self.settings_for(path)?))
    }

    /// The files to check for `paths`: directories are walked (respecting `.gitignore`, the
    /// `ignore` globs and extensions of the config governing each file, not following
    /// symbolic links); files named are kept whatever the `ignore` globs say unless
    /// `force_exclude`, and skipped with a note when their extension is not checked (unless
    /// an override gives their `format`); `-` is stdin, shown as `stdin_name`. Fails on an
    /// invalid glob or a broken config or rule.
    pub fn discover(&self, paths: &[PathBuf], stdin_name: &str) -> Result<Discovery, Error> {
        let resolver = &self.resolver;
        let mut files: Vec<(PathBuf, bool)> = Vec::new();
        let mut unusable = Vec::new();
        for path in paths {
            if path.as_os_str() == "-" {
                files.push((path.clone(), true));
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
                // A FIFO or device is refused when it is read rather than blocking the run.
                if !(resolver.options.force_exclude && resolver.is_ignored(path, false)?) {
                    files.push((path.clone(), true));
                }
                continue;
            }
            let filter = Arc::clone(resolver);
            let walker = ignore::WalkBuilder::new(path)
                .filter_entry(move |e| {
                    let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                    match filter.is_ignored(e.path(), is_dir) {
                        Ok(ignored) => !ignored,
                        Err(error) => {
                            filter.lock().errors.push(error);
                            false
                        }
                    }
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
                if entry.file_type().is_some_and(|t| t.is_file()) {
                    files.push((entry.path().to_path_buf(), false));
                }
            }
        }
        let errors = std::mem::take(&mut resolver.lock().errors);
        if let Some(e) = merge_errors(errors) {
            return Err(e);
        }
        files.sort();
        files.dedup_by(|a, b| {
            a.0 == b.0 && {
                b.1 |= a.1;
                true
            }
        });
        // One file named twice (`a.txt` and `./a.txt`, or through a link) is checked once.
        let mut seen = HashSet::new();
        files.retain(|(f, _)| {
            f.as_os_str() == "-"
                || seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
        });
        let mut discovery = Discovery {
            unusable,
            ..Discovery::default()
        };
        for (f, named) in files {
            let target = if f.as_os_str() == "-" {
                Target::Stdin {
                    name: stdin_name.to_string(),
                }
            } else {
                Target::File(f)
            };
            let name = PathBuf::from(target.name());
            let id = self.settings_for(&name)?;
            if let Target::File(path) = &target {
                let settings = self.settings(id);
                let extension = path
                    .extension()
                    .map(|e| e.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if settings.format.is_none() && !settings.config.checks_extension(&extension) {
                    if named {
                        discovery.skipped.push(Skipped {
                            path: target.name(),
                            extension,
                            checked: settings.config.extensions(),
                        });
                    }
                    continue;
                }
            }
            discovery.files.push(Discovered {
                target,
                settings: id,
            });
        }
        Ok(discovery)
    }
}

/// The errors met during a walk as one: every located file error together, else the first.
fn merge_errors(errors: Vec<Error>) -> Option<Error> {
    let mut files = Vec::new();
    let mut other = None;
    for e in errors {
        match e {
            Error::Files(mut f) => files.append(&mut f),
            e => {
                other.get_or_insert(e);
            }
        }
    }
    if !files.is_empty() {
        // The same broken config is met once per directory under it.
        let mut seen = HashSet::new();
        files.retain(|f| seen.insert(f.headline()));
        return Some(Error::Files(files));
    }
    other
}

/// An absolute path with `.` and `..` resolved by name (not through symbolic links), so that
/// two spellings of a path compare equal.
pub(crate) fn lexical_absolute(path: &Path) -> PathBuf {
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
    fn files_named_with_an_unchecked_extension_are_skipped_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("notes.rst"));
        touch(&root.join("rule.yaml"));
        touch(&root.join("a.txt"));
        let paths = [
            root.join("notes.rst"),
            root.join("rule.yaml"),
            root.join("a.txt"),
        ];
        let found = workspace(Config::default())
            .discover(&paths, "<stdin>")
            .unwrap();
        assert_eq!(names(&found, root), ["a.txt"]);
        let skipped: Vec<&str> = found.skipped.iter().map(|s| s.extension.as_str()).collect();
        assert_eq!(skipped, ["rst", "yaml"]);
        assert!(
            found.skipped[0].to_string().ends_with(
                "notes.rst: not checked: `.rst` is not an extension seigo checks here (md, markdown, txt); add it to `extensions`, or give the file a `format` in `overrides`"
            ),
            "{}",
            found.skipped[0]
        );
        // An override that gives the format makes a named file (and walked ones) checked.
        let config = Config::parse(
            &root.join("seigo.yaml"),
            "overrides:\n  - files: [\"*.rst\"]\n    format: text\n",
        )
        .unwrap();
        let ws = workspace(config);
        let found = ws.discover(&[root.join("notes.rst")], "-").unwrap();
        assert_eq!(names(&found, root), ["notes.rst"]);
        let settings = ws.settings(found.files[0].settings);
        assert_eq!(
            settings.format_of(&root.join("notes.rst")),
            Format::PlainText
        );
        let found = ws.discover(&[root.to_path_buf()], "-").unwrap();
        assert_eq!(names(&found, root), ["a.txt", "notes.rst"]);
    }

    #[test]
    fn force_exclude_applies_ignore_globs_to_files_named() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(&root.join("drafts/d.md"));
        touch(&root.join("a.md"));
        let config = Config::parse(&root.join("seigo.yaml"), "ignore: [\"drafts/\"]\n").unwrap();
        let paths = [root.join("drafts/d.md"), root.join("a.md")];
        let ws = workspace(config.clone());
        let found = ws.discover(&paths, "-").unwrap();
        assert_eq!(
            names(&found, root),
            ["a.md", "drafts/d.md"],
            "named: checked"
        );
        let options = WorkspaceOptions {
            config: ConfigSource::File(root.join("seigo.yaml")),
            force_exclude: true,
            ..WorkspaceOptions::default()
        };
        fs::write(root.join("seigo.yaml"), "ignore: [\"drafts/\"]\n").unwrap();
        let ws = Workspace::load(&options, root).unwrap();
        let found = ws.discover(&paths, "-").unwrap();
        assert_eq!(names(&found, root), ["a.md"]);
        assert!(found.skipped.is_empty(), "excluded silently");
    }

    /// Writes the nested-config tree of issue 16: a root config, a nested one that does not
    /// extend it, and one that does.
    fn nested_tree(root: &Path) {
        let garbled = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。支援兵士を主張する。\n";
        for f in ["a.md", "opinion/b.md", "news/c.md", "news/deep/d.md"] {
            fs::create_dir_all(root.join(f).parent().unwrap()).unwrap();
            fs::write(root.join(f), garbled).unwrap();
        }
        fs::write(root.join("seigo.yaml"), "disable: [ja-news/shien-teishi]\n").unwrap();
        fs::write(
            root.join("opinion/seigo.yaml"),
            "disable: [ja-news/kaerisaki]\n",
        )
        .unwrap();
        fs::write(
            root.join("news/seigo.yaml"),
            "extends: ../seigo.yaml\noverrides:\n  - files: [\"deep/**\"]\n    severity:\n      ja-news/kaerisaki: info\n",
        )
        .unwrap();
    }

    /// (file name, rule, severity) of every finding of a run, by file name.
    fn results(ws: &Workspace, paths: &[PathBuf]) -> Vec<(String, String, String)> {
        let found = ws.discover(paths, "-").unwrap();
        let run = ws.check_files(found, &crate::check::CheckOptions::default(), &|| {});
        let mut out: Vec<(String, String, String)> = run
            .files
            .iter()
            .flat_map(|f| {
                let name = Path::new(&f.path)
                    .file_name()
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                f.findings
                    .iter()
                    .map(move |x| (name.clone(), x.rule.clone(), x.severity.to_string()))
            })
            .collect();
        out.sort();
        out
    }

    #[test]
    fn each_file_is_checked_under_the_nearest_config_above_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        nested_tree(root);
        let ws = Workspace::load(&WorkspaceOptions::default(), root).unwrap();
        let found = results(&ws, &[root.to_path_buf()]);
        let expected: Vec<(String, String, String)> = [
            ("a.md", "ja-news/kaerisaki", "error"),
            ("b.md", "ja-news/shien-teishi", "error"),
            ("c.md", "ja-news/kaerisaki", "error"),
            ("d.md", "ja-news/kaerisaki", "info"),
        ]
        .iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn results_do_not_depend_on_argument_order_or_working_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        nested_tree(root);
        let orders: [Vec<PathBuf>; 3] = [
            vec![
                root.join("opinion"),
                root.join("news/deep/d.md"),
                root.join("a.md"),
                root.join("news/c.md"),
            ],
            vec![
                root.join("news/c.md"),
                root.join("a.md"),
                root.join("news/deep/d.md"),
                root.join("opinion"),
            ],
            vec![
                root.join("a.md"),
                root.join("opinion/b.md"),
                root.join("news"),
            ],
        ];
        let mut seen = Vec::new();
        for paths in &orders {
            let ws = Workspace::load(&WorkspaceOptions::default(), &paths[0]).unwrap();
            seen.push(results(&ws, paths));
        }
        assert_eq!(seen[0], seen[1]);
        assert_eq!(seen[0], seen[2]);
        assert_eq!(seen[0].len(), 4, "{:?}", seen[0]);
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
    fn select_and_ignore_name_rules_or_packs() {
        let options = WorkspaceOptions {
            config: ConfigSource::Defaults,
            select: Some(vec![
                "ja-news/kaerisaki".into(),
                "ja-news/shien-teishi".into(),
            ]),
            ignore: vec!["ja-news/shien-teishi".into()],
            ..WorkspaceOptions::default()
        };
        let ws = Workspace::load(&options, Path::new(".")).unwrap();
        let settings = ws.settings_of(Path::new("a.md")).unwrap();
        let ids: Vec<&str> = settings
            .linter()
            .rules()
            .iter()
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(ids, ["ja-news/kaerisaki"]);
        let options = WorkspaceOptions {
            config: ConfigSource::Defaults,
            ignore: vec!["ja-news".into()],
            ..WorkspaceOptions::default()
        };
        let ws = Workspace::load(&options, Path::new(".")).unwrap();
        assert!(
            ws.settings_of(Path::new("a.md"))
                .unwrap()
                .linter()
                .rules()
                .is_empty()
        );
        let options = WorkspaceOptions {
            config: ConfigSource::Defaults,
            select: Some(vec!["ja-news/kaerisak".into()]),
            ..WorkspaceOptions::default()
        };
        let e = Workspace::load(&options, Path::new(".")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown rule `ja-news/kaerisak` in --select (did you mean `ja-news/kaerisaki`?)"
        );
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
        let config = ws.config_for(&root.join("sub/a.txt")).unwrap();
        assert_eq!(
            config.path.as_deref(),
            Some(root.join("seigo.yaml").as_path())
        );
        let settings = ws.settings_of(&root.join("sub/a.txt")).unwrap();
        assert!(
            !settings
                .linter()
                .rules()
                .iter()
                .any(|r| r.id == "ja-news/kaerisaki")
        );

        let defaults = WorkspaceOptions {
            config: ConfigSource::Defaults,
            ..WorkspaceOptions::default()
        };
        let ws = Workspace::load(&defaults, &root.join("sub/a.txt")).unwrap();
        assert!(ws.config_for(Path::new("x.txt")).unwrap().path.is_none());
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
