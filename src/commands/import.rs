//! `odplint import FILE [-o OUT]`: reads a published plan and writes it as odp-plan/1 YAML.
//! Without `-o` the YAML goes to standard output and the findings to standard error, so that
//! standard output stays pure YAML; with `-o` the findings go to standard output. The YAML is
//! written even when some lines could not be placed (each is a finding, and the exit code is 1).

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use crate::cli::ImportArgs;
use crate::diagnostic::Severity;
use crate::import::{self, DEFAULT_SCHEMA_PATH, InputFormat, Metadata};
use crate::inputs;
use crate::messages::Lang;
use crate::messages::Message;
use crate::report::{self, FileReport, Format, HumanOptions, ReportOptions};
use crate::{Outcome, ToolError};

pub fn run(args: &ImportArgs, lang: Lang) -> Outcome {
    match import_file(args, lang) {
        Ok(outcome) => outcome,
        Err(error) => {
            super::report_error(&error, lang);
            Outcome::ToolError
        }
    }
}

fn import_file(args: &ImportArgs, lang: Lang) -> Result<Outcome, ToolError> {
    let from_stdin = args.file.as_os_str() == "-";
    let name = if from_stdin {
        args.stdin_filename
            .clone()
            .unwrap_or_else(|| "<stdin>".to_string())
    } else {
        inputs::display_name(&args.file)
    };
    if let Some(output) = &args.output {
        // Even with --force: the draft never replaces the document it is made from.
        if !from_stdin {
            super::refuse_input_as_output(output, &[args.file.as_path()])?;
        }
        if !args.force && output.exists() {
            return Err(super::exists_error(output));
        }
    }

    let bytes = if from_stdin {
        crate::inputs::read_stdin(&name, args.max_file_size)?
    } else {
        crate::inputs::read_limited(&args.file, args.max_file_size)?
    };
    let format = match args.from {
        Some(format) => format,
        None => InputFormat::detect(&name, &bytes).map_err(|detail| {
            ToolError::of(
                Message::new("error.import")
                    .arg("file", &name)
                    .arg_message("detail", detail),
            )
        })?,
    };
    if format == InputFormat::Csv {
        let missing: Vec<&str> = [
            ("--organisation", args.organisation.is_none()),
            ("--title", args.title.is_none()),
            ("--published", args.published.is_none()),
        ]
        .into_iter()
        .filter_map(|(flag, missing)| missing.then_some(flag))
        .collect();
        if !missing.is_empty() {
            return Err(ToolError::of(
                Message::new("error.csv-metadata").arg("options", missing.join(", ")),
            ));
        }
    }
    let metadata = Metadata {
        organisation: args.organisation.clone(),
        language: args.language,
        title: args.title.clone(),
        period: args.period.clone(),
        published: args.published.clone(),
    };
    let (document, imported) = import::import_bytes(&name, &bytes, format, &metadata, args.strict)
        .map_err(|detail| {
            ToolError::of(
                Message::new("error.import")
                    .arg("file", &name)
                    .arg_message("detail", detail),
            )
        })?;
    let schema_path = match args.output.as_deref() {
        None => Some(DEFAULT_SCHEMA_PATH.to_string()),
        Some(output) => {
            let found = schema_path_for(output);
            if found.is_none() {
                let _ = writeln!(
                    io::stderr(),
                    "odplint: {}",
                    Message::new("import.no-schema")
                        .arg("file", output.display())
                        .render(lang)
                );
            }
            found
        }
    };
    let yaml = import::to_yaml_with_modeline(&imported.plan, schema_path.as_deref());

    let failing = imported
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity >= Severity::Error);
    let show = !imported.diagnostics.is_empty() || args.format == Format::Json;
    let reports = [FileReport {
        document,
        diagnostics: imported.diagnostics,
    }];
    let outcome = if failing {
        Outcome::Findings
    } else {
        Outcome::Clean
    };

    match &args.output {
        Some(output) => {
            super::write_output(output, yaml.as_bytes(), args.force)?;
            if show {
                let options = ReportOptions {
                    human: HumanOptions {
                        color: super::check::use_color(args.color, io::stdout().is_terminal()),
                        width: super::check::terminal_width(),
                    },
                    statistics: false,
                    max_per_file: Some(crate::cli::DEFAULT_MAX_DIAGNOSTICS),
                };
                let written = super::with_stdout(|out| {
                    report::emit(args.format, &reports, lang, &options, out)
                });
                return Ok(super::finish(written, outcome, lang));
            }
        }
        None => {
            let written = super::with_stdout(|out| out.write_all(yaml.as_bytes()));
            if let Err(error) = written {
                return Err(ToolError::of(
                    Message::new("error.write-output").arg_io("detail", &error),
                ));
            }
            if show {
                let options = ReportOptions {
                    human: HumanOptions {
                        color: super::check::use_color(args.color, io::stderr().is_terminal()),
                        width: super::check::terminal_width(),
                    },
                    statistics: false,
                    max_per_file: Some(crate::cli::DEFAULT_MAX_DIAGNOSTICS),
                };
                let mut rendered = Vec::new();
                report::emit(args.format, &reports, lang, &options, &mut rendered)
                    .and_then(|()| io::stderr().write_all(&rendered))
                    .map_err(|error| {
                        ToolError::of(Message::new("error.write-findings").arg_io("detail", &error))
                    })?;
            }
        }
    }
    Ok(outcome)
}

/// The modeline's path from the output's folder to the nearest schema file that exists: a
/// `plan.schema.json` (as `odplint init` writes) or a `schemas/plan.schema.json` in that folder
/// or one above it. `None` when there is none, since a modeline that resolves nowhere would only
/// make editors complain.
pub(crate) fn schema_path_for(output: &Path) -> Option<String> {
    let folder = output
        .parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let folder = folder.canonicalize().ok()?;
    folder
        .ancestors()
        .enumerate()
        .find_map(|(depth, ancestor)| {
            ["plan.schema.json", "schemas/plan.schema.json"]
                .into_iter()
                .find(|candidate| ancestor.join(candidate).is_file())
                .map(|candidate| format!("{}{candidate}", "../".repeat(depth)))
        })
}
