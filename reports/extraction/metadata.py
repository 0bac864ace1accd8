"""Document metadata: issuer, number, date (or its bounds), reference date, places, terms.

Reports converted from Word often lose their header: "Số: /BC-SNV" has no number,
"Bắc Giang, ngày tháng năm 2024" no day or month. What survives still bounds the date:
the year of the header, the requests the report answers ("Thực hiện Công văn số 1298/UBND-TH
ngày 18/3/2024" -> written after 18/3/2024), every dated document it cites (all issued before
it), and appendix captions that name the report ("kèm theo Báo cáo số 536-BC/TU ngày
12/3/2024").
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from .places import find_places
from .timeexpr import REARRANGING, REFORM_DATE, find_time_expressions, parse_date, plausible_year, safe_date

# A report answering a request is written within weeks of it; deadlines in these requests run
# from one to four weeks, so the reference date of an undated report is estimated as the
# lower bound plus this many days (then kept inside the bounds).
TYPICAL_ANSWER_DELAY_DAYS = 30

# The national motto and the party's name head the right-hand column of every document: not an issuer.
MOTTO_RE = re.compile(r"^(?:cộng\s+hòa\s+xã\s+hội|cộng\s+hoà\s+xã\s+hội|đảng\s+cộng\s+sản\s+việt\s+nam|độc\s+lập)",
                      re.IGNORECASE)
ISSUER_RE = re.compile(
    r"((?:Ban\s+Thường\s+vụ\s+|Ban\s+Chấp\s+hành\s+(?:Đảng\s+bộ\s+)?|Thường\s+trực\s+)?"
    r"(?:Tỉnh\s+ủy|Huyện\s+ủy|Thành\s+ủy|Thị\s+ủy|Đảng\s+ủy|Sở|UBND|Ủy\s+ban\s+nhân\s+dân|Ban|Văn\s+phòng|Phòng)"
    r"\s+(?:tỉnh\s+|huyện\s+|thành\s+phố\s+|thị\s+xã\s+)?[A-ZĐÀ-Ỹ][^\s,;.:]*(?:\s+[^\s,;.:]+){0,4}?)"
    r"\s+(?:trân\s+trọng\s+)?báo\s+cáo")
NUMBER_RE = re.compile(r"Số\s*:?\s*(\d+[-/][A-ZĐ][\w/-]*)")
CAPTION_RE = re.compile(r"kèm\s+theo\s+Báo\s+cáo\s+số\s+(\d+[-/][\w/-]+)\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.I)
HEADER_DATE_RE = re.compile(
    r"^[ \t]*\*{0,3}([A-ZĐÀ-Ỹ][^\d,\n]{1,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.M)
REQUEST_RE = re.compile(
    r"(?:Thực\s+hiện|Theo|Căn\s+cứ)\s+(?:Công\s+văn|Kế\s+hoạch|Hướng\s+dẫn|Thông\s+báo|Chỉ\s+thị|Quyết\s+định|"
    r"Nghị\s+quyết|Kết\s+luận|Văn\s+bản)\s+số\s+[^\s]+\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.I)
CITED_DOC_DATE_RE = re.compile(r"số\s+\d+[-/][\w/-]*\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.I)
# A copy saved from a web page dates itself in a dateline: "Cập nhật lúc 22:38, Thứ Hai, 08/10/2018
# (GMT+7)", "Ngày đăng: 14:36, 17/09/2016", "Thứ Sáu, 19/04/2025" (a weekday right before the date:
# "lần thứ sáu Ban Chấp hành ... ngày 25/10/2017" is no dateline).
_POSTED = r"cập\s+nhật|ngày\s+đăng|đăng\s+ngày|ngày\s+cập\s+nhật|xuất\s+bản"
_WEEKDAY = r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật"
_FIGURES_DATE = r"(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})"
DATELINE_RE = re.compile(
    rf"(?:{_POSTED})[^\n]{{0,40}}?{_FIGURES_DATE}|"
    rf"(?<!lần\s)(?<!\w)(?:{_WEEKDAY})\s*[,-]?\s*(?:ngày\s*)?{_FIGURES_DATE}", re.I)
# "Hà Nội, ngày 15/3/2024" or "ngày 15-3-2024": the header's date written with figures.
HEADER_NUMERIC_DATE_RE = re.compile(rf"^[ \t]*\*{{0,3}}([A-ZĐÀ-Ỹ][^\d,\n]{{1,40}}),\s*ngày\s*{_FIGURES_DATE}", re.M)
# What a dateline starts with, never a place: "Thứ Hai, ngày 04/03/2024", "Cập nhật, ngày ..."
_DATELINE_WORDS_RE = re.compile(rf"^(?:thứ\s|chủ\s+nhật|{_POSTED})", re.I)
ANY_FULL_DATE_RE = re.compile(r"(?<![\d/.-])(\d{1,2}[/-]\d{1,2}[/-](?:19|20)\d{2}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
                              r"(?![\d/])", re.IGNORECASE)
# A page saved with its publication date first: "date 2025-04" or "date 2025-11-03".
SAVED_PAGE_DATE_RE = re.compile(r"^\s*date\s+((?:19|20)\d{2})-(\d{1,2})(?:-(\d{1,2}))?(?!\d)", re.IGNORECASE)
TERM_RE = re.compile(r"nhiệm\s+kỳ\s+((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})", re.I)
HEADER_LINES = 15


@dataclass
class DocumentMetadata:
    issuer: str | None = None
    number: str | None = None
    date: dt.date | None = None
    date_not_before: dt.date | None = None
    date_not_after: dt.date | None = None
    reference_date: dt.date | None = None
    reference_date_basis: str = ""  # how reference_date was chosen, for the reader
    given_date_unused: dt.date | None = None  # a date the user gave for a report that states its own
    place_from_header: bool = False  # places[0] is the issuer's or the header's place
    place_mentions: dict[tuple[str, str], int] = field(default_factory=dict)  # how often each place is named
    places: list[tuple[str, str]] = field(default_factory=list)  # (name, level), best first
    # The issuer's places, outermost first ("Phú Thọ" province, "Thanh Sơn" commune): the document is
    # about the last, found within the ones before it.
    header_chain: list[tuple[str, str]] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)  # "2020-2025", most cited first
    title: str = ""
    # The period the report says it covers, stated once in its title or preamble ("kết quả ... từ sau
    # Đại hội ... đến nay", "6 tháng đầu năm 2024"): the default of its undated changes.
    reporting_period: tuple[dt.date, dt.date] | None = None
    latest_date_mentioned: dt.date | None = None  # the latest full date the text names
    data_as_of: dt.date | None = None  # the day the figures are counted at, when the report states one
    congress_date: dt.date | None = None  # the congress opening the report's term, as the report dates it
    # the eve and the day of the rearrangement the report is about ("trước/sau sắp xếp")
    rearrangement: tuple[dt.date | None, dt.date | None] = (None, None)

    @property
    def place(self) -> tuple[str, str] | None:
        return self.places[0] if self.places else None


def _plain(line: str) -> str:
    return re.sub(r"<sup>.*?</sup>|[*#_\\]", "", line).strip()


def find_place_mentions(text: str) -> list[tuple[str, str]]:
    """(name, level) for each 'tỉnh Bắc Giang', 'Huyện ủy Tây Sơn', 'thị xã Chũ'... in `text`."""
    return [(m.name, m.level) for m in find_places(text)]


def issuer_block(lines: list[str]) -> list[str]:
    """The issuer's lines of the header, outermost first ("TỈNH ỦY QUẢNG NAM", "BAN TỔ CHỨC"): the
    capitalised lines before the document's number, date or title, the motto left out."""
    block = []
    for line in lines[:HEADER_LINES]:
        plain = _plain(line)
        if not plain:
            continue
        if re.match(r"(?:số\b|báo\s+cáo)", plain, re.IGNORECASE) or HEADER_DATE_RE.match(plain) \
                or HEADER_NUMERIC_DATE_RE.match(plain):
            break
        letters = [c for c in plain if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) >= 0.8 * len(letters) and not MOTTO_RE.match(plain):
            block.append(plain)
    return block


