//! What the languages share in reading a cell: the grammar each implements, compounds of terms
//! and joiners, labels and remarks around a frequency, and small readers (words, lists, numbers,
//! times of day).

use super::chinese::{Chinese, Script};
use super::english::English;
use super::meaning::{Analysis, Frequency, Joiner, Piece, TimeOfDay};
use crate::model::Language;

pub(super) trait Grammar {
    /// Folds what a variant may differ in (case, spaces) so the term parsers see one form.
    fn normalise(&self, text: &str) -> String;
    fn term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)>;
    fn joiner<'a>(&self, input: &'a str) -> Option<(Joiner, &'a str)>;
    /// Whether the text left after a frequency is a remark on it ("during office hours").
    fn is_remark(&self, rest: &str) -> bool;
    /// What separates the parts of a multi-resource cell ("Dept A: ...;\nDept B: ...").
    fn part_separators(&self) -> &'static [char];
    /// Between a frequency and the label after it ("Monthly - Registered Vehicle Mechanics").
    fn suffix_label_separators(&self) -> &'static [&'static str];
}

pub(super) fn analyse(text: &str, language: Language) -> Option<Analysis> {
    match language {
        Language::En => analyse_with(&English, text),
        Language::ZhHant => analyse_with(&Chinese(Script::Traditional), text),
        Language::ZhHans => analyse_with(&Chinese(Script::Simplified), text),
    }
}

pub(super) fn analyse_with(grammar: &impl Grammar, text: &str) -> Option<Analysis> {
    let normalised = grammar.normalise(text);
    if normalised.is_empty() {
        return None;
    }
    if let Some((pieces, rest)) = parse_compound(grammar, &normalised) {
        if rest.is_empty() {
            return Some(pieces.into_analysis());
        }
        if grammar.is_remark(rest) {
            return Some(Analysis::Recognised);
        }
    }
    is_labelled(grammar, text).then_some(Analysis::Recognised)
}

pub(super) struct Compound {
    pub(super) first: Piece,
    pub(super) rest: Vec<(Joiner, Piece)>,
}

impl Compound {
    pub(super) fn into_analysis(self) -> Analysis {
        let mut certain = true;
        let mut term_of = |piece: Piece| match piece {
            Piece::Exact(term) => Some(term),
            Piece::Loose(term) => {
                certain = false;
                Some(term)
            }
            Piece::Vague => None,
        };
        let Some(first) = term_of(self.first) else {
            return Analysis::Recognised;
        };
        let mut rest = Vec::with_capacity(self.rest.len());
        for (joiner, piece) in self.rest {
            let Some(term) = term_of(piece) else {
                return Analysis::Recognised;
            };
            rest.push((joiner, term));
        }
        Analysis::Meaning(Frequency { first, rest }, certain)
    }
}

/// Parses terms joined by joiners for as long as it can, returning what it could not read.
pub(super) fn parse_compound<'a>(
    grammar: &impl Grammar,
    input: &'a str,
) -> Option<(Compound, &'a str)> {
    let (first, mut rest) = grammar.term(input)?;
    let mut compound = Compound {
        first,
        rest: Vec::new(),
    };
    // A joiner not followed by a term is left unread, so a remark such as ", except ..." survives.
    while let Some((joiner, after_joiner)) = grammar.joiner(rest) {
        let Some((piece, after_piece)) = grammar.term(after_joiner) else {
            break;
        };
        compound.rest.push((joiner, piece));
        rest = after_piece;
    }
    Some((compound, rest))
}

pub(super) fn is_frequency_or_remark(grammar: &impl Grammar, text: &str) -> bool {
    let normalised = grammar.normalise(text);
    match parse_compound(grammar, &normalised) {
        Some((_, rest)) => rest.is_empty() || grammar.is_remark(rest),
        None => false,
    }
}

/// Multi-resource cells: every part must be a frequency, possibly with a label before
/// (`LABEL: freq`) or after (`freq - LABEL`). Slashes separate parts only as a second try,
/// since they usually join alternatives ("Quarterly/ Annual").
pub(super) fn is_labelled(grammar: &impl Grammar, text: &str) -> bool {
    let separators = grammar.part_separators();
    let with_slashes: Vec<char> = separators.iter().copied().chain(['/', '／']).collect();
    [separators, with_slashes.as_slice()]
        .into_iter()
        .any(|separators| {
            let mut parts = text
                .split(|c| separators.contains(&c))
                .map(str::trim)
                .filter(|part| !part.is_empty())
                .peekable();
            parts.peek().is_some()
                && parts.all(|part| {
                    is_frequency_or_remark(grammar, part) || is_labelled_part(grammar, part)
                })
        })
}

