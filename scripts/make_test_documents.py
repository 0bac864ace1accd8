#!/usr/bin/env python3
"""Make the PDF test documents of tests/data/documents/ from the bundled sample reports.

A sample's Markdown-like text ('#' headings, paragraphs, '- ' items, '**bold**', '*italic*', footnote
marks `<sup>N</sup>` with their `<sup>N</sup> text` lines) is written as a flat OpenDocument text
(.fodt) laid out as a Vietnamese administrative report: A4, Liberation Serif 13 pt, justified, a
first-line indent, real footnotes at the page bottom (numbered in superscript, as Word prints
them), the page number in a running header and a running footer line. LibreOffice (needed to make
these files only, not by the project) prints it:

    soffice --headless --convert-to pdf --outdir OUT FILE.fodt

Documents made (see tests/data/documents/README.md):
    sample_000.pdf, sample_001.pdf  the samples 000 and 001
    sample_000.docx, sample_001.docx
                                    the same documents saved by LibreOffice as Word files (real footnotes)
    table.pdf, table.txt            a "Biểu số" table with merged header cells, and its tab-separated twin
    tcvn3.pdf, tcvn3.txt            paragraphs typed in TCVN3 as with a .VnTime font (one byte a letter, each
                                    mapped to its Windows-1252 character: the text layer reads "B¸o c¸o"),
                                    written by hand (see one_byte_font_pdf), and the same bytes as a text file
    cid.pdf                         a short report whose fonts lost their ToUnicode maps: its text reads
                                    as (cid:N) glyphs
    private_use.pdf                 tcvn3.pdf's text with every code mapped to the private-use area
                                    (U+F000 + code), as producers that take a font for a symbol font write it
    scanned.pdf                     two pages of sample_000.pdf as pictures only (no text layer)
    encrypted.pdf                   a short report that opens only with a password ("mat-khau")

Usage: .venv/bin/python scripts/make_test_documents.py [OUT_DIR] [--only NAME ...]   (default: tests/data/documents)
"""
from __future__ import annotations

import argparse
import io
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "reports" / "samples"
DEFAULT_OUT = ROOT / "tests" / "data" / "documents"
sys.path.insert(0, str(ROOT))

from reports.legacy_encodings import TCVN3_TABLE  # noqa: E402

FONT = "Liberation Serif"  # metrically Times New Roman, the font of Vietnamese administrative documents
RUNNING_FOOTER = "Báo cáo công tác xây dựng Đảng và hệ thống chính trị"
PASSWORD = "mat-khau"
SCAN_DPI = 60  # low, to keep the picture-only PDF small; still a page of text to the eye
SCAN_PAGES = 2
# LibreOffice's PDF export with its defaults; the encrypted copy with an open password
PDF_FILTER = "pdf:writer_pdf_Export"
DOCX_FILTER = "docx:MS Word 2007 XML"
ENCRYPTED_FILTER = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
                    f'"DocumentOpenPassword":{{"type":"string","value":"{PASSWORD}"}}}}')

FOOTNOTE_LINE_RE = re.compile(r"^\s*<sup>(\d+)</sup>\s*(.*)$")
HEADING_RE = re.compile(r"^(#+)\s+(.*)$")
SEPARATOR_RE = re.compile(r"^\s*(?:-{3,}|\\\*|\*{3,})\s*$")
# inline markup, longest first: bold italic, bold, italic, a superscript (a footnote mark or km²)
INLINE_RE = re.compile(r"\*\*\*(.+?)\*\*\*|\*\*(.+?)\*\*|\*(.+?)\*|<sup>(\d+)</sup>")

