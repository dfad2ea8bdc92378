//! The Word reader: a `.docx` file's `word/document.xml` as the document model ([`Layout`]).
//!
//! Body paragraphs (`w:p`) are paragraphs; body tables (`w:tbl`) are tables, one [`Row`] for each
//! `w:tr`, one [`Cell`] for each `w:tc`. What Word authors really do is read as the document
//! shows it: runs and fields split in the middle of a word are joined (`w:fldSimple` and complex
//! fields keep their result text, never their instruction); `w:sdt` content controls and `w:ins`
//! insertions are read as text, `w:del` deletions and `w:moveFrom` are not; several paragraphs or
//! line breaks in a cell are joined as wrapped lines are ([`join_wrapped`]); empty paragraphs are
//! nothing; `w:gridSpan` gives a cell's width in columns; `w:vMerge` without `restart` marks a
//! cell that continues the one above (its text, if any, is kept: Word hides it, so it is
//! reported rather than lost); `w:tblHeader` marks header rows. Text in a table nested inside a
//! cell or in a text box is not part of the template: it is reported as not imported.
//!
//! Word's automatic numbering (`word/numbering.xml`, directly or through a paragraph style) is
//! read as Word draws it: a heading numbered `A.` or `i.` by Word reads `A. ...` as if typed
//! ([`super::numbering`]); a numbered paragraph that is all of a table cell reads as its number,
//! as the item column holds it (`1.` drawn, `1` read).
//!
//! Findings point into a rendering of the document as text, one line per body paragraph and per
//! table row, cells separated by tabs (the import's text layout).

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

use super::archive::Archive;
use super::join_wrapped;
use super::layout::{Block, Cell, Layout, Paragraph, Row, Skipped, Table};
use super::numbering::{Numbering, val};
use crate::document::Span;
use crate::messages::Message;

/// A Word document read: its model and the text its places point into.
#[derive(Debug)]
pub struct Read {
    pub layout: Layout,
    pub rendering: String,
    /// The first and last lines of the rendering (where findings about the whole plan point).
    pub anchors: (Span, Span),
}

/// Reads a `.docx` file; an error says why it is not a readable Word document.
pub fn read(bytes: &[u8]) -> Result<Read, Message> {
    let mut archive = Archive::open(bytes)?;
    let xml = archive
        .read("word/document.xml")?
        .ok_or_else(|| Message::new("import.docx-no-document"))?;
    let numbering = archive.read("word/numbering.xml")?;
    let styles = archive.read("word/styles.xml")?;
    parse_with(&xml, numbering.as_deref(), styles.as_deref())
}

/// Reads `word/document.xml` with the document's `word/numbering.xml` and `word/styles.xml`
/// (what [`read`] finds in the zip; either may be missing).
pub fn parse_with(
    xml: &[u8],
    numbering: Option<&[u8]>,
    styles: Option<&[u8]>,
) -> Result<Read, Message> {
    parse_numbered(xml, Numbering::read(numbering, styles))
}

/// A cell as it is being read.
#[derive(Default)]
struct DraftCell {
    paragraphs: Vec<String>,
    columns: usize,
    continues_above: bool,
    /// Text of tables nested in this cell.
    nested: Vec<String>,
}

#[derive(Default)]
struct DraftRow {
    cells: Vec<DraftCell>,
    header: bool,
}

/// One piece of the document, before its rendering gives it a place.
enum Piece {
    Paragraph(String),
    Table(Vec<(Vec<DraftCell>, bool)>),
}

#[derive(Default)]
struct Parser {
    pieces: Vec<Piece>,
    skipped: Vec<(String, &'static str)>,
    /// Open tables: the outermost first. Only the outermost is the template's.
    tables: Vec<Vec<(Vec<DraftCell>, bool)>>,
    row: Option<DraftRow>,
    cell: Option<DraftCell>,
    paragraph: Option<String>,
    /// Inside `w:t`.
    in_text: bool,
    /// Depth inside an element whose content is not the document's text (`w:del`, ...).
    skip: usize,
    /// Depth inside a text box's content.
    text_box: usize,
    text_box_text: String,
    numbering: Numbering,
    /// The open paragraph's `w:numId`, `w:ilvl` and `w:pStyle`.
    numbered: (Option<String>, Option<usize>, Option<String>),
}

/// Reads `word/document.xml` itself (what [`read`] finds in the zip), without numbering.
pub fn parse(xml: &[u8]) -> Result<Read, Message> {
    parse_numbered(xml, Numbering::default())
}

/// Reads `word/document.xml` with the document's numbering.
fn parse_numbered(xml: &[u8], numbering: Numbering) -> Result<Read, Message> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().trim_text(false);
    let mut parser = Parser {
        numbering,
        ..Parser::default()
    };
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|error| {
            Message::new("import.docx-xml")
                .arg("at", reader.error_position())
                .arg("detail", error)
        })?;
        match event {
            Event::Eof => break,
            Event::Start(element) => parser.start(&element, false),
            Event::Empty(element) => parser.start(&element, true),
            Event::End(element) => parser.end(element.name().as_ref()),
            Event::Text(text) => {
                let text = text
                    .xml_content(XmlVersion::Implicit1_0)
                    .map_err(|error| Message::new("import.docx-utf8").arg("detail", error))?;
                parser.text(&text);
            }
            Event::CData(data) => {
                let text = String::from_utf8_lossy(&data).into_owned();
                parser.text(&text);
            }
            Event::GeneralRef(reference) => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => {
                        let name = String::from_utf8_lossy(&reference).into_owned();
                        quick_xml::escape::resolve_predefined_entity(&name).map(str::to_string)
                    }
                };
                if let Some(text) = resolved {
                    parser.text(&text);
                }
            }
            _ => {}
        }
        buffer.clear();
    }
    Ok(render(parser))
}

