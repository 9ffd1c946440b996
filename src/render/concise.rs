//! `--format concise`: one line per finding, `path:line:col: severity rule message`, the form
//! editors and `grep` understand.

use super::{FileReport, escape_controls};
use crate::span::LineIndex;

pub fn to_string(reports: &[FileReport]) -> String {
    let mut out = String::new();
    for r in reports {
        let index = LineIndex::new(&r.source);
        for f in &r.findings {
            let at = index.line_col(&r.source, f.span.start);
            out.push_str(&format!(
                "{}:{}:{}: {} {} {}\n",
                escape_controls(&r.path),
                at.line,
                at.column,
                f.severity,
                escape_controls(&f.rule),
                escape_controls(&f.message.replace('\n', " "))
            ));
        }
    }
    out
}
