//! Where an open document lives: its file path (from a `file:` URI), whether it is YAML or JSON,
//! and the `odplint.toml` that applies to it, found by walking up as the command line finds it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::{self, Config};
use crate::document::SourceKind;

/// The path of a `file:` URI, percent-decoded; `None` for other schemes (`untitled:`).
pub fn uri_to_path(uri: &str) -> Option<PathBuf> {
    let rest = uri.strip_prefix("file://")?;
    // `file:///path` or `file://localhost/path`; other hosts are not local files.
    let path = match rest.strip_prefix("localhost") {
        Some(after) if after.starts_with('/') => after,
        _ if rest.starts_with('/') => rest,
        _ => return None,
    };
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let decoded = percent_decode(path)?;
    // Windows: `/C:/Users/...` is `C:/Users/...`.
    let bytes = decoded.as_bytes();
    let decoded = if bytes.len() >= 3 && bytes[0] == b'/' && bytes[2] == b':' {
        decoded[1..].to_string()
    } else {
        decoded
    };
    Some(PathBuf::from(decoded))
}

/// A `file:` URI for a path (absolute), percent-encoding everything but unreserved characters
/// and `/`.
pub fn path_to_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let text = absolute.to_string_lossy().replace('\\', "/");
    let mut out = String::from("file://");
    if !text.starts_with('/') {
        out.push('/');
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = text.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// YAML or JSON: by the file's extension, else by the client's language id.
pub fn source_kind(uri: &str, language_id: &str) -> SourceKind {
    let name = uri.split(['?', '#']).next().unwrap_or(uri);
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".json") || language_id == "json" || language_id == "jsonc" {
        SourceKind::Json
    } else {
        SourceKind::Yaml
    }
}

/// Whether a URI names a configuration file.
pub fn is_config_uri(uri: &str) -> bool {
    uri.split(['?', '#'])
        .next()
        .is_some_and(|u| u.ends_with(&format!("/{}", config::FILE_NAME)))
}

/// The configurations found so far, by folder; emptied when an `odplint.toml` changes.
#[derive(Debug, Default)]
pub struct Configs {
    by_folder: HashMap<PathBuf, Arc<Config>>,
    default: Arc<Config>,
}

impl Configs {
    /// The configuration for a document at `path` (none: the current folder's, as for stdin).
    /// A configuration that does not load gives the error's text and the default configuration.
    pub fn for_path(&mut self, path: Option<&Path>) -> (Arc<Config>, Option<crate::ToolError>) {
        let folder = path
            .and_then(Path::parent)
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        if let Some(config) = self.by_folder.get(&folder) {
            return (config.clone(), None);
        }
        match Config::discover(&folder) {
            Ok(config) => {
                let config = Arc::new(config);
                self.by_folder.insert(folder, config.clone());
                (config, None)
            }
            Err(error) => (self.default.clone(), Some(error)),
        }
    }

    pub fn clear(&mut self) {
        self.by_folder.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_decode_to_paths_and_back() {
        assert_eq!(
            uri_to_path("file:///tmp/plans/%E8%AD%A6%20x.yaml"),
            Some(PathBuf::from("/tmp/plans/警 x.yaml"))
        );
        assert_eq!(
            uri_to_path("file://localhost/a.yaml"),
            Some(PathBuf::from("/a.yaml"))
        );
        assert_eq!(
            uri_to_path("file:///C:/plans/a.yaml"),
            Some(PathBuf::from("C:/plans/a.yaml"))
        );
        assert_eq!(uri_to_path("untitled:Untitled-1"), None);
        assert_eq!(uri_to_path("file://server/share/a.yaml"), None);
        assert_eq!(uri_to_path("file:///bad%zz"), None);
        let uri = path_to_uri(Path::new("/tmp/警 x.yaml"));
        assert_eq!(uri, "file:///tmp/%E8%AD%A6%20x.yaml");
        assert_eq!(uri_to_path(&uri), Some(PathBuf::from("/tmp/警 x.yaml")));
    }

    #[test]
    fn kinds_and_configuration_files_are_recognised() {
        assert_eq!(source_kind("file:///a.JSON", "yaml"), SourceKind::Json);
        assert_eq!(source_kind("untitled:1", "json"), SourceKind::Json);
        assert_eq!(source_kind("file:///a.yml", "yaml"), SourceKind::Yaml);
        assert!(is_config_uri("file:///p/odplint.toml"));
        assert!(!is_config_uri("file:///p/odplint.toml.bak"));
    }
}
