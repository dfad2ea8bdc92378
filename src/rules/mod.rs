//! The plan rules: each declared once, with its code, name, default severity, fix and
//! documentation on the declaration itself (`explain` prints that same text), beside its
//! detection; [`ALL`] lists them in catalogue order and [`run_checks`] runs them. Rules detect and
//! report; severity overrides and output belong elsewhere. Every rule, import and audit findings
//! included, is in [`crate::registry`].

mod categories;
mod confirm;
pub mod context;
mod dates;
mod frequency;
mod items;
mod meta;
pub(crate) mod placeholder;
mod rows;
pub mod syntax;
pub mod text;

use context::Context;
pub use rows::{RowFindings, RowShares};

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::model::Plan;
use crate::rule::RuleMeta;
use crate::vocab::Extras;

/// Every plan rule, in catalogue order.
pub static ALL: &[&RuleMeta] = &[
    &syntax::SYNTAX_ERROR,
    &syntax::DUPLICATE_KEY,
    &syntax::SCHEMA_VIOLATION,
    &syntax::UNSUPPORTED_FORMAT,
    &syntax::UNUSED_ALLOW,
    &meta::INVALID_PERIOD,
    &meta::PUBLISHED_LATE,
    &meta::TITLE_PERIOD_MISMATCH,
    &dates::DATE_FORMAT,
    &dates::TARGET_OUTSIDE_WINDOW,
    &dates::RELEASE_AFTER_PUBLICATION,
    &dates::TARGET_ALREADY_PAST,
    &confirm::DATE_TO_CONFIRM,
    &frequency::UNKNOWN_FREQUENCY,
    &frequency::NON_CANONICAL_FREQUENCY,
    &frequency::FREQUENCY_WRONG_LANGUAGE,
    &categories::UNKNOWN_CATEGORY,
    &categories::OUTDATED_CATEGORY,
    &categories::CATEGORY_WRONG_LANGUAGE,
    &placeholder::MISSING_PLACEHOLDER,
    &placeholder::PLACEHOLDER_WITH_CONTENT,
    &placeholder::PLACEHOLDER_AMONG_DATASETS,
    &placeholder::PLACEHOLDER_SPELLING,
    &items::ITEM_SEQUENCE,
    &text::STRAY_WHITESPACE,
    &text::MISSING_CELL,
    &text::DUPLICATE_DATASET,
    &text::SIMPLIFIED_IN_TRADITIONAL,
    &text::NON_MACHINE_READABLE,
    &text::UNBALANCED_BRACKETS,
    &text::COMPATIBILITY_IDEOGRAPH,
];

/// A check over the typed plan; it may report findings of several related rules.
type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The checks of the plan as a whole (the plan's own fields, the dates to confirm, the
/// placeholders, the item numbers); the checks of one row at a time run in shares of rows (see
/// [`run_row_checks_shared`]).
static CHECKS: &[Check] = &[
    meta::check,
    dates::check,
    confirm::check,
    placeholder::check,
    items::check,
];

/// Runs every plan check, in turn on this thread: [`run_whole_checks`], then
/// [`run_row_checks_shared`] taking every share, then [`finish_row_checks`].
pub fn run_checks(document: &Document, plan: &Plan, extras: &Extras, out: &mut Vec<Diagnostic>) {
    let context = Context {
        document,
        plan,
        extras,
    };
    run_whole_checks(&context, out);
    let found = run_row_checks_shared(&context, &RowShares::default());
    finish_row_checks(&context, [found], out);
}

/// Runs the checks of the plan as a whole.
pub fn run_whole_checks(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(context, out);
    }
}

/// The checks of each row (and of the header's cells), in shares of rows taken by the threads
/// that share `shared` (see [`rows::check_shared`]).
pub fn run_row_checks_shared(context: &Context<'_>, shared: &RowShares) -> RowFindings {
    rows::check_shared(context, shared)
}

/// What every thread found in the shares of rows, put together in the order found in turn, with
/// the check that compares the rows (repeated datasets).
pub fn finish_row_checks(
    context: &Context<'_>,
    found: impl IntoIterator<Item = RowFindings>,
    out: &mut Vec<Diagnostic>,
) {
    rows::finish(context, found, out);
}
