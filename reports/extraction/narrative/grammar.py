"""Layer 4a: the words around a number, read as the genre's grammar (the noun it counts: nouns.py).

For each number: the verb that governs it (the nearest change, hold, act or share word before it in its
clause, asides in brackets skipped; or a passive verb right after its noun: "12 chi bộ được thành
lập"), the subject of its clause ("Số đảng viên ... là 120"), and the count it is an item of: the
count before a bracket it stands in, before a list word ("trong đó", "gồm", ":") it follows, or
the count a paragraph or sentence opened by a list word details.
"""
from __future__ import annotations

import re
from bisect import bisect_left

from ..lexicon import (ACT, CHANGE, HOLD, LIST, NOUN, PREDICATE, REARRANGE, ROLE, SHARE, SOFT_ACT, SUBJECT, VERB, WEAK,
                       Term, index_of)
from ..vocabulary import catalogue_kind
from .context import ParagraphText, Reading
from .nouns import SHARE_IN_BRACKETS_RE, best_noun

GOVERNING_ROLES = (CHANGE, HOLD, ACT, SOFT_ACT, SHARE, VERB)
# (not a cause, a purpose or a time: "giảm 47 trạm y tế do sáp nhập xã" is a reduction, its cause a merger)
_PASSIVE_RE = re.compile(r"\s*(?:(?:\S+\s+){0,3}?(?:được|bị|đã)|"
                         r"(?!(?:do|vì|nhờ|bởi|để|khi|sau|trước|theo)\s)(?:[^\W\d]+\s+){1,2})\s*$")
LIST_OPENER_RE = re.compile(r"^\s*,?\s*(?:(?:trong\s+(?:số\s+)?đó|bao\s+gồm|gồm(?:\s+có)?|chia\s+ra|cụ\s+thể(?:\s+là)?)"
                            r"(?!\w)\s*:?|:)")
LIST_LEAD_RE = re.compile(r"^[\s*\-–+•]*(?:trong\s+(?:số\s+)?đó|cụ\s+thể|bao\s+gồm|gồm|chia\s+ra|riêng|"
                          r"(?:chia|phân|xét)\s+theo)(?!\w)")
_SUBJECT_LEAD_RE = re.compile(r"^[\s,*]*(?:(?:hiện\s+nay|đến\s+nay|riêng|trong\s+đó|còn)\s*,?\s*)?"
                              r"(?:(?:tổng\s+)?số\s+(?:lượng\s+)?|tỷ\s+lệ\s+|tỉ\s+lệ\s+)")


def read_governor(p: ParagraphText, r: Reading, previous: Reading | None = None) -> None:
    """The nearest governing word before the number in its clause, asides in brackets skipped; first a
    passive verb right after the number's noun ("12 chi bộ được thành lập", "50.575 đảng viên (bằng 57%)
    được bồi dưỡng"). A list opener at a bracket's start ("(gồm 22 chi bộ; 575 đảng viên)") passes to the
    verb outside the bracket; a clause that is only a count ("; 374 thôn") is an item of the verb of the
    clause before it; "với" joins a count to the one before ("15 tổ chức đảng với 699 đảng viên")."""
    passive = _passive_after(p, r)
    if passive is not None:
        r.governor, r.governor_at = passive.item, passive.start
        return
    found = _governor_in(p, r.start)
    if found is None:
        found = _governor_of_the_clause_before(p, r)
    if found is None:
        found = _findings_of_an_act(p, r)
    if found is not None and found.item.role == HOLD:
        # "Qua kiểm tra có 53 tổ chức đảng vi phạm", "trong số đảng viên bị kỷ luật có 39 trường hợp": a count
        # held under an act the clause opens with is the act's
        act = [f for f in p.terms_between(p.structure.clause_start(r.start), found.start, ACT)]
        if act:
            found = act[-1]
    if found is not None and found.item.phrase == "với" and previous is not None and previous.governor is not None:
        r.governor, r.governor_at = previous.governor, previous.governor_at
        return
    if found is not None:
        r.governor, r.governor_at = found.item, found.start


