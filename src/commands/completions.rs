//! `odplint completions SHELL`: a completion script generated from the command line's own
//! definition, so it never falls behind a new flag.

use clap::CommandFactory;
use clap_complete::Shell;

use crate::Outcome;
use crate::cli::Cli;

pub fn run(shell: Shell, lang: crate::messages::Lang) -> Outcome {
    // Generated into memory first: the generators panic on a failed write, and a closed
    // standard output (`| head`) must end quietly.
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "odplint", &mut script);
    let result = super::with_stdout(|out| out.write_all(&script));
    super::finish(result, Outcome::Clean, lang)
}
