//! Config discovery and effects.

use std::fs;

use serde_json::Value;

use crate::{seigo_in, stderr_of, stdout_of};

#[test]
fn config_is_found_upward_and_disables_rules() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("articles/2025")).unwrap();
    fs::write(
        p.join("articles/2025/a.txt"),
        "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n",
    )
    .unwrap();
    let run = |dir: &std::path::Path| {
        let out = seigo_in(dir)
            .args(["check", "--format", "json", "articles"])
            .output()
            .unwrap();
        let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
        json["summary"]["warnings"].as_u64().unwrap() + json["summary"]["errors"].as_u64().unwrap()
    };
    assert_eq!(run(p), 1);
    fs::write(p.join(".seigo.yaml"), "disable:\n  - ja-news/kaerisaki\n").unwrap();
    assert_eq!(run(p), 0);
}

#[test]
fn config_ignore_globs_skip_paths() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("drafts")).unwrap();
    fs::write(p.join("drafts/a.txt"), "題\n\n帰り先\n").unwrap();
    fs::write(p.join("b.txt"), "本文\n\n本文。\n").unwrap();
    fs::write(p.join("seigo.yaml"), "ignore:\n  - \"drafts/**\"\n").unwrap();
    let out = seigo_in(p)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(
        json["files"].as_array().unwrap().len(),
        1,
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn broken_config_points_at_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join("seigo.yaml"),
        "packs: [ja-news]\nseverty:\n  x: error\n",
    )
    .unwrap();
    fs::write(p.join("a.txt"), "題\n").unwrap();
    let out = seigo_in(p).args(["check", "a.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    assert!(err.contains("seigo.yaml:2:1"), "{err}");
    assert!(err.contains("did you mean `severity`?"), "{err}");
}
