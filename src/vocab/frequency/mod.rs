//! Update frequencies: a small grammar per language parses a cell into a language-independent
//! meaning, which is rendered back per language, so canonical spellings, fixes and translations agree.

mod chinese;
mod english;
mod meaning;
mod parse;
#[cfg(test)]
mod tests;

use crate::model::Language;
use chinese::{Chinese, Script};
use english::render_en;
use meaning::{Analysis, BASIC_TERMS, Basic, Frequency, Joiner, Term, Unit};
use parse::analyse;

/// Longer cells are not frequencies; refusing them early keeps the work bounded for any input.
const MAX_INPUT_CHARS: usize = 500;

/// What a frequency cell is, judged for a plan in `language`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Classification {
    /// Exactly a canonical spelling of `language`.
    Canonical,
    /// A known variant in `language`; `canonical` is the spelling to write instead. The fix is
    /// safe only when `certain`: a loose word (`Irregular`, `Biannually`, 不定期) is read as the
    /// nearest term but may not mean it.
    Variant { canonical: String, certain: bool },
    /// Valid, but only in another language; `language` is that language, `translation` the
    /// canonical spelling in the plan's language (a safe fix when `certain`, as for variants).
    OtherLanguage {
        language: Language,
        translation: String,
        certain: bool,
    },
    /// Recognised but with no single canonical spelling (labels, ranges, approximate intervals,
    /// trailing remarks): accepted without a fix.
    Recognised,
    /// Not a frequency the grammar knows; `closest` is the nearest canonical term of `language`
    /// (by edit distance over characters), if any is reasonably close.
    Unknown { closest: Option<String> },
}

/// Classifies the frequency cell `text` for a plan written in `language`.
///
/// `extra` are spellings the user's configuration accepts: an exact match after trimming is
/// [`Classification::Canonical`]. Otherwise the cell is parsed in the plan's language first, then
/// in the other two; canonical means the cell is byte for byte the rendering of its meaning.
///
/// Canonical choices: English in sentence case ("Quarterly or annually", "Monthly and as and when
/// necessary") with digits in intervals ("Every 3 months"); Chinese numerals in Chinese intervals
/// (每三個月, 每兩年, 每十五分鐘). Joiners are "and"/"or" and 及/或; a slash means "or", a comma
/// or 、 means "and". Times are listed with commas or 、 ("Daily at 9:00am, 2:00pm", 每日上午9時、
/// 下午2時) so that "and" only ever joins frequencies. "Every 1 year" is Annually, while
/// "Every 3 months" and "Every 6 months" stay intervals distinct from Quarterly and Half-yearly.
pub fn classify(text: &str, language: Language, extra: &[String]) -> Classification {
    if text.chars().nth(MAX_INPUT_CHARS).is_some() {
        return Classification::Unknown { closest: None };
    }
    // A compatibility ideograph (U+F98E for 年) is the same character to a reader: T007 reports
    // it, so the cell is judged as if written with the unified one.
    let text = crate::hanzi::unify(text);
    let text = text.as_ref();
    let trimmed = text.trim();
    if !trimmed.is_empty() && extra.iter().any(|accepted| accepted.trim() == trimmed) {
        return Classification::Canonical;
    }
    match analyse(text, language) {
        Some(Analysis::Meaning(frequency, certain)) => {
            let canonical = render(&frequency, language);
            if canonical == text {
                Classification::Canonical
            } else {
                Classification::Variant { canonical, certain }
            }
        }
        Some(Analysis::Recognised) => Classification::Recognised,
        None => {
            for other in other_languages(language) {
                // A label or remark cannot be translated, so only a full meaning counts here.
                if let Some(Analysis::Meaning(frequency, certain)) = analyse(text, other) {
                    return Classification::OtherLanguage {
                        language: other,
                        translation: render(&frequency, language),
                        certain,
                    };
                }
            }
            Classification::Unknown {
                closest: closest_term(trimmed, language),
            }
        }
    }
}

/// The canonical spelling in `to` of a frequency written in `from`, when the cell has one full
/// meaning there (not a label or remark): `canonical_in("每月", ZhHant, En)` is `Monthly`. Two
/// cells in different languages mean the same when their renderings in one language agree.
pub fn canonical_in(text: &str, from: Language, to: Language) -> Option<String> {
    if text.chars().nth(MAX_INPUT_CHARS).is_some() {
        return None;
    }
    match analyse(&crate::hanzi::unify(text), from)? {
        Analysis::Meaning(frequency, _) => Some(render(&frequency, to)),
        Analysis::Recognised => None,
    }
}

/// The base canonical terms of `language`, for help texts. Intervals ("Every 3 months"),
/// weekdays, times of day and compounds ("... and as and when necessary") are built on these.
pub fn canonical_terms(language: Language) -> Vec<String> {
    BASIC_TERMS
        .iter()
        .map(|&basic| render_term(&Term::Basic(basic), language))
        .collect()
}

fn other_languages(language: Language) -> [Language; 2] {
    match language {
        Language::ZhHant => [Language::ZhHans, Language::En],
        Language::ZhHans => [Language::ZhHant, Language::En],
        Language::En => [Language::ZhHant, Language::ZhHans],
    }
}

fn render(frequency: &Frequency, language: Language) -> String {
    match language {
        Language::En => render_en(frequency),
        Language::ZhHant => Chinese(Script::Traditional).render(frequency),
        Language::ZhHans => Chinese(Script::Simplified).render(frequency),
    }
}

fn render_term(term: &Term, language: Language) -> String {
    let frequency = Frequency {
        first: term.clone(),
        rest: Vec::new(),
    };
    render(&frequency, language)
}

// ---------------------------------------------------------------------------------------------
// Suggestions

/// Base terms, the common "... and as and when necessary" compounds and a few intervals.
fn suggestion_candidates(language: Language) -> Vec<String> {
    let mut frequencies: Vec<Frequency> = BASIC_TERMS
        .iter()
        .map(|&basic| Frequency {
            first: Term::Basic(basic),
            rest: Vec::new(),
        })
        .collect();
    frequencies.extend(
        BASIC_TERMS
            .iter()
            .filter(|&&basic| basic != Basic::AsNeeded)
            .map(|&basic| Frequency {
                first: Term::Basic(basic),
                rest: vec![(Joiner::And, Term::Basic(Basic::AsNeeded))],
            }),
    );
    let intervals = [
        (15, Unit::Minute),
        (2, Unit::Week),
        (3, Unit::Month),
        (6, Unit::Month),
        (2, Unit::Year),
    ];
    frequencies.extend(intervals.map(|(count, unit)| Frequency {
        first: Term::every(count, unit),
        rest: Vec::new(),
    }));
    frequencies
        .iter()
        .map(|frequency| render(frequency, language))
        .collect()
}

fn closest_term(text: &str, language: Language) -> Option<String> {
    let candidates = suggestion_candidates(language);
    super::closest(text, candidates.iter().map(String::as_str)).map(str::to_string)
}
