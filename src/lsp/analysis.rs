//! One checked version of an open document: the text as the client holds it, the parsed document,
//! its findings under the configuration that applies to it, and the settings it was checked with.

use std::sync::Arc;

use lsp_types::{Position, Range};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::document::{Document, SourceKind, Span};
use crate::messages::Lang;
use crate::policy::Policy;

use super::position::{Encoding, LineMap};

#[derive(Debug)]
pub struct Analysis {
    pub version: i32,
    /// The text as the client holds it (with its byte-order mark, if it kept one).
    pub text: String,
    /// Bytes before the document's own text (a byte-order mark): spans index the text after it.
    pub shift: usize,
    pub map: LineMap,
    pub document: Document,
    /// The findings after the configuration's levels and the inline allows.
    pub diagnostics: Vec<Diagnostic>,
    pub config: Arc<Config>,
    /// The language messages are rendered in.
    pub lang: Lang,
    /// Whether the text says `format: odp-plan/...` near its top, or the file is where
    /// odplint.toml's `include` says plans live, as for a walked file: other YAML and JSON files
    /// the editor opens (workflows, settings) get no findings or help.
    pub is_plan: bool,
}

impl Analysis {
    /// Parses and checks a version of a document (`path`: its file, when it is one).
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        name: &str,
        path: Option<&std::path::Path>,
        kind: SourceKind,
        text: String,
        version: i32,
        config: Arc<Config>,
        lang: Lang,
        encoding: Encoding,
    ) -> Self {
        let document = Document::parse_as(name, &text, kind);
        let shift = if document.had_bom {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        let policy = Policy::of_config(&config);
        let head = &text.as_bytes()[..text.len().min(crate::inputs::SNIFF_BYTES as usize)];
        let is_plan = crate::inputs::says_plan(head)
            || path.is_some_and(|path| crate::inputs::included(&config, path));
        let diagnostics = if is_plan {
            policy.check(&document)
        } else {
            Vec::new()
        };
        Analysis {
            version,
            map: LineMap::new(&text, encoding),
            text,
            shift,
            document,
            diagnostics,
            config,
            lang,
            is_plan,
        }
    }

    /// The policy the document was checked under (the LSP has no `--select` or `--ignore`).
    pub fn policy(&self) -> Policy<'_> {
        Policy::of_config(&self.config)
    }

    /// The LSP range of a span of the document's text.
    pub fn range(&self, span: &Span) -> Range {
        self.map.range(
            &self.text,
            &(span.start + self.shift..span.end + self.shift),
        )
    }

    /// The offset in the document's text of an LSP position (0 inside the byte-order mark).
    pub fn offset(&self, position: Position) -> usize {
        self.map
            .offset(&self.text, position)
            .saturating_sub(self.shift)
    }

    /// The document span of an LSP range.
    pub fn span(&self, range: Range) -> Span {
        let span = self.map.span(&self.text, range);
        span.start.saturating_sub(self.shift)..span.end.saturating_sub(self.shift)
    }

    /// The findings whose span meets `span` (touching counts: a cursor just after a value is on it).
    pub fn diagnostics_at(&self, span: &Span) -> impl Iterator<Item = &Diagnostic> {
        let span = span.clone();
        self.diagnostics
            .iter()
            .filter(move |d| d.span.start <= span.end && span.start <= d.span.end)
    }
}
