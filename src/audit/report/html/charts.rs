//! The report's bar charts as styled boxes (they reflow on a phone and print on A4), drawn only
//! where there is data.

use std::fmt::Write as _;

use super::{escape, language_of, status_text, text};
use crate::audit::report::AuditReport;
use crate::audit::{CategoryCount, Status, YearTally};
use crate::messages::{Lang, Message};
use crate::vocab::categories;

pub(super) fn write_charts(
    page: &mut String,
    report: &AuditReport,
    lang: Lang,
) -> std::fmt::Result {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bar_widths_are_percentages_with_one_decimal() {
        assert_eq!(percent_of(1, 3), "33.3");
        assert_eq!(percent_of(2, 3), "66.7");
        assert_eq!(percent_of(5, 5), "100.0");
        assert_eq!(percent_of(0, 0), "0.0");
    }
}
