"""A document's versions: a new version of a stored report replaces it only when the editor says so,
the old one stays readable with what changed in its numbers; a report is the same report by its place and
its number (or its file name), never by its file name alone."""
import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import Observation
from reports import reading, review
from reports.extraction.document import ExtractedDocument
from reports.extraction.metadata import DocumentMetadata
from reports.models import Document, DocumentVersion, IngestJob
from reports.services import NewVersionNeedsConsent, document_ingest
from reports.versions import numbers_diff, report_identity
from tests.factories import make_editor
from tests.test_ingest_jobs import run_jobs
from tests.test_ingest_service import fact

pytestmark = pytest.mark.django_db
SAMPLE = next((Path(__file__).resolve().parents[1] / "reports" / "samples").glob("001_*.txt"))
OLD_WORDS, NEW_WORDS = "Đảng bộ huyện có 58 tổ chức cơ sở đảng", "Đảng bộ huyện có 59 tổ chức cơ sở đảng"


def corrected() -> bytes:
    text = SAMPLE.read_text(encoding="utf-8")
    assert OLD_WORDS in text
    return text.replace(OLD_WORDS, NEW_WORDS, 1).encode()


def test_a_new_version_is_refused_without_consent_then_kept_as_an_old_version():
    first = document_ingest(file_name=SAMPLE.name, data=SAMPLE.read_bytes())
    with pytest.raises(NewVersionNeedsConsent, match="this report is already stored .* with other content"):
        document_ingest(file_name=SAMPLE.name, data=corrected())
    assert Document.objects.get().sha256 == first.sha256 and not DocumentVersion.objects.exists()
    editor = make_editor(provinces=["52"])
    second = document_ingest(file_name=SAMPLE.name, data=corrected(), replace=True, user=editor)
    assert second.outcome == "replaced" and second.document_id == first.document_id
    (old,) = DocumentVersion.objects.all()
    assert (old.number, old.sha256, old.replaced_by) == (1, first.sha256, editor)
    assert old.text == SAMPLE.read_text(encoding="utf-8") and len(old.observations) == first.observation_count


def test_the_old_version_page_shows_what_the_new_one_changed(client):
    first = document_ingest(file_name=SAMPLE.name, data=SAMPLE.read_bytes())
    document_ingest(file_name=SAMPLE.name, data=corrected(), replace=True)
    page = client.get(reverse("indicators:document", args=[first.document_id])).content.decode()
    assert "Phiên bản 1, thay lúc" in page
    html = client.get(reverse("indicators:document_version", args=[first.document_id, 1])).content.decode()
    assert "Đây là một phiên bản cũ" in html and OLD_WORDS in html
    changed = html.split('class="changed"')[1].split("</tr>")[0]
    assert "tổ chức" in changed.lower() and ">58<" in changed and ">59<" in changed
    assert client.get(reverse("indicators:document_version", args=[first.document_id, 2])).status_code == 404
    assert client.get(reverse("indicators:document_version", args=[first.document_id, 1]), {"page": "x"}).status_code == 400


def numbered(monkeypatch, number: str, day: dt.date):
    """Make every report read say it is Báo cáo số `number` of the Tỉnh ủy Bắc Giang of `day`, its one
    number the text's last word."""
    def extract(text, date=None, on_stage=None):
        return ExtractedDocument(
            metadata=DocumentMetadata(issuer="Tỉnh ủy Bắc Giang", number=number, date=day, reference_date=day,
                                      places=[("Bắc Giang", "province")], title="Báo cáo"),
            facts=[fact(text.split()[-1])], warnings=[], lines=text.split("\n"))
    monkeypatch.setattr(reading, "extract_document", extract)


def test_the_same_report_under_another_name_is_a_version_of_it(monkeypatch):
    numbered(monkeypatch, "123-BC/TU", dt.date(2024, 12, 31))
    first = document_ingest(file_name="bao-cao.txt", data=b"ban 1010")
    with pytest.raises(NewVersionNeedsConsent):
        document_ingest(file_name="bao-cao-sua.txt", data=b"ban sua 1012")
    numbered(monkeypatch, "Số: 123-bc/tu", dt.date(2024, 12, 31))  # as another hand typed it
    second = document_ingest(file_name="bao-cao-sua.txt", data=b"ban sua 1012", replace=True)
    assert second.document_id == first.document_id and Document.objects.get().file_name == "bao-cao-sua.txt"
    assert DocumentVersion.objects.get().file_name == "bao-cao.txt"