BRACKET_OPENERS = {"gồm", "bao gồm", "gồm có", "có"}


def _passive_after(p: ParagraphText, r: Reading):
    if r.noun is None:
        return None
    after_start = r.noun_end
    share = SHARE_IN_BRACKETS_RE.match(p.masked, after_start + (len(p.masked[after_start:after_start + 3])
                                                                - len(p.masked[after_start:after_start + 3].lstrip())))
    if share:
        after_start = share.end()
    after = p.masked[after_start:after_start + 40]
    stop = re.search(r"[,;.:()]", after)
    end = after_start + (stop.start() if stop else len(after))
    for f in p.terms_between(after_start, end, CHANGE, ACT, SOFT_ACT):
        between = p.masked[after_start:f.start]
        if _COORDINATION_RE.match(p.masked[after_start:f.end] + " "):  # (a lexicon phrase may hold it: "để thành lập")
            return None  # "thành lập 03 tổ chức và giải thể 02": the next clause's verb, not a passive
        if _PASSIVE_RE.match(between + " ") or not between.strip():
            return f
    return None


# a conjunction or a purpose ("sắp xếp 87 xã để thành lập 49 xã") opens the next verb's own clause, and so does
# the "into" of a merger ("sắp xếp 04 xã thành 02 xã": the 02 are what the 04 became)
_COORDINATION_RE = re.compile(r"\s*(?:và|còn|nhưng|đồng\s+thời|rồi|song|để|nhằm|thành(?!\s+lập))\s", re.IGNORECASE)


def _nearest_governing(p: ParagraphText, pos: int, start: int):
    """The governing word ending last before `pos` (its first item when a phrase has several), read from the
    right: a clause may hold hundreds of them, and only the last that counts is wanted."""
    terms = p.terms_between(start, pos, *GOVERNING_ROLES)

    def in_an_aside(f) -> bool:
        return p.structure.in_an_aside(f.start, start, pos)

    first_rearranging: list[int | None] = []  # worked out when a "thành" asks for it

    def allowed(f) -> bool:
        if f.item.phrase != "thành":
            return True
        # "sắp xếp 16 đơn vị thành 07 đơn vị": "thành" makes new units only after a rearrangement
        if not first_rearranging:
            first_rearranging.append(next((g.start for g in terms if g.item.change == REARRANGE
                                           and not in_an_aside(g)), None))
        return first_rearranging[0] is not None and first_rearranging[0] < f.start

    chosen = None
    i = len(terms) - 1
    while i >= 0:  # terms do not overlap: the last one ends last
        f = terms[i]
        if chosen is not None and (f.start, f.end) != (chosen.start, chosen.end):
            break
        if chosen is None and in_an_aside(f):
            # so are the terms of its bracket before it: on from the term before the bracket
            i = bisect_left(terms, p.structure.enclosing_bracket(f.start) or f.start, key=_start_of) - 1
            continue
        if allowed(f):
            chosen = f
        i -= 1
    return chosen


def _start_of(found) -> int:
    return found.start


def _governor_in(p: ParagraphText, pos: int):
    """The nearest governing word before `pos` in its clause; a list opener at the start of a bracket
    ("(gồm 22 chi bộ ...") passes to the verb outside the bracket."""
    found = _nearest_governing(p, pos, p.structure.clause_start(pos))
    bracket = p.structure.enclosing_bracket(pos)
    if bracket is None:
        return found
    if found is None and _follows_a_count(p, bracket):
        # "chuyển giao 15 tổ chức đảng (05 đảng bộ cơ sở; 08 chi bộ cơ sở)": the parts of what a verb
        # governs are governed by it
        return _nearest_governing(p, bracket, p.structure.clause_start(bracket))
    if found is not None and found.item.phrase in BRACKET_OPENERS and not p.masked[bracket + 1:found.start].strip(" *"):
        found = _nearest_governing(p, bracket, p.structure.clause_start(bracket)) or found
    if found is None:
        found = _verb_of_a_list_lead(p, bracket)
    return found