/// A `w:val` that switches a property on: absent, `true`, `1` or `on`.
fn switched_on(element: &BytesStart<'_>) -> bool {
    val(element).is_none_or(|value| matches!(value.as_str(), "true" | "1" | "on"))
}

impl Parser {
    fn start(&mut self, element: &BytesStart<'_>, empty: bool) {
        let name = element.name();
        let name = name.as_ref();
        if self.skip > 0 {
            if !empty {
                self.skip += 1;
            }
            return;
        }
        match name {
            // Deleted and moved-away text, and the fallback copy of alternate content.
            // Formatting as it was before a tracked change: not what the document shows.
            b"w:del" | b"w:moveFrom" | b"mc:Fallback" | b"w:instrText" | b"w:delText"
            | b"w:pPrChange" | b"w:rPrChange"
                if !empty =>
            {
                self.skip = 1;
            }
            b"w:txbxContent" if !empty => self.text_box += 1,
            b"w:tbl" if !empty => self.tables.push(Vec::new()),
            b"w:tr" if self.tables.len() == 1 => self.row = Some(DraftRow::default()),
            b"w:tc" if self.tables.len() == 1 => {
                self.cell = Some(DraftCell {
                    columns: 1,
                    ..DraftCell::default()
                });
            }
            b"w:tblHeader" if self.tables.len() == 1 => {
                if let Some(row) = &mut self.row {
                    row.header = switched_on(element);
                }
            }
            b"w:gridSpan" if self.tables.len() == 1 => {
                if let Some(cell) = &mut self.cell {
                    cell.columns = val(element)
                        .and_then(|value| value.parse().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            b"w:vMerge" if self.tables.len() == 1 => {
                if let Some(cell) = &mut self.cell {
                    cell.continues_above = val(element).is_none_or(|value| value != "restart");
                }
            }
            b"w:p" if !empty => {
                self.paragraph = Some(String::new());
                self.numbered = (None, None, None);
            }
            b"w:numId" => self.numbered.0 = val(element),
            b"w:ilvl" => self.numbered.1 = val(element).and_then(|l| l.parse().ok()),
            b"w:pStyle" => self.numbered.2 = val(element),
            b"w:t" if !empty => self.in_text = true,
            b"w:br" | b"w:cr" => self.push('\n'),
            b"w:tab" => self.push(' '),
            b"w:noBreakHyphen" => self.push('-'),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        if self.skip > 0 {
            self.skip -= 1;
            return;
        }
        match name {
            b"w:t" => self.in_text = false,
            b"w:p" => {
                if let Some(text) = self.paragraph.take() {
                    let text = self.numbered_text(text);
                    self.end_paragraph(text);
                }
            }
            b"w:txbxContent" => {
                self.text_box = self.text_box.saturating_sub(1);
                if self.text_box == 0 {
                    let text = std::mem::take(&mut self.text_box_text);
                    if !text.trim().is_empty() {
                        self.skipped.push((text, "I001.text-box"));
                    }
                }
            }
            b"w:tc" if self.tables.len() == 1 => {
                if let (Some(cell), Some(row)) = (self.cell.take(), &mut self.row) {
                    row.cells.push(cell);
                }
            }
            b"w:tr" if self.tables.len() == 1 => {
                if let (Some(row), Some(table)) = (self.row.take(), self.tables.last_mut()) {
                    table.push((row.cells, row.header));
                }
            }
            b"w:tbl" => {
                if let Some(table) = self.tables.pop()
                    && self.tables.is_empty()
                {
                    self.pieces.push(Piece::Table(table));
                }
            }
            _ => {}
        }
    }

    /// A paragraph's text with the number Word draws before it, if it has one.
    fn numbered_text(&mut self, text: String) -> String {
        if self.numbering.is_empty() {
            return text;
        }
        let (num, level, style) = std::mem::take(&mut self.numbered);
        let Some(label) = self
            .numbering
            .next_label(num.as_deref(), level, style.as_deref())
        else {
            return text;
        };
        let in_cell = self.tables.len() == 1 && self.cell.is_some();
        match label.number {
            Some(number) if in_cell && text.trim().is_empty() => number.to_string(),
            _ if text.trim().is_empty() => label.text,
            _ => format!("{} {}", label.text, text.trim_start()),
        }
    }

    fn push(&mut self, c: char) {
        if self.skip == 0
            && let Some(paragraph) = &mut self.paragraph
        {
            paragraph.push(c);
        }
    }

    fn text(&mut self, text: &str) {
        if self.skip > 0 || !self.in_text {
            return;
        }
        if let Some(paragraph) = &mut self.paragraph {
            // Tabs inside text would split the rendering's cells.
            paragraph.extend(text.chars().map(|c| if c == '\t' { ' ' } else { c }));
        }
    }

    fn end_paragraph(&mut self, text: String) {
        let text = join_lines(&text);
        if text.trim().is_empty() {
            return;
        }
        if self.text_box > 0 {
            join_wrapped(&mut self.text_box_text, &text);
            return;
        }
        match self.tables.len() {
            0 => self.pieces.push(Piece::Paragraph(text)),
            1 => {
                if let Some(cell) = &mut self.cell {
                    cell.paragraphs.push(text);
                }
            }
            _ => {
                if let Some(cell) = &mut self.cell {
                    cell.nested.push(text);
                } else {
                    self.skipped.push((text, "I001.nested-table"));
                }
            }
        }
    }
}

/// The lines of a paragraph (split by `w:br`) joined as wrapped lines.
fn join_lines(text: &str) -> String {
    let mut joined = String::new();
    for line in text.split('\n').filter(|line| !line.trim().is_empty()) {
        join_wrapped(&mut joined, line.trim());
    }
    if joined.is_empty() {
        return text.trim().to_string();
    }
    joined
}

/// Writes the rendering and gives every piece its place in it.
fn render(parser: Parser) -> Read {
    let mut rendering = String::new();
    let mut layout = Layout::default();
    let mut skipped = parser.skipped;
    let mut lines: Vec<Span> = Vec::new();
    for piece in parser.pieces {
        match piece {
            Piece::Paragraph(text) => {
                let start = rendering.len();
                rendering.push_str(&text);
                let span = start..rendering.len();
                rendering.push('\n');
                lines.push(span.clone());
                layout.blocks.push(Block::Paragraph(Paragraph {
                    text,
                    span,
                    joins_previous: false,
                }));
            }
            Piece::Table(rows) => {
                let mut table = Table::default();
                for (cells, header) in rows {
                    let row_start = rendering.len();
                    let mut row = Row {
                        cells: Vec::with_capacity(cells.len()),
                        header,
                        span: 0..0,
                    };
                    for (index, draft) in cells.into_iter().enumerate() {
                        if index > 0 {
                            rendering.push('\t');
                        }
                        let mut text = String::new();
                        for paragraph in &draft.paragraphs {
                            join_wrapped(&mut text, paragraph);
                        }
                        let start = rendering.len();
                        rendering.push_str(&text);
                        // A merged cell's other columns: empty cells in the rendering.
                        let span = start..rendering.len();
                        for _ in 1..draft.columns {
                            rendering.push('\t');
                        }
                        if !draft.nested.is_empty() {
                            skipped.push((draft.nested.join(" "), "I001.nested-table"));
                        }
                        row.cells.push(Cell {
                            text,
                            span,
                            columns: draft.columns,
                            continues_above: draft.continues_above,
                        });
                    }
                    row.span = row_start..rendering.len();
                    rendering.push('\n');
                    if row.cells.iter().any(|cell| !cell.is_empty()) {
                        lines.push(row.span.clone());
                    }
                    table.rows.push(row);
                }
                layout.blocks.push(Block::Table(table));
            }
        }
    }
    for (text, why) in skipped {
        let why = Message::new(why).arg("excerpt", super::build::excerpt(text.trim()));
        let start = rendering.len();
        rendering.push_str(&text);
        let span = start..rendering.len();
        rendering.push('\n');
        lines.push(span.clone());
        layout.skipped.push(Skipped { text, span, why });
    }
    let end = rendering.len()..rendering.len();
    let anchors = (
        lines.first().cloned().unwrap_or(0..0),
        lines.last().cloned().unwrap_or(end),
    );
    Read {
        layout,
        rendering,
        anchors,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> Read {
        let xml = format!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{inner}</w:body></w:document>"#
        );
        parse(xml.as_bytes()).unwrap()
    }

    fn paragraphs(read: &Read) -> Vec<&str> {
        read.layout
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Paragraph(paragraph) => Some(paragraph.text.as_str()),
                Block::Table(_) => None,
            })
            .collect()
    }

    fn cells(read: &Read) -> Vec<Vec<(String, usize, bool)>> {
        read.layout
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Table(table) => Some(table),
                Block::Paragraph(_) => None,
            })
            .flat_map(|table| &table.rows)
            .map(|row| {
                row.cells
                    .iter()
                    .map(|cell| (cell.text.clone(), cell.columns, cell.continues_above))
                    .collect()
            })
            .collect()
    }

