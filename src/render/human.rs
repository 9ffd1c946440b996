//! rustc-style diagnostics via codespan-reporting: the primary span, related spans as
//! secondary labels, and the suggested replacement as a note.

use std::io::{self, Write};
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{self, Files, SimpleFile};
use codespan_reporting::term::termcolor::{Buffer, NoColor, WriteColor};
use codespan_reporting::term::{self, Config};

use super::{EmitContext, Emitter, FileReport, escape_controls, mask_controls};
use crate::error::FileError;
use crate::finding::{Finding, Severity};
use crate::span::LineIndex;

fn severity(s: Severity) -> CsSeverity {
    match s {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
        Severity::Info => CsSeverity::Note,
    }
}

fn diagnostic(f: &Finding, source: &str, excerpt: &Excerpt) -> Diagnostic<()> {
    let mut labels = vec![
        Label::primary((), excerpt.map(f.span.range()))
            .with_message(escape_controls(&primary_label(f, source))),
    ];
    for r in &f.related {
        labels.push(
            Label::secondary((), excerpt.map(r.span.range()))
                .with_message(escape_controls(&r.message)),
        );
    }
    let mut notes = Vec::new();
    for fix in &f.fixes {
        let original = source.get(fix.span.range()).unwrap_or_default();
        let safe = fix.applicability == crate::finding::Applicability::Safe;
        notes.push(
            escape_controls(&crate::i18n::suggestion(original, &fix.replacement, safe))
                .into_owned(),
        );
    }
    Diagnostic::new(severity(f.severity))
        .with_code(escape_controls(&f.rule))
        .with_message(escape_controls(&f.message))
        .with_labels(labels)
        .with_notes(notes)
}

fn primary_label(f: &Finding, source: &str) -> String {
    match f.fixes.first() {
        Some(fix) if fix.span == f.span => format!("→ {}", fix.replacement),
        _ => source
            .get(f.span.range())
            .map(|s| {
                // The label repeats short spans only; a long one is already underlined.
                const MAX: usize = 16;
                if s.chars().count() > MAX {
                    format!("「{}…」", s.chars().take(MAX).collect::<String>())
                } else {
                    format!("「{s}」")
                }
            })
            .unwrap_or_default(),
    }
}

/// `--format human`: every finding of every file, rustc style.
pub struct HumanEmitter;

impl Emitter for HumanEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        context: &EmitContext<'_>,
    ) -> io::Result<()> {
        self.emit_styled(&mut NoColor::new(out), files, context)
    }

    fn emit_styled(
        &self,
        out: &mut dyn WriteColor,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        for r in files {
            render_file(r, out)?;
        }
        Ok(())
    }
}

/// Renders every finding of a file into `out` (which decides about colour).
pub fn render_file(report: &FileReport, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let config = Config::default();
    let line_starts: Vec<usize> = files::line_starts(&report.source).collect();
    let index = LineIndex::new(&report.source);
    let name = escape_controls(&report.path);
    for f in &report.findings {
        let spans = std::iter::once(f.span.range()).chain(f.related.iter().map(|r| r.span.range()));
        let excerpt = Excerpt::new(&name, &report.source, &line_starts, &index, spans);
        term::emit_to_write_style(
            out,
            &config,
            &excerpt,
            &diagnostic(f, &report.source, &excerpt),
        )
        .map_err(io_error)?;
    }
    Ok(())
}

/// A rendering error as an I/O error, keeping a write error as it was (a closed pipe must
/// still read as one).
fn io_error(e: files::Error) -> io::Error {
    match e {
        files::Error::Io(e) => e,
        other => io::Error::other(other),
    }
}

/// Characters of context kept on each side of a label when a line is cut.
const CONTEXT_CHARS: usize = 24;
/// Lines up to this many characters are shown whole.
const MAX_LINE_CHARS: usize = 80;

/// A file view for one diagnostic that shows only the lines its labels touch, each cut to a
/// window around the labels (Japanese articles often have 300-character lines), while line
/// and column numbers stay those of the real file.
struct Excerpt<'a> {
    name: &'a str,
    source: &'a str,
    /// For columns: counting from the line start per label is quadratic on huge lines.
    index: &'a LineIndex,
    text: String,
    lines: Vec<ExcerptLine>,
}

struct ExcerptLine {
    /// 0-based line index in the real file.
    real_line: usize,
    real_line_start: usize,
    /// The real bytes shown.
    window: Range<usize>,
    /// Where the window's first byte sits in `text` (after any leading "…").
    text_start: usize,
    text_range: Range<usize>,
}

