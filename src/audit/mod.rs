//! `odplint audit`: what the central office asks of all plans together each year. Plans are
//! grouped by organisation, period and language; every dataset promised in section A is followed
//! into the organisation's next plan (A001-A003), and the zh-Hant and en versions of a plan are
//! compared (A004). Findings are diagnostics on the plans' own cells; the rest is data that the
//! reports in [`report`] present.

mod analysis;
mod coverage;
mod languages;
mod names;
mod pairing;
mod promises;
pub mod report;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::ToolError;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::model::{Language, Period, Plan, Row, SectionKey, YearMonth};
use crate::vocab::categories;

pub use analysis::*;
pub use coverage::{DUPLICATE_PLAN, PLAN_MISSING};
pub use languages::LANGUAGE_VERSIONS_DIFFER;
pub use names::{fuzzy_distance, normalise_name};
pub use promises::{PROMISE_UNACCOUNTED, RELEASED_LATE, TARGET_SLIPPED};

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
                .root()
                .and_then(|root| root.get(key))
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

/// A plan's part of the report, kept once its document is gone.
#[derive(Debug)]
pub struct AuditFile {
    /// The file as reports name it.
    pub name: String,
    /// What the plan says of itself.
    pub header: PlanHeader,
    /// Its `published` month, when it reads as one.
    pub published: Option<YearMonth>,
    pub findings: Findings,
}

/// A plan's findings (plan and audit rules, after the policy) as its part of the report keeps
/// them.
#[derive(Debug, Default)]
pub struct Findings {
    /// How many are errors, warnings and infos.
    pub counts: (usize, usize, usize),
    /// Whether one is at or above the severity that fails the run in this plan.
    pub failing: bool,
    /// As the report's format shows them.
    pub drawn: Drawn,
}

/// A finding as the tables of a report list it.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static crate::rule::RuleMeta,
    pub severity: crate::diagnostic::Severity,
    /// The line it starts on.
    pub line: usize,
    pub message: crate::messages::Message,
}

impl Finding {
    pub fn of(document: &Document, diagnostic: &Diagnostic) -> Self {
        Finding {
            rule: diagnostic.rule,
            severity: diagnostic.severity,
            line: document.position(diagnostic.span.start).line,
            message: diagnostic.message.clone(),
        }
    }
}

/// A file's findings as the report's format shows them, made while its text is at hand.
#[derive(Debug, Default)]
pub enum Drawn {
    /// The format counts them only.
    #[default]
    None,
    /// In a table, a row each.
    Listed(Vec<Finding>),
    /// With their source lines, for a terminal.
    Text(String),
    /// One JSON item each, at their depth in the report.
    Json(Vec<Box<serde_json::value::RawValue>>),
}

/// How the audit reads and reports its plans. Each plan is read twice: once to learn whose it
/// is, and once, with the organisation's other plans, to check it, audit it and draw its part of
/// the report, so that a run holds one organisation's plans at a time, not every plan.
pub trait Plans: Sync {
    /// How many files there are.
    fn count(&self) -> usize;
    /// Reads file `index` afresh.
    fn read(&self, index: usize) -> Result<Document, ToolError>;
    /// The plan rules' findings on file `index`, at default severities.
    fn check(&self, index: usize, document: &Document) -> Vec<Diagnostic>;
    /// File `index`'s findings as the report keeps them, from its sorted findings (plan and
    /// audit rules): the policy applied, the findings drawn.
    fn report(
        &self,
        index: usize,
        document: Document,
        diagnostics: Vec<Diagnostic>,
    ) -> Result<Findings, ToolError>;
    /// Called once a file is checked.
    fn checked(&self) {}
}

/// What the first reading keeps of a plan.
struct Sighting {
    name: String,
    header: PlanHeader,
    published: Option<YearMonth>,
    /// The organisation and first year, when the plan takes part in the audit.
    group: Option<(String, u32)>,
}

