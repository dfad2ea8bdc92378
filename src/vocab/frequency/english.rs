//! English: the spellings read (any case), and the canonical sentence-case rendering.

use super::meaning::{Basic, Frequency, Joiner, Literal, Piece, Term, TimeOfDay, Unit};
use super::parse::{
    DayPeriod, Grammar, ascii_number, longest, longest_spelling, parse_list, strip_any,
    strip_any_word, strip_word, to_24_hour,
};
use crate::vocab::ENGLISH_MONTHS as EN_MONTHS;

pub(super) struct English;

/// Lower case: English variants differ from the canonical spelling in case too.
pub(super) const EN_LITERALS: &[(&str, Literal)] = &[
    ("daily", Literal::Basic(Basic::Daily)),
    ("everyday", Literal::Basic(Basic::Daily)),
    ("every day", Literal::Basic(Basic::Daily)),
    ("each day", Literal::Basic(Basic::Daily)),
    ("once a day", Literal::Basic(Basic::Daily)),
    ("once daily", Literal::Basic(Basic::Daily)),
    ("on a daily basis", Literal::Basic(Basic::Daily)),
    ("on daily basis", Literal::Basic(Basic::Daily)),
    ("twice daily", Literal::Basic(Basic::TwiceDaily)),
    ("twice a day", Literal::Basic(Basic::TwiceDaily)),
    ("twice per day", Literal::Basic(Basic::TwiceDaily)),
    ("weekly", Literal::Basic(Basic::Weekly)),
    ("each week", Literal::Basic(Basic::Weekly)),
    ("once a week", Literal::Basic(Basic::Weekly)),
    ("once per week", Literal::Basic(Basic::Weekly)),
    ("on a weekly basis", Literal::Basic(Basic::Weekly)),
    ("on weekly basis", Literal::Basic(Basic::Weekly)),
    ("bi-weekly", Literal::LooseEvery(2, Unit::Week)),
    ("biweekly", Literal::LooseEvery(2, Unit::Week)),
    ("fortnightly", Literal::Every(2, Unit::Week)),
    ("every fortnight", Literal::Every(2, Unit::Week)),
    ("every other week", Literal::Every(2, Unit::Week)),
    ("monthly", Literal::Basic(Basic::Monthly)),
    ("each month", Literal::Basic(Basic::Monthly)),
    ("once a month", Literal::Basic(Basic::Monthly)),
    ("once per month", Literal::Basic(Basic::Monthly)),
    ("on a monthly basis", Literal::Basic(Basic::Monthly)),
    ("on monthly basis", Literal::Basic(Basic::Monthly)),
    ("quarterly", Literal::Basic(Basic::Quarterly)),
    ("every quarter", Literal::Basic(Basic::Quarterly)),
    ("each quarter", Literal::Basic(Basic::Quarterly)),
    ("once a quarter", Literal::Basic(Basic::Quarterly)),
    ("on a quarterly basis", Literal::Basic(Basic::Quarterly)),
    ("on quarterly basis", Literal::Basic(Basic::Quarterly)),
    ("half-yearly", Literal::Basic(Basic::HalfYearly)),
    ("half yearly", Literal::Basic(Basic::HalfYearly)),
    ("halfyearly", Literal::Basic(Basic::HalfYearly)),
    ("biannually", Literal::Loose(Basic::HalfYearly)),
    ("biannual", Literal::Loose(Basic::HalfYearly)),
    ("bi-annually", Literal::Loose(Basic::HalfYearly)),
    ("bi-annual", Literal::Loose(Basic::HalfYearly)),
    ("semi-annually", Literal::Basic(Basic::HalfYearly)),
    ("semi-annual", Literal::Basic(Basic::HalfYearly)),
    ("semiannually", Literal::Basic(Basic::HalfYearly)),
    ("twice a year", Literal::Basic(Basic::HalfYearly)),
    ("twice per year", Literal::Basic(Basic::HalfYearly)),
    ("twice yearly", Literal::Basic(Basic::HalfYearly)),
    ("every half year", Literal::Basic(Basic::HalfYearly)),
    ("every half-year", Literal::Basic(Basic::HalfYearly)),
    ("annually", Literal::Basic(Basic::Annually)),
    ("annual", Literal::Basic(Basic::Annually)),
    ("yearly", Literal::Basic(Basic::Annually)),
    ("each year", Literal::Basic(Basic::Annually)),
    ("once a year", Literal::Basic(Basic::Annually)),
    ("once per year", Literal::Basic(Basic::Annually)),
    ("once every year", Literal::Basic(Basic::Annually)),
    ("per annum", Literal::Basic(Basic::Annually)),
    ("on a yearly basis", Literal::Basic(Basic::Annually)),
    ("on yearly basis", Literal::Basic(Basic::Annually)),
    ("on an annual basis", Literal::Basic(Basic::Annually)),
    ("on annual basis", Literal::Basic(Basic::Annually)),
    ("hourly", Literal::Basic(Basic::Hourly)),
    ("each hour", Literal::Basic(Basic::Hourly)),
    ("once an hour", Literal::Basic(Basic::Hourly)),
    ("real-time", Literal::Basic(Basic::RealTime)),
    ("real time", Literal::Basic(Basic::RealTime)),
    ("realtime", Literal::Basic(Basic::RealTime)),
    ("as and when necessary", Literal::Basic(Basic::AsNeeded)),
    ("as and when required", Literal::Basic(Basic::AsNeeded)),
    ("as and when needed", Literal::Basic(Basic::AsNeeded)),
    ("as necessary", Literal::Basic(Basic::AsNeeded)),
    ("as required", Literal::Basic(Basic::AsNeeded)),
    ("as needed", Literal::Basic(Basic::AsNeeded)),
    ("when necessary", Literal::Basic(Basic::AsNeeded)),
    ("when required", Literal::Basic(Basic::AsNeeded)),
    ("when needed", Literal::Basic(Basic::AsNeeded)),
    ("if necessary", Literal::Basic(Basic::AsNeeded)),
    ("if required", Literal::Basic(Basic::AsNeeded)),
    ("on a need basis", Literal::Basic(Basic::AsNeeded)),
    ("on need basis", Literal::Basic(Basic::AsNeeded)),
    ("on a needs basis", Literal::Basic(Basic::AsNeeded)),
    ("on an as-needed basis", Literal::Basic(Basic::AsNeeded)),
    ("ad hoc", Literal::Loose(Basic::AsNeeded)),
    ("ad-hoc", Literal::Loose(Basic::AsNeeded)),
    ("adhoc", Literal::Loose(Basic::AsNeeded)),
    ("irregular", Literal::Loose(Basic::AsNeeded)),
    ("irregularly", Literal::Loose(Basic::AsNeeded)),
    ("from time to time", Literal::Loose(Basic::AsNeeded)),
    (
        "when there are data updates",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "when there is a data update",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "when there is data update",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "when there are updates",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "when data are updated",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "when data is updated",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    ("upon data update", Literal::Basic(Basic::WhenDataUpdated)),
    ("upon data updates", Literal::Basic(Basic::WhenDataUpdated)),
];

pub(super) const EN_UNITS: &[(&str, Unit)] = &[
    ("minutes", Unit::Minute),
    ("minute", Unit::Minute),
    ("mins", Unit::Minute),
    ("min", Unit::Minute),
    ("hours", Unit::Hour),
    ("hour", Unit::Hour),
    ("hrs", Unit::Hour),
    ("hr", Unit::Hour),
    ("days", Unit::Day),
    ("day", Unit::Day),
    ("weeks", Unit::Week),
    ("week", Unit::Week),
    ("months", Unit::Month),
    ("month", Unit::Month),
    ("years", Unit::Year),
    ("year", Unit::Year),
    ("yrs", Unit::Year),
    ("yr", Unit::Year),
];

pub(super) const EN_NUMBER_WORDS: &[(&str, u32)] = &[
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
    ("forty", 40),
    ("fifty", 50),
    ("sixty", 60),
    ("seventy", 70),
    ("eighty", 80),
    ("ninety", 90),
];

pub(super) const EN_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Separators inside a list of weekdays, months or times.
pub(super) const EN_LIST_SEPARATORS: &[&str] = &[", and ", ", ", ",", " and ", " & "];

pub(super) const EN_JOINERS: &[(&str, Joiner)] = &[
    (" and/or ", Joiner::Or),
    (", and ", Joiner::And),
    (", or ", Joiner::Or),
    (" and ", Joiner::And),
    (" or ", Joiner::Or),
    (" & ", Joiner::And),
    (" / ", Joiner::Or),
    ("/ ", Joiner::Or),
    (" /", Joiner::Or),
    ("/", Joiner::Or),
    (", ", Joiner::And),
    (",", Joiner::And),
];

pub(super) const EN_REMARKS: &[&str] = &[
    "(",
    "during",
    "except",
    "excluding",
    "along with",
    "on working days",
    "on weekdays",
    "on business days",
    "subject to",
    "usually",
    "normally",
    "if any",
    "if available",
    "where applicable",
];

impl Grammar for English {
    fn normalise(&self, text: &str) -> String {
        let collapsed = text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
            .replace(['–', '—'], "-");
        let without_stop = collapsed.strip_suffix('.').unwrap_or(&collapsed);
        without_stop.trim_end().to_owned()
    }

    fn term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let input =
            strip_any_word(input, &["to be updated ", "updated ", "update "]).unwrap_or(input);
        let approximate = strip_any_word(
            input,
            &[
                "approximately ",
                "approx. ",
                "approx ",
                "about ",
                "around ",
                "roughly ",
            ],
        );
        if let Some(after) = approximate {
            return en_exact_term(after).map(|(_, rest)| (Piece::Vague, rest));
        }
        en_exact_term(input)
    }

    fn joiner<'a>(&self, input: &'a str) -> Option<(Joiner, &'a str)> {
        EN_JOINERS
            .iter()
            .find_map(|&(spelling, joiner)| Some((joiner, input.strip_prefix(spelling)?)))
    }

    fn is_remark(&self, rest: &str) -> bool {
        let remark = rest.trim_start_matches([' ', ',', ';', '-']);
        EN_REMARKS
            .iter()
            .any(|start| strip_word(remark, start).is_some())
    }

    fn part_separators(&self) -> &'static [char] {
        &[';', '\n']
    }

    fn suffix_label_separators(&self) -> &'static [&'static str] {
        &[" - ", " – ", " — "]
    }
}

