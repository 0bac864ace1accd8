"""What a table cell counts, from its most specific label: the same vocabulary as the prose.

A cell's meaning comes, in order (`CELL_MEANING_RULES`), from its row when the row says what it
counts ("Số cấp trưởng của các đầu mối ..." counts heads, staff), from its column when the column
names a count and the row is a category of it ("Số lượng đảng bộ" over the row "Huyện"), from its
row's own noun ("Phường", "Cơ quan Nhà nước" in a column of units of several kinds), from the row
it is listed under, from the table's title. A label's meaning is its first noun of the genre's
lexicon after the words of counting ("Tổng số", "Số lượng"); a post holder with its predicate
("trưởng thôn là đảng viên") counts what the predicate says, a qualifying phrase ("số chưa có tổ
chức đảng") the party body it names. A column listing several kinds ("Số đơn vị hành chính, tổ
chức, cơ quan, đơn vị") names no one kind: the row decides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lexicon import ACT, BODY_KIND, CHANGE, MEASURE, NOUN, PREDICATE, ROLE, SOFT_ACT, SUBJECT, WEAK, Term, all_terms
from .phrases import fold
from .table_series import qualified
from .table_vocabulary import FAMILY_DEFAULT_UNIT, title_family
from .vocabulary import stock_of

COUNTING_RE = re.compile(r"^\s*(?:tổng\s+số|tổng\s+cộng|số\s+lượng|số|tỷ\s+lệ|tỉ\s+lệ|trong\s+đó\s*:?)\s*(?=\S)")
CORE = ("party_members", "party_organizations", "staff", "admin_units", "public_bodies")
LIST_GAP_RE = re.compile(r"\s*(?:,|và)\s*(?:(?:tổng\s+)?số\s+(?:lượng\s+)?)?")
NOUNS = (NOUN, ROLE, BODY_KIND, PREDICATE, SUBJECT)
LABEL_ROLES = (NOUN, ROLE, SUBJECT, BODY_KIND, PREDICATE, WEAK, CHANGE, ACT, SOFT_ACT)
ACTS = (ACT, SOFT_ACT)


@dataclass(frozen=True)
class LabelMeaning:
    term: Term
    counts_itself: bool  # the label says what it counts ("Số ...", "Tổng số ...")
    generic: bool  # the label lists kinds of several families: it names no one kind

    @property
    def family(self) -> str | None:
        return self.term.family


@lru_cache(maxsize=4096)
def label_meaning(label: str) -> LabelMeaning | None:
    """The first noun of the genre a label names, read as in prose; None when it names none."""
    folded = fold(label)
    counting = COUNTING_RE.match(folded)
    start = counting.end() if counting else 0
    # all the lexicon's phrases, so that a name or a level ("Cấp xã") hides the nouns inside it
    found = [f for f in all_terms().find(folded, start)
             if f.item.role in LABEL_ROLES and (f.item.family or f.item.role == WEAK)]
    if not found:
        return None
    first = next((f for f in found if f.item.role != WEAK), None)
    if first is None:
        return None
    after = next((f for f in found if f.start >= first.end), None)
    # "Số đơn vị hành chính, tổ chức, cơ quan", "SỐ LƯỢNG ĐƠN VỊ SỰ NGHIỆP VÀ SỐ LƯỢNG NGƯỜI LÀM VIỆC": kinds listed
    # right at the head name none of them
    generic = after is not None and after.item.role in (NOUN, WEAK, BODY_KIND, SUBJECT) \
        and bool(LIST_GAP_RE.fullmatch(folded[first.end:after.start])) \
        and (after.item.role == WEAK or after.item.family != first.item.family)
    term = first.item
    act = next((f.item for f in found if f.item.role in ACTS and f.start > first.start and f.item.family), None)
    if term.role == NOUN and act is not None:
        term, generic = act, False  # "Tổ chức đảng, đảng viên bị kỷ luật": the act decides, and governs the list
    if term.role == ROLE:
        predicate = next((f.item for f in found if f.item.role == PREDICATE and f.start > first.start), None)
        term = predicate or term
    if term.role == PREDICATE or re.match(r"^\s*(?:trong\s+đó\s*:?\s*)?số\s+(?:chưa|không)\s+có", folded):
        qualifying = next((f.item for f in found if f.item.role == PREDICATE), None)
        term = qualifying or term
    return LabelMeaning(term, bool(counting), generic)


NAMED = CORE + ("cadres", "discipline", "elections")


def _named(meaning: LabelMeaning | None) -> LabelMeaning | None:
    """A label that names one kind of a family that counts (not "other", not several kinds)."""
    return meaning if meaning is not None and meaning.family in NAMED and not meaning.generic else None


def names_a_kind(label: str) -> bool:
    """Whether a label names one kind of a family that counts ("Số đảng viên"), not a change or a time alone."""
    return _named(label_meaning(label)) is not None


@dataclass(frozen=True)
class Labels:
    own: LabelMeaning | None  # the row's own label
    own_text: str  # ...as written
    parent_text: str  # the label of the row it is listed under, as written ("" for a top row)
    column: LabelMeaning | None  # the most specific column label that names a kind
    column_generic: bool  # a column label lists kinds of several families
    column_measure: Term | None  # the most specific column label names a measure ("Diện tích (km²)", "Dân số")
    parents: list[LabelMeaning]  # the rows it is listed under, nearest first
    title: LabelMeaning | None


def cell_meaning(*, row_labels: list[str], column_labels: list[str], title: str) -> Term | None:
    """The term a cell counts, by CELL_MEANING_RULES; None when no label names one."""
    columns = [label_meaning(label) for label in reversed(column_labels)]
    labels = Labels(
        own=label_meaning(row_labels[-1]) if row_labels else None,
        own_text=row_labels[-1] if row_labels else "",
        parent_text=next((label for label in reversed(row_labels[:-1]) if _named(label_meaning(label))), ""),
        column=next((m for m in columns if _named(m)), None),
        column_generic=any(m is not None and m.generic for m in columns),
        column_measure=measure_named(column_labels[-1]) if column_labels else None,
        parents=[m for m in (label_meaning(label) for label in reversed(row_labels[:-1])) if _named(m)],
        title=_title_meaning(title),
    )
    for _, rule in CELL_MEANING_RULES:
        term = rule(labels)
        if term is not None:
            return term
    return None


def _title_meaning(title: str) -> LabelMeaning | None:
    """The title's noun, or its family by keywords; none for a title listing several subjects ("SỐ LIỆU
    TỔ CHỨC ĐẢNG, ĐẢNG VIÊN, ĐƠN VỊ HÀNH CHÍNH ...": its rows decide)."""
    meaning = label_meaning(title)
    acted_on = meaning is not None and meaning.term.role in ACTS  # "TỔ CHỨC ĐẢNG, ĐẢNG VIÊN BỊ KỶ LUẬT": one act's
    if meaning is not None and meaning.generic or not acted_on and _lists_subjects(title):
        return None
    return _named(meaning) or _title_by_keywords(title)


