"""The province page end to end in Chromium, on a desktop (1366 px) and a phone (390 px): the
overview's figures are the data's and on the first screen, each a click from its source line; no
page wider than the screen; a staff-reduction bar's hover names its period and quote; the merged
province's chart data is exactly what its chart draws."""
import csv
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "docs" / "screenshots"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
FIRST_SCREEN_ITEMS = ("party_members", "party_organizations", "staff_reduced", "admin_units")



def latest_total(code: str, area_key: str) -> Decimal:
    """The latest uncontested total, read straight from the table (not through the page's selectors)."""
    from indicators.models import Observation

    rows = Observation.objects.filter(indicator__code=code, area__key=area_key, breakdown="", in_conflict=False)
    return rows.exclude(status=Observation.REJECTED).order_by("-period_end", "id").values_list("value", flat=True)[0]


def vietnamese(value: Decimal) -> str:
    return f"{int(value):,}".replace(",", ".")


def no_horizontal_overflow(page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("device", VIEWPORTS)
def test_overview_is_the_data_on_the_first_screen(live_server, sample_reports, browser, device):
    viewport = VIEWPORTS[device]
    context = browser.new_context(viewport=viewport, locale="vi-VN")
    page = context.new_page()
    for key in ("24", "24-2025"):
        page.goto(f"{live_server.url}/areas/{key}/")
        for item in FIRST_SCREEN_ITEMS:
            number = page.locator(f"#overview-{item} .figure-number, #overview-{item} .figure-units strong").first
            box = number.bounding_box()
            assert box and box["y"] + box["height"] <= viewport["height"], (key, item, box)
        members = page.locator("#overview-party_members .figure-number").first.text_content()
        assert members == vietnamese(latest_total("party.members.total", "24")), key
        organisations = page.locator("#overview-party_organizations .figure-number").first.text_content()
        assert organisations == vietnamese(latest_total("party.orgs.grassroots", "24")), key
        assert no_horizontal_overflow(page), (key, device)
        if device == "desktop":
            height = page.evaluate("() => document.documentElement.scrollHeight")
            assert height < 5000, (key, height)
        if os.environ.get("SCREENSHOTS"):
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            name = "province" if key == "24" else "merged_province"
            page.screenshot(path=str(SCREENSHOTS / f"{name}_{device}.png"))
    if os.environ.get("SCREENSHOTS"):
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        page.goto(f"{live_server.url}/areas/24-2025/")
        page.screenshot(path=str(SCREENSHOTS / f"merged_province_{device}_en.png"))
        context.add_cookies([{"name": "django_language", "value": "vi", "url": live_server.url}])
    # A figure is a click from the line it was read from.
    page.goto(f"{live_server.url}/areas/24/")
    page.locator("#overview-party_members .figure-number").first.click()
    page.wait_for_url("**/documents/*/#L*")
    line = page.url.rsplit("#", 1)[1]
    page.locator(f"#{line} mark").first.wait_for(timeout=10000)
    assert "89.455" in page.locator(f"#{line}").text_content()
    context.close()


def open_family(page, family: str):
    section = page.locator(f"#family-{family}")
    section.locator(":scope > summary").click()
    section.locator(".chart-grid").wait_for(timeout=15000)
    return section


def test_hovering_a_staff_reduction_bar_shows_its_period_and_quote(live_server, sample_reports, browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/areas/24/")
    staff = open_family(page, "staff")
    chart = staff.locator("figure.chart-block", has=page.locator('a[href="/indicators/staff.reduced/"]'))
    chart.scroll_into_view_if_needed()
    chart.locator("svg.main-svg").first.wait_for(timeout=15000)
    figure = json.loads(chart.locator('script[type="application/json"]').text_content())
    bars = figure["data"][0]
    assert bars["type"] == "bar"
    index = bars["y"].index(1224.0)
    bar = chart.locator("g.trace.bars path").nth(index)
    bar.scroll_into_view_if_needed()
    box = bar.bounding_box()
    # Its first year: the bar of 2021-2023 (710) overlaps the rest of it.
    page.mouse.move(box["x"] + box["width"] * 0.1, box["y"] + box["height"] * 0.75)
    label = chart.locator(".hoverlayer .hovertext").first
    label.wait_for(state="visible", timeout=5000)
    text = label.text_content()
    assert "1.224" in text and "01/01/2020 – 31/12/2023" in text and "“" in text, text
    context.close()


def test_the_merged_provinces_chart_data_is_what_its_chart_draws(live_server, sample_reports, browser):
    context = browser.new_context(viewport=VIEWPORTS["desktop"], locale="vi-VN")
    page = context.new_page()
    page.goto(f"{live_server.url}/areas/24-2025/")
    section = open_family(page, "party_members")
    chart = section.locator("figure.chart-block", has=page.locator('a[href="/indicators/party.members.total/"]'))
    figure = json.loads(chart.locator('script[type="application/json"]').text_content())
    drawn = sorted((x, y) for trace in figure["data"] for x, y, data in zip(trace["x"], trace["y"], trace["customdata"])
                   if data and data[6] != "anchor")
    link = chart.get_by_role("link", name="Tải số liệu của biểu đồ (CSV)").get_attribute("href")
    body = page.request.get(f"{live_server.url}{link}&header=codes").text()
    rows = list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))
    exported = sorted((row["period_end"], float(row["value"])) for row in rows)
    assert exported == drawn and len(rows) >= 3
    # The page's own CSV link reads the predecessors: not the header alone.
    page_csv = page.locator('a:text-is("CSV")').first.get_attribute("href")
    assert "lineage=true" in page_csv
    assert len(page.request.get(f"{live_server.url}{page_csv}").text().splitlines()) > 100
    context.close()
