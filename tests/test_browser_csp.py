"""Every page under the Content-Security-Policy in a real headless Chromium: the policy is sent, the
browser reports no violation of it and no console error, and the pages with charts drew every one
(plotly.js writes its styles inline, which the policy allows for styles only).

A violation is seen twice: Chromium logs it to the console as an error, and the page fires a
"securitypolicyviolation" event, which a script added before any of the page's collects."""
import pytest
from django.urls import reverse

from tests.test_browser_pages import open_everything, site, upload_a_report  # noqa: F401 (site: a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COLLECT_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`
        + ` at ${event.sourceFile || event.documentURI}:${event.lineNumber}`);
});
"""


def upload_and_wait(page) -> None:
    """The job page of an upload still waiting for the worker: its script polls the job's JSON."""
    from tests.conftest_browser import SAMPLES

    page.set_input_files('input[type="file"]', str(next(p for p in SAMPLES if p.name.startswith("003_"))))
    with page.expect_navigation():
        page.locator('form.upload-form button[type="submit"]').click()
    with page.expect_response(lambda response: response.url.endswith(".json")):
        pass


def first_observation_id(site) -> int:
    from indicators.models import Observation

    return Observation.objects.filter(document_id=site["document_id"]).order_by("id").values_list("id", flat=True)[0]


# page -> (path built from the site's data, signed in, what to do once it is open, charts expected)
PAGES = {
    "home": (lambda site: "/", False, None, False),
    "province": (lambda site: "/areas/24/", False, open_everything, True),
    "merged_province": (lambda site: "/areas/24-2025/", False, open_everything, True),
    "district": (lambda site: f"/areas/{site['district_key']}/", False, open_everything, True),
    "indicator": (lambda site: "/indicators/party.members.total/", False, open_everything, True),
    "explorer": (lambda site: "/observations/", False, None, False),
    "document": (lambda site: f"/documents/{site['document_id']}/", False, None, False),
    "quality": (lambda site: "/quality/", False, None, False),
    "upload": (lambda site: "/upload/", True, None, False),
    "job_waiting": (lambda site: "/upload/", True, upload_and_wait, False),
    "job_done": (lambda site: "/upload/", True, upload_a_report, False),
    "verified_only": (lambda site: "/areas/24/?verified=1", False, open_everything, False),
    "document_to_review": (lambda site: f"/documents/{site['document_id']}/", True, None, False),
    "observation": (lambda site: f"/observations/{first_observation_id(site)}/", True, None, False),
    "quality_to_resolve": (lambda site: "/quality/", True, None, False),
    "audit": (lambda site: "/audit/", True, None, False),
    "sign_in": (lambda site: reverse("login"), False, None, False),
    "admin_login": (lambda site: "/admin/login/", False, None, False),
}


def charts_problem(page) -> str | None:
    """Every chart of the page drawn by plotly (an <svg> in a .js-plotly-plot). Each is brought into view
    and waited for: charts draw as they come into view, and a quick scroll past one may not draw it."""
    from playwright.sync_api import TimeoutError as Timeout

    charts = page.locator(".chart[data-figure]").all()
    if not charts:
        return "no chart on the page"
    undrawn = []
    for chart in charts:
        chart.scroll_into_view_if_needed()
        try:
            chart.locator("svg.main-svg").first.wait_for(timeout=5000)
        except Timeout:
            undrawn.append(chart.get_attribute("id"))
    if page.locator(".chart.js-plotly-plot").count() < len(charts):
        undrawn.append("(an element plotly did not mark)")
    return f"{len(undrawn)} of {len(charts)} charts not drawn: {', '.join(undrawn)}" if undrawn else None


def is_favicon(message) -> bool:
    # Chromium asks for /favicon.ico by itself on a page that names none (the admin's): not the page's doing.
    return message.location.get("url", "").endswith("/favicon.ico")


@pytest.mark.parametrize("name", PAGES)
def test_page_works_under_the_content_security_policy(name, site, live_server, browser):  # noqa: F811
    path_of, signed_in, action, has_charts = PAGES[name]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    if signed_in:
        context.add_cookies([{**site["session"], "url": live_server.url}])
    page = context.new_page()
    console_errors, page_errors = [], []
    page.on("console", lambda message: console_errors.append(message.text)
            if message.type == "error" and not is_favicon(message) else None)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.add_init_script(COLLECT_VIOLATIONS)

    response = page.goto(live_server.url + path_of(site))
    assert response.status == 200, f"{name}: {response.status}"
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "default-src 'self'" in policy, policy
    if action:
        action(page)
    page.wait_for_load_state("networkidle")

    problems = [f"console: {text}" for text in console_errors] + [f"script error: {text}" for text in page_errors]
    problems += [f"violation: {text}" for text in page.evaluate("window.cspViolations")]
    if has_charts and (charts := charts_problem(page)):
        problems.append(charts)
    context.close()
    assert not problems, f"{name}:\n    " + "\n    ".join(problems)
