//! The command line: commands and flags (clap derive).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

mod lang;

pub use lang::{command_in, lang_before_parsing, parse};

use crate::config::Config;
use crate::diagnostic::Severity;
use crate::import::InputFormat;
use crate::messages::Lang;
use crate::model::Language;
use crate::policy::{Policy, Selector};

/// `16777216`, `16M`, `512K`, `1G` (binary multiples).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, multiplier) = match text.char_indices().last() {
        Some((at, 'K' | 'k')) => (&text[..at], 1u64 << 10),
        Some((at, 'M' | 'm')) => (&text[..at], 1 << 20),
        Some((at, 'G' | 'g')) => (&text[..at], 1 << 30),
        _ => (text, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| format!("`{text}` is not a size; write bytes or a number with K, M or G"))
}

/// A further report of a `check` run: a format and the file it goes to.
/// Findings shown per file in the formats people read, unless `--max-diagnostics` says more.
pub const DEFAULT_MAX_DIAGNOSTICS: usize = 500;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExtraReport {
    pub format: Format,
    pub path: PathBuf,
}

fn parse_report(text: &str) -> Result<ExtraReport, String> {
    let formats = || {
        Format::value_variants()
            .iter()
            .filter_map(|f| f.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let Some((format, path)) = text.split_once('=') else {
        return Err(format!(
            "write FORMAT=PATH, e.g. sarif=odplint.sarif (formats: {})",
            formats()
        ));
    };
    let format = <Format as ValueEnum>::from_str(format.trim(), true)
        .map_err(|_| format!("`{format}` is not a format; use one of {}", formats()))?;
    if path.is_empty() {
        return Err("the PATH after `=` is empty".to_string());
    }
    Ok(ExtraReport {
        format,
        path: PathBuf::from(path),
    })
}

fn parse_selector(text: &str) -> Result<Selector, String> {
    Selector::parse(text)
}

/// Parses a value with `parse` and offers every rule's code and name to shell completion (hidden
/// from `--help`, where sixty values would drown the flag). Prefixes such as `D` still parse: the
/// list is what completion suggests, not what is allowed.
#[derive(Clone)]
pub struct RuleValueParser<T: Clone + Send + Sync + 'static> {
    parse: fn(&str) -> Result<T, String>,
}

impl<T: Clone + Send + Sync + 'static> RuleValueParser<T> {
    pub fn new(parse: fn(&str) -> Result<T, String>) -> Self {
        Self { parse }
    }
}

impl<T: Clone + Send + Sync + 'static> clap::builder::TypedValueParser for RuleValueParser<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        let text = value
            .to_str()
            .ok_or_else(|| clap::Error::new(clap::error::ErrorKind::InvalidUtf8).with_cmd(cmd))?;
        (self.parse)(text).map_err(|message| {
            let name = arg.map_or_else(|| "value".to_string(), |a| a.to_string());
            cmd.clone().error(
                clap::error::ErrorKind::ValueValidation,
                format!("invalid value '{text}' for '{name}': {message}"),
            )
        })
    }

    fn possible_values(
        &self,
    ) -> Option<Box<dyn Iterator<Item = clap::builder::PossibleValue> + '_>> {
        let codes = crate::registry::every_rule()
            .map(|rule| clap::builder::PossibleValue::new(rule.code).help(rule.name));
        let names = crate::registry::every_rule()
            .map(|rule| clap::builder::PossibleValue::new(rule.name).help(rule.code));
        Some(Box::new(codes.chain(names)))
    }
}

fn rule_selector() -> RuleValueParser<Selector> {
    RuleValueParser::new(parse_selector)
}

fn rule_code_or_name() -> RuleValueParser<String> {
    RuleValueParser::new(|text| Ok(text.to_string()))
}
use crate::audit::report::AuditFormat;
use crate::report::Format;

/// Checks Hong Kong government Annual Open Data Plans (odp-plan/1, YAML or JSON) against their
/// schema and the rules of the template, with a precise diagnostic for every defect.
#[derive(Debug, Parser)]
#[command(
    name = "odplint",
    version = crate::version::LINE,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Examples:\n  odplint check plans/\n  odplint check --format sarif --output-file odplint.sarif plans/\n  odplint explain D001\n  odplint completions bash > /etc/bash_completion.d/odplint"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// The language of messages and documentation [default: `lang` in odplint.toml, else from
    /// LC_ALL, LC_MESSAGES or LANG: zh_HK, zh_TW, zh_MO give zh-Hant, zh_CN, zh_SG zh-Hans,
    /// anything else en].
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
}

/// The `--lang` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    #[value(name = "en")]
    En,
    #[value(name = "zh-Hant")]
    ZhHant,
    #[value(name = "zh-Hans")]
    ZhHans,
}

