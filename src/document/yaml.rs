//! YAML 1.2 loading: plain block YAML is read straight into the tree (`yaml_reader/`); the
//! rest on saphyr's event parser, which builds the tree of values and spans in one pass,
//! reports duplicate keys with both positions, and bounds alias expansion.

use std::collections::{HashMap, HashSet};

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};

use super::tree::{Entry, Keys, Node, Tree};
use super::{LoadProblem, Parsed, Span, pointer, trim_end};

/// The most nodes that aliases may add to a document (a "billion laughs" stops here).
pub const ALIAS_NODE_LIMIT: usize = 100_000;

/// Saphyr's markers count characters; this maps them to byte offsets in O(1) amortised time by
/// keeping the byte offset of every 64th character.
struct CharOffsets<'a> {
    text: &'a str,
    ascii: bool,
    checkpoints: Vec<usize>,
    /// The last conversion (character index, byte offset): events mostly move forward, so the
    /// next one usually starts from here.
    cursor: std::cell::Cell<(usize, usize)>,
}

const CHECKPOINT_EVERY: usize = 64;

impl<'a> CharOffsets<'a> {
    fn new(text: &'a str) -> Self {
        let ascii = text.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            text.char_indices()
                .step_by(CHECKPOINT_EVERY)
                .map(|(byte, _)| byte)
                .collect()
        };
        Self {
            text,
            ascii,
            checkpoints,
            cursor: std::cell::Cell::new((0, 0)),
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        if self.ascii {
            return char_index.min(self.text.len());
        }
        let (cursor_char, cursor_byte) = self.cursor.get();
        let checkpoint = char_index / CHECKPOINT_EVERY;
        let (mut chars, mut byte) =
            if char_index >= cursor_char && char_index - cursor_char < CHECKPOINT_EVERY {
                (cursor_char, cursor_byte)
            } else {
                match self.checkpoints.get(checkpoint) {
                    Some(&base) => (checkpoint * CHECKPOINT_EVERY, base),
                    None => return self.text.len(),
                }
            };
        let mut iter = self.text[byte..].chars();
        while chars < char_index {
            match iter.next() {
                Some(c) => {
                    byte += c.len_utf8();
                    chars += 1;
                }
                None => return self.text.len(),
            }
        }
        self.cursor.set((chars, byte));
        byte
    }

    fn span(&self, start: Marker, end: Marker) -> Span {
        self.byte(start.index())..self.byte(end.index())
    }
}

enum Frame {
    Sequence {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Mapping {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        /// The keys already present, once the mapping is too large for a scan to be cheap.
        seen: Option<HashSet<u32>>,
        pending_key: Option<(u32, Span)>,
        /// The first key of a repeated pair is kept; the repeat's value is read and dropped.
        skipping: bool,
    },
}

/// A mapping up to this many entries finds a repeated key by scanning them.
const SCAN_LIMIT: usize = 16;

struct Builder<'a> {
    offsets: CharOffsets<'a>,
    stack: Vec<Frame>,
    keys: Keys,
    anchors: HashMap<usize, Node>,
    alias_nodes: usize,
    root: Option<Node>,
    problems: Vec<LoadProblem>,
    /// The anchors an alias repeated.
    aliased: HashSet<usize>,
    /// Scalars of dropped values (a repeated key's), which the tree does not hold.
    hidden: Vec<Span>,
}

pub(super) fn parse(text: &str) -> Parsed {
    super::read_directly_or(text, super::yaml_reader::read, parse_events)
}

