//! Inputs kept from fuzzing and from the hostile-input work, replayed through the same
//! invariants as the fuzz targets in `fuzz/fuzz_targets/`. A crash input from `fuzz/run.sh`
//! (in `fuzz/artifacts/<target>/`) goes into `tests/fuzz/<target>/` once fixed.

use std::path::Path;
use std::sync::LazyLock;

use seigo::rules::Rule;
use seigo::rules::spec::RuleSource;
use seigo::{Document, Finding, Format, Linter};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let rules = seigo::config::Config::default()
        .load_rules(&seigo::Morphology::new())
        .expect("built-in packs load");
    Linter::new(rules, seigo::Morphology::new())
});

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = crate::root().join("tests/fuzz").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// As in the fuzz targets: the first byte picks the format, the rest is the file.
fn split_format(data: &[u8]) -> (Format, &[u8]) {
    match data.split_first() {
        Some((&first, rest)) if first & 1 == 1 => (Format::PlainText, rest),
        Some((_, rest)) => (Format::Markdown, rest),
        None => (Format::PlainText, data),
    }
}

/// A span (of either coordinate system, as a byte range) lies on character boundaries of `text`.
fn assert_span(text: &str, span: std::ops::Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?}"
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?}"
    );
}

fn assert_findings(source: &str, findings: &[Finding], what: &str) {
    for f in findings {
        let spans = std::iter::once(f.span)
            .chain(f.related.iter().map(|r| r.span))
            .chain(f.fixes.iter().map(|x| x.span));
        for span in spans {
            assert_span(source, span.range(), what);
        }
    }
}

#[test]
fn parse_document_inputs() {
    for (name, data) in inputs("parse_document") {
        let (format, bytes) = split_format(&data);
        let Ok(doc) = seigo::input::parse_bytes(&name, format, bytes.to_vec()) else {
            continue;
        };
        for span in doc
            .blocks
            .iter()
            .map(|b| b.span)
            .chain(doc.sentences.iter().map(|s| s.span))
        {
            assert_span(&doc.text, span.range(), &name);
            assert_span(&doc.source, doc.to_source(span).range(), &name);
        }
    }
}

#[test]
fn load_rule_inputs() {
    let article = Document::parse(
        "a.md",
        "# 題\n\nトランプ氏の帰り先に備える。\n".into(),
        Format::Markdown,
    );
    for (name, data) in inputs("load_rule") {
        let Ok(text) = String::from_utf8(data) else {
            continue;
        };
        let _ = seigo::config::Config::parse(Path::new("seigo.yaml"), &text);
        if let Ok(rule) = Rule::load(
            "fuzz/rule",
            RuleSource::new(name.clone(), text),
            false,
            &seigo::Morphology::new(),
        ) {
            let linter = Linter::new(vec![rule], seigo::Morphology::new());
            assert_findings(&article.source, &linter.check(&article), &name);
        }
    }
}

#[test]
fn check_text_inputs() {
    for (name, data) in inputs("check_text") {
        let (format, bytes) = split_format(&data);
        let text = String::from_utf8_lossy(bytes).into_owned();
        let doc = Document::parse(name.clone(), text, format);
        let findings = LINTER.check(&doc);
        assert_findings(&doc.source, &findings, &name);
        let (fixed, _) = seigo::fix::apply(&doc.source, &findings);
        let _ = LINTER.check(&Document::parse(name, fixed, format));
    }
}

/// Malformed user dictionaries (and, once found, fuzz crashes of the `user_dict` target): each
/// is refused with a message naming the file, never a panic; one that loads tokenizes.
#[test]
fn user_dict_inputs() {
    let dir = tempfile::tempdir().unwrap();
    for (name, data) in inputs("user_dict") {
        let path = dir.path().join("user.csv");
        std::fs::write(&path, &data).unwrap();
        match seigo::Morphology::with_user_dictionary(&path) {
            Err(e) => assert!(e.to_string().contains("user.csv"), "{name}: {e}"),
            Ok(morph) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                for token in morph.tokenize(&text) {
                    let _ = morph.features(&token);
                }
            }
        }
    }
}
