//! In-process tests of the language server over `Connection::memory()`: a client speaks the
//! protocol to [`super::run`] on another thread. Ranges are checked against the text with
//! conversions written independently here (`str::encode_utf16`, byte slices), and the
//! published diagnostics are insta snapshots, so a span or encoding change shows in review.

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{Value, json};

use super::{LspError, run};
use crate::workspace::{ConfigSource, WorkspaceOptions};

/// A headline and a body that contradicts it (トランプ大統領 / 前大統領: a contradiction
/// with the headline as the related place), a wrong word with a fix (帰り先), an emoji
/// (two UTF-16 units, four bytes) on the same lines before them and CRLF line ends.
const ARTICLE: &str = "トランプ大統領が石破茂総理の提案を拒否😀\r\n\r\n日本政府は😀、トランプ前大統領の再選を受けて、トランプ氏の帰り先に備える。\r\n";

const WAIT: Duration = Duration::from_secs(60);

struct Client {
    conn: Connection,
    server: Option<JoinHandle<Result<(), LspError>>>,
    next_id: i32,
    /// Notifications that arrived while waiting for something else.
    pending: Vec<Notification>,
    encoding: String,
}

impl Client {
    /// Starts a server and initializes it with `capabilities`, the given workspace folders
    /// and a debounce of `debounce_ms`.
    fn start(capabilities: Value, folders: &[&Path], debounce_ms: u64) -> Client {
        Client::start_with(
            capabilities,
            folders,
            debounce_ms,
            WorkspaceOptions::default(),
        )
    }

