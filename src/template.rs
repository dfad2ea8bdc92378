//! The government template as an empty plan: the plan and section titles in each language for a
//! period, and every table holding its placeholder row. `odplint init` writes it.

use crate::import::{Plan, Row, Section, Table};
use crate::model::{Language, Period, SectionKey};

/// The plan's title as the template words it for a period.
pub fn plan_title(language: Language, period: Period) -> String {
    let (first, last) = (period.first, period.last);
    match language {
        Language::ZhHant => format!("{first}-{last}年度整合開放數據計劃（包含空間數據計劃）"),
        Language::ZhHans => format!("{first}-{last}年度整合开放数据计划（包含空间数据计划）"),
        Language::En => {
            format!("{first}-{last} Integrated Open Data Plan (including Spatial Data Plan)")
        }
    }
}

/// A section's title as the template words it (A names the first year, B the second and third).
pub fn section_title(language: Language, section: SectionKey, period: Period) -> String {
    let (first, second, last) = (period.first, period.first + 1, period.last);
    match (language, section) {
        (Language::ZhHant, SectionKey::A) => format!("在 {first} 年發放的局／部門數據集"),
        (Language::ZhHant, SectionKey::B) => {
            format!("在 {second} 年及 {last} 年發放的局／部門數據集")
        }
        (Language::ZhHant, SectionKey::C) => "其他機構計劃開放的數據集".to_string(),
        (Language::ZhHant, SectionKey::D) => "進度：局／部門及其他機構已經上載至「資料一線通」及/或「空間數據共享平台」網站的數據集".to_string(),
        (Language::ZhHans, SectionKey::A) => format!("在 {first} 年发放的局／部门数据集"),
        (Language::ZhHans, SectionKey::B) => {
            format!("在 {second} 年及 {last} 年发放的局／部门数据集")
        }
        (Language::ZhHans, SectionKey::C) => "其他机构计划开放的数据集".to_string(),
        (Language::ZhHans, SectionKey::D) => "进度：局／部门及其他机构已经上载至「资料一线通」及/或「空间数据共享平台」网站的数据集".to_string(),
        (Language::En, SectionKey::A) => format!("Datasets to be released by B/D in {first}"),
        (Language::En, SectionKey::B) => {
            format!("Datasets to be released by B/D in {second} and {last}")
        }
        (Language::En, SectionKey::C) => {
            "Datasets that other organisations plan to open".to_string()
        }
        (Language::En, SectionKey::D) => "Progress: Datasets of B/D and other organisations that have been uploaded to DATA.GOV.HK and/or CSDI Portal".to_string(),
    }
}

/// An empty plan: the four sections with their titles, each table with its placeholder row.
pub fn empty_plan(organisation: &str, language: Language, period: Period, published: &str) -> Plan {
    let table = || Table {
        note: None,
        rows: vec![Row {
            item: 1,
            category: language.placeholder().to_string(),
            ..Row::default()
        }],
    };
    Plan {
        organisation: organisation.to_string(),
        language,
        title: plan_title(language, period),
        period: format!("{}-{}", period.first, period.last),
        published: published.to_string(),
        sections: SectionKey::ALL.map(|key| {
            Some(Section {
                title: Some(section_title(language, key, period)),
                spatial: Some(table()),
                non_spatial: Some(table()),
            })
        }),
    }
}

/// The `odplint.toml` written beside a new plan: the settings people change most, commented.
pub const CONFIG_TEXT: &str = r#"# odplint's settings for the plans in this folder and below (`odplint explain CODE` for a rule).

# The lowest severity that makes `odplint check` exit 1: "error", "warning" or "info".
fail-on = "error"

# The language of odplint's messages: "en", "zh-Hant" or "zh-Hans" (default: the system's).
# lang = "zh-Hant"

# Paths that folder walks leave out, besides .git, node_modules, target and the like.
# extend-exclude = ["drafts/"]

# Rule levels by code or name: "error", "warning", "info" or "off".
[rules]
# D004 = "off"

# Spellings accepted beyond the built-in vocabularies, per plan language.
[frequencies]
# zh-Hant = ["每兩星期"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_years_of_the_period() {
        let period = Period::parse("2026-2028").unwrap();
        assert_eq!(
            section_title(Language::ZhHant, SectionKey::B, period),
            "在 2027 年及 2028 年發放的局／部門數據集"
        );
        assert_eq!(
            plan_title(Language::En, period),
            "2026-2028 Integrated Open Data Plan (including Spatial Data Plan)"
        );
    }

    #[test]
    fn the_configuration_text_is_a_valid_configuration() {
        crate::config::Config::parse(CONFIG_TEXT, std::path::Path::new("odplint.toml")).unwrap();
    }
}
