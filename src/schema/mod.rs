//! The embedded JSON Schema of `odp-plan/1`, compiled once, and the conversion of its errors into
//! S003 diagnostics placed on the exact node: the unknown key, the wrong value, or the key of the
//! mapping that lacks a required key.

use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::document::{Document, pointer};
use crate::messages::{Message, show_value};
use crate::rules::syntax::SCHEMA_VIOLATION;

mod places;
mod surely;

pub use places::describe_place;
use places::{found_type, type_names};
use surely::Surely;

/// The schema text, as published in `schemas/plan.schema.json`.
pub const SCHEMA_TEXT: &str = include_str!("../../schemas/plan.schema.json");

/// The schema the CLI validates with ([`without_rule_keywords`]), read once.
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        // Tested: the text is valid JSON.
        let schema: Value = serde_json::from_str(SCHEMA_TEXT).expect("the embedded schema is JSON");
        without_rule_keywords(schema)
    })
}

/// The schema read for the fast answer ([`Surely::valid`]), once.
fn surely() -> &'static Surely {
    static SURELY: OnceLock<Surely> = OnceLock::new();
    SURELY.get_or_init(|| Surely::new(schema()))
}

/// The JSON Schema validator, compiled only when a document is not surely valid (most plans
/// are: [`Surely::valid`] answers for them without it).
fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    // Tested: the schema is a valid draft-07 schema.
    VALIDATOR
        .get_or_init(|| jsonschema::draft7::new(schema()).expect("the embedded schema compiles"))
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

/// S003 diagnostics for everything in the document that breaks the schema, except `format`,
/// which S004 reports.
pub fn validate(document: &Document) -> Vec<Diagnostic> {
    let Some(root) = document.root() else {
        return Vec::new();
    };
    // The fast path: most documents are valid, and the tree says so without building a value
    // or compiling the validator.
    if surely().valid(&root) {
        return Vec::new();
    }
    validate_value(document, &root.to_value())
}

/// S003 diagnostics for `value` (the document's value), found by the JSON Schema validator.
pub fn validate_value(document: &Document, value: &Value) -> Vec<Diagnostic> {
    let validator = validator();
    let schema = schema();
    let mut out = Vec::new();
    // Collecting errors costs more than a yes/no.
    if validator.is_valid(value) {
        return out;
    }
    for error in validator.iter_errors(value) {
        let instance_pointer = error.instance_path().as_str().to_string();
        let schema_pointer = error.schema_path().as_str().to_string();
        match error.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                let expected = allowed_keys(schema, &schema_pointer);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_schema_compiles() {
        let _ = validator();
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
        let base = include_str!("../../tests/fixtures/base.yaml");
        let help = |text: &str| {
            let document = Document::parse("p.yaml", text);
            validate(&document)
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

    /// The tree's yes is never the validator's no: over every YAML and JSON fixture (and each
    /// with one row's cell made a number, a list or removed), a document [`Surely::valid`]
    /// accepts is one the JSON Schema validator accepts.
    #[test]
    fn the_fast_check_never_accepts_what_the_validator_refuses() {
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    files(&path, out);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                {
                    out.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        files(std::path::Path::new("tests/fixtures"), &mut paths);
        files(std::path::Path::new("plans"), &mut paths);
        assert!(paths.len() > 50, "{} fixtures", paths.len());
        let (mut accepted, mut refused) = (0, 0);
        let mut check = |name: &str, text: &str| {
            let document = Document::parse(name, text);
            let Some(root) = document.root() else {
                return;
            };
            let valid = validator().is_valid(&root.to_value());
            if surely().valid(&root) {
                assert!(
                    valid,
                    "{name}: the fast check accepts what the validator refuses"
                );
                accepted += 1;
            } else if !valid {
                refused += 1;
            }
        };
        for path in &paths {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let name = path.to_string_lossy();
            check(&name, &text);
            for (from, to) in [
                ("category: ", "category: [x]\n          x: "),
                ("frequency: ", "frequency: 12\n          y: "),
                ("item: 1\n", "item: 1.5\n"),
                ("item: 1\n", "item: '1'\n"),
                ("language: zh-Hant", "language: zh-TW"),
                ("format: odp-plan/1", "format: odp-plan/2"),
                ("rows:", "rowz:"),
                ("  D:", "  E:"),
            ] {
                if text.contains(from) {
                    check(&name, &text.replacen(from, to, 1));
                }
            }
        }
        assert!(
            accepted > 20 && refused > 20,
            "{accepted} accepted, {refused} refused"
        );
    }

    #[test]
    fn allowed_keys_follow_refs() {
        let schema = schema();
        let keys = allowed_keys(schema, "/definitions/row/additionalProperties");
        assert!(keys.contains(&"release_date".to_string()), "{keys:?}");
    }
}
