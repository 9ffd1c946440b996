//! `kind: substitution`: map wrong → right and offer the right form as a fix.
//!
//! ```yaml
//! kind: substitution
//! message: "「{match}」は「{replacement}」の誤りではありませんか"
//! swap:
//!   帰り先: 返り咲き
//! patterns:                       # context-dependent: only the [bracketed] part is replaced
//!   - tokens: "[以外] な pos:名詞"
//!     to: 意外
//! match_reading: false            # also catch other spellings with the same reading
//! ```

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{CompileContext, Context, compile_patterns, normalize_terms};
use crate::error::FileError;
use crate::finding::{Applicability, Hit};
use crate::lang::ja::Analysis;
use crate::rules::message::Message;
use crate::rules::pattern::TokenPattern;
use crate::rules::spec::RuleSource;
use crate::span::Span;

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
pub struct Spec {
    /// Wrong → right literal pairs.
    #[serde(default)]
    pub swap: BTreeMap<String, String>,
    /// Contextual substitutions.
    #[serde(default)]
    pub patterns: Vec<PatternEntry>,
    /// Allow matches that cut through a word (default: whole tokens only).
    #[serde(default)]
    pub substring: bool,
    /// Also match token runs whose reading equals a `swap` key's reading.
    #[serde(default)]
    pub match_reading: bool,
    /// ASCII case-insensitive matching for `swap` keys.
    #[serde(default)]
    pub ignore_case: bool,
    /// Whether `seigo check --fix` may apply this rule's replacements unreviewed (`true`:
    /// the rule is sure, e.g. a garble or a house-style swap). `false` makes them
    /// suggestions, applied only with `--unsafe-fixes` (a homophone that context may justify).
    #[serde(default = "yes")]
    pub safe: bool,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PatternEntry {
    /// A token pattern; its `[bracketed]` part is what is reported and replaced.
    pub tokens: String,
    /// The replacement for the bracketed part.
    pub to: String,
    /// Whether this pattern's replacement is safe to apply unreviewed (default: the rule's
    /// `safe`).
    #[serde(default)]
    pub safe: Option<bool>,
}

pub const PLACEHOLDERS: &[&str] = &["match", "replacement"];

#[derive(Debug)]
pub struct Substitution {
    swap: Option<(AhoCorasick, Vec<String>)>,
    /// What the engine's prefilter looks for (see [`Substitution::required_literals`]).
    literals: Option<Vec<String>>,
    /// Each pattern with its replacement and whether that fix is safe.
    patterns: Vec<(TokenPattern, String, Applicability)>,
    /// Whether swaps and reading matches are safe fixes (`safe:`).
    applicability: Applicability,
    /// Reading of each swap key → (key, replacement), with the longest key in tokens.
    readings: HashMap<String, (String, String)>,
    max_reading_tokens: usize,
    substring: bool,
}

impl super::RuleKind for Substitution {
    const NAME: &'static str = "substitution";
    const PLACEHOLDERS: &'static [&'static str] = PLACEHOLDERS;
    type Spec = Spec;

