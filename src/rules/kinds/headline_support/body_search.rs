//! Which of a document's headline units occur in its body lines: the search behind
//! headline-support, kept apart from what the kind decides. Each distinct key (a unit's text
//! or a variant) is looked for once: with `memmem` per pattern for the few keys of a typical
//! article, one Aho-Corasick pass for many, numbers through their integer part, and base
//! forms through the document's base-form index.

use memchr::memmem;

use crate::algo::hash::FastHashMap;
use crate::lang::ja::{Analysis, quantity};
use crate::span::Span;

/// The distinct texts looked up in the body, and the search over it.
#[derive(Debug, Default)]
pub(super) struct Keys {
    ids: FastHashMap<String, usize>,
    texts: Vec<String>,
}

impl Keys {
    pub(super) fn id(&mut self, key: &str) -> usize {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.texts.len();
        self.ids.insert(key.to_string(), id);
        self.texts.push(key.to_string());
        id
    }

    /// The text of key `id`.
    pub(super) fn text(&self, id: usize) -> &str {
        &self.texts[id]
    }

    /// Which keys occur in the body lines: as a substring (ASCII case-insensitive; numbers are
    /// searched by their integer part and checked in context), or as the base form of a
    /// conjugated token. Each search pattern is looked for with `memmem` until every key
    /// using it is found, and base forms through the shared base-form index: no automaton
    /// is built per document (building one cost more than the searches) and no body token
    /// is visited.
    pub(super) fn find_in(&self, a: &Analysis<'_>, body: &[Span]) -> Vec<bool> {
        let mut found = vec![false; self.texts.len()];
        let text = a.text;
        let mut lines = body.to_vec();
        lines.sort_unstable_by_key(|l| l.start);
        // True when `start..end` lies inside one body line (lines never overlap).
        let in_body = |start: usize, end: usize| {
            let k = lines.partition_point(|l| l.start <= start);
            k > 0 && end <= lines[k - 1].end
        };
        // Distinct search patterns → (key, number tail) pairs that use them.
        let mut patterns: Vec<&str> = Vec::new();
        let mut users: Vec<Users<'_>> = Vec::new();
        let mut pattern_ids: FastHashMap<&str, usize> = FastHashMap::default();
        for (id, key) in self.texts.iter().enumerate() {
            let (pattern, tail) = match split_number(key) {
                Some((int, tail)) => (int, Some(tail)),
                None => (key.as_str(), None),
            };
            let p = *pattern_ids.entry(pattern).or_insert_with(|| {
                patterns.push(pattern);
                users.push(Users::default());
                patterns.len() - 1
            });
            users[p].all.push((id, tail));
        }
        for u in &mut users {
            u.index_tails();
        }
        let mark = |p: usize, start: usize, end: usize, found: &mut Vec<bool>| {
            users[p].mark(text, start, end, found)
        };
        if patterns.len() > MEMMEM_PATTERNS {
            // Many patterns (a document with hundreds of headings): one automaton pass over
            // the body lines, not one scan of the text per pattern, which was quadratic.
            let ac = aho_corasick::AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .ascii_case_insensitive(true)
                .build(&patterns)
                .expect("plain strings always build");
            for line in &lines {
                for m in ac.find_overlapping_iter(&text[line.range()]) {
                    let (start, end) = (line.start + m.start(), line.start + m.end());
                    mark(m.pattern().as_usize(), start, end, &mut found);
                }
            }
            self.find_by_base(a, &in_body, &mut found);
            return found;
        }
        // ASCII case-insensitive matching is plain matching of ASCII-lowercased text (same
        // byte offsets), needed only for patterns with ASCII letters.
        let mut lowered: Option<Vec<u8>> = None;
        for (p, pattern) in patterns.iter().enumerate() {
            let folded = pattern.bytes().any(|b| b.is_ascii_alphabetic());
            let (haystack, needle): (&[u8], Vec<u8>) = if folded {
                let lowered = lowered.get_or_insert_with(|| text.as_bytes().to_ascii_lowercase());
                (lowered, pattern.as_bytes().to_ascii_lowercase())
            } else {
                (text.as_bytes(), pattern.as_bytes().to_vec())
            };
            let finder = memmem::Finder::new(&needle);
            let mut remaining = users[p].all.len();
            let mut at = 0;
            // Every occurrence, overlapping ones too (a match of UTF-8 text can only start
            // on a character boundary).
            while remaining > 0
                && let Some(i) = finder.find(&haystack[at..])
            {
                let (start, end) = (at + i, at + i + needle.len());
                at = start + 1;
                if !in_body(start, end) {
                    continue;
                }
                remaining -= mark(p, start, end, &mut found);
            }
        }
        self.find_by_base(a, &in_body, &mut found);
        found
    }