def _verb_of_a_list_lead(p: ParagraphText, bracket: int):
    """"Các đảng bộ xã kết nạp nhiều là: Mong Thọ B (58 đảng viên), Vĩnh Hòa Hiệp (52 đảng viên)": a figure in
    brackets after a listed name is governed by the verb of the list's lead (not by its "là")."""
    sentence = p.structure.sentence_of(bracket)
    colon = p.text.rfind(":", sentence.start, bracket)
    if colon < 0 or re.search(r"\d", re.sub(r"\([^()]*\)", "", p.masked[colon:bracket])):
        return None
    lead_start = p.structure.clause_start(colon)
    verbs = [f for f in p.terms_between(lead_start, colon, *GOVERNING_ROLES) if f.item.role in (CHANGE, ACT)]
    return verbs[-1] if verbs else None


_COUNT_BEFORE_RE = re.compile(r"\d[\d.,]*\s*(?:[^\W\d]+[\s,]*){1,8}$")


def _follows_a_count(p: ParagraphText, bracket: int) -> bool:
    """The bracket opens right after a count and its words ("15 tổ chức đảng (")."""
    return bool(_COUNT_BEFORE_RE.search(p.masked[max(0, bracket - 80):bracket].rstrip(" *")))


_FINDINGS_RE = re.compile(r"(?<!\w)(?:qua|thông\s+qua|kết\s+quả)\s+$")


def _findings_of_an_act(p: ParagraphText, r: Reading):
    """"Qua kiểm tra, kết luận 18 tổ chức đảng ...; 317 đảng viên chưa thực hiện tốt ...": what an act
    found, listed after "qua <act>" to the end of the sentence, is that act's."""
    sentence = p.structure.sentence_of(r.start)
    acts = [f for f in p.terms_between(sentence.start, r.start, ACT)
            if _FINDINGS_RE.search(p.masked[max(sentence.start, f.start - 12):f.start])]
    return acts[-1] if acts else None


_QUALIFIER_WORDS_RE = re.compile(r"(?<!\w)(?:khoảng|gần|hơn|trên|dưới|có)(?!\w)")


def _governor_of_the_clause_before(p: ParagraphText, r: Reading):
    """"Giảm 21 đơn vị hành chính cấp xã; 374 thôn, tổ dân phố; ...": a clause that is only a count is an
    item of the verb of the clause before it (not one with a predicate of its own: "; 76/76 trưởng thôn là
    đảng viên")."""
    start = p.structure.clause_start(r.start)
    end = p.structure.clause_end(r.start)
    if start == 0 or p.text[start - 1] != ";" or re.search(r"[^\W\d_]", _QUALIFIER_WORDS_RE.sub("", p.masked[start:r.start])):
        return None
    if p.terms_between(r.noun_end, end, *GOVERNING_ROLES, PREDICATE):
        return None
    clause = start
    for _ in range(3):  # "(giảm 02 đơn vị; 60 đầu mối ...; 101 đầu mối ...)"
        found = _governor_in(p, clause - 1)
        if found is not None:
            return found
        clause = p.structure.clause_start(clause - 1)
        if clause == 0 or p.text[clause - 1] != ";":
            return None
    return None


def read_subject(p: ParagraphText, r: Reading) -> None:
    """"Số cơ quan chuyên môn ... là 12", "Tổng số đảng viên toàn tỉnh: 20.952", "tỷ lệ đảng viên nữ
    đạt 30%": what the clause is about, when it opens with "(tổng) số" or "tỷ lệ" and a noun."""
    start = p.structure.clause_start(r.start)
    lead = _SUBJECT_LEAD_RE.match(p.masked[start:r.start])
    candidates = p.terms_between(start, r.start, SUBJECT)
    if candidates:
        r.subject = candidates[0].item
        return
    if lead is None:
        return
    found = index_of(NOUN, ROLE).at(p.masked, start + lead.end())
    if found:
        r.subject = best_noun(found[1])


