//! Arbitrary bytes as a .md or .txt file: decoding (UTF-8, BOMs, UTF-16, binary) and parsing
//! into blocks and sentences must never panic, and every span must map back into the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Some((format, bytes)) = common::split_format(data) else {
        return;
    };
    let name = match format {
        seigo::Format::Markdown => "fuzz.md",
        seigo::Format::PlainText => "fuzz.txt",
    };
    if let Ok(doc) = seigo::input::parse_bytes(name, format, bytes.to_vec()) {
        common::assert_document(&doc);
    }
});
