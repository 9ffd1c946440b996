//! The `seigo` command line. The only place that prints.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use rayon::prelude::*;

use seigo::config::Config;
use seigo::error::FileError;
use seigo::input::{self, InputError};
use seigo::lang::ja::{Analysis, Morphology};
use seigo::render::{self, FileReport, RuleInfo, Totals};
use seigo::rules::{Pack, Rule, builtin, testing};
use seigo::{Document, Linter, Severity};

/// Exit codes: 0 clean, 1 findings at or above `--fail-on`, 2 usage/config/IO error.
const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

#[derive(Parser)]
#[command(
    name = "seigo",
    version,
    about = "正誤: a fact-consistency linter for machine-generated Japanese articles"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// When to colour output.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Human,
    /// One line per finding: `path:line:col: severity rule message`.
    Concise,
    /// The documented JSON schema (see README).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML.
    Junit,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Rule,
    Config,
}

#[derive(clap::Args)]
struct RuleOptions {
    /// Config file (default: seigo.yaml or .seigo.yaml found upward from the checked path).
    #[arg(long)]
    config: Option<PathBuf>,
    /// Ignore any config file and use the defaults.
    #[arg(long, conflicts_with = "config")]
    no_config: bool,
    /// A lindera user dictionary (CSV: `surface,POS,reading`) for names IPADIC lacks.
    #[arg(long)]
    user_dict: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check articles (.md, .markdown, .txt; directories are walked; `-` reads stdin).
    Check {
        #[arg(default_value = ".")]
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
        format: OutputFormat,
        /// The lowest severity that makes the exit code 1.
        #[arg(long, default_value = "warning")]
        fail_on: Severity,
        /// Name used for stdin in messages and for choosing Markdown or text.
        #[arg(long, default_value = "<stdin>")]
        stdin_filename: String,
        /// Skip files larger than this many bytes.
        #[arg(long, default_value_t = input::DEFAULT_MAX_BYTES)]
        max_file_size: u64,
        /// Print only findings, no summary line.
        #[arg(long, short)]
        quiet: bool,
        /// Exit 1 when there are more than this many warnings (even with --fail-on error).
        #[arg(long)]
        max_warnings: Option<usize>,
        /// Apply suggested fixes in place (atomically; repeated until stable).
        #[arg(long, conflicts_with = "diff")]
        fix: bool,
        /// Show the fixes as a unified diff instead of writing them.
        #[arg(long)]
        diff: bool,
        /// Let --fix write through symbolic links.
        #[arg(long)]
        follow_symlinks: bool,
        /// Let --fix rewrite files that have several hard links (in place, so that every
        /// name sees the fix; not atomic).
        #[arg(long)]
        allow_hardlinks: bool,
        /// Report seigo-disable comments that suppress nothing.
        #[arg(long)]
        report_unused_disables: bool,
        /// Print the time spent per rule (and in tokenizing) to stderr.
        #[arg(long)]
        timings: bool,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Show how lindera splits a text: surface, POS, base form, reading.
    Tokens {
        /// A file, or `-` for stdin.
        file: Option<PathBuf>,
        /// Analyse this text instead of a file.
        #[arg(long, short)]
        text: Option<String>,
        #[arg(long)]
        user_dict: Option<PathBuf>,
        /// Only segment these files and print counts: no features are read, no rules run.
        /// With `--segmenter lindera` this is the floor the benchmark compares `seigo check`
        /// against.
        #[arg(long, num_args = 1.., value_name = "FILES", conflicts_with_all = ["file", "text"])]
        count: Vec<PathBuf>,
        /// Which segmenter `--count` runs: seigo's own Viterbi pass (what `check` uses) or
        /// lindera's tokenizer; both find the same tokens.
        #[arg(long, value_enum, default_value = "seigo", requires = "count")]
        segmenter: Segmenter,
    },
    /// List the enabled rules with their kind and severity.
    Rules {
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Run the examples inside rule files as tests (default: the built-in packs).
    Test {
        /// Pack directories.
        packs: Vec<PathBuf>,
        /// Also list rules that have no bad or no good example (and fail if any).
        #[arg(long)]
        coverage: bool,
    },
    /// Create seigo.yaml and a local rule pack with one example rule per kind (never
    /// overwrites existing files).
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the JSON Schema of rule files or of seigo.yaml (for editor validation).
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Rule)]
        which: SchemaKind,
    },
    /// Describe a rule: what it checks, its examples, where it is defined.
    Explain {
        rule: String,
        #[command(flatten)]
        rules: RuleOptions,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = cli.color;
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = stderr(color);
            let _ = writeln!(err, "error: {}", render::escape_controls(&format!("{e:#}")));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// `seigo check | head` closes the pipe early; that is not an error worth a message.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn stderr(color: Color) -> StandardStream {
    StandardStream::stderr(choice(color, std::io::stderr().is_terminal()))
}

