//! One reading of a cell's text that tells which of the checks of one cell can find anything in
//! it. Nearly every cell is clean, and each check reading the text on its own cost a pass over
//! its characters apiece.

use crate::hanzi;

use super::formats::{FORMAT_LENGTHS, Named};
use super::{brackets, is_cjk};

/// The characters of the script a plan should not use.
pub(super) type OtherScript = hanzi::OtherForms;

/// What one reading of a cell's text found: each flag says whether the check it names has
/// anything to look at, exactly as that check itself would decide it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Screen {
    /// White space other than one space between words (T001: what
    /// `whitespace::normalise_whitespace` would put right).
    pub stray_space: bool,
    /// A bracket of any kind or width (T006).
    pub bracket: bool,
    /// A character of the other script, when `other_script` was given (T004).
    pub other_script: bool,
    /// A compatibility ideograph with a unified form (T007).
    pub compatibility: bool,
    /// The formats the text names, when it was read for them (T005).
    pub formats: Named,
}

impl Screen {
    /// Reads `text` once, and its words for the formats they name when `formats` (a
    /// description). Most of a Chinese plan's characters are CJK Unified Ideographs, which only
    /// the test of the other script can concern: they take the shortest way.
    pub(super) fn of(text: &str, other_script: Option<OtherScript>, formats: bool) -> Screen {
        let mut screen = Screen::default();
        // The word being read (a run of ASCII letters and digits), as far as a format name's
        // length goes, and its length.
        let mut word = [0u8; 8];
        let mut word_len = 0;
        let word_ends = |screen: &mut Screen, word: &[u8; 8], word_len: &mut usize| {
            if formats && FORMAT_LENGTHS.contains(word_len) {
                screen.formats.add(&word[..*word_len]);
            }
            *word_len = 0;
        };
        let mut before: Option<char> = None;
        // The character before a space, until the character after it says whether the space
        // belongs: one space between two characters that are not both Chinese is the only white
        // space that does.
        let mut space_after: Option<char> = None;
        for c in text.chars() {
            if let Some(b) = space_after.take() {
                screen.stray_space |= c.is_whitespace() || is_cjk(b) && is_cjk(c);
            }
            if c.is_ascii_alphanumeric() {
                if let Some(slot) = word.get_mut(word_len) {
                    *slot = c as u8;
                }
                word_len += 1;
            } else if c.is_ascii() {
                if word_len > 0 {
                    word_ends(&mut screen, &word, &mut word_len);
                }
                match c {
                    ' ' => match before {
                        Some(b) => space_after = Some(b),
                        None => screen.stray_space = true,
                    },
                    '\t'..='\r' => screen.stray_space = true,
                    '(' | ')' | '[' | ']' | '{' | '}' => screen.bracket = true,
                    _ => {}
                }
            } else if matches!(u32::from(c), 0x3400..=0x4DBF | 0x4E00..=0x9FFF) {
                if word_len > 0 {
                    word_ends(&mut screen, &word, &mut word_len);
                }
                // Ideographs: neither white space, brackets nor compatibility ideographs.
                screen.other_script |= other_script.is_some_and(|forms| forms.has(c));
            } else if c.is_whitespace() {
                word_ends(&mut screen, &word, &mut word_len);
                screen.stray_space = true;
            } else {
                word_ends(&mut screen, &word, &mut word_len);
                // The brackets past ASCII are CJK punctuation (U+3008-U+3015) and full-width
                // forms (U+FF08-U+FF5D): Han characters are neither.
                screen.bracket |= matches!(u32::from(c), 0x3008..=0x3015 | 0xFF08..=0xFF5D)
                    && brackets::is_bracket(c);
                screen.other_script |= other_script.is_some_and(|forms| forms.has(c));
                screen.compatibility |= hanzi::unified(c).is_some();
            }
            before = Some(c);
        }
        if word_len > 0 {
            word_ends(&mut screen, &word, &mut word_len);
        }
        // A space at the end.
        screen.stray_space |= space_after.is_some();
        screen
    }
}

#[cfg(test)]
mod tests {
    use super::super::whitespace::finds_stray;
    use super::*;

    /// Each flag as its own check decides it, reading the text on its own.
    fn each_on_its_own(text: &str, other_script: OtherScript) -> Screen {
        Screen {
            formats: Named::of(text),
            stray_space: finds_stray(text),
            bracket: text.chars().any(brackets::is_bracket),
            other_script: text.chars().any(|c| other_script.of(c).is_some()),
            compatibility: text.chars().any(|c| hanzi::unified(c).is_some()),
        }
    }

    #[test]
    fn every_character_alone_is_screened_as_each_check_would() {
        let chars = (0..=0x3_FFFF_u32).filter_map(char::from_u32);
        for c in chars {
            let text = c.to_string();
            for forms in [OtherScript::SIMPLIFIED_ONLY, OtherScript::TRADITIONAL_ONLY] {
                assert_eq!(
                    Screen::of(&text, Some(forms), true),
                    each_on_its_own(&text, forms),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn the_formats_named_are_found_as_on_their_own() {
        for text in [
            "以PDF格式",
            "PDF/CSV",
            "(pdf)",
            "PDFx",
            "xPDF",
            "PDF",
            "數據PDF數據",
            "GEOJSONX",
            "2 JPG 圖",
        ] {
            let screen = Screen::of(text, None, true);
            assert_eq!(screen.formats, Named::of(text), "{text}");
            assert_eq!(Screen::of(text, None, false).formats, Named::default());
        }
    }

    #[test]
    fn without_a_script_to_avoid_none_is_found() {
        assert!(!Screen::of("数据", None, false).other_script);
        assert!(Screen::of("数据", Some(OtherScript::SIMPLIFIED_ONLY), false).other_script);
    }

    proptest::proptest! {
        #[test]
        fn a_text_is_screened_as_each_check_would(
            text in "([a (（)］」\u{3000}\t\n 數数據\u{FA08}\u{2F8A6}]|PDF|pdf|CSV|JSON|x|1){0,10}"
        ) {
            for forms in [OtherScript::SIMPLIFIED_ONLY, OtherScript::TRADITIONAL_ONLY] {
                proptest::prop_assert_eq!(
                    Screen::of(&text, Some(forms), true),
                    each_on_its_own(&text, forms)
                );
            }
        }
    }
}
