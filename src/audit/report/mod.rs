//! One emitter per audit report format, all reading the same [`AuditReport`]: `human` for the
//! terminal, `markdown` for a pull-request comment, `json` for tools, `csv` for a spreadsheet and
//! `html` for management. Every value taken from a plan is escaped for its format.

mod csv;
mod errors;
pub(crate) mod html;
mod human;
mod json;
pub(crate) mod markdown;

use std::io::{self, Write};

use super::{
    AuditFile, AuditReport, DatasetStatus, DifferenceField, Drawn, Finding, Findings,
    LanguageDifference, Organisation, Status,
};
use crate::ToolError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::messages::{Lang, Message};
use crate::report::HumanOptions;
use crate::report::{FileReport, Summary};

/// The output formats of `audit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// The findings with their source lines, then a summary (default).
    Human,
    /// Tables that fit a pull-request comment.
    Markdown,
    /// A stable JSON document (described in docs/audit.md).
    Json,
    /// One row per promised dataset with its status.
    Csv,
    /// One self-contained page with a summary, a table per organisation and charts.
    Html,
}

impl AuditFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditFormat::Human => "human",
            AuditFormat::Markdown => "markdown",
            AuditFormat::Json => "json",
            AuditFormat::Csv => "csv",
            AuditFormat::Html => "html",
        }
    }
}

/// The columns of the table of plans, as message ids (shared by the HTML and Markdown reports).
pub(crate) const PLAN_COLUMNS: &[&str] = &[
    "audit.col.file",
    "audit.col.organisation",
    "audit.col.period",
    "audit.col.language",
    "audit.col.errors",
    "audit.col.warnings",
];

/// The columns of the table of findings, as message ids.
pub(crate) const FINDING_COLUMNS: &[&str] = &[
    "audit.col.file",
    "audit.col.line",
    "audit.col.rule",
    "audit.col.severity",
    "audit.col.message",
];

/// What the reports need besides the audit itself.
#[derive(Debug, Clone)]
pub struct AuditOptions {
    pub human: HumanOptions,
    /// The day the report is made, (year, month, day) in UTC; see [`generation_day`].
    pub generated: (i64, u32, u32),
}

/// The day a report is made, in UTC: `SOURCE_DATE_EPOCH` (seconds since 1970-01-01) when it is
/// set and not empty, so that the same plans give the same report byte for byte; else `now`.
pub fn generation_day(
    source_date_epoch: Option<&str>,
    now: std::time::SystemTime,
) -> Result<(i64, u32, u32), String> {
    let seconds = match source_date_epoch.map(str::trim).filter(|s| !s.is_empty()) {
        Some(text) => text.parse::<i64>().map_err(|_| {
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01".to_string()
        })?,
        None => now
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |elapsed| i64::try_from(elapsed.as_secs()).unwrap_or(0)),
    };
    Ok(crate::version::build_date::civil_from_days(
        seconds.div_euclid(86_400),
    ))
}

/// Writes the audit in `format`; `errors` are the run's tool errors: every format carries them
/// (see `errors.rs`).
pub fn emit(
    format: AuditFormat,
    report: &AuditReport,
    errors: &[ToolError],
    lang: Lang,
    options: &AuditOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        AuditFormat::Human => human::emit(report, errors, lang, out),
        AuditFormat::Markdown => markdown::emit(report, errors, lang, out),
        AuditFormat::Json => json::emit(report, errors, lang, out),
        AuditFormat::Csv => csv::emit(report, errors, out),
        AuditFormat::Html => html::emit(report, errors, lang, options, out),
    }
}

/// A file's findings as the report in `format` keeps them, made while its document is at hand:
/// counted, and listed or drawn with their place in the text for the formats that show them.
pub fn findings(
    format: AuditFormat,
    document: Document,
    diagnostics: Vec<Diagnostic>,
    threshold: Severity,
    lang: Lang,
    options: &AuditOptions,
) -> io::Result<Findings> {
    let report = FileReport {
        document,
        diagnostics,
    };
    let mut summary = Summary::default();
    summary.add(&report);
    let drawn = match format {
        AuditFormat::Human => {
            let mut text = Vec::new();
            crate::report::human::emit_diagnostics(
                std::slice::from_ref(&report),
                lang,
                &options.human,
                None,
                &mut text,
            )?;
            Drawn::Text(String::from_utf8(text).map_err(io::Error::other)?)
        }
        AuditFormat::Json => Drawn::Json(crate::report::json::render_file(&report, lang)?),
        AuditFormat::Markdown | AuditFormat::Html => Drawn::Listed(
            report
                .diagnostics
                .iter()
                .map(|diagnostic| Finding::of(&report.document, diagnostic))
                .collect(),
        ),
        AuditFormat::Csv => Drawn::None,
    };
    Ok(Findings {
        counts: (summary.errors, summary.warnings, summary.infos),
        failing: report.diagnostics.iter().any(|d| d.severity >= threshold),
        drawn,
    })
}

