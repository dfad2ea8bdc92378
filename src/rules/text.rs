//! T001-T006: the text of the cells — white space, missing cells, repeated datasets, characters
//! of the other Chinese script, formats that machines cannot read, and brackets that do not pair.

use std::collections::HashMap;

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::{CellKind, Language, Row, TextCell};
use crate::rules::placeholder::is_placeholder;
use crate::rules::{Context, declare_rule};
use crate::vocab::{frequency, hanzi};

declare_rule! {
    /// ## What it checks
    /// A cell has stray white space: leading or trailing spaces, two spaces in a row, a space
    /// between two Chinese characters (`交通意外 數字`), or a tab, line break, full-width or
    /// non-breaking space inside the text. One diagnostic per cell.
    ///
    /// ## Why it matters
    /// Stray spaces come from copying out of PDFs and Word tables; they break searches and
    /// matching across years and languages ("交通意外 數字" and "交通意外數字" are different
    /// names to every program).
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 交通統計數字
    ///           description: 以JSON格式列出各警察總區按月統計的交通意外 數字
    ///           release_date: 05/2016
    ///           frequency: 每月
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
    ///           name: 交通統計數字
    ///           description: 以JSON格式列出各警察總區按月統計的交通意外數字
    ///           release_date: 05/2016
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// Safe: white space at the ends of a cell, a second space in a row and a space between two
    /// Chinese characters carry no meaning, so the fix trims the cell, folds runs of white space
    /// into one space and removes spaces between Chinese characters. Cells written with escapes or
    /// as block scalars (which may keep line breaks on purpose) get no fix.
    pub static STRAY_WHITESPACE = {
        code: "T001",
        name: "stray-whitespace",
        severity: Warning,
        fix: Safe,
    };
}

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
        fix: None,
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
        fix: None,
    };
}

declare_rule! {
    /// ## What it checks
    /// A Traditional Chinese (zh-Hant) plan uses simplified-only characters, or a Simplified
    /// Chinese (zh-Hans) plan traditional-only ones. Characters are judged by Hong Kong usage
    /// (OpenCC's tables with its Hong Kong variants: 台 and 着 are fine). One diagnostic per
    /// cell, naming each character and its other form. Category cells are left to the category
    /// rules.
    ///
    /// ## Why it matters
    /// Text pasted from a simplified source slips into Traditional plans unnoticed by eye but not
    /// by search: 数据 and 數據 are different words to every program.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案数字比较
    ///           description: 以CSV格式列出每年罪案的比較
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
    /// Safe where every character found has exactly one form in the other script (数 → 數): it is the
    /// same character written in the other script, so the words read the same. A character with
    /// several forms (发 → 發 or 髮) leaves the cell without a fix.
    pub static SIMPLIFIED_IN_TRADITIONAL = {
        code: "T004",
        name: "simplified-in-traditional",
        severity: Warning,
        fix: Sometimes,
    };
}

declare_rule! {
    /// ## What it checks
    /// A description names only file formats that machines cannot read as data (PDF, DOC, DOCX,
    /// JPG, PNG, GIF, TIFF, PPT, ...) and no machine-readable one (CSV, XML, JSON, XLSX, API,
    /// GeoJSON, KML, SHP, ...).
    ///
    /// ## Why it matters
    /// Open data is released in machine-readable formats; a PDF-only dataset does not meet the
    /// open data policy and cannot be reused.
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
    ///           description: 以PDF格式列出每年罪案的比較
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
    ///           description: 以CSV及PDF格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static NON_MACHINE_READABLE = {
        code: "T005",
        name: "non-machine-readable",
        severity: Warning,
        fix: None,
    };
}

