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
# A capital letter of Vietnamese, as a character class: a range such as "À-Ỹ" would
# hold most lower-case letters too ("đ", "ạ", "ế" lie inside it), and read "đạt" as a name.
CAPITAL = "[A-ZĐÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝĂĨŨƠƯẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ]"
# What may stand between two words of a phrase (_adjacent decides which of these gaps are allowed).
_PHRASE_GAP_RE = re.compile(r"[ \u00a0,]*")

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


class _Node(Generic[T]):
    """A phrase's words so far: the words that may follow, and the phrase ending here if one does."""

    __slots__ = ("following", "length", "commas", "items")

    def __init__(self, length: int):
        self.following: dict[str, _Node[T]] = {}
        self.length = length  # words from the phrase's first
        self.commas: tuple[bool, ...] = ()  # which gaps may hold a comma, for a phrase ending here
        self.items: list[T] | None = None


class PhraseIndex(Generic[T]):
    """Phrases (sequences of words) mapped to items; several items may share a phrase."""

    def __init__(self, entries: Iterable[tuple[str, T]]):
        # A tree of words from each phrase's first: the phrases at a position are found by walking it along
        # the text's words (not by trying every phrase that starts with the word).
        self._first: dict[str, _Node[T]] = {}
        for phrase, item in entries:
            matches = list(WORD_RE.finditer(fold(phrase)))
            if not matches:
                continue
            following = self._first
            for length, m in enumerate(matches, start=1):
                node = following.get(m.group(0))
                if node is None:
                    node = following[m.group(0)] = _Node(length)
                following = node.following
            if node.items is None:
                node.commas = tuple("," in phrase[a.end():b.start()] for a, b in zip(matches, matches[1:]))
                node.items = []
            node.items.append(item)

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
        # The words read one by one while they go on a phrase of the tree and the gaps may lie inside one (see
        # _adjacent): the text after the phrase is not searched through for more words.
        words = []
        following = self._first
        word = WORD_RE.match(folded, pos)
        while word is not None and word.group(0) in following:
            words.append(word)
            following = following[word.group(0)].following
            if not following:
                break
            word = WORD_RE.match(folded, _PHRASE_GAP_RE.match(folded, word.end()).end())
        if not words:
            return None
        match = self._longest_at(words, 0)
        if match is None:
            return None
        length, items = match
        return words[length - 1].end(), items

    def _longest_at(self, words: list[re.Match], i: int) -> tuple[int, list[T]] | None:
        ending: list[_Node[T]] = []  # the phrases whose words are those from i, shortest first
        node = self._first.get(words[i].group(0))
        k = i
        while node is not None:
            if node.items is not None:
                ending.append(node)
            k += 1
            if k == len(words):
                break
            node = node.following.get(words[k].group(0))
        for node in reversed(ending):
            if _adjacent(words, i, node.commas):
                return node.length, node.items
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
