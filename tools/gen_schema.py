#!/usr/bin/env python3
"""Makes schemas/plan.schema.json editor-grade, in place (running it again changes nothing).

Editors (VS Code's YAML extension, i.e. yaml-language-server) implement JSON Schema draft-07
only, so the schema is draft-07 and uses no later keyword. On top of the hand-written titles and
descriptions it adds:

- `markdownDescription` beside every `description` (the hover text editors prefer);
- the categories of DATA.GOV.HK as an enum per plan language (from src/vocab/categories.tsv),
  each with its three names, chosen by `language` through `if`/`then` at the root;
- the canonical update frequencies of each language as `examples` (the grammar accepts more
  than an enum could list);
- a `pattern` for MM/YYYY dates, `minItems: 1` for rows, and the placeholder row's shape.

Those last constraints repeat what odplint's rules check with better words (D001, C001-C003,
P001, P002, P004). Each is named in an `x-odplint` annotation (`{"keyword": ["RULE", ...]}`), and the
CLI drops exactly those keywords before it validates, so one defect stays one diagnostic.

Usage: python3 tools/gen_schema.py   (from the repository root)
"""

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas/plan.schema.json"
CATEGORIES = ROOT / "src/vocab/categories.tsv"

LANGUAGES = ["zh-Hant", "zh-Hans", "en"]
PLACEHOLDERS = {"zh-Hant": "不適用", "zh-Hans": "不适用", "en": "N/A"}
LANGUAGE_NAMES = {
    "zh-Hant": "Traditional Chinese / 繁體中文",
    "zh-Hans": "Simplified Chinese / 簡體中文",
    "en": "English / 英文",
}
# vocab::frequency::canonical_terms for each language (a test checks they agree).
FREQUENCIES = {
    "zh-Hant": ["每日", "每星期", "每月", "每季", "每半年", "每年", "每小時", "每日兩次", "即時",
                "有需要時", "當有更新數據時"],
    "zh-Hans": ["每日", "每星期", "每月", "每季", "每半年", "每年", "每小时", "每日两次", "实时",
                "有需要时", "当有更新数据时"],
    "en": ["Daily", "Weekly", "Monthly", "Quarterly", "Half-yearly", "Annually", "Hourly",
           "Twice daily", "Real-time", "As and when necessary", "When there are data updates"],
}
# Exactly MM/YYYY, as D001 reads it (surrounding white space is T001's, not D001's).
DATE_PATTERN = r"^\s*(0[1-9]|1[0-2])/[0-9]{4}\s*$"
CELL_TYPE = ["string", "null"]
# The rules that judge a category cell: unknown, outdated, in another language, a placeholder
# spelt another way.
CATEGORY_RULES = ["C001", "C002", "C003", "P004"]


def categories():
    rows = []
    with CATEGORIES.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            rows.append({"en": fields[1], "zh-Hant": fields[3], "zh-Hans": fields[4]})
    return rows


def category_definition(language, rows):
    names = [row[language] for row in rows]
    described = [f"{row['zh-Hant']} / {row['en']} / {row['zh-Hans']}" for row in rows]
    placeholder = PLACEHOLDERS[language]
    listing = "\n".join(f"- {text}" for text in described)
    return {
        "title": f"Data category ({LANGUAGE_NAMES[language]}) / 數據種類",
        "description": (
            f"One of the {len(rows)} DATA.GOV.HK data categories, written in the plan's language "
            f"({language}), or the placeholder {placeholder} in a table with nothing to list. "
            f"Each category in Traditional Chinese / English / Simplified Chinese:\n{listing}\n\n"
            f"「資料一線通」的 {len(rows)} 個數據種類之一，以計劃的語文（{language}）填寫；"
            f"如表格沒有須列出的數據集，則填寫「{placeholder}」。各數據種類的繁體中文／英文／簡體中文名稱如上。"
        ),
        "enum": names + [placeholder],
        "enumDescriptions": described + [f"不適用 / N/A / 不适用 (placeholder / 沒有數據集)"],
        "x-odplint": {"enum": CATEGORY_RULES},
    }


def frequency_definition(language):
    terms = FREQUENCIES[language]
    return {
        "title": f"Update frequency ({LANGUAGE_NAMES[language]}) / 更新頻率",
        "description": (
            f"How often the dataset is updated, in the plan's language ({language}). The "
            f"canonical terms are offered; intervals (every 3 months), weekdays and compounds "
            f"(... and as and when necessary) are accepted too.\n\n"
            f"數據集的更新頻率，以計劃的語文（{language}）填寫。建議使用標準用語；"
            f"亦接受間隔（每三個月）、星期幾及組合（……及有需要時）等寫法。"
        ),
        "examples": terms,
    }


