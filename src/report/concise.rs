//! `file:line:col: severity[CODE] message`, one finding per line, for editors and pre-commit.

use std::io::{self, Write};

use super::{FileReport, Summary};
use crate::messages::Lang;

pub(super) fn emit(reports: &[FileReport], lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for report in reports {
        let document = &report.document;
        for diagnostic in &report.diagnostics {
            let start = document.position(diagnostic.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                document.name,
                start.line,
                start.column,
                diagnostic.severity,
                diagnostic.rule.code,
                one_line(&diagnostic.message.render(lang)),
            )?;
        }
    }
    writeln!(out, "{}", Summary::of(reports).line(lang))
}

/// Messages quote user text, which may hold line breaks; a line format must not.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}