impl<'a> Excerpt<'a> {
    fn new(
        name: &'a str,
        source: &'a str,
        line_starts: &[usize],
        index: &'a LineIndex,
        spans: impl Iterator<Item = Range<usize>>,
    ) -> Self {
        let line_of = |b: usize| line_starts.partition_point(|&s| s <= b).saturating_sub(1);
        let line_end = |l: usize| {
            let end = line_starts.get(l + 1).map_or(source.len(), |&s| s - 1);
            let end = end.max(line_starts[l]);
            if source[..end].ends_with('\r') {
                end - 1
            } else {
                end
            }
        };
        // Per real line, the byte range the labels cover on it.
        let mut covered: std::collections::BTreeMap<usize, Range<usize>> = Default::default();
        for span in spans {
            let (first, last) = (line_of(span.start), line_of(span.end.max(span.start)));
            for (l, &ls) in line_starts.iter().enumerate().take(last + 1).skip(first) {
                let le = line_end(l);
                let r = span.start.clamp(ls, le)..span.end.clamp(ls, le);
                covered
                    .entry(l)
                    .and_modify(|c| *c = c.start.min(r.start)..c.end.max(r.end))
                    .or_insert(r);
            }
        }
        let mut text = String::new();
        let mut lines = Vec::new();
        for (l, c) in covered {
            let (ls, le) = (line_starts[l], line_end(l));
            let line = &source[ls..le];
            // Bounded count: a 10 MB line must not be counted whole once per finding.
            let window = if line.chars().nth(MAX_LINE_CHARS).is_none() {
                ls..le
            } else {
                back_chars(source, c.start, ls, CONTEXT_CHARS)
                    ..forward_chars(source, c.end, le, CONTEXT_CHARS)
            };
            let line_text_start = text.len();
            if window.start > ls {
                text.push('…');
            }
            let text_start = text.len();
            text.push_str(&mask_controls(&source[window.clone()]));
            if window.end < le {
                text.push('…');
            }
            let text_range = line_text_start..text.len();
            text.push('\n');
            lines.push(ExcerptLine {
                real_line: l,
                real_line_start: ls,
                window,
                text_start,
                text_range,
            });
        }
        Excerpt {
            name,
            source,
            index,
            text,
            lines,
        }
    }

    /// Maps a real byte range to the excerpt text.
    fn map(&self, r: Range<usize>) -> Range<usize> {
        let at = |b: usize| {
            let i = self
                .lines
                .partition_point(|l| l.real_line_start <= b)
                .saturating_sub(1);
            let Some(line) = self.lines.get(i) else {
                return 0;
            };
            line.text_start + b.clamp(line.window.start, line.window.end) - line.window.start
        };
        let start = at(r.start);
        start..at(r.end).max(start)
    }
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, files::Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, files::Error> {
        Ok(self
            .lines
            .partition_point(|l| l.text_range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, files::Error> {
        Ok(self
            .lines
            .get(line_index)
            .map_or(line_index, |l| l.real_line)
            + 1)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, files::Error> {
        let Some(line) = self.lines.get(line_index) else {
            return Ok(1);
        };
        let real = line.window.start + byte_index.saturating_sub(line.text_start);
        let real = real.clamp(line.window.start, line.window.end);
        Ok(self.index.line_col(self.source, real).column)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, files::Error> {
        self.lines
            .get(line_index)
            .map(|l| l.text_range.start..l.text_range.end + 1)
            .ok_or(files::Error::LineTooLarge {
                given: line_index,
                max: self.lines.len().saturating_sub(1),
            })
    }
}

/// The byte offset `n` characters before `at`, not before `floor`.
fn back_chars(s: &str, at: usize, floor: usize, n: usize) -> usize {
    s[floor..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(floor, |(i, _)| floor + i)
}

/// The byte offset `n` characters after `at`, not after `ceil`.
fn forward_chars(s: &str, at: usize, ceil: usize, n: usize) -> usize {
    s[at..ceil]
        .char_indices()
        .nth(n)
        .map_or(ceil, |(i, _)| at + i)
}

/// Renders a file error (broken rule, config, unreadable article) against its source.
pub fn render_error(e: &FileError, out: &mut dyn WriteColor) -> std::io::Result<()> {
    let path = escape_controls(&e.path);
    let file = SimpleFile::new(path.as_ref(), mask_controls(&e.text));
    let mut d = Diagnostic::error().with_message(mask_controls(&e.message));
    if let Some(span) = e.span {
        let span = span.start.min(e.text.len())
            ..span.end.min(e.text.len()).max(span.start.min(e.text.len()));
        d = d.with_labels(vec![Label::primary((), span)]);
    } else {
        d = d.with_message(format!("{path}: {}", mask_controls(&e.message)));
    }
    if let Some(help) = &e.help {
        d = d.with_notes(vec![format!("help: {}", mask_controls(help))]);
    }
    term::emit_to_write_style(out, &Config::default(), &file, &d).map_err(io_error)
}

/// Renders a file error to a string, without colour (for a server's responses).
pub fn error_to_string(e: &FileError) -> String {
    let mut buf = Buffer::no_color();
    render_error(e, &mut buf).expect("writing to a buffer");
    String::from_utf8_lossy(buf.as_slice()).into_owned()
}
