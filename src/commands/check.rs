//! `odplint check`: finds the plan files, checks them in parallel, reports in a stable order.

use std::io::{IsTerminal, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::cli::{CheckArgs, ColorChoice};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::fix::{self, FixMode};
use crate::inputs::{self, Configs, Input};
use crate::messages::Lang;
use crate::messages::Message;
use crate::policy::Policy;
use crate::report::{self, FileReport, HumanOptions, ReportOptions, Summary};
use crate::{Outcome, ToolError};

pub fn run(args: &CheckArgs, lang: Lang) -> Outcome {
    let Some(collected) =
        super::collect_inputs(&args.paths, &args.walk, args.rules.config.as_deref())
    else {
        return Outcome::ToolError;
    };
    let inputs = collected.inputs;
    let mut errors = collected.errors;
    if let Some(output) = &args.output_file {
        let clash = inputs.iter().find_map(|input| match input {
            Input::File(path) if crate::atomic::same_file(path, output) => Some(path),
            _ => None,
        });
        if let Some(plan) = clash {
            super::report_error(&ToolError::new(format!(
                "--output-file `{}` is the plan `{}`; the report is never written over a plan it reads",
                output.display(),
                plan.display()
            )));
            return Outcome::ToolError;
        }
    }
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        match inputs::read_stdin(&stdin_name, args.max_file_size) {
            Ok(bytes) => Some(bytes),
            Err(error) => {
                errors.push(error);
                None
            }
        }
    } else {
        None
    };

    // One configuration per folder: found once, shared by the folder's files.
    let configs = match Configs::for_inputs(&inputs, args.rules.config.as_deref()) {
        Ok(configs) => configs,
        Err(error) => {
            super::report_error(&error);
            return Outcome::ToolError;
        }
    };

    let mode = (args.fix || args.unsafe_fixes || args.diff).then_some(if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    });
    let results: Vec<Result<Checked, ToolError>> = inputs
        .par_iter()
        .map(|input| {
            let document = match input {
                Input::Stdin => Document::from_bytes(
                    stdin_name.clone(),
                    stdin_bytes.as_deref().unwrap_or_default(),
                ),
                Input::File(path) => {
                    let bytes = inputs::read_limited(path, args.max_file_size)?;
                    Document::from_vec(inputs::display_name(path), bytes)
                }
            };
            let config = configs.for_input(input);
            let policy = Policy {
                config,
                select: args.rules.select.as_deref(),
                ignore: &args.rules.ignore,
            };
            let threshold = args
                .rules
                .fail_on
                .map(|f| f.severity())
                .or(config.fail_on)
                .unwrap_or(Severity::Error);
            let Some(mode) = mode else {
                let diagnostics = policy.check(&document);
                return Ok(Checked {
                    report: FileReport {
                        document,
                        diagnostics,
                    },
                    threshold,
                    fixed: Vec::new(),
                    refused: Vec::new(),
                    output: None,
                });
            };
            let original = fix::file_bytes(&document);
            let fixed = fix::fix_document(document, &policy, mode);
            let new_bytes = fix::file_bytes(&fixed.document);
            let output = if !fixed.changed {
                None
            } else if args.diff {
                Some(FixOutput::Diff(unified_diff(
                    &fixed.document.name,
                    &String::from_utf8_lossy(&original),
                    &fixed.document.text_with_bom(),
                )))
            } else {
                match input {
                    Input::Stdin => Some(FixOutput::Stdout(new_bytes)),
                    Input::File(path) => {
                        crate::atomic::replace_unchanged(path, &new_bytes, &original).map_err(
                            |error| {
                                ToolError::new(format!(
                                "cannot write the fixes to `{}` (the file is unchanged): {error}",
                                path.display()
                            ))
                            .in_file(inputs::display_name(path))
                            .with_kind(crate::ErrorKind::Write)
                            },
                        )?;
                        None
                    }
                }
            };
            let refused = fixed
                .refused
                .iter()
                .map(|refusal| {
                    let at = fixed.document.position(refusal.span.start);
                    RefusedFix {
                        place: format!("{}:{}:{}", fixed.document.name, at.line, at.column),
                        code: refusal.code,
                        reason: refusal.reason.message_id(),
                    }
                })
                .collect();
            Ok(Checked {
                report: FileReport {
                    document: fixed.document,
                    diagnostics: fixed.remaining,
                },
                threshold,
                fixed: fixed.fixed,
                refused,
                output,
            })
        })
        .collect();

    let mut reports = Vec::with_capacity(results.len());
    let mut failing = false;
    let mut fixed_counts: Vec<(&'static str, usize)> = Vec::new();
    let mut fixed_files = 0;
    let mut outputs = Vec::new();
    let mut refused = Vec::new();
    for result in results {
        match result {
            Ok(checked) => {
                failing |= checked
                    .report
                    .diagnostics
                    .iter()
                    .any(|d| d.severity >= checked.threshold);
                if !checked.fixed.is_empty() {
                    fixed_files += 1;
                }
                for (code, count) in checked.fixed {
                    match fixed_counts.iter_mut().find(|(c, _)| *c == code) {
                        Some((_, total)) => *total += count,
                        None => fixed_counts.push((code, count)),
                    }
                }
                outputs.extend(checked.output);
                refused.extend(checked.refused);
                reports.push(checked.report);
            }
            Err(error) => errors.push(error),
        }
    }
    fixed_counts.sort_unstable();

    let would_change = !outputs.is_empty() && args.diff;
    let fix_summary = mode.map(|_| FixSummary {
        counts: fixed_counts,
        files: fixed_files,
        refused,
        dry_run: args.diff,
    });
    let report_on_stderr =
        mode.is_some() && (args.diff || outputs.iter().any(|o| matches!(o, FixOutput::Stdout(_))));
    // Every format carries the errors; they go to standard error as well unless the report
    // that lists them is already there, or is what people read on standard output.
    let errors_in_report_seen =
        report_on_stderr || (args.output_file.is_none() && args.format.is_for_people());
    if !errors_in_report_seen {
        for error in &errors {
            super::report_error(error);
        }
    }
    let written = if report_on_stderr {
        // The fixed text or the diff owns standard output; the report goes to standard error.
        let result = super::with_stdout(|out| {
            for output in &outputs {
                match output {
                    FixOutput::Diff(diff) => out.write_all(diff.as_bytes())?,
                    FixOutput::Stdout(bytes) => out.write_all(bytes)?,
                }
            }
            Ok(())
        });
        let options = report_options(args, std::io::stderr().is_terminal());
        let mut stderr = std::io::stderr().lock();
        let report_result =
            report::emit_run(args.format, &reports, &errors, lang, &options, &mut stderr).and_then(
                |()| match &fix_summary {
                    Some(summary) => summary.write(&mut stderr, lang),
                    None => Ok(()),
                },
            );
        result.and(report_result)
    } else {
        match &args.output_file {
            None => write_to_stdout(args, &reports, &errors, lang, fix_summary.as_ref()),
            Some(path) => write_to_file(args, path, &reports, &errors, lang, fix_summary.as_ref()),
        }
    };

    let written = written.and_then(|()| write_extra_reports(args, &reports, lang));

    let outcome = if !errors.is_empty() {
        Outcome::ToolError
    } else if failing || would_change {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    super::finish(written, outcome)
}

/// What checking (and maybe fixing) one input gave.
struct Checked {
    report: FileReport,
    threshold: Severity,
    fixed: Vec<(&'static str, usize)>,
    refused: Vec<RefusedFix>,
    output: Option<FixOutput>,
}

/// A fix left out because its result would not read as it intends.
struct RefusedFix {
    /// `file:line:column` of its finding.
    place: String,
    code: &'static str,
    /// The catalogue id of the reason.
    reason: &'static str,
}

/// What a fix run prints instead of writing a file.
enum FixOutput {
    Diff(String),
    /// The fixed text of standard input.
    Stdout(Vec<u8>),
}

/// What a fix run did, for the line after the report.
struct FixSummary {
    counts: Vec<(&'static str, usize)>,
    files: usize,
    dry_run: bool,
    refused: Vec<RefusedFix>,
}

impl FixSummary {
    fn write(&self, out: &mut dyn Write, lang: Lang) -> std::io::Result<()> {
        let total: usize = self.counts.iter().map(|(_, n)| n).sum();
        let by_rule = self
            .counts
            .iter()
            .map(|(code, n)| format!("{code}: {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let message = match (total, self.dry_run) {
            (0, _) => Message::new("fix.none"),
            (_, true) => Message::new("fix.would"),
            (_, false) => Message::new("fix.done"),
        };
        let message = message
            .arg("count", total)
            .arg("files", self.files)
            .arg("rules", by_rule);
        writeln!(out, "{}", message.render(lang))?;
        for refusal in &self.refused {
            let reason = Message::new(refusal.reason)
                .arg("place", &refusal.place)
                .arg("code", refusal.code);
            writeln!(out, "{}", reason.render(lang))?;
        }
        Ok(())
    }
}

/// A unified diff of a whole file, with three lines of context.
fn unified_diff(name: &str, before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(3)
        .header(
            &format!("a/{}", name.trim_start_matches('/')),
            &format!("b/{}", name.trim_start_matches('/')),
        )
        .to_string()
}

/// How `check` draws its report, for a stream that is (or is not) a terminal.
fn report_options(args: &CheckArgs, terminal: bool) -> ReportOptions {
    ReportOptions {
        human: HumanOptions {
            color: use_color(args.color, terminal),
            width: terminal_width(),
        },
        statistics: args.statistics,
        max_per_file: Some(args.max_diagnostics),
    }
}

/// The report on standard output; for SARIF and JUnit, whose documents have no place for it,
/// the statistics table goes to standard error.
fn write_to_stdout(
    args: &CheckArgs,
    reports: &[FileReport],
    errors: &[ToolError],
    lang: Lang,
    fix_summary: Option<&FixSummary>,
) -> std::io::Result<()> {
    let options = report_options(args, std::io::stdout().is_terminal());
    let written = super::with_stdout(|out| {
        report::emit_run(args.format, reports, errors, lang, &options, out)?;
        match fix_summary {
            Some(summary) if args.format.is_for_people() => summary.write(out, lang),
            _ => Ok(()),
        }
    });
    if args.statistics && !args.format.carries_statistics() {
        let _ = report::write_statistics(reports, &mut std::io::stderr().lock());
    }
    written
}

/// The report in the file, and the summary line (and statistics) on the terminal.
fn write_to_file(
    args: &CheckArgs,
    path: &Path,
    reports: &[FileReport],
    errors: &[ToolError],
    lang: Lang,
    fix_summary: Option<&FixSummary>,
) -> std::io::Result<()> {
    let options = report_options(args, false);
    let mut bytes = Vec::new();
    report::emit_run(args.format, reports, errors, lang, &options, &mut bytes)?;
    crate::atomic::replace(path, &bytes).map_err(|error| {
        std::io::Error::new(error.kind(), format!("`{}`: {error}", path.display()))
    })?;
    super::with_stdout(|out| {
        let summary = Summary::of(reports).with_tool_errors(errors.len());
        writeln!(out, "{}", summary.line(lang))?;
        if let Some(summary) = fix_summary {
            summary.write(out, lang)?;
        }
        if args.statistics {
            report::write_statistics(reports, out)?;
        }
        Ok(())
    })
}

/// The `--report FORMAT=PATH` files: the same findings in further formats, each file replaced
/// whole. The human and concise formats keep the `--max-diagnostics` limit, as on a terminal.
fn write_extra_reports(
    args: &CheckArgs,
    reports: &[FileReport],
    lang: Lang,
) -> std::io::Result<()> {
    let options = report_options(args, false);
    for extra in &args.reports {
        let mut bytes = Vec::new();
        report::emit(extra.format, reports, lang, &options, &mut bytes)?;
        crate::atomic::replace(&extra.path, &bytes).map_err(|error| {
            std::io::Error::new(error.kind(), format!("`{}`: {error}", extra.path.display()))
        })?;
    }
    Ok(())
}

/// Whether to colour output going to a stream (`terminal`: whether that stream is a terminal).
pub(crate) fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && terminal
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
        }
    }
}

/// `COLUMNS` when set, else 100 (the graphical report wraps long messages at this width).
pub(crate) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}
