"""reports:upload — editors only; the file stored with its job at once (303 to the job's page), which
shows the summary when the worker is done, or the reason of a refusal, nothing written then; in the
reader's language. The worker's own part is jobs.job_run, run here by `run_jobs` (tests/test_ingest_jobs.py
runs django-tasks' real worker)."""
import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import Document, IngestJob
from reports.warnings import warning_label
from tests.test_decoding import zip_bytes
from tests.test_ingest_jobs import run_jobs
from tests.test_ingest_service import SAMPLE_001, areas  # noqa: F401 (fixture)
from tests.factories import make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_editor(provinces=["24", "52"])  # Bắc Giang, Bình Định: the samples' provinces
    client.force_login(user)
    return user


def english(client):
    client.cookies["django_language"] = "en"  # what the language switch sets
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports:upload"))
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")


def test_signed_in_without_permission_is_forbidden(client):
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(reverse("reports:upload")).status_code == 403
    assert client.post(reverse("reports:upload")).status_code == 403


def test_editor_sees_the_form(client, editor, django_assert_max_num_queries):
    # session, user, its permissions (2), its provinces (grants, their predecessors, their names), the jobs
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reports:upload"))
    assert response.status_code == 200 and b'type="file"' in response.content
    page = response.content.decode()
    assert "Tệp báo cáo (.txt, .md, .docx, .pdf)" in page and "Chạy thử, không lưu" in page and "Nhập báo cáo" in page
    page = english(client).get(reverse("reports:upload")).content.decode()
    assert "Report file (.txt, .md, .docx, .pdf)" in page and "Dry run, save nothing" in page and "Ingest the report" in page
    assert "Tệp báo cáo" not in page and "Bắt buộc" not in page


def upload(client, name, data, **fields):
    """Post the file: the job is stored and the editor sent to its page; the worker runs it; its page."""
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile(name, data), **fields})
    assert response.status_code == 303, response.content.decode()
    job = IngestJob.objects.get(file_name=name, status=IngestJob.QUEUED)
    assert response.url == reverse("reports:job", args=[job.pk])
    run_jobs()
    job.refresh_from_db()
    page = client.get(response.url)
    assert page.status_code == 200
    return job, page.content.decode()


def test_upload_ingests_and_shows_the_summary(client, editor, areas):
    job, page = upload(client, SAMPLE_001.name, SAMPLE_001.read_bytes())
    document = Document.objects.get()
    assert job.status == "succeeded" and job.document == document and job.progress == 100
    assert document.ingested_by == editor and document.area == areas.tay_son
    assert "Đã nhập văn bản mới" in page and '<dd lang="vi">Huyện Tây Sơn</dd>' in page
    assert "<td>Đảng viên</td>" in page and "Party members" not in page
    assert f'href="/documents/{document.pk}/"' in page  # the summary links to the document page
    assert 'value="100"' in page and "js/ingest_job.js" not in page  # done: nothing left to follow
    listing = client.get(reverse("reports:upload")).content.decode()
    assert f'href="/upload/jobs/{job.pk}/"' in listing and "Xong" in listing


def test_summary_in_english_names_warnings_by_their_label(client, editor, areas):
    _, page = upload(english(client), SAMPLE_001.name, SAMPLE_001.read_bytes())
    assert "Ingested a new document" in page and "<td>Party members</td>" in page and "Đã nhập" not in page
    warnings = Document.objects.get().warnings.all()
    assert warnings
    for warning in warnings:
        label = warning_label(warning.code)
        assert label.title_en in page and label.explanation_en in page and label.title_vi not in page
        assert f'<code class="muted small">{warning.code}</code>' in page


def test_dry_run_upload_saves_nothing(client, editor, areas):
    job, page = upload(client, "001.txt", SAMPLE_001.read_bytes(), dry_run="on")
    assert job.status == "succeeded" and "(chạy thử, không lưu)" in page
    assert not Document.objects.exists() and job.document is None


@pytest.mark.parametrize("name, data, words", [
    ("binary.txt", b"\x00\x01\x02", "binary"),
    ("bomb.docx", zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"0" * (8 << 20)}), "zip bomb"),
    ("plain.docx", b"plain text", "not a Word document"),
    ("no-numbers.txt", "Không có số liệu.".encode(), "no numbers"),
])
def test_bad_upload_fails_its_job_with_its_reason(client, editor, areas, name, data, words):
    job, page = upload(english(client), name, data, province="Bắc Giang")
    assert job.status == "failed" and words.lower() in job.message.lower()
    assert words.lower() in page.lower() and "Thử lại" not in page and ">Retry<" in page
    assert not Document.objects.exists() and bytes(job.data) == data  # kept for a retry


