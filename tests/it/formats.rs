//! Every output format from the same findings, snapshot-tested; SARIF validated against the
//! official SARIF 2.1.0 JSON schema.

use serde_json::Value;

use crate::{seigo, stdout_of};

const SHORT: &str = "fixtures/garbled-short.md";

fn output(format: &str, path: &str) -> String {
    let out = seigo()
        .args(["check", "--quiet", "--format", format, path])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{format}");
    stdout_of(&out)
}

#[test]
fn concise() {
    let text = output("concise", SHORT);
    assert!(
        text.lines()
            .all(|l| l.starts_with("fixtures/garbled-short.md:"))
    );
    insta::assert_snapshot!("concise", text);
}

#[test]
fn github() {
    let text = output("github", SHORT);
    assert!(
        text.lines()
            .all(|l| l.starts_with("::error file=fixtures/garbled-short.md,line="))
    );
    insta::assert_snapshot!("github", text);
}

#[test]
fn checkstyle() {
    insta::assert_snapshot!("checkstyle", output("checkstyle", SHORT));
}

#[test]
fn junit() {
    insta::assert_snapshot!("junit", output("junit", SHORT));
}

#[test]
fn sarif_snapshot() {
    let sarif: Value = serde_json::from_str(&output("sarif", SHORT)).unwrap();
    insta::assert_json_snapshot!("sarif", sarif);
}

pub(crate) fn sarif_validator() -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(
        &std::fs::read_to_string(crate::root().join("tests/data/sarif-2.1.0-rtm.5.json")).unwrap(),
    )
    .unwrap();
    // The published schema's `language` patterns have a stray `]` that only ECMA regexes
    // accept, and the meta-schema check rejects them. seigo never writes `language`, so the
    // pattern is replaced by its intended form before compiling.
    fn fix_patterns(v: &mut Value) -> usize {
        match v {
            Value::Object(map) => map
                .iter_mut()
                .map(|(k, v)| {
                    if k == "pattern" && v == "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$" {
                        *v = Value::from("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$");
                        1
                    } else {
                        fix_patterns(v)
                    }
                })
                .sum(),
            Value::Array(items) => items.iter_mut().map(fix_patterns).sum(),
            _ => 0,
        }
    }
    assert!(fix_patterns(&mut schema) > 0);
    jsonschema::draft4::new(&schema).expect("the SARIF schema compiles")
}

#[test]
fn sarif_of_the_seed_validates_against_the_schema() {
    let sarif: Value = serde_json::from_str(&output("sarif", "fixtures/seed-article.txt")).unwrap();
    let validator = sarif_validator();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    // The validator is not vacuous: a result without a message is rejected.
    let mut broken = sarif.clone();
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));
}
