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
from .timeexpr import parse_date
from .timespans import plausible_year, safe_date
from .phrases import CAPITAL

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
    r"\s+(?:tỉnh\s+|huyện\s+|thành\s+phố\s+|thị\s+xã\s+)?" + CAPITAL + r"[^\s,;.:]*(?:\s+[^\s,;.:]+){0,4}?)"
    r"\s+(?:trân\s+trọng\s+)?báo\s+cáo")
NUMBER_RE = re.compile(r"Số\s*:?\s*(\d+[-/][A-ZĐ][\w/-]*)")
CAPTION_RE = re.compile(r"kèm\s+theo\s+Báo\s+cáo\s+số\s+(\d+[-/][\w/-]+)\s+ngày\s+(\d{1,2}/\d{1,2}/\d{4})", re.I)
HEADER_DATE_RE = re.compile(
    r"^[ \t]*\*{0,3}(" + CAPITAL + r"[^\d,\n]{1,40}),\s*ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4})", re.M)
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
HEADER_NUMERIC_DATE_RE = re.compile(rf"^[ \t]*\*{{0,3}}({CAPITAL}[^\d,\n]{{1,40}}),\s*ngày\s*{_FIGURES_DATE}", re.M)
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
    # the period a plan the report is about runs over, when the title or preamble states one reaching past its
    # day ("Đề án sắp xếp ... giai đoạn 2019-2021" in a report of 2019): its goals' horizon
    planned_period: tuple[dt.date, dt.date] | None = None
    latest_date_mentioned: dt.date | None = None  # the latest full date the text names
    data_as_of: dt.date | None = None  # the day the figures are counted at, when the report states one
    congress_date: dt.date | None = None  # the congress opening the report's term, as the report dates it
    # the eve and the day of the rearrangement the report is about ("trước/sau sắp xếp")
    rearrangement: tuple[dt.date | None, dt.date | None] = (None, None)

    @property
    def place(self) -> tuple[str, str] | None:
        return self.places[0] if self.places else None


def plain_line(line: str) -> str:
    return re.sub(r"<sup>.*?</sup>|[*#_\\]", "", line).strip()


def find_place_mentions(text: str) -> list[tuple[str, str]]:
    """(name, level) for each 'tỉnh Bắc Giang', 'Huyện ủy Tây Sơn', 'thị xã Chũ'... in `text`."""
    return [(m.name, m.level) for m in find_places(text)]


def issuer_block(lines: list[str]) -> list[str]:
    """The issuer's lines of the header, outermost first ("TỈNH ỦY QUẢNG NAM", "BAN TỔ CHỨC"): the
    capitalised lines before the document's number, date or title, the motto left out."""
    block = []
    for line in lines[:HEADER_LINES]:
        plain = plain_line(line)
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
        m = ISSUER_RE.search(plain_line(line))
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
    text = "\n".join(plain_line(line) for line in lines)
    header = "\n".join(plain_line(line) for line in lines[:HEADER_LINES])
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
    text = "\n".join(plain_line(line) for line in lines)
    counts = Counter(find_place_mentions(text))
    ranked = [p for p, _ in counts.most_common()]
    header = "\n".join(plain_line(line) for line in lines[:HEADER_LINES])
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
        headline = [plain_line(line) for line in lines[:6] if plain_line(line)][:2]
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
    return plain_line(_GLUED_EMPHASIS_RE.sub(" ", unicodedata.normalize("NFC", line)))


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


def extract_metadata(lines: list[str]) -> DocumentMetadata:
    meta = DocumentMetadata()
    header = "\n".join(plain_line(line) for line in lines[:HEADER_LINES])
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
