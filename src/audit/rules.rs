//! A001-A004: the audit rules. They judge several plans together (an organisation's consecutive
//! plans, or the two language versions of one plan), so their examples are pairs of plans and
//! they are listed in [`crate::rules::AUDIT`], not with the single-plan rules.

use crate::rules::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A dataset listed in section A of an organisation's plan (to be released in the plan's
    /// first year) appears in the organisation's next plan (the period starting one year later,
    /// in the same language) neither in section D (released) nor again in section A or B
    /// (planned with a new target). Names are compared with case, full-width forms, white space
    /// and punctuation folded; where only a similar name is found (an edit distance of at most a
    /// fifth of the length, or one name containing the other) the match counts but is reported
    /// as fuzzy, with both names.
    ///
    /// ## Why it matters
    /// Section A is the department's public promise for the year. The central office must answer
    /// each year whether every promise was kept; a dataset that silently disappears from the next
    /// plan is a broken promise nobody can follow up.
    ///
    /// ## Example that fails
    /// The plan for 2024-2026 promises a dataset for 2024:
    ///
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// and the plan for 2025-2027 lists it neither in D nor in A or B:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 交通燈位置
    ///           description: 以CSV格式列出交通燈位置
    ///           release_date: 03/2024
    ///           frequency: 有需要時
    /// ```
    ///
    /// ## Example that passes
    /// The plan for 2025-2027 lists the dataset in D with its release date:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 05/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: only the department knows whether the dataset was released (list it in D with its
    /// release date), postponed (list it in A or B with a new target) or dropped (say so in the
    /// plan's notes).
    pub static PROMISE_UNACCOUNTED = {
        code: "A001",
        name: "promise-unaccounted",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A dataset promised in section A of an organisation's plan is listed in section D of its
    /// next plan with a release date (MM/YYYY) later than the promised target. A release in the
    /// target month or before it is on time.
    ///
    /// ## Why it matters
    /// A late release is a promise kept late: the central office reports how many datasets were
    /// released on time, and a department that is often late should plan more realistic targets.
    ///
    /// ## Example that fails
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 09/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the dates are facts; if the release date is wrong, correct it in section D.
    pub static RELEASED_LATE = {
        code: "A002",
        name: "released-late",
        severity: Warning,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A dataset promised in section A of an organisation's plan was not released but appears
    /// again in section A or B of its next plan, with a new target date (usually later).
    ///
    /// ## Why it matters
    /// A slipped target is accounted for, but it is still a promise not kept in its year; the
    /// central office reports slips separately from releases, and repeated slips deserve a
    /// question.
    ///
    /// ## Example that fails
    /// ```yaml
    /// period: 2024-2026
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 03/2025
    ///           frequency: 每月
    /// ```
    ///
    /// ## Example that passes
    /// The dataset was released by its target and is listed in D of the next plan:
    ///
    /// ```yaml
    /// period: 2025-2027
    /// sections:
    ///   D:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2024
    ///           frequency: 每月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: the new target is the department's decision.
    pub static TARGET_SLIPPED = {
        code: "A003",
        name: "target-slipped",
        severity: Warning,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The Traditional Chinese (zh-Hant) and English (en) plans of one organisation and period do
    /// not list the same datasets in the same tables with the same dates, update frequencies and
    /// DATA.GOV.HK categories. Frequencies and categories are compared by meaning, so `每月` and
    /// `Monthly` agree, as do `運輸` and `Transportation`. Rows are paired table by table in order;
    /// a row without a counterpart, a row in another table, and each differing cell is one
    /// finding, on the English plan, naming the Chinese one.
    ///
    /// ## Why it matters
    /// The two versions are one plan published twice: readers of either language must be
    /// promised the same datasets by the same dates. A difference is almost always an update made
    /// in one version and forgotten in the other.
    ///
    /// ## Example that fails
    /// ```yaml
    /// # 2025-2027.zh-Hant.yaml
    /// language: zh-Hant
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: 運輸
    ///           name: 泊車位使用率
    ///           description: 以CSV格式列出各停車場的泊車位使用率
    ///           release_date: 06/2025
    ///           frequency: 每月
    /// ```
    ///
    /// ```yaml
    /// # 2025-2027.en.yaml
    /// language: en
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transportation
    ///           name: Parking space occupancy
    ///           description: Occupancy of parking spaces by car park in CSV format
    ///           release_date: 09/2025
    ///           frequency: Quarterly
    /// ```
    ///
    /// ## Example that passes
    /// ```yaml
    /// # 2025-2027.en.yaml
    /// language: en
    /// sections:
    ///   A:
    ///     non_spatial:
    ///       rows:
    ///         - item: 1
    ///           category: Transportation
    ///           name: Parking space occupancy
    ///           description: Occupancy of parking spaces by car park in CSV format
    ///           release_date: 06/2025
    ///           frequency: Monthly
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: odplint cannot tell which version is right; correct the one that is out of date.
    pub static LANGUAGE_VERSIONS_DIFFER = {
        code: "A004",
        name: "language-versions-differ",
        severity: Error,
        fix: Never,
    };
}
