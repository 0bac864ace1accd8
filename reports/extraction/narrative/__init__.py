"""Statistics stated in sentences and footnotes, read in layers (each a module of this package):

1. layout     lines -> paragraphs (page breaks, footnotes, headings, list items)
2. sentences  paragraph -> sentences, clauses, brackets
3. spans      the numbers that may state a statistic (one number parser), fractions and ranges
4. grammar    each number's noun, governing verb, subject, list head
   meaning    what it counts: family, unit, indicator (MEANING_RULES)
   series     the change it states, before/after counts, wholes, goals, breakdown
5. timing     when it holds (TIME_RULES)
6. placing    where it holds
Then each reading becomes a Fact with the exact columns of its number. The only state beyond one
sentence is the DocumentContext and the ParagraphContext (context.py).
"""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left

from ..facts import METHOD_NARRATIVE, ExtractionWarning, Fact, clean_breakdown
from ..lexicon import CHANGE, NOUN, SUBJECT
from ..timespans import TimeSpan
from ..vocabulary import stock_of
from . import changes, grammar, meaning, nouns, placing, series, timing
from .context import (DocumentContext, MarkerContext, ParagraphContext, ParagraphText, Reading, first_period,
                      opening_span_of)
from .layout import FOOTNOTE, HEADING, ITEM, MARKER_RE, build_paragraphs
from .sentences import MAX_SENTENCE_CHARS, Sentence

QUOTE_REACH = 60  # characters of context kept before a number in its quote
TOP_LEVEL_HEADING_RE = re.compile(r"^\s*(?:[IVX]+\s*[.\-–]|PHẦN\s)")
# A lettered part of a section ("a) Khối Đảng, đoàn thể"): it details the section, in the section's span
SUBSECTION_HEADING_RE = re.compile(r"^[\s*_#]*[a-zđ]\s*\)\s")
NUMBERED_HEADING_RE = re.compile(r"^[\s*_#]*(\d+(?:\.\d+)*)\.?\s")
# A part about what is to be done: "III. PHƯƠNG HƯỚNG, NHIỆM VỤ ...", "Nhiệm vụ, giải pháp thời gian tới"
GOAL_SECTION_RE = re.compile(r"phương\s+hướng|thời\s+gian\s+tới|giai\s+đoạn\s+tới|nhiệm\s+vụ,\s+giải\s+pháp|"
                             r"mục\s+tiêu,\s+nhiệm\s+vụ|kế\s+hoạch\s+năm|dự\s+kiến")
CORE = ("party_members", "party_organizations", "staff", "admin_units", "public_bodies")


def extract_narrative(lines: list[str], *, reference_date: dt.date | None, skip_lines=frozenset(),
                      reporting_period: tuple[dt.date, dt.date] | None = None, congress_date: dt.date | None = None,
                      rearrangement: tuple[dt.date | None, dt.date | None] = (None, None),
                      planned_period: tuple[dt.date, dt.date] | None = None,
                      ) -> tuple[list[Fact], list[ExtractionWarning]]:
    """Facts stated in the sentences and footnotes of `lines` (the tables' lines in skip_lines).
    `reference_date` is the report's "now"; `reporting_period` the period its title or preamble
    states; `congress_date` the day it gives the congress that opened its term; `rearrangement` the eve and
    the day of the rearrangement it is about; `planned_period` the period of the plan it is about, if any."""
    period = TimeSpan(reporting_period[0], reporting_period[1], False, label="reporting period") \
        if reporting_period else None
    doc = DocumentContext(reference_date, reporting_period=period, congress_date=congress_date,
                          before_rearrangement=rearrangement[0], after_rearrangement=rearrangement[1],
                          planned_period=TimeSpan(planned_period[0], planned_period[1], False, True,
                                                  label="planned period") if planned_period else None)
    facts: list[Fact] = []
    warnings: list[ExtractionWarning] = []
    for paragraph in build_paragraphs(lines, set(skip_lines)):
        try:
            facts.extend(_read_paragraph(paragraph, doc, warnings))
        except (ValueError, IndexError, KeyError, AttributeError, TypeError) as exc:
            # one paragraph the layers cannot read must not lose the document's other facts
            warnings.append(ExtractionWarning(paragraph.first_line, "narrative_not_understood",
                                              f"Không đọc được đoạn này / paragraph not understood "
                                              f"({type(exc).__name__}: {exc})", paragraph.raw[0][:120]))
    return facts, warnings


