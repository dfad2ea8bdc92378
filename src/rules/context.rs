//! What a plan check sees: the document (for spans), the typed plan, the vocabulary the
//! configuration adds, and the helpers that turn a finding's place into a span or a fix.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Effect, Fix};
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::Plan;
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

/// The most cell values a [`Memo`] keeps answers for; past it, a new value is worked out each
/// time it comes (memory stays bounded on a plan of a million different values).
pub(crate) const MEMO_LIMIT: usize = 4096;

/// Answers about cell values seen before in one check: a plan repeats its categories and
/// frequencies row after row, and each answer is the same every time.
pub struct Memo<'a, V> {
    /// foldhash: the values are short, and SipHash took as long as the rest of a lookup; its
    /// seed is still new in every run.
    known: foldhash::HashMap<&'a str, V>,
}

impl<V> Default for Memo<'_, V> {
    fn default() -> Self {
        Self {
            known: foldhash::HashMap::default(),
        }
    }
}

impl<'a, V: Clone> Memo<'a, V> {
    /// The answer for `value`, worked out by `work` the first time it is asked.
    pub fn get(&mut self, value: &'a str, work: impl FnOnce(&'a str) -> V) -> V {
        if let Some(known) = self.known.get(value) {
            return known.clone();
        }
        let answer = work(value);
        if self.known.len() < MEMO_LIMIT {
            self.known.insert(value, answer.clone());
        }
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::Memo;

    #[test]
    fn a_memo_works_each_value_out_once_and_stays_bounded() {
        let mut memo = Memo::default();
        let mut worked = 0;
        for value in ["a", "b", "a", "a", "b"] {
            let answer = memo.get(value, |v| {
                worked += 1;
                v.len()
            });
            assert_eq!(answer, 1);
        }
        assert_eq!(worked, 2);
        let values: Vec<String> = (0..super::MEMO_LIMIT + 10).map(|n| n.to_string()).collect();
        for value in &values {
            memo.get(value, str::len);
        }
        assert_eq!(memo.known.len(), super::MEMO_LIMIT);
        let mut again = 0;
        memo.get(&values[super::MEMO_LIMIT + 5], |v| {
            again += 1;
            v.len()
        });
        assert_eq!(again, 1);
    }
}
