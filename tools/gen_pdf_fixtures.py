#!/usr/bin/env python3
"""Makes the PDF fixtures of `odplint import` (tests/fixtures/import/pdf/), two ways that real
plans are published:

- by LibreOffice from Word documents: `soffice --headless --convert-to pdf` on the .docx
  fixtures that tools/gen_import_fixtures.py makes (the police plan among them); the gold of
  each PDF is the gold of its Word document;
- by Chromium's print to PDF from an HTML table (`chromium --headless --print-to-pdf`), for the
  invented plans written here: long tables broken over pages, header rows repeated on every page
  (`<thead>`), centred header text, a 不適用 cell spanning five columns, page numbers in the
  footer; the gold YAML is written beside each PDF.

Both embed Noto CJK (fonts-noto-cjk). Needs python3 with PyYAML, libreoffice and chromium.
Run from the repository root: python3 tools/gen_pdf_fixtures.py

The benchmark's 50-page PDF (bench-50-pages.pdf, `cargo bench --bench import`) is the invented
plan with 430 rows in one table, written as Word by tools/gen_import_fixtures.py and printed by
LibreOffice: python3 tools/gen_pdf_fixtures.py --bench (needs python-docx and soffice only).
"""
import html
import os
import shutil
import subprocess
import sys
import tempfile

import yaml

class NoAliases(yaml.SafeDumper):
    """Writes repeated tables out in full (the gold reads as the plan does)."""

    def ignore_aliases(self, data):
        return True

    def increase_indent(self, flow=False, indentless=False):
        # Lists indented under their key, as `odplint import` writes them.
        return super().increase_indent(flow, False)


OUT = "tests/fixtures/import/pdf"
DOCX = "tests/fixtures/import"
WORD_PLANS = {
    # PDF name: (Word document, gold)
    "hkpf-2024-2026.pdf": ("hkpf-2024-2026.docx", "plans/hkpf/2024-2026.zh-Hant.yaml"),
}

HEADERS = {
    "zh-Hant": ["編號", "數據種類", "數據集名稱", "一般說明", "目標發放日期 (月/年)", "更新頻率"],
    "en": ["Item No.", "Data Category", "Dataset Name", "General Description",
           "Target Release Date (MM/YYYY)", "Update Frequency"],
}
SECTION_TITLES = {
    "zh-Hant": {"A": "在 2025 年發放的數據集", "B": "在 2026 年及 2027 年發放的數據集",
                "C": "其他機構計劃開放的數據集", "D": "進度：已上載至「資料一線通」的數據集"},
    "en": {"A": "Datasets to be released in 2025", "B": "Datasets to be released in 2026 and 2027",
           "C": "Datasets planned by other organisations",
           "D": "Progress: datasets uploaded to DATA.GOV.HK"},
}
KINDS = {"zh-Hant": ("i. 空間數據", "ii. 非空間數據"), "en": ("i. Spatial Data", "ii. Non-spatial Data")}
NOT_APPLICABLE = {"zh-Hant": "不適用", "en": "N/A"}


def invented(language):
    """An invented plan with a long section D (broken over pages)."""
    zh = language == "zh-Hant"
    organisation = "山嶺測繪處" if zh else "Upland Survey Office"
    title = "2025-2027年度開放數據計劃" if zh else "Annual Open Data Plan 2025-2027"
    rows = []
    for item in range(1, 41):
        if zh:
            rows.append({
                "item": item, "category": "地理", "name": f"山徑測量點第{item}組",
                "description": f"以CSV格式列出第{item}組自然步道類別測量點的位置、高度及量度日期，"
                               "並附有每個測量點的交通意外 數字及附近設施的說明",
                "release_date": f"{(item % 12) + 1}/2024", "frequency": "每年及有需要時"})
        else:
            rows.append({
                "item": item, "category": "Geography", "name": f"Trail survey points, group {item}",
                "description": f"Locations, heights and survey dates of the trail survey points of "
                               f"group {item} in CSV format, with notes on nearby facilities",
                "release_date": f"{(item % 12) + 1:02d}/2024", "frequency": "Annually"})
    na = {"rows": [{"item": 1, "category": NOT_APPLICABLE[language]}]}
    first = [{
        "item": 1, "category": "地理" if zh else "Geography",
        "name": "山頂氣象站" if zh else "Summit weather stations",
        "description": "以JSON格式列出各山頂氣象站的位置" if zh else
        "Locations of the summit weather stations in JSON format",
        "release_date": "06/2025", "frequency": "每月" if zh else "Monthly"}]
    return {
        "format": "odp-plan/1", "organisation": organisation, "language": language,
        "title": title, "period": "2025-2027", "published": "11/2024",
        "sections": {
            "A": {"title": SECTION_TITLES[language]["A"], "spatial": {"rows": first},
                  "non_spatial": na},
            "B": {"title": SECTION_TITLES[language]["B"], "spatial": na, "non_spatial": na},
            "C": {"title": SECTION_TITLES[language]["C"], "spatial": na, "non_spatial": na},
            "D": {"title": SECTION_TITLES[language]["D"], "spatial": {"rows": rows},
                  "non_spatial": na},
        },
    }


