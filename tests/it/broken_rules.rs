//! Broken rule files and configs: each error names the file, line and column, shows the line,
//! says what to change, and exits 2.

use std::fs;

use crate::{redact, seigo_in, stderr_of};

/// Writes `rule` as `pack/rule.yaml` with a config using that pack, runs `seigo check`, and
/// returns the exit code and stderr.
fn check_with_rule(rule: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("pack")).unwrap();
    fs::write(p.join("pack/rule.yaml"), rule).unwrap();
    fs::write(p.join("seigo.yaml"), "packs: [pack]\n").unwrap();
    fs::write(p.join("a.txt"), "本文\n\n本文。\n").unwrap();
    let out = seigo_in(p).args(["check", "a.txt"]).output().unwrap();
    (out.status.code(), redact(&stderr_of(&out), p))
}

#[test]
fn unknown_key_suggests_the_right_one() {
    let (code, err) = check_with_rule("kind: existence\nmessage: x\ntemrs: [帰り先]\n");
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("unknown_key", err);
}

#[test]
fn invalid_regex_points_inside_the_string() {
    let (code, err) = check_with_rule("kind: existence\nmessage: x\nregex:\n  - '帰り(先'\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("pack/rule.yaml:4:"), "{err}");
    insta::assert_snapshot!("invalid_regex", err);
}

#[test]
fn wrong_type_says_what_is_expected() {
    let (code, err) = check_with_rule("kind: existence\nmessage: x\nterms: 帰り先\n");
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("wrong_type", err);
}

#[test]
fn yaml_syntax_error_shows_the_line() {
    let (code, err) = check_with_rule("kind: existence\nmessage: [x\nterms: [a]\n");
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("yaml_syntax", err);
}

#[test]
fn unknown_kind_and_missing_message() {
    let (code, err) = check_with_rule("kind: existance\nmessage: x\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("did you mean `existence`?"), "{err}");
    let (code, err) = check_with_rule("kind: existence\nterms: [a]\n");
    assert_eq!(code, Some(2));
    assert!(err.contains("missing field `message`"), "{err}");
}

#[test]
fn bad_token_pattern_and_placeholder() {
    let (code, err) =
        check_with_rule("kind: existence\nmessage: x\ntokens:\n  - \"名詞 pso:名詞\"\n");
    assert_eq!(code, Some(2));
    insta::assert_snapshot!("bad_token_pattern", err);
    let (code, err) = check_with_rule("kind: existence\nmessage: 「{mach}」\nterms: [a]\n");
    assert_eq!(code, Some(2));
    assert!(
        err.contains("unknown placeholder `{mach}`") && err.contains("pack/rule.yaml:2:"),
        "{err}"
    );
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("pack")).unwrap();
    fs::write(
        p.join("pack/a.yaml"),
        "kind: existence\nmessage: x\ntemrs: [a]\n",
    )
    .unwrap();
    fs::write(
        p.join("pack/b.yaml"),
        "kind: existence\nmessage: x\nregex: ['(']\n",
    )
    .unwrap();
    fs::write(p.join("pack/c.yaml"), [0xFF, 0xFE, 0x00]).unwrap();
    fs::write(p.join("seigo.yaml"), "packs: [pack]\n").unwrap();
    let out = seigo_in(p).args(["rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("pack/a.yaml:3:1"), "{err}");
    assert!(err.contains("pack/b.yaml:3:"), "{err}");
    assert!(err.contains("not valid UTF-8"), "{err}");
}
