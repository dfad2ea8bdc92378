//! One self-contained HTML page (inline CSS, no scripts, no outside resources) in the published
//! layout, printable to PDF: A4 pages, header rows repeated on every page (`thead`), rows kept
//! whole across page breaks, parts' shared cells merged with `rowspan`. Every value is escaped.

use super::Page;
use crate::audit::report::html::escape;
use crate::model::Language;

const STYLE: &str = "@page { size: A4; margin: 18mm 15mm; }
body { font-family: FONTS; font-size: 10.5pt; color: #000; margin: 0 auto; max-width: 190mm; }
.organisation, .title { text-align: center; font-weight: bold; margin: 0.4em 0; }
.title { font-size: 13pt; margin-bottom: 1.2em; }
h2 { font-size: 11.5pt; margin: 1.4em 0 0.4em; }
h3 { font-size: 10.5pt; font-weight: normal; margin: 0.8em 0 0.3em 1.2em; }
.note { margin: 0.2em 0 0.4em 1.2em; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; margin-bottom: 0.6em; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; overflow-wrap: anywhere; white-space: pre-wrap; }
th { background: #d9d9d9; font-weight: bold; text-align: center; }
col.item { width: 7%; } col.category { width: 13%; } col.name { width: 18%; }
col.description { width: 34%; } col.date { width: 13%; } col.frequency { width: 15%; }
.closing { text-align: right; margin-top: 2em; }
.closing p { margin: 0.2em 0; }
";

fn fonts(language: Language) -> &'static str {
    match language {
        Language::ZhHant => {
            "\"Noto Sans CJK TC\", \"Noto Sans TC\", \"Microsoft JhengHei\", \"PMingLiU\", sans-serif"
        }
        Language::ZhHans => {
            "\"Noto Sans CJK SC\", \"Noto Sans SC\", \"Microsoft YaHei\", \"SimSun\", sans-serif"
        }
        Language::En => "Arial, \"Liberation Sans\", \"Noto Sans\", sans-serif",
    }
}

const COLUMNS: [&str; 7] = [
    "item",
    "category",
    "name",
    "description",
    "date",
    "frequency",
    "organisation",
];

pub fn render(page: &Page) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n");
    out.push_str(&format!(
        "<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        page.language.code()
    ));
    out.push_str(&format!("<title>{}</title>\n", escape(&page.title)));
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<style>\n{}</style>\n</head>\n<body>\n",
        STYLE.replace("FONTS", fonts(page.language))
    ));
    out.push_str(&format!(
        "<p class=\"organisation\">{}</p>\n<p class=\"title\">{}</p>\n",
        escape(&page.organisation),
        escape(&page.title)
    ));
    for section in &page.sections {
        out.push_str(&format!("<h2>{}</h2>\n", escape(&section.heading)));
        for table in &section.tables {
            out.push_str(&format!("<h3>{}</h3>\n", escape(&table.heading)));
            if let Some(note) = &table.note {
                out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(note)));
            }
            out.push_str("<table>\n<colgroup>");
            for column in COLUMNS.iter().take(table.header.len()) {
                out.push_str(&format!("<col class=\"{column}\">"));
            }
            out.push_str("</colgroup>\n<thead><tr>");
            for header in &table.header {
                out.push_str(&format!("<th scope=\"col\">{}</th>", escape(header)));
            }
            out.push_str("</tr></thead>\n<tbody>\n");
            for row in &table.rows {
                out.push_str("<tr>");
                for cell in row.iter().filter(|cell| !cell.covered) {
                    if cell.rows > 1 {
                        out.push_str(&format!(
                            "<td rowspan=\"{}\">{}</td>",
                            cell.rows,
                            escape(&cell.text)
                        ));
                    } else {
                        out.push_str(&format!("<td>{}</td>", escape(&cell.text)));
                    }
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
    out.push_str(&format!(
        "<div class=\"closing\"><p>{}</p><p>{}</p></div>\n</body>\n</html>\n",
        escape(&page.organisation),
        escape(&page.date_line)
    ));
    out
}
