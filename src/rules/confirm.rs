//! D005: values that `odplint next` drafted (a release date taken from its target, a target moved
//! on a year) carry a `# odplint: confirm` comment until a person has confirmed them.

use crate::diagnostic::Diagnostic;
use crate::document::comments::Comments;
use crate::messages::Message;
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// A value still waits for confirmation. It carries a `# odplint: confirm` comment, after it
    /// on its line or alone on the line above it. `odplint next` writes one beside every date it could only guess: a release date
    /// taken from the target of a row it moved from A to D, or a target it moved on a year.
    ///
    /// ## Why it matters
    /// A drafted date looks like a known one. Until someone has checked when the dataset really
    /// went up on DATA.GOV.HK or the CSDI portal (or what the new target is), the plan would
    /// publish a guess as a fact; the comment keeps that visible until it is removed.
    ///
    /// ## Example that fails
    /// ```yaml
    /// published: 12/2023  # odplint: confirm
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// published: 12/2023
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: removing the comment is the confirmation, which only a person can give.
    pub static DATE_TO_CONFIRM = {
        code: "D005",
        name: "date-to-confirm",
        severity: Info,
        fix: Never,
    };
}

/// Whether a comment holds a confirmation marker: `# odplint: confirm`, with anything after it,
/// as the comment itself or after another one on its line (`# odplint: allow D004  # odplint:
/// confirm`).
pub fn is_confirm(comment: &str) -> bool {
    comment.split('#').any(|segment| {
        segment
            .trim_start()
            .strip_prefix("odplint:")
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix("confirm"))
            .is_some_and(|after| !after.starts_with(|c: char| c.is_alphanumeric() || c == '-'))
    })
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let text = context.document.text.as_bytes();
    if !context.document.may_have_directives() || memchr::memmem::find(text, b"confirm").is_none() {
        return;
    }
    let comments = Comments::of(context.document);
    let mut marked: Vec<&String> = comments
        .attached
        .iter()
        .filter(|(_, attached)| {
            attached
                .leading
                .iter()
                .chain(&attached.trailing)
                .any(|comment| is_confirm(comment))
        })
        .map(|(pointer, _)| pointer)
        .collect();
    marked.sort_by_key(|pointer| context.span(pointer).start);
    for pointer in marked {
        let value = context
            .document
            .value_at(pointer)
            .map(|value| match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            })
            .unwrap_or_default();
        out.push(
            context
                .diagnostic(
                    &DATE_TO_CONFIRM,
                    pointer,
                    Message::new("D005.message").arg("value", &value),
                )
                .with_label(Message::new("D005.label"))
                .with_help(Message::new("D005.help")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_marker_itself_counts() {
        assert!(is_confirm("# odplint: confirm"));
        assert!(is_confirm("#odplint:confirm (drafted from the target)"));
        assert!(!is_confirm("# odplint: confirmed-by-hand"));
        assert!(!is_confirm("# odplint: allow D005"));
        assert!(!is_confirm("# please confirm"));
        assert!(is_confirm("# odplint: allow D004  # odplint: confirm"));
    }
}