impl Sighting {
    /// What `document` says of itself; `plan` is its typed model, when it has one.
    fn of(document: &Document, plan: Option<&Plan>) -> Self {
        Sighting {
            name: document.name.clone(),
            header: PlanHeader::of(document),
            published: document
                .value_at("/published")
                .and_then(|value| value.as_str().and_then(YearMonth::parse_lenient)),
            group: plan.and_then(group_of),
        }
    }

    /// The plan's part of the report, with its `findings`.
    fn with(self, findings: Findings) -> AuditFile {
        AuditFile {
            name: self.name,
            header: self.header,
            published: self.published,
            findings,
        }
    }
}

/// Audits `plans`: the files that could be read, each with its part of the report, and the
/// analysis across them; errors name the files that could not be read (they are left out) or
/// that changed between the two readings (they are listed without findings).
pub fn audit(plans: &impl Plans) -> (AuditReport, Vec<ToolError>) {
    let sightings: Vec<Result<Sighting, ToolError>> = (0..plans.count())
        .into_par_iter()
        .map(|index| {
            let document = plans.read(index)?;
            Ok(Sighting::of(
                &document,
                Plan::from_document(&document).as_ref(),
            ))
        })
        .collect();
    let mut errors = Vec::new();
    // Files are numbered among those read; `inputs` gives each one's index in `plans`.
    let mut inputs = Vec::with_capacity(sightings.len());
    let mut seen = Vec::with_capacity(sightings.len());
    for (index, sighting) in sightings.into_iter().enumerate() {
        match sighting {
            Ok(sighting) => {
                inputs.push(index);
                seen.push(sighting);
            }
            Err(error) => errors.push(error),
        }
    }
    let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut lone = Vec::new();
    for (file, sighting) in seen.iter().enumerate() {
        match &sighting.group {
            Some((key, _)) => groups.entry(key).or_default().push(file),
            None => lone.push(vec![file]),
        }
    }
    let all_years: BTreeSet<u32> = seen
        .iter()
        .filter_map(|s| s.group.as_ref().map(|(_, year)| *year))
        .collect();
    let units: Vec<Vec<usize>> = groups.into_values().chain(lone).collect();
    let parts: Vec<Unit> = units
        .par_iter()
        .map(|files| audit_unit(plans, files, &inputs, &seen, &all_years))
        .collect();

    let mut analysis = Analysis::default();
    let mut done: Vec<Option<AuditFile>> = seen.iter().map(|_| None).collect();
    for part in parts {
        analysis.append(part.analysis);
        errors.extend(part.errors);
        for (file, report) in part.files {
            done[file] = Some(report);
        }
    }
    analysis.finish();
    let files = done
        .into_iter()
        .zip(seen)
        .map(|(report, sighting)| report.unwrap_or_else(|| sighting.with(Findings::default())))
        .collect();
    (AuditReport { files, analysis }, errors)
}

/// One organisation's plans (or a plan that takes no part), audited together.
struct Unit {
    analysis: Analysis,
    files: Vec<(usize, AuditFile)>,
    errors: Vec<ToolError>,
}

