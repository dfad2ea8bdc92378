//! The typed plan, built from the parsed tree (or a value) once its structure is sound. Unknown keys are left
//! to the schema check; cells stay exactly as written, since reporting defects is the rules' job.

use serde::Deserialize;
use serde_json::Value;

use crate::document::tree::FieldNames;
use crate::document::{Document, Kind, NodeRef, pointer};

mod cells;
mod dates;

pub use cells::{CellKind, CellPlace, TextCell};
pub use dates::{Period, YearMonth};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
pub enum Language {
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "zh-Hans")]
    ZhHans,
    #[serde(rename = "en")]
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::ZhHant => "zh-Hant",
            Language::ZhHans => "zh-Hans",
            Language::En => "en",
        }
    }

    /// The language as messages name it: its code in English (`zh-Hant`), the script's own name
    /// in Chinese (`繁體字`), so that a Chinese message reads 以簡體字書寫, not 以 zh-Hans 書寫.
    pub fn name(self) -> crate::messages::Message {
        crate::messages::Message::new(match self {
            Language::ZhHant => "language.zh-Hant",
            Language::ZhHans => "language.zh-Hans",
            Language::En => "language.en",
        })
    }

    pub const ALL: [Language; 3] = [Language::ZhHant, Language::ZhHans, Language::En];

    pub fn from_code(code: &str) -> Option<Self> {
        Language::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The placeholder that fills the category cell of an empty table.
    pub fn placeholder(self) -> &'static str {
        match self {
            Language::ZhHant => "不適用",
            Language::ZhHans => "不适用",
            Language::En => "N/A",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Plan<'a> {
    pub format: Option<&'a str>,
    /// Empty when missing or not text (the schema check reports it).
    pub organisation: &'a str,
    pub organisation_id: Option<&'a str>,
    pub language: Language,
    /// Empty when missing or not text.
    pub title: &'a str,
    /// `None` when missing or not text: the rules that read it then stay silent.
    pub period: Option<&'a str>,
    /// `None` when missing or not text.
    pub published: Option<&'a str>,
    pub sections: Sections<'a>,
}

/// The four sections; one that is missing or not a mapping is `None`.
#[derive(Debug, Clone, Default)]
pub struct Sections<'a> {
    pub a: Option<Section<'a>>,
    pub b: Option<Section<'a>>,
    pub c: Option<Section<'a>>,
    pub d: Option<Section<'a>>,
}

#[derive(Debug, Clone, Default)]
pub struct Section<'a> {
    pub title: Option<&'a str>,
    /// `None` when missing, not a mapping, or with `rows` that are not a list.
    pub spatial: Option<Table<'a>>,
    pub non_spatial: Option<Table<'a>>,
}

#[derive(Debug, Clone, Default)]
pub struct Table<'a> {
    pub note: Option<&'a str>,
    /// `None` when the table has no `rows` key.
    pub rows: Option<Vec<Row<'a>>>,
}

/// A row; a cell that is missing or of the wrong type is `None` (the schema check reports the
/// wrong type), so that the rest of the row is still checked. A row that is not a mapping keeps
/// its place as a row of `None`s, so that the others keep their index.
#[derive(Debug, Clone, Default)]
pub struct Row<'a> {
    pub item: Option<serde_json::Number>,
    pub category: Option<&'a str>,
    /// Whether the category is the placeholder of a table with nothing to list, in any
    /// spelling ([`is_placeholder`]): worked out once, as the row is read, for every check that
    /// sets such a row apart.
    pub placeholder: bool,
    pub name: Option<&'a str>,
    pub description: Option<&'a str>,
    pub release_date: Option<&'a str>,
    pub frequency: Option<&'a str>,
    pub organisation: Option<&'a str>,
    pub parts: Option<Vec<Part<'a>>>,
}

#[derive(Debug, Clone, Default)]
pub struct Part<'a> {
    pub description: Option<&'a str>,
    pub frequency: Option<&'a str>,
    pub release_date: Option<&'a str>,
}

