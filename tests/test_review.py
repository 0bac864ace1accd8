"""Review and the audit trail: numbers verified or rejected (one, a table, a conflict's choice) within
the reviewer's provinces, every step on record with its user, read back on the pages and as CSV."""
import csv
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from indicators.models import Observation
from reports import audit, review
from reports.models import Document
from reports.services import NotPermitted, document_ingest
from tests.factories import make_editor, make_indicator, make_observation

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[1] / "reports" / "samples"
BAC_GIANG_REPORT = next(SAMPLES.glob("000_*.txt"))
BAC_GIANG_TABLES = next(SAMPLES.glob("003_*.txt"))  # 26 appendix tables
TAY_SON_REPORT = next(SAMPLES.glob("001_*.txt"))


def ingest(path: Path, user=None):
    summary = document_ingest(file_name=path.name, data=path.read_bytes(), user=user)
    return Document.objects.get(pk=summary.document_id)


@pytest.fixture
def editor():
    return make_editor("lan", provinces=["24"])  # Bắc Giang


def test_an_editor_verifies_a_number_and_its_history_says_who(editor):
    document = ingest(BAC_GIANG_REPORT, user=editor)
    number = document.observations.first()
    assert review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                                      status=Observation.VERIFIED) == 1
    number.refresh_from_db()
    assert number.status == "verified" and number.reviewed_by == editor and number.reviewed_at
    entry, baseline = audit.audit_entries(kind="observation", object_id=number.pk)
    assert (entry.user, entry.action, entry.reason) == ("lan", "changed", "verified")
    assert ("status", "extracted", "verified") in entry.changes
    # before its first review, the number as ingestion wrote it: dated and signed as its ingestion was
    assert (baseline.user, baseline.action, baseline.reason, baseline.when) == ("lan", "created", "extracted",
                                                                                number.created_at)
    # the same review again changes nothing and records nothing
    assert review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                                      status=Observation.VERIFIED) == 0
    assert len(list(audit.audit_entries(kind="observation", object_id=number.pk))) == 2


def test_a_rejection_needs_a_reason_and_keeps_it(editor):
    number = ingest(BAC_GIANG_REPORT).observations.first()
    with pytest.raises(review.ReviewRefused, match="a rejection needs a reason"):
        review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                                   status=Observation.REJECTED, reason="  ")
    review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                               status=Observation.REJECTED, reason="Số của năm trước")
    number.refresh_from_db()
    assert (number.status, number.review_reason) == ("rejected", "Số của năm trước")
    with pytest.raises(review.ReviewRefused, match="not a review status"):
        review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk), status="ok")


def test_a_review_outside_the_reviewers_provinces_changes_nothing(editor):
    ingest(BAC_GIANG_REPORT)
    ingest(TAY_SON_REPORT)
    both = Observation.objects.filter(pk__in=[Observation.objects.filter(area__short_name="Tây Sơn").first().pk,
                                              Observation.objects.filter(area__short_name="Bắc Giang").first().pk])
    with pytest.raises(NotPermitted, match="you may not review numbers of Huyện Tây Sơn"):
        review.observations_review(user=editor, observations=both, status=Observation.VERIFIED)
    assert not Observation.objects.filter(status="verified").exists()


def test_a_whole_table_is_verified_at_once(editor):
    document = ingest(BAC_GIANG_TABLES)
    table = document.observations.filter(method="table").exclude(source_table="").values_list(
        "source_table", flat=True).first()
    in_table = document.observations.filter(source_table=table, method="table")
    count = review.table_review(user=editor, document=document, source_table=table, status=Observation.VERIFIED)
    assert count == in_table.count() > 1
    assert not in_table.exclude(status="verified").exists()
    assert document.observations.exclude(source_table=table).filter(status="verified").count() == 0


def conflicting(area_key="24"):
    from indicators.models import Area
    area = Area.objects.get(key=area_key)
    indicator = make_indicator(code="test.members")
    first = make_observation(indicator=indicator, area=area, value="89455", in_conflict=True)
    second = make_observation(indicator=indicator, area=area, value="89545", in_conflict=True)
    return first, second


def test_choosing_a_conflicts_value_verifies_it_and_rejects_the_other_with_the_choice_as_reason(client, editor):
    first, second = conflicting()
    client.force_login(editor)
    page = client.get(reverse("reports:quality")).content.decode()
    assert page.count("Chọn giá trị này") == 2
    response = client.post(reverse("reports:conflict_choose"), {"chosen": first.pk, "next": "/quality/"})
    assert response.status_code == 303 and response.url == "/quality/"
    first.refresh_from_db(), second.refresh_from_db()
    assert first.status == "verified" and second.status == "rejected"
    assert second.review_reason.startswith("Đã chọn giá trị 89.455")
    assert not first.in_conflict and not second.in_conflict  # the rejected number contradicts nothing now
    assert "Chọn giá trị này" not in client.get(reverse("reports:quality")).content.decode()


def test_an_editor_of_another_province_may_not_choose(client):
    first, _ = conflicting()
    client.force_login(make_editor("binh-dinh", provinces=["52"]))
    assert "Chọn giá trị này" not in client.get(reverse("reports:quality")).content.decode()
    response = client.post(reverse("reports:conflict_choose"), {"chosen": first.pk})
    assert response.status_code == 403
    assert "Bạn không có quyền xác minh số liệu của Tỉnh Bắc Giang" in response.content.decode()
    first.refresh_from_db()
    assert first.status == "extracted"


