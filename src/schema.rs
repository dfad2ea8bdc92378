//! The embedded JSON Schema of `odp-plan/1`, compiled once, and the conversion of its errors into
//! S003 diagnostics placed on the exact node: the unknown key, the wrong value, or the key of the
//! mapping that lacks a required key.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, pointer};
use crate::messages::Message;
use crate::rules::syntax::SCHEMA_VIOLATION;

/// The schema text, as published in `schemas/plan.schema.json`.
pub const SCHEMA_TEXT: &str = include_str!("../schemas/plan.schema.json");

struct Compiled {
    schema: Value,
    validator: jsonschema::Validator,
}

fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| {
        // Both are tested: the text is valid JSON and a valid 2020-12 schema.
        let schema: Value = serde_json::from_str(SCHEMA_TEXT).expect("the embedded schema is JSON");
        let validator =
            jsonschema::draft202012::new(&schema).expect("the embedded schema compiles");
        Compiled { schema, validator }
    })
}

/// What the schema found wrong with one node.
#[derive(Debug, Clone, PartialEq)]
enum SchemaFinding {
    UnknownKey {
        key: String,
        expected: Vec<String>,
    },
    MissingKey {
        key: String,
    },
    WrongType {
        expected: String,
        found: String,
    },
    NotInList {
        expected: Vec<String>,
        found: String,
    },
    TooFew {
        limit: u64,
        found: usize,
    },
    Pattern {
        found: String,
        pattern: String,
    },
    Other {
        detail: String,
    },
}

impl SchemaFinding {
    /// The one place S003's words are chosen.
    fn messages(&self, place: &str) -> (Message, Message, Option<Message>) {
        match self {
            SchemaFinding::UnknownKey { key, expected } => (
                Message::new("S003.unknown-key")
                    .arg("key", key)
                    .arg("place", place),
                Message::new("S003.unknown-key.label"),
                Some(Message::new("S003.unknown-key.help").arg("expected", expected.join(", "))),
            ),
            SchemaFinding::MissingKey { key } => (
                Message::new("S003.missing-key")
                    .arg("key", key)
                    .arg("place", place),
                Message::new("S003.missing-key.label").arg("key", key),
                None,
            ),
            SchemaFinding::WrongType { expected, found } => (
                Message::new("S003.wrong-type")
                    .arg("place", place)
                    .arg("expected", expected)
                    .arg("found", found),
                Message::new("S003.wrong-type.label").arg("expected", expected),
                None,
            ),
            SchemaFinding::NotInList { expected, found } => (
                Message::new("S003.not-in-list")
                    .arg("place", place)
                    .arg("expected", expected.join(", "))
                    .arg("found", found),
                Message::new("S003.not-in-list.label"),
                None,
            ),
            SchemaFinding::TooFew { limit, found } => (
                Message::new("S003.too-few")
                    .arg("place", place)
                    .arg("limit", limit)
                    .arg("found", found),
                Message::new("S003.too-few.label"),
                None,
            ),
            SchemaFinding::Pattern { found, pattern } => (
                Message::new("S003.pattern")
                    .arg("place", place)
                    .arg("found", found)
                    .arg("pattern", pattern),
                Message::new("S003.pattern.label"),
                None,
            ),
            SchemaFinding::Other { detail } => (
                Message::new("S003.other")
                    .arg("place", place)
                    .arg("detail", detail),
                Message::new("S003.other.label"),
                None,
            ),
        }
    }
}

