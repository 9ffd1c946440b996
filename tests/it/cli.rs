//! `seigo check` end to end on the seed article, directories, stdin, formats and exit codes.

use std::fs;

use serde_json::Value;

use crate::{seigo, seigo_in, stderr_of, stdout_of};

#[test]
fn seed_article_human_output() {
    let out = seigo()
        .args(["check", "--quiet", "fixtures/seed-article.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "findings exit 1");
    let stdout = stdout_of(&out);
    // The seed's speech-to-text garbage, each with its replacement.
    for (wrong, right) in [("帰り先", "返り咲き"), ("支援兵士", "支援停止")] {
        assert!(
            stdout.contains(&format!("suggestion: 「{wrong}」→「{right}」")),
            "missing {wrong}: {stdout}"
        );
    }
    insta::assert_snapshot!("seed_human", stdout);
}

#[test]
fn seed_article_json_output() {
    let out = seigo()
        .args(["check", "--format", "json", "fixtures/seed-article.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout_of(&out)).expect("stdout is pure JSON");
    assert!(
        stderr_of(&out).contains("checked 1 file"),
        "summary goes to stderr"
    );
    let source = fs::read_to_string(crate::root().join("fixtures/seed-article.txt")).unwrap();
    let findings = json["files"][0]["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        for key in [
            "rule", "kind", "severity", "message", "span", "related", "fixes",
        ] {
            assert!(f.get(key).is_some(), "finding lacks `{key}`: {f}");
        }
        // Spans are byte offsets into the original file, on char boundaries.
        let (s, e) = (
            f["span"]["start"].as_u64().unwrap() as usize,
            f["span"]["end"].as_u64().unwrap() as usize,
        );
        assert!(s < e && e <= source.len());
        assert!(source.is_char_boundary(s) && source.is_char_boundary(e));
        for fix in f["fixes"].as_array().unwrap() {
            let fs_ = fix["span"]["start"].as_u64().unwrap() as usize;
            let fe = fix["span"]["end"].as_u64().unwrap() as usize;
            assert!(!source[fs_..fe].is_empty());
        }
    }
    let kaeri = findings
        .iter()
        .find(|f| f["rule"] == "ja-news/kaerisaki")
        .expect("帰り先 found");
    let (s, e) = (
        kaeri["span"]["start"].as_u64().unwrap() as usize,
        kaeri["span"]["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&source[s..e], "帰り先");
    assert_eq!(kaeri["fixes"][0]["replacement"], "返り咲き");
    insta::assert_json_snapshot!("seed_json", json);
}

#[test]
fn directory_walk_checks_md_and_txt_and_respects_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("a/b")).unwrap();
    fs::create_dir_all(p.join("drafts")).unwrap();
    fs::write(
        p.join("a/one.md"),
        "# トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n",
    )
    .unwrap();
    fs::write(p.join("a/b/two.txt"), "主張する\n\n支援兵士を主張する。\n").unwrap();
    fs::write(p.join("a/b/three.markdown"), "# 問題\n\n問題ない文です。\n").unwrap();
    fs::write(p.join("a/notes.rs"), "// 帰り先\n").unwrap();
    fs::write(p.join("drafts/skip.txt"), "題\n\n帰り先\n").unwrap();
    fs::write(p.join(".gitignore"), "drafts/\n").unwrap();
    // The ignore crate honours .gitignore inside a git repository.
    fs::create_dir_all(p.join(".git")).unwrap();
    let out = seigo_in(p)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let paths: Vec<&str> = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec!["./a/b/three.markdown", "./a/b/two.txt", "./a/one.md"]
    );
    assert_eq!(json["summary"]["files"], 3);
}

#[test]
fn stdin_is_read_with_dash() {
    let out = seigo()
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "article.md",
            "-",
        ])
        .write_stdin("# トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(json["files"][0]["path"], "article.md");
    assert_eq!(json["files"][0]["findings"][0]["rule"], "ja-news/kaerisaki");
}

#[test]
fn fail_on_controls_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("clean.txt"), "問題\n\n問題のない文です。\n").unwrap();
    let out = seigo_in(p).args(["check", "clean.txt"]).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "no findings exit 0");
    assert!(stdout_of(&out).contains("checked 1 file: 0 errors, 0 warnings, 0 infos"));

    // One finding, made a warning by the config: fails at warning and info, not at error.
    fs::write(
        p.join("seigo.yaml"),
        "severity:\n  ja-news/kaerisaki: warning\n",
    )
    .unwrap();
    fs::write(
        p.join("one.txt"),
        "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n",
    )
    .unwrap();
    let at = |level: &str| {
        seigo_in(p)
            .args(["check", "--quiet", "--fail-on", level, "one.txt"])
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(at("error"), Some(0));
    assert_eq!(at("warning"), Some(1));
    assert_eq!(at("info"), Some(1));
}

