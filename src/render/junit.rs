//! `--format junit`: one test suite per file, one test case per finding (a clean file is one
//! passing case), for CI systems that only read JUnit XML. Findings at or above `--fail-on`
//! (default: warning) are failures; those below it (infos, by default) are passing cases that
//! carry the finding in `system-out`, so that they are seen without failing the build.

use std::io::{self, Write};

use super::{EmitContext, Emitter, FileReport, xml_escape};
use crate::span::LineIndex;

pub struct JunitEmitter;

impl Emitter for JunitEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        context: &EmitContext<'_>,
    ) -> io::Result<()> {
        let fails = |f: &&crate::finding::Finding| f.severity >= context.fail_on;
        let cases = |r: &FileReport| r.findings.len().max(1);
        let tests: usize = files.iter().map(cases).sum();
        let failures: usize = files
            .iter()
            .map(|r| r.findings.iter().filter(fails).count())
            .sum();
        write!(
            out,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"seigo\" tests=\"{tests}\" failures=\"{failures}\">\n",
        )?;
        for r in files {
            let index = LineIndex::new(&r.source);
            let path = xml_escape(&r.path);
            writeln!(
                out,
                "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\">",
                cases(r),
                r.findings.iter().filter(fails).count()
            )?;
            if r.findings.is_empty() {
                writeln!(out, "    <testcase name=\"{path}\" classname=\"seigo\"/>")?;
            }
            for f in &r.findings {
                let at = index.line_col(&r.source, f.span.start);
                let excerpt = r.source.get(f.span.range()).unwrap_or_default();
                let element = if fails(&f) { "failure" } else { "system-out" };
                let attributes = if fails(&f) {
                    format!(
                        " message=\"{}\" type=\"{}\"",
                        xml_escape(&f.message),
                        f.severity
                    )
                } else {
                    String::new()
                };
                writeln!(
                    out,
                    "    <testcase name=\"{rule} at {line}:{col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      <{element}{attributes}>{path}:{line}:{col}: {msg} 「{ex}」</{element}>\n    </testcase>",
                    rule = xml_escape(&f.rule),
                    line = at.line,
                    col = at.column,
                    msg = xml_escape(&f.message),
                    ex = xml_escape(excerpt),
                )?;
            }
            out.write_all(b"  </testsuite>\n")?;
        }
        out.write_all(b"</testsuites>\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::{Finding, Severity};
    use crate::span::{Encoding, SourceSpan};

    fn report() -> FileReport {
        let finding = |severity, start| Finding {
            rule: "x/rule".into(),
            kind: "existence",
            severity,
            message: "m".into(),
            span: SourceSpan::new(start, start + 1),
            related: vec![],
            fixes: vec![],
        };
        FileReport {
            path: "a.txt".into(),
            source: "ab\n".into(),
            encoding: Encoding::Utf8,
            findings: vec![finding(Severity::Warning, 0), finding(Severity::Info, 1)],
        }
    }

    #[test]
    fn findings_below_fail_on_are_passing_cases() {
        let files = [report()];
        let xml = super::super::to_string(&JunitEmitter, &files, &EmitContext::default());
        assert!(xml.contains("tests=\"2\" failures=\"1\""), "{xml}");
        assert_eq!(xml.matches("<failure ").count(), 1, "{xml}");
        assert!(
            xml.contains("<system-out>a.txt:1:2: m 「b」</system-out>"),
            "{xml}"
        );
        let strict = EmitContext {
            fail_on: Severity::Info,
            ..EmitContext::default()
        };
        let xml = super::super::to_string(&JunitEmitter, &files, &strict);
        assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
        roxmltree::Document::parse(&xml).expect("well-formed");
    }
}
