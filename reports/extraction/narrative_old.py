"""Statistics stated in sentences and footnotes.

How a number is read, in order:
1. Text layout. Lines become logical paragraphs: a sentence cut by a page break (and the
   footnotes printed inside that break) continues on the next body line; a footnote is its own
   paragraph; a web copy's dateline is a paragraph of its own. Markup (``**``, ``<sup>N</sup>``)
   is blanked to spaces so offsets stay those of the file's lines.
2. Numbers that are not statistics are blanked: dates and years (after the time expressions
   are read), days without a year ("Sáng 29/7"), clock times, document numbers ("19-NQ/TW",
   "Nghị định 178 và 67"), places named by a number ("phường 1, 2"), list and section markers,
   ranks, durations ("5 năm thực hiện").
3. What a number counts is the noun after it (vocabulary.LEXICON): a strong noun decides the
   family; an act in the clause (kiểm tra, kỷ luật, bầu...) overrides it; a weak noun ("người")
   or none takes the family of an enumeration's head ("(hành chính 31 người; ...)") or of the
   nearest topic before it in the sentence; an unknown noun means the number is skipped. An item
   whose noun names its head's indicator ("119 đơn vị cấp xã: 13 phường, ...") is a breakdown of it.
4. When: the nearest time expression before it in its clause, else one after it in its clause
   (not one heading the next count), else in its sentence, else the section's period (footnotes
   take the context of their marker, or the date of the regulation/event that clause cites),
   else "now" (the reference date) for stocks and the current term up to now for flows and
   rates. Goals run from the document that set them (remembered when restated); plans ("dự kiến",
   "sẽ") are goals, and a goal's own period ("từ nay đến năm 2026") is kept. The whole of a cut
   stated as a fraction ("giảm 25/38 cơ quan") is the count before it, at the cut's start.
5. Where: the place below the province that is the subject of the number's clause ("Đảng bộ huyện
   X kết nạp 52", "TP X còn lại 2 phường"), else the document's place.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from .facts import ExtractionWarning, Fact, METHOD_NARRATIVE
from .numbers import NUMBER_RE, parse_number
from .timeexpr import TimeMatch, TimeSpan, current_term, find_time_expressions
from .vocabulary import (ACTIVITY, BODY_KIND, FLOW, NOUN, PLAN, PREDICATE, ROLE, SOFT_ACTIVITY, TARGET, TOPIC, WEAK,
                         Term, catalogue_by_code, count_before_reduction, terms_with_role)

FOOTNOTE_RE = re.compile(r"^\s*\**\s*<sup>(\d+)</sup>")
MARKER_RE = re.compile(r"<sup>(\d+)</sup>")
SUP_RE = re.compile(r"<sup>.*?</sup>")
HEADING_RE = re.compile(r"^\s*(#+|\*\*\s*\d+(\.\d+)*\.\s|\*\*\s*[IVX]+\s*[-.])")
SEPARATOR_RE = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")
SENTENCE_END = ".!?…"
# The dateline of a web copy ("Cập nhật lúc 22:38, Thứ Hai, 08/10/2018 (GMT+7)"): a line of its own,
# so the headline above it (which has no final stop) does not run on into the article
DATELINE_RE = re.compile(r"^\s*(?:cập\s+nhật|đăng|ngày\s+đăng)\s*(?:lúc|ngày|[:,])|\((?:gmt|utc)\s*[+-]\s*\d{1,2}\)",
                         re.IGNORECASE)

# ", 67" or "và 67" ending a list of numbers ("Nghị định 178 và 67 của Chính phủ", "các phường 1, 2, 3"):
# more of the same identifiers, not a count (a count has its noun after it)
_MORE_IDS = (r"(?:(?:\s*,\s*|\s+và\s+)\d+"
             r"(?=\s*(?:[,;.)]|(?:và|của|với|để|theo|được|đã|thành|vào|về|tại|ở)(?!\w)|$)))*")
# Numbers that never state a statistic (blanked before numbers are read).
NOT_STATISTICS = [
    re.compile(p, re.IGNORECASE) for p in (
        r"(?<![\w])\d+(?:[.,/-]\d+)*[-/][A-Za-zĐđ][\w-]*(?:/[\w-]+)*",  # 19-NQ/TW, 1298/UBND-TH
        r"(?:nghị\s+quyết|kế\s+hoạch|quyết\s+định|chỉ\s+thị|kết\s+luận|quy\s+định|hướng\s+dẫn|thông\s+báo|"
        r"công\s+văn|đề\s+án|thông\s+tư|nghị\s+định|chương\s+trình|điều|khoản|trung\s+ương|tờ\s+trình|"
        r"số\s+nhà|đường\s+tỉnh|quân\s+đoàn|sư\s+đoàn|mức|lần\s+thứ|thứ|khóa|khoá|covid|hđ|đợt)\s*[-–]?\s*"
        rf"(?:số\s+)?\d+{_MORE_IDS}",
        # places named by a number: "sáp nhập các phường 1, 2, 3", "khu phố 5"
        rf"(?<!\w)(?:phường|quận|khu\s+phố|khóm|ấp|xóm|tổ|đội)\s+\d+(?![\d.,]*\s*%){_MORE_IDS}",
        r"(?:ngày|sáng|chiều|trưa|tối|đêm)\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)",  # "Sáng 29/7", "ngày 30-6"
        r"(?<![\d.,])\d{1,2}:\d{2}(?!\d)|(?:gmt|utc)\s*[+-]\s*\d{1,2}",  # "Cập nhật lúc 22:38 (GMT+7)"
        r"\(\s*\d+\s*\)",  # (1) list markers
        r"^\s*[-+]?\s*\d+(?:\.\d+)*\.?(?=\s)",  # section numbers at a paragraph's start
        r"\b\d+\s+(?:năm|tháng|ngày|giờ|tuần|quý)\b(?!\s+(?:19|20)\d\d)",  # durations
        r"ngày\s+\d+",
        r"(?<![\d.,])(?:19|20)\d{2}(?!\d|[.,]\d)",  # years left over
        r"“[^”]{0,40}”|\"[^\"]{0,40}\"",  # slogans ("3 dám")
        r"(?<=[^\W\d_])\d+|\b\d+[a-zđ]\b",  # codes such as K9, a unit's power ("7.998km2")
    )
]
# A sentence about public bodies being set up, merged or cut ("sáp nhập 2 trung tâm", "tiếp nhận 5 trường
# cao đẳng" in a paragraph on "đơn vị sự nghiệp công lập")
REORGANISATION_RE = re.compile(r"(?<!\w)(?:sắp\s+xếp|sáp\s+nhập|hợp\s+nhất|giải\s+thể|thành\s+lập|tiếp\s+nhận|"
                               r"tổ\s+chức\s+lại|kiện\s+toàn|chuyển\s+giao|đơn\s+vị\s+sự\s+nghiệp|đvsn)(?!\w)")
# A cut right before a number: "giảm 2 trung tâm", "còn lại 9 trung tâm"
CUT_RE = re.compile(r"(?<!\w)(?:giảm|còn|còn\s+lại)\s*$")
# An abbreviation glossing the words before it: "đơn vị hành chính (ĐVHC) cấp xã"
ABBREVIATION_GLOSS_RE = re.compile(r"\s*\([^\W\d_]{2,8}\)", re.IGNORECASE)
# Words that introduce a rate: "(bằng 94,8%)", "đạt tỷ lệ 96,15%", "chiếm 12%"
SHARE_LEAD_RE = re.compile(r"(?:tỷ\s+lệ|bằng|chiếm|đạt)\s*$")
# What a share is taken of, after its "%": "đạt 35,34% chỉ tiêu được giao", "chiếm 3,9% dân số toàn tỉnh"
SHARE_BASE_RE = re.compile(r"(?:chỉ\s+tiêu|kế\s+hoạch|dân\s+số)(?!\w)")
# A word right after a number that does not name what is counted (so the context decides).
CONNECTORS = {
    "trở", "là", "và", "so", "theo", "với", "trong", "đạt", "vượt", "của", "hằng", "hàng", "đến", "tại",
    "ở", "nên", "thì", "bằng", "còn", "được", "đã", "có", "hoặc", "tỷ lệ", "tỷ", "/", "trên", "lên", "do",
}
# A number right after a stated moment ("thời điểm 31/12/2023 là", "tính đến 30/6/2022 có") is a
# stock at that moment, whatever change the sentence talks about around it.
STOCK_AT_MOMENT_RE = re.compile(
    r"(?:thời điểm|tính đến|tính đến ngày|đến ngày|tại ngày)\s+\d{1,2}[/-]\d{1,2}(?:[/-]\d{4})?"
    r"\s*(?:là|có|còn|đạt)?\s*\**$",
    re.IGNORECASE)
# What is done or holds now, ending the reach of a word of plan before it: "dự kiến ..., hiện đã giảm 5"
PRESENT_RE = re.compile(r"(?<!\w)(?:đã|hiện\s+(?:nay|có|đang|tại|còn)|đến\s+nay)(?!\w)")
# "nâng/tăng ... lên N", "nâng tổng số đảng viên ... là N", "nâng tổng số toàn Đảng bộ N đảng viên":
# N is the level reached (a count held), not the size of the change
LEVEL_REACHED_RE = re.compile(r"(?<!\w)(?:nâng|tăng)(?!\w)[^;.]{0,80}(?<!\w)lên\s*$|"
                              r"(?<!\w)nâng\s+tổng\s+số(?!\w)[^;.,()]{0,80}$")
CONGRESS_RE = re.compile(r"(?<!\w)đại\s+hội(?!\s+đồng)")
EVENT_RE = re.compile(r"(?<!\w)(?:bầu\s+cử|đại\s+hội(?!\s+đồng)|hội\s+nghị)(?!\w)")
OFFICE_RE = re.compile(r"(?<!\w)(?:bầu\s+cử|ứng\s+cử|đại\s+biểu)(?!\w)")
NAMED_TERM_RE = re.compile(r"nhiệm\s+kỳ\s+(?:19|20)\d\d", re.IGNORECASE)
# Words that open a list rather than name its first item: "trong đó nữ 20 người".
_LIST_WORDS = r"trong\s+(?:số\s+)?đó|bao\s+gồm|gồm|chia\s+ra|cụ\s+thể"
LIST_LEAD_RE = re.compile(rf"^(?:{_LIST_WORDS})\s*(?:có(?!\w))?\s*:?\s*", re.IGNORECASE)
# The verb between an item's name and its number: "cán bộ là 1.102 người", "khối đảng có 17 trường hợp".
LABEL_VERB_RE = re.compile(r"\s+(?:là|có|gồm)$", re.IGNORECASE)
# Words right after a count's noun that open the list of its parts: "119 đơn vị cấp xã: 13 phường,
# 11 thị trấn, 95 xã", "37 đơn vị hành chính cấp xã, gồm 3 phường, 33 xã"
LIST_OPENER_RE = re.compile(rf"^\s*,?\s*(?:(?:{_LIST_WORDS})(?!\w)|:)")
# The body deputies are elected to: results are per body, never one total across them.
_COUNCIL = r"(?:hđnd|hội\s+đồng\s+nhân\s+dân)"
ELECTED_BODIES = (
    (re.compile(r"(?<!\w)quốc\s+hội(?!\w)"), "Quốc hội"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:tỉnh|thành\s+phố\s+trực\s+thuộc)(?!\w)"), "HĐND cấp tỉnh"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:huyện|quận|thị\s+xã)(?!\w)"), "HĐND cấp huyện"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:xã|phường|thị\s+trấn)(?!\w)"), "HĐND cấp xã"),
)
# "triển khai mô hình ở 03 huyện": a count of places after a locative says where something was
# done; the act decides its family (a total, "ở 10/10 huyện", stays a count of units)
LOCATIVE_RE = re.compile(r"(?<!\w)(?:ở|tại)\s*$")
# A cut stated as a fraction: "giảm 25/38 cơ quan", "đã tinh giản 120/2.400 biên chế" (of the 38 there were)
REDUCTION_LEAD_RE = re.compile(r"(?<!\w)(?:giảm|cắt\s+giảm|tinh\s+giản|tinh\s+giảm)(?:\s+được)?\s*$")
# The sector a count is said of, right before it: "khối đảng, đoàn thể giảm 125", "khối chính quyền có 40"
SECTOR_RE = re.compile(r"(?<!\w)khối\s+(?P<name>[^\d;:()]{2,40}?)\s+(?:giảm|tăng|có|là|còn|được|đã)"
                       r"(?:\s+được)?\s*:?\s*$")
# Whom the delegates of a congress stand for: "165 đại biểu đại diện cho trên 1.800 đảng viên"
REPRESENTED_RE = re.compile(r"(?<!\w)đại\s+diện\s+cho\s*(?:trên|hơn|gần|khoảng)?\s*$")
# A place below the province named before a number: "Đảng bộ huyện Ninh Sơn kết nạp", "TP Tây Ninh còn lại",
# "Huyện ủy Lục Nam lựa chọn"; the kind of place gives its level
PLACE_RE = re.compile(r"(?<!\w)(?P<kind>huyện\s+(?:ủy|uỷ)|thành\s+(?:ủy|uỷ)|thị\s+(?:ủy|uỷ)|huyện|quận|thị\s+xã|"
                      r"thành\s+phố|tp\.?|xã|phường|thị\s+trấn|đặc\s+khu)\s+", re.IGNORECASE)
COMMUNE_KINDS = ("xã", "phường", "thị trấn", "đặc khu")
# The word opening the next part of a list: a capital there names another place (", Lục Ngạn 95",
# "; Yên Thế 80", " và Tân Yên 70"); the case is tested with str.isupper (À-Ỹ spans lowercase too)
NEXT_PART_RE = re.compile(r"(?:[,;]|\svà)\s+(\w)")
# What may stand before a place that is the subject of its part of a clause: nothing, a word of contrast,
# the place's own body ("riêng Đảng bộ huyện", "UBND thành phố"), or "của" ("tổng số đảng viên của xã Tân Lập là")
SUBJECT_LEAD_RE = re.compile(r"^\s*(?:(?:riêng|trong\s+đó|còn|đối\s+với|cụ\s+thể)(?!\w)\s*,?\s*)?"
                             r"(?:(?:ban\s+thường\s+vụ\s+)?(?:đảng\s+bộ|đảng\s+ủy|đảng\s+uỷ|ubnd|ủy\s+ban\s+nhân\s+dân)\s+)?$|"
                             r"(?<!\w)của\s*$", re.IGNORECASE)
# Another subject taking over after a place's part of a clause: "..., toàn tỉnh kết nạp", ", Đảng bộ Quân sự tỉnh"
OTHER_SUBJECT_RE = re.compile(r"(?<!\w)tỉnh(?!\w)|[,:(]\s*(?:toàn|cả|các|đảng\s+bộ|đảng\s+ủy|sở|ubnd)(?!\w)",
                              re.IGNORECASE)
QUALIFIERS = (("không quá", "không quá"), ("tối đa", "không quá"), ("gần", "gần"), ("hơn", "hơn"),
              ("trên", "trên"), ("khoảng", "khoảng"), ("dưới", "dưới"), ("tối thiểu", "từ … trở lên"))


@dataclass
class Segment:
    line: int  # 1-based line number
    col: int  # column of the segment's first character in that line
    start: int  # offset of the segment in the paragraph text
    length: int


@dataclass
class Paragraph:
    kind: str  # "body", "footnote" or "heading"
    segments: list[Segment] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)  # original line text of each segment
    footnote: int | None = None
    starts_section: bool = False

    @property
    def text(self) -> str:
        return " ".join(blank_markup(r) for r in self.raw)

    def locate(self, pos: int) -> tuple[Segment, str]:
        for seg, raw in zip(self.segments, self.raw):
            if seg.start <= pos < seg.start + seg.length + 1:
                return seg, raw
        return self.segments[-1], self.raw[-1]


def blank_markup(line: str) -> str:
    """Same length as `line`, markup and footnote markers turned to spaces."""
    line = SUP_RE.sub(lambda m: " " * len(m.group(0)), line)
    return re.sub(r"[*#_\\]", " ", line)


def _plain_end(line: str) -> str:
    return blank_markup(line).rstrip()


def _first_letter(line: str) -> str:
    m = re.search(r"[^\W\d_]", blank_markup(line))
    return m.group(0) if m else ""


def build_paragraphs(lines: list[str], skip_lines: set[int]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    open_body: Paragraph | None = None
    for number, line in enumerate(lines, 1):
        if number in skip_lines or not line.strip() or SEPARATOR_RE.match(line):
            continue
        fn = FOOTNOTE_RE.match(line)
        if fn:
            paragraphs.append(_paragraph("footnote", number, line, footnote=int(fn.group(1))))
            continue
        if DATELINE_RE.search(line):
            paragraphs.append(_paragraph("body", number, line))
            open_body = None
            continue
        if HEADING_RE.match(line) and not _has_body_after_lead_in(line):
            paragraphs.append(_paragraph("heading", number, line, starts_section=True))
            open_body = None
            continue
        if HEADING_RE.match(line):  # "**5.7. Công tác ...:** Ban Thường vụ ...": a section's first paragraph
            open_body = _paragraph("body", number, line, starts_section=True)
            paragraphs.append(open_body)
            continue
        continues = open_body is not None and (
            _plain_end(open_body.raw[-1])[-1:] not in SENTENCE_END + ":" or _first_letter(line).islower())
        if continues:
            start = len(open_body.text) + 1
            open_body.segments.append(Segment(number, 0, start, len(line)))
            open_body.raw.append(line)
        else:
            open_body = _paragraph("body", number, line)
            paragraphs.append(open_body)
    return paragraphs


def _has_body_after_lead_in(line: str) -> bool:
    """A bold numbered lead-in followed on the same line by the section's text (which may go on
    over a page break, so the line is a body paragraph, not a bare heading)."""
    m = re.match(r"^\s*\*\*[^*]+\*\*", line)
    return bool(m) and len(blank_markup(line[m.end():]).strip()) > 40


def _paragraph(kind: str, number: int, line: str, **kw) -> Paragraph:
    starts = kw.pop("starts_section", False) or bool(re.match(r"^\s*\*\*\s*\d+(\.\d+)*\.", line))
    return Paragraph(kind, [Segment(number, 0, 0, len(line))], [line], starts_section=starts, **kw)


# --- reading numbers -----------------------------------------------------------------------

@dataclass
class Reading:
    """One number as read in its sentence, before it becomes a Fact."""
    start: int
    end: int
    value: Decimal
    is_percent: bool
    noun: Term | None = None
    noun_end: int = 0
    unknown_noun: bool = False
    family: str | None = None
    unit: str = "other"
    code: str | None = None
    kind: str = "stock"
    is_target: bool = False
    qualifier: str = ""
    breakdown: dict[str, str] = field(default_factory=dict)
    span: TimeSpan | None = None
    area: tuple[str, str] | None = None
    fraction_of: "Reading | None" = None  # the numerator, for a denominator
    is_denominator: bool = False
    is_listed: bool = False  # an item of a list under the count heading the sentence (or the one before)
    head: "Reading | None" = None  # the count a listed item is part of


def _match_term(text: str, pos: int, terms: tuple[Term, ...]) -> Term | None:
    for term in terms:
        if text.startswith(term.phrase, pos):
            after = text[pos + len(term.phrase):pos + len(term.phrase) + 1]
            if not after or not (after.isalnum()):
                return term
    return None


def _through_gloss(text: str, pos: int, term: Term, terms: tuple[Term, ...]) -> tuple[Term, int]:
    """"10 đơn vị hành chính (ĐVHC) cấp huyện": the phrase goes on after the abbreviation glossing it.
    The term matched at `pos` and where it ends, or the longer term read across the gloss."""
    end = pos + len(term.phrase)
    gloss = ABBREVIATION_GLOSS_RE.match(text, end)
    if gloss is None:
        return term, end
    rest = gloss.end() + len(text[gloss.end():]) - len(text[gloss.end():].lstrip())
    longer = _match_term(term.phrase + " " + text[rest:rest + 60], 0, terms)
    if longer is None or len(longer.phrase) <= len(term.phrase):
        return term, end
    return longer, rest + len(longer.phrase) - len(term.phrase) - 1


@functools.lru_cache(maxsize=None)
def _phrase_pattern(phrase: str) -> re.Pattern:
    # Compiled once: the vocabulary outgrows the re module's own pattern cache.
    return re.compile(rf"(?<!\w){re.escape(phrase)}(?!\w)")


def _find_terms(text: str, roles: tuple[str, ...]) -> list[tuple[int, Term]]:
    """Every phrase of the given roles in `text` (word-bounded), with its position; a phrase inside a
    longer one found ("xã" in "xã hội") is that longer one's word, not its own."""
    found = []
    for role in roles:
        for term in terms_with_role(role):
            if term.phrase in text:
                found.extend((m.start(), term) for m in _phrase_pattern(term.phrase).finditer(text))
    return [(p, t) for p, t in found
            if not any(q <= p and p + len(t.phrase) <= q + len(u.phrase) and len(u.phrase) > len(t.phrase)
                       and u.family != t.family for q, u in found)]