impl LangArg {
    /// The same language as a plan's language.
    pub fn language(self) -> Language {
        match self {
            LangArg::En => Language::En,
            LangArg::ZhHant => Language::ZhHant,
            LangArg::ZhHans => Language::ZhHans,
        }
    }

    pub fn lang(self) -> Lang {
        match self {
            LangArg::En => Lang::En,
            LangArg::ZhHant => Lang::ZhHant,
            LangArg::ZhHans => Lang::ZhHans,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check plan files or folders of plans.
    #[command(
        after_help = "Examples:\n  odplint check plans/\n  odplint check --format concise plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint check --format sarif --output-file odplint.sarif plans/\n  odplint check --format github --statistics plans/\n  cat plan.yaml | odplint check --stdin-filename plan.yaml -\n\nExit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage or I/O error."
    )]
    Check(CheckArgs),
    /// Apply the safe fixes in place (as `check --fix`), then report what remains.
    #[command(
        after_help = "Examples:\n  odplint fix plans/\n  odplint fix --diff plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint fix --unsafe-fixes plans/\n\nFiles are rewritten atomically and only where a fix applies; a file that does not parse is left untouched.\nExit codes: 0 nothing at or above --fail-on remains, 1 something does (with --diff: also when a fix would change a file), 2 usage or I/O error."
    )]
    Fix(CheckArgs),
    /// Turn a published plan (a Word document, a PDF, a spreadsheet, PDF-extracted text, or a
    /// CSV export) into odp-plan/1 YAML.
    #[command(
        after_help = "Examples:\n  odplint import plan.docx -o plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint import plan.pdf -o plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint import plan.xlsx -o plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint import plan.txt -o plans/hkpf/2024-2026.zh-Hant.yaml\n  odplint import plan.txt > plan.yaml\n  odplint import --organisation 香港警務處 --title TITLE --published 12/2023 plan.csv\n\nThe input is recognised by its content (Word .docx, PDF, .xlsx, .ods), else csv for *.csv, else text;\n--from overrides. A spreadsheet's sheets are read as the Word document shows the plan (headings,\nnotes and tables; merged cells as merged); its cover sheet or --organisation/--title/--published give the plan's facts.\nWithout -o the YAML goes to standard output and findings to standard error.\nExit codes: 0 imported, 1 findings at error level (lines that could not be placed; guesses with --strict), 2 usage or I/O error."
    )]
    Import(ImportArgs),
    /// Start a plan from the template: every section and table with its placeholder row, the
    /// section titles in the plan's language (--lang), an odplint.toml and the schema beside it.
    #[command(
        after_help = "Examples:\n  odplint init --lang zh-Hant --organisation 香港警務處 --period 2026-2028 plans/hkpf/\n  odplint init --lang en --organisation \"Hong Kong Police Force\" --period 2026-2028 --published 12/2025 -o plans/hkpf/2026-2028.en.yaml\n\nThe plan's language is --lang (zh-Hant, zh-Hans or en); messages are in it too.\nWrites DIR/PERIOD.LANG.yaml (or FILE), plan.schema.json and odplint.toml beside it; an existing schema file or a configuration that already applies there is kept. Nothing is overwritten.\nExit codes: 0 written, 2 usage or I/O error (a file that exists)."
    )]
    Init(InitArgs),
    /// Audit a folder of all plans: check each, follow every promised dataset into the next
    /// year's plan and compare the language versions.
    #[command(
        after_help = "Examples:\n  odplint audit plans/\n  odplint audit --format html --output-file audit.html plans/\n  odplint audit --format csv plans/ > datasets.csv\n  odplint audit --format markdown --fail-on warning plans/\n\nExit codes: 0 nothing at or above --fail-on, 1 findings (plan or audit rules), 2 usage or I/O error."
    )]
    Audit(AuditArgs),
    /// Draft the following period's plan from this one (2024-2026 gives 2025-2027): A's rows
    /// move to D, B's rows due next year to A, items renumbered, comments kept.
    #[command(
        after_help = "Examples:\n  odplint next plans/hkpf/2024-2026.zh-Hant.yaml -o plans/hkpf/2025-2027.zh-Hant.yaml\n  odplint next --released released.csv plans/hkpf/2024-2026.en.yaml > draft.yaml\n\nDates the draft could only guess are marked `# odplint: confirm` (rule D005, reported by check until the comment is removed).\nExit codes: 0 drafted, 2 usage or I/O error, or a plan that cannot be drafted from."
    )]
    Next(NextArgs),
    /// Write a plan in the published layout (Word, HTML or Markdown), or with --diff what
    /// changed between two plans.
    #[command(
        after_help = "Examples:\n  odplint render plans/hkpf/2024-2026.zh-Hant.yaml --format docx -o 2024-2026.zh-Hant.docx\n  odplint render plans/hkpf/2024-2026.zh-Hant.yaml --format html -o plan.html\n  odplint render plan.yaml --format markdown\n  odplint render --diff plans/hkpf/2024-2026.zh-Hant.yaml plans/hkpf/2025-2027.zh-Hant.yaml --format markdown\n\nExit codes: 0 written, 2 usage or I/O error, or a plan that cannot be loaded."
    )]
    Render(RenderArgs),
    /// Show the documentation of a rule, by code (D001) or name (date-format).
    #[command(after_help = "Examples:\n  odplint explain D001\n  odplint explain date-format")]
    Explain {
        /// The rule's code or name.
        #[arg(value_parser = rule_code_or_name(), hide_possible_values = true)]
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
    /// Print a shell completion script for odplint.
    #[command(
        after_help = "Examples:\n  odplint completions bash > ~/.local/share/bash-completion/completions/odplint\n  odplint completions zsh > ~/.zfunc/_odplint\n  odplint completions fish > ~/.config/fish/completions/odplint.fish\n  odplint completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell to complete in.
        shell: clap_complete::Shell,
    },
    /// Print the version, the commit and date of the build, and the target (for bug reports).
    #[command(after_help = "Examples:\n  odplint version\n  odplint version --json")]
    Version {
        /// Print a JSON object: name, version, commit, build_date, target, profile, rustc, features.
        #[arg(long)]
        json: bool,
    },
    /// Print the manual page (roff), generated from these same commands and flags.
    #[command(
        after_help = "Examples:\n  odplint man > odplint.1\n  odplint man check > odplint-check.1\n  odplint man | man -l -"
    )]
    Man {
        /// The command whose page to print (check, fix, ...) [default: odplint's own page,
        /// which lists the commands].
        command: Option<String>,
    },
    /// Speak the Language Server Protocol on standard input and output, for editors: findings
    /// while typing, fixes as code actions, hover and completion.
    #[command(
        after_help = "Examples:\n  odplint lsp\n  odplint --lang zh-Hant lsp\n\nEditors start it themselves; see docs/editors.md for VS Code, Neovim and Helix.\nExit codes: 0 after shutdown and exit, 2 when the client went away without them."
    )]
    Lsp(LspArgs),
}

