#!/usr/bin/env python3
"""Makes the Word and spreadsheet fixtures of `odplint import` under tests/fixtures/import/.

Steps (from the repository's root):

    pip install python-docx openpyxl PyYAML      # python-docx 1.2, openpyxl 3.1
    python3 tools/gen_import_fixtures.py         # writes the files below
    python3 tools/gen_import_fixtures.py --bench 500 /tmp/bench.docx   # a 500-row plan

It writes:
- hkpf-2024-2026.docx: the police plan (plans/hkpf/2024-2026.zh-Hant.yaml) in the published
  layout: one paragraph each for the organisation, the title, every heading and note, one Word
  table per plan table with a repeated header row (w:tblHeader), placeholder rows whose 不適用
  spans five columns (w:gridSpan), item 7 of D.ii as one row merged down over two
  description/frequency parts (w:vMerge), the organisation and the date closing the plan.
  Its import must equal the YAML byte for byte.
- harbour-2025-2027.zh-Hant.docx and harbour-2025-2027.en.docx: an invented organisation's plan
  written as Word authors really write them: a header wrapped onto a second row, the header
  typed again in the middle of a table, a row broken by a page (its description continued in a
  row with an empty item cell after the repeated header), cells of several paragraphs and line
  breaks, runs split mid-word, a field (w:fldSimple) and a complex field (w:fldChar) whose
  result is the text, a content control (w:sdt), tracked changes (w:ins kept, w:del dropped),
  empty paragraphs. Beside each, its gold YAML (`.gold.yaml`): what the import must give.

Files are written reproducibly (fixed zip dates and document properties), so running the
script again changes nothing unless the script changed.
"""

import argparse
import datetime
import io
import os
import sys
import zipfile
from xml.sax.saxutils import escape

import yaml
from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "import")

WORDS = {
    "zh-Hant": {
        "tables": {"spatial": "i. 空間數據", "non_spatial": "ii. 非空間數據"},
        "note": "備註：",
        "header": ["編號", "數據種類", "數據集名稱", "一般說明", "目標發放日期 (月/年)", "更新頻率"],
        "header_d": ["編號", "數據種類", "數據集名稱", "一般說明", "發放日期(月/年)", "更新頻率"],
        "wrapped": [("目標發放日期", "(月/年)")],
    },
    "en": {
        "tables": {"spatial": "i. Spatial Data", "non_spatial": "ii. Non-spatial Data"},
        "note": "Remarks: ",
        "header": [
            "Item No.",
            "Data Category",
            "Dataset Name",
            "General Description",
            "Target Release Date (MM/YYYY)",
            "Update Frequency",
        ],
        "header_d": [
            "Item No.",
            "Data Category",
            "Dataset Name",
            "General Description",
            "Release Date (MM/YYYY)",
            "Update Frequency",
        ],
        "wrapped": [("Target Release Date", "(MM/YYYY)")],
    },
}

FIELDS = ["category", "name", "description", "release_date", "frequency"]


def closing_date(published, language):
    month, year = published.split("/")
    if language == "en":
        return datetime.date(int(year), int(month), 1).strftime("%B %Y")
    return f"{year}年{int(month)}月"


def run(text):
    return f'<w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def set_cell(cell, paragraphs):
    """Replaces the cell's content by paragraphs of raw run XML."""
    tc = cell._tc
    for p in tc.findall(qn("w:p")):
        tc.remove(p)
    for inner in paragraphs or [""]:
        tc.append(parse_xml(f'<w:p {nsdecls("w")}>{inner}</w:p>'))


def mark_header(row):
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))


def is_placeholder(row):
    return set(k for k, v in row.items() if v) <= {"item", "category"} and not row.get("parts")


def parts_of(row):
    """A row's description/frequency parts (the first is the row's own)."""
    if row.get("parts"):
        return row["parts"]
    return [{"description": row.get("description", ""), "frequency": row.get("frequency", "")}]


