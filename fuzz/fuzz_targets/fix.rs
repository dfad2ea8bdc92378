//! Any bytes fixed with every fix allowed: the result parses whenever the input did, and a second
//! fix changes nothing.
#![no_main]

use libfuzzer_sys::fuzz_target;
use odplint::config::Config;
use odplint::document::Document;
use odplint::fix::{FixMode, file_bytes, fix_document};
use odplint::policy::Policy;

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    let policy = Policy {
        config: &config,
        select: None,
        ignore: &[],
    };
    let document = Document::from_bytes("plan.yaml", data);
    let parsed = document.value.is_some();
    let fixed = fix_document(document, &policy, FixMode::Unsafe);
    if !parsed {
        // Nothing is edited in a file that does not load (its text may even be a lossy
        // decoding of invalid UTF-8, which must never be written back).
        assert!(!fixed.changed, "an unparseable file was changed");
        return;
    }
    assert!(fixed.document.value.is_some(), "a fix broke the file");
    let once = file_bytes(&fixed.document);
    let again = fix_document(
        Document::from_bytes("plan.yaml", &once),
        &policy,
        FixMode::Unsafe,
    );
    // Only a run cut short by the pass limit may leave work for a second one.
    if fixed.passes == odplint::fix::MAX_PASSES {
        return;
    }
    assert_eq!(
        file_bytes(&again.document),
        once,
        "a second fix changed the file"
    );
});
