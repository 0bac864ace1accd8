"""The times of a change's parts, for timing._shaped: the counts on either side of a change ("giảm từ 187
(năm 2015) xuống còn 141"), the base it is measured from ("so với năm 2015", "So với năm 2015 (1.012 đơn
vị), ... giảm 197"), and the span a change read with a moment runs over ("đến nay", "tính đến 30/6").
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import TYPE_CHECKING

from ..timeexpr import REARRANGING
from ..timespans import TimeSpan, change_starts_after, one_calendar_year
from .context import KeyedPattern, Reading

if TYPE_CHECKING:
    from .timing import When

# "trước (khi) sắp xếp", "thuộc diện sắp xếp" (the units a rearrangement takes, counted before it)
BEFORE_MARK_RE = KeyedPattern(
    rf"(?<!\w)(?:trước\s+(?:khi\s+)?(?:thực\s+hiện\s+)?|thuộc\s+diện\s+(?:phải\s+)?){REARRANGING}", ("trước", "thuộc"))
AFTER_MARK_RE = KeyedPattern(rf"(?<!\w)(?:sau\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}|dôi\s+dư)", ("sau", "dôi"))


def periods_alike(span: TimeSpan, base: TimeSpan) -> bool:
    """"Năm 2016 kết nạp 2.742 đảng viên, tăng 158 so với năm 2015": a year's flow compared with the year
    before's, so the difference is the year's, not a change since 2015."""
    if span.is_stock or base.is_stock or not (span.start and span.end and base.start and base.end):
        return False
    return abs((span.end - span.start).days - (base.end - base.start).days) <= 3


def follows_a_flow_of_its_period(w: When, span: TimeSpan) -> bool:
    """The sentence counted a flow over the same period before ("kết nạp 2.742 đảng viên, tăng 158 ..."), not a
    level ("năm 2021 là 30.995 người, giảm 3.565 người so với năm 2015": a change since 2015)."""
    earlier = [x for x in w.p.readings if x.end <= w.r.start and x.sentence is w.r.sentence and x.family == w.r.family
               and not x.is_percent and not x.is_target and x is not w.r]
    return bool(earlier) and earlier[-1].kind == "flow" and earlier[-1].span is not None \
        and (earlier[-1].span.start, earlier[-1].span.end) == (span.start, span.end)


def comparison_base(w: When) -> TimeSpan | None:
    """The base a change is measured against, right after it in its clause: "so với năm 2015" (from that
    year), "so với thời điểm 31/12/2018" (from the day after). "so với cùng kỳ" compares two periods: the
    change stays the current period's."""
    times = w.p.times
    after = [t for t in times[bisect_left(w.p.time_starts, w.r.end):bisect_left(w.p.time_starts, w.clause_end)]
             if t.is_comparison and w.r.end <= t.start < w.clause_end
             and _nothing_counted_before_the_base(w.p.masked[w.r.end:t.start])]
    # "So với năm 2015 (1.012 đơn vị), số đơn vị ... đã giảm 197 đơn vị": a base opening the sentence, or a moment
    # opening the clause after a semicolon ("...; so với thời điểm 31/12/2019 (1.506 tổ chức), giảm 45 tổ chức";
    # not "; so với năm 2022 (kết nạp 1.071 đảng viên) tăng 57": two years' admissions compared)
    opening = []
    for lead in sorted({w.p.structure.clause_start(w.r.start), w.sentence.start}, reverse=True):
        before = times[bisect_left(w.p.time_starts, lead):bisect_left(w.p.time_starts, w.r.start)]
        opening = opening or [t for t in before if t.is_comparison and SENTENCE_BASE_RE.match(w.p.masked[lead:t.start])
                              and (lead == w.sentence.start or t.span.is_stock)]
    for t in (after or opening)[:1]:
        if of_the_same_period(w.p.masked, t) or t.span.start is None:
            return None
        if t.span.is_stock:
            return TimeSpan(change_starts_after(t.span.start), t.span.start, True)
        return t.span
    return None