fn stdout(color: Color) -> StandardStream {
    StandardStream::stdout(choice(color, std::io::stdout().is_terminal()))
}

fn choice(color: Color, tty: bool) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if tty && std::env::var_os("NO_COLOR").is_none() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check {
            paths,
            format,
            fail_on,
            stdin_filename,
            max_file_size,
            quiet,
            max_warnings,
            fix,
            diff,
            follow_symlinks,
            allow_hardlinks,
            report_unused_disables,
            timings,
            rules,
        } => check(CheckArgs {
            paths,
            format,
            fail_on,
            stdin_filename,
            max_file_size,
            quiet,
            max_warnings,
            fix_mode: match (fix, diff) {
                (true, _) => FixMode::Write(seigo::fix::WriteOptions {
                    follow_symlinks,
                    allow_hardlinks,
                }),
                (false, true) => FixMode::Diff,
                _ => FixMode::Off,
            },
            report_unused_disables,
            timings: timings.then(Default::default),
            rules,
            color: cli.color,
        }),
        Command::Tokens {
            user_dict,
            count,
            segmenter,
            ..
        } if !count.is_empty() => count_tokens(&count, user_dict.as_deref(), segmenter),
        Command::Tokens {
            file,
            text,
            user_dict,
            ..
        } => tokens(file.as_deref(), text, user_dict.as_deref()),
        Command::Rules { rules } => list_rules(&rules, cli.color),
        Command::Test { packs, coverage } => test(&packs, coverage, cli.color),
        Command::Explain { rule, rules } => explain(&rule, &rules, cli.color),
        Command::Init { dir } => {
            let written = seigo::init::init(&dir)?;
            let mut out = std::io::stdout().lock();
            let shown = (|| -> std::io::Result<()> {
                for w in written {
                    match w {
                        seigo::init::Written::Created(p) => {
                            writeln!(out, "created {}", p.display())?
                        }
                        seigo::init::Written::Kept(p) => {
                            writeln!(out, "kept    {} (exists; not overwritten)", p.display())?
                        }
                    }
                }
                writeln!(out, "next: seigo test rules/local && seigo check")?;
                out.flush()
            })();
            finish(0, shown)
        }
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Rule => seigo::schema::rule_schema(),
                SchemaKind::Config => seigo::schema::config_schema(),
            };
            let mut out = std::io::stdout().lock();
            let shown = out
                .write_all(seigo::schema::to_pretty(&schema).as_bytes())
                .and_then(|()| out.flush());
            finish(0, shown)
        }
    }
}

/// Renders file errors to stderr.
fn report_errors(errors: &[FileError], color: Color) {
    let mut err = stderr(color);
    for e in errors {
        let _ = render::human::render_error(e, &mut err);
    }
}

/// Loads the config (explicit, discovered from `start`, or default) and its rules, compiled
/// against the morphology (with `--user-dict`). `None` when loading failed and the errors were
/// reported.
fn load_rules(
    opts: &RuleOptions,
    start: &Path,
    color: Color,
) -> anyhow::Result<Option<(Config, Vec<Rule>, Morphology)>> {
    let morphology = morphology(opts.user_dict.as_deref())?;
    // The dictionary loads on another core while the rules compile: one-file latency is the
    // editor's case, and these are its two largest costs.
    let dictionary = {
        let morphology = morphology.clone();
        std::thread::spawn(move || morphology.preload())
    };
    let config_path = match (&opts.config, opts.no_config) {
        (Some(p), _) => Some(p.clone()),
        (None, true) => None,
        (None, false) => Config::discover(start),
    };
    let config = match config_path {
        Some(p) => match Config::load(&p) {
            Ok(c) => c,
            Err(e) => {
                report_errors(&[e], color);
                return Ok(None);
            }
        },
        None => Config::default(),
    };
    let loaded = config.load_rules(&morphology);
    dictionary
        .join()
        .map_err(|_| anyhow::anyhow!("the dictionary loader panicked"))??;
    match loaded {
        Ok(rules) => Ok(Some((config, rules, morphology))),
        Err(errors) => {
            report_errors(&errors, color);
            Ok(None)
        }
    }
}

