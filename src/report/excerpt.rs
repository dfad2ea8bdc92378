//! The source lines a graphical diagnostic shows, made safe to draw: a line longer than
//! [`MAX_SHOWN`] characters is cut around its labels (as rustc and ruff do), so a 600 KB line is
//! not repeated per finding and no label stands past the column miette can draw; control, bidi
//! and zero-width characters are shown as `\u{..}` escapes, so a plan cannot drive the terminal.
//! Lines that need neither are drawn from the document itself, exactly as before.

use std::ops::Range;

use crate::document::{Document, LineIndex};

/// The most characters of one source line drawn around its labels.
pub const MAX_SHOWN: usize = 160;
/// Characters kept before the first label of a cut line.
const LEAD: usize = 40;

/// Whether a character of a source line must not reach a terminal as it is (a tab is drawn
/// by miette itself).
fn invisible(c: char) -> bool {
    c != '\t' && crate::visible::must_escape(c)
}

/// The lines a diagnostic with these spans shows (one line of context on each side, as the
/// report handler asks), as a byte range of the document's lines.
fn shown_lines(document: &Document, spans: &[Range<usize>]) -> Range<usize> {
    let lines = &document.lines();
    let start = spans.iter().map(|s| s.start).min().unwrap_or(0);
    let end = spans.iter().map(|s| s.end).max().unwrap_or(0);
    let first = lines.line_of(start).saturating_sub(1);
    let last = (lines.line_of(end.saturating_sub(1).max(start)) + 1).min(lines.line_count() - 1);
    first..last + 1
}

/// Whether the lines shown for these spans can be drawn as they are.
pub fn needs_excerpt(document: &Document, spans: &[Range<usize>]) -> bool {
    let text = &document.text;
    shown_lines(document, spans).any(|line| {
        let range = document.lines().line_range(text, line);
        let line_text = &text[range];
        line_text.len() > MAX_SHOWN && line_text.chars().nth(MAX_SHOWN).is_some()
            || line_text.chars().any(invisible)
    })
}

/// The shown lines rewritten, with the labels' spans moved into them.
pub struct Excerpt {
    pub text: String,
    pub lines: LineIndex,
    /// The document's line number of the excerpt's first line.
    pub first_line: usize,
    /// Pairs of (offset in the excerpt, offset in the document), ascending: where each character
    /// of the excerpt came from.
    origins: Vec<(usize, usize)>,
}

impl Excerpt {
    pub fn new(document: &Document, spans: &[Range<usize>]) -> Self {
        let text = &document.text;
        let shown = shown_lines(document, spans);
        let mut out = String::new();
        let mut origins = Vec::new();
        for line in shown.clone() {
            let range = document.lines().line_range(text, line);
            let labels: Vec<&Range<usize>> = spans
                .iter()
                .filter(|s| s.start < range.end.max(range.start + 1) && s.end >= range.start)
                .collect();
            let chars: Vec<(usize, char)> = text[range.clone()]
                .char_indices()
                .map(|(i, c)| (range.start + i, c))
                .collect();
            let window = if chars.len() <= MAX_SHOWN {
                0..chars.len()
            } else {
                let first_label = labels
                    .iter()
                    .map(|s| s.start.max(range.start))
                    .min()
                    .unwrap_or(range.start);
                let at = chars.partition_point(|(offset, _)| *offset < first_label);
                let from = at.saturating_sub(LEAD);
                from..(from + MAX_SHOWN).min(chars.len())
            };
            if window.start > 0 {
                out.push('…');
            }
            for &(offset, c) in &chars[window.clone()] {
                origins.push((out.len(), offset));
                if invisible(c) {
                    crate::visible::push_char(&mut out, c);
                } else {
                    out.push(c);
                }
            }
            let line_end = chars
                .get(window.end)
                .map_or(range.end, |(offset, _)| *offset);
            origins.push((out.len(), line_end));
            if window.end < chars.len() {
                out.push('…');
            }
            out.push('\n');
        }
        Excerpt {
            lines: LineIndex::new(&out),
            text: out,
            first_line: shown.start,
            origins,
        }
    }

    /// Where a document offset stands in the excerpt: at the character it starts, or at the
    /// nearest one shown.
    pub fn map(&self, offset: usize) -> usize {
        let at = self.origins.partition_point(|(_, origin)| *origin < offset);
        match self.origins.get(at) {
            Some((excerpt, _)) => *excerpt,
            None => self.text.len().saturating_sub(1),
        }
    }

    /// Where an excerpt offset came from in the document.
    pub fn origin(&self, offset: usize) -> usize {
        let at = self
            .origins
            .partition_point(|(excerpt, _)| *excerpt <= offset);
        self.origins[at.saturating_sub(1)].1
    }
}

/// The excerpt as miette reads it: its lines numbered as the document's, and the header's
/// line and column those of the label in the document.
pub struct ExcerptSource<'a> {
    pub name: &'a str,
    pub document: &'a Document,
    pub excerpt: Excerpt,
}

impl miette::SourceCode for ExcerptSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let contents = crate::document::lines::read_lines(
            self.name,
            &self.excerpt.text,
            &self.excerpt.lines,
            span,
            context_lines_before,
            context_lines_after,
        )?;
        let (line, column) = if context_lines_before == 0 {
            let position = self
                .document
                .lines()
                .position(&self.document.text, self.excerpt.origin(span.offset()));
            (position.line - 1, position.column - 1)
        } else {
            (contents.line() + self.excerpt.first_line, contents.column())
        };
        use miette::SpanContents;
        Ok(Box::new(miette::MietteSpanContents::new_named(
            contents.name().unwrap_or_default().to_string(),
            contents.data(),
            *contents.span(),
            line,
            column,
            contents.line_count(),
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_cut_around_its_label_and_controls_are_escaped() {
        let line = format!(
            "name: {}\u{1b}[2J{}HERE{}",
            "a".repeat(70_000),
            "b",
            "c".repeat(500)
        );
        let text = format!("format: odp-plan/1\n{line}\nend: 1\n");
        let document = Document::parse("x.yaml", &text);
        let at = text.find("HERE").unwrap();
        let label = at..at + 4;
        let spans = std::slice::from_ref(&label);
        assert!(needs_excerpt(&document, spans));
        let excerpt = Excerpt::new(&document, spans);
        assert!(
            excerpt.text.len() < 3 * MAX_SHOWN + 100,
            "{}",
            excerpt.text.len()
        );
        assert!(!excerpt.text.contains('\u{1b}'));
        assert!(excerpt.text.contains("\\u{1b}[2J"));
        let mapped = excerpt.map(at);
        assert_eq!(&excerpt.text[mapped..mapped + 4], "HERE");
        assert_eq!(excerpt.origin(mapped), at);
        assert_eq!(excerpt.first_line, 0);
    }

    #[test]
    fn short_clean_lines_are_drawn_as_they_are() {
        let text = "format: odp-plan/1\nname: 交通意外 數字\n";
        let document = Document::parse("x.yaml", text);
        let at = text.find("交通").unwrap();
        let label = at..at + 3;
        assert!(!needs_excerpt(&document, std::slice::from_ref(&label)));
    }
}
