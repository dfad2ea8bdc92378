//! The registry: every rule odplint has, the plan rules ([`crate::rules::ALL`]), the findings of
//! `import` about its input and the audit rules, found by code or name. It sits above the modules
//! that declare the rules; nothing those modules build on imports it (`tests/layers.rs`).

use crate::rule::RuleMeta;
use crate::rules::ALL;

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
/// from [`rules::ALL`](crate::rules::ALL) because their examples are pairs of plans, not single ones.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn misspelt_rules_have_a_nearest_rule() {
        assert_eq!(closest("date-formt"), Some("date-format"));
        assert_eq!(closest("D01"), Some("D001"));
        assert_eq!(closest("t0005"), Some("T005"));
        assert_eq!(closest("colour"), None);
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
}
