//! Output formats, all rendered from the same findings. The library builds strings; only
//! `main.rs` writes to the terminal.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

use crate::finding::{Finding, Severity};

/// One checked file and its findings, in source-span terms.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub source: String,
    /// How the file was stored: byte offsets in machine formats are offsets into the file.
    pub encoding: crate::span::Encoding,
    pub findings: Vec<Finding>,
}

/// What machine formats say about a rule (SARIF `tool.driver.rules`).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub description: String,
}

impl RuleInfo {
    pub fn of(rules: &[crate::rules::Rule]) -> Vec<RuleInfo> {
        rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.clone(),
                kind: r.kind(),
                severity: r.severity,
                description: r.description.trim().to_string(),
            })
            .collect()
    }
}

/// Escapes text for XML attributes and content. Characters XML 1.0 does not allow at all
/// (C0 controls other than tab and newlines, lone surrogates cannot occur, U+FFFE, U+FFFF)
/// become U+FFFD, so the document stays well-formed whatever a file name or article holds.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that must never reach a terminal or a CI log raw: C0 and C1 controls (escape
/// sequences, bells, carriage returns that overwrite a line), DEL, and the Unicode line
/// separators and bidirectional overrides that reorder what is shown.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from outside (a file name, a rule's message) made safe to print on one line: every
/// dangerous character, newlines included, is written as an escape (`\n`, `\u{1b}`), so a
/// file name cannot start a line of its own (a forged `::warning` command in CI).
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_dangerous(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Source text shown in an excerpt, made safe without moving any byte: each dangerous
/// character (other than tab and newline) becomes a printable character of the same UTF-8
/// length (`?`, `¿`, `�`), so spans into the text still point at the same characters.
pub fn mask_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let dangerous = |c: char| is_dangerous(c) && c != '\t' && c != '\n';
    if !s.chars().any(dangerous) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if !dangerous(c) => c,
                c if c.len_utf8() == 1 => '?',
                c if c.len_utf8() == 2 => '¿',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keep_lines_and_lengths_safe() {
        assert_eq!(
            escape_controls("a\n::warning\u{1b}[2J"),
            "a\\n::warning\\u{1b}[2J"
        );
        assert_eq!(escape_controls("普通の名前.md"), "普通の名前.md");
        let masked = mask_controls("x\u{1b}y\u{85}z\u{202E}w\tv\n");
        assert_eq!(masked, "x?y¿z\u{FFFD}w\tv\n");
        assert_eq!(masked.len(), "x\u{1b}y\u{85}z\u{202E}w\tv\n".len());
        assert_eq!(xml_escape("a\u{1}b\u{FFFF}<"), "a\u{FFFD}b\u{FFFD}&lt;");
    }
}

/// Counts for the summary line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport]) -> Totals {
        let mut t = Totals {
            files: reports.len(),
            ..Totals::default()
        };
        for f in reports.iter().flat_map(|r| &r.findings) {
            match f.severity {
                Severity::Error => t.errors += 1,
                Severity::Warning => t.warnings += 1,
                Severity::Info => t.infos += 1,
            }
        }
        t
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// `checked 3 files: 2 errors, 5 warnings, 1 info (0.04s)`.
    pub fn summary(&self, seconds: f64) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        format!(
            "checked {}: {}, {}, {} ({seconds:.2}s)",
            plural(self.files, "file"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.infos, "info"),
        )
    }
}
