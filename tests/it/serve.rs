//! `seigo serve`: the JSON API and the gates in front of it, over real HTTP on loopback. (The
//! page itself is driven in a browser by `tests/browser/`, which `.ci/run` runs.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::root;

/// A running `seigo serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(args: &[&str]) -> Server {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("seigo"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("seigo serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("seigo serve: http://127.0.0.1:")
            .and_then(|rest| rest.strip_suffix('/'))
            .unwrap_or_else(|| panic!("printed {line:?}"))
            .parse()
            .unwrap();
        Server { child, port }
    }

    /// One HTTP/1.1 request with `headers` (Host, Content-Type and Content-Length are added
    /// unless given); the status and the body.
    fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> (u16, Vec<u8>) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        let mut head = format!("{method} {path} HTTP/1.1\r\nConnection: close\r\n");
        let has = |name: &str| headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name));
        if !has("Host") {
            head.push_str(&format!("Host: 127.0.0.1:{}\r\n", self.port));
        }
        if !has("Content-Length") {
            head.push_str(&format!("Content-Length: {}\r\n", body.len()));
        }
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).unwrap();
        // The server may answer (and close) before reading a body it refuses.
        let _ = stream.write_all(body);
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let split = response
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("a response head");
        let head = String::from_utf8_lossy(&response[..split]).to_string();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        let mut body = response[split + 4..].to_vec();
        if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            body = dechunk(&body);
        }
        (status, body)
    }

    fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let (status, body) = self.raw(
            "POST",
            path,
            &[("Content-Type", "application/json")],
            body.to_string().as_bytes(),
        );
        (
            status,
            serde_json::from_slice(&body).expect("a JSON answer"),
        )
    }

    fn get(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.raw("GET", path, &[], b"");
        (
            status,
            serde_json::from_slice(&body).expect("a JSON answer"),
        )
    }
}

fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    loop {
        let line_end = body.windows(2).position(|w| w == b"\r\n").unwrap();
        let size =
            usize::from_str_radix(std::str::from_utf8(&body[..line_end]).unwrap().trim(), 16)
                .unwrap();
        if size == 0 {
            return out;
        }
        out.extend_from_slice(&body[line_end + 2..line_end + 2 + size]);
        body = &body[line_end + 2 + size + 2..];
    }
}

fn seed() -> String {
    std::fs::read_to_string(root().join("fixtures/seed-article.txt")).unwrap()
}

/// The text at a span, by its UTF-16 offsets (as JavaScript slices strings).
fn utf16_slice(text: &str, span: &Value) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (a, b) = (
        span["utf16_start"].as_u64().unwrap() as usize,
        span["utf16_end"].as_u64().unwrap() as usize,
    );
    String::from_utf16(&units[a..b]).unwrap()
}

fn byte_slice<'t>(text: &'t str, span: &Value) -> &'t str {
    &text[span["start"].as_u64().unwrap() as usize..span["end"].as_u64().unwrap() as usize]
}

