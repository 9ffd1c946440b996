//! Reliability, round two: what a hostile tester found after reading the first round's tests
//! (issue 12). Each test is named after the class of bug it guards; the issue's item number
//! is in the doc comment.

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

use crate::{seigo_in, stderr_of, stdout_of};

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    seigo_in(dir).args(args).output().unwrap()
}

fn json_findings(out: &Output) -> Vec<Value> {
    let json: Value =
        serde_json::from_str(&stdout_of(out)).unwrap_or_else(|e| panic!("{e}: {}", stdout_of(out)));
    json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["findings"].as_array().unwrap().clone())
        .collect()
}

fn rules_of(findings: &[Value]) -> Vec<String> {
    findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

/// Writes a one-rule pack `pk/` and a `seigo.yaml` using only it.
fn pack(dir: &Path, rules: &[(&str, &str)]) {
    fs::create_dir_all(dir.join("pk")).unwrap();
    for (name, yaml) in rules {
        fs::write(dir.join("pk").join(format!("{name}.yaml")), yaml).unwrap();
    }
    fs::write(dir.join("seigo.yaml"), "packs: [pk]\n").unwrap();
}

// ---- 1. fixes at the edge of a character NFKC expands ------------------------------------

/// Item 1: a fix whose span starts inside ㏠ (= 1日) or ㍻ (= 平成) must keep the part of the
/// character it does not replace.
#[test]
fn fix_keeps_the_unmatched_part_of_an_expanded_character() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    for (name, text, wanted) in [
        (
            "a.txt",
            "題\n\n5月㏠米同名の強化を確認した。\n",
            "5月1日米同盟の強化",
        ),
        ("b.txt", "題\n\n㍻長課程を確認した。\n", "平成長過程を確認"),
    ] {
        fs::write(p.join(name), text).unwrap();
        let out = run(p, &["check", "--no-config", "--fix", name]);
        assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
        let fixed = fs::read_to_string(p.join(name)).unwrap();
        assert!(
            nfkc(&fixed).contains(wanted),
            "{name}: {fixed:?} lost a character (wanted {wanted})"
        );
    }
}

// ---- 2. fixes that never settle ------------------------------------------------------------

/// Item 2: a replacement that contains its own match (会見 → 記者会見) converges: the match
/// does not fire again on text that already reads as the replacement.
#[test]
fn a_replacement_containing_its_match_converges() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    pack(
        p,
        &[(
            "kaiken",
            "kind: substitution\nmessage: 「{match}」→「{replacement}」\nswap:\n  会見: 記者会見\nexamples:\n  bad:\n    - text: 首相は会見で述べた。\n      fixed: 首相は記者会見で述べた。\n  good:\n    - 首相は記者会見で述べた。\n",
        )],
    );
    fs::write(
        p.join("a.txt"),
        "題\n\n首相は会見で述べた。記者会見は短かった。\n",
    )
    .unwrap();
    let out = run(p, &["check", "--fix", "a.txt"]);
    assert_eq!(
        fs::read_to_string(p.join("a.txt")).unwrap(),
        "題\n\n首相は記者会見で述べた。記者会見は短かった。\n",
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("applied 1 fix(es)"),
        "{}",
        stderr_of(&out)
    );
    let out = run(p, &["test", "pk"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );
}

