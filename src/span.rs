//! Byte spans into a source text, and conversion to line/column at render time only.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// The methods both coordinate systems share; one definition so they cannot drift apart.
macro_rules! byte_range_methods {
    ($ty:ident) => {
        impl $ty {
            pub const fn new(start: usize, end: usize) -> Self {
                Self { start, end }
            }

            pub const fn len(&self) -> usize {
                self.end - self.start
            }

            pub const fn is_empty(&self) -> bool {
                self.start == self.end
            }

            pub fn range(&self) -> std::ops::Range<usize> {
                self.start..self.end
            }

            pub const fn contains(&self, other: $ty) -> bool {
                self.start <= other.start && other.end <= self.end
            }

            pub const fn overlaps(&self, other: $ty) -> bool {
                self.start < other.end && other.start < self.end
            }
        }
    };
}

byte_range_methods!(Span);

/// A span into the analysis text (NFKC-normalised, masked regions blanked): what rule kinds
/// see and report. The name says which coordinate system; [`SourceSpan`] is the other.
pub type TextSpan = Span;

/// A half-open byte range `[start, end)` into the file as read: where findings, related
/// places and fixes point. A distinct type from [`TextSpan`] so that one coordinate system
/// cannot be used for the other; `Document::to_source` and `Document::fix_to_source` are
/// the mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct SourceSpan {
    pub start: usize,
    pub end: usize,
}

byte_range_methods!(SourceSpan);

impl From<std::ops::Range<usize>> for SourceSpan {
    fn from(r: std::ops::Range<usize>) -> Self {
        SourceSpan::new(r.start, r.end)
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A 1-based line and column; the column counts Unicode scalar values (code points),
/// which is what SARIF and most editors expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line start offsets of a text, for converting byte offsets to line/column.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    /// `(byte offset, code points before it)` about every `CHECKPOINT_BYTES`, so a column is
    /// counted from the nearest checkpoint rather than from the line start. Without them a
    /// file that is one 10 MB line took minutes to render: every finding's column counted the
    /// whole line up to it (quadratic in the line length).
    checkpoints: Vec<(usize, usize)>,
    /// UTF-16 code units before each checkpoint (code points plus one per astral character).
    utf16: Vec<usize>,
}

/// How a file was stored, for offsets into the file as stored (the text is always UTF-8 in
/// memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark (kept in the text, so offsets agree).
    #[default]
    Utf8,
    /// UTF-16 with a byte-order mark (2 bytes, not in the text), little- or big-endian.
    Utf16,
}

/// Distance between char-count checkpoints; bounds the counting work per `line_col`.
const CHECKPOINT_BYTES: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        let mut checkpoints = vec![(0, 0)];
        let mut utf16 = vec![0];
        let (mut at, mut chars, mut units) = (0, 0, 0);
        while text.len() - at > CHECKPOINT_BYTES {
            let mut next = at + CHECKPOINT_BYTES;
            while !text.is_char_boundary(next) {
                next += 1;
            }
            let n = text[at..next].chars().count();
            chars += n;
            units += n + astral(&text[at..next]);
            at = next;
            checkpoints.push((at, chars));
            utf16.push(units);
        }
        Self {
            line_starts,
            checkpoints,
            utf16,
        }
    }

    /// UTF-16 code units in `text[..offset]` (`offset` on a char boundary).
    pub fn utf16_before(&self, text: &str, offset: usize) -> usize {
        let k = self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1;
        let at = self.checkpoints[k].0;
        let rest = &text[at..offset];
        self.utf16[k] + rest.chars().count() + astral(rest)
    }

    /// The byte offset in the file as stored of a byte offset into its UTF-8 text.
    pub fn stored_offset(&self, text: &str, offset: usize, encoding: Encoding) -> usize {
        match encoding {
            Encoding::Utf8 => offset,
            Encoding::Utf16 => 2 + 2 * self.utf16_before(text, offset.min(text.len())),
        }
    }

    /// The checkpoint at or before `offset`.
    fn checkpoint(&self, offset: usize) -> (usize, usize) {
        self.checkpoints[self.checkpoints.partition_point(|&(b, _)| b <= offset) - 1]
    }

    /// The number of code points in `text[..offset]` (`offset` on a char boundary).
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let (at, chars) = self.checkpoint(offset);
        chars + text[at..offset].chars().count()
    }

    /// Converts a byte offset (clamped to the text, snapped back to a char boundary) into a
    /// 1-based line and code-point column.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        // A line that starts after the last checkpoint (nearly every line) is counted from its
        // start; one that spans checkpoints, from the checkpoints.
        let (at, chars) = self.checkpoint(offset);
        let column = if start >= at {
            text[start..offset].chars().count() + 1
        } else {
            chars + text[at..offset].chars().count() - self.chars_before(text, start) + 1
        };
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and code-point column; the inverse of `line_col`.
    pub fn offset(&self, text: &str, at: LineCol) -> Option<usize> {
        let start = *self.line_starts.get(at.line.checked_sub(1)?)?;
        let rest = &text[start..];
        if at.column == 1 {
            return Some(start);
        }
        rest.char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()))
            .nth(at.column - 1)
            .map(|i| start + i)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Characters outside the Basic Multilingual Plane (two UTF-16 units each): 4-byte UTF-8.
fn astral(s: &str) -> usize {
    s.bytes().filter(|&b| b >= 0xF0).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_code_points() {
        let text = "一行目\n二行目のNATO\n";
        let idx = LineIndex::new(text);
        let nato = text.find("NATO").unwrap();
        assert_eq!(idx.line_col(text, nato), LineCol { line: 2, column: 5 });
        assert_eq!(idx.line_col(text, 0), LineCol { line: 1, column: 1 });
    }

    #[test]
    fn line_col_round_trips() {
        let text = "ab\r\nあいう\n\nｘｙ";
        let idx = LineIndex::new(text);
        for (i, _) in text.char_indices() {
            let lc = idx.line_col(text, i);
            assert_eq!(idx.offset(text, lc), Some(i), "offset {i}");
        }
    }

    #[test]
    fn columns_agree_with_counting_across_checkpoints() {
        // Short lines, and lines much longer than the checkpoint distance.
        let text = format!(
            "短い行\n{}\nabc\n{}x\n\n{}",
            "長".repeat(5000),
            "a".repeat(9000),
            "い".repeat(3000)
        );
        let idx = LineIndex::new(&text);
        assert!(idx.checkpoints.len() > 5);
        for (i, _) in text
            .char_indices()
            .step_by(37)
            .chain(text.char_indices().rev().take(3))
        {
            let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
            let expected = LineCol {
                line: text[..i].matches('\n').count() + 1,
                column: text[line_start..i].chars().count() + 1,
            };
            assert_eq!(idx.line_col(&text, i), expected, "offset {i}");
        }
    }

    #[test]
    fn utf16_offsets_count_astral_characters_twice() {
        let text = format!("{}𠮷あ{}", "a".repeat(5000), "い".repeat(3000));
        let idx = LineIndex::new(&text);
        for (i, _) in text.char_indices().step_by(97) {
            assert_eq!(idx.utf16_before(&text, i), text[..i].encode_utf16().count());
            assert_eq!(
                idx.stored_offset(&text, i, Encoding::Utf16),
                2 + 2 * text[..i].encode_utf16().count()
            );
            assert_eq!(idx.stored_offset(&text, i, Encoding::Utf8), i);
        }
    }

    #[test]
    fn offsets_inside_a_char_snap_back() {
        let text = "あい";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 4).column, 2);
    }
}
