//! User-facing text as data: a message is an identifier with named arguments, rendered through a
//! per-language catalogue (`en.txt`, compiled in). Rules never build sentences themselves, so a
//! language is added by adding a catalogue, without touching detection.

use crate::packed::Packed;

/// The languages messages can be rendered in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhHant,
    ZhHans,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHant, Lang::ZhHans];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHant => "zh-Hant",
            Lang::ZhHans => "zh-Hans",
        }
    }

    /// `en`, `zh-Hant` or `zh-Hans` (any case, `_` for `-`).
    pub fn parse(code: &str) -> Option<Self> {
        let wanted = code.trim().replace('_', "-");
        Lang::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(&wanted))
    }

    /// The language a POSIX locale name asks for: zh_HK, zh_TW, zh_MO and zh_Hant give
    /// Traditional Chinese; zh_CN, zh_SG and zh_Hans Simplified; anything else English.
    pub fn from_locale(locale: &str) -> Self {
        let name = locale
            .split(['.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace('-', "_");
        let mut parts = name.split('_');
        if parts.next() != Some("zh") {
            return Lang::En;
        }
        let rest: Vec<&str> = parts.collect();
        if rest
            .iter()
            .any(|p| matches!(*p, "hant" | "hk" | "tw" | "mo"))
        {
            Lang::ZhHant
        } else if rest.iter().any(|p| matches!(*p, "hans" | "cn" | "sg")) {
            Lang::ZhHans
        } else {
            Lang::En
        }
    }

    /// The language of the environment: the first of LC_ALL, LC_MESSAGES and LANG that is set,
    /// as POSIX orders them.
    pub fn from_env() -> Self {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .map_or(Lang::En, |value| Lang::from_locale(&value))
    }
}

// `EN`, `ZH_HANT` and `ZH_HANS`: each catalogue's `(id, template)` pairs sorted by id, made from
// `en.txt`, `zh-Hant.txt` and `zh-Hans.txt` by the build script.
include!(concat!(env!("OUT_DIR"), "/catalogues.rs"));

/// A language's messages: id -> template, sorted by id (each id the bytes of `ids` its entry
/// gives).
#[derive(Debug)]
pub struct Catalogue {
    ids: &'static str,
    table: Packed<(u32, u32)>,
}

impl Catalogue {
    fn id(&self, (start, end): (u32, u32)) -> &'static str {
        &self.ids[start as usize..end as usize]
    }

    pub fn get(&self, id: &str) -> Option<&'static str> {
        self.table.find(|&key| self.id(key).cmp(id))
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// The ids, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.table.entries.iter().map(|&(key, _, _)| self.id(key))
    }

    /// `(id, template)` pairs, sorted by id.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &'static str)> + '_ {
        (0..self.table.len()).map(|index| {
            (
                self.id(self.table.entries[index].0),
                self.table.value(index),
            )
        })
    }
}

/// What an I/O error says, in the catalogue's words for the failures a user can act on (a
/// missing file, a permission, a full disk...), else the system's own words.
pub fn io_detail(error: &std::io::Error) -> Message {
    use std::io::ErrorKind as Io;
    // An error made with words of its own says them, in the catalogue's words where it has them.
    if let Some(inner) = error.get_ref() {
        return match inner.downcast_ref::<Said>() {
            Some(said) => said.0.clone(),
            None => Message::verbatim(error.to_string()),
        };
    }
    let id = match error.kind() {
        Io::NotFound => "io.not-found",
        Io::PermissionDenied => "io.permission-denied",
        Io::AlreadyExists => "io.already-exists",
        Io::IsADirectory => "io.is-a-folder",
        Io::NotADirectory => "io.not-a-folder",
        Io::StorageFull => "io.storage-full",
        Io::ReadOnlyFilesystem => "io.read-only",
        Io::InvalidData => "io.invalid-data",
        _ => return Message::verbatim(error.to_string()),
    };
    Message::new(id)
}

/// An error that is a catalogue message: the payload of an I/O error whose words are odplint's
/// own (the careful writer's refusals), shown in the run's language by [`io_detail`].
#[derive(Debug, Clone)]
pub struct Said(pub Message);

impl std::fmt::Display for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.render(Lang::En))
    }
}

impl std::error::Error for Said {}

/// A value as a user wrote it, shortened for a message.
pub fn show_value(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() {
        format!("{short}…")
    } else {
        short
    }
}

/// The value of a placeholder: text inserted as is, or a message rendered in the same language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    Text(String),
    Message(Message),
}

