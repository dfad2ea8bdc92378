//! `fix --diff`: a unified diff of a file and its fixed text, with three lines of context.
//!
//! Fixes change a few lines here and there, but across a whole plan: a plain Myers diff is
//! O((N+M)·D), quadratic when every row has a fix. Long inputs are first cut at anchors, lines
//! that occur once in each text (patience diff), matched in order by a longest increasing
//! subsequence (O(n log n)); only the small gaps between anchors go through Myers, and a gap too
//! large for it (no anchor at all, after a few rounds of cutting) is shown as replaced whole.
//! Short inputs (and gaps) are diffed by Myers alone, exactly as before.
//!
//! Lines are shown with their control, bidi and zero-width characters made visible
//! ([`crate::visible`]), so that a diff printed to a terminal cannot drive it.

use std::collections::HashMap;
use std::fmt::Write;
use std::ops::Range;

use similar::{Algorithm, DiffOp};

/// Gaps with at most this many old lines times new lines go to Myers as a whole.
const MYERS_LIMIT: usize = 1 << 20;
/// Rounds of cutting at anchors unique within a gap, before a large gap is replaced whole.
const MAX_DEPTH: usize = 8;

/// The lines of a text, each with its line break (`\n`, `\r\n` or a lone `\r`), as git and
/// `similar` split them.
fn lines(text: &str) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'\n' => {
                out.push(&text[start..=at]);
                start = at + 1;
            }
            b'\r' if bytes.get(at + 1) == Some(&b'\n') => {
                out.push(&text[start..at + 2]);
                at += 1;
                start = at + 1;
            }
            b'\r' => {
                out.push(&text[start..=at]);
                start = at + 1;
            }
            _ => {}
        }
        at += 1;
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// A unified diff of `before` and `after` under the header names `a/NAME` and `b/NAME`; empty
/// when they are equal.
pub fn unified(name: &str, before: &str, after: &str) -> String {
    let old = lines(before);
    let new = lines(after);
    let ops = diff_ops(&old, &new);
    let mut out = String::new();
    let groups = similar::group_diff_ops(ops, 3);
    if groups.is_empty() {
        return out;
    }
    let name = crate::visible::visible(name.trim_start_matches('/'));
    let _ = writeln!(out, "--- a/{name}");
    let _ = writeln!(out, "+++ b/{name}");
    for group in groups {
        let _ = writeln!(out, "{}", similar::udiff::UnifiedHunkHeader::new(&group));
        for op in &group {
            let (removed, added) = (op.old_range(), op.new_range());
            match op {
                DiffOp::Equal { .. } => push_lines(&mut out, ' ', &old[removed]),
                DiffOp::Delete { .. } => push_lines(&mut out, '-', &old[removed]),
                DiffOp::Insert { .. } => push_lines(&mut out, '+', &new[added]),
                DiffOp::Replace { .. } => {
                    push_lines(&mut out, '-', &old[removed]);
                    push_lines(&mut out, '+', &new[added]);
                }
            }
        }
    }
    out
}

fn push_lines(out: &mut String, tag: char, lines: &[&str]) {
    for line in lines {
        out.push(tag);
        // A lone `\r` ending a line is shown (`\r`), and the diff line ends with `\n`.
        let (body, end) = if let Some(body) = line.strip_suffix("\r\n") {
            (body, "\r\n")
        } else if let Some(body) = line.strip_suffix('\n') {
            (body, "\n")
        } else if line.ends_with('\r') {
            (*line, "\n")
        } else {
            (*line, "")
        };
        crate::visible::push(out, body);
        out.push_str(end);
        if end.is_empty() {
            out.push_str("\n\\ No newline at end of file\n");
        }
    }
}

/// The operations that turn `old` into `new`, in order.
fn diff_ops(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let mut ops = Vec::new();
    diff_range(old, 0..old.len(), new, 0..new.len(), MAX_DEPTH, &mut ops);
    ops
}

