//! Times and memory of loading and checking a synthetic plan: `cargo bench --bench
//! profile_parse -- ROWS`. Used for docs/performance.md.
#[path = "support/mod.rs"]
mod support;

fn resident_mb() -> f64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .nth(1)
                .and_then(|p| p.parse::<f64>().ok())
        })
        .map_or(0.0, |pages| pages * 4096.0 / 1_048_576.0)
}

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let text = support::plan(rows, Some(10));
    let before = resident_mb();
    let start = std::time::Instant::now();
    let document = odplint::document::Document::parse("plan.yaml", &text);
    let parsed = start.elapsed();
    let after_parse = resident_mb();
    let diagnostics = odplint::lint::check_document(&document);
    let total = start.elapsed();
    println!(
        "rows {rows} bytes {} parse {parsed:?} check {:?} total {total:?} findings {} | resident MB: text {before:.0}, after parse {after_parse:.0}, after check {:.0}",
        text.len(),
        total - parsed,
        diagnostics.len(),
        resident_mb()
    );
}
