//! What the commands read: the paths given, folders walked as ripgrep and ruff walk them
//! (`.gitignore`, `.ignore`, hidden files, excludes), which walked files are plans, bounded
//! reads, the names reports give files, and each folder's configuration.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::config::Config;
pub use crate::files::{
    DEFAULT_MAX_FILE_SIZE, display_name, read_error_kind, read_limited, read_stdin, shown,
};
use crate::messages::Message;
use crate::{ErrorKind, ToolError};

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// Where the configuration search starts: the file's folder, or the current one for stdin.
    pub fn folder(&self) -> PathBuf {
        match self {
            Input::File(path) => parent_or_current(path),
            Input::Stdin => PathBuf::from("."),
        }
    }
}

fn parent_or_current(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// The extensions a walk looks at.
const PLAN_EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// How far into a walked file the `format: odp-plan/...` line is looked for: a plan says it
/// in its first lines (after the modeline), and this keeps a walk over large files cheap.
pub const SNIFF_BYTES: u64 = 4096;

/// How folders are walked.
#[derive(Debug, Clone, Copy, Default)]
pub struct WalkOptions<'a> {
    /// `--exclude`: patterns relative to the current folder, on top of the configuration's.
    pub exclude: &'a [String],
    /// `--no-ignore`: `.gitignore`, `.ignore`, git's excludes and the configuration's
    /// `exclude` are not consulted (as ripgrep's flag; hidden files stay skipped and
    /// `--exclude` still applies).
    pub no_ignore: bool,
    /// `--config`: the configuration whose excludes apply instead of the nearest one's.
    pub config: Option<&'a Path>,
}

/// What the paths given came to.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub errors: Vec<ToolError>,
    /// YAML and JSON files a walk found that are not plans.
    pub skipped: Vec<PathBuf>,
    /// Folders whose walk found no plan.
    pub empty_walks: Vec<PathBuf>,
}

impl Collected {
    /// On standard error: with `verbose` each skipped file, then a warning for every folder
    /// whose walk found no plan (a warning, as ruff gives one: it does not change the exit code).
    pub fn report_walks(&self, verbose: bool, lang: crate::messages::Lang) {
        use std::io::Write;
        let mut stderr = std::io::stderr().lock();
        if verbose {
            for path in &self.skipped {
                let _ = writeln!(
                    stderr,
                    "odplint: {}",
                    Message::new("walk.skipped")
                        .arg("file", display_name(path))
                        .render(lang)
                );
            }
        }
        for folder in &self.empty_walks {
            let skipped = self.skipped_under(folder);
            let why = match (skipped, verbose) {
                (0, _) => Message::new("walk.why.nothing"),
                (n, true) => Message::new("walk.why.skipped").arg("count", n),
                (n, false) => Message::new("walk.why.skipped-verbose").arg("count", n),
            };
            let _ = writeln!(
                stderr,
                "odplint: {}",
                Message::new("walk.no-plan")
                    .arg("folder", display_name(folder))
                    .arg_message("why", why)
                    .render(lang)
            );
        }
    }

    fn skipped_under(&self, folder: &Path) -> usize {
        self.skipped
            .iter()
            .filter(|p| p.starts_with(folder))
            .count()
    }
}

/// Expands folders into their plan files (sorted); keeps files as given, since a file named
/// explicitly is always checked. `-` is standard input (once).
///
/// A configuration that cannot be read is not fatal here: it becomes one of the
/// [`Collected::errors`] (a tool error naming its file, line and column), the walk goes on with
/// the default excludes, and the plans it governs are left unchecked by the commands (which
/// find the same error through [`Configs`]).
pub fn collect(paths: &[PathBuf], options: &WalkOptions<'_>) -> Result<Collected, ToolError> {
    let mut collected = Collected::default();
    let command_line = patterns(Path::new("."), options.exclude)?;
    let forced = options.config.map(|path| match Config::load(path) {
        Ok(config) => config,
        Err(error) => {
            push_unique(&mut collected.errors, error);
            Config::default()
        }
    });
    for path in paths {
        if path.as_os_str() == "-" {
            if !collected.inputs.contains(&Input::Stdin) {
                collected.inputs.push(Input::Stdin);
            }
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let config = match &forced {
                    Some(config) => config.clone(),
                    None => Config::discover(path).unwrap_or_else(|error| {
                        push_unique(&mut collected.errors, error);
                        Config::default()
                    }),
                };
                let mut found = Vec::new();
                walk(
                    path,
                    &config,
                    &command_line,
                    options,
                    &mut found,
                    &mut collected,
                );
                if found.is_empty() {
                    collected.empty_walks.push(path.clone());
                }
                found.sort();
                collected.inputs.extend(found.into_iter().map(Input::File));
            }
            Ok(_) => collected.inputs.push(Input::File(path.clone())),
            Err(error) => collected.errors.push(
                ToolError::of(
                    Message::new("error.read")
                        .arg("file", path.display())
                        .arg_io("detail", &error),
                )
                .in_file(display_name(path))
                .with_kind(read_error_kind(&error)),
            ),
        }
    }
    collected.skipped.sort();
    Ok(collected)
}

