//! A regex matched against one line at a time, with a cheap literal pre-check.

use regex::{Captures, Regex};
use regex_syntax::hir::Look;
use regex_syntax::hir::literal::{ExtractKind, Extractor};

/// A regex matched against one line at a time, with a cheap necessary condition checked
/// first: when it is anchored at the start (end) and every match starts (ends) with one of a
/// few literals, a line that starts (ends) with none of them is not searched. Searching is
/// what costs: between documents the caches are cold, and one search with the lazy DFA of a
/// pattern such as `^.{1,20}の(?:ポイント|要点)$` took over a microsecond.
#[derive(Debug)]
pub struct LineRegex {
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
    pub fn new(re: Regex) -> Self {
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

    pub fn is_match(&self, s: &str) -> bool {
        self.may_match(s) && self.re.is_match(s)
    }

    pub fn captures<'s>(&self, s: &'s str) -> Option<Captures<'s>> {
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Edge cases for the line pre-check (headline-support checks its own defaults with
    /// [`assert_agrees_on_sample_lines`]).
    fn edge_patterns() -> Vec<String> {
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
        .map(String::from)
        .to_vec()
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
        assert_agrees_on_sample_lines(&edge_patterns());
    }

    /// Asserts that `LineRegex` matches and captures exactly as the plain regex on lines made
    /// to hit and nearly miss such patterns; for other modules' patterns too.
    pub(crate) fn assert_agrees_on_sample_lines(patterns: &[String]) {
        let lines = sample_lines();
        let mut matched = 0;
        for pattern in patterns {
            let re = Regex::new(pattern).expect(pattern);
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
}