def test_an_empty_file_is_refused_at_once_in_the_readers_language(client, editor):
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("empty.txt", b"")})
    assert response.status_code == 400 and "Tệp rỗng" in response.content.decode()
    assert "the file is empty" not in response.content.decode() and not IngestJob.objects.exists()


def test_file_over_the_limit_is_refused_by_its_size(client, editor, settings):
    settings.REPORT_MAX_BYTES = 100
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("big.txt", b"1" * 101)})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()
    response = english(client).post(reverse("reports:upload"), {"file": SimpleUploadedFile("big.txt", b"1" * 101)})
    assert response.status_code == 400 and "too large (the limit is 100\xa0bytes)" in response.content.decode()
    assert not IngestJob.objects.exists()


def test_report_without_a_place_asks_for_the_province(client, editor, areas):
    data = "Toàn đảng bộ hiện có 89.455 đảng viên.".encode()
    job, page = upload(client, "a.txt", data)
    assert job.status == "failed" and "--province" in page
    job, _ = upload(client, "a.txt", data, province="Bắc Giang")
    assert job.status == "succeeded" and Document.objects.get().area == areas.bac_giang


def test_upload_with_the_reports_date(client, editor, areas):
    data = "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()
    upload(client, "a.txt", data, date="12/03/2024")
    assert Document.objects.get().reference_date.isoformat() == "2024-03-12"
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("b.txt", data), "date": "hôm qua"})
    assert response.status_code == 400 and not IngestJob.objects.filter(file_name="b.txt").exists()


def test_the_same_bytes_while_their_job_waits_are_a_409_with_a_link_to_it(client, editor, areas):
    data = SAMPLE_001.read_bytes()
    first = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile(SAMPLE_001.name, data)})
    waiting = IngestJob.objects.get()
    response = english(client).post(reverse("reports:upload"), {"file": SimpleUploadedFile("copy.txt", data)})
    page = response.content.decode()
    assert first.status_code == 303 and response.status_code == 409
    assert f"already being ingested (“{SAMPLE_001.name}”, job #{waiting.pk})" in page
    assert f'href="/upload/jobs/{waiting.pk}/"' in page and IngestJob.objects.count() == 1


# --- every failure a message (issue 10, item 3) ----------------------------------------------

HEADER = "TỈNH ỦY BẮC GIANG\n\nBắc Giang, ngày 12 tháng 3 năm 2024\n\nBÁO CÁO\n\n"


@pytest.mark.parametrize("sentence", [
    "Toàn đảng bộ hiện có 1234567890123456789012345 đảng viên.",
    "Giai đoạn 2025 - 2020, kết nạp 1.234 đảng viên.",
])
def test_a_giant_number_or_a_reversed_period_is_no_500(client, editor, areas, sentence):
    data = (HEADER + sentence + "\n\nToàn đảng bộ hiện có 89.455 đảng viên.\n").encode()
    job, _ = upload(client, "report.txt", data)
    assert job.status == "succeeded" and Document.objects.exists()


def test_a_header_year_0000_is_no_500(client, editor, areas):
    data = (HEADER.replace("2024", "0000") + "Toàn đảng bộ hiện có 89.455 đảng viên.\n").encode()
    job, page = upload(english(client), "y0.txt", data, date="12/03/2024")
    assert job.status in ("succeeded", "failed")
    if job.status == "failed":
        assert "errorlist" in page and not Document.objects.exists()


@pytest.mark.parametrize("words", ["server closed the connection unexpectedly", "database or disk is full"])
def test_a_database_failure_fails_the_job_with_a_sentence(client, editor, areas, monkeypatch, words):
    from django.db import OperationalError

    from indicators.models import Observation

    def fail(*args, **kwargs):
        raise OperationalError(words)
    monkeypatch.setattr(Observation.objects, "bulk_create", fail)
    job, page = upload(english(client), SAMPLE_001.name, SAMPLE_001.read_bytes())
    assert job.status == "failed" and f"the database failed ({words}): nothing was stored" in page.lower()
    assert "Lỗi cơ sở dữ liệu" not in page and not Document.objects.exists()
    client.cookies["django_language"] = "vi"
    assert "Lỗi cơ sở dữ liệu" in client.get(reverse("reports:job", args=[job.pk])).content.decode()


