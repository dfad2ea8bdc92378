//! Hover: on a finding, the rule's documentation (what `odplint explain` prints); on a category,
//! frequency, date or placeholder, what the value means in every language of the plans and which
//! rules judge it; on a key, the schema's bilingual description.

use std::fmt::Write;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use serde_json::Value;

use crate::document::{Kind, NodeRef, Scalar, Span};
use crate::messages::{Lang, Message};
use crate::model::{Language, YearMonth, is_placeholder};
use crate::registry;
use crate::rule::{RuleMeta, rule_documentation};
use crate::vocab::{categories, frequency};

use super::analysis::Analysis;

/// Where the cursor is in the span tree: the pointer of the innermost node or key under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub pointer: String,
    pub span: Span,
    /// On a mapping key rather than on its value.
    pub on_key: bool,
}

/// The innermost scalar or key holding `offset` (its end included: a cursor just after a value).
pub fn place_at(root: NodeRef<'_>, offset: usize) -> Option<Place> {
    let contains = |span: &Span| span.start <= offset && offset <= span.end;
    let mut node = root;
    let mut pointer = String::new();
    loop {
        let kind = if node.is_alias() {
            Kind::Scalar(Scalar::Null)
        } else {
            node.kind()
        };
        match kind {
            Kind::Scalar(_) => {
                let span = node.span();
                return contains(&span).then_some(Place {
                    pointer,
                    span,
                    on_key: false,
                });
            }
            Kind::Sequence => {
                let (index, item) = node
                    .items()?
                    .enumerate()
                    .find(|(_, item)| contains(&item.span()))?;
                pointer.push_str(&crate::document::pointer([index]));
                node = item;
            }
            Kind::Mapping => {
                if let Some(entry) = node.entries()?.find(|e| contains(&e.key_span())) {
                    pointer.push_str(&crate::document::pointer([entry.key()]));
                    return Some(Place {
                        pointer,
                        span: entry.key_span(),
                        on_key: true,
                    });
                }
                let entry = node.entries()?.find(|e| contains(&e.value().span()))?;
                pointer.push_str(&crate::document::pointer([entry.key()]));
                node = entry.value();
            }
        }
    }
}

pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    if !analysis.is_plan {
        return None;
    }
    let lang = analysis.lang;
    let mut out = String::new();
    let mut range: Option<Span> = None;
    let mut explained: Vec<&'static str> = Vec::new();
    for finding in analysis.diagnostics_at(&(offset..offset)) {
        let _ = writeln!(
            out,
            "**{}** `{}`: {}\n",
            finding.rule.code,
            finding.rule.name,
            finding.message.render(lang)
        );
        if let Some(help) = &finding.help {
            let _ = writeln!(out, "{}\n", help.render(lang));
        }
        range.get_or_insert(finding.span.clone());
        if !explained.contains(&finding.rule.code) {
            explained.push(finding.rule.code);
        }
    }
    for code in &explained {
        if let Some(rule) = registry::find(code) {
            let _ = writeln!(out, "---\n\n{}", rule_documentation(rule, lang));
        }
    }
    let place = analysis
        .document
        .root()
        .and_then(|root| place_at(root, offset));
    if let Some(place) = place
        && let Some(text) = describe(analysis, &place)
    {
        if !out.is_empty() {
            out.push_str("---\n\n");
        }
        out.push_str(&text);
        range.get_or_insert(place.span);
    }
    if out.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: out.trim_end().to_string(),
        }),
        range: range.map(|span| analysis.range(&span)),
    })
}

/// The plan's language, when the document says one.
pub fn plan_language(value: Option<&Value>) -> Option<Language> {
    value?
        .get("language")?
        .as_str()
        .and_then(Language::from_code)
}

