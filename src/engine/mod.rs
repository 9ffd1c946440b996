//! Runs rules over documents: tokenize once, run every rule, map spans back to the source.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use crate::algo::hash::FastHashMap;
use crate::document::Document;
use crate::finding::{Finding, Fix, Hit, Related, Severity};
use crate::lang::ja::{Analysis, Morphology};
use crate::rules::Rule;
use crate::rules::kinds::Context;
use crate::span::{SourceSpan, Span};
use crate::suppress::{self, Suppressions};

mod prefilter;

use prefilter::Prefilter;

/// Time spent per rule ID (and `(tokenize)`), summed over documents.
pub type Timings = HashMap<String, Duration>;

/// The compiled rules and the analyser they were compiled against; cheap to share across
/// threads.
#[derive(Debug)]
pub struct Linter {
    rules: Vec<Rule>,
    morphology: Morphology,
    /// Rule IDs a suppression may name without being "unknown": the enabled rules, every
    /// built-in rule (even if disabled by config) and seigo's own pseudo-rule.
    known_ids: HashSet<String>,
    report_unused_disables: bool,
    prefilter: Prefilter,
}

impl Linter {
    /// A linter running `rules` (compiled against `morphology`) over texts that `morphology`
    /// analyses.
    pub fn new(rules: Vec<Rule>, morphology: Morphology) -> Self {
        let mut known_ids: HashSet<String> = rules.iter().map(|r| r.id.clone()).collect();
        known_ids.extend(
            crate::rules::builtin::FILES
                .iter()
                .map(|f| format!("{}/{}", f.pack, f.stem)),
        );
        known_ids.insert(suppress::RULE_ID.to_string());
        Linter {
            prefilter: Prefilter::new(&rules),
            rules,
            morphology,
            known_ids,
            report_unused_disables: false,
        }
    }

    /// Also report `seigo-disable` comments that suppressed nothing.
    pub fn report_unused_disables(mut self, yes: bool) -> Self {
        self.report_unused_disables = yes;
        self
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn morphology(&self) -> &Morphology {
        &self.morphology
    }

    /// All findings for a document, sorted by position, then rule.
    pub fn check(&self, doc: &Document) -> Vec<Finding> {
        self.check_timed(doc, None)
    }

    /// `check`, adding the time spent in tokenizing and in each rule to `timings` (for
    /// `--timings`: which rule makes a pack slow).
    pub fn check_timed(&self, doc: &Document, mut timings: Option<&mut Timings>) -> Vec<Finding> {
        let started = Instant::now();
        let analysis = Analysis::new(&self.morphology, &doc.text);
        if let Some(t) = timings.as_deref_mut() {
            *t.entry("(tokenize)".to_string()).or_default() += started.elapsed();
        }
        let started = Instant::now();
        let selected = self.prefilter.select(analysis.text);
        if let Some(t) = timings.as_deref_mut() {
            *t.entry("(prefilter)".to_string()).or_default() += started.elapsed();
        }
        let mut findings = Vec::new();
        for (rule, _) in self.rules.iter().zip(selected).filter(|(_, on)| *on) {
            let started = Instant::now();
            let built_before = timings.is_some().then(|| analysis.build_times());
            findings.extend(run_isolated(rule, doc, &analysis));
            if let (Some(t), Some(built_before)) = (timings.as_deref_mut(), built_before) {
                // The lazy tables a rule happened to build first are a shared cost.
                let mut elapsed = started.elapsed();
                for ((table, after), (_, before)) in
                    analysis.build_times().into_iter().zip(built_before)
                {
                    let built = after.saturating_sub(before);
                    if !built.is_zero() {
                        elapsed = elapsed.saturating_sub(built);
                        *t.entry(table.label().to_string()).or_default() += built;
                    }
                }
                *t.entry(rule.id.clone()).or_default() += elapsed;
            }
        }
        if doc.source.contains("seigo-") {
            let mut suppressions =
                Suppressions::parse(&doc.source, &doc.directive_regions(), |id| {
                    self.known_ids.contains(id)
                });
            suppressions.apply(&doc.source, &mut findings);
            findings.extend(suppressions.problems(self.report_unused_disables));
        }
        sort_findings(&mut findings);
        merge_duplicates(&mut findings, &doc.text);
        findings
    }
}

/// One defect, one finding: [`drop_repeated_corrections`], then
/// [`drop_claims_shown_contradicted`]. `findings` must be sorted; `text` is the document's.
pub fn merge_duplicates(findings: &mut Vec<Finding>, text: &str) {
    drop_repeated_corrections(findings);
    drop_claims_shown_contradicted(findings, text);
}

/// A value of a headline or summary that the body does not support (`headline-support`),
/// reported at the same place by the numbers kind with the body's other value (まとめ「最速で
/// 57分」 / 本文「最速52分」), is one defect to the editor: the contradiction, which shows the
/// other place, is kept. Only when every other word the claim marks on its own line lies
/// inside a span of the numbers findings: a claim with another unsupported word stays. Runs
/// after suppressions, so disabling the numbers rule leaves the headline's finding.
pub fn drop_claims_shown_contradicted(findings: &mut Vec<Finding>, text: &str) {
    use crate::rules::kinds::RuleKind;
    use crate::rules::kinds::headline_support::HeadlineSupport;
    use crate::rules::kinds::numbers::Numbers;
    let contradictions: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == Numbers::NAME)
        .collect();
    if contradictions.is_empty() {
        return;
    }
    let inside = |s: SourceSpan| {
        contradictions.iter().any(|c| {
            std::iter::once(c.span)
                .chain(c.related.iter().map(|r| r.span))
                .any(|t| t.start <= s.start && s.end <= t.end)
        })
    };
    let shown = |f: &Finding| {
        f.kind == HeadlineSupport::NAME
            && contradictions
                .iter()
                .any(|c| c.span.start <= f.span.start && f.span.end <= c.span.end)
            && f.related
                .iter()
                .all(|r| !on_one_line(text, r.span, f.span) || inside(r.span))
    };
    let keep: Vec<bool> = findings.iter().map(|f| !shown(f)).collect();
    retain_kept(findings, &keep);
}