def by_language(language):
    """The root `if`/`then` that gives the categories and frequencies of one language."""
    row = {"$ref": f"#/definitions/row-{language}"}
    table = {"properties": {"rows": {"items": row}}}
    section = {"properties": {"spatial": table, "non_spatial": table}}
    return {
        "if": {"properties": {"language": {"const": language}}, "required": ["language"]},
        "then": {
            "properties": {
                "sections": {"properties": {key: section for key in "ABCD"}}
            }
        },
        "x-odplint": {"if": CATEGORY_RULES, "then": CATEGORY_RULES},
    }


def row_by_language(language):
    part = {"properties": {"frequency": {"$ref": f"#/definitions/frequency-{language}"}}}
    return {
        "properties": {
            "category": {"$ref": f"#/definitions/category-{language}"},
            "frequency": {"$ref": f"#/definitions/frequency-{language}"},
            "parts": {"items": part},
        }
    }


def placeholder_shape():
    empty = {"$ref": "#/definitions/empty-cell"}
    return {
        "if": {
            "properties": {"category": {"enum": list(PLACEHOLDERS.values())}},
            "required": ["category"],
        },
        "then": {
            "properties": {
                "item": {"const": 1},
                "name": empty,
                "description": empty,
                "release_date": empty,
                "frequency": empty,
                "organisation": empty,
            }
        },
    }


def with_markdown(node):
    """`markdownDescription` right after every `description`, the same text (hover prefers it)."""
    if isinstance(node, list):
        return [with_markdown(value) for value in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "markdownDescription":
            continue
        out[key] = with_markdown(value)
        if key == "description" and isinstance(value, str):
            out["markdownDescription"] = value
    return out


def inline_cells(properties):
    """A cell's type beside its own title, not behind a `$ref`: draft-07 ignores a `$ref`'s
    siblings, so a pattern there would not count."""
    for name, node in properties.items():
        if node.get("$ref") == "#/definitions/cell":
            del node["$ref"]
            node["type"] = CELL_TYPE
        if name == "release_date":
            node["pattern"] = DATE_PATTERN
            node["x-odplint"] = {"pattern": ["D001"]}
        if name == "frequency":
            node.pop("examples", None)


def main():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    text = json.dumps(schema, ensure_ascii=False).replace("#/$defs/", "#/definitions/")
    schema = json.loads(text)
    definitions = schema.pop("$defs", None) or schema.pop("definitions")
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"

    published = schema["properties"]["published"]
    published["pattern"] = DATE_PATTERN
    published["x-odplint"] = {"pattern": ["D001"]}

    rows = categories()
    row = definitions["row"]
    inline_cells(row["properties"])
    inline_cells(definitions["part"]["properties"])
    row.update(placeholder_shape())
    row["x-odplint"] = {"if": ["P002"], "then": ["P002"]}

    table = definitions["table"]
    table["required"] = ["rows"]
    table["properties"]["rows"]["minItems"] = 1
    table["properties"]["rows"]["x-odplint"] = {"minItems": ["P001"]}
    table["x-odplint"] = {"required": ["P001"]}

    definitions.pop("cell", None)
    definitions["empty-cell"] = {
        "title": "Empty cell / 空白欄位",
        "description": "A placeholder row has no other cells: leave this out, or write null.\n\n"
        "「不適用」行不應填寫其他欄位：請省略此欄或填寫 null。",
        "anyOf": [{"type": "null"}, {"type": "string", "pattern": r"^\s*$"}],
    }
    for language in LANGUAGES:
        definitions[f"category-{language}"] = category_definition(language, rows)
        definitions[f"frequency-{language}"] = frequency_definition(language)
        definitions[f"row-{language}"] = row_by_language(language)
    schema["allOf"] = [by_language(language) for language in LANGUAGES]

    # Keys in a stable, readable order: the annotations first, `definitions` last.
    ordered = {key: schema[key] for key in schema if key not in ("allOf", "definitions")}
    ordered["allOf"] = schema["allOf"]
    ordered["definitions"] = definitions
    ordered = with_markdown(ordered)
    SCHEMA.write_text(json.dumps(ordered, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
