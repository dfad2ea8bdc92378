//! Loading a plan file: the source text and one tree (YAML 1.2 or JSON) that holds every node's
//! value and byte span, and finds every node and key by its RFC 6901 JSON pointer.

pub mod comments;
mod json;
mod json_reader;
mod keys;
pub mod lines;
pub mod scalar;
pub mod syntax_hint;
mod text;
pub mod tree;
mod yaml;
mod yaml_reader;

pub use lines::{IndexedSource, LineIndex, Position};
use serde_json::Value;
pub use text::Text;
pub use tree::{EntryRef, Kind, NodeRef, Scalar, Tree};

/// A byte range in a document's text (after any byte-order mark).
pub use crate::diagnostic::Span;

/// The syntax a file is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Yaml,
    Json,
    /// Plain text kept for positions only (the input of `import`): no value, no spans.
    Text,
}

impl SourceKind {
    /// `.json` files are JSON; everything else (`.yaml`, `.yml`, stdin without a name) is YAML.
    pub fn from_path(path: &str) -> Self {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".json") {
            SourceKind::Json
        } else {
            SourceKind::Yaml
        }
    }
}

/// The spans found for a JSON pointer: the value's, and the key's when the node is a mapping value.
#[derive(Debug, Clone, PartialEq)]
pub struct Located {
    pub value: Span,
    pub key: Option<Span>,
}

/// A parse failure of the file itself, located in the text.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadProblem {
    /// The text is not valid YAML or JSON (S001).
    Syntax { span: Span, detail: String },
    /// A mapping repeats a key (S002): the repeated key, and the first one.
    DuplicateKey {
        key: String,
        span: Span,
        first: Span,
        pointer: String,
    },
}

/// A parsed plan file.
#[derive(Debug)]
pub struct Document {
    /// The name used in diagnostics (the path as given, or `--stdin-filename`).
    pub name: String,
    /// The text without a leading byte-order mark; all spans index into it.
    pub text: Text,
    /// Whether the file started with a UTF-8 byte-order mark (writers put it back).
    pub had_bom: bool,
    pub kind: SourceKind,
    /// Where each line starts: made when a position is first asked for (a clean plan never
    /// asks).
    lines: std::sync::OnceLock<LineIndex>,
    /// The values and their spans, when the text parsed.
    pub tree: Option<Tree>,
    pub problems: Vec<LoadProblem>,
    /// Scalars in the text that the value does not hold (a repeated key's dropped value): text
    /// there is not a comment either.
    pub hidden_scalars: Vec<Span>,
    /// Anchored nodes (`&row`) that an alias repeats: an edit there changes every copy.
    pub shared_anchors: Vec<Span>,
}

impl Document {
    /// Parses `text` as the kind its name implies (see [`SourceKind::from_path`]).
    pub fn parse(name: impl Into<String>, text: &str) -> Self {
        let name = name.into();
        let kind = SourceKind::from_path(&name);
        Self::parse_as(name, text, kind)
    }

