"""PDF reports -> the text ingestion reads, with the line each page starts on.

A PDF holds positioned words, not paragraphs. Each page's words (pdfplumber) are rebuilt into lines,
and the wrapped lines of one paragraph joined into one text line, from the layout alone: a paragraph
ends where a line stops short of the right margin, and a new one starts after a wider gap, at an
indented line, at a change of type size, at an item marker ("-", "+", "a)", "1.") or at a footnote's
number. Paragraphs are separated by blank lines as in the converted samples (reports/samples/), a
superscript is written `<sup>N</sup>` (a footnote's mark; a footnote line at the page's foot is
`<sup>N</sup> text`, the form the narrative layout reads), and a ruled table, found by pdfplumber's
table finder, as one tab-separated line per row, a merged cell's text once, as the .docx reader
writes tables and reports/extraction/table_layout.py reads them. Running headers and footers (a
line repeated at the top or foot of most pages) and page numbers are left out. A paragraph a page
break cut is joined again when the next page's first line goes on with it (the page then starts on
that line); otherwise every page starts on a line of its own.

Refused (ReportRejected, in both languages): a damaged or password-protected file, more than
PDF_MAX_PAGES pages, a scan when OCR is not available (tesseract with its Vietnamese data; where it
is, the scanned pages are read by it and the result says so), fonts whose glyphs do not map to
Unicode letters. Old TCVN3/VNI fonts (.VnTime: "B¸o c¸o") map to Latin-1 letters: that
text is returned as it is and converted by reports/decoding.py as a text file's would be.
"""
from __future__ import annotations

import io
import math
import re
import shutil
import statistics
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings

from .decoding import DecodedReport, ReportRejected

# A report runs to a few hundred pages with its annexes; more is no report, and each page costs
# pdfplumber tens of milliseconds.
PDF_MAX_PAGES = 2000
# A page is a scan when it holds pictures and no text; a document is one when this share of its
# pages is (a text report with a scanned signature page is read as text).
SCANNED_PAGE_SHARE = 0.5
# Tesseract, when installed with its Vietnamese data, reads scans: at this resolution, within this
# time per page.
OCR_LANGUAGE = "vie"
OCR_DPI = 300
OCR_PAGE_SECONDS = 120
# Unmapped glyphs ("(cid:12)", private-use characters, control characters): beyond this share of the
# text's characters the fonts do not map to letters and the text is refused; below it they are
# stray symbols, dropped (or read as the symbol fonts' characters below).
UNMAPPED_GLYPH_SHARE = 0.01
CID_RE = re.compile(r"\(cid:\d+\)")
UNMAPPED_RE = re.compile(r"\(cid:\d+\)|[\ue000-\uf8ff\x00-\x08\x0b-\x1f\x7f]")
# Word's Symbol and Wingdings characters land in the private-use area at U+F000 + their code.
SYMBOL_FONT_CHARACTERS = {
    "\uf0b7": "•", "\uf0a7": "•", "\uf0d8": "•", "\uf076": "•", "\uf0fc": "•", "\uf06c": "•", "\uf06e": "•",
    "\uf02d": "-", "\uf0b3": "≥", "\uf0a3": "≤", "\uf0b4": "×", "\uf0b8": "÷", "\uf0b1": "±", "\uf0ae": "→",
}
# A paragraph opened by a bullet the narrative layout does not know (a symbol font's, an unmapped
# glyph) is written as an item, "- ".
BULLET_RE = re.compile(r"^(?:\(cid:\d+\)|[\ue000-\uf8ff•▪●◦○■□➢➤❖✓✔►])\s*(?=\S)")

