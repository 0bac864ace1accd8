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
from ..timeexpr import find_time_expressions
from ..timespans import REFORM_DATE, TimeMatch, TimeSpan, congress_term_opened_in
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
        self.reference_date = reference_date
        self.text = paragraph.text
        self.folded = fold(self.text)
        self.times: list[TimeMatch] = _from_the_congress(
            find_time_expressions(self.text, reference_date=reference_date), congress_date)
        self.masked = _without_abbreviations(self.text, masked_text(self.folded, self.times))
        self.structure = ParagraphStructure(paragraph, self.text)
        self.readings: list[Reading] = []  # the sentence being read's numbers, once their meaning is read
        self._times_right_before: dict[int, list[TimeMatch]] = {}
        # What a layer works out once per paragraph, under the layer's own key (the work per number stays
        # bounded however long the paragraph).
        self.memo: dict[str, object] = {}

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
    def place_starts(self) -> list[int]:
        return [m.start for m in self.places]  # find_places reads left to right: sorted

    @cached_property
    def _place_reach(self) -> list[int]:
        """The furthest end among the places starting at or before each one."""
        reach = [m.end for m in self.places]
        for i in range(1, len(reach)):
            reach[i] = max(reach[i], reach[i - 1])
        return reach

    def places_between(self, a: int, b: int) -> list[PlaceMention]:
        """The places starting within [a, b), left to right."""
        return self.places[bisect_left(self.place_starts, a):bisect_left(self.place_starts, b)]

    def place_named_at(self, pos: int) -> bool:
        """Whether `pos` lies inside a place's mention."""
        i = bisect_right(self.place_starts, pos) - 1
        return i >= 0 and self._place_reach[i] > pos

    @cached_property
    def numbers(self) -> list[NumberSpan]:
        return find_numbers(self.masked)

    def first_number_from(self, pos: int) -> NumberSpan | None:
        i = bisect_left(self.number_starts, pos)
        return self.numbers[i] if i < len(self.numbers) else None

    @cached_property
    def time_starts(self) -> list[int]:
        return [t.start for t in self.times]

    def times_between(self, a: int, b: int) -> list[TimeMatch]:
        """The times starting within [a, b), left to right."""
        return self.times[bisect_left(self.time_starts, a):bisect_left(self.time_starts, b)]

    def times_right_before(self, pos: int) -> list[TimeMatch]:
        """The times ending before `pos` with only blanks between (right to left): "thời điểm 31/12/2018
        (1.564 tổ chức)". Worked out once per position, as every number of a bracket asks it of the bracket's
        opening; times are disjoint, so a gap that is not blank stays so for every earlier time."""
        found = self._times_right_before.get(pos)
        if found is None:
            found, limit = [], pos
            for i in range(bisect_left(self.time_starts, pos) - 1, -1, -1):
                t = self.times[i]
                if t.end > pos:
                    continue  # one straddling `pos`
                if _NON_BLANK.search(self.masked, t.end, limit):
                    break
                found.append(t)
                limit = t.end  # masked[limit:pos] is known blank: each gap is read once
            self._times_right_before[pos] = found
        return found

    @cached_property
    def periods_stated(self) -> dict[bool, tuple[list[TimeMatch], list[int]]]:
        """For first_period, by whether goals count: the periods stated and their starts."""
        spans = [t for t in self.times if not t.is_comparison and not t.is_date_only and not t.span.is_stock]
        found = {}
        for goals in (True, False):
            periods = [t for t in spans if goals or not t.span.is_target]
            found[goals] = (periods, [t.start for t in periods])
        return found

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

    @cached_property
    def _terms_by_role(self) -> dict[str, tuple[list[int], list[int]]]:
        """role -> the indices in `terms` of its terms and their starts: a question about a few roles reads
        only their terms (a sentence may hold hundreds of nouns, and each number asks about its verbs)."""
        by_role: dict[str, tuple[list[int], list[int]]] = {}
        for i, f in enumerate(self.terms):
            indices, starts = by_role.setdefault(f.item.role, ([], []))
            indices.append(i)
            starts.append(f.start)
        return by_role

    def terms_between(self, a: int, b: int, *roles: str) -> list[Found[Term]]:
        """The terms lying within [a, b), of the given roles (all when none), left to right."""
        if not roles:
            return [f for f in self.terms[bisect_left(self._term_starts, a):bisect_left(self._term_starts, b)]
                    if f.end <= b]
        indices = []
        for role in set(roles):
            of_role, starts = self._terms_by_role.get(role, ((), ()))
            indices += of_role[bisect_left(starts, a):bisect_left(starts, b)]
        if len(roles) > 1:
            indices.sort()
        terms = self.terms
        return [terms[i] for i in indices if terms[i].end <= b]


