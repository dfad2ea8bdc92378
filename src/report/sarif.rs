//! SARIF 2.1.0 for code-scanning services: one run, the rule registry as the driver's rules, each
//! finding with its region in character columns, its JSON pointer and its fix.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::value::RawValue;

use super::{FileReport, pretty_at};
use crate::ToolError;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::document::{Document, Span};
use crate::messages::Lang;
use crate::rule::{DOC_HEADINGS, RuleMeta};
use crate::rules;

/// The published location of the schema, as the schema's own `id` gives it.
const SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// Relative paths are resolved against the checkout root, which code-scanning services know.
const SOURCE_ROOT: &str = "%SRCROOT%";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Our columns count Unicode scalar values; SARIF's default is UTF-16 code units, which
    /// differ for characters outside the BMP such as 𨋢.
    column_kind: &'static str,
    /// Whether the run did all it was asked, and the tool errors when it did not.
    invocations: Vec<Invocation>,
    /// Rendered file by file as the files came ([`render_file`]).
    results: &'a [Box<RawValue>],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Notification {
    level: &'static str,
    message: Text,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    locations: Vec<NotificationLocation>,
    descriptor: Descriptor,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: ArtifactOnly,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactOnly {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct Descriptor {
    id: &'static str,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    default_configuration: Configuration,
    help: MultiformatText,
    properties: RuleProperties,
}

#[derive(Serialize)]
struct RuleProperties {
    /// Whether findings of the rule can carry a fix: none, safe, unsafe or sometimes.
    fix: &'static str,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct MultiformatText {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule_index: Option<usize>,
    level: &'static str,
    message: Text,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<RelatedLocation>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    logical_locations: Vec<LogicalLocation>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RelatedLocation {
    id: usize,
    physical_location: PhysicalLocation,
    message: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize, Clone)]
#[serde(rename_all = "camelCase")]
struct ArtifactLocation {
    uri: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    uri_base_id: Option<&'static str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LogicalLocation {
    name: String,
    fully_qualified_name: String,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Text,
    artifact_changes: Vec<ArtifactChange>,
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    applicability: Applicability,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Text,
}

/// A file's results as the log will write them (at their depth in it), so that the run keeps
/// the findings, not the file.
pub(super) fn render_file(report: &FileReport, lang: Lang) -> io::Result<Vec<Box<RawValue>>> {
    let location = artifact_location(&report.document.name);
    report
        .diagnostics
        .iter()
        .map(|d| pretty_at(&result(&report.document, &location, d, lang), 4))
        .collect()
}

pub(super) fn emit(
    results: &[Box<RawValue>],
    errors: &[ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let log = Log {
        schema: SCHEMA_URI,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "odplint",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: rules::ALL.iter().map(|meta| rule(meta)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            invocations: vec![Invocation {
                execution_successful: errors.is_empty(),
                tool_execution_notifications: errors
                    .iter()
                    .map(|e| notification(e, lang))
                    .collect(),
            }],
            results,
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log).map_err(io::Error::from)?;
    writeln!(out)
}

fn notification(error: &ToolError, lang: Lang) -> Notification {
    Notification {
        level: "error",
        message: Text {
            text: error.render(lang),
        },
        locations: error
            .file
            .iter()
            .map(|file| NotificationLocation {
                physical_location: ArtifactOnly {
                    artifact_location: artifact_location(file),
                },
            })
            .collect(),
        descriptor: Descriptor {
            id: error.kind.as_str(),
        },
    }
}

fn rule(meta: &RuleMeta) -> Rule {
    let what = meta.doc_section(DOC_HEADINGS[0]).unwrap_or_default();
    let documentation = meta.documentation();
    Rule {
        id: meta.code,
        name: meta.name,
        short_description: Text {
            text: meta.summary(),
        },
        full_description: Text {
            text: what.split_whitespace().collect::<Vec<_>>().join(" "),
        },
        default_configuration: Configuration {
            level: level(meta.severity),
        },
        help: MultiformatText {
            text: documentation.clone(),
            markdown: documentation,
        },
        properties: RuleProperties {
            fix: meta.fix.as_str(),
        },
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn result(
    document: &Document,
    location: &ArtifactLocation,
    diagnostic: &Diagnostic,
    lang: Lang,
) -> SarifResult {
    let mut message = diagnostic.message.render(lang);
    if let Some(help) = &diagnostic.help {
        message.push('\n');
        message.push_str(&help.render(lang));
    }
    let logical_locations = match diagnostic.pointer.rsplit_once('/') {
        Some((_, last)) => vec![LogicalLocation {
            name: last.replace("~1", "/").replace("~0", "~"),
            fully_qualified_name: diagnostic.pointer.clone(),
            kind: "value",
        }],
        None => Vec::new(),
    };
    SarifResult {
        rule_id: diagnostic.rule.code,
        rule_index: rules::ALL
            .iter()
            .position(|meta| meta.code == diagnostic.rule.code),
        level: level(diagnostic.severity),
        message: Text { text: message },
        locations: vec![Location {
            physical_location: PhysicalLocation {
                artifact_location: location.clone(),
                region: region(document, &diagnostic.span),
            },
            logical_locations,
        }],
        related_locations: diagnostic
            .related
            .iter()
            .enumerate()
            .map(|(index, label)| RelatedLocation {
                id: index + 1,
                physical_location: PhysicalLocation {
                    artifact_location: location.clone(),
                    region: region(document, &label.span),
                },
                message: Text {
                    text: label.message.render(lang),
                },
            })
            .collect(),
        fixes: diagnostic
            .fix
            .iter()
            .map(|fix| SarifFix {
                description: Text {
                    text: fix.message.render(lang),
                },
                artifact_changes: vec![ArtifactChange {
                    artifact_location: location.clone(),
                    replacements: fix
                        .edits
                        .iter()
                        .map(|edit| Replacement {
                            deleted_region: region(document, &edit.span),
                            inserted_content: Text {
                                text: edit.replacement.clone(),
                            },
                        })
                        .collect(),
                }],
                properties: FixProperties {
                    applicability: fix.applicability,
                },
            })
            .collect(),
    }
}

/// Lines and character columns; byte offsets are left out, since SARIF's `charOffset` counts
/// characters and the line/column pair already says everything.
fn region(document: &Document, span: &Span) -> Region {
    let start = document.position(span.start);
    let end = document.position(span.end);
    Region {
        start_line: start.line,
        start_column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// A relative path stays relative to the source root; an absolute one becomes a `file:` URI.
fn artifact_location(name: &str) -> ArtifactLocation {
    let path = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_string()
    };
    let drive_letter = path.as_bytes().get(1) == Some(&b':')
        && path.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
    if path.starts_with('/') {
        ArtifactLocation {
            uri: format!("file://{}", encode_path(&path)),
            uri_base_id: None,
        }
    } else if cfg!(windows) && drive_letter {
        ArtifactLocation {
            uri: format!("file:///{}{}", &path[..2], encode_path(&path[2..])),
            uri_base_id: None,
        }
    } else {
        ArtifactLocation {
            uri: encode_path(&path),
            uri_base_id: Some(SOURCE_ROOT),
        }
    }
}

/// Percent-encodes everything in a path but unreserved characters and `/` (RFC 3986), so that
/// spaces, `:`, `%` and non-ASCII names make a valid URI reference.
fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        let relative = artifact_location("plans/香港 警務處/a%b:c.yaml");
        assert_eq!(
            relative.uri,
            "plans/%E9%A6%99%E6%B8%AF%20%E8%AD%A6%E5%8B%99%E8%99%95/a%25b%3Ac.yaml"
        );
        assert_eq!(relative.uri_base_id, Some(SOURCE_ROOT));
        assert_eq!(artifact_location("<stdin>").uri, "%3Cstdin%3E");
        if !cfg!(windows) {
            let absolute = artifact_location("/tmp/p q.yaml");
            assert_eq!(absolute.uri, "file:///tmp/p%20q.yaml");
            assert_eq!(absolute.uri_base_id, None);
        }
    }

    #[test]
    fn levels_follow_severities() {
        assert_eq!(level(Severity::Error), "error");
        assert_eq!(level(Severity::Warning), "warning");
        assert_eq!(level(Severity::Info), "note");
    }
}
