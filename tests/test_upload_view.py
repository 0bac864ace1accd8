"""reports:upload — editors only; a summary on success, the reason on refusal, nothing written then;
in the reader's language."""
import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reports.models import Document
from reports.warnings import warning_label
from tests.test_decoding import zip_bytes
from tests.test_ingest_service import SAMPLE_001, areas  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="x")
    user.groups.add(Group.objects.get(name="Biên tập viên / Editors"))  # made by the data migration
    client.force_login(user)
    return user


def english(client):
    client.cookies["django_language"] = "en"  # what the language switch sets
    return client


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("reports:upload"))
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_signed_in_without_permission_is_forbidden(client):
    client.force_login(User.objects.create_user("reader", password="x"))
    assert client.get(reverse("reports:upload")).status_code == 403
    assert client.post(reverse("reports:upload")).status_code == 403


def test_editor_sees_the_form(client, editor, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        response = client.get(reverse("reports:upload"))
    assert response.status_code == 200 and b'type="file"' in response.content
    page = response.content.decode()
    assert "Tệp báo cáo (.txt, .md, .docx)" in page and "Chạy thử, không lưu" in page and "Nhập báo cáo" in page
    page = english(client).get(reverse("reports:upload")).content.decode()
    assert "Report file (.txt, .md, .docx)" in page and "Dry run, save nothing" in page and "Ingest the report" in page
    assert "Tệp báo cáo" not in page and "Bắt buộc" not in page


def test_upload_ingests_and_shows_the_summary(client, editor, areas):
    upload = SimpleUploadedFile(SAMPLE_001.name, SAMPLE_001.read_bytes(), content_type="text/plain")
    response = client.post(reverse("reports:upload"), {"file": upload})
    assert response.status_code == 200
    document = Document.objects.get()
    assert document.ingested_by == editor and document.area == areas.tay_son
    page = response.content.decode()
    assert "Đã nhập văn bản mới" in page and '<dd lang="vi">Huyện Tây Sơn</dd>' in page
    assert "<td>Đảng viên</td>" in page and "Party members" not in page
    assert f'href="/documents/{document.pk}/"' in page  # the summary links to the document page


def test_summary_in_english_names_warnings_by_their_label(client, editor, areas):
    upload = SimpleUploadedFile(SAMPLE_001.name, SAMPLE_001.read_bytes(), content_type="text/plain")
    page = english(client).post(reverse("reports:upload"), {"file": upload}).content.decode()
    assert "Ingested a new document" in page and "<td>Party members</td>" in page and "Đã nhập" not in page
    warnings = Document.objects.get().warnings.all()
    assert warnings
    for warning in warnings:
        label = warning_label(warning.code)
        assert label.title_en in page and label.explanation_en in page and label.title_vi not in page
        assert f'<code class="muted small">{warning.code}</code>' in page


def test_dry_run_upload_saves_nothing(client, editor, areas):
    upload = SimpleUploadedFile("001.txt", SAMPLE_001.read_bytes())
    response = client.post(reverse("reports:upload"), {"file": upload, "dry_run": "on"})
    assert response.status_code == 200 and "(chạy thử, không lưu)" in response.content.decode()
    assert not Document.objects.exists()


@pytest.mark.parametrize("name, data, words", [
    ("empty.txt", b"", "the file is empty"),
    ("binary.txt", b"\x00\x01\x02", "binary"),
    ("bomb.docx", zip_bytes({"[Content_Types].xml": b"<x/>", "word/document.xml": b"0" * (8 << 20)}), "zip bomb"),
    ("plain.docx", b"plain text", "not a Word document"),
    ("no-numbers.txt", "Không có số liệu.".encode(), "no numbers"),
])
def test_bad_upload_is_refused_with_its_reason(client, editor, areas, name, data, words):
    response = english(client).post(reverse("reports:upload"), {"file": SimpleUploadedFile(name, data),
                                                               "province": "Bắc Giang"})
    assert response.status_code == 400 and words.lower() in response.content.decode().lower()
    assert not Document.objects.exists()


def test_refusal_is_in_the_readers_language(client, editor):
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("empty.txt", b"")})
    assert response.status_code == 400 and "Tệp rỗng" in response.content.decode()
    assert "the file is empty" not in response.content.decode()


def test_file_over_the_limit_is_refused_by_its_size(client, editor, settings):
    settings.REPORT_MAX_BYTES = 100
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("big.txt", b"1" * 101)})
    assert response.status_code == 400 and "Tệp quá lớn" in response.content.decode()
    response = english(client).post(reverse("reports:upload"), {"file": SimpleUploadedFile("big.txt", b"1" * 101)})
    assert response.status_code == 400 and "too large (the limit is 100\xa0bytes)" in response.content.decode()


def test_report_without_a_place_asks_for_the_province(client, editor, areas):
    data = "Toàn đảng bộ hiện có 89.455 đảng viên.".encode()
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("a.txt", data)})
    assert response.status_code == 400 and "--province" in response.content.decode()
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("a.txt", data), "province": "Bắc Giang"})
    assert response.status_code == 200 and Document.objects.get().area == areas.bac_giang


def test_upload_with_the_reports_date(client, editor, areas):
    data = "Đảng bộ tỉnh Bắc Giang hiện có 89.455 đảng viên.".encode()
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("a.txt", data), "date": "12/03/2024"})
    assert response.status_code == 200 and Document.objects.get().reference_date.isoformat() == "2024-03-12"
    response = client.post(reverse("reports:upload"), {"file": SimpleUploadedFile("b.txt", data), "date": "hôm qua"})
    assert response.status_code == 400
