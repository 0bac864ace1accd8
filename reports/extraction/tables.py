"""Extract every numeric cell of a report's appendix tables as a Fact.

    extract_tables(lines, report_date=...) -> TableExtraction(facts, warnings, lines)

`lines` are the document's NFC-normalised lines (index 0 = line 1). Tables are the
tab-separated rows (see table_layout); each numeric cell outside the STT and label columns
becomes one Fact with its row path, column path, family, unit, period and breakdown.
Spreadsheet errors become "broken_cell" warnings; a table whose header cannot be read
becomes a "table_not_understood" warning; the tables' own sums are checked (table_checks).
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from .facts import METHOD_TABLE, ExtractionWarning, Fact, clean_breakdown
from .table_checks import check_table
from .table_headers import HeaderBlock, read_header
from .table_layout import ANNEX_NOTE_RE, RawTable, find_tables
from .table_rows import BodyRow, interpret_rows
from .places import PlaceMention, places_in_label
from .table_meaning import NOUNS, cell_meaning, label_meaning, names_a_kind
from .table_series import (catalogue_code, cause_of_the_change, code_of_the_label, code_under_its_column,
                           column_change, qualified, signed_change_read)
from .table_times import cell_period, column_period, columns_dated_by_the_note, count_at_its_periods_end
from .vocabulary import load_catalogue_file
from .table_vocabulary import (CHANGE_COLUMN_RE, column_side, dimension_of_parent, named_breakdown, period_of_label,
                               title_family, unit_for, without_side_of_a_change)

# Labels too generic to tell rows or columns apart ("Số lượng" over "Nữ").
# (and counts of a weak noun: "Số đơn vị tại thời điểm 01/01/2021" says when, its words what the row names)
GENERIC_LABELS = {"số lượng", "tổng số", "thời điểm", "tiêu chí", "số liệu", "cộng", "tổng cộng", "tổng", "số đơn vị",
                  "số tổ chức", "số người", "số lượng đơn vị", "tổng số đơn vị"}
YEAR_ONLY_RE = re.compile(r"(?:năm\s+)?(?:19|20)\d{2}", re.IGNORECASE)
_DATE_PHRASE_RE = re.compile(r"(?:tính\s+đến|đến|tại\s+thời\s+điểm|thời\s+điểm|ngày)?\s*\d{1,2}/\d{1,2}/\d{4}",
                             re.IGNORECASE)


@dataclass
class TableExtraction:
    facts: list[Fact] = field(default_factory=list)
    warnings: list[ExtractionWarning] = field(default_factory=list)
    lines: set[int] = field(default_factory=set)


@dataclass
class TableContext:
    """What a table's caption and header say about all its cells."""

    name: str
    title: str
    header: HeaderBlock
    family: str
    unit_text: str
    period: tuple[dt.date, dt.date] | None
    column_periods: list[tuple[dt.date, dt.date] | None] = field(default_factory=list)  # each column's own


def extract_tables(lines: list[str], *, report_date: dt.date | None,
                   rearrangement: tuple[dt.date | None, dt.date | None] = (None, None)) -> TableExtraction:
    """`rearrangement`: the eve and the day of the rearrangement the report is about, the dates of its
    columns "Trước sắp xếp" and "Sau sắp xếp"."""
    extraction = TableExtraction()
    catalogue = load_catalogue_file()
    for table in find_tables(lines):
        extraction.lines |= table.lines
        extract_table(table, report_date, catalogue, extraction, rearrangement)
    return extraction


