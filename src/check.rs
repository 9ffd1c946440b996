//! Running a check: read, decode, check and (with `--fix` or `--diff`) fix each file, in
//! parallel, and fold the per-file outcomes into a [`RunReport`]. In-memory texts (an editor's
//! buffer) go through the same steps with [`Workspace::check_text`].

use std::path::Path;
use std::sync::Mutex;

use rayon::prelude::*;

use crate::document::Document;
use crate::engine::{Linter, Timings};
use crate::error::Error;
use crate::fix::{self, FixError, FixOptions, Fixed, HeldBack, WriteError, WriteOptions};
use crate::input::{self, InputError};
use crate::report::{FileReport, RunTotals, Totals};
use crate::workspace::{Discovered, Discovery, PathError, Skipped, Target, Workspace};

/// What a check does with the fixes rules suggest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum FixMode {
    /// Report findings only.
    #[default]
    Off,
    /// Compute the fixes and show them as a unified diff (`--diff`).
    Diff,
    /// Apply the fixes and write the files (`--fix`); standard input's fixed text is given
    /// back in [`RunReport::fixed_stdin`].
    Write(WriteOptions),
}

/// How files are checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    pub fix: FixMode,
    /// Larger inputs are skipped with a warning (`--max-file-size`).
    pub max_file_size: u64,
    /// Measure the time spent per rule and in tokenizing (`--timings`).
    pub timings: bool,
    /// Which fixes `fix` applies (`--unsafe-fixes`).
    pub fixes: FixOptions,
}

impl Default for CheckOptions {
    fn default() -> Self {
        CheckOptions {
            fix: FixMode::Off,
            max_file_size: input::DEFAULT_MAX_BYTES,
            timings: false,
            fixes: FixOptions::default(),
        }
    }
}

