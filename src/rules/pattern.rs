//! Token patterns: a small language for matching runs of lindera tokens.
//!
//! ```text
//! pos:名詞 化 base:する        a noun, then 化, then any form of する
//! [以外] な pos:名詞            以外 before な + noun; only 以外 is reported/replaced
//! pos:動詞&!base:する read:イガイ?
//! ```
//! Steps are separated by spaces; each matches one token, except a plain surface step, which
//! may match a run of tokens whose surfaces concatenate to it (支援兵士 = 支援 + 兵士).
//! Conditions: `text` (surface), `surface:`, `base:`, `pos:` (IPADIC levels, prefix, `*` any;
//! checked against IPADIC's tag set when the pattern is parsed),
//! `read:` (katakana reading), `re:` (regex on the surface), `*` (any token); `&` joins
//! conditions, `!` negates one, a trailing `?` makes a step optional, `[` `]` mark the target.

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use crate::lang::ja::Analysis;
use crate::lang::ja::pos::{self, Tag};
use crate::span::Span;

/// A pattern syntax error at a byte offset inside the pattern string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub at: Span,
}

/// An error in one step: the message, and where in the step it is when known.
struct StepError {
    message: String,
    /// A byte range of the step's text.
    at: Option<std::ops::Range<usize>>,
}

impl From<String> for StepError {
    fn from(message: String) -> Self {
        StepError { message, at: None }
    }
}

/// The byte offset of `inner` in `outer`, which it is a slice of.
fn offset_in(outer: &str, inner: &str) -> usize {
    inner.as_ptr() as usize - outer.as_ptr() as usize
}

#[derive(Debug, Clone)]
pub struct TokenPattern {
    steps: Vec<Step>,
    /// Steps `[from, to)` that form the reported span; all steps when no brackets were given.
    target: (usize, usize),
    source: String,
    /// Steps that must be one of a short list of words, each at a bounded distance from the
    /// start: matching starts only near the rarest of those words in the document (found
    /// through its index) instead of at every token, which made patterns the top cost.
    anchors: Vec<Anchored>,
}

/// A step pinned to a few words, at `min..=max` tokens from the start of a match.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Anchored {
    anchor: Anchor,
    min: usize,
    max: usize,
}

/// Words a match must start with.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Anchor {
    /// The first step's surface; a multi-token surface is found through its first token,
    /// which is one of its prefixes.
    Surfaces(Vec<String>),
    Bases(Vec<String>),
}

#[derive(Debug, Clone)]
struct Step {
    conds: Vec<Cond>,
    optional: bool,
}

#[derive(Debug, Clone)]
enum Cond {
    Surface(String),
    Base(String),
    /// IPADIC levels, `None` for `*`.
    Pos(Vec<Option<Tag>>),
    Reading(String),
    Regex(Regex),
    /// A `re:` step that is just an anchored list of words.
    OneOf(Vec<String>),
    Any,
    Not(Box<Cond>),
}

/// A match: the span of the whole match and of the target part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PatternMatch {
    pub whole: Span,
    pub target: Span,
    /// Token index just after the match.
    pub next: usize,
}

fn nfkc(s: &str) -> String {
    s.nfkc().collect()
}

