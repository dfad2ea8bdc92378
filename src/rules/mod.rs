//! The rule registry. Each rule is declared once, with its code, name, default severity, fix
//! availability and documentation on the declaration itself; `explain` prints that same text.
//! Rules detect and report; severity overrides and output belong elsewhere.

mod categories;
mod confirm;
mod dates;
mod frequency;
mod items;
mod meta;
pub(crate) mod placeholder;
pub mod syntax;
pub mod text;

use crate::diagnostic::{Applicability, Diagnostic, Edit, Effect, Fix, Severity};
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::{Plan, TextCell};
use crate::vocab::Extras;

/// Whether a rule's findings carry a fix (ruff's `FixAvailability`): how safe each fix is, is the
/// other axis ([`Applicability`], declared with the rule and carried by every [`Fix`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    /// No finding of the rule has a fix.
    Never,
    /// Some findings have a fix (where the meaning is certain); the others have none.
    Sometimes,
    /// Every finding whose text can be edited exactly has a fix.
    Always,
}

/// What a rule declares about its fixes: whether there are any, and how safe they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleFix {
    Never,
    Sometimes(Applicability),
    Always(Applicability),
}

impl RuleFix {
    /// Whether the rule's findings carry a fix.
    pub fn availability(self) -> FixAvailability {
        match self {
            RuleFix::Never => FixAvailability::Never,
            RuleFix::Sometimes(_) => FixAvailability::Sometimes,
            RuleFix::Always(_) => FixAvailability::Always,
        }
    }

    /// How safe the rule's fixes are; `None` when it has none.
    pub fn applicability(self) -> Option<Applicability> {
        match self {
            RuleFix::Never => None,
            RuleFix::Sometimes(applicability) | RuleFix::Always(applicability) => {
                Some(applicability)
            }
        }
    }

    /// The word the `rules` listing, JSON and SARIF give (`sometimes` is "sometimes, and then
    /// safe", the only kind of occasional fix before the two axes were told apart).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleFix::Never => "none",
            RuleFix::Always(Applicability::Safe) => "safe",
            RuleFix::Always(Applicability::Unsafe) => "unsafe",
            RuleFix::Always(Applicability::DisplayOnly) => "display-only",
            RuleFix::Sometimes(Applicability::Safe) => "sometimes",
            RuleFix::Sometimes(Applicability::Unsafe) => "sometimes-unsafe",
            RuleFix::Sometimes(Applicability::DisplayOnly) => "sometimes-display-only",
        }
    }

    /// The catalogue id of how the rule's fixes are described.
    pub fn message_id(self) -> &'static str {
        match self {
            RuleFix::Never => "fix-availability.none",
            RuleFix::Always(Applicability::Safe) => "fix-availability.safe",
            RuleFix::Always(Applicability::Unsafe) => "fix-availability.unsafe",
            RuleFix::Sometimes(Applicability::Safe) => "fix-availability.sometimes",
            RuleFix::Sometimes(Applicability::Unsafe) => "fix-availability.sometimes-unsafe",
            RuleFix::Always(Applicability::DisplayOnly)
            | RuleFix::Sometimes(Applicability::DisplayOnly) => "fix-availability.display-only",
        }
    }
}

/// Everything known about a rule before it runs.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// Whether the findings carry a fix, and how safe it is.
    pub fix: RuleFix,
    /// Markdown with the headings of [`DOC_HEADINGS`], from the declaration's doc comments.
    pub docs: &'static str,
}