    /// The fuzz seed that is its own numbering and styles (the fuzz target reads one input as
    /// all three parts) numbers its own heading, subheading and item.
    #[test]
    fn one_xml_can_be_document_numbering_and_styles_at_once() {
        let xml = include_bytes!("../../fuzz/seeds/docx/numbered.xml");
        let read = parse_with(xml, Some(xml), Some(xml)).unwrap();
        assert_eq!(
            paragraphs(&read),
            [
                "香港警務處",
                "2024-2026年度整合開放數據計劃（包含空間數據計劃）",
                "A. 在 2024 年發放的局／部門數據集",
                "i. 空間數據"
            ]
        );
        assert_eq!(cells(&read)[1][0], ("1".to_string(), 1, false));
        // Without the numbering the item cell is empty and the headings lack their numbers.
        let plain = parse(xml).unwrap();
        assert_eq!(paragraphs(&plain)[2], "在 2024 年發放的局／部門數據集");
        assert_eq!(cells(&plain)[1][0].0, "");
    }

    #[test]
    fn runs_fields_and_revisions_read_as_shown() {
        let read = body(
            r#"<w:p><w:r><w:t>香港</w:t></w:r><w:r><w:t>警務處</w:t></w:r></w:p>
            <w:p></w:p>
            <w:p><w:r><w:t xml:space="preserve">Open </w:t></w:r><w:fldSimple w:instr="TITLE"><w:r><w:t>Da</w:t></w:r></w:fldSimple><w:r><w:t>ta &amp; more</w:t></w:r></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>DATE \@ "MMMM yyyy"</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>December 2023</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            <w:p><w:ins w:id="1"><w:r><w:t>kept</w:t></w:r></w:ins><w:del w:id="2"><w:r><w:delText>gone</w:delText></w:r></w:del><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t> control</w:t></w:r></w:sdtContent></w:sdt></w:p>
            <w:p><w:r><w:t>line one</w:t><w:br/><w:t>line two</w:t></w:r></w:p>
            <w:p><mc:AlternateContent><mc:Choice><w:r><w:t>choice</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>fallback</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"#,
        );
        assert_eq!(
            paragraphs(&read),
            [
                "香港警務處",
                "Open Data & more",
                "December 2023",
                "kept control",
                "line one line two",
                "choice"
            ]
        );
        assert_eq!(
            read.rendering,
            "香港警務處\nOpen Data & more\nDecember 2023\nkept control\nline one line two\nchoice\n"
        );
    }

