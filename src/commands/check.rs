//! `odplint check`: finds the plan files, checks them in parallel, reports in a stable order.

use std::io::{IsTerminal, Write};
use std::path::Path;

use crate::cli::{CheckArgs, ColorChoice};
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::fix::{self, FixMode};
use crate::inputs::{self, Configs, Input};
use crate::messages::Lang;
use crate::messages::Message;
use crate::report::{self, FileReport, HumanOptions, ReportOptions, ReportStream};
use crate::{Outcome, ToolError};

pub fn run(args: &CheckArgs, lang: Lang) -> Outcome {
    let Some(prepared) = prepare(args, lang) else {
        return Outcome::ToolError;
    };
    let Prepared {
        inputs,
        errors,
        stdin_bytes,
        configs,
        mode,
    } = prepared;
    let stdin_name = stdin_name(args);
    let mut run = Run::new(args, lang, mode, errors, &inputs);
    // Each file is checked on a worker and reported as soon as it and the files before it
    // are: the document is dropped once its findings are written (or shed of its tree, for
    // the formats that wrap the whole run), so memory stays near that of the largest files.
    crate::ordered::for_each_ordered(
        inputs.len(),
        crate::ordered::threads(),
        |index| {
            let input = &inputs[index];
            let bytes = stdin_bytes.as_deref().unwrap_or_default();
            let config = configs.for_input(input).map_err(Clone::clone)?;
            check_input(args, input, &stdin_name, bytes, config, mode)
        },
        |result| run.take(result),
    );
    for error in configs.errors() {
        inputs::push_unique(&mut run.errors, error);
    }
    run.finish()
}

/// What a run needs before checking: its inputs, the errors found collecting them, standard
/// input read, the configuration of every folder, and whether (and how) to fix.
struct Prepared {
    inputs: Vec<Input>,
    errors: Vec<ToolError>,
    stdin_bytes: Option<Vec<u8>>,
    configs: Configs,
    mode: Option<FixMode>,
}

fn stdin_name(args: &CheckArgs) -> String {
    args.stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string())
}

