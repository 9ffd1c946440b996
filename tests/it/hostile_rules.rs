//! Hostile rule packs, as written by people who are not programmers (or by nobody in
//! particular): each is refused with an error that names the file, or loads and works.

use std::fs;
use std::path::Path;
use std::time::Instant;

use seigo::rules::Rule;
use seigo::rules::spec::RuleSource;

use crate::{seigo_in, stderr_of, stdout_of};

/// A project with `pack/<name>.yaml` holding `rule`, a config using the pack and an article.
/// Returns the exit code and stderr of `seigo check a.txt`.
fn check_with_rule(name: &str, rule: &[u8]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    fs::create_dir(p.join("pack")).unwrap();
    fs::write(p.join("pack").join(name), rule).unwrap();
    fs::write(p.join("seigo.yaml"), "packs: [pack]\n").unwrap();
    fs::write(p.join("a.txt"), "題\n\n本文です。\n").unwrap();
    let out = seigo_in(p).args(["check", "a.txt"]).output().unwrap();
    (out.status.code(), stderr_of(&out))
}

fn load(yaml: &str) -> Result<Rule, Vec<seigo::FileError>> {
    Rule::load(
        "pack/rule",
        RuleSource::new("pack/rule.yaml", yaml),
        false,
        &seigo::Morphology::new(),
    )
}

#[test]
fn huge_regex_repetitions_are_refused_naming_the_rule() {
    for (name, rule) in [
        (
            "regex.yaml",
            "kind: existence\nmessage: x\nregex:\n  - 'a{1000}{1000}'\n",
        ),
        (
            "wide.yaml",
            "kind: existence\nmessage: x\nregex:\n  - '\\w{100000}'\n",
        ),
        (
            "token.yaml",
            "kind: existence\nmessage: x\ntokens:\n  - 're:a{1000}{1000}'\n",
        ),
    ] {
        let started = Instant::now();
        let (code, err) = check_with_rule(name, rule.as_bytes());
        assert_eq!(code, Some(2), "{name}: {err}");
        assert!(err.contains(&format!("pack/{name}:4:")), "{name}: {err}");
        assert!(
            err.contains("exceeds the size limit") || err.contains("exceeds size limit"),
            "{name}: {err}"
        );
        eprintln!("{name}: refused in {:?}", started.elapsed());
    }
}

/// 100,000 terms (or swaps) in one rule load quickly and match. The bound is loose (a debug
/// build on a busy machine); it exists to catch quadratic loading, which would take minutes.
#[test]
fn a_rule_with_100000_terms_loads_and_matches() {
    let terms: String = (0..100_000).map(|i| format!("  - 語{i:06}\n")).collect();
    let started = Instant::now();
    let rule = load(&format!(
        "kind: existence\nmessage: 「{{match}}」\nterms:\n{terms}"
    ))
    .unwrap_or_else(|e| panic!("{:?}", e[0].headline()));
    let elapsed = started.elapsed();
    eprintln!("100,000 terms loaded in {elapsed:?}");
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    let found = seigo::rules::testing::hits(&rule, "本文に語000000と語099999がある。");
    assert_eq!(found.len(), 2);

    let swaps: String = (0..100_000)
        .map(|i| format!("  誤{i:06}: 正{i:06}\n"))
        .collect();
    let started = Instant::now();
    let rule = load(&format!("kind: substitution\nmessage: x\nswap:\n{swaps}"))
        .unwrap_or_else(|e| panic!("{:?}", e[0].headline()));
    let elapsed = started.elapsed();
    eprintln!("100,000 swaps loaded in {elapsed:?}");
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");
    let found = seigo::rules::testing::hits(&rule, "本文に誤099999がある。");
    assert_eq!(found[0].fixes[0].replacement, "正099999");
}

