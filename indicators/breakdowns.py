"""A breakdown in plain words, for people: `sex=nữ` is "Nữ" (English "Women"), `age=18-30` "Tuổi 18–30",
`reason=nghỉ hưu trước tuổi` "Lý do: nghỉ hưu trước tuổi", several pairs joined by " · ".

An observation's breakdown is stored as 'dimension=option' pairs sorted by dimension and joined by "; "
(DHIS2's category options), empty for the total; reports.extraction.facts.breakdown_option writes the
options. Pure functions, no database.

- breakdown_pairs(breakdown): the pairs, in stored order. A pair starts only at "; word=", so an option
  holding "; " itself (as breakdowns stored before the options were cleaned can) stays whole.
- breakdown_label(breakdown, language="vi"): the label. Headings come from DIMENSION_LABELS in the
  reader's language; options stay the report's Vietnamese words, but for the few common ones
  OPTION_WORDS knows in English and the codes OPTION_CODES spells out. `target=yes` is no part of a label
  (goals are drawn apart). Never "=", "<", ">" or markup.
- is_unattributed(breakdown): a number the extractor could not tell apart from its indicator's total
  (`unattributed=<its words>`): it belongs on the quality page, not in a leader's breakdown.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from reports.extraction.facts import breakdown_option

PAIR_SEPARATOR = "; "
LABEL_SEPARATOR = " · "
PATH_SEPARATOR = " — "  # "Chức vụ luân chuyển đến / Bí thư" is shown "Chức vụ luân chuyển đến — Bí thư"

OPTION = "option"  # the option alone: "Công an", "Nữ"
HEADED = "headed"  # "Heading: option": "Lý do: nghỉ hưu trước tuổi"
HIDDEN = "hidden"  # no part of a label: target=yes


@dataclass(frozen=True)
class Dimension:
    vi: str  # heading in Vietnamese
    en: str  # heading in English
    show: str = OPTION  # OPTION, HEADED or HIDDEN
    # how an option is written instead, when it is a code ("18-30", "<40") or a path ("A / B"):
    # (option, language) -> the text, or None to show it as `show` says
    formatter: Callable[[str, str], str | None] | None = None


def _age(option: str, language: str) -> str | None:
    """"18-30" Tuổi 18–30, "56+" Từ 56 tuổi trở lên, "<40" Dưới 40 tuổi, ">55" Trên 55 tuổi."""
    en = language == "en"
    if match := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", option):
        low, high = match.groups()
        return f"Aged {low}–{high}" if en else f"Tuổi {low}–{high}"
    if match := re.fullmatch(r"(\d+)\s*\+", option):
        return f"Aged {match.group(1)} and over" if en else f"Từ {match.group(1)} tuổi trở lên"
    if match := re.fullmatch(r"<\s*(\d+)", option):
        return f"Under {match.group(1)}" if en else f"Dưới {match.group(1)} tuổi"
    if match := re.fullmatch(r">\s*(\d+)", option):
        return f"Over {match.group(1)}" if en else f"Trên {match.group(1)} tuổi"
    return None


def _path(option: str, language: str) -> str | None:
    """A table's row or column path: its labels from the outermost in."""
    parts = [p.strip() for p in option.split(" / ") if p.strip()]
    return PATH_SEPARATOR.join(parts) if len(parts) > 1 else None


