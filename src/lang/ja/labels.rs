//! The user-facing labels rule kinds attach to findings (related spans, `{place}`), as data:
//! `lexicons/labels.yaml`.

use std::sync::LazyLock;

use serde::Deserialize;

/// A label with `{name}` placeholders.
#[derive(Debug, Clone, Deserialize)]
#[serde(transparent)]
pub struct Template(String);

impl Template {
    /// The label with each `{name}` replaced by its value.
    pub fn fill(&self, values: &[(&str, &str)]) -> String {
        let mut out = String::with_capacity(self.0.len() + 16);
        let mut rest = self.0.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let known = after.find('}').and_then(|close| {
                let name = &after[..close];
                let value = values.iter().find(|(n, _)| *n == name)?.1;
                Some((close, value))
            });
            match known {
                Some((close, value)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The `{name}`s the label uses.
    #[cfg(test)]
    fn placeholders(&self) -> Vec<&str> {
        self.0
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect()
    }
}

/// Every label; the field names are the YAML keys in kebab case.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Labels {
    /// conflict: the earlier mention, `{context}` the subject through the term.
    pub conflict_earlier: Template,
    /// polarity: the earlier claim was affirmative.
    pub polarity_affirmed: Template,
    /// polarity: the earlier claim was negative.
    pub polarity_negated: Template,
    /// headline-support `{place}` values.
    pub headline_place_title: Template,
    pub headline_place_heading: Template,
    pub headline_place_summary: Template,
    pub headline_place_source: Template,
    /// A source line's title with a `label` group: `{label}`.
    pub headline_place_labelled_source: Template,
    /// headline-support: a further unsupported unit.
    pub headline_missing: Template,
    /// headline-support: the body's word opposite to a headline unit, `{word}`.
    pub headline_contradicted: Template,
    /// headline-support: the body's value for a quantity the headline gives another value,
    /// `{value}`.
    pub headline_other_value: Template,
    /// headline-support: the body mention that negates or leaves open a headline action,
    /// `{phrase}`.
    pub headline_unaffirmed: Template,
    /// headline-support: the body mention that tells a headline record as unmet or counts
    /// its event again, `{phrase}`.
    pub headline_record_unmet: Template,
    /// headline-support: the headline that a heading repeats.
    pub headline_repeats_title: Template,
    /// headline-support: the body sentence nearest to a claim nothing in the body answers,
    /// `{units}` the place's words it contains.
    pub headline_nearest: Template,
    /// repetition: a verbatim copy, `{n}` its occurrence.
    pub repetition_verbatim: Template,
    /// repetition: a near copy, `{n}` its occurrence, `{similarity}`.
    pub repetition_similar: Template,
}

impl Labels {
    /// The embedded labels, parsed once.
    pub fn get() -> &'static Labels {
        static LABELS: LazyLock<Labels> = LazyLock::new(|| {
            serde_yaml::from_str(include_str!("lexicons/labels.yaml"))
                .unwrap_or_else(|e| panic!("lexicons/labels.yaml is invalid: {e}"))
        });
        &LABELS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_load_with_the_placeholders_kinds_fill() {
        let l = Labels::get();
        let expected: [(&Template, &[&str]); 17] = [
            (&l.conflict_earlier, &["context"]),
            (&l.polarity_affirmed, &[]),
            (&l.polarity_negated, &[]),
            (&l.headline_place_title, &[]),
            (&l.headline_place_heading, &[]),
            (&l.headline_place_summary, &[]),
            (&l.headline_place_source, &[]),
            (&l.headline_place_labelled_source, &["label"]),
            (&l.headline_missing, &[]),
            (&l.headline_contradicted, &["word"]),
            (&l.headline_other_value, &["value"]),
            (&l.headline_unaffirmed, &["phrase"]),
            (&l.headline_record_unmet, &["phrase"]),
            (&l.headline_repeats_title, &[]),
            (&l.headline_nearest, &["units"]),
            (&l.repetition_verbatim, &["n"]),
            (&l.repetition_similar, &["n", "similarity"]),
        ];
        for (label, names) in expected {
            assert_eq!(label.placeholders(), names, "{}", label.as_str());
            assert!(!label.as_str().trim().is_empty());
        }
    }

    #[test]
    fn fill_replaces_known_names_only() {
        let t = Template("{n}回目 (類似度 {similarity}) {other}".into());
        assert_eq!(
            t.fill(&[("n", "2"), ("similarity", "0.91")]),
            "2回目 (類似度 0.91) {other}"
        );
        assert_eq!(Template("{".into()).fill(&[]), "{");
        assert_eq!(
            Template("ここでは「{context}」".into()).fill(&[("context", "x")]),
            "ここでは「x」"
        );
    }
}
