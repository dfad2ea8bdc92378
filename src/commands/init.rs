//! `odplint init`: starts a plan from the template (every section and table with its
//! placeholder row), with an `odplint.toml` and the schema beside it so that editors find the
//! schema through the plan's `$schema` modeline in any repository. Nothing is overwritten.

use std::path::{Path, PathBuf};

use crate::cli::InitArgs;
use crate::config::{self, Config};
use crate::messages::{Lang, Message};
use crate::model::{Language, Period, YearMonth};
use crate::schema::SCHEMA_TEXT;
use crate::{ErrorKind, Outcome, ToolError, import, template};

/// The schema's file name beside the plan, as the modeline names it.
pub const SCHEMA_FILE: &str = "plan.schema.json";

pub fn run(args: &InitArgs, language: Option<Language>, lang: Lang) -> Outcome {
    match init(args, language, lang) {
        Ok(()) => Outcome::Clean,
        Err(error) => {
            super::report_error(&error, lang);
            Outcome::ToolError
        }
    }
}

fn init(args: &InitArgs, language: Option<Language>, lang: Lang) -> Result<(), ToolError> {
    let language = language.ok_or_else(|| ToolError::of(Message::new("error.init-language")))?;
    let period = Period::parse(args.period.trim())
        .filter(|p| p.is_three_years())
        .ok_or_else(|| {
            ToolError::of(Message::new("error.init-period").arg("period", &args.period))
        })?;
    let published = match &args.published {
        Some(text) => {
            YearMonth::parse_strict(text.trim()).ok_or_else(|| {
                ToolError::of(
                    Message::new("error.init-published")
                        .arg("published", text)
                        .arg("year", period.first - 1),
                )
            })?;
            text.trim().to_string()
        }
        // Plans are issued each December for the three years that follow.
        None => format!("12/{}", period.first - 1),
    };
    let organisation = args.organisation.trim();
    if organisation.is_empty() {
        return Err(ToolError::of(Message::new("error.init-organisation")));
    }

    let plan_path = match &args.output {
        Some(path) => path.clone(),
        None => args
            .dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
            .join(format!(
                "{}-{}.{}.yaml",
                period.first,
                period.last,
                language.code()
            )),
    };
    let folder = plan_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    std::fs::create_dir_all(&folder).map_err(|error| {
        ToolError::of(
            Message::new("error.create-folder")
                .arg("folder", folder.display())
                .arg_io("detail", &error),
        )
        .with_kind(ErrorKind::Write)
    })?;
    if plan_path.exists() {
        return Err(exists(&plan_path));
    }

    let plan = template::empty_plan(organisation, language, period, &published);
    let yaml = import::to_yaml_with_modeline(&plan, Some(SCHEMA_FILE));
    let schema_path = folder.join(SCHEMA_FILE);
    let config_path = folder.join(config::FILE_NAME);
    // A configuration that already applies here (in this folder or above) is kept, not shadowed.
    let existing_config = Config::discover(&folder)?.path;

    let mut lines = Vec::new();
    create(&plan_path, yaml.as_bytes())?;
    lines.push(Message::new("init.wrote").arg("file", plan_path.display()));
    if schema_path.exists() {
        lines.push(Message::new("init.kept").arg("file", schema_path.display()));
    } else {
        create(&schema_path, SCHEMA_TEXT.as_bytes())?;
        lines.push(Message::new("init.wrote").arg("file", schema_path.display()));
    }
    match existing_config {
        Some(existing) => {
            let here =
                existing.parent().and_then(|p| p.canonicalize().ok()) == folder.canonicalize().ok();
            let shown = if here { config_path } else { existing };
            lines.push(Message::new("init.kept").arg("file", shown.display()));
        }
        None => {
            create(&config_path, template::CONFIG_TEXT.as_bytes())?;
            lines.push(Message::new("init.wrote").arg("file", config_path.display()));
        }
    }
    lines.push(Message::new("init.next").arg("file", plan_path.display()));
    let written = super::with_stdout(|out| {
        for line in &lines {
            writeln!(out, "{}", line.render(lang))?;
        }
        Ok(())
    });
    written
        .map_err(|error| ToolError::of(Message::new("error.write-output").arg_io("detail", &error)))
}

fn create(path: &Path, bytes: &[u8]) -> Result<(), ToolError> {
    crate::atomic::create(path, bytes).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => exists(path),
        _ => super::cannot_write(path, &error),
    })
}

fn exists(path: &Path) -> ToolError {
    ToolError::of(Message::new("error.init-exists").arg("file", path.display()))
        .in_file(crate::inputs::display_name(path))
        .with_kind(ErrorKind::Write)
}
