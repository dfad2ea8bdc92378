//! `odplint audit`: what the central office asks of all plans together each year. Plans are
//! grouped by organisation, period and language; every dataset promised in section A is followed
//! into the organisation's next plan (A001-A003), and the zh-Hant and en versions of a plan are
//! compared (A004). Findings are diagnostics on the plans' own cells; the rest is data that the
//! reports in [`report`] present.

pub mod report;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::messages::Message;
use crate::model::{Language, Period, Plan, Row, SectionKey, TableRef, YearMonth};
use crate::report::FileReport;
use crate::rules::placeholder::is_placeholder;
use crate::vocab::{categories, edit_distance, frequency};

/// One checked file, before the policy is applied to its findings.
#[derive(Debug)]
pub struct Checked {
    pub document: Document,
    /// The plan rules' findings, at default severities.
    pub diagnostics: Vec<Diagnostic>,
    /// The typed plan, when the file's structure allowed one.
    pub plan: Option<Plan<'static>>,
}

/// What a plan says of itself, read from the parsed value so that even a plan whose structure is
/// broken is listed under its organisation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanHeader {
    pub organisation: Option<String>,
    pub organisation_id: Option<String>,
    pub period: Option<String>,
    pub language: Option<String>,
}

impl PlanHeader {
    pub fn of(document: &Document) -> Self {
        let field = |key: &str| {
            document
                .value
                .as_ref()
                .and_then(|value| value.get(key))
                .and_then(|value| value.as_str())
                .map(str::to_string)
        };
        PlanHeader {
            organisation: field("organisation"),
            organisation_id: field("organisation_id"),
            period: field("period"),
            language: field("language"),
        }
    }
}

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
}

impl Analysis {
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
    pub files: Vec<FileReport>,
    pub headers: Vec<PlanHeader>,
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
        let check = crate::report::Summary::of(&self.files);
        let mut summary = AuditSummary {
            files: check.files,
            organisations: self.analysis.organisations.len(),
            errors: check.errors,
            warnings: check.warnings,
            infos: check.infos,
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
        summary
    }

    /// Error, warning and info counts of one file.
    pub fn counts(&self, file: usize) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for diagnostic in &self.files[file].diagnostics {
            match diagnostic.severity {
                Severity::Error => counts.0 += 1,
                Severity::Warning => counts.1 += 1,
                Severity::Info => counts.2 += 1,
            }
        }
        counts
    }
}

/// Runs the analysis over checked files, then gives each file its plan and audit findings
/// through `policy` (the file's index, its document and findings; it returns those kept).
pub fn audit(
    checked: Vec<Checked>,
    mut policy: impl FnMut(usize, &Document, Vec<Diagnostic>) -> Vec<Diagnostic>,
) -> AuditReport {
    let mut analysis = {
        let inputs: Vec<(&Document, Option<&Plan>)> = checked
            .iter()
            .map(|c| (&c.document, c.plan.as_ref()))
            .collect();
        analyse(&inputs)
    };
    let mut findings_by_file: Vec<Vec<Diagnostic>> = checked.iter().map(|_| Vec::new()).collect();
    for (file, diagnostic) in std::mem::take(&mut analysis.findings) {
        findings_by_file[file].push(diagnostic);
    }
    let mut files = Vec::with_capacity(checked.len());
    let mut headers = Vec::with_capacity(checked.len());
    for (index, (file, audit_findings)) in checked.into_iter().zip(findings_by_file).enumerate() {
        let mut diagnostics = file.diagnostics;
        diagnostics.extend(audit_findings);
        crate::lint::sort(&mut diagnostics);
        let diagnostics = policy(index, &file.document, diagnostics);
        headers.push(PlanHeader::of(&file.document));
        files.push(FileReport {
            document: file.document,
            diagnostics,
        });
    }
    AuditReport {
        files,
        headers,
        analysis,
    }
}

/// A plan that takes part in the audit: valid period and a typed model.
struct Entry<'a> {
    file: usize,
    document: &'a Document,
    plan: &'a Plan<'a>,
    first_year: u32,
}