impl TokenPattern {
    pub fn parse(source: &str) -> Result<TokenPattern, PatternError> {
        let mut steps = Vec::new();
        let mut open: Option<usize> = None;
        let mut target: Option<(usize, usize)> = None;
        let mut offset = 0;
        for piece in source.split(' ') {
            let piece_at = offset;
            offset += piece.len() + 1;
            if piece.is_empty() {
                continue;
            }
            let err = |message: String| PatternError {
                message,
                at: Span::new(piece_at, piece_at + piece.len()),
            };
            let mut body = piece;
            if let Some(rest) = body.strip_prefix('[') {
                if open.is_some() || target.is_some() {
                    return Err(err("only one `[...]` target is allowed".into()));
                }
                open = Some(steps.len());
                body = rest;
            }
            let mut optional = false;
            let mut close = false;
            loop {
                if let Some(rest) = body.strip_suffix('?') {
                    optional = true;
                    body = rest;
                } else if let Some(rest) = body.strip_suffix(']').filter(|_| closes_target(body)) {
                    close = true;
                    body = rest;
                } else {
                    break;
                }
            }
            if body.is_empty() {
                return Err(err(format!("empty step `{piece}`")));
            }
            let conds = parse_conds(body).map_err(|e| match e.at {
                Some(at) => {
                    let start = piece_at + offset_in(piece, body) + at.start;
                    PatternError {
                        message: e.message,
                        at: Span::new(start, start + at.len()),
                    }
                }
                None => err(e.message),
            })?;
            steps.push(Step { conds, optional });
            if close {
                let Some(from) = open.take() else {
                    return Err(err("`]` without a matching `[`".into()));
                };
                target = Some((from, steps.len()));
            }
        }
        if open.is_some() {
            return Err(PatternError {
                message: "`[` without a matching `]`".into(),
                at: Span::new(0, source.len()),
            });
        }
        if steps.is_empty() {
            return Err(PatternError {
                message: "empty token pattern".into(),
                at: Span::new(0, source.len()),
            });
        }
        if steps.iter().all(|s| s.optional) {
            return Err(PatternError {
                message: "every step is optional, so the pattern would match nothing".into(),
                at: Span::new(0, source.len()),
            });
        }
        let target = target.unwrap_or((0, steps.len()));
        let anchors = anchors_in(&steps);
        Ok(TokenPattern {
            steps,
            target,
            source: source.to_string(),
            anchors,
        })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Literal strings one of which every match contains, or `None` when the pattern pins no
    /// step to a surface (e.g. only `pos:` or `base:` steps). A surface step spanning several
    /// tokens still is one contiguous piece of text. Of several pinned steps, the one whose
    /// shortest word is longest, then the one with fewer words: `re:^(氏|首相)$ の [帰り先]`
    /// needs 帰り先, which few texts have, rather than 氏, which most news has.
    pub fn required_literals(&self) -> Option<Vec<String>> {
        // Equally long: fewer alternatives are rarer (陽性 before 協力|支援|…). Ties keep the
        // first step (`max_by_key` keeps the last, hence `rev`).
        self.anchors
            .iter()
            .rev()
            .filter_map(|anchored| match &anchored.anchor {
                Anchor::Surfaces(words) => Some(words),
                Anchor::Bases(_) => None,
            })
            .max_by_key(|words| {
                let shortest = words.iter().map(|w| w.chars().count()).min().unwrap_or(0);
                (shortest, std::cmp::Reverse(words.len()))
            })
            .cloned()
    }

    /// All non-overlapping matches in the analysis, left to right.
    pub fn find_all(&self, a: &Analysis<'_>, range: std::ops::Range<usize>) -> Vec<PatternMatch> {
        self.find_all_counted(a, range).0
    }

    /// [`TokenPattern::find_all`], also returning how many (step, token) states the matcher
    /// visited: the measure of its cost that tests bound.
    fn find_all_counted(
        &self,
        a: &Analysis<'_>,
        range: std::ops::Range<usize>,
    ) -> (Vec<PatternMatch>, usize) {
        let mut out = Vec::new();
        let mut bounds = vec![0; self.steps.len() + 1];
        let mut next_free = range.start;
        let mut memo = Memo::new(
            self.steps.iter().any(|s| s.optional),
            self.steps.len(),
            &range,
        );
        let mut try_at = |i: usize, out: &mut Vec<PatternMatch>| {
            if i < next_free
                || i >= range.end
                || !self.match_steps(a, 0, i, range.end, &mut bounds, &mut memo)
            {
                return;
            }
            let whole = self.span_of(a, &bounds, 0, self.steps.len());
            let target = self.span_of(a, &bounds, self.target.0, self.target.1);
            next_free = bounds[self.steps.len()].max(i + 1);
            if !whole.is_empty() {
                out.push(PatternMatch {
                    whole,
                    target,
                    next: next_free,
                });
            }
        };
        // Counting is cheap (index lookups); only the rarest anchor's positions are gathered.
        // An anchor that occurs nowhere means no match, and with one anchor there is nothing
        // to compare. Surface anchors are preferred: base forms need every token's features
        // and an index of them, which a document otherwise may never need, and a pinned
        // surface is rarely commoner than a pinned base form (する, ある).
        let surfaces = self
            .anchors
            .iter()
            .filter(|anchored| matches!(anchored.anchor, Anchor::Surfaces(_)));
        let candidates: Vec<&Anchored> = if surfaces.clone().next().is_some() {
            surfaces.collect()
        } else {
            self.anchors.iter().collect()
        };
        let mut rarest: Option<(usize, &Anchored)> = None;
        if let [only] = candidates.as_slice() {
            rarest = Some((0, only));
        } else {
            for anchored in candidates {
                // Counting stops once it cannot beat the rarest so far.
                let limit = rarest.map_or(usize::MAX, |(best, _)| best);
                let mut count = 0;
                for list in anchor_lists(a, &anchored.anchor) {
                    count += list.len();
                    if count >= limit {
                        break;
                    }
                }
                if count == 0 {
                    return (out, 0);
                }
                if count < limit {
                    rarest = Some((count, anchored));
                }
            }
        }
        let rarest =
            rarest.map(|(_, anchored)| (self.anchor_positions(a, &anchored.anchor), anchored));
        match rarest {
            Some((positions, anchored)) => {
                // A match whose anchored step is at token i starts at i - max ..= i - min.
                let mut starts: Vec<usize> = positions
                    .iter()
                    .flat_map(|&i| {
                        let last = i.checked_sub(anchored.min);
                        last.map(|last| i.saturating_sub(anchored.max)..=last)
                            .into_iter()
                            .flatten()
                    })
                    .collect();
                starts.sort_unstable();
                starts.dedup();
                for start in starts {
                    try_at(start, &mut out);
                }
            }
            None => {
                for i in range.clone() {
                    try_at(i, &mut out);
                }
            }
        }
        (out, memo.visits)
    }

    /// Sorted token indices where the anchor word occurs.
    fn anchor_positions(&self, a: &Analysis<'_>, anchor: &Anchor) -> Vec<usize> {
        let mut at: Vec<usize> = anchor_lists(a, anchor)
            .flatten()
            .map(|&i| i as usize)
            .collect();
        at.sort_unstable();
        at.dedup();
        at
    }

    /// Span covering the tokens of steps `[from, to)`; empty if those steps matched nothing.
    fn span_of(&self, a: &Analysis<'_>, bounds: &[usize], from: usize, to: usize) -> Span {
        let (first, end) = (bounds[from], bounds[to]);
        if end <= first {
            let at = a.tokens.get(first).map_or(a.text.len(), |t| t.span.start);
            return Span::new(at, at);
        }
        Span::new(a.tokens[first].span.start, a.tokens[end - 1].span.end)
    }

    /// Backtracking matcher: `bounds[s]` records the token where step `s` starts.
    ///
    /// Whether steps `step..` can match from token `tok` does not depend on how the match got
    /// there, so a (step, token) state that failed once fails again: `memo` remembers failures
    /// and every state is explored at most once per `find_all`, linear in the tokens times
    /// the steps. Without it a pattern of N optional steps took 2^N tries per token.
    fn match_steps(
        &self,
        a: &Analysis<'_>,
        step: usize,
        tok: usize,
        end: usize,
        bounds: &mut [usize],
        memo: &mut Memo,
    ) -> bool {
        bounds[step] = tok;
        let Some(s) = self.steps.get(step) else {
            return true;
        };
        if memo.failed_before(step, tok) {
            return false;
        }
        let adjacent = tok == 0 || tok >= a.tokens.len() || step == 0 || adjacent(a, tok);
        if adjacent && tok < end {
            for next in s.matches(a, tok, end) {
                if self.match_steps(a, step + 1, next, end, bounds, memo) {
                    return true;
                }
            }
        }
        if s.optional && self.match_steps(a, step + 1, tok, end, bounds, memo) {
            return true;
        }
        memo.fail(step, tok);
        false
    }
}

/// The (step, token) states a matcher has found to fail, when the pattern can branch (has an
/// optional step); without branching every state is visited once per start anyway. A bit per
/// state, allocated on the first failure.
struct Memo {
    branches: bool,
    steps: usize,
    /// Tokens `first..` are tracked.
    first: usize,
    width: usize,
    failed: Vec<u64>,
    visits: usize,
}

impl Memo {
    fn new(branches: bool, steps: usize, range: &std::ops::Range<usize>) -> Self {
        Memo {
            branches,
            steps,
            first: range.start,
            width: range.end.saturating_sub(range.start) + 1,
            failed: Vec::new(),
            visits: 0,
        }
    }