/// Item 2: fixes that make the text grow forever (本文 → 資料の原稿 → 資料の本文と資料 → …)
/// are not written; the error names the rule.
#[test]
fn a_growing_fix_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    pack(
        p,
        &[(
            "grow",
            "kind: substitution\nmessage: x\nswap:\n  本文: 資料の原稿\n  原稿: 本文と資料\n",
        )],
    );
    let original = "題\n\n本文を読む。\n".repeat(200);
    fs::write(p.join("a.txt"), &original).unwrap();
    let out = run(p, &["check", "--fix", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pk/grow"), "names the rule: {err}");
    assert!(err.contains("applied 0 fix(es)"), "{err}");
    assert_eq!(fs::read_to_string(p.join("a.txt")).unwrap(), original);
}

/// Item 2: two rules undoing each other never settle: the fix is held back and left for the
/// editor (both rules named), nothing is written, and "applied N fix(es)" is not claimed for
/// a file that ends unchanged.
#[test]
fn rules_undoing_each_other_are_reported_not_applied() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    pack(
        p,
        &[
            (
                "there",
                "kind: substitution\nmessage: x\nswap:\n  甲案: 乙案\n",
            ),
            (
                "back",
                "kind: substitution\nmessage: x\nswap:\n  乙案: 甲案\n",
            ),
        ],
    );
    let original = "題\n\n甲案を採る。\n";
    fs::write(p.join("a.txt"), original).unwrap();
    let out = run(p, &["check", "--fix", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("pk/there") && err.contains("pk/back"), "{err}");
    assert!(err.contains("applied 0 fix(es)"), "{err}");
    assert!(
        err.contains("元に戻す") || err.contains("change it back"),
        "{err}"
    );
    assert_eq!(fs::read_to_string(p.join("a.txt")).unwrap(), original);
}

/// Item 2: `seigo test` fixes a `fixed:` example the way `--fix` does, to a fixed point, and
/// reports a fix that does not converge.
#[test]
fn seigo_test_reports_a_fix_that_does_not_converge() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    pack(
        p,
        &[(
            "grow",
            "kind: substitution\nmessage: x\nswap:\n  本文: 資料の原稿\n  原稿: 本文と資料\nexamples:\n  bad:\n    - text: 本文を読む。\n      fixed: 資料の原稿を読む。\n",
        )],
    );
    let out = run(p, &["test", "pk"]);
    let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(all.contains("converge"), "{all}");
}

// ---- 3. URLs are not text -----------------------------------------------------------------

/// Item 3: link destinations (even at the end of a block), autolinks, bare URLs and
/// link-reference titles are never checked, and `--fix` never rewrites them.
#[test]
fn urls_and_reference_titles_are_not_article_text() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "# トランプ氏の帰り先に備える\n\nトランプ氏の帰り先に備える。\n\n[記事](https://example.com/トランプ氏の帰り先に備える)\n\n<https://example.com/帰り先>\n\n詳しくは https://example.com/帰り先/ を参照。\n\n[ref]: https://example.com/x \"トランプ氏の帰り先\"\n";
    fs::write(p.join("u.md"), text).unwrap();
    let out = run(p, &["check", "--no-config", "--format", "json", "u.md"]);
    let garbles: Vec<Value> = json_findings(&out)
        .into_iter()
        .filter(|f| f["rule"] == "ja-news/kaerisaki")
        .collect();
    let lines: Vec<u64> = garbles
        .iter()
        .map(|f| f["span"]["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![1, 3], "only the headline and the paragraph");
    run(p, &["check", "--no-config", "--fix", "u.md"]);
    let fixed = fs::read_to_string(p.join("u.md")).unwrap();
    for url in [
        "https://example.com/トランプ氏の帰り先に備える",
        "<https://example.com/帰り先>",
        "https://example.com/帰り先/",
        "\"トランプ氏の帰り先\"",
    ] {
        assert!(fixed.contains(url), "{url} was rewritten: {fixed}");
    }
    assert!(fixed.contains("トランプ氏の返り咲きに備える。"));
}

// ---- 5. malformed user dictionaries ------------------------------------------------------

/// Item 5: every malformed user dictionary is exit 2 with the file, the line and what is
/// wrong; none panics or overflows the stack.
#[test]
fn malformed_user_dictionaries_are_located_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let long = format!("{},名詞,ア\n", "あ".repeat(30_000));
    let cases: Vec<(&str, String, &str)> = vec![
        ("empty.csv", String::new(), "empty.csv"),
        ("one.csv", "帰り先\n".into(), "one.csv:1"),
        ("two.csv", "帰り先,名詞\n".into(), "two.csv:1"),
        ("quote.csv", "新語,名詞,シンゴ\n\"abc,名詞,エー\n".into(), "quote.csv:2"),
        ("nul.csv", "帰\0り,名詞,カエリ\n".into(), "nul.csv:1"),
        ("long.csv", long, "long.csv:1"),
        (
            "ids.csv",
            "新語,名詞,シンゴ\n帰り先,1316,1316,100,名詞,一般,*,*,*,*,帰り先,カエリサキ,カエリサキ\n".into(),
            "ids.csv:2",
        ),
        (
            "cost.csv",
            "帰り先,1,1,cheap,名詞,一般,*,*,*,*,帰り先,カエリサキ,カエリサキ\n".into(),
            "cost.csv:1",
        ),
        ("blank.csv", "  ,名詞,ア\n".into(), "blank.csv:1"),
    ];
    for (name, text, located) in cases {
        fs::write(p.join(name), text).unwrap();
        let out = seigo_in(p)
            .args(["check", "--no-config", "--user-dict", name, "-"])
            .write_stdin("トランプ氏の帰り先に備える。\n")
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {err}");
        assert!(
            err.contains(located),
            "{name}: expected `{located}` in {err}"
        );
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
}

// ---- 6. masking keeps characters whole -----------------------------------------------------

/// Item 6: masked code spans and comments never produce findings, and no span cuts a
/// character, even for a user regex that matches whitespace.
#[test]
fn masked_text_never_produces_findings() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    pack(
        p,
        &[(
            "spaces",
            "kind: existence\nmessage: 空白\nregex: ['\\s\\s']\nsubstring: true\n",
        )],
    );
    let long = "長い行".repeat(60);
    fs::write(
        p.join("m.md"),
        format!("# 題\n\n設定は `設定` で行います。<!-- 注記 -->{long}\n\n途中に\u{feff}BOM。\n"),
    )
    .unwrap();
    let out = run(p, &["check", "--format", "json", "m.md"]);
    let findings = json_findings(&out);
    assert!(findings.is_empty(), "{findings:#?}");
    let out = run(p, &["check", "m.md"]);
    assert_ne!(out.status.code(), Some(101), "{}", stderr_of(&out));
}