/// A catalogue text without arguments.
fn text(id: &'static str, lang: Lang) -> String {
    Message::new(id).render(lang)
}

fn status_text(status: Status, lang: Lang) -> String {
    text(
        match status {
            Status::OnTime => "audit.status.on-time",
            Status::Late => "audit.status.late",
            Status::DateUnknown => "audit.status.date-unknown",
            Status::Slipped => "audit.status.slipped",
            Status::Unaccounted => "audit.status.unaccounted",
        },
        lang,
    )
}

fn field_text(field: DifferenceField, lang: Lang) -> String {
    text(
        match field {
            DifferenceField::Items => "audit.field.items",
            DifferenceField::Row => "audit.field.row",
            DifferenceField::Table => "audit.field.table",
            DifferenceField::Parts => "audit.field.parts",
            DifferenceField::ReleaseDate => "audit.field.release_date",
            DifferenceField::Frequency => "audit.field.frequency",
            DifferenceField::Category => "audit.field.category",
        },
        lang,
    )
}

/// An organisation as people read it: its names in each language, ` / ` between.
fn organisation_name(organisation: &Organisation) -> String {
    let mut names: Vec<&str> = Vec::new();
    for (_, name) in &organisation.names {
        if !names.contains(&name.as_str()) {
            names.push(name);
        }
    }
    if names.is_empty() {
        organisation.key.clone()
    } else {
        names.join(" / ")
    }
}

fn organisation_of<'a>(report: &'a AuditReport, dataset: &DatasetStatus) -> &'a Organisation {
    &report.analysis.organisations[dataset.organisation]
}

fn difference_organisation<'a>(
    report: &'a AuditReport,
    difference: &LanguageDifference,
) -> &'a Organisation {
    &report.analysis.organisations[difference.organisation]
}

/// The summary sentences every format opens with.
fn summary_lines(report: &AuditReport, lang: Lang) -> [String; 3] {
    let summary = report.summary();
    [
        Message::new("audit.summary.plans")
            .arg("files", summary.files)
            .arg("organisations", summary.organisations)
            .arg("errors", summary.errors)
            .arg("warnings", summary.warnings)
            .arg("infos", summary.infos)
            .render(lang),
        Message::new("audit.summary.datasets")
            .arg("promised", summary.promised)
            .arg("on_time", summary.on_time)
            .arg("late", summary.late)
            .arg("slipped", summary.slipped)
            .arg("unaccounted", summary.unaccounted)
            .arg("fuzzy", summary.fuzzy)
            .render(lang),
        Message::new("audit.summary.other")
            .arg("differences", summary.language_differences)
            .arg("missing", summary.missing_plans)
            .render(lang),
    ]
}

/// "no plan for ..." and "left out" notes, one per line.
fn plan_notes(report: &AuditReport, lang: Lang) -> Vec<String> {
    let mut notes = Vec::new();
    for organisation in &report.analysis.organisations {
        let name = organisation_name(organisation);
        for period in &organisation.missing_periods {
            notes.push(
                Message::new("audit.no-plan")
                    .arg("organisation", &name)
                    .arg("period", period)
                    .render(lang),
            );
        }
        for &file in &organisation.duplicates {
            notes.push(
                Message::new("audit.duplicate")
                    .arg("organisation", &name)
                    .arg("file", &report.files[file].name)
                    .render(lang),
            );
        }
    }
    notes
}

/// The value a cell shows for an optional plan value.
fn or_dash(value: Option<&str>) -> &str {
    value.filter(|v| !v.is_empty()).unwrap_or("—")
}

/// The findings of a file that a table lists.
fn listed(file: &AuditFile) -> &[Finding] {
    match &file.findings.drawn {
        Drawn::Listed(findings) => findings,
        _ => &[],
    }
}