/// Groups the plans and runs the audit rules. `inputs` are the documents with their typed plans;
/// findings name files by their index in it.
pub fn analyse(inputs: &[(&Document, Option<&Plan>)]) -> Analysis {
    let mut groups: BTreeMap<String, Vec<Entry<'_>>> = BTreeMap::new();
    for (file, (document, plan)) in inputs.iter().enumerate() {
        let Some(plan) = plan else { continue };
        let Some(period) = Period::parse(plan.period.as_deref().unwrap_or_default())
            .filter(|p| p.is_three_years())
        else {
            continue;
        };
        groups
            .entry(organisation_key(plan))
            .or_default()
            .push(Entry {
                file,
                document,
                plan,
                first_year: period.first,
            });
    }
    let all_years: BTreeSet<u32> = groups
        .values()
        .flatten()
        .map(|entry| entry.first_year)
        .collect();

    let mut analysis = Analysis::default();
    let mut category_counts: BTreeMap<Option<&'static str>, usize> = BTreeMap::new();
    for (key, entries) in &groups {
        let organisation = analysis.organisations.len();
        // One plan per period and language: the first found; the others are set aside.
        let mut slots: BTreeMap<(u32, Language), &Entry<'_>> = BTreeMap::new();
        let mut duplicates = Vec::new();
        for entry in entries {
            match slots.entry((entry.first_year, entry.plan.language)) {
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(entry);
                }
                std::collections::btree_map::Entry::Occupied(_) => duplicates.push(entry.file),
            }
        }
        let years: BTreeSet<u32> = slots.keys().map(|(year, _)| *year).collect();
        let first = years.first().copied().unwrap_or_default();
        let names = names_of(entries);
        analysis.organisations.push(Organisation {
            key: key.clone(),
            id: entries
                .iter()
                .find_map(|e| e.plan.organisation_id.as_deref().map(str::to_string))
                .filter(|id| !id.trim().is_empty()),
            name: names.first().map(|(_, n)| n.clone()).unwrap_or_default(),
            names,
            periods: years.iter().map(|y| period_text(*y)).collect(),
            missing_periods: all_years
                .iter()
                .filter(|y| **y > first && !years.contains(y))
                .map(|y| period_text(*y))
                .collect(),
            plans: slots.values().map(|e| e.file).collect(),
            duplicates,
        });

        let in_language = |year: u32| {
            PRIMARY_LANGUAGES
                .into_iter()
                .find_map(|language| slots.get(&(year, language)).copied())
        };
        for &year in &years {
            if let Some(language) = PRIMARY_LANGUAGES.into_iter().find(|language| {
                slots.contains_key(&(year, *language)) && slots.contains_key(&(year + 1, *language))
            }) {
                follow(
                    organisation,
                    slots[&(year, language)],
                    slots[&(year + 1, language)],
                    &mut analysis,
                );
            }
            if let (Some(zh), Some(en)) = (
                slots.get(&(year, Language::ZhHant)),
                slots.get(&(year, Language::En)),
            ) {
                compare_languages(organisation, zh, en, &mut analysis);
            }
        }
        if let Some(latest) = years.last().and_then(|year| in_language(*year)) {
            for table in latest.plan.tables() {
                if table.section == SectionKey::C {
                    continue;
                }
                for row in table.rows() {
                    if dataset_name(row).is_some() && row.organisation.is_none() {
                        let id = row.category.as_deref().and_then(categories::id_of);
                        *category_counts.entry(id).or_default() += 1;
                    }
                }
            }
        }
    }
    let mut counts: Vec<CategoryCount> = category_counts
        .into_iter()
        .map(|(id, datasets)| CategoryCount { id, datasets })
        .collect();
    // Most datasets first; categories in the vocabulary's order among equals, unknown last.
    let order = |id: Option<&str>| {
        id.and_then(|id| categories::all().iter().position(|c| c.id == id))
            .unwrap_or(usize::MAX)
    };
    counts.sort_by_key(|c| (std::cmp::Reverse(c.datasets), order(c.id)));
    analysis.categories = counts;
    analysis
}

/// The language whose plans are followed across years, in order of preference: one chain per
/// organisation, so a broken promise is reported once, not once per language (A004 keeps the
/// other language in step).
const PRIMARY_LANGUAGES: [Language; 3] = [Language::ZhHant, Language::En, Language::ZhHans];

fn organisation_key(plan: &Plan) -> String {
    plan.organisation_id
        .as_deref()
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .unwrap_or_else(|| plan.organisation.trim())
        .to_string()
}

