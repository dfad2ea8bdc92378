//! Simplified-only and traditional-only Han characters, judged by Hong Kong usage, for rule T004
//! (the table is derived from OpenCC's dictionaries; `vocab/hanzi.tsv` documents its source and rules),
//! and the compatibility ideographs that stand for a unified one (T007 and every name comparison).

use std::borrow::Cow;

use crate::packed::Packed;

// `SIMPLIFIED_ONLY` and `TRADITIONAL_ONLY`: character -> candidate forms, sorted by character for
// binary search, with `SIMPLIFIED_ONLY_BITS` and `TRADITIONAL_ONLY_BITS` (a bit per character from
// `HAN_BITS_FROM` on), made from `vocab/hanzi.tsv` by the build script (see the header of that file for
// how its lines were derived).
include!(concat!(env!("OUT_DIR"), "/hanzi_tables.rs"));

type Table = crate::packed::Packed<char>;

/// Whether `c` lies in a block that holds Han ideographs (CJK Unified Ideographs, Extension A,
/// Compatibility Ideographs, and the supplementary ideographic planes 2 and 3). Checked first so
/// that ASCII, punctuation, kana and the like never touch the tables.
fn is_han(c: char) -> bool {
    matches!(
        u32::from(c),
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x2_0000..=0x3_FFFF
    )
}

/// The characters a plan in one script should not use, each with the forms to write instead: a
/// table to search and a bit per character from `HAN_BITS_FROM` (U+3400) up to U+9FFF saying
/// which of those it has, so that the common answer, none, needs no search.
#[derive(Clone, Copy)]
pub struct OtherForms {
    table: &'static Table,
    bits: &'static [u64],
}

impl OtherForms {
    /// Simplified-only characters with their traditional forms (HK-preferred first): what a
    /// Traditional Chinese (Hong Kong) text avoids.
    pub const SIMPLIFIED_ONLY: OtherForms = OtherForms {
        table: &SIMPLIFIED_ONLY,
        bits: &SIMPLIFIED_ONLY_BITS,
    };
    /// Traditional-only characters with their simplified forms: what a Simplified Chinese text
    /// avoids.
    pub const TRADITIONAL_ONLY: OtherForms = OtherForms {
        table: &TRADITIONAL_ONLY,
        bits: &TRADITIONAL_ONLY_BITS,
    };

    /// The forms to write instead of `c`, or None if `c` is fine.
    #[inline]
    pub fn of(self, c: char) -> Option<&'static str> {
        // The range check comes first, so most characters never reach the table at all.
        if !is_han(c) || self.bit(c) == Some(false) {
            return None;
        }
        find(self.table, c)
    }

    /// Whether `c` has forms to write instead (`of(c).is_some()`), read from the bits alone
    /// for the characters they cover.
    #[inline]
    pub fn has(self, c: char) -> bool {
        self.bit(c).unwrap_or_else(|| self.of(c).is_some())
    }

    /// Whether the table has `c`, for the characters the bits cover.
    #[inline]
    fn bit(self, c: char) -> Option<bool> {
        let offset = u32::from(c).wrapping_sub(HAN_BITS_FROM) as usize;
        let word = self.bits.get(offset / 64)?;
        Some(word & (1 << (offset % 64)) != 0)
    }
}

fn find(table: &Table, c: char) -> Option<&'static str> {
    table.find(|key| key.cmp(&c))
}

/// The traditional forms of a simplified-only character (HK-preferred first), or None if `c` is fine in a Traditional Chinese (Hong Kong) text.
pub fn traditional_forms(c: char) -> Option<&'static str> {
    OtherForms::SIMPLIFIED_ONLY.of(c)
}

/// The simplified forms of a traditional-only character, or None if `c` is fine in a Simplified Chinese text.
pub fn simplified_forms(c: char) -> Option<&'static str> {
    OtherForms::TRADITIONAL_ONLY.of(c)
}