#[test]
fn serve_check_gives_byte_and_utf16_spans_counts_and_both_places_of_a_contradiction() {
    let server = Server::start(&["--no-config"]);
    // An emoji (4 bytes, 2 UTF-16 units) early in the text, on a line no rule reads.
    let seed = seed();
    let at = seed.find("当ページ").unwrap();
    let text = format!("{}😀{}", &seed[..at], &seed[at..]);
    let (status, answer) = server.post("/api/check", json!({ "text": text }));
    assert_eq!(status, 200, "{answer}");
    let findings = answer["findings"].as_array().unwrap();
    assert!(findings.len() >= 10);
    // The CLI finds the same findings in the same places (after the emoji, 4 bytes on).
    let cli = crate::seigo()
        .args([
            "check",
            "--no-config",
            "--format",
            "json",
            "fixtures/seed-article.txt",
        ])
        .output()
        .unwrap();
    let cli: Value = serde_json::from_slice(&cli.stdout).unwrap();
    let cli = cli["files"][0]["findings"].as_array().unwrap();
    assert_eq!(cli.len(), findings.len());
    for (ours, theirs) in findings.iter().zip(cli) {
        assert_eq!(ours["rule"], theirs["rule"]);
        let theirs = theirs["span"]["start"].as_u64().unwrap() as usize;
        let shift = if theirs >= at { 4 } else { 0 };
        assert_eq!(
            ours["span"]["start"].as_u64().unwrap() as usize,
            theirs + shift
        );
    }
    let mut kinds_total = 0;
    for f in findings {
        for span in std::iter::once(&f["span"])
            .chain(f["related"].as_array().unwrap().iter().map(|r| &r["span"]))
        {
            assert_eq!(utf16_slice(&text, span), byte_slice(&text, span), "{f}");
        }
        assert_eq!(f["text"].as_str().unwrap(), byte_slice(&text, &f["span"]));
    }
    for k in answer["kinds"].as_array().unwrap() {
        let n = findings.iter().filter(|f| f["kind"] == k["kind"]).count();
        assert_eq!(k["count"].as_u64().unwrap() as usize, n);
        kinds_total += n;
    }
    assert_eq!(kinds_total, findings.len());
    let counts = &answer["counts"];
    let by_severity: u64 = ["error", "warning", "info"]
        .iter()
        .map(|s| counts[s].as_u64().unwrap())
        .sum();
    assert_eq!(by_severity as usize, findings.len());
    let conflict = findings
        .iter()
        .find(|f| f["kind"] == "conflict" && !f["related"].as_array().unwrap().is_empty())
        .expect("a contradiction with its other place");
    assert_ne!(
        conflict["span"]["start"],
        conflict["related"][0]["span"]["start"]
    );
}

#[test]
fn serve_check_answer_snapshot() {
    let server = Server::start(&["--no-config"]);
    let text = "トランプ大統領が石破茂総理の提案を拒否😀\n\n日本政府は、トランプ前大統領の再選を受けて、トランプ氏の帰り先に備える。\n";
    let (_, mut answer) = server.post("/api/check", json!({ "text": text }));
    answer["elapsed_ms"] = json!("[elapsed]");
    insta::assert_json_snapshot!(answer);
}

#[test]
fn serve_refuses_other_hosts_other_origins_other_types_and_large_bodies() {
    let server = Server::start(&["--no-config"]);
    let port = server.port;
    let body = json!({ "text": "本文。" }).to_string();
    let json_type = ("Content-Type", "application/json");
    let ok = server
        .raw("POST", "/api/check", &[json_type], body.as_bytes())
        .0;
    assert_eq!(ok, 200);
    let localhost = format!("localhost:{port}");
    assert_eq!(server.raw("GET", "/", &[("Host", &localhost)], b"").0, 200);
    for host in [
        "evil.example",
        "evil.example:80",
        "127.0.0.1:1",
        "localhost.evil.example",
    ] {
        let host = if host.contains(':') {
            host.to_string()
        } else {
            format!("{host}:{port}")
        };
        assert_eq!(
            server.raw("GET", "/", &[("Host", &host)], b"").0,
            403,
            "{host}"
        );
        assert_eq!(
            server
                .raw(
                    "POST",
                    "/api/check",
                    &[("Host", &host), json_type],
                    body.as_bytes()
                )
                .0,
            403,
            "{host}"
        );
    }
    let evil = ("Origin", "http://evil.example");
    assert_eq!(
        server
            .raw("POST", "/api/check", &[json_type, evil], body.as_bytes())
            .0,
        403
    );
    let own = format!("http://127.0.0.1:{port}");
    assert_eq!(
        server
            .raw(
                "POST",
                "/api/check",
                &[json_type, ("Origin", &own)],
                body.as_bytes()
            )
            .0,
        200
    );
    // A form post from another page (text/plain needs no permission): refused.
    assert_eq!(
        server
            .raw(
                "POST",
                "/api/check",
                &[("Content-Type", "text/plain")],
                body.as_bytes()
            )
            .0,
        415
    );
    // Over the limit, by the announced length and without reading the body.
    let huge = (seigo::serve::DEFAULT_MAX_REQUEST_BYTES + 1).to_string();
    assert_eq!(
        server
            .raw(
                "POST",
                "/api/check",
                &[json_type, ("Content-Length", &huge)],
                b""
            )
            .0,
        413
    );
    let (status, answer) = server.post("/api/check", json!({ "txt": "typo" }));
    assert_eq!(status, 400, "{answer}");
    // The page and its parts, with a policy that lets it load nothing from elsewhere.
    let (status, page) = server.raw("GET", "/", &[], b"");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&page).contains("<script src=\"/app.js\">"));
    assert_eq!(server.raw("GET", "/app.js", &[], b"").0, 200);
    assert_eq!(server.raw("GET", "/style.css", &[], b"").0, 200);
    assert_eq!(server.raw("GET", "/nothing", &[], b"").0, 404);
}

