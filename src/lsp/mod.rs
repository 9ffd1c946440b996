//! `seigo lsp`: a language server for Markdown and plain-text articles, on `lsp-server` (the
//! synchronous transport ruff's server uses) and `lsp-types`.
//!
//! - Diagnostics on open and change (full sync, debounced), with `relatedInformation` for the
//!   other places of a contradiction, `code` = rule ID, `codeDescription` = the rule's file.
//! - Code actions: each fix as a quick fix, `source.fixAll.seigo` (every fix, to a fixed point
//!   as `--fix` does), and "disable this rule on this line" (a `seigo-disable-line` comment).
//! - Hover over a finding: its message and the rule's explanation (`seigo explain`).
//! - Configuration per workspace folder, found as the CLI finds it ([`folders`]), reloaded
//!   when a `seigo.yaml` or a rule file changes; broken configs are diagnostics in them.
//! - Position encoding negotiated: UTF-8 when the client offers it, else UTF-16
//!   ([`position`]).
//!
//! Architecture invariant: the server never writes to stdout or stderr itself (stdout is the
//! protocol); everything goes through the connection.

mod actions;
pub mod folders;
pub mod position;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, HoverProviderCapability, Location,
    NumberOrString, ServerCapabilities, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use crate::document::Format;
use crate::finding::{Finding, Severity};
use crate::fix::FixOptions;
use crate::workspace::WorkspaceOptions;
pub use folders::Folders;
use position::{Encoding, PositionMap};

/// The code action kind of "apply every fix".
pub const FIX_ALL: &str = "source.fixAll.seigo";

/// Where built-in rules link to (`codeDescription`) unless the client says otherwise with
/// the `rulesReference` initialization option: a rule file is at `<this>/rules/<pack>/<rule>.yaml`.
pub const DEFAULT_RULES_REFERENCE: &str = "https://github.com/OWNER/seigo/blob/main";

/// How long after the last change a document is checked, unless the client sets
/// `debounceMs` in its initialization options.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(150);

/// Why the server stopped abnormally.
#[derive(Debug, thiserror::Error)]
pub enum LspError {
    #[error("language server protocol: {0}")]
    Protocol(#[from] lsp_server::ProtocolError),
    #[error("invalid initialize parameters: {0}")]
    Initialize(#[from] serde_json::Error),
    #[error("the client closed the connection")]
    Disconnected,
}

/// An open document and what seigo last found in it.
#[derive(Debug)]
struct Doc {
    text: String,
    version: i32,
    /// The name it is checked as: its path, with an extension matching its language.
    name: String,
    /// Findings of the current text; `None` while a check is due.
    findings: Option<Vec<Finding>>,
    /// When the debounced check is due.
    due: Option<Instant>,
}

/// Settings the client passes in `initializationOptions`.
#[derive(Debug, Clone)]
struct ClientOptions {
    debounce: Duration,
    rules_reference: String,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    options: ClientOptions,
    related_information: bool,
    folders: Folders,
    docs: HashMap<Url, Doc>,
    /// Diagnostics published on config and rule files, to clear them once fixed.
    config_diagnostics: BTreeMap<Url, Vec<Diagnostic>>,
    next_request: i32,
}

/// Runs the server over `connection` until the client shuts it down. `options` are the
/// command line's (`--config`, `--no-config`, `--user-dict`), applied to every folder.
pub fn run(connection: Connection, options: WorkspaceOptions) -> Result<(), LspError> {
    let (id, params) = connection.initialize_start()?;
    let params: lsp_types::InitializeParams = serde_json::from_value(params)?;
    let encoding = Encoding::negotiate(
        params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref()),
    );
    let related_information = params
        .capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.publish_diagnostics.as_ref())
        .and_then(|p| p.related_information)
        .unwrap_or(false);
    let watch = params
        .capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files)
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let client = client_options(params.initialization_options.as_ref());
    let roots = workspace_roots(&params);
    connection.initialize_finish(
        id,
        serde_json::json!({
            "capabilities": capabilities(encoding),
            "serverInfo": { "name": "seigo", "version": env!("CARGO_PKG_VERSION") },
        }),
    )?;
    let mut server = Server {
        connection,
        encoding,
        options: client,
        related_information,
        folders: Folders::new(roots, options),
        docs: HashMap::new(),
        config_diagnostics: BTreeMap::new(),
        next_request: 0,
    };
    if watch {
        server.watch_config_files();
    }
    server.main_loop()
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::FULL),
                save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                ..Default::default()
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::new(FIX_ALL)]),
            ..Default::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        ..Default::default()
    }
}