pub(super) fn en_exact_term(input: &str) -> Option<(Piece, &str)> {
    longest([
        en_literal(input),
        en_interval(input),
        en_weekdays(input),
        en_months(input),
        en_times_then_daily(input),
    ])
}

pub(super) fn en_literal(input: &str) -> Option<(Piece, &str)> {
    let (literal, rest) = longest_spelling(input, EN_LITERALS, true)?;
    let term = literal.term();
    if term == Term::Basic(Basic::Daily) {
        let times = strip_any(rest, &[" at "]).and_then(en_time_list);
        if let Some((times, after_times)) = times {
            return Some((Piece::Exact(Term::DailyAt(times)), after_times));
        }
    }
    Some((literal.piece(), rest))
}

/// "every 3 months", "every three months", "every year", and ranges "every two to three years".
pub(super) fn en_interval(input: &str) -> Option<(Piece, &str)> {
    let after_every = strip_any_word(input, &["once every ", "every "])?;
    let Some((count, after_count)) = en_number(after_every) else {
        let (unit, rest) = longest_spelling(after_every, EN_UNITS, true)?;
        return Some((Piece::Exact(Term::every(1, unit)), rest));
    };
    let range_end = strip_any(after_count, &[" to ", " - ", "-", " or "]).and_then(en_number);
    if let Some((_, after_range)) = range_end {
        let (_, rest) = longest_spelling(after_range.strip_prefix(' ')?, EN_UNITS, true)?;
        return Some((Piece::Vague, rest));
    }
    let (unit, rest) = longest_spelling(after_count.strip_prefix(' ')?, EN_UNITS, true)?;
    (count > 0).then(|| (Piece::Exact(Term::every(count, unit)), rest))
}

