//! Generic algorithms the rule kinds and the language layer build on, with no knowledge of
//! Japanese or of rules: hashing, the word index, MinHash/LSH, union-find, fast lowercasing
//! regexes with a literal pre-check and a bounded per-thread memo.

pub mod fnv;
pub mod hash;
pub mod line_regex;
pub mod lowercase;
pub mod memo;
pub mod minhash;
pub mod union_find;
pub mod word_index;