/// Adds an error unless the same one is already listed (a broken configuration is met once per
/// plan it governs, and reported once).
pub fn push_unique(errors: &mut Vec<ToolError>, error: ToolError) {
    if !errors.contains(&error) {
        errors.push(error);
    }
}

/// Compiled patterns with the folder they are relative to.
fn patterns(folder: &Path, lines: &[String]) -> Result<Option<Arc<Gitignore>>, ToolError> {
    if lines.is_empty() {
        return Ok(None);
    }
    let root = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
    let mut builder = GitignoreBuilder::new(&root);
    for line in lines {
        builder.add_line(None, line).map_err(|error| {
            ToolError::of(
                Message::new("error.path-pattern")
                    .arg("pattern", line)
                    .arg("detail", error),
            )
            .with_kind(ErrorKind::Config)
        })?;
    }
    let built = builder.build().map_err(|error| {
        ToolError::of(Message::new("error.path-patterns").arg("detail", error))
            .with_kind(ErrorKind::Config)
    })?;
    Ok(Some(Arc::new(built)))
}

/// Whether any of the pattern sets matches the path (or a folder above it).
fn matches(sets: &[Arc<Gitignore>], path: &Path, is_dir: bool) -> bool {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    sets.iter().any(|set| {
        if absolute.starts_with(set.path()) {
            set.matched_path_or_any_parents(&absolute, is_dir)
                .is_ignore()
        } else {
            // A pattern set from somewhere else (`--config` elsewhere): names still match.
            absolute
                .file_name()
                .is_some_and(|name| set.matched(Path::new(name), is_dir).is_ignore())
        }
    })
}

/// The patterns of the `odplint.toml` files met inside a walk, by folder (absolute), loaded
/// when the walk first enters the folder.
#[derive(Default)]
struct NestedConfigs {
    by_folder: HashMap<PathBuf, FolderPatterns>,
    errors: Vec<ToolError>,
}

/// A folder's own `exclude`/`extend-exclude` and `include`, when it has an `odplint.toml`.
#[derive(Default, Clone)]
struct FolderPatterns {
    exclude: Option<Arc<Gitignore>>,
    include: Option<Arc<Gitignore>>,
}

impl NestedConfigs {
    /// The patterns that apply to `path` from the configuration files of the folders between
    /// the walk's `root` (not included: its configuration is the walk's own) and `path`.
    fn along(&mut self, root: &Path, path: &Path, no_ignore: bool) -> Vec<FolderPatterns> {
        let Ok(relative) = path.strip_prefix(root) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        let mut folder = root.to_path_buf();
        let mut parts: Vec<_> = relative.components().collect();
        parts.pop();
        for part in parts {
            folder.push(part);
            let patterns = self.of(&folder, no_ignore);
            if patterns.exclude.is_some() || patterns.include.is_some() {
                found.push(patterns);
            }
        }
        found
    }

    fn of(&mut self, folder: &Path, no_ignore: bool) -> FolderPatterns {
        let absolute = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        if let Some(known) = self.by_folder.get(&absolute) {
            return known.clone();
        }
        let file = Config::named(&absolute.join(crate::config::FILE_NAME));
        let loaded = if file.is_file() {
            Config::load(&file).and_then(|config| {
                let exclude = if no_ignore {
                    None
                } else {
                    patterns(folder, &config.excludes())?
                };
                Ok(FolderPatterns {
                    exclude,
                    include: patterns(folder, &config.include)?,
                })
            })
        } else {
            Ok(FolderPatterns::default())
        };
        let patterns = loaded.unwrap_or_else(|error| {
            push_unique(&mut self.errors, error);
            FolderPatterns::default()
        });
        self.by_folder.insert(absolute, patterns.clone());
        patterns
    }
}

