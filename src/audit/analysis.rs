//! What the audit finds across plans, as data: organisations, followed promises, differences
//! between language versions, categories and counts. The reports in [`super::report`] present it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::model::{Language, Period};

use super::AuditFile;

/// An organisation and its plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    /// `organisation_id` when the plans give one, else the organisation's name.
    pub key: String,
    pub id: Option<String>,
    /// The name in Traditional Chinese when a plan gives it, else in English or Simplified.
    pub name: String,
    /// The name as each language's plans write it.
    pub names: Vec<(Language, String)>,
    /// The periods it has plans for, in order.
    pub periods: Vec<String>,
    /// Periods other organisations have plans for, after its first, that it has none for.
    pub missing_periods: Vec<String>,
    /// Indices of its audited plans (files), by period and language.
    pub plans: Vec<usize>,
    /// Indices of plans left out because another file has the same period and language.
    pub duplicates: Vec<usize>,
}

/// What became of a dataset promised in section A, as its organisation's next plan tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// In section D, released in or before its target month.
    OnTime,
    /// In section D, released after its target month (A002).
    Late,
    /// In section D, but its release date (or the target) cannot be read: neither on time nor
    /// late can be said.
    DateUnknown,
    /// Again in section A or B, with a new target (A003).
    Slipped,
    /// Neither (A001).
    Unaccounted,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::OnTime,
        Status::Late,
        Status::DateUnknown,
        Status::Slipped,
        Status::Unaccounted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::OnTime => "on-time",
            Status::Late => "late",
            Status::DateUnknown => "date-unknown",
            Status::Slipped => "slipped",
            Status::Unaccounted => "unaccounted",
        }
    }

    /// Whether the promise was kept, on time or late.
    pub fn is_delivered(self) -> bool {
        matches!(self, Status::OnTime | Status::Late | Status::DateUnknown)
    }
}

/// One dataset promised in section A of a plan, followed into the next plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatasetStatus {
    /// Index into [`Analysis::organisations`].
    pub organisation: usize,
    pub language: Language,
    pub from_period: String,
    pub to_period: String,
    pub name: String,
    /// The name in the next plan, when found.
    pub matched_name: Option<String>,
    /// Whether the names matched only as similar, not as equal once folded.
    pub fuzzy: bool,
    pub status: Status,
    pub category: Option<String>,
    /// The promised target, `MM/YYYY` when readable, else as written.
    pub target: Option<String>,
    /// The release date in section D of the next plan.
    pub release_date: Option<String>,
    /// The target in section A or B of the next plan.
    pub new_target: Option<String>,
    /// The earlier plan (file index), the pointer and line of the dataset's name there.
    pub file: usize,
    pub pointer: String,
    pub line: usize,
    /// The next plan, and the line of the matched row there.
    pub matched_file: usize,
    pub matched_line: Option<usize>,
}

/// The kind of a difference between the language versions of a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceField {
    /// The table lists a different number of datasets (the values are the counts).
    Items,
    /// A dataset in one version has no counterpart in the other (the value is its name).
    Row,
    /// The dataset is in another table (the values are the tables, `D.ii`).
    Table,
    /// The dataset has a different number of parts.
    Parts,
    ReleaseDate,
    Frequency,
    Category,
}

impl DifferenceField {
    pub fn as_str(self) -> &'static str {
        match self {
            DifferenceField::Items => "items",
            DifferenceField::Row => "row",
            DifferenceField::Table => "table",
            DifferenceField::Parts => "parts",
            DifferenceField::ReleaseDate => "release_date",
            DifferenceField::Frequency => "frequency",
            DifferenceField::Category => "category",
        }
    }
}

/// One difference between the zh-Hant and en plans of an organisation and period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LanguageDifference {
    pub organisation: usize,
    pub period: String,
    /// The table, `D.ii` (the zh-Hant plan's, for a dataset in another table).
    pub table: String,
    /// The item number (the zh-Hant plan's when the row is there), with `, part N` for a part.
    pub item: Option<String>,
    pub field: DifferenceField,
    pub zh_hant: Option<String>,
    pub en: Option<String>,
    pub zh_hant_file: usize,
    pub en_file: usize,
    /// The line in the en plan the finding points at.
    pub line: usize,
}

/// Datasets of one DATA.GOV.HK category in the organisations' latest plans.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    /// The category id; `None` for cells that name no DATA.GOV.HK category.
    pub id: Option<&'static str>,
    pub datasets: usize,
}

/// Promises of one year and what became of them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct YearTally {
    pub year: u32,
    pub promised: usize,
    pub on_time: usize,
    pub late: usize,
    pub date_unknown: usize,
    pub slipped: usize,
    pub unaccounted: usize,
}

impl YearTally {
    pub fn delivered(&self) -> usize {
        self.on_time + self.late + self.date_unknown
    }
}

