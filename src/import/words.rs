//! The words of an imported plan: its period in a title, its language, and how a cell wrapped
//! over lines is joined again (Chinese wraps without spaces).

use crate::hanzi;
use crate::model::Language;

/// The first year range in a title (`2024-2026年度...`, `2024–2026 Open Data Plan`), as
/// `YYYY-YYYY`.
pub fn period_in(title: &str) -> Option<String> {
    let chars: Vec<char> = title.chars().collect();
    let year_at = |at: usize| -> Option<String> {
        let digits: String = chars.get(at..at + 4)?.iter().collect();
        let boundary = |c: Option<&char>| c.is_none_or(|c| !c.is_ascii_digit());
        (digits.chars().all(|c| c.is_ascii_digit())
            && boundary(at.checked_sub(1).and_then(|p| chars.get(p)))
            && boundary(chars.get(at + 4)))
        .then_some(digits)
    };
    for start in 0..chars.len() {
        let Some(first) = year_at(start) else {
            continue;
        };
        let mut at = start + 4;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        let rest: String = chars[at.min(chars.len())..].iter().take(2).collect();
        let dash = match chars.get(at) {
            Some('-' | '–' | '—' | '‐' | '‑' | '~' | '至') => 1,
            _ if rest.eq_ignore_ascii_case("to") => 2,
            _ => continue,
        };
        at += dash;
        while chars.get(at) == Some(&' ') {
            at += 1;
        }
        if let Some(last) = year_at(at) {
            return Some(format!("{first}-{last}"));
        }
    }
    None
}

/// The language of a plan's text: Chinese when Han characters outnumber Latin letters (Simplified
/// when simplified-only characters outnumber traditional-only ones), else English.
pub fn detect_language<'a>(texts: impl IntoIterator<Item = &'a str>) -> Language {
    let (mut han, mut latin, mut simplified, mut traditional) = (0usize, 0usize, 0usize, 0usize);
    for text in texts {
        for c in text.chars() {
            if c.is_ascii_alphabetic() {
                latin += 1;
            } else if is_cjk(c) {
                han += 1;
                if hanzi::traditional_forms(c).is_some() {
                    simplified += 1;
                } else if hanzi::simplified_forms(c).is_some() {
                    traditional += 1;
                }
            }
        }
    }
    if han <= latin {
        Language::En
    } else if simplified > traditional {
        Language::ZhHans
    } else {
        Language::ZhHant
    }
}

/// Whether a character belongs to Chinese, Japanese or Korean writing (ideographs, kana,
/// full-width forms and CJK punctuation): text that wraps without spaces.
pub fn is_cjk(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2E80..=0x2FDF
            | 0x3000..=0x30FF
            | 0x3100..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFFEF
            | 0x2_0000..=0x3_FFFF
    )
}

/// Appends the rest of a wrapped cell: directly after or before a CJK character (Chinese text
/// wraps without spaces), after white space, `-` or `/`; with one space between Latin words.
pub fn join_wrapped(existing: &mut String, rest: &str) {
    let (Some(last), Some(first)) = (existing.chars().next_back(), rest.chars().next()) else {
        existing.push_str(rest);
        return;
    };
    let direct = is_cjk(last)
        || is_cjk(first)
        || last.is_whitespace()
        || first.is_whitespace()
        || matches!(last, '-' | '/');
    if !direct {
        existing.push(' ');
    }
    existing.push_str(rest);
}

/// Whether `next`, found under the frequency `previous`, reads as the rest of it rather than as
/// a frequency of its own: `previous` ends with a connective (`每年及`, `Quarterly and`, `/`), or
/// `next` starts with one or with a small letter (`and when necessary`).
pub fn continues_frequency(previous: &str, next: &str) -> bool {
    let previous = previous.trim_end().to_lowercase();
    let next = next.trim_start();
    let ends_with_word = |word: &str| {
        previous == word
            || previous
                .strip_suffix(word)
                .is_some_and(|head| head.ends_with(|c: char| !c.is_alphanumeric()))
    };
    const JOINING_ENDS: [char; 10] = ['及', '或', '和', '與', '与', '、', '/', '／', ',', '，'];
    previous.ends_with(JOINING_ENDS)
        || previous.ends_with(['-', '&'])
        || ends_with_word("and")
        || ends_with_word("or")
        || next.starts_with(['及', '或', '和', '與', '与', '、', '/', '／'])
        || next.starts_with(|c: char| c.is_ascii_lowercase())
}