pub(super) fn en_number(input: &str) -> Option<(u32, &str)> {
    let (value, rest) = match ascii_number(input, 6) {
        Some(found) => found,
        None => {
            let (tens, rest) = longest_spelling(input, EN_NUMBER_WORDS, false)?;
            // "twenty-four": tens and units written as one hyphenated word.
            let units = rest
                .strip_prefix('-')
                .filter(|_| tens >= 20)
                .and_then(|after| longest_spelling(after, &EN_NUMBER_WORDS[..9], false));
            match units {
                Some((unit_value, after_units)) => (tens + unit_value, after_units),
                None => (tens, rest),
            }
        }
    };
    (!rest.starts_with(char::is_alphanumeric)).then_some((value, rest))
}

pub(super) fn en_weekday(input: &str) -> Option<(u8, &str)> {
    (0u8..).zip(EN_WEEKDAYS).find_map(|(index, name)| {
        let rest = input.strip_prefix(name.to_lowercase().as_str())?;
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        (!rest.starts_with(char::is_alphanumeric)).then_some((index, rest))
    })
}

pub(super) fn en_weekdays(input: &str) -> Option<(Piece, &str)> {
    let rest = strip_any_word(input, &["every ", "each ", "on "]).unwrap_or(input);
    let (days, rest) = parse_list(rest, en_weekday, EN_LIST_SEPARATORS)?;
    Some((Piece::Exact(Term::Weekdays(days)), rest))
}

pub(super) fn en_month(input: &str) -> Option<(u8, &str)> {
    (1u8..).zip(EN_MONTHS).find_map(|(number, name)| {
        let rest = input.strip_prefix(name.to_lowercase().as_str())?;
        (!rest.starts_with(char::is_alphanumeric)).then_some((number, rest))
    })
}

