//! Graphical diagnostics through miette: the source lines, a label on the exact cell, a help
//! line. Conversion to miette's types happens here and nowhere else.

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan};

use super::{FileReport, Summary, excerpt};
use crate::diagnostic::{Diagnostic, Severity};
use crate::document::Document;
use crate::messages::Lang;

/// How the graphical report is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for HumanOptions {
    fn default() -> Self {
        Self {
            color: false,
            width: 100,
        }
    }
}

struct Rendered<'a> {
    code: String,
    message: String,
    severity: Severity,
    help: Option<String>,
    labels: Vec<LabeledSpan>,
    source: Box<dyn miette::SourceCode + 'a>,
}

impl fmt::Debug for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Rendered<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rendered<'_> {}

impl miette::Diagnostic for Rendered<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&*self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }
}

fn convert<'a>(document: &'a Document, diagnostic: &Diagnostic, lang: Lang) -> Rendered<'a> {
    let clamp = |span: &std::ops::Range<usize>| {
        let start = span.start.min(document.text.len());
        let end = span.end.clamp(start, document.text.len());
        start..end
    };
    let spans: Vec<std::ops::Range<usize>> = std::iter::once(&diagnostic.span)
        .chain(diagnostic.related.iter().map(|related| &related.span))
        .map(clamp)
        .collect();
    // Long or unsafe lines are drawn from an excerpt (cut around the labels, controls
    // escaped); every other diagnostic from the document itself.
    let (source, spans): (Box<dyn miette::SourceCode + 'a>, Vec<(usize, usize)>) =
        if excerpt::needs_excerpt(document, &spans) {
            let excerpt = excerpt::Excerpt::new(document, &spans);
            let moved = spans
                .iter()
                .map(|span| {
                    let start = excerpt.map(span.start);
                    let end = excerpt.map(span.end).max(start);
                    (start, end - start)
                })
                .collect();
            let source = excerpt::ExcerptSource {
                name: &document.name,
                document,
                excerpt,
            };
            (Box::new(source), moved)
        } else {
            let moved = spans.iter().map(|s| (s.start, s.end - s.start)).collect();
            (Box::new(document.source()), moved)
        };
    let mut labels = vec![LabeledSpan::new_primary_with_span(
        diagnostic.label.as_ref().map(|l| l.render(lang)),
        spans[0],
    )];
    for (related, span) in diagnostic.related.iter().zip(&spans[1..]) {
        labels.push(LabeledSpan::new_with_span(
            Some(related.message.render(lang)),
            *span,
        ));
    }
    let help = super::help_text(diagnostic, lang);
    Rendered {
        code: format!("{}({})", diagnostic.rule.code, diagnostic.rule.name),
        message: diagnostic.message.render(lang),
        severity: diagnostic.severity,
        help,
        labels,
        source,
    }
}

/// After the files: the tool errors and the summary line.
pub(super) fn emit_tail(
    summary: Summary,
    errors: &[crate::ToolError],
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    super::write_errors(out, errors, lang)?;
    writeln!(out, "{}", summary.with_tool_errors(errors.len()).line(lang))
}

/// Every diagnostic drawn with its source lines (at most `max_per_file` a file), without the
/// closing summary line.
pub(crate) fn emit_diagnostics(
    reports: &[FileReport],
    lang: Lang,
    human: &HumanOptions,
    max_per_file: Option<usize>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let theme = if human.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(human.width)
        .with_links(false);
    let mut buffer = String::new();
    for report in reports {
        let (shown, left_out) = super::shown(report, max_per_file);
        for diagnostic in shown {
            buffer.clear();
            let rendered = convert(&report.document, diagnostic, lang);
            handler
                .render_report(&mut buffer, &rendered)
                .map_err(|_| io::Error::other("could not render a diagnostic"))?;
            out.write_all(buffer.as_bytes())?;
            writeln!(out)?;
        }
        super::write_left_out(out, &report.document.name, left_out, lang)?;
    }
    Ok(())
}
