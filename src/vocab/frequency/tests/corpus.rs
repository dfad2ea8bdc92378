//! What departments really wrote on DATA.GOV.HK in 2018, classified.

use super::*;
use std::collections::BTreeMap;
const CORPUS_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/datagovhk-2018");

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut in_quotes = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quotes {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => in_quotes = false,
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' => in_quotes = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    records
}

#[test]
fn csv_reader_handles_quotes_and_line_breaks() {
    let records = parse_csv("a,\"b, \"\"c\"\"\nd\",e\r\n1,2,3\r\n");
    assert_eq!(
        records,
        vec![
            vec!["a".to_owned(), "b, \"c\"\nd".to_owned(), "e".to_owned()],
            vec!["1".to_owned(), "2".to_owned(), "3".to_owned()],
        ]
    );
}

fn label(classification: &Classification) -> String {
    match classification {
        Classification::Canonical => "canonical".to_owned(),
        Classification::Variant { canonical, certain } => {
            format!(
                "variant -> {}{}",
                canonical.escape_debug(),
                if *certain { "" } else { " (uncertain)" }
            )
        }
        Classification::OtherLanguage {
            language,
            translation,
            certain,
        } => {
            format!(
                "other-language {language:?} -> {}{}",
                translation.escape_debug(),
                if *certain { "" } else { " (uncertain)" }
            )
        }
        Classification::Recognised => "recognised".to_owned(),
        Classification::Unknown {
            closest: Some(closest),
        } => {
            format!("unknown (closest {})", closest.escape_debug())
        }
        Classification::Unknown { closest: None } => "unknown".to_owned(),
    }
}

#[test]
fn corpus_classification() {
    let csv_path = format!("{CORPUS_DIR}/datagovhk_catalogue_2018-06-04_en.csv");
    let expected_path = format!("{CORPUS_DIR}/classification.txt");
    let csv = std::fs::read_to_string(&csv_path).expect("the corpus CSV is committed");
    let records = parse_csv(&csv);
    let (header, rows) = records.split_first().expect("the CSV has a header");
    let column = header
        .iter()
        .position(|name| name == "Update Frequency")
        .expect("an Update Frequency column");
    assert_eq!(rows.len(), 627, "the 2018 crawl has 627 datasets");

    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for row in rows {
        let frequency = row.get(column).expect("every row has the column");
        *counts.entry(frequency.as_str()).or_default() += 1;
    }
    let mut table: Vec<(usize, &str, Classification)> = counts
        .iter()
        .map(|(&text, &count)| (count, text, classify(text, Language::En, &[])))
        .collect();
    table.sort_by(|left, right| right.0.cmp(&left.0).then(left.1.cmp(right.1)));

    let is_unknown =
        |classification: &Classification| matches!(classification, Classification::Unknown { .. });
    let distinct_known = table.iter().filter(|(_, _, c)| !is_unknown(c)).count();
    let rows_known: usize = table
        .iter()
        .filter(|(_, _, c)| !is_unknown(c))
        .map(|(count, _, _)| count)
        .sum();
    assert!(
        distinct_known * 100 >= table.len() * 95,
        "{distinct_known} of {} distinct",
        table.len()
    );
    assert!(
        rows_known * 100 >= rows.len() * 95,
        "{rows_known} of {} rows",
        rows.len()
    );

    let actual: String = table
        .iter()
        .map(|(count, text, classification)| {
            format!(
                "{count}\t{}\t{}\n",
                label(classification),
                text.escape_debug()
            )
        })
        .collect();
    if std::env::var("UPDATE_EXPECT").is_ok_and(|value| value == "1") {
        std::fs::write(&expected_path, &actual).expect("the expected table is writable");
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        let expected_lines: Vec<&str> = expected.lines().collect();
        let actual_lines: Vec<&str> = actual.lines().collect();
        let mut diff = String::new();
        for line in expected_lines
            .iter()
            .filter(|line| !actual_lines.contains(line))
        {
            diff.push_str(&format!("- {line}\n"));
        }
        for line in actual_lines
            .iter()
            .filter(|line| !expected_lines.contains(line))
        {
            diff.push_str(&format!("+ {line}\n"));
        }
        panic!(
            "corpus classification differs from {expected_path} (- expected, + actual); \
             rerun with UPDATE_EXPECT=1 to accept:\n{diff}"
        );
    }
}
