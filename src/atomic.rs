//! Writing files so that nothing is ever half written: the bytes go to a temporary file in the
//! same folder, which is flushed and then moved into place in one step. On any failure the
//! destination is as it was.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Replaces `path`'s contents (or creates it), keeping an existing file's permissions.
pub fn replace(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let permissions = fs::metadata(path).ok().map(|m| m.permissions());
    let temporary = write_temporary(path, bytes)?;
    let result = permissions
        .map_or(Ok(()), |permissions| {
            fs::set_permissions(&temporary, permissions)
        })
        .and_then(|()| fs::rename(&temporary, path));
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result
}

/// Creates `path` with `bytes`, failing with [`io::ErrorKind::AlreadyExists`] if it exists —
/// also when another program creates it meanwhile: a hard link never replaces a file.
pub fn create(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let temporary = write_temporary(path, bytes)?;
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

/// A new, flushed file holding `bytes` beside `path`, named so that nothing else uses it.
fn write_temporary(path: &Path, bytes: &[u8]) -> io::Result<PathBuf> {
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
        let mut file = match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
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
        "no free name for a temporary file",
    ))
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
}
