//! Strict JSON loading, keeping byte ranges and reporting repeated keys, which serde_json would
//! silently collapse: well-formed JSON is read straight into the tree (`json_reader.rs`); what that
//! reader declines is read on jsonc-parser's AST (every JSON5-style leniency off), which reports it.

use super::tree::{Entry, Keys, Node, Tree};
use super::{LoadProblem, Parsed, Span, pointer};
use jsonc_parser::ast::{ObjectPropName, Value as Ast};
use jsonc_parser::{CollectOptions, CommentCollectionStrategy, ParseOptions, parse_to_ast};

pub(super) fn parse(text: &str) -> Parsed {
    super::read_directly_or(text, super::json_reader::read, parse_ast)
}

/// Reads `text` through jsonc-parser's syntax tree: what [`parse`] does with a file that the
/// direct reader declines, and what a test compares it with.
pub(super) fn parse_ast(text: &str) -> Parsed {
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
            problems: vec![LoadProblem::Syntax {
                span: 0..0,
                detail: "the file holds no JSON value; expected a plan object with \"format\": \"odp-plan/1\"".into(),
            }],
            ..Parsed::default()
        };
    };
    let mut problems = Vec::new();
    let mut path = Vec::new();
    let mut keys = Keys::default();
    let root = convert(text, &ast, &mut path, &mut keys, &mut problems);
    drop(ast);
    keys.finish();
    Parsed {
        tree: Some(Tree { root, keys }),
        problems,
        ..Parsed::default()
    }
}

fn convert(
    text: &str,
    ast: &Ast<'_>,
    path: &mut Vec<String>,
    keys: &mut Keys,
    problems: &mut Vec<LoadProblem>,
) -> Node {
    match ast {
        Ast::StringLit(s) => Node::string(text, range(s.range), &s.value),
        Ast::NumberLit(n) => {
            let span = range(n.range);
            if let Ok(integer) = n.value.parse::<i64>() {
                Node::int(span, integer)
            } else {
                // Not finite (`1e400`) or not a number at all: kept as its text.
                match n.value.parse::<f64>() {
                    Ok(float) => Node::float(span, float),
                    Err(_) => Node::string(text, span, n.value),
                }
            }
        }
        Ast::BooleanLit(b) => Node::bool(range(b.range), b.value),
        Ast::NullKeyword(n) => Node::null(range(n.range)),
        Ast::Array(array) => {
            let mut items = Vec::with_capacity(array.elements.len());
            for (index, element) in array.elements.iter().enumerate() {
                path.push(index.to_string());
                items.push(convert(text, element, path, keys, problems));
                path.pop();
            }
            Node::sequence(range(array.range), items)
        }
        Ast::Object(object) => {
            let mut entries: Vec<Entry> = Vec::with_capacity(object.properties.len());
            let mut seen = std::collections::HashSet::new();
            for property in &object.properties {
                let (name, key_span) = match &property.name {
                    ObjectPropName::String(s) => (&*s.value, range(s.range)),
                    ObjectPropName::Word(w) => (w.value, range(w.range)),
                };
                let key = keys.intern(name);
                if !seen.insert(key) {
                    let first = entries
                        .iter()
                        .find(|e| e.key() == key)
                        .map(Entry::key_span)
                        .unwrap_or_default();
                    path.push(name.to_string());
                    problems.push(LoadProblem::DuplicateKey {
                        pointer: pointer(path.iter()),
                        key: name.to_string(),
                        span: key_span,
                        first,
                    });
                    path.pop();
                    continue;
                }
                path.push(name.to_string());
                let node = convert(text, &property.value, path, keys, problems);
                path.pop();
                entries.push(Entry::new(key, key_span, node));
            }
            Node::mapping(range(object.range), entries)
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
        let text = "{\"a\": \"\\ud860\\udee2\"}";
        assert_eq!(p.tree.unwrap().root(text).to_value()["a"], "𨋢");
    }

    #[test]
    fn duplicate_keys_are_reported() {
        let text = "{\"a\": {\"b\": 1, \"b\": 2}}";
        let p = parse(text);
        assert!(
            matches!(&p.problems[0], LoadProblem::DuplicateKey { pointer, .. } if pointer == "/a/b")
        );
        assert_eq!(p.tree.unwrap().root(text).to_value()["a"]["b"], 1);
    }
}
