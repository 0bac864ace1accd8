"""Every page in a real headless Chromium (Debian's /usr/bin/chromium), at a desktop and a phone width:

(a) nothing is wider than the screen: document.documentElement.scrollWidth <= the viewport's width
    (wide tables scroll inside their own box, long words wrap), in Vietnamese and in English;
(b) in English, every visible text with Vietnamese letters sits inside an element whose closest
    [lang] is "vi" (area names, titles, quotes, report words), so that screen readers read it as
    Vietnamese and translation tools leave it alone.

One test per page, so that a failure names its page; the message lists the offending texts, or
the elements that stick out. The pages read the three sample reports, ingested as an upload does.

PAGE_SCREENSHOTS=<folder> also saves each page as seen, <page>-<language>-<width>.png.
"""
import os
import re
from pathlib import Path

import pytest

from tests.conftest_browser import SAMPLES
from tests.factories import make_editor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parent.parent
WIDTHS = (1366, 390)
HEIGHT = 900
SHOWN_AT_MOST = 30  # offending texts listed per page and width

VIETNAMESE_LETTERS = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹáàãéèíìóòõúùý"
VIETNAMESE_PATTERN = f"[{VIETNAMESE_LETTERS}{VIETNAMESE_LETTERS.upper()}]"
assert re.search(VIETNAMESE_PATTERN, "Tây Sơn") and not re.search(VIETNAMESE_PATTERN, "Party members")

# page -> (path built from the site's data, expected status, what to do once it is open)
PAGES = {
    "home": (lambda site: "/", 200, None),
    "province": (lambda site: "/areas/24/", 200, None),
    "merged_province": (lambda site: "/areas/24-2025/", 200, None),
    "district": (lambda site: f"/areas/{site['district_key']}/", 200, None),
    "indicator": (lambda site: "/indicators/party.members.total/", 200, None),
    "explorer": (lambda site: "/observations/", 200, None),
    "document": (lambda site: f"/documents/{site['document_id']}/", 200, None),
    "quality": (lambda site: "/quality/", 200, None),
    "upload": (lambda site: "/upload/", 200, None),
    "upload_summary": (lambda site: "/upload/", 200, "upload_a_report"),
    "area_not_found": (lambda site: "/areas/99999/", 404, None),
    "area_not_found_with_suggestions": (lambda site: "/areas/tay-son/", 404, None),
}

# The innermost elements that reach past the right edge, outside any box that scrolls them.
OVERFLOWING_SCRIPT = """(width) => {
    const sticking = [];
    for (const element of document.body.querySelectorAll('*')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) continue;
        let scroller = element.parentElement;
        while (scroller && scroller !== document.body && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(scroller).overflowX)) {
            scroller = scroller.parentElement;
        }
        if (scroller && scroller !== document.body) continue;
        sticking.push(element);
    }
    const innermost = sticking.filter(element => !sticking.some(other => other !== element && element.contains(other)));
    return innermost.slice(0, 8).map(element => {
        const classes = typeof element.className === 'string' && element.className.trim()
            ? '.' + element.className.trim().split(/\\s+/).join('.') : '';
        const text = (element.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 60);
        return `<${element.tagName.toLowerCase()}${element.id ? '#' + element.id : ''}${classes}> right edge `
            + `${Math.round(element.getBoundingClientRect().right)}px: "${text}"`;
    });
}"""

# Visible text nodes with Vietnamese letters whose closest [lang] is not "vi".
UNMARKED_VIETNAMESE_SCRIPT = """(pattern) => {
    const vietnamese = new RegExp(pattern, 'u');
    // "<td> in table.data-table in #ranking": the element and the nearest ancestors that name it
    const name = element => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '')
        + (typeof element.className === 'string' && element.className.trim() ? '.' + element.className.trim().split(/\\s+/).join('.') : '');
    const where = element => {
        const names = [`<${name(element)}>`];
        for (let up = element.parentElement; up && up !== document.body && names.length < 3; up = up.parentElement) {
            if (up.id || (typeof up.className === 'string' && up.className.trim())) names.push(name(up));
        }
        return names.join(' in ');
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const unmarked = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent.replace(/\\s+/g, ' ').trim();
        const parent = node.parentElement;
        if (!text || !vietnamese.test(text) || !parent || parent.closest('script, style, template, noscript')) continue;
        if (!parent.checkVisibility({visibilityProperty: true})) continue;
        const marked = parent.closest('[lang]');
        if (!marked || marked.getAttribute('lang') !== 'vi') unmarked.push(`${JSON.stringify(text.slice(0, 100))}  in ${where(parent)}`);
    }
    return [...new Set(unmarked)];
}"""

