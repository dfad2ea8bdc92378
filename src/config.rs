//! `odplint.toml`: rule severities, extra accepted vocabulary and the failure level, found by
//! walking up from each checked file (or named with `--config`). Unknown keys are errors.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::ToolError;
use crate::diagnostic::Severity;
use crate::document::LineIndex;
use crate::messages::Lang;
use crate::messages::Message;
use crate::model::Language;
use crate::registry;
use crate::rule::RuleMeta;
use crate::vocab::Extras;

/// The file name looked for in each folder from a plan's own up to the root.
pub const FILE_NAME: &str = "odplint.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    fail_on: Option<Spanned<String>>,
    lang: Option<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    frequencies: BTreeMap<Spanned<String>, Vec<String>>,
    #[serde(default)]
    categories: BTreeMap<Spanned<String>, Vec<String>>,
    exclude: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    extend_exclude: Vec<Spanned<String>>,
    #[serde(default)]
    include: Vec<Spanned<String>>,
}

/// A rule's level as configured: a severity, or off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

/// A loaded configuration (the default one when no file is found).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where it was read from, if from a file.
    pub path: Option<PathBuf>,
    pub fail_on: Option<Severity>,
    /// The language of messages, when the file sets one.
    pub lang: Option<Lang>,
    /// Levels by rule code.
    pub levels: HashMap<&'static str, Level>,
    pub extras: Extras,
    /// Paths a folder walk leaves out (gitignore syntax, relative to the file's folder), in
    /// place of [`DEFAULT_EXCLUDE`].
    pub exclude: Option<Vec<String>>,
    /// Paths left out in addition to `exclude`.
    pub extend_exclude: Vec<String>,
    /// Where plans live (gitignore syntax): a walk takes these files as plans without looking
    /// for `format: odp-plan/...` in them.
    pub include: Vec<String>,
}

/// What a folder walk leaves out unless `exclude` says otherwise: tool and package folders
/// that hold YAML and JSON of their own.
pub const DEFAULT_EXCLUDE: [&str; 6] = [
    ".git",
    "node_modules",
    "target",
    "venv",
    ".venv",
    "site-packages",
];

impl Config {
    /// The configured level of a rule, or its default severity.
    pub fn level(&self, rule: &'static RuleMeta) -> Level {
        self.levels
            .get(rule.code)
            .copied()
            .unwrap_or(Level::On(rule.severity))
    }

    /// The exclude patterns in force: `exclude` (or the defaults) and `extend-exclude`.
    pub fn excludes(&self) -> Vec<String> {
        let base = match &self.exclude {
            Some(patterns) => patterns.clone(),
            None => DEFAULT_EXCLUDE.iter().map(|p| p.to_string()).collect(),
        };
        base.into_iter()
            .chain(self.extend_exclude.iter().cloned())
            .collect()
    }