@lru_cache(maxsize=1024)
def _lists_subjects(title: str) -> bool:
    """"MỘT SỐ CHỈ TIÊU VỀ TỔ CHỨC ĐẢNG, ĐƠN VỊ HÀNH CHÍNH VÀ TỔ CHỨC BỘ MÁY": nouns of different families listed
    side by side, wherever the list stands in the title."""
    folded = fold(title)
    nouns = [f for f in all_terms().find(folded, 0) if f.item.role in (NOUN, SUBJECT) and f.item.family in CORE]
    return any(a.item.family != b.item.family and LIST_GAP_RE.fullmatch(folded[a.end:b.start])
               for a, b in zip(nouns, nouns[1:]))


def _title_by_keywords(title: str) -> LabelMeaning | None:
    """A title naming an activity rather than a noun ("KẾT QUẢ ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ"): its family by
    the title rules of table_vocabulary."""
    family = title_family(title)
    if family not in NAMED:
        return None
    return LabelMeaning(Term(title, NOUN, family, FAMILY_DEFAULT_UNIT.get(family, "other")), False, False)


@lru_cache(maxsize=4096)
def measure_named(label: str) -> Term | None:
    """The measure of a place a label names ("Diện tích tự nhiên (km²)", "Quy mô dân số (người)"), if any."""
    found = [f for f in all_terms().find(fold(label), 0) if f.item.role == MEASURE]
    return found[0].item if found else None


def _column_naming_a_measure(labels: Labels) -> Term | None:
    """"Diện tích tự nhiên (km²)" beside the communes formed: a measure of the row's place, never a count of it."""
    return labels.column_measure


def _title_naming_an_act(labels: Labels) -> Term | None:
    """"KẾT QUẢ LUÂN CHUYỂN CÁN BỘ", "TỔ CHỨC ĐẢNG, ĐẢNG VIÊN BỊ KỶ LUẬT": every cell counts the act's objects,
    its columns and rows (posts, kinds) are categories of them."""
    title = labels.title
    return title.term if title is not None and title.term.role in ACTS else None


def _title_naming_a_change_of_kinds(labels: Labels) -> Term | None:
    """"SỐ NGƯỜI TINH GIẢN BIÊN CHẾ" over the columns "Công chức", "Viên chức", "Cán bộ, công chức cấp xã": the
    title counts a change, and labels that only name kinds of what changes are its categories; not a label
    counting something of its own ("Số có mặt") nor the count the change is taken from ("Biên chế được giao")."""
    title = labels.title
    if title is None or title.term.role != CHANGE or not title.term.code:
        return None
    named = [m for m in (labels.own, labels.column) if _named(m)]
    base = stock_of(title.term.code)
    if any(m.counts_itself or m.term.role != NOUN or m.family != title.family or m.term.change
           or m.term.code == base for m in named):
        return None
    return title.term


def _row_counting_itself(labels: Labels) -> Term | None:
    """"Số cấp trưởng của các đầu mối trực thuộc cấp tỉnh": the row says what it counts."""
    return labels.own.term if _named(labels.own) and labels.own.counts_itself else None


