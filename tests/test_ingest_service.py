"""reports.services.document_ingest: place, indicators, areas, versions, atomicity, conflicts."""
import datetime as dt
import types
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import DatabaseError, IntegrityError, OperationalError
from django.db.models import Count

from indicators.gazetteer import find_area_by_key
from indicators.models import Area, Indicator, Observation
from reports import quality, reading, services
from reports.decoding import ReportRejected
from reports.extraction.document import ExtractedDocument
from reports.extraction.facts import ExtractionWarning, Fact
from reports.extraction.metadata import DocumentMetadata
from reports.models import Document, DocumentWarning
from reports.services import document_ingest, local_indicator_code
from tests.test_decoding import cp1258_bytes

SAMPLE_001 = next(Path(__file__).resolve().parents[1].glob("reports/samples/001_*.txt"))
DAY = dt.date(2024, 3, 12)

pytestmark = pytest.mark.django_db


@pytest.fixture
def areas():
    """Real units from the loaded gazetteer: Bình Định with Tây Sơn district, Bắc Giang with Lục Nam."""
    return types.SimpleNamespace(
        binh_dinh=find_area_by_key("52"), bac_giang=find_area_by_key("24"),
        tay_son=find_area_by_key("547"), luc_nam=find_area_by_key("218"),
    )


def fact(value, *, line=3, code="public.service_units", family="public_bodies", unit="unit", day=DAY, **fields):
    return Fact(line=line, quote=f"{value} đơn vị", value=Decimal(value), family=family, unit=unit,
                period_start=fields.pop("period_start", day), period_end=fields.pop("period_end", day),
                indicator_code=code, **fields)


def extracted_with(monkeypatch, facts, *, warnings=(), places=(("Bắc Giang", "province"),), reference_date=DAY,
                   terms=()):
    """Make extract_document return these facts, so a test states exactly what was read."""
    def extract(text, date=None, on_stage=None):
        lines = text.split("\n")
        return ExtractedDocument(
            metadata=DocumentMetadata(issuer="Tỉnh ủy Bắc Giang", date=reference_date, reference_date=reference_date,
                                      places=list(places), title="Báo cáo thử", terms=list(terms)),
            facts=list(facts), warnings=list(warnings), lines=lines)
    monkeypatch.setattr(reading, "extract_document", extract)  # inherited by the forked reader


def observation_rows(document):
    return sorted(Observation.objects.filter(document=document).values_list(
        "indicator__code", "area__name", "period_start", "period_end", "breakdown", "value", "source_line"))


def test_sample_001_is_placed_in_tay_son_through_its_issuer(areas):
    summary = document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes())
    document = Document.objects.get()
    assert summary.outcome == services.CREATED and summary.document_id == document.pk
    assert document.area == areas.tay_son and summary.area_name == "Huyện Tây Sơn"
    assert document.issuer == "Ban Thường vụ Huyện ủy Tây Sơn"
    stored = dict(Observation.objects.filter(document=document).values_list("indicator__family")
                  .annotate(n=Count("id")).order_by())
    assert summary.observations_by_family == stored and summary.observation_count >= 30
    assert Observation.objects.get(document=document, indicator__code="party.members.total", source_line=13).value == 4663


def test_report_naming_no_known_place_needs_the_users_word(areas):
    data = "BÁO CÁO\nngày 30 tháng 6 năm 2022\nHiện nay, Đảng bộ có 4.663 đảng viên.\n".encode()
    with pytest.raises(ReportRejected, match="--province"):
        document_ingest(file_name="no-place.txt", data=data)
    assert not Document.objects.exists()
    summary = document_ingest(file_name="no-place.txt", data=data, province="Bình Định")
    assert summary.area_name == "Tỉnh Bình Định"


def test_users_district_wins(areas):
    summary = document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes(), province="Bình Định",
                              district="Tây Sơn")
    assert Document.objects.get(pk=summary.document_id).area == areas.tay_son


def test_unknown_province_is_refused_and_nothing_written(areas):
    with pytest.raises(ReportRejected, match="unknown province “Atlantis”"):
        document_ingest(file_name=SAMPLE_001.name, data=SAMPLE_001.read_bytes(), province="Atlantis")
    assert not Document.objects.exists() and not Observation.objects.exists()


def test_text_without_numbers_is_refused(areas):
    with pytest.raises(ReportRejected, match="no numbers"):
        document_ingest(file_name="a.txt", data="Báo cáo không có số liệu.".encode())
    assert not Document.objects.exists()


