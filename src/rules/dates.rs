//! D001-D004: every date is `MM/YYYY` and falls where the template says: targets inside the year
//! window of their section, releases no later than the plan's publication.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::{Period, Plan, SectionKey, TextCell, YearMonth};
use crate::rule::declare_rule;
use crate::rules::context::{Context, Memo};

declare_rule! {
    /// ## What it checks
    /// A date (a release date, a part's release date, or `published`) is not exactly `MM/YYYY`:
    /// a month without its leading zero (`2/2015`), year first (`2015/02`), another separator
    /// (`02-2015`), a month that does not exist (`13/2024`) or full-width digits (`０２/２０１５`).
    ///
    /// ## Why it matters
    /// The template asks for 月/年 in two-digit months; the portal and the yearly audit compare
    /// dates as text and by month, and a date that cannot be read is a promise nobody can track.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 其他懸紅公告
    ///           description: 以XML格式列出未能識別疑犯的刑事案件懸紅公告詳情
    ///           release_date: 2/2015
    ///           frequency: 每年及有需要時
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 其他懸紅公告
    ///           description: 以XML格式列出未能識別疑犯的刑事案件懸紅公告詳情
    ///           release_date: 02/2015
    ///           frequency: 每年及有需要時
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the meaning is certain: a missing leading zero (`2/2015` becomes `02/2015`) and
    /// full-width digits or slash become ASCII; the month and year stay the same, only their
    /// spelling changes. Other spellings (`2015/02`, `02-2015`) could be read more than one way and
    /// get no fix.
    pub static DATE_FORMAT = {
        code: "D001",
        name: "date-format",
        severity: Error,
        fix: Sometimes(Safe),
    };
}

declare_rule! {
    /// ## What it checks
    /// A target date is outside its section's window: in section A it must fall in the period's
    /// first year, in section B in the second or third year, and in section C within the period.
    ///
    /// ## Why it matters
    /// A target that had already passed when the plan was published is left to
    /// `target-already-past`.
    ///
    /// Section A is the promise for the coming year and B for the two after; a date in the wrong
    /// section misstates what the department has committed to, and the yearly audit counts it
    /// against the wrong year.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 交通意外統計
    ///           description: 以CSV格式列出每月交通意外數字
    ///           release_date: 06/2025
    ///           frequency: 每月
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 交通意外統計
    ///           description: 以CSV格式列出每月交通意外數字
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: either the date or the section is wrong.
    pub static TARGET_OUTSIDE_WINDOW = {
        code: "D002",
        name: "target-outside-window",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A release date in section D (datasets already released) is later than the plan's
    /// `published` date.
    ///
    /// ## Why it matters
    /// Section D reports what had been released when the plan was issued; a later date is either
    /// a typing error or a planned release that belongs in section A or B.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 失蹤人士
    ///           description: 以XML格式列出失蹤人士的資料
    ///           release_date: 03/2024
    ///           frequency: 有需要時
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 失蹤人士
    ///           description: 以XML格式列出失蹤人士的資料
    ///           release_date: 10/2016
    ///           frequency: 有需要時
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static RELEASE_AFTER_PUBLICATION = {
        code: "D003",
        name: "release-after-publication",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A target date in section A, B or C is earlier than the plan's `published` date, so the
    /// target had already passed when the plan was issued. Such a date is reported by this rule
    /// alone, not also as `target-outside-window`.
    ///
    /// ## Why it matters
    /// A plan promises future releases; a past target is a dataset that was either released
    /// (and belongs in section D) or missed (and needs a new target).
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 行車速度
    ///           description: 以CSV格式列出主要道路的行車速度
    ///           release_date: 06/2023
    ///           frequency: 每日
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 行車速度
    ///           description: 以CSV格式列出主要道路的行車速度
    ///           release_date: 06/2024
    ///           frequency: 每日
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static TARGET_ALREADY_PAST = {
        code: "D004",
        name: "target-already-past",
        severity: Warning,
        fix: Never,
    };
}

/// The plan's own date: the cells' dates are [`DateCells`]'.
pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    if let Some(published) = context.plan.published {
        check_format(context, || "/published".to_string(), published, out);
    }
}

/// The date check of one cell at a time: its format, then its place in time. A plan repeats its
/// dates row after row: each is read once, strictly and leniently.
pub(super) struct DateCells<'a> {
    dates: Memo<'a, (bool, Option<YearMonth>)>,
    /// The plan's period, when it is three years.
    period: Option<Period>,
    /// When the plan was published, as written and as read.
    published_text: &'a str,
    published: Option<YearMonth>,
}

