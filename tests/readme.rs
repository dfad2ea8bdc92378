//! The README and `docs/` cannot drift from the program: their example output is the real
//! output, every option they name exists (and every option exists in them), the configuration
//! example adds only what is not built in, and every link, anchor and release tag they point at
//! exists. (The rule tables of docs/rules.md are checked against the registry in tests/registry.rs.)

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use odplint::model::Language;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, CONTRIBUTING.md, CHANGELOG.md and every page of docs/, with their text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut paths = vec![
        root().join("README.md"),
        root().join("CONTRIBUTING.md"),
        root().join("CHANGELOG.md"),
    ];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    paths.extend(docs);
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

fn page(name: &str) -> String {
    std::fs::read_to_string(root().join(name)).unwrap()
}

fn odplint(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_odplint"));
    command
        .current_dir(dir)
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("CI");
    command
}

/// The fenced blocks of a Markdown text with their info string, outside which headings count.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    for line in text.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some(info)) => current = Some((info.trim().to_string(), String::new())),
            (Some(_), Some(_)) => out.push(current.take().unwrap()),
            (Some((_, body)), None) => {
                body.push_str(line);
                body.push('\n');
            }
            (None, None) => {}
        }
    }
    out
}

/// The commands of a `console` block with the output each shows: `...` lines stand for output
/// left out.
fn console_commands(body: &str) -> Vec<(String, Vec<String>)> {
    let mut commands: Vec<(String, Vec<String>)> = Vec::new();
    for line in body.lines() {
        if let Some(command) = line.strip_prefix("$ ") {
            commands.push((command.to_string(), Vec::new()));
        } else if let Some((_, output)) = commands.last_mut() {
            output.push(line.to_string());
        }
    }
    for (_, output) in &mut commands {
        while output.last().is_some_and(|l| l.trim().is_empty()) {
            output.pop();
        }
    }
    commands
}

/// A shown line is the real line, or its start when it ends in `...` (a line cut short).
fn line_matches(shown: &str, real: &str) -> bool {
    match shown.strip_suffix("...") {
        Some(start) if !start.trim().is_empty() => real.starts_with(start),
        _ => shown == real,
    }
}

/// Whether `shown` (lines, `...` for a gap) is the real output: each run of lines between gaps
/// appears in order (a line ending in `...` is the start of the real one), the first at the very start and the last at the very end unless a gap
/// stands there.
fn shows_real_output(shown: &[String], real: &str) -> Result<(), String> {
    let real: Vec<&str> = real.lines().map(str::trim_end).collect();
    let pieces: Vec<Vec<&str>> = shown
        .split(|l| l.trim() == "...")
        .map(|piece| piece.iter().map(|l| l.trim_end()).collect())
        .collect();
    let mut at = 0;
    for (index, piece) in pieces.iter().enumerate() {
        if piece.is_empty() {
            continue;
        }
        let anchored_start = index == 0;
        // Output cut short in its last line goes on after it.
        let anchored_end =
            index == pieces.len() - 1 && !piece.last().is_some_and(|l| l.ends_with("..."));
        let found = (at..=real.len().saturating_sub(piece.len()))
            .find(|&start| {
                piece
                    .iter()
                    .zip(&real[start..start + piece.len()])
                    .all(|(shown, real)| line_matches(shown, real))
            })
            .filter(|&start| !anchored_start || start == 0)
            .filter(|&start| !anchored_end || start + piece.len() == real.len());
        match found {
            Some(start) => at = start + piece.len(),
            None => {
                return Err(format!(
                    "not in the real output (in this order):\n{}\n--- real output ---\n{}",
                    piece.join("\n"),
                    real.join("\n")
                ));
            }
        }
    }
    Ok(())
}

