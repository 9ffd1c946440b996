//! rustc-style diagnostics via codespan-reporting: the primary span, related spans as
//! secondary labels, and the suggested replacement as a note.

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::termcolor::{Buffer, WriteColor};
use codespan_reporting::term::{self, Config};

use super::FileReport;
use crate::error::FileError;
use crate::finding::{Finding, Severity};

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn diagnostic(f: &Finding, source: &str) -> Diagnostic<()> {
    let mut labels =
        vec![Label::primary((), f.span.range()).with_message(primary_label(f, source))];
    for r in &f.related {
        labels.push(Label::secondary((), r.span.range()).with_message(r.message.clone()));
    }
    let mut notes = Vec::new();
    for fix in &f.fixes {
        let original = source.get(fix.span.range()).unwrap_or_default();
        notes.push(format!(
            "suggestion: 「{original}」→「{}」",
            fix.replacement
        ));
    }
    Diagnostic::new(severity(f.severity))
        .with_code(f.rule.clone())
        .with_message(f.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

fn primary_label(f: &Finding, source: &str) -> String {
    match f.fixes.first() {
        Some(fix) if fix.span == f.span => format!("→ {}", fix.replacement),
        _ => source
            .get(f.span.range())
            .map(|s| format!("「{s}」"))
            .unwrap_or_default(),
    }
}

/// Renders every finding of a file into `out` (which decides about colour).
pub fn render_file(report: &FileReport, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let file = SimpleFile::new(report.path.as_str(), report.source.as_str());
    let config = Config::default();
    for f in &report.findings {
        term::emit_to_write_style(out, &config, &file, &diagnostic(f, &report.source))
            .map_err(std::io::Error::other)?;
    }
    Ok(())
}

/// Renders a file error (broken rule, config, unreadable article) against its source.
pub fn render_error(e: &FileError, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let file = SimpleFile::new(e.path.as_str(), &*e.text);
    let mut d = Diagnostic::error().with_message(e.message.clone());
    if let Some(span) = e.span {
        let span = span.start.min(e.text.len())
            ..span.end.min(e.text.len()).max(span.start.min(e.text.len()));
        d = d.with_labels(vec![Label::primary((), span)]);
    } else {
        d = d.with_message(format!("{}: {}", e.path, e.message));
    }
    if let Some(help) = &e.help {
        d = d.with_notes(vec![format!("help: {help}")]);
    }
    term::emit_to_write_style(out, &Config::default(), &file, &d).map_err(std::io::Error::other)
}

/// Plain-text rendering (no colour), for snapshots and pipes.
pub fn to_string(reports: &[FileReport]) -> String {
    let mut buf = Buffer::no_color();
    for r in reports {
        render_file(r, &mut buf).expect("writing to a buffer");
    }
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}

pub fn error_to_string(e: &FileError) -> String {
    let mut buf = Buffer::no_color();
    render_error(e, &mut buf).expect("writing to a buffer");
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}
