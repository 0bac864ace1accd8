"""The words of appendix tables: which family a table, column or row is about, which unit
its numbers count, which named breakdown a row label is, and which dates headers state.

Rules are ordered lists of (regular expression, answer); the first match wins, so put the
more specific wording first. Labels are matched lower-cased.
"""
from __future__ import annotations

import datetime as dt
import re

from .timeexpr import find_time_expressions

# Table titles: the family of a table whose labels name no counted noun (its cells' meaning comes from
# their own labels first, table_meaning).
TITLE_FAMILY_RULES: list[tuple[str, str]] = [
    (r"kỷ luật", "discipline"),
    (r"biên chế", "staff"),
    (r"đảng viên mới|kết nạp|đội ngũ đảng viên", "party_members"),
    (r"tổ chức (cơ sở )?đảng|đảng bộ|chi bộ", "party_organizations"),
    (r"sắp xếp|tổ chức bộ máy", "public_bodies"),
    (r"cấp ủy|cán bộ|quy hoạch|luân chuyển|bí thư|chức danh|lãnh đạo", "cadres"),
    (r"bầu cử|đại biểu|ứng cử", "elections"),
    (r"cải cách hành chính|thủ tục hành chính", "admin_reform"),
    (r"đơn vị hành chính|thôn, tổ dân phố", "admin_units"),
    (r"đảng viên", "party_members"),
]

# Unit lines ("Đơn vị: Lượt người") and unit words in labels.
UNIT_WORD_RULES: list[tuple[str, str]] = [
    (r"%|tỷ lệ|tỉ lệ", "percent"),
    (r"lượt", "times"),
    (r"đảng viên", "party_member"),
    (r"vụ|trường hợp|vụ việc", "case"),
    (r"người|cán bộ|cấp trưởng|cấp phó|trưởng thôn|tổ trưởng", "person"),
    (r"tổ chức|đảng bộ|chi bộ", "organization"),
    (r"đơn vị|cơ quan", "unit"),
]
# A share column/row: "%", "(%)", "Tỷ lệ ..." - but not "100% vốn điều lệ" inside a label.
PERCENT_RE = re.compile(r"^\s*%\s*$|\(%\)|^\s*(?:tỷ|tỉ)\s+lệ\b", re.IGNORECASE)
NON_COUNT_ROW_RE = re.compile(r"bình quân|trung bình", re.IGNORECASE)  # an average age is not a count
NON_COUNT_COLUMN_RE = re.compile(r"số lớp|\blớp\b", re.IGNORECASE)  # classes held, not people
PERSON_ROW_RE = re.compile(r"người|cấp trưởng|cấp phó|trưởng thôn|tổ trưởng|phó thôn|tổ phó|bí thư", re.IGNORECASE)

FAMILY_DEFAULT_UNIT = {
    "party_members": "party_member",
    "party_organizations": "organization",
    "staff": "person",
    "admin_units": "unit",
    "public_bodies": "unit",
    "cadres": "person",
    "elections": "person",
    "admin_reform": "other",
    "other": "other",
}

# Named breakdowns a row label can be.
DISCIPLINE_FORMS = ("khiển trách", "cảnh cáo", "cách chức", "khai trừ", "giải tán")
QUALIFICATION_RE = re.compile(
    r"^(sơ cấp|trung cấp|cao cấp|cao đẳng|đại học|thạc s[ĩỹ]|tiến s[ĩỹ]|cử nhân|trình độ khác|"
    r"công nhân kỹ thuật|cao cấp, cử nhân)", re.IGNORECASE
)
# Parent labels that name the dimension of their children.
DIMENSION_PARENT_RULES: list[tuple[str, str]] = [
    (r"lý luận chính trị|llct", "political_theory"),
    (r"học vấn|giáo dục phổ thông", "education"),
    (r"chuyên môn|cmnv", "qualification"),
    (r"lĩnh vực đào tạo", "field_of_study"),
    (r"tuổi", "age"),
    (r"giới tính", "sex"),
    (r"dân tộc", "ethnicity"),
    (r"tôn giáo", "religion"),
    (r"hình thức kỷ luật", "discipline_form"),
]

AGE_RANGE_RE = re.compile(r"(?:từ\s*)?(\d{2})\s*(?:-|–|đến)\s*(\d{2})\s*tuổi", re.IGNORECASE)
AGE_UNDER_RE = re.compile(r"dưới\s*(\d{2})\s*tuổi", re.IGNORECASE)
AGE_OVER_RE = re.compile(r"trên\s*(\d{2})\s*tuổi", re.IGNORECASE)
AGE_FROM_RE = re.compile(r"(?:từ\s*)?(\d{2})\s*tuổi\s*trở\s*lên", re.IGNORECASE)



def first_match(rules: list[tuple[str, str]], text: str) -> str | None:
    lowered = text.lower()
    for pattern, answer in rules:
        if re.search(pattern, lowered):
            return answer
    return None


def title_family(title: str) -> str:
    """The family a table title names; "other" when nothing fits."""
    return first_match(TITLE_FAMILY_RULES, title) or "other"


def unit_for(
    *, family: str, row_path: list[str], column_path: list[str], unit_text: str
) -> str:
    labels = row_path + column_path
    if any(PERCENT_RE.search(label) for label in labels):
        return "percent"
    if row_path and NON_COUNT_ROW_RE.search(row_path[-1]):
        return "other"
    if any(NON_COUNT_COLUMN_RE.search(label) for label in column_path):
        return "other"
    if unit_text:
        return first_match(UNIT_WORD_RULES, unit_text) or "other"
    if family == "discipline":
        organisations = any(re.search(r"tổ chức", label.lower()) for label in row_path)
        return "organization" if organisations else "party_member"
    if family in ("admin_units", "public_bodies") and any(PERSON_ROW_RE.search(l) for l in row_path):
        return "person"
    return FAMILY_DEFAULT_UNIT.get(family, "other")


