#!/usr/bin/env python3
"""Makes the spreadsheet fixtures of `odplint import` under tests/fixtures/import/sheet/.

Steps (from the repository's root):

    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install openpyxl==3.1.5 python-docx PyYAML
    /tmp/venv/bin/python tools/gen_sheet_fixtures.py     # needs LibreOffice (soffice) for .ods

It writes, from the same plans as tools/gen_import_fixtures.py:
- hkpf-2024-2026.xlsx: the police plan (plans/hkpf/2024-2026.zh-Hant.yaml), one sheet per table
  (named `A.i`, `A.ii`, ...), each with its headings and note above the table as the Word
  document has them; a cover sheet with the organisation, the title and the closing date as
  lines of text (the date stands before the sections: the reader reads it last). Placeholder
  rows have 不適用 merged across five columns; item 7 of D.ii is one row per part with the item,
  category, name and date merged down over both. Dates of the form MM/YYYY are real date cells
  shown as `mm/yyyy`; others (`2/2015`) are text cells, kept as typed. Its import must equal the
  YAML byte for byte.
- harbour-2025-2027.zh-Hant.xlsx / .en.xlsx: the invented Harbour Affairs Office plan in both
  languages, the whole plan on one sheet, with a cover sheet giving the organisation, title and
  publication date (a real date cell) as label/value rows; `3/2025` typed as text, the other
  dates as date cells; the parted item merged down. Their gold is the `.gold.yaml` that
  tools/gen_import_fixtures.py writes beside the Word documents.
- extra-cell.xlsx: the English harbour workbook with a stray cell right of item 1's row (its
  import reports it, I004, in the rendering's line for that sheet and row).
- harbour-2025-2027.zh-Hant.ods / .en.ods: the same workbooks converted by LibreOffice
  (`soffice --headless --convert-to ods`), so the OpenDocument reader is tested on what
  LibreOffice writes (covered cells for merges, date values).

Workbooks are written reproducibly (fixed document properties and zip dates; the .ods files are
re-zipped with fixed dates and LibreOffice's time stamps removed). One thing is not in our hands:
LibreOffice 7.4 sometimes writes the master pages of styles.xml in another order; the cells
(content.xml) are the same every run.
"""

import datetime
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

import yaml
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_import_fixtures import WORDS, closing_date, harbour, is_placeholder  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "tests", "fixtures", "import", "sheet")
FIELDS = ["category", "name", "description", "release_date", "frequency"]
COVER = {
    "zh-Hant": ("封面", "機構", "標題", "發布日期"),
    "en": ("Cover", "Organisation", "Title", "Published"),
}


