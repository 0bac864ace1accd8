"""Layer 4b: what each number counts — family, unit, indicator — from the grammar read around it.

`MEANING_RULES` is tried in order and the first rule that answers decides; each rule is one
sentence of the genre's grammar. A number no rule can read states nothing we know (no fact).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from ..lexicon import (ACT, BODY_KIND, CHANGE, HOLD, LEVEL, MEASURE, NOUN, PREDICATE, ROLE, SHARE, SOFT_ACT, SUBJECT, WEAK,
                       Term)
from ..facts import CORE_FAMILIES
from ..vocabulary import catalogue_by_code
from . import grammar
from .context import ParagraphContext, ParagraphText, Reading

PERSON_UNITS = ("person", "party_member", "times")
# Amounts of money, land or length: never a count of what they concern.
AMOUNT_WORDS = {"đồng", "triệu đồng", "tỷ đồng", "nghìn đồng", "usd", "m", "m2", "km", "km2", "ha", "héc-ta", "hécta"}
BODY_UNITS = ("organization", "unit")
# A sentence about public bodies being set up, merged or cut: only there does "trung tâm" count bodies.
REORGANISATION_RE = re.compile(r"(?<!\w)(?:sắp\s+xếp|sáp\s+nhập|hợp\s+nhất|giải\s+thể|thành\s+lập|tiếp\s+nhận|"
                               r"tổ\s+chức\s+lại|kiện\s+toàn|chuyển\s+giao|đơn\s+vị\s+sự\s+nghiệp|đvsn|giảm|còn)(?!\w)")
LOCATIVE_RE = re.compile(r"(?<!\w)(?:ở|tại|trên)\s*$")
REPRESENTED_RE = re.compile(r"(?<!\w)đại\s+diện\s+cho\s*(?:trên|hơn|gần|khoảng)?\s*$")
ATTAINMENT_RE = re.compile(r"^\s*(?:so\s+với\s+)?(?:chỉ\s+tiêu|kế\s+hoạch|nghị\s+quyết)")


@dataclass(frozen=True)
class Meaning:
    family: str
    unit: str
    code: str | None
    concept: str = ""
    term: Term | None = None  # the word it was read from


def _of_term(term: Term, unit: str | None = None) -> Meaning:
    return Meaning(term.family, unit or term.unit, term.code, _concept_of(term), term)


def _concept_of(term: Term) -> str:
    entry = catalogue_by_code().get(term.code or "")
    return entry["name_vi"] if entry else term.phrase


def _weak_or_none(r: Reading) -> bool:
    return r.noun is None or r.noun.role == WEAK


def _phrase_start(p: ParagraphText, r: Reading) -> int:
    """Where a number's own phrase begins: its bracket, else its last comma in the clause."""
    start = p.structure.clause_start(r.start)
    comma = p.masked.rfind(",", start, r.start)
    return max(start, comma + 1)


def _as_percent(r: Reading, m: Meaning) -> Meaning:
    return Meaning(m.family, "percent", None, f"Tỷ lệ {m.concept[:1].lower()}{m.concept[1:]}", m.term) \
        if r.is_percent else m


# --- the rules, in the order they are tried ----------------------------------------------------

