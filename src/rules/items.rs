//! N001: the items of every table run 1, 2, 3, ...

use crate::diagnostic::{Applicability, Diagnostic, Edit, Effect, Fix};
use crate::messages::Message;
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// The item numbers of a table do not run 1, 2, 3, ... in order: a gap, a repeat, or a start
    /// other than 1. One diagnostic per table, at the first item out of step. Tables holding only
    /// the placeholder row are left to the placeholder rules.
    ///
    /// ## Why it matters
    /// Readers, the yearly audit and cross-references ("item 7 of D.ii") rely on the numbers; a
    /// gap usually means a row was deleted or pasted twice.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 水警分區基地
    ///           description: 水警分區基地位置
    ///           release_date: 12/2022
    ///           frequency: 當有更新數據時
    ///         - item: 3
    ///           category: 法律及保安
    ///           name: 防止罪案辦公室
    ///           description: 防止罪案辦公室位置
    ///           release_date: 12/2022
    ///           frequency: 當有更新數據時
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 水警分區基地
    ///           description: 水警分區基地位置
    ///           release_date: 12/2022
    ///           frequency: 當有更新數據時
    ///         - item: 2
    ///           category: 法律及保安
    ///           name: 防止罪案辦公室
    ///           description: 防止罪案辦公室位置
    ///           release_date: 12/2022
    ///           frequency: 當有更新數據時
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: renumbering changes how every later item is referred to, so a person should
    /// confirm it.
    pub static ITEM_SEQUENCE = {
        code: "N001",
        name: "item-sequence",
        severity: Error,
        fix: Always(Unsafe),
    };
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for table in context.plan.tables() {
        let rows = table.rows();
        if rows.iter().all(|row| row.placeholder) {
            continue;
        }
        let Some(first_wrong) = rows
            .iter()
            .enumerate()
            .position(|(index, row)| !in_step(row, index))
        else {
            continue;
        };
        let mut edits = Vec::new();
        let mut effects = Vec::new();
        for (index, row) in rows.iter().enumerate() {
            let expected = index as i64 + 1;
            if in_step(row, index) {
                continue;
            }
            let pointer = format!("{}/item", table.row_pointer(index));
            match context
                .document
                .literal_content_span(&pointer, &row.item_text())
            {
                Some(span) => {
                    edits.push(Edit {
                        span,
                        replacement: expected.to_string(),
                    });
                    effects.push(Effect::Set {
                        pointer,
                        value: expected.into(),
                    });
                }
                None => {
                    edits.clear();
                    break;
                }
            }
        }
        let fix = (!edits.is_empty()).then(|| Fix {
            applicability: Applicability::Unsafe,
            message: Message::new("N001.fix").arg("count", edits.len()),
            edits,
            effects,
        });
        let expected = first_wrong + 1;
        let found = rows[first_wrong].item_text();
        let pointer = format!("{}/item", table.row_pointer(first_wrong));
        out.push(
            context
                .diagnostic(
                    &ITEM_SEQUENCE,
                    &pointer,
                    Message::new("N001.message")
                        .arg("table", table.label())
                        .arg("found", &found)
                        .arg("expected", expected),
                )
                .with_label(Message::new("N001.label").arg("expected", expected))
                .with_help(Message::new("N001.help"))
                .with_fix(fix),
        );
    }
}

/// Whether a row's item is where the sequence expects it. An item that is not a number is the
/// schema's finding (S003); it counts as in step so that it is not reported twice.
fn in_step(row: &crate::model::Row<'_>, index: usize) -> bool {
    row.item.is_none() || row.item_number() == Some(index as i64 + 1)
}
