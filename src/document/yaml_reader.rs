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
use super::trim_end;

/// Deeper nesting is left to saphyr's path.
const MAX_DEPTH: usize = 64;

/// Longer keys are left to saphyr (a key of 1,024 bytes has at most 1,024 characters).
const MAX_KEY_BYTES: usize = 1000;

/// A mapping up to this many entries finds a repeated key by scanning them.
const SCAN_LIMIT: usize = 16;

/// The tree of `text` when it is plain block YAML (see the module's documentation).
pub(super) fn read(text: &str) -> Option<Tree> {
    let threads = if text.len() >= PARALLEL_FROM {
        crate::ordered::threads()
    } else {
        1
    };
    read_with(text, threads)
}

/// [`read`], a long sequence read in parts on up to `threads` threads.
fn read_with(text: &str, threads: usize) -> Option<Tree> {
    if text.len() > u32::MAX as usize || !printable(text.as_bytes(), threads) {
        return None;
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
        keys: Keys::default(),
        threads,
    };
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

/// Whether every character is one YAML prints and the reader takes: no tab, no control
/// character, no carriage return but before a line feed, no C1 control, no line or paragraph
/// separator, no byte-order mark, no non-character U+FFFE or U+FFFF.
/// A long text is screened in two halves at once.
fn printable(bytes: &[u8], threads: usize) -> bool {
    if threads < 2 || bytes.len() < PARALLEL_FROM {
        return printable_in(bytes, 0..bytes.len());
    }
    let half = bytes.len() / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| printable_in(bytes, half..bytes.len()));
        let first = printable_in(bytes, 0..half);
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        first && second
    })
}

/// [`printable`] for the characters that start in `range` (the bytes after it are looked at
/// where a character needs them).
fn printable_in(bytes: &[u8], range: Range<usize>) -> bool {
    let mut i = range.start;
    while i < range.end {
        // Most bytes are taken at a glance; only these few need the bytes after them.
        match BYTE_CLASS[bytes[i] as usize] {
            TAKEN => {}
            REFUSED => return false,
            _ => {
                let next = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
                let refused = match bytes[i] {
                    b'\r' => next.0 != Some(b'\n'),
                    0xc2 => matches!(next.0, Some(0x80..=0x9f)),
                    0xe2 => next.0 == Some(0x80) && matches!(next.1, Some(0xa8 | 0xa9)),
                    _ => matches!(
                        next,
                        (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
                    ),
                };
                if refused {
                    return false;
                }
            }
        }
        i += 1;
    }
    true
}

const TAKEN: u8 = 0;
const REFUSED: u8 = 1;
const LOOK_AHEAD: u8 = 2;

/// What [`printable`] makes of each byte on its own.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [TAKEN; 256];
    let mut b = 0;
    while b < 0x20 {
        class[b] = REFUSED;
        b += 1;
    }
    class[b'\n' as usize] = TAKEN;
    class[b'\r' as usize] = LOOK_AHEAD;
    class[0x7f] = REFUSED;
    class[0xc2] = LOOK_AHEAD;
    class[0xe2] = LOOK_AHEAD;
    class[0xef] = LOOK_AHEAD;
    class
};

/// Where the next content line starts: its indent and the byte of its first character.
type Next = Option<(usize, usize)>;

/// A sequence of this much text or more (about 500 rows) is read in parts, one per thread.
const PARALLEL_FROM: usize = 1 << 17;

struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    /// The first character of the node being read.
    at: usize,
    keys: Keys,
    /// How many threads may read the parts of a long sequence.
    threads: usize,
}