/// What the model is read from: a `serde_json` value or a node of a document's tree. Strings are
/// borrowed from the source for `'v`.
pub trait Source<'v>: Copy + Send + Sync {
    /// The value of `key`, when this is a mapping that has it.
    fn get(self, key: &str) -> Option<Self>;
    /// Whether this is a mapping.
    fn is_mapping(self) -> bool;
    /// The items, when this is a sequence.
    fn items(self) -> Option<Vec<Self>>;
    /// How many items there are, when this is a sequence.
    fn item_count(self) -> Option<usize>;
    /// The `index`th item, when this is a sequence that long.
    fn item(self, index: usize) -> Option<Self>;
    fn text(self) -> Option<&'v str>;
    fn number(self) -> Option<serde_json::Number>;
    /// The values of `keys` in a mapping (each as [`Source::get`] finds it), in one pass over
    /// its entries where the source can.
    fn fields<const N: usize>(self, fields: &FieldNames<N>) -> [Option<Self>; N] {
        fields.names.map(|key| self.get(key))
    }
}

impl<'v> Source<'v> for &'v Value {
    fn get(self, key: &str) -> Option<Self> {
        self.as_object()?.get(key)
    }
    fn is_mapping(self) -> bool {
        self.is_object()
    }
    fn items(self) -> Option<Vec<Self>> {
        Some(self.as_array()?.iter().collect())
    }
    fn item_count(self) -> Option<usize> {
        Some(self.as_array()?.len())
    }
    fn item(self, index: usize) -> Option<Self> {
        self.as_array()?.get(index)
    }
    fn text(self) -> Option<&'v str> {
        self.as_str()
    }
    fn number(self) -> Option<serde_json::Number> {
        match self {
            Value::Number(number) => Some(number.clone()),
            _ => None,
        }
    }
}

impl<'v> Source<'v> for NodeRef<'v> {
    fn get(self, key: &str) -> Option<Self> {
        NodeRef::get(&self, key)
    }
    fn is_mapping(self) -> bool {
        self.kind() == Kind::Mapping
    }
    fn items(self) -> Option<Vec<Self>> {
        Some(NodeRef::items(&self)?.collect())
    }
    fn item_count(self) -> Option<usize> {
        Some(NodeRef::items(&self)?.len())
    }
    fn item(self, index: usize) -> Option<Self> {
        NodeRef::item(&self, index)
    }
    fn text(self) -> Option<&'v str> {
        self.as_str()
    }
    fn number(self) -> Option<serde_json::Number> {
        self.as_number()
    }
    fn fields<const N: usize>(self, fields: &FieldNames<N>) -> [Option<Self>; N] {
        NodeRef::fields(&self, fields)
    }
}

/// The text of `key` in a mapping, when it is text.
fn text<'v, S: Source<'v>>(object: S, key: &str) -> Option<&'v str> {
    object.get(key).and_then(S::text)
}

impl<'v> Section<'v> {
    fn from_source<S: Source<'v>>(object: S) -> Option<Self> {
        if !object.is_mapping() {
            return None;
        }
        Some(Section {
            title: text(object, "title"),
            spatial: object.get("spatial").and_then(Table::from_source),
            non_spatial: object.get("non_spatial").and_then(Table::from_source),
        })
    }
}

impl<'v> Table<'v> {
    fn from_source<S: Source<'v>>(object: S) -> Option<Self> {
        if !object.is_mapping() {
            return None;
        }
        let rows = match object.get("rows") {
            None => None,
            Some(rows) => Some(rows_of(rows, crate::ordered::threads_here() > 1)?),
        };
        Some(Table {
            note: text(object, "note"),
            rows,
        })
    }
}

/// A table of this many rows or more is read on several threads.
const PARALLEL_ROWS: usize = 2048;

/// The rows read from the items of `sequence` (None when it is not one), in order; a long
/// table on every thread of the pool when `parallel`, each writing its rows straight into their
/// place (the pages of a large table are then made ready on all threads, not first filled with
/// empty rows on one), and each reaching its items itself (a list of them all was made on one).
fn rows_of<'v, S: Source<'v>>(sequence: S, parallel: bool) -> Option<Vec<Row<'v>>> {
    use rayon::prelude::*;
    let count = sequence.item_count()?;
    let row = |index| {
        sequence
            .item(index)
            .map_or_else(Row::default, Row::from_source)
    };
    if count < PARALLEL_ROWS || !parallel {
        return Some((0..count).map(row).collect());
    }
    let mut rows = Vec::new();
    (0..count)
        .into_par_iter()
        .with_min_len(PARALLEL_ROWS / 2)
        .map(row)
        .collect_into_vec(&mut rows);
    Some(rows)
}