    fn start_with(
        capabilities: Value,
        folders: &[&Path],
        debounce_ms: u64,
        options: WorkspaceOptions,
    ) -> Client {
        let (server, conn) = Connection::memory();
        let handle = std::thread::spawn(move || run(server, options));
        let mut client = Client {
            conn,
            server: Some(handle),
            next_id: 0,
            pending: Vec::new(),
            encoding: String::new(),
        };
        let folders: Vec<Value> = folders
            .iter()
            .map(|f| json!({ "uri": uri(f), "name": f.display().to_string() }))
            .collect();
        let result = client.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": null,
                "capabilities": capabilities,
                "workspaceFolders": folders,
                "initializationOptions": { "debounceMs": debounce_ms, "rulesReference": "https://example.invalid/seigo" },
            }),
        );
        client.encoding = result["capabilities"]["positionEncoding"]
            .as_str()
            .expect("an encoding is chosen")
            .to_string();
        client.notify("initialized", json!({}));
        client
    }

    fn send(&self, message: Message) {
        self.conn.sender.send(message).expect("server is running");
    }

    fn notify(&self, method: &str, params: Value) {
        self.send(Notification::new(method.into(), params).into());
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = RequestId::from(self.next_id);
        self.send(Request::new(id.clone(), method.into(), params).into());
        loop {
            match self.conn.receiver.recv_timeout(WAIT).expect("a reply") {
                Message::Response(r) if r.id == id => {
                    assert!(r.error.is_none(), "{method} failed: {:?}", r.error);
                    return r.result.unwrap_or(Value::Null);
                }
                Message::Notification(n) => self.pending.push(n),
                // The server asking us something (registering watchers): say yes.
                Message::Request(r) => self.send(lsp_server::Response::new_ok(r.id, ()).into()),
                Message::Response(_) => {}
            }
        }
    }

    /// The next notification `method` (optionally for `uri`), waiting for it.
    fn next(&mut self, method: &str, for_uri: Option<&str>) -> Value {
        let wanted =
            |n: &Notification| n.method == method && for_uri.is_none_or(|u| n.params["uri"] == u);
        if let Some(i) = self.pending.iter().position(wanted) {
            return self.pending.remove(i).params;
        }
        loop {
            match self
                .conn
                .receiver
                .recv_timeout(WAIT)
                .expect("a notification")
            {
                Message::Notification(n) if wanted(&n) => return n.params,
                Message::Notification(n) => self.pending.push(n),
                Message::Request(r) => self.send(lsp_server::Response::new_ok(r.id, ()).into()),
                Message::Response(_) => {}
            }
        }
    }

    /// Nothing more arrives for `wait` (pending notifications of `method` included).
    fn quiet(&mut self, method: &str, wait: Duration) -> Vec<Value> {
        let mut got: Vec<Value> = self
            .pending
            .iter()
            .filter(|n| n.method == method)
            .map(|n| n.params.clone())
            .collect();
        self.pending.retain(|n| n.method != method);
        while let Ok(m) = self.conn.receiver.recv_timeout(wait) {
            if let Message::Notification(n) = m
                && n.method == method
            {
                got.push(n.params);
            }
        }
        got
    }

    fn diagnostics(&mut self, uri: &str) -> Value {
        self.next("textDocument/publishDiagnostics", Some(uri))
    }

    fn open(&mut self, uri: &str, language: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    fn change(&self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({
                "textDocument": { "uri": uri, "version": version },
                "contentChanges": [{ "text": text }],
            }),
        );
    }

    fn shutdown(mut self) {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        let result = self
            .server
            .take()
            .expect("running")
            .join()
            .expect("no panic");
        assert!(result.is_ok(), "{result:?}");
    }

    /// The byte offset of an LSP position, counted here without the server's code.
    fn offset(&self, text: &str, position: &Value) -> usize {
        let line = position["line"].as_u64().unwrap() as usize;
        let character = position["character"].as_u64().unwrap() as usize;
        let mut start = 0;
        for _ in 0..line {
            let rest = &text[start..];
            let i = rest.find(['\n', '\r']).expect("line exists");
            start += i + if rest[i..].starts_with("\r\n") { 2 } else { 1 };
        }
        if self.encoding == "utf-8" {
            return start + character;
        }
        let mut units = 0;
        for (i, c) in text[start..].char_indices() {
            if units == character {
                return start + i;
            }
            units += c.len_utf16();
        }
        text.len()
    }

    fn slice<'t>(&self, text: &'t str, range: &Value) -> &'t str {
        &text[self.offset(text, &range["start"])..self.offset(text, &range["end"])]
    }

    /// Applies a workspace edit's text edits for `uri` to `text`.
    fn apply(&self, text: &str, edit: &Value, uri: &str) -> String {
        let mut edits: Vec<(usize, usize, String)> = edit["changes"][uri]
            .as_array()
            .expect("edits for the document")
            .iter()
            .map(|e| {
                (
                    self.offset(text, &e["range"]["start"]),
                    self.offset(text, &e["range"]["end"]),
                    e["newText"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        let mut out = text.to_string();
        for (start, end, new) in edits {
            out.replace_range(start..end, &new);
        }
        out
    }
}

fn uri(path: &Path) -> String {
    lsp_types::Url::from_file_path(path).unwrap().to_string()
}

fn utf16_client() -> Value {
    json!({ "textDocument": { "publishDiagnostics": { "relatedInformation": true } } })
}

fn utf8_client() -> Value {
    json!({
        "general": { "positionEncodings": ["utf-8", "utf-16"] },
        "textDocument": { "publishDiagnostics": { "relatedInformation": true } },
    })
}

/// A snapshot-stable copy: the temporary directory's URI replaced.
fn redact(value: &Value, dir: &Path) -> Value {
    let text = value.to_string().replace(&uri(dir), "file:///[TMP]");
    serde_json::from_str(&text).unwrap()
}

fn by_rule<'v>(diagnostics: &'v Value, rule: &str) -> &'v Value {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics:#}"))
}

fn rules_of(diagnostics: &Value) -> Vec<String> {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

/// Diagnostics, related places and code actions in one encoding, ranges checked against
/// the text.
fn session(capabilities: Value, expected_encoding: &str, snapshot: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("article.md");
    let doc = uri(&path);
    let mut client = Client::start(capabilities, &[dir.path()], 0);
    assert_eq!(client.encoding, expected_encoding);
    let published = client.open(&doc, "markdown", ARTICLE);
    insta::assert_json_snapshot!(snapshot, redact(&published, dir.path()));

    let wrong_word = by_rule(&published, "ja-news/kaerisaki");
    assert_eq!(client.slice(ARTICLE, &wrong_word["range"]), "帰り先");
    let conflict = by_rule(&published, "ja-news/title-conflict");
    assert_eq!(client.slice(ARTICLE, &conflict["range"]), "前大統領");
    let related = &conflict["relatedInformation"][0];
    assert_eq!(related["location"]["uri"], doc.as_str());
    assert_eq!(
        client.slice(ARTICLE, &related["location"]["range"]),
        "大統領"
    );
    assert!(client.offset(ARTICLE, &related["location"]["range"]["start"]) < 30);
    assert_eq!(
        conflict["codeDescription"]["href"],
        "https://example.invalid/seigo/rules/ja-news/title-conflict.yaml"
    );

    // The quick fix for the wrong word, and the fix-all action.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": wrong_word["range"],
            "context": { "diagnostics": [wrong_word] },
        }),
    );
    let actions = actions.as_array().unwrap();
    let quick = actions
        .iter()
        .find(|a| a["kind"] == "quickfix" && a["isPreferred"] == true)
        .expect("a preferred quick fix");
    assert_eq!(quick["diagnostics"][0]["code"], "ja-news/kaerisaki");
    let fixed = client.apply(ARTICLE, &quick["edit"], &doc);
    assert_eq!(fixed, ARTICLE.replace("帰り先", "返り咲き"));
    let all = actions
        .iter()
        .find(|a| a["kind"] == super::FIX_ALL)
        .expect("fix all");
    // 返り咲き would make 「再選」 and 「返り咲き」 an election conflict: `--fix` holds that fix
    // back, and so does fix-all, saying why instead of offering an edit.
    assert!(all["edit"].is_null(), "{all:#}");
    let reason = all["disabled"]["reason"].as_str().unwrap();
    assert!(
        reason.contains("ja-news/kaerisaki") && reason.contains("ja-news/election-conflict"),
        "{reason}"
    );

    // Disabling the rule on its line: the suppression comment makes the finding go.
    let disable = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("seigo-disable-line"))
        .expect("a disable action");
    let disabled = client.apply(ARTICLE, &disable["edit"], &doc);
    assert!(
        disabled.contains("備える。 <!-- seigo-disable-line ja-news/kaerisaki -->\r\n"),
        "{disabled:?}"
    );
    client.change(&doc, 2, &disabled);
    let after = client.diagnostics(&doc);
    assert_eq!(after["version"], 2);
    assert!(!rules_of(&after).contains(&"ja-news/kaerisaki".to_string()));
    assert!(rules_of(&after).contains(&"ja-news/title-conflict".to_string()));

    // Hover over the contradiction: the rule's explanation, as `seigo explain` prints it.
    let hover = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": doc }, "position": conflict["range"]["start"] }),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert!(text.contains("ja-news/title-conflict"), "{text}");
    assert!(
        text.contains("defined in: rules/ja-news/title-conflict.yaml"),
        "{text}"
    );
    client.shutdown();
}

