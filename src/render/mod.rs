//! Output formats, all rendered from the same [`FileReport`]s through one [`Emitter`] trait
//! that writes to a stream the caller gives (ruff's `render` module is the model). The library
//! renders; only `main.rs` decides which stream is the terminal.

pub mod checkstyle;
pub mod concise;
pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod run;
pub mod sarif;
pub mod text;

use std::io::{self, Write};

use codespan_reporting::term::termcolor::WriteColor;

use crate::finding::Severity;
pub use crate::report::{FileReport, Totals};

/// `--format`: how findings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics with source excerpts.
    Human,
    /// One line per finding: `path:line:col: severity rule message`.
    Concise,
    /// The documented JSON schema (see README).
    Json,
    /// SARIF 2.1.0.
    Sarif,
    /// GitHub Actions annotations.
    Github,
    /// Checkstyle XML.
    Checkstyle,
    /// JUnit XML.
    Junit,
}

impl OutputFormat {
    /// The emitter that writes this format.
    pub fn emitter(self) -> &'static dyn Emitter {
        match self {
            OutputFormat::Human => &human::HumanEmitter,
            OutputFormat::Concise => &concise::ConciseEmitter,
            OutputFormat::Json => &json::JsonEmitter,
            OutputFormat::Sarif => &sarif::SarifEmitter,
            OutputFormat::Github => &github::GithubEmitter,
            OutputFormat::Checkstyle => &checkstyle::CheckstyleEmitter,
            OutputFormat::Junit => &junit::JunitEmitter,
        }
    }

    /// Whether the format is for people (its summary line goes with it) rather than for
    /// machines (stdout holds the document alone).
    pub fn is_human(self) -> bool {
        self == OutputFormat::Human
    }
}

/// What an emitter is given besides the files.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmitContext<'a> {
    /// The enabled rules (SARIF describes each in `tool.driver.rules`).
    pub rules: &'a [RuleInfo],
    /// The lowest severity that fails the run: JUnit reports findings below it as passing
    /// test cases, not failures.
    pub fail_on: Severity,
    /// Where the rules reference (`docs/rules/<pack>.md`) is published, for SARIF `helpUri`s;
    /// the repository's `docs/rules` by default.
    pub docs_url: Option<&'a str>,
}

/// Writes checked files in one output format.
pub trait Emitter: Sync {
    fn emit(
        &self,
        out: &mut dyn Write,
        files: &[FileReport],
        context: &EmitContext<'_>,
    ) -> io::Result<()>;

    /// `emit` to a stream that can show colour; formats with colour (human) use it, whether
    /// colour is shown is the stream's choice. Machine formats write the same bytes either way.
    fn emit_styled(
        &self,
        out: &mut dyn WriteColor,
        files: &[FileReport],
        context: &EmitContext<'_>,
    ) -> io::Result<()> {
        self.emit(out, files, context)
    }
}

/// The output of an emitter as a string (no colour): for a server's responses and for tests.
pub fn to_string(emitter: &dyn Emitter, files: &[FileReport], context: &EmitContext<'_>) -> String {
    let mut out = Vec::new();
    emitter
        .emit(&mut out, files, context)
        .expect("writing to memory does not fail");
    String::from_utf8_lossy(&out).into_owned()
}

/// What machine formats say about a rule (SARIF `tool.driver.rules`).
#[derive(Debug, Clone, Default)]
pub struct RuleInfo {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub description: String,
    /// The rule's documentation in Markdown, with its examples (SARIF `help`).
    pub help_markdown: String,
    /// Whether the rule is built in (documented in the published rules reference).
    pub builtin: bool,
}

impl RuleInfo {
    pub fn of(rules: &[crate::rules::Rule]) -> Vec<RuleInfo> {
        rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.clone(),
                kind: r.kind(),
                severity: r.severity,
                description: r.description().trim().to_string(),
                help_markdown: crate::docs::rule_help(r),
                builtin: r.origin.builtin,
            })
            .collect()
    }
}

