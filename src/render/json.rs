//! `--format json`: one stable document for machines.
//!
//! ```json
//! {"version": 1, "files": [{"path": "a.txt", "findings": [{"rule": "ja-news/kaerisaki",
//!   "kind": "substitution", "severity": "warning", "message": "...",
//!   "span": {"start": 10, "end": 19, "line": 3, "column": 4, "end_line": 3, "end_column": 7},
//!   "related": [{"span": {...}, "message": "..."}],
//!   "fixes": [{"span": {...}, "replacement": "返り咲き", "applicability": "safe"}]}]}],
//!  "summary": {"files": 1, "errors": 0, "warnings": 1, "infos": 0}}
//! ```
//! Offsets are bytes into the file; lines and columns are 1-based, columns in code points.

use std::io::{self, Write};

use serde::Serialize;

use super::{EmitContext, Emitter, FileReport, Totals};
use crate::finding::Finding;
use crate::span::{Encoding, LineIndex, SourceSpan};

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct Output<'a> {
    version: u32,
    files: Vec<FileOut<'a>>,
    summary: SummaryOut,
}

#[derive(Serialize)]
struct FileOut<'a> {
    path: &'a str,
    findings: Vec<FindingOut<'a>>,
}

#[derive(Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    kind: &'a str,
    severity: &'a str,
    message: &'a str,
    span: SpanOut,
    related: Vec<RelatedOut<'a>>,
    fixes: Vec<FixOut<'a>>,
}

#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct RelatedOut<'a> {
    span: SpanOut,
    message: &'a str,
}

#[derive(Serialize)]
struct FixOut<'a> {
    span: SpanOut,
    replacement: &'a str,
    /// `safe` (applied by `--fix`) or `suggestion` (only with `--unsafe-fixes`).
    applicability: &'a str,
}

#[derive(Serialize)]
struct SummaryOut {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn span_out(index: &LineIndex, source: &str, encoding: Encoding, span: SourceSpan) -> SpanOut {
    let start = index.line_col(source, span.start);
    let end = index.line_col(source, span.end);
    SpanOut {
        start: index.stored_offset(source, span.start, encoding),
        end: index.stored_offset(source, span.end, encoding),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

fn finding_out<'a>(
    index: &LineIndex,
    source: &str,
    encoding: Encoding,
    f: &'a Finding,
) -> FindingOut<'a> {
    FindingOut {
        rule: &f.rule,
        kind: f.kind,
        severity: f.severity.as_str(),
        message: &f.message,
        span: span_out(index, source, encoding, f.span),
        related: f
            .related
            .iter()
            .map(|r| RelatedOut {
                span: span_out(index, source, encoding, r.span),
                message: &r.message,
            })
            .collect(),
        fixes: f
            .fixes
            .iter()
            .map(|x| FixOut {
                span: span_out(index, source, encoding, x.span),
                replacement: &x.replacement,
                applicability: x.applicability.as_str(),
            })
            .collect(),
    }
}

pub struct JsonEmitter;

impl Emitter for JsonEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        let totals = Totals::of(files);
        let files = files
            .iter()
            .map(|r| {
                let index = LineIndex::new(&r.source);
                FileOut {
                    path: &r.path,
                    findings: r
                        .findings
                        .iter()
                        .map(|f| finding_out(&index, &r.source, r.encoding, f))
                        .collect(),
                }
            })
            .collect();
        let document = Output {
            version: SCHEMA_VERSION,
            files,
            summary: SummaryOut {
                files: totals.files,
                errors: totals.errors,
                warnings: totals.warnings,
                infos: totals.infos,
            },
        };
        serde_json::to_writer_pretty(&mut *out, &document)?;
        out.write_all(b"\n")
    }
}
