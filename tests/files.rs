//! Writing plans and reports: links, modes, devices, read-only files, an output that is an input,
//! and saves made while `fix` runs are all respected.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

use assert_cmd::Command;

const FIXABLE: &str = include_str!("fixtures/rules/D001/fail-no-leading-zero.yaml");

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command.env("NO_COLOR", "1").args(["--lang", "en"]);
    command
}

fn fix(path: &Path) -> std::process::Output {
    odplint().arg("fix").arg(path).output().unwrap()
}

#[test]
fn fix_writes_through_a_symlink_to_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("real.yaml");
    let link = dir.path().join("plan.yaml");
    fs::write(&target, FIXABLE).unwrap();
    std::os::unix::fs::symlink("real.yaml", &link).unwrap();
    fix(&link);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_ne!(
        fs::read_to_string(&target).unwrap(),
        FIXABLE,
        "the target was fixed"
    );
}

#[test]
fn fix_keeps_hard_links_shared() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let other = dir.path().join("copy.yaml");
    fs::write(&path, FIXABLE).unwrap();
    fs::hard_link(&path, &other).unwrap();
    fix(&path);
    assert_ne!(fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(fs::read(&path).unwrap(), fs::read(&other).unwrap());
    assert_eq!(fs::metadata(&path).unwrap().nlink(), 2);
}

#[test]
fn fix_keeps_the_mode_and_drops_set_id_bits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    fs::write(&path, FIXABLE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o4640)).unwrap();
    fix(&path);
    assert_ne!(fs::read_to_string(&path).unwrap(), FIXABLE);
    assert_eq!(fs::metadata(&path).unwrap().mode() & 0o7777, 0o640);
}

#[test]
fn a_read_only_plan_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    fs::write(&path, FIXABLE).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let output = fix(&path);
    assert_eq!(output.status.code(), Some(2));
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(said.contains("is read-only"), "{said}");
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXABLE);
}

#[test]
fn an_output_file_that_is_an_input_plan_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    fs::write(&path, FIXABLE).unwrap();
    let output = odplint()
        .arg("check")
        .arg(&path)
        .arg("--output-file")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&path).unwrap(), FIXABLE);
}

#[test]
fn an_output_file_that_is_a_fifo_is_written_to_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    fs::write(&plan, FIXABLE).unwrap();
    let fifo = dir.path().join("report.fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    let reader_path = fifo.clone();
    let (sender, received) = std::sync::mpsc::channel();
    // Left running if the FIFO is replaced (nothing would ever write to it).
    std::thread::spawn(move || {
        let _ = sender.send(fs::read_to_string(&reader_path).unwrap_or_default());
    });
    odplint()
        .arg("check")
        .arg(&plan)
        .arg("--output-file")
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let report = received
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap();
    assert!(report.contains("D001"), "{report}");
}

use std::os::unix::fs::FileTypeExt;

#[test]
fn a_fifo_given_by_name_is_refused_not_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.yaml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return;
    }
    for args in [vec!["check"], vec!["import"]] {
        let output = odplint()
            .args(&args)
            .arg(&fifo)
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(said.contains("not a regular file"), "{args:?}: {said}");
    }
}

#[test]
fn a_config_is_read_within_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    fs::write(&plan, FIXABLE).unwrap();
    let output = odplint()
        .arg("check")
        .arg(&plan)
        .args(["--config", "/dev/zero"])
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn every_format_ends_quietly_when_the_reader_stops() {
    // A plan with many findings, so that the report outruns the pipe.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.yaml");
    let mut text = FIXABLE.to_string();
    text.push_str("# pad\n");
    fs::write(&plan, &text).unwrap();
    let plans: Vec<_> = (0..200)
        .map(|i| {
            let path = dir.path().join(format!("p{i}.yaml"));
            fs::write(&path, &text).unwrap();
            path
        })
        .collect();
    for format in ["json", "sarif", "concise", "human"] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("odplint"))
            .args(["--lang", "en", "check", "--format", format])
            .args(&plans)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Read one line, then hang up, as `| head -1` does.
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 1];
        let _ = std::io::Read::read(&mut stdout, &mut first);
        drop(stdout);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("Broken pipe"), "{format}: {stderr}");
        assert_ne!(output.status.code(), Some(2), "{format}: {stderr}");
    }
}

