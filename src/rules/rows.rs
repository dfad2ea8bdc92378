//! The checks of each row, in shares of rows that threads take in turn: each row's cells are
//! read from memory once, by every check that looks at one row at a time (dates, frequencies,
//! categories, the cells' text, empty cells), while they are at hand.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::categories::CategoryRows;
use super::context::Context;
use super::dates::DateCells;
use super::frequency::FrequencyCells;
use super::text::{self, Clean};
use crate::diagnostic::Diagnostic;
use crate::model::{CellKind, TableRef};

/// How many rows make one share.
const SHARE_ROWS: usize = 256;

/// One share: the header's cells, or rows of a table (its note with the first of them).
#[derive(Clone)]
enum Share<'a> {
    Header,
    Rows(TableRef<'a>, Range<usize>),
}

/// The checks of each row, and of the header's cells, in shares of document order, for threads
/// that work beside each other: each takes the next share no thread has taken (counted in
/// `taken`) and keeps its findings under the share's number. Every share is taken once. Run on
/// one thread with a new count, it checks every share.
pub(super) fn check_shared(
    context: &Context<'_>,
    taken: &AtomicUsize,
    out: &mut Vec<(usize, Vec<Diagnostic>)>,
) {
    let plan = context.plan;
    let shares: Vec<Share<'_>> = std::iter::once(Share::Header)
        .chain(plan.tables().flat_map(|table| {
            let rows = table.rows().len();
            (0..rows.max(1))
                .step_by(SHARE_ROWS)
                .map(move |from| Share::Rows(table, from..(from + SHARE_ROWS).min(rows)))
        }))
        .collect();
    // What each check keeps from cell to cell: the answers it has worked out.
    let mut clean = Clean::default();
    let mut dates = DateCells::new(plan);
    let mut frequencies = FrequencyCells::default();
    let mut categories = CategoryRows::default();
    loop {
        let number = taken.fetch_add(1, Ordering::Relaxed);
        let Some(share) = shares.get(number).cloned() else {
            return;
        };
        let mut found = Vec::new();
        match share {
            Share::Header => {
                for cell in plan.header_cells() {
                    clean.check_cell(context, &cell, &mut found);
                }
            }
            Share::Rows(table, rows) => {
                if rows.start == 0
                    && let Some(note) = table.note_cell()
                {
                    clean.check_cell(context, &note, &mut found);
                }
                for index in rows.clone() {
                    for cell in table.row_cells(index) {
                        clean.check_cell(context, &cell, &mut found);
                        match cell.kind {
                            CellKind::ReleaseDate => dates.check(context, &cell, &mut found),
                            CellKind::Frequency => frequencies.check(context, &cell, &mut found),
                            _ => {}
                        }
                    }
                    categories.check(context, table, index, &mut found);
                }
                text::missing_cells(context, table, rows, &mut found);
            }
        }
        if !found.is_empty() {
            out.push((number, found));
        }
    }
}