fn walk(
    root: &Path,
    config: &Config,
    command_line: &Option<Arc<Gitignore>>,
    options: &WalkOptions<'_>,
    found: &mut Vec<PathBuf>,
    collected: &mut Collected,
) {
    let folder = config.folder();
    let mut excludes: Vec<Arc<Gitignore>> = command_line.iter().cloned().collect();
    let configured = if options.no_ignore {
        Ok(None)
    } else {
        patterns(&folder, &config.excludes())
    };
    let include = patterns(&folder, &config.include);
    let (configured, include) = match (configured, include) {
        (Ok(configured), Ok(include)) => (configured, include),
        (Err(error), _) | (_, Err(error)) => {
            collected.errors.push(error);
            return;
        }
    };
    excludes.extend(configured);
    let include: Vec<Arc<Gitignore>> = include.into_iter().collect();
    // A folder's own odplint.toml adds its excludes and includes to those above it, for the
    // files below it (`--config` names the one configuration instead).
    let nested = Arc::new(std::sync::Mutex::new(NestedConfigs::default()));
    let follow_nested = options.config.is_none();

    let mut builder = ignore::WalkBuilder::new(root);
    builder
        .standard_filters(!options.no_ignore)
        .hidden(true)
        // `.gitignore` is respected in a folder that is not (yet) a git repository too.
        .require_git(false)
        .follow_links(false);
    {
        let excludes = excludes.clone();
        let nested = Arc::clone(&nested);
        let root = root.to_path_buf();
        let no_ignore = options.no_ignore;
        builder.filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            if matches(&excludes, entry.path(), is_dir) {
                return false;
            }
            if !follow_nested {
                return true;
            }
            let along = match nested.lock() {
                Ok(mut nested) => nested.along(&root, entry.path(), no_ignore),
                Err(_) => return true,
            };
            let sets: Vec<Arc<Gitignore>> = along.into_iter().filter_map(|p| p.exclude).collect();
            !matches(&sets, entry.path(), is_dir)
        });
    }
    // The walked files in order, each with whether `include` makes it a plan: the others are
    // plans if their first lines say so, read after the walk on every core.
    let mut walked: Vec<(PathBuf, bool)> = Vec::new();
    for entry in builder.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                collected.errors.push(
                    ToolError::of(
                        Message::new("error.walk")
                            .arg("file", display_name(root))
                            .arg("detail", error.to_string().replace('\n', " ")),
                    )
                    .in_file(display_name(root))
                    .with_kind(ErrorKind::Read),
                );
                continue;
            }
        };
        let path = entry.path();
        let is_file = entry.file_type().is_some_and(|t| t.is_file())
            || (entry.path_is_symlink() && path.is_file());
        if !is_file || !has_plan_extension(path) {
            continue;
        }
        let mut include = include.clone();
        if follow_nested && let Ok(mut nested) = nested.lock() {
            include.extend(
                nested
                    .along(root, path, options.no_ignore)
                    .into_iter()
                    .filter_map(|p| p.include),
            );
        }
        walked.push((path.to_path_buf(), matches(&include, path, false)));
    }
    let plans: Vec<bool> = {
        use rayon::prelude::*;
        walked
            .par_iter()
            .map(|(path, included)| *included || is_plan(path))
            .collect()
    };
    for ((path, _), plan) in walked.into_iter().zip(plans) {
        if plan {
            found.push(path);
        } else {
            collected.skipped.push(path);
        }
    }
    if let Ok(mut nested) = nested.lock() {
        for error in std::mem::take(&mut nested.errors) {
            push_unique(&mut collected.errors, error);
        }
    }
}

/// Whether `path` is where the configuration's `include` says plans live (so that it is a plan
/// whatever its first lines say). The language server asks this of each open document.
pub fn included(config: &Config, path: &Path) -> bool {
    if config.include.is_empty() {
        return false;
    }
    match patterns(&config.folder(), &config.include) {
        Ok(set) => matches(&Vec::from_iter(set), path, false),
        Err(_) => false,
    }
}

fn has_plan_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PLAN_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Whether a walked file is a plan: it says `format: odp-plan/...` in its first
/// [`SNIFF_BYTES`]. A file that cannot be read is taken as one, so that the error is reported.
fn is_plan(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return true;
    };
    // Room for the whole head at once: one read for most files, instead of a read per doubling.
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    if file.take(SNIFF_BYTES).read_to_end(&mut head).is_err() {
        return true;
    }
    says_plan(&head)
}

