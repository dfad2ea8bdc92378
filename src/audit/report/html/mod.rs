//! One self-contained HTML page for management, every word in the report's language: the dates,
//! headline figures, what needs attention, a table of organisations, bar charts where there is
//! data, each organisation's promises, then the plans and findings as appendices. Inline CSS only
//! (bars are styled boxes, so they reflow on a phone and print on A4); no script and no external
//! resource (the content security policy forbids both); every value from a plan is escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{AuditOptions, AuditReport, plan_notes, status_text, text};
use crate::audit::{Organisation, Status};
use crate::diagnostic::Severity;
use crate::messages::{Lang, Message};
use crate::model::{Language, YearMonth};

mod appendix;
mod charts;
mod organisation;
mod text;

use appendix::{write_findings, write_plans};
use charts::write_charts;
use organisation::write_organisation;
use text::{day_text, month_text, with_code_spans};

const STYLE: &str = include_str!("audit.css");

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail.
    let _ = write_page(&mut page, report, errors, lang, options);
    out.write_all(page.as_bytes())
}

fn write_page(
    page: &mut String,
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    options: &AuditOptions,
) -> std::fmt::Result {
    let title = text("audit.title", lang);
    writeln!(page, "<!DOCTYPE html>")?;
    writeln!(page, "<html lang=\"{}\">", lang.code())?;
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
    writeln!(page, "<style>\n{STYLE}</style>")?;
    writeln!(page, "</head>")?;
    writeln!(page, "<body>")?;
    writeln!(page, "<header>")?;
    writeln!(page, "<h1>{}</h1>", escape(&title))?;
    write_meta(page, report, lang, options)?;
    writeln!(page, "</header>")?;

    super::errors::html(page, errors, lang)?;
    write_summary(page, report, lang)?;
    write_organisations(page, report, lang)?;
    write_charts(page, report, lang)?;
    for index in 0..report.analysis.organisations.len() {
        write_organisation(page, report, index, lang)?;
    }
    write_plans(page, report, lang)?;
    write_findings(page, report, lang)?;

    writeln!(
        page,
        "<footer>{}</footer>",
        escape(
            &Message::new("audit.html.footer")
                .arg("version", env!("CARGO_PKG_VERSION"))
                .render(lang)
        )
    )?;
    writeln!(page, "</body>")?;
    writeln!(page, "</html>")
}

/// The date the report was made, and the periods and publication dates of the plans.
fn write_meta(
    page: &mut String,
    report: &AuditReport,
    lang: Lang,
    options: &AuditOptions,
) -> std::fmt::Result {
    let (year, month, day) = options.generated;
    let mut items = vec![("audit.html.generated", day_text(year, month, day, lang))];
    let periods = all_periods(report);
    if let (Some(first), Some(last)) = (periods.first(), periods.last()) {
        let value = if first == last {
            first.clone()
        } else {
            Message::new("audit.html.range")
                .arg("first", first)
                .arg("last", last)
                .render(lang)
        };
        items.push(("audit.html.periods", value));
    }
    let published: Vec<YearMonth> = (0..report.files.len())
        .filter_map(|file| report.files[file].published)
        .collect();
    if let (Some(first), Some(last)) = (published.iter().min(), published.iter().max()) {
        let value = if first == last {
            month_text(*first, lang)
        } else {
            Message::new("audit.html.range")
                .arg("first", month_text(*first, lang))
                .arg("last", month_text(*last, lang))
                .render(lang)
        };
        items.push(("audit.html.published", value));
    }
    writeln!(page, "<dl class=\"meta\">")?;
    for (id, value) in items {
        writeln!(
            page,
            "<div><dt>{}</dt><dd>{}</dd></div>",
            escape(&text(id, lang)),
            escape(&value)
        )?;
    }
    writeln!(page, "</dl>")
}

/// One headline card: a label, a figure and a line of detail.
struct Card {
    label: String,
    value: String,
    share: Option<String>,
    detail: String,
    tone: &'static str,
}

