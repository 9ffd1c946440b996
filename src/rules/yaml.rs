//! Finding places in a rule file's YAML source, so errors found after parsing (an invalid
//! regex, a bad token pattern) still point at the line and column the author must change.
//!
//! serde_yaml reports positions for syntax and type errors but keeps no spans for values, so
//! values are located by searching the source after their key.

use crate::span::Span;

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
}
