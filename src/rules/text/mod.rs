//! The text of the cells, one file per rule: white space (T001), empty cells and repeated
//! datasets (T002, T003), the other Chinese script (T004), formats machines cannot read (T005),
//! brackets (T006) and compatibility ideographs (T007).

mod brackets;
mod cells;
mod compatibility;
mod formats;
mod screen;
mod script;
mod whitespace;

use crate::diagnostic::Diagnostic;
use crate::model::{CellKind, TextCell};
use crate::rules::context::{Context, MEMO_LIMIT};
use screen::Screen;

pub use brackets::UNBALANCED_BRACKETS;
pub use cells::{DUPLICATE_DATASET, MISSING_CELL};
pub use compatibility::COMPATIBILITY_IDEOGRAPH;
pub use formats::NON_MACHINE_READABLE;
pub use script::SIMPLIFIED_IN_TRADITIONAL;
pub use whitespace::STRAY_WHITESPACE;

pub(super) use cells::{NameHashes, NamedRows, duplicate_datasets, missing_cells};

/// The cells found clean so far, by kind and text (as many as a memo keeps): a plan repeats its categories, dates and
/// frequencies row after row, and what [`check_cell`] finds in a cell depends on nothing else
/// (its place only names the finding).
#[derive(Default)]
pub(super) struct Clean<'a> {
    seen: foldhash::HashSet<(CellKind, &'a str)>,
}

impl<'a> Clean<'a> {
    /// [`check_cell`], unless a cell of the same kind and text was found clean before. Names,
    /// descriptions, titles and notes are checked at once: they seldom repeat, and hashing
    /// them cost more than it saved.
    pub(super) fn check_cell(
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

/// The checks of one cell's text, which need no other cell. The text is read once to see which
/// of them have anything to look at (see [`Screen`]); only those read it again.
fn check_cell(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    // Category cells are left to the category rules (T004).
    let other_script = script::other_script(context.plan.language)
        .filter(|_| cell.kind != CellKind::Category)
        .map(|(forms, _)| forms);
    let description = cell.kind == CellKind::Description;
    let screen = Screen::of(cell.value, other_script, description);
    if screen.stray_space {
        whitespace::stray_whitespace(context, cell, out);
    }
    if screen.bracket {
        brackets::unbalanced_brackets(context, cell, out);
    }
    if description && screen.formats.only_not_readable() {
        formats::non_machine_readable(context, cell, out);
    }
    if screen.other_script {
        script::wrong_script(context, cell, out);
    }
    if screen.compatibility {
        compatibility::compatibility_ideographs(context, cell, out);
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
