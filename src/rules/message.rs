//! Message templates with `{name}` placeholders, validated when the rule is loaded.

/// A parsed message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    parts: Vec<Part>,
    /// The placeholders the rule's kind offers: rendering with any other name is a bug in
    /// the kind (checked in debug builds, so every kind's tests catch it).
    offered: &'static [&'static str],
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Var(String),
}

/// A placeholder error at a byte offset inside the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageError {
    pub message: String,
    pub at: std::ops::Range<usize>,
}

impl Message {
    /// Parses `template`, accepting only the placeholders in `allowed`. `{{` and `}}` are
    /// literal braces.
    pub fn parse(
        template: &str,
        allowed: &'static [&'static str],
    ) -> Result<Message, MessageError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut chars = template.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '{' if chars.peek().map(|&(_, n)| n) == Some('{') => {
                    chars.next();
                    text.push('{');
                }
                '}' if chars.peek().map(|&(_, n)| n) == Some('}') => {
                    chars.next();
                    text.push('}');
                }
                '{' => {
                    let rest = &template[i + 1..];
                    let Some(close) = rest.find('}') else {
                        return Err(MessageError {
                            message: "unclosed `{` (write `{{` for a literal brace)".into(),
                            at: i..template.len(),
                        });
                    };
                    let name = &rest[..close];
                    if !allowed.contains(&name) {
                        let list = allowed
                            .iter()
                            .map(|a| format!("{{{a}}}"))
                            .collect::<Vec<_>>()
                            .join(", ");
                        return Err(MessageError {
                            message: format!(
                                "unknown placeholder `{{{name}}}` (this rule kind offers {list})"
                            ),
                            at: i..i + close + 2,
                        });
                    }
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(Part::Var(name.to_string()));
                    for _ in 0..name.chars().count() + 1 {
                        chars.next();
                    }
                }
                '}' => {
                    return Err(MessageError {
                        message: "unmatched `}` (write `}}` for a literal brace)".into(),
                        at: i..i + 1,
                    });
                }
                c => text.push(c),
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Ok(Message {
            parts,
            offered: allowed,
        })
    }

    /// Fills placeholders from `vars`; a placeholder without a value renders empty.
    pub fn render(&self, vars: &[(&str, &str)]) -> String {
        debug_assert!(
            vars.iter().all(|(name, _)| self.offered.contains(name)),
            "a kind rendered a placeholder it does not declare: {:?} (declared: {:?})",
            vars.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            self.offered
        );
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Var(name) => {
                    if let Some((_, v)) = vars.iter().find(|(n, _)| n == name) {
                        out.push_str(v);
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_placeholders() {
        let m = Message::parse(
            "「{match}」→「{replacement}」{{注}}",
            &["match", "replacement"],
        )
        .unwrap();
        assert_eq!(
            m.render(&[("match", "帰り先"), ("replacement", "返り咲き")]),
            "「帰り先」→「返り咲き」{注}"
        );
    }

    #[test]
    fn rejects_unknown_placeholders_with_position() {
        let e = Message::parse("x {mach} y", &["match"]).unwrap_err();
        assert!(e.message.contains("unknown placeholder `{mach}`"));
        assert!(e.message.contains("{match}"));
        assert_eq!(e.at, 2..8);
    }

    #[test]
    #[cfg(debug_assertions)]
    #[should_panic(expected = "does not declare")]
    fn rendering_an_undeclared_placeholder_is_a_bug_caught_in_debug_builds() {
        let m = Message::parse("「{match}」", &["match"]).unwrap();
        m.render(&[("mach", "帰り先")]);
    }

    #[test]
    fn rejects_unbalanced_braces() {
        assert!(Message::parse("x {match", &["match"]).is_err());
        assert!(Message::parse("x } y", &["match"]).is_err());
    }
}
