//! The CSV reader: RFC 4180 records with the place of every field, and the malformed spots it
//! read leniently.

use crate::document::Span;

/// One field of a record: its value (quotes removed, `""` unescaped) and where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvField {
    pub value: String,
    pub span: Span,
}

/// A malformed spot in the CSV text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CsvProblem {
    pub span: Span,
    pub message: &'static str,
}

/// Reads RFC 4180 CSV: fields separated by commas, records by CRLF, LF or CR; a quoted field may
/// hold commas, line breaks and doubled quotes. Malformed quoting is reported and read leniently
/// (the text is kept as it stands).
pub(crate) fn records(text: &str) -> (Vec<Vec<CsvField>>, Vec<CsvProblem>) {
    let bytes = text.as_bytes();
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut record: Vec<CsvField> = Vec::new();
    let mut at = 0;
    // Each turn of the loop reads one field and the separator after it.
    loop {
        let mut value = String::new();
        let start = at;
        let mut span = start..start;
        if bytes.get(at) == Some(&b'"') {
            let mut chunk = at + 1;
            let mut closed = None;
            let mut i = at + 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    value.push_str(&text[chunk..i]);
                    if bytes.get(i + 1) == Some(&b'"') {
                        value.push('"');
                        i += 2;
                        chunk = i;
                        continue;
                    }
                    closed = Some(i);
                    break;
                }
                i += 1;
            }
            match closed {
                Some(close) => {
                    span = start + 1..close;
                    at = close + 1;
                    // Anything between the closing quote and the separator is malformed.
                    let rest_end = find_separator(bytes, at);
                    if rest_end > at {
                        problems.push(CsvProblem {
                            span: at..rest_end,
                            message: "I001.csv-after-quote",
                        });
                        value.push_str(&text[at..rest_end]);
                        span.end = rest_end;
                        at = rest_end;
                    }
                }
                None => {
                    value.push_str(&text[chunk..]);
                    problems.push(CsvProblem {
                        span: start..start + 1,
                        message: "I001.csv-unclosed-quote",
                    });
                    span = start + 1..text.len();
                    at = text.len();
                }
            }
        } else {
            let end = find_separator(bytes, at);
            value.push_str(&text[at..end]);
            span = start..end;
            at = end;
        }
        record.push(CsvField { value, span });
        match bytes.get(at) {
            Some(b',') => at += 1,
            Some(b'\r') | Some(b'\n') => {
                at += if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                records.push(std::mem::take(&mut record));
                if at >= bytes.len() {
                    break;
                }
            }
            _ => {
                records.push(std::mem::take(&mut record));
                break;
            }
        }
    }
    // A blank line is a record of one empty field; it holds nothing.
    records.retain(|record| !(record.len() == 1 && record[0].value.is_empty()));
    (records, problems)
}

fn find_separator(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|b| matches!(b, b',' | b'\r' | b'\n'))
        .map_or(bytes.len(), |n| from + n)
}
