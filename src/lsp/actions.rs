//! Code actions: each finding's fix as a quick fix, every safe fix of the document at once (the
//! text `odplint fix` would write), and an inline allow for a finding. Every action is an edit
//! for the client to apply; the server never writes a file.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, Uri, WorkspaceEdit,
};

use crate::diagnostic::{Applicability, Diagnostic};
use crate::document::{Document, SourceKind};
use crate::fix::{self, FixMode};
use crate::messages::Message;

use super::analysis::Analysis;
use super::convert;

/// The kind of "fix all safe problems", under `source.fixAll` as editors expect.
pub const FIX_ALL: CodeActionKind = CodeActionKind::new("source.fixAll.odplint");

/// The actions for a range of a document, filtered by the kinds the client asked for.
pub fn code_actions(
    analysis: &Analysis,
    uri: &Uri,
    params: &CodeActionParams,
    docs_url: Option<&str>,
) -> Vec<CodeActionOrCommand> {
    let only = params.context.only.as_deref();
    let wanted = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|asked| {
                kind.as_str() == asked.as_str()
                    || kind
                        .as_str()
                        .strip_prefix(asked.as_str())
                        .is_some_and(|rest| rest.starts_with('.'))
            })
        })
    };
    let span = analysis.span(params.range);
    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        for finding in analysis.diagnostics_at(&span) {
            let lsp_diagnostic = convert::diagnostic(analysis, uri, finding, docs_url);
            if let Some(action) = quick_fix(analysis, uri, finding, &lsp_diagnostic) {
                actions.push(action);
            }
            if let Some(action) = allow_here(analysis, uri, finding, &lsp_diagnostic) {
                actions.push(action);
            }
        }
    }
    if wanted(&FIX_ALL)
        && let Some(action) = fix_all(analysis, uri)
    {
        actions.push(action);
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

/// A finding's own fix; safe ones are preferred, unsafe ones say so in their title.
fn quick_fix(
    analysis: &Analysis,
    uri: &Uri,
    finding: &Diagnostic,
    lsp_diagnostic: &lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let fix = finding
        .fix
        .as_ref()
        .filter(|f| !f.edits.is_empty() && f.applicability != Applicability::DisplayOnly)?;
    let what = fix.message.render(analysis.lang);
    let title = match fix.applicability {
        Applicability::Safe => Message::new("lsp.fix").arg("code", finding.rule.code),
        Applicability::Unsafe | Applicability::DisplayOnly => {
            Message::new("lsp.fix-unsafe").arg("code", finding.rule.code)
        }
    }
    .arg("fix", what)
    .render(analysis.lang);
    let edits = fix
        .edits
        .iter()
        .map(|edit| convert::text_edit(analysis, edit))
        .collect();
    Some(CodeAction {
        title,
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic.clone()]),
        edit: Some(edit_of(uri, edits)),
        is_preferred: Some(fix.applicability == Applicability::Safe),
        ..CodeAction::default()
    })
}

/// Every safe fix, pass after pass, as `odplint fix` applies them: one edit from the first to
/// the last changed byte.
fn fix_all(analysis: &Analysis, uri: &Uri) -> Option<CodeAction> {
    if !analysis.diagnostics.iter().any(|d| {
        d.fix
            .as_ref()
            .is_some_and(|f| f.applicability == Applicability::Safe)
    }) {
        return None;
    }
    let original = &analysis.document;
    let copy = Document::parse_as(original.name.clone(), &original.text, original.kind);
    let fixed = fix::fix_document(copy, &analysis.policy(), FixMode::Safe);
    if !fixed.changed {
        return None;
    }
    let edit = minimal_edit(&original.text, &fixed.document.text);
    let count: usize = fixed.fixed.iter().map(|(_, n)| n).sum();
    Some(CodeAction {
        title: Message::new("lsp.fix-all")
            .arg("count", count)
            .render(analysis.lang),
        kind: Some(FIX_ALL),
        edit: Some(edit_of(
            uri,
            vec![TextEdit::new(analysis.range(&edit.0), edit.1)],
        )),
        ..CodeAction::default()
    })
}

