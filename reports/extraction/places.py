"""The one place reader: where a text names an administrative unit, and at which level.

A place is written as an administrative prefix ("tỉnh", "huyện", "xã"...) or a party committee
that leads it ("Tỉnh ủy", "Huyện ủy", "Đảng ủy xã"), possibly after the organ that governs it
("Đảng bộ huyện", "UBND xã"), then its name: capitalised words ("Bắc Giang", "Tây Sơn") or a
number for numbered wards ("Phường 3"). A unit dissolved by the 2025 reorganisation is written
"tỉnh Bình Định (cũ)", "tỉnh Yên Bái trước hợp nhất": `former` says so, and the gazetteer then
resolves it before 2025-07-01. A province the reform dissolved needs no prefix to be named ("Yên Bái cũ
140.000", "(Lào Cai 19, Yên Bái 19)"): its name is no other unit's since; `dissolved` says so. Turning
the name into an Area is the gazetteer's work (indicators.gazetteer.resolve_area).
"""
from __future__ import annotations

import importlib.util
import re
import sqlite3
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from .phrases import fold

PROVINCE, DISTRICT, COMMUNE = "province", "district", "commune"

# Written prefix (lowercase) -> (canonical administrative prefix, the levels it can name). A party
# committee names the place it leads. "Thành phố" is a centrally-run city or, before 2025-07-01, a
# provincial city; the gazetteer decides which.
WRITTEN_PREFIXES: dict[str, tuple[str, tuple[str, ...]]] = {
    "tỉnh ủy": ("Tỉnh", (PROVINCE,)),
    "thành ủy": ("Thành phố", (DISTRICT, PROVINCE)),
    "huyện ủy": ("Huyện", (DISTRICT,)),
    "thị ủy": ("Thị xã", (DISTRICT,)),
    "quận ủy": ("Quận", (DISTRICT,)),
    "đảng ủy xã": ("Xã", (COMMUNE,)),
    "đảng ủy phường": ("Phường", (COMMUNE,)),
    "đảng ủy thị trấn": ("Thị trấn", (COMMUNE,)),
    "thành phố trực thuộc trung ương": ("Thành phố", (PROVINCE,)),
    "tỉnh": ("Tỉnh", (PROVINCE,)),
    "thành phố": ("Thành phố", (DISTRICT, PROVINCE)),
    "tp.": ("Thành phố", (DISTRICT, PROVINCE)),
    "tp": ("Thành phố", (DISTRICT, PROVINCE)),
    "huyện": ("Huyện", (DISTRICT,)),
    "thị xã": ("Thị xã", (DISTRICT,)),
    "tx.": ("Thị xã", (DISTRICT,)),
    "tx": ("Thị xã", (DISTRICT,)),
    "quận": ("Quận", (DISTRICT,)),
    "xã": ("Xã", (COMMUNE,)),
    "phường": ("Phường", (COMMUNE,)),
    "thị trấn": ("Thị trấn", (COMMUNE,)),
    "tt.": ("Thị trấn", (COMMUNE,)),
    "đặc khu": ("Đặc khu", (COMMUNE,)),
}
# Organs written before a prefix ("Đảng bộ huyện Lục Nam", "UBND xã Tân Lập"): part of the mention.
ORGANS = ("ban thường vụ", "ban chấp hành", "đảng bộ", "đảng ủy", "ủy ban nhân dân", "ubnd",
          "hội đồng nhân dân", "hđnd", "mặt trận tổ quốc")