/// Reads `text` through saphyr's events: what [`parse`] does with a file that the direct reader
/// declines, and what a test compares it with.
pub(super) fn parse_events(text: &str) -> Parsed {
    if text.len() > u32::MAX as usize {
        return Parsed::too_large();
    }
    let mut builder = Builder {
        offsets: CharOffsets::new(text),
        stack: Vec::new(),
        keys: Keys::default(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        problems: Vec::new(),
        aliased: HashSet::new(),
        hidden: Vec::new(),
    };
    let mut documents = 0;
    let mut parser = Parser::new_from_str(text);
    let outcome = loop {
        let Some(next) = parser.next_event() else {
            break Ok(());
        };
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => break Err(error),
        };
        let byte_span = builder.offsets.span(span.start, span.end);
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    let line_end = text[byte_span.start..]
                        .find(['\n', '\r'])
                        .map_or(text.len(), |n| byte_span.start + n);
                    builder.problems.push(LoadProblem::Syntax {
                        span: byte_span.start..line_end.max(byte_span.start),
                        detail: "a second YAML document starts here; a plan file holds exactly one document"
                            .into(),
                    });
                    break Ok(());
                }
            }
            Event::Scalar(raw, style, anchor, tag) => {
                let mut span = byte_span;
                match style {
                    ScalarStyle::Plain => span = trim_end(text, span),
                    ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
                        span = quoted_span(text, span);
                    }
                    _ => {}
                }
                if builder.expecting_key() {
                    if anchor > 0 {
                        builder
                            .anchors
                            .insert(anchor, Node::string(text, span.clone(), &raw));
                    }
                    let key = builder.keys.intern(&raw);
                    builder.push_key(key, span);
                    continue;
                }
                let Some(scalar) = Scalar::parse_from_cow_and_metadata(raw, style, tag.as_ref())
                else {
                    builder.problems.push(LoadProblem::Syntax {
                        span,
                        detail: "the value does not fit its tag".into(),
                    });
                    break Ok(());
                };
                let node = scalar_node(text, scalar, span);
                if anchor > 0 {
                    builder.anchors.insert(anchor, node.clone());
                }
                builder.push(node);
            }
            Event::SequenceStart(anchor, _) => builder.stack.push(Frame::Sequence {
                start: byte_span.start,
                anchor,
                items: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => builder.stack.push(Frame::Mapping {
                start: byte_span.start,
                anchor,
                entries: Vec::new(),
                seen: None,
                pending_key: None,
                skipping: false,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let end = close_bracket(text, byte_span.end, &builder.stack);
                let Some(frame) = builder.stack.pop() else {
                    break Ok(());
                };
                let (node, anchor) = match frame {
                    Frame::Sequence {
                        start,
                        anchor,
                        items,
                    } => (
                        Node::sequence(trim_end(text, start..end.max(start)), items),
                        anchor,
                    ),
                    Frame::Mapping {
                        start,
                        anchor,
                        entries,
                        ..
                    } => (
                        Node::mapping(trim_end(text, start..end.max(start)), entries),
                        anchor,
                    ),
                };
                if anchor > 0 {
                    builder.anchors.insert(anchor, node.clone());
                }
                builder.push(node);
            }
            Event::Alias(anchor) => {
                let Some(target) = builder.anchors.get(&anchor) else {
                    builder.problems.push(LoadProblem::Syntax {
                        span: byte_span,
                        detail: "this alias names no anchor defined before it".into(),
                    });
                    break Ok(());
                };
                // The copy counts as every node it repeats, not as the one alias node it is now.
                builder.alias_nodes += target.size(ALIAS_NODE_LIMIT + 1);
                if builder.alias_nodes > ALIAS_NODE_LIMIT {
                    builder.problems.push(LoadProblem::Syntax {
                        span: byte_span,
                        detail: format!(
                            "aliases expand to more than {ALIAS_NODE_LIMIT} nodes; a plan needs no such expansion"
                        ),
                    });
                    break Ok(());
                }
                if builder.expecting_key() {
                    // An aliased key stands for its anchor's text.
                    let Some(key) = target.string_value(text).map(str::to_string) else {
                        builder.problems.push(LoadProblem::Syntax {
                            span: byte_span,
                            detail: "a mapping key must be a plain word, not a list or a mapping"
                                .into(),
                        });
                        break Ok(());
                    };
                    let key = builder.keys.intern(&key);
                    builder.push_key(key, byte_span);
                } else {
                    // The copy stands where the alias is: findings point at `*name`, and no
                    // edit reaches into the anchor through it.
                    let node = Node::alias(byte_span, target.clone());
                    builder.aliased.insert(anchor);
                    builder.push(node);
                }
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        if builder
            .problems
            .iter()
            .any(|p| matches!(p, LoadProblem::Syntax { .. }))
        {
            break Ok(());
        }
    };
    if let Err(error) = outcome {
        builder
            .problems
            .push(scan_problem(text, &builder.offsets, &error));
        return Parsed {
            problems: builder.problems,
            ..Parsed::default()
        };
    }
    if builder
        .problems
        .iter()
        .any(|p| matches!(p, LoadProblem::Syntax { .. }))
    {
        return Parsed {
            problems: builder.problems,
            ..Parsed::default()
        };
    }
    match builder.root {
        Some(root) => {
            let mut shared_anchors: Vec<Span> = builder
                .aliased
                .iter()
                .filter_map(|anchor| builder.anchors.get(anchor))
                .map(Node::span)
                .collect();
            shared_anchors.sort_by_key(|span| (span.start, span.end));
            shared_anchors.dedup();
            builder.keys.finish();
            Parsed {
                tree: Some(Tree {
                    root,
                    keys: builder.keys,
                }),
                problems: builder.problems,
                hidden_scalars: builder.hidden,
                shared_anchors,
            }
        }
        None => Parsed {
            problems: vec![LoadProblem::Syntax {
                span: 0..0,
                detail: "the file holds no YAML document; expected a plan starting with `format: odp-plan/1`".into(),
            }],
            ..Parsed::default()
        },
    }
}

/// A quoted scalar's span can run on past its closing quote (to a comment, the line end); cut
/// it at the quote that really closes it (`''` and `\"` do not).
fn quoted_span(text: &str, span: Span) -> Span {
    let bytes = text.as_bytes();
    let Some(&quote) = bytes.get(span.start) else {
        return span;
    };
    if quote != b'\'' && quote != b'"' {
        return span;
    }
    let mut i = span.start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return span.start..i + 1,
            _ => i += 1,
        }
    }
    span
}

