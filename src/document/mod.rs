//! The document model: what a rule sees of an article.
//!
//! A [`Document`] keeps the original source bytes and an analysis text of the same layout: the
//! NFKC form of the source with front matter, code and markup masked by spaces (never cut), so
//! every block, sentence and token is a [`Span`] into the analysis text, and [`Document::to_source`]
//! maps it back to the bytes the user wrote.

mod markdown;
pub mod normalize;
mod plain;
mod sentences;

use std::path::Path;

use crate::span::{SourceSpan, Span};
use normalize::{Edge, OffsetMap};

/// How the source text is structured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
}

impl Format {
    /// Markdown for `.md`/`.markdown`, plain text for everything else.
    pub fn from_path(path: &Path) -> Self {
        match path.extension().and_then(|e| e.to_str()) {
            Some(ext) if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") => {
                Format::Markdown
            }
            _ => Format::PlainText,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// The article's title: front matter `title:`, a leading `# H1`, or a text file's first line.
    Headline,
    Heading {
        level: u8,
    },
    Paragraph,
    ListItem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    /// The block's content, without markers such as `## `, `1. ` or `・`.
    pub span: Span,
    /// Index into [`Document::sections`].
    pub section: usize,
}

/// A heading and the blocks under it, up to the next heading of the same or a higher level.
/// Blocks before the first heading form a section without a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Index into [`Document::blocks`] of the heading block.
    pub heading: Option<usize>,
    /// Indices into [`Document::blocks`] of the content blocks (not the heading).
    pub blocks: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// Index into [`Document::blocks`].
    pub block: usize,
}

#[derive(Debug, Clone)]
pub struct Document {
    /// The name shown in diagnostics: a path, or `<stdin>`.
    pub name: String,
    pub format: Format,
    /// The bytes as read (after decoding to UTF-8).
    pub source: String,
    /// How the file was stored (UTF-16 files are decoded to UTF-8 in `source`).
    pub encoding: crate::span::Encoding,
    /// NFKC-normalised, masked analysis text. Not the same length as `source` in general.
    pub text: String,
    map: OffsetMap,
    /// Regions of `text` that are not article text (markup, code, URLs, comments, front
    /// matter): blanked to spaces, sorted and disjoint. A finding may not start or end in one.
    masked: Vec<Span>,
    /// HTML comments outside code, where `seigo-disable` directives count (analysis text).
    comments: Vec<Span>,
    pub blocks: Vec<Block>,
    pub sections: Vec<Section>,
    pub sentences: Vec<Sentence>,
}

/// What the format-specific parsers produce: block spans and the regions to mask.
#[derive(Debug, Default)]
struct Parsed {
    blocks: Vec<(BlockKind, Span)>,
    masked: Vec<Span>,
    /// HTML comments outside code spans and blocks.
    comments: Vec<Span>,
    /// Markdown: the text events inside blocks, the only bytes not masked.
    kept: Vec<Span>,
}

impl Document {
    pub fn parse(name: impl Into<String>, source: String, format: Format) -> Self {
        let normalized = normalize::normalize_full(&source);
        Document::from_normalized(name, source, format, normalized)
    }

    /// The same document analysed as written, not NFKC-normalised (for rules with
    /// `match_on: source`): the same masks and blocks, spans identical to source offsets.
    pub fn verbatim(&self) -> Document {
        let normalized = normalize::verbatim(&self.source);
        let mut doc = Document::from_normalized(
            self.name.clone(),
            self.source.clone(),
            self.format,
            normalized,
        );
        doc.encoding = self.encoding;
        doc
    }