fn names_of(entries: &[Entry<'_>]) -> Vec<(Language, String)> {
    let mut names = Vec::new();
    for language in PRIMARY_LANGUAGES {
        if let Some(entry) = entries.iter().find(|e| e.plan.language == language) {
            names.push((language, entry.plan.organisation.trim().to_string()));
        }
    }
    names
}

fn period_text(first_year: u32) -> String {
    format!("{first_year}-{}", first_year + 2)
}

/// The name of a dataset row; `None` for placeholder and nameless rows.
fn dataset_name<'r>(row: &'r Row<'_>) -> Option<&'r str> {
    row.name
        .as_deref()
        .filter(|name| !name.trim().is_empty())
        .filter(|_| !row.category.as_deref().is_some_and(is_placeholder))
}

/// A row's date: its own, or its last part's.
fn row_date<'r>(row: &'r Row<'_>) -> Option<&'r str> {
    row.release_date.as_deref().or_else(|| {
        row.parts
            .iter()
            .flatten()
            .filter_map(|part| part.release_date.as_deref())
            .next_back()
    })
}

/// A date as reports show it: `MM/YYYY` when readable, else as written.
fn date_text(text: &str) -> String {
    YearMonth::parse_lenient(text).map_or_else(|| text.trim().to_string(), |d| d.to_string())
}

/// A name with case, width, white space and punctuation folded: what names are matched by.
pub fn normalise_name(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            // Full-width ASCII forms and the ideographic space.
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How far two folded names are apart when they are similar enough to be the same dataset:
/// within a fifth of the longer's length in edits, or one containing the other.
pub fn fuzzy_distance(a: &str, b: &str) -> Option<usize> {
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let (shorter, longer) = if len_a <= len_b { (a, b) } else { (b, a) };
    let shorter_len = len_a.min(len_b);
    if shorter_len >= 2 && longer.contains(shorter) {
        return Some(len_a.abs_diff(len_b));
    }
    let limit = len_a.max(len_b) / 5;
    if limit == 0 {
        return None;
    }
    let distance = edit_distance(a, b, limit);
    (distance <= limit).then_some(distance)
}

/// A dataset row of a plan, where it is.
struct Located<'a> {
    row: &'a Row<'a>,
    name: &'a str,
    folded: String,
    section: SectionKey,
    pointer: String,
}

/// The organisation's own dataset rows in `sections`: rows naming another organisation (section
/// D lists other organisations' releases too) are not its promises or releases.
fn dataset_rows<'a>(plan: &'a Plan, sections: &[SectionKey]) -> Vec<Located<'a>> {
    let own = |row: &Row| {
        row.organisation
            .as_deref()
            .is_none_or(|o| o.trim().is_empty() || o.trim() == plan.organisation.trim())
    };
    let mut rows = Vec::new();
    for &section in sections {
        for table in plan.tables().filter(|t| t.section == section) {
            for (index, row) in table.rows().iter().enumerate() {
                if let Some(name) = dataset_name(row).filter(|_| own(row)) {
                    rows.push(Located {
                        row,
                        name,
                        folded: normalise_name(name),
                        section,
                        pointer: table.row_pointer(index),
                    });
                }
            }
        }
    }
    rows
}

/// Pairs promised rows with rows of the next plan: equal folded names first, then similar ones,
/// closest first. A row of the next plan is never paired twice.
fn match_rows(promises: &[Located<'_>], candidates: &[Located<'_>]) -> Vec<Option<(usize, bool)>> {
    let mut matched: Vec<Option<(usize, bool)>> = vec![None; promises.len()];
    let mut used = vec![false; candidates.len()];
    for (p, promise) in promises.iter().enumerate() {
        if promise.folded.is_empty() {
            continue;
        }
        if let Some(c) =
            (0..candidates.len()).find(|&c| !used[c] && candidates[c].folded == promise.folded)
        {
            used[c] = true;
            matched[p] = Some((c, false));
        }
    }
    let mut pairs = Vec::new();
    for (p, promise) in promises.iter().enumerate() {
        if matched[p].is_some() || promise.folded.is_empty() {
            continue;
        }
        for (c, candidate) in candidates.iter().enumerate() {
            if used[c] || candidate.folded.is_empty() {
                continue;
            }
            if let Some(distance) = fuzzy_distance(&promise.folded, &candidate.folded) {
                pairs.push((distance, c, p));
            }
        }
    }
    // Candidates are in section order (D first), so equal distances prefer a release.
    pairs.sort_unstable();
    for (_, c, p) in pairs {
        if !used[c] && matched[p].is_none() {
            used[c] = true;
            matched[p] = Some((c, true));
        }
    }
    matched
}

