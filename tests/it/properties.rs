//! Property tests: for any text, findings stay inside the file on char boundaries, line and
//! column round-trip to byte offsets, results do not depend on runs or thread counts, and fixing
//! is idempotent.
//!
//! Texts are built from a Japanese-heavy alphabet: the built-in rules' own bad and good
//! examples (so rules fire and fixes apply), markup, CRLF, BOMs, full-width and half-width
//! forms and combining marks (so the NFKC offset map is exercised), plus arbitrary chars.
//! Case counts stay small: every case tokenizes and runs all built-in rules.

use std::sync::LazyLock;

use proptest::prelude::*;
use rayon::prelude::*;
use seigo::rules::testing::strip_marks;
use seigo::span::LineIndex;
use seigo::{Document, Finding, Format, Linter, SourceSpan};

static LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let rules = seigo::config::Config::default()
        .load_rules(&seigo::Morphology::new())
        .expect("built-in packs load");
    Linter::new(rules, seigo::Morphology::new())
});

/// The built-in rules plus user rules that match whitespace, which masked text (code, comments,
/// markup, BOMs) consists of: such matches must never become findings or cut a character.
static WHITESPACE_LINTER: LazyLock<Linter> = LazyLock::new(|| {
    let mut rules = seigo::config::Config::default()
        .load_rules(&seigo::Morphology::new())
        .expect("built-in packs load");
    for (id, yaml) in [
        (
            "user/two-spaces",
            "kind: existence\nmessage: x\nregex: ['\\s\\s']\nsubstring: true\n",
        ),
        (
            "user/space",
            "kind: existence\nmessage: x\nregex: ['[ \\t]']\nsubstring: true\n",
        ),
        (
            "user/swap-space",
            "kind: substitution\nmessage: x\nswap:\n  'の ': 'の'\nsubstring: true\n",
        ),
    ] {
        let src = seigo::rules::spec::RuleSource::new(format!("{id}.yaml"), yaml);
        rules.push(
            seigo::rules::Rule::load(id, src, false, &seigo::Morphology::new())
                .expect("user rule loads"),
        );
    }
    Linter::new(rules, seigo::Morphology::new())
});

const FRAGMENTS: &[&str] = &[
    "`設定`",
    "<https://example.com/帰り先>",
    "https://example.com/帰り先 ",
    "[ref]: https://example.com/y \"帰り先\"\n",
    "㏠",
    "同名",
    "トランプ氏",
    "の",
    "帰り先",
    "に備える",
    "。",
    "、",
    "大統領",
    "前大統領",
    "は",
    "支援を続ける",
    "支援を続けない",
    "石破首相",
    "NATO",
    "ＮＡＴＯ",
    "ｶﾞｲﾄﾞ",
    "ﾊﾟﾋﾟ",
    "㍻",
    "①",
    "e\u{301}",
    "か\u{3099}",
    "\u{FEFF}",
    "\r\n",
    "\n",
    "\n\n",
    "# ",
    "## ",
    "- ",
    "  - ",
    "1. ",
    "・",
    "> ",
    "**",
    "*",
    "_",
    "`",
    "```\n",
    "|",
    "---\n",
    "title: ",
    "<!-- seigo-disable-next-line -->",
    "<!-- seigo-disable ja-news/kaerisaki -->",
    "<!-- seigo-enable -->",
    "<!--",
    "-->",
    "[リンク](https://example.com/x)",
    "「",
    "」",
    "（",
    "）",
    "【",
    "】",
    "　",
    " ",
    "\t",
    "まとめ",
    "!",
    "？",
    "ＡＢＣ",
    "１２３",
    "2027年",
    "ウクライナ",
    "𠮷",
    "🇯🇵",
    "\u{200D}",
];

/// The fragments above plus every built-in rule example, without its `《 》` marks.
static ALPHABET: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut out: Vec<String> = FRAGMENTS.iter().map(|s| s.to_string()).collect();
    for rule in LINTER.rules() {
        for e in rule.examples().bad.iter().chain(&rule.examples().good) {
            out.push(strip_marks(&e.text).0);
        }
    }
    out
});

fn article() -> impl Strategy<Value = (Format, String)> {
    let piece = prop_oneof![
        8 => (0..ALPHABET.len()).prop_map(|i| ALPHABET[i].clone()),
        1 => any::<char>().prop_map(String::from),
    ];
    let format = prop_oneof![Just(Format::Markdown), Just(Format::PlainText)];
    (
        format,
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat()),
    )
}

/// `cases` per property, or `PROPTEST_CASES` for a longer local run.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn name(format: Format) -> &'static str {
    match format {
        Format::Markdown => "p.md",
        Format::PlainText => "p.txt",
    }
}

fn check(format: Format, text: &str) -> Vec<Finding> {
    LINTER.check(&Document::parse(name(format), text.to_string(), format))
}