#[derive(Debug, clap::Args)]
pub struct LspArgs {
    /// Accepted for clients that always pass it; standard input and output are the only transport.
    #[arg(long)]
    pub stdio: bool,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// Files or folders to check. In folders, *.yaml, *.yml and *.json files that say
    /// `format: odp-plan/...` (or that odplint.toml's `include` names) are checked; .gitignore,
    /// .ignore, hidden files and `exclude` are respected. `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Write the report to this file (replaced whole, never left half-written); the terminal
    /// then gets the summary line only.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    /// Also write the findings of this same run in FORMAT to PATH (replaced whole), e.g.
    /// `--report sarif=odplint.sarif`; repeatable, so one run gives annotations on the terminal
    /// and SARIF in a file.
    #[arg(long = "report", value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub reports: Vec<ExtraReport>,

    /// Skip files larger than this (bytes; K, M or G suffixes allowed, e.g. 16M): they are
    /// reported as errors and the other files are still checked.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// Show at most this many findings per file in the human and concise formats (the summary
    /// still counts them all; the machine formats list them all).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_MAX_DIAGNOSTICS)]
    pub max_diagnostics: usize,

    /// After the report, count the findings of each rule (in JSON, a `statistics` field).
    #[arg(long)]
    pub statistics: bool,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub walk: WalkArgs,

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
pub struct ImportArgs {
    /// The published plan: a Word document (.docx), text extracted from its PDF, or a CSV
    /// export. `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// Write the YAML to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Overwrite OUT if it exists.
    #[arg(long)]
    pub force: bool,

    /// What FILE is [default: recognised by its content (Word, Excel, OpenDocument, PDF), else
    /// csv for *.csv, else text].
    #[arg(long, value_enum)]
    pub from: Option<InputFormat>,

    /// Refuse a FILE larger than this (bytes; K, M or G suffixes allowed). Word and spreadsheet
    /// files are also limited inside: at most 64 MB of XML uncompressed.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = parse_size)]
    pub max_file_size: u64,

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

#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The organisation, as the plan names it (e.g. 香港警務處).
    #[arg(long, value_name = "NAME")]
    pub organisation: String,

    /// The plan's period, YYYY-YYYY (three years, e.g. 2026-2028).
    #[arg(long, value_name = "YYYY-YYYY")]
    pub period: String,

    /// The publication date, MM/YYYY [default: December of the year before the period].
    #[arg(long, value_name = "MM/YYYY")]
    pub published: Option<String>,

    /// The folder to write the plan in [default: the current folder].
    #[arg(value_name = "DIR", conflicts_with = "output")]
    pub dir: Option<PathBuf>,