fn write_summary(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    let summary = report.summary();
    let newest = all_periods(report).last().cloned();
    let without_newest = newest.as_ref().map_or(0, |newest| {
        report
            .analysis
            .organisations
            .iter()
            .filter(|o| o.missing_periods.contains(newest))
            .count()
    });
    let pair = |a: &'static str, x: usize, b: &'static str, y: usize| {
        format!("{} {x} · {} {y}", text(a, lang), text(b, lang))
    };
    let mut cards = vec![Card {
        label: text("audit.label.organisations", lang),
        value: summary.organisations.to_string(),
        share: None,
        detail: match &newest {
            Some(newest) if without_newest > 0 => Message::new("audit.html.without-plan")
                .arg("period", newest)
                .arg("count", without_newest)
                .render(lang),
            Some(newest) => Message::new("audit.html.all-have-plan")
                .arg("period", newest)
                .render(lang),
            None => String::new(),
        },
        tone: if without_newest > 0 { "warn" } else { "good" },
    }];
    cards.push(Card {
        label: text("audit.label.plan-files", lang),
        value: summary.files.to_string(),
        share: None,
        detail: pair(
            "audit.label.errors",
            summary.errors,
            "audit.label.warnings",
            summary.warnings,
        ),
        tone: if summary.errors > 0 { "bad" } else { "good" },
    });
    if summary.promised == 0 {
        cards.push(Card {
            label: text("audit.label.promised", lang),
            value: "0".to_string(),
            share: None,
            detail: text("audit.html.nothing-to-follow", lang),
            tone: "",
        });
    } else {
        let delivered = summary.on_time + summary.late + summary.date_unknown;
        let not_delivered = summary.slipped + summary.unaccounted;
        let percent = |part: usize| {
            format!(
                "{}%",
                (part * 100 + summary.promised / 2) / summary.promised
            )
        };
        cards.push(Card {
            label: text("audit.label.promised", lang),
            value: summary.promised.to_string(),
            share: None,
            detail: text("audit.html.followed", lang),
            tone: "",
        });
        let mut detail = pair(
            "audit.label.on-time",
            summary.on_time,
            "audit.label.late",
            summary.late,
        );
        if summary.date_unknown > 0 {
            let _ = write!(
                detail,
                " · {} {}",
                text("audit.label.date-unknown", lang),
                summary.date_unknown
            );
        }
        cards.push(Card {
            label: text("audit.label.delivered", lang),
            value: delivered.to_string(),
            share: Some(percent(delivered)),
            detail,
            tone: "good",
        });
        cards.push(Card {
            label: text("audit.label.not-delivered", lang),
            value: not_delivered.to_string(),
            share: Some(percent(not_delivered)),
            detail: pair(
                "audit.label.slipped",
                summary.slipped,
                "audit.label.unaccounted",
                summary.unaccounted,
            ),
            tone: if summary.unaccounted > 0 {
                "bad"
            } else if not_delivered > 0 {
                "warn"
            } else {
                "good"
            },
        });
    }
    cards.push(Card {
        label: text("audit.label.differences", lang),
        value: summary.language_differences.to_string(),
        share: None,
        detail: text("audit.html.differences-detail", lang),
        tone: if summary.language_differences > 0 {
            "bad"
        } else {
            "good"
        },
    });

    writeln!(page, "<section id=\"summary\">")?;
    writeln!(page, "<dl class=\"cards\">")?;
    for card in cards {
        let share = card
            .share
            .map(|share| format!("<span class=\"share\">{}</span>", escape(&share)))
            .unwrap_or_default();
        writeln!(
            page,
            "<div class=\"card {}\"><dt>{}</dt><dd class=\"value\">{}{share}</dd><dd class=\"detail\">{}</dd></div>",
            card.tone,
            escape(&card.label),
            escape(&card.value),
            escape(&card.detail)
        )?;
    }
    writeln!(page, "</dl>")?;
    let notes = plan_notes(report, lang);
    if !notes.is_empty() {
        writeln!(
            page,
            "<h2>{}</h2>",
            escape(&text("audit.html.attention", lang))
        )?;
        writeln!(page, "<ul class=\"attention\">")?;
        for note in notes {
            writeln!(page, "<li>{}</li>", escape(&note))?;
        }
        writeln!(page, "</ul>")?;
    }
    writeln!(page, "</section>")
}

/// Promises of one organisation and what became of them.
#[derive(Default)]
struct Tally {
    promised: usize,
    on_time: usize,
    late: usize,
    slipped: usize,
    unaccounted: usize,
}

