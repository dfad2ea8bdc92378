//! Well-formed JSON read straight into the tree, without building jsonc-parser's syntax tree
//! first (which cost more time and memory than the tree itself). Anything else (a syntax error, a
//! repeated key, nesting past [`MAX_DEPTH`], white space JSON does not define, an escape serde_json
//! refuses) is declined, and the syntax-tree path in `json.rs` reads the file and reports it as
//! before: a plan that reads here reads to exactly the same tree there (a test compares them).

use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::PARALLEL_FROM;
use super::tree::{Entry, Keys, Node, Tree};

/// Deeper nesting is left to the syntax-tree path, so that no input can exhaust the stack here.
const MAX_DEPTH: usize = 256;

/// An array of this many items or more that is alone on the stack of items takes the stack's
/// room as its own.
const LONG_ARRAY: usize = 4096;

/// The tree of `text` when it is one well-formed JSON value without repeated keys; the second
/// half of its longest array read on a second thread when `threads` allows (see
/// [`Reader::array`]).
pub(super) fn read(text: &str, threads: usize) -> Option<Tree> {
    read_bytes_after(text.as_bytes(), threads, 50, || ()).0
}

/// [`read`] on bytes not yet known to be UTF-8, after `first` is done on this thread (while a
/// second thread, if any, already reads the part after `percent` of the text, so that both end
/// together). JSON's own syntax is ASCII, strings are kept as spans, and only keys and escaped
/// strings are read as text (checked then): the tree can be read while the bytes are checked,
/// and is of use only if they are UTF-8.
pub(super) fn read_bytes_after<T>(
    text: &[u8],
    threads: usize,
    percent: usize,
    first: impl FnOnce() -> T,
) -> (Option<Tree>, T) {
    let split = if threads > 1 && text.len() >= PARALLEL_FROM {
        split_near(text, text.len() / 100 * percent.min(100))
    } else {
        None
    };
    // Set when this reader is done, so that a reading ahead it did not take stops early.
    let done = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let mut reader = Reader::new(text, 0);
        if let Some(comma) = split {
            let (sender, receiver) = std::sync::mpsc::channel();
            let done = &done;
            scope.spawn(move || {
                // The receiver is gone when the read ended without reaching the comma.
                let _ = sender.send(rest_of_array(text, comma, done));
            });
            reader.ahead = Some((comma, receiver));
        }
        let first = first();
        let tree = reader.document();
        done.store(true, Ordering::Relaxed);
        (tree, first)
    })
}

/// A comma at or soon after `from` that looks like one between two objects of an array (`}`
/// before it and `{` after it, white space aside): where a second thread starts reading.
/// Whether it is one is known only when the first reader reaches it between two items.
fn split_near(bytes: &[u8], from: usize) -> Option<usize> {
    const LOOK: usize = 1 << 16;
    let window = &bytes[from..bytes.len().min(from + LOOK)];
    let is_space = |b: &u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r');
    memchr::memchr_iter(b',', window)
        .map(|n| from + n)
        .find(|&comma| {
            let before = bytes[..comma].iter().rev().find(|b| !is_space(b));
            let after = bytes[comma + 1..].iter().find(|b| !is_space(b));
            before == Some(&b'}') && after == Some(&b'{')
        })
}

/// The items of an array after the comma at `comma`, up to its closing bracket, read on their
/// own: the items, where the array ends, the keys they numbered and how deep they nest.
fn rest_of_array(text: &[u8], comma: usize, done: &AtomicBool) -> Option<Rest> {
    let mut reader = Reader::new(text, comma);
    loop {
        if done.load(Ordering::Relaxed) {
            return None;
        }
        reader.at += 1;
        reader.skip_space();
        let item = reader.value(0)?;
        // Each array inside took its own items off the stack: what is left is this one's.
        reader.items.push(item);
        reader.skip_space();
        match reader.peek()? {
            b',' => {}
            b']' => break,
            _ => return None,
        }
    }
    Some(Rest {
        items: reader.items,
        end: reader.at + 1,
        keys: reader.keys,
        deepest: reader.deepest,
    })
}

