"""indicators:observations — the filtered, sortable, paged table of every observation."""
import datetime as dt

import pytest
from django.urls import reverse

from indicators.models import Area, Observation
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db
URL = reverse("indicators:observations")


@pytest.fixture
def rows():
    province, district, other = (Area.objects.get(key=key) for key in ("24", "218", "52"))  # Lục Nam is in Bắc Giang
    members = make_indicator()
    staff = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow", name_vi="Tinh giản biên chế")
    document = make_document(area=province)
    make_observation(indicator=members, area=province, value="89455", document=document, source_line=1,
                     quote="89.455 đảng viên", status=Observation.VERIFIED)
    make_observation(indicator=members, area=district, value="8123", day=dt.date(2022, 6, 30))
    make_observation(indicator=staff, area=other, value="1224", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2021, 12, 31), in_conflict=True)
    return province


def test_lists_every_observation_with_formatted_values(client, rows):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "89.455" in html and "8.123" in html and "1.224" in html
    assert "01/01/2021 – 31/12/2021" in html
    assert 'href="/observations/export.csv"' in html


def test_area_filter_includes_districts_and_keeps_filters_in_export_links(client, rows):
    response = client.get(URL, {"area": "24", "family": "party_members"})
    html = response.content.decode()
    assert "89.455" in html and "8.123" in html and "1.224" not in html
    assert "/observations/export.csv?area=24&amp;family=party_members" in html
    assert "/observations.json?area=24&amp;family=party_members" in html


def test_status_and_date_filters(client, rows):
    html = client.get(URL, {"status": "verified"}).content.decode()
    assert "89.455" in html and "8.123" not in html
    html = client.get(URL, {"date_from": "2023-01-01"}).content.decode()
    assert "89.455" in html and "8.123" not in html and "1.224" not in html


def test_sorting_by_value(client, rows):
    html = client.get(URL, {"sort": "value"}).content.decode()
    assert html.index("1.224") < html.index("8.123") < html.index("89.455")
    html = client.get(URL, {"sort": "-value"}).content.decode()
    assert html.index("89.455") < html.index("8.123")


def test_paging_keeps_filters(client, rows):
    members = rows.observations.first().indicator
    for year in range(1960, 2020):
        make_observation(indicator=members, area=rows, value=str(year), day=dt.date(year, 12, 31))
    response = client.get(URL, {"area": "24", "sort": "period_end"})
    html = response.content.decode()
    assert "31/12/1960" in html and "31/12/2019" not in html
    assert "area=24" in html and "page=2" in html
    second = client.get(URL, {"area": "24", "sort": "period_end", "page": 2}).content.decode()
    assert "31/12/2019" in second and "31/12/1960" not in second


def test_empty_result_says_so(client, rows):
    response = client.get(URL, {"indicator": "party.members.total", "date_to": "1990-01-01"})
    assert response.status_code == 200
    assert "Không có số liệu nào khớp bộ lọc" in response.content.decode()


def test_bad_filter_is_400_with_a_message_naming_it(client, rows):
    response = client.get(URL, {"date_from": "31/31/2024", "area": "nowhere"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Bộ lọc không hợp lệ" in html and "date_from" in html and "area" in html


def test_queries_do_not_grow_with_rows(client, rows, django_assert_max_num_queries):
    members = rows.observations.first().indicator
    for year in range(1980, 2020):
        make_observation(indicator=members, area=rows, value=str(year), day=dt.date(year, 12, 31))
    with django_assert_max_num_queries(5):
        assert client.get(URL).status_code == 200


def test_a_count_past_the_cap_says_more_than(client, rows, monkeypatch):
    monkeypatch.setattr("indicators.paging.CappedPaginator.count_cap", 1)
    html = client.get(URL).content.decode()
    assert "hơn 1 dòng" in html and "tải CSV" in html