    fn from_normalized(
        name: impl Into<String>,
        source: String,
        format: Format,
        normalized: normalize::Normalized,
    ) -> Self {
        let normalize::Normalized {
            mut text,
            map,
            boms,
        } = normalized;
        let mut parsed = match format {
            Format::Markdown => markdown::parse(&text),
            Format::PlainText => plain::parse(&text),
        };
        parsed.masked.extend(urls(&text));
        parsed.masked.extend(boms);
        let masked = merge(parsed.masked, text.len());
        mask(&mut text, &masked);
        let (blocks, sections) = build_sections(parsed.blocks);
        let sentences = sentences::split(&text, &blocks);
        Document {
            name: name.into(),
            format,
            source,
            encoding: crate::span::Encoding::Utf8,
            text,
            map,
            masked,
            comments: parsed.comments,
            blocks,
            sections,
            sentences,
        }
    }

    /// Whether a span of the analysis text starts or ends inside masked text (or is all
    /// masked): what such a span matched depends on what is not article text, so it is no
    /// finding, and mapped back it could cut a source character.
    pub fn touches_mask(&self, span: Span) -> bool {
        self.mask_at_start(span.start).is_some() || self.mask_at_end(span.end).is_some()
    }

    /// The masked region a span starting at `offset` would start inside.
    fn mask_at_start(&self, offset: usize) -> Option<Span> {
        let k = self.masked.partition_point(|m| m.start <= offset);
        let m = *self.masked.get(k.checked_sub(1)?)?;
        (offset < m.end).then_some(m)
    }

    /// The masked region a span ending at `offset` would end inside.
    fn mask_at_end(&self, offset: usize) -> Option<Span> {
        let k = self.masked.partition_point(|m| m.start < offset);
        let m = *self.masked.get(k.checked_sub(1)?)?;
        (offset <= m.end).then_some(m)
    }

    /// Whether a span of the analysis text overlaps masked text anywhere (an empty span:
    /// whether it sits inside masked text).
    pub fn overlaps_mask(&self, span: Span) -> bool {
        if span.is_empty() {
            return self.mask_at_start(span.start).is_some();
        }
        let i = self.masked.partition_point(|m| m.end <= span.start);
        self.masked.get(i).is_some_and(|m| m.start < span.end)
    }

    /// Moves the edges of a span that fall inside masked text out to the masked region's
    /// edges (for related spans, which only show a place).
    pub fn widen_out_of_mask(&self, span: Span) -> Span {
        let start = self
            .mask_at_start(span.start)
            .map_or(span.start, |m| m.start);
        let end = self.mask_at_end(span.end).map_or(span.end, |m| m.end);
        Span::new(start, end.max(start))
    }

    /// HTML comments outside code, in source bytes: where suppression directives count.
    pub fn directive_regions(&self) -> Vec<SourceSpan> {
        self.comments.iter().map(|&c| self.to_source(c)).collect()
    }

    /// Maps a fix (a span of the analysis text and its replacement) to the source. An edge
    /// inside a character that normalisation expanded (㏠ → 1日, ㍻ → 平成) takes the whole
    /// character, and the replacement keeps the part of it the fix did not match, so
    /// applying the fix loses nothing.
    pub fn fix_to_source(&self, span: Span, replacement: &str) -> (SourceSpan, String) {
        let mut text = String::with_capacity(replacement.len());
        let start = match self.map.group_around(span.start) {
            Some((norm, orig)) => {
                text.push_str(&self.text[norm.start..span.start]);
                orig.start
            }
            None => self.map.to_original(span.start, Edge::Start),
        };
        text.push_str(replacement);
        let end = match self.map.group_around(span.end) {
            Some((norm, orig)) => {
                text.push_str(&self.text[span.end..norm.end]);
                orig.end
            }
            None => self.map.to_original(span.end, Edge::End),
        };
        (SourceSpan::new(start, end.max(start)), text)
    }

    /// The analysis text of a span.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// Maps a span of the analysis text back to the source bytes it came from.
    pub fn to_source(&self, span: Span) -> SourceSpan {
        SourceSpan::new(
            self.map.to_original(span.start, Edge::Start),
            self.map.to_original(span.end, Edge::End),
        )
    }