/// A row's keys, in the order the template gives them (a row's `organisation` comes after its
/// cells).
pub const ROW_KEYS: [&str; 8] = [
    "item",
    "category",
    "name",
    "description",
    "release_date",
    "frequency",
    "organisation",
    "parts",
];

/// The cells of a row, and of a part of one.
const ROW_FIELDS: FieldNames<8> = FieldNames::new(ROW_KEYS);
const PART_FIELDS: FieldNames<3> = FieldNames::new(["description", "frequency", "release_date"]);

impl<'v> Row<'v> {
    fn from_source<S: Source<'v>>(object: S) -> Self {
        if !object.is_mapping() {
            return Row::default();
        }
        let [
            item,
            category,
            name,
            description,
            release_date,
            frequency,
            organisation,
            parts,
        ] = object.fields(&ROW_FIELDS);
        let category = category.and_then(S::text);
        Row {
            item: item.and_then(S::number),
            category,
            placeholder: category.is_some_and(is_placeholder),
            name: name.and_then(S::text),
            description: description.and_then(S::text),
            release_date: release_date.and_then(S::text),
            frequency: frequency.and_then(S::text),
            organisation: organisation.and_then(S::text),
            parts: parts.and_then(S::items).map(|parts| {
                parts
                    .into_iter()
                    .map(|part| {
                        if part.is_mapping() {
                            let [description, frequency, release_date] = part.fields(&PART_FIELDS);
                            Part {
                                description: description.and_then(S::text),
                                frequency: frequency.and_then(S::text),
                                release_date: release_date.and_then(S::text),
                            }
                        } else {
                            Part::default()
                        }
                    })
                    .collect()
            }),
        }
    }
}

/// The four sections of the template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SectionKey {
    A,
    B,
    C,
    D,
}

impl SectionKey {
    pub const ALL: [SectionKey; 4] = [SectionKey::A, SectionKey::B, SectionKey::C, SectionKey::D];

    pub fn as_str(self) -> &'static str {
        match self {
            SectionKey::A => "A",
            SectionKey::B => "B",
            SectionKey::C => "C",
            SectionKey::D => "D",
        }
    }

    /// Whether the section's date column holds target dates (A, B, C) or actual ones (D).
    pub fn has_targets(self) -> bool {
        self != SectionKey::D
    }
}

/// The two tables of a section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TableKind {
    Spatial,
    NonSpatial,
}

impl TableKind {
    pub fn key(self) -> &'static str {
        match self {
            TableKind::Spatial => "spatial",
            TableKind::NonSpatial => "non_spatial",
        }
    }

    /// The template's numbering: i. spatial, ii. non-spatial.
    pub fn numeral(self) -> &'static str {
        match self {
            TableKind::Spatial => "i",
            TableKind::NonSpatial => "ii",
        }
    }
}

/// A table with where it is.
#[derive(Debug, Clone, Copy)]
pub struct TableRef<'a> {
    pub section: SectionKey,
    pub kind: TableKind,
    pub table: &'a Table<'a>,
}

impl<'a> TableRef<'a> {
    pub fn pointer(&self) -> String {
        pointer(["sections", self.section.as_str(), self.kind.key()])
    }

    pub fn rows_pointer(&self) -> String {
        format!("{}/rows", self.pointer())
    }

    pub fn row_pointer(&self, index: usize) -> String {
        format!("{}/rows/{index}", self.pointer())
    }

    /// How people name the table: `D.ii`.
    pub fn label(&self) -> String {
        format!("{}.{}", self.section.as_str(), self.kind.numeral())
    }

    pub fn rows(&self) -> &'a [Row<'a>] {
        self.table.rows.as_deref().unwrap_or(&[])
    }
}

