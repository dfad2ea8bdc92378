//! YAML 1.2 loading on saphyr's event parser: builds the JSON value and the span tree in one pass,
//! reports duplicate keys with both positions, and bounds alias expansion.

use std::collections::HashMap;

use saphyr::Scalar;
use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};
use serde_json::{Map, Number, Value};

use super::{LoadProblem, Parsed, Span, SpanEntry, SpanNode, intern, pointer, trim_end};

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
        values: Vec<Value>,
        nodes: Vec<SpanNode>,
    },
    Mapping {
        start: usize,
        anchor: usize,
        map: Map<String, Value>,
        entries: Vec<SpanEntry>,
        pending_key: Option<(String, Span)>,
        /// The first key of a repeated pair is kept; the repeat's value is read and dropped.
        skipping: bool,
    },
}

struct Builder<'a> {
    offsets: CharOffsets<'a>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, (Value, SpanNode)>,
    alias_nodes: usize,
    root: Option<(Value, SpanNode)>,
    problems: Vec<LoadProblem>,
    /// The anchors an alias repeated.
    aliased: std::collections::HashSet<usize>,
    /// Scalars of dropped values (a repeated key's), which the span tree does not hold.
    hidden: Vec<Span>,
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut builder = Builder {
        offsets: CharOffsets::new(text),
        stack: Vec::new(),
        anchors: HashMap::new(),
        alias_nodes: 0,
        root: None,
        problems: Vec::new(),
        aliased: std::collections::HashSet::new(),
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
                    let key = raw.into_owned();
                    if anchor > 0 {
                        builder.anchors.insert(
                            anchor,
                            (
                                Value::String(key.clone()),
                                SpanNode::Scalar { span: span.clone() },
                            ),
                        );
                    }
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
                let value = scalar_to_json(scalar, &text[span.clone()]);
                let node = SpanNode::Scalar { span };
                if anchor > 0 {
                    builder
                        .anchors
                        .insert(anchor, (value.clone(), node.clone()));
                }
                builder.push(value, node);
            }
            Event::SequenceStart(anchor, _) => builder.stack.push(Frame::Sequence {
                start: byte_span.start,
                anchor,
                values: Vec::new(),
                nodes: Vec::new(),
            }),
            Event::MappingStart(anchor, _) => builder.stack.push(Frame::Mapping {
                start: byte_span.start,
                anchor,
                map: Map::new(),
                entries: Vec::new(),
                pending_key: None,
                skipping: false,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let end = close_bracket(text, byte_span.end, &builder.stack);
                let Some(frame) = builder.stack.pop() else {
                    break Ok(());
                };
                let (value, node, anchor) = match frame {
                    Frame::Sequence {
                        start,
                        anchor,
                        values,
                        nodes,
                    } => (
                        Value::Array(values),
                        SpanNode::Sequence {
                            span: trim_end(text, start..end.max(start)),
                            items: nodes,
                        },
                        anchor,
                    ),
                    Frame::Mapping {
                        start,
                        anchor,
                        map,
                        entries,
                        ..
                    } => (
                        Value::Object(map),
                        SpanNode::Mapping {
                            span: trim_end(text, start..end.max(start)),
                            entries,
                        },
                        anchor,
                    ),
                };
                if anchor > 0 {
                    builder
                        .anchors
                        .insert(anchor, (value.clone(), node.clone()));
                }
                builder.push(value, node);
            }
            Event::Alias(anchor) => {
                let Some(value) = builder.anchors.get(&anchor).map(|(value, _)| value.clone())
                else {
                    builder.problems.push(LoadProblem::Syntax {
                        span: byte_span,
                        detail: "this alias names no anchor defined before it".into(),
                    });
                    break Ok(());
                };
                // The copy counts as every node it repeats, not as the one alias node it is now.
                builder.alias_nodes += value_size(&value, ALIAS_NODE_LIMIT + 1);
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
                    let Some(key) = value.as_str().map(str::to_string) else {
                        builder.problems.push(LoadProblem::Syntax {
                            span: byte_span,
                            detail: "a mapping key must be a plain word, not a list or a mapping"
                                .into(),
                        });
                        break Ok(());
                    };
                    builder.push_key(key, byte_span);
                } else {
                    // The copy stands where the alias is: findings point at `*name`, and no
                    // edit reaches into the anchor through it.
                    builder.aliased.insert(anchor);
                    builder.push(value, SpanNode::Scalar { span: byte_span });
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
        Some((value, spans)) => {
            let mut shared_anchors: Vec<Span> = builder
                .aliased
                .iter()
                .filter_map(|anchor| builder.anchors.get(anchor))
                .map(|(_, node)| node.span().clone())
                .collect();
            shared_anchors.sort_by_key(|span| (span.start, span.end));
            shared_anchors.dedup();
            Parsed {
                value: Some(value),
                spans: Some(spans),
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
    fn push_key(&mut self, key: String, key_span: Span) {
        let duplicate_of = match self.stack.last() {
            Some(Frame::Mapping { map, entries, .. }) if map.contains_key(&key) => Some(
                entries
                    .iter()
                    .find(|e| e.key == key)
                    .map(|e| e.key_span.clone())
                    .unwrap_or_default(),
            ),
            _ => None,
        };
        let is_duplicate = duplicate_of.is_some();
        if let Some(first) = duplicate_of {
            self.problems.push(LoadProblem::DuplicateKey {
                pointer: format!("{}{}", self.current_pointer(), pointer([&key])),
                key: key.clone(),
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

    /// Adds a finished value to the collection being built, or makes it the root. A collection
    /// in key position is reported: plan keys are plain words.
    fn push(&mut self, value: Value, node: SpanNode) {
        let Some(frame) = self.stack.last_mut() else {
            if self.root.is_none() {
                self.root = Some((value, node));
            }
            return;
        };
        match frame {
            Frame::Sequence { values, nodes, .. } => {
                values.push(value);
                nodes.push(node);
            }
            Frame::Mapping {
                map,
                entries,
                pending_key,
                skipping,
                ..
            } => match pending_key.take() {
                None => {
                    let span = node.span().clone();
                    self.problems.push(LoadProblem::Syntax {
                        span,
                        detail: "a mapping key must be a plain word, not a list or a mapping"
                            .into(),
                    });
                }
                Some((key, key_span)) => {
                    if *skipping {
                        self.hidden.push(key_span);
                        super::collect_scalar_spans(&node, &mut self.hidden);
                    } else {
                        map.insert(key.clone(), value);
                        entries.push(SpanEntry {
                            key: intern(key),
                            key_span,
                            node,
                        });
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
                Frame::Sequence { values, .. } => values.len().to_string(),
                Frame::Mapping { pending_key, .. } => pending_key
                    .as_ref()
                    .map(|(k, _)| k.clone())
                    .unwrap_or_default(),
            }
        }))
    }
}

/// How many nodes `value` holds, counting no further than `cap`.
fn value_size(value: &Value, cap: usize) -> usize {
    let mut count = 0;
    let mut pending = vec![value];
    while let Some(next) = pending.pop() {
        count += 1;
        if count >= cap {
            return cap;
        }
        match next {
            Value::Array(items) => pending.extend(items),
            Value::Object(map) => pending.extend(map.values()),
            _ => {}
        }
    }
    count
}

fn scalar_to_json(scalar: Scalar<'_>, raw: &str) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(b),
        Scalar::Integer(i) => Value::Number(i.into()),
        // Non-finite floats have no JSON form; keep the text so the schema reports a string.
        Scalar::FloatingPoint(f) => Number::from_f64(f.into_inner())
            .map_or_else(|| Value::String(raw.to_string()), Value::Number),
        Scalar::String(s) => Value::String(s.into_owned()),
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
        let mut node = p.spans.as_ref().unwrap();
        for token in path {
            node = match node {
                SpanNode::Mapping { entries, .. } => {
                    &entries.iter().find(|e| e.key == *token).unwrap().node
                }
                SpanNode::Sequence { items, .. } => &items[token.parse::<usize>().unwrap()],
                SpanNode::Scalar { .. } => panic!("scalar"),
            };
        }
        text[node.span().clone()].to_string()
    }

    #[test]
    fn dates_stay_strings_and_yaml_1_2_booleans_only() {
        let p = parse("a: 03/2019\nb: 2/2015\nc: no\nd: 2019-03\ne: 1\nf: ~\n");
        let v = p.value.unwrap();
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
        assert_eq!(p.value.unwrap()["a"]["b"], 1);
    }

    #[test]
    fn syntax_errors_carry_the_parser_position() {
        let text = "a: [1, 2\nb: 3\n";
        let p = parse(text);
        assert!(p.value.is_none());
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
        assert!(p.value.is_none());
        assert!(
            matches!(&p.problems[0], LoadProblem::Syntax { detail, .. } if detail.contains("aliases"))
        );
    }
}
