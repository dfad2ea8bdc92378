//! A report that fits a pull-request comment: the counts, then tables of plans, promised
//! datasets and language differences, and the findings folded in a `<details>` block. Plan values
//! are escaped so that they can neither break a table nor inject markup.

use std::io::{self, Write};

use super::{
    AuditReport, difference_organisation, field_text, or_dash, organisation_name, organisation_of,
    plan_notes, status_text, summary_lines, text,
};
use crate::messages::{Lang, Message};

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "## {}\n", text("audit.title", lang))?;
    for line in summary_lines(report, lang) {
        writeln!(out, "- {}", escape(&line))?;
    }
    if let Some(line) = super::errors::summary_line(errors, lang) {
        writeln!(out, "- {}", escape(&line))?;
    }
    super::errors::markdown(out, errors, lang)?;

    let notes = plan_notes(report, lang);
    if !notes.is_empty() {
        writeln!(out, "\n### {}\n", text("audit.heading.missing", lang))?;
        for note in notes {
            writeln!(out, "- {}", escape(&note))?;
        }
    }

    writeln!(out, "\n### {}\n", text("audit.heading.plans", lang))?;
    header(out, lang, super::PLAN_COLUMNS)?;
    for (index, file) in report.files.iter().enumerate() {
        let plan = &report.files[index].header;
        let (errors, warnings, _) = report.counts(index);
        row(
            out,
            &[
                code(&file.name),
                escape(or_dash(plan.organisation.as_deref())),
                escape(or_dash(plan.period.as_deref())),
                escape(or_dash(plan.language.as_deref())),
                errors.to_string(),
                warnings.to_string(),
            ],
        )?;
    }

    writeln!(out, "\n### {}\n", text("audit.heading.datasets", lang))?;
    if report.analysis.datasets.is_empty() {
        writeln!(out, "{}", text("audit.no-datasets", lang))?;
    } else {
        header(
            out,
            lang,
            &[
                "audit.col.organisation",
                "audit.col.from",
                "audit.col.to",
                "audit.col.dataset",
                "audit.col.matched",
                "audit.col.status",
                "audit.col.target",
                "audit.col.release",
                "audit.col.new-target",
            ],
        )?;
        for dataset in &report.analysis.datasets {
            let mut status = status_text(dataset.status, lang);
            if dataset.fuzzy {
                status.push_str(&format!(" ({})", text("audit.fuzzy", lang)));
            }
            row(
                out,
                &[
                    escape(&organisation_name(organisation_of(report, dataset))),
                    escape(&dataset.from_period),
                    escape(&dataset.to_period),
                    escape(&dataset.name),
                    escape(or_dash(dataset.matched_name.as_deref())),
                    escape(&status),
                    escape(or_dash(dataset.target.as_deref())),
                    escape(or_dash(dataset.release_date.as_deref())),
                    escape(or_dash(dataset.new_target.as_deref())),
                ],
            )?;
        }
    }

    writeln!(out, "\n### {}\n", text("audit.heading.languages", lang))?;
    if report.analysis.language_differences.is_empty() {
        writeln!(out, "{}", text("audit.no-differences", lang))?;
    } else {
        let mut names: Vec<String> = [
            "audit.col.organisation",
            "audit.col.period",
            "audit.col.table",
            "audit.col.item",
            "audit.col.field",
        ]
        .iter()
        .map(|id| escape(&text(id, lang)))
        .collect();
        names.extend(["zh-Hant".to_string(), "en".to_string()]);
        header_of(out, &names)?;
        for difference in &report.analysis.language_differences {
            row(
                out,
                &[
                    escape(&organisation_name(difference_organisation(
                        report, difference,
                    ))),
                    escape(&difference.period),
                    escape(&difference.table),
                    escape(or_dash(difference.item.as_deref())),
                    escape(&field_text(difference.field, lang)),
                    escape(or_dash(difference.zh_hant.as_deref())),
                    escape(or_dash(difference.en.as_deref())),
                ],
            )?;
        }
    }

    let findings: usize = report.files.iter().map(|f| super::listed(f).len()).sum();
    writeln!(out, "\n### {}\n", text("audit.heading.findings", lang))?;
    if findings == 0 {
        writeln!(out, "{}", text("audit.no-findings", lang))?;
        return Ok(());
    }
    writeln!(
        out,
        "<details><summary>{}</summary>\n",
        escape(
            &Message::new("audit.findings.count")
                .arg("count", findings)
                .render(lang)
        )
    )?;
    header(out, lang, super::FINDING_COLUMNS)?;
    for file in &report.files {
        for finding in super::listed(file) {
            row(
                out,
                &[
                    code(&file.name),
                    finding.line.to_string(),
                    format!("{} ({})", finding.rule.code, finding.rule.name),
                    finding.severity.to_string(),
                    escape(&finding.message.render(lang)),
                ],
            )?;
        }
    }
    writeln!(out, "\n</details>")
}

fn header(out: &mut dyn Write, lang: Lang, ids: &[&'static str]) -> io::Result<()> {
    let names: Vec<String> = ids.iter().map(|id| escape(&text(id, lang))).collect();
    header_of(out, &names)
}

fn header_of(out: &mut dyn Write, names: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", names.join(" | "))?;
    writeln!(out, "|{}", "---|".repeat(names.len()))
}

fn row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

/// A file name in code style, with backticks that the name itself holds kept out and its
/// controls, bidi and zero-width characters made visible.
fn code(text: &str) -> String {
    let clean = crate::visible::visible(text).replace('`', "'");
    format!("`{}`", clean.replace('|', "\\|"))
}

/// Escapes text for a Markdown table cell: HTML-significant characters become entities, Markdown
/// punctuation is backslash-escaped, line breaks become spaces, and other controls, bidi and
/// zero-width characters are made visible (`\u{202e}`).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '~' | '|' | '!' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if crate::visible::must_escape(c) => crate::visible::push_char(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_inject_markup_or_break_the_table() {
        assert_eq!(
            escape("<script>alert(1)</script>|x"),
            "&lt;script&gt;alert(1)&lt;/script&gt;\\|x"
        );
        assert_eq!(
            escape("[a](http://x) *b*\nc"),
            "\\[a\\](http://x) \\*b\\* c"
        );
        assert_eq!(escape("a\u{202e}b\u{1b}c"), "a\\u{202e}b\\u{1b}c");
    }
}