FODT_HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:font-face-decls>
  <style:font-face style:name="{FONT}" svg:font-family="'{FONT}'" style:font-family-generic="roman"/>
 </office:font-face-decls>
 <office:styles>
  <style:default-style style:family="paragraph">
   <style:text-properties style:font-name="{FONT}" fo:font-size="13pt" fo:language="vi" fo:country="VN"/>
  </style:default-style>
  <style:style style:name="Standard" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:text-indent="1cm" fo:margin-top="0cm"
    fo:margin-bottom="6pt" fo:line-height="115%"/>
  </style:style>
  <style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="start" fo:margin-top="6pt" fo:keep-with-next="always"/>
   <style:text-properties fo:font-weight="bold"/>
  </style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Heading">
   <style:paragraph-properties fo:text-align="center" fo:text-indent="0cm"/>
  </style:style>
  <style:style style:name="Caption" style:family="paragraph" style:parent-style-name="Standard">
   <style:paragraph-properties fo:text-align="center" fo:text-indent="0cm" fo:margin-bottom="0pt"/>
  </style:style>
  <style:style style:name="Cell" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Footnote" style:family="paragraph">
   <style:paragraph-properties fo:text-align="justify" fo:margin-bottom="2pt"/>
   <style:text-properties fo:font-size="10pt"/>
  </style:style>
  <style:style style:name="Header" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="11pt"/>
  </style:style>
  <style:style style:name="Footer" style:family="paragraph">
   <style:paragraph-properties fo:text-align="center"/>
   <style:text-properties fo:font-size="9pt" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="FootnoteNumber" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <text:notes-configuration text:note-class="footnote" text:citation-style-name="FootnoteNumber"
   style:num-format="1" text:start-value="0" text:footnotes-position="page" text:start-numbering-at="document"/>
 </office:styles>
 <office:automatic-styles>
  <style:page-layout style:name="A4">
   <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm"
    fo:margin-bottom="1.2cm" fo:margin-left="3cm" fo:margin-right="2cm"/>
   <style:header-style>
    <style:header-footer-properties fo:min-height="0cm" fo:margin-bottom="0.6cm"/>
   </style:header-style>
   <style:footer-style><style:header-footer-properties fo:min-height="0cm" fo:margin-top="0.6cm"/></style:footer-style>
  </style:page-layout>
  <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
  <style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
  <style:style style:name="BI" style:family="text">
   <style:text-properties fo:font-weight="bold" fo:font-style="italic"/>
  </style:style>
  <style:style style:name="Sup" style:family="text">
   <style:text-properties style:text-position="super 58%"/>
  </style:style>
  <style:style style:name="Grid" style:family="table-cell">
   <style:table-cell-properties fo:border="0.5pt solid #000000" fo:padding="0.05cm"/>
  </style:style>
 </office:automatic-styles>
 <office:master-styles>
  <style:master-page style:name="Standard" style:page-layout-name="A4">
   <style:header>
    <text:p text:style-name="Header"><text:page-number text:select-page="current">1</text:page-number></text:p>
   </style:header>
   <style:footer><text:p text:style-name="Footer">{escape(RUNNING_FOOTER)}</text:p></style:footer>
  </style:master-page>
 </office:master-styles>
 <office:body>
  <office:text>
"""
FODT_TAIL = """  </office:text>
 </office:body>
