//! Writes a plan's value as `odp-plan/1` YAML with every comment of its source put back beside
//! its key: keys in the schema's order (unknown ones after, as they sort), block style with
//! two-space indentation, scalars plain unless YAML 1.2 would read them otherwise.

use serde_json::{Map, Value};

use crate::document::comments::Comments;
use crate::import::yaml_scalar;

/// The order the schema and the template give keys; other keys follow in their own order.
const KEY_ORDER: [&str; 16] = [
    "format",
    "organisation",
    "organisation_id",
    "language",
    "title",
    "period",
    "published",
    "sections",
    "A",
    "B",
    "C",
    "D",
    "spatial",
    "non_spatial",
    "note",
    "rows",
];

/// The value as YAML. `modeline` is written first unless the comments above the first key
/// already hold one.
pub fn to_yaml(value: &Value, comments: &Comments, modeline: &str) -> String {
    let mut writer = Writer {
        out: String::new(),
        comments,
    };
    let has_modeline = comments.get("/format").is_some_and(|c| {
        c.leading
            .iter()
            .any(|l| l.contains("yaml-language-server:"))
    });
    if !has_modeline {
        writer.out.push_str(modeline);
        writer.out.push('\n');
    }
    match value {
        Value::Object(map) => writer.mapping(map, 0, "", false),
        other => writer.out.push_str(&format!("{}\n", inline(other))),
    }
    for line in &comments.footer {
        writer.out.push_str(line);
        writer.out.push('\n');
    }
    writer.out
}

struct Writer<'c> {
    out: String,
    comments: &'c Comments,
}

fn ordered(map: &Map<String, Value>) -> Vec<(&String, &Value)> {
    let order: &[&str] = if map.contains_key("item") || map.contains_key("description") {
        &crate::model::ROW_KEYS
    } else {
        &KEY_ORDER
    };
    let mut entries: Vec<(&String, &Value)> = map.iter().collect();
    entries.sort_by_key(|(key, _)| {
        order
            .iter()
            .position(|known| known == key)
            .unwrap_or(order.len())
    });
    entries
}

/// A scalar or an empty collection as written after `key: `.
fn inline(value: &Value) -> String {
    match value {
        Value::String(text) => yaml_scalar(text),
        Value::Null => "null".to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) => "[]".to_string(),
        Value::Object(_) => "{}".to_string(),
    }
}

fn is_nested(value: &Value) -> bool {
    match value {
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => false,
    }
}

impl Writer<'_> {
    /// One line: the leading comments of `pointer`'s key at `indent`, then `prefix` and `text`
    /// with the key's trailing comments.
    fn line(&mut self, indent: usize, prefix: &str, text: &str, pointer: &str) {
        let attached = self.comments.get(pointer);
        if let Some(attached) = attached {
            for comment in &attached.leading {
                self.out.extend(std::iter::repeat_n(' ', indent));
                self.out.push_str(comment);
                self.out.push('\n');
            }
        }
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(prefix);
        self.out.push_str(text);
        if let Some(attached) = attached {
            for comment in &attached.trailing {
                self.out.push_str("  ");
                self.out.push_str(comment);
            }
        }
        self.out.push('\n');
    }

    /// A mapping's entries at `indent`; with `in_sequence`, the first one starts with `- `.
    fn mapping(&mut self, map: &Map<String, Value>, indent: usize, base: &str, in_sequence: bool) {
        for (index, (key, value)) in ordered(map).into_iter().enumerate() {
            let pointer = format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"));
            let (line_indent, prefix) = if in_sequence {
                (indent - 2, if index == 0 { "- " } else { "  " })
            } else {
                (indent, "")
            };
            let key_text = yaml_scalar(key);
            if is_nested(value) {
                self.line(line_indent, prefix, &format!("{key_text}:"), &pointer);
                self.value(value, indent + 2, &pointer);
            } else {
                let text = format!("{key_text}: {}", inline(value));
                self.line(line_indent, prefix, &text, &pointer);
            }
        }
    }

    /// A nested value under its key, at `indent`.
    fn value(&mut self, value: &Value, indent: usize, pointer: &str) {
        match value {
            Value::Object(map) => self.mapping(map, indent, pointer, false),
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    let item_pointer = format!("{pointer}/{index}");
                    match item {
                        Value::Object(map) if !map.is_empty() => {
                            self.mapping(map, indent + 2, &item_pointer, true)
                        }
                        // A sequence in a sequence (no plan has one) is written flow style.
                        Value::Array(inner) if !inner.is_empty() => {
                            self.line(indent, "- ", &item.to_string(), &item_pointer)
                        }
                        other => self.line(indent, "- ", &inline(other), &item_pointer),
                    }
                }
                // Whole-line comments after the last item (`/-`, the place past the end in JSON
                // pointer terms), at the items' indentation.
                if let Some(after) = self.comments.get(&format!("{pointer}/-")) {
                    for comment in &after.leading {
                        self.out.extend(std::iter::repeat_n(' ', indent));
                        self.out.push_str(comment);
                        self.out.push('\n');
                    }
                }
            }
            other => self.line(indent, "", &inline(other), pointer),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;

    #[test]
    fn a_plan_reads_back_as_the_same_value_with_its_comments() {
        let text = "# yaml-language-server: $schema=x.json\n# about\nformat: odp-plan/1\ntitle: 'true'\nsections:\n  A:\n    spatial:\n      rows:\n        # the row\n        - item: 1  # odplint: allow N001\n          parts:\n            - description: x\n              frequency: 每年\n    non_spatial:\n      rows: []\nextra: {}\n";
        let document = Document::parse("p.yaml", text);
        let comments = Comments::of(&document);
        let written = to_yaml(&document.value().unwrap(), &comments, "# modeline");
        assert_eq!(written, text);
        let again = Document::parse("q.yaml", &written);
        assert_eq!(again.value(), document.value());
    }
}
