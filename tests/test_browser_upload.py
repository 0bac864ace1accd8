"""The upload in Chromium: the file is stored at once, the job's page follows the background worker
stage by stage (polling its JSON twin), then shows the numbers and the warnings; a failed job's retry."""
import threading
import time

import pytest
from django.db import connection
from django.test import Client

from reports import jobs
from reports.models import Document, IngestJob
from tests.conftest_browser import SAMPLES
from tests.test_ingest_jobs import worker
from tests.factories import make_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STAGE_PAUSE_SECONDS = 1.5  # each stage held this long, so the page's once-a-second poll sees every one


@pytest.fixture
def catalogue(gazetteer):
    from indicators.services import catalogue_load, terms_load

    terms_load()
    catalogue_load()


@pytest.fixture
def background_worker(monkeypatch):
    """django-tasks' worker loop in a thread with its own connection, as `make run` runs it beside the
    server; every stage it reports is held a moment, as a large report's would be."""
    real_ingest = jobs.document_ingest

    def slow_ingest(**options):
        def on_stage(stage):
            options["on_stage"](stage)
            time.sleep(STAGE_PAUSE_SECONDS)
        return real_ingest(**{**options, "on_stage": on_stage})
    monkeypatch.setattr(jobs, "document_ingest", slow_ingest)
    loop = worker(batch=False, interval=0.1)

    def work():
        try:
            loop.run()
        finally:
            connection.close()
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    yield loop
    loop.running = False
    thread.join(timeout=30)


def signed_in_page(browser, live_server, user):
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="vi-VN")
    context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}])
    return context.new_page()


@pytest.fixture
def editor(db):
    return make_editor(provinces=["24", "52"])  # Bắc Giang, Bình Định: the samples' provinces


def test_an_upload_shows_its_live_progress_then_its_summary(live_server, catalogue, editor, background_worker,
                                                            browser):
    page = signed_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/upload/")
    sample = next(path for path in SAMPLES if path.name.startswith("001_"))
    page.set_input_files('input[type="file"]', str(sample))
    page.click('.upload-form button[type="submit"]')
    page.wait_for_url("**/upload/jobs/*/")
    seen = set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and not page.locator(".ingest-summary").count():
        try:
            seen.add((page.locator(".job-stage-label").inner_text(timeout=1000),
                      page.locator(".job-progress").get_attribute("value", timeout=1000)))
        except Exception:  # the page reloading itself once the job is done
            pass
        time.sleep(0.2)
    page.wait_for_selector(".ingest-summary", timeout=30_000)
    labels = {label for label, _ in seen}
    assert {"Đã đọc các bảng", "Đã đọc lời văn", "Đang lưu và kiểm tra"} <= labels, seen
    assert len({value for _, value in seen}) >= 3  # the bar moved while the page stayed open
    assert "Đã nhập văn bản mới" in page.inner_text(".ingest-summary")
    assert page.locator(".job-stages li.reached").count() == len(jobs.STAGE_LABELS) - 1
    job = IngestJob.objects.get()
    assert job.status == "succeeded" and Document.objects.get().pk == job.document_id
    page.click("text=Xem văn bản và số liệu")
    page.wait_for_url(f"**/documents/{job.document_id}/")


def test_a_failed_upload_says_why_and_is_retried(live_server, catalogue, editor, background_worker, browser,
                                                 tmp_path):
    report = tmp_path / "khong-noi-tinh.txt"
    report.write_text("Toàn đảng bộ hiện có 89.455 đảng viên.", encoding="utf-8")  # names no province
    page = signed_in_page(browser, live_server, editor)
    page.goto(f"{live_server.url}/upload/")
    page.set_input_files('input[type="file"]', str(report))
    page.click('.upload-form button[type="submit"]')
    page.wait_for_selector(".job-message:not([hidden])", timeout=60_000)
    assert "hãy chỉ rõ tỉnh" in page.inner_text(".job-message")
    assert page.locator(".job-status-label").inner_text() == "Thất bại"
    page.click("text=Thử lại")
    page.wait_for_selector(".job-message:not([hidden])", timeout=60_000)
    assert page.locator(".job-attempts").inner_text() == "2"
    assert not Document.objects.exists()
