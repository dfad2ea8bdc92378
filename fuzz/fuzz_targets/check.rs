//! Any bytes, read as YAML and as JSON, loaded and checked: no panic, positions inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odplint::document::Document;
use odplint::lint;

fuzz_target!(|data: &[u8]| {
    for name in ["plan.yaml", "plan.json"] {
        let document = Document::from_bytes(name, data);
        for diagnostic in lint::check_document(&document) {
            assert!(diagnostic.span.start <= diagnostic.span.end);
            assert!(diagnostic.span.end <= document.text.len());
            let _ = document.position(diagnostic.span.start);
            let _ = diagnostic.message.render(odplint::messages::Lang::En);
        }
    }
});
