use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = odplint::cli::Cli::parse();
    ExitCode::from(odplint::run(cli).exit_code())
}