/// Collects the inputs, refuses a report written over one of them, reads standard input and
/// finds the configurations; `None` after reporting an error that stops the run.
fn prepare(args: &CheckArgs, lang: Lang) -> Option<Prepared> {
    let collected =
        super::collect_inputs(&args.paths, &args.walk, args.rules.config.as_deref(), lang)?;
    let inputs = collected.inputs;
    let mut errors = collected.errors;
    if let Some(output) = &args.output_file {
        let clash = inputs.iter().find_map(|input| match input {
            Input::File(path) if crate::atomic::same_file(path, output) => Some(path),
            _ => None,
        });
        if let Some(plan) = clash {
            super::report_error(
                &ToolError::of(
                    Message::new("error.output-is-plan")
                        .arg("output", output.display())
                        .arg("plan", plan.display()),
                ),
                lang,
            );
            return None;
        }
    }
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        match inputs::read_stdin(&stdin_name(args), args.max_file_size) {
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
    // A configuration that cannot be read is an error of the report: its plans stay unchecked.
    let configs = Configs::for_inputs(&inputs, args.rules.config.as_deref());
    let mode = (args.fix || args.unsafe_fixes || args.diff).then_some(if args.unsafe_fixes {
        FixMode::Unsafe
    } else {
        FixMode::Safe
    });
    Some(Prepared {
        inputs,
        errors,
        stdin_bytes,
        configs,
        mode,
    })
}

/// Reads, checks and (in a fix run) fixes one input: writes the fixed file, or makes the diff
/// or the fixed text of standard input.
fn check_input(
    args: &CheckArgs,
    input: &Input,
    stdin_name: &str,
    stdin_bytes: &[u8],
    config: &crate::config::Config,
    mode: Option<FixMode>,
) -> Result<Checked, ToolError> {
    let document = match input {
        Input::Stdin => Document::from_bytes(stdin_name.to_string(), stdin_bytes),
        Input::File(path) => {
            let bytes = inputs::read_limited(path, args.max_file_size)?;
            Document::from_vec(inputs::display_name(path), bytes)
        }
    };
    let policy = args.rules.policy(config);
    let threshold = args.rules.threshold(config);
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
    let output = if !fixed.changed {
        None
    } else if args.diff {
        Some(FixOutput::Diff(fix::diff::unified(
            &fixed.document.name,
            &String::from_utf8_lossy(&original),
            &fixed.document.text_with_bom(),
        )))
    } else {
        let new_bytes = fix::file_bytes(&fixed.document);
        match input {
            Input::Stdin => Some(FixOutput::Stdout(new_bytes)),
            Input::File(path) => {
                crate::atomic::replace_unchanged(path, &new_bytes, &original).map_err(|error| {
                    ToolError::of(
                        Message::new("error.write-fixes")
                            .arg("file", path.display())
                            .arg_io("detail", &error),
                    )
                    .in_file(inputs::display_name(path))
                    .with_kind(crate::ErrorKind::Write)
                })?;
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
}

/// Where the report of a run goes, as the files come in.
enum Target {
    /// Standard output (the report people or CI read there).
    Stdout,
    /// Standard error: the fixed text or the diff owns standard output.
    Stderr,
    /// `--output-file`: gathered, then written whole.
    File(Vec<u8>),
}

/// A run in progress: each file's result taken in order, written out at once.
struct Run<'a> {
    args: &'a CheckArgs,
    lang: Lang,
    mode: Option<FixMode>,
    errors: Vec<ToolError>,
    /// The main report, and where it goes; `None` while results wait for the decision (a fix
    /// of standard input: its fixed text takes standard output only if it changed).
    report: Option<(ReportStream, Target)>,
    waiting: Vec<Checked>,
    /// The `--report FORMAT=PATH` files, gathered.
    extras: Vec<(ReportStream, Vec<u8>)>,
    /// The first failure writing standard output, and standard error: later writes to that
    /// stream are skipped (a closed pipe ends the output there).
    write_errors: [Option<std::io::Error>; 2],
    failing: bool,
    would_change: bool,
    fixed_counts: Vec<(&'static str, usize)>,
    fixed_files: usize,
    refused: Vec<RefusedFix>,
    /// The thread freeing the last large file, if any (see [`Run::free`]).
    freeing: Option<std::thread::JoinHandle<()>>,
}

impl<'a> Run<'a> {
    fn new(
        args: &'a CheckArgs,
        lang: Lang,
        mode: Option<FixMode>,
        errors: Vec<ToolError>,
        inputs: &[Input],
    ) -> Self {
        let extras = args
            .reports
            .iter()
            .map(|extra| {
                // Written as for a file: no colour; the tool errors are not in them.
                let options = report_options(args, false);
                (ReportStream::new(extra.format, lang, options), Vec::new())
            })
            .collect();
        let mut run = Run {
            args,
            lang,
            mode,
            errors,
            report: None,
            waiting: Vec::new(),
            extras,
            write_errors: [None, None],
            failing: false,
            would_change: false,
            fixed_counts: Vec::new(),
            fixed_files: 0,
            refused: Vec::new(),
            freeing: None,
        };
        let fixes_stdin = mode.is_some() && !args.diff && inputs.contains(&Input::Stdin);
        if !fixes_stdin {
            run.choose_target(mode.is_some() && args.diff);
        }
        run
    }

    fn choose_target(&mut self, on_stderr: bool) {
        let args = self.args;
        let (target, terminal) = if on_stderr {
            (Target::Stderr, std::io::stderr().is_terminal())
        } else if args.output_file.is_some() {
            (Target::File(Vec::new()), false)
        } else {
            (Target::Stdout, std::io::stdout().is_terminal())
        };
        let options = report_options(args, terminal);
        self.report = Some((ReportStream::new(args.format, self.lang, options), target));
    }

    /// Writes to the target, keeping the first failure of each stream.
    fn write_to(
        target: &mut Target,
        write_errors: &mut [Option<std::io::Error>; 2],
        write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) {
        let (result, slot) = match target {
            Target::File(bytes) => (write(bytes), None),
            Target::Stdout if write_errors[0].is_none() => {
                let mut out = std::io::BufWriter::new(std::io::stdout().lock());
                (write(&mut out).and_then(|()| out.flush()), Some(0))
            }
            Target::Stderr if write_errors[1].is_none() => {
                let mut out = std::io::BufWriter::new(std::io::stderr().lock());
                (write(&mut out).and_then(|()| out.flush()), Some(1))
            }
            Target::Stdout | Target::Stderr => return,
        };
        if let (Err(error), Some(slot)) = (result, slot) {
            write_errors[slot] = Some(error);
        }
    }

    /// One file's result, in input order.
    fn take(&mut self, result: Result<Checked, ToolError>) {
        let checked = match result {
            Ok(checked) => checked,
            Err(error) => {
                inputs::push_unique(&mut self.errors, error);
                return;
            }
        };
        if self.report.is_none() {
            self.waiting.push(Checked {
                report: checked.report.shed(),
                ..checked
            });
            return;
        }
        self.failing |= checked
            .report
            .diagnostics
            .iter()
            .any(|d| d.severity >= checked.threshold);
        if !checked.fixed.is_empty() {
            self.fixed_files += 1;
        }
        for (code, count) in checked.fixed {
            match self.fixed_counts.iter_mut().find(|(c, _)| *c == code) {
                Some((_, total)) => *total += count,
                None => self.fixed_counts.push((code, count)),
            }
        }
        self.refused.extend(checked.refused);
        if let Some(output) = checked.output {
            self.would_change |= self.args.diff;
            // The fixed text or the diff owns standard output.
            let mut stdout = Target::Stdout;
            Self::write_to(&mut stdout, &mut self.write_errors, |out| match &output {
                FixOutput::Diff(diff) => out.write_all(diff.as_bytes()),
                FixOutput::Stdout(bytes) => out.write_all(bytes),
            });
        }
        for (stream, bytes) in &mut self.extras {
            // Writing to memory cannot fail.
            let _ = stream.add(&checked.report, bytes);
        }
        if let Some((stream, target)) = &mut self.report {
            Self::write_to(target, &mut self.write_errors, |out| {
                stream.add(&checked.report, out)
            });
        }
        self.free(checked.report);
    }

    /// Frees a large file's report beside the run: a plan of 100,000 rows is a million nodes,
    /// and freeing them took 8 ms, while the run goes on to the next file or ends (and the
    /// thread with it). One file at a time: while the last is still being freed, or when no
    /// thread can be started, or for a smaller file, it is freed here, so that memory stays
    /// bounded over many large files.
    fn free(&mut self, report: FileReport) {
        let busy = self
            .freeing
            .as_ref()
            .is_some_and(|thread| !thread.is_finished());
        if report.document.text.len() < FREE_BESIDE_FROM || busy {
            return;
        }
        self.freeing = std::thread::Builder::new().spawn(move || drop(report)).ok();
    }

    /// The end of the report and of every file, the fix summary, and the outcome.
    fn finish(mut self) -> Outcome {
        if self.report.is_none() {
            // A fix of standard input: its report goes to standard error when its fixed text
            // takes standard output.
            let prints = self
                .waiting
                .iter()
                .any(|c| matches!(c.output, Some(FixOutput::Stdout(_))));
            self.choose_target(prints);
            for checked in std::mem::take(&mut self.waiting) {
                self.take(Ok(checked));
            }
        }
        let args = self.args;
        let lang = self.lang;
        self.fixed_counts.sort_unstable();
        let fix_summary = self.mode.map(|_| FixSummary {
            counts: std::mem::take(&mut self.fixed_counts),
            files: self.fixed_files,
            refused: std::mem::take(&mut self.refused),
            dry_run: args.diff,
        });
        let (stream, mut target) = self.report.take().expect("a target is chosen");
        let errors = &self.errors;
        // Every format carries the errors; they go to standard error as well unless the report
        // that lists them is already there, or is what people read on standard output.
        let errors_in_report_seen = matches!(target, Target::Stderr)
            || (matches!(target, Target::Stdout) && args.format.is_for_people());
        if !errors_in_report_seen {
            for error in errors {
                super::report_error(error, lang);
            }
        }
        let summary = stream.summary().with_tool_errors(errors.len());
        let statistics = stream.statistics();
        let mut write_errors = std::mem::take(&mut self.write_errors);
        // The fix summary follows the report on standard error, and on standard output only
        // after a report people read; after a report file it goes to the terminal (below).
        let summary_follows = match target {
            Target::Stderr => true,
            Target::Stdout => args.format.is_for_people(),
            Target::File(_) => false,
        };
        Self::write_to(&mut target, &mut write_errors, |out| {
            stream.finish(errors, out)?;
            match &fix_summary {
                Some(fixes) if summary_follows => fixes.write(out, lang),
                _ => Ok(()),
            }
        });
        // A reader that went away (`| head`) ends the output quietly, as everywhere.
        let mut written = match write_errors.into_iter().flatten().next() {
            Some(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            Some(error) => Err(error),
            None => Ok(()),
        };
        written = written.and_then(|()| match target {
            Target::File(bytes) => {
                let path = args.output_file.as_deref().expect("--output-file");
                write_report_file(path, &bytes)?;
                super::with_stdout(|out| {
                    writeln!(out, "{}", summary.line(lang))?;
                    if let Some(fixes) = &fix_summary {
                        fixes.write(out, lang)?;
                    }
                    if args.statistics {
                        report::write_counts(&statistics, out)?;
                    }
                    Ok(())
                })
            }
            Target::Stdout => {
                if args.statistics && !args.format.carries_statistics() {
                    let _ = report::write_counts(&statistics, &mut std::io::stderr().lock());
                }
                Ok(())
            }
            Target::Stderr => Ok(()),
        });
        for ((stream, mut bytes), extra) in self.extras.into_iter().zip(&args.reports) {
            written = written.and_then(|()| {
                stream.finish(&self.errors, &mut bytes)?;
                write_report_file(&extra.path, &bytes)
            });
        }
        let outcome = if !self.errors.is_empty() {
            Outcome::ToolError
        } else if self.failing || self.would_change {
            Outcome::Findings
        } else {
            Outcome::Clean
        };
        super::finish(written, outcome, lang)
    }
}

/// From this size on, a checked file is freed on a thread of its own ([`Run::free`]).
const FREE_BESIDE_FROM: usize = 1 << 20;

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

/// A report file replaced whole (`--output-file`, `--report FORMAT=PATH`).
fn write_report_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::atomic::replace(path, bytes).map_err(|error| super::write_error(path, &error))
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
