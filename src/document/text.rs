//! A document's text, kept as the bytes it was read as. A file's bytes are checked to be UTF-8
//! once, by the vector instructions of the machine (a 30 MB plan in a few milliseconds instead of
//! the fifteen the standard library's byte-by-byte check takes), and the text is read from those
//! bytes without copying them into a `String`.

use std::fmt;
use std::ops::Deref;

/// What holds the text's bytes.
enum Owner {
    /// Text that was a `String` already.
    Text(String),
    /// Bytes read from a file, found to be UTF-8, with the length of a byte-order mark at the
    /// start that the text leaves out.
    Bytes(Vec<u8>, usize),
}

type Str<'a> = &'a str;

self_cell::self_cell!(
    struct Held {
        owner: Owner,
        #[covariant]
        dependent: Str,
    }
);

/// A document's text: a `str` (through `Deref`) held with the bytes it was read from.
pub struct Text(Held);

/// The check of some bytes, for [`Text::from_utf8_with`]'s work to run.
pub struct Check<'b>(&'b [u8]);

/// What [`Check::run`] found: the work hands it back.
pub struct Checked<'b>(Result<&'b str, simdutf8::basic::Utf8Error>);

impl<'b> Check<'b> {
    pub fn run(self) -> Checked<'b> {
        Checked(simdutf8::basic::from_utf8(self.0))
    }
}

/// Bytes read as a text: the text and whether a byte-order mark was left out, or the bytes
/// back when they are not UTF-8.
pub type Read = Result<(Text, bool), Vec<u8>>;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = "\u{feff}".as_bytes();

impl Text {
    /// The text of `bytes` without a byte-order mark at their start (and whether there was one),
    /// or the bytes back when they are not UTF-8.
    pub fn from_utf8(bytes: Vec<u8>) -> Read {
        Self::checked(bytes, simdutf8::basic::from_utf8)
    }

    /// [`Text::from_utf8`], with `work` given the bytes (less a byte-order mark) and their
    /// check, to run on this thread when it chooses (work that the text's being UTF-8 decides
    /// the worth of can go on beside it on other threads); what the work made besides is given
    /// back.
    pub fn from_utf8_with<R>(
        bytes: Vec<u8>,
        work: impl for<'b> FnOnce(&'b [u8], Check<'b>) -> (R, Checked<'b>),
    ) -> (Read, Option<R>) {
        let mut made = None;
        let text = Self::checked(bytes, |bytes| {
            let (work, checked) = work(bytes, Check(bytes));
            made = Some(work);
            checked.0
        });
        (text, made)
    }

    /// The text of `bytes` less a byte-order mark, if `check` finds the rest UTF-8.
    fn checked<E>(bytes: Vec<u8>, check: impl FnOnce(&[u8]) -> Result<&str, E>) -> Read {
        let bom = if bytes.starts_with(BOM) { BOM.len() } else { 0 };
        let held = Held::try_new_or_recover(Owner::Bytes(bytes, bom), |owner| match owner {
            Owner::Bytes(bytes, bom) => check(&bytes[*bom..]),
            // Not made here.
            Owner::Text(text) => Ok(text.as_str()),
        });
        match held {
            Ok(held) => Ok((Text(held), bom > 0)),
            Err((Owner::Bytes(bytes, _), _)) => Err(bytes),
            Err((Owner::Text(text), _)) => Err(text.into_bytes()),
        }
    }

    pub fn as_str(&self) -> &str {
        self.0.borrow_dependent()
    }
}

impl From<String> for Text {
    fn from(text: String) -> Self {
        Text(Held::new(Owner::Text(text), |owner| match owner {
            Owner::Text(text) => text.as_str(),
            // Not made here.
            Owner::Bytes(..) => "",
        }))
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Self {
        Text::from(text.to_string())
    }
}

impl Clone for Text {
    fn clone(&self) -> Self {
        Text::from(self.as_str())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_that_are_utf8_are_the_text_without_a_byte_order_mark() {
        let (text, bom) = Text::from_utf8("數據 data".as_bytes().to_vec()).unwrap();
        assert_eq!((text.as_str(), bom), ("數據 data", false));
        let (text, bom) = Text::from_utf8("\u{feff}數據".as_bytes().to_vec()).unwrap();
        assert_eq!((text.as_str(), bom), ("數據", true));
        let (text, bom) = Text::from_utf8(Vec::new()).unwrap();
        assert_eq!((text.as_str(), bom), ("", false));
    }

    #[test]
    fn bytes_that_are_not_utf8_come_back_as_they_were() {
        for bytes in [
            b"ok \xFF".to_vec(),
            b"\xEF\xBB\xBF\xE6\x95".to_vec(),
            b"\xC0\x80".to_vec(),
            b"\xED\xA0\x80".to_vec(),
        ] {
            assert_eq!(Text::from_utf8(bytes.clone()).err(), Some(bytes));
        }
    }

    #[test]
    fn the_work_done_with_the_check_is_given_the_bytes_and_given_back() {
        for (bytes, utf8) in [
            (&b"\xEF\xBB\xBFab"[..], true),
            (b"ab", true),
            (b"a\xFFb", false),
        ] {
            let (text, made) =
                Text::from_utf8_with(bytes.to_vec(), |bytes, check| (bytes.to_vec(), check.run()));
            let given = made.unwrap();
            assert!(given.ends_with(b"b") && !given.starts_with(b"\xEF"));
            assert_eq!(text.is_ok(), utf8);
            if let Ok((text, _)) = text {
                assert_eq!(text.as_bytes(), given);
            }
        }
    }

    #[test]
    fn a_text_is_its_str_however_it_was_made() {
        let read = Text::from_utf8("a\n數".as_bytes().to_vec()).unwrap().0;
        let given = Text::from("a\n數".to_string());
        assert_eq!(read, given);
        assert_eq!(read.clone(), given);
        assert_eq!(read.as_str(), "a\n數");
        assert_eq!(format!("{read} {given:?}"), "a\n數 \"a\\n數\"");
        assert_eq!(read.lines().count(), 2);
    }

    /// The text read from `bytes` with its byte-order mark put back, and what the standard
    /// library reads.
    fn both_reads(bytes: Vec<u8>) -> (Option<String>, Option<String>) {
        let std = std::str::from_utf8(&bytes).map(str::to_string).ok();
        let ours = Text::from_utf8(bytes).ok().map(|(text, bom)| {
            let bom = if bom { "\u{feff}" } else { "" };
            format!("{bom}{text}")
        });
        (ours, std)
    }

    proptest::proptest! {
        #[test]
        fn the_check_agrees_with_the_standard_library(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..40)) {
            let (ours, std) = both_reads(bytes);
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn the_check_agrees_with_the_standard_library_on_text_with_a_byte_changed(
            text in "\u{feff}?[a 數據\u{10000}-\u{10FFFF}é]{0,12}",
            at in proptest::num::usize::ANY,
            byte in proptest::num::u8::ANY,
        ) {
            let mut bytes = text.into_bytes();
            if !bytes.is_empty() {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            let (ours, std) = both_reads(bytes);
            proptest::prop_assert_eq!(ours, std);
        }
    }
}