    pub fn parse_as(name: impl Into<String>, text: &str, kind: SourceKind) -> Self {
        let (text, had_bom) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (rest, true),
            None => (text, false),
        };
        Self::parse_owned(name.into(), Text::from(text), had_bom, kind)
    }

    /// Parses text the document then keeps (no copy of it is made).
    fn parse_owned(name: String, text: Text, had_bom: bool, kind: SourceKind) -> Self {
        let parsed = match kind {
            SourceKind::Yaml => yaml::parse(&text),
            SourceKind::Json => json::parse(&text),
            SourceKind::Text => Parsed::default(),
        };
        Self::with_parsed(name, text, had_bom, kind, parsed)
    }

    fn with_parsed(
        name: String,
        text: Text,
        had_bom: bool,
        kind: SourceKind,
        parsed: Parsed,
    ) -> Self {
        Document {
            name,
            lines: std::sync::OnceLock::new(),
            text,
            had_bom,
            kind,
            tree: parsed.tree,
            problems: parsed.problems,
            hidden_scalars: parsed.hidden_scalars,
            shared_anchors: parsed.shared_anchors,
        }
    }

    /// [`Document::from_bytes`] on bytes the document may keep as its text (a large file is
    /// then held once, not twice).
    pub fn from_vec(name: impl Into<String>, bytes: Vec<u8>) -> Self {
        let name = name.into();
        let kind = SourceKind::from_path(&name);
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        if utf16 {
            return Self::from_bytes(name, &bytes);
        }
        // A long JSON text is read into the tree while it is checked to be UTF-8.
        let threads = threads_for(bytes.len());
        let beside = kind == SourceKind::Json && threads > 1 && bytes.len() <= u32::MAX as usize;
        let (text, tree) = if beside {
            // The check takes about a tenth of the reading's time: the first thread reads less.
            let (text, tree) = Text::from_utf8_with(bytes, |bytes, check| {
                json_reader::read_bytes_after(bytes, threads, 45, || check.run())
            });
            (text, tree.flatten())
        } else {
            (Text::from_utf8(bytes), None)
        };
        match (text, tree) {
            (Ok((text, had_bom)), Some(tree)) => {
                let parsed = Parsed {
                    tree: Some(tree),
                    ..Parsed::default()
                };
                Self::with_parsed(name, text, had_bom, kind, parsed)
            }
            // The direct reader declined the text: the general path reads and reports it.
            (Ok((text, had_bom)), None) if beside => {
                let parsed = json::parse_ast(&text);
                Self::with_parsed(name, text, had_bom, kind, parsed)
            }
            (Ok((text, had_bom)), None) => Self::parse_owned(name, text, had_bom, kind),
            (Err(bytes), _) => Self::from_bytes(name, &bytes),
        }
    }

    /// Decodes a file's bytes as UTF-8 and parses them. UTF-16 and invalid UTF-8 are reported as
    /// S001 at the first byte that cannot be read, over the text decoded as far as it goes.
    pub fn from_bytes(name: impl Into<String>, bytes: &[u8]) -> Self {
        let name = name.into();
        let kind = SourceKind::from_path(&name);
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Self::unreadable(
                name,
                String::new(),
                kind,
                0..0,
                "the file is encoded in UTF-16; save it as UTF-8".to_string(),
            );
        }
        match std::str::from_utf8(bytes) {
            Ok(text) => Self::parse_as(name, text, kind),
            Err(error) => {
                let text = String::from_utf8_lossy(bytes).into_owned();
                let offset = error.valid_up_to();
                let (text, had_bom) = match text.strip_prefix('\u{feff}') {
                    Some(rest) => (rest.to_string(), true),
                    None => (text, false),
                };
                let offset = if had_bom { offset - 3 } else { offset };
                let end = text[offset..]
                    .chars()
                    .next()
                    .map_or(offset, |c| offset + c.len_utf8());
                let mut document = Self::unreadable(
                    name,
                    text,
                    kind,
                    offset..end,
                    format!(
                        "the file is not valid UTF-8 (byte 0x{:02X} at offset {}); save it as UTF-8",
                        bytes[error.valid_up_to()],
                        error.valid_up_to()
                    ),
                );
                document.had_bom = had_bom;
                document
            }
        }
    }

    /// Decodes a file's bytes as UTF-8 text (a byte-order mark is kept for [`Document::parse_as`]
    /// to strip); UTF-16 and invalid UTF-8 give a message saying what is wrong and where.
    pub fn decode(bytes: &[u8]) -> Result<&str, crate::messages::Message> {
        use crate::messages::Message;
        if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
            return Err(Message::new("document.utf16"));
        }
        std::str::from_utf8(bytes).map_err(|error| {
            Message::new("document.not-utf8")
                .arg("byte", format!("{:02X}", bytes[error.valid_up_to()]))
                .arg("offset", error.valid_up_to())
        })
    }

    fn unreadable(
        name: String,
        text: String,
        kind: SourceKind,
        span: Span,
        detail: String,
    ) -> Self {
        Document {
            name,
            lines: std::sync::OnceLock::new(),
            text: text.into(),
            had_bom: false,
            kind,
            tree: None,
            problems: vec![LoadProblem::Syntax { span, detail }],
            hidden_scalars: Vec::new(),
            shared_anchors: Vec::new(),
        }
    }

    /// The root node, when the text parsed.
    pub fn root(&self) -> Option<NodeRef<'_>> {
        Some(self.tree.as_ref()?.root(&self.text))
    }

    /// The value as `serde_json` holds it (aliases expanded), when the text parsed. Built on
    /// each call: the tree is what the document keeps.
    pub fn value(&self) -> Option<Value> {
        Some(self.root()?.to_value())
    }

    /// The value at `pointer` (RFC 6901), reading through aliases as the value does.
    pub fn value_at(&self, pointer: &str) -> Option<Value> {
        let mut node = self.root()?;
        if !pointer.is_empty() {
            for raw in pointer.strip_prefix('/')?.split('/') {
                node = child(&node, &unescape_token(raw))?;
            }
        }
        Some(node.to_value())
    }

    /// The spans of the node at `pointer` (RFC 6901), if it exists. An alias is a node of its
    /// own: nothing is found inside it.
    pub fn locate(&self, pointer: &str) -> Option<Located> {
        let mut node = self.root()?;
        let mut key = None;
        if pointer.is_empty() {
            return Some(Located {
                value: node.span(),
                key: None,
            });
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            if node.is_alias() {
                return None;
            }
            let token = unescape_token(raw);
            match node.kind() {
                Kind::Mapping => {
                    let entry = node.entry(&token)?;
                    key = Some(entry.key_span());
                    node = entry.value();
                }
                Kind::Sequence => {
                    key = None;
                    node = node.item(token.parse().ok()?)?;
                }
                Kind::Scalar(_) => return None,
            }
        }
        Some(Located {
            value: node.span(),
            key,
        })
    }

    /// The node at `pointer`, not looking inside aliases.
    pub fn node(&self, pointer: &str) -> Option<NodeRef<'_>> {
        let mut node = self.root()?;
        if pointer.is_empty() {
            return Some(node);
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            if node.is_alias() {
                return None;
            }
            node = child(&node, &unescape_token(raw))?;
        }
        Some(node)
    }

    /// The span a diagnostic about `pointer` should underline: the node itself, or the nearest
    /// ancestor that exists; the whole first line when nothing matches.
    pub fn span_for(&self, pointer: &str) -> Span {
        let mut current = pointer;
        loop {
            if current.is_empty() {
                return self.first_content_line();
            }
            if let Some(found) = self.locate(current) {
                return found.value;
            }
            match current.rfind('/') {
                Some(cut) => current = &current[..cut],
                None => return self.first_content_line(),
            }
        }
    }

    /// The byte range of a string scalar's content without its quotes, when the source text
    /// spells the value literally (no escapes), so that an edit there keeps the scalar's style.
    pub fn literal_content_span(&self, pointer: &str, value: &str) -> Option<Span> {
        let span = self.locate(pointer)?.value;
        let raw = self.text.get(span.clone())?;
        let quoted = raw.len() >= 2
            && ((raw.starts_with('"') && raw.ends_with('"'))
                || (raw.starts_with('\'') && raw.ends_with('\'')));
        let inner = if quoted {
            span.start + 1..span.end - 1
        } else {
            span
        };
        (self.text.get(inner.clone())? == value).then_some(inner)
    }

    /// The first line of the document's content (after leading comments), for findings about
    /// the plan as a whole.
    pub fn first_content_line(&self) -> Span {
        let start = self.root().map_or(0, |root| root.span().start);
        let line = self.lines().line_of(start);
        self.lines().line_range(&self.text, line)
    }

    /// Whether the document may hold `odplint:` comments (allows, confirmations): a YAML
    /// document whose text has the word, found in wide steps (a 25 MB plan in a millisecond).
    pub fn may_have_directives(&self) -> bool {
        self.kind == SourceKind::Yaml
            && memchr::memmem::find(self.text.as_bytes(), b"odplint:").is_some()
    }

    /// The text as stored, with its byte-order mark if it had one.
    pub fn text_with_bom(&self) -> String {
        if self.had_bom {
            format!("\u{feff}{}", self.text)
        } else {
            self.text.to_string()
        }
    }

    /// Drops the parsed tree and what was found while loading it, keeping the name, the text
    /// and its line index: what a report needs for positions once the rules have run.
    pub fn shed(&mut self) {
        self.tree = None;
        self.problems = Vec::new();
        self.hidden_scalars = Vec::new();
        self.shared_anchors = Vec::new();
    }

    /// Where each line of the text starts.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(&self.text, offset)
    }

    pub fn source(&self) -> IndexedSource<'_> {
        IndexedSource {
            name: &self.name,
            text: &self.text,
            lines: self.lines(),
        }
    }
}

