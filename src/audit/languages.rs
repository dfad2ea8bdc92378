//! A004: the zh-Hant and en plans of one organisation and period, compared table by table.

use super::{Analysis, DifferenceField, Entry, LanguageDifference, period_text};
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::messages::Message;
use crate::model::{Language, Row, TableRef, YearMonth};
use crate::rule::declare_rule;
use crate::vocab::{categories, frequency};

declare_rule! {
    /// ## What it checks
    /// The Traditional Chinese (zh-Hant) and English (en) plans of one organisation and period do
    /// not list the same datasets in the same tables with the same dates, update frequencies and
    /// DATA.GOV.HK categories. Frequencies and categories are compared by meaning, so `每月` and
    /// `Monthly` agree, as do `運輸` and `Transportation`. Rows are paired table by table in order;
    /// a row without a counterpart, a row in another table, and each differing cell is one
    /// finding, on the English plan, naming the Chinese one.
    ///
    /// ## Why it matters
    /// The two versions are one plan published twice: readers of either language must be
    /// promised the same datasets by the same dates. A difference is almost always an update made
    /// in one version and forgotten in the other.
    ///
    /// ## Example that fails
    /// ```yaml
    /// # 2025-2027.zh-Hant.yaml
    /// language: zh-Hant
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2025
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// # 2025-2027.en.yaml
    /// language: en
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transportation
    ///           name: Parking space occupancy
    ///           description: Occupancy of parking spaces by car park in CSV format
    ///           release_date: 09/2025
    ///           frequency: Quarterly
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// # 2025-2027.en.yaml
    /// language: en
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transportation
    ///           name: Parking space occupancy
    ///           description: Occupancy of parking spaces by car park in CSV format
    ///           release_date: 06/2025
    ///           frequency: Monthly
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: odplint cannot tell which version is right; correct the one that is out of date.
    pub static LANGUAGE_VERSIONS_DIFFER = {
        code: "A004",
        name: "language-versions-differ",
        severity: Error,
        fix: Never,
    };
}

/// A date cell as compared: the month when readable, else the trimmed text.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DateKey {
    Month(YearMonth),
    Text(String),
}

fn date_key(text: &str) -> DateKey {
    YearMonth::parse_lenient(text)
        .map_or_else(|| DateKey::Text(text.trim().to_string()), DateKey::Month)
}

/// One description/frequency/date unit of a row: the row itself, or each of its parts.
struct Cell<'a> {
    pointer: String,
    frequency: Option<&'a str>,
    release_date: Option<&'a str>,
}

/// A dataset row of one language version, ready to be compared.
struct RowView<'a> {
    row: &'a Row<'a>,
    pointer: String,
    table: String,
    category: Option<&'static str>,
    cells: Vec<Cell<'a>>,
}

impl<'a> RowView<'a> {
    fn of(table: &TableRef<'a>, index: usize, row: &'a Row) -> Self {
        let pointer = table.row_pointer(index);
        let cells = match row.parts.as_deref() {
            Some(parts) if !parts.is_empty() => parts
                .iter()
                .enumerate()
                .map(|(part, p)| Cell {
                    pointer: format!("{pointer}/parts/{part}"),
                    frequency: p.frequency,
                    release_date: p.release_date,
                })
                .collect(),
            _ => Vec::new(),
        };
        RowView {
            row,
            table: table.label(),
            category: row.category.and_then(categories::id_of),
            cells,
            pointer,
        }
    }

    fn item(&self) -> String {
        self.row
            .item_number()
            .map_or_else(|| self.row.item_text(), |n| n.to_string())
    }
}

/// One cell that differs: the field, both values as written, where in the en plan, and the part.
struct CellDifference {
    field: DifferenceField,
    zh_hant: String,
    en: String,
    en_pointer: String,
    part: Option<usize>,
}

/// The meaning of a frequency cell, rendered in English, from the plan's language first.
fn frequency_meaning(text: &str, language: Language) -> Option<String> {
    std::iter::once(language)
        .chain(Language::ALL.into_iter().filter(|l| *l != language))
        .find_map(|from| frequency::canonical_in(text, from, Language::En))
}

