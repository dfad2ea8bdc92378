//! Rebuilds paragraphs and tables from where things are drawn. A table row is the band between
//! two horizontal rules that vertical rules cross; its cells are split at the vertical rules
//! crossing that band (so a merged cell stays one cell, and centred header text cannot move a
//! column). Inside a band, a line whose first cell is an item number starts a new row (rows
//! drawn without rules between them). Everything outside the bands is a line of text, a
//! paragraph. A table at the top of a page continues one that ended the page before; page
//! numbers at a page's edge are dropped.

use super::content::{Edge, Glyph, Page};
use crate::import::join_wrapped;

/// Rules closer than this (points) are one rule: borders drawn once per cell, double lines.
const SAME_RULE: f32 = 1.5;

/// A piece of the document before it is written out: text with its kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// A line of text outside tables, and whether it may continue the line above (no wider
    /// gap than a line's own height between them).
    Line { text: String, joins_previous: bool },
    /// A table's rows; each cell is its text and how many columns of the table's grid it covers.
    Table(Vec<Vec<(String, usize)>>),
}

/// The pieces of the pages, in reading order.
pub fn pieces(pages: &[Page]) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for (number, page) in pages.iter().enumerate() {
        let mut page_pieces = page_pieces(page, number + 1);
        if let (Some(Piece::Table(previous)), Some(Piece::Table(_))) =
            (pieces.last_mut(), page_pieces.first())
            && let Piece::Table(rows) = page_pieces.remove(0)
        {
            continue_table(previous, rows);
        }
        pieces.extend(page_pieces);
    }
    pieces
}

/// Appends the rows a page continues a table with: the header row the page repeats is dropped,
/// and a first row without an item number is the rest of the row the page break cut, joined to
/// it cell by cell.
fn continue_table(table: &mut Vec<Vec<(String, usize)>>, mut rows: Vec<Vec<(String, usize)>>) {
    let texts =
        |row: &Vec<(String, usize)>| row.iter().map(|cell| cell.0.clone()).collect::<Vec<_>>();
    if table.len() > 1 && rows.first().map(texts) == table.first().map(texts) {
        rows.remove(0);
    }
    let broken = rows.first().zip(table.last()).is_some_and(|(rest, cut)| {
        rest.len() == cut.len()
            && rest[0].0.is_empty()
            && item_number(&cut[0].0)
            && rest.iter().zip(cut).all(|(a, b)| a.1 == b.1)
    });
    if broken {
        let rest = rows.remove(0);
        let cut = table.last_mut().expect("checked above");
        for (cell, (text, _)) in cut.iter_mut().zip(rest) {
            if !text.is_empty() {
                join_wrapped(&mut cell.0, &text);
            }
        }
    }
    table.extend(rows);
}

struct Band {
    top: f32,
    bottom: f32,
    boundaries: Vec<f32>,
}

fn page_pieces(page: &Page, page_number: usize) -> Vec<Piece> {
    let bands = bands(&page.edges);
    let mut in_band: Vec<Vec<&Glyph>> = vec![Vec::new(); bands.len()];
    let mut outside: Vec<&Glyph> = Vec::new();
    for glyph in &page.glyphs {
        let band = bands.iter().position(|band| {
            glyph.y < band.top
                && glyph.y > band.bottom
                && glyph.x + glyph.width / 2.0 > band.boundaries[0]
                && glyph.x + glyph.width / 2.0 < band.boundaries[band.boundaries.len() - 1]
        });
        match band {
            Some(index) => in_band[index].push(glyph),
            None => outside.push(glyph),
        }
    }
    // Blocks by their top: (top, piece).
    let mut placed: Vec<(f32, Piece)> = Vec::new();
    let mut lines = baseline_lines(&outside);
    drop_page_number(&mut lines, page, page_number);
    let mut previous: Option<(f32, f32)> = None;
    for line in &lines {
        let text = line_text(line);
        let (y, size) = (line[0].y, line_size(line));
        let joins_previous = previous.is_some_and(|(above, above_size)| {
            above - y <= 1.6 * above_size.max(size)
                && !bands.iter().any(|band| band.top < above && band.top > y)
        });
        previous = Some((y, size));
        placed.push((
            y + size,
            Piece::Line {
                text,
                joins_previous,
            },
        ));
    }
    // Bands that touch form one table, with one grid.
    let mut index = 0;
    while index < bands.len() {
        let mut end = index + 1;
        while end < bands.len() && (bands[end - 1].bottom - bands[end].top).abs() <= SAME_RULE {
            end += 1;
        }
        let grid = cluster(
            bands[index..end]
                .iter()
                .flat_map(|band| band.boundaries.iter().copied())
                .collect(),
        );
        let mut rows = Vec::new();
        for band_index in index..end {
            rows.extend(band_rows(&bands[band_index], &in_band[band_index], &grid));
        }
        if !rows.is_empty() {
            placed.push((bands[index].top, Piece::Table(rows)));
        }
        index = end;
    }
    placed.sort_by(|a, b| b.0.total_cmp(&a.0));
    placed.into_iter().map(|(_, piece)| piece).collect()
}