def _nearest(text: str, roles: tuple[str, ...]) -> Term | None:
    found = _find_terms(text, roles)
    if not found:
        return None
    # the rightmost phrase; among phrases at the same place the longest
    return max(found, key=lambda pt: (pt[0] + len(pt[1].phrase), len(pt[1].phrase)))[1]


def _place_name(text: str, start: int, end: int) -> tuple[str, int] | None:
    """Up to three capitalised words from `start` ("Ninh Phước" in "Ninh Phước kết nạp"): a place's name,
    and where it ends."""
    words, name_end = [], start
    for m in re.finditer(r"\S+", text[start:end]):
        core = m.group(0).strip(",;.:()*")
        if len(words) == 3 or not core or not core[0].isupper() or not core.isalpha():
            break
        words.append(core)
        name_end = start + m.start() + m.group(0).index(core) + len(core)
        if core != m.group(0):
            break
    return (" ".join(words), name_end) if words else None


def _another_place_named(text: str, start: int, end: int) -> bool:
    """"huyện Lục Nam kết nạp 120 đảng viên, Lục Ngạn 95" or "... và huyện Lục Ngạn kết nạp 95": a place's
    reach ends where another place (or a name after a comma or "và") is named before the number."""
    if any(m.group(1).isupper() for m in NEXT_PART_RE.finditer(text, start, end)):
        return True
    return any(_place_name(text, m.end(), end) for m in PLACE_RE.finditer(text, start, end))


