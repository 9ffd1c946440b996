//! Finding places in a rule file's YAML source, so errors found after parsing (an invalid
//! regex, a bad token pattern) still point at the line and column the author must change.
//!
//! serde_yaml reports positions for syntax and type errors but keeps no spans for values, so
//! values are located by searching the source after their key.

use crate::span::Span;

/// `src` without the top-level `keys` and their blocks (each from its key up to the next
/// line that starts another top-level key), in one copy: how a built-in rule is read without
/// its description and examples. Comments and blank lines inside a block go with it; the text
/// is returned as is when it has none of the keys.
pub fn without_top_level_keys<'s>(src: &'s str, keys: &[&str]) -> std::borrow::Cow<'s, str> {
    let mut cuts: Vec<std::ops::Range<usize>> = keys
        .iter()
        .filter_map(|key| key_span(src, key))
        .map(|at| at.start..block_end(src, at.start))
        .collect();
    if cuts.is_empty() {
        return std::borrow::Cow::Borrowed(src);
    }
    cuts.sort_by_key(|cut| cut.start);
    let mut out = String::with_capacity(src.len());
    let mut from = 0;
    for cut in cuts {
        out.push_str(&src[from..cut.start]);
        from = cut.end;
    }
    out.push_str(&src[from..]);
    std::borrow::Cow::Owned(out)
}

/// Where the block of the top-level key at `start` ends: at the next line that starts
/// another top-level key (not indented, not a comment), or at the end of `src`.
fn block_end(src: &str, start: usize) -> usize {
    let mut offset = src[start..].find('\n').map_or(src.len(), |i| start + i + 1);
    for line in src[offset..].split_inclusive('\n') {
        if line.starts_with(|c: char| !c.is_whitespace() && c != '#') {
            return offset;
        }
        offset += line.len();
    }
    src.len()
}

/// The span of a top-level `key:` (at column 0).
pub fn key_span(src: &str, key: &str) -> Option<Span> {
    nested_key_span(src, &[key])
}

/// The span of a key path such as `["examples", "bad"]`: each key is searched after the
/// previous one, at a deeper indentation.
pub fn nested_key_span(src: &str, path: &[&str]) -> Option<Span> {
    let mut from = 0;
    let mut min_indent = 0;
    let mut found = None;
    for (depth, key) in path.iter().enumerate() {
        let (span, indent) = find_key(src, from, key, min_indent, depth == 0)?;
        from = span.end;
        min_indent = indent + 1;
        found = Some(span);
    }
    found
}

fn find_key(
    src: &str,
    from: usize,
    key: &str,
    min_indent: usize,
    top: bool,
) -> Option<(Span, usize)> {
    let mut offset = line_start(src, from);
    for line in src[offset..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if start < line_start(src, from) {
            continue;
        }
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        let body = body.strip_prefix("- ").unwrap_or(body);
        let indent_ok = if top {
            indent == 0
        } else {
            indent >= min_indent
        };
        if !indent_ok {
            continue;
        }
        for quoted in [key.to_string(), format!("\"{key}\""), format!("'{key}'")] {
            if let Some(rest) = body.strip_prefix(quoted.as_str())
                && rest.trim_start_matches(' ').starts_with(':')
            {
                let key_start = start + (line.len() - body.len());
                return Some((Span::new(key_start, key_start + quoted.len()), indent));
            }
        }
    }
    None
}

