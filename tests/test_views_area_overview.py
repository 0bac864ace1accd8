"""The first screen of an area page: members, organisations, staff reduced over the term, units
before and after 01/07/2025, public bodies — each with its change, source line and trend."""
import datetime as dt
import re

import pytest
from django.urls import reverse

from indicators.models import Area, Indicator, Term
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


@pytest.fixture
def bac_giang():
    Term.objects.create(kind=Term.PARTY_CONGRESS, label="2020-2025", start=dt.date(2020, 10, 1), end=dt.date(2025, 9, 30))
    area = Area.objects.get(key="24")
    document = make_document(area=area, file_name="bac_giang.txt")
    members = make_indicator()
    make_observation(indicator=members, area=area, value="87107", day=dt.date(2020, 12, 31), document=document,
                     source_line=5)
    make_observation(indicator=members, area=area, value="89455", day=dt.date(2024, 3, 12), document=document,
                     source_line=10)
    orgs = make_indicator(code="party.orgs.grassroots", family="party_organizations", unit="organization",
                          name_vi="Tổ chức cơ sở đảng")
    make_observation(indicator=orgs, area=area, value="654", day=dt.date(2020, 12, 31), document=document, source_line=6)
    make_observation(indicator=orgs, area=area, value="581", day=dt.date(2024, 3, 12), document=document, source_line=11)
    staff = make_indicator(code="staff.reduced", family="staff", unit="person", kind=Indicator.FLOW,
                           name_vi="Tinh giản biên chế")
    for value, start, end, line in [("4207", dt.date(2016, 1, 1), dt.date(2021, 12, 31), 20),
                                    ("1224", dt.date(2020, 1, 1), dt.date(2023, 12, 31), 21),
                                    ("710", dt.date(2021, 1, 1), dt.date(2023, 12, 31), 22)]:
        make_observation(indicator=staff, area=area, value=value, period_start=start, period_end=end,
                         document=document, source_line=line)
    rate = make_indicator(code="staff.reduced_rate", family="staff", unit="percent", kind=Indicator.FLOW,
                          name_vi="Tỷ lệ tinh giản biên chế (%)")
    make_observation(indicator=rate, area=area, value="10.5", period_start=dt.date(2020, 1, 1),
                     period_end=dt.date(2023, 12, 31), document=document, source_line=23)
    units = make_indicator(code="public.service_units", family="public_bodies", unit="unit",
                           name_vi="Đơn vị sự nghiệp công lập")
    make_observation(indicator=units, area=area, value="1010", day=dt.date(2020, 1, 1), document=document, source_line=30)
    make_observation(indicator=units, area=area, value="857", day=dt.date(2023, 12, 31), document=document,
                     source_line=31)
    # Another source contradicts the closing value: the uncontested one still makes the term's change.
    make_observation(indicator=units, area=area, value="859", day=dt.date(2023, 12, 31), in_conflict=True,
                     source_line=40, document=document)
    return area


def overview_of(html: str) -> dict[str, str]:
    section = html[html.index('<section class="overview-section"'):]
    section = section[:section.index("</section>")]
    cards = re.findall(r'<article class="overview-card" id="overview-(\w+)".*?</article>', section, re.S)
    bodies = re.split(r'<article class="overview-card" id="overview-\w+"', section)[1:]
    return {key: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)) for key, body in zip(cards, bodies)}


def test_the_first_screen_answers_what_a_leader_asks_first(client, bac_giang):
    html = client.get(reverse("indicators:area", args=["24"])).content.decode()
    cards = overview_of(html)
    assert list(cards) == ["party_members", "party_organizations", "staff_reduced", "admin_units", "public_bodies"]
    assert "89.455" in cards["party_members"] and "+2.348 (+2,7%)" in cards["party_members"]
    assert "so với 31/12/2020 · nhiệm kỳ 2020-2025" in cards["party_members"]
    assert "581" in cards["party_organizations"] and "−73 (−11,16%)" in cards["party_organizations"]
    # Staff reduced: the term's periods that do not overlap, summed (1.224 for 2020-2023, not +710),
    # with the share of payroll the report gives for that period.
    assert "1.224" in cards["staff_reduced"] and "1.934" not in cards["staff_reduced"]
    assert "01/01/2020 – 31/12/2023 · nhiệm kỳ 2020-2025" in cards["staff_reduced"]
    assert "10,5% biên chế" in cards["staff_reduced"]
    assert "−153 (−15,15%)" in cards["public_bodies"]
    # Units from the gazetteer: Bắc Giang's communes on 30/06/2025 and those of the new Bắc Ninh.
    before = Area.objects.filter(level=Area.COMMUNE, parent__parent__key="24", valid_to=dt.date(2025, 6, 30)).count()
    after = Area.objects.filter(level=Area.COMMUNE, parent__key="24-2025").count()
    assert f"Trước 01/07/2025: {before}" in cards["admin_units"] and f"Từ 01/07/2025: {after}" in cards["admin_units"]
    # Each figure is a click from the line it was read from.
    document_id = bac_giang.documents.get().pk
    assert f'href="/documents/{document_id}/#L10" class="figure-number">89.455</a>' in html
    assert html.index('class="overview-section"') < html.index('id="family-party_members"')


