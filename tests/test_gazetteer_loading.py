"""load_areas: the units before and after 2025-07-01, their keys, parents and lineage, idempotently."""
import datetime as dt
import re
import time

import pytest
from django.core.management import call_command
from django.db.models import Count, Q

from indicators.gazetteer import load_areas
from indicators.gazetteer.lookup import valid_on
from indicators.models import Area, AreaLineage

LAST_DAY = dt.date(2025, 6, 30)
REFORM = dt.date(2025, 7, 1)
CHANGE_COUNTERS = ("areas_created", "areas_updated", "links_created", "links_updated", "links_deleted")
# Vietnam on 2025-06-30 and on 2025-07-01 (Resolution 202/2025/QH15 and the commune resolutions).
# The package lists 10,040 rows for 2025-06-30; five are island districts without communes
# (Bạch Long Vĩ, Cồn Cỏ, Hoàng Sa, Lý Sơn, Côn Đảo), so there were 10,035 communes.
EXPECTED_CONTENT = {
    "provinces_before_reform": 63,
    "districts_before_reform": 696,
    "communes_before_reform": 10_035,
    "provinces_since_reform": 34,
    "communes_since_reform": 3_321,
}


def _count(level: str, on: dt.date) -> int:
    return Area.objects.filter(valid_on(on=on), level=level).count()


def test_database_holds_the_units_before_and_after_the_reform(gazetteer):
    assert {
        "provinces_before_reform": _count(Area.PROVINCE, LAST_DAY),
        "districts_before_reform": _count(Area.DISTRICT, LAST_DAY),
        "communes_before_reform": _count(Area.COMMUNE, LAST_DAY),
        "provinces_since_reform": _count(Area.PROVINCE, REFORM),
        "communes_since_reform": _count(Area.COMMUNE, REFORM),
    } == EXPECTED_CONTENT
    assert _count(Area.DISTRICT, REFORM) == 0
    assert {key: gazetteer[key] for key in EXPECTED_CONTENT} == EXPECTED_CONTENT


