//! A rule's documentation: the headings every rule has, the pieces read from them (summary,
//! sections, examples) and the translations, one file per language beside the catalogues.

use super::RuleMeta;
use crate::messages::Lang;

/// The headings every rule's documentation has, in this order.
pub const DOC_HEADINGS: [&str; 5] = [
    "## What it checks",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Fix safety",
];

/// The five documentation headings in a language.
pub fn doc_headings(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::En => DOC_HEADINGS,
        Lang::ZhHant => [
            "## 檢查內容",
            "## 為何重要",
            "## 不合格的例子",
            "## 合格的例子",
            "## 修正的安全性",
        ],
        Lang::ZhHans => [
            "## 检查内容",
            "## 为何重要",
            "## 不合格的例子",
            "## 合格的例子",
            "## 修正的安全性",
        ],
    }
}

/// The rule families, by the letter their codes start with; each family's translated
/// documentation is one file per language (`src/messages/rules/zh-Hant/D.md`).
pub const FAMILIES: [char; 10] = ['S', 'M', 'D', 'F', 'C', 'P', 'N', 'T', 'I', 'A'];

/// The translated documentation of every rule of one family, as `=== CODE` blocks.
macro_rules! family_files {
    ($lang:literal) => {
        [
            include_str!(concat!("../messages/rules/", $lang, "/S.md")),
            include_str!(concat!("../messages/rules/", $lang, "/M.md")),
            include_str!(concat!("../messages/rules/", $lang, "/D.md")),
            include_str!(concat!("../messages/rules/", $lang, "/F.md")),
            include_str!(concat!("../messages/rules/", $lang, "/C.md")),
            include_str!(concat!("../messages/rules/", $lang, "/P.md")),
            include_str!(concat!("../messages/rules/", $lang, "/N.md")),
            include_str!(concat!("../messages/rules/", $lang, "/T.md")),
            include_str!(concat!("../messages/rules/", $lang, "/I.md")),
            include_str!(concat!("../messages/rules/", $lang, "/A.md")),
        ]
    };
}

static ZH_HANT: [&str; 10] = family_files!("zh-Hant");
static ZH_HANS: [&str; 10] = family_files!("zh-Hans");

/// The documentation file of the family of `code` in a language (English lives on the rules
/// themselves).
fn family_docs(lang: Lang, code: &str) -> Option<&'static str> {
    let files = match lang {
        Lang::En => return None,
        Lang::ZhHant => &ZH_HANT,
        Lang::ZhHans => &ZH_HANS,
    };
    let family = code.chars().next()?;
    let at = FAMILIES.iter().position(|&f| f == family)?;
    Some(files[at])
}

impl RuleMeta {
    /// The documentation with the one-space indent of doc comments removed.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The text under one heading (without the heading), trimmed.
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        section_of(&self.documentation(), heading)
    }

    /// The first sentence (or clause before a colon) of "What it checks", for tables and short
    /// descriptions.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`RuleMeta::summary`] in another language.
    pub fn summary_in(&self, lang: Lang) -> String {
        let docs = rule_documentation(self, lang);
        let heading = doc_headings(lang)[0];
        let what = section_of(&docs, heading).unwrap_or_default();
        let paragraph = what.split("\n\n").next().unwrap_or_default();
        let flat = if lang == Lang::En {
            paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            paragraph.lines().map(str::trim).collect::<String>()
        };
        let ends: &[&str] = if lang == Lang::En {
            &[". ", ": "]
        } else {
            &["。", "："]
        };
        match first_end(&flat, ends) {
            Some(cut) if lang == Lang::En => format!("{}.", &flat[..cut]),
            Some(cut) => format!("{}。", &flat[..cut]),
            None => flat,
        }
    }

    /// The YAML of the first code block under a heading.
    pub fn doc_example(&self, heading: &str) -> Option<String> {
        let section = self.doc_section(heading)?;
        let start = section.find("```yaml\n")? + "```yaml\n".len();
        let end = section[start..].find("```")? + start;
        Some(section[start..end].to_string())
    }
}

/// Where the first sentence of `text` ends: the first of `ends` outside backticks and brackets
/// (`# odplint: allow` and "(the 2018 English names: ...)" do not end it).
fn first_end(text: &str, ends: &[&str]) -> Option<usize> {
    let mut in_code = false;
    let mut depth = 0usize;
    for (at, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            '(' | '（' if !in_code => depth += 1,
            ')' | '）' if !in_code => depth = depth.saturating_sub(1),
            _ if !in_code && depth == 0 && ends.iter().any(|end| text[at..].starts_with(end)) => {
                return Some(at);
            }
            _ => {}
        }
    }
    None
}

