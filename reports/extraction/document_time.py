"""The document's time model, read once per report: the period its title and preamble say it covers, the
day its figures are counted at, the congress that opened its term, and the eve and the day of the
rearrangement it is about. The narrative and table readers take their undated times from these.
"""
from __future__ import annotations

import datetime as dt
import re

from .metadata import HEADER_LINES, DocumentMetadata, plain_line
from .timeexpr import REARRANGING, find_time_expressions
from .timespans import REFORM_DATE, TimeSpan, change_starts_after, congress_term_opened_in, safe_date
from .phrases import CAPITAL


PREAMBLE_END_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*(?:[IVX]+\s*[.\-–]|PHẦN\s|\d+\.\s+" + CAPITAL + r")")
PREAMBLE_LINES = 40
# The title and preamble are read for the report's period up to this many characters: real ones hold a few
# hundred (under 900 in the corpus); a longer run is the body on one line (a flattened or hostile file),
# where reading on would find the body's periods at the cost of one more pass over all of it.
PREAMBLE_MAX_CHARS = 20_000


# "báo cáo kết quả từ ... đến ...", "báo cáo như sau (từ ... đến ...)": the report's own period.
REPORTED_PERIOD_RE = re.compile(r"báo\s+cáo[^.;:]{0,40}$", re.IGNORECASE)
# the second moment of "số liệu ... tại thời điểm 01/01/2018 và 30/11/2024"
_SECOND_MOMENT_RE = re.compile(r"\s*(?:và|đến|tới|,|-|–)\s*", re.IGNORECASE)
# "UBND tỉnh báo cáo kết quả thực hiện đến ngày 31/12/2025 như sau": the day the reported results run to
REPORTED_UP_TO_RE = re.compile(r"(?:tính\s+)?(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?\d", re.IGNORECASE)
# "..., phương hướng nhiệm vụ năm 2026": the period of a plan, however near
PLAN_LEAD_RE = re.compile(r"phương\s+hướng[^.;:()]{0,40}$", re.IGNORECASE)
# "Kết quả công tác ... 6 tháng cuối năm 2025, phương hướng ...": a title of results names their period
RESULTS_TITLE_RE = re.compile(r"^\W*(?:báo\s+cáo\s+)?(?:kết\s+quả|tình\s+hình)", re.IGNORECASE)
# "từ ngày 16/9/2021 đến ngày 15/10/2021, Đoàn giám sát đã làm việc ...": the days of a mission, not the period
# its findings are about
MISSION_AFTER_RE = re.compile(r"\s*,?\s*(?:các\s+)?đoàn\s+(?:giám\s+sát|kiểm\s+tra|công\s+tác|khảo\s+sát)", re.IGNORECASE)
# "(số liệu tính đến ngày 15/12/2023)", "số liệu đến 30/6": the day a report's figures are counted at.
DATA_CUTOFF_RE = re.compile(r"(?:số\s+liệu|thống\s+kê)[^\d;.]{0,20}$", re.IGNORECASE)
# "Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XI (ngày 16/7/2015)", "Đại hội ... (tháng 10/2020)": the
# congress that opened the term the report is about, on the day the report gives it;
# "Đầu nhiệm kỳ (tháng 7/2015), Đảng bộ huyện có 52 tổ chức cơ sở đảng": the term's start, as the report dates it.
CONGRESS_DATE_RE = re.compile(
    r"(?:đại\s+hội\s+(?:đại\s+biểu\s+)?đảng\s+bộ[^().;]{0,60}?lần\s+thứ\s+[IVXLC]+[^().;]{0,40}?|đầu\s+nhiệm\s+kỳ\s*)"
    r"\(\s*(?:ngày\s+|tháng\s+)?(?:(\d{1,2})[/-])?(\d{1,2})[/-]((?:19|20)\d{2})\s*\)", re.IGNORECASE)


