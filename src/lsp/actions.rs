//! Code actions and hovers, as functions of a document's text and findings.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionDisabled, CodeActionKind, CodeActionOrCommand, Diagnostic, Hover,
    HoverContents, MarkupContent, MarkupKind, Position, Range, TextEdit, Url, WorkspaceEdit,
};

use super::FIX_ALL;
use super::position::{Encoding, PositionMap};
use crate::error::Error;
use crate::finding::{Applicability, Finding};
use crate::fix::Fixed;
use crate::rules::Rule;
use crate::span::SourceSpan;

pub struct Input<'a> {
    pub uri: &'a Url,
    pub text: &'a str,
    pub findings: &'a [Finding],
    /// The diagnostics of `findings`, in the same order.
    pub diagnostics: &'a [Diagnostic],
    pub encoding: Encoding,
    pub range: Range,
    /// The kinds the client asked for; `None`: all.
    pub only: Option<&'a [CodeActionKind]>,
    /// Every safe fix applied to a fixed point (`--fix`), when the client wants `source.fixAll`.
    pub fixed: Option<&'a Result<Fixed, Error>>,
}

/// Whether a request limited to `only` wants actions of `kind`: a kind asked for covers
/// its sub-kinds (`source` covers `source.fixAll.seigo`).
pub fn wants(only: Option<&[CodeActionKind]>, kind: &str) -> bool {
    only.is_none_or(|only| {
        only.iter().any(|k| {
            let k = k.as_str();
            kind == k
                || kind
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    })
}

/// Quick fixes for the findings touching `range` (each fix, then "disable on this line"),
/// and the fix-all action for the whole document.
pub fn code_actions(input: &Input<'_>) -> Vec<CodeActionOrCommand> {
    let map = PositionMap::new(input.text, input.encoding);
    let range = SourceSpan::new(map.offset(input.range.start), map.offset(input.range.end));
    let mut out = Vec::new();
    if wants(input.only, CodeActionKind::QUICKFIX.as_str()) {
        for (finding, diagnostic) in input.findings.iter().zip(input.diagnostics) {
            let touches = finding.span.overlaps(range)
                || finding.span.contains(range)
                || (range.is_empty()
                    && finding.span.start <= range.start
                    && range.start <= finding.span.end);
            if !touches {
                continue;
            }
            for (i, fix) in finding.fixes.iter().enumerate() {
                let before = input.text.get(fix.span.range()).unwrap_or("");
                let title = if fix.replacement.is_empty() {
                    format!("「{before}」を削除 ({})", finding.rule)
                } else {
                    format!("「{before}」→「{}」 ({})", fix.replacement, finding.rule)
                };
                out.push(action(
                    title,
                    CodeActionKind::QUICKFIX,
                    diagnostic,
                    edit(
                        input.uri,
                        vec![TextEdit::new(map.range(fix.span), fix.replacement.clone())],
                    ),
                    // A client may apply the preferred fix unasked: only a safe one.
                    i == 0 && fix.applicability == Applicability::Safe,
                ));
            }
            out.push(action(
                format!(
                    "この行で {} を無効にする (seigo-disable-line)",
                    finding.rule
                ),
                CodeActionKind::QUICKFIX,
                diagnostic,
                edit(input.uri, vec![disable_on_line(input.text, &map, finding)]),
                false,
            ));
        }
    }
    if let Some(fixed) = input.fixed {
        let mut all = CodeAction {
            title: "seigo: 安全な修正をすべて適用 (apply all fixes)".into(),
            kind: Some(CodeActionKind::new(FIX_ALL)),
            ..CodeAction::default()
        };
        match fixed {
            Ok(fixed) if fixed.text != input.text => {
                all.edit = Some(edit(
                    input.uri,
                    vec![minimal_edit(input.text, &fixed.text, &map)],
                ));
            }
            // Nothing applies: every fix would create an error elsewhere (返り咲き for 帰り先
            // where the article also says 再選) and is left to the editor, as `--fix` does.
            Ok(fixed) if !fixed.held_back.is_empty() => {
                let held: Vec<String> = fixed
                    .held_back
                    .iter()
                    .map(|h| {
                        format!(
                            "「{}」→「{}」 ({}: {})",
                            h.original,
                            h.replacement,
                            h.rule,
                            h.creates
                                .iter()
                                .chain(&h.reverted_by)
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                    .collect();
                all.disabled = Some(CodeActionDisabled {
                    reason: format!(
                        "適用すると別のエラーになるか、別の規則が元に戻す修正は保留しています (held back: a fix would create an error or be undone by another rule): {}",
                        held.join("; ")
                    ),
                })
            }
            Ok(_) => return out,
            Err(e) => {
                all.disabled = Some(CodeActionDisabled {
                    reason: e.to_string(),
                })
            }
        }
        out.push(CodeActionOrCommand::CodeAction(all));
    }
    out
}

fn action(
    title: String,
    kind: CodeActionKind,
    diagnostic: &Diagnostic,
    edit: WorkspaceEdit,
    preferred: bool,
) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction {
        title,
        kind: Some(kind),
        diagnostics: Some(vec![diagnostic.clone()]),
        edit: Some(edit),
        is_preferred: preferred.then_some(true),
        ..CodeAction::default()
    })
}

fn edit(uri: &Url, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// `<!-- seigo-disable-line RULE -->` at the end of the line the finding starts on (before
/// its line break): the suppression that covers that line and nothing else. A directive
/// already on the line gets the rule added to it.
fn disable_on_line(text: &str, map: &PositionMap<'_>, finding: &Finding) -> TextEdit {
    let line = map.position(finding.span.start).line;
    let start = map.offset(Position::new(line, 0));
    let end = map.offset(Position::new(line, u32::MAX));
    let line_text = &text[start..end];
    const OPEN: &str = "<!-- seigo-disable-line ";
    if let Some((at, close)) = line_text
        .find(OPEN)
        .and_then(|at| Some((at, line_text[at..].find("-->")?)))
    {
        // Before a `--` reason, if any, else before `-->`.
        let body = &line_text[at + OPEN.len()..at + close];
        let insert = body.find(" --").unwrap_or(body.trim_end().len());
        let pos = map.position(start + at + OPEN.len() + insert);
        return TextEdit::new(Range::new(pos, pos), format!(" {}", finding.rule));
    }
    let pos = map.position(end);
    TextEdit::new(
        Range::new(pos, pos),
        format!(" <!-- seigo-disable-line {} -->", finding.rule),
    )
}

/// One edit replacing only the part of `before` that differs from `after`.
fn minimal_edit(before: &str, after: &str, map: &PositionMap<'_>) -> TextEdit {
    let mut prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(prefix) || !after.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = before.len().min(after.len()) - prefix;
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - suffix)
        || !after.is_char_boundary(after.len() - suffix)
    {
        suffix -= 1;
    }
    let span = SourceSpan::new(prefix, before.len() - suffix);
    TextEdit::new(
        map.range(span),
        after[prefix..after.len() - suffix].to_string(),
    )
}

/// The findings at `position` (primary or related span) with their rules' explanations.
pub fn hover(
    text: &str,
    findings: &[Finding],
    rules: &[Rule],
    encoding: Encoding,
    position: Position,
) -> Option<Hover> {
    let map = PositionMap::new(text, encoding);
    let at = map.offset(position);
    let inside = |s: SourceSpan| s.start <= at && at < s.end.max(s.start + 1);
    let here: Vec<&Finding> = findings
        .iter()
        .filter(|f| inside(f.span) || f.related.iter().any(|r| inside(r.span)))
        .collect();
    let first = here.first()?;
    let mut value = String::new();
    for f in &here {
        if !value.is_empty() {
            value.push_str("\n\n---\n\n");
        }
        value.push_str(&format!(
            "**{}** ({})\n\n{}\n",
            f.rule, f.severity, f.message
        ));
        if let Some(rule) = rules.iter().find(|r| r.id == f.rule) {
            let mut explained = Vec::new();
            crate::render::text::explain(rule, &mut explained).expect("writing to memory");
            value.push_str("\n```text\n");
            value.push_str(String::from_utf8_lossy(&explained).trim_end());
            value.push_str("\n```");
        }
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(map.range(first.span)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Severity;

    fn finding(text: &str, word: &str, rule: &str) -> Finding {
        let start = text.find(word).unwrap();
        Finding {
            rule: rule.into(),
            kind: "substitution",
            severity: Severity::Error,
            message: String::new(),
            span: SourceSpan::new(start, start + word.len()),
            related: Vec::new(),
            fixes: Vec::new(),
        }
    }

    fn applied(text: &str, edit: &TextEdit, map: &PositionMap<'_>) -> String {
        let (a, b) = (map.offset(edit.range.start), map.offset(edit.range.end));
        format!("{}{}{}", &text[..a], edit.new_text, &text[b..])
    }

    #[test]
    fn disabling_adds_to_a_directive_already_on_the_line() {
        let text = "一行目\r\n帰り先 <!-- seigo-disable-line ja-news/a -- 引用 -->\r\n三行目";
        let map = PositionMap::new(text, Encoding::Utf16);
        let edit = disable_on_line(text, &map, &finding(text, "帰り先", "ja-news/b"));
        assert_eq!(
            applied(text, &edit, &map),
            "一行目\r\n帰り先 <!-- seigo-disable-line ja-news/a ja-news/b -- 引用 -->\r\n三行目"
        );
        let text = "帰り先 <!-- seigo-disable-line ja-news/a -->\n";
        let map = PositionMap::new(text, Encoding::Utf8);
        let edit = disable_on_line(text, &map, &finding(text, "帰り先", "ja-news/b"));
        assert_eq!(
            applied(text, &edit, &map),
            "帰り先 <!-- seigo-disable-line ja-news/a ja-news/b -->\n"
        );
    }

    #[test]
    fn one_minimal_edit_replaces_only_what_differs() {
        let before = "😀帰り先に備える帰り先。";
        let after = "😀返り咲きに備える返り咲き。";
        let map = PositionMap::new(before, Encoding::Utf16);
        let edit = minimal_edit(before, after, &map);
        assert_eq!(applied(before, &edit, &map), after);
        assert_eq!(edit.range.start, Position::new(0, 2));
    }

    #[test]
    fn only_a_safe_fix_is_preferred() {
        let text = "関心した。帰り先に備える。";
        let uri = Url::parse("file:///a.md").unwrap();
        let fix = |word: &str, to: &str, applicability| {
            let mut f = finding(text, word, "r");
            f.fixes.push(crate::finding::Fix {
                span: f.span,
                replacement: to.into(),
                applicability,
            });
            f
        };
        let findings = [
            fix("関心", "感心", Applicability::Suggestion),
            fix("帰り先", "返り咲き", Applicability::Safe),
        ];
        let diagnostics: Vec<Diagnostic> = findings.iter().map(|_| Diagnostic::default()).collect();
        let map = PositionMap::new(text, Encoding::Utf16);
        let preferred: Vec<(String, bool)> = code_actions(&Input {
            uri: &uri,
            text,
            findings: &findings,
            diagnostics: &diagnostics,
            encoding: Encoding::Utf16,
            range: map.range(SourceSpan::new(0, text.len())),
            only: None,
            fixed: None,
        })
        .into_iter()
        .filter_map(|a| match a {
            CodeActionOrCommand::CodeAction(a) if a.kind == Some(CodeActionKind::QUICKFIX) => {
                a.edit.map(|_| (a.title, a.is_preferred == Some(true)))
            }
            _ => None,
        })
        .filter(|(title, _)| title.contains('→'))
        .collect();
        assert_eq!(
            preferred,
            [
                ("「関心」→「感心」 (r)".to_string(), false),
                ("「帰り先」→「返り咲き」 (r)".to_string(), true),
            ]
        );
    }

    #[test]
    fn a_kind_asked_for_covers_its_sub_kinds() {
        let only = |k: &str| vec![CodeActionKind::from(k.to_string())];
        assert!(wants(None, FIX_ALL));
        assert!(wants(Some(&only("source")), FIX_ALL));
        assert!(wants(Some(&only("source.fixAll")), FIX_ALL));
        assert!(!wants(Some(&only("source.fix")), FIX_ALL));
        assert!(!wants(Some(&only("quickfix")), FIX_ALL));
    }
}
