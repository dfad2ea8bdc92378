//! Completion while the plan is being typed (so from the text, which may not parse): the keys the
//! schema allows in the mapping at the cursor, the categories and canonical frequencies of the
//! plan's language, and the next item number of the table.

use std::sync::OnceLock;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit,
};
use serde_json::Value;

use crate::document::{LineIndex, SourceKind};
use crate::model::Language;
use crate::vocab::{categories, frequency};

use super::analysis::Analysis;
use super::hover::plan_language;

mod json;

use json::json_key_completions;

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(crate::schema::SCHEMA_TEXT).unwrap_or(Value::Null))
}

fn resolve(node: &'static Value) -> &'static Value {
    match node.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/")
            .map(|path| format!("/{path}"))
            .and_then(|pointer| schema().pointer(&pointer))
            .map_or(node, resolve),
        None => node,
    }
}

/// The schema of the node at a path of keys (array indices are any token).
fn schema_at<'a>(tokens: impl IntoIterator<Item = &'a str>) -> Option<&'static Value> {
    let mut node = resolve(schema());
    for token in tokens {
        node = match node.get("properties").and_then(|p| p.get(token)) {
            Some(property) => resolve(property),
            None => resolve(node.get("items")?),
        };
    }
    Some(node)
}

/// The title and description the schema gives the key at `pointer` (bilingual in the schema).
pub fn schema_doc(pointer: &str) -> Option<(String, String)> {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let (last, parents) = tokens.split_last()?;
    let parent = schema_at(parents.iter().copied())?;
    let property = parent.get("properties")?.get(*last)?;
    let text = |key: &str| {
        property
            .get(key)
            .or_else(|| resolve(property).get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Some((text("title")?, text("description").unwrap_or_default()))
}

/// The completions at a byte offset of the document's text.
pub fn completions(analysis: &Analysis, offset: usize) -> Vec<CompletionItem> {
    if !analysis.is_plan {
        return Vec::new();
    }
    let document = &analysis.document;
    let text = &document.text;
    let lines = &document.lines();
    let line = lines.line_of(offset.min(text.len()));
    let line_range = lines.line_range(text, line);
    let offset = offset.clamp(line_range.start, line_range.end);
    let before = &text[line_range.start..offset];
    let language = plan_language(document.value().as_ref())
        .or_else(|| language_in_text(text))
        .unwrap_or(Language::ZhHant);
    let json = document.kind == SourceKind::Json;
    if let Some((key, value_start)) = value_context(before, json) {
        let start = line_range.start + value_start;
        let content_end = line_range.start + text[line_range.clone()].trim_end().len();
        let end = if json {
            (start + json_value_len(&text[start..line_range.end])).max(offset)
        } else {
            content_end.max(offset)
        };
        let space = if !json && !before[..value_start].ends_with(' ') {
            " "
        } else {
            ""
        };
        let values = match key {
            "category" => category_values(language),
            "frequency" => frequency::canonical_terms(language)
                .into_iter()
                .map(|term| (term, None))
                .collect(),
            "item" => next_item(text, lines, line, value_start)
                .map(|n| vec![(n.to_string(), None)])
                .unwrap_or_default(),
            "language" => Language::ALL
                .iter()
                .map(|l| (l.code().to_string(), None))
                .collect(),
            "format" => vec![("odp-plan/1".to_string(), None)],
            _ => Vec::new(),
        };
        return values
            .into_iter()
            .enumerate()
            .map(|(rank, (value, detail))| {
                let new_text = if json {
                    if key == "item" {
                        value.clone()
                    } else {
                        serde_json::to_string(&value).unwrap_or_default()
                    }
                } else {
                    format!("{space}{}", yaml_scalar(&value))
                };
                // The value typed so far (in JSON with its opening quote) is replaced.
                let range = start..end;
                CompletionItem {
                    label: value.clone(),
                    kind: Some(CompletionItemKind::VALUE),
                    detail,
                    sort_text: Some(format!("{rank:04}")),
                    filter_text: Some(value),
                    text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                        analysis.range(&range),
                        new_text,
                    ))),
                    ..CompletionItem::default()
                }
            })
            .collect();
    }
    if json {
        return json_key_completions(analysis, offset);
    }
    let Some(column) = key_context(before) else {
        return Vec::new();
    };
    let Some(outline) = outline(text, lines, line, column) else {
        return Vec::new();
    };
    let start = line_range.start + column;
    let word_end = start
        + text[start..line_range.end]
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(line_range.end - start);
    let next = || next_item(text, lines, line, column);
    key_items(
        analysis,
        &outline,
        start..word_end.max(offset),
        &next,
        |key| format!("{key}: "),
    )
}

