//! A headline's word for a change of a measure (増益, 減収) against the body's figures of that
//! measure: the body rarely repeats the word, it writes the change (営業利益は前年同期比4.1%減,
//! 純利益は18.6%減少した). Every body change of the measure in the word's direction tells the
//! word; every one in the other direction contradicts it; a mixed body (営業利益は増え、純利益
//! は減った) decides nothing.
//!
//! A headline's move in a ranking (首位浮上) against the body's moves of the same kind: told at
//! another rank only (東地区の2位に浮上した), it is contradicted ([`rank_moved`]).

use serde::Deserialize;

use super::numbers::rank_written;
use crate::algo::hash::FastHashMap;
use crate::algo::lowercase::lowercase;
use crate::span::Span;

/// A pair of headline words for a measure going up and down, and the body nouns that name the
/// measure (`利益` is in 営業利益, 純利益 and 経常利益).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Direction {
    /// The word for an increase (増益).
    pub up: String,
    /// The word for a decrease (減益).
    pub down: String,
    /// Body nouns that name the measure (利益, 最終益).
    pub measures: Vec<String>,
}

/// What the body says of a headline's change word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Told {
    /// Every body change of the measure goes the word's way.
    Agrees,
    /// Every one goes the other way: the first is here.
    Reversed(Span),
}

/// Words after a measure that tell it went up, as written right after a figure (4.1%増) or as
/// a word of their own.
const UP: &[&str] = &[
    "%増", "％増", "割増", "円増", "倍増", "増加", "増え", "伸び", "上回", "上昇", "増益", "増収",
];
/// Words after a measure that tell it went down.
const DOWN: &[&str] = &[
    "%減",
    "％減",
    "割減",
    "円減",
    "減少",
    "減っ",
    "減り",
    "下回",
    "落ち込",
    "下落",
    "悪化",
    "減益",
    "減収",
];

/// How many characters after a measure its change is looked for (営業利益は前年同期比4.1%減).
const WINDOW: usize = 40;

/// The compiled `directions` of a rule.
#[derive(Debug, Default)]
pub(super) struct Directions {
    /// Lower-cased headline word → (its group, whether it tells an increase).
    words: FastHashMap<String, (usize, bool)>,
    /// Per group, the measure nouns.
    measures: Vec<Vec<String>>,
}

impl Directions {
    pub(super) fn new(spec: &[Direction]) -> Directions {
        let mut d = Directions::default();
        for (g, dir) in spec.iter().enumerate() {
            d.words.insert(lowercase(&dir.up), (g, true));
            d.words.insert(lowercase(&dir.down), (g, false));
            d.measures.push(dir.measures.clone());
        }
        d
    }

    pub(super) fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// What the body lines `body` of `text` tell of the headline word `word`, if it is one of
    /// the rule's and the body tells a change of its measure.
    pub(super) fn told(&self, word: &str, text: &str, body: &[Span]) -> Option<Told> {
        let &(group, up) = self.words.get(&lowercase(word))?;
        let mut first_reversed: Option<Span> = None;
        let mut agrees = false;
        for line in body {
            let line_text = &text[line.range()];
            for m in &self.measures[group] {
                for (at, _) in line_text.match_indices(m.as_str()) {
                    let Some((went_up, end)) = self.change_after(&line_text[at + m.len()..]) else {
                        continue;
                    };
                    if went_up == up {
                        agrees = true;
                    } else {
                        let start = line.start + at;
                        let span = Span::new(start, start + m.len() + end);
                        first_reversed = Some(match first_reversed {
                            Some(s) if s.start <= span.start => s,
                            _ => span,
                        });
                    }
                }
            }
        }
        match (agrees, first_reversed) {
            (true, None) => Some(Told::Agrees),
            (false, Some(span)) => Some(Told::Reversed(span)),
            _ => None,
        }
    }

    /// The direction of the first change word in `rest` (the text after a measure), within
    /// its sentence and before another measure of any group, with the byte length through it.
    fn change_after(&self, rest: &str) -> Option<(bool, usize)> {
        let window_end = rest
            .char_indices()
            .nth(WINDOW)
            .map_or(rest.len(), |(i, _)| i);
        let mut window = &rest[..window_end];
        if let Some(i) = window.find('。') {
            window = &window[..i];
        }
        // Another measure (売上高は5%増、営業利益は3%減) starts another figure.
        let other = self
            .measures
            .iter()
            .flatten()
            .filter_map(|m| window.find(m.as_str()))
            .min();
        if let Some(i) = other {
            window = &window[..i];
        }
        let earliest = |words: &[&str]| {
            words
                .iter()
                .filter_map(|w| window.find(w).map(|i| (i, i + w.len())))
                .min()
        };
        match (earliest(UP), earliest(DOWN)) {
            (Some(u), Some(d)) if u.0 < d.0 => Some((true, u.1)),
            (Some(_), Some(d)) => Some((false, d.1)),
            (Some(u), None) => Some((true, u.1)),
            (None, Some(d)) => Some((false, d.1)),
            (None, None) => None,
        }
    }
}

