//! The spreadsheet reader (`.xlsx`, `.ods`, read with `calamine`): a workbook as the document
//! model every reader produces.
//!
//! Sheets are read in order, each as the Word document would show it: a row holding one piece
//! of text in its first column (a title line, a heading `A.`-`D.` / `i.`/`ii.`, a `備註：` note,
//! the closing date) is a paragraph; other rows are table rows (header rows, item rows,
//! continuation rows), consecutive ones one table. So a workbook may hold one sheet per table
//! (each with its headings above it) or the whole plan on one sheet.
//!
//! - Merged ranges (Excel's `mergeCells`) are merged cells of the model: a range across columns
//!   is one cell spanning them (a 不適用 over five columns); the rows below the top of a range
//!   continue the cell above (as Word's `w:vMerge`: one dataset with several parts). An
//!   OpenDocument file's covered cells are read as empty, which the builder reads the same way.
//! - A date cell is written `MM/YYYY` when it is the first day of a month at midnight (a cell
//!   formatted to show month and year); any other date keeps its full value as `YYYY-MM-DD`
//!   (`check` then says what the template expects). A text cell is kept as typed (`3/2025`
//!   stays `3/2025`); numbers are written as the shortest decimal that reads back the same.
//! - A cover sheet may give the plan's facts as label/value rows (`機構` / `Organisation`,
//!   `標題` / `Title`, `發布日期` / `Published`); the command line's options win over them. A
//!   closing date standing before the first section (a cover sheet's date line) is read last,
//!   as the plan's closing line.
//!
//! Findings point into a rendering of the workbook as text: one line per non-empty row,
//! starting with the sheet's name and the row's number (`A.i!7`), then the row's cells from the
//! first column, separated by tabs.

use std::io::Cursor;

use calamine::{
    Cell as SheetCell, Data, DataRef, Dimensions, Ods, Range, Reader, Xlsx, open_workbook_from_rs,
};

use crate::document::Span;
use crate::messages::Message;

use super::build::{closing_date, section_heading};
use super::layout::{Block, Cell, Layout, Paragraph, Row, Table};
use super::{InputFormat, Metadata, archive, item_number, join_wrapped};

/// A workbook as the document model, the rendering its places are in, and the facts a cover
/// sheet gave by label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub rendering: String,
    pub layout: Layout,
    pub anchors: (Span, Span),
    pub cover: Metadata,
}

/// The most cells read from one workbook: beyond it the file is refused.
const MAX_CELLS: usize = 5_000_000;

/// Reads an `.xlsx` (`format` [`InputFormat::Xlsx`]) or `.ods` workbook. The error says why
/// it cannot be read.
pub fn read(bytes: &[u8], format: InputFormat) -> Result<Read, Message> {
    // Every entry is read once through the bounded reader first, so a zip bomb is an error
    // before the spreadsheet library inflates anything.
    let mut zip = archive::Archive::open(bytes)?;
    zip.check_all()?;
    let sheets = match format {
        InputFormat::Ods => {
            let mut book: Ods<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|error| Message::new("import.ods-unreadable").arg("detail", error))?;
            sheets(
                &mut book,
                |book, name| {
                    book.worksheet_range(name).map_err(|error| {
                        Message::new("import.sheet-unreadable")
                            .arg("name", name)
                            .arg("detail", error)
                    })
                },
                |_, _| Vec::new(),
            )?
        }
        _ => {
            let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
                .map_err(|error| Message::new("import.xlsx-unreadable").arg("detail", error))?;
            sheets(&mut book, xlsx_range, |book, name| {
                book.merge_cells_by_sheet_name(name)
                    .ok()
                    .unwrap_or_default()
            })?
        }
    };
    Ok(write(&sheets))
}

/// One sheet: its name, its rows (from the sheet's first used row and column) and the place of
/// its first cell.
struct Sheet {
    name: String,
    origin: (u32, u32),
    rows: Vec<Vec<Slot>>,
}

/// What stands at one place of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Slot {
    /// A cell's text, over this many columns.
    Text(String, usize),
    /// The lower part of a merged range: the cell above continues here, over this many columns.
    ContinuesAbove(usize),
    /// Covered by a merged range that starts to the left.
    Covered,
}