#[test]
fn utf16_positions_with_japanese_emoji_and_crlf() {
    session(utf16_client(), "utf-16", "utf16_diagnostics");
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    session(utf8_client(), "utf-8", "utf8_diagnostics");
}

#[test]
fn fix_all_applies_the_safe_fixes_as_fix_does() {
    let dir = tempfile::tempdir().unwrap();
    let doc = uri(&dir.path().join("a.md"));
    let mut client = Client::start(utf16_client(), &[dir.path()], 0);
    let text = "# 政府の対応\n\n日本政府は、トランプ氏の帰り先に備える。\n";
    client.open(&doc, "markdown", text);
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": doc },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } },
            "context": { "diagnostics": [], "only": [super::FIX_ALL] },
        }),
    );
    let all = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["kind"] == super::FIX_ALL)
        .expect("fix all");
    assert!(all["disabled"].is_null(), "{all:#}");
    assert_eq!(
        client.apply(text, &all["edit"], &doc),
        text.replace("帰り先", "返り咲き")
    );
    client.shutdown();
}

#[test]
fn related_places_go_into_the_message_for_clients_without_related_information() {
    let dir = tempfile::tempdir().unwrap();
    let doc = uri(&dir.path().join("a.txt"));
    let mut client = Client::start(json!({}), &[dir.path()], 0);
    let published = client.open(&doc, "plaintext", ARTICLE);
    let conflict = by_rule(&published, "ja-news/title-conflict");
    assert!(conflict.get("relatedInformation").is_none());
    let message = conflict["message"].as_str().unwrap();
    assert!(message.lines().count() >= 2, "{message}");
    assert!(
        message.lines().nth(1).unwrap().starts_with("1:"),
        "{message}"
    );
    client.shutdown();
}