#[test]
fn serve_fix_applies_one_fix_or_all_and_refuses_a_stale_one() {
    let server = Server::start(&["--no-config"]);
    let text = seed();
    let (_, checked) = server.post("/api/check", json!({ "text": text }));
    let with_fix = checked["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "ja-news/kaerisaki")
        .unwrap();
    let fix = &with_fix["fixes"][0];
    let one = json!({ "start": fix["span"]["start"], "end": fix["span"]["end"], "replacement": fix["replacement"] });
    let (status, fixed) = server.post("/api/fix", json!({ "text": text, "fix": one }));
    assert_eq!(status, 200, "{fixed}");
    assert_eq!(fixed["applied"], 1);
    let new_text = fixed["text"].as_str().unwrap();
    assert_eq!(
        new_text.matches("帰り先").count(),
        text.matches("帰り先").count() - 1
    );
    assert_eq!(
        new_text.len(),
        text.len() - "帰り先".len() + "返り咲き".len()
    );
    // The same fix on the fixed text no longer applies there.
    let (status, _) = server.post("/api/fix", json!({ "text": new_text, "fix": one }));
    assert_eq!(status, 409);
    // All fixes, as `seigo check --fix` makes them.
    let (status, all) = server.post("/api/fix", json!({ "text": text }));
    assert_eq!(status, 200);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, &text).unwrap();
    crate::seigo()
        .args(["check", "--no-config", "--fix"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(
        all["text"].as_str().unwrap(),
        std::fs::read_to_string(&file).unwrap()
    );
    // What is left is for a person: suggestions, and fixes held back because they would
    // create an error (帰り先 → 返り咲き next to 再選), each named in the answer.
    let left: Vec<&Value> = all["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["fixes"].as_array().unwrap())
        .collect();
    assert!(
        left.iter().all(|fix| fix["applicability"] == "suggestion"),
        "{left:#?}"
    );
    let held = all["held_back"].as_array().unwrap();
    assert!(
        held.iter()
            .any(|h| h["rule"] == "ja-news/kaerisaki" && h["replacement"] == "返り咲き"),
        "{held:#?}"
    );
}

#[test]
fn serve_explain_is_what_seigo_explain_prints() {
    let server = Server::start(&["--no-config"]);
    let (status, explained) =
        server.post("/api/explain", json!({ "rule": "ja-news/title-conflict" }));
    assert_eq!(status, 200);
    let cli = crate::seigo()
        .args(["explain", "--no-config", "ja-news/title-conflict"])
        .output()
        .unwrap();
    assert_eq!(explained["text"].as_str().unwrap(), crate::stdout_of(&cli));
    assert!(!explained["examples"]["bad"].as_array().unwrap().is_empty());
    let (status, _) = server.post("/api/explain", json!({ "rule": "ja-news/no-such-rule" }));
    assert_eq!(status, 404);
}

#[test]
fn serve_rule_test_runs_examples_and_locates_errors_as_seigo_test_does() {
    let server = Server::start(&["--no-config"]);
    let rule = "kind: substitution\nmessage: \"「{match}」→「{replacement}」\"\nswap:\n  サーバ: サーバー\nexamples:\n  bad:\n    - \"《サーバ》を増強した。\"\n  good:\n    - \"サーバーを増強した。\"\n    - \"サーバを買った。\"\n";
    let (status, tested) = server.post(
        "/api/rule/test",
        json!({ "yaml": rule, "sample": "サーバを増強した。サーバーも来た。" }),
    );
    assert_eq!(status, 200, "{tested}");
    assert_eq!(tested["ok"], true);
    assert_eq!(tested["findings"].as_array().unwrap().len(), 1);
    assert_eq!(tested["findings"][0]["text"], "サーバ");
    let passed: Vec<bool> = tested["examples"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["passed"].as_bool().unwrap())
        .collect();
    assert_eq!(passed, [true, true, false]);
    // The failing example is located at its line of the YAML (line 10), as `seigo test` says.
    let problem = &tested["examples"][2]["problem"];
    assert_eq!(problem["line"], 10);
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("local");
    std::fs::create_dir(&pack).unwrap();
    std::fs::write(pack.join("rule.yaml"), rule).unwrap();
    let cli = crate::seigo_in(dir.path())
        .args(["test", "local"])
        .output()
        .unwrap();
    let message = problem["message"]
        .as_str()
        .unwrap()
        .replace("playground/rule", "local/rule");
    assert!(
        crate::stderr_of(&cli).contains(&message),
        "{message}\n{}",
        crate::stderr_of(&cli)
    );

    // A rule that does not load: each error at its line with the CLI's help.
    let broken = rule.replace("swap:", "swop:");
    let (_, tested) = server.post("/api/rule/test", json!({ "yaml": broken, "sample": "" }));
    assert_eq!(tested["ok"], false);
    let error = &tested["errors"][0];
    assert_eq!(error["line"], 3);
    assert!(
        error["message"].as_str().unwrap().contains("swop"),
        "{error}"
    );
    assert!(error["help"].as_str().unwrap().contains("swap"), "{error}");
    assert!(
        error["rendered"]
            .as_str()
            .unwrap()
            .contains("playground.yaml:3"),
        "{error}"
    );
}

fn tree(dir: &Path) {
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::write(dir.join("a.md"), "見出し\n\nトランプ氏の帰り先に備える。\n").unwrap();
    std::fs::write(dir.join("sub/b.txt"), "見出し\n\n本文。\n").unwrap();
    std::fs::write(dir.join("notes.rs"), "// not an article").unwrap();
}

#[test]
fn serve_opens_and_saves_only_files_under_path_and_only_with_allow_write() {
    let dir = tempfile::tempdir().unwrap();
    tree(dir.path());
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("x.md"), "外").unwrap();
    let path = dir.path().to_str().unwrap();
    let read_only = Server::start(&["--no-config", path]);
    let (_, info) = read_only.get("/api/info");
    assert_eq!(info["files"], json!(["a.md", "sub/b.txt"]));
    assert_eq!(info["allow_write"], false);
    let (status, file) = read_only.get("/api/file?path=sub%2Fb.txt");
    assert_eq!(status, 200);
    assert_eq!(file["text"], "見出し\n\n本文。\n");
    for bad in ["notes.rs", "..%2Fx.md", "%2Fetc%2Fpasswd"] {
        assert_eq!(
            read_only.get(&format!("/api/file?path={bad}")).0,
            404,
            "{bad}"
        );
    }
    // A file created after the server started can be opened too.
    std::fs::write(dir.path().join("later.txt"), "後から").unwrap();
    assert_eq!(
        read_only.get("/api/file?path=later.txt").1["text"],
        "後から"
    );
    let save = json!({ "path": "a.md", "text": "new", "original": "見出し\n\nトランプ氏の帰り先に備える。\n" });
    assert_eq!(read_only.post("/api/save", save.clone()).0, 403);
    drop(read_only);

    let writer = Server::start(&["--no-config", "--allow-write", path]);
    let (status, saved) = writer.post("/api/save", save.clone());
    assert_eq!(status, 200, "{saved}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "new"
    );
    // The page's copy is stale now: refused, the file kept.
    let (status, _) = writer.post(
        "/api/save",
        json!({ "path": "a.md", "text": "newer", "original": "old" }),
    );
    assert_eq!(status, 409);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.md")).unwrap(),
        "new"
    );
    let escape = json!({ "path": "../x.md", "text": "!", "original": "外" });
    assert_eq!(writer.post("/api/save", escape).0, 404);
    // The checked file's own configuration and format apply: `path` names it.
    let (_, checked) = writer.post(
        "/api/check",
        json!({ "text": "見出し\n\nトランプ氏の帰り先に備える。\n", "path": "sub/b.txt" }),
    );
    let rules: Vec<&Value> = checked["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["rule"])
        .collect();
    assert!(rules.contains(&&json!("ja-news/kaerisaki")), "{checked}");
}

#[test]
fn serve_allow_write_needs_a_path() {
    let out = crate::seigo()
        .args(["serve", "--port", "0", "--allow-write"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(crate::stderr_of(&out).contains("--allow-write needs a PATH"));
}
