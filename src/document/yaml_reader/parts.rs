//! A long sequence read in parts, one per thread: split at its items' dashes, each part read by a
//! reader of its own, and the parts' items and keys joined in document order.

use super::{Next, Reader};
use crate::document::tree::Node;

/// From this length on, a sequence is read in parts. Below it, finding where the sequence ends
/// (one pass over its lines) and starting the threads cost more than the parts save: in process,
/// a plan of 1,000 rows (245 KB) took 0.66 ms in parts and 0.49 ms in turn, one of 4,000 rows
/// (1 MB) 2.4 and 2.2 ms, one of 20,000 rows 11.3 and 11.5 ms, one of 100,000 rows 63 and 72 ms.
pub(super) const PARTS_FROM: usize = 1 << 20;

impl Reader<'_> {
    /// Where a long sequence (the first item at `self.at`) splits into parts of about the same
    /// length, one per thread: the `-` of the item that starts each part but the first. None for
    /// a short sequence or a single thread.
    pub(super) fn parts(&self, indent: usize) -> Vec<usize> {
        if self.threads < 2 || self.bytes.len() - self.at < PARTS_FROM {
            return Vec::new();
        }
        // The lines with content from the one after `from` on: their indent and first character.
        let contents = |from: usize| {
            std::iter::successors(self.next_content(from), |&(_, at)| {
                self.next_content(self.line_end(at) + 1)
            })
        };
        // The sequence ends at the first of them indented less, or as much without a `-`.
        let end = contents(self.at)
            .find(|&(column, at)| column < indent || column == indent && !self.is_dash(at))
            .map_or(self.bytes.len(), |(_, at)| at);
        if end - self.at < PARTS_FROM {
            return Vec::new();
        }
        let mut parts = Vec::new();
        for part in 1..self.threads {
            let target = self.at + (end - self.at) * part / self.threads;
            let found = contents(target)
                .take_while(|&(_, at)| at < end)
                .find(|&(column, at)| column == indent && self.is_dash(at));
            if let Some((_, at)) = found
                && parts.last().is_none_or(|&last| last < at)
            {
                parts.push(at);
            }
        }
        parts
    }

    /// [`Reader::items`] read in parts on threads of their own: this reader reads up to the first
    /// of `parts`, another from each to the next. The keys the others number are numbered again
    /// in this reader's table, in document order, so that the tree is the one read in turn.
    pub(super) fn items_in_parts(
        &mut self,
        indent: usize,
        depth: usize,
        parts: &[usize],
    ) -> Option<(Vec<Node>, Next)> {
        let text = self.text;
        let read_part = |index: usize| {
            let mut reader = Reader::new(text, parts[index], 1);
            let stop = parts.get(index + 1).copied();
            let read = reader.items(indent, depth, stop)?;
            Some((read, reader.keys))
        };
        let (first, others) = std::thread::scope(|scope| {
            let others: Vec<_> = (0..parts.len())
                .map(|index| scope.spawn(move || read_part(index)))
                .collect();
            let first = self.items(indent, depth, parts.first().copied());
            let others: Vec<_> = others
                .into_iter()
                .map(|handle| {
                    handle
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect();
            (first, others)
        });
        let (mut items, mut next) = first?;
        for (index, other) in others.into_iter().enumerate() {
            // Each part ends where the next starts.
            if next != Some((indent, parts[index])) {
                return None;
            }
            let ((mut part, part_next), keys) = other?;
            self.keys.adopt(&keys, &mut part);
            items.append(&mut part);
            next = part_next;
        }
        Some((items, next))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Reader, read};
    use super::PARTS_FROM;
    use crate::document::yaml::parse_events;

    /// A plan of a few megabytes, with keys of its own in some rows, comments and blank lines
    /// between rows, parts, and a second long table; rows at the key's indent when `compact`.
    fn long_plan(compact: bool, eol: &str) -> String {
        let rows_indent = if compact { "      " } else { "        " };
        let mut text = format!("format: odp-plan/1{eol}sections:{eol}  D:{eol}");
        for table in ["spatial", "non_spatial"] {
            text.push_str(&format!(
                "    {table}:  # the {table} table{eol}      rows:{eol}"
            ));
            // Each table's rows over PARTS_FROM, so that each is read in parts.
            for n in 0..PARTS_FROM / 60 {
                let r = rows_indent;
                text.push_str(&format!("{r}- item: {n}{eol}{r}  category: 交通{eol}"));
                text.push_str(&format!("{r}  name: '數據集 {n}'  # a name{eol}"));
                if n % 7 == 3 {
                    text.push_str(&format!("{r}  remark_{}: x{eol}", n % 3));
                }
                if n % 11 == 5 {
                    text.push_str(&format!(
                        "{r}  parts:{eol}{r}    - description: a{eol}{r}      frequency: 每月{eol}"
                    ));
                }
                text.push_str(&format!("{r}  release_date: 03/2019{eol}"));
                if n % 13 == 0 {
                    text.push_str(&format!(
                        "{eol}# a comment between rows{eol}{r}  # and one inside{eol}"
                    ));
                }
            }
        }
        text
    }

    #[test]
    fn a_long_last_line_is_read_in_turn() {
        let long = "x".repeat(3 * PARTS_FROM);
        for text in [
            format!("- {long}"),
            format!("- a\n- {long}"),
            format!("a:\n- b\n- {long}"),
            format!("a:\n  - {long}\n  - b"),
        ] {
            let in_turn = read(&text, 1);
            assert!(in_turn.is_some());
            assert_eq!(read(&text, 4), in_turn);
        }
    }

    #[test]
    fn a_long_sequence_read_in_parts_is_the_sequence_read_in_turn() {
        for (compact, eol) in [(false, "\n"), (true, "\n"), (false, "\r\n")] {
            let text = long_plan(compact, eol);
            assert!(text.len() > 2 * PARTS_FROM, "{}", text.len());
            let first = text.find("- item").unwrap();
            let reader = Reader::new(&text, first, 3);
            let indent = first - text[..first].rfind('\n').unwrap() - 1;
            assert_eq!(reader.parts(indent).len(), 2, "split in three");
            let in_turn = read(&text, 1).expect("read in turn");
            for threads in [2, 3, 5] {
                assert_eq!(read(&text, threads).as_ref(), Some(&in_turn));
            }
            assert_eq!(parse_events(&text).tree.as_ref(), Some(&in_turn));
            // A part that declines (a flow mapping near the end) declines the whole.
            let at = text.rfind("name: '").unwrap();
            let broken = format!(
                "{}name: {{a: 1}}{}",
                &text[..at],
                &text[at..].split_once(eol).unwrap().1
            );
            let broken = broken.replacen("{a: 1}", &format!("{{a: 1}}{eol}"), 1);
            assert_eq!(read(&broken, 3), None);
            assert_eq!(read(&broken, 1), None);
        }
    }
}
