"""When a table cell holds: its column's time, a row that is a time ("2021"), the section row's, the caption's; a
column of the change between dated columns runs between them; a catalogue count under a past year's column
holds at the year's end, under another period (no term's) at its end; a former unit's column at its merger's eve.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from .facts import Fact
from .table_series import column_change
from .table_vocabulary import column_side, period_of_label
from .phrases import fold
from .places import places_in_label
from .timeexpr import find_time_expressions
from .timespans import TimeSpan, change_start, change_starts_after, is_calendar_year, load_terms
from .vocabulary import catalogue_kind

if TYPE_CHECKING:
    from .table_rows import BodyRow
    from .tables import TableContext

def column_period(column_path: list[str], caption_period, report_date, rearrangement) -> tuple[dt.date, dt.date] | None:
    """A column's own time: its most specific label's, else its side of a change within the caption's period."""
    return _labelled_period(column_path, report_date, rearrangement) or _former_units_eve(column_path, rearrangement) \
        or _side_within(column_path, caption_period, report_date)


def _former_units_eve(column_path: list[str], rearrangement) -> tuple[dt.date, dt.date] | None:
    """"Xã Nhơn Ái (cũ)", "Tỉnh Hà Giang (cũ)" as a column of a report on their merger: counted on its eve."""
    eve = rearrangement[0] if rearrangement else None
    if eve is None or not any(place.former for label in column_path for place in places_in_label(label)):
        return None
    return eve, eve


def columns_dated_by_the_note(note: str, header, column_periods: list, report_date) -> None:
    """"Ghi chú: Số có mặt năm 2018 tính đến thời điểm 30/9/2018": a note under a table that names a column's own
    label and a day dates that column's counts within their period at that day."""
    days = [m.span.start for m in find_time_expressions(note, reference_date=report_date)
            if m.span.is_stock and m.span.start and not m.is_comparison]
    if len(days) != 1:
        return
    day = (days[0], days[0])
    folded = fold(note)
    for c, period in enumerate(column_periods):
        labels = header.path(c)
        named = labels and len(labels[-1]) >= 4 and fold(labels[-1]) in folded
        if named and period and period[0] <= day[0] <= period[1] and period[0] != period[1]:
            column_periods[c] = day


def _labelled_period(column_path: list[str], report_date, rearrangement) -> tuple[dt.date, dt.date] | None:
    for label in reversed(column_path):  # the most specific label first
        period = period_of_label(label, report_date, rearrangement)
        if period:
            return period
    return None


def _side_within(column_path: list[str], period, report_date) -> tuple[dt.date, dt.date] | None:
    """"Trước sắp xếp" / "Sau sắp xếp" under a caption's period ("... giai đoạn 2023-2025") the report dates no
    rearrangement of: the counts at the period's start and at its end (the report's day, if that comes first)."""
    side = column_side(column_path)
    if side is None or period is None or period[0] == period[1]:
        return None
    if side == "before":
        return period[0], period[0]
    end = min(period[1], report_date) if report_date else period[1]
    return end, end


@lru_cache(maxsize=1024)
def _compared_with(labels: tuple[str, ...], report_date) -> TimeSpan | None:
    """The base a column's labels compare with ("So sánh với năm 2015"); read once per column, not per cell."""
    for label in reversed(labels):
        for match in find_time_expressions(label, reference_date=report_date):
            if match.is_comparison and match.span.end:
                return match.span
    return None


def cell_period(context: TableContext, column: int, row: BodyRow, report_date):
    """The most specific date wins: the column's, then the row's own (a row that is a year), then the row
    section's, then the caption's; a column's relative "trong năm" is the row's year. A column of
    the change between others ("Giảm" beside "Năm 2015" and "Năm 2021") runs from the day after the first
    count to the last."""
    own = context.column_periods[column] if column < len(context.column_periods) else None
    labels = context.header.path(column)
    if column_change(labels) and (own is None or own[0] == own[1]):
        dated = [p for c, p in enumerate(context.column_periods) if p and c != column]
        base = _compared_with(tuple(labels), report_date)
        if base and dated:  # "So sánh với năm 2015 | Số giảm": from the base, as "so với năm 2015" reads in prose
            return change_start(base), max(p[1] for p in dated)
        if len(dated) >= 2:
            # from the day after the first count ("Năm 2015" counts at its end) to the last count
            first, last = min(p[1] for p in dated), max(p[1] for p in dated)
            return (change_starts_after(first) if first < last else first), last
    if row.own_period and not (own and any(re.search(r"(?:19|20)\d{2}", label) for label in labels)):
        return row.own_period  # years as rows ("2021", "2022" down the table); "trong năm" is the row's year
    if own:
        return own
    if row.period:
        return row.period
    return report_date, report_date


# Counts a year's column in the report's own year gives for all of that year: what was allotted for it
ALLOTTED_FOR_THE_YEAR = frozenset({"staff.payroll_assigned"})


def count_at_its_periods_end(fact: Fact, report_date) -> None:
    """A count of the catalogue under a past year's column ("Năm 2015 | Năm 2021" of public service units) is the
    count at the year's end, as "Năm 2015 có 714 đơn vị" reads; under the report's own year, the count on the
    day its figures are counted, save a quota allotted for the whole year. Under any other period but a term's
    ("Từ ngày 01/01/2020 đến nay" over the table), the count at its end."""
    start, end = fact.period_start, fact.period_end
    if start is None or end is None or start == end or catalogue_kind(fact.indicator_code) != "stock":
        return
    if not is_calendar_year(start, end):
        if report_date is not None and start > report_date:
            return  # "Giai đoạn 2026-2030" in a report of 2025: a plan's, not a count of the report's day
        if not any(term.start == start for term in load_terms()):  # (a term's column holds over the term)
            fact.period_start = fact.period_end = min(end, report_date) if report_date else end
        return
    if report_date is None or end < report_date:
        fact.period_start = end
    elif fact.indicator_code not in ALLOTTED_FOR_THE_YEAR and start <= report_date:
        fact.period_start = fact.period_end = report_date  # "Năm 2018 / Có mặt" in a report of 2018: counted at its date
