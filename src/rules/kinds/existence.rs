//! `kind: existence`: flag any occurrence of listed terms, regexes or token patterns.
//!
//! ```yaml
//! kind: existence
//! message: "「{match}」は音声認識の誤りの可能性があります"
//! terms: [脅迫化]
//! regex: ['ウクライナシーン']
//! tokens: ["pos:名詞 化 base:する"]
//! substring: false   # default: a match must start and end on token boundaries
//! ```

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use serde::Deserialize;

use super::{Context, compile_patterns, compile_regexes, normalize_terms};
use crate::error::FileError;
use crate::finding::Hit;
use crate::rules::message::Message;
use crate::rules::pattern::TokenPattern;
use crate::rules::spec::RuleSource;
use crate::span::Span;

#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// Literal terms (NFKC-normalised before matching).
    #[serde(default)]
    pub terms: Vec<String>,
    /// Regular expressions (Rust `regex` syntax) matched against the NFKC text.
    #[serde(default)]
    pub regex: Vec<String>,
    /// Token patterns (see the README's pattern syntax).
    #[serde(default)]
    pub tokens: Vec<String>,
    /// Allow matches that cut through a word (default: whole tokens only).
    #[serde(default)]
    pub substring: bool,
    /// ASCII case-insensitive matching for terms and regexes.
    #[serde(default)]
    pub ignore_case: bool,
}

pub const PLACEHOLDERS: &[&str] = &["match"];

#[derive(Debug)]
pub struct Existence {
    terms: Option<AhoCorasick>,
    /// What the engine's prefilter looks for (see [`Existence::required_literals`]).
    literals: Option<Vec<String>>,
    regexes: Vec<Regex>,
    patterns: Vec<TokenPattern>,
    substring: bool,
}

impl super::RuleKind for Existence {
    const NAME: &'static str = "existence";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        _context: &super::CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        if spec.terms.is_empty() && spec.regex.is_empty() && spec.tokens.is_empty() {
            return Err(vec![
                src.error(
                    Some(src.key("kind").unwrap_or_default()),
                    "an existence rule needs at least one of `terms`, `regex` or `tokens`",
                )
                .with_help("add e.g.\n  terms:\n    - 脅迫化"),
            ]);
        }
        let mut errors = Vec::new();
        let terms = normalize_terms(&spec.terms, "terms", src, &mut errors);
        let regexes = compile_regexes(&spec.regex, "regex", spec.ignore_case, src, &mut errors);
        let patterns = compile_patterns(&spec.tokens, &["tokens"], src, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let literals = required_literals(&terms, &regexes, spec.ignore_case, &patterns);
        let terms = (!terms.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(spec.ignore_case)
                .build(&terms)
                .expect("literal terms always build")
        });
        Ok(Existence {
            terms,
            literals,
            regexes,
            patterns,
            substring: spec.substring,
        })
    }

    /// Strings one of which occurs (ASCII case aside) in any text this rule reports on, or
    /// `None` when a regex or token pattern has no such literal.
    fn required_literals(&self) -> Option<&[String]> {
        self.literals.as_deref()
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let text = ctx.analysis.text;
        let mut spans = Vec::new();
        if let Some(ac) = &self.terms {
            spans.extend(ac.find_iter(text).map(|m| Span::new(m.start(), m.end())));
        }
        for re in &self.regexes {
            spans.extend(re.find_iter(text).map(|m| Span::new(m.start(), m.end())));
        }
        spans.retain(|s| {
            !s.is_empty()
                && (self.substring
                    || (ctx.analysis.is_boundary(s.start) && ctx.analysis.is_boundary(s.end)))
        });
        for p in &self.patterns {
            spans.extend(
                p.find_all(ctx.analysis, 0..ctx.analysis.tokens.len())
                    .into_iter()
                    .map(|m| m.target),
            );
        }
        spans.sort();
        spans.dedup();
        let mut last_end = 0;
        for span in spans {
            if span.start < last_end {
                continue;
            }
            last_end = span.end;
            let m = &text[span.range()];
            out.push(Hit::new(span, message.render(&[("match", m)])));
        }
    }
}

/// The union of what each term, regex and pattern needs; `None` if any of them needs nothing
/// that can be searched for.
fn required_literals(
    terms: &[String],
    regexes: &[Regex],
    ignore_case: bool,
    patterns: &[TokenPattern],
) -> Option<Vec<String>> {
    let mut out = terms.to_vec();
    for re in regexes {
        out.extend(super::regex_literals(re.as_str(), ignore_case)?);
    }
    for p in patterns {
        out.extend(p.required_literals()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_hits, rule_from_yaml};

    #[test]
    fn terms_respect_token_boundaries() {
        let rule = rule_from_yaml("kind: existence\nmessage: 「{match}」\nterms: [支援]\n");
        assert_hits(&rule, "支援を続ける。", &["支援"]);
        // 支援 inside 支援者 is a token of its own in IPADIC, but not inside 非支援的? Use a
        // word IPADIC keeps whole: 応援 is not 援.
        let rule = rule_from_yaml("kind: existence\nmessage: 「{match}」\nterms: [援]\n");
        assert_hits(&rule, "応援する。", &[]);
        let rule =
            rule_from_yaml("kind: existence\nmessage: 「{match}」\nterms: [援]\nsubstring: true\n");
        assert_hits(&rule, "応援する。", &["援"]);
    }

    #[test]
    fn terms_match_nfkc_text() {
        let rule = rule_from_yaml("kind: existence\nmessage: 「{match}」\nterms: [ＮＡＴＯ]\n");
        assert_hits(&rule, "アジア版NATOの構想", &["NATO"]);
        assert_hits(&rule, "アジア版ＮＡＴＯの構想", &["ＮＡＴＯ"]);
    }

    #[test]
    fn regexes_and_token_patterns() {
        let rule = rule_from_yaml(
            "kind: existence\nmessage: 「{match}」\nregex: ['[0-9]+度目']\ntokens: ['pos:名詞 化 base:する']\n",
        );
        assert_hits(&rule, "3度目の正直。IT化する。", &["3度目", "IT化する"]);
        assert_hits(&rule, "変化する。", &[]);
    }

    #[test]
    fn message_renders_the_match() {
        let rule = rule_from_yaml("kind: existence\nmessage: 「{match}」は不明\nterms: [脅迫化]\n");
        let hits = crate::rules::testing::hits(&rule, "立場が脅迫化する");
        assert_eq!(hits[0].message, "「脅迫化」は不明");
    }
}
