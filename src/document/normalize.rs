//! NFKC normalisation that remembers where every normalised byte came from.
//!
//! Rules match on the normalised text (ＮＡＴＯ = NATO, ｶﾞ = ガ), but findings must point at the
//! bytes the user wrote. Most Japanese text is unchanged by NFKC, so the map stores only the
//! groups whose bytes changed; between them the offset delta is constant.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use crate::span::Span;

/// One changed group: `norm` bytes of normalised text replaced `orig` bytes of the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Changed {
    norm_start: usize,
    norm_end: usize,
    orig_start: usize,
    orig_end: usize,
}

/// Maps byte offsets in the normalised text back to byte offsets in the original.
#[derive(Debug, Clone, Default)]
pub struct OffsetMap {
    changed: Vec<Changed>,
}

/// Which edge of a span an offset is; an offset inside a changed group maps to the group's start
/// for a span start and to its end for a span end, so a span never cuts a source character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edge {
    Start,
    End,
}

impl OffsetMap {
    pub fn to_original(&self, offset: usize, edge: Edge) -> usize {
        let i = self.changed.partition_point(|c| c.norm_start <= offset);
        if i == 0 {
            return offset;
        }
        let c = self.changed[i - 1];
        if offset == c.norm_start {
            return c.orig_start;
        }
        if offset < c.norm_end {
            return match edge {
                Edge::Start => c.orig_start,
                Edge::End => c.orig_end,
            };
        }
        c.orig_end + (offset - c.norm_end)
    }

    /// The changed group that `offset` falls strictly inside (after its first byte and before
    /// its end), as (normalised range, original range): where a span edge would cut a source
    /// character that normalisation expanded (㏠ = 1日).
    pub fn group_around(&self, offset: usize) -> Option<(Span, Span)> {
        let i = self.changed.partition_point(|c| c.norm_start < offset);
        let c = self.changed.get(i.checked_sub(1)?)?;
        (c.norm_start < offset && offset < c.norm_end).then(|| {
            (
                Span::new(c.norm_start, c.norm_end),
                Span::new(c.orig_start, c.orig_end),
            )
        })
    }

    /// True when normalisation changed nothing, so offsets are identical.
    pub fn is_identity(&self) -> bool {
        self.changed.is_empty()
    }
}

/// Characters that normalisation would attach to the preceding character (combining marks and
/// the half-width voiced sound marks, which NFKC composes with the kana before them).
fn attaches_to_previous(c: char) -> bool {
    !is_stable(c)
        && (matches!(c, '\u{FF9E}' | '\u{FF9F}' | '\u{3099}' | '\u{309A}')
            || canonical_combining_class(c) != 0)
}

/// Characters NFKC leaves alone and that attach to nothing: ASCII, kana, the common CJK
/// ideographs and Japanese punctuation, which are nearly all of a Japanese article. They skip
/// the normaliser (which showed in profiles); `stable_chars_are_nfkc_fixed_points` checks
/// every one of them against the normaliser.
fn is_stable(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7F}'
        | '\u{3041}'..='\u{3096}'     // hiragana (not the spacing sound marks 309B/309C)
        | '\u{30A1}'..='\u{30FA}'     // katakana
        | '\u{30FC}'                  // ー
        | '\u{4E00}'..='\u{9FFF}'     // CJK unified ideographs
        | '\u{3001}'..='\u{3002}'     // 、。
        | '\u{300C}'..='\u{300F}'     // 「」『』
    )
}

/// The NFKC form of a source text, the map back to source offsets, and the byte-order marks
/// replaced by spaces (which must be masked like markup: they are not text).
pub struct Normalized {
    pub text: String,
    pub map: OffsetMap,
    pub boms: Vec<Span>,
}

/// Returns the NFKC form of `source` and the map back to `source` offsets.
///
/// A byte-order mark is replaced by spaces of equal length rather than removed, so it neither
/// shifts offsets nor reaches the analysis.
pub fn normalize(source: &str) -> (String, OffsetMap) {
    let n = normalize_full(source);
    (n.text, n.map)
}

/// The source as it is (for rules with `match_on: source`, which tell ＡＢＣ from ABC): an
/// identity map, byte-order marks replaced by spaces as [`normalize_full`] does.
pub fn verbatim(source: &str) -> Normalized {
    let mut text = source.to_string();
    let boms: Vec<Span> = source
        .match_indices('\u{FEFF}')
        .map(|(i, m)| Span::new(i, i + m.len()))
        .collect();
    for bom in &boms {
        text.replace_range(bom.range(), "   ");
    }
    Normalized {
        text,
        map: OffsetMap::default(),
        boms,
    }
}

