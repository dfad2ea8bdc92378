//! Which characters the direct reader takes, screened before it reads (YAML prints fewer than
//! UTF-8 allows, and the reader takes no tab).

use std::ops::Range;

use super::PARALLEL_FROM;

/// From this size on, a text is screened in two halves at once: below it, starting the second
/// thread costs more than it saves (in process, a 1,000-row plan of 245 KB was read in 0.59 ms
/// screened in turn, 0.67 ms in halves; one of 2,000 rows, 490 KB, in 1.27 ms in halves and 1.49
/// ms in turn).
const HALVES_FROM: usize = 2 * PARALLEL_FROM;

/// Whether every character is one YAML prints and the reader takes: no tab, no control
/// character, no carriage return but before a line feed, no C1 control, no line or paragraph
/// separator, no byte-order mark, no non-character U+FFFE or U+FFFF. A long text is screened in
/// two halves at once.
pub(super) fn printable(bytes: &[u8], threads: usize) -> bool {
    if threads < 2 || bytes.len() < HALVES_FROM {
        return printable_in(bytes, 0..bytes.len());
    }
    let half = bytes.len() / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| printable_in(bytes, half..bytes.len()));
        let first = printable_in(bytes, 0..half);
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        first && second
    })
}

/// [`printable`] for the characters that start in `range` (the bytes after it are looked at
/// where a character needs them).
fn printable_in(bytes: &[u8], range: Range<usize>) -> bool {
    let mut i = range.start;
    while i < range.end {
        // Most bytes are taken at a glance; only these few need the bytes after them.
        match BYTE_CLASS[bytes[i] as usize] {
            TAKEN => {}
            REFUSED => return false,
            _ => {
                let next = (bytes.get(i + 1).copied(), bytes.get(i + 2).copied());
                let refused = match bytes[i] {
                    b'\r' => next.0 != Some(b'\n'),
                    0xc2 => matches!(next.0, Some(0x80..=0x9f)),
                    0xe2 => next.0 == Some(0x80) && matches!(next.1, Some(0xa8 | 0xa9)),
                    _ => matches!(
                        next,
                        (Some(0xbb), Some(0xbf)) | (Some(0xbf), Some(0xbe | 0xbf))
                    ),
                };
                if refused {
                    return false;
                }
            }
        }
        i += 1;
    }
    true
}

const TAKEN: u8 = 0;
const REFUSED: u8 = 1;
const LOOK_AHEAD: u8 = 2;

/// What [`printable`] makes of each byte on its own.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [TAKEN; 256];
    let mut b = 0;
    while b < 0x20 {
        class[b] = REFUSED;
        b += 1;
    }
    class[b'\n' as usize] = TAKEN;
    class[b'\r' as usize] = LOOK_AHEAD;
    class[0x7f] = REFUSED;
    class[0xc2] = LOOK_AHEAD;
    class[0xe2] = LOOK_AHEAD;
    class[0xef] = LOOK_AHEAD;
    class
};

#[cfg(test)]
mod tests {
    use super::HALVES_FROM;

    #[test]
    fn a_long_text_is_screened_in_halves_as_in_one() {
        let size = 2 * HALVES_FROM;
        for (inserted, taken) in [
            ("\r\n", true),
            ("數", true),
            ("\r", false),
            ("\u{2028}", false),
            ("\u{85}", false),
            ("\u{feff}", false),
            ("\t", false),
        ] {
            // Each character placed across the middle, and at the end.
            for shift in 0..inserted.len() {
                let at = size / 2 - shift;
                let text = format!("{}{inserted}{}", "a".repeat(at), "b".repeat(size - at));
                assert_eq!(
                    super::printable(text.as_bytes(), 2),
                    taken,
                    "{inserted:?} {shift}"
                );
                assert_eq!(super::printable(text.as_bytes(), 1), taken);
            }
            let text = format!("{}{inserted}", "a".repeat(size));
            assert_eq!(super::printable(text.as_bytes(), 2), taken);
        }
    }
}
