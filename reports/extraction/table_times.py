"""When a table cell holds: its column's time, a row that is a time ("2021"), the section row's, the caption's; a
column of the change between dated columns runs between them; a catalogue count under a past year's column
holds at the year's end.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from .facts import Fact
from .table_series import column_change
from .table_vocabulary import column_side, period_of_label
from .timespans import change_starts_after
from .vocabulary import catalogue_by_code

if TYPE_CHECKING:
    from .table_rows import BodyRow
    from .tables import TableContext

def column_period(column_path: list[str], caption_period, report_date, rearrangement) -> tuple[dt.date, dt.date] | None:
    """A column's own time: its most specific label's, else its side of a change within the caption's period."""
    return _labelled_period(column_path, report_date, rearrangement) or _side_within(column_path, caption_period, report_date)


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


def cell_period(context: TableContext, column: int, row: BodyRow, report_date):
    """The most specific date wins: the column's, then the row's own (a row that is a year), then the row
    section's, then the caption's; a column's relative "trong năm" is the row's year. A column of
    the change between others ("Giảm" beside "Năm 2015" and "Năm 2021") runs from the day after the first
    count to the last."""
    own = context.column_periods[column] if column < len(context.column_periods) else None
    labels = context.header.path(column)
    if column_change(labels) and (own is None or own[0] == own[1]):
        dated = [p for c, p in enumerate(context.column_periods) if p and c != column]
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


def count_at_the_years_end(fact: Fact, report_date) -> None:
    """A count of the catalogue under a past year's column ("Năm 2015 | Năm 2021" of public service units) is the
    count at the year's end, as "Năm 2015 có 714 đơn vị" reads."""
    start, end = fact.period_start, fact.period_end
    if not (start and end and start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31)):
        return
    if catalogue_by_code().get(fact.indicator_code or "", {}).get("kind") != "stock":
        return
    if report_date is None or end < report_date:  # (the report's own year may be a quota for all of it: left a year)
        fact.period_start = end
