//! Keys in a JSON plan while it is typed: a JSON text, which may be broken, read token by token
//! to find where the cursor's object stands, the keys it has and the table's next item number.

use lsp_types::CompletionItem;

use super::{Outline, key_items};
use crate::lsp::analysis::Analysis;

/// Keys in a JSON plan: the cursor where an object expects a key (after `{` or `,`, or inside
/// the key string being typed).
pub(super) fn json_key_completions(analysis: &Analysis, offset: usize) -> Vec<CompletionItem> {
    let text = &analysis.document.text;
    let Some(place) = json_key_place(text, offset) else {
        return Vec::new();
    };
    let next = || place.next_item;
    key_items(
        analysis,
        &place.outline,
        place.replace.clone(),
        &next,
        |key| format!("\"{key}\": "),
    )
}

/// Where a JSON key is being typed: the object's path and keys, the text a completion
/// replaces (the key typed so far with its quotes), and, in a row, the next item number.
#[derive(Debug, PartialEq)]
struct JsonKeyPlace {
    outline: Outline,
    replace: std::ops::Range<usize>,
    next_item: Option<i64>,
}

/// One open container of a JSON text read so far.
#[derive(Debug)]
enum Frame {
    Object {
        /// The key whose value is being read (or was last read).
        key: Option<String>,
        /// The keys seen in the object.
        keys: Vec<String>,
        expects_key: bool,
        /// In a `rows` array's object: the `item` values seen (for the next number).
        item: Option<i64>,
    },
    Array {
        /// The largest `item` of the objects of this array (for `rows`).
        largest_item: i64,
    },
}