def _issuer(lines: list[str]) -> str | None:
    block = issuer_block(lines)
    if block:
        return " — ".join(block)
    for line in lines:
        m = ISSUER_RE.search(_plain(line))
        if m:
            return " ".join(m.group(1).split())
    return None


def header_chain(lines: list[str]) -> list[tuple[str, str]]:
    """The places the issuer's lines name, outermost first, with the prefix they are written with (it tells
    namesakes apart: "Huyện Cao Lãnh", not the city): ("Tỉnh Đồng Tháp", province), ("Huyện Cao Lãnh", district)."""
    return [(m.written, m.level) for line in issuer_block(lines) for m in find_places(line)]


def _issuer_place(issuer: str | None) -> tuple[str, str] | None:
    if not issuer:
        return None
    mentions = find_place_mentions(issuer)
    return mentions[-1] if mentions else None


def _dates(text: str, pattern: re.Pattern) -> list[dt.date]:
    return [d for d in (parse_date(m.group(1)) for m in pattern.finditer(text)) if d]


def _date_and_bounds(lines: list[str], meta: DocumentMetadata) -> None:
    text = "\n".join(_plain(line) for line in lines)
    header = "\n".join(_plain(line) for line in lines[:HEADER_LINES])
    year_bounds = None
    m = HEADER_DATE_RE.search(header)
    if m:
        day, month, year = m.group(2), m.group(3), int(m.group(4))
        if day and month:
            meta.date = safe_date(year, int(month), int(day))
        if plausible_year(year):  # "năm 0000" in a template's header dates nothing
            year_bounds = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    else:
        in_figures = HEADER_NUMERIC_DATE_RE.search(header)
        dateline = DATELINE_RE.search(header)
        written = in_figures.group(2) if in_figures else dateline and (dateline.group(1) or dateline.group(2))
        meta.date = _figures_date(written) if written else None
        saved = SAVED_PAGE_DATE_RE.match(header)
        if meta.date is None and saved:
            year, month, day = int(saved.group(1)), int(saved.group(2)), saved.group(3)
            meta.date = safe_date(year, month, int(day)) if day else None
            if meta.date is None and 1 <= month <= 12:
                last = calendar.monthrange(year, month)[1]
                year_bounds = (dt.date(year, month, 1), dt.date(year, month, last))
    caption = CAPTION_RE.search(text)
    if caption:
        meta.number = meta.number or caption.group(1)
        meta.date = meta.date or parse_date(caption.group(2))
    cited = _dates(text, REQUEST_RE) + _dates(text, CITED_DOC_DATE_RE)
    if meta.date:
        meta.date_not_before = meta.date_not_after = meta.date
        return
    if year_bounds:
        meta.date_not_before, meta.date_not_after = year_bounds
    meta.latest_date_mentioned = max(_dates(text, ANY_FULL_DATE_RE), default=None)
    cited = [d for d in cited if meta.date_not_after is None or d <= meta.date_not_after]
    if cited:
        latest = max(cited)
        if meta.date_not_before is None or latest > meta.date_not_before:
            meta.date_not_before = latest
        if meta.date_not_after is None:
            meta.date_not_after = dt.date(latest.year, 12, 31)


