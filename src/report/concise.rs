//! `file:line:col: severity[CODE] message`, one finding per line, for editors and pre-commit.

use std::io::{self, Write};

use super::{FileReport, Summary, one_line};
use crate::ToolError;
use crate::messages::Lang;

/// The lines of one file's findings (at most `max_per_file`, then a line for the rest).
pub(super) fn emit_file(
    report: &FileReport,
    lang: Lang,
    max_per_file: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    {
        let document = &report.document;
        let (shown, left_out) = super::shown(report, max_per_file);
        for diagnostic in shown {
            let start = document.position(diagnostic.span.start);
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}",
                crate::visible::visible(&document.name),
                start.line,
                start.column,
                diagnostic.severity,
                diagnostic.rule.code,
                one_line(&diagnostic.message.render(lang)),
            )?;
        }
        super::write_left_out(out, &document.name, left_out, lang)
    }
}

/// After the files: the tool errors and the summary line.
pub(super) fn emit_tail(
    summary: Summary,
    errors: &[ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::write_errors(out, errors, lang)?;
    writeln!(out, "{}", summary.with_tool_errors(errors.len()).line(lang))
}