@pytest.mark.parametrize("language, words", [("vi", "đã có"), ("en", "Already there")])
def test_two_ingests_of_the_same_file_at_once_the_losers_job_says_so(client, editor, areas, monkeypatch,
                                                                     language, words):
    import hashlib

    from tests.test_ingest_service import competing_ingest

    data = SAMPLE_001.read_bytes()
    # another ingest stored the file (same name, same bytes) after this one looked and before it wrote
    competing_ingest(monkeypatch, file_name=SAMPLE_001.name, sha256=hashlib.sha256(data).hexdigest())
    monkeypatch.setattr(Document.objects, "select_for_update", lambda: Document.objects.none())
    job, page = upload(english(client) if language == "en" else client, SAMPLE_001.name, data)
    assert job.status == "failed" and words in page
    assert Document.objects.count() == 1 and not Document.objects.get().observations.exists()


def test_an_upload_from_which_nothing_could_be_stored_says_so(client, editor, areas):
    data = "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()  # undated: nothing can be stored
    job, page = upload(english(client), "a.txt", data)
    assert job.status == "succeeded" and "nothing could be stored from this file" in page.lower()


# --- upload limits before reading (issue 10, item 6) -----------------------------------------

@pytest.fixture
def body_reads(monkeypatch):
    """Every time a request's body is parsed or read, by anyone (the CSRF middleware included)."""
    from django.core.handlers.wsgi import WSGIRequest

    reads = []
    parse, read = WSGIRequest._load_post_and_files, WSGIRequest.read

    def spy_parse(self):
        reads.append("parse")
        return parse(self)

    def spy_read(self, *args):
        reads.append("read")
        return read(self, *args)
    monkeypatch.setattr(WSGIRequest, "_load_post_and_files", spy_parse)
    monkeypatch.setattr(WSGIRequest, "read", spy_read)
    return reads


def large_body(size):
    boundary = "BoUnDaRy"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\n"
            f"Content-Type: text/plain\r\n\r\n").encode() + b"1" * size + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def test_a_body_over_the_limit_is_refused_before_it_is_read(client, editor, settings, body_reads):
    body, content_type = large_body(settings.REPORT_MAX_BYTES + settings.UPLOAD_OVERHEAD_BYTES + 1)
    response = client.post(reverse("reports:upload"), body, content_type=content_type)
    assert response.status_code == 413 and "Tệp quá lớn (tối đa 20,0\xa0MB)" in response.content.decode()
    assert body_reads == [] and not (Document.objects.exists() or IngestJob.objects.exists())
    response = english(client).post(reverse("reports:upload"), b"", content_type=content_type,
                                    CONTENT_LENGTH=str(500 * 1024 * 1024))  # declared: never read
    assert response.status_code == 413 and "The file is too large" in response.content.decode()
    assert body_reads == []


def test_an_accepted_upload_is_never_spooled_to_disk(client, editor, areas, settings, monkeypatch):
    from django.core.files.uploadhandler import TemporaryFileUploadHandler

    assert settings.FILE_UPLOAD_HANDLERS == ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE >= settings.REPORT_MAX_BYTES + settings.UPLOAD_OVERHEAD_BYTES

    def no_disk(self, *args, **kwargs):
        raise AssertionError("written to a temporary file")
    monkeypatch.setattr(TemporaryFileUploadHandler, "new_file", no_disk)
    upload = SimpleUploadedFile(SAMPLE_001.name, SAMPLE_001.read_bytes())
    assert client.post(reverse("reports:upload"), {"file": upload}).status_code == 303


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_signed_out_or_unpermitted_upload_is_refused_before_its_body_is_read(signed_in, body_reads):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)  # the CSRF middleware, which reads request.POST, runs for real
    client.get(reverse("reports:upload"))
    client.cookies["csrftoken"] = "a" * 32  # a visitor's cookie: the middleware would go on to read the body
    if signed_in:
        client.force_login(User.objects.create_user("reader", password="x"))
    body, content_type = large_body(5 * 1024 * 1024)
    response = client.post(reverse("reports:upload"), body, content_type=content_type)
    assert response.status_code == (403 if signed_in else 302) and body_reads == []
    assert not (Document.objects.exists() or IngestJob.objects.exists())


def test_the_csrf_check_still_guards_the_upload(editor, areas):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    upload = SimpleUploadedFile(SAMPLE_001.name, SAMPLE_001.read_bytes())
    assert client.post(reverse("reports:upload"), {"file": upload}).status_code == 403  # no token
    page = client.get(reverse("reports:upload")).content.decode()
    token = page.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    upload = SimpleUploadedFile(SAMPLE_001.name, SAMPLE_001.read_bytes())
    response = client.post(reverse("reports:upload"), {"file": upload, "csrfmiddlewaretoken": token})
    assert response.status_code == 303 and IngestJob.objects.exists()