/// The span of `before` that differs from `after` and its replacement, cut at character
/// boundaries (common prefix and suffix left alone).
pub fn minimal_edit(before: &str, after: &str) -> (std::ops::Range<usize>, String) {
    let mut prefix = before
        .bytes()
        .zip(after.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(prefix) || !after.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let limit = before.len().min(after.len()) - prefix;
    let mut suffix = before
        .bytes()
        .rev()
        .zip(after.bytes().rev())
        .take(limit)
        .take_while(|(a, b)| a == b)
        .count();
    while !before.is_char_boundary(before.len() - suffix)
        || !after.is_char_boundary(after.len() - suffix)
    {
        suffix -= 1;
    }
    (
        prefix..before.len() - suffix,
        after[prefix..after.len() - suffix].to_string(),
    )
}

/// Inserts `# odplint: allow CODE` for a finding: added to an allow comment already on the line
/// or above it, else on a line of its own above the finding's line, else at the end of that
/// line; the first choice that leaves the plan's value unchanged (a comment line inside a block
/// scalar would change its text). JSON has no comments, so no allow is offered there.
fn allow_here(
    analysis: &Analysis,
    uri: &Uri,
    finding: &Diagnostic,
    lsp_diagnostic: &lsp_types::Diagnostic,
) -> Option<CodeAction> {
    let document = &analysis.document;
    if document.kind != SourceKind::Yaml {
        return None;
    }
    let code = finding.rule.code;
    let text = &document.text;
    let line = document.lines().line_of(finding.span.start);
    let line_range = document.lines().line_range(text, line);
    let content = &text[line_range.clone()];
    let mut candidates = Vec::new();
    let previous = line
        .checked_sub(1)
        .map(|above| document.lines().line_range(text, above));
    for range in previous.iter().chain([&line_range]) {
        let existing = &text[range.clone()];
        if let Some(at) = existing.find("# odplint: allow ") {
            if existing[at..].contains(code) {
                return None;
            }
            let end = range.start + existing.trim_end().len();
            candidates.push((end..end, format!(", {code}")));
        }
    }
    let indent = &content[..content.len() - content.trim_start().len()];
    let line_break = if text[line_range.end..].starts_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    candidates.push((
        line_range.start..line_range.start,
        format!("{indent}# odplint: allow {code}{line_break}"),
    ));
    let end = line_range.start + content.trim_end().len();
    candidates.push((end..end, format!(" # odplint: allow {code}")));
    let (span, replacement) = candidates.into_iter().find(|(span, replacement)| {
        let mut edited = text.to_string();
        edited.replace_range(span.clone(), replacement);
        let reparsed = Document::parse_as(document.name.clone(), &edited, document.kind);
        reparsed.problems.is_empty() && reparsed.value() == document.value()
    })?;
    Some(CodeAction {
        title: Message::new("lsp.allow")
            .arg("code", code)
            .render(analysis.lang),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![lsp_diagnostic.clone()]),
        edit: Some(edit_of(
            uri,
            vec![TextEdit::new(analysis.range(&span), replacement)],
        )),
        is_preferred: Some(false),
        ..CodeAction::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_edits_keep_common_ends_and_whole_characters() {
        assert_eq!(
            minimal_edit("a 2/2015 b", "a 02/2015 b"),
            (2..2, "0".into())
        );
        assert_eq!(
            minimal_edit("交通意外 數字", "交通意外數字"),
            (12..13, String::new())
        );
        // 說 and 説 share their first two bytes: the edit still covers whole characters.
        assert_eq!(minimal_edit("一說", "一説"), (3..6, "説".into()));
        assert_eq!(minimal_edit("same", "same"), (4..4, String::new()));
        assert_eq!(minimal_edit("aaa", "aa"), (2..3, String::new()));
    }
}
