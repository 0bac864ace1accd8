"""Interpret a table's body rows: list markers and nesting, totals, "Trong đó" sub-rows,
date sections, and the numeric cells of each row.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .numbers import is_spreadsheet_error, parse_number
from .table_headers import TOTAL_LABEL_RE, HeaderBlock, is_ordinal, is_section_label
from .table_layout import Row
from .table_vocabulary import period_of_label
from .timeexpr import find_time_expressions

# Nesting depth of list markers: "I" > "1" > "a)" > "-" > "+" > a label without marker.
LEVEL_ROMAN, LEVEL_NUMBER, LEVEL_LETTER, LEVEL_DASH, LEVEL_PLUS, LEVEL_PLAIN = 0, 1, 2, 3, 4, 6
_PREFIX_RULES = [
    (re.compile(r"^([IVXLC]+)\s*[.\-–)]\s*"), LEVEL_ROMAN),
    (re.compile(r"^(\d+(?:\.\d+)*)\s*[.)]\s+"), LEVEL_NUMBER),
    (re.compile(r"^([a-zđ])\)\s*"), LEVEL_LETTER),
    (re.compile(r"^[-–]\s*"), LEVEL_DASH),
    (re.compile(r"^\+\s*"), LEVEL_PLUS),
]
_OF_WHICH_RE = re.compile(r"^trong\s+đó\s*:?\s*", re.IGNORECASE)
_TRAILING_NOISE_RE = re.compile(r"(?:,?\s*(?:gồm|chia ra|bao gồm))?\s*:\s*$", re.IGNORECASE)
EMPTY_MARKS = {"", "-", "–", "x", "X", "…", "...", ".."}
_SECTION_PREFIX_RE = re.compile(r"^(?:tính\s+đến|tại\s+thời\s+điểm|thời\s+điểm|đến)\s*", re.IGNORECASE)


@dataclass
class BodyRow:
    row: Row
    label: str  # the row's own label, markers stripped
    level: int
    is_total: bool = False
    is_section: bool = False  # states the date of the rows below it
    is_marker: bool = False  # a bare "Trong đó:" row
    of_which: bool = False  # a subset of its parent ("Trong đó: ..."), not a part of a sum
    parent: BodyRow | None = None
    section: int = 0
    period: tuple[dt.date, dt.date] | None = None
    own_period: tuple[dt.date, dt.date] | None = None  # a row that is a time ("2021", "6 tháng đầu năm 2024")
    values: dict[int, Decimal] = field(default_factory=dict)  # column -> value
    broken: list[int] = field(default_factory=list)  # columns holding "#VALUE!" etc.
    unreadable: list[int] = field(default_factory=list)  # columns with digits but no number
    children: list[BodyRow] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.row.line

    @property
    def path(self) -> list[str]:
        """Row labels from the outermost visible parent down to this row."""
        own = ["Trong đó"] if self.is_marker else [self.label]
        ancestors: list[str] = []
        parent = self.parent
        while parent is not None:
            if not parent.is_section:  # the date of a section goes to the period, not the label
                ancestors.insert(0, parent.label)
            parent = parent.parent
        return ancestors + own

    @property
    def path_text(self) -> str:
        return " / ".join(self.path)


def split_marker(ordinal: str, label: str) -> tuple[int, str, bool]:
    """(level, label without marker, has_ordinal) from the STT cell and the label."""
    if ordinal and is_ordinal(ordinal):
        core = ordinal.strip(" .)-–")
        if re.fullmatch(r"[IVXLC]+", core):
            return LEVEL_ROMAN, label, True
        if re.fullmatch(r"[a-zđ]", core):
            return LEVEL_LETTER, label, True
        return LEVEL_NUMBER + core.count("."), label, True
    for pattern, level in _PREFIX_RULES:
        match = pattern.match(label)
        if match:
            number = match.group(1) if match.groups() else ""
            depth = level + (number.count(".") if level == LEVEL_NUMBER else 0)
            return depth, label[match.end():].strip(), level <= LEVEL_LETTER
    return LEVEL_PLAIN, label, False


def clean_label(label: str) -> str:
    return _TRAILING_NOISE_RE.sub("", label).strip(" ,;")


def read_cells(body: BodyRow, header: HeaderBlock, value_columns: range) -> None:
    for column in value_columns:
        if column in header.stub_columns:
            continue
        text = body.row.text(column)
        if text in EMPTY_MARKS:
            continue
        if is_spreadsheet_error(text):
            body.broken.append(column)
            continue
        value = parse_number(text)
        if value is not None:
            body.values[column] = value
        elif any(ch.isdigit() for ch in text):
            body.unreadable.append(column)


def interpret_rows(rows: list[Row], header: HeaderBlock, caption_period) -> list[BodyRow]:
    """Body rows with their parents, sections and values; repeated headers dropped."""
    width = max(len(row.cells) for row in rows)
    repeated_header = header.signature()
    result: list[BodyRow] = []
    stack: list[BodyRow] = []  # possible parents, outermost first
    of_which_parent: BodyRow | None = None
    of_which_level: int | None = None
    section, period = 0, caption_period
    for row in rows[header.body_start:]:
        if tuple(row.texts) in repeated_header or not any(row.texts):
            continue
        body = make_body_row(row, header)
        read_cells(body, header, range(width))
        if body.is_section:
            section += 1
            period = section_period(body.label) or period
            stack, of_which_parent = [], None
            if not body.values and not body.broken:
                continue  # a pure section row: nothing to report, nothing to nest under
        body.section, body.period = section, period
        body.own_period = time_of_a_time_label(body.label)
        if body.of_which or body.is_marker:
            of_which_parent = result[-1] if result else None
            of_which_level = None if body.is_marker else body.level
            body.parent = of_which_parent
        elif of_which_parent is not None and not body.is_total and (
            of_which_level is None or body.level >= of_which_level
        ):
            of_which_level = body.level if of_which_level is None else of_which_level
            body.parent, body.of_which = of_which_parent, True
        else:
            of_which_parent = None
            body.parent = nearest_parent(stack, body)
        if body.parent is not None:
            body.parent.children.append(body)
        if not body.is_total and not body.is_marker:
            while stack and stack[-1].level >= body.level:
                stack.pop()
            stack.append(body)
        result.append(body)
    _totals_span_their_times(result)
    return result


def _totals_span_their_times(rows: list[BodyRow]) -> None:
    """"Năm 2016 | Năm 2017 | 9 tháng năm 2018 | Tổng cộng": with years as rows, a total row runs over them all."""
    timed = [r for r in rows if r.own_period and not r.is_total]
    if len(timed) < 2:
        return
    span = (min(r.own_period[0] for r in timed), max(r.own_period[1] for r in timed))
    for r in rows:
        if r.is_total and r.own_period is None:
            r.own_period = span


def nearest_parent(stack: list[BodyRow], body: BodyRow) -> BodyRow | None:
    if body.is_total:
        return None
    for candidate in reversed(stack):
        if candidate.level < body.level:
            return candidate
    return None


def make_body_row(row: Row, header: HeaderBlock) -> BodyRow:
    ordinal = row.text(header.ordinal_column) if header.ordinal_column is not None else ""
    label = row.text(header.label_column) if header.label_column is not None else ""
    if not label and ordinal and not is_ordinal(ordinal):
        label, ordinal = ordinal, ""  # "TỔNG CỘNG" written in the STT column
    of_which = bool(_OF_WHICH_RE.match(label))
    label = _OF_WHICH_RE.sub("", label)
    level, label, has_ordinal = split_marker(ordinal, label)
    label = clean_label(label)
    return BodyRow(
        row=row,
        label=label,
        level=level,
        is_total=bool(TOTAL_LABEL_RE.match(label)) and not has_ordinal,
        is_section=is_section_label(label),
        is_marker=of_which and not label,
        of_which=of_which and bool(label),
    )


# words a label that is only a time may hold besides its time ("Năm 2021", "Giai đoạn 2016 - 2020")
_TIME_WORDS_RE = re.compile(r"\b(?:năm|giai\s+đoạn|nhiệm\s+kỳ|thời\s+điểm|tính\s+đến|đến|ngày|tháng|quý|đầu|cuối)\b",
                            re.IGNORECASE)


@lru_cache(maxsize=4096)
def time_of_a_time_label(label: str):
    """A row labelled only by a time ("2021", "Năm 2022", "6 tháng đầu năm 2024") holds its cells at that time."""
    if not label or not re.search(r"(?:19|20)\d{2}", label):
        return None
    rest = label
    for m in sorted(find_time_expressions(label), key=lambda m: -m.start):
        rest = rest[:m.start] + " " + rest[m.end:]
    rest = re.sub(r"(?<!\d)(?:19|20)\d{2}(?!\d)", " ", rest)
    if re.search(r"[^\W\d_]", _TIME_WORDS_RE.sub(" ", rest)):
        return None
    return period_of_label(label, None)


def section_period(label: str):
    return period_of_label(_SECTION_PREFIX_RE.sub("", label), None)
