//! A005-A006: which plans the audit holds. Two files claiming the same organisation, period and
//! language make the audit ambiguous (only the first is followed); an organisation without a plan
//! for a period the others have is the first thing the central office chases.

use super::{Entry, period_text};
use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::rule::declare_rule;

declare_rule! {
    /// ## What it checks
    /// Two or more files give the same organisation (its `organisation_id`, else its name),
    /// period and language. The audit follows the first file found (in path order) and leaves the
    /// others out; each of the others is reported, naming the first, and the help says whether
    /// the two files are identical.
    ///
    /// ## Why it matters
    /// Only one plan per organisation, period and language is published. A second file (a copy
    /// kept under another name, a draft beside the final text, a plan whose `period` was not
    /// moved on) means the audit may judge the wrong one, and its promises are not followed.
    ///
    /// ## Example that fails
    /// ```yaml
    /// # hkpf/2025-2027.zh-Hant.yaml
    /// period: 2025-2027
    /// ```
    ///
    /// ```yaml
    /// # hkpf/2025-2027.zh-Hant.copy.yaml
    /// period: 2025-2027
    /// ```
    ///
    /// ## Example that passes
    /// The second file is the English version:
    ///
    /// ```yaml
    /// # hkpf/2025-2027.en.yaml
    /// period: 2025-2027
    /// language: en
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only the organisation knows which file is its plan; remove the other, or
    /// correct its `period`, `language` or `organisation_id`.
    pub static DUPLICATE_PLAN = {
        code: "A005",
        name: "duplicate-plan",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// An organisation has no plan for a period that other organisations' plans in the audit
    /// cover, after its own first plan: most often the newest period, when its new plan has not
    /// come in yet. The finding is on its last plan before the missing period.
    ///
    /// ## Why it matters
    /// Every organisation publishes a plan each year. Before publication the central office asks
    /// which organisations have no plan for the new period; and without the next plan, the
    /// promises of the last one cannot be followed (A001-A003 stay silent for them).
    ///
    /// ## Example that fails
    /// The police have a plan for 2024-2026 only:
    ///
    /// ```yaml
    /// # hkpf/2024-2026.zh-Hant.yaml
    /// period: 2024-2026
    /// ```
    ///
    /// while another organisation already has one for 2025-2027:
    ///
    /// ```yaml
    /// # td/2025-2027.zh-Hant.yaml
    /// organisation: 運輸署
    /// period: 2025-2027
    /// ```
    ///
    /// ## Example that passes
    /// The police plan for 2025-2027 is there too:
    ///
    /// ```yaml
    /// # hkpf/2025-2027.zh-Hant.yaml
    /// period: 2025-2027
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the plan has to be written (`odplint next` starts it from the last one).
    pub static PLAN_MISSING = {
        code: "A006",
        name: "plan-missing",
        severity: Warning,
        fix: Never,
    };
}

/// A005: `copy` has the organisation, period and language of `first`, which the audit follows.
pub(super) fn duplicate(first: &Entry<'_>, copy: &Entry<'_>) -> (usize, Diagnostic) {
    let span = copy.document.span_for("/period");
    let first_name = &first.document.name;
    let help = if first.document.text == copy.document.text {
        Message::new("A005.help-identical").arg("first", first_name)
    } else {
        Message::new("A005.help")
    };
    let diagnostic = Diagnostic::new(
        &DUPLICATE_PLAN,
        "/period",
        span,
        Message::new("A005.message")
            .arg("organisation", copy.plan.organisation.trim())
            .arg("period", period_text(copy.first_year))
            .arg_message("language", language_name(copy))
            .arg("first", first_name),
    )
    .with_label(Message::new("A005.label").arg("first", first_name))
    .with_help(help);
    (copy.file, diagnostic)
}

/// A006: the organisation whose last plan before `missing_year` is `last` has none for it.
pub(super) fn missing(last: &Entry<'_>, missing_year: u32) -> (usize, Diagnostic) {
    let span = last.document.span_for("/period");
    let period = period_text(missing_year);
    let diagnostic = Diagnostic::new(
        &PLAN_MISSING,
        "/period",
        span,
        Message::new("A006.message")
            .arg("organisation", last.plan.organisation.trim())
            .arg("period", &period),
    )
    .with_label(Message::new("A006.label").arg("period", &period))
    .with_help(Message::new("A006.help").arg("period", &period));
    (last.file, diagnostic)
}

fn language_name(entry: &Entry<'_>) -> Message {
    Message::new(match entry.plan.language {
        crate::model::Language::ZhHant => "audit.language.zh-Hant",
        crate::model::Language::ZhHans => "audit.language.zh-Hans",
        crate::model::Language::En => "audit.language.en",
    })
}