fn audit_unit(
    plans: &impl Plans,
    files: &[usize],
    inputs: &[usize],
    seen: &[Sighting],
    all_years: &BTreeSet<u32>,
) -> Unit {
    let mut errors = Vec::new();
    let mut documents = Vec::with_capacity(files.len());
    for &file in files {
        match plans.read(inputs[file]) {
            Ok(document) => documents.push((file, document)),
            Err(error) => errors.push(error),
        }
    }
    let typed: Vec<Option<Plan>> = documents
        .iter()
        .map(|(_, document)| Plan::from_document(document))
        .collect();
    let sightings: Vec<Sighting> = documents
        .iter()
        .zip(&typed)
        .map(|((_, document), plan)| Sighting::of(document, plan.as_ref()))
        .collect();
    // A plan that names another organisation or period than at its first reading (it was
    // edited meanwhile) would be audited in the wrong group: it is left out, listed as first
    // read.
    let unchanged: Vec<bool> = documents
        .iter()
        .zip(&sightings)
        .map(|((file, _), sighting)| sighting.group == seen[*file].group)
        .collect();
    for ((_, document), _) in documents.iter().zip(&unchanged).filter(|(_, kept)| !**kept) {
        errors.push(
            ToolError::of(
                crate::messages::Message::new("error.audit-changed").arg("file", &document.name),
            )
            .in_file(&document.name)
            .with_kind(crate::ErrorKind::Read),
        );
    }
    let mut analysis = Analysis::default();
    let entries = entries(
        documents
            .iter()
            .zip(&typed)
            .zip(&unchanged)
            .filter(|(_, kept)| **kept)
            .map(|(((file, document), plan), _)| (*file, document, plan.as_ref())),
    );
    for (key, entries) in &entries {
        analyse_organisation(key, entries, all_years, &mut analysis);
    }
    drop(entries);
    drop(typed);
    let mut audit_findings: BTreeMap<usize, Vec<Diagnostic>> = BTreeMap::new();
    for (file, diagnostic) in std::mem::take(&mut analysis.findings) {
        audit_findings.entry(file).or_default().push(diagnostic);
    }
    let mut reports = Vec::with_capacity(documents.len());
    for (((file, document), sighting), kept) in documents.into_iter().zip(sightings).zip(unchanged)
    {
        if !kept {
            continue;
        }
        let mut diagnostics = plans.check(inputs[file], &document);
        diagnostics.extend(audit_findings.remove(&file).unwrap_or_default());
        crate::diagnostic::sort(&mut diagnostics);
        plans.checked();
        match plans.report(inputs[file], document, diagnostics) {
            Ok(findings) => reports.push((file, sighting.with(findings))),
            Err(error) => errors.push(error),
        }
    }
    Unit {
        analysis,
        files: reports,
        errors,
    }
}

/// The organisation and first year of a plan that takes part in the audit: one with a typed
/// model and a three-year period.
fn group_of(plan: &Plan) -> Option<(String, u32)> {
    let period = Period::parse(plan.period.unwrap_or_default()).filter(|p| p.is_three_years())?;
    Some((organisation_key(plan), period.first))
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
    let groups = entries(
        inputs
            .iter()
            .enumerate()
            .map(|(file, (document, plan))| (file, *document, *plan)),
    );
    let all_years: BTreeSet<u32> = groups
        .values()
        .flatten()
        .map(|entry| entry.first_year)
        .collect();
    let mut analysis = Analysis::default();
    for (key, entries) in &groups {
        analyse_organisation(key, entries, &all_years, &mut analysis);
    }
    analysis.finish();
    analysis
}

/// The plans that take part in the audit, by organisation.
fn entries<'a>(
    inputs: impl Iterator<Item = (usize, &'a Document, Option<&'a Plan<'a>>)>,
) -> BTreeMap<String, Vec<Entry<'a>>> {
    let mut groups: BTreeMap<String, Vec<Entry<'a>>> = BTreeMap::new();
    for (file, document, plan) in inputs {
        let Some(plan) = plan else { continue };
        let Some((key, first_year)) = group_of(plan) else {
            continue;
        };
        groups.entry(key).or_default().push(Entry {
            file,
            document,
            plan,
            first_year,
        });
    }
    groups
}