/// [`normalize`], also returning where the byte-order marks were.
pub fn normalize_full(source: &str) -> Normalized {
    let mut boms = Vec::new();
    let mut out = String::with_capacity(source.len());
    let mut changed = Vec::new();
    let mut chars = source.char_indices().peekable();
    let mut group = String::new();
    // Start of the run of unchanged characters not yet copied: copied in one piece when the
    // run ends, rather than a push per character.
    let mut verbatim = 0;
    while let Some((start, c)) = chars.next() {
        if is_stable(c)
            && chars
                .peek()
                .is_none_or(|&(_, next)| !attaches_to_previous(next))
        {
            continue;
        }
        out.push_str(&source[verbatim..start]);
        let mut end = start + c.len_utf8();
        group.clear();
        group.push(c);
        while let Some(&(i, next)) = chars.peek() {
            if !attaches_to_previous(next) {
                break;
            }
            group.push(next);
            end = i + next.len_utf8();
            chars.next();
        }
        verbatim = end;
        let original = &source[start..end];
        let norm_start = out.len();
        if c == '\u{FEFF}' && group.len() == c.len_utf8() {
            boms.push(Span::new(norm_start, norm_start + 3));
            out.push_str("   ");
            continue;
        }
        if group.is_ascii() {
            out.push_str(original);
            continue;
        }
        out.extend(group.nfkc());
        // Spacing diacritics (¸ ´ ¨ ˜) decompose to a space and a combining mark: keep them as
        // written, so normalisation never puts whitespace where the author wrote none.
        if out[norm_start..].contains(char::is_whitespace) && !group.contains(char::is_whitespace) {
            out.truncate(norm_start);
            out.push_str(original);
        }
        if out[norm_start..] != *original {
            changed.push(Changed {
                norm_start,
                norm_end: out.len(),
                orig_start: start,
                orig_end: end,
            });
        }
    }
    out.push_str(&source[verbatim..]);
    Normalized {
        text: out,
        map: OffsetMap { changed },
        boms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_span(map: &OffsetMap, start: usize, end: usize) -> (usize, usize) {
        (
            map.to_original(start, Edge::Start),
            map.to_original(end, Edge::End),
        )
    }

    #[test]
    fn stable_chars_are_nfkc_fixed_points() {
        let stable: Vec<char> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_stable(c))
            .collect();
        assert!(stable.len() > 21_000);
        for c in stable {
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
        }
    }

    #[test]
    fn full_width_latin_maps_back_to_original_bytes() {
        let source = "アジア版ＮＡＴＯ提案";
        let (norm, map) = normalize(source);
        assert_eq!(norm, "アジア版NATO提案");
        let s = norm.find("NATO").unwrap();
        let (os, oe) = map_span(&map, s, s + 4);
        assert_eq!(&source[os..oe], "ＮＡＴＯ");
        let t = norm.find("提案").unwrap();
        let (os, oe) = map_span(&map, t, t + "提案".len());
        assert_eq!(&source[os..oe], "提案");
    }

    #[test]
    fn half_width_kana_with_voiced_mark_is_one_group() {
        let source = "ｶﾞｲﾄﾞです";
        let (norm, map) = normalize(source);
        assert_eq!(norm, "ガイドです");
        let s = norm.find("ド").unwrap();
        let (os, oe) = map_span(&map, s, s + "ド".len());
        assert_eq!(&source[os..oe], "ﾄﾞ");
        let d = norm.find("です").unwrap();
        assert_eq!(
            map.to_original(d, Edge::Start),
            source.find("です").unwrap()
        );
    }

    #[test]
    fn offset_inside_an_expanded_group_snaps_outward() {
        // ㍻ (one char) becomes 平成 (two chars): a span on 成 alone covers the whole ㍻.
        let source = "㍻元年";
        let (norm, map) = normalize(source);
        assert_eq!(norm, "平成元年");
        let s = norm.find("成").unwrap();
        let (os, oe) = map_span(&map, s, s + "成".len());
        assert_eq!(&source[os..oe], "㍻");
    }

    #[test]
    fn group_around_finds_offsets_strictly_inside_expanded_characters() {
        let source = "5月㏠米";
        let (norm, map) = normalize(source);
        assert_eq!(norm, "5月1日米");
        let one = norm.find('1').unwrap();
        let day = norm.find('日').unwrap();
        assert_eq!(map.group_around(one), None, "the group's own start");
        let (n, o) = map.group_around(day).unwrap();
        assert_eq!(&norm[n.range()], "1日");
        assert_eq!(&source[o.range()], "㏠");
        assert_eq!(map.group_around(norm.find('米').unwrap()), None, "its end");
    }

    #[test]
    fn spacing_diacritics_do_not_become_spaces() {
        let source = "a¸b´c ｘ";
        let (norm, _) = normalize(source);
        assert_eq!(norm, "a¸b´c x");
    }

    #[test]
    fn unchanged_text_is_identity() {
        let (norm, map) = normalize("トランプ大統領が拒否。");
        assert_eq!(norm, "トランプ大統領が拒否。");
        assert!(map.is_identity());
    }

    #[test]
    fn bom_becomes_spaces_of_equal_length() {
        let source = "\u{FEFF}見出し";
        let (norm, map) = normalize(source);
        assert_eq!(norm.len(), source.len());
        assert_eq!(norm.trim_start(), "見出し");
        assert!(map.is_identity());
    }

    #[test]
    fn every_char_boundary_maps_to_a_char_boundary() {
        let source = "ＡＢＣ ｱｲｳｴｵ ｶﾞ ①②  ﾊﾟﾋﾟ 全角　空白 é";
        let (norm, map) = normalize(source);
        for (i, _) in norm
            .char_indices()
            .chain(std::iter::once((norm.len(), ' ')))
        {
            for edge in [Edge::Start, Edge::End] {
                let o = map.to_original(i, edge);
                assert!(source.is_char_boundary(o), "{i} -> {o}");
            }
        }
    }
}
