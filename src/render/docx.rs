//! A Word document (.docx: a zip of WordprocessingML) in the published layout, written directly:
//! real tables with a fixed grid, the header row repeated on every page (`w:tblHeader`), rows
//! that do not split across pages (`w:cantSplit`), a part's shared cells merged vertically
//! (`w:vMerge`), A4 pages, and fonts for Chinese text (`w:rFonts w:eastAsia`, `w:lang
//! w:eastAsia`). The XML is a handful of elements, so it is written as text with every value
//! escaped; characters XML 1.0 cannot hold become U+FFFD. Entries carry a fixed date, so the same
//! plan always gives the same bytes.

use std::io::{Cursor, Write};

use zip::CompressionMethod;
use zip::write::{SimpleFileOptions, ZipWriter};

use super::{Cell, Page, TableBlock};
use crate::messages::Message;
use crate::model::Language;

/// The width of the text on an A4 page with 2 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11906 - 2 * 1134;

/// The template's column widths in percent: item, category, name, description, date, frequency
/// (an organisation column, when a table has one, takes its share from the description).
const SHARES: [u32; 6] = [7, 13, 18, 34, 13, 15];

pub fn render(page: &Page) -> Result<Vec<u8>, Message> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let entries: [(&str, String); 5] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/styles.xml", styles(page.language)),
        ("word/document.xml", document(page)),
    ];
    for (name, text) in entries {
        zip.start_file(name, options)
            .and_then(|()| zip.write_all(text.as_bytes()).map_err(Into::into))
            .map_err(|error| Message::new("render.docx-write").arg("detail", error))?;
    }
    zip.finish()
        .map(Cursor::into_inner)
        .map_err(|error| Message::new("render.docx-write").arg("detail", error))
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;

/// The fonts: Latin text in Arial, Chinese in the font Hong Kong (or mainland) government
/// documents use, which Word has and LibreOffice substitutes with a CJK font of the language.
fn styles(language: Language) -> String {
    let (east_asia, lang) = match language {
        Language::ZhHant => ("PMingLiU", "zh-HK"),
        Language::ZhHans => ("SimSun", "zh-CN"),
        Language::En => ("PMingLiU", "zh-HK"),
    };
    let latin_lang = if language == Language::En {
        "en-GB"
    } else {
        "en-US"
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:eastAsia="{east_asia}" w:cs="Arial"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="{latin_lang}" w:eastAsia="{lang}" w:bidi="ar-SA"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="260" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="60"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:sz w:val="23"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/><w:ind w:left="340"/><w:outlineLvl w:val="2"/></w:pPr></w:style><w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="80" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style></w:styles>"#
    )
}