class Writer:
    """Writes one plan as a Word document; `messy` adds what authors really do."""

    def __init__(self, plan, messy):
        self.plan = plan
        self.words = WORDS[plan["language"]]
        self.messy = messy
        self.doc = Document()
        self.doc.core_properties.author = "odplint fixtures"
        fixed = datetime.datetime(2024, 1, 1)
        self.doc.core_properties.created = fixed
        self.doc.core_properties.modified = fixed
        self.doc.core_properties.last_modified_by = "odplint fixtures"
        self.doc.core_properties.revision = 1
        # The default template's empty first paragraph.
        body = self.doc.element.body
        for p in body.findall(qn("w:p")):
            body.remove(p)

    def paragraph(self, text):
        self.doc.add_paragraph(text)
        if self.messy:
            self.doc.add_paragraph("")

    def write(self):
        plan = self.plan
        self.paragraph(plan["organisation"])
        self.paragraph(plan["title"])
        for key, section in plan["sections"].items():
            self.paragraph(f"{key}. {section['title']}")
            for kind in ("spatial", "non_spatial"):
                table = section.get(kind)
                if table is None:
                    continue
                self.paragraph(self.words["tables"][kind])
                if table.get("note"):
                    self.paragraph(self.words["note"] + table["note"])
                header = self.words["header_d" if key == "D" else "header"]
                self.table(header, table.get("rows", []))
        self.doc.add_paragraph(plan["organisation"])
        self.doc.add_paragraph(closing_date(plan["published"], plan["language"]))
        return self.doc

    def header_rows(self, table, header):
        if self.messy:
            # The header wrapped onto a second row: the date's unit below it.
            first, second = self.words["wrapped"][0]
            top = table.add_row()
            mark_header(top)
            below = table.add_row()
            mark_header(below)
            for index, text in enumerate(header):
                if index == 4:
                    set_cell(top.cells[index], [run(first)])
                    set_cell(below.cells[index], [run(second)])
                else:
                    set_cell(top.cells[index], [run(text)])
                    set_cell(below.cells[index], [])
        else:
            row = table.add_row()
            mark_header(row)
            for index, text in enumerate(header):
                set_cell(row.cells[index], [run(text)])

    def table(self, header, rows):
        table = self.doc.add_table(rows=0, cols=6)
        table.style = "Table Grid"
        self.header_rows(table, header)
        for number, row in enumerate(rows):
            if self.messy and number == 1:
                # The header typed again, as after a manual page break.
                self.header_rows(table, header)
            self.row(table, row, broken=self.messy and number == 2)

    def row(self, table, row, broken):
        if is_placeholder(row):
            cells = table.add_row().cells
            set_cell(cells[0], [run(str(row["item"]))])
            merged = cells[1].merge(cells[5])
            set_cell(merged, [run(row["category"])])
            return
        parts = parts_of(row)
        first = table.add_row()
        lower = [table.add_row() for _ in parts[1:]]
        values = {
            "category": row.get("category", ""),
            "name": row.get("name", ""),
            "release_date": row.get("release_date", ""),
        }
        set_cell(first.cells[0], [run(str(row["item"]))])
        for index, field in ((1, "category"), (2, "name"), (4, "release_date")):
            set_cell(first.cells[index], self.cell_text(field, values[field]))
        for part, cells in zip(parts, [first.cells] + [r.cells for r in lower]):
            description = part.get("description", "")
            if broken and not lower:
                continue
            set_cell(cells[3], self.cell_text("description", description))
            set_cell(cells[5], self.cell_text("frequency", part.get("frequency", "")))
        if broken and not lower:
            self.broken_row(table, first, parts[0])
        # One dataset, several parts: the other columns merged down.
        for index in (0, 1, 2, 4):
            if lower:
                first.cells[index].merge(lower[-1].cells[index])

    def broken_row(self, table, first, part):
        """The row's description broken by a page: the rest after the repeated header."""
        description = part.get("description", "")
        head, tail = split_text(description, self.plan["language"])
        set_cell(first.cells[3], [run(head)])
        set_cell(first.cells[5], self.cell_text("frequency", part.get("frequency", "")))
        self.header_rows(table, self.words["header"])
        rest = table.add_row()
        for index in range(6):
            set_cell(rest.cells[index], [run(tail)] if index == 3 else [])

    def cell_text(self, field, text):
        """The cell's paragraphs; in a messy document, written the ways authors write them."""
        if not text:
            return []
        if not self.messy:
            return [run(text)]
        language = self.plan["language"]
        if field == "description" and len(text) > 8:
            head, tail = split_text(text, language)
            # Two paragraphs, the second with a line break in a content control.
            second_head, second_tail = split_text(tail, language)
            if second_head and second_tail:
                return [
                    run(head),
                    "<w:sdt><w:sdtPr/><w:sdtContent>"
                    + f'<w:r><w:t xml:space="preserve">{escape(second_head)}</w:t><w:br/>'
                    + f'<w:t xml:space="preserve">{escape(second_tail)}</w:t></w:r>'
                    + "</w:sdtContent></w:sdt>",
                ]
            return [run(head), run(tail)]
        if field == "frequency" and len(text) > 1:
            # Runs split in the middle of a word.
            cut = len(text) // 2
            return [run(text[:cut]) + run(text[cut:])]
        if field == "name":
            # A field whose result is the name, and a deleted word, and an inserted one.
            cut = max(1, len(text) // 2)
            return [
                f'<w:fldSimple w:instr=" DOCPROPERTY Name ">{run(text[:cut])}</w:fldSimple>'
                + '<w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                + "<w:r><w:delText>舊 old</w:delText></w:r></w:del>"
                + '<w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z">'
                + run(text[cut:])
                + "</w:ins>"
            ]
        if field == "release_date":
            return [
                '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                + '<w:r><w:instrText xml:space="preserve"> QUOTE "x" </w:instrText></w:r>'
                + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
                + run(text)
                + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            ]
        return [run(text)]


def split_text(text, language):
    """Two halves of a cell's text as a wrapped line would break it: at a space in English
    (joined again with one space), anywhere between ideographs in Chinese."""
    if language == "en":
        words = text.split(" ")
        if len(words) < 2:
            return text, ""
        cut = len(words) // 2
        return " ".join(words[:cut]), " ".join(words[cut:])
    cut = len(text) // 2
    # Never split next to a Latin word or a space (those joins are not exact).
    while 0 < cut < len(text) and not (is_cjk(text[cut - 1]) and is_cjk(text[cut])):
        cut += 1
    if cut >= len(text):
        return text, ""
    return text[:cut], text[cut:]


def is_cjk(c):
    return 0x3000 <= ord(c) <= 0x9FFF or 0xFF00 <= ord(c) <= 0xFFEF


def save_reproducibly(doc, path):
    """Saves with fixed zip dates, entries in a fixed order."""
    buffer = io.BytesIO()
    doc.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))


