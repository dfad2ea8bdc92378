//! LSP positions: a line and a column counted in the code units the client and server agreed on
//! (UTF-16 unless the client offers UTF-8 or UTF-32), to and from byte offsets in the text.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::document::{LineIndex, Span};

/// The unit LSP columns are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's `general.positionEncodings`: UTF-8 when offered
    /// (columns are then byte counts, the cheapest), else UTF-32, else the protocol's UTF-16.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        let offered = offered.unwrap_or_default();
        let has = |kind: &PositionEncodingKind| offered.iter().any(|o| o == kind);
        if has(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if has(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn units(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A text with its line starts, converting between byte offsets and LSP positions.
#[derive(Debug, Clone)]
pub struct LineMap {
    lines: LineIndex,
    encoding: Encoding,
}

impl LineMap {
    pub fn new(text: &str, encoding: Encoding) -> Self {
        Self {
            lines: LineIndex::new(text),
            encoding,
        }
    }

    pub fn encoding(&self) -> Encoding {
        self.encoding
    }

    /// The position of a byte offset (clamped to the text and to a character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.lines.line_of(offset);
        let start = self.lines.line_start(line);
        let character: usize = text[start..offset]
            .chars()
            .map(|c| self.encoding.units(c))
            .sum();
        Position::new(saturate(line), saturate(character))
    }

    pub fn range(&self, text: &str, span: &Span) -> Range {
        Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte offset of a position. A line past the end gives the end of the text; a column
    /// past the end of its line gives the end of the line; a column inside a character (half a
    /// surrogate pair, a byte inside a UTF-8 sequence) gives the start of that character.
    pub fn offset(&self, text: &str, position: Position) -> usize {
        let line = position.line as usize;
        if line >= self.lines.line_count() {
            return text.len();
        }
        let range = self.lines.line_range(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (at, c) in text[range.clone()].char_indices() {
            let next = units + self.encoding.units(c);
            if next > wanted {
                return range.start + at;
            }
            units = next;
        }
        range.end
    }

    /// The byte span of an LSP range (start and end as [`LineMap::offset`] gives them, in order).
    pub fn span(&self, text: &str, range: Range) -> Span {
        let start = self.offset(text, range.start);
        let end = self.offset(text, range.end);
        start.min(end)..end.max(start)
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.lines
    }
}

fn saturate(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    // 𨋢 (U+282E2, CJK Extension B, "lift" in Cantonese) is outside the BMP: four UTF-8 bytes,
    // two UTF-16 code units, one character.
    const TEXT: &str = "name: 𨋢交通 x\nb: é\r\nc";

    #[test]
    fn columns_count_the_negotiated_units() {
        let x = TEXT.find('x').unwrap();
        for (encoding, column) in [
            (Encoding::Utf8, 6 + 4 + 3 + 3 + 1),
            (Encoding::Utf16, 6 + 2 + 1 + 1 + 1),
            (Encoding::Utf32, 6 + 1 + 1 + 1 + 1),
        ] {
            let map = LineMap::new(TEXT, encoding);
            assert_eq!(
                map.position(TEXT, x),
                Position::new(0, column),
                "{encoding:?}"
            );
            assert_eq!(
                map.offset(TEXT, Position::new(0, column)),
                x,
                "{encoding:?}"
            );
        }
    }

    #[test]
    fn offsets_round_trip_at_every_character_in_every_encoding() {
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let map = LineMap::new(TEXT, encoding);
            // Every character but the LF of a CRLF, which no position can name.
            for (offset, _) in TEXT
                .char_indices()
                .filter(|(at, _)| !TEXT[..*at].ends_with('\r'))
            {
                let position = map.position(TEXT, offset);
                assert_eq!(
                    map.offset(TEXT, position),
                    offset,
                    "{encoding:?} at {offset}"
                );
            }
        }
    }

    #[test]
    fn positions_inside_a_character_or_past_the_end_are_clamped() {
        let map = LineMap::new(TEXT, Encoding::Utf16);
        let lift = TEXT.find('𨋢').unwrap();
        // Column 7 is between the two halves of the surrogate pair.
        assert_eq!(map.offset(TEXT, Position::new(0, 7)), lift);
        assert_eq!(
            map.offset(TEXT, Position::new(1, 99)),
            TEXT.find('\r').unwrap()
        );
        assert_eq!(map.offset(TEXT, Position::new(9, 0)), TEXT.len());
        assert_eq!(map.position(TEXT, 999), Position::new(2, 1));
        assert_eq!(map.offset(TEXT, Position::new(2, 0)), TEXT.len() - 1);
    }

    #[test]
    fn utf8_wins_then_utf32_then_the_default() {
        let kinds = |k: &[&str]| -> Vec<PositionEncodingKind> {
            k.iter()
                .map(|s| PositionEncodingKind::from(s.to_string()))
                .collect()
        };
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["utf-16", "utf-8"]))),
            Encoding::Utf8
        );
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["utf-32", "utf-16"]))),
            Encoding::Utf32
        );
        assert_eq!(
            Encoding::negotiate(Some(&kinds(&["latin-1"]))),
            Encoding::Utf16
        );
    }
}