def _figures_date(text: str) -> dt.date | None:
    day, month, year = (int(part) for part in re.split(r"[/.-]", text))
    return safe_date(year, month, day)


def given_date_apply(meta: DocumentMetadata, date: dt.date) -> None:
    """The date the person ingesting the report gave, for a report that does not state its own (its
    own wins: `given_date_unused` then says so). `date` stays None: the report did not say it."""
    if meta.date:
        meta.given_date_unused = date if date != meta.date else None
        return
    meta.date_not_before = meta.date_not_after = date
    meta.reference_date, meta.reference_date_basis = date, "the date given when ingesting"


def _reference_date(meta: DocumentMetadata) -> None:
    if meta.date:
        meta.reference_date, meta.reference_date_basis = meta.date, "the document's date"
        return
    lo, hi = meta.date_not_before, meta.date_not_after
    if lo is None:
        if meta.latest_date_mentioned is not None:
            # a text with no date of its own (a news copy) is written after every day it reports
            meta.date_not_before = meta.reference_date = meta.latest_date_mentioned
            meta.reference_date_basis = "undated; the latest day the text mentions"
        return
    estimate = lo + dt.timedelta(days=TYPICAL_ANSWER_DELAY_DAYS)
    if hi and estimate > hi:
        estimate = hi
    if lo == dt.date(lo.year, 1, 1) and hi == dt.date(lo.year, 12, 31):
        estimate = dt.date(lo.year, 7, 1)  # only the year is known: its middle
        meta.reference_date_basis = "middle of the year of the undated header"
    elif hi and lo.day == 1 and (lo.year, lo.month) == (hi.year, hi.month) \
            and hi.day == calendar.monthrange(hi.year, hi.month)[1]:
        estimate = lo.replace(day=15)  # only the month is known (a page saved with "date 2025-04")
        meta.reference_date_basis = "middle of the month the saved page is dated"
    else:
        meta.reference_date_basis = (
            f"undated; written after {lo.isoformat()} (latest request or cited document): "
            f"that date plus {TYPICAL_ANSWER_DELAY_DAYS} days")
    meta.reference_date = estimate


