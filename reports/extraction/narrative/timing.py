"""Layer 5: when each number holds.

A stock holds at a moment, a flow over a span between two anchors; a goal at its horizon. The
time of a number is found by `TIME_RULES`, tried in order (the first that answers decides): from
the number's own words (the count a share is of, the dated counts a change follows, a time in its
clause) out to its list, sentence, paragraph, footnote marker, section and the document's reporting
period. Then the span is shaped to what the number is: a stock read with a period holds at the
period's end, a flow read with a moment runs up to it from the nearest earlier anchor, the counts
before and after a change sit at its ends. A flow that no rule dates is not dated by a guess.
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from typing import Callable

from ..lexicon import REARRANGE
from ..timespans import TimeMatch, TimeSpan, change_starts_after, from_count, one_calendar_year
from . import changes, horizons
from .horizons import NAMED_TERM_RE
from .context import DocumentContext, KeyedPattern, ParagraphContext, ParagraphText, Reading

LEVEL_REACHED_RE = KeyedPattern(r"(?<!\w)(?:nâng|tăng)(?!\w)[^;.]{0,80}(?<!\w)lên\s*$|"
                                r"(?<!\w)nâng\s+tổng\s+số(?!\w)[^;.,()]{0,80}$", ("lên", "nâng"))
CONGRESS_RE = KeyedPattern(r"(?<!\w)đại\s+hội(?!\s+đồng)", ("đại",))


class When:
    """The times a number can be read with, computed once per number."""

    def __init__(self, p: ParagraphText, r: Reading, doc: DocumentContext, para: ParagraphContext):
        self.p, self.r, self.doc, self.para = p, r, doc, para
        self.clause_start = p.structure.clause_start(r.start)
        self.clause_end = p.structure.clause_end(r.start)
        sentence = p.structure.sentence_of(r.start)
        self.sentence = sentence
        self.usable = p.usable_times
        self.own = False  # the time found is the number's own (in its clause), not its context's
        self.in_sentence = self.in_sentence_between(sentence.start, sentence.end)

    def in_sentence_between(self, a: int, b: int) -> list[TimeMatch]:
        """The usable times of the number's sentence starting within [a, b), by bisection: a sentence may hold
        hundreds of numbers and times, so none of them filters all of them."""
        starts = self.p.usable_time_starts
        a, b = max(a, self.sentence.start), min(b, self.sentence.end)
        return self.usable[bisect_left(starts, a):bisect_left(starts, b)] if a < b else []


Rule = Callable[[When], TimeSpan | None]


def between_counts_of_its_series(w: When) -> TimeSpan | None:
    """"Năm 2015 được giao 3.062 biên chế; năm 2018 được giao 2.912 biên chế, giảm 150 biên chế": a change
    stated right after a dated count, with an earlier count of the same series in its sentence, runs
    between them (from the day after the first)."""
    r, p = w.r, w.p
    if r.kind != "flow" or r.is_percent:
        return None
    # the sentence's counts before it, walked back from it (p.readings is its sentence's, left to right)
    done = (x for x in reversed(p.readings[:bisect_left(p.readings, r.start, key=_start)]) if x.end <= r.start)

    def is_count(x: Reading) -> bool:
        return x.kind == "stock" and not x.is_percent and x.span is not None and x.span.end \
            and x.family == r.family and x.code

    last = next(done, None)
    if last is None or not is_count(last) or re.search(r"[;.]", p.text[last.end:r.start]) or last.before_change:
        return None  # (not after the base of a comparison: "so với thời điểm 31/12/2019 (1.506 tổ chức), giảm 45")
    earlier = next((x for x in done if is_count(x) and x.code == last.code and x.span.end < last.span.end), None)
    if earlier is None:
        return None
    return from_count(earlier.span, last.span.end)


def _start(x: Reading) -> int:
    return x.start


_BASE_LEAD_RE = re.compile(r"so\s+(?:sánh\s+)?với\s+(?:[^\d,;.:()]{0,40})$", re.IGNORECASE)


def base_count_time(w: When) -> TimeSpan | None:
    """"bằng 25,13% so với tổng số 1.584 đầu mối năm 2015": a count written inside the base of a comparison is
    the base's count, at its moment (a year's count at the year's end)."""
    p, r = w.p, w.r
    if r.kind != "stock" or r.is_percent \
            or not _BASE_LEAD_RE.search(p.masked, max(w.clause_start, r.start - 60), r.start):
        return None
    t = next((t for t in p.times_between(r.end, w.clause_end) if t.is_comparison and t.span.end), None)
    if t is None or re.search(r"\d", p.masked[r.end:t.start]):
        return None
    return t.span if t.span.is_stock else TimeSpan(t.span.end, t.span.end, True, of_year=True)


