//! Memory over many files: a `check` run holds a few plans at a time, whatever the number of
//! files and whatever the format (the line formats write each file at once; JSON, SARIF and
//! JUnit keep what they will write of it, not the file). The peak resident memory of the process
//! over twenty-four plans must stay near its peak over one, instead of growing with the files.
//!
//! The peak is read from `/proc/PID/status` (`VmHWM`) while the process is still there: its
//! report goes to a FIFO, which it opens only when every plan has been checked and the report
//! is made, and which this test opens last.

#![cfg(target_os = "linux")]

#[path = "../benches/support/mod.rs"]
mod support;

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

/// The peak resident memory of `odplint check --format FORMAT --output-file FIFO FOLDER`, in
/// KiB, and the size of its report.
fn peak_of_check(folder: &Path, format: &str, fifo: &Path) -> (u64, usize) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_odplint"))
        .args(["check", "--format", format, "--output-file"])
        .arg(fifo)
        .arg(folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Blocks until the process opens the FIFO to write its report: all the work is done.
    let mut report = std::fs::File::open(fifo).unwrap();
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).unwrap();
    let peak = status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmHWM in /proc/PID/status");
    let mut bytes = Vec::new();
    report.read_to_end(&mut bytes).unwrap();
    // Findings: exit 1.
    assert_eq!(child.wait().unwrap().code(), Some(1), "{format}");
    (peak, bytes.len())
}

#[test]
fn a_check_over_many_plans_holds_about_as_much_as_over_one() {
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
    let fifo = dir.path().join("report");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let mut measured = Vec::new();
    for format in ["json", "sarif", "junit", "concise"] {
        let (single, report_of_one) = peak_of_check(&one, format, &fifo);
        let (many_peak, _) = peak_of_check(&many, format, &fifo);
        measured.push(format!(
            "{format}: one plan {single} KiB, 24 plans {many_peak} KiB, report of one {} KiB",
            report_of_one / 1024
        ));
        // Twenty-four plans may hold a few documents at once (one per thread and those waiting
        // their turn) and twice what the report will write of each (while it is made), not
        // every plan: the plans alone are 24 MB.
        let bound = 2 * single + 2 * 24 * report_of_one as u64 / 1024;
        assert!(
            many_peak < bound,
            "{format}: {many_peak} KiB over 24 plans, bound {bound} KiB: {measured:#?}"
        );
    }
    eprintln!("{measured:#?}");
}