/// The cells of two paired rows that differ; cells either side cannot read (an unknown category
/// or frequency, a missing cell) are left to the plan rules.
fn row_differences(zh: &RowView<'_>, en: &RowView<'_>) -> Vec<CellDifference> {
    let mut out = Vec::new();
    if let (Some(a), Some(b)) = (zh.category, en.category)
        && a != b
    {
        out.push(CellDifference {
            field: DifferenceField::Category,
            zh_hant: zh.row.category.unwrap_or_default().to_string(),
            en: en.row.category.unwrap_or_default().to_string(),
            en_pointer: format!("{}/category", en.pointer),
            part: None,
        });
    }
    let compare_date =
        |a: Option<&str>, b: Option<&str>, pointer: String, part, out: &mut Vec<_>| {
            if let (Some(a), Some(b)) = (a, b)
                && date_key(a) != date_key(b)
            {
                out.push(CellDifference {
                    field: DifferenceField::ReleaseDate,
                    zh_hant: a.to_string(),
                    en: b.to_string(),
                    en_pointer: format!("{pointer}/release_date"),
                    part,
                });
            }
        };
    let compare_frequency =
        |a: Option<&str>, b: Option<&str>, pointer: String, part, out: &mut Vec<_>| {
            if let (Some(a), Some(b)) = (a, b)
                && let (Some(meaning_a), Some(meaning_b)) = (
                    frequency_meaning(a, Language::ZhHant),
                    frequency_meaning(b, Language::En),
                )
                && meaning_a != meaning_b
            {
                out.push(CellDifference {
                    field: DifferenceField::Frequency,
                    zh_hant: a.to_string(),
                    en: b.to_string(),
                    en_pointer: format!("{pointer}/frequency"),
                    part,
                });
            }
        };
    compare_date(
        zh.row.release_date,
        en.row.release_date,
        en.pointer.clone(),
        None,
        &mut out,
    );
    compare_frequency(
        zh.row.frequency,
        en.row.frequency,
        en.pointer.clone(),
        None,
        &mut out,
    );
    if zh.cells.len() != en.cells.len() {
        out.push(CellDifference {
            field: DifferenceField::Parts,
            zh_hant: zh.cells.len().to_string(),
            en: en.cells.len().to_string(),
            en_pointer: if en.row.parts.is_some() {
                format!("{}/parts", en.pointer)
            } else {
                format!("{}/item", en.pointer)
            },
            part: None,
        });
    } else {
        for (part, (a, b)) in zh.cells.iter().zip(&en.cells).enumerate() {
            compare_date(
                a.release_date,
                b.release_date,
                b.pointer.clone(),
                Some(part + 1),
                &mut out,
            );
            compare_frequency(
                a.frequency,
                b.frequency,
                b.pointer.clone(),
                Some(part + 1),
                &mut out,
            );
        }
    }
    out
}

/// Pairs the rows of two tables in order, allowing rows without a counterpart: the alignment
/// with the fewest differing cells, where leaving a row unpaired costs more than two of them.
fn align(zh: &[RowView<'_>], en: &[RowView<'_>]) -> Vec<(Option<usize>, Option<usize>)> {
    const SKIP: usize = 5;
    // Within a band around the diagonal for large tables (see `pairing::align`).
    super::pairing::align(zh.len(), en.len(), SKIP, |i, j| {
        2 * row_differences(&zh[i], &en[j]).len()
    })
}

/// The dataset rows of a table (placeholder rows left out).
fn dataset_views<'a>(table: &TableRef<'a>) -> Vec<RowView<'a>> {
    table
        .rows()
        .iter()
        .enumerate()
        .filter(|(_, row)| !row.placeholder)
        .map(|(index, row)| RowView::of(table, index, row))
        .collect()
}

