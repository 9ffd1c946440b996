//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other viewers.
//!
//! Columns are code points (`columnKind: unicodeCodePoints`), related spans become
//! `relatedLocations`, suggested replacements become `fixes`, and every enabled rule is
//! described in `tool.driver.rules`.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{EmitContext, Emitter, FileReport, RuleInfo};
use crate::finding::Severity;
use crate::span::{Encoding, LineIndex, Span};

pub const SCHEMA_URI: &str = "https://json.schemastore.org/sarif-2.1.0.json";

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI reference for a path: forward slashes, unreserved bytes kept, the rest
/// percent-encoded (Japanese file names are common in content repositories).
pub fn path_to_uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn region(index: &LineIndex, source: &str, encoding: Encoding, span: Span) -> Value {
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
    json!({ "physicalLocation": { "artifactLocation": { "uri": uri }, "region": region } })
}

pub fn to_value(reports: &[FileReport], rules: &[RuleInfo]) -> Value {
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|r| {
            let short = r.description.lines().next().unwrap_or(&r.id).to_string();
            json!({
                "id": r.id,
                "shortDescription": { "text": short },
                "fullDescription": { "text": if r.description.is_empty() { r.id.clone() } else { r.description.clone() } },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "kind": r.kind },
            })
        })
        .collect();
    let mut results = Vec::new();
    for r in reports {
        let index = LineIndex::new(&r.source);
        let uri = path_to_uri(&r.path);
        for f in &r.findings {
            let mut result = json!({
                "ruleId": f.rule,
                "level": level(f.severity),
                "message": { "text": f.message },
                "locations": [location(&uri, region(&index, &r.source, r.encoding, f.span))],
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
                result["fixes"] = json!([{
                    "description": { "text": format!("「{}」に置き換える", f.fixes[0].replacement) },
                    "artifactChanges": [{ "artifactLocation": { "uri": uri }, "replacements": replacements }],
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
        serde_json::to_writer_pretty(&mut *out, &to_value(files, context.rules))?;
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
