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

pub(super) fn non_machine_readable(
    context: &Context<'_>,
    cell: &TextCell<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let value = cell.value;
    // Words are runs of ASCII letters and digits: the bytes of other characters are never those.
    let words = || {
        value
            .as_bytes()
            .split(|b| !b.is_ascii_alphanumeric())
            .filter(|word| !word.is_empty())
    };
    let is_one_of = |word: &[u8], formats: &[&str]| {
        formats
            .iter()
            .any(|format| format.as_bytes().eq_ignore_ascii_case(word))
    };
    // Most descriptions name a format machines read, or none: one pass tells.
    let (mut not_readable, mut readable) = (false, false);
    for word in words() {
        not_readable |= is_one_of(word, &NOT_MACHINE_READABLE);
        readable |= is_one_of(word, &MACHINE_READABLE);
    }
    if !not_readable || readable {
        return;
    }
    let named: Vec<&str> = NOT_MACHINE_READABLE
        .into_iter()
        .filter(|format| words().any(|word| format.as_bytes().eq_ignore_ascii_case(word)))
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