/// Every `console` block of the README and docs/ whose commands show output: read-only
/// commands run in the repository, `fix` in a copy of `plans/`; the output shown must be the
/// real output.
#[test]
fn example_output_is_the_real_output() {
    let mut checked = 0;
    for (path, text) in pages() {
        for (info, body) in blocks(&text) {
            if info != "console" {
                continue;
            }
            for (command, shown) in console_commands(&body) {
                if shown.is_empty() {
                    continue;
                }
                let words: Vec<&str> = command.split_whitespace().collect();
                assert_eq!(words[0], "odplint", "{}: {command}", path.display());
                let subcommand = words[1..]
                    .iter()
                    .find(|w| !w.starts_with('-') && !["zh-Hant", "zh-Hans", "en"].contains(w))
                    .copied();
                let copy = tempfile::tempdir().unwrap();
                let dir = match subcommand {
                    Some("check" | "explain" | "rules" | "schema") => root().to_path_buf(),
                    Some("fix") => {
                        let plans = copy.path().join("plans/hkpf");
                        std::fs::create_dir_all(&plans).unwrap();
                        for entry in std::fs::read_dir(root().join("plans/hkpf")).unwrap() {
                            let entry = entry.unwrap().path();
                            std::fs::copy(&entry, plans.join(entry.file_name().unwrap())).unwrap();
                        }
                        copy.path().to_path_buf()
                    }
                    other => panic!(
                        "{}: `{command}` shows output but {other:?} is not run by this test",
                        path.display()
                    ),
                };
                let output = odplint(&dir).args(&words[1..]).output().unwrap();
                let real = String::from_utf8(output.stdout).unwrap()
                    + &String::from_utf8(output.stderr).unwrap();
                if let Err(error) = shows_real_output(&shown, &real) {
                    panic!("{}: `{command}`: {error}", path.display());
                }
                checked += 1;
            }
        }
    }
    assert!(checked >= 4, "only {checked} examples were checked");
}

#[test]
fn the_readme_example_starts_where_the_real_output_starts() {
    let readme = page("README.md");
    let example = &readme[readme.find("## Example").unwrap()..];
    let (_, body) = &blocks(example)[0];
    let (command, shown) = &console_commands(body)[0];
    assert_eq!(command, "odplint check --format concise plans/");
    // No gap at the start: the first finding shown is the first one reported.
    assert_ne!(shown[0].trim(), "...");
}

/// The long options a `--help` text lists.
fn help_options(args: &[&str]) -> BTreeSet<String> {
    let output = odplint(root()).args(args).arg("--help").output().unwrap();
    assert!(output.status.success(), "{args:?}");
    let help = String::from_utf8(output.stdout).unwrap();
    help.lines()
        .filter_map(|line| {
            let line = line.trim_start();
            // `  -f, --format <FORMAT>` or `      --fix`.
            let long = match line.split_once(", --") {
                Some((short, rest)) if short.starts_with('-') && short.len() == 2 => rest,
                _ => line.strip_prefix("--")?,
            };
            let name: String = long
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            (!name.is_empty()).then(|| format!("--{name}"))
        })
        .collect()
}

/// `--word` tokens in a text.
fn named_options(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i + 2 < bytes.len() {
        if bytes[i] == '-'
            && bytes[i + 1] == '-'
            && bytes[i + 2].is_ascii_lowercase()
            && (i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == '-'))
        {
            let name: String = bytes[i + 2..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == '-')
                .collect();
            found.insert(format!("--{}", name.trim_end_matches('-')));
            i += 2 + name.len();
        } else {
            i += 1;
        }
    }
    found
}

const COMMANDS: [&str; 15] = [
    "check",
    "fix",
    "explain",
    "rules",
    "import",
    "init",
    "audit",
    "next",
    "render",
    "schema",
    "completions",
    "version",
    "man",
    "lsp",
    "",
];

