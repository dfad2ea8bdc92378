//! Table rows: header rows (typed again or wrapped onto a second row), item rows, and
//! continuation rows that join a cell broken over a page or add a part of the same dataset.

use crate::diagnostic::Diagnostic;
use crate::document::Span;
use crate::messages::Message;
use crate::model::{SectionKey, TableKind};

use super::super::layout;
use super::super::rules::{GUESSED_STRUCTURE, TOO_MANY_CELLS};
use super::super::{
    Field, Part, Row, TEMPLATE_COLUMNS, continues_frequency, item_number, item_out_of_place,
    join_wrapped, row_pointer, table_label,
};
use super::{Builder, Open, Orphans, Placed, excerpt};

impl Builder {
    pub(super) fn row(&mut self, first_id: usize, row: &layout::Row) {
        self.open = Open::Nothing;
        let cells: Vec<Placed<'_>> = row
            .cells
            .iter()
            .enumerate()
            .map(|(index, cell)| Placed {
                cell,
                id: first_id + index,
            })
            .collect();
        if cells.iter().all(Placed::is_empty) {
            return;
        }
        let span = row_span(row, &cells);
        let after_header = std::mem::take(&mut self.after_header);
        if self.closed {
            self.unplaceable(span, Message::new("I001.after-end"));
            self.report_all(&cells);
            return;
        }
        let (Some(key), Some(kind)) = (self.section, self.table) else {
            match &mut self.orphans {
                Some(orphans) => {
                    orphans.span.end = span.end;
                    orphans.lines += 1;
                }
                None => self.orphans = Some(Orphans { span, lines: 1 }),
            }
            self.report_all(&cells);
            return;
        };
        // The grid: a cell merged across several columns stands in the first of them.
        let mut grid: Vec<Option<&Placed<'_>>> = Vec::new();
        for cell in &cells {
            grid.push(Some(cell));
            for _ in 1..cell.cell.columns.max(1) {
                grid.push(None);
            }
        }
        let first = cells[0].text().trim();
        if after_header && self.wrapped_header(&grid) {
            return;
        }
        if row.header || Field::from_header(first) == Some(Field::Item) {
            self.header(&grid);
            return;
        }
        self.extra_cells(&grid);
        if let Some(item) = item_number(first).filter(|_| !cells[0].cell.continues_above) {
            self.item_row(key, kind, item, &grid);
        } else if first.is_empty() {
            self.continuation(key, kind, &grid, span);
        } else {
            self.shown.lost_rows += 1;
            self.unplaceable(
                cells[0].trimmed_span(),
                Message::new("I001.not-item").arg("value", excerpt(first)),
            );
            self.report_all(&cells);
        }
    }

