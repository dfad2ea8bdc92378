//! Nothing the user wrote is changed unasked: fixes that YAML would read otherwise are quoted or
//! refused (re-parse oracle), aliases and repeated keys are respected.

mod common;

use odplint::config::Config;
use odplint::document::Document;
use odplint::fix::{FixMode, Fixed, RefusedBecause, file_bytes, fix_document};
use odplint::policy::Policy;
use serde_json::{Value, json};

const BASE: &str = include_str!("fixtures/base.yaml");
const BASE_EN: &str = include_str!("fixtures/rules/F003/fail-chinese-in-english.yaml");

fn fix(text: &str, mode: FixMode) -> (Fixed, String) {
    let config = Config::default();
    let policy = Policy::of_config(&config);
    let fixed = fix_document(Document::parse("plan.yaml", text), &policy, mode);
    let out = String::from_utf8(file_bytes(&fixed.document)).unwrap();
    (fixed, out)
}

fn value(text: &str) -> Value {
    Document::parse("plan.yaml", text)
        .value()
        .expect("the text parses")
}

/// The fixed text reads as the original with exactly `changes` made.
fn assert_reads(before: &str, after: &str, changes: &[(&str, Value)]) {
    let mut expected = value(before);
    for (pointer, new) in changes {
        *expected.pointer_mut(pointer).unwrap() = new.clone();
    }
    assert_eq!(value(after), expected, "fixed text:\n{after}");
}

const NAME: &str = "/sections/D/non_spatial/rows/0/name";

#[test]
fn stray_spaces_become_spaces_that_yaml_still_reads_as_text() {
    for (stray, normalised) in [
        ("Form\u{a0}#12 數據", "Form #12 數據"),
        ("Form\u{3000}#12", "Form #12"),
        ("Form\u{2028}#12", "Form #12"),
    ] {
        let before = BASE.replace("name: 罪案數字比較", &format!("name: {stray}"));
        let (fixed, after) = fix(&before, FixMode::Safe);
        assert!(fixed.changed, "{stray:?}");
        assert_reads(&before, &after, &[(NAME, json!(normalised))]);
    }
}

#[test]
fn a_stripped_leading_space_never_turns_a_cell_into_another_type() {
    for rest in [
        "[a, b]", "'q'", "&x v", "true", "2015", "|", "#", "{a}", "null", "*x", "- a", "%x", "@x",
        "`x",
    ] {
        let before = BASE.replace("name: 罪案數字比較", &format!("name: \u{3000}{rest}"));
        assert!(
            Document::parse("plan.yaml", &before).problems.is_empty(),
            "{rest}"
        );
        let (_, after) = fix(&before, FixMode::Safe);
        assert_reads(&before, &after, &[(NAME, json!(rest))]);
    }
}

#[test]
fn a_frequency_written_into_a_flow_mapping_is_quoted() {
    let before = BASE_EN.replace(
        "      parts:\n",
        "      parts:\n            - {description: Weekly counts, in CSV, frequency: 每星期一、三及五}\n",
    );
    let before = before.replace(
        "            - {description: Weekly counts, in CSV,",
        "            - {description: 'Weekly counts, in CSV',",
    );
    let doc = Document::parse("plan.yaml", &before);
    assert!(doc.problems.is_empty(), "{:?}", doc.problems);
    let (fixed, after) = fix(&before, FixMode::Safe);
    assert!(fixed.changed);
    assert_reads(
        &before,
        &after,
        &[
            (
                "/sections/D/non_spatial/rows/1/parts/0/frequency",
                json!("Every Monday, Wednesday and Friday"),
            ),
            (
                "/sections/D/non_spatial/rows/0/frequency",
                json!("Annually and as and when necessary"),
            ),
        ],
    );
}

#[test]
fn a_placeholder_row_never_lands_in_a_kept_block_scalar() {
    let before = BASE.replace(
        "    spatial:\n      rows:\n        - item: 1\n          category: 不適用\n    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n  D:",
        "    spatial:\n      note: |+\n        未有計劃\n\n\n    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n  D:",
    );
    let note = value(&before)["sections"]["C"]["spatial"]["note"].clone();
    assert_eq!(note, json!("未有計劃\n\n\n"));
    let (fixed, after) = fix(&before, FixMode::Unsafe);
    assert!(
        fixed.changed,
        "{:?} {:?}",
        fixed.refused,
        common::codes(&fixed.remaining)
    );
    let mut expected = value(&before);
    expected["sections"]["C"]["spatial"]["rows"] = json!([{"item": 1, "category": "不適用"}]);
    assert_eq!(value(&after), expected, "{after}");
}

#[test]
fn an_allow_inside_the_block_scalar_of_a_repeated_key_is_text_not_a_comment() {
    let before = BASE.replace(
        "period: 2024-2026\n",
        "period: 2024-2026\nsummary: |\n  first\nsummary: |\n  text # odplint: allow D001\n",
    );
    let (_, after) = fix(&before, FixMode::Safe);
    assert!(
        after.contains("text # odplint: allow D001"),
        "the repeated key's text was edited:\n{after}"
    );
}

#[test]
fn items_behind_aliases_are_reported_at_the_alias_and_never_edited_through_the_anchor() {
    // The anchored row is the second of D.ii (numbered 3); an alias repeats it as a third row.
    let before = append_alias_row(&BASE.replace(
        "        - item: 2\n          category: 法律及保安\n          name: 交通統計數字",
        "        - &row\n          item: 3\n          category: 法律及保安\n          name: 交通統計數字",
    ));
    let (fixed, after) = fix(&before, FixMode::Unsafe);
    // Never the 1/2 flip: nothing is "fixed" that is not, and the anchor is left alone.
    assert_reads(&before, &after, &[]);
    assert!(fixed.passes < odplint::fix::MAX_PASSES);
    assert!(
        fixed
            .refused
            .iter()
            .any(|r| r.code == "N001" && r.reason == RefusedBecause::SharedAnchor),
        "{:?}",
        fixed.refused
    );
    assert!(!fixed.fixed.iter().any(|(code, _)| *code == "N001"));
}

/// Adds `- *row` after the last row of D.ii.
fn append_alias_row(text: &str) -> String {
    let marker = "              frequency: 每年\n";
    let at = text.find(marker).unwrap() + marker.len();
    format!("{}        - *row\n{}", &text[..at], &text[at..])
}

#[test]
fn a_finding_on_an_alias_points_at_the_alias() {
    let before = append_alias_row(&BASE.replace(
        "        - item: 2\n          category: 法律及保安\n          name: 交通統計數字",
        "        - &row\n          item: 2\n          category: 法律及保安\n          name: 交通統計數字",
    ));
    let report = common::check("plan.yaml", &before);
    let n001 = report
        .diagnostics
        .iter()
        .find(|d| d.rule.code == "N001")
        .expect("rows 1, 2, 2 are out of step");
    assert_eq!(&before[n001.span.clone()], "*row");
}

#[test]
fn the_fix_summary_says_which_fix_was_not_applied() {
    let before = append_alias_row(&BASE.replace(
        "        - item: 2\n          category: 法律及保安\n          name: 交通統計數字",
        "        - &row\n          item: 3\n          category: 法律及保安\n          name: 交通統計數字",
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    std::fs::write(&path, &before).unwrap();
    let output = assert_cmd::Command::cargo_bin("odplint")
        .unwrap()
        .args(["fix", "--unsafe-fixes", "--lang", "en"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("the N001 fix was not applied"), "{stdout}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}