# Layout, in units of the line's type size unless said otherwise.
WORD_GAP = 0.15  # closer than this, two pieces (a font or size change) are one word
DUPLICATE_DISTANCE = 1.0  # points: the same character drawn again this close is one character
COLUMN_GAP = 3.0  # wider than this, a gap inside a line separates two blocks side by side
SUPERSCRIPT_SIZE = 0.8  # a superscript is at most this share of the line's type size...
SUPERSCRIPT_RAISE = 0.15  # ...and its foot at least this much above the line's
SAME_LINE_OVERLAP = 0.5  # two words whose heights overlap by this share of the smaller are one line
PARAGRAPH_GAP = 1.3  # a line pitch beyond this share of the usual one (of its type size) ends a paragraph
INDENT = 0.8  # a line starting this much right of the line above starts a paragraph
HANGING_ALIGN = 0.3  # ...unless it aligns with the text after the line above's item marker
SIZE_CHANGE = 0.1  # a share of the size: a line in another type size starts a paragraph
SPACE_WIDTH = 0.25  # a space's width, to tell whether a word would have fitted on the line above
FIT_SLACK = 0.3  # ...with this to spare: a producer's measure of a word differs from pdfminer's by a hair
RIGHT_EDGE_QUANTILE = 0.98  # of the lines' right ends: the right margin, the longest lines reach it
CENTRE_TOLERANCE = 0.5  # a line whose middle is this close to the text's middle...
OFF_MARGIN = 0.3  # ...and that starts this much right of the left margin is centred...
COMMON_START_SHARE, COMMON_START_LINES = 0.05, 3  # ...unless this share of the lines (this many at least) start there
BOLD_FONT_RE = re.compile(r"bold|black|heavy", re.IGNORECASE)  # in a font's name ("LiberationSerif-Bold")
CLAUSE_END = ".;:!?…"  # a line ending so may be followed by an item
GLUED_DASH_RE = re.compile(r"\w-$")  # a line ending in a word's dash goes on without a space
EDGE_LINES = 2  # lines at a page's top and foot that may be a running header or footer
RUNNING_SHARE = 0.5  # a line at the edge of at least this share of the pages (2 at least) runs
PAGE_NUMBER_RE = re.compile(r"^[-–—\s]*(?:trang\s+|page\s+)?\d{1,4}(?:\s*/\s*\d{1,4})?[-–—\s]*$", re.IGNORECASE)
# An item marker at a line's start: "-", "+", "•", "a)", "đ)", "1.", "2.1.", "1)", "I.", "IV-".
ITEM_START_RE = re.compile(r"^(?:[-+•–*]|\(?[a-zđ]\)|\(?\d{1,3}(?:\.\d{1,3})*[.)]|[IVXL]{1,5}\s*[.)-])(?:\s|$)")
FOOTNOTE_NUMBER_RE = re.compile(r"^\d{1,3}$")


@dataclass
class Line:
    """One printed line: its words' text (superscripts marked) and where it sits."""

    text: str
    x0: float
    x1: float
    top: float
    size: float
    first_word_width: float
    second_word_x0: float | None  # where the text after an item marker starts (a hanging indent)
    starts_with_superscript_number: bool
    bold: bool = False  # all of its words in a bold face (a heading's)
    beside: bool = False  # one of blocks side by side on a row (a letterhead's two columns)


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    tables: list[tuple[float, list[str]]] = field(default_factory=list)  # (top, tab-separated rows)
    has_pictures: bool = False

    @property
    def has_text(self) -> bool:
        return bool(self.lines or self.tables)


def read_pdf(data: bytes) -> DecodedReport:
    import pdfplumber  # imported here: text and Word ingestion never load pdfminer

    try:
        document = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises its own errors, KeyError, TypeError... on broken files
        raise _opening_refusal(exc) from exc
    with document:
        try:
            pdf_pages = document.pages
        except Exception as exc:
            raise _damaged(exc) from exc
        if not pdf_pages:
            raise _damaged(None)
        if len(pdf_pages) > PDF_MAX_PAGES:
            raise ReportRejected(
                f"Tệp PDF có {len(pdf_pages)} trang, quá {PDF_MAX_PAGES} trang / the PDF has {len(pdf_pages)} "
                f"pages, more than the {PDF_MAX_PAGES} a report may have")
        pages = [_read_page(page, number) for number, page in enumerate(pdf_pages, 1)]
        scanned = [page.has_pictures and not page.has_text for page in pages]
        if any(scanned) and ocr_available():
            texts = [ocr_page_paragraphs(page) if is_scan else None for page, is_scan in zip(pdf_pages, scanned)]
            return _assemble(pages, texts, ocr=True)
    if sum(scanned) >= SCANNED_PAGE_SHARE * len(pages):
        raise ReportRejected(
            "Tệp PDF là bản quét (ảnh chụp các trang, không có lớp chữ) và máy chủ chưa có OCR để nhận dạng "
            "chữ: hãy tải lên tệp Word hoặc PDF xuất từ Word / the PDF is a scan (pictures of its pages, no "
            "text layer) and OCR is not available here: upload the Word file or a PDF exported from Word")
    unread = tuple(number for number, is_scan in enumerate(scanned, 1) if is_scan)
    return _assemble(pages, [None] * len(pages), ocr=False, unread_pages=unread)


