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

mod recognise;
mod rows;

use super::layout::{self, Block, Layout, Paragraph, counted};
use super::rules::{GUESSED_STRUCTURE, TABLE_WITHOUT_HEADING, UNPLACEABLE_LINE};
use super::{
    Field, Found, Imported, Metadata, Section, TEMPLATE_COLUMNS, Table, assemble, detect_language,
    join_wrapped, section_index, table_label,
};
use recognise::{aligned_columns, looks_like_row, note_text, table_heading};
pub(super) use recognise::{closing_date, excerpt, section_heading};

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
    builder.report_aligned();
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

/// The lines whose cells are aligned by spaces (`pdftotext -layout` text), reported once: the
/// first line, how many there are and how many look like table rows.
struct Aligned {
    span: Span,
    excerpt: String,
    lines: usize,
    rows: usize,
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
    aligned: Option<Aligned>,
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
            aligned: None,
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
        // Cells aligned by spaces: a table that lost its cell boundaries, never free text. All
        // such lines make one finding (see `report_aligned`).
        if aligned_columns(text) {
            self.open = Open::Nothing;
            let aligned = self.aligned.get_or_insert(Aligned {
                span,
                excerpt: excerpt(text),
                lines: 0,
                rows: 0,
            });
            aligned.lines += 1;
            if looks_like_row(text) {
                aligned.rows += 1;
            }
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

    /// One finding for every line whose cells are aligned by spaces: such text (`pdftotext
    /// -layout`) cannot be read cell by cell, and the PDF itself can.
    fn report_aligned(&mut self) {
        let Some(aligned) = self.aligned.take() else {
            return;
        };
        let message = Message::new("I001.aligned")
            .arg("lines", aligned.lines)
            .arg("rows", aligned.rows)
            .arg("excerpt", aligned.excerpt);
        self.diagnostics.push(
            Diagnostic::new(&UNPLACEABLE_LINE, "", aligned.span, message)
                .with_label(Message::new("I001.aligned-label").arg("lines", aligned.lines))
                .with_help(Message::new("I001.rows-help")),
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
