//! `render`: the plan in the published layout. One page model (organisation and title, sections
//! A-D with their `i.`/`ii.` tables, notes, the template's six columns with its header texts in
//! the plan's language, placeholder rows, a dataset's parts as rows whose shared cells are merged,
//! the closing organisation and date) is laid out once here; one writer per format (Word, HTML,
//! Markdown) draws it, and `import` reads the Word form back to the same plan.

pub mod diff;
pub mod docx;
pub mod html;
pub mod markdown;

use crate::import::{Plan, Row};
use crate::model::{self, Language, Period, SectionKey, TableKind, YearMonth};
use crate::template;

/// The output formats of `render`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RenderFormat {
    /// A Word document with real tables, repeated header rows and CJK fonts.
    Docx,
    /// One self-contained HTML page, printable to PDF on A4.
    Html,
    /// Markdown tables for review in a pull request.
    Markdown,
}

/// The plan as the published document lays it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub language: Language,
    pub organisation: String,
    pub title: String,
    pub sections: Vec<SectionBlock>,
    /// The closing date line (`2023年12月`, `December 2023`).
    pub date_line: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionBlock {
    pub key: SectionKey,
    /// `A. 在 2024 年發放的局／部門數據集`.
    pub heading: String,
    pub tables: Vec<TableBlock>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableBlock {
    pub kind: TableKind,
    /// `i. 空間數據`.
    pub heading: String,
    /// `備註：...`, when the table has a note.
    pub note: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One grid cell. A cell merged with the ones below it has `rows` > 1; the cells it covers are
/// `covered` (they draw nothing and have no text of their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub rows: usize,
    pub covered: bool,
}

impl Cell {
    fn text(text: &str) -> Self {
        Cell {
            text: text.to_string(),
            rows: 1,
            covered: false,
        }
    }

    fn merged(text: &str, rows: usize) -> Self {
        Cell {
            text: text.to_string(),
            rows,
            covered: false,
        }
    }

    fn covered() -> Self {
        Cell {
            text: String::new(),
            rows: 1,
            covered: true,
        }
    }
}

/// The words of the template in one language.
struct Words {
    spatial: &'static str,
    non_spatial: &'static str,
    note: &'static str,
    columns: [&'static str; 5],
    target: &'static str,
    release: &'static str,
    organisation: &'static str,
}

fn words(language: Language) -> Words {
    match language {
        Language::ZhHant => Words {
            spatial: "空間數據",
            non_spatial: "非空間數據",
            note: "備註：",
            columns: ["編號", "數據種類", "數據集名稱", "一般說明", "更新頻率"],
            target: "目標發放日期 (月/年)",
            release: "發放日期(月/年)",
            organisation: "機構",
        },
        Language::ZhHans => Words {
            spatial: "空间数据",
            non_spatial: "非空间数据",
            note: "备注：",
            columns: ["编号", "数据种类", "数据集名称", "一般说明", "更新频率"],
            target: "目标发放日期 (月/年)",
            release: "发放日期(月/年)",
            organisation: "机构",
        },
        Language::En => Words {
            spatial: "Spatial Data",
            non_spatial: "Non-spatial Data",
            note: "Remarks: ",
            columns: [
                "Item No.",
                "Data Category",
                "Dataset Name",
                "General Description",
                "Update Frequency",
            ],
            target: "Target Release Date (MM/YYYY)",
            release: "Release Date (MM/YYYY)",
            organisation: "Organisation",
        },
    }
}

use crate::vocab::ENGLISH_MONTHS as MONTHS;

/// The closing date line: `2023年12月` in Chinese, `December 2023` in English; a date that cannot
/// be read is written as it stands.
pub fn date_line(language: Language, published: &str) -> String {
    match YearMonth::parse_lenient(published) {
        Some(date) if language == Language::En => {
            format!("{} {}", MONTHS[date.month() as usize - 1], date.year())
        }
        Some(date) => format!("{}年{}月", date.year(), date.month()),
        None => published.to_string(),
    }
}

/// Lays out a plan. A section without a title gets the template's title for the plan's period
/// (the published document always has one).
pub fn layout(plan: &Plan) -> Page {
    let words = words(plan.language);
    let period = Period::parse(&plan.period);
    let mut sections = Vec::new();
    for (key, section) in SectionKey::ALL.into_iter().zip(&plan.sections) {
        let Some(section) = section else { continue };
        let title = section
            .title
            .clone()
            .or_else(|| period.map(|period| template::section_title(plan.language, key, period)));
        let heading = match title {
            Some(title) => format!("{}. {title}", key.as_str()),
            None => format!("{}.", key.as_str()),
        };
        let mut tables = Vec::new();
        for kind in [TableKind::Spatial, TableKind::NonSpatial] {
            let Some(table) = section.table(kind) else {
                continue;
            };
            let name = match kind {
                TableKind::Spatial => words.spatial,
                TableKind::NonSpatial => words.non_spatial,
            };
            let with_organisation = table.rows.iter().any(|row| !row.organisation.is_empty());
            let date = if key == SectionKey::D {
                words.release
            } else {
                words.target
            };
            let [item, category, dataset, description, frequency] = words.columns;
            let mut header: Vec<String> = [item, category, dataset, description, date, frequency]
                .map(str::to_string)
                .to_vec();
            if with_organisation {
                header.push(words.organisation.to_string());
            }
            let mut rows = Vec::new();
            for row in &table.rows {
                grid_rows(row, with_organisation, &mut rows);
            }
            tables.push(TableBlock {
                kind,
                heading: format!("{}. {name}", kind.numeral()),
                note: table
                    .note
                    .as_deref()
                    .filter(|note| !note.is_empty())
                    .map(|note| format!("{}{note}", words.note)),
                header,
                rows,
            });
        }
        sections.push(SectionBlock {
            key,
            heading,
            tables,
        });
    }
    Page {
        language: plan.language,
        organisation: plan.organisation.clone(),
        title: plan.title.clone(),
        sections,
        date_line: date_line(plan.language, &plan.published),
    }
}

/// The grid rows of one dataset row: one per part, the cells the parts share merged down.
fn grid_rows(row: &Row, with_organisation: bool, out: &mut Vec<Vec<Cell>>) {
    let count = 1 + row.more_parts.len();
    let dated_parts = row.part_dates && !row.more_parts.is_empty();
    let shared = |text: &str, index: usize| {
        if index == 0 {
            Cell::merged(text, count)
        } else {
            Cell::covered()
        }
    };
    let item = row.item.to_string();
    for index in 0..count {
        let (description, frequency, part_date) = match index {
            0 => (&row.description, &row.frequency, &row.release_date),
            _ => {
                let part = &row.more_parts[index - 1];
                (&part.description, &part.frequency, &part.release_date)
            }
        };
        let date = if dated_parts {
            Cell::text(part_date)
        } else {
            shared(&row.release_date, index)
        };
        let mut cells = vec![
            shared(&item, index),
            shared(&row.category, index),
            shared(&row.name, index),
            Cell::text(description),
            date,
            Cell::text(frequency),
        ];
        if with_organisation {
            cells.push(shared(&row.organisation, index));
        }
        out.push(cells);
    }
}

/// A row the published table cannot show as the plan writes it, with the row's JSON pointer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpublishable {
    pub pointer: String,
    /// `item 7 of D.ii`.
    pub row: String,
    /// Why, and how to write it instead.
    pub reason: &'static str,
}

/// The rows whose shape the published table has no place for, so that a rendering could not be
/// imported back as the same plan: a row with its own description or frequency beside its
/// parts (the table shows one description and frequency per line), and a row with its own
/// release date beside parts that have theirs (the table shows either one merged date or one
/// date per part). A row with a single part is not valid (`parts` lists two or more: S003) and
/// never reaches `render`. `render` refuses the plan and names each row rather than publish a
/// document that says less, or otherwise, than the plan.
pub fn unpublishable(plan: &model::Plan<'_>) -> Vec<Unpublishable> {
    let filled = |cell: &Option<&str>| cell.as_deref().is_some_and(|cell| !cell.trim().is_empty());
    let mut found = Vec::new();
    for table in plan.tables() {
        for (index, row) in table.rows().iter().enumerate() {
            let Some(parts) = row.parts.as_deref().filter(|parts| !parts.is_empty()) else {
                continue;
            };
            let mut reasons = Vec::new();
            if filled(&row.description) || filled(&row.frequency) {
                reasons.push(
                    "has its own description or frequency beside its parts, and the published \
                     table shows one description and frequency per line: move them into a part, \
                     or leave them out",
                );
            }
            if filled(&row.release_date) && parts.iter().any(|part| filled(&part.release_date)) {
                reasons.push(
                    "has its own release date beside parts with dates of their own, and the \
                     published table shows either one date for the row or one date per part: give \
                     each part its date and leave the row's out, or the row's date only",
                );
            }
            let item = row
                .item_number()
                .map_or_else(|| format!("row {}", index + 1), |n| format!("item {n}"));
            for reason in reasons {
                found.push(Unpublishable {
                    pointer: table.row_pointer(index),
                    row: format!("{item} of {}", table.label()),
                    reason,
                });
            }
        }
    }
    found
}

/// The plan as `import` reads it back from a rendering: the layout fills a section title the
/// plan leaves out with the template's, and a row's parts are its own description and frequency
/// first.
pub fn as_published(plan: &Plan) -> Plan {
    let mut published = plan.clone();
    let period = Period::parse(&plan.period);
    for (key, section) in SectionKey::ALL
        .into_iter()
        .zip(published.sections.iter_mut())
    {
        if let (Some(section), Some(period)) = (section, period)
            && section.title.is_none()
        {
            section.title = Some(template::section_title(plan.language, key, period));
        }
    }
    published
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Part, Section, Table};

    fn plan() -> Plan {
        Plan {
            organisation: "香港警務處".into(),
            language: Language::ZhHant,
            title: "2024-2026年度整合開放數據計劃（包含空間數據計劃）".into(),
            period: "2024-2026".into(),
            published: "12/2023".into(),
            sections: [
                None,
                None,
                None,
                Some(Section {
                    title: None,
                    spatial: None,
                    non_spatial: Some(Table {
                        note: Some("舊".into()),
                        rows: vec![Row {
                            item: 7,
                            category: "法律及保安".into(),
                            name: "交通統計數字".into(),
                            description: "一".into(),
                            release_date: "5/2016".into(),
                            frequency: "每月".into(),
                            organisation: String::new(),
                            more_parts: vec![Part {
                                description: "二".into(),
                                frequency: "每年".into(),
                                release_date: String::new(),
                            }],
                            part_dates: false,
                        }],
                    }),
                }),
            ],
        }
    }

    #[test]
    fn parts_share_merged_cells_and_headers_follow_the_section() {
        let page = layout(&plan());
        assert_eq!(page.date_line, "2023年12月");
        let section = &page.sections[0];
        assert_eq!(
            section.heading,
            "D. 進度：局／部門及其他機構已經上載至「資料一線通」及/或「空間數據共享平台」網站的數據集"
        );
        let table = &section.tables[0];
        assert_eq!(table.heading, "ii. 非空間數據");
        assert_eq!(table.note.as_deref(), Some("備註：舊"));
        assert_eq!(table.header[4], "發放日期(月/年)");
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0][0], Cell::merged("7", 2));
        assert_eq!(table.rows[0][4], Cell::merged("5/2016", 2));
        assert!(table.rows[1][0].covered && table.rows[1][4].covered);
        assert_eq!(table.rows[1][3], Cell::text("二"));
    }

    #[test]
    fn closing_dates_in_each_language() {
        assert_eq!(date_line(Language::En, "12/2023"), "December 2023");
        assert_eq!(date_line(Language::ZhHans, "02/2024"), "2024年2月");
        assert_eq!(date_line(Language::En, "soon"), "soon");
    }
}
