//! `odplint render PLAN --format docx|html|markdown [-o OUT]`: the plan in the published layout;
//! `odplint render --diff OLD NEW`: what changed between two plans, as Markdown.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::RenderArgs;
use crate::document::Document;
use crate::import::Plan;
use crate::inputs;
use crate::messages::Message;
use crate::render::{self, RenderFormat};
use crate::visible::visible as shown;
use crate::{ErrorKind, Outcome, ToolError};

pub fn run(args: &RenderArgs, lang: crate::messages::Lang) -> Outcome {
    match render_files(args) {
        Ok(()) => Outcome::Clean,
        Err(error) => {
            super::report_error(&error, lang);
            Outcome::ToolError
        }
    }
}

fn render_files(args: &RenderArgs) -> Result<(), ToolError> {
    let format = match (args.format, args.output.as_deref().and_then(format_of)) {
        (Some(format), _) | (None, Some(format)) => format,
        (None, None) if args.diff.is_some() => RenderFormat::Markdown,
        (None, None) => {
            return Err(ToolError::of(Message::new("error.render-format")));
        }
    };
    let inputs: Vec<&Path> = match (&args.plan, &args.diff) {
        (_, Some(pair)) => pair.iter().map(PathBuf::as_path).collect(),
        (Some(plan), None) => vec![plan.as_path()],
        (None, None) => return Err(ToolError::of(Message::new("error.render-plan"))),
    };
    if let Some(output) = &args.output {
        super::refuse_input_as_output(output, &inputs)?;
    }
    let bytes = match &args.diff {
        Some(_) => {
            if format != RenderFormat::Markdown {
                return Err(ToolError::of(Message::new("error.render-diff")));
            }
            let old = load(inputs[0])?;
            let new = load(inputs[1])?;
            let names = (
                inputs::display_name(inputs[0]),
                inputs::display_name(inputs[1]),
            );
            render::diff::markdown(&old, &new, (&names.0, &names.1)).into_bytes()
        }
        None => {
            let plan = load(inputs[0])?;
            let page = render::layout(&plan);
            match format {
                RenderFormat::Markdown => render::markdown::render(&page).into_bytes(),
                RenderFormat::Html => render::html::render(&page).into_bytes(),
                RenderFormat::Docx => render::docx::render(&page).map_err(ToolError::of)?,
            }
        }
    };
    match &args.output {
        Some(output) => super::write_output(output, &bytes, args.force),
        None => {
            if format == RenderFormat::Docx && std::io::stdout().is_terminal() {
                return Err(ToolError::of(Message::new("error.render-binary")));
            }
            super::with_stdout(|out| out.write_all(&bytes)).map_err(|error| {
                ToolError::of(Message::new("error.write-output").arg_io("detail", &error))
            })
        }
    }
}

use std::path::PathBuf;

/// The format an output file's extension names.
fn format_of(path: &Path) -> Option<RenderFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "docx" => Some(RenderFormat::Docx),
        "html" | "htm" => Some(RenderFormat::Html),
        "md" | "markdown" => Some(RenderFormat::Markdown),
        _ => None,
    }
}

/// Loads a plan as the published document shows it; a plan whose structure is broken is an
/// error (its cells could not be laid out faithfully).
pub fn load(path: &Path) -> Result<Plan, ToolError> {
    let name = inputs::display_name(path);
    let bytes = inputs::read_limited(path, inputs::DEFAULT_MAX_FILE_SIZE)?;
    let document = Document::from_bytes(name.clone(), &bytes);
    let unsound = crate::lint::check_document(&document)
        .iter()
        .any(|d| d.rule.code.starts_with('S') && d.rule.code <= "S004");
    let plan = if unsound {
        None
    } else {
        crate::model::Plan::from_document(&document)
    };
    if let Some(plan) = &plan {
        let rows = render::unpublishable(plan);
        if !rows.is_empty() {
            let places: Vec<String> = rows
                .iter()
                .map(|row| {
                    let at = document.position(document.span_for(&row.pointer).start);
                    format!(
                        "  {}:{}:{}: {} {}",
                        shown(&name),
                        at.line,
                        at.column,
                        row.row,
                        row.reason
                    )
                })
                .collect();
            return Err(ToolError::of(
                Message::new("error.render-rows")
                    .arg("file", &name)
                    .arg("places", format!("\n{}", places.join("\n"))),
            )
            .in_file(name)
            .with_kind(ErrorKind::Other));
        }
    }
    match plan {
        Some(plan) => Ok(Plan::from_model(&plan)),
        None => Err(
            ToolError::of(Message::new("error.render-not-plan").arg("file", &name))
                .in_file(name)
                .with_kind(ErrorKind::Other),
        ),
    }
}