fn describe(analysis: &Analysis, place: &Place) -> Option<String> {
    let lang = analysis.lang;
    let value = analysis.document.value();
    let value = value.as_ref();
    let key = place.pointer.rsplit('/').next().unwrap_or_default();
    if place.on_key {
        return super::complete::schema_doc(&place.pointer)
            .map(|(title, description)| format!("**{title}**\n\n{description}"));
    }
    let cell = value?.pointer(&place.pointer)?.as_str()?;
    let language = plan_language(value).unwrap_or(Language::ZhHant);
    let in_rows = place.pointer.contains("/rows/");
    match key {
        "category" if in_rows && is_placeholder(cell) => {
            Some(describe_placeholder(lang, cell, language))
        }
        "category" if in_rows => Some(describe_category(analysis, cell, language)),
        "frequency" if in_rows => Some(describe_frequency(analysis, cell, language)),
        "release_date" if in_rows => {
            let section = place.pointer.split('/').nth(2).unwrap_or_default();
            let role = if section == "D" {
                Message::new("lsp.hover.release")
            } else {
                Message::new("lsp.hover.target").arg("window", window(value, section))
            };
            Some(describe_date(
                lang,
                cell,
                role,
                &["D001", "D002", "D003", "D004"],
            ))
        }
        "published" if place.pointer == "/published" => Some(describe_date(
            lang,
            cell,
            Message::new("lsp.hover.published"),
            &["D001", "M002", "D003", "D004"],
        )),
        _ => None,
    }
}

/// The years a section's target dates must fall in, from the plan's period.
fn window(value: Option<&Value>, section: &str) -> String {
    let period = value
        .and_then(|v| v.get("period"))
        .and_then(Value::as_str)
        .and_then(|p| crate::model::Period::parse(p.trim()));
    match (period, section) {
        (Some(p), "A") => p.first.to_string(),
        (Some(p), "B") => format!("{}-{}", p.first + 1, p.last),
        (Some(p), _) => format!("{}-{}", p.first, p.last),
        (None, _) => "?".to_string(),
    }
}

fn rules_section(lang: Lang, codes: &[&str]) -> String {
    let mut out = format!("**{}**\n\n", Message::new("lsp.hover.rules").render(lang));
    for rule in codes.iter().filter_map(|code| registry::find(code)) {
        let _ = writeln!(out, "- {}", rule_line(rule, lang));
    }
    out
}

fn rule_line(rule: &RuleMeta, lang: Lang) -> String {
    format!("{} `{}`: {}", rule.code, rule.name, rule.summary_in(lang))
}

fn names_table(names: [(&str, String); 3]) -> String {
    let mut out = String::from("| en | zh-Hant | zh-Hans |\n|---|---|---|\n|");
    for (_, name) in names {
        let _ = write!(out, " {} |", escape_cell(&name));
    }
    out.push('\n');
    out
}

fn escape_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn describe_category(analysis: &Analysis, cell: &str, language: Language) -> String {
    let lang = analysis.lang;
    let mut out = format!(
        "**{}** `{}`\n\n",
        Message::new("lsp.hover.category").render(lang),
        escape_cell(cell)
    );
    let extras = analysis.config.extras.categories(language);
    let verdict = match categories::classify(cell, language, extras) {
        categories::CategoryMatch::Current => Message::new("lsp.hover.category-current"),
        categories::CategoryMatch::Outdated { current } => {
            Message::new("lsp.hover.category-outdated").arg("current", current)
        }
        categories::CategoryMatch::OtherLanguage {
            language: other,
            translation,
        } => Message::new("lsp.hover.other-language")
            .arg_message("language", other.name())
            .arg("translation", translation),
        categories::CategoryMatch::Unknown { closest } => {
            Message::new("lsp.hover.category-unknown").arg("closest", closest.unwrap_or("-"))
        }
    };
    let _ = writeln!(out, "{}\n", verdict.render(lang));
    if let Some(id) = categories::id_of(cell)
        && let Some(category) = categories::all().iter().find(|c| c.id == id)
    {
        out.push_str(&names_table([
            ("en", category.en.to_string()),
            ("zh-Hant", category.zh_hant.to_string()),
            ("zh-Hans", category.zh_hans.to_string()),
        ]));
        if let Some(old) = category.en_2018 {
            let _ = writeln!(
                out,
                "\n{}",
                Message::new("lsp.hover.category-2018")
                    .arg("name", old)
                    .render(lang)
            );
        }
        out.push('\n');
    }
    out.push_str(&rules_section(lang, &["C001", "C002", "C003"]));
    out
}

