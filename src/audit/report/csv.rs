//! One row per promised dataset with its status, then one per missing plan (`plan-missing`, A006)
//! and per file set aside (`duplicate-plan`, A005), for a spreadsheet: RFC 4180 (CRLF line ends,
//! fields quoted when they hold a comma, quote or line break), and values a spreadsheet would
//! run as a formula (`=`, `+`, `-`, `@`, tab or carriage return first) prefixed with `'`;
//! controls (line breaks too), bidi and zero-width characters shown as `\n` or `\u{..}` escapes.

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

/// The status of the row that stands for a tool error: its file in `file`, its message in
/// `dataset`, every other field empty.
pub(crate) const TOOL_ERROR_STATUS: &str = "tool-error";

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    out: &mut dyn Write,
) -> io::Result<()> {
    write_record(out, HEADER.iter().map(|h| h.to_string()))?;
    for error in errors {
        let mut fields: [String; HEADER.len()] = Default::default();
        // A machine format: the English words, as its header is.
        fields[3] = error.render(crate::messages::Lang::En);
        fields[5] = TOOL_ERROR_STATUS.to_string();
        fields[10] = error.file.clone().unwrap_or_default();
        write_record(out, fields.into_iter())?;
    }
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
                report.files[dataset.file].name.clone(),
                dataset.line.to_string(),
            ]
            .into_iter(),
        )?;
    }
    for organisation in &report.analysis.organisations {
        let period_of = |file: usize| report.files[file].header.period.clone().unwrap_or_default();
        for missing in &organisation.missing_periods {
            // The organisation's last plan before the gap, as A006 reports it.
            let last = organisation
                .plans
                .iter()
                .copied()
                .filter(|&file| period_of(file).as_str() < missing.as_str())
                .max_by_key(|&file| period_of(file));
            plan_record(
                out,
                &organisation.key,
                last.map(period_of).unwrap_or_default(),
                missing.clone(),
                "plan-missing",
                last.map(|file| report.files[file].name.clone()),
            )?;
        }
        for &file in &organisation.duplicates {
            plan_record(
                out,
                &organisation.key,
                period_of(file),
                String::new(),
                "duplicate-plan",
                Some(report.files[file].name.clone()),
            )?;
        }
    }
    Ok(())
}

/// A row about a plan rather than a dataset: the dataset columns stay empty.
fn plan_record(
    out: &mut dyn Write,
    organisation: &str,
    from_period: String,
    to_period: String,
    status: &str,
    file: Option<String>,
) -> io::Result<()> {
    let mut fields = vec![String::new(); HEADER.len()];
    fields[0] = organisation.to_string();
    fields[1] = from_period;
    fields[2] = to_period;
    fields[5] = status.to_string();
    fields[10] = file.unwrap_or_default();
    write_record(out, fields.into_iter())
}

fn write_record(out: &mut dyn Write, fields: impl Iterator<Item = String>) -> io::Result<()> {
    // Controls (line breaks too: a line of its own could be read by a CI runner as a command),
    // bidi and zero-width characters are made visible, so that the file cannot drive a
    // terminal or a log that shows it.
    let cells: Vec<String> = fields
        .map(|field| quote(&neutralise(&crate::visible::visible(&field))))
        .collect();
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
