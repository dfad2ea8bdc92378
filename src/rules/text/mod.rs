//! The text of the cells, one file per rule: white space (T001), empty cells and repeated
//! datasets (T002, T003), the other Chinese script (T004), formats machines cannot read (T005),
//! brackets (T006) and compatibility ideographs (T007).

mod brackets;
mod cells;
mod compatibility;
mod formats;
mod script;
mod whitespace;

use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostic::Diagnostic;
use crate::model::{CellKind, TableRef, TextCell};
use crate::rules::context::{Context, MEMO_LIMIT};

pub use brackets::UNBALANCED_BRACKETS;
pub use cells::{DUPLICATE_DATASET, MISSING_CELL};
pub use compatibility::COMPATIBILITY_IDEOGRAPH;
pub use formats::NON_MACHINE_READABLE;
pub use script::SIMPLIFIED_IN_TRADITIONAL;
pub use whitespace::STRAY_WHITESPACE;

/// The text check in turn: every share of [`check_shared`] on this thread, then
/// [`check_whole`].
pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let mut shares = Vec::new();
    check_shared(context, &AtomicUsize::new(0), &mut shares);
    out.extend(shares.into_iter().flat_map(|(_, found)| found));
    check_whole(context, out);
}

/// The cells found clean so far, by kind and text (as many as a memo keeps): a plan repeats its categories, dates and
/// frequencies row after row, and what [`check_cell`] finds in a cell depends on nothing else
/// (its place only names the finding).
#[derive(Default)]
struct Clean<'a> {
    seen: foldhash::HashSet<(CellKind, &'a str)>,
}

impl<'a> Clean<'a> {
    /// [`check_cell`], unless a cell of the same kind and text was found clean before. Names,
    /// descriptions, titles and notes are checked at once: they seldom repeat, and hashing
    /// them cost more than it saved.
    fn check_cell(
        &mut self,
        context: &Context<'_>,
        cell: &TextCell<'a>,
        out: &mut Vec<Diagnostic>,
    ) {
        if matches!(
            cell.kind,
            CellKind::Name | CellKind::Description | CellKind::Title | CellKind::Note
        ) {
            return check_cell(context, cell, out);
        }
        let key = (cell.kind, cell.value);
        if self.seen.contains(&key) {
            return;
        }
        let before = out.len();
        check_cell(context, cell, out);
        if out.len() == before && self.seen.len() < MEMO_LIMIT {
            self.seen.insert(key);
        }
    }
}

/// The checks of one cell's text, which need no other cell.
fn check_cell(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    whitespace::stray_whitespace(context, cell, out);
    brackets::unbalanced_brackets(context, cell, out);
    if cell.kind == CellKind::Description {
        formats::non_machine_readable(context, cell, out);
    }
    if cell.kind != CellKind::Category {
        script::wrong_script(context, cell, out);
    }
    compatibility::compatibility_ideographs(context, cell, out);
}

/// The check that compares the rows with each other: what [`check`] does last.
pub(super) fn check_whole(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    cells::duplicate_datasets(context, out);
}

/// How many rows make one share of [`check_shared`].
const SHARE_ROWS: usize = 256;

/// The checks of each cell, in shares of document order (the header's cells; then each table's
/// rows, [`SHARE_ROWS`] at a time, its note with the first), for threads that work beside each
/// other: each takes the next share no thread has taken (counted in `taken`) and keeps its
/// findings under the share's number. Every share is taken once; the findings of all shares in
/// the order of their numbers are what [`check`] finds before [`check_whole`].
pub(super) fn check_shared(
    context: &Context<'_>,
    taken: &AtomicUsize,
    out: &mut Vec<(usize, Vec<Diagnostic>)>,
) {
    let tables: Vec<TableRef<'_>> = context.plan.tables().collect();
    // `None` for the header; else a table and its first row in the share.
    let shares: Vec<Option<(TableRef<'_>, usize)>> = std::iter::once(None)
        .chain(tables.iter().flat_map(|&table| {
            (0..table.rows().len().max(1))
                .step_by(SHARE_ROWS)
                .map(move |from| Some((table, from)))
        }))
        .collect();
    let mut clean = Clean::default();
    loop {
        let number = taken.fetch_add(1, Ordering::Relaxed);
        let Some(&share) = shares.get(number) else {
            return;
        };
        let mut found = Vec::new();
        match share {
            None => {
                for cell in context.plan.header_cells() {
                    clean.check_cell(context, &cell, &mut found);
                }
            }
            Some((table, from)) => {
                let note = table.note_cell().filter(|_| from == 0);
                let to = (from + SHARE_ROWS).min(table.rows().len());
                let rows = (from..to).flat_map(|index| table.row_cells(index));
                for cell in note.into_iter().chain(rows) {
                    clean.check_cell(context, &cell, &mut found);
                }
                // Its rows' empty cells, while their text is at hand.
                cells::missing_cells(context, table, from..to, &mut found);
            }
        }
        if !found.is_empty() {
            out.push((number, found));
        }
    }
}

/// Han ideographs, CJK punctuation and full-width forms: the characters between which a space
/// does not belong.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}