/// Every option of every command is in the docs, and every option the docs name for odplint
/// exists (options of other programs the docs quote are listed here by name).
#[test]
fn options_in_the_docs_are_the_options_of_the_program() {
    let mut all = BTreeSet::new();
    for command in COMMANDS {
        let args: Vec<&str> = if command.is_empty() {
            vec![]
        } else {
            vec![command]
        };
        all.extend(help_options(&args));
    }
    assert!(all.len() > 30, "{all:?}");
    let docs: String = pages().into_iter().map(|(_, text)| text).collect();
    let named = named_options(&docs);
    let missing: Vec<_> = all.difference(&named).collect();
    assert!(missing.is_empty(), "options no page documents: {missing:?}");
    // Other programs' options the pages quote, and cargo's.
    let others: BTreeSet<String> = [
        "--release",
        "--locked",
        "--path",
        "--check",
        "--all-targets",
        "--skip",
        "--test",
        "--bench",
        "--all",
        "--from-ref",
        "--to-ref",
        "--hook-stage",
        "--files",
        "--show-diff-on-failure",
        "--headless",
        "--convert-to",
        "--outdir",
        "--tool",
        "--lib",
        "--features",
        "--no-fail-fast",
        "--spec",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    let unknown: Vec<_> = named
        .difference(&all)
        .filter(|o| !others.contains(*o))
        .collect();
    assert!(
        unknown.is_empty(),
        "options the program does not have: {unknown:?}"
    );
}

/// The options list of `check` in docs/commands.md names exactly the options of `check --help`.
#[test]
fn the_check_options_list_is_check_help() {
    let commands = page("docs/commands.md");
    let start = commands.find("Options of `check`:").unwrap();
    let end = start
        + commands[start..]
            .find("\nLimits that need no option")
            .unwrap();
    let listed: BTreeSet<String> = commands[start..end]
        .lines()
        .filter_map(|line| line.strip_prefix("- "))
        .flat_map(|item| named_options(item.split(": ").next().unwrap()))
        .collect();
    let mut help = help_options(&["check"]);
    // `--lang` is global, said once for every command; `--stdin-filename` is in the commands
    // table with `-`; `--help` and `--version` need no words.
    help.extend(help_options(&[]));
    let expected: BTreeSet<String> = help
        .into_iter()
        .filter(|o| !["--stdin-filename", "--help", "--version"].contains(&o.as_str()))
        .collect();
    assert_eq!(listed, expected);
}

/// The configuration example adds only spellings odplint does not know already.
#[test]
fn the_configuration_example_adds_only_what_is_not_built_in() {
    let docs = page("docs/configuration.md");
    let section = &docs[docs.find("# Configuration").unwrap()..];
    let (_, example) = blocks(section)
        .into_iter()
        .find(|(info, _)| info == "toml")
        .unwrap();
    let config = odplint::config::Config::parse(&example, Path::new("odplint.toml"))
        .unwrap_or_else(|error| panic!("{error}"));
    let mut added = 0;
    for language in Language::ALL {
        for spelling in config.extras.frequencies(language) {
            added += 1;
            assert!(
                matches!(
                    odplint::vocab::frequency::classify(spelling, language, &[]),
                    odplint::vocab::frequency::Classification::Unknown { .. }
                ),
                "`{spelling}` is already a known frequency in {}",
                language.code()
            );
        }
        for name in config.extras.categories(language) {
            added += 1;
            assert!(
                matches!(
                    odplint::vocab::categories::classify(name, language, &[]),
                    odplint::vocab::categories::CategoryMatch::Unknown { .. }
                ),
                "`{name}` is already a category in {}",
                language.code()
            );
        }
    }
    assert!(added >= 2, "the example adds {added} spellings");
}

/// GitHub's anchor for a heading.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == ' ' || *c == '_')
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

fn anchors(text: &str) -> BTreeSet<String> {
    let mut fenced = false;
    let mut found = BTreeSet::new();
    for line in text.lines() {
        if line.starts_with("```") {
            fenced = !fenced;
        } else if !fenced && line.starts_with('#') {
            found.insert(slug(line.trim_start_matches('#')));
        }
    }
    found
}

/// Every relative link of the README and docs/ names a file that exists, and its `#anchor` a
/// heading of that file.
#[test]
fn every_link_and_anchor_exists() {
    let mut checked = 0;
    for (path, text) in pages() {
        let folder = path.parent().unwrap();
        for piece in text.split("](").skip(1) {
            let target = piece.split(')').next().unwrap();
            if target.starts_with("http://") || target.starts_with("https://") {
                continue;
            }
            let (file, anchor) = target.split_once('#').unwrap_or((target, ""));
            let linked = if file.is_empty() {
                path.clone()
            } else {
                folder.join(file)
            };
            assert!(
                linked.exists(),
                "{}: `{target}` does not exist",
                path.display()
            );
            if !anchor.is_empty() {
                let linked_text = std::fs::read_to_string(&linked).unwrap();
                assert!(
                    anchors(&linked_text).contains(anchor),
                    "{}: `{target}` names no heading of {}",
                    path.display(),
                    linked.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} links");
}

/// A release tag of odplint the docs point at (`rev: v1.2.3`, `odplint@v1.2.3`) exists in the repository; until a
/// release is tagged they show a placeholder.
#[test]
fn release_tags_the_docs_name_exist() {
    let output = Command::new("git")
        .args(["tag", "--list"])
        .current_dir(root())
        .output()
        .expect("git runs in a checkout");
    assert!(output.status.success());
    let tags: BTreeSet<String> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    for (path, text) in pages() {
        for marker in ["rev: ", "odplint@"] {
            for piece in text.split(marker).skip(1) {
                let reference: String = piece
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || ".-_".contains(*c))
                    .collect();
                let is_version = reference.starts_with('v')
                    && reference[1..].starts_with(|c: char| c.is_ascii_digit());
                if is_version {
                    assert!(
                        tags.contains(&reference),
                        "{}: `{marker}{reference}` is not a tag of this repository",
                        path.display()
                    );
                }
            }
        }
    }
}
