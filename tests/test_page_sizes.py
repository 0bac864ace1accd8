"""Page sizes are capped on every paged page and format: the explorer shows at most MAX_PER_PAGE rows
whatever `per_page=` asks, its JSON twin at most JSON_MAX_PAGE_SIZE; a page number or size that is not
a positive whole number is the default (HTML) or a 400/404 (JSON), never a 500. The CSV streams every
row by design: the reader who wants them all takes it."""
import csv
import datetime as dt
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.http import QueryDict
from django.urls import reverse

from indicators.models import Area, Observation
from indicators.views.exports import JSON_MAX_PAGE_SIZE
from indicators.views.explorer import MAX_PER_PAGE, PER_PAGE
from tests.factories import make_document, make_indicator

pytestmark = pytest.mark.django_db

EXPLORER, JSON_URL, CSV_URL = (reverse(f"indicators:{name}") for name in
                               ("observations", "observations_json", "observations_csv"))
ROWS = MAX_PER_PAGE + 100
NOT_POSITIVE_NUMBERS = ["abc", "-1", "0", "1.5", "", " ", "\x00", "9" * 5000, "1e9"]


@pytest.fixture
def many_rows(gazetteer):
    """More observations than the explorer's largest page, one a day."""
    province = Area.objects.get(key="24")
    indicator, document = make_indicator(), make_document(area=province)
    first_day = dt.date(2000, 1, 1)
    Observation.objects.bulk_create(
        Observation(indicator=indicator, area=province, document=document, value=Decimal(number),
                    period_start=first_day + dt.timedelta(days=number), period_end=first_day + dt.timedelta(days=number),
                    method=Observation.NARRATIVE)
        for number in range(ROWS))
    return ROWS


def table_rows(response) -> int:
    assert response.status_code == 200
    return len(re.findall(r'<tr id="row-\d+"', response.content.decode()))


def test_the_explorer_caps_per_page(client, many_rows):
    assert table_rows(client.get(EXPLORER, {"per_page": 1_000_000_000})) == MAX_PER_PAGE


def test_the_explorer_shows_as_many_rows_as_asked_within_the_cap_and_its_pages_keep_it(client, many_rows):
    response = client.get(EXPLORER, {"per_page": 120})
    assert table_rows(response) == 120
    html = response.content.decode()
    next_page = QueryDict(unescape(re.search(r'href="\?([^"]*)" rel="next"', html).group(1)))
    assert (next_page["page"], next_page["per_page"]) == ("2", "120")
    # The downloads have every row: no paging in their links.
    assert not re.search(r"export\.csv\?[^\"]*per_page", html)


@pytest.mark.parametrize("per_page", NOT_POSITIVE_NUMBERS)
def test_a_per_page_that_is_not_a_positive_number_is_the_default(client, many_rows, per_page):
    assert table_rows(client.get(EXPLORER, {"per_page": per_page})) == PER_PAGE


@pytest.mark.parametrize("page", NOT_POSITIVE_NUMBERS)
def test_a_page_that_is_not_a_positive_number_is_the_first(client, many_rows, page):
    first = client.get(EXPLORER).content.decode()
    shown = client.get(EXPLORER, {"page": page})
    assert table_rows(shown) == PER_PAGE
    assert re.findall(r'<tr id="row-(\d+)"', shown.content.decode()) == re.findall(r'<tr id="row-(\d+)"', first)


def test_a_page_past_the_end_is_the_last(client, many_rows):
    last_page_rows = ROWS - (ROWS - 1) // PER_PAGE * PER_PAGE
    assert table_rows(client.get(EXPLORER, {"page": 10**9})) == last_page_rows


def test_the_json_twin_caps_page_size(client, many_rows):
    body = client.get(JSON_URL, {"page_size": 1_000_000_000}).json()
    assert body["page_size"] == JSON_MAX_PAGE_SIZE
    assert len(body["rows"]) == min(ROWS, JSON_MAX_PAGE_SIZE)


@pytest.mark.parametrize("parameter", ["page", "page_size"])
@pytest.mark.parametrize("value", ["abc", "1.5", "\x00", "9" * 5000])
def test_the_json_twin_refuses_a_page_or_size_that_is_not_a_number_with_a_400(client, many_rows, parameter, value):
    response = client.get(JSON_URL, {parameter: value})
    assert response.status_code == 400
    assert "page" in response.json()["error"]


@pytest.mark.parametrize("page", ["0", "-1", str(10**9)])
def test_the_json_twin_has_no_page_before_the_first_or_past_the_last(client, many_rows, page):
    assert client.get(JSON_URL, {"page": page}).status_code == 404


def test_the_csv_streams_every_row_whatever_the_paging_says(client, many_rows):
    response = client.get(CSV_URL, {"per_page": 10, "page_size": 10, "page": 2})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert len(list(csv.DictReader(io.StringIO(body)))) == ROWS
