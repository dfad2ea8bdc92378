//! What a rule is, before any rule exists: its code, name, default severity, how it can fix
//! (two axes, as ruff has them: whether, and how safely) and its documentation, declared once with
//! [`declare_rule!`]. A leaf: it knows no rule and no list of rules; the registry
//! (`crate::registry`) lists them, above the modules that declare them.

mod docs;

use std::fmt;

use serde::Serialize;

pub use docs::{DOC_HEADINGS, doc_headings, rule_documentation};

/// How serious a finding is. Ordered so that `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// The catalogue id of the severity's name, for translated headers.
    pub fn message_id(self) -> &'static str {
        match self {
            Severity::Info => "severity.info",
            Severity::Warning => "severity.warning",
            Severity::Error => "severity.error",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "info" => Some(Severity::Info),
            "warning" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a fix may be applied without a person looking at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// Keeps the meaning of the plan; `fix` applies it.
    Safe,
    /// May change meaning (renumbering, removing a row); only with `--unsafe-fixes`.
    Unsafe,
    /// Shown as a suggestion, never applied: a person has to make the change.
    #[serde(rename = "display-only")]
    DisplayOnly,
}

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

/// Declares a rule's metadata with its documentation taken from the doc comments above it.
/// `fix:` is `Never`, `Sometimes(Safe)`, `Always(Unsafe)` and so on: whether the findings carry
/// a fix, then how safe it is.
macro_rules! declare_rule {
    (@fix $code:literal, Never $(,)?) => {
        $crate::rule::RuleFix::Never
    };
    (@fix $code:literal, $availability:ident($applicability:ident) $(,)?) => {
        $crate::rule::RuleFix::$availability($crate::rule::Applicability::$applicability)
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
        $vis static $ident: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
            code: $code,
            name: $name,
            severity: $crate::rule::Severity::$severity,
            fix: $crate::rule::declare_rule!(@fix $code, $($fix)+),
            docs: concat!($($doc, "\n"),*),
        };
    };
}
pub(crate) use declare_rule;

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
}
