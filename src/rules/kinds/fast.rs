//! Small fast paths shared by the consistency kinds (conflict, headline-support, polarity),
//! which run on every document: a fixed hasher for their per-document maps, a lowercase
//! that skips the Unicode tables for Japanese text, a literal pre-check for regexes matched
//! against whole lines, and the sentences that hold given tokens.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use regex::{Captures, Regex};
use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

use crate::document::Sentence;
use crate::morph::Analysis;

/// `HashMap` with [`FxHasher`]: the keys are short words and ids, and hashing them with the
/// default SipHash showed in profiles. Iteration order is never relied upon.
pub(crate) type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;
pub(crate) type FxHashSet<T> = HashSet<T, BuildHasherDefault<FxHasher>>;

/// The multiply-rotate hash of rustc and Firefox: fixed (no random seed, so deterministic),
/// and a few instructions per word. Not DoS-resistant, which per-document maps do not need.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().expect("8 bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// True for characters that have no lowercase mapping other than themselves and are common in
/// Japanese text: kana, CJK ideographs, CJK symbols and full-width punctuation (the full-width
/// Latin letters `Ａ`-`Ｚ` are excluded: they lowercase).
#[inline]
fn caseless_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'     // CJK symbols and punctuation
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{3400}'..='\u{4DBF}'   // CJK extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK unified ideographs
        | '\u{FF01}'..='\u{FF20}'   // full-width punctuation and digits
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
    )
}

/// `s.to_lowercase()`, without the Unicode case tables when every character is ASCII or
/// caseless CJK (the usual Japanese word).
pub(crate) fn lowercase(s: &str) -> String {
    if s.chars().all(|c| c.is_ascii() || caseless_cjk(c)) {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

/// A regex matched against one line at a time, with a cheap necessary condition checked
/// first: when it is anchored at the start (end) and every match starts (ends) with one of a
/// few literals, a line that starts (ends) with none of them is not searched. Searching is
/// what costs: between documents the caches are cold, and one search with the lazy DFA of a
/// pattern such as `^.{1,20}の(?:ポイント|要点)$` took over a microsecond.
#[derive(Debug)]
pub(crate) struct LineRegex {
    re: Regex,
    /// Literals one of which every match starts with; `None`: no condition.
    heads: Option<Affixes>,
    /// Literals one of which every match ends with; `None`: no condition.
    tails: Option<Affixes>,
}

/// Literals a line must start (or end) with.
#[derive(Debug)]
struct Affixes {
    literals: Vec<Box<[u8]>>,
    /// The first (or last) up to three bytes of each literal, packed into an integer with
    /// their count, deduplicated: compared first, without a `memcmp` call per literal.
    edges: Vec<(usize, u32)>,
    prefix: bool,
}

impl Affixes {
    fn new(literals: Vec<Box<[u8]>>, prefix: bool) -> Self {
        let mut edges: Vec<(usize, u32)> = literals
            .iter()
            .filter_map(|l| {
                let n = l.len().min(3);
                Some((n, edge(l, n, prefix)?))
            })
            .collect();
        edges.sort_unstable();
        edges.dedup();
        Affixes {
            literals,
            edges,
            prefix,
        }
    }

    /// True when `b` starts (ends) with one of the literals. The edge test is implied by the
    /// literal test, so it only decides faster.
    fn admit(&self, b: &[u8]) -> bool {
        self.edges
            .iter()
            .any(|&(n, e)| edge(b, n, self.prefix) == Some(e))
            && self.literals.iter().any(|l| {
                if self.prefix {
                    b.starts_with(l)
                } else {
                    b.ends_with(l)
                }
            })
    }
}

/// The first (`prefix`) or last `n` (at most 4) bytes of `b` as an integer.
fn edge(b: &[u8], n: usize, prefix: bool) -> Option<u32> {
    let part = if prefix {
        b.get(..n)?
    } else {
        b.get(b.len().checked_sub(n)?..)?
    };
    Some(part.iter().fold(0, |e, &x| (e << 8) | u32::from(x)))
}

/// More literals than this make the pre-check about as slow as the search.
const MAX_LITERALS: usize = 32;

impl LineRegex {
    /// `re` must have been built with the default syntax options (flags inside the pattern
    /// are fine): the literals are read from `re.as_str()` parsed that way.
    pub(crate) fn new(re: Regex) -> Self {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(re.as_str());
        let (heads, tails) = match hir {
            Ok(hir) => {
                let props = hir.properties();
                let anchored_start = props.look_set_prefix().contains(Look::Start);
                let anchored_end = props.look_set_suffix().contains(Look::End);
                (
                    anchored_start
                        .then(|| literals(&hir, ExtractKind::Prefix))
                        .flatten()
                        .map(|l| Affixes::new(l, true)),
                    anchored_end
                        .then(|| literals(&hir, ExtractKind::Suffix))
                        .flatten()
                        .map(|l| Affixes::new(l, false)),
                )
            }
            Err(_) => (None, None),
        };
        LineRegex { re, heads, tails }
    }

    /// False when the pre-check rules a match out.
    fn may_match(&self, s: &str) -> bool {
        let b = s.as_bytes();
        self.heads.as_ref().is_none_or(|heads| heads.admit(b))
            && self.tails.as_ref().is_none_or(|tails| tails.admit(b))
    }

    pub(crate) fn is_match(&self, s: &str) -> bool {
        self.may_match(s) && self.re.is_match(s)
    }

    pub(crate) fn captures<'s>(&self, s: &'s str) -> Option<Captures<'s>> {
        if !self.may_match(s) {
            return None;
        }
        self.re.captures(s)
    }
}

