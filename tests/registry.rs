//! The registry and the documentation on each rule: the failing example of every rule yields
//! exactly its own code and the passing one nothing, once set into the sound base plan.

mod common;

use odplint::document::Document;
use odplint::rules::{self, DOC_HEADINGS, syntax};

/// The codes the example yields: load-stage rules judge the fragment's own text, the others the
/// base plan with the fragment set into it.
fn codes_of_example(example: &str) -> Vec<&'static str> {
    let fragment = Document::parse("example.yaml", example);
    if !fragment.problems.is_empty() {
        return common::codes(&syntax::load_diagnostics(&fragment));
    }
    let base_text = std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap();
    if example.contains('#') {
        // Comments live only in the text: replace the base's lines of the same top-level keys.
        let mut text = base_text.clone();
        for line in example.lines() {
            let key = line.split(':').next().unwrap();
            let old = base_text
                .lines()
                .find(|l| l.starts_with(&format!("{key}:")))
                .unwrap();
            text = text.replace(&format!("{old}\n"), &format!("{line}\n"));
        }
        return common::codes(&common::check("example.yaml", &text).diagnostics);
    }
    let mut plan = Document::parse("base.yaml", &base_text).value.unwrap();
    common::merge(&mut plan, fragment.value.as_ref().unwrap());
    let report = common::check(
        "example.json",
        &serde_json::to_string_pretty(&plan).unwrap(),
    );
    common::codes(&report.diagnostics)
}

#[test]
fn documented_examples_behave_as_documented() {
    for rule in rules::ALL {
        let failing = rule.doc_example(DOC_HEADINGS[2]).unwrap();
        let codes = codes_of_example(&failing);
        common::assert_failing_example(rule.code, &codes);
        let passing = rule.doc_example(DOC_HEADINGS[3]).unwrap();
        let codes = codes_of_example(&passing);
        common::assert_passing_example(rule.code, &codes);
    }
}

#[test]
fn the_catalogue_lists_the_implemented_rules_with_stable_codes() {
    let listed: Vec<(&str, &str)> = rules::ALL.iter().map(|r| (r.code, r.name)).collect();
    let expected = [
        ("S001", "syntax-error"),
        ("S002", "duplicate-key"),
        ("S003", "schema-violation"),
        ("S004", "unsupported-format"),
        ("M001", "invalid-period"),
        ("M002", "published-late"),
        ("M003", "title-period-mismatch"),
        ("D001", "date-format"),
        ("D002", "target-outside-window"),
        ("D003", "release-after-publication"),
        ("D004", "target-already-past"),
        ("P001", "missing-placeholder"),
        ("P002", "placeholder-with-content"),
        ("P003", "placeholder-among-datasets"),
        ("P004", "placeholder-spelling"),
        ("N001", "item-sequence"),
    ];
    for pair in expected {
        assert!(
            listed.contains(&pair),
            "{pair:?} is missing from the registry"
        );
    }
}