def _read_paragraph(paragraph, doc: DocumentContext, warnings: list[ExtractionWarning]) -> list[Fact]:
    p = ParagraphText(paragraph, doc.reference_date, doc.congress_date)
    if paragraph.kind == HEADING:
        _enter_section(p, doc)
    elif paragraph.starts_section:  # "**4.5. Kết quả ...:** Tỉnh ủy ...": a new section's first paragraph
        doc.section_since = None
    context = ParagraphContext(opening_span=opening_span_of(p), in_goal_section=doc.section_is_goal,
                               section_category=doc.section_category, section_topic=doc.section_topic)
    if paragraph.kind == FOOTNOTE:
        context.marker = doc.markers.get(paragraph.footnote or -1)
    if paragraph.kind == ITEM:
        context.list_head, context.lead_span = doc.last_head, doc.lead_span
    facts = []
    for index, sentence in enumerate(p.structure.sentences):
        facts += _read_sentence(p, sentence, index, doc, context, warnings)
    for long in p.structure.long_sentences:
        seg, raw = p.paragraph.locate(long.start)
        warnings.append(ExtractionWarning(
            seg.line, "sentence_too_long",
            f"Câu dài {long.end - long.start} ký tự (quá {MAX_SENTENCE_CHARS}): được đọc thành từng đoạn, liên hệ "
            f"giữa các đoạn có thể bị bỏ sót / a sentence of {long.end - long.start} characters (over "
            f"{MAX_SENTENCE_CHARS}) was read in pieces: links between its pieces may be missed",
            raw[max(0, long.start - seg.start):][:120]))
    if paragraph.kind != FOOTNOTE:
        _remember_markers(p, doc, context)
        if doc.section_since is None:
            # "Bắc Giang sớm triển khai sắp xếp (từ năm 2016, ...)": the section's results run from then
            doc.section_since = next((t.span for t in p.times if t.span.from_only and not t.is_comparison), None)
    if paragraph.kind in (ITEM,) and not paragraph.ends_with_colon:
        return facts  # the next item details the same lead
    if paragraph.kind != FOOTNOTE and _names_the_last_head(p, doc):
        # "Cơ cấu đảng viên mới kết nạp:" after "kết nạp 1.037 đảng viên": a lead with no figure of its own
        # opens a breakdown of the count before it, in that count's time
        doc.lead_span = doc.last_head.span if doc.last_head.span and not doc.last_head.span.is_stock else doc.lead_span
        return facts
    if paragraph.kind != FOOTNOTE:
        doc.last_head, doc.last_heads = context.previous_head, context.heads
        # "Trong 10 tháng năm 2024, biến động đảng viên như sau:": its items hold in its time
        first = next((t for t in p.times if not t.is_comparison and not t.is_date_only), None)
        # "Năm 2015 có 812 ...; đến 31/12/2021 còn 664, giảm 148 ... Kết quả theo lĩnh vực:": the items detail
        # the change the lead dated, not its first year
        lead = context.last_change.get("", first.span if first else None)
        doc.lead_span = lead if paragraph.ends_with_colon else None
    return facts


def _names_the_last_head(p: ParagraphText, doc: DocumentContext) -> bool:
    """A list's lead with no number that names what a count of the paragraph before it counts ("Cơ cấu đảng viên
    mới kết nạp:", "Trong tổng số đảng viên mới kết nạp:" after a sentence on the organisations that admitted
    them): that count heads the list."""
    if p.numbers or not p.paragraph.ends_with_colon:
        return False
    named = [f.item for f in p.terms_between(0, len(p.text), NOUN, SUBJECT, CHANGE) if f.item.family]
    for head in reversed(doc.last_heads or [doc.last_head]):
        if head is not None and head.family is not None and _names(named, head):
            doc.last_head = head
            return True
    return False


def _names(named: list, head: Reading) -> bool:
    if not named or any(term.family != head.family for term in named):
        return False
    if head.kind == "flow":  # "kết nạp 1.037 đảng viên" ... "Cơ cấu đảng viên mới kết nạp:"
        return any(term.role == CHANGE and (term.code == head.code or term.change == head.change) for term in named)
    return any(term.code == head.code for term in named)


