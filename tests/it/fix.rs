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
    assert!(diff.contains("-") && diff.contains("+") && diff.contains("支援停止"));
    // 帰り先 → 返り咲き would contradict 再選 elsewhere (a new election conflict): held back.
    assert!(!diff.contains("返り咲き"), "{diff}");
    let err = stderr_of(&out);
    assert!(
        err.contains("note: seed.txt:19:135: the fix 「帰り先」→「返り咲き」 of `ja-news/kaerisaki` was not applied: it would create an error of `ja-news/election-conflict` there"),
        "{err}"
    );
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
    for gone in ["支援兵士", "早期方面"] {
        assert!(!fixed.contains(gone), "{gone} still there");
    }
    assert!(
        fixed.contains("帰り先"),
        "held back: it would create an error"
    );
    assert!(
        fixed.contains("権威"),
        "a suggestion is not applied without --unsafe-fixes"
    );
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
    let safe_fixes: Vec<&str> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["fixes"].as_array().unwrap())
        .map(|x| x["applicability"].as_str().unwrap())
        .filter(|a| *a == "safe")
        .collect();
    assert!(
        safe_fixes.is_empty(),
        "only suggestions remain: {safe_fixes:?}"
    );

    // --unsafe-fixes applies the suggestion (権威 → 懸念) too.
    let out = seigo_in(p)
        .args(["check", "--fix", "--unsafe-fixes", "--quiet", "seed.txt"])
        .output()
        .unwrap();
    assert!(out.status.code().is_some());
    let all = fs::read_to_string(p.join("seed.txt")).unwrap();
    assert!(!all.contains("権威"), "{}", stderr_of(&out));
    assert!(all.contains("帰り先"), "still held back");
}

#[test]
fn fix_on_stdin_prints_the_fixed_text() {
    let text = "主張する\n\n支援兵士を主張する。\n";
    let out = crate::seigo()
        .args([
            "check",
            "--fix",
            "--format",
            "concise",
            "--stdin-filename",
            "a.txt",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out), "主張する\n\n支援停止を主張する。\n");
    let err = stderr_of(&out);
    assert!(err.contains("applied 1 fix(es)"), "{err}");
    assert!(err.contains("checked 1 file: 0 errors"), "{err}");
    // What cannot be fixed is reported on stderr, and fails the run as usual.
    let out = crate::seigo()
        .args([
            "check",
            "--fix",
            "--format",
            "concise",
            "--stdin-filename",
            "a.txt",
            "-",
        ])
        .write_stdin("主張する\n\n支援兵士を主張する。脅迫化した。\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout_of(&out),
        "主張する\n\n支援停止を主張する。脅迫化した。\n"
    );
    assert!(stderr_of(&out).contains("a.txt:3:"), "{}", stderr_of(&out));
}