/// The rows of one band: split where a line's first cell holds an item number.
fn band_rows(band: &Band, glyphs: &[&Glyph], grid: &[f32]) -> Vec<Vec<(String, usize)>> {
    let cells = band.boundaries.len() - 1;
    let mut rows: Vec<Vec<String>> = Vec::new();
    for line in baseline_lines(glyphs) {
        let mut texts = vec![Vec::new(); cells];
        for glyph in &line {
            let middle = glyph.x + glyph.width / 2.0;
            let cell = band.boundaries[1..]
                .iter()
                .position(|edge| middle < *edge)
                .unwrap_or(cells - 1);
            texts[cell].push(*glyph);
        }
        // A space drawn at the end of a cell's line stays: it is the space between the words
        // the line wraps.
        let texts: Vec<String> = texts
            .iter()
            .map(|glyphs| {
                let mut text = line_text(glyphs);
                if !text.is_empty()
                    && glyphs
                        .last()
                        .is_some_and(|glyph| glyph.text.trim().is_empty())
                {
                    text.push(' ');
                }
                text
            })
            .collect();
        let starts_row =
            item_number(&texts[0]) && rows.last().is_some_and(|row| item_number(&row[0]));
        if rows.is_empty() || starts_row {
            rows.push(vec![String::new(); cells]);
        }
        let row = rows.last_mut().expect("a row was just made");
        for (cell, text) in row.iter_mut().zip(texts) {
            if !text.is_empty() {
                join_wrapped(cell, &text);
            }
        }
    }
    if rows.is_empty() {
        rows.push(vec![String::new(); cells]);
    }
    rows.into_iter()
        .map(|row| {
            row.into_iter()
                .enumerate()
                .map(|(cell, mut text)| {
                    text.truncate(text.trim_end().len());
                    let (left, right) = (band.boundaries[cell], band.boundaries[cell + 1]);
                    let columns = grid
                        .windows(2)
                        .filter(|pair| pair[0] >= left - SAME_RULE && pair[1] <= right + SAME_RULE)
                        .count()
                        .max(1);
                    (text, columns)
                })
                .collect()
        })
        .collect()
}

