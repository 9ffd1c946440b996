//! JSON Schemas for rule files and `seigo.yaml`, generated from the Rust types that parse
//! them (so they cannot drift), committed under `rules/schema/` for editors. They are JSON
//! Schema draft-07, the draft the Red Hat YAML extension (yaml-language-server) documents:
//! `definitions` and `#/definitions/` references, no 2019-09 or 2020-12 keywords.
//!
//! ```yaml
//! # yaml-language-server: $schema=../schema/rule.schema.json
//! ```

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::rules::kinds::{KINDS, kind_names};
use crate::rules::spec::Common;

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn root_of<T: schemars::JsonSchema>() -> Value {
    schemars::generate::SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
        .to_value()
}

/// Moves the definitions of a generated schema (`$defs` or `definitions`) into `defs`,
/// returning the rest.
fn take_defs(mut schema: Value, defs: &mut Map<String, Value>) -> Value {
    for key in ["$defs", "definitions"] {
        if let Some(Value::Object(d)) = schema.as_object_mut().and_then(|o| o.remove(key)) {
            defs.extend(d);
        }
    }
    schema
}

/// Rewrites `#/$defs/` references (schemars' default for kinds' schemas) to draft-07's
/// `#/definitions/`, and drops nested `$schema` keys.
fn to_draft07(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("$schema");
            if let Some(Value::String(r)) = map.get_mut("$ref")
                && let Some(name) = r.strip_prefix("#/$defs/")
            {
                *r = format!("#/definitions/{name}");
            }
            map.values_mut().for_each(to_draft07);
        }
        Value::Array(items) => items.iter_mut().for_each(to_draft07),
        _ => {}
    }
}

/// The schema of one rule file: the common keys, `kind`, and for each kind (selected with
/// `if kind == ...`) that kind's keys, no others.
pub fn rule_schema() -> Value {
    let mut defs = Map::new();
    let common = take_defs(root_of::<Common>(), &mut defs);
    let common_props = common["properties"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let mut branches = Vec::new();
    for registration in KINDS {
        let kind = registration.name;
        let spec = take_defs(registration.schema(), &mut defs);
        let mut props = common_props.clone();
        if let Some(p) = spec["properties"].as_object() {
            props.extend(p.clone());
        }
        props.insert("kind".into(), json!({ "const": kind }));
        let mut required: Vec<Value> = vec![json!("kind"), json!("message")];
        if let Some(r) = spec["required"].as_array() {
            required.extend(r.iter().cloned());
        }
        branches.push(json!({
            "if": { "properties": { "kind": { "const": kind } }, "required": ["kind"] },
            "then": {
                "properties": props,
                "required": required,
                "additionalProperties": false,
            },
        }));
    }
    let mut kind_desc = common_props.get("kind").cloned().unwrap_or(json!({}));
    kind_desc["enum"] = json!(kind_names());
    let mut props = common_props;
    props.insert("kind".into(), kind_desc);
    let mut schema = json!({
        "$schema": DRAFT,
        "$id": "https://seigo.invalid/schema/rule.schema.json",
        "title": "seigo rule file",
        "description": "One rule of a seigo rule pack. The rule ID is <pack>/<file-stem>.",
        "type": "object",
        "properties": props,
        "required": ["kind", "message"],
        "allOf": branches,
        "definitions": defs,
    });
    to_draft07(&mut schema);
    schema["$schema"] = json!(DRAFT);
    schema
}

/// The schema of `seigo.yaml`.
pub fn config_schema() -> Value {
    let mut schema = root_of::<Config>();
    to_draft07(&mut schema);
    schema["$schema"] = json!(DRAFT);
    schema["$id"] = json!("https://seigo.invalid/schema/config.schema.json");
    schema["additionalProperties"] = json!(false);
    schema
}

/// Pretty JSON with a trailing newline, as committed.
pub fn to_pretty(schema: &Value) -> String {
    let mut s = serde_json::to_string_pretty(schema).expect("schemas serialise");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The committed schemas must match the types; regenerate with
    /// `cargo run -- schema rule > rules/schema/rule.schema.json` (and `config`).
    #[test]
    fn committed_schemas_are_fresh() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/schema");
        for (file, schema) in [
            ("rule.schema.json", rule_schema()),
            ("config.schema.json", config_schema()),
        ] {
            let committed = std::fs::read_to_string(root.join(file)).unwrap_or_default();
            assert!(
                committed == to_pretty(&schema),
                "rules/schema/{file} is stale: run `cargo run -- schema {} > rules/schema/{file}`",
                file.split('.').next().unwrap()
            );
        }
    }

    #[test]
    fn every_kind_has_a_branch_that_forbids_other_keys() {
        let s = rule_schema();
        let branches = s["allOf"].as_array().unwrap();
        assert_eq!(branches.len(), KINDS.len());
        for b in branches {
            assert_eq!(b["then"]["additionalProperties"], false);
            assert!(b["then"]["properties"]["examples"].is_object());
        }
        let existence = branches
            .iter()
            .find(|b| b["if"]["properties"]["kind"]["const"] == "existence")
            .unwrap();
        assert!(existence["then"]["properties"]["terms"].is_object());
        assert!(existence["then"]["properties"]["swap"].is_null());
    }

    /// Every key, of a kind or of a type a key takes, has a description (editors show it on
    /// hover); and nothing of the drafts after 07 is used.
    #[test]
    fn schemas_are_draft_07_and_every_key_is_described() {
        fn walk(v: &Value, at: &str, missing: &mut Vec<String>, later: &mut Vec<String>) {
            match v {
                Value::Object(map) => {
                    for key in [
                        "$defs",
                        "prefixItems",
                        "unevaluatedProperties",
                        "dependentRequired",
                        "$anchor",
                    ] {
                        if map.contains_key(key) {
                            later.push(format!("{at}/{key}"));
                        }
                    }
                    if let Some(Value::Object(props)) = map.get("properties") {
                        for (name, p) in props {
                            let described =
                                p.get("description").is_some() || p.get("const").is_some();
                            if !described && !at.contains("/if") {
                                missing.push(format!("{at}/{name}"));
                            }
                        }
                    }
                    for (k, child) in map {
                        walk(child, &format!("{at}/{k}"), missing, later);
                    }
                }
                Value::Array(items) => {
                    for (i, child) in items.iter().enumerate() {
                        walk(child, &format!("{at}[{i}]"), missing, later);
                    }
                }
                _ => {}
            }
        }
        for schema in [rule_schema(), config_schema()] {
            assert_eq!(schema["$schema"], DRAFT);
            let (mut missing, mut later) = (Vec::new(), Vec::new());
            walk(&schema, "", &mut missing, &mut later);
            assert!(
                missing.is_empty(),
                "keys without a description: {missing:#?}"
            );
            assert!(later.is_empty(), "keywords after draft-07: {later:#?}");
            let text = serde_json::to_string(&schema).unwrap();
            assert!(!text.contains("#/$defs/"), "draft-07 references only");
        }
    }

    #[test]
    fn config_schema_lists_the_fixed_keys() {
        let s = config_schema();
        for key in [
            "packs",
            "disable",
            "severity",
            "ignore",
            "extensions",
            "extends",
            "overrides",
        ] {
            assert!(s["properties"][key].is_object(), "{key}");
        }
        assert!(s["properties"]["path"].is_null());
    }
}
