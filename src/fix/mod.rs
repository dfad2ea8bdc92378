//! Fixing: byte-range edits applied to the original text (everything outside them stays byte for
//! byte), pass after pass until no allowed fix remains (`crate::atomic` writes the result).

pub mod diff;
pub mod verify;

use std::collections::{BTreeSet, HashSet};

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::document::{Document, Span};
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
            FixMode::Unsafe => applicability != Applicability::DisplayOnly,
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
    /// Fixes that were not applied because the result would not read as they intend.
    pub refused: Vec<Refused>,
    /// The intended changes of each pass that applied fixes (pointers name nodes of the text
    /// before that pass): the fixed value is the original with these made, pass after pass.
    pub applied: Vec<Vec<crate::diagnostic::Effect>>,
    /// Whether the text changed at all.
    pub changed: bool,
    /// How many passes applied fixes.
    pub passes: usize,
}

/// A fix left out, where its finding stands in the fixed document, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Refused {
    pub code: &'static str,
    pub span: Span,
    pub reason: RefusedBecause,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefusedBecause {
    /// Re-parsed, the text would read differently from the original plus the fix's intent.
    ReadsOtherwise,
    /// The edit lies in an anchored node that aliases repeat: every copy would change.
    SharedAnchor,
}

impl RefusedBecause {
    pub fn message_id(self) -> &'static str {
        match self {
            RefusedBecause::ReadsOtherwise => "fix.refused-reads-otherwise",
            RefusedBecause::SharedAnchor => "fix.refused-shared-anchor",
        }
    }
}