/// What happened to one input.
enum Outcome {
    Checked(FileReport, Option<FixNote>),
    /// Not checked, and that is an error (exit 2): unreadable, invalid UTF-8.
    Failed(String, String),
    /// Not checked by design (binary, too large): a warning only.
    Skipped(String, InputError),
}

/// What `--fix` / `--diff` did to one file.
struct FixNote {
    applied: usize,
    diff: Option<String>,
    error: Option<seigo::fix::WriteError>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum FixMode {
    Off,
    Diff,
    Write(seigo::fix::WriteOptions),
}

struct CheckArgs {
    paths: Vec<PathBuf>,
    format: OutputFormat,
    fail_on: Severity,
    stdin_filename: String,
    max_file_size: u64,
    quiet: bool,
    max_warnings: Option<usize>,
    fix_mode: FixMode,
    report_unused_disables: bool,
    /// Per-rule time, summed over files, when `--timings` was given.
    timings: Option<std::sync::Mutex<seigo::engine::Timings>>,
    rules: RuleOptions,
    color: Color,
}

/// Show a progress bar only for an interactive terminal and enough files to wait for.
const PROGRESS_MIN_FILES: usize = 200;

fn check(args: CheckArgs) -> anyhow::Result<u8> {
    let started = Instant::now();
    let color = args.color;
    if matches!(args.fix_mode, FixMode::Write(_)) && args.paths.iter().any(|p| p.as_os_str() == "-")
    {
        anyhow::bail!("--fix cannot rewrite stdin; use --diff to see the fixes");
    }
    let start = args
        .paths
        .iter()
        .find(|p| p.as_os_str() != "-")
        .cloned()
        .unwrap_or_else(|| PathBuf::from(&args.stdin_filename));
    let Some((config, rules, morphology)) = load_rules(&args.rules, &start, color)? else {
        return Ok(EXIT_ERROR);
    };
    // Leaked: the process ends after this check, and freeing ~100 compiled rules (automata,
    // regexes) one by one took about 1 ms of the one-file latency.
    let linter: &Linter = Box::leak(Box::new(
        Linter::new(rules, morphology).report_unused_disables(args.report_unused_disables),
    ));

    let mut missing = Vec::new();
    let files = collect_files(&args.paths, &config, &mut missing)?;
    let progress =
        (std::io::stderr().is_terminal() && files.len() >= PROGRESS_MIN_FILES).then(|| {
            let bar = indicatif::ProgressBar::new(files.len() as u64);
            bar.set_style(
                indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}")
                    .expect("valid progress template"),
            );
            bar
        });
    let mut outcomes: Vec<Outcome> = files
        .par_iter()
        .map(|path| {
            let outcome = check_one(linter, path, &args);
            if let Some(bar) = &progress {
                bar.inc(1);
            }
            outcome
        })
        .collect();
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    outcomes.extend(
        missing
            .into_iter()
            .map(|(p, e)| Outcome::Failed(p, e.to_string())),
    );