impl<'a> DateCells<'a> {
    pub(super) fn new(plan: &'a Plan<'a>) -> Self {
        DateCells {
            dates: Memo::default(),
            period: plan
                .period
                .and_then(|period| Period::parse(period.trim()))
                .filter(|p| p.is_three_years()),
            published_text: plan.published.unwrap_or_default(),
            published: plan.published.and_then(YearMonth::parse_lenient),
        }
    }

    /// Checks a date cell.
    pub(super) fn check(
        &mut self,
        context: &Context<'_>,
        cell: &TextCell<'a>,
        out: &mut Vec<Diagnostic>,
    ) {
        let (period, published, published_text) =
            (self.period, self.published, self.published_text);
        let (strict, date) = self.dates.get(cell.value, |value: &str| {
            (
                YearMonth::parse_strict(value.trim()).is_some(),
                YearMonth::parse_lenient(value),
            )
        });
        if !strict {
            check_format(context, || cell.pointer(), cell.value, out);
        }
        let Some(section) = cell.place.section() else {
            return;
        };
        let Some(date) = date else {
            return;
        };
        let already_past = published.is_some_and(|p| date < p);
        if let Some(period) = period
            && section.has_targets()
            && !already_past
        {
            let (from, to) = match section {
                SectionKey::A => (period.first, period.first),
                SectionKey::B => (period.first + 1, period.last),
                _ => (period.first, period.last),
            };
            if !(from..=to).contains(&date.year()) {
                let window = if from == to {
                    from.to_string()
                } else {
                    format!("{from}-{to}")
                };
                out.push(
                    context
                        .diagnostic(
                            &TARGET_OUTSIDE_WINDOW,
                            &cell.pointer(),
                            Message::new("D002.message")
                                .arg("value", cell.value)
                                .arg("section", section.as_str())
                                .arg("window", &window),
                        )
                        .with_label(Message::new("D002.label").arg("window", &window))
                        .with_help(Message::new("D002.help").arg("section", section.as_str())),
                );
            }
        }
        let Some(published) = published else {
            return;
        };
        if section == SectionKey::D && date > published {
            out.push(
                context
                    .diagnostic(
                        &RELEASE_AFTER_PUBLICATION,
                        &cell.pointer(),
                        Message::new("D003.message")
                            .arg("value", cell.value)
                            .arg("published", published_text),
                    )
                    .with_label(Message::new("D003.label").arg("published", published_text))
                    .with_help(Message::new("D003.help")),
            );
        } else if section.has_targets() && already_past {
            out.push(
                context
                    .diagnostic(
                        &TARGET_ALREADY_PAST,
                        &cell.pointer(),
                        Message::new("D004.message")
                            .arg("value", cell.value)
                            .arg("published", published_text),
                    )
                    .with_label(Message::new("D004.label"))
                    .with_help(Message::new("D004.help")),
            );
        }
    }
}

fn check_format(
    context: &Context<'_>,
    pointer: impl FnOnce() -> String,
    value: &str,
    out: &mut Vec<Diagnostic>,
) {
    if YearMonth::parse_strict(value.trim()).is_some() {
        return;
    }
    let pointer = pointer();
    let pointer = pointer.as_str();
    let certain = YearMonth::parse_lenient(value).map(|date| date.to_string());
    let mut diagnostic = context
        .diagnostic(
            &DATE_FORMAT,
            pointer,
            Message::new("D001.message").arg("value", value),
        )
        .with_label(Message::new("D001.label"));
    diagnostic = match &certain {
        Some(canonical) => {
            diagnostic.with_help(Message::new("D001.help-certain").arg("suggestion", canonical))
        }
        None => diagnostic.with_help(Message::new("D001.help")),
    };
    let fix = certain.and_then(|canonical| {
        context.replace_cell(
            pointer,
            value,
            &canonical,
            Applicability::Safe,
            Message::new("D001.fix").arg("suggestion", &canonical),
        )
    });
    out.push(diagnostic.with_fix(fix));
}
