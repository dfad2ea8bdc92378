//! One tree for a plan's values and their places: every node carries its byte span and its value,
//! strings spelt literally in the text are read from the text instead of being copied, and keys
//! are numbers into a table of names (a large plan has hundreds of thousands of keys but only a
//! few names). The `serde_json::Value` that older code and the JSON Schema validator take is built
//! from it only on demand ([`NodeRef::to_value`]).

use std::ops::Range;

use serde_json::{Map, Number, Value};

pub use super::keys::FieldNames;
pub(crate) use super::keys::{KNOWN_KEY_COUNT, Keys, known_key};

/// A node of the tree: where it stands in the text and what it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    start: u32,
    end: u32,
    data: Data,
}

#[derive(Debug, Clone, PartialEq)]
enum Data {
    Null,
    Bool(bool),
    Int(i64),
    /// Always finite: a non-finite float has no JSON form and is kept as its text.
    Float(f64),
    /// A string spelt exactly as the node's span (a plain scalar, a JSON number kept as text).
    Spelt,
    /// A string spelt exactly inside the span's first and last byte (its quotes).
    Quoted,
    /// A string the text does not spell literally (escapes, folded lines, block scalars).
    Owned(Box<str>),
    Sequence(Box<[Node]>),
    Mapping(Box<[Entry]>),
    /// An alias (`*row`): the span is the alias's, the node is a copy of what it repeats.
    Alias(Box<Node>),
}

/// A mapping entry: its key (a number into the document's [`Keys`]), the key's span and the value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    key: u32,
    key_start: u32,
    key_end: u32,
    node: Node,
}

/// A parsed document's tree with the names of its keys.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    pub(crate) root: Node,
    pub(crate) keys: Keys,
}

impl Tree {
    /// The root node, read against the document's `text`.
    pub fn root<'a>(&'a self, text: &'a str) -> NodeRef<'a> {
        NodeRef {
            text,
            keys: &self.keys,
            node: &self.root,
        }
    }
}

/// What a scalar holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

/// The shape of a node, as [`NodeRef::kind`] gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind<'a> {
    Scalar(Scalar<'a>),
    Sequence,
    Mapping,
}

/// What [`NodeRef::shape`] tells: the kind of a node without its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Null,
    Bool,
    Int,
    Float,
    Str,
    Sequence,
    Mapping,
}

/// A node read against its document: its span, its value and its children.
#[derive(Debug, Clone, Copy)]
pub struct NodeRef<'a> {
    text: &'a str,
    keys: &'a Keys,
    node: &'a Node,
}

/// A mapping entry read against its document.
#[derive(Debug, Clone, Copy)]
pub struct EntryRef<'a> {
    text: &'a str,
    keys: &'a Keys,
    entry: &'a Entry,
}

impl<'a> EntryRef<'a> {
    pub fn key(&self) -> &'a str {
        self.keys.name_of(self.entry.key)
    }

    pub fn key_span(&self) -> Range<usize> {
        self.entry.key_start as usize..self.entry.key_end as usize
    }

    /// The key's number in the document's table (see [`known_key`]).
    pub(crate) fn key_number(&self) -> u32 {
        self.entry.key
    }

    pub fn value(&self) -> NodeRef<'a> {
        NodeRef {
            text: self.text,
            keys: self.keys,
            node: &self.entry.node,
        }
    }
}

impl<'a> NodeRef<'a> {
    fn at(&self, node: &'a Node) -> NodeRef<'a> {
        NodeRef {
            text: self.text,
            keys: self.keys,
            node,
        }
    }

    /// Where the node stands in the text (an alias's own `*name`, not what it repeats).
    pub fn span(&self) -> Range<usize> {
        self.node.start as usize..self.node.end as usize
    }

    /// Whether the node is an alias; [`NodeRef::resolved`] gives what it repeats.
    pub fn is_alias(&self) -> bool {
        matches!(self.node.data, Data::Alias(_))
    }

    /// What an alias repeats (the node itself when it is not one).
    pub fn resolved(&self) -> NodeRef<'a> {
        match &self.node.data {
            Data::Alias(target) => self.at(target).resolved(),
            _ => *self,
        }
    }