/// The child of a mapping (by key) or of a sequence (by index).
fn child<'a>(node: &NodeRef<'a>, token: &str) -> Option<NodeRef<'a>> {
    match node.kind() {
        Kind::Mapping => node.get(token),
        Kind::Sequence => node.item(token.parse().ok()?),
        Kind::Scalar(_) => None,
    }
}

/// Builds a JSON pointer from tokens, escaping `~` and `/` (RFC 6901).
pub fn pointer<I, T>(tokens: I) -> String
where
    I: IntoIterator<Item = T>,
    T: std::fmt::Display,
{
    let mut out = String::new();
    for token in tokens {
        out.push('/');
        let token = token.to_string();
        if token.contains(['~', '/']) {
            out.push_str(&token.replace('~', "~0").replace('/', "~1"));
        } else {
            out.push_str(&token);
        }
    }
    out
}

fn unescape_token(raw: &str) -> std::borrow::Cow<'_, str> {
    if raw.contains('~') {
        raw.replace("~1", "/").replace("~0", "~").into()
    } else {
        raw.into()
    }
}

/// Every scalar's span (values and keys) under `node`; an alias is one scalar.
pub fn collect_scalar_spans(node: &NodeRef<'_>, out: &mut Vec<Span>) {
    if node.is_alias() {
        out.push(node.span());
        return;
    }
    match node.kind() {
        Kind::Scalar(_) => out.push(node.span()),
        Kind::Sequence => node
            .items()
            .into_iter()
            .flatten()
            .for_each(|item| collect_scalar_spans(&item, out)),
        Kind::Mapping => node.entries().into_iter().flatten().for_each(|entry| {
            out.push(entry.key_span());
            collect_scalar_spans(&entry.value(), out);
        }),
    }
}

