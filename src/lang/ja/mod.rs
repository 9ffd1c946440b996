//! Japanese: lindera with the embedded IPADIC, seigo's segmenter over it, user dictionaries,
//! typed parts of speech, and the lexicons (word lists as YAML data) the rule kinds read.
//!
//! - [`Morphology`]: the analyser value (IPADIC, shared and loaded once; a user dictionary
//!   of its own). A linter holds one.
//! - [`Analysis`]: one text's tokens, their [`Features`] and lazy per-document indexes.
//! - [`Pos`] / [`Conjugation`]: IPADIC's part of speech and conjugation form, decoded once
//!   per word id; kinds ask predicates.
//! - [`Lexicons`]: the shared word lists, extendable per rule (`lexicons:`).

mod analysis;
pub mod labels;
pub mod lexicon;
mod morphology;
pub mod pos;
pub mod user_dict;
mod viterbi;

pub use analysis::{Analysis, Table};
pub use labels::Labels;
pub use lexicon::{LexiconEdit, LexiconEdits, LexiconError, LexiconId, Lexicons};
pub use morphology::{Features, MorphError, Morphology, Token};
pub use pos::{Conjugation, Pos, Tag};
