//! Vocabularies compiled into the binary (DATA.GOV.HK categories, update frequencies, Chinese
//! character forms), their matching, and what configuration adds to them.

pub mod categories;
pub mod frequency;

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::model::Language;

/// Spellings a project accepts beyond the built-in vocabularies (from `odplint.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extras {
    pub frequencies: HashMap<Language, Vec<String>>,
    pub categories: HashMap<Language, Vec<String>>,
    /// The same spellings in hash sets, built on first use: a configuration may list very
    /// many, and every cell of a plan asks.
    index: OnceLock<ExtrasIndex>,
}

/// Frequencies trimmed; categories trimmed and lower-cased (as categories are matched).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ExtrasIndex {
    frequencies: HashMap<Language, HashSet<String>>,
    categories: HashMap<Language, HashSet<String>>,
}

impl Extras {
    fn index(&self) -> &ExtrasIndex {
        self.index.get_or_init(|| {
            let sets = |lists: &HashMap<Language, Vec<String>>, fold: fn(&str) -> String| {
                lists
                    .iter()
                    .map(|(language, list)| {
                        let set = list.iter().map(|s| fold(s.trim())).collect();
                        (*language, set)
                    })
                    .collect()
            };
            ExtrasIndex {
                frequencies: sets(&self.frequencies, str::to_string),
                categories: sets(&self.categories, str::to_lowercase),
            }
        })
    }

    /// Whether the configuration accepts `text` as a frequency of `language` (spaces around
    /// it ignored), in constant time.
    pub fn accepts_frequency(&self, language: Language, text: &str) -> bool {
        let trimmed = text.trim();
        !trimmed.is_empty()
            && self
                .index()
                .frequencies
                .get(&language)
                .is_some_and(|set| set.contains(trimmed))
    }

    /// Whether the configuration accepts `text` as a category of `language` (case and spaces
    /// around it ignored), in constant time.
    pub fn accepts_category(&self, language: Language, text: &str) -> bool {
        self.index()
            .categories
            .get(&language)
            .is_some_and(|set| set.contains(&text.trim().to_lowercase()))
    }

    pub fn frequencies(&self, language: Language) -> &[String] {
        self.frequencies.get(&language).map_or(&[], Vec::as_slice)
    }

    pub fn categories(&self, language: Language) -> &[String] {
        self.categories.get(&language).map_or(&[], Vec::as_slice)
    }
}

/// Levenshtein distance over characters, with a cap: beyond `limit` the exact value does not
/// matter, so long inputs cost at most `limit` rows' work per candidate.
pub fn edit_distance(a: &str, b: &str, limit: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return limit + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return limit + 1;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// The candidate nearest to `text` (case-insensitive), if within a third of its length.
pub fn closest<'a>(text: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = text.trim().to_lowercase();
    if wanted.is_empty() || wanted.chars().count() > 200 {
        return None;
    }
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| {
            (
                edit_distance(&wanted, &candidate.to_lowercase(), limit),
                candidate,
            )
        })
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// The English names of the months, January first (frequencies, hover texts, published dates).
pub const ENGLISH_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("運輸", "運輸", 3), 0);
        assert_eq!(edit_distance("運輸", "运输", 3), 2);
        assert_eq!(edit_distance("Transport", "Transportation", 10), 5);
        assert_eq!(edit_distance("a", "abcdefgh", 2), 3);
    }

    #[test]
    fn closest_is_case_insensitive_and_bounded() {
        assert_eq!(
            closest("tranport", ["Transport", "Tourism"]),
            Some("Transport")
        );
        assert_eq!(closest("zzzzzz", ["Transport", "Tourism"]), None);
    }
}
