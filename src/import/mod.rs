//! `import`: turns a published plan (a Word document, a PDF-to-text extraction, a spreadsheet's
//! CSV export) into the `odp-plan/1` form. Every cell is kept exactly as published; every line
//! that cannot be placed, and every guess, is a diagnostic located in the input.
//!
//! Readers ([`text`], [`docx`], [`pdf`], [`sheet`]) turn their input into one document model ([`layout`]); one
//! builder ([`build`]) turns that into the plan and its findings.

mod archive;
pub mod build;
mod csv;
pub mod docx;
mod from_model;
pub mod layout;
mod numbering;
pub mod pdf;
mod plan;
pub mod rules;
pub mod sheet;
mod text;
mod words;
mod yaml;

pub(crate) use csv::records as csv_records;
pub use plan::{Field, Metadata, Part, Plan, Row, Section, TEMPLATE_COLUMNS, Table};
pub use words::{continues_frequency, detect_language, is_cjk, join_wrapped, period_in};
pub use yaml::{DEFAULT_SCHEMA_PATH, scalar as yaml_scalar, to_yaml, to_yaml_with_modeline};

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::{Language, SectionKey, TableKind};

/// What the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// A Word document (.docx).
    Docx,
    /// A PDF file.
    Pdf,
    /// An Excel workbook (.xlsx).
    Xlsx,
    /// An OpenDocument spreadsheet (.ods).
    Ods,
    /// Text extracted from the published PDF: tab-separated cells, headings on their own lines.
    Text,
    /// A spreadsheet export: one row per table row, with a header row naming the columns.
    Csv,
}

impl InputFormat {
    /// `.csv` files are CSV; everything else is PDF-extracted text.
    pub fn from_path(path: &str) -> Self {
        if path.to_ascii_lowercase().ends_with(".csv") {
            InputFormat::Csv
        } else {
            InputFormat::Text
        }
    }

    /// What `bytes` are, by their content: a zip holding `word/document.xml` is Word, one
    /// holding `xl/workbook.xml` is Excel, one whose `mimetype` says so is an OpenDocument
    /// spreadsheet, `%PDF-` starts a PDF; anything else is CSV when `name` ends in `.csv`, else
    /// text. A zip that is none of these is an error.
    pub fn detect(name: &str, bytes: &[u8]) -> Result<Self, Message> {
        if bytes.starts_with(b"%PDF-") {
            return Ok(InputFormat::Pdf);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return Ok(InputFormat::from_path(name));
        }
        let mut archive = archive::Archive::open(bytes)?;
        if archive.has("word/document.xml") {
            return Ok(InputFormat::Docx);
        }
        if archive.has("xl/workbook.xml") {
            return Ok(InputFormat::Xlsx);
        }
        if archive.read("mimetype")?.as_deref()
            == Some(b"application/vnd.oasis.opendocument.spreadsheet")
        {
            return Ok(InputFormat::Ods);
        }
        Err(Message::new("import.zip-unknown"))
    }
}

/// The outcome of an import: the plan (as much of it as could be placed) and the findings.
#[derive(Debug)]
pub struct Imported {
    pub plan: Plan,
    pub diagnostics: Vec<Diagnostic>,
}

/// Imports `document` (its text; the kind is not used) as text or CSV (`format`; the other
/// formats are not text: see [`import_bytes`]). With `strict`, every guess is an error.
pub fn import(
    document: &Document,
    format: InputFormat,
    metadata: &Metadata,
    strict: bool,
) -> Imported {
    let imported = match format {
        InputFormat::Csv => csv::import(document, metadata),
        _ => text::import(document, metadata),
    };
    finish(imported, strict)
}

