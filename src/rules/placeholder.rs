//! P001-P004: a table with nothing to list holds exactly one placeholder row (item 1, 不適用 in the
//! category cell, every other cell empty), spelt the way the plan's language spells it.

use crate::diagnostic::{Applicability, Diagnostic, Edit, Effect, Fix};
use crate::document::{Document, Kind, SourceKind};
use crate::messages::Message;
use crate::model::{Language, Row, TableRef};
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// A table has no rows at all. The template asks for one placeholder row instead: item 1 with
    /// 不適用 (`N/A` in an English plan) in the category cell.
    ///
    /// ## Why it matters
    /// An empty table cannot be told apart from one whose rows were lost in editing; the
    /// placeholder says the department has nothing to list there.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   C:
    ///     spatial:
    ///       rows: []
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   C:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: an empty table may be data that went missing (rows lost in editing or copying), and
    /// the placeholder would declare there is nothing to list. With `--unsafe-fixes` the fix
    /// inserts the placeholder row in the plan's language, matching the table's style; apply it
    /// only once the table is known to be empty.
    pub static MISSING_PLACEHOLDER = {
        code: "P001",
        name: "missing-placeholder",
        severity: Error,
        fix: Always(Unsafe),
    };
}

declare_rule! {
    /// ## What it checks
    /// A placeholder row (category 不適用 / `N/A`) fills another cell (name, description, date,
    /// frequency, organisation or parts), or is numbered other than 1.
    ///
    /// ## Why it matters
    /// A placeholder says there is nothing to list; a filled cell beside it means either a dataset
    /// lost its category or the placeholder was left behind.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    ///           name: 警署位置
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   A:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only the author knows whether the cell or the placeholder is wrong.
    pub static PLACEHOLDER_WITH_CONTENT = {
        code: "P002",
        name: "placeholder-with-content",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A placeholder row stands in a table that also lists datasets.
    ///
    /// ## Why it matters
    /// The placeholder means "nothing to list"; beside real datasets it contradicts them and
    /// throws the item numbers out.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    ///         - item: 2
    ///           category: 法律及保安
    ///           name: 交通意外統計
    ///           description: 以CSV格式列出每月交通意外數字
    ///           release_date: 06/2024
    ///           frequency: 每月
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
    ///           name: 交通意外統計
    ///           description: 以CSV格式列出每月交通意外數字
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix removes the placeholder row (in block-style YAML), which then leaves the
    /// items to be renumbered; a person should confirm that the table really lists datasets.
    pub static PLACEHOLDER_AMONG_DATASETS = {
        code: "P003",
        name: "placeholder-among-datasets",
        severity: Error,
        fix: Always(Unsafe),
    };
}

declare_rule! {
    /// ## What it checks
    /// A placeholder is written another way than the plan's language writes it: `N.A.`, `nil`,
    /// `不適用。`, `不适用` in a Traditional Chinese plan, `N/A` in a Chinese plan, and so on.
    /// Zh-Hant plans write 不適用, zh-Hans plans 不适用, English plans `N/A`.
    ///
    /// ## Why it matters
    /// Tools and the audit recognise empty tables by the exact placeholder; variants are counted as
    /// a dataset with an unknown category.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   B:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: N.A.
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   B:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    /// ```
    ///
    /// ## Fix safety
    /// Safe: every spelling it recognises (`N.A.`, `nil`, 不适用 in a zh-Hant plan, 不適用。) says the
    /// same "not applicable", so the fix writes the canonical placeholder of the plan's language.
    pub static PLACEHOLDER_SPELLING = {
        code: "P004",
        name: "placeholder-spelling",
        severity: Warning,
        fix: Always(Safe),
    };
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let language = context.plan.language;
    for table in context.plan.tables() {
        let rows = table.rows();
        if rows.is_empty() {
            out.push(missing_placeholder(context, &table, language));
            continue;
        }
        let has_datasets = rows.iter().any(|row| !row.placeholder);
        for (index, row) in rows.iter().enumerate() {
            let Some(category) = row.category.filter(|_| row.placeholder) else {
                continue;
            };
            let row_pointer = table.row_pointer(index);
            let category_pointer = format!("{row_pointer}/category");
            if crate::hanzi::unify(category) != language.placeholder() {
                out.push(spelling(context, &category_pointer, category, language));
            }
            if has_datasets {
                let fix = remove_row_edit(context.document, &row_pointer).map(|edit| Fix {
                    applicability: Applicability::Unsafe,
                    message: Message::new("P003.fix"),
                    edits: vec![edit],
                    effects: vec![Effect::Remove {
                        pointer: row_pointer.clone(),
                    }],
                });
                out.push(
                    context
                        .diagnostic(
                            &PLACEHOLDER_AMONG_DATASETS,
                            &category_pointer,
                            Message::new("P003.message")
                                .arg("value", category)
                                .arg("table", table.label()),
                        )
                        .with_label(Message::new("P003.label"))
                        .with_help(Message::new("P003.help"))
                        .with_fix(fix),
                );
            } else if let Some(field) = filled_cell(row) {
                out.push(
                    context
                        .diagnostic(
                            &PLACEHOLDER_WITH_CONTENT,
                            &format!("{row_pointer}/{field}"),
                            Message::new("P002.filled")
                                .arg("field", field)
                                .arg("table", table.label()),
                        )
                        .with_label(Message::new("P002.filled.label"))
                        .with_help(Message::new("P002.help")),
                );
            } else if row.item.is_some() && row.item_number() != Some(1) {
                out.push(
                    context
                        .diagnostic(
                            &PLACEHOLDER_WITH_CONTENT,
                            &format!("{row_pointer}/item"),
                            Message::new("P002.item")
                                .arg("item", row.item_text())
                                .arg("table", table.label()),
                        )
                        .with_label(Message::new("P002.item.label"))
                        .with_help(Message::new("P002.help")),
                );
            }
        }
    }
}

fn filled_cell(row: &Row) -> Option<&'static str> {
    let filled = |cell: &Option<&str>| cell.as_deref().is_some_and(|c| !crate::model::is_blank(c));
    [
        ("name", &row.name),
        ("description", &row.description),
        ("release_date", &row.release_date),
        ("frequency", &row.frequency),
        ("organisation", &row.organisation),
    ]
    .into_iter()
    .find(|(_, cell)| filled(cell))
    .map(|(field, _)| field)
    .or_else(|| {
        row.parts
            .as_ref()
            .filter(|p| !p.is_empty())
            .map(|_| "parts")
    })
}