    /// Marks the keys not yet found that are the base form of a conjugated body token.
    fn find_by_base(
        &self,
        a: &Analysis<'_>,
        in_body: &impl Fn(usize, usize) -> bool,
        found: &mut [bool],
    ) {
        for (id, key) in self.texts.iter().enumerate() {
            if found[id] {
                continue;
            }
            found[id] = a.tokens_with_base(key).iter().any(|&i| {
                let i = i as usize;
                let span = a.tokens[i].span;
                a.features(i).base.as_deref() == Some(key.as_str())
                    && a.surface(i) != key
                    && in_body(span.start, span.end)
            });
        }
    }
}

/// The keys looked up through one search pattern: a plain key, or the numbers sharing an
/// integer part (2人, 2日, 2割 through `2`) with their tails.
#[derive(Debug, Default)]
struct Users<'k> {
    all: Vec<(usize, Option<&'k str>)>,
    /// For a pattern many numbers share: ASCII-lowercased tail → key ids, and the longest
    /// tail in characters, so a match looks up the few tails the text after it can start
    /// with instead of trying every key (which made hundreds of headings with one integer
    /// and different counters quadratic).
    by_tail: Option<(FastHashMap<String, Vec<usize>>, usize)>,
}

impl Users<'_> {
    /// Above this many keys, tails are looked up rather than tried one by one.
    const INDEXED: usize = 8;

    fn index_tails(&mut self) {
        if self.all.len() <= Self::INDEXED {
            return;
        }
        let mut map: FastHashMap<String, Vec<usize>> = FastHashMap::default();
        let mut longest = 0;
        for (k, &(_, tail)) in self.all.iter().enumerate() {
            let tail = tail.unwrap_or_default();
            longest = longest.max(tail.chars().count());
            map.entry(tail.to_ascii_lowercase()).or_default().push(k);
        }
        self.by_tail = Some((map, longest));
    }

    /// Marks the keys that the occurrence `start..end` of the pattern supports; returns how
    /// many were newly found.
    fn mark(&self, text: &str, start: usize, end: usize, found: &mut [bool]) -> usize {
        let mut newly = 0;
        let mut try_key = |k: usize, found: &mut [bool]| {
            let (id, tail) = self.all[k];
            if !found[id] && tail.is_none_or(|tail| number_at(text, start, end, tail)) {
                found[id] = true;
                newly += 1;
            }
        };
        let Some((by_tail, longest)) = &self.by_tail else {
            for k in 0..self.all.len() {
                try_key(k, found);
            }
            return newly;
        };
        // The tail follows the integer directly, or after decimals the key lacks (5.3ポイント
        // supports 5ポイント): candidates from both, each confirmed by `number_at`.
        let rest = &text[end..];
        let after_decimals = rest
            .strip_prefix('.')
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
            .map(|r| r.trim_start_matches(|c: char| c.is_ascii_digit()));
        for rest in std::iter::once(rest).chain(after_decimals) {
            let cuts = rest
                .char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(rest.len()))
                .take(longest + 1);
            for cut in cuts {
                if let Some(keys) = by_tail.get(&rest[..cut].to_ascii_lowercase()) {
                    for &k in keys {
                        try_key(k, found);
                    }
                }
            }
        }
        newly
    }
}

/// Up to this many distinct search patterns, each is looked for with `memmem` (cheaper than
/// building an automaton for the few units of a typical article); beyond it, one automaton.
const MEMMEM_PATTERNS: usize = 16;

/// A key starting with digits: its integer part (digits and `,`) and the rest.
fn split_number(key: &str) -> Option<(&str, &str)> {
    if !key.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let mut int = key
        .find(|c: char| !c.is_ascii_digit() && c != ',')
        .unwrap_or(key.len());
    while key[..int].ends_with(',') {
        int -= 1;
    }
    Some((&key[..int], &key[int..]))
}

