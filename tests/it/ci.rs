//! Issue 16: seigo as a required check. Configuration per file whatever the working directory,
//! files named by hooks, rule selection, the pre-commit hooks with the real tool, the GitHub
//! Action's run step, SARIF for code scanning, completions and man page, rule authors' YAML
//! mistakes, and seigo's own words in Japanese.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{seigo, seigo_in, stderr_of, stdout_of};

const GARBLED: &str = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。支援兵士を主張する。\n";

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// (file, rule, severity) of every finding of a JSON run, files by canonical path.
fn findings(dir: &Path, args: &[&str]) -> (Option<i32>, Vec<(PathBuf, String, String)>) {
    let out = seigo_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let json: Value = serde_json::from_str(&stdout_of(&out))
        .unwrap_or_else(|e| panic!("{e}: {}", stderr_of(&out)));
    let mut found = Vec::new();
    for f in json["files"].as_array().unwrap() {
        let path = fs::canonicalize(dir.join(f["path"].as_str().unwrap())).unwrap();
        for x in f["findings"].as_array().unwrap() {
            found.push((
                path.clone(),
                x["rule"].as_str().unwrap().to_string(),
                x["severity"].as_str().unwrap().to_string(),
            ));
        }
    }
    found.sort();
    (out.status.code(), found)
}

/// A content repository: a root config, a nested one that stands alone, one that extends the
/// root and has an override.
fn content_repo(root: &Path) {
    for f in ["a.md", "opinion/b.md", "news/c.md", "news/deep/d.md"] {
        write(&root.join(f), GARBLED);
    }
    write(
        &root.join("seigo.yaml"),
        "disable: [ja-news/shien-teishi]\n",
    );
    write(
        &root.join("opinion/seigo.yaml"),
        "disable: [ja-news/kaerisaki]\n",
    );
    write(
        &root.join("news/seigo.yaml"),
        "extends: ../seigo.yaml\noverrides:\n  - files: [\"deep/**\"]\n    severity:\n      ja-news/kaerisaki: info\n",
    );
}

#[test]
fn nested_configs_give_the_same_results_from_any_directory_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    content_repo(root);
    let (code, from_root) = findings(root, &["."]);
    assert_eq!(code, Some(1));
    let mut rules: Vec<(&str, &str)> = from_root
        .iter()
        .map(|(p, r, _)| (p.file_name().unwrap().to_str().unwrap(), r.as_str()))
        .collect();
    rules.sort();
    assert_eq!(
        rules,
        [
            ("a.md", "ja-news/kaerisaki"),
            ("b.md", "ja-news/shien-teishi"),
            ("c.md", "ja-news/kaerisaki"),
            ("d.md", "ja-news/kaerisaki"),
        ]
    );
    let d = from_root
        .iter()
        .find(|(p, _, _)| p.ends_with("news/deep/d.md"));
    assert_eq!(d.unwrap().2, "info", "the override of news/seigo.yaml");
    let runs = [
        findings(root, &["opinion", "news/deep/d.md", "a.md", "news/c.md"]),
        findings(root, &["news/c.md", "a.md", "news/deep/d.md", "opinion"]),
        findings(
            &root.join("news"),
            &["../a.md", "deep", "../opinion", "c.md"],
        ),
        findings(&root.join("opinion/"), &[".", "../news", "../a.md"]),
    ];
    for (i, (_, found)) in runs.iter().enumerate() {
        assert_eq!(found, &from_root, "run {i}");
    }
}

#[test]
fn hooks_name_files_force_exclude_and_unknown_extensions() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("seigo.yaml"), "ignore: [\"drafts/**\"]\n");
    write(&root.join("drafts/d.md"), GARBLED);
    write(
        &root.join("rules/mine/x.yaml"),
        "kind: existence\nmessage: x\nterms: [帰り先]\n",
    );
    write(&root.join("a.md"), "# 本文\n\n本文です。\n");
    let named = ["drafts/d.md", "rules/mine/x.yaml", "a.md"];
    let out = seigo_in(root).args(["check"]).args(named).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "without --force-exclude the draft is checked"
    );
    let out = seigo_in(root)
        .args(["check", "--force-exclude"])
        .args(named)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(
        err.contains(
            "note: rules/mine/x.yaml: not checked: `.yaml` is not an extension seigo checks here"
        ),
        "{err}"
    );
    assert!(
        stdout_of(&out).contains("checked 1 file"),
        "{}",
        stdout_of(&out)
    );
}