@pytest.mark.parametrize("encode", [lambda t: t.encode("utf-16"), cp1258_bytes], ids=["utf-16", "windows-1258"])
def test_re_encoded_twins_give_the_same_observations(areas, encode):
    text = SAMPLE_001.read_text(encoding="utf-8")
    first = document_ingest(file_name="001.txt", data=text.encode("utf-8"))
    original = observation_rows(first.document_id)
    twin = document_ingest(file_name="001.txt", data=encode(text), replace=True)
    assert twin.outcome == services.REPLACED and twin.document_id == first.document_id
    assert observation_rows(twin.document_id) == original and len(original) >= 30


def test_same_bytes_again_change_nothing(areas, django_assert_max_num_queries):
    data = SAMPLE_001.read_bytes()
    first = document_ingest(file_name=SAMPLE_001.name, data=data)
    ids = set(Observation.objects.values_list("id", flat=True))
    with django_assert_max_num_queries(6):
        again = document_ingest(file_name="copy.txt", data=data)
    assert again.outcome == services.ALREADY_INGESTED and again.document_id == first.document_id
    assert "already ingested" in again.outcome_text
    assert again.observations_by_family == first.observations_by_family
    assert set(Observation.objects.values_list("id", flat=True)) == ids and Document.objects.count() == 1


def test_new_version_replaces_observations_and_warnings(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1010"), fact("857", line=4, code="public.agencies")],
                   warnings=[ExtractionWarning(5, "broken_cell", "#REF!")])
    document_ingest(file_name="report.txt", data=b"v1 1010 857")
    extracted_with(monkeypatch, [fact("1012")])
    with pytest.raises(services.NewVersionNeedsConsent, match="choose “replace the stored version”"):
        document_ingest(file_name="report.txt", data=b"v2 1012")  # not without the editor's word
    assert Document.objects.get().text == "v1 1010 857" and Observation.objects.count() == 2
    summary = document_ingest(file_name="report.txt", data=b"v2 1012", replace=True)
    document = Document.objects.get()
    assert summary.outcome == services.REPLACED and document.text == "v2 1012"
    assert list(Observation.objects.values_list("value", flat=True)) == [Decimal("1012")]
    assert not DocumentWarning.objects.exists()
    (old,) = document.versions.all()  # the old version stays readable: its text and its numbers
    assert (old.number, old.text, sorted(r["value"] for r in old.observations)) == (1, "v1 1010 857", ["1010", "857"])


def test_failure_part_way_leaves_the_database_as_before(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1010")])
    document_ingest(file_name="report.txt", data=b"v1 1010")
    before = (list(Document.objects.values()), list(Observation.objects.values()), list(Indicator.objects.values()))

    def explode(**kwargs):
        raise RuntimeError("disk full")
    monkeypatch.setattr(quality, "document_conflicts_detect", explode)
    extracted_with(monkeypatch, [fact("1012"), fact("5", code=None, concept="tổ dân phố mới")])
    with pytest.raises(RuntimeError):
        document_ingest(file_name="report.txt", data=b"v2 1012", replace=True)
    after = (list(Document.objects.values()), list(Observation.objects.values()), list(Indicator.objects.values()))
    assert after == before


def test_dry_run_reports_and_saves_nothing(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1010"), fact("3", code="party.members.total", family="party_members",
                                                    unit="party_member")])
    summary = document_ingest(file_name="report.txt", data=b"1010 3", dry_run=True)
    assert summary.dry_run and summary.document_id is None
    assert summary.observations_by_family == {"public_bodies": 1, "party_members": 1}
    assert not Document.objects.exists() and not Observation.objects.exists() and not Indicator.objects.exists()


def test_catalogue_code_maps_to_its_indicator_and_other_concepts_get_a_local_one(areas, monkeypatch):
    extracted_with(monkeypatch, [
        fact("1010"),
        fact("7", code=None, family="admin_units", concept="Tổ dân phố sáp nhập", day=None,
             period_start=dt.date(2023, 1, 1), period_end=dt.date(2023, 12, 31)),
    ])
    document_ingest(file_name="report.txt", data=b"1010 7")
    catalogue = Indicator.objects.get(code="public.service_units")
    assert catalogue.in_catalogue and catalogue.family == "public_bodies"
    local = Indicator.objects.get(in_catalogue=False)
    assert local.code == "local.admin_units.unit.to_dan_pho_sap_nhap" == local_indicator_code(
        family="admin_units", unit="unit", concept="Tổ dân phố sáp nhập")
    assert local.name_vi == "Tổ dân phố sáp nhập" and local.kind == Indicator.FLOW
    assert local_indicator_code(family="staff", unit="person", concept="Đảng đoàn") == "local.staff.person.dang_doan"


