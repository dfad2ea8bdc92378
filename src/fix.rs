//! Applies byte-range edits to a text. Edits that overlap an earlier one are left for a later
//! pass, so one pass never applies two edits to the same bytes.

use crate::diagnostic::Edit;

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
