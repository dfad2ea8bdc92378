//! Runs a page's content stream far enough to know where each character is drawn and where the
//! table rules are: the text state and matrices, the fonts, and painted paths (a rule is a
//! stroked line or a thin filled rectangle; a shaded cell gives its four edges).

use crate::messages::Message;
use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, number, resolve};

/// The bound on a page's decompressed content, and on the forms it draws inside each other.
const MAX_CONTENT: usize = 64 << 20;
const MAX_FORM_DEPTH: usize = 8;
const MAX_SAVED_STATES: usize = 256;

/// One character as drawn, in page space (points, y up).
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    pub text: String,
    pub x: f32,
    /// The baseline.
    pub y: f32,
    pub width: f32,
    pub size: f32,
}

/// A straight edge: a rule or a side of a filled rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Edge {
    Horizontal { y: f32, x0: f32, x1: f32 },
    Vertical { x: f32, y0: f32, y1: f32 },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub glyphs: Vec<Glyph>,
    pub edges: Vec<Edge>,
    pub height: f32,
}

type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn multiply(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<Vec<u8>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scaling: f32,
    leading: f32,
    rise: f32,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scaling: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// Reads one page.
pub fn read_page(document: &Document, page_id: ObjectId) -> Result<Page, Message> {
    let content = document
        .get_page_content_with_limit(page_id, MAX_CONTENT)
        .map_err(|error| Message::new("import.pdf-page").arg("detail", error))?;
    let resources = page_resources(document, page_id);
    let height = document
        .get_dictionary(page_id)
        .ok()
        .and_then(|page| resolve(document, page.get(b"MediaBox").ok()))
        .and_then(|object| object.as_array().ok())
        .and_then(|values| values.get(3).and_then(|value| number(document, value)))
        .unwrap_or(842.0);
    let mut reader = Reader {
        document,
        fonts: HashMap::new(),
        page: Page {
            height,
            ..Page::default()
        },
    };
    reader.run(&content, &resources, IDENTITY, 0);
    Ok(reader.page)
}

/// The page's resources merged from the page and its ancestors (nearest first wins).
fn page_resources(document: &Document, page_id: ObjectId) -> Dictionary {
    let mut merged = Dictionary::new();
    if let Ok((direct, referenced)) = document.get_page_resources(page_id) {
        let dictionaries = direct.into_iter().chain(
            referenced
                .iter()
                .filter_map(|id| document.get_dictionary(*id).ok()),
        );
        for dictionary in dictionaries {
            for (key, value) in dictionary.iter() {
                if !merged.has(key) {
                    merged.set(key.clone(), value.clone());
                }
            }
        }
    }
    merged
}

struct Reader<'d> {
    document: &'d Document,
    /// Fonts by the address of their dictionary, loaded once.
    fonts: HashMap<usize, Font>,
    page: Page,
}

