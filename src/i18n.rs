//! seigo's own words (not rules' messages, which their authors write) in English or Japanese:
//! Japanese when `--lang ja`, or without `--lang` when the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, the first one set) starts with `ja`; English otherwise. The English text is what
//! seigo always printed.
//!
//! The language is process-wide (one terminal, one reader): `main` sets it once, before any
//! work; the library reads it where it words a message.

use std::sync::atomic::{AtomicU8, Ordering};

/// A language for seigo's own messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message worded from now on.
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are worded in.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Ja,
        _ => Lang::En,
    }
}

/// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
/// and not empty; Japanese when it starts with `ja`.
pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| var(v))
        .find(|v| !v.is_empty());
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// The English or the Japanese text, by the current language.
pub fn tr(en: impl Into<String>, ja: impl Into<String>) -> String {
    match current() {
        Lang::En => en.into(),
        Lang::Ja => ja.into(),
    }
}

/// "did you mean `x`?" when one candidate is close, else the list of candidates, introduced
/// by `what` (e.g. "valid keys here").
pub fn did_you_mean(unknown: &str, valid: &[&str], what_en: &str, what_ja: &str) -> String {
    let best = valid
        .iter()
        .map(|v| (strsim::damerau_levenshtein(unknown, v), *v))
        .min();
    match best {
        Some((d, v)) if d <= 2 || (d <= 3 && unknown.len() > 6) => tr(
            format!("did you mean `{v}`?"),
            format!("`{v}` の誤りではありませんか？"),
        ),
        _ => {
            let list = valid
                .iter()
                .map(|v| format!("`{v}`"))
                .collect::<Vec<_>>()
                .join(", ");
            tr(format!("{what_en}: {list}"), format!("{what_ja}: {list}"))
        }
    }
}

/// "did you mean" among rule IDs.
pub fn did_you_mean_rule(unknown: &str, ids: &[&str]) -> String {
    did_you_mean(unknown, ids, "enabled rules", "有効なルール")
}

pub fn unknown_rule_in(id: &str, key: &str) -> String {
    tr(
        format!("unknown rule `{id}` in `{key}`"),
        format!("`{key}` に未知のルール `{id}` があります"),
    )
}

/// `checked 3 files: 2 errors, 5 warnings, 1 info (0.04s)`.
pub fn summary(files: usize, errors: usize, warnings: usize, infos: usize, seconds: f64) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    tr(
        format!(
            "checked {}: {}, {}, {} ({seconds:.2}s)",
            plural(files, "file"),
            plural(errors, "error"),
            plural(warnings, "warning"),
            plural(infos, "info"),
        ),
        format!(
            "{files} ファイルを検査: エラー {errors} 件、警告 {warnings} 件、情報 {infos} 件（{seconds:.2} 秒）"
        ),
    )
}

pub fn suggestion(original: &str, replacement: &str, safe: bool) -> String {
    match safe {
        true => tr(
            format!("suggestion: 「{original}」→「{replacement}」"),
            format!("修正案: 「{original}」→「{replacement}」"),
        ),
        false => tr(
            format!(
                "suggestion: 「{original}」→「{replacement}」 (unsafe: applied only with --unsafe-fixes)"
            ),
            format!(
                "修正案: 「{original}」→「{replacement}」（確実ではないため --unsafe-fixes のときだけ適用）"
            ),
        ),
    }
}

pub fn applied_fixes(n: usize) -> String {
    tr(
        format!("applied {n} fix(es)"),
        format!("{n} 件の修正を適用しました"),
    )
}

pub fn fixes_available(n: usize) -> String {
    tr(
        format!("{n} fix(es) available"),
        format!("{n} 件の修正があります"),
    )
}

pub fn unknown_suppression_rule(id: &str) -> String {
    tr(
        format!("unknown rule `{id}` in seigo suppression"),
        format!("抑制コメントに未知のルール `{id}` があります"),
    )
}

pub fn rule_failed(rule: &str, cause: &str) -> String {
    tr(
        format!(
            "internal error in rule `{rule}`: {cause} (a bug in seigo: please report it with this \
             file; the other rules' findings for this file are shown)"
        ),
        format!(
            "ルール `{rule}` の内部エラーです: {cause}（seigo の不具合です。このファイルを添えて報告して\
             ください。このファイルのほかのルールの結果は表示しています）"
        ),
    )
}

pub fn unused_suppression() -> String {
    tr(
        "unused seigo suppression: nothing was suppressed here",
        "使われていない抑制コメントです（ここでは何も抑制していません）",
    )
}

pub fn stray_enable() -> String {
    tr(
        "`seigo-enable` without a matching `seigo-disable`",
        "対応する `seigo-disable` のない `seigo-enable` です",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_locale_chooses_japanese_only_when_it_starts_with_ja() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(from_locale(env(&[("LANG", "ja_JP.UTF-8")])), Lang::Ja);
        assert_eq!(from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(from_locale(env(&[])), Lang::En);
        assert_eq!(
            from_locale(env(&[("LC_ALL", "C"), ("LANG", "ja_JP.UTF-8")])),
            Lang::En,
            "LC_ALL wins"
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", ""), ("LANG", "ja_JP.UTF-8")])),
            Lang::Ja,
            "an empty variable is not set"
        );
    }
}
