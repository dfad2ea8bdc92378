//! Findings and edits as LSP values: the same `Diagnostic`s every report reads, placed with the
//! negotiated position encoding and rendered in the document's language.

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    TextEdit, Uri,
};

use crate::diagnostic::{Diagnostic, Edit, Severity};

use super::analysis::Analysis;

/// The `source` of every diagnostic this server publishes.
pub const SOURCE: &str = "odplint";

/// A finding as an LSP diagnostic. `docs_url` is a template with `{code}` (and `{name}`) for the
/// rule's documentation page: odplint has no public documentation site, so the link is given
/// only when the editor's configuration names one; hover on the finding shows the same text.
pub fn diagnostic(
    analysis: &Analysis,
    uri: &Uri,
    finding: &Diagnostic,
    docs_url: Option<&str>,
) -> lsp_types::Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), analysis.range(&label.span)),
            message: label.message.render(analysis.lang),
        })
        .collect();
    let code_description = docs_url.and_then(|template| {
        let href = template
            .replace("{code}", finding.rule.code)
            .replace("{name}", finding.rule.name);
        href.parse().ok().map(|href| CodeDescription { href })
    });
    lsp_types::Diagnostic {
        range: analysis.range(&finding.span),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.code.to_string())),
        code_description,
        source: Some(SOURCE.to_string()),
        message: finding.message.render(analysis.lang),
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: None,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

pub fn text_edit(analysis: &Analysis, edit: &Edit) -> TextEdit {
    TextEdit::new(analysis.range(&edit.span), edit.replacement.clone())
}
