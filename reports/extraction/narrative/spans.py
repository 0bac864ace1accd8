"""Layer 3: the numbers of a paragraph that may state a statistic, with their exact spans.

Numbers are read by the project's one number parser (reports.extraction.numbers), in figures
("1.224", "15,15%", "2 triệu") or in words ("hai mươi ba"). First the numbers that never state a
statistic are blanked (NOT_STATISTICS, in order: document numbers, dates without a year, clock
times, places named by a number, list markers, durations, years, codes), as are the time
expressions already read. Then the numbers that belong together are linked: a fraction "N/M" (M is
the whole), a range "N-M" or "từ N đến M" (bounds of one figure).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..lexicon import BODY_KIND, NOUN, ROLE, all_terms
from ..numbers import NUMBER_RE, NUMBER_WORDS_RE, SCALE_WORDS, parse_amount, parse_number_words
from ..timespans import TimeMatch

# ", 67" or "và 67" ending a list of numbers ("Nghị định 178 và 67", "các phường 1, 2, 3"): more of the
# same identifiers, not a count (a count has its noun after it).
_MORE_IDS = (r"(?:(?:\s*,\s*|\s+và\s+)\d+"
             r"(?=\s*(?:[,;.)]|(?:và|của|với|để|theo|được|đã|thành|vào|về|tại|ở)(?!\w)|$)))*")
NOT_STATISTICS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(pattern, re.IGNORECASE)) for name, pattern in (
    ("a document's number", r"(?<![\w])\d+(?:[.,/-]\d+)*[-/][a-zđ][\w-]*(?:/[\w-]+)*"),
    ("a rank", r"(?:xếp\s+)?(?:thứ|hạng|vị\s+trí)\s+\d+(?:\s*/\s*\d+)?"),
    ("a numbered document", r"(?:nghị\s+quyết|kế\s+hoạch|quyết\s+định|chỉ\s+thị|kết\s+luận|quy\s+định|"
     r"hướng\s+dẫn|thông\s+báo|công\s+văn|đề\s+án|thông\s+tư|nghị\s+định|chương\s+trình|điều|khoản|trung\s+ương|"
     r"tờ\s+trình|số\s+nhà|đường\s+tỉnh|quốc\s+lộ|quân\s+đoàn|sư\s+đoàn|mức|lần\s+thứ|khóa|covid|hđ|hội\s+nghị|"
     r"đợt|vòng|phụ\s+lục|biểu|biểu\s+số|mẫu|mục|phần|trang|hạng|loại|cấp\s+độ|nhóm|bước|tiêu\s+chí)\s*[-–]?\s*"
     rf"(?:số\s+)?\d+{_MORE_IDS}"),
    ("a place named by a number", rf"(?<!\w)(?:phường|quận|khu\s+phố|khóm|ấp|xóm|tổ|đội|khu|thôn|bản|khối)\s+\d+"
     rf"(?![\d.,]*\s*%)(?!\s*(?:xã|phường|thôn|tổ|người|đảng|đơn|chi))" + _MORE_IDS),
    ("a date written year first", r"(?<!\d)(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)|(?<!\d)(?:19|20)\d{2}-\d{1,2}(?![\d-])"),
    ("a day without its year", r"(?:ngày|sáng|chiều|trưa|tối|đêm|hôm)\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?![\d/])"),
    ("a clock time", r"(?<![\d.,])\d{1,2}\s*(?::|giờ|h)\s*\d{2}(?!\d)|(?:gmt|utc)\s*[+-]\s*\d{1,2}"),
    ("a list marker", r"\(\s*\d+\s*\)|^\s*[-+]?\s*\d+(?:\.\d+)*[.)](?=\s)"),
    # "Chi bộ số 9", "Tổ số 12": a body named by a number
    ("a body named by a number", r"(?:chi\s+bộ|đảng\s+bộ|tổ|đội|khu|trường)\s+số\s+\d+"),
    # "06 chi bộ trên 80 đảng viên", "chi bộ có từ 50 đến 80 đảng viên": a size band labels a count of bodies
    ("a size band", r"(?:(?<=chi bộ)|(?<=đảng bộ)|(?<=tổ chức)|(?<=thôn)|(?<=xã))\s+(?:có\s+)?(?:trên|dưới|hơn|từ)\s+\d+"
     r"(?:\s*(?:đến|[-–])\s*\d+)?(?=\s+(?:đảng\s+viên|người|hộ)(?!\w))"),
    # "Tuổi đời từ 18 đến 30:", "dưới 30 tuổi", "từ 31-40 tuổi": an age band labels a count
    ("an age band", r"tuổi(?:\s+đời)?\s*(?:từ\s+)?\d+\s*(?:[-–]|đến)\s*\d+(?:\s*tuổi)?|"
     r"(?:từ|dưới|trên|ngoài)\s+\d+\s*(?:(?:[-–]|đến)\s*\d+\s*)?tuổi"),
    ("a duration", r"(?<![\d.,])\d+\s+(?:năm|tháng|ngày|giờ|tuần|quý|phút)(?!\w)(?!\s+(?:19|20)\d\d)"),
    ("a day", r"ngày\s+\d+"),
    ("a year left over", r"(?<![\d.,])(?:19|20)\d{2}(?!\d|[.,]\d)"),
    ("a slogan", r"“[^”]{0,40}”|\"[^\"]{0,40}\""),
    ("a code or a measure glued to letters", r"(?<=[^\W\d_])\d+|\b\d+[a-zđ]{1,3}\d?\b"),
))
QUALIFIERS: tuple[tuple[str, str], ...] = (
    # (words right before the number, the qualifier stored)
    ("không quá", "không quá"), ("tối đa", "không quá"), ("không dưới", "từ … trở lên"), ("tối thiểu", "từ … trở lên"),
    ("ít nhất", "từ … trở lên"), ("gần", "gần"), ("hơn", "hơn"), ("trên", "trên"), ("khoảng", "khoảng"),
    ("dưới", "dưới"), ("xấp xỉ", "khoảng"), ("ước", "khoảng"), ("ước khoảng", "khoảng"),
)
_QUALIFIERS_WRITTEN = tuple((re.compile(rf"(?<!\w){words}$"), qualifier) for words, qualifier in QUALIFIERS)
_FROM_RE = re.compile(r"(?<!\w)từ$")
_AND_ABOVE_RE = re.compile(r"\s*(?:\S+\s+)?trở\s+lên")
_AMBIGUOUS_NUMBER_WORDS = {"năm", "tư", "mốt", "lăm", "nhăm", "không", "linh", "lẻ"}
_NOT_A_COUNT_BEFORE_WORDS = re.compile(r"(?:hàng|mấy|vài|những|các|mỗi|từng)\s*$")
_SCALE_RE = re.compile(rf"\s*({SCALE_WORDS})")
_PERCENT_RE = re.compile(r"\s*(?:%|phần\s+trăm(?!\w))")
_POINTS_RE = re.compile(r"\s*điểm\s+(?:%|phần\s+trăm)")
_DIGIT_RE = re.compile(r"\d")


@dataclass
class NumberSpan:
    start: int  # offsets in the paragraph text
    end: int  # end of the number (its scale word and % included)
    value: Decimal
    is_percent: bool = False
    points: bool = False  # "tăng 2,3 điểm phần trăm": percentage points
    in_words: bool = False
    qualifier: str = ""
    numerator: "NumberSpan | None" = None  # set on M of "N/M"
    denominator: "NumberSpan | None" = None  # set on N of "N/M"
    bound: str = ""  # "min"/"max" of a range
    range_other: "NumberSpan | None" = None
    number_end: int = 0  # end of the digits themselves (the exact span to highlight)


def masked_text(folded: str, times: list[TimeMatch]) -> str:
    """The folded text with time expressions and numbers that state no statistic blanked."""
    chars = list(folded)
    for t in times:
        chars[t.start:t.end] = " " * (t.end - t.start)
    masked = "".join(chars)
    if not _DIGIT_RE.search(masked):  # the patterns only ever blank digits: nothing to do without one
        return masked
    for _, pattern in NOT_STATISTICS:
        masked = pattern.sub(lambda m: _DIGIT_RE.sub(" ", m.group(0)), masked)
    return masked


def find_numbers(masked: str) -> list[NumberSpan]:
    """The candidate statistics of a paragraph, left to right, linked as fractions and ranges."""
    spans = [_in_figures(masked, m) for m in NUMBER_RE.finditer(masked)]
    spans += [s for s in (_in_words(masked, m) for m in NUMBER_WORDS_RE.finditer(masked)) if s is not None]
    spans = sorted((s for s in spans if s is not None), key=lambda s: s.start)
    _link(masked, spans)
    return spans


def _in_figures(masked: str, m: re.Match) -> NumberSpan | None:
    value = parse_amount(m.group(0), None)
    if value is None:
        return None
    end = m.end()
    scale = _SCALE_RE.match(masked, end)
    if scale:
        value, end = parse_amount(m.group(0), scale.group(1)), scale.end()
    span = NumberSpan(m.start(), end, value, number_end=m.end())
    _percent(masked, span)
    span.qualifier = _qualifier(masked, span)
    return span


def _in_words(masked: str, m: re.Match) -> NumberSpan | None:
    """"hai mươi ba đơn vị hành chính": a number in words is a figure only when the noun of a count
    follows it, it is more than one, it is not a word that also means something else on its own
    ("năm" is also a year, "tư" in "đầu tư"), and no "hàng", "mấy"... stands before it ("hàng trăm")."""
    words = m.group(0).split()
    value = parse_number_words(m.group(0))
    if value is None or value <= 1 or (len(words) == 1 and words[0] in _AMBIGUOUS_NUMBER_WORDS) \
            or _NOT_A_COUNT_BEFORE_WORDS.search(masked[max(0, m.start() - 8):m.start()]):
        return None
    following = re.match(r"\s+", masked[m.end():m.end() + 3])
    if following is None or re.search(r"(?<!\w)thứ\s*$", masked[max(0, m.start() - 6):m.start()]):
        return None  # "lần thứ tám": an ordinal
    noun = all_terms().at(masked, m.end() + following.end())
    if noun is None or not any(t.role in (NOUN, ROLE, BODY_KIND) for t in noun[1]):
        return None
    span = NumberSpan(m.start(), m.end(), value, in_words=True, number_end=m.end())
    _percent(masked, span)
    return span


def _percent(masked: str, span: NumberSpan) -> None:
    points = _POINTS_RE.match(masked, span.end)
    if points:
        span.is_percent, span.points, span.end = True, True, points.end()
        return
    percent = _PERCENT_RE.match(masked, span.end)
    if percent:
        span.is_percent, span.end = True, percent.end()


def _qualifier(masked: str, span: NumberSpan) -> str:
    before = masked[max(0, span.start - 14):span.start].rstrip()
    after = masked[span.end:span.end + 14]
    if _FROM_RE.search(before) and _AND_ABOVE_RE.match(after):
        return "từ … trở lên"
    for written, qualifier in _QUALIFIERS_WRITTEN:
        if written.search(before):
            return qualifier
    return ""


def _link(masked: str, spans: list[NumberSpan]) -> None:
    for a, b in zip(spans, spans[1:]):
        between = masked[a.end:b.start]
        if between.strip() == "/" and not a.is_percent:
            a.denominator, b.numerator = b, a  # N/M: M is the whole
        elif (re.fullmatch(r"\s*(?:[-–]|đến|tới)\s*", between) and not a.is_percent) \
                or (a.is_percent and b.is_percent and re.fullmatch(r"\s*[-–]\s*", between)):
            a.bound, b.bound, a.range_other, b.range_other = "min", "max", b, a
            a.is_percent = a.is_percent or b.is_percent
