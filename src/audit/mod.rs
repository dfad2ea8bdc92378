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

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::model::{Language, Period, Plan, Row, SectionKey, YearMonth};
use crate::report::FileReport;
use crate::rules::placeholder::is_placeholder;
use crate::vocab::categories;

pub use analysis::*;
pub use coverage::{DUPLICATE_PLAN, PLAN_MISSING};
pub use languages::LANGUAGE_VERSIONS_DIFFER;
pub use names::{fuzzy_distance, normalise_name};
pub use promises::{PROMISE_UNACCOUNTED, RELEASED_LATE, TARGET_SLIPPED};

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
        crate::diagnostic::sort(&mut diagnostics);
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
            key: key.clone(),
            id: entries
                .iter()
                .find_map(|e| e.plan.organisation_id.as_deref().map(str::to_string))
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
                    &mut analysis,
                );
            }
            if let (Some(zh), Some(en)) = (
                slots.get(&(year, Language::ZhHant)),
                slots.get(&(year, Language::En)),
            ) {
                languages::compare_languages(organisation, zh, en, &mut analysis);
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