</office:document>
"""


def inline(text: str, footnotes: dict[str, str]) -> str:
    """A line's Markdown-like markup as ODF spans; a `<sup>N</sup>` with a footnote line becomes that
    footnote, any other a superscript."""
    out, position = [], 0
    for match in INLINE_RE.finditer(text):
        out.append(escape(text[position:match.start()]))
        bold_italic, bold, italic, sup = match.groups()
        if sup is not None and sup in footnotes:
            body = inline(footnotes[sup], {})
            out.append(f'<text:note text:id="ftn{sup}" text:note-class="footnote"><text:note-citation>{sup}'
                       f'</text:note-citation><text:note-body><text:p text:style-name="Footnote"><text:s/>{body}'
                       f'</text:p></text:note-body></text:note>')
        elif sup is not None:
            out.append(f'<text:span text:style-name="Sup">{sup}</text:span>')
        else:
            style, inner = next((s, t) for s, t in (("BI", bold_italic), ("B", bold), ("I", italic)) if t is not None)
            out.append(f'<text:span text:style-name="{style}">{inline(inner, footnotes)}</text:span>')
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def report_paragraphs(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(kind, text) blocks of a sample and its footnotes by number. The converter that made the samples
    cut paragraphs at page breaks (the next part starts in lowercase): they are joined again, as the
    Word original had them."""
    blocks: list[tuple[str, str]] = []
    footnotes: dict[str, str] = {}
    for line in text.split("\n"):
        if not line.strip() or SEPARATOR_RE.match(line):
            continue
        footnote = FOOTNOTE_LINE_RE.match(line)
        if footnote:
            footnotes[footnote.group(1)] = footnote.group(2).strip()
            continue
        heading = HEADING_RE.match(line)
        if heading:
            blocks.append((f"h{len(heading.group(1))}", heading.group(2).strip()))
            continue
        plain = re.sub(r"[*_\\]", "", line).lstrip()
        if blocks and blocks[-1][0] == "p" and plain[:1].islower():
            blocks[-1] = ("p", blocks[-1][1].rstrip() + " " + line.strip())
            continue
        blocks.append(("p", line.strip()))
    return blocks, footnotes


def report_fodt(text: str) -> str:
    blocks, footnotes = report_paragraphs(text)
    body = []
    for kind, content in blocks:
        if kind == "p":
            body.append(f'<text:p text:style-name="Standard">{inline(content, footnotes)}</text:p>')
        else:
            level = int(kind[1:])
            style = "Title" if level <= 3 and not re.match(r"[*\s]*[\dIVX]", content) else "Heading"
            body.append(f'<text:h text:style-name="{style}" text:outline-level="{level}">'
                        f'{inline(content, footnotes)}</text:h>')
    return FODT_HEAD + "\n".join(body) + "\n" + FODT_TAIL


