//! What a YAML syntax error most likely is, in the author's terms: a tab in the indentation, a
//! quote or a flow bracket left open. The parser's own words name where it gave up, which is
//! often a line after the cause; this finds the cause from the text.

use super::Span;

/// The cause found for a syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyntaxHint {
    /// A tab in a line's indentation (at `at`).
    TabIndent { at: Span },
    /// A quoted value opened at `at` that is not closed on its line.
    UnclosedQuote { quote: char, at: Span },
    /// A flow bracket (`[` or `{`) opened at `at` and not closed before the error.
    UnclosedBracket { bracket: char, at: Span },
}

/// The cause of the syntax error at `error` (a byte offset) that the parser described as
/// `detail`, when the text shows one.
pub fn explain(text: &str, error: usize, detail: &str) -> Option<SyntaxHint> {
    let error = error.min(text.len());
    if detail.contains("tab")
        && let Some(at) = tab_in_indentation(text, error)
    {
        return Some(SyntaxHint::TabIndent { at });
    }
    let scan = scan_to(text, error);
    if detail.contains("quoted scalar")
        && let Some((quote, at)) = scan.open_quote
    {
        return Some(SyntaxHint::UnclosedQuote { quote, at });
    }
    scan.open_brackets
        .last()
        .map(|&(bracket, start)| SyntaxHint::UnclosedBracket {
            bracket,
            at: start..start + 1,
        })
}

/// The first tab in the indentation of the error's line or the two lines after it.
fn tab_in_indentation(text: &str, error: usize) -> Option<Span> {
    let line_start = text[..error].rfind('\n').map_or(0, |n| n + 1);
    let mut offset = line_start;
    for line in text[line_start..].split_inclusive('\n').take(3) {
        let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent].find('\t') {
            return Some(offset + tab..offset + tab + 1);
        }
        offset += line.len();
    }
    None
}

struct Scan {
    open_brackets: Vec<(char, usize)>,
    /// The last quoted value that opened and was not closed on its own line.
    open_quote: Option<(char, Span)>,
}

/// Reads the text up to `end` as YAML tokens far enough to know which flow brackets and quotes
/// are open there. A `[`, `{` or quote only starts a token where a value starts (after `: `,
/// `- `, at a line's start, or inside a flow collection), as in YAML.
fn scan_to(text: &str, end: usize) -> Scan {
    let bytes = text.as_bytes();
    let mut scan = Scan {
        open_brackets: Vec::new(),
        open_quote: None,
    };
    let mut i = 0;
    // The byte at `end` is read too: the parser often stops on the quote that opens a value.
    while i <= end && i < bytes.len() {
        let b = bytes[i];
        let value_start = {
            let mut j = i;
            while j > 0 && matches!(bytes[j - 1], b' ' | b'\t') {
                j -= 1;
            }
            let spaced = j < i;
            match j.checked_sub(1).map(|p| bytes[p]) {
                None | Some(b'\n') => true,
                Some(b'[' | b'{' | b',') => !scan.open_brackets.is_empty(),
                Some(b':' | b'-') => spaced || !scan.open_brackets.is_empty(),
                _ => false,
            }
        };
        match b {
            b'#' if i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'\n') => {
                i = text[i..].find('\n').map_or(text.len(), |n| i + n);
                continue;
            }
            b'"' | b'\'' if value_start => {
                let close = closing_quote(bytes, i);
                let line_end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                if close.is_none_or(|c| c > line_end) {
                    scan.open_quote = Some((b as char, i..i + 1));
                }
                match close {
                    Some(c) if c < end && c <= line_end => i = c + 1,
                    _ => break,
                }
                continue;
            }
            b'[' | b'{' if value_start => scan.open_brackets.push((b as char, i)),
            b']' | b'}' if !scan.open_brackets.is_empty() => {
                scan.open_brackets.pop();
            }
            _ => {}
        }
        i += 1;
    }
    scan
}

/// The offset of the quote that closes the one at `start` (`''` and `\"` do not).
fn closing_quote(bytes: &[u8], start: usize) -> Option<usize> {
    let quote = bytes[start];
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_is_found_in_the_indentation_below_the_error() {
        let text = "format: odp-plan/1\norganisation: a\n\tperiod: 2024-2026\n";
        let error = text.find("a\n").unwrap();
        let tab = text.find('\t').unwrap();
        assert_eq!(
            explain(text, error, "while scanning a plain scalar, found a tab"),
            Some(SyntaxHint::TabIndent { at: tab..tab + 1 })
        );
    }

    #[test]
    fn an_open_bracket_is_found_where_it_opened() {
        let text = "format: odp-plan/1\norganisation: [香港警務處\nperiod: 2024-2026\n";
        let error = text.find("period").unwrap() + 6;
        let open = text.find('[').unwrap();
        assert_eq!(
            explain(text, error, "illegal placement of ':' indicator"),
            Some(SyntaxHint::UnclosedBracket {
                bracket: '[',
                at: open..open + 1
            })
        );
        // Brackets inside a plain value or a closed list are not open.
        let closed = "a: [1, 2]\nb: x[y\nc: d\n";
        assert_eq!(explain(closed, closed.len() - 2, "something"), None);
    }

    #[test]
    fn an_open_quote_is_found_where_it_opened() {
        let text = "format: odp-plan/1\norganisation: '香港警務處\nperiod: x\n";
        let open = text.find('\'').unwrap();
        assert_eq!(
            explain(text, open, "invalid indentation in quoted scalar"),
            Some(SyntaxHint::UnclosedQuote {
                quote: '\'',
                at: open..open + 1
            })
        );
        // A quote in the middle of a plain value is text.
        let plain = "name: it's fine\nb: \"c\n";
        let open = plain.find('"').unwrap();
        assert_eq!(
            explain(plain, open, "while scanning a quoted scalar"),
            Some(SyntaxHint::UnclosedQuote {
                quote: '"',
                at: open..open + 1
            })
        );
    }
}
