//! The library's errors: [`FileError`], located in a file (a rule pack, a config, an article)
//! and carrying the file's text so the caller can render it like a compiler diagnostic, and
//! [`Error`], why a workspace could not be set up.

use std::sync::Arc;

use crate::span::{LineIndex, Span};

/// A problem at a place in a file: a broken rule, a config typo, an undecodable article.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", self.headline())]
pub struct FileError {
    /// The file name as shown to the user.
    pub path: String,
    /// The file's text, for rendering a snippet; empty when it could not be read.
    pub text: Arc<str>,
    /// Where in `text` the problem is; `None` for whole-file problems.
    pub span: Option<Span>,
    pub message: String,
    /// A hint on what to change: "did you mean `tokens`?", an example of the expected type.
    pub help: Option<String>,
}

impl FileError {
    pub fn new(
        path: impl Into<String>,
        text: Arc<str>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        FileError {
            path: path.into(),
            text,
            span,
            message: message.into(),
            help: None,
        }
    }

    pub fn whole_file(path: impl Into<String>, message: impl Into<String>) -> Self {
        FileError::new(path, Arc::from(""), None, message)
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `path:line:column: message`, the form editors and terminals make clickable.
    pub fn headline(&self) -> String {
        match self.span {
            Some(span) => {
                let lc = LineIndex::new(&self.text).line_col(&self.text, span.start);
                format!("{}:{}:{}: {}", self.path, lc.line, lc.column, self.message)
            }
            None => format!("{}: {}", self.path, self.message),
        }
    }
}

/// Why a workspace could not be loaded or its files discovered. Errors about single files
/// during a check are [`crate::check::CheckError`]s instead: they do not stop the run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Broken configs or rule files, each located: render them with
    /// [`crate::render::human::render_error`].
    #[error("{} error(s) in rule packs or configuration", .0.len())]
    Files(Vec<FileError>),
    #[error(transparent)]
    Morph(#[from] crate::lang::ja::MorphError),
    #[error("the dictionary loader panicked")]
    DictionaryLoaderPanicked,
    #[error("invalid ignore glob `{glob}` in config")]
    IgnoreGlob {
        glob: String,
        #[source]
        source: ignore::Error,
    },
    #[error(transparent)]
    Ignore(#[from] ignore::Error),
    /// A `--select` or `--ignore` value that names no rule and no pack.
    #[error("unknown rule `{selector}` in --{flag} ({help})")]
    UnknownSelector {
        flag: &'static str,
        selector: String,
        help: String,
    },
    #[error(transparent)]
    Fix(#[from] crate::fix::FixError),
}

impl From<FileError> for Error {
    fn from(e: FileError) -> Self {
        Error::Files(vec![e])
    }
}
