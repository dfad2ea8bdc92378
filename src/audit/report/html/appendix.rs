//! The appendices: every plan file, and every finding.

use std::fmt::Write as _;

use super::{
    escape, header, lang_attribute, language_text, month_text, severity_text, text, with_code_spans,
};
use crate::audit::report::{AuditReport, or_dash};
use crate::messages::Lang;
use crate::model::Language;

/// Appendix: every plan file.
pub(super) fn write_plans(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    writeln!(page, "<section id=\"plans\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.html.appendix-plans", lang))
    )?;
    writeln!(page, "<div class=\"scroll\"><table class=\"plans\">")?;
    header(
        page,
        lang,
        &[
            "audit.col.file",
            "audit.col.organisation",
            "audit.col.period",
            "audit.col.language",
            "audit.html.published-col",
            "audit.col.errors",
            "audit.col.warnings",
        ],
    )?;
    writeln!(page, "<tbody>")?;
    for (index, file) in report.files.iter().enumerate() {
        let plan = &report.files[index].header;
        let (errors, warnings, _) = report.counts(index);
        let language = plan.language.as_deref().and_then(Language::from_code);
        let language_name = language.map_or_else(
            || or_dash(plan.language.as_deref()).to_string(),
            |language| language_text(language, lang),
        );
        let published = file
            .published
            .map_or_else(|| "—".to_string(), |date| month_text(date, lang));
        writeln!(
            page,
            "<tr><td><code class=\"file\">{}</code></td><td{}>{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"number\">{errors}</td><td class=\"number\">{warnings}</td></tr>",
            escape(&file.name),
            lang_attribute(language),
            escape(or_dash(plan.organisation.as_deref())),
            escape(or_dash(plan.period.as_deref())),
            escape(&language_name),
            escape(&published),
        )?;
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table></div>")?;
    writeln!(page, "</section>")
}

/// Appendix: every finding, its message in the report's language with code spans marked up.
pub(super) fn write_findings(
    page: &mut String,
    report: &AuditReport,
    lang: Lang,
) -> std::fmt::Result {
    let count: usize = report
        .files
        .iter()
        .map(|f| super::super::listed(f).len())
        .sum();
    writeln!(page, "<section id=\"findings\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.html.appendix-findings", lang))
    )?;
    if count == 0 {
        writeln!(page, "<p>{}</p>", escape(&text("audit.no-findings", lang)))?;
        return writeln!(page, "</section>");
    }
    writeln!(page, "<div class=\"scroll\"><table class=\"findings\">")?;
    header(
        page,
        lang,
        &[
            "audit.html.place",
            "audit.col.rule",
            "audit.col.severity",
            "audit.col.message",
        ],
    )?;
    writeln!(page, "<tbody>")?;
    for file in &report.files {
        for finding in super::super::listed(file) {
            writeln!(
                page,
                "<tr><td><code class=\"file\">{}:{}</code></td><td class=\"nowrap\">{}</td><td class=\"severity-{}\">{}</td><td class=\"message\">{}</td></tr>",
                escape(&file.name),
                finding.line,
                finding.rule.code,
                finding.severity.as_str(),
                escape(&severity_text(finding.severity, lang)),
                with_code_spans(&finding.message.render(lang)),
            )?;
        }
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table></div>")?;
    writeln!(page, "</section>")
}