def test_the_observation_page_reviews_and_shows_history(client, editor):
    number = ingest(BAC_GIANG_REPORT).observations.first()
    url = reverse("reports:observation", args=[number.pk])
    assert "Xác minh: đúng với báo cáo" not in client.get(url).content.decode()  # a reader: no form
    client.force_login(editor)
    assert "Xác minh: đúng với báo cáo" in client.get(url).content.decode()
    response = client.post(reverse("reports:observation_review", args=[number.pk]),
                           {"status": "rejected", "reason": "Đọc nhầm dòng", "next": url})
    assert response.status_code == 303 and response.url == url
    page = client.get(url).content.decode()
    assert "Loại bỏ" in page and "Đọc nhầm dòng" in page and ">lan<" in page
    bad = client.post(reverse("reports:observation_review", args=[number.pk]), {"status": "rejected"})
    assert bad.status_code == 400 and "a rejection needs a reason" in bad.content.decode()


def test_the_document_page_offers_its_tables_to_verify_to_its_provinces_editors(client, editor):
    document = ingest(BAC_GIANG_TABLES)
    url = reverse("indicators:document", args=[document.pk])
    assert "Xác minh cả bảng" not in client.get(url).content.decode()
    client.force_login(editor)
    page = client.get(url).content.decode()
    assert "Xác minh theo bảng" in page and page.count("Xác minh cả bảng") >= 10
    client.force_login(make_editor("binh-dinh", provinces=["52"]))
    assert "Xác minh cả bảng" not in client.get(url).content.decode()


def test_the_audit_page_lists_every_step_with_its_user_and_its_csv_twin_the_same(client, editor):
    document = ingest(BAC_GIANG_REPORT, user=editor)
    number = document.observations.first()
    review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                               status=Observation.VERIFIED)
    ingest_again = (BAC_GIANG_REPORT.read_text() + "\nBổ sung.\n").encode()
    document_ingest(file_name=BAC_GIANG_REPORT.name, data=ingest_again, user=editor, replace=True)
    assert client.get(reverse("reports:audit")).status_code == 302  # signed-in people only
    client.force_login(editor)
    page = client.get(reverse("reports:audit"), {"document": document.pk}).content.decode()
    for step in ("replaced", "verified", "ingested"):
        assert step in page
    assert page.index("replaced") < page.index("verified") < page.index("ingested")  # newest first
    rows = list(csv.DictReader(io.StringIO(
        b"".join(client.get(reverse("reports:audit_csv"), {"document": document.pk}).streaming_content)
        .decode("utf-8-sig"))))
    assert [(r["kind"], r["reason"], r["user"]) for r in rows] == [
        ("document", "replaced", "lan"), ("observation", "verified", "lan"), ("observation", "extracted", "lan"),
        ("document", "ingested", "lan")]
    assert "sha256:" in rows[0]["changes"]
    assert client.get(reverse("reports:audit"), {"kind": "nothing"}).status_code == 400
    assert client.get(reverse("reports:audit"), {"page": "0"}).status_code == 400


def test_choosing_a_value_verifies_every_statement_of_it_and_rejects_only_the_others(client, editor):
    first, second = conflicting()
    agreeing = make_observation(indicator=first.indicator, area=first.area, value="89455", in_conflict=True)
    client.force_login(editor)
    client.post(reverse("reports:conflict_choose"), {"chosen": first.pk})
    statuses = dict(Observation.objects.filter(pk__in=[first.pk, second.pk, agreeing.pk]).values_list("pk", "status"))
    assert statuses == {first.pk: "verified", agreeing.pk: "verified", second.pk: "rejected"}


def test_the_quality_page_asks_a_fixed_number_of_queries_for_an_editor(client, editor, django_assert_max_num_queries):
    from indicators.models import Area
    indicator = make_indicator(code="test.members")
    districts = list(Area.objects.filter(level="district", parent__key="24"))
    assert len(districts) >= 8
    for area in districts:  # a conflict in each district
        make_observation(indicator=indicator, area=area, value="10", in_conflict=True)
        make_observation(indicator=indicator, area=area, value="11", in_conflict=True)
    client.force_login(editor)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("reports:quality")).content.decode()
    assert page.count("Chọn giá trị này") == 2 * len(districts)


def test_readers_see_a_numbers_state_not_who_set_it(client, editor):
    number = ingest(BAC_GIANG_REPORT).observations.first()
    review.observations_review(user=editor, observations=Observation.objects.filter(pk=number.pk),
                               status=Observation.REJECTED, reason="Số của năm trước")
    page = client.get(reverse("reports:observation", args=[number.pk])).content.decode()
    assert "Loại bỏ" in page and "Số của năm trước" in page and "lan," not in page and "Lịch sử" not in page
    reader = User.objects.create_user("reader")
    client.force_login(reader)
    assert client.get(reverse("reports:audit")).status_code == 403  # the trail is the editors'
    assert client.get(reverse("reports:audit_csv")).status_code == 403
