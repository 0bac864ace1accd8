"""The one place reader: where a text names an administrative unit, and at which level.

A place is written as an administrative prefix ("tỉnh", "huyện", "xã"...) or a party committee
that leads it ("Tỉnh ủy", "Huyện ủy", "Đảng ủy xã"), possibly after the organ that governs it
("Đảng bộ huyện", "UBND xã"), then its name: capitalised words ("Bắc Giang", "Tây Sơn") or a
number for numbered wards ("Phường 3"). A unit dissolved by the 2025 reorganisation is written
"tỉnh Bình Định (cũ)": `former` says so, and the gazetteer then resolves it before 2025-07-01.
Turning the name into an Area is the gazetteer's work (indicators.gazetteer.resolve_area).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

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
_FORMER_RE = re.compile(r"\s*(?:\(\s*(?P<a>cũ|mới)\s*\)|(?P<b>cũ|mới)(?!\w))")
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
        gap = text[end:m.start()]
        if (gap.strip() and not (words and gap.strip() == "-" and m.group(0)[:1].isupper())) or "\n" in gap:
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
    return (" ".join(words), start, end) if words else None


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
        former = _FORMER_RE.match(folded, name_end)
        is_former = bool(former and (former.group("a") or former.group("b")) == "cũ")
        mention_end = former.end() if former else name_end
        organ = m.group("organ") or (written if "ủy" in written else "")
        if prefix == "Thành phố" and fold(name_text) in CENTRAL_CITIES:
            levels = (PROVINCE,)
        found.append(PlaceMention(m.start(), mention_end, name_text, prefix, levels, organ, is_former, name_start))
    return found