def _predicate_follows(text: str) -> bool:
    """A subject's name is followed by what it does ("huyện Bảo Lạc kết nạp", "xã Tân Lập: có"), not by
    more names ("Xã Tây Xuân, Bình Nghi và thị trấn ...": places listed)."""
    rest = text.lstrip()
    return rest[:1] == ":" or rest[:1].islower() and text[:1].isspace()


PERSON_UNITS = ("person", "party_member", "times")
BODY_UNITS = ("organization", "unit")


def _context_topic(text: str, weak_noun: Term | None, roles=(NOUN, TOPIC, ACTIVITY)) -> Term | None:
    """The nearest topic before a number whose own noun is weak or absent.

    Counts of the 'other' family never lend their family; a weak noun of persons ("người",
    "đồng chí") prefers a topic about persons, one of bodies ("đơn vị") a topic about bodies, and
    one that shortens a topic's name the topic it shortens ("Các đơn vị sự nghiệp thuộc cơ quan
    chuyên môn được hợp nhất; kết quả giảm 44 đơn vị": units of the first kind, not agencies).
    """
    found = [(p, t) for p, t in _find_terms(text, roles) if t.family and t.family != "other"]
    if weak_noun is not None:
        wanted = PERSON_UNITS if weak_noun.unit in PERSON_UNITS else BODY_UNITS
        compatible = [(p, t) for p, t in found if t.unit in wanted]
        found = compatible or found
        named = [(p, t) for p, t in found if t.phrase.startswith(weak_noun.phrase + " ")]
        found = named or found
    if not found:
        return None
    return max(found, key=lambda pt: (pt[0] + len(pt[1].phrase), len(pt[1].phrase)))[1]


