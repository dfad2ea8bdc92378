//! T002, T003: the rows as a whole — a dataset row with an empty cell, and a dataset named twice.

use crate::diagnostic::Diagnostic;
use crate::hanzi;
use crate::messages::Message;
use crate::model::{Row, TableRef};
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// A dataset row lacks its name, description, release date or update frequency, or one of
    /// its parts lacks its description or frequency (a part takes the row's release date when it
    /// has none of its own). Placeholder rows are left to the placeholder rules.
    ///
    /// ## Why it matters
    /// Every column of the template is required for a dataset; an empty cell is a promise nobody
    /// can check.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static MISSING_CELL = {
        code: "T002",
        name: "missing-cell",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The same dataset name appears twice in the plan, or a dataset is both planned (sections
    /// A, B or C) and released (section D). Names are compared ignoring case, white space and
    /// full-width forms.
    ///
    /// ## Why it matters
    /// A dataset listed twice is counted twice in the audit; one that is both planned and
    /// released has usually been moved to D without being removed from A or B.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 06/2024
    ///           frequency: 每年
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案地區分布
    ///           description: 以CSV格式列出各區罪案數字
    ///           release_date: 06/2024
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which entry should go is for the author to decide.
    pub static DUPLICATE_DATASET = {
        code: "T003",
        name: "duplicate-dataset",
        severity: Warning,
        fix: Never,
    };
}

/// Whether a cell is absent or white space only.
fn blank(cell: &Option<&str>) -> bool {
    cell.as_deref().is_none_or(crate::model::is_blank)
}

/// T002 over rows `rows` of `table`.
pub(crate) fn missing_cells(
    context: &Context<'_>,
    table: TableRef<'_>,
    rows: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    for (index, row) in rows.clone().zip(&table.rows()[rows]) {
        // Without a category it is unknown whether the row is a dataset or the placeholder;
        // the schema or C001 reports that, and a guess here would double the finding.
        if blank(&row.category) || row.placeholder {
            continue;
        }
        // Fields are named relative to the row (`parts/1/frequency`); the row's pointer is
        // only built when something is missing.
        let mut missing: Vec<(String, &'static str)> = Vec::new();
        if blank(&row.name) {
            missing.push(("name".to_string(), "name"));
        }
        match row.parts.as_deref() {
            Some(parts) if !parts.is_empty() => {
                for (part_index, part) in parts.iter().enumerate() {
                    if blank(&part.description) {
                        missing.push((format!("parts/{part_index}/description"), "description"));
                    }
                    if blank(&part.frequency) {
                        missing.push((format!("parts/{part_index}/frequency"), "frequency"));
                    }
                    if blank(&part.release_date) && blank(&row.release_date) {
                        missing.push((format!("parts/{part_index}/release_date"), "release_date"));
                    }
                }
            }
            _ => {
                for (field, cell) in [
                    ("description", &row.description),
                    ("release_date", &row.release_date),
                    ("frequency", &row.frequency),
                ] {
                    if blank(cell) {
                        missing.push((field.to_string(), field));
                    }
                }
            }
        }
        if missing.is_empty() {
            continue;
        }
        let row_pointer = table.row_pointer(index);
        for (relative, field) in missing {
            let pointer = format!("{row_pointer}/{relative}");
            out.push(missing_cell(
                context,
                row,
                &row_pointer,
                &pointer,
                field,
                &table.label(),
            ));
        }
    }
}

fn missing_cell(
    context: &Context<'_>,
    row: &Row,
    row_pointer: &str,
    pointer: &str,
    field: &'static str,
    table: &str,
) -> Diagnostic {
    // An empty value is pointed at; an absent key at the row's item number.
    let span = context
        .document
        .locate(pointer)
        .map(|found| found.value)
        .or_else(|| {
            context
                .document
                .locate(&format!("{row_pointer}/item"))
                .map(|f| f.value)
        })
        .unwrap_or_else(|| context.span(row_pointer));
    let place = match pointer
        .split("/parts/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
    {
        Some(part) => Message::new("T002.part")
            .arg("field", field)
            .arg("part", part.parse::<usize>().map_or(0, |n| n + 1))
            .arg("item", row.item_text())
            .arg("table", table),
        None => Message::new("T002.row")
            .arg("field", field)
            .arg("item", row.item_text())
            .arg("table", table),
    };
    Diagnostic::new(&MISSING_CELL, pointer, span, place)
        .with_label(Message::new("T002.label").arg("field", field))
}

/// Names compared as people read them: case, white space, full-width forms and compatibility
/// ideographs folded.
fn fold_name(name: &str) -> String {
    folded(name).collect()
}

/// The characters of a name as T003 compares them.
fn folded(name: &str) -> impl Iterator<Item = char> + '_ {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => hanzi::unified(c).unwrap_or(c),
        })
        .flat_map(char::to_lowercase)
}

