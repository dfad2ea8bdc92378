//! The layout of a plan as PDF-to-text extraction gives it: the organisation and the title on
//! their own lines, headings `A.`-`D.` and `i.`/`ii.`, `備註：` notes, then tab-separated table
//! lines: header rows (repeated after page breaks), rows that start with an item number, and
//! continuation lines whose first cell is empty. A closing line such as `2023年12月` gives the
//! publication date.
//!
//! A continuation line continues the row above it (across a repeated header row, so a cell
//! broken by a page break is joined again). Its cells are joined to the same columns of that row
//! (see [`join_wrapped`]) unless it has both a description and a frequency of its own under a
//! row that already has a frequency: then it is another part of the same dataset (item 7 of D.ii
//! in the 2024-2026 police plan). A frequency is not its own when it plainly continues the one
//! above ([`continues_frequency`]: `每年及` / `有需要時`, `Quarterly and` / `as and when
//! necessary`). A line with only a frequency continues the frequency above; that is a guess
//! (I005), since it could also be a part without a description.

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::{SectionKey, TableKind};

use super::rules::{GUESSED_STRUCTURE, TABLE_WITHOUT_HEADING, TOO_MANY_CELLS, UNPLACEABLE_LINE};
use super::{
    Field, Found, Imported, Metadata, Part, Row, Section, TEMPLATE_COLUMNS, Table, assemble,
    continues_frequency, detect_language, item_number, item_out_of_place, join_wrapped,
    row_pointer, section_index, section_key, table_label,
};

pub(super) fn import(document: &Document, metadata: &Metadata) -> Imported {
    let text = &document.text;
    let mut importer = Importer::new();
    let mut after_blank = true;
    let mut first_line: Option<Span> = None;
    let mut last_line: Option<Span> = None;
    for number in 0..document.lines.line_count() {
        let range = document.lines.line_range(text, number);
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
        last_line = Some(span);
        importer.line(line, start, after_blank);
        after_blank = false;
    }
    importer.flush_orphans();

    let Importer {
        sections,
        mut diagnostics,
        found,
        ..
    } = importer;
    let language = detect_language([text.as_str()]);
    let end = text.len()..text.len();
    let anchors = (first_line.unwrap_or(0..0), last_line.unwrap_or(end.clone()));
    let plan = assemble(
        found,
        metadata,
        language,
        sections,
        anchors,
        &mut diagnostics,
    );
    Imported { plan, diagnostics }
}

/// The span of a line's text without its surrounding white space.
fn trimmed_span(line: &str, start: usize) -> Span {
    let leading = line.len() - line.trim_start().len();
    start + leading..start + line.trim_end().len()
}

/// One tab-separated cell and where it stands in the input.
struct Cell<'a> {
    text: &'a str,
    span: Span,
}

impl Cell<'_> {
    /// A cell of white space only holds nothing (PDF extraction leaves such cells).
    fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }

    fn trimmed_span(&self) -> Span {
        trimmed_span(self.text, self.span.start)
    }
}

fn split_cells(line: &str, start: usize) -> Vec<Cell<'_>> {
    let mut at = start;
    line.split('\t')
        .map(|text| {
            let cell = Cell {
                text,
                span: at..at + text.len(),
            };
            at += text.len() + 1;
            cell
        })
        .collect()
}

/// The free text a following line (with no blank line between) continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Title,
    SectionTitle,
    Note,
}

/// Table lines with no table to hold them, reported once per run.
struct Orphans {
    span: Span,
    lines: usize,
}

struct Importer {
    sections: [Option<Section>; 4],
    diagnostics: Vec<Diagnostic>,
    found: Found,
    section: Option<SectionKey>,
    table: Option<TableKind>,
    /// The columns of the current table, from its header row (the template's by default).
    columns: Vec<Field>,
    open: Open,
    orphans: Option<Orphans>,
    /// After the closing date line nothing more belongs to the plan.
    closed: bool,
}

