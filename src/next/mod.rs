//! `odplint next`: drafts the following period's plan from this one, doing the yearly round the
//! template asks for. The period, the titles' years and `published` move on a year; section C is
//! kept; B's rows due in the new first year move to A; every row of A (and any row of B already
//! due) moves to D with its target as its release date, marked `# odplint: confirm` (rule D005)
//! unless a list of releases gives the real date; with such a list, a row whose target passed
//! without a release stays promised in A with its target a year on (so `audit` reports it as
//! slipped, A003). Items are renumbered per table, placeholders follow the tables' contents,
//! every comment and inline allow goes with its row, and each table of B ends with a commented
//! template row for the new period's datasets.

pub mod released;
pub mod yaml;

use serde_json::{Map, Value};

use crate::document::Document;
use crate::document::comments::Comments;
use crate::model::{Language, Period, Plan, Row, SectionKey, TableKind, YearMonth, is_placeholder};

pub use released::Released;

/// The comment that marks a drafted value for a person to confirm (rule D005).
pub const CONFIRM: &str = "# odplint: confirm";

/// The first line of the commented template row `next` leaves in each table of B: room for the
/// datasets the new period adds. Comments are not read by `check`; a later `next` replaces the
/// block rather than carry it to A with the rows.
pub const ROOM: &str = "# odplint: new rows";

/// The lines of the template row after [`ROOM`]'s line, uncommented by deleting `# `.
const ROOM_KEYS: [&str; 5] = [
    "category",
    "name",
    "description",
    "release_date",
    "frequency",
];

/// The default `$schema` modeline of a plan in `plans/<organisation>/`.
pub const MODELINE: &str = "# yaml-language-server: $schema=../../schemas/plan.schema.json";

/// The drafted plan.
#[derive(Debug)]
pub struct Draft {
    pub yaml: String,
    /// The new period, `YYYY-YYYY`.
    pub period: String,
    /// What moved where.
    pub moves: Vec<Move>,
    /// Names of the list of releases that matched no row due for release.
    pub unmatched: Vec<String>,
}

impl Draft {
    /// How many values the draft marks for confirmation.
    pub fn confirmations(&self) -> usize {
        self.yaml
            .lines()
            .filter(|line| line.contains(CONFIRM))
            .count()
    }
}

/// Where a dataset row went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    pub name: String,
    pub from: (SectionKey, TableKind, u64),
    pub to: (SectionKey, TableKind, u64),
    /// The date written in the new plan, when it changed.
    pub date: Option<String>,
    pub confirm: bool,
}

/// Why a plan cannot be drafted from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftError {
    /// The file does not parse or does not have the plan's structure.
    NotAPlan,
    /// `period` is not three years, `YYYY-YYYY`.
    Period(String),
}

/// One row on its way to the new plan.
struct Moving {
    value: Value,
    old_pointer: String,
    name: String,
    from: (SectionKey, TableKind, u64),
    date: Option<String>,
    confirm: bool,
}