def _opening_refusal(exc: Exception) -> ReportRejected:
    from pdfminer.pdfdocument import PDFEncryptionError

    cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    if isinstance(cause, PDFEncryptionError):
        return ReportRejected(
            "Tệp PDF có mật khẩu, không mở được: hãy tải lên bản không đặt mật khẩu / the PDF is protected "
            "by a password and cannot be opened: upload a copy without one")
    return _damaged(cause)


def _damaged(exc: Exception | None, page: int | None = None) -> ReportRejected:
    where_vi, where_en = (f" (trang {page})", f" (page {page})") if page else ("", "")
    reason = f": {type(exc).__name__}" if exc is not None else ""
    return ReportRejected(
        f"Tệp PDF bị hỏng, không đọc được{where_vi} / the PDF is damaged and cannot be read{where_en}{reason}")


# --- one page: words -> lines, tables -> rows

def _read_page(page, number: int) -> Page:
    try:
        return _page_layout(page)
    except ReportRejected:
        raise
    except Exception as exc:  # a broken content stream or font surfaces here, page by page
        raise _damaged(exc, number) from exc
    finally:
        page.close()  # pdfplumber caches each page's objects: keep one page in memory at a time


def _page_layout(page) -> Page:
    from pdfplumber.utils import extract_words

    tables = [t for t in page.find_tables() if t.rows and max(len(r.cells) for r in t.rows) >= 2]
    boxes = [t.bbox for t in tables]
    chars = [c for c in _unique_chars(page.chars) if c["upright"] and not _inside(c, boxes)]
    words = extract_words(chars, x_tolerance_ratio=WORD_GAP, extra_attrs=["size", "fontname"])
    return Page(lines=_lines(words), tables=[(t.bbox[1], _table_rows(t)) for t in tables],
                has_pictures=bool(page.images))


def _unique_chars(chars: list[dict]):
    """Each character once: some producers print bold by drawing a letter twice, a hair apart."""
    seen = set()
    for char in chars:
        key = (char["text"], round(char["x0"] / DUPLICATE_DISTANCE), round(char["top"] / DUPLICATE_DISTANCE))
        if key not in seen:
            seen.add(key)
            yield char


def _inside(char: dict, boxes: list[tuple[float, float, float, float]]) -> bool:
    x, y = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.extract():
        cells = [" ".join((cell or "").split()) for cell in row]
        rows.append("\t".join(cells))
    return rows


def _lines(words: list[dict]) -> list[Line]:
    """Words grouped into printed lines (heights overlapping), each split where a wide gap separates
    blocks side by side, top to bottom."""
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        for group in reversed(groups[-3:]):  # a superscript sorts before its line: look a little back
            if _same_line(group, word):
                group.append(word)
                break
        else:
            groups.append([word])
    lines = [line for group in groups for line in _split_blocks(sorted(group, key=lambda w: w["x0"]))]
    return sorted(lines, key=lambda line: (round(line.top), line.x0))


def _same_line(group: list[dict], word: dict) -> bool:
    main = max(group, key=lambda w: w["size"])
    overlap = min(main["bottom"], word["bottom"]) - max(main["top"], word["top"])
    smaller = min(main["bottom"] - main["top"], word["bottom"] - word["top"])
    return smaller > 0 and overlap >= SAME_LINE_OVERLAP * smaller