def gold_yaml(plan):
    """The plan as the gold YAML (compared by value, not by bytes)."""
    return yaml.safe_dump(plan, allow_unicode=True, sort_keys=False, width=1000)


def harbour(language):
    """An invented organisation's plan."""
    if language == "zh-Hant":
        org, title = "海港事務處", "2025-2027年度開放數據計劃"
        sections = {
            "A": "在 2025 年發放的數據集",
            "B": "在 2026 年及 2027 年發放的數據集",
            "C": "其他機構計劃開放的數據集",
            "D": "進度：已上載至「資料一線通」的數據集",
        }
        na, note = "不適用", "2023年及之前發布的數據集條目基於上一年度的計劃。"
        rows = [
            ("交通", "渡輪碼頭位置", "以CSV格式列出各渡輪碼頭的位置及開放時間", "3/2025", "每月"),
            ("環境", "海水水質", "以JSON格式列出各監測站每月量度的海水水質數據及趨勢", "06/2025", "每季"),
            ("交通", "船隻交通統計", "以CSV格式列出各港口區域每日船隻往來的數目統計", "12/2025", "每年"),
            ("康樂", "海濱長廊設施", "海濱長廊設施位置及開放時間", "01/2026", "當有更新數據時"),
        ]
        parts = [
            {"description": "以JSON格式列出各碼頭每月的乘客數字", "frequency": "每月"},
            {"description": "以CSV格式列出全年乘客數字趨勢及年報", "frequency": "每年"},
        ]
        parted = ("交通", "渡輪乘客數字", "10/2023")
    else:
        org, title = "Harbour Affairs Office", "2025-2027 Open Data Plan"
        sections = {
            "A": "Datasets to be released in 2025",
            "B": "Datasets to be released in 2026 and 2027",
            "C": "Datasets planned by other organisations",
            "D": "Progress: datasets uploaded to DATA.GOV.HK",
        }
        na, note = "N/A", "Entries released in 2023 and before follow the previous plan."
        rows = [
            ("Transport", "Ferry Piers", "Locations and opening hours of ferry piers in CSV format", "3/2025", "Monthly"),
            ("Environment", "Marine Water Quality", "Monthly marine water quality readings of every monitoring station in JSON format", "06/2025", "Quarterly"),
            ("Transport", "Vessel Traffic", "Daily counts of vessel movements in each harbour area in CSV format", "12/2025", "Annually"),
            ("Recreation", "Promenade Facilities", "Locations and opening hours of promenade facilities", "01/2026", "As and when necessary"),
        ]
        parts = [
            {"description": "Monthly passenger numbers of each pier in JSON format", "frequency": "Monthly"},
            {"description": "Yearly passenger trends and the annual report in CSV format", "frequency": "Annually"},
        ]
        parted = ("Transport", "Ferry Passengers", "10/2023")

    def row(item, values):
        category, name, description, date, frequency = values
        return {
            "item": item,
            "category": category,
            "name": name,
            "description": description,
            "release_date": date,
            "frequency": frequency,
        }

    placeholder = {"rows": [{"item": 1, "category": na}]}
    published = "11/2024"
    plan = {
        "format": "odp-plan/1",
        "organisation": org,
        "language": language,
        "title": title,
        "period": "2025-2027",
        "published": published,
        "sections": {
            "A": {
                "title": sections["A"],
                "spatial": {"rows": [row(1, rows[0]), row(2, rows[3])]},
                "non_spatial": {"rows": [row(i + 1, r) for i, r in enumerate(rows[1:3])]},
            },
            "B": {"title": sections["B"], "spatial": placeholder, "non_spatial": placeholder},
            "C": {"title": sections["C"], "spatial": placeholder, "non_spatial": placeholder},
            "D": {
                "title": sections["D"],
                "spatial": placeholder,
                "non_spatial": {
                    "note": note,
                    "rows": [
                        row(1, rows[1]),
                        row(2, rows[2]),
                        row(3, rows[0]),
                        {
                            "item": 4,
                            "category": parted[0],
                            "name": parted[1],
                            "release_date": parted[2],
                            "parts": parts,
                        },
                    ],
                },
            },
        },
    }
    return plan


def bench_plan(rows):
    """A plan of `rows` datasets in one table (for the benchmark)."""
    plan = harbour("zh-Hant")
    table = plan["sections"]["D"]["non_spatial"]
    base = table["rows"][:3]
    table["rows"] = [dict(base[i % 3], item=i + 1) for i in range(rows)]
    return plan


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench", nargs=2, metavar=("ROWS", "OUT"), help="write a plan of ROWS rows")
    args = parser.parse_args()
    if args.bench:
        rows, out = int(args.bench[0]), args.bench[1]
        save_reproducibly(Writer(bench_plan(rows), messy=False).write(), out)
        return
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(ROOT, "plans", "hkpf", "2024-2026.zh-Hant.yaml"), encoding="utf-8") as f:
        police = yaml.safe_load(f)
    save_reproducibly(Writer(police, messy=False).write(), os.path.join(OUT, "hkpf-2024-2026.docx"))
    for language in ("zh-Hant", "en"):
        plan = harbour(language)
        stem = os.path.join(OUT, f"harbour-2025-2027.{language}")
        save_reproducibly(Writer(plan, messy=True).write(), stem + ".docx")
        with open(stem + ".gold.yaml", "w", encoding="utf-8") as f:
            f.write(gold_yaml(plan))
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
