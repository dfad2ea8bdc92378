//! The embedded JSON Schema of `odp-plan/1`, compiled once, and the conversion of its errors into
//! S003 diagnostics placed on the exact node: the unknown key, the wrong value, or the key of the
//! mapping that lacks a required key.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, pointer};
use crate::messages::{Message, show_value};
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
        // Both are tested: the text is valid JSON and a valid draft-07 schema.
        let schema: Value = serde_json::from_str(SCHEMA_TEXT).expect("the embedded schema is JSON");
        let schema = without_rule_keywords(schema);
        let validator = jsonschema::draft7::new(&schema).expect("the embedded schema compiles");
        Compiled { schema, validator }
    })
}

/// The schema as the CLI validates with it: without the keywords that only repeat a rule for
/// editors (a date's `pattern` is D001's, a category's `enum` C001's, ...). Each such keyword is
/// named, with its rules, in the `x-odplint` annotation of its node, so that a defect gives the
/// rule's diagnostic alone.
pub fn without_rule_keywords(mut schema: Value) -> Value {
    fn strip(node: &mut Value) {
        match node {
            Value::Object(object) => {
                let keywords: Vec<String> = object
                    .get(RULE_ANNOTATION)
                    .and_then(Value::as_object)
                    .map(|rules| rules.keys().cloned().collect())
                    .unwrap_or_default();
                for keyword in keywords {
                    object.remove(&keyword);
                }
                object.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut schema);
    schema
}

/// The annotation that names, per keyword, the rules a schema keyword repeats for editors.
pub const RULE_ANNOTATION: &str = "x-odplint";

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
        expected: Message,
        found: Message,
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
    fn messages(&self, place: Message) -> (Message, Message, Option<Message>) {
        match self {
            SchemaFinding::UnknownKey { key, expected } => (
                Message::new("S003.unknown-key")
                    .arg("key", key)
                    .arg_message("place", place.clone()),
                Message::new("S003.unknown-key.label"),
                Some(
                    match crate::vocab::closest(key, expected.iter().map(String::as_str)) {
                        Some(closest) => {
                            Message::new("S003.unknown-key.help-closest").arg("closest", closest)
                        }
                        None => Message::new("S003.unknown-key.help"),
                    }
                    .arg("expected", expected.join(", ")),
                ),
            ),
            SchemaFinding::MissingKey { key } => (
                Message::new("S003.missing-key")
                    .arg("key", key)
                    .arg_message("place", place.clone()),
                Message::new("S003.missing-key.label").arg("key", key),
                None,
            ),
            SchemaFinding::WrongType { expected, found } => (
                Message::new("S003.wrong-type")
                    .arg_message("place", place.clone())
                    .arg_message("expected", expected.clone())
                    .arg_message("found", found.clone()),
                Message::new("S003.wrong-type.label").arg_message("expected", expected.clone()),
                None,
            ),
            SchemaFinding::NotInList { expected, found } => (
                Message::new("S003.not-in-list")
                    .arg_message("place", place.clone())
                    .arg("expected", expected.join(", "))
                    .arg("found", found),
                Message::new("S003.not-in-list.label"),
                None,
            ),
            SchemaFinding::TooFew { limit, found } => (
                Message::new("S003.too-few")
                    .arg_message("place", place.clone())
                    .arg("limit", limit)
                    .arg("found", found),
                Message::new("S003.too-few.label"),
                None,
            ),
            SchemaFinding::Pattern { found, pattern } => (
                Message::new("S003.pattern")
                    .arg_message("place", place.clone())
                    .arg("found", found)
                    .arg("pattern", pattern),
                Message::new("S003.pattern.label"),
                None,
            ),
            SchemaFinding::Other { detail } => (
                Message::new("S003.other")
                    .arg_message("place", place.clone())
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
    let (message, label, help) = finding.messages(describe_place(place_pointer));
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
            && let Some(resolved) = target.strip_prefix('#').and_then(|p| schema.pointer(p))
        {
            node = resolved;
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
pub fn describe_place(pointer: &str) -> Message {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let ordinal = |token: &str| {
        token
            .parse::<usize>()
            .map_or_else(|_| token.to_string(), |n| (n + 1).to_string())
    };
    match tokens.as_slice() {
        [] => Message::new("place.plan"),
        ["sections", section] => Message::new("place.section").arg("section", section),
        ["sections", section, table] => {
            Message::new("place.table").arg("table", table_label(section, table))
        }
        ["sections", section, table, "rows"] => {
            Message::new("place.rows").arg("table", table_label(section, table))
        }
        ["sections", section, table, "rows", row, rest @ ..] => {
            let table = table_label(section, table);
            let row = ordinal(row);
            match rest {
                [] => Message::new("place.row")
                    .arg("row", row)
                    .arg("table", table),
                ["parts"] => Message::new("place.parts")
                    .arg("row", row)
                    .arg("table", table),
                ["parts", part] => Message::new("place.part")
                    .arg("part", ordinal(part))
                    .arg("row", row)
                    .arg("table", table),
                ["parts", part, field, ..] => Message::new("place.part-field")
                    .arg("field", field)
                    .arg("part", ordinal(part))
                    .arg("row", row)
                    .arg("table", table),
                [field, ..] => Message::new("place.row-field")
                    .arg("field", field)
                    .arg("row", row)
                    .arg("table", table),
            }
        }
        ["sections", section, table, field, ..] => Message::new("place.table-field")
            .arg("field", field)
            .arg("table", table_label(section, table)),
        [.., last] => Message::new("place.key").arg("key", last),
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

fn found_type(value: &Value) -> Message {
    match value {
        Value::Null => Message::new("value.empty"),
        Value::Bool(b) => Message::new("value.boolean").arg("value", b),
        Value::Number(n) => Message::new("value.number").arg("value", n),
        Value::String(s) => {
            Message::new("value.text").arg("value", show_value(&Value::String(s.clone())))
        }
        Value::Array(_) => Message::new("value.list"),
        Value::Object(_) => Message::new("value.mapping"),
    }
}

fn type_name(t: &jsonschema::JsonType) -> Message {
    Message::new(match t.to_string().as_str() {
        "integer" => "type.integer",
        "number" => "type.number",
        "string" => "type.string",
        "object" => "type.object",
        "array" => "type.array",
        "boolean" => "type.boolean",
        _ => "type.null",
    })
}

fn type_names(kind: &TypeKind) -> Message {
    match kind {
        TypeKind::Single(t) => type_name(t),
        TypeKind::Multiple(set) => {
            let mut names = set.iter().map(|t| type_name(&t));
            let first = names.next().unwrap_or_else(|| Message::new("type.null"));
            names.fold(first, |acc, next| {
                Message::new("type.either")
                    .arg_message("first", acc)
                    .arg_message("second", next)
            })
        }
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
        let en = |pointer: &str| describe_place(pointer).render(crate::messages::Lang::En);
        assert_eq!(en(""), "the plan");
        assert_eq!(
            en("/sections/D/non_spatial/rows/6/item"),
            "`item` in row 7 of D.ii"
        );
        assert_eq!(
            en("/sections/D/non_spatial/rows/6/parts/1/frequency"),
            "`frequency` in part 2 of row 7 of D.ii"
        );
        assert_eq!(en("/sections/A/spatial"), "table A.i");
        assert_eq!(en("/period"), "`period`");
        let zh = describe_place("/sections/D/non_spatial/rows/6/item")
            .render(crate::messages::Lang::ZhHant);
        assert_eq!(zh, "表 D.ii 第 7 列的 `item`");
    }

    #[test]
    fn a_misspelt_key_gets_a_did_you_mean_and_a_foreign_one_the_list() {
        let base = include_str!("../tests/fixtures/base.yaml");
        let help = |text: &str| {
            let document = Document::parse("p.yaml", text);
            let value = document.value.as_ref().unwrap();
            validate(&document, value)
                .into_iter()
                .filter_map(|d| d.help.map(|h| h.render(crate::messages::Lang::En)))
                .collect::<Vec<_>>()
        };
        let misspelt = base.replacen("frequency: 每年", "frequncy: 每年", 1);
        assert_eq!(
            help(&misspelt),
            [
                "did you mean `frequency`? The keys allowed here are: description, frequency, release_date"
            ]
        );
        let misspelt = base.replacen("published:", "publshed:", 1);
        assert!(
            help(&misspelt)
                .iter()
                .any(|h| h.starts_with("did you mean `published`?"))
        );
        let foreign = base.replacen("frequency: 每年", "colour: 每年", 1);
        assert_eq!(
            help(&foreign),
            ["the keys allowed here are: description, frequency, release_date"]
        );
    }

    #[test]
    fn allowed_keys_follow_refs() {
        let schema = &compiled().schema;
        let keys = allowed_keys(schema, "/definitions/row/additionalProperties");
        assert!(keys.contains(&"release_date".to_string()), "{keys:?}");
    }
}
