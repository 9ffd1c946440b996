//! Rules carry their own tests: each `bad` example must produce a finding from the rule (at the
//! `《 》`-marked span, if marked, and giving the `fixed` text when fixes are applied), and each
//! `good` example must produce none. Used by `seigo test` ([`test_packs`]) and by `cargo test`
//! for built-ins. The panicking helpers for Rust tests are behind `cfg(test)` or the `testing`
//! feature.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::spec::Example;
#[cfg(any(test, feature = "testing"))]
use super::spec::RuleSource;
use super::{Pack, Rule, builtin, yaml};
use crate::document::{Document, Format};
use crate::engine::run_rule;
use crate::error::FileError;
use crate::finding::Finding;
use crate::lang::ja::{Analysis, Morphology};
use crate::span::SourceSpan;

const OPEN: char = '《';
const CLOSE: char = '》';

/// The outcome of running one rule's examples.
#[derive(Debug, Default)]
pub struct ExampleReport {
    pub passed: usize,
    /// Each failure, located at the example in the rule's YAML.
    pub failures: Vec<FileError>,
}

/// Strips `《 》` marks, returning the plain text and the marked spans; unbalanced marks are
/// dropped (for callers that only need the text; `seigo test` uses [`parse_marks`]).
pub fn strip_marks(text: &str) -> (String, Vec<SourceSpan>) {
    let plain: String = text.chars().filter(|c| *c != OPEN && *c != CLOSE).collect();
    match parse_marks(text) {
        Ok(parsed) => parsed,
        Err(_) => (plain, Vec::new()),
    }
}

/// Strips `《 》` marks, returning the plain text and the marked spans. Unbalanced marks (a
/// `《` never closed, a `》` never opened, one `《` inside another) are an error saying which.
pub fn parse_marks(text: &str) -> Result<(String, Vec<SourceSpan>), String> {
    let mut plain = String::with_capacity(text.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (at, c) in text.chars().enumerate() {
        match c {
            OPEN if open.is_some() => {
                return Err(format!(
                    "unbalanced marks: a second 《 (character {}) before the first is closed with 》",
                    at + 1
                ));
            }
            OPEN => open = Some(plain.len()),
            CLOSE => match open.take() {
                Some(start) => spans.push(SourceSpan::new(start, plain.len())),
                None => {
                    return Err(format!(
                        "unbalanced marks: 》 (character {}) without an opening 《",
                        at + 1
                    ));
                }
            },
            c => plain.push(c),
        }
    }
    if open.is_some() {
        return Err("unbalanced marks: 《 without a closing 》".into());
    }
    Ok((plain, spans))
}

/// `「帰り先」 (characters 7–9)`: a span of an example's text, by 1-based character positions.
fn at(text: &str, span: SourceSpan) -> String {
    let first = text[..span.start].chars().count() + 1;
    let last = first + text[span.range()].chars().count().saturating_sub(1);
    format!("「{}」 (characters {first}–{last})", &text[span.range()])
}

/// Findings of `rule` on `text` analysed by `morphology`, spans into `text`.
pub fn findings_for(rule: &Rule, text: &str, morphology: &Morphology) -> Vec<Finding> {
    findings_for_format(rule, text, Format::PlainText, morphology)
}

/// Findings of `rule` on `text` read as `format`, spans into `text`.
pub fn findings_for_format(
    rule: &Rule,
    text: &str,
    format: Format,
    morphology: &Morphology,
) -> Vec<Finding> {
    let doc = Document::parse("<example>", text.to_string(), format);
    let analysis = Analysis::new(morphology, &doc.text);
    run_rule(rule, &doc, &analysis)
}

/// Runs all examples of a rule (compiled against `morphology`).
pub fn run_examples(rule: &Rule, morphology: &Morphology) -> ExampleReport {
    let mut report = ExampleReport::default();
    for result in example_results(rule, morphology) {
        match result.problem {
            None => report.passed += 1,
            Some(problem) => report.failures.push(problem),
        }
    }
    report
}

/// One example of a rule, run: which list it is in, its text, and why it failed.
#[derive(Debug)]
pub struct ExampleResult<'r> {
    /// A `good` example (no finding expected) rather than a `bad` one.
    pub good: bool,
    pub example: &'r Example,
    /// The failure, located at the example in the rule's YAML; `None` when it passed.
    pub problem: Option<FileError>,
}