def dimension_of_parent(label: str) -> str | None:
    return first_match(DIMENSION_PARENT_RULES, label)


def named_breakdown(label: str, parent: str | None) -> dict[str, str]:
    """{"sex": "nữ"}, {"age": "18-30"}, {"qualification": "thạc sỹ"}... or {} when the label
    is not a value of a known dimension."""
    lowered = label.lower().strip()
    if lowered in ("nữ", "nam"):
        return {"sex": lowered}
    age = age_band(lowered)
    if age:
        return {"age": age}
    if "dân tộc thiểu số" in lowered:
        return {"ethnicity": "dân tộc thiểu số"}
    if "tôn giáo" in lowered:
        return {"religion": "theo tôn giáo"}
    if lowered == "dự bị":
        return {"membership": "dự bị"}
    if lowered in DISCIPLINE_FORMS:
        return {"discipline_form": lowered}
    parent_dimension = dimension_of_parent(parent) if parent else None
    if parent_dimension and parent_dimension != "age":
        return {parent_dimension: lowered}
    if QUALIFICATION_RE.match(lowered):
        return {"qualification": lowered}
    return {}


def age_band(lowered: str) -> str | None:
    if "bình quân" in lowered:
        return None
    if match := AGE_RANGE_RE.search(lowered):
        return f"{match.group(1)}-{match.group(2)}"
    if match := AGE_FROM_RE.search(lowered):
        return f"{match.group(1)}+"
    if match := AGE_UNDER_RE.search(lowered):
        return f"<{match.group(1)}"
    if match := AGE_OVER_RE.search(lowered):
        return f">{match.group(1)}"
    return None


# A column of the change between two others: "Giảm", "Tăng (+), giảm (-)", "Số giảm", "Chênh lệch"
CHANGE_COLUMN_RE = re.compile(r"^(?:số\s+|tỷ\s+lệ\s+)?(?:giảm|tăng|chênh\s+lệch|tăng\s*\(\+\)|so\s+sánh)", re.IGNORECASE)
# "Trước sắp xếp", "Số ĐVHC cấp xã trước sắp xếp", "Sau khi hợp nhất": a column of one side of a rearrangement
_BEFORE_COLUMN_RE = re.compile(r"(?:^|(?<=\s))trước\s+(?:khi\s+)?(?:sắp\s+xếp|sáp\s+nhập|hợp\s+nhất)", re.IGNORECASE)
_AFTER_COLUMN_RE = re.compile(r"(?:^|(?<=\s))sau\s+(?:khi\s+)?(?:sắp\s+xếp|sáp\s+nhập|hợp\s+nhất)", re.IGNORECASE)
_BARE_YEAR_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*\*?\s*$")


def without_side_of_a_change(label: str) -> str:
    """"Số ĐVHC cấp xã trước sắp xếp" -> "Số ĐVHC cấp xã": the label's noun, its side read as the cell's time."""
    return " ".join(_AFTER_COLUMN_RE.sub(" ", _BEFORE_COLUMN_RE.sub(" ", label)).split())


def side_of_a_change(label: str) -> str | None:
    """"Trước sắp xếp" -> "before", "Sau khi sáp nhập" -> "after", else None."""
    label = label.strip()
    return "before" if _BEFORE_COLUMN_RE.search(label) else "after" if _AFTER_COLUMN_RE.search(label) else None


def column_side(column_path: list[str]) -> str | None:
    """The side of a change the column's most specific label that names one states."""
    return next((side for side in map(side_of_a_change, reversed(column_path)) if side), None)


def period_of_label(label: str, report_date: dt.date | None,
                    rearrangement: tuple[dt.date | None, dt.date | None] = (None, None)
                    ) -> tuple[dt.date, dt.date] | None:
    """The period a header, section row or caption states, read by the project's one time reader
    (timeexpr), so that "Nhiệm kỳ 2020 - 2025" starts the same day as in prose: a date is a stock at that
    date, "Năm 2021" the calendar year, a running term its part up to the report, "So sánh năm 2021 với
    năm 2015" the span between; "Trước sắp xếp" / "Sau sắp xếp" the days the report gives its
    rearrangement."""
    matches = find_time_expressions(label, reference_date=report_date)
    # a day written in figures ("Sau hợp nhất (thời điểm 30/9/2025)") before a day the words imply
    own = sorted((m for m in matches if not m.is_comparison and m.span.start),
                 key=lambda m: not re.search(r"\d", label[m.start:m.end]))
    bases = [m for m in matches if m.is_comparison and m.span.start]
    if own and bases:
        return bases[0].span.start, own[0].span.end or own[0].span.start
    if len(own) >= 2 and all(m.span.end and re.search(r"\d", label[m.start:m.end]) for m in own):
        # "So sánh năm 2021 với năm 2015": between them (not "Sau hợp nhất (thời điểm 31/10/2025)": one day)
        return min(m.span.start for m in own), max(m.span.end for m in own)
    if own:
        span = own[0].span
        return span.start, span.end or span.start
    before, after = rearrangement
    if _BEFORE_COLUMN_RE.search(label.strip()) and before:
        return before, before
    if _AFTER_COLUMN_RE.search(label.strip()) and after:
        return after, after
    if match := _BARE_YEAR_RE.match(label):  # "2021" alone: the calendar year
        year = int(match.group(1))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    return None
