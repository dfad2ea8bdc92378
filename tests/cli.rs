//! The command line as users and CI run it: exit codes, formats, stdin, folders, errors.

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    // Messages follow the locale; tests pin English unless they test another language.
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env("COLUMNS", "100");
    command
}

fn stdout_of(command: &mut Command) -> String {
    String::from_utf8(command.output().unwrap().stdout).unwrap()
}

const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

#[test]
fn the_seed_plan_gives_exactly_its_five_published_defects() {
    let output = odplint()
        .args(["check", "--format", "json", "plans/"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let found: Vec<(String, String, u64, u64)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["message"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
            )
        })
        .collect();
    let expected = [
        (
            "T006",
            "the bracket `（` is closed by `)`, of the other width",
            104,
            125,
        ),
        ("D001", "`2/2015` is not a date in MM/YYYY form", 117, 25),
        ("D001", "`5/2016` is not a date in MM/YYYY form", 134, 25),
        (
            "T001",
            "there is a space between two Chinese characters in `…計的交通意外 數字及各警察…`",
            136,
            51,
        ),
        ("D001", "`2/2015` is not a date in MM/YYYY form", 144, 25),
    ];
    assert_eq!(found.len(), expected.len(), "{found:?}");
    for (found, expected) in found.iter().zip(expected) {
        assert_eq!(
            (found.0.as_str(), found.1.as_str(), found.2, found.3),
            expected
        );
    }
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["errors"], 3);
    assert_eq!(report["summary"]["warnings"], 2);
}

#[test]
fn human_output_of_the_seed_is_stable() {
    let output = stdout_of(odplint().args(["check", "--color", "never", SEED]));
    insta::assert_snapshot!("seed-human", output);
}

