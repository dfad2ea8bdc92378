//! One reading of a cell's text that tells which of the checks of one cell can find anything in
//! it. Nearly every cell is clean, and each check reading the text on its own cost a pass over
//! its characters apiece.

use crate::hanzi;

use super::{brackets, is_cjk};

/// The forms of a character in the script a plan should not use, if it is of that script.
pub(super) type OtherScript = fn(char) -> Option<&'static str>;

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
}

impl Screen {
    /// Reads `text` once.
    pub(super) fn of(text: &str, other_script: Option<OtherScript>) -> Screen {
        let mut screen = Screen::default();
        let mut before: Option<char> = None;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                // One space between two characters that are not both Chinese is the only
                // white space that belongs.
                let fine = c == ' '
                    && before.is_some_and(|b| {
                        chars
                            .peek()
                            .is_some_and(|&a| !(a.is_whitespace() || is_cjk(b) && is_cjk(a)))
                    });
                screen.stray_space |= !fine;
            } else if c.is_ascii() {
                screen.bracket |= matches!(c, '(' | ')' | '[' | ']' | '{' | '}');
            } else {
                // The brackets past ASCII are CJK punctuation (U+3008-U+3015) and full-width
                // forms (U+FF08-U+FF5D): Han characters are neither.
                screen.bracket |= matches!(u32::from(c), 0x3008..=0x3015 | 0xFF08..=0xFF5D)
                    && brackets::is_bracket(c);
                screen.other_script |= other_script.is_some_and(|forms| forms(c).is_some());
                screen.compatibility |= hanzi::unified(c).is_some();
            }
            before = Some(c);
        }
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
            stray_space: finds_stray(text),
            bracket: text.chars().any(brackets::is_bracket),
            other_script: text.chars().any(|c| other_script(c).is_some()),
            compatibility: text.chars().any(|c| hanzi::unified(c).is_some()),
        }
    }

    #[test]
    fn every_character_alone_is_screened_as_each_check_would() {
        let chars = (0..=0x3_FFFF_u32).filter_map(char::from_u32);
        for c in chars {
            let text = c.to_string();
            for forms in [
                hanzi::traditional_forms as OtherScript,
                hanzi::simplified_forms,
            ] {
                assert_eq!(
                    Screen::of(&text, Some(forms)),
                    each_on_its_own(&text, forms),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn without_a_script_to_avoid_none_is_found() {
        assert!(!Screen::of("数据", None).other_script);
        assert!(Screen::of("数据", Some(hanzi::traditional_forms)).other_script);
    }

    proptest::proptest! {
        #[test]
        fn a_text_is_screened_as_each_check_would(
            text in "[a (（)］」\u{3000}\t\n 數数據\u{FA08}\u{2F8A6}]{0,10}"
        ) {
            for forms in [hanzi::traditional_forms as OtherScript, hanzi::simplified_forms] {
                proptest::prop_assert_eq!(
                    Screen::of(&text, Some(forms)),
                    each_on_its_own(&text, forms)
                );
            }
        }
    }
}
