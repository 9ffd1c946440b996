//! Arbitrary bytes as a user dictionary (`--user-dict`): loading must fail with an error
//! naming what is wrong, never panic or overflow the stack; a dictionary that loads must
//! tokenize text holding its own words, and every token's features must decode.
#![no_main]

use libfuzzer_sys::fuzz_target;
use seigo::Morphology;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("user.csv");
    std::fs::write(&path, data).expect("write the dictionary");
    let Ok(morph) = Morphology::with_user_dictionary(&path) else {
        return;
    };
    // The dictionary's own surfaces (first field of each line), inside ordinary text.
    let text = String::from_utf8_lossy(data);
    let words: String = text
        .lines()
        .take(20)
        .filter_map(|l| l.split(',').next())
        .collect::<Vec<_>>()
        .join("の");
    let sample = format!("トランプ氏の{words}に備える。{words}\n");
    for token in morph.tokenize(&sample) {
        let _ = morph.features(&token);
        assert!(
            sample.is_char_boundary(token.span.start) && sample.is_char_boundary(token.span.end)
        );
    }
});
