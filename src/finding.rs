//! What a check reports: a primary span, related spans with their own labels, and fixes.

use serde::{Deserialize, Serialize};

use crate::span::{SourceSpan, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    #[default]
    Warning,
    Error,
}

impl Severity {
    /// One level below: error → warning → info (info stays info).
    pub fn lower(self) -> Severity {
        match self {
            Severity::Error => Severity::Warning,
            Severity::Warning | Severity::Info => Severity::Info,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!(
                "unknown severity `{other}` (expected error, warning or info)"
            )),
        }
    }
}

/// A second place in the text that a finding involves, e.g. the earlier half of a
/// contradiction: in the analysis text in a [`Hit`], in the source in a [`Finding`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Related<S = Span> {
    pub span: S,
    pub message: String,
}

/// Whether a fix may be applied without a person looking at it (ruff's model).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The rule is sure (a garble with strong evidence, a house-style swap): `--fix` applies it.
    #[default]
    Safe,
    /// A guess (a homophone that context may justify): shown, applied only with
    /// `--unsafe-fixes`.
    Suggestion,
}

impl Applicability {
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Safe => "safe",
            Applicability::Suggestion => "suggestion",
        }
    }
}

/// A suggested edit: replace `span` with `replacement` (in the analysis text in a [`Hit`],
/// in the source in a [`Finding`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix<S = Span> {
    pub span: S,
    pub replacement: String,
    pub applicability: Applicability,
}

/// What a rule kind reports, before the engine attaches the rule's identity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub span: Span,
    pub message: String,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
    /// Weaker evidence than the rule's own case: reported one severity level below the
    /// rule's (an error rule's hit becomes a warning).
    pub weaker: bool,
    /// At most this severity, whatever the rule's (a kind's option for a class of weak
    /// evidence, such as a headline's reworded words as a note).
    pub cap: Option<Severity>,
}

impl Hit {
    pub fn new(span: Span, message: String) -> Self {
        Hit {
            span,
            message,
            related: Vec::new(),
            fixes: Vec::new(),
            weaker: false,
            cap: None,
        }
    }

    /// Marks the hit as weaker evidence (see [`Hit::weaker`]).
    pub fn weaker(mut self) -> Self {
        self.weaker = true;
        self
    }

    /// Reports the hit at `severity` at most (see [`Hit::cap`]).
    pub fn capped(mut self, severity: Severity) -> Self {
        self.cap = Some(severity);
        self
    }

    /// The severity of the hit under a rule of `rule` severity.
    pub fn severity(&self, rule: Severity) -> Severity {
        let own = if self.weaker { rule.lower() } else { rule };
        self.cap.map_or(own, |cap| own.min(cap))
    }

    pub fn with_fix(self, span: Span, replacement: impl Into<String>) -> Self {
        self.with_fix_as(span, replacement, Applicability::Safe)
    }

    /// A fix that is safe to apply or only a suggestion.
    pub fn with_fix_as(
        mut self,
        span: Span,
        replacement: impl Into<String>,
        applicability: Applicability,
    ) -> Self {
        self.fixes.push(Fix {
            span,
            replacement: replacement.into(),
            applicability,
        });
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
}

/// A reported problem. Spans are byte ranges into the original source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub message: String,
    pub span: SourceSpan,
    pub related: Vec<Related<SourceSpan>>,
    pub fixes: Vec<Fix<SourceSpan>>,
}