/// Drafts the next period's plan from `document`.
pub fn draft(document: &Document, released: Option<&Released>) -> Result<Draft, DraftError> {
    let (Some(value), true) = (&document.value(), document.problems.is_empty()) else {
        return Err(DraftError::NotAPlan);
    };
    // A draft is built from a plan whose structure is sound: the schema rules (S001-S004) pass.
    let unsound = crate::lint::check_document(document)
        .iter()
        .any(|d| d.rule.code.starts_with('S') && d.rule.code <= "S004");
    if unsound {
        return Err(DraftError::NotAPlan);
    }
    let plan = Plan::from_value(value).ok_or(DraftError::NotAPlan)?;
    let period_text = plan.period.unwrap_or_default();
    let period = Period::parse(period_text)
        .filter(|p| p.is_three_years())
        .ok_or_else(|| DraftError::Period(period_text.to_string()))?;
    let mut root = value.clone();
    let Value::Object(top) = &mut root else {
        return Err(DraftError::NotAPlan);
    };
    let new_period = format!("{}-{}", period.first + 1, period.last + 1);
    top.insert("period".into(), Value::String(new_period.clone()));
    top.insert(
        "title".into(),
        Value::String(shift_years(plan.title, period)),
    );
    let published = plan
        .published
        .and_then(YearMonth::parse_lenient)
        .and_then(|date| YearMonth::new(date.year() + 1, date.month()));
    if let Some(next) = published {
        top.insert("published".into(), Value::String(next.to_string()));
    }
    let new_first = period.first + 1;

    let mut comments = Comments::of(document);
    remove_room(&mut comments);
    let mut renames: Vec<(String, String)> = Vec::new();
    let mut removed: Vec<(String, String)> = Vec::new();
    let mut moves = Vec::new();
    let mut matched_released = std::collections::HashSet::new();

    for kind in [TableKind::Spatial, TableKind::NonSpatial] {
        // The new tables of this kind, A to D.
        let mut tables: [Vec<Moving>; 4] = Default::default();
        let mut slipped: Vec<Moving> = Vec::new();
        let mut due: Vec<Moving> = Vec::new();
        for section in SectionKey::ALL {
            let table = plan
                .tables()
                .find(|t| t.section == section && t.kind == kind);
            let Some(table) = table else { continue };
            let values = rows_value(value, section, kind);
            for (index, row) in table.rows().iter().enumerate() {
                let old_pointer = table.row_pointer(index);
                let Some(row_value) = values.and_then(|rows| rows.get(index)) else {
                    continue;
                };
                let name = row.name.unwrap_or_default().to_string();
                let moving = Moving {
                    value: row_value.clone(),
                    old_pointer: old_pointer.clone(),
                    name: name.clone(),
                    from: (section, kind, row.item_number().unwrap_or(0).max(0) as u64),
                    date: None,
                    confirm: false,
                };
                if is_placeholder_row(row) {
                    removed.push((old_pointer, table.rows_pointer()));
                    continue;
                }
                let target = row_date(row).and_then(YearMonth::parse_lenient);
                let released_here = released.and_then(|list| list.date_of(&name)).is_some();
                match section {
                    SectionKey::A => due.push(moving),
                    SectionKey::B => match target {
                        _ if released_here => due.push(moving),
                        Some(date) if date.year() < new_first => due.push(moving),
                        Some(date) if date.year() == new_first => tables[0].push(moving),
                        _ => tables[1].push(moving),
                    },
                    SectionKey::C => tables[2].push(moving),
                    SectionKey::D => tables[3].push(moving),
                }
            }
        }
        for mut moving in due {
            let row_target = moving_target(&moving.value);
            match released.and_then(|list| list.date_of(&moving.name)) {
                Some((date, listed)) => {
                    matched_released.insert(listed.to_string());
                    set_dates(&mut moving.value, &date);
                    moving.date = Some(date);
                    tables[3].push(moving);
                }
                None if released.is_some()
                    && row_target.zip(published).is_some_and(|(t, p)| t < p) =>
                {
                    let target = row_target.expect("checked above");
                    let new_target = YearMonth::new(target.year() + 1, target.month())
                        .expect("the month is valid")
                        .to_string();
                    set_dates(&mut moving.value, &new_target);
                    moving.date = Some(new_target);
                    moving.confirm = true;
                    slipped.push(moving);
                }
                None => {
                    moving.confirm = true;
                    tables[3].push(moving);
                }
            }
        }
        // Promises that slipped come first in A: they were due before the rows B brings.
        slipped.append(&mut tables[0]);
        tables[0] = slipped;

        for (section, rows) in SectionKey::ALL.into_iter().zip(tables) {
            let new_rows_pointer = format!("/sections/{}/{}/rows", section.as_str(), kind.key());
            let mut out: Vec<Value> = Vec::new();
            for (index, mut moving) in rows.into_iter().enumerate() {
                let item = index as u64 + 1;
                if let Value::Object(map) = &mut moving.value {
                    map.insert("item".into(), Value::from(item));
                }
                let new_pointer = format!("{new_rows_pointer}/{index}");
                if moving.confirm {
                    for date_pointer in date_pointers(&moving.value, &moving.old_pointer) {
                        comments
                            .attached
                            .entry(date_pointer)
                            .or_default()
                            .trailing
                            .push(CONFIRM.to_string());
                    }
                }
                let to = (section, kind, item);
                if moving.from != to || moving.date.is_some() {
                    moves.push(Move {
                        name: moving.name.clone(),
                        from: moving.from,
                        to,
                        date: moving.date.clone(),
                        confirm: moving.confirm,
                    });
                }
                renames.push((moving.old_pointer, new_pointer));
                out.push(moving.value);
            }
            if out.is_empty() {
                out.push(placeholder(
                    plan.language,
                    removed_placeholder(&removed, value, &new_rows_pointer),
                ));
                removed.retain(|(old, _)| {
                    if old == &format!("{new_rows_pointer}/0") {
                        renames.push((old.clone(), old.clone()));
                        false
                    } else {
                        true
                    }
                });
            }
            set_rows(top, section, kind, out);
        }
    }
    for key in SectionKey::ALL {
        if let Some(Value::String(title)) = top
            .get_mut("sections")
            .and_then(|s| s.get_mut(key.as_str()))
            .and_then(|s| s.get_mut("title"))
        {
            *title = shift_years(title, period);
        }
    }
    // Comments of placeholder rows that gave way to datasets stay with their table.
    for (old, table) in &removed {
        let mut gathered = Vec::new();
        comments.attached.retain(|pointer, attached| {
            let under = pointer == old || pointer.starts_with(&format!("{old}/"));
            if under {
                gathered.append(&mut attached.leading);
                gathered.append(&mut attached.trailing);
            }
            !under
        });
        if !gathered.is_empty() {
            comments
                .attached
                .entry(table.clone())
                .or_default()
                .leading
                .extend(gathered);
        }
    }
    rename_simultaneously(&mut comments, &renames);
    for kind in [TableKind::Spatial, TableKind::NonSpatial] {
        let pointer = format!("/sections/B/{}/rows", kind.key());
        let Some(rows) = root.pointer(&pointer).and_then(Value::as_array) else {
            continue;
        };
        let only_placeholder = rows.len() == 1
            && rows[0]
                .get("category")
                .and_then(Value::as_str)
                .is_some_and(is_placeholder);
        let item = if only_placeholder { 1 } else { rows.len() + 1 };
        let message = crate::messages::Message::new("next.room")
            .arg("years", format!("{}-{}", period.first + 2, period.last + 1))
            .arg("placeholder", plan.language.placeholder());
        let mut lines = vec![format!(
            "{ROOM}: {}",
            message.render(message_language(plan.language))
        )];
        lines.push(format!("# - item: {item}"));
        lines.extend(ROOM_KEYS.iter().map(|key| format!("#   {key}:")));
        comments
            .attached
            .entry(format!("{pointer}/-"))
            .or_default()
            .leading
            .extend(lines);
    }

    let unmatched = released
        .map(|list| list.unmatched(&matched_released, plan.language))
        .unwrap_or_default();
    Ok(Draft {
        yaml: yaml::to_yaml(&root, &comments, MODELINE),
        period: new_period,
        moves,
        unmatched,
    })
}

