//! One self-contained HTML page for management: a summary, two bar charts drawn as inline SVG,
//! the plans, a table per organisation and the findings. No script, no external resource (the
//! content security policy forbids both), inline CSS only; every value from a plan is escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{
    AuditReport, field_text, or_dash, organisation_name, plan_notes, status_text, summary_lines,
    text,
};
use crate::audit::{CategoryCount, Status, YearTally};
use crate::messages::{Lang, Message};
use crate::model::Language;
use crate::vocab::categories;

const STYLE: &str = "
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans CJK TC', 'Microsoft JhengHei', sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1a202c; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: .25rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #cbd5e0; padding-bottom: .25rem; }
.figures { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; padding: 0; }
.figures div { border: 1px solid #cbd5e0; border-radius: .4rem; padding: .5rem .9rem; min-width: 8rem; }
.figures dt { font-size: .8rem; color: #4a5568; }
.figures dd { margin: 0; font-size: 1.4rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #cbd5e0; padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
td.number { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap { white-space: nowrap; }
.status { font-weight: 600; white-space: nowrap; }
.status.on-time { color: #276749; }
.status.late { color: #975a16; }
.status.slipped { color: #9c4221; }
.status.unaccounted { color: #c53030; }
.fuzzy { display: inline-block; margin-left: .3rem; font-size: .75rem; font-weight: 400; color: #553c9a; border: 1px solid #b794f4; border-radius: .3rem; padding: 0 .25rem; }
.severity-error { color: #c53030; }
.severity-warning { color: #975a16; }
.notes li { margin: .2rem 0; }
figure { margin: 1rem 0 1.5rem; }
figcaption { font-weight: 600; margin-bottom: .4rem; }
svg text { font-family: inherit; font-size: 12px; fill: #1a202c; }
@media print { body { margin: 0; max-width: none; } section { break-inside: avoid-page; } }
";

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail.
    let _ = write_page(&mut page, report, errors, lang);
    out.write_all(page.as_bytes())
}

fn write_page(
    page: &mut String,
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
) -> std::fmt::Result {
    let title = text("audit.title", lang);
    writeln!(page, "<!DOCTYPE html>")?;
    writeln!(page, "<html lang=\"en\">")?;
    writeln!(page, "<head>")?;
    writeln!(page, "<meta charset=\"utf-8\">")?;
    writeln!(
        page,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(
        page,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(
        page,
        "<meta name=\"generator\" content=\"odplint {}\">",
        env!("CARGO_PKG_VERSION")
    )?;
    writeln!(page, "<title>{}</title>", escape(&title))?;
    writeln!(page, "<style>{STYLE}</style>")?;
    writeln!(page, "</head>")?;
    writeln!(page, "<body>")?;
    writeln!(page, "<h1>{}</h1>", escape(&title))?;

    super::errors::html(page, errors, lang)?;
    write_summary(page, report, lang)?;
    write_charts(page, report, lang)?;
    write_plans(page, report, lang)?;
    for index in 0..report.analysis.organisations.len() {
        write_organisation(page, report, index, lang)?;
    }
    write_findings(page, report, lang)?;

    writeln!(page, "</body>")?;
    writeln!(page, "</html>")
}

fn write_summary(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    let summary = report.summary();
    writeln!(page, "<section id=\"summary\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.summary", lang))
    )?;
    writeln!(page, "<dl class=\"figures\">")?;
    for (id, value) in [
        ("audit.label.plan-files", summary.files),
        ("audit.label.organisations", summary.organisations),
        ("audit.label.errors", summary.errors),
        ("audit.label.warnings", summary.warnings),
        ("audit.label.promised", summary.promised),
        ("audit.label.on-time", summary.on_time),
        ("audit.label.late", summary.late),
        ("audit.label.slipped", summary.slipped),
        ("audit.label.unaccounted", summary.unaccounted),
        ("audit.label.fuzzy", summary.fuzzy),
        ("audit.label.differences", summary.language_differences),
        ("audit.label.missing", summary.missing_plans),
    ] {
        writeln!(
            page,
            "<div><dt>{}</dt><dd>{value}</dd></div>",
            escape(&text(id, lang))
        )?;
    }
    writeln!(page, "</dl>")?;
    for line in summary_lines(report, lang) {
        writeln!(page, "<p>{}</p>", escape(&line))?;
    }
    let notes = plan_notes(report, lang);
    if !notes.is_empty() {
        writeln!(
            page,
            "<h3>{}</h3>",
            escape(&text("audit.heading.missing", lang))
        )?;
        writeln!(page, "<ul class=\"notes\">")?;
        for note in notes {
            writeln!(page, "<li>{}</li>", escape(&note))?;
        }
        writeln!(page, "</ul>")?;
    }
    writeln!(page, "</section>")
}

fn write_charts(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    writeln!(page, "<section id=\"charts\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.charts", lang))
    )?;
    let caption = text("audit.heading.categories", lang);
    writeln!(page, "<figure>")?;
    writeln!(page, "<figcaption>{}</figcaption>", escape(&caption))?;
    category_chart(page, &report.analysis.categories, &caption, lang)?;
    writeln!(page, "</figure>")?;
    let caption = text("audit.heading.by-year", lang);
    writeln!(page, "<figure>")?;
    writeln!(page, "<figcaption>{}</figcaption>", escape(&caption))?;
    year_chart(page, &report.analysis.by_year(), &caption, lang)?;
    writeln!(page, "</figure>")?;
    writeln!(page, "</section>")
}

const BAR_COLOUR: &str = "#2b6cb0";
const PROMISED_COLOUR: &str = "#718096";
const DELIVERED_COLOUR: &str = "#2f855a";

/// Horizontal bars: one per category, longest first.
fn category_chart(
    page: &mut String,
    counts: &[CategoryCount],
    caption: &str,
    lang: Lang,
) -> std::fmt::Result {
    const LABEL_WIDTH: usize = 300;
    const BAR_AREA: usize = 340;
    const ROW: usize = 24;
    let width = LABEL_WIDTH + BAR_AREA + 60;
    let height = (counts.len().max(1)) * ROW + 16;
    writeln!(
        page,
        "<svg class=\"chart\" id=\"chart-categories\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption)
    )?;
    writeln!(page, "<title>{}</title>", escape(caption))?;
    if counts.is_empty() {
        writeln!(
            page,
            "<text x=\"10\" y=\"20\">{}</text>",
            escape(&text("audit.no-data", lang))
        )?;
    }
    let max = counts.iter().map(|c| c.datasets).max().unwrap_or(1).max(1);
    for (index, count) in counts.iter().enumerate() {
        let y = 8 + index * ROW;
        let bar = (count.datasets * BAR_AREA).div_ceil(max).max(1);
        let label = count
            .id
            .and_then(|id| categories::all().iter().find(|c| c.id == id))
            .map_or_else(
                || text("audit.unknown-category", lang),
                |c| c.en.to_string(),
            );
        writeln!(
            page,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            LABEL_WIDTH - 8,
            y + 13,
            escape(&label)
        )?;
        writeln!(
            page,
            "<rect x=\"{LABEL_WIDTH}\" y=\"{y}\" width=\"{bar}\" height=\"18\" fill=\"{BAR_COLOUR}\"></rect>"
        )?;
        writeln!(
            page,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            LABEL_WIDTH + bar + 6,
            y + 13,
            count.datasets
        )?;
    }
    writeln!(page, "</svg>")
}

/// Grouped vertical bars: promised and delivered (on time or late) per year of the promise.
fn year_chart(
    page: &mut String,
    tallies: &[YearTally],
    caption: &str,
    lang: Lang,
) -> std::fmt::Result {
    const PLOT_HEIGHT: usize = 180;
    const TOP: usize = 40;
    const LEFT: usize = 20;
    const GROUP: usize = 110;
    const BAR: usize = 36;
    let width = (LEFT + tallies.len().max(1) * GROUP + 20).max(320);
    let height = TOP + PLOT_HEIGHT + 30;
    writeln!(
        page,
        "<svg class=\"chart\" id=\"chart-years\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(caption)
    )?;
    writeln!(page, "<title>{}</title>", escape(caption))?;
    // The legend.
    for (index, (id, colour)) in [
        ("audit.col.promised", PROMISED_COLOUR),
        ("audit.col.delivered", DELIVERED_COLOUR),
    ]
    .into_iter()
    .enumerate()
    {
        let x = LEFT + index * 130;
        writeln!(
            page,
            "<rect x=\"{x}\" y=\"8\" width=\"12\" height=\"12\" fill=\"{colour}\"></rect><text x=\"{}\" y=\"18\">{}</text>",
            x + 18,
            escape(&text(id, lang))
        )?;
    }
    let baseline = TOP + PLOT_HEIGHT;
    if tallies.is_empty() {
        writeln!(
            page,
            "<text x=\"{LEFT}\" y=\"{}\">{}</text>",
            TOP + 20,
            escape(&text("audit.no-data", lang))
        )?;
    }
    let max = tallies.iter().map(|t| t.promised).max().unwrap_or(1).max(1);
    for (index, tally) in tallies.iter().enumerate() {
        let x = LEFT + index * GROUP + 10;
        for (offset, (value, colour)) in [
            (tally.promised, PROMISED_COLOUR),
            (tally.delivered(), DELIVERED_COLOUR),
        ]
        .into_iter()
        .enumerate()
        {
            let bar_x = x + offset * (BAR + 4);
            let bar_height = value * PLOT_HEIGHT / max;
            writeln!(
                page,
                "<rect x=\"{bar_x}\" y=\"{}\" width=\"{BAR}\" height=\"{bar_height}\" fill=\"{colour}\"></rect>",
                baseline - bar_height
            )?;
            writeln!(
                page,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{value}</text>",
                bar_x + BAR / 2,
                baseline - bar_height - 4
            )?;
        }
        writeln!(
            page,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            x + BAR + 2,
            baseline + 18,
            tally.year
        )?;
    }
    writeln!(
        page,
        "<line x1=\"{LEFT}\" y1=\"{baseline}\" x2=\"{}\" y2=\"{baseline}\" stroke=\"#4a5568\"></line>",
        width - 10
    )?;
    writeln!(page, "</svg>")
}

fn write_plans(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    writeln!(page, "<section id=\"plans\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.plans", lang))
    )?;
    writeln!(page, "<table class=\"plans\">")?;
    header(page, lang, super::PLAN_COLUMNS)?;
    writeln!(page, "<tbody>")?;
    for (index, file) in report.files.iter().enumerate() {
        let plan = &report.headers[index];
        let (errors, warnings, _) = report.counts(index);
        let language = plan.language.as_deref().and_then(Language::from_code);
        writeln!(
            page,
            "<tr><td><code>{}</code></td><td{}>{}</td><td class=\"nowrap\">{}</td><td>{}</td><td class=\"number\">{errors}</td><td class=\"number\">{warnings}</td></tr>",
            escape(&file.document.name),
            lang_attribute(language),
            escape(or_dash(plan.organisation.as_deref())),
            escape(or_dash(plan.period.as_deref())),
            escape(or_dash(plan.language.as_deref())),
        )?;
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table>")?;
    writeln!(page, "</section>")
}

fn write_organisation(
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
    let names: Vec<String> = organisation
        .names
        .iter()
        .map(|(language, name)| {
            format!("<span lang=\"{}\">{}</span>", language.code(), escape(name))
        })
        .collect();
    if names.is_empty() {
        writeln!(page, "<h2>{}</h2>", escape(&organisation.key))?;
    } else {
        writeln!(page, "<h2>{}</h2>", names.join(" / "))?;
    }
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

    let caption = format!(
        "{}: {}",
        text("audit.heading.datasets", lang),
        organisation_name(organisation)
    );
    writeln!(page, "<table class=\"organisation\">")?;
    writeln!(page, "<caption>{}</caption>", escape(&caption))?;
    let columns = [
        "audit.col.from",
        "audit.col.to",
        "audit.col.dataset",
        "audit.col.matched",
        "audit.col.status",
        "audit.col.target",
        "audit.col.release",
        "audit.col.new-target",
        "audit.col.where",
    ];
    header(page, lang, &columns)?;
    writeln!(page, "<tbody>")?;
    let mut any = false;
    for dataset in report
        .analysis
        .datasets
        .iter()
        .filter(|d| d.organisation == index)
    {
        any = true;
        let language = lang_attribute(Some(dataset.language));
        let fuzzy = if dataset.fuzzy {
            format!(
                "<span class=\"fuzzy\">{}</span>",
                escape(&text("audit.fuzzy", lang))
            )
        } else {
            String::new()
        };
        writeln!(
            page,
            "<tr class=\"{status}\"><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td{language}>{}</td><td{language}>{}</td><td class=\"status {status}\">{}{fuzzy}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td><code>{}:{}</code></td></tr>",
            escape(&dataset.from_period),
            escape(&dataset.to_period),
            escape(&dataset.name),
            escape(or_dash(dataset.matched_name.as_deref())),
            escape(&status_text(dataset.status, lang)),
            escape(or_dash(dataset.target.as_deref())),
            escape(or_dash(dataset.release_date.as_deref())),
            escape(or_dash(dataset.new_target.as_deref())),
            escape(&report.files[dataset.file].document.name),
            dataset.line,
            status = status_class(dataset.status),
        )?;
    }
    if !any {
        writeln!(
            page,
            "<tr><td colspan=\"{}\">{}</td></tr>",
            columns.len(),
            escape(&text("audit.no-datasets", lang))
        )?;
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table>")?;

    let differences: Vec<_> = report
        .analysis
        .language_differences
        .iter()
        .filter(|d| d.organisation == index)
        .collect();
    if !differences.is_empty() {
        writeln!(page, "<table class=\"differences\">")?;
        writeln!(
            page,
            "<caption>{}</caption>",
            escape(&text("audit.heading.languages", lang))
        )?;
        writeln!(
            page,
            "<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>zh-Hant</th><th>en</th></tr></thead>",
            escape(&text("audit.col.period", lang)),
            escape(&text("audit.col.table", lang)),
            escape(&text("audit.col.item", lang)),
            escape(&text("audit.col.field", lang)),
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
        writeln!(page, "</table>")?;
    }
    writeln!(page, "</section>")
}

fn write_findings(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    let count: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
    writeln!(page, "<section id=\"findings\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.findings", lang))
    )?;
    if count == 0 {
        writeln!(page, "<p>{}</p>", escape(&text("audit.no-findings", lang)))?;
        return writeln!(page, "</section>");
    }
    writeln!(
        page,
        "<p>{}</p>",
        escape(
            &Message::new("audit.findings.count")
                .arg("count", count)
                .render(lang)
        )
    )?;
    writeln!(page, "<table class=\"findings\">")?;
    header(page, lang, super::FINDING_COLUMNS)?;
    writeln!(page, "<tbody>")?;
    for file in &report.files {
        for diagnostic in &file.diagnostics {
            let position = file.document.position(diagnostic.span.start);
            writeln!(
                page,
                "<tr><td><code>{}</code></td><td class=\"number\">{}</td><td>{} {}</td><td class=\"severity-{severity}\">{severity}</td><td>{}</td></tr>",
                escape(&file.document.name),
                position.line,
                diagnostic.rule.code,
                diagnostic.rule.name,
                escape(&diagnostic.message.render(lang)),
                severity = diagnostic.severity,
            )?;
        }
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table>")?;
    writeln!(page, "</section>")
}

fn header(page: &mut String, lang: Lang, ids: &[&'static str]) -> std::fmt::Result {
    write!(page, "<thead><tr>")?;
    for id in ids {
        write!(page, "<th>{}</th>", escape(&text(id, lang)))?;
    }
    writeln!(page, "</tr></thead>")
}

fn status_class(status: Status) -> &'static str {
    status.as_str()
}

fn lang_attribute(language: Option<Language>) -> String {
    match language {
        Some(language) if language != Language::En => format!(" lang=\"{}\"", language.code()),
        _ => String::new(),
    }
}

/// Escapes text for HTML content and quoted attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML text.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_significant_character_is_escaped() {
        assert_eq!(
            escape("<img src=x onerror=\"alert('1')\"> & co"),
            "&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt; &amp; co"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }
}
