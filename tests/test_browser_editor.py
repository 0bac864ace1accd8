"""An editor's day in Chromium: signs in through the site's own sign-in page, uploads a report of the
province granted, verifies one of its numbers and sees it drawn as verified on the province's chart; a
report of another province is refused."""
import re

import pytest

from indicators.models import Observation
from indicators.templatetags.number_format import format_stated_value
from reports.models import IngestJob
from tests.conftest_browser import SAMPLES
from tests.factories import make_editor
from tests.test_browser_upload import background_worker, catalogue  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "mat-khau-dai-1234"
DRAWN_SYMBOLS = """(family) => Array.from(document.querySelectorAll(`[data-family="${family}"] .js-plotly-plot, .js-plotly-plot`))
  .flatMap(plot => plot.data || []).flatMap(trace => [].concat((trace.marker || {}).symbol || []))"""


def sample(prefix: str):
    return next(path for path in SAMPLES if path.name.startswith(prefix))


def upload(page, live_server, path) -> IngestJob:
    page.goto(f"{live_server.url}/upload/")
    page.set_input_files('input[type="file"]', str(path))
    page.click('.upload-form button[type="submit"]')
    page.wait_for_url("**/upload/jobs/*/")
    page.wait_for_selector('.ingest-job[data-status="succeeded"], .ingest-job[data-status="failed"]', timeout=120_000)
    return IngestJob.objects.latest("pk")


def test_an_editor_signs_in_uploads_verifies_and_sees_the_number_drawn_verified(
        live_server, catalogue, background_worker, browser):  # noqa: F811
    make_editor("lan", provinces=["24"], password=PASSWORD)  # Bắc Giang
    page = browser.new_context(locale="vi-VN").new_page()
    page.goto(f"{live_server.url}/upload/")
    page.wait_for_url("**/accounts/login/?next=/upload/")
    page.fill("#id_username", "lan")
    page.fill("#id_password", PASSWORD)
    page.click('.login-form button[type="submit"]')
    page.wait_for_url("**/upload/")
    assert page.inner_text(".account-name") == "lan"

    job = upload(page, live_server, sample("000_"))
    assert job.status == "succeeded", job.message
    number = (Observation.objects.filter(document_id=job.document_id, area__key="24", breakdown="",
                                         in_conflict=False).select_related("indicator").order_by("id").first())
    family_url = f"{live_server.url}/areas/24/?family={number.indicator.family}"
    page.goto(family_url)
    page.wait_for_selector(".js-plotly-plot")
    assert "circle" not in page.evaluate(DRAWN_SYMBOLS, number.indicator.family)  # nothing verified yet

    page.goto(f"{live_server.url}/documents/{job.document_id}/?line={number.source_line}")
    page.click(f"#obs-{number.pk} a[href='/observations/{number.pk}/']")
    page.wait_for_url(f"**/observations/{number.pk}/")
    page.click("text=Xác minh: đúng với báo cáo")
    page.wait_for_selector(".messages")
    assert "Đã ghi nhận: Đã xác minh" in page.inner_text(".messages")
    assert re.search(r"Đã xác minh · lan", page.inner_text(".document-meta"))
    assert "verified" in page.inner_text("table.audit")

    page.goto(family_url)
    page.wait_for_selector(".js-plotly-plot")
    assert "circle" in page.evaluate(DRAWN_SYMBOLS, number.indicator.family)  # a filled marker: verified
    value = format_stated_value(number.value, number.indicator.unit, number.qualifier)
    rows = page.locator("figure table tr", has_text=value)  # the chart's own table of its points
    assert rows.filter(has_text="đã xác minh").count() >= 1, rows.all_inner_texts()

    refused = upload(page, live_server, sample("001_"))  # Tây Sơn, Bình Định
    assert refused.status == "failed"
    assert "Bạn không có quyền nhập báo cáo của Huyện Tây Sơn" in page.inner_text(".job-message")