    /// Write the plan to this file instead (the schema and odplint.toml go beside it).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The plan (YAML or JSON).
    #[arg(
        value_name = "PLAN",
        required_unless_present = "diff",
        conflicts_with = "diff"
    )]
    pub plan: Option<PathBuf>,

    /// Compare two plans instead: rows added, removed, moved between sections, dates and
    /// frequencies changed (Markdown, for a pull request's description).
    #[arg(long, num_args = 2, value_names = ["OLD", "NEW"])]
    pub diff: Option<Vec<PathBuf>>,

    /// Output format [default: by OUT's extension: .docx, .html, .md].
    #[arg(long, value_enum)]
    pub format: Option<crate::render::RenderFormat>,

    /// Write to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Overwrite OUT if it exists (never an input).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct NextArgs {
    /// This period's plan (YAML or JSON).
    #[arg(value_name = "PLAN")]
    pub plan: PathBuf,

    /// Write the draft to this file (atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Overwrite OUT if it exists (never PLAN itself).
    #[arg(long)]
    pub force: bool,

    /// Keep the cells as they stand instead of applying the safe fixes to the draft (`odplint
    /// fix` applies them later).
    #[arg(long)]
    pub no_fix: bool,

    /// A CSV of dataset name and release date (MM/YYYY), in either language: rows listed there
    /// move to D with their real release date, needing no confirmation.
    #[arg(long, value_name = "FILE")]
    pub released: Option<PathBuf>,
}

fn parse_language(text: &str) -> Result<Language, String> {
    Language::from_code(text)
        .ok_or_else(|| format!("`{text}` is not a plan language; use zh-Hant, zh-Hans or en"))
}

#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Files or folders of plans; folders are walked as `check` walks them.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = AuditFormat::Human)]
    pub format: AuditFormat,

    /// Write the report to this file instead of standard output.
    #[arg(long, value_name = "PATH")]
    pub output_file: Option<PathBuf>,

    #[command(flatten)]
    pub rules: RuleArgs,

    #[command(flatten)]
    pub walk: WalkArgs,

    /// Skip plans larger than this (bytes; K, M or G suffixes allowed): each is reported as an
    /// error and the other plans are still audited.
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    pub max_file_size: u64,

    /// When to colour the human format.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Which rules run, at which levels, and what fails the run: shared by `check`, `fix` and
/// `audit`.
#[derive(Debug, clap::Args)]
pub struct RuleArgs {
    /// The lowest severity that makes the exit code 1 [default: error, or `fail-on` in
    /// odplint.toml].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,

    /// Run only these rules: codes (D001), names (date-format) or code prefixes (D), comma
    /// separated; applied after odplint.toml.
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = rule_selector(), hide_possible_values = true)]
    pub select: Option<Vec<Selector>>,

    /// Skip these rules (codes, names or prefixes, comma separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES", value_parser = rule_selector(), hide_possible_values = true)]
    pub ignore: Vec<Selector>,

    /// Use this configuration file for every plan instead of looking for odplint.toml.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

impl RuleArgs {
    /// The policy of one plan: its configuration's levels under this command line's `--select`
    /// and `--ignore`. The one place check, fix and audit build it.
    pub fn policy<'a>(&'a self, config: &'a Config) -> Policy<'a> {
        Policy {
            select: self.select.as_deref(),
            ignore: &self.ignore,
            ..Policy::of_config(config)
        }
    }

    /// The lowest severity that fails the run for a plan under `config`: `--fail-on`, else the
    /// configuration's `fail-on`, else errors.
    pub fn threshold(&self, config: &Config) -> Severity {
        self.fail_on
            .map(|f| f.severity())
            .or(config.fail_on)
            .unwrap_or(Severity::Error)
    }
}

/// How folders are walked: shared by `check`, `fix` and `audit`.
#[derive(Debug, clap::Args)]
pub struct WalkArgs {
    /// Leave these paths out of folder walks (gitignore syntax, relative to the current
    /// folder; comma separated or repeated), on top of `exclude` in odplint.toml. Files named
    /// on the command line are always read.
    #[arg(long, value_delimiter = ',', value_name = "PATTERN")]
    pub exclude: Vec<String>,

    /// Walk folders without consulting .gitignore, .ignore, git's excludes and the `exclude`
    /// of odplint.toml (hidden files stay skipped; --exclude still applies).
    #[arg(long)]
    pub no_ignore: bool,

    /// List the YAML and JSON files a walk skipped because they are not plans.
    #[arg(long, short)]
    pub verbose: bool,
}

impl WalkArgs {
    pub fn options<'a>(
        &'a self,
        config: Option<&'a std::path::Path>,
    ) -> crate::inputs::WalkOptions<'a> {
        crate::inputs::WalkOptions {
            exclude: &self.exclude,
            no_ignore: self.no_ignore,
            config,
        }
    }
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
