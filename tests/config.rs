//! Configuration as users write it: odplint.toml found by walking up, --config, --select,
//! --ignore, fail-on, and clear errors for unknown keys.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

fn odplint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    // Messages follow the locale; tests pin English unless they test another language.
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command.current_dir(dir);
    command
}

fn codes(output: &std::process::Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            line.split_once('[')
                .and_then(|(_, rest)| rest.split_once(']'))
        })
        .map(|(code, _)| code.to_string())
        .collect()
}

/// A project folder with the seed plan in `plans/hkpf/` and an optional odplint.toml at its root.
fn project(config: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("plans/hkpf")).unwrap();
    fs::write(dir.path().join("plans/hkpf/2024-2026.zh-Hant.yaml"), SEED).unwrap();
    if let Some(config) = config {
        fs::write(dir.path().join("odplint.toml"), config).unwrap();
    }
    dir
}

#[test]
fn the_nearest_configuration_sets_levels_and_fail_on() {
    let dir = project(Some(
        "[rules]\nD001 = \"warning\"\nstray-whitespace = \"off\"\n",
    ));
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "plans"])
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["T006", "D001", "D001", "D001"]);
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("warning[D001]"), "{text}");
    assert_eq!(output.status.code(), Some(0), "only warnings remain");

    fs::write(dir.path().join("odplint.toml"), "fail-on = \"warning\"\n").unwrap();
    odplint(dir.path())
        .args(["check", "plans"])
        .assert()
        .code(1);
    // The command line overrides the file.
    odplint(dir.path())
        .args(["check", "--fail-on", "error", "--ignore", "D001", "plans"])
        .assert()
        .code(0);
}

#[test]
fn select_and_ignore_take_codes_names_and_prefixes() {
    let dir = project(None);
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "--select", "T", "plans"])
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["T006", "T001"]);
    let output = odplint(dir.path())
        .args([
            "check",
            "--format",
            "concise",
            "--ignore",
            "date-format,T006",
            "plans",
        ])
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["T001"]);
    // --select brings back a rule the configuration turned off.
    fs::write(dir.path().join("odplint.toml"), "[rules]\nT001 = \"off\"\n").unwrap();
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "--select", "T001", "plans"])
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["T001"]);
    let output = odplint(dir.path())
        .args(["check", "--select", "X9", "plans"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("`X9` selects no rule"));
    let output = odplint(dir.path())
        .args(["check", "--ignore", "date-fromat", "plans"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("`date-fromat` selects no rule (did you mean `date-format`?)")
    );
}

#[test]
fn an_unknown_key_is_a_tool_error_naming_it_and_its_line() {
    let dir = project(Some("fail-on = \"error\"\n\n[rule]\nD001 = \"off\"\n"));
    let output = odplint(dir.path())
        .args(["check", "plans"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    // The terminal report carries the error (before its summary), so it is not repeated on
    // standard error.
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("odplint.toml:3:2: unknown field `rule`"),
        "{stdout}"
    );
    assert!(stdout.contains("Errors of odplint itself: 1"), "{stdout}");
}

/// A broken odplint.toml is part of the report in every format (a tool error naming its
/// file, line and column), its plans are left unchecked, the others are checked, exit 2.
#[test]
fn a_broken_configuration_is_an_error_of_every_report() {
    let dir = project(None);
    fs::create_dir_all(dir.path().join("plans/other")).unwrap();
    fs::write(dir.path().join("plans/other/2024-2026.zh-Hant.yaml"), SEED).unwrap();
    fs::write(
        dir.path().join("plans/other/odplint.toml"),
        "fail-on = \"error\"\n[rules]\nD01 = \"off\"\n",
    )
    .unwrap();
    let place = "plans/other/odplint.toml:3:1: no rule is called `D01`";
    for (format, expected) in [
        ("human", place),
        ("concise", place),
        ("json", "\"kind\": \"config\""),
        ("sarif", "\"executionSuccessful\": false"),
        ("junit", "<error type=\"config\""),
        ("github", "::error file=plans/other/odplint.toml,"),
    ] {
        let output = odplint(dir.path())
            .args(["check", "--format", format, "plans"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(expected), "{format}: {stdout}");
        assert!(stdout.contains(place), "{format}: {stdout}");
        assert_eq!(stdout.matches(place).count(), 1, "{format}: once: {stdout}");
        // The plan beside the good (default) configuration is still checked; the other not.
        assert!(
            stdout.contains("plans/hkpf/2024-2026.zh-Hant.yaml"),
            "{format}"
        );
        assert!(
            !stdout.contains("plans/other/2024-2026.zh-Hant.yaml"),
            "{format}: {stdout}"
        );
    }
    // `--config` naming a broken file: the report says so, nothing is checked.
    let output = odplint(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--config",
            "plans/other/odplint.toml",
            "plans",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["summary"]["tool_errors"], 1, "{report}");
    assert_eq!(report["summary"]["files"], 0, "{report}");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("plans/other/odplint.toml:3:1:"),
        "{report}"
    );
    // And audit, in each of its formats.
    for (format, expected) in [
        ("human", "odplint: error: plans/other/odplint.toml:3:1"),
        ("json", "\"tool_errors\": 1"),
        ("csv", ",tool-error,"),
        ("markdown", "### Errors of odplint"),
        ("html", "<section id=\"tool-errors\""),
    ] {
        let output = odplint(dir.path())
            .args(["audit", "--format", format, "plans"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "audit {format}");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains(expected), "audit {format}: {stdout}");
        assert!(
            stdout.contains("plans/other/odplint.toml:3:1"),
            "audit {format}: {stdout}"
        );
    }
}

#[test]
fn an_explicit_config_file_applies_to_every_file() {
    let dir = project(Some("[rules]\nD001 = \"off\"\n"));
    let other = dir.path().join("strict.toml");
    fs::write(&other, "[rules]\nT001 = \"off\"\nT006 = \"off\"\n").unwrap();
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "--config"])
        .arg(&other)
        .arg("plans")
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["D001", "D001", "D001"]);
    odplint(dir.path())
        .args(["check", "--config", "missing.toml", "plans"])
        .assert()
        .code(2);
}

#[test]
fn extra_vocabulary_is_accepted() {
    let base = include_str!("fixtures/base.yaml").replace(
        "category: 法律及保安\n          name: 罪案",
        "category: 智慧城市\n          name: 罪案",
    );
    let dir = project(None);
    fs::write(dir.path().join("plans/plan.yaml"), &base).unwrap();
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "plans/plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(codes(&output), ["C001"]);
    fs::write(
        dir.path().join("odplint.toml"),
        "[categories]\nzh-Hant = [\"智慧城市\"]\n",
    )
    .unwrap();
    let output = odplint(dir.path())
        .args(["check", "--format", "concise", "plans/plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(codes(&output), Vec::<String>::new());
}

#[test]
fn the_documented_configuration_example_is_a_valid_configuration() {
    let readme = include_str!("../docs/configuration.md");
    let section = &readme[readme.find("# Configuration").unwrap()..];
    let start = section.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &section[start..start + section[start..].find("```").unwrap()];
    let config = odplint::config::Config::parse(example, Path::new("odplint.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    assert_eq!(config.include, ["plans/**/*.yaml"]);
    assert!(config.excludes().contains(&"archive/**/*.json".to_string()));
}