impl<'v> Plan<'v> {
    /// Builds the model from a value, borrowing its strings, part by part: what is missing or
    /// of the wrong type is left out (the schema check reports it) and the rest is kept, so the
    /// rules still check everything they can read. `None` only when the value is not a mapping
    /// or has no readable `language`, which every language-bound rule needs.
    pub fn from_value(value: &'v Value) -> Option<Self> {
        Self::from_source(value)
    }

    /// Builds the model from a parsed document's tree, borrowing its strings from the document
    /// (as [`Plan::from_value`] does from a value).
    pub fn from_document(document: &'v Document) -> Option<Self> {
        Self::from_source(document.root()?)
    }

    fn from_source<S: Source<'v>>(object: S) -> Option<Self> {
        if !object.is_mapping() {
            return None;
        }
        let language = object
            .get("language")
            .and_then(S::text)
            .and_then(Language::from_code)?;
        let sections = object.get("sections").filter(|s| s.is_mapping());
        let section = |key: &str| {
            sections
                .and_then(|s| s.get(key))
                .and_then(Section::from_source)
        };
        Some(Plan {
            format: text(object, "format"),
            organisation: text(object, "organisation").unwrap_or_default(),
            organisation_id: text(object, "organisation_id"),
            language,
            title: text(object, "title").unwrap_or_default(),
            period: text(object, "period"),
            published: text(object, "published"),
            sections: Sections {
                a: section("A"),
                b: section("B"),
                c: section("C"),
                d: section("D"),
            },
        })
    }

    /// A section, when it could be read.
    pub fn section(&self, key: SectionKey) -> Option<&Section<'v>> {
        match key {
            SectionKey::A => self.sections.a.as_ref(),
            SectionKey::B => self.sections.b.as_ref(),
            SectionKey::C => self.sections.c.as_ref(),
            SectionKey::D => self.sections.d.as_ref(),
        }
    }

    /// The eight tables in template order, those that could be read.
    pub fn tables(&self) -> impl Iterator<Item = TableRef<'_>> {
        SectionKey::ALL.into_iter().flat_map(move |section| {
            let s = self.section(section);
            [
                (TableKind::Spatial, s.and_then(|s| s.spatial.as_ref())),
                (
                    TableKind::NonSpatial,
                    s.and_then(|s| s.non_spatial.as_ref()),
                ),
            ]
            .into_iter()
            .filter_map(move |(kind, table)| {
                table.map(|table| TableRef {
                    section,
                    kind,
                    table,
                })
            })
        })
    }
}

impl Row<'_> {
    /// The name of a dataset row; `None` for the placeholder row and a row without a name.
    pub fn dataset_name(&self) -> Option<&str> {
        self.name
            .filter(|name| !is_blank(name))
            .filter(|_| !self.placeholder)
    }

    /// The item number, when it is a whole number.
    pub fn item_number(&self) -> Option<i64> {
        let item = self.item.as_ref()?;
        item.as_i64()
            .or_else(|| item.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
    }

    /// The item as messages quote it (`?` when it is not a number).
    pub fn item_text(&self) -> String {
        self.item
            .as_ref()
            .map_or_else(|| "?".to_string(), ToString::to_string)
    }
}

/// Whether `text` is empty or white space only, mostly decided by its first byte: white space
/// starts with an ASCII space or control from tab to carriage return, or with the lead byte of
/// the few blocks that hold the rest (U+0080-U+00BF, U+1000-U+3FFF).
pub fn is_blank(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(b'\t'..=b'\r' | b' ' | 0xC2 | 0xE1..=0xE3) => text.trim_start().is_empty(),
        Some(_) => false,
    }
}