def extract_table(table: RawTable, report_date, catalogue, extraction: TableExtraction, rearrangement=(None, None)) -> None:
    header = read_header(table.rows)
    if header is None:
        if any(any(ch.isdigit() for ch in t) for row in table.rows for t in row.texts[1:]):
            extraction.warnings.append(not_understood(table, "không tìm thấy hàng tiêu đề (header)"))
        return
    context = table_context(table, header, report_date, rearrangement)
    rows = interpret_rows(table.rows, header, context.period)
    # Text with digits is only suspicious in a column that otherwise holds numbers (not in a
    # list of documents with their numbers and dates).
    numeric_columns = {column for row in rows for column in row.values}
    tallies: dict[tuple, bool] = {}  # parent_tallies_unlike_things, once per parent and column
    for row in rows:
        if row.is_marker:
            if row.values:  # "Trong đó:" holding 0 placeholders states nothing: said, not stored
                extraction.warnings.append(marker_row_values(context, row))
            continue
        extraction.facts += [cell_fact(context, row, column, report_date, catalogue, tallies)
                             for column in sorted(row.values)]
        extraction.warnings += [broken_cell(context, row, column) for column in row.broken]
        extraction.warnings += [
            unreadable_cell(context, row, column) for column in row.unreadable if column in numeric_columns
        ]
    extraction.warnings += check_table(context.name, header, rows)


def table_context(table: RawTable, header: HeaderBlock, report_date, rearrangement=(None, None)) -> TableContext:
    caption = table.caption
    header_words = " ".join(label for path in header.paths for label in path)
    family = title_family(caption.title or header_words)
    period = None
    for piece in caption.pieces:
        if ANNEX_NOTE_RE.search(piece):
            continue  # "(kèm theo Báo cáo ... ngày 12/3/2024)" dates the report, not the table
        period = period_of_label(piece, report_date) or period
    column_periods = [column_period(header.path(c), period, report_date, rearrangement) for c in range(len(header.paths))]
    if table.note:
        columns_dated_by_the_note(table.note[1], header, column_periods, report_date)
    return TableContext(
        name=table.name,
        title=caption.title,
        header=header,
        family=family,
        unit_text=caption.unit_text,
        period=period,
        column_periods=column_periods,
    )