    let mut reports = Vec::new();
    let mut failed = false;
    let mut err = stderr(color);
    let mut diffs = String::new();
    let mut fixed_total = 0;
    for outcome in outcomes {
        match outcome {
            Outcome::Checked(r, note) => {
                if let Some(note) = note {
                    fixed_total += note.applied;
                    if let Some(d) = note.diff {
                        diffs.push_str(&d);
                    }
                    if let Some(e) = note.error {
                        failed = true;
                        let _ = writeln!(err, "error: {}: {e}", render::escape_controls(&r.path));
                    }
                }
                reports.push(r);
            }
            Outcome::Failed(path, e) => {
                failed = true;
                let _ = writeln!(err, "error: {}: {e}", render::escape_controls(&path));
            }
            Outcome::Skipped(path, e) => {
                let _ = writeln!(err, "warning: {}: {e}", render::escape_controls(&path));
            }
        }
    }
    let totals = Totals::of(&reports);
    // The exit code is decided before anything is written: a reader that stops early
    // (`seigo check | head`) must not turn findings into success.
    let code = if failed {
        EXIT_ERROR
    } else if args.fix_mode == FixMode::Diff {
        if fixed_total > 0 { EXIT_FINDINGS } else { 0 }
    } else {
        let failing = reports
            .iter()
            .flat_map(|r| &r.findings)
            .any(|f| f.severity >= args.fail_on);
        let too_many_warnings = args.max_warnings.is_some_and(|max| totals.warnings > max);
        if failing || too_many_warnings {
            EXIT_FINDINGS
        } else {
            0
        }
    };
    if args.fix_mode == FixMode::Diff {
        let written = (|| {
            let mut out = std::io::stdout().lock();
            out.write_all(diffs.as_bytes())?;
            out.flush()
        })();
        if !args.quiet {
            let _ = writeln!(err, "{fixed_total} fix(es) available");
        }
        return finish(code, written);
    }
    if matches!(args.fix_mode, FixMode::Write(_)) && !args.quiet {
        let _ = writeln!(err, "applied {fixed_total} fix(es)");
    }
    let seconds = started.elapsed().as_secs_f64();
    let written = (|| -> std::io::Result<()> {
        let machine = match args.format {
            OutputFormat::Human => {
                let mut out = stdout(color);
                for r in &reports {
                    render::human::render_file(r, &mut out)?;
                }
                if !args.quiet {
                    writeln!(out, "{}", totals.summary(seconds))?;
                }
                out.flush()?;
                None
            }
            OutputFormat::Concise => Some(render::concise::to_string(&reports)),
            OutputFormat::Json => Some(render::json::to_string(&reports)),
            OutputFormat::Sarif => Some(render::sarif::to_string(
                &reports,
                &RuleInfo::of(linter.rules()),
            )),
            OutputFormat::Github => Some(render::github::to_string(&reports)),
            OutputFormat::Checkstyle => Some(render::checkstyle::to_string(&reports)),
            OutputFormat::Junit => Some(render::junit::to_string(&reports)),
        };
        if let Some(text) = machine {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
            if !args.quiet {
                let _ = writeln!(err, "{}", totals.summary(seconds));
            }
        }
        Ok(())
    })();
    if let Some(timings) = &args.timings {
        print_timings(&timings.lock().unwrap_or_else(|e| e.into_inner()), &mut err);
    }
    finish(code, written)
}

/// The exit code once output is written: a closed pipe (`seigo check | head`) ends quietly
/// with the code the findings call for; any other write error (a full disk) is an error.
fn finish(code: u8, written: std::io::Result<()>) -> anyhow::Result<u8> {
    match written.map_err(|e| anyhow::Error::new(e).context("cannot write the output")) {
        Ok(()) => Ok(code),
        Err(e) if is_broken_pipe(&e) => Ok(code),
        Err(e) => Err(e),
    }
}

/// The `--timings` table: the slowest 20 rules (and tokenizing), then the rest summed.
fn print_timings(timings: &seigo::engine::Timings, err: &mut StandardStream) {
    let mut rows: Vec<_> = timings.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let total: f64 = rows.iter().map(|(_, t)| t.as_secs_f64()).sum();
    let _ = writeln!(err, "{:>10}  {:>6}  rule", "ms", "%");
    let share = |secs: f64| 100.0 * secs / total.max(f64::EPSILON);
    for (rule, t) in rows.iter().take(20) {
        let secs = t.as_secs_f64();
        let _ = writeln!(
            err,
            "{:>10.2}  {:>5.1}%  {rule}",
            secs * 1000.0,
            share(secs)
        );
    }
    if rows.len() > 20 {
        let rest: f64 = rows[20..].iter().map(|(_, t)| t.as_secs_f64()).sum();
        let _ = writeln!(
            err,
            "{:>10.2}  {:>5.1}%  ({} more rules)",
            rest * 1000.0,
            share(rest),
            rows.len() - 20
        );
    }
    let _ = writeln!(err, "{:>10.2}  100.0%  (total)", total * 1000.0);
}

