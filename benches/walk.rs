//! `cargo bench --bench walk`: what a folder walk costs before any plan is checked.
//! A generated repository of 3,000 YAML/JSON files in 100 folders: 1,000 plans, 1,000 YAML files
//! of other tools, 999 JSON files and one 8 MB JSON file (which the sniff reads 4 KiB of), plus
//! a `.gitignore`d folder. Budgets (docs/performance.md): the walk with the sniff of 3,000 files
//! under 150 ms (a walk that takes every file as a plan through `include`, opening none, is
//! measured beside it for the sniff's share); building the typed model part by part under a
//! tenth of parsing the same plan.

mod support;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use divan::{Bencher, black_box};
use odplint::document::Document;
use odplint::inputs::{self, WalkOptions};
use odplint::model::Plan;

fn main() {
    // The two repositories live for the run and are removed after it.
    let sniffed = tempfile::tempdir().unwrap();
    let included = tempfile::tempdir().unwrap();
    for dir in [sniffed.path(), included.path()] {
        generate(dir);
    }
    std::fs::write(
        included.path().join("odplint.toml"),
        "include = [\"*.yaml\", \"*.yml\", \"*.json\"]\n",
    )
    .unwrap();
    let _ = REPOSITORIES.set((sniffed.path().to_path_buf(), included.path().to_path_buf()));
    divan::main();
}

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

/// Two copies of the generated repository: one plain (plans found by their `format:` line), one
/// whose odplint.toml says every YAML and JSON file is a plan (no sniff).
static REPOSITORIES: OnceLock<(PathBuf, PathBuf)> = OnceLock::new();

fn repositories() -> &'static (PathBuf, PathBuf) {
    REPOSITORIES.get().expect("made in main")
}

fn generate(root: &Path) {
    let compose = "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n".repeat(20);
    for folder in 0..100 {
        let dir = root.join(format!("dept-{folder:03}"));
        std::fs::create_dir_all(&dir).unwrap();
        for index in 0..10 {
            std::fs::write(dir.join(format!("plan-{index}.yaml")), SEED).unwrap();
            std::fs::write(dir.join(format!("compose-{index}.yml")), &compose).unwrap();
            if folder * 10 + index < 999 {
                std::fs::write(
                    dir.join(format!("package-{index}.json")),
                    format!("{{\"name\": \"site-{folder}-{index}\", \"version\": \"1.0.0\"}}\n"),
                )
                .unwrap();
            }
        }
    }
    let big = format!("[{}0]\n", "1234567,".repeat(1 << 20));
    std::fs::write(root.join("dept-000/data.json"), big).unwrap();
    std::fs::create_dir_all(root.join("build")).unwrap();
    for index in 0..50 {
        std::fs::write(root.join(format!("build/plan-{index}.yaml")), SEED).unwrap();
    }
    std::fs::write(root.join(".gitignore"), "build/\n").unwrap();
}

/// The walk as `check DIR` does it: ignore files, excludes, and the 4 KiB sniff of each file.
#[divan::bench(sample_count = 20)]
fn walk_3000_files_sniffing(bencher: Bencher) {
    let (sniffed, _) = repositories();
    bencher.bench(|| {
        let collected =
            inputs::collect(std::slice::from_ref(sniffed), &WalkOptions::default()).unwrap();
        assert_eq!(collected.inputs.len(), 1000);
        assert_eq!(collected.skipped.len(), 2000);
        black_box(collected)
    });
}

/// The same walk where `include` takes every file as a plan: no file is opened.
#[divan::bench(sample_count = 20)]
fn walk_3000_files_by_include(bencher: Bencher) {
    let (_, included) = repositories();
    bencher.bench(|| {
        let collected =
            inputs::collect(std::slice::from_ref(included), &WalkOptions::default()).unwrap();
        assert_eq!(collected.inputs.len(), 3000);
        black_box(collected)
    });
}

/// The sniff alone, on the head of a plan and of a file of another tool.
#[divan::bench(args = ["plan", "other"])]
fn sniff_one_head(kind: &str) -> bool {
    let text = match kind {
        "plan" => SEED,
        _ => "services:\n  web:\n    image: nginx\n",
    };
    let head = &text.as_bytes()[..text.len().min(inputs::SNIFF_BYTES as usize)];
    inputs::says_plan(black_box(head))
}

/// The typed model built part by part from a parsed plan (the seed, and 20,000 rows).
#[divan::bench(args = [0, 20_000])]
fn build_model(bencher: Bencher, rows: usize) {
    let text = if rows == 0 {
        SEED.to_string()
    } else {
        support::plan(rows, Some(10))
    };
    let document = Document::parse("plan.yaml", &text);
    let value = document.value().unwrap();
    bencher.bench(|| black_box(Plan::from_value(black_box(&value)).is_some()));
}

/// Parsing the same plans, for the ratio.
#[divan::bench(args = [0, 20_000])]
fn parse_for_comparison(bencher: Bencher, rows: usize) {
    let text = if rows == 0 {
        SEED.to_string()
    } else {
        support::plan(rows, Some(10))
    };
    bencher.bench(|| black_box(Document::parse("plan.yaml", black_box(&text))));
}