def test_second_load_changes_nothing_and_reports_the_same_counts(gazetteer):
    areas_before = Area.objects.count()
    links_before = AreaLineage.objects.count()

    counts = load_areas()

    assert {key: counts[key] for key in CHANGE_COUNTERS} == dict.fromkeys(CHANGE_COUNTERS, 0)
    content_keys = [key for key in counts if key not in CHANGE_COUNTERS]
    assert {key: counts[key] for key in content_keys} == {key: gazetteer[key] for key in content_keys}
    assert (Area.objects.count(), AreaLineage.objects.count()) == (areas_before, links_before)
    duplicated = (
        AreaLineage.objects.values("predecessor", "successor", "effective_date")
        .annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not duplicated.exists()
    assert counts["lineage_links"] == links_before


def test_load_repairs_an_edited_area_and_a_lost_link(gazetteer):
    bac_giang = Area.objects.get(key="24")
    Area.objects.filter(pk=bac_giang.pk).update(name="Tỉnh Bắc Giang (sửa tay)", valid_to=None)
    AreaLineage.objects.filter(predecessor=bac_giang).delete()

    counts = load_areas()

    assert (counts["areas_updated"], counts["links_created"], counts["areas_created"]) == (1, 1, 0)
    bac_giang.refresh_from_db()
    assert (bac_giang.name, bac_giang.valid_to) == ("Tỉnh Bắc Giang", LAST_DAY)
    assert AreaLineage.objects.filter(predecessor=bac_giang, successor__key="24-2025").exists()


def test_load_removes_a_reform_link_the_package_does_not_have(gazetteer):
    AreaLineage.objects.create(predecessor=Area.objects.get(key="01"), successor=Area.objects.get(key="24-2025"),
                               event=AreaLineage.MERGE, effective_date=REFORM)

    assert load_areas()["links_deleted"] == 1
    assert not AreaLineage.objects.filter(predecessor__key="01").exists()


def test_keys_are_the_code_before_the_reform_and_code_2025_for_new_units(gazetteer):
    assert all(re.fullmatch(r"\d{2}|\d{3}|\d{5}|\d{2}-2025|\d{5}-2025", key)
               for key in Area.objects.values_list("key", flat=True))
    assert not Area.objects.filter(valid_from=REFORM).exclude(key__endswith="-2025").exists()
    assert not Area.objects.filter(Q(valid_from__isnull=True)).filter(key__endswith="-2025").exists()


def test_code_52_is_two_areas_binh_dinh_then_the_new_gia_lai(gazetteer):
    code_52 = {area.key: area for area in Area.objects.filter(code="52", level=Area.PROVINCE)}

    assert set(code_52) == {"52", "52-2025"}
    assert (code_52["52"].short_name, code_52["52"].valid_from, code_52["52"].valid_to) == ("Bình Định", None, LAST_DAY)
    assert (code_52["52-2025"].short_name, code_52["52-2025"].valid_from, code_52["52-2025"].valid_to) == (
        "Gia Lai", REFORM, None)


def test_unmerged_province_is_one_row_in_force_throughout(gazetteer):
    ha_noi = Area.objects.get(code="01", level=Area.PROVINCE)

    assert (ha_noi.key, ha_noi.valid_from, ha_noi.valid_to) == ("01", None, None)
    assert not AreaLineage.objects.filter(Q(predecessor=ha_noi) | Q(successor=ha_noi)).exists()
    assert Area.objects.filter(valid_on(on=REFORM), parent=ha_noi, level=Area.COMMUNE).count() == 126
    assert Area.objects.filter(parent=ha_noi, level=Area.DISTRICT).count() == 30


def test_districts_end_on_30_june_2025_and_have_the_legacy_province_as_parent(gazetteer):
    districts = Area.objects.filter(level=Area.DISTRICT)

    assert districts.count() == 696
    assert set(districts.values_list("valid_to", flat=True)) == {LAST_DAY}
    assert not districts.exclude(parent__level=Area.PROVINCE).exists()
    assert not districts.filter(parent__valid_from=REFORM).exists()
    tay_son = Area.objects.get(level=Area.DISTRICT, name="Huyện Tây Sơn")
    assert (tay_son.key, tay_son.parent.key, tay_son.parent.short_name) == ("547", "52", "Bình Định")


def test_communes_hang_under_a_district_before_and_a_province_after(gazetteer):
    communes = Area.objects.filter(level=Area.COMMUNE)

    assert not communes.filter(valid_to=LAST_DAY).exclude(parent__level=Area.DISTRICT).exists()
    assert not communes.filter(valid_from=REFORM).exclude(parent__level=Area.PROVINCE).exists()
    assert not communes.filter(valid_from=REFORM).filter(parent__valid_to__isnull=False).exists()


def test_every_legacy_province_and_commune_has_a_successor_and_every_new_unit_a_predecessor(gazetteer):
    ended = Area.objects.filter(valid_to=LAST_DAY)

    assert not ended.filter(level=Area.PROVINCE, successor_links__isnull=True).exists()
    assert not ended.filter(level=Area.COMMUNE, successor_links__isnull=True).exists()
    assert not Area.objects.filter(valid_from=REFORM, predecessor_links__isnull=True).exists()
    assert set(AreaLineage.objects.values_list("effective_date", flat=True)) == {REFORM}
    assert ended.filter(level=Area.PROVINCE).count() == 52  # 63 - 11 provinces that were not merged


def test_a_split_commune_has_several_successors_a_merged_one_exactly_one(gazetteer):
    successor_counts = (
        AreaLineage.objects.values("predecessor", "event").annotate(n=Count("successor")).values_list("event", "n")
    )
    by_event = {}
    for event, n in successor_counts:
        by_event.setdefault(event, set()).add(n)

    assert by_event[AreaLineage.MERGE] == {1}
    assert min(by_event[AreaLineage.SPLIT]) >= 2


def test_island_districts_without_communes_continue_as_special_zones(gazetteer):
    con_dao = Area.objects.get(level=Area.DISTRICT, name="Huyện Côn Đảo")

    successor = AreaLineage.objects.get(predecessor=con_dao).successor
    assert (successor.name, successor.level, successor.parent.name) == (
        "Đặc khu Côn Đảo", Area.COMMUNE, "Thành phố Hồ Chí Minh")


@pytest.mark.parametrize("name, short_name, search_name", [
    ("Thị trấn Phú Phong", "Phú Phong", "phu phong"),
    ("Tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "ba ria vung tau"),
    ("Quận 1", "Quận 1", "quan 1"),
    ("Tỉnh Đắk Lắk", "Đắk Lắk", "dak lak"),
])
def test_short_and_search_names_drop_the_prefix_except_for_numbered_units(gazetteer, name, short_name, search_name):
    area = Area.objects.filter(name=name).order_by("valid_from").first()

    assert (area.short_name, area.search_name) == (short_name, search_name)


def test_prefixes_are_written_the_official_way_whatever_the_package_says(gazetteer):
    assert Area.objects.get(key="222").name == "Thị xã Việt Yên"  # "Thị Xã Việt Yên" in the package
    assert not Area.objects.filter(name__regex=r"^(Thị Xã|Thị Trấn|Thành Phố|Đặc Khu) ").exists()


def test_command_prints_the_counts_and_the_time(gazetteer, capsys):
    started = time.perf_counter()
    call_command("load_areas")
    elapsed = time.perf_counter() - started

    output = capsys.readouterr().out
    assert "63 provinces, 696 districts, 10035 communes" in output
    assert "34 provinces, 3321 communes" in output
    assert "(0 created, 0 updated)" in output
    assert re.search(r"time: \d+\.\d s", output)
    assert elapsed < 60
