//! A plan with one value of the wrong type is one S003, and every other finding of the plan is
//! still reported: the typed plan is built part by part, and each rule checks what it can read.

mod common;

use odplint::lint;

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

fn sorted_codes(name: &str, text: &str) -> Vec<&'static str> {
    let (_, diagnostics) = lint::check_text(name, text);
    let mut codes = common::codes(&diagnostics);
    codes.sort_unstable();
    codes
}

/// The seed with one exact piece of text replaced (it must occur exactly once).
fn with(old: &str, new: &str) -> String {
    assert_eq!(SEED.matches(old).count(), 1, "{old}");
    SEED.replace(old, new)
}

#[test]
fn one_wrongly_typed_value_is_one_s003_and_hides_nothing() {
    let mut expected = sorted_codes("seed.yaml", SEED);
    assert_eq!(expected.len(), 5, "the seed's five published defects");
    expected.push("S003");
    expected.sort_unstable();

    let first_item = SEED.find("item: 1").unwrap();
    let quoted_item = format!(
        "{}item: \"1\"{}",
        &SEED[..first_item],
        &SEED[first_item + "item: 1".len()..]
    );
    let cases = [
        ("a quoted item", quoted_item),
        (
            "a number as a dataset name",
            with("name: 員額\n", "name: 5\n"),
        ),
        (
            "a list as a description",
            with(
                "description: 以JSON格式表格列出有關編制及實際人數數字\n",
                "description: [以JSON格式表格列出有關編制及實際人數數字]\n",
            ),
        ),
        (
            "a year as a number",
            with("period: 2024-2026\n", "period: 2024\n"),
        ),
        (
            "a publication date as a number",
            with("published: 12/2023\n", "published: 122023\n"),
        ),
        (
            "a category as a mapping",
            with(
                "          name: 員額\n",
                "          name: 員額\n          organisation: {a: 1}\n",
            ),
        ),
        (
            "a number as a category",
            with(
                "category: 法律及保安\n          name: 員額",
                "category: 5\n          name: 員額",
            ),
        ),
        (
            "parts as text",
            with(
                "          parts:\n            - description: 以JSON格式列出各警察總區按月統計的交通意外 數字及各警察總區按月統計的交通意外傷亡數字\n              frequency: 每月\n            - description: 以JSON格式列出交通意外數字趨勢、交通意外傷亡數字趨勢、上半年交通報告及交通年報\n              frequency: 每年\n",
                "          description: 以JSON格式列出各警察總區按月統計的交通意外 數字\n          frequency: 每月\n          parts: 2\n",
            ),
        ),
    ];
    for (what, text) in cases {
        assert_eq!(sorted_codes("plan.yaml", &text), expected, "{what}");
    }
}

#[test]
fn an_unreadable_table_or_section_is_one_s003_without_placeholder_findings() {
    let mut expected = sorted_codes("seed.yaml", SEED);
    expected.push("S003");
    expected.sort_unstable();
    let section_b = SEED.find("  B:\n").unwrap();
    let section_c = SEED.find("  C:\n").unwrap();
    let without_b = format!("{}{}", &SEED[..section_b], &SEED[section_c..]);
    let rows_as_text = format!(
        "{}  B:\n    title: 在 2025 年及 2026 年發放的局／部門數據集\n    spatial:\n      rows: 不適用\n    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n{}",
        &SEED[..section_b],
        &SEED[section_c..]
    );
    for (what, text) in [("no section B", without_b), ("rows as text", rows_as_text)] {
        assert_eq!(sorted_codes("plan.yaml", &text), expected, "{what}");
    }
}

#[test]
fn a_row_that_is_not_a_mapping_keeps_the_others_in_place() {
    let text = with(
        "        - item: 8\n          category: 法律及保安\n          name: 懸紅",
        "        - 不是一行\n        - item: 9\n          category: 法律及保安\n          name: 一\n          description: 以CSV格式列出\n          release_date: 03/2019\n          frequency: 每年\n        - item: 8\n          category: 法律及保安\n          name: 懸紅",
    );
    let (_, diagnostics) = lint::check_text("plan.yaml", &text);
    // The string row is the schema's; the item out of step after it is N001's, at its place.
    let s003: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.code == "S003")
        .map(|d| d.pointer.as_str())
        .collect();
    assert_eq!(s003, ["/sections/D/non_spatial/rows/7"]);
    let n001: Vec<_> = diagnostics
        .iter()
        .filter(|d| d.rule.code == "N001")
        .map(|d| d.pointer.as_str())
        .collect();
    // Rows 7 and 8 are in step (the string row keeps its place); item 8 at row 9 is not.
    assert_eq!(n001, ["/sections/D/non_spatial/rows/9/item"]);
}