/// Whether the start of a file declares the odp-plan form, in YAML (`format: odp-plan/1`,
/// quoted or not) or JSON (`"format": "odp-plan/1"`), UTF-8 or UTF-16.
pub fn says_plan(head: &[u8]) -> bool {
    let text = match head {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, u16::from_be_bytes),
        _ => String::from_utf8_lossy(head).into_owned(),
    };
    text.match_indices("format").any(|(at, key)| {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return false;
        }
        let rest = &text[at + key.len()..];
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        let Some(rest) = rest.trim_start_matches([' ', '\t']).strip_prefix(':') else {
            return false;
        };
        let rest = rest.trim_start_matches([' ', '\t', '\r', '\n']);
        let rest = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
        rest.starts_with("odp-plan/")
    })
}

fn utf16(bytes: &[u8], read: fn([u8; 2]) -> u16) -> String {
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| read([pair[0], pair[1]]))
        .collect();
    String::from_utf16_lossy(&units)
}

/// The configuration of every input's folder. One that cannot be read is kept as its error:
/// the plans it governs are not checked, and the error is part of the report.
pub struct Configs {
    /// `--config`, when given: it applies to every file.
    forced: Option<Result<Config, ToolError>>,
    by_folder: HashMap<PathBuf, Result<Config, ToolError>>,
    fallback: Config,
}

impl Configs {
    pub fn for_inputs(inputs: &[Input], forced: Option<&Path>) -> Self {
        if let Some(path) = forced {
            return Configs {
                forced: Some(Config::load(path)),
                by_folder: HashMap::new(),
                fallback: Config::default(),
            };
        }
        let mut by_folder = HashMap::new();
        for input in inputs {
            if let std::collections::hash_map::Entry::Vacant(slot) = by_folder.entry(input.folder())
            {
                let config = Config::discover(slot.key());
                slot.insert(config);
            }
        }
        Configs {
            forced: None,
            by_folder,
            fallback: Config::default(),
        }
    }

    /// The input's configuration, or the error that stands in its place.
    pub fn for_input(&self, input: &Input) -> Result<&Config, &ToolError> {
        match self
            .forced
            .as_ref()
            .or_else(|| self.by_folder.get(&input.folder()))
        {
            Some(Ok(config)) => Ok(config),
            Some(Err(error)) => Err(error),
            None => Ok(&self.fallback),
        }
    }

    /// Every configuration that could not be read, once each, in a stable order.
    pub fn errors(&self) -> Vec<ToolError> {
        let mut errors: Vec<ToolError> = self
            .forced
            .iter()
            .chain(self.by_folder.values())
            .filter_map(|config| config.as_ref().err().cloned())
            .collect();
        errors.sort_by_cached_key(|e| (e.file.clone(), e.render(crate::messages::Lang::En)));
        errors.dedup();
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_known_by_their_format_line() {
        for plan in [
            "format: odp-plan/1\n",
            "# yaml-language-server: $schema=x.json\nformat: odp-plan/1\n",
            "\u{feff}format: 'odp-plan/1'\n",
            "format:   \"odp-plan/2\"\n",
            "{\"format\": \"odp-plan/1\", \"organisation\": \"x\"}",
            "{\n  \"language\": \"en\",\n  \"format\" :\n \"odp-plan/1\"\n}",
        ] {
            assert!(says_plan(plan.as_bytes()), "{plan:?}");
        }
        for other in [
            "version: '3'\nservices: {}\n",
            "{\"name\": \"foo\", \"version\": \"1.0.0\"}",
            "dataformat: odp-plan/1\n",
            "format: openapi\n",
            "",
        ] {
            assert!(!says_plan(other.as_bytes()), "{other:?}");
        }
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "format: odp-plan/1\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        assert!(says_plan(&utf16));
    }

    #[test]
    fn names_shown_on_a_terminal_have_no_controls() {
        assert_eq!(
            shown("a\u{1b}[2J\n\u{202e}b.yaml"),
            "a\\u{1b}[2J\\n\\u{202e}b.yaml"
        );
        assert_eq!(shown("計劃.yaml"), "計劃.yaml");
    }

    #[test]
    fn display_names_drop_the_leading_dot_slash() {
        assert_eq!(display_name(Path::new("./plans/a.yaml")), "plans/a.yaml");
        assert_eq!(display_name(Path::new("plans/a.yaml")), "plans/a.yaml");
    }
}
