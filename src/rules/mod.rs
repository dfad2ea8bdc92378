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

/// Runs every plan check, in turn on this thread: the findings of [`run_whole_checks`], then
/// those of every share of [`run_row_checks_shared`] in order, then
/// [`run_row_comparisons`]'.
pub fn run_checks(document: &Document, plan: &Plan, extras: &Extras, out: &mut Vec<Diagnostic>) {
    let context = Context {
        document,
        plan,
        extras,
    };
    run_whole_checks(&context, out);
    let mut shares = Vec::new();
    rows::check_shared(
        &context,
        &std::sync::atomic::AtomicUsize::new(0),
        &mut shares,
    );
    out.extend(shares.into_iter().flat_map(|(_, found)| found));
    run_row_comparisons(&context, out);
}

/// Runs the checks of the plan as a whole.
pub fn run_whole_checks(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(context, out);
    }
}

/// The checks of each row (and of the header's cells), shared between threads (see
/// [`rows::check_shared`]): the findings of each share of rows under its number.
pub fn run_row_checks_shared(
    context: &Context<'_>,
    taken: &std::sync::atomic::AtomicUsize,
    out: &mut Vec<(usize, Vec<Diagnostic>)>,
) {
    rows::check_shared(context, taken, out);
}

/// The check that compares the rows with each other (repeated datasets): its findings come
/// after those of [`run_row_checks_shared`], in the order of the shares.
pub fn run_row_comparisons(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    text::check_whole(context, out);
}