def test_two_numbered_reports_under_one_file_name_are_two_documents(monkeypatch):
    numbered(monkeypatch, "12-BC/TU", dt.date(2024, 1, 15))
    january = document_ingest(file_name="bao-cao.txt", data=b"thang mot 1010")
    numbered(monkeypatch, "45-BC/TU", dt.date(2024, 2, 20))
    february = document_ingest(file_name="bao-cao.txt", data=b"thang hai 1012")
    assert february.outcome == "created" and february.document_id != january.document_id
    assert Document.objects.count() == 2 and not DocumentVersion.objects.exists()


def test_a_draft_number_without_digits_identifies_nothing():
    assert report_identity(file_name="a.txt", number="/BC-SNV", issuer="Sở Nội vụ", issued_on=dt.date(2024, 3, 1)) \
        == "file:a.txt"
    assert report_identity(file_name="a.txt", number="12-BC/TU", issuer="Tỉnh ủy", issued_on=None) == "file:a.txt"


def test_an_upload_of_a_new_version_fails_until_the_editor_ticks_replace(client):
    document_ingest(file_name=SAMPLE.name, data=SAMPLE.read_bytes())
    client.force_login(make_editor(provinces=["52"]))
    client.post(reverse("reports:upload"), {"file": SimpleUploadedFile(SAMPLE.name, corrected())})
    run_jobs()
    job = IngestJob.objects.get()
    assert job.status == "failed" and "thay phiên bản cũ" in job.message
    assert "Thay phiên bản cũ" in client.get(reverse("reports:upload")).content.decode()
    client.post(reverse("reports:upload"), {"file": SimpleUploadedFile(SAMPLE.name, corrected()), "replace": "on"})
    run_jobs()
    assert IngestJob.objects.latest("pk").status == "succeeded" and DocumentVersion.objects.count() == 1


def test_the_ingest_command_replaces_only_with_replace(tmp_path):
    call_command("ingest", str(SAMPLE), stdout=io.StringIO())
    changed = tmp_path / SAMPLE.name
    changed.write_bytes(corrected())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("ingest", str(changed), stdout=io.StringIO(), stderr=err)
    assert "--replace" in err.getvalue()
    call_command("ingest", str(changed), "--replace", stdout=io.StringIO())
    assert DocumentVersion.objects.count() == 1


def test_the_numbers_diff_of_two_versions():
    def row(indicator, value, breakdown=""):
        return {"indicator": indicator, "area": "24", "period_start": "2024-12-31", "period_end": "2024-12-31",
                "breakdown": breakdown, "value": value}
    older = [row("members", "89455"), row("members", "40000", "sex=female"), row("orgs", "581")]
    newer = [row("members", "89545"), row("orgs", "581"), row("units", "7")]
    diff = numbers_diff(older, newer)
    assert [(r["indicator"], before, after) for r, before, after in diff.changed] == [("members", ["89455"], ["89545"])]
    assert [r["breakdown"] for r in diff.removed] == ["sex=female"]
    assert [r["indicator"] for r in diff.added] == ["units"] and diff.unchanged == 1 and not diff.is_empty


def test_a_replacement_keeps_the_reviews_of_the_numbers_it_states_again():
    first = document_ingest(file_name=SAMPLE.name, data=SAMPLE.read_bytes())
    editor = make_editor(provinces=["52"])
    numbers = Observation.objects.filter(document_id=first.document_id)
    changing = numbers.get(quote__contains="58 tổ chức cơ sở đảng", value=58)
    staying = numbers.exclude(pk=changing.pk).filter(breakdown="").first()
    review.observations_review(user=editor, observations=numbers.filter(pk__in=[changing.pk, staying.pk]),
                               status=Observation.VERIFIED)
    document_ingest(file_name=SAMPLE.name, data=corrected(), replace=True, user=editor)
    again = Observation.objects.filter(document_id=first.document_id)
    kept = again.get(indicator_id=staying.indicator_id, area_id=staying.area_id, period_end=staying.period_end,
                     breakdown="", value=staying.value, source_line=staying.source_line)
    assert (kept.status, kept.reviewed_by) == ("verified", editor)
    assert again.get(quote__contains="59 tổ chức cơ sở đảng", value=59).status == "extracted"  # a new value: unchecked