/// Reads, checks and (optionally) fixes one file.
fn check_one(linter: &Linter, path: &Path, args: &CheckArgs) -> Outcome {
    let stdin = path.as_os_str() == "-";
    let shown = if stdin {
        args.stdin_filename.clone()
    } else {
        path.display().to_string()
    };
    let format = seigo::Format::from_path(Path::new(&shown));
    let read = if stdin {
        input::read_stream_bytes(std::io::stdin().lock(), args.max_file_size)
    } else {
        input::read_bytes(path, args.max_file_size)
    };
    let bytes = match read {
        Ok(b) => b,
        Err(e @ InputError::TooLarge { .. }) => return Outcome::Skipped(shown, e),
        Err(e) => return Outcome::Failed(shown, e.to_string()),
    };
    let original = (args.fix_mode != FixMode::Off).then(|| bytes.clone());
    let doc = match input::parse_bytes(&shown, format, bytes) {
        Ok(doc) => doc,
        Err(e @ InputError::Binary { .. }) => return Outcome::Skipped(shown, e),
        Err(e) => return Outcome::Failed(shown, e.to_string()),
    };
    let Some(original) = original else {
        return Outcome::Checked(report(linter, doc, args.timings.as_ref()), None);
    };
    let fixed = match seigo::fix::fix_text(linter, &shown, format, &doc.source) {
        Ok(fixed) => fixed,
        Err(e) => return Outcome::Failed(shown, e.to_string()),
    };
    let mut note = FixNote {
        applied: fixed.applied,
        diff: None,
        error: None,
    };
    // The original's findings come from the first fix round; it is not checked twice.
    let unfixed = FileReport {
        path: doc.name,
        source: doc.source,
        encoding: doc.encoding,
        findings: fixed.original,
    };
    if fixed.text == unfixed.source {
        return Outcome::Checked(unfixed, Some(note));
    }
    match args.fix_mode {
        FixMode::Diff => {
            note.diff = Some(seigo::fix::unified_diff(
                &shown,
                &unfixed.source,
                &fixed.text,
            ));
            Outcome::Checked(unfixed, Some(note))
        }
        FixMode::Write(options) => {
            match seigo::fix::write_atomically(path, &original, &fixed.text, options) {
                Ok(()) => Outcome::Checked(
                    FileReport {
                        path: shown,
                        source: fixed.text,
                        encoding: unfixed.encoding,
                        findings: fixed.remaining,
                    },
                    Some(note),
                ),
                Err(e) => {
                    note.applied = 0;
                    note.error = Some(e);
                    Outcome::Checked(unfixed, Some(note))
                }
            }
        }
        FixMode::Off => unreachable!("fix mode checked above"),
    }
}

fn report(
    linter: &Linter,
    doc: Document,
    timings: Option<&std::sync::Mutex<seigo::engine::Timings>>,
) -> FileReport {
    let findings = match timings {
        Some(shared) => {
            let mut local = seigo::engine::Timings::new();
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

/// Expands directories (respecting .gitignore, the config's `ignore` globs and extensions),
/// keeps explicit files as given, sorted and deduplicated (one file named twice, `a.txt` and
/// `./a.txt`, is checked once). Missing paths are collected.
fn collect_files(
    paths: &[PathBuf],
    config: &Config,
    missing: &mut Vec<(String, std::io::Error)>,
) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    // Globs are relative to the directory of the config that declares them, whatever the
    // working directory and however the paths were spelt: matched against absolute paths.
    let base = lexical_absolute(&config.base_dir());
    let mut ignore = ignore::gitignore::GitignoreBuilder::new(&base);
    for glob in &config.ignore {
        ignore
            .add_line(None, glob)
            .with_context(|| format!("invalid ignore glob `{glob}` in config"))?;
    }
    let ignore = ignore.build()?;
    let ignored = move |path: &Path, is_dir: bool| {
        let path = lexical_absolute(path);
        path.starts_with(&base)
            && ignore
                .matched_path_or_any_parents(&path, is_dir)
                .is_ignore()
    };
    for path in paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        // The real reason a path cannot be used (not found, a symbolic link loop, permission
        // denied), rather than "no such file" for all of them.
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                missing.push((
                    path.display().to_string(),
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory"),
                ));
                continue;
            }
            Err(e) => {
                missing.push((path.display().to_string(), e));
                continue;
            }
        };
        if !meta.is_dir() {
            // A file named on the command line is checked whatever its extension; a FIFO or
            // device is refused by `read_bytes` rather than blocking the run.
            files.push(path.clone());
            continue;
        }
        let ignored = ignored.clone();
        let walker = ignore::WalkBuilder::new(path)
            .filter_entry(move |e| !ignored(e.path(), e.file_type().is_some_and(|t| t.is_dir())))
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    missing.push(walk_error(path, &e));
                    continue;
                }
            };
            let p = entry.path();
            let wanted = entry.file_type().is_some_and(|t| t.is_file())
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| config.extensions.iter().any(|x| x.eq_ignore_ascii_case(e)));
            if wanted {
                files.push(p.to_path_buf());
            }
        }
    }
    files.sort();
    files.dedup();
    let mut seen = std::collections::HashSet::new();
    files.retain(|f| {
        f.as_os_str() == "-" || seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone()))
    });
    Ok(files)
}