#[test]
fn usage_errors_exit_2() {
    let out = seigo()
        .args(["check", "--format", "xml", "x.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = seigo()
        .args(["check", "no/such/file.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("no/such/file.txt"));
}

#[test]
fn tokens_subcommand_shows_pos_base_and_reading() {
    let out = seigo()
        .args(["tokens", "--text", "重視しない"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = stdout_of(&out);
    let shi = stdout
        .lines()
        .find(|l| l.starts_with("し\t"))
        .expect("し token");
    assert!(
        shi.contains("動詞,自立") && shi.contains("\tする\t"),
        "{shi}"
    );
}

#[test]
fn user_dictionary_words_are_tokens_and_both_segmenters_agree() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("user.csv"),
        "ウクライナシーン,カスタム名詞,ウクライナシーン\n石破茂首相,カスタム名詞,イシバシゲルシュショウ\n",
    )
    .unwrap();
    let text = "石破茂首相はウクライナシーンを続ける。ウクライナ支援も。";
    fs::write(dir.path().join("a.txt"), text).unwrap();
    let out = seigo_in(dir.path())
        .args(["tokens", "--user-dict", "user.csv", "--text", text])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let stdout = stdout_of(&out);
    for word in ["ウクライナシーン", "石破茂首相"] {
        let line = stdout
            .lines()
            .find(|l| l.starts_with(&format!("{word}\t")))
            .unwrap_or_else(|| panic!("{word} is one token:\n{stdout}"));
        assert!(line.contains("カスタム名詞"), "{line}");
    }
    let counts: Vec<String> = ["seigo", "lindera"]
        .iter()
        .map(|segmenter| {
            let out = seigo_in(dir.path())
                .args([
                    "tokens",
                    "--user-dict",
                    "user.csv",
                    "--segmenter",
                    segmenter,
                ])
                .args(["--count", "a.txt"])
                .output()
                .unwrap();
            assert!(out.status.success(), "{}", stderr_of(&out));
            stdout_of(&out)
        })
        .collect();
    assert_eq!(counts[0], counts[1]);
    // 石破茂首相|は|ウクライナシーン|を|続ける|。|ウクライナ|支援|も|。
    assert!(counts[0].contains("tokens 10"), "{}", counts[0]);
}

#[test]
fn rules_lists_enabled_rules_and_explain_describes_one() {
    let out = seigo().args(["rules", "--no-config"]).output().unwrap();
    assert!(out.status.success());
    let stdout = stdout_of(&out);
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("ja-news/kaerisaki") && l.contains("substitution"))
    );
    let out = seigo()
        .args(["explain", "ja-news/kaerisaki", "--no-config"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = stdout_of(&out);
    assert!(
        stdout.contains("substitution rule") && stdout.contains("rules/ja-news/kaerisaki.yaml")
    );
    assert!(stdout.contains("bad examples:"));
    let out = seigo()
        .args(["explain", "ja-news/nope", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn test_subcommand_runs_builtin_examples() {
    let out = seigo().args(["test"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let last = stdout_of(&out).lines().last().unwrap().to_string();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
}

#[test]
fn test_subcommand_fails_on_a_broken_example() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("mine");
    fs::create_dir(&pack).unwrap();
    fs::write(
        pack.join("garble.yaml"),
        "kind: substitution\nmessage: 「{match}」→「{replacement}」\nswap:\n  帰り先: 返り咲き\nexamples:\n  bad:\n    - 氏の帰り先に備える\n  good:\n    - 氏の帰り先が心配\n",
    )
    .unwrap();
    let out = seigo_in(dir.path())
        .args(["test", "mine"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout_of(&out).contains("1 passed, 1 failed"));
    let err = stderr_of(&out);
    assert!(err.contains("mine/garble.yaml:9:7"), "{err}");
    assert!(err.contains("good example produced 1 finding"), "{err}");
}

#[test]
fn max_warnings_and_timings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(
        p.join("seigo.yaml"),
        "severity:\n  ja-news/kaerisaki: warning\n",
    )
    .unwrap();
    fs::write(
        p.join("one.txt"),
        "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n",
    )
    .unwrap();
    let code = |extra: &[&str]| {
        seigo_in(p)
            .args(["check", "--quiet", "--fail-on", "error"])
            .args(extra)
            .arg("one.txt")
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&[]), Some(0));
    assert_eq!(code(&["--max-warnings", "1"]), Some(0));
    assert_eq!(code(&["--max-warnings", "0"]), Some(1));

    let out = seigo_in(p)
        .args(["check", "--quiet", "--timings", "one.txt"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(
        err.contains("(tokenize)") && err.contains("ja-news/kaerisaki"),
        "{err}"
    );
}
