//! Rules carry their own tests: each `bad` example must produce a finding from the rule (at the
//! `《 》`-marked span, if marked, and giving the `fixed` text when fixes are applied), and each
//! `good` example must produce none. Used by `seigo test` and by `cargo test` for built-ins.

use std::sync::Arc;

use super::spec::{Example, RuleSource};
use super::{Rule, yaml};
use crate::document::{Document, Format};
use crate::engine::run_rule;
use crate::error::FileError;
use crate::finding::Finding;
use crate::lang::ja::{Analysis, Morphology};
use crate::span::Span;

const OPEN: char = '《';
const CLOSE: char = '》';

/// The outcome of running one rule's examples.
#[derive(Debug, Default)]
pub struct ExampleReport {
    pub passed: usize,
    /// Each failure, located at the example in the rule's YAML.
    pub failures: Vec<FileError>,
}

/// Strips `《 》` marks, returning the plain text and the marked spans.
pub fn strip_marks(text: &str) -> (String, Vec<Span>) {
    let mut plain = String::with_capacity(text.len());
    let mut spans = Vec::new();
    let mut open = None;
    for c in text.chars() {
        match c {
            OPEN => open = Some(plain.len()),
            CLOSE => {
                if let Some(start) = open.take() {
                    spans.push(Span::new(start, plain.len()));
                }
            }
            c => plain.push(c),
        }
    }
    (plain, spans)
}

/// Findings of `rule` on `text` analysed by `morphology`, spans into `text`.
pub fn findings_for(rule: &Rule, text: &str, morphology: &Morphology) -> Vec<Finding> {
    let doc = Document::parse("<example>", text.to_string(), Format::PlainText);
    let analysis = Analysis::new(morphology, &doc.text);
    run_rule(rule, &doc, &analysis)
}

/// Runs all examples of a rule (compiled against `morphology`).
pub fn run_examples(rule: &Rule, morphology: &Morphology) -> ExampleReport {
    let mut report = ExampleReport::default();
    for (good, list) in [(false, &rule.examples.bad), (true, &rule.examples.good)] {
        for example in list {
            match check_example(rule, example, good, morphology) {
                None => report.passed += 1,
                Some(problem) => report.failures.push(locate(rule, example, good, problem)),
            }
        }
    }
    report
}

