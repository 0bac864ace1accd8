"""Layer 4a, first: the noun each number counts: right after it, through a share in brackets ("2.018/2.128 (bằng
94,8%) trưởng thôn"), a scale word or "tổng số"; a fraction's numerator and a range's lower bound take their
partner's; a noun shortened to its first word takes the longer noun it shortens ("70 trạm y tế thành 38 trạm").
"""
from __future__ import annotations

import re

from ..lexicon import BODY_KIND, MEASURE, NAME, NOUN, ROLE, WEAK, Term, all_terms, index_of
from .context import ParagraphText, Reading

NOUN_ROLES = (NOUN, WEAK, ROLE, BODY_KIND)
# Words right after a number that say nothing of what it counts (the context then decides).
CONNECTORS = {
    "trở", "là", "và", "so", "theo", "với", "trong", "đạt", "vượt", "của", "hằng", "hàng", "đến", "tại", "ở", "nên",
    "thì", "bằng", "còn", "được", "đã", "có", "hoặc", "tỷ", "trên", "lên", "do", "chiếm", "tăng", "giảm", "xuống",
    "mới", "người", "từ", "cho", "gồm", "ra", "vào", "về", "khi", "sau", "trước", "nhưng", "thuộc", "này", "đó",
}
SHARE_IN_BRACKETS_RE = re.compile(r"\(\s*(?:(?:bằng|đạt|tỷ\s+lệ|chiếm)\s*)?[\d.,\s]+%\s*\)\s*")
_RATIO_IN_BRACKETS_RE = re.compile(r"\(\s*[\d.,]+\s*/\s*[\d.,]+\s*\)\s*")
_CLOSING_RE = re.compile(r"\)\s*")
_COUNT_WORDS_RE = re.compile(r"(?:tổng\s+)?số\s+(?:lượng\s+)?(?=\S)")


def read_noun(p: ParagraphText, r: Reading) -> None:
    """The noun right after the number (a fraction's numerator and a range's lower bound take the
    noun of their partner, read after it)."""
    pos = r.end
    masked = p.masked
    pos += len(masked[pos:pos + 40]) - len(masked[pos:pos + 40].lstrip())
    share = SHARE_IN_BRACKETS_RE.match(masked, pos)  # "2.018/2.128 (bằng 94,8%) trưởng thôn"
    if share:
        pos = share.end()
    # "100% (41/41) đảng bộ": the ratio in brackets between a share and its noun, or the bracket it ends
    bracketed = _RATIO_IN_BRACKETS_RE.match(masked, pos) or (
        _CLOSING_RE.match(masked, pos) if p.structure.enclosing_bracket(r.start) is not None else None)
    if bracketed:
        pos = bracketed.end()
    counted = _COUNT_WORDS_RE.match(masked, pos)  # "8,2% tổng số đảng viên"
    if counted and index_of(*NOUN_ROLES).at(masked, counted.end()):
        pos = counted.end()
    longest = all_terms().at(masked, pos)
    if longest and not any(t.role in NOUN_ROLES for t in longest[1]) and any(t.role == NAME for t in longest[1]):
        r.noun_end, r.unknown_noun = longest[0], False  # "03 đoàn kiểm tra": a body's name, not the noun inside it
        return
    found = index_of(*NOUN_ROLES).at(masked, pos)
    if found:
        end, terms = found
        r.noun, r.noun_end = best_noun(terms), end
        return
    word = re.match(r"[^\W\d_]+", masked[pos:pos + 30])
    r.noun_end = pos
    if r.is_percent and index_of(MEASURE).at(masked, pos):
        return  # "chiếm 4,2% dân số": the base a share is of, not what it counts
    if word and word.group(0) not in CONNECTORS:
        r.unknown_noun = True


def best_noun(terms: list[Term]) -> Term:
    """One phrase may be two words ("đại biểu": deputies counted, and the act of electing them)."""
    order = {NOUN: 0, ROLE: 1, BODY_KIND: 2, WEAK: 3}
    return min(terms, key=lambda t: order.get(t.role, 9))


def share_nouns(readings: list[Reading]) -> None:
    """N/M and "từ N đến M": both count the noun written after the second number."""
    for r in readings:
        partner = r.number.denominator or (r.number.range_other if r.number.bound == "min" else None)
        if partner is None:
            continue
        other = next((x for x in readings if x.number is partner), None)
        if other is not None and r.noun is None:
            r.noun, r.noun_end, r.unknown_noun = other.noun, other.noun_end, other.unknown_noun


def elided_nouns(p: ParagraphText, readings: list[Reading]) -> None:
    """"sáp nhập 70 trạm y tế thành 38 trạm", "(195 trạm)": a noun shortened to its first word counts what
    the longer noun it shortens counted, earlier in the sentence."""
    for i, r in enumerate(readings):
        if r.noun is not None or not r.unknown_noun:
            continue
        word = re.match(r"\s*([^\W\d_]+)", p.masked[r.end:r.end + 30])
        if word is None:
            continue
        sentence = p.structure.sentence_of(r.start)
        longer = next((x for x in reversed(readings[:i]) if x.start >= sentence.start and x.noun is not None
                       and " " in x.noun.phrase and x.noun.phrase.split()[0] == word.group(1)), None)
        if longer is not None:
            r.noun, r.noun_end, r.unknown_noun = longer.noun, r.end + word.end(), False
