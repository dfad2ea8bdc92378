//! The names of a document's keys, numbered: the plan's own by a fixed number found without a
//! table, the rest by a table of their own. A large plan has hundreds of thousands of keys but
//! only a few names, and every key read and asked for is looked up here.

use std::collections::HashMap;

use super::tree::Node;

/// How many keys [`known_key`] numbers: every document's key numbers below it are those.
pub(crate) const KNOWN_KEY_COUNT: usize = KNOWN_KEYS.len();

/// The number every document gives `name` when it is one of the plan's own keys.
pub(crate) fn known_key(name: &str) -> Option<u32> {
    Keys::known(name)
}

/// The keys of the `odp-plan/1` form, numbered without a table lookup.
const KNOWN_KEYS: [&str; 23] = [
    "item",
    "category",
    "name",
    "description",
    "release_date",
    "frequency",
    "organisation",
    "parts",
    "rows",
    "note",
    "title",
    "spatial",
    "non_spatial",
    "A",
    "B",
    "C",
    "D",
    "sections",
    "format",
    "language",
    "period",
    "published",
    "organisation_id",
];

/// Whether `a` and `b`, of at most 16 bytes, are the same: two overlapping words of each
/// compared, without a call to `memcmp` (a key is looked up for every one read and asked for).
#[inline]
fn same_short(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |bytes: &[u8], at: usize| -> u64 {
        let mut word = [0; 8];
        word[..4].copy_from_slice(&bytes[at..at + 4]);
        u64::from_le_bytes(word)
    };
    let long = |bytes: &[u8], at: usize| -> u64 {
        u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
    };
    match n {
        0..=3 => a == b,
        4..=7 => word(a, 0) == word(b, 0) && word(a, n - 4) == word(b, n - 4),
        8..=16 => long(a, 0) == long(b, 0) && long(a, n - 8) == long(b, n - 8),
        _ => a == b,
    }
}