def reporting_period_read(lines: list[str], meta: DocumentMetadata) -> None:
    """What the title and the preamble (the text before the first numbered part) say of the report's
    time: the period it covers (the longest they state), the day its figures are counted at (a stated
    cutoff, else that period's end when it is stated as a day), and the congress that opened its term."""
    if meta.reference_date is None:
        return
    preamble = []
    title_at = next((i for i, line in enumerate(lines[:HEADER_LINES]) if plain_line(line).upper().startswith("BÁO CÁO")), 0)
    for line in lines[title_at + 1:title_at + PREAMBLE_LINES]:
        if PREAMBLE_END_RE.match(line) and preamble:
            break
        preamble.append(plain_line(line))
    text = ". ".join([meta.title] + preamble)[:PREAMBLE_MAX_CHARS]  # (a title's last words lead no preamble's)
    periods, cutoffs, reported, planned = [], [], [], []
    last_cutoff_end = -1
    for match in find_time_expressions(text, reference_date=meta.reference_date):
        span = match.span
        if match.is_comparison or not span.start:
            continue
        if span.is_stock and cutoffs and _SECOND_MOMENT_RE.fullmatch(text, last_cutoff_end, match.start):
            # "(số liệu so sánh tại thời điểm 01/01/2018 và 30/11/2024)": the figures' two moments, the changes
            # between them; the first is the base, not the cut-off
            base = cutoffs.pop()
            if base < span.start <= meta.reference_date:
                periods.append(TimeSpan(change_starts_after(base), span.start, False))
                cutoffs.append(span.start)
            last_cutoff_end = match.end
            continue
        if span.is_target or PLAN_LEAD_RE.search(text[max(0, match.start - 60):match.start]):
            if not span.is_stock and span.end and span.end > meta.reference_date >= span.start:
                # "Đề án sắp xếp ... giai đoạn 2019-2021" in a report of 2019 (not the next term a congress opens)
                planned.append(span)
            continue
        if span.is_stock and (DATA_CUTOFF_RE.search(text[max(0, match.start - 30):match.start])
                              or REPORTED_UP_TO_RE.match(text, match.start)
                              and REPORTED_PERIOD_RE.search(text[max(0, match.start - 50):match.start])):
            cutoffs.append(span.start)
            last_cutoff_end = match.end
        elif not span.is_stock and not match.is_date_only and not MISSION_AFTER_RE.match(text, match.end):
            periods.append(span)
            if REPORTED_PERIOD_RE.search(text[max(0, match.start - 50):match.start]) \
                    or match.start < len(meta.title) and RESULTS_TITLE_RE.match(meta.title):
                reported.append(span)
    if periods:
        # the longest, the first stated of equals (max keeps the first; looking each up by index was quadratic)
        longest = max(periods, key=lambda s: (s.end or meta.reference_date) - s.start)
        end = min(longest.end or meta.reference_date, meta.reference_date)
        meta.reporting_period = (longest.start, end)
        if longest.end and longest.end > meta.reference_date:
            planned.append(longest)
        # the report's own period up to a day before it ("báo cáo kết quả từ đầu nhiệm kỳ đến ngày 30/6/2023")
        # counts its figures at that day; a period of what was examined ("giám sát ... từ năm 2015 đến ngày
        # 30/9/2018") leaves its "hiện nay" at the report's date
        days = [s.end for s in reported if s.end and s.end < meta.reference_date]
        if days:
            meta.data_as_of = max(days)
    if planned:
        plan = max(planned, key=lambda s: s.end - s.start)
        meta.planned_period = (plan.start, plan.end)
    cutoffs = [day for day in cutoffs if day <= meta.reference_date]
    if cutoffs:
        meta.data_as_of = cutoffs[-1]
        if meta.reporting_period:
            meta.reporting_period = (meta.reporting_period[0], min(meta.reporting_period[1], cutoffs[-1]))
    meta.rearrangement = rearrangement_dates("\n".join(plain_line(line) for line in lines),
                                             reference_date=meta.reference_date)
    congress = CONGRESS_DATE_RE.search("\n".join(plain_line(line) for line in lines))
    if congress:
        day = int(congress.group(1)) if congress.group(1) else 1
        found = safe_date(int(congress.group(3)), int(congress.group(2)), day)
        if found and found <= meta.reference_date:
            meta.congress_date = found
            term = congress_term_opened_in(found.year)
            if term is not None and meta.reporting_period and meta.reporting_period[0] == term.start:
                meta.reporting_period = (found, meta.reporting_period[1])  # the term as the report dates it