/// An absolute path with `.` and `..` resolved by name (not through symbolic links), so that
/// two spellings of a path compare equal.
fn lexical_absolute(path: &Path) -> PathBuf {
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// A directory walk error (an unreadable subdirectory) as the path it happened at and why,
/// rather than the walked root and the `ignore` crate's nested message.
fn walk_error(root: &Path, e: &ignore::Error) -> (String, std::io::Error) {
    let (mut e, mut at) = (e, None);
    loop {
        match e {
            ignore::Error::WithPath { path, err } => (at, e) = (Some(path.as_path()), err),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            _ => break,
        }
    }
    let at = at.unwrap_or(root);
    let reason = match e {
        ignore::Error::Io(io) => {
            // walkdir's errors repeat the path: "IO error for operation on {path}: {why}".
            let text = io.to_string();
            let prefix = format!("IO error for operation on {}: ", at.display());
            let why = text.strip_prefix(&prefix).unwrap_or(&text);
            std::io::Error::new(io.kind(), format!("cannot read: {why}"))
        }
        other => std::io::Error::other(other.to_string()),
    };
    (at.display().to_string(), reason)
}

/// IPADIC, with the user dictionary if one is given.
fn morphology(user_dict: Option<&Path>) -> anyhow::Result<Morphology> {
    Ok(match user_dict {
        Some(path) => Morphology::with_user_dictionary(path)?,
        None => Morphology::new(),
    })
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum Segmenter {
    Seigo,
    Lindera,
}

/// Segments files without reading any features; prints `files bytes tokens`.
fn count_tokens(
    files: &[PathBuf],
    user_dict: Option<&Path>,
    segmenter: Segmenter,
) -> anyhow::Result<u8> {
    let morph = morphology(user_dict)?;
    morph.preload()?;
    let (mut bytes, mut count) = (0usize, 0usize);
    for path in files {
        let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
        bytes += text.len();
        count += match segmenter {
            Segmenter::Seigo => morph.tokenize(&text).len(),
            Segmenter::Lindera => morph.tokenize_lindera(&text).len(),
        };
    }
    let mut out = std::io::stdout().lock();
    let shown = writeln!(out, "files {} bytes {bytes} tokens {count}", files.len())
        .and_then(|()| out.flush());
    finish(0, shown)
}

fn tokens(
    file: Option<&Path>,
    text: Option<String>,
    user_dict: Option<&Path>,
) -> anyhow::Result<u8> {
    let morph = morphology(user_dict)?;
    morph.preload()?;
    let doc = match (text, file) {
        (Some(t), _) => Document::parse("<text>", t, seigo::Format::PlainText),
        (None, Some(p)) if p.as_os_str() != "-" => input::read_file(p, input::DEFAULT_MAX_BYTES)
            .with_context(|| p.display().to_string())?,
        _ => input::read_stream(std::io::stdin().lock(), "<stdin>", input::DEFAULT_MAX_BYTES)?,
    };
    let a = Analysis::new(&morph, &doc.text);
    let mut out = std::io::stdout().lock();
    writeln!(out, "surface\tpos\tbase\treading\tconjugation\tbytes")?;
    for i in 0..a.tokens.len() {
        let f = a.features(i);
        let span = doc.to_source(a.tokens[i].span);
        let unknown = if a.is_unknown(i) { " (unknown)" } else { "" };
        writeln!(
            out,
            "{}\t{}{unknown}\t{}\t{}\t{}\t{}..{}",
            a.surface(i),
            f.pos_label(),
            a.base(i),
            a.reading(i),
            f.conjugation_label(),
            span.start,
            span.end
        )?;
    }
    Ok(0)
}

fn list_rules(opts: &RuleOptions, color: Color) -> anyhow::Result<u8> {
    let Some((config, rules, _)) = load_rules(opts, Path::new("."), color)? else {
        return Ok(EXIT_ERROR);
    };
    let mut out = std::io::stdout().lock();
    if let Some(p) = &config.path {
        writeln!(out, "# config: {}", p.display())?;
    }
    let width = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    for r in &rules {
        writeln!(out, "{:width$}  {:<13} {}", r.id, r.kind(), r.severity)?;
    }
    writeln!(out, "{} rules", rules.len())?;
    out.flush()?;
    Ok(0)
}

fn test(packs: &[PathBuf], coverage: bool, color: Color) -> anyhow::Result<u8> {
    let mut loaded: Vec<Pack> = Vec::new();
    let mut errors = Vec::new();
    let morphology = Morphology::new();
    if packs.is_empty() {
        for name in builtin::pack_names() {
            match builtin::load(name, &morphology).expect("listed pack exists") {
                Ok(p) => loaded.push(p),
                Err(mut e) => errors.append(&mut e),
            }
        }
    }
    for dir in packs {
        match Pack::load_dir(dir, &morphology) {
            Ok(p) => loaded.push(p),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if !errors.is_empty() {
        report_errors(&errors, color);
        return Ok(EXIT_ERROR);
    }
    let (mut passed, mut failed) = (0, 0);
    let mut err = stderr(color);
    let mut uncovered = Vec::new();
    for rule in loaded.iter().flat_map(|p| &p.rules) {
        let report = testing::run_examples(rule, &morphology);
        passed += report.passed;
        failed += report.failures.len();
        for f in &report.failures {
            let _ = render::human::render_error(f, &mut err);
        }
        let missing: Vec<&str> = [
            (rule.examples.bad.is_empty(), "no bad example"),
            (rule.examples.good.is_empty(), "no good example"),
        ]
        .into_iter()
        .filter_map(|(missing, what)| missing.then_some(what))
        .collect();
        if !missing.is_empty() {
            uncovered.push(format!("{}: {}", rule.id, missing.join(", ")));
        }
    }
    let _ = err.flush();
    let incomplete = coverage && !uncovered.is_empty();
    let code = if failed > 0 || incomplete {
        EXIT_FINDINGS
    } else {
        0
    };
    let mut out = std::io::stdout().lock();
    let shown = (|| -> std::io::Result<()> {
        if coverage {
            if uncovered.is_empty() {
                writeln!(out, "coverage: every rule has bad and good examples")?;
            } else {
                writeln!(
                    out,
                    "coverage: {} rule(s) not fully tested:",
                    uncovered.len()
                )?;
                for u in &uncovered {
                    writeln!(out, "  {u}")?;
                }
            }
        }
        writeln!(out, "{passed} passed, {failed} failed")?;
        out.flush()
    })();
    finish(code, shown)
}

fn explain(id: &str, opts: &RuleOptions, color: Color) -> anyhow::Result<u8> {
    let Some((_, rules, _)) = load_rules(opts, Path::new("."), color)? else {
        return Ok(EXIT_ERROR);
    };
    let Some(rule) = rules.iter().find(|r| r.id == id) else {
        let mut err = stderr(color);
        writeln!(err, "error: no enabled rule `{id}` (see `seigo rules`)")?;
        return Ok(EXIT_ERROR);
    };
    let mut out = stdout(color);
    writeln!(
        out,
        "{}  ({} rule, {})",
        rule.id,
        rule.kind(),
        rule.severity
    )?;
    writeln!(out, "defined in: {}", rule.origin.path)?;
    if !rule.description.is_empty() {
        writeln!(out, "\n{}", rule.description.trim_end())?;
    }
    for (title, list) in [("bad", &rule.examples.bad), ("good", &rule.examples.good)] {
        if !list.is_empty() {
            writeln!(out, "\n{title} examples:")?;
            for e in list {
                writeln!(out, "  - {}", e.text)?;
            }
        }
    }
    out.flush()?;
    Ok(0)
}
