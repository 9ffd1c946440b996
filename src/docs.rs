//! Documentation generated from the rules and the schema, so that it cannot drift: the rules
//! reference of a pack (`docs/rules/<pack>.md`, which SARIF `helpUri`s link to), each rule's
//! help (SARIF `help`), and the reference of every key of every kind at the end of
//! `docs/rules.md`. Tests compare the committed files with what this module writes;
//! `SEIGO_BLESS=1 cargo test docs` rewrites them.

use std::fmt::Write as _;

use serde_json::Value;

use crate::rules::Rule;
use crate::rules::spec::Example;

/// Where the rules reference is published: `docs/rules` of the repository.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/main/docs/rules");

/// Marks around the generated part of `docs/rules.md`.
pub const KEYS_BEGIN: &str = "<!-- BEGIN GENERATED: every key (SEIGO_BLESS=1 cargo test docs) -->";
pub const KEYS_END: &str = "<!-- END GENERATED -->";

/// The anchor of a rule in its pack's reference page: the file stem.
pub fn anchor(id: &str) -> &str {
    id.split_once('/').map_or(id, |(_, stem)| stem)
}

/// `https://…/docs/rules/ja-news.md#kaerisaki` for a built-in rule, under `base` when given.
pub fn help_uri(id: &str, base: Option<&str>) -> Option<String> {
    let (pack, stem) = id.split_once('/')?;
    let base = base.unwrap_or(DOCS_URL).trim_end_matches('/');
    Some(format!("{base}/{pack}.md#{stem}"))
}

/// One example as Markdown: inline when it is one line, else a text block.
fn example_markdown(out: &mut String, e: &Example) {
    let one_line = |t: &str| !t.contains('\n') && !t.contains('`');
    if one_line(&e.text) {
        let _ = write!(out, "- `{}`", e.text);
    } else {
        let _ = write!(
            out,
            "-\n  ```text\n  {}\n  ```",
            e.text.replace('\n', "\n  ")
        );
    }
    match &e.fixed {
        Some(fixed) if one_line(fixed) => {
            let _ = write!(out, " → `{fixed}`");
        }
        Some(fixed) => {
            let _ = write!(
                out,
                "\n  fixed / 修正後:\n  ```text\n  {}\n  ```",
                fixed.replace('\n', "\n  ")
            );
        }
        None => {}
    }
    out.push('\n');
}