fn line_start(src: &str, offset: usize) -> usize {
    src[..offset.min(src.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1)
}

/// The span of `value` as written in the source at or after `from`, trying the plain form and
/// the escaped forms a double-quoted YAML string would use.
pub fn value_span(src: &str, from: usize, value: &str) -> Option<Span> {
    if value.is_empty() {
        return None;
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    let single = value.replace('\'', "''");
    for form in [value, escaped.as_str(), single.as_str()] {
        if let Some(i) = src.get(from..).and_then(|s| s.find(form)) {
            return Some(Span::new(from + i, from + i + form.len()));
        }
    }
    None
}

/// The span of the `index`-th string in a list under `key`, or of the key itself.
pub fn list_item_span(src: &str, key_path: &[&str], value: &str) -> Option<Span> {
    let key = nested_key_span(src, key_path)?;
    value_span(src, key.end, value).or(Some(key))
}

/// The span of the `n`-th item (0-based) of a block list under `key_path` (`- item` lines
/// indented under the key), so that two items with the same text are told apart. `None`
/// for flow lists (`[a, b]`) and when there are fewer items.
pub fn nth_item_span(src: &str, key_path: &[&str], n: usize) -> Option<Span> {
    let key = nested_key_span(src, key_path)?;
    let key_line = line_start(src, key.start);
    let key_indent = src[key_line..].len() - src[key_line..].trim_start_matches(' ').len();
    let mut offset = src[key.end..].find('\n').map(|i| key.end + i + 1)?;
    let mut item_indent = None;
    let mut seen = 0;
    for line in src[offset..].split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let body = line.trim_start_matches(' ');
        let indent = line.len() - body.len();
        if body.trim().is_empty() || body.starts_with('#') {
            continue;
        }
        if indent <= key_indent && !(indent == key_indent && body.starts_with("- ")) {
            break;
        }
        if !(body.starts_with("- ") || body.trim_end() == "-") {
            continue;
        }
        match item_indent {
            None => item_indent = Some(indent),
            Some(i) if i != indent => continue,
            Some(_) => {}
        }
        if seen == n {
            let value = start + indent + 2;
            let end = start + line.trim_end().len();
            return Some(Span::new(value.min(end), end));
        }
        seen += 1;
    }
    None
}

/// Maps an offset inside a value (e.g. a regex error position) to the source, when the value
/// appears verbatim (unescaped) in the source; otherwise the whole value span.
pub fn offset_in_value(src: &str, value_at: Span, value: &str, inner: Span) -> Span {
    if src.get(value_at.range()) == Some(value) && inner.end <= value.len() {
        let start = value_at.start + inner.start;
        let end = (value_at.start + inner.end)
            .max(start + 1)
            .min(value_at.end);
        return Span::new(start, end.max(start));
    }
    value_at
}

/// A YAML mistake that the parser reports confusingly, with what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mistake {
    Tab,
    FullWidthSpace,
    FullWidthColon { key: String },
    UnquotedPlaceholder { placeholder: String },
    UnclosedQuote,
}

impl Mistake {
    pub fn message(&self) -> String {
        use crate::i18n::tr;
        match self {
            Mistake::Tab => tr(
                "indented with a tab: YAML indents with spaces only",
                "タブで字下げされています。YAML の字下げには半角スペースしか使えません",
            ),
            Mistake::FullWidthSpace => tr(
                "indented with a full-width space (U+3000): YAML indents with half-width spaces only",
                "全角スペース（U+3000）で字下げされています。YAML の字下げには半角スペースしか使えません",
            ),
            Mistake::FullWidthColon { key } => tr(
                format!(
                    "full-width colon 「：」 after `{key}`: YAML needs a half-width `:` and a space"
                ),
                format!(
                    "`{key}` の後のコロンが全角の「：」です。YAML では半角の「:」と空白が必要です"
                ),
            ),
            Mistake::UnquotedPlaceholder { placeholder } => tr(
                format!(
                    "a value that starts with `{placeholder}` must be quoted: YAML reads `{{` as the start of a map"
                ),
                format!(
                    "`{placeholder}` で始まる値は引用符で囲んでください。YAML は `{{` を辞書（マップ）の始まりと読みます"
                ),
            ),
            Mistake::UnclosedQuote => tr(
                "this quote is never closed: YAML reads the rest of the file as part of the text",
                "この引用符が閉じられていません。YAML はファイルの残りを文字列の一部として読みます",
            ),
        }
    }

    pub fn help(&self) -> String {
        use crate::i18n::tr;
        match self {
            Mistake::Tab => tr(
                "replace the tab at the start of this line with spaces (two per level)",
                "行頭のタブを半角スペース（1 段に 2 個）に置き換えてください",
            ),
            Mistake::FullWidthSpace => tr(
                "replace 「　」 at the start of this line with half-width spaces (two per level)",
                "行頭の「　」を半角スペース（1 段に 2 個）に置き換えてください",
            ),
            Mistake::FullWidthColon { key } => tr(
                format!("write `{key}: ...` (half-width colon, then a space)"),
                format!("`{key}: …` と書いてください（半角コロンの後に空白）"),
            ),
            Mistake::UnquotedPlaceholder { placeholder } => tr(
                format!("put the whole value in quotes: \"{placeholder}…\""),
                format!("値全体を引用符で囲んでください: \"{placeholder}…\""),
            ),
            Mistake::UnclosedQuote => tr(
                "add the closing quote at the end of the value on this line",
                "この行の値の終わりに閉じる引用符を書いてください",
            ),
        }
    }
}

