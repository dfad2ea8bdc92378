//! `odplint rules`: every rule with its code, name, default severity, fix and summary.

use serde::Serialize;

use crate::cli::RulesFormat;
use crate::diagnostic::Severity;
use crate::messages::Lang;
use crate::registry;
use crate::{Outcome, rules};

#[derive(Serialize)]
struct RuleRow {
    /// The command whose findings these are: `check` (plan rules), `import` or `audit`.
    command: &'static str,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    fix: &'static str,
    summary: String,
}

pub fn run(format: RulesFormat, lang: Lang) -> Outcome {
    let plan_rules = rules::ALL.iter().map(|rule| ("check", rule));
    let import_findings = registry::IMPORT.iter().map(|rule| ("import", rule));
    let audit_rules = registry::AUDIT.iter().map(|rule| ("audit", rule));
    let rows: Vec<RuleRow> = plan_rules
        .chain(import_findings)
        .chain(audit_rules)
        .map(|(command, rule)| RuleRow {
            command,
            code: rule.code,
            name: rule.name,
            severity: rule.severity,
            fix: rule.fix.as_str(),
            summary: rule.summary_in(lang),
        })
        .collect();
    let result = super::with_stdout(|out| match format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &rows).map_err(std::io::Error::from)?;
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
                if index > 0 && row.command != rows[index - 1].command {
                    writeln!(out)?;
                    let heading = match row.command {
                        "import" => "Findings of `odplint import` about its input:",
                        _ => "Audit rules (run by `odplint audit` across plans):",
                    };
                    writeln!(out, "{heading}")?;
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
    super::finish(result, Outcome::Clean, lang)
}