def _column_counting_a_category(labels: Labels) -> Term | None:
    """"Số lượng đảng bộ" over the row "Huyện": the row is a kind of what the column counts; the title's
    kind of it when the title names one ("ĐẢNG BỘ CẤP TRÊN TRỰC TIẾP CƠ SỞ" over "Số lượng đảng bộ")."""
    if labels.column is None:
        return None
    column, title = labels.column.term, labels.title.term if labels.title is not None else None
    if title is not None and title.family == column.family and title.phrase != column.phrase \
            and title.phrase.startswith(column.phrase + " "):
        return title
    return column


def _row_of_a_column_of_kinds(labels: Labels) -> Term | None:
    """"Phường", "Cơ quan Nhà nước" under "Số đơn vị hành chính, tổ chức, cơ quan, đơn vị": the row names
    its kind, or the row it is listed under does ("a) Công lập" under "Đơn vị sự nghiệp"); a kind no
    family counts ("Quân đội") is "other"."""
    if not labels.column_generic:
        return None
    if _named(labels.own):
        return labels.own.term
    if labels.parents:
        return labels.parents[0].term
    return OTHER_KIND


OTHER_KIND = Term("other kind", NOUN, "other", "unit", None)


def _title(labels: Labels) -> Term | None:
    """"THỐNG KÊ KẾT QUẢ ĐÀO TẠO CÁN BỘ" over the row "Cấp huyện": the rows are categories of the title's."""
    return labels.title.term if labels.title is not None else None


def _row_noun(labels: Labels) -> Term | None:
    """"Đơn vị hành chính cấp huyện" in a table of several subjects: the row's own noun (not an act its words
    happen to name: "Giáo dục và đào tạo" is a sector)."""
    return labels.own.term if _named(labels.own) and labels.own.term.role in NOUNS else None


# "Thuộc sở, ngành", "Của UBND cấp huyện", "Tại các xã": whose or where, a category of the parent's count
_RELATIONAL_RE = re.compile(r"^\W*(?:[-+•]\s*)?(?:thuộc|trực\s+thuộc|của|tại|ở|trong|trên|cấp)\s", re.IGNORECASE)


def _row_naming_a_kind_of_its_parent(labels: Labels) -> Term | None:
    """"Công chức có mặt" under "Biên chế": the row's own noun, of its parent's family, says more exactly what
    is counted than the heading does; not a row that says whose or where ("Thuộc sở, ngành")."""
    own = _named(labels.own)
    if own is None or own.term.role not in NOUNS or not labels.parents or labels.parents[0].family != own.family \
            or _RELATIONAL_RE.match(labels.own_text):
        return None
    if qualified(labels.parent_text, labels.parents[0].term.phrase):
        return None  # "- Xã" under "Tổng số đơn vị hành chính cấp xã thực hiện sắp xếp": a slice of that scope
    return own.term


def _row_noun_of_a_core_family(labels: Labels) -> Term | None:
    """"Công chức có mặt" in a table titled "TÌNH HÌNH BIÊN CHẾ": a top row that names what it counts, in one
    of the families the dashboard counts, before the title (a row of another kind, "Cấp huyện", is a
    category of the title's count)."""
    if labels.parents or labels.title is None:
        return None
    own = _row_noun(labels)
    return own if own is not None and own.family in CORE and own.family == labels.title.family else None


def _row_naming_its_own_object(labels: Labels) -> Term | None:
    """"Biên chế công chức cấp tỉnh được giao" under the heading "Cơ quan, đơn vị" of a table of several
    subjects: a row naming an object of another core family than its heading counts that object; not a
    level or a kind of unit ("Xã"), which is a category of its heading's count."""
    own = _row_noun(labels)
    if own is None or own.family not in CORE or not labels.parents or labels.parents[0].family == own.family:
        return None
    if labels.title is not None and labels.title.family != own.family:
        return None  # a table of one subject: its rows are categories of it
    if own.family == "admin_units" and dict(own.breakdown).get("type") is not None:
        return None
    return own


def _row_listed_under(labels: Labels) -> Term | None:
    """"a) Công lập" under "6. Đơn vị sự nghiệp": the kind of its parent."""
    return labels.parents[0].term if labels.parents else None


CELL_MEANING_RULES = (
    ("a column naming a measure of the place", _column_naming_a_measure),
    ("a title naming an act", _title_naming_an_act),
    ("a title naming a change of the kinds its labels name", _title_naming_a_change_of_kinds),
    ("the row says what it counts", _row_counting_itself),
    ("the column counts, the row is a category", _column_counting_a_category),
    ("a row under a column of several kinds names its kind", _row_of_a_column_of_kinds),
    ("a top row naming what it counts, of its title's family", _row_noun_of_a_core_family),
    ("a row naming a kind of what its heading counts", _row_naming_a_kind_of_its_parent),
    ("a row naming an object of another family than its heading", _row_naming_its_own_object),
    ("the table's title", _title),
    ("the row it is listed under", _row_listed_under),
    ("the row's own noun", _row_noun),
)
