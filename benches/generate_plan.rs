//! Writes a synthetic plan of N rows to standard output (a defect every 10 rows), for measuring
//! the whole process: `cargo bench --bench generate_plan -- 100000 > plan.yaml`; with `round`
//! after N, a plan whose rows are spread over sections A, B and D as a year's round finds them
//! (`support::round_plan`), for the audit.
#[path = "support/mod.rs"]
mod support;

use std::io::Write;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let plan = match std::env::args().nth(2).as_deref() {
        Some("round") => support::round_plan(rows),
        _ => support::plan(rows, Some(10)),
    };
    let _ = std::io::stdout().write_all(plan.as_bytes());
}
