"""End to end in a real headless Chromium (Debian's /usr/bin/chromium, no browser download):
the Bắc Giang page built from the real 2024 report, its charts, a hover label with the source,
the English switch and a chart's CSV download.

SCREENSHOTS=1 also saves the home, province, explorer and document pages to docs/screenshots/."""
import csv
import io
import os
import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = next(ROOT.glob("reports/samples/003_*.txt"))
SCREENSHOTS = ROOT / "docs" / "screenshots"


@pytest.fixture
def bac_giang_report(gazetteer):
    """The real Bắc Giang 2024 report, ingested the way an upload is."""
    from indicators.services import catalogue_load, terms_load
    from reports.services import document_ingest

    terms_load()
    catalogue_load()
    return document_ingest(file_name=SAMPLE.name, data=SAMPLE.read_bytes())



def open_family(page, family: str):
    """Unfold a family's section (folded under the overview) and wait for its charts to arrive."""
    section = page.locator(f"#family-{family}")
    if section.get_attribute("open") is None:
        section.locator(":scope > summary").click()
    section.locator(".chart-grid").wait_for(timeout=15000)
    return section


def point_of_value(chart, *, value: float):
    """The marker of the total series' point with this value (plotly draws them in data order)."""
    figure = chart.locator('script[type="application/json"]').text_content()
    index = json.loads(figure)["data"][0]["y"].index(value)
    return chart.locator("g.trace.scatter").first.locator("path.point").nth(index)


def hover_label_of_point(page, chart, *, value: float) -> str:
    """Hover the total series' point with this value; the hover label's text."""
    point = point_of_value(chart, value=value)
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    label = chart.locator(".hoverlayer .hovertext").first
    label.wait_for(state="visible", timeout=5000)
    return label.text_content()


def test_province_page_charts_hover_english_and_csv(live_server, bac_giang_report, browser, tmp_path):
    assert bac_giang_report.observation_count > 100
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="vi-VN")
    page = context.new_page()
    requested_hosts = set()
    page.on("request", lambda request: requested_hosts.add(urlparse(request.url).netloc))

    page.goto(f"{live_server.url}/areas/24/")
    open_family(page, "party_members")
    members = page.locator("figure.chart-block", has=page.locator('a[href="/indicators/party.members.total/"]'))
    members.scroll_into_view_if_needed()
    members.locator("svg.main-svg").first.wait_for(timeout=15000)
    assert page.locator("svg.main-svg").count() >= 2  # drawn by plotly, not just placeholders
    # Each family's charts arrive from the server when the reader opens it.
    staff = open_family(page, "staff")
    # Sections above it may have grown meanwhile: scroll to its first chart again, as a reader would.
    staff.locator(".chart").first.scroll_into_view_if_needed()
    staff.locator("svg.main-svg").first.wait_for(timeout=15000)
    assert staff.locator(".family-pending").count() == 0

    label = hover_label_of_point(page, members, value=89455)
    # The report gives 89.455 in its text (lines 10 and 178, at 12/03/2024) and in an appendix
    # table's total row (line 1137, at 31/12/2023): whichever point is under the mouse, its label
    # names that source.
    assert "89.455" in label and re.search(
        r"12/03/2024.*Nguồn: .*\(dòng (10|178)\)|31/12/2023.*Nguồn: .*\(dòng 1137\)", label), label
    assert "“" in label  # the quoted words

    # A click on the point opens the report at the line the number was read from, highlighted.
    box = point_of_value(members, value=89455).bounding_box()  # plotly's drag layer takes the events
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/documents/\d+/#L(10|178|1137)$"))
    line = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{line} mark", has_text="89.455").count() == 1
    page.go_back()
    open_family(page, "party_members")
    members = page.locator("figure.chart-block", has=page.locator('a[href="/indicators/party.members.total/"]'))
    members.scroll_into_view_if_needed()
    members.locator("svg.main-svg").first.wait_for(timeout=15000)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "en"
    open_family(page, "party_members")
    members = page.locator("figure.chart-block", has=page.locator('a[href="/indicators/party.members.total/"]'))
    members.scroll_into_view_if_needed()
    members.locator("svg.main-svg").first.wait_for(timeout=15000)
    label = hover_label_of_point(page, members, value=89455)
    assert "89,455" in label and re.search(
        r"12 Mar 2024.*Source: .*\(line (10|178)\)|31 Dec 2023.*Source: .*\(line 1137\)", label), label

    with page.expect_download() as download_info:
        members.get_by_role("link", name="Download this chart's data (CSV)").click()
    path = tmp_path / "chart.csv"
    download_info.value.save_as(path)
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    # Headed in the reader's language (English here); the chart's points only, no breakdowns.
    assert rows and {row["Indicator code"] for row in rows} == {"party.members.total"}, rows[0].keys()
    assert "89455" in {row["Value"] for row in rows}

    # Everything came from the app itself: nothing fetched from another host (intranet).
    assert requested_hosts == {urlparse(live_server.url).netloc}

    if os.environ.get("SCREENSHOTS"):
        save_screenshots(context, live_server.url, document_id=bac_giang_report.document_id)
    context.close()


