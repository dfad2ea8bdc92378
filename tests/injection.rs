//! No text from a plan, a file name or odplint.toml reaches a terminal or a CI log with a raw
//! control, bidi or zero-width character: file names in every line format and in headers,
//! `fix --diff` lines, keys and values of odplint.toml echoed in errors, and audit's human,
//! Markdown and CSV reports. Each is shown as a `\u{..}` (or `\n`) escape instead.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("COLUMNS", "100");
    command
}

/// A file name that, printed raw, would start a GitHub workflow command on a line of its own,
/// set the terminal's title and reverse the rest of the line.
const HOSTILE_NAME: &str =
    "b\n::error file=x.yaml,line=1::forged\n\u{1b}]0;t\u{7}\u{202e}lmay.yaml";

fn base() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/base.yaml"))
        .unwrap()
}

/// Everything the command printed, both streams.
fn run(command: &mut Command) -> (Option<i32>, String) {
    let output = command.output().unwrap();
    let mut all = String::from_utf8_lossy(&output.stdout).to_string();
    all.push_str(&String::from_utf8_lossy(&output.stderr));
    (output.status.code(), all)
}

/// No raw control (but line breaks), bidi or zero-width character, and no line that a CI
/// runner would read as a command the plan or the name forged.
fn assert_clean(what: &str, text: &str) {
    for c in text.chars() {
        let raw = (c.is_control() && c != '\n' && c != '\r' && c != '\t')
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}');
        assert!(!raw, "{what}: raw {:?} in\n{text}", c);
    }
    for line in text.lines() {
        assert!(
            !line.starts_with("::error file=x.yaml"),
            "{what}: a forged workflow command:\n{text}"
        );
    }
}

/// A plan with findings (a date without its leading zero, a control character in a comment
/// and in a name) under the hostile name, in a folder of its own.
fn hostile_plan() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = base()
        .replacen(
            "release_date: 10/2016",
            "release_date: 3/2016  # \u{1b}[2J\u{7}",
            1,
        )
        .replacen(
            "name: 罪案數字比較",
            "name: 罪案\u{202e}數字\u{200b}比較",
            1,
        );
    let path = dir.path().join(HOSTILE_NAME);
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn file_names_and_plan_text_are_shown_escaped_in_every_line_format() {
    let (_dir, path) = hostile_plan();
    for format in ["human", "concise", "github", "junit"] {
        let (code, all) = run(odplint()
            .args(["check", "--color", "never", "--format", format])
            .arg(&path));
        assert_eq!(code, Some(1), "{format}: {all}");
        assert_clean(format, &all);
        if format != "junit" {
            assert!(
                all.contains("\\u{1b}]0;t\\u{7}\\u{202e}lmay.yaml"),
                "{format}: {all}"
            );
        }
    }
    // The line that says how many findings were left out names the file too.
    let (_, all) = run(odplint()
        .args(["check", "--format", "concise", "--max-diagnostics", "1"])
        .arg(&path));
    assert_clean("left out", &all);
    assert!(all.contains("b\\n::error file=x.yaml"), "{all}");
}

#[test]
fn the_github_format_escapes_controls_in_its_file_property() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a\u{1b}[31mred\u{9b}2J.yaml");
    std::fs::write(&path, base().replacen("10/2016", "3/2016", 1)).unwrap();
    let (code, all) = run(odplint().args(["check", "--format", "github"]).arg(&path));
    assert_eq!(code, Some(1), "{all}");
    assert_clean("github", &all);
    let line = all
        .lines()
        .find(|l| l.starts_with("::error file="))
        .unwrap();
    assert!(line.contains("a\\u{1b}[31mred\\u{9b}2J.yaml"), "{line}");
}

#[test]
fn fix_diff_lines_and_its_header_are_escaped() {
    let (_dir, path) = hostile_plan();
    let before = std::fs::read(&path).unwrap();
    let output = odplint()
        .args(["fix", "--diff"])
        .arg(&path)
        .output()
        .unwrap();
    let diff = String::from_utf8_lossy(&output.stdout).to_string();
    let all = format!("{diff}{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(output.status.code(), Some(1), "{all}");
    assert_clean("fix --diff", &all);
    assert!(
        diff.contains("-          release_date: 3/2016  # \\u{1b}[2J\\u{7}\n"),
        "{diff}"
    );
    assert!(
        diff.contains("+          release_date: 03/2016  # \\u{1b}[2J\\u{7}\n"),
        "{diff}"
    );
    assert!(diff.starts_with("--- a/"), "{diff}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "a diff writes nothing"
    );
}

#[test]
fn keys_and_values_of_odplint_toml_are_escaped_in_errors() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.yaml"), base()).unwrap();
    for toml in [
        "[rules]\n\"\\u001b]0;pwned\\u0007\\u202e\" = \"error\"\n",
        "[rules]\ndate-format = \"\\u001b[2J::error::x\"\n",
        "fail-on = \"\\u001b[2J\\n::error file=x.yaml,line=1::forged\"\n",
        "lang = \"\\u009b31m\"\n",
        "[frequencies]\n\"\\u001b[2J\" = [\"x\"]\n",
    ] {
        std::fs::write(dir.path().join("odplint.toml"), toml).unwrap();
        for command in ["check", "audit"] {
            let (code, all) = run(odplint()
                .current_dir(dir.path())
                .args([command, "plan.yaml"]));
            assert_eq!(code, Some(2), "{toml}: {all}");
            assert_clean(toml, &all);
            assert!(
                all.contains("\\u{1b}") || all.contains("\\u{9b}"),
                "{toml}: {all}"
            );
        }
    }
}

#[test]
fn audit_reports_show_hostile_names_and_values_escaped() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/audit/demo");
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(&demo).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path)
            .unwrap()
            .replace("泊車位使用率", "泊車位\u{1b}[2J使用率\u{202e}")
            .replace("period: 2023-2025", "period: 2023-2025\u{2066}");
        // One plan under a name that forges a workflow command and sets the title.
        let name = if name == "2024-2026.zh-Hant.yaml" {
            format!("x\n::error file=x.yaml,line=1::forged\n\u{1b}]0;t\u{7}{name}")
        } else {
            name
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    for format in ["human", "markdown", "csv"] {
        let (code, all) = run(odplint()
            .args(["audit", "--color", "never", "--format", format])
            .arg(dir.path()));
        assert!(matches!(code, Some(0 | 1)), "{format}: {all}");
        assert_clean(format, &all);
        assert!(all.contains("\\u{1b}"), "{format}: {all}");
    }
}
