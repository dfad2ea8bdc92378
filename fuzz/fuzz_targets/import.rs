//! Any bytes imported as published text and as CSV: no panic, findings inside the text, and the
//! YAML written for what could be placed always loads back as one document.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odplint::document::{Document, SourceKind};
use odplint::import::{InputFormat, Metadata, import, to_yaml};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [InputFormat::Text, InputFormat::Csv] {
        let document = Document::parse_as("plan.txt", text, SourceKind::Text);
        let metadata = Metadata {
            organisation: Some("機構".into()),
            title: Some("2024-2026年度開放數據計劃".into()),
            published: Some("12/2023".into()),
            ..Metadata::default()
        };
        let imported = import(&document, format, &metadata, false);
        for diagnostic in &imported.diagnostics {
            assert!(diagnostic.span.end <= document.text.len());
        }
        let yaml = to_yaml(&imported.plan, "../../schemas/plan.schema.json");
        let reloaded = Document::parse("plan.yaml", &yaml);
        assert!(
            reloaded.problems.is_empty(),
            "the written YAML does not load: {:?}\n{yaml}",
            reloaded.problems
        );
    }
});
