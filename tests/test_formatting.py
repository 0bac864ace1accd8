"""Numbers and dates as Vietnamese and English readers write them, in templates and in code."""
import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from indicators.templatetags.labels import indicator_name, pick_language
from indicators.templatetags.number_format import (
    format_change, format_date, format_number, format_percent, format_period, format_value,
)
from reports.extraction.numbers import parse_number


@pytest.mark.parametrize("value, vietnamese, english", [
    (Decimal("89455"), "89.455", "89,455"),
    (Decimal("89455.0000"), "89.455", "89,455"),
    (Decimal("1234567.5"), "1.234.567,5", "1,234,567.5"),
    (Decimal("15.15"), "15,15", "15.15"),
    (Decimal("0.5"), "0,5", "0.5"),
    (Decimal("999"), "999", "999"),
    (Decimal("-1224"), "\u22121.224", "\u22121,224"),
    (12, "12", "12"),
    ("4343", "4.343", "4,343"),
])
def test_numbers(value, vietnamese, english):
    assert format_number(value, language="vi") == vietnamese
    assert format_number(value, language="en") == english


def test_empty_and_unreadable_numbers_are_blank():
    assert format_number(None, language="vi") == ""
    assert format_number("", language="vi") == ""
    assert format_number("n/a", language="vi") == ""


def test_percent_and_unit():
    assert format_percent(Decimal("15.15"), language="vi") == "15,15%"
    assert format_percent(Decimal("15.15"), language="en") == "15.15%"
    assert format_value(Decimal("15.1500"), unit="percent", language="vi") == "15,15%"
    assert format_value(Decimal("581"), unit="organization", language="vi") == "581"


def test_changes_carry_their_sign():
    assert format_change(Decimal("1234"), language="vi") == "+1.234"
    assert format_change(Decimal("-56"), language="en") == "\u221256"
    assert format_change(Decimal("0"), language="vi") == "±0"
    assert format_change(Decimal("2.5"), unit="percent", language="vi") == "+2,5 điểm %"
    assert format_change(Decimal("2.5"), unit="percent", language="en") == "+2.5 pp"


def test_dates():
    day = dt.date(2024, 3, 5)
    assert format_date(day, language="vi") == "05/03/2024"
    assert format_date(day, language="en") == "5 Mar 2024"
    assert format_date("2023-12-31", language="vi") == "31/12/2023"
    assert format_period(dt.date(2020, 10, 1), dt.date(2025, 9, 30), language="vi") == "01/10/2020 – 30/09/2025"
    assert format_period(day, day, language="vi") == "05/03/2024"


def test_template_filters_follow_the_active_language():
    template = Template("{% load number_format %}{{ n|number }} {{ p|percent }} {{ d|vdate }} {{ p|value_in:'percent' }}")
    context = Context({"n": Decimal("89455"), "p": Decimal("15.15"), "d": dt.date(2023, 12, 31)})
    with translation.override("vi"):
        assert template.render(context) == "89.455 15,15% 31/12/2023 15,15%"
    with translation.override("en"):
        assert template.render(context) == "89,455 15.15% 31 Dec 2023 15.15%"


def test_bilingual_labels():
    assert pick_language("Đảng viên / Party members", language="vi") == "Đảng viên"
    assert pick_language("Đảng viên / Party members", language="en") == "Party members"
    assert pick_language("Khác", language="en") == "Khác"
    assert indicator_name(name_vi="Tổng số đảng viên", name_en="Party members, total", language="en") == "Party members, total"
    assert indicator_name(name_vi="Tổng số đảng viên", name_en="", language="en") == "Tổng số đảng viên"


@pytest.mark.parametrize("text, value", [
    ("89.455", Decimal("89455")), ("15,15", Decimal("15.15")), ("08", Decimal("8")), ("4.343", Decimal("4343")),
    ("1.234.567,5", Decimal("1234567.5")), ("-76", Decimal("-76")), ("+2.058", Decimal("2058")),
])
def test_report_numbers_are_read_the_vietnamese_way(text, value):
    assert parse_number(text) == value  # the project's one number parser


def test_committed_translations_are_compiled_from_the_po_file(tmp_path):
    """The .mo in the repository says what the .po says (scripts/compile_messages.py rebuilds it)."""
    import gettext
    import shutil
    from pathlib import Path

    from scripts.compile_messages import compile_locale

    locale = Path(__file__).resolve().parent.parent / "locale"
    shutil.copytree(locale, tmp_path / "locale")
    (compiled,) = compile_locale(tmp_path / "locale")
    with open(compiled, "rb") as fresh, open(locale / "en/LC_MESSAGES/django.mo", "rb") as committed:
        fresh_catalog, committed_catalog = gettext.GNUTranslations(fresh), gettext.GNUTranslations(committed)
    assert fresh_catalog._catalog == committed_catalog._catalog
    assert committed_catalog.gettext("Tìm") == "Search"
    assert committed_catalog.ngettext("%(shown)s dòng", "%(shown)s dòng", 2) == "%(shown)s rows"
