//! Where findings meet the user's wishes, in one place and after every rule has run: inline
//! `# odplint: allow` comments, rule levels from `odplint.toml`, and `--select` / `--ignore`.

use crate::config::{Config, Level};
use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::registry;
use crate::rule::RuleMeta;
use crate::rules::syntax::UNUSED_ALLOW;

/// A rule selector from the command line: a code (`D001`), a name (`date-format`) or a prefix
/// of codes (`D`, `T00`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selector(String);

impl Selector {
    /// Parses a selector; an unknown one is an error naming the rules.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let selector = Selector(text.to_string());
        if !text.is_empty() && registry::every_rule().any(|rule| selector.matches(rule)) {
            Ok(selector)
        } else {
            Err(format!(
                "`{text}` selects no rule{}; give a code (D001), a name (date-format) or a code prefix (D)",
                registry::closest(text)
                    .map_or_else(String::new, |c| format!(" (did you mean `{c}`?)"))
            ))
        }
    }

    pub fn matches(&self, rule: &RuleMeta) -> bool {
        rule.name == self.0
            || rule
                .code
                .get(..self.0.len())
                .is_some_and(|prefix| prefix.eq_ignore_ascii_case(&self.0))
    }
}

/// The settings a file is checked under.
#[derive(Debug, Clone, Copy)]
pub struct Policy<'a> {
    pub config: &'a Config,
    /// When given, only these rules run (whatever the configuration turns off).
    pub select: Option<&'a [Selector]>,
    pub ignore: &'a [Selector],
}

impl<'a> Policy<'a> {
    /// The configuration's own policy, with nothing selected or skipped on a command line: the
    /// editor's, `next`'s and the one `check` uses when no rule flag is given.
    pub fn of_config(config: &'a Config) -> Self {
        Policy {
            config,
            select: None,
            ignore: &[],
        }
    }

    /// The level a rule ends up at.
    pub fn level(&self, rule: &'static RuleMeta) -> Level {
        if self.ignore.iter().any(|s| s.matches(rule)) {
            return Level::Off;
        }
        match self.select {
            Some(selected) if !selected.iter().any(|s| s.matches(rule)) => Level::Off,
            Some(_) => match self.config.level(rule) {
                Level::Off => Level::On(rule.severity),
                on => on,
            },
            None => self.config.level(rule),
        }
    }

    /// Applies levels and inline allows; adds S005 for allows that suppress nothing. An allow of
    /// Every finding of a document under this policy: the configuration's levels and
    /// vocabulary, the command line's selection and the document's inline allows.
    pub fn check(&self, document: &Document) -> Vec<Diagnostic> {
        let diagnostics = crate::lint::check_document_with(document, &self.config.extras);
        self.apply(document, diagnostics)
    }

    /// an audit rule is left alone: `check` cannot know whether it suppresses something.
    pub fn apply(&self, document: &Document, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        self.apply_judging(document, diagnostics, false)
    }

    /// As [`Policy::apply`], for `audit`, whose findings include the audit rules': an allow of an
    /// audit rule that suppresses nothing is reported too.
    pub fn apply_audit(
        &self,
        document: &Document,
        diagnostics: Vec<Diagnostic>,
    ) -> Vec<Diagnostic> {
        self.apply_judging(document, diagnostics, true)
    }

    fn apply_judging(
        &self,
        document: &Document,
        diagnostics: Vec<Diagnostic>,
        judge_audit_allows: bool,
    ) -> Vec<Diagnostic> {
        let mut kept: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
        for mut diagnostic in diagnostics {
            match self.level(diagnostic.rule) {
                Level::Off => {}
                Level::On(severity) => {
                    diagnostic.severity = severity;
                    kept.push(diagnostic);
                }
            }
        }
        let mut allows = find_allows(document);
        if allows.is_empty() {
            return kept;
        }
        kept.retain(|diagnostic| {
            let line = document.lines().line_of(diagnostic.span.start);
            let mut allowed = false;
            for allow in allows
                .iter_mut()
                .filter(|a| a.line == line || a.line + 1 == line)
            {
                for entry in &mut allow.entries {
                    if entry.rule == Some(diagnostic.rule) {
                        entry.used = true;
                        allowed = true;
                    }
                }
            }
            !allowed
        });
        if let Level::On(severity) = self.level(&UNUSED_ALLOW) {
            for allow in &allows {
                if let Some(mut diagnostic) =
                    unused_allow(document, allow, self, judge_audit_allows)
                {
                    diagnostic.severity = severity;
                    kept.push(diagnostic);
                }
            }
        }
        crate::diagnostic::sort(&mut kept);
        kept
    }
}

