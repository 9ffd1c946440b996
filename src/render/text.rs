//! Plain-text outputs besides findings: the `--timings` table, `seigo rules`, `seigo explain`
//! and the `seigo test` summary. Written to any stream, so a server can show the same text.

use std::io::{self, Write};
use std::path::Path;

use crate::engine::Timings;
use crate::rules::Rule;
use crate::rules::testing::TestReport;

/// Rows shown in the `--timings` table before the rest is summed.
const TIMING_ROWS: usize = 20;

/// The `--timings` table: the slowest rules (and tokenizing), then the rest summed.
pub fn timings(timings: &Timings, out: &mut dyn Write) -> io::Result<()> {
    let mut rows: Vec<_> = timings.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let total: f64 = rows.iter().map(|(_, t)| t.as_secs_f64()).sum();
    writeln!(out, "{:>10}  {:>6}  rule", "ms", "%")?;
    let share = |secs: f64| 100.0 * secs / total.max(f64::EPSILON);
    for (rule, t) in rows.iter().take(TIMING_ROWS) {
        let secs = t.as_secs_f64();
        writeln!(
            out,
            "{:>10.2}  {:>5.1}%  {rule}",
            secs * 1000.0,
            share(secs)
        )?;
    }
    if rows.len() > TIMING_ROWS {
        let rest: f64 = rows[TIMING_ROWS..]
            .iter()
            .map(|(_, t)| t.as_secs_f64())
            .sum();
        writeln!(
            out,
            "{:>10.2}  {:>5.1}%  ({} more rules)",
            rest * 1000.0,
            share(rest),
            rows.len() - TIMING_ROWS
        )?;
    }
    writeln!(out, "{:>10.2}  100.0%  (total)", total * 1000.0)
}

/// `seigo rules`: the config in effect, then one line per enabled rule.
pub fn rule_list(config: Option<&Path>, rules: &[Rule], out: &mut dyn Write) -> io::Result<()> {
    if let Some(p) = config {
        writeln!(out, "# config: {}", p.display())?;
    }
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in rules {
        writeln!(out, "{:width$}  {:<13} {}", r.id, r.kind(), r.severity)?;
    }
    writeln!(out, "{} rules", rules.len())
}

/// `seigo explain`: what a rule checks, where it is defined, and its examples.
pub fn explain(rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "{}  ({} rule, {})",
        rule.id,
        rule.kind(),
        rule.severity
    )?;
    if rule.origin.builtin {
        // The path is the repository's: a user of the binary gets the text with --yaml.
        writeln!(
            out,
            "defined in: {} (built in: `seigo explain --yaml {id}` prints it, `seigo init --from {id}` copies it into rules/local to change it, `options: {{{id}: ...}}` in seigo.yaml adds to its lists without copying it)",
            rule.origin.path,
            id = rule.id
        )?;
    } else {
        writeln!(out, "defined in: {}", rule.origin.path)?;
    }
    let description = rule.description();
    if !description.is_empty() {
        writeln!(out, "\n{}", description.trim_end())?;
    }
    for (title, list) in [
        ("bad", &rule.examples().bad),
        ("good", &rule.examples().good),
    ] {
        if !list.is_empty() {
            writeln!(out, "\n{title} examples:")?;
            for e in list {
                writeln!(out, "  - {}", e.text)?;
            }
        }
    }
    Ok(())
}

/// The `seigo test` summary: coverage (when asked for) and the pass/fail counts. Failures are
/// located errors, rendered with [`super::human::render_error`].
pub fn test_summary(report: &TestReport, coverage: bool, out: &mut dyn Write) -> io::Result<()> {
    if coverage {
        let uncovered: Vec<_> = report.uncovered().collect();
        if uncovered.is_empty() {
            writeln!(out, "coverage: every rule has bad and good examples")?;
        } else {
            writeln!(
                out,
                "coverage: {} rule(s) not fully tested:",
                uncovered.len()
            )?;
            for u in uncovered {
                writeln!(out, "  {u}")?;
            }
        }
    }
    writeln!(
        out,
        "{} passed, {} failed",
        report.passed(),
        report.failed()
    )
}
