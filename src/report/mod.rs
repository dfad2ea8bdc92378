//! One emitter per output format, all reading the same diagnostics.

mod concise;
pub(crate) mod human;
pub(crate) mod json;

use std::io::{self, Write};

pub use human::HumanOptions;

use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::messages::{Lang, Message};

/// The findings of one checked file.
#[derive(Debug)]
pub struct FileReport {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Counts over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for diagnostic in reports.iter().flat_map(|r| &r.diagnostics) {
            match diagnostic.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The closing line of the human and concise formats.
    pub fn line(&self, lang: Lang) -> String {
        if self.problems() == 0 {
            Message::new("summary.none")
                .arg("files", self.files)
                .render(lang)
        } else {
            Message::new("summary.some")
                .arg("problems", self.problems())
                .arg("errors", self.errors)
                .arg("warnings", self.warnings)
                .arg("infos", self.infos)
                .arg("files", self.files)
                .render(lang)
        }
    }
}

/// The output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Graphical diagnostics with the source lines (default).
    Human,
    /// One line per finding: `file:line:col: severity[CODE] message`.
    Concise,
    /// A stable JSON document for other tools.
    Json,
}

/// Writes the reports in `format`.
pub fn emit(
    format: Format,
    reports: &[FileReport],
    lang: Lang,
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::emit(reports, lang, human, out),
        Format::Concise => concise::emit(reports, lang, out),
        Format::Json => json::emit(reports, lang, out),
    }
}