fn client_options(init: Option<&Value>) -> ClientOptions {
    let debounce = init
        .and_then(|v| v.get("debounceMs"))
        .and_then(Value::as_u64)
        .map_or(DEFAULT_DEBOUNCE, Duration::from_millis);
    let rules_reference = init
        .and_then(|v| v.get("rulesReference"))
        .and_then(Value::as_str)
        .unwrap_or(DEFAULT_RULES_REFERENCE)
        .trim_end_matches('/')
        .to_string();
    ClientOptions {
        debounce,
        rules_reference,
    }
}

/// The workspace folders' directories (or the root URI of clients without folders).
#[allow(deprecated)] // `root_uri`: older clients send only that.
fn workspace_roots(params: &lsp_types::InitializeParams) -> Vec<PathBuf> {
    let uris: Vec<&Url> = match &params.workspace_folders {
        Some(folders) if !folders.is_empty() => folders.iter().map(|f| &f.uri).collect(),
        _ => params.root_uri.iter().collect(),
    };
    uris.into_iter()
        .filter_map(|u| u.to_file_path().ok())
        .collect()
}

/// Whether seigo checks documents in this language: Markdown and plain text.
fn is_article(language: &str, uri: &Url) -> bool {
    matches!(language, "markdown" | "plaintext" | "text")
        || uri
            .path()
            .rsplit_once('.')
            .is_some_and(|(_, ext)| matches!(ext, "md" | "markdown" | "txt"))
}

/// The name a document is checked as: its path when its extension matches its language
/// (Markdown or plain text), else with one appended, so the format is the editor's.
fn doc_name(uri: &Url, language: &str) -> String {
    let path = uri
        .to_file_path()
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| uri.to_string());
    let want = match language {
        "markdown" => Format::Markdown,
        "plaintext" | "text" => Format::PlainText,
        _ => return path,
    };
    if Format::from_path(Path::new(&path)) == want {
        path
    } else if want == Format::Markdown {
        format!("{path}.md")
    } else {
        format!("{path}.txt")
    }
}

/// Whether a changed file can change the configuration: a config, a rule file, a user
/// dictionary.
fn is_config_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    crate::config::FILE_NAMES.contains(&name)
        || matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "csv")
        )
}

impl Server {
    fn send(&self, message: impl Into<Message>) {
        // The client hung up: the main loop sees the closed channel next.
        let _ = self.connection.sender.send(message.into());
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn main_loop(&mut self) -> Result<(), LspError> {
        loop {
            let due = self.docs.values().filter_map(|d| d.due).min();
            let message = match due {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(m) => Some(m),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return Err(LspError::Disconnected),
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(m) => Some(m),
                    Err(_) => return Err(LspError::Disconnected),
                },
            };
            match message {
                Some(Message::Request(request)) => {
                    if self.connection.handle_shutdown(&request)? {
                        return Ok(());
                    }
                    self.request(request);
                }
                Some(Message::Notification(n)) => self.notification(n),
                // Answers to our own requests (registering file watchers) need nothing.
                Some(Message::Response(_)) => {}
                None => {}
            }
            self.check_due();
        }
    }