# The dimensions, in the order a label lists them: where (body, level, sector), what kind (type, the
# table's row and column), who (sex, age...), why and how (reason, discipline), then the rest.
DIMENSION_LABELS: dict[str, Dimension] = {
    "body": Dimension("Cơ quan dân cử", "Elected body"),
    "level": Dimension("Cấp", "Level"),
    "sector": Dimension("Khối", "Sector", HEADED),
    "scope": Dimension("Phạm vi", "Scope", HEADED),
    # a former province as a part of the new one since 2025-07-01 ("trong đó Kon Tum 3.210 biên chế")
    "region": Dimension("Khu vực", "Region", HEADED),
    "type": Dimension("Loại", "Type"),
    "row": Dimension("Hàng", "Row", formatter=_path),
    "column": Dimension("Cột", "Column", formatter=_path),
    "category": Dimension("Đối tượng", "Category"),
    "position": Dimension("Chức danh", "Position", HEADED),
    "concurrent_post": Dimension("Kiêm nhiệm", "Concurrent post", HEADED),
    "sex": Dimension("Giới tính", "Sex"),
    "age": Dimension("Độ tuổi", "Age", HEADED, formatter=_age),
    "ethnicity": Dimension("Dân tộc", "Ethnicity"),
    "religion": Dimension("Tôn giáo", "Religion"),
    "membership": Dimension("Đảng viên", "Party membership"),
    "status": Dimension("Tư cách đảng viên", "Membership status"),
    "education": Dimension("Trình độ học vấn", "General education", HEADED),
    "qualification": Dimension("Trình độ chuyên môn", "Professional qualification", HEADED),
    "professional_qualification": Dimension("Trình độ chuyên môn", "Professional qualification", HEADED),
    "political_theory": Dimension("Lý luận chính trị", "Political theory", HEADED),
    "field_of_study": Dimension("Lĩnh vực đào tạo", "Field of study", HEADED),
    "occupation": Dimension("Nghề nghiệp", "Occupation", HEADED),
    "reason": Dimension("Lý do", "Reason", HEADED),
    "form": Dimension("Hình thức", "Form", HEADED),
    "discipline_form": Dimension("Hình thức kỷ luật", "Disciplinary measure", HEADED),
    "penalty": Dimension("Hình thức kỷ luật", "Disciplinary measure", HEADED),
    "rating": Dimension("Xếp loại", "Rating", HEADED),
    "autonomy": Dimension("Mức tự chủ tài chính", "Financial autonomy", HEADED),
    "stat": Dimension("Thống kê", "Statistic", HEADED),
    "stage": Dimension("Thời điểm", "Stage"),
    "subset": Dimension("Trong đó", "Of which"),
    "part": Dimension("Thành phần", "Part"),
    "bound": Dimension("Giới hạn", "Bound", HEADED),
    "unattributed": Dimension("Chưa rõ phân tổ", "Not attributed", HEADED),
    "target": Dimension("Chỉ tiêu", "Target", HIDDEN),
}

# Options that are codes, not the report's words: (dimension, option) -> the whole part of the label,
# (Vietnamese, English).
OPTION_CODES: dict[tuple[str, str], tuple[str, str]] = {
    ("part", "total (denominator)"): ("Tổng số (mẫu số)", "Total (denominator)"),
    ("part", "total"): ("Tổng số", "Total"),
    ("part", "denominator"): ("Mẫu số", "Denominator"),
    ("part", "numerator"): ("Tử số", "Numerator"),
    ("bound", "min"): ("Tối thiểu", "At least"),
    ("bound", "max"): ("Tối đa", "At most"),
    ("age", "trẻ"): ("Trẻ tuổi", "Young"),
}

# The English of common option words, as (Vietnamese, English) pairs; an option not listed stays in
# Vietnamese in an English label (they are the report's words). Matched without regard to case.
OPTION_WORDS: tuple[tuple[str, str], ...] = (
    ("nữ", "Women"),
    ("trước sắp xếp", "Before the rearrangement"),
    ("sau sắp xếp", "After the rearrangement"),
    ("cao nhất", "Highest"),
    ("thấp nhất", "Lowest"),
    ("nam", "Men"),
    ("dân tộc thiểu số", "Ethnic minorities"),
    ("theo tôn giáo", "Religious believers"),
    ("có đạo", "Religious believers"),
    ("dự bị", "Probationary members"),
    ("đảng viên dự bị", "Probationary members"),
    ("chính thức", "Full members"),
    ("đảng viên chính thức", "Full members"),
    ("đảng viên nữ", "Women members"),
    ("công chức", "Civil servants"),
    ("viên chức", "Public employees"),
    ("cán bộ", "Officials"),
    ("quốc hội", "National Assembly"),
    ("hđnd cấp tỉnh", "Provincial People's Council"),
    ("hđnd cấp huyện", "District People's Council"),
    ("hđnd cấp xã", "Commune People's Council"),
    ("cấp tỉnh", "Provincial level"),
    ("cấp huyện", "District level"),
    ("cấp xã", "Commune level"),
    ("tái cử", "Re-elected"),
    ("trẻ tuổi", "Young"),
    ("khiển trách", "reprimand"),
    ("cảnh cáo", "warning"),
    ("cách chức", "dismissal from post"),
    ("khai trừ", "expulsion"),
    ("giải tán", "dissolution"),
    ("nghỉ hưu trước tuổi", "early retirement"),
    ("thôi việc", "resignation"),
    ("thôi việc ngay", "immediate resignation"),
    ("xóa tên", "struck off the roll"),
    ("ra khỏi Đảng", "left the Party"),
    ("sơ cấp", "elementary"),
    ("trung cấp", "intermediate"),
    ("cao cấp", "advanced"),
    ("cao cấp, cử nhân", "advanced, bachelor"),
    ("cử nhân", "bachelor"),
    ("cao đẳng", "college"),
    ("đại học", "university"),
    ("sau đại học", "Postgraduate"),
    ("dưới đại học", "Below university"),
    ("thạc sĩ", "master's"),
    ("thạc sỹ", "master's"),
    ("tiến sĩ", "doctorate"),
    ("tiến sỹ", "doctorate"),
    ("trình độ khác", "other"),
    ("tiểu học", "primary"),
    ("trung học cơ sở", "lower secondary"),
    ("trung học phổ thông", "upper secondary"),
    ("khác", "other"),
    ("xã", "Communes"),
    ("phường", "Wards"),
    ("thị trấn", "Townships"),
    ("huyện", "Districts"),
    ("thị xã", "District-level towns"),
    ("thành phố", "Cities"),
    ("đặc khu", "Special zones"),
    ("đảng bộ bộ phận", "Sub-grassroots party committees"),
)
_ENGLISH = {unicodedata.normalize("NFC", vi).casefold(): en for vi, en in OPTION_WORDS}