def cell_fact(context: TableContext, row: BodyRow, column: int, report_date, catalogue, tallies: dict) -> Fact:
    column_path, value = signed_change_read(context.header.path(column), row.values[column])
    row_path = row.path
    # (a label that names a place, "Xã Nhơn Ái (cũ)" as a row or a column, says where, not what is counted)
    counted = cell_meaning(row_labels=[label for label in row_path if label != "Trong đó" and not _names_a_place(label)],
                           column_labels=[label for label in _labels_saying_what_it_counts(context.header, column,
                                                                                           column_path)
                                          if not _names_a_place(label)],
                           title=context.title)
    family = counted.family if counted is not None and counted.family else context.family
    unit = unit_for(family=family, row_path=row_path, column_path=column_path, unit_text=context.unit_text)
    start, end = cell_period(context, column, row, report_date)
    fact = Fact(
        line=row.line,
        quote=row.row.clean_text,
        value=value,
        family=family,
        unit=unit,
        period_start=start,
        period_end=end,
        method=METHOD_TABLE,
        concept=concept_of(context, column_path),
        breakdown=breakdown_of(row),
        table=context.name,
        row=row.path_text,
        column=" / ".join(column_path),
        column_start=row.row.cells[column].start,
        column_end=row.row.cells[column].end,
    )
    fact.indicator_code, named_by_row = catalogue_code(catalogue, fact, row, column_path,
                                                      stands_alone=row.parent is None, counted=counted)
    if named_by_row and column_change(column_path):
        # the row names a count ("Đơn vị sự nghiệp công lập"), its column a change of it ("Giảm"): that change
        fact.indicator_code = code_under_its_column(fact.indicator_code, column_path)
    within_a_tally = False
    if row.parent is not None:
        tally_key = (id(row.parent), column, family)
        if tally_key not in tallies:
            tallies[tally_key] = parent_tallies_unlike_things(context, row, column_path, family)
        within_a_tally = tallies[tally_key]
        if within_a_tally:
            # "Số đơn vị sự nghiệp công lập" under "Tổng số ... thực hiện sắp xếp": the row's words name
            # the catalogue's count, but of the units being reorganised (the communes of the same table
            # go to 0 once merged), so the row is compared with that count, never charted as it.
            namesake, by_row = catalogue_code(catalogue, fact, row, column_path, stands_alone=True)
            fact.namesake_code = namesake if by_row else None
    if fact.indicator_code is None and not within_a_tally and fact.unit != "percent":
        own_column = label_meaning(column_path[-1]) if column_path else None
        fact.indicator_code = code_of_the_label(counted, family, column_path,
                                                column_counts_it=own_column is not None and own_column.term is counted)
        if fact.indicator_code:
            fact.breakdown = series_breakdown(counted, row.label, fact.breakdown, column_path)
    elif fact.indicator_code and not named_by_row and counted is not None and counted.code == fact.indicator_code:
        # the column names the series ("Xã" under "Trước sắp xếp"): its kind sets the cell apart, as a row's would
        fact.breakdown = series_breakdown(counted, row.label, fact.breakdown, column_path)
    place = cell_place(row_path, column_path)
    if place is not None:
        fact.area_name, fact.area_level, fact.area_former = place.name, place.level, place.former
        fact.area_prefix = place.prefix
        if fact.breakdown.get("row") == row.label == row.path_text and places_in_label(row.label):
            del fact.breakdown["row"]  # "Huyện Sìn Hồ": the row is the cell's place, not a part of the series
        elif fact.breakdown.get("row") == row.path_text and row.parent is not None and _names_a_place(row.parent.label):
            # "Huyện Hải Lăng / - Xã": the parent is the place; the row, a kind of what is counted there
            kind = label_meaning(row.label)
            del fact.breakdown["row"]
            fact.breakdown.update(dict(kind.term.breakdown) if kind is not None and kind.term.breakdown
                                  else {"row": row.label})
    if row.own_period and fact.breakdown.get("row") == row.label:
        del fact.breakdown["row"]  # "2021": the row is the cell's time, not a part of the series
    if named_by_row and set(fact.breakdown) <= {"row"}:
        # The row is the indicator itself; what sets this cell apart is its column, if anything.
        labels = distinguishing_column_labels(column_path)
        fact.breakdown = {"column": " / ".join(labels)} if labels else {}
    count_at_its_periods_end(fact, report_date)
    side = column_side(column_path)
    if side and not (column < len(context.column_periods) and context.column_periods[column]):
        # "Trước sắp xếp" / "Sau sắp xếp" that no date tells apart: two stages of one count, never one conflict
        fact.breakdown["stage"] = "trước sắp xếp" if side == "before" else "sau sắp xếp"
    if TOTAL_ROW_RE.match(fact.breakdown.get("column", "")) and not _columns_name_places(context.header):
        del fact.breakdown["column"]  # "Tổng" beside "Xã", "Phường": the whole (beside old provinces it is their sum)
    if cause := cause_of_the_change(column_path):
        fact.breakdown.setdefault("reason", cause)
    fact.breakdown = clean_breakdown(fact.breakdown)  # the labels' words as plain text (facts.breakdown_option)
    return fact


def _labels_saying_what_it_counts(header, column: int, column_path: list[str]) -> list[str]:
    """A column of the difference of two others ("Tăng so với đầu nhiệm kỳ", numbered "4=3-2") that names no
    kind counts what the column it is taken from counts ("Số đảng viên / Ngày 31/5/2020"); a column "Trong đó:
    nữ" beside "Số đảng viên" counts a part of what that column counts."""
    source = header.differences.get(column)
    if source is None and column_path and OF_WHICH_COLUMN_RE.match(column_path[-1]) and column > 0:
        source = column - 1
    if source is None or any(names_a_kind(label) for label in column_path):
        return column_path
    return header.path(source) + column_path[-1:]


OF_WHICH_COLUMN_RE = re.compile(r"^\s*trong\s+(?:số\s+)?đó\s*:?", re.IGNORECASE)


@lru_cache(maxsize=4096)
def _names_a_place(label: str) -> bool:
    """"Huyện Mường Nhé", "1. Thành phố Điện Biên Phủ": a row of a place says where, not what is counted."""
    places = places_in_label(label)
    return len(places) == 1 and not re.sub(r"[\W\d_]", "", label[:places[0].start] + label[places[0].end:])


def _columns_name_places(header: HeaderBlock) -> bool:
    return _labels_name_places(tuple(label for path in header.paths for label in path))


@lru_cache(maxsize=1024)  # (once per table's header, not once per cell)
def _labels_name_places(labels: tuple[str, ...]) -> bool:
    return any(places_in_label(label) for label in labels)


