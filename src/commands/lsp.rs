//! `odplint lsp`: serves the Language Server Protocol on standard input and output.

use crate::Outcome;
use crate::lsp::{self, Ending, Options};
use crate::messages::Lang;

pub fn run(lang: Option<Lang>, errors_in: Lang) -> Outcome {
    let (connection, io_threads) = lsp_server::Connection::stdio();
    let options = Options {
        lang,
        ..Options::default()
    };
    let served = lsp::serve(&connection, &options);
    // The writer thread ends once every sender is gone.
    drop(connection);
    let joined = io_threads.join();
    match (served, joined) {
        (Ok(Ending::Clean), Ok(())) => Outcome::Clean,
        (Ok(Ending::Abrupt), _) => Outcome::ToolError,
        (Err(error), _) => {
            super::report_error(
                &crate::ToolError::of(
                    crate::messages::Message::new("error.lsp").arg("detail", error),
                ),
                errors_in,
            );
            Outcome::ToolError
        }
        (Ok(Ending::Clean), Err(error)) => {
            super::report_error(
                &crate::ToolError::of(
                    crate::messages::Message::new("error.lsp").arg("detail", error),
                ),
                errors_in,
            );
            Outcome::ToolError
        }
    }
}