fn check_example(
    rule: &Rule,
    example: &Example,
    good: bool,
    morphology: &Morphology,
) -> Option<String> {
    let (text, marks) = strip_marks(&example.text);
    let found = findings_for(rule, &text, morphology);
    let shown = |f: &Finding| format!("「{}」 ({})", &text[f.span.range()], f.message);
    if good {
        return (!found.is_empty()).then(|| {
            format!(
                "good example produced {} finding(s): {}",
                found.len(),
                found.iter().map(shown).collect::<Vec<_>>().join(", ")
            )
        });
    }
    if found.is_empty() {
        return Some("bad example produced no finding".into());
    }
    for mark in &marks {
        if !found.iter().any(|f| f.span == *mark) {
            return Some(format!(
                "expected a finding at 「{}」, found {}",
                &text[mark.range()],
                found.iter().map(shown).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if let Some(expected) = &example.fixed {
        // Fixed as `--fix` fixes: round after round until nothing is left to fix.
        let fixed = match crate::fix::fix_with(&text, |t| findings_for(rule, t, morphology)) {
            Ok(fixed) => fixed.text,
            Err(e) => return Some(e.to_string()),
        };
        if fixed != *expected {
            return Some(format!(
                "after fixes the text is 「{fixed}」, expected 「{expected}」"
            ));
        }
    }
    None
}

fn locate(rule: &Rule, example: &Example, good: bool, problem: String) -> FileError {
    let key = if good { "good" } else { "bad" };
    let src = &rule.origin.text;
    let span = yaml::list_item_span(src, &["examples", key], &example.text);
    FileError::new(
        rule.origin.path.clone(),
        Arc::clone(src),
        span,
        format!("{}: {problem}", rule.id),
    )
}

/// A built-in rule by ID (`ja-news/kaerisaki`), panicking with every problem if it does not
/// load.
pub fn builtin_rule(id: &str) -> Rule {
    let (pack, stem) = id.split_once('/').expect("pack/stem");
    let file = super::builtin::FILES
        .iter()
        .find(|f| f.pack == pack && f.stem == stem)
        .unwrap_or_else(|| panic!("no built-in rule {id}"));
    Rule::load(
        id,
        RuleSource::new(format!("rules/{id}.yaml"), file.text),
        true,
        &Morphology::new(),
    )
    .unwrap_or_else(|e| panic!("{id} does not load:\n{}", headlines(&e)))
}

/// For `cargo test`: runs a built-in rule's examples and fails with every problem listed.
pub fn assert_builtin_examples(id: &str) {
    let rule = builtin_rule(id);
    assert!(!rule.examples.bad.is_empty(), "{id} has no bad examples");
    assert!(!rule.examples.good.is_empty(), "{id} has no good examples");
    let report = run_examples(&rule, &Morphology::new());
    assert!(
        report.failures.is_empty(),
        "{}",
        headlines(&report.failures)
    );
}

fn headlines(errors: &[FileError]) -> String {
    errors
        .iter()
        .map(|e| e.headline())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Test helper: compiles a rule from YAML text, panicking with located errors.
pub fn rule_from_yaml(yaml: &str) -> Rule {
    Rule::load(
        "test/rule",
        RuleSource::new("test.yaml", yaml),
        false,
        &Morphology::new(),
    )
    .unwrap_or_else(|e| panic!("rule does not load:\n{}", headlines(&e)))
}

/// Test helper: the findings of a rule on a fixture file (Markdown or text by extension),
/// with the file's text, for asserting on spans.
pub fn findings_in_file(rule: &Rule, path: &std::path::Path) -> (String, Vec<Finding>) {
    let source = std::fs::read_to_string(path).expect("fixture reads");
    let doc = Document::parse(
        path.display().to_string(),
        source.clone(),
        Format::from_path(path),
    );
    let morphology = Morphology::new();
    let analysis = Analysis::new(&morphology, &doc.text);
    (source, run_rule(rule, &doc, &analysis))
}

/// Test helper: the findings of a rule on a text.
pub fn hits(rule: &Rule, text: &str) -> Vec<Finding> {
    findings_for(rule, text, &Morphology::new())
}

/// Test helper: asserts the exact list of matched texts, in order.
pub fn assert_hits(rule: &Rule, text: &str, expected: &[&str]) {
    let found: Vec<&str> = findings_for(rule, text, &Morphology::new())
        .iter()
        .map(|f| &text[f.span.range()])
        .collect();
    assert_eq!(found, expected, "findings on {text:?}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_stripped_and_located() {
        let (plain, spans) = strip_marks("トランプ氏の《帰り先》に備え");
        assert_eq!(plain, "トランプ氏の帰り先に備え");
        assert_eq!(&plain[spans[0].range()], "帰り先");
    }

    const RULE: &str = "kind: substitution\nmessage: x\nswap:\n  帰り先: 返り咲き\nexamples:\n  bad:\n    - text: 氏の《帰り先》に\n      fixed: 氏の返り咲きに\n  good:\n    - 返り咲きに備える\n";

    #[test]
    fn passing_examples_pass() {
        let report = run_examples(&rule_from_yaml(RULE), &Morphology::new());
        assert_eq!(report.passed, 2);
        assert!(report.failures.is_empty(), "{:?}", report.failures);
    }

    #[test]
    fn failing_examples_point_at_the_example_line() {
        let broken = RULE.replace("返り咲きに備える", "帰り先に備える");
        let report = run_examples(&rule_from_yaml(&broken), &Morphology::new());
        assert_eq!(report.failures.len(), 1);
        let f = &report.failures[0];
        assert!(
            f.message.contains("good example produced 1 finding"),
            "{}",
            f.message
        );
        assert!(
            f.headline().starts_with("test.yaml:10:7:"),
            "{}",
            f.headline()
        );
    }

    #[test]
    fn wrong_mark_or_fix_fails() {
        let wrong_mark = RULE.replace("氏の《帰り先》に", "《氏の》帰り先に");
        assert_eq!(
            run_examples(&rule_from_yaml(&wrong_mark), &Morphology::new())
                .failures
                .len(),
            1
        );
        let wrong_fix = RULE.replace("fixed: 氏の返り咲きに", "fixed: 氏の帰り咲きに");
        assert_eq!(
            run_examples(&rule_from_yaml(&wrong_fix), &Morphology::new())
                .failures
                .len(),
            1
        );
    }
}