def put(sheet, row, column, value):
    """A cell: MM/YYYY as a real date shown as mm/yyyy, anything else as typed text."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str) and re.fullmatch(r"\d\d/\d{4}", value):
        month, year = value.split("/")
        cell.value = datetime.datetime(int(year), int(month), 1)
        cell.number_format = "mm/yyyy"
    else:
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"
    return cell


class SheetWriter:
    def __init__(self, sheet):
        self.sheet = sheet
        self.row = 1

    def line(self, text):
        put(self.sheet, self.row, 1, text)
        self.row += 1

    def table(self, header, rows):
        for column, text in enumerate(header, 1):
            put(self.sheet, self.row, column, text)
        self.row += 1
        for row in rows:
            self.plan_row(row)

    def plan_row(self, row):
        top = self.row
        put(self.sheet, top, 1, row["item"])
        if is_placeholder(row):
            put(self.sheet, top, 2, row["category"])
            self.sheet.merge_cells(start_row=top, start_column=2, end_row=top, end_column=6)
            self.row += 1
            return
        parts = row.get("parts")
        if not parts:
            for column, field in enumerate(FIELDS, 2):
                if row.get(field):
                    put(self.sheet, top, column, row[field])
            self.row += 1
            return
        for offset, part in enumerate(parts):
            put(self.sheet, top + offset, 4, part.get("description", ""))
            put(self.sheet, top + offset, 6, part.get("frequency", ""))
        for column, field in ((2, "category"), (3, "name"), (5, "release_date")):
            if row.get(field):
                put(self.sheet, top, column, row[field])
        for column in (1, 2, 3, 5):
            self.sheet.merge_cells(
                start_row=top, start_column=column, end_row=top + len(parts) - 1, end_column=column
            )
        self.row += len(parts)


def tables_of(plan):
    for key, section in plan["sections"].items():
        first = True
        for kind in ("spatial", "non_spatial"):
            if section.get(kind) is not None:
                yield key, section, kind, section[kind], first
                first = False


def write_table(writer, plan, key, section, kind, table, first):
    words = WORDS[plan["language"]]
    if first:
        writer.line(f"{key}. {section['title']}")
    writer.line(words["tables"][kind])
    if table.get("note"):
        writer.line(words["note"] + table["note"])
    writer.table(words["header_d" if key == "D" else "header"], table.get("rows", []))


def new_book():
    book = Workbook()
    book.remove(book.active)
    fixed = datetime.datetime(2024, 1, 1)
    book.properties.creator = "odplint fixtures"
    book.properties.lastModifiedBy = "odplint fixtures"
    book.properties.created = fixed
    book.properties.modified = fixed
    return book


def sheet_per_table(plan):
    """The police layout: a cover of text lines, then one sheet per table."""
    book = new_book()
    cover = SheetWriter(book.create_sheet(COVER[plan["language"]][0]))
    cover.line(plan["organisation"])
    cover.line(plan["title"])
    cover.line(closing_date(plan["published"], plan["language"]))
    for key, section, kind, table, first in tables_of(plan):
        numeral = "i" if kind == "spatial" else "ii"
        writer = SheetWriter(book.create_sheet(f"{key}.{numeral}"))
        write_table(writer, plan, key, section, kind, table, first)
    widen(book)
    return book


def one_sheet(plan):
    """The harbour layout: a cover of label/value rows, the whole plan on one sheet."""
    book = new_book()
    name, org, title, published = COVER[plan["language"]]
    cover = book.create_sheet(name)
    put(cover, 1, 1, org)
    put(cover, 1, 2, plan["organisation"])
    put(cover, 2, 1, title)
    put(cover, 2, 2, plan["title"])
    put(cover, 3, 1, published)
    put(cover, 3, 2, plan["published"])
    writer = SheetWriter(book.create_sheet("計劃" if plan["language"] != "en" else "Plan"))
    for key, section, kind, table, first in tables_of(plan):
        write_table(writer, plan, key, section, kind, table, first)
    widen(book)
    return book


def widen(book):
    for sheet in book.worksheets:
        for column in range(1, 7):
            sheet.column_dimensions[get_column_letter(column)].width = 24


def rezip(data, path):
    """Writes a zip's entries again with fixed dates (the mimetype first and stored)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    if "mimetype" in names:
        names.remove("mimetype")
        names.insert(0, "mimetype")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            content = source.read(name)
            if name == "docProps/core.xml":
                # openpyxl stamps the time of saving.
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", content
                )
            if name == "meta.xml":
                # LibreOffice stamps the conversion time and its build: fix them.
                content = re.sub(rb"<meta:generator>[^<]*</meta:generator>", b"", content)
                content = re.sub(rb"<dc:date>[^<]*</dc:date>", b"", content)
                content = re.sub(rb"<meta:creation-date>[^<]*</meta:creation-date>", b"", content)
            target.writestr(info, content)


def save(book, path):
    buffer = io.BytesIO()
    book.save(buffer)
    rezip(buffer.getvalue(), path)


def to_ods(xlsx, ods):
    with tempfile.TemporaryDirectory() as work:
        profile = "file://" + os.path.join(work, "profile")
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "ods",
             "--outdir", work, xlsx],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        made = os.path.join(work, os.path.basename(xlsx)[: -len(".xlsx")] + ".ods")
        with open(made, "rb") as f:
            rezip(f.read(), ods)


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(ROOT, "plans", "hkpf", "2024-2026.zh-Hant.yaml"), encoding="utf-8") as f:
        police = yaml.safe_load(f)
    save(sheet_per_table(police), os.path.join(OUT, "hkpf-2024-2026.xlsx"))
    for language in ("zh-Hant", "en"):
        stem = os.path.join(OUT, f"harbour-2025-2027.{language}")
        save(one_sheet(harbour(language)), stem + ".xlsx")
        if shutil.which("soffice"):
            to_ods(stem + ".xlsx", stem + ".ods")
        else:
            print("soffice not found: the .ods files were not written", file=sys.stderr)
    # A cell beyond the table's six columns: reported (I004) with its sheet and row.
    stray = one_sheet(harbour("en"))
    plan_sheet = stray["Plan"]
    for row in plan_sheet.iter_rows(min_row=1, max_row=plan_sheet.max_row):
        if row[0].value == 1 and row[1].value == "Transport":
            put(plan_sheet, row[0].row, 7, "stray")
            break
    save(stray, os.path.join(OUT, "extra-cell.xlsx"))
    print("wrote", OUT, file=sys.stderr)


if __name__ == "__main__":
    main()
