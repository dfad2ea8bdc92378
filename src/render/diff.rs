//! `render --diff OLD NEW`: what changed between two plans, as Markdown for a pull request's
//! description. Datasets are paired by name (case, width, spaces and punctuation folded, as the
//! audit pairs them), wherever they stand in either plan; then each is added, removed, moved
//! between tables (A.ii to D.ii), or changed in place (date, frequency, category, description).

use std::collections::HashMap;

use crate::audit::normalise_name;
use crate::audit::report::markdown::escape;
use crate::import::{Plan, Row};
use crate::model::is_placeholder;
use crate::model::{SectionKey, TableKind};

/// One dataset row with where it stands.
struct Placed<'p> {
    table: String,
    row: &'p Row,
}

fn datasets(plan: &Plan) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    for (key, section) in SectionKey::ALL.into_iter().zip(&plan.sections) {
        let Some(section) = section else { continue };
        for kind in [TableKind::Spatial, TableKind::NonSpatial] {
            for row in section
                .table(kind)
                .map(|t| t.rows.as_slice())
                .unwrap_or(&[])
            {
                if row.name.trim().is_empty() && is_placeholder(&row.category) {
                    continue;
                }
                out.push(Placed {
                    table: format!("{}.{}", key.as_str(), kind.numeral()),
                    row,
                });
            }
        }
    }
    out
}

/// The cells of a row that are compared, by label, parts joined.
fn fields(row: &Row) -> [(&'static str, String); 4] {
    let join = |own: &str, part: fn(&crate::import::Part) -> &str| {
        std::iter::once(own)
            .chain(row.more_parts.iter().map(part))
            .filter(|text| !text.is_empty())
            .collect::<Vec<_>>()
            .join(" / ")
    };
    [
        ("date", join(&row.release_date, |p| &p.release_date)),
        ("frequency", join(&row.frequency, |p| &p.frequency)),
        ("category", row.category.clone()),
        ("description", join(&row.description, |p| &p.description)),
    ]
}

fn code(text: &str) -> String {
    if text.is_empty() {
        "(empty)".to_string()
    } else {
        escape(text)
    }
}

pub fn markdown(old: &Plan, new: &Plan, (old_name, new_name): (&str, &str)) -> String {
    let mut out = format!(
        "### Plan changes: {} → {}\n\n",
        escape(old_name),
        escape(new_name)
    );
    let mut facts = Vec::new();
    for (label, before, after) in [
        ("organisation", &old.organisation, &new.organisation),
        ("title", &old.title, &new.title),
        ("period", &old.period, &new.period),
        ("published", &old.published, &new.published),
    ] {
        if before != after {
            facts.push(format!("- {label}: {} → {}", code(before), code(after)));
        }
    }
    if !facts.is_empty() {
        out.push_str(&facts.join("\n"));
        out.push_str("\n\n");
    }

    let before = datasets(old);
    let after = datasets(new);
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, placed) in after.iter().enumerate() {
        by_name
            .entry(normalise_name(&placed.row.name))
            .or_default()
            .push(index);
    }
    let mut paired = vec![false; after.len()];
    let (mut removed, mut moved, mut changed) = (Vec::new(), Vec::new(), Vec::new());
    for placed in &before {
        let candidates = by_name.get(&normalise_name(&placed.row.name));
        let found = candidates.and_then(|list| {
            // The same table first, then anywhere.
            list.iter()
                .copied()
                .filter(|&i| !paired[i])
                .min_by_key(|&i| after[i].table != placed.table)
        });
        let Some(index) = found else {
            removed.push(placed);
            continue;
        };
        paired[index] = true;
        let now = &after[index];
        let differences: Vec<String> = fields(placed.row)
            .into_iter()
            .zip(fields(now.row))
            .filter(|((_, a), (_, b))| a != b)
            .map(|((label, a), (_, b))| format!("{label} {} → {}", code(&a), code(&b)))
            .collect();
        if now.table != placed.table {
            moved.push((placed, now, differences));
        } else if !differences.is_empty() {
            changed.push((placed, now, differences));
        }
    }
    let added: Vec<&Placed> = after
        .iter()
        .zip(&paired)
        .filter(|(_, paired)| !**paired)
        .map(|(placed, _)| placed)
        .collect();

    if added.is_empty() && removed.is_empty() && moved.is_empty() && changed.is_empty() {
        out.push_str("No dataset was added, removed, moved or changed.\n");
        return out;
    }
    let row_line = |placed: &Placed| {
        let [(_, date), (_, frequency), ..] = fields(placed.row);
        format!(
            "| {} | {} | {} | {} | {} |\n",
            placed.table,
            placed.row.item,
            code(&placed.row.name),
            code(&date),
            code(&frequency)
        )
    };
    let list_header = "| table | item | dataset | date | frequency |\n|---|---|---|---|---|\n";
    if !added.is_empty() {
        out.push_str(&format!("**Added ({})**\n\n{list_header}", added.len()));
        added.iter().for_each(|p| out.push_str(&row_line(p)));
        out.push('\n');
    }
    if !removed.is_empty() {
        out.push_str(&format!("**Removed ({})**\n\n{list_header}", removed.len()));
        removed.iter().for_each(|p| out.push_str(&row_line(p)));
        out.push('\n');
    }
    if !moved.is_empty() {
        out.push_str(&format!(
            "**Moved ({})**\n\n| dataset | from | to | changes |\n|---|---|---|---|\n",
            moved.len()
        ));
        for (from, to, differences) in &moved {
            out.push_str(&format!(
                "| {} | {} item {} | {} item {} | {} |\n",
                code(&from.row.name),
                from.table,
                from.row.item,
                to.table,
                to.row.item,
                if differences.is_empty() {
                    "-".to_string()
                } else {
                    differences.join("; ")
                }
            ));
        }
        out.push('\n');
    }
    if !changed.is_empty() {
        out.push_str(&format!(
            "**Changed ({})**\n\n| dataset | table | item | changes |\n|---|---|---|---|\n",
            changed.len()
        ));
        for (from, to, differences) in &changed {
            let item = if from.row.item == to.row.item {
                to.row.item.to_string()
            } else {
                format!("{} → {}", from.row.item, to.row.item)
            };
            out.push_str(&format!(
                "| {} | {} | {item} | {} |\n",
                code(&to.row.name),
                to.table,
                differences.join("; ")
            ));
        }
        out.push('\n');
    }
    out
}