/// Runs the audit rules over one organisation's plans; `all_years` are the first years of every
/// plan in the audit.
fn analyse_organisation(
    key: &str,
    entries: &[Entry<'_>],
    all_years: &BTreeSet<u32>,
    analysis: &mut Analysis,
) {
    let organisation = analysis.organisations.len();
    // One plan per period and language: the first found; the others are set aside.
    let mut slots: BTreeMap<(u32, Language), &Entry<'_>> = BTreeMap::new();
    let mut duplicates = Vec::new();
    for entry in entries {
        match slots.entry((entry.first_year, entry.plan.language)) {
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(entry);
            }
            std::collections::btree_map::Entry::Occupied(first) => {
                analysis
                    .findings
                    .push(coverage::duplicate(first.get(), entry));
                duplicates.push(entry.file);
            }
        }
    }
    let years: BTreeSet<u32> = slots.keys().map(|(year, _)| *year).collect();
    let first = years.first().copied().unwrap_or_default();
    let in_language = |year: u32| {
        PRIMARY_LANGUAGES
            .into_iter()
            .find_map(|language| slots.get(&(year, language)).copied())
    };
    let missing_years: Vec<u32> = all_years
        .iter()
        .copied()
        .filter(|y| *y > first && !years.contains(y))
        .collect();
    for &missing_year in &missing_years {
        // On the organisation's last plan before the gap, in the followed language.
        if let Some(last) = years
            .range(..missing_year)
            .next_back()
            .and_then(|year| in_language(*year))
        {
            analysis
                .findings
                .push(coverage::missing(last, missing_year));
        }
    }
    let names = names_of(entries);
    analysis.organisations.push(Organisation {
        key: key.to_string(),
        id: entries
            .iter()
            .find_map(|e| e.plan.organisation_id.map(str::to_string))
            .filter(|id| !id.trim().is_empty()),
        name: names.first().map(|(_, n)| n.clone()).unwrap_or_default(),
        names,
        periods: years.iter().map(|y| period_text(*y)).collect(),
        missing_periods: missing_years.iter().map(|y| period_text(*y)).collect(),
        plans: slots.values().map(|e| e.file).collect(),
        duplicates,
    });

    for &year in &years {
        if let Some(language) = PRIMARY_LANGUAGES.into_iter().find(|language| {
            slots.contains_key(&(year, *language)) && slots.contains_key(&(year + 1, *language))
        }) {
            promises::follow(
                organisation,
                slots[&(year, language)],
                slots[&(year + 1, language)],
                analysis,
            );
        }
        if let (Some(zh), Some(en)) = (
            slots.get(&(year, Language::ZhHant)),
            slots.get(&(year, Language::En)),
        ) {
            languages::compare_languages(organisation, zh, en, analysis);
        }
    }
    if let Some(latest) = years.last().and_then(|year| in_language(*year)) {
        for table in latest.plan.tables() {
            if table.section == SectionKey::C {
                continue;
            }
            for row in table.rows() {
                if row.dataset_name().is_some() && row.organisation.is_none() {
                    let id = row.category.and_then(categories::id_of);
                    *analysis.category_counts.entry(id).or_default() += 1;
                }
            }
        }
    }
}

/// The language whose plans are followed across years, in order of preference: one chain per
/// organisation, so a broken promise is reported once, not once per language (A004 keeps the
/// other language in step).
const PRIMARY_LANGUAGES: [Language; 3] = [Language::ZhHant, Language::En, Language::ZhHans];

