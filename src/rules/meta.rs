//! M001-M003: the plan's own header — its period, publication date and titles — agrees with itself.

use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::model::{Period, SectionKey, YearMonth};
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// `period` is not `YYYY-YYYY` with the last year two after the first, as a three-year plan
    /// requires (`2024-2026`).
    ///
    /// ## Why it matters
    /// Every date window of the plan (sections A, B and C) is worked out from the period; a wrong
    /// period makes every date check wrong.
    ///
    /// ## Example that fails
    /// ```yaml
    /// period: 2024-2025
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// period: 2024-2026
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the first year or the last may be the wrong one.
    pub static INVALID_PERIOD = {
        code: "M001",
        name: "invalid-period",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// `published` is not before the period's first year: a plan for 2024-2026 is issued in 2023,
    /// usually in December.
    ///
    /// ## Why it matters
    /// A plan published inside its own period cannot promise its first year in advance; usually the
    /// date or the period has a typing error.
    ///
    /// ## Example that fails
    /// ```yaml
    /// published: 01/2024
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// published: 12/2023
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static PUBLISHED_LATE = {
        code: "M002",
        name: "published-late",
        severity: Warning,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A year written in the plan's title, or in a section title, disagrees with `period`: every
    /// year in the plan title must be the period's first or last year, section A's title must
    /// name the first year, and section B's the second and third.
    ///
    /// ## Why it matters
    /// Titles are copied from last year's plan and easily left behind; readers trust the title.
    ///
    /// ## Example that fails
    /// ```yaml
    /// title: 2023-2025年度整合開放數據計劃（包含空間數據計劃）
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// title: 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static TITLE_PERIOD_MISMATCH = {
        code: "M003",
        name: "title-period-mismatch",
        severity: Warning,
        fix: Never,
    };
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let plan = context.plan;
    // A period that is missing or not text is the schema's finding alone.
    let Some(period_text) = plan.period else {
        return;
    };
    let Some(period) = Period::parse(period_text.trim()).filter(|p| p.is_three_years()) else {
        let suggestion = Period::parse(period_text.trim())
            .map(|p| format!("{}-{}", p.first, p.first + 2))
            .unwrap_or_else(|| "2024-2026".to_string());
        out.push(
            context
                .diagnostic(
                    &INVALID_PERIOD,
                    "/period",
                    Message::new("M001.message").arg("value", period_text),
                )
                .with_label(Message::new("M001.label"))
                .with_help(Message::new("M001.help").arg("suggestion", suggestion)),
        );
        return;
    };

    if let Some(published_text) = plan.published
        && let Some(published) = YearMonth::parse_lenient(published_text)
        && published.year() >= period.first
    {
        out.push(
            context
                .diagnostic(
                    &PUBLISHED_LATE,
                    "/published",
                    Message::new("M002.message")
                        .arg("value", published_text)
                        .arg("first", period.first),
                )
                .with_label(Message::new("M002.label").arg("before", period.first))
                .with_help(Message::new("M002.help").arg("previous", period.first - 1)),
        );
    }

    let mut titles = vec![("/title".to_string(), plan.title, None)];
    for key in [SectionKey::A, SectionKey::B] {
        if let Some(title) = plan.section(key).and_then(|s| s.title) {
            titles.push((
                format!("/sections/{}/title", key.as_str()),
                title,
                Some(key),
            ));
        }
    }
    for (pointer, title, section) in titles {
        let allowed: Vec<u32> = match section {
            None => vec![period.first, period.last],
            Some(SectionKey::A) => vec![period.first],
            Some(_) => vec![period.first + 1, period.last],
        };
        if let Some(year) = years_in(title).into_iter().find(|y| !allowed.contains(y)) {
            let expected = allowed
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let message = match section {
                None => Message::new("M003.plan-title"),
                Some(key) => Message::new("M003.section-title").arg("section", key.as_str()),
            };
            out.push(
                context
                    .diagnostic(
                        &TITLE_PERIOD_MISMATCH,
                        &pointer,
                        message.arg("year", year).arg("period", period_text),
                    )
                    .with_label(Message::new("M003.label").arg("expected", &expected))
                    .with_help(Message::new("M003.help").arg("expected", expected)),
            );
        }
    }
}

/// The four-digit years (1900-2199) written in a text, in ASCII or full-width digits.
fn years_in(text: &str) -> Vec<u32> {
    let digits: Vec<Option<u32>> = text
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c as u32 - '0' as u32),
            '０'..='９' => Some(c as u32 - '０' as u32),
            _ => None,
        })
        .collect();
    let mut years = Vec::new();
    let mut i = 0;
    while i < digits.len() {
        let run = digits[i..].iter().take_while(|d| d.is_some()).count();
        if run == 4 {
            let year = digits[i..i + 4]
                .iter()
                .fold(0, |acc, d| acc * 10 + d.unwrap_or(0));
            if (1900..2200).contains(&year) {
                years.push(year);
            }
        }
        i += run.max(1);
    }
    years
}

#[cfg(test)]
mod tests {
    use super::years_in;

    #[test]
    fn years_are_whole_four_digit_runs() {
        assert_eq!(years_in("2024-2026年度整合開放數據計劃"), vec![2024, 2026]);
        assert_eq!(years_in("在 ２０２４ 年發放"), vec![2024]);
        assert_eq!(years_in("12345 and 0999"), Vec::<u32>::new());
    }
}