def save_screenshots(context, base_url: str, *, document_id: int) -> None:
    """Home, a family opened on the province page, the explorer and the document page (the province's
    first screen on desktop and phone is saved by test_browser_province)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = context.new_page()
    page.goto(f"{base_url}/i18n/setlang/")  # any page: the cookie is reset below
    context.add_cookies([{"name": "django_language", "value": "vi", "url": base_url}])
    shots = {
        "home": "/",
        "province_party_members": "/areas/24/?family=party_members#family-party_members",
        "explorer": "/observations/?area=24&family=party_members",
        "document": f"/documents/{document_id}/#L10",
    }
    for name, path in shots.items():
        page.goto(base_url + path)
        if name == "province_party_members":
            for chart in page.locator(".chart[data-figure]").all():
                chart.scroll_into_view_if_needed()
            page.locator("svg.main-svg").first.wait_for(timeout=15000)
            page.wait_for_timeout(500)
            page.locator("#family-party_members").screenshot(path=str(SCREENSHOTS / f"{name}.png"))
            continue
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=name not in ("document", "explorer"))
    phone = context.browser.new_context(viewport={"width": 390, "height": 844}, locale="vi-VN")
    phone_page = phone.new_page()
    phone_page.goto(base_url + "/")
    phone_page.screenshot(path=str(SCREENSHOTS / "home_phone.png"))
    phone.close()


PAGE_WEIGHT_SCRIPT = """() => {
    const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
    return entries.map(e => ({name: e.name, transfer: e.transferSize, body: e.decodedBodySize}));
}"""


def test_province_page_weight_first_load_and_cached(live_server, bac_giang_report, browser):
    """Bytes over the wire for the Bắc Giang page: first visit, then a second visit with a warm cache."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    url = f"{live_server.url}/areas/24/?family=party_members"
    page.goto(url)
    page.locator("svg.main-svg").first.wait_for(timeout=15000)
    first = page.evaluate(PAGE_WEIGHT_SCRIPT)
    page.goto(f"{live_server.url}/")
    page.goto(url)
    page.locator("svg.main-svg").first.wait_for(timeout=15000)
    cached = page.evaluate(PAGE_WEIGHT_SCRIPT)
    context.close()

    first_bytes, cached_bytes = sum(e["transfer"] for e in first), sum(e["transfer"] for e in cached)
    print(f"\nprovince page weight: first load {first_bytes / 1024:.0f} KiB transferred "
          f"({sum(e['body'] for e in first) / 1024:.0f} KiB decoded), "
          f"cached revisit {cached_bytes / 1024:.0f} KiB")
    for entry in first:
        print(f"  {entry['transfer'] / 1024:8.0f} KiB  {urlparse(entry['name']).path}")
    plotly = next(e for e in first if e["name"].endswith("plotly.min.js"))
    assert plotly["body"] > 1_000_000  # the real library, served by the app
    assert cached_bytes < first_bytes / 5  # plotly.min.js and the CSS/JS come from the browser cache