class ParagraphReader:
    def __init__(self, para: Paragraph, doc: "DocumentState"):
        self.para = para
        self.doc = doc
        self.text = para.text
        self.low = self.text.lower()
        self.times = find_time_expressions(self.text, reference_date=doc.reference_date)
        self.masked = self._mask()
        self.prev_head: Reading | None = None  # the count heading the paragraph's last sentence
        self.first_sentence = True
        self.head_before: Reading | None = None  # a count of the paragraph before that this one details

    def _mask(self) -> str:
        chars = list(self.low)
        for t in self.times:
            chars[t.start:t.end] = " " * (t.end - t.start)
        masked = "".join(chars)
        for pattern in NOT_STATISTICS:
            masked = pattern.sub(lambda m: re.sub(r"\d", " ", m.group(0)), masked)
        return masked

    # sentence and clause boundaries
    @functools.cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of each sentence of the paragraph, read once: many readings look them up."""
        bounds, start = [], 0
        for m in re.finditer(r"[.!?…](?=\s+\S)|:(?=\s*$)", self.low):
            nxt = re.search(r"\S", self.text[m.end():])
            first = self.text[m.end() + nxt.start()] if nxt else ""
            # a sentence opens with a capital, a bracket or dash, or a number ("... 1.807 đảng viên. 5 năm qua, ...")
            if first and (first.isupper() or first in "(-–" or first.isdigit()):
                bounds.append((start, m.end()))
                start = m.end()
        bounds.append((start, len(self.text)))
        # a bold lead-in ("**5.5. ... :**") ends a sentence too
        out = []
        for a, b in bounds:
            cut = [m.end() for m in re.finditer(r":\*\*", self.para_raw_joined()[a:b])]
            prev = a
            for c in cut:
                out.append((prev, a + c))
                prev = a + c
            out.append((prev, b))
        return [(a, b) for a, b in out if b > a]

    def para_raw_joined(self) -> str:
        return " ".join(SUP_RE.sub(lambda m: " " * len(m.group(0)), r) for r in self.para.raw)

    def read(self) -> list[Fact]:
        facts = []
        for s_start, s_end in self.sentences:
            facts.extend(self._read_sentence(s_start, s_end))
        self._record_markers()
        if self.para.kind == "body":
            self.doc.last_head = self.prev_head
        return facts

    def _record_markers(self) -> None:
        """A footnote details the sentence its marker ends: remember that sentence's context."""
        if self.para.kind != "body":
            return
        for seg, raw in zip(self.para.segments, self.para.raw):
            for m in MARKER_RE.finditer(raw):
                pos = seg.start + m.start()
                clause_start = max(self.low.rfind(";", 0, pos), self.low.rfind(".", 0, pos)) + 1
                activity = _nearest(self.masked[clause_start:pos], (ACTIVITY,))
                span = self._cited_event_span(clause_start, pos) or self.doc.section_span
                self.doc.markers[int(m.group(1))] = (span, activity)

    def _cited_event_span(self, start: int, end: int) -> TimeSpan | None:
        """"chuyển giao ... theo Quy định số 60-QĐ/TW ngày 08/3/2022<sup>12</sup>": what the footnote
        details was done under that regulation, so its changes run from the regulation's date to now.
        Only when the clause states no period of its own and the date falls after the default start
        (an old resolution cited as background does not move the start of this report's period)."""
        times = [t for t in self.times if start <= t.start < end and not t.is_comparison]
        if not times or any(not t.is_date_only for t in times) or self.doc.reference_date is None:
            return None
        cited = max(t.span.start for t in times)
        fallback = self._flow_start()
        if fallback is not None and cited <= fallback or cited > self.doc.reference_date:
            return None
        return TimeSpan(cited, self.doc.reference_date, False)

    def _sentence_span(self, s_start: int, first_number: int) -> TimeSpan | None:
        for t in self.times:
            if s_start <= t.start < first_number and not t.is_comparison and not t.is_date_only:
                if self._names_an_office(t, s_start):
                    self.doc.election_span = t.span
                    continue
                return t.span
        return None

    def _names_an_office(self, t: TimeMatch, s_start: int) -> bool:
        """"nhân sự ứng cử đại biểu HĐND các cấp nhiệm kỳ 2021-2026": a term after the deputies or
        the election it qualifies names the office being filled, not the period the sentence is
        about; it dates only that election's results (see _event_day)."""
        if not NAMED_TERM_RE.search(t.span.label):
            return False
        before = self.masked[max(s_start, t.start - 150):t.start]
        return bool(OFFICE_RE.search(before)) and not re.search(r"[;.]", before[OFFICE_RE.search(before).end():])

    def _read_sentence(self, s_start: int, s_end: int) -> list[Fact]:
        numbers = [m for m in NUMBER_RE.finditer(self.masked, s_start, s_end)]
        if not numbers:
            self._update_section(s_start, s_end)
            self.prev_head, self.first_sentence = None, False  # a sentence about something else stands between
            return []
        details = self._details_previous_count(s_start)
        self.first_sentence = False
        sentence_span = self._sentence_span(s_start, numbers[0].start()) or (details.span if details else None)
        if sentence_span and not sentence_span.is_stock and not sentence_span.is_target:
            self.doc.section_span = sentence_span if self.para.kind == "body" else self.doc.section_span
        readings = [r for r in (self._reading(m) for m in numbers) if r is not None]
        self._link_fractions_and_ranges(readings)
        head: Reading | None = details
        main: Reading | None = None
        for i, r in enumerate(readings):
            self._classify(r, s_start, head, readings[i - 1] if i else None)
            if r.family and not r.is_percent and not r.is_listed and self._in_parens(r.start, s_start) is None:
                head = r  # the latest count outside parentheses heads what is listed after it
                main = r if r.family != "other" else main
        self._shares_follow_their_counts(readings, s_start)
        if head is not None:
            # what the next sentence may detail: the sentence's last count of a core family, not an aside
            # ("... là 4.055 người với tổng kinh phí gần 4.000 tỷ đồng. Trong đó, cán bộ là 1.102 người")
            self.prev_head = main or head
        facts = []
        for r in readings:
            if r.family is None:
                continue
            self._time(r, s_start, sentence_span)
            facts.append(self._fact(r, s_start))
        return facts

    def _details_previous_count(self, s_start: int) -> Reading | None:
        """"... giải quyết cho 4.055 người. Trong đó, cán bộ là 1.102 người; công chức 2.090 người": a
        sentence opened by "Trong đó" lists the parts of the count that headed the sentence before (in a
        paragraph's first sentence, the last one of the paragraph before)."""
        previous = self.prev_head
        if self.first_sentence and self.para.kind == "body":
            previous = self.head_before = self.doc.last_head
        if previous is None or not LIST_LEAD_RE.match(self.masked[s_start:].lstrip(" *-–")):
            return None
        return previous

    def _after_head(self, head: Reading, s_start: int) -> int:
        """Where the text after a head begins in this paragraph: the head's end, or the sentence's start
        for the head of the paragraph before (its offsets are that paragraph's)."""
        return s_start if head is self.head_before else head.end

    def _update_section(self, s_start: int, s_end: int) -> None:
        if self.para.kind != "body":
            return
        for t in self.times:
            if s_start <= t.start < s_end and not t.is_comparison and not t.is_date_only \
                    and not t.span.is_stock and not t.span.is_target:
                if self._names_an_office(t, s_start):
                    self.doc.election_span = t.span
                    continue
                self.doc.section_span = t.span
                return

    def _reading(self, m: re.Match) -> Reading | None:
        value = parse_number(m.group(0))
        if value is None:
            return None
        rest = self.masked[m.end():]
        is_percent = rest.lstrip().startswith("%")
        r = Reading(m.start(), m.end(), value, is_percent)
        self._noun_after(r)
        r.qualifier = self._qualifier(r)
        return r

    def _noun_after(self, r: Reading) -> None:
        pos = r.end
        text = self.masked
        pos += len(text[pos:]) - len(text[pos:].lstrip())
        if text.startswith("%", pos):
            pos += 1
            pos += len(text[pos:]) - len(text[pos:].lstrip())
        # "2.018/2.128 (bằng 94,8%) trưởng thôn": the noun follows the parenthesised share
        paren = re.match(r"\((?:\s*(?:bằng|đạt|tỷ lệ|chiếm))?\s*[\d.,]+\s*%\s*\)\s*", text[pos:])
        if paren:
            pos += paren.end()
        if r.is_percent and SHARE_BASE_RE.match(text, pos):
            # "đạt 35,34% chỉ tiêu", "chiếm 3,9% dân số": the base of a share, not what it counts
            r.noun_end = SHARE_BASE_RE.match(text, pos).end()
            return
        total = re.match(r"(?:tổng\s+)?số\s+(?:lượng\s+)?", text[pos:])  # "8,2% tổng số đảng viên"
        if total:
            pos += total.end()
        nouns = terms_with_role(NOUN) + terms_with_role(ROLE) + terms_with_role(WEAK) + terms_with_role(BODY_KIND)
        term = _match_term(text, pos, nouns)
        if term:
            # the longest phrase among all roles wins ("trưởng ban công tác mặt trận" over nothing)
            r.noun, r.noun_end = _through_gloss(text, pos, term, nouns)
            return
        word = re.match(r"[^\W\d_]+", text[pos:])
        if word and not any(text.startswith(c, pos) for c in CONNECTORS):
            r.unknown_noun = True
        r.noun_end = pos

    def _qualifier(self, r: Reading) -> str:
        before = self.low[max(0, r.start - 14):r.start].rstrip()
        after = self.low[r.end:r.end + 14]
        if re.search(r"(?<!\w)từ$", before) and "trở lên" in after:
            return "từ … trở lên"
        for word, qualifier in QUALIFIERS:
            if re.search(rf"(?<!\w){word}$", before):
                return qualifier
        return ""

    def _link_fractions_and_ranges(self, readings: list[Reading]) -> None:
        for a, b in zip(readings, readings[1:]):
            between = self.masked[a.end:b.start]
            if between.strip() == "/" and not a.is_percent:
                # X/Y: both count the noun after Y; Y is the whole
                a.noun, a.noun_end, a.unknown_noun = b.noun, b.noun_end, b.unknown_noun
                b.fraction_of, b.is_denominator = a, True
            elif re.fullmatch(r"\s*%?\s*(?:[-–]|đến)\s*", between) and not a.is_percent or between.strip() in ("%-", "% -"):
                a.noun, a.noun_end, a.unknown_noun = b.noun, b.noun_end, b.unknown_noun
                a.is_percent = a.is_percent or b.is_percent
                a.breakdown["bound"], b.breakdown["bound"] = "min", "max"

    def _in_parens(self, pos: int, s_start: int) -> int | None:
        """Offset of the open parenthesis enclosing `pos` in its sentence, else None."""
        opened = []
        for i in range(s_start, pos):
            c = self.low[i]
            if c == "(":
                opened.append(i)
            elif c == ")" and opened:
                opened.pop()
        return opened[-1] if opened else None

    def _clause_start(self, pos: int, s_start: int) -> int:
        return max(s_start, self.low.rfind(";", s_start, pos) + 1)

    # --- family --------------------------------------------------------------------------
    def _classify(self, r: Reading, s_start: int, head: Reading | None, prev: Reading | None = None) -> None:
        if r.unknown_noun or r.noun and r.noun.role == BODY_KIND and not self._reorganises_bodies(r.start):
            return
        clause_start = self._clause_start(r.start, s_start)
        before_clause = self.masked[clause_start:r.start]
        after_noun = re.split(r"[,;.()]", self.masked[r.noun_end:r.noun_end + 70])[0]
        predicate_zone = re.split(r"[;.]", self.masked[r.noun_end:r.noun_end + 200])[0]
        decided = (self._by_enumeration(r, s_start, head)
                   or self._by_share_owner(r, s_start)
                   or self._by_fraction_share(r, prev)
                   or self._by_activity(before_clause + " | " + after_noun, r)
                   or self._by_role(r, predicate_zone)
                   or self._by_noun(r)
                   or self._by_own_subject(r, s_start)
                   or self._by_context(r, before_clause, self.masked[s_start:r.start])
                   or self._by_sibling(r, prev)
                   or self._by_previous_sentence(r, s_start))
        if not decided:
            return
        family, unit, code = decided
        if r.is_denominator and r.noun and r.noun.role == NOUN and r.noun.family:
            family, unit, code = r.noun.family, r.noun.unit, r.noun.code
        elif r.is_denominator and r.fraction_of is not None and r.fraction_of.family:
            family, unit, code = r.fraction_of.family, r.unit, r.fraction_of.code
        elif r.fraction_of is None and not r.is_denominator and r.noun and r.noun.role == NOUN \
                and r.noun.family in ("admin_units", "party_organizations") and self._is_numerator(r) \
                or self._is_place(r) and family == "admin_units" and not r.is_denominator \
                and LOCATIVE_RE.search(self.masked[clause_start:r.start]):
            # "8/15 xã" counts the communes doing something; the act, not the noun, is the family
            family, unit, code = self._numerator_family(before_clause + " | " + after_noun)
        r.family, r.unit = family, "percent" if r.is_percent else unit
        before_cut = self._is_count_before_cut(r)
        r.code = count_before_reduction(code) if before_cut else self._code_of_the_change(r, s_start, family, code)
        if r.noun:
            r.breakdown.update(dict(r.noun.breakdown))
        self._sector(r, clause_start)
        flow_words = _find_terms(self.masked[s_start:r.start], (FLOW,))
        catalogue_kind = catalogue_by_code().get(r.code or "", {}).get("kind", "stock")
        r.kind = "flow" if flow_words or catalogue_kind == "flow" else "stock"
        if STOCK_AT_MOMENT_RE.search(self.text[clause_start:r.start]):
            r.kind = "stock"  # "sau khi sắp xếp, tại thời điểm 31/12/2023 là 857": a count at a moment
        if LEVEL_REACHED_RE.search(self.masked[clause_start:r.start]):
            r.kind = "stock"  # "nâng tổng số đảng viên lên 89.455": the level reached, not the change
        if before_cut:
            r.kind = "stock"
        if head is not None and r.family == head.family \
                and (r.head is head or self._in_parens(r.start, s_start) is not None):
            r.kind = head.kind
        target_zone = self.masked[self._phrase_start(r, s_start):r.start]
        r.is_target = bool(_find_terms(target_zone, (TARGET,))) or self._is_norm_range(r) \
            or self._is_planned(clause_start, r)
        r.area = self._area(clause_start, r.start)
        if r.family == "elections":
            self._elected_body(r, s_start, head if head is not None else self.prev_head)

    def _is_count_before_cut(self, r: Reading) -> bool:
        """"giảm 25/38 cơ quan": the whole of a cut stated as a fraction is what there was before the cut."""
        return r.is_denominator and r.fraction_of is not None \
            and bool(REDUCTION_LEAD_RE.search(self.masked[max(0, r.fraction_of.start - 30):r.fraction_of.start]))

    def _sector(self, r: Reading, clause_start: int) -> None:
        """"trong đó khối đảng, đoàn thể giảm 125/1.050 biên chế; khối chính quyền giảm 1.192/22.501": a count
        said of a "khối" (the party and mass organisations, the government...) is that sector's; a whole
        takes its part's."""
        sector = SECTOR_RE.search(self.masked[clause_start:r.start])
        name = sector.group("name") if sector else r.fraction_of.breakdown.get("sector") if r.fraction_of else None
        if not name:
            return
        r.breakdown["sector"] = name
        if r.breakdown.get("subset", "").lower().startswith("khối"):
            del r.breakdown["subset"]

    def _code_of_the_change(self, r: Reading, s_start: int, family: str, code: str | None) -> str | None:
        """"kết nạp 52 ĐV mới", "xóa tên 12 đảng viên": members counted right after the act that changes
        their number are that change (admissions, removals), not a total of members."""
        catalogue = catalogue_by_code()
        if r.is_percent or catalogue.get(code or "", {}).get("kind") != "stock":
            return code
        acts = [(p, t) for p, t in _find_terms(self.masked[self._phrase_start(r, s_start):r.start], (TOPIC,))
                if t.family == family and catalogue.get(t.code or "", {}).get("kind") == "flow"]
        return max(acts, key=lambda pt: pt[0])[1].code if acts else code

    def _elected_body(self, r: Reading, s_start: int, head: Reading | None) -> None:
        """"09 đại biểu Quốc hội", "bầu cử đại biểu HĐND tỉnh: Đã bầu được 75 đại biểu": the body named
        right after the count, else the last one named before it in the sentence; a listed item
        ("nữ 20 người") is of its head's body."""
        after = re.split(r"[,;.(:]", self.low[r.noun_end:r.noun_end + 60])[0] if r.noun_end else ""
        before = self.low[s_start:r.start]
        body = next((name for pattern, name in ELECTED_BODIES if pattern.search(after)), None)
        if body is None:
            named = [(m.end(), name) for pattern, name in ELECTED_BODIES for m in pattern.finditer(before)]
            body = max(named)[1] if named else None
        if body is None and r.is_listed and head is not None:
            body = head.breakdown.get("body")
        if body:
            r.breakdown.setdefault("body", body)

    def _phrase_start(self, r: Reading, s_start: int) -> int:
        """Where the phrase of a number begins: its parenthesis, else its last comma in the clause."""
        paren = self._in_parens(r.start, s_start)
        if paren is not None:
            return paren
        clause_start = self._clause_start(r.start, s_start)
        last_comma = max(self.masked.rfind(",", clause_start, r.start), self.masked.rfind("(", clause_start, r.start))
        return max(clause_start, last_comma + 1)

    def _is_planned(self, clause_start: int, r: Reading) -> bool:
        """"Dự kiến sau sáp nhập, toàn tỉnh còn 37 đơn vị", "tỉnh sẽ có 78 đơn vị": a number after a word of
        plan is to be reached, not reached: "dự kiến" anywhere before it in its clause, "sẽ" in its phrase
        (unless "đã", "hiện nay"... come between)."""
        phrase_start = self._phrase_start(r, clause_start)
        plans = [clause_start + p for p, t in _find_terms(self.masked[clause_start:r.start], (PLAN,))
                 if t.phrase == "dự kiến" or clause_start + p >= phrase_start]
        return bool(plans) and not PRESENT_RE.search(self.masked[max(plans):r.start])

    @staticmethod
    def _is_norm_range(r: Reading) -> bool:
        """"đạt từ 3-4% tổng số đảng viên": an achievement is one figure; a range of rates is a norm
        set for the future, i.e. a goal."""
        return r.is_percent and "bound" in r.breakdown

    @staticmethod
    def _is_place(r: Reading) -> bool:
        return bool(r.noun and r.noun.role == NOUN and r.noun.family == "admin_units")

    def _places_of_another_count(self, r: Reading, head: Reading) -> bool:
        """"Số cơ quan chuyên môn ... là 12, trong đó 4 huyện (bố trí thêm phòng...)": places listed
        under a count of something else say where that something is; they count it, not the units."""
        return self._is_place(r) and head.family not in (None, "admin_units", "other")

    def _is_numerator(self, r: Reading) -> bool:
        nxt = self.masked[r.end:r.end + 2]
        return nxt.startswith("/")

    def _numerator_family(self, context: str) -> tuple[str, str, str | None]:
        act = _nearest(context, (ACTIVITY, PREDICATE, SOFT_ACTIVITY))
        if act and act.family:
            return act.family, act.unit, act.code
        return "other", "unit", "other.count"

    def _by_enumeration(self, r: Reading, s_start: int, head: Reading | None):
        if head is None:
            return None
        kind = self._is_kind_of(r, head, s_start)
        if r.noun and r.noun.role != WEAK and not self._places_of_another_count(r, head) and not kind:
            return None
        since = self._after_head(head, s_start)
        paren = self._in_parens(r.start, s_start)
        listed = paren is not None and paren >= since
        listed = listed or "trong đó" in self.masked[since:r.start]
        listed = listed or bool(since == head.end and LIST_OPENER_RE.match(self.masked[head.noun_end:r.start]))
        if not listed:
            return None
        self._list_item(r, s_start, head)
        if kind:
            self._name_the_kind(r, head)
        return head.family, head.unit if not r.is_percent else "percent", head.code

    def _is_kind_of(self, r: Reading, head: Reading, s_start: int) -> bool:
        """"10 đơn vị hành chính cấp huyện (gồm 7 huyện, 1 thị xã)", "78.047 đảng viên (trong đó 29.373
        đảng viên nữ)": a count whose own noun names the same indicator as its head's is one of its kinds
        (not when a time between them makes it the same count for another period: "riêng năm 2023")."""
        return bool(r.noun and r.noun.role == NOUN and head.code and r.noun.code == head.code
                    and not r.is_percent and not r.is_denominator and not self._is_numerator(r)
                    and not any(self._after_head(head, s_start) <= t.start < r.start for t in self.times))

    def _name_the_kind(self, r: Reading, head: Reading) -> None:
        """A kind's breakdown is what its noun adds to its head's ("13 phường": type=phường), else its
        label, else its noun and the words after it ("4.650 đảng viên dự bị")."""
        if set(r.noun.breakdown) - set(head.breakdown) or "subset" in r.breakdown:
            return
        words = re.split(r"[,;.:()]", self.text[r.noun_end:r.noun_end + 40])[0].strip(" *")
        r.breakdown["subset"] = f"{r.noun.phrase} {words}".strip()

    def _list_item(self, r: Reading, s_start: int, head: Reading | None = None) -> None:
        """"trong đó: Sau đại học 08 người; đại học 01 người": the words before the number name the item."""
        r.is_listed, r.head = True, head
        if r.is_percent:
            return  # "tỷ lệ 88,9%" names no item: the share takes its count's (_shares_follow_their_counts)
        label = re.split(r"[,;:(]", self.text[max(s_start, r.start - 60):r.start])[-1].strip(" *")
        label = LABEL_VERB_RE.sub("", LIST_LEAD_RE.sub("", label))
        if label and not label[:1].isdigit():
            r.breakdown["subset"] = label

    def _shares_follow_their_counts(self, readings: list[Reading], s_start: int) -> None:
        """"Sau đại học 08 người, tỷ lệ 88,9%": a listed share is the share of the item counted just
        before it in the same clause."""
        for previous, r in zip(readings, readings[1:]):
            if r.is_percent and r.is_listed and not previous.is_percent and "subset" in previous.breakdown \
                    and not re.search(r"[;.]", self.masked[previous.end:r.start]):
                r.breakdown.setdefault("subset", previous.breakdown["subset"])

    def _by_share_owner(self, r: Reading, s_start: int):
        """"50.575 đảng viên (bằng 57%)": the share is of the count it follows."""
        if not r.is_percent:
            return None
        paren = self._in_parens(r.start, s_start)
        if paren is None:
            return None
        owner = self.doc.last_reading
        if owner is None or owner.family is None or owner.start < s_start or owner.start > paren:
            return None
        if re.search(r"[,;]", self.masked[owner.end:paren]):
            return None
        return owner.family, "percent", owner.code

    def _by_fraction_share(self, r: Reading, prev: Reading | None):
        """"925/962 ấp, khu phố có cấp ủy, đạt tỷ lệ 96,15%": a rate right after a fraction is that
        fraction's, of what its numerator counts."""
        if not r.is_percent or prev is None or prev.fraction_of is None or prev.fraction_of.family is None:
            return None
        between = self.masked[prev.end:r.start]
        if NUMBER_RE.search(between) or ";" in between or not SHARE_LEAD_RE.search(between):
            return None
        return prev.fraction_of.family, "percent", prev.fraction_of.code

    def _by_activity(self, context: str, r: Reading):
        if r.noun and r.noun.role == NOUN and REPRESENTED_RE.search(self.masked[max(0, r.start - 40):r.start]):
            return None  # "165 đại biểu đại diện cho trên 1.800 đảng viên": the members are counted
        act = _nearest(context, (ACTIVITY,))
        if act is None and self.doc.footnote_activity is not None:
            return self.doc.footnote_activity.family, self.doc.footnote_activity.unit, self.doc.footnote_activity.code
        if act:
            if act.family == "cadres" and r.noun and r.noun.role == NOUN and r.noun.family not in ("cadres",) \
                    and not r.is_denominator and not self._is_numerator(r) \
                    and not (self._is_place(r) and self.masked[r.noun_end:].lstrip().startswith(act.phrase)):
                # "phân công" does not turn "14 đảng bộ" into cadres; but in "209 xã phân công
                # đồng chí chủ tịch..." the places are the subject doing it: the act is what is counted
                return None
            return act.family, act.unit, act.code
        return None

    def _by_role(self, r: Reading, after_noun: str):
        if not r.noun or r.noun.role != ROLE:
            return None
        predicate = _nearest(after_noun, (PREDICATE,))
        chosen = predicate or r.noun
        return chosen.family, "person", chosen.code

    def _reorganises_bodies(self, pos: int) -> bool:
        """"sắp xếp 25 trung tâm ... thành 16 trung tâm", "Về đơn vị sự nghiệp công lập, ... tiếp nhận 5
        trường cao đẳng", "giảm 2 trung tâm": the sentence at `pos` is about public bodies being
        reorganised, or the number at `pos` is a cut of them."""
        start, end = next(((a, b) for a, b in self.sentences if a <= pos < b), (0, len(self.text)))
        return bool(REORGANISATION_RE.search(self.masked[start:end]) or CUT_RE.search(self.masked[start:pos]))

    def _by_noun(self, r: Reading):
        if r.noun and r.noun.role in (NOUN, BODY_KIND) and r.noun.family:
            return r.noun.family, r.noun.unit, r.noun.code
        return None

    def _by_own_subject(self, r: Reading, s_start: int):
        """"dân số 781.848 người", "Kinh tế tăng trưởng bình quân 11,8%": a number whose own phrase is
        about a measure no core family counts is of the family "other", whatever the paragraph is about."""
        if r.noun and r.noun.role != WEAK:
            return None
        phrase = self.masked[self._phrase_start(r, s_start):r.start]
        subject = _nearest(phrase, (NOUN, TOPIC, ACTIVITY, SOFT_ACTIVITY))
        if subject is None or subject.role != TOPIC or subject.family != "other":
            return None
        return "other", r.noun.unit if r.noun else "other", subject.code

    def _by_context(self, r: Reading, before_clause: str, before_sentence: str):
        if r.noun and r.noun.role not in (WEAK,):
            return None
        soft = _nearest(before_clause, (SOFT_ACTIVITY,))
        if soft and (r.noun is None or r.noun.phrase in ("lượt", "cán bộ", "người", "đồng chí")):
            return soft.family, soft.unit, soft.code
        subject = re.match(r"\s*(?:tổng\s+)?(?:số|tỷ\s+lệ)\s+(?:lượng\s+)?", before_clause) \
            or (r.is_percent and re.search(r"tỷ\s+lệ\s+(?!.*tỷ\s+lệ)", before_clause))
        if subject:  # "Số cơ quan chuyên môn ... là 12", "tỷ lệ đảng viên ... đạt 98%": the subject decides
            term = _match_term(before_clause, subject.end(), terms_with_role(NOUN))
            if term and term.family and term.family != "other":
                return term.family, term.unit, term.code
        after = re.split(r"[;.]", self.masked[r.noun_end:r.noun_end + 80])[0]
        after_roles = (TOPIC, BODY_KIND) if self._reorganises_bodies(r.start) else (TOPIC,)
        topic = (_context_topic(before_clause, r.noun)
                 or (r.noun is not None and _context_topic(after, r.noun, roles=after_roles))
                 or _context_topic(before_sentence[-250:], r.noun))
        if topic and topic.family:
            unit = r.noun.unit if r.noun else topic.unit
            return topic.family, unit, topic.code
        return None

    def _by_previous_sentence(self, r: Reading, s_start: int):
        """"Đã bầu được 75 đại biểu, ... Về trình độ chuyên môn: Sau đại học 46 người, tỷ lệ 61,3%":
        a sentence of the same paragraph counting only people ("người") or bare numbers, with no
        subject of its own, breaks down the count that headed the sentence before it."""
        head = self.prev_head
        if head is None or head.family is None or (r.noun is not None and r.noun.role != WEAK):
            return None
        if r.noun is not None and r.noun.phrase != "người":
            return None
        self._list_item(r, s_start, head)
        return head.family, head.unit if not r.is_percent else "percent", head.code

    def _by_sibling(self, r: Reading, prev: Reading | None):
        """"...; do phân loại ... 667 người; do ... ốm đau 08 người": items of a list split by ';'
        that count the same weak noun ("người") count the same thing as the item before."""
        if prev is None or prev.family is None or r.noun is None or r.noun.role != WEAK:
            return None
        if prev.noun is None or prev.noun.phrase != r.noun.phrase or ";" not in self.masked[prev.end:r.start]:
            return None
        return prev.family, prev.unit, prev.code

    def _area(self, clause_start: int, pos: int) -> tuple[str, str] | None:
        """"Đảng bộ huyện Ninh Sơn kết nạp 13 đảng viên, đạt 20%", "TP Tây Ninh còn lại 3 phường": a number
        is the figure of the place below the province that is the subject of its clause (up to another
        subject). A place that only locates an act ("tổ chức ở xã Tân Lập") or is itself counted ("có 2
        huyện Sơn Động và Lục Ngạn") is not a subject."""
        found = None
        line_starts = [seg.start for seg in self.para.segments]
        for m in PLACE_RE.finditer(self.text, clause_start, pos):
            part_start = max(clause_start, *(self.text.rfind(c, clause_start, m.start()) + 1 for c in ",:("),
                             *(s for s in line_starts if s <= m.start()),
                             *(i + len(" và ") for i in [self.text.rfind(" và ", clause_start, m.start())] if i >= 0))
            if not SUBJECT_LEAD_RE.search(self.masked[part_start:m.start()]) \
                    or OTHER_SUBJECT_RE.search(self.masked[m.end():pos]):
                continue
            name = _place_name(self.text, m.end(), pos)
            if name and _predicate_follows(self.text[name[1]:pos]) and not _another_place_named(self.text, name[1], pos):
                kind = " ".join(m.group("kind").lower().split())
                found = (name[0], "commune" if kind in COMMUNE_KINDS else "district")
        return found

    # --- time ------------------------------------------------------------------------------
    def _time(self, r: Reading, s_start: int, sentence_span: TimeSpan | None) -> None:
        clause_start = self._clause_start(r.start, s_start)
        usable = [t for t in self.times if not t.is_comparison and not t.is_date_only]
        in_clause = [t for t in usable if clause_start <= t.start < r.start]
        after = self._time_after(r, usable)
        span = in_clause[-1].span if in_clause else after.span if after else sentence_span
        if r.head is not None and r.head.span is not None \
                and not any(self._after_head(r.head, s_start) <= t.start for t in in_clause):
            span = r.head.span  # "78.047 đảng viên (trong đó 29.373 đảng viên nữ)": a part holds when its whole does
        if span is sentence_span and span is not None and not span.is_stock and r.kind == "stock" \
                and self._clause_start(r.start, s_start) > s_start:
            # "trong 04 năm (2020-2023) kết nạp 8.807 đảng viên; nâng tổng số đảng viên lên 89.455":
            # a period stated for another clause's change does not date a count held now
            span = None
        if span is not None and span.from_only and r.kind == "stock":
            span = TimeSpan(span.start, span.start, True)
        if span is not None and not span.is_stock and span.end \
                and LEVEL_REACHED_RE.search(self.masked[clause_start:r.start]):
            # "Trong quý I, kết nạp 178 đảng viên, nâng tổng số lên 47.174": the level at the period's end
            span = TimeSpan(span.end, span.end, True, span.is_target)
        if span is not None and CONGRESS_RE.search(self.masked[clause_start:r.start]) \
                and NAMED_TERM_RE.search(span.label) and span.start:
            # "đại hội ở 100% chi bộ nhiệm kỳ 2022-2025": a term's congresses are held in its first year
            year = span.start.year
            span = TimeSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), False, label=span.label)
        event_day = self._event_day(r, s_start, span)
        if event_day is not None:
            span = TimeSpan(event_day, event_day, True)
        if r.is_target:
            own = [t for t in in_clause if t.start >= self._phrase_start(r, s_start)]
            span = self._goal_time(own, after) or span
        if r.is_target and (span is None or not span.is_target):
            # a goal runs from the document that set it (cited in the sentence), else the term
            term = current_term(self.doc.reference_date)
            s_end = next((b for a, b in self.sentences if a <= r.start < b), len(self.text))
            set_by = [t.span.start for t in self.times if s_start <= t.start < s_end and t.is_date_only]
            if term:
                start = max(set_by) if set_by else self.doc.goals.get((r.family, r.value), term.start)
                span = TimeSpan(start, term.end, False, True)
                self.doc.goals.setdefault((r.family, r.value), start)
        fallback_start = self._flow_start()
        if span is None:
            section = self.doc.section_span
            if r.kind == "flow" or r.is_percent:
                span = section or TimeSpan(fallback_start, self.doc.reference_date, False)
            else:
                span = TimeSpan(self.doc.reference_date, self.doc.reference_date, True)
        elif span.is_stock and r.kind == "flow":
            earlier = self._earlier_moment(s_start, r.start, span)
            if span.open_start:
                outer = sentence_span if sentence_span and not sentence_span.is_stock else self.doc.section_span
                span = span.as_flow_ending(outer.start if outer else fallback_start)
            elif earlier is not None:
                span = TimeSpan(earlier, span.end, False)
        if self._is_count_before_cut(r) and r.fraction_of.span is not None and r.fraction_of.span.start:
            span = TimeSpan(r.fraction_of.span.start, r.fraction_of.span.start, True, r.fraction_of.span.is_target)
        r.span = span

    @staticmethod
    def _goal_time(own: list[TimeMatch], after: TimeMatch | None) -> TimeSpan | None:
        """"cắt giảm 4.077 biên chế từ nay đến năm 2021", "(mục tiêu ... là năm 2018 đạt 95%)": a goal's own
        period, stated after it or in its phrase, is when it is to be reached (a moment such as "đến nay"
        is not)."""
        if after is not None and after.span.is_target:
            return after.span
        if own and not own[-1].span.is_stock:
            return replace(own[-1].span, is_target=True)
        return None

    def _event_day(self, r: Reading, s_start: int, span: TimeSpan | None) -> dt.date | None:
        """"cuộc bầu cử ... ngày 23/5/2021 ... đã bầu được 75 đại biểu, tỷ lệ cử tri đi bầu đạt 99%":
        the results of an event held on a day are counts at that day, not changes over a period.
        The day is one stated with the event in the sentence, else (an election of a named term,
        "bầu cử đại biểu HĐND nhiệm kỳ 2021-2026") the term's first day, its election day."""
        if r.is_target or r.family != "elections":
            return None
        dates = [t for t in self.times if s_start <= t.start < r.start and t.is_date_only and t.span.start
                 and EVENT_RE.search(self.masked[max(s_start, t.start - 120):t.start])]
        if dates:
            return dates[-1].span.start
        for candidate in (span, self.doc.election_span):
            if candidate is not None and not candidate.is_stock and NAMED_TERM_RE.search(candidate.label) \
                    and candidate.start:
                return candidate.start
        return None

    def _time_after(self, r: Reading, usable: list[TimeMatch]) -> TimeMatch | None:
        """"ở 34 chi, đảng bộ ... vào các ngày 29 và 30/3/2021": a time stated after the number, in
        its clause (up to ; ( ) or the sentence's end), when no other count stands between them
        (that time would be the other count's), nor when the time heads the next count's phrase
        ("không quá 20%, tỷ lệ ... năm 2021 đạt 90,4%": no comma between it and that count). The
        number's own fraction or range ("10/10", "3-4%") is not another count, nor is the share it
        reached ("kết nạp 288 đảng viên, đạt 35,34% chỉ tiêu năm 2022")."""
        s_end = next((b for a, b in self.sentences if a <= r.start < b), len(self.text))
        stop = re.search(r"[;()]", self.masked[r.end:s_end])
        clause_end = r.end + stop.start() if stop else s_end
        for t in usable:
            if r.end <= t.start < clause_end:
                gap = re.sub(r"^\s*%?\s*(?:/|[-–]|đến)\s*[\d.,]+", "", self.masked[r.end:t.start])
                if not r.is_percent:
                    gap = re.sub(r"(?<!\w)đạt\s+[\d.,]+\s*%", "", gap)
                if NUMBER_RE.search(gap):
                    return None
                nxt = NUMBER_RE.search(self.masked, t.end, s_end)
                if nxt and not re.search(r"[,;:()]", self.masked[t.end:nxt.start()]):
                    return None
                return t
        return None

    def _flow_start(self) -> dt.date | None:
        if self.doc.default_period:
            return self.doc.default_period[0]
        term = current_term(self.doc.reference_date)
        return term.start if term else None

    def _earlier_moment(self, s_start: int, pos: int, span: TimeSpan) -> dt.date | None:
        moments = [t.span.end for t in self.times
                   if s_start <= t.start < pos and t.span.is_stock and not t.is_comparison
                   and not t.is_date_only and not t.span.open_start and t.span.end and span.end
                   and t.span.end < span.end]
        return moments[0] if moments else None

    # --- output ----------------------------------------------------------------------------
    def _fact(self, r: Reading, s_start: int) -> Fact:
        seg, raw = self.para.locate(r.start)
        col_number = r.start - seg.start
        end = max(r.noun_end, r.end + (1 if r.is_percent else 0))
        col_end = min(len(raw), end - seg.start)
        clause_start = self._clause_start(r.start, s_start)
        col_start = max(0, clause_start - seg.start, col_number - 60)
        while col_start < col_number and not raw[col_start - 1:col_start].isspace() and col_start > 0:
            col_start += 1
        quote = raw[col_start:col_end].strip()
        if not quote:
            quote = raw[col_number:col_end].strip() or raw[col_number:r.end - seg.start]
        self.doc.last_reading = r
        span = r.span or TimeSpan(None, None, True)
        concept = r.noun.phrase if r.noun and r.noun.role != WEAK else ""
        if r.code and not concept:
            concept = catalogue_by_code().get(r.code, {}).get("name_vi", "")
        if r.is_target:
            r.breakdown.setdefault("target", "yes")
        if r.is_denominator:
            r.breakdown.setdefault("part", "total (denominator)")
        return Fact(
            line=seg.line, quote=quote, value=r.value, family=r.family, unit=r.unit,
            period_start=span.start, period_end=span.end, method=METHOD_NARRATIVE,
            indicator_code=r.code, concept=concept, breakdown=r.breakdown, qualifier=r.qualifier,
            area_name=r.area[0] if r.area else None, area_level=r.area[1] if r.area else None,
        )


