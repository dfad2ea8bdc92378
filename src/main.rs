use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = odplint::cli::parse();
    ExitCode::from(odplint::run(cli).exit_code())
}
