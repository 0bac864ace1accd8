"""Vietnamese time expressions -> dates and periods.

A report states when its numbers hold in a handful of ways: a moment ("tính đến 31/12/2023",
"thời điểm 01/01/2020", "hiện nay"), a period ("giai đoạn 2020-2023", "từ năm 2021 đến nay",
"6 tháng đầu năm 2022", "quý I/2023", "từ đầu năm đến nay" in the report's year), a term of
office ("nhiệm kỳ 2020-2025", "từ đầu nhiệm kỳ đến nay") or a target ("đến năm 2025").
`find_time_expressions` finds them all in a text with their character offsets, resolved against
the document's reference date; relative expressions ("đến nay") need that date, term expressions
need the terms table (indicators/data/terms.json).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from .timespans import REFORM_DATE, Term, TimeMatch, TimeSpan, current_term, safe_date, term_by_label

# (adjusting boundaries, "điều chỉnh địa giới hành chính, mở rộng thành phố Huế", rearranges units too)
REARRANGING = r"(?:sắp\s+xếp|sáp\s+nhập|hợp\s+nhất|điều\s+chỉnh\s+địa\s+giới)"

# "10/9/2018", "10-9-2018" (news copies write dates with dashes)
_SEP = r"\s*[/-]\s*"
_DATE = rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})"
_DATE_WORDS = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})"
_YEAR = r"((?:19|20)\d{2})"
_YEAR_RANGE = rf"{_YEAR}\s*[-–—]\s*{_YEAR}"
_NOW = r"(?:nay|hiện\s+nay|hiện\s+tại|bây\s+giờ|thời\s+điểm\s+(?:báo\s+cáo|hiện\s+(?:tại|nay)))"
# Central acts the genre dates its results by ("so với trước khi thực hiện Nghị quyết 19-NQ/TW", "sau 5 năm
# thực hiện Nghị quyết số 18-NQ/TW"): the day each was issued.
ANCHOR_ACTS = {
    "39-NQ/TW": dt.date(2015, 4, 17),  # tinh giản biên chế
    "1211/2016/UBTVQH13": dt.date(2016, 5, 25),  # standards of administrative units
    "18-NQ/TW": dt.date(2017, 10, 25),  # streamlining the political system's apparatus
    "19-NQ/TW": dt.date(2017, 10, 25),  # public service units
    "26-NQ/TW": dt.date(2018, 5, 19),  # cadres of strategic level
    "37-NQ/TW": dt.date(2018, 12, 24),  # rearranging district and commune units
    "653/2019/UBTVQH14": dt.date(2019, 3, 12),  # rearrangement 2019-2021
    "21-NQ/TW": dt.date(2022, 6, 16),  # grassroots party organisations and members
    "35/2023/UBTVQH15": dt.date(2023, 7, 12),  # rearrangement 2023-2030
    "202/2025/QH15": dt.date(2025, 6, 12),  # 63 provinces into 34
}
_ROMAN_QUARTERS = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def parse_date(text: str) -> dt.date | None:
    """'12/3/2024', '12 / 03 / 2024', 'ngày 12 tháng 3 năm 2024' -> date(2024, 3, 12)."""
    m = re.search(_DATE, text) or re.search(_DATE_WORDS, text, re.IGNORECASE)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    return safe_date(year, month, day)


def _year_span(first: int, last: int, reference_date: dt.date | None, label: str) -> TimeSpan:
    start, end = dt.date(first, 1, 1), dt.date(last, 12, 31)
    is_target = reference_date is not None and end.year > reference_date.year
    return TimeSpan(start, end, is_stock=False, is_target=is_target, label=label)


def _to_date_span(start: dt.date | None, reference_date: dt.date | None, label: str) -> TimeSpan:
    """A period from `start` up to the reference date ('... đến nay')."""
    return TimeSpan(start, reference_date, is_stock=False, label=label)


def _term_span(term: Term | None, reference_date: dt.date | None, label: str) -> TimeSpan | None:
    if term is None:
        return None
    if reference_date is not None and term.start <= reference_date <= term.end:
        return _to_date_span(term.start, reference_date, label)
    is_target = reference_date is not None and term.end > reference_date
    return TimeSpan(term.start, term.end, is_stock=False, is_target=is_target, label=label)


def _stock(day: dt.date | None, label: str, *, is_target: bool = False) -> TimeSpan | None:
    return TimeSpan(day, day, is_stock=True, is_target=is_target, label=label) if day else None


def _in_reference_year(day: int, month: int, reference_date: dt.date | None) -> dt.date | None:
    """"đến ngày 31/8" in a report of October 2025 is 31/8/2025; a day after the report's date is
    of the year before (a January report "tính đến ngày 31/12")."""
    if reference_date is None:
        return None
    found = safe_date(reference_date.year, month, day)
    if found is not None and found > reference_date:
        found = safe_date(reference_date.year - 1, month, day)
    return found


# Each rule: (pattern, builder(match, reference_date) -> TimeSpan | None). Rules are tried in
# order and a later rule never claims text an earlier rule matched, so longer expressions
# ("từ năm 2021 đến nay") come before their parts ("năm 2021", "đến nay").
def _rules():
    def stock_at(m, ref):
        return _stock(safe_date(int(m["y"]), int(m["m"]), int(m["d"])), m.group(0))

    def months_of_year(m, ref):
        months = int(m["n"] or m["n2"])
        year = int(m["y"]) if m["y"] else ref.year if ref else None
        if year is None or not 1 <= months <= 11:
            return None
        first, last = (1, months) if m["which"] != "cuối" else (13 - months, 12)
        return TimeSpan(dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]), False,
                        label=m.group(0))

    def since_day_month(m, ref):
        return _stock(_in_reference_year(int(m["d"]), int(m["m"]), ref), m.group(0))

    def year_to_date(m, ref):
        return _to_date_span(dt.date(ref.year, 1, 1), ref, m.group(0)) if ref else None

    def from_now_to_year(m, ref):
        if ref is None:
            return None
        return TimeSpan(ref, dt.date(int(m["y"]), 12, 31), is_stock=False, is_target=True, label=m.group(0))

    def quarter(m, ref):
        q, year = _ROMAN_QUARTERS[m["q"].lower()], int(m["y"])
        first_month = 3 * (q - 1) + 1
        last_day = calendar.monthrange(year, first_month + 2)[1]
        return TimeSpan(dt.date(year, first_month, 1), dt.date(year, first_month + 2, last_day), False,
                        label=m.group(0))

    def since_month(m, ref):
        start = safe_date(int(m["y"]), int(m["m"]), 1)
        if start is None:
            return None
        open_ended = not re.match(r"\s*(?:đến|tới)\b", m.string[m.end():])
        return replace(_to_date_span(start, ref, m.group(0)), from_only=open_ended)

    def event_date(m, ref):
        return _stock(safe_date(int(m["y"]), int(m["m"]), int(m["d"])), m.group(0))

    def month(m, ref):
        year, mon = int(m["y"]), int(m["m"])
        if not 1 <= mon <= 12:
            return None
        return TimeSpan(dt.date(year, mon, 1), dt.date(year, mon, calendar.monthrange(year, mon)[1]), False,
                        label=m.group(0))

    def since_year_to_now(m, ref):
        return _to_date_span(dt.date(int(m["y"]), 1, 1), ref, m.group(0))

    def since_year(m, ref):
        return replace(since_year_to_now(m, ref), from_only=True)

    def at_the_congress(m, ref):
        # "so với thời điểm Đại hội lần thứ XI (4.512 đảng viên)": the congress that opened the current term
        term = current_term(ref)
        return _stock(term.start, m.group(0)) if term is not None else None

    def plan_from_day(m, ref):
        # "từ ngày 01/7/2025, tỉnh sẽ có ...": a day ahead of the report is a plan's; a day past stays a bare
        # date (an act's effective day, a count's day: "có hiệu lực từ ngày 01/12/2019")
        day = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if day is None or ref is None or day <= ref:
            return None
        return TimeSpan(day, day, is_stock=False, is_target=True, label=m.group(0), from_only=True)

    def since_year_to_year(m, ref):
        return _year_span(int(m["y"]), int(m["y2"]), ref, m.group(0))

    def since_term_start(m, ref):
        return _term_span(current_term(ref), ref, m.group(0))

    def named_term(m, ref):
        term = term_by_label(int(m["y"]), int(m["y2"]))
        if term is None:  # an unusual term (a 2022-2025 party-cell term): its calendar years
            return _year_span(int(m["y"]), int(m["y2"]), ref, m.group(0))
        return _term_span(term, ref, m.group(0))

    def year_range(m, ref):
        return _year_span(int(m["y"]), int(m["y2"]), ref, m.group(0))

    def target_year(m, ref):
        year = int(m["y"])
        is_target = ref is None or year >= ref.year
        return _stock(dt.date(year, 12, 31), m.group(0), is_target=is_target)

    def year_end(m, ref):
        return _stock(dt.date(int(m["y"]), 12, 31), m.group(0))

    def year_start(m, ref):
        return _stock(dt.date(int(m["y"]), 1, 1), m.group(0))

    def one_year(m, ref):
        year = int(m["y"] or m["y2"])
        return _year_span(year, year, ref, m.group(0))

    def now(m, ref):
        return TimeSpan(ref, ref, is_stock=True, open_start=True, label=m.group(0)) if ref else None

    def word_date(m, ref):
        return _stock(parse_date(m.group(0)), m.group(0))

    def between_days(m, ref):
        """"từ năm 2015 đến ngày 30/9/2018", "từ ngày 16/7 đến ngày 10/8/2018", "từ đầu nhiệm kỳ (tháng 8/2015)
        đến ngày 30/6/2023": a span whose end is a day."""
        end = safe_date(int(m["y2"]), int(m["m2"]), int(m["d2"]))
        if end is None:
            return None
        if m["y"]:
            start = safe_date(int(m["y"]), int(m["m"] or 1), int(m["d"] or 1))
        elif m["d"]:
            start = safe_date(int(m["y1"] or end.year), int(m["m"]), int(m["d"]))
        elif m["by"]:
            # "từ đầu nhiệm kỳ (tháng 8/2015) đến ...": as the report dates it
            start = safe_date(int(m["by"]), int(m["bm"]), 1)
        else:
            term = current_term(end)
            start = term.start if term else None
        if start is None or start > end:
            return None
        return TimeSpan(start, end, is_stock=False, label=m.group(0))

    def between_months(m, ref):
        """"từ tháng 7/2020 đến tháng 6/2025": from the first month's first day to the last month's last."""
        start, last = safe_date(int(m["y"]), int(m["m"]), 1), safe_date(int(m["y2"]), int(m["m2"]), 1)
        if start is None or last is None or start > last:
            return None
        end = dt.date(last.year, last.month, calendar.monthrange(last.year, last.month)[1])
        return TimeSpan(start, end, is_stock=False, is_target=ref is not None and end > ref, label=m.group(0))

    def since_day_to_now(m, ref):
        """"từ ngày 01/01/2020 đến nay", "từ 01/3/2024 đến thời điểm báo cáo": from that day to the report's."""
        start = safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if start is None or ref is None or start > ref:
            return None
        return _to_date_span(start, ref, m.group(0))

    def before_reform(m, ref):
        # "trước sắp xếp" in a report written since the 2025 reorganisation: its eve
        if ref is None or ref < REFORM_DATE:
            return None
        return _stock(REFORM_DATE - dt.timedelta(days=1), m.group(0))

    def since_reform(m, ref):
        if ref is None or ref < REFORM_DATE:
            return None
        return _stock(REFORM_DATE, m.group(0))

    def around_an_act(m, ref):
        act = m["act"].upper().replace(" ", "")
        day = ANCHOR_ACTS.get(act) or ANCHOR_ACTS.get(f"{act}-NQ/TW")
        if day is None or (ref is not None and day > ref):
            return None
        if m["side"].lower() == "trước":
            return _stock(day, m.group(0))  # the count before it: at its issue
        return _to_date_span(day, ref, m.group(0))  # its results: since its issue

    _to_day = rf"(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?(?P<d2>\d{{1,2}}){_SEP}(?P<m2>\d{{1,2}}){_SEP}(?P<y2>\d{{4}})"
    return [
        (rf"từ\s+(?:đầu\s+)?(?:(?:năm\s+)?(?P<y>(?:19|20)\d{{2}})|(?:ngày\s+)?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}})"
         rf"(?:{_SEP}(?P<y1>\d{{4}}))?|(?:đầu|sau\s+đại\s+hội[^.;]{{0,90}}?)?\s*nhiệm\s+kỳ"
         rf"(?:\s*\(\s*(?:tháng\s+)?(?P<bm>\d{{1,2}}){_SEP}(?P<by>\d{{4}})\s*\))?)\s+{_to_day}", between_days),
        (rf"từ\s+(?:ngày\s+)?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})\s*(?:đến|tới)\s+{_NOW}",
         since_day_to_now),
        (rf"trước\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}(?:\s+(?:đơn\s+vị\s+hành\s+chính|tỉnh|các\s+tỉnh))?",
         before_reform),
        (rf"(?:sau\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}|(?:tại\s+)?thời\s+điểm\s+{REARRANGING}|"
         rf"kể\s+từ\s+(?:ngày\s+)?{REARRANGING}|từ\s+ngày\s+0?1\s*/\s*0?7\s*/\s*2025|"
         # "Tại thời điểm thành lập, Đảng bộ có 37 tổ chức cơ sở đảng" (a unit formed by the 2025 reform)
         rf"(?:tại\s+)?thời\s+điểm\s+(?:mới\s+)?thành\s+lập(?!\s*\())"
         rf"(?:\s+(?:đơn\s+vị\s+hành\s+chính|tỉnh|các\s+tỉnh))?", since_reform),
        (r"(?P<side>trước|sau)\s+(?:khi\s+)?(?:\d{1,2}\s+năm\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|ban\s+hành|có)\s+"
         r"(?:các\s+)?Nghị\s+quyết\s+(?:số\s+)?(?P<act>\d{1,4}(?:\s*-\s*NQ/TW|/\d{4}/[A-Z]+\d*)?)", around_an_act),
        (_DATE_WORDS, word_date),
        # (not one dated in brackets, "Đại hội ... lần thứ XI (ngày 16/7/2015)", nor one of a named term)
        (r"(?:tại\s+)?thời\s+điểm\s+Đại\s+hội(?![^.;()\d]{0,80}(?:\(\s*(?:ngày\s+)?(?:\d{1,2}[/-])?\d{1,2}[/-]\d{4}|"
         r"nhiệm\s+kỳ))(?:\s+đại\s+biểu)?(?:\s+Đảng\s+bộ(?:\s+[^\W\d][^\W\d]*){0,4}?)?(?:\s+lần\s+thứ\s+[IVXLC]+(?![^\W\d_]))?",
         at_the_congress),
        (rf"(?:tính\s+(?:đến|tới)|đến|tới|tại\s+thời\s+điểm|vào\s+thời\s+điểm|thời\s+điểm)\s+(?:ngày\s+)?"
         rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})", stock_at),
        # "tại thời điểm thành lập (01/7/2025)", "thời điểm hợp nhất (ngày 1/7/2025)": the moment named, then its day
        (rf"(?:tại\s+)?thời\s+điểm(?:\s+[^\W\d]+){{1,5}}\s*\(\s*(?:ngày\s+)?"
         rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})\s*\)", stock_at),
        # "tính đến ngày 30-6", "đến ngày 31/8": a day of the report's year
        (rf"(?:tính\s+(?:đến|tới)|đến|tới)\s+(?:hết\s+)?ngày\s+(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}})(?!\d|{_SEP}\d)",
         since_day_month),
        # "vào ngày 18/3/2021", "vào các ngày 29 và 30/3/2021": when something happened (a bare
        # date is usually a cited document's date instead)
        (rf"vào\s+(?:các\s+)?ngày\s+(?:\d{{1,2}}\s*(?:,|và|-|–)\s*)*"
         rf"(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})", event_date),
        # "6 tháng đầu năm 2019", "9 tháng đầu năm" (of the report's year); a headline "6 tháng: ..."
        (r"(?P<n>\d{1,2})\s+tháng\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>(?:19|20)\d{2}))?(?!\s*\d|\s+học)|"
         r"^\s*(?P<n2>\d{1,2})\s+tháng(?=\s*:)", months_of_year),
        (r"quý\s+(?P<q>iv|iii|ii|i|[1-4])\s*(?:/|năm)\s*(?P<y>\d{4})", quarter),
        (r"từ\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})\s+(?:đến|tới)\s+(?:hết\s+)?tháng\s+(?P<m2>\d{1,2})"
         r"\s*(?:/|năm)\s*(?P<y2>\d{4})", between_months),
        (r"từ\s+tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})", since_month),
        (r"tháng\s+(?P<m>\d{1,2})\s*(?:/|năm)\s*(?P<y>\d{4})", month),
        (rf"từ\s+(?:đầu\s+|sau\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d{{2}})\s+(?:đến|tới)\s+{_NOW}", since_year_to_now),
        (rf"từ\s+(?:đầu\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d{{2}})\s+(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?"
         rf"(?P<y2>(?:19|20)\d{{2}})", since_year_to_year),
        # "từ năm 2016, tỉnh đã ...": only a beginning is stated
        (r"từ\s+(?:đầu\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?!\s*[-–—]|\s+(?:đến|tới))", since_year),
        (rf"(?:kể\s+)?từ\s+(?:ngày\s+)?(?P<d>\d{{1,2}}){_SEP}(?P<m>\d{{1,2}}){_SEP}(?P<y>\d{{4}})(?!\s+(?:đến|tới))",
         plan_from_day),
        (rf"(?:từ\s+)?(?:đầu|sau\s+đại\s+hội[^.;]{{0,90}}?)?\s*nhiệm\s+kỳ\s+(?:đến|tới)\s+{_NOW}|"
         rf"từ\s+(?:sau\s+)?đại\s+hội[^.;]{{0,90}}?(?:đến|tới)\s+{_NOW}|trong\s+nhiệm\s+kỳ(?!\s+\d)",
         since_term_start),
        (r"nhiệm\s+kỳ\s+(?P<y>(?:19|20)\d{2})\s*[-–—]\s*(?P<y2>(?:19|20)\d{2})", named_term),
        (rf"(?:giai\s+đoạn|thời\s+kỳ|trong|qua)?\s*(?:\d{{1,2}}\s+năm\s*)?\(?\s*(?P<y>(?:19|20)\d{{2}})\s*[-–—]\s*"
         rf"(?P<y2>(?:19|20)\d{{2}})\s*\)?", year_range),
        # "dự kiến cắt giảm 4.000 biên chế từ nay đến năm 2026": a plan from the report's date on
        (r"từ\s+nay\s+(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d{2})", from_now_to_year),
        (r"(?:đến|tới)\s+(?:hết\s+)?(?:năm\s+)?(?P<y>(?:19|20)\d{2})", target_year),
        (r"cuối\s+năm\s+(?P<y>(?:19|20)\d{2})", year_end),
        (r"đầu\s+năm\s+(?P<y>(?:19|20)\d{2})", year_start),
        # "trong đợt 1/2019": a batch of that year
        (r"năm\s+(?P<y>(?:19|20)\d{2})|đợt\s+\d{1,2}\s*(?:/|năm)\s*(?P<y2>(?:19|20)\d{2})", one_year),
        # "Từ đầu năm đến nay", "trong năm" (no year): the report's year up to its date
        (r"từ\s+đầu\s+năm(?:\s+nay)?(?:\s+(?:đến|tới)\s+nay)?(?!\s*\d)|"
         r"(?:trong\s+năm(?:\s+(?:nay|qua))?|năm\s+nay)(?!\w)"
         r"(?!\s*(?:\d|(?:học|tới|sau|kế|tiếp|trước|đầu|cuối)(?!\w)))",
         year_to_date),
        (rf"(?:hiện\s+nay|hiện\s+có|hiện\s+tại|hiện\s+đang|(?:tính\s+)?(?:đến|tới)\s+{_NOW}|"
         r"(?<!\w)hiện(?=\s+(?:có|đạt|là)))", now),
    ]


