//! The check pipeline for one document: load problems, format, schema, then the plan rules.
//! Data flows one way; what comes out is sorted by position so every output is stable.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Kind};
use crate::model::Plan;
use crate::rules::{self, syntax, text};
use crate::vocab::Extras;

/// Every finding in a parsed document, in the order of the text, at default severities.
pub fn check_document(document: &Document) -> Vec<Diagnostic> {
    check_document_with(document, &Extras::default())
}

/// Every finding, accepting the extra vocabulary a configuration adds.
pub fn check_document_with(document: &Document, extras: &Extras) -> Vec<Diagnostic> {
    let mut out = syntax::load_diagnostics(document);
    let Some(root) = document.root() else {
        return out;
    };
    if root.kind() == Kind::Mapping
        && let Some(format) = syntax::format_diagnostic(document, &root)
    {
        out.push(format);
    }
    out.extend(crate::schema::validate(document));
    if let Some(plan) = Plan::from_document(document) {
        rules::run_checks(document, &plan, extras, &mut out);
    }
    drop_echoes(&mut out);
    crate::diagnostic::sort(&mut out);
    out
}

/// One defect, one diagnostic: a misspelt key (`release_dte`) is the schema's finding, so the
/// cell it leaves missing in that row is not reported again.
fn drop_echoes(diagnostics: &mut Vec<Diagnostic>) {
    let rows_with_unknown_keys: Vec<String> = diagnostics
        .iter()
        .filter(|d| d.rule.code == syntax::SCHEMA_VIOLATION.code)
        .filter_map(|d| row_of(&d.pointer))
        .collect();
    if rows_with_unknown_keys.is_empty() {
        return;
    }
    diagnostics.retain(|d| {
        d.rule.code != text::MISSING_CELL.code
            || !row_of(&d.pointer).is_some_and(|row| rows_with_unknown_keys.contains(&row))
    });
}

/// The pointer of the row (`/sections/D/non_spatial/rows/3`) a pointer lies in.
fn row_of(pointer: &str) -> Option<String> {
    let at = pointer.find("/rows/")? + "/rows/".len();
    let end = pointer[at..].find('/').map_or(pointer.len(), |n| at + n);
    Some(pointer[..end].to_string())
}

/// Parses and checks a text; `name` decides YAML or JSON by its extension.
pub fn check_text(name: &str, text: &str) -> (Document, Vec<Diagnostic>) {
    let document = Document::parse(name, text);
    let diagnostics = check_document(&document);
    (document, diagnostics)
}