/// A rule's help: its description and its examples (《 》 marks what is reported).
pub fn rule_help(rule: &Rule) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "`{}` · kind `{}` · severity `{}`\n",
        rule.id,
        rule.kind(),
        rule.severity
    );
    let description = rule.description().trim();
    if !description.is_empty() {
        let _ = writeln!(out, "{description}\n");
    }
    for (title, list) in [
        (
            "Reported / 報告される例 (《 》 marks the finding)",
            &rule.examples().bad,
        ),
        ("Not reported / 報告されない例", &rule.examples().good),
    ] {
        if list.is_empty() {
            continue;
        }
        let _ = writeln!(out, "**{title}:**\n");
        for e in list {
            example_markdown(&mut out, e);
        }
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The reference page of a pack: a table of its rules, then each rule's help.
pub fn pack_reference(pack: &str, rules: &[&Rule]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<!-- Generated from rules/{pack}/*.yaml by `SEIGO_BLESS=1 cargo test docs`; do not edit. -->\n"
    );
    let _ = writeln!(out, "# `{pack}` rules / `{pack}` のルール\n");
    let _ = writeln!(
        out,
        "{} rules. Each section is what `seigo explain <rule>` shows; the examples are the\nrule's tests (`seigo test`). / {} 個のルール。例は各ルールのテストです。\n",
        rules.len(),
        rules.len()
    );
    out.push_str("| rule | kind | severity |\n| --- | --- | --- |\n");
    for r in rules {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} |",
            r.id,
            anchor(&r.id),
            r.kind(),
            r.severity
        );
    }
    for r in rules {
        let _ = writeln!(out, "\n## {}\n\n{}", anchor(&r.id), rule_help(r));
    }
    out
}

/// The name of a schema's type, for the keys reference.
fn type_of(schema: &Value) -> String {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.rsplit('/').next().unwrap_or(r);
        return format!("[{name}](#{})", name.to_lowercase());
    }
    // Draft-07 cannot put a description beside a `$ref`: schemars wraps it in a one-item
    // `allOf`.
    if let Some([only]) = schema
        .get("allOf")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
    {
        return type_of(only);
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let values: Vec<String> = values
            .iter()
            .map(|v| format!("`{}`", v.as_str().unwrap_or("?")))
            .collect();
        return values.join(" \\| ");
    }
    if let Some(c) = schema.get("const") {
        return format!("`{}`", c.as_str().unwrap_or("?"));
    }
    for combinator in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(combinator).and_then(Value::as_array) {
            let types: Vec<String> = options
                .iter()
                .filter(|o| o.get("type") != Some(&Value::from("null")))
                .map(type_of)
                .collect();
            return types.join(" or ");
        }
    }
    match schema.get("type") {
        Some(Value::String(t)) if t == "array" => {
            format!(
                "list of {}",
                schema.get("items").map_or("any".into(), type_of)
            )
        }
        Some(Value::String(t)) if t == "object" => match schema.get("additionalProperties") {
            Some(v @ Value::Object(_)) => format!("map of text → {}", type_of(v)),
            _ => "map".into(),
        },
        Some(Value::String(t)) => match t.as_str() {
            "string" => "text".into(),
            "boolean" => "`true` or `false`".into(),
            "integer" => "integer".into(),
            "number" => "number".into(),
            other => other.into(),
        },
        // An optional value (`["array", "null"]`): described as the value.
        Some(Value::Array(ts)) => ts
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .map(|t| {
                let mut one = schema.clone();
                one["type"] = Value::from(t);
                type_of(&one)
            })
            .collect::<Vec<_>>()
            .join(" or "),
        _ => "any".into(),
    }
}

/// One line of a cell: a description's first paragraph, on one line, `|` escaped.
fn cell(text: &str) -> String {
    text.split("\n\n")
        .next()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "\\|")
}

fn keys_table(out: &mut String, properties: &serde_json::Map<String, Value>, required: &[Value]) {
    out.push_str(
        "| key | type | required | default | meaning |\n| --- | --- | --- | --- | --- |\n",
    );
    for (key, schema) in properties {
        let required = if required.iter().any(|r| r == key) {
            "yes"
        } else {
            ""
        };
        // `null` is "not set": the key's meaning says what then.
        let default = schema
            .get("default")
            .filter(|d| !d.is_null())
            .map(|d| format!("`{}`", serde_json::to_string(d).unwrap_or_default()))
            .unwrap_or_default();
        let description = schema
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{key}` | {} | {required} | {default} | {} |",
            type_of(schema),
            cell(description)
        );
    }
}

/// Every key of every kind, from the rule schema (the descriptions are the doc comments of
/// the Rust types that read rule files).
pub fn keys_reference() -> String {
    let schema = crate::schema::rule_schema();
    let mut out = String::new();
    out.push_str(
        "Generated from the rule schema (`seigo schema rule`): every key a rule file may have, by\nkind. / ルールファイルのすべてのキー（スキーマから生成）。\n\n",
    );
    out.push_str("### Keys of every kind / 共通のキー\n\n");
    let empty = serde_json::Map::new();
    let common = schema["properties"].as_object().unwrap_or(&empty);
    keys_table(
        &mut out,
        common,
        schema["required"].as_array().map_or(&[], |v| v),
    );
    for branch in schema["allOf"].as_array().into_iter().flatten() {
        let kind = branch["if"]["properties"]["kind"]["const"]
            .as_str()
            .unwrap_or_default();
        let then = &branch["then"];
        let own: serde_json::Map<String, Value> = then["properties"]
            .as_object()
            .unwrap_or(&empty)
            .iter()
            .filter(|(k, _)| !common.contains_key(*k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let _ = writeln!(out, "\n### `kind: {kind}`\n");
        if own.is_empty() {
            out.push_str("No keys besides the common ones.\n");
        } else {
            keys_table(
                &mut out,
                &own,
                then["required"].as_array().map_or(&[], |v| v),
            );
        }
    }
    out.push_str("\n### Types used above / 型\n");
    let defs = schema
        .get("definitions")
        .or_else(|| schema.get("$defs"))
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    for (name, def) in defs {
        let _ = writeln!(out, "\n#### {name}\n");
        if let Some(d) = def.get("description").and_then(Value::as_str) {
            let _ = writeln!(out, "{}\n", cell(d));
        }
        match def.get("properties").and_then(Value::as_object) {
            Some(props) => keys_table(
                &mut out,
                props,
                def.get("required")
                    .and_then(Value::as_array)
                    .map_or(&[], |v| v),
            ),
            None => {
                let _ = writeln!(out, "{}", type_of(def));
            }
        }
    }
    out
}

/// `docs/rules.md` with its generated part replaced by [`keys_reference`].
pub fn with_keys_reference(guide: &str) -> Option<String> {
    let begin = guide.find(KEYS_BEGIN)? + KEYS_BEGIN.len();
    let end = guide[begin..].find(KEYS_END)? + begin;
    Some(format!(
        "{}\n\n{}\n{}",
        &guide[..begin],
        keys_reference(),
        &guide[end..]
    ))
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// Compares a committed file with its generated text; `SEIGO_BLESS=1` rewrites it.
    fn fresh(path: &Path, generated: &str) {
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        if committed == generated {
            return;
        }
        if std::env::var_os("SEIGO_BLESS").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, generated).unwrap();
            return;
        }
        panic!(
            "{} is stale: run `SEIGO_BLESS=1 cargo test docs` and commit the result",
            path.display()
        );
    }

    fn root() -> &'static Path {
        Path::new(env!("CARGO_MANIFEST_DIR"))
    }

    #[test]
    fn docs_rules_reference_of_every_builtin_pack_is_fresh() {
        for pack in crate::rules::builtin::pack_names() {
            let loaded = crate::rules::builtin::load(pack, &crate::Morphology::new())
                .unwrap()
                .unwrap();
            let rules: Vec<&Rule> = loaded.rules.iter().collect();
            let page = pack_reference(pack, &rules);
            for r in &rules {
                assert!(
                    page.contains(&format!("\n## {}\n", anchor(&r.id))),
                    "{}",
                    r.id
                );
            }
            fresh(&root().join(format!("docs/rules/{pack}.md")), &page);
        }
    }

    #[test]
    fn docs_rules_md_documents_every_key_of_every_kind() {
        let path = root().join("docs/rules.md");
        let guide = std::fs::read_to_string(&path).unwrap();
        let generated = with_keys_reference(&guide).expect("docs/rules.md has the markers");
        let reference = keys_reference();
        for kind in crate::rules::kinds::kind_names() {
            assert!(reference.contains(&format!("### `kind: {kind}`")), "{kind}");
        }
        for key in [
            "sets",
            "honorifics",
            "particles",
            "swap",
            "patterns",
            "safe",
        ] {
            assert!(
                reference.contains(&format!("| `{key}` |")),
                "{key} documented"
            );
        }
        fresh(&path, &generated);
    }

    #[test]
    fn help_uris_point_into_the_pack_reference() {
        assert_eq!(
            help_uri("ja-news/kaerisaki", Some("https://example.org/docs/rules/")).as_deref(),
            Some("https://example.org/docs/rules/ja-news.md#kaerisaki")
        );
        assert!(
            help_uri("ja-news/kaerisaki", None)
                .unwrap()
                .ends_with("/docs/rules/ja-news.md#kaerisaki")
        );
        assert_eq!(help_uri("nopack", None), None);
    }
}
