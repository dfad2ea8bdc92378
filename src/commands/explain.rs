//! `odplint explain CODE|NAME`: a rule's documentation, as declared on the rule.

use crate::{Outcome, rules};

pub fn run(code_or_name: &str) -> Outcome {
    let Some(rule) = rules::find(code_or_name) else {
        let known = rules::every_rule()
            .map(|r| r.code)
            .collect::<Vec<_>>()
            .join(", ");
        super::report_error(&format_args!(
            "no rule is called `{code_or_name}`; the rules are {known} (see `odplint rules`)"
        ));
        return Outcome::ToolError;
    };
    let result = super::with_stdout(|out| {
        writeln!(out, "# {} {}", rule.code, rule.name)?;
        writeln!(out)?;
        writeln!(
            out,
            "Default severity: {}. Fix: {}.",
            rule.severity,
            rule.fix.as_str()
        )?;
        writeln!(out)?;
        write!(out, "{}", rule.documentation())
    });
    super::finish(result, Outcome::Clean)
}