_NON_BLANK = re.compile(r"\S")


class KeyedPattern:
    """A pattern that matches only where one of its key words is written (each of its alternatives reads one),
    searched only in a text that holds one. The patterns read over the clause before each number begin with a
    look-behind, which keeps the regex engine from skipping ahead to a literal: it would try them at every
    offset of the clause, for every number of it."""

    def __init__(self, pattern: str, keys: tuple[str, ...]):
        self.regex = re.compile(pattern)
        self.keys = keys

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        endpos = len(text) if endpos is None else endpos
        if any(text.find(key, pos, endpos) >= 0 for key in self.keys):
            return self.regex.search(text, pos, endpos)
        return None


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
    term = congress_term_opened_in(congress_date.year)
    if term is None or term.start == congress_date:
        return times
    def moved(span: TimeSpan) -> TimeSpan:
        # a moment at the congress moves whole; a period from it keeps its end
        return replace(span, start=congress_date, end=congress_date if span.is_stock else span.end)

    return [replace(t, span=moved(t.span)) if t.span.start == term.start else t for t in times]


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
    # the plan the report is about, past its day ("Đề án ... giai đoạn 2019-2021")
    planned_period: TimeSpan | None = None
    congress_date: dt.date | None = None  # the day the report gives the congress opening its term
    section_period: TimeSpan | None = None  # the period the current section's heading states
    section_period_level: int = 0  # ...and that heading's level (1 "I.", 2 "1.", 3 "a)")
    part_is_goal: bool = False  # the current part ("III. PHƯƠNG HƯỚNG ...") is about what is to be done
    # when the section's work began: the first "từ năm 2016, ..." its text states, else the span of the first
    # change it dates between two counts (timing.read_time)
    section_since: TimeSpan | None = None
    # family -> the span of its first change the section's text dated (its lettered parts "a)", "b)" included)
    section_changes: dict = field(default_factory=dict)
    section_is_goal: bool = False  # the current part is about what is to be done ("III. PHƯƠNG HƯỚNG ...")
    # family -> the category its heading names ("a) Biên chế công chức"): its counts that name none are of it
    section_category: dict = field(default_factory=dict)
    section_topic: Term | None = None  # the noun of the genre its heading names ("Sắp xếp đơn vị sự nghiệp công lập")
    election_term: TimeSpan | None = None  # the term of the election a section reports on
    election_day: dt.date | None = None  # the day of the election the section reports ("bầu cử ngày 23/5/2021")
    last_head: Reading | None = None  # the count heading the last body paragraph's last sentence
    last_heads: list = field(default_factory=list)  # the count heading each sentence of that paragraph
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

    @property
    def since_the_reform(self) -> bool:
        """The report is written since the 2025 reorganisation (its provinces are the 34)."""
        return self.reference_date is not None and self.reference_date >= REFORM_DATE


@dataclass
class ParagraphContext:
    """State that lives through one paragraph."""

    opening_span: TimeSpan | None = None  # "Năm 2023, ..." opening the paragraph dates all of it
    last_period: TimeSpan | None = None  # the latest period stated by an earlier sentence of the paragraph
    list_head: Reading | None = None  # for a list item: the count its lead paragraph ends with
    lead_span: TimeSpan | None = None  # for a list item: the time its lead paragraph states
    previous_head: Reading | None = None  # the count heading the paragraph's previous sentence
    heads: list = field(default_factory=list)  # the count heading each of its sentences, in order
    # family -> the span of its last change an earlier sentence dated ("" -> the last of any family)
    last_change: dict = field(default_factory=dict)
    marker: MarkerContext | None = None  # for a footnote: its marker's context
    in_goal_section: bool = False  # every figure of a part about what is to be done is a goal
    section_category: dict = field(default_factory=dict)  # as DocumentContext's, for the paragraph's section
    section_topic: Term | None = None  # as DocumentContext's


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
    periods, starts = p.periods_stated[goals]
    i, j = bisect_left(starts, start), bisect_left(starts, len(p.text) if end is None else end)
    if i >= j:
        return None
    return periods[j - 1] if last else periods[i]
