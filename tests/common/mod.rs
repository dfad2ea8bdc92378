//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use odplint::config::Config;
use odplint::diagnostic::Diagnostic;
use odplint::document::Document;
use odplint::messages::Lang;
use odplint::policy::Policy;
use odplint::report::{self, FileReport, Format, HumanOptions, ReportOptions};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every rule fixture, `tests/fixtures/rules/<CODE>/*.{yaml,json}`, with its code, in order
/// (the fixed outputs beside them are snapshots, not fixtures).
pub fn rule_fixtures() -> Vec<(String, PathBuf)> {
    let mut files = Vec::new();
    for folder in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        let folder = folder.unwrap().path();
        let code = folder.file_name().unwrap().to_string_lossy().to_string();
        for file in std::fs::read_dir(&folder).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "yaml" || e == "json") {
                files.push((code.clone(), path));
            }
        }
    }
    files.sort();
    files
}

/// The fixed outputs of the rule fixtures: the text of every `*.fixed.snap` beside them, with
/// insta's header taken off.
pub fn fixed_outputs() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for folder in std::fs::read_dir(fixtures().join("rules")).unwrap() {
        for file in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            if path.to_string_lossy().ends_with(".fixed.snap") {
                let text = std::fs::read_to_string(&path).unwrap();
                let body = text
                    .strip_prefix("---\n")
                    .and_then(|rest| rest.split_once("\n---\n"))
                    .map(|(_, body)| body.to_string())
                    .unwrap_or_else(|| panic!("{} has no insta header", path.display()));
                out.push((path, body));
            }
        }
    }
    out.sort();
    out
}

/// Checks a text under a display name (its extension picks YAML or JSON), with the default
/// configuration and inline allows applied.
pub fn check(name: &str, text: &str) -> FileReport {
    let document = Document::parse(name, text);
    let config = Config::default();
    let policy = Policy::of_config(&config);
    let diagnostics = policy.check(&document);
    FileReport {
        document,
        diagnostics,
    }
}

pub fn codes(diagnostics: &[Diagnostic]) -> Vec<&'static str> {
    diagnostics.iter().map(|d| d.rule.code).collect()
}

/// Renders reports in a format with the fixed theme and width used by snapshots.
pub fn render(format: Format, reports: &[FileReport]) -> String {
    let mut out = Vec::new();
    let options = ReportOptions {
        human: HumanOptions {
            color: false,
            width: 100,
        },
        statistics: false,
        max_per_file: None,
    };
    report::emit(format, reports, Lang::En, &options, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// A fixture's path relative to the crate, with forward slashes, for stable names in snapshots.
pub fn display(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

/// Sets a documentation example's keys into a base plan: mappings merge, everything else replaces.
pub fn merge(base: &mut serde_json::Value, fragment: &serde_json::Value) {
    use serde_json::Value;
    match (base, fragment) {
        (Value::Object(base), Value::Object(fragment)) => {
            for (key, value) in fragment {
                match base.get_mut(key) {
                    Some(existing) => merge(existing, value),
                    None => {
                        base.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (base, fragment) => *base = fragment.clone(),
    }
}

/// A documented example that fails yields findings of its own rule and no other.
pub fn assert_failing_example(rule_code: &str, codes: &[&str]) {
    assert!(!codes.is_empty(), "{rule_code}: the failing example passes");
    assert!(
        codes.iter().all(|c| *c == rule_code),
        "{rule_code}: the failing example gives {codes:?}"
    );
}

/// A documented example that passes yields nothing.
pub fn assert_passing_example(rule_code: &str, codes: &[&str]) {
    assert!(
        codes.is_empty(),
        "{rule_code}: the passing example gives {codes:?}"
    );
}

/// The keys of every diagnostic in the JSON output (of `check`, and inside `audit`'s).
pub const JSON_DIAGNOSTIC_KEYS: [&str; 12] = [
    "file",
    "code",
    "name",
    "severity",
    "message",
    "help",
    "pointer",
    "line",
    "column",
    "end_line",
    "end_column",
    "fix",
];

/// Finds an outside program that a test needs (Chromium, Neovim, LibreOffice, Node, ...). Tests
/// that call this are named `needs_<program>_...` so `.ci/run` can run them in a step of their
/// own. When the program is missing the test says so on standard error and returns `None`,
/// unless the run requires the program (`ODPLINT_REQUIRE_PROGRAMS` lists it, or says `all`, as
/// `.ci/run` does for every program it installed): then a missing program fails the test.
pub fn require_program(name: &str) -> Option<PathBuf> {
    let found = if name.contains('/') {
        Some(PathBuf::from(name)).filter(|p| p.is_file())
    } else {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|candidate| candidate.is_file())
        })
    };
    if found.is_some() {
        return found;
    }
    let required = std::env::var("ODPLINT_REQUIRE_PROGRAMS").unwrap_or_default();
    let short = name.rsplit('/').next().unwrap_or(name);
    if required
        .split(',')
        .any(|p| p.trim() == "all" || p.trim() == short)
    {
        panic!(
            "{short} is required by this run (ODPLINT_REQUIRE_PROGRAMS={required}) but is not installed"
        );
    }
    eprintln!("SKIPPED: {short} is not installed, so this test did not run (.ci/run installs it)");
    None
}

/// The police plan as `plans/` holds it: what its Word, PDF and spreadsheet forms import to.
pub fn police_plan() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/hkpf/2024-2026.zh-Hant.yaml"),
    )
    .unwrap()
}

/// Asserts that an import is the police plan byte for byte, with no finding.
pub fn assert_is_the_police_plan(imported: &odplint::import::Imported) {
    assert!(
        imported.diagnostics.is_empty(),
        "{:?}",
        imported.diagnostics
    );
    assert_eq!(
        odplint::import::to_yaml(&imported.plan, odplint::import::DEFAULT_SCHEMA_PATH),
        police_plan()
    );
}
