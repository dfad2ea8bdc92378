//! `odplint man [COMMAND]`: a manual page in roff, generated from the command line's own
//! definition (as `completions` is), so it never falls behind a new flag.

use clap::CommandFactory;

use crate::Outcome;
use crate::cli::Cli;
use crate::version::VERSION;

pub fn run(command: Option<&str>, lang: crate::messages::Lang) -> Outcome {
    let mut cli = Cli::command()
        // The plain version: a page that changed with every commit would churn packages.
        .version(VERSION)
        .disable_help_subcommand(true);
    cli.build();
    let page = match command {
        None => cli,
        Some(name) => match cli.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let known = cli
                    .get_subcommands()
                    .map(|s| s.get_name().to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                // Debug formatting quotes the name and escapes control characters.
                super::report_error(
                    &crate::ToolError::of(
                        crate::messages::Message::new("error.unknown-command")
                            .arg("command", name)
                            .arg("known", known),
                    ),
                    lang,
                );
                return Outcome::ToolError;
            }
        },
    };
    let mut roff = Vec::new();
    let rendered = clap_mangen::Man::new(page)
        .manual("odplint manual")
        .source(format!("odplint {VERSION}"))
        .render(&mut roff);
    let result = rendered.and_then(|()| super::with_stdout(|out| out.write_all(&roff)));
    super::finish(result, Outcome::Clean, lang)
}