/// The unified ideograph a CJK compatibility ideograph stands for: its canonical decomposition,
/// what NFC makes of it (U+FA08 → 行 U+884C, U+F969 → 數 U+6578, U+2F8A6 → 慈). None for every
/// other character, including the twelve unified ideographs that sit in the compatibility block
/// (U+FA0E 﨎, U+FA0F 﨏, ...), which have no other form.
pub fn unified(c: char) -> Option<char> {
    if !matches!(u32::from(c), 0xF900..=0xFAFF | 0x2_F800..=0x2_FA1F) {
        return None;
    }
    let mut decomposed = None;
    let mut count = 0;
    unicode_normalization::char::decompose_canonical(c, |d| {
        decomposed = Some(d);
        count += 1;
    });
    match decomposed {
        Some(d) if count == 1 && d != c => Some(d),
        _ => None,
    }
}

/// `text` with every compatibility ideograph written as its unified ideograph (see [`unified`]);
/// borrowed when there is none, as in nearly every cell. Names and vocabulary terms are compared
/// in this form, so `銀行` typed with U+FA08 is the same name as `銀行`.
pub fn unify(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| unified(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| unified(c).unwrap_or(c)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compatibility_ideographs_are_unified_and_nothing_else_is() {
        assert_eq!(unified('\u{FA08}'), Some('行'));
        assert_eq!(unified('\u{F969}'), Some('數'));
        assert_eq!(unified('\u{2F8A6}'), Some('\u{6148}'));
        for c in [
            '行',
            '數',
            '\u{FA0E}',
            '\u{FA29}',
            '（',
            'a',
            '\u{2F00}',
            '\u{28B62}',
        ] {
            assert_eq!(unified(c), None, "U+{:04X}", u32::from(c));
        }
        // Every character of both blocks either has one unified form outside the blocks or none.
        let blocks = (0xF900..=0xFAFF).chain(0x2_F800..=0x2_FA1F);
        let mut unified_count = 0;
        for c in blocks.filter_map(char::from_u32) {
            if let Some(u) = unified(c) {
                assert!(unified(u).is_none() && u != c);
                unified_count += 1;
            }
        }
        // 460 in the BMP block (its 12 unified ideographs and unassigned points excepted), 542 in
        // the supplement.
        assert_eq!(unified_count, 460 + 542);
        assert_eq!(unify("銀\u{FA08}\u{F969}據"), "銀行數據");
        assert!(matches!(unify("銀行數據"), Cow::Borrowed(_)));
    }

    #[test]
    fn common_simplified_characters_have_their_traditional_forms() {
        assert_eq!(traditional_forms('为'), Some("為"));
        assert_eq!(traditional_forms('数'), Some("數"));
        assert_eq!(traditional_forms('线'), Some("線"));
        let fa = traditional_forms('发').expect("发 is simplified-only");
        assert!(
            fa.chars().count() > 1 && fa.contains('發') && fa.contains('髮'),
            "{fa}"
        );
    }

    #[test]
    fn hong_kong_forms_come_first() {
        // HKVariants: 衛 is written 衞 in Hong Kong.
        assert_eq!(traditional_forms('卫'), Some("衞"));
    }

    #[test]
    fn characters_hong_kong_writes_are_fine_in_traditional_text() {
        // Simplified forms that are also traditional characters (干 乾 幹, 只 隻, 里 裏, 皇后, surnames
        // 余 范), Hong Kong's own forms (台 着 温 户), and variants Hong Kong keeps (峰 群 床 恒).
        for c in "台着干于后里只余系面范松温户峰群床恒".chars() {
            assert_eq!(
                traditional_forms(c),
                None,
                "{c} must not be reported in zh-Hant"
            );
        }
    }

    #[test]
    fn traditional_only_characters_have_their_simplified_forms() {
        assert_eq!(simplified_forms('數'), Some("数"));
        assert_eq!(simplified_forms('為'), Some("为"));
        assert_eq!(simplified_forms('衞'), Some("卫"));
        for c in "干台后里数为".chars() {
            assert_eq!(simplified_forms(c), None, "{c} is fine in zh-Hans");
        }
    }

    #[test]
    fn non_han_characters_are_never_reported() {
        for c in "aZ0 ，。（）／、：あア한€\u{3000}".chars() {
            assert_eq!(traditional_forms(c), None);
            assert_eq!(simplified_forms(c), None);
        }
    }

    #[test]
    fn a_real_traditional_plan_has_no_simplified_only_character() {
        // The real Hong Kong Police Force 2024-2026 plan in plans/: any
        // finding here is a false positive.
        let plan = include_str!("../plans/hkpf/2024-2026.zh-Hant.yaml");
        let found: Vec<char> = plan
            .chars()
            .filter(|&c| traditional_forms(c).is_some())
            .collect();
        assert!(found.is_empty(), "false positives: {found:?}");
    }

    #[test]
    fn category_names_are_clean_in_each_script() {
        let categories = include_str!("vocab/categories.tsv");
        let rows = categories
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty());
        let mut checked = 0;
        for row in rows {
            let columns: Vec<&str> = row.split('\t').collect();
            let (traditional, simplified) = (columns[3], columns[4]);
            for c in traditional.chars() {
                assert_eq!(traditional_forms(c), None, "{c} in {traditional}");
            }
            for c in simplified.chars() {
                assert_eq!(simplified_forms(c), None, "{c} in {simplified}");
            }
            checked += 1;
        }
        assert!(checked > 10, "categories.tsv has too few rows: {checked}");
    }

    #[test]
    fn a_character_has_forms_exactly_when_the_table_gives_some() {
        for c in (0..=0x3_FFFF).filter_map(char::from_u32) {
            for forms in [OtherForms::SIMPLIFIED_ONLY, OtherForms::TRADITIONAL_ONLY] {
                assert_eq!(
                    forms.has(c),
                    forms.of(c).is_some(),
                    "U+{:04X}",
                    u32::from(c)
                );
            }
        }
    }

    #[test]
    fn the_bits_say_no_exactly_where_the_table_has_nothing() {
        for code in HAN_BITS_FROM..0xA000 {
            let c = char::from_u32(code).unwrap();
            assert_eq!(
                OtherForms::SIMPLIFIED_ONLY.of(c),
                find(&SIMPLIFIED_ONLY, c),
                "U+{code:04X}"
            );
            assert_eq!(
                OtherForms::TRADITIONAL_ONLY.of(c),
                find(&TRADITIONAL_ONLY, c),
                "U+{code:04X}"
            );
        }
    }

    #[test]
    fn table_is_well_formed() {
        assert!(SIMPLIFIED_ONLY.len() > 3000 && TRADITIONAL_ONLY.len() > 3000);
        for (table, other) in [
            (&SIMPLIFIED_ONLY, &TRADITIONAL_ONLY),
            (&TRADITIONAL_ONLY, &SIMPLIFIED_ONLY),
        ] {
            for pair in table.entries.windows(2) {
                assert!(pair[0].0 < pair[1].0, "duplicate key {}", pair[0].0);
            }
            for (index, &(key, _, _)) in table.entries.iter().enumerate() {
                let forms = table.value(index);
                // A key outside the range check would never be found.
                assert!(
                    is_han(key),
                    "{key} U+{:04X} is outside the Han ranges",
                    u32::from(key)
                );
                assert!(!forms.is_empty() && !forms.contains(key), "{key}: {forms}");
                // A compatibility ideograph is T007's alone: T004 must never report it too.
                assert!(unified(key).is_none(), "{key} is a compatibility ideograph");
                // A fix must not introduce a character the same check reports.
                for form in forms.chars() {
                    assert!(
                        find(table, form).is_none(),
                        "{key} -> {form} is itself reported"
                    );
                }
            }
            assert!(!other.entries.is_empty());
        }
    }
}