    /// Whether block `block` opens with an enumerator that is no list marker of the format:
    /// a circled or parenthesised number (① …, ⑴ …, （1）…, (1) …) in its source. Generated
    /// articles number steps and points this way; each such block is an item of a list.
    pub fn enumerated(&self, block: usize) -> bool {
        let start = self.to_source(self.blocks[block].span).start;
        let line = self.source[..start].rfind('\n').map_or(0, |n| n + 1);
        let head = self.source[line..].trim_start();
        let Some(first) = head.chars().next() else {
            return false;
        };
        if matches!(first, '①'..='⑳' | '⑴'..='⒇' | '❶'..='❿' | '➀'..='➉' | '㉑'..='㉟')
        {
            return true;
        }
        let Some(rest) = head.strip_prefix(['(', '（']) else {
            return false;
        };
        let digits = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
            .count();
        (1..=2).contains(&digits)
            && rest
                .chars()
                .nth(digits)
                .is_some_and(|c| matches!(c, ')' | '）'))
    }

    /// Whether block `block` is a cell of a table row (its source line starts with `|`, in
    /// Markdown and in plain text alike).
    pub fn in_table_row(&self, block: usize) -> bool {
        self.table_row_line(block).is_some()
    }

    /// Where the source line of block `block` starts, when the block is a cell of a table row
    /// (cells of one row share it).
    pub fn table_row_line(&self, block: usize) -> Option<usize> {
        let start = self.to_source(self.blocks[block].span).start;
        let line = self.source[..start].rfind('\n').map_or(0, |n| n + 1);
        self.source[line..]
            .trim_start()
            .starts_with('|')
            .then_some(line)
    }

    pub fn headline(&self) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == BlockKind::Headline)
    }

    /// The block that contains an analysis-text offset.
    pub fn block_at(&self, offset: usize) -> Option<usize> {
        let i = self.blocks.partition_point(|b| b.span.start <= offset);
        (i > 0 && offset <= self.blocks[i - 1].span.end).then(|| i - 1)
    }

    /// The sentence that contains an analysis-text offset.
    pub fn sentence_at(&self, offset: usize) -> Option<&Sentence> {
        self.sentence_index_at(offset).map(|i| &self.sentences[i])
    }

    /// The index of the sentence that contains an analysis-text offset.
    pub fn sentence_index_at(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= offset);
        (i > 0 && offset < self.sentences[i - 1].span.end).then(|| i - 1)
    }
}

/// Bare URLs in text: never article text, and never to be rewritten by a fix. A URL runs to
/// whitespace or to Japanese punctuation, which URLs in articles are not percent-encoded for
/// but which ends them in practice (「https://example.com/a」、).
static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r#"(?i)\b(?:https?|ftp)://[^\s<>"'`「」『』（）()【】\[\]、。，！？]+"#)
        .expect("valid URL regex")
});

fn urls(text: &str) -> impl Iterator<Item = Span> + '_ {
    URL.find_iter(text).map(|m| Span::new(m.start(), m.end()))
}