def _split_blocks(words: list[dict]) -> list[Line]:
    size = _main_size(words)
    blocks: list[list[dict]] = [[words[0]]]
    for word in words[1:]:
        if word["x0"] - blocks[-1][-1]["x1"] > COLUMN_GAP * size:
            blocks.append([word])
        else:
            blocks[-1].append(word)
    return [_line(block, beside=len(blocks) > 1) for block in blocks]


def _main_size(words: list[dict]) -> float:
    sizes = Counter()
    for word in words:
        sizes[round(word["size"], 1)] += len(word["text"])
    return sizes.most_common(1)[0][0]


def _line(words: list[dict], *, beside: bool) -> Line:
    size = _main_size(words)
    main = [w for w in words if abs(w["size"] - size) <= SIZE_CHANGE * size]
    foot = statistics.median(w["bottom"] for w in main)
    pieces: list[str] = []
    superscript = [w["size"] <= SUPERSCRIPT_SIZE * size and foot - w["bottom"] >= SUPERSCRIPT_RAISE * size
                   for w in words]
    for index, word in enumerate(words):
        text = f"<sup>{word['text']}</sup>" if superscript[index] else word["text"]
        if index and word["x0"] - words[index - 1]["x1"] > WORD_GAP * size:
            pieces.append(" ")
        pieces.append(text)
    text = "".join(pieces).replace("</sup><sup>", "")
    body = [w for w, sup in zip(words, superscript) if not sup] or words
    return Line(
        text=text, x0=words[0]["x0"], x1=words[-1]["x1"], top=min(w["top"] for w in main), size=size,
        first_word_width=body[0]["x1"] - body[0]["x0"], second_word_x0=words[1]["x0"] if len(words) > 1 else None,
        starts_with_superscript_number=superscript[0] and bool(FOOTNOTE_NUMBER_RE.match(words[0]["text"])),
        bold=all(BOLD_FONT_RE.search(w["fontname"]) for w in body), beside=beside)


# --- paragraphs: which line starts one

PARAGRAPH, FOOTNOTE, TABLE = "paragraph", "footnote", "table"


@dataclass
class Block:
    """A paragraph, a footnote or a table of one page, as text; a paragraph keeps its first and last
    printed lines, to tell whether the next page goes on with it."""

    kind: str
    top: float
    text: str
    first: Line | None = None
    last: Line | None = None


@dataclass(frozen=True)
class Layout:
    """What the whole document's lines say of its page: the text's left and right margins, and the
    usual distance between two lines of each type size."""

    left: float
    right: float
    pitches: dict[float, float]
    starts: frozenset[int] = frozenset()  # where many lines start (the margin, the first-line indent)

    def pitch(self, size: float) -> float:
        return self.pitches.get(size, math.inf)

    def centred(self, line: Line) -> bool:
        """A line off the left margin whose middle is the text's middle (a title's), unless it starts
        where many lines start (an indented first line that happens to end as far from the margin)."""
        return line.x0 - self.left > OFF_MARGIN * line.size \
            and abs(_middle(line) - (self.left + self.right) / 2) <= CENTRE_TOLERANCE * line.size \
            and not {round(line.x0) - 1, round(line.x0), round(line.x0) + 1} & self.starts

    def room(self, line: Line) -> float:
        """The width the line could have filled: the text's for a centred line, from its own start
        to the right margin otherwise (after a first-line indent, in a hanging item)."""
        return self.right - (self.left if self.centred(line) else line.x0)


def _middle(line: Line) -> float:
    return (line.x0 + line.x1) / 2


def _centred_pair(prev: Line, line: Line, layout: Layout) -> bool:
    """Two lines of one centred paragraph (the first may fill the width): their starts say nothing of
    an indent."""
    centre = (layout.left + layout.right) / 2
    return (layout.centred(prev) or layout.centred(line)) and all(
        abs(_middle(one) - centre) <= CENTRE_TOLERANCE * one.size for one in (prev, line))


