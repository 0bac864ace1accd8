"""indicators:home — areas with data, their headline numbers, and the area search."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from indicators.models import Area, Term
from tests.factories import make_area, make_indicator, make_observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def data():
    Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30))
    bac_giang, tay_son = Area.objects.get(key="24"), Area.objects.get(key="547")
    members = make_indicator()
    for year, value in [(2020, "86000"), (2022, "87500"), (2024, "89455")]:
        make_observation(indicator=members, area=bac_giang, value=value, day=dt.date(year, 12, 31))
    make_observation(indicator=members, area=tay_son, value="5210", day=dt.date(2022, 6, 30))
    return bac_giang


def test_lists_areas_with_data_and_their_headlines(client, data):
    response = client.get(reverse("indicators:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/areas/24/">Tỉnh Bắc Giang</a>' in html and '<a href="/areas/547/">Huyện Tây Sơn</a>' in html
    assert "Hà Nội" not in html  # no data, not listed
    bac_giang = html[html.index("Tỉnh Bắc Giang"):html.index("Huyện Tây Sơn")]
    assert "89.455" in bac_giang and "31/12/2024" in bac_giang
    assert "+3.455" in bac_giang and "NK 2020-2025" in bac_giang  # since the term's first value, 31/12/2020
    assert '<svg class="sparkline"' in bac_giang and "<polyline points=" in bac_giang


def test_search_accepts_names_without_diacritics(client, data):
    html = client.get(reverse("indicators:home"), {"q": "tay son"}).content.decode()
    results = html[html.index('class="search-results"'):]
    assert '<a href="/areas/547/">Huyện Tây Sơn</a>' in results


def test_search_without_match_says_so(client, data):
    html = client.get(reverse("indicators:home"), {"q": "zzzz"}).content.decode()
    assert "Không tìm thấy địa bàn nào khớp “zzzz”" in html


def test_empty_database(client):
    response = client.get(reverse("indicators:home"))
    assert response.status_code == 200 and "Chưa có số liệu" in response.content.decode()


def test_query_count_does_not_grow_with_areas(client, data, django_assert_max_num_queries):
    members = make_indicator(code="party.orgs.grassroots", family="party_organizations", unit="organization")
    for number in range(30):
        area = make_area(key=f"x{number}", short_name=f"Tỉnh {number}")
        for year in range(2015, 2025):
            make_observation(indicator=members, area=area, value=str(number + year), day=dt.date(year, 12, 31))
    with django_assert_max_num_queries(5):
        assert client.get(reverse("indicators:home")).status_code == 200


def test_language_switch_to_english_and_back(client, data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get(reverse("indicators:home")).content.decode()
    assert '<html lang="en">' in html and "Provinces and cities with data" in html
    assert "89,455" in html and "31 Dec 2024" in html
    assert re.search(r'<button[^>]*value="en"[^>]*aria-pressed="true"', html)
    assert re.search(r'<button[^>]*value="vi"[^>]*aria-pressed="false"', html)
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tỉnh, thành phố có số liệu" in client.get(reverse("indicators:home")).content.decode()


def test_a_contested_number_is_not_the_headline(client, data):
    members = data.observations.first().indicator
    make_observation(indicator=members, area=data, value="17.2", day=dt.date(2025, 3, 1), in_conflict=True)
    html = client.get(reverse("indicators:home")).content.decode()
    bac_giang = html[html.index("Tỉnh Bắc Giang"):html.index("Huyện Tây Sơn")]
    assert "89.455" in bac_giang and "17,2" not in bac_giang


def test_counts_are_written_the_vietnamese_way(client, data):
    from indicators.models import Observation

    members = Observation.objects.first().indicator
    Observation.objects.bulk_create(
        Observation(indicator=members, area=data, period_start=dt.date(2000, 1, 1), period_end=dt.date(2000, 1, 1),
                    value=n, breakdown=f"row={n}", method=Observation.IMPORT) for n in range(1200))
    assert "1.203 số liệu" in client.get(reverse("indicators:home")).content.decode()
