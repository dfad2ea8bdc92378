//! odplint: checks Hong Kong government Annual Open Data Plans in the `odp-plan/1` form against
//! their JSON Schema and the rules of the template, and reports every defect at its exact cell.

pub mod atomic;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod files;
pub mod fix;
pub mod hanzi;
pub mod import;
pub mod inputs;
pub mod lint;
pub mod lsp;
pub mod messages;
pub mod model;
pub mod next;
mod ordered;
pub mod outcome;
mod packed;
pub mod policy;
pub mod registry;
pub mod render;
pub mod report;
pub mod rule;
pub mod rules;
pub mod schema;
pub mod template;
pub mod version;
pub mod visible;
pub mod vocab;

pub use outcome::{ErrorKind, Outcome, ToolError};

/// Runs a parsed command line.
pub fn run(cli: cli::Cli) -> Outcome {
    let lang = resolve_lang(&cli);
    match cli.command {
        cli::Command::Check(args) => commands::check::run(&args, lang),
        cli::Command::Fix(mut args) => {
            args.fix = true;
            commands::check::run(&args, lang)
        }
        cli::Command::Explain { rule } => commands::explain::run(&rule, lang),
        cli::Command::Rules { format } => commands::rules::run(format, lang),
        cli::Command::Import(args) => commands::import::run(&args, lang),
        cli::Command::Init(args) => {
            commands::init::run(&args, cli.lang.map(cli::LangArg::language), lang)
        }
        cli::Command::Audit(args) => commands::audit::run(&args, lang),
        cli::Command::Next(args) => commands::next::run(&args, lang),
        cli::Command::Render(args) => commands::render::run(&args, lang),
        cli::Command::Schema => commands::schema::run(lang),
        cli::Command::Completions { shell } => commands::completions::run(shell, lang),
        cli::Command::Version { json } => commands::version::run(json, lang),
        cli::Command::Man { command } => commands::man::run(command.as_deref(), lang),
        cli::Command::Lsp(_) => commands::lsp::run(cli.lang.map(cli::LangArg::lang), lang),
    }
}

/// `--lang`, else `lang` in the odplint.toml that applies here, else the environment's locale.
fn resolve_lang(cli: &cli::Cli) -> messages::Lang {
    if let Some(lang) = cli.lang {
        return lang.lang();
    }
    let explicit = match &cli.command {
        cli::Command::Check(args) | cli::Command::Fix(args) => args.rules.config.as_deref(),
        cli::Command::Audit(args) => args.rules.config.as_deref(),
        _ => None,
    };
    config::Config::lang_or_locale(explicit)
}