def cell_place(row_path: list[str], column_path: list[str]) -> PlaceMention | None:
    """The place a cell is the figure of: one its column names ("Tỉnh Đắk Nông (cũ)" among old provinces
    as columns), else one its own row names at the province or district level ("Huyện Mai Sơn"); a
    commune row of a table by commune stays its district's figure, as the reports file it."""
    for label in reversed(column_path):
        places = places_in_label(label)
        if places:
            return places[-1]
    for label in reversed(row_path):  # its own row's, else the place row it is listed under ("Huyện A / - Xã")
        own = places_in_label(label)
        if own and own[0].level != "commune" and own[0].start <= 4:
            return own[0]
    return None


def parent_tallies_unlike_things(context: TableContext, row: BodyRow, column_path: list[str], family: str) -> bool:
    """A parent whose rows count different kinds of thing ("Tổng số đơn vị ... thực hiện sắp xếp" =
    units + their heads + their deputies) is a tally, not a total with parts: each of its rows is a
    statistic of its own, within the parent's scope."""
    units = {
        unit_for(family=family, row_path=sibling.path, column_path=column_path, unit_text=context.unit_text)
        for sibling in row.parent.children if sibling.values and not sibling.is_marker
    }
    return len(units) > 1


def concept_of(context: TableContext, column_path: list[str]) -> str:
    """"Biểu số 13 — Diện BTV Tỉnh ủy quản lý": the column without its date, so the same
    concept is comparable across dates; the table title when the column says nothing more."""
    labels = meaningful_column_labels(column_path)
    return f"{context.name} — {' / '.join(labels) or context.title or context.name}"


# "Số ĐVHC giảm", "Biên chế công chức được giao", "Tinh giản biên chế trong năm": the words of counting, of the
# change or the state the series already says, and of the row's own time, are no kind of it
COUNT_OR_CHANGE_WORDS_RE = re.compile(r"^\s*(?:tổng\s+số|số\s+lượng|số)\s+|\s+(?:giảm|tăng|tăng\s*,\s*giảm|được\s+giao|"
                                      r"có\s+mặt|hiện\s+có|trong\s+năm|trong\s+kỳ)\s*$", re.IGNORECASE)


def series_breakdown(counted, row_label: str, row_breakdown: dict[str, str], column_path: list[str]) -> dict[str, str]:
    """What sets a cell apart within the series its label names. A row naming the series ("Đơn vị hành
    chính cấp xã", "Phường") keeps only the term's own breakdown (its parents are headings), and itself when
    it says more than the term ("Số biên chế được giao cho cấp xã thực hiện sắp xếp"); a row of categories
    keeps its own. Then the columns that are no time, place or change and do not name the series ("Diện
    Ban Thường vụ Tỉnh ủy quản lý"); a column naming a kind of it the term does not ("Đảng bộ mà đảng ủy được
    giao quyền cấp trên cơ sở") is that type."""
    own = label_meaning(row_label)
    if own is not None and own.term is counted:
        breakdown = dict(counted.breakdown)
        if qualified(row_label, counted.phrase):
            breakdown["row"] = row_label
    else:
        breakdown = {**row_breakdown, **dict(counted.breakdown)}
    parts = []
    for label in distinguishing_column_labels(column_path):
        label = without_side_of_a_change(label) or label
        meaning = label_meaning(label)
        if meaning is not None and meaning.term is counted:
            if qualified(label, counted.phrase) and qualified(COUNT_OR_CHANGE_WORDS_RE.sub(" ", label), counted.phrase):
                breakdown.setdefault("type", label)
            continue
        if meaning is not None and meaning.family == counted.family and not meaning.term.breakdown \
                and meaning.term.role in NOUNS:
            continue  # "Tổ chức cơ sở đảng" over "Đảng bộ cơ sở": the heading of the kind counted, not a part of it
        if meaning is not None and meaning.family == counted.family and meaning.term.role in NOUNS:
            breakdown.update(dict(meaning.term.breakdown))  # "Công chức" under a count of staff reduced: its kind
            continue
        named = named_breakdown(re.sub(r"^\s*trong\s+đó\s*:?\s*", "", label, flags=re.IGNORECASE).lower(), None)
        if named:
            breakdown.update(named)  # "Trong đó: Nữ"
            continue
        parts.append(label)
    if parts:
        breakdown["column"] = " / ".join(parts)
    return breakdown


