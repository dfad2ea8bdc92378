//! `odplint import`: the published police plan imports cell for cell into the plan in `plans/`,
//! other layouts (English, CSV, page breaks, line ends, BOM, blank lines) import as read, and
//! every line that cannot be placed is a located finding.

mod common;

use assert_cmd::Command;
use odplint::diagnostic::Severity;
use odplint::document::{Document, SourceKind};
use odplint::import::{
    self, DEFAULT_SCHEMA_PATH, Imported, InputFormat, Metadata, Part, Plan, Row, Table,
};
use odplint::lint;
use odplint::model::{Language, SectionKey, TableKind};
use odplint::registry;
use odplint::report::{FileReport, Format};
use odplint::rule::{self, DOC_HEADINGS};

const SEED_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/hkpf-2024-2026.txt"
));
const SEED_YAML: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/plans/hkpf/2024-2026.zh-Hant.yaml"
));
const ENGLISH_TEXT: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/english.txt"
));
const ENGLISH_CSV: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/english.csv"
));
const CHINESE_CSV: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/import/hkpf-2024-2026.zh-Hant.csv"
));

const HEADER: &str = "編號\t數據種類\t數據集名稱\t一般說明\t發放日期(月/年)\t更新頻率";

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    command
}

fn import_as(format: InputFormat, text: &str, metadata: &Metadata) -> (Document, Imported) {
    let document = Document::parse_as("input.txt", text, SourceKind::Text);
    let imported = import::import(&document, format, metadata, false);
    (document, imported)
}

fn import_text(text: &str) -> (Document, Imported) {
    import_as(InputFormat::Text, text, &Metadata::default())
}

fn csv_metadata() -> Metadata {
    Metadata {
        organisation: Some("香港警務處".to_string()),
        title: Some("2024-2026年度整合開放數據計劃（包含空間數據計劃）".to_string()),
        published: Some("12/2023".to_string()),
        ..Metadata::default()
    }
}

/// Each finding as (code, line, column) of its start in the input.
fn located(document: &Document, imported: &Imported) -> Vec<(&'static str, usize, usize)> {
    imported
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let at = document.position(diagnostic.span.start);
            (diagnostic.rule.code, at.line, at.column)
        })
        .collect()
}

fn table(plan: &Plan, section: SectionKey, kind: TableKind) -> &Table {
    let index = SectionKey::ALL.iter().position(|k| *k == section).unwrap();
    plan.sections[index]
        .as_ref()
        .and_then(|s| s.table(kind))
        .unwrap_or_else(|| panic!("no table {section:?} {kind:?}"))
}

fn row(item: u64, cells: [&str; 5], more_parts: &[(&str, &str)]) -> Row {
    let [category, name, description, release_date, frequency] = cells.map(str::to_string);
    Row {
        item,
        category,
        name,
        description,
        release_date,
        frequency,
        organisation: String::new(),
        more_parts: more_parts
            .iter()
            .map(|(description, frequency)| Part {
                description: description.to_string(),
                frequency: frequency.to_string(),
                release_date: String::new(),
            })
            .collect(),
        part_dates: false,
    }
}

fn all_rows(plan: &Plan) -> Vec<&Row> {
    plan.sections
        .iter()
        .flatten()
        .flat_map(|section| [section.spatial.as_ref(), section.non_spatial.as_ref()])
        .flatten()
        .flat_map(|table| &table.rows)
        .collect()
}

#[test]
fn the_seed_imports_byte_for_byte_into_the_plan_in_plans() {
    let (_, imported) = import_text(SEED_TEXT);
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    assert_eq!(
        import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH),
        SEED_YAML
    );
}

#[test]
fn the_seed_has_38_rows_six_of_them_placeholders() {
    let (_, imported) = import_text(SEED_TEXT);
    let plan = &imported.plan;
    let rows = all_rows(plan);
    assert_eq!(rows.len(), 38);
    let placeholders = rows
        .iter()
        .filter(|r| **r == &row(1, ["不適用", "", "", "", ""], &[]))
        .count();
    assert_eq!(placeholders, 6);
    assert_eq!(table(plan, SectionKey::D, TableKind::Spatial).rows.len(), 8);
    assert_eq!(
        table(plan, SectionKey::D, TableKind::NonSpatial).rows.len(),
        24
    );
    assert_eq!(plan.organisation, "香港警務處");
    assert_eq!(plan.language, Language::ZhHant);
    assert_eq!(
        plan.title,
        "2024-2026年度整合開放數據計劃（包含空間數據計劃）"
    );
    assert_eq!(plan.period, "2024-2026");
    assert_eq!(plan.published, "12/2023");
}

