//! Any text read by the direct YAML and JSON readers: each declines it or reads exactly the tree
//! the general path reads (saphyr's events, jsonc-parser's syntax tree), spans included.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        odplint::document::assert_readers_agree(text);
    }
});