/// One `# odplint: allow ...` comment.
#[derive(Debug, Clone)]
struct Allow {
    line: usize,
    /// From the white space before `#` to the end of the line.
    comment: Span,
    /// The list after `allow`.
    list: Span,
    /// Whether the comment is alone on its line.
    whole_line: bool,
    entries: Vec<AllowEntry>,
}

#[derive(Debug, Clone)]
struct AllowEntry {
    text: String,
    rule: Option<&'static RuleMeta>,
    used: bool,
}

/// The allow comments of a YAML document. A `#` inside a scalar (a quoted value) is text, not
/// a comment, so positions inside scalars are skipped.
fn find_allows(document: &Document) -> Vec<Allow> {
    if !document.may_have_directives() {
        return Vec::new();
    }
    let mut scalars = Vec::new();
    if let Some(root) = document.root() {
        crate::document::collect_scalar_spans(&root, &mut scalars);
    }
    scalars.extend(document.hidden_scalars.iter().cloned());
    scalars.sort_by_key(|span| span.start);
    let inside_scalar = |offset: usize| {
        let index = scalars.partition_point(|span| span.start <= offset);
        index > 0 && scalars[index - 1].end > offset
    };
    let text = &document.text;
    let mut allows = Vec::new();
    for line in 0..document.lines().line_count() {
        let range = document.lines().line_range(text, line);
        let content = &text[range.clone()];
        let Some(at) = content
            .find("# odplint:")
            .or_else(|| content.find("#odplint:"))
        else {
            continue;
        };
        let hash = range.start + at;
        let preceded_by_space = at == 0 || content[..at].ends_with([' ', '\t']);
        if !preceded_by_space || inside_scalar(hash) {
            continue;
        }
        let after = content[at + 1..].trim_start();
        let Some(rest) = after.strip_prefix("odplint:") else {
            continue;
        };
        let Some(list) = rest.trim_start().strip_prefix("allow") else {
            continue;
        };
        // Another comment may follow on the line (`# odplint: confirm` after an allow).
        let list = list.find(" #").map_or(list, |cut| list[..cut].trim_end());
        let list_start = range.start + (list.as_ptr() as usize - content.as_ptr() as usize);
        let entries = list
            .split([',', ' ', '\t'])
            .filter(|t| !t.is_empty())
            .map(|token| AllowEntry {
                text: token.to_string(),
                rule: registry::find(token),
                used: false,
            })
            .collect();
        let before = &content[..at];
        let comment_start = range.start + before.trim_end().len();
        allows.push(Allow {
            line,
            comment: comment_start..list_start + list.len(),
            list: list_start..list_start + list.len(),
            whole_line: before.trim().is_empty(),
            entries,
        });
    }
    allows
}

