//! Configuration per workspace folder, found as `seigo check FOLDER` finds it
//! ([`Workspace::load`] from the folder), loaded on first use and dropped on reload. Documents
//! outside every folder get the configuration discovered upward from their own directory.
//! Within a workspace, [`Workspace::settings_of`] picks the rules governing each file, so
//! per-file configuration applies here as it does on the command line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::Url;

use crate::config::Config;
use crate::error::{Error, FileError};
use crate::workspace::{ConfigSource, Workspace, WorkspaceOptions};

type Loaded = Result<Workspace, Vec<FileError>>;

/// The workspaces of an editor session.
#[derive(Debug)]
pub struct Folders {
    options: WorkspaceOptions,
    /// Each folder and its workspace, once loaded.
    folders: Vec<(PathBuf, Option<Loaded>)>,
    /// Workspaces for documents outside every folder, by the config that governs them.
    loose: HashMap<Option<PathBuf>, Loaded>,
    /// Something was loaded since [`Folders::take_loaded`] was last asked.
    loaded: bool,
}

impl Folders {
    pub fn new(roots: Vec<PathBuf>, options: WorkspaceOptions) -> Folders {
        Folders {
            options,
            folders: roots.into_iter().map(|r| (r, None)).collect(),
            loose: HashMap::new(),
            loaded: false,
        }
    }

    /// The workspace governing `path` (loading it if need be), or the errors that keep its
    /// configuration from loading.
    pub fn workspace_for(&mut self, path: &Path) -> Result<&Workspace, &[FileError]> {
        let options = &self.options;
        let folder = self
            .folders
            .iter_mut()
            .filter(|(root, _)| path.starts_with(root))
            .max_by_key(|(root, _)| root.as_os_str().len());
        let slot = match folder {
            Some((root, slot)) => {
                if slot.is_none() {
                    *slot = Some(load(options, root));
                    self.loaded = true;
                }
                slot.as_ref().expect("loaded above")
            }
            None => {
                let key = match &options.config {
                    ConfigSource::File(p) => Some(p.clone()),
                    ConfigSource::Defaults => None,
                    ConfigSource::Discover => Config::discover(path),
                };
                if !self.loose.contains_key(&key) {
                    self.loose.insert(key.clone(), load(options, path));
                    self.loaded = true;
                }
                &self.loose[&key]
            }
        };
        slot.as_ref().map_err(Vec::as_slice)
    }

    /// Whether a workspace was loaded (and so errors may have appeared or gone) since last
    /// asked.
    pub fn take_loaded(&mut self) -> bool {
        std::mem::take(&mut self.loaded)
    }

    /// Forgets every loaded configuration: the next check loads them again.
    pub fn reload(&mut self) {
        for (_, slot) in &mut self.folders {
            *slot = None;
        }
        self.loose.clear();
        self.loaded = true;
    }

    pub fn change(&mut self, added: Vec<PathBuf>, removed: Vec<PathBuf>) {
        self.folders.retain(|(root, _)| !removed.contains(root));
        for root in added {
            if !self.folders.iter().any(|(r, _)| *r == root) {
                self.folders.push((root, None));
            }
        }
        self.loose.clear();
        self.loaded = true;
    }

    fn errors(&self) -> impl Iterator<Item = &FileError> {
        self.folders
            .iter()
            .filter_map(|(_, slot)| slot.as_ref())
            .chain(self.loose.values())
            .filter_map(|loaded| loaded.as_ref().err())
            .flatten()
    }

    /// The errors of configurations that do not load, by the file they are in (files on
    /// disk only: a whole-run error has no file to show it in).
    pub fn errors_by_file(&self) -> BTreeMap<Url, Vec<FileError>> {
        let mut out: BTreeMap<Url, Vec<FileError>> = BTreeMap::new();
        for e in self.errors() {
            let Ok(path) = std::path::absolute(&e.path) else {
                continue;
            };
            if !path.is_file() {
                continue;
            }
            if let Ok(uri) = Url::from_file_path(&path) {
                let list = out.entry(uri).or_default();
                if !list
                    .iter()
                    .any(|x| x.message == e.message && x.span == e.span)
                {
                    list.push(e.clone());
                }
            }
        }
        out
    }

    /// The first error, as `path:line:column: message`, for a message to the user.
    pub fn first_error(&self) -> Option<String> {
        self.errors().next().map(FileError::headline)
    }
}

fn load(options: &WorkspaceOptions, start: &Path) -> Loaded {
    Workspace::load(options, start).map_err(|e| match e {
        Error::Files(errors) => errors,
        other => vec![FileError::whole_file(
            start.display().to_string(),
            other.to_string(),
        )],
    })
}
