//! `cargo bench --bench import`: importing a Word document of 500 rows (made by
//! `tools/gen_import_fixtures.py --bench 500`) and a PDF of 50 pages (430 rows, printed by
//! LibreOffice: `tools/gen_pdf_fixtures.py --bench`). Budget: 200 ms each in release, reading
//! the file, building the plan and writing its YAML.

use divan::black_box;
use odplint::import::{self, DEFAULT_SCHEMA_PATH, InputFormat, Metadata};

fn main() {
    divan::main();
}

const DOCX: &[u8] = include_bytes!("../tests/fixtures/import/bench-500-rows.docx");
const PDF: &[u8] = include_bytes!("../tests/fixtures/import/pdf/bench-50-pages.pdf");

/// Imports `bytes` as `format` and writes the YAML, checking that D.ii holds `rows` rows.
fn import_and_write(name: &str, bytes: &[u8], format: InputFormat, rows: usize) {
    let (_, imported) =
        import::import_bytes(name, black_box(bytes), format, &Metadata::default(), false).unwrap();
    assert_eq!(
        imported.plan.sections[3]
            .as_ref()
            .and_then(|section| section.non_spatial.as_ref())
            .map(|table| table.rows.len()),
        Some(rows)
    );
    black_box(import::to_yaml(&imported.plan, DEFAULT_SCHEMA_PATH));
}

#[divan::bench(sample_count = 30)]
fn import_docx_500_rows() {
    import_and_write("bench.docx", DOCX, InputFormat::Docx, 500);
}

#[divan::bench(sample_count = 30)]
fn import_pdf_50_pages() {
    import_and_write("bench.pdf", PDF, InputFormat::Pdf, 430);
}