/// Imports the file `name` whose content is `bytes`, as `format`: the document findings point
/// into (the text itself, or a Word document's rendering as text), and what was imported. An
/// error says why the file cannot be read at all.
pub fn import_bytes(
    name: &str,
    bytes: &[u8],
    format: InputFormat,
    metadata: &Metadata,
    strict: bool,
) -> Result<(Document, Imported), Message> {
    use crate::document::SourceKind;
    match format {
        InputFormat::Text | InputFormat::Csv => {
            let text = Document::decode(bytes)?;
            let document = Document::parse_as(name, text, SourceKind::Text);
            let imported = import(&document, format, metadata, strict);
            Ok((document, imported))
        }
        InputFormat::Docx => {
            let read = docx::read(bytes)?;
            let document = Document::parse_as(name, &read.rendering, SourceKind::Text);
            let imported = build::build(&read.layout, metadata, read.anchors);
            Ok((document, finish(imported, strict)))
        }
        InputFormat::Pdf => {
            let read = pdf::read(bytes)?;
            let document = Document::parse_as(name, &read.rendering, SourceKind::Text);
            let imported = build::build(&read.layout, metadata, read.anchors);
            Ok((document, finish(imported, strict)))
        }
        InputFormat::Xlsx | InputFormat::Ods => {
            let read = sheet::read(bytes, format)?;
            let document = Document::parse_as(name, &read.rendering, SourceKind::Text);
            // The command line wins over the cover sheet.
            let cover = read.cover;
            let published = cover
                .published
                .map(|date| build::closing_date(&date).unwrap_or(date));
            let metadata = Metadata {
                organisation: metadata.organisation.clone().or(cover.organisation),
                title: metadata.title.clone().or(cover.title),
                published: metadata.published.clone().or(published),
                ..metadata.clone()
            };
            let imported = build::build(&read.layout, &metadata, read.anchors);
            Ok((document, finish(imported, strict)))
        }
    }
}

fn finish(mut imported: Imported, strict: bool) -> Imported {
    if strict {
        for diagnostic in &mut imported.diagnostics {
            if diagnostic.rule == &rules::GUESSED_STRUCTURE {
                diagnostic.severity = Severity::Error;
            }
        }
    }
    crate::diagnostic::sort(&mut imported.diagnostics);
    imported
}

/// The plan's facts as found in the input, before the command line's replace them.
#[derive(Debug, Default)]
struct Found {
    organisation: Option<(String, Span)>,
    title: Option<(String, Span)>,
    published: Option<String>,
}

/// Assembles the plan: its facts from what the input gave and the command line (which wins),
/// reporting what neither gives: a missing organisation or title at `start`, a missing date at
/// `end`.
fn assemble(
    found: Found,
    metadata: &Metadata,
    language: Language,
    sections: [Option<Section>; 4],
    (start, end): (Span, Span),
    out: &mut Vec<Diagnostic>,
) -> Plan {
    let missing = |what: &'static str, key: &'static str, span: Span| {
        Diagnostic::new(&rules::MISSING_METADATA, "", span, Message::new(what))
            .with_help(Message::new("I006.help").arg("key", key))
    };
    let title_span = found
        .title
        .as_ref()
        .map_or(start.clone(), |(_, span)| span.clone());
    let organisation = match (&metadata.organisation, found.organisation) {
        (Some(given), _) => given.clone(),
        (None, Some((text, _))) => text,
        (None, None) => {
            out.push(missing("I006.organisation", "organisation", start.clone()));
            String::new()
        }
    };
    let title = match (&metadata.title, found.title) {
        (Some(given), _) => given.clone(),
        (None, Some((text, _))) => text,
        (None, None) => {
            out.push(missing("I006.title", "title", start));
            String::new()
        }
    };
    let period = match (&metadata.period, period_in(&title)) {
        (Some(given), _) => given.clone(),
        (None, Some(period)) => period,
        (None, None) => {
            // Without a title there is nothing more to say than that the title is missing.
            if !title.is_empty() {
                out.push(missing("I006.period", "period", title_span));
            }
            String::new()
        }
    };
    let published = match (&metadata.published, found.published) {
        (Some(given), _) => given.clone(),
        (None, Some(date)) => date,
        (None, None) => {
            out.push(missing("I006.published", "published", end));
            String::new()
        }
    };
    Plan {
        organisation,
        language: metadata.language.unwrap_or(language),
        title,
        period,
        published,
        sections,
    }
}

/// The index (0 for A) of a section letter.
fn section_index(key: SectionKey) -> usize {
    match key {
        SectionKey::A => 0,
        SectionKey::B => 1,
        SectionKey::C => 2,
        SectionKey::D => 3,
    }
}

/// `A`..`D` (any case) as a section key.
fn section_key(letter: char) -> Option<SectionKey> {
    match letter.to_ascii_uppercase() {
        'A' => Some(SectionKey::A),
        'B' => Some(SectionKey::B),
        'C' => Some(SectionKey::C),
        'D' => Some(SectionKey::D),
        _ => None,
    }
}