/// Flow collections' end events stop before the closing bracket; include it.
fn close_bracket(text: &str, end: usize, stack: &[Frame]) -> usize {
    let closing = match stack.last() {
        Some(Frame::Sequence { .. }) => b']',
        Some(Frame::Mapping { .. }) => b'}',
        None => return end,
    };
    if text.as_bytes().get(end) == Some(&closing) {
        end + 1
    } else {
        end
    }
}

impl Builder<'_> {
    /// Whether the next node is a key of the mapping being built.
    fn expecting_key(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Frame::Mapping {
                pending_key: None,
                ..
            })
        )
    }

    /// Starts a mapping entry; a repeated key is reported and its value will be dropped.
    fn push_key(&mut self, key: u32, key_span: Span) {
        let duplicate_of = match self.stack.last_mut() {
            Some(Frame::Mapping { entries, seen, .. }) => {
                let present = match seen {
                    Some(seen) => seen.contains(&key),
                    None => entries.iter().any(|e| e.key() == key),
                };
                if !present && seen.is_none() && entries.len() >= SCAN_LIMIT {
                    *seen = Some(entries.iter().map(Entry::key).collect());
                }
                present.then(|| {
                    entries
                        .iter()
                        .find(|e| e.key() == key)
                        .map(Entry::key_span)
                        .unwrap_or_default()
                })
            }
            _ => None,
        };
        let is_duplicate = duplicate_of.is_some();
        if let Some(first) = duplicate_of {
            let name = self.keys.name_of(key).to_string();
            self.problems.push(LoadProblem::DuplicateKey {
                pointer: format!("{}{}", self.current_pointer(), pointer([&name])),
                key: name,
                span: key_span.clone(),
                first,
            });
        }
        if let Some(Frame::Mapping {
            pending_key,
            skipping,
            ..
        }) = self.stack.last_mut()
        {
            *skipping = is_duplicate;
            *pending_key = Some((key, key_span));
        }
    }

    /// Adds a finished node to the collection being built, or makes it the root. A collection
    /// in key position is reported: plan keys are plain words.
    fn push(&mut self, node: Node) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some(node);
            }
            return;
        };
        match frame {
            Frame::Sequence { items, .. } => items.push(node),
            Frame::Mapping {
                entries,
                seen,
                pending_key,
                skipping,
                ..
            } => match pending_key.take() {
                None => {
                    self.problems.push(LoadProblem::Syntax {
                        span: node.span(),
                        detail: "a mapping key must be a plain word, not a list or a mapping"
                            .into(),
                    });
                }
                Some((key, key_span)) => {
                    if *skipping {
                        self.hidden.push(key_span);
                        node.scalar_spans(&mut self.hidden);
                    } else {
                        if let Some(seen) = seen {
                            seen.insert(key);
                        }
                        entries.push(Entry::new(key, key_span, node));
                    }
                    *skipping = false;
                }
            },
        }
    }

    /// The JSON pointer of the mapping on top of the stack.
    fn current_pointer(&self) -> String {
        let depth = self.stack.len().saturating_sub(1);
        pointer(self.stack[..depth].iter().map(|frame| {
            match frame {
                Frame::Sequence { items, .. } => items.len().to_string(),
                Frame::Mapping { pending_key, .. } => pending_key
                    .as_ref()
                    .map(|(k, _)| self.keys.name_of(*k).to_string())
                    .unwrap_or_default(),
            }
        }))
    }
}