pub(super) fn is_labelled_part(grammar: &impl Grammar, part: &str) -> bool {
    let prefix_labelled = label_colon(part).is_some_and(|(label, frequency)| {
        !label.trim().is_empty() && is_frequency_or_remark(grammar, frequency)
    });
    prefix_labelled
        || grammar.suffix_label_separators().iter().any(|separator| {
            match part.split_once(separator) {
                Some((frequency, label)) => {
                    !label.trim().is_empty() && is_frequency_or_remark(grammar, frequency)
                }
                None => false,
            }
        })
}

/// Splits at the first colon that is not inside a time of day ("Forecast: 00:30").
pub(super) fn label_colon(part: &str) -> Option<(&str, &str)> {
    let mut previous = None;
    for (index, c) in part.char_indices() {
        if (c == ':' || c == '：') && !previous.is_some_and(|p: char| p.is_ascii_digit()) {
            return Some((&part[..index], &part[index + c.len_utf8()..]));
        }
        previous = Some(c);
    }
    None
}

/// Among alternative readings, the one that reads furthest (the first on a tie).
pub(super) fn longest<'a, T>(
    candidates: impl IntoIterator<Item = Option<(T, &'a str)>>,
) -> Option<(T, &'a str)> {
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(_, rest)| rest.len())
}

/// The longest of `spellings` that starts `input`, with its meaning.
pub(super) fn longest_spelling<'a, T: Copy>(
    input: &'a str,
    spellings: &[(&str, T)],
    whole_words: bool,
) -> Option<(T, &'a str)> {
    longest(spellings.iter().map(|&(spelling, meaning)| {
        let rest = if whole_words {
            strip_word(input, spelling)?
        } else {
            input.strip_prefix(spelling)?
        };
        (!spelling.is_empty()).then_some((meaning, rest))
    }))
}

/// Strips `prefix` if it ends where a word ends, so "annual" does not read the start of "annually".
pub(super) fn strip_word<'a>(input: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = input.strip_prefix(prefix)?;
    let ends_in_word = prefix.chars().last().is_some_and(char::is_alphanumeric);
    let next_is_word = rest.chars().next().is_some_and(char::is_alphanumeric);
    (!(ends_in_word && next_is_word)).then_some(rest)
}

/// The rest after the first of `prefixes` (taken as whole words) that starts `input`.
pub(super) fn strip_any_word<'a>(input: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|prefix| strip_word(input, prefix))
}

pub(super) fn strip_any<'a>(input: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .filter(|prefix| !prefix.is_empty())
        .find_map(|prefix| input.strip_prefix(prefix))
}

/// Reads a list like "Monday, Wednesday and Friday": items, each after one of `separators`.
pub(super) fn parse_list<'a, T>(
    input: &'a str,
    item: impl Fn(&'a str) -> Option<(T, &'a str)>,
    separators: &[&str],
) -> Option<(Vec<T>, &'a str)> {
    let (first, mut rest) = item(input)?;
    let mut items = vec![first];
    while let Some((next, after_next)) = strip_any(rest, separators).and_then(&item) {
        items.push(next);
        rest = after_next;
    }
    Some((items, rest))
}

pub(super) fn ascii_number(input: &str, max_digits: usize) -> Option<(u32, &str)> {
    let digits = input.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    let value = input[..digits].parse().ok()?;
    Some((value, &input[digits..]))
}

/// Converts an hour read with a morning/afternoon marker to the 24-hour clock.
pub(super) fn to_24_hour(hour: u32, minute: u32, marker: Option<DayPeriod>) -> Option<TimeOfDay> {
    let hour = match marker {
        None if hour <= 23 => hour,
        Some(DayPeriod::Morning | DayPeriod::Midnight) if (1..=12).contains(&hour) => hour % 12,
        Some(DayPeriod::Afternoon | DayPeriod::Noon) if (1..=12).contains(&hour) => hour % 12 + 12,
        _ => return None,
    };
    if minute > 59 {
        return None;
    }
    Some(TimeOfDay {
        hour: u8::try_from(hour).ok()?,
        minute: u8::try_from(minute).ok()?,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayPeriod {
    Morning,
    Noon,
    Afternoon,
    Midnight,
}
