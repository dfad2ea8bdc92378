//! Word's automatic numbering: the `A.`, `i.` and `1.` that Word draws before a paragraph whose
//! number comes from `word/numbering.xml` (directly, `w:numPr`, or through its paragraph style,
//! `w:pStyle`, and the styles it is based on) and not from its text. The Word reader asks for
//! each paragraph's label in document order, so that the counters run as Word's do.
//!
//! Read: each list's levels with their start (`w:start`), format (`w:numFmt`: decimal, letters,
//! Roman numerals, Chinese counting, `decimalZero`; bullets and `none` draw nothing a plan
//! needs) and text (`w:lvlText`, `%1.`, `(%2)`); a paragraph at a level restarts the levels below
//! it. Not read: `w:lvlOverride`, `w:isLgl` and `w:suff` (the label is followed by one space).

use std::collections::HashMap;

use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// The lists of a document and the numbering of its paragraph styles.
#[derive(Debug, Default)]
pub struct Numbering {
    /// `w:num`'s id to its `w:abstractNum`'s levels.
    lists: HashMap<String, Vec<Level>>,
    styles: HashMap<String, Style>,
    /// The counters of each list, by level, as far as the document has been read.
    counters: HashMap<String, Vec<Option<u32>>>,
}

/// A paragraph style's own numbering and the style it is based on.
#[derive(Debug, Clone, Default)]
struct Style {
    /// `w:numId` and `w:ilvl` (0 when not given).
    num: Option<String>,
    level: Option<usize>,
    based_on: Option<String>,
}

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
}

/// The value of an element's `w:val`, if it has one (the Word reader's too).
pub(super) fn val(element: &BytesStart<'_>) -> Option<String> {
    attribute(element, b"w:val")
}

fn attribute(element: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|value| value.into_owned())
}

/// The most levels a list has (Word has nine); deeper `w:ilvl` values are not numbered.
const LEVELS: usize = 9;

impl Numbering {
    /// Reads `word/numbering.xml` and `word/styles.xml` (either may be missing); XML that does not
    /// read is taken as far as it reads, since numbering only adds labels.
    pub fn read(numbering: Option<&[u8]>, styles: Option<&[u8]>) -> Self {
        let mut this = Numbering::default();
        let mut abstracts: HashMap<String, Vec<Level>> = HashMap::new();
        let mut num_to_abstract: Vec<(String, String)> = Vec::new();
        if let Some(xml) = numbering {
            let mut current: Option<(String, Vec<Level>)> = None;
            let mut level: Option<usize> = None;
            let mut num: Option<String> = None;
            for_each_element(xml, |element, closing| {
                match (element.name().as_ref(), closing) {
                    (b"w:abstractNum", false) => {
                        current = attribute(element, b"w:abstractNumId")
                            .map(|id| (id, vec![Level::default(); LEVELS]));
                    }
                    (b"w:abstractNum", true) => {
                        if let Some((id, levels)) = current.take() {
                            abstracts.insert(id, levels);
                        }
                    }
                    (b"w:lvl", false) => {
                        level = attribute(element, b"w:ilvl")
                            .and_then(|l| l.parse().ok())
                            .filter(|l| *l < LEVELS);
                    }
                    (b"w:lvl", true) => level = None,
                    (b"w:start" | b"w:numFmt" | b"w:lvlText", false) => {
                        if let (Some((_, levels)), Some(at)) = (&mut current, level) {
                            let value = val(element).unwrap_or_default();
                            match element.name().as_ref() {
                                b"w:start" => levels[at].start = value.parse().unwrap_or(0),
                                b"w:numFmt" => levels[at].format = value,
                                _ => levels[at].text = value,
                            }
                        }
                    }
                    (b"w:num", false) => num = attribute(element, b"w:numId"),
                    (b"w:num", true) => num = None,
                    (b"w:abstractNumId", false) => {
                        if let (Some(num), Some(id)) = (&num, val(element)) {
                            num_to_abstract.push((num.clone(), id));
                        }
                    }
                    _ => {}
                }
            });
        }
        for (num, id) in num_to_abstract {
            if let Some(levels) = abstracts.get(&id) {
                this.lists.insert(num, levels.clone());
            }
        }
        if let Some(xml) = styles {
            let mut style: Option<(String, Style)> = None;
            for_each_element(xml, |element, closing| {
                match (element.name().as_ref(), closing) {
                    (b"w:style", false) => {
                        style = attribute(element, b"w:styleId").map(|id| (id, Style::default()));
                    }
                    (b"w:style", true) => {
                        if let Some((id, style)) = style.take() {
                            this.styles.insert(id, style);
                        }
                    }
                    (b"w:numId", false) => {
                        if let Some((_, style)) = &mut style {
                            style.num = val(element);
                        }
                    }
                    (b"w:ilvl", false) => {
                        if let Some((_, style)) = &mut style {
                            style.level = val(element).and_then(|l| l.parse().ok());
                        }
                    }
                    (b"w:basedOn", false) => {
                        if let Some((_, style)) = &mut style {
                            style.based_on = val(element);
                        }
                    }
                    _ => {}
                }
            });
        }
        this
    }

