//! Any bytes fixed with every fix allowed: the result parses whenever the input did, it reads as
//! the original with exactly the fixes' intended changes made (the re-parse oracle), and a second
//! fix changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odplint::config::Config;
use odplint::document::Document;
use odplint::fix::verify::expected_value;
use odplint::fix::{FixMode, file_bytes, fix_document};
use odplint::policy::Policy;

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let policy = Policy {
        config: &config,
        select: None,
        ignore: &[],
    };
    for mode in [FixMode::Safe, FixMode::Unsafe] {
        let document = Document::from_bytes("plan.yaml", data);
        let original = document.value();
        let fixed = fix_document(document, &policy, mode);
        let Some(original) = original else {
            // Nothing is edited in a file that does not load (its text may even be a lossy
            // decoding of invalid UTF-8, which must never be written back).
            assert!(!fixed.changed, "an unparseable file was changed");
            return;
        };
        let once = file_bytes(&fixed.document);
        // Re-read from the bytes that would be written, not from the fixer's own parse.
        let reread = Document::from_bytes("plan.yaml", &once);
        let Some(value) = reread.value() else {
            panic!("a fix broke the file");
        };
        let mut expected = original;
        for effects in &fixed.applied {
            expected = expected_value(&expected, effects).expect("an intended change has a place");
        }
        assert_eq!(value, expected, "the fixed file reads otherwise than the fixes intend");
        // Only a run cut short by the pass limit may leave work for a second one.
        if fixed.passes == odplint::fix::MAX_PASSES {
            continue;
        }
        let again = fix_document(Document::from_bytes("plan.yaml", &once), &policy, mode);
        assert_eq!(
            file_bytes(&again.document),
            once,
            "a second fix changed the file"
        );
    }
});