_COMPILED_RULES = [(re.compile(p, re.IGNORECASE), build) for p, build in _rules()]
_BARE_DATE = re.compile(rf"(?<![\d/]){_DATE}(?![\d/])|{_DATE_WORDS}", re.IGNORECASE)
# "so với cùng kỳ năm 2017", "so với tổng số đảng viên cuối năm 2017": the base of a comparison
# (a figure may stand in the base's noun phrase: "so với tổng số 1.584 đầu mối năm 2015"; a table's header says
# "So sánh với năm 2015")
_COMPARISON_BEFORE = re.compile(r"(?:so\s+(?:sánh\s+)?với|bằng\s+với|như)\s+(?:tại\s+)?(?:thời\s+điểm\s+)?"
                                r"(?:cùng\s+kỳ\s+)?$|"
                                r"so\s+(?:sánh\s+)?với\s+(?:[^\d,;.:()]|\d+(?:\.\d{3})*(?:,\d+)?(?=\s)){1,50}$",
                                re.IGNORECASE)


class _Taken:
    """The characters of `text` already read as a time expression: whether a new interval overlaps none of them.
    A mark per character: each check reads only its own interval (a sorted list of intervals took a
    list insertion, as long as the list, per expression)."""

    def __init__(self, length: int):
        self.marks = bytearray(length)

    def free(self, a: int, b: int) -> bool:
        return self.marks.find(1, a, b) < 0

    def add(self, a: int, b: int) -> None:
        self.marks[a:b] = b"\x01" * (b - a)


