"""Editors and their provinces: sign-in pages, create_editor, and the province scope every write obeys
(reports/permissions.py) — in the service, the upload's job, the ingest command and the job pages."""
import io
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.gazetteer import find_area_by_key
from indicators.models import Observation
from reports import permissions
from reports.jobs import job_create
from reports.models import Document, IngestJob, ProvinceGrant
from reports.services import NotPermitted, document_ingest
from tests.factories import make_editor
from tests.test_ingest_jobs import run_jobs

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).resolve().parents[1] / "reports" / "samples"
BAC_GIANG_REPORT = next(SAMPLES.glob("000_*.txt"))  # Sở Nội vụ Bắc Giang
TAY_SON_REPORT = next(SAMPLES.glob("001_*.txt"))  # Huyện ủy Tây Sơn, Bình Định


def ingest(path: Path, **options):
    return document_ingest(file_name=path.name, data=path.read_bytes(), **options)


# --- the scope -------------------------------------------------------------------------------------

def test_an_editor_writes_for_the_province_granted_its_districts_and_its_predecessors():
    bac_giang, binh_dinh, new_bac_ninh = find_area_by_key("24"), find_area_by_key("52"), find_area_by_key("24-2025")
    tay_son = find_area_by_key("547")
    of_binh_dinh = make_editor("binh-dinh", provinces=["52"])
    assert permissions.may_write_for(of_binh_dinh, binh_dinh) and permissions.may_write_for(of_binh_dinh, tay_son)
    assert not permissions.may_write_for(of_binh_dinh, bac_giang)
    # the new Bắc Ninh took in Bắc Giang and the old Bắc Ninh: its editor writes for their reports too
    of_bac_ninh = make_editor("bac-ninh", provinces=["24-2025"])
    assert permissions.may_write_for(of_bac_ninh, bac_giang) and permissions.may_write_for(of_bac_ninh, find_area_by_key("27"))
    assert not permissions.may_write_for(of_bac_ninh, binh_dinh)
    # but an editor of the old Bắc Giang does not write for the province it became part of
    assert not permissions.may_write_for(make_editor("bac-giang", provinces=["24"]), new_bac_ninh)
    national = make_editor("national", national=True)
    assert permissions.may_write_for(national, binh_dinh) and permissions.may_write_for(national, new_bac_ninh)


def test_without_the_editor_role_nobody_writes_even_with_a_province_granted():
    reader = User.objects.create_user("reader")
    ProvinceGrant.objects.create(user=reader, province=find_area_by_key("24"))
    assert not permissions.may_write_for(reader, find_area_by_key("24"))
    assert not Document.objects.filter(permissions.areas_q(reader)).exists()


def test_the_queryset_filter_agrees_with_the_object_permission():
    ingest(BAC_GIANG_REPORT)
    ingest(TAY_SON_REPORT)
    of_binh_dinh = make_editor("binh-dinh", provinces=["52"])
    writable = Document.objects.filter(permissions.areas_q(of_binh_dinh))
    assert [d.file_name for d in writable] == [TAY_SON_REPORT.name]  # a district's report, under its province
    assert all(permissions.may_write_for(of_binh_dinh, d) == (d in writable) for d in Document.objects.all())


def test_an_editor_is_refused_a_report_of_another_province_and_nothing_is_written():
    editor = make_editor(provinces=["24"])
    assert ingest(BAC_GIANG_REPORT, user=editor).document_id
    with pytest.raises(NotPermitted, match="you may not ingest reports of Huyện Tây Sơn .*provinces granted: Bắc Giang"):
        ingest(TAY_SON_REPORT, user=editor)
    assert list(Document.objects.values_list("file_name", flat=True)) == [BAC_GIANG_REPORT.name]
    assert Document.objects.get().ingested_by == editor


def test_a_same_name_report_of_another_province_is_another_document_not_a_replacement():
    tay_son = Document.objects.get(pk=ingest(TAY_SON_REPORT).document_id)
    editor = make_editor(provinces=["24"])
    other = document_ingest(file_name=TAY_SON_REPORT.name, data=BAC_GIANG_REPORT.read_bytes(),
                            province="Bắc Giang", user=editor)  # Bắc Giang's report under Tây Sơn's file name
    assert other.outcome == "created" and other.document_id != tay_son.pk
    assert sorted(Document.objects.values_list("area__short_name", flat=True)) == ["Bắc Giang", "Tây Sơn"]
    assert Observation.objects.filter(document=tay_son).count() == tay_son.observations.count() > 30
    assert not tay_son.versions.exists()


def test_an_upload_for_another_province_fails_its_job_with_a_403_message(client):
    editor = make_editor(provinces=["24"])
    client.force_login(editor)
    response = client.post(reverse("reports:upload"),
                           {"file": SimpleUploadedFile(TAY_SON_REPORT.name, TAY_SON_REPORT.read_bytes())})
    assert response.status_code == 303
    run_jobs()
    job = IngestJob.objects.get()
    assert job.status == IngestJob.FAILED and "you may not ingest reports of Huyện Tây Sơn" in job.message
    assert not Observation.objects.exists()
    page = client.get(reverse("reports:job", args=[job.pk])).content.decode()
    assert "Bạn không có quyền nhập báo cáo của Huyện Tây Sơn" in page


def test_the_upload_page_says_which_provinces_the_editor_writes_for(client):
    client.force_login(make_editor(provinces=["24", "52"]))
    page = client.get(reverse("reports:upload")).content.decode()
    assert "Bạn nhập được báo cáo của:" in page and "Bắc Giang, Bình Định" in page


