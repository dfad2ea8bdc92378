//! Update frequencies: a small grammar per language parses a cell into a language-independent
//! meaning, which is rendered back per language, so canonical spellings, fixes and translations agree.

use crate::model::Language;

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
    let text = super::hanzi::unify(text);
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
    match analyse(&super::hanzi::unify(text), from)? {
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

// ---------------------------------------------------------------------------------------------
// Meaning

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Basic {
    Daily,
    TwiceDaily,
    Weekly,
    Monthly,
    Quarterly,
    HalfYearly,
    Annually,
    Hourly,
    RealTime,
    AsNeeded,
    WhenDataUpdated,
}

/// Order of the help text: from most to least frequent, then the event-driven terms.
const BASIC_TERMS: [Basic; 11] = [
    Basic::Daily,
    Basic::Weekly,
    Basic::Monthly,
    Basic::Quarterly,
    Basic::HalfYearly,
    Basic::Annually,
    Basic::Hourly,
    Basic::TwiceDaily,
    Basic::RealTime,
    Basic::AsNeeded,
    Basic::WhenDataUpdated,
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

/// A time of day on the 24-hour clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TimeOfDay {
    hour: u8,
    minute: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Basic(Basic),
    DailyAt(Vec<TimeOfDay>),
    /// 0 is Monday.
    Weekdays(Vec<u8>),
    /// 1 is January.
    MonthsOfYear(Vec<u8>),
    Every {
        count: u32,
        unit: Unit,
    },
}

impl Term {
    /// "Every 1 year" means Annually: one meaning must have one canonical spelling.
    fn every(count: u32, unit: Unit) -> Term {
        match (count, unit) {
            (1, Unit::Hour) => Term::Basic(Basic::Hourly),
            (1, Unit::Day) => Term::Basic(Basic::Daily),
            (1, Unit::Week) => Term::Basic(Basic::Weekly),
            (1, Unit::Month) => Term::Basic(Basic::Monthly),
            (1, Unit::Year) => Term::Basic(Basic::Annually),
            _ => Term::Every { count, unit },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joiner {
    And,
    Or,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Frequency {
    first: Term,
    rest: Vec<(Joiner, Term)>,
}

/// A parsed term, or one that is understood but has no exact meaning (a range, "about ...").
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Exact(Term),
    /// A word read as this term that may mean something else (see [`Literal::Loose`]).
    Loose(Term),
    Vague,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Analysis {
    /// The meaning, and whether every word of the cell means it for certain.
    Meaning(Frequency, bool),
    Recognised,
}

/// Spellings that stand for one fixed meaning.
#[derive(Debug, Clone, Copy)]
enum Literal {
    Basic(Basic),
    Every(u32, Unit),
    /// A word whose nearest term is this one, but which may mean something else: `Biannually`
    /// is also "every two years", `Bi-weekly` also "twice a week", and "irregularly" or 不定期
    /// (no set time) is not quite "as and when necessary" (when a need arises). Recognised, so
    /// the cell is no unknown frequency, but never rewritten without a person choosing.
    Loose(Basic),
    LooseEvery(u32, Unit),
}

impl Literal {
    fn term(self) -> Term {
        match self {
            Literal::Basic(basic) | Literal::Loose(basic) => Term::Basic(basic),
            Literal::Every(count, unit) | Literal::LooseEvery(count, unit) => {
                Term::every(count, unit)
            }
        }
    }

    /// The literal as a parsed piece, loose or exact.
    fn piece(self) -> Piece {
        match self {
            Literal::Loose(_) | Literal::LooseEvery(..) => Piece::Loose(self.term()),
            Literal::Basic(_) | Literal::Every(..) => Piece::Exact(self.term()),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Analysis shared by the languages

trait Grammar {
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

fn analyse(text: &str, language: Language) -> Option<Analysis> {
    match language {
        Language::En => analyse_with(&English, text),
        Language::ZhHant => analyse_with(&Chinese(Script::Traditional), text),
        Language::ZhHans => analyse_with(&Chinese(Script::Simplified), text),
    }
}

fn analyse_with(grammar: &impl Grammar, text: &str) -> Option<Analysis> {
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

struct Compound {
    first: Piece,
    rest: Vec<(Joiner, Piece)>,
}

impl Compound {
    fn into_analysis(self) -> Analysis {
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
fn parse_compound<'a>(grammar: &impl Grammar, input: &'a str) -> Option<(Compound, &'a str)> {
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

fn is_frequency_or_remark(grammar: &impl Grammar, text: &str) -> bool {
    let normalised = grammar.normalise(text);
    match parse_compound(grammar, &normalised) {
        Some((_, rest)) => rest.is_empty() || grammar.is_remark(rest),
        None => false,
    }
}

/// Multi-resource cells: every part must be a frequency, possibly with a label before
/// (`LABEL: freq`) or after (`freq - LABEL`). Slashes separate parts only as a second try,
/// since they usually join alternatives ("Quarterly/ Annual").
fn is_labelled(grammar: &impl Grammar, text: &str) -> bool {
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

fn is_labelled_part(grammar: &impl Grammar, part: &str) -> bool {
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
fn label_colon(part: &str) -> Option<(&str, &str)> {
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
fn longest<'a, T>(
    candidates: impl IntoIterator<Item = Option<(T, &'a str)>>,
) -> Option<(T, &'a str)> {
    candidates
        .into_iter()
        .flatten()
        .min_by_key(|(_, rest)| rest.len())
}

/// The longest of `spellings` that starts `input`, with its meaning.
fn longest_spelling<'a, T: Copy>(
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
fn strip_word<'a>(input: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = input.strip_prefix(prefix)?;
    let ends_in_word = prefix.chars().last().is_some_and(char::is_alphanumeric);
    let next_is_word = rest.chars().next().is_some_and(char::is_alphanumeric);
    (!(ends_in_word && next_is_word)).then_some(rest)
}

/// The rest after the first of `prefixes` (taken as whole words) that starts `input`.
fn strip_any_word<'a>(input: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes.iter().find_map(|prefix| strip_word(input, prefix))
}

fn strip_any<'a>(input: &'a str, prefixes: &[&str]) -> Option<&'a str> {
    prefixes
        .iter()
        .filter(|prefix| !prefix.is_empty())
        .find_map(|prefix| input.strip_prefix(prefix))
}

/// Reads a list like "Monday, Wednesday and Friday": items, each after one of `separators`.
fn parse_list<'a, T>(
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

fn ascii_number(input: &str, max_digits: usize) -> Option<(u32, &str)> {
    let digits = input.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > max_digits {
        return None;
    }
    let value = input[..digits].parse().ok()?;
    Some((value, &input[digits..]))
}

/// Converts an hour read with a morning/afternoon marker to the 24-hour clock.
fn to_24_hour(hour: u32, minute: u32, marker: Option<DayPeriod>) -> Option<TimeOfDay> {
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
enum DayPeriod {
    Morning,
    Noon,
    Afternoon,
    Midnight,
}

// ---------------------------------------------------------------------------------------------
// English

struct English;

/// Lower case: English variants differ from the canonical spelling in case too.
const EN_LITERALS: &[(&str, Literal)] = &[
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

const EN_UNITS: &[(&str, Unit)] = &[
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

const EN_NUMBER_WORDS: &[(&str, u32)] = &[
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

const EN_WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

use super::ENGLISH_MONTHS as EN_MONTHS;

/// Separators inside a list of weekdays, months or times.
const EN_LIST_SEPARATORS: &[&str] = &[", and ", ", ", ",", " and ", " & "];

const EN_JOINERS: &[(&str, Joiner)] = &[
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

const EN_REMARKS: &[&str] = &[
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

fn en_exact_term(input: &str) -> Option<(Piece, &str)> {
    longest([
        en_literal(input),
        en_interval(input),
        en_weekdays(input),
        en_months(input),
        en_times_then_daily(input),
    ])
}

fn en_literal(input: &str) -> Option<(Piece, &str)> {
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
fn en_interval(input: &str) -> Option<(Piece, &str)> {
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

fn en_number(input: &str) -> Option<(u32, &str)> {
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

fn en_weekday(input: &str) -> Option<(u8, &str)> {
    (0u8..).zip(EN_WEEKDAYS).find_map(|(index, name)| {
        let rest = input.strip_prefix(name.to_lowercase().as_str())?;
        let rest = rest.strip_prefix('s').unwrap_or(rest);
        (!rest.starts_with(char::is_alphanumeric)).then_some((index, rest))
    })
}

fn en_weekdays(input: &str) -> Option<(Piece, &str)> {
    let rest = strip_any_word(input, &["every ", "each ", "on "]).unwrap_or(input);
    let (days, rest) = parse_list(rest, en_weekday, EN_LIST_SEPARATORS)?;
    Some((Piece::Exact(Term::Weekdays(days)), rest))
}

fn en_month(input: &str) -> Option<(u8, &str)> {
    (1u8..).zip(EN_MONTHS).find_map(|(number, name)| {
        let rest = input.strip_prefix(name.to_lowercase().as_str())?;
        (!rest.starts_with(char::is_alphanumeric)).then_some((number, rest))
    })
}

fn en_months(input: &str) -> Option<(Piece, &str)> {
    let rest = strip_any_word(input, &["every ", "each ", "in "]).unwrap_or(input);
    let (months, rest) = parse_list(rest, en_month, EN_LIST_SEPARATORS)?;
    Some((Piece::Exact(Term::MonthsOfYear(months)), rest))
}

/// "00:30, 10:30 and 16:30 everyday": the times written before the word for daily.
fn en_times_then_daily(input: &str) -> Option<(Piece, &str)> {
    let (times, rest) = en_time_list(input)?;
    let rest = strip_any_word(rest, &[" everyday", " every day", " daily", " each day"])?;
    Some((Piece::Exact(Term::DailyAt(times)), rest))
}

fn en_time_list(input: &str) -> Option<(Vec<TimeOfDay>, &str)> {
    parse_list(input, en_time, EN_LIST_SEPARATORS)
}

/// "9:00am", "9am", "9.30 p.m.", "16:30"; a bare number is not a time.
fn en_time(input: &str) -> Option<(TimeOfDay, &str)> {
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

fn render_en(frequency: &Frequency) -> String {
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

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn render_en_term(term: &Term) -> String {
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
fn en_enumeration(items: Vec<&str>) -> String {
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{} and {last}", init.join(", ")),
        Some((last, _)) => (*last).to_owned(),
        None => String::new(),
    }
}

fn render_en_time(time: TimeOfDay) -> String {
    let hour_12 = match time.hour % 12 {
        0 => 12,
        hour => hour,
    };
    let suffix = if time.hour < 12 { "am" } else { "pm" };
    format!("{hour_12}:{:02}{suffix}", time.minute)
}

// ---------------------------------------------------------------------------------------------
// Chinese, in both scripts

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Traditional,
    Simplified,
}

struct Chinese(Script);

/// (Traditional, Simplified, meaning); an empty spelling means the script has no such variant.
type ZhSpelling<T> = (&'static str, &'static str, T);

const ZH_LITERALS: &[ZhSpelling<Literal>] = &[
    ("每日", "每日", Literal::Basic(Basic::Daily)),
    ("每天", "每天", Literal::Basic(Basic::Daily)),
    ("每日一次", "每日一次", Literal::Basic(Basic::Daily)),
    ("每天一次", "每天一次", Literal::Basic(Basic::Daily)),
    ("每日兩次", "每日两次", Literal::Basic(Basic::TwiceDaily)),
    ("每天兩次", "每天两次", Literal::Basic(Basic::TwiceDaily)),
    ("每日二次", "每日二次", Literal::Basic(Basic::TwiceDaily)),
    ("一日兩次", "一日两次", Literal::Basic(Basic::TwiceDaily)),
    ("每星期", "每星期", Literal::Basic(Basic::Weekly)),
    ("每週", "", Literal::Basic(Basic::Weekly)),
    ("每周", "每周", Literal::Basic(Basic::Weekly)),
    ("每個星期", "每个星期", Literal::Basic(Basic::Weekly)),
    ("每星期一次", "每星期一次", Literal::Basic(Basic::Weekly)),
    ("每週一次", "", Literal::Basic(Basic::Weekly)),
    ("每周一次", "每周一次", Literal::Basic(Basic::Weekly)),
    ("每兩週", "", Literal::Every(2, Unit::Week)),
    ("每月", "每月", Literal::Basic(Basic::Monthly)),
    ("每個月", "每个月", Literal::Basic(Basic::Monthly)),
    ("每月一次", "每月一次", Literal::Basic(Basic::Monthly)),
    ("按月", "按月", Literal::Basic(Basic::Monthly)),
    ("每季", "每季", Literal::Basic(Basic::Quarterly)),
    ("每季度", "每季度", Literal::Basic(Basic::Quarterly)),
    ("每一季", "每一季", Literal::Basic(Basic::Quarterly)),
    ("每季一次", "每季一次", Literal::Basic(Basic::Quarterly)),
    ("按季", "按季", Literal::Basic(Basic::Quarterly)),
    ("每半年", "每半年", Literal::Basic(Basic::HalfYearly)),
    (
        "每半年一次",
        "每半年一次",
        Literal::Basic(Basic::HalfYearly),
    ),
    ("半年一次", "半年一次", Literal::Basic(Basic::HalfYearly)),
    ("每年兩次", "每年两次", Literal::Basic(Basic::HalfYearly)),
    ("每年", "每年", Literal::Basic(Basic::Annually)),
    ("每年一次", "每年一次", Literal::Basic(Basic::Annually)),
    ("一年一次", "一年一次", Literal::Basic(Basic::Annually)),
    ("按年", "按年", Literal::Basic(Basic::Annually)),
    ("每小時", "每小时", Literal::Basic(Basic::Hourly)),
    ("每個小時", "每个小时", Literal::Basic(Basic::Hourly)),
    ("每小時一次", "每小时一次", Literal::Basic(Basic::Hourly)),
    ("即時", "实时", Literal::Basic(Basic::RealTime)),
    ("實時", "", Literal::Basic(Basic::RealTime)),
    ("", "即时", Literal::Basic(Basic::RealTime)),
    ("即時更新", "实时更新", Literal::Basic(Basic::RealTime)),
    ("實時更新", "即时更新", Literal::Basic(Basic::RealTime)),
    ("有需要時", "有需要时", Literal::Basic(Basic::AsNeeded)),
    ("在有需要時", "在有需要时", Literal::Basic(Basic::AsNeeded)),
    (
        "有需要時更新",
        "有需要时更新",
        Literal::Basic(Basic::AsNeeded),
    ),
    ("需要時", "需要时", Literal::Basic(Basic::AsNeeded)),
    ("如有需要", "如有需要", Literal::Basic(Basic::AsNeeded)),
    ("按需要", "按需要", Literal::Basic(Basic::AsNeeded)),
    ("按需要更新", "按需要更新", Literal::Basic(Basic::AsNeeded)),
    ("視乎需要", "视乎需要", Literal::Basic(Basic::AsNeeded)),
    // 不定期 (at no set time) is near "as and when necessary" but not the same; the portal's
    // own English for it is "Ad hoc", which is loose in the same way.
    ("不定期", "不定期", Literal::Loose(Basic::AsNeeded)),
    ("不定期更新", "不定期更新", Literal::Loose(Basic::AsNeeded)),
    (
        "當有更新數據時",
        "当有更新数据时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "有更新數據時",
        "有更新数据时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "當有數據更新時",
        "当有数据更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "當數據有更新時",
        "当数据有更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
    (
        "數據更新時",
        "数据更新时",
        Literal::Basic(Basic::WhenDataUpdated),
    ),
];

const ZH_UNITS: &[ZhSpelling<Unit>] = &[
    ("分鐘", "分钟", Unit::Minute),
    ("分", "分", Unit::Minute),
    ("小時", "小时", Unit::Hour),
    ("個小時", "个小时", Unit::Hour),
    ("個鐘頭", "个钟头", Unit::Hour),
    ("日", "日", Unit::Day),
    ("天", "天", Unit::Day),
    ("星期", "星期", Unit::Week),
    ("個星期", "个星期", Unit::Week),
    ("週", "", Unit::Week),
    ("周", "周", Unit::Week),
    ("禮拜", "礼拜", Unit::Week),
    ("個月", "个月", Unit::Month),
    ("月", "月", Unit::Month),
    ("年", "年", Unit::Year),
];

const ZH_JOINERS: &[ZhSpelling<Joiner>] = &[
    ("及/或", "及/或", Joiner::Or),
    ("及／或", "及／或", Joiner::Or),
    ("以及", "以及", Joiner::And),
    ("及", "及", Joiner::And),
    ("或", "或", Joiner::Or),
    ("和", "和", Joiner::And),
    ("與", "与", Joiner::And),
    ("、", "、", Joiner::And),
    ("／", "／", Joiner::Or),
    ("/", "/", Joiner::Or),
    ("，", "，", Joiner::And),
    (",", ",", Joiner::And),
];

const ZH_LIST_SEPARATORS: &[ZhSpelling<()>] = &[
    ("及", "及", ()),
    ("和", "和", ()),
    ("與", "与", ()),
    ("、", "、", ()),
    ("，", "，", ()),
    (",", ",", ()),
];

const ZH_WEEK_WORDS: &[ZhSpelling<()>] = &[
    ("個星期", "个星期", ()),
    ("星期", "星期", ()),
    ("禮拜", "礼拜", ()),
    ("週", "", ()),
    ("周", "周", ()),
];

const ZH_DAY_PERIODS: &[ZhSpelling<DayPeriod>] = &[
    ("上午", "上午", DayPeriod::Morning),
    ("早上", "早上", DayPeriod::Morning),
    ("凌晨", "凌晨", DayPeriod::Morning),
    ("中午", "中午", DayPeriod::Noon),
    ("下午", "下午", DayPeriod::Afternoon),
    ("晚上", "晚上", DayPeriod::Afternoon),
    ("午夜", "午夜", DayPeriod::Midnight),
];

const ZH_DIGITS: [char; 9] = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];
const ZH_WEEKDAYS: [char; 7] = ['一', '二', '三', '四', '五', '六', '日'];

impl Chinese {
    fn pick<T: Copy>(&self, spellings: &[ZhSpelling<T>]) -> Vec<(&'static str, T)> {
        spellings
            .iter()
            .map(|&(traditional, simplified, meaning)| match self.0 {
                Script::Traditional => (traditional, meaning),
                Script::Simplified => (simplified, meaning),
            })
            .filter(|(spelling, _)| !spelling.is_empty())
            .collect()
    }

    fn word(&self, traditional: &'static str, simplified: &'static str) -> &'static str {
        match self.0 {
            Script::Traditional => traditional,
            Script::Simplified => simplified,
        }
    }

    fn longest<'a, T: Copy>(
        &self,
        input: &'a str,
        spellings: &[ZhSpelling<T>],
    ) -> Option<(T, &'a str)> {
        longest_spelling(input, &self.pick(spellings), false)
    }

    fn strip_list_separator<'a>(&self, input: &'a str) -> Option<&'a str> {
        self.longest(input, ZH_LIST_SEPARATORS)
            .map(|((), rest)| rest)
    }

    fn exact_term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        longest([
            self.literal(input),
            self.interval(input),
            self.weekdays(input),
            self.months(input),
        ])
    }

    fn literal<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let (literal, rest) = self.longest(input, ZH_LITERALS)?;
        let term = literal.term();
        if term == Term::Basic(Basic::Daily) {
            let before_times = strip_any(rest, &[self.word("於", "于"), "在"]).unwrap_or(rest);
            if let Some((times, after_times)) = self.time_list(before_times) {
                return Some((Piece::Exact(Term::DailyAt(times)), after_times));
            }
        }
        Some((literal.piece(), rest))
    }

    /// 每三個月, 每十五分鐘, 每3個月 (variant), and ranges 每兩至三年.
    fn interval<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_every = strip_any(input, &["每隔", "每"])?;
        let Some((count, after_count)) = self.number(after_every) else {
            let (unit, rest) = self.longest(after_every, ZH_UNITS)?;
            return Some((Piece::Exact(Term::every(1, unit)), rest));
        };
        let range_end = strip_any(after_count, &["至", "到", "-", "－", "~", "～"])
            .and_then(|after| self.number(after));
        if let Some((_, after_range)) = range_end {
            let (_, rest) = self.longest(after_range, ZH_UNITS)?;
            return Some((Piece::Vague, rest));
        }
        let (unit, rest) = self.longest(after_count, ZH_UNITS)?;
        (count > 0).then(|| (Piece::Exact(Term::every(count, unit)), rest))
    }

    /// 每星期五, 逢星期一及星期四, 每週一、三及五.
    fn weekdays<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_every = strip_any(input, &["每逢", "每", "逢"])?;
        let (_, after_week) = self.longest(after_every, ZH_WEEK_WORDS)?;
        let weekday = |text: &'a str| {
            let text = self
                .longest(text, ZH_WEEK_WORDS)
                .map_or(text, |((), rest)| rest);
            let mut chars = text.chars();
            let day = match chars.next()? {
                '天' => 6,
                c => u8::try_from(ZH_WEEKDAYS.iter().position(|&d| d == c)?).ok()?,
            };
            Some((day, chars.as_str()))
        };
        let (days, rest) = parse_list(after_week, weekday, &self.list_separators())?;
        Some((Piece::Exact(Term::Weekdays(days)), rest))
    }

    /// 每年一月及七月.
    fn months<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let after_prefix =
            strip_any(input, &[self.word("於每年", "于每年"), "每年的", "每年"]).unwrap_or(input);
        let month = |text: &'a str| {
            let (number, rest) = self.number(text)?;
            let rest = rest.strip_prefix('月')?;
            let number = u8::try_from(number).ok().filter(|n| (1..=12).contains(n))?;
            Some((number, rest))
        };
        let (months, rest) = parse_list(after_prefix, month, &self.list_separators())?;
        Some((Piece::Exact(Term::MonthsOfYear(months)), rest))
    }

    fn list_separators(&self) -> Vec<&'static str> {
        self.pick(ZH_LIST_SEPARATORS)
            .into_iter()
            .map(|(spelling, ())| spelling)
            .collect()
    }

    fn time_list<'a>(&self, input: &'a str) -> Option<(Vec<TimeOfDay>, &'a str)> {
        let (first, mut rest) = self.time(input)?;
        let mut times = vec![first];
        while let Some((next, after_next)) = self
            .strip_list_separator(rest)
            .and_then(|after| self.time(after))
        {
            times.push(next);
            rest = after_next;
        }
        Some((times, rest))
    }

    /// 上午9時, 下午4時30分, 9時半, 16:30.
    fn time<'a>(&self, input: &'a str) -> Option<(TimeOfDay, &'a str)> {
        let (period, after_period) = match self.longest(input, ZH_DAY_PERIODS) {
            Some((period, rest)) => (Some(period), rest),
            None => (None, input),
        };
        let (hour, after_hour) = self.number(after_period)?;
        if let Some(after_colon) = strip_any(after_hour, &[":", "："]) {
            let (minute, rest) = ascii_number(after_colon, 2)?;
            if after_colon.len() - rest.len() != 2 {
                return None;
            }
            return Some((to_24_hour(hour, minute, period)?, rest));
        }
        let after_hour_word =
            strip_any(after_hour, &[self.word("時", "时"), self.word("點", "点")])?;
        if let Some(rest) = after_hour_word.strip_prefix('半') {
            return Some((to_24_hour(hour, 30, period)?, rest));
        }
        let minutes = self
            .number(after_hour_word)
            .and_then(|(minute, rest)| Some((minute, rest.strip_prefix('分')?)));
        match minutes {
            Some((minute, rest)) => Some((to_24_hour(hour, minute, period)?, rest)),
            None => Some((to_24_hour(hour, 0, period)?, after_hour_word)),
        }
    }

    /// ASCII digits, or Chinese numerals up to 九十九 (兩 in the script's own spelling).
    fn number<'a>(&self, input: &'a str) -> Option<(u32, &'a str)> {
        if let Some(found) = ascii_number(input, 6) {
            return Some(found);
        }
        let two = self.word("兩", "两");
        let digit = |text: &'a str| -> Option<(u32, &'a str)> {
            if let Some(rest) = text.strip_prefix(two) {
                return Some((2, rest));
            }
            let mut chars = text.chars();
            let c = chars.next()?;
            let value = ZH_DIGITS.iter().position(|&d| d == c)?;
            Some((u32::try_from(value).ok()? + 1, chars.as_str()))
        };
        let leading = digit(input);
        let after_leading = leading.map_or(input, |(_, rest)| rest);
        match after_leading.strip_prefix('十') {
            Some(after_ten) => {
                let tens = leading.map_or(1, |(value, _)| value);
                match digit(after_ten) {
                    Some((units, rest)) => Some((tens * 10 + units, rest)),
                    None => Some((tens * 10, after_ten)),
                }
            }
            None => leading,
        }
    }

    fn render(&self, frequency: &Frequency) -> String {
        let mut out = self.render_term(&frequency.first);
        for (joiner, term) in &frequency.rest {
            out.push_str(match joiner {
                Joiner::And => "及",
                Joiner::Or => "或",
            });
            out.push_str(&self.render_term(term));
        }
        out
    }

    fn render_term(&self, term: &Term) -> String {
        match term {
            Term::Basic(basic) => match basic {
                Basic::Daily => "每日",
                Basic::TwiceDaily => self.word("每日兩次", "每日两次"),
                Basic::Weekly => "每星期",
                Basic::Monthly => "每月",
                Basic::Quarterly => "每季",
                Basic::HalfYearly => "每半年",
                Basic::Annually => "每年",
                Basic::Hourly => self.word("每小時", "每小时"),
                Basic::RealTime => self.word("即時", "实时"),
                Basic::AsNeeded => self.word("有需要時", "有需要时"),
                Basic::WhenDataUpdated => self.word("當有更新數據時", "当有更新数据时"),
            }
            .to_owned(),
            Term::DailyAt(times) => {
                let times: Vec<String> = times.iter().map(|&time| self.render_time(time)).collect();
                format!("每日{}", times.join("、"))
            }
            Term::Weekdays(days) => {
                let names = days
                    .iter()
                    .filter_map(|&day| ZH_WEEKDAYS.get(usize::from(day)))
                    .map(|day| format!("星期{day}"))
                    .collect();
                format!("每{}", zh_enumeration(names))
            }
            Term::MonthsOfYear(months) => {
                let names = months
                    .iter()
                    .map(|&month| format!("{}月", self.render_number(u32::from(month), false)))
                    .collect();
                format!("每年{}", zh_enumeration(names))
            }
            Term::Every { count, unit } => {
                let unit_name = match unit {
                    Unit::Minute => self.word("分鐘", "分钟"),
                    Unit::Hour => self.word("小時", "小时"),
                    Unit::Day => "日",
                    Unit::Week => "星期",
                    Unit::Month => self.word("個月", "个月"),
                    Unit::Year => "年",
                };
                if *count == 1 {
                    format!("每{unit_name}")
                } else {
                    format!("每{}{unit_name}", self.render_number(*count, true))
                }
            }
        }
    }

    /// Chinese numerals up to 99, as the plans write them; 兩 only for a count of two.
    fn render_number(&self, number: u32, counting: bool) -> String {
        let digit = |value: u32| {
            usize::try_from(value)
                .ok()
                .and_then(|value| value.checked_sub(1))
                .and_then(|index| ZH_DIGITS.get(index))
                .map_or_else(String::new, char::to_string)
        };
        match number {
            2 if counting => self.word("兩", "两").to_owned(),
            1..=9 => digit(number),
            10..=19 => format!("十{}", digit(number - 10)),
            20..=99 => format!("{}十{}", digit(number / 10), digit(number % 10)),
            _ => number.to_string(),
        }
    }

    /// HK style: 上午9時, 中午12時, 下午4時30分, 午夜12時5分.
    fn render_time(&self, time: TimeOfDay) -> String {
        let (period, hour) = match time.hour {
            0 => ("午夜", 12),
            12 => ("中午", 12),
            hour @ 1..=11 => ("上午", hour),
            hour => ("下午", hour - 12),
        };
        let hour_word = self.word("時", "时");
        if time.minute == 0 {
            format!("{period}{hour}{hour_word}")
        } else {
            format!("{period}{hour}{hour_word}{}分", time.minute)
        }
    }
}

/// "甲", "甲及乙", "甲、乙及丙".
fn zh_enumeration(items: Vec<String>) -> String {
    match items.split_last() {
        Some((last, init)) if !init.is_empty() => format!("{}及{last}", init.join("、")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

impl Grammar for Chinese {
    fn normalise(&self, text: &str) -> String {
        // Spaces carry no meaning in Chinese; full-width digits are a variant of ASCII ones.
        let folded: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '０'..='９' => {
                    char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
                }
                _ => c,
            })
            .collect();
        folded
            .strip_suffix(['。', '.'])
            .unwrap_or(&folded)
            .to_owned()
    }

    fn term<'a>(&self, input: &'a str) -> Option<(Piece, &'a str)> {
        let approximate = strip_any(
            input,
            &[self.word("大約", "大约"), "大概", self.word("約", "约")],
        );
        if let Some(after) = approximate {
            return self.exact_term(after).map(|(_, rest)| (Piece::Vague, rest));
        }
        self.exact_term(input)
    }

    fn joiner<'a>(&self, input: &'a str) -> Option<(Joiner, &'a str)> {
        self.longest(input, ZH_JOINERS)
    }

    fn is_remark(&self, rest: &str) -> bool {
        if rest.starts_with(['（', '(']) {
            return true;
        }
        let Some(after_comma) = strip_any(rest, &["，", ","]) else {
            return false;
        };
        let starts = [
            "但",
            "除",
            "如",
            self.word("視", "视"),
            self.word("於", "于"),
            "在",
            "通常",
            "一般",
        ];
        starts.iter().any(|start| after_comma.starts_with(start))
    }

    fn part_separators(&self) -> &'static [char] {
        &['；', ';', '\n', '。']
    }

    fn suffix_label_separators(&self) -> &'static [&'static str] {
        &["－", " - ", "——", "—"]
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn canonical_renderings_compare_across_languages() {
        let en = |text: &str, from| canonical_in(text, from, Language::En);
        assert_eq!(en("每月", Language::ZhHant).as_deref(), Some("Monthly"));
        assert_eq!(en("Monthly", Language::En).as_deref(), Some("Monthly"));
        assert_eq!(
            en("每年及有需要時", Language::ZhHant),
            en("Annually and as and when necessary", Language::En)
        );
        assert_eq!(en("Yearly", Language::En).as_deref(), Some("Annually"));
        assert_ne!(en("每季", Language::ZhHant), en("Monthly", Language::En));
        assert_eq!(
            en("Monthly - Registered Vehicle Mechanics", Language::En),
            None
        );
        assert_eq!(en("每月", Language::En), None);
    }

    fn classify_as(text: &str, language: Language) -> Classification {
        classify(text, language, &[])
    }

    fn variant(canonical: &str) -> Classification {
        Classification::Variant {
            canonical: canonical.to_owned(),
            certain: true,
        }
    }

    fn loose(canonical: &str) -> Classification {
        Classification::Variant {
            canonical: canonical.to_owned(),
            certain: false,
        }
    }

    fn other(language: Language, translation: &str) -> Classification {
        Classification::OtherLanguage {
            language,
            translation: translation.to_owned(),
            certain: true,
        }
    }

    const LANGUAGES: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

    #[test]
    fn seed_frequencies_are_canonical_in_traditional_chinese() {
        let seed = [
            "當有更新數據時",
            "每三個月及有需要時",
            "有需要時",
            "每年及有需要時",
            "每年",
            "每月",
            "每季",
        ];
        for text in seed {
            assert_eq!(
                classify_as(text, Language::ZhHant),
                Classification::Canonical,
                "{text}"
            );
        }
    }

    #[test]
    fn spellings_shared_by_both_scripts_are_canonical_in_both() {
        for text in [
            "每月",
            "每年",
            "每季",
            "每日",
            "每星期",
            "每半年",
            "每星期五",
            "每年一月及七月",
        ] {
            assert_eq!(
                classify_as(text, Language::ZhHant),
                Classification::Canonical,
                "{text}"
            );
            assert_eq!(
                classify_as(text, Language::ZhHans),
                Classification::Canonical,
                "{text}"
            );
        }
    }

    /// Every meaning rendered in a language reads back as canonical there, and translates exactly.
    #[test]
    fn renderings_round_trip_in_every_language() {
        let mut terms: Vec<Term> = BASIC_TERMS
            .iter()
            .map(|&basic| Term::Basic(basic))
            .collect();
        for count in [1, 2, 3, 6, 10, 11, 15, 20, 21, 30, 99, 100] {
            for unit in [
                Unit::Minute,
                Unit::Hour,
                Unit::Day,
                Unit::Week,
                Unit::Month,
                Unit::Year,
            ] {
                terms.push(Term::every(count, unit));
            }
        }
        terms.push(Term::DailyAt(vec![TimeOfDay { hour: 9, minute: 0 }]));
        terms.push(Term::DailyAt(vec![
            TimeOfDay { hour: 0, minute: 5 },
            TimeOfDay {
                hour: 12,
                minute: 5,
            },
            TimeOfDay {
                hour: 14,
                minute: 0,
            },
        ]));
        terms.push(Term::Weekdays(vec![4]));
        terms.push(Term::Weekdays(vec![0, 3]));
        terms.push(Term::Weekdays(vec![0, 2, 6]));
        terms.push(Term::MonthsOfYear(vec![1, 7]));
        terms.push(Term::MonthsOfYear(vec![3, 10, 11, 12]));
        let mut frequencies: Vec<Frequency> = terms
            .iter()
            .map(|term| Frequency {
                first: term.clone(),
                rest: Vec::new(),
            })
            .collect();
        frequencies.extend(terms.iter().map(|term| Frequency {
            first: term.clone(),
            rest: vec![(Joiner::Or, Term::Basic(Basic::AsNeeded))],
        }));
        frequencies.push(Frequency {
            first: Term::Basic(Basic::Quarterly),
            rest: vec![
                (Joiner::Or, Term::Basic(Basic::Annually)),
                (Joiner::And, Term::every(2, Unit::Week)),
            ],
        });
        for frequency in &frequencies {
            for language in LANGUAGES {
                let text = render(frequency, language);
                assert_eq!(
                    classify_as(&text, language),
                    Classification::Canonical,
                    "{text}"
                );
                for target in other_languages(language) {
                    let expected = render(frequency, target);
                    // A spelling shared by both Chinese scripts is at home in either.
                    if expected == text {
                        continue;
                    }
                    // The reported language is one the text is canonical in (either script for 每日).
                    let Classification::OtherLanguage {
                        language: found,
                        translation,
                        certain: true,
                    } = classify_as(&text, target)
                    else {
                        panic!("{text} in {target:?} is not another language");
                    };
                    assert_eq!(translation, expected, "{text} in {target:?}");
                    assert_eq!(render(frequency, found), text, "{text} in {target:?}");
                }
            }
        }
    }

    #[test]
    fn english_variants_name_their_canonical_spelling() {
        let cases = [
            ("Yearly", "Annually"),
            ("yearly", "Annually"),
            ("Annual", "Annually"),
            ("Once a year", "Annually"),
            ("Every 1 year", "Annually"),
            ("Every year", "Annually"),
            ("On yearly basis", "Annually"),
            ("  Annually ", "Annually"),
            ("Everyday", "Daily"),
            ("Every Week", "Weekly"),
            ("Once a month", "Monthly"),
            ("Every 1 month", "Monthly"),
            ("monthly", "Monthly"),
            ("Realtime", "Real-time"),
            ("Real-Time", "Real-time"),
            ("As necessary", "As and when necessary"),
            ("As and when required", "As and when necessary"),
            ("On a need basis", "As and when necessary"),
            ("Update when necessary", "As and when necessary"),
            ("When necessary", "As and when necessary"),
            ("Twice per year", "Half-yearly"),
            ("Half yearly", "Half-yearly"),
            ("Semi-annually", "Half-yearly"),
            ("Every three months", "Every 3 months"),
            ("Every Six Months", "Every 6 months"),
            ("Every five year", "Every 5 years"),
            ("Every twenty-four hours", "Every 24 hours"),
            ("Quarterly/ Annual", "Quarterly or annually"),
            (
                "Hourly and as necessary",
                "Hourly and as and when necessary",
            ),
            (
                "Monthly and As and when necessary",
                "Monthly and as and when necessary",
            ),
            ("Monthly, quarterly", "Monthly and quarterly"),
            ("Daily at 9am", "Daily at 9:00am"),
            ("Daily at 09:00", "Daily at 9:00am"),
            ("Daily at 6:00 p.m.", "Daily at 6:00pm"),
            (
                "Daily at 12:05am, 12:05pm, 2:00pm and as necessary",
                "Daily at 12:05am, 12:05pm, 2:00pm and as and when necessary",
            ),
            ("every friday", "Every Friday"),
            ("Every Monday & Thursday", "Every Monday and Thursday"),
            ("January and July", "Every January and July"),
            ("Monthly.", "Monthly"),
        ];
        for (text, canonical) in cases {
            assert_eq!(
                classify_as(text, Language::En),
                variant(canonical),
                "{text:?}"
            );
        }
    }

    #[test]
    fn english_canonical_spellings() {
        for text in [
            "Daily at 9:00am",
            "Daily at 12:05am, 12:05pm, 2:00pm",
            "Every Friday",
            "Every Monday and Thursday",
            "Every 15 minutes",
            "Every 3 months",
            "Every 2 years",
            "Monthly and as and when necessary",
            "Annually or as and when necessary",
            "Twice daily",
        ] {
            assert_eq!(
                classify_as(text, Language::En),
                Classification::Canonical,
                "{text}"
            );
        }
    }

    #[test]
    fn loose_words_are_recognised_but_never_certain() {
        // Each may mean something other than its nearest term, so no fix may be safe.
        for (text, language, nearest) in [
            ("Ad hoc", Language::En, "As and when necessary"),
            ("Ad-hoc", Language::En, "As and when necessary"),
            ("Irregular", Language::En, "As and when necessary"),
            ("Irregularly", Language::En, "As and when necessary"),
            ("From time to time", Language::En, "As and when necessary"),
            ("Biannually", Language::En, "Half-yearly"),
            ("Bi-annual", Language::En, "Half-yearly"),
            ("Bi-Weekly", Language::En, "Every 2 weeks"),
            (
                "Monthly/ Ad hoc",
                Language::En,
                "Monthly or as and when necessary",
            ),
            ("不定期", Language::ZhHant, "有需要時"),
            ("不定期更新", Language::ZhHans, "有需要时"),
        ] {
            assert_eq!(classify_as(text, language), loose(nearest), "{text}");
        }
        assert!(matches!(
            classify_as("不定期", Language::En),
            Classification::OtherLanguage { certain: false, .. }
        ));
        assert!(matches!(
            classify_as("Irregular", Language::ZhHant),
            Classification::OtherLanguage { certain: false, .. }
        ));
        // The certain spellings of the same terms stay certain.
        assert_eq!(
            classify_as("Semi-annually", Language::En),
            variant("Half-yearly")
        );
        assert_eq!(
            classify_as("As necessary", Language::En),
            variant("As and when necessary")
        );
        assert_eq!(classify_as("每周", Language::ZhHant), variant("每星期"));
    }

    #[test]
    fn chinese_variants_name_their_canonical_spelling() {
        let traditional = [
            ("每年一次", "每年"),
            ("每3個月", "每三個月"),
            ("每３個月", "每三個月"),
            ("每二年", "每兩年"),
            ("每天", "每日"),
            ("每週", "每星期"),
            ("每周", "每星期"),
            ("每個月", "每月"),
            ("實時", "即時"),
            ("每季度", "每季"),
            ("有需要時更新", "有需要時"),
            ("每 年", "每年"),
            ("每年、有需要時", "每年及有需要時"),
            ("每季／每年", "每季或每年"),
            ("每15分鐘", "每十五分鐘"),
            ("每2小時", "每兩小時"),
            ("逢星期五", "每星期五"),
            ("每週一及四", "每星期一及星期四"),
            ("每日上午9:00", "每日上午9時"),
            ("每日下午4時半", "每日下午4時30分"),
        ];
        for (text, canonical) in traditional {
            assert_eq!(
                classify_as(text, Language::ZhHant),
                variant(canonical),
                "{text}"
            );
        }
        let simplified = [
            ("每年一次", "每年"),
            ("每3个月", "每三个月"),
            ("每周", "每星期"),
            ("即时", "实时"),
            ("有需要时更新", "有需要时"),
        ];
        for (text, canonical) in simplified {
            assert_eq!(
                classify_as(text, Language::ZhHans),
                variant(canonical),
                "{text}"
            );
        }
    }

    #[test]
    fn other_language_yields_an_exact_translation() {
        let cases = [
            ("Monthly", Language::ZhHant, other(Language::En, "每月")),
            ("Yearly", Language::ZhHant, other(Language::En, "每年")),
            (
                "Every 3 months",
                Language::ZhHans,
                other(Language::En, "每三个月"),
            ),
            (
                "每年及有需要時",
                Language::En,
                other(Language::ZhHant, "Annually and as and when necessary"),
            ),
            (
                "每三個月",
                Language::En,
                other(Language::ZhHant, "Every 3 months"),
            ),
            (
                "每年一次",
                Language::En,
                other(Language::ZhHant, "Annually"),
            ),
            (
                "有需要时",
                Language::ZhHant,
                other(Language::ZhHans, "有需要時"),
            ),
            (
                "每三个月及有需要时",
                Language::ZhHant,
                other(Language::ZhHans, "每三個月及有需要時"),
            ),
            (
                "當有更新數據時",
                Language::ZhHans,
                other(Language::ZhHant, "当有更新数据时"),
            ),
            ("每週", Language::ZhHans, other(Language::ZhHant, "每星期")),
            ("即時", Language::ZhHans, other(Language::ZhHant, "实时")),
        ];
        for (text, language, expected) in cases {
            assert_eq!(
                classify_as(text, language),
                expected,
                "{text} in {language:?}"
            );
        }
    }

    #[test]
    fn labels_ranges_and_remarks_are_recognised() {
        let english = [
            "Monthly - Registered Vehicle Mechanics\n",
            "Yearly - Competent Persons (Class 6)",
            "Social Welfare Department:  once a year",
            "AQHI: hourly / Forecast: 00:30, 10:30 and 16:30 everyday and as required",
            "Dept A: as necessary;\nDept B: twice daily;\nDept C: as necessary.",
            "Every two to three years",
            "Every 2-3 years",
            "About every two years",
            "Every 15 minutes during office hours",
            "Monthly, except for \"Completions\" to be updated annually",
        ];
        for text in english {
            assert_eq!(
                classify_as(text, Language::En),
                Classification::Recognised,
                "{text:?}"
            );
        }
        for text in [
            "每兩至三年",
            "約每兩年",
            "每月（部分數據每年）",
            "甲部門：每年；乙部門：有需要時",
        ] {
            assert_eq!(
                classify_as(text, Language::ZhHant),
                Classification::Recognised,
                "{text}"
            );
        }
    }

    #[test]
    fn unknown_names_the_closest_term() {
        let cases = [
            ("Montly", Language::En, Some("Monthly")),
            ("Anually", Language::En, Some("Annually")),
            ("每曰", Language::ZhHant, Some("每日")),
            ("N/A", Language::En, None),
            ("Every mid of month", Language::En, None),
            ("Monthly - ", Language::En, Some("Monthly")),
        ];
        for (text, language, closest) in cases {
            let expected = Classification::Unknown {
                closest: closest.map(str::to_owned),
            };
            assert_eq!(classify_as(text, language), expected, "{text}");
        }
    }

    #[test]
    fn extra_spellings_are_canonical() {
        let extra = vec!["Per school term".to_owned(), "  每學期 ".to_owned()];
        assert_eq!(
            classify("Per school term", Language::En, &extra),
            Classification::Canonical
        );
        assert_eq!(
            classify(" 每學期", Language::ZhHant, &extra),
            Classification::Canonical
        );
        assert!(matches!(
            classify("Per term", Language::En, &extra),
            Classification::Unknown { .. }
        ));
        // An empty extra entry must not make empty cells acceptable.
        let blank = vec![String::new()];
        assert!(matches!(
            classify("", Language::En, &blank),
            Classification::Unknown { .. }
        ));
    }

    #[test]
    fn canonical_terms_list_the_base_vocabulary() {
        let english = canonical_terms(Language::En);
        assert!(english.contains(&"Annually".to_owned()));
        assert!(english.contains(&"As and when necessary".to_owned()));
        assert!(canonical_terms(Language::ZhHant).contains(&"當有更新數據時".to_owned()));
        assert!(canonical_terms(Language::ZhHans).contains(&"实时".to_owned()));
        for language in LANGUAGES {
            assert_eq!(canonical_terms(language).len(), BASIC_TERMS.len());
        }
    }

    #[test]
    fn degenerate_input_never_panics() {
        let long_garbage = "x".repeat(100_000);
        let long_frequency = "Monthly and ".repeat(10_000);
        let just_under_the_cap = format!("{}Monthly", "漢".repeat(MAX_INPUT_CHARS - 8));
        let inputs = [
            "",
            " ",
            "     ",
            "\t\n\r",
            "\u{0}",
            "\u{7}Monthly\u{1b}",
            ":",
            "：",
            " - ",
            "/",
            "每",
            "every",
            "every 99999999999 years",
            "Daily at 99:99",
            "Daily at 12:60pm",
            "每日上午25時",
            "每年十三月",
            "每零年",
            long_garbage.as_str(),
            long_frequency.as_str(),
            just_under_the_cap.as_str(),
        ];
        for text in inputs {
            for language in LANGUAGES {
                let _ = classify(text, language, &[]);
            }
        }
        assert_eq!(
            classify("", Language::En, &[]),
            Classification::Unknown { closest: None }
        );
        assert_eq!(
            classify(&long_garbage, Language::En, &[]),
            Classification::Unknown { closest: None }
        );
    }

    // -----------------------------------------------------------------------------------------
    // Corpus: what departments really wrote on DATA.GOV.HK in 2018.

    const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/datagovhk-2018");

    /// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
    fn parse_csv(text: &str) -> Vec<Vec<String>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut in_quotes = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if in_quotes {
                match c {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => in_quotes = false,
                    _ => field.push(c),
                }
                continue;
            }
            match c {
                '"' => in_quotes = true,
                ',' => record.push(std::mem::take(&mut field)),
                '\r' if chars.peek() == Some(&'\n') => {}
                '\n' => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                _ => field.push(c),
            }
        }
        if !field.is_empty() || !record.is_empty() {
            record.push(field);
            records.push(record);
        }
        records
    }

    #[test]
    fn csv_reader_handles_quotes_and_line_breaks() {
        let records = parse_csv("a,\"b, \"\"c\"\"\nd\",e\r\n1,2,3\r\n");
        assert_eq!(
            records,
            vec![
                vec!["a".to_owned(), "b, \"c\"\nd".to_owned(), "e".to_owned()],
                vec!["1".to_owned(), "2".to_owned(), "3".to_owned()],
            ]
        );
    }

    fn label(classification: &Classification) -> String {
        match classification {
            Classification::Canonical => "canonical".to_owned(),
            Classification::Variant { canonical, certain } => {
                format!(
                    "variant -> {}{}",
                    canonical.escape_debug(),
                    if *certain { "" } else { " (uncertain)" }
                )
            }
            Classification::OtherLanguage {
                language,
                translation,
                certain,
            } => {
                format!(
                    "other-language {language:?} -> {}{}",
                    translation.escape_debug(),
                    if *certain { "" } else { " (uncertain)" }
                )
            }
            Classification::Recognised => "recognised".to_owned(),
            Classification::Unknown {
                closest: Some(closest),
            } => {
                format!("unknown (closest {})", closest.escape_debug())
            }
            Classification::Unknown { closest: None } => "unknown".to_owned(),
        }
    }

    #[test]
    fn corpus_classification() {
        let csv_path = format!("{CORPUS_DIR}/datagovhk_catalogue_2018-06-04_en.csv");
        let expected_path = format!("{CORPUS_DIR}/classification.txt");
        let csv = std::fs::read_to_string(&csv_path).expect("the corpus CSV is committed");
        let records = parse_csv(&csv);
        let (header, rows) = records.split_first().expect("the CSV has a header");
        let column = header
            .iter()
            .position(|name| name == "Update Frequency")
            .expect("an Update Frequency column");
        assert_eq!(rows.len(), 627, "the 2018 crawl has 627 datasets");

        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for row in rows {
            let frequency = row.get(column).expect("every row has the column");
            *counts.entry(frequency.as_str()).or_default() += 1;
        }
        let mut table: Vec<(usize, &str, Classification)> = counts
            .iter()
            .map(|(&text, &count)| (count, text, classify(text, Language::En, &[])))
            .collect();
        table.sort_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(right.1)));

        let is_unknown = |classification: &Classification| {
            matches!(classification, Classification::Unknown { .. })
        };
        let distinct_known = table.iter().filter(|(_, _, c)| !is_unknown(c)).count();
        let rows_known: usize = table
            .iter()
            .filter(|(_, _, c)| !is_unknown(c))
            .map(|(count, _, _)| count)
            .sum();
        assert!(
            distinct_known * 100 >= table.len() * 95,
            "{distinct_known} of {} distinct",
            table.len()
        );
        assert!(
            rows_known * 100 >= rows.len() * 95,
            "{rows_known} of {} rows",
            rows.len()
        );

        let actual: String = table
            .iter()
            .map(|(count, text, classification)| {
                format!(
                    "{count}\t{}\t{}\n",
                    label(classification),
                    text.escape_debug()
                )
            })
            .collect();
        if std::env::var("UPDATE_EXPECT").is_ok_and(|value| value == "1") {
            std::fs::write(&expected_path, &actual).expect("the expected table is writable");
            return;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != actual {
            let expected_lines: Vec<&str> = expected.lines().collect();
            let actual_lines: Vec<&str> = actual.lines().collect();
            let mut diff = String::new();
            for line in expected_lines
                .iter()
                .filter(|line| !actual_lines.contains(line))
            {
                diff.push_str(&format!("- {line}\n"));
            }
            for line in actual_lines
                .iter()
                .filter(|line| !expected_lines.contains(line))
            {
                diff.push_str(&format!("+ {line}\n"));
            }
            panic!(
                "corpus classification differs from {expected_path} (- expected, + actual); \
                 rerun with UPDATE_EXPECT=1 to accept:\n{diff}"
            );
        }
    }
}