/// The lines of `src` outside block scalars (`key: |` and what is indented under it), with
/// their offsets.
fn structural_lines(src: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut offset = 0;
    let mut block_indent: Option<usize> = None;
    for line in src.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let indent = content.len() - content.trim_start_matches(' ').len();
        if let Some(b) = block_indent {
            if content.trim().is_empty() || indent > b {
                continue;
            }
            block_indent = None;
        }
        let code = content.split(" #").next().unwrap_or(content).trim_end();
        let opens_block = code
            .rsplit_once(' ')
            .map_or(code, |(_, last)| last)
            .trim_start_matches("- ");
        if (code.ends_with(':') || code.contains(": ") || code.starts_with("- "))
            && matches!(
                opens_block.trim_end_matches(|c: char| c.is_ascii_digit() || c == '+' || c == '-'),
                "|" | ">"
            )
        {
            block_indent = Some(indent);
        }
        out.push((start, content));
    }
    out
}

/// The first authoring mistake in a YAML file (see [`Mistake`]), outside block scalars.
pub fn authoring_mistake(src: &str) -> Option<(Span, Mistake)> {
    static KEY_FULLWIDTH_COLON: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| {
            regex::Regex::new(r"^[ \t\u{3000}]*(?:- )?([A-Za-z_][A-Za-z0-9_-]*)[ \u{3000}]*：")
                .expect("valid regex")
        });
    static PLACEHOLDER_VALUE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^ *(?:- +|[A-Za-z_][A-Za-z0-9_-]*: +)(\{[A-Za-z_]+\})")
            .expect("valid regex")
    });
    for (start, line) in structural_lines(src) {
        let lead: &str =
            &line[..line.len() - line.trim_start_matches([' ', '\t', '\u{3000}']).len()];
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(i) = lead.find('\t') {
            return Some((Span::new(start + i, start + i + 1), Mistake::Tab));
        }
        if let Some(i) = lead.find('\u{3000}') {
            return Some((Span::new(start + i, start + i + 3), Mistake::FullWidthSpace));
        }
        if let Some(caps) = KEY_FULLWIDTH_COLON.captures(line) {
            let colon = caps.get(0).expect("match").end() - '：'.len_utf8();
            return Some((
                Span::new(start + colon, start + colon + '：'.len_utf8()),
                Mistake::FullWidthColon {
                    key: caps[1].to_string(),
                },
            ));
        }
        if let Some(caps) = PLACEHOLDER_VALUE.captures(line) {
            let m = caps.get(1).expect("group");
            return Some((
                Span::new(start + m.start(), start + m.end()),
                Mistake::UnquotedPlaceholder {
                    placeholder: m.as_str().to_string(),
                },
            ));
        }
    }
    None
}

/// The opening quote of the first value on one line that starts with a quote and does not
/// close it on that line (where the parser, at the end of the file, cannot tell).
pub fn unclosed_quote(src: &str) -> Option<Span> {
    for (start, line) in structural_lines(src) {
        let body = line.trim_start_matches(' ');
        let body = body.strip_prefix("- ").unwrap_or(body);
        let value_at = match body.find(": ") {
            Some(i) if !body.starts_with(['"', '\'']) => i + 2,
            _ => 0,
        };
        let value = body[value_at..].trim_start();
        let Some(quote) = value.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        let bytes = value.as_bytes();
        let end = end_of_quoted(bytes, 0);
        let closed = end <= bytes.len() && bytes.get(end - 1) == Some(&(quote as u8)) && end > 1;
        if !closed {
            let at = start + (line.len() - value.len());
            return Some(Span::new(at, at + 1));
        }
    }
    None
}

/// How deep YAML flow collections (`[...]`, `{...}`) may nest before a file is refused.
///
/// serde_yaml refuses more than 128 nested levels itself, but only after libyaml has scanned
/// the whole file, and libyaml's scanner is quadratic in the flow nesting depth (at every
/// token it rechecks each open level): a rule file of 100,000 `[` took 19 s to refuse, a
/// megabyte of them would take half an hour. No rule file nests more than a few levels.
pub const MAX_FLOW_DEPTH: usize = 128;