fn spelling(context: &Context<'_>, pointer: &str, value: &str, language: Language) -> Diagnostic {
    let canonical = language.placeholder();
    let fix = context.replace_cell(
        pointer,
        value,
        canonical,
        Applicability::Safe,
        Message::new("P004.fix").arg("canonical", canonical),
    );
    context
        .diagnostic(
            &PLACEHOLDER_SPELLING,
            pointer,
            Message::new("P004.message")
                .arg("value", value)
                .arg("canonical", canonical)
                .arg_message("language", language.name()),
        )
        .with_label(Message::new("P004.label").arg("canonical", canonical))
        .with_fix(fix)
}

fn missing_placeholder(
    context: &Context<'_>,
    table: &TableRef<'_>,
    language: Language,
) -> Diagnostic {
    let rows_pointer = table.rows_pointer();
    let has_rows_key = context.document.locate(&rows_pointer).is_some();
    let pointer = if has_rows_key {
        rows_pointer
    } else {
        table.pointer()
    };
    // Unsafe: an empty table may be rows that went missing, which the placeholder would hide.
    let fix = insert_placeholder_edit(context.document, table, language).map(|edit| Fix {
        applicability: Applicability::Unsafe,
        message: Message::new("P001.fix").arg("placeholder", language.placeholder()),
        edits: vec![edit],
        effects: vec![Effect::Set {
            pointer: table.rows_pointer(),
            value: serde_json::json!([{"item": 1, "category": language.placeholder()}]),
        }],
    });
    context
        .diagnostic(
            &MISSING_PLACEHOLDER,
            &pointer,
            Message::new("P001.message").arg("table", table.label()),
        )
        .with_label(Message::new("P001.label"))
        .with_help(Message::new("P001.help").arg("placeholder", language.placeholder()))
        .with_fix(fix)
}