/// What identifies one finding's fix from pass to pass (spans move, these do not).
type FixKey = (&'static str, String, Vec<String>);

fn fix_key(diagnostic: &Diagnostic) -> FixKey {
    (
        diagnostic.rule.code,
        diagnostic.pointer.clone(),
        diagnostic
            .fix
            .iter()
            .flat_map(|f| f.edits.iter().map(|e| e.replacement.clone()))
            .collect(),
    )
}

/// Applies the allowed fixes pass after pass, re-checking between passes, until none is left.
/// Each pass is re-parsed and compared with the original (see [`verify`]): a fix whose result
/// would read otherwise is left out and reported in [`Fixed::refused`]. A document that does not
/// parse is returned unchanged: there is nothing safe to edit.
pub fn fix_document(document: Document, policy: &Policy<'_>, mode: FixMode) -> Fixed {
    let mut document = document;
    let mut diagnostics = policy.check(&document);
    let mut counts: Vec<(&'static str, usize)> = Vec::new();
    let mut refused: Vec<(FixKey, RefusedBecause)> = Vec::new();
    let mut changed = false;
    let mut passes = 0;
    let mut applied = Vec::new();
    for _ in 0..MAX_PASSES {
        if document.tree.is_none() {
            break;
        }
        let refused_keys: HashSet<&FixKey> = refused.iter().map(|(key, _)| key).collect();
        let (anchored, chosen): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
            choose_fixes(&diagnostics, mode, |d| !refused_keys.contains(&fix_key(d)))
                .into_iter()
                .partition(|d| touches_shared_anchor(&document, d));
        let mut newly_refused: Vec<(FixKey, RefusedBecause)> = anchored
            .iter()
            .map(|d| (fix_key(d), RefusedBecause::SharedAnchor))
            .collect();
        let mut reads_otherwise = Vec::new();
        let (accepted, candidate) = settle(&document, chosen, &mut reads_otherwise);
        newly_refused.extend(
            reads_otherwise
                .iter()
                .map(|d| (fix_key(d), RefusedBecause::ReadsOtherwise)),
        );
        refused.extend(newly_refused);
        let Some(candidate) = candidate.filter(|c| c.text != document.text) else {
            if (accepted.is_empty() && !reads_otherwise.is_empty()) || !anchored.is_empty() {
                // Nothing applied this pass, but the next one may choose the fixes that lost
                // to a refused one on the same bytes.
                continue;
            }
            break;
        };
        applied.push(
            accepted
                .iter()
                .flat_map(|d| d.fix.iter().flat_map(|f| f.effects.iter().cloned()))
                .collect(),
        );
        for diagnostic in &accepted {
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
        diagnostics = policy.check(&document);
        changed = true;
        passes += 1;
    }
    counts.sort_unstable();
    // A refused fix is not offered again: the finding stays, without it.
    let mut refusals = Vec::new();
    for diagnostic in &mut diagnostics {
        if diagnostic.fix.is_none() {
            continue;
        }
        let key = fix_key(diagnostic);
        if let Some((_, reason)) = refused.iter().find(|(k, _)| *k == key) {
            refusals.push(Refused {
                code: diagnostic.rule.code,
                span: diagnostic.span.clone(),
                reason: *reason,
            });
            diagnostic.fix = None;
        }
    }
    Fixed {
        document,
        remaining: diagnostics,
        fixed: counts,
        refused: refusals,
        applied,
        changed,
        passes,
    }
}

/// Whether an edit of the fix lies inside (or replaces part of) an anchor that aliases repeat.
fn touches_shared_anchor(document: &Document, diagnostic: &Diagnostic) -> bool {
    let anchors = &document.shared_anchors;
    if anchors.is_empty() {
        return false;
    }
    diagnostic.fix.iter().flat_map(|f| &f.edits).any(|edit| {
        anchors.iter().any(|anchor| {
            edit.span.start < anchor.end && anchor.start < edit.span.end
                || edit.span.is_empty()
                    && anchor.start < edit.span.start
                    && edit.span.start < anchor.end
        })
    })
}

/// The text with `fixes` applied, parsed, when it reads as they intend.
fn attempt(document: &Document, fixes: &[&Diagnostic]) -> Option<Document> {
    let edits: Vec<&Edit> = fixes
        .iter()
        .flat_map(|d| d.fix.iter().flat_map(|f| &f.edits))
        .collect();
    let (text, skipped) = apply_edits(&document.text, &edits);
    if skipped > 0 {
        return None;
    }
    let candidate = Document::parse_as(document.name.clone(), &text, document.kind);
    let effects = fixes
        .iter()
        .flat_map(|d| d.fix.iter().flat_map(|f| &f.effects));
    verify::reads_as_intended(document, &candidate, effects).then_some(candidate)
}

/// The largest part of `fixes` found to read as intended, by halving: one parse when all are
/// sound, a few per unsound fix otherwise. Unsound fixes go to `refused`; a sound one that only
/// clashes with another waits for the next pass.
fn settle<'d>(
    document: &Document,
    fixes: Vec<&'d Diagnostic>,
    refused: &mut Vec<&'d Diagnostic>,
) -> (Vec<&'d Diagnostic>, Option<Document>) {
    if fixes.is_empty() {
        return (fixes, None);
    }
    if let Some(candidate) = attempt(document, &fixes) {
        return (fixes, Some(candidate));
    }
    if fixes.len() == 1 {
        refused.extend(fixes);
        return (Vec::new(), None);
    }
    let mut left = fixes;
    let right = left.split_off(left.len() / 2);
    let (left, left_document) = settle(document, left, refused);
    let (right, right_document) = settle(document, right, refused);
    if left.is_empty() {
        return (right, right_document);
    }
    if right.is_empty() {
        return (left, left_document);
    }
    let both: Vec<&Diagnostic> = left.iter().chain(&right).copied().collect();
    match attempt(document, &both) {
        Some(candidate) => (both, Some(candidate)),
        None => (left, left_document),
    }
}

/// The fixes of one pass: allowed by the mode (and `wanted`), and no two touching the same bytes.
fn choose_fixes(
    diagnostics: &[Diagnostic],
    mode: FixMode,
    wanted: impl Fn(&Diagnostic) -> bool,
) -> Vec<&Diagnostic> {
    let mut candidates: Vec<&Diagnostic> = diagnostics
        .iter()
        .filter(|d| {
            d.fix
                .as_ref()
                .is_some_and(|f| mode.allows(f.applicability) && !f.edits.is_empty())
                && wanted(d)
        })
        .collect();
    candidates.sort_by_key(|d| {
        d.fix
            .as_ref()
            .map(|f| f.edits.iter().map(|e| e.span.start).min())
    });
    // Taken ranges never overlap, so only the nearest ones can touch a new edit: a sorted set
    // keeps a pass O(n log n) in the number of fixes.
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let clash = |edit: &Edit, t: &(usize, usize)| {
        let (start, end) = *t;
        edit.span.start < end && start < edit.span.end
            || (edit.span.is_empty() || start == end) && edit.span.start == start
    };
    let mut chosen = Vec::new();
    for diagnostic in candidates {
        let Some(fix) = &diagnostic.fix else { continue };
        let overlaps = fix.edits.iter().any(|edit| {
            let before_end = (edit.span.end.max(edit.span.start + 1), 0);
            taken
                .range(..before_end)
                .rev()
                .take(2)
                .any(|t| clash(edit, t))
                || taken
                    .range((edit.span.start, 0)..=(edit.span.start, usize::MAX))
                    .any(|t| clash(edit, t))
        });
        if overlaps {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.span.start, e.span.end)));
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
