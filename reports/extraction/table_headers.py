"""Read a table's header block: which rows are headers, each column's label path, the
column-number row ("1 2 3 4 (=5+6+7)") and the arithmetic it states, and the stub columns
(STT and the row-label column) that hold no values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .numbers import is_spreadsheet_error, parse_number
from .table_layout import Row

# "STT", "TT", "Số TT", "ST T": the ordinal column, never a value.
ORDINAL_HEADER_RE = re.compile(r"^(?:s\s*ố\s*)?s?\s*t\s*t\.?$|^số\s+tt$|^stt$", re.IGNORECASE)
# A list marker standing alone in the ordinal column or opening a label.
ORDINAL_RE = re.compile(r"^(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])\s*[.)\-–]?$")
# (a total may name the whole place: "Toàn tỉnh" under the districts, never a part of the last of them)
TOTAL_LABEL_RE = re.compile(r"^(?:tổng\s+cộng|tổng\s+số|tổng|cộng|"
                            r"toàn\s+(?:tỉnh|huyện|thành\s+phố|thị\s+xã|xã|phường))\b", re.IGNORECASE)
# Words that only say "broken down as" and add nothing to a column path.
FILLER_LABELS = {"chia ra", "trong đó", "bao gồm", "gồm", "chia theo"}
# "4 (=5+6+7)", "3=4+6+8", "9 = 10 + 11"
# "4", "4 (=5+6+7)", "8=7-6" (a change column: the difference of two others)
COLUMN_NUMBER_RE = re.compile(r"^\(?(\d{1,2})\)?\s*(?:\(?\s*=\s*([\d\s+\-–()]+?)\s*\)?)?$")  # also "(5)=(3)-(4)"
STUB_LETTER_RE = re.compile(r"^\(?[A-D]\)?$")
YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
# Section rows carry a date for the rows below them: "Tính đến 31/12/2020", "Năm 2022".
SECTION_DATE_RE = re.compile(
    r"^(?:tính\s+đến|đến|tại\s+thời\s+điểm|thời\s+điểm|năm|nhiệm\s+kỳ|giai\s+đoạn)\b.*\d{4}",
    re.IGNORECASE,
)


@dataclass
class ColumnFormula:
    """Column `total` equals the sum of columns `parts` (0-based indexes)."""

    total: int
    parts: list[int]
    text: str


@dataclass
class HeaderBlock:
    rows: list[Row]  # the label rows, column-number row excluded
    numbering_rows: list[Row]
    paths: list[list[str]]  # per column, top label first
    stub_columns: list[int]  # STT and row-label columns
    ordinal_column: int | None
    label_column: int | None
    formulas: list[ColumnFormula] = field(default_factory=list)
    # a column that is the difference of two others ("4=3-2"): its index -> the index of the column it is taken from
    differences: dict[int, int] = field(default_factory=dict)
    body_start: int = 0  # index in the table's rows of the first body row

    def path(self, column: int) -> list[str]:
        return self.paths[column] if column < len(self.paths) else []

    def signature(self) -> set[tuple[str, ...]]:
        """Rows that, seen again after a page break, are the header repeated."""
        return {tuple(row.texts) for row in self.rows + self.numbering_rows}


def is_value_text(text: str) -> bool:
    return parse_number(text) is not None or is_spreadsheet_error(text)


def is_ordinal(text: str) -> bool:
    return bool(ORDINAL_RE.match(text.strip()))


def is_section_label(text: str) -> bool:
    return bool(SECTION_DATE_RE.match(text.strip()))


def column_numbers(row: Row) -> list[tuple[int, list[int]]] | None:
    """The cells of a column-number row as (number, summed numbers), or None if it is not one.

    A column-number row numbers every column 1, 2, 3...; some cells state a sum "4 (=5+6+7)".
    """
    parsed = []
    texts = [t for t in row.texts if t]
    while texts and STUB_LETTER_RE.match(texts[0]):
        texts = texts[1:]  # "A  B  1  2  3": the stub columns lettered before the numbered ones
    for text in texts:
        match = COLUMN_NUMBER_RE.match(text)
        if not match:
            return None
        formula = match.group(2) or ""
        # only a sum is checked; a difference ("7-6") states which columns a change is between
        parts = [] if re.search(r"[-–]", formula) else [int(p) for p in re.findall(r"\d+", formula)]
        parsed.append((int(match.group(1)), parts))
    numbers = [number for number, _ in parsed]
    if len(numbers) < 3 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    return parsed


def is_body_row(row: Row) -> bool:
    """A row that carries data (or a data section), as opposed to a header row."""
    texts = row.texts
    # Body rows are labelled in the stub (first two columns); header rows under a merged
    # top label start blank there ("   Tổng   Trong đó").
    stub = next((t for t in texts[:2] if t), "")
    if stub and (is_ordinal(stub) or TOTAL_LABEL_RE.match(stub) or is_section_label(stub)):
        return True
    values = [t for t in texts[1:] if t and is_value_text(t)]
    # A header row may hold bare years ("2021 2022 2023"); those are labels, not values.
    return bool(values) and not all(YEAR_RE.match(v) for v in values)


def read_header(rows: list[Row]) -> HeaderBlock | None:
    """Split off the header block; None when the table has no header at all."""
    header_rows: list[Row] = []
    numbering_rows: list[Row] = []
    body_start = len(rows)
    for index, row in enumerate(rows):
        if column_numbers(row) is not None:
            numbering_rows.append(row)
            continue
        if is_body_row(row):
            body_start = index
            break
        header_rows.append(row)
    if not header_rows:
        return None
    width = max(len(row.cells) for row in rows)
    grid = [row.texts + [""] * (width - len(row.cells)) for row in header_rows]
    realign_group_totals(grid)
    paths = column_paths(grid, width)
    ordinal_column, label_column = stub_columns(grid)
    stub = [c for c in (ordinal_column, label_column) if c is not None]
    formulas = [f for row in numbering_rows for f in formulas_of(row)]
    differences = {c: d for row in numbering_rows for c, d in differences_of(row).items()}
    return HeaderBlock(
        rows=header_rows,
        numbering_rows=numbering_rows,
        paths=paths,
        stub_columns=stub,
        ordinal_column=ordinal_column,
        label_column=label_column,
        formulas=formulas,
        differences=differences,
        body_start=body_start,
    )


def realign_group_totals(grid: list[list[str]]) -> None:
    """Undo a converter quirk: a merged group label shifted one column left.

    A group's total column comes first ("Tổng số lớp" under "Số lớp"). When the column just
    right of where a group label sits holds a total and the label's own column does not, the
    label belongs one column right; the column it left belongs to the group on its left.
    """
    for level in range(1, len(grid)):
        upper, lower = grid[level - 1], grid[level]
        for column in range(1, len(upper) - 1):
            if not upper[column] or upper[column + 1] or not upper_has_label_left(upper, column):
                continue
            here, right = lower[column], lower[column + 1]
            if here and not TOTAL_LABEL_RE.match(here) and TOTAL_LABEL_RE.match(right):
                upper[column + 1], upper[column] = upper[column], ""


def upper_has_label_left(row: list[str], column: int) -> bool:
    return any(row[c] for c in range(column))


def column_paths(grid: list[list[str]], width: int) -> list[list[str]]:
    """Label path of each column; a blank cell continues the label on its left (a merged
    cell) only while the parent group above is the same one."""
    paths: list[list[str]] = [[] for _ in range(width)]
    parent_group: list[object] = [()] * width  # the group each column belongs to one level up
    for row in grid:
        group: list[object] = [()] * width
        current_label, current_group = "", -1
        for column in range(width):
            text = row[column]
            same_parent = column > 0 and parent_group[column] == parent_group[column - 1]
            if text:
                current_label, current_group = text, column
            elif not same_parent:
                current_label, current_group = "", column
            group[column] = (current_group, parent_group[column])
            label = current_label
            if label and label.lower().rstrip(":") not in FILLER_LABELS:
                paths[column].append(label)
        parent_group = group
    return paths


def stub_columns(grid: list[list[str]]) -> tuple[int | None, int | None]:
    """(ordinal column, row-label column) from the first header row."""
    top = grid[0]
    ordinal = 0 if top and ORDINAL_HEADER_RE.match(top[0].strip()) else None
    label = 1 if ordinal is not None else 0
    if label >= len(top):
        return ordinal, None
    return ordinal, label


_DIFFERENCE_RE = re.compile(r"^\(?\d{1,2}\)?\s*=\s*\(?(\d{1,2})\)?\s*[-–]\s*\(?(\d{1,2})\)?$")


def differences_of(row: Row) -> dict[int, int]:
    """"4=3-2" in a column-number row: column 4 is the change from column 2 to column 3, of what 3 counts."""
    position = {}
    for index, text in enumerate(row.texts):
        match = COLUMN_NUMBER_RE.match(text) if text else None
        if match:
            position[int(match.group(1))] = index
    found = {}
    for index, text in enumerate(row.texts):
        match = _DIFFERENCE_RE.match(text.replace(" ", "")) if text else None
        if match and int(match.group(1)) in position:
            found[index] = position[int(match.group(1))]
    return found


def formulas_of(row: Row) -> list[ColumnFormula]:
    """Translate "4 (=5+6+7)" in a column-number row into column indexes."""
    numbered = column_numbers(row) or []
    position = {}
    for index, text in enumerate(row.texts):
        match = COLUMN_NUMBER_RE.match(text) if text else None
        if match:
            position[int(match.group(1))] = index
    formulas = []
    for number, parts in numbered:
        if parts and all(p in position for p in parts):
            text = next(t for t in row.texts if t and (m := COLUMN_NUMBER_RE.match(t)) and m.group(1) == str(number))
            formulas.append(ColumnFormula(position[number], [position[p] for p in parts], text))
    return formulas
