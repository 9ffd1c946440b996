//! seigo (正誤): a fact-consistency linter for machine-generated Japanese articles.
//!
//! The pipeline: a [`Workspace`] holds the configuration in effect and the [`Linter`] compiled
//! from its rule packs, and discovers the files to check; [`check`] reads and decodes each
//! ([`input`]), parses it into blocks and sentences over an NFKC analysis text ([`document`]),
//! tokenizes it once ([`lang`], the language layer: morphology, typed parts of speech,
//! lexicons), runs the rules ([`rules`], [`engine`]) and applies fixes ([`fix`]); the
//! [`FileReport`]s are written by an [`render::Emitter`], and [`exit`] turns a run's totals into
//! the exit status. Generic algorithms the kinds build on are in [`algo`]. The library never
//! prints: callers give it the streams.
//!
//! ```
//! use seigo::{Config, Linter, Morphology, Workspace};
//!
//! let morphology = Morphology::new();
//! let rules = Config::default().load_rules(&morphology).expect("the built-in packs load");
//! let linter = Linter::new(rules, morphology);
//! let workspace = Workspace::new(Config::default(), linter);
//! let text = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";
//! let report = workspace.check_text("a.txt", text).expect("one config, no overrides");
//! let findings = &report.findings;
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].rule, "ja-news/kaerisaki");
//! assert_eq!(&text[findings[0].span.range()], "帰り先");
//! assert_eq!(findings[0].fixes[0].replacement, "返り咲き");
//! ```

pub mod algo;
pub mod check;
pub mod config;
pub mod docs;
pub mod document;
pub mod engine;
pub mod error;
pub mod exit;
pub mod finding;
pub mod fix;
pub mod i18n;
pub mod init;
pub mod input;
pub mod lang;
pub mod lsp;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod serve;
pub mod span;
mod suppress;
pub mod workspace;

pub use check::{CheckOptions, FixMode, RunReport};
pub use config::Config;
pub use document::{Document, Format};
pub use engine::Linter;
pub use error::{Error, FileError};
pub use exit::{ExitPolicy, ExitStatus};
pub use finding::{Finding, Severity};
pub use lang::ja::Morphology;
pub use render::{Emitter, OutputFormat};
pub use report::{FileReport, Totals};
pub use span::{SourceSpan, Span, TextSpan};
pub use workspace::{Workspace, WorkspaceOptions};
