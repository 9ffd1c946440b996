//! Arbitrary YAML as a rule file (and as a config): loading must fail with an error, never
//! panic or hang, and a rule that loads must run on an article without panicking.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use seigo::rules::Rule;
use seigo::rules::spec::RuleSource;

#[path = "common.rs"]
mod common;

/// A short article with headings, lists, quotes and a contradiction, for loaded rules to run on.
const ARTICLE: &str = "# 石破首相がNATO構想を提案\n\n## 背景\n\n石破首相は「アジア版ＮＡＴＯ」を提案した。トランプ前大統領は支援を続けない。\n\n- トランプ大統領は支援を続ける。\n- 帰り先に備える\n";

static DOC: LazyLock<seigo::Document> =
    LazyLock::new(|| common::parse(seigo::Format::Markdown, ARTICLE));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = seigo::config::Config::parse(std::path::Path::new("seigo.yaml"), text);
    let Ok(rule) = Rule::load(
        "fuzz/rule",
        RuleSource::new("rule.yaml", text),
        false,
        &seigo::Morphology::new(),
    ) else {
        return;
    };
    let linter = seigo::Linter::new(vec![rule], seigo::Morphology::new());
    let findings = linter.check(&DOC);
    common::assert_findings(&DOC.source, &findings);
    for rule in linter.rules() {
        let _ = seigo::rules::testing::run_examples(rule, linter.morphology());
    }
});
