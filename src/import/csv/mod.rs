//! A spreadsheet's CSV export: a header row naming the columns (in English or Chinese), then one
//! record per table row with its section, table, item, category, name, description, date and
//! frequency. A record with an empty item, or the same item as the record above in the same
//! table (with the same or no name), is another part of that item. The organisation, title and
//! publication date are not in the data: they come from the command line.

mod records;

pub(crate) use records::{CsvField, records};

use crate::diagnostic::Diagnostic;
use crate::document::{Document, Span};
use crate::messages::Message;
use crate::model::{SectionKey, TableKind};

use super::layout::counted;
use super::rules::{CSV_HEADER, TABLE_WITHOUT_HEADING, TOO_MANY_CELLS, UNPLACEABLE_LINE};
use super::{
    Field, Found, Imported, Metadata, Part, Row, Section, Table, assemble, detect_language,
    item_number, item_out_of_place, section_index, section_key, table_label,
};

/// A column of the CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Section,
    Table,
    Cell(Field),
}

/// The column a header names, in English or Chinese; case, spaces, `_`/`-` and a trailing
/// bracketed hint (`(MM/YYYY)`, `(月/年)`) do not matter.
fn column(name: &str) -> Option<Column> {
    let mut name = name.trim().to_lowercase();
    for (open, close) in [('(', ')'), ('（', '）')] {
        if name.ends_with(close)
            && let Some(at) = name.rfind(open)
        {
            name.truncate(at);
        }
    }
    let name: String = name
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Some(match name.as_str() {
        "section" | "部分" | "部" => Column::Section,
        "table" | "表" | "表格" => Column::Table,
        "item" | "item no." | "item no" | "no." | "no" | "編號" | "编号" => {
            Column::Cell(Field::Item)
        }
        "category" | "data category" | "數據種類" | "数据种类" => {
            Column::Cell(Field::Category)
        }
        "name" | "dataset name" | "數據集名稱" | "数据集名称" => {
            Column::Cell(Field::Name)
        }
        "description" | "general description" | "一般說明" | "一般说明" => {
            Column::Cell(Field::Description)
        }
        "date"
        | "release date"
        | "target release date"
        | "發放日期"
        | "目標發放日期"
        | "发放日期"
        | "目标发放日期" => Column::Cell(Field::ReleaseDate),
        "frequency" | "update frequency" | "更新頻率" | "更新频率" => {
            Column::Cell(Field::Frequency)
        }
        "organisation" | "organization" | "機構" | "机构" => Column::Cell(Field::Organisation),
        _ => return None,
    })
}

/// `A`, `a`, `A.`, `A部` as a section.
fn section_value(text: &str) -> Option<SectionKey> {
    let text = text.trim();
    let text = text
        .strip_suffix('.')
        .or_else(|| text.strip_suffix('部'))
        .unwrap_or(text);
    let mut chars = text.chars();
    let letter = chars.next()?;
    chars.next().is_none().then_some(())?;
    section_key(letter)
}

/// `spatial`, `i`, `空間數據`, `non_spatial`, `ii`, `非空間數據`, ... as a table.
fn table_value(text: &str) -> Option<TableKind> {
    let text = text.trim().to_lowercase();
    let text = text.strip_suffix('.').unwrap_or(&text);
    let text: String = text
        .chars()
        .map(|c| if c == '_' || c == '-' { ' ' } else { c })
        .collect();
    match text.trim() {
        "i" | "spatial" | "spatial data" | "空間數據" | "空间数据" | "空間" | "空间" => {
            Some(TableKind::Spatial)
        }
        "ii" | "non spatial" | "nonspatial" | "non spatial data" | "非空間數據" | "非空间数据"
        | "非空間" | "非空间" => Some(TableKind::NonSpatial),
        _ => None,
    }
}