/// A001-A003: follows each dataset of section A of `earlier` into `later`.
fn follow(organisation: usize, earlier: &Entry<'_>, later: &Entry<'_>, analysis: &mut Analysis) {
    let promises = dataset_rows(earlier.plan, &[SectionKey::A]);
    let candidates = dataset_rows(later.plan, &[SectionKey::D, SectionKey::A, SectionKey::B]);
    let matched = match_rows(&promises, &candidates);
    let later_name = &later.document.name;
    for (promise, found) in promises.iter().zip(matched) {
        let name_pointer = format!("{}/name", promise.pointer);
        let span = earlier.document.span_for(&name_pointer);
        let line = earlier.document.position(span.start).line;
        let target_text = row_date(promise.row);
        let target = target_text.and_then(YearMonth::parse_lenient);
        let mut status = DatasetStatus {
            organisation,
            language: earlier.plan.language,
            from_period: period_text(earlier.first_year),
            to_period: period_text(later.first_year),
            name: promise.name.to_string(),
            matched_name: None,
            fuzzy: false,
            status: Status::Unaccounted,
            category: promise.row.category.as_deref().map(str::to_string),
            target: target_text.map(date_text),
            release_date: None,
            new_target: None,
            file: earlier.file,
            pointer: name_pointer.clone(),
            line,
            matched_file: later.file,
            matched_line: None,
        };
        let target_arg = status.target.clone().unwrap_or_default();
        let diagnostic = match found {
            None => {
                let id = if target_text.is_some() {
                    "A001.message"
                } else {
                    "A001.undated"
                };
                Some(
                    Diagnostic::new(
                        &rules::PROMISE_UNACCOUNTED,
                        &name_pointer,
                        span,
                        Message::new(id)
                            .arg("name", promise.name)
                            .arg("target", &target_arg)
                            .arg("later", later_name),
                    )
                    .with_label(Message::new("A001.label").arg("later", later_name))
                    .with_help(
                        Message::new("A001.help").arg("period", period_text(later.first_year)),
                    ),
                )
            }
            Some((index, fuzzy)) => {
                let candidate = &candidates[index];
                status.matched_name = Some(candidate.name.to_string());
                status.fuzzy = fuzzy;
                let candidate_span = later
                    .document
                    .span_for(&format!("{}/name", candidate.pointer));
                status.matched_line = Some(later.document.position(candidate_span.start).line);
                let date_cell = row_date(candidate.row);
                let date = date_cell.and_then(YearMonth::parse_lenient);
                let fuzzy_help = Message::new("audit.fuzzy-help")
                    .arg("later", later_name)
                    .arg("matched", candidate.name);
                if candidate.section == SectionKey::D {
                    status.release_date = date_cell.map(date_text);
                    let late =
                        matches!((date, target), (Some(date), Some(target)) if date > target);
                    if late {
                        status.status = Status::Late;
                        let release = status.release_date.clone().unwrap_or_default();
                        let diagnostic = Diagnostic::new(
                            &rules::RELEASED_LATE,
                            &name_pointer,
                            span,
                            Message::new("A002.message")
                                .arg("name", promise.name)
                                .arg("target", &target_arg)
                                .arg("release", &release)
                                .arg("later", later_name),
                        )
                        .with_label(Message::new("A002.label").arg("release", &release));
                        Some(if fuzzy {
                            diagnostic.with_help(fuzzy_help)
                        } else {
                            diagnostic
                        })
                    } else if date.is_none() || target.is_none() {
                        // `99/9999`, `sometime`: the promise is in D, but whether it was kept
                        // on time cannot be read.
                        status.status = Status::DateUnknown;
                        None
                    } else {
                        status.status = Status::OnTime;
                        None
                    }
                } else {
                    status.status = Status::Slipped;
                    status.new_target = date_cell.map(date_text);
                    let new_target = status.new_target.clone().unwrap_or_default();
                    let id = if target_text.is_some() {
                        "A003.message"
                    } else {
                        "A003.undated"
                    };
                    let diagnostic = Diagnostic::new(
                        &rules::TARGET_SLIPPED,
                        &name_pointer,
                        span,
                        Message::new(id)
                            .arg("name", promise.name)
                            .arg("target", &target_arg)
                            .arg("new_target", &new_target)
                            .arg("section", candidate.section.as_str())
                            .arg("later", later_name),
                    )
                    .with_label(Message::new("A003.label").arg("new_target", &new_target));
                    Some(if fuzzy {
                        diagnostic.with_help(fuzzy_help)
                    } else {
                        diagnostic
                    })
                }
            }
        };
        if let Some(diagnostic) = diagnostic {
            analysis.findings.push((earlier.file, diagnostic));
        }
        analysis.datasets.push(status);
    }
}

