#[path = "../benches/support/mod.rs"]
mod support;
fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let text = support::plan(rows, Some(10));
    let t = std::time::Instant::now();
    let doc = odplint::document::Document::parse("p.yaml", &text);
    let parsed = t.elapsed();
    let d = odplint::lint::check_document(&doc);
    println!(
        "bytes {} parse {:?} check-after-parse {:?} diags {}",
        text.len(),
        parsed,
        t.elapsed() - parsed,
        d.len()
    );
}