# Capitalised words that follow a prefix without being (part of) a name.
NOT_NAME_WORDS = {
    "ủy", "ubnd", "hđnd", "đảng", "nhân", "trung", "ban", "sở", "chủ", "bí", "nghị", "quyết", "chỉ",
    "thường", "hội", "phòng", "đoàn", "tổ", "công", "báo", "mặt", "mttq", "quý", "tt", "tên", "thực",
    "số", "tổng", "trong", "các", "đối", "theo", "năm", "tháng", "ngày", "cũ", "mới", "cấp", "về", "khóa",
}
# Words that end a name after its first word (which may be "Phòng" of "Hải Phòng", "Nhân" of "Lý Nhân").
NOT_LATER_NAME_WORDS = {"ủy", "ubnd", "hđnd", "đảng", "ban", "sở", "chủ", "bí", "nghị", "quyết", "chỉ", "thường",
                        "hội", "văn", "đoàn", "mttq", "số", "tổng", "trong", "các", "theo", "năm", "tháng", "ngày",
                        "cũ", "mới", "cấp", "về", "khóa", "và", "phòng ban"}
# The commonest family names: after a place's first two words they begin a person's name
# ("tỉnh Vĩnh Long Nguyễn Văn A").
FAMILY_NAMES = {"nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi", "đỗ",
                "hồ", "ngô", "dương", "lý"}
MAX_NAME_WORDS = 4
# The centrally-run cities: "thành phố Hải Phòng" is a province-level unit (Huế since 2025-01-01).
CENTRAL_CITIES = {"hà nội", "hải phòng", "đà nẵng", "hồ chí minh", "cần thơ", "huế"}
_PREFIX_RE = re.compile(
    rf"(?<!\w)(?:(?P<organ>{'|'.join(map(re.escape, ORGANS))})\s+)?"
    rf"(?P<prefix>{'|'.join(re.escape(p) for p in sorted(WRITTEN_PREFIXES, key=len, reverse=True))})(?!\w)\s*")
# "(cũ)", "mới", "trước hợp nhất", "(trước sáp nhập)", "trước đây" right after a name: which side of a merger
_BEFORE_MERGING = r"trước\s+(?:khi\s+)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp)|trước\s+đây"
_FORMER_RE = re.compile(rf"\s*(?:\(\s*(?P<a>cũ|mới|{_BEFORE_MERGING})\s*\)|(?P<b>cũ|mới|{_BEFORE_MERGING})(?!\w))")
# a word of a name; an apostrophe inside one belongs to it ("Đắk R'Lấp", "Cư M'gar", "Ea H’Leo")
_WORD_RE = re.compile(r"[^\s,;:.()\[\]\"“”'’!?*/]+(?:['’][^\s,;:.()\[\]\"“”'’!?*/]+)*")


@dataclass(frozen=True)
class PlaceMention:
    start: int  # the whole mention, organ and prefix included
    end: int
    name: str  # "Bắc Giang", "3" for "Phường 3"
    prefix: str  # canonical: "Tỉnh", "Huyện", ...
    levels: tuple[str, ...]  # the levels it can name, likeliest first
    organ: str = ""  # "đảng bộ", "ubnd"... or the party committee itself ("huyện ủy")
    former: bool = False  # written "(cũ)": a unit before the 2025 reorganisation
    name_start: int = 0
    dissolved: bool = False  # a province the 2025 reorganisation dissolved (its name is no unit's since)
    partner: bool = False  # a province named bare beside a dissolved one: its partner in the merger

    @property
    def level(self) -> str:
        return self.levels[0]

    @property
    def written(self) -> str:
        """Prefix and name as the gazetteer reads them: "Huyện Tây Sơn"."""
        return f"{self.prefix} {self.name}"


# First words of names that also begin a common word after a prefix: a name unless that word follows ("huyện
# Văn Lâm", "huyện Kế Sách", but "tỉnh Văn phòng ...", "huyện Kế hoạch ...")
NAME_OR_WORD = {
    "văn": re.compile(r"\s+(?:phòng|hóa|hoá|bản|thư|kiện|minh)(?!\w)"),
    "kế": re.compile(r"\s+(?:hoạch|toán|thừa|tiếp)(?!\w)"),
}


