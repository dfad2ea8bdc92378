//! `cargo bench`: checking and rendering costs over the seed plan and synthetic plans.
//! Budgets (docs/performance.md): the seed plan checked in under 5 ms of process wall time; a
//! full check within 2x the parse-only time on the same input; the cost per row flat from 1k to
//! 1M rows; 1,000 files checked on both cores; rendering linear in the number of findings.

mod support;

use std::process::Command;

use divan::{Bencher, black_box};
use odplint::document::Document;
use odplint::lint;
use odplint::messages::Lang;
use odplint::report::{self, FileReport, Format, HumanOptions, ReportOptions};

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

/// The whole process, as a user or pre-commit runs it (release build of the binary).
#[divan::bench(sample_count = 50)]
fn process_check_seed() {
    let status = Command::new(env!("CARGO_BIN_EXE_odplint"))
        .args(["check", "--format", "concise"])
        .arg(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/plans/hkpf/2024-2026.zh-Hant.yaml"
        ))
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

/// 1,000 small plans in one folder, checked by the binary: the files are spread over the cores.
#[divan::bench(sample_count = 5)]
fn process_check_1000_files(bencher: Bencher) {
    let dir = std::env::temp_dir().join(format!("odplint-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for index in 0..1000 {
        std::fs::write(dir.join(format!("plan-{index:04}.yaml")), SEED).unwrap();
    }
    bencher.bench(|| {
        let status = Command::new(env!("CARGO_BIN_EXE_odplint"))
            .args(["check", "--format", "concise"])
            .arg(&dir)
            .stdout(std::process::Stdio::null())
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(1));
    });
    let _ = std::fs::remove_dir_all(&dir);
}

#[divan::bench]
fn check_seed() {
    let document = Document::parse("seed.yaml", black_box(SEED));
    black_box(lint::check_document(&document));
}

/// The parse-only reference: saphyr-parser (odplint's parser for the YAML its own reader
/// declines) reading the same text, every event dropped. A full check aims at 1.5x of it.
#[divan::bench(args = [1_000, 10_000, 100_000, 1_000_000], sample_count = 100, max_time = 8)]
fn parse_events(bencher: Bencher, rows: usize) {
    let text = support::plan(rows, Some(10));
    bencher.bench(|| {
        let mut parser = saphyr_parser::Parser::new_from_str(black_box(&text));
        let mut events = 0usize;
        while let Some(Ok(_)) = parser.next_event() {
            events += 1;
        }
        black_box(events)
    });
}

/// Reading the same text into the document's tree of values and spans, nothing else (odplint's
/// own reader: the plan is plain block YAML).
#[divan::bench(args = [1_000, 10_000, 100_000, 1_000_000], sample_count = 100, max_time = 8)]
fn parse_only(bencher: Bencher, rows: usize) {
    let text = support::plan(rows, Some(10));
    bencher.bench(|| black_box(Document::parse("plan.yaml", black_box(&text))));
}

#[divan::bench(args = [1_000, 10_000, 100_000, 1_000_000], sample_count = 100, max_time = 8)]
fn check_rows(bencher: Bencher, rows: usize) {
    let text = support::plan(rows, Some(10));
    bencher.bench(|| {
        let document = Document::parse("plan.yaml", black_box(&text));
        black_box(lint::check_document(&document))
    });
}

/// The synthetic plan of `rows` rows as pretty-printed JSON (as `odplint import` and editors
/// write it).
fn json_plan(rows: usize) -> String {
    let yaml = support::plan(rows, Some(10));
    let document = Document::parse("plan.yaml", &yaml);
    let root = document.root().expect("the synthetic plan reads");
    serde_json::to_string_pretty(&root.to_value()).unwrap()
}

/// The same plans as JSON, read into the tree (odplint's own JSON reader), nothing else.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 100, max_time = 8)]
fn parse_only_json(bencher: Bencher, rows: usize) {
    let text = json_plan(rows);
    bencher.bench(|| black_box(Document::parse("plan.json", black_box(&text))));
}

/// The same plans as JSON, checked.
#[divan::bench(args = [1_000, 10_000, 100_000], sample_count = 100, max_time = 8)]
fn check_rows_json(bencher: Bencher, rows: usize) {
    let text = json_plan(rows);
    bencher.bench(|| {
        let document = Document::parse("plan.json", black_box(&text));
        black_box(lint::check_document(&document))
    });
}

/// Rendering a finding for every row: linear, since source lookups use the line index.
#[divan::bench(args = [1_000, 5_000], sample_count = 10)]
fn render_human_all_rows_failing(bencher: Bencher, rows: usize) {
    let text = support::plan(rows, Some(1));
    let document = Document::parse("plan.yaml", &text);
    let diagnostics = lint::check_document(&document);
    assert!(diagnostics.len() >= rows * 3 / 4);
    let reports = vec![FileReport {
        document,
        diagnostics,
    }];
    let options = ReportOptions {
        human: HumanOptions {
            color: false,
            width: 100,
        },
        statistics: false,
        max_per_file: None,
    };
    bencher.bench(|| {
        let mut out = Vec::with_capacity(1 << 20);
        report::emit(Format::Human, &reports, Lang::En, &options, &mut out).unwrap();
        black_box(out)
    });
}