def test_editors_see_their_own_jobs_and_the_national_role_sees_all(client):
    mine, theirs = make_editor("mine", provinces=["24"]), make_editor("theirs", provinces=["52"])
    job = job_create(file_name=TAY_SON_REPORT.name, data=TAY_SON_REPORT.read_bytes(), user=theirs)
    client.force_login(mine)
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 404
    assert client.get(reverse("reports:job_status", args=[job.pk])).status_code == 404
    assert TAY_SON_REPORT.name not in client.get(reverse("reports:upload")).content.decode()
    assert client.post(reverse("reports:job_retry", args=[job.pk])).status_code == 404
    client.force_login(make_editor("national", national=True))
    assert client.get(reverse("reports:job", args=[job.pk])).status_code == 200


# --- the command line ------------------------------------------------------------------------------

def test_create_editor_grants_provinces_by_key_or_name(monkeypatch):
    monkeypatch.setenv("EDITOR_PASSWORD", "mat-khau-dai-1234")
    out = io.StringIO()
    call_command("create_editor", "lan", "--province", "Bắc Giang", "--province", "52", stdout=out)
    user = User.objects.get(username="lan")
    assert user.check_password("mat-khau-dai-1234") and permissions.is_editor(user)
    assert sorted(g.province.key for g in user.province_grants.all()) == ["24", "52"]
    assert "lan (tạo mới / created): giao thêm / newly granted: Tỉnh Bắc Giang, Tỉnh Bình Định" in out.getvalue()
    # run again with another province: added, the password kept
    monkeypatch.setenv("EDITOR_PASSWORD", "something-else-5678")
    call_command("create_editor", "lan", "--province", "Gia Lai", stdout=io.StringIO())
    user.refresh_from_db()
    assert user.check_password("mat-khau-dai-1234") and user.province_grants.count() == 3
    assert permissions.may_write_for(user, find_area_by_key("52-2025"))  # today's Gia Lai


def test_create_editor_refuses_an_unknown_province_and_creates_nothing():
    with pytest.raises(CommandError, match="no province “Xứ Sở Thần Tiên”"):
        call_command("create_editor", "lan", "--province", "Xứ Sở Thần Tiên")
    with pytest.raises(CommandError, match="give at least one --province, or --national"):
        call_command("create_editor", "lan")
    assert not User.objects.exists()


def test_create_editor_without_a_password_leaves_one_to_be_set(monkeypatch):
    monkeypatch.delenv("EDITOR_PASSWORD", raising=False)
    out = io.StringIO()
    call_command("create_editor", "lan", "--national", stdout=out)
    user = User.objects.get(username="lan")
    assert not user.has_usable_password() and permissions.writable_province_ids(user) is None
    assert "manage.py changepassword lan" in out.getvalue()


def test_the_ingest_command_as_an_editor_keeps_to_their_provinces():
    make_editor("lan", provinces=["24"])
    call_command("ingest", str(BAC_GIANG_REPORT), "--user", "lan", stdout=io.StringIO())
    assert Document.objects.get().ingested_by.username == "lan"
    err = io.StringIO()
    with pytest.raises(CommandError, match="file\\(s\\) refused"):
        call_command("ingest", str(TAY_SON_REPORT), "--user", "lan", stdout=io.StringIO(), stderr=err)
    assert "you may not ingest reports of Huyện Tây Sơn" in err.getvalue()
    with pytest.raises(CommandError, match="no editor “nobody”"):
        call_command("ingest", str(TAY_SON_REPORT), "--user", "nobody")


# --- signing in ------------------------------------------------------------------------------------

def test_signed_out_upload_goes_to_the_sites_own_sign_in_page(client):
    response = client.get(reverse("reports:upload"))
    assert response.status_code == 302 and response.url == "/accounts/login/?next=/upload/"
    page = client.get(response.url).content.decode()
    assert "<h1>Đăng nhập</h1>" in page and 'name="next" value="/upload/"' in page and "site-header" in page


def test_an_editor_signs_in_and_out_through_the_pages(client):
    make_editor("lan", provinces=["24"], password="mat-khau-dai-1234")
    response = client.post(reverse("login"), {"username": "lan", "password": "mat-khau-dai-1234", "next": "/upload/"})
    assert response.status_code == 302 and response.url == "/upload/"
    page = client.get("/upload/").content.decode()
    assert 'class="account-name">lan<' in page and "Đăng xuất" in page
    assert client.post(reverse("logout")).status_code == 302
    assert client.get("/upload/").status_code == 302


def test_a_wrong_password_is_told_on_the_page(client):
    make_editor("lan", password="mat-khau-dai-1234")
    page = client.post(reverse("login"), {"username": "lan", "password": "sai"}).content.decode()
    assert 'role="alert"' in page and "mật khẩu" in page.split('role="alert"')[1].split("</ul>")[0].lower()


def test_a_signed_in_reader_without_the_role_gets_a_page_saying_so(client):
    client.force_login(User.objects.create_user("reader"))
    response = client.get(reverse("reports:upload"))
    assert response.status_code == 403
    page = response.content.decode()
    assert "Tài khoản này không có quyền tải báo cáo lên." in page and "Đăng nhập bằng tài khoản khác" in page
    client.cookies["django_language"] = "en"
    assert "This account may not upload reports." in client.get(reverse("reports:upload")).content.decode()
