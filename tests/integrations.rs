//! The files that plug odplint into other tools: the pre-commit hook definition, the GitHub
//! Action and the workflow that uses it. Each must parse and name a real command.

use std::path::Path;

use clap::Parser;
use odplint::document::Document;
use serde_json::Value;

fn read(relative: &str) -> Document {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let text = std::fs::read_to_string(&path).unwrap();
    let document = Document::parse(relative, &text);
    assert!(
        document.problems.is_empty(),
        "{relative}: {:?}",
        document.problems
    );
    document
}

/// Parses an odplint command line as the binary would, with a plan path added.
fn parses(words: &[&str]) -> bool {
    let mut args = vec!["odplint"];
    args.extend(words);
    args.push("plans/");
    odplint::cli::Cli::try_parse_from(args).is_ok()
}

#[test]
fn the_pre_commit_hook_runs_odplint_check_on_plan_files() {
    let document = read(".pre-commit-hooks.yaml");
    let hooks = document.value().unwrap();
    let hooks = hooks.as_array().unwrap();
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["odplint", "odplint-fix"]);
    for (hook, command) in hooks.iter().zip(["check", "fix"]) {
        assert_eq!(hook["language"], "rust");
        assert_eq!(hook["files"], hooks[0]["files"]);
        let entry = hook["entry"].as_str().unwrap();
        assert!(entry.starts_with(&format!("odplint {command}")), "{entry}");
        let mut words: Vec<&str> = entry.split_whitespace().skip(1).collect();
        let args: Vec<&str> = hook["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect();
        words.extend(&args);
        assert!(parses(&words), "{words:?}");
    }
    let hook = &hooks[0];

    // pre-commit matches `files` with Python's re.search; this pattern reads the same in Rust.
    let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
    for plan in [
        "plans/hkpf/2024-2026.zh-Hant.yaml",
        "dept/plans/a.yml",
        "plans/b.json",
    ] {
        assert!(files.is_match(plan), "{plan}");
    }
    for other in [
        ".pre-commit-config.yaml",
        "action.yml",
        "plans/README.md",
        "myplans/a.yaml",
    ] {
        assert!(!files.is_match(other), "{other}");
    }
}

#[test]
fn the_action_installs_a_release_and_checks_once() {
    let document = read("action.yml");
    let action: Value = document.value().unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    for input in ["paths", "sarif-file", "fail-on", "annotations"] {
        assert!(
            action["inputs"][input]["description"].is_string(),
            "{input}"
        );
    }
    assert!(action["outputs"]["sarif-file"]["value"].is_string());
    let steps = action["runs"]["steps"].as_array().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    // Inputs reach the scripts through the environment, never pasted into the script text,
    // where a crafted input could run as shell.
    for run in &runs {
        assert!(!run.contains("${{"), "{run}");
    }
    let cache = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/cache@"))
        })
        .expect("a cache step");
    assert_eq!(
        cache["with"]["key"],
        "${{ steps.resolve.outputs.cache-key }}"
    );
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let script =
        |name: &str| std::fs::read_to_string(root.join(".github/action").join(name)).unwrap();
    for name in ["resolve.sh", "install.sh", "check.sh"] {
        assert!(runs.iter().any(|r| r.contains(name)), "{name} runs");
    }
    let install = script("install.sh");
    assert!(
        install.contains("cargo install --locked"),
        "the fallback for unreleased commits"
    );
    assert!(install.contains("sha256"), "the checksum is verified");
    let check = script("check.sh");
    let runs_of_check = check
        .lines()
        .filter(|l| l.trim_start().starts_with("odplint check"))
        .count();
    assert_eq!(runs_of_check, 1, "one run: {check}");
    assert!(parses(&[
        "check",
        "--format",
        "github",
        "--report",
        "sarif=odplint.sarif",
        "--fail-on",
        "error",
        "--"
    ]));
}

#[test]
fn the_workflow_uses_the_action_on_plans_and_uploads_sarif() {
    let document = read(".github/workflows/odplint.yml");
    let workflow: Value = document.value().unwrap();
    let steps = workflow["jobs"]["plans"]["steps"].as_array().unwrap();
    let local = steps.iter().find(|s| s["uses"] == "./").unwrap();
    assert_eq!(local["with"]["paths"], "plans/");
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .unwrap();
    assert!(upload["with"]["sarif_file"].is_string());
    assert_eq!(workflow["permissions"]["security-events"], "write");
}
