//! `seigo serve`: a page for editors who do not use a terminal, served on 127.0.0.1.
//!
//! The page (plain HTML, CSS and JavaScript under `page/`, embedded in the binary) talks to
//! the JSON API in [`api`]. The server is synchronous and answers one request at a time from
//! one [`Workspace`] loaded at start: the dictionary and the compiled rules are reused by
//! every check, which is what makes a re-check after a keystroke take milliseconds.
//!
//! Architecture invariant: the server only listens on the loopback address and refuses any
//! request whose `Host` is not `localhost` or `127.0.0.1` with its own port (a DNS-rebinding
//! page would send its own host name), any `POST` whose `Origin` is another site, any `POST`
//! that is not `application/json` (a cross-site form cannot send that without asking first),
//! and any body over the size limit. It never fetches anything.

pub mod api;

use std::io::Read;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::workspace::Workspace;
pub use api::{Api, Reply};

/// The port `seigo serve` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 4649;

/// Requests larger than this are refused (413): the largest article `seigo check` reads by
/// default, plus room for JSON escaping.
pub const DEFAULT_MAX_REQUEST_BYTES: usize = 12 * 1024 * 1024;

const INDEX_HTML: &str = include_str!("page/index.html");
const APP_JS: &str = include_str!("page/app.js");
const STYLE_CSS: &str = include_str!("page/style.css");

/// Content security policy for the page: nothing from anywhere but this server.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/// How `seigo serve` runs.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// 0 picks a free port.
    pub port: u16,
    /// The directory (or file) whose articles the page may open.
    pub root: Option<PathBuf>,
    /// Let the page save files back (through the safe write of `--fix`).
    pub allow_write: bool,
    pub max_request_bytes: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            port: DEFAULT_PORT,
            root: None,
            allow_write: false,
            max_request_bytes: DEFAULT_MAX_REQUEST_BYTES,
        }
    }
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on 127.0.0.1:{port}: {message}")]
pub struct BindError {
    pub port: u16,
    pub message: String,
}

/// A listening server. [`Server::run`] answers requests until [`Server::stop`].
pub struct Server {
    http: tiny_http::Server,
    api: Api,
    port: u16,
    max_request_bytes: usize,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("port", &self.port).finish()
    }
}

impl Server {
    /// Listens on 127.0.0.1 (never on other interfaces).
    pub fn bind(workspace: Workspace, options: &ServeOptions) -> Result<Server, BindError> {
        let http = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| BindError {
            port: options.port,
            message: e.to_string(),
        })?;
        let port = http
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .unwrap_or(options.port);
        let root = options.root.clone();
        Ok(Server {
            http,
            api: Api::new(workspace, root, options.allow_write),
            port,
            max_request_bytes: options.max_request_bytes,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        SocketAddr::from(([127, 0, 0, 1], self.port))
    }

    /// `http://127.0.0.1:PORT/`, what `seigo serve` prints.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }

    /// Answers requests, one at a time, until [`Server::stop`] is called.
    pub fn run(&self) {
        for request in self.http.incoming_requests() {
            self.answer(request);
        }
    }

    /// Makes [`Server::run`] return (from another thread).
    pub fn stop(&self) {
        self.http.unblock();
    }

    fn answer(&self, mut request: tiny_http::Request) {
        let header = |name: &'static str| {
            request
                .headers()
                .iter()
                .find(|h| h.field.equiv(name))
                .map(|h| h.value.as_str().to_string())
        };
        let method = request.method().as_str().to_string();
        let url = request.url().to_string();
        let gate = Gate {
            port: self.port,
            max_request_bytes: self.max_request_bytes,
        };
        let refused = gate.refuse(
            &method,
            header("Host").as_deref(),
            header("Origin").as_deref(),
            header("Content-Type").as_deref(),
            request.body_length(),
        );
        let (status, content_type, body) = match refused {
            Some(reply) => json_response(reply),
            None => {
                let mut body = Vec::new();
                let read = request
                    .as_reader()
                    .take(self.max_request_bytes as u64 + 1)
                    .read_to_end(&mut body);
                if read.is_err() {
                    json_response(Reply {
                        status: 400,
                        body: serde_json::json!({ "error": "cannot read the request body" }),
                    })
                } else if body.len() > self.max_request_bytes {
                    json_response(too_large(self.max_request_bytes))
                } else {
                    self.route(&method, &url, &body)
                }
            }
        };
        let mut response = tiny_http::Response::from_data(body).with_status_code(status);
        for (name, value) in [
            ("Content-Type", content_type),
            ("Cache-Control", "no-store"),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("Content-Security-Policy", CSP),
        ] {
            if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response.add_header(h);
            }
        }
        // A client that went away is not the server's problem.
        let _ = request.respond(response);
    }

    fn route(&self, method: &str, url: &str, body: &[u8]) -> (u16, &'static str, Vec<u8>) {
        if let Some(reply) = self.api.handle(method, url, body) {
            return json_response(reply);
        }
        let path = url.split_once('?').map_or(url, |(p, _)| p);
        let page = |ty, text: &str| (200, ty, text.as_bytes().to_vec());
        match (method, path) {
            ("GET", "/" | "/index.html") => page("text/html; charset=utf-8", INDEX_HTML),
            ("GET", "/app.js") => page("text/javascript; charset=utf-8", APP_JS),
            ("GET", "/style.css") => page("text/css; charset=utf-8", STYLE_CSS),
            _ => (404, "text/plain; charset=utf-8", b"not found".to_vec()),
        }
    }
}