/// The node of a scalar that is not a key.
fn scalar_node(text: &str, scalar: Scalar<'_>, span: Span) -> Node {
    match scalar {
        Scalar::Null => Node::null(span),
        Scalar::Boolean(b) => Node::bool(span, b),
        Scalar::Integer(i) => Node::int(span, i),
        // Non-finite floats have no JSON form; the node keeps the text, read as a string.
        Scalar::FloatingPoint(f) => Node::float(span, f.into_inner()),
        Scalar::String(s) => Node::string(text, span, &s),
    }
}

fn scan_problem(text: &str, offsets: &CharOffsets<'_>, error: &ScanError) -> LoadProblem {
    let start = offsets.byte(error.marker().index());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let end = if text
        .as_bytes()
        .get(start)
        .is_some_and(|b| *b == b'\n' || *b == b'\r')
    {
        start
    } else {
        end
    };
    LoadProblem::Syntax {
        span: start..end,
        detail: error.info().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value_span(text: &str, p: &Parsed, path: &[&str]) -> String {
        let mut node = p.tree.as_ref().unwrap().root(text);
        for token in path {
            node = match token.parse::<usize>() {
                Ok(index) => node.item(index).unwrap(),
                Err(_) => node.get(token).unwrap(),
            };
        }
        text[node.span()].to_string()
    }

    fn value(text: &str) -> serde_json::Value {
        parse(text).tree.unwrap().root(text).to_value()
    }

    #[test]
    fn dates_stay_strings_and_yaml_1_2_booleans_only() {
        let v = value("a: 03/2019\nb: 2/2015\nc: no\nd: 2019-03\ne: 1\nf: ~\n");
        assert_eq!(v["a"], "03/2019");
        assert_eq!(v["b"], "2/2015");
        assert_eq!(v["c"], "no");
        assert_eq!(v["d"], "2019-03");
        assert_eq!(v["e"], 1);
        assert!(v["f"].is_null());
    }

    #[test]
    fn spans_cover_scalars_and_collections_in_bytes() {
        let text = "名稱: 交通 數字   # note\nrows:\n  - {item: 1, category: '不適用'}\n  - [a, b]\nq: 'it''s'  # c\r\nd: \"a\\\"b\"  # c\nlast: x\n";
        let p = parse(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(value_span(text, &p, &["名稱"]), "交通 數字");
        assert_eq!(
            value_span(text, &p, &["rows", "0"]),
            "{item: 1, category: '不適用'}"
        );
        assert_eq!(value_span(text, &p, &["rows", "0", "category"]), "'不適用'");
        assert_eq!(value_span(text, &p, &["rows", "1"]), "[a, b]");
        assert_eq!(value_span(text, &p, &["q"]), "'it''s'");
        assert_eq!(value_span(text, &p, &["d"]), "\"a\\\"b\"");
        assert!(value_span(text, &p, &["rows"]).ends_with("[a, b]"));
    }

    #[test]
    fn duplicate_keys_point_at_the_repeat_and_keep_the_first() {
        let text = "a:\n  b: 1\n  b: 2\n";
        let p = parse(text);
        let Some(LoadProblem::DuplicateKey {
            key,
            span,
            first,
            pointer,
        }) = p.problems.first()
        else {
            panic!("{:?}", p.problems);
        };
        assert_eq!(key, "b");
        assert_eq!(pointer, "/a/b");
        assert_eq!(span.start, text.rfind("b:").unwrap());
        assert_eq!(first.start, text.find("b:").unwrap());
        assert_eq!(value(text)["a"]["b"], 1);
    }

    #[test]
    fn syntax_errors_carry_the_parser_position() {
        let text = "a: [1, 2\nb: 3\n";
        let p = parse(text);
        assert!(p.tree.is_none());
        assert!(matches!(p.problems[0], LoadProblem::Syntax { .. }));
    }

    #[test]
    fn a_second_document_and_an_empty_file_are_problems() {
        assert!(matches!(
            parse("a: 1\n---\nb: 2\n").problems[0],
            LoadProblem::Syntax { .. }
        ));
        assert!(matches!(
            parse("# only a comment\n").problems[0],
            LoadProblem::Syntax { .. }
        ));
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let p = parse(&text);
        assert!(p.tree.is_none());
        assert!(
            matches!(&p.problems[0], LoadProblem::Syntax { detail, .. } if detail.contains("aliases"))
        );
    }
}
