//! Text from a plan, a file name or a configuration as a terminal or a CI log may show it:
//! control characters (ESC, BEL, C1 controls, NEL, line breaks), bidi overrides and isolates
//! (U+202A-202E, U+2066-2069) and zero-width characters are written as escapes (`\n`,
//! `\u{1b}`), so that no text a user gave can clear the screen, set a title, start a workflow
//! command on a line of its own or reorder what a reader sees ("Trojan Source"). Every place
//! that prints such text goes through this module.

use std::borrow::Cow;

/// Whether a character must not reach a terminal or a log as it is.
pub fn must_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200b}'..='\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2064}'
                | '\u{2066}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// Appends one character, escaped when it must be: `\n`, `\r` and `\t` by name, any other
/// as `\u{..}`.
pub fn push_char(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if must_escape(c) => {
            use std::fmt::Write;
            let _ = write!(out, "{}", c.escape_unicode());
        }
        c => out.push(c),
    }
}

/// Appends `text` with every character that must be escaped escaped.
pub fn push(out: &mut String, text: &str) {
    for c in text.chars() {
        push_char(out, c);
    }
}

/// `text` as it may be shown; borrowed when nothing needed escaping.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(must_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    push(&mut out, text);
    Cow::Owned(out)
}

/// `text` as it may be shown, its line breaks kept (each `\r\n` or `\n` ends a line): for
/// multi-line messages whose lines quote user text. A lone `\r` is escaped.
pub fn visible_lines(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c != '\n' && must_escape(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let (body, crlf) = match line.strip_suffix('\r') {
            Some(body) => (body, true),
            None => (line, false),
        };
        push(&mut out, body);
        if crlf {
            out.push('\r');
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_and_zero_width_are_escaped() {
        assert_eq!(
            visible("a\u{1b}[2J\n\u{202e}b\u{200b}\u{85}.yaml\t"),
            "a\\u{1b}[2J\\n\\u{202e}b\\u{200b}\\u{85}.yaml\\t"
        );
        assert!(matches!(visible("計劃 2024.yaml"), Cow::Borrowed(_)));
        assert_eq!(visible("\u{2066}x\u{2069}"), "\\u{2066}x\\u{2069}");
    }

    #[test]
    fn lines_keep_their_breaks() {
        assert_eq!(
            visible_lines("a\u{7}\r\nb\rc\n\u{1b}"),
            "a\\u{7}\r\nb\\rc\n\\u{1b}"
        );
        assert_eq!(visible_lines("a\nb\r\n"), "a\nb\r\n");
    }
}
