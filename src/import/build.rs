//! The one builder: turns a [`Layout`] (whatever reader made it) into the plan and its located
//! findings, and keeps the promise that nothing is dropped silently.
//!
//! Paragraphs give the organisation and the title (the first two before any section), headings
//! `A.`-`D.` and `i.`/`ii.`, `備註：` notes and the closing date (`2023年12月`); a paragraph that
//! may continue the one before ([`Paragraph::joins_previous`]) is joined to an open title,
//! section title or note. A paragraph that looks like a table row whose cells are aligned by
//! spaces (`pdftotext -layout`) never becomes note text: it is reported.
//!
//! Table rows are header rows (by their first cell, `編號` / `Item No.`, or the document's
//! header flag; a header wrapped onto a second row is recognised too), rows that start with an
//! item number, and continuation rows whose first cell is empty or continues the cell above. A
//! continuation row continues the row above it (across repeated header rows, so a cell broken by
//! a page break is joined again). Its cells are joined to the same columns of that row (see
//! [`join_wrapped`]) unless it has both a description and a frequency of its own under a row that
//! already has a frequency: then it is another part of the same dataset (item 7 of D.ii in the
//! 2024-2026 police plan). A frequency is not its own when it plainly continues the one above
//! ([`continues_frequency`]). A row with only a frequency continues the frequency above; that is
//! a guess (I005), since it could also be a part without a description.
//!
//! Every piece of text (paragraph, cell) is accounted for, character by character (white space
//! aside): placed in the plan, used as structure (a heading's number, a header row, a note's
//! label, the closing date), or reported in a finding. Whatever is left at the end is reported
//! as not imported, so a gap in these rules shows up as a finding, never as silence.

use crate::diagnostic::Diagnostic;
use crate::document::Span;
use crate::messages::Message;
use crate::model::{SectionKey, TableKind};

use super::layout::{self, Block, Layout, Paragraph, counted};
use super::rules::{GUESSED_STRUCTURE, TABLE_WITHOUT_HEADING, TOO_MANY_CELLS, UNPLACEABLE_LINE};
use super::{
    Field, Found, Imported, Metadata, Part, Row, Section, TEMPLATE_COLUMNS, Table, assemble,
    continues_frequency, detect_language, item_number, item_out_of_place, join_wrapped,
    row_pointer, section_index, section_key, table_label,
};

/// How the characters of one piece of input were used.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Account {
    pub total: usize,
    pub placed: usize,
    pub structure: usize,
    pub reported: usize,
}

impl Account {
    fn rest(&self) -> usize {
        self.total - self.placed - self.structure - self.reported
    }
}

/// Builds the plan from `layout`. `anchors` are where findings about the plan as a whole point
/// (a missing title at the first, a missing date at the second).
pub fn build(layout: &Layout, metadata: &Metadata, anchors: (Span, Span)) -> Imported {
    build_accounted(layout, metadata, anchors).0
}

/// [`build`], with the account of every piece of text ([`Layout::pieces`] order).
pub fn build_accounted(
    layout: &Layout,
    metadata: &Metadata,
    anchors: (Span, Span),
) -> (Imported, Vec<Account>) {
    let mut builder = Builder::new(layout);
    let mut id = 0;
    for block in &layout.blocks {
        match block {
            Block::Paragraph(paragraph) => {
                builder.flush_orphans();
                builder.paragraph(id, paragraph);
                id += 1;
            }
            Block::Table(table) => {
                for row in &table.rows {
                    builder.row(id, row);
                    id += row.cells.len();
                }
            }
        }
    }
    builder.flush_orphans();
    builder.close_table();
    for skipped in &layout.skipped {
        builder.unplaceable(skipped.span.clone(), skipped.why.clone());
        builder.reported(id);
        id += 1;
    }
    builder.report_unaccounted();

    let Builder {
        sections,
        mut diagnostics,
        found,
        accounts,
        ..
    } = builder;
    let language = metadata
        .language
        .unwrap_or_else(|| detect_language(layout.pieces()));
    let plan = assemble(
        found,
        metadata,
        language,
        sections,
        anchors,
        &mut diagnostics,
    );
    (Imported { plan, diagnostics }, accounts)
}

