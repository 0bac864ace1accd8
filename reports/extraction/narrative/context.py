"""What the layers share: a paragraph read once, each number's reading, and the only state that
lives beyond one sentence (the document's context and the paragraph's).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property

from ..lexicon import Term, all_terms
from ..phrases import Found, fold
from ..places import PlaceMention, find_places
from ..timeexpr import TimeMatch, TimeSpan, find_time_expressions, load_terms
from .layout import Paragraph
from .sentences import ParagraphStructure, Sentence
from .spans import NumberSpan, find_numbers, masked_text


@dataclass
class Reading:
    """One number as read in its sentence, layer by layer, before it becomes a Fact."""

    number: NumberSpan
    sentence: Sentence
    noun: Term | None = None  # the word after the number that says what it counts
    noun_end: int = 0
    unknown_noun: bool = False  # a word follows that the vocabulary does not know: no statistic
    governor: Term | None = None  # the verb that governs the number (kết nạp, giảm, có, kiểm tra...)
    governor_at: int = -1
    subject: Term | None = None  # "Tổng số đảng viên ... là 120": what the clause is about
    head: "Reading | None" = None  # the count a listed item is part of
    label: str = ""  # a listed item's own words ("nữ", "sự nghiệp")
    owner: "Reading | None" = None  # the count a share is of
    # meaning
    family: str | None = None
    unit: str = "other"
    code: str | None = None
    concept: str = ""
    meaning_term: Term | None = None  # the word the meaning was read from
    kind: str = "stock"  # or "flow"
    change: str | None = None  # the direction of a flow (lexicon ADD, REMOVE...)
    is_target: bool = False
    before_change: bool = False  # "giảm từ X xuống Y", "giảm 25/38": X, 38 are counts before the change
    after_change: bool = False  # "... xuống còn Y": the count after it
    breakdown: dict[str, str] = field(default_factory=dict)
    span: TimeSpan | None = None
    area: PlaceMention | None = None

    @property
    def start(self) -> int:
        return self.number.start

    @property
    def end(self) -> int:
        return self.number.end

    @property
    def value(self) -> Decimal:
        return self.number.value

    @property
    def is_percent(self) -> bool:
        return self.number.is_percent


class ParagraphText:
    """A paragraph read once: its text, folded and masked copies, structure, and what each layer
    finds in it (terms, times, places, numbers), all with offsets in the paragraph's text."""

    def __init__(self, paragraph: Paragraph, reference_date: dt.date | None, congress_date: dt.date | None = None):
        self.paragraph = paragraph
        self.text = paragraph.text
        self.folded = fold(self.text)
        self.times: list[TimeMatch] = _from_the_congress(
            find_time_expressions(self.text, reference_date=reference_date), congress_date)
        self.masked = _without_abbreviations(self.text, masked_text(self.folded, self.times))
        self.structure = ParagraphStructure(paragraph, self.text)
        self.readings: list[Reading] = []  # the sentence being read's numbers, once their meaning is read

    @cached_property
    def terms(self) -> list[Found[Term]]:
        """The lexicon's phrases, those inside a place's name left out ("huyện" of "huyện Mai Sơn" counts
        nothing)."""
        names = sorted((m.start, m.end) for m in self.places)
        name_starts = [a for a, _ in names]
        reach = [b for _, b in names]  # the furthest end among the names starting at or before each one
        for i in range(1, len(reach)):
            reach[i] = max(reach[i], reach[i - 1])

        def in_a_name(pos: int) -> bool:
            i = bisect_right(name_starts, pos) - 1
            return i >= 0 and reach[i] > pos

        return [f for f in all_terms().find(self.masked) if not in_a_name(f.start)]

    @cached_property
    def places(self) -> list[PlaceMention]:
        return find_places(self.text)

    @cached_property
    def numbers(self) -> list[NumberSpan]:
        return find_numbers(self.masked)

    @cached_property
    def time_starts(self) -> list[int]:
        return [t.start for t in self.times]

    @cached_property
    def usable_times(self) -> list[TimeMatch]:
        """The times that can date a number: not a comparison's base, not a bare date."""
        return [t for t in self.times if not t.is_comparison and not t.is_date_only]

    @cached_property
    def usable_time_starts(self) -> list[int]:
        return [t.start for t in self.usable_times]

    @cached_property
    def number_starts(self) -> list[int]:
        return [n.start for n in self.numbers]

    @cached_property
    def _term_starts(self) -> list[int]:
        return [f.start for f in self.terms]

    def terms_between(self, a: int, b: int, *roles: str) -> list[Found[Term]]:
        """The terms lying within [a, b), of the given roles (all when none), left to right."""
        found = []
        for f in self.terms[bisect_left(self._term_starts, a):bisect_left(self._term_starts, b)]:
            if f.end <= b and (not roles or f.item.role in roles):
                found.append(f)
        return found