    /// Checks and publishes every document whose debounce time has passed.
    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .docs
            .iter()
            .filter(|(_, d)| d.due.is_some_and(|t| t <= now))
            .map(|(u, _)| u.clone())
            .collect();
        for uri in due {
            self.check(&uri);
        }
    }

    /// Checks a document now and publishes its diagnostics.
    fn check(&mut self, uri: &Url) {
        let Some(doc) = self.docs.get_mut(uri) else {
            return;
        };
        let name = Path::new(&doc.name);
        let (findings, diagnostics) = match self.folders.workspace_for(name) {
            Ok(workspace) => match workspace.settings_of(name) {
                Ok(settings) => {
                    let findings = workspace
                        .check_text(&doc.name, doc.text.as_str())
                        .map(|report| report.findings)
                        .unwrap_or_default();
                    let diagnostics = diagnostics(
                        uri,
                        &doc.text,
                        &findings,
                        self.encoding,
                        self.related_information,
                        &self.options.rules_reference,
                        settings.linter().rules(),
                    );
                    (findings, diagnostics)
                }
                // A broken config nearer to the document than the folder's: nothing to check
                // the document with (the folder's errors are published by `publish_config_errors`).
                Err(_) => (Vec::new(), Vec::new()),
            },
            Err(_) => (Vec::new(), Vec::new()),
        };
        doc.due = None;
        doc.findings = Some(findings);
        let version = doc.version;
        self.notify::<lsp_types::notification::PublishDiagnostics>(
            lsp_types::PublishDiagnosticsParams {
                uri: uri.clone(),
                diagnostics,
                version: Some(version),
            },
        );
        if self.folders.take_loaded() {
            self.publish_config_errors();
        }
    }

    /// A document's findings for its current text, checking it first if a check is due.
    fn fresh(&mut self, uri: &Url) -> Option<&Doc> {
        if self
            .docs
            .get(uri)
            .is_some_and(|d| d.findings.is_none() || d.due.is_some())
        {
            self.check(uri);
        }
        self.docs.get(uri)
    }

    fn notification(&mut self, n: Notification) {
        use lsp_types::notification::*;
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp_types::DidOpenTextDocumentParams>(DidOpenTextDocument::METHOD)
                else {
                    return;
                };
                let d = p.text_document;
                if !is_article(&d.language_id, &d.uri) {
                    return;
                }
                let name = doc_name(&d.uri, &d.language_id);
                self.docs.insert(
                    d.uri.clone(),
                    Doc {
                        text: d.text,
                        version: d.version,
                        name,
                        findings: None,
                        due: None,
                    },
                );
                self.check(&d.uri);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeTextDocumentParams>(
                    DidChangeTextDocument::METHOD,
                ) else {
                    return;
                };
                let debounce = self.options.debounce;
                let Some(doc) = self.docs.get_mut(&p.text_document.uri) else {
                    return;
                };
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    doc.text = change.text;
                }
                doc.version = p.text_document.version;
                doc.findings = None;
                doc.due = Some(Instant::now() + debounce);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = n
                    .extract::<lsp_types::DidCloseTextDocumentParams>(DidCloseTextDocument::METHOD)
                else {
                    return;
                };
                if self.docs.remove(&p.text_document.uri).is_some() {
                    self.notify::<PublishDiagnostics>(lsp_types::PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) =
                    n.extract::<lsp_types::DidSaveTextDocumentParams>(DidSaveTextDocument::METHOD)
                else {
                    return;
                };
                // Clients that do not watch files still tell us when a rule file is saved.
                if p.text_document
                    .uri
                    .to_file_path()
                    .is_ok_and(|path| is_config_file(&path))
                {
                    self.reload();
                }
            }
            DidChangeWatchedFiles::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeWatchedFilesParams>(
                    DidChangeWatchedFiles::METHOD,
                ) else {
                    return;
                };
                let relevant = p
                    .changes
                    .iter()
                    .any(|c| c.uri.to_file_path().is_ok_and(|path| is_config_file(&path)));
                if relevant {
                    self.reload();
                }
            }
            DidChangeWorkspaceFolders::METHOD => {
                let Ok(p) = n.extract::<lsp_types::DidChangeWorkspaceFoldersParams>(
                    DidChangeWorkspaceFolders::METHOD,
                ) else {
                    return;
                };
                let paths = |f: Vec<lsp_types::WorkspaceFolder>| -> Vec<PathBuf> {
                    f.into_iter()
                        .filter_map(|f| f.uri.to_file_path().ok())
                        .collect()
                };
                self.folders
                    .change(paths(p.event.added), paths(p.event.removed));
                self.recheck_all();
            }
            _ => {}
        }
    }

    /// Drops every loaded configuration and checks the open documents again.
    fn reload(&mut self) {
        self.folders.reload();
        self.recheck_all();
    }

    fn recheck_all(&mut self) {
        let open: Vec<Url> = self.docs.keys().cloned().collect();
        for uri in open {
            self.check(&uri);
        }
        if self.folders.take_loaded() {
            self.publish_config_errors();
        }
    }

    /// Publishes the errors of configs and rule packs that do not load as diagnostics in
    /// those files (and a message the first time, as they stop checking), and clears the
    /// diagnostics of files fixed since. Files whose errors did not change are not sent again.
    fn publish_config_errors(&mut self) {
        let now: BTreeMap<Url, Vec<Diagnostic>> = self
            .folders
            .errors_by_file()
            .into_iter()
            .map(|(uri, errors)| {
                let diagnostics = errors
                    .iter()
                    .map(|e| {
                        let map = PositionMap::new(&e.text, self.encoding);
                        let message = match &e.help {
                            Some(help) => format!("{}\nhelp: {help}", e.message),
                            None => e.message.clone(),
                        };
                        Diagnostic {
                            range: map.range(crate::span::SourceSpan::from(
                                e.span.unwrap_or_default().range(),
                            )),
                            severity: Some(DiagnosticSeverity::ERROR),
                            source: Some("seigo".into()),
                            message,
                            ..Default::default()
                        }
                    })
                    .collect();
                (uri, diagnostics)
            })
            .collect();
        let before = std::mem::take(&mut self.config_diagnostics);
        for uri in before.keys().filter(|u| !now.contains_key(*u)) {
            self.notify::<lsp_types::notification::PublishDiagnostics>(
                lsp_types::PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: Vec::new(),
                    version: None,
                },
            );
        }
        for (uri, diagnostics) in now.iter().filter(|(u, d)| before.get(*u) != Some(*d)) {
            self.notify::<lsp_types::notification::PublishDiagnostics>(
                lsp_types::PublishDiagnosticsParams {
                    uri: uri.clone(),
                    diagnostics: diagnostics.clone(),
                    version: None,
                },
            );
        }
        if now.keys().any(|u| !before.contains_key(u)) {
            let first = self.folders.first_error().unwrap_or_default();
            self.notify::<lsp_types::notification::ShowMessage>(lsp_types::ShowMessageParams {
                typ: lsp_types::MessageType::ERROR,
                message: format!(
                    "seigo: the configuration does not load; articles are not checked until it is fixed: {first}"
                ),
            });
        }
        self.config_diagnostics = now;
    }

    fn request(&mut self, request: Request) {
        use lsp_types::request::*;
        let id = request.id.clone();
        match request.method.as_str() {
            CodeActionRequest::METHOD => {
                let Ok((id, p)) =
                    request.extract::<lsp_types::CodeActionParams>(CodeActionRequest::METHOD)
                else {
                    return self.invalid(id);
                };
                let actions = self.code_actions(&p);
                self.send(Response::new_ok(id, actions));
            }
            HoverRequest::METHOD => {
                let Ok((id, p)) = request.extract::<lsp_types::HoverParams>(HoverRequest::METHOD)
                else {
                    return self.invalid(id);
                };
                let hover = self.hover(&p);
                self.send(Response::new_ok(id, hover));
            }
            _ => self.send(Response::new_err(
                id,
                lsp_server::ErrorCode::MethodNotFound as i32,
                format!("seigo does not answer {}", request.method),
            )),
        }
    }

    fn invalid(&self, id: RequestId) {
        self.send(Response::new_err(
            id,
            lsp_server::ErrorCode::InvalidParams as i32,
            "invalid parameters".into(),
        ));
    }

    fn code_actions(
        &mut self,
        p: &lsp_types::CodeActionParams,
    ) -> Vec<lsp_types::CodeActionOrCommand> {
        let uri = &p.text_document.uri;
        if self.fresh(uri).is_none() {
            return Vec::new();
        }
        let doc = &self.docs[uri];
        let findings = doc.findings.as_deref().unwrap_or_default();
        let name = Path::new(&doc.name);
        let Ok(workspace) = self.folders.workspace_for(name) else {
            return Vec::new();
        };
        let Ok(settings) = workspace.settings_of(name) else {
            return Vec::new();
        };
        let wants_fix_all = actions::wants(p.context.only.as_deref(), FIX_ALL);
        let fixed = (wants_fix_all && findings.iter().any(|f| !f.fixes.is_empty()))
            .then(|| workspace.fix_text(&doc.name, &doc.text, FixOptions::default()));
        let diagnostics = diagnostics(
            uri,
            &doc.text,
            findings,
            self.encoding,
            self.related_information,
            &self.options.rules_reference,
            settings.linter().rules(),
        );
        actions::code_actions(&actions::Input {
            uri,
            text: &doc.text,
            findings,
            diagnostics: &diagnostics,
            encoding: self.encoding,
            range: p.range,
            only: p.context.only.as_deref(),
            fixed: fixed.as_ref(),
        })
    }

    fn hover(&mut self, p: &lsp_types::HoverParams) -> Option<lsp_types::Hover> {
        let uri = &p.text_document_position_params.text_document.uri;
        self.fresh(uri)?;
        let doc = &self.docs[uri];
        let name = Path::new(&doc.name);
        let workspace = self.folders.workspace_for(name).ok()?;
        let settings = workspace.settings_of(name).ok()?;
        actions::hover(
            &doc.text,
            doc.findings.as_deref().unwrap_or_default(),
            settings.linter().rules(),
            self.encoding,
            p.text_document_position_params.position,
        )
    }

    /// Asks the client to tell us when configs and rule files change.
    fn watch_config_files(&mut self) {
        let watchers: Vec<lsp_types::FileSystemWatcher> = [
            "**/seigo.yaml",
            "**/.seigo.yaml",
            "**/*.{yaml,yml}",
            "**/*.csv",
        ]
        .into_iter()
        .map(|glob| lsp_types::FileSystemWatcher {
            glob_pattern: lsp_types::GlobPattern::String(glob.into()),
            kind: None,
        })
        .collect();
        let registration = lsp_types::Registration {
            id: "seigo-config-files".into(),
            method: lsp_types::notification::DidChangeWatchedFiles::METHOD.into(),
            register_options: Some(serde_json::json!({ "watchers": watchers })),
        };
        self.next_request += 1;
        self.send(Request::new(
            RequestId::from(format!("seigo-{}", self.next_request)),
            lsp_types::request::RegisterCapability::METHOD.into(),
            lsp_types::RegistrationParams {
                registrations: vec![registration],
            },
        ));
    }
}