impl Importer {
    fn new() -> Self {
        Importer {
            sections: Default::default(),
            diagnostics: Vec::new(),
            found: Found::default(),
            section: None,
            table: None,
            columns: TEMPLATE_COLUMNS.to_vec(),
            open: Open::Nothing,
            orphans: None,
            closed: false,
        }
    }

    fn line(&mut self, line: &str, start: usize, after_blank: bool) {
        let Some((first, rest)) = line.split_once('\t') else {
            self.flush_orphans();
            self.free_line(line, start, after_blank);
            return;
        };
        // Word's numbered headings come out as `A.⇥Title`.
        if heading_marker(first.trim()) {
            self.flush_orphans();
            let joined = format!("{} {}", first.trim_end(), rest.replace('\t', " "));
            let span = trimmed_span(line, start);
            self.heading_line(&joined, span, after_blank);
            return;
        }
        self.open = Open::Nothing;
        self.table_line(line, start);
    }

    fn free_line(&mut self, line: &str, start: usize, after_blank: bool) {
        let span = trimmed_span(line, start);
        self.heading_line(line.trim(), span, after_blank);
    }

    /// A line without cells: a heading, a note, the closing date, or free text.
    fn heading_line(&mut self, text: &str, span: Span, after_blank: bool) {
        let text = text.trim();
        if self.closed {
            self.unplaceable(span, Message::new("I001.after-end"));
            return;
        }
        if let Some((key, title)) = section_heading(text) {
            self.start_section(key, title, span);
            return;
        }
        if let Some(kind) = table_heading(text) {
            self.start_table(kind, span);
            return;
        }
        if let Some(note) = note_text(text) {
            self.note(note, span);
            return;
        }
        if let Some(date) = closing_date(text) {
            self.found.published = Some(date);
            self.closed = true;
            self.open = Open::Nothing;
            return;
        }
        if self.section.is_none() {
            if self.found.organisation.is_none() {
                self.found.organisation = Some((text.to_string(), span));
                return;
            }
            if self.found.title.is_none() {
                self.found.title = Some((text.to_string(), span));
                self.open = Open::Title;
                return;
            }
        }
        // The organisation's name signs the plan above the closing date.
        if self.section.is_some()
            && self
                .found
                .organisation
                .as_ref()
                .is_some_and(|(name, _)| name == text)
        {
            self.open = Open::Nothing;
            return;
        }
        if !after_blank && self.continue_open(text) {
            return;
        }
        self.open = Open::Nothing;
        let excerpt = excerpt(text);
        self.unplaceable(span, Message::new("I001.text").arg("excerpt", excerpt));
    }

    /// Joins a line of free text to the title, section title or note it directly follows.
    fn continue_open(&mut self, text: &str) -> bool {
        let target = match self.open {
            Open::Nothing => return false,
            Open::Title => self.found.title.as_mut().map(|(title, _)| title),
            Open::SectionTitle => self
                .section
                .and_then(|key| self.sections[section_index(key)].as_mut())
                .and_then(|section| section.title.as_mut()),
            Open::Note => match (self.section, self.table) {
                (Some(key), Some(kind)) => self.sections[section_index(key)]
                    .as_mut()
                    .and_then(|section| section.table_slot(kind).as_mut())
                    .and_then(|table| table.note.as_mut()),
                _ => None,
            },
        };
        match target {
            Some(existing) => {
                join_wrapped(existing, text);
                true
            }
            None => false,
        }
    }