/// Whether a name is its own folded form ([`folded`]): only lower-case ASCII letters and other
/// ASCII that is not white space, Han ideographs of the main blocks and CJK punctuation, as
/// nearly every name is (folding it character by character took most of T003's time).
fn is_folded(name: &str) -> bool {
    name.chars().all(|c| {
        matches!(c as u32,
            0x21..=0x40 | 0x5B..=0x7E | 0x3001..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF)
    })
}

/// How the names of rows are hashed for T003: one state for every thread that checks rows, so
/// that their hashes compare (its seed is new in every run).
#[derive(Default)]
pub(crate) struct NameHashes {
    hashing: foldhash::fast::RandomState,
}

/// Rows that name a dataset, as (hash of the folded name, table number, row): sorted, the rows of
/// one name stand side by side in plan order, and the run keeps a few bytes a row, not the
/// names.
pub(crate) type NamedRows = Vec<(u64, u32, u32)>;

impl NameHashes {
    /// Adds row `index` of table number `table` to `named` if it names a dataset, its name
    /// folded in `scratch` when it is not folded already.
    pub(crate) fn add(
        &self,
        row: &Row<'_>,
        (table, index): (u32, u32),
        scratch: &mut String,
        named: &mut NamedRows,
    ) {
        use std::hash::BuildHasher;
        let Some(written) = row.dataset_name() else {
            return;
        };
        // The folded name hashed at once (a hash per character took as long as the rest).
        let hash = if is_folded(written) {
            self.hashing.hash_one(written)
        } else {
            scratch.clear();
            scratch.extend(folded(written));
            self.hashing.hash_one(&*scratch)
        };
        named.push((hash, table, index));
    }
}

/// T003 over the rows `named` lists (every row that names a dataset, in any order; see
/// [`NameHashes`]).
pub(crate) fn duplicate_datasets(
    context: &Context<'_>,
    mut named: NamedRows,
    out: &mut Vec<Diagnostic>,
) {
    let tables: Vec<crate::model::TableRef<'_>> = context.plan.tables().collect();
    let name_of = |table: u32, index: u32| -> Option<&str> {
        tables
            .get(table as usize)?
            .rows()
            .get(index as usize)?
            .dataset_name()
    };
    // Each thread's rows come sorted: the stable sort merges its runs.
    named.sort();
    // Each repeat with the first row of its name; within one hash, names are told apart by
    // their folded text (a collision is rare).
    let mut repeats: Vec<((u32, u32), (u32, u32))> = Vec::new();
    for run in named
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        let mut firsts: Vec<(String, (u32, u32))> = Vec::new();
        for &(_, table, index) in run {
            let key = fold_name(name_of(table, index).unwrap_or_default());
            match firsts.iter().find(|(first, _)| *first == key) {
                Some((_, first)) => repeats.push(((table, index), *first)),
                None => firsts.push((key, (table, index))),
            }
        }
    }
    repeats.sort_unstable();
    for ((table, index), (first_table, first_index)) in repeats {
        let (row_table, first_row_table) = (&tables[table as usize], &tables[first_table as usize]);
        let name = name_of(table, index).unwrap_or_default();
        let pointer = format!("{}/name", row_table.row_pointer(index as usize));
        let first_pointer = format!("{}/name", first_row_table.row_pointer(first_index as usize));
        let planned_and_released =
            first_row_table.section.has_targets() != row_table.section.has_targets();
        let message = if planned_and_released {
            Message::new("T003.planned-and-released").arg("name", name)
        } else {
            Message::new("T003.twice").arg("name", name)
        };
        out.push(
            context
                .diagnostic(&DUPLICATE_DATASET, &pointer, message)
                .with_label(Message::new("T003.label"))
                .with_related(context.span(&first_pointer), Message::new("T003.first"))
                .with_help(Message::new(if planned_and_released {
                    "T003.help-released"
                } else {
                    "T003.help"
                })),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A name taken as folded is its folded form.
        #[test]
        fn a_name_taken_as_folded_folds_to_itself(name in "[aZ9 ,@\\[`{~\t\u{b}數據集\u{3000}、〿\u{3400}\u{4dbf}\u{9fff}\u{fa08}Ａ（]{0,8}") {
            if is_folded(&name) {
                proptest::prop_assert_eq!(fold_name(&name), name);
            }
        }
    }

    #[test]
    fn names_of_plain_characters_are_taken_as_folded() {
        assert!(is_folded("交通統計數字2024"));
        assert!(is_folded("traffic-data_(2024)"));
        for name in [
            "Traffic",
            "交通 統計",
            "交通\u{3000}統計",
            "\u{fa08}",
            "ＡＢ",
            "é",
        ] {
            assert!(!is_folded(name), "{name}");
        }
    }

    #[test]
    fn names_fold_case_space_and_width() {
        assert_eq!(fold_name("ＣＳＶ 數據"), fold_name("csv數據"));
        assert_eq!(fold_name("銀\u{FA08}\u{F969}據"), fold_name("銀行數據"));
    }
}
