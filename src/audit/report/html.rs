//! One self-contained HTML page for management, every word in the report's language: the dates,
//! headline figures, what needs attention, a table of organisations, bar charts where there is
//! data, each organisation's promises, then the plans and findings as appendices. Inline CSS only
//! (bars are styled boxes, so they reflow on a phone and print on A4); no script and no external
//! resource (the content security policy forbids both); every value from a plan is escaped.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{AuditOptions, AuditReport, field_text, or_dash, plan_notes, status_text, text};
use crate::audit::{CategoryCount, Organisation, Status, YearTally};
use crate::diagnostic::Severity;
use crate::messages::{Lang, Message};
use crate::model::{Language, YearMonth};
use crate::vocab::{ENGLISH_MONTHS, categories};

const STYLE: &str = include_str!("audit.css");

pub(super) fn emit(
    report: &AuditReport,
    lang: Lang,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut page = String::with_capacity(64 * 1024);
    // Writing to a String cannot fail.
    let _ = write_page(&mut page, report, lang, options);
    out.write_all(page.as_bytes())
}

fn write_page(
    page: &mut String,
    report: &AuditReport,
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
        .filter_map(|file| published_of(report, file))
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
            .and_then(|file| published_of(report, file))
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

fn write_charts(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    let tallies = report.analysis.by_year();
    let categories = &report.analysis.categories;
    // A chart without data says nothing: it is left out, and so is the section when both are.
    if tallies.is_empty() && categories.is_empty() {
        return Ok(());
    }
    writeln!(page, "<section id=\"charts\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.charts", lang))
    )?;
    if !tallies.is_empty() {
        year_chart(page, &tallies, lang)?;
    }
    if !categories.is_empty() {
        category_chart(page, categories, lang)?;
    }
    writeln!(page, "</section>")
}

/// Per year of the promise, one bar split by what became of the promises.
fn year_chart(page: &mut String, tallies: &[YearTally], lang: Lang) -> std::fmt::Result {
    writeln!(page, "<figure id=\"chart-years\">")?;
    writeln!(
        page,
        "<figcaption>{}</figcaption>",
        escape(&text("audit.heading.by-year", lang))
    )?;
    writeln!(page, "<ul class=\"legend\">")?;
    for status in Status::ALL {
        if tallies.iter().any(|t| count_of(t, status) > 0) {
            writeln!(
                page,
                "<li><span class=\"swatch fill-{}\"></span>{}</li>",
                status.as_str(),
                escape(&text(status_label(status), lang))
            )?;
        }
    }
    writeln!(page, "</ul>")?;
    let max = tallies.iter().map(|t| t.promised).max().unwrap_or(1).max(1);
    writeln!(page, "<ul class=\"bars\">")?;
    for tally in tallies {
        let width = percent_of(tally.promised, max);
        write!(
            page,
            "<li><span class=\"label\">{}</span><span class=\"track\"><span class=\"area\"><span class=\"stack\" style=\"width:{width}%\">",
            escape(
                &Message::new("audit.html.year")
                    .arg("year", tally.year)
                    .render(lang)
            )
        )?;
        for status in Status::ALL {
            let count = count_of(tally, status);
            if count > 0 {
                write!(
                    page,
                    "<span class=\"fill-{}\" style=\"width:{}%\" title=\"{}: {count}\"></span>",
                    status.as_str(),
                    percent_of(count, tally.promised),
                    escape(&status_text(status, lang))
                )?;
            }
        }
        writeln!(
            page,
            "</span></span><span class=\"total\">{}</span></span></li>",
            escape(
                &Message::new("audit.html.year-total")
                    .arg("delivered", tally.delivered())
                    .arg("promised", tally.promised)
                    .render(lang)
            )
        )?;
    }
    writeln!(page, "</ul>")?;
    writeln!(page, "</figure>")
}

/// A status as a capitalised label (the status texts are lower-case words for sentences).
fn status_label(status: Status) -> &'static str {
    match status {
        Status::OnTime => "audit.label.on-time",
        Status::Late => "audit.label.late",
        Status::DateUnknown => "audit.label.date-unknown",
        Status::Slipped => "audit.label.slipped",
        Status::Unaccounted => "audit.label.unaccounted",
    }
}

fn count_of(tally: &YearTally, status: Status) -> usize {
    match status {
        Status::OnTime => tally.on_time,
        Status::Late => tally.late,
        Status::DateUnknown => tally.date_unknown,
        Status::Slipped => tally.slipped,
        Status::Unaccounted => tally.unaccounted,
    }
}

/// `part` as a percentage of `whole`, with one decimal, for a CSS width.
fn percent_of(part: usize, whole: usize) -> String {
    let tenths = (part * 1000 + whole / 2) / whole.max(1);
    format!("{}.{}", tenths / 10, tenths % 10)
}

