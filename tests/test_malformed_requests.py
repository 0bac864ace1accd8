"""Malformed paths and parameters are a 404 or a 400, never a 500, on SQLite and on PostgreSQL (which
refuses a NUL in a query; SQLite refuses a LIKE pattern past 50.000 bytes).

Every URL pattern with a path parameter is tried with each bad value in each parameter, the others
valid; every query parameter a page reads (the observation filters among them) with each bad value on
every page. A superuser asks, so that no page stops at a sign-in or a permission before reading them."""
import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import RoutePattern

from indicators.filters import ObservationFilterSet
from indicators.models import Area, Observation
from indicators.url_inputs import TEXT_MAX_LENGTH
from reports import jobs
from tests.factories import make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db

LONG = 50_000
# As they stand in a URL: percent-escaped where a browser would escape them.
BAD_VALUES = {
    "NUL": "%00",
    "NUL after a key": "24%00",
    "50.000 characters": "a" * LONG,
    "bytes that are not UTF-8": "%ff%fe",
    "an overlong UTF-8 slash": "%c0%af",
    "a UTF-16 surrogate": "%ed%a0%80",
    "a control character": "%01",
    "a percent sign": "%25",
}
# A query parameter's value is decoded with replacement characters: these are the ones that matter there.
BAD_QUERY_VALUES = {what: BAD_VALUES[what] for what in ("NUL", "50.000 characters", "bytes that are not UTF-8")}
# The query parameters the pages read, each tried on every page; the observation filters on the pages
# that take them (the explorer and its downloads), every one of them.
PAGE_PARAMETERS = ["q", "family", "level", "page", "per_page", "page_size", "hide", "header", "line",
                   "printed_page", "fragment", "document", "next"]
FILTERED_PAGES = ("explorer", "CSV", "Excel", "JSON")
# The site's own pages answer a bad path parameter with a 404; the admin's may redirect to its index.
OWN_NAMESPACES = ("indicators:", "reports:")
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@pytest.fixture
def site(gazetteer, django_user_model):
    """A province with a chart, a document, an upload's job, and a superuser's session."""
    province = Area.objects.get(key="24")
    indicator = make_indicator()
    document = make_document(area=province)
    make_observation(indicator=indicator, area=province, document=document, source_line=1,
                     status=Observation.VERIFIED)
    make_observation(indicator=indicator, area=province, value="90000", document=document, source_line=1,
                     day=dt.date(2024, 12, 31))
    job = jobs.job_create(file_name="report.txt", data="Đảng bộ tỉnh có 89.455 đảng viên.".encode())
    client = Client(raise_request_exception=False)  # a 500 is a status to report, not an exception
    client.force_login(django_user_model.objects.create_superuser("admin", password="x"))
    return {
        "client": client,
        "valid": {"key": "24", "family": indicator.family, "code": indicator.code, "document_id": document.pk,
                  "job_id": job.pk},
    }


def routes(patterns=None, prefix: str = "", namespace: str = ""):
    """(route, namespaced name) of every path() in the project, includes followed; re_path()s are left out,
    their regexes take only what they list (the admin's app labels)."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from routes(entry.url_patterns, route, inner)
        elif isinstance(entry, URLPattern):
            yield route, f"{namespace}{entry.name or ''}"


def with_parameters(route: str, values: dict[str, str]) -> str:
    return "/" + PARAMETER.sub(lambda match: str(values[match.group("name")]), route)


def status_of(client, url: str) -> int:
    response = client.get(url)
    if response.streaming:  # a CSV or Excel download fails, if at all, while it is written
        b"".join(response.streaming_content)
    return response.status_code


def test_every_path_parameter_refuses_bad_values_with_a_404(site):
    client, valid = site["client"], site["valid"]
    tried, problems = 0, []
    for route, name in routes():
        parameters = [match.group("name") for match in PARAMETER.finditer(route)]
        for parameter in parameters:
            for what, bad in BAD_VALUES.items():
                url = with_parameters(route, {**{p: valid.get(p, "1") for p in parameters}, parameter: bad})
                status = status_of(client, url)
                tried += 1
                own = name.startswith(OWN_NAMESPACES)
                if (own and status != 404) or status >= 500:
                    problems.append(f"{name} {parameter}={what}: {status} at {url[:120]}")
    assert tried > 100  # the admin's routes are walked too
    assert not problems, "\n".join(problems)


def pages(valid: dict) -> dict[str, str]:
    return {
        "home": "/",
        "area": f"/areas/{valid['key']}/",
        "area family": f"/areas/{valid['key']}/families/{valid['family']}/",
        "indicator": f"/indicators/{valid['code']}/",
        "explorer": "/observations/",
        "CSV": "/observations/export.csv",
        "Excel": "/observations/export.xlsx",
        "JSON": "/observations.json",
        "document": f"/documents/{valid['document_id']}/",
        "quality": "/quality/",
        "upload": "/upload/",
        "job": f"/upload/jobs/{valid['job_id']}/",
        "job JSON": f"/upload/jobs/{valid['job_id']}.json",
        "sign-in": reverse("login"),
    }


def test_every_query_parameter_refuses_bad_values_without_a_500(site):
    client = site["client"]
    problems = []
    for page, path in pages(site["valid"]).items():
        assert status_of(client, path) == 200, page
        filters = list(ObservationFilterSet.base_filters) if page in FILTERED_PAGES else []
        for parameter in dict.fromkeys([*filters, *PAGE_PARAMETERS]):
            for what, bad in BAD_QUERY_VALUES.items():
                status = status_of(client, f"{path}?{parameter}={bad}")
                if status not in (200, 400, 404):
                    problems.append(f"{page} {parameter}={what}: {status}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", ["/areas/%00/", "/indicators/%00/", "/areas/24/families/%00/",
                                  "/areas/" + "a" * LONG + "/", "/indicators/" + "a" * LONG + "/"])
def test_a_key_no_area_or_indicator_can_have_is_not_found(site, path):
    assert site["client"].get(path).status_code == 404


@pytest.mark.parametrize("query", ["a" * LONG, "bac\x00giang", "a" * (TEXT_MAX_LENGTH + 1)])
def test_an_impossible_search_is_a_400_that_says_why(site, query):
    response = site["client"].get("/", {"q": query})
    assert response.status_code == 400
    assert "Từ tìm kiếm quá dài hoặc có ký tự không hợp lệ" in response.content.decode()


def test_the_longest_acceptable_search_still_searches(site):
    assert site["client"].get("/", {"q": "bắc giang " * (TEXT_MAX_LENGTH // 10)}).status_code == 200


@pytest.mark.parametrize("area", ["24\x00", "a" * LONG])
def test_an_impossible_area_in_the_filters_is_a_400_naming_it(site, area):
    response = site["client"].get("/observations/", {"area": area})
    assert response.status_code == 400
    assert "Tên hoặc mã địa bàn không hợp lệ" in response.content.decode()
