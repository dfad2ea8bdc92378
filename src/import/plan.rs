//! The plan as imported, in the order the YAML writes it: sections, tables, rows and their
//! parts, and the template's columns. Every reader's result ends here.

use crate::model::{Language, TableKind};

/// Facts about the plan given on the command line; each replaces what the input says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    pub organisation: Option<String>,
    pub language: Option<Language>,
    pub title: Option<String>,
    pub period: Option<String>,
    pub published: Option<String>,
}

/// The plan as imported, in the order the YAML writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub organisation: String,
    pub language: Language,
    pub title: String,
    pub period: String,
    pub published: String,
    /// Sections A to D; a section the input does not have is `None`.
    pub sections: [Option<Section>; 4],
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub title: Option<String>,
    pub spatial: Option<Table>,
    pub non_spatial: Option<Table>,
}

impl Section {
    pub fn table(&self, kind: TableKind) -> Option<&Table> {
        match kind {
            TableKind::Spatial => self.spatial.as_ref(),
            TableKind::NonSpatial => self.non_spatial.as_ref(),
        }
    }

    pub(super) fn table_slot(&mut self, kind: TableKind) -> &mut Option<Table> {
        match kind {
            TableKind::Spatial => &mut self.spatial,
            TableKind::NonSpatial => &mut self.non_spatial,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table {
    pub note: Option<String>,
    pub rows: Vec<Row>,
}

/// One table row. Empty cells are empty strings. A row with `more_parts` is one dataset with
/// several resources: its own description and frequency are the first part. Its release date is
/// then either shared by every part (one merged cell in the published table) or, with
/// `part_dates`, the first part's own, each further part having its own (a cell per part).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub item: u64,
    pub category: String,
    pub name: String,
    pub description: String,
    pub release_date: String,
    pub frequency: String,
    pub organisation: String,
    pub more_parts: Vec<Part>,
    /// The release date column holds a date per part (`parts[N].release_date` in the plan).
    pub part_dates: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Part {
    pub description: String,
    pub frequency: String,
    pub release_date: String,
}

impl Row {
    /// The cell of a column (the item column has no text cell).
    pub(super) fn cell_mut(&mut self, field: Field) -> Option<&mut String> {
        Some(match field {
            Field::Item => return None,
            Field::Category => &mut self.category,
            Field::Name => &mut self.name,
            Field::Description => &mut self.description,
            Field::ReleaseDate => &mut self.release_date,
            Field::Frequency => &mut self.frequency,
            Field::Organisation => &mut self.organisation,
        })
    }

    /// Where a continuation of `field` goes: the last part for a part's own cells.
    pub(super) fn continued_cell(&mut self, field: Field) -> Option<&mut String> {
        let to_part = self.more_parts.last().is_some_and(|part| match field {
            Field::Description | Field::Frequency => true,
            Field::ReleaseDate => !part.release_date.is_empty(),
            _ => false,
        });
        if !to_part {
            return self.cell_mut(field);
        }
        let part = self.more_parts.last_mut()?;
        Some(match field {
            Field::Description => &mut part.description,
            Field::Frequency => &mut part.frequency,
            _ => &mut part.release_date,
        })
    }

    /// The frequency a continuation line would add a part after.
    pub(super) fn current_frequency(&self) -> &str {
        self.more_parts
            .last()
            .map_or(&self.frequency, |part| &part.frequency)
    }
}

/// A column of the template's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Item,
    Category,
    Name,
    Description,
    ReleaseDate,
    Frequency,
    Organisation,
}

impl Field {
    /// The column a table's header cell names, by its key word: `編號`, `Item No.`,
    /// `目標發放日期 (月/年)`, `Update Frequency`, ... (frequency is tried before date, since
    /// "update" contains "date").
    pub fn from_header(text: &str) -> Option<Field> {
        const KEY_WORDS: [(Field, &[&str]); 7] = [
            (Field::Frequency, &["頻率", "频率", "frequency"]),
            (Field::Category, &["種類", "种类", "category"]),
            (Field::Description, &["說明", "说明", "description"]),
            (Field::Name, &["名稱", "名称", "name"]),
            (Field::ReleaseDate, &["日期", "date"]),
            (Field::Item, &["編號", "编号", "item", "no."]),
            (
                Field::Organisation,
                &["機構", "机构", "organisation", "organization", "department"],
            ),
        ];
        let lower = text.trim().to_lowercase();
        if lower == "no" {
            return Some(Field::Item);
        }
        KEY_WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|word| lower.contains(word)))
            .map(|(field, _)| *field)
    }
}

/// The template's columns, in its order.
pub const TEMPLATE_COLUMNS: [Field; 6] = [
    Field::Item,
    Field::Category,
    Field::Name,
    Field::Description,
    Field::ReleaseDate,
    Field::Frequency,
];