/// Every example of a rule (bad ones first) with its outcome, for showing pass and fail per
/// example (the rule playground of `seigo serve`).
pub fn example_results<'r>(rule: &'r Rule, morphology: &Morphology) -> Vec<ExampleResult<'r>> {
    let mut out = Vec::new();
    for (good, list) in [(false, &rule.examples().bad), (true, &rule.examples().good)] {
        for (n, example) in list.iter().enumerate() {
            let problem = check_example(rule, example, good, morphology)
                .map(|problem| locate(rule, n, example, good, problem));
            out.push(ExampleResult {
                good,
                example,
                problem,
            });
        }
    }
    out
}

/// One rule's examples, run, and whether it has both kinds.
#[derive(Debug)]
pub struct RuleTest {
    pub examples: ExampleReport,
    pub coverage: Coverage,
}

/// Which kinds of example a rule has; `seigo test --coverage` fails on rules lacking one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    pub rule: String,
    pub has_bad: bool,
    pub has_good: bool,
}

impl Coverage {
    pub fn of(rule: &Rule) -> Coverage {
        Coverage {
            rule: rule.id.clone(),
            has_bad: !rule.examples().bad.is_empty(),
            has_good: !rule.examples().good.is_empty(),
        }
    }

    pub fn is_complete(&self) -> bool {
        self.has_bad && self.has_good
    }
}

/// `ja-news/x: no bad example, no good example`, naming what is missing.
impl std::fmt::Display for Coverage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let missing: Vec<&str> = [
            (!self.has_bad, "no bad example"),
            (!self.has_good, "no good example"),
        ]
        .into_iter()
        .filter_map(|(missing, what)| missing.then_some(what))
        .collect();
        write!(f, "{}: {}", self.rule, missing.join(", "))
    }
}

/// The outcome of testing rule packs, rule by rule in pack order.
#[derive(Debug, Default)]
pub struct TestReport {
    pub rules: Vec<RuleTest>,
}

impl TestReport {
    pub fn passed(&self) -> usize {
        self.rules.iter().map(|r| r.examples.passed).sum()
    }

    pub fn failed(&self) -> usize {
        self.rules.iter().map(|r| r.examples.failures.len()).sum()
    }

    /// Every failing example, located in its rule file.
    pub fn failures(&self) -> impl Iterator<Item = &FileError> {
        self.rules.iter().flat_map(|r| &r.examples.failures)
    }

    /// Rules lacking a bad or a good example.
    pub fn uncovered(&self) -> impl Iterator<Item = &Coverage> {
        self.rules
            .iter()
            .map(|r| &r.coverage)
            .filter(|c| !c.is_complete())
    }

    /// Findings (exit 1) when an example fails, or with `coverage` when a rule lacks one.
    pub fn status(&self, coverage: bool) -> crate::exit::ExitStatus {
        let incomplete = coverage && self.uncovered().next().is_some();
        if self.failed() > 0 || incomplete {
            crate::exit::ExitStatus::Findings
        } else {
            crate::exit::ExitStatus::Clean
        }
    }
}

/// Runs the examples of every rule, in parallel, reporting in the rules' order.
pub fn test_rules(rules: &[&Rule], morphology: &Morphology) -> TestReport {
    TestReport {
        rules: rules
            .par_iter()
            .map(|rule| RuleTest {
                examples: run_examples(rule, morphology),
                coverage: Coverage::of(rule),
            })
            .collect(),
    }
}

