//! A fast answer for the common case: whether a document surely meets the schema, read without
//! the JSON Schema validator for the keywords the plan schema uses.
//!
//! The schema is turned once into a graph of [`Test`]s ([`Surely::new`]): each keyword's argument
//! is read then, not for every node, `$ref`s are followed then, and the properties of the plan's
//! own keys are found by the key's number instead of by comparing names.

use std::collections::HashMap;

use serde_json::Value;

use super::RULE_ANNOTATION;
use crate::document::NodeRef;
use crate::document::tree::{KNOWN_KEY_COUNT, Shape, known_key};

/// The schema read for [`Surely::valid`]: its tests, the root's at `root`.
pub(super) struct Surely {
    schemas: Vec<Schema>,
    root: usize,
}

/// One schema of the graph.
enum Schema {
    /// A boolean schema, or one that surely holds or surely cannot be settled here.
    Always(bool),
    /// A `$ref` (with only annotations beside it): what it points to.
    Ref(usize),
    /// Every test must hold.
    Tests(Vec<Test>),
}

/// One keyword, read.
enum Test {
    /// A keyword that cannot be settled here: the validator decides.
    Unsure,
    /// `type`: the kinds allowed, as [`shape_bit`]s.
    Types(u8),
    /// `properties`, on a mapping.
    Properties(Properties),
    /// `additionalProperties`: the schema of a mapping's other keys, and its `properties`.
    Additional {
        listed: Option<Properties>,
        schema: usize,
    },
    /// `required`, on a mapping: the names.
    Required(Vec<Box<str>>),
    /// `items`, on a sequence.
    Items(usize),
    /// `minItems`, on a sequence.
    MinItems(u64),
    /// `const` a string.
    Const(Box<str>),
    /// `enum` over strings (other options never match a string).
    Enum(Vec<Box<str>>),
    /// `allOf`.
    AllOf(Vec<usize>),
    /// A keyword that only holds for nodes other than a mapping (`properties`, `required`), or
    /// other than a sequence (`items`), when its argument is not of the form read here.
    NotOn(u8),
}

/// The schemas of some keys: the plan's own by their number, the rest by name.
struct Properties {
    known: [Option<usize>; KNOWN_KEY_COUNT],
    others: HashMap<Box<str>, usize>,
}

impl Properties {
    fn of(&self, entry: &crate::document::EntryRef<'_>) -> Option<usize> {
        match self.known.get(entry.key_number() as usize) {
            Some(known) => *known,
            None if self.others.is_empty() => None,
            None => self.others.get(entry.key()).copied(),
        }
    }
}

const NULL: u8 = 1;
const BOOL: u8 = 2;
const INT: u8 = 4;
const FLOAT: u8 = 8;
const STRING: u8 = 16;
const SEQUENCE: u8 = 32;
const MAPPING: u8 = 64;

fn shape_bit(shape: Shape) -> u8 {
    match shape {
        Shape::Null => NULL,
        Shape::Bool => BOOL,
        Shape::Int => INT,
        Shape::Float => FLOAT,
        Shape::Str => STRING,
        Shape::Sequence => SEQUENCE,
        Shape::Mapping => MAPPING,
    }
}

/// The kinds of the JSON Schema type `name` (an integer-valued float is left to the validator,
/// and so is a name draft 7 does not define).
fn type_bits(name: &str) -> u8 {
    match name {
        "string" => STRING,
        "null" => NULL,
        "boolean" => BOOL,
        "integer" => INT,
        "number" => INT | FLOAT,
        "object" => MAPPING,
        "array" => SEQUENCE,
        _ => 0,
    }
}

