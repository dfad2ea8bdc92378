//! `cargo bench --bench budgets`: the budgets of a large plan. Fixing a 16 MB plan (a fix on
//! every tenth row), the same with `--diff`, and auditing 4,000-row plan pairs (zh-Hant and
//! English versions of two consecutive plans, names only similar from one plan to the next),
//! each within 2 s. Inputs are generated here; nothing large is committed.

mod support;

use std::process::Command;

use divan::{Bencher, black_box};
use odplint::config::Config;
use odplint::document::Document;
use odplint::fix::{self, FixMode};
use odplint::policy::Policy;

fn main() {
    divan::main();
}

/// Rows of the generated plan: about 16 MB of YAML.
const ROWS_16_MB: usize = 80_000;

fn fix_text(text: &str) -> fix::Fixed {
    let config = Config::default();
    let policy = Policy::of_config(&config);
    fix::fix_document(Document::parse("plan.yaml", text), &policy, FixMode::Safe)
}

#[divan::bench(sample_count = 3)]
fn fix_16_mb(bencher: Bencher) {
    let text = support::plan(ROWS_16_MB, Some(10));
    assert!(text.len() > 15_000_000, "{}", text.len());
    bencher.bench(|| {
        let fixed = fix_text(black_box(&text));
        assert!(fixed.changed);
        black_box(fix::file_bytes(&fixed.document))
    });
}

#[divan::bench(sample_count = 3)]
fn fix_diff_16_mb(bencher: Bencher) {
    let text = support::plan(ROWS_16_MB, Some(10));
    bencher.bench(|| {
        let fixed = fix_text(black_box(&text));
        let diff = fix::diff::unified("plan.yaml", &text, &fixed.document.text_with_bom());
        assert!(diff.len() > 100_000);
        black_box(diff)
    });
}

/// The whole `odplint audit` process over two consecutive plans in both languages.
#[divan::bench(args = [4_000], sample_count = 3)]
fn process_audit_pairs(bencher: Bencher, rows: usize) {
    let dir = std::env::temp_dir().join(format!("odplint-audit-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (english, first_year, renamed) in [
        (false, 2024, false),
        (true, 2024, false),
        (false, 2025, true),
        (true, 2025, true),
    ] {
        let language = if english { "en" } else { "zh-Hant" };
        std::fs::write(
            dir.join(format!("{first_year}-{}.{language}.yaml", first_year + 2)),
            support::audit_plan(rows, english, first_year, renamed),
        )
        .unwrap();
    }
    bencher.bench(|| {
        let output = Command::new(env!("CARGO_BIN_EXE_odplint"))
            .args(["audit", "--format", "json"])
            .arg(&dir)
            .output()
            .unwrap();
        assert!(matches!(output.status.code(), Some(0 | 1)), "{output:?}");
        black_box(output.stdout.len())
    });
    let _ = std::fs::remove_dir_all(&dir);
}
