//! Inline suppressions in HTML comments, which Markdown renders invisibly:
//!
//! ```text
//! <!-- seigo-disable ja-news/kaerisaki -- quoting the transcript verbatim -->
//! ...
//! <!-- seigo-enable -->
//! <!-- seigo-disable-next-line ja-news/repeated-sentence -->
//! <!-- seigo-disable-line -->            (on the line it stands on)
//! ```
//! Without rule IDs a directive covers every rule. Text after `--` is the reason. Unknown
//! rule IDs are reported once per file (with "did you mean" among the built-in rules); unused
//! directives are reported on request, except those that name only unknown rules (already
//! reported).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::sync::LazyLock;

use regex::Regex;

use crate::finding::{Finding, Severity};
use crate::span::{LineIndex, SourceSpan};

/// The pseudo-rule under which problems with suppressions are reported.
pub const RULE_ID: &str = "seigo/suppression";

static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<!--\s*seigo-(disable-next-line|disable-line|disable|enable)\b((?s:.)*?)-->")
        .expect("valid directive regex")
});

#[derive(Debug, Clone, PartialEq, Eq)]
enum Scope {
    /// From the directive's line to a matching `seigo-enable` (or the end).
    Block,
    /// The next non-blank line after the directive.
    NextLine,
    /// The directive's own line.
    Line,
}

#[derive(Debug, Clone)]
struct Directive {
    span: SourceSpan,
    /// Rule IDs with their spans; empty means all rules.
    rules: Vec<(String, SourceSpan)>,
    /// 1-based inclusive line range covered.
    lines: (usize, usize),
    used: bool,
}

/// Parsed suppressions of one file.
#[derive(Debug, Default)]
pub struct Suppressions {
    directives: Vec<Directive>,
    /// Problems found while parsing: unknown IDs, `enable` without `disable`.
    problems: Vec<(SourceSpan, String)>,
    /// Directives (by span) that name only unknown rules: not also reported as unused.
    only_unknown: Vec<SourceSpan>,
}

/// "unknown rule `x` in seigo suppression (did you mean `y`?)" among the built-in rule IDs
/// that `known` accepts.
fn unknown_rule(id: &str, known: &impl Fn(&str) -> bool) -> String {
    let ids: Vec<String> = crate::rules::builtin::FILES
        .iter()
        .map(|f| format!("{}/{}", f.pack, f.stem))
        .filter(|i| known(i))
        .collect();
    let close = ids
        .iter()
        .map(|i| (strsim::damerau_levenshtein(id, i), i))
        .min()
        // Close relative to the rule's own name: `ja-news/nope` is not a typo of `ja-news/hoken`.
        .filter(|(d, _)| {
            let stem = id.rsplit('/').next().unwrap_or(id).chars().count();
            *d <= 2 && *d * 3 <= stem
        });
    let message = crate::i18n::unknown_suppression_rule(id);
    match close {
        Some((_, best)) => crate::i18n::tr(
            format!("{message} (did you mean `{best}`?)"),
            format!("{message}（`{best}` の誤りではありませんか？）"),
        ),
        None => message,
    }
}