fn severity(s: Severity) -> DiagnosticSeverity {
    match s {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostics of a document's findings. Related places become `relatedInformation`
/// (or, for clients without it, part of the message).
fn diagnostics(
    uri: &Url,
    text: &str,
    findings: &[Finding],
    encoding: Encoding,
    related_information: bool,
    reference: &str,
    rules: &[crate::rules::Rule],
) -> Vec<Diagnostic> {
    let map = PositionMap::new(text, encoding);
    findings
        .iter()
        .map(|f| {
            let related: Vec<DiagnosticRelatedInformation> = f
                .related
                .iter()
                .map(|r| DiagnosticRelatedInformation {
                    location: Location::new(uri.clone(), map.range(r.span)),
                    message: r.message.clone(),
                })
                .collect();
            let mut message = f.message.clone();
            if !related_information {
                for r in &f.related {
                    let at = map.position(r.span.start);
                    message.push_str(&format!(
                        "\n{}:{}: {}",
                        at.line + 1,
                        at.character + 1,
                        r.message
                    ));
                }
            }
            let href = rules
                .iter()
                .find(|r| r.id == f.rule)
                .and_then(|rule| rule_link(rule, reference));
            Diagnostic {
                range: map.range(f.span),
                severity: Some(severity(f.severity)),
                code: Some(NumberOrString::String(f.rule.clone())),
                code_description: href.map(|href| lsp_types::CodeDescription { href }),
                source: Some("seigo".into()),
                message,
                related_information: (related_information && !related.is_empty())
                    .then_some(related),
                ..Default::default()
            }
        })
        .collect()
}

/// Where a rule is described: its YAML file (a local pack's on disk; a built-in one under
/// the rules reference).
fn rule_link(rule: &crate::rules::Rule, reference: &str) -> Option<Url> {
    if rule.origin.builtin {
        Url::parse(&format!("{reference}/{}", rule.origin.path)).ok()
    } else {
        std::path::absolute(&rule.origin.path)
            .ok()
            .and_then(|p| Url::from_file_path(p).ok())
    }
}
