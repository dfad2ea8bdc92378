//! The registry and the documentation on each rule: the failing example of every rule yields
//! exactly its own code and the passing one nothing, once set into the sound base plan.

mod common;

use odplint::diagnostic::Applicability;
use odplint::document::Document;
use odplint::messages::Lang;
use odplint::registry;
use odplint::rule::{self, DOC_HEADINGS};
use odplint::rules::{self, syntax};

/// The codes the example yields: load-stage rules judge the fragment's own text, the others the
/// base plan with the fragment set into it.
fn codes_of_example(example: &str) -> Vec<&'static str> {
    let fragment = Document::parse("example.yaml", example);
    if !fragment.problems.is_empty() {
        return common::codes(&syntax::load_diagnostics(&fragment));
    }
    let base_text = std::fs::read_to_string(common::fixtures().join("base.yaml")).unwrap();
    if example.contains('#') {
        // Comments live only in the text: replace the base's lines of the same top-level keys.
        let mut text = base_text.clone();
        for line in example.lines() {
            let key = line.split(':').next().unwrap();
            let old = base_text
                .lines()
                .find(|l| l.starts_with(&format!("{key}:")))
                .unwrap();
            text = text.replace(&format!("{old}\n"), &format!("{line}\n"));
        }
        return common::codes(&common::check("example.yaml", &text).diagnostics);
    }
    let mut plan = Document::parse("base.yaml", &base_text).value().unwrap();
    common::merge(&mut plan, &fragment.value().unwrap());
    let report = common::check(
        "example.json",
        &serde_json::to_string_pretty(&plan).unwrap(),
    );
    common::codes(&report.diagnostics)
}

#[test]
fn documented_examples_behave_as_documented() {
    for rule in rules::ALL {
        let failing = rule.doc_example(DOC_HEADINGS[2]).unwrap();
        let codes = codes_of_example(&failing);
        common::assert_failing_example(rule.code, &codes);
        let passing = rule.doc_example(DOC_HEADINGS[3]).unwrap();
        let codes = codes_of_example(&passing);
        common::assert_passing_example(rule.code, &codes);
    }
}

/// Codes and names are a public interface: the whole catalogue (plan, import and audit rules) is
/// a snapshot, so any change of a code, name, default severity or fix availability shows up in
/// review; codes and names are unique and each finds its own rule back.
#[test]
fn the_catalogue_keeps_its_codes_names_and_defaults() {
    let mut listing = String::new();
    let mut codes = std::collections::HashSet::new();
    let mut names = std::collections::HashSet::new();
    for rule in registry::every_rule() {
        assert!(
            rule.code.len() == 4
                && rule.code.as_bytes()[0].is_ascii_uppercase()
                && rule.code[1..].bytes().all(|b| b.is_ascii_digit()),
            "{} is not a letter and three digits",
            rule.code
        );
        assert!(
            rule.name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{} is not kebab-case",
            rule.name
        );
        assert!(codes.insert(rule.code), "{} is listed twice", rule.code);
        assert!(names.insert(rule.name), "{} is listed twice", rule.name);
        assert_eq!(registry::find(rule.code).map(|r| r.code), Some(rule.code));
        assert_eq!(registry::find(rule.name).map(|r| r.code), Some(rule.code));
        listing.push_str(&format!(
            "{} {} {:?} {}\n",
            rule.code,
            rule.name,
            rule.severity,
            rule.fix.as_str()
        ));
    }
    insta::assert_snapshot!("catalogue", listing);
}

/// A rule declared with `declare_rule!` but left out of the registry would never run nor be
/// documented: every declaration in the sources must be registered.
#[test]
fn every_declared_rule_is_registered() {
    let mut declared = Vec::new();
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for block in text.split("declare_rule! {").skip(1) {
                    let code = block
                        .split("code: \"")
                        .nth(1)
                        .and_then(|rest| rest.split('"').next())
                        .unwrap_or_else(|| {
                            panic!("{}: a declaration without a code", path.display())
                        });
                    declared.push((code.to_string(), path.display().to_string()));
                }
            }
        }
    }
    assert!(declared.len() >= registry::every_rule().count());
    for (code, file) in declared {
        assert!(
            registry::every_rule().any(|rule| rule.code == code),
            "{code}, declared in {file}, is not in the registry (src/rules/mod.rs)"
        );
    }
}