/// Read off the seed by hand, independently of the YAML in `plans/`.
#[test]
fn the_seed_cells_are_as_published() {
    let (_, imported) = import_text(SEED_TEXT);
    let plan = &imported.plan;
    let spatial = &table(plan, SectionKey::D, TableKind::Spatial).rows;
    assert_eq!(
        spatial[7],
        row(
            8,
            [
                "法律及保安",
                "專職報案中心",
                "專職報案中心位置",
                "12/2022",
                "當有更新數據時"
            ],
            &[]
        )
    );
    let non_spatial = table(plan, SectionKey::D, TableKind::NonSpatial);
    assert_eq!(
        non_spatial.note.as_deref(),
        Some("2022年及之前發布的數據集條目基於《2023-2025年度開放數據計劃》。")
    );
    let rows = &non_spatial.rows;
    assert_eq!(
        rows[0],
        row(
            1,
            [
                "法律及保安",
                "罪案數字比較",
                "以CSV格式的表格列出每年總體罪案、暴力罪案及一些罪案的比較",
                "10/2016",
                "每三個月及有需要時",
            ],
            &[]
        )
    );
    // Broken by a page break, with the header row repeated in between.
    assert_eq!(
        rows[1],
        row(
            2,
            [
                "法律及保安",
                "詳細罪案統計",
                "以CSV格式的圖表顯示總體罪案、暴力罪案及一些罪案（包括兇殺案、行劫案、爆竊案、傷人及嚴重毆打案、嚴重毒品罪行、刑事恐嚇案、強姦案、盜竊案、扒竊案、報失的車輛、詐騙案、三合會相關的罪案及被捕的青少年罪犯)",
                "10/2016",
                "每三個月及有需要時",
            ],
            &[]
        )
    );
    // One dataset, two resources; the stray space is published and kept.
    assert_eq!(
        rows[6],
        row(
            7,
            [
                "法律及保安",
                "交通統計數字",
                "以JSON格式列出各警察總區按月統計的交通意外 數字及各警察總區按月統計的交通意外傷亡數字",
                "5/2016",
                "每月",
            ],
            &[(
                "以JSON格式列出交通意外數字趨勢、交通意外傷亡數字趨勢、上半年交通報告及交通年報",
                "每年"
            )]
        )
    );
    assert_eq!(
        rows[23],
        row(
            24,
            [
                "法律及保安",
                "紀律人員及文職人員人數",
                "紀律人員及文職人員人數",
                "06/2021",
                "每月",
            ],
            &[]
        )
    );
}

#[test]
fn import_then_check_gives_exactly_the_published_defects() {
    let (_, imported) = import_text(SEED_TEXT);
    let yaml = import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH);
    let document = Document::parse("plans/hkpf/2024-2026.zh-Hant.yaml", &yaml);
    let found: Vec<(&str, usize, usize)> = lint::check_document(&document)
        .iter()
        .map(|d| {
            let at = document.position(d.span.start);
            (d.rule.code, at.line, at.column)
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("T006", 104, 125),
            ("D001", 117, 25),
            ("D001", 134, 25),
            ("T001", 136, 51),
            ("D001", 144, 25),
        ]
    );
}

#[test]
fn line_ends_a_bom_and_stray_blank_lines_change_nothing() {
    let expected = import::to_yaml(&import_text(SEED_TEXT).1.plan, DEFAULT_SCHEMA_PATH);
    let variants = [
        SEED_TEXT.replace('\n', "\r\n"),
        SEED_TEXT.replace('\n', "\r"),
        format!("\u{feff}{SEED_TEXT}"),
        format!("\n \n\t\t\n{}\n\n\n", SEED_TEXT.replace('\n', "\n\n")),
        SEED_TEXT.replace("\n\n", "\n \t \n"),
    ];
    for (index, text) in variants.iter().enumerate() {
        let (_, imported) = import_text(text);
        assert!(
            imported.diagnostics.is_empty(),
            "variant {index}: {:?}",
            imported.diagnostics
        );
        assert_eq!(
            import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH),
            expected,
            "variant {index}"
        );
    }
}

