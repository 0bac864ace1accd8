"""indicators:observations_csv — the explorer's rows, streamed as CSV."""
import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from indicators.exports import HEADER, export_header
from indicators.models import Area
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db
URL = reverse("indicators:observations_csv")


def rows_of(response) -> list[dict]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


@pytest.fixture
def data():
    province, district, other = (Area.objects.get(key=key) for key in ("24", "218", "52"))  # Lục Nam is in Bắc Giang
    members = make_indicator()
    document = make_document(area=province)
    make_observation(indicator=members, area=province, value="89455", document=document, source_line=1,
                     quote="=89.455 đảng viên")
    make_observation(indicator=members, area=district, value="8123", day=dt.date(2022, 6, 30))
    make_observation(indicator=members, area=other, value="70000")


def test_streams_exactly_the_filtered_rows_as_an_attachment(client, data):
    response = client.get(URL, {"area": "24", "indicator": "party.members.total", "header": "codes"})
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="observations-24-party.members.total.csv"'
    rows = rows_of(response)
    assert list(rows[0]) == HEADER
    assert [(r["area_key"], r["value"]) for r in rows] == [("218", "8123"), ("24", "89455")]
    assert rows[1]["quote"] == "'=89.455 đảng viên"  # a formula in Excel otherwise


def test_no_filters_is_every_row(client, data):
    assert len(rows_of(client.get(URL))) == 3


def test_the_header_is_in_the_readers_language_unless_codes_are_asked_for(client, data):
    # For people by default (the explorer's links); the stable codes one parameter away.
    assert list(rows_of(client.get(URL))[0])[:3] == ["Mã chỉ tiêu", "Tên chỉ tiêu", "Nhóm"]
    assert list(rows_of(client.get(URL, {"header": "codes"}))[0]) == HEADER
    client.cookies["django_language"] = "en"
    assert list(rows_of(client.get(URL))[0])[:3] == ["Indicator code", "Indicator", "Family"]
    assert list(rows_of(client.get(URL, {"header": "vi"}))[0])[:1] == ["Mã chỉ tiêu"]


def test_a_sort_orders_the_rows_as_the_explorer_does(client, data):
    values = [row["value"] for row in rows_of(client.get(URL, {"sort": "-value", "header": "codes"}))]
    assert values == ["89455", "70000", "8123"]
    dates = [row["period_end"] for row in rows_of(client.get(URL, {"sort": "newest", "header": "codes"}))]
    assert dates == ["2023-12-31", "2023-12-31", "2022-06-30"]


def test_hidden_columns_are_left_out(client, data):
    header = list(rows_of(client.get(URL, {"hide": "document,breakdown", "header": "codes"}))[0])
    assert header == [name for name in HEADER if name not in
                      {"breakdown", "method", "source_document", "source_line", "quote"}]


def test_empty_result_is_a_header_only_file(client, data):
    response = client.get(URL, {"date_from": "2030-01-01"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert body.splitlines() == [",".join(export_header(style="vi"))]


@pytest.mark.parametrize("query, named", [
    ({"date_from": "yesterday"}, "date_from"), ({"area": "99999"}, "area"), ({"status": "maybe"}, "status"),
    ({"indicator": "no.such.code"}, "indicator"), ({"sort": "colour"}, "sort"), ({"header": "latin"}, "header"),
    ({"hide": "value"}, "hide"),
])
def test_bad_filter_value_is_400_naming_it(client, data, query, named):
    response = client.get(URL, query)
    assert response.status_code == 400
    text = response.content.decode()
    assert named in text and ("Bộ lọc không hợp lệ" in text or "Tham số không hợp lệ" in text)
    assert response["Content-Type"].startswith("text/plain")


def test_query_count_is_fixed(client, data, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        b"".join(client.get(URL).streaming_content)


@pytest.mark.parametrize("query, values", [
    ("area=24", {"89455", "8123"}),
    ("area=24&children=true", {"89455", "8123"}),
    ("area=24&children=false", {"89455"}),
    ("area=24-2025&children=false", set()),
    ("area=24-2025&children=false&lineage=true", {"89455"}),  # Bắc Giang merged into the new Bắc Ninh
    ("area=24-2025&lineage=true", {"89455", "8123"}),
])
def test_area_reach_with_children_and_lineage(client, data, query, values):
    assert {row["value"] for row in rows_of(client.get(f"{URL}?{query}&header=codes"))} == values


def test_level_and_rejected_filters(client, data):
    from indicators.models import Observation

    Observation.objects.filter(value=70000).update(status=Observation.REJECTED)
    def values(query: str) -> set[str]:
        return {row["value"] for row in rows_of(client.get(f"{URL}?{query}&header=codes"))}

    assert values("level=district") == {"8123"}
    assert values("level=province&rejected=false") == {"89455"}
    assert values("level=province") == {"89455", "70000"}


def test_a_charts_points_are_asked_for_one_indicator_never_the_whole_table(client, data):
    response = client.get(reverse("indicators:observations_csv"), {"series": "drawn"})
    assert response.status_code == 400 and "series" in response.content.decode()
    response = client.get(reverse("indicators:observations_csv"),
                          {"series": "drawn", "indicator": "party.members.total", "header": "codes"})
    assert response.status_code == 200
