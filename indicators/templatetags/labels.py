"""Labels in the reader's language.

The models store choice labels as "Vietnamese / English" and indicators have name_vi and
name_en; these pick the half the reader asked for, falling back to Vietnamese."""
from django import template
from django.utils.translation import get_language

from indicators.breakdowns import breakdown_label

register = template.Library()


def is_english(language: str | None = None) -> bool:
    return (language or get_language() or "vi").startswith("en")


def pick_language(label: str, *, language: str | None = None) -> str:
    """'Đảng viên / Party members' -> 'Đảng viên' in Vietnamese, 'Party members' in English."""
    vietnamese, separator, english = (label or "").partition(" / ")
    if not separator:
        return label or ""
    return english if is_english(language) else vietnamese


def indicator_name(*, name_vi: str, name_en: str, language: str | None = None) -> str:
    return name_en if is_english(language) and name_en else name_vi


@register.filter(name="in_language")
def in_language_filter(label):
    return pick_language(str(label))


@register.filter(name="indicator_name")
def indicator_name_filter(indicator):
    return indicator_name(name_vi=indicator.name_vi, name_en=indicator.name_en)


@register.filter(name="breakdown_label")
def breakdown_label_filter(breakdown):
    """`reason=nghỉ hưu trước tuổi` -> "Lý do: nghỉ hưu trước tuổi" (indicators.breakdowns)."""
    return breakdown_label(str(breakdown or ""), language="en" if is_english() else "vi")
