//! `odplint audit`: finds every plan, checks each in parallel (with a progress bar on a terminal),
//! runs the audit rules across the plans and writes the report in the chosen format.

use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use super::check;
use crate::audit::report::{self, AuditFormat};
use crate::audit::{self, Findings};
use crate::cli::{AuditArgs, ColorChoice};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::inputs::{self, Configs, Input};
use crate::lint;
use crate::messages::{Lang, Message};
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
    let plans = Files {
        args,
        lang,
        options: &options,
        inputs: &inputs,
        configs: &configs,
        default_config: crate::config::Config::default(),
        progress: Progress::new(
            inputs.len(),
            std::io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            lang,
        ),
    };
    let (audit, audit_errors) = audit::audit(&plans);
    plans.progress.finish();
    for error in audit_errors.into_iter().chain(configs.errors()) {
        inputs::push_unique(&mut errors, error);
    }
    let failing = audit.files.iter().any(|file| file.findings.failing);
    // The report carries the errors; they go to standard error as well unless the report is
    // the terminal one on standard output.
    if args.output_file.is_some() || args.format != AuditFormat::Human {
        for error in &errors {
            super::report_error(error, lang);
        }
    }

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

/// The plans of the run as the audit reads them: from their files, each under its own
/// configuration.
struct Files<'a> {
    args: &'a AuditArgs,
    lang: Lang,
    options: &'a report::AuditOptions,
    inputs: &'a [Input],
    configs: &'a Configs,
    default_config: crate::config::Config,
    progress: Progress,
}

impl Files<'_> {
    fn config(&self, index: usize) -> &crate::config::Config {
        self.configs
            .for_input(&self.inputs[index])
            .unwrap_or(&self.default_config)
    }
}

impl audit::Plans for Files<'_> {
    fn count(&self) -> usize {
        self.inputs.len()
    }

    fn read(&self, index: usize) -> Result<Document, ToolError> {
        let input = &self.inputs[index];
        let Input::File(path) = input else {
            return Err(ToolError::of(Message::new("error.audit-stdin")));
        };
        self.configs.for_input(input).map_err(Clone::clone)?;
        let bytes = inputs::read_limited(path, self.args.max_file_size)?;
        Ok(Document::from_vec(inputs::display_name(path), bytes))
    }

    fn check(&self, index: usize, document: &Document) -> Vec<Diagnostic> {
        lint::check_document_with(document, &self.config(index).extras)
    }

    fn report(
        &self,
        index: usize,
        document: Document,
        diagnostics: Vec<Diagnostic>,
    ) -> Result<Findings, ToolError> {
        let config = self.config(index);
        let diagnostics = self
            .args
            .rules
            .policy(config)
            .apply_audit(&document, diagnostics);
        let name = document.name.clone();
        report::findings(
            self.args.format,
            document,
            diagnostics,
            self.args.rules.threshold(config),
            self.lang,
            self.options,
        )
        .map_err(|error| ToolError::of(crate::messages::io_detail(&error)).in_file(name))
    }

    fn checked(&self) {
        self.progress.tick();
    }
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
