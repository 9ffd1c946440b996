//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! Columns are code points (`columnKind: unicodeCodePoints`), related spans become
//! `relatedLocations` that the message links to (`[…](1)`: GitHub shows only linked ones),
//! suggested replacements become `fixes` (with their applicability), URIs are relative to
//! `%SRCROOT%`, results carry `partialFingerprints` that survive edits elsewhere in the file,
//! and every enabled rule is described in `tool.driver.rules` with its help and examples and,
//! for built-in rules, a `helpUri` into the rules reference (`docs/rules/<pack>.md`).

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{EmitContext, Emitter, FileReport, RuleInfo};
use crate::algo::fnv;
use crate::finding::Severity;
use crate::span::{Encoding, LineIndex, SourceSpan};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A URI reference for a path, relative to [`SRCROOT`] (an absolute path under the working
/// directory is made relative; one elsewhere becomes a `file://` URI): forward slashes,
/// unreserved bytes kept, the rest percent-encoded (Japanese file names are common in content
/// repositories).
pub fn path_to_uri(path: &str) -> String {
    let as_given = std::path::Path::new(path);
    let relative = if as_given.is_absolute() {
        std::env::current_dir().ok().and_then(|cwd| {
            as_given
                .strip_prefix(cwd)
                .ok()
                .map(|p| p.display().to_string())
        })
    } else {
        None
    };
    let absolute = as_given.is_absolute() && relative.is_none();
    let path = relative.as_deref().unwrap_or(path);
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    if absolute {
        format!("file://{out}")
    } else {
        out
    }
}

fn region(index: &LineIndex, source: &str, encoding: Encoding, span: SourceSpan) -> Value {
    let start = index.line_col(source, span.start);
    let end = index.line_col(source, span.end);
    let stored = |offset| index.stored_offset(source, offset, encoding);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "byteOffset": stored(span.start),
        "byteLength": stored(span.end) - stored(span.start),
        "snippet": { "text": source.get(span.range()).unwrap_or_default() },
    })
}

fn location(uri: &str, region: Value) -> Value {
    let artifact = if uri.contains(':') && !uri.starts_with('%') {
        json!({ "uri": uri })
    } else {
        json!({ "uri": uri, "uriBaseId": SRCROOT })
    };
    json!({ "physicalLocation": { "artifactLocation": artifact, "region": region } })
}

/// The base the relative URIs are resolved against: the directory seigo ran in, which GitHub
/// code scanning takes as the repository root.
pub const SRCROOT: &str = "%SRCROOT%";

/// Text of a SARIF message made literal: `[`, `]` and `\` would otherwise start or escape
/// a link.
fn escape_message(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// 64-bit FNV-1a (seigo's own, `algo::fnv`), so fingerprints never change with a dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    fnv::extend(fnv::OFFSET, bytes)
}

/// The first line of a description, for `shortDescription`.
fn first_line(description: &str, id: &str) -> String {
    description
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or(id)
        .to_string()
}

fn descriptor(r: &RuleInfo, docs_url: Option<&str>) -> Value {
    let full = if r.description.is_empty() {
        r.id.clone()
    } else {
        r.description.clone()
    };
    let mut d = json!({
        "id": r.id,
        "name": r.id,
        "shortDescription": { "text": first_line(&r.description, &r.id) },
        "fullDescription": { "text": full },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": { "kind": r.kind },
    });
    if !r.help_markdown.is_empty() {
        d["help"] = json!({ "text": r.help_markdown, "markdown": r.help_markdown });
    }
    if r.builtin
        && let Some(uri) = crate::docs::help_uri(&r.id, docs_url)
    {
        d["helpUri"] = json!(uri);
    }
    d
}

pub fn to_value(reports: &[FileReport], rules: &[RuleInfo], docs_url: Option<&str>) -> Value {
    let descriptors: Vec<Value> = rules.iter().map(|r| descriptor(r, docs_url)).collect();
    let mut results = Vec::new();
    for r in reports {
        let index = LineIndex::new(&r.source);
        let uri = path_to_uri(&r.path);
        // The n-th finding of a rule on the same words keeps its fingerprint when other
        // lines are edited: neither line numbers nor offsets go into it.
        let mut occurrences: std::collections::HashMap<(&str, &str), usize> = Default::default();
        for f in &r.findings {
            let snippet = r.source.get(f.span.range()).unwrap_or_default();
            let nth = occurrences.entry((&f.rule, snippet)).or_insert(0);
            *nth += 1;
            let key = format!("{}\0{}\0{}", f.rule, snippet, nth);
            let mut text = escape_message(&f.message);
            for (i, rel) in f.related.iter().enumerate() {
                // GitHub shows only the related locations the message links to.
                let label = if rel.message.is_empty() {
                    crate::i18n::tr("related", "関連箇所")
                } else {
                    rel.message.clone()
                };
                text.push_str(&format!(" [{}]({})", escape_message(&label), i + 1));
            }
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": text },
                "locations": [location(&uri, region(&index, &r.source, r.encoding, f.span))],
                "partialFingerprints": { "seigoFindingHash/v1": format!("{:016x}", fnv1a(key.as_bytes())) },
            });
            if let Some(i) = rules.iter().position(|d| d.id == f.rule) {
                result["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                result["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        let mut loc =
                            location(&uri, region(&index, &r.source, r.encoding, rel.span));
                        loc["id"] = json!(i + 1);
                        loc["message"] = json!({ "text": rel.message });
                        loc
                    })
                    .collect();
            }
            if !f.fixes.is_empty() {
                let replacements: Vec<Value> = f
                    .fixes
                    .iter()
                    .map(|x| {
                        json!({
                            "deletedRegion": region(&index, &r.source, r.encoding, x.span),
                            "insertedContent": { "text": x.replacement },
                        })
                    })
                    .collect();
                let artifact =
                    location(&uri, json!({}))["physicalLocation"]["artifactLocation"].clone();
                result["fixes"] = json!([{
                    "description": { "text": format!("「{}」に置き換える", f.fixes[0].replacement) },
                    "artifactChanges": [{ "artifactLocation": artifact, "replacements": replacements }],
                    "properties": { "applicability": f.fixes[0].applicability.as_str() },
                }]);
            }
            results.push(result);
        }
    }
    json!({
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "seigo",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/seigo",
                "rules": descriptors,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

pub struct SarifEmitter;

impl Emitter for SarifEmitter {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        context: &EmitContext<'_>,
    ) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, &to_value(files, context.rules, context.docs_url))?;
        out.write_all(b"\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_percent_encoded_and_relative() {
        assert_eq!(path_to_uri("./記事/a b.md"), "%E8%A8%98%E4%BA%8B/a%20b.md");
        assert_eq!(path_to_uri("docs\\x.txt"), "docs/x.txt");
    }
}