/// The codes a module's first line lists (`//! T001-T003, T005: ...`), ranges expanded.
fn header_codes(text: &str) -> Option<Vec<String>> {
    let first = text.lines().next()?.strip_prefix("//! ")?;
    let (list, _) = first.split_once(": ")?;
    let mut codes = Vec::new();
    for item in list.split(", ") {
        let (from, to) = item.split_once('-').unwrap_or((item, item));
        let valid = |c: &str| c.len() == 4 && c[1..].bytes().all(|b| b.is_ascii_digit());
        if !valid(from) || !valid(to) || from[..1] != to[..1] {
            return None;
        }
        let (start, end): (u32, u32) = (from[1..].parse().ok()?, to[1..].parse().ok()?);
        codes.extend((start..=end).map(|n| format!("{}{n:03}", &from[..1])));
    }
    Some(codes)
}

/// A module whose first line names the rules it holds names exactly the rules declared in it.
#[test]
fn module_headers_name_the_rules_they_declare() {
    let mut checked = 0;
    let mut stack = vec![std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let Some(mut listed) = header_codes(&text) else {
                continue;
            };
            let mut declared: Vec<String> = text
                .split("declare_rule! {")
                .skip(1)
                .filter_map(|block| block.split("code: \"").nth(1)?.split('"').next())
                .map(str::to_string)
                .collect();
            listed.sort();
            declared.sort();
            assert_eq!(
                listed,
                declared,
                "{}: the first line lists other rules than it declares",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} module headers list rules");
}

/// What each documentation language says first for each way a rule can fix.
fn fix_safety_opening(fix: rule::RuleFix, lang: Lang) -> &'static [&'static str] {
    use Applicability::*;
    use rule::RuleFix::*;
    match (fix, lang) {
        (Never, Lang::En) => &["No automatic fix"],
        (Always(Safe), Lang::En) => &["Safe:"],
        (Always(Unsafe), Lang::En) => &["Unsafe:"],
        (Sometimes(Safe), Lang::En) => &["Safe where"],
        (Sometimes(Unsafe), Lang::En) => &["Unsafe where"],
        (Always(DisplayOnly) | Sometimes(DisplayOnly), Lang::En) => &["Display only:"],
        (Never, Lang::ZhHant) => &["不設自動修正", "不設修正"],
        (Never, Lang::ZhHans) => &["不提供自动修复", "不提供修复"],
        (Always(Safe), _) => &["安全："],
        (Always(Unsafe), _) => &["不安全："],
        (Sometimes(Safe | Unsafe), _) => &["在"],
        (Always(DisplayOnly) | Sometimes(DisplayOnly), Lang::ZhHant) => &["僅供參考："],
        (Always(DisplayOnly) | Sometimes(DisplayOnly), _) => &["仅供参考："],
    }
}

/// Every rule's "Fix safety" says, in every language, what its fixes are; a safe fix gives its
/// reason (a second sentence or clause, not just "Safe").
#[test]
fn fix_safety_docs_agree_with_each_rule_and_give_a_reason() {
    for rule in registry::every_rule() {
        for lang in [Lang::En, Lang::ZhHant, Lang::ZhHans] {
            let docs = odplint::rule::rule_documentation(rule, lang);
            let heading = odplint::rule::doc_headings(lang)[4];
            let section = docs.split(&format!("{heading}\n")).nth(1).unwrap().trim();
            assert!(
                fix_safety_opening(rule.fix, lang)
                    .iter()
                    .any(|opening| section.starts_with(opening)),
                "{} ({lang:?}): {section}",
                rule.code
            );
            if rule.fix.applicability() == Some(Applicability::Safe) {
                assert!(section.chars().count() > 40, "{}: {section}", rule.code);
            }
        }
    }
}

