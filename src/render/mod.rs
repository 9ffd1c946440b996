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

/// Escapes text for XML attributes and content.
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
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
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