impl Surely {
    /// `schema` read as draft 7 for the keywords the plan schema uses (`type`, `properties`,
    /// `additionalProperties`, `required`, `items`, `minItems`, `const`, `enum`, `allOf`, local
    /// `$ref`s); any other keyword is [`Test::Unsure`].
    pub(super) fn new(schema: &Value) -> Self {
        let mut reader = Compiler {
            root: schema,
            schemas: Vec::new(),
            done: HashMap::new(),
        };
        let root = reader.schema(schema);
        // A `$ref` to a `$ref` is followed here; one that comes back to itself is left to the
        // validator (which reports it).
        for number in 0..reader.schemas.len() {
            let mut at = number;
            let mut hops = 0;
            while let Schema::Ref(target) = reader.schemas[at] {
                at = target;
                hops += 1;
                if hops > reader.schemas.len() {
                    reader.schemas[number] = Schema::Always(false);
                    break;
                }
            }
            if let Schema::Ref(target) = &mut reader.schemas[number] {
                *target = at;
            }
        }
        Surely {
            schemas: reader.schemas,
            root,
        }
    }

    /// Whether `node` surely meets the schema. `false` when it does not, or when a keyword it
    /// meets cannot be settled here: then the JSON Schema validator decides and reports, so
    /// every S003 is its finding.
    pub(super) fn valid(&self, node: &NodeRef<'_>) -> bool {
        self.meets(self.root, node)
    }

    fn meets(&self, schema: usize, node: &NodeRef<'_>) -> bool {
        match &self.schemas[schema] {
            Schema::Always(answer) => *answer,
            Schema::Ref(target) => self.meets(*target, node),
            Schema::Tests(tests) => {
                let bit = shape_bit(node.shape());
                tests.iter().all(|test| self.passes(test, bit, node))
            }
        }
    }

    fn passes(&self, test: &Test, bit: u8, node: &NodeRef<'_>) -> bool {
        match test {
            Test::Unsure => false,
            Test::Types(allowed) => allowed & bit != 0,
            Test::NotOn(kinds) => kinds & bit == 0,
            Test::Properties(properties) => node.entries().into_iter().flatten().all(|entry| {
                properties
                    .of(&entry)
                    .is_none_or(|sub| self.meets(sub, &entry.value()))
            }),
            Test::Additional { listed, schema } => {
                node.entries().into_iter().flatten().all(|entry| {
                    listed.as_ref().is_some_and(|p| p.of(&entry).is_some())
                        || self.meets(*schema, &entry.value())
                })
            }
            Test::Required(names) => bit != MAPPING || names.iter().all(|n| node.get(n).is_some()),
            Test::Items(schema) => node
                .items()
                .into_iter()
                .flatten()
                .all(|item| self.meets(*schema, &item)),
            Test::MinItems(limit) => match node.items() {
                Some(items) => items.len() as u64 >= *limit,
                None => true,
            },
            Test::Const(expected) => node.as_str() == Some(&**expected),
            Test::Enum(options) => node
                .as_str()
                .is_some_and(|found| options.iter().any(|o| &**o == found)),
            Test::AllOf(schemas) => schemas.iter().all(|sub| self.meets(*sub, node)),
        }
    }
}

/// Reads a schema into [`Surely`]'s graph, each schema once (a `$ref` may point back up).
struct Compiler<'v> {
    root: &'v Value,
    schemas: Vec<Schema>,
    /// The number of each schema already read, by its address in `root`.
    done: HashMap<*const Value, usize>,
}

impl<'v> Compiler<'v> {
    fn schema(&mut self, schema: &'v Value) -> usize {
        if let Some(&number) = self.done.get(&(schema as *const Value)) {
            return number;
        }
        let number = self.schemas.len();
        self.schemas.push(Schema::Always(false));
        self.done.insert(schema as *const Value, number);
        let read = self.read(schema);
        self.schemas[number] = read;
        number
    }