def _places(lines: list[str], issuer: str | None) -> tuple[list[tuple[str, str]], bool, Counter]:
    """The places the report names, best first, whether the first is the issuer's or the header's,
    and how often each is named."""
    text = "\n".join(_plain(line) for line in lines)
    counts = Counter(find_place_mentions(text))
    ranked = [p for p, _ in counts.most_common()]
    header = "\n".join(_plain(line) for line in lines[:HEADER_LINES])
    m = HEADER_DATE_RE.search(header) or HEADER_NUMERIC_DATE_RE.search(header)
    header_place = m.group(1).strip() if m else None
    if header_place and _DATELINE_WORDS_RE.match(header_place):
        header_place = None
    chain = [(m.name, m.level) for line in issuer_block(lines) for m in find_places(line)]
    first = chain[-1] if chain else _issuer_place(issuer)
    if first is None and header_place:
        # "Huyện Lục Nam, ngày ...": the prefix says the level; a bare name takes the level it is named at.
        prefixed = find_place_mentions(header_place)
        levels = [lvl for name, lvl in ranked if name == header_place]
        first = prefixed[0] if prefixed else (header_place, levels[0] if levels else "province")
    from_header = first is not None
    if first is None:
        # a news copy names its subject in its headline ("Phường Tân Lập xác định ...")
        headline = [_plain(line) for line in lines[:6] if _plain(line)][:2]
        named = [m for line in headline for m in find_places(line)]
        first = (named[0].name, named[0].level) if named else None
    if first is None and ranked:
        provinces = [p for p in ranked if p[1] == "province"]
        first = provinces[0] if provinces else ranked[0]
    return ([first] if first else []) + [p for p in ranked if p != first], from_header, counts


TITLE_WORD = "BÁO CÁO"
TITLE_MAX_LINES = 4  # a title set over more lines than this is the preamble running on
# Star runs glued between two words ("BÁO CÁO****tổng kết", "năm 2025***(kèm theo"): a converter's join of
# two centred header lines, a line break to a reader.
_GLUED_EMPHASIS_RE = re.compile(r"(?<=\S)\*{3,}(?=\S)")
# What follows a title without a blank line and is not part of it: a note in brackets ("(Tài liệu phục vụ
# Hội nghị…)"), a rule, the addressee, the preamble or its first part. Case matters: "thực hiện Nghị quyết…"
# in lower case continues a title, "Thực hiện Công văn…" opens the preamble.
_TITLE_END_RE = re.compile(r"^(?:[(\[]|[-–=]{3,}|Kính\s+gửi|Thực\s+hiện|Căn\s+cứ|(?i:số)\s*:|[IVX]+\s*[.\-–]\s)")
TITLE_TRAILING_PUNCTUATION = " ;,:"


def clean_title(text: str) -> str:
    """A title as one line: NFC, one space between words, without the ';', ',' or ':' its last header line
    ended with (it announced the next line, or the preamble)."""
    words = unicodedata.normalize("NFC", text).split()
    return " ".join(words).rstrip(TITLE_TRAILING_PUNCTUATION)


def _title_line(line: str) -> str:
    return _plain(_GLUED_EMPHASIS_RE.sub(" ", unicodedata.normalize("NFC", line)))


