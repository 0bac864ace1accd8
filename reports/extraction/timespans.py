"""What a time is once read: the span a number holds over (`TimeSpan`), where it was read (`TimeMatch`),
the terms of office, and the calendar of counts and changes (a count holds at the close of its day, a change
runs from the day after). `timeexpr` reads these out of the text; every layer reasons with them.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

TERMS_PATH = Path(__file__).resolve().parents[2] / "indicators" / "data" / "terms.json"
# Resolution 202/2025/QH15: 63 provinces became 34 and the district level ended on this day.
REFORM_DATE = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class TimeSpan:
    """When a number holds. A stock has start == end; a target is a goal, not an achievement.

    `open_start` marks "đến nay"/"hiện nay": a moment that a flow may read as the end of a
    period whose start comes from the surrounding text.
    """

    start: dt.date | None
    end: dt.date | None
    is_stock: bool
    is_target: bool = False
    open_start: bool = False
    label: str = ""
    # "thời gian thực hiện từ tháng 6/2018": only a beginning is stated; a count (a stock) read
    # with it holds at that beginning, a change runs from it up to the reference date
    from_only: bool = False
    # "giảm từ 187 (năm 2015) xuống còn 141": the count of a whole year, held at its end; a change from it
    # runs from that year, as "so với năm 2015" does
    of_year: bool = False
    # a change's: the day of the count it is measured from ("so với năm 2015": the count of 2015, at its end),
    # where that is not its first day
    base: dt.date | None = None

    def as_flow_ending(self, start: dt.date | None) -> "TimeSpan":
        return replace(self, start=start, is_stock=False, open_start=False)


@dataclass(frozen=True)
class TimeMatch:
    start: int  # character offsets of the expression in the searched text
    end: int
    span: TimeSpan
    is_comparison: bool = False  # "so với năm 2015": a base of comparison, not the fact's time
    is_date_only: bool = False  # a bare date (often a document's date): not a period of a fact


@dataclass(frozen=True)
class Term:
    kind: str
    label: str
    start: dt.date
    end: dt.date


@lru_cache(maxsize=4)
def load_terms(path: str | None = None) -> tuple[Term, ...]:
    data = json.loads(Path(path or TERMS_PATH).read_text(encoding="utf-8"))
    return tuple(
        Term(t["kind"], t["label"], dt.date.fromisoformat(t["start"]), dt.date.fromisoformat(t["end"]))
        for t in data["terms"]
    )


def current_term(reference_date: dt.date | None, kind: str = "party_congress") -> Term | None:
    """The term of `kind` that contains the reference date."""
    if reference_date is None:
        return None
    for term in load_terms():
        if term.kind == kind and term.start <= reference_date <= term.end:
            return term
    return None


def congress_term_opened_in(year: int) -> Term | None:
    """The party-congress term whose congresses met in `year` ("Đại hội ... (tháng 7/2015)": 2015-2020)."""
    return next((t for t in load_terms() if t.kind == "party_congress" and t.start.year == year), None)


def term_by_label(first_year: int, last_year: int) -> Term | None:
    """'2020-2025' is a party-congress term, '2021-2026' a People's Council term."""
    label = f"{first_year}-{last_year}"
    for term in load_terms():
        if term.label == label:
            return term
    return None


def change_starts_after(count_day: dt.date) -> dt.date:
    """The first day of a change measured from a count: a count at a month's end ("31/12/2015", "Năm 2015")
    is the state at the close of that day, so the change starts the next; a count at "01/01/2019" is the
    state as the day opens, so the change starts with it."""
    following = count_day + dt.timedelta(days=1)
    return following if following.day == 1 else count_day


def is_calendar_year(start: dt.date | None, end: dt.date | None) -> bool:
    """From 01/01 to 31/12 of one year ("năm 2015")."""
    return bool(start and end and start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31))


def one_calendar_year(span: TimeSpan) -> bool:
    """A period that is one calendar year (not a moment)."""
    return not span.is_stock and is_calendar_year(span.start, span.end)


def change_start(base: TimeSpan) -> dt.date:
    """The first day of a change measured from the count held over `base`: the year of a year's count
    ("từ 187 (năm 2015)", like "so với năm 2015"), else the day after a count's moment."""
    if base.of_year or one_calendar_year(base):
        return dt.date(base.end.year, 1, 1)  # a year's count, or the year itself ("So sánh với năm 2015")
    return change_starts_after(base.end)


def from_count(base: TimeSpan, end: dt.date | None) -> TimeSpan:
    """The change from the count held over `base` (a moment, or a year's count) up to `end`."""
    return TimeSpan(change_start(base), end, False, base=base.end)


# The years a report's number can be about: outside them a "năm 0000" or a misread figure, no date.
MIN_YEAR, MAX_YEAR = 1900, 2100


def plausible_year(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not plausible_year(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