#[test]
fn the_english_layout_imports_with_its_own_headings_and_placeholders() {
    let (_, imported) = import_text(ENGLISH_TEXT);
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    let plan = &imported.plan;
    assert_eq!(plan.language, Language::En);
    assert_eq!(plan.organisation, "Hong Kong Police Force");
    assert_eq!(plan.period, "2024-2026");
    assert_eq!(plan.published, "12/2023");
    assert_eq!(
        table(plan, SectionKey::A, TableKind::Spatial).rows,
        vec![row(1, ["N/A", "", "", "", ""], &[])]
    );
    let rows = &table(plan, SectionKey::D, TableKind::NonSpatial).rows;
    // A description and a frequency wrapped together: the frequency continues `Quarterly and`.
    assert_eq!(
        rows[0].description,
        "A table in CSV format listing the comparison of overall crime, violent crime and some crimes"
    );
    assert_eq!(rows[0].frequency, "Quarterly and as and when necessary");
    // A second resource, then its description continued after a page break.
    assert_eq!(
        rows[1].more_parts,
        vec![Part {
            description: "Trends of traffic accidents and the annual traffic report in JSON format"
                .to_string(),
            frequency: "Annually".to_string(),
            release_date: String::new(),
        }]
    );
    assert_eq!(rows[2].name, "Wanted Persons and Reward Notices");
    insta::assert_snapshot!("english-yaml", import::to_yaml(plan, DEFAULT_SCHEMA_PATH));
}

#[test]
fn a_csv_export_gives_the_same_rows_as_the_text() {
    // English headers, quoted fields, a part as a repeated item number, a blank line.
    let (_, from_csv) = import_as(InputFormat::Csv, ENGLISH_CSV, &Metadata::default());
    let (_, from_text) = import_text(ENGLISH_TEXT);
    let codes: Vec<_> = from_csv.diagnostics.iter().map(|d| d.rule.code).collect();
    assert_eq!(
        codes,
        ["I006", "I006", "I006"],
        "only the facts the data lacks"
    );
    for (csv, text) in from_csv.plan.sections.iter().zip(&from_text.plan.sections) {
        let (csv, text) = (csv.as_ref().unwrap(), text.as_ref().unwrap());
        assert_eq!(
            csv.spatial.as_ref().unwrap().rows,
            text.spatial.as_ref().unwrap().rows
        );
        assert_eq!(
            csv.non_spatial.as_ref().unwrap().rows,
            text.non_spatial.as_ref().unwrap().rows
        );
    }
    assert_eq!(from_csv.plan.language, Language::En);

    // Chinese headers, a BOM and CRLF, as Excel exports; a part as an empty item number.
    let text = Document::decode(CHINESE_CSV).unwrap();
    let (_, from_csv) = import_as(InputFormat::Csv, text, &csv_metadata());
    assert!(
        from_csv.diagnostics.is_empty(),
        "{:?}",
        from_csv.diagnostics
    );
    let (_, seed) = import_text(SEED_TEXT);
    assert_eq!(all_rows(&from_csv.plan), all_rows(&seed.plan));
    assert_eq!(from_csv.plan.language, Language::ZhHant);
    assert_eq!(from_csv.plan.period, "2024-2026");
}

#[test]
fn csv_cells_keep_commas_quotes_and_line_breaks() {
    let text = "section,table,item,category,name,description,date,frequency\n\
                D,spatial,1,\"Law, and Security\",\"a \"\"b\"\"\",\"two\nlines\",12/2022,true\n";
    let (_, imported) = import_as(InputFormat::Csv, text, &csv_metadata());
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    let rows = &table(&imported.plan, SectionKey::D, TableKind::Spatial).rows;
    assert_eq!(
        rows[0],
        row(
            1,
            [
                "Law, and Security",
                "a \"b\"",
                "two\nlines",
                "12/2022",
                "true"
            ],
            &[]
        )
    );
    let yaml = import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH);
    assert!(
        yaml.contains("          description: \"two\\nlines\"\n"),
        "{yaml}"
    );
    assert!(yaml.contains("          frequency: 'true'\n"), "{yaml}");
    let read = Document::parse("p.yaml", &yaml);
    assert!(read.problems.is_empty());
    assert_eq!(
        read.value().unwrap()["sections"]["D"]["spatial"]["rows"][0]["description"],
        "two\nlines"
    );
}

