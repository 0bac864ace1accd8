"""indicators:observations_xlsx — the explorer's rows as an Excel sheet with typed cells."""
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse

from indicators import exports
from indicators.models import Area
from tests.factories import make_indicator, make_observation

pytestmark = pytest.mark.django_db
URL = reverse("indicators:observations_xlsx")


def sheet_xml(response) -> str:
    data = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        shared = archive.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in archive.namelist() else ""
        return archive.read("xl/worksheets/sheet1.xml").decode() + shared


@pytest.fixture
def data():
    area = Area.objects.get(key="24")
    make_observation(indicator=make_indicator(), area=area, value="89455", day=dt.date(2023, 12, 31),
                     quote="=SUM(A1) 89.455")
    make_observation(indicator=make_indicator(code="staff.reduced.share", family="staff", unit="percent"),
                     area=Area.objects.get(key="52"), value="15.15")


def test_typed_cells_for_the_filtered_rows(client, data):
    response = client.get(URL, {"area": "24"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'attachment; filename="observations-24.xlsx"' == response["Content-Disposition"]
    xml = sheet_xml(response)
    assert "<v>89455</v>" in xml  # a number cell, not text
    assert "<v>45291</v>" in xml  # 31/12/2023 as an Excel date serial
    assert "=SUM(A1) 89.455" in xml and "<f>" not in xml  # text, never a formula
    assert "15.15" not in xml  # the other area's row is filtered out


def test_empty_result_is_a_sheet_with_the_header(client, data):
    response = client.get(URL, {"date_from": "2030-01-01"})
    assert response.status_code == 200
    xml = sheet_xml(response)
    assert "Mã chỉ tiêu" in xml and "indicator_code" not in xml  # for people, in the reader's language
    assert "indicator_code" in sheet_xml(client.get(URL, {"date_from": "2030-01-01", "header": "codes"}))
    client.cookies["django_language"] = "en"
    assert "Indicator code" in sheet_xml(client.get(URL, {"date_from": "2030-01-01"}))


def test_sorted_and_without_hidden_columns(client, data):
    xml = sheet_xml(client.get(URL, {"sort": "value", "hide": "document", "header": "codes"}))
    assert xml.index("<v>15.15</v>") < xml.index("<v>89455</v>")
    assert "quote" not in xml and "=SUM(A1) 89.455" not in xml


def test_more_rows_than_a_sheet_holds_is_400(client, data, monkeypatch):
    monkeypatch.setattr("indicators.views.exports.XLSX_MAX_ROWS", 1)
    response = client.get(URL)
    assert response.status_code == 400
    assert "hơn 1 dòng" in response.content.decode() and "CSV" in response.content.decode()
    assert exports.XLSX_MAX_ROWS == 1_048_575


def test_bad_filter_is_400(client, data):
    response = client.get(URL, {"document": "abc"})
    assert response.status_code == 400 and "document" in response.content.decode()