/// The keys the schema allows in the mapping `outline` names, less those it has; `write` gives
/// the text that a key inserts (`item` in a row gets its next number, from `next_item`).
fn key_items(
    analysis: &Analysis,
    outline: &Outline,
    range: std::ops::Range<usize>,
    next_item: &dyn Fn() -> Option<i64>,
    write: impl Fn(&str) -> String,
) -> Vec<CompletionItem> {
    let Some(mapping) = schema_at(outline.path.iter().map(String::as_str)) else {
        return Vec::new();
    };
    let Some(properties) = mapping.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let required: Vec<&str> = mapping
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let row = outline.path.last().is_some_and(|t| t == "0")
        && outline
            .path
            .iter()
            .rev()
            .nth(1)
            .is_some_and(|t| t == "rows");
    properties
        .iter()
        .filter(|(key, _)| !outline.siblings.iter().any(|s| s == *key))
        .enumerate()
        .map(|(rank, (key, property))| {
            let doc = |field: &str| {
                property
                    .get(field)
                    .or_else(|| resolve(property).get(field))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            };
            let mut new_text = write(key);
            if key == "item"
                && row
                && let Some(n) = next_item()
            {
                new_text.push_str(&n.to_string());
            }
            let first = if required.contains(&key.as_str()) {
                0
            } else {
                1
            };
            CompletionItem {
                label: key.clone(),
                kind: Some(CompletionItemKind::PROPERTY),
                detail: doc("title"),
                documentation: doc("description").map(|value| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::PlainText,
                        value,
                    })
                }),
                sort_text: Some(format!("{first}{rank:04}")),
                filter_text: Some(key.clone()),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    analysis.range(&range),
                    new_text,
                ))),
                ..CompletionItem::default()
            }
        })
        .collect()
}

/// The categories of a language, the placeholder first, each with its names elsewhere.
fn category_values(language: Language) -> Vec<(String, Option<String>)> {
    let mut values = vec![(language.placeholder().to_string(), None)];
    values.extend(categories::all().iter().map(|category| {
        let others: Vec<&str> = Language::ALL
            .iter()
            .filter(|l| **l != language)
            .map(|l| category.name(*l))
            .collect();
        (
            category.name(language).to_string(),
            Some(others.join(" / ")),
        )
    }));
    values
}

/// `key: partial` (YAML, the key optionally after `- `) or `"key": "partial` (JSON): the key and
/// where its value starts in the line.
fn value_context(before: &str, json: bool) -> Option<(&str, usize)> {
    if json {
        let colon = before.rfind(':')?;
        let head = before[..colon].trim_end();
        let key_start = head.strip_suffix('"')?.rfind('"')? + 1;
        let key = &head[key_start..head.len() - 1];
        let rest = &before[colon + 1..];
        if rest.trim_start().contains(['"', ',']) && rest.trim_start().matches('"').count() != 1 {
            return None;
        }
        let value_start = colon + 1 + (rest.len() - rest.trim_start().len());
        return Some((key, value_start));
    }
    let trimmed = before.trim_start();
    let indent = before.len() - trimmed.len();
    let (trimmed, indent) = match trimmed.strip_prefix("- ") {
        Some(rest) => (rest.trim_start(), before.len() - rest.trim_start().len()),
        None => (trimmed, indent),
    };
    let colon = trimmed.find(':')?;
    let key = &trimmed[..colon];
    if key.is_empty() || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let after = &trimmed[colon + 1..];
    if !after.is_empty() && !after.starts_with(' ') {
        return None;
    }
    let value_start = indent + colon + 1 + (after.len() - after.trim_start().len());
    Some((key, value_start))
}

/// The length of the JSON value at the start of `text`: a string with its quotes (to the end of
/// the line when it is not closed yet), else up to the next `,`, `}` or space.
fn json_value_len(text: &str) -> usize {
    if let Some(rest) = text.strip_prefix('"') {
        let mut escaped = false;
        for (at, c) in rest.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return at + 2,
                _ => escaped = false,
            }
        }
        return text.trim_end().len();
    }
    text.find([',', '}', ']', ' ']).unwrap_or(text.len())
}

