//! Folder walks in a repository as departments keep them: only plans are checked; .gitignore,
//! .ignore, hidden files and excludes are respected; a file named explicitly is always checked.

mod common;

use std::path::Path;

use assert_cmd::Command;

fn odplint(dir: &Path) -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("COLUMNS", "100")
        .current_dir(dir);
    command
}

fn base_plan() -> String {
    std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap()
}

fn write(dir: &Path, path: &str, text: &str) {
    let path = dir.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A department's repository: two plans among YAML and JSON files of other tools.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let plan = base_plan();
    write(root, "plans/hkpf/2024-2026.zh-Hant.yaml", &plan);
    write(
        root,
        "plans/hkpf/2024-2026.zh-Hant.json",
        &serde_json::to_string_pretty(&odplint::document::Document::parse("p.yaml", &plan).value())
            .unwrap(),
    );
    write(
        root,
        "docker-compose.yml",
        "services:\n  web:\n    image: x\n",
    );
    write(
        root,
        "package.json",
        "{\"name\": \"site\", \"version\": \"1.0.0\"}\n",
    );
    write(
        root,
        "node_modules/foo/package.json",
        "{\"name\": \"foo\"}\n",
    );
    write(root, "node_modules/foo/plan.yaml", &plan);
    write(root, "target/x.yaml", &plan);
    write(root, ".gitignore", "target/\n");
    write(root, ".hidden/plan.yaml", &plan);
    write(root, "drafts/old.yaml", &plan);
    write(root, ".ignore", "drafts/\n");
    dir
}