/// Sorts and merges spans (clamped to `len`), dropping empty ones.
fn merge(mut spans: Vec<Span>, len: usize) -> Vec<Span> {
    for s in &mut spans {
        s.end = s.end.min(len);
        s.start = s.start.min(s.end);
    }
    spans.retain(|s| !s.is_empty());
    spans.sort_unstable();
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

/// Replaces masked regions by spaces byte for byte (newlines kept), so offsets do not move.
fn mask(text: &mut String, masked: &[Span]) {
    if masked.is_empty() {
        return;
    }
    let mut bytes = std::mem::take(text).into_bytes();
    let len = bytes.len();
    for span in masked {
        for b in &mut bytes[span.start.min(span.end).min(len)..span.end.min(len)] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
    }
    // Masked spans are char-aligned, and spaces are ASCII, so this is still valid UTF-8; the
    // fallback only guards against a parser bug.
    *text = String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

fn build_sections(raw: Vec<(BlockKind, Span)>) -> (Vec<Block>, Vec<Section>) {
    let mut raw = raw;
    raw.retain(|(_, span)| !span.is_empty());
    raw.sort_by_key(|(_, span)| span.start);
    let mut blocks = Vec::with_capacity(raw.len());
    let mut sections = vec![Section {
        heading: None,
        blocks: Vec::new(),
    }];
    for (kind, span) in raw {
        let index = blocks.len();
        if let BlockKind::Heading { .. } = kind {
            sections.push(Section {
                heading: Some(index),
                blocks: Vec::new(),
            });
        } else if kind != BlockKind::Headline {
            sections.last_mut().expect("one section").blocks.push(index);
        }
        blocks.push(Block {
            kind,
            span,
            section: sections.len() - 1,
        });
    }
    (blocks, sections)
}

/// Trims ASCII and ideographic whitespace from both ends of a span of `text`.
pub(crate) fn trim_span(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_structure() {
        let src =
            "見出しの記事\n\n本文です。二文目！\n\n1. 最初の節\n\n・項目一\n・項目二\n\n段落。\n";
        let doc = Document::parse("t.txt", src.to_string(), Format::PlainText);
        let kinds: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, doc.slice(b.span)))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Headline, "見出しの記事"),
                (BlockKind::Paragraph, "本文です。二文目!"),
                (BlockKind::Heading { level: 2 }, "最初の節"),
                (BlockKind::ListItem, "項目一"),
                (BlockKind::ListItem, "項目二"),
                (BlockKind::Paragraph, "段落。"),
            ]
        );
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.sections[1].blocks, vec![3, 4, 5]);
        let sentences: Vec<_> = doc.sentences.iter().map(|s| doc.slice(s.span)).collect();
        assert_eq!(
            sentences,
            vec![
                "見出しの記事",
                "本文です。",
                "二文目!",
                "最初の節",
                "項目一",
                "項目二",
                "段落。"
            ]
        );
    }

    #[test]
    fn circled_and_parenthesised_numbers_enumerate_blocks() {
        for format in [Format::Markdown, Format::PlainText] {
            let src = "節約術\n\n① 通信費：月5,000円の削減。\n\n（2）保険：月3,000円の削減。\n\n\
                       ⑶ 電気：年6,000円の削減。\n\n1月から(3件)見直した。\n";
            let doc = Document::parse("t", src.to_string(), format);
            let enumerated: Vec<bool> = (0..doc.blocks.len()).map(|b| doc.enumerated(b)).collect();
            assert_eq!(enumerated, [false, true, true, true, false], "{format:?}");
        }
    }

    #[test]
    fn spans_map_back_through_normalisation() {
        let src = "ＮＡＴＯの記事\n\n石破首相はＮＡＴＯ構想を語った。\n";
        let doc = Document::parse("t.txt", src.to_string(), Format::PlainText);
        let at = doc.text.rfind("NATO").unwrap();
        let span = doc.to_source(Span::new(at, at + 4));
        assert_eq!(&src[span.range()], "ＮＡＴＯ");
        assert_eq!(
            &src[doc.to_source(doc.headline().unwrap().span).range()],
            "ＮＡＴＯの記事"
        );
    }

    #[test]
    fn crlf_lines_do_not_leak_carriage_returns() {
        let src = "見出し\r\n\r\n本文です。\r\n次の行。\r\n";
        let doc = Document::parse("t.txt", src.to_string(), Format::PlainText);
        for s in &doc.sentences {
            assert!(!doc.slice(s.span).contains('\r'));
        }
        assert_eq!(doc.slice(doc.headline().unwrap().span), "見出し");
    }

    #[test]
    fn empty_document_has_no_blocks() {
        let doc = Document::parse("e.txt", String::new(), Format::PlainText);
        assert!(doc.blocks.is_empty());
        assert!(doc.sentences.is_empty());
        let doc = Document::parse("e.md", "\n\n   \n".into(), Format::Markdown);
        assert!(doc.blocks.is_empty());
    }
}