/// The characters of a plan's text that came from the input: organisation, title, section
/// titles, notes, item numbers and cells (the publication date is rewritten, so it is not
/// counted: its line counts as structure).
pub fn placed_characters(plan: &super::Plan) -> usize {
    let mut total = counted(&plan.organisation) + counted(&plan.title);
    for section in plan.sections.iter().flatten() {
        total += section.title.as_deref().map_or(0, counted);
        for table in [&section.spatial, &section.non_spatial]
            .into_iter()
            .flatten()
        {
            total += table.note.as_deref().map_or(0, counted);
            for row in &table.rows {
                total += row.item.to_string().len();
                for cell in [
                    &row.category,
                    &row.name,
                    &row.description,
                    &row.release_date,
                    &row.frequency,
                    &row.organisation,
                ] {
                    total += counted(cell);
                }
                for part in &row.more_parts {
                    total += counted(&part.description)
                        + counted(&part.frequency)
                        + counted(&part.release_date);
                }
            }
        }
    }
    total
}

/// The free text a following paragraph may continue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Nothing,
    Title,
    SectionTitle,
    Note,
}

/// Table rows with no table to hold them, reported once per run.
struct Orphans {
    span: Span,
    lines: usize,
}

/// A cell of a row with the column of the grid it starts in and its piece number.
struct Placed<'a> {
    cell: &'a layout::Cell,
    id: usize,
}

impl Placed<'_> {
    fn text(&self) -> &str {
        &self.cell.text
    }

    fn is_empty(&self) -> bool {
        self.cell.is_empty()
    }

    fn trimmed_span(&self) -> Span {
        trimmed_span(&self.cell.text, &self.cell.span)
    }
}

/// The span of a cell's text without its surrounding white space, when the span covers the text
/// exactly (text readers); else the span as given.
fn trimmed_span(text: &str, span: &Span) -> Span {
    if span.len() != text.len() {
        return span.clone();
    }
    let leading = text.len() - text.trim_start().len();
    span.start + leading..span.start + text.trim_end().len()
}

/// What the current table has shown and imported, for "a table with rows imports some".
#[derive(Default)]
struct Shown {
    span: Option<Span>,
    label: String,
    /// Lines or rows that look like rows but could not be imported.
    lost_rows: usize,
    imported: usize,
}

struct Builder {
    sections: [Option<Section>; 4],
    diagnostics: Vec<Diagnostic>,
    found: Found,
    section: Option<SectionKey>,
    table: Option<TableKind>,
    /// The columns of the current table, from its header row (the template's by default).
    columns: Vec<Field>,
    open: Open,
    orphans: Option<Orphans>,
    /// After the closing date nothing more belongs to the plan.
    closed: bool,
    /// The row before was a header row (a header may wrap onto a second row).
    after_header: bool,
    shown: Shown,
    accounts: Vec<Account>,
    spans: Vec<Span>,
}

impl Builder {
    fn new(layout: &Layout) -> Self {
        let mut accounts = Vec::new();
        let mut spans = Vec::new();
        for block in &layout.blocks {
            match block {
                Block::Paragraph(paragraph) => {
                    accounts.push(Account {
                        total: counted(&paragraph.text),
                        ..Account::default()
                    });
                    spans.push(paragraph.span.clone());
                }
                Block::Table(table) => {
                    for cell in table.rows.iter().flat_map(|row| &row.cells) {
                        accounts.push(Account {
                            total: counted(&cell.text),
                            ..Account::default()
                        });
                        spans.push(trimmed_span(&cell.text, &cell.span));
                    }
                }
            }
        }
        for skipped in &layout.skipped {
            accounts.push(Account {
                total: counted(&skipped.text),
                ..Account::default()
            });
            spans.push(skipped.span.clone());
        }
        Builder {
            sections: Default::default(),
            diagnostics: Vec::new(),
            found: Found::default(),
            section: None,
            table: None,
            columns: TEMPLATE_COLUMNS.to_vec(),
            open: Open::Nothing,
            orphans: None,
            closed: false,
            after_header: false,
            shown: Shown::default(),
            accounts,
            spans,
        }
    }

    // The account of each piece: what is left of it goes to one use.
    fn placed(&mut self, id: usize) {
        let account = &mut self.accounts[id];
        account.placed += account.rest();
    }

    fn structure(&mut self, id: usize) {
        let account = &mut self.accounts[id];
        account.structure += account.rest();
    }

    fn structure_part(&mut self, id: usize, chars: usize) {
        let account = &mut self.accounts[id];
        account.structure += chars.min(account.rest());
    }

    fn reported(&mut self, id: usize) {
        let account = &mut self.accounts[id];
        account.reported += account.rest();
    }