_ABBREVIATION_RE = re.compile(r"\(\s*[A-ZĐ][A-ZĐ0-9]{1,9}\s*\)")


def _without_abbreviations(text: str, masked: str) -> str:
    """"10 đơn vị hành chính (ĐVHC) cấp huyện": an abbreviation a name is glossed with is blanked so the
    name reads on across it."""
    chars = None
    for m in _ABBREVIATION_RE.finditer(text):
        chars = chars or list(masked)
        chars[m.start():m.end()] = " " * (m.end() - m.start())
    return "".join(chars) if chars else masked


def _from_the_congress(times: list[TimeMatch], congress_date: dt.date | None) -> list[TimeMatch]:
    """A term the report dates by its congress ("Đại hội ... lần thứ XI (ngày 16/7/2015)") starts that day,
    not at the season the terms table gives every province."""
    if congress_date is None:
        return times
    term = next((t for t in load_terms() if t.kind == "party_congress" and t.start.year == congress_date.year), None)
    if term is None or term.start == congress_date:
        return times
    return [replace(t, span=replace(t.span, start=congress_date)) if t.span.start == term.start else t for t in times]


@dataclass
class MarkerContext:
    """What a footnote marker's sentence said, for the footnote that details it."""

    span: TimeSpan | None
    act: Term | None
    place: PlaceMention | None = None


@dataclass
class DocumentContext:
    """State that lives beyond one paragraph, every piece of it named here."""

    reference_date: dt.date | None  # the report's "now": the day its figures are counted at
    reporting_period: TimeSpan | None = None  # stated once in the title or preamble
    congress_date: dt.date | None = None  # the day the report gives the congress opening its term
    section_period: TimeSpan | None = None  # the period the current section's heading states
    # when the section's work began: the first "từ năm 2016, ..." its text states, else the span of the first
    # change it dates between two counts (timing.read_time)
    section_since: TimeSpan | None = None
    section_is_goal: bool = False  # the current part is about what is to be done ("III. PHƯƠNG HƯỚNG ...")
    election_term: TimeSpan | None = None  # the term of the election a section reports on
    election_day: dt.date | None = None  # the day of the election the section reports ("bầu cử ngày 23/5/2021")
    last_head: Reading | None = None  # the count heading the last body paragraph's last sentence
    lead_span: TimeSpan | None = None  # the time a paragraph ending with ":" (a list's lead) states
    last_period: TimeSpan | None = None  # the last period stated ("cùng kỳ", "cùng thời gian")
    markers: dict[int, MarkerContext] = field(default_factory=dict)
    # The rearrangement a report is about, as it dates it: "Trước khi sắp xếp (thời điểm 30/11/2019)",
    # "có hiệu lực từ ngày 01/12/2019"; since 2025-07-01 the reform's eve and day by default.
    before_rearrangement: dt.date | None = None
    after_rearrangement: dt.date | None = None
    # (family, value) of each goal -> when the document that set it was issued: a goal restated
    # later without its resolution still runs from that date
    goals: dict[tuple[str, Decimal], dt.date | None] = field(default_factory=dict)


@dataclass
class ParagraphContext:
    """State that lives through one paragraph."""

    opening_span: TimeSpan | None = None  # "Năm 2023, ..." opening the paragraph dates all of it
    last_period: TimeSpan | None = None  # the latest period stated by an earlier sentence of the paragraph
    list_head: Reading | None = None  # for a list item: the count its lead paragraph ends with
    lead_span: TimeSpan | None = None  # for a list item: the time its lead paragraph states
    previous_head: Reading | None = None  # the count heading the paragraph's previous sentence
    marker: MarkerContext | None = None  # for a footnote: its marker's context
    in_goal_section: bool = False  # every figure of a part about what is to be done is a goal


def opening_span_of(p: ParagraphText) -> TimeSpan | None:
    """The time a paragraph opens with ("Năm 2023, ...", "Tính đến 31/12/2023, ..."): it dates the paragraph."""
    first = next((t for t in p.times if not t.is_comparison and not t.is_date_only), None)
    if first is None or first.start > 40 or re.search(r"\d", p.masked[:first.start]):
        return None
    return first.span


def first_period(p: ParagraphText, start: int = 0, end: int | None = None, last: bool = False,
                 goals: bool = False) -> TimeMatch | None:
    """The first (or last) period stated in p.text[start:end]: a span, not a moment or a base (nor a goal
    unless `goals`)."""
    periods = [t for t in p.times if start <= t.start < (len(p.text) if end is None else end)
               and not t.is_comparison and not t.is_date_only and not t.span.is_stock
               and (goals or not t.span.is_target)]
    return (periods[-1] if last else periods[0]) if periods else None