    fn start_section(&mut self, key: SectionKey, title: &str, span: Span) {
        let slot = &mut self.sections[section_index(key)];
        match slot {
            Some(_) => {
                self.diagnostics.push(
                    Diagnostic::new(
                        &GUESSED_STRUCTURE,
                        format!("/sections/{}", key.as_str()),
                        span,
                        Message::new("I005.repeated-section").arg("section", key.as_str()),
                    )
                    .with_help(Message::new("I005.help")),
                );
                self.open = Open::Nothing;
            }
            None => {
                *slot = Some(Section {
                    title: Some(title.to_string()),
                    ..Section::default()
                });
                self.open = Open::SectionTitle;
            }
        }
        self.section = Some(key);
        self.table = None;
        self.columns = TEMPLATE_COLUMNS.to_vec();
    }

    fn start_table(&mut self, kind: TableKind, span: Span) {
        self.open = Open::Nothing;
        self.columns = TEMPLATE_COLUMNS.to_vec();
        let Some(key) = self.section else {
            self.table = None;
            self.unplaceable(span, Message::new("I001.table-before-section"));
            return;
        };
        let slot = self.sections[section_index(key)]
            .get_or_insert_with(Section::default)
            .table_slot(kind);
        if slot.is_some() {
            let label = table_label(key, kind);
            self.diagnostics.push(
                Diagnostic::new(
                    &GUESSED_STRUCTURE,
                    format!("/sections/{}/{}", key.as_str(), kind.key()),
                    span,
                    Message::new("I005.repeated-table").arg("table", label),
                )
                .with_help(Message::new("I005.help")),
            );
        } else {
            *slot = Some(Table::default());
        }
        self.table = Some(kind);
    }

    fn note(&mut self, note: &str, span: Span) {
        let (Some(key), Some(kind)) = (self.section, self.table) else {
            self.open = Open::Nothing;
            self.unplaceable(span, Message::new("I001.note-outside-table"));
            return;
        };
        let table = self.table_mut(key, kind);
        let again = match &mut table.note {
            None => {
                table.note = Some(note.to_string());
                false
            }
            Some(existing) => {
                join_wrapped(existing, note);
                true
            }
        };
        if again {
            self.diagnostics.push(
                Diagnostic::new(
                    &GUESSED_STRUCTURE,
                    format!("/sections/{}/{}/note", key.as_str(), kind.key()),
                    span,
                    Message::new("I005.note-again").arg("table", table_label(key, kind)),
                )
                .with_help(Message::new("I005.help")),
            );
        }
        self.open = Open::Note;
    }

    fn table_line(&mut self, line: &str, start: usize) {
        let span = trimmed_span(line, start);
        if self.closed {
            self.unplaceable(span, Message::new("I001.after-end"));
            return;
        }
        let (Some(key), Some(kind)) = (self.section, self.table) else {
            match &mut self.orphans {
                Some(orphans) => {
                    orphans.span.end = span.end;
                    orphans.lines += 1;
                }
                None => self.orphans = Some(Orphans { span, lines: 1 }),
            }
            return;
        };
        let cells = split_cells(line, start);
        let first = cells[0].text.trim();
        if Field::from_header(first) == Some(Field::Item) {
            self.header(&cells);
            return;
        }
        self.extra_cells(&cells);
        if let Some(item) = item_number(first) {
            self.row(key, kind, item, &cells);
        } else if first.is_empty() {
            self.continuation(key, kind, &cells, span);
        } else {
            self.unplaceable(
                cells[0].trimmed_span(),
                Message::new("I001.not-item").arg("value", excerpt(first)),
            );
        }
    }