/// The draft with the safe fixes applied (`2/2015` to `02/2015`, stray spaces, bracket widths),
/// as `odplint fix` would apply them under `policy`: the draft is a new file, so what was
/// published last year stays as it was while next year's plan starts repaired. Returns the
/// fixed text and how many fixes were applied.
pub fn with_safe_fixes(
    yaml: &str,
    name: &str,
    policy: &crate::policy::Policy<'_>,
) -> (String, usize) {
    let document = Document::parse_as(name, yaml, crate::document::SourceKind::Yaml);
    let fixed = crate::fix::fix_document(document, policy, crate::fix::FixMode::Safe);
    let count = fixed.fixed.iter().map(|(_, n)| n).sum();
    (fixed.document.text_with_bom(), count)
}

/// Moves comments from old row pointers to new ones all at once (a row's new place may be
/// another row's old one). Confirmation markers were added under the old pointers too.
fn rename_simultaneously(comments: &mut Comments, renames: &[(String, String)]) {
    comments.rename(renames);
}

/// The language of the plan's own words in its comments.
fn message_language(language: Language) -> crate::messages::Lang {
    match language {
        Language::En => crate::messages::Lang::En,
        Language::ZhHant => crate::messages::Lang::ZhHant,
        Language::ZhHans => crate::messages::Lang::ZhHans,
    }
}

/// Removes every template block of an earlier `next` (its [`ROOM`] line and the template row's
/// lines after it), wherever the comments were attached, so a draft has one block per table of
/// B and none travels to A with a row.
fn remove_room(comments: &mut Comments) {
    let strip = |lines: &mut Vec<String>| {
        while let Some(start) = lines.iter().position(|line| line.starts_with(ROOM)) {
            let mut end = start + 1;
            while end < lines.len()
                && end <= start + 1 + ROOM_KEYS.len()
                && (lines[end].starts_with("# - item:") || lines[end].starts_with("#   "))
            {
                end += 1;
            }
            lines.drain(start..end);
        }
    };
    for attached in comments.attached.values_mut() {
        strip(&mut attached.leading);
        strip(&mut attached.trailing);
    }
    strip(&mut comments.footer);
}