def own_time_before(w: When) -> TimeSpan | None:
    """The nearest time expression before the number in its clause ("thời điểm 31/12/2023 là 144"), not
    one in brackets explaining another count ("từ 689 đơn vị (năm 2015) xuống còn 512"); for a number in
    brackets, else the time just before the brackets ("thời điểm 31/12/2018 (1.564 tổ chức)", "so với năm
    2015 (34.560 người)": a base's value is dated by it) or in the clause that opens them."""
    p, r = w.p, w.r
    before = next((t for t in reversed(w.in_sentence_between(w.clause_start, r.start))
                   if not _owned_by_another(p, r, t)), None)
    if before is not None:
        return before.span
    bracket = p.structure.enclosing_bracket(r.start)
    if bracket is None or re.search(r"\d", p.masked[bracket + 1:r.start]):
        return None
    # the last time written right before the brackets (only blanks between)
    right_before = next((t for t in p.times_right_before(bracket) if not t.is_date_only), None)
    if right_before is not None:
        return right_before.span
    outer = p.structure.clause_start(bracket)
    starts = p.usable_time_starts
    enclosing = [t for t in w.usable[bisect_left(starts, outer):bisect_left(starts, bracket)]
                 if not _owned_by_another(p, r, t)]
    return enclosing[-1].span if enclosing else None


def _owned_by_another(p: ParagraphText, r: Reading, t: TimeMatch) -> bool:
    """A time in brackets right after another count ("187 tổ chức (năm 2015)") is that count's, when the
    brackets close before the number (not brackets around it)."""
    bracket = p.structure.enclosing_bracket(t.start)
    if bracket is None or p.structure.bracket_end(bracket) >= r.start:
        return False
    if WHEN_DONE_RE.match(p.masked, bracket + 1):
        return True  # "kết quả đánh giá năm 2015 (thực hiện trong quý I/2016)": when the act was done, not its year
    return bool(re.search(r"\d[\d.,]*\s*%?\s*(?:[^\W\d]+\s*){0,8}$", p.masked[max(0, bracket - 50):bracket]))


# A bracket saying when an act was carried out: "(thực hiện trong quý I/2016)", "(tiến hành từ tháng 12/2020)"
WHEN_DONE_RE = re.compile(r"[\s*_]*(?:được\s+)?(?:thực\s+hiện|tiến\s+hành|tổ\s+chức|triển\s+khai|hoàn\s+thành)"
                          r"\s+(?:trong|vào|từ|tháng|năm|quý|ngày)(?!\w)", re.IGNORECASE)


def own_time_after(w: When) -> TimeSpan | None:
    """A time after the number in its clause, when no other count stands between them and it does not
    head the next count ("ở 34 chi bộ ... vào các ngày 29 và 30/3/2021")."""
    p, r = w.p, w.r
    after = w.in_sentence_between(r.end, w.clause_end)
    if not after:
        return None
    t = after[0]
    gap = re.sub(r"^\s*%?\s*(?:/|[-–]|đến)\s*[\d.,]+", "", p.masked[r.end:t.start])
    if not r.is_percent:
        gap = re.sub(r"(?<!\w)đạt\s+[\d.,]+\s*%", "", gap)
    if re.search(r"\d", gap):
        return None
    nxt = p.first_number_from(t.end)
    if nxt is not None and nxt.start < w.sentence.end and not re.search(r"[,;:()]", p.masked[t.end:nxt.start]):
        return None
    return t.span


def owner_time(w: When) -> TimeSpan | None:
    """"kết nạp 192 đảng viên (tỷ lệ 102,67%)": a share holds when the count it is of does."""
    owner = w.r.owner
    return owner.span if w.r.is_percent and owner is not None and owner.span is not None else None


