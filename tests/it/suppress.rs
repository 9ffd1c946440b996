//! Inline suppressions through the CLI.

use serde_json::Value;

use crate::{seigo, stdout_of};

fn findings(text: &str, extra: &[&str]) -> Vec<(String, String)> {
    let out = seigo()
        .args(["check", "--format", "json", "--stdin-filename", "a.md"])
        .args(extra)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    let json: Value = serde_json::from_str(&stdout_of(&out)).unwrap();
    json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn disable_next_line_and_blocks() {
    let text = "# 備える\n\n<!-- seigo-disable-next-line ja-news/kaerisaki -- 原文ママ -->\n氏の帰り先に備える。\n\n氏の帰り先に備える。\n";
    let f = findings(text, &[]);
    assert_eq!(f.len(), 1, "{f:?}");
    let text = "# 主張\n\n<!-- seigo-disable -->\n氏の帰り先に備える。\n\n支援兵士を主張。\n<!-- seigo-enable -->\n\n支援兵士を主張。\n";
    let f = findings(text, &[]);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].0, "ja-news/shien-teishi");
}

#[test]
fn unknown_rule_and_unused_disables_are_reported() {
    let text = "# 本文\n\n<!-- seigo-disable-next-line ja-news/nope -->\n本文。\n";
    let f = findings(text, &[]);
    assert_eq!(
        f,
        vec![(
            "seigo/suppression".into(),
            "unknown rule `ja-news/nope` in seigo suppression".into()
        )]
    );
    let text = "# 本文\n\n<!-- seigo-disable-next-line ja-news/kaerisaki -->\n本文。\n";
    assert!(findings(text, &[]).is_empty());
    let f = findings(text, &["--report-unused-disables"]);
    assert_eq!(
        f[0].1,
        "unused seigo suppression: nothing was suppressed here"
    );
}
