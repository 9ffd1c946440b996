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
    if view.fix == FixMode::Diff {
        let written = out
            .write_all(run.diff.as_bytes())
            .and_then(|()| out.flush());
        if !view.quiet {
            let _ = writeln!(err, "{} fix(es) available", run.fixes);
        }
        return written;
    }
    if matches!(view.fix, FixMode::Write(_)) && !view.quiet {
        let _ = writeln!(err, "applied {} fix(es)", run.fixes);
    }
    let summary = run.totals().findings.summary(view.seconds);
    let emitted = (|| {
        view.format
            .emitter()
            .emit_styled(out, &run.files, &view.context)?;
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

#[cfg(test)]
mod tests {
    use codespan_reporting::term::termcolor::NoColor;

    use super::*;
    use crate::check::{CheckError, Problem};
    use crate::finding::{Finding, Severity};
    use crate::input::InputError;
    use crate::report::FileReport;
    use crate::span::{Encoding, Span};

    fn run() -> RunReport {
        let finding = Finding {
            rule: "x/rule".into(),
            kind: "existence",
            severity: Severity::Warning,
            message: "message".into(),
            span: Span::new(0, 3),
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
        }
    }

    fn view(format: OutputFormat, fix: FixMode, quiet: bool) -> RunView<'static> {
        RunView {
            format,
            fix,
            quiet,
            seconds: 0.5,
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
}
