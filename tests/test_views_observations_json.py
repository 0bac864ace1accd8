"""indicators:observations_json — the explorer's rows as paged JSON."""
import datetime as dt

import pytest
from django.urls import reverse

from indicators.exports import HEADER
from indicators.models import Area
from tests.factories import make_indicator, make_observation

pytestmark = pytest.mark.django_db
URL = reverse("indicators:observations_json")


@pytest.fixture
def data():
    area = Area.objects.get(key="24")
    members = make_indicator()
    for year in range(2010, 2025):
        make_observation(indicator=members, area=area, value=f"{80000 + year}", day=dt.date(year, 12, 31))
    make_observation(indicator=make_indicator(code="staff.share", family="staff", unit="percent"),
                     area=Area.objects.get(key="52"), value="15.15")


def test_rows_with_export_columns_and_typed_values(client, data):
    body = client.get(URL, {"area": "24", "page_size": 5}).json()
    assert body["count"] == 15 and body["page"] == 1 and body["page_size"] == 5
    assert list(body["rows"][0]) == HEADER
    first = body["rows"][0]
    assert first["value"] == 82010 and first["period_end"] == "2010-12-31" and first["area_key"] == "24"
    assert body["previous"] is None
    assert body["next"] == "http://testserver/observations.json?area=24&page_size=5&page=2"


def test_following_next_walks_every_row_once(client, data):
    url, seen = f"{URL}?page_size=4", []
    while url:
        body = client.get(url).json()
        seen += [row["observation_id"] for row in body["rows"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 16


def test_keys_stay_codes_in_any_language_sorted_and_without_hidden_columns(client, data):
    client.cookies["django_language"] = "en"
    body = client.get(URL, {"sort": "-period_end", "hide": "document", "area": "24", "page_size": 2}).json()
    assert list(body["rows"][0]) == [name for name in HEADER if name not in
                                     {"method", "source_document", "source_line", "quote"}]
    assert [row["period_end"] for row in body["rows"]] == ["2024-12-31", "2023-12-31"]
    assert body["next"].endswith("?sort=-period_end&hide=document&area=24&page_size=2&page=2")


def test_decimals_are_numbers(client, data):
    body = client.get(URL, {"indicator": "staff.share"}).json()
    assert body["rows"][0]["value"] == 15.15


def test_page_size_is_capped(client, data):
    assert client.get(URL, {"page_size": 100000}).json()["page_size"] == 1000


def test_empty_result(client, data):
    body = client.get(URL, {"date_from": "2030-01-01"}).json()
    assert body == {"count": 0, "count_capped": False, "page": 1, "page_size": 100, "next": None, "previous": None,
                    "rows": []}


def test_counts_stop_at_a_cap_and_say_so(client, data, monkeypatch):
    monkeypatch.setattr("indicators.paging.CappedPaginator.count_cap", 10)
    first = client.get(URL, {"page_size": 5}).json()
    assert first["count"] == 10 and first["count_capped"] is True and first["next"] is not None
    last = client.get(URL, {"page_size": 5, "page": 2}).json()
    assert len(last["rows"]) == 5 and last["next"] is None  # past the cap: narrower filters or the CSV


def test_bad_filter_and_bad_page(client, data):
    response = client.get(URL, {"term": "1999-2004"})
    assert response.status_code == 400 and "term" in response.json()["error"]
    assert client.get(URL, {"page": "x"}).status_code == 400
    assert client.get(URL, {"page": 99}).status_code == 404