/// Whether a category cell is a placeholder, in any spelling.
pub fn is_placeholder(category: &str) -> bool {
    // Every spelling starts with one of these (U+F967 for 不 is the same character to a reader,
    // and T007 reports it): most categories are rejected at their first character.
    let starts_like_one = |c: char| matches!(c, '不' | '無' | '无' | 'n' | 'N' | 'ｎ' | 'Ｎ');
    let first = category.trim_start().chars().next();
    if !first.is_some_and(|c| starts_like_one(crate::hanzi::unified(c).unwrap_or(c))) {
        return false;
    }
    let category = crate::hanzi::unify(category);
    let category = category.as_ref();
    let trimmed = category.trim();
    if matches!(trimmed, "不適用" | "不适用" | "N/A") {
        return true;
    }
    // Every spelling is short.
    if trimmed.len() > 48 {
        return false;
    }
    let folded: String = category
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '／' | '．' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect::<String>()
        .to_lowercase();
    let folded = folded.trim_end_matches(['。', '.', '．']);
    matches!(
        folded,
        "不適用"
            | "不适用"
            | "n/a"
            | "n.a"
            | "na"
            | "nil"
            | "none"
            | "無"
            | "无"
            | "not applicable"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_table_read_on_two_threads_is_the_table_read_in_turn() {
        let items: Vec<Value> = (0..5_001)
            .map(|n| match n % 5 {
                0 => serde_json::json!("not a row"),
                1 => serde_json::json!({"item": n, "name": format!("數據集{n}"), "parts": [{"frequency": "每月"}]}),
                _ => serde_json::json!({"item": n, "category": "交通", "release_date": "03/2019"}),
            })
            .collect();
        let items = Value::Array(items);
        let in_turn = rows_of(&items, false).unwrap();
        let beside = rows_of(&items, true).unwrap();
        assert_eq!(in_turn.len(), 5_001);
        assert_eq!(format!("{beside:?}"), format!("{in_turn:?}"));
        // Read from the tree, the same rows.
        let document = crate::document::Document::parse("rows.json", &items.to_string());
        let root = document.root().unwrap();
        assert_eq!(
            format!("{:?}", rows_of(root, true).unwrap()),
            format!("{in_turn:?}")
        );
        assert!(rows_of(&Value::Null, true).is_none() && rows_of(&items[1], true).is_none());
    }

    #[test]
    fn a_text_is_blank_exactly_when_it_is_white_space_only() {
        assert!(is_blank("") && is_blank(" \t\u{3000}\n") && !is_blank(" \u{3000}x"));
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(
                is_blank(&alone),
                c.is_whitespace(),
                "U+{:04X}",
                u32::from(c)
            );
            assert_eq!(
                is_blank(&format!("{c} ")),
                c.is_whitespace(),
                "U+{:04X}",
                u32::from(c)
            );
            assert!(!is_blank(&format!("{c}x")), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn placeholders_are_known_whatever_their_first_character() {
        for text in [
            "不適用",
            " \u{F967}適用",
            "N/A",
            "ｎ／ａ",
            "\u{3000}無",
            "none.",
            "NIL",
        ] {
            assert!(is_placeholder(text), "{text}");
        }
        for text in ["", " ", "適用", "交通", "Nothing", "x N/A"] {
            assert!(!is_placeholder(text), "{text}");
        }
    }

    #[test]
    fn strict_dates_are_exactly_mm_yyyy() {
        assert_eq!(YearMonth::parse_strict("03/2019"), YearMonth::new(2019, 3));
        for bad in [
            "2/2015",
            "2015/02",
            "02-2015",
            "13/2024",
            "00/2024",
            "０２/2015",
            " 02/2015",
        ] {
            assert_eq!(YearMonth::parse_strict(bad), None, "{bad}");
        }
    }

    #[test]
    fn lenient_dates_accept_only_certain_meanings() {
        assert_eq!(
            YearMonth::parse_lenient("2/2015").unwrap().to_string(),
            "02/2015"
        );
        assert_eq!(
            YearMonth::parse_lenient("０２／２０１５")
                .unwrap()
                .to_string(),
            "02/2015"
        );
        for bad in ["2015/02", "13/2024", "2/15", "02-2015", ""] {
            assert_eq!(YearMonth::parse_lenient(bad), None, "{bad}");
        }
    }

    #[test]
    fn periods_parse() {
        assert_eq!(
            Period::parse("2024-2026"),
            Some(Period {
                first: 2024,
                last: 2026
            })
        );
        assert!(!Period::parse("2024-2025").unwrap().is_three_years());
        assert_eq!(Period::parse("2024–2026"), None);
    }
}