/// How the characters of the CSV's fields (white space aside) were used: placed in the plan,
/// used as structure (the header row, section and table values, an item number or name a part
/// repeats), or reported in a finding. `input` is the sum of the others when nothing was
/// dropped silently.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub input: usize,
    pub placed: usize,
    pub structure: usize,
    pub reported: usize,
}

pub(super) fn import(document: &Document, metadata: &Metadata) -> Imported {
    import_accounted(document, metadata).0
}

/// [`import`], with the account of every field's characters.
pub fn import_accounted(document: &Document, metadata: &Metadata) -> (Imported, Tally) {
    let text = &document.text;
    let (records, problems) = records(text);
    let mut diagnostics: Vec<Diagnostic> = problems
        .into_iter()
        .map(|problem| unplaceable(problem.span, Message::new(problem.message)))
        .collect();
    let mut sections: [Option<Section>; 4] = Default::default();
    let mut tally = Tally {
        input: records
            .iter()
            .flatten()
            .map(|field| counted(&field.value))
            .sum(),
        ..Tally::default()
    };
    let mut records = records.into_iter();
    let header = records.next().unwrap_or_default();
    let columns = header_columns(&header, &mut diagnostics);
    for (field, column) in header.iter().zip(&columns) {
        // A name that is not a column is reported (I007); the others are structure.
        match column {
            Some(_) => tally.structure += counted(&field.value),
            None => tally.reported += counted(&field.value),
        }
    }
    let required = [Column::Section, Column::Table, Column::Cell(Field::Item)];
    let header_span = header.first().map_or(0..0, |first| {
        first.span.start..header.last().unwrap().span.end
    });
    let mut complete = true;
    for (wanted, name) in required.iter().zip(["section", "table", "item"]) {
        if !columns.contains(&Some(*wanted)) {
            complete = false;
            diagnostics.push(
                Diagnostic::new(
                    &CSV_HEADER,
                    "",
                    header_span.clone(),
                    Message::new("I007.missing").arg("name", name),
                )
                .with_help(Message::new("I007.help")),
            );
        }
    }
    let mut texts: Vec<String> = Vec::new();
    let mut last_span = header_span.clone();
    for record in records {
        last_span = record.first().map_or(last_span, |first| {
            first.span.start..record.last().unwrap().span.end
        });
        if record.iter().all(|field| field.value.trim().is_empty()) {
            continue;
        }
        too_many_fields(&record, columns.len(), &mut diagnostics);
        // Fields beyond the header (I004) and under a column that is not one (I007) are
        // reported, not imported.
        for (index, field) in record.iter().enumerate() {
            if columns.get(index).is_none_or(Option::is_none) {
                tally.reported += counted(&field.value);
            }
        }
        let known: Vec<&CsvField> = record
            .iter()
            .zip(&columns)
            .filter(|(_, column)| column.is_some())
            .map(|(field, _)| field)
            .collect();
        if !complete {
            // I007 says that no row can be placed.
            tally.reported += known
                .iter()
                .map(|field| counted(&field.value))
                .sum::<usize>();
            continue;
        }
        texts.extend(record.iter().map(|field| field.value.clone()));
        let use_of = place(&record, &columns, &mut sections, &mut diagnostics);
        for (index, field) in record.iter().enumerate() {
            let Some(Some(column)) = columns.get(index) else {
                continue;
            };
            let chars = counted(&field.value);
            match use_of(*column) {
                Use::Placed => tally.placed += chars,
                Use::Structure => tally.structure += chars,
                Use::Reported => tally.reported += chars,
                Use::Item(item) => {
                    let digits = item.to_string().len().min(chars);
                    tally.placed += digits;
                    tally.structure += chars - digits;
                }
            }
        }
    }
    let language = detect_language(texts.iter().map(String::as_str));
    let plan = assemble(
        Found::default(),
        metadata,
        language,
        sections,
        (header_span, last_span),
        &mut diagnostics,
    );
    (Imported { plan, diagnostics }, tally)
}

