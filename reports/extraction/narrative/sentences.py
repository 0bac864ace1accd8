"""Layer 2: a paragraph's sentences, and the clauses and brackets inside them.

A sentence ends at . ! ? … followed by a capital, a digit, a bracket or a dash (not inside "1.224"
or after an abbreviation such as "TP."), at a colon ending a paragraph, and after a bold lead-in
("**3.2. Công tác ...:**"). A clause runs from the sentence's start or a semicolon to the next
semicolon; a bracketed group is a clause of its own inside the clause that opened it. Everything
is computed once per paragraph, in one pass, and answered by bisection.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cached_property

from .layout import SUP_RE, Paragraph

_END_RE = re.compile(r"[.!?…](?=\s+\S)|:(?=\s*$)")
# Abbreviations whose full stop ends no sentence.
# Longer sentences are read in pieces (with a warning): about the longest a real report writes (2.306
# characters in the samples) with room to spare; it bounds the work per sentence.
MAX_SENTENCE_CHARS = 4000
_ABBREVIATIONS = {"tp", "tx", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "đ/c", "v.v", "nxb", "th.s"}


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


class ParagraphStructure:
    """Sentences, semicolons and brackets of one paragraph's text."""

    def __init__(self, paragraph: Paragraph, text: str):
        self.paragraph = paragraph
        self.text = text
        self._semicolons = [m.start() for m in re.finditer(";", text)]
        self.long_sentences: list[Sentence] = []  # sentences read in pieces (see _bounded)
        self._clause_starts: dict[int, int] = {}
        self._clause_ends: dict[int, int] = {}
        self._semicolons_at: dict[int | None, list[int]] = {}  # bracket -> the semicolons directly in it
        self._open_of: dict[int, int] = {}  # ")" offset -> its "(" offset
        self._opens: list[int] = []  # "(" offsets, in order
        self._closes: list[int] = []  # the matching ")" offset of each, or len(text) if unclosed
        # The innermost bracket as it changes along the text: after offset _change_at[k] (exclusive) and up
        # to the next change it is _innermost[k] (a "(" offset, or None). Brackets are matched by a stack, so
        # their groups nest: one sweep answers every enclosing_bracket() by bisection, whatever the number
        # of brackets (walking back over the groups before a position was quadratic in a long paragraph).
        self._change_at: list[int] = []
        self._innermost: list[int | None] = []
        groups: list[list[int]] = []  # [open, close] in the order they open
        stack: list[int] = []
        for m in re.finditer(r"[()]", text):
            if m.group(0) == "(":
                stack.append(len(groups))
                groups.append([m.start(), len(text)])
            elif stack:
                groups[stack.pop()][1] = m.start()
        # A group longer than MAX_SENTENCE_CHARS (a "(" left unclosed in a long paragraph, a stray one) is no
        # aside: its "(" and ")" are read as no bracket. What a number shares with its bracket is looked for
        # back to the bracket's opening, so this bounds that work as MAX_SENTENCE_CHARS bounds a sentence's.
        # The groups kept still nest (a part of a nested family nests).
        events = []  # (offset, index of the group it opens or closes)
        for open_, close in groups:
            if close - open_ <= MAX_SENTENCE_CHARS:
                events.append((open_, len(self._opens)))
                if close < len(text):
                    events.append((close, len(self._opens)))
                self._opens.append(open_)
                self._closes.append(close)
        events.sort()
        stack = []
        for offset, group in events:
            if offset == self._opens[group]:
                stack.append(group)
                self._innermost.append(offset)
            else:
                stack.pop()
                self._innermost.append(self._opens[stack[-1]] if stack else None)
            self._change_at.append(offset)
        for s in self._semicolons:
            self._semicolons_at.setdefault(self.enclosing_bracket(s), []).append(s)

    @cached_property
    def sentences(self) -> list[Sentence]:
        bounds, start = [], 0
        for m in _END_RE.finditer(self.text):
            following = re.search(r"\S", self.text[m.end():m.end() + 8])
            first = self.text[m.end() + following.start()] if following else ""
            before = re.search(r"(\S+)$", self.text[max(0, m.start() - 8):m.start()])
            if before and before.group(1).lower().strip("(") in _ABBREVIATIONS:
                continue
            if first and (first.isupper() or first in "(-–+" or first.isdigit()):
                bounds.append(Sentence(start, m.end()))
                start = m.end()
        bounds.append(Sentence(start, len(self.text)))
        raw = " ".join(SUP_RE.sub(lambda m: " " * len(m.group(0)), r) for r in self.paragraph.raw)
        out = []
        for s in bounds:  # a bold lead-in ("**5.5. ... :**") ends a sentence too
            prev = s.start
            for m in re.finditer(r":\*\*", raw[s.start:s.end]):
                out.append(Sentence(prev, s.start + m.end()))
                prev = s.start + m.end()
            out.append(Sentence(prev, s.end))
        return self._bounded([s for s in out if s.end > s.start and self.text[s.start:s.end].strip()])

    def _bounded(self, sentences: list[Sentence]) -> list[Sentence]:
        """A sentence longer than MAX_SENTENCE_CHARS (a table flattened into one line, a list of numbers
        with no full stop) is read in pieces of at most that length, each cut after its last semicolon,
        else comma, else space: what a sentence's numbers share is looked for within the sentence, so
        reading it whole would take time growing with the square of its length. The sentences cut are
        kept in `long_sentences` for a warning."""
        if all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences):
            return sentences
        out = []
        for s in sentences:
            if s.end - s.start <= MAX_SENTENCE_CHARS:
                out.append(s)
                continue
            self.long_sentences.append(s)
            start = s.start
            while s.end - start > MAX_SENTENCE_CHARS:
                limit = start + MAX_SENTENCE_CHARS
                cut = max(self.text.rfind(";", start + 1, limit), self.text.rfind(",", start + 1, limit))
                if cut < start + MAX_SENTENCE_CHARS // 2:
                    cut = max(cut, self.text.rfind(" ", start + 1, limit))
                cut = cut + 1 if cut > start else limit
                out.append(Sentence(start, cut))
                start = cut
            out.append(Sentence(start, s.end))
        return [s for s in out if self.text[s.start:s.end].strip()]

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_of(self, pos: int) -> Sentence:
        return self.sentences[max(0, bisect_right(self._sentence_starts, pos) - 1)]

    def enclosing_bracket(self, pos: int) -> int | None:
        """Offset of the innermost "(" whose group holds `pos`, else None."""
        # a group holds the offsets after its "(" up to its ")" included
        k = bisect_left(self._change_at, pos) - 1
        return self._innermost[k] if k >= 0 else None

    def bracket_end(self, open_pos: int) -> int:
        i = bisect_left(self._opens, open_pos)
        return self._closes[i] if i < len(self._opens) and self._opens[i] == open_pos else len(self.text)

    def _semicolons_beside(self, pos: int) -> list[int]:
        """The semicolons at the depth of `pos`: "(gồm 22 chi bộ; 575 đảng viên)" splits only its bracket."""
        return self._semicolons_at.get(self.enclosing_bracket(pos), [])

    def clause_start(self, pos: int) -> int:
        """Where the clause of `pos` starts: its sentence, the last semicolon at its depth, or its bracket
        (worked out once per offset: every layer asks it of each number)."""
        start = self._clause_starts.get(pos)
        if start is None:
            start = self._clause_starts[pos] = self._clause_start(pos)
        return start

    def _clause_start(self, pos: int) -> int:
        sentence = self.sentence_of(pos)
        start = sentence.start
        semicolons = self._semicolons_beside(pos)
        i = bisect_left(semicolons, pos) - 1
        if i >= 0 and semicolons[i] >= start:
            start = semicolons[i] + 1
        bracket = self.enclosing_bracket(pos)
        if bracket is not None and bracket >= start:
            start = bracket + 1
        return start

    def clause_end(self, pos: int) -> int:
        """Where the clause of `pos` ends: the next semicolon, its bracket's end, or its sentence's end."""
        end = self._clause_ends.get(pos)
        if end is None:
            end = self._clause_ends[pos] = self._clause_end(pos)
        return end

    def _clause_end(self, pos: int) -> int:
        end = self.sentence_of(pos).end
        semicolons = self._semicolons_beside(pos)
        i = bisect_right(semicolons, pos)
        if i < len(semicolons):
            end = min(end, semicolons[i])
        bracket = self.enclosing_bracket(pos)
        if bracket is not None:
            end = min(end, self.bracket_end(bracket))
        return end

    def in_an_aside(self, pos: int, a: int, b: int) -> bool:
        """Whether `pos` lies in one of in_closed_bracket(a, b), its brackets included. Only the innermost
        group holding `pos` need be asked: the groups around it open earlier and close later."""
        i = bisect_left(self._opens, pos)
        inner = pos if i < len(self._opens) and self._opens[i] == pos else self.enclosing_bracket(pos)
        return inner is not None and inner >= a and self.bracket_end(inner) < b

    def in_closed_bracket(self, a: int, b: int) -> list[tuple[int, int]]:
        """The bracketed groups that open and close between a and b (their text is an aside)."""
        i = bisect_left(self._opens, a)
        groups = []
        while i < len(self._opens) and self._opens[i] < b:
            if self._closes[i] < b:
                groups.append((self._opens[i], self._closes[i]))
            i += 1
        return groups