/// "Billion laughs": nine levels of nine aliases each would expand to 387 million strings.
#[test]
fn a_yaml_alias_bomb_is_refused() {
    let mut yaml = String::from(
        "kind: existence\nmessage: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        yaml.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    yaml.push_str("terms: *a9\n");
    let (code, err) = check_with_rule("bomb.yaml", yaml.as_bytes());
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("pack/bomb.yaml: refused: the YAML aliases (`*name`) expand to too much data"),
        "{err}"
    );
    // In a config file, an error too (serde_yaml's limit applies to every document).
    let dir = tempfile::tempdir().unwrap();
    let config = yaml
        .replace("kind: existence\nmessage: x\n", "")
        .replace("terms:", "packs:");
    fs::write(dir.path().join("seigo.yaml"), config).unwrap();
    let out = seigo_in(dir.path()).args(["rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out).contains("seigo.yaml"),
        "{}",
        stderr_of(&out)
    );
}

/// 100,000 nested `[` used to take libyaml's scanner 19 s (quadratic); now refused at once.
#[test]
fn deeply_nested_yaml_is_refused_quickly() {
    let yaml = format!(
        "kind: existence\nmessage: x\nterms: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    let (code, err) = check_with_rule("deep.yaml", yaml.as_bytes());
    assert_eq!(code, Some(2));
    assert!(
        err.contains("refused: `[` / `{` nested more than 128 levels deep"),
        "{err}"
    );
    assert!(err.contains("pack/deep.yaml:3:136"), "{err}");
    // Block nesting is bounded by serde_yaml's recursion limit.
    let block: String = (1..400)
        .map(|i| format!("{}- \n", "  ".repeat(i)))
        .collect();
    let (code, err) = check_with_rule(
        "block.yaml",
        format!("kind: existence\nmessage: x\nterms:\n{block}").as_bytes(),
    );
    assert_eq!(code, Some(2));
    assert!(err.contains("recursion limit exceeded"), "{err}");
}

#[test]
fn a_rule_file_that_is_not_utf8_is_an_error_naming_the_offset() {
    // `message: 誤り` in Shift_JIS.
    let (code, err) = check_with_rule(
        "sjis.yaml",
        b"kind: existence\nmessage: \x8c\xeb\x82\xe8\nterms: [a]\n",
    );
    assert_eq!(code, Some(2));
    assert!(
        err.contains("pack/sjis.yaml: rule file is not valid UTF-8 (invalid byte at offset 25)"),
        "{err}"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("seigo.yaml"), b"packs: [\xff]\n").unwrap();
    let out = seigo_in(dir.path()).args(["rules"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr_of(&out)
            .contains("seigo.yaml: config is not valid UTF-8 (invalid byte at offset 8)"),
        "{}",
        stderr_of(&out)
    );
}

/// A pack outside the project (relative `../` or absolute) loads: rules are data, so nothing
/// in them is ever run, whatever it looks like.
#[test]
fn a_pack_outside_the_project_loads_and_is_never_executed() {
    let outside = tempfile::tempdir().unwrap();
    let project = tempfile::tempdir().unwrap();
    let pack = outside.path().join("shared-pack");
    fs::create_dir(&pack).unwrap();
    let canary = outside.path().join("pwned");
    let c = canary.display();
    fs::write(
        pack.join("shell.yaml"),
        format!(
            "kind: existence\nmessage: \"「{{match}}」 $(touch {c}) `touch {c}`\"\nterms:\n  - \"$(touch {c})\"\n  - \"; touch {c}\"\n"
        ),
    )
    .unwrap();
    // YAML tags that some loaders execute are ignored: the value is a plain list of terms.
    fs::write(
        pack.join("tagged.yaml"),
        format!(
            "kind: existence\nmessage: x\nterms: !!python/object/apply:os.system [\"touch {c}\"]\n"
        ),
    )
    .unwrap();
    fs::write(
        project.path().join("article.txt"),
        format!("題\n\n本文に $(touch {c}) と書く。\n"),
    )
    .unwrap();
    let relative = pathdiff(&pack, project.path());
    for packs in [relative, pack.display().to_string()] {
        fs::write(
            project.path().join("seigo.yaml"),
            format!("packs: [\"{packs}\"]\n"),
        )
        .unwrap();
        let out = seigo_in(project.path()).args(["rules"]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        assert!(stdout_of(&out).contains("shared-pack/tagged"));
        let out = seigo_in(project.path())
            .args(["check", "--format", "concise", "article.txt"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
        assert!(
            stdout_of(&out).contains(&format!("shared-pack/shell 「$(touch {c})」 $(touch {c})")),
            "{}",
            stdout_of(&out)
        );
        assert!(!canary.exists(), "nothing in a rule is executed");
    }
}

/// `../..`-style path from `base` to `target` (both absolute, no symlinks in between).
fn pathdiff(target: &Path, base: &Path) -> String {
    let ups = base.components().count() - 1;
    format!(
        "{}{}",
        "../".repeat(ups),
        target.strip_prefix("/").unwrap().display()
    )
}
