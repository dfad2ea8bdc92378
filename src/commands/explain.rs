//! `odplint explain CODE|NAME`: a rule's documentation, as declared on the rule.

use crate::Outcome;
use crate::messages::{Lang, Message};
use crate::registry;
use crate::rule::rule_documentation;

pub fn run(code_or_name: &str, lang: Lang) -> Outcome {
    let Some(rule) = registry::find(code_or_name) else {
        let known = registry::every_rule()
            .map(|r| r.code)
            .collect::<Vec<_>>()
            .join(", ");
        super::report_error(
            &crate::ToolError::of(
                Message::new("error.unknown-rule")
                    .arg("rule", code_or_name)
                    .arg("known", known),
            ),
            lang,
        );
        return Outcome::ToolError;
    };
    let result = super::with_stdout(|out| {
        writeln!(out, "# {} {}", rule.code, rule.name)?;
        writeln!(out)?;
        let header = Message::new("explain.header")
            .arg(
                "severity",
                Message::new(rule.severity.message_id()).render(lang),
            )
            .arg("fix", Message::new(rule.fix.message_id()).render(lang));
        writeln!(out, "{}", header.render(lang))?;
        writeln!(out)?;
        write!(out, "{}", rule_documentation(rule, lang))
    });
    super::finish(result, Outcome::Clean, lang)
}