    /// Whether the document numbers anything at all.
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// The label Word draws before the next paragraph, whose own `w:numPr` gives `num` and
    /// `level` and whose style is `style`; `None` when it is not numbered (or only with a
    /// bullet). Counts the paragraph.
    pub fn next_label(
        &mut self,
        num: Option<&str>,
        level: Option<usize>,
        style: Option<&str>,
    ) -> Option<Label> {
        let (num, level) = match num {
            Some(num) => (num.to_string(), level.unwrap_or(0)),
            None => {
                let (num, style_level) = self.style_numbering(style?)?;
                (num, level.unwrap_or(style_level))
            }
        };
        // `numId` 0 switches numbering off.
        if num == "0" || level >= LEVELS {
            return None;
        }
        let levels = self.lists.get(&num)?;
        let counters = self
            .counters
            .entry(num.clone())
            .or_insert_with(|| vec![None; LEVELS]);
        let value = counters[level].map_or(levels[level].start, |n| n.saturating_add(1));
        counters[level] = Some(value);
        for deeper in &mut counters[level + 1..] {
            *deeper = None;
        }
        let format = levels[level].format.as_str();
        if matches!(format, "bullet" | "none") {
            return None;
        }
        let mut text = levels[level].text.clone();
        for (at, shown) in levels.iter().enumerate().take(level + 1) {
            let count = counters[at].unwrap_or(shown.start);
            text = text.replace(&format!("%{}", at + 1), &formatted(count, &shown.format));
        }
        Some(Label {
            text,
            number: (format == "decimal" || format.is_empty()).then_some(value),
        })
    }

    /// A style's numbering, from the style or the nearest style it is based on.
    fn style_numbering(&self, style: &str) -> Option<(String, usize)> {
        let mut current = style.to_string();
        for _ in 0..16 {
            let style = self.styles.get(&current)?;
            if let Some(num) = &style.num {
                return Some((num.clone(), style.level.unwrap_or(0)));
            }
            current = style.based_on.clone()?;
        }
        None
    }
}

/// A paragraph's number as Word draws it (`A.`), and its value when it is a plain number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub text: String,
    pub number: Option<u32>,
}

/// `count` in a `w:numFmt`.
fn formatted(count: u32, format: &str) -> String {
    match format {
        "upperLetter" => letters(count).to_uppercase(),
        "lowerLetter" => letters(count),
        "upperRoman" => roman(count).to_uppercase(),
        "lowerRoman" => roman(count),
        "decimalZero" => format!("{count:02}"),
        "chineseCounting"
        | "chineseCountingThousand"
        | "taiwaneseCounting"
        | "taiwaneseCountingThousand"
        | "ideographTraditional" => chinese(count),
        _ => count.to_string(),
    }
}

