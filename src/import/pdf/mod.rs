//! The PDF reader: the characters a PDF draws, with their places ([`content`], with the fonts'
//! maps in [`font`]), rebuilt into paragraphs and tables by geometry ([`geometry`]), written as
//! the document model every reader produces, with a rendering as text (one line per paragraph
//! and per table row, cells separated by tabs) for findings to point into.

mod content;
mod font;
mod geometry;

use lopdf::Document;

use crate::document::Span;
use crate::messages::Message;

use super::layout::{Block, Cell, Layout, Paragraph, Row, Table};
use geometry::Piece;

/// The most pages read, and the most characters: beyond them the file is refused rather than
/// read into unbounded memory.
const MAX_PAGES: usize = 5_000;
const MAX_GLYPHS: usize = 5_000_000;

/// A PDF as the document model, and the rendering its places are in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub rendering: String,
    pub layout: Layout,
    /// Where findings about the plan as a whole point: its first line and its last.
    pub anchors: (Span, Span),
}

/// Reads a PDF. The error says why the file cannot be read (not a PDF, encrypted, damaged, no
/// text layer).
pub fn read(bytes: &[u8]) -> Result<Read, Message> {
    let pages = pages(bytes)?;
    Ok(write(&geometry::pieces(&pages)))
}

fn pages(bytes: &[u8]) -> Result<Vec<content::Page>, Message> {
    let document = Document::load_mem(bytes).map_err(|error| {
        let error = error.to_string();
        if error.to_lowercase().contains("decrypt") || error.to_lowercase().contains("password") {
            Message::new("import.pdf-encrypted")
        } else {
            Message::new("import.pdf-unreadable").arg("detail", error)
        }
    })?;
    if document.is_encrypted() && document.encryption_state.is_none() {
        return Err(Message::new("import.pdf-encrypted"));
    }
    let page_ids = document.get_pages();
    if page_ids.len() > MAX_PAGES {
        return Err(Message::new("import.pdf-pages")
            .arg("count", page_ids.len())
            .arg("limit", MAX_PAGES));
    }
    let mut pages = Vec::with_capacity(page_ids.len());
    let mut glyphs = 0;
    for page_id in page_ids.values() {
        let page = content::read_page(&document, *page_id)?;
        glyphs += page.glyphs.len();
        if glyphs > MAX_GLYPHS {
            return Err(Message::new("import.pdf-characters").arg("limit", MAX_GLYPHS));
        }
        pages.push(page);
    }
    let has_text = pages
        .iter()
        .flat_map(|page| &page.glyphs)
        .any(|glyph| !glyph.text.trim().is_empty());
    if !has_text {
        return Err(Message::new("import.pdf-no-text"));
    }
    Ok(pages)
}

/// Writes the pieces as the document model and its rendering.
fn write(pieces: &[Piece]) -> Read {
    let mut rendering = String::new();
    let mut blocks = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Line {
                text,
                joins_previous,
            } => {
                let start = rendering.len();
                rendering.push_str(text);
                blocks.push(Block::Paragraph(Paragraph {
                    text: text.clone(),
                    span: start..rendering.len(),
                    joins_previous: *joins_previous,
                }));
                rendering.push('\n');
            }
            Piece::Table(rows) => {
                let mut table = Table::default();
                for cells in rows {
                    let row_start = rendering.len();
                    let mut row = Row::default();
                    for (index, (text, columns)) in cells.iter().enumerate() {
                        if index > 0 {
                            rendering.push('\t');
                        }
                        let start = rendering.len();
                        rendering.push_str(text);
                        row.cells.push(Cell {
                            columns: *columns,
                            ..Cell::new(text.clone(), start..rendering.len())
                        });
                    }
                    row.span = row_start..rendering.len();
                    rendering.push('\n');
                    table.rows.push(row);
                }
                blocks.push(Block::Table(table));
            }
        }
    }
    let anchors = crate::import::layout::rendering_anchors(&rendering);
    Read {
        anchors,
        rendering,
        layout: Layout {
            blocks,
            skipped: Vec::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_not_a_readable_pdf_is_an_error() {
        for bytes in [
            &b""[..],
            b"%PDF-1.7\n",
            b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer",
        ] {
            assert!(read(bytes).is_err(), "{bytes:?}");
        }
    }
}