# Where a report dates its rearrangement: "Trước khi sắp xếp (thời điểm 30/11/2019)", "có hiệu lực từ ngày
# 01/12/2019" in a sentence about the rearrangement.
_DATED_BEFORE_RE = re.compile(rf"trước\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}[^.;]{{0,40}}?$", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(r"(?:(?:có\s+hiệu\s+lực(?:\s+thi\s+hành)?|chính\s+thức\s+hoạt\s+động)\s*(?:kể\s+)?(?:từ\s+)?|"
                           r"(?<!\w)(?:kể\s+)?từ\s+)(?:ngày\s+)?$", re.IGNORECASE)
# "Tại thời điểm 30/9/2017, trước khi sắp xếp, ...": the day, then the words that make it the eve
# "số đơn vị hành chính cấp huyện giảm từ 13 (thời điểm 31/12/2019) xuống còn 10 (...)": the units' own change
_UNITS_FROM_TO_RE = re.compile(r"(?:đơn\s+vị\s+hành\s+chính|đvhc)[^;.\d]{0,30}(?:giảm|tăng)\s+từ(?!\w)[^;]{0,120}?"
                               r"(?<!\w)(?:xuống|lên)(?:\s+còn)?(?!\w)[^;]{0,80}", re.IGNORECASE)
_BEFORE_AFTER_DAY_RE = re.compile(rf"^\W{{0,3}}trước\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}", re.IGNORECASE)


def rearrangement_dates(text: str, *, reference_date: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """The eve and the day of the rearrangement a report is about, as it dates them; since 2025-07-01 the
    reform's by default. "trước/sau sắp xếp" and the columns "Trước sắp xếp", "Sau sắp xếp" mean these."""
    before = after = None
    if reference_date is not None and reference_date >= REFORM_DATE:
        before, after = REFORM_DATE - dt.timedelta(days=1), REFORM_DATE
    stated_before = stated_after = None
    for sentence in re.split(r"(?<=[.;])\s+|\n", text):
        if not re.search(REARRANGING, sentence, re.IGNORECASE):
            continue
        for t in find_time_expressions(sentence, reference_date=reference_date):
            if not (t.span.is_stock or t.span.from_only) or t.span.start is None:
                continue  # (a day to come, "dự kiến từ ngày 01/7/2025", is the day a planned rearrangement takes effect)
            lead = sentence[max(0, t.start - 60):t.start]
            if stated_before is None and (_DATED_BEFORE_RE.search(lead.replace("(", " "))
                                          or _BEFORE_AFTER_DAY_RE.match(sentence[t.end:t.end + 30])):
                stated_before = t.span.start
            elif stated_after is None and (_EFFECTIVE_RE.search(lead) or t.span.from_only and t.span.is_target):
                stated_after = t.span.start
    if stated_after is not None:
        after = stated_after
        # a rearrangement still to take effect: the units before it are those of the report's day
        eve = reference_date if reference_date and stated_after > reference_date else stated_after - dt.timedelta(days=1)
        before = stated_before or eve
    elif stated_before is not None:
        before = stated_before
    elif before is None:
        before, after = _sides_of_the_units_change(text, reference_date) or (None, None)
    return before, after


def _sides_of_the_units_change(text: str, reference_date: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """"tỉnh đã sắp xếp 06 huyện ...; số đơn vị hành chính cấp huyện giảm từ 13 (thời điểm 31/12/2019) xuống
    còn 10 (thời điểm 31/12/2020)": the two moments of the units' own change, in a sentence on rearranging."""
    for sentence in re.split(r"(?<=[.])\s+|\n", text):
        change = _UNITS_FROM_TO_RE.search(sentence)
        if change is None or not re.search(REARRANGING, sentence, re.IGNORECASE):
            continue
        sides = [t.span.start for t in find_time_expressions(change.group(0), reference_date=reference_date)
                 if t.span.is_stock and t.span.start is not None]
        if len(sides) == 2 and sides[0] < sides[1]:
            return sides[0], sides[1]
    return None
