//! One emitter per output format, all reading the same diagnostics.

mod concise;
mod excerpt;
mod github;
pub(crate) mod human;
pub(crate) mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

pub use human::HumanOptions;

use crate::ToolError;
use crate::diagnostic::{Applicability, Diagnostic, Severity};
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
    /// Failures of the tool (a file that could not be read or written).
    pub tool_errors: usize,
}

impl Summary {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut summary = Summary::default();
        for report in reports {
            summary.add(report);
        }
        summary
    }

    /// Counts one more file and its findings.
    pub fn add(&mut self, report: &FileReport) {
        self.files += 1;
        for diagnostic in &report.diagnostics {
            match diagnostic.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
                Severity::Info => self.infos += 1,
            }
        }
    }

    /// The same counts with the run's tool errors.
    pub fn with_tool_errors(mut self, count: usize) -> Self {
        self.tool_errors = count;
        self
    }

    pub fn problems(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    /// The closing line of the human and concise formats.
    pub fn line(&self, lang: Lang) -> String {
        let line = self.findings_line(lang);
        if self.tool_errors == 0 {
            return line;
        }
        let errors = Message::new("summary.tool-errors")
            .arg("count", self.tool_errors)
            .render(lang);
        format!("{line} {errors}")
    }

    fn findings_line(&self, lang: Lang) -> String {
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
    /// SARIF 2.1.0, for code scanning (GitHub's upload-sarif and others).
    Sarif,
    /// GitHub Actions workflow commands: an annotation per finding.
    Github,
    /// JUnit XML: a test suite per file, a failing test case per finding.
    Junit,
}

impl Format {
    /// Whether the report itself carries `--statistics`: as a table after it, or as a field of
    /// the JSON. SARIF and JUnit documents have no place for them.
    pub fn carries_statistics(self) -> bool {
        !matches!(self, Format::Sarif | Format::Junit)
    }

    /// Whether people read this format (so a closing sentence may follow the report).
    pub fn is_for_people(self) -> bool {
        matches!(self, Format::Human | Format::Concise)
    }

    /// Whether the format writes each file's findings on their own, so that a run can print
    /// them as soon as the file is checked (JSON, SARIF and JUnit wrap the whole run).
    pub fn streams(self) -> bool {
        matches!(self, Format::Human | Format::Concise | Format::Github)
    }
}

/// How reports are written, beyond the format itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReportOptions {
    pub human: HumanOptions,
    /// Add the count of findings per rule (`--statistics`).
    pub statistics: bool,
    /// At most this many findings per file in the formats people read; `None` for all.
    pub max_per_file: Option<usize>,
}

/// Writes the reports in `format`.
pub fn emit(
    format: Format,
    reports: &[FileReport],
    lang: Lang,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    emit_run(format, reports, &[], lang, options, out)
}

/// Writes the reports and the run's tool errors in `format`: every format carries both, so
/// that a file that could not be read is never silently missing from a machine's report.
pub fn emit_run(
    format: Format,
    reports: &[FileReport],
    errors: &[ToolError],
    lang: Lang,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut stream = ReportStream::new(format, lang, *options);
    for report in reports {
        stream.add(report, out)?;
    }
    stream.finish(errors, out)
}

/// A report written file by file, in the order the files are given: the line formats write
/// each file's findings at once; JSON, SARIF and JUnit wrap the whole run, so they render each
/// file's findings as they will be written and keep that text until [`ReportStream::finish`].
/// Either way no file is kept: a run's memory grows with its findings, not with its files.
pub struct ReportStream {
    format: Format,
    lang: Lang,
    options: ReportOptions,
    summary: Summary,
    counts: Vec<RuleCount>,
    /// JSON's diagnostics or SARIF's results, rendered.
    rendered: Vec<Box<serde_json::value::RawValue>>,
    suites: junit::Suites,
}

impl ReportStream {
    pub fn new(format: Format, lang: Lang, options: ReportOptions) -> Self {
        Self {
            format,
            lang,
            options,
            summary: Summary::default(),
            counts: Vec::new(),
            rendered: Vec::new(),
            suites: junit::Suites::default(),
        }
    }

    /// One more file: written at once, or rendered and kept as text.
    pub fn add(&mut self, report: &FileReport, out: &mut dyn Write) -> io::Result<()> {
        self.summary.add(report);
        if self.options.statistics {
            count_rules(&mut self.counts, report);
        }
        match self.format {
            Format::Human => human::emit_diagnostics(
                std::slice::from_ref(report),
                self.lang,
                &self.options.human,
                self.options.max_per_file,
                out,
            )?,
            Format::Concise => {
                concise::emit_file(report, self.lang, self.options.max_per_file, out)?
            }
            Format::Github => github::emit_file(report, self.lang, out)?,
            Format::Json => self.rendered.extend(json::render_file(report, self.lang)?),
            Format::Sarif => self.rendered.extend(sarif::render_file(report, self.lang)?),
            Format::Junit => junit::render_file(&mut self.suites, report, self.lang)?,
        }
        Ok(())
    }

    /// The counts over the files so far.
    pub fn summary(&self) -> Summary {
        self.summary
    }

    /// Findings per rule over the files so far (counted only with `statistics`).
    pub fn statistics(&self) -> Vec<RuleCount> {
        sorted_counts(self.counts.clone())
    }

