//! F001-F003: every update frequency is one the vocabulary of the plan's language knows, spelt
//! the canonical way.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::TextCell;
use crate::rule::declare_rule;
use crate::rules::context::{Context, Memo};
use crate::vocab::frequency::{Classification, canonical_terms, classify};

declare_rule! {
    /// ## What it checks
    /// An update frequency is not in the vocabulary of the plan's language (or the frequencies
    /// `odplint.toml` adds). The vocabulary is a small grammar: the canonical terms (每日, 每星期,
    /// 每月, 每季, 每半年, 每年, 有需要時, 當有更新數據時, 即時, ...; Daily, Weekly, Monthly,
    /// Quarterly, Half-yearly, Annually, As and when necessary, Real-time, ...), intervals
    /// (每三個月, Every 15 minutes), times of day, weekdays, and compounds joined by and/or
    /// (每年及有需要時, "Monthly and as and when necessary"). The help names the closest term.
    ///
    /// ## Why it matters
    /// Users of the data plan their work around the update frequency; a frequency nobody can read
    /// is no promise, and the audit cannot compare it across years and languages.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每曰
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每日
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the closest term is a suggestion.
    pub static UNKNOWN_FREQUENCY = {
        code: "F001",
        name: "unknown-frequency",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// An update frequency is a known variant spelling of a canonical term: `Yearly`, `Annual`,
    /// `Once a year` or `Every 1 year` for `Annually`, `As necessary` for `As and when
    /// necessary`, 每年一次 for 每年, 每3個月 for 每三個月, `Quarterly/ Annual` for `Quarterly or
    /// annually`.
    ///
    /// ## Why it matters
    /// One meaning, one spelling: the portal, the audit and readers compare frequencies as text.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年一次
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the meaning is certain: the fix writes the canonical spelling of the same meaning
    /// (`Yearly` → `Annually`, 每年一次 → 每年). Words whose meaning is not certain get no fix, only a
    /// suggestion: `Biannually` (twice a year, or every two years), `Bi-weekly` (twice a week, or
    /// every two weeks), and `Irregular`, `Ad hoc`, `From time to time` and 不定期 (at no set time,
    /// which is not the same as as and when necessary).
    pub static NON_CANONICAL_FREQUENCY = {
        code: "F002",
        name: "non-canonical-frequency",
        severity: Warning,
        fix: Sometimes(Safe),
    };
}

declare_rule! {
    /// ## What it checks
    /// An update frequency is valid in another language than the plan's: `Monthly` in a
    /// Traditional Chinese plan, 每年 in an English one, the Simplified 有需要时 in a Traditional
    /// one.
    ///
    /// ## Why it matters
    /// The language versions of a plan are published separately; a frequency copied from the
    /// other version reads as a slip and breaks the comparison between versions.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: Monthly
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the meaning is certain: the fix writes the same frequency in the plan's language
    /// (the vocabulary maps every term to its equivalents, so 每月 and `Monthly` mean the same). A
    /// word of uncertain meaning (see F002: `Ad hoc`, 不定期) gets no fix.
    pub static FREQUENCY_WRONG_LANGUAGE = {
        code: "F003",
        name: "frequency-wrong-language",
        severity: Warning,
        fix: Sometimes(Safe),
    };
}

/// A frequency cell classified, the configuration's extra spellings looked up in its hash set
/// first (odplint.toml may list a million; the list is never scanned per cell).
pub(super) fn classify_cell(context: &Context<'_>, value: &str) -> Classification {
    let language = context.plan.language;
    if context.extras.accepts_frequency(language, value) {
        return Classification::Canonical;
    }
    classify(value, language, &[])
}

/// The frequency check of one cell at a time, with the answers worked out so far: a plan repeats
/// its frequencies row after row.
#[derive(Default)]
pub(super) struct FrequencyCells<'a> {
    classifications: Memo<'a, Classification>,
}

impl<'a> FrequencyCells<'a> {
    /// Checks a frequency cell.
    pub(super) fn check(
        &mut self,
        context: &Context<'_>,
        cell: &TextCell<'a>,
        out: &mut Vec<Diagnostic>,
    ) {
        // A placeholder row's cells belong to the placeholder rules.
        if cell.row.is_some_and(|row| row.placeholder) || cell.value.trim().is_empty() {
            return;
        }
        let language = context.plan.language;
        let value = cell.value;
        let classification = self
            .classifications
            .get(value, |value| classify_cell(context, value));
        if matches!(
            classification,
            Classification::Canonical | Classification::Recognised
        ) {
            return;
        }
        let pointer = cell.pointer();
        let pointer = pointer.as_str();
        let diagnostic = match classification {
            Classification::Canonical | Classification::Recognised => return,
            Classification::Unknown { closest } => {
                let help = match closest {
                    Some(term) => Message::new("F001.help-closest").arg("closest", term),
                    None => {
                        Message::new("F001.help").arg("terms", canonical_terms(language).join(", "))
                    }
                };
                context
                    .diagnostic(
                        &UNKNOWN_FREQUENCY,
                        pointer,
                        Message::new("F001.message")
                            .arg("value", value)
                            .arg_message("language", language.name()),
                    )
                    .with_label(Message::new("F001.label"))
                    .with_help(help)
            }
            Classification::Variant { canonical, certain } => {
                let diagnostic = context
                    .diagnostic(
                        &NON_CANONICAL_FREQUENCY,
                        pointer,
                        Message::new(if certain {
                            "F002.message"
                        } else {
                            "F002.uncertain"
                        })
                        .arg("value", value)
                        .arg("canonical", &canonical),
                    )
                    .with_label(Message::new("F002.label"));
                if certain {
                    diagnostic.with_fix(context.replace_cell(
                        pointer,
                        value,
                        &canonical,
                        Applicability::Safe,
                        Message::new("F002.fix").arg("canonical", &canonical),
                    ))
                } else {
                    diagnostic
                        .with_help(Message::new("F002.help-uncertain").arg("canonical", &canonical))
                }
            }
            Classification::OtherLanguage {
                language: other,
                translation,
                certain,
            } => {
                let diagnostic = context
                    .diagnostic(
                        &FREQUENCY_WRONG_LANGUAGE,
                        pointer,
                        Message::new("F003.message")
                            .arg("value", value)
                            .arg_message("other", other.name())
                            .arg_message("language", language.name()),
                    )
                    .with_label(Message::new("F003.label").arg_message("other", other.name()));
                if certain {
                    diagnostic.with_fix(context.replace_cell(
                        pointer,
                        value,
                        &translation,
                        Applicability::Safe,
                        Message::new("F003.fix").arg("translation", &translation),
                    ))
                } else {
                    diagnostic.with_help(
                        Message::new("F003.help-uncertain").arg("translation", &translation),
                    )
                }
            }
        };
        out.push(diagnostic);
    }
}