def _name_at(text: str, pos: int, limit: int, prefix: str) -> tuple[str, int, int] | None:
    """(name, its start, its end) of the capitalised words (or a ward's number) at `pos`."""
    words: list[str] = []
    start = end = pos
    for m in _WORD_RE.finditer(text, pos, limit):
        if m.group(0) in ("-", "–"):
            continue  # the joint of a merged name, read with the gap it stands in
        gap = text[end:m.start()]
        if (gap.strip() and not (words and gap.strip() in ("-", "–") and m.group(0)[:1].isupper())) or "\n" in gap:
            break  # punctuation or a line break ends a name ("Xuân Hương - Đà Lạt" is one merged ward)
        word = m.group(0)
        folded = fold(word)
        numbered = not words and word.isdigit() and prefix in ("Phường", "Quận", "Xã")
        stop_words = NOT_LATER_NAME_WORDS if words else NOT_NAME_WORDS
        if not numbered and (not word[0].isupper() or folded in stop_words or not re.sub(r"[-'’]", "", word).isalpha()):
            break
        if not words and folded in NAME_OR_WORD and NAME_OR_WORD[folded].match(fold(text[m.end():m.end() + 12])):
            break  # "Văn phòng", "Kế hoạch" after a prefix; "huyện Văn Lâm", "Kế Sách" are names
        if len(words) >= 2 and folded in FAMILY_NAMES:
            break
        if not words:
            start = m.start()
        words.append(word)
        end = m.end()
        if numbered or len(words) == MAX_NAME_WORDS:
            break
    return (" ".join(text[start:end].split()), start, end) if words else None