#[test]
fn csv_problems_are_located() {
    let text = "section,table,item,category,name,remarks\n\
                D,spatial,1,法律及保安,水警分區基地,x\n\
                E,spatial,2,法律及保安,防止罪案辦公室\n\
                D,iii,2,法律及保安,防止罪案辦公室\n\
                D,,2,法律及保安,防止罪案辦公室\n\
                D,spatial,4,法律及保安,警署,,多餘\n";
    let (document, imported) = import_as(InputFormat::Csv, text, &csv_metadata());
    assert_eq!(
        located(&document, &imported),
        vec![
            ("I007", 1, 34),
            ("I001", 3, 1),
            ("I001", 4, 3),
            ("I003", 5, 1),
            ("I002", 6, 11),
            ("I004", 6, 23),
        ]
    );
    let missing = "section,item,name\nD,1,x\n";
    let (document, imported) = import_as(InputFormat::Csv, missing, &csv_metadata());
    assert_eq!(located(&document, &imported), vec![("I007", 1, 1)]);
    assert!(
        imported.diagnostics[0]
            .message
            .render(odplint::messages::Lang::En)
            .contains("table")
    );
}

#[test]
fn page_breaks_inside_any_column_are_joined() {
    let text = [
        "香港警務處",
        "2024-2026年度整合開放數據計劃",
        "D. 進度",
        "ii. 非空間數據",
        HEADER,
        "1\t法律及保安\t交通統計\t以JSON格式列出\t5/2016\t每月",
        "",
        &format!("\u{c}{HEADER}"),
        "\t\t數字\t交通意外數字\t\t",
        "2\t法律及保安\t罪案\t以CSV格式列出\t10/2016\t每三個月及",
        HEADER,
        "\t\t\t\t\t有需要時",
        "3\tLaw and Security\tCrime\tA table in CSV\t10/2016\tQuarterly",
        "",
        HEADER,
        "\t\tStatistics\tformat\t\t",
        "2023年12月",
    ]
    .join("\n");
    let (document, imported) = import_text(&text);
    let rows = &table(&imported.plan, SectionKey::D, TableKind::NonSpatial).rows;
    assert_eq!(
        rows[0],
        row(
            1,
            [
                "法律及保安",
                "交通統計數字",
                "以JSON格式列出交通意外數字",
                "5/2016",
                "每月"
            ],
            &[]
        )
    );
    assert_eq!(rows[1].frequency, "每三個月及有需要時");
    assert_eq!(rows[2].name, "Crime Statistics");
    assert_eq!(rows[2].description, "A table in CSV format");
    // A frequency alone under a page break is a guess: a warning, an error with --strict.
    assert_eq!(located(&document, &imported), vec![("I005", 12, 6)]);
    assert_eq!(imported.diagnostics[0].severity, Severity::Warning);
    let strict = import::import(&document, InputFormat::Text, &Metadata::default(), true);
    assert_eq!(strict.diagnostics[0].severity, Severity::Error);
}

/// Lines that fit nowhere: each is a finding at its line and column.
const UNPLACEABLE: &str = "香港警務處

2024-2026年度整合開放數據計劃（包含空間數據計劃）

編號\t數據種類\t數據集名稱\t一般說明\t發放日期(月/年)\t更新頻率
1\t不適用\t\t\t\t

D. 進度

i. 空間數據

編號\t數據種類\t數據集名稱\t一般說明\t發放日期(月/年)\t更新頻率
1\t法律及保安\t水警分區基地\t水警分區基地位置\t12/2022\t當有更新數據時\t多餘\t再多
2\t法律及保安\t防止罪案辦公室\t防止罪案辦公室位置\t12/2022\t當有更新數據時
5\t法律及保安\t警署\t警署位置\t12/2022\t當有更新數據時
第 3 頁
ii. 非空間數據
編號\t數據種類\t數據集名稱\t一般說明\t發放日期(月/年)\t更新頻率
\t\t\t續\t\t
X1\t法律及保安\t罪案\t罪案數字\t10/2016\t每年
2023年12月
香港警務處
";