// ---------------------------------------------------------------------------------------------
// A004: language versions

/// A date cell as compared: the month when readable, else the trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DateKey {
    Month(YearMonth),
    Text(String),
}

fn date_key(text: &str) -> DateKey {
    YearMonth::parse_lenient(text)
        .map_or_else(|| DateKey::Text(text.trim().to_string()), DateKey::Month)
}

/// One description/frequency/date unit of a row: the row itself, or each of its parts.
struct Cell<'a> {
    pointer: String,
    frequency: Option<&'a str>,
    release_date: Option<&'a str>,
}

/// A dataset row of one language version, ready to be compared.
struct RowView<'a> {
    row: &'a Row<'a>,
    pointer: String,
    table: String,
    category: Option<&'static str>,
    cells: Vec<Cell<'a>>,
}

impl<'a> RowView<'a> {
    fn of(table: &TableRef<'a>, index: usize, row: &'a Row) -> Self {
        let pointer = table.row_pointer(index);
        let cells = match row.parts.as_deref() {
            Some(parts) if !parts.is_empty() => parts
                .iter()
                .enumerate()
                .map(|(part, p)| Cell {
                    pointer: format!("{pointer}/parts/{part}"),
                    frequency: p.frequency.as_deref(),
                    release_date: p.release_date.as_deref(),
                })
                .collect(),
            _ => Vec::new(),
        };
        RowView {
            row,
            table: table.label(),
            category: row.category.as_deref().and_then(categories::id_of),
            cells,
            pointer,
        }
    }

    fn item(&self) -> String {
        self.row
            .item_number()
            .map_or_else(|| self.row.item_text(), |n| n.to_string())
    }
}

/// One cell that differs: the field, both values as written, where in the en plan, and the part.
struct CellDifference {
    field: DifferenceField,
    zh_hant: String,
    en: String,
    en_pointer: String,
    part: Option<usize>,
}

/// The meaning of a frequency cell, rendered in English, from the plan's language first.
fn frequency_meaning(text: &str, language: Language) -> Option<String> {
    std::iter::once(language)
        .chain(Language::ALL.into_iter().filter(|l| *l != language))
        .find_map(|from| frequency::canonical_in(text, from, Language::En))
}

/// The cells of two paired rows that differ; cells either side cannot read (an unknown category
/// or frequency, a missing cell) are left to the plan rules.
fn row_differences(zh: &RowView<'_>, en: &RowView<'_>) -> Vec<CellDifference> {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (zh.category, en.category)
        && a != b
    {
        out.push(CellDifference {
            field: DifferenceField::Category,
            zh_hant: zh.row.category.as_deref().unwrap_or_default().to_string(),
            en: en.row.category.as_deref().unwrap_or_default().to_string(),
            en_pointer: format!("{}/category", en.pointer),
            part: None,
        });
    }
    let compare_date =
        |a: Option<&str>, b: Option<&str>, pointer: String, part, out: &mut Vec<_>| {
            if let (Some(a), Some(b)) = (a, b)
                && date_key(a) != date_key(b)
            {
                out.push(CellDifference {
                    field: DifferenceField::ReleaseDate,
                    zh_hant: a.to_string(),
                    en: b.to_string(),
                    en_pointer: format!("{pointer}/release_date"),
                    part,
                });
            }
        };
    let compare_frequency =
        |a: Option<&str>, b: Option<&str>, pointer: String, part, out: &mut Vec<_>| {
            if let (Some(a), Some(b)) = (a, b)
                && let (Some(meaning_a), Some(meaning_b)) = (
                    frequency_meaning(a, Language::ZhHant),
                    frequency_meaning(b, Language::En),
                )
                && meaning_a != meaning_b
            {
                out.push(CellDifference {
                    field: DifferenceField::Frequency,
                    zh_hant: a.to_string(),
                    en: b.to_string(),
                    en_pointer: format!("{pointer}/frequency"),
                    part,
                });
            }
        };
    compare_date(
        zh.row.release_date.as_deref(),
        en.row.release_date.as_deref(),
        en.pointer.clone(),
        None,
        &mut out,
    );
    compare_frequency(
        zh.row.frequency.as_deref(),
        en.row.frequency.as_deref(),
        en.pointer.clone(),
        None,
        &mut out,
    );
    if zh.cells.len() != en.cells.len() {
        out.push(CellDifference {
            field: DifferenceField::Parts,
            zh_hant: zh.cells.len().to_string(),
            en: en.cells.len().to_string(),
            en_pointer: if en.row.parts.is_some() {
                format!("{}/parts", en.pointer)
            } else {
                format!("{}/item", en.pointer)
            },
            part: None,
        });
    } else {
        for (part, (a, b)) in zh.cells.iter().zip(&en.cells).enumerate() {
            compare_date(
                a.release_date,
                b.release_date,
                b.pointer.clone(),
                Some(part + 1),
                &mut out,
            );
            compare_frequency(
                a.frequency,
                b.frequency,
                b.pointer.clone(),
                Some(part + 1),
                &mut out,
            );
        }
    }
    out
}

