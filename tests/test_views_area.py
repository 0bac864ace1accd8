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
    response = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members")
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
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    table = html[html.index('class="breakdown-table"'):]
    table = table[:table.index("</table>")]
    assert "<td>Female</td>" in table and "40.000" in table and "31/12/2024" in table


def test_report_tables_are_one_entry_per_table_grouped_by_document_and_folded(client, bac_giang):
    local = make_indicator(code="local.party_members.bieu_6", name_vi="Biểu số 6: thống kê đảng viên")
    local.in_catalogue = False
    local.save()
    document = bac_giang.documents.get()
    for row in range(3):  # three rows of one table, two columns each: one entry
        for column in ("2020", "2023"):
            make_observation(indicator=local, area=bac_giang, value=str(row), breakdown=f"row={row}",
                             document=document, source_table="Biểu số 6", source_line=100 + row, source_column=column)
    make_observation(indicator=local, area=bac_giang, value="7", document=document, source_table="Biểu số 7",
                     source_line=200)
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    assert "local.party_members.bieu_6" not in figures(html)
    tables = html[html.index('<details id="report-tables"'):]
    tables = tables[:tables.index("</details>")]
    assert tables.count("Báo cáo tổng kết công tác xây dựng Đảng") == 1  # one group per document
    assert f'<a href="/documents/{document.pk}/#L100" lang="vi">Biểu số 6</a></td><td class="number">6</td>' in tables
    assert f'<a href="/documents/{document.pk}/#L200" lang="vi">Biểu số 7</a></td><td class="number">1</td>' in tables
    assert " open" not in tables[:40]  # folded until the reader opens it


