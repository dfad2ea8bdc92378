//! One file per subcommand; each returns an [`Outcome`](crate::Outcome).

pub mod audit;
pub mod check;
pub mod completions;
pub mod explain;
pub mod import;
pub mod init;
pub mod lsp;
pub mod man;
pub mod next;
pub mod render;
pub mod rules;
pub mod schema;
pub mod version;

use std::io::{self, BufWriter, Write};

use crate::Outcome;

/// Writes to standard output; a reader that went away (`| head`) ends the output quietly.
pub fn with_stdout(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), io::Error> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = write(&mut out).and_then(|()| out.flush());
    match result {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Prints a tool error the same way everywhere: `odplint: error: ...` on standard error, on
/// one line, with whatever it quotes (a file name, a key of odplint.toml) made visible.
pub fn report_error(message: &dyn std::fmt::Display) {
    let message = message.to_string();
    let _ = writeln!(
        io::stderr(),
        "odplint: error: {}",
        crate::visible::visible(&message)
    );
}

/// The inputs a command's paths name, with what the walks skipped reported on standard error;
/// `None` when the walk could not start (the error is reported here).
pub(crate) fn collect_inputs(
    paths: &[std::path::PathBuf],
    walk: &crate::cli::WalkArgs,
    config: Option<&std::path::Path>,
) -> Option<crate::inputs::Collected> {
    match crate::inputs::collect(paths, &walk.options(config)) {
        Ok(collected) => {
            collected.report_walks(walk.verbose);
            Some(collected)
        }
        Err(error) => {
            report_error(&error);
            None
        }
    }
}

/// Maps an output failure to the tool-error outcome.
pub fn finish(result: io::Result<()>, outcome: Outcome) -> Outcome {
    match result {
        Ok(()) => outcome,
        Err(error) => {
            report_error(&format_args!("cannot write the output: {error}"));
            Outcome::ToolError
        }
    }
}

/// Refuses an output that is one of the inputs (also through another spelling or a link):
/// a command that writes a draft or a rendering never replaces what it read.
pub fn refuse_input_as_output(
    output: &std::path::Path,
    inputs: &[&std::path::Path],
) -> Result<(), crate::ToolError> {
    let resolve = |path: &std::path::Path| -> Option<std::path::PathBuf> {
        if let Ok(path) = path.canonicalize() {
            return Some(path);
        }
        let parent = path.parent().filter(|p| !p.as_os_str().is_empty());
        let folder = parent
            .unwrap_or(std::path::Path::new("."))
            .canonicalize()
            .ok()?;
        Some(folder.join(path.file_name()?))
    };
    let Some(out) = resolve(output) else {
        return Ok(());
    };
    for input in inputs {
        if resolve(input).is_some_and(|input| input == out) {
            return Err(crate::ToolError::new(format!(
                "`{}` is an input; write the output to another file",
                crate::visible::visible(&output.display().to_string())
            ))
            .with_kind(crate::ErrorKind::Write));
        }
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: replacing it with `force`, else only if it does not
/// exist.
pub fn write_output(
    path: &std::path::Path,
    bytes: &[u8],
    force: bool,
) -> Result<(), crate::ToolError> {
    let written = if force {
        crate::atomic::replace(path, bytes)
    } else {
        crate::atomic::create(path, bytes)
    };
    let name = path.display().to_string();
    let shown = crate::visible::visible(&name);
    written.map_err(|error| {
        let message = match error.kind() {
            io::ErrorKind::AlreadyExists => {
                format!("`{shown}` already exists; give --force to overwrite it")
            }
            _ => format!("cannot write `{shown}`: {error}"),
        };
        crate::ToolError::new(message).with_kind(crate::ErrorKind::Write)
    })
}