/// Pairs the rows of two tables in order, allowing rows without a counterpart: the alignment
/// with the fewest differing cells, where leaving a row unpaired costs more than two of them.
fn align(zh: &[RowView<'_>], en: &[RowView<'_>]) -> Vec<(Option<usize>, Option<usize>)> {
    const SKIP: usize = 5;
    let (n, m) = (zh.len(), en.len());
    let pair_cost: Vec<Vec<usize>> = zh
        .iter()
        .map(|a| en.iter().map(|b| 2 * row_differences(a, b).len()).collect())
        .collect();
    // cost[i][j]: the cheapest alignment of zh[i..] with en[j..].
    let mut cost = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            cost[i][j] = if i == n {
                (m - j) * SKIP
            } else if j == m {
                (n - i) * SKIP
            } else {
                (pair_cost[i][j] + cost[i + 1][j + 1])
                    .min(SKIP + cost[i + 1][j])
                    .min(SKIP + cost[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && cost[i][j] == pair_cost[i][j] + cost[i + 1][j + 1] {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if i < n && (j == m || cost[i][j] == SKIP + cost[i + 1][j]) {
            out.push((Some(i), None));
            i += 1;
        } else {
            out.push((None, Some(j)));
            j += 1;
        }
    }
    out
}

/// The dataset rows of a table (placeholder rows left out).
fn dataset_views<'a>(table: &TableRef<'a>) -> Vec<RowView<'a>> {
    table
        .rows()
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.category.as_deref().is_some_and(is_placeholder))
        .map(|(index, row)| RowView::of(table, index, row))
        .collect()
}

/// A004: compares the zh-Hant and en plans of one organisation and period.
fn compare_languages(organisation: usize, zh: &Entry<'_>, en: &Entry<'_>, analysis: &mut Analysis) {
    let first_difference = analysis.language_differences.len();
    compare_tables(organisation, zh, en, analysis);
    // Table by table, the count first, then by item.
    analysis.language_differences[first_difference..].sort_by_key(|d| {
        let item = d.item.as_deref().unwrap_or_default();
        let number: u64 = item
            .split(',')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(u64::MAX);
        (
            d.table.clone(),
            d.field != DifferenceField::Items,
            number,
            item.to_string(),
        )
    });
}

/// What every A004 difference of one pair of plans shares: it becomes a finding on the en plan
/// and a row of the reports' table of differences.
struct Comparison<'e> {
    organisation: usize,
    period: String,
    zh_file: usize,
    en_file: usize,
    zh_name: &'e str,
    en_document: &'e Document,
}