def _nothing_counted_before_the_base(gap: str) -> bool:
    """Between a change and its base stand no other counts: only the whole it is a part of, its share ("giảm 68
    biên chế (3,23%) so với năm 2015", "giảm 398 cơ quan, bằng 25,13% so với ...") and the base's own count ("so
    với tổng số 1.584 đầu mối năm 2015")."""
    gap = re.sub(r"^\s*/\s*[\d.,]+", "", gap)  # the whole of a ratio ("giảm 284/2.812 biên chế so với ...")
    lead = BASE_LEAD_RE.search(gap)
    return not re.search(r"\d", SHARE_OF_THE_CHANGE_RE.sub("", gap[:lead.start()] if lead else gap))


def of_the_same_period(masked: str, t) -> bool:
    """"so với cùng kỳ năm 2022": a comparison of two periods alike, not a base a change runs from."""
    return "cùng kỳ" in masked[max(0, t.start - 25):t.end]


# "giảm 68 biên chế (3,23%) so với năm 2015": the change's share between it and its base
SHARE_OF_THE_CHANGE_RE = re.compile(r"\((?:tỷ\s+lệ\s+(?:giảm\s+|tăng\s+)?)?[\d.,\s]+%\)|"
                                    r"(?:bằng|chiếm|tỷ\s+lệ(?:\s+giảm|\s+tăng)?)\s+[\d.,]+\s*%", re.IGNORECASE)
BASE_LEAD_RE = re.compile(r"so\s+(?:sánh\s+)?với(?!\w)(?!.*so\s+(?:sánh\s+)?với)", re.IGNORECASE | re.DOTALL)
SENTENCE_BASE_RE = re.compile(r"^[\W\d_]*(?:so\s+với|so\s+sánh\s+với)\s+(?:thời\s+điểm\s+)?$", re.IGNORECASE)


def marked(w: When) -> bool:
    """"trước sắp xếp có 209 xã; sau sắp xếp còn 192 xã", "22 huyện có đơn vị thuộc diện sắp xếp"."""
    if w.r.kind != "stock" or w.r.is_percent:
        return False
    text = phrase_marks(w)
    return bool(BEFORE_MARK_RE.search(text) or AFTER_MARK_RE.search(text))


def phrase_marks(w: When) -> str:
    """The clause before the number and its own phrase after it (up to a comma): where "trước/sau sắp xếp",
    "thuộc diện sắp xếp", "dôi dư" say which side of a rearrangement a count is on."""
    after = w.p.masked[w.r.end:w.clause_end]
    stop = re.search(r"[,;()]|\d", after)
    return w.p.masked[w.clause_start:w.r.start] + " | " + (after[:stop.start()] if stop else after)


