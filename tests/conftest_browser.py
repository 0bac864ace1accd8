"""What the browser tests share: Debian's Chromium driven by playwright, and the sample reports
ingested the way an upload does. Registered from tests/conftest.py."""
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted(ROOT.glob("reports/samples/*.txt"))
CHROMIUM = "/usr/bin/chromium"  # Debian's package (make browser), never a downloaded build
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture
def sample_reports(gazetteer):
    """The three sample reports, through the same service as an upload."""
    from indicators.services import catalogue_load, terms_load
    from reports.services import document_ingest

    terms_load()
    catalogue_load()
    return [document_ingest(file_name=path.name, data=path.read_bytes()) for path in SAMPLES]


@pytest.fixture
def browser():
    """Request it after the fixtures that write to the database: once playwright's loop runs, the ORM
    opens another connection that the test database's teardown cannot close."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian chromium is not installed (make browser)")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # playwright's sync API runs an event loop
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
