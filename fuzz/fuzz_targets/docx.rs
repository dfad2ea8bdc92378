//! Any bytes read as a Word document: as the zip itself when they start like one, else as its
//! `word/document.xml` (mutations of a zip rarely pass its checksums, so the XML is where the
//! reader's logic is reached; the same bytes are its numbering and styles too, whose elements
//! have names of their own, so one input can number its own paragraphs). No panic; every place inside the rendering; every character
//! accounted for; the YAML written always loads back as one document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odplint::document::Document;
use odplint::import::build::{build_accounted, placed_characters};
use odplint::import::layout::counted;
use odplint::import::{Metadata, docx, to_yaml};

fuzz_target!(|data: &[u8]| {
    let read = if data.starts_with(b"PK") {
        docx::read(data)
    } else {
        docx::parse_with(data, Some(data), Some(data))
    };
    let Ok(read) = read else {
        return;
    };
    let (imported, accounts) = build_accounted(&read.layout, &Metadata::default(), read.anchors);
    for diagnostic in &imported.diagnostics {
        assert!(diagnostic.span.end <= read.rendering.len());
        assert!(read.rendering.is_char_boundary(diagnostic.span.start));
        assert!(read.rendering.is_char_boundary(diagnostic.span.end));
    }
    let input: usize = read.layout.pieces().map(counted).sum();
    let placed: usize = accounts.iter().map(|account| account.placed).sum();
    let other: usize = accounts
        .iter()
        .map(|account| account.structure + account.reported)
        .sum();
    assert_eq!(placed, placed_characters(&imported.plan));
    assert_eq!(input, placed + other);
    let yaml = to_yaml(&imported.plan, "../../schemas/plan.schema.json");
    let reloaded = Document::parse("plan.yaml", &yaml);
    assert!(reloaded.problems.is_empty(), "{:?}\n{yaml}", reloaded.problems);
});