#[test]
fn unplaceable_lines_are_located_findings() {
    let (document, imported) = import_text(UNPLACEABLE);
    assert_eq!(
        located(&document, &imported),
        vec![
            ("I003", 5, 1),
            ("I004", 13, 41),
            ("I002", 15, 1),
            ("I001", 16, 1),
            ("I001", 17, 1),
            ("I001", 19, 4),
            ("I001", 20, 1),
            ("I001", 22, 1),
        ]
    );
    // What could be placed is still imported; the row with extra cells keeps its six.
    let rows = &table(&imported.plan, SectionKey::D, TableKind::Spatial).rows;
    assert_eq!(rows.iter().map(|r| r.item).collect::<Vec<_>>(), [1, 2, 5]);
    assert_eq!(rows[0].frequency, "當有更新數據時");
    let report = FileReport {
        document,
        diagnostics: imported.diagnostics,
    };
    insta::assert_snapshot!(
        "unplaceable-concise",
        common::render(Format::Concise, std::slice::from_ref(&report))
    );
    insta::assert_snapshot!(
        "unplaceable-human",
        common::render(Format::Human, std::slice::from_ref(&report))
    );
}

#[test]
fn positions_survive_crlf_and_a_bom() {
    let (document, imported) = import_text(UNPLACEABLE);
    let expected = located(&document, &imported);
    for text in [
        UNPLACEABLE.replace('\n', "\r\n"),
        format!("\u{feff}{UNPLACEABLE}"),
    ] {
        let (document, imported) = import_text(&text);
        assert_eq!(located(&document, &imported), expected);
    }
}

#[test]
fn missing_facts_are_reported_and_written_empty() {
    let text = "D. 進度\n\ni. 空間數據\n\n1\t不適用\t\t\t\t\n";
    let (document, imported) = import_text(text);
    let codes: Vec<_> = located(&document, &imported);
    assert_eq!(codes, vec![("I006", 1, 1), ("I006", 1, 1), ("I006", 5, 1)]);
    let given = Metadata {
        published: Some("12/2023".to_string()),
        ..csv_metadata()
    };
    let (_, imported) = import_as(InputFormat::Text, text, &given);
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    assert_eq!(imported.plan.period, "2024-2026");
    let yaml = import::to_yaml(&import_text(text).1.plan, DEFAULT_SCHEMA_PATH);
    assert!(yaml.contains("\norganisation: ''\n"), "{yaml}");
    assert!(yaml.contains("\npublished: ''\n"), "{yaml}");
}

#[test]
fn repeated_headings_notes_and_odd_headers_are_guesses() {
    let text = [
        "香港警務處",
        "2024-2026年度整合開放數據計劃",
        "D. 進度",
        "i. 空間數據",
        "備註：第一則",
        "備註：第二則",
        "編號\t數據種類\t數據集名稱\t說不清\t發放日期(月/年)\t更新頻率",
        "1\t法律及保安\t水警分區基地\t水警分區基地位置\t12/2022\t當有更新數據時",
        "i. 空間數據",
        "2\t法律及保安\t防止罪案辦公室\t防止罪案辦公室位置\t12/2022\t當有更新數據時",
        "D. 進度（續）",
        "2023年12月",
    ]
    .join("\n");
    let (document, imported) = import_text(&text);
    assert_eq!(
        located(&document, &imported),
        vec![
            ("I005", 6, 1),
            ("I005", 7, 15),
            ("I005", 9, 1),
            ("I005", 11, 1),
        ]
    );
    assert!(
        imported
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Warning)
    );
    let table = table(&imported.plan, SectionKey::D, TableKind::Spatial);
    assert_eq!(table.note.as_deref(), Some("第一則第二則"));
    assert_eq!(table.rows.len(), 2);
    assert_eq!(table.rows[0].description, "水警分區基地位置");
}

