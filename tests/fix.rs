//! `odplint fix`: every fixable rule's before/after pair, the seed plan, lossless edits
//! (comments, quoting, CRLF, BOM), iteration, atomic writes and files that must not be touched.

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use odplint::config::Config;
use odplint::diagnostic::Applicability;
use odplint::document::Document;
use odplint::fix::{FixMode, file_bytes, fix_document};
use odplint::policy::Policy;
use odplint::registry;
use odplint::rule::FixAvailability;
use odplint::rules;

fn fix_text(name: &str, text: &str, mode: FixMode) -> (String, Vec<&'static str>) {
    let config = Config::default();
    let policy = Policy::of_config(&config);
    let fixed = fix_document(Document::parse(name, text), &policy, mode);
    let remaining = fixed.remaining.iter().map(|d| d.rule.code).collect();
    (
        String::from_utf8(file_bytes(&fixed.document)).unwrap(),
        remaining,
    )
}

/// Failing fixtures whose findings carry a fix, each with its fixed output beside it as an
/// insta snapshot: `tests/fixtures/rules/<CODE>/fail-x.yaml` is fixed to
/// `fail-x.yaml.fixed.snap` in the same folder (`cargo insta review` accepts a change).
#[test]
fn every_fixable_rule_has_a_before_and_after_pair() {
    let mut covered: Vec<String> = Vec::new();
    let mut snapshots = Vec::new();
    for (code, before) in common::rule_fixtures() {
        let file_name = before.file_name().unwrap().to_string_lossy().to_string();
        if !file_name.starts_with("fail") {
            continue;
        }
        let text = fs::read_to_string(&before).unwrap();
        let name = common::display(&before);
        let report = common::check(&name, &text);
        if !report.diagnostics.iter().any(|d| d.fix.is_some()) {
            continue;
        }
        let rule = registry::find(&code).unwrap();
        let mode = if rule.fix.applicability() == Some(Applicability::Unsafe) {
            FixMode::Unsafe
        } else {
            FixMode::Safe
        };
        let (after, remaining) = fix_text(&name, &text, mode);
        assert!(
            !remaining.contains(&code.as_str())
                || report.diagnostics.iter().any(|d| d.fix.is_none()),
            "{name}: the fix left {remaining:?}"
        );
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path(before.parent().unwrap());
        settings.set_prepend_module_to_snapshot(false);
        settings.set_input_file(&before);
        settings.set_omit_expression(true);
        settings.bind(|| insta::assert_snapshot!(format!("{file_name}.fixed"), after));
        // A second fix changes nothing.
        assert_eq!(
            fix_text(&name, &after, mode).0,
            after,
            "{name}: a second fix changed the file"
        );
        covered.push(code.clone());
        snapshots.push(before.with_file_name(format!("{file_name}.fixed.snap")));
    }
    // No snapshot outlives its fixture or its fix.
    for (path, _) in common::fixed_outputs() {
        assert!(
            snapshots.contains(&path),
            "{} is no fixture's fixed output: remove it",
            path.display()
        );
    }
    for rule in rules::ALL {
        if rule.fix.availability() != FixAvailability::Never {
            assert!(
                covered.iter().any(|c| c == rule.code),
                "{} has no before/after pair",
                rule.code
            );
        }
    }
}

