//! The stable JSON audit report, version 1 (described in docs/audit.md). Fields are only ever added
//! within a version.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::AuditReport;
use crate::audit::Drawn;
use crate::audit::{AuditSummary, DifferenceField, Status};
use crate::messages::Lang;
use crate::report::json::JsonError;
use crate::vocab::categories;
use serde_json::value::RawValue;

#[derive(Serialize)]
struct JsonAudit<'a> {
    version: u32,
    plans: Vec<JsonPlan<'a>>,
    organisations: Vec<JsonOrganisation<'a>>,
    datasets: Vec<JsonDataset<'a>>,
    language_differences: Vec<JsonDifference<'a>>,
    categories: Vec<JsonCategory>,
    by_year: Vec<JsonYear>,
    /// Drawn file by file as the plans were checked.
    diagnostics: Vec<&'a RawValue>,
    /// Failures of the tool: files that could not be found, read or configured.
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
}

/// The audit's counts and the number of tool errors.
#[derive(Serialize)]
struct JsonSummary {
    #[serde(flatten)]
    audit: AuditSummary,
    tool_errors: usize,
}

#[derive(Serialize)]
struct JsonPlan<'a> {
    file: &'a str,
    organisation: Option<&'a str>,
    organisation_id: Option<&'a str>,
    period: Option<&'a str>,
    language: Option<&'a str>,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonOrganisation<'a> {
    id: Option<&'a str>,
    key: &'a str,
    name: &'a str,
    names: BTreeMap<&'static str, &'a str>,
    periods: &'a [String],
    missing_periods: &'a [String],
    plans: Vec<&'a str>,
    duplicate_plans: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonDataset<'a> {
    organisation: &'a str,
    language: &'static str,
    from_period: &'a str,
    to_period: &'a str,
    name: &'a str,
    matched_name: Option<&'a str>,
    fuzzy: bool,
    status: Status,
    category: Option<&'a str>,
    target: Option<&'a str>,
    release_date: Option<&'a str>,
    new_target: Option<&'a str>,
    file: &'a str,
    line: usize,
    matched_file: &'a str,
    matched_line: Option<usize>,
}

#[derive(Serialize)]
struct JsonDifference<'a> {
    organisation: &'a str,
    period: &'a str,
    table: &'a str,
    item: Option<&'a str>,
    field: DifferenceField,
    zh_hant: Option<&'a str>,
    en: Option<&'a str>,
    zh_hant_file: &'a str,
    en_file: &'a str,
    line: usize,
}

#[derive(Serialize)]
struct JsonCategory {
    category: Option<&'static str>,
    name: Option<&'static str>,
    datasets: usize,
}

#[derive(Serialize)]
struct JsonYear {
    year: u32,
    promised: usize,
    delivered: usize,
    on_time: usize,
    late: usize,
    slipped: usize,
    unaccounted: usize,
}

pub(super) fn emit(
    report: &AuditReport,
    errors: &[crate::ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let analysis = &report.analysis;
    let file_name = |index: usize| report.files[index].name.as_str();
    let organisation_key = |index: usize| analysis.organisations[index].key.as_str();
    let json = JsonAudit {
        version: 1,
        plans: report
            .files
            .iter()
            .enumerate()
            .map(|(index, file)| {
                let header = &report.files[index].header;
                let (errors, warnings, infos) = report.counts(index);
                JsonPlan {
                    file: &file.name,
                    organisation: header.organisation.as_deref(),
                    organisation_id: header.organisation_id.as_deref(),
                    period: header.period.as_deref(),
                    language: header.language.as_deref(),
                    errors,
                    warnings,
                    infos,
                }
            })
            .collect(),
        organisations: analysis
            .organisations
            .iter()
            .map(|organisation| JsonOrganisation {
                id: organisation.id.as_deref(),
                key: &organisation.key,
                name: &organisation.name,
                names: organisation
                    .names
                    .iter()
                    .map(|(language, name)| (language.code(), name.as_str()))
                    .collect(),
                periods: &organisation.periods,
                missing_periods: &organisation.missing_periods,
                plans: organisation.plans.iter().map(|&f| file_name(f)).collect(),
                duplicate_plans: organisation
                    .duplicates
                    .iter()
                    .map(|&f| file_name(f))
                    .collect(),
            })
            .collect(),
        datasets: analysis
            .datasets
            .iter()
            .map(|dataset| JsonDataset {
                organisation: organisation_key(dataset.organisation),
                language: dataset.language.code(),
                from_period: &dataset.from_period,
                to_period: &dataset.to_period,
                name: &dataset.name,
                matched_name: dataset.matched_name.as_deref(),
                fuzzy: dataset.fuzzy,
                status: dataset.status,
                category: dataset.category.as_deref(),
                target: dataset.target.as_deref(),
                release_date: dataset.release_date.as_deref(),
                new_target: dataset.new_target.as_deref(),
                file: file_name(dataset.file),
                line: dataset.line,
                matched_file: file_name(dataset.matched_file),
                matched_line: dataset.matched_line,
            })
            .collect(),
        language_differences: analysis
            .language_differences
            .iter()
            .map(|difference| JsonDifference {
                organisation: organisation_key(difference.organisation),
                period: &difference.period,
                table: &difference.table,
                item: difference.item.as_deref(),
                field: difference.field,
                zh_hant: difference.zh_hant.as_deref(),
                en: difference.en.as_deref(),
                zh_hant_file: file_name(difference.zh_hant_file),
                en_file: file_name(difference.en_file),
                line: difference.line,
            })
            .collect(),
        categories: analysis
            .categories
            .iter()
            .map(|count| JsonCategory {
                category: count.id,
                name: count
                    .id
                    .and_then(|id| categories::all().iter().find(|c| c.id == id).map(|c| c.en)),
                datasets: count.datasets,
            })
            .collect(),
        by_year: analysis
            .by_year()
            .into_iter()
            .map(|tally| JsonYear {
                year: tally.year,
                promised: tally.promised,
                delivered: tally.delivered(),
                on_time: tally.on_time,
                late: tally.late,
                slipped: tally.slipped,
                unaccounted: tally.unaccounted,
            })
            .collect(),
        diagnostics: report
            .files
            .iter()
            .flat_map(|file| match &file.findings.drawn {
                Drawn::Json(items) => items.as_slice(),
                _ => &[],
            })
            .map(|item| &**item)
            .collect(),
        errors: crate::report::json::json_errors(errors, lang),
        summary: JsonSummary {
            audit: report.summary(),
            tool_errors: errors.len(),
        },
    };
    serde_json::to_writer_pretty(&mut *out, &json).map_err(io::Error::from)?;
    writeln!(out)
}