/// A004: compares the zh-Hant and en plans of one organisation and period.
pub(super) fn compare_languages(
    organisation: usize,
    zh: &Entry<'_>,
    en: &Entry<'_>,
    analysis: &mut Analysis,
) {
    let first_difference = analysis.language_differences.len();
    compare_tables(organisation, zh, en, analysis);
    // Table by table, the count first, then by item.
    analysis.language_differences[first_difference..].sort_by_key(|d| {
        let item = d.item.as_deref().unwrap_or_default();
        let number: u64 = item
            .split(',')
            .next()
            .and_then(|n| n.trim().parse().ok())
            .unwrap_or(u64::MAX);
        (
            d.table.clone(),
            d.field != DifferenceField::Items,
            number,
            item.to_string(),
        )
    });
}

/// What every A004 difference of one pair of plans shares: it becomes a finding on the en plan
/// and a row of the reports' table of differences.
struct Comparison<'e> {
    organisation: usize,
    period: String,
    zh_file: usize,
    en_file: usize,
    zh_name: &'e str,
    en_document: &'e Document,
}

impl Comparison<'_> {
    fn line_of(&self, pointer: &str) -> usize {
        self.line_at(self.en_document.span_for(pointer).start)
    }

    fn line_at(&self, offset: usize) -> usize {
        self.en_document.position(offset).line
    }

    /// An A004 finding at `span` of the en plan; the zh-Hant file is named as `file`.
    fn finding(
        &self,
        pointer: &str,
        span: crate::document::Span,
        message: Message,
        label: Message,
    ) -> (usize, Diagnostic) {
        let diagnostic = Diagnostic::new(
            &LANGUAGE_VERSIONS_DIFFER,
            pointer,
            span,
            message.arg("file", self.zh_name),
        )
        .with_label(label)
        .with_help(Message::new("A004.help"));
        (self.en_file, diagnostic)
    }

    /// A row of the table of differences.
    fn difference(
        &self,
        table: String,
        item: Option<String>,
        field: DifferenceField,
        (zh_hant, en): (Option<String>, Option<String>),
        line: usize,
    ) -> LanguageDifference {
        LanguageDifference {
            organisation: self.organisation,
            period: self.period.clone(),
            table,
            item,
            field,
            zh_hant,
            en,
            zh_hant_file: self.zh_file,
            en_file: self.en_file,
            line,
        }
    }
}

