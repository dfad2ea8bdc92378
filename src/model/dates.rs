//! The dates of a plan: a month (MM/YYYY) and a three-year period (YYYY-YYYY).

use std::fmt;

/// A month of a year, as the plans' MM/YYYY dates give it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(u32);

impl YearMonth {
    pub fn new(year: u32, month: u32) -> Option<Self> {
        (1..=12)
            .contains(&month)
            .then(|| YearMonth(year * 12 + month - 1))
    }

    pub fn year(self) -> u32 {
        self.0 / 12
    }

    pub fn month(self) -> u32 {
        self.0 % 12 + 1
    }

    /// Exactly `MM/YYYY` with ASCII digits and a month from 01 to 12.
    pub fn parse_strict(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[2] != b'/' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            part.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| part.parse().ok())?
        };
        YearMonth::new(digits(3..7)?, digits(0..2)?)
    }

    /// Dates whose meaning is certain though their spelling is not: `2/2015`, full-width digits
    /// or slash, surrounding spaces. Returns the date; [`fmt::Display`] gives its canonical text.
    pub fn parse_lenient(text: &str) -> Option<Self> {
        let ascii: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '／' => '/',
                _ => c,
            })
            .collect();
        let (month, year) = ascii.split_once('/')?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(1..=2).contains(&month.len())
            || year.len() != 4
            || !all_digits(month)
            || !all_digits(year)
        {
            return None;
        }
        YearMonth::new(year.parse().ok()?, month.parse().ok()?)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:04}", self.month(), self.year())
    }
}

/// A plan's three-year period, `YYYY-YYYY`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: u32,
    pub last: u32,
}

impl Period {
    /// The period when `text` is `YYYY-YYYY` (the years are not yet checked against each other).
    pub fn parse(text: &str) -> Option<Self> {
        let (first, last) = text.split_once('-')?;
        let year = |s: &str| -> Option<u32> {
            (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
        };
        Some(Period {
            first: year(first)?,
            last: year(last)?,
        })
    }

    pub fn is_three_years(self) -> bool {
        self.last == self.first + 2
    }
}
