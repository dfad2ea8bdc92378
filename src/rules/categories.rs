//! C001-C003: every dataset's category is a DATA.GOV.HK category, current, in the plan's language.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::TableRef;
use crate::rule::declare_rule;
use crate::rules::context::{Context, Memo};
use crate::vocab::categories::{CategoryMatch, classify};

declare_rule! {
    /// ## What it checks
    /// A dataset's category is not one of the 20 DATA.GOV.HK data categories in the plan's
    /// language (or one that `odplint.toml` adds). Case and surrounding spaces are ignored. The
    /// help names the closest category.
    ///
    /// ## Why it matters
    /// The portal files every dataset under one of its categories; a category it does not have
    /// cannot be published as written, and the audit cannot count the dataset.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保全
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the closest name is a suggestion, not a certainty.
    pub static UNKNOWN_CATEGORY = {
        code: "C001",
        name: "unknown-category",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A category is written with a name DATA.GOV.HK has retired or renamed (the 2018 English
    /// names: `Transport` is now `Transportation`, `Social Welfare` is now `Community and Social
    /// Welfare`, ...).
    ///
    /// ## Why it matters
    /// Old names no longer match the portal's categories, so the dataset is filed by hand or not
    /// at all.
    ///
    /// ## Example that fails
    /// ```yaml
    /// language: en
    /// title: Annual Open Data Plan 2024-2026
    /// sections:
    ///   A:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   B:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   C:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   D:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transport
    ///           name: Traffic speed map
    ///           description: Traffic speeds of major roads in XML
    ///           release_date: 06/2020
    ///           frequency: Every 2 minutes
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// language: en
    /// title: Annual Open Data Plan 2024-2026
    /// sections:
    ///   A:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   B:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   C:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial: {rows: [{item: 1, category: N/A}]}
    ///   D:
    ///     spatial: {rows: [{item: 1, category: N/A}]}
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transportation
    ///           name: Traffic speed map
    ///           description: Traffic speeds of major roads in XML
    ///           release_date: 06/2020
    ///           frequency: Every 2 minutes
    /// ```
    ///
    /// ## Fix safety
    /// Safe: DATA.GOV.HK renamed these categories without changing what they hold, and each 2018
    /// name has exactly one current name, so the fix writes the same category's current name.
    pub static OUTDATED_CATEGORY = {
        code: "C002",
        name: "outdated-category",
        severity: Warning,
        fix: Always(Safe),
    };
}

declare_rule! {
    /// ## What it checks
    /// A category is a DATA.GOV.HK category, but in another language than the plan's: `Law and
    /// Security` or 法律及保安 in the wrong version, or the Simplified 运输 in a Traditional plan.
    ///
    /// ## Why it matters
    /// Each language version of a plan is published on its own; a category in the other language
    /// reads as a copying slip and is not matched by the portal.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Law and Security
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// Safe: each DATA.GOV.HK category has exactly one name in each language, so the fix writes the
    /// same category's name in the plan's language.
    pub static CATEGORY_WRONG_LANGUAGE = {
        code: "C003",
        name: "category-wrong-language",
        severity: Warning,
        fix: Always(Safe),
    };
}

/// The category check of one row at a time, with what each category seen so far is: categories
/// repeat row after row.
#[derive(Default)]
pub(super) struct CategoryRows<'a> {
    memo: Memo<'a, CategoryMatch>,
}

impl<'a> CategoryRows<'a> {
    /// Checks the category of row `index` of `table`.
    pub(super) fn check(
        &mut self,
        context: &Context<'_>,
        table: TableRef<'a>,
        index: usize,
        out: &mut Vec<Diagnostic>,
    ) {
        let language = context.plan.language;
        let row = &table.rows()[index];
        if row.placeholder {
            return;
        }
        let category = row.category.unwrap_or_default();
        let found = self.memo.get(category, |category| {
            // The configuration's extra spellings: a hash lookup, not a scan per cell.
            if context.extras.accepts_category(language, category) {
                CategoryMatch::Current
            } else {
                classify(category, language, &[])
            }
        });
        if found == CategoryMatch::Current {
            return;
        }
        let pointer = format!("{}/category", table.row_pointer(index));
        let written_null = || {
            context
                .document
                .value_at(&pointer)
                .is_some_and(|value| value.is_null())
        };
        if row.category.is_none() && !written_null() {
            // A missing key or a value that is not text is the schema's finding (S003),
            // not a second one here.
            return;
        }
        let diagnostic = match found {
            CategoryMatch::Current => return,
            CategoryMatch::Unknown { closest } => {
                let message = if category.trim().is_empty() {
                    Message::new("C001.empty")
                } else {
                    Message::new("C001.message")
                        .arg("value", category)
                        .arg_message("language", language.name())
                };
                let help = match closest {
                    Some(name) => Message::new("C001.help-closest").arg("closest", name),
                    None => Message::new("C001.help"),
                };
                context
                    .diagnostic(&UNKNOWN_CATEGORY, &pointer, message)
                    .with_label(Message::new("C001.label"))
                    .with_help(help)
            }
            CategoryMatch::Outdated { current } => context
                .diagnostic(
                    &OUTDATED_CATEGORY,
                    &pointer,
                    Message::new("C002.message")
                        .arg("value", category)
                        .arg("current", current),
                )
                .with_label(Message::new("C002.label"))
                .with_fix(context.replace_cell(
                    &pointer,
                    category,
                    current,
                    Applicability::Safe,
                    Message::new("C002.fix").arg("current", current),
                )),
            CategoryMatch::OtherLanguage {
                language: other,
                translation,
            } => context
                .diagnostic(
                    &CATEGORY_WRONG_LANGUAGE,
                    &pointer,
                    Message::new("C003.message")
                        .arg("value", category)
                        .arg_message("other", other.name())
                        .arg_message("language", language.name()),
                )
                .with_label(Message::new("C003.label").arg_message("other", other.name()))
                .with_fix(context.replace_cell(
                    &pointer,
                    category,
                    translation,
                    Applicability::Safe,
                    Message::new("C003.fix").arg("translation", translation),
                )),
        };
        out.push(diagnostic);
    }
}