def distinguishing_column_labels(column_path: list[str]) -> list[str]:
    """The column's labels that are neither its time nor its place ("Trước hợp nhất / Tỉnh Đắk Nông (cũ)"
    says when and where, and those are the cell's period and area)."""
    return [label for label in meaningful_column_labels(column_path) if _distinguishes(label)]


@lru_cache(maxsize=4096)
def _distinguishes(label: str) -> bool:
    """(read once per label, not once per cell)"""
    return not places_in_label(label) and period_of_label(label, None, (dt.date.min, dt.date.min)) is None \
        and not CHANGE_COLUMN_RE.match(label)


def meaningful_column_labels(column_path: list[str]) -> list[str]:
    """The column's labels without dates and generic words ("Số lượng", "Tổng số")."""
    labels = []
    for label in column_path:
        label = _DATE_PHRASE_RE.sub("", label).strip(" /")
        if label and label.lower() not in GENERIC_LABELS and not YEAR_ONLY_RE.fullmatch(label):
            labels.append(label)
    return labels


TOTAL_ROW_RE = re.compile(r"^(?:cộng|tổng cộng|tổng số|tổng(?=\s*$)|toàn tỉnh|toàn huyện|chung)\b[^/]*$", re.IGNORECASE)


def breakdown_of(row: BodyRow) -> dict[str, str]:
    """Named dimensions where the label is one ({"sex": "nữ"}), else {"row": path}; the
    parent rows stay in "row" when they are more than a generic total or dimension name."""
    if row.parent is None and TOTAL_ROW_RE.match(row.label):
        return {}  # "Cộng", "Tổng cộng", "Toàn tỉnh": the whole, the series' own total
    parent_label = row.parent.label if row.parent else None
    named = named_breakdown(row.label, parent_label) if not row.is_marker else {}
    if not named:
        return {"row": row.path_text}
    context_rows = [
        label for label in row.path[:-1]
        if label.lower() not in GENERIC_LABELS and not dimension_of_parent(label)
        and not re.match(r"^(tổng|cộng)", label.lower())
    ]
    if context_rows:
        named["row"] = " / ".join(context_rows)
    return named


def broken_cell(context: TableContext, row: BodyRow, column: int) -> ExtractionWarning:
    text = row.row.text(column)
    return ExtractionWarning(
        line=row.line,
        code="broken_cell",
        message=(f"{context.name}, hàng «{row.path_text}», cột «{' / '.join(context.header.path(column))}»: "
                 f"ô lỗi bảng tính {text}, không đọc thành số"),
        quote=f"{row.label} | {text}",
    )


def marker_row_values(context: TableContext, row: BodyRow) -> ExtractionWarning:
    values = " ".join(row.row.text(column) for column in sorted(row.values))
    return ExtractionWarning(
        line=row.line,
        code="marker_row_values",
        message=(f"{context.name}: hàng «{row.label}» chỉ mở danh sách con; số trong đó ({values}) không lưu / "
                 f"a row that only opens its sub-rows: its figures are not stored"),
        quote=f"{row.label} | {values}",
    )


def unreadable_cell(context: TableContext, row: BodyRow, column: int) -> ExtractionWarning:
    text = row.row.text(column)
    return ExtractionWarning(
        line=row.line,
        code="unreadable_cell",
        message=f"{context.name}, hàng «{row.path_text}»: ô «{text}» có chữ số nhưng không phải một số",
        quote=f"{row.label} | {text}",
    )


def not_understood(table: RawTable, reason: str) -> ExtractionWarning:
    return ExtractionWarning(
        line=table.rows[0].line,
        code="table_not_understood",
        message=f"{table.name} (dòng {table.rows[0].line}-{table.rows[-1].line}): {reason}",
        quote=table.rows[0].clean_text,
    )