def find_time_expressions(text: str, *, reference_date: dt.date | None = None) -> list[TimeMatch]:
    """Every time expression of `text`, left to right, without overlaps."""
    taken = _Taken(len(text))
    found: list[TimeMatch] = []
    free = taken.free

    for pattern, build in _COMPILED_RULES:
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            while a < b and text[a].isspace():
                a += 1
            if a >= b or not free(a, b):
                continue
            span = build(m, reference_date)
            if span is None:
                continue
            taken.add(a, b)
            comparison = bool(_COMPARISON_BEFORE.search(text[max(0, a - 70):a]))
            found.append(TimeMatch(a, b, span, is_comparison=comparison, is_date_only=build.__name__ == "word_date"))
    for m in _BARE_DATE.finditer(text):
        if free(m.start(), m.end()):
            day = parse_date(m.group(0))
            if day:
                taken.add(m.start(), m.end())
                found.append(TimeMatch(m.start(), m.end(), TimeSpan(day, day, True, label=m.group(0)),
                                       is_date_only=True))
    return sorted(found, key=lambda t: t.start)


def resolve_time(text: str, *, reference_date: dt.date | None = None) -> TimeSpan | None:
    """The first time expression of `text` that can date a fact (not a comparison base)."""
    for match in find_time_expressions(text, reference_date=reference_date):
        if not match.is_comparison and not match.is_date_only:
            return match.span
    return None