def side_of_a_change(w: When, span: TimeSpan | None) -> TimeSpan | None:
    """The count before a change at the change's start, the count after it at its end (the report's
    own dates of its rearrangement first)."""
    ref = w.doc.reference_date
    own = w.own and span is not None and span.is_stock and not span.open_start and not w.r.before_change
    text = phrase_marks(w)
    if not own and BEFORE_MARK_RE.search(text) and w.doc.before_rearrangement:
        return TimeSpan(w.doc.before_rearrangement, w.doc.before_rearrangement, True)
    if not own and AFTER_MARK_RE.search(text) and w.doc.after_rearrangement:
        return TimeSpan(w.doc.after_rearrangement, w.doc.after_rearrangement, True)
    since = w.doc.section_since
    if not own and AFTER_MARK_RE.search(text) and since is not None and since.end and not since.from_only:
        # "Sau sắp xếp, toàn tỉnh còn 161 đơn vị" in a section that dated its rearrangement: at its end
        return TimeSpan(since.end, since.end, True)
    sides = (w.doc.before_rearrangement, w.doc.after_rearrangement)
    if not own and w.r.family == "admin_units" and all(sides) and (w.r.before_change or w.r.after_change):
        # "Toàn tỉnh giảm từ 129 xuống còn 45 đơn vị hành chính cấp xã" in a report on a rearrangement of units
        day = sides[0] if w.r.before_change else sides[1]
        return TimeSpan(day, day, True)
    numerator = w.r.number.numerator
    if w.r.before_change and numerator is not None:
        cut = next((x for x in w.p.readings if x.number is numerator), None)
        if cut is not None and cut.span is not None and cut.span.start:
            day = cut.span.base or cut.span.start  # "giảm 25/38": the 38 at the cut's start, or at its base's count
            return TimeSpan(day, day, True)
    if span is not None and span.is_stock and not span.open_start and (w.own or not w.r.before_change):
        return span  # its own moment ("thời điểm 01/01/2020 là 166"), or the moment a list's lead states
    if w.own and span is not None and one_calendar_year(span):
        day = min(span.end, ref) if ref else span.end  # "giảm từ 187 (năm 2015)": the count of that year, at its end
        return TimeSpan(day, day, True, of_year=day == span.end)
    # the change the count is a side of: its own period, else the change its paragraph or its list's lead dated
    changes = w.para.last_change
    frames = (span, changes.get(w.r.family or "-"), w.para.lead_span, changes.get(""), w.para.opening_span,
              w.doc.section_period, w.doc.reporting_period)
    period = next((f for f in frames if f is not None and not f.is_stock), None)  # (a moment is no change's period)
    if w.r.before_change and period is not None and period.start:
        day = period.base or period.start  # the count a change is measured from ("so với năm 2015": 2015's)
        return TimeSpan(day, day, True)
    before = w.r.before_change or BEFORE_MARK_RE.search(w.p.masked[w.clause_start:w.r.start])
    if period is None and before and w.doc.before_rearrangement:
        # "giảm từ 2.203 xuống còn 2.046 đơn vị" in a report on a rearrangement: before it
        return TimeSpan(w.doc.before_rearrangement, w.doc.before_rearrangement, True)
    if period is None or (not before and period.end is None):
        day = ref if not before else None
        return TimeSpan(day, day, True) if day else None
    day = period.start if before else min(period.end, ref) if ref and period.end else period.end
    return TimeSpan(day, day, True)


def flow_ending_at(w: When, moment: TimeSpan) -> TimeSpan | None:
    """A change read with a moment ("đến nay", "tính đến 30/6") runs up to it from the nearest earlier
    anchor: an earlier moment of its sentence, else the period framing it (paragraph, footnote marker,
    section, document), else, for a moment of the report's year, that year's first day."""
    earlier = next((t.span.end for t in w.in_sentence_between(w.sentence.start, w.r.start) if t.span.is_stock
                    and t.span.end and moment.end and t.span.end < moment.end and not t.span.open_start), None)
    if earlier is not None:
        return TimeSpan(change_starts_after(earlier), moment.end, False)
    marker = w.para.marker.span if w.para.marker is not None else None
    frames = (w.para.opening_span, marker, w.doc.section_since, w.doc.section_period, w.doc.reporting_period)
    frame = next((f for f in frames if f is not None and not f.is_stock), None)
    if frame is not None and frame.start and moment.end and frame.start < moment.end:
        return TimeSpan(frame.start, moment.end, False)
    if moment.end is None:
        return None
    return TimeSpan(dt.date(moment.end.year, 1, 1), moment.end, False)


def date_wholes_by_their_parts(readings: list[Reading]) -> None:
    """"đã giải quyết cho 5.284 người; trong đó, trước hợp nhất ... 2.106 người, ...; từ ngày 01/7/2025 đến nay
    1.333 người": an undated change whose parts are dated runs over all of theirs."""
    for r in readings:
        if r.kind != "flow" or r.is_target or (r.span is not None and r.span.end is not None):
            continue
        parts = [x.span for x in readings if x.head is r and x.span is not None and x.span.start and x.span.end
                 and not x.span.is_stock]
        if parts:
            r.span = TimeSpan(min(s.start for s in parts), max(s.end for s in parts), False)
