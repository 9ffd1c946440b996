//! Hostile and unusual article files: each gets a clear message or correct spans, and the
//! other files are still checked.

use std::fs;

use serde_json::Value;

use crate::{seigo_in, stderr_of, stdout_of};

const GARBLED: &str = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";

fn check_json(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let out = seigo_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_str(&stdout_of(&out)).expect("stdout is JSON");
    (out.status.code(), json, stderr_of(&out))
}

#[test]
fn invalid_utf8_is_an_error_naming_the_offset_and_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = "題\n\n本文".as_bytes().to_vec();
    bytes.extend([0xE3, 0x81]); // a truncated UTF-8 sequence
    bytes.extend("です。\n".as_bytes());
    fs::write(dir.path().join("bad.txt"), &bytes).unwrap();
    fs::write(dir.path().join("good.txt"), GARBLED).unwrap();
    let (code, json, err) = check_json(dir.path(), &["bad.txt", "good.txt"]);
    assert_eq!(code, Some(2), "an unreadable file is an error");
    let offset = "題\n\n本文".len();
    assert!(
        err.contains(&format!(
            "error: bad.txt: not valid UTF-8: invalid byte 0xE3 at byte offset {offset} (line 3)"
        )),
        "{err}"
    );
    assert_eq!(json["files"][0]["path"], "good.txt");
    assert_eq!(json["files"][0]["findings"].as_array().unwrap().len(), 1);
}

#[test]
fn empty_file_has_no_findings() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.md"), "").unwrap();
    let (code, json, _) = check_json(dir.path(), &["empty.md"]);
    assert_eq!(code, Some(0));
    assert_eq!(json["files"][0]["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn binary_file_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("image.txt"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    )
    .unwrap();
    let (code, json, err) = check_json(dir.path(), &["image.txt"]);
    assert_eq!(code, Some(0), "a skipped binary is not a failure");
    assert!(
        err.contains("warning: image.txt: looks like a binary file (NUL byte at offset 8)"),
        "{err}"
    );
    assert_eq!(json["files"].as_array().unwrap().len(), 0);
}

#[test]
fn crlf_and_bom_keep_exact_spans() {
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}トランプ氏に備える\r\n\r\n前の行。\r\nトランプ氏の帰り先に備える。\r\n";
    fs::write(dir.path().join("crlf.txt"), text).unwrap();
    let (code, json, _) = check_json(dir.path(), &["crlf.txt"]);
    assert_eq!(code, Some(1));
    let f = &json["files"][0]["findings"][0];
    let (s, e) = (
        f["span"]["start"].as_u64().unwrap() as usize,
        f["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "帰り先");
    assert_eq!(f["span"]["line"], 4);
    assert_eq!(f["span"]["column"], 7);
}

#[test]
fn utf16_with_bom_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for u in GARBLED.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(dir.path().join("utf16.txt"), bytes).unwrap();
    let (code, json, _) = check_json(dir.path(), &["utf16.txt"]);
    assert_eq!(code, Some(1));
    assert_eq!(json["files"][0]["findings"][0]["rule"], "ja-news/kaerisaki");
}

#[test]
fn full_width_text_is_matched_and_reported_at_original_bytes() {
    let dir = tempfile::tempdir().unwrap();
    // ＮＡＴＯ-style full-width text around the garbled word; NFKC must not shift spans.
    let text = "ＡＢＣ社のトランプ氏に備える\n\nＡＢＣ社のトランプ氏の帰り先に備える。\n";
    fs::write(dir.path().join("fw.txt"), text).unwrap();
    let (_, json, _) = check_json(dir.path(), &["fw.txt"]);
    let f = &json["files"][0]["findings"][0];
    let (s, e) = (
        f["span"]["start"].as_u64().unwrap() as usize,
        f["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "帰り先");
}

#[test]
fn too_large_file_is_skipped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("big.txt"), GARBLED.repeat(10)).unwrap();
    let (code, json, err) = check_json(dir.path(), &["--max-file-size", "100", "big.txt"]);
    assert_eq!(code, Some(0));
    assert!(err.contains("over the 100-byte limit"), "{err}");
    assert_eq!(json["files"].as_array().unwrap().len(), 0);
}
