//! `odplint audit` over the invented organisation of `tests/fixtures/audit/` (three consecutive
//! plans in zh-Hant and en) and the real seed plan: every status, the language differences, exit
//! codes, each report format, escaping of hostile values and the HTML in headless Chromium.

mod common;

use std::path::Path;
use std::process::{Command as StdCommand, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::Command;
use serde_json::Value;

const DEMO: &str = "tests/fixtures/audit";
const HOSTILE: &str = "tests/fixtures/audit-hostile";
const SEED_FOLDER: &str = "plans";
const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("COLUMNS", "100")
        // 2026-12-02: the HTML report's generation date, fixed for snapshots.
        .env("SOURCE_DATE_EPOCH", "1796169600");
    command
}

fn audit(args: &[&str]) -> (Option<i32>, String, String) {
    let output = odplint().arg("audit").args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn audit_json(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    let (_, stdout, stderr) = audit(&all);
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}{stderr}"))
}

fn demo_and_seed() -> Value {
    audit_json(&[DEMO, SEED_FOLDER])
}

/// The dataset records whose name is `name`, as (from_period, status, fuzzy, matched_name).
fn statuses(report: &Value, name: &str) -> Vec<(String, String, bool, Option<String>)> {
    report["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["name"] == name)
        .map(|d| {
            (
                d["from_period"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
                d["fuzzy"].as_bool().unwrap(),
                d["matched_name"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn diagnostics<'a>(report: &'a Value, code: &str) -> Vec<&'a Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == code)
        .collect()
}

fn s(text: &str) -> String {
    text.to_string()
}

#[test]
fn every_status_is_found_and_only_the_zh_hant_chain_is_followed() {
    let report = demo_and_seed();
    let status = |name| statuses(&report, name);
    assert_eq!(
        status("交通燈位置"),
        [(s("2023-2025"), s("on-time"), false, Some(s("交通燈位置")))]
    );
    assert_eq!(
        status("泊車位使用率"),
        [(s("2023-2025"), s("late"), false, Some(s("泊車位使用率")))]
    );
    assert_eq!(
        status("康樂場地預訂情況"),
        [
            (
                s("2023-2025"),
                s("slipped"),
                false,
                Some(s("康樂場地預訂情況"))
            ),
            (
                s("2024-2026"),
                s("late"),
                false,
                Some(s("康樂場地預訂情況"))
            ),
        ]
    );
    assert_eq!(
        status("空氣質素監測站位置"),
        [(s("2023-2025"), s("unaccounted"), false, None)]
    );
    assert_eq!(
        status("公園設施"),
        [(s("2024-2026"), s("on-time"), false, Some(s("公園設施")))]
    );
    // One chain per organisation: the English promises are the same datasets, kept in step by
    // A004, and are not reported a second time.
    assert!(
        report["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["language"] == "zh-Hant")
    );
    assert_eq!(report["summary"]["promised"], 7);
    assert_eq!(report["summary"]["on_time"], 3);
    assert_eq!(report["summary"]["late"], 2);
    assert_eq!(report["summary"]["slipped"], 1);
    assert_eq!(report["summary"]["unaccounted"], 1);
}

#[test]
fn a_fuzzy_match_is_flagged_with_both_names() {
    let report = demo_and_seed();
    assert_eq!(
        statuses(&report, "公共圖書館位置"),
        [(
            s("2023-2025"),
            s("on-time"),
            true,
            Some(s("公共圖書館位置資料"))
        )]
    );
    assert_eq!(report["summary"]["fuzzy"], 1);
    let (_, human, _) = audit(&["--color", "never", DEMO]);
    assert!(
        human.contains("公共圖書館位置 → 公共圖書館位置資料 (similar name)"),
        "{human}"
    );
    let (_, csv, _) = audit(&["--format", "csv", DEMO]);
    assert!(
        csv.contains(",公共圖書館位置,公共圖書館位置資料,on-time,true,"),
        "{csv}"
    );
}

#[test]
fn audit_findings_point_at_the_promise_in_the_earlier_plan_and_name_the_later_one() {
    let report = demo_and_seed();
    let earlier = "tests/fixtures/audit/demo/2023-2025.zh-Hant.yaml";
    let later = "tests/fixtures/audit/demo/2024-2026.zh-Hant.yaml";
    for (code, name) in [
        ("A001", "空氣質素監測站位置"),
        ("A002", "泊車位使用率"),
        ("A003", "康樂場地預訂情況"),
    ] {
        let found: Vec<_> = diagnostics(&report, code)
            .into_iter()
            .filter(|d| d["file"] == earlier)
            .collect();
        assert_eq!(found.len(), 1, "{code}: {found:?}");
        let diagnostic = found[0];
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            message.contains(name) && message.contains(later),
            "{message}"
        );
        assert!(diagnostic["pointer"].as_str().unwrap().ends_with("/name"));
        let dataset = report["datasets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["name"] == name && d["from_period"] == "2023-2025")
            .unwrap();
        assert_eq!(dataset["line"], diagnostic["line"], "{code}");
        assert_eq!(dataset["file"], earlier);
    }
    assert_eq!(
        diagnostics(&report, "A001")[0]["severity"],
        "error",
        "A001 is an error"
    );
    assert_eq!(diagnostics(&report, "A002")[0]["severity"], "warning");
    assert_eq!(diagnostics(&report, "A003")[0]["severity"], "warning");
    // The 2024-2026 plan's promise released late in 2025-2027.
    assert_eq!(
        diagnostics(&report, "A002")
            .iter()
            .filter(|d| d["file"] == later)
            .count(),
        1
    );
}

/// period, table, field, zh-Hant value, en value
type Difference = (String, String, String, Option<String>, Option<String>);

#[test]
fn language_differences_are_each_listed_and_reported_on_the_english_plan() {
    let report = demo_and_seed();
    let differences: Vec<Difference> = report["language_differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["period"].as_str().unwrap().to_string(),
                d["table"].as_str().unwrap().to_string(),
                d["field"].as_str().unwrap().to_string(),
                d["zh_hant"].as_str().map(str::to_string),
                d["en"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        differences,
        [
            (
                s("2024-2026"),
                s("A.ii"),
                s("frequency"),
                Some(s("每月")),
                Some(s("Quarterly"))
            ),
            (
                s("2024-2026"),
                s("B.ii"),
                s("category"),
                Some(s("工商業")),
                Some(s("Recreation, Sports and Culture"))
            ),
            (
                s("2025-2027"),
                s("A.i"),
                s("items"),
                Some(s("1")),
                Some(s("0"))
            ),
            (s("2025-2027"), s("A.i"), s("row"), Some(s("單車徑")), None),
            (
                s("2025-2027"),
                s("A.ii"),
                s("release_date"),
                Some(s("03/2025")),
                Some(s("06/2025"))
            ),
        ]
    );
    // Equal meanings in two languages are not differences: 每月 and Monthly, 運輸 and
    // Transportation elsewhere in the same plans.
    let a004 = diagnostics(&report, "A004");
    assert_eq!(a004.len(), 4, "one finding per difference but the count");
    for diagnostic in &a004 {
        let file = diagnostic["file"].as_str().unwrap();
        assert!(file.ends_with(".en.yaml"), "{file}");
        let message = diagnostic["message"].as_str().unwrap();
        assert!(
            message.contains(&file.replace(".en.yaml", ".zh-Hant.yaml")),
            "{message}"
        );
    }
    let pointers: Vec<&str> = a004
        .iter()
        .map(|d| d["pointer"].as_str().unwrap())
        .collect();
    assert_eq!(
        pointers,
        [
            "/sections/A/non_spatial/rows/1/frequency",
            "/sections/B/non_spatial/rows/0/category",
            "/sections/A/spatial/rows",
            "/sections/A/non_spatial/rows/0/release_date",
        ]
    );
}

#[test]
fn the_seed_plan_is_listed_with_its_findings_and_its_missing_successor() {
    let report = demo_and_seed();
    let seed = report["plans"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["file"] == SEED)
        .unwrap();
    assert_eq!(seed["organisation"], "香港警務處");
    assert_eq!(seed["organisation_id"], Value::Null);
    assert_eq!(seed["errors"], 3);
    assert_eq!(seed["warnings"], 3, "two plan warnings and A006");
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["file"] == SEED)
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["A006", "T006", "D001", "D001", "T001", "D001"]);
    let hkpf = report["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["key"] == "香港警務處")
        .unwrap();
    assert_eq!(hkpf["periods"], serde_json::json!(["2024-2026"]));
    // Another organisation has a 2025-2027 plan: this one's is missing (A006 on its `period`).
    assert_eq!(hkpf["missing_periods"], serde_json::json!(["2025-2027"]));
    let missing = diagnostics(&report, "A006");
    assert_eq!(missing.len(), 1);
    assert_eq!(missing[0]["file"], SEED);
    assert_eq!(missing[0]["pointer"], "/period");
    assert!(
        missing[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("香港警務處 has no plan for 2025-2027"),
        "{}",
        missing[0]["message"]
    );
    assert_eq!(report["summary"]["missing_plans"], 1);
    let (_, human, _) = audit(&["--color", "never", DEMO, SEED_FOLDER]);
    assert!(
        human.contains("香港警務處: no plan for 2025-2027"),
        "{human}"
    );
}

#[test]
fn the_json_report_has_the_documented_shape() {
    let report = demo_and_seed();
    assert_eq!(report["version"], 1);
    // The report's own order is its structs' field order; a parsed Value's key order is not
    // that, so the sets of keys are compared.
    let assert_keys = |value: &Value, expected: &[&str]| {
        let mut found: Vec<&str> = value
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        found.sort_unstable();
        let mut expected = expected.to_vec();
        expected.sort_unstable();
        assert_eq!(found, expected);
    };
    assert_keys(
        &report,
        &[
            "version",
            "plans",
            "organisations",
            "datasets",
            "language_differences",
            "categories",
            "by_year",
            "diagnostics",
            "errors",
            "summary",
        ],
    );
    assert_eq!(report["errors"], serde_json::json!([]));
    assert_keys(
        &report["plans"][0],
        &[
            "file",
            "organisation",
            "organisation_id",
            "period",
            "language",
            "errors",
            "warnings",
            "infos",
        ],
    );
    assert_keys(
        &report["organisations"][0],
        &[
            "id",
            "key",
            "name",
            "names",
            "periods",
            "missing_periods",
            "plans",
            "duplicate_plans",
        ],
    );
    assert_keys(
        &report["datasets"][0],
        &[
            "organisation",
            "language",
            "from_period",
            "to_period",
            "name",
            "matched_name",
            "fuzzy",
            "status",
            "category",
            "target",
            "release_date",
            "new_target",
            "file",
            "line",
            "matched_file",
            "matched_line",
        ],
    );
    assert_keys(
        &report["language_differences"][0],
        &[
            "organisation",
            "period",
            "table",
            "item",
            "field",
            "zh_hant",
            "en",
            "zh_hant_file",
            "en_file",
            "line",
        ],
    );
    assert_keys(&report["diagnostics"][0], &common::JSON_DIAGNOSTIC_KEYS);
    assert_keys(
        &report["summary"],
        &[
            "files",
            "organisations",
            "errors",
            "warnings",
            "infos",
            "promised",
            "on_time",
            "late",
            "date_unknown",
            "slipped",
            "unaccounted",
            "fuzzy",
            "language_differences",
            "missing_plans",
            "tool_errors",
        ],
    );
    assert_eq!(
        report["by_year"],
        serde_json::json!([
            {"year": 2023, "promised": 5, "delivered": 3, "on_time": 2, "late": 1, "slipped": 1, "unaccounted": 1},
            {"year": 2024, "promised": 2, "delivered": 2, "on_time": 1, "late": 1, "slipped": 0, "unaccounted": 0}
        ])
    );
    assert_eq!(report["categories"][0]["category"], "law-and-security");
    assert_eq!(report["categories"][0]["name"], "Law and Security");
}

#[test]
fn exit_codes_follow_fail_on_for_plan_and_audit_rules() {
    // A001 and A004 are errors.
    assert_eq!(audit(&["--format", "json", DEMO]).0, Some(1));
    // Without them only warnings (A002, A003) remain.
    assert_eq!(
        audit(&["--format", "json", "--ignore", "A001,A004", DEMO]).0,
        Some(0)
    );
    assert_eq!(
        audit(&[
            "--format",
            "json",
            "--ignore",
            "promise-unaccounted,A004",
            "--fail-on",
            "warning",
            DEMO
        ])
        .0,
        Some(1)
    );
    assert_eq!(
        audit(&["--format", "json", "--select", "A003", DEMO]).0,
        Some(0)
    );
    assert_eq!(
        audit(&[
            "--format",
            "json",
            "--select",
            "A003",
            "--fail-on",
            "warning",
            DEMO
        ])
        .0,
        Some(1)
    );
    // A single sound plan: nothing to compare, nothing to report.
    assert_eq!(
        audit(&[
            "--fail-on",
            "info",
            "tests/fixtures/audit/demo/2025-2027.zh-Hant.yaml"
        ])
        .0,
        Some(0)
    );
    // The seed's own errors count as in `check`.
    assert_eq!(audit(&[SEED]).0, Some(1));
    assert_eq!(audit(&["--ignore", "D001", SEED]).0, Some(0));
    // Usage and I/O errors.
    assert_eq!(audit(&[]).0, Some(2));
    assert_eq!(audit(&["-"]).0, Some(2));
    assert_eq!(audit(&["--format", "xml", DEMO]).0, Some(2));
    let (code, stdout, stderr) = audit(&["--format", "json", "no-such-folder", SEED]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("cannot read `no-such-folder`"), "{stderr}");
    assert!(stdout.contains(SEED), "the other plans are still audited");
}

#[test]
fn configuration_levels_apply_to_audit_rules() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("odplint.toml");
    std::fs::write(
        &config,
        "[rules]\npromise-unaccounted = \"warning\"\nA004 = \"off\"\n",
    )
    .unwrap();
    let config = config.to_string_lossy().to_string();
    let report = audit_json(&["--config", &config, DEMO]);
    assert!(diagnostics(&report, "A004").is_empty());
    assert_eq!(diagnostics(&report, "A001")[0]["severity"], "warning");
    // The language differences are still data in the report.
    assert_eq!(report["summary"]["language_differences"], 5);
    assert_eq!(audit(&["--config", &config, DEMO]).0, Some(0));
}

/// Copies the demo plans into a temporary folder, changing some of their text.
fn demo_copy(edits: &[(&str, &str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(Path::new(DEMO).join("demo")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let mut text = std::fs::read_to_string(&path).unwrap();
        for (file, from, to) in edits {
            if *file == name {
                assert!(text.contains(from), "{name} lacks {from}");
                text = text.replacen(from, to, 1);
            }
        }
        std::fs::write(dir.path().join(&name), text).unwrap();
    }
    dir
}

#[test]
fn inline_allows_suppress_audit_findings_and_unused_ones_are_reported() {
    let dir = demo_copy(&[(
        "2023-2025.zh-Hant.yaml",
        "          name: 泊車位使用率\n",
        "          name: 泊車位使用率  # odplint: allow released-late\n",
    )]);
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    assert_eq!(diagnostics(&report, "A002").len(), 1, "only 2024's remains");
    assert!(diagnostics(&report, "S005").is_empty());

    let dir = demo_copy(&[(
        "2023-2025.zh-Hant.yaml",
        "          name: 交通燈位置\n",
        "          name: 交通燈位置  # odplint: allow released-late\n",
    )]);
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    assert_eq!(diagnostics(&report, "S005").len(), 1);
    // `check` cannot judge an allow of an audit rule, so it leaves it alone.
    let output = odplint()
        .args(["check", "--format", "concise", &folder])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_moved_row_a_part_and_an_equal_meaning_are_told_apart() {
    let dir = demo_copy(&[
        // The English 2024-2026 plan lists the venue bookings in B instead of A; parks as
        // "Every month", which means Monthly like 每月.
        (
            "2024-2026.en.yaml",
            "        - item: 1\n          category: Recreation, Sports and Culture\n          name: Recreation venue bookings\n          description: Bookings of recreation venues in CSV format\n          release_date: 06/2024\n          frequency: Daily\n        - item: 2\n",
            "        - item: 1\n",
        ),
        (
            "2024-2026.en.yaml",
            "          frequency: Quarterly\n  B:",
            "          frequency: Every month\n  B:",
        ),
        (
            "2024-2026.en.yaml",
            "          release_date: 03/2025\n          frequency: Quarterly\n",
            "          release_date: 03/2025\n          frequency: Quarterly\n        - item: 2\n          category: Recreation, Sports and Culture\n          name: Recreation venue bookings\n          description: Bookings of recreation venues in CSV format\n          release_date: 06/2024\n          frequency: Daily\n",
        ),
        // The English 2025-2027 plan splits the markets into two parts.
        (
            "2025-2027.en.yaml",
            "          release_date: 06/2025\n          frequency: Quarterly\n",
            "          release_date: 06/2025\n          parts:\n            - description: Stalls in CSV format\n              frequency: Quarterly\n            - description: Tenancies in CSV format\n              frequency: Quarterly\n",
        ),
    ]);
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    let fields: Vec<(String, String, String)> = report["language_differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["period"].as_str().unwrap().to_string(),
                d["table"].as_str().unwrap().to_string(),
                d["field"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(
        fields.contains(&(s("2024-2026"), s("A.ii"), s("table"))),
        "{fields:?}"
    );
    assert!(
        !fields
            .iter()
            .any(|(p, _, f)| p == "2024-2026" && f == "frequency"),
        "Every month means 每月: {fields:?}"
    );
    assert!(
        fields.contains(&(s("2025-2027"), s("A.ii"), s("parts"))),
        "{fields:?}"
    );
    let moved = diagnostics(&report, "A004")
        .into_iter()
        .find(|d| d["message"].as_str().unwrap().contains("is in table A.ii"))
        .unwrap_or_else(|| panic!("{report:#}"));
    assert!(
        moved["file"]
            .as_str()
            .unwrap()
            .ends_with("2024-2026.en.yaml")
    );
}

#[test]
fn a_second_file_for_the_same_plan_is_set_aside_and_said() {
    let dir = demo_copy(&[]);
    std::fs::copy(
        dir.path().join("2025-2027.en.yaml"),
        dir.path().join("2025-2027.en.copy.yaml"),
    )
    .unwrap();
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    let duplicates = report["organisations"][0]["duplicate_plans"]
        .as_array()
        .unwrap();
    assert_eq!(duplicates.len(), 1);
    assert!(
        duplicates[0]
            .as_str()
            .unwrap()
            .ends_with("2025-2027.en.yaml")
            || duplicates[0]
                .as_str()
                .unwrap()
                .ends_with("2025-2027.en.copy.yaml")
    );
    assert_eq!(
        diagnostics(&report, "A004").len(),
        4,
        "the differences are reported once"
    );
    // A005 on the file set aside, at its `period`, naming the file that is followed.
    let a005 = diagnostics(&report, "A005");
    assert_eq!(a005.len(), 1, "{report:#}");
    assert_eq!(a005[0]["file"], duplicates[0]);
    assert_eq!(a005[0]["pointer"], "/period");
    assert_eq!(a005[0]["severity"], "error");
    let followed = if duplicates[0].as_str().unwrap().ends_with("copy.yaml") {
        "2025-2027.en.yaml"
    } else {
        "2025-2027.en.copy.yaml"
    };
    assert!(
        a005[0]["message"].as_str().unwrap().contains(followed),
        "{}",
        a005[0]["message"]
    );
    assert!(
        a005[0]["help"]
            .as_str()
            .unwrap()
            .starts_with("this file is identical to"),
        "{}",
        a005[0]["help"]
    );

    // A copy that differs is told apart from an identical one.
    let path = dir.path().join("2025-2027.en.copy.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("06/2025", "07/2025", 1)).unwrap();
    let report = audit_json(&[&folder]);
    let help = diagnostics(&report, "A005")[0]["help"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(help.starts_with("keep the plan that is current"), "{help}");
}

#[test]
fn many_copies_of_one_plan_are_each_reported_and_audited_once() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(SEED).unwrap();
    for copy in 0..100 {
        std::fs::write(dir.path().join(format!("copy-{copy:03}.yaml")), &text).unwrap();
    }
    let folder = dir.path().to_string_lossy().to_string();
    let (code, stdout, stderr) = audit(&["--format", "json", "--select", "A005", &folder]);
    assert_eq!(code, Some(1), "{stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let found = diagnostics(&report, "A005");
    assert_eq!(found.len(), 99, "every copy but the first");
    assert!(
        found
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("copy-000.yaml"))
    );
    assert_eq!(report["organisations"].as_array().unwrap().len(), 1);
    assert_eq!(
        report["organisations"][0]["duplicate_plans"]
            .as_array()
            .unwrap()
            .len(),
        99
    );
    let (_, csv, _) = audit(&["--format", "csv", &folder]);
    assert_eq!(csv.matches(",duplicate-plan,").count(), 99);
}

#[test]
fn each_format_is_stable() {
    let (code, human, stderr) = audit(&["--color", "never", DEMO, SEED_FOLDER]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stderr, "",
        "no progress bar when standard error is not a terminal"
    );
    insta::assert_snapshot!("audit-human", human);
    for format in ["markdown", "json", "csv", "html"] {
        let (code, output, _) = audit(&["--format", format, DEMO, SEED_FOLDER]);
        assert_eq!(code, Some(1), "{format}");
        insta::assert_snapshot!(format!("audit-{format}"), output);
    }
}

#[test]
fn the_output_file_receives_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("audit.html");
    let output = odplint()
        .args(["audit", "--format", "html", "--output-file"])
        .arg(&path)
        .args([DEMO, SEED_FOLDER])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let (_, stdout, _) = audit(&["--format", "html", DEMO, SEED_FOLDER]);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), stdout);

    let output = odplint()
        .args([
            "audit",
            "--output-file",
            "/nonexistent-folder/audit.html",
            DEMO,
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

/// Every tag of an HTML text: from each `<` (which escaped text never holds) to its `>`.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<')
        .map(|(at, _)| {
            let end = html[at..].find('>').map_or(html.len(), |n| at + n + 1);
            &html[at..end]
        })
        .collect()
}

#[test]
fn the_html_report_is_one_self_contained_page_with_its_parts() {
    let (_, html, _) = audit(&["--format", "html", DEMO, SEED_FOLDER]);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    assert!(html.contains("<section id=\"summary\">"));
    assert!(html.contains("<dt>Generated</dt><dd>2 December 2026</dd>"));
    assert!(html.contains("<dt>Plan periods</dt><dd>2023-2025 to 2025-2027</dd>"));
    assert!(html.contains("<dt>Plans published</dt><dd>December 2022 to December 2024</dd>"));
    assert_eq!(
        html.matches("<section class=\"organisation\"").count(),
        2,
        "a section per organisation"
    );
    assert_eq!(
        html.matches("<table class=\"organisation\">").count(),
        1,
        "a table of promises only where there are promises"
    );
    assert!(html.contains("<table class=\"organisations\">"));
    assert!(html.contains("id=\"chart-categories\"") && html.contains("id=\"chart-years\""));
    assert!(html.contains("<table class=\"plans\">"));
    assert!(html.contains("<table class=\"differences\">"));
    assert!(html.contains("<table class=\"findings\">"));
    assert!(html.contains("<span lang=\"zh-Hant\">公共圖書館位置</span>"));
    // Printable on A4, and readable on a phone.
    assert!(html.contains("@page { size: A4;"));
    assert!(html.contains("@media print"));
    assert!(html.contains("@media (max-width: 40rem)"));
    // Code spans are marked up, not shown as Markdown.
    assert!(html.contains("<code>空氣質素監測站位置</code>"));
    let findings = &html[html.find("<table class=\"findings\">").unwrap()..];
    assert!(!findings.contains('`'), "a raw backtick in the findings");
    // No sentence with `(s)` plurals, no "0: 0 on time".
    assert!(!html.contains("(s)"));
    assert!(!html.contains("0: 0"));
    // Self-contained: no script, no external resource, no link to follow.
    assert!(!html.contains("http://") && !html.contains("https://"));
    for tag in tags(&html) {
        let lower = tag.to_lowercase();
        assert!(!lower.starts_with("<script"), "{tag}");
        assert!(!lower.starts_with("<link"), "{tag}");
        assert!(
            !lower.contains(" src=") && !lower.contains(" href="),
            "{tag}"
        );
    }
}

#[test]
fn hostile_values_are_escaped_in_every_format() {
    let (_, html, _) = audit(&["--format", "html", HOSTILE]);
    for tag in tags(&html) {
        let lower = tag.to_lowercase();
        assert!(!lower.starts_with("<script"), "{tag}");
        assert!(!lower.starts_with("<img"), "{tag}");
        assert!(!lower.starts_with("<svg onload"), "{tag}");
        assert!(!lower.starts_with("<b>"), "{tag}");
        for handler in ["onerror", "onload", "onmouseover"] {
            assert!(!lower.contains(handler), "{tag}");
        }
    }
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
    );
    assert!(html.contains("&quot;&gt;&lt;svg onload=alert(3)&gt;"));
    assert!(html.contains("Evil &lt;b&gt;Department&lt;/b&gt; &amp; &quot;Co&quot;"));

    let (_, markdown, _) = audit(&["--format", "markdown", HOSTILE]);
    for tag in tags(&markdown) {
        // The only raw HTML is the report's own <details> block.
        assert!(
            ["<details>", "<summary>", "</summary>", "</details>"].contains(&tag),
            "{tag}"
        );
    }
    assert!(markdown.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));

    let (_, human, _) = audit(&["--color", "never", HOSTILE]);
    assert!(
        human.contains("<script>alert(1)</script>"),
        "the terminal shows the text as is"
    );
}

#[test]
fn csv_rows_are_quoted_and_formula_injection_is_neutralised() {
    let (_, csv, _) = audit(&["--format", "csv", HOSTILE]);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "organisation,from_period,to_period,dataset,matched_dataset,status,fuzzy,target,release_date,new_target,file,line"
    );
    assert_eq!(
        lines.len(),
        8,
        "a header, six promises, and the final line end"
    );
    assert!(
        csv.contains(
            ",\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\",,unaccounted,"
        ),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1+1),,unaccounted,"), "{csv}");
    assert!(csv.contains(",'+1 dataset,,unaccounted,"), "{csv}");
    assert!(csv.contains(",'-1 dataset,,unaccounted,"), "{csv}");
    assert!(
        csv.contains(",\"\"\"><svg onload=alert(3)>\",\"\"\"><svg onload=alert(3)>\",late,false,06/2024,09/2024,,"),
        "{csv}"
    );
    // No cell starts with a formula character once unquoted.
    for line in &lines[1..lines.len() - 1] {
        for cell in split_csv(line) {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
}

/// Splits one RFC 4180 record (no line breaks inside cells in these fixtures).
fn split_csv(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cells.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => cells.push(String::new()),
            (c, _) => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

const CHROMIUM: &str = "/usr/bin/chromium";

/// Runs headless Chromium with `args` on a page; `None` when it did not finish within two
/// minutes. Gives its standard output and error.
fn chromium(page: &Path, args: &[String]) -> Option<(String, String)> {
    let profile = tempfile::tempdir().unwrap();
    let mut child = StdCommand::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if child.try_wait().unwrap().is_some() {
            let output = child.wait_with_output().unwrap();
            return Some((
                String::from_utf8_lossy(&output.stdout).to_string(),
                String::from_utf8_lossy(&output.stderr).to_string(),
            ));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The width and height of a PNG, read from its header.
fn png_size(path: &Path) -> (u32, u32) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "{}", path.display());
    let number = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (number(16), number(20))
}

/// The page's layout at a viewport width: a page holding the report in a frame of that width
/// measures it (the report itself has no script, and its policy forbids one). A frame, because
/// headless Chromium keeps its window at least 500 px wide.
fn measure(page: &Path, width: u32) -> (u32, u32, u32) {
    let probe = format!(
        "<!DOCTYPE html><html><body style=\"margin:0\"><iframe src=\"{}\" style=\"width:{width}px;height:900px;border:0\" onload=\"var d = this.contentDocument.documentElement; document.body.setAttribute('data-probe', [d.scrollWidth, this.contentWindow.innerWidth, d.scrollHeight].join('x'));\"></iframe></body></html>",
        page.file_name().unwrap().to_string_lossy()
    );
    let path = page.with_extension(format!("probe-{width}.html"));
    std::fs::write(&path, probe).unwrap();
    let (dom, log) = chromium(
        &path,
        &[
            "--allow-file-access-from-files".to_string(),
            "--window-size=1400,900".to_string(),
            "--dump-dom".to_string(),
        ],
    )
    .expect("Chromium finishes within two minutes");
    let at = dom
        .find("data-probe=\"")
        .unwrap_or_else(|| panic!("the probe did not run: {dom}{log}"))
        + "data-probe=\"".len();
    let value = &dom[at..at + dom[at..].find('"').unwrap()];
    let numbers: Vec<u32> = value.split('x').map(|n| n.parse().unwrap()).collect();
    (numbers[0], numbers[1], numbers[2])
}

/// The audit report as a director sees it: in zh-Hant and en, on a wide screen, on a phone and
/// printed on A4. Nothing may stick out sideways, the page must not run on without end, and the
/// pictures must hold something. They stay in `target/tmp/audit-report/` to be looked at.
#[test]
fn needs_chromium_the_html_report_reads_on_a_wide_screen_a_phone_and_a4() {
    if common::require_program(CHROMIUM).is_none() {
        return;
    }
    let Some(pdftoppm) = common::require_program("pdftoppm") else {
        return;
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("audit-report");
    std::fs::create_dir_all(&dir).unwrap();
    for lang in ["zh-Hant", "en"] {
        let output = odplint()
            .env("SOURCE_DATE_EPOCH", "1796169600")
            .args([
                "audit",
                "--format",
                "html",
                "--lang",
                lang,
                DEMO,
                SEED_FOLDER,
            ])
            .output()
            .unwrap();
        let report = String::from_utf8(output.stdout).unwrap();
        let page = dir.join(format!("{lang}.html"));
        std::fs::write(&page, &report).unwrap();

        for (label, width, longest) in [("wide", 1280, 9_000), ("narrow", 390, 22_000)] {
            let (scroll_width, viewport, height) = measure(&page, width);
            assert_eq!(
                viewport, width,
                "{lang} {label}: the window is {width} px wide"
            );
            assert!(
                scroll_width <= viewport,
                "{lang} {label}: the page is {scroll_width} px wide in a {viewport} px window"
            );
            assert!(
                (1_500..longest).contains(&height),
                "{lang} {label}: the page is {height} px long"
            );
            let png = dir.join(format!("{lang}-{label}.png"));
            let _ = std::fs::remove_file(&png);
            chromium(
                &page,
                &[
                    format!("--window-size={width},{height}"),
                    format!("--screenshot={}", png.display()),
                ],
            )
            .expect("Chromium finishes within two minutes");
            assert_eq!(png_size(&png), (width, height), "{lang} {label}");
            // A blank page of this size compresses to a few kilobytes.
            let bytes = std::fs::metadata(&png).unwrap().len();
            assert!(
                bytes > 40_000,
                "{lang} {label}: {bytes} bytes, nearly blank"
            );
        }

        let pdf = dir.join(format!("{lang}-print.pdf"));
        let _ = std::fs::remove_file(&pdf);
        chromium(
            &page,
            &[
                "--no-pdf-header-footer".to_string(),
                format!("--print-to-pdf={}", pdf.display()),
            ],
        )
        .expect("Chromium finishes within two minutes");
        for old in std::fs::read_dir(&dir).unwrap() {
            let old = old.unwrap().path();
            let name = old.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with(&format!("{lang}-print-")) && name.ends_with(".png") {
                std::fs::remove_file(old).unwrap();
            }
        }
        let status = StdCommand::new(&pdftoppm)
            .args(["-r", "60", "-png"])
            .arg(&pdf)
            .arg(dir.join(format!("{lang}-print")))
            .status()
            .unwrap();
        assert!(status.success());
        let mut pages: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| {
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                name.starts_with(&format!("{lang}-print-")) && name.ends_with(".png")
            })
            .collect();
        pages.sort();
        assert!(
            (2..=8).contains(&pages.len()),
            "{lang}: {} printed pages",
            pages.len()
        );
        for page in &pages {
            // A4 at 60 dpi: 8.27 x 11.69 inches.
            let (width, height) = png_size(page);
            assert!(
                (495..=497).contains(&width) && (700..=702).contains(&height),
                "{}: {width}x{height} is not A4 portrait",
                page.display()
            );
        }
    }
}

/// Runs headless Chromium on a page with its console log on standard error.
fn chromium_dump(page: &Path) -> Option<(String, String)> {
    chromium(
        page,
        &[
            "--enable-logging=stderr".to_string(),
            "--v=0".to_string(),
            "--dump-dom".to_string(),
        ],
    )
}

#[test]
fn needs_chromium_the_html_report_opens_in_headless_chromium_without_console_errors() {
    if common::require_program(CHROMIUM).is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, folders) in [
        ("audit.html", vec![DEMO, SEED_FOLDER]),
        ("hostile.html", vec![HOSTILE]),
    ] {
        let page = dir.path().join(name);
        let output = odplint()
            .args(["audit", "--format", "html", "--output-file"])
            .arg(&page)
            .args(&folders)
            .output()
            .unwrap();
        assert!(output.status.code().is_some());
        let Some((dom, log)) = chromium_dump(&page) else {
            panic!("Chromium did not finish on {name} within two minutes");
        };
        // The page has no script: any console message (an error, a blocked resource, a content
        // security policy violation) is a defect.
        let console: Vec<&str> = log
            .lines()
            .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
            .collect();
        assert!(console.is_empty(), "{name}: {console:#?}");
        assert!(dom.contains("<table class=\"plans\">"), "{name}: {dom}");
        assert!(dom.contains("<section class=\"organisation\""), "{name}");
        let lower = dom.to_lowercase();
        assert!(
            !lower.contains("<script"),
            "{name}: a script element was created"
        );
        assert!(
            !lower.contains("<img"),
            "{name}: an image element was created"
        );
        if name == "audit.html" {
            assert_eq!(dom.matches("<section class=\"organisation\"").count(), 2);
        }
    }
}

#[test]
fn audit_rules_are_listed_and_explained() {
    let output = odplint().args(["explain", "A001"]).output().unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.starts_with("# A001 promise-unaccounted"), "{text}");
    for heading in odplint::rule::DOC_HEADINGS {
        assert!(text.contains(heading), "{heading}");
    }
    let output = odplint()
        .args(["explain", "language-versions-differ"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let rules = String::from_utf8(odplint().arg("rules").output().unwrap().stdout).unwrap();
    let heading = rules.find("Audit rules").unwrap();
    for code in ["A001", "A002", "A003", "A004"] {
        assert!(
            rules.find(&format!("\n{code} ")).unwrap() > heading,
            "{code}"
        );
    }
}

/// Every YAML block under a heading of a rule's documentation.
fn yaml_blocks(rule: &odplint::rule::RuleMeta, heading: &str) -> Vec<String> {
    let section = rule.doc_section(heading).unwrap();
    section
        .split("```yaml\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

/// The audit codes found across plans made of the base plan with each fragment set into it.
fn audit_codes(fragments: &[String]) -> Vec<&'static str> {
    use odplint::document::Document;
    use odplint::model::Plan;
    let base_text = std::fs::read_to_string("tests/fixtures/base.yaml").unwrap();
    let documents: Vec<Document> = fragments
        .iter()
        .enumerate()
        .map(|(index, fragment)| {
            let mut plan = Document::parse("base.yaml", &base_text).value().unwrap();
            let fragment = Document::parse("example.yaml", fragment).value().unwrap();
            common::merge(&mut plan, &fragment);
            Document::parse(
                format!("example-{index}.json"),
                &serde_json::to_string_pretty(&plan).unwrap(),
            )
        })
        .collect();
    let plans: Vec<Option<Plan>> = documents.iter().map(Plan::from_document).collect();
    let inputs: Vec<_> = documents
        .iter()
        .zip(&plans)
        .map(|(d, p)| (d, p.as_ref()))
        .collect();
    odplint::audit::analyse(&inputs)
        .findings
        .iter()
        .map(|(_, d)| d.rule.code)
        .collect()
}

#[test]
fn documented_examples_of_the_audit_rules_behave_as_documented() {
    use odplint::registry::AUDIT;
    use odplint::rule::DOC_HEADINGS;
    for rule in AUDIT {
        let failing = yaml_blocks(rule, DOC_HEADINGS[2]);
        assert_eq!(failing.len(), 2, "{}: two plans fail together", rule.code);
        let codes = audit_codes(&failing);
        common::assert_failing_example(rule.code, &codes);
        let passing = yaml_blocks(rule, DOC_HEADINGS[3]);
        assert_eq!(passing.len(), 1, "{}", rule.code);
        let codes = audit_codes(&[failing[0].clone(), passing[0].clone()]);
        common::assert_passing_example(rule.code, &codes);
    }
}

#[test]
fn another_organisations_release_does_not_account_for_a_promise() {
    let dir = demo_copy(&[(
        "2024-2026.zh-Hant.yaml",
        "  D:\n    spatial:\n      rows:\n",
        "  D:\n    spatial:\n      rows:\n        - item: 2\n          category: 環境\n          name: 空氣質素監測站位置\n          description: 以GeoJSON格式列出空氣質素監測站的位置\n          release_date: 10/2023\n          frequency: 有需要時\n          organisation: 環境保護署\n",
    )]);
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    assert_eq!(
        statuses(&report, "空氣質素監測站位置"),
        [(s("2023-2025"), s("unaccounted"), false, None)]
    );
}

#[test]
fn plans_over_the_size_limit_are_refused_by_name_and_the_rest_audited() {
    // The demo plans are under 3 KB, the seed plan nearly 10 KB.
    let (code, stdout, stderr) = audit(&["--max-file-size", "4K", "--format", "json", DEMO, SEED]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("2024-2026.zh-Hant.yaml` is larger than the limit of 4096 bytes"),
        "{stderr}"
    );
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        report["plans"].as_array().unwrap().len(),
        6,
        "the demo plans are audited"
    );
}

#[test]
fn an_unreadable_later_release_date_is_unknown_not_on_time() {
    for unreadable in ["99/9999", "sometime"] {
        let dir = demo_copy(&[(
            "2024-2026.zh-Hant.yaml",
            "          name: 交通燈位置\n          description: 以GeoJSON格式列出交通燈的位置\n          release_date: 03/2023\n",
            &format!(
                "          name: 交通燈位置\n          description: 以GeoJSON格式列出交通燈的位置\n          release_date: {unreadable}\n"
            ),
        )]);
        let folder = dir.path().to_string_lossy().to_string();
        let report = audit_json(&[&folder]);
        let found = statuses(&report, "交通燈位置");
        assert!(
            found
                .iter()
                .any(|(period, status, _, _)| period == "2023-2025" && status == "date-unknown"),
            "{unreadable}: {found:?}"
        );
        assert!(report["summary"]["date_unknown"].as_u64() >= Some(1));
    }
}

#[test]
fn a_name_written_with_compatibility_ideographs_matches_the_same_name_typed_normally() {
    // U+F902 for 車 and U+F961 for 率: without folding, two of six characters differ, which is
    // beyond a fuzzy match, and the promise would be unaccounted.
    let dir = demo_copy(&[(
        "2024-2026.zh-Hant.yaml",
        "          name: 泊車位使用率\n",
        "          name: 泊\u{F902}位使用\u{F961}\n",
    )]);
    let folder = dir.path().to_string_lossy().to_string();
    let report = audit_json(&[&folder]);
    assert_eq!(
        statuses(&report, "泊車位使用率"),
        [(
            s("2023-2025"),
            s("late"),
            false,
            Some(s("泊\u{F902}位使用\u{F961}"))
        )]
    );
    // The demo's one unaccounted promise is another dataset.
    let unaccounted = diagnostics(&report, "A001");
    assert_eq!(unaccounted.len(), 1);
    assert!(
        !unaccounted[0]["message"]
            .as_str()
            .unwrap()
            .contains("泊車位")
    );
    let t007 = diagnostics(&report, "T007");
    assert_eq!(t007.len(), 1, "{t007:?}");
    assert!(
        t007[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("2024-2026.zh-Hant.yaml")
    );
}

#[test]
fn the_html_report_speaks_only_the_report_language() {
    let html = |lang: &str, folders: &[&str]| {
        let mut args = vec!["--format", "html", "--lang", lang];
        args.extend_from_slice(folders);
        audit(&args).1
    };
    let zh = html("zh-Hant", &[DEMO, SEED_FOLDER]);
    assert!(zh.starts_with("<!DOCTYPE html>\n<html lang=\"zh-Hant\">"));
    assert!(zh.contains("<dt>產生日期</dt><dd>2026年12月2日</dd>"));
    // Categories, severities and language names in Chinese.
    assert!(zh.contains(">法律及保安</span>"), "category labels");
    assert!(!zh.contains("Law and Security"));
    assert!(zh.contains("<td class=\"severity-error\">錯誤</td>"));
    assert!(!zh.contains(">error<") && !zh.contains(">warning<"));
    assert!(zh.contains("<th scope=\"col\">繁體中文</th><th scope=\"col\">英文</th>"));
    // The organisation is named as the report's language names it, from the plans.
    assert!(zh.contains("<th scope=\"row\" lang=\"zh-Hant\">示範署</th>"));
    let en = html("en", &[DEMO, SEED_FOLDER]);
    assert!(en.contains("<th scope=\"row\" lang=\"en\">Demonstration Department</th>"));
    // No text of the English catalogue's report strings is left in a Chinese report.
    let english = odplint::messages::catalogue(odplint::messages::Lang::En);
    for (id, text) in english.iter() {
        if (id.starts_with("audit.html.")
            || id.starts_with("audit.label.")
            || id.starts_with("audit.col."))
            && !text.contains('{')
            && text.contains(' ')
        {
            assert!(!zh.contains(text), "{id}: `{text}` in the zh-Hant report");
        }
    }

    // One plan: no promise can be followed, so there is no chart of years and no empty chart.
    let single = html("zh-Hant", &[SEED_FOLDER]);
    assert!(!single.contains("chart-years"));
    assert!(single.contains("chart-categories"));
    assert!(!single.contains("No data"));
    assert!(
        single.contains(
            &odplint::messages::Message::new("audit.html.nothing-to-follow")
                .render(odplint::messages::Lang::ZhHant)
        )
    );
}

#[test]
fn the_generation_date_follows_source_date_epoch_and_a_bad_one_is_refused() {
    let output = odplint()
        .env("SOURCE_DATE_EPOCH", "0")
        .args(["audit", "--format", "html", SEED_FOLDER])
        .output()
        .unwrap();
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.contains("<dt>Generated</dt><dd>1 January 1970</dd>"));
    let output = odplint()
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .args(["audit", "--format", "html", SEED_FOLDER])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("SOURCE_DATE_EPOCH must be a whole number"),
        "{stderr}"
    );
}

/// Tool errors (a missing file, one over the size limit) are part of the audit report in every
/// format, as `check` carries them, and the run exits 2.
#[test]
fn tool_errors_are_part_of_every_audit_format() {
    let args = |format: &'static str| {
        vec![
            "--max-file-size",
            "4K",
            "--format",
            format,
            "nope.yaml",
            DEMO,
            SEED,
        ]
    };
    let missing = "cannot read `nope.yaml`: no such file or folder";
    let large = "`plans/hkpf/2024-2026.zh-Hant.yaml` is larger than the limit of 4096 bytes";

    let (code, stdout, stderr) = audit(&args("human"));
    assert_eq!(code, Some(2));
    assert_eq!(stderr, "", "the terminal report carries them: {stderr}");
    let tail: Vec<&str> = stdout.lines().rev().take(6).collect();
    assert!(
        tail.iter()
            .any(|l| l.starts_with("odplint: error: ") && l.contains(missing)),
        "listed just before the summary: {stdout}"
    );
    assert!(tail.iter().any(|l| l.contains(large)), "{stdout}");
    assert_eq!(
        tail[0],
        "Errors of odplint itself: 2. What they name was not audited; the report is incomplete."
    );

    let (code, stdout, stderr) = audit(&args("json"));
    assert_eq!(code, Some(2));
    assert!(stderr.contains(missing), "and on standard error: {stderr}");
    let report: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["summary"]["tool_errors"], 2);
    assert_eq!(report["summary"]["files"], 6, "the rest is audited");
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors[0]["file"], "nope.yaml");
    assert_eq!(errors[0]["kind"], "not-found");
    assert_eq!(errors[1]["file"], SEED);
    assert_eq!(errors[1]["kind"], "too-large");

    let (code, stdout, _) = audit(&args("csv"));
    assert_eq!(code, Some(2));
    let rows: Vec<Vec<String>> = stdout.lines().skip(1).map(split_csv).collect();
    let error_rows: Vec<&Vec<String>> = rows.iter().filter(|r| r[5] == "tool-error").collect();
    assert_eq!(error_rows.len(), 2, "{stdout}");
    assert_eq!(error_rows[0][10], "nope.yaml");
    assert!(error_rows[0][3].contains(missing), "{stdout}");
    assert_eq!(error_rows[1][10], SEED);
    assert!(
        error_rows
            .iter()
            .all(|r| r[0].is_empty() && r[11].is_empty()),
        "{stdout}"
    );

    let (code, stdout, _) = audit(&args("markdown"));
    assert_eq!(code, Some(2));
    assert!(
        stdout.contains("\n### Errors of odplint\n\n- cannot read \\`nope.yaml\\`"),
        "{stdout}"
    );
    assert!(
        stdout.contains("- Errors of odplint itself: 2."),
        "{stdout}"
    );

    let (code, stdout, _) = audit(&args("html"));
    assert_eq!(code, Some(2));
    let section = stdout
        .split("<section id=\"tool-errors\"")
        .nth(1)
        .and_then(|rest| rest.split("</section>").next())
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(
        section.contains("<li data-kind=\"not-found\">cannot read `nope.yaml`"),
        "{section}"
    );
    assert!(
        section.contains("<li data-kind=\"too-large\">"),
        "{section}"
    );
    assert!(
        stdout.find("id=\"tool-errors\"") < stdout.find("id=\"summary\""),
        "seen first"
    );

    // Without errors no format gains anything (the snapshots of `each_format_is_stable`).
}
