//! Which rules can report anything on a document: one pass over the text for every rule's
//! required strings ([`Rule::required_literals`]).
//!
//! Most word rules (a confusable pair, a garbled phrase) need one of a few words, so a
//! document runs a handful of the ~90 instead of all of them. The search is shaped for that
//! job: a bitmap of the strings' first characters (8 KB, so it stays in the L1 cache while
//! the dictionary crowds everything else out) filters the text's characters; only at a
//! character some string starts with is that character's group of strings looked up (a
//! small hash table) and compared, and a group whose strings have all been seen is skipped.
//!
//! Measured on the built-in pack (463 strings) over the 1,000-article benchmark corpus:
//! 12 ms alone and about 19 ms inside a check, where an Aho-Corasick DFA over the same
//! strings took 11 ms alone but 21–38 ms inside a check (its tables evicted by the
//! dictionary's between documents) and 2.5 ms to build at start-up.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::rules::Rule;

/// Characters below this have a bit in the bitmap; others go straight to the group search.
const BITMAP_CHARS: usize = 0x10000;

#[derive(Debug)]
pub(super) struct Prefilter {
    /// One bit per BMP character that starts a string (ASCII letters in lower case).
    first_chars: Box<[u64]>,
    /// (first character, ASCII lower-cased; range in `order`), sorted by character.
    groups: Vec<(char, u32, u32)>,
    /// Open-addressing table: character → 1 + its index in `groups` (0: empty slot).
    slots: Box<[(char, u32)]>,
    /// String indices, grouped by first character.
    order: Vec<u32>,
    literals: Vec<Box<[u8]>>,
    /// For each string, the rules that need it.
    rules_of: Vec<Vec<usize>>,
    /// Rules with no required strings: they always run.
    always: Vec<bool>,
    /// Used instead of the groups when one group is large (a user list of thousands of
    /// words with one first character): comparing each would make the search quadratic.
    automaton: Option<AhoCorasick>,
}

/// Largest group of strings with one first character compared one by one.
const MAX_GROUP: u32 = 64;

impl Prefilter {
    pub(super) fn new(rules: &[Rule]) -> Self {
        let mut index: std::collections::HashMap<&str, usize> = Default::default();
        let mut literals: Vec<&str> = Vec::new();
        let mut rules_of: Vec<Vec<usize>> = Vec::new();
        let mut always = vec![false; rules.len()];
        for (r, rule) in rules.iter().enumerate() {
            let needed = rule.required_literals();
            // An empty string occurs everywhere.
            let Some(needed) = needed.filter(|n| n.iter().all(|l| !l.is_empty())) else {
                always[r] = true;
                continue;
            };
            for literal in needed {
                let i = *index.entry(literal).or_insert_with(|| {
                    literals.push(literal);
                    rules_of.push(Vec::new());
                    literals.len() - 1
                });
                if rules_of[i].last() != Some(&r) {
                    rules_of[i].push(r);
                }
            }
        }
        let first = |l: &str| l.chars().next().map(|c| c.to_ascii_lowercase());
        let mut order: Vec<u32> = (0..literals.len() as u32).collect();
        order.sort_by_key(|&i| first(literals[i as usize]));
        let mut first_chars = vec![0u64; BITMAP_CHARS / 64].into_boxed_slice();
        let mut groups: Vec<(char, u32, u32)> = Vec::new();
        for (at, &i) in order.iter().enumerate() {
            let Some(c) = first(literals[i as usize]) else {
                continue;
            };
            if (c as usize) < BITMAP_CHARS {
                first_chars[c as usize / 64] |= 1 << (c as usize % 64);
            }
            match groups.last_mut() {
                Some(g) if g.0 == c => g.2 = at as u32 + 1,
                _ => groups.push((c, at as u32, at as u32 + 1)),
            }
        }
        let automaton = groups.iter().any(|g| g.2 - g.1 > MAX_GROUP).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .ascii_case_insensitive(true)
                .build(&literals)
                .expect("literal strings always build")
        });
        let size = (groups.len() * 4).next_power_of_two().max(16);
        let mut slots = vec![('\0', 0u32); size].into_boxed_slice();
        for (g, &(c, _, _)) in groups.iter().enumerate() {
            let mut at = slot_of(c, size);
            while slots[at].1 != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = (c, g as u32 + 1);
        }
        Prefilter {
            first_chars,
            groups,
            slots,
            order,
            literals: literals.iter().map(|l| l.as_bytes().into()).collect(),
            rules_of,
            always,
            automaton,
        }
    }

    /// Which rules may report something on `text`: those that always run and those one of
    /// whose strings occurs in it (ASCII case aside; a superset is harmless).
    pub(super) fn select(&self, text: &str) -> Vec<bool> {
        let mut on = self.always.clone();
        if self.groups.is_empty() {
            return on;
        }
        let mut seen = vec![false; self.literals.len()];
        if let Some(ac) = &self.automaton {
            for m in ac.find_overlapping_iter(text) {
                let i = m.pattern().as_usize();
                if !std::mem::replace(&mut seen[i], true) {
                    for &r in &self.rules_of[i] {
                        on[r] = true;
                    }
                }
            }
            return on;
        }
        let bytes = text.as_bytes();
        // Strings of each group not found yet: a group whose strings all occurred is skipped.
        let mut left: Vec<u32> = self.groups.iter().map(|g| g.2 - g.1).collect();
        for (at, c) in text.char_indices() {
            let c = c.to_ascii_lowercase();
            let code = c as usize;
            if code < BITMAP_CHARS && self.first_chars[code / 64] & (1 << (code % 64)) == 0 {
                continue;
            }
            let Some(g) = self.group_of(c) else {
                continue;
            };
            if left[g] == 0 {
                continue;
            }
            let (_, from, to) = self.groups[g];
            for &i in &self.order[from as usize..to as usize] {
                let i = i as usize;
                let literal = &self.literals[i];
                if seen[i] || !starts_with_ignore_ascii_case(&bytes[at..], literal) {
                    continue;
                }
                seen[i] = true;
                left[g] -= 1;
                for &r in &self.rules_of[i] {
                    on[r] = true;
                }
            }
        }
        on
    }
}

