"""indicators:area — an area's indicators by family, terms shaded, sources one click away."""
import csv
import datetime as dt
import io
import json
import re

import pytest
from django.urls import reverse

from indicators.models import Area, Observation, Term
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


def figures(html: str) -> dict[str, dict]:
    """Chart figures embedded in the page, by the indicator code in the chart's heading link."""
    found = {}
    for match in re.finditer(r'<figure class="chart-block".*?</figure>', html, re.S):
        block = match.group()
        code = re.search(r'href="/indicators/([^/]+)/"', block).group(1)
        data = re.search(r'<script id="[^"]+" type="application/json">(.*?)</script>', block, re.S).group(1)
        found[code] = json.loads(data)
    return found


@pytest.fixture
def terms():
    return [
        Term.objects.create(kind=Term.PARTY_CONGRESS, label="2015-2020", start=dt.date(2015, 10, 1), end=dt.date(2020, 9, 30)),
        Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30)),
    ]


@pytest.fixture
def bac_giang(terms):
    area = Area.objects.get(key="24")
    document = make_document(area=area, file_name="003_bac_giang.txt")
    document.title = "Báo cáo tổng kết công tác xây dựng Đảng nhiệm kỳ 2020-2025"
    document.save()
    members = make_indicator()
    make_observation(indicator=members, area=area, value="84000", day=dt.date(2020, 9, 30), status=Observation.VERIFIED)
    make_observation(indicator=members, area=area, value="89455", day=dt.date(2024, 12, 31), document=document,
                     source_line=10, quote="với **89.455** đảng viên")
    make_observation(indicator=members, area=area, value="90000", day=dt.date(2025, 9, 30), breakdown="target=yes")
    make_observation(indicator=members, area=area, value="40000", day=dt.date(2024, 12, 31), breakdown="sex=female")
    make_observation(indicator=members, area=area, value="1", day=dt.date(2023, 1, 1), status=Observation.REJECTED)
    staff = make_indicator(code="staff.reduced", family="staff", unit="person", kind="flow", name_vi="Tinh giản biên chế")
    make_observation(indicator=staff, area=area, value="1224", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2023, 12, 31), in_conflict=True, document=document, source_line=20)
    return area