fn write_organisations(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    if report.analysis.organisations.is_empty() {
        return Ok(());
    }
    writeln!(page, "<section id=\"organisations\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.html.organisations", lang))
    )?;
    writeln!(
        page,
        "<div class=\"scroll\"><table class=\"organisations\">"
    )?;
    write!(page, "<thead><tr>")?;
    for (id, number) in [
        ("audit.col.organisation", false),
        ("audit.html.latest", false),
        ("audit.html.published-col", false),
        ("audit.col.errors", true),
        ("audit.col.warnings", true),
        ("audit.html.col.promised", true),
        ("audit.label.on-time", true),
        ("audit.label.late", true),
        ("audit.label.slipped", true),
        ("audit.label.unaccounted", true),
        ("audit.label.differences", true),
    ] {
        let class = if number { " class=\"number\"" } else { "" };
        write!(
            page,
            "<th scope=\"col\"{class}>{}</th>",
            escape(&text(id, lang))
        )?;
    }
    writeln!(page, "</tr></thead>")?;
    writeln!(page, "<tbody>")?;
    for (index, organisation) in report.analysis.organisations.iter().enumerate() {
        let mut tally = Tally::default();
        for dataset in report
            .analysis
            .datasets
            .iter()
            .filter(|d| d.organisation == index)
        {
            tally.promised += 1;
            match dataset.status {
                Status::OnTime | Status::DateUnknown => tally.on_time += 1,
                Status::Late => tally.late += 1,
                Status::Slipped => tally.slipped += 1,
                Status::Unaccounted => tally.unaccounted += 1,
            }
        }
        let (mut errors, mut warnings) = (0, 0);
        for &file in organisation.plans.iter().chain(&organisation.duplicates) {
            let (e, w, _) = report.counts(file);
            errors += e;
            warnings += w;
        }
        let differences = report
            .analysis
            .language_differences
            .iter()
            .filter(|d| d.organisation == index)
            .count();
        let latest = organisation.periods.last().cloned().unwrap_or_default();
        let mut latest_cell = escape(&latest);
        if let Some(newest) = organisation.missing_periods.last() {
            let _ = write!(
                latest_cell,
                "<span class=\"also status unaccounted\">{}</span>",
                escape(
                    &Message::new("audit.html.none-for")
                        .arg("period", newest)
                        .render(lang)
                )
            );
        }
        let published = latest_plan(report, organisation, &latest, lang)
            .and_then(|file| report.files[file].published)
            .map_or_else(|| "—".to_string(), |date| month_text(date, lang));
        let name = organisation_display(organisation, lang);
        write!(
            page,
            "<tr><th scope=\"row\"{}>{}</th><td class=\"nowrap\">{latest_cell}</td><td class=\"nowrap\">{}</td>",
            lang_attribute(name.0),
            escape(name.1),
            escape(&published)
        )?;
        for (value, alert) in [
            (errors, true),
            (warnings, false),
            (tally.promised, false),
            (tally.on_time, false),
            (tally.late, false),
            (tally.slipped, false),
            (tally.unaccounted, true),
            (differences, true),
        ] {
            let class = match (value, alert) {
                (0, _) => "number zero",
                (_, true) => "number alert",
                _ => "number",
            };
            write!(page, "<td class=\"{class}\">{value}</td>")?;
        }
        writeln!(page, "</tr>")?;
    }
    writeln!(page, "</tbody>")?;
    writeln!(page, "</table></div>")?;
    writeln!(page, "</section>")
}

fn header(page: &mut String, lang: Lang, ids: &[&'static str]) -> std::fmt::Result {
    write!(page, "<thead><tr>")?;
    for id in ids {
        write!(page, "<th scope=\"col\">{}</th>", escape(&text(id, lang)))?;
    }
    writeln!(page, "</tr></thead>")
}

/// Every period of the audited plans, in order.
fn all_periods(report: &AuditReport) -> Vec<String> {
    let mut periods: Vec<String> = report
        .analysis
        .organisations
        .iter()
        .flat_map(|o| o.periods.iter().cloned())
        .collect();
    periods.sort();
    periods.dedup();
    periods
}

/// The plan of `period` an organisation is shown by: the one in the report's language if any.
fn latest_plan(
    report: &AuditReport,
    organisation: &Organisation,
    period: &str,
    lang: Lang,
) -> Option<usize> {
    let of_period: Vec<usize> = organisation
        .plans
        .iter()
        .copied()
        .filter(|&file| report.files[file].header.period.as_deref() == Some(period))
        .collect();
    of_period
        .iter()
        .copied()
        .find(|&file| report.files[file].header.language.as_deref() == Some(lang.code()))
        .or_else(|| of_period.first().copied())
}

/// The organisation's name in the report's language, else in Traditional Chinese, English,
/// Simplified Chinese; else its key.
fn organisation_display(organisation: &Organisation, lang: Lang) -> (Option<Language>, &str) {
    std::iter::once(language_of(lang))
        .chain([Language::ZhHant, Language::En, Language::ZhHans])
        .find_map(|wanted| {
            organisation
                .names
                .iter()
                .find(|(language, _)| *language == wanted)
                .map(|(language, name)| (Some(*language), name.as_str()))
        })
        .unwrap_or((None, organisation.key.as_str()))
}

fn language_of(lang: Lang) -> Language {
    match lang {
        Lang::En => Language::En,
        Lang::ZhHant => Language::ZhHant,
        Lang::ZhHans => Language::ZhHans,
    }
}

fn language_text(language: Language, lang: Lang) -> String {
    text(
        match language {
            Language::ZhHant => "audit.language.zh-Hant",
            Language::ZhHans => "audit.language.zh-Hans",
            Language::En => "audit.language.en",
        },
        lang,
    )
}

fn severity_text(severity: Severity, lang: Lang) -> String {
    text(
        match severity {
            Severity::Error => "severity.error",
            Severity::Warning => "severity.warning",
            Severity::Info => "severity.info",
        },
        lang,
    )
}

fn lang_attribute(language: Option<Language>) -> String {
    match language {
        Some(language) => format!(" lang=\"{}\"", language.code()),
        None => String::new(),
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