/// Everything the audit found across plans.
#[derive(Debug, Default)]
pub struct Analysis {
    pub organisations: Vec<Organisation>,
    pub datasets: Vec<DatasetStatus>,
    pub language_differences: Vec<LanguageDifference>,
    pub categories: Vec<CategoryCount>,
    /// Audit findings with the index of the file each is about, at default severities; [`audit`]
    /// moves them to their files, where the policy applies to them.
    pub findings: Vec<(usize, Diagnostic)>,
    /// Datasets per category in each organisation's latest plan, counted as organisations are
    /// analysed; [`Analysis::finish`] orders them into `categories`.
    pub(super) category_counts: BTreeMap<Option<&'static str>, usize>,
}

impl Analysis {
    /// Adds the analysis of further organisations (made apart, each numbering its own
    /// organisations from 0).
    pub(super) fn append(&mut self, other: Analysis) {
        let offset = self.organisations.len();
        self.organisations.extend(other.organisations);
        self.datasets
            .extend(other.datasets.into_iter().map(|mut dataset| {
                dataset.organisation += offset;
                dataset
            }));
        self.language_differences
            .extend(
                other
                    .language_differences
                    .into_iter()
                    .map(|mut difference| {
                        difference.organisation += offset;
                        difference
                    }),
            );
        self.findings.extend(other.findings);
        for (id, count) in other.category_counts {
            *self.category_counts.entry(id).or_default() += count;
        }
    }

    /// Orders the category counts: most datasets first; categories in the vocabulary's order
    /// among equals, unknown last.
    pub(super) fn finish(&mut self) {
        let mut counts: Vec<CategoryCount> = std::mem::take(&mut self.category_counts)
            .into_iter()
            .map(|(id, datasets)| CategoryCount { id, datasets })
            .collect();
        let order = |id: Option<&str>| {
            id.and_then(|id| {
                crate::vocab::categories::all()
                    .iter()
                    .position(|c| c.id == id)
            })
            .unwrap_or(usize::MAX)
        };
        counts.sort_by_key(|c| (std::cmp::Reverse(c.datasets), order(c.id)));
        self.categories = counts;
    }

    /// Promises per year of the earlier plan's period, in order.
    pub fn by_year(&self) -> Vec<YearTally> {
        let mut years: BTreeMap<u32, YearTally> = BTreeMap::new();
        for dataset in &self.datasets {
            let Some(period) = Period::parse(&dataset.from_period) else {
                continue;
            };
            let tally = years.entry(period.first).or_insert(YearTally {
                year: period.first,
                ..YearTally::default()
            });
            tally.promised += 1;
            match dataset.status {
                Status::OnTime => tally.on_time += 1,
                Status::Late => tally.late += 1,
                Status::DateUnknown => tally.date_unknown += 1,
                Status::Slipped => tally.slipped += 1,
                Status::Unaccounted => tally.unaccounted += 1,
            }
        }
        years.into_values().collect()
    }
}

/// The result of `odplint audit`: every file with its findings (plan and audit rules, after the
/// policy), what each plan says of itself, and the analysis across plans.
#[derive(Debug)]
pub struct AuditReport {
    /// In the order the files were found (sorted within each folder).
    pub files: Vec<AuditFile>,
    pub analysis: Analysis,
}

/// Counts over an audit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AuditSummary {
    pub files: usize,
    pub organisations: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub promised: usize,
    pub on_time: usize,
    pub late: usize,
    pub date_unknown: usize,
    pub slipped: usize,
    pub unaccounted: usize,
    pub fuzzy: usize,
    pub language_differences: usize,
    pub missing_plans: usize,
}

impl AuditReport {
    pub fn summary(&self) -> AuditSummary {
        let mut summary = AuditSummary {
            files: self.files.len(),
            organisations: self.analysis.organisations.len(),
            promised: self.analysis.datasets.len(),
            language_differences: self.analysis.language_differences.len(),
            missing_plans: self
                .analysis
                .organisations
                .iter()
                .map(|o| o.missing_periods.len())
                .sum(),
            ..AuditSummary::default()
        };
        for dataset in &self.analysis.datasets {
            match dataset.status {
                Status::OnTime => summary.on_time += 1,
                Status::Late => summary.late += 1,
                Status::DateUnknown => summary.date_unknown += 1,
                Status::Slipped => summary.slipped += 1,
                Status::Unaccounted => summary.unaccounted += 1,
            }
            summary.fuzzy += usize::from(dataset.fuzzy);
        }
        for file in 0..self.files.len() {
            let (errors, warnings, infos) = self.counts(file);
            summary.errors += errors;
            summary.warnings += warnings;
            summary.infos += infos;
        }
        summary
    }

    /// Error, warning and info counts of one file.
    pub fn counts(&self, file: usize) -> (usize, usize, usize) {
        self.files[file].findings.counts
    }
}
