//! A PDF font as text extraction needs it: how many bytes a character code takes, what text
//! each code stands for (its ToUnicode map, else its encoding) and how far it advances.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// The bound on a ToUnicode map's ranges, so a crafted map cannot make millions of entries.
const MAX_MAPPED_CODES: usize = 1 << 16;

#[derive(Debug, Clone)]
pub struct Font {
    /// Composite (Type0) fonts use two-byte codes; simple fonts one.
    two_byte: bool,
    to_unicode: HashMap<u32, String>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space: 1/1000 except for Type 3 fonts (their FontMatrix).
    scale: f32,
}

impl Font {
    pub fn load(document: &Document, dictionary: &Dictionary) -> Font {
        let subtype = name(document, dictionary.get(b"Subtype").ok());
        let two_byte = subtype.as_deref() == Some("Type0");
        let mut font = Font {
            two_byte,
            to_unicode: HashMap::new(),
            widths: HashMap::new(),
            default_width: if two_byte { 1000.0 } else { 0.0 },
            scale: 0.001,
        };
        if subtype.as_deref() == Some("Type3")
            && let Some(matrix) = array(document, dictionary.get(b"FontMatrix").ok())
            && let Some(a) = matrix.first().and_then(|value| number(document, value))
        {
            font.scale = a;
        }
        if two_byte {
            font.load_cid_widths(document, dictionary);
        } else {
            let first = dictionary
                .get(b"FirstChar")
                .ok()
                .and_then(|value| number(document, value))
                .unwrap_or(0.0) as u32;
            if let Some(widths) = array(document, dictionary.get(b"Widths").ok()) {
                for (index, width) in widths.iter().enumerate().take(256) {
                    if let Some(width) = number(document, width) {
                        font.widths
                            .insert(first.saturating_add(index as u32), width);
                    }
                }
            }
        }
        if let Some(stream) = resolve(document, dictionary.get(b"ToUnicode").ok())
            .and_then(|object| object.as_stream().ok())
        {
            if let Ok(content) = stream.decompressed_content_with_limit(1 << 22) {
                font.to_unicode = parse_cmap(&content);
            } else {
                font.to_unicode = parse_cmap(&stream.content);
            }
        }
        font
    }

    fn load_cid_widths(&mut self, document: &Document, dictionary: &Dictionary) {
        let Some(descendant) = array(document, dictionary.get(b"DescendantFonts").ok())
            .and_then(|fonts| fonts.first().cloned())
            .and_then(|font| resolve(document, Some(&font)).cloned())
        else {
            return;
        };
        let Ok(descendant) = descendant.as_dict() else {
            return;
        };
        if let Some(width) = descendant
            .get(b"DW")
            .ok()
            .and_then(|value| number(document, value))
        {
            self.default_width = width;
        }
        let Some(list) = array(document, descendant.get(b"W").ok()) else {
            return;
        };
        let mut index = 0;
        while index < list.len() && self.widths.len() < MAX_MAPPED_CODES {
            let Some(first) = number(document, &list[index]) else {
                break;
            };
            let first = first as u32;
            match list
                .get(index + 1)
                .and_then(|next| resolve(document, Some(next)))
            {
                Some(Object::Array(widths)) => {
                    for (offset, width) in widths.iter().enumerate() {
                        if let Some(width) = number(document, width) {
                            self.widths
                                .insert(first.saturating_add(offset as u32), width);
                        }
                    }
                    index += 2;
                }
                Some(last) => {
                    let last = number(document, last).unwrap_or(0.0) as u32;
                    let width = list
                        .get(index + 2)
                        .and_then(|width| number(document, width))
                        .unwrap_or(self.default_width);
                    for code in first..=last.min(first.saturating_add(MAX_MAPPED_CODES as u32)) {
                        self.widths.insert(code, width);
                    }
                    index += 3;
                }
                None => break,
            }
        }
    }

