//! The modules' dependencies point one way. This test reads every `crate::`, `super::` and
//! `self::` path in `src/` (unit tests, `#[cfg(test)] mod tests`, are left out: they may build
//! their cases with anything), builds the graph of the top-level modules, with each submodule of
//! `rules/` a module of its own, and fails on a cycle, on a module that imports one from a layer
//! above its own, and on a module the layering below does not place. The layering, from the top
//! (a module may import its own layer, without a cycle, and any layer below):
//!
//! ```text
//! lib commands cli lsp next render template   the binary's commands, the editor server, documents
//! fix policy config inputs                    settings, inline allows, fixing, finding the files
//! registry                                    every rule: plan, import and audit rules
//! lint import audit report                    the pipelines (they declare import and audit rules)
//! rules schema                                the plan rules in order and their runner; the schema
//! rules::*                                    the plan rules, declared next to their detection
//! model vocab                                 the typed plan and the words it is written with
//! document                                    YAML and JSON with the place of every node
//! diagnostic                                  findings and fixes as data
//! rule                                        what a rule is: code, severity, fix axes, docs
//! messages outcome files atomic version build_date visible ordered packed hanzi   words, exit codes, bounded reads, shown text, ordered work, compiled tables, Chinese character forms
//! ```
//!
//! Nothing below `registry` can reach it, so rule metadata, diagnostics and messages never depend
//! on the list of rules, and adding a rule never changes them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers of the doc comment above, from the top; each a list of module names.
fn layers() -> Vec<Vec<String>> {
    let text = include_str!("layers.rs");
    let block = text
        .split("//! ```text\n")
        .nth(1)
        .and_then(|rest| rest.split("//! ```\n").next())
        .expect("the layering block of the doc comment");
    block
        .lines()
        .map(|line| {
            let line = line.trim_start_matches("//!").trim_start();
            let names = line.split("   ").next().unwrap_or_default();
            names.split_whitespace().map(str::to_string).collect()
        })
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module path of a file: `src/rules/text.rs` is `["rules", "text"]`, `src/lib.rs` `[]`.
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut path: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        path.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        path.pop();
    }
    path
}

/// The code of a file without comments and without its unit tests.
fn code_of(text: &str) -> String {
    let text = match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    };
    text.lines()
        .map(|line| match line.find("//") {
            // A `//` inside a string (a URL) is rare in paths; cutting there only loses text.
            Some(at) => &line[..at],
            None => line,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a piece of code names: every path after `crate::`, `$crate::`, `super::` or
/// `self::`, and after the name of a child module the file declares (`mod text;` ... `text::`);
/// in braces (`use crate::{a, b::c}`) each name counts. Only the first two segments are kept.
fn named_paths(code: &str, here: &[String], children: &[String]) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let bytes = code.as_bytes();
    let mut starts: Vec<(String, Vec<String>)> = vec![
        ("crate::".to_string(), Vec::new()),
        ("self::".to_string(), here.to_vec()),
        (
            "super::".to_string(),
            here[..here.len().saturating_sub(1)].to_vec(),
        ),
    ];
    for child in children {
        let mut base = here.to_vec();
        base.push(child.clone());
        starts.push((format!("{child}::"), base));
    }
    for (start, base) in &starts {
        let mut from = 0;
        while let Some(at) = code[from..].find(start.as_str()) {
            let at = from + at;
            from = at + start.len();
            let before = if at == 0 { b' ' } else { bytes[at - 1] };
            if before.is_ascii_alphanumeric() || before == b'_' || before == b':' {
                continue;
            }
            let mut base = base.clone();
            let mut rest = &code[at + start.len()..];
            while let Some(more) = rest.strip_prefix("super::") {
                base.pop();
                rest = more;
            }
            for segments in paths_in(rest) {
                let mut path = base.clone();
                path.extend(segments);
                found.push(path);
            }
        }
    }
    found
}

/// The first two segments of the path at the start of `rest`, or of each path in the braces it
/// starts with.
fn paths_in(rest: &str) -> Vec<Vec<String>> {
    let word = |s: &str| -> String {
        s.trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    if let Some(inner) = rest.strip_prefix('{') {
        // The braces' own content, split at the commas of its first level.
        let mut depth = 0;
        let mut items = Vec::new();
        let mut item = String::new();
        for c in inner.chars() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    items.push(std::mem::take(&mut item));
                    continue;
                }
                _ => {}
            }
            item.push(c);
        }
        items.push(item);
        return items
            .iter()
            .map(|item| {
                let item = item.trim();
                let first = word(item);
                let second = item
                    .strip_prefix(first.as_str())
                    .and_then(|r| r.strip_prefix("::"))
                    .map(word)
                    .unwrap_or_default();
                [first, second]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .filter(|p: &Vec<String>| !p.is_empty() && p[0] != "self")
            .collect();
    }
    let first = word(rest);
    if first.is_empty() {
        return Vec::new();
    }
    let second = rest[first.len()..]
        .strip_prefix("::")
        .map(word)
        .unwrap_or_default();
    vec![
        [first, second]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect(),
    ]
}

struct Graph {
    /// node -> node -> a file that makes the edge
    edges: BTreeMap<String, BTreeMap<String, String>>,
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    let modules_in = |dir: &Path| -> BTreeSet<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "rs"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .filter(|name| !matches!(name.as_str(), "mod" | "lib" | "main"))
            .collect()
    };
    let top = modules_in(&src);
    let rules = modules_in(&src.join("rules"));
    // What a path's first segment names at the crate root: a module, or an item `lib.rs`
    // re-exports from one (`pub use outcome::{Outcome, ToolError};`).
    let mut roots: BTreeMap<String, String> = top.iter().map(|m| (m.clone(), m.clone())).collect();
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    for line in lib.lines() {
        let Some(rest) = line.trim().strip_prefix("pub use ") else {
            continue;
        };
        let Some((module, names)) = rest.trim_end_matches(';').split_once("::") else {
            continue;
        };
        for name in names.trim_matches(['{', '}']).split(',') {
            roots.insert(name.trim().to_string(), module.to_string());
        }
    }
    let node_of = |path: &[String]| -> String {
        match path {
            [] => "lib".to_string(),
            [first, second, ..] if first == "rules" && rules.contains(second) => {
                format!("rules::{second}")
            }
            [first, ..] => roots
                .get(first)
                .cloned()
                .unwrap_or_else(|| "lib".to_string()),
        }
    };
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in &files {
        let here = module_path(&src, file);
        let from = node_of(&here);
        let code = code_of(&std::fs::read_to_string(file).unwrap());
        let children: Vec<String> = code
            .lines()
            .filter_map(|line| {
                let line = line.trim();
                let line = line.strip_prefix("pub ").unwrap_or(line);
                let line = line.strip_prefix("pub(crate) ").unwrap_or(line);
                line.strip_prefix("mod ")?
                    .strip_suffix(';')
                    .map(str::to_string)
            })
            .collect();
        let shown = file
            .strip_prefix(src.parent().unwrap())
            .unwrap()
            .display()
            .to_string();
        for path in named_paths(&code, &here, &children) {
            let to = node_of(&path);
            if to != from {
                edges
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_insert_with(|| shown.clone());
            }
        }
        edges.entry(from).or_default();
    }
    Graph { edges }
}

