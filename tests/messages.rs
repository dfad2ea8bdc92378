//! The words checked near the code: every message id the sources name exists in the catalogues,
//! and every catalogue id is named somewhere in the sources (no dead text to translate).

use std::collections::BTreeSet;
use std::path::Path;

fn sources() -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                files.push((path.display().to_string(), text));
            }
        }
    }
    files
}

fn catalogue_ids(name: &str) -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src/messages")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim().to_string()))
        .collect()
}

#[test]
fn every_id_named_in_the_code_is_in_every_catalogue() {
    let catalogues =
        ["en.txt", "zh-Hant.txt", "zh-Hans.txt"].map(|name| (name, catalogue_ids(name)));
    let mut named = 0;
    for (file, text) in sources() {
        for piece in text.split("Message::new(\"").skip(1) {
            let id = piece.split('"').next().unwrap();
            named += 1;
            for (name, ids) in &catalogues {
                assert!(ids.contains(id), "{file} names `{id}`, which {name} lacks");
            }
        }
    }
    assert!(
        named > 100,
        "only {named} message ids found: the scan is broken"
    );
}

#[test]
fn every_catalogue_id_is_used_by_the_code() {
    let sources = sources();
    let dead: Vec<String> = catalogue_ids("en.txt")
        .into_iter()
        .filter(|id| {
            let literal = format!("\"{id}\"");
            !sources.iter().any(|(_, text)| text.contains(&literal))
        })
        .collect();
    assert!(dead.is_empty(), "catalogue ids no code names: {dead:?}");
}