/// Reads a JSON text (which may be broken) token by token up to `offset`, then on to the end
/// of the array holding the object the cursor is in (for its keys and the table's item
/// numbers), to find a key place (see [`JsonKeyPlace`]).
fn json_key_place(text: &str, offset: usize) -> Option<JsonKeyPlace> {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut at = 0;
    // The depth of the object expecting the key, and what a completion replaces.
    let mut place: Option<(usize, std::ops::Range<usize>)> = None;
    // That object's keys, once it is closed.
    let mut place_keys: Option<Vec<String>> = None;
    let expects_key = |stack: &[Frame]| {
        matches!(
            stack.last(),
            Some(Frame::Object {
                expects_key: true,
                ..
            })
        )
    };
    while at < bytes.len() {
        if place.is_none() && at >= offset {
            // Between tokens at the cursor.
            if !expects_key(&stack) {
                return None;
            }
            place = Some((stack.len(), offset..offset));
        }
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'"' => {
                let start = at;
                let mut end = at + 1;
                let mut escaped = false;
                let mut closed = false;
                while end < bytes.len() {
                    match bytes[end] {
                        b'\\' if !escaped => escaped = true,
                        b'"' if !escaped => {
                            closed = true;
                            end += 1;
                            break;
                        }
                        b'\n' => break,
                        _ => escaped = false,
                    }
                    end += 1;
                }
                if place.is_none() && offset > start && (offset < end || !closed) {
                    // The cursor is inside this string: the key being typed.
                    if !expects_key(&stack) {
                        return None;
                    }
                    place = Some((stack.len(), start..end));
                    at = end;
                    continue;
                }
                let inner_end = if closed { end - 1 } else { end };
                let value = text.get(start + 1..inner_end).unwrap_or_default();
                if let Some(Frame::Object {
                    key,
                    keys,
                    expects_key: expecting @ true,
                    ..
                }) = stack.last_mut()
                {
                    *key = Some(value.to_string());
                    keys.push(value.to_string());
                    *expecting = false;
                }
                at = end;
            }
            b'{' => {
                stack.push(Frame::Object {
                    key: None,
                    keys: Vec::new(),
                    expects_key: true,
                    item: None,
                });
                at += 1;
            }
            b'[' => {
                stack.push(Frame::Array { largest_item: 0 });
                at += 1;
            }
            b'}' | b']' => {
                if let Some((depth, _)) = &place {
                    if stack.len() + 1 == *depth {
                        // The container of the place's object closes: everything is known.
                        break;
                    }
                    if stack.len() == *depth
                        && place_keys.is_none()
                        && let Some(Frame::Object { keys, .. }) = stack.last()
                    {
                        place_keys = Some(keys.clone());
                    }
                }
                let closed = stack.pop();
                if let (
                    Some(Frame::Object { item: Some(n), .. }),
                    Some(Frame::Array { largest_item }),
                ) = (closed, stack.last_mut())
                {
                    *largest_item = (*largest_item).max(n);
                }
                at += 1;
            }
            b',' => {
                if let Some(Frame::Object {
                    expects_key, key, ..
                }) = stack.last_mut()
                {
                    *expects_key = true;
                    *key = None;
                }
                at += 1;
            }
            b':' => at += 1,
            _ => {
                // A number, `true`, `false`, `null`, or a key typed without quotes.
                let end = text[at..]
                    .find([',', '}', ']', ':', '"', ' ', '\n', '\r', '\t'])
                    .map_or(text.len(), |n| at + n)
                    .max(at + 1);
                if place.is_none() && offset > at && offset <= end {
                    if !expects_key(&stack) {
                        return None;
                    }
                    place = Some((stack.len(), at..end));
                } else if let Some(Frame::Object { key, item, .. }) = stack.last_mut()
                    && key.as_deref() == Some("item")
                {
                    *item = text.get(at..end).and_then(|n| n.parse().ok());
                }
                at = end;
            }
        }
    }
    if place.is_none() && expects_key(&stack) {
        place = Some((stack.len(), offset..offset));
    }
    let (depth, replace) = place?;
    let keys = match place_keys {
        Some(keys) => keys,
        None => match stack.get(depth.checked_sub(1)?) {
            Some(Frame::Object { keys, .. }) => keys.clone(),
            _ => return None,
        },
    };
    // The path: each enclosing object's current key, `0` for each array.
    let parents = stack.get(..depth - 1)?;
    let mut path = Vec::new();
    for frame in parents {
        match frame {
            Frame::Object { key, .. } => path.push(key.clone()?),
            Frame::Array { .. } => path.push("0".to_string()),
        }
    }
    let in_rows = path.iter().rev().nth(1).is_some_and(|k| k == "rows");
    let next_item = match parents.last() {
        Some(Frame::Array { largest_item }) if in_rows => Some(largest_item + 1),
        _ => None,
    };
    Some(JsonKeyPlace {
        outline: Outline {
            path,
            siblings: keys,
        },
        replace,
        next_item,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_keys_are_placed_by_the_objects_around_the_cursor() {
        let text = "{\n  \"format\": \"odp-plan/1\",\n  \"sections\": {\"D\": {\"non_spatial\": {\"rows\": [\n    {\"item\": 7, \"name\": \"x\"},\n    {\"item\": 2, \"na^\"},\n    {\"item\": 9}\n  ]}}},\n  ^root\n}\n";
        let at = |marker: &str| text.find(marker).unwrap();
        let place = json_key_place(text, at("^\"},")).unwrap();
        assert_eq!(
            place.outline.path,
            ["sections", "D", "non_spatial", "rows", "0"].map(String::from)
        );
        assert_eq!(place.outline.siblings, ["item"]);
        assert_eq!(&text[place.replace.clone()], "\"na^\"");
        assert_eq!(
            place.next_item,
            Some(10),
            "the largest item of the table, 9, plus one"
        );
        let root = json_key_place(text, at("^root") + 5).unwrap();
        assert_eq!(root.outline.path, Vec::<String>::new());
        assert_eq!(root.outline.siblings, ["format", "sections"]);
        assert_eq!(&text[root.replace.clone()], "^root");
        // A value place is not a key place.
        assert_eq!(json_key_place(text, at("odp-plan") + 2), None);
        assert_eq!(json_key_place(text, at(" 7,") + 1), None);
        // After `{` and after `,` a key is expected, also with nothing typed yet.
        let empty = "{\"language\": \"en\", }";
        let place = json_key_place(empty, empty.len() - 1).unwrap();
        assert_eq!(place.outline.siblings, ["language"]);
        assert_eq!(place.replace, empty.len() - 1..empty.len() - 1);
    }
}