# "từ 166 xuống còn 144", "từ 1.010 đơn vị giảm còn 857", "từ 20 lên 24": the counts before and after.
FROM_RE = re.compile(r"(?<!\w)từ\s*$")
TO_RE = re.compile(r"^[^;]{0,120}?(?<!\w)(?:xuống\s+còn|giảm\s+còn|giảm\s+xuống|xuống|còn\s+lại|còn|lên|đến|thành)\s*$")
# The most characters other than blanks TO_RE reads: 120 before its word, and its longest word.
TO_REACH = 120 + len("giảmxuống")


def before_and_after_pairs(p: ParagraphText, readings: list[Reading]) -> None:
    """Mark the counts before and after a change ("giảm từ 206 xuống còn 112 phòng"), before what they
    count is read, so that the parts listed after the first are counts before the change too."""
    counts = [r for r in readings if not r.is_percent]
    for i, a in enumerate(counts):
        if not FROM_RE.search(p.masked[max(0, a.start - 8):a.start]):
            continue
        for b in counts[i + 1:]:
            if p.structure.enclosing_bracket(b.start) != p.structure.enclosing_bracket(a.start):
                continue
            between = p.masked[a.noun_end:b.start]
            for x, y in p.structure.in_closed_bracket(a.noun_end, b.start):  # the before-count's parts
                between = between.replace(p.masked[x:y + 1], " " * (y + 1 - x))
            if TO_RE.match(between):
                a.before_change, b.after_change = True, True
                break
            if sum(map(len, between.split())) > TO_REACH:
                break  # the words between only grow for the counts further on (their brackets closed before them)


def list_heads(p: ParagraphText, readings: list[Reading], opening_head: Reading | None) -> None:
    """Link each listed item to the count it details. `opening_head` is the count a sentence or
    paragraph opened by a list word ("Trong đó, ...") details."""
    head: Reading | None = None
    item: Reading | None = None  # the last count outside brackets, itself an item or not
    for r in readings:
        bracket = p.structure.enclosing_bracket(r.start)
        if head is not None and _listed_after(p, head, r, bracket):
            r.head = head
        elif opening_head is not None and bracket is None and head is None:
            r.head = opening_head
        elif bracket is not None and item is not None and item.end <= bracket and item.noun is not None \
                and not p.masked[item.noun_end:bracket].strip(" *"):
            r.head = item  # "- Người có đạo: 54 đồng chí (Phật giáo 41, Cao Đài 7)": an item's own parts
        if bracket is None and not r.is_percent:
            item = r
        if r.head is None and not r.is_percent and not r.unknown_noun and bracket is None \
                and r.number.numerator is None:
            head = r  # the latest count outside brackets heads what is listed after it
        elif r.head is not None and r.noun is not None and _own_count(r, r.head):
            r.head = None  # an item counting something else is a count of its own ("581 tổ chức cơ sở đảng
            # (349 đảng bộ cơ sở, ...) và 4.343 tổ chức đảng trực thuộc")
            if bracket is None:
                head = r
        elif r.head is not None and bracket is not None and r.governor is not None and r.governor.role == CHANGE \
                and r.governor_at > bracket and not r.head.before_change:
            r.head = None  # "112 phòng (giảm 94 phòng)": a change restated in brackets is no part of the count


def _listed_after(p: ParagraphText, head: Reading, r: Reading, bracket: int | None) -> bool:
    if p.structure.sentence_of(head.start) != p.structure.sentence_of(r.start):
        return False
    if bracket is not None and bracket >= head.end:
        return True
    between = p.masked[head.noun_end:r.start]
    return bool(LIST_OPENER_RE.match(between)) or bool(re.search(r"(?<!\w)trong\s+(?:số\s+)?đó(?!\w)", between))


def _own_count(r: Reading, head: Reading) -> bool:
    """An item whose own noun names another indicator than its head's counts that indicator."""
    if r.noun is None or r.noun.role in (WEAK,) or head.noun is None or head.noun.role == WEAK:
        return False
    if r.noun.code == head.noun.code or r.noun.role == ROLE:
        return False
    if head.kind == "flow" and r.noun.breakdown and r.noun.family == head.family \
            and catalogue_kind(r.noun.code) == "stock":
        return False  # "kết nạp 1.046 đảng viên mới; trong đó 571 đảng viên nữ": the admitted who are women
    if r.noun.family == "admin_units" and head.noun.family not in ("admin_units", "other", None):
        return False  # "12 cơ quan chuyên môn, trong đó 4 huyện (bố trí thêm phòng)": where the head's things are
    return r.noun.family != head.noun.family or r.noun.code != head.noun.code


