//! Fixing: byte-range edits applied to the original text (everything outside them stays byte for
//! byte), pass after pass until no allowed fix remains (`crate::atomic` writes the result).

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::Document;
use crate::lint;
use crate::policy::Policy;

/// The text with every non-overlapping edit applied, and how many edits were skipped.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|edit| (edit.span.start, edit.span.end));
    let mut out = String::with_capacity(text.len());
    let mut cursor = 0;
    let mut skipped = 0;
    for edit in sorted {
        let valid = edit.span.start >= cursor
            && edit.span.end <= text.len()
            && edit.span.start <= edit.span.end
            && text.is_char_boundary(edit.span.start)
            && text.is_char_boundary(edit.span.end);
        // Two insertions at one point would be order-dependent; keep the first only.
        let same_point_insert = edit.span.is_empty() && edit.span.start < cursor;
        if !valid || same_point_insert {
            skipped += 1;
            continue;
        }
        out.push_str(&text[cursor..edit.span.start]);
        out.push_str(&edit.replacement);
        cursor = edit.span.end.max(edit.span.start);
    }
    out.push_str(&text[cursor..]);
    (out, skipped)
}

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixMode {
    /// Only fixes that keep the plan's meaning.
    Safe,
    /// Safe fixes and those a person should confirm (renumbering, removing a row).
    Unsafe,
}

impl FixMode {
    pub fn allows(self, applicability: Applicability) -> bool {
        match self {
            FixMode::Safe => applicability == Applicability::Safe,
            FixMode::Unsafe => true,
        }
    }
}

/// Passes at most: each pass can only remove findings, so a plan converges long before this.
pub const MAX_PASSES: usize = 10;

/// The result of fixing one document.
#[derive(Debug)]
pub struct Fixed {
    /// The repaired document (re-parsed), with the findings that remain.
    pub document: Document,
    pub remaining: Vec<Diagnostic>,
    /// How many findings each rule had fixed, by code.
    pub fixed: Vec<(&'static str, usize)>,
    /// Whether the text changed at all.
    pub changed: bool,
    /// How many passes applied fixes.
    pub passes: usize,
}

/// Applies the allowed fixes pass after pass, re-checking between passes, until none is left.
/// A document that does not parse is returned unchanged: there is nothing safe to edit.
pub fn fix_document(document: Document, policy: &Policy<'_>, mode: FixMode) -> Fixed {
    let mut document = document;
    let mut diagnostics = lint::check_with_policy(&document, policy);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut changed = false;
    let mut passes = 0;
    for _ in 0..MAX_PASSES {
        if document.value.is_none() {
            break;
        }
        let chosen = choose_fixes(&diagnostics, mode);
        if chosen.is_empty() {
            break;
        }
        let edits: Vec<&Edit> = chosen
            .iter()
            .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
            .collect();
        let (text, _) = apply_edits(&document.text, &edits);
        if text == document.text {
            break;
        }
        let candidate = Document::parse_as(document.name.clone(), &text, document.kind);
        if candidate.value.is_none() {
            // A fix must never break the file; stop with what parsed.
            break;
        }
        for diagnostic in &chosen {
            match counts
                .iter_mut()
                .find(|(code, _)| *code == diagnostic.rule.code)
            {
                Some((_, count)) => *count += 1,
                None => counts.push((diagnostic.rule.code, 1)),
            }
        }
        let had_bom = document.had_bom;
        document = candidate;
        document.had_bom = had_bom;
        diagnostics = lint::check_with_policy(&document, policy);
        changed = true;
        passes += 1;
    }
    counts.sort_unstable();
    Fixed {
        document,
        remaining: diagnostics,
        fixed: counts,
        changed,
        passes,
    }
}

/// The fixes of one pass: allowed by the mode, and no two touching the same bytes.
fn choose_fixes(diagnostics: &[Diagnostic], mode: FixMode) -> Vec<&Diagnostic> {
    let mut candidates: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| mode.allows(f.applicability) && !f.edits.is_empty())
        })
        .collect();
    candidates.sort_by_key(|d| {
        d.fix
            .as_ref()
            .map(|f| f.edits.iter().map(|e| e.span.start).min())
    });
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    let mut chosen = Vec::new();
    for diagnostic in candidates {
        let Some(fix) = &diagnostic.fix else { continue };
        let overlaps = fix.edits.iter().any(|edit| {
            taken.iter().any(|t| {
                edit.span.start < t.end && t.start < edit.span.end
                    || (edit.span.is_empty() || t.is_empty()) && (edit.span.start == t.start)
            })
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| e.span.clone()));
        chosen.push(diagnostic);
    }
    chosen
}

/// The document's bytes as they should be written: the byte-order mark put back if it had one.
pub fn file_bytes(document: &Document) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(document.text.len() + 3);
    if document.had_bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(document.text.as_bytes());
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edit(start: usize, end: usize, replacement: &str) -> Edit {
        Edit {
            span: start..end,
            replacement: replacement.to_string(),
        }
    }

    #[test]
    fn edits_apply_in_order_and_overlaps_wait() {
        let text = "a: 2/2015\nb: 5/2016\n";
        let first = edit(3, 9, "02/2015");
        let second = edit(13, 19, "05/2016");
        let overlapping = edit(5, 11, "x");
        let (out, skipped) = apply_edits(text, &[&second, &overlapping, &first]);
        assert_eq!(out, "a: 02/2015\nb: 05/2016\n");
        assert_eq!(skipped, 1);
    }

    #[test]
    fn out_of_range_edits_are_skipped() {
        let (out, skipped) = apply_edits("ab", &[&edit(1, 9, "x")]);
        assert_eq!((out.as_str(), skipped), ("ab", 1));
    }
}