    fn compile(
        spec: Spec,
        src: &RuleSource,
        context: &CompileContext<'_>,
    ) -> Result<Self, Vec<FileError>> {
        if spec.swap.is_empty() && spec.patterns.is_empty() {
            return Err(vec![
                src.error(
                    Some(src.key("kind").unwrap_or_default()),
                    "a substitution rule needs `swap` or `patterns`",
                )
                .with_help("add e.g.\n  swap:\n    帰り先: 返り咲き"),
            ]);
        }
        let mut errors = Vec::new();
        let (from, to): (Vec<String>, Vec<String>) = spec.swap.into_iter().unzip();
        let keys = normalize_terms(&from, "swap", src, &mut errors);
        for (k, v) in keys.iter().zip(&to) {
            if k == v {
                errors.push(src.error(
                    src.item(&["swap"], k),
                    format!("`{k}` is swapped for itself"),
                ));
            }
        }
        let sources: Vec<String> = spec.patterns.iter().map(|p| p.tokens.clone()).collect();
        let compiled = compile_patterns(&sources, &["patterns"], src, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let applicability = |safe: bool| match safe {
            true => Applicability::Safe,
            false => Applicability::Suggestion,
        };
        let patterns: Vec<(TokenPattern, String, Applicability)> = compiled
            .into_iter()
            .zip(spec.patterns)
            .map(|(c, p)| (c, p.to, applicability(p.safe.unwrap_or(spec.safe))))
            .collect();
        let mut readings = HashMap::new();
        let mut max_reading_tokens = 0;
        if spec.match_reading {
            // Readings come from the morphology the rule will run with (its user dictionary
            // may spell a key's reading).
            for (k, v) in keys.iter().zip(&to) {
                let a = Analysis::new(context.morphology, k);
                max_reading_tokens = max_reading_tokens.max(a.tokens.len());
                let reading: String = (0..a.tokens.len()).map(|i| a.reading(i)).collect();
                readings.insert(reading, (k.clone(), v.clone()));
            }
        }
        // Matching by reading finds spellings no literal predicts.
        let literals = if spec.match_reading {
            None
        } else {
            patterns
                .iter()
                .map(|(p, _, _)| p.required_literals())
                .collect::<Option<Vec<_>>>()
                .map(|lists| {
                    keys.iter()
                        .cloned()
                        .chain(lists.into_iter().flatten())
                        .collect()
                })
        };
        let swap = (!keys.is_empty()).then(|| {
            let ac = AhoCorasickBuilder::new()
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(spec.ignore_case)
                .build(&keys)
                .expect("literal keys always build");
            (ac, to)
        });
        Ok(Substitution {
            swap,
            literals,
            patterns,
            applicability: applicability(spec.safe),
            readings,
            max_reading_tokens,
            substring: spec.substring,
        })
    }

    /// Strings one of which occurs (ASCII case aside) in any text this rule reports on, or
    /// `None` (a pattern without a surface step, or `match_reading`).
    fn required_literals(&self) -> Option<&[String]> {
        self.literals.as_deref()
    }

    fn check(&self, ctx: &Context<'_>, message: &Message, out: &mut Vec<Hit>) {
        let a = ctx.analysis;
        let mut found: Vec<(Span, &str, Applicability)> = Vec::new();
        if let Some((ac, to)) = &self.swap {
            for m in ac.find_iter(a.text) {
                let span = Span::new(m.start(), m.end());
                if self.substring || (a.is_boundary(span.start) && a.is_boundary(span.end)) {
                    found.push((span, &to[m.pattern().as_usize()], self.applicability));
                }
            }
        }
        for (p, to, applicability) in &self.patterns {
            for m in p.find_all(a, 0..a.tokens.len()) {
                if !m.target.is_empty() && a.text[m.target.range()] != **to {
                    found.push((m.target, to, *applicability));
                }
            }
        }
        if !self.readings.is_empty() {
            self.find_by_reading(a, &mut found);
        }
        found.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
        let mut last_end = 0;
        for (span, to, applicability) in found {
            if span.start < last_end || reads_as_replacement(a.text, span, to) {
                continue;
            }
            last_end = span.end;
            let m = &a.text[span.range()];
            let msg = message.render(&[("match", m), ("replacement", to)]);
            out.push(Hit::new(span, msg).with_fix_as(span, to, applicability));
        }
    }
}

impl Substitution {
    /// Token runs whose concatenated reading equals a key's reading, spelled differently from
    /// both the key (found by the literal scan) and the replacement (which is correct).
    fn find_by_reading<'r>(
        &'r self,
        a: &Analysis<'_>,
        found: &mut Vec<(Span, &'r str, Applicability)>,
    ) {
        let mut reading = String::new();
        for i in 0..a.tokens.len() {
            reading.clear();
            for j in i..(i + self.max_reading_tokens).min(a.tokens.len()) {
                reading.push_str(a.reading(j));
                if let Some((key, to)) = self.readings.get(reading.as_str()) {
                    let span = Span::new(a.tokens[i].span.start, a.tokens[j].span.end);
                    let surface = &a.text[span.range()];
                    if surface != key && surface != to {
                        found.push((span, to, self.applicability));
                    }
                }
            }
        }
    }
}

/// Whether the text around a match already reads as its replacement: 会見 inside 記者会見 for
/// a swap 会見 → 記者会見. Such a match is not reported, so a replacement that contains what
/// it replaces settles after one fix instead of growing on every run.
fn reads_as_replacement(text: &str, span: Span, to: &str) -> bool {
    let matched = &text[span.range()];
    if matched.is_empty() {
        return false;
    }
    let to: String = to.nfkc().collect();
    to.match_indices(matched).any(|(j, _)| {
        span.start
            .checked_sub(j)
            .and_then(|from| text.get(from..))
            .is_some_and(|rest| rest.starts_with(to.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{assert_hits, hits, rule_from_yaml};

    #[test]
    fn swaps_offer_the_replacement_as_fix() {
        let rule = rule_from_yaml(
            "kind: substitution\nmessage: 「{match}」→「{replacement}」\nswap:\n  帰り先: 返り咲き\n",
        );
        let h = hits(&rule, "トランプ氏の帰り先に備え");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].message, "「帰り先」→「返り咲き」");
        assert_eq!(h[0].fixes[0].replacement, "返り咲き");
        assert_eq!(h[0].fixes[0].span, h[0].span);
    }

    #[test]
    fn swaps_respect_token_boundaries() {
        let rule = rule_from_yaml("kind: substitution\nmessage: x\nswap:\n  兵士: 停止\n");
        assert_hits(&rule, "支援兵士を主張", &["兵士"]);
        let rule = rule_from_yaml("kind: substitution\nmessage: x\nswap:\n  援兵: 援助\n");
        assert_hits(&rule, "支援兵士を主張", &[]);
    }

    #[test]
    fn patterns_replace_only_the_target() {
        let rule = rule_from_yaml(
            "kind: substitution\nmessage: x\npatterns:\n  - tokens: \"[以外] な pos:名詞\"\n    to: 意外\n",
        );
        assert_hits(&rule, "以外な結果となった。", &["以外"]);
        assert_hits(&rule, "それ以外の結果となった。", &[]);
    }

    #[test]
    fn a_match_that_already_reads_as_its_replacement_is_not_reported() {
        let rule = rule_from_yaml(
            "kind: substitution\nmessage: x\nswap:\n  会見: 記者会見\npatterns:\n  - tokens: \"[本文]\"\n    to: 本文本文\n",
        );
        assert_hits(&rule, "首相は会見で述べた。", &["会見"]);
        assert_hits(&rule, "首相は記者会見で述べた。", &[]);
        assert_hits(&rule, "本文本文を読む。", &[]);
        assert_hits(&rule, "本文を読む。", &["本文"]);
    }

    #[test]
    fn reading_match_catches_other_spellings_but_not_the_right_one() {
        let rule = rule_from_yaml(
            "kind: substitution\nmessage: x\nswap:\n  絶対絶命: 絶体絶命\nmatch_reading: true\n",
        );
        assert_hits(&rule, "まさに絶対絶命だ。", &["絶対絶命"]);
        assert_hits(&rule, "まさに絶体絶命だ。", &[]);
    }

    #[test]
    fn safe_false_makes_the_fixes_suggestions_per_rule_or_pattern() {
        use crate::finding::Applicability::{Safe, Suggestion};
        let of = |yaml: &str, text: &str| -> Vec<crate::finding::Applicability> {
            hits(&rule_from_yaml(yaml), text)
                .iter()
                .map(|h| h.fixes[0].applicability)
                .collect()
        };
        let swap = "kind: substitution\nmessage: x\nswap:\n  帰り先: 返り咲き\n";
        assert_eq!(of(swap, "氏の帰り先に"), [Safe]);
        assert_eq!(
            of(&format!("{swap}safe: false\n"), "氏の帰り先に"),
            [Suggestion]
        );
        let pattern = "kind: substitution\nmessage: x\npatterns:\n  - tokens: \"[以外] な pos:名詞\"\n    to: 意外\n    safe: false\n";
        assert_eq!(of(pattern, "以外な結果。"), [Suggestion]);
        let pattern_safe = format!(
            "{}safe: false\n",
            pattern.replace("    safe: false\n", "    safe: true\n")
        );
        assert_eq!(
            of(&pattern_safe, "以外な結果。"),
            [Safe],
            "the pattern's own flag wins"
        );
    }
}
