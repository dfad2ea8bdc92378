//! Strict JSON loading on jsonc-parser's AST (every JSON5-style leniency off), keeping byte ranges
//! and reporting repeated keys, which serde_json would silently collapse.

use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};
use serde_json::{Map, Number, Value};

use super::{LoadProblem, Parsed, Span, SpanEntry, SpanNode, intern, pointer};

pub(super) fn parse(text: &str) -> Parsed {
    let options = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let collect = CollectOptions {
        comments: CommentCollectionStrategy::Off,
        tokens: false,
    };
    let ast = match parse_to_ast(text, &collect, &options) {
        Ok(result) => result.value,
        Err(error) => {
            let range = error.range();
            return Parsed {
                value: None,
                spans: None,
                problems: vec![LoadProblem::Syntax {
                    span: range.start..range.end.max(range.start),
                    detail: error.kind().to_string(),
                }],
                ..Parsed::default()
            };
        }
    };
    let Some(ast) = ast else {
        return Parsed {
            value: None,
            spans: None,
            problems: vec![LoadProblem::Syntax {
                span: 0..0,
                detail: "the file holds no JSON value; expected a plan object with \"format\": \"odp-plan/1\"".into(),
            }],
            ..Parsed::default()
        };
    };
    let mut problems = Vec::new();
    let mut path = Vec::new();
    let (value, spans) = convert(&ast, &mut path, &mut problems);
    Parsed {
        value: Some(value),
        spans: Some(spans),
        problems,
        ..Parsed::default()
    }
}

fn convert(
    ast: &Ast<'_>,
    path: &mut Vec<String>,
    problems: &mut Vec<LoadProblem>,
) -> (Value, SpanNode) {
    match ast {
        Ast::StringLit(s) => (
            Value::String(s.value.to_string()),
            SpanNode::Scalar {
                span: range(s.range),
            },
        ),
        Ast::NumberLit(n) => {
            let number = n
                .value
                .parse::<i64>()
                .ok()
                .map(Number::from)
                .or_else(|| n.value.parse::<f64>().ok().and_then(Number::from_f64));
            (
                number.map_or_else(|| Value::String(n.value.to_string()), Value::Number),
                SpanNode::Scalar {
                    span: range(n.range),
                },
            )
        }
        Ast::BooleanLit(b) => (
            Value::Bool(b.value),
            SpanNode::Scalar {
                span: range(b.range),
            },
        ),
        Ast::NullKeyword(n) => (
            Value::Null,
            SpanNode::Scalar {
                span: range(n.range),
            },
        ),
        Ast::Array(array) => {
            let mut values = Vec::with_capacity(array.elements.len());
            let mut items = Vec::with_capacity(array.elements.len());
            for (index, element) in array.elements.iter().enumerate() {
                path.push(index.to_string());
                let (value, node) = convert(element, path, problems);
                path.pop();
                values.push(value);
                items.push(node);
            }
            (
                Value::Array(values),
                SpanNode::Sequence {
                    span: range(array.range),
                    items,
                },
            )
        }
        Ast::Object(object) => {
            let mut map = Map::new();
            let mut entries: Vec<SpanEntry> = Vec::with_capacity(object.properties.len());
            for property in &object.properties {
                let (key, key_span) = match &property.name {
                    ObjectPropName::String(s) => (s.value.to_string(), range(s.range)),
                    ObjectPropName::Word(w) => (w.value.to_string(), range(w.range)),
                };
                if map.contains_key(&key) {
                    let first = entries
                        .iter()
                        .find(|e| e.key == key)
                        .map(|e| e.key_span.clone())
                        .unwrap_or_default();
                    path.push(key.clone());
                    problems.push(LoadProblem::DuplicateKey {
                        pointer: pointer(path.iter()),
                        key,
                        span: key_span,
                        first,
                    });
                    path.pop();
                    continue;
                }
                path.push(key.clone());
                let (value, node) = convert(&property.value, path, problems);
                path.pop();
                map.insert(key.clone(), value);
                entries.push(SpanEntry {
                    key: intern(key),
                    key_span,
                    node,
                });
            }
            (
                Value::Object(map),
                SpanNode::Mapping {
                    span: range(object.range),
                    entries,
                },
            )
        }
    }
}

fn range(r: jsonc_parser::common::Range) -> Span {
    r.start..r.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json5_leniencies_are_syntax_errors() {
        for text in [
            "{\"a\": 1,}",
            "{a: 1}",
            "{\"a\": 'x'}",
            "// c\n{}",
            "{\"a\": 0x1}",
        ] {
            let p = parse(text);
            assert!(
                matches!(p.problems.first(), Some(LoadProblem::Syntax { .. })),
                "{text}: {:?}",
                p.problems
            );
        }
    }

    #[test]
    fn escaped_surrogate_pairs_decode() {
        let p = parse("{\"a\": \"\\ud860\\udee2\"}");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.value.unwrap()["a"], "𨋢");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let p = parse("{\"a\": {\"b\": 1, \"b\": 2}}");
        assert!(
            matches!(&p.problems[0], LoadProblem::DuplicateKey { pointer, .. } if pointer == "/a/b")
        );
        assert_eq!(p.value.unwrap()["a"]["b"], 1);
    }
}
