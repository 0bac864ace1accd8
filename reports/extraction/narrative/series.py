"""Layer 4c: which series a number joins. A change is not the count it changes, a part is not its
whole, a goal is not a result: each gets its own indicator or breakdown, so one chart line holds
one concept.

In order: the change the governing verb states (CHANGE_RULES), the counts before and after a
change ("giảm từ X xuống còn Y", "giảm 25/38"), the whole of a coverage ratio ("2.018/2.128"),
goals and plans, and the breakdown (the noun's, the item's, the sector's, the elected body's).
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..facts import breakdown_option
from ..lexicon import CHANGE, LEVEL, PLAN, TARGET
from ..table_vocabulary import named_breakdown
from ..vocabulary import DIRECTION_LABELS, catalogue_by_code, catalogue_kind, flow_of, stock_of
from . import grammar
from .context import KeyedPattern, ParagraphText, Reading

PRESENT_RE = re.compile(r"(?<!\w)(?:đã|hiện\s+(?:nay|có|đang|tại|còn)|đến\s+nay)(?!\w)")
SECTOR_RE = KeyedPattern(r"(?<!\w)khối\s+(?P<name>[^\d;:()]{2,40}?)\s+(?:giảm|tăng|có|là|còn|được|đã|tinh\s+giản)"
                         r"(?:\s+được)?\s*:?\s*$", ("khối",))
_COUNCIL = r"(?:hđnd|hội\s+đồng\s+nhân\s+dân)"
ELECTED_BODIES = (
    (re.compile(r"(?<!\w)quốc\s+hội(?!\w)"), "Quốc hội"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:tỉnh|thành\s+phố\s+trực\s+thuộc)(?!\w)"), "HĐND cấp tỉnh"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:huyện|quận|thị\s+xã)(?!\w)"), "HĐND cấp huyện"),
    (re.compile(rf"(?<!\w){_COUNCIL}\s+(?:cấp\s+)?(?:xã|phường|thị\s+trấn)(?!\w)"), "HĐND cấp xã"),
)
PLAN_SO_MUCH_RE = re.compile(r"(?:kế\s+hoạch|chỉ\s+tiêu)")


def read_series(p: ParagraphText, r: Reading, readings: list[Reading], in_goal_section: bool = False,
                section_category: dict | None = None) -> None:
    _base_of_a_comparison(p, r, readings)
    _change(p, r)
    _difference_of_flows(p, r, readings)
    _before_and_after(p, r, readings)
    _whole_of_a_ratio(p, r, readings)
    _goal(p, r)
    r.is_target = r.is_target or in_goal_section
    _breakdown(p, r)
    _extreme(p, r)
    category = (section_category or {}).get(r.family or "")
    if category and "category" not in r.breakdown and r.code:
        r.breakdown["category"] = category  # "a) Biên chế công chức": "Năm 2015 được giao 2.812 biên chế" of them


def _base_of_a_comparison(p: ParagraphText, r: Reading, readings: list[Reading]) -> None:
    """"giảm 19 đồng chí so với thời điểm 31/12/2023 (1.405 đồng chí)", "so với năm 2015 (56 đơn vị)": the
    number in brackets after the base of a comparison is the count there, before the change; not when what
    the sentence compares is a flow ("kết nạp 2.010 đảng viên, tăng ... so với cùng kỳ năm 2018 (1.876 đảng
    viên)": last year's admissions)."""
    bracket = p.structure.enclosing_bracket(r.start)
    if bracket is None or re.search(r"\d", p.masked[bracket + 1:r.start]):
        return
    if not any(t.is_comparison for t in p.times_right_before(bracket)[:1]):
        return
    compared = next((x for x in readings if x is not r and x.sentence is r.sentence and x.end <= bracket
                     and not x.is_percent and x.family), None)
    if compared is None or compared.kind == "stock":
        r.before_change = True


COMPARED_RE = re.compile(r"[^\d;.]{0,40}?(?<!\w)so\s+với(?!\w)")


def is_a_difference(p: ParagraphText, r: Reading) -> bool:
    """"tăng 158 đảng viên so với năm 2015": a change stated against a base, in its own clause."""
    end = min(p.structure.clause_end(r.start), r.end + 80)  # (a window: the words right after the number)
    return r.kind == "flow" and bool(COMPARED_RE.match(p.masked, r.end, end))