/// S003 diagnostics for everything in `value` that breaks the schema, except `format`, which
/// S004 reports.
pub fn validate(document: &Document, value: &Value) -> Vec<Diagnostic> {
    let compiled = compiled();
    let mut out = Vec::new();
    // The fast path: most documents are valid, and collecting errors costs more than a yes/no.
    if compiled.validator.is_valid(value) {
        return out;
    }
    for error in compiled.validator.iter_errors(value) {
        let instance_pointer = error.instance_path().as_str().to_string();
        let schema_pointer = error.schema_path().as_str().to_string();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let expected = allowed_keys(&compiled.schema, &schema_pointer);
                for key in unexpected {
                    let key_pointer = format!("{instance_pointer}{}", pointer([key]));
                    let span = document
                        .locate(&key_pointer)
                        .and_then(|found| found.key)
                        .unwrap_or_else(|| document.span_for(&instance_pointer));
                    let finding = SchemaFinding::UnknownKey {
                        key: key.clone(),
                        expected: expected.clone(),
                    };
                    out.push(build(finding, &instance_pointer, key_pointer, span));
                }
            }
            ValidationErrorKind::Required { property } => {
                let key = property.as_str().unwrap_or_default().to_string();
                if instance_pointer.is_empty() && key == "format" {
                    continue;
                }
                // Label the key of the mapping that lacks the property, or the root's first line.
                let span = match document.locate(&instance_pointer) {
                    Some(found) => found.key.unwrap_or(found.value),
                    None => document.span_for(&instance_pointer),
                };
                let span = if instance_pointer.is_empty() {
                    document.first_content_line()
                } else {
                    span
                };
                let finding = SchemaFinding::MissingKey { key };
                out.push(build(
                    finding,
                    &instance_pointer,
                    instance_pointer.clone(),
                    span,
                ));
            }
            kind => {
                if instance_pointer == "/format" {
                    continue;
                }
                let found = show_value(error.instance());
                let finding = match kind {
                    ValidationErrorKind::Type { kind } => SchemaFinding::WrongType {
                        expected: type_names(kind),
                        found: found_type(error.instance()),
                    },
                    ValidationErrorKind::Enum { options } => SchemaFinding::NotInList {
                        expected: options
                            .as_array()
                            .map(|values| values.iter().map(show_value).collect())
                            .unwrap_or_default(),
                        found,
                    },
                    ValidationErrorKind::MinItems { limit } => SchemaFinding::TooFew {
                        limit: *limit,
                        found: error.instance().as_array().map_or(0, Vec::len),
                    },
                    ValidationErrorKind::Pattern { pattern } => SchemaFinding::Pattern {
                        found,
                        pattern: pattern.clone(),
                    },
                    _ => SchemaFinding::Other {
                        detail: error.to_string(),
                    },
                };
                let span = document.span_for(&instance_pointer);
                out.push(build(
                    finding,
                    &instance_pointer,
                    instance_pointer.clone(),
                    span,
                ));
            }
        }
    }
    out
}

fn build(
    finding: SchemaFinding,
    place_pointer: &str,
    pointer: String,
    span: crate::document::Span,
) -> Diagnostic {
    let (message, label, help) = finding.messages(&describe_place(place_pointer));
    let diagnostic = Diagnostic::new(&SCHEMA_VIOLATION, pointer, span, message).with_label(label);
    match help {
        Some(help) => diagnostic.with_help(help),
        None => diagnostic,
    }
}

/// The keys the schema allows where `additionalProperties` failed: the sibling `properties` of
/// that keyword, following local `$ref`s along the path.
fn allowed_keys(schema: &Value, schema_pointer: &str) -> Vec<String> {
    let Some(parent) = schema_pointer.strip_suffix("/additionalProperties") else {
        return Vec::new();
    };
    let mut node = schema;
    for token in parent.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match node.get(&token) {
            Some(next) => next,
            None => return Vec::new(),
        };
        if let Some(target) = node.get("$ref").and_then(Value::as_str)
            && token != "properties"
        {
            if let Some(resolved) = target.strip_prefix('#').and_then(|p| schema.pointer(p)) {
                node = resolved;
            }
        }
    }
    let node = match node.get("$ref").and_then(Value::as_str) {
        Some(target) => target
            .strip_prefix('#')
            .and_then(|p| schema.pointer(p))
            .unwrap_or(node),
        None => node,
    };
    node.get("properties")
        .and_then(Value::as_object)
        .map(|props| props.keys().cloned().collect())
        .unwrap_or_default()
}

