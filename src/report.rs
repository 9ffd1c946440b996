//! What a check produces: one [`FileReport`] per checked text, and the counts a run's summary
//! line and exit status are computed from.

use crate::finding::{Finding, Severity};

/// One checked file (or in-memory text) and its findings, in source-span terms.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The name as shown to the user (the path as given, or the stdin name).
    pub path: String,
    pub source: String,
    /// How the file was stored: byte offsets in machine formats are offsets into the file.
    pub encoding: crate::span::Encoding,
    pub findings: Vec<Finding>,
}

/// Counts of files and findings by severity, for the summary line.
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

    /// Whether any finding is at `severity` or above.
    pub fn any_at_least(&self, severity: Severity) -> bool {
        match severity {
            Severity::Error => self.errors > 0,
            Severity::Warning => self.errors + self.warnings > 0,
            Severity::Info => self.findings() > 0,
        }
    }

    /// `checked 3 files: 2 errors, 5 warnings, 1 info (0.04s)` (in Japanese with `--lang ja`).
    pub fn summary(&self, seconds: f64) -> String {
        crate::i18n::summary(self.files, self.errors, self.warnings, self.infos, seconds)
    }
}

/// What a run's exit status depends on: its findings, the inputs that could not be checked
/// (or fixed) for a reason that is an error, and the fixes applied or available.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunTotals {
    pub findings: Totals,
    /// Inputs that failed: unreadable, undecodable, missing, or fixes not written. Skipped
    /// inputs (binary, too large) are warnings and do not count.
    pub failed: usize,
    /// Fixes applied (`--fix`) or available (`--diff`).
    pub fixes: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_at_least_follows_severity_order() {
        let warnings_only = Totals {
            files: 1,
            warnings: 2,
            ..Totals::default()
        };
        assert!(warnings_only.any_at_least(Severity::Info));
        assert!(warnings_only.any_at_least(Severity::Warning));
        assert!(!warnings_only.any_at_least(Severity::Error));
        let infos_only = Totals {
            infos: 1,
            ..Totals::default()
        };
        assert!(infos_only.any_at_least(Severity::Info));
        assert!(!infos_only.any_at_least(Severity::Warning));
        assert!(!Totals::default().any_at_least(Severity::Info));
    }

    #[test]
    fn summary_pluralises() {
        let t = Totals {
            files: 1,
            errors: 2,
            warnings: 0,
            infos: 1,
        };
        assert_eq!(
            t.summary(0.041),
            "checked 1 file: 2 errors, 0 warnings, 1 info (0.04s)"
        );
    }
}
