//! One file: read within a bound (never a FIFO or a device by name), and named as reports name
//! it. A leaf, below the configuration and the walk that both read files.

use std::io::Read;
use std::path::Path;

use crate::messages::Message;
use crate::outcome::{ErrorKind, ToolError};

/// The largest file read by default (`--max-file-size`).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 << 20;

/// The kind of a failed read.
pub fn read_error_kind(error: &std::io::Error) -> ErrorKind {
    match error.kind() {
        std::io::ErrorKind::NotFound => ErrorKind::NotFound,
        _ => ErrorKind::Read,
    }
}

/// Reads a file unless it is larger than `limit` (checked before reading, and again while
/// reading, in case it grows).
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ToolError> {
    let name = display_name(path);
    let cannot = |error: std::io::Error| {
        ToolError::of(
            Message::new("error.read")
                .arg("file", path.display())
                .arg_io("detail", &error),
        )
        .in_file(name.clone())
        .with_kind(read_error_kind(&error))
    };
    // Opening a FIFO would wait for a writer, and a device may never end: only regular files
    // are read by name (standard input is `-`).
    let kind = std::fs::metadata(path).map_err(cannot)?;
    if !kind.is_file() {
        return Err(
            ToolError::of(Message::new("error.not-regular").arg("file", &name))
                .in_file(name.clone())
                .with_kind(ErrorKind::Read),
        );
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    let size = file.metadata().map_err(cannot)?.len();
    if size > limit {
        return Err(too_large(&name, limit));
    }
    if let Some(bytes) = read_in_halves(&file, size) {
        return Ok(bytes);
    }
    // The size the file says, so that the text is not held in twice the room it needs (the
    // read still ends where the file ends, and a file that grows is caught below).
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&name, limit));
    }
    Ok(bytes)
}

/// From this size on, a file is read in two halves at once when two threads may run: most of a
/// large read is the kernel copying into new pages, which two threads do in half the time (a
/// 31 MB file in 9 ms instead of 17).
const HALVES_FROM: u64 = 4 << 20;

/// The `size` bytes of a large file read in two halves on two threads; `None` (and the file is
/// read in turn) when it is smaller, one thread runs, or the file is not `size` bytes long when
/// read (it changed meanwhile, or reads at an offset fail).
#[cfg(unix)]
fn read_in_halves(file: &std::fs::File, size: u64) -> Option<Vec<u8>> {
    use std::os::unix::fs::FileExt;
    if size < HALVES_FROM || crate::ordered::threads_here() < 2 {
        return None;
    }
    let mut bytes = vec![0; usize::try_from(size).ok()?];
    let middle = bytes.len() / 2;
    let (first, second) = bytes.split_at_mut(middle);
    let read = std::thread::scope(|scope| {
        let other = scope.spawn(|| file.read_exact_at(second, middle as u64));
        let mine = file.read_exact_at(first, 0);
        mine.is_ok() && other.join().is_ok_and(|theirs| theirs.is_ok())
    });
    // A byte past the end means the file grew while it was read.
    let ended = matches!(file.read_at(&mut [0], size), Ok(0));
    (read && ended).then_some(bytes)
}

#[cfg(not(unix))]
fn read_in_halves(_file: &std::fs::File, _size: u64) -> Option<Vec<u8>> {
    None
}

/// Reads standard input up to `limit`; `name` is what reports call it.
pub fn read_stdin(name: &str, limit: u64) -> Result<Vec<u8>, ToolError> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| {
            ToolError::of(Message::new("error.read-stdin").arg_io("detail", &error))
                .in_file(name)
                .with_kind(ErrorKind::Read)
        })?;
    if bytes.len() as u64 > limit {
        return Err(too_large(name, limit));
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> ToolError {
    ToolError::of(
        Message::new("error.too-large")
            .arg("file", name)
            .arg("limit", limit),
    )
    .in_file(name)
    .with_kind(ErrorKind::TooLarge)
}

/// A file name as a terminal may show it: control, bidi and zero-width characters as escapes
/// (see [`crate::visible`]), so that a name cannot move the cursor, recolour the screen or
/// reorder the line.
pub fn shown(name: &str) -> String {
    crate::visible::visible(name).into_owned()
}

/// How reports name a file: as given, without a leading `./`.
pub fn display_name(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

#[cfg(test)]
mod tests {
    use super::{HALVES_FROM, read_in_halves, read_limited};

    /// A large file read in halves is the file, byte for byte, whether or not its halves meet
    /// inside a character; a smaller one is read in turn.
    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.json");
        let line = "  {\"name\": \"數據集第1號\"},\n";
        let text = line.repeat(HALVES_FROM as usize / line.len() + 7);
        std::fs::write(&path, &text).unwrap();
        let file = std::fs::File::open(&path).unwrap();
        let halves = read_in_halves(&file, text.len() as u64);
        assert_eq!(
            halves.is_some(),
            crate::ordered::threads_here() >= 2,
            "read in halves when two threads may run"
        );
        if let Some(bytes) = halves {
            assert!(bytes == text.as_bytes());
        }
        // A size the file does not have: read in turn instead.
        assert!(read_in_halves(&file, text.len() as u64 - 1).is_none());
        assert!(read_in_halves(&file, text.len() as u64 + 1).is_none());
        let bytes = read_limited(&path, 1 << 30).unwrap();
        assert!(bytes == text.as_bytes());
        std::fs::write(&path, "small").unwrap();
        assert_eq!(read_limited(&path, 1 << 30).unwrap(), b"small");
        assert!(read_in_halves(&std::fs::File::open(&path).unwrap(), 5).is_none());
    }
}