/// Whether a cell is an item number (`1`, `12.`).
fn item_number(text: &str) -> bool {
    let digits = text.trim().trim_end_matches('.');
    (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Table row bands, top first: between two consecutive horizontal rules, where at least two
/// vertical rules cross the band's middle.
fn bands(edges: &[Edge]) -> Vec<Band> {
    let mut ys: Vec<f32> = edges
        .iter()
        .flat_map(|edge| match edge {
            Edge::Horizontal { y, .. } => vec![*y],
            // A row broken by a page has no rule where the page cuts it: the column rules end
            // there.
            Edge::Vertical { y0, y1, .. } => vec![*y0, *y1],
        })
        .collect();
    ys = cluster(ys);
    ys.reverse();
    let mut bands = Vec::new();
    for pair in ys.windows(2) {
        let (top, bottom) = (pair[0], pair[1]);
        if top - bottom < 3.0 {
            continue;
        }
        let middle = (top + bottom) / 2.0;
        let crossing: Vec<f32> = edges
            .iter()
            .filter_map(|edge| match edge {
                Edge::Vertical { x, y0, y1 } if *y0 <= middle && *y1 >= middle => Some(*x),
                _ => None,
            })
            .collect();
        let boundaries = cluster(crossing);
        if boundaries.len() < 2 {
            continue;
        }
        let (left, right) = (boundaries[0], boundaries[boundaries.len() - 1]);
        let ruled = |y: f32| {
            edges.iter().any(|edge| {
                matches!(edge, Edge::Horizontal { y: at, x0, x1 }
                    if (at - y).abs() <= SAME_RULE && *x0 < right - SAME_RULE && *x1 > left + SAME_RULE)
            })
        };
        if ruled(top) || ruled(bottom) {
            bands.push(Band {
                top,
                bottom,
                boundaries,
            });
        }
    }
    bands
}

/// Sorted values with those closer than [`SAME_RULE`] merged into one.
fn cluster(mut values: Vec<f32>) -> Vec<f32> {
    values.retain(|value| value.is_finite());
    values.sort_by(f32::total_cmp);
    let mut merged: Vec<f32> = Vec::new();
    for value in values {
        match merged.last() {
            Some(last) if value - last <= SAME_RULE => {}
            _ => merged.push(value),
        }
    }
    merged
}

/// Glyphs grouped by baseline, top line first, each line left to right.
fn baseline_lines<'g>(glyphs: &[&'g Glyph]) -> Vec<Vec<&'g Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.to_vec();
    sorted.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for glyph in sorted {
        match lines.last_mut() {
            Some(line) if (line[0].y - glyph.y).abs() <= 0.4 * line[0].size.max(glyph.size) => {
                line.push(glyph);
            }
            _ => lines.push(vec![glyph]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

fn line_size(line: &[&Glyph]) -> f32 {
    line.iter().map(|glyph| glyph.size).fold(0.0, f32::max)
}

/// A line's text: the glyphs' own text, with a space where the gap between two glyphs is wider
/// than a quarter of the font size and no space glyph is drawn there. A font's real space is a
/// glyph (LibreOffice draws `交通意外 數字` with one); a narrow gap between a CJK character and a
/// Latin letter (`以CSV格式`) is only the fonts' side bearings, not a space.
pub fn line_text(glyphs: &[&Glyph]) -> String {
    let mut text = String::new();
    let mut previous_end: Option<f32> = None;
    for glyph in glyphs {
        if let Some(end) = previous_end {
            let gap = glyph.x - end;
            let spaced = text.ends_with(char::is_whitespace) || glyph.text.starts_with(' ');
            if gap > 0.25 * glyph.size && !spaced {
                text.push(' ');
            }
        }
        text.push_str(&glyph.text);
        previous_end = Some(glyph.x + glyph.width);
    }
    // Spaces are drawn, but never two in a row or at the ends.
    let mut collapsed = String::with_capacity(text.len());
    for c in text.trim().chars() {
        let c = if c.is_whitespace() { ' ' } else { c };
        if !(c == ' ' && collapsed.ends_with(' ')) {
            collapsed.push(c);
        }
    }
    collapsed
}

/// Drops the page number: the first or last line of the page, in its top or bottom tenth, that
/// is only the page's number (`3`, `- 3 -`, `Page 3`, `3 / 12`, `第 3 頁`).
fn drop_page_number(lines: &mut Vec<Vec<&Glyph>>, page: &Page, page_number: usize) {
    let is_number = |line: &[&Glyph]| {
        let text = line_text(line);
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        let rest: String = text
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .collect::<String>()
            .to_lowercase();
        let first_number = text
            .split(|c: char| !c.is_ascii_digit())
            .find(|part| !part.is_empty())
            .and_then(|part| part.parse::<usize>().ok());
        !digits.is_empty()
            && first_number == Some(page_number)
            && matches!(
                rest.as_str(),
                "" | "--" | "page" | "/" | "pageof" | "第頁" | "第页"
            )
    };
    let in_margin = |line: &[&Glyph]| {
        let y = line[0].y;
        y < page.height * 0.1 || y > page.height * 0.9
    };
    if let Some(last) = lines.last()
        && in_margin(last)
        && is_number(last)
    {
        lines.pop();
    }
    if let Some(first) = lines.first()
        && in_margin(first)
        && is_number(first)
    {
        lines.remove(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyph(text: &str, x: f32, y: f32, width: f32) -> Glyph {
        Glyph {
            text: text.to_string(),
            x,
            y,
            width,
            size: 10.0,
        }
    }

    #[test]
    fn spaces_come_from_gaps_and_space_glyphs_only() {
        let glyphs = [
            glyph("以", 0.0, 0.0, 10.0),
            glyph("C", 10.5, 0.0, 6.0),
            glyph("S", 16.5, 0.0, 6.0),
            glyph(" ", 22.5, 0.0, 3.0),
            glyph("數", 25.5, 0.0, 10.0),
            glyph("x", 45.0, 0.0, 5.0),
        ];
        let refs: Vec<&Glyph> = glyphs.iter().collect();
        assert_eq!(line_text(&refs), "以CS 數 x");
    }

    fn rule(y: f32) -> Edge {
        Edge::Horizontal {
            y,
            x0: 0.0,
            x1: 300.0,
        }
    }

    fn column(x: f32, y0: f32, y1: f32) -> Edge {
        Edge::Vertical { x, y0, y1 }
    }

    #[test]
    fn cells_split_at_the_rules_crossing_their_band() {
        let page = Page {
            glyphs: vec![
                glyph("1", 5.0, 85.0, 5.0),
                glyph("A", 105.0, 85.0, 5.0),
                glyph("B", 205.0, 85.0, 5.0),
                glyph("2", 5.0, 65.0, 5.0),
                glyph("不", 150.0, 65.0, 10.0),
                glyph("Title", 5.0, 120.0, 25.0),
                // The page number, dropped.
                glyph("1", 150.0, 5.0, 5.0),
            ],
            edges: vec![
                rule(100.0),
                rule(80.0),
                rule(60.0),
                column(0.0, 60.0, 100.0),
                column(100.0, 60.0, 100.0),
                column(200.0, 80.0, 100.0),
                column(300.0, 60.0, 100.0),
            ],
            height: 200.0,
        };
        let pieces = pieces(&[page]);
        assert_eq!(
            pieces,
            vec![
                Piece::Line {
                    text: "Title".to_string(),
                    joins_previous: false
                },
                Piece::Table(vec![
                    vec![
                        ("1".to_string(), 1),
                        ("A".to_string(), 1),
                        ("B".to_string(), 1)
                    ],
                    vec![("2".to_string(), 1), ("不".to_string(), 2)],
                ]),
            ]
        );
    }
}