fn organisation_key(plan: &Plan) -> String {
    plan.organisation_id
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

/// A row's date: its own, or its last part's.
fn row_date<'r>(row: &'r Row<'_>) -> Option<&'r str> {
    row.release_date.or_else(|| {
        row.parts
            .iter()
            .flatten()
            .filter_map(|part| part.release_date)
            .next_back()
    })
}

/// A date as reports show it: `MM/YYYY` when readable, else as written.
fn date_text(text: &str) -> String {
    YearMonth::parse_lenient(text).map_or_else(|| text.trim().to_string(), |d| d.to_string())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    const BASE: &str = include_str!("../../tests/fixtures/base.yaml");

    /// Plans in memory; with `shift`, file 0 names another organisation from its second
    /// reading on; with `vanish`, it cannot be read from its second reading on.
    struct Shifting {
        texts: Vec<String>,
        shift: bool,
        vanish: bool,
        reads_of_first: AtomicUsize,
    }

    impl Plans for Shifting {
        fn count(&self) -> usize {
            self.texts.len()
        }

        fn read(&self, index: usize) -> Result<Document, ToolError> {
            let mut text = self.texts[index].clone();
            if index == 0 && self.reads_of_first.fetch_add(1, Ordering::SeqCst) > 0 {
                if self.vanish {
                    return Err(ToolError::new("gone").in_file("plan-0.yaml"));
                }
                if self.shift {
                    text = text.replace("organisation: 香港警務處", "organisation: 另一機構");
                }
            }
            Ok(Document::parse(format!("plan-{index}.yaml"), &text))
        }

        fn check(&self, _: usize, _: &Document) -> Vec<Diagnostic> {
            Vec::new()
        }

        fn report(
            &self,
            _: usize,
            document: Document,
            diagnostics: Vec<Diagnostic>,
        ) -> Result<Findings, ToolError> {
            let options = report::AuditOptions {
                human: crate::report::HumanOptions {
                    color: false,
                    width: 80,
                },
                generated: (2026, 1, 1),
            };
            report::findings(
                report::AuditFormat::Csv,
                document,
                diagnostics,
                crate::diagnostic::Severity::Error,
                crate::messages::Lang::En,
                &options,
            )
            .map_err(|error| ToolError::new(error.to_string()))
        }
    }

    impl Shifting {
        /// The base plan and the same a year on, of one organisation.
        fn two_years(shift: bool, vanish: bool) -> Self {
            Shifting {
                texts: vec![
                    BASE.to_string(),
                    BASE.replace("period: 2024-2026", "period: 2025-2027"),
                ],
                shift,
                vanish,
                reads_of_first: AtomicUsize::new(0),
            }
        }
    }

    #[test]
    fn each_organisation_is_audited_with_its_own_plans_read_again() {
        let plans = Shifting::two_years(false, false);
        let (report, errors) = audit(&plans);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(report.files.len(), 2);
        assert_eq!(report.analysis.organisations.len(), 1);
        assert_eq!(report.analysis.organisations[0].plans, vec![0, 1]);
        // Each plan was read twice: once to group it, once to audit it.
        assert_eq!(plans.reads_of_first.load(Ordering::SeqCst), 2);
        assert_eq!(
            report.analysis.organisations[0].periods,
            vec!["2024-2026".to_string(), "2025-2027".to_string()]
        );
    }

    /// The audit of `plans`, which must end with one error, on the first plan.
    fn audit_failing_on_the_first(plans: &Shifting) -> (AuditReport, ToolError) {
        let (report, mut errors) = audit(plans);
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].file.as_deref(), Some("plan-0.yaml"));
        (report, errors.remove(0))
    }

    #[test]
    fn a_plan_that_changes_organisation_between_readings_is_an_error_not_a_wrong_group() {
        let (report, error) = audit_failing_on_the_first(&Shifting::two_years(true, false));
        assert_eq!(error.message.id, "error.audit-changed");
        // Listed as first read, without findings; its organisation has only the other plan.
        assert_eq!(
            report.files[0].header.organisation.as_deref(),
            Some("香港警務處")
        );
        assert_eq!(report.files[0].findings.counts, (0, 0, 0));
        assert_eq!(report.analysis.organisations[0].plans, vec![1]);
    }

    #[test]
    fn a_plan_gone_at_its_second_reading_is_an_error_and_listed_without_findings() {
        let (report, _) = audit_failing_on_the_first(&Shifting::two_years(false, true));
        assert_eq!(report.files.len(), 2);
        assert_eq!(report.files[0].name, "plan-0.yaml");
        assert_eq!(report.files[0].findings.counts, (0, 0, 0));
        assert_eq!(report.analysis.organisations[0].plans, vec![1]);
    }
}