def _document_layout(pages: list[Page]) -> Layout:
    lines = [line for page in pages for line in page.lines]
    if not lines:
        return Layout(0.0, 0.0, {})
    ends = sorted(line.x1 for line in lines)
    right = ends[min(len(ends) - 1, int(RIGHT_EDGE_QUANTILE * len(ends)))]
    x0s = Counter(round(line.x0) for line in lines)
    left = x0s.most_common(1)[0][0]
    starts = frozenset(x for x, n in x0s.items() if n >= max(COMMON_START_LINES, COMMON_START_SHARE * len(lines)))
    pitches: dict[float, list[float]] = {}
    for page in pages:
        for a, b in zip(page.lines, page.lines[1:]):
            if b.top > a.top and a.size == b.size:
                pitches.setdefault(a.size, []).append(b.top - a.top)
    return Layout(left, right, {size: statistics.median(values) for size, values in pitches.items()}, starts)


def _paragraph_rules(layout: Layout):
    """(name, test(line above, line)) in order: the first that holds starts a paragraph. A page's first
    line is tested against the previous page's last with the same rules, the gap aside."""
    return (
        ("footnote number", lambda prev, line: line.starts_with_superscript_number),
        ("blocks side by side", lambda prev, line: prev.beside or line.beside),
        ("item marker", _opens_an_item),
        ("type size", lambda prev, line: abs(line.size - prev.size) > SIZE_CHANGE * prev.size),
        ("weight", lambda prev, line: prev.bold != line.bold),
        ("gap", lambda prev, line: line.top - prev.top > PARAGRAPH_GAP * layout.pitch(prev.size)),
        ("indent", lambda prev, line: line.x0 - prev.x0 > INDENT * line.size and not _hangs(prev, line)
            and not _centred_pair(prev, line, layout)),
        ("short line above", lambda prev, line:
            prev.x1 - prev.x0 + (SPACE_WIDTH + FIT_SLACK) * line.size + line.first_word_width < layout.room(prev)),
    )


def _opens_an_item(prev: Line, line: Line) -> bool:
    """A marker at the line's start opens an item after a sentence or clause ended, or before a capital:
    "chính trị" / "- xã hội" is one phrase a line break cut at its dash."""
    marker = ITEM_START_RE.match(_plain(line.text))
    if not marker:
        return False
    after = _plain(line.text)[marker.end():].lstrip()
    return _plain(prev.text)[-1:] in CLAUSE_END or after[:1].isupper() or not after


def _plain(text: str) -> str:
    return re.sub(r"<sup>.*?</sup>", "", text).strip()


def _hangs(prev: Line, line: Line) -> bool:
    """The line continues an item whose text is indented past its marker ("1. Tiếp tục ...")."""
    return prev.second_word_x0 is not None and ITEM_START_RE.match(_plain(prev.text)) is not None \
        and abs(line.x0 - prev.second_word_x0) <= HANGING_ALIGN * line.size


def _paragraphs(lines: list[Line], layout: Layout) -> list[Block]:
    """The page's paragraphs and footnotes, wrapped lines joined."""
    rules = _paragraph_rules(layout)
    blocks: list[Block] = []
    texts: list[list[str]] = []
    for line in lines:
        if not blocks or any(test(blocks[-1].last, line) for _, test in rules):
            kind = FOOTNOTE if line.starts_with_superscript_number else PARAGRAPH
            blocks.append(Block(kind, line.top, "", first=line, last=line))
            texts.append([line.text])
        else:
            blocks[-1].last = line
            texts[-1].append(line.text)
    for block, parts in zip(blocks, texts):
        block.text = _bullets(_footnote_form(_joined(parts)))
    return blocks


def _joined(parts: list[str]) -> str:
    """Wrapped lines as one: with a space, or none after a dash that a word ends in ("46-" / "KH/HU")."""
    text = parts[0]
    for part in parts[1:]:
        text += part if GLUED_DASH_RE.search(text) else " " + part
    return text