impl Comparison<'_> {
    fn line_of(&self, pointer: &str) -> usize {
        self.line_at(self.en_document.span_for(pointer).start)
    }

    fn line_at(&self, offset: usize) -> usize {
        self.en_document.position(offset).line
    }

    /// An A004 finding at `span` of the en plan; the zh-Hant file is named as `file`.
    fn finding(
        &self,
        pointer: &str,
        span: crate::document::Span,
        message: Message,
        label: Message,
    ) -> (usize, Diagnostic) {
        let diagnostic = Diagnostic::new(
            &rules::LANGUAGE_VERSIONS_DIFFER,
            pointer,
            span,
            message.arg("file", self.zh_name),
        )
        .with_label(label)
        .with_help(Message::new("A004.help"));
        (self.en_file, diagnostic)
    }

    /// A row of the table of differences.
    fn difference(
        &self,
        table: String,
        item: Option<String>,
        field: DifferenceField,
        (zh_hant, en): (Option<String>, Option<String>),
        line: usize,
    ) -> LanguageDifference {
        LanguageDifference {
            organisation: self.organisation,
            period: self.period.clone(),
            table,
            item,
            field,
            zh_hant,
            en,
            zh_hant_file: self.zh_file,
            en_file: self.en_file,
            line,
        }
    }
}

