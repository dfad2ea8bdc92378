//! Findings as data: what a rule or the loader found, where, and how it could be fixed. No
//! rendering happens here; every output format reads these same values.

use std::fmt;

use serde::Serialize;

use crate::document::Span;
use crate::messages::Message;
use crate::rules::RuleMeta;

/// How serious a finding is. Ordered so that `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The catalogue id of the severity's name, for translated headers.
    pub fn message_id(self) -> &'static str {
        match self {
            Severity::Info => "severity.info",
            Severity::Warning => "severity.warning",
            Severity::Error => "severity.error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the plan; `fix` applies it.
    Safe,
    /// May change meaning (renumbering, removing a row); only with `--unsafe-fixes`.
    Unsafe,
    /// Shown as a suggestion, never applied: a person has to make the change.
    #[serde(rename = "display-only")]
    DisplayOnly,
}

/// Replace the bytes of `span` in the document's text with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A set of edits that together repair one finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub applicability: Applicability,
    pub message: Message,
    pub edits: Vec<Edit>,
    /// What the edits mean to do to the plan's value; everything else must read the same after
    /// them (`crate::fix` re-parses and compares). Empty: the value does not change (a comment).
    pub effects: Vec<Effect>,
}

/// One intended change of the plan's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// The node at `pointer` (an existing node, or a new key of an existing mapping) holds
    /// exactly `value`.
    Set {
        pointer: String,
        value: serde_json::Value,
    },
    /// The sequence item at `pointer` is gone (the items after it move up).
    Remove { pointer: String },
}

/// A secondary location shown beside the primary one.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub span: Span,
    pub message: Message,
}

/// One finding in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    /// RFC 6901 pointer of the node the finding is about ("" for the whole document).
    pub pointer: String,
    /// The exact offending text: a value, or a key for an unknown or repeated key.
    pub span: Span,
    pub message: Message,
    /// What the primary label says under the span.
    pub label: Option<Message>,
    pub help: Option<Message>,
    pub related: Vec<Label>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A finding of `rule` at its default severity.
    pub fn new(
        rule: &'static RuleMeta,
        pointer: impl Into<String>,
        span: Span,
        message: Message,
    ) -> Self {
        Self {
            rule,
            severity: rule.severity,
            pointer: pointer.into(),
            span,
            message,
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn with_label(mut self, label: Message) -> Self {
        self.label = Some(label);
        self
    }

    pub fn with_help(mut self, help: Message) -> Self {
        self.help = Some(help);
        self
    }

    pub fn with_related(mut self, span: Span, message: Message) -> Self {
        self.related.push(Label { span, message });
        self
    }

    pub fn with_fix(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }
}
