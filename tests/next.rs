//! `odplint next`: the drafted plan of the following period, checked and audited against its
//! source: the police plan, the invented organisation of `tests/fixtures/audit/` in both
//! languages (with and without a list of releases), comments that travel with their rows, and
//! the refusals (an input as the output, an existing output, a plan that does not load).

mod common;

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

const SEED: &str = "plans/hkpf/2024-2026.zh-Hant.yaml";
const DEMO: &str = "tests/fixtures/audit/demo";

fn odplint() -> Command {
    let mut command = Command::cargo_bin("odplint").unwrap();
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .env_remove("CI")
        .env("COLUMNS", "100");
    command
}

fn root(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Drafts `plan` into `out`, with extra arguments; panics unless it succeeds.
fn next(plan: &Path, out: &Path, extra: &[&str]) -> String {
    let output = odplint()
        .arg("next")
        .arg(plan)
        .arg("-o")
        .arg(out)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    stderr
}

/// The codes `check` gives a file.
fn check_codes(path: &Path) -> Vec<String> {
    let output = odplint()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

fn audit(folder: &Path) -> Value {
    let output = odplint()
        .args(["audit", "--format", "json"])
        .arg(folder)
        .output()
        .unwrap();
    serde_json::from_slice(&output.stdout).unwrap()
}

/// (file name, code) of every finding of the audit rules (A001-A004).
fn audit_findings(report: &Value) -> Vec<(String, String)> {
    let mut findings: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"].as_str().unwrap().starts_with('A'))
        .map(|d| {
            let file = d["file"].as_str().unwrap();
            let name = Path::new(file).file_name().unwrap().to_string_lossy();
            (name.to_string(), d["code"].as_str().unwrap().to_string())
        })
        .collect();
    findings.sort();
    findings
}

fn statuses(report: &Value) -> Vec<(String, String)> {
    let mut statuses: Vec<(String, String)> = report["datasets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["name"].as_str().unwrap().to_string(),
                d["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    statuses.sort();
    statuses
}

#[test]
fn the_police_plan_gives_a_clean_2025_2027_draft_that_audits_with_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2024-2026.zh-Hant.yaml");
    fs::copy(root(SEED), &old).unwrap();
    let new = dir.path().join("2025-2027.zh-Hant.yaml");
    let stderr = next(&old, &new, &[]);
    assert!(stderr.contains("drafted 2025-2027"), "{stderr}");
    let draft = fs::read_to_string(&new).unwrap();
    insta::assert_snapshot!("hkpf-2025-2027", draft);
    assert!(check_codes(&new).is_empty());
    let report = audit(dir.path());
    assert_eq!(audit_findings(&report), Vec::<(String, String)>::new());
    assert_eq!(report["summary"]["missing_plans"], 0);
}

#[test]
fn the_demo_pair_moves_a_to_d_for_confirmation_and_keeps_its_language_versions_in_step() {
    let dir = tempfile::tempdir().unwrap();
    for language in ["zh-Hant", "en"] {
        let old = dir.path().join(format!("2024-2026.{language}.yaml"));
        // The demo's en plan differs from its zh-Hant one on purpose in two cells; set them
        // right so that the pair passes A004 and the drafts must too.
        let text = fs::read_to_string(root(&format!("{DEMO}/2024-2026.{language}.yaml")))
            .unwrap()
            .replacen(
                "          frequency: Quarterly\n  B:",
                "          frequency: Monthly\n  B:",
                1,
            )
            .replacen(
                "          category: Recreation, Sports and Culture\n          name: Market stalls",
                "          category: Commerce and Industry\n          name: Market stalls",
                1,
            );
        fs::write(&old, text).unwrap();
        next(
            &old,
            &dir.path().join(format!("2025-2027.{language}.yaml")),
            &[],
        );
    }
    let zh = dir.path().join("2025-2027.zh-Hant.yaml");
    let en = dir.path().join("2025-2027.en.yaml");
    insta::assert_snapshot!("demo-2025-2027-zh-Hant", fs::read_to_string(&zh).unwrap());
    insta::assert_snapshot!("demo-2025-2027-en", fs::read_to_string(&en).unwrap());
    // Both A rows wait in D for confirmation; nothing else is reported.
    assert_eq!(check_codes(&zh), ["D005", "D005"]);
    assert_eq!(check_codes(&en), ["D005", "D005"]);
    let report = audit(dir.path());
    assert_eq!(audit_findings(&report), Vec::<(String, String)>::new());
    assert_eq!(report["language_differences"], serde_json::json!([]));
    assert_eq!(
        statuses(&report),
        [
            ("公園設施".to_string(), "on-time".to_string()),
            ("康樂場地預訂情況".to_string(), "on-time".to_string()),
        ]
    );
}

#[test]
fn a_list_of_releases_gives_real_dates_and_a_promise_not_kept_stays_in_a() {
    let dir = tempfile::tempdir().unwrap();
    let released = dir.path().join("released.csv");
    // One list for both languages: the venue bookings went up in May; the park facilities
    // (target 03/2024) did not.
    fs::write(
        &released,
        "name,release_date\n康樂場地預訂情況,5/2024\nRecreation venue bookings,05/2024\n",
    )
    .unwrap();
    let plans = dir.path().join("plans");
    fs::create_dir(&plans).unwrap();
    for language in ["zh-Hant", "en"] {
        let old = plans.join(format!("2024-2026.{language}.yaml"));
        fs::copy(root(&format!("{DEMO}/2024-2026.{language}.yaml")), &old).unwrap();
        let stderr = next(
            &old,
            &plans.join(format!("2025-2027.{language}.yaml")),
            &["--released", released.to_str().unwrap()],
        );
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    let zh = fs::read_to_string(plans.join("2025-2027.zh-Hant.yaml")).unwrap();
    assert!(zh.contains("          release_date: 05/2024\n"), "{zh}");
    assert!(
        zh.contains("          name: 公園設施\n          description: 以CSV格式列出公園的設施\n          release_date: 03/2025  # odplint: confirm\n"),
        "{zh}"
    );
    // Only the slipped target waits for confirmation.
    assert_eq!(check_codes(&plans.join("2025-2027.zh-Hant.yaml")), ["D005"]);
    let report = audit(&plans);
    assert_eq!(
        statuses(&report),
        [
            ("公園設施".to_string(), "slipped".to_string()),
            ("康樂場地預訂情況".to_string(), "on-time".to_string()),
        ]
    );
    // The slip is the one finding the audit adds (A003 on the old plan); the A004 findings
    // are the demo's deliberate differences, carried into the drafts.
    let findings = audit_findings(&report);
    assert_eq!(
        findings
            .iter()
            .filter(|(_, code)| code != "A004")
            .cloned()
            .collect::<Vec<_>>(),
        [("2024-2026.zh-Hant.yaml".to_string(), "A003".to_string())]
    );
    let differences = |period: &str| -> Vec<(String, String, String)> {
        report["language_differences"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["period"] == period)
            .map(|d| {
                (
                    d["field"].as_str().unwrap().to_string(),
                    d["zh_hant"].as_str().unwrap().to_string(),
                    d["en"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let mut before = differences("2024-2026");
    let mut after = differences("2025-2027");
    before.sort();
    after.sort();
    assert_eq!(
        before, after,
        "the drafts differ as their sources do, no more"
    );
}

#[test]
fn comments_and_allows_travel_with_their_rows() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2024-2026.zh-Hant.yaml");
    let text = fs::read_to_string(root(&format!("{DEMO}/2024-2026.zh-Hant.yaml")))
        .unwrap()
        .replacen(
            "        - item: 2\n          category: 康樂、體育及文化\n          name: 公園設施\n          description: 以CSV格式列出公園的設施\n          release_date: 03/2024\n",
            "        # parks: asked for by the district councils\n        - item: 2\n          category: 康樂、體育及文化\n          name: 公園設施\n          description: 以CSV格式列出公園的設施  # odplint: allow T005\n          release_date: 03/2024  # odplint: allow D004\n",
            1,
        );
    fs::write(&old, &text).unwrap();
    let new = dir.path().join("2025-2027.zh-Hant.yaml");
    next(&old, &new, &["--no-fix"]);
    let draft = fs::read_to_string(&new).unwrap();
    assert!(
        draft.contains("        # parks: asked for by the district councils\n        - item: 5\n          category: 康樂、體育及文化\n          name: 公園設施\n          description: 以CSV格式列出公園的設施  # odplint: allow T005\n          release_date: 03/2024  # odplint: allow D004  # odplint: confirm\n"),
        "{draft}"
    );
    // The allows now suppress nothing (S005, info) and the date waits for confirmation; an
    // allow followed by another comment is read up to that comment.
    let mut codes = check_codes(&new);
    codes.sort();
    assert_eq!(codes, ["D005", "D005", "S005", "S005"]);

    // Without --no-fix the safe fixes run on the draft: the allows that no longer apply go, the
    // comment and the confirmation stay.
    let fixed = dir.path().join("fixed.yaml");
    next(&old, &fixed, &[]);
    let draft = fs::read_to_string(&fixed).unwrap();
    assert!(
        draft.contains("        # parks: asked for by the district councils\n        - item: 5\n          category: 康樂、體育及文化\n          name: 公園設施\n          description: 以CSV格式列出公園的設施\n          release_date: 03/2024  # odplint: confirm\n"),
        "{draft}"
    );
    assert_eq!(check_codes(&fixed), ["D005", "D005"]);
}

#[test]
fn next_refuses_to_overwrite_its_input_or_an_existing_file_and_a_plan_that_does_not_load() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("plan.yaml");
    fs::copy(root(SEED), &old).unwrap();
    let before = fs::read(&old).unwrap();
    for args in [vec!["--force"], vec![]] {
        let output = odplint()
            .arg("next")
            .arg(&old)
            .arg("-o")
            .arg(dir.path().join(".").join("plan.yaml"))
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&output.stderr).contains("is an input"));
    }
    assert_eq!(fs::read(&old).unwrap(), before);

    let existing = dir.path().join("existing.yaml");
    fs::write(&existing, "keep me").unwrap();
    let output = odplint()
        .arg("next")
        .arg(&old)
        .arg("-o")
        .arg(&existing)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--force"));
    assert_eq!(fs::read_to_string(&existing).unwrap(), "keep me");

    let broken = dir.path().join("broken.yaml");
    fs::write(&broken, "format: odp-plan/1\nsections: [\n").unwrap();
    let output = odplint().arg("next").arg(&broken).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cannot draft from") && stderr.contains("odplint check"),
        "{stderr}"
    );

    let list = dir.path().join("released.csv");
    fs::write(&list, "公園設施,March 2024\n公園設施,2024\n").unwrap();
    let output = odplint()
        .arg("next")
        .arg(&old)
        .arg("--released")
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("line 2") && stderr.contains("MM/YYYY"),
        "{stderr}"
    );
}

/// "B <- the rest of B plus room for new rows": each table of B in the draft ends with a
/// commented template row (`# odplint: new rows`), which `check` ignores. Uncommented and filled
/// in, it is a row of the plan at the right indentation; a second `next` replaces the block
/// instead of carrying it to A with the rows.
#[test]
fn the_draft_leaves_room_for_new_rows_in_b() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("2024-2026.zh-Hant.yaml");
    fs::copy(root(SEED), &old).unwrap();
    let new = dir.path().join("2025-2027.zh-Hant.yaml");
    next(&old, &new, &[]);
    let draft = fs::read_to_string(&new).unwrap();
    assert_eq!(draft.matches("# odplint: new rows").count(), 2, "{draft}");
    let b = &draft[draft.find("\n  B:\n").unwrap()..draft.find("\n  C:\n").unwrap()];
    assert_eq!(b.matches("# odplint: new rows").count(), 2, "{b}");
    assert!(
        b.contains("2026-2027 年發放") && b.contains("「不適用」"),
        "{b}"
    );
    // The draft checks clean: the template is a comment.
    assert!(check_codes(&new).is_empty());

    // Filled in: delete `# ` on the template's lines, give the cells, drop the placeholder.
    let template = "        # - item: 1\n        #   category:\n        #   name:\n        #   description:\n        #   release_date:\n        #   frequency:\n";
    assert!(draft.contains(template), "{draft}");
    let filled = "        - item: 1\n          category: 法律及保安\n          name: 交通意外黑點\n          description: 以CSV格式列出交通意外黑點\n          release_date: 06/2026\n          frequency: 每年\n";
    let b_spatial = draft.find("\n  B:\n").unwrap();
    let placeholder = "        - item: 1\n          category: 不適用\n";
    let at = b_spatial + draft[b_spatial..].find(placeholder).unwrap();
    let mut edited = draft.clone();
    edited.replace_range(at..at + placeholder.len(), "");
    let edited = edited.replacen(template, filled, 1);
    let planned = dir.path().join("planned.yaml");
    fs::write(&planned, &edited).unwrap();
    assert!(check_codes(&planned).is_empty(), "{edited}");

    // The year after: the row goes on to A, the template stays in B, once per table.
    let third = dir.path().join("2026-2028.zh-Hant.yaml");
    let planned_as = dir.path().join("later");
    fs::create_dir(&planned_as).unwrap();
    let source = planned_as.join("2025-2027.zh-Hant.yaml");
    fs::copy(&planned, &source).unwrap();
    next(&source, &third, &[]);
    let later = fs::read_to_string(&third).unwrap();
    assert_eq!(later.matches("# odplint: new rows").count(), 2, "{later}");
    let a = &later[later.find("\n  A:\n").unwrap()..later.find("\n  B:\n").unwrap()];
    assert!(
        a.contains("交通意外黑點") && !a.contains("# odplint: new rows"),
        "{a}"
    );
    assert!(later.contains("2027-2028 年發放"), "{later}");
}