    /// A token's states are adjacent bits: a match tries the steps of nearby tokens together.
    fn bit(&self, step: usize, tok: usize) -> Option<usize> {
        let t = tok.checked_sub(self.first).filter(|&t| t < self.width)?;
        Some(t * self.steps + step)
    }

    fn failed_before(&mut self, step: usize, tok: usize) -> bool {
        self.visits += 1;
        let Some(b) = self.bit(step, tok) else {
            return false;
        };
        self.failed
            .get(b / 64)
            .is_some_and(|word| word & (1 << (b % 64)) != 0)
    }

    fn fail(&mut self, step: usize, tok: usize) {
        if !self.branches {
            return;
        }
        let Some(b) = self.bit(step, tok) else { return };
        if self.failed.is_empty() {
            self.failed = vec![0; (self.steps * self.width).div_ceil(64)];
        }
        if let Some(word) = self.failed.get_mut(b / 64) {
            *word |= 1 << (b % 64);
        }
    }
}

/// The index lists of the tokens an anchor may be at (a superset: the matcher checks each).
fn anchor_lists<'a>(a: &'a Analysis<'_>, anchor: &'a Anchor) -> impl Iterator<Item = &'a [u32]> {
    let (surfaces, bases): (&[String], &[String]) = match anchor {
        Anchor::Surfaces(w) => (w, &[]),
        Anchor::Bases(w) => (&[], w),
    };
    // A surface step may span tokens: its first token is one of its prefixes.
    let by_surface = surfaces
        .iter()
        .flat_map(move |w| a.tokens_with_surface_prefixes(w));
    let by_base = bases.iter().map(move |w| a.tokens_with_base(w));
    by_surface.chain(by_base)
}

