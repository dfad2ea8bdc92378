//! `odplint import` of Word documents: the police plan and invented plans in both languages
//! (made by tools/gen_import_fixtures.py) import exactly as their gold, every character
//! accounted for; input kinds are recognised by content.

mod common;

use assert_cmd::Command;
use odplint::document::Document;
use odplint::import::build::{build_accounted, placed_characters};
use odplint::import::layout::counted;
use odplint::import::{self, DEFAULT_SCHEMA_PATH, InputFormat, Metadata, docx};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn import_docx(name: &str) -> (Document, import::Imported) {
    import::import_bytes(
        name,
        &fixture(name),
        InputFormat::Docx,
        &Metadata::default(),
        false,
    )
    .unwrap()
}

#[test]
fn the_police_plan_in_word_imports_byte_for_byte() {
    let (_, imported) = import_docx("hkpf-2024-2026.docx");
    common::assert_is_the_police_plan(&imported);
}

#[test]
fn invented_plans_in_both_languages_import_as_their_gold() {
    for language in ["zh-Hant", "en"] {
        let name = format!("harbour-2025-2027.{language}.docx");
        let (_, imported) = import_docx(&name);
        assert!(
            imported.diagnostics.is_empty(),
            "{name}: {:?}",
            imported.diagnostics
        );
        let yaml = import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH);
        let gold =
            String::from_utf8(fixture(&format!("harbour-2025-2027.{language}.gold.yaml"))).unwrap();
        let value = |text: &str| Document::parse("plan.yaml", text).value().unwrap();
        assert_eq!(value(&yaml), value(&gold), "{name}");
    }
}

#[test]
fn every_character_of_the_word_documents_is_accounted_for() {
    for name in [
        "hkpf-2024-2026.docx",
        "harbour-2025-2027.zh-Hant.docx",
        "harbour-2025-2027.en.docx",
    ] {
        let read = docx::read(&fixture(name)).unwrap();
        let (imported, accounts) =
            build_accounted(&read.layout, &Metadata::default(), read.anchors);
        let input: usize = read.layout.pieces().map(counted).sum();
        let placed: usize = accounts.iter().map(|account| account.placed).sum();
        let other: usize = accounts
            .iter()
            .map(|account| account.structure + account.reported)
            .sum();
        assert_eq!(placed, placed_characters(&imported.plan), "{name}: placed");
        assert_eq!(input, placed + other, "{name}: input = placed + other");
        assert!(input > 500, "{name}");
    }
}

#[test]
fn a_word_document_is_recognised_by_its_content_whatever_its_name() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("plan.txt");
    std::fs::copy(format!("{FIXTURES}/hkpf-2024-2026.docx"), &input).unwrap();
    let output = odplint().arg("import").arg(&input).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let expected = fixture("../../../plans/hkpf/2024-2026.zh-Hant.yaml");
    assert_eq!(output.stdout, expected);
    // --from overrides the content.
    let output = odplint()
        .args(["import", "--from", "text"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn pdf_spreadsheet_and_other_zips_are_clear_tool_errors() {
    let folder = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 2] = [
        ("plan.pdf", b"%PDF-1.7\n%binary", "PDF"),
        (
            "plan.zip",
            include_bytes!("fixtures/import/other.zip"),
            "neither a Word document",
        ),
    ];
    for (name, bytes, says) in cases {
        let input = folder.path().join(name);
        std::fs::write(&input, bytes).unwrap();
        let output = odplint().arg("import").arg(&input).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(says), "{name}: {stderr}");
        assert!(!stderr.contains("UTF-8"), "{name}: {stderr}");
    }
}

#[test]
fn reads_are_bounded() {
    let output = odplint()
        .args([
            "import",
            "--max-file-size",
            "1K",
            "tests/fixtures/import/hkpf-2024-2026.docx",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--max-file-size"));
}

#[test]
fn a_zip_bomb_is_refused_not_unpacked() {
    // 65 MB of XML compressed to a few kilobytes: more than a document may hold.
    let output = odplint()
        .args(["import", "tests/fixtures/import/bomb.docx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("larger than 64 MB"));
}

/// The police plan as authors who let Word number things write it: the section letters, the
/// `i.`/`ii.` subheadings and every item number drawn by Word's automatic numbering (a list of
/// three levels in `word/numbering.xml`), none of them typed. It imports to the same plan.
#[test]
fn word_automatic_numbering_reads_as_typed_numbers() {
    use std::io::{Read, Write};
    let original = fixture("hkpf-2024-2026.docx");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&original)).unwrap();
    let mut document = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    let numbered = |level: u8, text: &str| {
        format!(
            "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"90\"/></w:numPr></w:pPr>{text}</w:p>"
        )
    };
    // Headings `A. ...` and `i. ...` lose their typed number; item cells (all digits) become
    // empty numbered paragraphs.
    let paragraph = regex::Regex::new(r"<w:p><w:r><w:t([^>]*)>([^<]*)</w:t></w:r></w:p>").unwrap();
    let section = regex::Regex::new(r"^[A-D]\. ").unwrap();
    let table = regex::Regex::new(r"^(i|ii)\. ").unwrap();
    let mut items = 0;
    let mut headings = 0;
    let renumbered = paragraph.replace_all(&document, |found: &regex::Captures<'_>| {
        let (attributes, text) = (&found[1], &found[2]);
        let run = |text: &str| format!("<w:r><w:t{attributes}>{text}</w:t></w:r>");
        if section.is_match(text) {
            headings += 1;
            numbered(0, &run(&text[3..]))
        } else if let Some(level) = table.find(text) {
            headings += 1;
            numbered(1, &run(&text[level.end()..]))
        } else if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            items += 1;
            numbered(2, "")
        } else {
            found[0].to_string()
        }
    });
    assert!(
        headings == 12 && items > 30,
        "{headings} headings, {items} items"
    );
    let numbering = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2."/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
</w:abstractNum>
<w:num w:numId="90"><w:abstractNumId w:val="90"/></w:num>
</w:numbering>"#;
    let mut rebuilt = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        let bytes = match name.as_str() {
            "word/document.xml" => renumbered.as_bytes().to_vec(),
            "word/numbering.xml" => numbering.as_bytes().to_vec(),
            _ => bytes,
        };
        rebuilt
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        rebuilt.write_all(&bytes).unwrap();
    }
    let bytes = rebuilt.finish().unwrap().into_inner();
    let (_, imported) = import::import_bytes(
        "numbered.docx",
        &bytes,
        InputFormat::Docx,
        &Metadata::default(),
        false,
    )
    .unwrap();
    common::assert_is_the_police_plan(&imported);
}
