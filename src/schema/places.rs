//! How S003 names what it found: the place of a node for people ("row 7 of D.ii"), and the
//! JSON types found and expected, in the catalogue's words.

use jsonschema::error::TypeKind;
use serde_json::Value;

use crate::messages::{Message, show_value};

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

pub(super) fn found_type(value: &Value) -> Message {
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

pub(super) fn type_names(kind: &TypeKind) -> Message {
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