def test_breakdown_is_stored_in_canonical_order(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("12", breakdown={"sex": "nữ", "age": "dưới 30"})])
    document_ingest(file_name="report.txt", data=b"12")
    assert Observation.objects.get().breakdown == "age=dưới 30; sex=nữ"


def test_place_named_in_a_sentence_is_resolved_within_the_province_or_kept_with_a_warning(areas, monkeypatch):
    extracted_with(monkeypatch, [
        fact("40", area_name="Lục Nam", area_level=Area.DISTRICT),
        fact("41", line=4, area_name="Tây Sơn", area_level=Area.DISTRICT),  # in another province
    ])
    summary = document_ingest(file_name="report.txt", data=b"40 41")
    by_value = {o.value: o.area for o in Observation.objects.all()}
    assert by_value == {Decimal("40"): areas.luc_nam, Decimal("41"): areas.bac_giang}
    [warning] = [w for w in summary.warnings if w.code == "area_unresolved"]
    assert warning.line == 4 and "Tây Sơn" in warning.message
    assert DocumentWarning.objects.filter(code="area_unresolved", line=4).exists()


def test_conflict_across_documents_flags_both_and_names_the_other_source(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1010", line=35), fact("857", line=36, code="public.agencies")])
    document_ingest(file_name="000.txt", data=b"1010 857")
    extracted_with(monkeypatch, [fact("1012", line=120), fact("857", line=121, code="public.agencies")])
    summary = document_ingest(file_name="003.txt", data=b"1012 857")
    [conflict] = summary.conflicts
    assert conflict.line == 120 and "1010" in conflict.message and "000.txt" in conflict.message
    assert sorted(Observation.objects.filter(in_conflict=True).values_list("value", flat=True)) == [
        Decimal("1010"), Decimal("1012")]
    assert DocumentWarning.objects.get(code="conflict").document.file_name == "003.txt"


def test_replacing_the_conflicting_version_clears_the_other_documents_flag(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1010")])
    document_ingest(file_name="000.txt", data=b"1010")
    extracted_with(monkeypatch, [fact("1012")])
    document_ingest(file_name="003.txt", data=b"1012")
    assert Observation.objects.filter(in_conflict=True).count() == 2
    extracted_with(monkeypatch, [fact("1010")])
    summary = document_ingest(file_name="003.txt", data=b"corrected 1010", replace=True)
    assert not summary.conflicts and not Observation.objects.filter(in_conflict=True).exists()


def test_undated_fact_takes_the_documents_date_with_a_warning(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("9", day=None)])
    summary = document_ingest(file_name="report.txt", data=b"9")
    observation = Observation.objects.get()
    assert observation.period_start == observation.period_end == DAY
    assert [w.code for w in summary.warnings] == ["dated_by_document"]


def test_a_rate_never_joins_a_count_indicator(areas, monkeypatch):
    rate = fact("8,2".replace(",", "."), code="party.members.total", family="party_members", unit="percent",
                concept="tỷ lệ đảng viên người dân tộc thiểu số")
    extracted_with(monkeypatch, [rate, fact("89455", line=4, code="party.members.total", family="party_members",
                                            unit="party_member")])
    document_ingest(file_name="rates.txt", data="Có 89.455 đảng viên, bằng 8,2%.".encode())
    codes = dict(Observation.objects.values_list("value", "indicator__code"))
    assert codes[Decimal("89455")] == "party.members.total"
    assert codes[Decimal("8.2")] != "party.members.total"
    assert Indicator.objects.get(code=codes[Decimal("8.2")]).unit == "percent"


def test_a_change_over_a_period_never_joins_a_stock_indicator(areas, monkeypatch):
    change = fact("153", code="public.service_units", period_start=dt.date(2020, 1, 1), period_end=DAY)
    extracted_with(monkeypatch, [fact("857", line=4), change])
    document_ingest(file_name="changes.txt", data="Còn 857 đơn vị, giảm 153 đơn vị.".encode())
    codes = dict(Observation.objects.values_list("value", "indicator__code"))
    assert codes[Decimal("857")] == "public.service_units"
    change_indicator = Indicator.objects.get(code=codes[Decimal("153")])
    assert change_indicator.kind == Indicator.FLOW and "thay đổi" in change_indicator.name_vi


def test_the_terms_of_a_report_are_those_it_names_that_had_begun_by_its_date(areas, monkeypatch):
    from indicators.services import terms_load

    terms_load()
    extracted_with(monkeypatch, [fact("857")], terms=["2020-2025", "2025-2030", "2021-2026", "2026-2031"])
    summary = document_ingest(file_name="terms.txt", data=b"Bao cao 857 don vi")
    assert summary.terms == ["2020-2025", "2021-2026"]  # 2025-2030 and 2026-2031 are only being prepared


def test_different_numbers_a_text_gives_with_no_breakdown_keep_the_first_as_the_total(areas, monkeypatch):
    extracted_with(monkeypatch, [
        fact("21", line=25, code="public.agencies"), fact("1", line=25, code="public.agencies"),
        fact("21", line=40, code="public.agencies"),  # the same number again is the same statement
        fact("20", line=25, code="public.agencies", breakdown={"subset": "sở"}),
    ])
    summary = document_ingest(file_name="agencies.txt", data=b"Cap tinh tong so 21 co quan")
    rows = sorted(Observation.objects.values_list("value", "breakdown", "source_line"))
    assert rows == [(1, "unattributed=1 đơn vị", 25), (20, "subset=sở", 25), (21, "", 25), (21, "", 40)]
    [warning] = [w for w in summary.warnings if w.code == "unattributed_numbers"]
    assert warning.line == 25 and "giữ 21" in warning.message and "1 (dòng/line 25)" in warning.message


def test_the_users_date_dates_the_report_and_the_same_bytes_with_a_new_date_are_read_again(areas, monkeypatch):
    text = "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()
    undated = document_ingest(file_name="undated.txt", data=text)
    assert undated.observation_count == 0 and any(w.code == "undated_fact" for w in undated.warnings)
    dated = document_ingest(file_name="undated.txt", data=text, date=dt.date(2024, 3, 12))
    assert dated.outcome == services.REPLACED and dated.reference_date == dt.date(2024, 3, 12)
    assert Observation.objects.get().period_end == dt.date(2024, 3, 12) and Document.objects.count() == 1
    again = document_ingest(file_name="undated.txt", data=text, date=dt.date(2024, 3, 12))
    assert again.outcome == services.ALREADY_INGESTED


def test_a_reports_own_date_wins_over_a_date_given_and_the_summary_says_so(areas):
    text = "Bắc Giang, ngày 12 tháng 3 năm 2024\nĐảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()
    summary = document_ingest(file_name="dated.txt", data=text, date=dt.date(2024, 3, 20))
    assert summary.reference_date == dt.date(2024, 3, 12)
    assert any(w.code == "date_given_unused" and "20/03/2024" in w.message for w in summary.warnings)
    again = document_ingest(file_name="dated.txt", data=text, date=dt.date(2025, 1, 1))  # no re-reading
    assert again.outcome == services.ALREADY_INGESTED and Observation.objects.get().period_end == dt.date(2024, 3, 12)


def test_dating_a_report_anew_keeps_the_place_it_was_given(areas):
    text = "Toàn đảng bộ hiện có 4.663 đảng viên.".encode()
    document_ingest(file_name="tay_son.txt", data=text, province="Bình Định", district="Tây Sơn",
                    date=dt.date(2022, 6, 1))
    redated = document_ingest(file_name="tay_son.txt", data=text, date=dt.date(2022, 6, 29))
    assert redated.outcome == services.REPLACED and redated.area_name == "Huyện Tây Sơn"
    assert Observation.objects.get().period_end == dt.date(2022, 6, 29)


def test_a_report_naming_several_districts_of_one_province_is_about_the_province(areas):
    text = ("Cập nhật lúc 08:00, Thứ Hai, 04/03/2024\nĐảng bộ huyện Lục Nam kết nạp 120 đảng viên; "
            "huyện Lục Ngạn kết nạp 95 đảng viên; huyện Lục Nam có thêm 3 chi bộ.").encode()
    assert document_ingest(file_name="news.txt", data=text).area_name == "Tỉnh Bắc Giang"


def test_an_approximate_number_gives_way_to_an_exact_one_as_the_total(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("900", line=5, qualifier="gần"), fact("895", line=9)])
    document_ingest(file_name="approx.txt", data=b"gan 900 don vi, 895 don vi")
    assert sorted(Observation.objects.values_list("value", "qualifier", "breakdown")) == [
        (895, "", ""), (900, "gần", "unattributed=900 đơn vị")]