    /// The end of the report: the tool errors and the summary, or the whole-run document.
    pub fn finish(self, errors: &[ToolError], out: &mut dyn Write) -> io::Result<()> {
        let (lang, options) = (self.lang, &self.options);
        match self.format {
            Format::Human => human::emit_tail(self.summary, errors, lang, out)?,
            Format::Concise => concise::emit_tail(self.summary, errors, lang, out)?,
            Format::Github => github::emit_tail(self.summary, errors, lang, out)?,
            Format::Json => json::emit(
                &self.rendered,
                self.summary,
                options.statistics.then(|| self.statistics()),
                errors,
                lang,
                out,
            )?,
            Format::Sarif => sarif::emit(&self.rendered, errors, lang, out)?,
            Format::Junit => junit::emit(&self.suites, errors, lang, out)?,
        }
        // The line formats end with the table; JSON has its field.
        if options.statistics && self.format.streams() {
            write_counts(&self.statistics(), out)?;
        }
        Ok(())
    }
}

impl FileReport {
    /// The report with its document shed of everything but what positions need.
    pub fn shed(mut self) -> Self {
        self.document.shed();
        self
    }
}

/// `value` as pretty JSON to be written verbatim at `depth` in a pretty document (its lines
/// after the first indented as the writer would indent them there): a whole-run format renders
/// each file's part as the file comes and keeps the text, not the file.
pub(crate) fn pretty_at(
    value: &impl serde::Serialize,
    depth: usize,
) -> io::Result<Box<serde_json::value::RawValue>> {
    let text = serde_json::to_string_pretty(value).map_err(io::Error::from)?;
    // A line break in pretty JSON is always layout: inside strings it is written `\n`.
    let text = text.replace('\n', &format!("\n{}", "  ".repeat(depth)));
    serde_json::value::RawValue::from_string(text).map_err(io::Error::from)
}

/// The findings of a file that the formats for people show, and how many are left out.
pub(crate) fn shown(report: &FileReport, max_per_file: Option<usize>) -> (&[Diagnostic], usize) {
    let limit = max_per_file
        .unwrap_or(usize::MAX)
        .min(report.diagnostics.len());
    (
        &report.diagnostics[..limit],
        report.diagnostics.len() - limit,
    )
}

/// The tool errors as the formats for people list them, before the summary line.
pub(crate) fn write_errors(
    out: &mut dyn Write,
    errors: &[ToolError],
    lang: Lang,
) -> io::Result<()> {
    for error in errors {
        writeln!(
            out,
            "odplint: error: {}",
            crate::visible::visible(&one_line(&error.render(lang)))
        )?;
    }
    Ok(())
}

/// Messages quote user text, which may hold line breaks; a line format must not.
pub(crate) fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// The line that says how many findings of a file were not shown.
pub(crate) fn write_left_out(
    out: &mut dyn Write,
    name: &str,
    left_out: usize,
    lang: Lang,
) -> io::Result<()> {
    if left_out == 0 {
        return Ok(());
    }
    // A message's text arguments are made visible as they are rendered.
    let line = Message::new("report.left-out")
        .arg("count", left_out)
        .arg("file", name)
        .render(lang);
    writeln!(out, "{line}")
}

/// The findings of one rule, counted over a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
}

/// Findings per rule, the most frequent first, ties by code.
pub fn statistics(reports: &[FileReport]) -> Vec<RuleCount> {
    let mut counts: Vec<RuleCount> = Vec::new();
    for report in reports {
        count_rules(&mut counts, report);
    }
    sorted_counts(counts)
}

/// Adds a file's findings to counts per rule.
pub fn count_rules(counts: &mut Vec<RuleCount>, report: &FileReport) {
    for diagnostic in &report.diagnostics {
        match counts.iter_mut().find(|c| c.code == diagnostic.rule.code) {
            Some(count) => count.count += 1,
            None => counts.push(RuleCount {
                code: diagnostic.rule.code,
                name: diagnostic.rule.name,
                count: 1,
            }),
        }
    }
}

fn sorted_counts(mut counts: Vec<RuleCount>) -> Vec<RuleCount> {
    counts.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
    counts
}

/// The statistics as a table of `count  code  name` lines, counts aligned to the right.
pub fn write_statistics(reports: &[FileReport], out: &mut dyn Write) -> io::Result<()> {
    write_counts(&statistics(reports), out)
}

/// Counts per rule (the most frequent first) as the statistics table.
pub fn write_counts(counts: &[RuleCount], out: &mut dyn Write) -> io::Result<()> {
    let width = counts
        .iter()
        .map(|c| c.count.to_string().len())
        .max()
        .unwrap_or(1);
    if !counts.is_empty() {
        // Set apart from the summary line above it.
        writeln!(out)?;
    }
    for count in counts {
        writeln!(
            out,
            "{:>width$}  {}  {}",
            count.count, count.code, count.name
        )?;
    }
    Ok(())
}

/// The help line and the fix's description together, as the human format shows them under a
/// finding: for formats that give a finding one block of text.
pub(crate) fn help_text(diagnostic: &Diagnostic, lang: Lang) -> Option<String> {
    let help = diagnostic.help.as_ref().map(|h| h.render(lang));
    let Some(fix) = &diagnostic.fix else {
        return help;
    };
    let fix_text = fix.message.render(lang);
    let id = match fix.applicability {
        Applicability::Safe => "human.fix-safe",
        Applicability::Unsafe => "human.fix-unsafe",
        Applicability::DisplayOnly => "human.fix-display-only",
    };
    let line = Message::new(id).arg("fix", &fix_text).render(lang);
    Some(match help {
        Some(h) if h != fix_text => format!("{h}\n{line}"),
        _ => line,
    })
}