    /// A header row sets the table's columns; the template's when it names one that is not.
    fn header(&mut self, cells: &[Cell<'_>]) {
        let used = cells
            .iter()
            .rposition(|cell| !cell.is_empty())
            .map_or(0, |last| last + 1);
        let mut columns = Vec::with_capacity(used);
        let mut unknown = None;
        for (index, cell) in cells[..used].iter().enumerate() {
            match Field::from_header(cell.text.trim()) {
                Some(field) if !columns.contains(&field) && (index > 0 || field == Field::Item) => {
                    columns.push(field);
                }
                _ => {
                    unknown = Some(cell);
                    break;
                }
            }
        }
        match unknown {
            None => self.columns = columns,
            Some(cell) => {
                self.columns = TEMPLATE_COLUMNS.to_vec();
                self.diagnostics.push(
                    Diagnostic::new(
                        &GUESSED_STRUCTURE,
                        "",
                        cell.trimmed_span(),
                        Message::new("I005.header").arg("value", excerpt(cell.text.trim())),
                    )
                    .with_help(Message::new("I005.help")),
                );
            }
        }
    }

    /// Reports text in cells beyond the table's columns (those cells are not imported).
    fn extra_cells(&mut self, cells: &[Cell<'_>]) {
        let columns = self.columns.len();
        let Some(last) = cells.iter().rposition(|cell| !cell.is_empty()) else {
            return;
        };
        if last < columns {
            return;
        }
        let first_extra = (columns..=last)
            .find(|&index| !cells[index].is_empty())
            .unwrap_or(last);
        let span = cells[first_extra].trimmed_span().start..cells[last].trimmed_span().end;
        self.diagnostics.push(
            Diagnostic::new(
                &TOO_MANY_CELLS,
                "",
                span,
                Message::new("I004.message")
                    .arg("count", last + 1)
                    .arg("columns", columns),
            )
            .with_label(Message::new("I004.label"))
            .with_help(Message::new("I004.help")),
        );
    }

    fn row(&mut self, key: SectionKey, kind: TableKind, item: u64, cells: &[Cell<'_>]) {
        let columns = self.columns.clone();
        let table = self.table_mut(key, kind);
        let previous = table.rows.last().map(|row| row.item);
        let index = table.rows.len();
        let mut row = Row {
            item,
            ..Row::default()
        };
        for (field, cell) in columns.iter().zip(cells).skip(1) {
            if let Some(target) = row.cell_mut(*field).filter(|_| !cell.is_empty()) {
                *target = cell.text.to_string();
            }
        }
        table.rows.push(row);
        self.diagnostics.extend(item_out_of_place(
            (key, kind),
            index,
            previous,
            item,
            cells[0].trimmed_span(),
        ));
    }

    fn continuation(&mut self, key: SectionKey, kind: TableKind, cells: &[Cell<'_>], span: Span) {
        let filled: Vec<(Field, &Cell<'_>)> = self
            .columns
            .iter()
            .copied()
            .zip(cells)
            .skip(1)
            .filter(|(_, cell)| !cell.is_empty())
            .collect();
        let table = self.table_mut(key, kind);
        let index = table.rows.len().saturating_sub(1);
        let Some(row) = table.rows.last_mut() else {
            let label = table_label(key, kind);
            self.unplaceable(span, Message::new("I001.continuation").arg("table", label));
            return;
        };
        if filled.is_empty() {
            return;
        }
        let has = |wanted: Field| filled.iter().any(|(field, _)| *field == wanted);
        let mut guess = None;
        let frequency = filled
            .iter()
            .find(|(field, _)| *field == Field::Frequency)
            .map_or("", |(_, cell)| cell.text);
        if has(Field::Description) && has(Field::Frequency) {
            let current = row.current_frequency();
            if !current.is_empty() && !continues_frequency(current, frequency) {
                let mut part = Part::default();
                for (field, cell) in &filled {
                    let text = cell.text;
                    match field {
                        Field::Description => part.description = text.to_string(),
                        Field::Frequency => part.frequency = text.to_string(),
                        Field::ReleaseDate => part.release_date = text.to_string(),
                        other => {
                            if let Some(target) = row.cell_mut(*other) {
                                join_wrapped(target, text);
                            }
                        }
                    }
                }
                row.more_parts.push(part);
                return;
            }
            if current.is_empty() {
                guess = Some(Message::new("I005.into-empty-frequency").arg("item", row.item));
            }
        } else if has(Field::Frequency) {
            guess = Some(
                Message::new("I005.frequency-only")
                    .arg("item", row.item)
                    .arg("previous", row.current_frequency()),
            );
        }
        for (field, cell) in &filled {
            if let Some(target) = row.continued_cell(*field) {
                join_wrapped(target, cell.text);
            }
        }
        if let Some(message) = guess {
            self.diagnostics.push(
                Diagnostic::new(
                    &GUESSED_STRUCTURE,
                    row_pointer(key, kind, index),
                    span,
                    message,
                )
                .with_help(Message::new("I005.help")),
            );
        }
    }

    fn table_mut(&mut self, key: SectionKey, kind: TableKind) -> &mut Table {
        self.sections[section_index(key)]
            .get_or_insert_with(Section::default)
            .table_slot(kind)
            .get_or_insert_with(Table::default)
    }

    fn unplaceable(&mut self, span: Span, message: Message) {
        self.diagnostics.push(
            Diagnostic::new(&UNPLACEABLE_LINE, "", span, message)
                .with_label(Message::new("I001.label"))
                .with_help(Message::new("I001.help")),
        );
    }

    fn flush_orphans(&mut self) {
        let Some(orphans) = self.orphans.take() else {
            return;
        };
        let place = match self.section {
            Some(key) => Message::new("I003.in-section").arg("section", key.as_str()),
            None => Message::new("I003.before-sections"),
        };
        let message = if orphans.lines == 1 {
            Message::new("I003.one").arg_message("place", place)
        } else {
            Message::new("I003.many")
                .arg("lines", orphans.lines)
                .arg_message("place", place)
        };
        self.diagnostics.push(
            Diagnostic::new(&TABLE_WITHOUT_HEADING, "", orphans.span, message)
                .with_label(Message::new("I003.label"))
                .with_help(Message::new("I003.help")),
        );
    }
}

/// `A.`-`D.`, `i.` or `ii.` alone: a heading's number cut from its text by a tab.
fn heading_marker(text: &str) -> bool {
    matches!(
        text,
        "A." | "B." | "C." | "D." | "i." | "ii." | "I." | "II." | "A．" | "B．" | "C．" | "D．"
    )
}

/// The text after a heading's number (`A. `, `ii. `): white space or a CJK character must follow
/// the dot, so `i.e. ...` is not a heading.
fn after_marker<'t>(text: &'t str, marker: &str) -> Option<&'t str> {
    let rest = text
        .strip_prefix(marker)
        .map(|rest| rest.strip_prefix(['.', '．']))??;
    let first = rest.chars().next()?;
    let title = rest.trim();
    ((first.is_whitespace() || super::is_cjk(first)) && !title.is_empty()).then_some(title)
}

/// `A. 在 2024 年發放的局／部門數據集` gives section A and its title.
fn section_heading(text: &str) -> Option<(SectionKey, &str)> {
    let letter = text.chars().next()?;
    if !letter.is_ascii_uppercase() {
        return None;
    }
    let key = section_key(letter)?;
    let title = after_marker(text, key.as_str())?;
    Some((key, title))
}

/// `i. 空間數據` / `ii. Non-spatial Data`: the table by its numeral.
fn table_heading(text: &str) -> Option<TableKind> {
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
fn note_text(text: &str) -> Option<&str> {
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

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The closing date line as `MM/YYYY`: `2023年12月` or `December 2023` (`Dec 2023`).
pub(super) fn closing_date(text: &str) -> Option<String> {
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
    let number = MONTHS
        .iter()
        .position(|name| *name == month || (month.len() >= 3 && name.starts_with(&month)))?;
    year_month(year, number as u32 + 1)
}

fn year_month(year: &str, month: u32) -> Option<String> {
    (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && (1..=12).contains(&month))
        .then(|| format!("{month:02}/{year}"))
}

/// At most 40 characters of a line, for messages.
fn excerpt(text: &str) -> String {
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
}
