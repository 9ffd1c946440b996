//! `--format concise`: one line per finding, `path:line:col: severity rule message`, the form
//! editors and `grep` understand.

use std::io::{self, Write};

use super::{EmitContext, Emitter, FileReport, escape_controls};
use crate::span::LineIndex;

pub struct ConciseEmitter;

impl Emitter for ConciseEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        for r in files {
            let index = LineIndex::new(&r.source);
            for f in &r.findings {
                let at = index.line_col(&r.source, f.span.start);
                writeln!(
                    out,
                    "{}:{}:{}: {} {} {}",
                    escape_controls(&r.path),
                    at.line,
                    at.column,
                    f.severity,
                    escape_controls(&f.rule),
                    escape_controls(&f.message.replace('\n', " "))
                )?;
            }
        }
        Ok(())
    }
}
