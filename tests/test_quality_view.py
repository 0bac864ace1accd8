"""reports:quality — conflicts with their sources, warnings grouped by document, filterable."""
import datetime as dt

import pytest
from django.urls import reverse

from reports.models import DocumentWarning
from tests.factories import make_area, make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


def test_empty_state(client):
    response = client.get(reverse("reports:quality"))
    assert response.status_code == 200
    assert "no conflicts" in response.content.decode() and "no warnings" in response.content.decode()


@pytest.fixture
def conflicting():
    area = make_area()
    indicator = make_indicator(code="public.service_units", family="public_bodies", unit="unit",
                               name_vi="Đơn vị sự nghiệp công lập")
    older = make_document(file_name="000.txt", area=area)
    newer = make_document(file_name="003.txt", area=area, text="003")
    quiet = make_document(file_name="quiet.txt", area=area, text="quiet")
    day = dt.date(2023, 12, 31)
    make_observation(indicator=indicator, area=area, value="857", day=day, document=older, source_line=35,
                     quote="857 đơn vị", in_conflict=True)
    make_observation(indicator=indicator, area=area, value="859", day=day, document=newer, source_line=120,
                     quote="859 đơn vị", in_conflict=True)
    DocumentWarning.objects.create(document=newer, line=120, code="conflict", message="857 ở 000.txt")
    DocumentWarning.objects.create(document=older, line=7, code="broken_cell", message="#REF! trong Biểu 2")
    DocumentWarning.objects.create(document=quiet, line=None, code="no_reference_date", message="không có ngày")
    return older, newer, quiet


def test_conflicts_show_each_value_with_its_source_link(client, conflicting, django_assert_max_num_queries):
    older, newer, _ = conflicting
    with django_assert_max_num_queries(4):
        response = client.get(reverse("reports:quality"))
    page = response.content.decode()
    assert "Đơn vị sự nghiệp công lập" in page and "Conflicts (1)" in page
    assert f'href="/documents/{older.pk}/#L35"' in page and f'href="/documents/{newer.pk}/#L120"' in page
    assert "857" in page and "859" in page and "31/12/2023" in page
    assert "#REF! trong Biểu 2" in page and "không có ngày" in page
    assert page.index("000.txt") < page.index("quiet.txt")


def test_filter_by_document(client, conflicting):
    older, newer, quiet = conflicting
    page = client.get(reverse("reports:quality"), {"document": quiet.pk}).content.decode()
    assert "Conflicts (0)" in page and "không có ngày" in page and "#REF!" not in page
    page = client.get(reverse("reports:quality"), {"document": older.pk}).content.decode()
    assert "Conflicts (1)" in page and "#REF!" in page and "không có ngày" not in page


def test_unknown_document_filter_shows_everything(client, conflicting):
    page = client.get(reverse("reports:quality"), {"document": "nope"}).content.decode()
    assert "Conflicts (1)" in page and "không có ngày" in page


def test_a_table_row_naming_an_indicator_is_listed_with_that_indicators_totals(client):
    area = make_area()
    total = make_indicator(code="public.service_units", family="public_bodies", unit="unit",
                           name_vi="Đơn vị sự nghiệp công lập")
    tally = make_indicator(code="local.public_bodies.unit.bieu_14", family="public_bodies", unit="unit",
                           name_vi="Biểu số 14: thống kê về sắp xếp")
    day = dt.date(2023, 12, 31)
    make_observation(indicator=total, area=area, value="857", day=day, document=make_document(file_name="000.txt", area=area),
                     source_line=35, in_conflict=True)
    make_observation(indicator=tally, area=area, value="859", day=day, namesake=total, in_conflict=True,
                     document=make_document(file_name="003.txt", area=area, text="003"), source_line=1556,
                     breakdown="row=… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập",
                     source_row="… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập")
    page = client.get(reverse("reports:quality")).content.decode()
    assert "Conflicts (1)" in page and "<code>public.service_units</code>" in page
    assert "hàng «… thực hiện sắp xếp / Số đơn vị sự nghiệp công lập» của bảng" in page