pub(super) fn en_months(input: &str) -> Option<(Piece, &str)> {
    let rest = strip_any_word(input, &["every ", "each ", "in "]).unwrap_or(input);
    let (months, rest) = parse_list(rest, en_month, EN_LIST_SEPARATORS)?;
    Some((Piece::Exact(Term::MonthsOfYear(months)), rest))
}

/// "00:30, 10:30 and 16:30 everyday": the times written before the word for daily.
pub(super) fn en_times_then_daily(input: &str) -> Option<(Piece, &str)> {
    let (times, rest) = en_time_list(input)?;
    let rest = strip_any_word(rest, &[" everyday", " every day", " daily", " each day"])?;
    Some((Piece::Exact(Term::DailyAt(times)), rest))
}

pub(super) fn en_time_list(input: &str) -> Option<(Vec<TimeOfDay>, &str)> {
    parse_list(input, en_time, EN_LIST_SEPARATORS)
}

/// "9:00am", "9am", "9.30 p.m.", "16:30"; a bare number is not a time.
pub(super) fn en_time(input: &str) -> Option<(TimeOfDay, &str)> {
    let (hour, mut rest) = ascii_number(input, 2)?;
    let mut minute = None;
    if let Some(after) = strip_any(rest, &[":", "."])
        && let Some((value, after_minute)) = ascii_number(after, 2)
        && after.len() - after_minute.len() == 2
    {
        minute = Some(value);
        rest = after_minute;
    }
    let marker_start = rest.strip_prefix(' ').unwrap_or(rest);
    let markers = [
        ("a.m.", DayPeriod::Morning),
        ("a.m", DayPeriod::Morning),
        ("am", DayPeriod::Morning),
        ("p.m.", DayPeriod::Afternoon),
        ("p.m", DayPeriod::Afternoon),
        ("pm", DayPeriod::Afternoon),
    ];
    let marker = markers
        .iter()
        .find_map(|&(spelling, period)| Some((period, strip_word(marker_start, spelling)?)));
    let (period, rest) = match marker {
        Some((period, after_marker)) => (Some(period), after_marker),
        None if minute.is_some() => (None, rest),
        None => return None,
    };
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((to_24_hour(hour, minute.unwrap_or(0), period)?, rest))
}

pub(super) fn render_en(frequency: &Frequency) -> String {
    let mut out = render_en_term(&frequency.first);
    for (joiner, term) in &frequency.rest {
        out.push_str(match joiner {
            Joiner::And => " and ",
            Joiner::Or => " or ",
        });
        // Sentence case: only the first word of the cell is capitalised.
        out.push_str(&lowercase_first(&render_en_term(term)));
    }
    out
}

pub(super) fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn render_en_term(term: &Term) -> String {
    match term {
        Term::Basic(basic) => match basic {
            Basic::Daily => "Daily",
            Basic::TwiceDaily => "Twice daily",
            Basic::Weekly => "Weekly",
            Basic::Monthly => "Monthly",
            Basic::Quarterly => "Quarterly",
            Basic::HalfYearly => "Half-yearly",
            Basic::Annually => "Annually",
            Basic::Hourly => "Hourly",
            Basic::RealTime => "Real-time",
            Basic::AsNeeded => "As and when necessary",
            Basic::WhenDataUpdated => "When there are data updates",
        }
        .to_owned(),
        Term::DailyAt(times) => {
            let times: Vec<String> = times.iter().map(|&time| render_en_time(time)).collect();
            format!("Daily at {}", times.join(", "))
        }
        Term::Weekdays(days) => {
            let names = days
                .iter()
                .filter_map(|&day| EN_WEEKDAYS.get(usize::from(day)));
            format!("Every {}", en_enumeration(names.copied().collect()))
        }
        Term::MonthsOfYear(months) => {
            let names = months
                .iter()
                .filter_map(|&month| EN_MONTHS.get(usize::from(month).checked_sub(1)?));
            format!("Every {}", en_enumeration(names.copied().collect()))
        }
        Term::Every { count, unit } => {
            let unit_name = match unit {
                Unit::Minute => "minute",
                Unit::Hour => "hour",
                Unit::Day => "day",
                Unit::Week => "week",
                Unit::Month => "month",
                Unit::Year => "year",
            };
            if *count == 1 {
                format!("Every {unit_name}")
            } else {
                format!("Every {count} {unit_name}s")
            }
        }
    }
}

/// "Monday", "Monday and Thursday", "Monday, Wednesday and Friday".
pub(super) fn en_enumeration(items: Vec<&str>) -> String {
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

pub(super) fn render_en_time(time: TimeOfDay) -> String {
    let hour_12 = match time.hour % 12 {
        0 => 12,
        hour => hour,
    };
    let suffix = if time.hour < 12 { "am" } else { "pm" };
    format!("{hour_12}:{:02}{suffix}", time.minute)
}
