//! The terminal report: every finding drawn with its source lines (as `check` draws them), then
//! the plans, the missing plans, each promised dataset with its status, the language differences
//! and the counts.

use std::io::{self, Write};

use super::{
    AuditReport, difference_organisation, field_text, or_dash, organisation_name, plan_notes,
    status_text, summary_lines, text,
};
use crate::audit::Drawn;
use crate::messages::{Lang, Message};

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    for file in &report.files {
        if let Drawn::Text(text) = &file.findings.drawn {
            out.write_all(text.as_bytes())?;
        }
    }

    writeln!(out, "{}:", text("audit.heading.plans", lang))?;
    for (index, file) in report.files.iter().enumerate() {
        let header = &report.files[index].header;
        let (errors, warnings, _) = report.counts(index);
        // A language the plan names is said in the report's words; anything else as written.
        let language = match header
            .language
            .as_deref()
            .and_then(crate::model::Language::from_code)
        {
            Some(language) => language.name(),
            None => Message::new("audit.as-written")
                .arg("text", one_line(or_dash(header.language.as_deref()))),
        };
        let line = Message::new("audit.plan-line")
            .arg("file", &file.name)
            .arg(
                "organisation",
                one_line(or_dash(
                    header
                        .organisation_id
                        .as_deref()
                        .or(header.organisation.as_deref()),
                )),
            )
            .arg("period", one_line(or_dash(header.period.as_deref())))
            .arg_message("language", language)
            .arg("errors", errors)
            .arg("warnings", warnings)
            .render(lang);
        writeln!(out, "  {line}")?;
    }

    let notes = plan_notes(report, lang);
    if !notes.is_empty() {
        writeln!(out, "\n{}:", text("audit.heading.missing", lang))?;
        for note in notes {
            writeln!(out, "  {}", one_line(&note))?;
        }
    }

    writeln!(out, "\n{}:", text("audit.heading.datasets", lang))?;
    if report.analysis.datasets.is_empty() {
        writeln!(out, "  {}", text("audit.no-datasets", lang))?;
    }
    let mut last_pair = None;
    for dataset in &report.analysis.datasets {
        let pair = (dataset.organisation, &dataset.from_period, dataset.language);
        if last_pair != Some(pair) {
            last_pair = Some(pair);
            let organisation = &report.analysis.organisations[dataset.organisation];
            let heading = Message::new("audit.pair")
                .arg("organisation", organisation_name(organisation))
                .arg("from", &dataset.from_period)
                .arg("to", &dataset.to_period)
                .arg_message("language", dataset.language.name())
                .render(lang);
            writeln!(out, "  {}", one_line(&heading))?;
        }
        let mut line = format!(
            "    {:<12} {}",
            status_text(dataset.status, lang),
            one_line(&dataset.name)
        );
        if let Some(matched) = &dataset.matched_name
            && (dataset.fuzzy || *matched != dataset.name)
        {
            line.push_str(&format!(" → {}", one_line(matched)));
        }
        if dataset.fuzzy {
            line.push_str(&format!(" ({})", text("audit.fuzzy", lang)));
        }
        let mut dates = vec![format!(
            "{} {}",
            text("audit.col.target", lang),
            one_line(or_dash(dataset.target.as_deref()))
        )];
        if let Some(release) = &dataset.release_date {
            dates.push(format!(
                "{} {}",
                text("audit.col.release", lang),
                one_line(release)
            ));
        }
        if let Some(new_target) = &dataset.new_target {
            dates.push(format!(
                "{} {}",
                text("audit.col.new-target", lang),
                one_line(new_target)
            ));
        }
        writeln!(out, "{line}  [{}]", dates.join(", ").to_lowercase())?;
    }

    writeln!(out, "\n{}:", text("audit.heading.languages", lang))?;
    if report.analysis.language_differences.is_empty() {
        writeln!(out, "  {}", text("audit.no-differences", lang))?;
    }
    for difference in &report.analysis.language_differences {
        let organisation = difference_organisation(report, difference);
        let line = match difference.item.as_deref() {
            Some(item) => Message::new("audit.languages").arg("item", item),
            None => Message::new("audit.languages-table"),
        };
        let line = line
            .arg("organisation", organisation_name(organisation))
            .arg("period", &difference.period)
            .arg("table", &difference.table)
            .arg("field", field_text(difference.field, lang))
            .arg("zh", or_dash(difference.zh_hant.as_deref()))
            .arg("en", or_dash(difference.en.as_deref()))
            .render(lang);
        writeln!(out, "  {}", one_line(&line))?;
    }

    writeln!(out)?;
    crate::report::write_errors(out, errors, lang)?;
    for line in summary_lines(report, lang) {
        writeln!(out, "{line}")?;
    }
    if let Some(line) = super::errors::summary_line(errors, lang) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// Plan values may hold line breaks, terminal controls and bidi or zero-width characters; a
/// report line shows them as escapes.
fn one_line(text: &str) -> String {
    crate::visible::visible(text).into_owned()
}
