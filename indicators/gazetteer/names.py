"""Names of administrative units as reports write them, and the forms the gazetteer matches on.

A report may write "tỉnh Bắc Giang", "Tỉnh ủy Bắc Giang" (the party committee of the province),
"TP. Hồ Chí Minh", "Bac Giang" or decomposed (NFD) Unicode. Everything here is pure string work so
loading and lookup derive ``short_name`` and ``search_name`` with the very same rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from reports.extraction.places import ORGANS, PROVINCE, WRITTEN_PREFIXES

# The prefixes and organs reports write are the extractor's one place reader's (reports.extraction.places);
# here they are turned into the canonical prefix and the levels it can name. "Thành phố" is both a
# centrally-run city (province level) and, before 2025-07-01, a provincial city (district level).
PREFIX_LEVELS: dict[str, frozenset[str]] = {}
for _canonical, _levels in WRITTEN_PREFIXES.values():
    PREFIX_LEVELS[_canonical] = PREFIX_LEVELS.get(_canonical, frozenset()) | frozenset(_levels)
# Written form (lowercase NFC) -> canonical prefix. Party committees ("Huyện ủy Tây Sơn") name
# the place they lead, so they imply the same unit as the administrative prefix.
_WRITTEN_PREFIXES: dict[str, str] = {written: canonical for written, (canonical, _) in WRITTEN_PREFIXES.items()}
# Organs of a place ("Đảng ủy xã Tây Thuận", "UBND huyện Tây Sơn"): removed only when an
# administrative prefix follows, because the organ alone does not say which level is meant.
_ORGAN_WORDS = ORGANS

_QUOTES_AND_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?-–— "
_NON_ALPHANUMERIC = re.compile(r"[^0-9a-z]+")
_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")


def normalize_text(text: str) -> str:
    """NFC, single spaces, no surrounding quotes or punctuation; "uỷ" spelt as "ủy".

    Both tone placements ("Tỉnh uỷ", "Tỉnh ủy") occur in reports; only this syllable matters to
    prefix matching, and search names drop tone marks anyway."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.split()).strip(_QUOTES_AND_PUNCTUATION)
    return text.replace("uỷ", "ủy").replace("Uỷ", "Ủy").replace("UỶ", "ỦY")


def remove_diacritics(text: str) -> str:
    """"Bắc Giang" -> "Bac Giang", "Đắk Lắk" -> "Dak Lak" (đ is a letter, not a mark)."""
    decomposed = unicodedata.normalize("NFD", text)
    without_marks = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return without_marks.replace("đ", "d").replace("Đ", "D")


def to_search_form(text: str) -> str:
    """Lowercase ASCII words separated by single spaces; numbers without leading zeros.

    "Bà Rịa - Vũng Tàu" -> "ba ria vung tau", "Phường 01" -> "phuong 1"."""
    ascii_text = remove_diacritics(unicodedata.normalize("NFC", text)).lower()
    words = _NON_ALPHANUMERIC.sub(" ", ascii_text).strip()
    return _LEADING_ZEROS.sub("", words)


def _display_short_name(prefix: str | None, rest: str) -> str:
    """The name without its prefix, except numbered units: "Quận 1" stays "Quận 1", not "1"."""
    if prefix and rest.replace(" ", "").isdigit():
        return f"{prefix} {rest}".strip()
    return rest


@dataclass(frozen=True)
class AreaNameReading:
    """One way to read a written name: its prefix (if any) and the name proper."""

    prefix: str | None  # canonical, e.g. "Huyện"; None when the text has no prefix
    short_name: str  # as written, NFC, without the prefix: "Tây Sơn"
    search_name: str  # what Area.search_name holds for such a unit: "tay son"
    alias_levels: frozenset[str] | None = None  # the levels a known alias stands for ("TP.HCM")

    @property
    def levels(self) -> frozenset[str] | None:
        """The levels the prefix (or the alias) allows; None when the text did not say."""
        if self.alias_levels:
            return self.alias_levels
        return PREFIX_LEVELS[self.prefix] if self.prefix else None


# Names reports use that the official list does not hold, in search form: abbreviations, spellings
# of before the 1980s' orthography, and former names of units that were renamed before 2025.
# Each stands for a unit's current search name at the given levels; the date still decides which.
_ALIASES: dict[str, tuple[str, frozenset[str]]] = {
    "hcm": ("ho chi minh", frozenset({PROVINCE})),
    "tphcm": ("ho chi minh", frozenset({PROVINCE})),
    "tp hcm": ("ho chi minh", frozenset({PROVINCE})),
    "thua thien hue": ("hue", frozenset({PROVINCE})),  # Thành phố Huế since 01/01/2025
    "dac lac": ("dak lak", frozenset({PROVINCE})),
    "daklak": ("dak lak", frozenset({PROVINCE})),
    "dac nong": ("dak nong", frozenset({PROVINCE})),
    "daknong": ("dak nong", frozenset({PROVINCE})),
}


