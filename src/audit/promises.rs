//! A001-A003: every dataset promised in section A of an organisation's plan, followed into its
//! next plan (released, released late, planned again, or unaccounted for).

use super::names::{match_names, normalise_name};
use super::{Analysis, DatasetStatus, Entry, Status, date_text, period_text, row_date};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::model::{Plan, Row, SectionKey, YearMonth};
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A dataset listed in section A of an organisation's plan (to be released in the plan's
    /// first year) appears in the organisation's next plan (the period starting one year later,
    /// in the same language) neither in section D (released) nor again in section A or B
    /// (planned with a new target). Names are compared with case, full-width forms, white space
    /// and punctuation folded; where only a similar name is found (an edit distance of at most a
    /// fifth of the length, or one name containing the other) the match counts but is reported
    /// as fuzzy, with both names.
    ///
    /// ## Why it matters
    /// Section A is the department's public promise for the year. The central office must answer
    /// each year whether every promise was kept; a dataset that silently disappears from the next
    /// plan is a broken promise nobody can follow up.
    ///
    /// ## Example that fails
    /// The plan for 2024-2026 promises a dataset for 2024:
    ///
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// and the plan for 2025-2027 lists it neither in D nor in A or B:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 交通燈位置
    ///           description: 以CSV格式列出交通燈位置
    ///           release_date: 03/2024
    ///           frequency: 有需要時
    /// ```
    ///
    /// ## Example that passes
    /// The plan for 2025-2027 lists the dataset in D with its release date:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 05/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only the department knows whether the dataset was released (list it in D with its
    /// release date), postponed (list it in A or B with a new target) or dropped (say so in the
    /// plan's notes).
    pub static PROMISE_UNACCOUNTED = {
        code: "A001",
        name: "promise-unaccounted",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A dataset promised in section A of an organisation's plan is listed in section D of its
    /// next plan with a release date (MM/YYYY) later than the promised target. A release in the
    /// target month or before it is on time.
    ///
    /// ## Why it matters
    /// A late release is a promise kept late: the central office reports how many datasets were
    /// released on time, and a department that is often late should plan more realistic targets.
    ///
    /// ## Example that fails
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 09/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the dates are facts; if the release date is wrong, correct it in section D.
    pub static RELEASED_LATE = {
        code: "A002",
        name: "released-late",
        severity: Warning,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A dataset promised in section A of an organisation's plan was not released but appears
    /// again in section A or B of its next plan, with a new target date (usually later).
    ///
    /// ## Why it matters
    /// A slipped target is accounted for, but it is still a promise not kept in its year; the
    /// central office reports slips separately from releases, and repeated slips deserve a
    /// question.
    ///
    /// ## Example that fails
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 03/2025
    ///           frequency: 每月
    /// ```
    ///
    /// ## Example that passes
    /// The dataset was released by its target and is listed in D of the next plan:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the new target is the department's decision.
    pub static TARGET_SLIPPED = {
        code: "A003",
        name: "target-slipped",
        severity: Warning,
        fix: Never,
    };
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
            .is_none_or(|o| o.trim().is_empty() || o.trim() == plan.organisation.trim())
    };
    let mut rows = Vec::new();
    for &section in sections {
        for table in plan.tables().filter(|t| t.section == section) {
            for (index, row) in table.rows().iter().enumerate() {
                if let Some(name) = row.dataset_name().filter(|_| own(row)) {
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

fn folded<'r>(rows: &'r [Located<'_>]) -> Vec<&'r str> {
    rows.iter().map(|row| row.folded.as_str()).collect()
}

/// A001-A003: follows each dataset of section A of `earlier` into `later`.
pub(super) fn follow(
    organisation: usize,
    earlier: &Entry<'_>,
    later: &Entry<'_>,
    analysis: &mut Analysis,
) {
    let promises = dataset_rows(earlier.plan, &[SectionKey::A]);
    let candidates = dataset_rows(later.plan, &[SectionKey::D, SectionKey::A, SectionKey::B]);
    let matched = match_names(&folded(&promises), &folded(&candidates));
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
            category: promise.row.category.map(str::to_string),
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
                        &PROMISE_UNACCOUNTED,
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
                            &RELEASED_LATE,
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
                        &TARGET_SLIPPED,
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
