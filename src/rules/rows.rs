//! The checks of each row, in shares of rows that threads take in turn: each row's cells are
//! read from memory once, by every check that looks at one row at a time (dates, frequencies,
//! categories, the cells' text, empty cells) and by the hashing of names that T003 compares,
//! while they are at hand.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::categories::CategoryRows;
use super::context::Context;
use super::dates::DateCells;
use super::frequency::FrequencyCells;
use super::text::{self, Clean, NameHashes, NamedRows};
use crate::diagnostic::Diagnostic;
use crate::model::{CellKind, TableRef};

/// How many rows make one share.
const SHARE_ROWS: usize = 256;

/// One share: the header's cells, or rows of a table (its note with the first of them).
#[derive(Clone)]
enum Share<'a> {
    Header,
    /// The table's number among the plan's tables, the table, the rows.
    Rows(u32, TableRef<'a>, Range<usize>),
}

/// What the threads that check rows share: how many shares are taken, and how names are hashed.
#[derive(Default)]
pub struct RowShares {
    taken: AtomicUsize,
    names: NameHashes,
}

/// What one thread found in the shares it took: the findings of each share under its number, and
/// the rows that name a dataset (sorted).
#[derive(Default)]
pub struct RowFindings {
    shares: Vec<(usize, Vec<Diagnostic>)>,
    named: NamedRows,
}

/// The checks of each row, and of the header's cells, in shares of document order, for threads
/// that work beside each other: each takes the next share no thread has taken and keeps its
/// findings under the share's number. Every share is taken once; run on one thread with new
/// [`RowShares`], it checks every share. [`finish`] puts what the threads found together.
pub(super) fn check_shared(context: &Context<'_>, shared: &RowShares) -> RowFindings {
    let plan = context.plan;
    let shares: Vec<Share<'_>> = std::iter::once(Share::Header)
        .chain(plan.tables().zip(0..).flat_map(|(table, number)| {
            let rows = table.rows().len();
            (0..rows.max(1))
                .step_by(SHARE_ROWS)
                .map(move |from| Share::Rows(number, table, from..(from + SHARE_ROWS).min(rows)))
        }))
        .collect();
    // What each check keeps from cell to cell: the answers it has worked out.
    let mut clean = Clean::default();
    let mut dates = DateCells::new(plan);
    let mut frequencies = FrequencyCells::default();
    let mut categories = CategoryRows::default();
    let mut findings = RowFindings::default();
    let mut scratch = String::new();
    loop {
        let number = shared.taken.fetch_add(1, Ordering::Relaxed);
        let Some(share) = shares.get(number).cloned() else {
            findings.named.sort_unstable();
            return findings;
        };
        let mut found = Vec::new();
        match share {
            Share::Header => {
                for cell in plan.header_cells() {
                    clean.check_cell(context, &cell, &mut found);
                }
            }
            Share::Rows(table_number, table, rows) => {
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
                    let place = (table_number, index as u32);
                    let row = &table.rows()[index];
                    shared
                        .names
                        .add(row, place, &mut scratch, &mut findings.named);
                }
                text::missing_cells(context, table, rows, &mut found);
            }
        }
        if !found.is_empty() {
            findings.shares.push((number, found));
        }
    }
}

/// What the threads found, put together in the order found in turn: the findings of the shares
/// in their order, then the repeated datasets (T003), which compares the rows.
pub(super) fn finish(
    context: &Context<'_>,
    found: impl IntoIterator<Item = RowFindings>,
    out: &mut Vec<Diagnostic>,
) {
    let mut shares = Vec::new();
    let mut named = NamedRows::new();
    for findings in found {
        shares.extend(findings.shares);
        named.extend(findings.named);
    }
    shares.sort_unstable_by_key(|(number, _)| *number);
    out.extend(shares.into_iter().flat_map(|(_, found)| found));
    text::duplicate_datasets(context, named, out);
}
