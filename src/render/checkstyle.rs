//! `--format checkstyle`: Checkstyle XML, read by Jenkins and many CI dashboards.

use std::io::{self, Write};

use super::{EmitContext, Emitter, FileReport, xml_escape};
use crate::span::LineIndex;

pub struct CheckstyleEmitter;

impl Emitter for CheckstyleEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        out.write_all(
            b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n",
        )?;
        for r in files {
            let index = LineIndex::new(&r.source);
            writeln!(out, "  <file name=\"{}\">", xml_escape(&r.path))?;
            for f in &r.findings {
                let at = index.line_col(&r.source, f.span.start);
                writeln!(
                    out,
                    "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"seigo.{}\"/>",
                    at.line,
                    at.column,
                    f.severity,
                    xml_escape(&f.message),
                    xml_escape(&f.rule)
                )?;
            }
            out.write_all(b"  </file>\n")?;
        }
        out.write_all(b"</checkstyle>\n")
    }
}
