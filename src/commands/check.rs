//! `odplint check`: finds the plan files, checks them in parallel, reports in a stable order.

use std::io::{IsTerminal, Read};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use std::collections::HashMap;

use crate::cli::{CheckArgs, ColorChoice};
use crate::config::Config;
use crate::diagnostic::Severity;
use crate::document::Document;
use crate::lint;
use crate::messages::Lang;
use crate::policy::Policy;
use crate::report::{self, FileReport, HumanOptions};
use crate::{Outcome, ToolError};

/// A file to check.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Input {
    File(PathBuf),
    Stdin,
}

/// The extensions a folder is searched for.
const PLAN_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

pub fn run(args: &CheckArgs) -> Outcome {
    let (inputs, mut errors) = collect_inputs(&args.paths);
    let stdin_name = args
        .stdin_filename
        .clone()
        .unwrap_or_else(|| "<stdin>".to_string());
    let stdin_bytes = if inputs.contains(&Input::Stdin) {
        let mut bytes = Vec::new();
        match std::io::stdin().read_to_end(&mut bytes) {
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
    let configs = match Configs::for_inputs(&inputs, args.config.as_deref()) {
        Ok(configs) => configs,
        Err(error) => {
            super::report_error(&error);
            return Outcome::ToolError;
        }
    };

    let results: Vec<Result<(FileReport, Severity), ToolError>> = inputs
        .par_iter()
        .map(|input| {
            let document = match input {
                Input::Stdin => Document::from_bytes(
                    stdin_name.clone(),
                    stdin_bytes.as_deref().unwrap_or_default(),
                ),
                Input::File(path) => {
                    let bytes = std::fs::read(path).map_err(|error| {
                        ToolError::new(format!("cannot read `{}`: {error}", path.display()))
                    })?;
                    Document::from_bytes(display_name(path), &bytes)
                }
            };
            let config = configs.for_input(input);
            let policy = Policy {
                config,
                select: args.select.as_deref(),
                ignore: &args.ignore,
            };
            let diagnostics = lint::check_with_policy(&document, &policy);
            let threshold = args
                .fail_on
                .map(|f| f.severity())
                .or(config.fail_on)
                .unwrap_or(Severity::Error);
            Ok((
                FileReport {
                    document,
                    diagnostics,
                },
                threshold,
            ))
        })
        .collect();

    let mut reports = Vec::with_capacity(results.len());
    let mut failing = false;
    for result in results {
        match result {
            Ok((report, threshold)) => {
                failing |= report.diagnostics.iter().any(|d| d.severity >= threshold);
                reports.push(report);
            }
            Err(error) => errors.push(error),
        }
    }
    for error in &errors {
        super::report_error(error);
    }

    let human = HumanOptions {
        color: use_color(args.color, std::io::stdout().is_terminal()),
        width: terminal_width(),
    };
    let written =
        super::with_stdout(|out| report::emit(args.format, &reports, Lang::En, &human, out));

    let outcome = if !errors.is_empty() {
        Outcome::ToolError
    } else if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    };
    super::finish(written, outcome)
}

/// The configuration of every input's folder.
struct Configs {
    /// `--config`, when given: it applies to every file.
    forced: Option<Config>,
    by_folder: HashMap<PathBuf, Config>,
    fallback: Config,
}

impl Configs {
    fn for_inputs(inputs: &[Input], forced: Option<&Path>) -> Result<Self, ToolError> {
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

    fn for_input(&self, input: &Input) -> &Config {
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
fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<ToolError>) {
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

fn display_name(path: &Path) -> String {
    let text = path.to_string_lossy();
    text.strip_prefix("./").unwrap_or(&text).to_string()
}

/// Whether to colour output going to a stream (`terminal`: whether that stream is a terminal).
pub(super) fn use_color(choice: ColorChoice, terminal: bool) -> bool {
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
pub(super) fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse::<usize>().ok())
        .filter(|w| *w >= 40)
        .unwrap_or(100)
}