/// Why an input was not checked, or its fixes not written.
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// A path named that is missing or unreadable, or a directory the walk could not read.
    #[error(transparent)]
    Unusable(std::io::Error),
    #[error(transparent)]
    Input(#[from] InputError),
    /// The fixes do not converge; nothing was written.
    #[error(transparent)]
    Fix(#[from] FixError),
    /// The fixes could not be written; the file is as it was.
    #[error(transparent)]
    Write(#[from] WriteError),
}

impl CheckError {
    /// Skipped by design (a binary or too large file): a warning, not an error.
    pub fn is_skip(&self) -> bool {
        matches!(
            self,
            CheckError::Input(InputError::Binary { .. } | InputError::TooLarge { .. })
        )
    }
}

/// What `--fix` or `--diff` did to one file.
#[derive(Debug)]
pub struct FixOutcome {
    /// Fixes applied (or, for `--diff`, available); 0 when writing failed.
    pub applied: usize,
    /// The unified diff, for `--diff` when there are fixes.
    pub diff: Option<String>,
    /// Why the fixed text was not written.
    pub write_error: Option<WriteError>,
    /// Fixes not applied because they would create an error.
    pub held_back: Vec<HeldBack>,
    /// The fixed text of standard input (`--fix` on `-`), to print.
    pub stdout: Option<String>,
}

/// What happened to one input.
#[derive(Debug)]
pub enum FileOutcome {
    /// Checked: the findings, on the file as it now is (fixed, when fixes were written).
    Checked {
        report: FileReport,
        fix: Option<FixOutcome>,
    },
    /// Not checked: an error, or a warning when [`CheckError::is_skip`].
    NotChecked { path: String, error: CheckError },
}

/// An input that was not checked, or not fixed, and why.
#[derive(Debug, thiserror::Error)]
#[error("{path}: {error}")]
pub struct Problem {
    pub path: String,
    #[source]
    pub error: CheckError,
}

impl Problem {
    /// An error (exit 2) rather than a warning (a skipped file).
    pub fn is_error(&self) -> bool {
        !self.error.is_skip()
    }
}

/// The outcome of a run over many files.
#[derive(Debug, Default)]
pub struct RunReport {
    /// The checked files, in discovery order.
    pub files: Vec<FileReport>,
    /// Inputs not checked or not fixed, in discovery order, then the unusable paths.
    pub problems: Vec<Problem>,
    /// Fixes applied (`--fix`) or available (`--diff`).
    pub fixes: usize,
    /// The unified diffs of every file, for `--diff`.
    pub diff: String,
    /// Time per rule and in tokenizing, summed over files, when asked for.
    pub timings: Option<Timings>,
    /// Files named that were not checked for their extension (notes).
    pub skipped: Vec<Skipped>,
    /// Per file, the fixes held back because they would create an error (notes).
    pub held_back: Vec<(String, HeldBack)>,
    /// `--fix` on standard input: its fixed text, written to stdout instead of the findings.
    pub fixed_stdin: Option<String>,
}

impl RunReport {
    pub fn totals(&self) -> RunTotals {
        RunTotals {
            findings: Totals::of(&self.files),
            failed: self.problems.iter().filter(|p| p.is_error()).count(),
            fixes: self.fixes,
        }
    }

    /// Adds one file's outcome.
    pub fn push(&mut self, outcome: FileOutcome) {
        match outcome {
            FileOutcome::Checked { report, fix } => {
                if let Some(fix) = fix {
                    self.fixes += fix.applied;
                    for h in fix.held_back {
                        self.held_back.push((report.path.clone(), h));
                    }
                    if let Some(text) = fix.stdout {
                        self.fixed_stdin = Some(text);
                    }
                    if let Some(diff) = fix.diff {
                        self.diff.push_str(&diff);
                    }
                    if let Some(error) = fix.write_error {
                        self.problems.push(Problem {
                            path: report.path.clone(),
                            error: error.into(),
                        });
                    }
                }
                self.files.push(report);
            }
            FileOutcome::NotChecked { path, error } => self.problems.push(Problem { path, error }),
        }
    }
}

impl Workspace {
    /// Checks an in-memory text as the file `name`: the configuration governing `name` applies,
    /// and its extension (or an override) chooses Markdown or plain text. The same steps as a
    /// file on disk. Fails when the configuration governing `name` is broken.
    pub fn check_text(&self, name: &str, text: impl Into<String>) -> Result<FileReport, Error> {
        let settings = self.settings_of(Path::new(name))?;
        let format = settings.format_of(Path::new(name));
        Ok(check_document(
            settings.linter(),
            Document::parse(name, text.into(), format),
            None,
        ))
    }

    /// Applies the safe fixes (and with `options.unsafe_fixes` the others) to an in-memory
    /// text as the file `name`, round after round until none is left, as `--fix` does to a file.
    pub fn fix_text(&self, name: &str, text: &str, options: FixOptions) -> Result<Fixed, Error> {
        let settings = self.settings_of(Path::new(name))?;
        let format = settings.format_of(Path::new(name));
        Ok(fix::fix_text(
            settings.linter(),
            name,
            format,
            text,
            options,
        )?)
    }

    /// Checks every discovered file in parallel; `progress` is called once per file done. The
    /// report lists files in discovery order whatever the number of threads.
    pub fn check_files(
        &self,
        discovery: Discovery,
        options: &CheckOptions,
        progress: &(dyn Fn() + Sync),
    ) -> RunReport {
        let timings = options.timings.then(|| Mutex::new(Timings::new()));
        let outcomes: Vec<FileOutcome> = discovery
            .files
            .par_iter()
            .map(|file| {
                let outcome = self.check_file(file, options, timings.as_ref());
                progress();
                outcome
            })
            .collect();
        let mut run = RunReport {
            skipped: discovery.skipped,
            ..RunReport::default()
        };
        for outcome in outcomes {
            run.push(outcome);
        }
        for PathError { path, error } in discovery.unusable {
            run.push(FileOutcome::NotChecked {
                path,
                error: CheckError::Unusable(error),
            });
        }
        run.timings = timings.map(|t| t.into_inner().unwrap_or_else(|e| e.into_inner()));
        run
    }

    /// Reads, checks and (as `options` say) fixes one file. `timings`, when given, collects
    /// the time per rule.
    pub fn check_file(
        &self,
        file: &Discovered,
        options: &CheckOptions,
        timings: Option<&Mutex<Timings>>,
    ) -> FileOutcome {
        let settings = self.settings(file.settings);
        let linter = settings.linter();
        let shown = file.target.name();
        let not_checked = |error: CheckError| FileOutcome::NotChecked {
            path: shown.clone(),
            error,
        };
        let format = settings.format_of(Path::new(&shown));
        let read = match &file.target {
            Target::Stdin { .. } => {
                input::read_stream_bytes(std::io::stdin().lock(), options.max_file_size)
            }
            Target::File(path) => input::read_bytes(path, options.max_file_size),
        };
        let bytes = match read {
            Ok(b) => b,
            Err(e) => return not_checked(e.into()),
        };
        let original = (options.fix != FixMode::Off).then(|| bytes.clone());
        let doc = match input::parse_bytes(&shown, format, bytes) {
            Ok(doc) => doc,
            Err(e) => return not_checked(e.into()),
        };
        let Some(original) = original else {
            return FileOutcome::Checked {
                report: check_document(linter, doc, timings),
                fix: None,
            };
        };
        let fixed = match fix::fix_text(linter, &shown, format, &doc.source, options.fixes) {
            Ok(fixed) => fixed,
            Err(e) => return not_checked(e.into()),
        };
        let mut outcome = FixOutcome {
            applied: fixed.applied,
            diff: None,
            write_error: None,
            held_back: fixed.held_back,
            stdout: None,
        };
        // The original's findings come from the first fix round; it is not checked twice.
        let unfixed = FileReport {
            path: doc.name,
            source: doc.source,
            encoding: doc.encoding,
            findings: fixed.original,
        };
        if fixed.text == unfixed.source {
            if let (FixMode::Write(_), Target::Stdin { .. }) = (options.fix, &file.target) {
                outcome.stdout = Some(fixed.text);
            }
            // Held-back fixes are suggestions in the findings shown.
            let report = FileReport {
                findings: fixed.remaining,
                ..unfixed
            };
            return FileOutcome::Checked {
                report,
                fix: Some(outcome),
            };
        }
        let written = match (options.fix, &file.target) {
            (FixMode::Diff, _) => {
                outcome.diff = Some(fix::unified_diff(&shown, &unfixed.source, &fixed.text));
                None
            }
            (FixMode::Write(write), Target::File(path)) => {
                Some(fix::write_atomically(path, &original, &fixed.text, write))
            }
            (FixMode::Write(_), Target::Stdin { .. }) => {
                outcome.stdout = Some(fixed.text.clone());
                Some(Ok(()))
            }
            (FixMode::Off, _) => unreachable!("fix mode checked above"),
        };
        let report = match written {
            None => unfixed,
            Some(Ok(())) => FileReport {
                path: shown,
                source: fixed.text,
                encoding: unfixed.encoding,
                findings: fixed.remaining,
            },
            Some(Err(e)) => {
                outcome.applied = 0;
                outcome.write_error = Some(e);
                unfixed
            }
        };
        FileOutcome::Checked {
            report,
            fix: Some(outcome),
        }
    }
}

/// The one place a document is checked, for files and in-memory texts alike.
fn check_document(linter: &Linter, doc: Document, timings: Option<&Mutex<Timings>>) -> FileReport {
    let findings = match timings {
        Some(shared) => {
            let mut local = Timings::new();
            let findings = linter.check_timed(&doc, Some(&mut local));
            let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
            for (rule, t) in local {
                *shared.entry(rule).or_default() += t;
            }
            findings
        }
        None => linter.check(&doc),
    };
    FileReport {
        path: doc.name,
        source: doc.source,
        encoding: doc.encoding,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;
    use std::sync::LazyLock;

    use super::*;
    use crate::config::Config;

    static WORKSPACE: LazyLock<Workspace> = LazyLock::new(|| {
        let config = Config::default();
        let morphology = crate::lang::ja::Morphology::new();
        let rules = config.load_rules(&morphology).expect("built-in packs load");
        Workspace::new(config, Linter::new(rules, morphology))
    });

    const GARBLED: &str = "トランプ氏に備える\n\nトランプ氏の帰り先に備える。\n";

    fn rules(report: &FileReport) -> Vec<&str> {
        report.findings.iter().map(|f| f.rule.as_str()).collect()
    }

    fn run(paths: &[PathBuf], options: &CheckOptions) -> RunReport {
        let discovery = WORKSPACE.discover(paths, "<stdin>").unwrap();
        WORKSPACE.check_files(discovery, options, &|| {})
    }

    #[test]
    fn check_text_reports_spans_into_the_text() {
        let report = WORKSPACE.check_text("a.txt", GARBLED).unwrap();
        assert_eq!(report.path, "a.txt");
        assert_eq!(report.source, GARBLED);
        assert_eq!(rules(&report), ["ja-news/kaerisaki"]);
        assert_eq!(&GARBLED[report.findings[0].span.range()], "帰り先");
    }

    #[test]
    fn check_text_reads_the_format_from_the_name() {
        let text = "トランプ氏の例\n\n`トランプ氏の帰り先`は例です。\n";
        assert!(
            WORKSPACE
                .check_text("a.md", text)
                .unwrap()
                .findings
                .is_empty()
        );
        assert_eq!(
            rules(&WORKSPACE.check_text("a.txt", text).unwrap()),
            ["ja-news/kaerisaki"],
            "in plain text the backticks are text"
        );
    }

    #[test]
    fn check_text_and_a_file_on_disk_give_the_same_findings() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("seed.md");
        let seed = include_str!("../fixtures/seed-article.txt");
        std::fs::write(&path, seed).unwrap();
        let run = run(std::slice::from_ref(&path), &CheckOptions::default());
        assert_eq!(run.files.len(), 1);
        assert!(run.problems.is_empty());
        let in_memory = WORKSPACE
            .check_text(&path.display().to_string(), seed)
            .unwrap();
        assert!(!in_memory.findings.is_empty());
        assert_eq!(run.files[0].findings, in_memory.findings);
    }

    #[test]
    fn fix_text_applies_fixes_to_a_fixed_point() {
        let fixed = WORKSPACE
            .fix_text("a.txt", GARBLED, FixOptions::default())
            .unwrap();
        assert_eq!(fixed.text, GARBLED.replace("帰り先", "返り咲き"));
        assert_eq!(fixed.applied, 1);
        assert!(fixed.remaining.is_empty());
    }

    #[test]
    fn diff_shows_fixes_and_leaves_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, GARBLED).unwrap();
        let options = CheckOptions {
            fix: FixMode::Diff,
            ..CheckOptions::default()
        };
        let run = run(std::slice::from_ref(&path), &options);
        assert_eq!(run.fixes, 1);
        assert!(
            run.diff.contains("-トランプ氏の帰り先に備える。"),
            "{}",
            run.diff
        );
        assert!(
            run.diff.contains("+トランプ氏の返り咲きに備える。"),
            "{}",
            run.diff
        );
        assert_eq!(rules(&run.files[0]), ["ja-news/kaerisaki"]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), GARBLED);
    }

    #[test]
    fn fix_writes_and_reports_what_remains() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, GARBLED).unwrap();
        let options = CheckOptions {
            fix: FixMode::Write(WriteOptions::default()),
            ..CheckOptions::default()
        };
        let run = run(std::slice::from_ref(&path), &options);
        assert_eq!(run.fixes, 1);
        assert!(run.files[0].findings.is_empty());
        let fixed = std::fs::read_to_string(&path).unwrap();
        assert_eq!(fixed, GARBLED.replace("帰り先", "返り咲き"));
        assert_eq!(run.files[0].source, fixed);
    }

    #[test]
    fn a_fix_not_written_is_an_error_with_the_findings_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, GARBLED).unwrap();
        std::fs::hard_link(&path, dir.path().join("b.txt")).unwrap();
        let options = CheckOptions {
            fix: FixMode::Write(WriteOptions::default()),
            ..CheckOptions::default()
        };
        let run = run(std::slice::from_ref(&path), &options);
        assert_eq!(run.fixes, 0);
        assert_eq!(rules(&run.files[0]), ["ja-news/kaerisaki"]);
        assert_eq!(run.problems.len(), 1);
        assert!(matches!(
            run.problems[0].error,
            CheckError::Write(WriteError::HardLinks(2))
        ));
        assert_eq!(run.totals().failed, 1);
    }

    #[test]
    fn skipped_inputs_are_warnings_failed_ones_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("bin.txt"), b"x\0y").unwrap();
        std::fs::write(root.join("big.txt"), "本文。".repeat(100)).unwrap();
        std::fs::write(root.join("bad.txt"), b"ok\xFF").unwrap();
        std::fs::write(root.join("ok.txt"), GARBLED).unwrap();
        let options = CheckOptions {
            max_file_size: 200,
            ..CheckOptions::default()
        };
        let run = run(&[root.to_path_buf(), root.join("gone.txt")], &options);
        let problems: Vec<(String, bool)> = run
            .problems
            .iter()
            .map(|p| {
                let name = Path::new(&p.path).file_name().unwrap();
                (name.to_string_lossy().into_owned(), p.is_error())
            })
            .collect();
        assert_eq!(
            problems,
            [
                ("bad.txt".to_string(), true),
                ("big.txt".to_string(), false),
                ("bin.txt".to_string(), false),
                ("gone.txt".to_string(), true),
            ],
            "in discovery order, then the unusable paths"
        );
        assert!(matches!(
            run.problems[0].error,
            CheckError::Input(InputError::InvalidUtf8 { offset: 2, .. })
        ));
        assert!(matches!(run.problems[3].error, CheckError::Unusable(_)));
        assert_eq!(run.files.len(), 1);
        let totals = run.totals();
        assert_eq!((totals.failed, totals.findings.findings()), (2, 1));
    }

    #[test]
    fn timings_are_summed_when_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(&path, GARBLED).unwrap();
        assert!(
            run(std::slice::from_ref(&path), &CheckOptions::default())
                .timings
                .is_none()
        );
        let options = CheckOptions {
            timings: true,
            ..CheckOptions::default()
        };
        let timings = run(&[path], &options).timings.expect("timings");
        assert!(timings.contains_key("(tokenize)"), "{timings:?}");
    }
}
