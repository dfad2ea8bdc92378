//! `odplint audit`: finds every plan, checks each in parallel (with a progress bar on a terminal),
//! runs the audit rules across the plans and writes the report in the chosen format.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::check;
use crate::audit::report::{self, AuditFormat};
use crate::audit::{self, Checked};
use crate::cli::{AuditArgs, ColorChoice};
use crate::document::Document;
use crate::inputs::{self, Configs, Input};
use crate::lint;
use crate::messages::{Lang, Message};
use crate::model::Plan;
use crate::report::HumanOptions;
use crate::{Outcome, ToolError};

pub fn run(args: &AuditArgs, lang: Lang) -> Outcome {
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let generated =
        match report::generation_day(source_date_epoch.as_deref(), std::time::SystemTime::now()) {
            Ok(day) => day,
            Err(error) => {
                super::report_error(&ToolError::new(error), lang);
                return Outcome::ToolError;
            }
        };
    let Some(collected) =
        super::collect_inputs(&args.paths, &args.walk, args.rules.config.as_deref(), lang)
    else {
        return Outcome::ToolError;
    };
    let inputs = collected.inputs;
    let mut errors = collected.errors;
    if inputs.contains(&Input::Stdin) {
        super::report_error(&ToolError::of(Message::new("error.audit-stdin")), lang);
        return Outcome::ToolError;
    }
    // A configuration that cannot be read is an error of the report: its plans stay unchecked.
    let configs = Configs::for_inputs(&inputs, args.rules.config.as_deref());

    let progress = Progress::new(
        inputs.len(),
        std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
        lang,
    );
    let results: Vec<Result<Checked, ToolError>> = inputs
        .par_iter()
        .map(|input| {
            let result = check_file(input, &configs, args.max_file_size);
            progress.tick();
            result
        })
        .collect();
    progress.finish();

    let mut checked = Vec::with_capacity(results.len());
    let mut checked_inputs = Vec::with_capacity(results.len());
    for (input, result) in inputs.iter().zip(results) {
        match result {
            Ok(file) => {
                checked.push(file);
                checked_inputs.push(input);
            }
            Err(error) => inputs::push_unique(&mut errors, error),
        }
    }
    for error in configs.errors() {
        inputs::push_unique(&mut errors, error);
    }
    let default_config = crate::config::Config::default();

    let mut thresholds = Vec::with_capacity(checked.len());
    let audit = audit::audit(checked, |index, document, diagnostics| {
        let config = configs
            .for_input(checked_inputs[index])
            .unwrap_or(&default_config);
        thresholds.push(args.rules.threshold(config));
        args.rules.policy(config).apply_audit(document, diagnostics)
    });
    let failing = audit
        .files
        .iter()
        .zip(&thresholds)
        .any(|(file, threshold)| file.diagnostics.iter().any(|d| d.severity >= *threshold));
    // The report carries the errors; they go to standard error as well unless the report is
    // the terminal one on standard output.
    if args.output_file.is_some() || args.format != AuditFormat::Human {
        for error in &errors {
            super::report_error(error, lang);
        }
    }

    let options = report::AuditOptions {
        human: HumanOptions {
            color: match (args.color, &args.output_file) {
                (ColorChoice::Auto, Some(_)) => false,
                (choice, _) => check::use_color(choice, std::io::stdout().is_terminal()),
            },
            width: check::terminal_width(),
        },
        generated,
    };
    let written = match &args.output_file {
        Some(path) => {
            let mut bytes = Vec::new();
            report::emit(args.format, &audit, &errors, lang, &options, &mut bytes)
                .and_then(|()| crate::atomic::replace(path, &bytes))
                .map_err(|error| super::write_error(path, &error))
        }
        None => super::with_stdout(|out| {
            report::emit(args.format, &audit, &errors, lang, &options, out)
        }),
    };

    let outcome = if !errors.is_empty() {
        Outcome::ToolError
    } else if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    if written.is_ok()
        && let Some(path) = &args.output_file
        && args.format != AuditFormat::Human
        && std::io::stderr().is_terminal()
    {
        let _ = writeln!(
            std::io::stderr(),
            "{}",
            Message::new("audit.written")
                .arg("format", args.format.as_str())
                .arg("file", path.display())
                .render(lang)
        );
    }
    super::finish(written, outcome, lang)
}

/// Reads, parses and checks one file at default severities; the policy is applied later, with
/// the audit's findings.
fn check_file(input: &Input, configs: &Configs, max_file_size: u64) -> Result<Checked, ToolError> {
    let Input::File(path) = input else {
        return Err(ToolError::of(Message::new("error.audit-stdin")));
    };
    let config = configs.for_input(input).map_err(Clone::clone)?;
    let bytes = inputs::read_limited(path, max_file_size)?;
    let document = Document::from_vec(inputs::display_name(path), bytes);
    let diagnostics = lint::check_document_with(&document, &config.extras);
    let plan = Plan::from_document(&document).map(Plan::into_owned);
    Ok(Checked {
        document,
        diagnostics,
        plan,
    })
}

/// A one-line progress bar on standard error, redrawn at most every 50 ms, for terminals only.
struct Progress {
    lang: Lang,
    total: usize,
    done: AtomicUsize,
    enabled: bool,
    last_drawn: Mutex<Option<Instant>>,
}

impl Progress {
    fn new(total: usize, enabled: bool, lang: Lang) -> Self {
        Progress {
            lang,
            total,
            done: AtomicUsize::new(0),
            enabled: enabled && total > 1,
            last_drawn: Mutex::new(None),
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.enabled {
            return;
        }
        // A thread that finds another drawing skips its turn rather than wait.
        let Ok(mut last) = self.last_drawn.try_lock() else {
            return;
        };
        if last.is_some_and(|at| at.elapsed() < Duration::from_millis(50)) && done < self.total {
            return;
        }
        *last = Some(Instant::now());
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "\r{}", progress_line(done, self.total, self.lang));
        let _ = stderr.flush();
    }

    fn finish(&self) {
        if self.enabled {
            // Erase the line so that the report starts on a clean one.
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\u{1b}[2K");
            let _ = stderr.flush();
        }
    }
}

fn progress_line(done: usize, total: usize, lang: Lang) -> String {
    const WIDTH: usize = 30;
    let filled = (done * WIDTH)
        .checked_div(total)
        .unwrap_or(WIDTH)
        .min(WIDTH);
    format!(
        "{} [{}{}] {done}/{total}",
        Message::new("audit.progress").render(lang),
        "#".repeat(filled),
        "-".repeat(WIDTH - filled)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_fills_in_proportion() {
        assert_eq!(
            progress_line(0, 4, Lang::En),
            "Checking plans [------------------------------] 0/4"
        );
        assert_eq!(
            progress_line(2, 4, Lang::En),
            "Checking plans [###############---------------] 2/4"
        );
        assert_eq!(
            progress_line(4, 4, Lang::En),
            "Checking plans [##############################] 4/4"
        );
        assert_eq!(
            progress_line(0, 0, Lang::En),
            "Checking plans [##############################] 0/0"
        );
    }
}