/// An identifier into the catalogue and the values of its `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub args: Vec<(&'static str, Arg)>,
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

    /// Text that has no catalogue entry (a parser's or the system's own words), shown as it is in
    /// every language, made visible and bounded as any argument is.
    pub fn verbatim(text: impl Into<String>) -> Self {
        Message::new("verbatim").arg("text", text.into())
    }

    /// An argument that is an I/O error, in the catalogue's words where it has them.
    pub fn arg_io(self, name: &'static str, error: &std::io::Error) -> Self {
        self.arg_message(name, io_detail(error))
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        // One slot at a time: most messages have one or two arguments, and a run holds
        // thousands of messages (the default growth reserves four).
        self.args.reserve_exact(1);
        self.args.push((name, Arg::Text(value.to_string())));
        self
    }

    /// An argument that is itself a message, rendered in the same language.
    pub fn arg_message(mut self, name: &'static str, value: Message) -> Self {
        self.args.reserve_exact(1);
        self.args.push((name, Arg::Message(value)));
        self
    }

    /// The message in `lang`; an argument's value is inserted as is, never re-interpreted.
    pub fn render(&self, lang: Lang) -> String {
        let Some(template) = catalogue(lang)
            .get(self.id)
            .or_else(|| catalogue(Lang::En).get(self.id))
        else {
            return self.id.to_string();
        };
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match self.args.iter().find(|(n, _)| *n == name) {
                        Some((_, Arg::Text(value))) => {
                            let quoted = out.ends_with('`') && after[close + 1..].starts_with('`');
                            let limit = if quoted { MAX_QUOTED } else { MAX_ARG };
                            crate::visible::push(&mut out, &cut(value, limit));
                        }
                        Some((_, Arg::Message(message))) => out.push_str(&message.render(lang)),
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

/// The most characters of a value quoted in backticks that a message shows: a finding on a
/// 600 KB cell, or a fix that rewrites it, names the cell, it does not repeat it in every
/// format (the label and the fix's edit say where and what).
pub const MAX_QUOTED: usize = 100;
/// The most characters of any other argument (lists of rules, of characters).
const MAX_ARG: usize = 1000;

/// `text` cut to at most `limit` characters, its start and end kept around a `…`.
fn cut(text: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let Some((end_of_head, _)) = text.char_indices().nth(limit) else {
        return std::borrow::Cow::Borrowed(text);
    };
    let tail_chars = limit / 4;
    let head_chars = limit - tail_chars - 1;
    let head_end = text
        .char_indices()
        .nth(head_chars)
        .map_or(end_of_head, |(at, _)| at);
    let tail_start = text
        .char_indices()
        .rev()
        .nth(tail_chars.saturating_sub(1))
        .map_or(text.len(), |(at, _)| at)
        .max(head_end);
    std::borrow::Cow::Owned(format!("{}…{}", &text[..head_end], &text[tail_start..]))
}

/// The catalogue of a language, as `en.txt`, `zh-Hant.txt` and `zh-Hans.txt` write it (`id = text`
/// lines, `#` comments, blank lines ignored).
pub fn catalogue(lang: Lang) -> &'static Catalogue {
    match lang {
        Lang::En => &EN,
        Lang::ZhHant => &ZH_HANT,
        Lang::ZhHans => &ZH_HANS,
    }
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
    fn long_quoted_values_are_cut_around_an_ellipsis() {
        let long = format!("{}{}", "a".repeat(5000), "END");
        let text = Message::new("T001.fix")
            .arg("normalised", &long)
            .render(Lang::En);
        let quoted = text.split('`').nth(1).unwrap();
        assert_eq!(quoted.chars().count(), MAX_QUOTED, "{text}");
        assert!(quoted.ends_with("aaaEND") && quoted.contains('…'), "{text}");
        let short = Message::new("T001.fix")
            .arg("normalised", "交通 數字")
            .render(Lang::En);
        assert_eq!(short, "write `交通 數字`");
        // Text that is not quoted keeps more (a list of rules), but not without end.
        let rules = "R".repeat(5000);
        let line = Message::new("fix.done")
            .arg("count", 1)
            .arg("files", 1)
            .arg("rules", &rules)
            .render(Lang::En);
        assert!(line.chars().count() < MAX_ARG + 100, "{}", line.len());
    }

    #[test]
    fn every_catalogue_line_is_well_formed() {
        for lang in Lang::ALL {
            let text = match lang {
                Lang::En => include_str!("en.txt"),
                Lang::ZhHant => include_str!("zh-Hant.txt"),
                Lang::ZhHans => include_str!("zh-Hans.txt"),
            };
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
    fn every_language_has_every_message_with_the_same_placeholders() {
        let english = catalogue(Lang::En);
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            let other = catalogue(lang);
            for (id, template) in english.iter() {
                let translated = other
                    .get(id)
                    .unwrap_or_else(|| panic!("{} lacks the message `{id}`", lang.code()));
                assert_eq!(
                    placeholders(template),
                    placeholders(translated),
                    "{}: `{id}` has other placeholders",
                    lang.code()
                );
            }
            for id in other.keys() {
                assert!(
                    english.contains_key(id),
                    "{} has `{id}`, which English lacks",
                    lang.code()
                );
            }
        }
    }

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::from_locale("zh_HK.UTF-8"), Lang::ZhHant);
        assert_eq!(Lang::from_locale("zh_TW"), Lang::ZhHant);
        assert_eq!(Lang::from_locale("zh_MO.Big5@x"), Lang::ZhHant);
        assert_eq!(Lang::from_locale("zh_CN.UTF-8"), Lang::ZhHans);
        assert_eq!(Lang::from_locale("zh_SG"), Lang::ZhHans);
        assert_eq!(Lang::from_locale("en_HK.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
        assert_eq!(Lang::parse("zh_hant"), Some(Lang::ZhHant));
        assert_eq!(Lang::parse("fr"), None);
    }

    #[test]
    fn control_characters_in_values_are_made_visible() {
        let m = Message::new("D001.message").arg("value", "a\nb\u{1b}[31mc\u{7}");
        assert_eq!(
            m.render(Lang::En),
            "`a\\nb\\u{1b}[31mc\\u{7}` is not a date in MM/YYYY form"
        );
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