def head_time(w: When) -> TimeSpan | None:
    """"78.047 đảng viên (trong đó 29.373 nữ)": a part holds when its whole does."""
    head = w.r.head
    if head is None or head.span is None or head.kind != w.r.kind:
        return None  # a district's changes listed under the province's count after them are not dated by it
    return head.span


def change_heading_the_list(w: When) -> TimeSpan | None:
    """"... giảm 89 đơn vị. Trong đó: cấp tỉnh giảm từ 98 xuống còn 81": the counts before and after a part
    of a change sit at the ends of the change's period."""
    head = w.r.head
    if not (w.r.before_change or w.r.after_change) or head is None or head.kind != "flow" or head.span is None:
        return None
    return head.span if not head.span.is_stock else None


def between_before_and_after(w: When) -> TimeSpan | None:
    """"từ 187 tổ chức (năm 2015) xuống còn 141 tổ chức (năm 2021), giảm 46 tổ chức": a change stated
    after the counts before and after it runs between their times."""
    if w.r.kind != "flow" and not w.r.is_percent:
        return None
    done = [x for x in w.p.readings if x.end <= w.r.start and x.sentence is w.r.sentence and x.span is not None]
    before = [x for x in done if x.before_change and x.span.start]
    after = [x for x in done if x.after_change and x.span.end]
    if before and after and before[-1].span.start < after[-1].span.end:
        return from_count(before[-1].span, after[-1].span.end)
    return None


FROM_TO_RE = re.compile(r"(?<!\w)(?:giảm|tăng)\s+từ(?!\w)[^;.]{0,200}?(?<!\w)(?:xuống|lên)(?!\w)")


def between_the_moments_of_its_sentence(w: When) -> TimeSpan | None:
    """"tỉnh đã sắp xếp 06 huyện để thành lập 03 huyện mới; số huyện giảm từ 13 (thời điểm 31/12/2019) xuống
    còn 10 (thời điểm 31/12/2020)": an undated change runs between the two moments of the change its sentence
    states."""
    if w.r.kind != "flow" or w.r.is_target:
        return None
    moments = [t for t in w.in_sentence if t.span.is_stock and not t.span.open_start and t.span.start]
    days = sorted({t.span.start for t in moments})
    if len(days) != 2:
        return None
    key = ("a change from and to", w.sentence.start)  # (read once per sentence, not once per number)
    if key not in w.p.memo:
        w.p.memo[key] = bool(FROM_TO_RE.search(w.p.masked, w.sentence.start, w.sentence.end))
    if not w.p.memo[key]:
        return None
    return TimeSpan(change_starts_after(days[0]), days[1], False)


FOUNDED_RE = KeyedPattern(r"(?<!\w)(?:được\s+)?thành\s+lập(?!\w)", ("lập",))


def founding_day(w: When) -> TimeSpan | None:
    """"Đảng bộ xã được thành lập theo Quyết định ... ngày 24/6/2025, gồm 41 tổ chức đảng với 1.930 đảng
    viên": the make-up of a body at its founding holds on the day of the act that founded it."""
    if w.r.kind != "stock" or w.r.is_percent:
        return None
    p, start = w.p, w.sentence.start
    founded = FOUNDED_RE.search(p.masked, start, w.r.start)
    if founded is None:
        return None
    days = [t for t in p.times_between(founded.end(), w.r.start) if t.is_date_only and t.span.start]
    if not days or w.in_sentence_between(w.sentence.start, w.r.start):  # (usable times are no bare dates)
        return None
    return TimeSpan(days[0].span.start, days[0].span.start, True)


def sentence_time(w: When) -> TimeSpan | None:
    """The first period of the sentence stated before its first number (it frames the sentence)."""
    first = w.p.first_number_from(w.sentence.start)
    after_semicolon = w.clause_start > w.sentence.start and w.p.text[w.clause_start - 1] == ";"
    t = w.in_sentence[0] if w.in_sentence else None  # the sentence's first time: it frames it or nothing does
    if t is None or (first is not None and t.start >= first.start):
        return None
    if w.r.kind == "stock" and not t.span.is_stock and after_semicolon \
            and not t.span.is_target and t.start < w.clause_start:
        # "trong 04 năm (2020-2023) kết nạp 8.807; nâng tổng số lên 89.455": another clause's period
        return None
    return t.span


