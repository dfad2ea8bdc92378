//! The DATA.GOV.HK data categories in English, Traditional and Simplified Chinese, with the
//! 2018 English names as outdated aliases (`categories.tsv`, compiled in).

use std::sync::OnceLock;

use crate::model::Language;

/// One category in every spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
    pub en: &'static str,
    /// The name DATA.GOV.HK used in 2018 and before, when it differs from today's.
    pub en_2018: Option<&'static str>,
    pub zh_hant: &'static str,
    pub zh_hans: &'static str,
}

impl Category {
    pub fn name(&self, language: Language) -> &'static str {
        match language {
            Language::ZhHant => self.zh_hant,
            Language::ZhHans => self.zh_hans,
            Language::En => self.en,
        }
    }
}

/// Every category, in the file's order.
pub fn all() -> &'static [Category] {
    static CATEGORIES: OnceLock<Vec<Category>> = OnceLock::new();
    CATEGORIES.get_or_init(|| {
        include_str!("categories.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .filter_map(|line| {
                let cells: Vec<&'static str> = line.split('\t').collect();
                let [id, en, en_2018, zh_hant, zh_hans, ..] = cells.as_slice() else {
                    return None;
                };
                Some(Category {
                    id,
                    en,
                    en_2018: (*en_2018 != *en && *en_2018 != "(absent)").then_some(*en_2018),
                    zh_hant,
                    zh_hans,
                })
            })
            .collect()
    })
}

/// What a category cell is, for a plan in a given language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CategoryMatch {
    /// A current category of the plan's language (or one the configuration adds).
    Current,
    /// A 2018 English name, now renamed: the current name in the plan's language.
    Outdated { current: &'static str },
    /// A category in another language: its name in the plan's language.
    OtherLanguage {
        language: Language,
        translation: &'static str,
    },
    /// No category; the nearest one of the plan's language, if any is close.
    Unknown { closest: Option<&'static str> },
}

/// Matching ignores case, surrounding white space and compatibility ideographs (U+F9D0 for 類,
/// which T007 reports), nothing else.
pub fn classify(text: &str, language: Language, extras: &[String]) -> CategoryMatch {
    let text = crate::hanzi::unify(text);
    let text = text.as_ref();
    let categories = all();
    // Most cells are spelt exactly right: answer those without folding case.
    let trimmed = text.trim();
    if categories.iter().any(|c| c.name(language) == trimmed) {
        return CategoryMatch::Current;
    }
    let wanted = trimmed.to_lowercase();
    let same = |name: &str| name.to_lowercase() == wanted;
    if extras.iter().any(|extra| same(extra.trim())) {
        return CategoryMatch::Current;
    }
    if categories.iter().any(|c| same(c.name(language))) {
        return CategoryMatch::Current;
    }
    if let Some(category) = categories.iter().find(|c| c.en_2018.is_some_and(same)) {
        return if language == Language::En {
            CategoryMatch::Outdated {
                current: category.en,
            }
        } else {
            CategoryMatch::OtherLanguage {
                language: Language::En,
                translation: category.name(language),
            }
        };
    }
    for other in [Language::ZhHant, Language::ZhHans, Language::En] {
        if other == language {
            continue;
        }
        if let Some(category) = categories.iter().find(|c| same(c.name(other))) {
            return CategoryMatch::OtherLanguage {
                language: other,
                translation: category.name(language),
            };
        }
    }
    CategoryMatch::Unknown {
        closest: super::closest(text, categories.iter().map(|c| c.name(language))),
    }
}

/// The category a cell names in any language or spelling (current, 2018 or other script),
/// ignoring case and surrounding space: what two plans in different languages compare.
pub fn id_of(text: &str) -> Option<&'static str> {
    let wanted = crate::hanzi::unify(text).trim().to_lowercase();
    let same = |name: &str| name.to_lowercase() == wanted;
    all()
        .iter()
        .find(|c| same(c.en) || c.en_2018.is_some_and(same) || same(c.zh_hant) || same(c.zh_hans))
        .map(|c| c.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn twenty_categories_with_seven_renamed_and_tourism_new() {
        assert_eq!(all().len(), 20);
        assert_eq!(all().iter().filter(|c| c.en_2018.is_some()).count(), 7);
        assert!(all().iter().any(|c| c.zh_hant == "法律及保安"));
    }

    #[test]
    fn ids_are_found_from_any_spelling() {
        assert_eq!(id_of("運輸"), Some("transport"));
        assert_eq!(id_of(" transport "), Some("transport"));
        assert_eq!(id_of("Transportation"), Some("transport"));
        assert_eq!(id_of("运输"), Some("transport"));
        assert_eq!(id_of("Smart City"), None);
    }

    #[test]
    fn classification_in_each_language() {
        assert_eq!(
            classify("法律及保安", Language::ZhHant, &[]),
            CategoryMatch::Current
        );
        assert_eq!(
            classify(" law and security ", Language::En, &[]),
            CategoryMatch::Current
        );
        assert_eq!(
            classify("Transport", Language::En, &[]),
            CategoryMatch::Outdated {
                current: "Transportation"
            }
        );
        assert_eq!(
            classify("Transport", Language::ZhHant, &[]),
            CategoryMatch::OtherLanguage {
                language: Language::En,
                translation: "運輸"
            }
        );
        assert_eq!(
            classify("运输", Language::ZhHant, &[]),
            CategoryMatch::OtherLanguage {
                language: Language::ZhHans,
                translation: "運輸"
            }
        );
        // Names spelt alike in both Chinese scripts are current in both.
        assert_eq!(
            classify("教育", Language::ZhHans, &[]),
            CategoryMatch::Current
        );
        assert_eq!(
            classify("法律及保全", Language::ZhHant, &[]),
            CategoryMatch::Unknown {
                closest: Some("法律及保安")
            }
        );
        assert_eq!(
            classify("智慧城市", Language::ZhHant, &["智慧城市".into()]),
            CategoryMatch::Current
        );
    }
}