#[test]
fn the_seed_is_fixed_cell_by_cell_and_nothing_else_changes() {
    let seed = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
    let (fixed, remaining) = fix_text("seed.yaml", seed, FixMode::Safe);
    assert!(remaining.is_empty(), "{remaining:?}");
    let changed: Vec<(usize, &str, &str)> = seed
        .lines()
        .zip(fixed.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .map(|(n, (a, b))| (n + 1, a, b))
        .collect();
    assert_eq!(seed.lines().count(), fixed.lines().count());
    let lines: Vec<usize> = changed.iter().map(|(n, _, _)| *n).collect();
    assert_eq!(lines, [104, 117, 134, 136, 144]);
    assert!(changed[0].2.ends_with("被捕的青少年罪犯）"));
    assert_eq!(changed[1].2.trim(), "release_date: 02/2015");
    assert_eq!(changed[2].2.trim(), "release_date: 05/2016");
    assert!(changed[3].2.contains("交通意外數字及"));
    assert_eq!(changed[4].2.trim(), "release_date: 02/2015");
}

#[test]
fn edits_keep_comments_quoting_line_ends_and_the_bom() {
    let base = include_str!("fixtures/base.yaml")
        .replace(
            "release_date: 10/2016",
            "release_date: '2/2015'   # as published",
        )
        .replace("name: 交通統計數字", "name: \"交通 統計數字\"  # quoted")
        .replace("\n", "\r\n");
    let text = format!("\u{feff}{base}");
    let (fixed, remaining) = fix_text("p.yaml", &text, FixMode::Safe);
    assert!(remaining.is_empty(), "{remaining:?}");
    let expected = text
        .replace("'2/2015'   # as published", "'02/2015'   # as published")
        .replace("\"交通 統計數字\"  # quoted", "\"交通統計數字\"  # quoted");
    assert_eq!(fixed, expected);
}

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

#[test]
fn fix_writes_in_place_keeping_permissions_and_check_fix_is_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let seed = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
    for (file, args) in [("a.yaml", vec!["fix"]), ("b.yaml", vec!["check", "--fix"])] {
        let path = dir.path().join(file);
        fs::write(&path, seed).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        let output = odplint(dir.path()).args(&args).arg(file).output().unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            stdout.contains("Fixed 5 problem(s) in 1 file(s): D001: 3, T001: 1, T006: 1."),
            "{stdout}"
        );
        let fixed = fs::read_to_string(&path).unwrap();
        assert_eq!(fixed, fix_text("x.yaml", seed, FixMode::Safe).0);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.contains("odplint"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn diff_writes_nothing_and_unsafe_fixes_need_their_flag() {
    let dir = tempfile::tempdir().unwrap();
    let gap = include_str!("fixtures/rules/N001/fail-gap.yaml");
    let path = dir.path().join("plan.yaml");
    fs::write(&path, gap).unwrap();
    let output = odplint(dir.path())
        .args(["fix", "--diff", "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "no safe fix: no diff");
    let output = odplint(dir.path())
        .args(["fix", "--diff", "--unsafe-fixes", "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let diff = String::from_utf8(output.stdout).unwrap();
    assert!(
        diff.contains("-        - item: 3\n+        - item: 2\n"),
        "{diff}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        gap,
        "--diff writes nothing"
    );
    odplint(dir.path())
        .args(["fix", "--unsafe-fixes", "plan.yaml"])
        .assert()
        .code(0);
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        gap.replace("- item: 3", "- item: 2")
    );
}

#[test]
fn files_that_do_not_parse_or_cannot_be_written_are_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let broken = "format: odp-plan/1\norganisation: [x\npublished: 2/2015\n";
    fs::write(dir.path().join("broken.yaml"), broken).unwrap();
    odplint(dir.path())
        .args(["fix", "broken.yaml"])
        .assert()
        .code(1);
    assert_eq!(
        fs::read_to_string(dir.path().join("broken.yaml")).unwrap(),
        broken
    );

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Root ignores permissions, so only check when the folder really is read-only.
        let locked = dir.path().join("locked");
        fs::create_dir(&locked).unwrap();
        let seed = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
        fs::write(locked.join("plan.yaml"), seed).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o555)).unwrap();
        let writable = fs::File::create(locked.join("probe")).is_ok();
        if !writable {
            let output = odplint(dir.path())
                .args(["fix", "locked/plan.yaml"])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2));
            assert!(String::from_utf8_lossy(&output.stderr).contains("the file is unchanged"));
            assert_eq!(fs::read_to_string(locked.join("plan.yaml")).unwrap(), seed);
        }
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Found by fuzzing: a plan with one byte of invalid UTF-8. Its text can only be decoded lossily,
/// so `fix` must leave the file exactly as it was rather than write the decoding back.
#[test]
fn a_file_with_invalid_utf8_is_never_rewritten() {
    let original =
        std::fs::read(common::fixtures().join("fuzz-regressions/fix-invalid-utf8.yaml")).unwrap();
    assert!(std::str::from_utf8(&original).is_err());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    fs::write(&path, &original).unwrap();
    let output = odplint(dir.path())
        .args(["fix", "--unsafe-fixes", "plan.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("not valid UTF-8"));
    assert_eq!(fs::read(&path).unwrap(), original);
    let output = odplint(dir.path())
        .args(["fix", "--diff", "plan.yaml"])
        .output()
        .unwrap();
    assert!(
        output.stdout.is_empty(),
        "no diff for a file that is not fixed"
    );
}

#[test]
fn stdin_is_fixed_to_stdout() {
    let seed = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
    let dir = tempfile::tempdir().unwrap();
    let output = odplint(dir.path())
        .args(["fix", "--stdin-filename", "plan.yaml", "-"])
        .write_stdin(seed)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        fix_text("x.yaml", seed, FixMode::Safe).0
    );
}

/// A safe fix keeps the meaning for certain: words that only may mean a canonical term, and an
/// empty table that may be rows gone missing, are not rewritten by `fix` without
/// `--unsafe-fixes` (and the words not even then).
#[test]
fn fixes_that_could_change_the_meaning_are_not_safe() {
    let rules_dir = common::fixtures().join("rules");
    for file in ["F002/fail-uncertain.yaml", "F002/fail-uncertain-en.yaml"] {
        let text = fs::read_to_string(rules_dir.join(file)).unwrap();
        for mode in [FixMode::Safe, FixMode::Unsafe] {
            let (after, remaining) = fix_text(file, &text, mode);
            assert_eq!(after, text, "{file} was changed");
            assert!(remaining.contains(&"F002"), "{file}: {remaining:?}");
        }
        let report = common::check(file, &text);
        assert!(report.diagnostics.iter().all(|d| d.fix.is_none()));
        assert!(report.diagnostics.iter().all(|d| d.help.is_some()));
    }
    let empty = fs::read_to_string(rules_dir.join("P001/fail-empty-rows.yaml")).unwrap();
    let (after, remaining) = fix_text("p.yaml", &empty, FixMode::Safe);
    assert_eq!(after, empty);
    assert_eq!(remaining, ["P001"]);
    let (after, remaining) = fix_text("p.yaml", &empty, FixMode::Unsafe);
    assert!(after.contains("不適用") && after != empty);
    assert!(remaining.is_empty(), "{remaining:?}");
    // An allow whose list is a note rather than codes is kept, note and all.
    let note = include_str!("fixtures/base.yaml").replace(
        "published: 12/2023",
        "published: 12/2023  # odplint: allow as printed",
    );
    let (after, remaining) = fix_text("n.yaml", &note, FixMode::Unsafe);
    assert_eq!(after, note);
    assert_eq!(remaining, ["S005"]);
}

#[test]
fn the_portal_spelling_of_weekly_is_fixed_to_the_canonical_term() {
    let text = fs::read_to_string(
        common::fixtures()
            .join("rules")
            .join("F002/fail-portal-weekly.yaml"),
    )
    .unwrap();
    let (after, remaining) = fix_text("w.yaml", &text, FixMode::Safe);
    assert!(remaining.is_empty(), "{remaining:?}");
    assert_eq!(after, text.replace("frequency: 每周", "frequency: 每星期"));
}
