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