/// Two rules proposing the same correction at the same place (the hand-written 絶対絶命 →
/// 絶体絶命 and the reading kind's) are one finding to the editor: the more severe is kept,
/// of equals the first in `sort_findings` order. Runs after suppressions, so disabling one
/// rule leaves the other's finding. `findings` must be sorted.
pub fn drop_repeated_corrections(findings: &mut Vec<Finding>) {
    let mut keep = vec![true; findings.len()];
    let mut best: FastHashMap<(SourceSpan, &str), usize> = FastHashMap::default();
    let mut start = 0;
    while start < findings.len() {
        let span = findings[start].span;
        let end = start
            + findings[start..]
                .iter()
                .take_while(|f| f.span == span)
                .count();
        if end - start > 1 {
            best.clear();
            for i in start..end {
                let Some(fix) = findings[i].fixes.first() else {
                    continue;
                };
                match best.entry((fix.span, fix.replacement.as_str())) {
                    Entry::Vacant(e) => {
                        e.insert(i);
                    }
                    Entry::Occupied(mut e) => {
                        let kept = *e.get();
                        if findings[i].severity > findings[kept].severity {
                            keep[kept] = false;
                            e.insert(i);
                        } else {
                            keep[i] = false;
                        }
                    }
                }
            }
        }
        start = end;
    }
    retain_kept(findings, &keep);
}

/// Keeps the findings whose entry in `keep` (one per finding, in order) is true.
fn retain_kept(findings: &mut Vec<Finding>, keep: &[bool]) {
    let mut index = 0;
    findings.retain(|_| {
        index += 1;
        keep[index - 1]
    });
}

/// Whether nothing but one line separates spans `a` and `b` of `text`.
fn on_one_line(text: &str, a: SourceSpan, b: SourceSpan) -> bool {
    let (start, end) = (a.start.min(b.start), a.end.max(b.end));
    text.get(start..end).is_some_and(|s| !s.contains('\n'))
}

/// Runs one rule; a rule that panics (a bug in seigo, never the input's fault) yields one
/// error finding at the start of the file instead of its findings, and the other rules still
/// run on the file.
fn run_isolated(rule: &Rule, doc: &Document, analysis: &Analysis<'_>) -> Vec<Finding> {
    isolated(&rule.id, doc, || run_rule(rule, doc, analysis))
}

/// The findings `run` returns, or the finding that rule `id` failed when it panics.
fn isolated(id: &str, doc: &Document, run: impl FnOnce() -> Vec<Finding>) -> Vec<Finding> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)).unwrap_or_else(|payload| {
        let cause = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_string());
        vec![Finding {
            rule: id.to_string(),
            kind: "internal",
            severity: Severity::Error,
            message: crate::i18n::rule_failed(id, &cause),
            span: doc.to_source(Span::new(0, 0)),
            related: Vec::new(),
            fixes: Vec::new(),
        }]
    })
}

