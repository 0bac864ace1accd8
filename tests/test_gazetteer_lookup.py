"""resolve_area and friends: names as reports write them, at a level, a date, inside a parent."""
import datetime as dt
import unicodedata

import pytest

from indicators.gazetteer import (
    AmbiguousArea, AreaLookupError, AreaNotFound, find_area_by_key, read_area_name, resolve_area, search_areas,
    to_search_form,
)
from indicators.gazetteer.names import AreaNameReading
from indicators.models import Area

BEFORE = dt.date(2025, 6, 30)
AFTER = dt.date(2025, 7, 1)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- names, no database ---------------------------------------------------------------------

@pytest.mark.parametrize("written, prefix, short_name, search_name", [
    ("tỉnh Bắc Giang", "Tỉnh", "Bắc Giang", "bac giang"),
    ("Tỉnh ủy Bắc Giang", "Tỉnh", "Bắc Giang", "bac giang"),
    ("Tỉnh uỷ Bắc Giang", "Tỉnh", "Bắc Giang", "bac giang"),
    ("Huyện ủy Tây Sơn", "Huyện", "Tây Sơn", "tay son"),
    ("Thành ủy Hà Nội", "Thành phố", "Hà Nội", "ha noi"),
    ("Thị ủy An Nhơn", "Thị xã", "An Nhơn", "an nhon"),
    ("TP. Hồ Chí Minh", "Thành phố", "Hồ Chí Minh", "ho chi minh"),
    ("Đảng ủy xã Tây Thuận", "Xã", "Tây Thuận", "tay thuan"),
    ("UBND thị trấn Phú Phong", "Thị trấn", "Phú Phong", "phu phong"),
    ("Đặc khu Côn Đảo", "Đặc khu", "Côn Đảo", "con dao"),
    ("“Quận 01”", "Quận", "Quận 01", "quan 1"),
    (nfd("Huyện ủy Tây Sơn"), "Huyện", "Tây Sơn", "tay son"),
    ("Đắk Lắk", None, "Đắk Lắk", "dak lak"),
])
def test_read_area_name_strips_prefixes_and_party_committees(written, prefix, short_name, search_name):
    assert read_area_name(written) == [AreaNameReading(prefix, short_name, search_name)]


def test_prefix_without_diacritics_gives_two_readings_and_a_name_with_diacritics_one():
    assert [(r.prefix, r.search_name) for r in read_area_name("huyen tay son")] == [
        ("Huyện", "tay son"), (None, "huyen tay son")]
    # "Tịnh" is not "Tỉnh": the town Tịnh Biên keeps its whole name.
    assert [(r.prefix, r.search_name) for r in read_area_name("Tịnh Biên")] == [(None, "tinh bien")]


def test_search_form_is_ascii_lowercase_and_ignores_punctuation_and_leading_zeros():
    assert to_search_form(nfd("Bà Rịa – Vũng Tàu")) == "ba ria vung tau"
    assert to_search_form("ĐỒNG THÁP") == "dong thap"
    assert to_search_form("Phường 09") == "phuong 9"


def test_blank_name_has_no_reading():
    assert read_area_name("  ") == []
    assert read_area_name("Tỉnh") == []


# --- resolve_area ------------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "tỉnh Bắc Giang", "Tỉnh Bắc Giang", "Bắc Giang", "Bac Giang", "bac giang", "BẮC GIANG",
    "Tỉnh ủy Bắc Giang", nfd("tỉnh Bắc Giang"), "tinh Bac Giang",
])
def test_written_forms_of_bac_giang_resolve_to_the_legacy_province(gazetteer, written):
    assert resolve_area(written, level=Area.PROVINCE, on=BEFORE).key == "24"


@pytest.mark.parametrize("written", [
    "huyện Tây Sơn", "Huyện ủy Tây Sơn", "Tây Sơn", nfd("Huyện Tây Sơn"), "huyen tay son",
])
def test_written_forms_of_tay_son_district(gazetteer, written):
    area = resolve_area(written, level=Area.DISTRICT, on=dt.date(2024, 12, 31))

    assert (area.key, area.parent.short_name) == ("547", "Bình Định")


@pytest.mark.parametrize("written, key_before, key_after", [
    ("TP.HCM", "79", "79-2025"),
    ("TPHCM", "79", "79-2025"),
    ("Tỉnh ủy Thừa Thiên Huế", "46", "46"),  # renamed Thành phố Huế on 01/01/2025, not merged
    ("Đắc Lắc", "66", "66-2025"),
    ("Daklak", "66", "66-2025"),
])
def test_abbreviations_and_former_names_reports_use(gazetteer, written, key_before, key_after):
    assert resolve_area(written, on=BEFORE).key == key_before
    assert resolve_area(written, on=AFTER).key == key_after


def test_an_alias_is_for_its_level_only(gazetteer):
    with pytest.raises(AreaNotFound):
        resolve_area("Thừa Thiên Huế", level="commune", on=BEFORE)


def test_prefix_implies_the_level(gazetteer):
    assert resolve_area("Huyện ủy Tây Sơn", on=BEFORE).level == Area.DISTRICT
    assert resolve_area("tỉnh Bắc Giang", on=BEFORE).level == Area.PROVINCE
    assert resolve_area("thị trấn Phú Phong", on=BEFORE).key == "21808"


def test_prefix_that_contradicts_the_level_finds_nothing(gazetteer):
    with pytest.raises(AreaNotFound):
        resolve_area("huyện Tây Sơn", level=Area.PROVINCE, on=BEFORE)


