//! The plan's text cells: what each holds and where it is, listed as they are read.

use super::{Plan, Row, SectionKey, TableKind, TableRef};

/// What a text cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CellKind {
    Organisation,
    Title,
    Note,
    Category,
    Name,
    Description,
    ReleaseDate,
    Frequency,
}

/// Where a cell is. Its JSON pointer is built only when a finding needs it: most cells have
/// none, and a large plan has hundreds of thousands of cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellPlace {
    /// A top-level key such as `organisation`.
    Plan(&'static str),
    SectionTitle(SectionKey),
    Note(SectionKey, TableKind),
    Row {
        section: SectionKey,
        table: TableKind,
        row: usize,
        field: &'static str,
    },
    Part {
        section: SectionKey,
        table: TableKind,
        row: usize,
        part: usize,
        field: &'static str,
    },
}

impl CellPlace {
    pub fn pointer(&self) -> String {
        match *self {
            CellPlace::Plan(key) => format!("/{key}"),
            CellPlace::SectionTitle(section) => format!("/sections/{}/title", section.as_str()),
            CellPlace::Note(section, table) => {
                format!("/sections/{}/{}/note", section.as_str(), table.key())
            }
            CellPlace::Row {
                section,
                table,
                row,
                field,
            } => format!(
                "/sections/{}/{}/rows/{row}/{field}",
                section.as_str(),
                table.key()
            ),
            CellPlace::Part {
                section,
                table,
                row,
                part,
                field,
            } => format!(
                "/sections/{}/{}/rows/{row}/parts/{part}/{field}",
                section.as_str(),
                table.key()
            ),
        }
    }

    pub fn section(&self) -> Option<SectionKey> {
        match *self {
            CellPlace::Plan(_) => None,
            CellPlace::SectionTitle(section) | CellPlace::Note(section, _) => Some(section),
            CellPlace::Row { section, .. } | CellPlace::Part { section, .. } => Some(section),
        }
    }
}

/// A text cell of the plan: what it holds, where it is, its row (for row and part cells).
#[derive(Debug, Clone, Copy)]
pub struct TextCell<'a> {
    pub kind: CellKind,
    pub place: CellPlace,
    pub row: Option<&'a Row<'a>>,
    pub value: &'a str,
}

impl TextCell<'_> {
    pub fn pointer(&self) -> String {
        self.place.pointer()
    }
}

impl Plan<'_> {
    /// Every text value of the plan, in document order: header, titles, notes, every cell.
    /// Listed as they are read, never held: a large plan has hundreds of thousands of cells.
    pub fn text_cells(&self) -> impl Iterator<Item = TextCell<'_>> + '_ {
        let tables = self.tables().flat_map(|table| {
            let rows = (0..table.rows().len()).flat_map(move |index| table.row_cells(index));
            table.note_cell().into_iter().chain(rows)
        });
        self.header_cells().chain(tables)
    }

    /// The cells before the tables, in document order: the header's, then the sections' titles.
    pub fn header_cells(&self) -> impl Iterator<Item = TextCell<'_>> + '_ {
        let header = [
            (CellKind::Organisation, "organisation", self.organisation),
            (CellKind::Title, "title", self.title),
        ]
        .into_iter()
        .map(|(kind, key, value)| TextCell {
            kind,
            place: CellPlace::Plan(key),
            row: None,
            value,
        });
        let titles = SectionKey::ALL.into_iter().filter_map(move |key| {
            let title = self.section(key)?.title?;
            Some(TextCell {
                kind: CellKind::Title,
                place: CellPlace::SectionTitle(key),
                row: None,
                value: title,
            })
        });
        header.chain(titles)
    }
}

impl<'a> TableRef<'a> {
    /// The table's note, which comes before its rows.
    pub fn note_cell(self) -> Option<TextCell<'a>> {
        self.table.note.map(|note| TextCell {
            kind: CellKind::Note,
            place: CellPlace::Note(self.section, self.kind),
            row: None,
            value: note,
        })
    }

    /// The cells of row `index`, in document order: its fields, then its parts'.
    pub fn row_cells(self, index: usize) -> impl Iterator<Item = TextCell<'a>> + 'a {
        let (section, table) = (self.section, self.kind);
        let row = &self.rows()[index];
        let fields = present(
            row,
            [
                (CellKind::Category, "category", row.category),
                (CellKind::Name, "name", row.name),
                (CellKind::Description, "description", row.description),
                (CellKind::ReleaseDate, "release_date", row.release_date),
                (CellKind::Frequency, "frequency", row.frequency),
                (CellKind::Organisation, "organisation", row.organisation),
            ],
            move |field| CellPlace::Row {
                section,
                table,
                row: index,
                field,
            },
        );
        let parts = row
            .parts
            .iter()
            .flatten()
            .enumerate()
            .flat_map(move |(part_index, part)| {
                present(
                    row,
                    [
                        (CellKind::Description, "description", part.description),
                        (CellKind::ReleaseDate, "release_date", part.release_date),
                        (CellKind::Frequency, "frequency", part.frequency),
                    ],
                    move |field| CellPlace::Part {
                        section,
                        table,
                        row: index,
                        part: part_index,
                        field,
                    },
                )
            });
        fields.chain(parts)
    }
}

/// The cells of `row` among `fields` (kind, key, value) that have a value, each placed by `place`
/// from its key.
fn present<'a, const N: usize>(
    row: &'a Row<'a>,
    fields: [(CellKind, &'static str, Option<&'a str>); N],
    place: impl Fn(&'static str) -> CellPlace + 'a,
) -> impl Iterator<Item = TextCell<'a>> + 'a {
    fields.into_iter().filter_map(move |(kind, field, value)| {
        Some(TextCell {
            kind,
            place: place(field),
            row: Some(row),
            value: value?,
        })
    })
}
