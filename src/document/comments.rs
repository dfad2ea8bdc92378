//! The comments of a YAML plan, each attached to the key it belongs to (by JSON pointer), so that
//! a writer that rebuilds the document (`odplint next`) can put every comment back beside its
//! key, wherever that key moves. A comment alone on its line belongs to the next key; one after
//! a value belongs to the key its line starts with.

use std::collections::{BTreeMap, HashMap};

use super::{Document, Kind, NodeRef, SourceKind, Span, pointer};

/// The comments around one key.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attached {
    /// Whole-line comments above the key's line, in order (each starting with `#`).
    pub leading: Vec<String>,
    /// Comments at the end of the key's line (and of the lines its value continues on).
    pub trailing: Vec<String>,
}

/// Every comment of a document, by the pointer of the key it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comments {
    pub attached: HashMap<String, Attached>,
    /// Whole-line comments after the last key.
    pub footer: Vec<String>,
}

impl Comments {
    /// The comments of a YAML document (JSON has none).
    pub fn of(document: &Document) -> Self {
        let mut comments = Comments::default();
        let (SourceKind::Yaml, Some(root)) = (document.kind, document.root()) else {
            return comments;
        };
        let mut scalars = Vec::new();
        let mut keys: BTreeMap<usize, String> = BTreeMap::new();
        walk(&root, &mut Vec::new(), document, &mut scalars, &mut keys);
        scalars.sort_by_key(|span| span.start);
        let inside_scalar = |offset: usize| {
            let index = scalars.partition_point(|span| span.start <= offset);
            index > 0 && scalars[index - 1].end > offset
        };
        let text = &document.text;
        let mut pending: Vec<String> = Vec::new();
        for line in 0..document.lines().line_count() {
            let range = document.lines().line_range(text, line);
            let content = &text[range.clone()];
            if let Some(key) = keys.get(&line) {
                let attached = comments.attached.entry(key.clone()).or_default();
                attached.leading.append(&mut pending);
            }
            let Some(at) = comment_start(content, |at| inside_scalar(range.start + at)) else {
                continue;
            };
            let comment = content[at..].trim_end().to_string();
            if content[..at].trim().is_empty() {
                pending.push(comment);
            } else if let Some((_, key)) = keys.range(..=line).next_back() {
                let attached = comments.attached.entry(key.clone()).or_default();
                attached.trailing.push(comment);
            } else {
                pending.push(comment);
            }
        }
        comments.footer = pending;
        comments
    }

    /// The comments of `pointer`'s key, if any.
    pub fn get(&self, pointer: &str) -> Option<&Attached> {
        self.attached.get(pointer)
    }

    /// Moves every comment under `from` (the node and its descendants) to the same place under
    /// `to`, keeping what is already there.
    pub fn rename(&mut self, renames: &[(String, String)]) {
        let old = std::mem::take(&mut self.attached);
        for (pointer, attached) in old {
            let renamed = renames.iter().find_map(|(from, to)| {
                let rest = pointer.strip_prefix(from.as_str())?;
                (rest.is_empty() || rest.starts_with('/')).then(|| format!("{to}{rest}"))
            });
            let target = self.attached.entry(renamed.unwrap_or(pointer)).or_default();
            target.leading.extend(attached.leading);
            target.trailing.extend(attached.trailing);
        }
    }
}

/// Where a comment starts on a line: a `#` at the start or after white space, outside scalars.
pub fn comment_start(content: &str, inside_scalar: impl Fn(usize) -> bool) -> Option<usize> {
    content
        .match_indices('#')
        .map(|(at, _)| at)
        .find(|&at| (at == 0 || content[..at].ends_with([' ', '\t'])) && !inside_scalar(at))
}

/// Records every scalar's span and, for each line, the first key that starts on it.
fn walk(
    node: &NodeRef<'_>,
    path: &mut Vec<String>,
    document: &Document,
    scalars: &mut Vec<Span>,
    keys: &mut BTreeMap<usize, String>,
) {
    if node.is_alias() {
        scalars.push(node.span());
        return;
    }
    match node.kind() {
        Kind::Scalar(_) => scalars.push(node.span()),
        Kind::Sequence => {
            for (index, item) in node.items().into_iter().flatten().enumerate() {
                path.push(index.to_string());
                walk(&item, path, document, scalars, keys);
                path.pop();
            }
        }
        Kind::Mapping => {
            for entry in node.entries().into_iter().flatten() {
                let key_span = entry.key_span();
                scalars.push(key_span.clone());
                path.push(entry.key().to_string());
                let line = document.lines().line_of(key_span.start);
                keys.entry(line).or_insert_with(|| pointer(path.iter()));
                walk(&entry.value(), path, document, scalars, keys);
                path.pop();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_attach_to_the_next_key_or_their_line_and_skip_scalars() {
        let text = "# header\nformat: odp-plan/1\nsections:\n  A:\n    spatial:\n      rows:\n        # above the row\n        - item: 1  # odplint: allow N001\n          category: 'a # b'  # after\n# the end\n";
        let document = Document::parse("p.yaml", text);
        let comments = Comments::of(&document);
        assert_eq!(comments.get("/format").unwrap().leading, ["# header"]);
        let item = comments.get("/sections/A/spatial/rows/0/item").unwrap();
        assert_eq!(item.leading, ["# above the row"]);
        assert_eq!(item.trailing, ["# odplint: allow N001"]);
        let category = comments.get("/sections/A/spatial/rows/0/category").unwrap();
        assert_eq!(category.trailing, ["# after"]);
        assert_eq!(comments.footer, ["# the end"]);

        let mut moved = comments.clone();
        moved.rename(&[(
            "/sections/A/spatial/rows/0".to_string(),
            "/sections/D/spatial/rows/3".to_string(),
        )]);
        assert_eq!(
            moved
                .get("/sections/D/spatial/rows/3/category")
                .unwrap()
                .trailing,
            ["# after"]
        );
        assert!(moved.get("/sections/A/spatial/rows/0/category").is_none());
    }
}
