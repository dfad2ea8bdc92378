//! The run's tool errors (a file that could not be found or read, one over the size limit, an
//! `odplint.toml` that cannot be used) as each audit format carries them: listed before the
//! summary in the terminal report, a section of their own in Markdown and HTML, an `errors`
//! array in JSON (see `json.rs`) and a row whose status is `tool-error` in CSV.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::text;
use crate::ToolError;
use crate::messages::{Lang, Message};

/// The closing summary sentence about tool errors, when there are any.
pub(super) fn summary_line(errors: &[ToolError], lang: Lang) -> Option<String> {
    (!errors.is_empty()).then(|| {
        Message::new("audit.summary.tool-errors")
            .arg("count", errors.len())
            .render(lang)
    })
}

/// A Markdown section listing the errors (nothing when there are none).
pub(super) fn markdown(out: &mut dyn Write, errors: &[ToolError], lang: Lang) -> io::Result<()> {
    if errors.is_empty() {
        return Ok(());
    }
    let escape = super::markdown::escape;
    writeln!(
        out,
        "\n### {}\n",
        escape(&text("audit.heading.tool-errors", lang))
    )?;
    for error in errors {
        writeln!(out, "- {}", escape(&error.render(lang)))?;
    }
    Ok(())
}

/// An HTML section listing the errors (nothing when there are none).
pub(super) fn html(page: &mut String, errors: &[ToolError], lang: Lang) -> std::fmt::Result {
    if errors.is_empty() {
        return Ok(());
    }
    let escape = super::html::escape;
    writeln!(page, "<section id=\"tool-errors\" class=\"tool-errors\">")?;
    writeln!(
        page,
        "<h2>{}</h2>",
        escape(&text("audit.heading.tool-errors", lang))
    )?;
    if let Some(line) = summary_line(errors, lang) {
        writeln!(page, "<p>{}</p>", escape(&line))?;
    }
    writeln!(page, "<ul>")?;
    for error in errors {
        writeln!(
            page,
            "<li data-kind=\"{}\">{}</li>",
            error.kind.as_str(),
            escape(&error.render(lang))
        )?;
    }
    writeln!(page, "</ul>")?;
    writeln!(page, "</section>")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors() -> Vec<ToolError> {
        vec![
            ToolError::new("cannot read `nope.yaml`: No such file <x>")
                .in_file("nope.yaml")
                .with_kind(crate::ErrorKind::NotFound),
        ]
    }

    #[test]
    fn the_sections_list_each_error_escaped_and_nothing_without_errors() {
        let mut markdown_out = Vec::new();
        markdown(&mut markdown_out, &errors(), Lang::En).unwrap();
        let markdown_out = String::from_utf8(markdown_out).unwrap();
        assert!(
            markdown_out.contains("### Errors of odplint"),
            "{markdown_out}"
        );
        assert!(
            markdown_out.contains("- cannot read \\`nope.yaml\\`: No such file &lt;x&gt;"),
            "{markdown_out}"
        );
        let mut page = String::new();
        html(&mut page, &errors(), Lang::En).unwrap();
        assert!(page.contains("<section id=\"tool-errors\""), "{page}");
        assert!(
            page.contains(
                "<li data-kind=\"not-found\">cannot read `nope.yaml`: No such file &lt;x&gt;</li>"
            ),
            "{page}"
        );
        let mut empty = Vec::new();
        markdown(&mut empty, &[], Lang::En).unwrap();
        let mut page = String::new();
        html(&mut page, &[], Lang::En).unwrap();
        assert!(empty.is_empty() && page.is_empty());
        assert_eq!(summary_line(&[], Lang::En), None);
    }
}