def _enter_section(p: ParagraphText, doc: DocumentContext) -> None:
    """A heading that states a period dates the undated changes of its section ("Kết quả bầu cử ... nhiệm
    kỳ 2021-2026" names the election's term instead); a new part ("II. ...") without one ends it."""
    doc.last_head, doc.last_heads = None, []
    if not SUBSECTION_HEADING_RE.match(p.text):
        doc.section_since, doc.section_changes = None, {}
    doc.section_category = {}
    nouns = [f.item for f in p.terms_between(0, len(p.text), NOUN, SUBJECT) if f.item.family]
    for term in nouns:
        category = dict(term.breakdown).get("category")
        if category:
            doc.section_category.setdefault(term.family, category)
    period = first_period(p, goals=True)
    top = bool(TOP_LEVEL_HEADING_RE.match(p.text))
    topic = next((term for term in nouns if term.family in CORE), None)
    if topic is not None or top:
        doc.section_topic = topic
    level = _heading_level(p.text)
    if top or period is not None:
        doc.section_is_goal = bool(GOAL_SECTION_RE.search(p.folded)) or bool(period and period.span.is_target)
    if top:
        doc.part_is_goal = doc.section_is_goal
    if period is not None and "bầu cử" in p.folded:
        doc.election_term = period.span
    elif period is not None:
        doc.section_period, doc.section_period_level = period.span, level
    elif top:
        doc.section_period = doc.election_term = doc.election_day = None
    elif doc.section_period is not None and level <= doc.section_period_level:
        # "2. Công tác đại hội ... nhiệm kỳ 2020-2025", then "3. Công tác phát triển đảng viên": the next
        # heading of its level ends the period (and the goal) of the one before
        doc.section_period, doc.section_is_goal = None, doc.part_is_goal


def _heading_level(text: str) -> int:
    """1 for a part ("I.", "PHẦN"), 2 for "1.", 3 for "1.2.", ..., deeper still for a lettered item ("a)") or an
    unnumbered one (a bold line under a numbered heading details it)."""
    if TOP_LEVEL_HEADING_RE.match(text):
        return 1
    numbered = NUMBERED_HEADING_RE.match(text)
    return 1 + len(numbered.group(1).split(".")) if numbered else 9


def _read_sentence(p: ParagraphText, sentence: Sentence, index: int, doc: DocumentContext,
                   context: ParagraphContext, warnings: list[ExtractionWarning]) -> list[Fact]:
    starts = p.number_starts
    readings = [Reading(n, sentence)
                for n in p.numbers[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]]
    if not readings:
        return []
    for r in readings:
        nouns.read_noun(p, r)
    nouns.share_nouns(readings)
    nouns.elided_nouns(p, readings)
    for i, r in enumerate(readings):
        grammar.read_governor(p, r, readings[i - 1] if i else None)
        grammar.read_subject(p, r)
        if r.governor is None and context.marker is not None and not grammar.named_before(p, r):
            # "...(xóa tên 31, khai trừ 6)<sup>2</sup>" / "<sup>2</sup> Huyện A 4, huyện B 2": the marked act's items;
            # not "<sup>2</sup> Đảng viên nữ 12.486 đồng chí", a count its own words name
            r.governor = context.marker.act
    opening = None
    if grammar.opens_with_list_word(p, sentence.start):
        opening = context.previous_head or (doc.last_head if index == 0 else None)
    elif (whole := grammar.whole_named(p, sentence.start)) is not None:
        opening = whole
    if p.paragraph.kind == ITEM:
        opening = context.list_head
    grammar.before_and_after_pairs(p, readings)
    grammar.list_heads(p, readings, opening)
    done: list[Reading] = []
    for r in readings:
        meaning.find_owner(p, r, done)
        if meaning.read_meaning(p, r, context):
            series.read_series(p, r, done + [r], context.in_goal_section, context.section_category)
            placing.read_place(p, r, doc.since_the_reform)
            done.append(r)
    facts = []
    p.readings = done
    for r in done:
        timing.read_time(p, r, doc, context)
    changes.date_wholes_by_their_parts(done)
    for r in done:
        placing.predecessor_or_region(r, doc.since_the_reform)
    for r in done:
        if (r.span is None or r.span.end is None) and r.kind == "stock" and not r.is_target:
            r.span = TimeSpan(None, None, True)  # a count of a report with no date: the ingest dates it or says so
        elif r.span is None or r.span.end is None:
            if r.family in CORE:
                seg, raw = p.paragraph.locate(r.start)
                warnings.append(ExtractionWarning(
                    seg.line, "undated_flow",
                    "Không rõ thời kỳ của số liệu, không lưu / the period of this change is not stated: not stored",
                    raw[max(0, r.start - seg.start - QUOTE_REACH):r.end - seg.start]))
            continue
        facts.append(_fact(p, r))
        if r.kind == "flow" and not r.is_target and not r.span.is_stock and r.span.start:
            context.last_change[r.family] = context.last_change[""] = r.span  # ("": of any family)
            doc.section_changes.setdefault(r.family, r.span)  # (the section's first: later ones detail it)
    stated = first_period(p, sentence.start, sentence.end, last=True)
    if stated is not None:
        context.last_period = stated.span
    heads = [r for r in done if r.head is None and not r.is_percent and r.family and
             p.structure.enclosing_bracket(r.start) is None]
    # "Cơ cấu đảng viên ... (1.201 đồng chí):": a lead may state its total in brackets
    heads = heads or [r for r in done if r.head is None and not r.is_percent and r.family]
    core = [r for r in heads if r.family != "other"]
    # "là 1.386 đồng chí, giảm 19 đồng chí so với ...": a change of a count its sentence states is not what a
    # following "Trong đó, ..." breaks down; the count is
    counted = {r.code for r in heads if r.kind == "stock" and r.code}
    wholes = [r for r in (core or heads) if not (r.kind == "flow" and stock_of(r.code) in counted)
              and not series.is_a_difference(p, r)]
    if heads:
        context.previous_head = (wholes or core or heads)[-1]
        context.heads.append(context.previous_head)
    elif opening is not None:
        context.previous_head = opening  # "Chia theo hình thức: ... Chia theo đối tượng: ...": the same whole detailed
    return facts