// ---- 7. output errors ----------------------------------------------------------------------

fn seed_copy(dir: &Path) {
    fs::copy(
        crate::root().join("fixtures/seed-article.txt"),
        dir.join("seed.txt"),
    )
    .unwrap();
}

/// Runs seigo with its stdout read by nobody (the reader closed at once).
fn with_closed_stdout(dir: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("seigo"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

/// Item 7: a closed pipe ends quietly with the exit code the findings call for.
#[test]
fn a_closed_pipe_ends_quietly_with_the_right_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    seed_copy(p);
    for args in [
        &["check", "--no-config", "seed.txt"][..],
        &["check", "--no-config", "--diff", "seed.txt"],
        &["check", "--no-config", "--format", "json", "seed.txt"],
    ] {
        let out = with_closed_stdout(p, args);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let out = with_closed_stdout(p, &["test"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
}

/// Item 7: a full disk is exit 2 with a message, never a panic.
#[test]
fn a_full_disk_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    seed_copy(p);
    for args in [
        &["check", "--no-config", "--diff", "seed.txt"][..],
        &["check", "--no-config", "--format", "sarif", "seed.txt"],
        &["test"],
        &["rules"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(assert_cmd::cargo::cargo_bin("seigo"))
            .current_dir(p)
            .args(args)
            .stdout(full)
            .stderr(Stdio::piped())
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("error"), "{args:?}: {err}");
    }
}

// ---- 11. UTF-16 offsets -------------------------------------------------------------------

/// Item 11: JSON and SARIF byte offsets of a UTF-16 file are offsets into the file as stored.
#[test]
fn utf16_offsets_are_offsets_into_the_stored_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "題名\n\nトランプ氏の帰り先に備える。\n";
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    fs::write(p.join("u16.txt"), &bytes).unwrap();
    let out = run(p, &["check", "--no-config", "--format", "json", "u16.txt"]);
    let f = json_findings(&out)
        .into_iter()
        .find(|f| f["rule"] == "ja-news/kaerisaki")
        .expect("the garble is found");
    let before = &text[..text.find("帰り先").unwrap()];
    let start = 2 + 2 * before.encode_utf16().count();
    assert_eq!(f["span"]["start"].as_u64(), Some(start as u64));
    assert_eq!(f["span"]["end"].as_u64(), Some(start as u64 + 6));
    let out = run(p, &["check", "--no-config", "--format", "sarif", "u16.txt"]);
    let sarif: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    let offsets: Vec<u64> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["ruleId"] == "ja-news/kaerisaki")
        .map(|r| {
            r["locations"][0]["physicalLocation"]["region"]["byteOffset"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert_eq!(offsets, vec![start as u64]);
}

// ---- 12. ignore globs are relative to their config -------------------------------------

/// Item 12: `ignore` globs are relative to the directory of the config that declares them,
/// whatever the working directory.
#[test]
fn ignore_globs_are_relative_to_their_config() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("articles/drafts")).unwrap();
    fs::write(p.join("articles/seigo.yaml"), "ignore: [\"drafts/**\"]\n").unwrap();
    fs::write(p.join("articles/a.txt"), "題\n\n本文。\n").unwrap();
    fs::write(p.join("articles/drafts/d.txt"), "題\n\n本文。\n").unwrap();
    for (cwd, arg) in [(p.to_path_buf(), "articles"), (p.join("articles"), ".")] {
        let out = run(&cwd, &["check", "--format", "json", arg]);
        let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
        let paths: Vec<&str> = json["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["path"].as_str().unwrap())
            .collect();
        assert!(
            paths.iter().all(|x| !x.contains("drafts")),
            "from {cwd:?}: {paths:?}"
        );
        assert_eq!(paths.len(), 1, "from {cwd:?}: {paths:?}");
    }

    // An anchored glob names a file beside the config, not one in a subdirectory.
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("news")).unwrap();
    fs::write(p.join("seigo.yaml"), "ignore: [\"/b.txt\"]\n").unwrap();
    fs::write(p.join("b.txt"), "題\n\n本文。\n").unwrap();
    fs::write(p.join("news/b.txt"), "題\n\nトランプ氏の帰り先に備える。\n").unwrap();
    let out = run(&p.join("news"), &["check", "--format", "json", "."]);
    assert_eq!(out.status.code(), Some(1), "news/b.txt is checked");
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
}

// ---- 13. directives inside code are text ------------------------------------------------

/// Item 13: a `seigo-disable` shown inside inline code or a fenced code block is an example,
/// not a directive.
#[test]
fn directives_inside_code_are_not_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "# 使い方\n\n無効にするには `<!-- seigo-disable -->` と書きます。\n\n```markdown\n<!-- seigo-disable ja-news/kaerisaki -->\n```\n\nトランプ氏の帰り先に備える。\n";
    fs::write(p.join("c.md"), text).unwrap();
    let out = run(p, &["check", "--no-config", "--format", "json", "c.md"]);
    let rules = rules_of(&json_findings(&out));
    assert!(
        rules.contains(&"ja-news/kaerisaki".to_string()),
        "{rules:?}"
    );
}

// ---- 14. XML stays well-formed -------------------------------------------------------------

/// Item 14: checkstyle and JUnit output parse as XML whatever the file name or text holds.
#[test]
fn xml_outputs_are_well_formed_with_illegal_characters() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let name = "odd\u{FFFF}\u{1}name.txt";
    fs::write(
        p.join(name),
        "題\u{FFFE}\n\nトランプ氏の帰り先\u{FFFF}\u{1b}に備える。\n",
    )
    .unwrap();
    for format in ["checkstyle", "junit"] {
        let out = run(p, &["check", "--no-config", "--format", format, name]);
        let xml = stdout_of(&out);
        roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{format}: {e}\n{xml}"));
        assert!(xml.contains("ja-news/kaerisaki"), "{xml}");
    }
}