def _goes_on(last: Line, line: Line, layout: Layout) -> bool:
    """A page's first line continues the paragraph the previous page's `last` line ends: no rule but
    the gap (which a page break makes) starts a new one."""
    return not any(test(last, line) for name, test in _paragraph_rules(layout) if name != "gap")


def _footnote_form(text: str) -> str:
    """'<sup>1</sup>Kế hoạch ...' -> '<sup>1</sup> Kế hoạch ...', the samples' footnote line."""
    return re.sub(r"^(<sup>\d+</sup>)(?=\S)", r"\1 ", text)


# --- running headers, footers and page numbers

def _edge_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text).split()).lower()


def _running_keys(pages: list[list[str]]) -> set[str]:
    """The lines found at the top or foot of at least RUNNING_SHARE of the pages."""
    if len(pages) < 2:
        return set()
    seen = Counter()
    for lines in pages:
        seen.update({_edge_key(t) for t in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    needed = max(2, math.ceil(RUNNING_SHARE * len(pages)))
    return {key for key, count in seen.items() if count >= needed}


def _without_edges(lines: list[str], running: set[str]) -> list[int]:
    """Indexes of the lines kept: running lines and lone page numbers at the edges left out."""
    dropped = set()
    edges = list(range(min(EDGE_LINES, len(lines)))) + list(range(max(0, len(lines) - EDGE_LINES), len(lines)))
    for index in edges:
        text = _plain(lines[index])
        if _edge_key(lines[index]) in running or (PAGE_NUMBER_RE.match(text) and index in (0, len(lines) - 1)):
            dropped.add(index)
    return [i for i in range(len(lines)) if i not in dropped]


# --- the document's text

def _page_blocks(pages: list[Page], ocr_texts: list[list[str] | None]) -> tuple[list[list[Block]], Layout]:
    running = _running_keys([[line.text for line in page.lines] for page in pages]
                            + [texts for texts in ocr_texts if texts is not None])
    layout = _document_layout(pages)
    blocks = []
    for page, ocr_paragraphs in zip(pages, ocr_texts):
        if ocr_paragraphs is not None:
            blocks.append([Block(PARAGRAPH, 0.0, ocr_paragraphs[i]) for i in _without_edges(ocr_paragraphs, running)])
            continue
        kept = [page.lines[i] for i in _without_edges([line.text for line in page.lines], running)]
        page_blocks = _paragraphs(kept, layout) + [Block(TABLE, top, "\n".join(rows)) for top, rows in page.tables]
        blocks.append(sorted(page_blocks, key=lambda b: b.top))
    return blocks, layout


class _Text:
    """The text's blocks, separated by blank lines, with the line each starts on."""

    def __init__(self):
        self.blocks: list[str] = []
        self.lines: list[int] = []

    def next_line(self) -> int:
        return self.lines[-1] + self.blocks[-1].count("\n") + 2 if self.blocks else 1

    def emit(self, text: str) -> int:
        self.lines.append(self.next_line())
        self.blocks.append(text)
        return len(self.blocks) - 1

    def __str__(self) -> str:
        return "\n\n".join(self.blocks) + "\n"


def _assemble(pages: list[Page], ocr_texts: list[list[str] | None], *, ocr: bool,
              unread_pages: tuple[int, ...] = ()) -> DecodedReport:
    """The pages' blocks, each page from a line of its own, unless its first paragraph goes on with
    the previous page's last: the two are then one line, the page starts on it, and the previous
    page's footnotes follow it (as the .docx reader places a paragraph's notes). A paragraph already
    holding a page's start is not carried on, so the pages' starts increase."""
    page_blocks, layout = _page_blocks(pages, ocr_texts)
    text = _Text()
    starts: list[int] = []
    carried: tuple[int, Line] | None = None  # the previous page's last paragraph: its block, its last line
    held: list[Block] = []  # the previous page's footnotes
    for blocks in page_blocks:
        body, notes = _split_notes(blocks)
        if carried is not None and body and body[0].first is not None \
                and text.lines[carried[0]] != starts[-1] and _goes_on(carried[1], body[0].first, layout):
            index, going_on = carried[0], body.pop(0)
            text.blocks[index] = _joined([text.blocks[index], going_on.text])
            starts.append(text.lines[index])
            carried = (index, going_on.last)
        else:
            carried = None
        for note in held:
            text.emit(note.text)
        if carried is None:
            starts.append(text.next_line())
            if not body and not notes:
                text.emit("")  # an empty page keeps a line of its own
        for block in body:
            index = text.emit(block.text)
            carried = (index, block.last) if block.kind == PARAGRAPH and block.last is not None else None
        held = notes
    for note in held:
        text.emit(note.text)
    content = _mapped(str(text))
    _check_size(content)
    return DecodedReport(text=content, page_starts=tuple(starts), ocr=ocr, unread_pages=unread_pages)


def _split_notes(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """The page's body and the footnotes at its foot (after its last paragraph or table)."""
    index = len(blocks)
    while index and blocks[index - 1].kind == FOOTNOTE:
        index -= 1
    return blocks[:index], blocks[index:]


def _bullets(text: str) -> str:
    return BULLET_RE.sub("- ", text)


def _mapped(text: str) -> str:
    """The text with symbol fonts' characters read; refused when its fonts do not map to letters."""
    for private, character in SYMBOL_FONT_CHARACTERS.items():
        text = text.replace(private, character)
    unmapped = len(UNMAPPED_RE.findall(text))
    visible = len(CID_RE.sub("#", text)) - sum(c.isspace() for c in text)
    if unmapped and unmapped >= UNMAPPED_GLYPH_SHARE * max(visible, 1):
        raise ReportRejected(
            "Phông chữ trong tệp PDF không ánh xạ sang chữ Unicode (thường gặp ở PDF của cơ quan nhà nước), nên "
            "không đọc được chữ: hãy xuất văn bản từ tệp Word (.docx) và tải lên tệp đó / the PDF's fonts do not "
            f"map its glyphs to Unicode letters ({unmapped} unmapped glyphs; common in government PDFs), so its "
            "text cannot be read: export the text from the Word file (.docx) and upload that instead")
    return UNMAPPED_RE.sub("", text)


def _check_size(text: str) -> None:
    limit = settings.REPORT_MAX_BYTES
    if len(text) > limit:
        raise ReportRejected(
            f"Văn bản trong tệp PDF quá dài (hơn {limit / 1024 / 1024:.0f} triệu ký tự) / the text of the PDF is "
            f"too long (over {limit} characters, the limit for a file)")


# --- OCR of scanned pages, where tesseract reads Vietnamese

def ocr_available() -> bool:
    if shutil.which("tesseract") is None:
        return False
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return False
    return OCR_LANGUAGE in (listed.stdout + listed.stderr).split()


def ocr_page_paragraphs(page) -> list[str]:
    """A scanned page's paragraphs as tesseract reads them (its blocks, wrapped lines joined)."""
    def failed(why: str) -> ReportRejected:
        return ReportRejected(f"Không nhận dạng được chữ của trang {page.page_number} (OCR) / OCR failed on page "
                              f"{page.page_number}: {why}")

    picture = io.BytesIO()
    try:
        page.to_image(resolution=OCR_DPI).original.save(picture, "PNG")  # rendered by pypdfium2
    except Exception as exc:  # pdfium's own errors on a page it cannot draw
        raise failed(type(exc).__name__) from exc
    try:
        result = subprocess.run(["tesseract", "stdin", "stdout", "-l", OCR_LANGUAGE], input=picture.getvalue(),
                                capture_output=True, timeout=OCR_PAGE_SECONDS)
    except (OSError, subprocess.SubprocessError) as exc:
        raise failed(type(exc).__name__) from exc
    if result.returncode != 0:
        raise failed(f"tesseract exited with {result.returncode}")
    text = unicodedata.normalize("NFC", result.stdout.decode("utf-8", errors="replace"))
    blocks = re.split(r"\n\s*\n", text.replace("\f", "\n"))
    return [" ".join(block.split()) for block in blocks if block.strip()]