/// The text under a heading of a rule's documentation, trimmed.
fn section_of(docs: &str, heading: &str) -> Option<String> {
    let start = docs.find(&format!("{heading}\n"))? + heading.len() + 1;
    let rest = &docs[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |n| n + 1);
    Some(rest[..end].trim().to_string())
}

/// A rule's documentation in `lang`: the text on the rule for English, the language's
/// documentation file otherwise (English when a block is missing, which a test forbids).
pub fn rule_documentation(rule: &RuleMeta, lang: Lang) -> String {
    let Some(text) = family_docs(lang, rule.code) else {
        return rule.documentation();
    };
    let marker = format!("=== {}\n", rule.code);
    let Some(start) = text.find(&marker).map(|at| at + marker.len()) else {
        return rule.documentation();
    };
    let rest = &text[start..];
    let end = rest.find("\n=== ").map_or(rest.len(), |at| at + 1);
    let mut block = rest[..end].trim_end().to_string();
    block.push('\n');
    block
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_end_outside_code_and_brackets() {
        assert_eq!(
            first_end("An `# odplint: allow` x: y", &[". ", ": "]),
            Some(23)
        );
        assert_eq!(first_end("A (b: c). D", &[". ", ": "]), Some(8));
        for rule in crate::registry::every_rule() {
            for lang in [Lang::En, Lang::ZhHant] {
                let summary = rule.summary_in(lang);
                assert_eq!(
                    summary.matches('`').count() % 2,
                    0,
                    "{}: {summary}",
                    rule.code
                );
                assert_eq!(
                    summary.matches(['(', '（']).count(),
                    summary.matches([')', '）']).count(),
                    "{}: {summary}",
                    rule.code
                );
            }
        }
    }

    #[test]
    fn every_rule_documents_every_heading_in_order() {
        for rule in crate::registry::every_rule() {
            let docs = rule.documentation();
            let mut last = 0;
            for heading in DOC_HEADINGS {
                let at = docs
                    .find(heading)
                    .unwrap_or_else(|| panic!("{} lacks {heading}", rule.code));
                assert!(at >= last, "{}: {heading} out of order", rule.code);
                last = at;
                assert!(
                    !rule.doc_section(heading).unwrap().is_empty(),
                    "{}: {heading} is empty",
                    rule.code
                );
            }
            if rule.code.starts_with('I') {
                // Import findings show input text (```text or ```csv), tested in tests/import.rs.
                for heading in &DOC_HEADINGS[2..4] {
                    assert!(rule.doc_section(heading).unwrap().contains("```"));
                }
            } else {
                assert!(rule.doc_example(DOC_HEADINGS[2]).is_some(), "{}", rule.code);
                assert!(rule.doc_example(DOC_HEADINGS[3]).is_some(), "{}", rule.code);
            }
            assert!(!rule.summary().is_empty());
        }
    }
    #[test]
    fn each_family_file_holds_exactly_the_rules_of_its_family() {
        for (lang, files) in [(Lang::ZhHant, &ZH_HANT), (Lang::ZhHans, &ZH_HANS)] {
            for (family, text) in FAMILIES.iter().zip(files.iter()) {
                let listed: Vec<&str> = text
                    .lines()
                    .filter_map(|line| line.strip_prefix("=== "))
                    .collect();
                let declared: Vec<&str> = crate::registry::every_rule()
                    .map(|rule| rule.code)
                    .filter(|code| code.starts_with(*family))
                    .collect();
                assert_eq!(listed, declared, "{} {family}.md", lang.code());
            }
        }
    }

    #[test]
    fn every_rule_is_documented_in_every_language_with_the_same_examples() {
        for lang in [Lang::ZhHant, Lang::ZhHans] {
            for rule in crate::registry::every_rule() {
                let text = family_docs(lang, rule.code).unwrap_or_default();
                assert!(
                    text.contains(&format!("=== {}\n", rule.code)),
                    "{} lacks the documentation of {}",
                    lang.code(),
                    rule.code
                );
                let translated = rule_documentation(rule, lang);
                let mut last = 0;
                for heading in doc_headings(lang) {
                    let at = translated
                        .find(heading)
                        .unwrap_or_else(|| panic!("{} {}: no `{heading}`", lang.code(), rule.code));
                    assert!(
                        at >= last,
                        "{} {}: headings out of order",
                        lang.code(),
                        rule.code
                    );
                    last = at;
                }
                assert_eq!(
                    yaml_blocks(&translated),
                    yaml_blocks(&rule.documentation()),
                    "{} {}: the examples differ from the English ones",
                    lang.code(),
                    rule.code
                );
            }
        }
    }

    fn yaml_blocks(text: &str) -> Vec<&str> {
        text.split("```yaml\n")
            .skip(1)
            .filter_map(|block| block.split("```").next())
            .collect()
    }
}