/// Runs one rule and maps its hits to findings with source spans. A rule with
/// `match_on: source` runs on the document as written (its own analysis).
pub fn run_rule(rule: &Rule, doc: &Document, analysis: &Analysis<'_>) -> Vec<Finding> {
    if rule.matches_source() {
        let verbatim = doc.verbatim();
        let analysis = Analysis::new(analysis.morphology(), &verbatim.text);
        return run_on(rule, &verbatim, &analysis);
    }
    run_on(rule, doc, analysis)
}

fn run_on(rule: &Rule, doc: &Document, analysis: &Analysis<'_>) -> Vec<Finding> {
    let ctx = Context { doc, analysis };
    rule.check(&ctx)
        .into_iter()
        .filter_map(|hit| to_finding(rule, doc, hit))
        .collect()
}

/// Maps a hit to source spans. A hit that starts or ends in masked text (code, URLs, markup)
/// matched what is not article text and is dropped; related spans are widened to whole
/// masked regions; a fix that would rewrite masked text is dropped.
fn to_finding(rule: &Rule, doc: &Document, hit: Hit) -> Option<Finding> {
    if doc.touches_mask(hit.span) {
        return None;
    }
    Some(Finding {
        rule: rule.id.clone(),
        kind: rule.kind(),
        severity: hit.severity(rule.severity),
        message: hit.message,
        span: doc.to_source(hit.span),
        related: hit
            .related
            .into_iter()
            .map(|r| Related {
                span: doc.to_source(doc.widen_out_of_mask(r.span)),
                message: r.message,
            })
            .collect(),
        fixes: hit
            .fixes
            .into_iter()
            .filter(|f| !doc.overlaps_mask(f.span))
            .map(|f| {
                let (span, replacement) = doc.fix_to_source(f.span, &f.replacement);
                Fix {
                    span,
                    replacement,
                    applicability: f.applicability,
                }
            })
            .collect(),
    })
}

pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, &a.rule, &a.message).cmp(&(
            b.span.start,
            b.span.end,
            &b.rule,
            &b.message,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    #[test]
    fn a_rule_that_panics_is_one_error_finding_and_the_others_still_count() {
        let doc = Document::parse(
            "t.txt",
            "見出し\n\n本文。\n".to_string(),
            crate::Format::PlainText,
        );
        let failed = isolated("t/broken", &doc, || panic!("index out of bounds"));
        assert_eq!(failed.len(), 1);
        assert_eq!(
            (failed[0].rule.as_str(), failed[0].severity, failed[0].kind),
            ("t/broken", Severity::Error, "internal")
        );
        assert!(
            failed[0].message.contains("t/broken"),
            "{}",
            failed[0].message
        );
        assert!(
            failed[0].message.contains("index out of bounds"),
            "{}",
            failed[0].message
        );
        // A rule that runs is passed through untouched.
        let ran = isolated("t/fine", &doc, || failed.clone());
        assert_eq!(ran.len(), 1);
        assert_eq!(ran[0].rule, "t/broken");
    }

    #[test]
    fn the_same_correction_at_the_same_place_is_one_finding() {
        let morphology = Morphology::new();
        let rule = |id: &str, severity: &str, swap: &str| {
            let yaml =
                format!("kind: substitution\nseverity: {severity}\nmessage: m\nswap: {{{swap}}}\n");
            let source = crate::rules::spec::RuleSource::new(format!("{id}.yaml"), yaml);
            Rule::load(format!("t/{id}"), source, false, &morphology).expect("loads")
        };
        let rules = vec![
            rule("a-warning", "warning", "絶対絶命: 絶体絶命"),
            rule("b-error", "error", "絶対絶命: 絶体絶命"),
            rule("c-other", "info", "絶対絶命: 絶体絶命の危機"),
            rule("d-error", "error", "絶対絶命: 絶体絶命"),
        ];
        let linter = Linter::new(rules, morphology);
        let text = "見出し\n\n彼は絶対絶命の状況にある。\n";
        let doc = Document::parse("t.txt", text.to_string(), crate::Format::PlainText);
        let found: Vec<(String, Severity)> = linter
            .check(&doc)
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect();
        // The most severe of the same correction stays (the first of two errors); another
        // correction at the same place is another finding.
        assert_eq!(
            found,
            [
                ("t/b-error".to_string(), Severity::Error),
                ("t/c-other".to_string(), Severity::Info),
            ]
        );
    }

    /// A linter with the built-in packs, as `seigo check --no-config` runs.
    fn builtin_linter() -> Linter {
        let morphology = Morphology::new();
        let rules = crate::config::Config::default()
            .load_rules(&morphology)
            .unwrap();
        Linter::new(rules, morphology)
    }

    #[test]
    fn a_summary_value_the_numbers_kind_contradicts_is_one_finding() {
        let linter = builtin_linter();
        let kinds = |text: &str| -> Vec<&'static str> {
            let doc = Document::parse("t.md", text.to_string(), crate::Format::Markdown);
            linter.check(&doc).into_iter().map(|f| f.kind).collect()
        };
        let body = "# お詫びの配布\n\n運営からはお詫びとして「星晶石」300個が配布されています。\n\n## まとめ\n\n";
        // The numbers kind shows both values: the summary's unsupported 500個 is that finding.
        let found = kinds(&format!("{body}- お詫びとして星晶石500個が配布済み\n"));
        assert!(found.contains(&"numbers"), "{found:?}");
        assert!(!found.contains(&"headline-support"), "{found:?}");
        // Another unsupported word on the line keeps the headline finding.
        let found = kinds(&format!(
            "{body}- お詫びとして星晶石500個とガチャ券10枚が配布済み\n"
        ));
        assert!(found.contains(&"numbers"), "{found:?}");
        assert!(found.contains(&"headline-support"), "{found:?}");
    }

    #[test]
    fn prefiltered_check_equals_running_every_rule() {
        let linter = builtin_linter();
        let seed = include_str!("../../fixtures/seed-article.txt");
        let doc = Document::parse("seed.txt", seed.to_string(), crate::Format::PlainText);
        let analysis = Analysis::new(linter.morphology(), &doc.text);
        let mut all: Vec<Finding> = linter
            .rules()
            .iter()
            .flat_map(|r| run_rule(r, &doc, &analysis))
            .collect();
        sort_findings(&mut all);
        merge_duplicates(&mut all, &doc.text);
        assert!(all.len() > 10);
        assert_eq!(linter.check(&doc), all);
        // The seed triggers only some of the word rules.
        let on = linter.prefilter.select(&doc.text);
        assert!(on.iter().filter(|o| !**o).count() > 50, "{on:?}");
    }

    /// Two linters in one process, each with its own user dictionary, analyse one text
    /// differently: 帰り咲き is one word with one dictionary and two with the other, and a
    /// substitution by reading compiles against its own linter's dictionary (the key's
    /// reading is カエリザキ with the first, カエリサキ with the second).
    #[test]
    fn linters_with_different_user_dictionaries_coexist() {
        let with = crate::lang::ja::with_user_rows("帰り咲き,名詞,カエリザキ\n");
        let without = crate::lang::ja::with_user_rows("咲き帰り,名詞,サキガエリ\n");
        let rules = |morphology: &Morphology| {
            [
                "kind: existence\nmessage: 一語\ntokens: ['帰り咲き&read:カエリザキ']\n",
                "kind: substitution\nmessage: 表記\nswap: {帰り咲き: 返り咲き}\nmatch_reading: true\n",
            ]
            .iter()
            .enumerate()
            .map(|(i, yaml)| {
                let source = crate::rules::spec::RuleSource::new(format!("r{i}.yaml"), *yaml);
                Rule::load(format!("t/r{i}"), source, false, morphology).expect("loads")
            })
            .collect::<Vec<_>>()
        };
        let a = Linter::new(rules(&with), with.clone());
        let b = Linter::new(rules(&without), without);
        let text = "市長に\n\n市長にかえりざきを果たした。帰り咲きも。\n";
        let doc = Document::parse("t.txt", text.to_string(), crate::Format::PlainText);
        let found = |linter: &Linter| -> Vec<(String, String)> {
            linter
                .check(&doc)
                .iter()
                .map(|f| (f.message.clone(), text[f.span.range()].to_string()))
                .collect()
        };
        let pair = |m: &str, s: &str| (m.to_string(), s.to_string());
        assert_eq!(
            found(&a),
            [
                pair("表記", "かえりざき"),
                pair("一語", "帰り咲き"),
                pair("表記", "帰り咲き")
            ]
        );
        assert_eq!(found(&b), [pair("表記", "帰り咲き")]);
        assert_ne!(
            Analysis::new(a.morphology(), &doc.text).tokens,
            Analysis::new(b.morphology(), &doc.text).tokens
        );
    }
}
