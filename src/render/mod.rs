//! Output formats, all rendered from the same findings. The library builds strings; only
//! `main.rs` writes to the terminal.

pub mod human;
pub mod json;

use crate::finding::{Finding, Severity};

/// One checked file and its findings, in source-span terms.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: String,
    pub source: String,
    pub findings: Vec<Finding>,
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
