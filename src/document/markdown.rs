//! Markdown articles via pulldown-cmark's offset iterator.
//!
//! Only prose reaches the analysis: every byte not covered by a text event of a block is
//! masked (markup, link destinations and reference definitions wherever they stand, autolinks,
//! inline code, HTML, code blocks), and so is front matter except its `title:` value, which
//! is the headline.

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

use super::{BlockKind, Parsed, trim_span};
use crate::span::Span;

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let body_start = front_matter(text, &mut parsed);
    let body = &text[body_start..];

    let mut open: Vec<Open> = Vec::new();
    let mut saw_heading = false;
    // Inside an autolink (`<https://…>`) the text event is the URL itself.
    let mut autolink = 0usize;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        let range = Span::new(body_start + range.start, body_start + range.end);
        match event {
            Event::Start(Tag::Heading { level, .. }) => open.push(Open::new(
                BlockKind::Heading {
                    level: heading_level(level),
                },
                range,
            )),
            // A paragraph directly inside a list item is the item's own text.
            Event::Start(Tag::Paragraph) if matches!(open.last(), Some(o) if o.kind == BlockKind::ListItem && o.text.is_empty()) =>
                {}
            Event::Start(Tag::Paragraph) => open.push(Open::new(BlockKind::Paragraph, range)),
            Event::Start(Tag::Item) => open.push(Open::new(BlockKind::ListItem, range)),
            Event::Start(Tag::TableCell) => open.push(Open::new(BlockKind::Paragraph, range)),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::HtmlBlock) => {
                parsed.masked.push(range)
            }
            Event::Start(Tag::MetadataBlock(_)) => parsed.masked.push(range),
            Event::Html(html) | Event::InlineHtml(html) => {
                if html.trim_start().starts_with("<!--") {
                    parsed.comments.push(range);
                }
                parsed.masked.push(range)
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                parsed.masked.push(range)
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => autolink += 1,
            Event::End(TagEnd::Link) if autolink > 0 => autolink -= 1,
            Event::Text(_) if autolink > 0 => {}
            Event::Text(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some(o) = open.last_mut() {
                    o.text.push(range);
                }
            }
            Event::End(TagEnd::Heading(_)) | Event::End(TagEnd::TableCell) => {
                close(&mut open, &mut parsed, &mut saw_heading)
            }
            Event::End(TagEnd::Paragraph) => {
                if matches!(open.last(), Some(o) if o.kind == BlockKind::Paragraph) {
                    close(&mut open, &mut parsed, &mut saw_heading);
                }
            }
            Event::End(TagEnd::Item) => {
                // Close anything left inside the item, then the item itself.
                while let Some(o) = open.last() {
                    let is_item = o.kind == BlockKind::ListItem;
                    close(&mut open, &mut parsed, &mut saw_heading);
                    if is_item {
                        break;
                    }
                }
            }
            _ => {}
        }
    }
    while !open.is_empty() {
        close(&mut open, &mut parsed, &mut saw_heading);
    }
    // Everything outside the blocks' text is masked: what the parser did not hand over as
    // text (a link destination after a block's last word, a reference definition and its
    // title, stray markup) is not article text either.
    let mut kept = std::mem::take(&mut parsed.kept);
    kept.extend(
        parsed
            .blocks
            .iter()
            .map(|(_, span)| *span)
            .filter(|s| s.end <= body_start),
    );
    kept.sort_unstable();
    let mut cursor = 0;
    for k in kept {
        if k.start > cursor {
            parsed.masked.push(Span::new(cursor, k.start));
        }
        cursor = cursor.max(k.end);
    }
    if cursor < text.len() {
        parsed.masked.push(Span::new(cursor, text.len()));
    }
    parsed
}

/// A block being collected: its kind, its source range and the text events inside it.
struct Open {
    kind: BlockKind,
    range: Span,
    text: Vec<Span>,
}

impl Open {
    fn new(kind: BlockKind, range: Span) -> Self {
        Self {
            kind,
            range,
            text: Vec::new(),
        }
    }
}

