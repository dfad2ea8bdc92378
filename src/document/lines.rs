//! Byte offsets to 1-based line and character-column positions, and a source type for miette that
//! finds lines in O(log n) instead of rescanning the text for every label.

use std::ops::Range;

/// Where each line of a text starts. Line breaks are LF, CRLF and a lone CR, as in YAML.
/// Offsets are 32-bit, as the tree's spans are (a plan is far below 4 GiB; past it, positions
/// saturate rather than panic).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<u32>,
}

fn narrow(offset: usize) -> u32 {
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A 1-based line and column; the column counts Unicode scalar values (characters), not bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(narrow(i + 1)),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(narrow(i + 1)),
                _ => {}
            }
            i += 1;
        }
        starts.shrink_to_fit();
        Self { starts }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&narrow(offset)) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line] as usize
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of a 0-based line without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line] as usize;
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |&next| next as usize);
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        Range { start, end }
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_of(offset);
        let start = self.starts[line] as usize;
        Position {
            line: line + 1,
            column: text[start..offset].chars().count() + 1,
        }
    }
}

/// A document's text with its line index, for miette's renderer.
#[derive(Debug, Clone)]
pub struct IndexedSource<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

impl miette::SourceCode for IndexedSource<'_> {
    fn read_span<'b>(
        &'b self,
        span: &miette::SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'b> + 'b>, miette::MietteError> {
        let contents = read_lines(
            self.name,
            self.text,
            self.lines,
            span,
            context_lines_before,
            context_lines_after,
        )?;
        Ok(Box::new(contents))
    }
}

/// The lines around a span, as miette asks for them (the span's own line and column when no
/// context is asked: that is the position in a report's header).
pub(crate) fn read_lines<'b>(
    name: &str,
    text: &'b str,
    lines: &LineIndex,
    span: &miette::SourceSpan,
    context_lines_before: usize,
    context_lines_after: usize,
) -> Result<miette::MietteSpanContents<'b>, miette::MietteError> {
    let start = span.offset();
    let end = start + span.len();
    if end > text.len() {
        return Err(miette::MietteError::OutOfBounds);
    }
    let first_line = lines.line_of(start);
    let last_span_line = lines.line_of(end.saturating_sub(1).max(start));
    let from_line = first_line.saturating_sub(context_lines_before);
    let to_line = (last_span_line + context_lines_after).min(lines.line_count() - 1);
    let (data_start, column) = if context_lines_before == 0 {
        let line_start = lines.line_start(first_line);
        (start, text[line_start..start].chars().count())
    } else {
        (lines.line_start(from_line), 0)
    };
    let data_end = lines.line_range(text, to_line).end.max(end).min(text.len());
    // The name heads a report on a terminal: shown with its controls made visible.
    let contents = miette::MietteSpanContents::new_named(
        crate::visible::visible(name).into_owned(),
        &text.as_bytes()[data_start..data_end],
        (data_start, data_end - data_start).into(),
        from_line.min(first_line),
        column,
        to_line - from_line + 1,
    );
    Ok(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_and_handle_every_line_break() {
        let text = "a: 1\r\nb: 交通\rc: 3\n";
        let lines = LineIndex::new(text);
        assert_eq!(lines.line_count(), 4);
        let c = text.find("c:").unwrap();
        assert_eq!(lines.position(text, c), Position { line: 3, column: 1 });
        let after = text.find("通").unwrap();
        assert_eq!(lines.position(text, after), Position { line: 2, column: 5 });
        assert_eq!(lines.line_range(text, 0), 0..4);
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "ab";
        let lines = LineIndex::new(text);
        assert_eq!(lines.position(text, 99), Position { line: 1, column: 3 });
    }
}
