//! Invariants shared by the fuzz targets: what must hold for any input.

#![allow(dead_code)]

use seigo::{Document, Finding, Format, Span};

/// The format chosen by the first input byte; the rest is the file.
pub fn split_format(data: &[u8]) -> Option<(Format, &[u8])> {
    let (&first, rest) = data.split_first()?;
    let format = if first & 1 == 0 {
        Format::Markdown
    } else {
        Format::PlainText
    };
    Some((format, rest))
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries"
    );
}

/// Blocks and sentences are spans of the analysis text, and map back into the source.
pub fn assert_document(doc: &Document) {
    let spans = doc
        .blocks
        .iter()
        .map(|b| b.span)
        .chain(doc.sentences.iter().map(|s| s.span));
    for span in spans {
        assert_span(&doc.text, span, "analysis span");
        assert_span(&doc.source, doc.to_source(span), "mapped span");
    }
    for s in &doc.sentences {
        assert!(s.block < doc.blocks.len());
        assert!(doc.blocks[s.block].span.contains(s.span));
    }
}

/// Every span a finding carries is inside the source and on char boundaries.
pub fn assert_findings(source: &str, findings: &[Finding]) {
    for f in findings {
        assert_span(source, f.span, &f.rule);
        for r in &f.related {
            assert_span(source, r.span, &f.rule);
        }
        for x in &f.fixes {
            assert_span(source, x.span, &f.rule);
        }
    }
}

pub fn parse(format: Format, text: &str) -> Document {
    let name = match format {
        Format::Markdown => "fuzz.md",
        Format::PlainText => "fuzz.txt",
    };
    Document::parse(name, text.to_string(), format)
}
