//! What a plan check sees: the document (for spans), the typed plan, the vocabulary the
//! configuration adds, and the helpers that turn a finding's place into a span or a fix.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Effect, Fix};
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::{Plan, TextCell};
use crate::rule::RuleMeta;
use crate::vocab::Extras;

/// What a check sees: the document (for spans), the typed plan, and the vocabulary the
/// configuration adds.
pub struct Context<'a> {
    pub document: &'a Document,
    pub plan: &'a Plan<'a>,
    pub extras: &'a Extras,
}

impl<'a> Context<'a> {
    /// Every text cell of the plan, in document order (listed as read, never held).
    pub fn cells(&self) -> impl Iterator<Item = TextCell<'a>> + 'a {
        self.plan.text_cells()
    }

    /// The span of the node at `pointer` (or its nearest existing ancestor).
    pub fn span(&self, pointer: &str) -> Span {
        self.document.span_for(pointer)
    }

    /// A fix that rewrites a whole text cell, keeping its quoting when the new text reads back
    /// exactly in it (quoting it otherwise); `None` when the source does not spell the value
    /// literally (escapes, block scalars, aliases), where an edit could not be exact.
    pub fn replace_cell(
        &self,
        pointer: &str,
        value: &str,
        replacement: &str,
        applicability: Applicability,
        message: Message,
    ) -> Option<Fix> {
        let edit = self.document.cell_edit(pointer, value, replacement)?;
        Some(Fix {
            applicability,
            message,
            edits: vec![edit],
            effects: vec![Effect::Set {
                pointer: pointer.to_string(),
                value: serde_json::Value::String(replacement.to_string()),
            }],
        })
    }

    /// A fix that replaces some characters of a text cell (`changes`: byte ranges of `value` and
    /// their new text, in order): narrow edits where the cell's style keeps them exact, the whole
    /// cell rewritten (and quoted) where it would not.
    pub fn edit_in_cell(
        &self,
        pointer: &str,
        value: &str,
        changes: &[(Span, String)],
        applicability: Applicability,
        message: Message,
    ) -> Option<Fix> {
        let mut new_value = String::with_capacity(value.len());
        let mut cursor = 0;
        for (range, text) in changes {
            new_value.push_str(value.get(cursor..range.start)?);
            new_value.push_str(text);
            cursor = range.end;
        }
        new_value.push_str(value.get(cursor..)?);
        let whole = self.document.cell_edit(pointer, value, &new_value)?;
        let content = self.document.literal_content_span(pointer, value);
        let edits = match content {
            // Still the same style: only the changed characters are touched.
            Some(content) if whole.span == content && whole.replacement == new_value => changes
                .iter()
                .map(|(range, text)| Edit {
                    span: content.start + range.start..content.start + range.end,
                    replacement: text.clone(),
                })
                .collect(),
            _ => vec![whole],
        };
        Some(Fix {
            applicability,
            message,
            edits,
            effects: vec![Effect::Set {
                pointer: pointer.to_string(),
                value: serde_json::Value::String(new_value),
            }],
        })
    }

    /// The span in the text of `range` (bytes of `value`) when the cell is spelt literally.
    pub fn span_in_cell(&self, pointer: &str, value: &str, range: Span) -> Option<Span> {
        let content = self.document.literal_content_span(pointer, value)?;
        Some(content.start + range.start..content.start + range.end)
    }

    /// A finding of `rule` on the node at `pointer`.
    pub fn diagnostic(
        &self,
        rule: &'static RuleMeta,
        pointer: &str,
        message: Message,
    ) -> Diagnostic {
        Diagnostic::new(rule, pointer, self.span(pointer), message)
    }
}