fn assert_span(text: &str, index: &LineIndex, span: SourceSpan) -> Result<(), TestCaseError> {
    prop_assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
    prop_assert!(text.is_char_boundary(span.start), "{span:?}");
    prop_assert!(text.is_char_boundary(span.end), "{span:?}");
    for offset in [span.start, span.end] {
        let lc = index.line_col(text, offset);
        prop_assert_eq!(index.offset(text, lc), Some(offset), "{:?}", lc);
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn spans_are_inside_the_file_on_char_boundaries_and_round_trip((format, text) in article()) {
        let doc = Document::parse(name(format), text.clone(), format);
        for span in doc.blocks.iter().map(|b| b.span).chain(doc.sentences.iter().map(|s| s.span)) {
            prop_assert!(span.end <= doc.text.len() && doc.text.is_char_boundary(span.start)
                && doc.text.is_char_boundary(span.end), "analysis span {:?}", span);
            let mapped = doc.to_source(span);
            prop_assert!(mapped.start <= mapped.end && mapped.end <= text.len()
                && text.is_char_boundary(mapped.start) && text.is_char_boundary(mapped.end),
                "mapped span {:?}", mapped);
        }
        let index = LineIndex::new(&text);
        for f in LINTER.check(&doc).into_iter().chain(WHITESPACE_LINTER.check(&doc)) {
            assert_span(&text, &index, f.span)?;
            // What a whitespace rule reports is whitespace in the file, never masked text
            // (code, a comment, markup) that became spaces in the analysis.
            if f.rule == "user/two-spaces" || f.rule == "user/space" {
                prop_assert!(text[f.span.range()].chars().all(char::is_whitespace),
                    "{:?} reports {:?}", f.rule, &text[f.span.range()]);
            }
            for r in &f.related {
                assert_span(&text, &index, r.span)?;
            }
            for x in &f.fixes {
                assert_span(&text, &index, x.span)?;
            }
        }
    }

    #[test]
    fn findings_are_deterministic((format, text) in article()) {
        prop_assert_eq!(check(format, &text), check(format, &text));
    }

    #[test]
    fn fixing_twice_equals_fixing_once((format, text) in article()) {
        // The built-in rules' fixes, suggestions included, always settle.
        let all = seigo::fix::FixOptions { unsafe_fixes: true };
        let once = seigo::fix::fix_text(&LINTER, name(format), format, &text, all).unwrap();
        let twice = seigo::fix::fix_text(&LINTER, name(format), format, &once.text, all).unwrap();
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert_eq!(twice.applied, 0);
    }
}

proptest! {
    #![proptest_config(config(16))]

    /// The same batch checked on one thread and on two gives the same findings in the same
    /// order (the feature cache is shared between threads).
    #[test]
    fn findings_do_not_depend_on_thread_count(batch in prop::collection::vec(article(), 1..8)) {
        let run = |threads: usize| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("thread pool")
                .install(|| batch.par_iter().map(|(f, t)| check(*f, t)).collect::<Vec<_>>())
        };
        prop_assert_eq!(run(1), run(2));
    }
}

/// The generator is only useful if rules fire and offer fixes on what it makes.
#[test]
fn generated_articles_produce_findings_and_fixes() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut with_findings, mut with_fixes) = (0, 0);
    for _ in 0..64 {
        let (format, text) = article().new_tree(&mut runner).unwrap().current();
        let found = check(format, &text);
        with_findings += usize::from(!found.is_empty());
        with_fixes += usize::from(found.iter().any(|f| !f.fixes.is_empty()));
    }
    assert!(
        with_findings >= 16,
        "{with_findings} of 64 articles had findings"
    );
    assert!(with_fixes >= 8, "{with_fixes} of 64 articles had fixes");
}

/// The binary over a directory of several files, with RAYON_NUM_THREADS=1 and =2: the same
/// JSON byte for byte.
#[test]
fn cli_output_is_the_same_for_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(crate::root().join("fixtures/seed-article.txt")).unwrap();
    for i in 0..6 {
        let name = if i % 2 == 0 {
            format!("a{i}.txt")
        } else {
            format!("a{i}.md")
        };
        let text: String = ALPHABET
            .iter()
            .skip(i * 7)
            .step_by(3)
            .take(30)
            .cloned()
            .collect();
        let body: Vec<&str> = seed.lines().skip(i).collect();
        std::fs::write(
            dir.path().join(name),
            format!("{text}\n\n{}", body.join("\n")),
        )
        .unwrap();
    }
    let run = |threads: &str| {
        let out = crate::seigo_in(dir.path())
            .args(["check", "--format", "json", "--quiet", "."])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", crate::stderr_of(&out));
        crate::stdout_of(&out)
    };
    let one = run("1");
    assert_eq!(one, run("2"));
    assert!(one.matches("\"path\"").count() == 6, "{one}");
}

proptest! {
    #![proptest_config(config(512))]

    /// seigo's Viterbi segmenter finds exactly lindera's tokens: same spans, same word ids
    /// (so the same features), on any text, including unknown words, symbols and emoji.
    #[test]
    fn segmenter_agrees_with_lindera((_, text) in article()) {
        let morph = seigo::Morphology::new();
        prop_assert_eq!(morph.tokenize(&text), morph.tokenize_lindera(&text));
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// The prefilter only skips rules that could not report anything: the findings equal
    /// those of running every rule on the document.
    #[test]
    fn prefilter_skips_only_rules_without_findings((format, text) in article()) {
        prop_assume!(!text.contains("seigo-"), "suppressions are applied only by check");
        let doc = Document::parse(name(format), text.clone(), format);
        let analysis = seigo::lang::ja::Analysis::new(LINTER.morphology(), &doc.text);
        let mut all: Vec<Finding> = LINTER
            .rules()
            .iter()
            .flat_map(|r| seigo::engine::run_rule(r, &doc, &analysis))
            .collect();
        seigo::engine::sort_findings(&mut all);
        seigo::engine::merge_duplicates(&mut all, &doc.text);
        prop_assert_eq!(LINTER.check(&doc), all);
    }
}