/// What became of a record's field in one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    Placed,
    Structure,
    Reported,
    /// The item number: its digits placed, leading zeros structure.
    Item(u64),
}

/// Adjacent unknown header names beyond this many are reported as one finding (a CSV with
/// 10,000 extra columns gets one, not 10,000).
const UNKNOWN_RUN: usize = 3;

/// The column of every header field; unknown and repeated names are reported (their fields are
/// not imported).
fn header_columns(header: &[CsvField], out: &mut Vec<Diagnostic>) -> Vec<Option<Column>> {
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(header.len());
    let mut seen: Vec<Column> = Vec::new();
    // The run of adjacent unknown names being gathered: (first field, last field).
    let mut run: Option<(usize, usize)> = None;
    let report = |diagnostic: Diagnostic, out: &mut Vec<Diagnostic>| {
        out.push(diagnostic.with_help(Message::new("I007.help")));
    };
    let end_run = |run: &mut Option<(usize, usize)>, out: &mut Vec<Diagnostic>| {
        let Some((first, last)) = run.take() else {
            return;
        };
        if last - first < UNKNOWN_RUN {
            for field in &header[first..=last] {
                let message = Message::new("I007.unknown").arg("name", field.value.trim());
                report(
                    Diagnostic::new(&CSV_HEADER, "", field.span.clone(), message),
                    out,
                );
            }
            return;
        }
        let message = Message::new("I007.unknown-run")
            .arg("count", last - first + 1)
            .arg("first", header[first].value.trim())
            .arg("last", header[last].value.trim());
        let span = header[first].span.start..header[last].span.end;
        report(Diagnostic::new(&CSV_HEADER, "", span, message), out);
    };
    for (index, field) in header.iter().enumerate() {
        let name = field.value.trim();
        let found = column(name);
        if found.is_none() && !name.is_empty() {
            run = Some(run.map_or((index, index), |(first, _)| (first, index)));
            columns.push(None);
            continue;
        }
        end_run(&mut run, out);
        match found {
            Some(column) if !name.is_empty() && seen.contains(&column) => {
                let message = Message::new("I007.repeated").arg("name", name);
                report(
                    Diagnostic::new(&CSV_HEADER, "", field.span.clone(), message),
                    out,
                );
                columns.push(None);
            }
            Some(column) if !name.is_empty() => {
                seen.push(column);
                columns.push(Some(column));
            }
            _ => columns.push(None),
        }
    }
    end_run(&mut run, out);
    columns
}

/// Reports text in fields beyond the header's columns.
fn too_many_fields(record: &[CsvField], columns: usize, out: &mut Vec<Diagnostic>) {
    let Some(last) = record
        .iter()
        .rposition(|field| !field.value.trim().is_empty())
    else {
        return;
    };
    if last < columns {
        return;
    }
    let first = (columns..=last)
        .find(|&index| !record[index].value.trim().is_empty())
        .unwrap_or(last);
    out.push(
        Diagnostic::new(
            &TOO_MANY_CELLS,
            "",
            record[first].span.start..record[last].span.end,
            Message::new("I004.message")
                .arg("count", last + 1)
                .arg("columns", columns),
        )
        .with_label(Message::new("I004.label"))
        .with_help(Message::new("I004.help")),
    );
}

fn unplaceable(span: Span, message: Message) -> Diagnostic {
    Diagnostic::new(&UNPLACEABLE_LINE, "", span, message)
        .with_label(Message::new("I001.label"))
        .with_help(Message::new("I001.help"))
}