/// The literals every match starts (or ends) with, when they are few and none is empty.
fn literals(hir: &regex_syntax::hir::Hir, kind: ExtractKind) -> Option<Vec<Box<[u8]>>> {
    // Past the limit the extractor shortens literals (keeping every one a true prefix or
    // suffix of the matches) rather than giving up.
    let seq = Extractor::new()
        .kind(kind)
        .limit_total(MAX_LITERALS)
        .extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.len() > MAX_LITERALS || lits.iter().any(|l| l.is_empty()) {
        return None;
    }
    Some(lits.iter().map(|l| Box::from(l.as_bytes())).collect())
}

/// Indices of the sentences whose tokens (`a.within(span)`) include one of `tokens`,
/// ascending and each once. With sentences in order and apart (as documents make them), a
/// token can only be in the last sentence starting at or before it: one binary search per
/// token instead of computing every sentence's token range.
pub(crate) fn sentences_holding(
    a: &Analysis<'_>,
    sentences: &[Sentence],
    tokens: impl IntoIterator<Item = usize>,
) -> Vec<usize> {
    let apart = sentences
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    let mut out: Vec<usize> = Vec::new();
    if apart {
        for t in tokens {
            let span = a.tokens[t].span;
            let k = sentences.partition_point(|s| s.span.start <= span.start);
            if k > 0 && span.end <= sentences[k - 1].span.end {
                out.push(k - 1);
            }
        }
        out.sort_unstable();
        out.dedup();
    } else {
        let tokens: Vec<usize> = tokens.into_iter().collect();
        for (i, s) in sentences.iter().enumerate() {
            let r = a.within(s.span);
            if tokens.iter().any(|t| r.contains(t)) {
                out.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::hash::{BuildHasher, Hash};

    use super::*;

    #[test]
    fn caseless_characters_agree_with_std_over_all_chars() {
        let mut caseless = 0;
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if caseless_cjk(c) {
                caseless += 1;
                assert!(
                    c.to_lowercase().eq([c]) && !c.is_ascii(),
                    "{c:?} ({:X}) is not caseless",
                    u32::from(c)
                );
            }
            let s = c.to_string();
            assert_eq!(lowercase(&s), s.to_lowercase(), "{c:?}");
        }
        assert!(caseless > 20_000, "{caseless}");
    }

    #[test]
    fn lowercase_agrees_with_std_on_mixed_text() {
        for s in [
            "",
            "NATO",
            "アジア版NATO",
            "ＮＡＴＯ",
            "İstanbul",
            "ΣΑΣ",
            "トランプ前大統領",
            "G7サミット、「ＡＢＣ」",
            "ẞ",
        ] {
            assert_eq!(lowercase(s), s.to_lowercase(), "{s}");
        }
    }

    /// Patterns for the line pre-check: headline-support's defaults and some edge cases.
    fn line_patterns() -> Vec<String> {
        let spec = super::super::headline_support::Spec::default();
        let mut out: Vec<String> =
            [spec.summary_headings, spec.boilerplate, spec.source_lines].concat();
        out.extend(
            [
                r"(?i)^sponsored$",
                r"^$",
                r"^a|b$",
                r"(?m)^目次$",
                r"^(?:まとめ)?要約",
                r"\A参考\z",
                r"^\d+円$",
                r"^[ぁ-ん]+です$",
                r"(?i)^ks$",
                r"^(?:a|)b",
                r"[a&&b]",
                r"^(?:summary|tl;?dr)$",
            ]
            .map(String::from),
        );
        out
    }

    /// Lines made of the characters the patterns use (and some case variants), so that
    /// near-misses and matches are both common.
    fn sample_lines() -> Vec<String> {
        let alphabet: Vec<char> =
            "目次シェアしてねURLをコピーしました記事にはアフィリエイト広告が含まれPRsponsoredSPONSORED参考動画関連ニュース引用元出典:：の要約まとめポイント要点この summarytl;dr keypoints12円ですあいうabſK\u{212A}!。"
                .chars()
                .collect();
        let mut lines: Vec<String> = [
            "目次",
            "まとめ",
            "この記事の要約",
            "選挙戦のポイント",
            "今回の選挙戦の争点をめぐる三つのポイント",
            "Summary",
            "TL;DR",
            "ſummary",
            "\u{212A}s",
            "シェアしてね!",
            "よかったらSNSでシェアしてください。",
            "URLをコピーしました",
            "この記事には広告が含まれています",
            "PR",
            "sPoNsOrEd",
            "参考動画: トランプ氏が会見",
            "参考動画 : https://example.com",
            "出典:共同通信",
            "Source: AP",
            "要約",
            "まとめ要約です",
            "参考",
            "123円",
            "あいうです",
            "ks",
            "b",
            "ab",
            "",
        ]
        .map(String::from)
        .to_vec();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 12) as usize;
            let mut line = String::new();
            for k in 0..len {
                let pick = (state >> (k * 5 % 59)) as usize;
                line.push(alphabet[pick % alphabet.len()]);
            }
            lines.push(line);
        }
        // Every sample line with a known prefix and suffix, too.
        let affixed: Vec<String> = lines
            .iter()
            .take(2_000)
            .flat_map(|l| {
                [
                    format!("参考動画:{l}"),
                    format!("{l}のポイント"),
                    format!("目次{l}"),
                ]
            })
            .collect();
        lines.extend(affixed);
        lines
    }

    #[test]
    fn line_regex_agrees_with_the_regex() {
        let lines = sample_lines();
        let mut matched = 0;
        for pattern in line_patterns() {
            let re = Regex::new(&pattern).expect(&pattern);
            let line_re = LineRegex::new(re.clone());
            for line in &lines {
                let expected = re.is_match(line);
                assert_eq!(line_re.is_match(line), expected, "{pattern} on {line:?}");
                let spans = |c: Option<Captures<'_>>| {
                    c.map(|c| c.iter().map(|m| m.map(|m| m.range())).collect::<Vec<_>>())
                };
                assert_eq!(
                    spans(line_re.captures(line)),
                    spans(re.captures(line)),
                    "{pattern} on {line:?}"
                );
                matched += usize::from(expected);
            }
        }
        assert!(matched > 100, "{matched}");
    }

    #[test]
    fn anchored_literal_patterns_get_a_pre_check() {
        let line = |p: &str| LineRegex::new(Regex::new(p).expect(p));
        let summary = line(r"^.{1,20}の(?:ポイント|要点)$");
        assert!(summary.heads.is_none());
        assert_eq!(summary.tails.as_ref().map(|t| t.literals.len()), Some(2));
        assert!(!summary.may_match("試合の経過"));
        assert!(summary.may_match("試合のポイント"));
        assert!(line(r"^目次$").heads.is_some());
        // Not anchored, or anchored only at line starts: no pre-check.
        for p in [r"URLをコピーしました", r"(?m)^目次$", r"^a|b$", r"^.*$"] {
            let r = line(p);
            assert!(r.heads.is_none() && r.tails.is_none(), "{p}");
        }
    }

    #[test]
    fn sentences_holding_agrees_with_token_ranges() {
        use crate::document::{Document, Format};
        use crate::morph::Morph;
        use crate::span::Span;

        let text = "# 見出し\n\n石破茂首相は会見で述べた。「増税はしない」と。次の文、  そして最後!\n\n- 項目\n";
        let doc = Document::parse("t.md", text.to_string(), Format::Markdown);
        let a = Analysis::new(Morph::global().expect("dictionary"), &doc.text);
        let expected = |sentences: &[Sentence], tokens: &[usize]| -> Vec<usize> {
            (0..sentences.len())
                .filter(|&i| {
                    let r = a.within(sentences[i].span);
                    tokens.iter().any(|t| r.contains(t))
                })
                .collect()
        };
        let all: Vec<usize> = (0..a.tokens.len()).collect();
        let mut checked = 0;
        // Every single token, every pair, and all at once.
        for t in 0..a.tokens.len() {
            for u in t..a.tokens.len() {
                let tokens = [t, u];
                let got = sentences_holding(&a, &doc.sentences, tokens);
                assert_eq!(got, expected(&doc.sentences, &tokens), "{tokens:?}");
                checked += 1;
            }
        }
        assert!(checked > 100);
        assert_eq!(
            sentences_holding(&a, &doc.sentences, all.iter().copied()),
            expected(&doc.sentences, &all)
        );
        // Overlapping or unordered sentences take the slow way, with the same answer.
        let mut odd = doc.sentences.clone();
        odd.reverse();
        odd.push(Sentence {
            span: Span::new(0, doc.text.len()),
            block: 0,
        });
        for t in 0..a.tokens.len() {
            assert_eq!(
                sentences_holding(&a, &odd, [t]),
                expected(&odd, &[t]),
                "{t}"
            );
        }
        assert!(sentences_holding(&a, &doc.sentences, []).is_empty());
    }

    #[test]
    fn fx_hash_is_fixed_and_tells_words_apart() {
        let build = BuildHasherDefault::<FxHasher>::default();
        let hash = |s: &str| build.hash_one(s);
        assert_eq!(hash("重視"), hash("重視"));
        assert_eq!(
            hash("重視"),
            BuildHasherDefault::<FxHasher>::default().hash_one("重視")
        );
        let words = [
            "",
            "a",
            "重視",
            "重視する",
            "大統領",
            "前大統領",
            "12345678",
            "123456789",
        ];
        let mut hashes: Vec<u64> = words.iter().map(|w| hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        // Tuples and integers hash too (keys of the kinds' maps).
        let mut h = FxHasher::default();
        (1u32, "x", Some("y")).hash(&mut h);
        assert_ne!(h.finish(), 0);
        let mut map: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, w) in words.iter().enumerate() {
            map.insert(w, i);
        }
        assert!(words.iter().enumerate().all(|(i, w)| map[w] == i));
    }
}