impl Suppressions {
    /// Finds the directives in `source` that start inside one of `comments` (the HTML comments
    /// outside code, sorted: a directive shown in a code example is not obeyed). `known`
    /// tells whether a rule ID exists.
    pub fn parse(
        source: &str,
        comments: &[SourceSpan],
        known: impl Fn(&str) -> bool,
    ) -> Suppressions {
        let index = LineIndex::new(source);
        let line_of = |b: usize| index.line_col(source, b).line;
        let mut out = Suppressions::default();
        // Open `seigo-disable` blocks: by position, the ones still open, and by rule ID named,
        // so each `seigo-enable` finds what it closes without scanning every open block (N
        // disables of one rule then N enables of another were quadratic).
        let mut open: Vec<Option<(usize, Directive)>> = Vec::new();
        let mut still_open: std::collections::BTreeSet<usize> = Default::default();
        let mut open_by_rule: HashMap<String, Vec<usize>> = HashMap::new();
        // For each line, the next non-blank line after it; built on first use, in one pass
        // (searching forward per directive cost N x M for N directives above M blank lines).
        let mut next_nonblank: Option<Vec<usize>> = None;
        let mut reported: std::collections::HashSet<String> = Default::default();
        for caps in DIRECTIVE.captures_iter(source) {
            let whole = caps.get(0).expect("match");
            let span = SourceSpan::new(whole.start(), whole.end());
            let k = comments.partition_point(|c| c.start <= span.start);
            if k == 0 || comments[k - 1].end <= span.start {
                continue;
            }
            let scope = match &caps[1] {
                "disable" => Some(Scope::Block),
                "disable-next-line" => Some(Scope::NextLine),
                "disable-line" => Some(Scope::Line),
                _ => None,
            };
            let args = caps.get(2).expect("args group");
            let ids_text = args.as_str().split(" --").next().unwrap_or_default();
            let mut rules = Vec::new();
            let mut unknown = 0;
            let mut offset = args.start();
            for part in ids_text.split(|c: char| c.is_whitespace() || c == ',') {
                let at = source[offset..].find(part).map_or(offset, |i| offset + i);
                offset = at + part.len();
                if part.is_empty() {
                    continue;
                }
                let id_span = SourceSpan::new(at, at + part.len());
                if !known(part) {
                    unknown += 1;
                    // A misspelt ID in a `disable` and its `enable` is one mistake.
                    if reported.insert(part.to_string()) {
                        out.problems.push((id_span, unknown_rule(part, &known)));
                    }
                }
                rules.push((part.to_string(), id_span));
            }
            if unknown > 0 && unknown == rules.len() {
                out.only_unknown.push(span);
            }
            let line = line_of(span.start);
            match scope {
                Some(Scope::Line) => out.directives.push(Directive {
                    span,
                    rules,
                    lines: (line, line_of(span.end)),
                    used: false,
                }),
                Some(Scope::NextLine) => {
                    let end_line = line_of(span.end);
                    let table =
                        next_nonblank.get_or_insert_with(|| next_nonblank_lines(source, &index));
                    let next = table.get(end_line).copied().unwrap_or(end_line + 1);
                    out.directives.push(Directive {
                        span,
                        rules,
                        lines: (next, next),
                        used: false,
                    });
                }
                Some(Scope::Block) => {
                    let at = open.len();
                    for (rule, _) in &rules {
                        open_by_rule.entry(rule.clone()).or_default().push(at);
                    }
                    still_open.insert(at);
                    open.push(Some((
                        line,
                        Directive {
                            span,
                            rules,
                            lines: (line, usize::MAX),
                            used: false,
                        },
                    )));
                }
                None => {
                    // `seigo-enable` closes the open blocks it names (all when it names none).
                    let closing: Vec<usize> = if rules.is_empty() {
                        std::mem::take(&mut still_open).into_iter().collect()
                    } else {
                        let mut named: Vec<usize> = rules
                            .iter()
                            .flat_map(|(r, _)| open_by_rule.remove(r).unwrap_or_default())
                            .filter(|i| still_open.remove(i))
                            .collect();
                        named.sort_unstable();
                        named
                    };
                    if closing.is_empty() {
                        out.problems.push((span, crate::i18n::stray_enable()));
                    }
                    for i in closing {
                        if let Some((start, mut d)) = open[i].take() {
                            d.lines = (start, line);
                            out.directives.push(d);
                        }
                    }
                }
            }
        }
        out.directives
            .extend(open.into_iter().flatten().map(|(_, d)| d));
        out
    }

