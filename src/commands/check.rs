//! `odplint check`: finds the plan files, checks them in parallel, reports in a stable order.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::collections::HashMap;

use crate::cli::{CheckArgs, ColorChoice};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::fix::{self, FixMode};
use crate::lint;
use crate::messages::Lang;
use crate::messages::Message;
use crate::policy::Policy;
use crate::report::{self, FileReport, HumanOptions, ReportOptions, Summary};
use crate::{Outcome, ToolError};

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Input {
    File(PathBuf),
    Stdin,
}

/// The extensions a folder is searched for.
const PLAN_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

pub fn run(args: &CheckArgs, lang: Lang) -> Outcome {
    let (inputs, mut errors) = collect_inputs(&args.paths);
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        let mut bytes = Vec::new();
        match std::io::stdin()
            .take(args.max_file_size.saturating_add(1))
            .read_to_end(&mut bytes)
        {
            Ok(_) if bytes.len() as u64 > args.max_file_size => {
                errors.push(too_large(&stdin_name, args.max_file_size));
                None
            }
            Ok(_) => Some(bytes),
            Err(error) => {
                errors.push(ToolError::new(format!(
                    "cannot read standard input: {error}"
                )));
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
                    let bytes = read_limited(path, args.max_file_size)?;
                    Document::from_bytes(display_name(path), &bytes)
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
                let diagnostics = lint::check_with_policy(&document, &policy);
                return Ok(Checked {
                    report: FileReport {
                        document,
                        diagnostics,
                    },
                    threshold,
                    fixed: Vec::new(),
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
                        crate::atomic::replace(path, &new_bytes).map_err(|error| {
                            ToolError::new(format!(
                                "cannot write the fixes to `{}` (the file is unchanged): {error}",
                                path.display()
                            ))
                        })?;
                        None
                    }
                }
            };
            Ok(Checked {
                report: FileReport {
                    document: fixed.document,
                    diagnostics: fixed.remaining,
                },
                threshold,
                fixed: fixed.fixed,
                output,
            })
        })
        .collect();

    let mut reports = Vec::with_capacity(results.len());
    let mut failing = false;
    let mut fixed_counts: Vec<(&'static str, usize)> = Vec::new();
    let mut fixed_files = 0;
    let mut outputs = Vec::new();
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
                reports.push(checked.report);
            }
            Err(error) => errors.push(error),
        }
    }
    fixed_counts.sort_unstable();
    for error in &errors {
        super::report_error(error);
    }

    let would_change = !outputs.is_empty() && args.diff;
    let fix_summary = mode.map(|_| FixSummary {
        counts: fixed_counts,
        files: fixed_files,
        dry_run: args.diff,
    });
    let written = if mode.is_some()
        && (args.diff || outputs.iter().any(|o| matches!(o, FixOutput::Stdout(_))))
    {
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
        let report_result = report::emit(args.format, &reports, lang, &options, &mut stderr)
            .and_then(|()| match &fix_summary {
                Some(summary) => summary.write(&mut stderr, lang),
                None => Ok(()),
            });
        result.and(report_result)
    } else {
        match &args.output_file {
            None => write_to_stdout(args, &reports, lang, fix_summary.as_ref()),
            Some(path) => write_to_file(args, path, &reports, lang, fix_summary.as_ref()),
        }
    };

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
    output: Option<FixOutput>,
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
        writeln!(out, "{}", message.render(lang))
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
    lang: Lang,
    fix_summary: Option<&FixSummary>,
) -> std::io::Result<()> {
    let options = report_options(args, std::io::stdout().is_terminal());
    let written = super::with_stdout(|out| {
        report::emit(args.format, reports, lang, &options, out)?;
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
    lang: Lang,
    fix_summary: Option<&FixSummary>,
) -> std::io::Result<()> {
    let options = report_options(args, false);
    let mut bytes = Vec::new();
    report::emit(args.format, reports, lang, &options, &mut bytes)?;
    crate::atomic::replace(path, &bytes).map_err(|error| {
        std::io::Error::new(error.kind(), format!("`{}`: {error}", path.display()))
    })?;
    super::with_stdout(|out| {
        writeln!(out, "{}", Summary::of(reports).line(lang))?;
        if let Some(summary) = fix_summary {
            summary.write(out, lang)?;
        }
        if args.statistics {
            report::write_statistics(reports, out)?;
        }
        Ok(())
    })
}

/// Reads a file unless it is larger than `limit` (checked before reading, and again while
/// reading, in case it grows).
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ToolError> {
    let cannot = |error: std::io::Error| {
        ToolError::new(format!("cannot read `{}`: {error}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(cannot)?;
    if file.metadata().map_err(cannot)?.len() > limit {
        return Err(too_large(&path.display().to_string(), limit));
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(&path.display().to_string(), limit));
    }
    Ok(bytes)
}

fn too_large(name: &str, limit: u64) -> ToolError {
    ToolError::new(format!(
        "`{name}` is larger than the limit of {limit} bytes and was not checked (raise it with --max-file-size)"
    ))
}

/// The configuration of every input's folder.
pub(crate) struct Configs {
    /// `--config`, when given: it applies to every file.
    forced: Option<Config>,
    by_folder: HashMap<PathBuf, Config>,
    fallback: Config,
}

impl Configs {
    pub(crate) fn for_inputs(inputs: &[Input], forced: Option<&Path>) -> Result<Self, ToolError> {
        if let Some(path) = forced {
            return Ok(Configs {
                forced: Some(Config::load(path)?),
                by_folder: HashMap::new(),
                fallback: Config::default(),
            });
        }
        let mut by_folder = HashMap::new();
        for input in inputs {
            if let std::collections::hash_map::Entry::Vacant(slot) = by_folder.entry(input.folder())
            {
                let config = Config::discover(slot.key())?;
                slot.insert(config);
            }
        }
        Ok(Configs {
            forced: None,
            by_folder,
            fallback: Config::default(),
        })
    }

    pub(crate) fn for_input(&self, input: &Input) -> &Config {
        self.forced
            .as_ref()
            .or_else(|| self.by_folder.get(&input.folder()))
            .unwrap_or(&self.fallback)
    }
}

impl Input {
    /// Where the configuration search starts: the file's folder, or the current one for stdin.
    fn folder(&self) -> PathBuf {
        match self {
            Input::File(path) => path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            Input::Stdin => PathBuf::from("."),
        }
    }
}

/// Expands folders into their plan files (sorted, hidden folders skipped); keeps files as given.
pub(crate) fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<ToolError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            if !inputs.contains(&Input::Stdin) {
                inputs.push(Input::Stdin);
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let mut found = Vec::new();
                walk(path, &mut found, &mut errors);
                found.sort();
                inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => inputs.push(Input::File(path.clone())),
            Err(error) => errors.push(ToolError::new(format!(
                "cannot read `{}`: {error}",
                path.display()
            ))),
        }
    }
    (inputs, errors)
}

fn walk(folder: &Path, found: &mut Vec<PathBuf>, errors: &mut Vec<ToolError>) {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(error) => {
            errors.push(ToolError::new(format!(
                "cannot read the folder `{}`: {error}",
                folder.display()
            )));
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            // Symlinked folders are not followed: they could loop.
            if !hidden {
                walk(&path, found, errors);
            }
        } else if !hidden && has_plan_extension(&path) && (file_type.is_file() || path.is_file()) {
            found.push(path);
        }
    }
}

fn has_plan_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PLAN_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

pub(crate) fn display_name(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
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