_PAIR_START_RE = re.compile(r"; (?=[a-z][a-z0-9_]*=)")
_PAIR_RE = re.compile(r"([a-z][a-z0-9_]*)=(.*)", re.DOTALL)


def breakdown_pairs(breakdown: str) -> list[tuple[str, str]]:
    """[(dimension, option), ...] as stored. A new pair starts only where "; " is followed by a dimension
    code and "=", so "type=Quy hoạch Bí thư; Phó Bí thư" is one pair. Text before any "code=" (not a
    breakdown this project writes) is an option with no dimension, ("", text)."""
    if not breakdown:
        return []
    pairs = []
    for piece in _PAIR_START_RE.split(breakdown):
        match = _PAIR_RE.fullmatch(piece)
        pairs.append((match.group(1), match.group(2)) if match else ("", piece))
    return pairs


def is_unattributed(breakdown: str) -> bool:
    """Whether the number is one the extractor could not attribute (an `unattributed` pair)."""
    return any(dimension == "unattributed" for dimension, _ in breakdown_pairs(breakdown))


def breakdown_label(breakdown: str, *, language: str = "vi") -> str:
    """The breakdown in plain words: each pair as DIMENSION_LABELS says, in its order (dimensions it does not
    list after, the option alone), joined by " · ", each part beginning with a capital; "" for the total."""
    language = "en" if (language or "").lower().startswith("en") else "vi"
    order = {code: i for i, code in enumerate(DIMENSION_LABELS)}
    pairs = sorted(breakdown_pairs(breakdown), key=lambda pair: (order.get(pair[0], len(order)), pair[0]))
    parts = []
    for dimension, option in pairs:
        part = _part(dimension, _plain(option), language)
        if part and part not in parts:
            parts.append(part)
    return LABEL_SEPARATOR.join(parts)


def _part(dimension: str, option: str, language: str) -> str:
    if not option:
        return ""
    spec = DIMENSION_LABELS.get(dimension)
    if spec is not None and spec.show == HIDDEN:
        return ""
    coded = OPTION_CODES.get((dimension, option.casefold()))
    if coded is not None:
        return _capitalised(coded[language == "en"])
    if spec is not None and spec.formatter is not None and (written := spec.formatter(option, language)):
        return _capitalised(_without_signs(written))
    else:
        text = _english(option) if language == "en" else option
    text = _without_signs(text)
    if spec is not None and spec.show == HEADED:
        heading = spec.en if language == "en" else spec.vi
        return f"{heading}: {text}"
    return _capitalised(text)


def _english(option: str) -> str:
    """The English of a known option word; a path's known parts; else the Vietnamese option."""
    known = _ENGLISH.get(option.casefold())
    if known is not None:
        return known
    return option


def _plain(option: str) -> str:
    """The option as text, cleaned as the extractors clean it (breakdowns stored before options were
    cleaned may still carry markup, "; " or "=")."""
    return breakdown_option(option or "")


def _without_signs(text: str) -> str:
    """"<", ">" left in an option are written as words."""
    text = re.sub(r"<\s*", "dưới ", text)
    text = re.sub(r">\s*", "trên ", text)
    return text


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text
