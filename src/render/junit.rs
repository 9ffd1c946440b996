//! `--format junit`: one test suite per file, one failed test case per finding (a clean file
//! is one passing case), for CI systems that only read JUnit XML.

use std::io::{self, Write};

use super::{EmitContext, Emitter, FileReport, Totals, xml_escape};
use crate::span::LineIndex;

pub struct JunitEmitter;

impl Emitter for JunitEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        let totals = Totals::of(files);
        let cases = |r: &FileReport| r.findings.len().max(1);
        let tests: usize = files.iter().map(cases).sum();
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"seigo\" tests=\"{tests}\" failures=\"{}\">\n",
            totals.findings()
        )?;
        for r in files {
            let index = LineIndex::new(&r.source);
            let path = xml_escape(&r.path);
            writeln!(
                out,
                "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\">",
                cases(r),
                r.findings.len()
            )?;
            if r.findings.is_empty() {
                writeln!(out, "    <testcase name=\"{path}\" classname=\"seigo\"/>")?;
            }
            for f in &r.findings {
                let at = index.line_col(&r.source, f.span.start);
                let excerpt = r.source.get(f.span.range()).unwrap_or_default();
                writeln!(
                    out,
                    "    <testcase name=\"{rule} at {line}:{col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      <failure message=\"{msg}\" type=\"{sev}\">{path}:{line}:{col}: {msg} 「{ex}」</failure>\n    </testcase>",
                    rule = xml_escape(&f.rule),
                    line = at.line,
                    col = at.column,
                    msg = xml_escape(&f.message),
                    sev = f.severity,
                    ex = xml_escape(excerpt),
                )?;
            }
            out.write_all(b"  </testsuite>\n")?;
        }
        out.write_all(b"</testsuites>\n")
    }
}
