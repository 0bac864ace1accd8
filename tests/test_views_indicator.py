"""indicators:indicator — one indicator across every area that has it."""
import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from indicators.models import Area
from tests.factories import make_area, make_indicator, make_observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def members():
    indicator = make_indicator()
    bac_giang, binh_dinh = Area.objects.get(key="24"), Area.objects.get(key="52")
    for year, value in [(2020, "86000"), (2024, "89455")]:
        make_observation(indicator=indicator, area=bac_giang, value=value, day=dt.date(year, 12, 31))
    make_observation(indicator=indicator, area=binh_dinh, value="91234", day=dt.date(2023, 12, 31))
    make_observation(indicator=indicator, area=binh_dinh, value="50000", breakdown="sex=female")
    return indicator


def figure(html: str, dom_id: str = "chart-0-figure") -> dict:
    match = re.search(rf'<script id="{dom_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_a_line_per_area_and_the_latest_values_ranked(client, members):
    response = client.get(reverse("indicators:indicator", args=[members.code]))
    assert response.status_code == 200
    html = response.content.decode()
    names = sorted(trace["name"] for trace in figure(html)["data"])
    assert names == ["Bình Định", "Bắc Giang"]
    ranking = html[html.index('id="ranking-heading"'):]
    assert ranking.index("91.234") < ranking.index("89.455")
    assert "50.000" not in ranking  # a breakdown is not the area's total


def test_empty_indicator_says_so(client):
    indicator = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow")
    response = client.get(reverse("indicators:indicator", args=[indicator.code]))
    assert response.status_code == 200 and "Chưa có số liệu" in response.content.decode()


def test_unknown_indicator_is_404(client):
    assert client.get(reverse("indicators:indicator", args=["no.such"])).status_code == 404


def test_queries_do_not_grow_with_areas(client, members, django_assert_max_num_queries):
    for number in range(30):
        area = make_area(key=f"x{number}", short_name=f"Tỉnh {number}")
        make_observation(indicator=members, area=area, value=str(number))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("indicators:indicator", args=[members.code])).status_code == 200


def test_provinces_by_default_other_levels_on_request(client, members):
    tay_son = Area.objects.get(key="547")
    make_observation(indicator=members, area=tay_son, value="4663", day=dt.date(2022, 6, 30))
    provinces = client.get(reverse("indicators:indicator", args=[members.code])).content.decode()
    assert "Tây Sơn" not in provinces
    districts = client.get(reverse("indicators:indicator", args=[members.code]), {"level": "district"}).content.decode()
    assert [trace["name"] for trace in figure(districts)["data"]] == ["Tây Sơn"] and "4.663" in districts
    assert "/observations/export.csv?level=district&amp;rejected=false&amp;series=totals&amp;indicator=party.members.total" in districts
    bad = client.get(reverse("indicators:indicator", args=[members.code]), {"level": "<b>village</b>"})
    assert bad.status_code == 400 and bad["Content-Type"].startswith("text/plain")


def test_too_many_areas_for_one_chart_are_ranked_with_the_rest_in_the_csv(client, members, monkeypatch):
    from indicators.selectors import series
    from indicators.views import indicator as view

    monkeypatch.setattr(series, "LINES_MAX", 1)
    monkeypatch.setattr(view, "RANKING_MAX", 1)
    html = client.get(reverse("indicators:indicator", args=[members.code])).content.decode()
    assert 'class="chart"' not in html and "quá nhiều để vẽ" in html
    ranking = html[html.index('id="ranking-heading"'):]
    assert "91.234" in ranking and "89.455" not in ranking and "và 1 địa bàn khác" in ranking


def english(client):
    client.cookies["django_language"] = "en"  # what the language switch sets
    return client


def test_the_vietnamese_page_shows_no_english_description(client):
    """The catalogue's descriptions are English: the Vietnamese page says what the indicator is from
    its kind, unit and family instead."""
    indicator = make_indicator()
    indicator.description = "Party members of the party organisation at a date; breakdowns go in the breakdown."
    indicator.save()
    page = client.get(reverse("indicators:indicator", args=[indicator.code])).content.decode()
    assert "Party members of the party organisation" not in page
    assert "Chỉ tiêu thời điểm, nhóm “Đảng viên”: số đảng viên tại một ngày." in page
    page = english(client).get(reverse("indicators:indicator", args=[indicator.code])).content.decode()
    assert "Party members of the party organisation at a date" in page and "Chỉ tiêu thời điểm" not in page


def test_a_vietnamese_description_is_shown_in_vietnamese_only(client):
    indicator = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow")
    indicator.description = "Số người được tinh giản biên chế trong kỳ."
    indicator.save()
    page = client.get(reverse("indicators:indicator", args=[indicator.code])).content.decode()
    assert "Số người được tinh giản biên chế trong kỳ." in page
    page = english(client).get(reverse("indicators:indicator", args=[indicator.code])).content.decode()
    assert "tinh giản" not in page
    assert "A flow indicator of the “Staff and payroll” family: the number of persons over a period." in page


def test_english_page_marks_the_vietnamese_words_it_shows(client, members):
    members.description = "Members struck off the rolls (xóa tên) for not meeting standards."
    members.save()
    page = english(client).get(reverse("indicators:indicator", args=[members.code])).content.decode()
    assert 'struck off the rolls <span lang="vi">(xóa tên)</span> for' in page
    assert '<h1 lang="vi">Tổng số đảng viên</h1>' in page  # no English name: the Vietnamese one, marked
    assert 'lang="vi">Tỉnh Bình Định</a>' in page  # the ranking's areas
    members.name_en = "Party members, total"
    members.save()
    page = english(client).get(reverse("indicators:indicator", args=[members.code])).content.decode()
    assert "<h1>Party members, total</h1>" in page


def test_the_charts_data_link_gives_the_totals_it_draws_not_goals(client, members):
    make_observation(indicator=members, area=Area.objects.get(key="24"), value="95000", breakdown="target=yes")
    html = client.get(reverse("indicators:indicator", args=["party.members.total"])).content.decode()
    assert not [t for t in figure(html)["data"] if "95000" in str(t["y"])]  # no goal drawn here…
    link = re.search(r'href="(/observations/export\.csv\?[^"]*series=totals[^"]*)"', html)[1].replace("&amp;", "&")
    body = b"".join(client.get(link + "&header=codes").streaming_content).decode("utf-8-sig")
    assert "95000" not in body and "89455" in body and "50000" not in body  # …nor in its data