def test_points_carry_value_date_source_and_a_link_to_it(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    total = figures(html)["party.members.total"]["data"][0]
    assert total["x"] == ["2020-09-30", "2024-12-31"]  # the rejected number is not drawn
    value, date, source, quote, status, url, _flag = total["customdata"][1]
    assert (value, date) == ("89.455", "31/12/2024")
    assert source.startswith("Báo cáo tổng kết công tác xây dựng Đảng") and "(dòng 10)" in source
    assert quote == "“với 89.455 đảng viên”"
    document_id = bac_giang.documents.get().pk
    assert url == f"/documents/{document_id}/#L10"
    assert "customdata[2]" in total["hovertemplate"] and "customdata[3]" in total["hovertemplate"]


def test_verified_extracted_and_conflicting_points_look_different(client, bac_giang):
    charts = figures(client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode())
    charts.update(figures(client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()))
    assert charts["party.members.total"]["data"][0]["marker"]["symbol"] == ["circle", "circle-open"]
    staff = charts["staff.reduced"]["data"][0]
    assert staff["type"] == "bar" and staff["marker"]["color"] == ["#c62828"]  # in conflict: red
    assert "mâu thuẫn nguồn" in staff["customdata"][0][4]


def test_party_congress_terms_are_shaded_and_labelled(client, bac_giang):
    layout = figures(client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode())["party.members.total"]["layout"]
    bands = [s for s in layout["shapes"] if s["type"] == "rect"]
    assert [(s["x0"], s["x1"]) for s in bands] == [("2015-10-01", "2020-09-30"), ("2020-10-01", "2025-09-30")]
    assert [a["text"] for a in layout["annotations"]][:2] == ["Nhiệm kỳ 2015-2020", "Nhiệm kỳ 2020-2025"]
    assert layout["separators"] == ",."
    # The party congress that opened the term inside the data's span is marked, as is the reorganisation.
    marks = {a["text"] for a in layout["annotations"][2:]}
    assert marks == {"Đại hội Đảng bộ 2020", "Sắp xếp ĐVHC 01/07/2025"}


def test_a_term_has_the_same_colour_on_every_chart(client, bac_giang):
    charts = figures(client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode())
    charts.update(figures(client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()))
    fills = {code: {s["x0"]: s["fillcolor"] for s in chart["layout"]["shapes"] if s["type"] == "rect"}
             for code, chart in charts.items()}
    assert fills["party.members.total"]["2020-10-01"] == fills["staff.reduced"]["2020-10-01"]
    assert fills["party.members.total"]["2015-10-01"] != fills["party.members.total"]["2020-10-01"]


def test_flows_are_bars_over_their_periods_and_goals_are_dashed_to_their_horizon(client, bac_giang):
    charts = figures(client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode())
    charts.update(figures(client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()))
    staff = charts["staff.reduced"]["data"][0]
    assert staff["type"] == "bar" and staff["x"] == ["2022-07-02"]  # the middle of 2021-2023
    assert staff["width"] == [(dt.date(2023, 12, 31) - dt.date(2021, 1, 1)).days * 86_400_000 + 86_400_000]
    goal = next(trace for trace in charts["party.members.total"]["data"] if trace["name"].startswith("Mục tiêu"))
    # From the latest value before the goal to the goal at its horizon, dashed.
    assert goal["x"] == ["2024-12-31", "2025-09-30"] and goal["y"] == [89455.0, 90000.0]
    assert goal["line"]["dash"] == "dash"


def test_term_table_has_start_end_change_percent_and_target(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    table = html[html.index('class="term-table"'):]
    table = table[:table.index("</table>")]
    row = table[table.index("<th scope=\"row\">2020-2025"):]
    assert "84.000" in row and "89.455" in row and "+5.455" in row and "6,49%" in row and "90.000" in row


def test_chart_data_download_and_accessible_table(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    link = ('/observations/export.csv?area=24&amp;children=false&amp;lineage=true&amp;rejected=false'
            '&amp;indicator=party.members.total&amp;series=drawn')
    assert f'href="{link}"' in html
    # Exactly the points drawn: the totals and the goal, not the rejected number nor the breakdown
    # tabulated under the chart.
    body = b"".join(client.get(link.replace("&amp;", "&") + "&header=codes").streaming_content).decode("utf-8-sig")
    assert sorted(row["value"] for row in csv.DictReader(io.StringIO(body))) == ["84000", "89455", "90000"]
    assert "<details class=\"chart-data\">" in html and "<summary>Bảng số liệu: Tổng số đảng viên</summary>" in html
    assert 'aria-label="Biểu đồ Tổng số đảng viên; bảng số liệu ở dưới"' in html


def test_english_hover_labels(client, bac_giang):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members",
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    total = figures(html)["party.members.total"]
    assert total["data"][0]["customdata"][1][:2] == ["89,455", "31 Dec 2024"]
    assert total["layout"]["separators"] == ".,"


def test_districts_are_listed_with_their_own_pages(client, terms):
    tay_son = Area.objects.get(key="547")
    make_observation(indicator=make_indicator(), area=tay_son, value="5210", day=dt.date(2022, 6, 30))
    html = client.get(reverse("indicators:area", args=["52"])).content.decode()
    assert '<a href="/areas/547/" lang="vi">Huyện Tây Sơn</a> <span class="badge">có số liệu</span>' in html
    assert '<a href="/areas/548/" lang="vi">' in html  # An Nhơn: listed, no data yet
    district = client.get(reverse("indicators:area", args=["547"])).content.decode()
    assert '<a href="/areas/52/" lang="vi">Tỉnh Bình Định</a>' in district and "5.210" in district


def test_merged_province_shows_its_predecessors_series(client, terms):
    # From the gazetteer: on 1/7/2025 Bắc Giang and the old Bắc Ninh became the new Bắc Ninh.
    bac_giang, old_bac_ninh, new_bac_ninh = (Area.objects.get(key=key) for key in ("24", "27", "24-2025"))
    members = make_indicator()
    make_observation(indicator=members, area=bac_giang, value="89455", day=dt.date(2024, 12, 31))
    make_observation(indicator=members, area=old_bac_ninh, value="70000", day=dt.date(2024, 12, 31))
    make_observation(indicator=members, area=new_bac_ninh, value="160000", day=dt.date(2025, 12, 31))
    html = client.get(reverse("indicators:area", args=["24-2025"]) + "?family=party_members").content.decode()
    names = sorted(trace["name"] for trace in figures(html)["party.members.total"]["data"])
    assert names == ["Bắc Giang (trước sáp nhập)", "Bắc Ninh", "Bắc Ninh (trước sáp nhập)"]
    assert "được hình thành từ sáp nhập" in html and 'href="/areas/24/"' in html
    # The chart's own data link gives exactly the points it draws: the predecessors', no communes.
    make_observation(indicator=members, area=Area.objects.filter(parent=new_bac_ninh).first(), value="3000")
    link = re.search(r'href="(/observations/export\.csv\?[^"]*indicator=party\.members\.total[^"]*)"', html)[1]
    body = b"".join(client.get(link.replace("&amp;", "&") + "&header=codes").streaming_content).decode("utf-8-sig")
    assert sorted(row["value"] for row in csv.DictReader(io.StringIO(body))) == ["160000", "70000", "89455"]
    # Every link of the page reads the predecessors too: its CSV has the rows its charts draw.
    for name in ("observations_csv", "observations_xlsx", "observations_json", "observations"):
        assert f'href="{reverse("indicators:" + name)}?area=24-2025&amp;lineage=true"' in html
    page_csv = b"".join(client.get(reverse("indicators:observations_csv"),
                                   {"area": "24-2025", "lineage": "true", "header": "codes"}).streaming_content)
    values = {row["value"] for row in csv.DictReader(io.StringIO(page_csv.decode("utf-8-sig")))}
    assert {"160000", "70000", "89455"} <= values
    # …and the former province links to the one it went into.
    former = client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode()
    assert "Từ 01/07/2025, địa bàn này thuộc" in former and 'href="/areas/24-2025/"' in former


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
    assert '<a href="/areas/24/" lang="vi">Tỉnh Bắc Giang</a>' in html  # "bac-giang" read as a name


def test_query_count_is_fixed_however_much_data(client, bac_giang, django_assert_max_num_queries):
    for number in range(20):
        indicator = make_indicator(code=f"other.count.{number}", family="other", unit="other", name_vi=f"Khác {number}")
        for year in range(2005, 2025):
            make_observation(indicator=indicator, area=bac_giang, value=str(year * number), day=dt.date(year, 12, 31))
    with django_assert_max_num_queries(18):
        response = client.get(reverse("indicators:area", args=["24"]) + "?family=other")
    assert len(figures(response.content.decode())) == 20
    with django_assert_max_num_queries(10):
        response = client.get(reverse("indicators:area_family", args=["24", "other"]))
    assert len(figures(response.content.decode())) == 20


def test_the_default_page_costs_the_same_queries_whatever_the_families(client, bac_giang, django_assert_max_num_queries):
    for number, family in enumerate(["staff", "admin_units", "public_bodies", "discipline", "cadres", "other"] * 3):
        indicator = make_indicator(code=f"{family}.extra.{number}", family=family, unit="unit", name_vi=f"Thêm {number}")
        make_observation(indicator=indicator, area=bac_giang, value=str(number + 1), day=dt.date(2023, 12, 31))
    with django_assert_max_num_queries(18):
        html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    # Every family folded, none open, each loaded when opened: the overview is the first screen.
    assert html.count('data-charts-src="/areas/24/families/') == 7
    assert html.count('<details class="family"') == 7 and " open" not in html[html.index('<details class="family"'):]


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
    charts = figures(client.get(reverse("indicators:area", args=["24"]) + "?family=party_members").content.decode())
    assert charts["party.members.admitted"]["data"][0]["type"] == "bar"  # each over its own period
    assert charts["party.members.total"]["data"][0]["mode"] == "lines+markers"


def test_breakdown_labels_are_plain_words_and_unattributed_numbers_stay_off_the_page(client, bac_giang):
    staff = Observation.objects.get(indicator__code="staff.reduced").indicator
    for breakdown, value in [("reason=nghỉ hưu trước tuổi", "1059"), ("row=Công an", "12"),
                             ("part=total (denominator)", "3983"), ("subset=cán bộ <sup>29</sup> **cấp xã**", "31"),
                             ("unattributed=tịch UBND cấp huyện, cấp xã", "77")]:
        make_observation(indicator=staff, area=bac_giang, value=value, breakdown=breakdown,
                         period_start=dt.date(2021, 1, 1), period_end=dt.date(2023, 12, 31))
    html = client.get(reverse("indicators:area_family", args=["24", "staff"])).content.decode()
    table = html[html.index('class="breakdown-table"'):]
    table = table[:table.index("</table>")]
    labels = re.findall(r"<tr><td>(.*?)</td>", table)
    assert labels and not [label for label in labels if "=" in label or "&lt;" in label or "**" in label]
    assert "Lý do: nghỉ hưu trước tuổi" in labels and "Công an" in labels
    assert "77" not in table and "tịch UBND" not in html  # the quality page's matter


def test_a_leaders_page_can_show_verified_numbers_only(client, bac_giang):
    url = reverse("indicators:area", args=["24"])
    every = client.get(url, {"family": "party_members"}).content.decode()
    values = {v for points in figures(every).values() for trace in points["data"] for v in trace.get("y", [])}
    assert {84000, 89455} <= {int(v) for v in values if v is not None}
    verified = client.get(url, {"family": "party_members", "verified": "1"}).content.decode()
    drawn = figures(verified)
    values = {int(v) for points in drawn.values() for trace in points["data"] for v in trace.get("y", []) if v is not None}
    assert 84000 in values and 89455 not in values  # only the verified number is drawn
    assert "staff.reduced" not in drawn and "Chỉ hiện số liệu đã được xác minh." in verified
    # the exports of the page are of what it shows
    assert "status=verified" in verified and re.search(r'observations/export\.csv\?[^"]*status=verified', verified)
    fragment = client.get(reverse("indicators:area_family", args=["24", "party_members"]), {"verified": "1"})
    assert "89.455" not in fragment.content.decode()
