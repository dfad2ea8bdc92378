//! Writing files so that nothing is ever half written or lost: the bytes go to a temporary file in
//! the same folder (created with the file's final mode, owner and group), which is flushed and then
//! moved into place in one step. On any failure the destination is as it was.
//!
//! What a rename would break is handled first: a symbolic link is followed to its target (the link
//! stays), a file with several hard links is written in place (the links stay shared), something
//! that is not a regular file (`/dev/null`, a FIFO) is written to directly, and a read-only file or
//! one changed since it was read is refused.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::messages::{Message, Said};

/// Replaces `path`'s contents (or creates it), keeping an existing file's mode, owner and group.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    replace_checked(path, bytes, None)
}

/// As [`replace`], but only if the file still holds `expected` (what was read from it): a save
/// made meanwhile by someone else is never overwritten.
pub fn replace_unchanged(path: &Path, bytes: &[u8], expected: &[u8]) -> io::Result<()> {
    replace_checked(path, bytes, Some(expected))
}

fn replace_checked(path: &Path, bytes: &[u8], expected: Option<&[u8]>) -> io::Result<()> {
    let target = follow_links(path)?;
    let meta = match fs::metadata(&target) {
        Ok(meta) => Some(meta),
        Err(error) if error.kind() == io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    let Some(meta) = meta else {
        if expected.is_some() {
            return Err(io::Error::other(Said(Message::new(
                "io.removed-while-fixing",
            ))));
        }
        let temporary = write_temporary(&target, bytes, None)?;
        return rename_or_clean(&temporary, &target);
    };
    if !meta.is_file() {
        // A device or a FIFO: renaming would replace it with a plain file.
        let mut file = fs::OpenOptions::new().write(true).open(&target)?;
        return file.write_all(bytes).and_then(|()| file.flush());
    }
    if meta.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            Said(Message::new("io.read-only-file")),
        ));
    }
    if links(&meta) > 1 {
        // Renaming would split the hard links; write the shared file itself.
        check_unchanged(&target, &meta, expected)?;
        let mut file = fs::OpenOptions::new().write(true).open(&target)?;
        file.set_len(0)?;
        return file.write_all(bytes).and_then(|()| file.sync_all());
    }
    let temporary = write_temporary(&target, bytes, Some(&meta))?;
    if let Err(error) = check_unchanged(&target, &meta, expected) {
        let _ = fs::remove_file(&temporary);
        return Err(error);
    }
    rename_or_clean(&temporary, &target)
}

fn rename_or_clean(temporary: &Path, target: &Path) -> io::Result<()> {
    let result = fs::rename(temporary, target);
    if result.is_err() {
        let _ = fs::remove_file(temporary);
    }
    result
}

/// The file a path names, through any symbolic links.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => fs::canonicalize(path).map_err(|error| {
            io::Error::new(
                error.kind(),
                Said(Message::new("io.dangling-link").arg_io("detail", &error)),
            )
        }),
        _ => Ok(path.to_path_buf()),
    }
}

/// Fails when the file no longer holds `expected`, or its size or time differ from `meta`.
fn check_unchanged(path: &Path, meta: &fs::Metadata, expected: Option<&[u8]>) -> io::Result<()> {
    let Some(expected) = expected else {
        return Ok(());
    };
    let now = fs::metadata(path)?;
    let same = now.len() == meta.len()
        && now.len() == expected.len() as u64
        && now.modified().ok() == meta.modified().ok()
        && fs::read(path)? == expected;
    if same {
        Ok(())
    } else {
        Err(io::Error::other(Said(Message::new(
            "io.changed-while-fixing",
        ))))
    }
}

#[cfg(unix)]
fn links(meta: &fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt;
    meta.nlink()
}

#[cfg(not(unix))]
fn links(_meta: &fs::Metadata) -> u64 {
    1
}

/// Creates `path` with `bytes`, failing with [`io::ErrorKind::AlreadyExists`] if it exists —
/// also when another program creates it meanwhile: a hard link never replaces a file.
pub fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = write_temporary(path, bytes, None)?;
    let result = match fs::hard_link(&temporary, path) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(_) if path.exists() => Err(io::Error::from(io::ErrorKind::AlreadyExists)),
        // Some file systems have no hard links; a rename is the next best thing.
        Err(_) => fs::rename(&temporary, path),
    };
    let _ = fs::remove_file(&temporary);
    result
}

/// Opens a new temporary file: with the existing file's mode (no set-user or set-group bit) and
/// owner when there is one, else the usual mode of a new file.
fn open_temporary(candidate: &Path, like: Option<&fs::Metadata>) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
        let mode = like.map_or(0o666, |meta| meta.mode() & 0o777);
        options.mode(mode);
        let file = options.open(candidate)?;
        if let Some(meta) = like {
            let own = file.metadata()?;
            let differs = own.uid() != meta.uid() || own.gid() != meta.gid();
            let kept = if differs {
                std::os::unix::fs::fchown(&file, Some(meta.uid()), Some(meta.gid()))
            } else {
                Ok(())
            };
            if let Err(error) = kept {
                let _ = fs::remove_file(candidate);
                return Err(io::Error::new(
                    error.kind(),
                    Said(Message::new("io.owner").arg_io("detail", &error)),
                ));
            }
            // The umask may have narrowed the mode at creation.
            file.set_permissions(fs::Permissions::from_mode(mode))?;
        }
        Ok(file)
    }
    #[cfg(not(unix))]
    {
        let file = options.open(candidate)?;
        if let Some(meta) = like {
            file.set_permissions(meta.permissions())?;
        }
        Ok(file)
    }
}

/// A new, flushed file holding `bytes` beside `path`, named so that nothing else uses it.
fn write_temporary(path: &Path, bytes: &[u8], like: Option<&fs::Metadata>) -> io::Result<PathBuf> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file name"))?
        .to_string_lossy();
    for attempt in 0..100u32 {
        let candidate = folder.join(format!(
            ".{name}.odplint-{}-{attempt}.tmp",
            std::process::id()
        ));
        let mut file = match open_temporary(&candidate, like) {
            Ok(file) => file,
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        };
        let written = file.write_all(bytes).and_then(|()| file.sync_all());
        return match written {
            Ok(()) => Ok(candidate),
            Err(error) => {
                let _ = fs::remove_file(&candidate);
                Err(error)
            }
        };
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        Said(Message::new("io.no-temporary-name")),
    ))
}

/// Whether two paths name the same file (through links), for refusing to write over an input.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        matches!((fs::canonicalize(a), fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_permissions_and_create_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        create(&path, b"one").unwrap();
        assert_eq!(
            create(&path, b"two").unwrap_err().kind(),
            io::ErrorKind::AlreadyExists
        );
        assert_eq!(fs::read(&path).unwrap(), b"one");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
            replace(&path, b"three").unwrap();
            assert_eq!(
                fs::metadata(&path).unwrap().permissions().mode() & 0o777,
                0o640
            );
        }
        assert_eq!(fs::read(&path).unwrap(), b"three");
        let leftovers = fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn a_file_changed_since_it_was_read_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        fs::write(&path, b"saved meanwhile").unwrap();
        let error = replace_unchanged(&path, b"fixed", b"as read").unwrap_err();
        assert!(error.to_string().contains("changed on disk"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"saved meanwhile");
        replace_unchanged(&path, b"fixed", b"saved meanwhile").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"fixed");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
