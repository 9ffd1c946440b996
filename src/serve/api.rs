//! The JSON API behind the page of `seigo serve`, as plain functions of a request body: no
//! sockets here, so every endpoint is tested without a server. Spans are given twice, as byte
//! offsets into the UTF-8 text (what the CLI's JSON output uses) and as UTF-16 code-unit
//! offsets (what JavaScript's string indices are).

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::FileError;
use crate::finding::{Finding, Fix, Severity};

/// A fix as findings carry it: in source coordinates.
type SourceFix = Fix<SourceSpan>;
use crate::fix::{self, FixOptions, WriteOptions};
use crate::input;
use crate::rules::Rule;
use crate::rules::spec::RuleSource;
use crate::rules::testing;
use crate::span::{LineIndex, SourceSpan};
use crate::workspace::{Settings, Target, Workspace};

/// The name an article pasted into the page is checked as (plain text, the configuration
/// governing the served directory).
pub const PASTED_NAME: &str = "article.txt";

/// The file name rules typed into the playground are shown under in errors.
pub const PLAYGROUND_RULE_PATH: &str = "playground.yaml";

/// An HTTP status and a JSON body.
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: Value,
}

impl Reply {
    fn ok(body: Value) -> Reply {
        Reply { status: 200, body }
    }

    fn error(status: u16, message: impl Into<String>) -> Reply {
        Reply {
            status,
            body: json!({ "error": message.into() }),
        }
    }
}