def test_a_district_named_far_more_than_its_neighbour_is_the_reports_place(areas):
    text = ("Cập nhật lúc 08:00, Thứ Hai, 04/03/2024\nHuyện Lục Nam có 1.200 đảng viên; huyện Lục Nam kết nạp "
            "120 đảng viên; huyện Lục Nam có 30 chi bộ, giáp huyện Lục Ngạn.").encode()
    assert document_ingest(file_name="luc_nam.txt", data=text).area_name == "Huyện Lục Nam"


def test_a_city_named_like_a_district_may_be_a_province_level_city(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("12", area_name="Hồ Chí Minh", area_level=Area.DISTRICT)])
    document_ingest(file_name="report.txt", data=b"TP Ho Chi Minh 12")
    assert Observation.objects.get().area.key == "79"  # the city as it was on the report's date (2024)


def test_a_district_name_never_becomes_a_province_that_is_no_city(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("12", area_name="Bắc Giang", area_level=Area.DISTRICT)],
                   places=(("Bình Định", "province"),))
    summary = document_ingest(file_name="report.txt", data=b"Bac Giang 12")
    assert Observation.objects.get().area == areas.binh_dinh  # kept under the report's province, with a warning
    assert any(w.code == "area_unresolved" for w in summary.warnings)


# --- every failure a message (issue 10, item 3) ----------------------------------------------

