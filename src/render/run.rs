//! What `seigo check` shows of a run, on the two streams the caller gives: the findings in the
//! chosen format (or, for `--diff`, the diff) on `out`; inputs not checked, fix counts, the
//! summary line of machine formats and the `--timings` table on `err`.

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use super::{EmitContext, OutputFormat, escape_controls};
use crate::check::{FixMode, RunReport};

/// How a run is shown.
#[derive(Debug, Clone, Copy)]
pub struct RunView<'a> {
    pub format: OutputFormat,
    pub fix: FixMode,
    /// No summary line and no fix count (`--quiet`).
    pub quiet: bool,
    /// The run's wall time, for the summary line.
    pub seconds: f64,
    /// `--statistics`: a count per rule instead of the findings.
    pub statistics: bool,
    pub context: EmitContext<'a>,
}

/// Writes a run. Returns the result of writing `out`, which decides the exit status when it
/// fails; writing `err` is best effort (nothing better can be done when stderr is gone).
pub fn write_run(
    run: &RunReport,
    view: &RunView<'_>,
    out: &mut dyn WriteColor,
    err: &mut dyn Write,
) -> io::Result<()> {
    for p in &run.problems {
        let level = if p.is_error() { "error" } else { "warning" };
        let _ = writeln!(err, "{level}: {}: {}", escape_controls(&p.path), p.error);
    }
    for skipped in &run.skipped {
        let _ = writeln!(err, "note: {}", escape_controls(&skipped.to_string()));
    }
    for (path, held) in &run.held_back {
        let _ = writeln!(err, "note: {}", escape_controls(&held_note(path, held)));
    }
    if view.fix == FixMode::Diff {
        let written = out
            .write_all(run.diff.as_bytes())
            .and_then(|()| out.flush());
        if !view.quiet {
            let _ = writeln!(err, "{}", crate::i18n::fixes_available(run.fixes));
        }
        return written;
    }
    if matches!(view.fix, FixMode::Write(_)) && !view.quiet {
        let _ = writeln!(err, "{}", crate::i18n::applied_fixes(run.fixes));
    }
    let summary = run.totals().findings.summary(view.seconds);
    if let Some(fixed) = &run.fixed_stdin {
        // stdout holds the fixed text; what remains goes to stderr, in the chosen format.
        let written = out.write_all(fixed.as_bytes()).and_then(|()| out.flush());
        let _ = view.format.emitter().emit(err, &run.files, &view.context);
        if !view.quiet {
            let _ = writeln!(err, "{summary}");
        }
        return written;
    }
    let emitted = (|| {
        if view.statistics {
            statistics(run, view.format, out)?;
        } else {
            view.format
                .emitter()
                .emit_styled(out, &run.files, &view.context)?;
        }
        // People read the summary after the findings; machines read stdout alone.
        if view.format.is_human() && !view.quiet {
            writeln!(out, "{summary}")?;
        }
        out.flush()
    })();
    if emitted.is_ok() && !view.format.is_human() && !view.quiet {
        let _ = writeln!(err, "{summary}");
    }
    if let Some(timings) = &run.timings {
        let _ = super::text::timings(timings, err);
    }
    emitted
}

