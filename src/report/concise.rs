//! `file:line:col: severity[CODE] message`, one finding per line, for editors and pre-commit.

use std::io::{self, Write};

use super::{FileReport, Summary, one_line};
use crate::ToolError;
use crate::messages::Lang;

pub(super) fn emit(
    reports: &[FileReport],
    errors: &[ToolError],
    lang: Lang,
    max_per_file: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    for report in reports {
        let document = &report.document;
        let (shown, left_out) = super::shown(report, max_per_file);
        for diagnostic in shown {
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
        super::write_left_out(out, &one_line(&document.name), left_out, lang)?;
    }
    super::write_errors(out, errors)?;
    writeln!(
        out,
        "{}",
        Summary::of(reports)
            .with_tool_errors(errors.len())
            .line(lang)
    )
}