    fn report_all(&mut self, cells: &[Placed<'_>]) {
        for cell in cells {
            self.reported(cell.id);
        }
    }

    /// A header row sets the table's columns; the template's when it names one that is not.
    fn header(&mut self, grid: &[Option<&Placed<'_>>]) {
        self.after_header = true;
        let used = grid
            .iter()
            .rposition(|cell| cell.is_some_and(|cell| !cell.is_empty()))
            .map_or(0, |last| last + 1);
        let mut columns = Vec::with_capacity(used);
        let mut unknown = None;
        for (index, slot) in grid[..used].iter().enumerate() {
            let Some(cell) = slot else {
                // A header cell merged across columns names only the first.
                unknown = grid[..index].iter().rev().flatten().next().copied();
                break;
            };
            match Field::from_header(cell.text().trim()) {
                Some(field) if !columns.contains(&field) && (index > 0 || field == Field::Item) => {
                    columns.push(field);
                }
                _ => {
                    unknown = Some(*cell);
                    break;
                }
            }
        }
        for cell in grid.iter().flatten() {
            self.structure(cell.id);
        }
        match unknown {
            None => self.columns = columns,
            Some(cell) => {
                self.columns = TEMPLATE_COLUMNS.to_vec();
                self.diagnostics.push(
                    Diagnostic::new(
                        &GUESSED_STRUCTURE,
                        "",
                        cell.trimmed_span(),
                        Message::new("I005.header").arg("value", excerpt(cell.text().trim())),
                    )
                    .with_help(Message::new("I005.help")),
                );
            }
        }
    }

    /// The second line of a header row wrapped over two (`目標發放日期` / `(月/年)`): every cell
    /// it fills names its own column again or is a bracketed unit.
    fn wrapped_header(&mut self, grid: &[Option<&Placed<'_>>]) -> bool {
        let mut any = false;
        for (index, slot) in grid.iter().enumerate() {
            let Some(cell) = slot.filter(|cell| !cell.is_empty()) else {
                continue;
            };
            let text = cell.text().trim();
            let bracketed = (text.starts_with('(') || text.starts_with('（'))
                && (text.ends_with(')') || text.ends_with('）'));
            let names_column = self
                .columns
                .get(index)
                .is_some_and(|field| Field::from_header(text) == Some(*field));
            if index == 0 || !(bracketed || names_column) {
                return false;
            }
            any = true;
        }
        if any {
            self.after_header = true;
            for cell in grid.iter().flatten() {
                self.structure(cell.id);
            }
        }
        any
    }

    /// Reports text in cells beyond the table's columns (those cells are not imported).
    fn extra_cells(&mut self, grid: &[Option<&Placed<'_>>]) {
        let columns = self.columns.len();
        let Some(last) = grid
            .iter()
            .rposition(|cell| cell.is_some_and(|cell| !cell.is_empty()))
        else {
            return;
        };
        if last < columns {
            return;
        }
        let filled = |index: usize| grid[index].filter(|cell| !cell.is_empty());
        let first_extra = (columns..=last)
            .find(|&index| filled(index).is_some())
            .unwrap_or(last);
        let (Some(first), Some(end)) = (filled(first_extra), filled(last)) else {
            return;
        };
        let span = first.trimmed_span().start..end.trimmed_span().end;
        for cell in grid[columns..].iter().flatten() {
            self.reported(cell.id);
        }
        self.diagnostics.push(
            Diagnostic::new(
                &TOO_MANY_CELLS,
                "",
                span,
                Message::new("I004.message")
                    .arg("count", last + 1)
                    .arg("columns", columns),
            )
            .with_label(Message::new("I004.label"))
            .with_help(Message::new("I004.help")),
        );
    }

    fn item_row(
        &mut self,
        key: SectionKey,
        kind: TableKind,
        item: u64,
        grid: &[Option<&Placed<'_>>],
    ) {
        let columns = self.columns.clone();
        let mut ids = Vec::new();
        let table = self.table_mut(key, kind);
        let previous = table.rows.last().map(|row| row.item);
        let index = table.rows.len();
        let mut row = Row {
            item,
            ..Row::default()
        };
        for (field, slot) in columns.iter().zip(grid).skip(1) {
            let Some(cell) = slot else { continue };
            if let Some(target) = row.cell_mut(*field).filter(|_| !cell.is_empty()) {
                *target = cell.text().to_string();
                ids.push(cell.id);
            }
        }
        table.rows.push(row);
        self.shown.imported += 1;
        let Some(Some(first)) = grid.first() else {
            return;
        };
        let digits = self.accounts[first.id].total;
        self.structure_part(first.id, digits - item.to_string().len());
        self.placed(first.id);
        for id in ids {
            self.placed(id);
        }
        self.diagnostics.extend(item_out_of_place(
            (key, kind),
            index,
            previous,
            item,
            first.trimmed_span(),
        ));
    }

    fn continuation(
        &mut self,
        key: SectionKey,
        kind: TableKind,
        grid: &[Option<&Placed<'_>>],
        span: Span,
    ) {
        let filled: Vec<(Field, &Placed<'_>)> = self
            .columns
            .iter()
            .copied()
            .zip(grid)
            .skip(1)
            .filter_map(|(field, slot)| slot.filter(|cell| !cell.is_empty()).map(|c| (field, c)))
            .collect();
        // The date column has a cell per part when this part's date is given, or when the
        // reader knows merged cells (the item cell continues the one above) and the date cell
        // is not merged: a Word table's per-part dates, some of them empty.
        let date_cell = self
            .columns
            .iter()
            .position(|field| *field == Field::ReleaseDate)
            .and_then(|index| grid.get(index).copied().flatten());
        let merges_known = grid
            .first()
            .copied()
            .flatten()
            .is_some_and(|cell| cell.cell.continues_above);
        let own_date = filled.iter().any(|(field, _)| *field == Field::ReleaseDate)
            || (merges_known && date_cell.is_some_and(|cell| !cell.cell.continues_above));
        let table = self.table_mut(key, kind);
        let index = table.rows.len().saturating_sub(1);
        let Some(row) = table.rows.last_mut() else {
            let label = table_label(key, kind);
            self.unplaceable(span, Message::new("I001.continuation").arg("table", label));
            for cell in grid.iter().flatten() {
                self.reported(cell.id);
            }
            return;
        };
        if filled.is_empty() {
            return;
        }
        let has = |wanted: Field| filled.iter().any(|(field, _)| *field == wanted);
        let mut guess = None;
        let frequency = filled
            .iter()
            .find(|(field, _)| *field == Field::Frequency)
            .map_or("", |(_, cell)| cell.text());
        let mut part_added = false;
        if has(Field::Description) && has(Field::Frequency) {
            let current = row.current_frequency();
            if !current.is_empty() && !continues_frequency(current, frequency) {
                let mut part = Part::default();
                for (field, cell) in &filled {
                    let text = cell.text();
                    match field {
                        Field::Description => part.description = text.to_string(),
                        Field::Frequency => part.frequency = text.to_string(),
                        Field::ReleaseDate => part.release_date = text.to_string(),
                        other => {
                            if let Some(target) = row.cell_mut(*other) {
                                join_wrapped(target, text);
                            }
                        }
                    }
                }
                row.more_parts.push(part);
                row.part_dates |= own_date;
                part_added = true;
            } else if current.is_empty() {
                guess = Some(Message::new("I005.into-empty-frequency").arg("item", row.item));
            }
        } else if has(Field::Frequency) {
            guess = Some(
                Message::new("I005.frequency-only")
                    .arg("item", row.item)
                    .arg("previous", row.current_frequency()),
            );
        }
        if !part_added {
            for (field, cell) in &filled {
                if let Some(target) = row.continued_cell(*field) {
                    join_wrapped(target, cell.text());
                }
            }
        }
        for (_, cell) in &filled {
            self.placed(cell.id);
        }
        if let Some(message) = guess {
            self.diagnostics.push(
                Diagnostic::new(
                    &GUESSED_STRUCTURE,
                    row_pointer(key, kind, index),
                    span,
                    message,
                )
                .with_help(Message::new("I005.help")),
            );
        }
    }
}

/// The span of a row: as the reader gave it, else from its first to its last cell.
fn row_span(row: &layout::Row, cells: &[Placed<'_>]) -> Span {
    if !row.span.is_empty() {
        return row.span.clone();
    }
    let first = cells.first().map_or(0..0, Placed::trimmed_span);
    let last = cells.last().map_or(0..0, Placed::trimmed_span);
    first.start..last.end
}
