//! The command line: commands and flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::diagnostic::Severity;
use crate::import::InputFormat;
use crate::model::Language;
use crate::policy::Selector;

fn parse_selector(text: &str) -> Result<Selector, String> {
    Selector::parse(text)
}
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
    /// Check plan files or folders of plans.
    #[command(
        after_help = "Examples:\n  odplint check plans/\n  odplint check --format concise plans/hkpf/2024-2026.zh-Hant.yaml\n  cat plan.yaml | odplint check --stdin-filename plan.yaml -\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O error."
    )]
    Check(CheckArgs),
    /// Turn a published plan (PDF-extracted text, or a CSV export) into odp-plan/1 YAML.
    #[command(
        after_help = "Examples:\n  odplint import plan.txt -o plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint import plan.txt > plan.yaml\n  odplint import --organisation 香港警務處 --title TITLE --published 12/2023 plan.csv\n\nWithout -o the YAML goes to standard output and findings to standard error.\nExit codes: 0 imported, 1 findings at error level (lines that could not be placed; guesses with --strict), 2 usage or I/O error."
    )]
    Import(ImportArgs),
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

    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The file name to report (and to choose YAML or JSON by) for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The published plan: text extracted from its PDF, or a CSV export. `-` reads standard
    /// input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write the YAML to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,

    /// What FILE is [default: csv for *.csv, else text].
    #[arg(long, value_enum)]
    pub from: Option<InputFormat>,

    /// Make every guess (I005) an error.
    #[arg(long)]
    pub strict: bool,

    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The organisation (required for CSV; replaces the input's first line).
    #[arg(long, value_name = "NAME")]
    pub organisation: Option<String>,

    /// The plan's title (required for CSV; replaces the input's second line).
    #[arg(long, value_name = "TITLE")]
    pub title: Option<String>,

    /// The plan's language [default: detected from the text].
    #[arg(long, value_name = "LANGUAGE", value_parser = parse_language)]
    pub language: Option<Language>,

    /// The plan's period, YYYY-YYYY [default: the year range in the title].
    #[arg(long, value_name = "YYYY-YYYY")]
    pub period: Option<String>,

    /// The publication date, MM/YYYY (required for CSV; replaces the closing date line).
    #[arg(long, value_name = "MM/YYYY")]
    pub published: Option<String>,

    /// The file name to report for standard input.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text)
        .ok_or_else(|| format!("`{text}` is not a plan language; use zh-Hant, zh-Hans or en"))
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
