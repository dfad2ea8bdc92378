//! T001: stray white space in a cell (leading, trailing, doubled, between Chinese characters,
//! or of an unusual kind).

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::TextCell;
use crate::rule::declare_rule;
use crate::rules::context::Context;

use super::is_cjk;

declare_rule! {
    /// ## What it checks
    /// A cell has stray white space: leading or trailing spaces, two spaces in a row, a space
    /// between two Chinese characters (`交通意外 數字`), or a tab, line break, full-width or
    /// non-breaking space inside the text. One diagnostic per cell.
    ///
    /// ## Why it matters
    /// Stray spaces come from copying out of PDFs and Word tables; they break searches and
    /// matching across years and languages ("交通意外 數字" and "交通意外數字" are different
    /// names to every program).
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 交通統計數字
    ///           description: 以JSON格式列出各警察總區按月統計的交通意外 數字
    ///           release_date: 05/2016
    ///           frequency: 每月
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
    ///           name: 交通統計數字
    ///           description: 以JSON格式列出各警察總區按月統計的交通意外數字
    ///           release_date: 05/2016
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// Safe: white space at the ends of a cell, a second space in a row and a space between two
    /// Chinese characters carry no meaning, so the fix trims the cell, folds runs of white space
    /// into one space and removes spaces between Chinese characters. Cells written with escapes or
    /// as block scalars (which may keep line breaks on purpose) get no fix.
    pub static STRAY_WHITESPACE = {
        code: "T001",
        name: "stray-whitespace",
        severity: Warning,
        fix: Always(Safe),
    };
}

/// The kinds of stray white space, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stray {
    Leading,
    Trailing,
    Doubled,
    BetweenCjk,
    Unusual,
}

/// The cell with its white space put right, and the first stray white space found (its byte
/// range in the original text).
fn normalise_whitespace(text: &str) -> (String, Option<(Stray, std::ops::Range<usize>)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut first: Option<(Stray, std::ops::Range<usize>)> = None;
    let mut note = |kind: Stray, range: std::ops::Range<usize>| {
        if first.is_none() {
            first = Some((kind, range));
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let (offset, c) = chars[index];
        if !c.is_whitespace() {
            out.push(c);
            index += 1;
            continue;
        }
        let run_start = index;
        while index < chars.len() && chars[index].1.is_whitespace() {
            index += 1;
        }
        let end = chars.get(index).map_or(text.len(), |(o, _)| *o);
        let range = offset..end;
        let before = run_start.checked_sub(1).map(|i| chars[i].1);
        let after = chars.get(index).map(|(_, c)| *c);
        match (before, after) {
            (None, _) => note(Stray::Leading, range),
            (_, None) => note(Stray::Trailing, range),
            (Some(b), Some(a)) => {
                let run = &text[range.clone()];
                if is_cjk(b) && is_cjk(a) {
                    note(Stray::BetweenCjk, range);
                } else {
                    if run != " " {
                        let kind = if run.chars().all(|c| c == ' ') {
                            Stray::Doubled
                        } else {
                            Stray::Unusual
                        };
                        note(kind, range);
                    }
                    out.push(' ');
                }
            }
        }
    }
    (out, first)
}

/// Whether [`normalise_whitespace`] puts anything right in `text`: what the screen of a cell's
/// text must find (its tests compare them).
#[cfg(test)]
pub(super) fn finds_stray(text: &str) -> bool {
    normalise_whitespace(text).1.is_some()
}

/// T001 on a cell; called for the cells whose text [`super::screen::Screen`] found stray white
/// space in (the others have nothing to put right).
pub(super) fn stray_whitespace(
    context: &Context<'_>,
    cell: &TextCell<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let value = cell.value;
    let (normalised, Some((kind, range))) = normalise_whitespace(value) else {
        return;
    };
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let message_id = match kind {
        Stray::Leading => "T001.leading",
        Stray::Trailing => "T001.trailing",
        Stray::Doubled => "T001.doubled",
        Stray::BetweenCjk => "T001.between-cjk",
        Stray::Unusual => "T001.unusual",
    };
    let range_for_excerpt = range.clone();
    let span = context
        .span_in_cell(pointer, value, range)
        .unwrap_or_else(|| context.span(pointer));
    let fix = context.replace_cell(
        pointer,
        value,
        &normalised,
        Applicability::Safe,
        Message::new("T001.fix").arg("normalised", &normalised),
    );
    out.push(
        Diagnostic::new(
            &STRAY_WHITESPACE,
            pointer,
            span,
            Message::new(message_id).arg("excerpt", excerpt(value, range_for_excerpt)),
        )
        .with_label(Message::new("T001.label"))
        .with_fix(fix),
    );
}

/// The text around `range`: a few characters either side, with `…` where it was cut.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    const SIDE: usize = 6;
    let before: Vec<char> = text[..range.start].chars().collect();
    let after: Vec<char> = text[range.end..].chars().collect();
    let mut out = String::new();
    if before.len() > SIDE {
        out.push('…');
    }
    out.extend(&before[before.len().saturating_sub(SIDE)..]);
    out.push_str(&text[range]);
    out.extend(after.iter().take(SIDE));
    if after.len() > SIDE {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_screen_finds_stray_space_where_normalising_does(text in "[a 數據\u{3000}\t\n（]{0,8}") {
            proptest::prop_assert_eq!(
                super::super::screen::Screen::of(&text, None, false).stray_space,
                normalise_whitespace(&text).1.is_some()
            );
        }
    }

    #[test]
    fn white_space_is_normalised_and_the_first_stray_is_located() {
        assert_eq!(normalise_whitespace("交通意外 數字").0, "交通意外數字");
        assert_eq!(
            normalise_whitespace("交通意外 數字").1.map(|(k, _)| k),
            Some(Stray::BetweenCjk)
        );
        assert_eq!(normalise_whitespace(" a  b ").0, "a b");
        assert_eq!(normalise_whitespace(" a").1, Some((Stray::Leading, 0..1)));
        assert_eq!(normalise_whitespace("a  b").1, Some((Stray::Doubled, 1..3)));
        assert_eq!(
            normalise_whitespace("a\tb").1.map(|(k, _)| k),
            Some(Stray::Unusual)
        );
        assert_eq!(normalise_whitespace("在 2024 年發放").1, None);
        assert_eq!(normalise_whitespace("罪案; 被限制").1, None);
    }
}