declare_rule! {
    /// ## What it checks
    /// Brackets in a cell do not pair up (an opening one never closed, a closing one never
    /// opened, pairs crossing each other), or a full-width bracket is closed by a half-width one
    /// (`（...)`) or the reverse. One diagnostic per cell, at the first problem.
    ///
    /// ## Why it matters
    /// Unpaired brackets are a sign of text lost in copying (often across a page break), and
    /// mixed widths look wrong in the published table.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 詳細罪案統計
    ///           description: 以CSV格式的圖表顯示一些罪案（包括兇殺案及行劫案)
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
    ///           name: 詳細罪案統計
    ///           description: 以CSV格式的圖表顯示一些罪案（包括兇殺案及行劫案）
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the pair is certain: a bracket closed by the other width of its own kind is given
    /// the matching width; it is the same bracket, so the text reads the same. Missing or crossing
    /// brackets get no fix: where the text was cut is unknown.
    pub static UNBALANCED_BRACKETS = {
        code: "T006",
        name: "unbalanced-brackets",
        severity: Warning,
        fix: Sometimes,
    };
}

pub(super) fn check(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cell in &context.cells {
        stray_whitespace(context, cell, out);
        unbalanced_brackets(context, cell, out);
        if cell.kind == CellKind::Description {
            non_machine_readable(context, cell, out);
        }
        if cell.kind != CellKind::Category {
            wrong_script(context, cell, out);
        }
    }
    missing_cells(context, out);
    duplicate_datasets(context, out);
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

/// The kinds of stray white space, in the order they are reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stray {
    Leading,
    Trailing,
    Doubled,
    BetweenCjk,
    Unusual,
}

/// The cell with its white space put right, and the first stray white space found (its byte
/// range in the original text).
fn normalise_whitespace(text: &str) -> (String, Option<(Stray, std::ops::Range<usize>)>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut first: Option<(Stray, std::ops::Range<usize>)> = None;
    let mut note = |kind: Stray, range: std::ops::Range<usize>| {
        if first.is_none() {
            first = Some((kind, range));
        }
    };
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    while index < chars.len() {
        let (offset, c) = chars[index];
        if !c.is_whitespace() {
            out.push(c);
            index += 1;
            continue;
        }
        let run_start = index;
        while index < chars.len() && chars[index].1.is_whitespace() {
            index += 1;
        }
        let end = chars.get(index).map_or(text.len(), |(o, _)| *o);
        let range = offset..end;
        let before = run_start.checked_sub(1).map(|i| chars[i].1);
        let after = chars.get(index).map(|(_, c)| *c);
        match (before, after) {
            (None, _) => note(Stray::Leading, range),
            (_, None) => note(Stray::Trailing, range),
            (Some(b), Some(a)) => {
                let run = &text[range.clone()];
                if is_cjk(b) && is_cjk(a) {
                    note(Stray::BetweenCjk, range);
                } else {
                    if run != " " {
                        let kind = if run.chars().all(|c| c == ' ') {
                            Stray::Doubled
                        } else {
                            Stray::Unusual
                        };
                        note(kind, range);
                    }
                    out.push(' ');
                }
            }
        }
    }
    (out, first)
}

fn stray_whitespace(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    let value = cell.value;
    let (normalised, Some((kind, range))) = normalise_whitespace(value) else {
        return;
    };
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let message_id = match kind {
        Stray::Leading => "T001.leading",
        Stray::Trailing => "T001.trailing",
        Stray::Doubled => "T001.doubled",
        Stray::BetweenCjk => "T001.between-cjk",
        Stray::Unusual => "T001.unusual",
    };
    let range_for_excerpt = range.clone();
    let span = context
        .span_in_cell(pointer, value, range)
        .unwrap_or_else(|| context.span(pointer));
    let fix = context.replace_cell(
        pointer,
        value,
        &normalised,
        Applicability::Safe,
        Message::new("T001.fix").arg("normalised", &normalised),
    );
    out.push(
        crate::diagnostic::Diagnostic::new(
            &STRAY_WHITESPACE,
            pointer,
            span,
            Message::new(message_id).arg("excerpt", excerpt(value, range_for_excerpt)),
        )
        .with_label(Message::new("T001.label"))
        .with_fix(fix),
    );
}

