//! S001-S005: the file parses, has no repeated keys, fits the schema, declares a format this
//! build reads, and its inline allows each suppress something. The loader and the schema check
//! report S001-S004; the declarations and messages live here.

use crate::diagnostic::Diagnostic;
use crate::document::syntax_hint::{SyntaxHint, explain};
use crate::document::{Document, LoadProblem};
use crate::messages::Message;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it checks
    /// The file does not parse as YAML (or, for `.json` files, as strict JSON). The diagnostic points
    /// at the position the parser stopped at and repeats what it expected.
    ///
    /// ## Why it matters
    /// Nothing else can be checked until the file parses, and editors and the portal's tools will
    /// reject it too.
    ///
    /// ## Example that fails
    /// ```yaml
    /// organisation: [香港警務處
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// organisation: 香港警務處
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only the author knows what was meant.
    pub static SYNTAX_ERROR = {
        code: "S001",
        name: "syntax-error",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A mapping repeats a key. The repeated key is pointed at and the first one is labelled.
    ///
    /// ## Why it matters
    /// YAML forbids repeated keys, and tools that accept them silently keep one of the two values,
    /// so what the plan says depends on which program reads it.
    ///
    /// ## Example that fails
    /// ```yaml
    /// organisation: 香港警務處
    /// organisation: 警務處
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// organisation: 香港警務處
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: which value is right is for the author to decide.
    pub static DUPLICATE_KEY = {
        code: "S002",
        name: "duplicate-key",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The document breaks `schemas/plan.schema.json`: a key that the `odp-plan/1` form does not
    /// have, a required key that is missing, or a value of the wrong type. The message names the
    /// key and what was expected; an unknown key is pointed at itself, a missing one at the key of
    /// the mapping that lacks it.
    ///
    /// ## Why it matters
    /// The rules of the template can only be checked on a document of the right shape, and a
    /// misspelt key (`release_dte`) would otherwise hide a whole column.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   A:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    ///           colour: red
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   A:
    ///     spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 不適用
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static SCHEMA_VIOLATION = {
        code: "S003",
        name: "schema-violation",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The `format` key is missing, or names a version of the plan form that this build of
    /// odplint does not read. This build reads `odp-plan/1`.
    ///
    /// ## Why it matters
    /// The format names the rules the document follows; checking a document of another version
    /// against these rules would give wrong findings.
    ///
    /// ## Example that fails
    /// ```yaml
    /// format: odp-plan/2
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// format: odp-plan/1
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static UNSUPPORTED_FORMAT = {
        code: "S004",
        name: "unsupported-format",
        severity: Error,
        fix: Never,
    };
}

/// The format version this build reads.
pub const SUPPORTED_FORMAT: &str = "odp-plan/1";

/// S001 and S002 from what the loader found.
pub fn load_diagnostics(document: &Document) -> Vec<Diagnostic> {
    document
        .problems
        .iter()
        .map(|problem| match problem {
            LoadProblem::Syntax { span, detail } => syntax_error(document, span, detail),
            LoadProblem::DuplicateKey {
                key,
                span,
                first,
                pointer,
            } => Diagnostic::new(
                &DUPLICATE_KEY,
                pointer.clone(),
                span.clone(),
                Message::new("S002.message").arg("key", key),
            )
            .with_label(Message::new("S002.label"))
            .with_related(first.clone(), Message::new("S002.first"))
            .with_help(Message::new("S002.help")),
        })
        .collect()
}

/// S001 at the cause the text shows (a tab, an open quote or bracket) when there is one, with
/// the parser's own words kept; at the parser's position otherwise.
fn syntax_error(document: &Document, span: &crate::document::Span, detail: &str) -> Diagnostic {
    let generic = || {
        Diagnostic::new(
            &SYNTAX_ERROR,
            "",
            span.clone(),
            Message::new("S001.message").arg("detail", detail),
        )
        .with_label(Message::new("S001.label"))
    };
    if document.kind != crate::document::SourceKind::Yaml {
        return generic();
    }
    match explain(&document.text, span.start, detail) {
        Some(SyntaxHint::TabIndent { at }) => Diagnostic::new(
            &SYNTAX_ERROR,
            "",
            at,
            Message::new("S001.tab").arg("detail", detail),
        )
        .with_label(Message::new("S001.tab.label"))
        .with_help(Message::new("S001.tab.help")),
        Some(SyntaxHint::UnclosedQuote { quote, at }) => Diagnostic::new(
            &SYNTAX_ERROR,
            "",
            at,
            Message::new("S001.unclosed-quote")
                .arg("quote", quote)
                .arg("detail", detail),
        )
        .with_label(Message::new("S001.opened-here"))
        .with_help(Message::new("S001.unclosed-quote.help").arg("quote", quote)),
        Some(SyntaxHint::UnclosedBracket { bracket, at }) => Diagnostic::new(
            &SYNTAX_ERROR,
            "",
            span.clone(),
            Message::new("S001.unclosed-bracket")
                .arg("bracket", bracket)
                .arg("detail", detail),
        )
        .with_label(Message::new("S001.label"))
        .with_related(at, Message::new("S001.opened-here"))
        .with_help(
            Message::new("S001.unclosed-bracket.help")
                .arg("close", if bracket == '[' { ']' } else { '}' }),
        ),
        None => generic(),
    }
}

/// S004 when `format` is missing or not [`SUPPORTED_FORMAT`].
pub fn format_diagnostic(
    document: &Document,
    root: &crate::document::NodeRef<'_>,
) -> Option<Diagnostic> {
    let format = root.get("format");
    match format {
        Some(found) if found.as_str() == Some(SUPPORTED_FORMAT) => None,
        Some(found) => Some(
            Diagnostic::new(
                &UNSUPPORTED_FORMAT,
                "/format",
                document.span_for("/format"),
                Message::new("S004.unsupported")
                    .arg("found", crate::messages::show_value(&found.to_value()))
                    .arg("expected", SUPPORTED_FORMAT),
            )
            .with_help(Message::new("S004.help").arg("expected", SUPPORTED_FORMAT)),
        ),
        None => Some(
            Diagnostic::new(
                &UNSUPPORTED_FORMAT,
                "",
                document.first_content_line(),
                Message::new("S004.missing"),
            )
            .with_help(Message::new("S004.help").arg("expected", SUPPORTED_FORMAT)),
        ),
    }
}

declare_rule! {
    /// ## What it checks
    /// An inline `# odplint: allow CODE` comment suppresses nothing: no finding of the rules it
    /// names stands on its line or the line below, or it names no rule at all.
    ///
    /// ## Why it matters
    /// An allow that outlived its finding hides the next real defect on that line, and a
    /// misspelt code never worked in the first place.
    ///
    /// ## Example that fails
    /// ```yaml
    /// published: 12/2023  # odplint: allow D001
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// published: 12/2023
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the comment names rules: the fix removes the codes that suppress nothing, or the
    /// whole comment when none is used or the list is empty. A comment only tells odplint what to
    /// skip, so removing an unused code changes nothing in the plan. Text in the list that names no
    /// rule (a misspelt code, a note) gets no fix: it may be words the author wants to keep.
    pub static UNUSED_ALLOW = {
        code: "S005",
        name: "unused-allow",
        severity: Info,
        fix: Sometimes(Safe),
    };
}
