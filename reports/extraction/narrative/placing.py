"""Layer 6: where each number holds.

A number is the figure of the place below the province that is the subject of its part of the
clause ("Đảng bộ huyện Ninh Sơn kết nạp 13 đảng viên", "TP Hòa Bình còn lại 4 phường", "tổng số
đảng viên của xã Tân Lập là ..."), up to where another subject takes over; of a former province
named as such in a report written since the reform ("tỉnh Bình Định (cũ) có 1.120 ...");
otherwise of the document's place. A place that only locates an act ("hội nghị tại xã Tân Lập")
or is itself counted ("có 2 huyện Bảo Lạc và Bảo Lâm") is not a subject. A place whose units the number
counts may follow it: "186 xã, phường, thị trấn của tỉnh Quảng Bình".
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from ..places import PROVINCE, WRITTEN_PREFIXES, PlaceMention
from ..timespans import REFORM_DATE
from .context import ParagraphText, Reading
from ..phrases import CAPITAL

# What may stand before a place that is the subject of its part of a clause: nothing, a word of
# contrast or of example ("nổi bật là huyện ..."), the place's own organ ("riêng Đảng bộ huyện"), or "của".
SUBJECT_LEAD_RE = re.compile(r"^[\s*\-–+•]*(?:(?:riêng|trong\s+đó|còn|đối\s+với|cụ\s+thể|tại|ở|như|nhất\s+là|toàn|cả|"
                             r"(?:nổi\s+bật|điển\s+hình|tiêu\s+biểu)(?:\s+(?:là|như))?)(?!\w)\s*,?\s*)?$|"
                             r"(?<!\w)của\s*$|(?<!\w)(?:nhiều|ít|cao|thấp|đông|lớn|nhỏ)\s+nhất\s+(?:là|có)\s*$|"
                             # "Một số đảng bộ kết nạp khá như Đảng bộ huyện Trà Cú 143 đảng viên": an example given
                             r"(?<!\w)(?:như|nhất\s+là|(?:nổi\s+bật|điển\s+hình|tiêu\s+biểu)\s+(?:là|như))\s*:?\s*"
                             r"(?:(?:đảng\s+bộ|đảng\s+ủy|ubnd|ủy\s+ban\s+nhân\s+dân)\s+)?$")
# Another subject taking over between the place and the number.
OTHER_SUBJECT_RE = re.compile(r"(?<!\w)(?:toàn\s+tỉnh|cả\s+tỉnh|tỉnh)(?!\w)|[,:(]\s*(?:toàn|cả|các|đảng\s+bộ|đảng\s+ủy|sở|ubnd)(?!\w)")
# A capital after a comma, a semicolon or "và" names another place (", Lục Ngạn 95", " và Tân Yên 70").
NEXT_PART_RE = re.compile(r"(?:[,;]|\svà)\s+(\w)")


def read_place(p: ParagraphText, r: Reading, home_is_after_reform: bool) -> None:
    start = p.structure.clause_start(r.start)
    found = None
    for place in p.places_between(start, r.start):
        if place.end > r.start:
            continue
        if p.structure.in_an_aside(place.start, start, r.start):
            continue  # "(tỉnh Cà Mau (cũ) 78 phòng, ...), sau hợp nhất còn 96 phòng": the aside's places
        if place.former and home_is_after_reform and place.level == PROVINCE:
            if not _another_place_named(p, place.end, r.start):
                found = place  # "tỉnh Gia Lai (cũ) có 1.120 tổ chức cơ sở đảng"
            continue
        part_start = max([start] + [p.text.rfind(c, start, place.start) + 1 for c in ",:("]
                         + [p.paragraph.locate(place.start)[0].start]  # its line's
                         + [i + 4 for i in [p.text.rfind(" và ", start, place.start)] if i >= 0])
        if not SUBJECT_LEAD_RE.search(p.masked[part_start:place.start]):
            continue
        if _owns_an_earlier_count(p, place, start):
            continue  # "186 xã ... của tỉnh Quảng Bình và 142 xã ...": the earlier number's place
        if OTHER_SUBJECT_RE.search(p.masked[place.end:r.start]):
            continue
        if _predicate_follows(p.text[place.end:r.start]) and not _another_place_named(p, place.end, r.start):
            found = place
    if found is None and r.head is not None and r.head.area is not None and r.head.sentence is r.sentence:
        found = r.head.area  # "tỉnh Phú Thọ có 148 đơn vị hành chính cấp xã (133 xã, 15 phường)"
    owner = r.owner
    if found is None and r.is_percent and owner is not None and owner.area is not None and owner.sentence is r.sentence:
        found = owner.area  # "huyện Trà Cú 143 đảng viên, đạt 59,58% chỉ tiêu": the share of its count, there
    r.area = found or _place_before_its_bracket(p, r) or _owner_after(p, r) or _sibling_in_a_list(p, r, start)


def _place_before_its_bracket(p: ParagraphText, r: Reading) -> PlaceMention | None:
    """"Tập trung ở huyện Mỹ Tú (04 chi bộ hợp nhất thành 02)": the figures in brackets right after a place are its."""
    bracket = p.structure.enclosing_bracket(r.start)
    if bracket is None:
        return None
    before = [q for q in p.places_between(max(0, bracket - 120), bracket) if q.end <= bracket]
    if not before or p.masked[before[-1].end:bracket].strip(" *") or before[-1].level == PROVINCE:
        return None
    place = before[-1]
    if len(before) > 1 and _LISTED_NAMES_RE.fullmatch(p.text[before[-2].end:place.start]):
        return None  # "Xã Đồng Tâm, Hòa Bình và thị trấn Kỳ Sơn (05 xã còn lại ...)": places listed, not a subject
    return place


# what lies between two places of a list: names and their joints ("Xã Đồng Tâm, Hòa Bình và thị trấn Kỳ Sơn")
_LISTED_NAMES_RE = re.compile(r"(?:\s*(?:,|và)\s*(?:" + CAPITAL + r"[^\W\d_]*\s*)*)+")


# "186 xã, phường, thị trấn của tỉnh Quảng Bình": whose units, right after the number's words
_OWNER_AFTER_RE = re.compile(r"^[^\d;:()]{0,60}?(?<!\w)(?:hiện\s+có\s+)?của\s*$")


def _owns_an_earlier_count(p: ParagraphText, place: PlaceMention, clause_start: int) -> bool:
    i = bisect_left(p.number_starts, place.start)  # (by bisection: a paragraph may hold thousands of numbers)
    last = p.numbers[i - 1] if i else None
    return last is not None and last.start >= clause_start and last.end <= place.start \
        and bool(_OWNER_AFTER_RE.match(p.masked[last.end:place.start]))


def _owner_after(p: ParagraphText, r: Reading) -> PlaceMention | None:
    end = p.structure.clause_end(r.start)
    nxt = p.first_number_from(r.end)
    if nxt is not None and nxt.start < end:
        end = nxt.start
    place = next(iter(p.places_between(r.end, end)), None)
    if place is None or not _OWNER_AFTER_RE.match(p.masked[r.end:place.start]):
        return None
    return place


# A list part that opens with a capitalised name: "huyện Kim Bôi 7 xã; Lạc Sơn 4 xã; thị xã Tân Lạc 3 xã"
# (or with its figure in brackets: "Các đảng bộ xã kết nạp nhiều là: Mong Thọ B (58 đảng viên), Vĩnh Hòa Hiệp (52 ...)")
_LIST_PART_NAME_RE = re.compile(r"(?:^|[,;:]|\svà)\s*(?P<name>(?:" + CAPITAL + r"[^\W\d_]*)(?:\s+" + CAPITAL
                                + r"[^\W\d_]*){0,3})\s*(?::|\()?\s*$")
# A lead naming the level of the places it lists: "Các đảng bộ xã kết nạp nhiều là: ...", "các huyện: ..."
_LEVEL_LEAD_RE = re.compile(r"(?<!\w)các\s+(?:đảng\s+bộ\s+|đảng\s+ủy\s+)?"
                            r"(?P<level>xã|phường|huyện|thị\s+xã|thị\s+trấn)(?!\w)"
                            r"[^.;:\d]{0,60}:", re.IGNORECASE)


def _sibling_in_a_list(p: ParagraphText, r: Reading, start: int) -> PlaceMention | None:
    """A figure whose list part opens with a bare name, after a place named with its prefix earlier in the
    sentence, is that name's: a sibling of the same kind ("huyện Sìn Hồ 9 xã; Phong Thổ 8 xã")."""
    sentence = p.structure.sentence_of(r.start)
    part = p.text[max(sentence.start, r.start - 60):r.start]
    m = _LIST_PART_NAME_RE.search(part)
    if m is None:
        return None
    name_start = r.start - len(part) + m.start("name")
    earlier = [q for q in p.places_between(sentence.start, name_start) if q.level != PROVINCE]
    # "Cụ thể: Mường Tè 6 xã; huyện Sìn Hồ 9 xã, ...": the list's first part, before any named with a prefix
    later = [q for q in p.places_between(r.end, sentence.end) if q.level != PROVINCE][:1]
    if p.place_named_at(name_start):
        return None
    if earlier or later:
        prefix, levels = (earlier or later)[-1].prefix, (earlier or later)[-1].levels
    else:
        lead = _LEVEL_LEAD_RE.search(p.masked, sentence.start, name_start)
        if lead is None:
            return None
        prefix, levels = WRITTEN_PREFIXES[" ".join(lead.group("level").lower().split())]
    return PlaceMention(name_start, name_start + len(m.group("name")), m.group("name"), prefix, levels,
                        name_start=name_start)


