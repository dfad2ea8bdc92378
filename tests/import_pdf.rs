//! `odplint import` of PDF files: the police plan made into a PDF by LibreOffice imports into
//! the plan in `plans/`; invented plans printed by Chromium (rows broken over pages, repeated
//! headers, page numbers, a merged 不適用 cell) import as their gold; PDFs that cannot be read
//! are one clear error, never a panic.

mod common;

use odplint::diagnostic::Severity;
use odplint::document::{Document, SourceKind};
use odplint::import::{self, InputFormat, Metadata, pdf};
use odplint::messages::Lang;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/pdf");

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{name}")).unwrap()
}

/// The plan a PDF imports as, in the form `import` writes (without the modeline), and the
/// findings' message ids.
fn import_pdf(bytes: &[u8]) -> (String, Vec<&'static str>) {
    let read = pdf::read(bytes).unwrap();
    let imported = import::build::build(&read.layout, &Metadata::default(), read.anchors.clone());
    let ids = imported.diagnostics.iter().map(|d| d.message.id).collect();
    (import::to_yaml_with_modeline(&imported.plan, None), ids)
}

#[test]
fn the_police_plan_from_word_by_libreoffice_imports_as_the_plan_in_plans() {
    let (yaml, findings) = import_pdf(&read_fixture("hkpf-2024-2026.pdf"));
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/hkpf/2024-2026.zh-Hant.yaml"
    ))
    .unwrap();
    let plan = plan.split_once('\n').unwrap().1;
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(yaml, plan);
}

#[test]
fn plans_printed_by_chromium_import_as_their_gold() {
    for language in ["en", "zh-Hant"] {
        let name = format!("upland-2025-2027.{language}.chromium");
        let (yaml, findings) = import_pdf(&read_fixture(&format!("{name}.pdf")));
        let gold = std::fs::read_to_string(format!("{FIXTURES}/{name}.gold.yaml")).unwrap();
        assert!(findings.is_empty(), "{name}: {findings:?}");
        assert_eq!(yaml, gold, "{name}");
    }
}

#[test]
fn every_cell_and_paragraph_stands_where_its_span_says() {
    use odplint::import::layout::Block;
    for name in [
        "hkpf-2024-2026.pdf",
        "upland-2025-2027.zh-Hant.chromium.pdf",
    ] {
        let read = pdf::read(&read_fixture(name)).unwrap();
        for block in &read.layout.blocks {
            match block {
                Block::Paragraph(paragraph) => {
                    assert_eq!(read.rendering[paragraph.span.clone()], paragraph.text);
                }
                Block::Table(table) => {
                    for row in &table.rows {
                        for cell in &row.cells {
                            assert_eq!(read.rendering[cell.span.clone()], cell.text);
                        }
                    }
                }
            }
        }
    }
}

/// A PDF of one page drawing `content`, with the font `/F1` given by `font` (objects 5 on).
fn hand_made_pdf(content: &str, font: &str, extra: &[&str]) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R \
         /Resources << /Font << /F1 5 0 R >> >> >>"
            .to_string(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len() + 1
        ),
        font.to_string(),
    ];
    objects.extend(extra.iter().map(|object| object.to_string()));
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (index, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", index + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .bytes(),
    );
    pdf
}

fn paragraphs(bytes: &[u8]) -> Vec<String> {
    use odplint::import::layout::Block;
    pdf::read(bytes)
        .unwrap()
        .layout
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Paragraph(paragraph) => Some(paragraph.text.clone()),
            Block::Table(_) => None,
        })
        .collect()
}

const HELVETICA: &str = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";

#[test]
fn simple_fonts_read_by_their_codes_and_positions() {
    let content = "BT /F1 12 Tf 72 700 Td (Hello) Tj 0 -20 Td (World) Tj ET";
    let widths = format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 32 /LastChar 126 \
         /Widths [{}] >>",
        vec!["500"; 95].join(" ")
    );
    assert_eq!(
        paragraphs(&hand_made_pdf(content, &widths, &[])),
        ["Hello", "World"]
    );
}

#[test]
fn look_alike_radicals_from_a_unicode_map_are_read_as_ideographs() {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
        1 begincodespacerange <00> <FF> endcodespacerange\n\
        3 beginbfchar <41> <2F83> <42> <F9D0> <43> <2215> endbfchar\n\
        endcmap end end";
    let font = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R \
        /FirstChar 65 /LastChar 67 /Widths [1000 1000 1000] >>";
    let stream = format!(
        "<< /Length {} >>\nstream\n{cmap}\nendstream",
        cmap.len() + 1
    );
    let content = "BT /F1 12 Tf 72 700 Td (ABC) Tj ET";
    assert_eq!(
        paragraphs(&hand_made_pdf(content, font, &[&stream])),
        ["自類／"]
    );
}