def measure_of_the_place(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"dân số 781.848 người", "tỷ lệ hộ nghèo giảm còn 1,8%": a measure of the place or its economy."""
    if not _weak_or_none(r) and not r.is_percent:
        return None
    measures = p.terms_between(_phrase_start(p, r), r.start, MEASURE, NOUN, SUBJECT, WEAK)
    if measures and measures[-1].item.role == MEASURE and not re.search(r"\d", p.masked[measures[-1].end:r.start]):
        measure = measures[-1].item
        return Meaning("other", "percent" if r.is_percent else "other", None, measure.phrase.capitalize(), measure)
    return None


def share_of_its_count(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"50.575 đảng viên (bằng 57%)", "nữ 20 người, tỷ lệ 26,67%", "giảm 153 đơn vị (tỷ lệ giảm 15,15%)",
    "kết nạp 288 đảng viên, đạt 35,34% chỉ tiêu": a share is of the count it follows."""
    if not r.is_percent or r.owner is None or r.owner.family is None:
        return None
    owner = r.owner
    concept = owner.concept or owner.family
    if ATTAINMENT_RE.match(p.masked[r.end:r.end + 30]):
        # "19/27 đảng bộ kết nạp đạt trên 50% chỉ tiêu": the attainment is of the change between them
        acts = [f for f in p.terms_between(owner.end, r.start, CHANGE) if f.item.family]
        if acts:
            return Meaning(acts[-1].item.family, "percent", None, f"{_concept_of(acts[-1].item)} so với chỉ tiêu")
        return Meaning(owner.family, "percent", None, f"{concept} so với chỉ tiêu")
    if owner.kind == "flow":
        return Meaning(owner.family, "percent", None, f"Tỷ lệ {concept[:1].lower()}{concept[1:]}")
    return Meaning(owner.family, "percent", None, f"Tỷ lệ {concept[:1].lower()}{concept[1:]}")


def delegates_stand_for_members(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"150 đại biểu đại diện cho hơn 2.300 đảng viên": the members are counted."""
    if r.noun is not None and r.noun.role == NOUN and REPRESENTED_RE.search(p.masked[max(0, r.start - 40):r.start]):
        return _of_term(r.noun)
    return None


def places_where_something_is_done(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"bí thư đồng thời là chủ tịch ở 8/15 xã", "triển khai mô hình ở 05 huyện", "154 xã phân công đồng chí
    phó chủ tịch phụ trách": places counted after a locative, or doing an act, say where the act is
    done; the act decides (the whole, "15" of "8/15", stays a count of places)."""
    if r.noun is None or r.noun.family != "admin_units":
        return None
    numerator = r.number.numerator
    if numerator is not None:
        if LOCATIVE_RE.search(p.masked[max(0, numerator.start - 12):numerator.start]):
            return _of_term(r.noun)  # "ở 8/15 xã": the 15 are all the communes
        return None
    start, end = p.structure.clause_start(r.start), p.structure.clause_end(r.start)
    if LOCATIVE_RE.search(p.masked[max(0, r.start - 12):r.start]):
        act = p.terms_between(start, r.start, ACT, PREDICATE, SOFT_ACT)
        if act and act[-1].item.family:
            return Meaning(act[-1].item.family, "unit", act[-1].item.code, _concept_of(act[-1].item))
        topics = [f for f in p.terms_between(p.structure.sentence_of(r.start).start, r.start, NOUN, SUBJECT)
                  if f.item.family and f.item.family not in ("admin_units", "other")]
        if topics:  # "sáp nhập trung tâm ... ở 8/9 huyện": where the sentence's bodies are
            return Meaning(topics[-1].item.family, "unit", None, f"Số địa bàn có {topics[-1].item.phrase}")
        return Meaning("other", "unit", None, f"Số {r.noun.phrase} nơi thực hiện")
    acting = [f for f in p.terms_between(r.noun_end, end, ACT, PREDICATE, SOFT_ACT)
              if f.item.family == "cadres" and not re.search(r"\d", p.masked[r.noun_end:f.start])]
    if acting:
        return Meaning("cadres", "unit", acting[0].item.code, _concept_of(acting[0].item))
    return None


def subject_of_a_rate(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"tỷ lệ cử tri đi bầu đạt 99%", ", tỷ lệ trưởng thôn là đảng viên đạt 90%": a rate is of what its
    "tỷ lệ" names (a rate named by nothing, "nữ 20 người, tỷ lệ 26,67%", is its count's)."""
    if not r.is_percent:
        return None
    start = p.structure.clause_start(r.start)
    rates = [f for f in p.terms_between(start, r.start, SHARE) if f.item.phrase in ("tỷ lệ", "tỉ lệ")]
    if not rates:
        return None
    named = [f for f in p.terms_between(rates[-1].end, r.start, NOUN, ROLE, SUBJECT, ACT, MEASURE)
             if f.item.family]
    if not named:
        return None
    term = named[0].item
    if term.role == ROLE:
        predicate = [f for f in p.terms_between(named[0].end, r.start, PREDICATE)]
        term = predicate[0].item if predicate else term
    if term.family == "other":
        return Meaning("other", "percent", None, f"Tỷ lệ {term.phrase}", term)
    return Meaning(term.family, "percent", None, f"Tỷ lệ {_concept_of(term)[:1].lower()}{_concept_of(term)[1:]}")


def places_with_a_party_body(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"412/430 thôn có chi bộ", "100% thôn, tổ dân phố có chi bộ", "4.538 doanh nghiệp chưa có đảng viên": a
    count of places or bodies that have (or lack) a party body or members counts the party's presence."""
    if r.noun is None or r.number.numerator is not None:
        return None
    end = p.structure.clause_end(r.start)
    found = [f for f in p.terms_between(r.noun_end, end, PREDICATE)
             if f.item.family in ("party_organizations", "party_members") and f.item.unit == "unit"
             and not re.search(r"\d|[,;]", _without_more_of_the_kind(p, r.noun_end, f.start))]
    if not found:
        return None
    predicate = found[0].item
    return Meaning(predicate.family, "percent" if r.is_percent else "unit", None,
                   f"{r.noun.phrase.capitalize()} {predicate.phrase}")


def _without_more_of_the_kind(p: ParagraphText, start: int, end: int) -> str:
    """The words between a noun and what follows it, more nouns of its list left out ("96/96 ấp, khóm có
    chi bộ": "khóm" is one more kind of the places counted)."""
    gap = p.masked[start:end]
    for f in p.terms_between(start, end, NOUN):
        gap = gap.replace(p.masked[f.start:f.end], " ", 1)
    gap = re.sub(r"(?<!\w)(?:đã|đều|hiện|vẫn|cũng)(?!\w)", " ", gap)  # "xóm, tổ dân phố đã có chi bộ"
    return "" if re.fullmatch(r"[\s,]*(?:và[\s,]*)*", gap) else gap


def governed_by_an_act(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"kiểm tra 37 tổ chức đảng", "kỷ luật 4 đảng viên", "bầu được 75 đại biểu": an act of a family of its
    own decides what it governs. "phân công" does not make "14 đảng bộ" cadres; "khai trừ" among removals
    from the rolls ("xóa tên 163 đảng viên, khai trừ 21 đảng viên") removes members."""
    g = r.governor
    if g is None or g.role != ACT:
        return None
    if g.change and (r.noun is None or r.noun.family == "party_members" or r.noun.role == WEAK) and _among_removals(p, r):
        return None  # "xóa tên 19 trường hợp, khai trừ 5 trường hợp": removed from the rolls too
    if g.family == "cadres" and r.noun is not None and r.noun.role == NOUN and r.noun.family != "cadres":
        return None
    return Meaning(g.family, r.noun.unit if r.noun and g.unit == "other" else g.unit, g.code, _concept_of(g))


def _among_removals(p: ParagraphText, r: Reading) -> bool:
    sentence = p.structure.sentence_of(r.start)
    before = p.terms_between(sentence.start, r.start, CHANGE, ACT)
    removals = [f for f in before if f.item.family == "party_members" and f.item.change == "remove"]
    disciplines = [f for f in before if f.item.phrase in ("kỷ luật", "thi hành kỷ luật", "xử lý kỷ luật")]
    return bool(removals) and (not disciplines or disciplines[-1].start < removals[-1].start)


def post_holder(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"2.018 trưởng thôn là đảng viên", "227 bí thư chi bộ đồng thời làm trưởng thôn": a post holder
    counts what its predicate says."""
    if r.noun is None or r.noun.role != ROLE:
        return None
    predicate = grammar.predicate_after(p, r)
    unit = "party_member" if (predicate or r.noun).family == "party_members" else "person"
    if predicate is None:
        # "3.565 bí thư chi bộ (bằng 81,8%) được bồi dưỡng": holders of a post, not of two posts at once
        return _as_percent(r, Meaning(r.noun.family, unit, None, r.noun.phrase.capitalize(), r.noun))
    return _as_percent(r, Meaning(predicate.family, unit, predicate.code, _concept_of(predicate) if predicate.code
                                  else f"{r.noun.phrase} {predicate.phrase}", predicate))


def counted_noun(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"4.663 đảng viên", "15 đảng bộ xã", "2 trung tâm" (where bodies are reorganised): the noun decides."""
    if r.noun is None or r.noun.role not in (NOUN, BODY_KIND) or not r.noun.family:
        return None
    head = r.head
    if head is not None and r.noun.family == "admin_units" and head.family not in ("admin_units", "other", None):
        return None  # places listed under a count of something else say where it is: the item's rule
    if r.noun.role == BODY_KIND:
        sentence = p.structure.sentence_of(r.start)
        if not REORGANISATION_RE.search(p.masked[sentence.start:sentence.end]):
            return None
    return _as_percent(r, _of_term(r.noun))


def listed_item(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"1.224 trường hợp (hành chính 31 người; ...)", "- Nữ: 623 đồng chí": an item counts what its head counts."""
    if r.head is None or r.head.family is None:
        return None
    head = r.head
    subject = r.subject
    if subject is not None and subject.code and subject.code != head.code and _weak_or_none(r) \
            and p.structure.clause_start(r.start) > head.end:
        return None  # "...; số công chức có mặt ... là 6.105 người": a clause with a subject of its own
    if r.noun is None or r.noun.role == WEAK:
        # "- Đảng viên dưới 30 tuổi: 798 đồng chí": the item's own words name what it counts
        start = p.structure.clause_start(r.start)
        label = [f for f in p.terms_between(start, r.start, NOUN, SUBJECT) if f.item.family and f.item.family != "other"]
        opening = label and not re.search(r"[^\W\d_]", p.masked[start:label[0].start].replace("-", "").replace("+", ""))
        if opening and label[0].item.family != head.family and head.family not in CORE_FAMILIES:
            return _as_percent(r, _of_term(label[0].item))
    return Meaning(head.family, "percent" if r.is_percent else head.unit, None if r.is_percent else head.code,
                   head.concept)


def clause_subject(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"Số cơ quan chuyên môn ... là 12", "tỷ lệ đảng viên nữ đạt 30%": the subject of the clause decides."""
    if r.subject is None or not _weak_or_none(r) or not r.subject.family:
        return None
    return _as_percent(r, _of_term(r.subject))


def object_of_its_verb(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"tinh giản biên chế đối với 1.224 trường hợp", "kết nạp được 52": a verb of a family governs."""
    g = r.governor
    if g is None or g.role != CHANGE or not g.family or not _weak_or_none(r):
        return None
    return _as_percent(r, _of_term(g))


def soft_act(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """"đào tạo, bồi dưỡng 1.200 lượt cán bộ": training, appointing, attending count people of cadres."""
    if not _weak_or_none(r) or r.is_percent:
        return None
    start = p.structure.clause_start(r.start)
    found = p.terms_between(start, r.start, SOFT_ACT)
    if found and (r.noun is None or r.noun.phrase in ("người", "cán bộ", "đồng chí", "lượt")):
        return _of_term(found[-1].item)
    return None


def sentence_topic(p: ParagraphText, r: Reading, _: ParagraphContext) -> Meaning | None:
    """A weak noun or none takes the nearest topic before it in its sentence (or a change of a family
    after it in its clause: "giải quyết cho 79 người nghỉ hưu trước tuổi"), one of persons for "người",
    one of bodies for "đơn vị"; one that the weak noun shortens first ("đơn vị" for "đơn vị sự nghiệp")."""
    if not _weak_or_none(r):
        return None
    sentence = p.structure.sentence_of(r.start)
    after_end = p.structure.clause_end(r.start)
    after = [f for f in p.terms_between(r.noun_end, after_end, CHANGE) if f.item.family][:1]
    found = [f for f in p.terms_between(sentence.start, r.start, NOUN, SUBJECT, CHANGE)
             if f.item.family and f.item.family != "other" and not _a_place_not_counted(p, f)] + after
    if r.noun is not None:
        wanted = PERSON_UNITS if r.noun.unit in PERSON_UNITS else BODY_UNITS
        found = [f for f in found if f.item.unit in wanted]
        # "sắp xếp 148 đơn vị để thành lập 71 đơn vị hành chính cấp xã": the name the weak noun shortens,
        # before it or later in its sentence
        later = [f for f in p.terms_between(r.noun_end, sentence.end, NOUN) if f.item.family
                 and f.item.phrase.startswith(r.noun.phrase + " ")]
        named = [f for f in found if f.item.phrase.startswith(r.noun.phrase + " ")] or later[:1]
        found = named or found
    if not found:
        return None
    before = [f for f in found if f.start < r.start]
    chosen = before[-1] if before else found[0]
    meaning = _as_percent(r, _of_term(chosen.item))
    changed = [f for f in p.terms_between(max(sentence.start, chosen.start - 30), chosen.start, CHANGE)
               if not p.masked[f.end:chosen.start].strip()]
    if r.is_percent and changed and changed[-1].item.change != LEVEL:
        meaning = replace(meaning, term=changed[-1].item)  # "tinh giản công chức đạt tỷ lệ 10,14%": the change's rate
    return meaning


def _a_place_not_counted(p: ParagraphText, found) -> bool:
    """"biên chế công chức của huyện được giao 118": a unit's word with no number before it is the place
    itself, not a topic that counts units; "hợp nhất hai trung tâm ở 9/9 huyện, giảm 09 đơn vị": places after a
    locative say where an act was done, and the units it cut are not theirs."""
    if found.item.family != "admin_units":
        return False
    before = p.masked[max(0, found.start - 20):found.start]
    if LOCATIVE_COUNT_RE.search(before):
        return True
    return dict(found.item.breakdown).get("type") is not None and not re.search(r"\d[\d.,]*\s*%?\s*$", before)


LOCATIVE_COUNT_RE = re.compile(r"(?<!\w)(?:ở|tại|trên)\s+(?:cả\s+|tất\s+cả\s+)?\d[\d.,/]*\s*$")


def section_topic(p: ParagraphText, r: Reading, context: ParagraphContext) -> Meaning | None:
    """"1. Sắp xếp đơn vị sự nghiệp công lập ... huyện Mai Sơn giảm 14 đơn vị": a weak noun of its kind (bodies
    for "đơn vị", persons for "người") is of the subject its section's heading names."""
    topic = context.section_topic
    if topic is None or r.noun is None or r.noun.role != WEAK:
        return None
    wanted = PERSON_UNITS if r.noun.unit in PERSON_UNITS else BODY_UNITS
    return _as_percent(r, _of_term(topic)) if topic.unit in wanted else None


def previous_sentence_count(p: ParagraphText, r: Reading, context: ParagraphContext) -> Meaning | None:
    """"Đã bầu được 75 đại biểu. Về trình độ chuyên môn: Sau đại học 46 người": a sentence counting only
    people, with no subject of its own, breaks down the count heading the sentence before."""
    head = context.previous_head
    if head is None or head.family is None or not (r.noun is None or r.noun.phrase == "người"):
        return None
    r.head = head
    return Meaning(head.family, "percent" if r.is_percent else head.unit, None if r.is_percent else head.code,
                   head.concept)


MEANING_RULES: tuple[tuple[str, Callable[[ParagraphText, Reading, ParagraphContext], Meaning | None]], ...] = (
    ("a measure of the place or its economy", measure_of_the_place),
    ("a rate is of what its 'tỷ lệ' names", subject_of_a_rate),
    ("a share is of the count it follows", share_of_its_count),
    ("delegates stand for the members counted", delegates_stand_for_members),
    ("places counted after a locative are where an act is done", places_where_something_is_done),
    ("places or bodies that have a party body count the party's presence", places_with_a_party_body),
    ("an act of a family of its own governs", governed_by_an_act),
    ("a post holder counts what its predicate says", post_holder),
    ("the noun after the number", counted_noun),
    ("a listed item counts what its head counts", listed_item),
    ("the subject of the clause", clause_subject),
    ("the object of a verb of a family", object_of_its_verb),
    ("training and appointing count cadres", soft_act),
    ("the topic of the sentence", sentence_topic),
    ("the count heading the previous sentence", previous_sentence_count),
    ("the subject its section's heading names", section_topic),
)


def read_meaning(p: ParagraphText, r: Reading, context: ParagraphContext) -> bool:
    """Family, unit, indicator and concept of `r` by the first rule that answers; False when none does."""
    if r.unknown_noun:
        return False
    for _, rule in MEANING_RULES:
        meaning = rule(p, r, context)
        if meaning is not None:
            if r.noun is not None and r.noun.phrase in AMOUNT_WORDS and meaning.code:
                # "phát hiện sai phạm 119.681 triệu đồng", "10.550 m2 đất": an amount, not a count
                meaning = Meaning(meaning.family, "other", None, f"{meaning.concept} ({r.noun.phrase})", meaning.term)
            r.family, r.unit, r.code, r.concept = meaning.family, meaning.unit, meaning.code, meaning.concept
            r.meaning_term = meaning.term
            if r.is_percent:
                r.unit = "percent"
            return True
    return False


RATE_OF_CHANGE_RE = re.compile(r"tỷ\s+lệ\s+(?:giảm|tăng)\s*(?:là\s*|:\s*)?$", re.IGNORECASE)


def find_owner(p: ParagraphText, r: Reading, earlier: list[Reading]) -> None:
    """The count a share is of: the count its bracket follows, else the last count of its clause
    before it (a share word between them: "chiếm", "tỷ lệ", "bằng", "đạt")."""
    if not r.is_percent:
        return
    bracket = p.structure.enclosing_bracket(r.start)
    start = p.structure.clause_start(r.start)
    counts = [x for x in earlier if not x.is_percent and x.family is not None and x.end <= r.start]
    owner = None
    if RATE_OF_CHANGE_RE.search(p.masked, max(0, r.start - 30), r.start):
        # "giảm 276 biên chế so với năm 2015 (2.657 biên chế), tỷ lệ giảm 10,39%": the rate of the change
        owner = next((x for x in reversed(counts) if x.kind == "flow" and x.sentence is r.sentence), None)
    if owner is None and bracket is not None:
        before = [x for x in counts if x.end <= bracket and p.structure.clause_start(x.start) == p.structure.clause_start(bracket)]
        inside = [x for x in counts if x.start > bracket]
        if before and not p.masked[before[-1].noun_end:bracket].strip(" ,"):
            owner = before[-1]
        elif inside:
            owner = inside[-1]
        else:
            # "815/817 ấp, khóm đã có chi bộ (đạt 99,76%)": the count its words run on from, across their commas
            last = [x for x in counts if x.end <= bracket and x.sentence is r.sentence]
            if last and not re.search(r"[\d;:()]", p.masked[last[-1].end:bracket]):
                owner = last[-1]
    if owner is None:
        shares = p.terms_between(start, r.start, SHARE, HOLD)
        in_clause = [x for x in counts if x.start >= start]
        # not a count in an aside closed before it: "so với nhiệm kỳ 2010 - 2015 (kết nạp 1.260 đảng viên) và đạt
        # 109,8% chỉ tiêu" is the share of the admissions the clause states, not of the base in brackets
        outside = [x for x in in_clause if p.structure.enclosing_bracket(x.start) in (None, bracket)]
        in_clause = outside or in_clause
        if in_clause and (shares or r.noun is None):
            owner = in_clause[-1]
    if owner is not None and owner.number.numerator is not None:
        # "2.018/2.128 (bằng 94,8%)": the share is the numerator's
        owner = next((x for x in earlier if x.number is owner.number.numerator), owner)
    r.owner = owner