EXTREME_RE = re.compile(r"(?<!\w)(?P<word>(?:đông|nhiều|lớn|cao)|(?:ít|nhỏ|thấp))\s+nhất(?!\w)[^\d,;()]{0,40}$")


def _extreme(p: ParagraphText, r: Reading) -> None:
    """"chi bộ đông nhất có 164 đảng viên, ít nhất 7 đảng viên": the largest or smallest of many, not a
    count of the whole: a series of its own."""
    clause = p.structure.clause_start(r.start)
    start = max(clause, p.masked.rfind(",", clause, r.start) + 1)
    found = EXTREME_RE.search(p.masked, start, r.start)
    if found is None or r.is_percent or p.places_between(found.start("word"), r.start):
        return  # ("nhiều nhất là huyện Vị Xuyên 31 người": that district's own count)
    low = found.group("word") in ("ít", "nhỏ", "thấp")
    r.breakdown["stat"] = "thấp nhất" if low else "cao nhất"
    r.code = None
    r.concept = f"{r.concept} ({r.breakdown['stat']})"


def _difference_of_flows(p: ParagraphText, r: Reading, readings: list[Reading]) -> None:
    """"kết nạp 2.742 đảng viên ..., tăng 158 đảng viên so với năm 2015": more admissions than the year
    before, not a rise of the total: no series of the catalogue, named after the flow it compares."""
    if r.is_percent or not is_a_difference(p, r):
        return
    flows = [x for x in readings if x is not r and x.end <= r.start and x.sentence is r.sentence
             and x.family == r.family and x.kind == "flow" and not x.is_percent and not x.is_target]
    label = DIRECTION_LABELS.get(r.change or "", r.change or "")
    if flows and flows[-1].code and flows[-1].code != r.code and stock_of(r.code) is not None:
        r.code, r.concept = None, f"{flows[-1].concept} — {label} so với kỳ trước"
        return
    # "Số người được giải quyết tinh giản năm 2017 tăng 41 người so với năm 2016": a flow its subject names
    term, g = r.meaning_term, r.governor
    if term is not None and term.role == CHANGE and g is not None and g.role == CHANGE and g is not term \
            and g.phrase in ("tăng", "giảm"):
        r.code, r.concept = None, f"{r.concept} — {label} so với kỳ trước"


def _change(p: ParagraphText, r: Reading) -> None:
    """The governing verb's change: "kết nạp 52" admitted, "giảm 17 xã" reduced, "nâng tổng số lên 89.455"
    the level reached (a count), "có/là/còn" a count held."""
    if r.before_change or r.after_change:
        return  # a count before or after a change, not the change
    head = r.head
    g = r.governor
    own_change = g is not None and g.role == CHANGE and head is not None and (
        head.sentence is not r.sentence or r.governor_at > head.end)
    if head is not None and head.family == r.family and not own_change:
        r.kind, r.change = head.kind, head.change
        r.before_change, r.after_change = head.before_change, head.after_change
        if head.change and (r.code == (head.noun.code if head.noun else None) or _a_part_by_its_breakdown(r, head)):
            r.code = head.code  # a kind of the head's change ("giảm 17 đơn vị, gồm 12 xã") is that change
        return
    catalogue = catalogue_by_code()
    if g is not None and g.change and g.change != LEVEL and not (r.noun and r.noun.role == "role") \
            and (g.role == CHANGE or g.family != r.family):
        r.kind, r.change = "flow", g.change
        if g.family == r.family and g.code:
            r.code, r.concept = g.code, catalogue.get(g.code, {}).get("name_vi", r.concept)
        elif r.code and catalogue.get(r.code, {}).get("kind") == "stock":
            flow = flow_of(r.code, g.change)
            name = catalogue[r.code]["name_vi"]
            r.code = flow
            r.concept = catalogue[flow]["name_vi"] if flow else f"{name} — {DIRECTION_LABELS.get(g.change, g.change)}"
        if g.breakdown:
            r.breakdown.update(dict(g.breakdown))
        return
    if g is not None and g.role in ("act", "soft_act"):
        # "kiểm tra 34 chi bộ": what an act was done to, over a period; a count the catalogue holds as a state
        # ("có 145 bí thư đồng thời là chủ tịch", "thí điểm tại 10/10 đơn vị") stays one
        r.kind = "stock" if catalogue.get(r.code or "", {}).get("kind") == "stock" else "flow"
        return
    if r.meaning_term is not None and r.meaning_term.role == CHANGE and r.meaning_term.change != LEVEL:
        r.kind, r.change = "flow", r.meaning_term.change  # "tinh giản biên chế đến nay đạt 10,5%"
        return
    r.kind = catalogue.get(r.code or "", {}).get("kind", "stock") if not (g and g.change == LEVEL) else "stock"
    if r.kind == "flow" and r.code and not r.is_percent:
        r.change = catalogue[r.code].get("direction")