/// Every step that pins its token down to a few words, with its distance (in tokens) from the
/// start of a match. A plain surface step spans one token per character at most.
fn anchors_in(steps: &[Step]) -> Vec<Anchored> {
    let mut out = Vec::new();
    let (mut min, mut max) = (0, 0);
    for step in steps {
        if let Some(anchor) = anchor_of(step) {
            out.push(Anchored { anchor, min, max });
        }
        max += match step.conds.as_slice() {
            [Cond::Surface(s)] => s.chars().count(),
            _ => 1,
        };
        if !step.optional {
            min += 1;
        }
    }
    out
}

/// The words a step's token must be, if it (not optional) pins them down: a surface, a base
/// form, or a regex that is just an anchored list of words (`re:^(追求|追究)$`).
fn anchor_of(step: &Step) -> Option<Anchor> {
    if step.optional {
        return None;
    }
    step.conds.iter().find_map(|c| match c {
        Cond::Surface(s) => Some(Anchor::Surfaces(vec![s.clone()])),
        Cond::Base(b) => Some(Anchor::Bases(vec![b.clone()])),
        Cond::OneOf(words) => Some(Anchor::Surfaces(words.clone())),
        _ => None,
    })
}

/// `^(a|b|c)$`, `^(?:a|b)$` or `^a$` with plain words → the words; anything else → None.
fn literal_alternatives(re: &str) -> Option<Vec<String>> {
    let body = re.strip_prefix('^')?.strip_suffix('$')?;
    let body = body
        .strip_prefix("(?:")
        .or_else(|| body.strip_prefix('('))
        .and_then(|b| b.strip_suffix(')'))
        .unwrap_or(body);
    let words: Vec<String> = body.split('|').map(str::to_string).collect();
    let plain = |w: &String| !w.is_empty() && !w.chars().any(|c| "\\.+*?()[]{}^$|".contains(c));
    words.iter().all(plain).then_some(words)
}

/// Whether a trailing `]` closes the target rather than a regex character class: in a `re:`
/// step it does only when the step has more `]` than `[` (`[re:^(足元|足下)$]`, but not
/// `re:^[0-9]$`).
fn closes_target(body: &str) -> bool {
    match body.find("re:") {
        Some(i) => {
            let re = &body[i..];
            re.matches(']').count() > re.matches('[').count()
        }
        None => true,
    }
}

/// Tokens separated by a line break are not adjacent: a pattern never spans two lines.
fn adjacent(a: &Analysis<'_>, tok: usize) -> bool {
    let gap = Span::new(a.tokens[tok - 1].span.end, a.tokens[tok].span.start);
    !a.text[gap.range()].contains('\n')
}

