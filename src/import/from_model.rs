//! The imported form of a loaded plan: what `render` lays out, and what `import` of a rendered
//! plan is compared with. A missing cell is an empty string, as import gives it; a row's first
//! part becomes its own description and frequency, as the published table shows it, and parts
//! with dates of their own give the row a date per part. It is exact for every plan
//! `render::unpublishable` accepts (the shapes the published table can show).

use super::{Part, Plan, Row, Section, Table};
use crate::model;

impl Plan {
    /// The plan as `import` would give it back from its published form.
    pub fn from_model(plan: &model::Plan<'_>) -> Plan {
        let text =
            |value: &Option<&str>| -> String { value.as_deref().unwrap_or_default().to_string() };
        let table = |table: &model::Table<'_>| Table {
            note: table.note.map(str::to_string),
            rows: table
                .rows
                .iter()
                .flatten()
                .map(|row| {
                    let parts: Vec<Part> = row
                        .parts
                        .iter()
                        .flatten()
                        .map(|part| Part {
                            description: text(&part.description),
                            frequency: text(&part.frequency),
                            release_date: text(&part.release_date),
                        })
                        .collect();
                    let (first, more) = match parts.split_first() {
                        Some((first, more)) => (Some(first.clone()), more.to_vec()),
                        None => (None, Vec::new()),
                    };
                    let part_dates = parts.iter().any(|part| !part.release_date.is_empty());
                    Row {
                        item: row.item_number().map_or(0, |n| n.max(0) as u64),
                        category: text(&row.category),
                        name: text(&row.name),
                        description: first
                            .as_ref()
                            .map_or_else(|| text(&row.description), |p| p.description.clone()),
                        release_date: match &first {
                            Some(first) if part_dates => first.release_date.clone(),
                            _ => text(&row.release_date),
                        },
                        frequency: first
                            .as_ref()
                            .map_or_else(|| text(&row.frequency), |p| p.frequency.clone()),
                        organisation: text(&row.organisation),
                        more_parts: more,
                        part_dates,
                    }
                })
                .collect(),
        };
        Plan {
            organisation: plan.organisation.to_string(),
            language: plan.language,
            title: plan.title.to_string(),
            period: text(&plan.period),
            published: text(&plan.published),
            sections: model::SectionKey::ALL.map(|key| {
                plan.section(key).map(|section| Section {
                    title: section.title.map(str::to_string),
                    spatial: section.spatial.as_ref().map(table),
                    non_spatial: section.non_spatial.as_ref().map(table),
                })
            }),
        }
    }
}