    /// The codes of a shown string.
    pub fn codes<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        let step = if self.two_byte { 2 } else { 1 };
        bytes.chunks(step).map(|chunk| {
            chunk
                .iter()
                .fold(0u32, |code, byte| (code << 8) | u32::from(*byte))
        })
    }

    /// The text a code stands for: its ToUnicode entry, else (simple fonts) the byte as Latin-1.
    pub fn text(&self, code: u32) -> String {
        if let Some(text) = self.to_unicode.get(&code) {
            return fold_lookalikes(text);
        }
        if self.two_byte {
            return String::new();
        }
        char::from_u32(code)
            .filter(|c| !c.is_control())
            .map(String::from)
            .unwrap_or_default()
    }

    /// How far the code advances, in text space units per unit of font size.
    pub fn advance(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }

    /// Whether the code is the single-byte space, to which word spacing applies.
    pub fn is_word_space(&self, code: u32) -> bool {
        !self.two_byte && code == 32
    }
}

/// [`fold_lookalike`] on each character, and the Latin ligatures a font draws as one glyph
/// (U+FB00-FB06: `ﬃ` in `Office`) spelt out.
pub fn fold_lookalikes(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if ('\u{FB00}'..='\u{FB06}').contains(&c) {
            folded.extend(std::iter::once(c).nfkc());
        } else {
            folded.push(fold_lookalike(c));
        }
    }
    folded
}

/// Replaces a look-alike a font's map gives for an ideograph by the ideograph: Kangxi radicals
/// (U+2F83 for 自), CJK radicals that have a compatibility form, compatibility ideographs
/// (U+F9D0 for 類) and the division slash U+2215 for ／. Only these blocks are folded, one
/// character at a time: normalising whole strings would also turn （ and ， into ASCII.
pub fn fold_lookalike(c: char) -> char {
    use unicode_normalization::UnicodeNormalization;
    match c {
        '\u{2215}' => '／',
        '\u{F900}'..='\u{FAFF}' | '\u{2F800}'..='\u{2FA1F}' => {
            crate::hanzi::unified(c).unwrap_or(c)
        }
        '\u{2E80}'..='\u{2FDF}' => {
            let mut folded = std::iter::once(c).nfkc();
            match (folded.next(), folded.next()) {
                (Some(single), None) => single,
                _ => c,
            }
        }
        _ => c,
    }
}

/// The `bfchar` and `bfrange` entries of a ToUnicode CMap.
pub fn parse_cmap(content: &[u8]) -> HashMap<u32, String> {
    let tokens = cmap_tokens(content);
    let mut map = HashMap::new();
    let mut index = 0;
    while index < tokens.len() && map.len() < MAX_MAPPED_CODES {
        match &tokens[index] {
            Token::Word(word) if word == "beginbfchar" => {
                index += 1;
                while let (Some(Token::Hex(code)), Some(Token::Hex(text))) =
                    (tokens.get(index), tokens.get(index + 1))
                {
                    map.insert(code_of(code), utf16(text));
                    index += 2;
                }
            }
            Token::Word(word) if word == "beginbfrange" => {
                index += 1;
                while let (Some(Token::Hex(low)), Some(Token::Hex(high))) =
                    (tokens.get(index), tokens.get(index + 1))
                {
                    let (low, high) = (code_of(low), code_of(high));
                    let count = high.saturating_sub(low).min(MAX_MAPPED_CODES as u32);
                    match tokens.get(index + 2) {
                        Some(Token::Hex(start)) => {
                            for offset in 0..=count {
                                map.insert(low + offset, shifted(start, offset));
                            }
                            index += 3;
                        }
                        Some(Token::Open) => {
                            let mut at = index + 3;
                            let mut offset = 0;
                            while let Some(Token::Hex(text)) = tokens.get(at) {
                                if offset <= count {
                                    map.insert(low + offset, utf16(text));
                                }
                                offset += 1;
                                at += 1;
                            }
                            index = at + 1;
                        }
                        _ => break,
                    }
                }
            }
            _ => index += 1,
        }
    }
    map
}