fn compare_tables(organisation: usize, zh: &Entry<'_>, en: &Entry<'_>, analysis: &mut Analysis) {
    let comparison = Comparison {
        organisation,
        period: period_text(zh.first_year),
        zh_file: zh.file,
        en_file: en.file,
        zh_name: &zh.document.name,
        en_document: en.document,
    };
    let en_document = en.document;
    let mut unpaired_zh: Vec<RowView<'_>> = Vec::new();
    let mut unpaired_en: Vec<(RowView<'_>, String)> = Vec::new();
    for (zh_table, en_table) in zh.plan.tables().zip(en.plan.tables()) {
        let zh_rows = dataset_views(&zh_table);
        let en_rows = dataset_views(&en_table);
        let label = zh_table.label();
        if zh_rows.len() != en_rows.len() {
            analysis.language_differences.push(comparison.difference(
                label.clone(),
                None,
                DifferenceField::Items,
                (
                    Some(zh_rows.len().to_string()),
                    Some(en_rows.len().to_string()),
                ),
                comparison.line_of(&en_table.rows_pointer()),
            ));
        }
        let alignment = align(&zh_rows, &en_rows);
        let mut zh_rows: Vec<Option<RowView<'_>>> = zh_rows.into_iter().map(Some).collect();
        let mut en_rows: Vec<Option<RowView<'_>>> = en_rows.into_iter().map(Some).collect();
        for pair in alignment {
            match pair {
                (Some(i), Some(j)) => {
                    let (a, b) = (zh_rows[i].take(), en_rows[j].take());
                    let (Some(a), Some(b)) = (a, b) else { continue };
                    for difference in row_differences(&a, &b) {
                        let item = match difference.part {
                            Some(part) => format!("{}, part {part}", a.item()),
                            None => a.item(),
                        };
                        let id = match difference.field {
                            DifferenceField::Category => "A004.category",
                            DifferenceField::ReleaseDate => "A004.release-date",
                            DifferenceField::Frequency => "A004.frequency",
                            _ => "A004.parts",
                        };
                        let finding = comparison.finding(
                            &difference.en_pointer,
                            en_document.span_for(&difference.en_pointer),
                            Message::new(id)
                                .arg("item", b.item())
                                .arg("table", &label)
                                .arg("en", &difference.en)
                                .arg("zh", &difference.zh_hant),
                            Message::new("A004.label"),
                        );
                        analysis.language_differences.push(comparison.difference(
                            label.clone(),
                            Some(item),
                            difference.field,
                            (Some(difference.zh_hant), Some(difference.en)),
                            comparison.line_of(&difference.en_pointer),
                        ));
                        analysis.findings.push(finding);
                    }
                }
                (Some(i), None) => unpaired_zh.extend(zh_rows[i].take()),
                (None, Some(j)) => {
                    unpaired_en.extend(en_rows[j].take().map(|row| (row, en_table.rows_pointer())))
                }
                (None, None) => {}
            }
        }
    }

    // A row missing from one table and found, alike in every cell, in another table of the
    // other version has moved.
    let mut moved: Vec<(RowView<'_>, RowView<'_>)> = Vec::new();
    let mut still_zh = Vec::new();
    for zh_row in unpaired_zh {
        match unpaired_en.iter().position(|(en_row, _)| {
            en_row.table != zh_row.table && row_differences(&zh_row, en_row).is_empty()
        }) {
            Some(at) => moved.push((zh_row, unpaired_en.remove(at).0)),
            None => still_zh.push(zh_row),
        }
    }
    for (zh_row, en_row) in moved {
        let pointer = format!("{}/item", en_row.pointer);
        analysis.findings.push(
            comparison.finding(
                &pointer,
                en_document.span_for(&pointer),
                Message::new("A004.moved")
                    .arg("item", en_row.item())
                    .arg("table", &en_row.table)
                    .arg("other", &zh_row.table)
                    .arg("zh_item", zh_row.item()),
                Message::new("A004.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            zh_row.table.clone(),
            Some(zh_row.item()),
            DifferenceField::Table,
            (Some(zh_row.table.clone()), Some(en_row.table.clone())),
            comparison.line_of(&pointer),
        ));
    }
    for zh_row in still_zh {
        // Nothing to point at in the en plan but the table's `rows` key.
        let rows_pointer = zh_row
            .pointer
            .rsplit_once('/')
            .map_or_else(String::new, |(rows, _)| rows.to_string());
        let span = en_document
            .locate(&rows_pointer)
            .and_then(|located| located.key)
            .unwrap_or_else(|| en_document.span_for(&rows_pointer));
        let name = zh_row.row.name.unwrap_or_default().to_string();
        let date = zh_row.row.release_date.unwrap_or_default();
        let line = comparison.line_at(span.start);
        analysis.findings.push(
            comparison.finding(
                &rows_pointer,
                span,
                Message::new("A004.missing")
                    .arg("item", zh_row.item())
                    .arg("table", &zh_row.table)
                    .arg("name", &name)
                    .arg("date", date),
                Message::new("A004.missing.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            zh_row.table.clone(),
            Some(zh_row.item()),
            DifferenceField::Row,
            (Some(name), None),
            line,
        ));
    }
    for (en_row, _) in unpaired_en {
        let pointer = format!("{}/item", en_row.pointer);
        let name = en_row.row.name.unwrap_or_default().to_string();
        analysis.findings.push(
            comparison.finding(
                &pointer,
                en_document.span_for(&pointer),
                Message::new("A004.extra")
                    .arg("item", en_row.item())
                    .arg("table", &en_row.table),
                Message::new("A004.label"),
            ),
        );
        analysis.language_differences.push(comparison.difference(
            en_row.table.clone(),
            Some(en_row.item()),
            DifferenceField::Row,
            (None, Some(name)),
            comparison.line_of(&pointer),
        ));
    }
}