/// `docs/fix-safety.md` as the registry says it should read: every fix with its reason.
fn fix_safety_page() -> String {
    let mut page = String::from(
        "# Fix safety\n\n\
         `odplint fix` applies only safe fixes; `--unsafe-fixes` adds the unsafe ones. A fix is \
         safe only if it keeps the meaning of the plan for certain: the same date, frequency, \
         category or text, spelt the canonical way. Anything that might change what the plan \
         says is unsafe or has no fix. This page is checked against each rule's own \
         documentation (`odplint explain CODE`) by `tests/registry.rs`; \
         `UPDATE_EXPECT=1 cargo test --test registry` rewrites it.\n",
    );
    for (title, wanted) in [
        ("Safe fixes", Applicability::Safe),
        ("Unsafe fixes", Applicability::Unsafe),
        ("Fixes shown, never applied", Applicability::DisplayOnly),
    ] {
        let listed: Vec<_> = registry::every_rule()
            .filter(|rule| rule.fix.applicability() == Some(wanted))
            .collect();
        if listed.is_empty() && wanted == Applicability::DisplayOnly {
            continue;
        }
        page.push_str(&format!("\n## {title}\n"));
        for rule in listed {
            let section = rule.doc_section(DOC_HEADINGS[4]).unwrap();
            let flat = section.split_whitespace().collect::<Vec<_>>().join(" ");
            page.push_str(&format!(
                "\n### {} {} ({})\n\n{flat}\n",
                rule.code,
                rule.name,
                rule.fix.as_str()
            ));
        }
    }
    page
}

#[test]
fn the_fix_safety_page_lists_every_fix_with_its_reason() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/fix-safety.md");
    let expected = fix_safety_page();
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        actual, expected,
        "docs/fix-safety.md is out of date; UPDATE_EXPECT=1 cargo test --test registry rewrites it"
    );
}

/// The rule tables of `docs/rules.md` list exactly the registry's rules, in its order, with their
/// names and default severities, and a fix column that starts with what the rule declares
/// (`none`, `safe`, `unsafe`; a rule that fixes only sometimes says where: `safe where ...`).
/// Adding a rule without its row, or changing a default without the table, fails here.
#[test]
fn the_rule_tables_of_the_documentation_follow_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let rows: Vec<Vec<&str>> = page
        .lines()
        .filter(|line| line.starts_with("| ") && !line.starts_with("| code "))
        .map(|line| line.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let plan_and_audit: Vec<_> = rules::ALL.iter().chain(registry::AUDIT).collect();
    let listed: Vec<&str> = rows.iter().map(|row| row[0]).collect();
    let expected: Vec<&str> = plan_and_audit.iter().map(|rule| rule.code).collect();
    assert_eq!(
        listed, expected,
        "docs/rules.md lists other rules than the registry (plan rules, then audit rules)"
    );
    for (row, rule) in rows.iter().zip(&plan_and_audit) {
        assert_eq!(row[1], rule.name, "docs/rules.md: {}", rule.code);
        assert_eq!(
            row[2],
            rule.severity.as_str(),
            "docs/rules.md: {}",
            rule.code
        );
        if registry::is_audit(rule) {
            continue;
        }
        let opening = match rule.fix {
            rule::RuleFix::Never => "none",
            rule::RuleFix::Always(Applicability::Safe) => "safe",
            rule::RuleFix::Always(Applicability::Unsafe) => "unsafe",
            rule::RuleFix::Sometimes(Applicability::Safe) => "safe where ",
            rule::RuleFix::Sometimes(Applicability::Unsafe) => "unsafe where ",
            rule::RuleFix::Always(Applicability::DisplayOnly)
            | rule::RuleFix::Sometimes(Applicability::DisplayOnly) => "shown",
        };
        let fix = row[3];
        let agrees = if opening.ends_with(' ') {
            fix.starts_with(opening)
        } else {
            fix == opening
        };
        assert!(
            agrees,
            "docs/rules.md: {} says its fix is `{fix}`, the rule `{}`",
            rule.code,
            rule.fix.as_str()
        );
    }
}