def table_html(language, table):
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADERS[language])
    body = []
    for row in table["rows"]:
        if list(row) == ["item", "category"]:
            body.append(f"<tr><td>{row['item']}</td>"
                        f"<td colspan=5>{html.escape(row['category'])}</td></tr>")
            continue
        cells = [row["item"], row["category"], row["name"], row["description"],
                 row["release_date"], row["frequency"]]
        body.append("<tr>" + "".join(f"<td>{html.escape(str(c))}</td>" for c in cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def plan_html(plan):
    language = plan["language"]
    parts = [f"<p>{html.escape(plan['organisation'])}</p>", f"<p>{html.escape(plan['title'])}</p>"]
    for key, section in plan["sections"].items():
        parts.append(f"<h2>{key}. {html.escape(section['title'])}</h2>")
        for kind, label in zip(("spatial", "non_spatial"), KINDS[language]):
            parts.append(f"<h3>{html.escape(label)}</h3>")
            parts.append(table_html(language, section[kind]))
    month, year = plan["published"].split("/")
    parts.append(f"<p>{year}年{int(month)}月</p>" if language == "zh-Hant"
                 else f"<p>November {year}</p>")
    style = """
      @page { size: A4; margin: 20mm 15mm;
              @bottom-center { content: counter(page); font-size: 9pt; } }
      body { font-family: 'Noto Sans CJK TC', sans-serif; font-size: 10pt; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 8pt; }
      th { background: #d9d9d9; text-align: center; }
      th, td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: top; }
      tr { break-inside: auto; }
      h2, h3 { font-size: 11pt; }
    """
    return (f"<!DOCTYPE html><html lang='{language}'><head><meta charset='utf-8'>"
            f"<style>{style}</style></head><body>{''.join(parts)}</body></html>")


def bench(soffice):
    """The 50-page PDF of the benchmark: 430 rows printed by LibreOffice."""
    with tempfile.TemporaryDirectory() as work:
        docx = os.path.join(work, "bench-50-pages.docx")
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "gen_import_fixtures.py"),
                        "--bench", "430", docx], check=True)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", work, docx],
                       check=True, capture_output=True)
        shutil.move(os.path.join(work, "bench-50-pages.pdf"), os.path.join(OUT, "bench-50-pages.pdf"))


def main():
    soffice = shutil.which("soffice")
    if sys.argv[1:] == ["--bench"]:
        if not soffice:
            sys.exit("needs soffice (LibreOffice)")
        bench(soffice)
        return
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not soffice or not chromium:
        sys.exit("needs soffice (LibreOffice) and chromium")
    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for pdf, (docx, _gold) in WORD_PLANS.items():
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", work,
                            os.path.join(DOCX, docx)], check=True, capture_output=True)
            shutil.move(os.path.join(work, docx[:-5] + ".pdf"), os.path.join(OUT, pdf))
        for language in ("zh-Hant", "en"):
            plan = invented(language)
            name = f"upland-2025-2027.{language}"
            page = os.path.join(work, name + ".html")
            with open(page, "w", encoding="utf-8") as out:
                out.write(plan_html(plan))
            subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                            "--no-pdf-header-footer", f"--print-to-pdf={OUT}/{name}.chromium.pdf",
                            "file://" + page], check=True, capture_output=True)
            with open(os.path.join(OUT, name + ".chromium.gold.yaml"), "w", encoding="utf-8") as out:
                yaml.dump(plan, out, Dumper=NoAliases, allow_unicode=True, sort_keys=False,
                          width=1000)


if __name__ == "__main__":
    main()
