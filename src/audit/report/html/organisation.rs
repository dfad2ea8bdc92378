//! One organisation's part of the report: its names, periods, promises and language differences.

use std::fmt::Write as _;

use super::{escape, header, lang_attribute, organisation_display, text};
use crate::audit::report::{AuditReport, field_text, or_dash, status_text};
use crate::messages::{Lang, Message};

pub(super) fn write_organisation(
    page: &mut String,
    report: &AuditReport,
    index: usize,
    lang: Lang,
) -> std::fmt::Result {
    let organisation = &report.analysis.organisations[index];
    writeln!(
        page,
        "<section class=\"organisation\" id=\"organisation-{}\">",
        index + 1
    )?;
    let (language, name) = organisation_display(organisation, lang);
    let others: Vec<String> = organisation
        .names
        .iter()
        .filter(|(_, other)| other != name)
        .map(|(language, other)| {
            format!(
                "<span lang=\"{}\">{}</span>",
                language.code(),
                escape(other)
            )
        })
        .collect();
    let others = if others.is_empty() {
        String::new()
    } else {
        format!(
            "<span class=\"organisation-names\">{}</span>",
            others.join(" / ")
        )
    };
    writeln!(
        page,
        "<h2><span{}>{}</span>{others}</h2>",
        lang_attribute(language),
        escape(name)
    )?;
    let mut periods = Message::new("audit.org-periods")
        .arg("periods", organisation.periods.join(", "))
        .render(lang);
    if !organisation.missing_periods.is_empty() {
        periods.push_str(
            &Message::new("audit.org-missing")
                .arg("periods", organisation.missing_periods.join(", "))
                .render(lang),
        );
    }
    writeln!(page, "<p>{}</p>", escape(&periods))?;

    let datasets: Vec<_> = report
        .analysis
        .datasets
        .iter()
        .filter(|d| d.organisation == index)
        .collect();
    writeln!(
        page,
        "<h3>{}</h3>",
        escape(&text("audit.heading.datasets", lang))
    )?;
    if datasets.is_empty() {
        writeln!(page, "<p>{}</p>", escape(&text("audit.no-datasets", lang)))?;
    } else {
        writeln!(page, "<div class=\"scroll\"><table class=\"organisation\">")?;
        header(
            page,
            lang,
            &[
                "audit.col.dataset",
                "audit.html.promised-in",
                "audit.col.status",
                "audit.col.target",
                "audit.html.outcome",
            ],
        )?;
        writeln!(page, "<tbody>")?;
        for dataset in datasets {
            let language = lang_attribute(Some(dataset.language));
            let mut name_cell = format!("<span{language}>{}</span>", escape(&dataset.name));
            if let Some(matched) = dataset
                .matched_name
                .as_deref()
                .filter(|m| *m != dataset.name)
            {
                let _ = write!(
                    name_cell,
                    "<span class=\"also\">{} <span{language}>{}</span></span>",
                    escape(&text("audit.html.listed-as", lang)),
                    escape(matched)
                );
            }
            let _ = write!(
                name_cell,
                "<span class=\"where\">{}:{}</span>",
                escape(&report.files[dataset.file].name),
                dataset.line
            );
            let fuzzy = if dataset.fuzzy {
                format!(
                    "<span class=\"fuzzy\">{}</span>",
                    escape(&text("audit.fuzzy", lang))
                )
            } else {
                String::new()
            };
            let outcome = match (&dataset.release_date, &dataset.new_target) {
                (Some(release), _) => Message::new("audit.html.released-on")
                    .arg("date", release)
                    .render(lang),
                (None, Some(target)) => Message::new("audit.html.new-target")
                    .arg("date", target)
                    .render(lang),
                (None, None) => "—".to_string(),
            };
            writeln!(
                page,
                "<tr class=\"{status}\"><td class=\"name\">{name_cell}</td><td class=\"nowrap\">{}</td><td class=\"status {status}\">{}{fuzzy}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td></tr>",
                escape(&dataset.from_period),
                escape(&status_text(dataset.status, lang)),
                escape(or_dash(dataset.target.as_deref())),
                escape(&outcome),
                status = dataset.status.as_str(),
            )?;
        }
        writeln!(page, "</tbody>")?;
        writeln!(page, "</table></div>")?;
    }

    let differences: Vec<_> = report
        .analysis
        .language_differences
        .iter()
        .filter(|d| d.organisation == index)
        .collect();
    if !differences.is_empty() {
        writeln!(
            page,
            "<h3>{}</h3>",
            escape(&text("audit.heading.languages", lang))
        )?;
        writeln!(page, "<div class=\"scroll\"><table class=\"differences\">")?;
        header(
            page,
            lang,
            &[
                "audit.col.period",
                "audit.col.table",
                "audit.col.item",
                "audit.col.field",
                "audit.language.zh-Hant",
                "audit.language.en",
            ],
        )?;
        writeln!(page, "<tbody>")?;
        for difference in differences {
            writeln!(
                page,
                "<tr><td class=\"nowrap\">{}</td><td>{}</td><td>{}</td><td>{}</td><td lang=\"zh-Hant\">{}</td><td lang=\"en\">{}</td></tr>",
                escape(&difference.period),
                escape(&difference.table),
                escape(or_dash(difference.item.as_deref())),
                escape(&field_text(difference.field, lang)),
                escape(or_dash(difference.zh_hant.as_deref())),
                escape(or_dash(difference.en.as_deref())),
            )?;
        }
        writeln!(page, "</tbody>")?;
        writeln!(page, "</table></div>")?;
    }
    writeln!(page, "</section>")
}