/// The text around `range`: a few characters either side, with `…` where it was cut.
fn excerpt(text: &str, range: std::ops::Range<usize>) -> String {
    const SIDE: usize = 6;
    let before: Vec<char> = text[..range.start].chars().collect();
    let after: Vec<char> = text[range.end..].chars().collect();
    let mut out = String::new();
    if before.len() > SIDE {
        out.push('…');
    }
    out.extend(&before[before.len().saturating_sub(SIDE)..]);
    out.push_str(&text[range]);
    out.extend(after.iter().take(SIDE));
    if after.len() > SIDE {
        out.push('…');
    }
    out
}

/// Opening brackets and the closing bracket each expects.
const PAIRS: [(char, char); 12] = [
    ('(', ')'),
    ('（', '）'),
    ('[', ']'),
    ('［', '］'),
    ('{', '}'),
    ('｛', '｝'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('〈', '〉'),
    ('〔', '〕'),
];

/// The same bracket in the other width, for the kinds that have both.
fn other_width(c: char) -> Option<char> {
    Some(match c {
        '(' => '（',
        ')' => '）',
        '[' => '［',
        ']' => '］',
        '{' => '｛',
        '}' => '｝',
        '（' => '(',
        '）' => ')',
        '［' => '[',
        '］' => ']',
        '｛' => '{',
        '｝' => '}',
        _ => return None,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum BracketProblem {
    /// Opened with `open`, closed with `found` of the other width; `expected` would match.
    WidthMismatch {
        open: char,
        found: char,
        expected: char,
        at: std::ops::Range<usize>,
    },
    Unopened {
        found: char,
        at: std::ops::Range<usize>,
    },
    Crossing {
        open: char,
        found: char,
        at: std::ops::Range<usize>,
    },
    Unclosed {
        open: char,
        at: std::ops::Range<usize>,
    },
}

fn find_bracket_problem(text: &str) -> Option<BracketProblem> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (offset, c) in text.char_indices() {
        let at = offset..offset + c.len_utf8();
        if PAIRS.iter().any(|(open, _)| *open == c) {
            stack.push((c, offset));
            continue;
        }
        if !PAIRS.iter().any(|(_, close)| *close == c) {
            continue;
        }
        let Some(&(open, _)) = stack.last() else {
            return Some(BracketProblem::Unopened { found: c, at });
        };
        let expected = PAIRS
            .iter()
            .find(|(o, _)| *o == open)
            .map_or(c, |(_, close)| *close);
        if c == expected {
            stack.pop();
        } else if other_width(c) == Some(expected) {
            return Some(BracketProblem::WidthMismatch {
                open,
                found: c,
                expected,
                at,
            });
        } else {
            return Some(BracketProblem::Crossing { open, found: c, at });
        }
    }
    stack
        .first()
        .map(|&(open, offset)| BracketProblem::Unclosed {
            open,
            at: offset..offset + open.len_utf8(),
        })
}

fn unbalanced_brackets(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    let value = cell.value;
    let Some(problem) = find_bracket_problem(value) else {
        return;
    };
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let (message, at, fix) = match &problem {
        BracketProblem::WidthMismatch {
            open,
            found,
            expected,
            at,
        } => {
            let fix = context.edit_in_cell(
                pointer,
                value,
                &[(at.clone(), expected.to_string())],
                Applicability::Safe,
                Message::new("T006.fix").arg("expected", expected),
            );
            (
                Message::new("T006.width")
                    .arg("open", open)
                    .arg("found", found)
                    .arg("expected", expected),
                at,
                fix,
            )
        }
        BracketProblem::Unopened { found, at } => {
            (Message::new("T006.unopened").arg("found", found), at, None)
        }
        BracketProblem::Crossing { open, found, at } => (
            Message::new("T006.crossing")
                .arg("open", open)
                .arg("found", found),
            at,
            None,
        ),
        BracketProblem::Unclosed { open, at } => {
            (Message::new("T006.unclosed").arg("open", open), at, None)
        }
    };
    let span = context
        .span_in_cell(pointer, value, at.clone())
        .unwrap_or_else(|| context.span(pointer));
    out.push(
        Diagnostic::new(&UNBALANCED_BRACKETS, pointer, span, message)
            .with_label(Message::new("T006.label"))
            .with_fix(fix),
    );
}

fn wrong_script(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    let value = cell.value;
    let (lookup, message_id): (fn(char) -> Option<&'static str>, _) = match context.plan.language {
        Language::ZhHant => (hanzi::traditional_forms, "T004.simplified"),
        Language::ZhHans => (hanzi::simplified_forms, "T004.traditional"),
        Language::En => return,
    };
    let found: Vec<(usize, char, &'static str)> = value
        .char_indices()
        .filter_map(|(offset, c)| lookup(c).map(|forms| (offset, c, forms)))
        .collect();
    let Some(&(first_offset, first_char, _)) = found.first() else {
        return;
    };
    // A frequency written wholly in the other script is F003's, with a fix for the whole cell.
    let language = context.plan.language;
    if cell.kind == CellKind::Frequency
        && matches!(
            frequency::classify(value, language, context.extras.frequencies(language)),
            frequency::Classification::OtherLanguage { .. }
        )
    {
        return;
    }
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let mut listed: Vec<String> = Vec::new();
    for (_, c, forms) in &found {
        let entry = format!(
            "{c} → {}",
            forms
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("/")
        );
        if !listed.contains(&entry) {
            listed.push(entry);
        }
    }
    let one_to_one = found.iter().all(|(_, _, forms)| forms.chars().count() == 1);
    let fix = if one_to_one {
        let changes: Vec<(std::ops::Range<usize>, String)> = found
            .iter()
            .map(|(offset, c, forms)| (*offset..offset + c.len_utf8(), forms.to_string()))
            .collect();
        context.edit_in_cell(
            pointer,
            value,
            &changes,
            Applicability::Safe,
            Message::new("T004.fix").arg("characters", listed.join(", ")),
        )
    } else {
        None
    };
    let span = context
        .span_in_cell(
            pointer,
            value,
            first_offset..first_offset + first_char.len_utf8(),
        )
        .unwrap_or_else(|| context.span(pointer));
    let label = |c: char, forms: &str| {
        Message::new("T004.char").arg("character", c).arg(
            "forms",
            forms
                .chars()
                .map(String::from)
                .collect::<Vec<_>>()
                .join("/"),
        )
    };
    let mut diagnostic = Diagnostic::new(
        &SIMPLIFIED_IN_TRADITIONAL,
        pointer,
        span,
        Message::new(message_id).arg("characters", listed.join(", ")),
    )
    .with_label(label(first_char, found[0].2));
    // Every other character is labelled too, where the cell is spelt literally.
    for (offset, c, forms) in &found[1..] {
        if let Some(at) = context.span_in_cell(pointer, value, *offset..offset + c.len_utf8()) {
            diagnostic = diagnostic.with_related(at, label(*c, forms));
        }
    }
    out.push(diagnostic.with_fix(fix));
}

/// File formats that are not data to a machine, and those that are.
const NOT_MACHINE_READABLE: [&str; 12] = [
    "PDF", "DOC", "DOCX", "JPG", "JPEG", "PNG", "GIF", "TIF", "TIFF", "BMP", "PPT", "PPTX",
];
const MACHINE_READABLE: [&str; 22] = [
    "CSV", "XML", "JSON", "XLS", "XLSX", "ODS", "API", "GEOJSON", "KML", "KMZ", "SHP", "GML",
    "RDF", "TXT", "GTFS", "WMS", "WFS", "GDB", "DXF", "GPKG", "ATOM", "RSS",
];

fn non_machine_readable(context: &Context<'_>, cell: &TextCell<'_>, out: &mut Vec<Diagnostic>) {
    let value = cell.value;
    let words: Vec<String> = value
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_uppercase)
        .collect();
    let named: Vec<&str> = NOT_MACHINE_READABLE
        .into_iter()
        .filter(|format| words.iter().any(|w| w == format))
        .collect();
    if named.is_empty() || words.iter().any(|w| MACHINE_READABLE.contains(&w.as_str())) {
        return;
    }
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    out.push(
        context
            .diagnostic(
                &NON_MACHINE_READABLE,
                pointer,
                Message::new("T005.message").arg("formats", named.join(", ")),
            )
            .with_label(Message::new("T005.label"))
            .with_help(Message::new("T005.help")),
    );
}

fn blank(cell: &Option<std::borrow::Cow<'_, str>>) -> bool {
    cell.as_deref().is_none_or(|c| c.trim().is_empty())
}

fn missing_cells(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for table in context.plan.tables() {
        for (index, row) in table.rows().iter().enumerate() {
            // Without a category it is unknown whether the row is a dataset or the placeholder;
            // the schema or C001 reports that, and a guess here would double the finding.
            let Some(category) = row.category.as_deref().filter(|c| !c.trim().is_empty()) else {
                continue;
            };
            if is_placeholder(category) {
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
                            missing
                                .push((format!("parts/{part_index}/description"), "description"));
                        }
                        if blank(&part.frequency) {
                            missing.push((format!("parts/{part_index}/frequency"), "frequency"));
                        }
                        if blank(&part.release_date) && blank(&row.release_date) {
                            missing
                                .push((format!("parts/{part_index}/release_date"), "release_date"));
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

/// Names compared as people read them: case, white space and full-width forms folded.
fn fold_name(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c as u32 {
            0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn duplicate_datasets(context: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // The first row of each name, as (table, row index): pointers are built only for repeats.
    let mut seen: HashMap<String, (crate::model::TableRef<'_>, usize)> = HashMap::new();
    for table in context.plan.tables() {
        for (index, row) in table.rows().iter().enumerate() {
            let Some(name) = row.name.as_deref().filter(|n| !n.trim().is_empty()) else {
                continue;
            };
            if row.category.as_deref().is_some_and(is_placeholder) {
                continue;
            }
            let key = fold_name(name);
            let Some((first_table, first_index)) = seen.get(&key) else {
                seen.insert(key, (table, index));
                continue;
            };
            let pointer = format!("{}/name", table.row_pointer(index));
            let first_pointer = format!("{}/name", first_table.row_pointer(*first_index));
            let planned_and_released =
                first_table.section.has_targets() != table.section.has_targets();
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_is_normalised_and_the_first_stray_is_located() {
        assert_eq!(normalise_whitespace("交通意外 數字").0, "交通意外數字");
        assert_eq!(
            normalise_whitespace("交通意外 數字").1.map(|(k, _)| k),
            Some(Stray::BetweenCjk)
        );
        assert_eq!(normalise_whitespace(" a  b ").0, "a b");
        assert_eq!(normalise_whitespace(" a").1, Some((Stray::Leading, 0..1)));
        assert_eq!(normalise_whitespace("a  b").1, Some((Stray::Doubled, 1..3)));
        assert_eq!(
            normalise_whitespace("a\tb").1.map(|(k, _)| k),
            Some(Stray::Unusual)
        );
        assert_eq!(normalise_whitespace("在 2024 年發放").1, None);
        assert_eq!(normalise_whitespace("罪案; 被限制").1, None);
    }

    #[test]
    fn brackets_pair_by_kind_and_width() {
        assert_eq!(find_bracket_problem("警署(區/分區)位置"), None);
        assert_eq!(find_bracket_problem("《2023-2025年度計劃》"), None);
        assert!(matches!(
            find_bracket_problem("罪案（包括兇殺案)"),
            Some(BracketProblem::WidthMismatch {
                expected: '）', ..
            })
        ));
        assert!(matches!(
            find_bracket_problem("a)"),
            Some(BracketProblem::Unopened { .. })
        ));
        assert!(matches!(
            find_bracket_problem("「a（b」）"),
            Some(BracketProblem::Crossing { .. })
        ));
        assert!(matches!(
            find_bracket_problem("a（b"),
            Some(BracketProblem::Unclosed { .. })
        ));
    }

    #[test]
    fn names_fold_case_space_and_width() {
        assert_eq!(fold_name("ＣＳＶ 數據"), fold_name("csv數據"));
    }
}
