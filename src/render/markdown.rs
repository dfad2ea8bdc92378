//! Markdown for review in a pull request: headings, notes and one table per template table.
//! Markdown has no merged cells, so a part's shared cells are left empty below the first, as the
//! published PDF's text shows them. Every value is escaped (pipes, markup, HTML, line breaks).

use super::Page;
use crate::audit::report::markdown::escape;

pub fn render(page: &Page) -> String {
    let mut out = String::new();
    out.push_str(&format!("**{}**\n\n", escape(&page.organisation)));
    out.push_str(&format!("# {}\n", escape(&page.title)));
    for section in &page.sections {
        out.push_str(&format!("\n## {}\n", escape(&section.heading)));
        for table in &section.tables {
            out.push_str(&format!("\n### {}\n\n", escape(&table.heading)));
            if let Some(note) = &table.note {
                out.push_str(&format!("{}\n\n", escape(note)));
            }
            let header: Vec<String> = table.header.iter().map(|h| escape(h)).collect();
            out.push_str(&format!("| {} |\n", header.join(" | ")));
            out.push_str(&format!("|{}\n", "---|".repeat(header.len())));
            for row in &table.rows {
                let cells: Vec<String> = row.iter().map(|cell| escape(&cell.text)).collect();
                out.push_str(&format!("| {} |\n", cells.join(" | ")));
            }
        }
    }
    out.push_str(&format!(
        "\n{}  \n{}\n",
        escape(&page.organisation),
        escape(&page.date_line)
    ));
    out
}