/// An Excel sheet's cells, read one by one so that a file placing a cell far away (a sheet of
/// 17 billion places) is refused before anything that large is allocated.
fn xlsx_range(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Range<Data>, Message> {
    let cannot = |error: calamine::XlsxError| {
        Message::new("import.sheet-unreadable")
            .arg("name", name)
            .arg("detail", error)
    };
    let mut reader = book.worksheet_cells_reader(name).map_err(cannot)?;
    let mut cells = Vec::new();
    let (mut low, mut high) = ((u32::MAX, u32::MAX), (0u32, 0u32));
    while let Some(cell) = reader.next_cell().map_err(cannot)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        low = (low.0.min(row), low.1.min(column));
        high = (high.0.max(row), high.1.max(column));
        let area = (u64::from(high.0 - low.0) + 1) * (u64::from(high.1 - low.1) + 1);
        if area > MAX_CELLS as u64 {
            return Err(too_many_cells());
        }
        cells.push(SheetCell::new(
            (row, column),
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(Range::from_sparse(cells))
}

fn too_many_cells() -> Message {
    Message::new("import.sheet-cells").arg("limit", MAX_CELLS)
}

/// Reads every sheet of a workbook with its merged ranges.
fn sheets<'a, B: Reader<Cursor<&'a [u8]>>>(
    book: &mut B,
    mut range_of: impl FnMut(&mut B, &str) -> Result<Range<Data>, Message>,
    mut merges: impl FnMut(&mut B, &str) -> Vec<Dimensions>,
) -> Result<Vec<Sheet>, Message> {
    let mut sheets = Vec::new();
    let mut cells = 0usize;
    for name in book.sheet_names() {
        let range = range_of(book, &name)?;
        let (height, width) = range.get_size();
        cells = cells.saturating_add(height.saturating_mul(width));
        if cells > MAX_CELLS {
            return Err(too_many_cells());
        }
        let merged = merges(book, &name);
        sheets.push(sheet(name, &range, &merged));
    }
    Ok(sheets)
}

/// A sheet's cells as slots, merged ranges applied.
fn sheet(name: String, range: &Range<Data>, merged: &[Dimensions]) -> Sheet {
    let origin = range.start().unwrap_or((0, 0));
    let mut rows: Vec<Vec<Slot>> = range
        .rows()
        .map(|row| {
            row.iter()
                .map(|data| Slot::Text(text_of(data), 1))
                .collect()
        })
        .collect();
    for merge in merged {
        let (Some(top), Some(left)) = (
            merge.start.0.checked_sub(origin.0),
            merge.start.1.checked_sub(origin.1),
        ) else {
            continue;
        };
        let (top, left) = (top as usize, left as usize);
        let bottom =
            (merge.end.0.saturating_sub(origin.0) as usize).min(rows.len().saturating_sub(1));
        let width = (merge.end.1.saturating_sub(merge.start.1) as usize).saturating_add(1);
        for (index, row) in rows.iter_mut().enumerate().take(bottom + 1).skip(top) {
            let right = left.saturating_add(width).min(row.len());
            if left >= right {
                continue;
            }
            let columns = right - left;
            row[left] = match &row[left] {
                Slot::Text(text, _) if index == top => Slot::Text(text.clone(), columns),
                // A covered cell holds no text in a well-made file; if one does, it stays.
                Slot::Text(text, _) if !text.trim().is_empty() => Slot::Text(text.clone(), 1),
                _ => Slot::ContinuesAbove(columns),
            };
            for slot in &mut row[left + 1..right] {
                if !matches!(slot, Slot::Text(text, _) if !text.trim().is_empty()) {
                    *slot = Slot::Covered;
                }
            }
        }
    }
    Sheet { name, origin, rows }
}

/// A cell's text as the template wants it: text as typed; a date as `MM/YYYY` when it is the
/// first of a month at midnight, else as `YYYY-MM-DD` (with its time when it has one); a number
/// as its shortest decimal.
fn text_of(data: &Data) -> String {
    match data {
        Data::Empty => String::new(),
        Data::String(text) => joined(text),
        Data::Int(value) => value.to_string(),
        Data::Float(value) => number(*value),
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(value) if value.is_datetime() => {
            let (year, month, day, hour, minute, second, milli) = value.to_ymd_hms_milli();
            date(year, month, day, (hour, minute, second, milli))
        }
        Data::DateTime(value) => number(value.as_f64()),
        Data::DateTimeIso(text) => iso_date(text).unwrap_or_else(|| text.clone()),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => error.to_string(),
    }
}

/// A cell's lines (Alt+Enter in Excel) joined as wrapped lines are.
fn joined(text: &str) -> String {
    if !text.contains(['\n', '\r']) {
        return text.to_string();
    }
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        join_wrapped(&mut out, line);
    }
    out
}

fn number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        value.to_string()
    }
}

