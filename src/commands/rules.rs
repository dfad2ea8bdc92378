//! `odplint rules`: every rule with its code, name, default severity, fix and summary.

use serde::Serialize;

use crate::cli::RulesFormat;
use crate::diagnostic::Severity;
use crate::{Outcome, rules};

#[derive(Serialize)]
struct RuleRow {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    fix: &'static str,
    /// `plan` for the rules `check` runs on each plan, `audit` for those `audit` runs across plans.
    scope: &'static str,
    summary: String,
}

pub fn run(format: RulesFormat) -> Outcome {
    let rows: Vec<RuleRow> = rules::every_rule()
        .map(|rule| RuleRow {
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            fix: rule.fix.as_str(),
            scope: if rules::is_audit(rule) {
                "audit"
            } else {
                "plan"
            },
            summary: rule.summary(),
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
            for (index, row) in rows.iter().enumerate() {
                if row.scope == "audit" && rows[..index].iter().all(|r| r.scope != "audit") {
                    writeln!(out)?;
                    writeln!(out, "Audit rules (run by `odplint audit` across plans):")?;
                }
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