# --- a table with merged header cells: "Biểu số 4" of sample 003, as its Word original drew it.
# Each cell is (text, columns spanned, rows spanned); a spanned position holds no cell.
TABLE_CAPTION = [
    "THỐNG KÊ",
    "KẾT QUẢ KIỆN TOÀN, SẮP XẾP TỔ CHỨC CƠ SỞ ĐẢNG",
    "Nhiệm kỳ 2020 - 2025",
    "(kèm theo Báo cáo số 536-BC/TU ngày 12/3/2024 của Tỉnh ủy)",
    "Biểu số 4",
]
TABLE_COLUMNS = [1.0, 5.0, 2.4, 2.0, 2.6, 2.0]  # cm
TABLE_ROWS: list[list[tuple[str, int, int]]] = [
    [("TT", 1, 3), ("Tiêu chí", 1, 3), ("Số TCCSĐ tính đến 31/12/2020", 1, 3),
     ("Số TCCSĐ tính đến 31/12/2023", 3, 1)],
    [("Tổng số", 1, 2), ("Trong đó", 2, 1)],
    [("Thành lập mới (bao gồm cả hợp nhất, sáp nhập)", 1, 1), ("Giải thể", 1, 1)],
    [("1", 1, 1), ("Xã, phường, thị trấn", 1, 1), ("209", 1, 1), ("209", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("2", 1, 1), ("Cơ quan hành chính", 1, 1), ("154", 1, 1), ("123", 1, 1), ("10", 1, 1), ("7", 1, 1)],
    [("3", 1, 1), ("Đơn vị sự nghiệp", 1, 1), ("109", 1, 1), ("108", 1, 1), ("8", 1, 1), ("1", 1, 1)],
    [("4", 1, 1), ("Doanh nghiệp", 1, 1), ("108", 1, 1), ("88", 1, 1), ("5", 1, 1), ("18", 1, 1)],
    [("5", 1, 1), ("Khác", 1, 1), ("1", 1, 1), ("1", 1, 1), ("", 1, 1), ("", 1, 1)],
    [("TỔNG CỘNG", 2, 1), ("581", 1, 1), ("529", 1, 1), ("23", 1, 1), ("26", 1, 1)],
]
TABLE_INTRO = ("Kết quả kiện toàn, sắp xếp tổ chức cơ sở đảng của Đảng bộ tỉnh trong nhiệm kỳ được thống kê "
               "tại biểu dưới đây.")


def placed_cells() -> list[tuple[int, int, str, int, int]]:
    """(row, column, text, columns spanned, rows spanned) of each cell, columns counted on the grid."""
    occupied = [[False] * len(TABLE_COLUMNS) for _ in TABLE_ROWS]
    placed = []
    for r, row in enumerate(TABLE_ROWS):
        c = 0
        for text, columns, rows in row:
            while occupied[r][c]:
                c += 1
            placed.append((r, c, text, columns, rows))
            for dr in range(rows):
                for dc in range(columns):
                    occupied[r + dr][c + dc] = True
            c += columns
    return placed


def table_grid() -> list[list[str]]:
    """The table as the .docx reader writes it: a merged cell's text once, in its first column and
    row, the positions it covers blank."""
    grid = [[""] * len(TABLE_COLUMNS) for _ in TABLE_ROWS]
    for r, c, text, _, _ in placed_cells():
        grid[r][c] = text
    return grid


def table_twin_text() -> str:
    lines = [TABLE_INTRO, ""] + [line for caption in TABLE_CAPTION for line in (caption, "")]
    lines += ["\t".join(row) for row in table_grid()]
    return "\n".join(lines) + "\n"


def table_fodt() -> str:
    column_xml = "".join(f'<table:table-column table:style-name="col{i}"/>' for i in range(len(TABLE_COLUMNS)))
    column_styles = "".join(
        f'<style:style style:name="col{i}" style:family="table-column"><style:table-column-properties '
        f'style:column-width="{width}cm"/></style:style>' for i, width in enumerate(TABLE_COLUMNS))
    cells_at = {(r, c): (text, columns, rows) for r, c, text, columns, rows in placed_cells()}
    rows_xml = []
    for r in range(len(TABLE_ROWS)):
        cells = []
        for c in range(len(TABLE_COLUMNS)):
            if (r, c) not in cells_at:
                cells.append("<table:covered-table-cell/>")
                continue
            text, columns, rows = cells_at[r, c]
            span = (f' table:number-columns-spanned="{columns}"' if columns > 1 else "") + \
                   (f' table:number-rows-spanned="{rows}"' if rows > 1 else "")
            bold = r < 3 or text == "TỔNG CỘNG"  # the header rows and the total, as the report prints them
            content = f'<text:span text:style-name="B">{escape(text)}</text:span>' if bold and text else escape(text)
            cells.append(f'<table:table-cell table:style-name="Grid"{span}><text:p text:style-name="Cell">'
                         f'{content}</text:p></table:table-cell>')
        rows_xml.append(f"<table:table-row>{''.join(cells)}</table:table-row>")
    caption = "".join(f'<text:p text:style-name="Caption"><text:span text:style-name="B">{escape(line)}'
                      f'</text:span></text:p>' for line in TABLE_CAPTION)
    body = (f'<text:p text:style-name="Standard">{escape(TABLE_INTRO)}</text:p>{caption}'
            f'<table:table table:name="Bieu4">{column_xml}{"".join(rows_xml)}</table:table>')
    head = FODT_HEAD.replace(" </office:automatic-styles>", column_styles + "\n </office:automatic-styles>")
    return head + body + "\n" + FODT_TAIL


# --- TCVN3: the text typed with .VnTime fonts, which draw Vietnamese letters in place of Latin-1 ones.
# LibreOffice cannot print such a file: it takes TCVN3's "ư" (the soft hyphen's code) for a soft
# hyphen and drops it. The PDF is therefore written here by hand, as Word prints a .VnTime text: one
# byte per character, and a ToUnicode map that gives each byte its Windows-1252 character.
TCVN3_SOURCE = SAMPLES / "001_c1d595fc062bc874.txt"
TCVN3_PARAGRAPHS = 3  # the first body paragraphs of sample 001 (numbers of members and party cells)
_TO_TCVN3 = {letter: code for code, letter in TCVN3_TABLE.items()}
# the handmade page: A4 in points, Times-Roman 13 pt, left-aligned, a first-line indent
PAGE_WIDTH, PAGE_HEIGHT = 595, 842
LEFT, RIGHT, FIRST_BASELINE = 85, 538, 770
TYPE_SIZE, LEADING, PARAGRAPH_SPACE, FIRST_INDENT = 13, 16, 6, 28


def to_tcvn3(text: str) -> str:
    """The characters a .VnTime font shows as `text`: capitals with a tone are typed with the
    lowercase codes (drawn by .VnTimeH), as TCVN3 has no codes for them."""
    return "".join(_TO_TCVN3.get(c, _TO_TCVN3.get(c.lower(), c)) for c in text)


def tcvn3_paragraphs() -> list[str]:
    blocks, _ = report_paragraphs(TCVN3_SOURCE.read_text(encoding="utf-8"))
    body = [re.sub(r"<sup>\d+</sup>|[*]", "", content) for kind, content in blocks if kind == "p"]
    return [to_tcvn3(paragraph) for paragraph in body[:TCVN3_PARAGRAPHS]]


def tcvn3_twin_bytes() -> bytes:
    """The same characters as a text file saved with a .VnTime font: their bytes."""
    return "\n\n".join(tcvn3_paragraphs()).encode("cp1252") + b"\n"


def one_byte_font_pdf(paragraphs: list[str], unicode_of) -> bytes:
    """A one-page PDF in Times-Roman with one byte per character (Windows-1252 codes) and a ToUnicode
    map from each code to `unicode_of(code)`; the page number at the top, as Vietnamese reports have it."""
    from pdfminer.fontmetrics import FONT_METRICS

    widths = FONT_METRICS["Times-Roman"][1]

    def width(text: str) -> float:
        return sum(widths.get(c, 500) for c in text) * TYPE_SIZE / 1000

    lines: list[tuple[float, float, str]] = [((PAGE_WIDTH - width("1")) / 2, 810, "1")]
    y = FIRST_BASELINE
    for paragraph in paragraphs:
        x, words = LEFT + FIRST_INDENT, paragraph.split()
        while words:
            line = words.pop(0)
            while words and x + width(line + " " + words[0]) <= RIGHT:
                line += " " + words.pop(0)
            lines.append((x, y, line))
            x, y = LEFT, y - LEADING
        y -= PARAGRAPH_SPACE
    content = "".join(f"BT /F1 {TYPE_SIZE} Tf {x:.2f} {y:.2f} Td <{line.encode('cp1252').hex()}> Tj ET\n"
                      for x, y, line in lines).encode("ascii")
    codes = []
    for code in range(32, 256):
        try:
            codes.append((code, unicode_of(code)))
        except UnicodeDecodeError:  # the five codes Windows-1252 leaves undefined
            continue
    pairs = [f"<{code:02x}> <{ord(char):04x}>" for code, char in codes]
    chunks = [pairs[i:i + 100] for i in range(0, len(pairs), 100)]
    cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <00> <ff> endcodespacerange\n"
            + "".join(f"{len(chunk)} beginbfchar\n" + "\n".join(chunk) + "\nendbfchar\n" for chunk in chunks)
            + "endcmap CMapName currentdict /CMap defineresource pop end end\n").encode("ascii")
    font_widths = " ".join(str(widths.get(bytes([c]).decode("cp1252", errors="replace"), 500)) for c in range(32, 256))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
        f"/Resources << /Font << /F1 4 0 R >> >> /Contents 6 0 R >>".encode("ascii"),
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 "
        f"/Widths [{font_widths}] /ToUnicode 5 0 R >>".encode("ascii"),
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"endstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def windows_1252(code: int) -> str:
    return bytes([code]).decode("cp1252")