/// Verbs of a move in a ranking (首位浮上, 2位に後退): a rank before one is where the move
/// ended.
const RANK_MOVES: &[&str] = &["浮上", "後退", "転落", "陥落", "躍進", "返り咲"];

/// A rank as written before a move: 首位 is 1位, 最下位 the last; (the rank, its byte length).
fn rank_at(text: &str) -> Option<(u32, usize)> {
    if text.starts_with("首位") {
        return Some((1, "首位".len()));
    }
    if text.starts_with("最下位") {
        return Some((u32::MAX, "最下位".len()));
    }
    rank_written(text, &["位"])
}

/// Each move in a ranking `text` tells: (the rank moved to, the verb, and the byte range
/// from the rank through the verb in `text`).
fn moves(text: &str) -> Vec<(u32, &'static str, usize, usize)> {
    let mut out = Vec::new();
    for (at, _) in text.char_indices() {
        let Some((rank, len)) = rank_at(&text[at..]) else {
            continue;
        };
        // 2位に浮上, 首位浮上, 首位に返り咲き.
        let rest = &text[at + len..];
        let (particle, rest) = match rest.strip_prefix('に').or_else(|| rest.strip_prefix('へ')) {
            Some(r) => (rest.len() - r.len(), r),
            None => (0, rest),
        };
        if let Some(verb) = RANK_MOVES.iter().find(|v| rest.starts_with(**v)) {
            out.push((rank, *verb, at, at + len + particle + verb.len()));
        }
    }
    out
}

/// 首位浮上 in the title, 東地区の2位に浮上 in the body: when the body tells the title's first
/// move only at other ranks, the title's move (its span in `text`) and the body's first such
/// move. `None` when the body tells it at the title's rank too, or not at all.
pub(super) fn rank_moved(text: &str, title: Span, body: &[Span]) -> Option<(Span, Span)> {
    let title_text = &text[title.range()];
    let (rank, verb, start, end) = moves(title_text).into_iter().next()?;
    let mut other = None;
    for line in body {
        for (r, v, s, e) in moves(&text[line.range()]) {
            if v != verb {
                continue;
            }
            if r == rank {
                return None;
            }
            other.get_or_insert(Span::new(line.start + s, line.start + e));
        }
    }
    other.map(|o| (Span::new(title.start + start, title.start + end), o))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directions() -> Directions {
        Directions::new(&[
            Direction {
                up: "増益".into(),
                down: "減益".into(),
                measures: vec!["利益".into(), "最終益".into()],
            },
            Direction {
                up: "増収".into(),
                down: "減収".into(),
                measures: vec!["売上高".into()],
            },
        ])
    }

    fn told(word: &str, body: &str) -> Option<Told> {
        directions().told(word, body, &[Span::new(0, body.len())])
    }

    #[test]
    fn a_rank_a_title_moves_to_is_told_or_contradicted_by_the_body_s_move() {
        let title = "北陸、3連勝で首位浮上";
        let check = |body: &str| {
            let text = format!("{title}\n{body}");
            let body = Span::new(title.len() + 1, text.len());
            rank_moved(&text, Span::new(0, title.len()), &[body])
                .map(|(t, b)| (text[t.range()].to_string(), text[b.range()].to_string()))
        };
        assert_eq!(
            check("北陸は東地区の2位に浮上した。首位の東京とは1ゲーム差。"),
            Some(("首位浮上".to_string(), "2位に浮上".to_string()))
        );
        assert_eq!(check("北陸は首位に浮上した。"), None);
        // Another move, or none, says nothing of it.
        assert_eq!(check("北陸は2位に後退した。"), None);
        assert_eq!(check("北陸は2位だった。"), None);
    }

    #[test]
    fn every_change_of_the_measure_one_way_tells_or_reverses_the_word() {
        let body = "営業利益は前年同期比4.1%減の186億円だった。純利益は同18.6%減少した。";
        assert_eq!(told("減益", body), Some(Told::Agrees));
        let Some(Told::Reversed(span)) = told("増益", body) else {
            panic!("{:?}", told("増益", body));
        };
        assert_eq!(&body[span.range()], "利益は前年同期比4.1%減");
        // One up, one down: nothing decided.
        assert_eq!(told("増益", "営業利益は3%増えた。純利益は2%減った。"), None);
        // No change told, or not a word of the rule.
        assert_eq!(told("増益", "営業利益は410億円を見込む。"), None);
        assert_eq!(told("増収", "営業利益は3%減った。"), None);
        assert_eq!(told("好調", "営業利益は3%減った。"), None);
        // Another measure's change after it in the sentence is not its own.
        assert_eq!(told("増益", "営業利益は410億円、売上高は3%減った。"), None);
    }
}
