//! `--format github`: GitHub Actions workflow commands, which become annotations on the
//! pull request's changed lines.

use std::io::{self, Write};

use super::{EmitContext, Emitter, FileReport};
use crate::finding::Severity;
use crate::span::LineIndex;

/// Escaping from the Actions toolkit: data escapes `%`, CR, LF; properties also `:` and `,`.
/// Other control characters (terminal escapes) are shown as escapes, never printed raw.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
        .chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

pub struct GithubEmitter;

impl Emitter for GithubEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        _: &EmitContext<'_>,
    ) -> io::Result<()> {
        for r in files {
            let index = LineIndex::new(&r.source);
            for f in &r.findings {
                let start = index.line_col(&r.source, f.span.start);
                let end = index.line_col(&r.source, f.span.end);
                let level = match f.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Info => "notice",
                };
                writeln!(
                    out,
                    "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    escape_property(&r.path),
                    start.line,
                    start.column,
                    end.line,
                    end.column,
                    escape_property(&f.rule),
                    escape_data(&f.message)
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_properties_and_data() {
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
        assert_eq!(escape_data("x\ny: z"), "x%0Ay: z");
    }
}
