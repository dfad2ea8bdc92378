//! T004: characters of the other Chinese script (simplified in a zh-Hant plan, traditional in a
//! zh-Hans one), judged by Hong Kong usage.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::{CellKind, Language, TextCell};
use crate::rule::declare_rule;
use crate::rules::context::Context;
use crate::vocab::frequency;

use super::screen::OtherScript;

declare_rule! {
    /// ## What it checks
    /// A Traditional Chinese (zh-Hant) plan uses simplified-only characters, or a Simplified
    /// Chinese (zh-Hans) plan traditional-only ones. Characters are judged by Hong Kong usage
    /// (OpenCC's tables with its Hong Kong variants: 台 and 着 are fine). One diagnostic per
    /// cell, naming each character and its other form. Category cells are left to the category
    /// rules.
    ///
    /// ## Why it matters
    /// Text pasted from a simplified source slips into Traditional plans unnoticed by eye but not
    /// by search: 数据 and 數據 are different words to every program.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案数字比较
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
    /// Safe where every character found has exactly one form in the other script (数 → 數): it is the
    /// same character written in the other script, so the words read the same. A character with
    /// several forms (发 → 發 or 髮) leaves the cell without a fix.
    pub static SIMPLIFIED_IN_TRADITIONAL = {
        code: "T004",
        name: "simplified-in-traditional",
        severity: Warning,
        fix: Sometimes(Safe),
    };
}

/// The forms of a character in the script a plan in `language` should not use (none for an
/// English plan), and the message that names that script.
pub(super) fn other_script(language: Language) -> Option<(OtherScript, &'static str)> {
    match language {
        Language::ZhHant => Some((OtherScript::SIMPLIFIED_ONLY, "T004.simplified")),
        Language::ZhHans => Some((OtherScript::TRADITIONAL_ONLY, "T004.traditional")),
        Language::En => None,
    }
}

pub(super) fn wrong_script(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    let value = cell.value;
    let Some((lookup, message_id)) = other_script(context.plan.language) else {
        return;
    };
    let found: Vec<(usize, char, &'static str)> = value
        .char_indices()
        .filter_map(|(offset, c)| lookup.of(c).map(|forms| (offset, c, forms)))
        .collect();
    let Some(&(first_offset, first_char, _)) = found.first() else {
        return;
    };
    // A frequency written wholly in the other script is F003's, with a fix for the whole cell.
    if cell.kind == CellKind::Frequency
        && matches!(
            crate::rules::frequency::classify_cell(context, value),
            frequency::Classification::OtherLanguage { .. }
        )
    {
        return;
    }
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let mut listed: Vec<String> = Vec::new();
    for (_, c, forms) in &found {
        let entry = format!(
            "{c} → {}",
            forms
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("/")
        );
        if !listed.contains(&entry) {
            listed.push(entry);
        }
    }
    let one_to_one = found.iter().all(|(_, _, forms)| forms.chars().count() == 1);
    let fix = if one_to_one {
        let changes: Vec<(std::ops::Range<usize>, String)> = found
            .iter()
            .map(|(offset, c, forms)| (*offset..offset + c.len_utf8(), forms.to_string()))
            .collect();
        context.edit_in_cell(
            pointer,
            value,
            &changes,
            Applicability::Safe,
            Message::new("T004.fix").arg("characters", listed.join(", ")),
        )
    } else {
        None
    };
    let span = context
        .span_in_cell(
            pointer,
            value,
            first_offset..first_offset + first_char.len_utf8(),
        )
        .unwrap_or_else(|| context.span(pointer));
    let label = |c: char, forms: &str| {
        Message::new("T004.char").arg("character", c).arg(
            "forms",
            forms
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("/"),
        )
    };
    let mut diagnostic = Diagnostic::new(
        &SIMPLIFIED_IN_TRADITIONAL,
        pointer,
        span,
        Message::new(message_id).arg("characters", listed.join(", ")),
    )
    .with_label(label(first_char, found[0].2));
    // Every other character is labelled too, where the cell is spelt literally.
    for (offset, c, forms) in &found[1..] {
        if let Some(at) = context.span_in_cell(pointer, value, *offset..offset + c.len_utf8()) {
            diagnostic = diagnostic.with_related(at, label(*c, forms));
        }
    }
    out.push(diagnostic.with_fix(fix));
}