def private_use(code: int) -> str:
    """What a producer that takes a font for a symbol font maps its codes to: U+F000 + code."""
    return chr(0xF000 + code)


SHORT_REPORT = """## BÁO CÁO

Tính đến ngày 31/12/2023, Đảng bộ huyện có 58 tổ chức cơ sở đảng với 4.663 đảng viên.

Trong năm, toàn Đảng bộ kết nạp được 125 đảng viên mới, đạt 104,2% chỉ tiêu.
"""


def without_to_unicode(pdf: bytes) -> bytes:
    """The PDF with its fonts' ToUnicode maps unlinked (the key renamed, same length, so every offset
    of the cross-reference table still holds): a reader sees only glyph numbers, as in PDFs printed
    by tools that embed fonts without a map."""
    assert b"/ToUnicode" in pdf
    return pdf.replace(b"/ToUnicode", b"/NoUnicode")


def scanned(pdf: bytes) -> bytes:
    """The first pages rendered to grey pictures and saved as a picture-only PDF, like a scanner's."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    pictures = [document[i].render(scale=SCAN_DPI / 72, grayscale=True).to_pil().convert("L")
                for i in range(min(SCAN_PAGES, len(document)))]
    out = io.BytesIO()
    pictures[0].save(out, "PDF", resolution=SCAN_DPI, save_all=True, append_images=pictures[1:])
    return out.getvalue()


def to_pdf(fodt: str, name: str, work: Path, export_filter: str = PDF_FILTER) -> bytes:
    return converted(fodt, name, work, export_filter, "pdf")


def to_docx(fodt: str, name: str, work: Path) -> bytes:
    """The document as Word saves it: its footnotes in word/footnotes.xml, marked in the text."""
    return converted(fodt, name, work, DOCX_FILTER, "docx")


def converted(fodt: str, name: str, work: Path, export_filter: str, suffix: str) -> bytes:
    source = work / f"{name}.fodt"
    source.write_text(fodt, encoding="utf-8")
    profile = (work / "profile").as_uri()  # a throwaway LibreOffice profile: no first-run state in $HOME
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", export_filter,
                    "--outdir", str(work), str(source)], check=True, capture_output=True, timeout=300)
    return (work / f"{name}.{suffix}").read_bytes()


def main(out: Path, only: set[str]) -> None:
    """Writes every document, or only those named (the others' bytes stay as committed)."""
    if shutil.which("soffice") is None:
        sys.exit("LibreOffice is needed: apt-get install -y libreoffice-writer-nogui fonts-liberation")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        made: dict[str, bytes] = {}
        for number in ("000", "001"):
            sample = next(SAMPLES.glob(f"{number}_*.txt"))
            fodt = report_fodt(sample.read_text(encoding="utf-8"))
            made[f"sample_{number}.pdf"] = to_pdf(fodt, f"sample_{number}", work)
            made[f"sample_{number}.docx"] = to_docx(fodt, f"sample_{number}", work)
        made["table.pdf"] = to_pdf(table_fodt(), "table", work)
        made["table.txt"] = table_twin_text().encode("utf-8")
        made["tcvn3.pdf"] = one_byte_font_pdf(tcvn3_paragraphs(), windows_1252)
        made["tcvn3.txt"] = tcvn3_twin_bytes()
        made["cid.pdf"] = without_to_unicode(to_pdf(report_fodt(SHORT_REPORT), "cid", work))
        made["private_use.pdf"] = one_byte_font_pdf(tcvn3_paragraphs(), private_use)
        made["scanned.pdf"] = scanned(made["sample_000.pdf"])
        made["encrypted.pdf"] = to_pdf(report_fodt(SHORT_REPORT), "encrypted", work, ENCRYPTED_FILTER)
    for name, content in made.items():
        if only and name not in only:
            continue
        (out / name).write_bytes(content)
        print(f"{name}: {len(content) // 1024} KB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--only", nargs="+", default=[], metavar="NAME", help="e.g. sample_001.docx")
    arguments = parser.parse_args()
    main(arguments.out, set(arguments.only))
