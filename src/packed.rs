//! Tables compiled into the program as offsets into one string each (made by the build script), so
//! that they cost nothing when the program starts: no parsing, and no relocation of thousands of
//! string pointers.

use std::cmp::Ordering;

/// Entries sorted by key, each value the bytes `start..end` of `text`.
#[derive(Debug)]
pub struct Packed<K: 'static> {
    pub entries: &'static [(K, u32, u32)],
    pub text: &'static str,
}

impl<K> Packed<K> {
    /// The value of the entry whose key `compare` finds equal, by binary search.
    pub fn find(&self, mut compare: impl FnMut(&K) -> Ordering) -> Option<&'static str> {
        self.entries
            .binary_search_by(|(key, _, _)| compare(key))
            .ok()
            .map(|index| self.value(index))
    }

    /// The value of entry `index`.
    pub fn value(&self, index: usize) -> &'static str {
        let (_, start, end) = self.entries[index];
        &self.text[start as usize..end as usize]
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }
}