/// Escapes text for XML attributes and content. Characters XML 1.0 does not allow at all
/// (C0 controls other than tab and newlines, lone surrogates cannot occur, U+FFFE, U+FFFF)
/// become U+FFFD, so the document stays well-formed whatever a file name or article holds.
pub(crate) fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Characters that must never reach a terminal or a CI log raw: C0 and C1 controls (escape
/// sequences, bells, carriage returns that overwrite a line), DEL, and the Unicode line
/// separators and bidirectional overrides that reorder what is shown.
fn is_dangerous(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Text from outside (a file name, a rule's message) made safe to print on one line: every
/// dangerous character, newlines included, is written as an escape (`\n`, `\u{1b}`), so a
/// file name cannot start a line of its own (a forged `::warning` command in CI).
pub fn escape_controls(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(is_dangerous) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_dangerous(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Source text shown in an excerpt, made safe without moving any byte: each dangerous
/// character (other than tab and newline) becomes a printable character of the same UTF-8
/// length (`?`, `¿`, `�`), so spans into the text still point at the same characters.
pub fn mask_controls(s: &str) -> std::borrow::Cow<'_, str> {
    let dangerous = |c: char| is_dangerous(c) && c != '\t' && c != '\n';
    if !s.chars().any(dangerous) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| match c {
                c if !dangerous(c) => c,
                c if c.len_utf8() == 1 => '?',
                c if c.len_utf8() == 2 => '¿',
                _ => '\u{FFFD}',
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_keep_lines_and_lengths_safe() {
        assert_eq!(
            escape_controls("a\n::warning\u{1b}[2J"),
            "a\\n::warning\\u{1b}[2J"
        );
        assert_eq!(escape_controls("普通の名前.md"), "普通の名前.md");
        let masked = mask_controls("x\u{1b}y\u{85}z\u{202E}w\tv\n");
        assert_eq!(masked, "x?y¿z\u{FFFD}w\tv\n");
        assert_eq!(masked.len(), "x\u{1b}y\u{85}z\u{202E}w\tv\n".len());
        assert_eq!(xml_escape("a\u{1}b\u{FFFF}<"), "a\u{FFFD}b\u{FFFD}&lt;");
    }

    #[test]
    fn every_format_writes_the_same_bytes_plain_or_styled_without_colour() {
        use clap::ValueEnum;
        use codespan_reporting::term::termcolor::{Ansi, NoColor};
        let finding = crate::finding::Finding {
            rule: "x/rule".into(),
            kind: "existence",
            severity: Severity::Error,
            message: "メッセージ".into(),
            span: crate::span::SourceSpan::new(3, 9),
            related: vec![],
            fixes: vec![],
        };
        let files = [FileReport {
            path: "a.txt".into(),
            source: "題\n帰り先\n".into(),
            encoding: crate::span::Encoding::Utf8,
            findings: vec![finding],
        }];
        let rules = [RuleInfo {
            id: "x/rule".into(),
            kind: "existence",
            severity: Severity::Error,
            ..RuleInfo::default()
        }];
        let context = EmitContext {
            rules: &rules,
            ..EmitContext::default()
        };
        for format in OutputFormat::value_variants() {
            let emitter = format.emitter();
            let plain = to_string(emitter, &files, &context);
            assert!(plain.contains("x/rule"), "{format:?}: {plain}");
            let mut styled = NoColor::new(Vec::new());
            emitter.emit_styled(&mut styled, &files, &context).unwrap();
            assert_eq!(plain.as_bytes(), styled.get_ref(), "{format:?}");
            let mut coloured = Ansi::new(Vec::new());
            emitter
                .emit_styled(&mut coloured, &files, &context)
                .unwrap();
            let has_escapes = coloured.get_ref().contains(&0x1b);
            assert_eq!(has_escapes, format.is_human(), "{format:?}");
        }
    }
}