#[test]
fn type3_fonts_advance_by_their_font_matrix() {
    // Glyph widths in a 1/10 glyph space: with the matrix ignored, `A` and `B` would overlap
    // and `B` would run into `C`'s space.
    let font = "<< /Type /Font /Subtype /Type3 /FontMatrix [0.1 0 0 0.1 0 0] \
        /FontBBox [0 0 10 10] /CharProcs << >> /Encoding << /Differences [] >> \
        /FirstChar 65 /LastChar 67 /Widths [10 10 10] >>";
    let content = "BT /F1 12 Tf 72 700 Td (AB) Tj 30 0 Td (C) Tj ET";
    assert_eq!(paragraphs(&hand_made_pdf(content, font, &[])), ["AB C"]);
}

#[test]
fn a_pdf_without_a_text_layer_needs_ocr() {
    let content = "q 0.5 g 0 0 600 800 re f Q";
    let error = pdf::read(&hand_made_pdf(content, HELVETICA, &[]))
        .unwrap_err()
        .render(odplint::messages::Lang::En);
    assert!(error.contains("no text layer"), "{error}");
    assert!(error.contains("OCR"), "{error}");
}

#[test]
fn broken_and_truncated_pdfs_are_errors_not_panics() {
    let whole = read_fixture("upland-2025-2027.en.chromium.pdf");
    for cut in [
        0,
        5,
        100,
        1_000,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 10,
    ] {
        // Either an error or what could be read: never a panic.
        let _ = pdf::read(&whole[..cut]);
    }
    assert!(pdf::read(b"%PDF-1.7\n%%EOF").is_err());
    let regressions = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/fuzz-regressions"
    );
    for entry in std::fs::read_dir(regressions).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|extension| extension == "pdf") {
            let _ = pdf::read(&std::fs::read(&path).unwrap());
        }
    }
}

#[test]
fn deep_nesting_and_huge_ranges_are_bounded() {
    let content = format!(
        "{} BT /F1 12 Tf 72 700 Td (A) Tj ET {}",
        "q ".repeat(10_000),
        "Q ".repeat(10_000)
    );
    assert_eq!(paragraphs(&hand_made_pdf(&content, HELVETICA, &[])), ["A"]);
}

fn odplint() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_odplint"))
}

/// The command line: a PDF is known by its content whatever its name, imports to standard
/// output exactly as the plan in `plans/`, and `-o` writes it; a scan is one error naming the
/// file (exit 2).
#[test]
fn import_reads_a_pdf_by_its_content_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let misnamed = dir.path().join("plan.txt");
    std::fs::write(&misnamed, read_fixture("hkpf-2024-2026.pdf")).unwrap();
    let output = odplint().arg("import").arg(&misnamed).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let plan = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/plans/hkpf/2024-2026.zh-Hant.yaml"
    ))
    .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout.split_once('\n').unwrap().1,
        plan.split_once('\n').unwrap().1
    );

    let written = dir.path().join("out.yaml");
    let output = odplint()
        .args(["import", "--from", "pdf", "-o"])
        .arg(&written)
        .arg(format!("{FIXTURES}/upland-2025-2027.en.chromium.pdf"))
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let gold =
        std::fs::read_to_string(format!("{FIXTURES}/upland-2025-2027.en.chromium.gold.yaml"))
            .unwrap();
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.ends_with(&gold), "{text}");

    let scan = dir.path().join("scan.pdf");
    std::fs::write(
        &scan,
        hand_made_pdf("q 0.5 g 0 0 600 800 re f Q", HELVETICA, &[]),
    )
    .unwrap();
    let output = odplint().arg("import").arg(&scan).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("scan.pdf") && stderr.contains("OCR"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

/// `pdftotext -layout` text of the police plan: its table rows are aligned by spaces and cannot
/// be read cell by cell. That is one finding asking for the PDF itself, at error level, naming
/// how many lines; never rows folded silently into a note.
#[test]
fn needs_pdftotext_layout_text_is_one_finding_that_asks_for_the_pdf() {
    let Some(pdftotext) = common::require_program("pdftotext") else {
        return;
    };
    let output = std::process::Command::new(pdftotext)
        .arg("-layout")
        .arg(format!("{FIXTURES}/hkpf-2024-2026.pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let document = Document::parse_as("plan.txt", &text, SourceKind::Text);
    let imported = import::import(&document, InputFormat::Text, &Metadata::default(), false);
    let aligned: Vec<_> = imported
        .diagnostics
        .iter()
        .filter(|d| d.message.id == "I001.aligned")
        .collect();
    assert_eq!(aligned.len(), 1, "{:?}", imported.diagnostics);
    assert_eq!(aligned[0].severity, Severity::Error);
    let rendered = aligned[0].message.render(Lang::En);
    // The plan has 38 datasets: every one of their lines is among those counted.
    let rows: usize = rendered
        .split(" of them look like table rows")
        .next()
        .and_then(|head| head.rsplit('(').next())
        .and_then(|count| count.trim().parse().ok())
        .unwrap_or(0);
    assert!(rows >= 38, "{rendered}");
    let imported_rows: usize = imported
        .plan
        .sections
        .iter()
        .flatten()
        .flat_map(|section| [&section.spatial, &section.non_spatial])
        .flatten()
        .map(|table| table.rows.len())
        .sum();
    assert_eq!(imported_rows, 0);
}