/// The names of a mapping's fields that a reader asks for together, with the numbers of the
/// plan's own keys among them worked out when the program is built (a table of rows asks for
/// eight names in every row).
pub struct FieldNames<const N: usize> {
    pub names: [&'static str; N],
    pub(super) known: [Option<u32>; N],
}

impl<const N: usize> FieldNames<N> {
    pub const fn new(names: [&'static str; N]) -> Self {
        let mut known = [None; N];
        let mut at = 0;
        while at < N {
            known[at] = known_at_build(names[at].as_bytes());
            at += 1;
        }
        FieldNames { names, known }
    }
}

/// [`Keys::known`], for [`FieldNames::new`]: the same candidate, compared byte by byte (a
/// comparison that works when the program is built; at run time [`same_short`]'s two words take
/// about half the instructions of this loop, over a plan's keys).
const fn known_at_build(bytes: &[u8]) -> Option<u32> {
    let Some(candidate) = Keys::candidate(bytes) else {
        return None;
    };
    let known = KNOWN_KEYS[candidate as usize].as_bytes();
    if known.len() != bytes.len() {
        return None;
    }
    let mut at = 0;
    while at < known.len() {
        if known[at] != bytes[at] {
            return None;
        }
        at += 1;
    }
    Some(candidate)
}

/// The names of a document's keys: the plan's own first, then those the document adds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Keys {
    others: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl Keys {
    /// The number of one of the plan's own keys. Its length and first byte (and for `name`
    /// and `note` its second) leave one candidate, compared once: a `match` over the names
    /// compared them in turn, and every key read and asked for is looked up here.
    #[inline]
    fn known(name: &str) -> Option<u32> {
        Self::known_bytes(name.as_bytes())
    }

    /// The one key of the plan's own that `bytes` can be: picked by their length and first
    /// byte (and for `name` and `note` their second).
    #[inline]
    const fn candidate(bytes: &[u8]) -> Option<u32> {
        let Some(&first) = bytes.first() else {
            return None;
        };
        let candidate = match (bytes.len(), first) {
            (4, b'i') => 0,
            (8, b'c') => 1,
            (4, b'n') if bytes[1] == b'a' => 2,
            (11, b'd') => 3,
            (12, b'r') => 4,
            (9, b'f') => 5,
            (12, b'o') => 6,
            (5, b'p') => 7,
            (4, b'r') => 8,
            (4, b'n') => 9,
            (5, b't') => 10,
            (7, b's') => 11,
            (11, b'n') => 12,
            (1, first @ b'A'..=b'D') => 13 + (first - b'A') as u32,
            (8, b's') => 17,
            (6, b'f') => 18,
            (8, b'l') => 19,
            (6, b'p') => 20,
            (9, b'p') => 21,
            (15, b'o') => 22,
            _ => return None,
        };
        Some(candidate)
    }

    /// [`Keys::known`] of a name's bytes.
    #[inline]
    fn known_bytes(bytes: &[u8]) -> Option<u32> {
        let candidate = Self::candidate(bytes)?;
        same_short(KNOWN_KEYS[candidate as usize].as_bytes(), bytes).then_some(candidate)
    }

    /// The number of the key spelt `bytes` (not yet known to be UTF-8: a name of the plan's own is
    /// found without reading them as text), added to the table when new; None when a new name is
    /// not UTF-8.
    #[inline]
    pub(crate) fn intern_bytes(&mut self, bytes: &[u8]) -> Option<u32> {
        Self::known_bytes(bytes).or_else(|| {
            let name = std::str::from_utf8(bytes).ok()?;
            Some(self.intern_other(name))
        })
    }

    /// The number of `name`, added to the table when new.
    pub(crate) fn intern(&mut self, name: &str) -> u32 {
        Self::known(name).unwrap_or_else(|| self.intern_other(name))
    }

    /// The number of `name`, not one of the plan's own, added to the table when new.
    fn intern_other(&mut self, name: &str) -> u32 {
        if let Some(number) = self.other(name) {
            return number;
        }
        let number = (KNOWN_KEYS.len() + self.others.len()) as u32;
        self.others.push(name.into());
        self.numbers.insert(name.into(), number);
        number
    }

    /// The number of `name` when it is a key the document adds (not one of the plan's own).
    #[inline]
    pub(super) fn other(&self, name: &str) -> Option<u32> {
        self.numbers.get(name).copied()
    }

    /// The number of `name` when some key of the document has it.
    #[inline]
    pub(super) fn find(&self, name: &str) -> Option<u32> {
        Self::known(name).or_else(|| self.other(name))
    }

    #[inline]
    pub(crate) fn name_of(&self, number: u32) -> &str {
        let number = number as usize;
        match KNOWN_KEYS.get(number) {
            Some(known) => known,
            None => &self.others[number - KNOWN_KEYS.len()],
        }
    }

    /// Takes in `nodes`, read with the table `theirs` (another part of the same text, read on
    /// another thread), into this table: their keys of their own are numbered again here, in
    /// document order, as if this table had read them.
    pub(crate) fn adopt(&mut self, theirs: &Keys, nodes: &mut [Node]) {
        if theirs.others.is_empty() {
            // The plan's own keys have the same numbers in every table.
            return;
        }
        for node in nodes {
            node.renumber_keys(&mut |key| {
                if (key as usize) < KNOWN_KEYS.len() {
                    key
                } else {
                    self.intern(theirs.name_of(key))
                }
            });
        }
    }

    /// Gives back what the table reserved while the tree was built.
    pub(crate) fn finish(&mut self) {
        self.numbers.shrink_to_fit();
        self.others.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_key_has_its_place_in_the_list() {
        for (number, name) in KNOWN_KEYS.iter().enumerate() {
            assert_eq!(Keys::known(name), Some(number as u32), "{name}");
        }
        for other in [
            "",
            "Item",
            "rows ",
            "organisation_",
            "E",
            "x",
            "nome",
            "nate",
            "parts_",
        ] {
            assert_eq!(Keys::known(other), None);
        }
        // Every other name of a known name's length and first byte.
        for name in KNOWN_KEYS {
            let mut other = name.as_bytes().to_vec();
            for at in 1..other.len() {
                let kept = other[at];
                other[at] = if kept == b'_' { b'x' } else { b'_' };
                assert_eq!(
                    Keys::known(std::str::from_utf8(&other).unwrap()),
                    None,
                    "{name}"
                );
                other[at] = kept;
            }
        }
    }

    #[test]
    fn field_names_know_the_numbers_the_keys_give() {
        const ASKED: FieldNames<4> =
            FieldNames::new(["item", "parts", "remark", "organisation_id"]);
        assert_eq!(ASKED.known, [Some(0), Some(7), None, Some(22)]);
        for name in KNOWN_KEYS {
            assert_eq!(known_at_build(name.as_bytes()), Keys::known(name), "{name}");
        }
        let document = crate::document::Document::parse(
            "p.json",
            r#"{"remark": 1, "item": 2, "remark2": 3, "organisation_id": 4}"#,
        );
        let found = document.root().unwrap().fields(&ASKED);
        let values: Vec<Option<String>> = found
            .iter()
            .map(|node| node.map(|node| node.to_value().to_string()))
            .collect();
        assert_eq!(
            values,
            [Some("2".into()), None, Some("1".into()), Some("4".into())]
        );
    }

    #[test]
    fn short_texts_are_the_same_exactly_when_their_bytes_are() {
        let texts = [
            "",
            "a",
            "ab",
            "abc",
            "abcd",
            "abce",
            "bbcd",
            "abcde",
            "item",
            "name",
            "note",
            "rows",
            "parts",
            "title",
            "spatial",
            "category",
            "sections",
            "language",
            "frequency",
            "published",
            "description",
            "non_spatial",
            "release_date",
            "organisation",
            "organisation_id",
            "organisation_ie",
            "prganisation_id",
            "0123456789abcdef",
            "0123456789abcdeF",
            "1123456789abcdef",
            "0123456789abcdefg",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(same_short(a.as_bytes(), b.as_bytes()), a == b, "{a} {b}");
            }
        }
    }
}
