"""Find the tab-separated tables of a report and the caption lines that introduce them.

Reports converted from Word/PDF carry each table as tab-separated rows with `<b>`/`<i>`
markup. A table may be interrupted by page breaks (blank lines, then its header again), so
runs of rows separated only by blank lines form one table. The caption above a table holds
its number ("Biểu số 14", "PHỤ LỤC 02"), title, term ("Nhiệm kỳ 2020 - 2025") and unit line
("Đơn vị: Lượt người"); converters sometimes glue these into one `**…****…**` line.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_BOLD_RE = re.compile(r"<b>|<strong>", re.IGNORECASE)
_ITALIC_RE = re.compile(r"<i>|<em>", re.IGNORECASE)
_SPACES_RE = re.compile(r"\s+")
# Markdown emphasis runs and footnote stars ("31/12/2023*", "Đảng viên*", "*Trong đó:").
_STARS_RE = re.compile(r"\*+")
_SEPARATOR_RE = re.compile(r"^(?:[-*_\\ ]+)$")
_TABLE_NUMBER_RE = re.compile(r"\b(Biểu(?:\s+số)?\s*\d+[a-zA-Z]?|PHỤ\s+LỤC\s*(?:số\s*)?\d+)\b", re.IGNORECASE)
_UNIT_LINE_RE = re.compile(r"^\s*(?:Đơn\s+vị(?:\s+tính)?|ĐVT)\s*:\s*(.+)$", re.IGNORECASE)
ANNEX_NOTE_RE = re.compile(r"kèm\s+theo", re.IGNORECASE)

# How far above a table we look for its caption, and what stops the search.
_MAX_CAPTION_LINES = 8
_MAX_CAPTION_LENGTH = 250  # longer lines are prose paragraphs, not titles
# A prose line, however short: a sentence ending in a full stop or a semicolon, or an item of a list. A title
# ends with neither ("Biểu số 01", "SỐ LIỆU ĐẢNG VIÊN ...", "(Kèm theo Báo cáo số 12-BC/TU)").
_PROSE_LINE_RE = re.compile(r"^(?:[-+•]\s|.{40,}[.;]\**$)")
# The signature block that ends the report above its appendix ("TM. ĐOÀN GIÁM SÁT", "TRƯỞNG ĐOÀN", "Nơi nhận:"):
# not the caption of the table after it
_SIGNATURE_LINE_RE = re.compile(r"^[\W_]*(?:T/?M\.?\s|KT\.\s|TL\.\s|TUQ\.\s|Q\.\s|Nơi\s+nhận|(?:PHÓ\s+)?"
                                r"(?:TRƯỞNG\s+(?:ĐOÀN|BAN)|CHỦ\s+TỊCH|BÍ\s+THƯ|GIÁM\s+ĐỐC|CHÁNH\s+VĂN\s+PHÒNG)"
                                r"(?:\s+\w+){0,4}[\W_]*$)")


@dataclass
class Cell:
    text: str  # markup and footnote stars removed, spaces collapsed
    bold: bool = False
    italic: bool = False
    start: int = 0  # where its text starts and ends in the raw line, markup aside
    end: int = 0


@dataclass
class Row:
    line: int  # 1-based
    raw: str
    cells: list[Cell]

    @property
    def texts(self) -> list[str]:
        return [cell.text for cell in self.cells]

    def text(self, index: int) -> str:
        return self.cells[index].text if index < len(self.cells) else ""

    @property
    def clean_text(self) -> str:
        """The row as a reader sees it: non-empty cells separated by " | "."""
        return " | ".join(t for t in self.texts if t)


@dataclass
class Caption:
    number: str = ""  # "Biểu số 14", "Phụ lục 02"
    title: str = ""
    unit_text: str = ""  # what follows "Đơn vị:" / "ĐVT:"
    pieces: list[str] = field(default_factory=list)  # every caption fragment, in order
    lines: list[int] = field(default_factory=list)


@dataclass
class RawTable:
    caption: Caption
    rows: list[Row]
    note: tuple[int, str] | None = None  # (line, text) of a note under it: "Ghi chú: Số có mặt năm 2018 tính đến ..."

    @property
    def name(self) -> str:
        return self.caption.number or f"Bảng dòng {self.rows[0].line}"

    @property
    def lines(self) -> set[int]:
        return set(self.caption.lines) | {row.line for row in self.rows} | ({self.note[0]} if self.note else set())


def clean_cell(raw: str, offset: int = 0) -> Cell:
    bold = bool(_BOLD_RE.search(raw))
    italic = bool(_ITALIC_RE.search(raw))
    text = _TAG_RE.sub("", raw).replace("\u00a0", " ")
    text = _STARS_RE.sub(" ", text)
    text = _SPACES_RE.sub(" ", text).strip()
    # the cell's visible characters: outside tags, not stars or spaces
    in_tags = {i for m in _TAG_RE.finditer(raw) for i in range(m.start(), m.end())}
    visible = [i for i, ch in enumerate(raw) if not ch.isspace() and ch != "*" and i not in in_tags] if text else []
    start, end = (offset + visible[0], offset + visible[-1] + 1) if visible else (offset, offset)
    return Cell(text=text, bold=bold, italic=italic, start=start, end=end)


def parse_row(line_number: int, raw: str) -> Row:
    cells, offset = [], 0
    for part in raw.split("\t"):
        cells.append(clean_cell(part, offset))
        offset += len(part) + 1
    return Row(line=line_number, raw=raw, cells=cells)


def is_table_line(line: str) -> bool:
    return "\t" in line


_NOTE_RE = re.compile(r"^[\s*_]*(?:ghi\s+chú|chú\s+thích|lưu\s+ý)\s*[*_]*\s*[:.]", re.IGNORECASE)


def find_tables(lines: list[str]) -> list[RawTable]:
    """Every table of the document with its caption, in document order."""
    tables: list[RawTable] = []
    index = 0
    previous_end = 0  # index just after the previous table's last row
    while index < len(lines):
        if not is_table_line(lines[index]):
            index += 1
            continue
        start = index
        rows: list[Row] = []
        while index < len(lines) and (is_table_line(lines[index]) or not lines[index].strip()):
            if is_table_line(lines[index]):
                rows.append(parse_row(index + 1, lines[index]))
            index += 1
        caption = read_caption(lines, start, previous_end)
        note = (index + 1, lines[index]) if index < len(lines) and _NOTE_RE.match(lines[index]) else None
        tables.append(RawTable(caption=caption, rows=rows, note=note))
        previous_end = note[0] if note else rows[-1].line  # index of the line after the last row (or its note)
    return tables


def read_caption(lines: list[str], table_start: int, floor: int) -> Caption:
    """Walk up from a table's first row collecting its caption lines.

    Stops at the previous table, at a prose paragraph, at a separator ("---", "\\*") once
    something was collected, or after a few lines.
    """
    collected: list[int] = []
    index = table_start - 1
    while index >= floor and len(collected) < _MAX_CAPTION_LINES:
        text = lines[index].strip()
        if not text:
            index -= 1
            continue
        if _SEPARATOR_RE.match(text):
            if collected:
                break
            index -= 1
            continue
        if len(text) > _MAX_CAPTION_LENGTH or (_PROSE_LINE_RE.match(text) and not _UNIT_LINE_RE.match(text)) \
                or _SIGNATURE_LINE_RE.match(text):
            break
        collected.append(index)
        index -= 1
    collected.reverse()
    return caption_from_lines([(i + 1, lines[i]) for i in collected])


def caption_from_lines(numbered_lines: list[tuple[int, str]]) -> Caption:
    caption = Caption(lines=[number for number, _ in numbered_lines])
    title_parts: list[str] = []
    for _, text in numbered_lines:
        for piece in split_caption_pieces(text):
            caption.pieces.append(piece)
            number = _TABLE_NUMBER_RE.search(piece)
            if number and (number.start() == 0 or number.end() == len(piece)):
                # "(kèm theo ...)*Biểu số 16": the number glued to another fragment
                caption.number = normalise_table_number(number.group(0))
                piece = (piece[: number.start()] + piece[number.end():]).strip()
            unit = _UNIT_LINE_RE.match(piece)
            if not piece:
                continue
            if unit:
                caption.unit_text = unit.group(1).strip()
            elif ANNEX_NOTE_RE.search(piece):
                continue
            else:
                title_parts.append(piece)
    caption.title = " ".join(title_parts).strip()
    return caption


def split_caption_pieces(text: str) -> list[str]:
    """'**A****B***(c)***Biểu số 1**' -> ['A', 'B', '(c)', 'Biểu số 1']; '## T' -> ['T']."""
    text = _TAG_RE.sub("", text).lstrip("#").strip()
    pieces = [_SPACES_RE.sub(" ", part).strip(" \\") for part in re.split(r"\*{2,}", text)]
    return [p.strip("* ") for p in pieces if p.strip("* ")]


def normalise_table_number(text: str) -> str:
    """'Biểu số 14' stays; 'Biểu 22' -> 'Biểu số 22'; 'PHỤ LỤC 02' -> 'Phụ lục 02'."""
    digits = re.search(r"\d+[a-zA-Z]?", text).group(0)
    if text.lower().startswith("biểu"):
        return f"Biểu số {digits}"
    return f"Phụ lục {digits}"