    /// Removes suppressed findings (using the primary span's line) and marks the directives
    /// that suppressed something.
    ///
    /// A sweep over lines, not every directive against every finding: a 2 MB file of
    /// `seigo-disable-next-line` comments, each above a finding, took 20 s that way (quadratic).
    /// Each directive is activated at its first line, retired after its last, and marked used
    /// (then forgotten) by the first finding it covers.
    pub fn apply(&mut self, source: &str, findings: &mut Vec<Finding>) {
        if self.directives.is_empty() {
            return;
        }
        let index = LineIndex::new(source);
        let lines: Vec<usize> = findings
            .iter()
            .map(|f| index.line_col(source, f.span.start).line)
            .collect();
        let mut order: Vec<usize> = (0..findings.len()).collect();
        order.sort_by_key(|&i| lines[i]);
        let directives = &mut self.directives;
        let mut starts: Vec<usize> = (0..directives.len()).collect();
        starts.sort_by_key(|&d| directives[d].lines.0);
        let mut next_start = 0;
        // Active directives: a count per rule ID named (`None`: all rules), and those not yet
        // marked used, by the same key. Retired by the min-heap of last lines.
        let mut active: HashMap<Option<String>, usize> = HashMap::new();
        let mut unused: HashMap<Option<String>, Vec<usize>> = HashMap::new();
        let mut ends: BinaryHeap<Reverse<(usize, usize)>> = BinaryHeap::new();
        let keys = |d: &Directive| -> Vec<Option<String>> {
            if d.rules.is_empty() {
                vec![None]
            } else {
                d.rules.iter().map(|(r, _)| Some(r.clone())).collect()
            }
        };
        let mut suppressed = vec![false; findings.len()];
        for &i in &order {
            let line = lines[i];
            while next_start < starts.len() && directives[starts[next_start]].lines.0 <= line {
                let d = starts[next_start];
                next_start += 1;
                if directives[d].lines.1 < line {
                    continue;
                }
                for key in keys(&directives[d]) {
                    *active.entry(key.clone()).or_default() += 1;
                    unused.entry(key).or_default().push(d);
                }
                ends.push(Reverse((directives[d].lines.1, d)));
            }
            while let Some(&Reverse((end, d))) = ends.peek() {
                if end >= line {
                    break;
                }
                ends.pop();
                for key in keys(&directives[d]) {
                    if let Some(n) = active.get_mut(&key) {
                        *n -= 1;
                    }
                }
            }
            let rule = Some(findings[i].rule.clone());
            let covered = |key: &Option<String>| active.get(key).is_some_and(|&n| n > 0);
            if !covered(&None) && !covered(&rule) {
                continue;
            }
            suppressed[i] = true;
            for key in [None, rule] {
                for d in unused.remove(&key).unwrap_or_default() {
                    // Retired ones are dropped unmarked: they end before this line.
                    if directives[d].lines.1 >= line {
                        directives[d].used = true;
                    }
                }
            }
        }
        let mut flags = suppressed.into_iter();
        findings.retain(|_| !flags.next().unwrap_or(false));
    }

    /// Findings about the suppressions themselves: unknown IDs, stray enables, and (when
    /// asked) directives that suppressed nothing.
    pub fn problems(&self, report_unused: bool) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .problems
            .iter()
            .map(|(span, message)| finding(*span, message.clone(), Severity::Warning))
            .collect();
        if report_unused {
            let unused = self
                .directives
                .iter()
                .filter(|d| !d.used && !self.only_unknown.contains(&d.span));
            for d in unused {
                out.push(finding(
                    d.span,
                    crate::i18n::unused_suppression(),
                    Severity::Warning,
                ));
            }
        }
        out
    }
}

fn finding(span: SourceSpan, message: String, severity: Severity) -> Finding {
    Finding {
        rule: RULE_ID.to_string(),
        kind: "suppression",
        severity,
        message,
        span,
        related: Vec::new(),
        fixes: Vec::new(),
    }
}