fn json_response(reply: Reply) -> (u16, &'static str, Vec<u8>) {
    let body = serde_json::to_vec(&reply.body).expect("JSON values serialise");
    (reply.status, "application/json; charset=utf-8", body)
}

fn too_large(limit: usize) -> Reply {
    Reply {
        status: 413,
        body: serde_json::json!({ "error": format!("request over {limit} bytes") }),
    }
}

/// The checks every request passes before it is read.
#[derive(Debug, Clone, Copy)]
struct Gate {
    port: u16,
    max_request_bytes: usize,
}

impl Gate {
    fn refuse(
        &self,
        method: &str,
        host: Option<&str>,
        origin: Option<&str>,
        content_type: Option<&str>,
        length: Option<usize>,
    ) -> Option<Reply> {
        let forbidden = |why: &str| {
            Some(Reply {
                status: 403,
                body: serde_json::json!({ "error": why }),
            })
        };
        if !host.is_some_and(|h| self.is_own_host(h)) {
            return forbidden("Host must be localhost or 127.0.0.1 with this server's port");
        }
        if method == "GET" || method == "HEAD" {
            return None;
        }
        if let Some(origin) = origin {
            let own = ["http://localhost", "http://127.0.0.1"]
                .iter()
                .any(|base| origin == format!("{base}:{}", self.port));
            if !own {
                return forbidden("requests from other sites are refused");
            }
        }
        let json = content_type.is_some_and(|t| {
            t.split(';')
                .next()
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"))
        });
        if !json {
            return Some(Reply {
                status: 415,
                body: serde_json::json!({ "error": "send application/json" }),
            });
        }
        if length.is_some_and(|n| n > self.max_request_bytes) {
            return Some(too_large(self.max_request_bytes));
        }
        None
    }

    /// `localhost`, `127.0.0.1`, with this server's port or none (a browser always sends
    /// it for a non-default port; tools may not).
    fn is_own_host(&self, host: &str) -> bool {
        let (name, port) = match host.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (host, None),
        };
        let name_ok = name.eq_ignore_ascii_case("localhost") || name == "127.0.0.1";
        let port_ok = port.is_none_or(|p| p.parse::<u16>() == Ok(self.port));
        name_ok && port_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GATE: Gate = Gate {
        port: 4649,
        max_request_bytes: 100,
    };
    const JSON: Option<&str> = Some("application/json");

    fn status(
        method: &str,
        host: Option<&str>,
        origin: Option<&str>,
        ty: Option<&str>,
        len: Option<usize>,
    ) -> u16 {
        GATE.refuse(method, host, origin, ty, len)
            .map_or(200, |r| r.status)
    }

    #[test]
    fn only_loopback_names_with_the_servers_port_pass() {
        for ok in [
            "localhost:4649",
            "127.0.0.1:4649",
            "LOCALHOST:4649",
            "localhost",
        ] {
            assert_eq!(status("GET", Some(ok), None, None, None), 200, "{ok}");
        }
        for bad in [
            "evil.example:4649",
            "localhost.evil.example:4649",
            "127.0.0.1:80",
            "127.0.0.2:4649",
            "[::1]:4649",
            "",
        ] {
            assert_eq!(status("GET", Some(bad), None, None, None), 403, "{bad}");
        }
        assert_eq!(status("GET", None, None, None, None), 403);
    }

    #[test]
    fn posts_must_be_json_from_this_origin_and_small() {
        let host = Some("127.0.0.1:4649");
        assert_eq!(status("POST", host, None, JSON, Some(10)), 200);
        assert_eq!(
            status("POST", host, Some("http://localhost:4649"), JSON, None),
            200
        );
        assert_eq!(
            status("POST", host, Some("http://evil.example"), JSON, None),
            403
        );
        assert_eq!(
            status("POST", host, Some("http://127.0.0.1:5000"), JSON, None),
            403
        );
        assert_eq!(status("POST", host, None, Some("text/plain"), None), 415);
        assert_eq!(status("POST", host, None, None, None), 415);
        assert_eq!(
            status(
                "POST",
                host,
                None,
                Some("application/json; charset=utf-8"),
                None
            ),
            200
        );
        assert_eq!(status("POST", host, None, JSON, Some(101)), 413);
    }
}