    fn read(&mut self, schema: &'v Value) -> Schema {
        let object = match schema {
            Value::Object(object) => object,
            Value::Bool(allowed) => return Schema::Always(*allowed),
            _ => return Schema::Always(false),
        };
        // Draft 7 ignores a `$ref`'s siblings; leave such schemas to the validator.
        if let Some(target) = object.get("$ref") {
            let only_notes = object.keys().all(|k| k == "$ref" || is_annotation(k));
            let target = target
                .as_str()
                .and_then(|t| t.strip_prefix('#'))
                .and_then(|p| self.root.pointer(p));
            return match target {
                Some(target) if only_notes => Schema::Ref(self.schema(target)),
                _ => Schema::Always(false),
            };
        }
        let mut tests = Vec::new();
        for (keyword, argument) in object {
            let test = match keyword.as_str() {
                k if is_annotation(k) => continue,
                "type" => match argument {
                    Value::String(name) => Test::Types(type_bits(name)),
                    Value::Array(names) => Test::Types(
                        names
                            .iter()
                            .filter_map(Value::as_str)
                            .fold(0, |bits, name| bits | type_bits(name)),
                    ),
                    _ => Test::Unsure,
                },
                "properties" => match argument {
                    Value::Object(_) => Test::Properties(self.properties(argument)),
                    _ => Test::NotOn(MAPPING),
                },
                "additionalProperties" => {
                    if object.contains_key("patternProperties") {
                        Test::NotOn(MAPPING)
                    } else {
                        let listed = object
                            .get("properties")
                            .filter(|p| p.is_object())
                            .map(|p| self.properties(p));
                        let schema = self.schema(argument);
                        Test::Additional { listed, schema }
                    }
                }
                "required" => match argument {
                    Value::Array(names) => {
                        match names.iter().map(Value::as_str).collect::<Option<Vec<_>>>() {
                            Some(names) => {
                                Test::Required(names.into_iter().map(Box::from).collect())
                            }
                            None => Test::NotOn(MAPPING),
                        }
                    }
                    _ => Test::NotOn(MAPPING),
                },
                "items" => match argument {
                    Value::Object(_) | Value::Bool(_) => Test::Items(self.schema(argument)),
                    _ => Test::NotOn(SEQUENCE),
                },
                "minItems" => match argument.as_u64() {
                    Some(limit) => Test::MinItems(limit),
                    None => Test::NotOn(SEQUENCE),
                },
                "const" => match argument {
                    Value::String(expected) => Test::Const(expected.as_str().into()),
                    _ => Test::Unsure,
                },
                "enum" => match argument {
                    Value::Array(options) => Test::Enum(
                        options
                            .iter()
                            .filter_map(Value::as_str)
                            .map(Box::from)
                            .collect(),
                    ),
                    _ => Test::Unsure,
                },
                "allOf" => match argument {
                    Value::Array(schemas) => {
                        Test::AllOf(schemas.iter().map(|sub| self.schema(sub)).collect())
                    }
                    _ => Test::Unsure,
                },
                _ => Test::Unsure,
            };
            tests.push(test);
        }
        Schema::Tests(tests)
    }

    /// The schemas of a `properties` object's keys.
    fn properties(&mut self, properties: &'v Value) -> Properties {
        let mut read = Properties {
            known: [None; KNOWN_KEY_COUNT],
            others: HashMap::new(),
        };
        for (name, sub) in properties.as_object().into_iter().flatten() {
            let schema = self.schema(sub);
            match known_key(name) {
                Some(number) => read.known[number as usize] = Some(schema),
                None => {
                    read.others.insert(name.as_str().into(), schema);
                }
            }
        }
        read
    }
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

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::Surely;
    use crate::document::Document;

    /// Whether the JSON text `instance` surely meets `schema`.
    fn surely(schema: &Value, instance: &str) -> bool {
        let document = Document::parse("t.json", instance);
        Surely::new(schema).valid(&document.root().expect("a value"))
    }

