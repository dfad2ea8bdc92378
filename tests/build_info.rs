//! What the binary says about itself and the documents generated from its command line:
//! `--version`, `version --json`, the manual page, completions of rule codes, and several
//! reports written from one `check` run (`--report FORMAT=PATH`).

mod common;

use assert_cmd::Command;
use serde_json::Value;

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("COLUMNS", "100")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn stdout_of(command: &mut Command) -> String {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";

#[test]
fn version_names_the_version_the_commit_and_the_build_date() {
    let line = stdout_of(odplint().arg("--version"));
    let info: Value =
        serde_json::from_str(&stdout_of(odplint().args(["version", "--json"]))).unwrap();
    let version = info["version"].as_str().unwrap();
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    let commit = info["commit"].as_str().unwrap();
    let date = info["build_date"].as_str().unwrap();
    let short: String = commit.chars().take(9).collect();
    assert_eq!(line, format!("odplint {version} ({short} {date})\n"));
    // This test runs in the git checkout, so the commit is known and is HEAD's.
    if let Ok(head) = std::process::Command::new("git")
        .args(["-C", env!("CARGO_MANIFEST_DIR"), "rev-parse", "HEAD"])
        .output()
        && head.status.success()
    {
        let head = String::from_utf8(head.stdout).unwrap();
        assert_eq!(commit, head.trim());
    }
    for key in [
        "name",
        "version",
        "commit",
        "build_date",
        "target",
        "profile",
        "rustc",
    ] {
        assert!(info[key].is_string(), "{key}: {info}");
    }
    assert!(info["features"].is_array());
    assert!(info["rustc"].as_str().unwrap().starts_with("rustc "));

    let plain = stdout_of(odplint().arg("version"));
    assert!(plain.starts_with(&line), "{plain}");
    assert!(plain.contains(&format!("commit: {commit}\n")), "{plain}");
    assert!(plain.contains(info["target"].as_str().unwrap()), "{plain}");
}

#[test]
fn the_manual_page_lists_every_command_and_flag() {
    use clap::CommandFactory;
    let page = stdout_of(odplint().arg("man"));
    assert!(page.contains(".TH odplint 1"), "{page}");
    // The plain version: a page that changed with every commit would churn packages.
    assert!(page.contains(&format!("\"odplint {}\"", env!("CARGO_PKG_VERSION"))));
    let cli = odplint::cli::Cli::command();
    for sub in cli.get_subcommands() {
        let name = sub.get_name();
        assert!(
            page.contains(&format!("odplint\\-{}", name.replace('-', "\\-")))
                || page.contains(name),
            "{name}"
        );
        let sub_page = stdout_of(odplint().args(["man", name]));
        assert!(
            sub_page.contains(&format!(".TH odplint-{name} 1")),
            "{name}:\n{sub_page}"
        );
        for arg in sub.get_arguments().filter(|a| !a.is_hide_set()) {
            if let Some(long) = arg.get_long() {
                let roff = format!("\\-\\-{}", long.replace('-', "\\-"));
                assert!(sub_page.contains(&roff), "`{name}` page lacks --{long}");
            }
        }
    }
    let output = odplint().args(["man", "no\u{1b}[31mpe"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("no command is called"), "{stderr}");
    assert!(
        !stderr.contains('\u{1b}'),
        "control characters are escaped: {stderr:?}"
    );
}

/// Runs the bash completion function on a command line, as bash does on Tab.
fn bash_complete(script: &std::path::Path, line: &str) -> Vec<String> {
    let program = format!(
        "source {script}\nread -ra COMP_WORDS <<< \"$LINE\"\n[[ $LINE == *' ' ]] && COMP_WORDS+=('')\n\
         COMP_CWORD=$((${{#COMP_WORDS[@]}}-1)); COMP_LINE=$LINE; COMP_POINT=${{#LINE}}\n\
         _odplint odplint \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"\n\
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script = script.display()
    );
    let output = std::process::Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .env("LINE", line)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn needs_bash_completion_offers_rule_codes_after_explain_select_and_ignore() {
    let Some(_bash) = common::require_program("bash") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("odplint.bash");
    std::fs::write(&script, stdout_of(odplint().args(["completions", "bash"]))).unwrap();
    let codes: Vec<&str> = odplint::registry::every_rule().map(|r| r.code).collect();
    let d_codes: Vec<String> = codes
        .iter()
        .filter(|c| c.starts_with("D00"))
        .map(|c| c.to_string())
        .collect();
    assert!(!d_codes.is_empty());
    assert_eq!(bash_complete(&script, "odplint explain D00"), d_codes);
    assert_eq!(
        bash_complete(&script, "odplint check --select D00"),
        d_codes
    );
    assert_eq!(bash_complete(&script, "odplint fix --ignore D00"), d_codes);
    assert_eq!(
        bash_complete(&script, "odplint audit --select D00"),
        d_codes
    );
    assert_eq!(
        bash_complete(&script, "odplint check --ignore date-f"),
        ["date-format"]
    );
    let everything = bash_complete(&script, "odplint explain ");
    for code in &codes {
        assert!(everything.iter().any(|c| c == code), "{code} is offered");
    }
    // Completion lists values; it does not restrict them: a prefix still selects.
    odplint()
        .args(["check", "--select", "D", SEED])
        .assert()
        .code(1);
    // And `--help` stays short: no list of sixty rules under the flag.
    let help = stdout_of(odplint().args(["check", "--help"]));
    assert!(
        !help.contains("D002") && !help.contains("duplicate-key"),
        "{help}"
    );
}

#[test]
fn one_check_run_writes_several_reports() {
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("with space/odplint.sarif");
    std::fs::create_dir_all(sarif.parent().unwrap()).unwrap();
    let json = dir.path().join("report.json");
    let output = odplint()
        .args(["check", "--format", "github", "--report"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("--report")
        .arg(format!("json={}", json.display()))
        .arg(SEED)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    // The terminal gets the --format report, each file the same findings in its format.
    let direct = |format: &str| {
        let output = odplint()
            .args(["check", "--format", format, SEED])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert_eq!(String::from_utf8(output.stdout).unwrap(), direct("github"));
    assert_eq!(std::fs::read_to_string(&sarif).unwrap(), direct("sarif"));
    assert_eq!(std::fs::read_to_string(&json).unwrap(), direct("json"));

    // A path typo is in every report file too (the Action uploads the SARIF one).
    let output = odplint()
        .args(["check", "--format", "github", "--report"])
        .arg(format!("sarif={}", sarif.display()))
        .arg("--report")
        .arg(format!("json={}", json.display()))
        .args(["nope.yaml", SEED])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let direct = |format: &str| {
        let output = odplint()
            .args(["check", "--format", format, "nope.yaml", SEED])
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let sarif_text = std::fs::read_to_string(&sarif).unwrap();
    assert!(
        sarif_text.contains("\"executionSuccessful\": false"),
        "{sarif_text}"
    );
    assert_eq!(sarif_text, direct("sarif"));
    let json_text = std::fs::read_to_string(&json).unwrap();
    assert!(json_text.contains("\"tool_errors\": 1"), "{json_text}");
    assert_eq!(json_text, direct("json"));

    // Mistakes are usage errors that name what was expected.
    for (value, expected) in [
        ("sarif", "write FORMAT=PATH"),
        ("xml=out.xml", "`xml` is not a format"),
        ("sarif=", "PATH after `=` is empty"),
    ] {
        let output = odplint()
            .args(["check", "--report", value, SEED])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{value}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(expected), "{value}: {stderr}");
    }
    // A report that cannot be written is a tool error.
    let output = odplint()
        .args(["check", "--report"])
        .arg(format!(
            "sarif={}",
            dir.path().join("missing/x.sarif").display()
        ))
        .arg(SEED)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}
