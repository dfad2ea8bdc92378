//! Synthetic plans for benchmarks: a sound zh-Hant plan whose table D.ii holds `rows` datasets,
//! with one defect (a date without its leading zero) every `defect_every` rows when asked.

use std::fmt::Write;

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
