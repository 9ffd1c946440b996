//! The language layer: everything that knows a language's dictionary, grammar and words.
//!
//! Only Japanese today ([`ja`]). Nothing outside this module names lindera or IPADIC; rule
//! kinds see tokens, typed parts of speech and lexicons.

pub mod ja;
