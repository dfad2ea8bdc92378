//! Dates and messages as the report writes them.

use std::fmt::Write as _;

use super::escape;
use crate::messages::Lang;
use crate::model::YearMonth;
use crate::vocab::ENGLISH_MONTHS;

/// A day as the report's language writes it: `2 December 2026`, `2026年12月2日`.
pub(super) fn day_text(year: i64, month: u32, day: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{day} {} {year}",
            ENGLISH_MONTHS[(month.clamp(1, 12) - 1) as usize]
        ),
        Lang::ZhHant | Lang::ZhHans => format!("{year}年{month}月{day}日"),
    }
}

/// A month as the report's language writes it: `December 2024`, `2024年12月`.
pub(super) fn month_text(date: YearMonth, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{} {}",
            ENGLISH_MONTHS[(date.month() - 1) as usize],
            date.year()
        ),
        Lang::ZhHant | Lang::ZhHans => format!("{}年{}月", date.year(), date.month()),
    }
}

/// Escapes a message and marks its Markdown code spans (`` `value` ``) up as `<code>`; a lone
/// backtick stays as written.
pub(super) fn with_code_spans(message: &str) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    // Backticks with a partner; the last one of an odd count stays as text.
    let paired = (parts.len() - 1) / 2 * 2;
    let mut out = escape(parts[0]);
    for (index, part) in parts.iter().enumerate().skip(1) {
        if index > paired {
            out.push('`');
            out.push_str(&escape(part));
        } else if index % 2 == 1 {
            let _ = write!(out, "<code>{}</code>", escape(part));
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_become_code_elements_and_stay_escaped() {
        assert_eq!(
            with_code_spans("數據集 `空氣質素監測站位置` 承諾於 12/2023"),
            "數據集 <code>空氣質素監測站位置</code> 承諾於 12/2023"
        );
        assert_eq!(
            with_code_spans("`<b>` and `a&b`"),
            "<code>&lt;b&gt;</code> and <code>a&amp;b</code>"
        );
        // An odd backtick has no partner: it stays as text.
        assert_eq!(with_code_spans("a ` b"), "a ` b");
        assert_eq!(with_code_spans("`x` y ` z"), "<code>x</code> y ` z");
        assert_eq!(with_code_spans("plain"), "plain");
    }

    #[test]
    fn dates_are_written_in_the_report_language() {
        assert_eq!(day_text(2026, 12, 2, Lang::En), "2 December 2026");
        assert_eq!(day_text(2026, 12, 2, Lang::ZhHant), "2026年12月2日");
        let date = YearMonth::new(2024, 3).unwrap();
        assert_eq!(month_text(date, Lang::En), "March 2024");
        assert_eq!(month_text(date, Lang::ZhHans), "2024年3月");
    }
}