/// A short, friendly name for the node at a pointer: "row 7 of D.ii", "section A", "`period`".
pub fn describe_place(pointer: &str) -> String {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    match tokens.as_slice() {
        [] => "the plan".to_string(),
        ["sections"] => "`sections`".to_string(),
        ["sections", section] => format!("section {section}"),
        ["sections", section, table] => format!("table {}", table_label(section, table)),
        ["sections", section, table, "rows"] => {
            format!("the rows of table {}", table_label(section, table))
        }
        ["sections", section, table, "rows", row, rest @ ..] => {
            let row = row
                .parse::<usize>()
                .map_or_else(|_| row.to_string(), |n| (n + 1).to_string());
            let base = format!("row {row} of {}", table_label(section, table));
            match rest {
                [] => base,
                ["parts"] => format!("the parts of {base}"),
                ["parts", part] => {
                    let part = part
                        .parse::<usize>()
                        .map_or_else(|_| part.to_string(), |n| (n + 1).to_string());
                    format!("part {part} of {base}")
                }
                ["parts", part, field, ..] => {
                    let part = part
                        .parse::<usize>()
                        .map_or_else(|_| part.to_string(), |n| (n + 1).to_string());
                    format!("`{field}` in part {part} of {base}")
                }
                [field, ..] => format!("`{field}` in {base}"),
            }
        }
        ["sections", section, table, field, ..] => {
            format!("`{field}` of table {}", table_label(section, table))
        }
        [.., last] => format!("`{last}`"),
    }
}

fn table_label(section: &str, table: &str) -> String {
    let numeral = match table {
        "spatial" => "i",
        "non_spatial" => "ii",
        other => other,
    };
    format!("{section}.{numeral}")
}

/// A value as a user wrote it, shortened for a message.
pub fn show_value(value: &Value) -> String {
    let text = match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

fn found_type(value: &Value) -> String {
    match value {
        Value::Null => "an empty value".to_string(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the text `{}`", show_value(&Value::String(s.clone()))),
        Value::Array(_) => "a list".to_string(),
        Value::Object(_) => "a mapping".to_string(),
    }
}

fn type_names(kind: &TypeKind) -> String {
    let name = |t: &jsonschema::JsonType| match t.to_string().as_str() {
        "integer" => "a whole number".to_string(),
        "number" => "a number".to_string(),
        "string" => "text".to_string(),
        "object" => "a mapping".to_string(),
        "array" => "a list".to_string(),
        "boolean" => "true or false".to_string(),
        "null" => "empty".to_string(),
        other => other.to_string(),
    };
    match kind {
        TypeKind::Single(t) => name(t),
        TypeKind::Multiple(set) => set
            .iter()
            .map(|t| name(&t))
            .collect::<Vec<_>>()
            .join(" or "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_compiles() {
        let _ = compiled();
    }

    #[test]
    fn places_are_described_for_people() {
        assert_eq!(describe_place(""), "the plan");
        assert_eq!(
            describe_place("/sections/D/non_spatial/rows/6/item"),
            "`item` in row 7 of D.ii"
        );
        assert_eq!(
            describe_place("/sections/D/non_spatial/rows/6/parts/1/frequency"),
            "`frequency` in part 2 of row 7 of D.ii"
        );
        assert_eq!(describe_place("/sections/A/spatial"), "table A.i");
        assert_eq!(describe_place("/period"), "`period`");
    }

    #[test]
    fn allowed_keys_follow_refs() {
        let schema = &compiled().schema;
        let keys = allowed_keys(schema, "/$defs/row/additionalProperties");
        assert!(keys.contains(&"release_date".to_string()), "{keys:?}");
    }
}