/// "a.md:19:135: the fix 「帰り先」→「返り咲き」 of ja-news/kaerisaki was not applied: ...".
fn held_note(path: &str, held: &crate::fix::HeldBack) -> String {
    let at = format!("{path}:{}:{}", held.line, held.column);
    let names = |rules: &[String]| {
        rules
            .iter()
            .map(|r| format!("`{r}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // Why it was held back: another rule would undo it, or it would create an error.
    let (why_en, why_ja) = if held.creates.is_empty() && !held.reverted_by.is_empty() {
        let by = names(&held.reverted_by);
        (
            format!("{by} would at once change it back (the rules disagree about this place)"),
            format!("適用すると {by} がすぐに元に戻す修正を示す（規則どうしの判断が食い違う）"),
        )
    } else {
        let creates = names(&held.creates);
        (
            format!("it would create an error of {creates} there"),
            format!("適用すると {creates} のエラーが生じる"),
        )
    };
    crate::i18n::tr(
        format!(
            "{at}: the fix 「{}」→「{}」 of `{}` was not applied: {why_en}; it is shown as a suggestion",
            held.original, held.replacement, held.rule
        ),
        format!(
            "{at}: `{}` の修正「{}」→「{}」は適用しませんでした。{why_ja}ため、修正案として示します",
            held.rule, held.original, held.replacement
        ),
    )
}

/// `--statistics`: findings counted per rule, most frequent first (JSON for `--format json`).
fn statistics(run: &RunReport, format: OutputFormat, out: &mut dyn WriteColor) -> io::Result<()> {
    use std::collections::BTreeMap;
    // rule → (count, severity, fixable count)
    let mut counts: BTreeMap<&str, (usize, crate::finding::Severity, usize)> = BTreeMap::new();
    for f in run.files.iter().flat_map(|r| &r.findings) {
        let entry = counts.entry(&f.rule).or_insert((0, f.severity, 0));
        entry.0 += 1;
        entry.1 = entry.1.max(f.severity);
        entry.2 += usize::from(!f.fixes.is_empty());
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    if format == OutputFormat::Json {
        let rows: Vec<serde_json::Value> = rows
            .iter()
            .map(|(rule, (count, severity, fixable))| {
                serde_json::json!({
                    "rule": rule,
                    "count": count,
                    "severity": severity.as_str(),
                    "fixable": fixable,
                })
            })
            .collect();
        serde_json::to_writer_pretty(&mut *out, &rows)?;
        return out.write_all(b"\n");
    }
    let width = rows.iter().map(|(r, _)| r.len()).max().unwrap_or(0);
    for (rule, (count, severity, fixable)) in rows {
        let fixable = if fixable > 0 {
            format!("  ({fixable} fixable)")
        } else {
            String::new()
        };
        writeln!(out, "{count:>6}  {rule:width$}  {severity}{fixable}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::NoColor;

    use super::*;
    use crate::check::{CheckError, Problem};
    use crate::finding::{Finding, Severity};
    use crate::input::InputError;
    use crate::report::FileReport;
    use crate::span::{Encoding, SourceSpan};

    fn run() -> RunReport {
        let finding = Finding {
            rule: "x/rule".into(),
            kind: "existence",
            severity: Severity::Warning,
            message: "message".into(),
            span: SourceSpan::new(0, 3),
            related: vec![],
            fixes: vec![],
        };
        RunReport {
            files: vec![FileReport {
                path: "a.txt".into(),
                source: "abc\n".into(),
                encoding: Encoding::Utf8,
                findings: vec![finding],
            }],
            problems: vec![Problem {
                path: "b\u{1b}.txt".into(),
                error: CheckError::Input(InputError::Binary { offset: 1 }),
            }],
            fixes: 2,
            diff: "--- a/a.txt\n".into(),
            timings: None,
            ..RunReport::default()
        }
    }

    fn view(format: OutputFormat, fix: FixMode, quiet: bool) -> RunView<'static> {
        RunView {
            format,
            fix,
            quiet,
            seconds: 0.5,
            statistics: false,
            context: EmitContext::default(),
        }
    }

    fn write(view: &RunView<'_>) -> (String, String) {
        let (mut out, mut err) = (NoColor::new(Vec::new()), Vec::new());
        write_run(&run(), view, &mut out, &mut err).unwrap();
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
        (text(out.into_inner()), text(err))
    }

    const SUMMARY: &str = "checked 1 file: 0 errors, 1 warning, 0 infos (0.50s)\n";

    #[test]
    fn machine_formats_keep_stdout_for_the_document() {
        let (out, err) = write(&view(OutputFormat::Concise, FixMode::Off, false));
        assert_eq!(out, "a.txt:1:1: warning x/rule message\n");
        assert_eq!(
            err,
            format!(
                "warning: b\\u{{1b}}.txt: looks like a binary file (NUL byte at offset 1); skipped\n{SUMMARY}"
            )
        );
    }

    #[test]
    fn people_read_the_summary_after_the_findings() {
        let (out, err) = write(&view(OutputFormat::Human, FixMode::Off, false));
        assert!(out.starts_with("warning[x/rule]: message\n"), "{out}");
        assert!(out.ends_with(SUMMARY), "{out}");
        assert!(!err.contains("checked"), "{err}");
        let (quiet, _) = write(&view(OutputFormat::Human, FixMode::Off, true));
        assert!(!quiet.contains("checked"), "{quiet}");
    }

    #[test]
    fn diff_mode_writes_the_diff_and_counts_fixes() {
        let (out, err) = write(&view(OutputFormat::Json, FixMode::Diff, false));
        assert_eq!(out, "--- a/a.txt\n");
        assert!(err.ends_with("2 fix(es) available\n"), "{err}");
        let write_mode = FixMode::Write(crate::fix::WriteOptions::default());
        let (_, err) = write(&view(OutputFormat::Concise, write_mode, false));
        assert!(err.contains("applied 2 fix(es)\n"), "{err}");
        let (_, err) = write(&view(OutputFormat::Concise, write_mode, true));
        assert!(!err.contains("applied"), "{err}");
    }

    #[test]
    fn statistics_count_findings_per_rule() {
        let mut run = run();
        let again = run.files[0].findings[0].clone();
        run.files[0].findings.push(again);
        let view = RunView {
            statistics: true,
            ..view(OutputFormat::Human, FixMode::Off, true)
        };
        let (mut out, mut err) = (NoColor::new(Vec::new()), Vec::new());
        write_run(&run, &view, &mut out, &mut err).unwrap();
        assert_eq!(
            String::from_utf8(out.into_inner()).unwrap(),
            "     2  x/rule  warning\n"
        );
        let view = RunView {
            format: OutputFormat::Json,
            ..view
        };
        let mut out = NoColor::new(Vec::new());
        write_run(&run, &view, &mut out, &mut Vec::new()).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.into_inner()).unwrap();
        assert_eq!(json[0]["rule"], "x/rule");
        assert_eq!(json[0]["count"], 2);
    }

    #[test]
    fn fixed_stdin_goes_to_stdout_and_findings_to_stderr() {
        let run = RunReport {
            fixed_stdin: Some("fixed text\n".into()),
            ..run()
        };
        let write_mode = FixMode::Write(crate::fix::WriteOptions::default());
        let (mut out, mut err) = (NoColor::new(Vec::new()), Vec::new());
        write_run(
            &run,
            &view(OutputFormat::Concise, write_mode, false),
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(String::from_utf8(out.into_inner()).unwrap(), "fixed text\n");
        let err = String::from_utf8(err).unwrap();
        assert!(err.contains("a.txt:1:1: warning x/rule message\n"), "{err}");
        assert!(err.ends_with(SUMMARY), "{err}");
    }
}