/// What [`rest_of_array`] read.
struct Rest {
    items: Vec<Node>,
    /// Just past the closing bracket.
    end: usize,
    keys: Keys,
    /// The deepest nesting among the items, counted from them.
    deepest: usize,
}

struct Reader<'t> {
    bytes: &'t [u8],
    at: usize,
    keys: Keys,
    /// How deep the reader has nested.
    deepest: usize,
    /// A comma another thread reads on from, and where its reading comes.
    ahead: Option<(usize, std::sync::mpsc::Receiver<Option<Rest>>)>,
    /// The items of the arrays being read, the innermost's last: each takes its own off when it
    /// ends, into a slice of its exact length (a vector of its own grew and moved as it filled).
    items: Vec<Node>,
    /// The entries of the objects being read, as `items`.
    entries: Vec<Entry>,
}

impl<'t> Reader<'t> {
    /// The whole text as one JSON value.
    fn document(mut self) -> Option<Tree> {
        self.skip_space();
        let root = self.value(0)?;
        self.skip_space();
        if self.at != self.bytes.len() {
            return None;
        }
        let mut keys = self.keys;
        keys.finish();
        Some(Tree { root, keys })
    }

    fn new(bytes: &'t [u8], at: usize) -> Self {
        Reader {
            bytes,
            at,
            keys: Keys::default(),
            deepest: 0,
            ahead: None,
            items: Vec::new(),
            entries: Vec::new(),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(&byte) = self.bytes.get(self.at) {
            match byte {
                b' ' | b'\t' | b'\r' => self.at += 1,
                b'\n' => {
                    self.at += 1;
                    // A pretty-printed line's indent, eight spaces at a time.
                    while self.bytes.get(self.at..self.at + 8) == Some(b"        ") {
                        self.at += 8;
                    }
                }
                _ => return,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<Node> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.deepest = self.deepest.max(depth);
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => Some(match self.string()? {
                (span, false) => Node::quoted(span),
                // Unescaped, a string is shorter than its text: never spelt in it.
                (span, true) => Node::owned(span.clone(), &self.unescaped(span)?),
            }),
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
        let whole = self.at;
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        // A whole number of up to 18 digits (an item number) is worked out from its digits.
        if !matches!(self.peek(), Some(b'.' | b'e' | b'E')) && self.at - whole <= 18 {
            let magnitude = self.bytes[whole..self.at]
                .iter()
                .fold(0i64, |value, digit| value * 10 + i64::from(digit - b'0'));
            let value = if whole > start { -magnitude } else { magnitude };
            return Some(Node::int(start..self.at, value));
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
        // Digits, signs, a point and an exponent: ASCII.
        let literal = std::str::from_utf8(&self.bytes[span.clone()]).ok()?;
        Some(if let Ok(integer) = literal.parse::<i64>() {
            Node::int(span, integer)
        } else {
            match literal.parse::<f64>() {
                Ok(float) => Node::float(span, float),
                Err(_) => Node::spelt(span),
            }
        })
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// A string's span (its quotes included) and whether it has an escape.
    fn string(&mut self) -> Option<(Range<usize>, bool)> {
        let start = self.at;
        self.at += 1;
        let mut escaped = false;
        loop {
            // The next quote or backslash at once; what lies before it holds no control byte.
            let run = memchr::memchr2(b'"', b'\\', &self.bytes[self.at..])?;
            // The smallest byte, found without stopping early, in wide steps.
            if self.bytes[self.at..self.at + run]
                .iter()
                .copied()
                .min()
                .is_some_and(|b| b < 0x20)
            {
                return None;
            }
            self.at += run;
            if self.bytes[self.at] == b'"' {
                break;
            }
            escaped = true;
            // The escaped character is skipped (serde_json checks it below).
            self.at += 2;
            if self.at > self.bytes.len() {
                return None;
            }
        }
        self.at += 1;
        Some((start..self.at, escaped))
    }

    /// The value of the string at `span` that has an escape, decoded by serde_json.
    fn unescaped(&self, span: Range<usize>) -> Option<String> {
        serde_json::from_slice::<String>(&self.bytes[span]).ok()
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

    /// An array; when its items reach the comma another thread reads on from, that thread's
    /// items are the rest of it (see [`Reader::take_rest`]).
    fn array(&mut self, depth: usize) -> Option<Node> {
        let start = self.at;
        let first = self.items.len();
        self.at += 1;
        self.skip_space();
        if self.peek()? != b']' {
            loop {
                self.skip_space();
                let item = self.value(depth + 1)?;
                self.items.push(item);
                self.skip_space();
                match self.peek()? {
                    b',' => {
                        if let Some(end) = self.take_rest(depth) {
                            self.at = end;
                            break;
                        }
                        self.at += 1;
                    }
                    b']' => {
                        self.at += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        } else {
            self.at += 1;
        }
        let items: Box<[Node]> = if first == 0 && self.items.len() >= LONG_ARRAY {
            // The stack holds this array's items only (a plan's table of rows): it becomes the
            // array, given back what it reserved beyond them, instead of being copied.
            std::mem::take(&mut self.items).into_boxed_slice()
        } else {
            self.items.drain(first..).collect()
        };
        Some(Node::sequence(start..self.at, items))
    }

    /// At a comma between the items of an array nested `depth` deep: when another thread reads
    /// on from this comma, its items are added to the array's (the keys they numbered numbered
    /// again in this reader's table, in document order) and just past where the array ends is
    /// returned. When that reading failed or nests deeper than this reader may go, this reader
    /// reads on itself.
    fn take_rest(&mut self, depth: usize) -> Option<usize> {
        if self.ahead.as_ref()?.0 != self.at {
            return None;
        }
        let (_, receiver) = self.ahead.take()?;
        let mut rest = receiver.recv().ok()??;
        if depth + 1 + rest.deepest > MAX_DEPTH {
            return None;
        }
        self.keys.adopt(&rest.keys, &mut rest.items);
        self.items.append(&mut rest.items);
        self.deepest = self.deepest.max(depth + 1 + rest.deepest);
        Some(rest.end)
    }

    fn object(&mut self, depth: usize) -> Option<Node> {
        let first = self.entries.len();
        // Past a few keys, a set finds a repeated one without comparing every pair.
        let mut seen: Option<HashSet<u32>> = None;
        let span = self.delimited(b'}', |reader| {
            if reader.peek()? != b'"' {
                return None;
            }
            let (key_span, escaped) = reader.string()?;
            let key = if escaped {
                reader.keys.intern(&reader.unescaped(key_span.clone())?)
            } else {
                let name = &reader.bytes[key_span.start + 1..key_span.end - 1];
                reader.keys.intern_bytes(name)?
            };
            let entries = &reader.entries[first..];
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
            reader.entries.push(Entry::new(key, key_span, node));
            Some(())
        })?;
        let entries: Box<[Entry]> = self.entries.drain(first..).collect();
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
        read(text, 1).is_some()
    }

    #[test]
    fn every_json_fixture_reads_as_the_syntax_tree_path_reads_it() {
        let found = crate::document::texts_under("tests/fixtures", &["json"]);
        assert!(found.len() >= 5, "{}", found.len());
        for (path, text) in found {
            let clean = parse_ast(&text).problems.is_empty();
            let read = agrees(&text);
            // A file the syntax-tree path reads cleanly is read here too.
            assert!(!clean || read, "{} was declined", path.display());
        }
    }

    /// A plan of over a megabyte as JSON: rows with keys of their own in some, parts in others.
    fn long_plan(pretty: bool) -> String {
        let rows: Vec<Value> = (0..6_000)
            .map(|n| {
                let mut row = serde_json::json!({"item": n, "category": "交通", "name": format!("數據集 {n}")});
                if n % 7 == 3 {
                    row[format!("remark_{}", n % 3)] = Value::from("x");
                }
                if n % 11 == 5 {
                    row["parts"] = serde_json::json!([{"description": "a", "frequency": "每月"}]);
                }
                row
            })
            .collect();
        let plan = serde_json::json!({"format": "odp-plan/1", "sections": {"D": {"spatial": {"rows": [{"item": 1}]}, "non_spatial": {"rows": rows}}}});
        if pretty {
            serde_json::to_string_pretty(&plan).unwrap()
        } else {
            serde_json::to_string(&plan).unwrap()
        }
    }

    #[test]
    fn numbers_read_as_the_syntax_tree_path_reads_them() {
        for number in [
            "0",
            "-0",
            "7",
            "-7",
            "123456789012345678",
            "-123456789012345678",
            "1234567890123456789",
            "-9223372036854775808",
            "9223372036854775808",
            "1.5",
            "-0.0",
            "1e3",
            "1E-3",
            "12345678901234567890123",
            "-1.0e400",
        ] {
            assert!(
                agrees(&format!("[{number}, {{\"item\": {number}}}]")),
                "{number}"
            );
        }
    }

    #[test]
    fn a_long_array_read_on_two_threads_is_the_array_read_in_turn() {
        for pretty in [true, false] {
            let text = long_plan(pretty);
            assert!(text.len() > 2 * super::PARALLEL_FROM);
            let comma =
                super::split_near(text.as_bytes(), text.len() / 2).expect("a place to split");
            assert!(
                text[..comma].ends_with('}'),
                "{}",
                &text[comma - 20..comma + 20]
            );
            let in_turn = super::read(&text, 1).expect("read in turn");
            assert_eq!(super::read(&text, 2).as_ref(), Some(&in_turn));
            for percent in [0, 10, 45, 90, 100, 200] {
                let (tree, first) =
                    super::read_bytes_after(text.as_bytes(), 2, percent, || percent);
                assert_eq!((tree.as_ref(), first), (Some(&in_turn), percent));
            }
            assert_eq!(parse_ast(&text).tree.as_ref(), Some(&in_turn));
        }
    }

    #[test]
    fn a_split_that_is_no_boundary_reads_as_in_turn() {
        // The only `},{` near the middle is inside a string: the second thread's reading is left.
        let (filler, longer) = (
            "x".repeat(super::PARALLEL_FROM),
            "x".repeat(super::PARALLEL_FROM + 99),
        );
        let text = format!(
            "{{\"a\": \"{longer}\", \"b\": \"}},{{\", \"c\": [{{}}, {{}}], \"d\": \"{filler}\"}}"
        );
        let comma = super::split_near(text.as_bytes(), text.len() / 2).expect("a comma to try");
        assert_eq!(&text[comma - 1..comma + 2], "},{");
        let in_turn = super::read(&text, 1);
        assert!(in_turn.is_some());
        assert_eq!(super::read(&text, 2), in_turn);
        // Nesting past the limit after the split is declined, as it is in turn.
        let deep = format!(
            "[{}]",
            "[".repeat(super::MAX_DEPTH) + &"]".repeat(super::MAX_DEPTH)
        );
        let items: Vec<String> = (0..20_000).map(|n| format!("{{\"n\": {n}}}")).collect();
        let text = format!("[{}, {deep}]", items.join(", "));
        assert!(super::split_near(text.as_bytes(), text.len() / 2).is_some());
        assert_eq!(super::read(&text, 1), None);
        assert_eq!(super::read(&text, 2), None);
        // Items the second thread may read (nested less than the limit from them) that lie too
        // deep in the whole (the array itself is nested ten deep).
        let brackets = |n: usize| "[".repeat(n) + &"]".repeat(n);
        let ten_deep = |last: String| {
            let (open, close) = ("[".repeat(10), "]".repeat(10));
            format!("{open}[{}, {last}]{close}", items.join(", "))
        };
        let text = ten_deep(brackets(super::MAX_DEPTH - 5));
        assert_eq!(super::read(&text, 1), None);
        assert_eq!(super::read(&text, 2), None);
        let text = ten_deep(brackets(super::MAX_DEPTH - 12));
        let in_turn = super::read(&text, 1);
        assert!(in_turn.is_some());
        assert_eq!(super::read(&text, 2), in_turn);
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
            "{\"\": \"\", \"e\": [\"\", \"\\\\\"]}",
            "{\"indent\": [\n                  1,\n        \t  2\r\n]}",
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
            "{\"a\": \"\u{1f}\"}",
            "{\"a\": \"                                \u{0}\"}",
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
        assert!(read(&deep, 1).is_none());
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
