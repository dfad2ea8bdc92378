//! odplint: checks Hong Kong government Annual Open Data Plans in the `odp-plan/1` form against
//! their JSON Schema and the rules of the template, and reports every defect at its exact cell.

pub mod atomic;
pub mod audit;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod fix;
pub mod import;
pub mod inputs;
pub mod lint;
pub mod lsp;
pub mod messages;
pub mod model;
pub mod next;
pub mod policy;
pub mod render;
pub mod report;
pub mod rules;
pub mod schema;
pub mod template;
pub mod version;
pub mod vocab;

use std::fmt;

/// How a command ended, as the process exit code reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing at or above the failure level (exit 0).
    Clean,
    /// Findings at or above the failure level (exit 1).
    Findings,
    /// A usage, I/O or internal error (exit 2).
    ToolError,
}

impl Outcome {
    pub fn exit_code(self) -> u8 {
        match self {
            Outcome::Clean => 0,
            Outcome::Findings => 1,
            Outcome::ToolError => 2,
        }
    }
}

/// A failure of the tool itself (not a finding about a plan).
#[derive(Debug)]
pub struct ToolError {
    pub message: String,
    /// The file it is about, as reports name files, when it is about one.
    pub file: Option<String>,
    pub kind: ErrorKind,
}

/// What kind of failure a [`ToolError`] is, as the machine formats name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorKind {
    /// A path that does not exist.
    NotFound,
    /// A file or stream that could not be read (permissions, not UTF-8 readable, a folder...).
    Read,
    /// A file over `--max-file-size`.
    TooLarge,
    /// An `odplint.toml` that cannot be used.
    Config,
    /// An output that could not be written.
    Write,
    /// Anything else.
    Other,
}

impl ErrorKind {
    /// The name the machine formats give the kind (as in the JSON report).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not-found",
            ErrorKind::Read => "read",
            ErrorKind::TooLarge => "too-large",
            ErrorKind::Config => "config",
            ErrorKind::Write => "write",
            ErrorKind::Other => "other",
        }
    }
}

impl ToolError {
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            file: None,
            kind: ErrorKind::Other,
        }
    }

    /// The same error, about `file`.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }

    pub fn with_kind(mut self, kind: ErrorKind) -> Self {
        self.kind = kind;
        self
    }
}

impl fmt::Display for ToolError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ToolError {}

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
        cli::Command::Next(args) => commands::next::run(&args),
        cli::Command::Render(args) => commands::render::run(&args),
        cli::Command::Schema => commands::schema::run(),
        cli::Command::Completions { shell } => commands::completions::run(shell),
        cli::Command::Version { json } => commands::version::run(json),
        cli::Command::Man { command } => commands::man::run(command.as_deref()),
        cli::Command::Lsp(_) => commands::lsp::run(cli.lang.map(cli::LangArg::lang)),
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
    let config = match explicit {
        Some(path) => config::Config::load(path).ok(),
        None => config::Config::discover(std::path::Path::new(".")).ok(),
    };
    config
        .and_then(|c| c.lang)
        .unwrap_or_else(messages::Lang::from_env)
}