def test_a_number_beyond_any_count_is_a_warning_and_the_rest_is_stored(areas, monkeypatch):
    # 25 digits would not even fit Decimal's context when quantized to DECIMAL(20, 4)
    extracted_with(monkeypatch, [fact("1234567890123456789012345", line=4), fact("Infinity", line=5),
                                 fact("NaN", line=6), fact("9999999999999999", line=7), fact("999999999999999", line=8),
                                 fact("89455", line=9)])
    summary = document_ingest(file_name="giant.txt", data=b"1234567890123456789012345 don vi; 89455 don vi")
    # 16 digits would come back from SQLite as 10^16, which DECIMAL(20, 4) cannot read: refused too
    assert sorted(Observation.objects.values_list("value", "source_line")) == [(89455, 9), (999999999999999, 8)]
    stored = DocumentWarning.objects.filter(code="value_out_of_range")
    assert sorted(stored.values_list("line", flat=True)) == [4, 5, 6, 7]
    assert all("not stored" in w.message and "không lưu" in w.message for w in stored)
    assert summary.observation_count == 2 and not summary.nothing_stored


def test_a_reversed_or_impossible_period_is_a_warning_and_the_rest_is_stored(areas, monkeypatch):
    extracted_with(monkeypatch, [
        fact("1234", line=4, period_start=dt.date(2025, 1, 1), period_end=dt.date(2020, 12, 31)),  # "2025 - 2020"
        fact("12", line=5, day=dt.date(1, 1, 1)),  # a year 0001 read from a code
        fact("7", line=6, period_start=dt.date(2020, 1, 1), period_end=dt.date(9999, 12, 31)),
        fact("89455", line=7),
    ])
    document_ingest(file_name="periods.txt", data=b"2025 - 2020: 1234 don vi; 89455 don vi")
    assert list(Observation.objects.values_list("value", flat=True)) == [89455]
    warnings = {w.line: w.message for w in DocumentWarning.objects.filter(code="period_impossible")}
    assert set(warnings) == {4, 5, 6}
    assert "reversed period (from 01/01/2025 to 31/12/2020): not stored" in warnings[4]
    assert "Thời kỳ ngược" in warnings[4] and "outside the years 1900–2100" in warnings[6]


def test_hostile_reports_through_the_real_reader_store_what_they_can(areas):
    header = "TỈNH ỦY BẮC GIANG\n\nBắc Giang, ngày 12 tháng 3 năm 2024\n\nBÁO CÁO\n\n"
    giant = header + "Toàn đảng bộ hiện có 1234567890123456789012345 đảng viên.\n\nToàn đảng bộ hiện có 89.455 đảng viên.\n"
    reversed_ = header + "Giai đoạn 2025 - 2020, kết nạp 1.234 đảng viên.\n\nToàn đảng bộ hiện có 89.455 đảng viên.\n"
    for name, text in (("giant.txt", giant), ("reversed.txt", reversed_)):
        summary = document_ingest(file_name=name, data=text.encode())
        document = Document.objects.get(file_name=name)
        assert Observation.objects.filter(document=document, value=89455).exists(), name
        assert not Observation.objects.filter(document=document, value__gte=10 ** 15).exists()
        assert summary.observation_count >= 1