fn is_placeholder_row(row: &Row<'_>) -> bool {
    row.placeholder && row.name.is_none_or(|name| name.trim().is_empty())
}

/// A row's date: its own, or its last part's (as the audit reads it).
fn row_date<'r>(row: &'r Row<'_>) -> Option<&'r str> {
    row.release_date.or_else(|| {
        row.parts
            .iter()
            .flatten()
            .filter_map(|part| part.release_date)
            .next_back()
    })
}

fn moving_target(row: &Value) -> Option<YearMonth> {
    let own = row.get("release_date").and_then(Value::as_str);
    let part = || {
        row.get("parts")?
            .as_array()?
            .iter()
            .filter_map(|p| p.get("release_date").and_then(Value::as_str))
            .next_back()
    };
    own.or_else(part).and_then(YearMonth::parse_lenient)
}

/// Sets a row's dates: its own `release_date` and every part's that has one (its own when none
/// has).
fn set_dates(row: &mut Value, date: &str) {
    let Value::Object(map) = row else { return };
    let mut any_part = false;
    if let Some(Value::Array(parts)) = map.get_mut("parts") {
        for part in parts {
            if let Some(slot) = part.get_mut("release_date") {
                *slot = Value::String(date.to_string());
                any_part = true;
            }
        }
    }
    if map.contains_key("release_date") || !any_part {
        map.insert("release_date".into(), Value::String(date.to_string()));
    }
}

/// The pointers (under the row's old pointer) of the dates a row carries.
fn date_pointers(row: &Value, base: &str) -> Vec<String> {
    let mut pointers = Vec::new();
    if row.get("release_date").is_some() {
        pointers.push(format!("{base}/release_date"));
    }
    if let Some(parts) = row.get("parts").and_then(Value::as_array) {
        for (index, part) in parts.iter().enumerate() {
            if part.get("release_date").is_some() {
                pointers.push(format!("{base}/parts/{index}/release_date"));
            }
        }
    }
    pointers
}

fn rows_value(value: &Value, section: SectionKey, kind: TableKind) -> Option<&Vec<Value>> {
    value
        .get("sections")?
        .get(section.as_str())?
        .get(kind.key())?
        .get("rows")?
        .as_array()
}

/// The placeholder row a table that stays empty keeps (its own, as written), else a new one.
fn removed_placeholder(
    removed: &[(String, String)],
    value: &Value,
    rows_pointer: &str,
) -> Option<Value> {
    let own = format!("{rows_pointer}/0");
    removed
        .iter()
        .any(|(old, _)| *old == own)
        .then(|| value.pointer(&own).cloned())
        .flatten()
}

fn placeholder(language: Language, kept: Option<Value>) -> Value {
    kept.unwrap_or_else(|| {
        let mut row = Map::new();
        row.insert("item".into(), Value::from(1));
        row.insert(
            "category".into(),
            Value::String(language.placeholder().to_string()),
        );
        Value::Object(row)
    })
}

fn set_rows(top: &mut Map<String, Value>, section: SectionKey, kind: TableKind, rows: Vec<Value>) {
    let sections = top
        .entry("sections")
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(sections) = sections else {
        return;
    };
    let section = sections
        .entry(section.as_str())
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(section) = section else {
        return;
    };
    let table = section
        .entry(kind.key())
        .or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(table) = table else { return };
    table.insert("rows".into(), Value::Array(rows));
}

/// The text with every year of `period` moved on by one (`2024-2026年度` becomes `2025-2027年度`,
/// `在 2025 年及 2026 年` becomes `在 2026 年及 2027 年`); other numbers are left alone.
pub fn shift_years(text: &str, period: Period) -> String {
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |digits: &mut String, out: &mut String| {
        match digits.parse::<u32>() {
            Ok(year) if digits.len() == 4 && (period.first..=period.last).contains(&year) => {
                out.push_str(&(year + 1).to_string())
            }
            _ => out.push_str(digits),
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut digits, &mut out);
            out.push(c);
        }
    }
    flush(&mut digits, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_of_the_period_move_on_and_other_numbers_stay() {
        let period = Period::parse("2024-2026").unwrap();
        assert_eq!(
            shift_years("2024-2026年度整合開放數據計劃", period),
            "2025-2027年度整合開放數據計劃"
        );
        assert_eq!(
            shift_years("在 2025 年及 2026 年發放", period),
            "在 2026 年及 2027 年發放"
        );
        assert_eq!(
            shift_years("2023 and 20245 and 1", period),
            "2023 and 20245 and 1"
        );
    }
}