fn push_op(ops: &mut Vec<DiffOp>, op: DiffOp) {
    if let (
        Some(DiffOp::Equal {
            old_index,
            new_index,
            len,
        }),
        DiffOp::Equal {
            len: more,
            old_index: next_old,
            ..
        },
    ) = (ops.last().copied(), op)
        && old_index + len == next_old
    {
        *ops.last_mut().expect("a last op") = DiffOp::Equal {
            old_index,
            new_index,
            len: len + more,
        };
        return;
    }
    ops.push(op);
}

fn diff_range(
    old: &[&str],
    mut o: Range<usize>,
    new: &[&str],
    mut n: Range<usize>,
    depth: usize,
    ops: &mut Vec<DiffOp>,
) {
    let prefix = old[o.clone()]
        .iter()
        .zip(&new[n.clone()])
        .take_while(|(a, b)| a == b)
        .count();
    if prefix > 0 {
        push_op(
            ops,
            DiffOp::Equal {
                old_index: o.start,
                new_index: n.start,
                len: prefix,
            },
        );
        o.start += prefix;
        n.start += prefix;
    }
    let suffix = old[o.clone()]
        .iter()
        .rev()
        .zip(new[n.clone()].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let tail = DiffOp::Equal {
        old_index: o.end - suffix,
        new_index: n.end - suffix,
        len: suffix,
    };
    o.end -= suffix;
    n.end -= suffix;
    gap(old, o, new, n, depth, ops);
    if suffix > 0 {
        push_op(ops, tail);
    }
}

/// A stretch with no common first or last line.
fn gap(
    old: &[&str],
    o: Range<usize>,
    new: &[&str],
    n: Range<usize>,
    depth: usize,
    ops: &mut Vec<DiffOp>,
) {
    if o.is_empty() && n.is_empty() {
        return;
    }
    if o.is_empty() {
        ops.push(DiffOp::Insert {
            old_index: o.start,
            new_index: n.start,
            new_len: n.len(),
        });
        return;
    }
    if n.is_empty() {
        ops.push(DiffOp::Delete {
            old_index: o.start,
            old_len: o.len(),
            new_index: n.start,
        });
        return;
    }
    if o.len().saturating_mul(n.len()) <= MYERS_LIMIT {
        for op in similar::capture_diff(Algorithm::Myers, old, o, new, n) {
            push_op(ops, op);
        }
        return;
    }
    let anchors = if depth == 0 {
        Vec::new()
    } else {
        anchors(old, o.clone(), new, n.clone())
    };
    if anchors.is_empty() {
        ops.push(DiffOp::Replace {
            old_index: o.start,
            old_len: o.len(),
            new_index: n.start,
            new_len: n.len(),
        });
        return;
    }
    let (mut old_at, mut new_at) = (o.start, n.start);
    for (a, b) in anchors {
        diff_range(old, old_at..a, new, new_at..b, depth - 1, ops);
        push_op(
            ops,
            DiffOp::Equal {
                old_index: a,
                new_index: b,
                len: 1,
            },
        );
        (old_at, new_at) = (a + 1, b + 1);
    }
    diff_range(old, old_at..o.end, new, new_at..n.end, depth - 1, ops);
}

/// Lines found exactly once in each range, as (old, new) index pairs: the longest chain of
/// them in the same order in both.
fn anchors(old: &[&str], o: Range<usize>, new: &[&str], n: Range<usize>) -> Vec<(usize, usize)> {
    // For each line text: (times in old, index in old, times in new, index in new).
    let mut seen: HashMap<&str, (u32, usize, u32, usize)> = HashMap::new();
    for index in o {
        let entry = seen.entry(old[index]).or_insert((0, index, 0, 0));
        entry.0 = entry.0.saturating_add(1);
    }
    for index in n {
        if let Some(entry) = seen.get_mut(new[index]) {
            entry.2 = entry.2.saturating_add(1);
            entry.3 = index;
        }
    }
    let mut pairs: Vec<(usize, usize)> = seen
        .into_values()
        .filter(|&(in_old, _, in_new, _)| in_old == 1 && in_new == 1)
        .map(|(_, a, _, b)| (a, b))
        .collect();
    pairs.sort_unstable();
    longest_increasing(&pairs)
}

/// The longest subsequence of `pairs` (sorted by their first index) whose second indices
/// increase, by patience sorting.
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: the index in `pairs` of the smallest second index ending a chain of k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (index, &(_, b)) in pairs.iter().enumerate() {
        let at = tails.partition_point(|&t| pairs[t].1 < b);
        previous[index] = at.checked_sub(1).map(|p| tails[p]);
        if at == tails.len() {
            tails.push(index);
        } else {
            tails[at] = index;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(index) = at {
        chain.push(pairs[index]);
        at = previous[index];
    }
    chain.reverse();
    chain
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reference(name: &str, before: &str, after: &str) -> String {
        similar::TextDiff::from_lines(before, after)
            .unified_diff()
            .context_radius(3)
            .header(&format!("a/{name}"), &format!("b/{name}"))
            .to_string()
    }

    /// Applies a diff's lines back: the old text from ` ` and `-`, the new from ` ` and `+`,
    /// which must give the inputs whatever hunks the diff chose (here all lines are context
    /// or changes, since the radius covers the whole text).
    fn sides(diff: &str) -> (String, String) {
        let (mut old, mut new) = (String::new(), String::new());
        for line in diff.split_inclusive('\n').skip(2) {
            match line.as_bytes()[0] {
                b' ' => {
                    old.push_str(&line[1..]);
                    new.push_str(&line[1..]);
                }
                b'-' => old.push_str(&line[1..]),
                b'+' => new.push_str(&line[1..]),
                _ => {}
            }
        }
        (old, new)
    }

    #[test]
    fn short_inputs_diff_as_similar_does() {
        let cases = [
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc", "a\nb\nC"),
            ("x\r\ny\r\n", "x\r\nz\r\n"),
            (
                "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n",
                "1\n2\n3\n4\nfive\n6\n7\n8\n9\nten\n",
            ),
            ("", "new\n"),
            ("old\n", ""),
        ];
        for (before, after) in cases {
            assert_eq!(
                unified("p.yaml", before, after),
                reference("p.yaml", before, after),
                "{before:?} -> {after:?}"
            );
        }
        assert_eq!(unified("p.yaml", "same\n", "same\n"), "");
    }

    #[test]
    fn long_inputs_with_a_change_per_line_stay_exact() {
        let before: String = (0..5000)
            .map(|i| format!("- item: {i}\n  date: {}/2020\n  every: year\n", i % 12 + 1))
            .collect();
        let after = before.replace("/2020", "/2021");
        let diff = unified("p.yaml", &before, &after);
        let (old, new) = sides(&diff);
        // Context is kept around each change; every changed line is there, in order.
        assert_eq!(old.lines().filter(|l| l.contains("/2020")).count(), 5000);
        assert_eq!(new.lines().filter(|l| l.contains("/2021")).count(), 5000);
        assert_eq!(diff.lines().filter(|l| l.starts_with('-')).count(), 5001);
    }

    #[test]
    fn a_large_gap_without_anchors_is_replaced_whole() {
        let before = "x\n".repeat(3000);
        let after = "y\n".repeat(3000);
        let diff = unified("p.yaml", &before, &after);
        assert_eq!(sides(&diff), (before, after));
    }

    #[test]
    fn controls_in_lines_and_names_are_shown() {
        let diff = unified("a\u{1b}]0;x\u{7}.yaml", "k: \u{1b}[2J\n", "k: \u{202e}v\n");
        assert!(
            !diff.contains('\u{1b}') && !diff.contains('\u{202e}'),
            "{diff}"
        );
        assert!(diff.contains("-k: \\u{1b}[2J\n+k: \\u{202e}v\n"), "{diff}");
        let diff = unified("p.yaml", "a\rb\r", "a\rc\r");
        assert!(diff.ends_with(" a\\r\n-b\\r\n+c\\r\n"), "{diff}");
    }
}