def test_a_header_year_0000_is_refused_with_a_message_or_read(areas):
    text = "TỈNH ỦY BẮC GIANG\n\nBắc Giang, ngày 12 tháng 3 năm 0000\n\nBÁO CÁO\n\nToàn đảng bộ hiện có 89.455 đảng viên.\n"
    try:
        document_ingest(file_name="year0.txt", data=text.encode(), date=DAY)
    except ReportRejected as exc:  # the reader fails on it today (reports/extraction/metadata.py)
        assert " / " in str(exc) and "Traceback" not in str(exc)
        assert not Document.objects.exists()
    else:
        assert Observation.objects.filter(value=89455).exists()


def test_a_readers_own_failure_is_a_refusal_with_a_message_and_nothing_written(areas, monkeypatch):
    def extract(text, date=None, on_stage=None):
        raise ValueError("year 0 is out of range")
    monkeypatch.setattr(reading, "extract_document", extract)
    with pytest.raises(ReportRejected, match=r"the reader failed on this report \(ValueError: year 0 is out of range\)"):
        document_ingest(file_name="year0.txt", data=b"ngay 12 thang 3 nam 0000")
    assert not Document.objects.exists()


def database_failing(monkeypatch, manager, method, exc):
    def fail(*args, **kwargs):
        raise exc
    monkeypatch.setattr(manager, method, fail)


@pytest.mark.parametrize("target, exc", [
    ("observations", OperationalError("server closed the connection unexpectedly\n\tThis probably means...")),
    ("warnings", OperationalError("database or disk is full")),
    ("warnings", DatabaseError("could not extend file: No space left on device")),
])
def test_a_database_failure_mid_ingest_is_a_message_and_nothing_partial(areas, monkeypatch, target, exc):
    extracted_with(monkeypatch, [fact("12", line=4), fact("89455", line=5)])
    manager = Observation.objects if target == "observations" else DocumentWarning.objects
    database_failing(monkeypatch, manager, "bulk_create", exc)
    with pytest.raises(services.IngestFailed) as refused:
        document_ingest(file_name="report.txt", data=b"12 don vi; 89455 don vi")
    message = str(refused.value)
    assert message.startswith("Lỗi cơ sở dữ liệu (") and "the database failed (" in message
    assert "nothing was stored" in message and "\n" not in message and refused.value.status == 400
    assert isinstance(refused.value, ReportRejected)
    assert not (Document.objects.exists() or Observation.objects.exists() or DocumentWarning.objects.exists())


def competing_ingest(monkeypatch, **document):
    """Another ingest of the same file stores its Document after this one found none, before it writes."""
    real_read = services.report_read

    def read(file_name, data, **options):
        read = real_read(file_name, data, **options)
        Document.objects.create(size_bytes=len(data), text=read.text, area=find_area_by_key("24"), **document)
        return read
    monkeypatch.setattr(services, "report_read", read)


def test_a_concurrent_ingest_of_the_same_bytes_is_told_it_is_already_there(areas, monkeypatch):
    import hashlib
    data = "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()
    competing_ingest(monkeypatch, file_name="other-name.txt", sha256=hashlib.sha256(data).hexdigest())
    with pytest.raises(services.AlreadyIngesting) as refused:  # a real duplicate key on sha256
        document_ingest(file_name="a.txt", data=data, date=DAY)
    assert refused.value.status == 409
    assert "đã có" in str(refused.value) and "already there" in str(refused.value)
    assert "“other-name.txt”" in str(refused.value)
    assert list(Document.objects.values_list("file_name", flat=True)) == ["other-name.txt"]
    assert not Observation.objects.exists()


def test_an_integrity_error_that_is_no_duplicate_is_a_database_failure(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("12", line=4)])
    database_failing(monkeypatch, Observation.objects, "bulk_create", IntegrityError("CHECK constraint failed"))
    with pytest.raises(services.IngestFailed, match="CHECK constraint failed"):
        document_ingest(file_name="report.txt", data=b"12 don vi")
    assert not Document.objects.exists()


def test_a_report_from_which_nothing_could_be_stored_says_so(areas, monkeypatch):
    extracted_with(monkeypatch, [fact("1234567890123456789012345", line=4)])
    summary = document_ingest(file_name="nothing.txt", data=b"1234567890123456789012345 don vi")
    assert summary.nothing_stored and "nothing could be stored" in summary.nothing_stored_text
    assert DocumentWarning.objects.filter(code="value_out_of_range").exists()  # the reason is kept