impl Reader<'_> {
    fn run(&mut self, content: &[u8], resources: &Dictionary, ctm: Matrix, depth: usize) {
        let Ok(content) = Content::decode(content) else {
            return;
        };
        let font_table = self.dictionary(resources.get(b"Font").ok());
        let xobjects = self.dictionary(resources.get(b"XObject").ok());
        let mut state = State {
            ctm,
            ..State::default()
        };
        let mut saved: Vec<State> = Vec::new();
        let (mut text_matrix, mut line_matrix) = (IDENTITY, IDENTITY);
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut current = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        for operation in &content.operations {
            let operands = &operation.operands;
            let value = |index: usize| {
                operands
                    .get(index)
                    .and_then(|object| number(self.document, object))
                    .unwrap_or(0.0)
            };
            match operation.operator.as_str() {
                "q" if saved.len() < MAX_SAVED_STATES => saved.push(state.clone()),
                "Q" => {
                    if let Some(previous) = saved.pop() {
                        state = previous;
                    }
                }
                "cm" => {
                    let m = [value(0), value(1), value(2), value(3), value(4), value(5)];
                    state.ctm = multiply(&m, &state.ctm);
                }
                "BT" => {
                    text_matrix = IDENTITY;
                    line_matrix = IDENTITY;
                }
                "Tf" => {
                    state.font = operands
                        .first()
                        .and_then(|name| name.as_name().ok())
                        .map(<[u8]>::to_vec);
                    state.size = value(1);
                }
                "Tc" => state.char_spacing = value(0),
                "Tw" => state.word_spacing = value(0),
                "Tz" => state.scaling = value(0) / 100.0,
                "TL" => state.leading = value(0),
                "Ts" => state.rise = value(0),
                "Td" | "TD" => {
                    if operation.operator == "TD" {
                        state.leading = -value(1);
                    }
                    line_matrix = multiply(&[1.0, 0.0, 0.0, 1.0, value(0), value(1)], &line_matrix);
                    text_matrix = line_matrix;
                }
                "Tm" => {
                    line_matrix = [value(0), value(1), value(2), value(3), value(4), value(5)];
                    text_matrix = line_matrix;
                }
                "T*" => {
                    line_matrix =
                        multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &line_matrix);
                    text_matrix = line_matrix;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if operation.operator != "Tj" && operation.operator != "TJ" {
                        if operation.operator == "\"" {
                            state.word_spacing = value(0);
                            state.char_spacing = value(1);
                        }
                        line_matrix =
                            multiply(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &line_matrix);
                        text_matrix = line_matrix;
                    }
                    let Some(font) = self.font(font_table.as_ref(), state.font.as_deref()) else {
                        continue;
                    };
                    for operand in operands {
                        match operand {
                            Object::String(bytes, _) => {
                                self.show(&font, bytes, &state, &mut text_matrix);
                            }
                            Object::Array(items) => {
                                for item in items {
                                    if let Object::String(bytes, _) = item {
                                        self.show(&font, bytes, &state, &mut text_matrix);
                                    } else if let Some(adjust) = number(self.document, item) {
                                        let tx = -adjust / 1000.0 * state.size * state.scaling;
                                        text_matrix =
                                            multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &text_matrix);
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
                "m" => {
                    current = apply(&state.ctm, value(0), value(1));
                    start = current;
                }
                "l" => {
                    let next = apply(&state.ctm, value(0), value(1));
                    path.push((current.0, current.1, next.0, next.1));
                    current = next;
                }
                "h" => {
                    path.push((current.0, current.1, start.0, start.1));
                    current = start;
                }
                "re" => {
                    let (x, y, w, h) = (value(0), value(1), value(2), value(3));
                    let corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)];
                    let points: Vec<(f32, f32)> = corners
                        .iter()
                        .map(|(px, py)| apply(&state.ctm, *px, *py))
                        .collect();
                    for index in 0..4 {
                        let (a, b) = (points[index], points[(index + 1) % 4]);
                        path.push((a.0, a.1, b.0, b.1));
                    }
                    current = points[0];
                    start = current;
                }
                "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let filled = !matches!(operation.operator.as_str(), "S" | "s");
                    self.paint(&std::mem::take(&mut path), filled);
                }
                "n" | "W" | "W*" if operation.operator == "n" => path.clear(),
                "Do" if depth < MAX_FORM_DEPTH => {
                    self.form(xobjects.as_ref(), operands.first(), &state, depth);
                }
                _ => {}
            }
        }
    }

    fn dictionary(&self, object: Option<&Object>) -> Option<Dictionary> {
        resolve(self.document, object)?.as_dict().ok().cloned()
    }

    fn font(&mut self, table: Option<&Dictionary>, name: Option<&[u8]>) -> Option<Font> {
        let object = table?.get(name?).ok()?;
        let dictionary = resolve(self.document, Some(object))?.as_dict().ok()?;
        let key = dictionary as *const Dictionary as usize;
        Some(
            self.fonts
                .entry(key)
                .or_insert_with(|| Font::load(self.document, dictionary))
                .clone(),
        )
    }

    fn show(&mut self, font: &Font, bytes: &[u8], state: &State, text_matrix: &mut Matrix) {
        for code in font.codes(bytes) {
            let rendering = multiply(
                &multiply(
                    &[
                        state.size * state.scaling,
                        0.0,
                        0.0,
                        state.size,
                        0.0,
                        state.rise,
                    ],
                    text_matrix,
                ),
                &state.ctm,
            );
            let advance = font.advance(code) * state.size;
            let spacing = state.char_spacing
                + if font.is_word_space(code) {
                    state.word_spacing
                } else {
                    0.0
                };
            let tx = (advance + spacing) * state.scaling;
            let (x, y) = (rendering[4], rendering[5]);
            let scale_x = (rendering[0].powi(2) + rendering[1].powi(2)).sqrt();
            let size = (rendering[2].powi(2) + rendering[3].powi(2)).sqrt();
            let text = font.text(code);
            if !text.is_empty() && x.is_finite() && y.is_finite() {
                self.page.glyphs.push(Glyph {
                    text,
                    x,
                    y,
                    width: font.advance(code) * scale_x,
                    size,
                });
            }
            *text_matrix = multiply(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], text_matrix);
        }
    }

    /// Keeps the straight edges of a painted path: axis-aligned segments, and a thin filled
    /// rectangle as the rule it draws.
    fn paint(&mut self, path: &[(f32, f32, f32, f32)], filled: bool) {
        const THIN: f32 = 2.5;
        if filled && path.len() == 4 {
            let xs = path.iter().flat_map(|s| [s.0, s.2]);
            let ys = path.iter().flat_map(|s| [s.1, s.3]);
            let (x0, x1) = min_max(xs);
            let (y0, y1) = min_max(ys);
            if x1 - x0 < THIN && y1 - y0 >= THIN {
                self.page.edges.push(Edge::Vertical {
                    x: (x0 + x1) / 2.0,
                    y0,
                    y1,
                });
                return;
            }
            if y1 - y0 < THIN && x1 - x0 >= THIN {
                self.page.edges.push(Edge::Horizontal {
                    y: (y0 + y1) / 2.0,
                    x0,
                    x1,
                });
                return;
            }
        }
        for &(ax, ay, bx, by) in path {
            if (ay - by).abs() < 0.5 && (ax - bx).abs() >= THIN {
                self.page.edges.push(Edge::Horizontal {
                    y: ay,
                    x0: ax.min(bx),
                    x1: ax.max(bx),
                });
            } else if (ax - bx).abs() < 0.5 && (ay - by).abs() >= THIN {
                self.page.edges.push(Edge::Vertical {
                    x: ax,
                    y0: ay.min(by),
                    y1: ay.max(by),
                });
            }
        }
    }

    fn form(
        &mut self,
        xobjects: Option<&Dictionary>,
        name: Option<&Object>,
        state: &State,
        depth: usize,
    ) {
        let Some(stream) = name
            .and_then(|name| name.as_name().ok())
            .and_then(|name| xobjects?.get(name).ok())
            .and_then(|object| resolve(self.document, Some(object)))
            .and_then(|object| object.as_stream().ok())
        else {
            return;
        };
        let is_form = stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|subtype| subtype.as_name().ok())
            == Some(b"Form".as_slice());
        if !is_form {
            return;
        }
        let matrix = resolve(self.document, stream.dict.get(b"Matrix").ok())
            .and_then(|object| object.as_array().ok())
            .filter(|values| values.len() == 6)
            .map(|values| {
                let mut matrix = IDENTITY;
                for (slot, value) in matrix.iter_mut().zip(values) {
                    *slot = number(self.document, value).unwrap_or(0.0);
                }
                matrix
            })
            .unwrap_or(IDENTITY);
        let resources = self
            .dictionary(stream.dict.get(b"Resources").ok())
            .unwrap_or_default();
        let Ok(content) = stream.decompressed_content_with_limit(MAX_CONTENT) else {
            return;
        };
        self.run(
            &content,
            &resources,
            multiply(&matrix, &state.ctm),
            depth + 1,
        );
    }
}

fn min_max(values: impl Iterator<Item = f32>) -> (f32, f32) {
    values.fold((f32::INFINITY, f32::NEG_INFINITY), |(low, high), value| {
        (low.min(value), high.max(value))
    })
}
