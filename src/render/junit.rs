//! `--format junit`: one test suite per file, one failed test case per finding (a clean file
//! is one passing case), for CI systems that only read JUnit XML.

use super::{FileReport, Totals, xml_escape};
use crate::span::LineIndex;

pub fn to_string(reports: &[FileReport]) -> String {
    let totals = Totals::of(reports);
    let cases = |r: &FileReport| r.findings.len().max(1);
    let tests: usize = reports.iter().map(cases).sum();
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"seigo\" tests=\"{tests}\" failures=\"{}\">\n",
        totals.findings()
    );
    for r in reports {
        let index = LineIndex::new(&r.source);
        let path = xml_escape(&r.path);
        out.push_str(&format!(
            "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{}\">\n",
            cases(r),
            r.findings.len()
        ));
        if r.findings.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{path}\" classname=\"seigo\"/>\n"
            ));
        }
        for f in &r.findings {
            let at = index.line_col(&r.source, f.span.start);
            let excerpt = r.source.get(f.span.range()).unwrap_or_default();
            out.push_str(&format!(
                "    <testcase name=\"{rule} at {line}:{col}\" classname=\"{path}\" file=\"{path}\" line=\"{line}\">\n      <failure message=\"{msg}\" type=\"{sev}\">{path}:{line}:{col}: {msg} 「{ex}」</failure>\n    </testcase>\n",
                rule = xml_escape(&f.rule),
                line = at.line,
                col = at.column,
                msg = xml_escape(&f.message),
                sev = f.severity,
                ex = xml_escape(excerpt),
            ));
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}