def test_the_merged_province_shows_its_predecessors_figures(client, bac_giang):
    cards = overview_of(client.get(reverse("indicators:area", args=["24-2025"])).content.decode())
    assert "Bắc Giang (trước sáp nhập)" in cards["party_members"] and "89.455" in cards["party_members"]
    assert "1.224" in cards["staff_reduced"]


def test_english_overview(client, bac_giang):
    client.cookies["django_language"] = "en"
    cards = overview_of(client.get(reverse("indicators:area", args=["24"])).content.decode())
    assert "89,455" in cards["party_members"] and "+2,348 (+2.7%)" in cards["party_members"]
    assert cards["party_members"].startswith(' data-indicator="party.members.total"> Party members ')
    assert "Staff" in cards["staff_reduced"] and "10.5% of payroll" in cards["staff_reduced"]


def test_an_area_without_the_overviews_indicators_has_no_empty_cards(client, bac_giang):
    tay_son = Area.objects.get(key="547")
    other = make_indicator(code="discipline.cases", family="discipline", unit="case", name_vi="Vụ kỷ luật")
    make_observation(indicator=other, area=tay_son, value="3")
    html = client.get(reverse("indicators:area", args=["547"])).content.decode()
    cards = overview_of(html) if 'class="overview-section"' in html else {}
    assert "party_members" not in cards and "staff_reduced" not in cards


def test_a_flow_whose_latest_period_is_one_day_is_still_a_flow(client, bac_giang):
    staff = Indicator.objects.get(code="staff.reduced")
    make_observation(indicator=staff, area=bac_giang, value="50", day=dt.date(2024, 6, 30))
    response = client.get(reverse("indicators:area", args=["24"]))
    assert response.status_code == 200 and "1.224" in overview_of(response.content.decode())["staff_reduced"]
    assert client.get(reverse("indicators:home")).status_code == 200


def test_a_province_the_reorganisation_left_unchanged_counts_its_communes_after_it_too(client, bac_giang):
    members = Indicator.objects.get(code="party.members.total")
    ha_noi = Area.objects.get(level=Area.PROVINCE, valid_to__isnull=True, valid_from__isnull=True, short_name="Hà Nội")
    make_observation(indicator=members, area=ha_noi, value="400000")
    cards = overview_of(client.get(reverse("indicators:area", args=[ha_noi.key])).content.decode())
    after = Area.objects.filter(level=Area.COMMUNE, parent=ha_noi, valid_from=dt.date(2025, 7, 1)).count()
    assert after and f"Từ 01/07/2025: {after}" in cards["admin_units"]


def test_a_change_the_report_states_is_printed_alike_everywhere(client, bac_giang):
    """7 → 4.343 is beyond ±100 %: printed only because a flow of the same family states 4.336,
    on the overview and on the chart's term table alike."""
    orgs = Indicator.objects.get(code="party.orgs.grassroots")
    orgs.observations.all().delete()
    make_observation(indicator=orgs, area=bac_giang, value="7", day=dt.date(2020, 12, 31))
    make_observation(indicator=orgs, area=bac_giang, value="4343", day=dt.date(2024, 3, 12))
    card = overview_of(client.get(reverse("indicators:area", args=["24"])).content.decode())["party_organizations"]
    chart = client.get(reverse("indicators:area_family", args=["24", "party_organizations"])).content.decode()
    assert "+4.336" not in card and "cần rà soát" in chart  # nobody states it yet
    new = make_indicator(code="party.orgs.grassroots_new", family="party_organizations", unit="organization",
                         kind=Indicator.FLOW, name_vi="Tổ chức cơ sở đảng thành lập mới")
    make_observation(indicator=new, area=bac_giang, value="4336", period_start=dt.date(2021, 1, 1),
                     period_end=dt.date(2024, 3, 12))
    card = overview_of(client.get(reverse("indicators:area", args=["24"])).content.decode())["party_organizations"]
    chart = client.get(reverse("indicators:area_family", args=["24", "party_organizations"])).content.decode()
    assert "+4.336" in card and "+4.336" in chart


def test_a_contested_latest_value_with_no_other_at_its_date_is_shown_as_contested(client, bac_giang):
    members = Indicator.objects.get(code="party.members.total")
    make_observation(indicator=members, area=bac_giang, value="90100", day=dt.date(2024, 12, 31), in_conflict=True)
    card = overview_of(client.get(reverse("indicators:area", args=["24"])).content.decode())["party_members"]
    assert "90.100" in card and "nguồn khác ghi số khác" in card