impl Reader<'_> {
    /// Past the line that holds `from`, the first line with something on it other than a
    /// comment: its indent and where its first character is. `from` at a line's start reads
    /// that line first.
    fn next_content(&self, from: usize) -> Next {
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

    /// Where a long sequence (the first item at `self.at`) splits into parts of about the same
    /// length, one per thread: the `-` of the item that starts each part but the first. None for
    /// a short sequence or a single thread.
    fn parts(&self, indent: usize) -> Vec<usize> {
        if self.threads < 2 || self.bytes.len() - self.at < PARALLEL_FROM {
            return Vec::new();
        }
        // The sequence ends at the first line, other than a blank line or a comment, that is
        // indented less, or as much without a `-`.
        // The start of every line from `from` (a line's start, or past the end of the text) on.
        let lines = |from: usize| {
            let from = from.min(self.bytes.len());
            std::iter::once(from)
                .chain(memchr::memchr_iter(b'\n', &self.bytes[from..]).map(move |n| from + n + 1))
        };
        let content = |line: usize| {
            let first = self.bytes[line..]
                .iter()
                .position(|&b| b != b' ')
                .map_or(self.bytes.len(), |n| line + n);
            match self.bytes.get(first) {
                None | Some(b'\n' | b'\r' | b'#') => None,
                Some(_) => Some((first - line, first)),
            }
        };
        let first_line = self.line_end(self.at) + 1;
        let end = lines(first_line)
            .filter(|&line| line < self.bytes.len())
            .filter_map(content)
            .find(|&(column, at)| column < indent || column == indent && !self.is_dash(at))
            .map_or(self.bytes.len(), |(_, at)| at);
        if end - self.at < PARALLEL_FROM {
            return Vec::new();
        }
        let mut parts = Vec::new();
        for part in 1..self.threads {
            let target = self.at + (end - self.at) * part / self.threads;
            let from = self.line_end(target) + 1;
            let found = lines(from)
                .take_while(|&line| line < end)
                .filter_map(content)
                .find(|&(column, at)| column == indent && self.is_dash(at));
            match found {
                Some((_, at)) if at < end && parts.last().is_none_or(|&last| last < at) => {
                    parts.push(at);
                }
                _ => {}
            }
        }
        parts
    }

    /// [`Reader::items`] read in parts on threads of their own: this reader reads up to the first
    /// of `parts`, another from each to the next. The keys the others number are numbered again
    /// in this reader's table, in document order, so that the tree is the one read in turn.
    fn items_in_parts(
        &mut self,
        indent: usize,
        depth: usize,
        parts: &[usize],
    ) -> Option<(Vec<Node>, Next)> {
        let text = self.text;
        let read_part = |index: usize| {
            let mut reader = Reader {
                text,
                bytes: text.as_bytes(),
                at: parts[index],
                keys: Keys::default(),
                threads: 1,
            };
            let stop = parts.get(index + 1).copied();
            let read = reader.items(indent, depth, stop)?;
            Some((read, reader.keys))
        };
        let (first, others) = std::thread::scope(|scope| {
            let others: Vec<_> = (0..parts.len())
                .map(|index| scope.spawn(move || read_part(index)))
                .collect();
            let first = self.items(indent, depth, parts.first().copied());
            let others: Vec<_> = others
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect();
            (first, others)
        });
        let (mut items, mut next) = first?;
        for (index, other) in others.into_iter().enumerate() {
            // Each part ends where the next starts.
            if next != Some((indent, parts[index])) {
                return None;
            }
            let ((mut part, part_next), keys) = other?;
            self.keys.adopt(&keys, &mut part);
            items.append(&mut part);
            next = part_next;
        }
        Some((items, next))
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
mod tests {
    use proptest::prelude::*;

    use super::read;
    use crate::document::yaml::parse_events;

    /// The direct reader either declines `text` or reads exactly the tree the general path
    /// reads, without a problem; returns whether it read it.
    fn agrees(text: &str) -> bool {
        crate::document::assert_readers_agree(text);
        read(text).is_some()
    }

    fn yaml_files(root: &str) -> Vec<std::path::PathBuf> {
        ignore::WalkBuilder::new(root)
            .standard_filters(false)
            .build()
            .filter_map(Result::ok)
            .map(ignore::DirEntry::into_path)
            .filter(|path| path.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect()
    }

    #[test]
    fn every_yaml_fixture_and_plan_reads_as_saphyr_reads_it() {
        let mut found = yaml_files("tests/fixtures");
        found.extend(yaml_files("plans"));
        assert!(found.len() >= 50, "{}", found.len());
        let mut read_here = 0;
        for path in &found {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            if agrees(text) {
                read_here += 1;
            }
        }
        // Most fixtures are plans as coordinators write them, which this reader takes.
        assert!(
            read_here * 2 > found.len(),
            "{read_here} of {}",
            found.len()
        );
        for plan in yaml_files("plans") {
            let text = std::fs::read_to_string(&plan).unwrap();
            assert!(agrees(&text), "{} was declined", plan.display());
        }
    }

    #[test]
    fn edge_cases_are_read_alike_or_declined() {
        let read_here = [
            "a: 1\n",
            "a: 1",
            "# lead\n\na: 1  # c\nb:\n  - x: 1\n    y: two  \n\n  # comment\n  - z\nc:\n- q\n- r\n# end\n\n",
            "a: 1\r\nb:\r\n  - 'x'\r\n  - \"y\"  # c\r\n",
            "a: 'it''s'\nb: \"q\"\nc: '' \nd: \"\"\n",
            "a: true\nb: ~\nc: null\nd: 0x1F\ne: 0o17\nf: -5\ng: 1.5e3\nh: .inf\ni: -.inf\nj: .nan\nk: 2015\nl: 03/2019\nm: 2024-2026\nn: False\no: +12\n",
            "名稱: 交通 數字   # note\n說明: a#b c:d http://x\n",
            "rows:\n  - item: 1\n    category: 不適用\n  -\n    item: 2\n",
            "a:\n    b:\n        c: 1\n    d: 2\ne: 3\n",
            "a: -x\nb: x-\nc: 'a: b'\n",
            "- a: 1\n  b: 2\n- c: 3\n",
        ];
        for text in read_here {
            assert!(agrees(text), "declined: {text:?}");
        }
        let declined = [
            "",
            "# only\n",
            "a:\n",
            "a: 1\na: 2\n",
            "a: [1, 2]\n",
            "a: {b: 1}\n",
            "a: &x 1\nb: *x\n",
            "a: !!str 1\n",
            "a: |\n  x\n",
            "a: >\n  x\n",
            "a: b\n  c\n",
            "a: 'b\n  c'\n",
            "a: \"b\\tc\"\n",
            "a:\tb\n",
            "---\na: 1\n",
            "a: 1\n...\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: b: c\n",
            "a: b:\n",
            "a: - b\n",
            "? a\n: b\n",
            "\"a\": 1\n",
            "a: 'x'y\n",
            "a: 1\n - b\n",
            "a: 1\n  b: 2\n",
            "a:\n  - 1\n  b: 2\n",
            "- a\nb: 1\n",
            "a: \u{85}\n",
            "a: x\u{2028}y\n",
            "a: \u{feff}\n",
            "a: 1\rb: 2\n",
            "a: \u{7}\n",
            "just a scalar\n",
            "- a\n- - b\n",
            &format!("{}: 1\n", "k".repeat(1_100)),
            &format!("- {}: 1\n", "數".repeat(400)),
        ];
        for text in declined {
            assert!(!agrees(text), "read: {text:?}");
        }
        let deep: String = (0..100).map(|n| format!("{}k:\n", " ".repeat(n))).collect();
        assert!(read(&format!("{deep}{}v: 1\n", " ".repeat(100))).is_none());
    }

    /// A plan of over a megabyte, with keys of its own in some rows, comments and blank lines
    /// between rows, parts, and a second long table; rows at the key's indent when `compact`.
    fn long_plan(compact: bool, eol: &str) -> String {
        let rows_indent = if compact { "      " } else { "        " };
        let mut text = format!("format: odp-plan/1{eol}sections:{eol}  D:{eol}");
        for table in ["spatial", "non_spatial"] {
            text.push_str(&format!(
                "    {table}:  # the {table} table{eol}      rows:{eol}"
            ));
            for n in 0..9_000 {
                let r = rows_indent;
                text.push_str(&format!("{r}- item: {n}{eol}{r}  category: 交通{eol}"));
                text.push_str(&format!("{r}  name: '數據集 {n}'  # a name{eol}"));
                if n % 7 == 3 {
                    text.push_str(&format!("{r}  remark_{}: x{eol}", n % 3));
                }
                if n % 11 == 5 {
                    text.push_str(&format!(
                        "{r}  parts:{eol}{r}    - description: a{eol}{r}      frequency: 每月{eol}"
                    ));
                }
                text.push_str(&format!("{r}  release_date: 03/2019{eol}"));
                if n % 13 == 0 {
                    text.push_str(&format!(
                        "{eol}# a comment between rows{eol}{r}  # and one inside{eol}"
                    ));
                }
            }
        }
        text
    }

    #[test]
    fn a_long_last_line_is_read_in_turn() {
        let long = "x".repeat(3 * super::PARALLEL_FROM);
        for text in [
            format!("- {long}"),
            format!("- a\n- {long}"),
            format!("a:\n- b\n- {long}"),
            format!("a:\n  - {long}\n  - b"),
        ] {
            let in_turn = super::read_with(&text, 1);
            assert!(in_turn.is_some());
            assert_eq!(super::read_with(&text, 4), in_turn);
        }
    }

    #[test]
    fn a_long_text_is_screened_in_halves_as_in_one() {
        let size = 2 * super::PARALLEL_FROM;
        for (inserted, taken) in [
            ("\r\n", true),
            ("數", true),
            ("\r", false),
            ("\u{2028}", false),
            ("\u{85}", false),
            ("\u{feff}", false),
            ("\t", false),
        ] {
            // Each character placed across the middle, and at the end.
            for shift in 0..inserted.len() {
                let at = size / 2 - shift;
                let text = format!("{}{inserted}{}", "a".repeat(at), "b".repeat(size - at));
                assert_eq!(
                    super::printable(text.as_bytes(), 2),
                    taken,
                    "{inserted:?} {shift}"
                );
                assert_eq!(super::printable(text.as_bytes(), 1), taken);
            }
            let text = format!("{}{inserted}", "a".repeat(size));
            assert_eq!(super::printable(text.as_bytes(), 2), taken);
        }
    }

    #[test]
    fn a_long_sequence_read_in_parts_is_the_sequence_read_in_turn() {
        for (compact, eol) in [(false, "\n"), (true, "\n"), (false, "\r\n")] {
            let text = long_plan(compact, eol);
            assert!(text.len() > 2 * super::PARALLEL_FROM, "{}", text.len());
            let first = text.find("- item").unwrap();
            let reader = super::Reader {
                text: &text,
                bytes: text.as_bytes(),
                at: first,
                keys: Default::default(),
                threads: 3,
            };
            let indent = first - text[..first].rfind('\n').unwrap() - 1;
            assert_eq!(reader.parts(indent).len(), 2, "split in three");
            let in_turn = super::read_with(&text, 1).expect("read in turn");
            for threads in [2, 3, 5] {
                assert_eq!(super::read_with(&text, threads).as_ref(), Some(&in_turn));
            }
            assert_eq!(parse_events(&text).tree.as_ref(), Some(&in_turn));
            // A part that declines (a flow mapping near the end) declines the whole.
            let at = text.rfind("name: '").unwrap();
            let broken = format!(
                "{}name: {{a: 1}}{}",
                &text[..at],
                &text[at..].split_once(eol).unwrap().1
            );
            let broken = broken.replacen("{a: 1}", &format!("{{a: 1}}{eol}"), 1);
            assert_eq!(super::read_with(&broken, 3), None);
            assert_eq!(super::read_with(&broken, 1), None);
        }
    }

    fn plan_like() -> impl Strategy<Value = String> {
        let scalar = prop_oneof![
            "[a-z0-9 #:'\"\\-./]{0,8}",
            "[數據集交通 ]{1,4}",
            Just("~".to_string()),
            Just("true".to_string()),
            Just("'a''b'".to_string()),
        ];
        let line = (
            0usize..4,
            prop_oneof![Just("- "), Just(""), Just("-")],
            "[a-z]{1,3}",
            prop_oneof![Just(": "), Just(":"), Just(" ")],
            scalar,
            prop_oneof![Just(""), Just("  # c"), Just("\r")],
        );
        prop::collection::vec(line, 1..12).prop_map(|lines| {
            lines
                .into_iter()
                .map(|(indent, dash, key, colon, value, tail)| {
                    format!("{}{dash}{key}{colon}{value}{tail}\n", "  ".repeat(indent))
                })
                .collect()
        })
    }

    /// A value as a plan might hold it, to be written as block YAML.
    #[derive(Debug, Clone)]
    enum Block {
        Scalar(String),
        Sequence(Vec<Block>),
        Mapping(Vec<Block>),
    }

    fn block() -> impl Strategy<Value = Block> {
        let scalar = prop_oneof![
            "[a-z][a-z0-9 ./:#-]{0,10}",
            "[數據集交通（）「」 ]{1,6}",
            "(0[1-9]|1[0-2])/20[0-9]{2}",
            "-?[0-9]{1,20}(\\.[0-9]{0,3})?(e[0-9])?",
            "[a-z' ]{0,6}".prop_map(|inner| format!("'{}'", inner.replace('\'', "''"))),
            "\"[a-z數' ]{0,6}\"",
            prop_oneof![
                Just("~"),
                Just("null"),
                Just("True"),
                Just("false"),
                Just(".inf"),
                Just("0x1f"),
                Just("0o17")
            ]
            .prop_map(str::to_string),
        ]
        .prop_map(|text| Block::Scalar(text.trim_end().to_string()))
        .prop_filter("a plain scalar on one line", |b| {
            matches!(b, Block::Scalar(t) if t.starts_with(['\'', '"'])
                || !t.is_empty() && !t.ends_with(':') && !t.contains(": ") && !t.contains(" #"))
        });
        scalar.prop_recursive(5, 48, 5, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 1..5).prop_map(Block::Sequence),
                prop::collection::vec(inner, 1..5).prop_map(Block::Mapping),
            ]
        })
    }

    /// How a [`Block`] is written: indent step, compact sequences, comments, blank lines, CRLF.
    #[derive(Debug, Clone, Copy)]
    struct Style {
        step: usize,
        compact: bool,
        comments: bool,
        blank: bool,
        crlf: bool,
    }

    fn write(block: &Block, indent: usize, style: Style, out: &mut String) {
        let eol = if style.crlf { "\r\n" } else { "\n" };
        let pad = " ".repeat(indent);
        let line = |out: &mut String, head: String, value: &Block, n: usize| match value {
            Block::Scalar(text) => {
                let comment = if style.comments && n % 3 == 1 {
                    "  # c"
                } else {
                    ""
                };
                out.push_str(&format!("{pad}{head} {text}{comment}{eol}"));
                if style.blank && n % 4 == 2 {
                    out.push_str(eol);
                }
            }
            nested => {
                let comment = if style.comments && n.is_multiple_of(2) {
                    " # on the key"
                } else {
                    ""
                };
                out.push_str(&format!("{pad}{head}{comment}{eol}"));
                if style.comments && n.is_multiple_of(3) {
                    out.push_str(&format!("{pad}  # a line{eol}"));
                }
                let compact = style.compact && matches!(nested, Block::Sequence(_)) && head != "-";
                write(
                    nested,
                    if compact { indent } else { indent + style.step },
                    style,
                    out,
                );
            }
        };
        match block {
            Block::Scalar(text) => out.push_str(&format!("{pad}{text}{eol}")),
            Block::Sequence(items) => {
                for (n, item) in items.iter().enumerate() {
                    line(out, "-".to_string(), item, n);
                }
            }
            Block::Mapping(values) => {
                for (n, value) in values.iter().enumerate() {
                    line(out, format!("k{n}:"), value, n);
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4_000))]

        #[test]
        fn block_yaml_is_read_as_saphyr_reads_it(
            value in block(),
            step in 1usize..5,
            compact: bool,
            comments: bool,
            blank: bool,
            crlf: bool,
        ) {
            let mut text = String::from("# a plan\n\n");
            let value = match value {
                Block::Scalar(_) => Block::Mapping(vec![value]),
                value => value,
            };
            write(&value, 0, Style { step, compact, comments, blank, crlf }, &mut text);
            prop_assert!(agrees(&text), "declined: {text:?}");
        }

        #[test]
        fn plan_like_text_is_read_alike_or_declined(text in plan_like()) {
            agrees(&text);
        }

        #[test]
        fn a_changed_byte_is_read_alike_or_declined(at in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let base = include_str!("../../plans/hkpf/2024-2026.zh-Hant.yaml");
            let mut bytes = base.as_bytes().to_vec();
            let index = at.index(bytes.len());
            bytes[index] = byte;
            if let Ok(text) = String::from_utf8(bytes) {
                agrees(&text);
            }
        }
    }
}