/// What a syntax parser hands back.
#[derive(Default)]
struct Parsed {
    tree: Option<Tree>,
    problems: Vec<LoadProblem>,
    hidden_scalars: Vec<Span>,
    shared_anchors: Vec<Span>,
}

impl Parsed {
    /// Spans are 32-bit: a file of 4 GiB or more is refused (far past any `--max-file-size`).
    fn too_large() -> Self {
        Parsed {
            problems: vec![LoadProblem::Syntax {
                span: 0..0,
                detail: "the file is 4 GiB or larger; a plan is far smaller".into(),
            }],
            ..Parsed::default()
        }
    }
}

/// For the `readers` fuzz target: panics when a direct reader (YAML or JSON) reads `text` to
/// another tree than the path it stands in for (saphyr's events, jsonc-parser's syntax tree), or
/// reads text that path reports a problem in.
#[doc(hidden)]
pub fn assert_readers_agree(text: &str) {
    let pairs: [(DirectReader, GeneralReader); 2] = [
        (yaml_reader::read, yaml::parse_events),
        (json_reader::read, json::parse_ast),
    ];
    for (direct, general) in pairs {
        if let Some(tree) = direct(text, threads_for(text.len())) {
            let parsed = general(text);
            assert!(
                parsed.problems.is_empty(),
                "{:?}: {text:?}",
                parsed.problems
            );
            assert_eq!(Some(tree), parsed.tree, "{text:?}");
        }
    }
}

/// From this much text on (about 500 rows), a direct reader may read on several threads.
const PARALLEL_FROM: usize = 1 << 17;

/// How many threads a direct reader may read a text of `length` bytes on: those this thread may use
/// ([`crate::ordered::threads_here`]) for a long text, one for a short one (starting a thread would cost more than it saves).
fn threads_for(length: usize) -> usize {
    if length >= PARALLEL_FROM {
        crate::ordered::threads_here()
    } else {
        1
    }
}

/// A reader of the well-formed text of a format's plain form, straight into the tree, on up to
/// the given number of threads.
type DirectReader = fn(&str, usize) -> Option<Tree>;

/// A reader of any text of a format, reporting what it cannot read.
type GeneralReader = fn(&str) -> Parsed;

/// What a direct reader (`direct`) reads of `text`, or else what the general path (`general`)
/// makes of it, problems included.
fn read_directly_or(text: &str, direct: DirectReader, general: GeneralReader) -> Parsed {
    if text.len() > u32::MAX as usize {
        return Parsed::too_large();
    }
    match direct(text, threads_for(text.len())) {
        Some(tree) => Parsed {
            tree: Some(tree),
            ..Parsed::default()
        },
        None => general(text),
    }
}

/// Trims trailing white space, line breaks and comments' blank tails from a span's end.
fn trim_end(text: &str, mut span: Span) -> Span {
    let bytes = text.as_bytes();
    while span.end > span.start && matches!(bytes[span.end - 1], b' ' | b'\t' | b'\r' | b'\n') {
        span.end -= 1;
    }
    span
}

