//! Hostile and broken input: every case ends quickly with a located, readable finding or a clear
//! tool error — never a panic, a hang or unbounded memory — and the other files are still checked.

use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .timeout(Duration::from_secs(60));
    command
}

/// A finding as (code, line, column, message).
type Finding = (String, u64, u64, String);

/// Checks one fixture; returns the exit code, the findings and standard error.
fn check(name: &str) -> (i32, Vec<Finding>, String) {
    let output = odplint()
        .args(["check", "--format", "json"])
        .arg(format!("tests/fixtures/hostile/{name}"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    let code = output.status.code().expect("ended by a signal");
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    let findings = report["diagnostics"]
        .as_array()
        .map(|all| {
            all.iter()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap().to_string(),
                        d["line"].as_u64().unwrap(),
                        d["column"].as_u64().unwrap(),
                        d["message"].as_str().unwrap().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (code, findings, stderr)
}

fn single(name: &str) -> Finding {
    let (code, findings, stderr) = check(name);
    assert_eq!(code, 1, "{name}: {findings:?} {stderr}");
    assert_eq!(findings.len(), 1, "{name}: {findings:?}");
    findings.into_iter().next().unwrap()
}

#[test]
fn alias_bombs_stop_at_the_expansion_limit() {
    let (code, line, _, message) = single("billion-laughs.yaml");
    assert_eq!((code.as_str(), line), ("S001", 6));
    assert!(
        message.contains("aliases expand to more than 100000 nodes"),
        "{message}"
    );
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    for name in ["deep-flow.yaml", "deep-mapping.yaml", "deep.json"] {
        let (code, line, _, message) = single(name);
        assert_eq!((code.as_str(), line), ("S001", 1), "{name}");
        assert!(
            message.contains("depth") || message.contains("recursion"),
            "{name}: {message}"
        );
    }
    // Deep block indentation parses; it is simply not a plan.
    let (code, findings, _) = check("deep-indent.yaml");
    assert_eq!(code, 1);
    assert!(
        findings.iter().all(|f| f.0 == "S003" || f.0 == "S004"),
        "{findings:?}"
    );
}

#[test]
fn encodings_are_located_or_named() {
    assert_eq!(
        single("invalid-utf8.yaml"),
        (
            "S001".to_string(),
            2,
            15,
            "the file does not parse: the file is not valid UTF-8 (byte 0xE9 at offset 33); save it as UTF-8".to_string()
        )
    );
    let (code, _, _, message) = single("utf16-bom.yaml");
    assert_eq!(code, "S001");
    assert!(message.contains("UTF-16"), "{message}");
    let (code, findings, _) = check("nul-bytes.yaml");
    assert_eq!(code, 1);
    assert_eq!(findings[0].0, "S001");
    assert_eq!(findings[0].1, 48);
}

#[test]
fn crlf_lone_cr_and_bom_keep_positions() {
    for name in ["utf8-bom.yaml", "crlf.yaml", "lone-cr.yaml"] {
        let (code, line, column, message) = single(name);
        assert_eq!((code.as_str(), line, column), ("D001", 50, 25), "{name}");
        assert_eq!(message, "`2/2015` is not a date in MM/YYYY form");
    }
}

#[test]
fn yaml_shapes_that_are_not_one_plan() {
    let (code, line, _, message) = single("tab-indent.yaml");
    assert_eq!((code.as_str(), line), ("S001", 10));
    assert!(message.contains("tab"), "{message}");
    let (code, line, _, message) = single("two-documents.yaml");
    assert_eq!((code.as_str(), line), ("S001", 61));
    assert!(message.contains("second YAML document"), "{message}");
    for name in ["empty.yaml", "only-comments.yaml"] {
        let (code, _, _, message) = single(name);
        assert_eq!(code, "S001", "{name}");
        assert!(
            message.contains("holds no YAML document"),
            "{name}: {message}"
        );
    }
    for name in ["not-a-mapping.yaml", "scalar.json"] {
        let (code, line, column, message) = single(name);
        assert_eq!((code.as_str(), line, column), ("S003", 1, 1), "{name}");
        assert!(
            message.starts_with("the plan must be a mapping"),
            "{name}: {message}"
        );
    }
}

#[test]
fn control_characters_in_keys_cannot_reach_the_terminal() {
    let (code, line, _, message) = single("control-in-keys.yaml");
    assert_eq!((code.as_str(), line), ("S003", 2));
    assert_eq!(message, "unknown key `form\\u{7}at\\u{1b}[31m` in the plan");
    let output = odplint()
        .args([
            "check",
            "--color",
            "never",
            "tests/fixtures/hostile/control-in-keys.yaml",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let message_lines: Vec<&str> = text.lines().filter(|l| l.contains("unknown key")).collect();
    assert!(
        message_lines
            .iter()
            .all(|l| !l.contains('\u{1b}') && !l.contains('\u{7}')),
        "{text}"
    );
}

#[test]
fn a_very_long_line_is_checked() {
    let (code, findings, _) = check("long-line.yaml");
    assert_eq!((code, findings.len()), (0, 0));
}

#[test]
fn files_over_the_size_limit_are_refused_by_name_and_the_rest_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    // 50 MB of a plausible plan: generated here, never committed.
    let row = "        - item: 1\n          category: 法律及保安\n          name: 數據集\n";
    let mut text = String::from(include_str!("fixtures/base.yaml"));
    while text.len() < 50 * 1024 * 1024 {
        text.push_str(row);
    }
    std::fs::write(&big, &text).unwrap();
    let output = odplint()
        .args(["check", "--format", "concise"])
        .arg(&big)
        .arg("plans/hkpf/2024-2026.zh-Hant.yaml")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // The concise report lists the error before its summary line.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("big.yaml` is larger than the limit of 16777216 bytes"),
        "{stdout}"
    );
    assert!(stdout.contains("2024-2026.zh-Hant.yaml:117:25"));
    // A raised limit reads it; a lowered one refuses even the seed plan.
    odplint()
        .args([
            "check",
            "--max-file-size",
            "1K",
            "plans/hkpf/2024-2026.zh-Hant.yaml",
        ])
        .assert()
        .code(2);
    odplint()
        .args(["check", "--max-file-size", "lots", "plans/"])
        .assert()
        .code(2);
}

#[test]
fn the_number_of_findings_shown_per_file_is_bounded() {
    let output = odplint()
        .args([
            "check",
            "--format",
            "concise",
            "--max-diagnostics",
            "2",
            "plans/",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text.lines()
            .filter(|l| l.contains("[D001]") || l.contains("[T00"))
            .count(),
        2
    );
    assert!(
        text.contains("… and 3 more finding(s) in plans/hkpf/2024-2026.zh-Hant.yaml"),
        "{text}"
    );
    assert!(
        text.contains("Problems: 5"),
        "the summary counts them all: {text}"
    );
}

/// A finding past column 65,535 is drawn cut around its label, at its exact position, without a
/// panic; control characters in the shown line reach the terminal escaped.
#[test]
fn a_finding_past_column_65535_is_drawn_cut_and_escaped() {
    let base = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/base.yaml"
    ))
    .unwrap();
    let long = format!(
        "description: {}\u{1b}]0;title\u{7} 交通意外 數字",
        "x".repeat(70_000)
    );
    let text = base.replacen(
        "description: 以CSV格式的表格列出每年總體罪案、暴力罪案及一些罪案的比較",
        &long,
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.yaml");
    std::fs::write(&path, &text).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_odplint"))
        .args(["check", "--format", "human"])
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_ne!(
        output.status.code(),
        Some(101),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let line = text[..text.find("交通意外 數字").unwrap()].lines().count();
    let column = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find(" 數字")
        .map(|b| text.lines().nth(line - 1).unwrap()[..b].chars().count() + 1);
    assert!(
        stdout.contains(&format!("long.yaml:{line}:{}]", column.unwrap())),
        "{stdout}"
    );
    let drawn = stdout
        .lines()
        .find(|l| l.contains("交通意外 數字"))
        .unwrap();
    assert!(drawn.chars().count() < 300, "{drawn}");
    assert!(
        drawn.contains("\\u{1b}") && drawn.contains("\\u{7}"),
        "{drawn}"
    );
    assert!(!drawn.contains('\u{1b}') && !drawn.contains('\u{7}'));
}

/// A CSV whose header and rows have 10,000 extra columns: the unknown header names are one
/// finding, each row's extra cells one more, and the output stays small in every format.
#[test]
fn a_csv_with_ten_thousand_extra_columns_gives_a_bounded_report() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/english.csv"),
    )
    .unwrap();
    let extra: String = (0..10_000).map(|i| format!(",extra column {i}")).collect();
    let cells: String = (0..10_000).map(|i| format!(",value {i}")).collect();
    let mut csv = String::new();
    for (index, line) in base.lines().enumerate() {
        csv.push_str(line);
        csv.push_str(if index == 0 { &extra } else { &cells });
        csv.push('\n');
    }
    let path = dir.path().join("wide.csv");
    std::fs::write(&path, &csv).unwrap();
    for format in ["human", "concise", "json"] {
        let output = odplint()
            .args([
                "import",
                "--organisation",
                "X",
                "--title",
                "2024-2026 plan",
                "--published",
                "12/2023",
                "--format",
                format,
            ])
            .arg(&path)
            .arg("-o")
            .arg(dir.path().join(format!("out-{format}.yaml")))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(!String::from_utf8_lossy(&output.stderr).contains("panicked"));
        assert!(
            output.stdout.len() < 200_000,
            "{format}: {} bytes for a {} byte CSV",
            output.stdout.len(),
            csv.len()
        );
        if format == "concise" {
            assert_eq!(stdout.matches("[I007]").count(), 1, "{stdout}");
            assert!(
                stdout
                    .contains("the 10000 CSV columns from `extra column 0` to `extra column 9999`"),
                "{stdout}"
            );
        }
    }
}

/// A fix that rewrites a 50 KB cell does not quote it in its message, its help and its fix
/// description: SARIF repeats per finding only what locates and describes it, plus the
/// replacement text itself.
#[test]
fn sarif_of_long_cells_repeats_no_cell_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base.yaml"),
    )
    .unwrap();
    let long = format!("  {}", "以CSV格式列出統計數字".repeat(4000));
    let text = base.replacen(
        "description: 以CSV格式的表格列出每年總體罪案、暴力罪案及一些罪案的比較",
        &format!("description: \"{long}\""),
        1,
    );
    assert_ne!(text, base);
    let path = dir.path().join("plan.yaml");
    std::fs::write(&path, &text).unwrap();
    for format in ["sarif", "json", "human", "concise", "github", "junit"] {
        let output = odplint()
            .args(["check", "--format", format])
            .arg(&path)
            .output()
            .unwrap();
        // The leading spaces are a warning (T001) with a fix that rewrites the whole cell.
        assert_eq!(output.status.code(), Some(0), "{format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("T001"), "{format}: {stdout}");
        // At most the replacement once (SARIF and JSON carry the fix's edit) beyond what the
        // same format says of the plan without the long cell (SARIF's rule metadata).
        let plain = odplint()
            .args(["check", "--format", format, "tests/fixtures/base.yaml"])
            .output()
            .unwrap();
        assert!(
            output.stdout.len() < plain.stdout.len() + long.len() + 20_000,
            "{format}: {} bytes for a {} byte cell",
            output.stdout.len(),
            long.len()
        );
    }
}
