"""The export_observations command: the CSV planners open in Excel."""
import csv
import datetime as dt
import io
import tracemalloc
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from indicators.exports import HEADER
from indicators.models import Observation
from tests.factories import make_area, make_document, make_indicator, make_observation

pytestmark = pytest.mark.django_db


def export(tmp_path, **filters) -> bytes:
    out = tmp_path / "export.csv"
    call_command("export_observations", output=str(out), **filters)
    return out.read_bytes()


def rows_of(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture
def bac_giang():
    return make_area(key="test-24", name="Tỉnh Bắc Giang", short_name="Bắc Giang")


def test_export_starts_with_bom_and_the_documented_header(tmp_path, bac_giang):
    data = export(tmp_path)
    assert data.startswith("\ufeff".encode("utf-8"))
    header = data.decode("utf-8-sig").splitlines()[0].split(",")
    assert header == HEADER
    for column in ["indicator_code", "indicator_name", "family", "unit", "area_code", "area_name", "area_level",
                   "period_start", "period_end", "value", "breakdown", "status", "source_document",
                   "source_line", "quote"]:
        assert column in header


def test_export_row_carries_source_and_plain_numbers(tmp_path, bac_giang):
    document = make_document(file_name="003_report.txt", area=bac_giang)
    make_observation(indicator=make_indicator(), area=bac_giang, value="89455", document=document,
                     source_line=10, quote="với 89.455 đảng viên")
    make_observation(indicator=make_indicator(code="staff.reduced.share", family="staff", unit="percent"),
                     area=bac_giang, value="15.15", period_start=dt.date(2020, 1, 1), period_end=dt.date(2023, 12, 31))
    rows = rows_of(export(tmp_path))
    by_code = {row["indicator_code"]: row for row in rows}
    member = by_code["party.members.total"]
    assert member["value"] == "89455"
    assert member["area_name"] == "Tỉnh Bắc Giang" and member["area_level"] == "province" and member["area_code"] == "24"
    assert member["source_document"] == "003_report.txt" and member["source_line"] == "10"
    assert member["quote"] == "với 89.455 đảng viên"
    assert member["period_start"] == member["period_end"] == "2023-12-31"
    share = by_code["staff.reduced.share"]
    assert (share["value"], share["period_start"], share["family"]) == ("15.15", "2020-01-01", "staff")


def test_export_escapes_cells_that_excel_would_run_as_formulas(tmp_path, bac_giang):
    indicator = make_indicator()
    for quote in ["=HYPERLINK(\"http://x\")", "+1", "-2 đảng viên", "@SUM(A1)"]:
        make_observation(indicator=indicator, area=bac_giang, quote=quote, source_line=len(quote))
    quotes = sorted(row["quote"] for row in rows_of(export(tmp_path)))
    assert quotes == sorted(["'=HYPERLINK(\"http://x\")", "'+1", "'-2 đảng viên", "'@SUM(A1)"])


def test_negative_values_stay_numbers(tmp_path, bac_giang):
    make_observation(indicator=make_indicator(), area=bac_giang, value="-22")
    assert rows_of(export(tmp_path))[0]["value"] == "-22"


def test_filters_select_rows_and_area_includes_its_children(tmp_path, bac_giang):
    district = make_area(key="test-213", level="district", name="Huyện Yên Thế", short_name="Yên Thế", parent=bac_giang)
    other = make_area(key="test-52", name="Tỉnh Bình Định", short_name="Bình Định")
    indicator = make_indicator()
    make_observation(indicator=indicator, area=district, value="1")
    make_observation(indicator=indicator, area=other, value="2")
    make_observation(indicator=indicator, area=bac_giang, value="3", day=dt.date(2019, 12, 31))
    assert sorted(r["value"] for r in rows_of(export(tmp_path, area="test-24"))) == ["1", "3"]
    assert [r["value"] for r in rows_of(export(tmp_path, area="test-24", date_from="2020-01-01"))] == ["1"]
    assert [r["value"] for r in rows_of(export(tmp_path, family="party_members", area="test-52"))] == ["2"]
    assert rows_of(export(tmp_path, family="staff")) == []
    assert [r["value"] for r in rows_of(export(tmp_path, area="test-24", children="false"))] == ["3"]


@pytest.mark.parametrize("option,value", [("area", "99999"), ("indicator", "no.such.code"), ("family", "weather"),
                                          ("date_from", "31/12/2023"), ("term", "1999-2004"), ("document", "424242"),
                                          ("children", "maybe")])
def test_unknown_filter_values_fail_naming_the_value(tmp_path, bac_giang, option, value):
    with pytest.raises(CommandError) as error:
        export(tmp_path, **{option: value})
    assert option in str(error.value) and value in str(error.value)


def peak_export_memory(path) -> int:
    tracemalloc.start()
    try:
        call_command("export_observations", output=str(path))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def add_rows(indicator, area, first: int, count: int):
    long_quote = "đảng viên " * 40  # ~400 characters a row, so the file outgrows the memory budget
    Observation.objects.bulk_create(
        Observation(indicator=indicator, area=area, period_start=dt.date(1990, 1, 1) + dt.timedelta(days=i),
                    period_end=dt.date(1990, 1, 1) + dt.timedelta(days=i), value=Decimal(i), method="import",
                    quote=long_quote)
        for i in range(first, first + count)
    )


def test_export_memory_stays_flat_as_rows_grow(tmp_path, bac_giang):
    indicator = make_indicator()
    add_rows(indicator, bac_giang, 0, 8_000)
    small_peak = peak_export_memory(tmp_path / "small.csv")
    add_rows(indicator, bac_giang, 8_000, 24_000)
    large_peak = peak_export_memory(tmp_path / "large.csv")
    large_size = (tmp_path / "large.csv").stat().st_size
    assert large_size > 3 * (tmp_path / "small.csv").stat().st_size
    # Four times the rows, the same working memory, and far less than the file itself.
    assert large_peak < 1.5 * small_peak, f"{small_peak / 1e6:.1f} MB → {large_peak / 1e6:.1f} MB"
    assert large_peak < large_size / 2, f"peak {large_peak / 1e6:.1f} MB for a {large_size / 1e6:.1f} MB file"


def test_postgresql_formats_the_export_exactly_as_python_does(tmp_path, bac_giang):
    if connection.vendor != "postgresql":
        pytest.skip("the database-formatted export is PostgreSQL's")
    from indicators.exports import csv_chunks, export_rows
    from indicators.exports_postgres import copy_csv

    document = make_document(file_name="báo cáo, \"bản 2\".txt", area=bac_giang)
    indicator = make_indicator()
    for i, quote in enumerate(["=1+1", "có 89.455 đảng viên", 'nói "có", rồi\nxuống dòng', "-5", "", "@x", "a\rb"]):
        make_observation(indicator=indicator, area=bac_giang, value=["1224", "15.15", "-22", "0", "0.5", "1e3", "7"][i],
                         document=document if i % 2 else None, source_line=i or None, quote=quote,
                         breakdown="sex=nữ" if i == 3 else "", in_conflict=i == 2,
                         period_start=dt.date(2020, 1, 1), period_end=dt.date(2023, 12, 31))
    queryset = Observation.objects.all()
    copied = io.BytesIO()
    copy_csv(queryset, copied)
    assert copied.getvalue() == b"".join(csv_chunks(export_rows(queryset)))


def test_postgresql_web_download_is_copy_in_batches_identical_to_python(bac_giang, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the database-formatted export is PostgreSQL's")
    from indicators import exports_postgres
    from indicators.exports import csv_chunks, export_rows

    indicator = make_indicator()
    for day in range(1, 8):  # several rows share a date: batches are cut by (date, id), never between equals
        for line in range(3):
            make_observation(indicator=indicator, area=bac_giang, value=str(day * 10 + line), source_line=line + 1,
                             quote=f"=dòng {line}", period_start=dt.date(2023, 1, day), period_end=dt.date(2023, 1, day))
    monkeypatch.setattr(exports_postgres, "COPY_BATCH_ROWS", 4)
    queryset = Observation.objects.filter(value__gte=20)  # a filter, as the explorer's
    chunks = list(exports_postgres.copy_csv_chunks(queryset))
    assert len(chunks) == 1 + 5  # the header, then 18 rows in batches of 4
    assert b"".join(chunks) == b"".join(csv_chunks(export_rows(queryset)))


@pytest.mark.django_db(transaction=True)
def test_postgresql_web_download_reads_one_snapshot_and_nothing_is_only_a_header(bac_giang, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the database-formatted export is PostgreSQL's")
    from indicators import exports_postgres

    indicator = make_indicator()
    for day in range(1, 6):
        make_observation(indicator=indicator, area=bac_giang, value=str(day), period_start=dt.date(2023, 1, day),
                         period_end=dt.date(2023, 1, day))
    monkeypatch.setattr(exports_postgres, "COPY_BATCH_ROWS", 2)
    chunks = exports_postgres.copy_csv_chunks(Observation.objects.all())
    header, first = next(chunks), next(chunks)
    # A report replaced while the download runs, by another connection (another request).
    import psycopg2

    settings = connection.settings_dict
    other = psycopg2.connect(dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"],
                             port=settings["PORT"] or 5432, password=settings["PASSWORD"] or None)
    other.autocommit = True
    with other.cursor() as cursor:
        cursor.execute("DELETE FROM indicators_observation WHERE value = 5")
    other.close()
    rows = (first + b"".join(chunks)).decode().splitlines()
    assert [row.split(",")[HEADER.index("value")] for row in rows] == ["1", "2", "3", "4", "5"]
    assert b"".join(exports_postgres.copy_csv_chunks(Observation.objects.filter(id__in=[]))) == header


def test_the_command_always_writes_the_column_codes(tmp_path, bac_giang):
    from django.utils import translation

    make_observation(indicator=make_indicator(), area=bac_giang)
    with translation.override("en"):
        assert export(tmp_path).decode("utf-8-sig").splitlines()[0].split(",") == HEADER
    with translation.override("vi"):
        assert export(tmp_path).decode("utf-8-sig").splitlines()[0].split(",") == HEADER


def test_the_command_takes_the_explorers_sort_and_an_area_by_name(tmp_path, gazetteer):
    from indicators.models import Area

    province = Area.objects.get(key="24")
    indicator = make_indicator()
    for value, day in [("1", dt.date(2020, 12, 31)), ("3", dt.date(2023, 12, 31)), ("2", dt.date(2021, 12, 31))]:
        make_observation(indicator=indicator, area=province, value=value, day=day)
    make_observation(indicator=indicator, area=province, value="9", breakdown="target=yes", day=dt.date(2030, 12, 31))
    assert [r["value"] for r in rows_of(export(tmp_path))] == ["1", "2", "3", "9"]  # by period end, as always
    assert [r["value"] for r in rows_of(export(tmp_path, sort="newest"))] == ["3", "2", "1", "9"]
    assert [r["value"] for r in rows_of(export(tmp_path, sort="-value"))] == ["9", "3", "2", "1"]
    assert len(rows_of(export(tmp_path, area="bac giang"))) == 4


def test_postgresql_sorted_and_localized_web_downloads_are_identical_to_python(bac_giang, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the database-formatted export is PostgreSQL's")
    from indicators import exports_postgres
    from indicators.exports import csv_chunks, export_columns, export_header, export_rows
    from indicators.filters import sorted_observations

    indicator = make_indicator()
    for day in range(1, 8):
        for line in range(3):
            make_observation(indicator=indicator, area=bac_giang, value=str(day * 10 + line), source_line=line + 1,
                             breakdown="target=yes" if line == 2 else "", quote=f"=dòng {line}",
                             period_start=dt.date(2023, 1, day), period_end=dt.date(2023, 1, day))
    monkeypatch.setattr(exports_postgres, "COPY_BATCH_ROWS", 4)
    columns = export_columns(["document"])
    header = export_header(columns, "vi")
    for sort in ("newest", "period_end", "-period_end", "-value", "area", "document"):
        queryset = sorted_observations(Observation.objects.filter(value__gte=20), sort)
        python = b"".join(csv_chunks(export_rows(queryset, columns), header=header))
        web = b"".join(exports_postgres.export_csv_chunks(queryset, columns=columns, header=header))
        assert web == python, sort
        assert python.decode("utf-8-sig").startswith("Mã chỉ tiêu,Tên chỉ tiêu,")
    newest = sorted_observations(Observation.objects.all(), "newest")
    assert exports_postgres.batched_parts(newest) is not None  # COPY batches, results then goals
    assert exports_postgres.batched_parts(sorted_observations(Observation.objects.all(), "-value")) is None
