//! Applying suggested fixes to a source text.

use crate::finding::{Finding, Fix};

/// Applies the first fix of each finding, skipping any that overlaps one already taken
/// (earlier spans win). Returns the new text and the number of fixes applied.
pub fn apply(source: &str, findings: &[Finding]) -> (String, usize) {
    let fixes: Vec<&Fix> = findings.iter().filter_map(|f| f.fixes.first()).collect();
    apply_fixes(source, fixes)
}

pub fn apply_fixes<'a>(source: &str, fixes: impl IntoIterator<Item = &'a Fix>) -> (String, usize) {
    let mut fixes: Vec<&Fix> = fixes
        .into_iter()
        .filter(|f| {
            f.span.start <= f.span.end
                && f.span.end <= source.len()
                && source.is_char_boundary(f.span.start)
                && source.is_char_boundary(f.span.end)
        })
        .collect();
    fixes.sort_by_key(|f| (f.span.start, f.span.end));
    let mut out = String::with_capacity(source.len());
    let mut cursor = 0;
    let mut applied = 0;
    for fix in fixes {
        if fix.span.start < cursor {
            continue;
        }
        out.push_str(&source[cursor..fix.span.start]);
        out.push_str(&fix.replacement);
        cursor = fix.span.end;
        applied += 1;
    }
    out.push_str(&source[cursor..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;

    fn fix(start: usize, end: usize, r: &str) -> Fix {
        Fix {
            span: Span::new(start, end),
            replacement: r.into(),
        }
    }

    #[test]
    fn applies_non_overlapping_fixes_in_order() {
        let src = "aaa bbb ccc";
        let fixes = [fix(8, 11, "C"), fix(0, 3, "A"), fix(1, 5, "X")];
        assert_eq!(apply_fixes(src, &fixes), ("A bbb C".to_string(), 2));
    }

    #[test]
    fn ignores_fixes_out_of_bounds_or_off_char_boundaries() {
        let src = "帰り先";
        let fixes = [fix(1, 3, "x"), fix(0, 99, "y")];
        assert_eq!(apply_fixes(src, &fixes), (src.to_string(), 0));
    }
}
