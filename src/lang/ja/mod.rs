//! Japanese: lindera with the embedded IPADIC, seigo's segmenter over it, user dictionaries,
//! typed parts of speech, and the lexicons (word lists as YAML data) the rule kinds read.
//!
//! - [`Morphology`]: the analyser value (IPADIC, shared and loaded once; a user dictionary
//!   of its own). A linter holds one.
//! - [`Analysis`]: one text's tokens, their [`Features`] and lazy per-document indexes.
//! - [`Pos`] / [`Conjugation`]: IPADIC's part of speech and conjugation form, decoded once
//!   per word id; kinds ask predicates.
//! - [`Lexicons`]: the shared word lists, extendable per rule (`lexicons:`).
//! - [`dictionary`]: about 198,000 words and compounds with readings (SudachiDict core),
//!   embedded as sorted tables: is this a word, which words are read like it.
//! - [`quantity`]: quantities in text (numbers, hedges, counters) as comparable intervals.

/// An enum whose variants stand for fixed strings, with `ALL`, `as_str` and `from_text`
/// generated from one list so that the strings cannot drift from the variants.
macro_rules! named_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $($(#[$doc:meta])* $variant:ident = $text:literal,)* }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$doc])* $variant,)*
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &[$name] = &[$($name::$variant,)*];

            /// The string the variant stands for.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The variant standing for `s`, if any. A `match` (compared by length first):
            /// it runs for every new word id.
            pub fn from_text(s: &str) -> Option<$name> {
                match s {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

mod analysis;
pub mod dictionary;
pub mod labels;
pub mod lexicon;
mod morphology;
pub mod pos;
pub mod quantity;
pub mod user_dict;
mod viterbi;
pub mod word_vectors;

pub use analysis::{Analysis, Table};
pub use labels::Labels;
pub use lexicon::{CharSet, LexiconEdit, LexiconEdits, LexiconError, LexiconId, Lexicons};
#[cfg(test)]
pub(crate) use morphology::with_user_rows;
pub use morphology::{Features, MorphError, Morphology, Token};
pub use pos::{Conjugation, Pos, Tag};

/// A kanji: CJK unified ideographs (and extension A, compatibility ideographs) and the marks
/// written in kanji words (々, 〆, ヶ).
pub fn is_kanji(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '々' | '〆' | 'ヶ')
}

/// The last kana of a godan verb's dictionary form and of its 連用形 (書く → 書き, 話す → 話し):
/// how a verb and its noun form (見送る → 見送り) are told from each other.
pub const GODAN_RENYOU: &[(char, char)] = &[
    ('く', 'き'),
    ('ぐ', 'ぎ'),
    ('す', 'し'),
    ('つ', 'ち'),
    ('ぬ', 'に'),
    ('ぶ', 'び'),
    ('む', 'み'),
    ('う', 'い'),
    ('る', 'り'),
];

/// An age as news writes it after a name, at the start of `text`: one to three ASCII digits
/// in ASCII brackets (NFKC has made （34） of the source (34)). Its value and its length in
/// bytes.
pub fn bracketed_age(text: &str) -> Option<(u16, usize)> {
    let inner = text.strip_prefix('(')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) || !inner[digits..].starts_with(')') {
        return None;
    }
    let age = inner[..digits].parse().ok()?;
    Some((age, digits + 2))
}

/// A katakana letter or the long vowel mark ー (ァ–ヺ, ー): what loanwords and katakana names
/// are written in.
pub fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | 'ー')
}

/// A hiragana letter (ぁ–ゖ).
pub fn is_hiragana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{3096}')
}

/// A hiragana letter as its katakana (ぁ–ゖ → ァ–ヶ); any other character as it is.
pub fn katakana(c: char) -> char {
    match c {
        '\u{3041}'..='\u{3096}' => char::from_u32(u32::from(c) + 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::bracketed_age;

    #[test]
    fn an_age_is_one_to_three_digits_in_brackets() {
        assert_eq!(bracketed_age("(34)が"), Some((34, 4)));
        assert_eq!(bracketed_age("(102)"), Some((102, 5)));
        assert_eq!(bracketed_age("(2024)"), None);
        assert_eq!(bracketed_age("()"), None);
        assert_eq!(bracketed_age("(34"), None);
        assert_eq!(bracketed_age(" (34)"), None);
    }
}