    /// The node's shape and, for a scalar, its value; an alias reads as what it repeats.
    pub fn kind(&self) -> Kind<'a> {
        let node = self.resolved().node;
        match &node.data {
            Data::Null => Kind::Scalar(Scalar::Null),
            Data::Bool(b) => Kind::Scalar(Scalar::Bool(*b)),
            Data::Int(i) => Kind::Scalar(Scalar::Int(*i)),
            Data::Float(f) => Kind::Scalar(Scalar::Float(*f)),
            Data::Spelt | Data::Quoted | Data::Owned(_) => {
                Kind::Scalar(Scalar::Str(self.at(node).str_unchecked()))
            }
            Data::Sequence(_) => Kind::Sequence,
            Data::Mapping(_) => Kind::Mapping,
            Data::Alias(_) => unreachable!("resolved"),
        }
    }

    /// The node's shape, without reading a string's text (an alias reads as what it repeats).
    pub(crate) fn shape(&self) -> Shape {
        match &self.resolved().node.data {
            Data::Null => Shape::Null,
            Data::Bool(_) => Shape::Bool,
            Data::Int(_) => Shape::Int,
            Data::Float(_) => Shape::Float,
            Data::Spelt | Data::Quoted | Data::Owned(_) => Shape::Str,
            Data::Sequence(_) => Shape::Sequence,
            Data::Mapping(_) => Shape::Mapping,
            Data::Alias(_) => unreachable!("resolved"),
        }
    }

    fn str_unchecked(&self) -> &'a str {
        node_str(self.text, self.node)
    }

    /// The text, when the node (or what it repeats) is a string.
    pub fn as_str(&self) -> Option<&'a str> {
        match self.kind() {
            Kind::Scalar(Scalar::Str(text)) => Some(text),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self.kind(), Kind::Scalar(Scalar::Null))
    }

    /// The JSON number, when the node is a number.
    pub fn as_number(&self) -> Option<Number> {
        match self.kind() {
            Kind::Scalar(Scalar::Int(i)) => Some(i.into()),
            Kind::Scalar(Scalar::Float(f)) => Number::from_f64(f),
            _ => None,
        }
    }

    /// The items, when the node (or what it repeats) is a sequence.
    pub fn items(&self) -> Option<impl ExactSizeIterator<Item = NodeRef<'a>> + 'a> {
        let this = self.resolved();
        match &this.node.data {
            Data::Sequence(items) => Some(items.iter().map(move |item| this.at(item))),
            _ => None,
        }
    }

    /// The entries, when the node (or what it repeats) is a mapping.
    pub fn entries(&self) -> Option<impl ExactSizeIterator<Item = EntryRef<'a>> + 'a> {
        let this = self.resolved();
        match &this.node.data {
            Data::Mapping(entries) => Some(entries.iter().map(move |entry| EntryRef {
                text: this.text,
                keys: this.keys,
                entry,
            })),
            _ => None,
        }
    }

    /// The entry of `key`, when the node is a mapping that has it.
    pub fn entry(&self, key: &str) -> Option<EntryRef<'a>> {
        let number = self.keys.find(key)?;
        let this = self.resolved();
        match &this.node.data {
            Data::Mapping(entries) => {
                entries
                    .iter()
                    .find(|entry| entry.key == number)
                    .map(|entry| EntryRef {
                        text: this.text,
                        keys: this.keys,
                        entry,
                    })
            }
            _ => None,
        }
    }

    /// The values of `keys` (each key's first entry, as [`NodeRef::get`] finds it), when the
    /// node is a mapping: its entries read once for all of them.
    pub fn fields<const N: usize>(&self, fields: &FieldNames<N>) -> [Option<NodeRef<'a>>; N] {
        let numbers: [Option<u32>; N] = std::array::from_fn(|at| {
            fields.known[at].or_else(|| self.keys.other(fields.names[at]))
        });
        let mut found = [None; N];
        let this = self.resolved();
        if let Data::Mapping(entries) = &this.node.data {
            for entry in entries.iter() {
                for (slot, number) in found.iter_mut().zip(&numbers) {
                    if slot.is_none() && *number == Some(entry.key) {
                        *slot = Some(this.at(&entry.node));
                    }
                }
            }
        }
        found
    }

    /// The value of `key`, when the node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<NodeRef<'a>> {
        self.entry(key).map(|entry| entry.value())
    }

    /// The `index`th item, when the node is a sequence that long.
    pub fn item(&self, index: usize) -> Option<NodeRef<'a>> {
        let this = self.resolved();
        match &this.node.data {
            Data::Sequence(items) => items.get(index).map(|item| this.at(item)),
            _ => None,
        }
    }

    /// The value as `serde_json` holds it (what the text reads as, aliases expanded).
    pub fn to_value(&self) -> Value {
        match self.kind() {
            Kind::Scalar(Scalar::Null) => Value::Null,
            Kind::Scalar(Scalar::Bool(b)) => Value::Bool(b),
            Kind::Scalar(Scalar::Int(i)) => Value::Number(i.into()),
            Kind::Scalar(Scalar::Float(f)) => {
                Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
            Kind::Scalar(Scalar::Str(text)) => Value::String(text.to_string()),
            Kind::Sequence => Value::Array(
                self.items()
                    .into_iter()
                    .flatten()
                    .map(|item| item.to_value())
                    .collect(),
            ),
            Kind::Mapping => {
                let mut map = Map::new();
                for entry in self.entries().into_iter().flatten() {
                    map.insert(entry.key().to_string(), entry.value().to_value());
                }
                Value::Object(map)
            }
        }
    }

    /// Whether two nodes (of any documents) read as the same value.
    pub fn same_value(&self, other: &NodeRef<'_>) -> bool {
        match (self.kind(), other.kind()) {
            (Kind::Scalar(a), Kind::Scalar(b)) => match (a, b) {
                // As serde_json compares numbers: an integer never equals a float.
                (Scalar::Float(a), Scalar::Float(b)) => a == b,
                (a, b) => a == b,
            },
            (Kind::Sequence, Kind::Sequence) => {
                let (Some(a), Some(b)) = (self.items(), other.items()) else {
                    return false;
                };
                a.len() == b.len() && a.zip(b).all(|(a, b)| a.same_value(&b))
            }
            (Kind::Mapping, Kind::Mapping) => {
                let (Some(a), Some(b)) = (self.entries(), other.entries()) else {
                    return false;
                };
                a.len() == b.len()
                    && a.into_iter().all(|entry| {
                        other
                            .get(entry.key())
                            .is_some_and(|theirs| entry.value().same_value(&theirs))
                    })
            }
            _ => false,
        }
    }
}

