//! LSP positions (line, character) and seigo's byte offsets. The character unit is negotiated
//! at `initialize`: UTF-8 bytes when the client offers it, else UTF-16 code units (the
//! protocol's default). Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use lsp_types::{Position, Range};

use crate::span::{LineIndex, SourceSpan};

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// The client's preference among what seigo supports: UTF-8 if offered, else UTF-16.
    pub fn negotiate(offered: Option<&[lsp_types::PositionEncodingKind]>) -> Encoding {
        let utf8 =
            offered.is_some_and(|kinds| kinds.contains(&lsp_types::PositionEncodingKind::UTF8));
        if utf8 {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> lsp_types::PositionEncodingKind {
        match self {
            Encoding::Utf8 => lsp_types::PositionEncodingKind::UTF8,
            Encoding::Utf16 => lsp_types::PositionEncodingKind::UTF16,
        }
    }
}

/// Converts between byte offsets into one text and LSP positions.
#[derive(Debug)]
pub struct PositionMap<'t> {
    text: &'t str,
    encoding: Encoding,
    /// Byte offset of each line's start.
    line_starts: Vec<usize>,
    /// UTF-16 counts from checkpoints, so a column on a very long line is not counted from
    /// the line start for every diagnostic.
    index: LineIndex,
}

impl<'t> PositionMap<'t> {
    pub fn new(text: &'t str, encoding: Encoding) -> PositionMap<'t> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while let Some(k) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + k;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            line_starts.push(next);
            i = next;
        }
        PositionMap {
            text,
            encoding,
            line_starts,
            index: LineIndex::new(text),
        }
    }

    /// The position of a byte offset (clamped to the text, snapped back to a character).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let character = match self.encoding {
            Encoding::Utf8 => offset - start,
            Encoding::Utf16 => {
                self.index.utf16_before(self.text, offset)
                    - self.index.utf16_before(self.text, start)
            }
        };
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, span: SourceSpan) -> Range {
        Range::new(self.position(span.start), self.position(span.end))
    }

    /// The byte offset of a position. A character past the end of its line means the line's
    /// end (before its line break), a line past the last means the end of the text, and a
    /// position inside a character (half a surrogate pair, a byte inside UTF-8) is moved to
    /// the character's start: what the protocol asks of servers.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let end =
            self.line_starts
                .get(position.line as usize + 1)
                .map_or(self.text.len(), |&next| {
                    let line = &self.text[start..next];
                    next - (line.len() - line.trim_end_matches(['\n', '\r']).len())
                });
        let line = &self.text[start..end];
        let want = position.character as usize;
        let mut units = 0;
        for (i, c) in line.char_indices() {
            if units >= want {
                return start + i;
            }
            units += match self.encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units > want {
                return start + i;
            }
        }
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "見出し😀です\r\nA𠮷い\rう\n";

    #[test]
    fn utf16_counts_astral_characters_twice_and_every_line_break_style() {
        let map = PositionMap::new(TEXT, Encoding::Utf16);
        let emoji_end = TEXT.find("です").unwrap();
        assert_eq!(map.position(emoji_end), Position::new(0, 5));
        let i = TEXT.find('い').unwrap();
        assert_eq!(map.position(i), Position::new(1, 3));
        let u = TEXT.find('う').unwrap();
        assert_eq!(map.position(u), Position::new(2, 0));
        assert_eq!(map.position(TEXT.len()), Position::new(3, 0));
    }

    #[test]
    fn utf8_counts_bytes() {
        let map = PositionMap::new(TEXT, Encoding::Utf8);
        let emoji_end = TEXT.find("です").unwrap();
        assert_eq!(map.position(emoji_end), Position::new(0, 13));
        let i = TEXT.find('い').unwrap();
        assert_eq!(map.position(i), Position::new(1, 5));
    }

    #[test]
    fn offsets_round_trip_in_both_encodings() {
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let map = PositionMap::new(TEXT, encoding);
            for (i, c) in TEXT.char_indices() {
                // A `\n` after `\r` is inside a line break: not a position of its own.
                if c == '\n' && TEXT[..i].ends_with('\r') {
                    continue;
                }
                assert_eq!(map.offset(map.position(i)), i, "{encoding:?} at {i}");
            }
        }
    }

    #[test]
    fn positions_past_a_line_or_inside_a_character_are_clamped() {
        let map = PositionMap::new(TEXT, Encoding::Utf16);
        // Past the end of line 0: before its CRLF.
        assert_eq!(map.offset(Position::new(0, 99)), TEXT.find('\r').unwrap());
        // Between the two halves of 𠮷's surrogate pair: at 𠮷.
        assert_eq!(map.offset(Position::new(1, 2)), TEXT.find('𠮷').unwrap());
        assert_eq!(map.offset(Position::new(9, 0)), TEXT.len());
        let map = PositionMap::new(TEXT, Encoding::Utf8);
        assert_eq!(map.offset(Position::new(0, 1)), 0);
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        use lsp_types::PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF32])),
            Encoding::Utf16
        );
    }
}