    /// The folder the file's patterns are relative to (the current one for the default).
    pub fn folder(&self) -> PathBuf {
        self.path
            .as_deref()
            .and_then(Path::parent)
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Self, ToolError> {
        // Bounded like a plan: `--config /dev/zero` must not eat the memory.
        let bytes = crate::files::read_limited(path, crate::files::DEFAULT_MAX_FILE_SIZE)?;
        let text = String::from_utf8(bytes).map_err(|error| {
            ToolError::of(
                Message::new("error.config-utf8")
                    .arg("file", crate::files::display_name(path))
                    .arg("detail", error),
            )
            .in_file(crate::files::display_name(path))
            .with_kind(crate::ErrorKind::Config)
        })?;
        Self::parse(&text, path)
    }

    /// Parses configuration text; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Self, ToolError> {
        let lines = LineIndex::new(text);
        let at = |span: std::ops::Range<usize>, message: Message| {
            let position = lines.position(text, span.start);
            ToolError::of(
                Message::new("error.config-at")
                    .arg("file", crate::files::display_name(path))
                    .arg("line", position.line)
                    .arg("column", position.column)
                    .arg_message("detail", message),
            )
            .in_file(crate::files::display_name(path))
            .with_kind(crate::ErrorKind::Config)
        };
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            let span = error.span().unwrap_or(0..0);
            at(span, Message::verbatim(error.message().trim()))
        })?;

        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(fail_on) = raw.fail_on {
            let severity = Severity::parse(fail_on.get_ref()).ok_or_else(|| {
                at(
                    fail_on.span(),
                    Message::new("config.fail-on").arg("value", fail_on.get_ref()),
                )
            })?;
            config.fail_on = Some(severity);
        }
        if let Some(lang) = raw.lang {
            let parsed = Lang::parse(lang.get_ref()).ok_or_else(|| {
                at(
                    lang.span(),
                    Message::new("config.lang").arg("value", lang.get_ref()),
                )
            })?;
            config.lang = Some(parsed);
        }
        for (rule, level) in raw.rules {
            let meta = registry::find(rule.get_ref()).ok_or_else(|| {
                at(
                    rule.span(),
                    match registry::closest(rule.get_ref()) {
                        Some(closest) => Message::new("config.unknown-rule-closest")
                            .arg("rule", rule.get_ref())
                            .arg("closest", closest),
                        None => Message::new("config.unknown-rule").arg("rule", rule.get_ref()),
                    },
                )
            })?;
            let parsed = match level.get_ref().as_str() {
                "off" => Level::Off,
                other => Level::On(Severity::parse(other).ok_or_else(|| {
                    at(
                        level.span(),
                        Message::new("config.level")
                            .arg("rule", rule.get_ref())
                            .arg("value", other),
                    )
                })?),
            };
            config.levels.insert(meta.code, parsed);
        }
        for (table, target) in [
            (raw.frequencies, &mut config.extras.frequencies),
            (raw.categories, &mut config.extras.categories),
        ] {
            for (language, spellings) in table {
                let parsed = Language::from_code(language.get_ref()).ok_or_else(|| {
                    at(
                        language.span(),
                        Message::new("config.language").arg("value", language.get_ref()),
                    )
                })?;
                target.insert(parsed, spellings);
            }
        }
        let patterns = |key: &str, list: Vec<Spanned<String>>| -> Result<Vec<String>, ToolError> {
            list.into_iter()
                .map(|pattern| {
                    let mut builder = ignore::gitignore::GitignoreBuilder::new("/");
                    match builder.add_line(None, pattern.get_ref()) {
                        Ok(_) => Ok(pattern.into_inner()),
                        Err(error) => Err(at(
                            pattern.span(),
                            Message::new("config.pattern")
                                .arg("pattern", pattern.get_ref())
                                .arg("key", key)
                                .arg("detail", error),
                        )),
                    }
                })
                .collect()
        };
        if let Some(exclude) = raw.exclude {
            config.exclude = Some(patterns("exclude", exclude)?);
        }
        config.extend_exclude = patterns("extend-exclude", raw.extend_exclude)?;
        config.include = patterns("include", raw.include)?;
        Ok(config)
    }

    /// The language of messages when no `--lang` is given: `lang` in the configuration file
    /// `explicit`, else in the odplint.toml that applies in the current folder, else the
    /// locale's. A configuration that cannot be read says nothing here (its error is reported
    /// where the configuration is used).
    pub fn lang_or_locale(explicit: Option<&Path>) -> Lang {
        let config = match explicit {
            Some(path) => Config::load(path).ok(),
            None => Config::discover(Path::new(".")).ok(),
        };
        config
            .and_then(|config| config.lang)
            .unwrap_or_else(Lang::from_env)
    }

    /// The configuration for files in `folder`: the nearest `odplint.toml` in it or above it.
    pub fn discover(folder: &Path) -> Result<Self, ToolError> {
        let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        for candidate in absolute.ancestors() {
            let file = candidate.join(FILE_NAME);
            if file.is_file() {
                return Self::load(&Self::named(&file));
            }
        }
        Ok(Config::default())
    }

    /// The name a found configuration file goes by in messages: relative to the current
    /// folder when it is below it, so that the same file is named the same way however it was
    /// found.
    pub(crate) fn named(absolute: &Path) -> PathBuf {
        std::env::current_dir()
            .ok()
            .and_then(|here| absolute.strip_prefix(here).ok())
            .filter(|relative| !relative.as_os_str().is_empty())
            .map_or_else(|| absolute.to_path_buf(), Path::to_path_buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse(text, Path::new("odplint.toml")).map_err(|e| e.to_string())
    }

    #[test]
    fn a_full_configuration_parses() {
        let config = parse(
            "fail-on = \"warning\"\nlang = \"zh-Hant\"\n[rules]\nD004 = \"off\"\ntitle-period-mismatch = \"error\"\n\
             [frequencies]\nzh-Hant = [\"每兩星期\"]\n[categories]\nen = [\"Smart City\"]\n",
        )
        .unwrap();
        assert_eq!(config.fail_on, Some(Severity::Warning));
        assert_eq!(config.lang, Some(Lang::ZhHant));
        assert_eq!(config.levels["D004"], Level::Off);
        assert_eq!(config.levels["M003"], Level::On(Severity::Error));
        assert_eq!(config.extras.frequencies(Language::ZhHant), ["每兩星期"]);
        assert_eq!(config.extras.categories(Language::En), ["Smart City"]);
    }

    #[test]
    fn unknown_keys_and_values_name_themselves_and_their_line() {
        let error = parse("fail-on = \"error\"\ncolour = 1\n").unwrap_err();
        assert!(error.starts_with("odplint.toml:2:1:"), "{error}");
        assert!(error.contains("colour"), "{error}");
        let error = parse("[rules]\nX999 = \"off\"\n").unwrap_err();
        assert!(
            error.starts_with("odplint.toml:2:1: no rule is called `X999`"),
            "{error}"
        );
        let error = parse("[rules]\ndate-formt = \"off\"\n").unwrap_err();
        assert!(
            error.contains("no rule is called `date-formt`; did you mean `date-format`?"),
            "{error}"
        );
        let error = parse("[rules]\nD001 = \"loud\"\n").unwrap_err();
        assert!(
            error.starts_with("odplint.toml:2:8:") && error.contains("loud"),
            "{error}"
        );
        let error = parse("fail-on = \"never\"\n").unwrap_err();
        assert!(error.contains("never"), "{error}");
        let error = parse("[frequencies]\nfr = [\"x\"]\n").unwrap_err();
        assert!(
            error.starts_with("odplint.toml:2:1:") && error.contains("`fr`"),
            "{error}"
        );
        let error = parse("fail-on = \n").unwrap_err();
        assert!(error.starts_with("odplint.toml:1:"), "{error}");
    }
}