@dataclass
class DocumentState:
    reference_date: dt.date | None
    default_period: tuple[dt.date, dt.date] | None = None
    section_span: TimeSpan | None = None
    election_span: TimeSpan | None = None  # the term of the election the section reports on
    markers: dict[int, tuple[TimeSpan | None, Term | None]] = field(default_factory=dict)
    footnote_activity: Term | None = None
    last_reading: Reading | None = None
    last_head: Reading | None = None  # the count heading the last sentence of the last body paragraph
    # (family, value) of each goal read so far -> when it was set: a goal restated later in the
    # report without its resolution still runs from that resolution's date
    goals: dict[tuple[str, Decimal], dt.date | None] = field(default_factory=dict)


def extract_narrative(lines: list[str], *, reference_date: dt.date | None, skip_lines=frozenset(),
                      default_period: tuple[dt.date, dt.date] | None = None
                      ) -> tuple[list[Fact], list[ExtractionWarning]]:
    """Facts stated in the sentences and footnotes of `lines` (tables' lines in skip_lines)."""
    doc = DocumentState(reference_date, default_period)
    facts: list[Fact] = []
    warnings: list[ExtractionWarning] = []
    for para in build_paragraphs(lines, set(skip_lines)):
        if para.starts_section:
            doc.section_span = doc.election_span = doc.last_head = None
        saved_section = doc.section_span
        if para.kind == "footnote":
            doc.section_span, doc.footnote_activity = doc.markers.get(para.footnote or -1, (saved_section, None))
        try:
            facts.extend(ParagraphReader(para, doc).read())
        except Exception as exc:  # one odd paragraph must not lose the document's other facts
            warnings.append(ExtractionWarning(para.segments[0].line, "narrative_not_understood",
                                              f"{type(exc).__name__}: {exc}", para.raw[0][:120]))
        if para.kind == "footnote":
            doc.section_span, doc.footnote_activity = saved_section, None
    return facts, warnings