impl Step {
    /// The token indices just after each way this step can match at `tok`.
    fn matches(&self, a: &Analysis<'_>, tok: usize, end: usize) -> Vec<usize> {
        if let [Cond::Surface(s)] = self.conds.as_slice() {
            return surface_run(a, tok, end, s).into_iter().collect();
        }
        if self.conds.iter().all(|c| c.test(a, tok)) {
            vec![tok + 1]
        } else {
            vec![]
        }
    }
}

/// A surface that spans one or more whole tokens starting at `tok`.
fn surface_run(a: &Analysis<'_>, tok: usize, end: usize, s: &str) -> Option<usize> {
    let start = a.tokens[tok].span.start;
    if !a.text[start..].starts_with(s) {
        return None;
    }
    let stop = start + s.len();
    let mut j = tok;
    while j < end && a.tokens[j].span.end < stop {
        if j > tok && !adjacent(a, j) {
            return None;
        }
        j += 1;
    }
    (j < end && a.tokens[j].span.end == stop && a.text[start..stop] == *s).then_some(j + 1)
}

impl Cond {
    fn test(&self, a: &Analysis<'_>, tok: usize) -> bool {
        match self {
            Cond::Surface(s) => a.surface(tok) == s,
            Cond::Base(b) => a.base(tok) == b,
            Cond::Pos(levels) => pos::pos_matches(levels, a.features(tok).pos),
            Cond::Reading(r) => a.reading(tok) == r,
            Cond::Regex(re) => re.is_match(a.surface(tok)),
            Cond::OneOf(words) => {
                let surface = a.surface(tok);
                words.iter().any(|w| w == surface)
            }
            Cond::Any => true,
            Cond::Not(c) => !c.test(a, tok),
        }
    }
}

fn parse_conds(body: &str) -> Result<Vec<Cond>, StepError> {
    // A regex takes the rest of the step, so `&` inside it is not a separator.
    let (plain, regex) = match body.find("re:") {
        Some(i)
            if i == 0
                || body[..i].ends_with('&')
                || body[..i].ends_with("&!")
                || &body[..i] == "!" =>
        {
            let split = body[..i].rfind('&').map_or(0, |j| j + 1);
            (&body[..split], Some(&body[split..]))
        }
        _ => (body, None),
    };
    let mut conds = Vec::new();
    for part in plain.split('&').filter(|p| !p.is_empty()).chain(regex) {
        let cond = parse_cond(part).map_err(|e| StepError {
            at: e.at.map(|at| {
                let shift = offset_in(body, part);
                at.start + shift..at.end + shift
            }),
            ..e
        })?;
        conds.push(cond);
    }
    if conds.is_empty() {
        return Err(format!("empty step `{body}`").into());
    }
    Ok(conds)
}

/// Parses the levels of a `pos:` condition; an unknown tag points at its level in `value`.
fn parse_pos(value: &str) -> Result<Cond, StepError> {
    let raw: Vec<&str> = value.split(',').collect();
    if raw.len() > 4 {
        return Err(
            "`pos:` has at most four levels, e.g. `pos:名詞,固有名詞,人名,姓`"
                .to_string()
                .into(),
        );
    }
    let levels: Vec<String> = raw.iter().map(|l| nfkc(l)).collect();
    let refs: Vec<&str> = levels.iter().map(String::as_str).collect();
    pos::parse_pos_pattern(&refs).map(Cond::Pos).map_err(|e| {
        let start = offset_in(value, raw[e.level]);
        StepError {
            message: e.message,
            at: Some(start..start + raw[e.level].len()),
        }
    })
}