impl Prefilter {
    fn group_of(&self, c: char) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut at = slot_of(c, self.slots.len());
        loop {
            let (key, g) = self.slots[at];
            if g == 0 {
                return None;
            }
            if key == c {
                return Some(g as usize - 1);
            }
            at = (at + 1) & mask;
        }
    }
}

/// Slot of `c` in a table of `size` (a power of two) slots.
fn slot_of(c: char, size: usize) -> usize {
    ((c as u32).wrapping_mul(0x9E37_79B9) >> 8) as usize & (size - 1)
}

fn starts_with_ignore_ascii_case(text: &[u8], prefix: &[u8]) -> bool {
    text.get(..prefix.len())
        .is_some_and(|t| t.eq_ignore_ascii_case(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::rule_from_yaml;

    fn selected(rules: &[Rule], text: &str) -> Vec<bool> {
        Prefilter::new(rules).select(text)
    }

    #[test]
    fn prefilter_runs_only_rules_whose_strings_occur() {
        let rules = vec![
            rule_from_yaml("kind: existence\nmessage: m\nterms: [支援兵士, 脅迫化]\n"),
            rule_from_yaml("kind: substitution\nmessage: m\nswap: {帰り先: 返り咲き}\n"),
            rule_from_yaml(
                "kind: existence\nmessage: m\nregex: ['NATO(加盟|参加)']\nignore_case: true\n",
            ),
            // Only a base form and a POS: nothing to search for, so it always runs.
            rule_from_yaml("kind: existence\nmessage: m\ntokens: ['pos:名詞 base:する']\n"),
            rule_from_yaml("kind: existence\nmessage: m\nregex: ['[0-9]+度目']\n"),
            rule_from_yaml("kind: existence\nmessage: m\nterms: ['𠮷野家']\n"),
        ];
        assert_eq!(
            selected(&rules, "本文。"),
            [false, false, false, true, false, false]
        );
        assert_eq!(
            selected(&rules, "の脅迫化と帰り先"),
            [true, true, false, true, false, false]
        );
        assert_eq!(
            selected(&rules, "nato参加の3度目と𠮷野家"),
            [false, false, true, true, true, true]
        );
        // A string cut off by the end of the text does not count.
        assert_eq!(
            selected(&rules, "脅迫"),
            [false, false, false, true, false, false]
        );
    }

    #[test]
    fn a_large_group_switches_to_an_automaton_with_the_same_selection() {
        let words: Vec<String> = (0..200).map(|i| format!("あ{i}号")).collect();
        let many = format!(
            "kind: existence\nmessage: m\nterms: [{}]\n",
            words.join(", ")
        );
        let rules = vec![
            rule_from_yaml(&many),
            rule_from_yaml("kind: existence\nmessage: m\nterms: [Nato]\n"),
            rule_from_yaml("kind: existence\nmessage: m\nterms: [あ1000号]\n"),
        ];
        let p = Prefilter::new(&rules);
        assert!(p.automaton.is_some());
        assert_eq!(p.select(&"あ".repeat(10_000)), [false, false, false]);
        assert_eq!(p.select("あ199号とNATO"), [true, true, false]);
        assert_eq!(p.select("あ1000号"), [false, false, true]);
        let small = Prefilter::new(&rules[1..]);
        assert!(small.automaton.is_none());
    }

    /// The same rules as a naive search for every string with `contains`.
    #[test]
    fn selection_equals_a_naive_search_on_the_builtin_pack() {
        let rules = crate::config::Config::default()
            .load_rules(&crate::Morphology::new())
            .unwrap();
        let prefilter = Prefilter::new(&rules);
        let seed = include_str!("../../fixtures/seed-article.txt");
        let mut texts: Vec<String> = vec![seed.to_string(), String::new(), "nato NATO".into()];
        for rule in &rules {
            for e in rule.examples().bad.iter().chain(&rule.examples().good) {
                texts.push(crate::rules::testing::strip_marks(&e.text).0);
            }
        }
        let mut fired = 0;
        for text in &texts {
            let lower = text.to_ascii_lowercase();
            let naive: Vec<bool> = rules
                .iter()
                .map(|r| match r.required_literals() {
                    None => true,
                    Some(l) => l.iter().any(|l| lower.contains(&l.to_ascii_lowercase())),
                })
                .collect();
            let on = prefilter.select(text);
            assert_eq!(on, naive, "{text}");
            fired += on.iter().filter(|o| **o).count();
        }
        assert!(fired > texts.len() * 6, "{fired}");
    }
}
