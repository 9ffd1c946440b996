//! Sentence splitting: on 。!? and line ends, never inside 「」『』()【】 quotes, with closing
//! quotes after a terminator kept in the sentence. The characters are the lexicons
//! `sentence-terminators` and `sentence-brackets` (the text is NFKC already: ！ is !).

use std::sync::LazyLock;

use super::{Block, Sentence, trim_span};
use crate::lang::ja::{CharSet, LexiconId, Lexicons};
use crate::span::Span;

/// What ends a sentence, and the brackets inside which nothing does.
struct Punctuation {
    terminators: CharSet,
    openers: CharSet,
    closers: CharSet,
    /// All of them: most characters are none, which one test decides.
    any: CharSet,
}

static PUNCTUATION: LazyLock<Punctuation> = LazyLock::new(|| {
    let lexicons = Lexicons::builtin();
    let brackets = lexicons.get(LexiconId::SentenceBrackets);
    let terminators = lexicons.get(LexiconId::SentenceTerminators).first_chars();
    let (openers, closers) = (brackets.first_chars(), brackets.second_chars());
    Punctuation {
        any: terminators.union(&openers).union(&closers),
        terminators,
        openers,
        closers,
    }
});

pub(super) fn split(text: &str, blocks: &[Block]) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (index, block) in blocks.iter().enumerate() {
        split_block(text, block.span, |span| {
            out.push(Sentence { span, block: index })
        });
    }
    out
}

fn split_block(text: &str, block: Span, mut emit: impl FnMut(Span)) {
    let Punctuation {
        terminators,
        openers,
        closers,
        any,
    } = &*PUNCTUATION;
    let s = &text[block.range()];
    let mut start = 0;
    let mut depth = 0usize;
    let mut chars = s.char_indices().peekable();
    let mut push = |from: usize, to: usize| {
        let span = trim_span(text, Span::new(block.start + from, block.start + to));
        if !span.is_empty() {
            emit(span);
        }
    };
    while let Some((i, c)) = chars.next() {
        if c == '\n' {
            // A line end always ends a sentence; an unclosed quote does not run past it.
            push(start, i);
            start = i + 1;
            depth = 0;
        } else if !any.contains(c) {
            continue;
        } else if openers.contains(c) {
            depth += 1;
        } else if closers.contains(c) {
            depth = depth.saturating_sub(1);
        } else if terminators.contains(c) && depth == 0 {
            let mut end = i + c.len_utf8();
            // Runs of terminators (!?, 。。) and closing brackets belong to this sentence.
            while let Some(&(j, n)) = chars.peek() {
                if terminators.contains(n) || closers.contains(n) {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push(start, end);
            start = end;
        }
    }
    push(start, s.len());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_block(text, Span::new(0, text.len()), |s| {
            out.push(&text[s.range()])
        });
        out
    }

    #[test]
    fn splits_on_terminators() {
        assert_eq!(
            sentences("一つ。二つ!三つ?"),
            vec!["一つ。", "二つ!", "三つ?"]
        );
    }

    #[test]
    fn does_not_split_inside_quotes() {
        assert_eq!(
            sentences("彼は「やる。必ずやる。」と述べた。次。"),
            vec!["彼は「やる。必ずやる。」と述べた。", "次。"]
        );
    }

    #[test]
    fn line_end_closes_an_unbalanced_quote() {
        assert_eq!(
            sentences("「開いたまま\n次の行。"),
            vec!["「開いたまま", "次の行。"]
        );
    }

    #[test]
    fn terminator_runs_stay_together() {
        assert_eq!(sentences("本当?!そうだ。"), vec!["本当?!", "そうだ。"]);
    }
}
