//! The document model every reader produces (text, Word, PDF, ...): the plan as blocks in
//! reading order, paragraphs and tables, each piece of text with the place it came from. One
//! builder ([`super::build`]) turns it into the plan and its findings, so the rules of the
//! template (headings, notes, header rows, continuation rows, parts, placeholders) and the
//! promise that nothing is dropped silently live in one place, whatever the input was.
//!
//! A reader's job is only to say faithfully what the document shows, in order:
//! - each paragraph (a heading, a note, a title line, the closing date, free text) as a
//!   [`Paragraph`], its text as written (the builder trims it);
//! - each table as a [`Table`] of [`Row`]s in the order they are read, repeated header rows and
//!   rows broken over a page included (the builder recognises them);
//! - each cell as a [`Cell`]: its text with its paragraphs and line breaks already joined by
//!   [`super::join_wrapped`], how many grid columns it spans (`w:gridSpan`, a merged range), and
//!   whether it continues the cell above (`w:vMerge`, a merged range's lower part): such a cell
//!   has no text of its own. A reader must never copy the text of a merged cell into the cells
//!   it covers: that would double items and fill placeholder cells.
//! - text it found but cannot put in the model (a table nested in a cell, a text box) as a
//!   [`Skipped`] piece: the builder reports it as not imported.
//!
//! Places are byte ranges into the text findings are shown against: the input itself for text
//! readers; for binary formats, a rendering the reader writes with one line per paragraph and per
//! table row, cells separated by tabs (so the finding's line shows the row as the document has
//! it).

use crate::document::Span;
use crate::messages::Message;

/// A document as a reader saw it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    pub blocks: Vec<Block>,
    /// Text the reader saw but could not put into blocks.
    pub skipped: Vec<Skipped>,
}

/// One block of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Paragraph(Paragraph),
    Table(Table),
}

/// A paragraph outside tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub text: String,
    /// Where the paragraph's text stands (without surrounding white space).
    pub span: Span,
    /// Whether the paragraph may be the rest of the one before it (a line wrapped by the PDF's
    /// layout: no blank line between them). Readers of structured documents, where a paragraph is
    /// whole, set `false`.
    pub joins_previous: bool,
}

/// A table: its rows as read, header rows included.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub rows: Vec<Row>,
}

/// One row of a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    /// The document marks the row as a header row (Word's `w:tblHeader`, repeated on every page).
    /// Header rows are also recognised by their text, so readers that cannot tell leave it
    /// `false`.
    pub header: bool,
    /// Where the whole row stands.
    pub span: Span,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text, paragraphs and line breaks inside it joined; white space is kept as
    /// written (an empty or blank cell holds nothing).
    pub text: String,
    /// Where the cell's text stands.
    pub span: Span,
    /// How many columns of the table's grid the cell covers (1 unless merged across).
    pub columns: usize,
    /// The cell is the lower part of a vertical merge: it continues the cell above and has no
    /// text of its own.
    pub continues_above: bool,
}

impl Cell {
    /// An ordinary cell of one column.
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Cell {
            text: text.into(),
            span,
            columns: 1,
            continues_above: false,
        }
    }

    /// A cell of white space only holds nothing (PDF extraction leaves such cells).
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Text the reader could not place in the model, and why (a message of the I001 family).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub text: String,
    pub span: Span,
    pub why: Message,
}

impl Layout {
    /// Every piece of text in the model, in reading order: paragraphs, cells, skipped pieces.
    /// The builder accounts for each of them.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.blocks
            .iter()
            .flat_map(|block| -> Box<dyn Iterator<Item = &str>> {
                match block {
                    Block::Paragraph(paragraph) => Box::new(std::iter::once(&*paragraph.text)),
                    Block::Table(table) => Box::new(
                        table
                            .rows
                            .iter()
                            .flat_map(|row| row.cells.iter().map(|cell| &*cell.text)),
                    ),
                }
            })
            .chain(self.skipped.iter().map(|skipped| &*skipped.text))
    }
}

/// Where findings about the plan as a whole point in a reader's rendering of the document:
/// its first line and its last line that is not blank.
pub fn rendering_anchors(rendering: &str) -> (Span, Span) {
    let first = rendering
        .find('\n')
        .map_or(0..rendering.len(), |end| 0..end);
    let trimmed = rendering.trim_end();
    let last_start = trimmed.rfind('\n').map_or(0, |at| at + 1);
    (first, last_start..trimmed.len())
}

/// The characters of a text that count for the "nothing dropped" promise: all but white space
/// (joining wrapped lines adds and drops spaces).
pub fn counted(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}