/// The byte offset where flow collections first nest deeper than `limit`, found by a light
/// scan that knows quoted strings and comments. Where it cannot tell (a `[` inside a plain
/// scalar) it counts a level, which only matters to a file with more than `limit` of them.
pub fn flow_too_deep(src: &str, limit: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut depth = 0usize;
    // The last byte that is not a space or tab; `\n` at a line start.
    let mut last = b'\n';
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Where a new token (a quoted string, a flow collection) may start.
        let at_token = matches!(last, b'\n' | b':' | b'-' | b'?' | b'[' | b'{' | b',');
        match b {
            b' ' | b'\t' => {
                i += 1;
                continue;
            }
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n' | b'\r') => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                continue;
            }
            b'\'' | b'"' if at_token => {
                i = end_of_quoted(bytes, i);
                last = b'x';
                continue;
            }
            b'|' | b'>' if depth == 0 && at_token => {
                i = end_of_block_scalar(bytes, i);
                last = b'\n';
                continue;
            }
            b'[' | b'{' if depth > 0 || at_token => {
                depth += 1;
                if depth > limit {
                    return Some(i);
                }
            }
            b']' | b'}' if depth > 0 => depth -= 1,
            _ => {}
        }
        // Outside flow collections, `-`, `:` and `?` separate tokens only before a space, and
        // `,`, `[` and `{` not at all: inside a plain scalar (`a-[[`) they start nothing.
        let separates = depth > 0
            || match b {
                b'-' | b':' | b'?' => {
                    matches!(bytes.get(i + 1), None | Some(b' ' | b'\t' | b'\n' | b'\r'))
                }
                b'[' | b'{' => at_token,
                b',' => false,
                _ => true,
            };
        last = if separates { b } else { b'x' };
        i += 1;
    }
    None
}

/// The offset of the first line after a `|` or `>` block scalar whose indicator is at
/// `start`: its content is every following line indented more than the indicator's line.
fn end_of_block_scalar(bytes: &[u8], start: usize) -> usize {
    let line_start = bytes[..start]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let indent = bytes[line_start..]
        .iter()
        .take_while(|&&b| b == b' ')
        .count();
    let mut i = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |n| start + n + 1);
    while i < bytes.len() {
        let line_end = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n + 1);
        let line = &bytes[i..line_end];
        let spaces = line.iter().take_while(|&&b| b == b' ').count();
        let blank = line[spaces..].iter().all(|b| b.is_ascii_whitespace());
        if !blank && spaces <= indent {
            break;
        }
        i = line_end;
    }
    i
}