/// The JSON pointer a row will have in the imported plan.
fn row_pointer(section: SectionKey, table: TableKind, index: usize) -> String {
    format!(
        "/sections/{}/{}/rows/{index}",
        section.as_str(),
        table.key()
    )
}

/// I002 when `item`, the row at `index` of a table, does not follow the `previous` item.
fn item_out_of_place(
    (section, table): (SectionKey, TableKind),
    index: usize,
    previous: Option<u64>,
    item: u64,
    span: Span,
) -> Option<Diagnostic> {
    let expected = previous.map_or(1, |previous| previous + 1);
    if item == expected {
        return None;
    }
    let label = table_label(section, table);
    let message = match previous {
        Some(previous) => Message::new("I002.message")
            .arg("found", item)
            .arg("previous", previous)
            .arg("expected", expected)
            .arg("table", label),
        None => Message::new("I002.first")
            .arg("found", item)
            .arg("table", label),
    };
    Some(
        Diagnostic::new(
            &rules::ITEM_OUT_OF_PLACE,
            format!("{}/item", row_pointer(section, table, index)),
            span,
            message,
        )
        .with_label(Message::new("I002.label").arg("expected", expected))
        .with_help(Message::new("I002.help")),
    )
}

/// `D.ii`, as messages name a table.
fn table_label(section: SectionKey, table: TableKind) -> String {
    format!("{}.{}", section.as_str(), table.numeral())
}

/// A whole number of at most nine digits, as item numbers are written.
fn item_number(text: &str) -> Option<u64> {
    let text = text.trim();
    (!text.is_empty() && text.len() <= 9 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_text_joins_without_a_space_only_in_cjk() {
        let cases = [
            ("嚴重毒品罪", "行、刑事恐嚇案", "嚴重毒品罪行、刑事恐嚇案"),
            ("Monthly and", "as necessary", "Monthly and as necessary"),
            ("以", "CSV格式", "以CSV格式"),
            ("CSV", "格式", "CSV格式"),
            ("real-", "time", "real-time"),
            ("and/", "or", "and/or"),
            ("ends with space ", "x", "ends with space x"),
            ("", "first", "first"),
            ("data,", "including", "data, including"),
        ];
        for (existing, rest, expected) in cases {
            let mut text = existing.to_string();
            join_wrapped(&mut text, rest);
            assert_eq!(text, expected);
        }
    }

    #[test]
    fn a_frequency_continues_after_a_connective_or_before_a_small_letter() {
        assert!(continues_frequency("每年及", "有需要時"));
        assert!(continues_frequency(
            "Quarterly and",
            "As and when necessary"
        ));
        assert!(continues_frequency(
            "Quarterly",
            "and as and when necessary"
        ));
        assert!(continues_frequency("Monthly/", "Quarterly"));
        assert!(!continues_frequency("每月", "每年"));
        assert!(!continues_frequency("Monthly", "Annually"));
        assert!(!continues_frequency("Brand", "Annually"));
    }

    #[test]
    fn the_period_is_the_first_year_range_of_the_title() {
        assert_eq!(
            period_in("2024-2026年度整合開放數據計劃（包含空間數據計劃）").as_deref(),
            Some("2024-2026")
        );
        assert_eq!(
            period_in("Annual Open Data Plan 2024 – 2026").as_deref(),
            Some("2024-2026")
        );
        assert_eq!(period_in("Plan 2024 to 2026").as_deref(), Some("2024-2026"));
        assert_eq!(period_in("Open Data Plan 2024"), None);
        assert_eq!(period_in("12024-20261"), None);
    }

    #[test]
    fn the_language_follows_the_script() {
        assert_eq!(detect_language(["香港警務處 數據"]), Language::ZhHant);
        assert_eq!(detect_language(["香港警务处 数据"]), Language::ZhHans);
        assert_eq!(
            detect_language(["Hong Kong Police Force 不適用"]),
            Language::En
        );
    }

    #[test]
    fn item_numbers_are_whole_numbers() {
        assert_eq!(item_number("12"), Some(12));
        assert_eq!(item_number(" 3 "), Some(3));
        assert_eq!(item_number("1."), None);
        assert_eq!(item_number("N/A"), None);
        assert_eq!(item_number(""), None);
    }
}
