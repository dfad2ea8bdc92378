//! The stable JSON report: `{"version": 1, "diagnostics": [...], "errors": [...], "summary": {...}}`.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use super::{FileReport, RuleCount, Summary, pretty_at};
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::Document;
use crate::messages::Lang;
use crate::{ErrorKind, ToolError};

#[derive(Serialize)]
struct JsonReport<'a> {
    version: u32,
    /// Rendered file by file as the files came ([`render_file`]).
    diagnostics: &'a [Box<RawValue>],
    /// Failures of the tool: files that could not be read, checked or written.
    errors: Vec<JsonError<'a>>,
    summary: JsonSummary,
    /// Only with `--statistics`, so the version 1 shape is otherwise unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    statistics: Option<Vec<RuleCount>>,
}

#[derive(Serialize)]
struct JsonSummary {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    tool_errors: usize,
}

#[derive(Serialize)]
pub(crate) struct JsonError<'a> {
    file: Option<&'a str>,
    message: String,
    kind: ErrorKind,
}

#[derive(Serialize)]
pub(crate) struct JsonDiagnostic<'a> {
    file: &'a str,
    code: &'static str,
    name: &'static str,
    severity: Severity,
    message: String,
    help: Option<String>,
    pointer: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    fix: Option<JsonFix>,
}

#[derive(Serialize)]
struct JsonFix {
    applicability: Applicability,
    message: String,
    edits: Vec<JsonEdit>,
}

#[derive(Serialize)]
struct JsonEdit {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Byte offsets in the file as stored (a byte-order mark included).
    start_offset: usize,
    end_offset: usize,
    replacement: String,
}

/// A file's findings as the report will write them (at their depth in it), so that the run
/// keeps the findings, not the file.
pub(crate) fn render_file(report: &FileReport, lang: Lang) -> io::Result<Vec<Box<RawValue>>> {
    report
        .diagnostics
        .iter()
        .map(|d| pretty_at(&convert(&report.document, d, lang), 2))
        .collect()
}

pub(super) fn emit(
    diagnostics: &[Box<RawValue>],
    summary: Summary,
    statistics: Option<Vec<RuleCount>>,
    errors: &[ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let report = JsonReport {
        version: 1,
        diagnostics,
        errors: json_errors(errors, lang),
        summary: JsonSummary {
            files: summary.files,
            errors: summary.errors,
            warnings: summary.warnings,
            infos: summary.infos,
            tool_errors: errors.len(),
        },
        statistics,
    };
    serde_json::to_writer_pretty(&mut *out, &report).map_err(io::Error::from)?;
    writeln!(out)
}

/// The run's tool errors in the shape of the JSON report (`audit`'s too).
pub(crate) fn json_errors(errors: &[ToolError], lang: Lang) -> Vec<JsonError<'_>> {
    errors
        .iter()
        .map(|error| JsonError {
            file: error.file.as_deref(),
            message: error.render(lang),
            kind: error.kind,
        })
        .collect()
}

fn convert<'a>(
    document: &'a Document,
    diagnostic: &'a Diagnostic,
    lang: Lang,
) -> JsonDiagnostic<'a> {
    let start = document.position(diagnostic.span.start);
    let end = document.position(diagnostic.span.end);
    let bom = if document.had_bom { 3 } else { 0 };
    JsonDiagnostic {
        file: &document.name,
        code: diagnostic.rule.code,
        name: diagnostic.rule.name,
        severity: diagnostic.severity,
        message: diagnostic.message.render(lang),
        help: diagnostic.help.as_ref().map(|h| h.render(lang)),
        pointer: &diagnostic.pointer,
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        fix: diagnostic.fix.as_ref().map(|fix| JsonFix {
            applicability: fix.applicability,
            message: fix.message.render(lang),
            edits: fix
                .edits
                .iter()
                .map(|edit| {
                    let from = document.position(edit.span.start);
                    let to = document.position(edit.span.end);
                    JsonEdit {
                        line: from.line,
                        column: from.column,
                        end_line: to.line,
                        end_column: to.column,
                        start_offset: edit.span.start + bom,
                        end_offset: edit.span.end + bom,
                        replacement: edit.replacement.clone(),
                    }
                })
                .collect(),
        }),
    }
}
