//! User-facing text as data: a message is an identifier with named arguments, rendered through a
//! per-language catalogue (`en.txt`, compiled in). Rules never build sentences themselves, so a
//! language is added by adding a catalogue, without touching detection.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages messages can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 1] = [Lang::En];

    fn catalogue_text(self) -> &'static str {
        match self {
            Lang::En => include_str!("en.txt"),
        }
    }
}

/// An identifier into the catalogue and the values of its `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Message {
    pub fn new(id: &'static str) -> Self {
        debug_assert!(
            catalogue(Lang::En).contains_key(id),
            "message `{id}` is missing from the English catalogue"
        );
        Self {
            id,
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The message in `lang`; an argument's value is inserted as is, never re-interpreted.
    pub fn render(&self, lang: Lang) -> String {
        let Some(template) = catalogue(lang).get(self.id) else {
            return self.id.to_string();
        };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = *template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, value)) => out.push_str(value),
                        None => {
                            out.push('{');
                            out.push_str(name);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// The parsed catalogue of a language: `id = text` lines, `#` comments, blank lines ignored.
pub fn catalogue(lang: Lang) -> &'static HashMap<&'static str, &'static str> {
    static CATALOGUES: [OnceLock<HashMap<&'static str, &'static str>>; 1] = [OnceLock::new()];
    let slot = match lang {
        Lang::En => &CATALOGUES[0],
    };
    slot.get_or_init(|| parse_catalogue(lang.catalogue_text()))
}

fn parse_catalogue(text: &'static str) -> HashMap<&'static str, &'static str> {
    text.lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (id, template) = line.split_once(" = ")?;
            Some((id.trim(), template))
        })
        .collect()
}

/// The `{placeholder}` names a template uses, sorted.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names: Vec<&str> = template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_line_is_well_formed() {
        for lang in Lang::ALL {
            let text = lang.catalogue_text();
            for (number, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                assert!(line.contains(" = "), "{lang:?} line {}: {line}", number + 1);
            }
            let ids: Vec<_> = text
                .lines()
                .filter_map(|l| l.split_once(" = ").map(|(id, _)| id))
                .collect();
            let mut unique = ids.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(ids.len(), unique.len(), "{lang:?}: an id is defined twice");
        }
    }

    #[test]
    fn placeholders_are_replaced_and_values_are_not_reinterpreted() {
        let m = Message::new("D001.message").arg("value", "{value}");
        assert_eq!(
            m.render(Lang::En),
            "`{value}` is not a date in MM/YYYY form"
        );
        assert_eq!(placeholders("a {x} b {y} {x}"), vec!["x", "y"]);
    }
}
