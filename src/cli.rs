//! The command line: commands and flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::policy::Selector;

fn parse_selector(text: &str) -> Result<Selector, String> {
    Selector::parse(text)
}
use crate::audit::report::AuditFormat;
use crate::report::Format;

/// Checks Hong Kong government Annual Open Data Plans (odp-plan/1, YAML or JSON) against their
/// schema and the rules of the template, with a precise diagnostic for every defect.
#[derive(Debug, Parser)]
#[command(name = "odplint", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply the safe fixes in place (as `check --fix`), then report what remains.
    #[command(
        after_help = "Examples:\n  odplint fix plans/\n  odplint fix --diff plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint fix --unsafe-fixes plans/\n\nFiles are rewritten atomically and only where a fix applies; a file that does not parse is left untouched.\nExit codes: 0 nothing at or above --fail-on remains, 1 something does (with --diff: also when a fix would change a file), 2 usage or I/O error."
    )]
    Fix(CheckArgs),
    /// Check plan files or folders of plans.
    #[command(
        after_help = "Examples:\n  odplint check plans/\n  odplint check --format concise plans/hkpf/2024-2026.zh-Hant.yaml\n  cat plan.yaml | odplint check --stdin-filename plan.yaml -\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O error."
    )]
    Check(CheckArgs),
    /// Audit a folder of all plans: check each, follow every promised dataset into the next
    /// year's plan and compare the language versions.
    #[command(
        after_help = "Examples:\n  odplint audit plans/\n  odplint audit --format html --output-file audit.html plans/\n  odplint audit --format csv plans/ > datasets.csv\n  odplint audit --format markdown --fail-on warning plans/\n\nExit codes: 0 nothing at or above --fail-on, 1 findings (plan or audit rules), 2 usage or I/O error."
    )]
    Audit(AuditArgs),
    /// Show the documentation of a rule, by code (D001) or name (date-format).
    #[command(after_help = "Examples:\n  odplint explain D001\n  odplint explain date-format")]
    Explain {
        /// The rule's code or name.
        rule: String,
    },
    /// List every rule with its code, name, default severity and fix availability.
    #[command(after_help = "Examples:\n  odplint rules\n  odplint rules --format json")]
    Rules {
        /// Output format.
        #[arg(long, value_enum, default_value_t = RulesFormat::Table)]
        format: RulesFormat,
    },
    /// Print the JSON Schema of the odp-plan/1 form (the one compiled into this binary).
    #[command(after_help = "Examples:\n  odplint schema > plan.schema.json")]
    Schema,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check; folders are searched for *.yaml, *.yml and *.json. `-` reads
    /// standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// The lowest severity that makes the exit code 1 [default: error, or `fail-on` in
    /// odplint.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Check only these rules: codes (D001), names (date-format) or code prefixes (D), comma
    /// separated; applied after odplint.toml.
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = parse_selector)]
    pub select: Option<Vec<Selector>>,

    /// Skip these rules (codes, names or prefixes, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = parse_selector)]
    pub ignore: Vec<Selector>,

    /// Use this configuration file for every checked file instead of looking for odplint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Apply the safe fixes in place before reporting (what `odplint fix` does).
    #[arg(long)]
    pub fix: bool,

    /// Also apply unsafe fixes (renumbering items, removing a placeholder row).
    #[arg(long)]
    pub unsafe_fixes: bool,

    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,

    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The file name to report (and to choose YAML or JSON by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Files or folders of plans; folders are searched for *.yaml, *.yml and *.json.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// The lowest severity that makes the exit code 1 [default: error, or `fail-on` in
    /// odplint.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Run only these rules: codes (A001), names (released-late) or code prefixes (A), comma
    /// separated; applied after odplint.toml.
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = parse_selector)]
    pub select: Option<Vec<Selector>>,

    /// Skip these rules (codes, names or prefixes, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = parse_selector)]
    pub ignore: Vec<Selector>,

    /// Use this configuration file for every plan instead of looking for odplint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Table,
    Json,
}