fn describe_placeholder(lang: Lang, cell: &str, language: Language) -> String {
    let mut out = format!(
        "**{}** `{}`\n\n{}\n\n",
        Message::new("lsp.hover.placeholder").render(lang),
        escape_cell(cell),
        Message::new("lsp.hover.placeholder-meaning")
            .arg("placeholder", language.placeholder())
            .render(lang)
    );
    out.push_str(&names_table([
        ("en", Language::En.placeholder().to_string()),
        ("zh-Hant", Language::ZhHant.placeholder().to_string()),
        ("zh-Hans", Language::ZhHans.placeholder().to_string()),
    ]));
    out.push('\n');
    out.push_str(&rules_section(lang, &["P001", "P002", "P003", "P004"]));
    out
}

fn describe_frequency(analysis: &Analysis, cell: &str, language: Language) -> String {
    let lang = analysis.lang;
    let mut out = format!(
        "**{}** `{}`\n\n",
        Message::new("lsp.hover.frequency").render(lang),
        escape_cell(cell)
    );
    let extras = analysis.config.extras.frequencies(language);
    let classification = frequency::classify(cell, language, extras);
    let verdict = match &classification {
        frequency::Classification::Canonical => Message::new("lsp.hover.frequency-canonical"),
        frequency::Classification::Variant {
            canonical,
            certain: true,
        } => Message::new("lsp.hover.frequency-variant").arg("canonical", canonical),
        frequency::Classification::Variant {
            canonical,
            certain: false,
        } => Message::new("F002.uncertain")
            .arg("value", cell)
            .arg("canonical", canonical),
        frequency::Classification::OtherLanguage {
            language: other,
            translation,
            ..
        } => Message::new("lsp.hover.other-language")
            .arg_message("language", other.name())
            .arg("translation", translation),
        frequency::Classification::Recognised => Message::new("lsp.hover.frequency-recognised"),
        frequency::Classification::Unknown { closest } => {
            Message::new("lsp.hover.frequency-unknown")
                .arg("closest", closest.as_deref().unwrap_or("-"))
        }
    };
    let _ = writeln!(out, "{}\n", verdict.render(lang));
    let source = match classification {
        frequency::Classification::OtherLanguage {
            language: other, ..
        } => other,
        _ => language,
    };
    let rendering = |to: Language| frequency::canonical_in(cell, source, to);
    if let (Some(en), Some(hant), Some(hans)) = (
        rendering(Language::En),
        rendering(Language::ZhHant),
        rendering(Language::ZhHans),
    ) {
        out.push_str(&names_table([
            ("en", en),
            ("zh-Hant", hant),
            ("zh-Hans", hans),
        ]));
        out.push('\n');
    }
    out.push_str(&rules_section(lang, &["F001", "F002", "F003"]));
    out
}

use crate::vocab::ENGLISH_MONTHS as MONTHS;

fn describe_date(lang: Lang, cell: &str, role: Message, codes: &[&str]) -> String {
    let mut out = format!(
        "**{}** `{}`: {}\n\n",
        Message::new("lsp.hover.date").render(lang),
        escape_cell(cell),
        role.render(lang)
    );
    match YearMonth::parse_lenient(cell) {
        Some(date) => {
            let _ = writeln!(
                out,
                "{} · {}年{}月\n",
                format_args!("{} {}", MONTHS[date.month() as usize - 1], date.year()),
                date.year(),
                date.month()
            );
            if YearMonth::parse_strict(cell).is_none() {
                let _ = writeln!(
                    out,
                    "{}\n",
                    Message::new("D001.help-certain")
                        .arg("suggestion", date)
                        .render(lang)
                );
            }
        }
        None => {
            let _ = writeln!(
                out,
                "{}\n",
                Message::new("lsp.hover.date-invalid").render(lang)
            );
        }
    }
    out.push_str(&rules_section(lang, codes));
    out
}
