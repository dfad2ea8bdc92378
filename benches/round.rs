//! `cargo bench --bench round`: the annual round's two commands in the library, on the police
//! plan and on a generated plan of 500 datasets spread over A, B and D: `next` (the draft and its
//! safe fixes, as the command writes it) and `render` (the page laid out, then the Word document
//! zipped or the HTML page written). docs/performance.md records the medians.

mod support;

use std::sync::LazyLock;

use divan::black_box;
use odplint::config::Config;
use odplint::document::Document;
use odplint::import::Plan;
use odplint::next;
use odplint::policy::Policy;
use odplint::render;

fn main() {
    divan::main();
}

const SEED: &str = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");

static GENERATED: LazyLock<String> = LazyLock::new(|| support::round_plan(500));

fn text(plan: &str) -> &'static str {
    match plan {
        "police" => SEED,
        _ => &GENERATED,
    }
}

const PLANS: [&str; 2] = ["police", "500-rows"];

/// `odplint next PLAN`: the draft, then the safe fixes on it.
#[divan::bench(args = PLANS, sample_count = 30)]
fn next_draft(plan: &str) {
    let document = Document::parse("plan.yaml", black_box(text(plan)));
    let draft = next::draft(&document, None).unwrap();
    let config = Config::default();
    let policy = Policy::of_config(&config);
    black_box(next::with_safe_fixes(&draft.yaml, "draft.yaml", &policy));
}

/// The plan as `render` loads it, once per benchmark (parsing is `check`'s cost, measured there).
fn loaded(plan: &str) -> Plan {
    let document = Document::parse("plan.yaml", text(plan));
    let value = document.value().unwrap();
    let model = odplint::model::Plan::from_value(&value).unwrap();
    assert!(render::unpublishable(&model).is_empty());
    Plan::from_model(&model)
}

#[divan::bench(args = PLANS, sample_count = 30)]
fn render_docx(bencher: divan::Bencher, plan: &str) {
    let plan = loaded(plan);
    bencher.bench(|| black_box(render::docx::render(&render::layout(black_box(&plan))).unwrap()));
}

#[divan::bench(args = PLANS, sample_count = 30)]
fn render_html(bencher: divan::Bencher, plan: &str) {
    let plan = loaded(plan);
    bencher.bench(|| black_box(render::html::render(&render::layout(black_box(&plan)))));
}
