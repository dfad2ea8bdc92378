//! The command line in the run's language: `--lang` (or the configuration, or the locale) read
//! before clap parses, `--help` with the about texts, headings and common flags in the
//! catalogue's words, and usage errors of the common kinds rewritten in them.

use clap::error::{ContextKind, ContextValue, ErrorKind};

use super::Cli;
use crate::config::Config;
use crate::messages::{Lang, Message};

/// Parses the process's command line, its `--help` in the language the run will speak: `--lang`
/// when given, else `lang` in the odplint.toml of the current folder, else the locale. clap's
/// own words (a usage error's "error:" and "Usage:") stay English.
pub fn parse() -> Cli {
    use clap::FromArgMatches;
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = lang_before_parsing(&args).unwrap_or_else(|| Config::lang_or_locale(None));
    let parsed = command_in(lang)
        .try_get_matches_from(args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    parsed.unwrap_or_else(|error| exit_with(&error, lang))
}

/// Ends the process as clap would for `error` (help and version on standard output with exit 0,
/// usage errors on standard error with exit 2), a usage error in `lang` where the catalogue has
/// its words.
fn exit_with(error: &clap::Error, lang: Lang) -> ! {
    if let Some(text) = usage_error(error, lang) {
        use std::io::Write;
        let _ = std::io::stderr().write_all(text.as_bytes());
        std::process::exit(2);
    }
    error.exit()
}

/// A usage error in `lang`: what is wrong, the possible values or the closest spelling, the
/// usage line and where to find more, as clap writes them. `None` for English, for help and
/// version (not errors) and for the rare kinds the catalogue has no words for: clap's own
/// text is shown then.
pub fn usage_error(error: &clap::Error, lang: Lang) -> Option<String> {
    if lang == Lang::En || !error.use_stderr() {
        return None;
    }
    // What clap recorded of a kind: one value or several.
    let strings = |kind: ContextKind| -> Vec<String> {
        match error.get(kind) {
            Some(ContextValue::String(value)) => vec![value.clone()],
            Some(ContextValue::Strings(values)) => values.clone(),
            _ => Vec::new(),
        }
    };
    let one = |kind: ContextKind| strings(kind).into_iter().next();
    let all = |kind: ContextKind| Some(strings(kind).join(", ")).filter(|s| !s.is_empty());
    let message = match error.kind() {
        ErrorKind::InvalidValue => Message::new("usage.invalid-value")
            .arg("value", one(ContextKind::InvalidValue).unwrap_or_default())
            .arg("arg", one(ContextKind::InvalidArg)?),
        ErrorKind::ValueValidation => Message::new("usage.invalid-value-because")
            .arg("value", one(ContextKind::InvalidValue).unwrap_or_default())
            .arg("arg", one(ContextKind::InvalidArg)?)
            .arg(
                "detail",
                std::error::Error::source(error).map_or_else(String::new, ToString::to_string),
            ),
        ErrorKind::UnknownArgument => {
            Message::new("usage.unknown-argument").arg("arg", one(ContextKind::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => Message::new("usage.unknown-command")
            .arg("command", one(ContextKind::InvalidSubcommand)?),
        ErrorKind::MissingRequiredArgument => {
            Message::new("usage.missing").arg("args", all(ContextKind::InvalidArg)?)
        }
        ErrorKind::ArgumentConflict => Message::new("usage.conflict")
            .arg("arg", one(ContextKind::InvalidArg)?)
            .arg("other", all(ContextKind::PriorArg)?),
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            Message::new("usage.values").arg("arg", one(ContextKind::InvalidArg)?)
        }
        _ => return None,
    };
    let word = |message: Message| message.render(lang);
    let mut out = format!(
        "{}\n",
        word(Message::new("usage.error").arg_message("message", message))
    );
    if let Some(values) = all(ContextKind::ValidValue) {
        out.push_str(&format!(
            "  {}\n",
            word(Message::new("usage.possible").arg("values", values))
        ));
    }
    for kind in [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ] {
        let suggested: Vec<String> = strings(kind).iter().map(|s| format!("`{s}`")).collect();
        if !suggested.is_empty() {
            let suggested = suggested.join(", ");
            out.push_str(&format!(
                "\n  {}\n",
                word(Message::new("usage.did-you-mean").arg("suggested", suggested))
            ));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = error.get(ContextKind::Usage) {
        let usage = usage.to_string();
        let line = usage.trim().trim_start_matches("Usage:").trim_start();
        out.push_str(&format!(
            "\n{}\n",
            word(Message::new("usage.usage").arg("usage", line))
        ));
    }
    out.push_str(&format!("\n{}\n", word(Message::new("usage.more"))));
    Some(out)
}

/// The `--lang` of a command line not parsed yet (`--lang X` or `--lang=X`, the last one wins
/// as clap reads it); `None` when there is none or it names no language.
pub fn lang_before_parsing(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut found = None;
    let mut args = args.iter().skip(1).map(|a| a.to_str());
    while let Some(arg) = args.next() {
        match arg {
            Some("--") => break,
            Some("--lang") => found = args.next().flatten().and_then(Lang::parse).or(found),
            Some(arg) => {
                if let Some(value) = arg.strip_prefix("--lang=") {
                    found = Lang::parse(value).or(found);
                }
            }
            None => {}
        }
    }
    found
}

/// The command line's definition with its help in `lang`: the about texts of odplint and of
/// every command, the headings and the help and version flags in the catalogue's words.
pub fn command_in(lang: Lang) -> clap::Command {
    let mut command = <Cli as clap::CommandFactory>::command();
    if lang == Lang::En {
        return command;
    }
    // Built first, so that the generated help flags, `help` command and global flags exist.
    command.build();
    translate(command, lang)
}

fn translate(command: clap::Command, lang: Lang) -> clap::Command {
    let text = |message: Message| message.render(lang);
    let about = match command.get_name() {
        "odplint" => Some(Message::new("help.about")),
        "check" => Some(Message::new("help.about.check")),
        "fix" => Some(Message::new("help.about.fix")),
        "import" => Some(Message::new("help.about.import")),
        "init" => Some(Message::new("help.about.init")),
        "audit" => Some(Message::new("help.about.audit")),
        "next" => Some(Message::new("help.about.next")),
        "render" => Some(Message::new("help.about.render")),
        "explain" => Some(Message::new("help.about.explain")),
        "rules" => Some(Message::new("help.about.rules")),
        "schema" => Some(Message::new("help.about.schema")),
        "completions" => Some(Message::new("help.about.completions")),
        "version" => Some(Message::new("help.about.version")),
        "man" => Some(Message::new("help.about.man")),
        "lsp" => Some(Message::new("help.about.lsp")),
        "help" => Some(Message::new("help.about.help")),
        _ => None,
    };
    let options = text(Message::new("help.heading.options"));
    let arguments = text(Message::new("help.heading.arguments"));
    let help_flag = text(Message::new("help.flag.help"));
    let version_flag = text(Message::new("help.flag.version"));
    // The usage line as usage errors write it, with clap's placeholder for the usage itself.
    let usage = text(Message::new("usage.usage").arg("usage", "{usage}"));
    let lang_flag = text(Message::new("help.flag.lang"));
    let mut command = command
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{usage}\n\n{{all-args}}{{after-help}}"
        ))
        .subcommand_help_heading(text(Message::new("help.heading.commands")))
        .mut_args(|arg| {
            let arg = match arg.get_id().as_str() {
                "help" => arg.help(help_flag.clone()),
                "version" => arg.help(version_flag.clone()),
                "lang" => arg.help(lang_flag.clone()),
                _ => arg,
            };
            if arg.get_help_heading().is_some() {
                arg
            } else if arg.is_positional() {
                arg.help_heading(arguments.clone())
            } else {
                arg.help_heading(options.clone())
            }
        })
        .mut_subcommands(|sub| translate(sub, lang));
    if let Some(about) = about {
        command = command.about(text(about));
    }
    command
}