def _title(lines: list[str]) -> str:
    """The words after "BÁO CÁO": the rest of its line and the lines that continue it, or else the paragraph
    right below it, joined with spaces ("…nhiệm kỳ 2020 - 2025;" / "phương hướng…" is one title)."""
    for i, line in enumerate(lines[:HEADER_LINES]):
        plain = _title_line(line)
        if not plain.upper().startswith(TITLE_WORD):
            continue
        pieces = [plain[len(TITLE_WORD):].strip()]
        following = lines[i + 1:i + 1 + TITLE_MAX_LINES]
        if not pieces[0]:  # "BÁO CÁO" alone: the title is the next paragraph, after its blank lines
            while following and not _title_line(following[0]):
                following = following[1:]
            if following:
                pieces, following = [_title_line(following[0])], following[1:]
        for nxt in following:
            plain = _title_line(nxt)
            if not plain or _TITLE_END_RE.match(plain) or nxt.lstrip().startswith("#"):  # "#": a new heading
                break
            pieces.append(plain)
        return clean_title(" ".join(pieces))
    return ""


PREAMBLE_END_RE = re.compile(r"^\s*(?:#+\s*)?\**\s*(?:[IVX]+\s*[.\-–]|PHẦN\s|\d+\.\s+[A-ZĐÀ-Ỹ])")
PREAMBLE_LINES = 40
# The title and preamble are read for the report's period up to this many characters: real ones hold a few
# hundred (under 900 in the corpus); a longer run is the body on one line (a flattened or hostile file),
# where reading on would find the body's periods at the cost of one more pass over all of it.
PREAMBLE_MAX_CHARS = 20_000


# "báo cáo kết quả từ ... đến ...", "báo cáo như sau (từ ... đến ...)": the report's own period.
REPORTED_PERIOD_RE = re.compile(r"báo\s+cáo[^.;:]{0,40}$", re.IGNORECASE)
# "từ ngày 16/9/2021 đến ngày 15/10/2021, Đoàn giám sát đã làm việc ...": the days of a mission, not the period
# its findings are about
MISSION_AFTER_RE = re.compile(r"\s*,?\s*(?:các\s+)?đoàn\s+(?:giám\s+sát|kiểm\s+tra|công\s+tác|khảo\s+sát)", re.IGNORECASE)
# "(số liệu tính đến ngày 15/12/2023)", "số liệu đến 30/6": the day a report's figures are counted at.
DATA_CUTOFF_RE = re.compile(r"(?:số\s+liệu|thống\s+kê)[^\d;.]{0,20}$", re.IGNORECASE)
# "Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XI (ngày 16/7/2015)", "Đại hội ... (tháng 10/2020)": the
# congress that opened the term the report is about, on the day the report gives it.
CONGRESS_DATE_RE = re.compile(
    r"đại\s+hội\s+(?:đại\s+biểu\s+)?đảng\s+bộ[^().;]{0,60}?lần\s+thứ\s+[IVXLC]+[^().;]{0,40}?"
    r"\(\s*(?:ngày\s+|tháng\s+)?(?:(\d{1,2})[/-])?(\d{1,2})[/-]((?:19|20)\d{2})\s*\)", re.IGNORECASE)