/// A key being typed at the start of a line (or after `- `): the column where it starts.
fn key_context(before: &str) -> Option<usize> {
    let trimmed = before.trim_start();
    let mut column = before.len() - trimmed.len();
    let mut rest = trimmed;
    while let Some(after) = rest.strip_prefix('-') {
        let inner = after.trim_start();
        if inner.len() == after.len() {
            return None;
        }
        column += 1 + after.len() - inner.len();
        rest = inner;
    }
    rest.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_')
        .then_some(column)
}

/// The mapping a key at `column` of `line` belongs to: its path of keys from the root (`0` for
/// a sequence item) and the keys it already has.
#[derive(Debug, PartialEq)]
struct Outline {
    path: Vec<String>,
    siblings: Vec<String>,
}

/// One line as the outline sees it: where its key starts, the key, whether a `- ` opens a
/// sequence item there, and the dash's column.
struct LineShape<'a> {
    dash: Option<usize>,
    key_column: usize,
    key: Option<&'a str>,
}

fn shape(content: &str) -> Option<LineShape<'_>> {
    let trimmed = content.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    let mut column = content.len() - trimmed.len();
    let mut rest = trimmed;
    let mut dash = None;
    while let Some(after) = rest.strip_prefix('-') {
        let inner = after.trim_start();
        if inner.len() == after.len() && !after.is_empty() {
            break;
        }
        dash.get_or_insert(column);
        column += 1 + after.len() - inner.len();
        rest = inner;
    }
    let key = rest.find(':').map(|at| &rest[..at]).filter(|k| {
        !k.is_empty()
            && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && rest[k.len() + 1..]
                .chars()
                .next()
                .is_none_or(|c| c == ' ' || c == '\t')
    });
    Some(LineShape {
        dash,
        key_column: column,
        key,
    })
}

fn outline(text: &str, lines: &LineIndex, line: usize, column: usize) -> Option<Outline> {
    let content_of = |n: usize| &text[lines.line_range(text, n)];
    let mut siblings = Vec::new();
    // Keys below the cursor in the same mapping.
    for below in line + 1..lines.line_count() {
        let Some(shape) = shape(content_of(below)) else {
            continue;
        };
        if shape.key_column < column || shape.dash.is_some_and(|d| d < column) {
            break;
        }
        if shape.key_column == column
            && let Some(key) = shape.key
        {
            siblings.push(key.to_string());
        }
    }
    let own = shape(content_of(line));
    let mut path = Vec::new();
    let mut level = column;
    // Whether the mapping at `level` is a sequence item (its `- ` seen on the cursor's line).
    let mut in_item = own.as_ref().is_some_and(|s| s.dash.is_some());
    if let Some(dash) = own.as_ref().and_then(|s| s.dash) {
        path.push("0".to_string());
        level = dash;
    }
    for above in (0..line).rev() {
        let Some(shape) = shape(content_of(above)) else {
            continue;
        };
        if !in_item && shape.key_column == level {
            if let Some(key) = shape.key {
                siblings.push(key.to_string());
            }
            if let Some(dash) = shape.dash {
                // The first key of a sequence item: the mapping is that item.
                path.push("0".to_string());
                level = dash;
                in_item = true;
            }
            continue;
        }
        let is_parent = shape.key_column < level
            || (in_item && shape.dash.is_none() && shape.key_column == level);
        if !is_parent {
            continue;
        }
        if let Some(dash) = shape.dash
            && shape.key_column < level
        {
            // A key inside an enclosing sequence item: the item is an ancestor mapping.
            path.push(shape.key?.to_string());
            path.push("0".to_string());
            level = dash;
            in_item = true;
            continue;
        }
        path.push(shape.key?.to_string());
        level = shape.key_column;
        in_item = false;
        if level == 0 {
            break;
        }
    }
    if level != 0 && !path.is_empty() {
        return None;
    }
    path.reverse();
    Some(Outline { path, siblings })
}

