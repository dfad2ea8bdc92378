//! `odplint import` of spreadsheets (.xlsx and .ods, made by tools/gen_sheet_fixtures.py): the
//! police plan as one sheet per table imports byte for byte, the invented plans in both
//! languages (one sheet, a cover sheet of labels) import exactly as their gold, every character
//! of the model accounted for, workbooks recognised by content.

mod common;

use assert_cmd::Command;
use odplint::document::Document;
use odplint::import::build::{build_accounted, placed_characters};
use odplint::import::layout::counted;
use odplint::import::{self, DEFAULT_SCHEMA_PATH, InputFormat, Metadata, sheet};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import");

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

fn import_sheet(name: &str, metadata: &Metadata) -> (Document, import::Imported) {
    let bytes = fixture(&format!("sheet/{name}"));
    let format = InputFormat::detect(name, &bytes).unwrap();
    import::import_bytes(name, &bytes, format, metadata, false).unwrap()
}

#[test]
fn the_police_plan_as_one_sheet_per_table_imports_byte_for_byte() {
    let (_, imported) = import_sheet("hkpf-2024-2026.xlsx", &Metadata::default());
    common::assert_is_the_police_plan(&imported);
}

#[test]
fn invented_workbooks_in_both_languages_and_formats_import_as_their_gold() {
    for language in ["zh-Hant", "en"] {
        let gold =
            String::from_utf8(fixture(&format!("harbour-2025-2027.{language}.gold.yaml"))).unwrap();
        let value = |text: &str| Document::parse("plan.yaml", text).value().unwrap();
        for extension in ["xlsx", "ods"] {
            let name = format!("harbour-2025-2027.{language}.{extension}");
            let (_, imported) = import_sheet(&name, &Metadata::default());
            assert!(
                imported.diagnostics.is_empty(),
                "{name}: {:?}",
                imported.diagnostics
            );
            let yaml = import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH);
            assert_eq!(value(&yaml), value(&gold), "{name}");
        }
    }
}

#[test]
fn the_command_line_wins_over_the_cover_sheet() {
    let metadata = Metadata {
        organisation: Some("Given".into()),
        published: Some("01/2025".into()),
        ..Metadata::default()
    };
    let (_, imported) = import_sheet("harbour-2025-2027.en.xlsx", &metadata);
    assert_eq!(imported.plan.organisation, "Given");
    assert_eq!(imported.plan.published, "01/2025");
    assert_eq!(imported.plan.title, "2025-2027 Open Data Plan");
}

#[test]
fn text_cells_are_kept_as_typed_and_date_cells_read_as_month_and_year() {
    let (_, imported) = import_sheet("harbour-2025-2027.en.ods", &Metadata::default());
    let a = imported.plan.sections[0].as_ref().unwrap();
    // `3/2025` was typed as text; `01/2026` is a date cell shown as mm/yyyy.
    let rows = &a.spatial.as_ref().unwrap().rows;
    assert_eq!(rows[0].release_date, "3/2025");
    assert_eq!(rows[1].release_date, "01/2026");
}

#[test]
fn every_character_of_the_workbooks_is_accounted_for() {
    for name in [
        "hkpf-2024-2026.xlsx",
        "harbour-2025-2027.zh-Hant.xlsx",
        "harbour-2025-2027.en.ods",
    ] {
        let bytes = fixture(&format!("sheet/{name}"));
        let format = InputFormat::detect(name, &bytes).unwrap();
        let read = sheet::read(&bytes, format).unwrap();
        let (imported, accounts) = build_accounted(&read.layout, &read.cover, read.anchors.clone());
        let input: usize = read.layout.pieces().map(counted).sum();
        let placed: usize = accounts.iter().map(|account| account.placed).sum();
        let other: usize = accounts
            .iter()
            .map(|account| account.structure + account.reported)
            .sum();
        assert!(input > 500, "{name}: {input}");
        assert_eq!(input, placed + other, "{name}");
        // The cover's label/value rows give facts outside the model.
        let cover: usize = [&read.cover.organisation, &read.cover.title]
            .into_iter()
            .flatten()
            .map(|text| counted(text))
            .sum();
        assert_eq!(placed + cover, placed_characters(&imported.plan), "{name}");
    }
}

#[test]
fn a_cell_the_template_has_no_place_for_is_reported_with_its_sheet_and_row() {
    let (document, imported) = import_sheet("extra-cell.xlsx", &Metadata::default());
    let finding = imported
        .diagnostics
        .iter()
        .find(|diagnostic| diagnostic.rule.code == "I004")
        .expect("I004");
    let line_start = document.text[..finding.span.start]
        .rfind('\n')
        .map_or(0, |at| at + 1);
    let line = &document.text[line_start..];
    assert!(line.starts_with("Plan!"), "{line}");
    assert_eq!(&document.text[finding.span.clone()], "stray");
}

#[test]
fn a_workbook_is_imported_from_the_command_line_by_its_content() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("plan.bin");
    std::fs::write(&input, fixture("sheet/harbour-2025-2027.zh-Hant.ods")).unwrap();
    let output = Command::cargo_bin("odplint")
        .unwrap()
        .arg("import")
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("organisation: 海港事務處"));
}
