//! Well-formed JSON read straight into the tree, without building jsonc-parser's syntax tree
//! first (which cost more time and memory than the tree itself). Anything else (a syntax error, a
//! repeated key, nesting past [`MAX_DEPTH`], white space JSON does not define, an escape serde_json
//! refuses) is declined, and the syntax-tree path in `json.rs` reads the file and reports it as
//! before: a plan that reads here reads to exactly the same tree there (a test compares them).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use super::tree::{Entry, Keys, Node, Tree};

/// Deeper nesting is left to the syntax-tree path, so that no input can exhaust the stack here.
const MAX_DEPTH: usize = 256;

/// The tree of `text` when it is one well-formed JSON value without repeated keys.
pub(super) fn read(text: &str) -> Option<Tree> {
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        keys: Keys::default(),
    };
    reader.skip_space();
    let root = reader.value(0)?;
    reader.skip_space();
    if reader.at != reader.bytes.len() {
        return None;
    }
    let mut keys = reader.keys;
    keys.finish();
    Some(Tree { root, keys })
}

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    keys: Keys,
}

impl<'t> Reader<'t> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => {
                let (span, value) = self.string()?;
                Some(Node::string(self.text, span, &value))
            }
            b't' => self.word("true").map(|span| Node::bool(span, true)),
            b'f' => self.word("false").map(|span| Node::bool(span, false)),
            b'n' => self.word("null").map(Node::null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    fn word(&mut self, word: &str) -> Option<Range<usize>> {
        let start = self.at;
        self.bytes[start..].starts_with(word.as_bytes()).then(|| {
            self.at += word.len();
            start..self.at
        })
    }

    /// A number as JSON spells it; read as the syntax-tree path reads its text.
    fn number(&mut self) -> Option<Node> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek()?.is_ascii_digit() {
                return None;
            }
            self.digits();
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if !self.peek()?.is_ascii_digit() {
                return None;
            }
            self.digits();
        }
        let span = start..self.at;
        let literal = &self.text[span.clone()];
        Some(if let Ok(integer) = literal.parse::<i64>() {
            Node::int(span, integer)
        } else {
            match literal.parse::<f64>() {
                Ok(float) => Node::float(span, float),
                Err(_) => Node::string(self.text, span, literal),
            }
        })
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// A string's span (its quotes included) and its value: borrowed when it has no escape,
    /// decoded by serde_json when it has.
    fn string(&mut self) -> Option<(Range<usize>, Cow<'t, str>)> {
        let start = self.at;
        self.at += 1;
        let mut escaped = false;
        loop {
            match self.peek()? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    // The escaped character is skipped (serde_json checks it below).
                    self.at += 2;
                }
                0..0x20 => return None,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        let span = start..self.at;
        let inner = self.text.get(start + 1..self.at - 1)?;
        let value = if escaped {
            Cow::Owned(serde_json::from_str::<String>(&self.text[span.clone()]).ok()?)
        } else {
            Cow::Borrowed(inner)
        };
        Some((span, value))
    }

    /// The items of an array or the members of an object, from its opening byte to `close`,
    /// separated by commas: `item` reads each. The container's span.
    fn delimited(
        &mut self,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Option<()>,
    ) -> Option<Range<usize>> {
        let start = self.at;
        self.at += 1;
        self.skip_space();
        if self.peek()? != close {
            loop {
                self.skip_space();
                item(self)?;
                self.skip_space();
                match self.peek()? {
                    b',' => self.at += 1,
                    byte if byte == close => break,
                    _ => return None,
                }
            }
        }
        self.at += 1;
        Some(start..self.at)
    }

    fn array(&mut self, depth: usize) -> Option<Node> {
        let mut items = Vec::new();
        let span = self.delimited(b']', |reader| {
            items.push(reader.value(depth + 1)?);
            Some(())
        })?;
        Some(Node::sequence(span, items))
    }

    fn object(&mut self, depth: usize) -> Option<Node> {
        let mut entries: Vec<Entry> = Vec::new();
        // Past a few keys, a set finds a repeated one without comparing every pair.
        let mut seen: Option<HashSet<u32>> = None;
        let span = self.delimited(b'}', |reader| {
            if reader.peek()? != b'"' {
                return None;
            }
            let (key_span, name) = reader.string()?;
            let key = reader.keys.intern(&name);
            let repeated = match &mut seen {
                Some(seen) => !seen.insert(key),
                None => entries.iter().any(|entry| entry.key() == key),
            };
            if repeated {
                return None;
            }
            if seen.is_none() && entries.len() >= 16 {
                seen = Some(entries.iter().map(Entry::key).chain([key]).collect());
            }
            reader.skip_space();
            if reader.peek()? != b':' {
                return None;
            }
            reader.at += 1;
            reader.skip_space();
            let node = reader.value(depth + 1)?;
            entries.push(Entry::new(key, key_span, node));
            Some(())
        })?;
        Some(Node::mapping(span, entries))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde_json::Value;

    use super::read;
    use crate::document::json::parse_ast;

    /// The direct reader either declines `text` or reads exactly the tree the general path
    /// reads, without a problem; returns whether it read it.
    fn agrees(text: &str) -> bool {
        crate::document::assert_readers_agree(text);
        read(text).is_some()
    }

    #[test]
    fn every_json_fixture_reads_as_the_syntax_tree_path_reads_it() {
        let found: Vec<std::path::PathBuf> = ignore::WalkBuilder::new("tests/fixtures")
            .standard_filters(false)
            .build()
            .filter_map(Result::ok)
            .map(ignore::DirEntry::into_path)
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        assert!(found.len() >= 5, "{found:?}");
        for path in found {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let clean = parse_ast(text).problems.is_empty();
            let read = agrees(text);
            // A file the syntax-tree path reads cleanly is read here too.
            assert!(!clean || read, "{} was declined", path.display());
        }
    }

    #[test]
    fn edge_cases_are_read_alike_or_declined() {
        let read_here = [
            "{}",
            "[]",
            " \t\r\n{\"a\" : [ 1 , -0 , 0.5 , 1e400 , -1E-7 , 12345678901234567890 ] }\n",
            "{\"a\": \"\\ud860\\udee2 \\n \\\" \\\\ \\/ \\u00e9\"}",
            "{\"k\\u0065y\": true, \"b\": false, \"c\": null}",
            "\"just a string\"",
            "{\"名稱\": \"數據集\", \"x\": {\"y\": [[], {}]}}",
        ];
        for text in read_here {
            assert!(agrees(text), "declined: {text:?}");
        }
        let declined = [
            "",
            "   ",
            "{\"a\": 1,}",
            "{a: 1}",
            "{\"a\": 'x'}",
            "// c\n{}",
            "{\"a\": 0x1}",
            "{\"a\": 01}",
            "{\"a\": 1.}",
            "{\"a\": .5}",
            "{\"a\": +1}",
            "{\"a\": NaN}",
            "{\"a\": 1}{}",
            "{\"a\": 1} x",
            "{\"a\": \"\\x\"}",
            "{\"a\": \"\\ud800\"}",
            "{\"a\": \"tab\tinside\"}",
            "{\"a\": 1, \"a\": 2}",
            "{\"a\": tru}",
            "{\"a\": truex}",
            "[1 2]",
            "[1,,2]",
            "{\"a\" 1}",
            "\u{a0}{}",
            "\"unterminated",
            "{\"a\": \"\\",
        ];
        for text in declined {
            assert!(!agrees(text), "read: {text:?}");
        }
        // Nesting past the limit is left to the syntax-tree path (no stack is spent on it here).
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(read(&deep).is_none());
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(Value::from),
            "\\PC{0,12}|[\"\\\\/\\n\\t\\u{7f}-\\u{a0}\\u{2028}é數]{0,6}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 64, 6, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                prop::collection::vec(("[a-z數]{0,4}|\\PC{0,5}", inner), 0..6)
                    .prop_map(|entries| Value::Object(entries.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        #[test]
        fn any_json_value_reads_as_the_syntax_tree_path_reads_it(value in json_value()) {
            let compact = serde_json::to_string(&value).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            prop_assert!(agrees(&compact), "declined: {compact:?}");
            prop_assert!(agrees(&pretty), "declined: {pretty:?}");
        }

        #[test]
        fn a_changed_byte_is_read_alike_or_declined(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let base = include_str!("../../tests/fixtures/rules/D001/fail-quoted.json");
            let mut bytes = base.as_bytes().to_vec();
            let index = at.index(bytes.len());
            bytes[index] = byte;
            if let Ok(text) = String::from_utf8(bytes) {
                agrees(&text);
            }
        }
    }
}