// ---- 15. control characters are escaped ----------------------------------------------------

/// Item 15: terminal escapes in article text, and newlines in file names, never reach the
/// terminal raw.
#[test]
fn control_characters_are_escaped_in_everything_printed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let name = "evil\n::warning file=x::pwned.txt";
    fs::write(
        p.join(name),
        "題\n\n\u{1b}[2J\u{1b}]0;title\u{7}トランプ氏の帰り先に備える。\n",
    )
    .unwrap();
    for format in ["human", "concise", "github"] {
        let out = run(
            p,
            &[
                "check",
                "--no-config",
                "--color",
                "never",
                "--format",
                format,
                name,
            ],
        );
        let all = format!("{}{}", stdout_of(&out), stderr_of(&out));
        assert!(all.contains("kaerisaki"), "{format}: {all}");
        assert!(!all.contains('\u{1b}'), "{format}: raw escape in {all:?}");
        assert!(!all.contains('\u{7}'), "{format}: raw bell in {all:?}");
        let injected = all
            .lines()
            .filter(|l| l.starts_with("::warning file=x"))
            .count();
        assert_eq!(injected, 0, "{format}: {all}");
    }
}

// ---- 16. duplicates -------------------------------------------------------------------------

/// Item 16: a pack listed twice, or one file named twice, is checked once.
#[test]
fn duplicate_packs_and_paths_are_checked_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("a.txt"), "題\n\nトランプ氏の帰り先に備える。\n").unwrap();
    let once = json_findings(&run(
        p,
        &["check", "--no-config", "--format", "json", "a.txt"],
    ));
    fs::write(p.join("seigo.yaml"), "packs: [ja-news, ja-news]\n").unwrap();
    let twice_pack = json_findings(&run(p, &["check", "--format", "json", "a.txt"]));
    assert_eq!(twice_pack.len(), once.len());
    fs::remove_file(p.join("seigo.yaml")).unwrap();
    let out = run(
        p,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "a.txt",
            "./a.txt",
        ],
    );
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    assert_eq!(json["files"].as_array().unwrap().len(), 1);
    assert_eq!(json_findings(&out).len(), once.len());
}

