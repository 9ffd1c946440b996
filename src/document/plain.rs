//! Plain-text articles: the first non-empty line is the headline, blank lines separate
//! paragraphs, `1. 見出し` / `## 見出し` / `■ 見出し` lines and well-known section titles are
//! headings, and `・` / `•` / `-` / `*` lines are list items.

use std::sync::LazyLock;

use regex::Regex;

use super::{BlockKind, Parsed, trim_span};
use crate::span::Span;

/// `1. 見出し`, `1) 見出し`, `1、見出し`, `## 見出し`, `■見出し`, `【見出し】`.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<hash>#{1,6})\s+|[0-9]{1,2}(?:[.)、]\s*|\s+)|[■◆●▼□◇]\s*)(?P<title>\S.*)$|^(?P<bracket>【[^】]+】)$")
        .expect("valid heading regex")
});

/// Section titles that are headings even without a number: まとめ, この記事の要約, ...
/// A title may be followed by `:` and more text (`まとめ:...`).
static SECTION_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:この記事の)?(?:要約|まとめ|概要|はじめに|おわりに|結論|目次|ポイント|Summary|Conclusion)(?:[:：].*)?$")
        .expect("valid section title regex")
});

/// A list marker followed by the item text.
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[・•●○◦▪‣]\s*|[-*+]\s+)(?P<item>\S.*)$").expect("valid list regex")
});

/// Headings are short; a numbered line that reads like a sentence is a paragraph.
const MAX_HEADING_CHARS: usize = 60;

/// HTML comments (seigo suppressions) are masked, as in Markdown.
static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--(?s:.)*?-->").expect("valid comment regex"));

pub(super) fn parse(text: &str) -> Parsed {
    let masked: Vec<Span> = COMMENT
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect();
    if !masked.is_empty() {
        // Blocks are found on the text with comments blanked, so a comment-only line is blank.
        let mut blanked = text.to_string();
        super::mask(&mut blanked, &masked);
        let mut inner = parse_unmasked(&blanked);
        inner.comments.clone_from(&masked);
        inner.masked.extend(masked);
        return inner;
    }
    parse_unmasked(text)
}

fn parse_unmasked(text: &str) -> Parsed {
    let mut parsed = Parsed::default();
    let mut paragraph: Option<Span> = None;
    let mut seen_headline = false;
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw_line.len();
        let line = trim_span(text, Span::new(line_start, line_start + raw_line.len()));
        let content = &text[line.range()];
        if content.is_empty() {
            flush(&mut parsed, &mut paragraph);
            continue;
        }
        if !seen_headline {
            seen_headline = true;
            let title = strip_heading_marker(text, line).unwrap_or(line);
            parsed.blocks.push((BlockKind::Headline, title));
            continue;
        }
        if let Some(caps) = LIST_ITEM.captures(content) {
            flush(&mut parsed, &mut paragraph);
            let m = caps.name("item").expect("item group");
            let item = Span::new(line.start + m.start(), line.start + m.end());
            parsed.blocks.push((BlockKind::ListItem, item));
            continue;
        }
        if let Some((level, title)) = heading(text, line) {
            flush(&mut parsed, &mut paragraph);
            parsed.blocks.push((BlockKind::Heading { level }, title));
            continue;
        }
        paragraph = Some(match paragraph {
            Some(p) => Span::new(p.start, line.end),
            None => line,
        });
    }
    flush(&mut parsed, &mut paragraph);
    parsed
}

fn flush(parsed: &mut Parsed, paragraph: &mut Option<Span>) {
    if let Some(p) = paragraph.take() {
        parsed.blocks.push((BlockKind::Paragraph, p));
    }
}

fn heading(text: &str, line: Span) -> Option<(u8, Span)> {
    let content = &text[line.range()];
    if content.chars().count() > MAX_HEADING_CHARS || content.ends_with('。') {
        return None;
    }
    if SECTION_TITLE.is_match(content) {
        return Some((2, line));
    }
    let caps = HEADING.captures(content)?;
    let level = caps
        .name("hash")
        .map_or(2, |h| h.as_str().len().min(6) as u8);
    let title = caps
        .name("title")
        .or_else(|| caps.name("bracket"))
        .expect("title or bracket");
    Some((
        level,
        Span::new(line.start + title.start(), line.start + title.end()),
    ))
}

fn strip_heading_marker(text: &str, line: Span) -> Option<Span> {
    let caps = HEADING.captures(&text[line.range()])?;
    caps.name("hash")?;
    let title = caps.name("title")?;
    Some(Span::new(
        line.start + title.start(),
        line.start + title.end(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(text: &str) -> Vec<(BlockKind, &str)> {
        parse(text)
            .blocks
            .into_iter()
            .map(|(k, s)| (k, &text[s.range()]))
            .collect()
    }

    #[test]
    fn headline_may_carry_a_hash_marker() {
        assert_eq!(blocks("# 題名\n")[0], (BlockKind::Headline, "題名"));
    }

    #[test]
    fn indented_bullets_and_section_titles() {
        let text = "題\n\nこの記事の要約\n\n  • 一つ目。\n  • 二つ目。\n目次\n\n1. 節\n\n本文。\n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Headline, "題"),
                (BlockKind::Heading { level: 2 }, "この記事の要約"),
                (BlockKind::ListItem, "一つ目。"),
                (BlockKind::ListItem, "二つ目。"),
                (BlockKind::Heading { level: 2 }, "目次"),
                (BlockKind::Heading { level: 2 }, "節"),
                (BlockKind::Paragraph, "本文。"),
            ]
        );
    }

    #[test]
    fn numbered_sentence_is_not_a_heading() {
        let text = "題\n\n2027年に期限を迎える協定がある。\n";
        assert_eq!(blocks(text)[1].0, BlockKind::Paragraph);
        let text = "題\n\n3 割の企業が回答した。\n";
        assert_eq!(blocks(text)[1].0, BlockKind::Paragraph);
    }

    #[test]
    fn multi_line_paragraphs_join() {
        let text = "題\n\n一行目。\n二行目。\n\n次。\n";
        assert_eq!(
            blocks(text)[1],
            (BlockKind::Paragraph, "一行目。\n二行目。")
        );
    }

    #[test]
    fn summary_heading_with_text() {
        let text = "題\n\nまとめ:題の繰り返し\n\n本文。\n";
        assert_eq!(
            blocks(text)[1],
            (BlockKind::Heading { level: 2 }, "まとめ:題の繰り返し")
        );
    }
}