/// The edit that gives an empty table its placeholder row, in the style the table is written in:
/// `rows: []` and `{}` become flow collections, a block mapping gets block lines.
fn insert_placeholder_edit(
    document: &Document,
    table: &TableRef<'_>,
    language: Language,
) -> Option<Edit> {
    let placeholder = language.placeholder();
    let json = document.kind == SourceKind::Json;
    let row = if json {
        format!("{{\"item\": 1, \"category\": \"{placeholder}\"}}")
    } else {
        format!("{{item: 1, category: {placeholder}}}")
    };
    if let Some(rows) = document.locate(&table.rows_pointer()) {
        let raw = document.text.get(rows.value.clone())?;
        let inner = raw.strip_prefix('[')?.strip_suffix(']')?;
        if !inner.trim().is_empty() {
            return None;
        }
        return Some(Edit {
            span: rows.value,
            replacement: format!("[{row}]"),
        });
    }
    let located = document.locate(&table.pointer())?;
    let raw = document.text.get(located.value.clone())?;
    if raw.starts_with('{') {
        let inner = raw.strip_prefix('{')?.strip_suffix('}')?;
        let key = if json { "\"rows\"" } else { "rows" };
        let separator = if inner.trim().is_empty() { "" } else { ", " };
        let at = located.value.start + 1 + inner.trim_end().len();
        return Some(Edit {
            span: at..located.value.end - 1,
            replacement: format!("{separator}{key}: [{row}]"),
        });
    }
    if json {
        return None;
    }
    // A block mapping (only a note, say): add the rows after its last line, at its keys' indent.
    let node = document.node(&table.pointer())?;
    if node.is_alias() || node.kind() != Kind::Mapping {
        return None;
    }
    let entries: Vec<_> = node.entries()?.collect();
    let first_key = &entries.first()?.key_span();
    let line = document.lines().line_of(first_key.start);
    let indent = &document.text[document.lines().line_start(line)..first_key.start];
    if !indent.chars().all(|c| c == ' ') {
        return None;
    }
    let newline = if document.text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    // A block scalar last (`note: |+`) may keep the lines after it: the rows go first instead.
    // (A block scalar's span starts at its content; its `|` or `>` stands after the key.)
    let last = entries.last()?;
    if document
        .text
        .get(last.key_span().end..last.value().span().start)
        .is_some_and(|between| {
            between
                .trim_start()
                .trim_start_matches(':')
                .trim_start()
                .starts_with(['|', '>'])
        })
    {
        let at = first_key.start;
        return Some(Edit {
            span: at..at,
            replacement: format!(
                "rows:{newline}{indent}  - item: 1{newline}{indent}    category: {placeholder}{newline}{indent}"
            ),
        });
    }
    let end_line = document
        .lines()
        .line_of(located.value.end.saturating_sub(1));
    let insert_at = document.lines().line_range(&document.text, end_line).end;
    Some(Edit {
        span: insert_at..insert_at,
        replacement: format!(
            "{newline}{indent}rows:{newline}{indent}  - item: 1{newline}{indent}    category: {placeholder}"
        ),
    })
}

/// The edit that deletes a block-style sequence item whole, lines and all.
fn remove_row_edit(document: &Document, row_pointer: &str) -> Option<Edit> {
    if document.kind == SourceKind::Json {
        return None;
    }
    let row = document.locate(row_pointer)?.value;
    let line = document.lines().line_of(row.start);
    let line_start = document.lines().line_start(line);
    let before = &document.text[line_start..row.start];
    if before.trim_start() != "- " && before.trim_start() != "-" {
        return None;
    }
    let last_line = document
        .lines()
        .line_of(row.end.saturating_sub(1).max(row.start));
    let end = if last_line + 1 < document.lines().line_count() {
        document.lines().line_start(last_line + 1)
    } else {
        document.text.len()
    };
    Some(Edit {
        span: line_start..end,
        replacement: String::new(),
    })
}