#[test]
fn changes_are_debounced_into_one_check_of_the_last_version() {
    let dir = tempfile::tempdir().unwrap();
    let doc = uri(&dir.path().join("a.md"));
    let mut client = Client::start(utf16_client(), &[dir.path()], 300);
    client.open(&doc, "markdown", "見出し\n\n本文です。\n");
    let version_text =
        |v: usize| format!("見出し\n\n{}", "トランプ氏の帰り先に備える。\n\n".repeat(v));
    for version in 2..=5 {
        client.change(&doc, version, &version_text(version as usize));
    }
    let published = client.quiet(
        "textDocument/publishDiagnostics",
        Duration::from_millis(1500),
    );
    assert_eq!(published.len(), 1, "{published:#?}");
    assert_eq!(published[0]["version"], 5);
    // The findings of the last text, as the library finds them.
    let defaults = WorkspaceOptions {
        config: ConfigSource::Defaults,
        ..WorkspaceOptions::default()
    };
    let workspace = crate::Workspace::load(&defaults, dir.path()).unwrap();
    let expected: Vec<String> = workspace
        .check_text("a.md", version_text(5))
        .unwrap()
        .findings
        .into_iter()
        .map(|f| f.rule)
        .collect();
    assert!(
        expected
            .iter()
            .filter(|r| *r == "ja-news/kaerisaki")
            .count()
            >= 1
    );
    assert_eq!(rules_of(&published[0]), expected);
    client.shutdown();
}

#[test]
fn other_languages_are_not_checked() {
    let dir = tempfile::tempdir().unwrap();
    let mut client = Client::start(utf16_client(), &[dir.path()], 0);
    let rust = uri(&dir.path().join("main.rs"));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": rust, "languageId": "rust", "version": 1, "text": "// 帰り先" } }),
    );
    let md = uri(&dir.path().join("a.md"));
    client.open(&md, "markdown", "見出し\n\n本文です。\n");
    let all = client.quiet(
        "textDocument/publishDiagnostics",
        Duration::from_millis(200),
    );
    assert!(all.iter().all(|p| p["uri"] != rust.as_str()));
    client.shutdown();
}

/// Each folder has its own configuration; a changed `seigo.yaml` is reloaded and the open
/// documents checked again; a broken one is reported in the file, at its line.
#[test]
fn configuration_per_folder_reloaded_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let config = a.join("seigo.yaml");
    std::fs::write(&config, "disable: [ja-news/kaerisaki]\n").unwrap();
    let capabilities = json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": { "publishDiagnostics": { "relatedInformation": true } },
    });
    let mut client = Client::start(capabilities, &[&a, &b], 0);
    let (in_a, in_b) = (uri(&a.join("x.md")), uri(&b.join("x.md")));
    assert!(
        !rules_of(&client.open(&in_a, "markdown", ARTICLE)).contains(&"ja-news/kaerisaki".into())
    );
    assert!(
        rules_of(&client.open(&in_b, "markdown", ARTICLE)).contains(&"ja-news/kaerisaki".into())
    );

    // The config changes on disk: the rule comes back in folder a.
    std::fs::write(&config, "disable: []\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&config), "type": 2 }] }),
    );
    assert!(rules_of(&client.diagnostics(&in_a)).contains(&"ja-news/kaerisaki".into()));

    // A typo in the config: an error in seigo.yaml at its line, a message, and no checking
    // in that folder until it is fixed.
    std::fs::write(&config, "packs: [ja-news]\ndisabel: []\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri(&config), "type": 2 }] }),
    );
    assert_eq!(client.diagnostics(&in_a)["diagnostics"], json!([]));
    let errors = client.diagnostics(&uri(&config));
    let error = &errors["diagnostics"][0];
    assert_eq!(error["range"]["start"]["line"], 1, "{errors:#}");
    assert!(
        error["message"].as_str().unwrap().contains("disabel"),
        "{errors:#}"
    );
    let shown = client.next("window/showMessage", None);
    assert!(
        shown["message"].as_str().unwrap().contains("seigo.yaml"),
        "{shown}"
    );

    // Fixed through a save of the file in the editor: its errors are cleared.
    std::fs::write(&config, "packs: [ja-news]\n").unwrap();
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri(&config) } }),
    );
    assert!(rules_of(&client.diagnostics(&in_a)).contains(&"ja-news/kaerisaki".into()));
    assert_eq!(client.diagnostics(&uri(&config))["diagnostics"], json!([]));
    client.shutdown();
}

#[test]
fn an_explicit_config_applies_to_every_folder() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("strict.yaml");
    std::fs::write(&config, "disable: [ja-news/title-conflict]\n").unwrap();
    let options = WorkspaceOptions {
        config: ConfigSource::File(config),
        ..WorkspaceOptions::default()
    };
    let mut client = Client::start_with(utf16_client(), &[dir.path()], 0, options);
    let doc = uri(&dir.path().join("a.md"));
    let rules = rules_of(&client.open(&doc, "markdown", ARTICLE));
    assert!(
        !rules.contains(&"ja-news/title-conflict".into()),
        "{rules:?}"
    );
    assert!(rules.contains(&"ja-news/kaerisaki".into()), "{rules:?}");
    client.shutdown();
}
