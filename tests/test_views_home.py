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


def card_of(html: str, name: str) -> str:
    start = html.index(f'lang="vi">{name}</a></h3>')
    end = html.find('<li class="area-card">', start)
    return html[start:end if end > 0 else None]


def test_current_provinces_carry_their_predecessors_headlines(client, data):
    response = client.get(reverse("indicators:home"))
    assert response.status_code == 200
    html = response.content.decode()
    # The new Bắc Ninh (from 01/07/2025) leads with Bắc Giang's figures, labelled as such.
    bac_ninh = card_of(html, "Tỉnh Bắc Ninh")
    assert "Hợp nhất từ" in bac_ninh and 'href="/areas/24/"' in bac_ninh
    assert "89.455" in bac_ninh and "31/12/2024" in bac_ninh and "Bắc Giang (trước sáp nhập)" in bac_ninh
    assert "+3.455 (+4,02%)" in bac_ninh and "nhiệm kỳ 2020-2025" in bac_ninh  # since 31/12/2020
    assert '<svg class="sparkline"' in bac_ninh and "<polyline points=" in bac_ninh
    # The former province is listed under "before 01/07/2025", with the one it went into.
    legacy = html[html.index('id="legacy-heading"'):]
    assert '<a href="/areas/24/" lang="vi">Tỉnh Bắc Giang</a>' in legacy and 'href="/areas/24-2025/"' in legacy
    assert '<a href="/areas/547/" lang="vi">Huyện Tây Sơn</a>' in legacy
    # Provinces in force without data are folded away, not left out: Hà Nội is one of them.
    without = html[html.index("chưa có số liệu</h3>"):html.index('id="legacy-heading"')]
    assert "Thành phố Hà Nội" in without
    # Bắc Ninh and Gia Lai (which Tây Sơn's Bình Định went into) with their figures; Bắc Giang and
    # Bình Định listed before 2025, their figures being on their successors' cards.
    assert html.count('<li class="area-card">') == 2
    assert '<a href="/areas/52/" lang="vi">Tỉnh Bình Định</a> → <a href="/areas/52-2025/"' in legacy


def test_headlines_include_staff_reduced_over_the_term(client, data):
    staff = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow", name_vi="Tinh giản biên chế")
    make_observation(indicator=staff, area=data, value="1224", period_start=dt.date(2020, 1, 1),
                     period_end=dt.date(2023, 12, 31))
    make_observation(indicator=staff, area=data, value="710", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2023, 12, 31))
    bac_ninh = card_of(client.get(reverse("indicators:home")).content.decode(), "Tỉnh Bắc Ninh")
    assert 'data-indicator="staff.reduced"' in bac_ninh and "1.224" in bac_ninh and "1.934" not in bac_ninh


def test_search_accepts_names_without_diacritics(client, data):
    html = client.get(reverse("indicators:home"), {"q": "tay son"}).content.decode()
    results = html[html.index('class="search-results"'):]
    assert '<a href="/areas/547/" lang="vi">Huyện Tây Sơn</a>' in results


def test_search_without_match_says_so(client, data):
    html = client.get(reverse("indicators:home"), {"q": "zzzz"}).content.decode()
    assert "Không tìm thấy địa bàn nào khớp “zzzz”" in html


def test_empty_database(client):
    response = client.get(reverse("indicators:home"))
    assert response.status_code == 200 and "Chưa có số liệu" in response.content.decode()


def test_query_count_does_not_grow_with_areas(client, data, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(reverse("indicators:home"))
    members = make_indicator(code="party.orgs.grassroots", family="party_organizations", unit="organization")
    for number in range(30):
        area = make_area(key=f"test-{number}", short_name=f"Tỉnh {number}")
        for year in range(2015, 2025):
            make_observation(indicator=members, area=area, value=str(number + year), day=dt.date(year, 12, 31))
    with django_assert_num_queries(len(before)):
        html = client.get(reverse("indicators:home")).content.decode()
    assert html.count('<li class="area-card">') == 32


def test_language_switch_to_english_and_back(client, data):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    html = client.get(reverse("indicators:home")).content.decode()
    assert '<html lang="en">' in html and "Provinces and cities with data" in html and "Before 01/07/2025" in html
    assert "89,455" in html and "31 Dec 2024" in html
    assert re.search(r'<button[^>]*value="en"[^>]*aria-pressed="true"', html)
    assert re.search(r'<button[^>]*value="vi"[^>]*aria-pressed="false"', html)
    client.post("/i18n/setlang/", {"language": "vi", "next": "/"})
    assert "Tỉnh, thành phố có số liệu" in client.get(reverse("indicators:home")).content.decode()


def test_a_contested_number_is_not_the_headline(client, data):
    members = data.observations.first().indicator
    # Another source gives another number at the same date: the uncontested one is the headline.
    make_observation(indicator=members, area=data, value="17.2", day=dt.date(2024, 12, 31), in_conflict=True)
    html = client.get(reverse("indicators:home")).content.decode()
    bac_ninh = card_of(html, "Tỉnh Bắc Ninh")
    assert "89.455" in bac_ninh and "17,2" not in bac_ninh
