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
use crate::messages::Message;

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
pub fn report_error(error: &crate::ToolError, lang: crate::messages::Lang) {
    let message = error.render(lang);
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
    lang: crate::messages::Lang,
) -> Option<crate::inputs::Collected> {
    match crate::inputs::collect(paths, &walk.options(config)) {
        Ok(collected) => {
            collected.report_walks(walk.verbose, lang);
            Some(collected)
        }
        Err(error) => {
            report_error(&error, lang);
            None
        }
    }
}

/// Maps an output failure to the tool-error outcome.
pub fn finish(result: io::Result<()>, outcome: Outcome, lang: crate::messages::Lang) -> Outcome {
    match result {
        Ok(()) => outcome,
        Err(error) => {
            match error
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<crate::ToolError>())
            {
                Some(named) => report_error(named, lang),
                None => report_error(
                    &crate::ToolError::of(
                        Message::new("error.write-output").arg_io("detail", &error),
                    ),
                    lang,
                ),
            }
            Outcome::ToolError
        }
    }
}

/// A failed write of the file `path` as an I/O error of the same kind that carries the tool
/// error to report ("cannot write `path`: ..."), for writers whose errors are I/O errors.
pub(crate) fn write_error(path: &std::path::Path, error: &io::Error) -> io::Error {
    io::Error::new(error.kind(), cannot_write(path, error))
}

/// "cannot write `path`: ..." about the file `path`.
pub(crate) fn cannot_write(path: &std::path::Path, error: &io::Error) -> crate::ToolError {
    crate::ToolError::of(
        Message::new("error.write")
            .arg("file", path.display())
            .arg_io("detail", error),
    )
    .in_file(crate::inputs::display_name(path))
    .with_kind(crate::ErrorKind::Write)
}

/// "`path` already exists; give --force to overwrite it".
pub(crate) fn exists_error(path: &std::path::Path) -> crate::ToolError {
    crate::ToolError::of(Message::new("error.exists-force").arg("file", path.display()))
        .in_file(crate::inputs::display_name(path))
        .with_kind(crate::ErrorKind::Write)
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
            return Err(crate::ToolError::of(
                Message::new("error.output-is-input").arg("file", output.display()),
            )
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
    written.map_err(|error| match error.kind() {
        io::ErrorKind::AlreadyExists => exists_error(path),
        _ => cannot_write(path, &error),
    })
}
