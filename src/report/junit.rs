//! JUnit XML for CI systems that show test results: a test suite per checked file, a failing
//! test case per finding, and one passing test case for a file without findings.

use std::io::{self, Write};

use super::FileReport;
use crate::ToolError;
use crate::messages::Lang;

/// The suites of the files so far, as they will be written: the run keeps the findings, not
/// the files.
#[derive(Default)]
pub(super) struct Suites {
    xml: String,
    tests: usize,
    failures: usize,
}

/// Adds a file's suite.
pub(super) fn render_file(suites: &mut Suites, report: &FileReport, lang: Lang) -> io::Result<()> {
    let mut out = Vec::new();
    suite(&mut out, report, lang)?;
    suites
        .xml
        .push_str(&String::from_utf8(out).map_err(io::Error::other)?);
    suites.failures += report.diagnostics.len();
    suites.tests += report.diagnostics.len().max(1);
    Ok(())
}

fn suite(out: &mut dyn Write, report: &FileReport, lang: Lang) -> io::Result<()> {
    let document = &report.document;
    let file = escape(&document.name);
    let count = report.diagnostics.len();
    writeln!(
        out,
        r#"  <testsuite name="{file}" tests="{}" failures="{count}" errors="0" skipped="0">"#,
        count.max(1)
    )?;
    if report.diagnostics.is_empty() {
        writeln!(out, r#"    <testcase name="odplint" classname="{file}" />"#)?;
    }
    for diagnostic in &report.diagnostics {
        let start = document.position(diagnostic.span.start);
        let name = format!(
            "{} {} at {}:{}",
            diagnostic.rule.code, diagnostic.rule.name, start.line, start.column
        );
        writeln!(
            out,
            r#"    <testcase name="{}" classname="{file}">"#,
            escape(&name)
        )?;
        let code = escape(diagnostic.rule.code);
        let message = escape(&diagnostic.message.render(lang));
        match super::help_text(diagnostic, lang) {
            Some(help) => writeln!(
                out,
                r#"      <failure type="{code}" message="{message}">{}</failure>"#,
                escape(&help)
            )?,
            None => writeln!(
                out,
                r#"      <failure type="{code}" message="{message}" />"#
            )?,
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")
}

pub(super) fn emit(
    suites: &Suites,
    errors: &[ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let tests = suites.tests + errors.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="odplint" tests="{tests}" failures="{}" errors="{}">"#,
        suites.failures,
        errors.len()
    )?;
    out.write_all(suites.xml.as_bytes())?;
    // A file that could not be checked is a suite with one test case in error.
    for error in errors {
        let file = escape(error.file.as_deref().unwrap_or("odplint"));
        writeln!(
            out,
            r#"  <testsuite name="{file}" tests="1" failures="0" errors="1" skipped="0">"#
        )?;
        writeln!(out, r#"    <testcase name="odplint" classname="{file}">"#)?;
        writeln!(
            out,
            r#"      <error type="{}" message="{}" />"#,
            escape(error.kind.as_str()),
            escape(&error.render(lang))
        )?;
        writeln!(out, "    </testcase>")?;
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// Escapes text for an attribute or element: the five markup characters, line breaks and tabs as
/// references (an attribute would otherwise turn them into spaces), other controls, bidi and
/// zero-width characters as visible `\u{..}` escapes, and U+FFFD for U+FFFE and U+FFFF.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\u{fffe}' | '\u{ffff}' => out.push('\u{fffd}'),
            // Controls (which XML 1.0 mostly forbids), bidi and zero-width characters: shown.
            c if crate::visible::must_escape(c) => crate::visible::push_char(&mut out, c),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            escape("<a href='x'>&\"\u{1}\u{7}\u{ffff}\n𨋢</a>"),
            "&lt;a href=&apos;x&apos;&gt;&amp;&quot;\\u{1}\\u{7}\u{fffd}&#10;𨋢&lt;/a&gt;"
        );
    }
}