/// The text of a string node ("" for any other).
fn node_str<'a>(text: &'a str, node: &'a Node) -> &'a str {
    let (start, end) = (node.start as usize, node.end as usize);
    match &node.data {
        Data::Spelt => &text[start..end],
        Data::Quoted => &text[start + 1..end - 1],
        Data::Owned(owned) => owned,
        _ => "",
    }
}

fn node_size(node: &Node, cap: usize) -> usize {
    let mut count = 0;
    let mut pending = vec![node];
    while let Some(next) = pending.pop() {
        count += 1;
        if count >= cap {
            return cap;
        }
        match &next.data {
            Data::Sequence(items) => pending.extend(items.iter()),
            Data::Mapping(entries) => pending.extend(entries.iter().map(|e| &e.node)),
            Data::Alias(target) => {
                count -= 1;
                pending.push(target);
            }
            _ => {}
        }
    }
    count
}

/// Building nodes (for the loaders).
impl Node {
    fn new(span: Range<usize>, data: Data) -> Self {
        Node {
            start: span.start as u32,
            end: span.end as u32,
            data,
        }
    }

    pub(crate) fn null(span: Range<usize>) -> Self {
        Self::new(span, Data::Null)
    }

    pub(crate) fn bool(span: Range<usize>, value: bool) -> Self {
        Self::new(span, Data::Bool(value))
    }

    pub(crate) fn int(span: Range<usize>, value: i64) -> Self {
        Self::new(span, Data::Int(value))
    }

    /// A float; a non-finite one is kept as the text of its span.
    pub(crate) fn float(span: Range<usize>, value: f64) -> Self {
        if value.is_finite() {
            Self::new(span, Data::Float(value))
        } else {
            Self::new(span, Data::Spelt)
        }
    }

