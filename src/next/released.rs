//! The list of releases `odplint next --released FILE` reads: a CSV of dataset name and release
//! date (MM/YYYY), in either language, with or without a header row. One file can serve both
//! language versions of a plan: each plan takes the names of its own rows.

use std::collections::HashSet;

use crate::audit::normalise_name;
use crate::document::LineIndex;
use crate::import::{csv_records, detect_language};
use crate::messages::Message;
use crate::model::{Language, YearMonth};

/// Dataset names with the month each was released.
#[derive(Debug, Clone, Default)]
pub struct Released {
    entries: Vec<Entry>,
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    folded: String,
    date: YearMonth,
}

impl Released {
    /// Reads the CSV text; an error names the line and what was expected.
    pub fn parse(text: &str) -> Result<Self, Message> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let lines = LineIndex::new(text);
        let (records, problems) = csv_records(text);
        if let Some(problem) = problems.first() {
            let line = lines.line_of(problem.span.start) + 1;
            return Err(Message::new("next.list-quoting").arg("line", line));
        }
        let mut entries = Vec::new();
        for (index, record) in records.iter().enumerate() {
            let line = record
                .first()
                .map_or(0, |field| lines.line_of(field.span.start))
                + 1;
            let cells: Vec<&str> = record.iter().map(|field| field.value.trim()).collect();
            if cells.iter().all(|cell| cell.is_empty()) {
                continue;
            }
            let (name, date) = match cells.as_slice() {
                [name, date, ..] => (*name, *date),
                _ => {
                    return Err(Message::new("next.list-columns").arg("line", line));
                }
            };
            let Some(month) = YearMonth::parse_lenient(date) else {
                if index == 0 {
                    // A header row (`name,release_date`, `數據集名稱,發放日期`).
                    continue;
                }
                return Err(Message::new("next.list-date")
                    .arg("line", line)
                    .arg("date", date));
            };
            if name.is_empty() {
                return Err(Message::new("next.list-name").arg("line", line));
            }
            entries.push(Entry {
                name: name.to_string(),
                folded: normalise_name(name),
                date: month,
            });
        }
        Ok(Released { entries })
    }

    /// The release date (`MM/YYYY`) of a dataset, by its name (case, width, spaces and
    /// punctuation folded), with the name as the list writes it.
    pub fn date_of(&self, name: &str) -> Option<(String, &str)> {
        let folded = normalise_name(name);
        if folded.is_empty() {
            return None;
        }
        self.entries
            .iter()
            .find(|entry| entry.folded == folded)
            .map(|entry| (entry.date.to_string(), entry.name.as_str()))
    }

    /// The listed names in `language` (Chinese or English) that no row took.
    pub fn unmatched(&self, taken: &HashSet<String>, language: Language) -> Vec<String> {
        let chinese = |l: Language| l != Language::En;
        self.entries
            .iter()
            .filter(|entry| !taken.contains(&entry.name))
            .filter(|entry| chinese(detect_language([entry.name.as_str()])) == chinese(language))
            .map(|entry| entry.name.clone())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_dates_are_read_with_or_without_a_header() {
        let list =
            Released::parse("數據集名稱,發放日期\n公園設施,3/2024\n\"Park, facilities\",04/2024\n")
                .unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(list.date_of("公園設施").unwrap().0, "03/2024");
        assert_eq!(list.date_of("park facilities").unwrap().0, "04/2024");
        assert!(list.date_of("other").is_none());
        let none = HashSet::new();
        assert_eq!(list.unmatched(&none, Language::En), ["Park, facilities"]);
        assert_eq!(list.unmatched(&none, Language::ZhHant), ["公園設施"]);
    }

    #[test]
    fn a_bad_row_names_its_line() {
        assert_eq!(
            Released::parse("a,03/2024\nb,2024-03\n")
                .unwrap_err()
                .render(crate::messages::Lang::En),
            "line 2: `2024-03` is not a release date; write MM/YYYY"
        );
        assert!(
            Released::parse("only one column\n")
                .unwrap_err()
                .render(crate::messages::Lang::En)
                .starts_with("line 1")
        );
    }
}
