//! One row per promised dataset with its status, for a spreadsheet: RFC 4180 (CRLF line ends,
//! fields quoted when they hold a comma, quote or line break), and values a spreadsheet would
//! run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) prefixed with `'`.

use std::io::{self, Write};

use super::AuditReport;

const HEADER: [&str; 12] = [
    "organisation",
    "from_period",
    "to_period",
    "dataset",
    "matched_dataset",
    "status",
    "fuzzy",
    "target",
    "release_date",
    "new_target",
    "file",
    "line",
];

pub(super) fn emit(report: &AuditReport, out: &mut dyn Write) -> io::Result<()> {
    write_record(out, HEADER.iter().map(|h| h.to_string()))?;
    for dataset in &report.analysis.datasets {
        let optional = |value: &Option<String>| value.clone().unwrap_or_default();
        write_record(
            out,
            [
                report.analysis.organisations[dataset.organisation]
                    .key
                    .clone(),
                dataset.from_period.clone(),
                dataset.to_period.clone(),
                dataset.name.clone(),
                optional(&dataset.matched_name),
                dataset.status.as_str().to_string(),
                dataset.fuzzy.to_string(),
                optional(&dataset.target),
                optional(&dataset.release_date),
                optional(&dataset.new_target),
                report.files[dataset.file].document.name.clone(),
                dataset.line.to_string(),
            ]
            .into_iter(),
        )?;
    }
    Ok(())
}

fn write_record(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    let cells: Vec<String> = fields.map(|field| quote(&neutralise(&field))).collect();
    write!(out, "{}\r\n", cells.join(","))
}

/// A value that a spreadsheet would read as a formula becomes text.
pub(crate) fn neutralise(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    }
}

fn quote(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_formulas_neutralised() {
        assert_eq!(quote(&neutralise("a,b")), "\"a,b\"");
        assert_eq!(quote(&neutralise("say \"hi\"")), "\"say \"\"hi\"\"\"");
        assert_eq!(
            quote(&neutralise("=HYPERLINK(\"x\")")),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(neutralise("+1"), "'+1");
        assert_eq!(neutralise("-1"), "'-1");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("2024-2026"), "2024-2026");
        assert_eq!(quote("line\nbreak"), "\"line\nbreak\"");
    }
}
