//! `--format checkstyle`: Checkstyle XML, read by Jenkins and many CI dashboards.

use super::{FileReport, xml_escape};
use crate::span::LineIndex;

pub fn to_string(reports: &[FileReport]) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for r in reports {
        let index = LineIndex::new(&r.source);
        out.push_str(&format!("  <file name=\"{}\">\n", xml_escape(&r.path)));
        for f in &r.findings {
            let at = index.line_col(&r.source, f.span.start);
            out.push_str(&format!(
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"seigo.{}\"/>\n",
                at.line,
                at.column,
                f.severity,
                xml_escape(&f.message),
                xml_escape(&f.rule)
            ));
        }
        out.push_str("  </file>\n");
    }
    out.push_str("</checkstyle>\n");
    out
}
