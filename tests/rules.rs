//! Rule fixtures: `tests/fixtures/rules/<CODE>/fail-*.{yaml,json}` must give findings of that code
//! only (snapshotted as rendered), `pass*` files none; every fix in them must repair its finding.

mod common;

use std::fs;

use odplint::fix::apply_edits;
use odplint::registry;
use odplint::report::Format;
use odplint::rules;

#[test]
fn every_rule_has_failing_and_passing_fixtures() {
    let files = common::rule_fixtures();
    for rule in rules::ALL {
        let of_rule: Vec<_> = files.iter().filter(|(code, _)| code == rule.code).collect();
        let name = |p: &std::path::PathBuf| p.file_name().unwrap().to_string_lossy().to_string();
        assert!(
            of_rule.iter().any(|(_, p)| name(p).starts_with("fail")),
            "{} has no failing fixture",
            rule.code
        );
        assert!(
            of_rule.iter().any(|(_, p)| name(p).starts_with("pass")),
            "{} has no passing fixture",
            rule.code
        );
    }
    for (code, _) in &files {
        assert!(
            registry::find(code).is_some(),
            "fixture folder {code} names no rule"
        );
    }
}

/// A passing fixture tests the near-miss its rule must accept (tools/gen_rule_pass_fixtures.py),
/// so none may be the base plan again, nor a copy of another rule's passing fixture.
#[test]
fn every_passing_fixture_is_a_case_of_its_own() {
    let body = |text: &str| -> String {
        text.lines()
            .filter(|line| !line.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let base = body(&fs::read_to_string(common::fixtures().join("base.yaml")).unwrap());
    let mut seen: std::collections::HashMap<String, std::path::PathBuf> = Default::default();
    for (_, path) in common::rule_fixtures() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if !stem.starts_with("pass") {
            continue;
        }
        let text = body(&fs::read_to_string(&path).unwrap());
        assert_ne!(text, base, "{} is the base plan again", path.display());
        if let Some(earlier) = seen.insert(text, path.clone()) {
            panic!("{} repeats {}", path.display(), earlier.display());
        }
    }
}

#[test]
fn failing_fixtures_give_their_own_code_and_passing_ones_nothing() {
    for (code, path) in common::rule_fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let name = common::display(&path);
        let report = common::check(&name, &text);
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        if stem.starts_with("pass") {
            assert!(
                report.diagnostics.is_empty(),
                "{name}: {:?}",
                common::codes(&report.diagnostics)
            );
            continue;
        }
        assert!(!report.diagnostics.is_empty(), "{name} gives no finding");
        for code_found in common::codes(&report.diagnostics) {
            assert_eq!(code_found, code, "{name} gives {code_found}");
        }
        let extension = path.extension().unwrap().to_string_lossy().to_string();
        let rendered = common::render(Format::Human, std::slice::from_ref(&report));
        insta::assert_snapshot!(format!("{code}-{stem}-{extension}"), rendered);
    }
}

#[test]
fn every_fix_repairs_its_finding_and_leaves_the_file_parseable() {
    let mut fixes_seen = 0;
    for (code, path) in common::rule_fixtures() {
        let text = fs::read_to_string(&path).unwrap();
        let name = common::display(&path);
        let report = common::check(&name, &text);
        for diagnostic in &report.diagnostics {
            let Some(fix) = &diagnostic.fix else {
                continue;
            };
            fixes_seen += 1;
            let rule = registry::find(&code).unwrap();
            // The two axes agree: a rule declared without fixes offers none, and each fix is
            // as safe as its rule says.
            assert_eq!(
                Some(fix.applicability),
                rule.fix.applicability(),
                "{name}: {code} offers a {:?} fix but is declared {:?}",
                fix.applicability,
                rule.fix
            );
            let edits: Vec<_> = fix.edits.iter().collect();
            let (fixed, skipped) = apply_edits(&report.document.text, &edits);
            assert_eq!(skipped, 0, "{name}");
            let after = common::check(&name, &fixed);
            assert!(
                after.document.problems.is_empty(),
                "{name}: the fix broke the file:\n{fixed}"
            );
            let remaining: Vec<_> = after
                .diagnostics
                .iter()
                .filter(|d| d.rule.code == code && d.pointer == diagnostic.pointer)
                .collect();
            assert!(
                remaining.is_empty(),
                "{name}: the fix left {remaining:?}\n{fixed}"
            );
            // A second pass has nothing left to change at the same place.
            let again = after
                .diagnostics
                .iter()
                .filter(|d| {
                    d.fix.is_some() && d.rule.code == code && d.pointer == diagnostic.pointer
                })
                .count();
            assert_eq!(again, 0, "{name}");
        }
    }
    assert!(fixes_seen >= 8, "only {fixes_seen} fixes were exercised");
}
