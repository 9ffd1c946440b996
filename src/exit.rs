//! The exit status of a run, as a function of its totals and the options: 0 clean, 1
//! findings (or fixes available, or failing rule examples), 2 an error (ruff's convention).

use crate::finding::Severity;
use crate::report::RunTotals;

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    /// Nothing at or above the failing severity.
    Clean,
    /// Findings that fail the run; for `--diff`, fixes available; for `seigo test`, a failing
    /// example or (with `--coverage`) a rule without examples.
    Findings,
    /// A usage, configuration or input error, or output that could not be written.
    Error,
}

impl ExitStatus {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Clean => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        }
    }
}

/// What makes a `seigo check` run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExitPolicy {
    /// The lowest severity that fails the run (`--fail-on`).
    pub fail_on: Severity,
    /// More warnings than this fail the run whatever `fail_on` says (`--max-warnings`).
    pub max_warnings: Option<usize>,
    /// `--diff`: the run fails when fixes are available, not on findings.
    pub diff: bool,
}

impl Default for ExitPolicy {
    fn default() -> Self {
        ExitPolicy {
            fail_on: Severity::Warning,
            max_warnings: None,
            diff: false,
        }
    }
}

impl ExitPolicy {
    /// The status a run with these totals ends with. Decided before any output is written: a
    /// reader that stops early (`seigo check | head`) must not turn findings into success.
    pub fn status(&self, totals: &RunTotals) -> ExitStatus {
        if totals.failed > 0 {
            return ExitStatus::Error;
        }
        let fails = if self.diff {
            totals.fixes > 0
        } else {
            totals.findings.any_at_least(self.fail_on)
                || self
                    .max_warnings
                    .is_some_and(|max| totals.findings.warnings > max)
        };
        if fails {
            ExitStatus::Findings
        } else {
            ExitStatus::Clean
        }
    }
}

/// The status once the output has been written: a closed pipe (`seigo check | head`) ends
/// quietly with the status the run called for; any other write error (a full disk) is
/// returned, and is an error.
pub fn after_output(
    status: ExitStatus,
    written: std::io::Result<()>,
) -> std::io::Result<ExitStatus> {
    match written {
        Ok(()) => Ok(status),
        Err(e) if is_broken_pipe(&e) => Ok(status),
        Err(e) => Err(e),
    }
}

/// Whether an error is, or was caused by, writing to a closed pipe.
pub fn is_broken_pipe(e: &(dyn std::error::Error + 'static)) -> bool {
    std::iter::successors(Some(e), |e| e.source()).any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Totals;

    fn run(errors: usize, warnings: usize, infos: usize) -> RunTotals {
        RunTotals {
            findings: Totals {
                files: 1,
                errors,
                warnings,
                infos,
            },
            ..RunTotals::default()
        }
    }

    fn fail_on(severity: Severity) -> ExitPolicy {
        ExitPolicy {
            fail_on: severity,
            ..ExitPolicy::default()
        }
    }

    #[test]
    fn a_clean_run_is_clean() {
        assert_eq!(
            ExitPolicy::default().status(&run(0, 0, 0)),
            ExitStatus::Clean
        );
        assert_eq!(ExitStatus::Clean.code(), 0);
    }

    #[test]
    fn findings_fail_from_the_fail_on_severity_up() {
        let warning = run(0, 1, 0);
        assert_eq!(ExitPolicy::default().status(&warning), ExitStatus::Findings);
        assert_eq!(fail_on(Severity::Error).status(&warning), ExitStatus::Clean);
        assert_eq!(
            fail_on(Severity::Error).status(&run(1, 0, 0)),
            ExitStatus::Findings
        );
        let info = run(0, 0, 3);
        assert_eq!(ExitPolicy::default().status(&info), ExitStatus::Clean);
        assert_eq!(fail_on(Severity::Info).status(&info), ExitStatus::Findings);
        assert_eq!(ExitStatus::Findings.code(), 1);
    }

    #[test]
    fn too_many_warnings_fail_even_when_only_errors_would() {
        let policy = ExitPolicy {
            fail_on: Severity::Error,
            max_warnings: Some(2),
            diff: false,
        };
        assert_eq!(policy.status(&run(0, 2, 0)), ExitStatus::Clean);
        assert_eq!(policy.status(&run(0, 3, 0)), ExitStatus::Findings);
    }

    #[test]
    fn diff_fails_on_available_fixes_not_on_findings() {
        let policy = ExitPolicy {
            diff: true,
            ..ExitPolicy::default()
        };
        assert_eq!(policy.status(&run(2, 5, 0)), ExitStatus::Clean);
        let fixable = RunTotals {
            fixes: 1,
            ..RunTotals::default()
        };
        assert_eq!(policy.status(&fixable), ExitStatus::Findings);
    }

    #[test]
    fn a_failed_input_is_an_error_whatever_the_findings() {
        let failed = RunTotals {
            failed: 1,
            fixes: 3,
            ..run(4, 4, 4)
        };
        assert_eq!(ExitPolicy::default().status(&failed), ExitStatus::Error);
        let diff = ExitPolicy {
            diff: true,
            ..ExitPolicy::default()
        };
        assert_eq!(diff.status(&failed), ExitStatus::Error);
        assert_eq!(ExitStatus::Error.code(), 2);
    }

    #[test]
    fn a_closed_pipe_keeps_the_status_other_write_errors_do_not() {
        use std::io::{Error, ErrorKind};
        let closed = after_output(
            ExitStatus::Findings,
            Err(Error::from(ErrorKind::BrokenPipe)),
        );
        assert_eq!(closed.unwrap(), ExitStatus::Findings);
        assert_eq!(
            after_output(ExitStatus::Clean, Ok(())).unwrap(),
            ExitStatus::Clean
        );
        let full = after_output(ExitStatus::Clean, Err(Error::from(ErrorKind::StorageFull)));
        assert_eq!(full.unwrap_err().kind(), ErrorKind::StorageFull);
    }

    #[test]
    fn a_closed_pipe_is_recognised_behind_other_errors() {
        #[derive(Debug, thiserror::Error)]
        #[error("cannot render")]
        struct Render(#[source] std::io::Error);
        let pipe = Render(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(is_broken_pipe(&pipe));
        let other = Render(std::io::Error::other("disk full"));
        assert!(!is_broken_pipe(&other));
    }
}