    #[test]
    fn merged_cells_are_not_repeated() {
        let read = body(
            r#"<w:tbl>
            <w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:p><w:r><w:t>編號</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>發放日期</w:t></w:r></w:p><w:p><w:r><w:t>(月/年)</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>7</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="5"/></w:tcPr><w:p><w:r><w:t>不適用</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inner</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
            </w:tbl>"#,
        );
        assert_eq!(
            cells(&read),
            [
                vec![
                    ("編號".to_string(), 1, false),
                    ("發放日期(月/年)".to_string(), 1, false)
                ],
                vec![
                    ("7".to_string(), 1, false),
                    ("不適用".to_string(), 5, false)
                ],
                vec![(String::new(), 1, true), ("A".to_string(), 1, false)],
            ]
        );
        let Block::Table(table) = &read.layout.blocks[0] else {
            panic!("a table")
        };
        assert!(table.rows[0].header);
        assert_eq!(read.layout.skipped.len(), 1);
        assert_eq!(read.layout.skipped[0].text, "inner");
        assert_eq!(
            read.rendering,
            "編號\t發放日期(月/年)\n7\t不適用\t\t\t\t\n\tA\ninner\n"
        );
    }

    #[test]
    fn broken_documents_are_errors() {
        assert!(read(b"PK\x03\x04garbage").is_err());
        assert!(parse(b"<w:document><w:body><w:p></w:body>").is_err());
    }
}