/// The documented examples of the import findings: the failing one gives exactly its own code,
/// the passing one nothing.
#[test]
fn documented_import_examples_behave_as_documented() {
    fn block(rule: &rule::RuleMeta, heading: &str) -> (InputFormat, String) {
        let section = rule.doc_section(heading).unwrap();
        let (format, fence) = if section.contains("```csv\n") {
            (InputFormat::Csv, "```csv\n")
        } else {
            (InputFormat::Text, "```text\n")
        };
        let start = section.find(fence).unwrap() + fence.len();
        let end = section[start..].find("```").unwrap() + start;
        (format, section[start..end].replace('⇥', "\t"))
    }
    for rule in registry::IMPORT {
        for (heading, failing) in [(DOC_HEADINGS[2], true), (DOC_HEADINGS[3], false)] {
            let (format, text) = block(rule, heading);
            let metadata = match format {
                InputFormat::Csv => csv_metadata(),
                _ => Metadata::default(),
            };
            let (_, imported) = import_as(format, &text, &metadata);
            let codes: Vec<_> = imported.diagnostics.iter().map(|d| d.rule.code).collect();
            if failing {
                common::assert_failing_example(rule.code, &codes);
            } else {
                common::assert_passing_example(rule.code, &codes);
            }
        }
    }
}

