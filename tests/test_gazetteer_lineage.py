"""Lineage across 2025-07-01: which legacy units became which new ones."""
import datetime as dt

from indicators.gazetteer import lineage_areas, predecessors, successors
from indicators.models import Area, AreaLineage

REFORM = dt.date(2025, 7, 1)


def area(key: str) -> Area:
    return Area.objects.get(key=key)


def test_bac_giang_and_the_old_bac_ninh_go_into_the_new_bac_ninh(gazetteer):
    new_bac_ninh = area("24-2025")

    assert successors(area("24")) == [new_bac_ninh]
    assert successors(area("27")) == [new_bac_ninh]
    assert {a.key for a in predecessors(new_bac_ninh)} == {"24", "27"}
    link = AreaLineage.objects.get(predecessor__key="24")
    assert (link.event, link.effective_date) == (AreaLineage.MERGE, REFORM)


def test_binh_dinh_goes_into_the_new_gia_lai_which_reuses_its_code(gazetteer):
    binh_dinh, new_gia_lai = area("52"), area("52-2025")

    assert binh_dinh.code == new_gia_lai.code == "52" and binh_dinh.pk != new_gia_lai.pk
    assert successors(binh_dinh) == [new_gia_lai]
    assert successors(area("64")) == [new_gia_lai]  # the old Gia Lai
    assert {a.short_name for a in predecessors(new_gia_lai)} == {"Bình Định", "Gia Lai"}


def test_lineage_areas_of_the_new_bac_ninh(gazetteer, django_assert_max_num_queries):
    new_bac_ninh = area("24-2025")

    with django_assert_max_num_queries(2):
        areas = lineage_areas(new_bac_ninh)

    assert areas[0] == new_bac_ninh
    assert sorted(a.key for a in areas[1:]) == ["24", "27"]


def test_lineage_of_an_area_without_history_is_itself(gazetteer, django_assert_max_num_queries):
    ha_noi = area("01")

    with django_assert_max_num_queries(1):
        assert lineage_areas(ha_noi) == [ha_noi]
    assert successors(ha_noi) == [] and predecessors(ha_noi) == []


def test_successors_and_predecessors_take_one_query(gazetteer, django_assert_num_queries):
    phu_phong = area("21808")

    with django_assert_num_queries(1):
        found = successors(phu_phong)
    with django_assert_num_queries(1):
        parents = {a.parent.name for a in predecessors(found[0])}

    assert parents == {"Huyện Tây Sơn"}


def test_communes_of_tay_son_district_go_into_five_communes_of_the_new_gia_lai(gazetteer):
    tay_son = Area.objects.get(level=Area.DISTRICT, name="Huyện Tây Sơn", parent__key="52")
    communes = list(tay_son.children.all())
    new_gia_lai = area("52-2025")

    successor_names = set()
    for commune in communes:
        found = successors(commune)
        assert found, commune
        assert all(s.parent == new_gia_lai and s.valid_from == REFORM and s.level == Area.COMMUNE for s in found)
        successor_names |= {s.name for s in found}

    assert len(communes) == 15
    assert successor_names == {"Xã Tây Sơn", "Xã Bình An", "Xã Bình Hiệp", "Xã Bình Khê", "Xã Bình Phú"}
    assert {a.name for a in predecessors(successors(area("21808"))[0])} == {
        "Thị trấn Phú Phong", "Xã Bình Nghi", "Xã Tây Xuân"}
    assert successors(tay_son) == []  # the district level was abolished, not merged
    assert tay_son.valid_to == dt.date(2025, 6, 30)


def test_split_commune_is_in_lineage_only_when_partial_continuation_is_asked(gazetteer):
    split_link = AreaLineage.objects.filter(event=AreaLineage.SPLIT).select_related("predecessor", "successor").first()
    successor = split_link.successor

    assert split_link.predecessor not in lineage_areas(successor)
    assert split_link.predecessor in lineage_areas(successor, include_partial=True)
    assert len(successors(split_link.predecessor)) >= 2
