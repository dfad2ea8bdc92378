//! Writes an imported plan as `odp-plan/1` YAML: the `$schema` modeline, keys in the schema's
//! order, block style with two-space indentation, and every value plain unless YAML 1.2 would
//! read the plain form as something else. That is decided by reading the plain form back with
//! odplint's own loader, so it is exact rather than a list of special cases.

use std::collections::HashMap;

use super::{Part, Plan, Row, Table};
use crate::document::{Document, SourceKind};
use crate::model::{SectionKey, TableKind};

/// The modeline's schema path for a plan in `plans/<organisation>/`, and for standard output.
pub const DEFAULT_SCHEMA_PATH: &str = "../../schemas/plan.schema.json";

/// The plan as YAML; `schema_path` is the modeline's path to `plan.schema.json`.
pub fn to_yaml(plan: &Plan, schema_path: &str) -> String {
    to_yaml_with_modeline(plan, Some(schema_path))
}

/// The plan as YAML, with a `$schema` modeline when there is a schema path to give.
pub fn to_yaml_with_modeline(plan: &Plan, schema_path: Option<&str>) -> String {
    let mut writer = Writer::default();
    if let Some(schema_path) = schema_path {
        writer.line(0, &format!("# yaml-language-server: $schema={schema_path}"));
    }
    writer.line(0, "format: odp-plan/1");
    writer.entry(0, "organisation", &plan.organisation);
    writer.entry(0, "language", plan.language.code());
    writer.entry(0, "title", &plan.title);
    writer.entry(0, "period", &plan.period);
    writer.entry(0, "published", &plan.published);
    if plan.sections.iter().all(Option::is_none) {
        writer.line(0, "sections: {}");
    } else {
        writer.line(0, "sections:");
    }
    for (key, section) in SectionKey::ALL.iter().zip(&plan.sections) {
        let Some(section) = section else {
            continue;
        };
        writer.line(2, &format!("{}:", key.as_str()));
        if let Some(title) = &section.title {
            writer.entry(4, "title", title);
        }
        for kind in [TableKind::Spatial, TableKind::NonSpatial] {
            if let Some(table) = section.table(kind) {
                writer.table(kind, table);
            }
        }
    }
    writer.out
}

#[derive(Default)]
struct Writer {
    out: String,
    /// How each value has been written (the same categories and frequencies recur).
    scalars: HashMap<String, String>,
}

impl Writer {
    fn line(&mut self, indent: usize, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `key: value`, with the value quoted only where needed.
    fn entry(&mut self, indent: usize, key: &str, value: &str) {
        let scalar = self.scalar(value);
        self.line(indent, &format!("{key}: {scalar}"));
    }

    fn table(&mut self, kind: TableKind, table: &Table) {
        self.line(4, &format!("{}:", kind.key()));
        if let Some(note) = table.note.as_deref().filter(|note| !note.is_empty()) {
            self.entry(6, "note", note);
        }
        if table.rows.is_empty() {
            self.line(6, "rows: []");
            return;
        }
        self.line(6, "rows:");
        for row in &table.rows {
            self.row(row);
        }
    }

    fn row(&mut self, row: &Row) {
        self.line(8, &format!("- item: {}", row.item));
        // With a date per part, the row's date is its first part's.
        let own_part = Part {
            description: row.description.clone(),
            frequency: row.frequency.clone(),
            release_date: if row.part_dates {
                row.release_date.clone()
            } else {
                String::new()
            },
        };
        let row_date = if row.part_dates && !row.more_parts.is_empty() {
            ""
        } else {
            &row.release_date
        };
        let parts: Vec<&Part> = if row.more_parts.is_empty() {
            Vec::new()
        } else {
            std::iter::once(&own_part).chain(&row.more_parts).collect()
        };
        let cells: [(&str, &str); 6] = if parts.is_empty() {
            [
                ("category", &row.category),
                ("name", &row.name),
                ("description", &row.description),
                ("release_date", &row.release_date),
                ("frequency", &row.frequency),
                ("organisation", &row.organisation),
            ]
        } else {
            [
                ("category", &row.category),
                ("name", &row.name),
                ("description", ""),
                ("release_date", row_date),
                ("frequency", ""),
                ("organisation", &row.organisation),
            ]
        };
        for (key, value) in cells {
            if !value.is_empty() {
                self.entry(10, key, value);
            }
        }
        if parts.is_empty() {
            return;
        }
        self.line(10, "parts:");
        for part in parts {
            let cells = [
                ("description", &part.description),
                ("frequency", &part.frequency),
                ("release_date", &part.release_date),
            ];
            let mut first = true;
            for (key, value) in cells {
                if value.is_empty() {
                    continue;
                }
                let scalar = self.scalar(value);
                let prefix = if first { "- " } else { "  " };
                self.line(12, &format!("{prefix}{key}: {scalar}"));
                first = false;
            }
            if first {
                self.line(12, "- {}");
            }
        }
    }

    /// The value as a YAML scalar: plain when that reads back as the same string, else single
    /// quoted, else (line breaks, control characters) double quoted with escapes.
    fn scalar(&mut self, value: &str) -> String {
        if let Some(written) = self.scalars.get(value) {
            return written.clone();
        }
        let written = scalar(value);
        self.scalars.insert(value.to_string(), written.clone());
        written
    }
}

/// A string as a YAML scalar: plain when that reads back as the same string, else single quoted,
/// else (line breaks, control characters) double quoted with escapes.
pub fn scalar(value: &str) -> String {
    if reads_back(value, value) {
        value.to_string()
    } else {
        let single = format!("'{}'", value.replace('\'', "''"));
        if reads_back(&single, value) {
            single
        } else {
            serde_json::to_string(value).expect("a string serialises")
        }
    }
}

/// Whether `written` as a mapping value reads back as exactly `value`.
fn reads_back(written: &str, value: &str) -> bool {
    if written.is_empty() || written.contains(['\n', '\r']) {
        return false;
    }
    let document = Document::parse_as("", &format!("k: {written}\n"), SourceKind::Yaml);
    document.problems.is_empty()
        && document
            .root()
            .and_then(|root| root.get("k"))
            .is_some_and(|read| read.as_str() == Some(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(value: &str) -> String {
        Writer::default().scalar(value)
    }

    #[test]
    fn values_are_plain_unless_yaml_would_read_them_otherwise() {
        for plain in [
            "2/2015",
            "12/2023",
            "2024-2026",
            "法律及保安",
            "N/A",
            "被裁定洗黑錢罪名成立的總人數; 被限制的財產總值",
            "a:b",
            "x#y",
        ] {
            assert_eq!(scalar(plain), plain);
        }
        for (value, written) in [
            ("true", "'true'"),
            ("null", "'null'"),
            ("~", "'~'"),
            ("1", "'1'"),
            ("1.5", "'1.5'"),
            ("0x1F", "'0x1F'"),
            ("", "''"),
            (" leading", "' leading'"),
            ("trailing ", "'trailing '"),
            ("a: b", "'a: b'"),
            ("a #b", "'a #b'"),
            ("- x", "'- x'"),
            ("[x]", "'[x]'"),
            ("it's", "it's"),
            ("'quoted'", "'''quoted'''"),
            ("@x", "'@x'"),
            ("two\nlines", "\"two\\nlines\""),
        ] {
            assert_eq!(scalar(value), written, "{value:?}");
        }
    }
}
