#!/usr/bin/env python3
"""Writes fuzz/seeds/pdf/*.pdf: small hand-made PDFs (a few kilobytes, content streams not
compressed) that reach the PDF reader's table geometry, fonts and page joins quickly, so that the
fuzzer mutates structure rather than spending its time inside large embedded fonts, as it does on
the fixtures' PDFs. Run from the repository root: python3 fuzz/seeds/make_pdf_seeds.py"""
import pathlib

OUT = pathlib.Path(__file__).parent / "pdf"
HELVETICA = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def pdf(pages, fonts, extra=()):
    """pages: content streams; fonts: font objects (F1, F2, ...) shared by every page."""
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", None]
    first_font = 3
    objects += list(fonts)
    objects += list(extra)
    font_refs = " ".join(f"/F{i + 1} {first_font + i} 0 R" for i in range(len(fonts)))
    kids = []
    for content in pages:
        objects.append(f"<< /Length {len(content) + 1} >>\nstream\n{content}\nendstream")
        content_ref = len(objects)
        objects.append(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] "
            f"/Contents {content_ref} 0 R /Resources << /Font << {font_refs} >> >> >>"
        )
        kids.append(f"{len(objects)} 0 R")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for index, body in enumerate(objects):
        offsets.append(len(out))
        out += f"{index + 1} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data):
    return f"<< /Length {len(data) + 1} >>\nstream\n{data}\nendstream"


def text(x, y, s, font="F1", size=10):
    return f"BT /{font} {size} Tf {x} {y} Td ({s}) Tj ET"


def table(top, rows, columns=(40, 80, 200, 340, 460, 520, 570), height=20):
    """Ruling lines as thin filled rectangles and stroked lines, and each row's cell text."""
    parts = []
    for r, cells in enumerate(rows):
        y = top - r * height
        parts.append(f"{columns[0]} {y} {columns[-1] - columns[0]} 0.5 re f")
        for c, cell in enumerate(cells):
            if cell:
                parts.append(text(columns[c] + 2, y - 14, cell))
    bottom = top - len(rows) * height
    parts.append(f"{columns[0]} {bottom} m {columns[-1]} {bottom} l S")
    for x in columns:
        parts.append(f"{x} {bottom} m {x} {top} l S")
    return "\n".join(parts)


HEADER = ["Item", "Category", "Dataset", "Description", "Target", "Frequency"]


def plan_page(section, rows):
    return "\n".join([
        text(40, 760, "Harbour Affairs Office", size=12),
        text(40, 740, "2025-2027 Open Data Plan"),
        text(40, 720, section),
        text(40, 700, "i. Spatial Data"),
        table(690, [HEADER] + rows),
    ])


def main():
    OUT.mkdir(exist_ok=True)
    row = ["1", "Transport", "Pier locations", "Locations of piers", "03/2025", "Yearly"]
    seeds = {
        "table.pdf": pdf([plan_page("A. Datasets to be released in 2025", [row, ["2", "Environment", "Tides", "Tide levels", "06/2025", "Daily"]])], [HELVETICA]),
        "merged.pdf": pdf([plan_page("B. Datasets to be released in 2026 and 2027", [["1", "N/A", "", "", "", ""]])], [HELVETICA]),
        # A row cut by the page end continues at the top of the next page, under a repeated header.
        "two-pages.pdf": pdf(
            [plan_page("D. Released datasets", [row]) + "\n" + text(300, 20, "1"),
             table(780, [HEADER, ["", "", "(continued)", "more text", "", ""]]) + "\n" + text(300, 20, "2")],
            [HELVETICA],
        ),
        # A font whose codes map to text through a ToUnicode CMap (two bytes a code).
        "tounicode.pdf": pdf(
            ["BT /F1 12 Tf 40 700 Td <00010002> Tj ET\n" + table(690, [HEADER, row])],
            ["<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H "
             "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"],
            ["<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo "
             "<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [1 [500 500]] >>",
             stream("/CIDInit /ProcSet findresource begin 1 begincodespacerange <0000> <FFFF> "
                    "endcodespacerange 2 beginbfchar <0001> <5728> <0002> <2F83> endbfchar end")],
        ),
        # A Type 3 font with its own matrix and widths.
        "type3.pdf": pdf(
            ["BT /F1 10 Tf 40 700 Td (AB) Tj ET\n" + table(690, [HEADER, row])],
            ["<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0] "
             "/CharProcs << /A 4 0 R /B 4 0 R >> /Encoding << /Type /Encoding /Differences [65 /A /B] >> "
             "/FirstChar 65 /LastChar 66 /Widths [600 600] >>"],
            [stream("600 0 d0 0 0 m f")],
        ),
    }
    for name, data in seeds.items():
        (OUT / name).write_bytes(data)
        print(f"{OUT / name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