def reporting_period_read(lines: list[str], meta: DocumentMetadata) -> None:
    """What the title and the preamble (the text before the first numbered part) say of the report's
    time: the period it covers (the longest they state), the day its figures are counted at (a stated
    cutoff, else that period's end when it is stated as a day), and the congress that opened its term."""
    if meta.reference_date is None:
        return
    preamble = []
    title_at = next((i for i, line in enumerate(lines[:HEADER_LINES]) if _plain(line).upper().startswith("BÁO CÁO")), 0)
    for line in lines[title_at + 1:title_at + PREAMBLE_LINES]:
        if PREAMBLE_END_RE.match(line) and preamble:
            break
        preamble.append(_plain(line))
    text = " ".join([meta.title] + preamble)[:PREAMBLE_MAX_CHARS]
    periods, cutoffs, reported = [], [], []
    for match in find_time_expressions(text, reference_date=meta.reference_date):
        span = match.span
        if match.is_comparison or span.is_target or not span.start:
            continue
        if span.is_stock and DATA_CUTOFF_RE.search(text[max(0, match.start - 30):match.start]):
            cutoffs.append(span.start)
        elif not span.is_stock and not match.is_date_only and not MISSION_AFTER_RE.match(text, match.end):
            periods.append(span)
            if REPORTED_PERIOD_RE.search(text[max(0, match.start - 50):match.start]):
                reported.append(span)
    if periods:
        # the longest, the first stated of equals (max keeps the first; looking each up by index was quadratic)
        longest = max(periods, key=lambda s: (s.end or meta.reference_date) - s.start)
        end = min(longest.end or meta.reference_date, meta.reference_date)
        meta.reporting_period = (longest.start, end)
        # the report's own period up to a day before it ("báo cáo kết quả từ đầu nhiệm kỳ đến ngày 30/6/2023")
        # counts its figures at that day; a period of what was examined ("giám sát ... từ năm 2015 đến ngày
        # 30/9/2018") leaves its "hiện nay" at the report's date
        days = [s.end for s in reported if s.end and s.end < meta.reference_date]
        if days:
            meta.data_as_of = max(days)
    if cutoffs and cutoffs[-1] <= meta.reference_date:
        meta.data_as_of = cutoffs[-1]
        if meta.reporting_period:
            meta.reporting_period = (meta.reporting_period[0], min(meta.reporting_period[1], cutoffs[-1]))
    meta.rearrangement = rearrangement_dates("\n".join(_plain(line) for line in lines),
                                             reference_date=meta.reference_date)
    congress = CONGRESS_DATE_RE.search("\n".join(_plain(line) for line in lines))
    if congress:
        day = int(congress.group(1)) if congress.group(1) else 1
        found = safe_date(int(congress.group(3)), int(congress.group(2)), day)
        if found and found <= meta.reference_date:
            meta.congress_date = found


def extract_metadata(lines: list[str]) -> DocumentMetadata:
    meta = DocumentMetadata()
    header = "\n".join(_plain(line) for line in lines[:HEADER_LINES])
    number = NUMBER_RE.search(header)
    meta.number = number.group(1) if number else None
    meta.issuer = _issuer(lines)
    _date_and_bounds(lines, meta)
    _reference_date(meta)
    meta.places, meta.place_from_header, meta.place_mentions = _places(lines, meta.issuer)
    meta.header_chain = header_chain(lines)
    terms = Counter(f"{a}-{b}" for a, b in TERM_RE.findall("\n".join(lines)))
    meta.terms = [t for t, _ in terms.most_common()]
    meta.title = _title(lines)
    return meta


# Where a report dates its rearrangement: "Trước khi sắp xếp (thời điểm 30/11/2019)", "có hiệu lực từ ngày
# 01/12/2019" in a sentence about the rearrangement.
_DATED_BEFORE_RE = re.compile(rf"trước\s+(?:khi\s+)?(?:thực\s+hiện\s+)?{REARRANGING}[^.;]{{0,40}}?$", re.IGNORECASE)
_EFFECTIVE_RE = re.compile(r"(?:(?:có\s+hiệu\s+lực(?:\s+thi\s+hành)?|chính\s+thức\s+hoạt\s+động)\s*(?:kể\s+)?(?:từ\s+)?|"
                           r"(?<!\w)(?:kể\s+)?từ\s+)(?:ngày\s+)?$", re.IGNORECASE)
# "Tại thời điểm 30/9/2017, trước khi sắp xếp, ...": the day, then the words that make it the eve
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
            if not t.span.is_stock or t.span.start is None:
                continue
            lead = sentence[max(0, t.start - 60):t.start]
            if stated_before is None and (_DATED_BEFORE_RE.search(lead.replace("(", " "))
                                          or _BEFORE_AFTER_DAY_RE.match(sentence[t.end:t.end + 30])):
                stated_before = t.span.start
            elif stated_after is None and _EFFECTIVE_RE.search(lead):
                stated_after = t.span.start
    if stated_after is not None:
        after = stated_after
        before = stated_before or stated_after - dt.timedelta(days=1)
    elif stated_before is not None:
        before = stated_before
    return before, after