    /// A string, read from the text when the span (or its inside) spells it exactly.
    pub(crate) fn string(text: &str, span: Range<usize>, value: &str) -> Self {
        let data = if text.get(span.clone()) == Some(value) {
            Data::Spelt
        } else if span.len() >= 2 && text.get(span.start + 1..span.end - 1) == Some(value) {
            Data::Quoted
        } else {
            Data::Owned(value.into())
        };
        Self::new(span, data)
    }

    /// A string the text does not spell literally.
    pub(crate) fn owned(span: Range<usize>, value: &str) -> Self {
        Self::new(span, Data::Owned(value.into()))
    }

    /// A string spelt exactly as its span.
    pub(crate) fn spelt(span: Range<usize>) -> Self {
        Self::new(span, Data::Spelt)
    }

    /// A string spelt exactly inside the span's first and last byte (its quotes).
    pub(crate) fn quoted(span: Range<usize>) -> Self {
        Self::new(span, Data::Quoted)
    }

    pub(crate) fn sequence(span: Range<usize>, items: impl Into<Box<[Node]>>) -> Self {
        Self::new(span, Data::Sequence(items.into()))
    }

    pub(crate) fn mapping(span: Range<usize>, entries: impl Into<Box<[Entry]>>) -> Self {
        Self::new(span, Data::Mapping(entries.into()))
    }

    pub(crate) fn alias(span: Range<usize>, target: Node) -> Self {
        Self::new(span, Data::Alias(Box::new(target)))
    }

    pub(crate) fn span(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// How many nodes the value holds (aliases expanded), counting no further than `cap`.
    pub(crate) fn size(&self, cap: usize) -> usize {
        node_size(self, cap)
    }

    /// Every scalar's span (values and keys) under the node, aliases as one scalar.
    pub(crate) fn scalar_spans(&self, out: &mut Vec<Range<usize>>) {
        match &self.data {
            Data::Sequence(items) => items.iter().for_each(|n| n.scalar_spans(out)),
            Data::Mapping(entries) => entries.iter().for_each(|e| {
                out.push(e.key_span());
                e.node.scalar_spans(out);
            }),
            _ => out.push(self.span()),
        }
    }

    /// Renumbers every key under the node through `renumber`, in document order.
    pub(super) fn renumber_keys(&mut self, renumber: &mut impl FnMut(u32) -> u32) {
        match &mut self.data {
            Data::Sequence(items) => items.iter_mut().for_each(|n| n.renumber_keys(renumber)),
            Data::Mapping(entries) => entries.iter_mut().for_each(|e| {
                e.key = renumber(e.key);
                e.node.renumber_keys(renumber);
            }),
            Data::Alias(target) => target.renumber_keys(renumber),
            _ => {}
        }
    }

    /// The text of a string node (what an aliased key stands for).
    pub(crate) fn string_value<'t>(&'t self, text: &'t str) -> Option<&'t str> {
        match &self.data {
            Data::Spelt | Data::Quoted | Data::Owned(_) => Some(node_str(text, self)),
            Data::Alias(target) => target.string_value(text),
            _ => None,
        }
    }
}

impl Entry {
    pub(crate) fn new(key: u32, key_span: Range<usize>, node: Node) -> Self {
        Entry {
            key,
            key_start: key_span.start as u32,
            key_end: key_span.end as u32,
            node,
        }
    }

    pub(crate) fn key(&self) -> u32 {
        self.key
    }

    pub(crate) fn key_span(&self) -> Range<usize> {
        self.key_start as usize..self.key_end as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_stay_small() {
        assert!(std::mem::size_of::<Node>() <= 32);
        assert!(std::mem::size_of::<Entry>() <= 48);
    }

    #[test]
    fn strings_spelt_in_the_text_are_not_copied() {
        let text = "a: 'x' b \"y\\n\"";
        assert_eq!(Node::string(text, 3..6, "x").data, Data::Quoted);
        assert_eq!(Node::string(text, 7..8, "b").data, Data::Spelt);
        assert!(matches!(
            Node::string(text, 9..14, "y\n").data,
            Data::Owned(_)
        ));
    }
}
