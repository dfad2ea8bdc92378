//! Writing a new value into a text cell so that the parser reads back exactly that value: plain
//! text when YAML would read it as the same string there, quoted (and escaped) otherwise.

use super::{Document, Kind, SourceKind};
use crate::diagnostic::Edit;

/// Characters that give a plain scalar another meaning when they start it.
const LEADING_INDICATORS: &[char] = &[
    '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
];

/// Whether `text` may be written as a YAML plain scalar (block context, or inside `[...]`/`{...}`
/// when `in_flow`) and be read back as the same string. Conservative: when in doubt, quote.
pub fn plain_is_exact(text: &str, in_flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if LEADING_INDICATORS.contains(&first)
        || text.starts_with([' ', '\t'])
        || text.ends_with([' ', '\t', ':'])
        || text.contains(": ")
        || text.contains(":\t")
        || text.contains(" #")
        || text.contains("\t#")
        || (in_flow && text.contains([',', '[', ']', '{', '}', ':']))
        || text.chars().any(needs_escape)
    {
        return false;
    }
    // Infinities and not-a-number are floats to other YAML readers (odplint keeps their text).
    if matches!(
        text.to_ascii_lowercase().as_str(),
        ".inf" | "+.inf" | "-.inf" | ".nan"
    ) {
        return false;
    }
    // The core schema reads `true`, `2015`, `null`, `.inf`... as other types: ask the parser.
    let probe = if in_flow {
        format!("[{text}]")
    } else {
        format!("k: {text}\n")
    };
    let parsed = super::yaml::parse(&probe);
    let read = parsed.tree.as_ref().and_then(|tree| {
        let root = tree.root(&probe);
        if in_flow {
            root.item(0)
                .filter(|_| root.items().is_some_and(|items| items.len() == 1))
        } else {
            root.get("k")
        }
    });
    read.and_then(|node| node.as_str()) == Some(text)
}

/// Characters a quoted scalar must escape: controls, line and paragraph separators, a byte-order
/// mark, and what YAML does not count as printable.
fn needs_escape(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
        || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The inside of a double-quoted scalar (YAML or JSON) that reads as `text`.
pub fn double_quoted_inner(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

impl Document {
    /// The edit that makes the text cell at `pointer` (now reading `value`) read `new_value`:
    /// inside its quotes when its style can hold the new text exactly, else the whole scalar
    /// rewritten double-quoted. `None` when the source does not spell the value literally
    /// (escapes, block scalars, an alias), where no edit could be exact.
    pub fn cell_edit(&self, pointer: &str, value: &str, new_value: &str) -> Option<Edit> {
        let span = self.locate(pointer)?.value;
        let raw = self.text.get(span.clone())?;
        let inner = span.start + 1..span.end.saturating_sub(1);
        let quote = raw.as_bytes().first().copied();
        let quoted =
            raw.len() >= 2 && matches!(quote, Some(b'"' | b'\'')) && raw.ends_with(quote? as char);
        let whole = |replacement: String| Edit {
            span: span.clone(),
            replacement,
        };
        let content = |replacement: String| Edit {
            span: inner.clone(),
            replacement,
        };
        match (self.kind, quoted.then_some(quote?)) {
            (SourceKind::Json, Some(b'"')) if self.text.get(inner.clone())? == value => {
                Some(content(double_quoted_inner(new_value)))
            }
            (SourceKind::Yaml, Some(b'"')) if self.text.get(inner.clone())? == value => {
                Some(content(double_quoted_inner(new_value)))
            }
            (SourceKind::Yaml, Some(b'\'')) if self.text.get(inner.clone())? == value => {
                if new_value.chars().any(needs_escape) {
                    Some(whole(format!("\"{}\"", double_quoted_inner(new_value))))
                } else {
                    Some(content(new_value.replace('\'', "''")))
                }
            }
            (SourceKind::Yaml, None) if raw == value => {
                if plain_is_exact(new_value, self.in_flow(pointer)) {
                    Some(whole(new_value.to_string()))
                } else {
                    Some(whole(format!("\"{}\"", double_quoted_inner(new_value))))
                }
            }
            _ => None,
        }
    }

    /// Whether the node at `pointer` sits inside a flow collection (`[...]` or `{...}`), where
    /// commas and brackets end a plain scalar.
    pub fn in_flow(&self, pointer: &str) -> bool {
        let Some(mut node) = self.root() else {
            return false;
        };
        let Some(rest) = pointer.strip_prefix('/') else {
            return false;
        };
        for raw in rest.split('/') {
            if self
                .text
                .get(node.span())
                .is_some_and(|t| t.starts_with(['[', '{']))
            {
                return true;
            }
            if node.is_alias() {
                return false;
            }
            let token = super::unescape_token(raw);
            let next = match node.kind() {
                Kind::Mapping => node.get(&token),
                Kind::Sequence => token.parse::<usize>().ok().and_then(|i| node.item(i)),
                Kind::Scalar(_) => None,
            };
            match next {
                Some(next) => node = next,
                None => return false,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_that_yaml_reads_otherwise_is_not_exact() {
        for text in [
            "[a, b]",
            "'q'",
            "&x v",
            "true",
            "2015",
            "|",
            "#",
            "Form #12",
            "a: b",
            "null",
            "~",
            "1.5",
            ".inf",
            "- x",
            "x ",
            " x",
            "a\u{2028}b",
            "",
        ] {
            assert!(!plain_is_exact(text, false), "{text:?}");
        }
        for text in [
            "Every Monday, Wednesday and Friday",
            "03/2019",
            "每年",
            "a#b",
            "x-y",
        ] {
            assert!(plain_is_exact(text, false), "{text:?}");
        }
        assert!(!plain_is_exact("Every Monday, Wednesday and Friday", true));
        assert!(plain_is_exact("每年", true));
    }

    #[test]
    fn cells_are_quoted_when_plain_would_read_otherwise() {
        let doc = Document::parse("p.yaml", "a: \u{3000}[a, b]\nb: {f: x}\nc: 'it''s'\n");
        let edit = doc.cell_edit("/a", "\u{3000}[a, b]", "[a, b]").unwrap();
        assert_eq!(edit.replacement, "\"[a, b]\"");
        let edit = doc.cell_edit("/b/f", "x", "Mon, Fri").unwrap();
        assert_eq!(edit.replacement, "\"Mon, Fri\"");
        let edit = doc.cell_edit("/c", "it's", "its").map(|e| e.replacement);
        assert_eq!(edit, None, "the source does not spell the value literally");
        let doc = Document::parse("p.yaml", "c: 'x'\n");
        assert_eq!(doc.cell_edit("/c", "x", "y'z").unwrap().replacement, "y''z");
        assert_eq!(
            doc.cell_edit("/c", "x", "a\u{2028}b").unwrap().replacement,
            "\"a\\u2028b\""
        );
    }
}
