"""Which series a table cell joins: the catalogue indicator its labels name (the row's own words, then its
column's, as table_meaning reads them), a change column's flow of it ("Giảm", "Giải thể"), and whether a
label says more than the indicator it names (then it is a part, kept apart as a breakdown).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .facts import Fact
from .lexicon import ADD, CHANGE, REARRANGE, REMOVE, TRANSFER, Term, index_of
from .phrases import fold
from .table_rows import BodyRow
from .table_vocabulary import CHANGE_COLUMN_RE
from .vocabulary import catalogue_by_code, flow_of, stock_of

# "... ở các địa phương", "... trên địa bàn tỉnh": where the units are, not which units.
_LOCATIVE_TAIL_RE = re.compile(
    r"\s+(?:ở|tại|trên địa bàn|toàn)(?:\s+(?:các|cấp))?\s+(?:địa phương|tỉnh|huyện|xã|thành phố|cơ sở)$")
_COUNT_PREFIX_RE = re.compile(r"^(?:tổng\s+số|số\s+lượng|số)\s+", re.IGNORECASE)


def catalogue_code(
    catalogue: list[dict], fact: Fact, row: BodyRow, column_path: list[str], *, stands_alone: bool,
    counted: Term | None = None,
) -> tuple[str | None, bool]:
    """(code, named by the row) only when a label *is* the indicator's name or one of its
    phrases ("Tổng số biên chế được giao" is "Biên chế được giao"; "Số đơn vị sự nghiệp công lập
    ở các địa phương" is "đơn vị sự nghiệp công lập" in a place), in the fact's family and unit.
    Only a row that stands alone (a top row) can name it: a sub-row counts within its parent's
    scope, not the indicator's stock. Where the cell counts a change (`counted`, "SỐ NGƯỜI TINH GIẢN
    BIÊN CHẾ"), a label naming a count of what changes ("Công chức") is a kind of it, not its series."""
    kinds_of_a_change = counted is not None and counted.role == CHANGE \
        and catalogue_by_code().get(counted.code or "", {}).get("kind") == "flow"
    candidates = [(column_path[-1], False)] if column_path else []
    # A row that says what it counts ("Tổng số biên chế được giao") names the indicator; a bare
    # row label ("6. Đơn vị sự nghiệp") is a category of the column's count.
    counts_itself = bool(_COUNT_PREFIX_RE.match(row.label))
    if stands_alone and not row.is_section:
        candidates.insert(0, (row.label, True))
    for label, is_row in candidates:
        key = _LOCATIVE_TAIL_RE.sub("", normalise_name(label)).strip()
        for entry in catalogue:
            if entry.get("family") != fact.family or (entry.get("unit") == "percent") != (fact.unit == "percent"):
                continue
            if kinds_of_a_change and entry.get("kind") == "stock" and entry.get("code") != stock_of(counted.code):
                continue
            names = [entry.get("name_vi", "")]
            if counts_itself or not is_row:
                names += entry.get("phrases", [])
            if key and any(key == normalise_name(name) for name in names):
                return entry.get("code"), is_row
    return None, False


@lru_cache(maxsize=4096)  # every cell compares its labels with every catalogue name
def normalise_name(text: str) -> str:
    text = re.sub(r"\(%\)", "", text.lower()).strip()
    return _COUNT_PREFIX_RE.sub("", text).strip()


def code_of_the_label(counted, family: str, column_path: list[str], column_counts_it: bool = False) -> str | None:
    """The series the cell's most specific label names, as in a sentence: "Đơn vị hành chính cấp xã" under
    a column of an old province is admin.commune_units there; under a column "Giảm", its reduction."""
    if counted is None or not counted.code or counted.family != family:
        return None
    if column_counts_it and counted.role == CHANGE and catalogue_by_code().get(counted.code, {}).get("kind") == "flow":
        return counted.code  # "Tinh giản biên chế trong năm": the column names the change itself, not a change of it
    return code_under_its_column(counted.code, column_path)


def code_under_its_column(code: str | None, column_path: list[str]) -> str | None:
    """A count's series under a column of a change of it ("Giảm"): the change's, if the catalogue has one."""
    change = column_change(column_path)
    if change is None or code is None:
        return code
    if catalogue_by_code().get(code, {}).get("kind") == "flow":
        return None  # a change of a change: no series of the catalogue
    return flow_of(code, change)


_CHANGES = index_of(CHANGE)
# "Trước hợp nhất", "Sau khi sắp xếp": a moment on one side of the change, whose cells are counts, not the change
_SIDE_OF_A_CHANGE_RE = re.compile(r"\b(?:trước|sau)\s+(?:khi\s+)?(?:thực\s+hiện\s+)?"
                                  r"(?:sắp\s+xếp|hợp\s+nhất|sáp\s+nhập|kiện\s+toàn|tổ\s+chức\s+lại|thành\s+lập)",
                                  re.IGNORECASE)


_CAUSE_RE = re.compile(r"[\s(](?:do|vì|nhờ|bởi)\s.*$", re.IGNORECASE)


def cause_of_the_change(column_path: list[str]) -> str | None:
    """"Giảm do sáp nhập, hợp nhất" beside "Giảm do giải thể": why each reduction, a part of it."""
    cause = _CAUSE_RE.search(column_path[-1]) if column_path and column_change(column_path) else None
    return re.sub(r"^[\s(]*\w+\s+", "", cause.group(0)).strip(" ,;()") if cause else None


def column_change(column_path: list[str]) -> str | None:
    """The direction of change the column's own (last) label states, or "net", or None."""
    return _label_change(column_path[-1] if column_path else "")


@lru_cache(maxsize=4096)  # (asked several times for each cell of a column)
def _label_change(label: str) -> str | None:
    """The direction the column's own label states, read with the lexicon as in prose ("Giảm", "Thành lập
    mới (bao gồm cả hợp nhất, sáp nhập)", "Giải thể"); "Tăng (+), giảm (-)" and "So sánh" state a net
    change ("net"), which no catalogue series holds."""
    label = _CAUSE_RE.sub("", label)  # "Giảm do sáp nhập, hợp nhất": a reduction; the merger is its cause
    directions = []
    for found in _CHANGES.find(fold(_SIDE_OF_A_CHANGE_RE.sub(" ", re.sub(r"\(.*?\)", " ", label)))):
        if found.item.change in (ADD, REMOVE, REARRANGE, TRANSFER) and found.item.change not in directions:
            directions.append(found.item.change)
    if CHANGE_COLUMN_RE.match(label) and len(directions) != 1:
        return "net"
    return directions[0] if len(directions) == 1 else None


_PLAIN_REMAINDER_RE = re.compile(r"^(?:và\s+tương\s+đương|các|toàn\s+(?:tỉnh|huyện|xã)|hiện\s+có|[\W\d_]*)$")


# What a label may add to the phrase it names without saying more: a total's word, the column formula or the
# moment of a count in brackets ("Tổng biên chế được giao (I.1+II.1+III.1)", "Biên chế có mặt (thời điểm 31/12)")
_LABEL_NOISE_RE = re.compile(r"\(\s*(?:[IVXLC\d.,\s+=\-–]+|(?:tại\s+)?thời\s+điểm[^)]*|tính\s+đến[^)]*|đến\s[^)]*)\)|"
                             r"^\s*(?:tổng\s+số|tổng|số\s+lượng)\s+", re.IGNORECASE)


def qualified(label: str, phrase: str) -> bool:
    """Whether a label says more than the phrase it names ("... cho cấp xã thực hiện sắp xếp")."""
    label = _LABEL_NOISE_RE.sub(" ", label)
    rest = fold(_LOCATIVE_TAIL_RE.sub("", normalise_name(label))).replace(fold(phrase), " ", 1)
    rest = " ".join(re.sub(r"[^\w\s]", " ", rest).split())
    return bool(rest) and not _PLAIN_REMAINDER_RE.match(rest)


def signed_change_read(column_path: list[str], value):
    """A cell of a net-change column ("Tăng (+), giảm (-)", "Chênh lệch") is a reduction or an increase, as
    the reports write them in prose ("giảm 76 đơn vị"): its size, under the direction its sign states."""
    if value and column_change(column_path) == "net":
        return [*column_path[:-1], "Giảm" if value < 0 else "Tăng"], abs(value)
    return column_path, value