/// `seigo test` without arguments: the packs of `config` (its own, those it extends, those of
/// its `overrides`), built-in or local, with the `options` of the config and those it extends
/// applied, and every rule's examples run.
pub fn test_config(
    config: &crate::config::Config,
    morphology: &Morphology,
) -> Result<TestReport, Vec<FileError>> {
    let mut packs: Vec<Pack> = Vec::new();
    let mut errors = Vec::new();
    for (name, base) in config.pack_refs() {
        let loaded = builtin::load(&name, morphology)
            .unwrap_or_else(|| Pack::load_dir(&base.join(&name), morphology));
        match loaded {
            Ok(p) => packs.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let rules: Vec<Rule> = packs.into_iter().flat_map(|p| p.rules).collect();
    let rules = config.extend_rules(rules, &[], morphology)?;
    let rules: Vec<&Rule> = rules.iter().collect();
    Ok(test_rules(&rules, morphology))
}

/// `seigo test`: loads the pack directories (the built-in packs when none is given) and runs
/// every rule's examples. Packs that do not load are errors, and nothing is run.
pub fn test_packs(dirs: &[PathBuf], morphology: &Morphology) -> Result<TestReport, Vec<FileError>> {
    let mut packs: Vec<Pack> = Vec::new();
    let mut errors = Vec::new();
    if dirs.is_empty() {
        for name in builtin::pack_names() {
            match builtin::load(name, morphology).expect("a listed built-in pack exists") {
                Ok(p) => packs.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    for dir in dirs {
        match Pack::load_dir(dir, morphology) {
            Ok(p) => packs.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let rules: Vec<&Rule> = packs.iter().flat_map(|p| &p.rules).collect();
    Ok(test_rules(&rules, morphology))
}

fn check_example(
    rule: &Rule,
    example: &Example,
    good: bool,
    morphology: &Morphology,
) -> Option<String> {
    let (text, marks) = match parse_marks(&example.text) {
        Ok(stripped) => stripped,
        Err(problem) => return Some(problem),
    };
    if good && !marks.is_empty() {
        return Some(
            "a good example has 《 》 marks, but it must produce no finding: remove them (or move the example to `bad:`)".into(),
        );
    }
    let found = findings_for(rule, &text, morphology);
    let shown = |f: &Finding| format!("{} ({})", at(&text, f.span), f.message);
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
                "expected a finding at {}, found {}",
                at(&text, *mark),
                found.iter().map(shown).collect::<Vec<_>>().join(", ")
            ));
        }
    }
    if let Some(expected) = &example.fixed {
        // Fixed as `--fix` fixes: round after round until nothing is left to fix.
        // Every fix of the rule, suggestions too: the example shows what the rule offers.
        let all = crate::fix::FixOptions { unsafe_fixes: true };
        let fixed = match crate::fix::fix_with(&text, all, |t| findings_for(rule, t, morphology)) {
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

/// The failure of the `n`-th example of its list, located at that example in the rule file.
fn locate(rule: &Rule, n: usize, example: &Example, good: bool, problem: String) -> FileError {
    let key = if good { "good" } else { "bad" };
    let src = &rule.origin.text;
    let span = yaml::nth_item_span(src, &["examples", key], n)
        .or_else(|| yaml::list_item_span(src, &["examples", key], &example.text));
    FileError::new(
        rule.origin.path.clone(),
        Arc::clone(src),
        span,
        format!("{}: {problem}", rule.id),
    )
}

/// A built-in rule by ID (`ja-news/kaerisaki`), panicking with every problem if it does not
/// load.
#[cfg(any(test, feature = "testing"))]
pub fn builtin_rule(id: &str) -> Rule {
    let (pack, stem) = id.split_once('/').expect("pack/stem");
    let file = super::builtin::FILES
        .iter()
        .find(|f| f.pack == pack && f.stem == stem)
        .unwrap_or_else(|| panic!("no built-in rule {id}"));
    Rule::load(
        id,
        RuleSource::builtin(format!("rules/{id}.yaml"), file),
        true,
        &Morphology::new(),
    )
    .unwrap_or_else(|e| panic!("{id} does not load:\n{}", headlines(&e)))
}

/// For `cargo test`: runs a built-in rule's examples and fails with every problem listed.
#[cfg(any(test, feature = "testing"))]
pub fn assert_builtin_examples(id: &str) {
    let rule = builtin_rule(id);
    assert!(!rule.examples().bad.is_empty(), "{id} has no bad examples");
    assert!(
        !rule.examples().good.is_empty(),
        "{id} has no good examples"
    );
    let report = run_examples(&rule, &Morphology::new());
    assert!(
        report.failures.is_empty(),
        "{}",
        headlines(&report.failures)
    );
}

#[cfg(any(test, feature = "testing"))]
fn headlines(errors: &[FileError]) -> String {
    errors
        .iter()
        .map(|e| e.headline())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Test helper: compiles a rule from YAML text, panicking with located errors.
#[cfg(any(test, feature = "testing"))]
pub fn rule_from_yaml(yaml: &str) -> Rule {
    Rule::load(
        "test/rule",
        RuleSource::new("test.yaml", yaml),
        false,
        &Morphology::new(),
    )
    .unwrap_or_else(|e| panic!("rule does not load:\n{}", headlines(&e)))
}

/// Test helper: the errors of a rule that must not load from YAML text.
#[cfg(any(test, feature = "testing"))]
pub fn rule_errors_from_yaml(yaml: &str) -> Vec<FileError> {
    Rule::load(
        "test/rule",
        RuleSource::new("test.yaml", yaml),
        false,
        &Morphology::new(),
    )
    .expect_err(yaml)
}

/// Test helper: the findings of a rule on a fixture file (Markdown or text by extension),
/// with the file's text, for asserting on spans.
#[cfg(any(test, feature = "testing"))]
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
#[cfg(any(test, feature = "testing"))]
pub fn hits(rule: &Rule, text: &str) -> Vec<Finding> {
    findings_for(rule, text, &Morphology::new())
}

/// Test helper: asserts the exact list of matched texts, in order.
#[cfg(any(test, feature = "testing"))]
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
        let (plain, spans) = parse_marks("トランプ氏の《帰り先》に備え").unwrap();
        assert_eq!(plain, "トランプ氏の帰り先に備え");
        assert_eq!(&plain[spans[0].range()], "帰り先");
        for unbalanced in ["氏の《帰り先に", "氏の帰り先》に", "《氏の《帰り先》》に"]
        {
            let e = parse_marks(unbalanced).unwrap_err();
            assert!(e.starts_with("unbalanced marks"), "{unbalanced}: {e}");
        }
    }

    #[test]
    fn unbalanced_marks_and_marks_in_good_examples_fail() {
        let open_only = RULE.replace("氏の《帰り先》に", "氏の《帰り先に");
        let report = run_examples(&rule_from_yaml(&open_only), &Morphology::new());
        assert_eq!(report.failures.len(), 1);
        assert!(
            report.failures[0]
                .message
                .contains("《 without a closing 》"),
            "{}",
            report.failures[0].message
        );
        let marked_good = RULE.replace("- 返り咲きに備える", "- 《返り咲き》に備える");
        let report = run_examples(&rule_from_yaml(&marked_good), &Morphology::new());
        assert_eq!(report.failures.len(), 1);
        assert!(
            report.failures[0]
                .message
                .contains("a good example has 《 》 marks")
        );
        assert!(
            report.failures[0].headline().starts_with("test.yaml:10:7:"),
            "{}",
            report.failures[0].headline()
        );
    }

    #[test]
    fn a_failing_example_is_located_at_itself_with_positions() {
        // The same text twice, and a multi-line example written with escapes: each failure
        // points at its own list item, and the message gives character positions.
        let rule = "kind: substitution\nmessage: x\nswap:\n  帰り先: 返り咲き\nexamples:\n  bad:\n    - 氏の帰り先に\n    - \"題\\n\\n《氏の》帰り先に\"\n    - 氏の帰り先に\n  good:\n    - 返り咲き\n";
        let report = run_examples(&rule_from_yaml(rule), &Morphology::new());
        assert_eq!(report.failures.len(), 1, "{:?}", report.failures);
        let f = &report.failures[0];
        assert!(
            f.headline().starts_with("test.yaml:8:7:"),
            "{}",
            f.headline()
        );
        assert!(
            f.message.ends_with(
                "expected a finding at 「氏の」 (characters 4–5), found 「帰り先」 (characters 6–8) (x)"
            ),
            "{}",
            f.message
        );
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

    #[test]
    fn packs_report_failures_and_coverage_gaps() {
        let dir = tempfile::tempdir().unwrap();
        let pack = dir.path().join("house");
        std::fs::create_dir(&pack).unwrap();
        std::fs::write(pack.join("full.yaml"), RULE).unwrap();
        let no_good = "kind: substitution\nmessage: x\nswap:\n  帰り先: 返り咲き\nexamples:\n  bad:\n    - 氏の帰り先に\n";
        std::fs::write(pack.join("no-good.yaml"), no_good).unwrap();
        let report = test_packs(std::slice::from_ref(&pack), &Morphology::new()).unwrap();
        assert_eq!((report.passed(), report.failed()), (3, 0));
        let gaps: Vec<String> = report.uncovered().map(ToString::to_string).collect();
        assert_eq!(gaps, ["house/no-good: no good example"]);
        use crate::exit::ExitStatus;
        assert_eq!(report.status(false), ExitStatus::Clean);
        assert_eq!(report.status(true), ExitStatus::Findings);

        std::fs::write(
            pack.join("full.yaml"),
            RULE.replace("返り咲きに備える", "帰り先に備える"),
        )
        .unwrap();
        let report = test_packs(&[pack], &Morphology::new()).unwrap();
        assert_eq!(report.failed(), 1);
        assert!(
            report
                .failures()
                .next()
                .unwrap()
                .message
                .starts_with("house/full: ")
        );
        assert_eq!(report.status(false), ExitStatus::Findings);
    }

    #[test]
    fn packs_that_do_not_load_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let errors = test_packs(&[dir.path().join("missing")], &Morphology::new()).unwrap_err();
        assert!(
            errors[0]
                .message
                .contains("cannot read rule pack directory")
        );
    }
}