/// The next item number of the table holding `line`: one more than the largest item number in
/// its `rows` (the cursor's own line left out).
fn next_item(text: &str, lines: &LineIndex, line: usize, column: usize) -> Option<i64> {
    let content_of = |n: usize| &text[lines.line_range(text, n)];
    let first_column = |shape: &LineShape<'_>| shape.dash.unwrap_or(shape.key_column);
    // The nearest ancestor key must be `rows` (sequence items in between are the row itself).
    let mut level = shape(content_of(line)).map_or(column, |s| first_column(&s).min(column));
    let mut rows_line = None;
    for above in (0..line).rev() {
        let Some(shape) = shape(content_of(above)) else {
            continue;
        };
        if first_column(&shape) >= level {
            continue;
        }
        level = first_column(&shape);
        if shape.dash.is_some() {
            continue;
        }
        if shape.key == Some("rows") {
            rows_line = Some(above);
        }
        break;
    }
    let rows_line = rows_line?;
    let rows_column = shape(content_of(rows_line))?.key_column;
    let mut largest = 0;
    for n in rows_line + 1..lines.line_count() {
        let content = content_of(n);
        let Some(shape) = shape(content) else {
            continue;
        };
        let first = shape.dash.unwrap_or(shape.key_column);
        if first < rows_column || (first == rows_column && shape.dash.is_none()) {
            break;
        }
        if n == line || shape.key != Some("item") {
            continue;
        }
        let value = content[shape.key_column + "item:".len()..].trim();
        let value = value.split([' ', '#', ',', '}']).next().unwrap_or_default();
        if let Ok(number) = value.parse::<i64>() {
            largest = largest.max(number);
        }
    }
    Some(largest + 1)
}

/// The plan's `language:` line, when the document does not parse.
fn language_in_text(text: &str) -> Option<Language> {
    text.lines().find_map(|line| {
        let rest = line
            .strip_prefix("language:")
            .or_else(|| line.trim_start().strip_prefix("\"language\":"))?;
        Language::from_code(rest.trim().trim_matches([',', '"', '\'']).trim())
    })
}

/// A value as a YAML scalar: plain when that reads back as the same string, else quoted.
fn yaml_scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', ' ',
        ])
        && !value.ends_with([' ', ':']);
    if plain {
        value.to_string()
    } else {
        serde_json::to_string(value).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline_at(text: &str, marker: &str) -> Option<Outline> {
        let at = text.find(marker).unwrap();
        let lines = LineIndex::new(text);
        let line = lines.line_of(at);
        outline(text, &lines, line, at - lines.line_start(line))
    }

    const PLAN: &str = "format: odp-plan/1\nsections:\n  D:\n    non_spatial:\n      rows:\n        - item: 1\n          category: 法律及保安\n          name: x\n        - item: 2\n          ^row\n    spatial:\n      ^table\n";

    #[test]
    fn the_outline_follows_indentation_and_sequence_items() {
        assert_eq!(
            outline_at(PLAN, "^row"),
            Some(Outline {
                path: ["sections", "D", "non_spatial", "rows", "0"]
                    .map(String::from)
                    .to_vec(),
                siblings: vec!["item".to_string()],
            })
        );
        assert_eq!(
            outline_at(PLAN, "^table").unwrap().path,
            ["sections", "D", "spatial"].map(String::from).to_vec()
        );
        let root = outline_at("format: x\n^\nsections:\n", "^").unwrap();
        assert_eq!(root.path, Vec::<String>::new());
        assert_eq!(root.siblings, ["sections", "format"]);
    }

    #[test]
    fn the_next_item_counts_the_table_only() {
        let lines = LineIndex::new(PLAN);
        let line = lines.line_of(PLAN.find("^row").unwrap());
        assert_eq!(next_item(PLAN, &lines, line, 10), Some(3));
        let line = lines.line_of(PLAN.find("^table").unwrap());
        assert_eq!(next_item(PLAN, &lines, line, 6), None);
    }

    #[test]
    fn contexts_are_read_from_the_text_before_the_cursor() {
        assert_eq!(
            value_context("          category: 法", false),
            Some(("category", 20))
        );
        assert_eq!(value_context("        - item:", false), Some(("item", 15)));
        assert_eq!(value_context("  name: a:b", false), Some(("name", 8)));
        assert_eq!(
            value_context("\"frequency\": \"Mon", true),
            Some(("frequency", 13))
        );
        assert_eq!(key_context("        - "), Some(10));
        assert_eq!(key_context("          cat"), Some(10));
        assert_eq!(key_context("  a b"), None);
        assert_eq!(json_value_len("\"a\\\"b\", x"), 6);
        assert_eq!(json_value_len("\"open"), 5);
        assert_eq!(json_value_len("12,"), 2);
        assert_eq!(yaml_scalar("Law & Security"), "Law & Security");
        assert_eq!(yaml_scalar("a: b"), "\"a: b\"");
    }
}