/// The offset just after the quoted string starting at `start` (or the end of the text).
fn end_of_quoted(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "kind: existence\nmessage: \"x\"\nregex:\n  - 'a(b'\n  - \"c\\\\d\"\nexamples:\n  bad:\n    - 悪い例\n  good:\n    - 良い例\n";

    #[test]
    fn a_top_level_key_and_its_block_are_cut_out() {
        // At the end of the file.
        assert_eq!(
            without_top_level_keys(SRC, &["examples"]),
            "kind: existence\nmessage: \"x\"\nregex:\n  - 'a(b'\n  - \"c\\\\d\"\n"
        );
        // In the middle, with a comment and a blank line inside the block, up to the next key.
        let src = "kind: x\nexamples:\n  bad:\n    - a\n\n  # note\n  good: []\nseverity: info\n";
        assert_eq!(
            without_top_level_keys(src, &["examples"]),
            "kind: x\nseverity: info\n"
        );
        // Two keys, written in another order than asked for: both cut, the rest kept.
        let src = "kind: x\ndescription: >-\n  a\n  b\nmessage: m\nexamples:\n  bad: [a]\nseverity: info\n";
        assert_eq!(
            without_top_level_keys(src, &["examples", "description"]),
            "kind: x\nmessage: m\nseverity: info\n"
        );
        // A key only nested, or absent: the text as it is.
        assert_eq!(without_top_level_keys(SRC, &["bad"]), SRC);
        assert!(matches!(
            without_top_level_keys("kind: x\n", &["examples"]),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn finds_top_level_and_nested_keys() {
        let s = key_span(SRC, "regex").unwrap();
        assert_eq!(&SRC[s.range()], "regex");
        let s = nested_key_span(SRC, &["examples", "good"]).unwrap();
        assert_eq!(&SRC[s.range()], "good");
        assert!(key_span(SRC, "bad").is_none(), "bad is not top-level");
    }

    #[test]
    fn finds_values_in_escaped_form() {
        let s = list_item_span(SRC, &["regex"], "c\\d").unwrap();
        assert_eq!(&SRC[s.range()], "c\\\\d");
        let s = list_item_span(SRC, &["examples", "good"], "良い例").unwrap();
        assert_eq!(&SRC[s.range()], "良い例");
    }

    #[test]
    fn flow_depth_counts_real_collections_only() {
        assert_eq!(flow_too_deep("a: [[[b]]]\n", 2), Some(5));
        assert_eq!(flow_too_deep("a: [[b]]\n", 2), None);
        let deep = format!("terms: {}{}\n", "[".repeat(200), "]".repeat(200));
        assert_eq!(
            flow_too_deep(&deep, MAX_FLOW_DEPTH),
            Some(7 + MAX_FLOW_DEPTH)
        );
        // Brackets in quotes, comments and plain scalars are not collections.
        let quoted = format!(
            "regex:\n  - '{0}'\n  - \"{0}\\\"\"\n# {0}\nmessage: a{0}\ndescription: a-{0},{0}\n",
            "[".repeat(200)
        );
        assert_eq!(flow_too_deep(&quoted, MAX_FLOW_DEPTH), None);
        let block = format!(
            "description: |\n{}\n\n  end\nterms: {}\n",
            "  [注\n".repeat(200),
            "[".repeat(129)
        );
        let terms = block.find("terms").unwrap();
        assert_eq!(flow_too_deep(&block, MAX_FLOW_DEPTH), Some(terms + 7 + 128));
        assert_eq!(flow_too_deep(SRC, MAX_FLOW_DEPTH), None);
    }

    #[test]
    fn maps_offsets_inside_verbatim_values() {
        let at = list_item_span(SRC, &["regex"], "a(b").unwrap();
        let inner = offset_in_value(SRC, at, "a(b", Span::new(1, 2));
        assert_eq!(&SRC[inner.range()], "(");
    }

    #[test]
    fn authoring_mistakes_are_found_at_their_line_outside_block_scalars() {
        let line_of = |src: &str| {
            let (span, mistake) = authoring_mistake(src).expect("a mistake");
            (src[..span.start].matches('\n').count() + 1, mistake)
        };
        assert_eq!(
            line_of("kind: existence\nterms:\n\t- a\n"),
            (3, Mistake::Tab)
        );
        assert_eq!(
            line_of("kind: existence\nterms:\n\u{3000}\u{3000}- a\n"),
            (3, Mistake::FullWidthSpace)
        );
        assert_eq!(
            line_of("kind: existence\nmessage：「{match}」\nterms: [a]\n"),
            (
                2,
                Mistake::FullWidthColon {
                    key: "message".into()
                }
            )
        );
        assert_eq!(
            line_of("kind：existence\n").1,
            Mistake::FullWidthColon { key: "kind".into() }
        );
        assert_eq!(
            line_of("kind: existence\nmessage: {match}は誤り\n"),
            (
                2,
                Mistake::UnquotedPlaceholder {
                    placeholder: "{match}".into()
                }
            )
        );
        // Text in block scalars and quoted values is text.
        let fine = "kind: existence\nmessage: \"{match}は誤り\"\ndescription: |\n  \u{3000}段落の字下げ。\n  \tタブ：も\nterms: [a]\n";
        assert_eq!(authoring_mistake(fine), None);
    }

    #[test]
    fn an_unclosed_quote_is_found_where_it_opens() {
        let src =
            "kind: existence\nmessage: \"「{match}」は誤り\nterms: [a]\nexamples:\n  bad: ['a']\n";
        let at = unclosed_quote(src).unwrap();
        assert_eq!(&src[at.range()], "\"");
        assert_eq!(src[..at.start].matches('\n').count(), 1);
        assert_eq!(
            unclosed_quote("message: 'it''s fine'\nterms: [\"a\"]\n"),
            None
        );
    }
}