fn date(year: u16, month: u8, day: u8, (hour, minute, second, milli): (u8, u8, u8, u16)) -> String {
    let midnight = (hour, minute, second, milli) == (0, 0, 0, 0);
    if day == 1 && midnight {
        format!("{month:02}/{year:04}")
    } else if midnight {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    }
}

/// An OpenDocument date value (`2025-03-01`, `2025-03-01T00:00:00`) as [`date`] writes it.
fn iso_date(text: &str) -> Option<String> {
    let (day_part, time_part) = text.split_once('T').unwrap_or((text, ""));
    let mut fields = day_part.splitn(3, '-');
    let year: u16 = fields.next()?.parse().ok()?;
    let month: u8 = fields.next()?.parse().ok()?;
    let day: u8 = fields.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let mut time = time_part.split(':').filter(|part| !part.is_empty());
    let mut next = || -> Option<f64> { time.next().map_or(Some(0.0), |t| t.parse().ok()) };
    let (hour, minute, second) = (next()?, next()?, next()?);
    if hour.fract() != 0.0 || minute.fract() != 0.0 || !(0.0..86_400.0).contains(&(hour * 3600.0)) {
        return None;
    }
    let milli = ((second.fract()) * 1000.0).round() as u16;
    Some(date(
        year,
        month,
        day,
        (hour as u8, minute as u8, second as u8, milli),
    ))
}

/// The fact a cover sheet's label names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Organisation,
    Title,
    Published,
}

fn label(text: &str) -> Option<Label> {
    let text = text
        .trim()
        .trim_end_matches([':', '：'])
        .trim()
        .to_lowercase();
    Some(match text.as_str() {
        "organisation" | "organization" | "department" | "機構" | "机构" | "部門" | "部门" => {
            Label::Organisation
        }
        "title" | "plan title" | "標題" | "标题" | "計劃名稱" | "计划名称" => {
            Label::Title
        }
        "published" | "publication date" | "date" | "發布日期" | "发布日期" | "發佈日期"
        | "日期" => Label::Published,
        _ => return None,
    })
}

