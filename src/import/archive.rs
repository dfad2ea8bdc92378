//! Bounded reading of zip archives (Word and spreadsheet files are zips of XML): a limit on the
//! number of entries and on the uncompressed size of what is read, so a zip bomb is an error,
//! never a machine out of memory.

use crate::messages::Message;
use std::io::{Cursor, Read};

use zip::ZipArchive;

/// More entries than any real document has.
pub const MAX_ENTRIES: usize = 10_000;

/// The largest uncompressed entry read (a 500-row plan's `word/document.xml` is ~2 MB).
pub const MAX_ENTRY_SIZE: u64 = 64 * 1024 * 1024;

/// An opened archive.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
}

impl<'a> Archive<'a> {
    /// Opens `bytes` as a zip; an error says why it cannot be read.
    pub fn open(bytes: &'a [u8]) -> Result<Self, Message> {
        let zip = ZipArchive::new(Cursor::new(bytes))
            .map_err(|error| Message::new("import.zip-unreadable").arg("detail", error))?;
        if zip.len() > MAX_ENTRIES {
            return Err(Message::new("import.zip-entries")
                .arg("count", zip.len())
                .arg("limit", MAX_ENTRIES));
        }
        Ok(Archive { zip })
    }

    /// Whether the archive has an entry of this name.
    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// Reads every entry through the bounded reader (for archives a library reads after us:
    /// an entry larger than [`MAX_ENTRY_SIZE`] uncompressed, whatever it declares, is an error).
    pub fn check_all(&mut self) -> Result<(), Message> {
        let names: Vec<String> = self.zip.file_names().map(str::to_string).collect();
        for name in names {
            self.read(&name)?;
        }
        Ok(())
    }

    /// The entry `name` uncompressed, at most [`MAX_ENTRY_SIZE`] bytes; `None` when there is
    /// none.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, Message> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let entry = self.zip.by_index(index).map_err(|error| {
            Message::new("import.zip-entry")
                .arg("name", name)
                .arg("detail", error)
        })?;
        let too_large = || {
            Message::new("import.zip-entry-large")
                .arg("name", name)
                .arg("megabytes", MAX_ENTRY_SIZE / 1024 / 1024)
        };
        if entry.size() > MAX_ENTRY_SIZE {
            return Err(too_large());
        }
        // The declared size may lie: read one byte more than allowed to find out.
        let mut bytes = Vec::with_capacity(entry.size().min(MAX_ENTRY_SIZE) as usize);
        entry
            .take(MAX_ENTRY_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|error| {
                Message::new("import.zip-entry")
                    .arg("name", name)
                    .arg("detail", error)
            })?;
        if bytes.len() as u64 > MAX_ENTRY_SIZE {
            return Err(too_large());
        }
        Ok(Some(bytes))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(Archive::open(b"PK\x03\x04 not really").is_err());
        assert!(Archive::open(b"").is_err());
    }
}
