//! Plain-text articles: the first non-empty line is the headline, blank lines separate
//! paragraphs, `1. 見出し` / `## 見出し` / `■ 見出し` lines and well-known section titles are
//! headings, and `・` / `•` / `-` / `*` lines are list items.

use std::sync::LazyLock;

use regex::Regex;

use super::{BlockKind, Parsed, trim_span};
use crate::span::Span;

/// `1. 見出し`, `1) 見出し`, `1、見出し`, `## 見出し`, `■見出し`, `【見出し】`, `《見出し》`.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?P<hash>#{1,6})\s+|[0-9]{1,2}(?:[.)、]\s*|\s+)|[■◆●▼□◇]\s*)(?P<title>\S.*)$|^(?P<bracket>【[^】]+】|《[^》]+》)$")
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
    // Trimmed lines, empty ones included (they separate blocks).
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw_line in text.split_inclusive('\n') {
        lines.push(trim_span(text, Span::new(offset, offset + raw_line.len())));
        offset += raw_line.len();
    }
    let content = |i: usize| lines.get(i).map_or("", |l: &Span| &text[l.range()]);
    for (i, &line) in lines.iter().enumerate() {
        let here = content(i);
        if here.is_empty() {
            flush(&mut parsed, &mut paragraph);
            continue;
        }
        if !seen_headline {
            seen_headline = true;
            // An article that starts with a sentence (an LLM answer) has no headline.
            if !reads_as_sentence(here) {
                let title = strip_heading_marker(text, line).unwrap_or(line);
                parsed.blocks.push((BlockKind::Headline, title));
                continue;
            }
        }
        if let Some(caps) = LIST_ITEM.captures(here) {
            flush(&mut parsed, &mut paragraph);
            let m = caps.name("item").expect("item group");
            let item = Span::new(line.start + m.start(), line.start + m.end());
            parsed.blocks.push((BlockKind::ListItem, item));
            continue;
        }
        if let Some((level, title)) = heading(text, line) {
            flush(&mut parsed, &mut paragraph);
            let neighbours = [i.checked_sub(1).map_or("", content), content(i + 1)];
            let kind = if is_data_row(here, &text[title.range()], neighbours) {
                BlockKind::ListItem
            } else {
                BlockKind::Heading { level }
            };
            parsed.blocks.push((kind, title));
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

/// A line that ends like a sentence (。 or ．, before any closing brackets).
fn reads_as_sentence(line: &str) -> bool {
    line.trim_end_matches(['」', '』', ')', '）', '】'])
        .ends_with(['。', '．'])
}

/// `key：value` with a short key.
static KEY_VALUE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^:：]{1,12}[:：]\s*\S").expect("valid key-value regex"));

/// Whether a line that looks like a heading is a row of data: one of several numbered or
/// marked lines in a row (steps, a ranking, spec rows: `1. 電源を入れる` / `2. …`,
/// `■発売日：6月1日` / `■価格：…`), or a marked `key：value` line whose value is a figure.
/// A heading stands alone between blank lines or above its paragraph or list.
fn is_data_row(line: &str, title: &str, neighbours: [&str; 2]) -> bool {
    let marker = |l: &str| l.chars().next().filter(|c| "■◆●▼□◇".contains(*c));
    let numbered = |l: &str| NUMBERED.is_match(l);
    let alike = |l: &str| {
        (marker(line).is_some() && marker(l) == marker(line)) || (numbered(line) && numbered(l))
    };
    if neighbours.iter().any(|l| !l.is_empty() && alike(l)) {
        return true;
    }
    // 「■初日：湊高原ヒルクライム（18.4km）」 over 「・記録：…」 rows: a marked line right
    // above a list heads it, whatever figures its title holds.
    if LIST_ITEM.is_match(neighbours[1]) {
        return false;
    }
    marker(line).is_some()
        && KEY_VALUE.is_match(title)
        && title
            .split_once([':', '：'])
            .is_some_and(|(_, value)| value.chars().any(|c| c.is_ascii_digit()))
}

/// A line starting like `1. ` / `2) ` / `3、`.
static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9]{1,2}(?:[.)、]\s*|\s+)\S").expect("valid numbered regex"));

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
    fn a_line_wholly_in_double_angle_brackets_is_a_heading() {
        let text = "題\n\n《1回目の失敗》\n\n本文。\n\n《と》の字。\n";
        assert_eq!(
            blocks(text),
            vec![
                (BlockKind::Headline, "題"),
                (BlockKind::Heading { level: 2 }, "《1回目の失敗》"),
                (BlockKind::Paragraph, "本文。"),
                (BlockKind::Paragraph, "《と》の字。"),
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
    fn an_article_starting_with_a_sentence_has_no_headline() {
        let text = "量子コンピューターは、量子力学の原理を使う計算機です。\n\n次の段落。\n";
        assert_eq!(blocks(text)[0].0, BlockKind::Paragraph);
        assert_eq!(blocks("題名です！\n\n本文。\n")[0].0, BlockKind::Headline);
    }

    #[test]
    fn a_marked_line_above_a_list_heads_it() {
        let text = "題\n\n■初日：湊高原ヒルクライム（18.4km）\n・記録：1時間12分35秒\n・順位：42位\n\n■発売日：6月1日\n\n本文。\n";
        let kinds: Vec<_> = blocks(text).into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Headline,
                BlockKind::Heading { level: 2 },
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Paragraph,
            ]
        );
    }

    #[test]
    fn data_rows_are_not_headings() {
        let text = "題\n\n■発売日：6月1日\n■価格：3万9800円\n\n1. 電源を入れる\n2. 設定を開く\n3. 保存する\n\n■方法1：外付けHDDを使う\n\n本文。\n\n■スペック：64GB\n\n1. 今後の見通し\n\n本文。\n";
        let kinds: Vec<_> = blocks(text)
            .into_iter()
            .map(|(k, t)| (k, t.to_string()))
            .collect();
        let item = |t: &str| (BlockKind::ListItem, t.to_string());
        let heading = |t: &str| (BlockKind::Heading { level: 2 }, t.to_string());
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Headline, "題".to_string()),
                item("発売日：6月1日"),
                item("価格：3万9800円"),
                item("電源を入れる"),
                item("設定を開く"),
                item("保存する"),
                heading("方法1：外付けHDDを使う"),
                (BlockKind::Paragraph, "本文。".to_string()),
                item("スペック：64GB"),
                heading("今後の見通し"),
                (BlockKind::Paragraph, "本文。".to_string()),
            ]
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
