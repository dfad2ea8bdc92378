//! Positions survive every encoding detail a plan file may have: CRLF, lone CR, a byte-order mark,
//! JSON escapes; invalid encodings are located S001 findings, never panics.

mod common;

use odplint::document::Document;
use odplint::lint;

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

fn positions(document: &Document) -> Vec<(&'static str, usize, usize)> {
    lint::check_document(document)
        .iter()
        .map(|d| {
            let p = document.position(d.span.start);
            (d.rule.code, p.line, p.column)
        })
        .collect()
}

#[test]
fn crlf_lone_cr_and_a_bom_give_the_same_positions_as_lf() {
    let lf = positions(&Document::parse("p.yaml", SEED));
    assert_eq!(
        lf,
        vec![
            ("T006", 104, 125),
            ("D001", 117, 25),
            ("D001", 134, 25),
            ("T001", 136, 51),
            ("D001", 144, 25)
        ]
    );
    let crlf = SEED.replace('\n', "\r\n");
    assert_eq!(positions(&Document::parse("p.yaml", &crlf)), lf);
    let bom = format!("\u{feff}{crlf}");
    let document = Document::from_bytes("p.yaml", bom.as_bytes());
    assert!(document.had_bom);
    assert_eq!(positions(&document), lf);
    let cr = SEED.replace('\n', "\r");
    assert_eq!(positions(&Document::parse("p.yaml", &cr)), lf);
}

#[test]
fn fix_offsets_in_json_output_account_for_the_bom() {
    let bom = format!("\u{feff}{SEED}");
    let document = Document::from_bytes("p.yaml", bom.as_bytes());
    let diagnostics: Vec<_> = lint::check_document(&document)
        .into_iter()
        .filter(|d| d.rule.code == "D001")
        .collect();
    let edit = &diagnostics[0].fix.as_ref().unwrap().edits[0];
    assert_eq!(&document.text[edit.span.clone()], "2/2015");
    let report = odplint::report::FileReport {
        document,
        diagnostics,
    };
    let json: serde_json::Value =
        serde_json::from_str(&common::render(odplint::report::Format::Json, &[report])).unwrap();
    let start = json["diagnostics"][0]["fix"]["edits"][0]["start_offset"]
        .as_u64()
        .unwrap() as usize;
    assert_eq!(&bom.as_bytes()[start..start + 6], b"2/2015");
}

#[test]
fn invalid_utf8_and_utf16_are_located_syntax_errors() {
    let mut bytes = b"format: odp-plan/1\norganisation: ".to_vec();
    bytes.extend_from_slice(&[0xE9, 0x99]);
    bytes.extend_from_slice(b"\n");
    let document = Document::from_bytes("p.yaml", &bytes);
    let found = positions(&document);
    assert_eq!(found, vec![("S001", 2, 15)]);

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("a: 1".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let document = Document::from_bytes("p.yaml", &utf16);
    let diagnostics = lint::check_document(&document);
    assert_eq!(common::codes(&diagnostics), vec!["S001"]);
    assert!(
        diagnostics[0]
            .message
            .render(odplint::messages::Lang::En)
            .contains("UTF-16")
    );
}

#[test]
fn json_escapes_and_astral_characters_keep_character_columns() {
    let text = std::fs::read_to_string(common::fixtures().join("rules/S001/pass.json")).unwrap();
    let text = text
        .replace(
            "\"name\": \"罪案數字比較\"",
            "\"name\": \"\\ud860\\udee2𨋢\"",
        )
        .replace(
            "\"release_date\": \"10/2016\"",
            "\"release_date\": \"𨋢2/2015\"",
        );
    let document = Document::parse("p.json", &text);
    let diagnostics = lint::check_document(&document);
    assert_eq!(common::codes(&diagnostics), vec!["D001"]);
    let line = text.lines().find(|l| l.contains("𨋢2/2015")).unwrap();
    let position = document.position(diagnostics[0].span.start);
    // The span starts at the opening quote; columns count characters, so 𨋢 is one column.
    let quote = line.find("\"𨋢2/2015\"").unwrap();
    let expected = line[..quote].chars().count() + 1;
    assert_eq!(position.column, expected, "{line}");
}