// ---- 17. rule files and configs have limits ---------------------------------------------

/// Item 17: an oversized rule file or config is refused with a message; a FIFO where a rule
/// file is expected is reported, not skipped silently.
#[test]
fn oversized_and_special_rule_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir_all(p.join("pk")).unwrap();
    let big = fs::File::create(p.join("pk/huge.yaml")).unwrap();
    big.set_len(1 << 30).unwrap();
    fs::write(p.join("seigo.yaml"), "packs: [pk]\n").unwrap();
    fs::write(p.join("a.txt"), "題\n\n本文。\n").unwrap();
    let out = run(p, &["check", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("huge.yaml") && err.contains("too large"),
        "{err}"
    );
    fs::remove_file(p.join("pk/huge.yaml")).unwrap();

    let status = Command::new("mkfifo")
        .arg(p.join("pk/pipe.yaml"))
        .status()
        .unwrap();
    assert!(status.success());
    let out = run(p, &["check", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("pipe.yaml"), "{err}");
    fs::remove_file(p.join("pk/pipe.yaml")).unwrap();

    let big = fs::File::create(p.join("seigo.yaml")).unwrap();
    big.set_len(1 << 30).unwrap();
    let out = run(p, &["check", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("seigo.yaml") && err.contains("too large"),
        "{err}"
    );
}

// ---- 4. writes that other names or owners see ---------------------------------------------

/// Item 4: a file with several hard links is not silently split from its other names: `--fix`
/// refuses it unless `--allow-hardlinks`, which rewrites it in place so every name sees it.
#[test]
fn hard_linked_files_are_refused_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let text = "題\n\nトランプ氏の帰り先に備える。\n";
    fs::write(p.join("a.txt"), text).unwrap();
    fs::hard_link(p.join("a.txt"), p.join("b.txt")).unwrap();
    let out = run(p, &["check", "--no-config", "--fix", "a.txt"]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("hard link"), "{err}");
    assert_eq!(fs::read_to_string(p.join("b.txt")).unwrap(), text);
    let out = run(
        p,
        &[
            "check",
            "--no-config",
            "--fix",
            "--allow-hardlinks",
            "a.txt",
        ],
    );
    assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
    for name in ["a.txt", "b.txt"] {
        assert!(
            fs::read_to_string(p.join(name))
                .unwrap()
                .contains("返り咲き"),
            "{name}"
        );
    }
}

/// Item 4: the fixed file keeps its owner and group (as root, a rename would make them
/// root's).
#[test]
fn fix_keeps_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::write(p.join("a.txt"), "題\n\nトランプ氏の帰り先に備える。\n").unwrap();
    // As root, hand the file to nobody; otherwise it stays ours (chown is refused).
    let _ = std::os::unix::fs::chown(p.join("a.txt"), Some(65534), Some(65534));
    let before = fs::metadata(p.join("a.txt")).unwrap();
    let out = run(p, &["check", "--no-config", "--fix", "a.txt"]);
    assert_ne!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let after = fs::metadata(p.join("a.txt")).unwrap();
    assert!(
        fs::read_to_string(p.join("a.txt"))
            .unwrap()
            .contains("返り咲き")
    );
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
}