#[test]
fn import_refuses_an_output_that_is_its_own_input_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.txt");
    let text = "香港警務處\n2024-2026年度整合開放數據計劃\n";
    fs::write(&path, text).unwrap();
    // Also through another spelling of the same path.
    let other = dir.path().join(".").join("plan.txt");
    for output in [&path, &other] {
        let result = odplint()
            .arg("import")
            .arg(&path)
            .arg("-o")
            .arg(output)
            .arg("--force")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert_eq!(result.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains("is an input; write the output to another file"),
            "{stderr}"
        );
        assert_eq!(
            fs::read_to_string(&path).unwrap(),
            text,
            "the input is kept"
        );
    }
}

/// A plan of `rows` rows, each with a date `fix` rewrites (no leading zero), and a marker line.
fn large_fixable_plan(rows: usize, marker: &str) -> String {
    let mut out = String::from(
        "format: odp-plan/1\norganisation: 香港警務處\nlanguage: zh-Hant\n\
         title: 2024-2026年度整合開放數據計劃（包含空間數據計劃）\nperiod: 2024-2026\n\
         published: 12/2023\n",
    );
    out.push_str(&format!("# {marker}\nsections:\n"));
    let placeholder = "      rows:\n        - item: 1\n          category: 不適用\n";
    for section in ["A", "B", "C"] {
        out.push_str(&format!(
            "  {section}:\n    spatial:\n{placeholder}    non_spatial:\n{placeholder}"
        ));
    }
    out.push_str(&format!(
        "  D:\n    spatial:\n{placeholder}    non_spatial:\n      rows:\n"
    ));
    for index in 0..rows {
        out.push_str(&format!(
            "        - item: {}\n          category: 法律及保安\n          name: 數據集{}\n\
             \x20         description: 以CSV格式列出第{}項統計數字\n          release_date: {}/2020\n\
             \x20         frequency: 每年\n",
            index + 1,
            index + 1,
            index + 1,
            index % 9 + 1
        ));
    }
    out
}

/// A save made by another program while `fix` runs (written to a temporary file and renamed
/// over the plan, as editors save) is never lost: afterwards the plan holds the saved text,
/// fixed or not, and never the fix of the text `fix` first read. When the save lands between
/// the read and the rename, `fix` writes nothing and says why. Tried with several delays, so
/// that saves land before, during and after the fix; at least one must land during it.
#[test]
fn a_save_made_while_fix_runs_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let original = large_fixable_plan(5_000, "original");
    let saved = large_fixable_plan(5_000, "saved by the editor");
    let mut refused = 0;
    let mut delays = Vec::new();
    for attempt in 0..8u64 {
        // Enough tries once a save has landed during a fix and others around it.
        if refused > 0 && attempt >= 4 {
            break;
        }
        fs::write(&path, &original).unwrap();
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("odplint"))
            .args(["--lang", "en", "fix"])
            .arg(&path)
            .env("NO_COLOR", "1")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let started = std::time::Instant::now();
        // Spread the saves over the run: from almost at once to well into it.
        let delay = std::time::Duration::from_millis(20 + attempt * attempt * 40);
        std::thread::sleep(delay);
        let temporary = dir.path().join(".plan.yaml.editor");
        fs::write(&temporary, &saved).unwrap();
        fs::rename(&temporary, &path).unwrap();
        let output = child.wait_with_output().unwrap();
        // The report (with the tool errors) is on standard output, as for `check`.
        let stderr = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let after = fs::read_to_string(&path).unwrap();
        assert!(
            after.contains("# saved by the editor"),
            "attempt {attempt}: the save was overwritten by the fix of the text read before it ({stderr})"
        );
        if stderr.contains("changed on disk while it was being fixed") {
            assert_eq!(after, saved, "attempt {attempt}: nothing is written");
            assert_eq!(output.status.code(), Some(2), "{stderr}");
            refused += 1;
        } else {
            // The fix read the saved text (and fixed it), or the save came after the fix was
            // written: either way the saved text is there.
            assert!(
                matches!(output.status.code(), Some(0 | 1)),
                "attempt {attempt}: {stderr}"
            );
        }
        delays.push((delay, started.elapsed()));
    }
    assert!(
        refused > 0,
        "no save landed while fix ran; the race was not tried: {delays:?}"
    );
}