    fn paragraph(&mut self, id: usize, paragraph: &Paragraph) {
        let text = paragraph.text.trim();
        let span = trimmed_span(&paragraph.text, &paragraph.span);
        if text.is_empty() {
            return;
        }
        if self.closed {
            self.unplaceable(span, Message::new("I001.after-end"));
            self.reported(id);
            return;
        }
        if let Some((key, title)) = section_heading(text) {
            self.start_section(id, key, title, span);
            return;
        }
        if let Some(kind) = table_heading(text) {
            self.start_table(id, kind, span);
            return;
        }
        if let Some(note) = note_text(text) {
            self.note(id, note, span);
            return;
        }
        if let Some(date) = closing_date(text) {
            self.found.published = Some(date);
            self.closed = true;
            self.open = Open::Nothing;
            self.structure(id);
            return;
        }
        // Cells aligned by spaces: a table that lost its cell boundaries, never free text.
        if aligned_columns(text) {
            self.open = Open::Nothing;
            if looks_like_row(text) && self.table.is_some() {
                self.shown.lost_rows += 1;
            }
            let message = Message::new("I001.aligned").arg("excerpt", excerpt(text));
            self.diagnostics.push(
                Diagnostic::new(&UNPLACEABLE_LINE, "", span, message)
                    .with_label(Message::new("I001.label"))
                    .with_help(Message::new("I001.rows-help")),
            );
            self.reported(id);
            return;
        }
        if self.section.is_none() {
            if self.found.organisation.is_none() {
                self.found.organisation = Some((text.to_string(), span));
                self.placed(id);
                return;
            }
            if self.found.title.is_none() {
                self.found.title = Some((text.to_string(), span));
                self.open = Open::Title;
                self.placed(id);
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
            self.structure(id);
            return;
        }
        if paragraph.joins_previous && self.continue_open(text) {
            self.placed(id);
            return;
        }
        self.open = Open::Nothing;
        let excerpt = excerpt(text);
        self.unplaceable(span, Message::new("I001.text").arg("excerpt", excerpt));
        self.reported(id);
    }

    /// Joins a paragraph of free text to the title, section title or note it directly follows.
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

    fn start_section(&mut self, id: usize, key: SectionKey, title: &str, span: Span) {
        self.close_table();
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
                self.reported(id);
            }
            None => {
                *slot = Some(Section {
                    title: Some(title.to_string()),
                    ..Section::default()
                });
                self.open = Open::SectionTitle;
                let marker = self.accounts[id].total - counted(title);
                self.structure_part(id, marker);
                self.placed(id);
            }
        }
        self.section = Some(key);
        self.table = None;
        self.columns = TEMPLATE_COLUMNS.to_vec();
    }

    fn start_table(&mut self, id: usize, kind: TableKind, span: Span) {
        self.close_table();
        self.open = Open::Nothing;
        self.columns = TEMPLATE_COLUMNS.to_vec();
        let Some(key) = self.section else {
            self.table = None;
            self.unplaceable(span, Message::new("I001.table-before-section"));
            self.reported(id);
            return;
        };
        self.structure(id);
        self.shown = Shown {
            span: Some(span.clone()),
            label: table_label(key, kind),
            ..Shown::default()
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

    /// Reports a table that showed rows but imported none of them.
    fn close_table(&mut self) {
        let shown = std::mem::take(&mut self.shown);
        if let Some(span) = shown.span
            && shown.imported == 0
            && shown.lost_rows > 0
        {
            let message = Message::new("I001.no-rows")
                .arg("table", shown.label)
                .arg("lines", shown.lost_rows);
            self.diagnostics.push(
                Diagnostic::new(&UNPLACEABLE_LINE, "", span, message)
                    .with_label(Message::new("I001.no-rows-label"))
                    .with_help(Message::new("I001.rows-help")),
            );
        }
    }

    fn note(&mut self, id: usize, note: &str, span: Span) {
        let (Some(key), Some(kind)) = (self.section, self.table) else {
            self.open = Open::Nothing;
            self.unplaceable(span, Message::new("I001.note-outside-table"));
            self.reported(id);
            return;
        };
        let label = self.accounts[id].total - counted(note);
        self.structure_part(id, label);
        self.placed(id);
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

    fn row(&mut self, first_id: usize, row: &layout::Row) {
        self.open = Open::Nothing;
        let cells: Vec<Placed<'_>> = row
            .cells
            .iter()
            .enumerate()
            .map(|(index, cell)| Placed {
                cell,
                id: first_id + index,
            })
            .collect();
        if cells.iter().all(Placed::is_empty) {
            return;
        }
        let span = row_span(row, &cells);
        let after_header = std::mem::take(&mut self.after_header);
        if self.closed {
            self.unplaceable(span, Message::new("I001.after-end"));
            self.report_all(&cells);
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
            self.report_all(&cells);
            return;
        };
        // The grid: a cell merged across several columns stands in the first of them.
        let mut grid: Vec<Option<&Placed<'_>>> = Vec::new();
        for cell in &cells {
            grid.push(Some(cell));
            for _ in 1..cell.cell.columns.max(1) {
                grid.push(None);
            }
        }
        let first = cells[0].text().trim();
        if after_header && self.wrapped_header(&grid) {
            return;
        }
        if row.header || Field::from_header(first) == Some(Field::Item) {
            self.header(&grid);
            return;
        }
        self.extra_cells(&grid);
        if let Some(item) = item_number(first).filter(|_| !cells[0].cell.continues_above) {
            self.item_row(key, kind, item, &grid);
        } else if first.is_empty() {
            self.continuation(key, kind, &grid, span);
        } else {
            self.shown.lost_rows += 1;
            self.unplaceable(
                cells[0].trimmed_span(),
                Message::new("I001.not-item").arg("value", excerpt(first)),
            );
            self.report_all(&cells);
        }
    }

    fn report_all(&mut self, cells: &[Placed<'_>]) {
        for cell in cells {
            self.reported(cell.id);
        }
    }

    /// A header row sets the table's columns; the template's when it names one that is not.
    fn header(&mut self, grid: &[Option<&Placed<'_>>]) {
        self.after_header = true;
        let used = grid
            .iter()
            .rposition(|cell| cell.is_some_and(|cell| !cell.is_empty()))
            .map_or(0, |last| last + 1);
        let mut columns = Vec::with_capacity(used);
        let mut unknown = None;
        for (index, slot) in grid[..used].iter().enumerate() {
            let Some(cell) = slot else {
                // A header cell merged across columns names only the first.
                unknown = grid[..index].iter().rev().flatten().next().copied();
                break;
            };
            match Field::from_header(cell.text().trim()) {
                Some(field) if !columns.contains(&field) && (index > 0 || field == Field::Item) => {
                    columns.push(field);
                }
                _ => {
                    unknown = Some(*cell);
                    break;
                }
            }
        }
        for cell in grid.iter().flatten() {
            self.structure(cell.id);
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
                        Message::new("I005.header").arg("value", excerpt(cell.text().trim())),
                    )
                    .with_help(Message::new("I005.help")),
                );
            }
        }
    }

    /// The second line of a header row wrapped over two (`目標發放日期` / `(月/年)`): every cell
    /// it fills names its own column again or is a bracketed unit.
    fn wrapped_header(&mut self, grid: &[Option<&Placed<'_>>]) -> bool {
        let mut any = false;
        for (index, slot) in grid.iter().enumerate() {
            let Some(cell) = slot.filter(|cell| !cell.is_empty()) else {
                continue;
            };
            let text = cell.text().trim();
            let bracketed = (text.starts_with('(') || text.starts_with('（'))
                && (text.ends_with(')') || text.ends_with('）'));
            let names_column = self
                .columns
                .get(index)
                .is_some_and(|field| Field::from_header(text) == Some(*field));
            if index == 0 || !(bracketed || names_column) {
                return false;
            }
            any = true;
        }
        if any {
            self.after_header = true;
            for cell in grid.iter().flatten() {
                self.structure(cell.id);
            }
        }
        any
    }

    /// Reports text in cells beyond the table's columns (those cells are not imported).
    fn extra_cells(&mut self, grid: &[Option<&Placed<'_>>]) {
        let columns = self.columns.len();
        let Some(last) = grid
            .iter()
            .rposition(|cell| cell.is_some_and(|cell| !cell.is_empty()))
        else {
            return;
        };
        if last < columns {
            return;
        }
        let filled = |index: usize| grid[index].filter(|cell| !cell.is_empty());
        let first_extra = (columns..=last)
            .find(|&index| filled(index).is_some())
            .unwrap_or(last);
        let (Some(first), Some(end)) = (filled(first_extra), filled(last)) else {
            return;
        };
        let span = first.trimmed_span().start..end.trimmed_span().end;
        for cell in grid[columns..].iter().flatten() {
            self.reported(cell.id);
        }
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

    fn item_row(
        &mut self,
        key: SectionKey,
        kind: TableKind,
        item: u64,
        grid: &[Option<&Placed<'_>>],
    ) {
        let columns = self.columns.clone();
        let mut ids = Vec::new();
        let table = self.table_mut(key, kind);
        let previous = table.rows.last().map(|row| row.item);
        let index = table.rows.len();
        let mut row = Row {
            item,
            ..Row::default()
        };
        for (field, slot) in columns.iter().zip(grid).skip(1) {
            let Some(cell) = slot else { continue };
            if let Some(target) = row.cell_mut(*field).filter(|_| !cell.is_empty()) {
                *target = cell.text().to_string();
                ids.push(cell.id);
            }
        }
        table.rows.push(row);
        self.shown.imported += 1;
        let Some(Some(first)) = grid.first() else {
            return;
        };
        let digits = self.accounts[first.id].total;
        self.structure_part(first.id, digits - item.to_string().len());
        self.placed(first.id);
        for id in ids {
            self.placed(id);
        }
        self.diagnostics.extend(item_out_of_place(
            (key, kind),
            index,
            previous,
            item,
            first.trimmed_span(),
        ));
    }

    fn continuation(
        &mut self,
        key: SectionKey,
        kind: TableKind,
        grid: &[Option<&Placed<'_>>],
        span: Span,
    ) {
        let filled: Vec<(Field, &Placed<'_>)> = self
            .columns
            .iter()
            .copied()
            .zip(grid)
            .skip(1)
            .filter_map(|(field, slot)| slot.filter(|cell| !cell.is_empty()).map(|c| (field, c)))
            .collect();
        let table = self.table_mut(key, kind);
        let index = table.rows.len().saturating_sub(1);
        let Some(row) = table.rows.last_mut() else {
            let label = table_label(key, kind);
            self.unplaceable(span, Message::new("I001.continuation").arg("table", label));
            for cell in grid.iter().flatten() {
                self.reported(cell.id);
            }
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
            .map_or("", |(_, cell)| cell.text());
        let mut part_added = false;
        if has(Field::Description) && has(Field::Frequency) {
            let current = row.current_frequency();
            if !current.is_empty() && !continues_frequency(current, frequency) {
                let mut part = Part::default();
                for (field, cell) in &filled {
                    let text = cell.text();
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
                part_added = true;
            } else if current.is_empty() {
                guess = Some(Message::new("I005.into-empty-frequency").arg("item", row.item));
            }
        } else if has(Field::Frequency) {
            guess = Some(
                Message::new("I005.frequency-only")
                    .arg("item", row.item)
                    .arg("previous", row.current_frequency()),
            );
        }
        if !part_added {
            for (field, cell) in &filled {
                if let Some(target) = row.continued_cell(*field) {
                    join_wrapped(target, cell.text());
                }
            }
        }
        for (_, cell) in &filled {
            self.placed(cell.id);
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

    /// The safety net: text that no rule above used or reported is reported now.
    fn report_unaccounted(&mut self) {
        for id in 0..self.accounts.len() {
            if self.accounts[id].rest() > 0 {
                let span = self.spans[id].clone();
                self.unplaceable(span, Message::new("I001.unaccounted"));
                self.reported(id);
            }
        }
    }
}

/// The span of a row: as the reader gave it, else from its first to its last cell.
fn row_span(row: &layout::Row, cells: &[Placed<'_>]) -> Span {
    if !row.span.is_empty() {
        return row.span.clone();
    }
    let first = cells.first().map_or(0..0, Placed::trimmed_span);
    let last = cells.last().map_or(0..0, Placed::trimmed_span);
    first.start..last.end
}

/// `A. 在 2024 年發放的局／部門數據集` gives section A and its title.
pub(super) fn section_heading(text: &str) -> Option<(SectionKey, &str)> {
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
    ((first.is_whitespace() || super::is_cjk(first)) && !title.is_empty()).then_some(title)
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
fn aligned_columns(text: &str) -> bool {
    text.trim().contains("   ")
}

/// Whether an aligned paragraph starts with an item number: a table row that lost its cells.
fn looks_like_row(text: &str) -> bool {
    let text = text.trim();
    let end = text.find(char::is_whitespace).unwrap_or(text.len());
    item_number(&text[..end]).is_some() && text[end..].starts_with("  ")
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
pub(super) fn excerpt(text: &str) -> String {
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