def _longest_first(written_prefixes: dict[str, str]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(written_prefixes.items(), key=lambda item: len(item[0]), reverse=True))


def _match_prefix(lowered: str, written_prefixes: tuple[tuple[str, str], ...]) -> tuple[str, int] | None:
    """(canonical prefix, length consumed) of the longest written prefix at the start of the text."""
    for written, canonical in written_prefixes:
        if not lowered.startswith(written):
            continue
        following = lowered[len(written):len(written) + 1]
        # "TP.HCM" needs no space after the dot; a word-prefix must end at a word boundary.
        if written.endswith(".") or following in ("", " "):
            return canonical, len(written)
    return None


def _strip_organ(lowered: str, written_prefixes: tuple[tuple[str, str], ...], organ_words: tuple[str, ...]) -> int:
    """How many characters of an organ ("Đảng ủy ", "UBND ") precede an administrative prefix."""
    for organ in organ_words:
        if lowered.startswith(organ + " ") and _match_prefix(lowered[len(organ) + 1:], written_prefixes):
            return len(organ) + 1
    return 0


def _reading(prefix: str | None, rest: str) -> AreaNameReading:
    rest = rest.strip(_QUOTES_AND_PUNCTUATION)
    short_name = _display_short_name(prefix, rest)
    return AreaNameReading(prefix=prefix, short_name=short_name, search_name=to_search_form(short_name))


def _split(text: str, written_prefixes: tuple[tuple[str, str], ...], organ_words: tuple[str, ...], *,
           compare: str) -> tuple[AreaNameReading, int] | None:
    """Prefix-stripped reading of ``text`` and the length of the stripped part, matching prefixes
    against ``compare`` (the same text lowercased, possibly without diacritics, same length)."""
    organ_length = _strip_organ(compare, written_prefixes, organ_words)
    matched = _match_prefix(compare[organ_length:], written_prefixes)
    if matched is None:
        return None
    prefix, prefix_length = matched
    consumed = organ_length + prefix_length
    return _reading(prefix, text[consumed:]), consumed


_PREFIXES = _longest_first(_WRITTEN_PREFIXES)
_ASCII_PREFIXES = _longest_first({remove_diacritics(written): prefix for written, prefix in _WRITTEN_PREFIXES.items()})
_ORGANS = tuple(sorted(_ORGAN_WORDS, key=len, reverse=True))
_ASCII_ORGANS = tuple(remove_diacritics(organ) for organ in _ORGANS)


def read_area_name(text: str) -> list[AreaNameReading]:
    """The plausible readings of a name as written, most specific first; [] for blank text.

    A prefix written with its diacritics is unambiguous. Without them it is not: "Tinh Bien" may
    be a province "Biên" or the town "Tịnh Biên", so both readings are returned and the caller
    decides (the lookup raises when both match something)."""
    return _with_aliases(_readings(text))


def _with_aliases(readings: list[AreaNameReading]) -> list[AreaNameReading]:
    aliased = []
    for reading in readings:
        if reading.search_name in _ALIASES:
            search_name, levels = _ALIASES[reading.search_name]
            if reading.levels is None or reading.levels & levels:
                aliased.append(AreaNameReading(prefix=None, short_name=reading.short_name, search_name=search_name,
                                               alias_levels=levels))
    return readings + aliased


def _readings(text: str) -> list[AreaNameReading]:
    text = normalize_text(text)
    if not text:
        return []
    lowered = text.lower()
    exact = _split(text, _PREFIXES, _ORGANS, compare=lowered)
    if exact is not None:
        reading, _ = exact
        return [reading] if reading.search_name else []
    readings = []
    ascii_lowered = remove_diacritics(lowered)
    # remove_diacritics keeps one character per NFC character, so offsets carry over to ``text``.
    if len(ascii_lowered) == len(text):
        ascii_split = _split(text, _ASCII_PREFIXES, _ASCII_ORGANS, compare=ascii_lowered)
        # Only a prefix typed without diacritics counts: "Tịnh Biên" is a name, "Tinh Bắc Giang" a
        # province written carelessly.
        if ascii_split is not None and ascii_split[0].search_name and text[:ascii_split[1]].isascii():
            readings.append(ascii_split[0])
    literal = _reading(None, text)
    if literal.search_name and all(r.search_name != literal.search_name for r in readings):
        readings.append(literal)
    return readings


def split_area_name(full_name: str) -> AreaNameReading:
    """The canonical reading of an official full name such as "Thị trấn Phú Phong"."""
    readings = read_area_name(full_name)
    if not readings:
        raise ValueError(f"Empty area name: {full_name!r}")
    return readings[0]


def admin_prefix(full_name: str) -> str | None:
    """The canonical administrative prefix an official full name starts with, if any."""
    return split_area_name(full_name).prefix
