//! T006: brackets that do not pair up, or a bracket closed by one of the other width.

use crate::diagnostic::{Applicability, Diagnostic};
use crate::messages::Message;
use crate::model::TextCell;
use crate::rule::declare_rule;
use crate::rules::context::Context;

declare_rule! {
    /// ## What it checks
    /// Brackets in a cell do not pair up (an opening one never closed, a closing one never
    /// opened, pairs crossing each other), or a full-width bracket is closed by a half-width one
    /// (`（...)`) or the reverse. One diagnostic per cell, at the first problem.
    ///
    /// ## Why it matters
    /// Unpaired brackets are a sign of text lost in copying (often across a page break), and
    /// mixed widths look wrong in the published table.
    ///
    /// ## Example that fails
    /// ```yaml
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 法律及保安
    ///           name: 詳細罪案統計
    ///           description: 以CSV格式的圖表顯示一些罪案（包括兇殺案及行劫案)
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
    ///           name: 詳細罪案統計
    ///           description: 以CSV格式的圖表顯示一些罪案（包括兇殺案及行劫案）
    ///           release_date: 10/2016
    ///           frequency: 每年
    /// ```
    ///
    /// ## Fix safety
    /// Safe where the pair is certain: a bracket closed by the other width of its own kind is given
    /// the matching width; it is the same bracket, so the text reads the same. Missing or crossing
    /// brackets get no fix: where the text was cut is unknown.
    pub static UNBALANCED_BRACKETS = {
        code: "T006",
        name: "unbalanced-brackets",
        severity: Warning,
        fix: Sometimes(Safe),
    };
}

/// Opening brackets and the closing bracket each expects.
const PAIRS: [(char, char); 12] = [
    ('(', ')'),
    ('（', '）'),
    ('[', ']'),
    ('［', '］'),
    ('{', '}'),
    ('｛', '｝'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
    ('《', '》'),
    ('〈', '〉'),
    ('〔', '〕'),
];

/// Whether `c` opens or closes a pair of [`PAIRS`]: a text without one has no problem here.
pub(super) fn is_bracket(c: char) -> bool {
    PAIRS.iter().any(|&(open, close)| c == open || c == close)
}

/// The same bracket in the other width, for the kinds that have both.
fn other_width(c: char) -> Option<char> {
    Some(match c {
        '(' => '（',
        ')' => '）',
        '[' => '［',
        ']' => '］',
        '{' => '｛',
        '}' => '｝',
        '（' => '(',
        '）' => ')',
        '［' => '[',
        '］' => ']',
        '｛' => '{',
        '｝' => '}',
        _ => return None,
    })
}

#[derive(Debug, PartialEq, Eq)]
enum BracketProblem {
    /// Opened with `open`, closed with `found` of the other width; `expected` would match.
    WidthMismatch {
        open: char,
        found: char,
        expected: char,
        at: std::ops::Range<usize>,
    },
    Unopened {
        found: char,
        at: std::ops::Range<usize>,
    },
    Crossing {
        open: char,
        found: char,
        at: std::ops::Range<usize>,
    },
    Unclosed {
        open: char,
        at: std::ops::Range<usize>,
    },
}

fn find_bracket_problem(text: &str) -> Option<BracketProblem> {
    let mut stack: Vec<(char, usize)> = Vec::new();
    for (offset, c) in text.char_indices() {
        let at = offset..offset + c.len_utf8();
        if PAIRS.iter().any(|(open, _)| *open == c) {
            stack.push((c, offset));
            continue;
        }
        if !PAIRS.iter().any(|(_, close)| *close == c) {
            continue;
        }
        let Some(&(open, _)) = stack.last() else {
            return Some(BracketProblem::Unopened { found: c, at });
        };
        let expected = PAIRS
            .iter()
            .find(|(o, _)| *o == open)
            .map_or(c, |(_, close)| *close);
        if c == expected {
            stack.pop();
        } else if other_width(c) == Some(expected) {
            return Some(BracketProblem::WidthMismatch {
                open,
                found: c,
                expected,
                at,
            });
        } else {
            return Some(BracketProblem::Crossing { open, found: c, at });
        }
    }
    stack
        .first()
        .map(|&(open, offset)| BracketProblem::Unclosed {
            open,
            at: offset..offset + open.len_utf8(),
        })
}

pub(super) fn unbalanced_brackets(
    context: &Context<'_>,
    cell: &TextCell<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let value = cell.value;
    let Some(problem) = find_bracket_problem(value) else {
        return;
    };
    let pointer = cell.pointer();
    let pointer = pointer.as_str();
    let (message, at, fix) = match &problem {
        BracketProblem::WidthMismatch {
            open,
            found,
            expected,
            at,
        } => {
            let fix = context.edit_in_cell(
                pointer,
                value,
                &[(at.clone(), expected.to_string())],
                Applicability::Safe,
                Message::new("T006.fix").arg("expected", expected),
            );
            (
                Message::new("T006.width")
                    .arg("open", open)
                    .arg("found", found)
                    .arg("expected", expected),
                at,
                fix,
            )
        }
        BracketProblem::Unopened { found, at } => {
            (Message::new("T006.unopened").arg("found", found), at, None)
        }
        BracketProblem::Crossing { open, found, at } => (
            Message::new("T006.crossing")
                .arg("open", open)
                .arg("found", found),
            at,
            None,
        ),
        BracketProblem::Unclosed { open, at } => {
            (Message::new("T006.unclosed").arg("open", open), at, None)
        }
    };
    let span = context
        .span_in_cell(pointer, value, at.clone())
        .unwrap_or_else(|| context.span(pointer));
    out.push(
        Diagnostic::new(&UNBALANCED_BRACKETS, pointer, span, message)
            .with_label(Message::new("T006.label"))
            .with_fix(fix),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_pair_by_kind_and_width() {
        assert_eq!(find_bracket_problem("警署(區/分區)位置"), None);
        assert_eq!(find_bracket_problem("《2023-2025年度計劃》"), None);
        assert!(matches!(
            find_bracket_problem("罪案（包括兇殺案)"),
            Some(BracketProblem::WidthMismatch {
                expected: '）', ..
            })
        ));
        assert!(matches!(
            find_bracket_problem("a)"),
            Some(BracketProblem::Unopened { .. })
        ));
        assert!(matches!(
            find_bracket_problem("「a（b」）"),
            Some(BracketProblem::Crossing { .. })
        ));
        assert!(matches!(
            find_bracket_problem("a（b"),
            Some(BracketProblem::Unclosed { .. })
        ));
    }
}
