//! `to_lowercase` without the Unicode case tables for the usual Japanese word.

/// True for characters that have no lowercase mapping other than themselves and are common in
/// Japanese text: kana, CJK ideographs, CJK symbols and full-width punctuation (the full-width
/// Latin letters `Ａ`-`Ｚ` are excluded: they lowercase).
#[inline]
fn caseless_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'     // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{FF01}'..='\u{FF20}'   // full-width punctuation and digits
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
    )
}

/// `s.to_lowercase()`, without the Unicode case tables when every character is ASCII or
/// caseless CJK (the usual Japanese word).
pub fn lowercase(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii() || caseless_cjk(c)) {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caseless_characters_agree_with_std_over_all_chars() {
        let mut caseless = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if caseless_cjk(c) {
                caseless += 1;
                assert!(
                    c.to_lowercase().eq([c]) && !c.is_ascii(),
                    "{c:?} ({:X}) is not caseless",
                    u32::from(c)
                );
            }
            let s = c.to_string();
            assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
        }
        assert!(caseless > 20_000, "{caseless}");
    }

    #[test]
    fn lowercase_agrees_with_std_on_mixed_text() {
        for s in [
            "",
            "NATO",
            "アジア版NATO",
            "ＮＡＴＯ",
            "İstanbul",
            "ΣΑΣ",
            "トランプ前大統領",
            "G7サミット、「ＡＢＣ」",
            "ẞ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
        }
    }
}