/// 1 = a, 26 = z, 27 = aa, 28 = bb (as Word counts letters).
fn letters(count: u32) -> String {
    if count == 0 {
        return String::new();
    }
    let letter = char::from(b'a' + ((count - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((count - 1) / 26 + 1).min(100) as usize).collect()
}

fn roman(mut count: u32) -> String {
    if count == 0 || count > 3999 {
        return count.to_string();
    }
    let mut out = String::new();
    for (value, digits) in [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ] {
        while count >= value {
            out.push_str(digits);
            count -= value;
        }
    }
    out
}

/// Chinese counting up to 99 (一, 十, 十一, 二十一); larger numbers in digits.
fn chinese(count: u32) -> String {
    const DIGITS: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match count {
        0..=9 => DIGITS[count as usize].to_string(),
        10..=19 => format!(
            "十{}",
            if count == 10 {
                ""
            } else {
                DIGITS[(count - 10) as usize]
            }
        ),
        20..=99 => format!(
            "{}十{}",
            DIGITS[(count / 10) as usize],
            if count.is_multiple_of(10) {
                ""
            } else {
                DIGITS[(count % 10) as usize]
            }
        ),
        _ => count.to_string(),
    }
}

/// Calls `visit` with every element of `xml` as it opens (`false`) and as it closes (`true`; an
/// empty element does both); stops quietly where the XML stops reading.
fn for_each_element(xml: &[u8], mut visit: impl FnMut(&BytesStart<'_>, bool)) {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut open: Vec<Vec<u8>> = Vec::new();
    loop {
        match reader.read_event_into(&mut buffer) {
            Ok(Event::Start(element)) => {
                open.push(element.name().as_ref().to_vec());
                visit(&element, false);
            }
            Ok(Event::Empty(element)) => {
                visit(&element, false);
                visit(&element, true);
            }
            Ok(Event::End(_)) => {
                if let Some(name) = open.pop() {
                    visit(&BytesStart::new(String::from_utf8_lossy(&name)), true);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
        buffer.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="x">
      <w:abstractNum w:abstractNumId="7">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperLetter"/><w:lvlText w:val="%1."/></w:lvl>
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%2."/></w:lvl>
        <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3)"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="8">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl>
      </w:abstractNum>
      <w:abstractNum w:abstractNumId="9">
        <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="taiwaneseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
      </w:abstractNum>
      <w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num>
      <w:num w:numId="4"><w:abstractNumId w:val="8"/></w:num>
      <w:num w:numId="5"><w:abstractNumId w:val="9"/></w:num>
    </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="x">
      <w:style w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr></w:pPr></w:style>
      <w:style w:styleId="Section"><w:basedOn w:val="Heading1"/></w:style>
    </w:styles>"#;

    fn label(
        numbering: &mut Numbering,
        num: Option<&str>,
        level: Option<usize>,
        style: Option<&str>,
    ) -> Option<String> {
        numbering.next_label(num, level, style).map(|l| l.text)
    }

    #[test]
    fn headings_count_as_word_draws_them() {
        let mut n = Numbering::read(Some(NUMBERING.as_bytes()), Some(STYLES.as_bytes()));
        assert_eq!(
            label(&mut n, None, None, Some("Heading1")).as_deref(),
            Some("A.")
        );
        assert_eq!(
            label(&mut n, None, None, Some("Heading2")).as_deref(),
            Some("i.")
        );
        assert_eq!(
            label(&mut n, None, None, Some("Heading2")).as_deref(),
            Some("ii.")
        );
        assert_eq!(
            label(&mut n, Some("3"), Some(2), None).as_deref(),
            Some("A.1)")
        );
        // Based on a numbered style, without numbering of its own.
        assert_eq!(
            label(&mut n, None, None, Some("Section")).as_deref(),
            Some("B.")
        );
        // A higher level restarts the ones below.
        assert_eq!(
            label(&mut n, None, None, Some("Heading2")).as_deref(),
            Some("i.")
        );
        assert_eq!(label(&mut n, Some("4"), None, None), None, "a bullet");
        assert_eq!(
            label(&mut n, Some("0"), None, Some("Heading1")),
            None,
            "numbering off"
        );
        assert_eq!(label(&mut n, Some("99"), None, None), None, "no such list");
        assert_eq!(label(&mut n, None, None, Some("Normal")), None);
        assert_eq!(
            label(&mut n, Some("5"), None, None).as_deref(),
            Some("一、")
        );
        let decimal = n.next_label(Some("3"), Some(2), None).unwrap();
        assert_eq!(decimal.number, Some(1));
    }

    #[test]
    fn numbers_are_written_in_every_format() {
        assert_eq!(formatted(4, "upperLetter"), "D");
        assert_eq!(formatted(28, "lowerLetter"), "bb");
        assert_eq!(formatted(14, "upperRoman"), "XIV");
        assert_eq!(formatted(3, "decimalZero"), "03");
        assert_eq!(formatted(21, "chineseCounting"), "二十一");
        assert_eq!(formatted(10, "taiwaneseCounting"), "十");
        assert_eq!(formatted(7, "somethingElse"), "7");
        assert_eq!(formatted(0, "upperLetter"), "");
    }

    #[test]
    fn broken_or_missing_parts_number_nothing() {
        let mut n = Numbering::read(Some(b"<w:numbering><w:num w:numId="), None);
        assert!(n.is_empty());
        assert_eq!(label(&mut n, Some("1"), None, None), None);
        let mut n = Numbering::read(None, None);
        assert_eq!(label(&mut n, None, None, Some("Heading1")), None);
    }
}