def opening_time(w: When) -> TimeSpan | None:
    return w.para.opening_span


def sentence_change_time(w: When) -> TimeSpan | None:
    """"sáp nhập 70 trạm y tế thành 38 trạm, giảm 32 trạm y tế": an undated change goes on the period of the
    first change of its family its sentence states (not one in brackets: a base or a part)."""
    r = w.r
    if r.kind != "flow" or r.is_target:
        return None
    bracketed = w.p.structure.enclosing_bracket
    earlier = next((x for x in w.p.readings if w.sentence.start <= x.start < r.start and x.family == r.family
                    and x.kind == "flow" and not x.is_target and x.span is not None and not x.span.is_stock
                    and x.span.start is not None and bracketed(x.start) is None), None)
    return earlier.span if earlier is not None else None


def previous_change_time(w: When) -> TimeSpan | None:
    """"..., giảm 2.853 người (10,40%). Riêng khối giáo dục và đào tạo giảm 1.612 người": an undated change
    goes on the period of its family's change an earlier sentence of the paragraph dated."""
    return w.para.last_change.get(w.r.family or "-") if w.r.kind == "flow" and not w.r.is_target else None


def lead_time(w: When) -> TimeSpan | None:
    """A list item holds in the time its lead states ("Trong 10 tháng năm 2024, biến động ... như sau:")."""
    return w.para.lead_span


def paragraph_period(w: When) -> TimeSpan | None:
    """A period stated by an earlier sentence of the paragraph frames its later changes."""
    return w.para.last_period if w.r.kind == "flow" or w.r.is_percent else None


def marker_time(w: When) -> TimeSpan | None:
    return w.para.marker.span if w.para.marker is not None else None


def section_time(w: When) -> TimeSpan | None:
    """The period a section's heading states ("2. Kết quả đánh giá ... năm 2023"): its changes, and its counts
    at its end; for changes, the beginning its text states first ("từ năm 2016, tỉnh đã ...")."""
    if w.doc.section_since is not None and (w.r.kind == "flow" or w.r.is_percent):
        return w.doc.section_since
    return w.doc.section_period


def section_change_time(w: When) -> TimeSpan | None:
    """"Tính đến ngày 30/9/2019, toàn tỉnh đã giảm 398 cơ quan ... a) Khối Đảng: Cấp tỉnh giảm 05 đầu mối": an
    undated change goes on the period of its family's first change an earlier paragraph of its section dated."""
    return w.doc.section_changes.get(w.r.family or "-") if w.r.kind == "flow" and not w.r.is_target else None


def reporting_period(w: When) -> TimeSpan | None:
    return w.doc.reporting_period if w.r.kind == "flow" or w.r.is_percent else None


def rearrangement_time(w: When) -> TimeSpan | None:
    """"tỉnh đã sắp xếp 60 đơn vị hành chính cấp xã để thành lập 30 đơn vị mới" in a report that dates the
    rearrangement it is about (and states no period of its own): a change of units, or one a rearranging verb
    governs, runs from its eve to its day."""
    before, after = w.doc.before_rearrangement, w.doc.after_rearrangement
    r = w.r
    if before is None or after is None or r.is_target or not (r.kind == "flow" or r.is_percent):
        return None
    rearranging = r.governor is not None and r.governor.change == REARRANGE
    if r.family != "admin_units" and not rearranging:
        return None
    return TimeSpan(before, after, False)


TIME_RULES: tuple[tuple[str, Rule], ...] = (
    ("the time of the count a share is of", owner_time),
    ("between the dated counts of its series it follows", between_counts_of_its_series),
    ("the base of a comparison it is the count of", base_count_time),
    ("its own time, before it in its clause", own_time_before),
    ("its own time, after it in its clause", own_time_after),
    ("between the counts before and after a change", between_before_and_after),
    ("its list head's time", head_time),
    ("between the two moments of the change its sentence states", between_the_moments_of_its_sentence),
    ("the period of the change heading its list", change_heading_the_list),
    ("the founding its count is the make-up of", founding_day),
    ("its sentence's time", sentence_time),
    ("its family's change earlier in its sentence", sentence_change_time),
    ("its family's change in an earlier sentence of its paragraph", previous_change_time),
    ("the time opening its paragraph", opening_time),
    ("the time of the lead of its list", lead_time),
    ("a period an earlier sentence of its paragraph states", paragraph_period),
    ("its footnote marker's time", marker_time),
    ("its section heading's period", section_time),
    ("its family's first change in an earlier paragraph of its section", section_change_time),
    ("the document's reporting period", reporting_period),
    ("the rearrangement the report is about", rearrangement_time),
)