def named_before(p: ParagraphText, r: Reading) -> bool:
    """Whether a noun of the genre stands before the number in its clause ("Đảng viên nữ 12.486 đồng chí"), not
    the prefix of a place ("huyện A Lưới 41")."""
    start = p.structure.clause_start(r.start)
    places = p.places_between(start, r.start)
    return any(f.item.family and not any(q.start <= f.start < q.end for q in places)
               for f in p.terms_between(start, r.start, NOUN))


def opens_with_list_word(p: ParagraphText, start: int) -> bool:
    return bool(LIST_LEAD_RE.match(p.masked[start:start + 30]))


WHOLE_NAMED_RE = re.compile(r"[\s*_]*trong\s+(?:tổng\s+)?số\s+", re.IGNORECASE)


def whole_named(p: ParagraphText, start: int) -> Reading | None:
    """"... kết nạp 1.046 đảng viên mới, ...; riêng năm 2016 kết nạp 196 đảng viên. Trong số đảng viên mới có 571
    đảng viên nữ": a sentence opening with the whole a count of the sentence before counted lists its parts."""
    opening = WHOLE_NAMED_RE.match(p.masked, start)
    if opening is None:
        return None
    # (the words themselves: the lexicon reads "số đảng viên" across "Trong số" as another term)
    named = [x for x in p.readings if x.noun is not None and x.head is None and not x.is_percent
             and p.masked.startswith(x.noun.phrase, opening.end())]
    # the count whose noun the words name most fully ("đảng viên mới", not the "đảng viên" of another count)
    return max(reversed(named), key=lambda x: len(x.noun.phrase), default=None)


def item_label(p: ParagraphText, r: Reading) -> str:
    """"trong đó: Sau đại học 08 người", "- Nữ: 623 đồng chí": the words naming a listed item."""
    start = p.structure.clause_start(r.start)
    before = p.text[start:r.start]
    pieces = re.split(r"[,;:(]|(?<!\w)(?:trong\s+(?:số\s+)?đó|gồm|bao\s+gồm|cụ\s+thể|chia\s+ra)(?!\w)", before,
                      flags=re.IGNORECASE)
    label = pieces[-1] if pieces else ""
    if not label.strip() and len(pieces) > 1 and before.rstrip(" *").endswith(":"):
        label = pieces[-2]  # "- Đảng viên nữ: 1.254 đồng chí": the words before the colon name the item
    label = re.sub(r"^[\s*\-–+•]+|[\s*]+$", "", label)
    label = re.sub(r"(?:^|\s+)(?:là|có|gồm|chiếm|đạt|với|được|còn|giảm|tăng|kết nạp|tinh giản)$", "", label,
                   flags=re.IGNORECASE).strip()
    if not label or re.search(r"\d", label) or len(label) > 60 or ")" in label:
        return ""
    if re.search(r"(?<!\w)(?:từ|xuống|lên|giảm|tăng)(?!\w)", label, re.IGNORECASE):
        return ""  # "phó trưởng phòng giảm từ 246 xuống 198": a change's words, no part's name
    if p.places_between(start, r.start):
        return ""  # "tỉnh Gia Lai (cũ) 1.191 đơn vị": the place is where, not which part
    return label


def predicate_after(p: ParagraphText, r: Reading) -> Term | None:
    """The predicate after a post holder: "... trưởng thôn là đảng viên", "... bí thư kiêm trưởng thôn"."""
    end = p.structure.clause_end(r.start)
    found = p.terms_between(r.noun_end, end, PREDICATE)
    return found[0].item if found else None


def list_word_before(p: ParagraphText, pos: int, start: int) -> bool:
    return bool(p.terms_between(start, pos, LIST))