/// The layer (0 at the top) a node is placed in.
fn layer_of(layers: &[Vec<String>], node: &str) -> Option<usize> {
    layers.iter().position(|layer| {
        layer
            .iter()
            .any(|name| name == node || (name == "rules::*" && node.starts_with("rules::")))
    })
}

#[test]
fn every_module_is_placed_in_a_layer() {
    let layers = layers();
    assert!(
        layers.len() > 8,
        "the layering block was not read: {layers:?}"
    );
    let graph = graph();
    let unplaced: Vec<&String> = graph
        .edges
        .keys()
        .filter(|node| layer_of(&layers, node).is_none())
        .collect();
    assert!(
        unplaced.is_empty(),
        "modules the layering of tests/layers.rs does not place: {unplaced:?}"
    );
    // A layer naming a module that does not exist is an out-of-date comment.
    for name in layers.iter().flatten() {
        assert!(
            name == "rules::*" || graph.edges.contains_key(name),
            "tests/layers.rs places `{name}`, which is not a module"
        );
    }
}

#[test]
fn dependencies_point_down_only() {
    let layers = layers();
    let graph = graph();
    let registry = layer_of(&layers, "registry").unwrap();
    let mut wrong = Vec::new();
    for (from, targets) in &graph.edges {
        let Some(from_layer) = layer_of(&layers, from) else {
            continue;
        };
        for (to, file) in targets {
            let Some(to_layer) = layer_of(&layers, to) else {
                continue;
            };
            if to == "registry" && from_layer > registry {
                wrong.push(format!(
                    "{file}: {from} is below the registry and imports it"
                ));
            } else if to_layer < from_layer {
                wrong.push(format!("{file}: {from} imports {to}, a layer above it"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "dependencies that point up:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_module_graph_has_no_cycle() {
    let graph = graph();
    // Depth-first search; a node met again while still on the path closes a cycle.
    fn visit<'a>(
        node: &'a str,
        graph: &'a Graph,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = path[at..].iter().map(|n| n.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in graph.edges.get(node).into_iter().flat_map(|e| e.keys()) {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.edges.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            let steps: Vec<String> = cycle
                .windows(2)
                .map(|pair| {
                    format!(
                        "{} -> {} ({})",
                        pair[0], pair[1], graph.edges[&pair[0]][&pair[1]]
                    )
                })
                .collect();
            panic!("the modules form a cycle:\n{}", steps.join("\n"));
        }
    }
}

#[test]
fn the_reader_finds_paths_in_braces_and_after_super() {
    let here = vec!["rules".to_string(), "text".to_string()];
    let paths = named_paths(
        "use super::{context::Context, placeholder};\nuse crate::{diagnostic::Edit, rule};\nlet x = $crate::rule::RuleMeta;",
        &here,
        &[],
    );
    let mut shown: Vec<String> = paths.iter().map(|p| p.join("::")).collect();
    shown.sort();
    assert_eq!(
        shown,
        [
            "diagnostic::Edit",
            "rule",
            "rule::RuleMeta",
            "rules::context::Context",
            "rules::placeholder",
        ]
    );
    // `super::super::` climbs twice, from a file two levels down.
    let deep = vec!["rules".to_string(), "text".to_string(), "cells".to_string()];
    let paths = named_paths("use super::super::context::Context;", &deep, &[]);
    assert_eq!(
        paths,
        [["rules", "context", "Context"].map(String::from).to_vec()]
    );
}
