//! The `seigo` command line: arguments, and the terminal. The only place that prints; the
//! pipeline (discovery, checking, fixing, rendering, exit policy) is the library's.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice, StandardStream};

use seigo::check::{CheckOptions, FixMode};
use seigo::exit::{ExitPolicy, ExitStatus};
use seigo::fix::FixOptions;
use seigo::i18n::{self, Lang};
use seigo::input;
use seigo::lang::ja::{Analysis, Morphology};
use seigo::render::{self, EmitContext, OutputFormat};
use seigo::rules::testing;
use seigo::workspace::{self, ConfigSource, Workspace, WorkspaceOptions};
use seigo::{Document, Error, FileError, Severity};

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
    /// The language of seigo's own messages (default: Japanese when the locale starts with
    /// `ja`, else English; rules' messages are as their authors wrote them).
    #[arg(long, value_enum, global = true)]
    lang: Option<Lang>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaKind {
    Rule,
    Config,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Segmenter {
    Seigo,
    Lindera,
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

#[derive(clap::Args)]
struct CheckArgs {
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// Check only these rules (rule IDs or pack names, comma-separated or repeated).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    select: Option<Vec<String>>,
    /// Do not check these rules (rule IDs or pack names).
    #[arg(long, value_delimiter = ',', value_name = "RULE")]
    ignore: Vec<String>,
    /// Apply the config's `ignore` globs to files named on the command line too (for
    /// pre-commit, which names files one by one).
    #[arg(long)]
    force_exclude: bool,
    /// Show a count of findings per rule instead of the findings.
    #[arg(long)]
    statistics: bool,
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
    /// Apply safe fixes in place (atomically; repeated until stable); on stdin (`-`), print
    /// the fixed text.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// With --fix or --diff, apply fixes that are only suggestions too.
    #[arg(long)]
    unsafe_fixes: bool,
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
}

#[derive(Subcommand)]
enum Command {
    /// Check articles (.md, .markdown, .txt; directories are walked; `-` reads stdin).
    Check(CheckArgs),
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
    /// Run the examples inside rule files as tests (default: the packs of the config in
    /// effect here).
    Test {
        /// Pack directories.
        packs: Vec<PathBuf>,
        /// Also list rules that have no bad or no good example (and fail if any).
        #[arg(long)]
        coverage: bool,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Create seigo.yaml and a local rule pack of starter rules (never overwrites existing
    /// files); with --from, copy a built-in rule into the local pack to change it.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// A built-in rule to copy into rules/local (e.g. ja-news/unsupported-headline).
        #[arg(long, value_name = "RULE")]
        from: Option<String>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff), e.g. `seigo man > seigo.1`.
    Man,
    /// Print the JSON Schema of rule files or of seigo.yaml (for editor validation).
    Schema {
        #[arg(value_enum, default_value_t = SchemaKind::Rule)]
        which: SchemaKind,
    },
    /// Describe a rule: what it checks, its examples, where it is defined.
    Explain {
        rule: String,
        /// Print the rule file's YAML instead (to copy it: `seigo init --from RULE`).
        #[arg(long)]
        yaml: bool,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Serve a page for editors on 127.0.0.1: paste or open an article, see and fix the
    /// findings, write rules in a playground.
    Serve {
        /// The directory (or file) whose articles the page may open.
        path: Option<PathBuf>,
        /// 0 picks a free port.
        #[arg(long, default_value_t = seigo::serve::DEFAULT_PORT)]
        port: u16,
        /// Let the page save files under PATH (through the same safe write as --fix).
        #[arg(long)]
        allow_write: bool,
        #[command(flatten)]
        rules: RuleOptions,
    },
    /// Run a language server on stdin/stdout (diagnostics, quick fixes, hover) for editors.
    Lsp {
        #[command(flatten)]
        rules: RuleOptions,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    i18n::set(
        cli.lang
            .unwrap_or_else(|| i18n::from_locale(|v| std::env::var(v).ok())),
    );
    let color = cli.color;
    match run(cli) {
        Ok(status) => ExitCode::from(status.code()),
        Err(e) if e.chain().any(seigo::exit::is_broken_pipe) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = stream(
                color,
                StandardStream::stderr,
                std::io::stderr().is_terminal(),
            );
            let _ = writeln!(err, "error: {}", render::escape_controls(&format!("{e:#}")));
            ExitCode::from(ExitStatus::Error.code())
        }
    }
}

/// A terminal stream that colours as `--color` and `NO_COLOR` say.
fn stream<S>(color: Color, open: fn(ColorChoice) -> S, tty: bool) -> S {
    open(match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if tty && std::env::var_os("NO_COLOR").is_none() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    })
}

fn stderr(color: Color) -> StandardStream {
    stream(
        color,
        StandardStream::stderr,
        std::io::stderr().is_terminal(),
    )
}

/// The status once stdout is written: a closed pipe keeps `status`, other errors are errors.
fn finish(status: ExitStatus, written: std::io::Result<()>) -> anyhow::Result<ExitStatus> {
    seigo::exit::after_output(status, written).context("cannot write the output")
}

/// Writes `show` to stdout and flushes it.
fn print(show: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    show(&mut out).and_then(|()| out.flush())
}

fn run(cli: Cli) -> anyhow::Result<ExitStatus> {
    let color = cli.color;
    match cli.command {
        Command::Check(args) => check(args, color),
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
        Command::Rules { rules } => {
            let Some(workspace) = load(&rules, &Extra::default(), Path::new("."), color)? else {
                return Ok(ExitStatus::Error);
            };
            let settings = workspace.settings_of(Path::new("."))?;
            let config = settings.config().path.as_deref();
            print(|out| render::text::rule_list(config, settings.linter().rules(), out))?;
            Ok(ExitStatus::Clean)
        }
        Command::Test {
            packs,
            coverage,
            rules,
        } => {
            let morphology = morphology(rules.user_dict.as_deref())?;
            let tested = if packs.is_empty() {
                config_source(&rules)
                    .config_at(Path::new("."))
                    .map_err(|e| vec![e])
                    .and_then(|config| testing::test_config(&config, &morphology))
            } else {
                testing::test_packs(&packs, &morphology)
            };
            let report = match tested {
                Ok(report) => report,
                Err(errors) => {
                    show_errors(&errors, color);
                    return Ok(ExitStatus::Error);
                }
            };
            show_errors(report.failures(), color);
            let shown = print(|out| render::text::test_summary(&report, coverage, out));
            finish(report.status(coverage), shown)
        }
        Command::Explain {
            rule: id,
            yaml,
            rules,
        } => {
            let Some(workspace) = load(&rules, &Extra::default(), Path::new("."), color)? else {
                return Ok(ExitStatus::Error);
            };
            let settings = workspace.settings_of(Path::new("."))?;
            let Some(rule) = settings.linter().rules().iter().find(|r| r.id == id) else {
                let message = i18n::tr(
                    format!("error: no enabled rule `{id}` (see `seigo rules`)"),
                    format!("error: 有効なルール `{id}` はありません（`seigo rules` で一覧）"),
                );
                writeln!(stderr(color), "{message}")?;
                return Ok(ExitStatus::Error);
            };
            let shown = if yaml {
                print(|out| out.write_all(rule.origin.text.as_bytes()))
            } else {
                print(|out| render::text::explain(rule, out))
            };
            finish(ExitStatus::Clean, shown)
        }
        Command::Serve {
            path,
            port,
            allow_write,
            rules,
        } => serve(path, port, allow_write, &rules, color),
        Command::Lsp { rules } => {
            let (connection, io) = lsp_server::Connection::stdio();
            seigo::lsp::run(connection, workspace_options(&rules, &Extra::default()))?;
            io.join()?;
            Ok(ExitStatus::Clean)
        }
        Command::Init { dir, from } => {
            let (written, next) = match from {
                Some(id) => seigo::init::copy_builtin(&dir, &id)?,
                None => (
                    seigo::init::init(&dir)?,
                    "next: seigo test && seigo check (rules/examples: one rule of each other kind, not enabled)".to_string(),
                ),
            };
            let shown = print(|out| {
                for w in written {
                    writeln!(out, "{w}")?;
                }
                writeln!(out, "{next}")
            });
            finish(ExitStatus::Clean, shown)
        }
        Command::Completions { shell } => {
            let shown = print(|out| {
                clap_complete::generate(shell, &mut Cli::command(), "seigo", out);
                Ok(())
            });
            finish(ExitStatus::Clean, shown)
        }
        Command::Man => {
            let shown = print(|out| clap_mangen::Man::new(Cli::command()).render(out));
            finish(ExitStatus::Clean, shown)
        }
        Command::Schema { which } => {
            let schema = match which {
                SchemaKind::Rule => seigo::schema::rule_schema(),
                SchemaKind::Config => seigo::schema::config_schema(),
            };
            let text = seigo::schema::to_pretty(&schema);
            finish(
                ExitStatus::Clean,
                print(|out| out.write_all(text.as_bytes())),
            )
        }
    }
}

/// Renders located errors (broken configs, rules, failing examples) to stderr.
fn show_errors<'a>(errors: impl IntoIterator<Item = &'a FileError>, color: Color) {
    let mut err = stderr(color);
    for e in errors {
        let _ = render::human::render_error(e, &mut err);
    }
    let _ = err.flush();
}

/// The options of `seigo check` that shape the workspace.
#[derive(Default)]
struct Extra {
    report_unused_disables: bool,
    select: Option<Vec<String>>,
    ignore: Vec<String>,
    force_exclude: bool,
}

fn config_source(opts: &RuleOptions) -> ConfigSource {
    match (&opts.config, opts.no_config) {
        (Some(p), _) => ConfigSource::File(p.clone()),
        (None, true) => ConfigSource::Defaults,
        (None, false) => ConfigSource::Discover,
    }
}

/// Loads the workspace; `None` when configs or rules are broken (the errors are shown).
fn load(
    opts: &RuleOptions,
    extra: &Extra,
    start: &Path,
    color: Color,
) -> anyhow::Result<Option<Workspace>> {
    match Workspace::load(&workspace_options(opts, extra), start) {
        Ok(workspace) => Ok(Some(workspace)),
        Err(Error::Files(errors)) => {
            show_errors(&errors, color);
            Ok(None)
        }
        Err(e) => Err(e.into()),
    }
}

/// The workspace options from the rule flags and `check`'s extra options.
fn workspace_options(opts: &RuleOptions, extra: &Extra) -> WorkspaceOptions {
    WorkspaceOptions {
        config: config_source(opts),
        user_dict: opts.user_dict.clone(),
        report_unused_disables: extra.report_unused_disables,
        select: extra.select.clone(),
        ignore: extra.ignore.clone(),
        force_exclude: extra.force_exclude,
    }
}

/// `seigo serve`: loads the workspace once, prints the address, answers until killed.
fn serve(
    path: Option<PathBuf>,
    port: u16,
    allow_write: bool,
    rules: &RuleOptions,
    color: Color,
) -> anyhow::Result<ExitStatus> {
    if allow_write && path.is_none() {
        anyhow::bail!("--allow-write needs a PATH whose files the page may save");
    }
    let start = path.clone().unwrap_or_else(|| PathBuf::from("."));
    let Some(workspace) = load(rules, &Extra::default(), &start, color)? else {
        return Ok(ExitStatus::Error);
    };
    let options = seigo::serve::ServeOptions {
        port,
        root: path,
        allow_write,
        ..Default::default()
    };
    let server = seigo::serve::Server::bind(workspace, &options)?;
    print(|out| writeln!(out, "seigo serve: {}", server.url()))?;
    server.run();
    Ok(ExitStatus::Clean)
}

/// Show a progress bar only for an interactive terminal and enough files to wait for.
const PROGRESS_MIN_FILES: usize = 200;

fn check(args: CheckArgs, color: Color) -> anyhow::Result<ExitStatus> {
    let started = Instant::now();
    let start = workspace::config_start(&args.paths, &args.stdin_filename);
    let extra = Extra {
        report_unused_disables: args.report_unused_disables,
        select: args.select.clone(),
        ignore: args.ignore.clone(),
        force_exclude: args.force_exclude,
    };
    let Some(workspace) = load(&args.rules, &extra, &start, color)? else {
        return Ok(ExitStatus::Error);
    };
    // Leaked: the process ends after this check, and freeing ~100 compiled rules (automata,
    // regexes) one by one took about 1 ms of the one-file latency.
    let workspace: &Workspace = Box::leak(Box::new(workspace));
    let discovery = match workspace.discover(&args.paths, &args.stdin_filename) {
        Ok(discovery) => discovery,
        Err(Error::Files(errors)) => {
            show_errors(&errors, color);
            return Ok(ExitStatus::Error);
        }
        Err(e) => return Err(e.into()),
    };
    let fix = match (args.fix, args.diff) {
        (true, _) => FixMode::Write(seigo::fix::WriteOptions {
            follow_symlinks: args.follow_symlinks,
            allow_hardlinks: args.allow_hardlinks,
        }),
        (false, true) => FixMode::Diff,
        _ => FixMode::Off,
    };
    let options = CheckOptions {
        fix,
        max_file_size: args.max_file_size,
        timings: args.timings,
        fixes: FixOptions {
            unsafe_fixes: args.unsafe_fixes,
        },
    };
    let files = discovery.files.len();
    let bar = (std::io::stderr().is_terminal() && files >= PROGRESS_MIN_FILES).then(|| {
        let style = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}");
        indicatif::ProgressBar::new(files as u64).with_style(style.expect("valid template"))
    });
    let run = workspace.check_files(discovery, &options, &|| {
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    let policy = ExitPolicy {
        fail_on: args.fail_on,
        max_warnings: args.max_warnings,
        diff: fix == FixMode::Diff,
    };
    // Decided before anything is written: a reader that stops early must not change it.
    let status = policy.status(&run.totals());
    // Only SARIF describes the rules; their documentation is read from a built-in rule's
    // text only when asked for.
    let rules = if args.format == OutputFormat::Sarif {
        workspace.rules_in_use()
    } else {
        Vec::new()
    };
    let docs_url = std::env::var("SEIGO_DOCS_URL").ok();
    let view = render::run::RunView {
        format: args.format,
        fix,
        quiet: args.quiet,
        seconds: started.elapsed().as_secs_f64(),
        statistics: args.statistics,
        context: EmitContext {
            rules: &rules,
            fail_on: args.fail_on,
            docs_url: docs_url.as_deref(),
        },
    };
    let tty = std::io::stdout().is_terminal();
    let mut out = stream(color, BufferedStandardStream::stdout, tty);
    let written = render::run::write_run(&run, &view, &mut out, &mut stderr(color));
    finish(status, written)
}

/// IPADIC, with the user dictionary if one is given.
fn morphology(user_dict: Option<&Path>) -> anyhow::Result<Morphology> {
    Ok(match user_dict {
        Some(path) => Morphology::with_user_dictionary(path)?,
        None => Morphology::new(),
    })
}

/// Segments files without reading any features; prints `files bytes tokens`.
fn count_tokens(
    files: &[PathBuf],
    user_dict: Option<&Path>,
    segmenter: Segmenter,
) -> anyhow::Result<ExitStatus> {
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
    let shown = print(|out| writeln!(out, "files {} bytes {bytes} tokens {count}", files.len()));
    finish(ExitStatus::Clean, shown)
}

fn tokens(
    file: Option<&Path>,
    text: Option<String>,
    user_dict: Option<&Path>,
) -> anyhow::Result<ExitStatus> {
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
    Ok(ExitStatus::Clean)
}