/// One bar per category, most datasets first, named in the report's language.
fn category_chart(page: &mut String, counts: &[CategoryCount], lang: Lang) -> std::fmt::Result {
    writeln!(page, "<figure id=\"chart-categories\">")?;
    writeln!(
        page,
        "<figcaption>{}</figcaption>",
        escape(&text("audit.heading.categories", lang))
    )?;
    let max = counts.iter().map(|c| c.datasets).max().unwrap_or(1).max(1);
    writeln!(page, "<ul class=\"bars\">")?;
    for count in counts {
        let label = count
            .id
            .and_then(|id| categories::all().iter().find(|c| c.id == id))
            .map_or_else(
                || text("audit.unknown-category", lang),
                |c| c.name(language_of(lang)).to_string(),
            );
        writeln!(
            page,
            "<li><span class=\"label\">{}</span><span class=\"track\"><span class=\"area\"><span class=\"bar\" style=\"width:{}%\"></span></span><span class=\"total\">{}</span></span></li>",
            escape(&label),
            percent_of(count.datasets, max),
            count.datasets
        )?;
    }
    writeln!(page, "</ul>")?;
    writeln!(page, "</figure>")
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
                escape(&report.files[dataset.file].document.name),
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

/// Appendix: every plan file.
fn write_plans(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
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
        let plan = &report.headers[index];
        let (errors, warnings, _) = report.counts(index);
        let language = plan.language.as_deref().and_then(Language::from_code);
        let language_name = language.map_or_else(
            || or_dash(plan.language.as_deref()).to_string(),
            |language| language_text(language, lang),
        );
        let published = published_of(report, index)
            .map_or_else(|| "—".to_string(), |date| month_text(date, lang));
        writeln!(
            page,
            "<tr><td><code class=\"file\">{}</code></td><td{}>{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"number\">{errors}</td><td class=\"number\">{warnings}</td></tr>",
            escape(&file.document.name),
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
fn write_findings(page: &mut String, report: &AuditReport, lang: Lang) -> std::fmt::Result {
    let count: usize = report.files.iter().map(|f| f.diagnostics.len()).sum();
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
        for diagnostic in &file.diagnostics {
            let position = file.document.position(diagnostic.span.start);
            writeln!(
                page,
                "<tr><td><code class=\"file\">{}:{}</code></td><td class=\"nowrap\">{}</td><td class=\"severity-{}\">{}</td><td class=\"message\">{}</td></tr>",
                escape(&file.document.name),
                position.line,
                diagnostic.rule.code,
                diagnostic.severity.as_str(),
                escape(&severity_text(diagnostic.severity, lang)),
                with_code_spans(&diagnostic.message.render(lang)),
            )?;
        }
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
        .filter(|&file| report.headers[file].period.as_deref() == Some(period))
        .collect();
    of_period
        .iter()
        .copied()
        .find(|&file| report.headers[file].language.as_deref() == Some(lang.code()))
        .or_else(|| of_period.first().copied())
}

/// A plan's `published` month, when it reads as one.
fn published_of(report: &AuditReport, file: usize) -> Option<YearMonth> {
    report.files[file]
        .document
        .value
        .as_ref()?
        .get("published")?
        .as_str()
        .and_then(YearMonth::parse_lenient)
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

/// A day as the report's language writes it: `2 December 2026`, `2026年12月2日`.
fn day_text(year: i64, month: u32, day: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{day} {} {year}",
            ENGLISH_MONTHS[(month.clamp(1, 12) - 1) as usize]
        ),
        Lang::ZhHant | Lang::ZhHans => format!("{year}年{month}月{day}日"),
    }
}

/// A month as the report's language writes it: `December 2024`, `2024年12月`.
fn month_text(date: YearMonth, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} {}",
            ENGLISH_MONTHS[(date.month() - 1) as usize],
            date.year()
        ),
        Lang::ZhHant | Lang::ZhHans => format!("{}年{}月", date.year(), date.month()),
    }
}

fn lang_attribute(language: Option<Language>) -> String {
    match language {
        Some(language) => format!(" lang=\"{}\"", language.code()),
        None => String::new(),
    }
}

/// Escapes a message and marks its Markdown code spans (`` `value` ``) up as `<code>`; a lone
/// backtick stays as written.
fn with_code_spans(message: &str) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    // Backticks with a partner; the last one of an odd count stays as text.
    let paired = (parts.len() - 1) / 2 * 2;
    let mut out = escape(parts[0]);
    for (index, part) in parts.iter().enumerate().skip(1) {
        if index > paired {
            out.push('`');
            out.push_str(&escape(part));
        } else if index % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
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

    #[test]
    fn code_spans_become_code_elements_and_stay_escaped() {
        assert_eq!(
            with_code_spans("數據集 `空氣質素監測站位置` 承諾於 12/2023"),
            "數據集 <code>空氣質素監測站位置</code> 承諾於 12/2023"
        );
        assert_eq!(
            with_code_spans("`<b>` and `a&b`"),
            "<code>&lt;b&gt;</code> and <code>a&amp;b</code>"
        );
        // An odd backtick has no partner: it stays as text.
        assert_eq!(with_code_spans("a ` b"), "a ` b");
        assert_eq!(with_code_spans("`x` y ` z"), "<code>x</code> y ` z");
        assert_eq!(with_code_spans("plain"), "plain");
    }

    #[test]
    fn dates_are_written_in_the_report_language() {
        assert_eq!(day_text(2026, 12, 2, Lang::En), "2 December 2026");
        assert_eq!(day_text(2026, 12, 2, Lang::ZhHant), "2026年12月2日");
        let date = YearMonth::new(2024, 3).unwrap();
        assert_eq!(month_text(date, Lang::En), "March 2024");
        assert_eq!(month_text(date, Lang::ZhHans), "2024年3月");
    }

    #[test]
    fn bar_widths_are_percentages_with_one_decimal() {
        assert_eq!(percent_of(1, 3), "33.3");
        assert_eq!(percent_of(2, 3), "66.7");
        assert_eq!(percent_of(5, 5), "100.0");
        assert_eq!(percent_of(0, 0), "0.0");
    }
}