#[test]
fn test_without_arguments_tests_the_packs_of_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("seigo.yaml"), "packs: [ja-news, mine]\n");
    write(
        &root.join("mine/garble.yaml"),
        "kind: substitution\nmessage: x\nswap:\n  帰り先: 返り咲き\nexamples:\n  bad: [氏の帰り先に]\n  good: [氏の帰り先が]\n",
    );
    let out = seigo_in(root).arg("test").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stdout_of(&out));
    assert!(
        stderr_of(&out).contains("mine/garble.yaml:7:10"),
        "{}",
        stderr_of(&out)
    );
    let out = seigo_in(root)
        .args(["test", "--no-config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "the built-in packs only");
}

/// `options:` extends a built-in rule's lists without copying it (a synonym group of
/// unsupported-headline, a title for election-conflict), per directory through `overrides`,
/// and `seigo test` runs the rule's examples with them; mistakes are located in the config.
#[test]
fn config_options_extend_a_builtin_rule_without_copying_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    // 金融引き締め supports 利上げ only with the synonym (without it, both words of the title
    // are missing: reported); 顧問 is a title only when added.
    write(
        &root.join("a.md"),
        "# 利上げを発表\n\n日本銀行は追加の金融引き締めを決めた。\n",
    );
    write(
        &root.join("b.md"),
        "# 森川顧問の再選\n\n森川健二顧問の再選が決まった。森川顧問が初当選した。\n",
    );
    write(
        &root.join("opinion/b.md"),
        &fs::read_to_string(root.join("b.md")).unwrap(),
    );
    let rules = |found: &[(PathBuf, String, String)]| -> Vec<(String, String)> {
        found
            .iter()
            .map(|(path, rule, _)| {
                let name = path.strip_prefix(fs::canonicalize(root).unwrap()).unwrap();
                (name.display().to_string(), rule.clone())
            })
            .collect()
    };
    let (code, found) = findings(
        root,
        &[
            "--no-config",
            "--select",
            "ja-news/unsupported-headline,ja-news/election-conflict",
        ],
    );
    // Both words of the title reworded: a note (`weak_severity: info`), listed but not failing.
    assert_eq!(code, Some(0));
    assert_eq!(
        rules(&found),
        [(
            "a.md".to_string(),
            "ja-news/unsupported-headline".to_string()
        )]
    );
    write(
        &root.join("seigo.yaml"),
        "options:\n  ja-news/unsupported-headline:\n    synonyms:\n      - [利上げ, 金融引き締め]\noverrides:\n  - files: [\"opinion/**\"]\n    options:\n      ja-news/election-conflict:\n        lexicons:\n          titles: {add: [顧問]}\n",
    );
    let (code, found) = findings(
        root,
        &[
            "--select",
            "ja-news/unsupported-headline,ja-news/election-conflict",
        ],
    );
    assert_eq!(code, Some(1));
    assert_eq!(
        rules(&found),
        [(
            "opinion/b.md".to_string(),
            "ja-news/election-conflict".to_string()
        )],
        "the synonym supports the headline everywhere; 顧問 is a title under opinion/ only"
    );
    let out = seigo_in(root).arg("test").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    // A synonym that supports a bad example's claim makes the rule's own test fail.
    write(
        &root.join("seigo.yaml"),
        "options:\n  ja-news/unsupported-headline:\n    synonyms:\n      - ['1%', '0.75%']\n",
    );
    let out = seigo_in(root).arg("test").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("ja-news/unsupported-headline: bad example produced no finding"),
        "{}",
        stderr_of(&out)
    );
    // Keys the kind does not take, and values the rule refuses, are errors at the config line.
    write(
        &root.join("seigo.yaml"),
        "options:\n  ja-news/unsupported-headline:\n    synonym: [[利上げ, 金融引き締め]]\n    severity: info\n  ja-news/election-conflict:\n    lexicons:\n      title: {add: [顧問]}\n",
    );
    let out = seigo_in(root).args(["check", "a.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr_of(&out);
    for expected in [
        "error: `synonym` is not an option of `ja-news/unsupported-headline` (kind `headline-support`)",
        "seigo.yaml:3:5",
        "did you mean `synonyms`?",
        "error: `severity` is not an option of `ja-news/unsupported-headline`",
        "seigo.yaml:4:5",
        "the config's `severity:` key",
        "error: the options for `ja-news/election-conflict` do not apply: unknown lexicon `title`",
        "seigo.yaml:5:3",
        "did you mean `titles`?",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    write(
        &root.join("seigo.yaml"),
        "options:\n  ja-news/unsupported-headlin:\n    synonyms: [[利上げ, 金融引き締め]]\n",
    );
    let out = seigo_in(root).args(["check", "a.md"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("unknown rule `ja-news/unsupported-headlin` in `options`"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn select_ignore_and_statistics() {
    let seed = "fixtures/seed-article.txt";
    let ids = |args: &[&str]| {
        let (_, found) = findings(&crate::root(), &[&["--no-config"], args, &[seed]].concat());
        let mut rules: Vec<String> = found.into_iter().map(|(_, r, _)| r).collect();
        rules.dedup();
        rules
    };
    assert_eq!(
        ids(&["--select", "ja-news/kaerisaki,ja-news/shien-teishi"]),
        ["ja-news/kaerisaki", "ja-news/shien-teishi"]
    );
    let all = ids(&[]);
    let ignored = ids(&["--ignore", "ja-news/kaerisaki"]);
    assert!(all.contains(&"ja-news/kaerisaki".to_string()));
    assert!(!ignored.contains(&"ja-news/kaerisaki".to_string()));
    assert_eq!(ignored.len(), all.len() - 1);
    let out = seigo()
        .args(["check", "--no-config", "--select", "ja-news/kaerisak", seed])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("did you mean `ja-news/kaerisaki`?"),
        "{}",
        stderr_of(&out)
    );
    let out = seigo()
        .args(["check", "--no-config", "--statistics", seed])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = stdout_of(&out);
    assert!(text.contains("     2  ja-news/kaerisaki"), "{text}");
    assert!(
        text.lines().last().unwrap().starts_with("checked 1 file"),
        "{text}"
    );
}

fn sarif_of(dir: &Path, path: &str) -> Value {
    let out = seigo_in(dir)
        .args(["check", "--no-config", "--format", "sarif", path])
        .output()
        .unwrap();
    serde_json::from_str(&stdout_of(&out)).unwrap()
}

#[test]
fn sarif_has_what_code_scanning_shows() {
    let sarif = sarif_of(&crate::root(), "fixtures/seed-article.txt");
    let validator = crate::formats::sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let kaerisaki = rules
        .iter()
        .find(|r| r["id"] == "ja-news/kaerisaki")
        .unwrap();
    let short = kaerisaki["shortDescription"]["text"].as_str().unwrap();
    assert!(!short.contains('\n') && !short.is_empty());
    let full = kaerisaki["fullDescription"]["text"].as_str().unwrap();
    assert!(full.starts_with(short), "{full}");
    let help = kaerisaki["help"]["markdown"].as_str().unwrap();
    assert!(help.contains("《帰り先》"), "the examples: {help}");
    assert_eq!(kaerisaki["help"]["text"], kaerisaki["help"]["markdown"]);
    let uri = kaerisaki["helpUri"].as_str().unwrap();
    assert!(uri.ends_with("/docs/rules/ja-news.md#kaerisaki"), "{uri}");
    let reference = fs::read_to_string(crate::root().join("docs/rules/ja-news.md")).unwrap();
    assert!(reference.contains("\n## kaerisaki\n"));
    let results = run["results"].as_array().unwrap();
    for r in results {
        let artifact = &r["locations"][0]["physicalLocation"]["artifactLocation"];
        assert_eq!(artifact["uriBaseId"], "%SRCROOT%");
        assert_eq!(artifact["uri"], "fixtures/seed-article.txt");
        assert!(r["partialFingerprints"]["seigoFindingHash/v1"].is_string());
        if let Some(related) = r["relatedLocations"].as_array() {
            let text = r["message"]["text"].as_str().unwrap();
            for rel in related {
                assert!(text.contains(&format!("]({})", rel["id"])), "{text}");
            }
        }
    }
    let conflict = results
        .iter()
        .find(|r| r["ruleId"] == "ja-news/title-conflict")
        .unwrap();
    assert!(
        conflict["message"]["text"]
            .as_str()
            .unwrap()
            .ends_with("[ここでは「トランプ大統領」](1)"),
        "{}",
        conflict["message"]
    );
    let fixed = results
        .iter()
        .find(|r| r["ruleId"] == "ja-news/kaerisaki")
        .unwrap();
    assert_eq!(fixed["fixes"][0]["properties"]["applicability"], "safe");
}

#[test]
fn sarif_fingerprints_survive_edits_elsewhere() {
    let dir = tempfile::tempdir().unwrap();
    let text = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";
    write(&dir.path().join("a.txt"), text);
    let before = sarif_of(dir.path(), "a.txt");
    write(
        &dir.path().join("a.txt"),
        &text.replace("\n\n", "\n\n追加の段落です。\n\n"),
    );
    let after = sarif_of(dir.path(), "a.txt");
    let print = |s: &Value| s["runs"][0]["results"][0]["partialFingerprints"].clone();
    let line = |s: &Value| {
        s["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"]
            .clone()
    };
    assert_ne!(line(&before), line(&after));
    assert_eq!(print(&before), print(&after));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish"] {
        let out = seigo().args(["completions", shell]).output().unwrap();
        assert!(out.status.success());
        let script = stdout_of(&out);
        assert!(
            script.contains("force-exclude") && script.contains("unsafe-fixes"),
            "{shell}"
        );
    }
    let out = seigo().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = stdout_of(&out);
    assert!(
        page.starts_with(".ie") || page.contains(".TH seigo"),
        "{page}"
    );
    assert!(page.contains("check"));
}

/// Writes `rule` as `pack/rule.yaml`, runs `seigo test pack` in `lang`, returns stderr.
fn teach(rule: &str, lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("pack/rule.yaml"), rule);
    let out = seigo_in(dir.path())
        .args(["test", "--lang", lang, "pack"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    crate::redact(&stderr_of(&out), dir.path())
}

#[test]
fn yaml_mistakes_are_taught_at_their_line_in_english_and_japanese() {
    let cases = [
        (
            "kind: existence\nmessage: x\nterms:\n\t- 帰り先\n",
            "pack/rule.yaml:4:1",
            "indented with a tab",
            "タブで字下げ",
        ),
        (
            "kind: existence\nmessage：「{match}」は誤り\nterms: [帰り先]\n",
            "pack/rule.yaml:2:8",
            "full-width colon 「：」 after `message`",
            "全角の「：」",
        ),
        (
            "kind：existence\nmessage: x\n",
            "pack/rule.yaml:1:5",
            "after `kind`",
            "`kind` の後",
        ),
        (
            "kind: existence\nmessage: x\n\u{3000}\u{3000}terms: [帰り先]\n",
            "pack/rule.yaml:3:1",
            "full-width space (U+3000)",
            "全角スペース",
        ),
        (
            "kind: existence\nmessage: {match}は誤り\nterms: [帰り先]\n",
            "pack/rule.yaml:2:10",
            "must be quoted",
            "引用符で囲んで",
        ),
        (
            "kind: existence\nmessage: \"「{match}」は誤り\nterms: [帰り先]\nexamples:\n  bad: [帰り先]\n",
            "pack/rule.yaml:2:10",
            "this quote is never closed",
            "引用符が閉じられていません",
        ),
    ];
    for (rule, at, en, ja) in cases {
        let english = teach(rule, "en");
        assert!(
            english.contains(at) && english.contains(en),
            "{rule:?}:\n{english}"
        );
        let japanese = teach(rule, "ja");
        assert!(
            japanese.contains(at) && japanese.contains(ja),
            "{rule:?}:\n{japanese}"
        );
    }
    insta::assert_snapshot!("yaml_mistake_ja", teach(cases[1].0, "ja"));
    let typo = teach("kind: existence\nmessage: x\ntemrs: [帰り先]\n", "ja");
    assert!(
        typo.contains("`existence` のルールに未知のキー `temrs` があります")
            && typo.contains("`terms` の誤りではありませんか？"),
        "{typo}"
    );
}

#[test]
fn explain_yaml_prints_the_rule_and_init_from_copies_it() {
    let out = seigo()
        .args(["explain", "--yaml", "--no-config", "ja-news/kaerisaki"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let yaml = fs::read_to_string(crate::root().join("rules/ja-news/kaerisaki.yaml")).unwrap();
    assert_eq!(stdout_of(&out), yaml);
    let out = seigo()
        .args(["explain", "--no-config", "ja-news/kaerisaki"])
        .output()
        .unwrap();
    assert!(
        stdout_of(&out).contains("`seigo init --from ja-news/kaerisaki` copies it")
            && stdout_of(&out).contains("`options: {ja-news/kaerisaki: ...}` in seigo.yaml"),
        "{}",
        stdout_of(&out)
    );
    let dir = tempfile::tempdir().unwrap();
    let out = seigo_in(dir.path())
        .args(["init", "--from", "ja-news/kaerisaki"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("created rules/local/kaerisaki.yaml"));
    write(
        &dir.path().join("a.txt"),
        "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n",
    );
    let (_, found) = findings(dir.path(), &["a.txt"]);
    let rules: Vec<&str> = found.iter().map(|(_, r, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        ["local/kaerisaki"],
        "the copy replaces the built-in: reported once"
    );
}

#[test]
fn a_misspelt_rule_in_a_suppression_is_reported_once_with_did_you_mean() {
    let text = "# 本文\n\n<!-- seigo-disable ja-news/kaerisak -->\n本文です。\n<!-- seigo-enable ja-news/kaerisak -->\n";
    let out = seigo()
        .args([
            "check",
            "--no-config",
            "--report-unused-disables",
            "--format",
            "concise",
            "--stdin-filename",
            "a.md",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    let lines: Vec<String> = stdout_of(&out)
        .lines()
        .filter(|l| l.contains("seigo/suppression"))
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "a.md:3:20: warning seigo/suppression unknown rule `ja-news/kaerisak` in seigo suppression (did you mean `ja-news/kaerisaki`?)"
        ]
    );
}

#[test]
fn seigo_speaks_japanese_when_asked_or_when_the_locale_is_japanese() {
    let seed = "fixtures/seed-article.txt";
    let out = seigo()
        .args(["check", "--no-config", "--quiet", "--lang", "ja", seed])
        .output()
        .unwrap();
    let japanese = stdout_of(&out);
    assert!(
        japanese.contains("= 修正案: 「帰り先」→「返り咲き」"),
        "{japanese}"
    );
    insta::assert_snapshot!("seed_human_ja", japanese);
    let by_locale = seigo()
        .env("LANG", "ja_JP.UTF-8")
        .args(["check", "--no-config", seed])
        .output()
        .unwrap();
    let text = stdout_of(&by_locale);
    assert!(
        text.lines()
            .last()
            .unwrap()
            .starts_with("1 ファイルを検査: エラー 12 件"),
        "{text}"
    );
    let english = seigo()
        .env("LANG", "ja_JP.UTF-8")
        .args(["check", "--no-config", "--lang", "en", seed])
        .output()
        .unwrap();
    assert!(stdout_of(&english).contains("checked 1 file: 12 errors"));
}

/// The seigo binary's directory, for hooks and scripts that call `seigo` from PATH.
fn bin_dir() -> PathBuf {
    Path::new(env!("CARGO_BIN_EXE_seigo"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn path_with_seigo() -> std::ffi::OsString {
    let mut paths = vec![bin_dir()];
    paths.extend(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    ));
    std::env::join_paths(paths).unwrap()
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.email=ci@example.invalid", "-c", "user.name=ci"])
        .args(args)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// `.pre-commit-hooks.yaml` as written, with the real pre-commit (from PyPI; `.ci/run`
/// installs it): the `seigo-system` hook (the `rust` one builds seigo, which only differs in
/// how the binary gets on PATH), in a fresh git repository, offline.
#[test]
fn pre_commit_hooks_block_findings_and_skip_ignored_drafts() {
    let found = std::process::Command::new("pre-commit")
        .arg("--version")
        .output();
    if found.is_err() {
        assert!(
            std::env::var_os("CI").is_none(),
            "pre-commit is not installed: `pip install pre-commit` (.ci/run does)"
        );
        eprintln!("pre-commit is not installed (pip install pre-commit): hook test not run");
        return;
    }
    let hooks: serde_yaml::Value = serde_yaml::from_str(
        &fs::read_to_string(crate::root().join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let ids: Vec<&str> = hooks
        .as_sequence()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["seigo", "seigo-system"]);
    for h in hooks.as_sequence().unwrap() {
        assert!(h["entry"].as_str().unwrap().contains("--force-exclude"));
    }
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("content");
    fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    write(&repo.join("seigo.yaml"), "ignore: [\"drafts/**\"]\n");
    write(&repo.join("a.md"), "# 本文\n\n本文です。\n");
    write(&repo.join("drafts/d.md"), GARBLED);
    write(&repo.join("notes.yaml"), "x: 帰り先\n");
    git(&repo, &["add", "."]);
    let run = |repo: &Path| {
        std::process::Command::new("pre-commit")
            .current_dir(repo)
            .env("PATH", path_with_seigo())
            .env("PRE_COMMIT_HOME", dir.path().join("cache"))
            .env("NO_COLOR", "1")
            .env("LANG", "C.UTF-8")
            .args([
                "try-repo",
                crate::root().to_str().unwrap(),
                "seigo-system",
                "--all-files",
                "--color",
                "never",
            ])
            .output()
            .unwrap()
    };
    let out = run(&repo);
    let shown = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert_eq!(
        out.status.code(),
        Some(0),
        "the ignored draft does not block:\n{shown}"
    );
    assert!(
        shown.contains("seigo (installed)") && shown.contains("Passed"),
        "{shown}"
    );
    write(&repo.join("b.md"), GARBLED);
    git(&repo, &["add", "b.md"]);
    let out = run(&repo);
    let shown = format!("{}{}", stdout_of(&out), stderr_of(&out));
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(
        shown.contains("Failed") && shown.contains("ja-news/kaerisaki"),
        "{shown}"
    );
    assert!(!shown.contains("drafts/d.md"), "{shown}");
}

/// The GitHub Action's run step (`ci/action-run.sh`), as GitHub runs it: SARIF written and
/// the upload left to run on findings (exit code 1 recorded, step succeeds), while a broken
/// config fails the step with exit code 2 and no SARIF. The same under `bash -e` (GitHub's
/// `shell: bash`), should the script ever be run by it directly.
#[test]
fn action_run_step_uploads_on_findings_and_never_hides_errors() {
    for shell in [&[][..], &["-eo", "pipefail"][..]] {
        action_run_step(shell);
    }
}

fn action_run_step(shell: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("articles/a.md"), GARBLED);
    let run = || {
        let output = root.join("github_output");
        let _ = fs::remove_file(&output);
        let out = std::process::Command::new("bash")
            .args(shell)
            .arg(crate::root().join("ci/action-run.sh"))
            .current_dir(root)
            .env("SEIGO_BIN", env!("CARGO_BIN_EXE_seigo"))
            .env("SEIGO_PATHS", "articles")
            .env("SEIGO_SARIF", "seigo.sarif")
            .env("GITHUB_OUTPUT", &output)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        (out, fs::read_to_string(&output).unwrap_or_default())
    };
    let (out, outputs) = run();
    assert_eq!(out.status.code(), Some(0), "{shell:?}: {}", stderr_of(&out));
    assert_eq!(outputs, "exit-code=1\n", "{shell:?}");
    let sarif: Value =
        serde_json::from_str(&fs::read_to_string(root.join("seigo.sarif")).unwrap()).unwrap();
    assert!(!sarif["runs"][0]["results"].as_array().unwrap().is_empty());
    assert!(
        stdout_of(&out).contains("::error file=articles/a.md"),
        "annotations"
    );

    write(&root.join("seigo.yaml"), "packs: [ja-newz]\n");
    fs::remove_file(root.join("seigo.sarif")).unwrap();
    let (out, outputs) = run();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        outputs, "",
        "no exit-code output: the upload step is skipped"
    );
    assert!(!root.join("seigo.sarif").exists(), "no 0-byte SARIF");
    assert!(
        stderr_of(&out).contains("unknown pack `ja-newz`"),
        "{}",
        stderr_of(&out)
    );
}
