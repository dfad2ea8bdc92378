//! Property tests of `fix`: plans built with random fixable defects, random comments, line ends
//! and a byte-order mark. Fixing must give back exactly the sound plan (so every byte outside the
//! edits is unchanged and no fixable finding remains), and fixing again must change nothing.

use odplint::config::Config;
use odplint::document::Document;
use odplint::fix::{FixMode, file_bytes, fix_document};
use odplint::lint;
use odplint::policy::Policy;
use proptest::prelude::*;

/// One dataset row and the defects planted in it.
#[derive(Debug, Clone)]
struct RowSpec {
    month: u32,
    year: u32,
    frequency: usize,
    date_defect: u8,
    frequency_defect: bool,
    category_defect: bool,
    description_defects: [bool; 3],
    comment: Option<String>,
}

/// Sound and defective spellings of the same frequency (the defect is F002 or F003).
const FREQUENCIES: [(&str, &str); 4] = [
    ("每年", "每年一次"),
    ("每月", "Monthly"),
    ("每三個月及有需要時", "每3個月及有需要時"),
    ("每季", "Quarterly"),
];

fn row_strategy() -> impl Strategy<Value = RowSpec> {
    (
        1u32..=12,
        2010u32..=2022,
        0..FREQUENCIES.len(),
        0u8..3,
        any::<bool>(),
        any::<bool>(),
        any::<[bool; 3]>(),
        proptest::option::of("[a-z 數據]{0,12}"),
    )
        .prop_map(
            |(
                month,
                year,
                frequency,
                date_defect,
                frequency_defect,
                category_defect,
                description_defects,
                comment,
            )| {
                RowSpec {
                    month,
                    year,
                    frequency,
                    date_defect,
                    frequency_defect,
                    category_defect,
                    description_defects,
                    comment,
                }
            },
        )
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            '/' => '／',
            other => other,
        })
        .collect()
}

/// The plan text, sound (`defective == false`) or with every planted defect.
fn plan(
    rows: &[RowSpec],
    item_offset: usize,
    placeholder_defect: bool,
    defective: bool,
    crlf: bool,
    bom: bool,
) -> String {
    let mut text = String::new();
    if bom {
        text.push('\u{feff}');
    }
    text.push_str("# generated plan\nformat: odp-plan/1\norganisation: 香港警務處  # 機構\nlanguage: zh-Hant\n");
    text.push_str("title: 2024-2026年度整合開放數據計劃（包含空間數據計劃）\nperiod: 2024-2026\npublished: 12/2023\nsections:\n");
    for section in ["A", "B", "C", "D"] {
        text.push_str(&format!("  {section}:\n"));
        let placeholder = if defective && placeholder_defect && section == "A" {
            "N.A."
        } else {
            "不適用"
        };
        text.push_str(&format!(
            "    spatial:\n      rows:\n        - item: 1\n          category: {placeholder}\n"
        ));
        if section != "D" {
            text.push_str(
                "    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n",
            );
        }
    }
    text.push_str("    non_spatial:\n      rows:\n");
    for (index, row) in rows.iter().enumerate() {
        let item = if defective {
            index + 1 + item_offset
        } else {
            index + 1
        };
        let sound_date = format!("{:02}/{}", row.month, row.year);
        let date = match (defective, row.date_defect) {
            (true, 1) => format!("{}/{}", row.month, row.year),
            (true, 2) => full_width(&sound_date),
            _ => sound_date,
        };
        let (sound_frequency, variant) = FREQUENCIES[row.frequency];
        let frequency = if defective && row.frequency_defect {
            variant
        } else {
            sound_frequency
        };
        let category = if defective && row.category_defect {
            "Law and Security"
        } else {
            "法律及保安"
        };
        let [space, simplified, bracket] = row.description_defects.map(|d| d && defective);
        let description = format!(
            "以CSV格式列出甲{}乙{}據及年度報告（年報{}",
            if space { " " } else { "" },
            if simplified { "数" } else { "數" },
            if bracket { ")" } else { "）" },
        );
        let comment = row
            .comment
            .as_ref()
            .map(|c| format!("  # {c}"))
            .unwrap_or_default();
        text.push_str(&format!(
            "        - item: {item}{comment}\n          category: {category}\n          name: 數據集{index}\n          description: {description}\n          release_date: {date}{comment}\n          frequency: {frequency}\n"
        ));
    }
    if crlf {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn fix(text: &str) -> String {
    let config = Config::default();
    let policy = Policy::of_config(&config);
    let document = Document::from_bytes("plan.yaml", text.as_bytes());
    let fixed = fix_document(document, &policy, FixMode::Unsafe);
    String::from_utf8(file_bytes(&fixed.document)).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn fixing_restores_exactly_the_sound_plan(
        rows in proptest::collection::vec(row_strategy(), 1..6),
        item_offset in 0usize..3,
        placeholder_defect in any::<bool>(),
        crlf in any::<bool>(),
        bom in any::<bool>(),
    ) {
        let sound = plan(&rows, item_offset, placeholder_defect, false, crlf, bom);
        let defective = plan(&rows, item_offset, placeholder_defect, true, crlf, bom);
        let document = Document::from_bytes("plan.yaml", sound.as_bytes());
        let findings: Vec<_> = lint::check_document(&document).iter().map(|d| d.rule.code).collect();
        prop_assert!(findings.is_empty(), "the sound plan has findings: {:?}", findings);

        let planted = item_offset > 0
            || placeholder_defect
            // Dropping the month's leading zero plants nothing in October to December.
            || rows.iter().any(|r| r.date_defect == 2 || (r.date_defect == 1 && r.month < 10) || r.frequency_defect || r.category_defect || r.description_defects.contains(&true));
        prop_assert_eq!(planted, defective != sound, "the generator planted nothing it reported");

        let fixed = fix(&defective);
        prop_assert_eq!(&fixed, &sound);
        prop_assert_eq!(fix(&fixed), fixed.clone(), "a second fix changed the file");
        let after = Document::from_bytes("plan.yaml", fixed.as_bytes());
        let remaining: Vec<_> = lint::check_document(&after).iter().filter(|d| d.fix.is_some()).map(|d| d.rule.code).collect();
        prop_assert!(remaining.is_empty(), "fixable findings remain: {:?}", remaining);
    }
}
