//! Plain block YAML read straight into the tree, without going through saphyr's scanner (which
//! copies every scalar, character by character, and took half of a large plan's check).
//!
//! It reads the YAML plans are written in: block mappings and sequences indented with spaces,
//! plain keys, and scalars on one line (plain, or quoted without escapes), with comments and
//! blank lines anywhere. Everything else (a flow collection, an anchor, an alias, a tag, a block
//! scalar, a scalar over several lines, an escape, a tab, a repeated key, an empty value, a
//! document marker, a character YAML does not print, nesting past [`MAX_DEPTH`]) is declined,
//! and saphyr's path in `yaml.rs` reads the file and reports it as before. A plan that reads here
//! reads to exactly the same tree, spans included, as it does there (the tests compare them).

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use saphyr::Scalar;

use super::tree::{Entry, Keys, Node, Tree};
use super::{PARALLEL_FROM, trim_end};

mod parts;
mod screen;

/// Deeper nesting is left to saphyr's path.
const MAX_DEPTH: usize = 64;

/// Longer keys are left to saphyr (a key of 1,024 bytes has at most 1,024 characters).
const MAX_KEY_BYTES: usize = 1000;

/// A mapping up to this many entries finds a repeated key by scanning them.
const SCAN_LIMIT: usize = 16;

/// The tree of `text` when it is plain block YAML (see the module's documentation); a long
/// sequence read in parts on up to `threads` threads.
pub(super) fn read(text: &str, threads: usize) -> Option<Tree> {
    if !screen::printable(text.as_bytes(), threads) {
        return None;
    }
    let mut reader = Reader::new(text, 0, threads);
    let (indent, at) = reader.next_content(0)?;
    reader.at = at;
    let (root, next) = reader.block(indent, 0)?;
    if next.is_some() {
        return None;
    }
    let mut keys = reader.keys;
    keys.finish();
    Some(Tree { root, keys })
}

/// Where the next content line starts: its indent and the byte of its first character.
type Next = Option<(usize, usize)>;

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The first character of the node being read.
    at: usize,
    keys: Keys,
    /// How many threads may read the parts of a long sequence.
    threads: usize,
}