def _a_part_by_its_breakdown(r: Reading, head: Reading) -> bool:
    """"kết nạp 1.046 đảng viên, trong đó 571 đảng viên nữ": the thing counted with a breakdown of its own."""
    return bool(r.noun and r.noun.breakdown and head.kind == "flow" and catalogue_kind(r.code) == "stock")


def _before_and_after(p: ParagraphText, r: Reading, readings: list[Reading]) -> None:
    """The counts before and after a change (marked by grammar.before_and_after_pairs) and the 38 of
    "giảm 25/38 cơ quan" (there before the cut) are counts of the series the change changes."""
    catalogue = catalogue_by_code()
    if r.before_change or r.after_change:
        r.kind, r.change = "stock", None
        if catalogue.get(r.code or "", {}).get("kind") == "flow":
            r.code = stock_of(r.code) or r.code
            r.concept = catalogue.get(r.code, {}).get("name_vi", r.concept)
    numerator = r.number.numerator
    if numerator is not None:
        n = next((x for x in readings if x.number is numerator), None)
        if n is not None and n.kind == "flow" and n.change == "remove":
            r.before_change, r.kind, r.change = True, "stock", None
            stock = stock_of(n.code) if catalogue.get(n.code or "", {}).get("kind") == "flow" else None
            r.code = stock or (r.noun.code if r.noun and r.noun.family == r.family else None)
            r.concept = catalogue.get(r.code or "", {}).get("name_vi", r.concept)


def _whole_of_a_ratio(p: ParagraphText, r: Reading, readings: list[Reading]) -> None:
    """"2.018/2.128 trưởng thôn là đảng viên": 2.128 counts all the village heads, not those who are
    members; "kết nạp 192/187 đảng viên (102,67% so với Kế hoạch)": 187 is the plan."""
    numerator = r.number.numerator
    if numerator is None or r.before_change:
        return
    n = next((x for x in readings if x.number is numerator), None)
    if n is None:
        return
    after = p.masked[r.end:p.structure.clause_end(r.start)]
    if n.kind == "flow" and (n.value > r.value or PLAN_SO_MUCH_RE.search(after[:80])):
        r.is_target, r.concept = True, f"{n.concept} — chỉ tiêu"
        return
    if r.code == n.code and r.family == n.family:
        phrase = r.noun.phrase if r.noun else r.concept
        r.code, r.concept, r.kind, r.change = None, f"Tổng số {phrase}", "stock", None


def _goal(p: ParagraphText, r: Reading) -> None:
    """A goal: a target word in the number's phrase, a bracket explaining a target ("vượt chỉ tiêu đề ra
    (đến năm 2025 ... là 90%)"), a plan word before it in its clause (unless "đã", "hiện nay" come between),
    or a range of rates (a norm)."""
    start = p.structure.clause_start(r.start)
    phrase_start = max(start, p.masked.rfind(",", start, r.start) + 1)
    bracket = p.structure.enclosing_bracket(r.start)
    targets = p.terms_between(phrase_start if bracket is None else bracket, r.start, TARGET)
    if bracket is not None and not targets:
        targets = [f for f in p.terms_between(max(0, bracket - 40), bracket, TARGET)]
    plans = [f for f in p.terms_between(start, r.start, PLAN)
             if f.item.phrase != "sẽ" or f.start >= phrase_start]
    planned = bool(plans) and not PRESENT_RE.search(p.masked[plans[-1].end:r.start])
    norm = r.is_percent and r.number.bound != ""
    if targets or planned or norm or _under_a_future_horizon(p, r):
        r.is_target = True