/// For each 1-based line number `l` (index `l`), the first non-blank line after it, or one
/// past the last line when none follows. One backward pass over the lines.
fn next_nonblank_lines(source: &str, index: &LineIndex) -> Vec<usize> {
    let count = index.line_count();
    let mut blank = Vec::with_capacity(count + 1);
    blank.push(true);
    blank.extend(source.split('\n').map(|line| line.trim().is_empty()));
    let mut next = vec![count + 1; count + 2];
    for l in (1..=count).rev() {
        next[l - 1] = if blank.get(l).copied().unwrap_or(true) {
            next[l]
        } else {
            l
        };
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Directives count anywhere (the tests here are about what they do, not where).
    fn everywhere(source: &str) -> Vec<SourceSpan> {
        vec![SourceSpan::new(0, source.len())]
    }

    fn f(source: &str, needle: &str, rule: &str) -> Finding {
        let at = source.find(needle).unwrap();
        Finding {
            rule: rule.into(),
            kind: "test",
            severity: Severity::Warning,
            message: String::new(),
            span: SourceSpan::new(at, at + needle.len()),
            related: vec![],
            fixes: vec![],
        }
    }

    fn run(source: &str, findings: &[(&str, &str)]) -> (Vec<String>, Vec<Finding>) {
        let mut all: Vec<Finding> = findings.iter().map(|(n, r)| f(source, n, r)).collect();
        let mut s =
            Suppressions::parse(source, &everywhere(source), |id| id.starts_with("ja-news/"));
        s.apply(source, &mut all);
        let kept = all
            .iter()
            .map(|x| source[x.span.range()].to_string())
            .collect();
        (kept, s.problems(true))
    }

    #[test]
    fn block_disable_and_enable() {
        let src = "A\n<!-- seigo-disable ja-news/x -- quoting -->\nB\n<!-- seigo-enable -->\nC\n";
        let (kept, problems) = run(
            src,
            &[("A", "ja-news/x"), ("B", "ja-news/x"), ("C", "ja-news/x")],
        );
        assert_eq!(kept, vec!["A", "C"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn disable_only_named_rules() {
        let src = "<!-- seigo-disable ja-news/x -->\nB\n";
        let (kept, _) = run(src, &[("B", "ja-news/x"), ("B", "ja-news/y")]);
        assert_eq!(kept, vec!["B"]);
    }

    #[test]
    fn next_line_skips_blank_lines() {
        let src = "<!-- seigo-disable-next-line -->\n\nB\nC\n";
        let (kept, _) = run(src, &[("B", "ja-news/x"), ("C", "ja-news/x")]);
        assert_eq!(kept, vec!["C"]);
    }

    #[test]
    fn unknown_ids_and_unused_directives_are_reported() {
        let src = "<!-- seigo-disable-line ja-news/x, nope/rule -->A\n<!-- seigo-disable-next-line ja-news/y -->\nB\n<!-- seigo-enable -->\n";
        let (kept, problems) = run(src, &[("A", "ja-news/x"), ("B", "ja-news/z")]);
        assert_eq!(kept, vec!["B"]);
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "unknown rule `nope/rule` in seigo suppression",
                "`seigo-enable` without a matching `seigo-disable`",
                "unused seigo suppression: nothing was suppressed here",
            ]
        );
        assert_eq!(&src[problems[0].span.range()], "nope/rule");
    }

    /// The original directive-by-finding check, as the reference for the sweep.
    fn naive(s: &mut Suppressions, source: &str, findings: &mut Vec<Finding>) {
        let index = LineIndex::new(source);
        findings.retain(|f| {
            let line = index.line_col(source, f.span.start).line;
            let mut suppressed = false;
            for d in &mut s.directives {
                let covers_rule = d.rules.is_empty() || d.rules.iter().any(|(r, _)| *r == f.rule);
                if covers_rule && d.lines.0 <= line && line <= d.lines.1 {
                    d.used = true;
                    suppressed = true;
                }
            }
            !suppressed
        });
    }

    #[test]
    fn sweep_matches_the_naive_check() {
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut rand = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        let directives = [
            "<!-- seigo-disable -->",
            "<!-- seigo-disable ja-news/a -->",
            "<!-- seigo-disable ja-news/a ja-news/b -->",
            "<!-- seigo-enable -->",
            "<!-- seigo-enable ja-news/b -->",
            "<!-- seigo-disable-next-line ja-news/b -->",
            "<!-- seigo-disable-next-line -->",
            "x <!-- seigo-disable-line ja-news/a -->",
            "",
        ];
        for _ in 0..300 {
            let mut source = String::new();
            let mut findings = Vec::new();
            for _ in 0..rand(30) {
                if rand(3) == 0 {
                    source.push_str(directives[rand(directives.len() as u64)]);
                } else {
                    let at = source.len();
                    source.push('x');
                    let rule = ["ja-news/a", "ja-news/b", "ja-news/c"][rand(3)];
                    findings.push(Finding {
                        span: SourceSpan::new(at, at + 1),
                        ..f("x", "x", rule)
                    });
                }
                source.push('\n');
            }
            let mut fast = Suppressions::parse(&source, &everywhere(&source), |_| true);
            let mut slow = Suppressions::parse(&source, &everywhere(&source), |_| true);
            let (mut kept_fast, mut kept_slow) = (findings.clone(), findings);
            fast.apply(&source, &mut kept_fast);
            naive(&mut slow, &source, &mut kept_slow);
            assert_eq!(kept_fast, kept_slow, "{source}");
            let used = |s: &Suppressions| s.directives.iter().map(|d| d.used).collect::<Vec<_>>();
            assert_eq!(used(&fast), used(&slow), "{source}");
        }
    }

    #[test]
    fn a_misspelt_rule_is_reported_once_with_did_you_mean() {
        let src =
            "<!-- seigo-disable ja-news/kaerisak -->\nA\n<!-- seigo-enable ja-news/kaerisak -->\n";
        let mut s = Suppressions::parse(src, &everywhere(src), |id| id == "ja-news/kaerisaki");
        let mut none = Vec::new();
        s.apply(src, &mut none);
        let messages: Vec<String> = s.problems(true).into_iter().map(|p| p.message).collect();
        assert_eq!(
            messages,
            [
                "unknown rule `ja-news/kaerisak` in seigo suppression (did you mean `ja-news/kaerisaki`?)"
            ]
        );
    }
}