def _predicate_follows(text: str) -> bool:
    """A subject's name is followed by what it does ("huyện Bảo Lạc kết nạp", "xã Tân Lập: có"), or by its
    figure ("Thị xã Điện Bàn 232 đảng viên", "Mong Thọ B (58 đảng viên)"), not by more names ("Xã Tây Xuân,
    Bình Nghi và thị trấn ...": places listed)."""
    rest = text.lstrip(" )*")
    return rest[:1] in (":", "(", "") or rest[:1].islower() and text[:1] in " )*"


def _another_place_named(p: ParagraphText, start: int, end: int) -> bool:
    if any(m.group(1).isupper() for m in NEXT_PART_RE.finditer(p.text, start, end)):
        return True
    return bool(p.places_between(start, end))


def is_former(place: PlaceMention | None) -> bool:
    return bool(place and place.former)


def predecessor_or_region(r: Reading, since_the_reform: bool) -> None:
    """A province the reform dissolved, named without "(cũ)" in a report since, is the unit it was for a count
    of before the reform ("Tỉnh Yên Bái có 173 xã"), a region of the new province for one since ("biên chế năm
    2026 ..., trong đó Bình Dương 5.000"): the new province's figure, in a part of its own. A province named bare
    beside one ("(Lào Cai 19, Yên Bái 19)") is, since the reform, the former unit too; before it, itself."""
    place = r.area
    if place is None or r.span is None:
        return
    if place.partner:
        r.area = replace(place, former=since_the_reform)
    elif place.dissolved and not place.former and since_the_reform:
        if r.span.end is not None and r.span.end >= REFORM_DATE:
            r.area = None
            r.breakdown.setdefault("region", place.name)
        else:
            r.area = replace(place, former=True)
