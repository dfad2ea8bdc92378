//! GitHub Actions workflow commands: one `::error`, `::warning` or `::notice` line per finding,
//! which the runner turns into annotations on the pull request.

use std::io::{self, Write};

use super::{FileReport, Summary};
use crate::ToolError;
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::messages::Lang;

/// One command per finding of a file.
pub(super) fn emit_file(report: &FileReport, lang: Lang, out: &mut dyn Write) -> io::Result<()> {
    for diagnostic in &report.diagnostics {
        writeln!(out, "{}", command(&report.document, diagnostic, lang))?;
    }
    Ok(())
}

/// After the files: a command per tool error, and the summary line.
pub(super) fn emit_tail(
    summary: Summary,
    errors: &[ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    for error in errors {
        writeln!(out, "{}", error_command(error, lang))?;
    }
    // The runner reads only lines that start with `::`; the summary never does.
    writeln!(out, "{}", summary.with_tool_errors(errors.len()).line(lang))
}

/// A tool error as an annotation: on its file when it has one, else on the run.
fn error_command(error: &ToolError, lang: Lang) -> String {
    let mut properties = Vec::new();
    if let Some(file) = &error.file {
        properties.push(format!("file={}", escape_property(file)));
    }
    properties.push(format!("title={}", escape_property("odplint error")));
    format!(
        "::error {}::{}",
        properties.join(","),
        escape_data(&error.render(lang))
    )
}

fn command(document: &Document, diagnostic: &Diagnostic, lang: Lang) -> String {
    let start = document.position(diagnostic.span.start);
    let end = document.position(diagnostic.span.end);
    let name = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let mut properties = vec![
        ("file", escape_property(&document.name)),
        ("line", start.line.to_string()),
    ];
    // GitHub applies col and endColumn only to a region on one line.
    if start.line == end.line {
        properties.push(("col", start.column.to_string()));
        properties.push(("endLine", end.line.to_string()));
        properties.push(("endColumn", end.column.to_string()));
    } else {
        properties.push(("endLine", end.line.to_string()));
    }
    let title = format!("{} {}", diagnostic.rule.code, diagnostic.rule.name);
    properties.push(("title", escape_property(&title)));
    let properties = properties
        .iter()
        .map(|(key, value)| format!("{key}={value}"))
        .collect::<Vec<_>>()
        .join(",");
    let mut message = diagnostic.message.render(lang);
    if let Some(help) = super::help_text(diagnostic, lang) {
        message.push_str("\n\n");
        message.push_str(&help);
    }
    format!("::{name} {properties}::{}", escape_data(&message))
}

/// The runner's escaping of a command's message: a line break would end the command and let
/// the rest of the text (a hostile dataset name, say) run as a command of its own. Line breaks
/// the message means are kept (as `%0A`); every other control, bidi or zero-width character is
/// made visible first, so that the log shows it instead of obeying it.
fn escape_data(text: &str) -> String {
    crate::visible::visible_lines(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties also escape the characters that separate them.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped() {
        assert_eq!(escape_data("a%b\r\n::c,d"), "a%25b%0D%0A::c,d");
        assert_eq!(escape_property("a%b\n::c,d"), "a%25b%0A%3A%3Ac%2Cd");
    }
}
