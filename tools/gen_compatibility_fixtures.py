#!/usr/bin/env python3
"""Writes the failing fixtures of T007 (compatibility-ideograph) in tests/fixtures/rules/T007/.
Compatibility ideographs look exactly like the characters they stand for, so the fixtures are made
here, where every one is written as an escape and can be read.

Usage: python3 tools/gen_compatibility_fixtures.py   (from the repository root; rewrites the files)
"""

import unicodedata

from gen_rule_pass_fixtures import ROOT, a_rows, dataset, replace

FIXTURES = {
    "fail-name": (
        "U+F969 (數) in a name and U+FA08 (行) twice in a description, each labelled",
        a_rows(
            dataset(
                1,
                "運輸",
                "行車速度\uF969據",
                "以CSV格式列出主要道路的\uFA08車速度及\uFA08車時間",
                "03/2024",
                "每日",
            )
        ),
    ),
    "fail-supplement": (
        "U+2F8A6 (慈) from the supplement block (U+2F800-U+2FA1F) in a name",
        a_rows(dataset(1, "社區及社會福利", "\U0002F8A6善機構名單", "以CSV格式列出慈善機構的名單", "03/2024", "每年")),
    ),
    "fail-vocabulary": (
        "a category (U+F9D8 律), a frequency (U+F98E 年) and a placeholder (U+F967 不) that are"
        " known terms once unified: T007 alone, not also an unknown category or frequency or a"
        " placeholder spelt another way",
        replace(
            a_rows(dataset(1, "法\uF9D8及保安", "罪案統計數字", "以CSV格式列出罪案數字", "03/2024", "每\uF98E")),
            "  B:\n    title: 在 2025 年及 2026 年發放的局／部門數據集\n    spatial:\n      rows:\n        - item: 1\n          category: 不適用\n",
            "  B:\n    title: 在 2025 年及 2026 年發放的局／部門數據集\n    spatial:\n      rows:\n        - item: 1\n          category: \uF967適用\n",
        ),
    ),
}


def main() -> None:
    folder = ROOT / "tests/fixtures/rules/T007"
    folder.mkdir(exist_ok=True)
    for stem, (why, text) in FIXTURES.items():
        # Each fixture must hold a compatibility ideograph, or it tests nothing.
        assert any(unicodedata.normalize("NFC", c) != c for c in text), stem
        (folder / f"{stem}.yaml").write_text(f"# fails: {why}\n{text}", encoding="utf-8")


if __name__ == "__main__":
    main()
