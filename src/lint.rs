//! The check pipeline for one document: load problems, format, schema, then the plan rules.
//! Data flows one way; what comes out is sorted by position so every output is stable.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Kind};
use crate::model::Plan;
use crate::rules::context::Context;
use crate::rules::{self, syntax, text};
use crate::vocab::Extras;

/// From this size on (about 500 rows), a plan is checked on two threads (see [`check`]): below
/// it, starting the thread costs more than it saves. A plan of 1,000 rows (250 KB) is checked in
/// 1.65 ms instead of 2.16 ms (`cargo bench --bench check -- check_rows`).
const PARALLEL_FROM: usize = 1 << 17;

/// Every finding in a parsed document, in the order of the text, at default severities.
pub fn check_document(document: &Document) -> Vec<Diagnostic> {
    check_document_with(document, &Extras::default())
}

/// Every finding, accepting the extra vocabulary a configuration adds.
pub fn check_document_with(document: &Document, extras: &Extras) -> Vec<Diagnostic> {
    let beside = document.text.len() >= PARALLEL_FROM && crate::ordered::threads_here() > 1;
    check(document, extras, beside)
}

/// The check, on two threads when `beside`.
fn check(document: &Document, extras: &Extras, beside: bool) -> Vec<Diagnostic> {
    let mut out = syntax::load_diagnostics(document);
    let Some(root) = document.root() else {
        return out;
    };
    if root.kind() == Kind::Mapping
        && let Some(format) = syntax::format_diagnostic(document, &root)
    {
        out.push(format);
    }
    match Plan::from_document(document) {
        Some(plan) if beside => {
            // A second thread checks rows; this one validates the schema and checks the plan as
            // a whole, then checks rows too, taking the shares of rows not yet taken. The
            // findings come in the order they come in turn.
            let context = Context {
                document,
                plan: &plan,
                extras,
            };
            let shared = rules::RowShares::default();
            let found = std::thread::scope(|scope| {
                let second = scope.spawn(|| rules::run_row_checks_shared(&context, &shared));
                out.extend(crate::schema::validate(document));
                rules::run_whole_checks(&context, &mut out);
                let mine = rules::run_row_checks_shared(&context, &shared);
                let theirs = second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                [mine, theirs]
            });
            rules::finish_row_checks(&context, found, &mut out);
        }
        Some(plan) => {
            out.extend(crate::schema::validate(document));
            rules::run_checks(document, &plan, extras, &mut out);
        }
        None => out.extend(crate::schema::validate(document)),
    }
    drop_echoes(&mut out);
    crate::diagnostic::sort(&mut out);
    out
}

/// One defect, one diagnostic: a misspelt key (`release_dte`) is the schema's finding, so the
/// cell it leaves missing in that row is not reported again.
fn drop_echoes(diagnostics: &mut Vec<Diagnostic>) {
    // A set: a plan can have a finding in each of a million rows.
    let rows_with_unknown_keys: std::collections::HashSet<String> = diagnostics
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

#[cfg(test)]
mod tests {
    use std::fmt::Write;

    use super::*;

    #[test]
    fn the_checks_on_two_threads_find_what_they_find_in_turn() {
        let mut text = String::from(
            "format: odp-plan/1\norganisation: 香港警務處\nlanguage: zh-Hant\n\
             title: 2024-2026年度整合開放數據計劃\nperiod: 2024-2026\npublished: 12/2023\n\
             sections:\n  D:\n    non_spatial:\n      rows:\n",
        );
        let mut row = 0;
        while text.len() < PARALLEL_FROM + 1024 {
            row += 1;
            // A date without its leading zero (D001), a simplified character (T004), a space
            // at the end (T001), an unknown category and frequency now and then (C001, F001), a
            // bracket left open (T006) and an empty description (T002) now and then.
            let category = if row % 7 == 0 {
                "不明類別"
            } else {
                "法律及保安"
            };
            let frequency = if row % 5 == 0 { "偶爾" } else { "每年" };
            let description = match row % 11 {
                0 => String::new(),
                3 => format!("第{row}項（"),
                _ => format!("第{row}項"),
            };
            let _ = write!(
                text,
                "        - item: {row}\n          category: {category}\n          \
                 name: '数據集{row} '\n          description: '{description}'\n          \
                 release_date: {}/2020\n          frequency: {frequency}\n",
                row % 12 + 1
            );
        }
        let document = Document::parse("plan.yaml", &text);
        let extras = Extras::default();
        let beside = check(&document, &extras, true);
        let in_turn = check(&document, &extras, false);
        assert_eq!(beside, in_turn);
        assert_eq!(check_document_with(&document, &extras), in_turn);
        let codes: std::collections::BTreeSet<&str> = in_turn.iter().map(|d| d.rule.code).collect();
        for code in ["D001", "T001", "T004", "F001", "C001", "T006", "T002"] {
            assert!(codes.contains(code), "{code} not among {codes:?}");
        }
    }
}
