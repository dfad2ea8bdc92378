#!/usr/bin/env python3
"""Writes tests/fixtures/rules/<CODE>/pass.yaml: for every rule, the sound base plan with the
near-miss that rule must accept (a boundary date, a compound frequency, a bracket pair that nests,
a name that contains 不適用 but is a dataset, ...), so each passing fixture tests something of its
own rule instead of repeating the base plan.

Usage: python3 tools/gen_rule_pass_fixtures.py   (from the repository root; rewrites the files)
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = (ROOT / "tests/fixtures/base.yaml").read_text(encoding="utf-8")
BASE_BODY = BASE.split("\n", 1)[1]  # the base plan without its comment line

PLACEHOLDER = "      rows:\n        - item: 1\n          category: 不適用\n"


def section_table(text: str, section: str, table: str) -> tuple[int, int]:
    """The byte range of the `rows:` block of one table (section A-D, spatial/non_spatial)."""
    start = text.index(f"  {section}:\n")
    start = text.index(f"    {table}:\n", start)
    rows = text.index("      rows:\n", start)
    end = rows + len("      rows:\n")
    while end < len(text) and text.startswith("        ", end):
        end = text.index("\n", end) + 1
    return rows, end


def with_rows(text: str, section: str, table: str, rows: str, note: str | None = None) -> str:
    """Replaces the rows of one table (a placeholder or datasets) with `rows` (YAML lines at the
    row indentation), adding a note above them when given."""
    start, end = section_table(text, section, table)
    block = ""
    if note is not None:
        block += f"      note: {note}\n"
    block += "      rows:\n" + rows
    return text[:start] + block + text[end:]


def dataset(item, category, name, description, date, frequency, extra=""):
    return (
        f"        - item: {item}\n"
        f"          category: {category}\n"
        f"          name: {name}\n"
        f"          description: {description}\n"
        f"          release_date: {date}\n"
        f"          frequency: {frequency}\n"
        f"{extra}"
    )


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def a_rows(rows: str, **kw) -> str:
    return with_rows(BASE_BODY, "A", "non_spatial", rows, **kw)


FIXTURES = {
    "S001": (
        "a document start marker, comments everywhere and a row in flow style",
        replace(
            "---\n" + BASE_BODY,
            "    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n  B:",
            "    non_spatial:   # table ii\n      rows:\n        - { item: 1, category: 不適用 }  # nothing planned\n  B:",
        ),
    ),
    "S002": (
        "the same key names at different levels and in different rows are not repeated keys",
        a_rows(
            dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "03/2024", "每日")
            + dataset(2, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "06/2024", "每日")
        ),
    ),
    "S003": (
        "every optional key the form allows: organisation_id, table notes, a row's organisation",
        with_rows(
            replace(BASE_BODY, "language: zh-Hant\n", "organisation_id: hkpf\nlanguage: zh-Hant\n"),
            "C",
            "non_spatial",
            dataset(
                1,
                "法律及保安",
                "交通意外地點",
                "以CSV格式列出交通意外的地點",
                "06/2025",
                "每月",
                "          organisation: 運輸署\n",
            ),
            note="由其他機構發放的數據集。",
        ),
    ),
    "S004": ("the format written as a quoted string", replace(BASE_BODY, "format: odp-plan/1", 'format: "odp-plan/1"')),
    "M001": ("the period written as a quoted string", replace(BASE_BODY, "period: 2024-2026", 'period: "2024-2026"')),
    "M002": (
        "published at the very start of the year before the period",
        replace(
            replace(BASE_BODY, "published: 12/2023", "published: 01/2023"),
            "release_date: 10/2016",
            "release_date: 01/2023",
        ),
    ),
    "M003": (
        "section titles are optional: A and B without titles, so nothing can disagree",
        replace(
            replace(BASE_BODY, "    title: 在 2024 年發放的局／部門數據集\n", ""),
            "    title: 在 2025 年及 2026 年發放的局／部門數據集\n",
            "",
        ),
    ),
    "D001": (
        "dates at the edges of the months (01 and 12), in rows and in parts",
        a_rows(
            dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "01/2024", "每日")
            + "        - item: 2\n"
            "          category: 運輸\n"
            "          name: 泊車位\n"
            "          parts:\n"
            "            - description: 以CSV格式列出路旁泊車位\n"
            "              frequency: 每月\n"
            "              release_date: 12/2024\n"
            "            - description: 以JSON格式列出停車場泊車位\n"
            "              frequency: 每月\n"
            "              release_date: 12/2024\n"
        ),
    ),
    "D002": (
        "targets on the first and last month of each window: A in 2024, B in 2025-2026, C in the period",
        with_rows(
            with_rows(
                a_rows(
                    dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "01/2024", "每日")
                    + dataset(2, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "12/2024", "每日")
                ),
                "B",
                "non_spatial",
                dataset(1, "運輸", "巴士站位置", "以CSV格式列出巴士站的位置", "01/2025", "每月")
                + dataset(2, "運輸", "小巴站位置", "以CSV格式列出小巴站的位置", "12/2026", "每月"),
            ),
            "C",
            "non_spatial",
            dataset(1, "運輸", "渡輪碼頭位置", "以CSV格式列出渡輪碼頭的位置", "12/2026", "每年"),
        ),
    ),
    "D003": (
        "a release in the very month of publication",
        replace(BASE_BODY, "release_date: 10/2016", "release_date: 12/2023"),
    ),
    "D004": (
        "a target in the month after publication",
        a_rows(dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "01/2024", "每日")),
    ),
    "D005": (
        "a comment that speaks of confirming is not the marker",
        replace(
            BASE_BODY,
            "release_date: 10/2016",
            "release_date: 10/2016  # confirmed with the portal team; odplint: allow nothing else",
        ),
    ),
    "F001": (
        "frequencies built from the grammar: intervals, minutes, compounds with 及/或",
        a_rows(
            dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "03/2024", "每兩星期")
            + dataset(2, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "03/2024", "每五分鐘")
            + dataset(3, "運輸", "泊車位", "以CSV格式列出路旁泊車位", "03/2024", "每年及有需要時")
        ),
    ),
    "F002": (
        "the canonical terms themselves",
        a_rows(
            dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "03/2024", "即時")
            + dataset(2, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "03/2024", "每季")
            + dataset(3, "運輸", "泊車位", "以CSV格式列出路旁泊車位", "03/2024", "當有更新數據時")
        ),
    ),
    "F003": (
        "frequencies written alike in Traditional and Simplified Chinese are not in the wrong language",
        a_rows(
            dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "03/2024", "每日")
            + dataset(2, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "03/2024", "每月")
        ),
    ),
    "C001": (
        "categories with punctuation and the longest names, exactly as DATA.GOV.HK writes them",
        a_rows(
            dataset(1, "康樂、體育及文化", "運動場地", "以CSV格式列出運動場地", "03/2024", "每月")
            + dataset(2, "發展、地理及土地資訊", "地段界線", "以CSV格式列出地段界線", "03/2024", "每月")
        ),
    ),
    "C002": (
        "current names that differ from their 2018 English names only in translation",
        a_rows(
            dataset(1, "城市管理及公共設施", "公廁位置", "以CSV格式列出公廁的位置", "03/2024", "每月")
            + dataset(2, "科技及廣播", "公共Wi-Fi熱點", "以CSV格式列出公共Wi-Fi熱點", "03/2024", "每月")
        ),
    ),
    "C003": (
        "category names whose characters are the same in both Chinese scripts",
        a_rows(
            dataset(1, "人口", "人口推算", "以CSV格式列出人口推算", "03/2024", "每年")
            + dataset(2, "教育", "學校名單", "以CSV格式列出學校名單", "03/2024", "每年")
        ),
    ),
    "P001": (
        "a table with a note above its placeholder row",
        with_rows(
            BASE_BODY,
            "A",
            "spatial",
            "        - item: 1\n          category: 不適用\n",
            note="本年度沒有計劃發放的空間數據集。",
        ),
    ),
    "P002": (
        "placeholder rows in flow style, item 1 and nothing else",
        replace(
            BASE_BODY,
            "    spatial:\n      rows:\n        - item: 1\n          category: 不適用\n    non_spatial:\n      rows:\n        - item: 1\n          category: 不適用\n  B:",
            "    spatial:\n      rows:\n        - { item: 1, category: 不適用 }\n    non_spatial:\n      rows: [{ item: 1, category: 不適用 }]\n  B:",
        ),
    ),
    "P003": (
        "a dataset whose name and description contain 不適用 is not a placeholder",
        a_rows(
            dataset(1, "運輸", "不適用泊車位", "以CSV格式列出不適用於私家車的泊車位", "03/2024", "每月")
        ),
    ),
    "P004": (
        "the placeholder quoted, single and double: still exactly 不適用",
        replace(
            replace(
                BASE_BODY,
                "  B:\n    title: 在 2025 年及 2026 年發放的局／部門數據集\n    spatial:\n      rows:\n        - item: 1\n          category: 不適用\n",
                "  B:\n    title: 在 2025 年及 2026 年發放的局／部門數據集\n    spatial:\n      rows:\n        - item: 1\n          category: '不適用'\n",
            ),
            "  C:\n    title: 其他機構計劃開放的數據集\n    spatial:\n      rows:\n        - item: 1\n          category: 不適用\n",
            "  C:\n    title: 其他機構計劃開放的數據集\n    spatial:\n      rows:\n        - item: 1\n          category: \"不適用\"\n",
        ),
    ),
    "N001": (
        "each table numbers its rows from 1, and a row with parts counts once",
        with_rows(
            a_rows(
                dataset(1, "運輸", "行車速度", "以CSV格式列出主要道路的行車速度", "03/2024", "每日")
                + "        - item: 2\n"
                "          category: 運輸\n"
                "          name: 泊車位\n"
                "          release_date: 06/2024\n"
                "          parts:\n"
                "            - description: 以CSV格式列出路旁泊車位\n"
                "              frequency: 每月\n"
                "            - description: 以JSON格式列出停車場泊車位\n"
                "              frequency: 每月\n"
                + dataset(3, "運輸", "行車時間", "以CSV格式列出主要道路的行車時間", "09/2024", "每日")
            ),
            "A",
            "spatial",
            dataset(1, "運輸", "巴士站位置", "以CSV格式列出巴士站的位置", "03/2024", "每月"),
        ),
    ),
    "T001": (
        "single spaces between Latin words, and between Chinese and Latin text",
        a_rows(dataset(1, "運輸", "Wi-Fi 熱點位置", "以 CSV 及 JSON 格式列出 Wi-Fi 熱點", "03/2024", "每月")),
    ),
    "T002": (
        "a row of another organisation with every cell, and parts each with their cells",
        with_rows(
            BASE_BODY,
            "C",
            "non_spatial",
            dataset(
                1,
                "運輸",
                "交通意外地點",
                "以CSV格式列出交通意外的地點",
                "06/2025",
                "每月",
                "          organisation: 運輸署\n",
            ),
        ),
    ),
    "T003": (
        "names that share words but are different datasets",
        a_rows(
            dataset(1, "運輸", "交通統計數字（年報）", "以CSV格式列出交通年報的統計數字", "03/2024", "每年")
            + dataset(2, "運輸", "交通統計數字（季報）", "以CSV格式列出交通季報的統計數字", "03/2024", "每季")
        ),
    ),
    "T004": (
        "characters that Hong Kong usage writes this way (台, 着, 里, 床) are not simplified",
        a_rows(dataset(1, "運輸", "天台停車場", "以CSV格式列出鄰里天台停車場的泊着車輛及床位", "03/2024", "每月")),
    ),
    "T005": (
        "a description naming a machine-readable format beside PDF",
        a_rows(dataset(1, "運輸", "行車速度", "以PDF及CSV格式列出主要道路的行車速度", "03/2024", "每日")),
    ),
    "T006": (
        "nested full-width brackets and corner quotes that pair up",
        a_rows(dataset(1, "運輸", "「行車速度」數據（主要道路（九龍））", "以CSV格式列出《行車速度》（每日更新）", "03/2024", "每日")),
    ),
    "T007": (
        "U+FA11 﨑 and U+FA0E 﨎 sit in the compatibility block but are unified ideographs with no other form",
        a_rows(dataset(1, "運輸", "長\uFA11道路行車速度", "以CSV格式列出長\uFA11及\uFA0E口道路的行車速度", "03/2024", "每日")),
    ),
}


def main() -> None:
    for code, (why, text) in FIXTURES.items():
        folder = ROOT / "tests/fixtures/rules" / code
        assert folder.is_dir(), folder
        assert text != BASE_BODY, f"{code}: the passing fixture must differ from the base plan"
        (folder / "pass.yaml").write_text(f"# passes: {why}\n{text}", encoding="utf-8")


if __name__ == "__main__":
    main()