# Families whose charts load when the reader opens them (static/js/charts.js).
PENDING_SECTIONS = "details[data-charts-src], .family-pending"


@pytest.fixture
def site(sample_reports):
    """The three sample reports ingested as an upload does, and an editor's session."""
    from django.conf import settings
    from django.test import Client

    from reports.models import Document

    # A transactional test empties the tables it used, the data migration's editor group with them:
    # the permission itself is what the upload page asks for.
    editor = make_editor(provinces=["24", "52"])  # Bắc Giang, Bình Định: the samples' provinces
    client = Client()
    client.force_login(editor)
    district = Document.objects.select_related("area").get(file_name__startswith="001_").area
    assert district.short_name == "Tây Sơn"
    return {
        "district_key": district.key,
        "document_id": Document.objects.get(file_name__startswith="003_").pk,
        "session": {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value},
    }



def upload_a_report(page) -> None:
    """The job page after an upload: its summary and its warnings (the report is stored already,
    so the summary is the stored one's). The queued job is run here, as the worker would."""
    from tests.test_ingest_jobs import run_jobs

    page.set_input_files('input[type="file"]', str(next(p for p in SAMPLES if p.name.startswith("003_"))))
    with page.expect_navigation():
        page.locator('form.upload-form button[type="submit"]').click()
    run_jobs()
    page.reload()
    page.locator(".ingest-summary").wait_for()


def open_everything(page) -> None:
    """As a reader would: open every family (its charts come from the server) and every <details>
    inside (a chart's data table), scroll through so that every chart draws."""
    open_all = "document.querySelectorAll('details').forEach(details => { details.open = true; })"
    page.evaluate(open_all)
    for _ in range(60):
        page.wait_for_timeout(100)
        if not page.locator(PENDING_SECTIONS).count():
            break
    page.wait_for_load_state("networkidle")
    page.evaluate(open_all)
    for chart in page.locator(".chart[data-figure]").all():
        chart.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(200)


def open_page(browser, live_server, site, name: str, *, width: int, language: str):
    path_of, status, action = PAGES[name]
    context = browser.new_context(viewport={"width": width, "height": HEIGHT}, locale="vi-VN")
    context.add_cookies([
        {"name": "django_language", "value": language, "url": live_server.url},
        {**site["session"], "url": live_server.url},
    ])
    page = context.new_page()
    response = page.goto(live_server.url + path_of(site))
    assert response.status == status, f"{name}: {response.status} at {path_of(site)}"
    if action:
        globals()[action](page)
    open_everything(page)
    assert page.locator("html").get_attribute("lang") == language
    return context, page


def overflow_problem(page, name: str, *, width: int, language: str) -> str | None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width <= width:
        return None
    culprits = page.evaluate(OVERFLOWING_SCRIPT, width)
    return (f"{name} ({language}) at {width}px is {scroll_width}px wide; sticking out:\n    "
            + "\n    ".join(culprits or ["(no single element found)"]))


def unmarked_vietnamese_problem(page, name: str, *, width: int) -> str | None:
    unmarked = page.evaluate(UNMARKED_VIETNAMESE_SCRIPT, VIETNAMESE_PATTERN)
    if not unmarked:
        return None
    listed = "\n    ".join(unmarked[:SHOWN_AT_MOST])
    more = f"\n    … and {len(unmarked) - SHOWN_AT_MOST} more" if len(unmarked) > SHOWN_AT_MOST else ""
    return f"{name} (en) at {width}px: {len(unmarked)} Vietnamese texts outside lang=\"vi\":\n    {listed}{more}"


@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_and_marks_vietnamese_in_english(name, site, live_server, browser):
    problems = []
    for width in WIDTHS:
        for language in ("vi", "en"):
            context, page = open_page(browser, live_server, site, name, width=width, language=language)
            problems.append(overflow_problem(page, name, width=width, language=language))
            if os.environ.get("PAGE_SCREENSHOTS"):
                page.screenshot(path=str(Path(os.environ["PAGE_SCREENSHOTS"]) / f"{name}-{language}-{width}.png"),
                                full_page=True)
            if language == "en":
                problems.append(unmarked_vietnamese_problem(page, name, width=width))
            context.close()
    problems = [problem for problem in problems if problem]
    assert not problems, "\n".join(problems)
