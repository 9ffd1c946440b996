//! Rule authoring: `seigo init` → `seigo test` → `seigo check`, and the committed JSON Schemas.

use std::fs;

use serde_json::Value;

use crate::{seigo, seigo_in, stderr_of, stdout_of};

#[test]
fn init_then_test_then_check_in_an_empty_directory() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let out = seigo_in(p).arg("init").output().unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(stdout_of(&out).contains("created seigo.yaml"));

    for args in [
        &["test", "rules/local"][..],
        &["test", "rules/examples"],
        &["test"],
    ] {
        let out = seigo_in(p).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(stdout_of(&out).trim_end().ends_with(" passed, 0 failed"));
    }

    fs::write(
        p.join("clean.md"),
        "---\ntitle: 新製品を発売\n---\n\n同社は新製品を発売する。\n",
    )
    .unwrap();
    let out = seigo_in(p).args(["check", "clean.md"]).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        stdout_of(&out),
        stderr_of(&out)
    );

    // The local pack is active: its house-style swap fires.
    fs::write(
        p.join("style.md"),
        "---\ntitle: サーバを増強\n---\n\n同社はサーバを増強する。\n",
    )
    .unwrap();
    let out = seigo_in(p)
        .args(["check", "--format", "concise", "style.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout_of(&out).contains("local/word-swap"),
        "{}",
        stdout_of(&out)
    );

    // A second init keeps every file.
    let out = seigo_in(p).arg("init").output().unwrap();
    assert!(!stdout_of(&out).contains("created"));
}

#[test]
fn coverage_lists_rules_without_examples() {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("pack");
    fs::create_dir(&pack).unwrap();
    fs::write(
        pack.join("no-good.yaml"),
        "kind: existence\nmessage: x\nterms: [帰り先]\nexamples:\n  bad: [帰り先です]\n",
    )
    .unwrap();
    fs::write(
        pack.join("none.yaml"),
        "kind: existence\nmessage: x\nterms: [支援兵士]\n",
    )
    .unwrap();
    let out = seigo_in(dir.path())
        .args(["test", "--coverage", "pack"])
        .output()
        .unwrap();
    let text = stdout_of(&out);
    assert!(text.contains("pack/no-good: no good example"), "{text}");
    assert!(
        text.contains("pack/none: no bad example, no good example"),
        "{text}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "missing examples fail under --coverage"
    );
}

fn validator(file: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(crate::root().join("rules/schema").join(file)).unwrap(),
    )
    .unwrap();
    jsonschema::draft202012::new(&schema).expect("schema compiles")
}

#[test]
fn every_builtin_rule_validates_against_the_rule_schema() {
    let v = validator("rule.schema.json");
    let mut checked = 0;
    for entry in fs::read_dir(crate::root().join("rules/ja-news")).unwrap() {
        let path = entry.unwrap().path();
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        let json: Value = serde_json::to_value(yaml).unwrap();
        let errors: Vec<String> = v
            .iter_errors(&json)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        checked += 1;
    }
    assert!(checked > 40);
    // Not vacuous: a typo in a key is rejected.
    let bad = serde_json::json!({"kind": "existence", "message": "x", "temrs": ["a"]});
    assert!(!v.is_valid(&bad));
    let bad = serde_json::json!({"kind": "existance", "message": "x"});
    assert!(!v.is_valid(&bad));
}

#[test]
fn schema_subcommand_prints_the_committed_schemas() {
    for which in ["rule", "config"] {
        let out = seigo().args(["schema", which]).output().unwrap();
        let committed =
            fs::read_to_string(crate::root().join(format!("rules/schema/{which}.schema.json")))
                .unwrap();
        assert_eq!(stdout_of(&out), committed);
    }
    let v = validator("config.schema.json");
    assert!(v.is_valid(&serde_json::json!({"packs": ["ja-news"], "severity": {"a/b": "error"}})));
    assert!(!v.is_valid(&serde_json::json!({"pack": ["ja-news"]})));
}
