//! Memory over many files: a `check` run holds a few plans at a time, whatever the number of
//! files and whatever the format (the line formats write each file at once; JSON, SARIF and
//! JUnit keep what they will write of it, not the file), and an `audit` run one organisation's
//! plans at a time (each plan is read again when its organisation's turn comes). The peak
//! resident memory of the process over many plans must stay near its peak over one (one
//! organisation, for the audit), instead of growing with the files.
//!
//! The peak is the child's `ru_maxrss` as Python's `resource.getrusage(RUSAGE_CHILDREN)` reads it
//! after running the one process (the project forbids `unsafe`, which `getrusage` from Rust would
//! need).

mod common;

#[path = "../benches/support/mod.rs"]
mod support;

use std::path::Path;
use std::process::Command;

const MEASURE: &str = "import resource, subprocess, sys
code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)";

/// The peak resident memory of `odplint COMMAND --format FORMAT --output-file OUTPUT FOLDER`,
/// in KiB (Linux counts `ru_maxrss` in KiB), and the size of its report.
fn peak_of(python: &Path, command: &str, folder: &Path, format: &str, output: &Path) -> (u64, u64) {
    let measured = Command::new(python)
        .args([
            "-c",
            MEASURE,
            env!("CARGO_BIN_EXE_odplint"),
            command,
            "--format",
            format,
        ])
        // Two threads, as on the machine the bounds were made for: each may hold a plan.
        .env("RAYON_NUM_THREADS", "2")
        .arg("--output-file")
        .arg(output)
        .arg(folder)
        .output()
        .unwrap();
    let line = String::from_utf8(measured.stdout).unwrap();
    let mut fields = line.split_whitespace();
    // Findings: exit 1.
    assert_eq!(fields.next(), Some("1"), "{command} {format}: {line}");
    let peak = fields
        .next()
        .and_then(|kib| kib.parse().ok())
        .expect("ru_maxrss");
    (peak, std::fs::metadata(output).unwrap().len())
}

#[test]
fn needs_python3_a_check_over_many_plans_holds_about_as_much_as_over_one() {
    let Some(python) = common::require_program("python3") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // About 1 MB each, a finding every 25 rows.
    let plan = support::plan(5_000, Some(25));
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    std::fs::write(one.join("plan.yaml"), &plan).unwrap();
    for i in 0..24 {
        std::fs::write(many.join(format!("plan{i:02}.yaml")), &plan).unwrap();
    }
    // Twenty-four plans may hold a few documents at once (one per thread and those waiting
    // their turn) and twice what the report will write of each (while it is made), not every
    // plan: the plans alone are 24 MB.
    assert_near_one(
        &python,
        "check",
        (&one, &many, 24),
        &["json", "sarif", "junit", "concise"],
        2,
    );
}

#[test]
fn needs_python3_an_audit_over_many_organisations_holds_about_as_much_as_over_one() {
    let Some(python) = common::require_program("python3") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // Each organisation has two plans of about 1 MB, the second a year on: the audit follows
    // every promise of the first into the second.
    let plan = support::round_plan(5_000);
    let (one, many) = (dir.path().join("one"), dir.path().join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    let write_organisation = |folder: &Path, number: usize| {
        let of_organisation = plan.replace(
            "organisation: 香港警務處",
            &format!("organisation: 機構{number:02}"),
        );
        let next_year = of_organisation
            .replace("period: 2024-2026", "period: 2025-2027")
            .replace("title: 2024-2026", "title: 2025-2027");
        assert_ne!(next_year, of_organisation);
        std::fs::write(
            folder.join(format!("o{number:02}-2024.yaml")),
            &of_organisation,
        )
        .unwrap();
        std::fs::write(folder.join(format!("o{number:02}-2025.yaml")), &next_year).unwrap();
    };
    write_organisation(&one, 0);
    for number in 0..12 {
        write_organisation(&many, number);
    }
    // Twelve organisations may hold two at once (one per thread), the analysis and the findings
    // the report will show, and the report while it is written (in a buffer that may be twice
    // its size): not every plan. The plans alone are 24 MB; holding them all took over 150 MB.
    assert_near_one(
        &python,
        "audit",
        (&one, &many, 12),
        &["json", "human", "markdown", "csv", "html"],
        3,
    );
}

/// Runs `command` over the folder `one` and over `many` (`times` as much) in each format, and
/// fails when the peak over `many` reaches twice the peak over `one` plus `reports` times what
/// the report of `one` would be for each of the `times`.
fn assert_near_one(
    python: &Path,
    command: &str,
    (one, many, times): (&Path, &Path, u64),
    formats: &[&str],
    reports: u64,
) {
    let output = one.parent().unwrap().join("report");
    let mut measured = Vec::new();
    for format in formats {
        let (single, report_of_one) = peak_of(python, command, one, format, &output);
        let (many_peak, _) = peak_of(python, command, many, format, &output);
        measured.push(format!(
            "{command} {format}: one {single} KiB, {times} times as much {many_peak} KiB, \
             report of one {} KiB",
            report_of_one / 1024
        ));
        let bound = 2 * single + reports * times * report_of_one / 1024;
        assert!(
            many_peak < bound,
            "{command} {format}: {many_peak} KiB, bound {bound} KiB: {measured:#?}"
        );
    }
    eprintln!("{measured:#?}");
}