/// Puts one record into its table; says what became of each column's field.
fn place(
    record: &[CsvField],
    columns: &[Option<Column>],
    sections: &mut [Option<Section>; 4],
    out: &mut Vec<Diagnostic>,
) -> Box<dyn Fn(Column) -> Use> {
    let all = |usage: Use| move |_: Column| usage;
    let structure_or = |usage: Use| {
        move |column: Column| match column {
            Column::Section | Column::Table => Use::Structure,
            _ => usage,
        }
    };
    let field_of = |wanted: Column| {
        columns
            .iter()
            .position(|column| *column == Some(wanted))
            .and_then(|index| record.get(index))
    };
    let record_span = record[0].span.start..record[record.len() - 1].span.end;
    let section_field = field_of(Column::Section);
    let table_field = field_of(Column::Table);
    let blank = |field: Option<&CsvField>| field.is_none_or(|f| f.value.trim().is_empty());
    if blank(section_field) || blank(table_field) {
        out.push(
            Diagnostic::new(
                &TABLE_WITHOUT_HEADING,
                "",
                record_span,
                Message::new("I003.csv"),
            )
            .with_label(Message::new("I003.label"))
            .with_help(Message::new("I003.csv-help")),
        );
        return Box::new(all(Use::Reported)) as Box<dyn Fn(Column) -> Use>;
    }
    let (section_field, table_field) = (section_field.unwrap(), table_field.unwrap());
    let Some(key) = section_value(&section_field.value) else {
        out.push(unplaceable(
            section_field.span.clone(),
            Message::new("I001.csv-section").arg("value", section_field.value.trim()),
        ));
        return Box::new(all(Use::Reported));
    };
    let Some(kind) = table_value(&table_field.value) else {
        out.push(unplaceable(
            table_field.span.clone(),
            Message::new("I001.csv-table").arg("value", table_field.value.trim()),
        ));
        return Box::new(all(Use::Reported));
    };
    let mut row = Row::default();
    for (column, field) in columns.iter().zip(record) {
        if let Some(Column::Cell(cell)) = column
            && let Some(target) = row.cell_mut(*cell)
            && !field.value.trim().is_empty()
        {
            *target = field.value.clone();
        }
    }
    // A record shorter than the header has no item cell: it reads as an empty one.
    let item_field = field_of(Column::Cell(Field::Item));
    let table = sections[section_index(key)]
        .get_or_insert_with(Section::default)
        .table_slot(kind)
        .get_or_insert_with(Table::default);
    let item_text = item_field.map_or("", |field| field.value.trim());
    let previous = table.rows.last_mut();
    let same_item = |previous: &Row| {
        (item_text.is_empty() || item_number(item_text) == Some(previous.item))
            && (row.name.is_empty() || row.name == previous.name)
            && (row.category.is_empty() || row.category == previous.category)
            && (row.organisation.is_empty() || row.organisation == previous.organisation)
    };
    if let Some(previous) = previous.filter(|previous| same_item(previous)) {
        previous.part_dates |= !row.release_date.trim().is_empty();
        previous.more_parts.push(Part {
            description: row.description,
            frequency: row.frequency,
            release_date: row.release_date,
        });
        // The item, category, name and organisation repeat the row above: structure.
        return Box::new(move |column: Column| match column {
            Column::Cell(Field::Description | Field::Frequency | Field::ReleaseDate) => Use::Placed,
            _ => Use::Structure,
        });
    }
    let Some(item) = item_number(item_text) else {
        let message = if item_text.is_empty() {
            Message::new("I001.continuation").arg("table", table_label(key, kind))
        } else {
            Message::new("I001.not-item").arg("value", item_text)
        };
        let span = match item_field {
            Some(field) if !item_text.is_empty() => field.span.clone(),
            _ => record_span,
        };
        out.push(unplaceable(span, message));
        return Box::new(structure_or(Use::Reported));
    };
    let previous = table.rows.last().map(|row| row.item);
    let span = item_field.map_or_else(|| record_span.clone(), |field| field.span.clone());
    out.extend(item_out_of_place(
        (key, kind),
        table.rows.len(),
        previous,
        item,
        span,
    ));
    row.item = item;
    table.rows.push(row);
    Box::new(move |column: Column| match column {
        Column::Section | Column::Table => Use::Structure,
        Column::Cell(Field::Item) => Use::Item(item),
        Column::Cell(_) => Use::Placed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(text: &str) -> Vec<Vec<String>> {
        records(text)
            .0
            .into_iter()
            .map(|record| record.into_iter().map(|field| field.value).collect())
            .collect()
    }

    #[test]
    fn quoted_fields_hold_commas_line_breaks_and_quotes() {
        assert_eq!(
            values("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n"),
            vec![vec!["a", "b,c", "say \"hi\""], vec!["two\nlines", "", "x"],]
        );
        assert_eq!(values("a\rb"), vec![vec!["a"], vec!["b"]]);
        assert_eq!(values("a\n\nb\n"), vec![vec!["a"], vec!["b"]]);
    }

    #[test]
    fn spans_point_at_the_field_content() {
        let text = "a,\"bc\"\n";
        let (records, problems) = records(text);
        assert!(problems.is_empty());
        assert_eq!(&text[records[0][1].span.clone()], "bc");
    }

    #[test]
    fn malformed_quotes_are_reported_and_kept() {
        let (records, problems) = records("\"ab\"c,d\n\"open");
        assert_eq!(records[0][0].value, "abc");
        assert_eq!(records[1][0].value, "open");
        assert_eq!(problems.len(), 2);
    }

    #[test]
    fn every_character_of_a_csv_is_placed_used_as_structure_or_reported() {
        use crate::document::SourceKind;
        use crate::import::build::placed_characters;
        let cases = [
            include_str!("../../../tests/fixtures/import/hkpf-2024-2026.zh-Hant.csv"),
            include_str!("../../../tests/fixtures/import/english.csv"),
            "section,table,item,name,description,frequency,remarks\n\
             A,spatial,01,x,d,Monthly,kept?\n\
             A,spatial,1,,d2,Annually\n\
             Z,spatial,2,y,d,Monthly\n\
             ,,3,z\n\
             A,spatial,X,w\n\
             A,ii,,v\n\
             A,ii,1,v,d,Monthly,,extra\n\
             A,ii,1,v,d,\"unclosed\n",
            "name,description\nx,y\n",
            "section,table,item,name,name\nA,i,1,x,y\n",
        ];
        for text in cases {
            let document = Document::parse_as("plan.csv", text, SourceKind::Text);
            let metadata = Metadata {
                organisation: Some("機構".into()),
                title: Some("Title".into()),
                published: Some("12/2023".into()),
                ..Metadata::default()
            };
            let (imported, tally) = import_accounted(&document, &metadata);
            assert_eq!(
                tally.input,
                tally.placed + tally.structure + tally.reported,
                "{tally:?}\n{text}"
            );
            assert_eq!(
                tally.placed + counted("機構") + counted("Title"),
                placed_characters(&imported.plan),
                "{text}"
            );
            assert!(tally.input > 0);
        }
    }

    #[test]
    fn headers_and_values_are_read_in_english_and_chinese() {
        assert_eq!(
            column("目標發放日期 (月/年)"),
            Some(Column::Cell(Field::ReleaseDate))
        );
        assert_eq!(
            column("Target Release Date (MM/YYYY)"),
            Some(Column::Cell(Field::ReleaseDate))
        );
        assert_eq!(
            column("Update_Frequency"),
            Some(Column::Cell(Field::Frequency))
        );
        assert_eq!(column("部分"), Some(Column::Section));
        assert_eq!(column("remarks"), None);
        assert_eq!(section_value("d."), Some(SectionKey::D));
        assert_eq!(section_value("DD"), None);
        assert_eq!(table_value("非空間數據"), Some(TableKind::NonSpatial));
        assert_eq!(table_value("Non-spatial"), Some(TableKind::NonSpatial));
        assert_eq!(table_value("ii"), Some(TableKind::NonSpatial));
        assert_eq!(table_value("iii"), None);
    }
}
