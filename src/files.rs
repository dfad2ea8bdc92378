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