fn document(page: &Page) -> String {
    let mut out = String::with_capacity(64 * 1024);
    out.push_str(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    out.push('\n');
    out.push_str(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    paragraph(&mut out, &page.organisation, Style::Centre);
    paragraph(&mut out, &page.title, Style::Title);
    for section in &page.sections {
        paragraph(&mut out, &section.heading, Style::Heading(2));
        for table in &section.tables {
            paragraph(&mut out, &table.heading, Style::Heading(3));
            if let Some(note) = &table.note {
                paragraph(&mut out, note, Style::Plain);
            }
            grid(&mut out, table);
        }
    }
    paragraph(&mut out, "", Style::Plain);
    paragraph(&mut out, &page.organisation, Style::Right);
    paragraph(&mut out, &page.date_line, Style::Right);
    out.push_str(r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>"#);
    out.push_str("</w:body></w:document>");
    out
}

enum Style {
    Plain,
    Centre,
    Title,
    Right,
    Heading(u8),
}

fn paragraph(out: &mut String, text: &str, style: Style) {
    out.push_str("<w:p>");
    let (properties, bold) = match style {
        Style::Plain => ("", false),
        Style::Centre => (r#"<w:pPr><w:jc w:val="center"/></w:pPr>"#, true),
        Style::Title => (
            r#"<w:pPr><w:spacing w:after="240"/><w:jc w:val="center"/></w:pPr>"#,
            true,
        ),
        Style::Right => (r#"<w:pPr><w:jc w:val="right"/></w:pPr>"#, false),
        Style::Heading(2) => (r#"<w:pPr><w:pStyle w:val="Heading2"/></w:pPr>"#, false),
        Style::Heading(_) => (r#"<w:pPr><w:pStyle w:val="Heading3"/></w:pPr>"#, false),
    };
    out.push_str(properties);
    run(out, text, bold);
    out.push_str("</w:p>");
}

/// A run of text: tabs and line breaks as Word's own elements, spaces kept.
fn run(out: &mut String, text: &str, bold: bool) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r>");
    if bold {
        out.push_str("<w:rPr><w:b/></w:rPr>");
    }
    let mut pieces = text.split('\n').peekable();
    while let Some(line) = pieces.next() {
        let mut tabs = line.split('\t').peekable();
        while let Some(piece) = tabs.next() {
            if !piece.is_empty() {
                out.push_str(r#"<w:t xml:space="preserve">"#);
                escape_into(out, piece);
                out.push_str("</w:t>");
            }
            if tabs.peek().is_some() {
                out.push_str("<w:tab/>");
            }
        }
        if pieces.peek().is_some() {
            out.push_str("<w:br/>");
        }
    }
    out.push_str("</w:r>");
}

/// Escapes text for XML content and attributes; characters XML 1.0 does not allow become U+FFFD.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c, '\u{FFFE}' | '\u{FFFF}') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn widths(columns: usize) -> Vec<u32> {
    let mut shares: Vec<u32> = SHARES.to_vec();
    if columns > SHARES.len() {
        shares[3] -= 12;
        shares.push(12);
    }
    let mut widths: Vec<u32> = shares.iter().map(|s| TEXT_WIDTH * s / 100).collect();
    let rest = TEXT_WIDTH - widths.iter().sum::<u32>();
    widths[3] += rest;
    widths
}

fn grid(out: &mut String, table: &TableBlock) {
    let widths = widths(table.header.len());
    out.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>"#);
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        ));
    }
    out.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#);
    for width in &widths {
        out.push_str(&format!(r#"<w:gridCol w:w="{width}"/>"#));
    }
    out.push_str("</w:tblGrid>");
    out.push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    for (header, width) in table.header.iter().zip(&widths) {
        out.push_str(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr><w:p><w:pPr><w:jc w:val="center"/></w:pPr>"#
        ));
        run(out, header, true);
        out.push_str("</w:p></w:tc>");
    }
    out.push_str("</w:tr>");
    for row in &table.rows {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        for (cell, width) in row.iter().zip(&widths) {
            cell_xml(out, cell, *width);
        }
        out.push_str("</w:tr>");
    }
    out.push_str("</w:tbl>");
}

fn cell_xml(out: &mut String, cell: &Cell, width: u32) {
    out.push_str(&format!(
        r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#
    ));
    if cell.covered {
        out.push_str("<w:vMerge/></w:tcPr><w:p/></w:tc>");
        return;
    }
    if cell.rows > 1 {
        out.push_str(r#"<w:vMerge w:val="restart"/>"#);
    }
    out.push_str("</w:tcPr><w:p>");
    run(out, &cell.text, false);
    out.push_str("</w:p></w:tc>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_columns_fill_the_page() {
        let mut out = String::new();
        escape_into(&mut out, "a<b & \"c\"\u{1}");
        assert_eq!(out, "a&lt;b &amp; &quot;c&quot;\u{FFFD}");
        assert_eq!(widths(6).iter().sum::<u32>(), TEXT_WIDTH);
        assert_eq!(widths(7).iter().sum::<u32>(), TEXT_WIDTH);
        let mut run_text = String::new();
        run(&mut run_text, "x\ty\nz", false);
        assert_eq!(
            run_text,
            r#"<w:r><w:t xml:space="preserve">x</w:t><w:tab/><w:t xml:space="preserve">y</w:t><w:br/><w:t xml:space="preserve">z</w:t></w:r>"#
        );
    }
}