def read_time(p: ParagraphText, r: Reading, doc: DocumentContext, para: ParagraphContext) -> None:
    w = When(p, r, doc, para)
    rule, span = next(((rule, span) for _, rule in TIME_RULES if (span := rule(w)) is not None), (None, None))
    w.own = rule in (own_time_before, own_time_after)
    if rule in (between_counts_of_its_series, between_before_and_after, between_the_moments_of_its_sentence) \
            and doc.section_since is None:
        # "Tại thời điểm 31/12/2015 có 1.186 ...; đến ngày 30/9/2018 còn 1.097, giảm 89": the section's
        # results run over the span its first dated change states
        doc.section_since = span
    if rule is owner_time and not w.r.is_target:
        r.span = span  # a share holds exactly when the count it is of does
        return
    r.span = _shaped(w, span)


def _shaped(w: When, span: TimeSpan | None) -> TimeSpan | None:
    """The span found, made to fit what the number is."""
    r, ref = w.r, w.doc.reference_date
    if r.is_target:
        return horizons.goal_span(w, span, own_time_after(w))
    if r.family == "elections":
        day = horizons.event_day(w, span)
        if day is not None:
            return TimeSpan(day, day, True)
    if span is not None and span.start and NAMED_TERM_RE.search(span.label) \
            and CONGRESS_RE.search(w.p.masked[w.clause_start:r.start]):
        year = span.start.year  # "đại hội ở 100% chi bộ nhiệm kỳ 2022-2025": held in the term's first year
        return TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), False, label=span.label)
    if r.before_change or r.after_change or changes.marked(w):
        return changes.side_of_a_change(w, span)
    if r.kind == "stock" and not w.own and r.area is not None and w.doc.before_rearrangement \
            and (r.area.former or (r.area.dissolved or r.area.partner) and w.doc.since_the_reform):
        day = w.doc.before_rearrangement  # "tỉnh Hà Nam cũ 17 cơ quan": the former unit, before it merged
        return TimeSpan(day, day, True)
    if r.kind == "stock" and not r.is_percent:
        if span is None:
            return TimeSpan(ref, ref, True) if ref else None
        if span.from_only:
            return TimeSpan(span.start, span.start, True)
        if not span.is_stock:
            end = span.end if span.end and (ref is None or span.end <= ref) else ref
            if end is not None or LEVEL_REACHED_RE.search(w.p.masked[w.clause_start:r.start]):
                return TimeSpan(end, end, True, of_year=one_calendar_year(span) and end == span.end)
        return span
    # a flow (or a share, dated like the count it is of)
    base = changes.comparison_base(w)
    if span is None:  # (a share whose count is dated took that count's time: owner_time)
        if r.is_percent and r.kind == "stock":
            return TimeSpan(ref, ref, True) if ref else None
        if base is not None and base.is_stock and base.start and ref and base.start <= ref:
            return TimeSpan(base.start, ref, False)  # "giảm 14 cơ quan so với ... trước hợp nhất": since that moment
        return None
    # "giai đoạn 2016 - 2021, toàn tỉnh giảm được 4.207 biên chế, bằng 10,5% so với ... năm 2015": a period of its own
    # that begins as its base ends is the change's; the base only says what it is measured against
    stated_period = bool(w.own and not span.is_stock and base is not None and base.end and span.start
                         and span.start == base.end + dt.timedelta(days=1))
    if span.is_stock and r.kind == "flow":
        span = changes.flow_ending_at(w, span) or span
    if base is not None and r.kind == "flow" and span.end and base.start and base.start < span.end \
            and not stated_period \
            and not (changes.periods_alike(span, base) and changes.follows_a_flow_of_its_period(w, span)):
        return TimeSpan(base.start, span.end, False, base=base.end)  # "giảm 3.565 người so với năm 2015": since the base
    return span