fn close(open: &mut Vec<Open>, parsed: &mut Parsed, saw_heading: &mut bool) {
    let Some(block) = open.pop() else { return };
    let (Some(first), Some(last)) = (block.text.first(), block.text.last()) else {
        return;
    };
    let span = Span::new(first.start, last.end);
    // The text events are what stays unmasked; the markup between them (emphasis markers,
    // link destinations) and around the block is masked in `parse`.
    parsed.kept.extend(block.text.iter().copied());
    let _ = block.range;
    let mut kind = block.kind;
    if let BlockKind::Heading { level } = kind {
        let first_heading = !*saw_heading;
        *saw_heading = true;
        let has_headline = parsed.blocks.iter().any(|(k, _)| *k == BlockKind::Headline);
        if level == 1 && first_heading && !has_headline {
            kind = BlockKind::Headline;
        }
    }
    parsed.blocks.push((kind, span));
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Masks a leading `---` YAML front matter block and records its `title:` as the headline.
/// Returns where the Markdown body starts.
fn front_matter(text: &str, parsed: &mut Parsed) -> usize {
    let lead = text.len() - text.trim_start_matches([' ', '\u{feff}']).len();
    let rest = &text[lead..];
    let Some(after_open) = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))
    else {
        return 0;
    };
    let fm_start = text.len() - after_open.len();
    let mut offset = fm_start;
    for line in after_open.split_inclusive('\n') {
        let line_span = Span::new(offset, offset + line.len());
        offset += line.len();
        let trimmed = line.trim_end();
        if trimmed == "---" || trimmed == "..." {
            let end = offset;
            parsed.masked.push(Span::new(lead, end));
            // Unmask the title value by recording it; masking skips headline spans below.
            return unmask_title(parsed, end);
        }
        if let Some(value) = trimmed.strip_prefix("title:") {
            let value_start = line_span.start + "title:".len();
            let span = trim_span(text, Span::new(value_start, value_start + value.len()));
            let span = strip_quotes(text, span);
            if !span.is_empty() {
                parsed.blocks.push((BlockKind::Headline, span));
            }
        }
    }
    // Unterminated front matter is not front matter.
    parsed.blocks.clear();
    0
}

/// The front matter is masked whole, except the title value, which is the headline.
fn unmask_title(parsed: &mut Parsed, end: usize) -> usize {
    let Some((_, title)) = parsed
        .blocks
        .iter()
        .find(|(k, _)| *k == BlockKind::Headline)
        .copied()
    else {
        return end;
    };
    let fm = parsed.masked.pop().expect("front matter mask");
    parsed.masked.push(Span::new(fm.start, title.start));
    parsed.masked.push(Span::new(title.end, fm.end));
    end
}

fn strip_quotes(text: &str, span: Span) -> Span {
    let s = &text[span.range()];
    for q in ['"', '\''] {
        if s.len() >= 2 && s.starts_with(q) && s.ends_with(q) {
            return Span::new(span.start + 1, span.end - 1);
        }
    }
    span
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Format};

    fn doc(src: &str) -> Document {
        Document::parse("t.md", src.to_string(), Format::Markdown)
    }

    fn blocks(d: &Document) -> Vec<(BlockKind, &str)> {
        d.blocks.iter().map(|b| (b.kind, d.slice(b.span))).collect()
    }

    #[test]
    fn front_matter_title_is_the_headline_and_the_rest_is_masked() {
        let d =
            doc("---\ntitle: \"日銀が利上げ\"\ndate: 2025-01-01\n---\n\n## 背景\n\n本文です。\n");
        assert_eq!(
            blocks(&d),
            vec![
                (BlockKind::Headline, "日銀が利上げ"),
                (BlockKind::Heading { level: 2 }, "背景"),
                (BlockKind::Paragraph, "本文です。"),
            ]
        );
        assert!(!d.text.contains("date"));
        assert_eq!(d.text.len(), d.source.len());
    }

    #[test]
    fn first_h1_is_the_headline_without_front_matter() {
        let d = doc("# 題名\n\n本文。\n\n# 二つ目\n");
        assert_eq!(blocks(&d)[0], (BlockKind::Headline, "題名"));
        assert_eq!(blocks(&d)[2], (BlockKind::Heading { level: 1 }, "二つ目"));
    }

    #[test]
    fn code_and_link_destinations_are_masked_not_cut() {
        let src = "# 題\n\n[記事](https://example.com/x)を参照。`帰り先`\n\n```\n支援兵士\n```\n";
        let d = doc(src);
        assert_eq!(d.text.len(), src.len());
        assert!(!d.text.contains("example.com"));
        assert!(!d.text.contains("支援兵士"));
        assert!(!d.text.contains("帰り先"));
        assert!(d.text.contains("記事"));
        assert!(d.text.contains("を参照。"));
    }

    #[test]
    fn list_items_are_blocks() {
        let d = doc("# 題\n\n- 一つ目\n- 二つ目\n  - 入れ子\n");
        let items: Vec<_> = blocks(&d)
            .into_iter()
            .filter(|(k, _)| *k == BlockKind::ListItem)
            .map(|(_, t)| t)
            .collect();
        assert_eq!(items, vec!["一つ目", "二つ目", "入れ子"]);
    }
}
