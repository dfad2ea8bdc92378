//! What a paragraph's text says it is: a section or table heading, a note, the closing date,
//! or a table row whose cells are aligned by spaces.

use crate::model::{SectionKey, TableKind};
use crate::vocab::ENGLISH_MONTHS;

use super::super::{item_number, section_key};

/// `A. 在 2024 年發放的局／部門數據集` gives section A and its title.
pub(in crate::import) fn section_heading(text: &str) -> Option<(SectionKey, &str)> {
    let letter = text.chars().next()?;
    if !letter.is_ascii_uppercase() {
        return None;
    }
    let key = section_key(letter)?;
    let title = after_marker(text, key.as_str())?;
    Some((key, title))
}

/// The text after a heading's number (`A. `, `ii. `): white space or a CJK character must follow
/// the dot, so `i.e. ...` is not a heading.
fn after_marker<'t>(text: &'t str, marker: &str) -> Option<&'t str> {
    let rest = text
        .strip_prefix(marker)
        .map(|rest| rest.strip_prefix(['.', '．']))??;
    let first = rest.chars().next()?;
    let title = rest.trim();
    ((first.is_whitespace() || super::super::is_cjk(first)) && !title.is_empty()).then_some(title)
}

/// `i. 空間數據` / `ii. Non-spatial Data`: the table by its numeral.
pub(super) fn table_heading(text: &str) -> Option<TableKind> {
    for (numeral, kind) in [
        ("ii", TableKind::NonSpatial),
        ("II", TableKind::NonSpatial),
        ("i", TableKind::Spatial),
        ("I", TableKind::Spatial),
    ] {
        if after_marker(text, numeral).is_some() {
            return Some(kind);
        }
    }
    None
}

/// The text of a note: `備註：...`, `Remarks: ...`.
pub(super) fn note_text(text: &str) -> Option<&str> {
    const LABELS: [&str; 6] = ["備註", "备注", "Remarks", "Remark", "Notes", "Note"];
    for label in LABELS {
        let Some(head) = text.get(..label.len()) else {
            continue;
        };
        if !head.eq_ignore_ascii_case(label) {
            continue;
        }
        let rest = text[label.len()..].trim_start();
        if let Some(note) = rest.strip_prefix(['：', ':']) {
            return Some(note.trim());
        }
    }
    None
}

/// Whether a paragraph's words stand in columns aligned by runs of spaces, as `pdftotext
/// -layout` writes a table: three spaces or more between two pieces of text.
pub(super) fn aligned_columns(text: &str) -> bool {
    text.trim().contains("   ")
}

/// Whether an aligned paragraph starts with an item number: a table row that lost its cells.
pub(super) fn looks_like_row(text: &str) -> bool {
    let text = text.trim();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    item_number(&text[..end]).is_some() && text[end..].starts_with("  ")
}

/// The closing date line as `MM/YYYY`: `2023年12月` or `December 2023` (`Dec 2023`).
pub(in crate::import) fn closing_date(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some((year, month)) = compact
        .strip_suffix('月')
        .and_then(|rest| rest.split_once('年'))
    {
        return year_month(year, month.parse().ok()?);
    }
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|word| !word.is_empty())
        .collect();
    let [month, year] = words[..] else {
        return None;
    };
    let month = month.trim_end_matches('.').to_ascii_lowercase();
    let number = ENGLISH_MONTHS.iter().position(|name| {
        let name = name.to_ascii_lowercase();
        name == month || (month.len() >= 3 && name.starts_with(&month))
    })?;
    year_month(year, number as u32 + 1)
}

fn year_month(year: &str, month: u32) -> Option<String> {
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && (1..=12).contains(&month))
        .then(|| format!("{month:02}/{year}"))
}

/// At most 40 characters of a line, for messages.
pub(in crate::import) fn excerpt(text: &str) -> String {
    const LIMIT: usize = 40;
    if text.chars().count() <= LIMIT {
        text.to_string()
    } else {
        let cut: String = text.chars().take(LIMIT).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_need_text_after_their_number() {
        assert_eq!(
            section_heading("A. 在 2024 年發放的局／部門數據集"),
            Some((SectionKey::A, "在 2024 年發放的局／部門數據集"))
        );
        assert_eq!(
            section_heading("D. Progress: datasets uploaded"),
            Some((SectionKey::D, "Progress: datasets uploaded"))
        );
        assert_eq!(section_heading("A."), None);
        assert_eq!(section_heading("E. Other"), None);
        assert_eq!(section_heading("B/D datasets"), None);
        assert_eq!(table_heading("i. 空間數據"), Some(TableKind::Spatial));
        assert_eq!(
            table_heading("ii. Non-spatial Data"),
            Some(TableKind::NonSpatial)
        );
        assert_eq!(table_heading("i.e. something"), None);
        assert_eq!(table_heading("iii. Other"), None);
    }

    #[test]
    fn notes_and_closing_dates_are_recognised() {
        assert_eq!(
            note_text("備註：2022年及之前發布的數據集條目"),
            Some("2022年及之前發布的數據集條目")
        );
        assert_eq!(
            note_text("Remarks: Entries before 2022"),
            Some("Entries before 2022")
        );
        assert_eq!(note_text("Notebook"), None);
        assert_eq!(closing_date("2023年12月").as_deref(), Some("12/2023"));
        assert_eq!(closing_date("2023 年 1 月").as_deref(), Some("01/2023"));
        assert_eq!(closing_date("December 2023").as_deref(), Some("12/2023"));
        assert_eq!(closing_date("Dec. 2023").as_deref(), Some("12/2023"));
        assert_eq!(closing_date("2023年13月"), None);
        assert_eq!(closing_date("Hong Kong Police"), None);
    }

    #[test]
    fn rows_aligned_by_spaces_are_recognised() {
        assert!(looks_like_row(
            "1    法律及保安    水警分區基地    水警分區基地位置    12/2022"
        ));
        assert!(!looks_like_row("1 法律及保安"));
        assert!(aligned_columns("編號   數據種類   數據集名稱"));
        assert!(!aligned_columns("2022年及之前發布的數據集條目 基於"));
    }
}
