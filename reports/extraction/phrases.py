"""Finding the vocabulary's phrases in a text, word by word.

Reports write the same word in two tone placements ("ủy"/"uỷ", "hóa"/"hoá") and in any case;
`fold` maps a text to one lowercase spelling of the same length, so offsets found in the folded
text are offsets in the original. `PhraseIndex` finds phrases at word boundaries, the longest
phrase at a position winning, in one left-to-right pass (time linear in the text).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Generic, Iterable, TypeVar

# The old tone placement on the first vowel of "oa, oe, uy" ending a syllable and its modern placement
# on the second ("hòa"/"hoà"; "hoạch" has one spelling): same length either way, so offsets are kept.
_TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
# Fold to the placement the customer's reports mostly use ("ủy", "hóa").
_TO_COMMON = {new: old for old, new in _TONE_PAIRS.items()}
_TONE_RE = re.compile(f"(?:{'|'.join(_TO_COMMON)})(?!\\w)")
WORD_RE = re.compile(r"\w+", re.UNICODE)

T = TypeVar("T")


def fold(text: str) -> str:
    """Lowercase NFC text with one tone placement; same length as `text` (NFC input)."""
    lowered = unicodedata.normalize("NFC", text).lower()
    if len(lowered) != len(text):  # a few characters change length when lowercased: keep offsets
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _TONE_RE.sub(lambda m: _TO_COMMON[m.group(0)], lowered)


@dataclass(frozen=True)
class Found(Generic[T]):
    start: int
    end: int
    item: T


class PhraseIndex(Generic[T]):
    """Phrases (sequences of words) mapped to items; several items may share a phrase."""

    def __init__(self, entries: Iterable[tuple[str, T]]):
        # first word -> [(words, which gaps hold a comma, items)], the longest phrase first
        self._by_first: dict[str, list[tuple[tuple[str, ...], tuple[bool, ...], list[T]]]] = {}
        grouped: dict[tuple[str, ...], tuple[tuple[bool, ...], list[T]]] = {}
        for phrase, item in entries:
            matches = list(WORD_RE.finditer(fold(phrase)))
            words = tuple(m.group(0) for m in matches)
            commas = tuple("," in phrase[a.end():b.start()] for a, b in zip(matches, matches[1:]))
            if words:
                grouped.setdefault(words, (commas, []))[1].append(item)
        for words, (commas, items) in grouped.items():
            self._by_first.setdefault(words[0], []).append((words, commas, items))
        for candidates in self._by_first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._longest_phrase = max((len(c[0]) for cs in self._by_first.values() for c in cs), default=1)

    def find(self, folded: str, start: int = 0, end: int | None = None) -> list[Found[T]]:
        """Every phrase in folded[start:end], left to right; where phrases overlap, the one starting
        first wins, and at one start the longest. Each item of a phrase is reported."""
        words = [m for m in WORD_RE.finditer(folded, start, len(folded) if end is None else end)]
        found: list[Found[T]] = []
        i = 0
        while i < len(words):
            match = self._longest_at(words, i)
            if match is None:
                i += 1
                continue
            length, items = match
            a, b = words[i].start(), words[i + length - 1].end()
            found.extend(Found(a, b, item) for item in items)
            i += length
        return found

    def at(self, folded: str, pos: int) -> tuple[int, list[T]] | None:
        """The longest phrase starting exactly at `pos` (a word's start): (end, items), else None."""
        words = []
        for m in WORD_RE.finditer(folded, pos):
            if not words and m.start() != pos:
                return None
            words.append(m)
            if len(words) >= self._longest_phrase:
                break
        if not words:
            return None
        match = self._longest_at(words, 0)
        if match is None:
            return None
        length, items = match
        return words[length - 1].end(), items

    def _longest_at(self, words: list[re.Match], i: int) -> tuple[int, list[T]] | None:
        candidates = self._by_first.get(words[i].group(0))
        if not candidates:
            return None
        for phrase, commas, items in candidates:
            n = len(phrase)
            if i + n > len(words):
                continue
            if all(words[i + k].group(0) == phrase[k] for k in range(1, n)) and _adjacent(words, i, commas):
                return n, items
        return None


def _adjacent(words: list[re.Match], i: int, commas: tuple[bool, ...]) -> bool:
    """The words of a phrase stand next to each other: spaces between them, or a comma where the
    phrase has one ("xã, phường, thị trấn"; a report may leave that comma out, never add one)."""
    for k, comma_allowed in enumerate(commas):
        a, b = words[i + k], words[i + k + 1]
        gap = a.string[a.end():b.start()]
        if gap.strip(" \u00a0" + ("," if comma_allowed else "")) or gap.count(",") > 1:
            return False
    return True
