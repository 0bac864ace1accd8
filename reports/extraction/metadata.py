"""Document metadata: issuer, number, date (or its bounds), reference date, places, terms.

Reports converted from Word often lose their header: "Số: /BC-SNV" has no number,
"Bắc Giang, ngày tháng năm 2024" no day or month. What survives still bounds the date:
the year of the header, the requests the report answers ("Thực hiện Công văn số 1298/UBND-TH
ngày 18/3/2024" -> written after 18/3/2024), every dated document it cites (all issued before
it), and appendix captions that name the report ("kèm theo Báo cáo số 536-BC/TU ngày
12/3/2024").
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from .timeexpr import parse_date, safe_date

# A report answering a request is written within weeks of it; deadlines in these requests run
# from one to four weeks, so the reference date of an undated report is estimated as the
# lower bound plus this many days (then kept inside the bounds).
TYPICAL_ANSWER_DELAY_DAYS = 30

PLACE_LEVEL_PREFIXES = (
    # (prefix as written before a name, level of the named place)
    ("tỉnh ủy", "province"), ("tỉnh", "province"), ("thành phố trực thuộc trung ương", "province"),
    ("huyện ủy", "district"), ("thành ủy", "district"), ("thị ủy", "district"),
    ("huyện", "district"), ("thị xã", "district"), ("quận", "district"), ("thành phố", "district"),
    ("đảng ủy xã", "commune"), ("xã", "commune"), ("phường", "commune"), ("thị trấn", "commune"),
)
# Capitalised words that follow a prefix without being a place name.
_NOT_PLACE_WORDS = {
    "Ủy", "Uỷ", "UBND", "HĐND", "Đảng", "Nhân", "Trung", "Ban", "Sở", "Chủ", "Bí", "Nghị", "Kế",
    "Quyết", "Chỉ", "Thường", "Hội", "Văn", "Phòng", "Đoàn", "Tổ", "Công", "Báo", "Mặt", "MTTQ",
    "Quý", "TT", "Tên", "Thực", "Số", "Tổng", "Trong", "Các", "Đối", "Theo", "Năm", "Tháng", "Ngày",
}
# The commonest family names: after a place's first two words they start a person's name.
_FAMILY_NAMES = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
                 "Hồ", "Ngô", "Dương", "Lý"}
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
    terms: list[str] = field(default_factory=list)  # "2020-2025", most cited first
    title: str = ""

    @property
    def place(self) -> tuple[str, str] | None:
        return self.places[0] if self.places else None


def _plain(line: str) -> str:
    return re.sub(r"<sup>.*?</sup>|[*#_]", "", line).strip()


def _place_name_after(text: str, start: int) -> str | None:
    """Up to three capitalised words starting at `start`: 'Bắc Giang', 'Tây Sơn'."""
    words = []
    line_end = text.find("\n", start)
    for m in re.finditer(r"\S+", text[start:line_end if line_end != -1 else len(text)]):
        word = m.group(0)
        core = word.rstrip(",;.:)(\"'”*")
        if not core or not core[0].isupper() or core in _NOT_PLACE_WORDS or not core.isalpha():
            break
        if len(words) >= 2 and core in _FAMILY_NAMES:
            break  # "tỉnh Vĩnh Long Nguyễn Mạnh Hùng": the place ends where a person's name begins
        words.append(core)
        if core != word or len(words) == 3:
            break
    return " ".join(words) if words else None


def find_place_mentions(text: str) -> list[tuple[str, str]]:
    """(name, level) for each 'tỉnh Bắc Giang', 'Huyện ủy Tây Sơn', 'thị xã Chũ'... in `text`."""
    found = []
    prefixes = "|".join(re.escape(p) for p, _ in PLACE_LEVEL_PREFIXES)
    for m in re.finditer(rf"(?<!\w)({prefixes})\s+", text, re.IGNORECASE):
        name = _place_name_after(text, m.end())
        if name:
            level = dict(PLACE_LEVEL_PREFIXES)[m.group(1).lower()]
            found.append((name, level))
    return found


def _issuer(lines: list[str]) -> str | None:
    for line in lines:
        m = ISSUER_RE.search(_plain(line))
        if m:
            return " ".join(m.group(1).split())
    return None


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
        year_bounds = (dt.date(year, 1, 1), dt.date(year, 12, 31))
    else:
        in_figures = HEADER_NUMERIC_DATE_RE.search(header)
        dateline = DATELINE_RE.search(header)
        written = in_figures.group(2) if in_figures else dateline and (dateline.group(1) or dateline.group(2))
        meta.date = _figures_date(written) if written else None
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
    if cited:
        latest = max(d for d in cited if meta.date_not_after is None or d <= meta.date_not_after)
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
        return
    estimate = lo + dt.timedelta(days=TYPICAL_ANSWER_DELAY_DAYS)
    if hi and estimate > hi:
        estimate = hi
    if lo == dt.date(lo.year, 1, 1) and hi == dt.date(lo.year, 12, 31):
        estimate = dt.date(lo.year, 7, 1)  # only the year is known: its middle
        meta.reference_date_basis = "middle of the year of the undated header"
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
    first = _issuer_place(issuer)
    if first is None and header_place:
        # "Huyện Lục Nam, ngày ...": the prefix says the level; a bare name takes the level it is named at.
        prefixed = find_place_mentions(header_place)
        levels = [lvl for name, lvl in ranked if name == header_place]
        first = prefixed[0] if prefixed else (header_place, levels[0] if levels else "province")
    from_header = first is not None
    if first is None and ranked:
        provinces = [p for p in ranked if p[1] == "province"]
        first = provinces[0] if provinces else ranked[0]
    return ([first] if first else []) + [p for p in ranked if p != first], from_header, counts


def _title(lines: list[str]) -> str:
    for i, line in enumerate(lines[:HEADER_LINES]):
        plain = _plain(line)
        if plain.upper().startswith("BÁO CÁO"):
            rest = plain[len("BÁO CÁO"):].strip()
            if rest:
                return rest
            for nxt in lines[i + 1:i + 4]:
                if _plain(nxt):
                    return _plain(nxt)
    return ""


def extract_metadata(lines: list[str]) -> DocumentMetadata:
    meta = DocumentMetadata()
    header = "\n".join(_plain(line) for line in lines[:HEADER_LINES])
    number = NUMBER_RE.search(header)
    meta.number = number.group(1) if number else None
    meta.issuer = _issuer(lines)
    _date_and_bounds(lines, meta)
    _reference_date(meta)
    meta.places, meta.place_from_header, meta.place_mentions = _places(lines, meta.issuer)
    terms = Counter(f"{a}-{b}" for a, b in TERM_RE.findall("\n".join(lines)))
    meta.terms = [t for t, _ in terms.most_common()]
    meta.title = _title(lines)
    return meta