/// True when the integer part found at `start..end` is a whole number followed by `tail`;
/// the body may add decimals the key lacks.
fn number_at(text: &str, start: usize, end: usize, tail: &str) -> bool {
    // 30年度 over 2030年度, 25年 over 2025年: a headline writes a year in its last two digits.
    let century = |before: &str| {
        (before.ends_with("20") || before.ends_with("19"))
            && !quantity::preceded_by_digit(before, before.len() - 2)
    };
    if quantity::preceded_by_digit(text, start)
        && !(end - start == 2 && matches!(tail, "年" | "年度") && century(&text[..start]))
    {
        return false;
    }
    let mut rest = &text[end..];
    let digit_after = |s: &str, sep: char| {
        s.strip_prefix(sep)
            .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    };
    if !tail.starts_with(['.', ',']) && digit_after(rest, '.') {
        rest = rest[1..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    if tail.is_empty() {
        return !rest.starts_with(|c: char| c.is_ascii_digit()) && !digit_after(rest, ',');
    }
    rest.get(..tail.len())
        .is_some_and(|r| r.eq_ignore_ascii_case(tail))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::ja::Morphology;

    /// `Keys::find_in` by brute force: every occurrence in every body line, then base forms.
    fn find_naively(keys: &Keys, a: &Analysis<'_>, body: &[Span]) -> Vec<bool> {
        keys.texts
            .iter()
            .map(|key| {
                let (pattern, tail) = match split_number(key) {
                    Some((int, tail)) => (int.to_string(), Some(tail)),
                    None => (key.to_ascii_lowercase(), None),
                };
                let by_text = body.iter().any(|line| {
                    let hay = a.text[line.range()].to_ascii_lowercase();
                    hay.match_indices(&pattern).any(|(i, m)| {
                        let (start, end) = (line.start + i, line.start + i + m.len());
                        tail.is_none_or(|t| number_at(a.text, start, end, t))
                    })
                }) || body.iter().any(|line| {
                    // Overlapping occurrences `match_indices` skips.
                    let hay = a.text[line.range()].to_ascii_lowercase();
                    (0..hay.len())
                        .filter(|&i| hay.is_char_boundary(i))
                        .any(|i| {
                            hay[i..].starts_with(&pattern) && {
                                let (start, end) = (line.start + i, line.start + i + pattern.len());
                                tail.is_none_or(|t| number_at(a.text, start, end, t))
                            }
                        })
                });
                by_text
                    || a.tokens.iter().enumerate().any(|(i, t)| {
                        a.features(i).base.as_deref() == Some(key.as_str())
                            && a.surface(i) != key
                            && body.iter().any(|l| l.contains(t.span))
                    })
            })
            .collect()
    }

    #[test]
    fn finding_many_keys_agrees_with_brute_force() {
        let morphology = Morphology::new();
        let body_text = "大会には1人、2日、3割、12人、1日に1.5ポイント、10万人、1,000人、            5.32ポイントが参加し、NATOは拒否した。選手は走り、監督は退けた。20%増。";
        let text = format!("{body_text}\n{body_text}\n");
        let a = Analysis::new(&morphology, &text);
        let body = vec![Span::new(0, body_text.len())];
        let words = [
            "1人",
            "1日",
            "2日",
            "3割",
            "12人",
            "2人",
            "1ポイント",
            "5ポイント",
            "5.3ポイント",
            "10万人",
            "1万人",
            "1,000人",
            "1000人",
            "nato",
            "NATO",
            "拒否",
            "走る",
            "退ける",
            "参加",
            "20%",
            "20%増",
            "2割",
            "3",
            "1",
            "15人",
            "1年",
            "1月",
            "1位",
            "1.5",
            "大会",
            "監督",
            "選手",
            "欠場",
            "承認",
            "7日",
            "8日",
            "9日",
            "12日",
            "12年",
        ];
        // Few keys (per-pattern scans, tails tried one by one) and many (one automaton,
        // tails looked up): both must agree with brute force.
        for n in [3, 10, words.len()] {
            let mut keys = Keys::default();
            for w in &words[..n] {
                keys.id(w);
            }
            assert_eq!(
                keys.find_in(&a, &body),
                find_naively(&keys, &a, &body),
                "{n} keys"
            );
        }
        // Many numbers sharing one integer part go through the tail index.
        let mut keys = Keys::default();
        for w in [
            "1人",
            "1日",
            "1年",
            "1月",
            "1位",
            "1回",
            "1枚",
            "1件",
            "1社",
            "1点",
            "1つ",
            "1ポイント",
        ] {
            keys.id(w);
        }
        assert_eq!(keys.find_in(&a, &body), find_naively(&keys, &a, &body));
    }
}
