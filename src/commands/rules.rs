//! `odplint rules`: every rule with its code, name, default severity, fix and summary.

use serde::Serialize;

use crate::cli::RulesFormat;
use crate::diagnostic::Severity;
use crate::messages::Lang;
use crate::{Outcome, rules};

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    fix: &'static str,
    summary: String,
}

pub fn run(format: RulesFormat, lang: Lang) -> Outcome {
    let rows: Vec<RuleRow> = rules::ALL
        .iter()
        .map(|rule| RuleRow {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            fix: rule.fix.as_str(),
            summary: rule.summary_in(lang),
        })
        .collect();
    let result = super::with_stdout(|out| match format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::other)?;
            writeln!(out)
        }
        RulesFormat::Table => {
            let name_width = rows.iter().map(|r| r.name.len()).max().unwrap_or(4);
            writeln!(
                out,
                "{:<5} {:<name_width$} {:<8} {:<9} summary",
                "code", "name", "severity", "fix"
            )?;
            for row in &rows {
                writeln!(
                    out,
                    "{:<5} {:<name_width$} {:<8} {:<9} {}",
                    row.code,
                    row.name,
                    row.severity.as_str(),
                    row.fix,
                    row.summary
                )?;
            }
            Ok(())
        }
    });
    super::finish(result, Outcome::Clean)
}