    #[test]
    fn each_keyword_is_read_as_draft_7_reads_it_or_left_to_the_validator() {
        let row = json!({
            "type": "object",
            "required": ["item"],
            "additionalProperties": false,
            "properties": {"item": {"type": "integer"}, "colour": {"type": ["string", "null"]}}
        });
        assert!(surely(&row, r#"{"item": 1, "colour": null}"#));
        assert!(!surely(&row, r#"{"item": 1.5}"#));
        assert!(!surely(&row, r#"{"colour": "red"}"#), "required");
        assert!(!surely(&row, r#"{"item": 1, "size": 2}"#), "additional");
        assert!(!surely(&row, "[1]"), "type");
        let open = json!({"additionalProperties": {"type": "string"}, "properties": {"a": {}}});
        assert!(surely(&open, r#"{"a": 1, "b": "x"}"#));
        assert!(!surely(&open, r#"{"a": 1, "b": 2}"#));
        assert!(surely(&open, "3"), "object keywords hold for other kinds");
        let list = json!({"items": {"const": "x"}, "minItems": 2});
        assert!(surely(&list, r#"["x", "x"]"#));
        assert!(!surely(&list, r#"["x"]"#));
        assert!(!surely(&list, r#"["x", "y"]"#));
        assert!(
            surely(&list, r#"{"a": 1}"#),
            "array keywords hold for other kinds"
        );
        let choice = json!({"enum": ["a", 1, "b"]});
        assert!(surely(&choice, r#""b""#));
        assert!(
            !surely(&choice, "1"),
            "a number in an enum is the validator's"
        );
        let all = json!({"allOf": [{"type": "string"}, {"const": "z"}]});
        assert!(surely(&all, r#""z""#));
        assert!(!surely(&all, r#""y""#));
        // What the reader does not settle.
        for unsure in [
            json!({"anyOf": [{}]}),
            json!({"type": 3}),
            json!({"type": "strnig"}),
            json!({"const": 1}),
            json!({"allOf": {}}),
            json!({"properties": {"a": {"pattern": "x"}}}),
            json!({"$ref": "#/definitions/a", "type": "string", "definitions": {"a": {}}}),
            json!({"$ref": "#/nowhere"}),
            json!({"$ref": "#"}),
            json!({"$ref": "#/definitions/a", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"$ref": "#/definitions/a"}}}),
            json!(false),
            json!(3),
        ] {
            assert!(!surely(&unsure, r#"{"a": "x"}"#), "{unsure}");
        }
        assert!(!surely(&json!({"required": [1]}), "{}"));
        assert!(surely(&json!({"required": [1]}), "1"));
        assert!(!surely(&json!({"properties": 1}), "{}"));
        assert!(!surely(&json!({"items": [{}]}), "[]"));
        assert!(!surely(&json!({"minItems": -1}), "[]"));
    }

    #[test]
    fn refs_are_followed_through_chains_and_back_up_the_tree() {
        let tree = json!({
            "$ref": "#/definitions/node",
            "definitions": {
                "node": {"$ref": "#/definitions/shape"},
                "shape": {
                    "type": "object",
                    "properties": {"name": {"type": "string"}, "children": {"items": {"$ref": "#/definitions/node"}}}
                }
            }
        });
        assert!(surely(
            &tree,
            r#"{"name": "a", "children": [{"name": "b", "children": [{"children": []}]}]}"#
        ));
        assert!(!surely(
            &tree,
            r#"{"name": "a", "children": [{"name": "b", "children": [{"name": 1}]}]}"#
        ));
    }

    /// Keys beyond the plan's own are found by name: every document numbers them differently.
    #[test]
    fn keys_of_the_documents_own_are_found_by_name() {
        let schema =
            json!({"properties": {"colour": {"type": "string"}, "item": {"type": "integer"}}});
        assert!(surely(
            &schema,
            r#"{"size": 1, "colour": "red", "item": 2}"#
        ));
        assert!(!surely(&schema, r#"{"size": 1, "colour": 1}"#));
        assert!(!surely(&schema, r#"{"item": "2"}"#));
    }
}
