//! The re-parse oracle of a fix pass: the edited text must read as the original value with only
//! the fixes' intended changes made, each cell holding exactly its intended new value.

use serde_json::Value;

use crate::diagnostic::Effect;
use crate::document::{Document, LoadProblem};

/// The original value with `effects` made (pointers name nodes of the original), or `None` when
/// an effect names no place that exists.
pub fn expected_value<'a>(
    original: &Value,
    effects: impl IntoIterator<Item = &'a Effect>,
) -> Option<Value> {
    let mut value = original.clone();
    let mut removals: Vec<(&str, usize)> = Vec::new();
    for effect in effects {
        match effect {
            Effect::Set {
                pointer,
                value: new,
            } => {
                if let Some(slot) = value.pointer_mut(pointer) {
                    *slot = new.clone();
                    continue;
                }
                // A new key of an existing mapping.
                let (parent, key) = pointer.rsplit_once('/')?;
                let key = key.replace("~1", "/").replace("~0", "~");
                value
                    .pointer_mut(parent)?
                    .as_object_mut()?
                    .insert(key, new.clone());
            }
            Effect::Remove { pointer } => {
                let (parent, index) = pointer.rsplit_once('/')?;
                removals.push((parent, index.parse().ok()?));
            }
        }
    }
    // Later items first, so that each index still names the item it named in the original.
    removals.sort_unstable_by(|a, b| b.cmp(a));
    removals.dedup();
    for (parent, index) in removals {
        let items = value.pointer_mut(parent)?.as_array_mut()?;
        if index >= items.len() {
            return None;
        }
        items.remove(index);
    }
    Some(value)
}

/// Whether `after` (the edited text, parsed) reads exactly as `before` changed by `effects`, and
/// repeats no more keys than it did.
pub fn reads_as_intended<'a>(
    before: &Document,
    after: &Document,
    effects: impl IntoIterator<Item = &'a Effect>,
) -> bool {
    let (Some(original), Some(edited)) = (before.value(), after.value()) else {
        return false;
    };
    let duplicates = |document: &Document| {
        document
            .problems
            .iter()
            .filter(|p| matches!(p, LoadProblem::DuplicateKey { .. }))
            .count()
    };
    duplicates(after) <= duplicates(before)
        && expected_value(&original, effects).is_some_and(|expected| expected == edited)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn effects_apply_to_the_original_places() {
        let original = json!({"rows": [{"a": 1}, {"a": 2}, {"a": 3}], "t": {}});
        let effects = [
            Effect::Remove {
                pointer: "/rows/0".into(),
            },
            Effect::Set {
                pointer: "/rows/2/a".into(),
                value: json!(9),
            },
            Effect::Set {
                pointer: "/t/rows".into(),
                value: json!([]),
            },
        ];
        assert_eq!(
            expected_value(&original, &effects),
            Some(json!({"rows": [{"a": 2}, {"a": 9}], "t": {"rows": []}}))
        );
        let missing = [Effect::Set {
            pointer: "/nowhere/x".into(),
            value: json!(1),
        }];
        assert_eq!(expected_value(&original, &missing), None);
    }
}
