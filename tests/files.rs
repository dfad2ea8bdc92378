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