fn parse_cond(part: &str) -> Result<Cond, StepError> {
    if let Some(rest) = part.strip_prefix('!') {
        return parse_cond(rest)
            .map(|c| Cond::Not(Box::new(c)))
            .map_err(|e| StepError {
                at: e.at.map(|at| at.start + 1..at.end + 1),
                ..e
            });
    }
    let nonempty = |v: &str, what: &str| {
        if v.is_empty() {
            Err(format!(
                "`{what}:` needs a value, e.g. `{what}:{}`",
                example(what)
            ))
        } else {
            Ok(nfkc(v))
        }
    };
    if part == "*" {
        return Ok(Cond::Any);
    }
    if let Some(v) = part.strip_prefix("surface:") {
        return Ok(Cond::Surface(nonempty(v, "surface")?));
    }
    if let Some(v) = part.strip_prefix("base:") {
        return Ok(Cond::Base(nonempty(v, "base")?));
    }
    if let Some(v) = part.strip_prefix("read:") {
        return Ok(Cond::Reading(nonempty(v, "read")?));
    }
    if let Some(v) = part.strip_prefix("pos:") {
        nonempty(v, "pos")?;
        return parse_pos(v).map_err(|e| StepError {
            at: e
                .at
                .map(|at| at.start + "pos:".len()..at.end + "pos:".len()),
            ..e
        });
    }
    if let Some(v) = part.strip_prefix("re:") {
        // `^(追求|追究)$` is a list of words: compared as strings, with no regex to compile
        // (most `re:` steps in the built-in packs; compiling them was a visible part of
        // start-up).
        if let Some(words) = literal_alternatives(&nfkc(v)) {
            return Ok(Cond::OneOf(words));
        }
        // The same size limits as `regex:` keys, so `re:a{1000}{1000}` fails to load instead of
        // taking gigabytes.
        let re = regex::RegexBuilder::new(&nfkc(v))
            .size_limit(super::kinds::REGEX_SIZE_LIMIT)
            .dfa_size_limit(super::kinds::REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| format!("invalid regex in `re:`: {e}"))?;
        return Ok(Cond::Regex(re));
    }
    if let Some((prefix, _)) = part.split_once(':')
        && prefix.chars().all(|c| c.is_ascii_alphabetic())
        && !prefix.is_empty()
    {
        return Err(format!(
            "unknown condition `{prefix}:` (expected surface:, base:, pos:, read: or re:)"
        )
        .into());
    }
    Ok(Cond::Surface(nfkc(part)))
}