/// For the readers' tests: every readable file under `root` whose extension is one of
/// `extensions`, with its text (less a byte-order mark).
#[cfg(test)]
pub(crate) fn texts_under(root: &str, extensions: &[&str]) -> Vec<(std::path::PathBuf, String)> {
    ignore::WalkBuilder::new(root)
        .standard_filters(false)
        .build()
        .filter_map(Result::ok)
        .map(ignore::DirEntry::into_path)
        .filter(|path| {
            path.extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
        })
        .filter_map(|path| {
            let text = std::fs::read_to_string(&path).ok()?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Some((path, text))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_tilde_and_slash() {
        assert_eq!(pointer(["a/b", "c~d"]), "/a~1b/c~0d");
        assert_eq!(pointer(Vec::<String>::new()), "");
    }

    #[test]
    fn locate_finds_keys_and_values_in_yaml_and_json() {
        for (name, text) in [
            ("p.yaml", "a:\n  b: [x, \"y\"]\n"),
            ("p.json", "{\"a\": {\"b\": [\"x\", \"y\"]}}"),
        ] {
            let doc = Document::parse(name, text);
            assert!(doc.problems.is_empty(), "{name}: {:?}", doc.problems);
            let found = doc.locate("/a/b/1").unwrap();
            assert_eq!(&doc.text[found.value.clone()], "\"y\"", "{name}");
            let found = doc.locate("/a/b").unwrap();
            assert!(doc.text[found.key.unwrap()].contains('b'), "{name}");
            assert!(doc.locate("/a/c").is_none());
            assert_eq!(
                doc.literal_content_span("/a/b/1", "y").map(|s| s.len()),
                Some(1)
            );
        }
    }

    #[test]
    fn bytes_kept_as_the_text_read_as_bytes_copied() {
        for bytes in [
            &b"\xef\xbb\xbfa: 1\n"[..],
            b"a: [1, 2\n",
            b"a: \xff\n",
            b"\xff\xfea\x00",
            "名: 値\n".as_bytes(),
        ] {
            let kept = Document::from_vec("p.yaml", bytes.to_vec());
            let copied = Document::from_bytes("p.yaml", bytes);
            assert_eq!(kept.text, copied.text);
            assert_eq!(kept.had_bom, copied.had_bom);
            assert_eq!(kept.problems, copied.problems);
            assert_eq!(kept.value(), copied.value());
        }
    }

    #[test]
    fn a_long_json_text_read_while_it_is_checked_is_the_text_read_after() {
        // Long enough to be read beside the check, with a string of every kind of character.
        let rows: Vec<String> = (0..4_000)
            .map(|n| format!("{{\"item\": {n}, \"name\": \"數據 {n} \\u00e9\\n\", \"x\": 1.5}}"))
            .collect();
        let plan = format!(
            "{{\"sections\": {{\"D\": {{\"rows\": [{}]}}}}}}",
            rows.join(",\n")
        );
        assert!(plan.len() > PARALLEL_FROM);
        let mut bad_key = plan.clone().into_bytes();
        let at = plan.rfind("\"x\"").unwrap() + 1;
        bad_key[at] = 0xFF;
        let mut bad_value = plan.clone().into_bytes();
        let at = plan.rfind("數").unwrap();
        bad_value[at + 1] = b'a';
        let with_bom = format!("\u{feff}{plan}").into_bytes();
        let broken = plan.replacen("},", "}", 1).into_bytes();
        let cases = [plan.into_bytes(), bad_key, bad_value, with_bom, broken];
        for (n, bytes) in cases.into_iter().enumerate() {
            let kept = Document::from_vec("p.json", bytes.clone());
            // Read, or else reported: S001 at the bad byte, a syntax error at the missing comma.
            assert_eq!(kept.tree.is_some(), [0, 3].contains(&n), "{n}");
            assert_eq!(kept.problems.is_empty(), [0, 3].contains(&n), "{n}");
            let copied = Document::from_bytes("p.json", &bytes);
            assert_eq!(kept.text, copied.text);
            assert_eq!(kept.had_bom, copied.had_bom);
            assert_eq!(kept.problems, copied.problems);
            assert_eq!(kept.tree, copied.tree);
        }
    }

    #[test]
    fn a_bom_is_stripped_and_remembered() {
        let doc = Document::parse("p.yaml", "\u{feff}a: 1\n");
        assert!(doc.had_bom);
        assert_eq!(doc.locate("/a").unwrap().value, 3..4);
    }
}