/// S005 for an allow with unused entries; entries for rules that are switched off are not
/// "unused", they are waiting for the rule to be switched back on.
fn unused_allow(
    document: &Document,
    allow: &Allow,
    policy: &Policy<'_>,
    judge_audit_allows: bool,
) -> Option<Diagnostic> {
    let unused: Vec<&AllowEntry> = allow
        .entries
        .iter()
        .filter(|e| {
            !e.used
                && e.rule.is_none_or(|rule| {
                    policy.level(rule) != Level::Off
                        && (judge_audit_allows || !registry::is_audit(rule))
                })
        })
        .collect();
    if unused.is_empty() && !allow.entries.is_empty() {
        return None;
    }
    let names = if unused.is_empty() {
        String::new()
    } else {
        unused
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let kept: Vec<&str> = allow
        .entries
        .iter()
        .filter(|e| !unused.iter().any(|u| std::ptr::eq(*u, *e)))
        .map(|e| e.text.as_str())
        .collect();
    let edit = if kept.is_empty() {
        let span = if allow.whole_line {
            let start = document.lines().line_start(allow.line);
            let end = if allow.line + 1 < document.lines().line_count() {
                document.lines().line_start(allow.line + 1)
            } else {
                document.text.len()
            };
            start..end
        } else {
            allow.comment.clone()
        };
        Edit {
            span,
            replacement: String::new(),
        }
    } else {
        Edit {
            span: allow.list.clone(),
            replacement: format!(" {}", kept.join(", ")),
        }
    };
    let unknown = unused.iter().any(|e| e.rule.is_none());
    let message = if allow.entries.is_empty() {
        Message::new("S005.empty")
    } else if unknown {
        Message::new("S005.unknown").arg("names", &names)
    } else {
        Message::new("S005.message").arg("names", &names)
    };
    let hash = allow.comment.start + document.text[allow.comment.clone()].find('#').unwrap_or(0);
    // Text that names no rule may be a note the author wants to keep: only removing codes of
    // real rules is certain to lose nothing.
    let fix = (!unknown).then(|| Fix {
        applicability: Applicability::Safe,
        message: if kept.is_empty() {
            Message::new("S005.fix-remove")
        } else {
            Message::new("S005.fix-trim").arg("names", &names)
        },
        edits: vec![edit],
        // A comment: the plan's value stays as it is.
        effects: Vec::new(),
    });
    Some(
        Diagnostic::new(&UNUSED_ALLOW, "", hash..allow.comment.end, message)
            .with_label(Message::new("S005.label"))
            .with_fix(fix),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with(line: &str) -> String {
        let base = include_str!("../tests/fixtures/base.yaml");
        base.replace("published: 12/2023\n", line)
    }

    fn run(text: &str, config: &Config) -> Vec<(&'static str, usize)> {
        let document = Document::parse("p.yaml", text);
        let diagnostics = crate::lint::check_document(&document);
        let policy = Policy {
            config,
            select: None,
            ignore: &[],
        };
        policy
            .apply(&document, diagnostics)
            .iter()
            .map(|d| (d.rule.code, document.position(d.span.start).line))
            .collect()
    }

    #[test]
    fn an_allow_on_the_line_or_above_suppresses_and_an_unused_one_is_reported() {
        let config = Config::default();
        assert_eq!(
            run(
                &plan_with("published: 2/2023  # odplint: allow D001\n"),
                &config
            ),
            vec![]
        );
        assert_eq!(
            run(
                &plan_with("# odplint: allow date-format\npublished: 2/2023\n"),
                &config
            ),
            vec![]
        );
        assert_eq!(
            run(
                &plan_with("published: 12/2023  # odplint: allow D001\n"),
                &config
            ),
            vec![("S005", 7)]
        );
        assert_eq!(
            run(
                &plan_with("published: 2/2023  # odplint: allow D001, D01\n"),
                &config
            ),
            vec![("S005", 7)]
        );
        // A quoted value that looks like an allow is text.
        assert_eq!(
            run(
                &plan_with("published: 12/2023\norganisation_id: \"x # odplint: allow D001\"\n"),
                &config
            ),
            vec![("S003", 8)]
        );
    }

    #[test]
    fn check_leaves_allows_of_audit_rules_alone() {
        assert_eq!(
            run(
                &plan_with("published: 12/2023  # odplint: allow A001\n"),
                &Config::default()
            ),
            vec![]
        );
    }

    #[test]
    fn allows_of_rules_switched_off_are_not_unused() {
        let mut config = Config::default();
        config.levels.insert("D001", Level::Off);
        assert_eq!(
            run(
                &plan_with("published: 2/2023  # odplint: allow D001\n"),
                &config
            ),
            vec![]
        );
    }

    #[test]
    fn the_unused_allow_fix_removes_only_the_comment() {
        let text = plan_with("published: 12/2023  # odplint: allow D001\n");
        let document = Document::parse("p.yaml", &text);
        let policy = Policy {
            config: &Config::default(),
            select: None,
            ignore: &[],
        };
        let diagnostics = policy.apply(&document, crate::lint::check_document(&document));
        let edits: Vec<_> = diagnostics[0].fix.as_ref().unwrap().edits.iter().collect();
        let (fixed, _) = crate::fix::apply_edits(&document.text, &edits);
        assert_eq!(fixed, plan_with("published: 12/2023\n"));

        let text = plan_with("# odplint: allow D001\npublished: 12/2023\n");
        let document = Document::parse("p.yaml", &text);
        let diagnostics = policy.apply(&document, crate::lint::check_document(&document));
        let edits: Vec<_> = diagnostics[0].fix.as_ref().unwrap().edits.iter().collect();
        assert_eq!(
            crate::fix::apply_edits(&document.text, &edits).0,
            plan_with("published: 12/2023\n")
        );
    }

    #[test]
    fn selectors_take_codes_names_and_prefixes() {
        let date = registry::find("D001").unwrap();
        assert!(Selector::parse("D001").unwrap().matches(date));
        assert!(Selector::parse("d").unwrap().matches(date));
        assert!(Selector::parse("date-format").unwrap().matches(date));
        assert!(!Selector::parse("M").unwrap().matches(date));
        assert!(Selector::parse("X").is_err());
        assert!(Selector::parse("").is_err());
    }
}