def _remember_markers(p: ParagraphText, doc: DocumentContext, context: ParagraphContext) -> None:
    """A footnote details the clause its marker ends: remember that clause's period (else the one its
    paragraph stated before it, else a regulation it cites) and act."""
    for seg, raw in zip(p.paragraph.segments, p.paragraph.raw):
        for m in MARKER_RE.finditer(raw):
            pos = seg.start + m.start()
            start = p.structure.clause_start(pos)
            acts = p.terms_between(start, pos, "act")
            times = [t for t in p.times_between(start, pos) if not t.is_comparison]
            dated = [t for t in times if not t.is_date_only]
            earlier = first_period(p, 0, pos, last=True)
            span = (dated[-1].span if dated else _cited_regulation(times, doc)
                    or (earlier.span if earlier else None) or doc.section_since or doc.section_period)
            doc.markers[int(m.group(1))] = MarkerContext(span, acts[-1].item if acts else None)


def _cited_regulation(times, doc: DocumentContext) -> TimeSpan | None:
    """"chuyển giao ... theo Quy định số 60-QĐ/TW ngày 08/3/2022<sup>12</sup>": what the footnote details
    was done under that regulation, from its date to the report's."""
    if not times or doc.reference_date is None:
        return None
    cited = max(t.span.start for t in times if t.span.start)
    if cited >= doc.reference_date:
        return None
    return TimeSpan(cited, doc.reference_date, False)


def _fact(p: ParagraphText, r: Reading) -> Fact:
    seg, raw = p.paragraph.locate(r.start)
    column, column_end = r.start - seg.start, min(len(raw), r.end - seg.start)
    quote_end = min(len(raw), max(r.noun_end, r.end) - seg.start)
    quote_start = max(0, p.structure.clause_start(r.start) - seg.start, column - QUOTE_REACH)
    while 0 < quote_start < column and not raw[quote_start - 1].isspace():
        quote_start += 1  # begin at a word
    quote = raw[quote_start:quote_end].strip() or raw[column:column_end]
    span = r.span
    return Fact(
        line=seg.line, quote=quote, value=r.value, family=r.family, unit=r.unit,
        period_start=span.start, period_end=span.end, method=METHOD_NARRATIVE,
        indicator_code=r.code, concept=r.concept, breakdown=clean_breakdown(r.breakdown), qualifier=r.number.qualifier,
        area_name=r.area.name if r.area else None, area_level=r.area.level if r.area else None,
        area_former=bool(r.area and r.area.former), area_prefix=r.area.prefix if r.area else "",
        column_start=column, column_end=column_end,
    )
