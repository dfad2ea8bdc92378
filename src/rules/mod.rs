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

/// The checks that run once the plan's structure is sound, but the text check, which runs last
/// (see [`run_text_check`]).
static CHECKS: &[Check] = &[
    meta::check,
    dates::check,
    confirm::check,
    frequency::check,
    categories::check,
    placeholder::check,
    items::check,
];

/// Runs every plan check.
pub fn run_checks(document: &Document, plan: &Plan, extras: &Extras, out: &mut Vec<Diagnostic>) {
    let context = Context {
        document,
        plan,
        extras,
    };
    run_checks_but_text(&context, out);
    text::check(&context, out);
}

/// Runs every plan check but the text check, which [`run_checks`] runs after them and which
/// [`run_text_check_shared`] and [`run_text_check_whole`] can run beside them.
pub fn run_checks_but_text(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for check in CHECKS {
        check(context, out);
    }
}

/// The text check's checks of each cell, shared between threads (see [`text::check_shared`]):
/// the findings of each share of cells under its number.
pub fn run_text_check_shared(
    context: &Context<'_>,
    taken: &std::sync::atomic::AtomicUsize,
    out: &mut Vec<(usize, Vec<Diagnostic>)>,
) {
    text::check_shared(context, taken, out);
}

/// The text check's checks that compare rows (see [`text::check_whole`]): after the findings of
/// [`run_text_check_shared`] in the order of the shares, they are the text check's findings.
pub fn run_text_check_whole(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    text::check_whole(context, out);
}