def _under_a_future_horizon(p: ParagraphText, r: Reading) -> bool:
    """"- Đến năm 2026: giảm 8% ..." in a report of 2023: a horizon after the report's day heads the sentence
    (not "Đến năm 2020, toàn tỉnh đã giảm ...": a result)."""
    ref = p.reference_date
    sentence = p.structure.sentence_of(r.start)
    if ref is None:
        return False
    # the sentence's times before the number, by bisection (a paragraph may hold thousands of them)
    before = p.times[bisect_left(p.time_starts, sentence.start):bisect_left(p.time_starts, r.start)]
    horizon = next((t for t in reversed(before) if t.end <= r.start and t.span.is_target and t.span.is_stock
                    and t.span.end and t.span.end > ref), None)
    return horizon is not None and not PRESENT_RE.search(p.masked, horizon.end, r.start)


def _without_noun(label: str, r: Reading) -> str:
    """"Đảng viên nữ" under admissions of party members: "nữ", the part."""
    for noun in (r.noun, r.head.noun if r.head is not None else None):
        if noun is not None and label.lower().startswith(noun.phrase + " "):
            return label[len(noun.phrase):].strip().lower()
    return ""


def _breakdown(p: ParagraphText, r: Reading) -> None:
    head = r.head
    if r.noun is not None and r.noun.breakdown:
        own = dict(r.noun.breakdown)
        if head is None or head.noun is None or set(own.items()) - set(head.noun.breakdown):
            r.breakdown.update(own)
    elif r.meaning_term is not None and r.meaning_term.breakdown and r.meaning_term.code == r.code:
        # "Số đơn vị tự chủ ... là 133 đơn vị": the subject that named the series names its part too
        r.breakdown.update(dict(r.meaning_term.breakdown))
    numerator = r.number.numerator  # "giảm 40/610 biên chế": the 610 is read where its numerator is
    at = numerator.start if numerator is not None else r.start
    if head is not None and not (r.noun and r.noun.breakdown) and not r.is_percent and numerator is None \
            and not r.breakdown:  # (a governing verb's own part, "nghỉ hưu trước tuổi 612 người", says it)
        label = grammar.item_label(p, r)
        if label:
            r.breakdown.update(named_breakdown(label.lower(), None) or named_breakdown(_without_noun(label, r), None)
                               or {"subset": breakdown_option(label)})
    if head is not None and numerator is None and not r.is_percent and r.code and r.code == head.code \
            and r.noun is not None and r.noun.role == "noun" and r.noun is not head.noun \
            and not set(r.breakdown.items()) - set(head.breakdown.items()):
        # "14 đảng bộ trực thuộc (08 đảng bộ huyện, 01 đảng bộ thị xã ...)": a part counted by its own words
        words = breakdown_option(p.text[r.end:r.noun_end])
        if words:
            r.breakdown["type"] = words
    if r.is_percent and r.owner is not None:
        for key, value in r.owner.breakdown.items():
            r.breakdown.setdefault(key, value)
    clause = p.structure.clause_start(at)
    sector = SECTOR_RE.search(p.masked[clause:at])
    if sector:
        r.breakdown["sector"] = breakdown_option(p.text[sector.start("name") + clause:sector.end("name") + clause])
        r.breakdown.pop("subset", None)
    if r.family == "elections":
        _elected_body(p, r)
    if r.is_target:
        r.breakdown["target"] = "yes"


def _elected_body(p: ParagraphText, r: Reading) -> None:
    """Deputies are counted per elected body: the body named right after the count, else the last named
    before it in its sentence, else its head's."""
    after = re.split(r"[,;.(:]", p.masked[r.noun_end:r.noun_end + 60])[0]
    sentence = p.structure.sentence_of(r.start)
    before = p.masked[sentence.start:r.start]
    body = next((name for pattern, name in ELECTED_BODIES if pattern.search(after)), None)
    if body is None:
        named = [(m.end(), name) for pattern, name in ELECTED_BODIES for m in pattern.finditer(before)]
        body = max(named)[1] if named else None
    if body is None and r.head is not None:
        body = r.head.breakdown.get("body")
    if body:
        r.breakdown.setdefault("body", body)

