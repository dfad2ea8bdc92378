//! Writes a synthetic plan of N rows to standard output (a defect every 10 rows), for measuring
//! the whole process: `cargo bench --bench generate_plan -- 100000 > plan.yaml`.
#[path = "support/mod.rs"]
mod support;

use std::io::Write;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let _ = std::io::stdout().write_all(support::plan(rows, Some(10)).as_bytes());
}