def find_places(text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
    """Every place named in text[start:end], left to right."""
    end = len(text) if end is None else end
    folded = fold(text)
    found: list[PlaceMention] = []
    for m in _PREFIX_RE.finditer(folded, start, end):
        written = " ".join(m.group("prefix").split())
        prefix, levels = WRITTEN_PREFIXES[written]
        name = _name_at(text, m.end(), end, prefix)
        if name is None:
            continue
        name_text, name_start, name_end = name
        if name_text.isupper():
            name_text = name_text.title()  # "HUYỆN ỦY CAO LÃNH" in a header
        is_former, mention_end = _former_mark(folded, name_end)
        organ = m.group("organ") or (written if "ủy" in written else "")
        if prefix == "Thành phố" and fold(name_text) in CENTRAL_CITIES:
            levels = (PROVINCE,)
        dissolved = PROVINCE in levels and province_key(name_text) in provinces_dissolved_in_2025()
        found.append(PlaceMention(m.start(), mention_end, name_text, prefix, levels, organ, is_former, name_start,
                                  dissolved))
    return _with_provinces_named_bare(text, folded, start, end, found)


@lru_cache(maxsize=8192)
def places_in_label(label: str) -> tuple[PlaceMention, ...]:
    """The places a table's row or column label names, read once per label (a table asks for each cell)."""
    return tuple(find_places(label))


def _former_mark(folded: str, name_end: int) -> tuple[bool, int]:
    """(written as the unit before a merger, where its mention ends)."""
    mark = _FORMER_RE.match(folded, name_end)
    if mark is None:
        return False, name_end
    return (mark.group("a") or mark.group("b")) != "mới", mark.end()


# Words that open a sentence or a clause before a place ("Riêng Yên Bái có 19 xã", "Tại Hà Giang, ..."): no part
# of a longer name
LEAD_WORDS = {"riêng", "tại", "ở", "còn", "trong", "cả", "toàn", "đối", "với", "của", "như", "và", "gồm", "trên", "từ"}


def _with_provinces_named_bare(text: str, folded: str, start: int, end: int,
                               found: list[PlaceMention]) -> list[PlaceMention]:
    """Add the provinces named without a prefix: a dissolved one ("Yên Bái 19"), or any written as the unit
    before the merger ("Lào Cai cũ 110.000"). Every word capitalised ("Hòa bình, ổn định" is peace), and not
    inside a longer name ("Trường Chính trị Nam Định")."""
    taken = [(q.start, q.end) for q in found]
    bare, surviving = [], []
    for m in _bare_province_re().finditer(folded, start, end):
        name = " ".join(text[m.start():m.end()].split())
        if any(a < m.end() and m.start() < b for a, b in taken) \
                or not all(word[:1].isupper() for word in re.split(r"[\s-]+", name) if word):
            continue
        previous = re.search(r"(\S+)[^\S\n]+$", text[max(0, m.start() - 30):m.start()])
        if previous and previous.group(1)[:1].isupper() and fold(previous.group(1)) not in LEAD_WORDS:
            continue  # a capitalised word before it: part of another name ("Báo Kon Tum")
        following = re.match(r"[^\S\n]+(\w+)", text[m.end():m.end() + 12])
        if following and following.group(1)[:1].isupper() and fold(following.group(1)) not in ("cũ", "mới", "trước"):
            continue
        if name.isupper():
            name = name.title()  # "YÊN BÁI" in a heading
        is_former, mention_end = _former_mark(folded, m.end())
        dissolved = province_key(name) in provinces_dissolved_in_2025()
        prefix = "Thành phố" if province_key(name) in CENTRAL_CITIES else "Tỉnh"
        mention = PlaceMention(m.start(), mention_end, name, prefix, (PROVINCE,), "", is_former, m.start(), dissolved)
        (bare if is_former or dissolved else surviving).append(mention)
    # "(Lào Cai 19, Yên Bái 19)": a name kept by the new province, listed beside a dissolved one, is its partner
    # in the merger (the place reader of the narrative decides, by the report's date, whether it is the former unit)
    bare += [replace(q, partner=True) for q in surviving if any(_listed_together(text, q, other) for other in bare)]
    return sorted(found + bare, key=lambda q: q.start) if bare else found


def _listed_together(text: str, a: PlaceMention, b: PlaceMention) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    between = text[first.end:second.start]
    return len(between) <= 40 and not re.search(r"[.;:()\n]", between)


def gazetteer_source_dir() -> Path | None:
    """The data folder of the gazetteer's source, the vietnamadminunits package: located, not imported
    (importing it loads its address parser, over a second); None when it is not installed."""
    spec = importlib.util.find_spec("vietnamadminunits")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data"


@cache
def _package_provinces() -> tuple[list[str], list[str]]:
    """The names of the provinces before and since 2025-07-01, from the gazetteer's source; none when it
    cannot be read (then only prefixed names are places)."""
    source = gazetteer_source_dir()
    if source is None:
        return [], []
    dataset = source / "dataset.db"
    try:
        connection = sqlite3.connect(f"{dataset.as_uri()}?mode=ro", uri=True)
        try:
            legacy = [row[0] for row in connection.execute("SELECT DISTINCT province FROM admin_units_legacy")]
            current = [row[0] for row in connection.execute("SELECT DISTINCT province FROM admin_units")]
        finally:
            connection.close()
    except sqlite3.Error:
        return [], []
    return legacy, current


def province_key(name: str) -> str:
    """"Bà Rịa-Vũng Tàu", "bà rịa - vũng  tàu" -> "bà rịa - vũng tàu"."""
    return re.sub(r"\s*-\s*", " - ", " ".join(fold(re.sub(r"^(?:Tỉnh|Thành phố)\s+", "", name)).split()))


@cache
def provinces_dissolved_in_2025() -> frozenset[str]:
    """The folded names of the 29 provinces that became parts of others on 2025-07-01 ("yên bái")."""
    legacy, current = _package_provinces()
    return frozenset(map(province_key, legacy)) - frozenset(map(province_key, current))


@cache
def _bare_province_re() -> re.Pattern:
    legacy, current = _package_provinces()
    names = sorted({province_key(n) for n in legacy + current}, key=len, reverse=True)
    # a name's hyphen may be written with or without spaces ("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu")
    alternatives = [re.escape(n).replace(r"\ \-\ ", r"[^\S\n]*-[^\S\n]*").replace(r"\ ", r"[^\S\n]+") for n in names]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)") if names else re.compile(r"(?!x)x")
