//! A fast answer for the common case: whether a document surely meets the schema, read without
//! the JSON Schema validator for the keywords the plan schema uses.

use serde_json::Value;

use super::RULE_ANNOTATION;
use crate::document::{Kind, NodeRef, Scalar};

/// Whether `node` surely meets `schema`, read as draft-07 for the keywords the plan schema uses
/// (`type`, `properties`, `additionalProperties`, `required`, `items`, `minItems`, `const`,
/// `enum`, `allOf`, local `$ref`s). Any other keyword, or a case it does not settle, answers
/// `false`: then the JSON Schema validator decides and reports, so every S003 is its finding.
pub(super) fn surely_valid(root: &Value, schema: &Value, node: &NodeRef<'_>) -> bool {
    let object = match schema {
        Value::Object(object) => object,
        Value::Bool(allowed) => return *allowed,
        _ => return false,
    };
    // Draft 7 ignores a `$ref`'s siblings; leave such schemas to the validator.
    if let Some(target) = object.get("$ref") {
        let only_notes = object.keys().all(|k| k == "$ref" || is_annotation(k));
        return only_notes
            && target
                .as_str()
                .and_then(|t| t.strip_prefix('#'))
                .and_then(|p| resolve(root, p))
                .is_some_and(|target| surely_valid(root, target, node));
    }
    let kind = node.kind();
    object
        .iter()
        .all(|(keyword, argument)| match keyword.as_str() {
            k if is_annotation(k) => true,
            "type" => match argument {
                Value::String(name) => has_type(name, kind),
                Value::Array(names) => names
                    .iter()
                    .any(|name| name.as_str().is_some_and(|name| has_type(name, kind))),
                _ => false,
            },
            "properties" => match (kind, argument) {
                (Kind::Mapping, Value::Object(properties)) => {
                    node.entries().into_iter().flatten().all(|entry| {
                        properties
                            .get(entry.key())
                            .is_none_or(|sub| surely_valid(root, sub, &entry.value()))
                    })
                }
                (Kind::Mapping, _) => false,
                _ => true,
            },
            "additionalProperties" => match kind {
                Kind::Mapping => {
                    if object.contains_key("patternProperties") {
                        return false;
                    }
                    let properties = object.get("properties").and_then(Value::as_object);
                    node.entries().into_iter().flatten().all(|entry| {
                        properties.is_some_and(|p| p.contains_key(entry.key()))
                            || surely_valid(root, argument, &entry.value())
                    })
                }
                _ => true,
            },
            "required" => match (kind, argument) {
                (Kind::Mapping, Value::Array(names)) => names
                    .iter()
                    .all(|name| name.as_str().is_some_and(|name| node.get(name).is_some())),
                (Kind::Mapping, _) => false,
                _ => true,
            },
            "items" => match (kind, argument) {
                (Kind::Sequence, Value::Object(_) | Value::Bool(_)) => node
                    .items()
                    .into_iter()
                    .flatten()
                    .all(|item| surely_valid(root, argument, &item)),
                (Kind::Sequence, _) => false,
                _ => true,
            },
            "minItems" => match kind {
                Kind::Sequence => argument
                    .as_u64()
                    .is_some_and(|limit| node.items().map_or(0, |i| i.len()) as u64 >= limit),
                _ => true,
            },
            "const" => match (argument, kind) {
                (Value::String(expected), Kind::Scalar(Scalar::Str(found))) => expected == found,
                _ => false,
            },
            "enum" => match (argument, kind) {
                (Value::Array(options), Kind::Scalar(Scalar::Str(found))) => {
                    options.iter().any(|option| option.as_str() == Some(found))
                }
                _ => false,
            },
            "allOf" => match argument {
                Value::Array(schemas) => schemas.iter().all(|sub| surely_valid(root, sub, node)),
                _ => false,
            },
            _ => false,
        })
}

/// Keywords that never make a document invalid.
fn is_annotation(keyword: &str) -> bool {
    matches!(
        keyword,
        "$schema"
            | "$id"
            | "$comment"
            | "title"
            | "description"
            | "markdownDescription"
            | "examples"
            | "enumDescriptions"
            | "default"
            | "definitions"
            | RULE_ANNOTATION
    )
}

/// Whether a node of `kind` has the JSON Schema type `name` (an integer-valued float is left to
/// the validator).
fn has_type(name: &str, kind: Kind<'_>) -> bool {
    matches!(
        (name, kind),
        ("string", Kind::Scalar(Scalar::Str(_)))
            | ("null", Kind::Scalar(Scalar::Null))
            | ("boolean", Kind::Scalar(Scalar::Bool(_)))
            | ("integer", Kind::Scalar(Scalar::Int(_)))
            | ("number", Kind::Scalar(Scalar::Int(_) | Scalar::Float(_)))
            | ("object", Kind::Mapping)
            | ("array", Kind::Sequence)
    )
}

/// The value at JSON pointer `pointer` in `root`, as `Value::pointer` finds it. A pointer through
/// objects by plain names (every `$ref` of the plan schema) is followed without copying each
/// segment, as `Value::pointer` does: a plan of 100,000 rows follows a `$ref` for every row.
/// Anything else is left to `Value::pointer`.
fn resolve<'v>(root: &'v Value, pointer: &str) -> Option<&'v Value> {
    pointer
        .strip_prefix('/')
        .filter(|names| !names.contains('~'))
        .and_then(|names| {
            names
                .split('/')
                .try_fold(root, |value, name| value.as_object()?.get(name))
        })
        .or_else(|| root.pointer(pointer))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::resolve;

    #[test]
    fn pointers_resolve_as_serde_json_resolves_them() {
        let root = json!({
            "definitions": {"row": {"type": "object"}, "a/b": 1, "m~n": 2},
            "list": [10, 20, {"x": true}],
            "": {"empty": 3}
        });
        for pointer in [
            "",
            "/definitions",
            "/definitions/row",
            "/definitions/row/type",
            "/definitions/a~1b",
            "/definitions/m~0n",
            "/list/0",
            "/list/2/x",
            "/list/01",
            "/list/+1",
            "/list/3",
            "/list/-",
            "/",
            "//",
            "/missing",
            "definitions",
            "/definitions/row/type/deeper",
        ] {
            assert_eq!(
                resolve(&root, pointer),
                root.pointer(pointer),
                "{pointer:?}"
            );
        }
    }
}
