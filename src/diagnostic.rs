//! Findings as data: what a rule or the loader found, where, and how it could be fixed. No
//! rendering happens here; every output format reads these same values.

use crate::messages::Message;
use crate::rule::RuleMeta;
pub use crate::rule::{Applicability, Severity};

/// Where a finding or an edit is: a byte range of the document's text.
pub type Span = std::ops::Range<usize>;

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

/// Orders findings by position, then code, then message, so output never depends on rule order.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule.code, &a.pointer).cmp(&(
            b.span.start,
            b.span.end,
            b.rule.code,
            &b.pointer,
        ))
    });
}
