"""When a goal and an election hold: a goal's horizon ("đến năm 2025", "từ nay đến năm 2026", a reduction
"so với năm 2021" over the span from its base), else from the document that set it to the end of the term;
an election's results at its day. Read by timing._shaped for the numbers it finds to be goals or results.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import replace
from typing import TYPE_CHECKING

from ..lexicon import CHANGE
from ..timespans import TimeMatch, TimeSpan, current_term
from .changes import of_the_same_period
from .context import ParagraphText

if TYPE_CHECKING:
    from .timing import When

NAMED_TERM_RE = re.compile(r"nhiệm\s+kỳ\s+(?:19|20)\d\d", re.IGNORECASE)
EVENT_RE = re.compile(r"(?<!\w)(?:bầu\s+cử|đại\s+hội(?!\s+đồng)|hội\s+nghị)(?!\w)")


def goal_span(w: When, span: TimeSpan | None, after: TimeSpan | None) -> TimeSpan | None:
    """A goal's own horizon ("đến năm 2025", "từ nay đến năm 2026"); else it runs from the document
    that set it (cited in its sentence) to the end of the term."""
    goal = _goal_horizon(w, span, after)
    base = _goal_base(w) if goal is not None and goal.end and _is_a_change(w) else None
    if base is not None and base < goal.end and (goal.is_stock or goal.start is None or goal.start < base):
        # "đến năm 2025 giảm tối thiểu 10% đơn vị ... so với năm 2021": a reduction over the span, not a level;
        # a goal of the term measured from a later year runs from that year
        return TimeSpan(base, goal.end, False, True)
    ref = w.doc.reference_date
    if base is None and goal is not None and goal.is_stock and goal.end and ref and ref < goal.end and _is_a_change(w):
        # "phấn đấu đến năm 2027 giảm khoảng 15% số thôn": a change from the report's day to the horizon
        return TimeSpan(ref, goal.end, False, True)
    if goal is not None and not goal.is_stock and w.r.kind == "stock" and not w.r.is_percent and not _is_a_change(w):
        # a level to reach is a count at the horizon: "từ 1/7/2025 tỉnh sẽ có 96 xã, phường" that day, "phấn đấu đến hết
        # nhiệm kỳ 100% thôn có chi bộ" at the end
        day = goal.start if goal.from_only else goal.end
        return TimeSpan(day, day, True, True) if day else goal
    return goal


def _is_a_change(w: When) -> bool:
    """A number a verb of change governs ("giảm tối thiểu 10%"), or a flow."""
    r = w.r
    return r.kind == "flow" or r.change is not None or any(
        term is not None and term.role == CHANGE for term in (r.meaning_term, r.governor))


def _goal_base(w: When) -> dt.date | None:
    """The base a goal's change is measured from: "so với năm 2021" later in its sentence, before the next
    clause that is not part of the same list (";", ".")."""
    stop = w.p.masked.find(";", w.r.end, w.sentence.end)
    end = stop if stop >= 0 else w.sentence.end
    times = w.p.times
    for t in times[bisect_left(w.p.time_starts, w.r.end):bisect_left(w.p.time_starts, end)]:
        if t.is_comparison and t.span.start and not of_the_same_period(w.p.masked, t):
            return t.span.start
    return None


def _goal_horizon(w: When, span: TimeSpan | None, after: TimeSpan | None) -> TimeSpan | None:
    r, ref = w.r, w.doc.reference_date
    if after is not None and after.is_target:
        return after
    own = w.in_sentence_between(w.clause_start, r.start)
    if own and not own[-1].span.is_stock or own and own[-1].span.is_target:
        return replace(own[-1].span, is_target=True)
    bracket = w.p.structure.enclosing_bracket(r.start)
    if bracket is not None and span is not None and not span.is_stock and any(
            t.span == span and not t.is_comparison for t in w.p.times_right_before(bracket)):
        return replace(span, is_target=True)  # "chỉ tiêu kết nạp năm 2019 (4.000 đảng viên)"
    if span is not None and span.is_target:
        return span
    heading = [t for t in w.in_sentence_between(w.sentence.start, r.start) if t.span.is_target]
    if heading:
        return heading[-1].span  # "Đến năm 2025: giảm ... (dự kiến còn 598 đơn vị)": the horizon its sentence opens with
    first = w.p.first_number_from(w.sentence.start)
    opening = [t for t in w.in_sentence_between(w.sentence.start, first.start if first else r.start)
               if not t.is_date_only and t.span.start and (t.span.is_stock or t.span.from_only)]
    if opening:
        # "Từ 1/7/2025, tỉnh ... sẽ có 96 đơn vị": the time the sentence opens with, before its first number
        return replace(opening[-1].span, is_target=True)
    section = w.doc.section_period
    if w.para.in_goal_section and section is not None and section.is_target:
        return section
    if w.doc.planned_period is not None:
        return w.doc.planned_period  # "Theo Đề án, tỉnh sắp xếp 16 đơn vị" in a report on the plan for 2019-2021
    term = current_term(ref)
    cited = [t.span.start for t in w.p.times_between(w.sentence.start, w.sentence.end) if t.is_date_only]
    key = (r.family or "", r.value)
    if term is None:
        return span
    start = max(cited) if cited else w.doc.goals.get(key) or term.start
    w.doc.goals.setdefault(key, start)
    return TimeSpan(start, term.end, False, True)


def event_day(w: When, span: TimeSpan | None) -> dt.date | None:
    """Results of an election held on a day are counts at that day: a day stated with the event earlier in
    the paragraph or the section, else the first day of the term it names (its election day)."""
    dates, starts = _event_dates(w.p)
    i = bisect_left(starts, w.r.start)
    if i:
        w.doc.election_day = dates[i - 1].span.start  # "Kết quả bầu cử ngày 23/5/2021: ...": and what follows
        return dates[i - 1].span.start
    if w.doc.election_day is not None:
        return w.doc.election_day
    for candidate in (span, w.doc.election_term):
        if candidate is not None and not candidate.is_stock and NAMED_TERM_RE.search(candidate.label) \
                and candidate.start:
            return candidate.start
    return None


def _event_dates(p: ParagraphText) -> tuple[list[TimeMatch], list[int]]:
    """The days of the paragraph stated with an event before them, and their starts (read once per paragraph)."""
    if "event dates" not in p.memo:
        dates = [t for t in p.times if t.is_date_only and t.span.start
                 and EVENT_RE.search(p.masked[max(0, t.start - 120):t.start])]
        p.memo["event dates"] = (dates, [t.start for t in dates])
    return p.memo["event dates"]