fn example(what: &str) -> &'static str {
    match what {
        "base" => "する",
        "pos" => "名詞,サ変接続",
        "read" => "イガイ",
        _ => "以外",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::ja::Morphology;

    fn find<'t>(pattern: &str, text: &'t str) -> Vec<(&'t str, &'t str)> {
        let morphology = Morphology::new();
        let a = Analysis::new(&morphology, text);
        let p = TokenPattern::parse(pattern).unwrap();
        p.find_all(&a, 0..a.tokens.len())
            .into_iter()
            .map(|m| (&text[m.whole.range()], &text[m.target.range()]))
            .collect()
    }

    #[test]
    fn noun_ka_suru() {
        assert_eq!(
            find("pos:名詞 化 base:する", "自動化する。"),
            vec![("自動化する", "自動化する")]
        );
        assert!(find("pos:名詞 化 base:する", "変化する。").is_empty());
    }

    #[test]
    fn target_brackets_narrow_the_span() {
        assert_eq!(
            find("[以外] な pos:名詞", "以外な結果だ。"),
            vec![("以外な結果", "以外")]
        );
        assert!(find("[以外] な pos:名詞", "それ以外の方法。").is_empty());
    }

    #[test]
    fn surface_step_spans_several_tokens_but_only_whole_ones() {
        assert_eq!(
            find("支援兵士", "支援兵士を主張"),
            vec![("支援兵士", "支援兵士")]
        );
        // 帰り先 is 帰り + 先; a surface step must not match a part of a token.
        assert!(find("帰", "帰り先").is_empty());
    }

    #[test]
    fn optional_and_negated_steps() {
        assert_eq!(
            find("重視 base:する? ない", "重視ない"),
            vec![("重視ない", "重視ない")]
        );
        assert_eq!(
            find("重視 base:する? ない", "重視しない"),
            vec![("重視しない", "重視しない")]
        );
        assert!(find("pos:名詞&!base:協力 を", "協力を").is_empty());
        assert_eq!(find("pos:名詞&!base:協力 を", "支援を").len(), 1);
    }

    #[test]
    fn regex_and_reading_conditions() {
        assert_eq!(find("re:^[0-9]+$ 年", "2027年"), vec![("2027年", "2027年")]);
        assert_eq!(find("read:イガイ", "意外だ"), vec![("意外", "意外")]);
    }

    #[test]
    fn brackets_around_regex_steps() {
        assert_eq!(
            find("[re:^(足元|足下)$] を", "足元を見る"),
            vec![("足元を", "足元")]
        );
        assert_eq!(find("re:^[0-9]+$ 年", "2027年"), vec![("2027年", "2027年")]);
        assert_eq!(find("[re:^[0-9]+$] 年", "2027年"), vec![("2027年", "2027")]);
    }

    #[test]
    fn word_list_regexes_match_like_the_regex() {
        let morphology = Morphology::new();
        let text = "安全保障と安全保証、安全補償の保証人。保証";
        let a = Analysis::new(&morphology, text);
        for (list, regex) in [
            ("re:^(保証|補償)$", "re:^(保証|補償)$|^$"),
            ("re:^(?:保証|補償)$", "re:^(?:保証|補償)$|^$"),
            ("re:^保証$", "re:^保証$|^$"),
        ] {
            let list = TokenPattern::parse(list).unwrap();
            assert!(matches!(list.steps[0].conds[0], Cond::OneOf(_)));
            // The `|^$` keeps the second a real regex (an empty surface never occurs).
            let regex = TokenPattern::parse(regex).unwrap();
            assert!(matches!(regex.steps[0].conds[0], Cond::Regex(_)));
            let found = list.find_all(&a, 0..a.tokens.len());
            let words: &[&str] = if list.source().contains('補') {
                &["保証", "補償"]
            } else {
                &["保証"]
            };
            let expected = (0..a.tokens.len())
                .filter(|&i| words.contains(&a.surface(i)))
                .count();
            assert!(expected >= 2);
            assert_eq!(found.len(), expected);
            assert_eq!(found, regex.find_all(&a, 0..a.tokens.len()));
        }
    }

    #[test]
    fn many_optional_steps_cost_linear_time() {
        let morphology = Morphology::new();
        let text = "日本政府は石破首相の会見で新しい方針を示した。".repeat(400);
        let a = Analysis::new(&morphology, &text);
        let tokens = a.tokens.len();
        for n in [10, 20, 40] {
            let source = format!("{}re:^[0-9]{{9}}$", "*? ".repeat(n));
            let p = TokenPattern::parse(&source).unwrap();
            let (found, visits) = p.find_all_counted(&a, 0..tokens);
            assert!(found.is_empty());
            // Every (step, token) state at most once, plus one lookup per edge into it.
            assert!(
                visits <= 3 * (n + 2) * (tokens + 1),
                "{n} steps: {visits} visits for {tokens} tokens"
            );
        }
        // The memo changes no result: optional steps still match where they can.
        let p = TokenPattern::parse("*? *? [会見] *? で").unwrap();
        assert_eq!(p.find_all(&a, 0..tokens).len(), 400);
    }

    #[test]
    fn required_literals_prefer_the_most_selective_step() {
        let lits = |p: &str| TokenPattern::parse(p).unwrap().required_literals();
        assert_eq!(
            lits("re:^(氏|首相)$ の [帰り先]"),
            Some(vec!["帰り先".to_string()])
        );
        assert_eq!(
            lits("[安全 re:^(保証|補償)$] 条約"),
            Some(vec!["安全".to_string()])
        );
        assert_eq!(
            lits("re:^(協力|支援|出動)$ を [陽性]"),
            Some(vec!["陽性".to_string()])
        );
        assert_eq!(lits("pos:名詞 base:する"), None);
        assert_eq!(lits("以外? な"), Some(vec!["な".to_string()]));
    }

    #[test]
    fn anchors_are_the_pinned_steps_with_their_distance() {
        let anchors = |p: &str| {
            TokenPattern::parse(p)
                .unwrap()
                .anchors
                .into_iter()
                .map(|a| {
                    let words = match a.anchor {
                        Anchor::Surfaces(w) => w.join("|"),
                        Anchor::Bases(w) => format!("base:{}", w.join("|")),
                    };
                    (words, a.min, a.max)
                })
                .collect::<Vec<_>>()
        };
        let v = |list: &[(&str, usize, usize)]| {
            list.iter()
                .map(|(w, a, b)| (w.to_string(), *a, *b))
                .collect::<Vec<_>>()
        };
        assert_eq!(anchors("以外 な"), v(&[("以外", 0, 0), ("な", 1, 2)]));
        assert_eq!(
            anchors("base:する ない"),
            v(&[("base:する", 0, 0), ("ない", 1, 1)])
        );
        assert_eq!(
            anchors("re:^(追求|追究)$ を"),
            v(&[("追求|追究", 0, 0), ("を", 1, 1)])
        );
        assert_eq!(anchors("re:^[0-9]+$ 年"), v(&[("年", 1, 1)]));
        assert_eq!(anchors("pos:名詞 へ? の? [シーン]"), v(&[("シーン", 1, 3)]));
        assert_eq!(anchors("pos:名詞 *"), v(&[]));
        assert_eq!(anchors("以外? な"), v(&[("な", 0, 2)]));
        // A plain surface may span up to one token per character.
        assert_eq!(
            anchors("re:^[0-9]+$ 支援兵士 を"),
            v(&[("支援兵士", 1, 1), ("を", 2, 5)])
        );
    }

    #[test]
    fn anchored_and_unanchored_patterns_find_the_same_matches() {
        let text = "支援兵士を主張。責任を追求する。それ以外な点。これは以外な結果。重視しない。";
        for (anchored, scan) in [
            // `{1}` makes a regex that is not a plain word list, so it is not an anchor.
            ("支援兵士", "re:^支援{1}$ re:^兵士{1}$"),
            ("re:^(追求|追究)$", "re:^(追求|追究){1}$"),
            ("[以外] な", "[re:^以外{1}$] re:^な{1}$"),
            ("base:する ない", "pos:動詞&!base:くる re:^ない{1}$"),
            ("pos:助詞 [以外] な", "pos:助詞 [re:^以外{1}$] re:^な{1}$"),
            (
                "pos:助詞 は? [以外] な",
                "pos:助詞 re:^は{1}$? [re:^以外{1}$] re:^な{1}$",
            ),
        ] {
            assert!(!TokenPattern::parse(anchored).unwrap().anchors.is_empty());
            assert!(
                TokenPattern::parse(scan).unwrap().anchors.is_empty(),
                "{scan}"
            );
            assert_eq!(
                find(anchored, text),
                find(scan, text),
                "{anchored} vs {scan}"
            );
            assert!(!find(anchored, text).is_empty(), "{anchored}");
        }
    }

    #[test]
    fn patterns_do_not_cross_lines() {
        assert!(find("以外 な", "以外\nな").is_empty());
    }

    #[test]
    fn syntax_errors_point_into_the_pattern() {
        let e = TokenPattern::parse("名詞 pso:名詞").unwrap_err();
        assert!(
            e.message.contains("unknown condition `pso:`"),
            "{}",
            e.message
        );
        assert_eq!(e.at, Span::new("名詞 ".len(), "名詞 pso:名詞".len()));
        assert!(
            TokenPattern::parse("[以外 な")
                .unwrap_err()
                .message
                .contains("matching `]`")
        );
        assert!(
            TokenPattern::parse("re:(")
                .unwrap_err()
                .message
                .contains("invalid regex")
        );
        assert!(TokenPattern::parse("a? b?").is_err());
    }

    #[test]
    fn pos_conditions_are_checked_against_the_tag_set() {
        let e = TokenPattern::parse("[以外] な pos:名刺").unwrap_err();
        assert_eq!(e.message, "unknown POS `名刺`; did you mean `名詞`?");
        assert_eq!(
            e.at,
            Span::new("[以外] な pos:".len(), "[以外] な pos:名刺".len())
        );
        // In a conjunction, negated, at a deeper level.
        let source = "pos:動詞&!pos:名詞,固有名刺";
        let e = TokenPattern::parse(source).unwrap_err();
        assert!(
            e.message.contains("did you mean `固有名詞`?"),
            "{}",
            e.message
        );
        assert_eq!(&source[e.at.range()], "固有名刺");
        let e = TokenPattern::parse("pos:動詞,サ変接続").unwrap_err();
        assert!(e.message.contains("after `動詞`"), "{}", e.message);
        assert!(TokenPattern::parse("pos:名詞,*,人名,姓").is_ok());
        assert!(
            TokenPattern::parse("pos:a,b,c,d,e")
                .unwrap_err()
                .message
                .contains("four")
        );
        // Every POS of the set, written as a rule writes it, parses and matches itself.
        for tags in pos::TAG_SET {
            let written: Vec<String> = tags.iter().map(|t| nfkc(t.as_str())).collect();
            let source = format!("pos:{}", written.join(","));
            let p = TokenPattern::parse(&source).unwrap_or_else(|e| panic!("{source}: {e:?}"));
            let Cond::Pos(levels) = &p.steps[0].conds[0] else {
                panic!("{source}");
            };
            assert!(pos::pos_matches(levels, pos::Pos::new(*tags)), "{source}");
        }
    }
}