#[test]
fn concise_output_is_one_line_per_finding() {
    let output = odplint()
        .args(["check", "--format", "concise", SEED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("seed-concise", String::from_utf8(output.stdout).unwrap());
}

#[test]
fn json_output_has_the_documented_shape() {
    let output = stdout_of(odplint().args(["check", "--format", "json", SEED]));
    insta::assert_snapshot!("seed-json", output);
    let report: Value = serde_json::from_str(&output).unwrap();
    assert_eq!(report["version"], 1);
    let first = &report["diagnostics"][1];
    for key in common::JSON_DIAGNOSTIC_KEYS {
        assert!(first.get(key).is_some(), "missing {key}");
    }
    assert_eq!(
        first["pointer"],
        "/sections/D/non_spatial/rows/3/release_date"
    );
    assert_eq!(first["fix"]["applicability"], "safe");
    assert_eq!(first["fix"]["edits"][0]["replacement"], "02/2015");
}

#[test]
fn json_columns_count_characters_on_chinese_lines() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap();
    // Put the defect after Chinese text on the same line, in a flow mapping.
    let text = base.replace(
        "          name: 罪案數字比較\n          description: 以CSV格式的表格列出每年總體罪案、暴力罪案及一些罪案的比較\n          release_date: 10/2016\n",
        "          {name: 罪案數字比較, description: 以CSV格式列出, release_date: 2/2015}\n",
    )
    .replace("        - item: 1\n          category: 法律及保安\n          {", "        - {item: 1, category: 法律及保安, ")
    .replace("release_date: 2/2015}\n          frequency: 每三個月及有需要時\n", "release_date: 2/2015, frequency: 每三個月及有需要時}\n");
    let path = dir.path().join("plan.yaml");
    std::fs::write(&path, &text).unwrap();
    let output = odplint()
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    let diagnostics = report["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{report:#}");
    let line_text = text
        .lines()
        .nth(diagnostics[0]["line"].as_u64().unwrap() as usize - 1)
        .unwrap();
    let column = diagnostics[0]["column"].as_u64().unwrap() as usize;
    let prefix: String = line_text.chars().take(column - 1).collect();
    assert!(
        line_text
            .chars()
            .skip(column - 1)
            .collect::<String>()
            .starts_with("2/2015"),
        "{line_text}"
    );
    assert!(prefix.contains("法律及保安"));
    assert!(
        line_text.find("2/2015").unwrap() > column,
        "columns must count characters, not bytes"
    );
    assert_eq!(
        diagnostics[0]["end_column"].as_u64().unwrap() as usize,
        column + "2/2015".len()
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let warn_only = "tests/fixtures/rules/M002/fail-published-in-period.yaml";
    odplint().args(["check", warn_only]).assert().code(0);
    odplint()
        .args(["check", "--fail-on", "warning", warn_only])
        .assert()
        .code(1);
    odplint()
        .args(["check", "--fail-on", "info", warn_only])
        .assert()
        .code(1);
    odplint()
        .args(["check", "tests/fixtures/base.yaml"])
        .assert()
        .code(0);
    odplint()
        .args(["check", "--fail-on", "info", "tests/fixtures/base.yaml"])
        .assert()
        .code(0);
}

#[test]
fn a_missing_file_is_a_tool_error_and_other_files_are_still_checked() {
    let output = odplint()
        .args(["check", "--format", "concise", "no-such-plan.yaml", SEED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // The formats people read list the error before the summary, which counts it.
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("error[D001]"), "{stdout}");
    let error_at = stdout
        .find("odplint: error: cannot read `no-such-plan.yaml`")
        .expect(&stdout);
    let summary_at = stdout.find("Problems: ").unwrap();
    assert!(error_at < summary_at, "{stdout}");
    assert!(
        stdout.contains("Errors of odplint itself: 1 (listed above)"),
        "{stdout}"
    );
}

#[test]
fn a_missing_file_appears_in_every_machine_format() {
    for format in ["json", "sarif", "junit", "github"] {
        let output = odplint()
            .args(["check", "--format", format, "no-such-plan.yaml", "plans/"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(
            stderr.contains("cannot read `no-such-plan.yaml`"),
            "{stderr}"
        );
        match format {
            "json" => {
                let report: Value = serde_json::from_str(&stdout).unwrap();
                assert_eq!(report["errors"][0]["file"], "no-such-plan.yaml");
                assert_eq!(report["errors"][0]["kind"], "not-found");
                assert_eq!(report["summary"]["tool_errors"], 1);
            }
            "sarif" => {
                let report: Value = serde_json::from_str(&stdout).unwrap();
                let invocation = &report["runs"][0]["invocations"][0];
                assert_eq!(invocation["executionSuccessful"], false);
                let notification = &invocation["toolExecutionNotifications"][0];
                assert_eq!(
                    notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                    "no-such-plan.yaml"
                );
            }
            "junit" => {
                assert!(stdout.contains(r#"errors="1">"#), "{stdout}");
                assert!(
                    stdout.contains(
                        r#"<testsuite name="no-such-plan.yaml" tests="1" failures="0" errors="1""#
                    ),
                    "{stdout}"
                );
                assert!(stdout.contains(r#"<error type="not-found""#), "{stdout}");
            }
            _ => assert!(
                stdout.contains("::error file=no-such-plan.yaml,title=odplint error::cannot read"),
                "{stdout}"
            ),
        }
    }
}

#[test]
fn usage_errors_exit_2() {
    odplint().args(["check"]).assert().code(2);
    odplint()
        .args(["check", "--format", "xml", SEED])
        .assert()
        .code(2);
    odplint().args(["frobnicate"]).assert().code(2);
    odplint().args(["explain", "X999"]).assert().code(2);
}

#[test]
fn stdin_is_read_with_its_given_name() {
    let text = std::fs::read_to_string(SEED).unwrap();
    let output = odplint()
        .args([
            "check",
            "--format",
            "concise",
            "--stdin-filename",
            "hkpf.yaml",
            "-",
        ])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains("\nhkpf.yaml:117:25: error[D001]"),
        "{stdout}"
    );

    let json = std::fs::read_to_string("tests/fixtures/rules/S001/pass.json").unwrap();
    odplint()
        .args(["check", "--stdin-filename", "plan.json", "-"])
        .write_stdin(json)
        .assert()
        .code(0);
}

#[test]
fn folders_are_searched_in_a_stable_order() {
    let output =
        stdout_of(odplint().args(["check", "--format", "concise", "tests/fixtures/rules/D001"]));
    let files: Vec<&str> = output
        .lines()
        .filter(|l| l.starts_with("tests/"))
        .filter_map(|l| l.split(':').next())
        .collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    assert!(
        output.contains("fail-quoted.json"),
        "JSON files are found too"
    );
    assert!(output.contains("files checked: 7"), "{output}");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plain = stdout_of(odplint().args(["check", SEED]));
    assert!(!plain.contains('\u{1b}'), "piped output has no colour");
    let forced = stdout_of(odplint().args(["check", "--color", "always", SEED]));
    assert!(forced.contains('\u{1b}'));
    let never = stdout_of(odplint().env("NO_COLOR", "1").args(["check", SEED]));
    assert!(!never.contains('\u{1b}'));
}

#[test]
fn explain_rules_and_schema_print_their_texts() {
    let explain = stdout_of(odplint().args(["explain", "date-format"]));
    assert!(explain.starts_with("# D001 date-format"));
    assert!(explain.contains("## Example that fails"));
    assert_eq!(explain, stdout_of(odplint().args(["explain", "d001"])));

    let rules = stdout_of(odplint().args(["rules"]));
    insta::assert_snapshot!("rules-table", rules);
    let json: Value =
        serde_json::from_str(&stdout_of(odplint().args(["rules", "--format", "json"]))).unwrap();
    assert_eq!(
        json.as_array().unwrap().len(),
        odplint::rules::ALL.len()
            + odplint::registry::IMPORT.len()
            + odplint::registry::AUDIT.len()
    );
    assert_eq!(json[0]["command"], "check");
    assert_eq!(json.as_array().unwrap().last().unwrap()["command"], "audit");
    let explain = stdout_of(odplint().args(["explain", "I005"]));
    assert!(explain.starts_with("# I005 guessed-structure"));
    let explain = stdout_of(odplint().args(["explain", "A001"]));
    assert!(explain.starts_with("# A001 promise-unaccounted"));

    let schema: Value = serde_json::from_str(&stdout_of(odplint().args(["schema"]))).unwrap();
    let published: Value =
        serde_json::from_str(&std::fs::read_to_string("schemas/plan.schema.json").unwrap())
            .unwrap();
    assert_eq!(schema, published);
}

#[test]
fn a_closed_stdout_is_not_a_panic() {
    use std::io::Read;
    use std::process::{Command as StdCommand, Stdio};
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("odplint"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "--format", "json", "tests/fixtures", "plans"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read one byte, then hang up, as `| head -c1` would.
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    stdout.read_exact(&mut byte).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(output.status.code(), None, "killed by a signal");
}

const CI_FIXTURE: &str = "tests/fixtures/ci/plan.yaml";

#[test]
fn output_file_gets_the_report_and_the_terminal_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["sarif", "json", "junit", "github", "concise", "human"] {
        let path = dir.path().join(format!("report.{format}"));
        std::fs::write(&path, "an older report, replaced whole").unwrap();
        let output = odplint()
            .args([
                "check",
                "--color",
                "never",
                "--format",
                format,
                "--output-file",
            ])
            .arg(&path)
            .arg(CI_FIXTURE)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert_eq!(
            String::from_utf8(output.stdout).unwrap(),
            "Problems: 7 (errors: 1, warnings: 5, infos: 1); files checked: 1.\n",
            "{format}"
        );
        let direct = stdout_of(
            odplint().args(["check", "--color", "never", "--format", format, CI_FIXTURE]),
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), direct, "{format}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("report."))
        .collect();
    assert!(left.is_empty(), "no temporary file is left: {left:?}");
}

#[test]
fn an_output_file_that_cannot_be_written_is_a_tool_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-folder/report.sarif");
    let output = odplint()
        .args(["check", "--format", "sarif", "--output-file"])
        .arg(&path)
        .arg(CI_FIXTURE)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("odplint: error: cannot write `"),
        "{stderr}"
    );
    assert!(stderr.contains("report.sarif"), "{stderr}");
    assert!(!path.exists());
}

#[test]
fn statistics_count_findings_per_rule() {
    let output =
        stdout_of(odplint().args(["check", "--format", "concise", "--statistics", CI_FIXTURE]));
    let table = output
        .split_once("files checked: 1.\n")
        .map(|(_, rest)| rest)
        .unwrap();
    assert_eq!(
        table,
        "\n4  T001  stray-whitespace\n1  D001  date-format\n1  S005  unused-allow\n1  T003  duplicate-dataset\n"
    );
    let human =
        stdout_of(odplint().args(["check", "--color", "never", "--statistics", CI_FIXTURE]));
    assert!(human.ends_with(table), "{human}");

    let json: Value = serde_json::from_str(&stdout_of(odplint().args([
        "check",
        "--format",
        "json",
        "--statistics",
        CI_FIXTURE,
    ])))
    .unwrap();
    assert_eq!(
        json["statistics"],
        serde_json::json!([
            {"code": "T001", "name": "stray-whitespace", "count": 4},
            {"code": "D001", "name": "date-format", "count": 1},
            {"code": "S005", "name": "unused-allow", "count": 1},
            {"code": "T003", "name": "duplicate-dataset", "count": 1},
        ])
    );
    let without: Value = serde_json::from_str(&stdout_of(
        odplint().args(["check", "--format", "json", CI_FIXTURE]),
    ))
    .unwrap();
    assert!(
        without.get("statistics").is_none(),
        "the shape is unchanged without the flag"
    );

    // SARIF has no place for a table: it goes to standard error, the document stays whole.
    let output = odplint()
        .args(["check", "--format", "sarif", "--statistics", CI_FIXTURE])
        .output()
        .unwrap();
    let _: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("4  T001  stray-whitespace")
    );

    // With --output-file the table follows the summary on the terminal.
    let dir = tempfile::tempdir().unwrap();
    let terminal = stdout_of(
        odplint()
            .args([
                "check",
                "--format",
                "sarif",
                "--statistics",
                "--output-file",
            ])
            .arg(dir.path().join("r.sarif"))
            .arg(CI_FIXTURE),
    );
    assert!(terminal.ends_with(table), "{terminal}");
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = odplint().args(["completions", shell]).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8(output.stdout).unwrap();
        assert!(script.contains("check"), "{shell}");
        assert!(script.contains("output-file"), "{shell}");
    }
    odplint().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn every_command_has_help_with_examples() {
    use clap::CommandFactory;
    let command = odplint::cli::Cli::command();
    let mut names = vec![None];
    names.extend(
        command
            .get_subcommands()
            .map(|c| Some(c.get_name().to_string())),
    );
    for name in names {
        let mut args = vec!["odplint".to_string()];
        args.extend(name.clone());
        args.push("--help".to_string());
        let help = stdout_of(odplint().args(&args[1..]));
        assert!(help.contains("Examples:\n  odplint "), "{name:?}:\n{help}");
    }
}
