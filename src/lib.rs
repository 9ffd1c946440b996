//! seigo (正誤): a fact-consistency linter for machine-generated Japanese articles.
//!
//! The pipeline: [`input`] decodes a file, [`document`] parses it into blocks and sentences
//! over an NFKC analysis text, [`lang`] (the language layer: morphology, typed parts of
//! speech, lexicons) tokenizes it once, [`rules`] (compiled from YAML packs) report
//! [`finding::Hit`]s, and [`engine`] maps them back to source spans for [`render`]. Generic
//! algorithms the kinds build on are in [`algo`]. The library never prints.
//!
//! ```
//! use seigo::{Document, Format, Linter, Morphology, config::Config};
//!
//! let morphology = Morphology::new();
//! let rules = Config::default().load_rules(&morphology).expect("the built-in packs load");
//! let linter = Linter::new(rules, morphology);
//! let text = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";
//! let doc = Document::parse("a.txt", text.to_string(), Format::PlainText);
//! let findings = linter.check(&doc);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].rule, "ja-news/kaerisaki");
//! assert_eq!(&text[findings[0].span.range()], "帰り先");
//! assert_eq!(findings[0].fixes[0].replacement, "返り咲き");
//! ```

pub mod algo;
pub mod config;
pub mod document;
pub mod engine;
pub mod error;
pub mod finding;
pub mod fix;
pub mod init;
pub mod input;
pub mod lang;
pub mod render;
pub mod rules;
pub mod schema;
pub mod span;
pub mod suppress;

pub use document::{Document, Format};
pub use engine::Linter;
pub use error::{Error, FileError};
pub use finding::{Finding, Severity};
pub use lang::ja::Morphology;
pub use span::Span;