def test_same_name_resolves_by_date_before_and_after_the_reform(gazetteer):
    assert resolve_area("Bắc Ninh", level=Area.PROVINCE, on=BEFORE).code == "27"
    new_bac_ninh = resolve_area("Bắc Ninh", level=Area.PROVINCE, on=AFTER)
    assert (new_bac_ninh.key, new_bac_ninh.code) == ("24-2025", "24")
    assert resolve_area("Gia Lai", level=Area.PROVINCE, on=BEFORE).key == "64"
    assert resolve_area("Gia Lai", level=Area.PROVINCE, on=AFTER).key == "52-2025"
    assert resolve_area("Thanh Hóa", level=Area.PROVINCE, on=BEFORE) == resolve_area(
        "Thanh Hoá", level=Area.PROVINCE, on=AFTER)


def test_without_a_date_the_lookup_is_for_today(gazetteer):
    assert resolve_area("Bắc Ninh", level=Area.PROVINCE).key == "24-2025"
    with pytest.raises(AreaNotFound):
        resolve_area("Bắc Giang", level=Area.PROVINCE)
    with pytest.raises(AreaNotFound):
        resolve_area("Huyện Tây Sơn")  # districts ended on 2025-06-30


def test_written_prefix_chooses_between_a_city_and_the_province_of_the_same_name(gazetteer):
    assert resolve_area("Thành phố Bắc Ninh", on=BEFORE).level == Area.DISTRICT
    assert resolve_area("Tỉnh Bắc Ninh", on=BEFORE).level == Area.PROVINCE
    with pytest.raises(AmbiguousArea):
        resolve_area("Bắc Ninh", on=BEFORE)


def test_within_a_province_disambiguates_a_commune_before_and_after(gazetteer):
    binh_dinh = resolve_area("Bình Định", level=Area.PROVINCE, on=BEFORE)
    with pytest.raises(AmbiguousArea):
        resolve_area("Phú Phong", level=Area.COMMUNE, on=BEFORE)
    assert resolve_area("Phú Phong", level=Area.COMMUNE, on=BEFORE, within=binh_dinh).key == "21808"

    new_gia_lai = resolve_area("Gia Lai", level=Area.PROVINCE, on=AFTER)
    with pytest.raises(AmbiguousArea):
        resolve_area("xã Tây Sơn", on=AFTER)
    tay_son_commune = resolve_area("xã Tây Sơn", on=AFTER, within=new_gia_lai)
    assert (tay_son_commune.key, tay_son_commune.parent) == ("21808-2025", new_gia_lai)


def test_within_a_district(gazetteer):
    tay_son = resolve_area("Huyện Tây Sơn", on=BEFORE)

    assert resolve_area("Tây Thuận", on=BEFORE, within=tay_son).parent == tay_son
    with pytest.raises(AreaNotFound):
        resolve_area("Bình Định", on=BEFORE, within=tay_son)


def test_ambiguity_lists_the_candidates_with_their_parents(gazetteer):
    with pytest.raises(AmbiguousArea) as raised:
        resolve_area("Phú Phong", level=Area.COMMUNE, on=BEFORE)

    error = raised.value
    assert isinstance(error, AreaLookupError) and isinstance(error, ValueError)
    assert {area.key for area in error.candidates} == {
        area.key for area in Area.objects.filter(search_name="phu phong", level=Area.COMMUNE, valid_to=BEFORE)}
    assert len(error.candidates) >= 2
    assert "Thị trấn Phú Phong (Huyện Tây Sơn, Tỉnh Bình Định" in str(error)
    assert "hãy nêu rõ" in str(error) and "matches" in str(error)


def test_unknown_name_raises_not_found_in_both_languages(gazetteer):
    with pytest.raises(AreaNotFound) as raised:
        resolve_area("Tỉnh Atlantis", on=AFTER)

    assert raised.value.name == "Tỉnh Atlantis"
    assert "Không tìm thấy địa bàn “Tỉnh Atlantis”" in str(raised.value)
    assert "no administrative unit “Tỉnh Atlantis”" in str(raised.value)
    with pytest.raises(AreaNotFound):
        resolve_area("", on=AFTER)


def test_prefix_typed_without_diacritics_that_is_part_of_a_name_is_never_guessed(gazetteer):
    # "Tinh Bien" may be "Tịnh Biên" (the town and its ward): several units, so it is ambiguous.
    with pytest.raises(AmbiguousArea):
        resolve_area("Tinh Bien", on=BEFORE)
    assert resolve_area("Tinh Bien", level=Area.DISTRICT, on=BEFORE).name == "Thị xã Tịnh Biên"


# --- find_area_by_key, search_areas -------------------------------------------------------------

def test_find_area_by_key(gazetteer):
    assert find_area_by_key("52").short_name == "Bình Định"
    assert find_area_by_key("52-2025").short_name == "Gia Lai"
    with pytest.raises(AreaNotFound):
        find_area_by_key("99-2025")


def test_search_is_diacritic_insensitive_and_lists_provinces_and_districts_first(gazetteer):
    results = search_areas("bac giang")

    assert [area.name for area in results[:2]] == ["Tỉnh Bắc Giang", "Thành phố Bắc Giang"]
    assert [area.level for area in results] == sorted(
        (area.level for area in results), key=[Area.PROVINCE, Area.DISTRICT, Area.COMMUNE].index)
    assert all("bac giang" in area.search_name for area in results)


def test_search_contains_and_limit(gazetteer):
    results = search_areas("Sơn", limit=5)

    assert len(results) == 5
    assert all("son" in area.search_name for area in results)
    assert search_areas("   ") == []


def test_search_with_a_prefix_restricts_the_level(gazetteer):
    results = search_areas("huyện Tây")

    assert results and {area.level for area in results} == {Area.DISTRICT}
    assert all(area.search_name.startswith("tay") or " tay" in area.search_name for area in results)