fn compare_tables(organisation: usize, zh: &Entry<'_>, en: &Entry<'_>, analysis: &mut Analysis) {
    let comparison = Comparison {
        organisation,
        period: period_text(zh.first_year),
        zh_file: zh.file,
        en_file: en.file,
        zh_name: &zh.document.name,
        en_document: en.document,
    };
    let en_document = en.document;
    let mut unpaired_zh: Vec<RowView<'_>> = Vec::new();
    let mut unpaired_en: Vec<(RowView<'_>, String)> = Vec::new();
    for (zh_table, en_table) in zh.plan.tables().zip(en.plan.tables()) {
        let zh_rows = dataset_views(&zh_table);
        let en_rows = dataset_views(&en_table);
        let label = zh_table.label();
        if zh_rows.len() != en_rows.len() {
            analysis.language_differences.push(comparison.difference(
                label.clone(),
                None,
                DifferenceField::Items,
                (
                    Some(zh_rows.len().to_string()),
                    Some(en_rows.len().to_string()),
                ),
                comparison.line_of(&en_table.rows_pointer()),
            ));
        }
        let alignment = align(&zh_rows, &en_rows);
        let mut zh_rows: Vec<Option<RowView<'_>>> = zh_rows.into_iter().map(Some).collect();
        let mut en_rows: Vec<Option<RowView<'_>>> = en_rows.into_iter().map(Some).collect();
        for pair in alignment {
            match pair {
                (Some(i), Some(j)) => {
                    let (a, b) = (zh_rows[i].take(), en_rows[j].take());
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    for difference in row_differences(&a, &b) {
                        let item = match difference.part {
                            Some(part) => format!("{}, part {part}", a.item()),
                            None => a.item(),
                        };
                        let id = match difference.field {
                            DifferenceField::Category => "A004.category",
                            DifferenceField::ReleaseDate => "A004.release-date",
                            DifferenceField::Frequency => "A004.frequency",
                            _ => "A004.parts",
                        };
                        let finding = comparison.finding(
                            &difference.en_pointer,
                            en_document.span_for(&difference.en_pointer),
                            Message::new(id)
                                .arg("item", b.item())
                                .arg("table", &label)
                                .arg("en", &difference.en)
                                .arg("zh", &difference.zh_hant),
                            Message::new("A004.label"),
                        );
                        analysis.language_differences.push(comparison.difference(
                            label.clone(),
                            Some(item),
                            difference.field,
                            (Some(difference.zh_hant), Some(difference.en)),
                            comparison.line_of(&difference.en_pointer),
                        ));
                        analysis.findings.push(finding);
                    }
                }
                (Some(i), None) => unpaired_zh.extend(zh_rows[i].take()),
                (None, Some(j)) => {
                    unpaired_en.extend(en_rows[j].take().map(|row| (row, en_table.rows_pointer())))
                }
                (None, None) => {}
            }
        }
    }

    // A row missing from one table and found, alike in every cell, in another table of the
    // other version has moved.
    let mut moved: Vec<(RowView<'_>, RowView<'_>)> = Vec::new();
    let mut still_zh = Vec::new();
    for zh_row in unpaired_zh {
        match unpaired_en.iter().position(|(en_row, _)| {
            en_row.table != zh_row.table && row_differences(&zh_row, en_row).is_empty()
        }) {
            Some(at) => moved.push((zh_row, unpaired_en.remove(at).0)),
            None => still_zh.push(zh_row),
        }
    }
    for (zh_row, en_row) in moved {
        let pointer = format!("{}/item", en_row.pointer);
        analysis.findings.push(
            comparison.finding(
                &pointer,
                en_document.span_for(&pointer),
                Message::new("A004.moved")
                    .arg("item", en_row.item())
                    .arg("table", &en_row.table)
                    .arg("other", &zh_row.table)
                    .arg("zh_item", zh_row.item()),
                Message::new("A004.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            zh_row.table.clone(),
            Some(zh_row.item()),
            DifferenceField::Table,
            (Some(zh_row.table.clone()), Some(en_row.table.clone())),
            comparison.line_of(&pointer),
        ));
    }
    for zh_row in still_zh {
        // Nothing to point at in the en plan but the table's `rows` key.
        let rows_pointer = zh_row
            .pointer
            .rsplit_once('/')
            .map_or_else(String::new, |(rows, _)| rows.to_string());
        let span = en_document
            .locate(&rows_pointer)
            .and_then(|located| located.key)
            .unwrap_or_else(|| en_document.span_for(&rows_pointer));
        let name = zh_row.row.name.as_deref().unwrap_or_default().to_string();
        let date = zh_row.row.release_date.as_deref().unwrap_or_default();
        let line = comparison.line_at(span.start);
        analysis.findings.push(
            comparison.finding(
                &rows_pointer,
                span,
                Message::new("A004.missing")
                    .arg("item", zh_row.item())
                    .arg("table", &zh_row.table)
                    .arg("name", &name)
                    .arg("date", date),
                Message::new("A004.missing.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            zh_row.table.clone(),
            Some(zh_row.item()),
            DifferenceField::Row,
            (Some(name), None),
            line,
        ));
    }
    for (en_row, _) in unpaired_en {
        let pointer = format!("{}/item", en_row.pointer);
        let name = en_row.row.name.as_deref().unwrap_or_default().to_string();
        analysis.findings.push(
            comparison.finding(
                &pointer,
                en_document.span_for(&pointer),
                Message::new("A004.extra")
                    .arg("item", en_row.item())
                    .arg("table", &en_row.table),
                Message::new("A004.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            en_row.table.clone(),
            Some(en_row.item()),
            DifferenceField::Row,
            (None, Some(name)),
            comparison.line_of(&pointer),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_width_space_and_punctuation() {
        assert_eq!(
            normalise_name("Parking  Meter（Occupancy）"),
            "parkingmeteroccupancy"
        );
        assert_eq!(
            normalise_name("ＰＡＲＫＩＮＧ meter, occupancy."),
            "parkingmeteroccupancy"
        );
        assert_eq!(normalise_name("警崗/管制站/報案中心"), "警崗管制站報案中心");
        assert_eq!(normalise_name("「公共圖書館」位置。"), "公共圖書館位置");
        assert_eq!(normalise_name("Ｄａｔａ　Ｓｅｔ"), "dataset");
    }

    #[test]
    fn similar_names_are_within_a_fifth_or_contained() {
        assert_eq!(
            fuzzy_distance("publiclibrarylocations", "publiclibrarieslocations"),
            Some(3)
        );
        assert_eq!(
            fuzzy_distance("公共圖書館位置", "公共圖書館位置資料"),
            Some(2)
        );
        assert_eq!(fuzzy_distance("罪案", "毒品"), None);
        assert_eq!(fuzzy_distance("a", "ab"), None);
        assert_eq!(fuzzy_distance("parkingmeters", "trafficlights"), None);
    }

    fn located(name: &'static str, row: &'static Row) -> Located<'static> {
        Located {
            row,
            name,
            folded: normalise_name(name),
            section: SectionKey::D,
            pointer: String::new(),
        }
    }

    #[test]
    fn a_later_row_is_never_matched_twice() {
        static ROW: std::sync::LazyLock<Row> = std::sync::LazyLock::new(|| Row {
            item: Some(1.into()),
            category: None,
            name: None,
            description: None,
            release_date: None,
            frequency: None,
            organisation: None,
            parts: None,
        });
        let promises = [
            located("Public library locations", &ROW),
            located("Public libraries locations", &ROW),
            located("Public library location", &ROW),
        ];
        let candidates = [located("Public Library Locations", &ROW)];
        let matched = match_rows(&promises, &candidates);
        assert_eq!(matched, vec![Some((0, false)), None, None]);
        let candidates = [
            located("Public library locationss", &ROW),
            located("Sports grounds", &ROW),
        ];
        let matched = match_rows(&promises, &candidates);
        assert_eq!(matched.iter().flatten().count(), 1);
        assert_eq!(matched[0], Some((0, true)));
    }
}