#[derive(Debug, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Word(String),
    Open,
    Close,
}

fn cmap_tokens(content: &[u8]) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut index = 0;
    while index < content.len() {
        let byte = content[index];
        match byte {
            b'<' if content.get(index + 1) != Some(&b'<') => {
                let end = content[index..]
                    .iter()
                    .position(|b| *b == b'>')
                    .map_or(content.len(), |end| index + end);
                let digits: Vec<u8> = content[index + 1..end]
                    .iter()
                    .filter_map(|b| (*b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                tokens.push(Token::Hex(
                    digits
                        .chunks(2)
                        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
                        .collect(),
                ));
                index = end + 1;
            }
            b'[' => {
                tokens.push(Token::Open);
                index += 1;
            }
            b']' => {
                tokens.push(Token::Close);
                index += 1;
            }
            b'%' => {
                while index < content.len() && content[index] != b'\n' && content[index] != b'\r' {
                    index += 1;
                }
            }
            _ if byte.is_ascii_alphabetic() => {
                let start = index;
                while index < content.len() && content[index].is_ascii_alphanumeric() {
                    index += 1;
                }
                tokens.push(Token::Word(
                    String::from_utf8_lossy(&content[start..index]).into_owned(),
                ));
            }
            _ => index += 1,
        }
    }
    tokens
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |code, byte| (code << 8) | u32::from(*byte))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|pair| u16::from(pair[0]) << 8 | u16::from(pair.get(1).copied().unwrap_or(0)))
        .collect();
    char::decode_utf16(units)
        .filter_map(Result::ok)
        .filter(|c| !c.is_control())
        .collect()
}

/// A `bfrange` destination advanced by `offset` (its last byte counts up).
fn shifted(start: &[u8], offset: u32) -> String {
    let mut bytes = start.to_vec();
    if let Some(last) = bytes.len().checked_sub(2) {
        let unit = (u32::from(bytes[last]) << 8 | u32::from(bytes[last + 1])) + offset;
        bytes[last] = (unit >> 8) as u8;
        bytes[last + 1] = unit as u8;
    }
    utf16(&bytes)
}

pub fn resolve<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Object> {
    let object = object?;
    document.dereference(object).ok().map(|(_, object)| object)
}

pub fn number(document: &Document, object: &Object) -> Option<f32> {
    let object = resolve(document, Some(object))?;
    match object {
        Object::Integer(value) => Some(*value as f32),
        Object::Real(value) => Some(*value),
        _ => None,
    }
    .filter(|value| value.is_finite())
}

fn array<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Vec<Object>> {
    resolve(document, object)?.as_array().ok()
}

fn name(document: &Document, object: Option<&Object>) -> Option<String> {
    resolve(document, object)?
        .as_name()
        .ok()
        .map(|name| String::from_utf8_lossy(name).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmaps_map_single_codes_and_ranges() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0003> <0020> <0010> <81EA> endbfchar\n\
            1 beginbfrange <0020> <0022> <0041> endbfrange\n\
            1 beginbfrange <0030> <0031> [<4E00> <D83DDE00>] endbfrange";
        let map = parse_cmap(cmap);
        assert_eq!(map[&0x03], " ");
        assert_eq!(map[&0x10], "自");
        assert_eq!(map[&0x22], "C");
        assert_eq!(map[&0x30], "一");
        assert_eq!(map[&0x31], "😀");
    }

    #[test]
    fn look_alikes_fold_one_character_at_a_time() {
        assert_eq!(fold_lookalikes("⾃⾏類∕（，)Oﬃce"), "自行類／（，)Office");
        assert_eq!(fold_lookalike('\u{2F83}'), '自');
        assert_eq!(fold_lookalike('\u{F9D0}'), '類');
    }

    #[test]
    fn crafted_ranges_are_bounded() {
        let map = parse_cmap(b"beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange");
        assert!(map.len() <= MAX_MAPPED_CODES + 1);
    }
}
