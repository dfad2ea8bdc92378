//! Synthetic plans for benchmarks: a sound zh-Hant plan whose table D.ii holds `rows` datasets,
//! with one defect (a date without its leading zero) every `defect_every` rows when asked.

use std::fmt::Write;

// Each benchmark binary includes this module and uses some of its generators.
#[allow(dead_code)]
pub fn plan(rows: usize, defect_every: Option<usize>) -> String {
    let mut out = String::with_capacity(200 * rows + 1024);
    out.push_str(
        "format: odp-plan/1\norganisation: 香港警務處\nlanguage: zh-Hant\n\
         title: 2024-2026年度整合開放數據計劃（包含空間數據計劃）\nperiod: 2024-2026\npublished: 12/2023\nsections:\n",
    );
    let placeholder = "      rows:\n        - item: 1\n          category: 不適用\n";
    for section in ["A", "B", "C"] {
        let _ = write!(
            out,
            "  {section}:\n    spatial:\n{placeholder}    non_spatial:\n{placeholder}"
        );
    }
    let _ = write!(
        out,
        "  D:\n    spatial:\n{placeholder}    non_spatial:\n      rows:\n"
    );
    for index in 0..rows {
        let item = index + 1;
        let month = index % 12 + 1;
        let year = 2010 + index % 13;
        let date = match defect_every {
            Some(every) if index % every == 0 => format!("{month}/{year}"),
            _ => format!("{month:02}/{year}"),
        };
        let _ = write!(
            out,
            "        - item: {item}\n          category: 法律及保安\n          name: 數據集{item}\n\
             \x20         description: 以CSV格式列出第{item}項統計數字\n          release_date: {date}\n\
             \x20         frequency: 每年\n"
        );
    }
    out
}

/// A zh-Hant plan of `rows` datasets spread as a year's round finds them: a fifth in A.ii (due in
/// 2024), a fifth in B.ii (half due in 2025, half in 2026), the rest released in D.ii, so that
/// `next` moves rows in every direction and `render` lays out every section.
#[allow(dead_code)]
pub fn round_plan(rows: usize) -> String {
    let mut out = String::with_capacity(200 * rows + 2048);
    out.push_str(
        "format: odp-plan/1\norganisation: 香港警務處\nlanguage: zh-Hant\n\
         title: 2024-2026年度整合開放數據計劃（包含空間數據計劃）\nperiod: 2024-2026\npublished: 12/2023\nsections:\n",
    );
    let placeholder = "      rows:\n        - item: 1\n          category: 不適用\n";
    let in_a = rows / 5;
    let in_b = rows / 5;
    let in_d = rows - in_a - in_b;
    // Targets in A fall in 2024; in B half in 2025, half in 2026; releases in D over 2010-2022.
    let date = |section: &str, index: usize| -> String {
        let month = index % 12 + 1;
        let year = match section {
            "A" => 2024,
            "B" => 2025 + index % 2,
            _ => 2010 + index % 13,
        };
        format!("{month:02}/{year}")
    };
    for (key, count, offset) in [
        ("A", in_a, 0),
        ("B", in_b, in_a),
        ("C", 0, 0),
        ("D", in_d, in_a + in_b),
    ] {
        let _ = write!(
            out,
            "  {key}:\n    spatial:\n{placeholder}    non_spatial:\n"
        );
        if count == 0 {
            out.push_str(placeholder);
            continue;
        }
        out.push_str("      rows:\n");
        for index in 0..count {
            let item = index + 1;
            let n = offset + index;
            let _ = write!(
                out,
                "        - item: {item}\n          category: 法律及保安\n          name: 數據集{n}\n\
                 \x20         description: 以CSV格式列出第{n}項統計數字\n          release_date: {}\n\
                 \x20         frequency: 每年\n",
                date(key, index)
            );
        }
    }
    out
}

/// One plan of an audit pair: `rows` promises in table A.ii (names `數據集N統計` in zh-Hant,
/// `Statistics of dataset N` in English; with `renamed`, a word added so that only similar
/// names match) and as many releases in D.ii, for the period that starts in `first_year`.
#[allow(dead_code)]
pub fn audit_plan(rows: usize, english: bool, first_year: u32, renamed: bool) -> String {
    let (language, organisation, category, frequency, placeholder_category) = if english {
        (
            "en",
            "Hong Kong Police Force",
            "Law and Security",
            "Annually",
            "N/A",
        )
    } else {
        ("zh-Hant", "香港警務處", "法律及保安", "每年", "不適用")
    };
    let period = format!("{first_year}-{}", first_year + 2);
    let mut out = String::with_capacity(220 * rows * 2 + 1024);
    let _ = write!(
        out,
        "format: odp-plan/1\norganisation: {organisation}\nlanguage: {language}\n\
         title: {period} plan\nperiod: {period}\npublished: 12/{}\nsections:\n",
        first_year - 1
    );
    let placeholder =
        format!("      rows:\n        - item: 1\n          category: {placeholder_category}\n");
    let table = |out: &mut String, kind: &str, offset: usize| {
        let _ = write!(out, "    {kind}:\n      rows:\n");
        for index in 0..rows {
            let item = index + 1;
            let number = index + offset;
            let name = match (english, renamed) {
                (true, false) => format!("Statistics of dataset {number}"),
                (true, true) => format!("Statistics of dataset {number} (revised)"),
                (false, false) => format!("數據集{number}統計"),
                (false, true) => format!("數據集{number}統計資料"),
            };
            let month = index % 12 + 1;
            let _ = write!(
                out,
                "        - item: {item}\n          category: {category}\n          name: {name}\n\
                 \x20         release_date: {month:02}/{}\n          frequency: {frequency}\n",
                first_year + (index % 3) as u32
            );
        }
    };
    let _ = write!(out, "  A:\n    spatial:\n{placeholder}");
    table(&mut out, "non_spatial", 0);
    for section in ["B", "C"] {
        let _ = write!(
            out,
            "  {section}:\n    spatial:\n{placeholder}    non_spatial:\n{placeholder}"
        );
    }
    let _ = write!(out, "  D:\n    spatial:\n{placeholder}");
    table(&mut out, "non_spatial", rows);
    out
}