#[test]
fn the_command_writes_the_seed_to_standard_output() {
    let output = odplint()
        .args(["import", "tests/fixtures/import/hkpf-2024-2026.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), SEED_YAML);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn findings_go_to_standard_error_when_the_yaml_goes_to_standard_output() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("plan.txt");
    std::fs::write(&input, UNPLACEABLE).unwrap();
    let output = odplint()
        .args(["import", "--format", "json"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let yaml = String::from_utf8(output.stdout).unwrap();
    assert!(yaml.starts_with("# yaml-language-server: $schema="));
    assert!(Document::parse("p.yaml", &yaml).problems.is_empty());
    let report: serde_json::Value = serde_json::from_slice(&output.stderr).unwrap();
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "I003");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert_eq!(report["summary"]["errors"], 8);
}

#[test]
fn strict_makes_a_guess_fail() {
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("plan.txt");
    // Item 2 of D.ii with its frequency wrapped onto a line of its own.
    let text = SEED_TEXT.replace(
        "\t10/2016\t每三個月及有需要時\n\n",
        "\t10/2016\t每三個月及\n\t\t\t\t\t有需要時\n\n",
    );
    assert_ne!(text, SEED_TEXT);
    std::fs::write(&input, text).unwrap();
    let lenient = odplint()
        .args(["import", "--format", "concise"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(lenient.status.code(), Some(0));
    assert_eq!(String::from_utf8(lenient.stdout).unwrap(), SEED_YAML);
    let strict = odplint()
        .args(["import", "--strict", "--format", "concise"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let findings = String::from_utf8(strict.stderr).unwrap();
    assert!(findings.contains(":66:6: error[I005]"), "{findings}");
}

#[test]
fn output_files_are_written_atomically_and_never_overwritten_without_force() {
    let repository = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(repository.path().join("schemas")).unwrap();
    std::fs::write(repository.path().join("schemas/plan.schema.json"), "{}").unwrap();
    let folder = repository.path().join("plans/hkpf");
    std::fs::create_dir_all(&folder).unwrap();
    let target = folder.join("2024-2026.zh-Hant.yaml");
    let seed = "tests/fixtures/import/hkpf-2024-2026.txt";

    let first = odplint()
        .args(["import", seed, "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(first.status.code(), Some(0));
    assert!(first.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), SEED_YAML);

    std::fs::write(&target, "kept").unwrap();
    let again = odplint()
        .args(["import", seed, "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    let message = String::from_utf8(again.stderr).unwrap();
    assert!(
        message.contains("already exists; give --force"),
        "{message}"
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");

    let forced = odplint()
        .args(["import", seed, "--force", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(forced.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), SEED_YAML);
    let left: Vec<_> = std::fs::read_dir(&folder).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left behind");

    // The modeline points from the output to the repository's schema.
    let at_root = repository.path().join("plan.yaml");
    odplint()
        .args(["import", seed, "-o"])
        .arg(&at_root)
        .assert()
        .code(0);
    let written = std::fs::read_to_string(&at_root).unwrap();
    assert!(written.starts_with("# yaml-language-server: $schema=schemas/plan.schema.json\n"));

    // With -o, findings go to standard output.
    let input = repository.path().join("broken.txt");
    std::fs::write(&input, UNPLACEABLE).unwrap();
    let output = odplint()
        .args(["import", "--format", "concise", "-o"])
        .arg(repository.path().join("broken.yaml"))
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let findings = String::from_utf8(output.stdout).unwrap();
    assert!(
        findings.contains("broken.txt:13:41: error[I004]"),
        "{findings}"
    );
}

#[test]
fn csv_needs_the_facts_its_data_lacks() {
    let output = odplint()
        .args([
            "import",
            "tests/fixtures/import/english.csv",
            "--title",
            "x",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(message.contains("--organisation, --published"), "{message}");

    let output = odplint()
        .args([
            "import",
            "tests/fixtures/import/english.csv",
            "--organisation",
            "Hong Kong Police Force",
            "--title",
            "2024-2026 Integrated Open Data Plan (including Spatial Data Plan)",
            "--published",
            "12/2023",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let yaml = String::from_utf8(output.stdout).unwrap();
    assert!(yaml.contains("\nlanguage: en\n"), "{yaml}");
    assert!(yaml.contains("\nperiod: 2024-2026\n"), "{yaml}");
    assert!(yaml.contains("        - item: 2\n          category: Law and Security\n          name: Traffic Statistics\n"));
}

#[test]
fn unreadable_encodings_are_tool_errors() {
    let folder = tempfile::tempdir().unwrap();
    for (name, bytes, expected) in [
        ("utf16.txt", vec![0xFF, 0xFE, b'a', 0], "UTF-16"),
        ("latin1.txt", b"caf\xE9\n".to_vec(), "not valid UTF-8"),
    ] {
        let path = folder.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let output = odplint().arg("import").arg(&path).output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        let message = String::from_utf8(output.stderr).unwrap();
        assert!(message.contains(expected), "{message}");
        assert!(output.stdout.is_empty());
    }
    odplint()
        .args(["import", "tests/fixtures/import/missing.txt"])
        .assert()
        .code(2);
}

#[test]
fn standard_input_is_read_with_a_name() {
    let output = odplint()
        .args(["import", "-", "--stdin-filename", "seed.txt"])
        .write_stdin(SEED_TEXT)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stdout).unwrap(), SEED_YAML);
}

/// Found by fuzzing: a CSV header without an item column, and records shorter than the header.
/// Import reports what it cannot place instead of panicking.
#[test]
fn a_csv_without_an_item_column_is_reported_not_a_panic() {
    let output = assert_cmd::Command::cargo_bin("odplint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C")
        .args([
            "import",
            "--from",
            "csv",
            "--organisation",
            "X",
            "--title",
            "2024-2026 plan",
            "--published",
            "12/2023",
            "--format",
            "concise",
            "tests/fixtures/fuzz-regressions/import-short-record.csv",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(
        stderr.contains("error[I007]") && stderr.contains("error[I001]"),
        "{stderr}"
    );
}

/// `pdftotext -layout` text: cells aligned by spaces, no tabs. Section D's rows must never be
/// folded into the note above them and reported as nothing.
#[test]
fn rows_aligned_by_spaces_are_errors_not_a_note() {
    let text = "香港警務處\n\n2024-2026年度整合開放數據計劃（包含空間數據計劃）\n\n\
        D. 進度：已上載的數據集\n\nii. 非空間數據\n\
        備註：2022年及之前發布的數據集條目基於《2023-2025年度空間數據計劃》。\n\
        編號    數據種類      數據集名稱       一般說明        發放日期(月/年)   更新頻率\n\
        1       法律及保安    罪案統計         罪案數字        10/2016          每年\n\
        2       法律及保安    交通意外         交通意外數字    10/2016          每月\n\n\
        2023年12月\n";
    let (_, imported) = import_text(text);
    let table = table(&imported.plan, SectionKey::D, TableKind::NonSpatial);
    assert!(table.rows.is_empty());
    assert_eq!(
        table.note.as_deref(),
        Some("2022年及之前發布的數據集條目基於《2023-2025年度空間數據計劃》。")
    );
    let errors: Vec<&str> = imported
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.message.id)
        .collect();
    assert_eq!(errors, ["I001.aligned"]);
    let folder = tempfile::tempdir().unwrap();
    let input = folder.path().join("plan.txt");
    std::fs::write(&input, text).unwrap();
    let output = odplint().arg("import").arg(&input).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("No problems found"), "{stderr}");
}
