//! I001-I007: what `import` reports about its input. They point into the input file, not into a
//! plan, so they are kept out of the plan rules ([`crate::rules::ALL`]) and listed in
//! [`crate::registry::IMPORT`]. In the examples `⇥` stands for a tab.

use crate::rule::declare_rule;

declare_rule! {
    /// ## What it checks
    /// A line of the input fits nowhere in the plan's template: free text inside a table (a page
    /// number, a footer), a paragraph before the first section, a row whose first cell is not an
    /// item number, a continuation line with no row above it, or anything after the closing date.
    /// The line is not imported.
    ///
    /// ## Why it matters
    /// `import` promises that nothing in a published plan is dropped silently: a line it cannot
    /// place may be a lost cell or a whole lost dataset.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 第 3 頁
    /// 2023年12月
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: remove the line from the input, or move its text into the cell it belongs to.
    pub static UNPLACEABLE_LINE = {
        code: "I001",
        name: "unplaceable-line",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A row's item number does not follow the row before it in the same table (`5` after `2`,
    /// or a first row that is not `1`). The row is imported with its number as published.
    ///
    /// ## Why it matters
    /// In a PDF extraction a number out of place usually means a row was lost or a line was read
    /// as the wrong row; the imported plan should be checked against the PDF there.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 3⇥法律及保安⇥防止罪案辦公室⇥防止罪案辦公室位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2⇥法律及保安⇥防止罪案辦公室⇥防止罪案辦公室位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: compare the table with the published PDF; if the plan itself numbers the rows so,
    /// `odplint check` reports it again as N001.
    pub static ITEM_OUT_OF_PLACE = {
        code: "I002",
        name: "item-out-of-place",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// Table lines (a header row, rows, continuation lines) have no table heading above them in
    /// their section, or stand before any section heading, so there is no table to put them in;
    /// in a CSV, a row leaves its section or table cell empty. One diagnostic per run of such
    /// lines; they are not imported. Table headings are `i. 空間數據` and `ii. 非空間數據`
    /// (`i. Spatial Data` and `ii. Non-spatial Data` in English plans).
    ///
    /// ## Why it matters
    /// Whether a dataset is spatial or not, and in which section it stands, is part of what the
    /// plan says; `import` does not guess it.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: add the table heading to the input above the lines.
    pub static TABLE_WITHOUT_HEADING = {
        code: "I003",
        name: "table-without-heading",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// A line has text in more cells than its table has columns (six in the template, or as many
    /// as the table's header row names). The cells beyond the last column are not imported;
    /// empty cells there are ignored.
    ///
    /// ## Why it matters
    /// An extra cell is usually a tab inside a cell's text, which shifts every later cell of the
    /// row into the wrong column.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區⇥基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: remove the stray tab from the input so that every cell is in its column.
    pub static TOO_MANY_CELLS = {
        code: "I004",
        name: "too-many-cells",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// `import` chose the likelier of two readings of the input. It does so where
    ///
    /// - a continuation line with only an update frequency is read as the rest of the frequency
    ///   above (`每年及` / `有需要時`), not as another part without a description;
    /// - a continuation line with a description and a frequency under a row that has no
    ///   frequency is read as the rest of that row, not as a second part (under a row with a
    ///   frequency it is a second part, unless its frequency plainly continues the one above,
    ///   as `有需要時` continues `每年及`);
    /// - a header cell names no column of the template: the columns are then read in the
    ///   template's order;
    /// - a section or table heading that appears twice: the second continues the first;
    /// - a second note for the same table is appended to the first.
    ///
    /// A warning; with `--strict` an error.
    ///
    /// ## Why it matters
    /// The guess is right for the layouts seen so far, but a person should look at the imported
    /// cell once.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥每年及
    /// ⇥⇥⇥⇥⇥有需要時
    /// 2023年12月
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地⇥12/2022⇥每年及有需要時
    /// ⇥⇥⇥位置⇥⇥
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: check the imported value against the published plan and correct the YAML or the
    /// input.
    pub static GUESSED_STRUCTURE = {
        code: "I005",
        name: "guessed-structure",
        severity: Warning,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The input does not give one of the plan's facts: the organisation (the first line), the
    /// title (the second), the period (a year range such as `2024-2026` in the title) or the
    /// publication date (a closing line such as `2023年12月` or `December 2023`), and no option
    /// (`--organisation`, `--title`, `--period`, `--published`) supplies it. The key is written
    /// empty.
    ///
    /// ## Why it matters
    /// The period and the publication date decide which dates `check` accepts in every section.
    ///
    /// ## Example that fails
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// ```
    ///
    /// ## Example that passes
    /// ```text
    /// 香港警務處
    /// 2024-2026年度整合開放數據計劃（包含空間數據計劃）
    /// D. 進度
    /// i. 空間數據
    /// 編號⇥數據種類⇥數據集名稱⇥一般說明⇥發放日期(月/年)⇥更新頻率
    /// 1⇥法律及保安⇥水警分區基地⇥水警分區基地位置⇥12/2022⇥當有更新數據時
    /// 2023年12月
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: give the value with its option, or write it into the imported YAML.
    pub static MISSING_METADATA = {
        code: "I006",
        name: "missing-metadata",
        severity: Error,
        fix: Never,
    };
}

declare_rule! {
    /// ## What it checks
    /// The header row of a CSV input names a column that is not one of the template's, names a
    /// column twice, or lacks one of the columns every row needs (section, table, item). The
    /// columns are `section`, `table`, `item`, `category`, `name`, `description`, `date`,
    /// `frequency` and `organisation`, or in Chinese `部分`, `表`, `編號`, `數據種類`,
    /// `數據集名稱`, `一般說明`, `發放日期` (or `目標發放日期`), `更新頻率` and `機構`.
    ///
    /// ## Why it matters
    /// The cells of an unknown column would be lost; without a required column no row can be
    /// placed.
    ///
    /// ## Example that fails
    /// ```csv
    /// section,table,item,category,name,description,date,frequency,remarks
    /// D,spatial,1,法律及保安,水警分區基地,水警分區基地位置,12/2022,當有更新數據時,新增
    /// ```
    ///
    /// ## Example that passes
    /// ```csv
    /// section,table,item,category,name,description,date,frequency
    /// D,spatial,1,法律及保安,水警分區基地,水警分區基地位置,12/2022,當有更新數據時
    /// ```
    ///
    /// ## Fix safety
    /// No automatic fix: rename or remove the column in the spreadsheet.
    pub static CSV_HEADER = {
        code: "I007",
        name: "csv-header",
        severity: Error,
        fix: Never,
    };
}