/// Writes the sheets as the document model and its rendering.
fn write(sheets: &[Sheet]) -> Read {
    let mut rendering = String::new();
    let mut blocks: Vec<Block> = Vec::new();
    let mut table: Option<Table> = None;
    let mut cover = Metadata::default();
    let mut before_sections = true;
    for sheet in sheets {
        if let Some(table) = table.take() {
            blocks.push(Block::Table(table));
        }
        for (index, slots) in sheet.rows.iter().enumerate() {
            let filled: Vec<usize> = (0..slots.len())
                .filter(|&at| matches!(&slots[at], Slot::Text(text, _) if !text.trim().is_empty()))
                .collect();
            if filled.is_empty() {
                continue;
            }
            let number = sheet.origin.0 as usize + index + 1;
            let row_start = rendering.len();
            rendering.push_str(&place_name(&sheet.name, number));
            let mut row = Row::default();
            for slot in slots {
                rendering.push('\t');
                let start = rendering.len();
                match slot {
                    Slot::Text(text, columns) => {
                        rendering.push_str(&text.replace(['\n', '\r', '\t'], " "));
                        // (Cell text has no line breaks left: see `joined`.)
                        row.cells.push(Cell {
                            columns: *columns,
                            ..Cell::new(text.clone(), start..rendering.len())
                        });
                    }
                    Slot::ContinuesAbove(columns) => row.cells.push(Cell {
                        columns: *columns,
                        continues_above: true,
                        ..Cell::new("", start..start)
                    }),
                    Slot::Covered => {}
                }
            }
            row.span = row_start..rendering.len();
            rendering.push('\n');
            // Text alone in the first column is a paragraph; a cover sheet's label and value
            // give a fact of the plan.
            let first = &row.cells[0];
            let alone = filled == [0] && !first.continues_above;
            if alone && item_number(&first.text).is_none() {
                if let Some(table) = table.take() {
                    blocks.push(Block::Table(table));
                }
                let text = first.text.replace(['\n', '\r'], " ");
                before_sections &= section_heading(text.trim()).is_none();
                blocks.push(Block::Paragraph(Paragraph {
                    text,
                    span: first.span.clone(),
                    joins_previous: false,
                }));
                continue;
            }
            if before_sections
                && filled.len() == 2
                && filled[0] == 0
                && let Some(found) = label(&row.cells[0].text)
            {
                let value = row.cells[1..]
                    .iter()
                    .find(|cell| !cell.is_empty())
                    .map(|cell| cell.text.trim().to_string())
                    .unwrap_or_default();
                let slot = match found {
                    Label::Organisation => &mut cover.organisation,
                    Label::Title => &mut cover.title,
                    Label::Published => &mut cover.published,
                };
                if slot.is_none() {
                    *slot = Some(value);
                    continue;
                }
            }
            table.get_or_insert_with(Table::default).rows.push(row);
        }
    }
    if let Some(table) = table.take() {
        blocks.push(Block::Table(table));
    }
    // A cover sheet's date line, before the first section, closes the plan: read it last.
    let first_section = blocks.iter().position(
        |block| matches!(block, Block::Paragraph(p) if section_heading(p.text.trim()).is_some()),
    );
    if let Some(at) = first_section
        && let Some(date) = blocks[..at].iter().position(
            |block| matches!(block, Block::Paragraph(p) if closing_date(p.text.trim()).is_some()),
        )
    {
        let block = blocks.remove(date);
        blocks.push(block);
    }
    let anchors = super::layout::rendering_anchors(&rendering);
    Read {
        anchors,
        rendering,
        layout: Layout {
            blocks,
            skipped: Vec::new(),
        },
        cover,
    }
}

/// `A.i!7`: a row's place as the rendering names it (the sheet's name with its control
/// characters and tabs shown as spaces).
fn place_name(sheet: &str, row: usize) -> String {
    let name: String = sheet
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!("{name}!{row}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_month_and_year_only_when_nothing_else_is_shown() {
        assert_eq!(date(2025, 3, 1, (0, 0, 0, 0)), "03/2025");
        assert_eq!(date(2025, 3, 15, (0, 0, 0, 0)), "2025-03-15");
        assert_eq!(date(2025, 3, 1, (9, 30, 0, 0)), "2025-03-01 09:30:00");
        assert_eq!(iso_date("2025-03-01").as_deref(), Some("03/2025"));
        assert_eq!(iso_date("2025-03-01T00:00:00").as_deref(), Some("03/2025"));
        assert_eq!(iso_date("2025-12-24").as_deref(), Some("2025-12-24"));
        assert_eq!(iso_date("3/2025"), None);
        assert_eq!(number(12.0), "12");
        assert_eq!(number(0.5), "0.5");
    }

    #[test]
    fn merged_ranges_become_spans_and_continuations() {
        let mut range: Range<Data> = Range::new((0, 0), (1, 3));
        range.set_value((0, 0), Data::Int(1));
        range.set_value((0, 1), Data::String("不適用".into()));
        range.set_value((1, 0), Data::String("x".into()));
        let merged = [
            Dimensions::new((0, 1), (0, 3)),
            Dimensions::new((0, 0), (1, 0)),
        ];
        let sheet = sheet("A.i".into(), &range, &merged);
        assert_eq!(sheet.rows[0][1], Slot::Text("不適用".into(), 3));
        assert_eq!(sheet.rows[0][2], Slot::Covered);
        // Text in a covered place is kept, never dropped.
        assert_eq!(sheet.rows[1][0], Slot::Text("x".into(), 1));
        let mut range: Range<Data> = Range::new((0, 0), (1, 1));
        range.set_value((0, 0), Data::Int(7));
        let sheet = super::sheet("D".into(), &range, &[Dimensions::new((0, 0), (1, 0))]);
        assert_eq!(sheet.rows[1][0], Slot::ContinuesAbove(1));
    }

    #[test]
    fn what_is_not_a_workbook_is_an_error() {
        assert!(read(b"PK\x03\x04 no", InputFormat::Xlsx).is_err());
        assert!(read(b"", InputFormat::Ods).is_err());
    }
}
