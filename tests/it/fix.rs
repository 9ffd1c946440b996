//! `--fix` and `--diff` on a copy of the seed article.

use std::fs;

use crate::{seigo_in, stderr_of, stdout_of};

#[test]
fn fix_the_seed_then_nothing_fixable_remains() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let original = fs::read_to_string(crate::root().join("fixtures/seed-article.txt")).unwrap();
    fs::write(p.join("seed.txt"), &original).unwrap();

    let out = seigo_in(p)
        .args(["check", "--diff", "seed.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "fixes available");
    let diff = stdout_of(&out);
    assert!(diff.contains("-") && diff.contains("+") && diff.contains("返り咲き"));
    assert_eq!(
        fs::read_to_string(p.join("seed.txt")).unwrap(),
        original,
        "--diff writes nothing"
    );

    let out = seigo_in(p)
        .args(["check", "--fix", "seed.txt"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("applied "), "{}", stderr_of(&out));
    let fixed = fs::read_to_string(p.join("seed.txt")).unwrap();
    assert_ne!(fixed, original);
    for gone in ["帰り先", "支援兵士", "早期方面"] {
        assert!(!fixed.contains(gone), "{gone} still there");
    }
    // Only the fixed words changed: same line count, every other line identical.
    assert_eq!(fixed.lines().count(), original.lines().count());
    let changed = fixed
        .lines()
        .zip(original.lines())
        .filter(|(a, b)| a != b)
        .count();
    assert!(changed <= 4, "{changed} lines changed");
    insta::assert_snapshot!("seed_fixed", fixed);

    // A second run finds nothing left to fix and changes nothing.
    let out = seigo_in(p)
        .args(["check", "--fix", "--format", "json", "seed.txt"])
        .output()
        .unwrap();
    assert!(stderr_of(&out).contains("applied 0 fix(es)"));
    assert_eq!(fs::read_to_string(p.join("seed.txt")).unwrap(), fixed);
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let fixable = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| !f["fixes"].as_array().unwrap().is_empty())
        .count();
    assert_eq!(fixable, 0);
}

#[test]
fn fix_refuses_stdin() {
    let out = crate::seigo()
        .args(["check", "--fix", "-"])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
