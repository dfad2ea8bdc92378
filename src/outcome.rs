//! How a run ends: the exit code as a type, and the tool's own errors (not findings about a
//! plan), with the file and kind every report format gives them.

use std::fmt;

use crate::messages::{Lang, Message};

/// How a command ended, as the process exit code reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the failure level (exit 0).
    Clean,
    /// Findings at or above the failure level (exit 1).
    Findings,
    /// A usage, I/O or internal error (exit 2).
    ToolError,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::ToolError => 2,
        }
    }
}

/// A failure of the tool itself (not a finding about a plan).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolError {
    /// What went wrong, in the catalogue's words: rendered in the run's language wherever the
    /// error is shown (standard error and every report format).
    pub message: Message,
    /// The file it is about, as reports name files, when it is about one.
    pub file: Option<String>,
    pub kind: ErrorKind,
}

/// What kind of failure a [`ToolError`] is, as the machine formats name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A path that does not exist.
    NotFound,
    /// A file or stream that could not be read (permissions, not UTF-8 readable, a folder...).
    Read,
    /// A file over `--max-file-size`.
    TooLarge,
    /// An `odplint.toml` that cannot be used.
    Config,
    /// An output that could not be written.
    Write,
    /// Anything else.
    Other,
}

impl ErrorKind {
    /// The name the machine formats give the kind (as in the JSON report).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not-found",
            ErrorKind::Read => "read",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Config => "config",
            ErrorKind::Write => "write",
            ErrorKind::Other => "other",
        }
    }
}

impl ToolError {
    /// An error in the catalogue's words.
    pub fn of(message: Message) -> Self {
        Self {
            message,
            file: None,
            kind: ErrorKind::Other,
        }
    }

    /// An error whose text has no catalogue entry (a parser's own words): shown as it is in
    /// every language.
    pub fn new(message: impl Into<String>) -> Self {
        Self::of(Message::verbatim(message))
    }

    /// The same error, about `file`.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }

    /// The error's text in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        self.message.render(lang)
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message.render(Lang::En))
    }
}

impl std::error::Error for ToolError {}
