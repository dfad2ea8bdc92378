//! The text reader: a plan as PDF-to-text extraction gives it. The organisation and the title
//! stand on their own lines, then headings `A.`-`D.` and `i.`/`ii.`, `備註：` notes, and
//! tab-separated table lines: header rows (repeated after page breaks), rows that start with an
//! item number, and continuation lines whose first cell is empty. A closing line such as
//! `2023年12月` gives the publication date.
//!
//! Each line without tabs is a paragraph (one that follows another without a blank line may be
//! its wrapped rest); each run of tab-separated lines is a table, one row a line. What the lines
//! mean is the builder's business ([`super::build`]).

use crate::document::{Document, Span};

use super::layout::{Block, Cell, Layout, Paragraph, Row, Table};
use super::{Imported, Metadata, build};

pub(super) fn import(document: &Document, metadata: &Metadata) -> Imported {
    let (layout, anchors) = read(document);
    build::build(&layout, metadata, anchors)
}

/// The layout of `document`'s text, and the spans of its first and last lines.
pub(super) fn read(document: &Document) -> (Layout, (Span, Span)) {
    let text = &document.text;
    let mut layout = Layout::default();
    let mut after_blank = true;
    let mut first_line: Option<Span> = None;
    let mut last_line: Option<Span> = None;
    for number in 0..document.lines().line_count() {
        let range = document.lines().line_range(text, number);
        let raw = &text[range.clone()];
        // pdftotext marks a page break with a form feed at the start of the next page's line.
        let line = raw.trim_start_matches('\u{c}');
        let start = range.end - line.len();
        if line.trim().is_empty() {
            after_blank = true;
            continue;
        }
        let span = trimmed_span(line, start);
        first_line.get_or_insert_with(|| span.clone());
        last_line = Some(span.clone());
        let joins_previous = !after_blank;
        after_blank = false;
        let Some((first, rest)) = line.split_once('\t') else {
            layout.blocks.push(Block::Paragraph(Paragraph {
                text: line.to_string(),
                span: start..start + line.len(),
                joins_previous,
            }));
            continue;
        };
        // Word's numbered headings come out as `A.⇥Title`.
        if heading_marker(first.trim()) {
            layout.blocks.push(Block::Paragraph(Paragraph {
                text: format!("{} {}", first.trim_end(), rest.replace('\t', " ")),
                span,
                joins_previous,
            }));
            continue;
        }
        let row = Row {
            cells: split_cells(line, start),
            header: false,
            span,
        };
        match layout.blocks.last_mut() {
            Some(Block::Table(table)) => table.rows.push(row),
            _ => layout.blocks.push(Block::Table(Table { rows: vec![row] })),
        }
    }
    let end = text.len()..text.len();
    let anchors = (first_line.unwrap_or(0..0), last_line.unwrap_or(end));
    (layout, anchors)
}

/// The span of a line's text without its surrounding white space.
fn trimmed_span(line: &str, start: usize) -> Span {
    let leading = line.len() - line.trim_start().len();
    start + leading..start + line.trim_end().len()
}

fn split_cells(line: &str, start: usize) -> Vec<Cell> {
    let mut at = start;
    line.split('\t')
        .map(|text| {
            let cell = Cell::new(text, at..at + text.len());
            at += text.len() + 1;
            cell
        })
        .collect()
}

/// `A.`-`D.`, `i.` or `ii.` alone: a heading's number cut from its text by a tab.
fn heading_marker(text: &str) -> bool {
    matches!(
        text,
        "A." | "B." | "C." | "D." | "i." | "ii." | "I." | "II." | "A．" | "B．" | "C．" | "D．"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::SourceKind;
    use crate::import::build::{build_accounted, placed_characters};
    use crate::import::layout::counted;

    const SEED: &str = include_str!("../../tests/fixtures/import/hkpf-2024-2026.txt");

    /// Every character of the input is placed, used as structure or reported.
    fn assert_accounted(text: &str) -> crate::import::Imported {
        let document = Document::parse_as("plan.txt", text, SourceKind::Text);
        let (layout, anchors) = read(&document);
        let (imported, accounts) = build_accounted(&layout, &Metadata::default(), anchors);
        let input: usize = layout.pieces().map(counted).sum();
        let placed: usize = accounts.iter().map(|account| account.placed).sum();
        let other: usize = accounts
            .iter()
            .map(|account| account.structure + account.reported)
            .sum();
        assert_eq!(placed, placed_characters(&imported.plan), "placed");
        assert_eq!(
            input,
            placed + other,
            "input = placed + structure + reported"
        );
        imported
    }

    #[test]
    fn every_character_of_the_seed_is_accounted_for() {
        let imported = assert_accounted(SEED);
        assert!(imported.diagnostics.is_empty());
        // The text outside tabs and lines is what the seed has, white space aside.
        let document = Document::parse_as("plan.txt", SEED, SourceKind::Text);
        let (layout, _) = read(&document);
        assert_eq!(layout.pieces().map(counted).sum::<usize>(), counted(SEED));
    }

    #[test]
    fn rows_aligned_by_spaces_are_reported_never_note_text() {
        let text = "香港警務處\n2024-2026年度開放數據計劃\n\nD. 進度\n\nii. 非空間數據\n\
            備註：2022年及之前發布的數據集條目\n\
            1    法律及保安    罪案統計    罪案數字    10/2016    每年\n\
            2    法律及保安    交通意外    交通意外數字    10/2016    每月\n\
            2023年12月\n";
        let imported = assert_accounted(text);
        let table = imported.plan.sections[3]
            .as_ref()
            .and_then(|section| section.non_spatial.as_ref())
            .expect("D.ii");
        assert_eq!(table.note.as_deref(), Some("2022年及之前發布的數據集條目"));
        let mut codes: Vec<String> = imported
            .diagnostics
            .iter()
            .map(|d| format!("{} {}", d.rule.code, d.message.id))
            .collect();
        codes.sort();
        assert_eq!(codes, ["I001 I001.aligned"]);
    }

    #[test]
    fn unplaceable_text_is_accounted_as_reported() {
        let text = "Org\nTitle 2024-2026\nfree text before sections\n\nA. Section\n\
            i. Spatial Data\n\
            Item No.\tCategory\tName\tDescription\tDate\tFrequency\n\
            X\ta\tb\tc\td\te\n\
            1\ta\tb\tc\t01/2024\tMonthly\textra\n\
            \t\t\tmore\n\
            December 2023\nafter the end\n";
        let imported = assert_accounted(text);
        assert!(!imported.diagnostics.is_empty());
    }
}