/// The state the API answers from: the workspace (configuration, dictionary and compiled
/// rules, loaded once and reused by every request), the directory whose files the page may
/// open, and whether it may write them.
#[derive(Debug)]
pub struct Api {
    workspace: Workspace,
    root: Option<PathBuf>,
    allow_write: bool,
    /// The files the page may open, as last discovered: a re-check of an opened file must
    /// not walk the directory again.
    files: Mutex<Vec<(String, PathBuf)>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CheckRequest {
    text: String,
    /// A file under the served directory (relative), or absent for a pasted article: its
    /// extension chooses Markdown or plain text.
    #[serde(default)]
    path: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixRequest {
    text: String,
    #[serde(default)]
    path: Option<String>,
    /// One fix to apply (as a finding offered it, byte span); absent: every fix, as `--fix`.
    #[serde(default)]
    fix: Option<FixIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FixIn {
    start: usize,
    end: usize,
    replacement: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExplainRequest {
    rule: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleTestRequest {
    yaml: String,
    #[serde(default)]
    sample: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SaveRequest {
    path: String,
    text: String,
    /// The text as the page opened it: the file is not written if it changed since.
    original: String,
}

/// A span as the page uses it.
#[derive(Serialize)]
struct SpanOut {
    start: usize,
    end: usize,
    utf16_start: usize,
    utf16_end: usize,
    line: usize,
    column: usize,
}

impl Api {
    /// `root` is the directory (or file) named on the command line, if any.
    pub fn new(workspace: Workspace, root: Option<PathBuf>, allow_write: bool) -> Api {
        let mut api = Api {
            workspace,
            root,
            allow_write,
            files: Mutex::new(Vec::new()),
        };
        let files = api.discover();
        api.files = Mutex::new(files);
        api
    }

    /// Answers `method path` with a JSON body; `None` when no endpoint has that path (the
    /// caller serves the page or a 404).
    pub fn handle(&self, method: &str, path: &str, body: &[u8]) -> Option<Reply> {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        let reply = match (method, path) {
            ("GET", "/api/info") => self.info(),
            ("GET", "/api/file") => self.open(query),
            ("POST", "/api/check") => with(body, |r| self.check(r)),
            ("POST", "/api/fix") => with(body, |r| self.fix(r)),
            ("POST", "/api/explain") => with(body, |r| self.explain(r)),
            ("POST", "/api/rule/test") => with(body, |r| self.rule_test(r)),
            ("POST", "/api/save") => with(body, |r| self.save(r)),
            (_, p) if p.starts_with("/api/") => Reply::error(405, format!("no {method} {p}")),
            _ => return None,
        };
        Some(reply)
    }

    /// What the page needs at start: whether saving is allowed, the files it may open
    /// (discovered again: files may have been added since).
    fn info(&self) -> Reply {
        let settings = match self.root_settings() {
            Ok(settings) => settings,
            Err(reply) => return reply,
        };
        let found = self.discover();
        let files: Vec<String> = found.iter().map(|(shown, _)| shown.clone()).collect();
        *self.files.lock().unwrap_or_else(|e| e.into_inner()) = found;
        Reply::ok(json!({
            "version": env!("CARGO_PKG_VERSION"),
            "root": self.root.as_ref().map(|r| r.display().to_string()),
            "allow_write": self.allow_write,
            "files": files,
            "rules": settings.linter().rules().iter().map(|r| json!({
                "id": r.id, "kind": r.kind(), "severity": r.severity,
            })).collect::<Vec<_>>(),
        }))
    }

    /// The checkable files under the root, as discovery finds them for `seigo check ROOT`,
    /// each with the name the page shows (relative to the root).
    fn discover(&self) -> Vec<(String, PathBuf)> {
        let Some(root) = &self.root else {
            return Vec::new();
        };
        let Ok(discovery) = self.workspace.discover(std::slice::from_ref(root), "-") else {
            return Vec::new();
        };
        discovery
            .files
            .into_iter()
            .filter_map(|d| match d.target {
                Target::File(p) => {
                    let shown = p.strip_prefix(root).unwrap_or(&p).display().to_string();
                    let shown = if shown.is_empty() {
                        p.file_name()?.to_string_lossy().into_owned()
                    } else {
                        shown
                    };
                    Some((shown, p))
                }
                Target::Stdin { .. } => None,
            })
            .collect()
    }

    /// A file the page may open or save: one of [`Api::files`], named as shown. Anything
    /// else (a path outside the root, `..`, a file discovery skips) is refused.
    fn file(&self, shown: &str) -> Option<PathBuf> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        let find = |files: &[(String, PathBuf)]| {
            files
                .iter()
                .find(|(name, _)| name == shown)
                .map(|(_, p)| p.clone())
        };
        if let Some(found) = find(&files) {
            return Some(found);
        }
        // Perhaps created since the last walk.
        *files = self.discover();
        find(&files)
    }

    fn open(&self, query: &str) -> Reply {
        let Some(shown) = query_value(query, "path") else {
            return Reply::error(400, "missing ?path=");
        };
        let Some(path) = self.file(&shown) else {
            return Reply::error(404, format!("{shown}: not a file this server opens"));
        };
        let text = input::read_bytes(&path, input::DEFAULT_MAX_BYTES).and_then(input::decode);
        match text {
            Ok(text) => Reply::ok(json!({ "path": shown, "text": text })),
            Err(e) => Reply::error(422, format!("{shown}: {e}")),
        }
    }

    /// The settings a pasted article is checked with: the configuration in effect at the root.
    fn root_settings(&self) -> Result<Arc<Settings>, Reply> {
        self.workspace
            .settings_of(&self.name_for(None))
            .map_err(|e| Reply::error(500, e.to_string()))
    }

    /// The name a text is checked as: the file's path, or a pasted article in the root.
    fn name_for(&self, shown: Option<&str>) -> PathBuf {
        let base = match &self.root {
            Some(root) if root.is_dir() => root.clone(),
            Some(root) => root.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => PathBuf::new(),
        };
        match shown.and_then(|s| self.file(s)) {
            Some(path) => path,
            None => base.join(PASTED_NAME),
        }
    }

    fn check(&self, r: CheckRequest) -> Reply {
        let started = Instant::now();
        let name = self.name_for(r.path.as_deref());
        let report = match self
            .workspace
            .check_text(&name.display().to_string(), r.text)
        {
            Ok(report) => report,
            Err(e) => return Reply::error(422, e.to_string()),
        };
        let mut body = findings_json(&report.source, &report.findings);
        body["elapsed_ms"] = json!(started.elapsed().as_secs_f64() * 1000.0);
        Reply::ok(body)
    }

    fn fix(&self, r: FixRequest) -> Reply {
        let name = self.name_for(r.path.as_deref()).display().to_string();
        let mut held_back = Vec::new();
        // The findings on the fixed text when fixing already checked it (fix-all: held-back
        // fixes are suggestions there).
        let mut remaining = None;
        let (text, applied) = match r.fix {
            Some(one) => {
                let span = SourceSpan::new(one.start, one.end);
                // Only a fix seigo offers for this very text: one from an older version of
                // it (the editor typed meanwhile) would land in the wrong place. The editor
                // chose it, so a suggestion applies as well as a safe fix.
                let findings = match self.workspace.check_text(&name, r.text.as_str()) {
                    Ok(report) => report.findings,
                    Err(e) => return Reply::error(422, e.to_string()),
                };
                let offered: Option<&SourceFix> = findings
                    .iter()
                    .flat_map(|f| &f.fixes)
                    .find(|f| f.span == span && f.replacement == one.replacement);
                let (text, applied) = match offered {
                    Some(fix) => fix::apply_fixes(&r.text, [fix]),
                    None => (String::new(), 0),
                };
                if applied == 0 {
                    return Reply::error(
                        409,
                        "seigo offers no such fix for this text (it was edited since?); check again",
                    );
                }
                (text, applied)
            }
            None => match self
                .workspace
                .fix_text(&name, &r.text, FixOptions::default())
            {
                Ok(fixed) => {
                    held_back = fixed
                        .held_back
                        .iter()
                        .map(|h| {
                            json!({
                                "rule": h.rule, "original": h.original,
                                "replacement": h.replacement, "creates": h.creates,
                                "reverted_by": h.reverted_by,
                            })
                        })
                        .collect();
                    remaining = Some(fixed.remaining);
                    (fixed.text, fixed.applied)
                }
                Err(e) => return Reply::error(422, e.to_string()),
            },
        };
        let (text, findings) = match remaining {
            Some(findings) => (text, findings),
            None => match self.workspace.check_text(&name, text) {
                Ok(report) => (report.source, report.findings),
                Err(e) => return Reply::error(422, e.to_string()),
            },
        };
        let mut body = findings_json(&text, &findings);
        body["text"] = json!(text);
        body["applied"] = json!(applied);
        body["held_back"] = json!(held_back);
        Reply::ok(body)
    }

    fn explain(&self, r: ExplainRequest) -> Reply {
        let settings = match self.root_settings() {
            Ok(settings) => settings,
            Err(reply) => return reply,
        };
        let Some(rule) = settings.linter().rules().iter().find(|x| x.id == r.rule) else {
            return Reply::error(404, format!("no enabled rule `{}`", r.rule));
        };
        Reply::ok(explain_json(rule))
    }

    /// Compiles a rule typed into the playground, runs it over the sample and runs its
    /// examples as tests. A rule that does not compile gives its errors, each located, with
    /// the same messages and help as `seigo test` prints.
    fn rule_test(&self, r: RuleTestRequest) -> Reply {
        if r.yaml.len() as u64 > input::MAX_RULE_BYTES {
            return Reply::error(413, "rule file too large");
        }
        let settings = match self.root_settings() {
            Ok(settings) => settings,
            Err(reply) => return reply,
        };
        let morphology = settings.linter().morphology();
        let source = RuleSource::new(PLAYGROUND_RULE_PATH, r.yaml);
        let rule = match Rule::load("playground/rule", source, false, morphology) {
            Ok(rule) => rule,
            Err(errors) => {
                return Reply::ok(json!({
                    "ok": false,
                    "errors": errors.iter().map(error_json).collect::<Vec<_>>(),
                }));
            }
        };
        let matches = testing::findings_for(&rule, &r.sample, morphology);
        let examples: Vec<Value> = testing::example_results(&rule, morphology)
            .into_iter()
            .map(|e| {
                json!({
                    "good": e.good,
                    "text": e.example.text,
                    "fixed": e.example.fixed,
                    "passed": e.problem.is_none(),
                    "problem": e.problem.as_ref().map(error_json),
                })
            })
            .collect();
        let mut body = findings_json(&r.sample, &matches);
        body["ok"] = json!(true);
        body["rule"] = json!({ "kind": rule.kind(), "severity": rule.severity });
        body["examples"] = json!(examples);
        Reply::ok(body)
    }

    /// Saves a file through the same safe write as `seigo check --fix`; only with
    /// `--allow-write`, only files the page may open, and only if the file on disk still
    /// holds the text the page opened.
    fn save(&self, r: SaveRequest) -> Reply {
        if !self.allow_write {
            return Reply::error(403, "saving is off: start `seigo serve --allow-write`");
        }
        let Some(path) = self.file(&r.path) else {
            return Reply::error(404, format!("{}: not a file this server opens", r.path));
        };
        let bytes = match input::read_bytes(&path, input::DEFAULT_MAX_BYTES) {
            Ok(bytes) => bytes,
            Err(e) => return Reply::error(422, format!("{}: {e}", r.path)),
        };
        match input::decode(bytes.clone()) {
            Ok(text) if text == r.original => {}
            _ => {
                return Reply::error(
                    409,
                    format!(
                        "{}: changed on disk since it was opened; not written",
                        r.path
                    ),
                );
            }
        }
        match fix::write_atomically(&path, &bytes, &r.text, WriteOptions::default()) {
            Ok(()) => Reply::ok(json!({ "saved": r.path })),
            Err(e) => Reply::error(409, format!("{}: {e}", r.path)),
        }
    }
}

/// Parses a JSON request body and answers it; a body that is not the request is a 400.
fn with<R: serde::de::DeserializeOwned>(body: &[u8], answer: impl FnOnce(R) -> Reply) -> Reply {
    match serde_json::from_slice(body) {
        Ok(request) => answer(request),
        Err(e) => Reply::error(400, format!("invalid request: {e}")),
    }
}

/// `value` of `key` in a URL query (`path=a%2Fb.md`), percent-decoded.
fn query_value(query: &str, key: &str) -> Option<String> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// Findings with both kinds of offsets, counts by severity, and counts by kind (what the
/// page's list groups by).
pub fn findings_json(text: &str, findings: &[Finding]) -> Value {
    let index = LineIndex::new(text);
    let span = |s: SourceSpan| {
        let at = index.line_col(text, s.start);
        SpanOut {
            start: s.start,
            end: s.end,
            utf16_start: index.utf16_before(text, s.start),
            utf16_end: index.utf16_before(text, s.end),
            line: at.line,
            column: at.column,
        }
    };
    let out: Vec<Value> = findings
        .iter()
        .enumerate()
        .map(|(id, f)| {
            json!({
                "id": id,
                "rule": f.rule,
                "kind": f.kind,
                "severity": f.severity,
                "message": f.message,
                "span": span(f.span),
                "text": text.get(f.span.range()).unwrap_or(""),
                "related": f.related.iter().map(|r| json!({
                    "span": span(r.span),
                    "message": r.message,
                    "text": text.get(r.span.range()).unwrap_or(""),
                })).collect::<Vec<_>>(),
                "fixes": f.fixes.iter().map(|x| json!({
                    "span": span(x.span),
                    "replacement": x.replacement,
                    "applicability": x.applicability.as_str(),
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let mut kinds: Vec<(&str, usize)> = Vec::new();
    for f in findings {
        match kinds.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => *n += 1,
            None => kinds.push((f.kind, 1)),
        }
    }
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    json!({
        "findings": out,
        "counts": {
            "error": count(Severity::Error),
            "warning": count(Severity::Warning),
            "info": count(Severity::Info),
        },
        "kinds": kinds.iter().map(|(k, n)| json!({ "kind": k, "count": n })).collect::<Vec<_>>(),
    })
}

/// A rule described as `seigo explain` describes it: the same text, and its parts.
pub fn explain_json(rule: &Rule) -> Value {
    let mut text = Vec::new();
    crate::render::text::explain(rule, &mut text).expect("writing to memory");
    json!({
        "rule": rule.id,
        "kind": rule.kind(),
        "severity": rule.severity,
        "description": rule.description().trim_end(),
        "origin": rule.origin.path,
        "examples": {
            "bad": rule.examples().bad.iter().map(|e| &e.text).collect::<Vec<_>>(),
            "good": rule.examples().good.iter().map(|e| &e.text).collect::<Vec<_>>(),
        },
        "text": String::from_utf8_lossy(&text),
    })
}

/// A located error (a rule that does not compile, a failing example) with its line and
/// column, and rendered as the CLI renders it.
fn error_json(e: &FileError) -> Value {
    let (line, column, end_line, end_column) = match e.span {
        Some(s) => {
            let index = LineIndex::new(&e.text);
            let a = index.line_col(&e.text, s.start);
            let b = index.line_col(&e.text, s.end);
            (Some(a.line), Some(a.column), Some(b.line), Some(b.column))
        }
        None => (None, None, None, None),
    };
    json!({
        "message": e.message,
        "help": e.help,
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "rendered": crate::render::human::error_to_string(e),
    })
}