/// The headings every rule's documentation has, in this order.
pub const DOC_HEADINGS: [&str; 5] = [
    "## What it checks",
    "## Why it matters",
    "## Example that fails",
    "## Example that passes",
    "## Fix safety",
];

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
        self.summary_in(crate::messages::Lang::En)
    }

    /// [`RuleMeta::summary`] in another language.
    pub fn summary_in(&self, lang: crate::messages::Lang) -> String {
        let docs = crate::messages::rule_documentation(self, lang);
        let heading = lang.doc_headings()[0];
        let what = section_of(&docs, heading).unwrap_or_default();
        let paragraph = what.split("\n\n").next().unwrap_or_default();
        let flat = if lang == crate::messages::Lang::En {
            paragraph.split_whitespace().collect::<Vec<_>>().join(" ")
        } else {
            paragraph.lines().map(str::trim).collect::<String>()
        };
        let ends: &[&str] = if lang == crate::messages::Lang::En {
            &[". ", ": "]
        } else {
            &["。", "："]
        };
        match first_end(&flat, ends) {
            Some(cut) if lang == crate::messages::Lang::En => format!("{}.", &flat[..cut]),
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

/// Declares a rule's metadata with its documentation taken from the doc comments above it.
/// `fix:` is `Never`, `Sometimes(Safe)`, `Always(Unsafe)` and so on: whether the findings carry
/// a fix, then how safe it is.
macro_rules! declare_rule {
    (@fix $code:literal, Never $(,)?) => {
        $crate::rules::RuleFix::Never
    };
    (@fix $code:literal, $availability:ident($applicability:ident) $(,)?) => {
        $crate::rules::RuleFix::$availability($crate::diagnostic::Applicability::$applicability)
    };
    (@fix $code:literal, $($other:tt)*) => {
        compile_error!(concat!(
            $code,
            ": write `fix: Never`, or whether and how safe: `Always(Safe)`, `Sometimes(Safe)`, ",
            "`Always(Unsafe)`, `Sometimes(Unsafe)`, `Always(DisplayOnly)`"
        ))
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis static $ident:ident = {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            fix: $($fix:tt)+
        };
    ) => {
        $(#[doc = $doc])*
        $vis static $ident: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::diagnostic::Severity::$severity,
            fix: $crate::rules::declare_rule!(@fix $code, $($fix)+),
            docs: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

/// Every rule, in catalogue order.
pub static ALL: &[&RuleMeta] = &[
    &syntax::SYNTAX_ERROR,
    &syntax::DUPLICATE_KEY,
    &syntax::SCHEMA_VIOLATION,
    &syntax::UNSUPPORTED_FORMAT,
    &syntax::UNUSED_ALLOW,
    &meta::INVALID_PERIOD,
    &meta::PUBLISHED_LATE,
    &meta::TITLE_PERIOD_MISMATCH,
    &dates::DATE_FORMAT,
    &dates::TARGET_OUTSIDE_WINDOW,
    &dates::RELEASE_AFTER_PUBLICATION,
    &dates::TARGET_ALREADY_PAST,
    &confirm::DATE_TO_CONFIRM,
    &frequency::UNKNOWN_FREQUENCY,
    &frequency::NON_CANONICAL_FREQUENCY,
    &frequency::FREQUENCY_WRONG_LANGUAGE,
    &categories::UNKNOWN_CATEGORY,
    &categories::OUTDATED_CATEGORY,
    &categories::CATEGORY_WRONG_LANGUAGE,
    &placeholder::MISSING_PLACEHOLDER,
    &placeholder::PLACEHOLDER_WITH_CONTENT,
    &placeholder::PLACEHOLDER_AMONG_DATASETS,
    &placeholder::PLACEHOLDER_SPELLING,
    &items::ITEM_SEQUENCE,
    &text::STRAY_WHITESPACE,
    &text::MISSING_CELL,
    &text::DUPLICATE_DATASET,
    &text::SIMPLIFIED_IN_TRADITIONAL,
    &text::NON_MACHINE_READABLE,
    &text::UNBALANCED_BRACKETS,
    &text::COMPATIBILITY_IDEOGRAPH,
];

/// The findings of `odplint import` about its input (they point into the input, not a plan).
pub static IMPORT: &[&RuleMeta] = &[
    &crate::import::rules::UNPLACEABLE_LINE,
    &crate::import::rules::ITEM_OUT_OF_PLACE,
    &crate::import::rules::TABLE_WITHOUT_HEADING,
    &crate::import::rules::TOO_MANY_CELLS,
    &crate::import::rules::GUESSED_STRUCTURE,
    &crate::import::rules::MISSING_METADATA,
    &crate::import::rules::CSV_HEADER,
];

/// The audit rules, which judge several plans together (`odplint audit`). They are kept apart
/// from [`ALL`] because their examples are pairs of plans, not single ones.
pub static AUDIT: &[&RuleMeta] = &[
    &crate::audit::PROMISE_UNACCOUNTED,
    &crate::audit::RELEASED_LATE,
    &crate::audit::TARGET_SLIPPED,
    &crate::audit::LANGUAGE_VERSIONS_DIFFER,
    &crate::audit::DUPLICATE_PLAN,
    &crate::audit::PLAN_MISSING,
];

/// Every rule: the plan rules, the import findings, then the audit rules.
pub fn every_rule() -> impl Iterator<Item = &'static RuleMeta> {
    ALL.iter().chain(IMPORT).chain(AUDIT).copied()
}

/// Whether a rule is an audit rule (run only by `odplint audit`).
pub fn is_audit(rule: &RuleMeta) -> bool {
    AUDIT.iter().any(|audit| audit.code == rule.code)
}

/// A check over the typed plan; it may report findings of several related rules.
type Check = fn(&Context<'_>, &mut Vec<Diagnostic>);

/// The checks that run once the plan's structure is sound.
static CHECKS: &[Check] = &[
    meta::check,
    dates::check,
    confirm::check,
    frequency::check,
    categories::check,
    placeholder::check,
    items::check,
    text::check,
];

/// Finds a rule (plan rule, import finding or audit rule) by code (`D001`, any case) or name
/// (`date-format`).
pub fn find(code_or_name: &str) -> Option<&'static RuleMeta> {
    let wanted = code_or_name.trim();
    every_rule().find(|rule| rule.code.eq_ignore_ascii_case(wanted) || rule.name == wanted)
}

/// The code or name of the rule nearest to a misspelt one (`date-formt`, `D01`), for a
/// "did you mean" after an unknown rule.
pub fn closest(code_or_name: &str) -> Option<&'static str> {
    let wanted = code_or_name.trim();
    let looks_like_code = wanted
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && wanted.chars().skip(1).all(|c| c.is_ascii_digit());
    if looks_like_code {
        crate::vocab::closest(wanted, every_rule().map(|rule| rule.code))
    } else {
        crate::vocab::closest(wanted, every_rule().map(|rule| rule.name))
    }
}

/// What a check sees: the document (for spans), the typed plan, and the vocabulary the
/// configuration adds.
pub struct Context<'a> {
    pub document: &'a Document,
    pub plan: &'a Plan<'a>,
    pub extras: &'a Extras,
    /// Every text cell of the plan, listed once for all the checks.
    pub cells: Vec<TextCell<'a>>,
}

impl Context<'_> {
    /// The span of the node at `pointer` (or its nearest existing ancestor).
    pub fn span(&self, pointer: &str) -> Span {
        self.document.span_for(pointer)
    }

    /// A fix that rewrites a whole text cell, keeping its quoting when the new text reads back
    /// exactly in it (quoting it otherwise); `None` when the source does not spell the value
    /// literally (escapes, block scalars, aliases), where an edit could not be exact.
    pub fn replace_cell(
        &self,
        pointer: &str,
        value: &str,
        replacement: &str,
        applicability: Applicability,
        message: Message,
    ) -> Option<Fix> {
        let edit = self.document.cell_edit(pointer, value, replacement)?;
        Some(Fix {
            applicability,
            message,
            edits: vec![edit],
            effects: vec![Effect::Set {
                pointer: pointer.to_string(),
                value: serde_json::Value::String(replacement.to_string()),
            }],
        })
    }

    /// A fix that replaces some characters of a text cell (`changes`: byte ranges of `value` and
    /// their new text, in order): narrow edits where the cell's style keeps them exact, the whole
    /// cell rewritten (and quoted) where it would not.
    pub fn edit_in_cell(
        &self,
        pointer: &str,
        value: &str,
        changes: &[(Span, String)],
        applicability: Applicability,
        message: Message,
    ) -> Option<Fix> {
        let mut new_value = String::with_capacity(value.len());
        let mut cursor = 0;
        for (range, text) in changes {
            new_value.push_str(value.get(cursor..range.start)?);
            new_value.push_str(text);
            cursor = range.end;
        }
        new_value.push_str(value.get(cursor..)?);
        let whole = self.document.cell_edit(pointer, value, &new_value)?;
        let content = self.document.literal_content_span(pointer, value);
        let edits = match content {
            // Still the same style: only the changed characters are touched.
            Some(content) if whole.span == content && whole.replacement == new_value => changes
                .iter()
                .map(|(range, text)| Edit {
                    span: content.start + range.start..content.start + range.end,
                    replacement: text.clone(),
                })
                .collect(),
            _ => vec![whole],
        };
        Some(Fix {
            applicability,
            message,
            edits,
            effects: vec![Effect::Set {
                pointer: pointer.to_string(),
                value: serde_json::Value::String(new_value),
            }],
        })
    }

    /// The span in the text of `range` (bytes of `value`) when the cell is spelt literally.
    pub fn span_in_cell(&self, pointer: &str, value: &str, range: Span) -> Option<Span> {
        let content = self.document.literal_content_span(pointer, value)?;
        Some(content.start + range.start..content.start + range.end)
    }

    /// A finding of `rule` on the node at `pointer`.
    pub fn diagnostic(
        &self,
        rule: &'static RuleMeta,
        pointer: &str,
        message: Message,
    ) -> Diagnostic {
        Diagnostic::new(rule, pointer, self.span(pointer), message)
    }
}

/// Runs every plan check.
pub fn run_checks(document: &Document, plan: &Plan, extras: &Extras, out: &mut Vec<Diagnostic>) {
    let context = Context {
        document,
        plan,
        extras,
        cells: plan.text_cells(),
    };
    for check in CHECKS {
        check(&context, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixes_are_said_on_two_axes() {
        use Applicability::*;
        let every = [
            RuleFix::Never,
            RuleFix::Always(Safe),
            RuleFix::Always(Unsafe),
            RuleFix::Always(DisplayOnly),
            RuleFix::Sometimes(Safe),
            RuleFix::Sometimes(Unsafe),
            RuleFix::Sometimes(DisplayOnly),
        ];
        let words: std::collections::BTreeSet<_> = every.iter().map(|f| f.as_str()).collect();
        assert_eq!(words.len(), every.len());
        for fix in every {
            assert_eq!(
                fix.availability() == FixAvailability::Never,
                fix.applicability().is_none()
            );
        }
        // "Sometimes, and then unsafe" can be said, and is not "sometimes" (which is safe).
        assert_eq!(RuleFix::Sometimes(Unsafe).as_str(), "sometimes-unsafe");
        assert_eq!(RuleFix::Sometimes(Safe).as_str(), "sometimes");
    }

    #[test]
    fn misspelt_rules_have_a_nearest_rule() {
        assert_eq!(closest("date-formt"), Some("date-format"));
        assert_eq!(closest("D01"), Some("D001"));
        assert_eq!(closest("t0005"), Some("T005"));
        assert_eq!(closest("colour"), None);
    }

    #[test]
    fn summaries_end_outside_code_and_brackets() {
        assert_eq!(
            first_end("An `# odplint: allow` x: y", &[". ", ": "]),
            Some(23)
        );
        assert_eq!(first_end("A (b: c). D", &[". ", ": "]), Some(8));
        for rule in every_rule() {
            for lang in [crate::messages::Lang::En, crate::messages::Lang::ZhHant] {
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
    fn codes_and_names_are_unique_and_find_their_rule() {
        let every: Vec<&RuleMeta> = every_rule().collect();
        for (i, rule) in every.iter().enumerate() {
            for other in &every[i + 1..] {
                assert_ne!(rule.code, other.code);
                assert_ne!(rule.name, other.name);
            }
            assert_eq!(find(rule.code), Some(*rule));
            assert_eq!(find(&rule.code.to_lowercase()), Some(*rule));
            assert_eq!(find(rule.name), Some(*rule));
        }
        assert_eq!(find("X999"), None);
        assert!(is_audit(find("A004").unwrap()) && !is_audit(find("D001").unwrap()));
    }

    #[test]
    fn audit_and_import_rules_are_kept_apart_from_the_plan_rules() {
        // Their documented examples are not single plans, so `ALL`'s example tests skip them;
        // `every_rule_documents_every_heading_in_order` still covers their documentation.
        for rule in AUDIT.iter().chain(IMPORT) {
            assert!(!ALL.contains(rule), "{} is not a plan rule", rule.code);
        }
    }

    #[test]
    fn every_rule_documents_every_heading_in_order() {
        for rule in every_rule() {
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
}
