//! T005: a description that names only formats machines cannot read as data.

use crate::diagnostic::Diagnostic;
use crate::messages::Message;
use crate::model::TextCell;
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// A description names only file formats that machines cannot read as data (PDF, DOC, DOCX,
    /// JPG, PNG, GIF, TIFF, PPT, ...) and no machine-readable one (CSV, XML, JSON, XLSX, API,
    /// GeoJSON, KML, SHP, ...).
    ///
    /// ## Why it matters
    /// Open data is released in machine-readable formats; a PDF-only dataset does not meet the
    /// open data policy and cannot be reused.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以PDF格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 罪案數字比較
    ///           description: 以CSV及PDF格式列出每年罪案的比較
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix.
    pub static NON_MACHINE_READABLE = {
        code: "T005",
        name: "non-machine-readable",
        severity: Warning,
        fix: Never,
    };
}

/// File formats that are not data to a machine, and those that are.
const NOT_MACHINE_READABLE: [&str; 12] = [
    "PDF", "DOC", "DOCX", "JPG", "JPEG", "PNG", "GIF", "TIF", "TIFF", "BMP", "PPT", "PPTX",
];
const MACHINE_READABLE: [&str; 22] = [
    "CSV", "XML", "JSON", "XLS", "XLSX", "ODS", "API", "GEOJSON", "KML", "KMZ", "SHP", "GML",
    "RDF", "TXT", "GTFS", "WMS", "WFS", "GDB", "DXF", "GPKG", "ATOM", "RSS",
];

/// The lengths of the formats' names: other words need no comparing.
pub(super) const FORMAT_LENGTHS: std::ops::RangeInclusive<usize> = 3..=7;

/// The words of `text`: runs of ASCII letters and digits (the bytes of other characters are never
/// those).
fn words(text: &[u8]) -> impl Iterator<Item = &[u8]> {
    text.split(|b| !b.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// The formats a description names, as far as T005 is concerned.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Named {
    /// A format machines cannot read as data (looked for until a readable one is named).
    pub not_readable: bool,
    /// A format they can.
    pub readable: bool,
}

impl Named {
    /// Takes in one word of the description (of a format name's length). Once a format machines
    /// read is named, T005 has nothing to find, whatever the other words are.
    pub(super) fn add(&mut self, word: &[u8]) {
        let is_one_of = |formats: &[&str]| {
            formats
                .iter()
                .any(|format| format.as_bytes().eq_ignore_ascii_case(word))
        };
        if self.readable {
            return;
        }
        self.readable = is_one_of(&MACHINE_READABLE);
        self.not_readable |= !self.readable && is_one_of(&NOT_MACHINE_READABLE);
    }

    /// What a description names, read on its own.
    #[cfg(test)]
    pub(super) fn of(text: &str) -> Named {
        let mut named = Named::default();
        for word in words(text.as_bytes()).filter(|word| FORMAT_LENGTHS.contains(&word.len())) {
            named.add(word);
        }
        named
    }

    /// Whether T005 has a finding: only formats machines cannot read.
    pub(super) fn only_not_readable(self) -> bool {
        self.not_readable && !self.readable
    }
}

/// T005's finding on a description that names only formats machines cannot read (as
/// [`Named::only_not_readable`] found).
pub(super) fn non_machine_readable(
    context: &Context<'_>,
    cell: &TextCell<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let named: Vec<&str> = NOT_MACHINE_READABLE
        .into_iter()
        .filter(|format| {
            words(cell.value.as_bytes()).any(|word| format.as_bytes().eq_ignore_ascii_case(word))
        })
        .collect();
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    out.push(
        context
            .diagnostic(
                &NON_MACHINE_READABLE,
                pointer,
                Message::new("T005.message").arg("formats", named.join(", ")),
            )
            .with_label(Message::new("T005.label"))
            .with_help(Message::new("T005.help")),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_name_has_one_of_the_lengths_compared() {
        for format in NOT_MACHINE_READABLE.iter().chain(&MACHINE_READABLE) {
            assert!(FORMAT_LENGTHS.contains(&format.len()), "{format}");
        }
    }

    #[test]
    fn a_description_names_formats_machines_read_or_not() {
        assert!(Named::of("以CSV及pdf格式").readable);
        assert!(!Named::of("以pdf及CSV格式").only_not_readable());
        assert!(Named::of("以PDF格式(2024)").only_not_readable());
        assert!(!Named::of("PDFs, APIs, 2PDF, PDF2").not_readable);
        assert_eq!(Named::of("數據"), Named::default());
    }

    #[test]
    fn words_are_runs_of_ascii_letters_and_digits() {
        let found: Vec<&[u8]> = words("以CSV及PDF格式(2024)列出,x".as_bytes()).collect();
        assert_eq!(found, [&b"CSV"[..], b"PDF", b"2024", b"x"]);
        assert_eq!(words("".as_bytes()).count(), 0);
        assert_eq!(words("數據 。".as_bytes()).count(), 0);
        assert_eq!(
            words("GeoJSON".as_bytes()).collect::<Vec<_>>(),
            [b"GeoJSON"]
        );
    }
}