impl<'t> Reader<'t> {
    /// A reader of `text` from `at`, which may read long sequences on up to `threads` threads.
    fn new(text: &'t str, at: usize, threads: usize) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            at,
            keys: Keys::default(),
            threads,
        }
    }

    /// Past the line that holds `from`, the first line with something on it other than a
    /// comment: its indent and where its first character is. `from` at a line's start reads
    /// that line first; past the end of the text, there is none.
    fn next_content(&self, from: usize) -> Next {
        if from >= self.bytes.len() {
            return None;
        }
        let mut line = if from == 0 || self.bytes.get(from - 1) == Some(&b'\n') {
            from
        } else {
            self.line_end(from) + 1
        };
        while line < self.bytes.len() {
            let mut i = line;
            while self.bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            match self.bytes.get(i) {
                None => return None,
                Some(b'\n' | b'\r' | b'#') => line = self.line_end(i) + 1,
                Some(_) => return Some((i - line, i)),
            }
        }
        None
    }

    /// The line feed that ends the line holding `at`, or the end of the text.
    fn line_end(&self, at: usize) -> usize {
        memchr::memchr(b'\n', &self.bytes[at..]).map_or(self.bytes.len(), |n| at + n)
    }

    /// Whether `at` holds a block sequence's `-`.
    fn is_dash(&self, at: usize) -> bool {
        self.bytes[at] == b'-'
            && matches!(self.bytes.get(at + 1), None | Some(b' ' | b'\n' | b'\r'))
    }

    /// A block collection whose first line starts at `self.at`, indented `indent`; with where the
    /// content after it starts.
    fn block(&mut self, indent: usize, depth: usize) -> Option<(Node, Next)> {
        if depth > MAX_DEPTH {
            return None;
        }
        if self.is_dash(self.at) {
            self.sequence(indent, depth, false)
        } else {
            self.mapping(indent, depth)
        }
    }

    /// The end of a collection that started at `start`, as saphyr marks it: where the next
    /// content starts, less the white space before it.
    fn collection_span(&self, start: usize, next: Next) -> Range<usize> {
        let end = next.map_or(self.bytes.len(), |(_, at)| at);
        trim_end(self.text, start..end.max(start))
    }

    /// A sequence whose first `-` is at `self.at`; one `compact` (as indented as the key whose
    /// value it is) starts, as saphyr marks it, where the first item's text does, or at the end
    /// of the dash's line when that is blank or a comment.
    fn sequence(&mut self, indent: usize, depth: usize, compact: bool) -> Option<(Node, Next)> {
        let mut start = self.at;
        if compact {
            start += 1;
            while self.bytes.get(start) == Some(&b' ') {
                start += 1;
            }
            if self.bytes.get(start) == Some(&b'#') {
                start = self.line_end(start);
            }
            if self.bytes.get(start.saturating_sub(1)) == Some(&b'\r') {
                start -= 1;
            }
        }
        let parts = self.parts(indent);
        let (items, next) = if parts.is_empty() {
            self.items(indent, depth, None)?
        } else {
            self.items_in_parts(indent, depth, &parts)?
        };
        let span = self.collection_span(start, next);
        Some((Node::sequence(span, items), next))
    }

    /// The items of a sequence indented `indent`, the first at `self.at`, up to its end or to
    /// the item at `stop`; with where the content after them starts.
    fn items(
        &mut self,
        indent: usize,
        depth: usize,
        stop: Option<usize>,
    ) -> Option<(Vec<Node>, Next)> {
        let mut items = Vec::new();
        loop {
            let (item, next) = self.value(self.at + 1, indent, depth)?;
            items.push(item);
            match next {
                Some((column, at)) if column == indent && self.is_dash(at) && stop != Some(at) => {
                    self.at = at;
                }
                Some((column, _)) if column > indent => return None,
                _ => return Some((items, next)),
            }
        }
    }

    fn mapping(&mut self, indent: usize, depth: usize) -> Option<(Node, Next)> {
        let start = self.at;
        let mut entries: Vec<Entry> = Vec::new();
        // Keys below 64 (the plan's own) are marked here; the others in `seen` once it is made.
        let mut small: u64 = 0;
        let mut seen: Option<HashSet<u32>> = None;
        loop {
            let (key_span, after) = self.key(self.at)?;
            let key = self.keys.intern(&self.text[key_span.clone()]);
            let repeated = if key < 64 {
                let bit = 1 << key;
                let repeated = small & bit != 0;
                small |= bit;
                repeated
            } else {
                match &mut seen {
                    Some(seen) => !seen.insert(key),
                    None => {
                        let repeated = entries.iter().any(|e| e.key() == key);
                        if entries.len() >= SCAN_LIMIT {
                            seen = Some(entries.iter().map(Entry::key).chain([key]).collect());
                        }
                        repeated
                    }
                }
            };
            if repeated {
                return None;
            }
            let (node, next) = self.value(after, indent, depth)?;
            entries.push(Entry::new(key, key_span, node));
            match next {
                Some((column, at)) if column == indent && !self.is_dash(at) => self.at = at,
                Some((column, _)) if column >= indent => return None,
                _ => {
                    let span = self.collection_span(start, next);
                    return Some((Node::mapping(span, entries), next));
                }
            }
        }
    }

    /// A plain key starting at `at` and the `:` after it: the key's span and where its value may
    /// start.
    fn key(&self, at: usize) -> Option<(Range<usize>, usize)> {
        if is_indicator(self.bytes[at]) {
            return None;
        }
        let end = self.line_end(at);
        for i in memchr::memchr2_iter(b':', b'#', &self.bytes[at..end]).map(|n| at + n) {
            match self.bytes[i] {
                b':' if matches!(self.bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r')) => {
                    // YAML bounds a key without `?` at 1,024 characters; saphyr refuses longer.
                    if i - at > MAX_KEY_BYTES {
                        return None;
                    }
                    let span = trim_end(self.text, at..i);
                    return (!span.is_empty()).then_some((span, i + 1));
                }
                b'#' if self.bytes[i - 1] == b' ' => return None,
                _ => {}
            }
        }
        None
    }

    /// The value after an indicator (`key:` or `-`) that ends at `after`, in a collection indented
    /// `indent`; with where the content after it starts.
    fn value(&mut self, after: usize, indent: usize, depth: usize) -> Option<(Node, Next)> {
        let in_sequence = self.bytes[after - 1] == b'-';
        let mut at = after;
        while self.bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        if matches!(self.bytes.get(at), None | Some(b'\n' | b'\r' | b'#')) {
            // The value is a block on the lines below; an empty value is left to saphyr.
            let (column, next) = self.next_content(at)?;
            self.at = next;
            if column > indent {
                return self.block(column, depth + 1);
            }
            if !in_sequence && column == indent && self.is_dash(next) && depth < MAX_DEPTH {
                return self.sequence(column, depth + 1, true);
            }
            return None;
        }
        if in_sequence && self.key(at).is_some() {
            // A mapping starting on the item's line (`- item: 1`).
            let line_start = self.text[..at].rfind('\n').map_or(0, |n| n + 1);
            self.at = at;
            return self.block(at - line_start, depth + 1);
        }
        let node = self.scalar(at)?;
        let next = self.next_content(at);
        // A more indented line would continue the scalar.
        if next.is_some_and(|(column, _)| column > indent) {
            return None;
        }
        Some((node, next))
    }

    /// A scalar on one line, starting at `at`, with nothing but a comment after it.
    fn scalar(&self, at: usize) -> Option<Node> {
        let end = self.line_end(at);
        match self.bytes[at] {
            quote @ (b'\'' | b'"') => {
                let mut i = at + 1;
                let mut doubled = false;
                let close = loop {
                    match self.bytes[i..end]
                        .iter()
                        .position(|&b| b == quote || b == b'\\')
                    {
                        None => return None,
                        Some(n) => i += n,
                    }
                    if self.bytes[i] == b'\\' {
                        if quote == b'"' {
                            return None;
                        }
                        i += 1;
                    } else if quote == b'\'' && self.bytes.get(i + 1) == Some(&b'\'') {
                        doubled = true;
                        i += 2;
                    } else {
                        break i;
                    }
                };
                let rest = &self.bytes[close + 1..end];
                let content = rest.iter().position(|&b| b != b' ' && b != b'\r');
                if let Some(n) = content
                    && (rest[n] != b'#' || n == 0)
                {
                    return None;
                }
                let span = at..close + 1;
                let inner = &self.text[at + 1..close];
                let value = if doubled {
                    Cow::Owned(inner.replace("''", "'"))
                } else {
                    Cow::Borrowed(inner)
                };
                Some(Node::string(self.text, span, &value))
            }
            b if is_indicator(b) => None,
            b'-' if self.is_dash(at) => None,
            _ => {
                let mut stop = end;
                for i in memchr::memchr2_iter(b':', b'#', &self.bytes[at..end]).map(|n| at + n) {
                    match self.bytes[i] {
                        b'#' if self.bytes[i - 1] == b' ' => {
                            stop = i;
                            break;
                        }
                        b':' if matches!(self.bytes.get(i + 1), Some(b' ' | b'\r')) => {
                            return None;
                        }
                        _ => {}
                    }
                }
                let span = trim_end(self.text, at..stop);
                if self.bytes[span.end - 1] == b':' {
                    return None;
                }
                let value = &self.text[span.clone()];
                if !self.bytes[at].is_ascii() {
                    return Some(Node::spelt(span));
                }
                Some(match Scalar::parse_from_cow(Cow::Borrowed(value)) {
                    Scalar::Null => Node::null(span),
                    Scalar::Boolean(b) => Node::bool(span, b),
                    Scalar::Integer(i) => Node::int(span, i),
                    Scalar::FloatingPoint(f) => Node::float(span, f.into_inner()),
                    Scalar::String(_) => Node::spelt(span),
                })
            }
        }
    }
}

/// Characters that cannot start a plain scalar here (a quote starts a quoted one).
fn is_indicator(b: u8) -> bool {
    matches!(
        b,
        b'?' | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'%'
            | b'@'
            | b'`'
            | b'\''
            | b'"'
    )
}

#[cfg(test)]
mod tests;
