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
