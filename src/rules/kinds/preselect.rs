//! Pre-selection for speed, shared by the consistency kinds: which sentences can matter,
//! found through the per-document indexes, so that a kind reads only those. Nothing here
//! decides a finding; a kind's results are the same with every sentence read (each kind
//! tests that).

use crate::document::Sentence;
use crate::lang::ja::Analysis;

/// Indices of the sentences whose tokens (`a.within(span)`) include one of `tokens`,
/// ascending and each once. With sentences in order and apart (as documents make them), a
/// token can only be in the last sentence starting at or before it: one binary search per
/// token instead of computing every sentence's token range.
pub(crate) fn sentences_holding(
    a: &Analysis<'_>,
    sentences: &[Sentence],
    tokens: impl IntoIterator<Item = usize>,
) -> Vec<usize> {
    let apart = sentences
        .windows(2)
        .all(|w| w[0].span.end <= w[1].span.start);
    let mut out: Vec<usize> = Vec::new();
    if apart {
        for t in tokens {
            let span = a.tokens[t].span;
            let k = sentences.partition_point(|s| s.span.start <= span.start);
            if k > 0 && span.end <= sentences[k - 1].span.end {
                out.push(k - 1);
            }
        }
        out.sort_unstable();
        out.dedup();
    } else {
        let tokens: Vec<usize> = tokens.into_iter().collect();
        for (i, s) in sentences.iter().enumerate() {
            let r = a.within(s.span);
            if tokens.iter().any(|t| r.contains(t)) {
                out.push(i);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_holding_agrees_with_token_ranges() {
        use crate::document::{Document, Format};
        use crate::lang::ja::Morphology;
        use crate::span::Span;

        let text = "# 見出し\n\n石破茂首相は会見で述べた。「増税はしない」と。次の文、  そして最後!\n\n- 項目\n";
        let doc = Document::parse("t.md", text.to_string(), Format::Markdown);
        let morphology = Morphology::new();
        let a = Analysis::new(&morphology, &doc.text);
        let expected = |sentences: &[Sentence], tokens: &[usize]| -> Vec<usize> {
            (0..sentences.len())
                .filter(|&i| {
                    let r = a.within(sentences[i].span);
                    tokens.iter().any(|t| r.contains(t))
                })
                .collect()
        };
        let all: Vec<usize> = (0..a.tokens.len()).collect();
        let mut checked = 0;
        // Every single token, every pair, and all at once.
        for t in 0..a.tokens.len() {
            for u in t..a.tokens.len() {
                let tokens = [t, u];
                let got = sentences_holding(&a, &doc.sentences, tokens);
                assert_eq!(got, expected(&doc.sentences, &tokens), "{tokens:?}");
                checked += 1;
            }
        }
        assert!(checked > 100);
        assert_eq!(
            sentences_holding(&a, &doc.sentences, all.iter().copied()),
            expected(&doc.sentences, &all)
        );
        // Overlapping or unordered sentences take the slow way, with the same answer.
        let mut odd = doc.sentences.clone();
        odd.reverse();
        odd.push(Sentence {
            span: Span::new(0, doc.text.len()),
            block: 0,
        });
        for t in 0..a.tokens.len() {
            assert_eq!(
                sentences_holding(&a, &odd, [t]),
                expected(&odd, &[t]),
                "{t}"
            );
        }
        assert!(sentences_holding(&a, &doc.sentences, []).is_empty());
    }
}
