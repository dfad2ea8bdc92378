//! The text of the cells, one file per rule: white space (T001), empty cells and repeated
//! datasets (T002, T003), the other Chinese script (T004), formats machines cannot read (T005),
//! brackets (T006) and compatibility ideographs (T007).

mod brackets;
mod cells;
mod compatibility;
mod formats;
mod script;
mod whitespace;

use crate::diagnostic::Diagnostic;
use crate::model::CellKind;
use crate::rules::context::Context;

pub use brackets::UNBALANCED_BRACKETS;
pub use cells::{DUPLICATE_DATASET, MISSING_CELL};
pub use compatibility::COMPATIBILITY_IDEOGRAPH;
pub use formats::NON_MACHINE_READABLE;
pub use script::SIMPLIFIED_IN_TRADITIONAL;
pub use whitespace::STRAY_WHITESPACE;

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cell in context.cells() {
        let cell = &cell;
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
    cells::missing_cells(context, out);
    cells::duplicate_datasets(context, out);
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