def test_sections_by_family_with_a_chart_per_indicator(client, bac_giang):
    response = client.get(reverse("indicators:area", args=["24"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="family-party_members"' in html and 'id="family-staff"' in html
    assert html.index('id="family-party_members"') < html.index('id="family-staff"')
    charts = figures(html)
    # The first family comes with the page; the others name their indicators and load on demand.
    assert set(charts) == {"party.members.total"}
    names = [trace["name"] for trace in charts["party.members.total"]["data"]]
    assert names == ["Bắc Giang", "Mục tiêu"]
    assert "plotly/plotly.min.js" in html and "js/charts.js" in html
    staff = html[html.index('id="family-staff"'):]
    assert 'data-charts-src="/areas/24/families/staff/"' in staff and "Tinh giản biên chế" in staff and 'href="?family=staff#family-staff"' in staff


def test_a_family_section_loads_its_charts_from_its_own_url(client, bac_giang):
    fragment = client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()
    assert fragment.startswith('<div class="chart-grid">') and set(figures(fragment)) == {"staff.reduced"}
    assert 'id="chart-staff-0"' in fragment  # ids apart from the page's own charts
    # Without JavaScript, the section's link gives the same charts in the page.
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=staff").content.decode()
    assert set(figures(html)) == {"staff.reduced"} and 'data-charts-src="/areas/24/families/party_members/"' in html


@pytest.mark.parametrize("path", ["/areas/24/families/weather/", "/areas/24/families/elections/",
                                  "/areas/nowhere/families/staff/"])
def test_family_fragment_of_nothing_is_404(client, bac_giang, path):
    assert client.get(path).status_code == 404


def test_unknown_family_parameter_is_400_in_plain_text(client, bac_giang):
    response = client.get(reverse("indicators:area", args=["24"]), {"family": "<script>alert(1)</script>"})
    assert response.status_code == 400 and response["Content-Type"].startswith("text/plain")
    assert "<script>alert(1)</script>" in response.content.decode()  # as text, never run as HTML


def test_breakdowns_are_tabulated_beside_the_chart(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    table = html[html.index('class="breakdown-table"'):]
    table = table[:table.index("</table>")]
    assert "<td>Bắc Giang · sex=female</td>" in table and "40.000" in table and "31/12/2024" in table


def test_indicators_made_for_one_report_table_are_listed_not_drawn(client, bac_giang):
    local = make_indicator(code="local.party_members.bieu_6", name_vi="Biểu số 6: thống kê đảng viên")
    local.in_catalogue = False
    local.save()
    for row in range(3):
        make_observation(indicator=local, area=bac_giang, value=str(row), breakdown=f"row={row}")
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    assert "local.party_members.bieu_6" not in figures(html)
    tables = html[html.index('id="report-tables"'):]
    assert ('<a href="/observations/?area=24&amp;indicator=local.party_members.bieu_6">'
            "Biểu số 6: thống kê đảng viên</a></td><td class=\"number\">3</td>") in tables


def test_points_carry_value_date_source_and_a_link_to_it(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    total = figures(html)["party.members.total"]["data"][0]
    assert total["x"] == ["2020-09-30", "2024-12-31"]  # the rejected number is not drawn
    value, date, source, quote, status, url = total["customdata"][1]
    assert (value, date) == ("89.455", "31/12/2024")
    assert source.startswith("Báo cáo tổng kết công tác xây dựng Đảng") and "(dòng 10)" in source
    assert quote == "“với 89.455 đảng viên”"
    document_id = bac_giang.documents.get().pk
    assert url == f"/documents/{document_id}/#L10"
    assert "customdata[2]" in total["hovertemplate"] and "customdata[3]" in total["hovertemplate"]


def test_verified_extracted_and_conflicting_points_look_different(client, bac_giang):
    charts = figures(client.get(reverse("indicators:area", args=["24"])).content.decode())
    charts.update(figures(client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()))
    assert charts["party.members.total"]["data"][0]["marker"]["symbol"] == ["circle", "circle-open"]
    assert charts["staff.reduced"]["data"][0]["marker"]["symbol"] == ["x"]
    assert "mâu thuẫn nguồn" in charts["staff.reduced"]["data"][0]["customdata"][0][4]


def test_party_congress_terms_are_shaded_and_labelled(client, bac_giang):
    layout = figures(client.get(reverse("indicators:area", args=["24"])).content.decode())["party.members.total"]["layout"]
    assert [(s["x0"], s["x1"]) for s in layout["shapes"]] == [("2015-10-01", "2020-09-30"), ("2020-10-01", "2025-09-30")]
    assert [a["text"] for a in layout["annotations"]] == ["Nhiệm kỳ 2015-2020", "Nhiệm kỳ 2020-2025"]
    assert layout["separators"] == ",."


def test_term_table_has_start_end_change_percent_and_target(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    table = html[html.index('class="term-table"'):]
    table = table[:table.index("</table>")]
    row = table[table.index("<th scope=\"row\">2020-2025"):]
    assert "84.000" in row and "89.455" in row and "+5.455" in row and "6,49%" in row and "90.000" in row


def test_chart_data_download_and_accessible_table(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    link = ('/observations/export.csv?area=24&amp;children=false&amp;lineage=true&amp;rejected=false'
            '&amp;indicator=party.members.total')
    assert f'href="{link}"' in html
    # Exactly the points drawn: not the rejected number the chart leaves out.
    body = b"".join(client.get(link.replace("&amp;", "&")).streaming_content).decode("utf-8-sig")
    assert sorted(row["value"] for row in csv.DictReader(io.StringIO(body))) == ["40000", "84000", "89455", "90000"]
    assert "<details class=\"chart-data\">" in html and "<summary>Bảng số liệu: Tổng số đảng viên</summary>" in html
    assert 'aria-label="Biểu đồ Tổng số đảng viên; bảng số liệu ở dưới"' in html


def test_english_hover_labels(client, bac_giang):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("indicators:area", args=["24"]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    total = figures(html)["party.members.total"]
    assert total["data"][0]["customdata"][1][:2] == ["89,455", "31 Dec 2024"]
    assert total["layout"]["separators"] == ".,"


def test_districts_are_listed_with_their_own_pages(client, terms):
    tay_son = Area.objects.get(key="547")
    make_observation(indicator=make_indicator(), area=tay_son, value="5210", day=dt.date(2022, 6, 30))
    html = client.get(reverse("indicators:area", args=["52"])).content.decode()
    assert '<a href="/areas/547/">Huyện Tây Sơn</a> <span class="badge">có số liệu</span>' in html
    assert '<a href="/areas/548/">' in html  # An Nhơn: listed, no data yet
    district = client.get(reverse("indicators:area", args=["547"])).content.decode()
    assert '<a href="/areas/52/">Tỉnh Bình Định</a>' in district and "5.210" in district


def test_merged_province_shows_its_predecessors_series(client, terms):
    # From the gazetteer: on 1/7/2025 Bắc Giang and the old Bắc Ninh became the new Bắc Ninh.
    bac_giang, old_bac_ninh, new_bac_ninh = (Area.objects.get(key=key) for key in ("24", "27", "24-2025"))
    members = make_indicator()
    make_observation(indicator=members, area=bac_giang, value="89455", day=dt.date(2024, 12, 31))
    make_observation(indicator=members, area=old_bac_ninh, value="70000", day=dt.date(2024, 12, 31))
    make_observation(indicator=members, area=new_bac_ninh, value="160000", day=dt.date(2025, 12, 31))
    html = client.get(reverse("indicators:area", args=["24-2025"])).content.decode()
    names = sorted(trace["name"] for trace in figures(html)["party.members.total"]["data"])
    assert names == ["Bắc Giang (trước sáp nhập)", "Bắc Ninh", "Bắc Ninh (trước sáp nhập)"]
    assert "được hình thành từ sáp nhập" in html and 'href="/areas/24/"' in html
    # The chart's own data link gives exactly the points it draws: the predecessors', no communes.
    make_observation(indicator=members, area=Area.objects.filter(parent=new_bac_ninh).first(), value="3000")
    link = re.search(r'href="(/observations/export\.csv\?[^"]*indicator=party\.members\.total)"', html)[1]
    body = b"".join(client.get(link.replace("&amp;", "&")).streaming_content).decode("utf-8-sig")
    assert sorted(row["value"] for row in csv.DictReader(io.StringIO(body))) == ["160000", "70000", "89455"]


def test_area_without_data_says_so(client, terms):
    response = client.get(reverse("indicators:area", args=["52"]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa có số liệu cho địa bàn này" in html and "plotly.min.js" not in html


def test_unknown_area_is_a_helpful_404(client, bac_giang):
    response = client.get(reverse("indicators:area", args=["bac-giang"]))
    assert response.status_code == 404
    html = response.content.decode()
    assert "Không tìm thấy địa bàn" in html
    assert '<form class="search" action="/" method="get" role="search">' in html
    assert 'href="/">Về trang chủ</a>' in html
    assert '<a href="/areas/24/">Tỉnh Bắc Giang</a>' in html  # "bac-giang" read as a name


def test_query_count_is_fixed_however_much_data(client, bac_giang, django_assert_max_num_queries):
    for number in range(20):
        indicator = make_indicator(code=f"other.count.{number}", family="other", unit="other", name_vi=f"Khác {number}")
        for year in range(2005, 2025):
            make_observation(indicator=indicator, area=bac_giang, value=str(year * number), day=dt.date(year, 12, 31))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("indicators:area", args=["24"]) + "?family=other")
    assert len(figures(response.content.decode())) == 20
    with django_assert_max_num_queries(10):
        response = client.get(reverse("indicators:area_family", args=["24", "other"]))
    assert len(figures(response.content.decode())) == 20


def test_the_default_page_costs_the_same_queries_whatever_the_families(client, bac_giang, django_assert_max_num_queries):
    for number, family in enumerate(["staff", "admin_units", "public_bodies", "discipline", "cadres", "other"] * 3):
        indicator = make_indicator(code=f"{family}.extra.{number}", family=family, unit="unit", name_vi=f"Thêm {number}")
        make_observation(indicator=indicator, area=bac_giang, value=str(number + 1), day=dt.date(2023, 12, 31))
    with django_assert_max_num_queries(10):
        html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    assert html.count('data-charts-src="/areas/24/families/') == 6  # every other family, loaded on demand


def test_changes_over_periods_of_other_lengths_are_points_not_a_line(client, terms):
    area = Area.objects.get(key="24")
    admitted = make_indicator(code="party.members.admitted", kind="flow", name_vi="Đảng viên mới kết nạp")
    make_observation(indicator=admitted, area=area, value="8807", period_start=dt.date(2020, 10, 1),
                     period_end=dt.date(2024, 3, 12))
    make_observation(indicator=admitted, area=area, value="2600", period_start=dt.date(2023, 1, 1),
                     period_end=dt.date(2023, 12, 31))
    members = make_indicator()
    for year in (2021, 2022):
        make_observation(indicator=members, area=area, value=str(80000 + year), day=dt.date(year, 12, 31))
    charts = figures(client.get(reverse("indicators:area", args=["24"])).content.decode())
    assert charts["party.members.admitted"]["data"][0]["mode"] == "markers"
    assert charts["party.members.total"]["data"][0]["mode"] == "lines+markers"