fn concise(command: &mut Command) -> (i32, String, String) {
    let output = command.output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn a_repository_walk_checks_its_plans_only() {
    let dir = repository();
    let (code, stdout, stderr) =
        concise(odplint(dir.path()).args(["check", "--format", "concise", "."]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stdout.contains("files checked: 2"), "{stdout}");
    assert_eq!(stderr, "", "no plan-less folder, nothing to warn about");

    let (_, _, stderr) = concise(odplint(dir.path()).args(["check", "--verbose", "."]));
    assert!(
        stderr.contains("skipped `docker-compose.yml`")
            && stderr.contains("skipped `package.json`"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("node_modules") && !stderr.contains("target"),
        "excluded and ignored folders are not walked at all: {stderr}"
    );
}

#[test]
fn no_ignore_walks_what_ignore_files_and_excludes_leave_out() {
    let dir = repository();
    let (code, stdout, _) =
        concise(odplint(dir.path()).args(["check", "--format", "concise", "--no-ignore", "."]));
    assert_eq!(code, 0);
    // The two plans, target/, drafts/ and node_modules/ (hidden folders stay skipped).
    assert!(stdout.contains("files checked: 5"), "{stdout}");
}

#[test]
fn excludes_come_from_the_configuration_and_the_command_line() {
    let dir = repository();
    write(
        dir.path(),
        "odplint.toml",
        "extend-exclude = [\"*.json\"]\n",
    );
    let (_, stdout, _) = concise(odplint(dir.path()).args(["check", "--format", "concise", "."]));
    assert!(stdout.contains("files checked: 1"), "{stdout}");

    let (_, stdout, _) = concise(odplint(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--exclude",
        "plans/hkpf",
        ".",
    ]));
    assert!(stdout.contains("files checked: 0"), "{stdout}");

    // `exclude` replaces the defaults: node_modules is walked again.
    write(dir.path(), "odplint.toml", "exclude = [\"drafts\"]\n");
    let (_, stdout, _) = concise(odplint(dir.path()).args(["check", "--format", "concise", "."]));
    assert!(stdout.contains("files checked: 3"), "{stdout}");

    write(dir.path(), "odplint.toml", "exclude = [\"{a\"]\n");
    let (code, stdout, _) = concise(odplint(dir.path()).args(["check", "."]));
    assert_eq!(code, 2);
    assert!(
        stdout.contains("odplint.toml:1:") && stdout.contains("not a path pattern"),
        "{stdout}"
    );
}

#[test]
fn a_file_named_explicitly_is_always_checked() {
    let dir = repository();
    let (code, stdout, _) = concise(odplint(dir.path()).args([
        "check",
        "--format",
        "concise",
        "docker-compose.yml",
        "target/x.yaml",
    ]));
    assert_eq!(code, 1, "docker-compose.yml is not a plan: {stdout}");
    assert!(
        stdout.contains("docker-compose.yml:") && stdout.contains("files checked: 2"),
        "{stdout}"
    );
}

#[test]
fn include_names_where_plans_live() {
    let dir = repository();
    // A plan that lost its format line is still found where plans live, and reported.
    let broken = base_plan().replace("format: odp-plan/1\n", "");
    write(dir.path(), "plans/td/2025-2027.en.yaml", &broken);
    let (code, stdout, _) =
        concise(odplint(dir.path()).args(["check", "--format", "concise", "plans"]));
    assert_eq!(code, 0, "{stdout}");
    write(
        dir.path(),
        "odplint.toml",
        "include = [\"plans/**/*.yaml\"]\n",
    );
    let (code, stdout, _) =
        concise(odplint(dir.path()).args(["check", "--format", "concise", "plans"]));
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("plans/td/2025-2027.en.yaml:") && stdout.contains("S004"),
        "{stdout}"
    );
}

#[test]
fn a_walk_without_plans_warns_and_exits_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "site/package.json", "{}\n");
    for command in ["check", "fix", "audit"] {
        let (code, _, stderr) = concise(odplint(dir.path()).args([command, "site"]));
        assert_eq!(code, 0, "{command}: {stderr}");
        assert!(
            stderr.contains("warning: no plan found in `site` (1 YAML or JSON file(s) skipped"),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn audit_counts_only_plans() {
    let dir = repository();
    let (code, stdout, stderr) =
        concise(odplint(dir.path()).args(["audit", "--format", "json", "."]));
    assert!(code <= 1, "{stderr}");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let plans = report["plans"].as_array().map_or(0, Vec::len);
    assert_eq!(plans, 2, "{stdout}");
}

/// The plans an audit of `.` lists, by file name.
fn audited(dir: &Path) -> (i32, Vec<String>, serde_json::Value) {
    let (code, stdout, stderr) = concise(odplint(dir).args(["audit", "--format", "json", "."]));
    let report: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|_| panic!("{stdout}{stderr}"));
    let mut files: Vec<String> = report["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["file"].as_str().unwrap().to_string())
        .collect();
    files.sort();
    (code, files, report)
}

/// A sub-folder's own odplint.toml adds its excludes and includes for the files below it (as
/// ruff's and ripgrep's nested settings do), and its settings apply to the plans below it.
#[test]
fn a_folder_configuration_adds_its_excludes_below_it() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let plan = base_plan();
    let late = plan.replacen("release_date: 10/2016", "release_date: 2/2015", 1);
    assert_ne!(late, plan);
    write(root, "odplint.toml", "extend-exclude = [\"scratch\"]\n");
    write(root, "plans/a/2024-2026.zh-Hant.yaml", &late);
    write(root, "plans/a/archive/2018-2020.zh-Hant.yaml", &plan);
    write(root, "plans/a/scratch/x.yaml", &plan);
    write(
        root,
        "plans/dept/odplint.toml",
        "extend-exclude = [\"archive/\"]\ninclude = [\"legacy/*.yaml\"]\n[rules]\nD001 = \"off\"\n",
    );
    write(root, "plans/dept/2024-2026.zh-Hant.yaml", &late);
    write(root, "plans/dept/archive/2018-2020.zh-Hant.yaml", &plan);
    write(
        root,
        "plans/dept/archive/deeper/2016-2018.zh-Hant.yaml",
        &plan,
    );
    write(root, "plans/dept/scratch/y.yaml", &plan);
    // Under `include`: a plan without the `format:` line (it gets the S003 of its missing key).
    let legacy: String = plan
        .lines()
        .filter(|line| !line.starts_with("format:"))
        .map(|line| format!("{line}\n"))
        .collect();
    write(root, "plans/dept/legacy/2014-2016.yaml", &legacy);
    write(root, "plans/a/legacy/2014-2016.yaml", &legacy);

    let (code, files, _) = audited(root);
    assert_eq!(
        files,
        [
            "plans/a/2024-2026.zh-Hant.yaml",
            "plans/a/archive/2018-2020.zh-Hant.yaml",
            "plans/dept/2024-2026.zh-Hant.yaml",
            "plans/dept/legacy/2014-2016.yaml",
        ],
        "the sub-folder's archive/ is left out, the other archive/ is not; the root's \
         `scratch` still applies below the sub-folder; `include` only below its file"
    );
    assert_eq!(code, 1);

    // The sub-folder's settings apply to its plans only: D001 is off in plans/dept.
    let (_, stdout, _) = concise(odplint(root).args(["check", "--format", "concise", "."]));
    let d001: Vec<&str> = stdout.lines().filter(|l| l.contains("[D001]")).collect();
    assert_eq!(d001.len(), 1, "{stdout}");
    assert!(
        d001[0].starts_with("plans/a/2024-2026.zh-Hant.yaml:"),
        "{stdout}"
    );

    // `--config` names the one configuration: the sub-folder's file is not consulted.
    let (_, stdout, _) = concise(odplint(root).args([
        "check",
        "--format",
        "concise",
        "--config",
        "odplint.toml",
        ".",
    ]));
    // Both archives are walked (the root's `scratch` still out, no `include`), D001 is on.
    assert!(stdout.contains("files checked: 5"), "{stdout}");
    assert_eq!(stdout.matches("[D001]").count(), 2, "{stdout}");

    // A broken sub-folder configuration: one error in the report, the rest still walked.
    write(
        root,
        "plans/dept/odplint.toml",
        "extend-exclude = \"archive\"\n",
    );
    let (code, files, report) = audited(root);
    assert_eq!(code, 2);
    assert_eq!(report["summary"]["tool_errors"], 1, "{report}");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("plans/dept/odplint.toml:1:18:"),
        "{report}"
    );
    assert_eq!(
        files,
        [
            "plans/a/2024-2026.zh-Hant.yaml",
            "plans/a/archive/2018-2020.zh-Hant.yaml",
        ]
    );
}
