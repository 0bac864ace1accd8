"""Numbers and dates the way the reader's language writes them.

Vietnamese: 89.455 (dot groups thousands), 15,15% (comma before decimals), 31/12/2023.
English: 89,455, 15.15%, 31 Dec 2023. The functions are used by templates (as filters)
and by the chart builder (hover labels), so both always agree."""
import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone

from indicators.templatetags.labels import is_english

register = template.Library()

ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash next to numbers


def _as_decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def format_number(value, *, language: str | None = None, max_decimals: int = 2) -> str:
    """89455 -> '89.455' (vi) / '89,455' (en); 15.1500 -> '15,15' / '15.15'. Empty for no value."""
    number = _as_decimal(value)
    if number is None:
        return ""
    number = round(number, max_decimals)
    sign = MINUS if number < 0 else ""
    text = format(abs(number), "f")
    whole, _, decimals = text.partition(".")
    decimals = decimals.rstrip("0")
    thousands, decimal_mark = (",", ".") if is_english(language) else (".", ",")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    grouped = thousands.join(groups)
    return f"{sign}{grouped}{decimal_mark}{decimals}" if decimals else f"{sign}{grouped}"


def format_percent(value, *, language: str | None = None) -> str:
    """15.15 -> '15,15%' (vi) / '15.15%' (en)."""
    text = format_number(value, language=language)
    return f"{text}%" if text else ""


def format_value(value, *, unit: str = "", language: str | None = None) -> str:
    """A value in its indicator's unit: percentages carry the % sign."""
    if unit == "percent":
        return format_percent(value, language=language)
    return format_number(value, language=language)


def format_change(value, *, unit: str = "", language: str | None = None) -> str:
    """A change always shows its sign: +1.234, −56, ±0."""
    number = _as_decimal(value)
    if number is None:
        return ""
    text = format_value(number, unit=unit, language=language)
    if unit == "percent" and text:
        text = text[:-1] + (" điểm %" if not is_english(language) else " pp")
    return ("+" + text) if number > 0 else (("±" + text) if number == 0 else text)


def format_date(value, *, language: str | None = None) -> str:
    """31/12/2023 (vi) / 31 Dec 2023 (en)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = value.date()
    if is_english(language):
        return f"{value.day} {ENGLISH_MONTHS[value.month - 1]} {value.year}"
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def format_datetime(value, *, language: str | None = None) -> str:
    """A moment in the site's time zone: 31/12/2023 14:05 (vi) / 31 Dec 2023 14:05 (en)."""
    if value is None:
        return ""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_date(local, language=language)} {local:%H:%M}"


def format_period(start, end, *, language: str | None = None) -> str:
    """One date for a stock, 'start – end' for a flow."""
    if start is None or start == end:
        return format_date(end, language=language)
    return f"{format_date(start, language=language)} – {format_date(end, language=language)}"


@register.filter(name="number")
def number_filter(value):
    return format_number(value)


@register.filter(name="percent")
def percent_filter(value):
    return format_percent(value)


@register.filter(name="value_in")
def value_in_filter(value, unit):
    return format_value(value, unit=unit)


@register.filter(name="change_in")
def change_in_filter(value, unit):
    return format_change(value, unit=unit)


@register.filter(name="vdate")
def date_filter(value):
    return format_date(value)


@register.filter(name="vdatetime")
def datetime_filter(value):
    return format_datetime(value)


@register.simple_tag(name="period")
def period_tag(start, end):
    return format_period(start, end)


# --- A value as the report stated it: its qualifier where the words put it ---

NUMBER_PLACE = "…"  # where a qualifier's number goes: "từ … trở lên"
# The qualifiers the extractor stores (reports.extraction.narrative.spans.QUALIFIERS), in English;
# any other keeps its Vietnamese words (see qualifier_stays_vietnamese).
ENGLISH_QUALIFIERS = {
    "gần": "nearly …", "hơn": "more than …", "trên": "over …", "khoảng": "about …", "dưới": "under …",
    "không quá": "at most …", "từ … trở lên": "at least …",
}


def _qualifier_words(qualifier: str) -> str:
    """'từ...trở lên' and 'từ … trở lên' alike: one ellipsis, single spaces."""
    spaced = (qualifier or "").replace("...", NUMBER_PLACE).replace(NUMBER_PLACE, f" {NUMBER_PLACE} ")
    return " ".join(spaced.split())


def qualifier_stays_vietnamese(qualifier: str, *, language: str | None = None) -> bool:
    """Whether format_stated_value shows the qualifier in Vietnamese words (a page marks them lang="vi")."""
    if not qualifier:
        return False
    return not is_english(language) or _qualifier_words(qualifier) not in ENGLISH_QUALIFIERS


def format_stated_value(value, unit: str = "", qualifier: str = "", *, language: str | None = None) -> str:
    """The value as the report stated it: 'gần 1.200', 'hơn 50', 'từ 84% trở lên' ('at least 84%' in
    English). A qualifier without "…" goes before the number, as Vietnamese writes "gần", "hơn", "trên"."""
    number = format_value(value, unit=unit, language=language)
    words = _qualifier_words(qualifier)
    if not number or not words:
        return number
    if is_english(language):
        words = ENGLISH_QUALIFIERS.get(words, words)
    pattern = words if NUMBER_PLACE in words else f"{words} {NUMBER_PLACE}"
    return pattern.replace(NUMBER_PLACE, number, 1)


@register.simple_tag(name="stated_value")
def stated_value_tag(value, unit="", qualifier=""):
    return format_stated_value(value, unit, qualifier)
