//! One file per subcommand; each returns an [`Outcome`](crate::Outcome).

pub mod audit;
pub mod check;
pub mod completions;
pub mod explain;
pub mod import;
pub mod init;
pub mod rules;
pub mod schema;

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

/// Prints a tool error the same way everywhere: `odplint: error: ...` on standard error.
pub fn report_error(message: &dyn std::fmt::Display) {
    let _ = writeln!(io::stderr(), "odplint: error: {message}");
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
