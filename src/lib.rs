//! seigo (正誤): a fact-consistency linter for machine-generated Japanese articles.
//!
//! The pipeline: [`input`] decodes a file, [`document`] parses it into blocks and sentences
//! over an NFKC analysis text, [`morph`] tokenizes it once, [`rules`] (compiled from YAML
//! packs) report [`finding::Hit`]s, and [`engine`] maps them back to source spans for
//! [`render`]. The library never prints.

pub mod config;
pub mod document;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fix;
pub mod init;
pub mod input;
pub mod morph;
pub mod render;
pub mod rules;
pub mod schema;
pub mod span;
pub mod suppress;

pub use document::{Document, Format};
pub use engine::Linter;
pub use error::{Error, FileError};
pub use finding::{Finding, Severity};
pub use span::Span;
