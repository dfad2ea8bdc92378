//! `odplint next PLAN [-o OUT] [--released FILE]`: writes the draft of the following period's
//! plan (to standard output without `-o`) and says on standard error what moved and how many
//! values wait for confirmation.

use std::io::{self, Write};
use std::path::Path;

use crate::cli::NextArgs;
use crate::config::Config;
use crate::document::Document;
use crate::inputs;
use crate::messages::Message;
use crate::next::{self, DraftError, Released};
use crate::policy::Policy;
use crate::{ErrorKind, Outcome, ToolError};

pub fn run(args: &NextArgs, lang: crate::messages::Lang) -> Outcome {
    match draft(args, lang) {
        Ok(()) => Outcome::Clean,
        Err(error) => {
            super::report_error(&error, lang);
            Outcome::ToolError
        }
    }
}

fn draft(args: &NextArgs, lang: crate::messages::Lang) -> Result<(), ToolError> {
    let name = inputs::display_name(&args.plan);
    if let Some(output) = &args.output {
        let mut read = vec![args.plan.as_path()];
        read.extend(args.released.as_deref());
        super::refuse_input_as_output(output, &read)?;
        if output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        {
            return Err(ToolError::of(
                Message::new("error.next-yaml").arg("file", output.display()),
            ));
        }
    }
    let released = match &args.released {
        Some(path) => {
            let list_name = inputs::display_name(path);
            let bytes = inputs::read_limited(path, inputs::DEFAULT_MAX_FILE_SIZE)?;
            let text = Document::decode(&bytes).map_err(|detail| {
                ToolError::of(
                    Message::new("error.read")
                        .arg("file", &list_name)
                        .arg_message("detail", detail),
                )
            })?;
            let list = Released::parse(text).map_err(|detail| {
                ToolError::of(
                    Message::new("error.next-list")
                        .arg("file", &list_name)
                        .arg_message("detail", detail),
                )
                .in_file(list_name)
            })?;
            Some(list)
        }
        None => None,
    };
    let bytes = inputs::read_limited(&args.plan, inputs::DEFAULT_MAX_FILE_SIZE)?;
    let document = Document::from_bytes(name.clone(), &bytes);
    let draft = next::draft(&document, released.as_ref()).map_err(|error| {
        let detail = match error {
            DraftError::NotAPlan => Message::new("next.not-a-plan"),
            DraftError::Period(period) => Message::new("next.bad-period").arg("period", period),
        };
        ToolError::of(
            Message::new("error.next-draft")
                .arg("file", &name)
                .arg_message("detail", detail),
        )
        .in_file(name.clone())
        .with_kind(ErrorKind::Other)
    })?;
    let (yaml, fixes) = if args.no_fix {
        (draft.yaml.clone(), 0)
    } else {
        let folder = args
            .output
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let config = Config::discover(folder)?;
        next::with_safe_fixes(&draft.yaml, &name, &Policy::of_config(&config))
    };
    match &args.output {
        Some(output) => super::write_output(output, yaml.as_bytes(), args.force)?,
        None => super::with_stdout(|out| out.write_all(yaml.as_bytes())).map_err(|error| {
            ToolError::of(Message::new("error.write-draft").arg_io("detail", &error))
        })?,
    }
    let mut err = io::stderr().lock();
    let _ = writeln!(
        err,
        "odplint: {}",
        Message::new("next.drafted")
            .arg("period", &draft.period)
            .arg("file", &name)
            .arg("moved", draft.moves.len())
            .arg("fixes", fixes)
            .arg("confirm", draft.confirmations())
            .render(lang)
    );
    for unmatched in &draft.unmatched {
        let _ = writeln!(
            err,
            "odplint: {}",
            Message::new("next.unmatched")
                .arg("name", unmatched)
                .render(lang)
        );
    }
    Ok(())
}
