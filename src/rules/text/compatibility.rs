//! T007: CJK compatibility ideographs, which look like the usual characters but do not match them.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::hanzi;
use crate::messages::Message;
use crate::model::TextCell;
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// A cell holds a CJK compatibility ideograph (U+F900-U+FAFF or U+2F800-U+2FA1F) that stands
    /// for a usual (unified) character: U+FA08 for 行, U+F969 for 數. They look the same on screen
    /// but are other characters. One diagnostic per cell, naming each character by its code
    /// point. The twelve unified ideographs that sit in the compatibility block (such as U+FA0E)
    /// have no other form and are not reported.
    ///
    /// ## Why it matters
    /// They come from old input methods, fonts and PDF conversions, and they are in titles on
    /// DATA.GOV.HK. A name written with one does not match the same name typed normally: search,
    /// sorting and comparing plans across years or with the portal all miss it.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案統計數字
    ///           description: 以CSV格式列出各警區的罪行數字
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
    ///           name: 罪案統計數字
    ///           description: 以CSV格式列出各警區的罪行數字
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// Safe: the fix writes each character as its canonical decomposition (what Unicode
    /// normalisation, NFC, gives), which Unicode defines as the same character, so the text reads
    /// and means exactly the same; only the code points change. Nothing else in the cell is
    /// touched.
    pub static COMPATIBILITY_IDEOGRAPH = {
        code: "T007",
        name: "compatibility-ideograph",
        severity: Warning,
        fix: Always(Safe),
    };
}

/// `U+FA08 → 行 (U+884C)`: the code points, since the two characters look the same.
fn describe(c: char, unified: char) -> String {
    format!(
        "U+{:04X} → {unified} (U+{:04X})",
        u32::from(c),
        u32::from(unified)
    )
}

pub(super) fn compatibility_ideographs(
    context: &Context<'_>,
    cell: &TextCell<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let value = cell.value;
    let found: Vec<(usize, char, char)> = value
        .char_indices()
        .filter_map(|(offset, c)| hanzi::unified(c).map(|unified| (offset, c, unified)))
        .collect();
    let Some(&(first_offset, first_char, first_unified)) = found.first() else {
        return;
    };
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let mut listed: Vec<String> = Vec::new();
    for &(_, c, unified) in &found {
        let entry = describe(c, unified);
        if !listed.contains(&entry) {
            listed.push(entry);
        }
    }
    let changes: Vec<(std::ops::Range<usize>, String)> = found
        .iter()
        .map(|&(offset, c, unified)| (offset..offset + c.len_utf8(), unified.to_string()))
        .collect();
    let fix = context.edit_in_cell(
        pointer,
        value,
        &changes,
        Applicability::Safe,
        Message::new("T007.fix").arg("characters", listed.join(", ")),
    );
    let span = context
        .span_in_cell(
            pointer,
            value,
            first_offset..first_offset + first_char.len_utf8(),
        )
        .unwrap_or_else(|| context.span(pointer));
    let label = |c: char, unified: char| {
        Message::new("T007.char")
            .arg("code", format!("U+{:04X}", u32::from(c)))
            .arg("unified", unified)
    };
    let mut diagnostic = Diagnostic::new(
        &COMPATIBILITY_IDEOGRAPH,
        pointer,
        span,
        Message::new("T007.message").arg("characters", listed.join(", ")),
    )
    .with_label(label(first_char, first_unified));
    // Every other character is labelled too, where the cell is spelt literally.
    for &(offset, c, unified) in &found[1..] {
        if let Some(at) = context.span_in_cell(pointer, value, offset..offset + c.len_utf8()) {
            diagnostic = diagnostic.with_related(at, label(c, unified));
        }
    }
    out.push(diagnostic.with_fix(fix));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_description_names_both_code_points() {
        assert_eq!(describe('\u{FA08}', '行'), "U+FA08 → 行 (U+884C)");
        assert_eq!(describe('\u{2F8A6}', '\u{6148}'), "U+2F8A6 → 慈 (U+6148)");
    }
}
